//! Bounds on the untrusted text lkms parses: parameter files, JSON
//! documents and JMESPath queries.
//!
//! Each bound sits far above anything a real policy, context or query needs
//! and far below what would exhaust the stack or memory, so an oversized
//! input is refused with a message naming the bound instead of crashing
//! the process (a recursive parser, evaluator or destructor overflows the
//! stack on input nested tens of thousands of levels deep).

use jmespath::ast::Ast;

/// The most bytes lkms reads from one `file://` or `fileb://` parameter
/// (1 MiB): AWS's largest parameters (a 32 KiB key policy, a 6 KiB
/// ciphertext, wrapped RSA-4096 key material) are far smaller.
pub const MAX_PARAMETER_FILE_BYTES: u64 = 1 << 20;

/// The deepest nesting of arrays and objects lkms accepts in a JSON
/// document it is given (a policy nests six levels, a context two).
pub const MAX_JSON_DEPTH: usize = 32;

/// The longest `--query` expression, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;

/// The deepest `--query` expression tree (each `.`, `|`, `[...]`, `!`,
/// function call or comparison is one level): the AWS CLI's Python
/// evaluator stops at a few hundred levels by its recursion limit.
pub const MAX_QUERY_DEPTH: usize = 128;

/// The deepest nesting of arrays and objects in `text`, skipping strings.
///
/// It reads any text, valid JSON or not, in one pass without recursion,
/// so it can run before a recursive parser sees the text.
pub fn json_depth(text: impl AsRef<[u8]>) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text.as_ref() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Refuses JSON text nested deeper than [`MAX_JSON_DEPTH`]; the message
/// names `what` the text is, its depth and the bound.
pub fn check_json_depth(text: &str, what: &str) -> Result<(), String> {
    let depth = json_depth(text);
    if depth > MAX_JSON_DEPTH {
        return Err(format!(
            "{what} nests arrays and objects {depth} levels deep; lkms reads at most {MAX_JSON_DEPTH}"
        ));
    }
    Ok(())
}

/// Why a `--query` expression was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// Longer than [`MAX_QUERY_BYTES`] (its length).
    TooLong(usize),
    /// Nested deeper than [`MAX_QUERY_DEPTH`] (its depth).
    TooDeep(usize),
    /// Not valid JMESPath (the parser's message).
    Invalid(String),
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryError::TooLong(n) => write!(
                f,
                "the expression is {n} bytes long; lkms takes at most {MAX_QUERY_BYTES}"
            ),
            QueryError::TooDeep(n) => write!(
                f,
                "the expression nests {n} levels deep; lkms takes at most {MAX_QUERY_DEPTH}"
            ),
            QueryError::Invalid(m) => write!(f, "not valid JMESPath: {m}"),
        }
    }
}

/// Compiles a JMESPath expression within the bounds above.
///
/// The length bound comes first: it keeps the parser, whose recursion
/// follows brackets and prefix operators, and the tree's destructor within
/// the stack. The depth bound then keeps the evaluator, which recurses once
/// per level of the tree, far from it.
pub fn compile_query(text: &str) -> Result<jmespath::Expression<'static>, QueryError> {
    if text.len() > MAX_QUERY_BYTES {
        return Err(QueryError::TooLong(text.len()));
    }
    let expr = jmespath::compile(text).map_err(|e| QueryError::Invalid(e.to_string()))?;
    let depth = ast_depth(expr.as_ast());
    if depth > MAX_QUERY_DEPTH {
        return Err(QueryError::TooDeep(depth));
    }
    Ok(expr)
}

/// The depth of an expression tree, walked with an explicit stack.
fn ast_depth(root: &Ast) -> usize {
    let mut max = 0;
    let mut stack = vec![(root, 1usize)];
    while let Some((node, depth)) = stack.pop() {
        max = max.max(depth);
        let children: Vec<&Ast> = match node {
            Ast::Comparison { lhs, rhs, .. }
            | Ast::And { lhs, rhs, .. }
            | Ast::Or { lhs, rhs, .. }
            | Ast::Projection { lhs, rhs, .. }
            | Ast::Subexpr { lhs, rhs, .. } => vec![lhs, rhs],
            Ast::Condition {
                predicate, then, ..
            } => vec![predicate, then],
            Ast::Expref { ast: node, .. }
            | Ast::Flatten { node, .. }
            | Ast::Not { node, .. }
            | Ast::ObjectValues { node, .. } => vec![node],
            Ast::Function { args, .. } | Ast::MultiList { elements: args, .. } => {
                args.iter().collect()
            }
            Ast::MultiHash { elements, .. } => elements.iter().map(|kv| &kv.value).collect(),
            Ast::Identity { .. }
            | Ast::Field { .. }
            | Ast::Index { .. }
            | Ast::Literal { .. }
            | Ast::Slice { .. } => Vec::new(),
        };
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_depth_skips_strings_and_counts_both_brackets() {
        assert_eq!(json_depth(""), 0);
        assert_eq!(json_depth(r#"{"a":"[[[{"}"#), 1);
        assert_eq!(json_depth(r#"{"a":"\"[["}"#), 1);
        assert_eq!(json_depth(r#"{"a":[{"b":[1]}]}"#), 4);
        assert_eq!(json_depth("]]]][[]"), 2);
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(json_depth(&deep), 40);
        let err = check_json_depth(&deep, "--policy").expect_err("too deep");
        assert!(err.contains("40 levels") && err.contains("32"), "{err}");
        assert!(
            check_json_depth(r#"{"Statement":[{"Condition":{"A":{"b":["c"]}}}]}"#, "p").is_ok()
        );
    }

    #[test]
    fn queries_are_bounded_in_length_and_depth() {
        assert!(compile_query("Keys[?KeyId=='x'].KeyArn | [0]").is_ok());
        let long = vec!["a"; 3000].join(".");
        assert_eq!(compile_query(&long).err(), Some(QueryError::TooLong(5999)));
        let chain = vec!["a"; 200].join(".");
        assert!(matches!(compile_query(&chain), Err(QueryError::TooDeep(_))));
        let nots = format!("{}a", "!".repeat(500));
        assert!(matches!(
            compile_query(&nots),
            Err(QueryError::TooDeep(501))
        ));
        let ok = vec!["a"; 100].join(".");
        assert!(compile_query(&ok).is_ok());
        assert!(matches!(compile_query("a[?"), Err(QueryError::Invalid(_))));
    }
}
