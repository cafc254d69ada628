//! `--output yaml` and `yaml-stream`: a small YAML emitter for JSON values,
//! in the block style the AWS CLI prints (list items at their key's
//! indentation). A string is written plain only when YAML cannot read it
//! as anything else; otherwise it is quoted.

use serde_json::Value;

/// The AWS CLI's `yaml`.
pub fn yaml(value: &Value) -> String {
    let mut out = String::new();
    block(value, 0, &mut out);
    out
}

/// The AWS CLI's `yaml-stream`: each response a list item.
pub fn yaml_stream(value: &Value) -> String {
    yaml(&Value::Array(vec![value.clone()]))
}

/// Words YAML 1.1 reads as booleans or null.
const KEYWORDS: &[&str] = &[
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
];

fn string(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./@+=:-".contains(c))
        && !s.ends_with(':')
        && !KEYWORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        s.to_owned()
    } else if s.chars().all(|c| !c.is_control()) {
        format!("'{}'", s.replace('\'', "''"))
    } else {
        // A JSON string is a valid YAML double-quoted scalar.
        Value::String(s.to_owned()).to_string()
    }
}

/// A value written on its key's line: scalars and empty collections.
fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(string(s)),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(m) if m.is_empty() => Some("{}".into()),
        _ => None,
    }
}

fn block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    if let Some(s) = inline(value) {
        out.push_str(&pad);
        out.push_str(&s);
        out.push('\n');
        return;
    }
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                out.push_str(&pad);
                out.push_str(&string(k));
                out.push(':');
                match inline(v) {
                    Some(s) => {
                        out.push(' ');
                        out.push_str(&s);
                        out.push('\n');
                    }
                    None => {
                        out.push('\n');
                        let inner = if v.is_array() { indent } else { indent + 2 };
                        block(v, inner, out);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                // The item as a block two columns in, its first line's
                // indentation replaced by "- ".
                let mut sub = String::new();
                block(item, indent + 2, &mut sub);
                out.push_str(&pad);
                out.push_str("- ");
                out.push_str(&sub[indent + 2..]);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn block_style_as_the_aws_cli() {
        let v = json!({
            "KeyMetadata": {
                "AWSAccountId": "111122223333",
                "Arn": "arn:aws:kms:us-east-1:111122223333:key/abc",
                "Enabled": true,
                "Description": "",
                "CreationDate": "2026-11-29T01:50:08.123456+00:00",
                "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
                "Tags": [],
            },
            "Keys": [{"KeyId": "a", "KeyArn": "x"}, {"KeyId": "it's on"}],
            "Nested": [[1, 2], {}],
            "Context": {"app name": "yes"},
        });
        assert_eq!(
            yaml(&v),
            "KeyMetadata:\n  AWSAccountId: '111122223333'\n  \
             Arn: arn:aws:kms:us-east-1:111122223333:key/abc\n  Enabled: true\n  \
             Description: ''\n  CreationDate: '2026-11-29T01:50:08.123456+00:00'\n  \
             EncryptionAlgorithms:\n  - SYMMETRIC_DEFAULT\n  Tags: []\n\
             Keys:\n- KeyId: a\n  KeyArn: x\n- KeyId: 'it''s on'\n\
             Nested:\n- - 1\n  - 2\n- {}\n\
             Context:\n  'app name': 'yes'\n"
        );
        assert_eq!(yaml(&json!("abc")), "abc\n");
        assert_eq!(yaml(&json!("a\nb")), "\"a\\nb\"\n");
        assert_eq!(yaml_stream(&json!({"A": 1})), "- A: 1\n");
    }
}
