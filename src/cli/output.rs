//! Rendering responses: JSON, the AWS CLI's text format, or a table, after an
//! optional JMESPath `--query`.

mod table;

use std::io::{self, IsTerminal, Write};

use serde_json::Value;

use super::args::{Color, OutputFormat};
use super::exit::{CliError, CliResult};

/// How to print responses.
#[derive(Debug, Clone)]
pub struct Renderer {
    format: OutputFormat,
    query: Option<jmespath::Expression<'static>>,
    colour: bool,
}

impl Renderer {
    /// Picks the format (table on a terminal, JSON otherwise) and colour
    /// (`--color`; by default on a terminal unless `$NO_COLOR` is set), and
    /// compiles the query.
    pub fn new(
        format: Option<OutputFormat>,
        query: Option<&str>,
        color: Option<Color>,
    ) -> CliResult<Self> {
        let terminal = io::stdout().is_terminal();
        let format = format.unwrap_or(if terminal {
            OutputFormat::Table
        } else {
            OutputFormat::Json
        });
        let colour = match color {
            Some(Color::On) => true,
            Some(Color::Off) => false,
            Some(Color::Auto) | None => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
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
        Ok(Renderer {
            format,
            query,
            colour,
        })
    }

    /// Prints the response of `operation` (its AWS name, the title of a
    /// table) on stdout. A `null` response (operations that return nothing,
    /// like `enable-key`) prints nothing, as the AWS CLI does.
    pub fn print(&self, operation: &str, value: Value) -> CliResult<()> {
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
            OutputFormat::Table => table::render(
                operation,
                &value,
                table::Layout {
                    terminal_width: terminal_width(),
                    colour: self.colour,
                },
            ),
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

/// The width of the terminal on stdout, else 80, as the AWS CLI finds it
/// (it asks the terminal and ignores `$COLUMNS`). A terminal that reports
/// no columns (a fresh pseudo-terminal) counts as none.
fn terminal_width() -> usize {
    terminal_size::terminal_size_of(io::stdout()).map_or(80, |(w, _)| usize::from(w.0))
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

/// A scalar as the AWS CLI prints it in text and tables (Python's `str`);
/// `None` for lists and objects.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("None".into()),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        Value::Number(n) if n.is_f64() => {
            Some(n.as_f64().map_or_else(|| n.to_string(), python_float))
        }
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// A float as Python's `repr`: the shortest digits that read back the same
/// value, positional with at least one decimal from 1e-4 up to 1e16,
/// else scientific with a signed exponent of at least two digits
/// (`1e+16`, `1.5e-05`).
fn python_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "nan".into()
        } else if f > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    // Rust's `{:e}` is the shortest round-trip form: `-1.5e-7`, `1e16`.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let point = point as usize;
            let int = if digits.len() >= point {
                digits[..point].to_owned()
            } else {
                format!("{digits}{}", "0".repeat(point - digits.len()))
            };
            let frac = digits.get(point..).filter(|f| !f.is_empty()).unwrap_or("0");
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let mantissa = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", exp.unsigned_abs())
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
    fn floats_print_as_pythons_repr() {
        for (f, want) in [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-0.0, "-0.0"),
            (1e100, "1e+100"),
            (2.5e-300, "2.5e-300"),
            (-123.456, "-123.456"),
            (9999999999999998.0, "9999999999999998.0"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(python_float(f), want, "{f:e}");
        }
        assert_eq!(scalar(&json!(1e16)).as_deref(), Some("1e+16"));
        assert_eq!(scalar(&json!(7)).as_deref(), Some("7"));
    }

    #[test]
    fn json_is_indented_by_four() {
        assert_eq!(json(&json!({"A": 1})), "{\n    \"A\": 1\n}\n");
    }
}
