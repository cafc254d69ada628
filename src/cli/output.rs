//! Rendering responses: JSON, the AWS CLI's text format, or a table, after an
//! optional JMESPath `--query`.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::Value;

use super::args::OutputFormat;
use super::exit::{CliError, CliResult};

/// How to print responses.
#[derive(Debug, Clone)]
pub struct Renderer {
    format: OutputFormat,
    query: Option<jmespath::Expression<'static>>,
}

impl Renderer {
    /// Picks the format (table on a terminal, JSON otherwise) and compiles the query.
    pub fn new(format: Option<OutputFormat>, query: Option<&str>) -> CliResult<Self> {
        let format = format.unwrap_or(if io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Json
        });
        let query = query
            .map(|q| {
                use lkms::limits::QueryError;
                lkms::limits::compile_query(&legacy_literals(q)).map_err(|e| match e {
                    QueryError::Invalid(e) => {
                        CliError::Param(format!("--query {q:?} is not valid JMESPath: {e}"))
                    }
                    // Too big to quote back.
                    e => CliError::Param(format!("--query: {e}")),
                })
            })
            .transpose()?;
        Ok(Renderer { format, query })
    }

    /// Prints a response on stdout. A `null` response (operations that return
    /// nothing, like `enable-key`) prints nothing, as the AWS CLI does.
    pub fn print(&self, value: Value) -> CliResult<()> {
        if value.is_null() {
            return Ok(());
        }
        let value = match &self.query {
            Some(q) => {
                let data = jmespath::Variable::try_from(value)
                    .map_err(|e| CliError::Param(format!("--query: {e}")))?;
                let found = q
                    .search(data)
                    .map_err(|e| CliError::Param(format!("--query: {e}")))?;
                serde_json::to_value(&*found)
                    .map_err(|e| CliError::Param(format!("--query: {e}")))?
            }
            None => value,
        };
        let text = match self.format {
            OutputFormat::Json => json(&value),
            OutputFormat::Text => text(&value),
            OutputFormat::Table => table(&value),
            OutputFormat::Yaml => super::yaml::yaml(&value),
            OutputFormat::YamlStream => super::yaml::yaml_stream(&value),
        };
        let mut out = io::stdout().lock();
        // A closed pipe (`| head`) fails as with the AWS CLI (exit 255): a
        // script with `set -o pipefail` must not take partial output for all.
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| CliError::Lib(lkms::Error::io("writing standard output", e)))
    }
}

/// Rewrites the legacy literals the AWS CLI's jmespath.py still takes:
/// a backtick literal that is not valid JSON (``[?TagKey==`team`]``) is
/// the JSON string of its text, left-trimmed (JEP-12's deprecated form).
/// Raw strings ('...') and quoted identifiers ("...") are left alone.
fn legacy_literals(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            '`' => {
                let mut raw = String::new();
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => match chars.next() {
                            Some('`') => raw.push('`'),
                            Some(e) => {
                                raw.push('\\');
                                raw.push(e);
                            }
                            None => raw.push('\\'),
                        },
                        '`' => {
                            closed = true;
                            break;
                        }
                        d => raw.push(d),
                    }
                }
                let literal = if !closed || serde_json::from_str::<Value>(&raw).is_ok() {
                    None
                } else {
                    serde_json::from_str::<Value>(&format!("\"{}\"", raw.trim_start()))
                        .ok()
                        .map(|v| v.to_string())
                };
                out.push('`');
                out.push_str(&literal.unwrap_or(raw).replace('`', "\\`"));
                if closed {
                    out.push('`');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// JSON indented by four spaces, as the AWS CLI prints it.
fn json(value: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if serde::Serialize::serialize(value, &mut ser).is_err() {
        return format!("{value}\n");
    }
    let mut s = String::from_utf8(buf).unwrap_or_default();
    s.push('\n');
    s
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("None".into()),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The AWS CLI's text format: scalars of an object on one tab-separated line
/// (keys sorted), nested values on following lines headed by their key in
/// upper case; a list of scalars on one line.
fn text(value: &Value) -> String {
    let mut out = String::new();
    text_into(value, None, &mut out);
    out
}

fn text_into(value: &Value, ident: Option<&str>, out: &mut String) {
    let line = |cols: Vec<String>, out: &mut String| {
        let mut cols = cols;
        if let Some(id) = ident {
            cols.insert(0, id.to_uppercase());
        }
        out.push_str(&cols.join("\t"));
        out.push('\n');
    };
    match value {
        Value::Array(items) => {
            if let Some(cols) = items.iter().map(scalar).collect::<Option<Vec<_>>>() {
                if !cols.is_empty() {
                    line(cols, out);
                }
            } else {
                for item in items {
                    text_into(item, ident, out);
                }
            }
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let cols: Vec<String> = keys.iter().filter_map(|k| scalar(&map[*k])).collect();
            if !cols.is_empty() {
                line(cols, out);
            }
            for k in keys.iter().filter(|k| scalar(&map[**k]).is_none()) {
                text_into(&map[*k], Some(k), out);
            }
        }
        v => line(vec![scalar(v).unwrap_or_default()], out),
    }
}

fn new_table() -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    // Fit the terminal (or $COLUMNS when there is none), unless it reports
    // no usable width (a fresh pty says 0 columns): then wrapping would put
    // one character per line.
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok());
    if let Some(w) = t.width().or(columns).filter(|w| *w >= 40) {
        t.set_width(w);
        t.set_content_arrangement(ContentArrangement::Dynamic);
    }
    t
}

fn cell(v: &Value) -> String {
    match v {
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        Value::Object(_) => v.to_string(),
        v => scalar(v).unwrap_or_default(),
    }
}

fn is_object_list(v: &Value) -> bool {
    matches!(v, Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_object))
}

/// A list of objects becomes a table with a column per field; an object a
/// two-column table of its fields (nested objects flattened with dots), with
/// any list of objects inside it as its own table below.
fn table(value: &Value) -> String {
    let mut out = String::new();
    table_into(value, None, &mut out);
    out
}

fn table_into(value: &Value, title: Option<&str>, out: &mut String) {
    if let Some(t) = title {
        out.push_str(t);
        out.push('\n');
    }
    match value {
        Value::Array(items) if is_object_list(value) => {
            let mut cols: Vec<String> = Vec::new();
            for item in items {
                if let Value::Object(m) = item {
                    for k in m.keys() {
                        if !cols.contains(k) {
                            cols.push(k.clone());
                        }
                    }
                }
            }
            let mut t = new_table();
            t.set_header(cols.clone());
            for item in items {
                t.add_row(
                    cols.iter()
                        .map(|c| item.get(c).map(cell).unwrap_or_default()),
                );
            }
            out.push_str(&t.to_string());
            out.push('\n');
        }
        Value::Object(map) => {
            let mut t = new_table();
            let mut rows = 0;
            let mut lists = Vec::new();
            flatten(map, "", &mut |k, v| {
                if is_object_list(v) {
                    lists.push((k.to_owned(), v.clone()));
                } else {
                    t.add_row(vec![k.to_owned(), cell(v)]);
                    rows += 1;
                }
            });
            if rows > 0 {
                out.push_str(&t.to_string());
                out.push('\n');
            }
            for (k, v) in lists {
                table_into(&v, Some(&k), out);
            }
            if rows == 0
                && map
                    .values()
                    .all(|v| matches!(v, Value::Array(a) if a.is_empty()))
            {
                out.push_str("(none)\n");
            }
        }
        v => {
            out.push_str(&cell(v));
            out.push('\n');
        }
    }
}

fn flatten(map: &serde_json::Map<String, Value>, prefix: &str, f: &mut impl FnMut(&str, &Value)) {
    for (k, v) in map {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            Value::Object(inner) => flatten(inner, &key, f),
            v => f(&key, v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_output_follows_the_aws_cli() {
        assert_eq!(text(&json!("abc")), "abc\n");
        assert_eq!(
            text(
                &json!({"KeyMetadata": {"KeyId": "k", "Enabled": true, "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"]}})
            ),
            "KEYMETADATA\tTrue\tk\nENCRYPTIONALGORITHMS\tSYMMETRIC_DEFAULT\n"
        );
        assert_eq!(
            text(
                &json!({"Keys": [{"KeyId": "a", "KeyArn": "x"}, {"KeyId": "b", "KeyArn": "y"}], "Truncated": false})
            ),
            "False\nKEYS\tx\ta\nKEYS\ty\tb\n"
        );
    }

    #[test]
    fn legacy_backtick_literals_are_json_strings() {
        assert_eq!(
            legacy_literals("Tags[?TagKey==`team`]"),
            "Tags[?TagKey==`\"team\"`]"
        );
        // Valid JSON literals, raw strings and quoted identifiers stay.
        for q in [
            "a[?b==`\"x\"`]",
            "a[?n==`1`]",
            "a[?b==`true`]",
            "a[?b=='`x`']",
            "\"`k`\".a",
            "a[?b==`{\"k\": 1}`]",
        ] {
            assert_eq!(legacy_literals(q), q);
        }
        assert_eq!(legacy_literals("a[?b==`  x y`]"), "a[?b==`\"x y\"`]");
        assert_eq!(legacy_literals("a[?b==`x\\`y`]"), "a[?b==`\"x\\`y\"`]");
        let data = jmespath::Variable::try_from(serde_json::json!(
            {"Tags": [{"TagKey": "team", "TagValue": "ops"}, {"TagKey": "env", "TagValue": "prod"}]}
        ))
        .expect("variable");
        let found = jmespath::compile(&legacy_literals("Tags[?TagKey==`team`].TagValue | [0]"))
            .expect("compiles")
            .search(data)
            .expect("search");
        assert_eq!(found.as_string().map(String::as_str), Some("ops"));
    }

    #[test]
    fn json_is_indented_by_four() {
        assert_eq!(json(&json!({"A": 1})), "{\n    \"A\": 1\n}\n");
    }
}
