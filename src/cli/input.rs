//! The AWS CLI's input options of every command that is an AWS KMS
//! operation: `--cli-input-json`, `--cli-input-yaml` and
//! `--generate-cli-skeleton [input|output|yaml-input]`.
//!
//! They are handled before the command line is parsed for real. A
//! document's members become the flags they stand for (`"KeyId": "k"` is
//! `--key-id=k`), added unless the command line gives that flag, so the
//! command line wins as in the AWS CLI, a required flag may come from the
//! document, and every value still goes through its flag's one parser. The
//! document is checked first as botocore checks parameters (unknown
//! members, types), against `shapes`. Values are taken as they are: a
//! `file://` inside a document is not read (it is refused, where the AWS
//! CLI would send the text itself). A skeleton is printed without opening
//! the keyring.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::process::ExitCode;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::builder::Resettable;
use clap::parser::ValueSource;
use clap::{Arg, ArgMatches, FromArgMatches};
use serde_json::{Map, Value};

use super::args::{BinaryFormat, GlobalArgs, OutputFormat};
use super::exit::{CliError, CliResult};
use super::shapes::{self, Kind, Member, Operation};

const JSON: &str = "cli_input_json";
const YAML: &str = "cli_input_yaml";
const SKELETON: &str = "generate_cli_skeleton";

/// What `main` does next.
pub enum Prepared {
    /// Parse and run these arguments.
    Run(Vec<OsString>),
    /// Everything is done (a skeleton printed, or an error reported).
    Exit(ExitCode),
}

/// Adds the three options to an operation's command.
pub fn options(cmd: clap::Command) -> clap::Command {
    let heading = "AWS CLI options";
    cmd.arg(
        Arg::new(JSON)
            .long("cli-input-json")
            .value_name("JSON")
            .allow_hyphen_values(true)
            .help("Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members")
            .help_heading(heading),
    )
    .arg(
        Arg::new(YAML)
            .long("cli-input-yaml")
            .value_name("YAML")
            .allow_hyphen_values(true)
            .conflicts_with(JSON)
            .help("Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json")
            .help_heading(heading),
    )
    .arg(
        Arg::new(SKELETON)
            .long("generate-cli-skeleton")
            .value_name("WHAT")
            .num_args(0..=1)
            .default_missing_value("input")
            .value_parser(["input", "output", "yaml-input"])
            .help("Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command")
            .help_heading(heading),
    )
}

/// Handles the input options of a command line, if it has any: prints a
/// skeleton, or returns the arguments with a document's members added.
pub fn prepare(args: Vec<OsString>) -> Prepared {
    let mentioned = args.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        [
            "--cli-input-json",
            "--cli-input-yaml",
            "--generate-cli-skeleton",
        ]
        .iter()
        .any(|o| a == *o || a.starts_with(&format!("{o}=")))
    });
    if !mentioned {
        return Prepared::Run(args);
    }
    match handle(args) {
        Ok(p) => p,
        Err(Failure::Clap(e)) => {
            let _ = e.print();
            Prepared::Exit(ExitCode::from(super::exit::clap_code(&e)))
        }
        Err(Failure::Cli(failure)) => Prepared::Exit(failure.report()),
    }
}

enum Failure {
    Clap(clap::Error),
    Cli(super::exit::Failure),
}

impl From<clap::Error> for Failure {
    fn from(e: clap::Error) -> Self {
        Failure::Clap(e)
    }
}

fn handle(args: Vec<OsString>) -> Result<Prepared, Failure> {
    let strict = super::help::command();
    // Required flags may come from the document, and a skeleton needs none.
    let matches = relaxed(strict.clone()).try_get_matches_from(&args)?;
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(Prepared::Run(args));
    };
    let (Some(op), Some(command)) = (shapes::find(name), strict.find_subcommand(name)) else {
        return Ok(Prepared::Run(args));
    };
    let global = GlobalArgs::from_arg_matches(&matches)?;
    handle_operation(args, op, command, sub, &global).map_err(|error| {
        Failure::Cli(super::exit::Failure {
            operation: op.name.to_owned(),
            error,
        })
    })
}

/// A document or skeleton option of one operation's command line.
fn handle_operation(
    mut args: Vec<OsString>,
    op: &Operation,
    command: &clap::Command,
    sub: &clap::ArgMatches,
    global: &GlobalArgs,
) -> CliResult<Prepared> {
    let document = match (sub.get_one::<String>(JSON), sub.get_one::<String>(YAML)) {
        (Some(text), _) => Some(Document::json(&source("--cli-input-json", text)?)?),
        (None, Some(text)) => Some(Document::yaml(&source("--cli-input-yaml", text)?)?),
        (None, None) => None,
    };
    let mut extra = Vec::new();
    if let Some(doc) = document {
        check(op, &doc)?;
        let format = super::awsconfig::binary_format(global)?;
        extra = flags(op, command, sub, &doc, format)?;
    }
    match sub.get_one::<String>(SKELETON).map(String::as_str) {
        Some("yaml-input") => {
            print!("{}", super::skeleton::yaml_input(op, command));
            Ok(Prepared::Exit(ExitCode::SUCCESS))
        }
        Some("output") => {
            let format = match global.output {
                Some(f) => Some(f),
                None => super::default_output()?,
            };
            let renderer =
                super::output::Renderer::new(format, global.query.as_deref(), global.color)?;
            renderer.print(op.name, super::skeleton::output(op))?;
            Ok(Prepared::Exit(ExitCode::SUCCESS))
        }
        Some(_) => {
            // Always JSON, as the AWS CLI prints it, whatever --output says.
            let renderer = super::output::Renderer::new(Some(OutputFormat::Json), None, None)?;
            renderer.print(op.name, super::skeleton::input(op, command))?;
            Ok(Prepared::Exit(ExitCode::SUCCESS))
        }
        None => {
            // Before a `--`, after which a flag would be taken as a value.
            let at = args.iter().position(|a| a == "--").unwrap_or(args.len());
            args.splice(at..at, extra);
            Ok(Prepared::Run(args))
        }
    }
}

/// The CLI with no flag of an operation required.
fn relaxed(mut cli: clap::Command) -> clap::Command {
    for op in shapes::OPERATIONS {
        cli = cli.mut_subcommand(op.command(), |c| {
            c.mut_args(|a| {
                a.required(false)
                    .required_unless_present(Resettable::<clap::Id>::Reset)
                    .requires(Resettable::<clap::Id>::Reset)
            })
        });
    }
    cli
}

/// The text of a document option: inline, or `file://PATH` / `fileb://PATH`.
fn source(option: &str, value: &str) -> CliResult<String> {
    let path = value
        .strip_prefix("file://")
        .or_else(|| value.strip_prefix("fileb://"));
    match path {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| CliError::Param(format!("{option} {value}: {e}"))),
        None => Ok(value.to_owned()),
    }
}

/// A request document: its members, and which of them YAML gave as
/// `!!binary` (bytes, not text).
#[derive(Debug, Default, PartialEq)]
struct Document {
    members: Map<String, Value>,
    binary: BTreeSet<String>,
}

impl Document {
    /// Reads a `--cli-input-json` document.
    fn json(text: &str) -> CliResult<Self> {
        match serde_json::from_str(text) {
            Ok(Value::Object(members)) => Ok(Document {
                members,
                binary: BTreeSet::new(),
            }),
            Ok(_) => Err(CliError::Param(
                "--cli-input-json: the document must be a JSON object of the operation's parameters"
                    .into(),
            )),
            // serde's message names the place, never the text there.
            Err(e) => Err(CliError::Param(format!(
                "--cli-input-json: invalid JSON: {e}"
            ))),
        }
    }

    /// Reads a `--cli-input-yaml` document (YAML 1.2, as AWS CLI v2 reads it).
    fn yaml(text: &str) -> CliResult<Self> {
        let mut loader = yaml::Loader::default();
        let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
        let scanned = parser.load(&mut loader, true);
        let bad = |m: String| CliError::Param(format!("--cli-input-yaml: invalid YAML: {m}"));
        scanned.map_err(|e| bad(e.to_string()))?;
        let (root, binary) = loader.finish().map_err(bad)?;
        match root {
            Value::Object(members) => Ok(Document { members, binary }),
            _ => Err(CliError::Param(
                "--cli-input-yaml: the document must be a mapping of the operation's parameters"
                    .into(),
            )),
        }
    }
}

/// Checks a document as botocore checks parameters; every problem is
/// reported at once. Values are not echoed: they may be secrets.
fn check(op: &Operation, doc: &Document) -> CliResult<()> {
    let mut problems = Vec::new();
    structure(op.input, &doc.members, "", &mut problems);
    for name in &doc.binary {
        if let Some(member) = op.input.iter().find(|m| m.name == *name)
            && member.kind != Kind::Blob
        {
            problems.push(format!(
                "Invalid type for parameter {name}: binary, valid types: {}",
                expected(member.kind)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CliError::Param(format!(
            "Parameter validation failed:\n{}",
            problems.join("\n")
        )))
    }
}

fn structure(members: &[Member], obj: &Map<String, Value>, path: &str, problems: &mut Vec<String>) {
    let at = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    for (name, v) in obj {
        match members.iter().find(|m| m.name == name) {
            Some(m) => value(m.kind, v, &at(name), problems),
            None => problems.push(format!(
                "Unknown parameter in {}: \"{name}\", must be one of: {}",
                if path.is_empty() { "input" } else { path },
                members
                    .iter()
                    .map(|m| m.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    for m in members.iter().filter(|m| m.required) {
        if !obj.contains_key(m.name) {
            problems.push(format!(
                "Missing required parameter in {}: \"{}\"",
                if path.is_empty() { "input" } else { path },
                m.name
            ));
        }
    }
}

fn value(kind: Kind, v: &Value, path: &str, problems: &mut Vec<String>) {
    let ok = match (kind, v) {
        (Kind::String | Kind::FlagEnum | Kind::Enum(_) | Kind::Blob, Value::String(_)) => true,
        (Kind::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Kind::Boolean, Value::Bool(_)) => true,
        (Kind::Timestamp, Value::String(_)) => true,
        (Kind::Timestamp, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (Kind::List(item), Value::Array(items)) => {
            for (i, x) in items.iter().enumerate() {
                value(item.kind, x, &format!("{path}[{i}]"), problems);
            }
            true
        }
        (Kind::Map, Value::Object(map)) => {
            for (k, x) in map {
                value(Kind::String, x, &format!("{path}.{k}"), problems);
            }
            true
        }
        (Kind::Structure(members), Value::Object(obj)) => {
            structure(members, obj, path, problems);
            true
        }
        _ => false,
    };
    if !ok {
        problems.push(format!(
            "Invalid type for parameter {path}: {}, valid types: {}",
            json_type(v),
            expected(kind)
        ));
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::String | Kind::FlagEnum | Kind::Enum(_) => "string",
        Kind::Integer => "integer",
        Kind::Boolean => "boolean",
        Kind::Blob => "string (base64)",
        Kind::Timestamp => "string (ISO 8601) or integer (Unix seconds)",
        Kind::List(_) => "list",
        Kind::Map => "object of strings",
        Kind::Structure(_) => "object",
    }
}

/// The flags a checked document stands for, leaving out those the command
/// line gives.
fn flags(
    op: &Operation,
    command: &clap::Command,
    given: &ArgMatches,
    doc: &Document,
    format: BinaryFormat,
) -> CliResult<Vec<OsString>> {
    let mut out = Vec::new();
    for member in op.input {
        let Some(v) = doc.members.get(member.name) else {
            continue;
        };
        let long = shapes::kebab(member.name);
        let Some(arg) = command
            .get_arguments()
            .find(|a| a.get_long() == Some(long.as_str()))
        else {
            continue;
        };
        if given.value_source(arg.get_id().as_str()) == Some(ValueSource::CommandLine) {
            continue;
        }
        let flag = |text: &str| OsString::from(format!("--{long}={text}"));
        let literal = |text: &str| -> CliResult<()> {
            if text.starts_with("file://") || text.starts_with("fileb://") {
                return Err(CliError::Param(format!(
                    "{}: lkms reads no file named inside a document (the AWS CLI takes the text \
                     literally); put the value itself in the document, or give --{long} on the \
                     command line",
                    member.name
                )));
            }
            Ok(())
        };
        match (member.kind, v) {
            (Kind::Boolean, Value::Bool(true)) => out.push(OsString::from(format!("--{long}"))),
            (Kind::Boolean, _) => {}
            (Kind::Blob, Value::String(s)) => {
                literal(s)?;
                out.push(flag(&blob(
                    member.name,
                    s,
                    doc.binary.contains(member.name),
                    format,
                )?));
            }
            (Kind::String | Kind::FlagEnum | Kind::Enum(_), Value::String(s)) => {
                literal(s)?;
                out.push(flag(s));
            }
            (Kind::List(item), Value::Array(items)) if is_scalar(item.kind) => {
                for x in items {
                    out.push(flag(&scalar_text(x)));
                }
            }
            (Kind::Structure(_), Value::Object(obj)) if obj.is_empty() => {}
            (Kind::List(_) | Kind::Map | Kind::Structure(_), v) => out.push(flag(&v.to_string())),
            (_, v) => out.push(flag(&scalar_text(v))),
        }
    }
    Ok(out)
}

fn is_scalar(kind: Kind) -> bool {
    !matches!(kind, Kind::List(_) | Kind::Map | Kind::Structure(_))
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A blob member's flag value, under `cli_binary_format`: base64 text is
/// checked here so the error names the member; YAML's `!!binary` bytes are
/// bytes whatever the format.
fn blob(name: &str, text: &str, binary: bool, format: BinaryFormat) -> CliResult<String> {
    let invalid = || {
        CliError::Param(format!(
            "{name}: not valid base64 (blobs in a document are base64 under cli_binary_format \
             base64, the AWS CLI v2 default)"
        ))
    };
    match (binary, format) {
        (false, BinaryFormat::RawInBase64Out) => Ok(text.to_owned()),
        (false, BinaryFormat::Base64) => {
            STANDARD.decode(text.trim()).map_err(|_| invalid())?;
            Ok(text.to_owned())
        }
        (true, BinaryFormat::Base64) => {
            STANDARD.decode(text).map_err(|_| invalid())?;
            Ok(text.to_owned())
        }
        (true, BinaryFormat::RawInBase64Out) => {
            // Raw bytes reach the flag as its text; text with a NUL cannot.
            let bytes = zeroize::Zeroizing::new(STANDARD.decode(text).map_err(|_| invalid())?);
            match std::str::from_utf8(&bytes) {
                Ok(s) if !s.contains('\0') => Ok(s.to_owned()),
                _ => Err(CliError::Param(format!(
                    "{name}: these !!binary bytes cannot be passed under cli_binary_format \
                     raw-in-base64-out; use base64, or fileb:// on the command line"
                ))),
            }
        }
    }
}

/// A YAML reader that keeps what `!!binary` marks, which
/// `yaml_rust2::YamlLoader` drops.
mod yaml {
    use std::collections::{BTreeSet, HashMap};

    use serde_json::{Map, Number, Value};
    use yaml_rust2::Yaml;
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Tag};
    use yaml_rust2::scanner::{Marker, TScalarStyle};

    const CORE: &str = "tag:yaml.org,2002:";

    enum Frame {
        List(Vec<Value>, usize),
        Mapping(Map<String, Value>, Option<String>, usize),
    }

    /// Builds one document as JSON values.
    #[derive(Default)]
    pub struct Loader {
        stack: Vec<Frame>,
        anchors: HashMap<usize, (Value, bool)>,
        root: Option<Value>,
        documents: usize,
        binary: BTreeSet<String>,
        error: Option<String>,
    }

    impl Loader {
        /// The document, and the top-level members given as `!!binary`.
        pub fn finish(self) -> Result<(Value, BTreeSet<String>), String> {
            if let Some(e) = self.error {
                return Err(e);
            }
            match self.root {
                Some(root) => Ok((root, self.binary)),
                None => Err("the document is empty".into()),
            }
        }

        fn scalar(
            &self,
            text: String,
            style: TScalarStyle,
            tag: Option<Tag>,
        ) -> Result<(Value, bool), String> {
            let typed = |y: Yaml| match y {
                Yaml::Integer(i) => Ok(Value::from(i)),
                Yaml::Real(r) => r
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Value::Number)
                    .ok_or_else(|| format!("{r} is not a number JSON can hold")),
                Yaml::Boolean(b) => Ok(Value::Bool(b)),
                Yaml::Null => Ok(Value::Null),
                Yaml::String(s) => Ok(Value::String(s)),
                _ => Err("unexpected scalar".to_owned()),
            };
            match tag {
                None if style == TScalarStyle::Plain => {
                    typed(Yaml::from_str(&text)).map(|v| (v, false))
                }
                None => Ok((Value::String(text), false)),
                Some(Tag { handle, suffix }) if handle == CORE => match suffix.as_str() {
                    "str" => Ok((Value::String(text), false)),
                    "binary" => Ok((Value::String(text.split_whitespace().collect()), true)),
                    "int" | "float" | "bool" | "null" => {
                        let v = typed(Yaml::from_str(&text))?;
                        let fits = match suffix.as_str() {
                            "int" => v.is_i64(),
                            "float" => v.is_number(),
                            "bool" => v.is_boolean(),
                            _ => v.is_null(),
                        };
                        if fits {
                            Ok((v, false))
                        } else {
                            Err(format!("a value tagged !!{suffix} is not one"))
                        }
                    }
                    other => Err(format!("the tag !!{other} is not supported")),
                },
                Some(Tag { handle, suffix }) => {
                    Err(format!("the tag {handle}{suffix} is not supported"))
                }
            }
        }

        /// Places a finished node in its parent, or as the document.
        fn place(&mut self, v: Value, binary: bool, anchor: usize) -> Result<(), String> {
            if anchor > 0 {
                self.anchors.insert(anchor, (v.clone(), binary));
            }
            let depth = self.stack.len();
            match self.stack.last_mut() {
                None => {
                    if binary {
                        return Err("!!binary is only for blob parameters".into());
                    }
                    self.root = Some(v);
                }
                Some(Frame::List(items, _)) => {
                    if binary {
                        return Err("!!binary is only for blob parameters".into());
                    }
                    items.push(v);
                }
                Some(Frame::Mapping(_, key @ None, _)) => match v {
                    Value::String(k) if !binary => *key = Some(k),
                    Value::Number(_) | Value::Bool(_) => *key = Some(v.to_string()),
                    _ => return Err("a mapping key must be text".into()),
                },
                Some(Frame::Mapping(map, key, _)) => {
                    let Some(k) = key.take() else {
                        return Err("a mapping value without a key".into());
                    };
                    if binary {
                        if depth != 1 {
                            return Err("!!binary is only for blob parameters".into());
                        }
                        self.binary.insert(k.clone());
                    }
                    if map.contains_key(&k) {
                        return Err(format!("{k:?} is given twice"));
                    }
                    map.insert(k, v);
                }
            }
            Ok(())
        }

        fn event(&mut self, ev: Event) -> Result<(), String> {
            match ev {
                Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
                Event::DocumentStart => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err("give one document, not several".into());
                    }
                }
                Event::Alias(id) => {
                    let (v, binary) = self
                        .anchors
                        .get(&id)
                        .cloned()
                        .ok_or("an alias of an unknown anchor")?;
                    self.place(v, binary, 0)?;
                }
                Event::Scalar(text, style, anchor, tag) => {
                    let (v, binary) = self.scalar(text, style, tag)?;
                    self.place(v, binary, anchor)?;
                }
                Event::SequenceStart(anchor, _) => self.stack.push(Frame::List(Vec::new(), anchor)),
                Event::MappingStart(anchor, _) => {
                    self.stack.push(Frame::Mapping(Map::new(), None, anchor))
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let (v, anchor) = match self.stack.pop() {
                        Some(Frame::List(items, a)) => (Value::Array(items), a),
                        Some(Frame::Mapping(map, _, a)) => (Value::Object(map), a),
                        None => return Err("unbalanced document".into()),
                    };
                    self.place(v, false, anchor)?;
                }
            }
            Ok(())
        }
    }

    impl MarkedEventReceiver for Loader {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            if self.error.is_none()
                && let Err(e) = self.event(ev)
            {
                self.error = Some(format!("{e} (line {})", mark.line()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn op(name: &str) -> &'static Operation {
        shapes::find(name).expect("an operation")
    }

    fn problems(op_name: &str, doc: Value) -> String {
        let Value::Object(members) = doc else {
            panic!("an object")
        };
        let doc = Document {
            members,
            binary: BTreeSet::new(),
        };
        match check(op(op_name), &doc) {
            Ok(()) => String::new(),
            Err(CliError::Param(m)) => m,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn documents_are_checked_as_botocore_checks_parameters() {
        assert_eq!(
            problems("encrypt", json!({"KeyId": "k", "Plaintext": "aGk="})),
            ""
        );
        let p = problems(
            "decrypt",
            json!({"CiphertextBlob": "aGk=", "Bogus": 1, "Recipient": {}}),
        );
        assert!(
            p.starts_with("Parameter validation failed:\n")
                && p.contains("Unknown parameter in input: \"Bogus\", must be one of: CiphertextBlob, EncryptionContext, GrantTokens, KeyId, EncryptionAlgorithm, DryRun, DryRunModifiers")
                && p.contains("\"Recipient\""),
            "{p}"
        );
        let p = problems(
            "encrypt",
            json!({"KeyId": 1, "GrantTokens": "t", "EncryptionContext": {"a": 2}}),
        );
        assert!(
            p.contains("Invalid type for parameter KeyId: integer, valid types: string"),
            "{p}"
        );
        assert!(
            p.contains("Invalid type for parameter GrantTokens: string, valid types: list"),
            "{p}"
        );
        assert!(
            p.contains("Invalid type for parameter EncryptionContext.a: integer"),
            "{p}"
        );
        let p = problems(
            "tag-resource",
            json!({"KeyId": "k", "Tags": [{"TagKey": "a", "Other": "b"}]}),
        );
        assert!(
            p.contains("Unknown parameter in Tags[0]: \"Other\", must be one of: TagKey, TagValue"),
            "{p}"
        );
        assert!(
            p.contains("Missing required parameter in Tags[0]: \"TagValue\""),
            "{p}"
        );
        let p = problems("create-grant", json!({"Constraints": {"SourceArn": "x"}}));
        assert!(
            p.contains("Unknown parameter in Constraints: \"SourceArn\""),
            "{p}"
        );
        let p = problems("encrypt", json!({"Plaintext": null}));
        assert!(p.contains("Plaintext: null"), "{p}");
    }

    #[test]
    fn secrets_stay_out_of_messages() {
        let p = problems("encrypt", json!({"Plaintext": ["c2VjcmV0"]}));
        assert!(!p.contains("c2VjcmV0"), "{p}");
        let e = blob(
            "Plaintext",
            "not base64 s3cret",
            false,
            BinaryFormat::Base64,
        );
        assert!(matches!(e, Err(CliError::Param(m)) if !m.contains("s3cret")));
    }

    #[test]
    fn yaml_documents_as_json_values_with_binary_marked() {
        let d = Document::yaml(
            "KeyId: alias/app\nPlaintext: !!binary aGVs\n  bG8=\nEncryptionContext:\n  n: 1\n  t: 'yes'\nGrantTokens:\n- a\n- b\nFlag: true\nN: 0x10\n",
        )
        .expect("yaml");
        assert_eq!(
            Value::Object(d.members),
            json!({"KeyId": "alias/app", "Plaintext": "aGVsbG8=", "EncryptionContext": {"n": 1, "t": "yes"}, "GrantTokens": ["a", "b"], "Flag": true, "N": 16})
        );
        assert_eq!(d.binary, BTreeSet::from(["Plaintext".to_owned()]));
        let anchors = Document::yaml("A: &x v\nB: *x\n").expect("aliases");
        assert_eq!(anchors.members["B"], "v");
        for bad in [
            "A: [1",
            "- a\n- b\n",
            "A: 1\nA: 2\n",
            "A: {B: !!binary aGk=}\n",
            "A: !custom x\n",
            "A: 1\n---\nB: 2\n",
            "",
        ] {
            assert!(Document::yaml(bad).is_err(), "{bad:?}");
        }
        assert!(Document::json("[1]").is_err());
        assert!(Document::json("{\"a\":").is_err());
    }

    #[test]
    fn binary_blobs_follow_the_binary_format() {
        let b64 = BinaryFormat::Base64;
        let raw = BinaryFormat::RawInBase64Out;
        assert_eq!(blob("P", "aGk=", false, b64).expect("b64"), "aGk=");
        assert!(blob("P", "hi!", false, b64).is_err());
        assert_eq!(blob("P", "hi!", false, raw).expect("raw"), "hi!");
        assert_eq!(blob("P", "aGk=", true, raw).expect("bytes as text"), "hi");
        assert_eq!(
            blob("P", "aGk=", true, b64).expect("bytes as base64"),
            "aGk="
        );
        assert!(blob("P", "AAE=", true, raw).is_err());
    }
}
