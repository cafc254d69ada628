//! Long help: an example for every subcommand, and the EXIT STATUS,
//! ENVIRONMENT and FILES of the top-level help (which the man page shows).

/// The top-level long help, after the options.
pub const AFTER_LONG_HELP: &str = "\
Examples:
  lkms init --generate-identity ~/.config/lkms/identity.txt
  export LKMS_IDENTITY=~/.config/lkms/identity.txt
  KEY=$(lkms create-key --description backups --output text --query KeyMetadata.KeyId)
  lkms encrypt-file --key-id \"$KEY\" -o backup.tar.lkms backup.tar

Exit status:
  0    success
  2    the command line did not parse
  252  a parameter value is invalid (bad base64, unreadable fileb://, bad --query)
  253  the keyring or credentials are missing, locked, corrupt or from a newer lkms
  254  the request was refused (NotFoundException, AccessDeniedException, ...)
  255  any other failure (I/O)
  Errors print one line on stderr: `lkms: <ExceptionName>: <message>`.

Environment:
  LKMS_KEYRING         the keyring file (as --keyring)
  LKMS_STORE           the keyring in PostgreSQL, postgres://… (as --store; docs/SCALING.md)
  LKMS_IDENTITY        an age identity file that unlocks the keyring (as --identity)
  LKMS_PASSPHRASE      the passphrase that unlocks the keyring
  LKMS_NEW_PASSPHRASE  the new passphrase for `passwd` and `slot add`
  XDG_DATA_HOME        where the default keyring lives
  NO_COLOR             no colour unless --color on
  AWS_DEFAULT_OUTPUT   the default of --output, as in the AWS CLI
  AWS_PROFILE          the profile of ~/.aws/config (as --profile)
  AWS_CONFIG_FILE      the AWS CLI config file [default: ~/.aws/config]

Files:
  $XDG_DATA_HOME/lkms/keyring.db     the default keyring, audit trail included (mode 0600)
  <keyring>-wal, <keyring>-shm       SQLite's write-ahead log, while lkms runs
  <keyring>.v1-backup                a format 1 keyring, kept after migration
  ~/.aws/config                      only cli_binary_format is read, as the AWS CLI reads it";

/// The example shown by `lkms <command> --help`.
pub fn example(command: &str) -> Option<&'static str> {
    Some(match command {
        "init" => {
            "lkms init                                   # passphrase, asked twice\n  lkms init --generate-identity ~/.config/lkms/identity.txt --principal ci"
        }
        "slot" => {
            "lkms slot list\n  lkms slot add --principal ci --age-recipient age1...\n  lkms slot remove --slot-id 2"
        }
        "passwd" => "lkms passwd\n  LKMS_NEW_PASSPHRASE=... lkms passwd --slot-id 1",
        "create-key" => {
            "lkms create-key --description backups --tags TagKey=team,TagValue=ops\n  lkms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY\n  lkms create-key --origin EXTERNAL"
        }
        "describe-key" => {
            "lkms describe-key --key-id alias/backups\n  lkms describe-key --key-id alias/backups --output text --query KeyMetadata.KeyState"
        }
        "list-keys" => {
            "lkms list-keys                        # every key: all pages, merged\n  lkms list-keys --max-items 10        # then --starting-token <NextToken>\n  lkms list-keys --limit 10            # one page; then --marker <NextMarker>"
        }
        "update-key-description" => {
            "lkms update-key-description --key-id alias/backups --description \"nightly backups\""
        }
        "enable-key" => "lkms enable-key --key-id alias/backups",
        "disable-key" => "lkms disable-key --key-id alias/backups --yes",
        "schedule-key-deletion" => {
            "lkms schedule-key-deletion --key-id alias/old --pending-window-in-days 7"
        }
        "cancel-key-deletion" => {
            "lkms cancel-key-deletion --key-id alias/old && lkms enable-key --key-id alias/old"
        }
        "create-alias" => {
            "lkms create-alias --alias-name alias/backups --target-key-id 1234abcd-12ab-34cd-56ef-1234567890ab"
        }
        "update-alias" => {
            "lkms update-alias --alias-name alias/backups --target-key-id <new key id>"
        }
        "delete-alias" => "lkms delete-alias --alias-name alias/backups",
        "list-aliases" => "lkms list-aliases\n  lkms list-aliases --key-id alias/backups",
        "tag-resource" => {
            "lkms tag-resource --key-id alias/backups --tags TagKey=env,TagValue=prod"
        }
        "untag-resource" => "lkms untag-resource --key-id alias/backups --tag-keys env",
        "list-resource-tags" => "lkms list-resource-tags --key-id alias/backups",
        "encrypt" => {
            "lkms encrypt --key-id alias/app --plaintext fileb://secret --output text --query CiphertextBlob | base64 -d > secret.enc"
        }
        "decrypt" => {
            "lkms decrypt --ciphertext-blob fileb://secret.enc --output text --query Plaintext | base64 -d"
        }
        "re-encrypt" => {
            "lkms re-encrypt --ciphertext-blob fileb://secret.enc --destination-key-id alias/new --output text --query CiphertextBlob | base64 -d > secret.enc.new"
        }
        "generate-data-key" => {
            "lkms generate-data-key --key-id alias/app --key-spec AES_256 --encryption-context app=web"
        }
        "generate-data-key-without-plaintext" => {
            "lkms generate-data-key-without-plaintext --key-id alias/app --number-of-bytes 32"
        }
        "generate-random" => {
            "lkms generate-random --number-of-bytes 32 --output text --query Plaintext"
        }
        "enable-key-rotation" => {
            "lkms enable-key-rotation --key-id alias/app --rotation-period-in-days 90"
        }
        "disable-key-rotation" => "lkms disable-key-rotation --key-id alias/app",
        "get-key-rotation-status" => "lkms get-key-rotation-status --key-id alias/app",
        "rotate-key-on-demand" => "lkms rotate-key-on-demand --key-id alias/app",
        "list-key-rotations" => "lkms list-key-rotations --key-id alias/app",
        "get-public-key" => {
            "lkms get-public-key --key-id alias/signer --outfile signer.pem --format pem"
        }
        "sign" => {
            "lkms sign --key-id alias/signer --message fileb://release.tar --signing-algorithm ECDSA_SHA_256 --output text --query Signature | base64 -d > release.sig"
        }
        "verify" => {
            "lkms verify --key-id alias/signer --message fileb://release.tar --signature fileb://release.sig --signing-algorithm ECDSA_SHA_256"
        }
        "generate-mac" => {
            "lkms generate-mac --key-id alias/hmac --message fileb://payload --mac-algorithm HMAC_SHA_256"
        }
        "verify-mac" => {
            "lkms verify-mac --key-id alias/hmac --message fileb://payload --mac fileb://payload.mac --mac-algorithm HMAC_SHA_256"
        }
        "generate-data-key-pair" => {
            "lkms generate-data-key-pair --key-id alias/app --key-pair-spec ECC_NIST_P256"
        }
        "get-key-last-usage" => "lkms get-key-last-usage --key-id 1234abcd-12ab-34cd-56ef-1234567890ab",
        "derive-shared-secret" => {
            "lkms derive-shared-secret --key-id alias/ecdh --key-agreement-algorithm ECDH --public-key fileb://peer.pub.der --output text --query SharedSecret"
        }
        "generate-data-key-pair-without-plaintext" => {
            "lkms generate-data-key-pair-without-plaintext --key-id alias/app --key-pair-spec RSA_2048"
        }
        // ML-KEM (issue 17, branch kem).
        "encapsulate" => {
            "lkms encapsulate --key-id alias/pq --encapsulation-algorithm ML_KEM --query SharedSecretCiphertextBlob --output text | base64 -d > secret.ct"
        }
        "decapsulate" => {
            "lkms decapsulate --key-id alias/pq --encapsulation-algorithm ML_KEM --shared-secret-ciphertext-blob fileb://secret.ct"
        }
        "get-parameters-for-import" => {
            "lkms get-parameters-for-import --key-id alias/byok --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048"
        }
        "import-key-material" => {
            "lkms import-key-material --key-id alias/byok --encrypted-key-material fileb://wrapped.bin --import-token fileb://token.bin --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE"
        }
        "delete-imported-key-material" => {
            "lkms delete-imported-key-material --key-id alias/byok --yes"
        }
        "put-key-policy" => "lkms put-key-policy --key-id alias/app --policy file://policy.json",
        "get-key-policy" => "lkms get-key-policy --key-id alias/app --output text --query Policy",
        "list-key-policies" => "lkms list-key-policies --key-id alias/app",
        "create-grant" => {
            "lkms create-grant --key-id alias/app --grantee-principal ci --operations Decrypt --constraints 'EncryptionContextEquals={app=web}'"
        }
        "list-grants" => "lkms list-grants --key-id alias/app",
        "list-retirable-grants" => "lkms list-retirable-grants --retiring-principal admin",
        "retire-grant" => "lkms retire-grant --grant-token <GrantToken>",
        "revoke-grant" => "lkms revoke-grant --key-id alias/app --grant-id <GrantId> --yes",
        "whoami" => "lkms whoami --output text --query Principal",
        "slot add" => {
            "lkms slot add --principal ci --generate-identity ci-identity.txt\n  lkms slot add --principal bob --new-passphrase-file bob.pass\n  lkms slot add --principal carol --admin --generate-identity carol.txt   # another administrator"
        }
        "slot list" => "lkms slot list --output table",
        "slot remove" => "lkms slot remove --slot-id 3 --yes   # rotates the root key",
        "access-key" => {
            "lkms access-key create --principal ci --description \"web app CI\"   # the secret is shown once\n  lkms access-key list --output table\n  lkms access-key disable --access-key-id LKIA...\n  lkms access-key delete --access-key-id LKIA..."
        }
        "access-key create" => {
            "lkms access-key create --principal ci --description \"web app CI\"\n  lkms access-key create --principal ci --output text --query 'AccessKey.[AccessKeyId,SecretAccessKey]'"
        }
        "access-key list" => {
            "lkms access-key list --output table\n  lkms access-key list --principal ci   # anyone may list their own"
        }
        "access-key enable" => "lkms access-key enable --access-key-id LKIA...",
        "access-key disable" => {
            "lkms access-key disable --access-key-id LKIA...   # requests it signs are refused"
        }
        "access-key delete" => "lkms access-key delete --access-key-id LKIA...",
        "audit show" => {
            "lkms audit show --key-id alias/backups --since 2026-11-01 --output table\n  lkms audit show --operation Decrypt --max-records 20"
        }
        "audit verify" => "lkms audit verify --output text --query LastSeq",
        "audit export" => "lkms audit export --since 2026-11-01 --to trail.jsonl",
        "audit prune" => "lkms audit prune --before 2025-01-01",
        "audit" => {
            "lkms audit verify\n  lkms audit show --principal ci --since 2026-11-01\n  lkms audit export --since 2026-11-01 --to trail.jsonl\n  lkms audit prune --before 2025-01-01"
        }
        "verify-keyring" => "lkms verify-keyring   # every record against the authenticated state",
        "backup" => "lkms backup --to keyring-$(date +%F).db   # while others use the keyring",
        "rotate-root-key" => "lkms rotate-root-key   # after a credential may have leaked",
        "get-keyring-policy" => "lkms get-keyring-policy --output text --query Policy",
        "put-keyring-policy" => {
            "lkms put-keyring-policy --policy file://keyring-policy.json   # who administers the keyring"
        }
        "migrate" => {
            "lkms migrate   # a version 1 (TOML) keyring; every command also does it on first use"
        }
        "maintain" => "lkms maintain --output json   # from cron or a scheduled CI job",
        "encrypt-file" => {
            "lkms encrypt-file --key-id alias/backups -o backup.tar.lkms backup.tar\n  tar c dir | lkms encrypt-file --key-id alias/backups -o - - > dir.tar.lkms\n  lkms encrypt-file --recipient-key backups.pem -o backup.tar.lkms backup.tar   # no keyring needed"
        }
        "decrypt-file" => {
            "lkms decrypt-file -o backup.tar backup.tar.lkms\n  lkms decrypt-file -o - dir.tar.lkms | tar x"
        }
        "rewrap-file" => {
            "lkms rewrap-file backup.tar.lkms                     # onto the key's newest version\n  lkms rewrap-file --destination-key-id alias/new backup.tar.lkms"
        }
        "inspect-file" => "lkms inspect-file backup.tar.lkms",
        "trust-keyring" => {
            "lkms trust-keyring --keyring-id 0123456789abcdef:00112233445566778899aabbccddeeff"
        }
        "serve" => {
            "lkms serve --ready-file /tmp/lkms.url &   # then AWS_ENDPOINT_URL_KMS=$(cat /tmp/lkms.url)
  lkms serve --listen 0.0.0.0:7474 --tls-self-signed ~/.local/share/lkms/tls   # clients: AWS_CA_BUNDLE=.../tls/ca.pem"
        }
        _ => return None,
    })
}

/// `lkms <command> help` as `aws kms <command> help`: a trailing `help`
/// after a command's name is its `--help`.
pub fn aws_help(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let n = args.len();
    if n < 3 || args[n - 1] != "help" {
        return args;
    }
    let cmd = command();
    let previous = args[n - 2].to_string_lossy();
    let is_command = cmd
        .get_subcommands()
        .any(|c| c.get_name() == previous || c.get_subcommands().any(|s| s.get_name() == previous));
    if is_command {
        args[n - 1] = "--help".into();
    }
    args
}

/// The CLI's clap command with the examples attached.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = super::args::Cli::command().after_long_help(AFTER_LONG_HELP);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        if super::shapes::find(&name).is_some() {
            cmd = cmd.mut_subcommand(&name, super::input::options);
        }
        if let Some(example) = example(&name) {
            cmd = cmd.mut_subcommand(&name, |c| {
                c.after_long_help(format!("Examples:\n  {example}"))
            });
        }
        let nested: Vec<String> = cmd
            .find_subcommand(&name)
            .map(|c| {
                c.get_subcommands()
                    .map(|s| s.get_name().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        for sub in nested {
            if let Some(example) = example(&format!("{name} {sub}")) {
                cmd = cmd.mut_subcommand(&name, |c| {
                    c.mut_subcommand(&sub, |s| {
                        s.after_long_help(format!("Examples:\n  {example}"))
                    })
                });
            }
        }
    }
    cmd
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_visible_subcommand_has_an_example_and_every_flag_help() {
        let cmd = super::command();
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            assert!(
                super::example(sub.get_name()).is_some(),
                "{} has no example",
                sub.get_name()
            );
            for nested in sub.get_subcommands().filter(|s| !s.is_hide_set()) {
                let name = format!("{} {}", sub.get_name(), nested.get_name());
                assert!(super::example(&name).is_some(), "{name} has no example");
            }
            assert!(sub.get_about().is_some(), "{} has no help", sub.get_name());
            for arg in sub.get_arguments() {
                assert!(
                    arg.get_help().is_some() || arg.is_hide_set(),
                    "{} --{} has no help",
                    sub.get_name(),
                    arg.get_id()
                );
            }
        }
    }
}
