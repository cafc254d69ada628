//! `--generate-cli-skeleton`: samples of an operation's request and
//! response, with the placeholders the AWS CLI prints (botocore's
//! `ArgumentGenerator`).
//!
//! A request sample (`input`, `yaml-input`) has every member lkms has a
//! flag for: strings `""`, enums their first value, integers `0`, booleans
//! `true`, blobs `null` (`!!binary ''` in YAML), times
//! `1970-01-01T00:00:00`, lists one placeholder, maps `{"KeyName": ""}`.
//! A response sample (`output`) names each string after its member (a
//! list's strings after the item shape, as `EncryptionAlgorithmSpec`), and
//! has the members lkms can return.

use serde_json::{Map, Value, json};

use super::shapes::{Kind, Member, Operation, kebab};

/// The placeholder of a time, as the AWS CLI prints `datetime(1970, 1, 1)`.
const EPOCH: &str = "1970-01-01T00:00:00";

/// The request sample: what `--cli-input-json` takes. `command` is the
/// operation's clap command, whose flags give enum values.
pub fn input(op: &Operation, command: &clap::Command) -> Value {
    let mut out = Map::new();
    for member in op.input {
        let flag = flag_of(command, member);
        out.insert(member.name.to_owned(), request_value(member.kind, flag));
    }
    Value::Object(out)
}

/// The response sample; `null` for an operation that returns nothing.
pub fn output(op: &Operation) -> Value {
    match op.output {
        Some(members) => structure(members),
        None => Value::Null,
    }
}

/// The request sample as YAML, each member with a comment from its flag's
/// help (`[REQUIRED]` first when the flag is required, the values of an
/// enum last), as AWS CLI v2 comments its `yaml-input` skeleton.
pub fn yaml_input(op: &Operation, command: &clap::Command) -> String {
    let mut out = String::new();
    for member in op.input {
        let flag = flag_of(command, member);
        let mut text = match member.kind {
            Kind::Blob => format!("{}: !!binary ''\n", member.name),
            kind => super::yaml::yaml(&json!({ member.name: request_value(kind, flag) })),
        };
        let comment = flag.map(comment).unwrap_or_default();
        if !comment.is_empty() {
            let end = text.find('\n').unwrap_or(text.len());
            text.insert_str(end, &format!(" # {comment}"));
        }
        out.push_str(&text);
    }
    if out.is_empty() {
        out.push_str("{}\n");
    }
    out
}

/// The flag of a request member.
fn flag_of<'c>(command: &'c clap::Command, member: &Member) -> Option<&'c clap::Arg> {
    let long = kebab(member.name);
    command
        .get_arguments()
        .find(|a| a.get_long() == Some(long.as_str()))
}

/// The YAML comment of a member: its flag's help, as the AWS CLI comments
/// with the model's documentation.
fn comment(flag: &clap::Arg) -> String {
    let mut parts = Vec::new();
    if flag.is_required_set() {
        parts.push("[REQUIRED]".to_owned());
    }
    if let Some(help) = flag.get_help() {
        let help = help.to_string().replace('\n', " ");
        parts.push(if help.ends_with('.') {
            help
        } else {
            format!("{help}.")
        });
    }
    let values: Vec<String> = flag
        .get_possible_values()
        .iter()
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() {
        parts.push(format!("Valid values are: {}.", values.join(", ")));
    }
    parts.join(" ")
}

/// A request placeholder; `flag` gives the values of a `FlagEnum`.
fn request_value(kind: Kind, flag: Option<&clap::Arg>) -> Value {
    match kind {
        Kind::String => json!(""),
        Kind::FlagEnum => {
            let first = flag.and_then(|f| f.get_possible_values().first().cloned());
            json!(first.map(|v| v.get_name().to_owned()).unwrap_or_default())
        }
        Kind::Enum(values) => json!(values.first().copied().unwrap_or_default()),
        Kind::Integer => json!(0),
        Kind::Boolean => json!(true),
        Kind::Blob => Value::Null,
        Kind::Timestamp => json!(EPOCH),
        Kind::List(item) => json!([request_value(item.kind, None)]),
        Kind::Map => json!({ "KeyName": "" }),
        Kind::Structure(members) => Value::Object(
            members
                .iter()
                .map(|m| (m.name.to_owned(), request_value(m.kind, None)))
                .collect(),
        ),
    }
}

/// A response placeholder: strings named `name`.
fn response_value(kind: Kind, name: &str) -> Value {
    match kind {
        Kind::String | Kind::FlagEnum | Kind::Enum(_) => json!(name),
        Kind::Integer => json!(0),
        Kind::Boolean => json!(true),
        Kind::Blob => Value::Null,
        Kind::Timestamp => json!(EPOCH),
        Kind::List(item) => json!([response_value(item.kind, item.shape)]),
        // A map's values are unnamed.
        Kind::Map => json!({ "KeyName": "" }),
        Kind::Structure(members) => structure(members),
    }
}

fn structure(members: &[Member]) -> Value {
    Value::Object(
        members
            .iter()
            .map(|m| (m.name.to_owned(), response_value(m.kind, m.name)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::shapes::find;

    fn command(name: &str) -> clap::Command {
        crate::cli::help::command()
            .find_subcommand(name)
            .cloned()
            .unwrap_or_else(|| panic!("no command {name}"))
    }

    #[test]
    fn request_samples_have_every_member_in_order_with_placeholders() {
        let op = find("encrypt").expect("encrypt");
        let v = input(op, &command("encrypt"));
        assert_eq!(
            v.to_string(),
            json!({
                "KeyId": "",
                "Plaintext": null,
                "EncryptionContext": {"KeyName": ""},
                "GrantTokens": [""],
                "EncryptionAlgorithm": "SYMMETRIC_DEFAULT",
                "DryRun": true,
            })
            .to_string()
        );
        let v = input(find("create-grant").expect("op"), &command("create-grant"));
        assert_eq!(v["Operations"], json!(["Decrypt"]));
        assert_eq!(
            v["Constraints"],
            json!({"EncryptionContextSubset": {"KeyName": ""}, "EncryptionContextEquals": {"KeyName": ""}})
        );
        let v = input(
            find("import-key-material").expect("op"),
            &command("import-key-material"),
        );
        assert_eq!(v["ValidTo"], json!(EPOCH));
        let v = input(
            find("schedule-key-deletion").expect("op"),
            &command("schedule-key-deletion"),
        );
        assert_eq!(v, json!({"KeyId": "", "PendingWindowInDays": 0}));
    }

    #[test]
    fn response_samples_name_their_strings() {
        let v = output(find("describe-key").expect("op"));
        let md = &v["KeyMetadata"];
        assert_eq!(md["KeyId"], "KeyId");
        assert_eq!(md["Enabled"], true);
        assert_eq!(md["CreationDate"], EPOCH);
        assert_eq!(
            md["EncryptionAlgorithms"],
            json!(["EncryptionAlgorithmSpec"])
        );
        assert!(output(find("enable-key").expect("op")).is_null());
        let v = output(find("list-grants").expect("op"));
        assert_eq!(
            v["Grants"][0]["Constraints"]["EncryptionContextEquals"],
            json!({"KeyName": ""})
        );
        assert_eq!(v["Grants"][0]["Operations"], json!(["GrantOperation"]));
    }

    #[test]
    fn yaml_samples_comment_each_member() {
        let y = yaml_input(find("encrypt").expect("op"), &command("encrypt"));
        let lines: Vec<&str> = y.lines().collect();
        assert!(lines[0].starts_with("KeyId: '' # Key id"), "{y}");
        assert!(
            lines[1].starts_with("Plaintext: !!binary '' # [REQUIRED] "),
            "{y}"
        );
        assert!(lines[2].starts_with("EncryptionContext: # "), "{y}");
        assert_eq!(lines[3], "  KeyName: ''");
        assert!(lines[4].starts_with("GrantTokens: # "), "{y}");
        assert_eq!(lines[5], "- ''");
        assert!(
            lines[6].starts_with("EncryptionAlgorithm: SYMMETRIC_DEFAULT # ")
                && lines[6].ends_with(
                    "Valid values are: SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256."
                ),
            "{y}"
        );
        assert!(lines[7].starts_with("DryRun: true # "), "{y}");
        assert_eq!(lines.len(), 8, "{y}");
    }
}
