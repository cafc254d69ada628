//! Every clap definition of the CLI, and nothing else.
//!
//! Subcommand and flag names follow `aws kms` (operation names in
//! kebab-case, the same parameter names), so a script ports by changing the
//! command name.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use lkms::key::{
    EncapsulationAlgorithm, EncryptionAlgorithm, ExpirationModel, KeyAgreementAlgorithm,
    KeyPairSpec, KeySpec, KeyUsage, MacAlgorithm, MessageType, Origin, SigningAlgorithm, Tag,
    WrappingAlgorithm,
};
use serde::Serialize;

use lkms::grant::GrantConstraints;
use lkms::ops::ImportType;
use time::OffsetDateTime;

use super::blob::parse_map;

/// A local key management service: AWS KMS's keys, policies and envelope
/// encryption, in one binary and one encrypted keyring file.
#[derive(Debug, Parser)]
#[command(name = "lkms", version = crate::cli::VERSION, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The operation.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub keyring: Option<PathBuf>,
    /// The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]
    #[arg(
        long,
        global = true,
        value_name = "URL",
        conflicts_with = "keyring",
        help_heading = "Global options"
    )]
    pub store: Option<String>,
    /// Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub identity: Option<PathBuf>,
    /// Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        help_heading = "Global options"
    )]
    pub passphrase_file: Option<PathBuf>,
    /// Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]
    #[arg(long, global = true, value_name = "N", help_heading = "Global options")]
    pub unlock_slot: Option<u32>,
    /// Output format [default: table on a terminal, json otherwise]
    #[arg(long, global = true, value_parser = OutputFormatParser, help_heading = "Global options")]
    pub output: Option<OutputFormat>,
    /// The keyring's AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches
    #[arg(
        long,
        global = true,
        value_name = "REGION",
        help_heading = "Global options"
    )]
    pub region: Option<String>,
    /// A JMESPath query applied to the response, as with the AWS CLI
    #[arg(
        long,
        global = true,
        value_name = "JMESPATH",
        help_heading = "Global options"
    )]
    pub query: Option<String>,
    /// Answer yes to confirmations (deletion, disabling, revoking)
    #[arg(short = 'y', long, global = true, help_heading = "Global options")]
    pub yes: bool,
    /// No progress bars
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// File commands: print a summary of what was done (also printed when --output is given)
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub verbose: bool,
    /// Print the request as lkms understood it, the keyring and timings on stderr (never secrets)
    #[arg(long, global = true, help_heading = "AWS CLI options")]
    pub debug: bool,
    /// How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "FORMAT",
        help_heading = "AWS CLI options"
    )]
    pub cli_binary_format: Option<BinaryFormat>,
    /// The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        help_heading = "AWS CLI options"
    )]
    pub profile: Option<String>,
    /// Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)
    #[arg(
        long,
        global = true,
        value_name = "URL",
        help_heading = "AWS CLI options"
    )]
    pub endpoint_url: Option<String>,
    /// Accepted for AWS CLI scripts; no effect (lkms never pages its output)
    #[arg(long, global = true, help_heading = "AWS CLI options")]
    pub no_cli_pager: bool,
    /// Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        help_heading = "AWS CLI options"
    )]
    pub color: Option<Color>,
}

/// How inline blob parameters are read, as the AWS CLI's `cli_binary_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BinaryFormat {
    /// Base64 text, as AWS CLI v2
    Base64,
    /// The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file's bytes)
    RawInBase64Out,
}

/// `--color`, as the AWS CLI takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Always colour
    On,
    /// No colour
    Off,
    /// Colour when stdout is a terminal and $NO_COLOR is unset
    Auto,
}

/// Parses `--output`, and points a path given there to `-o`.
#[derive(Debug, Clone, Copy)]
struct OutputFormatParser;

impl TypedValueParser for OutputFormatParser {
    type Value = OutputFormat;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<OutputFormat, clap::Error> {
        clap::builder::EnumValueParser::<OutputFormat>::new()
            .parse_ref(cmd, arg, value)
            .map_err(|e| {
                let v = value.to_string_lossy();
                if v.contains('.') || v.contains('/') {
                    clap::Error::raw(
                        clap::error::ErrorKind::InvalidValue,
                        format!(
                            "invalid value '{v}' for '--output': --output sets the format (json, text or table); \
                             did you mean -o {v} (the output file)?\n"
                        ),
                    )
                    .with_cmd(cmd)
                } else {
                    e
                }
            })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            OutputFormat::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// How responses are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// JSON, indented as the AWS CLI prints it
    Json,
    /// Tab-separated values, as the AWS CLI's text output
    Text,
    /// The AWS CLI's nested table, for people
    Table,
    /// YAML, as the AWS CLI's yaml output
    Yaml,
    /// YAML, each response a list item, as the AWS CLI's yaml-stream
    YamlStream,
}

/// The operations.
#[derive(Debug, Subcommand, Serialize)]
pub enum Command {
    /// Create a new keyring with its first unlock slot(s)
    Init(InitArgs),
    /// Manage the keyring's unlock slots
    #[command(subcommand)]
    Slot(SlotCommand),
    /// Change the passphrase of a passphrase slot
    Passwd(PasswdArgs),
    /// Manage principals' access keys: the AWS credentials `lkms serve` accepts
    #[command(subcommand)]
    AccessKey(AccessKeyCommand),
    /// Create a customer master key
    CreateKey(CreateKeyArgs),
    /// Show a key's metadata
    DescribeKey(DescribeKeyArgs),
    /// List the keys of the keyring
    ListKeys(ListKeysArgs),
    /// Replace a key's description
    UpdateKeyDescription(UpdateKeyDescriptionArgs),
    /// Enable a disabled key
    EnableKey(KeyIdArgs),
    /// Disable a key: it refuses cryptography until enabled again
    DisableKey(KeyIdArgs),
    /// Schedule a key's destruction after a waiting period of 7 to 30 days
    ScheduleKeyDeletion(ScheduleKeyDeletionArgs),
    /// Cancel a scheduled deletion; the key comes back disabled
    CancelKeyDeletion(KeyIdArgs),
    /// Create an alias for a key
    CreateAlias(AliasTargetArgs),
    /// Point an alias at another key
    UpdateAlias(AliasTargetArgs),
    /// Delete an alias (the key stays)
    DeleteAlias(AliasNameArgs),
    /// List aliases, of every key or of one
    ListAliases(ListAliasesArgs),
    /// Add or replace tags on a key
    TagResource(TagResourceArgs),
    /// Remove tags from a key
    UntagResource(UntagResourceArgs),
    /// List a key's tags
    ListResourceTags(ListResourceTagsArgs),
    /// Encrypt up to 4096 bytes under a symmetric key
    Encrypt(EncryptArgs),
    /// Decrypt a ciphertext blob (the key is found from the blob)
    Decrypt(DecryptArgs),
    /// Decrypt and encrypt again under another key or context, without exposing the plaintext
    ReEncrypt(ReEncryptArgs),
    /// Make a data key: returned in plaintext and encrypted under the key
    GenerateDataKey(GenerateDataKeyArgs),
    /// Make a data key, returned only encrypted under the key
    GenerateDataKeyWithoutPlaintext(GenerateDataKeyArgs),
    /// Random bytes from the operating system's CSPRNG
    GenerateRandom(GenerateRandomArgs),
    /// Turn on automatic rotation (first rotation one period from now)
    EnableKeyRotation(EnableKeyRotationArgs),
    /// Turn off automatic rotation
    DisableKeyRotation(KeyIdArgs),
    /// Show whether and when a key rotates
    GetKeyRotationStatus(KeyIdArgs),
    /// Rotate a key's material now (at most 25 times per key)
    RotateKeyOnDemand(KeyIdArgs),
    /// List a key's rotations, oldest first
    ListKeyRotations(ListKeyRotationsArgs),
    /// The public key of an asymmetric key (DER SubjectPublicKeyInfo)
    GetPublicKey(GetPublicKeyArgs),
    /// Sign a message or digest with an asymmetric key
    Sign(SignArgs),
    /// Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)
    Verify(VerifyArgs),
    /// HMAC a message with an HMAC key
    GenerateMac(GenerateMacArgs),
    /// Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)
    VerifyMac(VerifyMacArgs),
    /// Make a key pair: the private key in plaintext and encrypted under a symmetric key
    GenerateDataKeyPair(GenerateDataKeyPairArgs),
    /// Make a key pair; the private key is returned only encrypted
    GenerateDataKeyPairWithoutPlaintext(GenerateDataKeyPairArgs),
    // ML-KEM (issue 17, branch kem).
    /// A fresh 32-byte shared secret and its ciphertext under an ML-KEM key's public key
    Encapsulate(EncapsulateArgs),
    /// Recover the shared secret of an ML-KEM ciphertext (implicit rejection: a foreign ciphertext gives an unrelated secret)
    Decapsulate(DecapsulateArgs),
    /// ECDH: the raw shared secret of a KEY_AGREEMENT key and a peer's public key
    DeriveSharedSecret(DeriveSharedSecretArgs),
    /// When and how a key was last used for a successful cryptographic operation (from the audit trail)
    GetKeyLastUsage(GetKeyLastUsageArgs),
    /// A wrapping public key and import token (valid 24 hours) for importing key material
    GetParametersForImport(GetParametersForImportArgs),
    /// Import key material wrapped with the public key of get-parameters-for-import
    ImportKeyMaterial(ImportKeyMaterialArgs),
    /// Destroy a key's imported material; the key waits for it in PendingImport
    DeleteImportedKeyMaterial(DeleteImportedKeyMaterialArgs),
    /// Replace a key's policy (AWS JSON grammar)
    PutKeyPolicy(PutKeyPolicyArgs),
    /// Show a key's policy
    GetKeyPolicy(GetKeyPolicyArgs),
    /// List a key's policy names (always "default")
    ListKeyPolicies(ListKeyPoliciesArgs),
    /// Give a principal permissions on a key, optionally constrained by encryption context
    CreateGrant(CreateGrantArgs),
    /// List the grants of a key
    ListGrants(ListGrantsArgs),
    /// List the grants a principal may retire
    ListRetirableGrants(ListRetirableGrantsArgs),
    /// Retire a grant (its retiring principal or grantee)
    RetireGrant(RetireGrantArgs),
    /// Revoke a grant (needs kms:RevokeGrant)
    RevokeGrant(RevokeGrantArgs),
    /// Show who the unlocking slot makes you
    Whoami,
    /// Read and verify the audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)
    EncryptFile(EncryptFileArgs),
    /// Decrypt files made by encrypt-file (the key is found from the header)
    DecryptFile(DecryptFileArgs),
    /// Re-wrap files' data keys under the newest key versions or other keys, without re-encrypting
    RewrapFile(RewrapFileArgs),
    /// Show an encrypted file's header without unlocking the keyring
    InspectFile(InspectFileArgs),
    /// Apply due deletions, rotations and material expiry now (for cron and CI)
    Maintain,
    /// Check every record of the keyring and its audit trail against the authenticated state
    VerifyKeyring,
    /// Write a consistent copy of the keyring while others use it (restore: copy it back)
    Backup(BackupArgs),
    /// Make a new root key: re-wrap every slot and re-seal every record under it
    RotateRootKey,
    /// Show the keyring policy: who may administer slots, credentials and the keyring
    GetKeyringPolicy,
    /// Replace the keyring policy (the key policy grammar with lkms: actions)
    PutKeyringPolicy(PutKeyringPolicyArgs),
    /// Copy the keyring to another file or database (--to), or upgrade a version 1 keyring
    Migrate(MigrateArgs),
    /// Accept the keyring now at this path for your credential, when it is not the one you opened here before
    #[command(long_about = TRUST_KEYRING_ABOUT)]
    TrustKeyring(TrustKeyringArgs),
    /// Serve the AWS KMS JSON API (SigV4-signed requests) to AWS SDKs and tools, until SIGTERM or SIGINT
    #[command(long_about = SERVE_ABOUT)]
    Serve(ServeArgs),
    /// Write shell completions and man pages (for packagers; see README)
    #[command(hide = true)]
    Generate(GenerateArgs),
}

const SERVE_ABOUT: &str = "Serve the AWS KMS JSON API (awsJson1_1 over HTTP/1.1, SigV4-signed requests) to AWS SDKs and tools, until SIGTERM or SIGINT.

The keyring is unlocked once, at start, with the usual credential. Requests are signed with access keys (lkms access-key create) and run as their principal. Point clients at the URL written to --ready-file (AWS_ENDPOINT_URL_KMS). GET / answers 200 without authentication, for health checks. See docs/SERVE.md.";

/// `serve`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 lets the kernel pick one (see --ready-file)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7474")]
    pub listen: std::net::SocketAddr,
    /// Once listening, write the endpoint URL and a newline to this file (atomically); removed at exit
    #[arg(long, value_name = "PATH")]
    pub ready_file: Option<PathBuf>,
    /// Serve HTTPS with this certificate chain (PEM)
    #[arg(
        long,
        value_name = "PEM",
        requires = "tls_key",
        conflicts_with = "tls_self_signed"
    )]
    pub tls_cert: Option<PathBuf>,
    /// The private key of --tls-cert (PEM)
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Serve HTTPS with a certificate for localhost, 127.0.0.1 and ::1 signed by a CA kept in DIR (created, then reused); give clients DIR/ca.pem (AWS_CA_BUNDLE)
    #[arg(long, value_name = "DIR")]
    pub tls_self_signed: Option<PathBuf>,
    /// Allow a non-loopback --listen address without TLS (requests and secrets then cross the network in clear)
    #[arg(long)]
    pub allow_public_without_tls: bool,
    /// Connections served at once; more are answered 503 ServiceUnavailableException and closed
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
    /// Largest request body in bytes; larger ones are answered 413 RequestEntityTooLargeException
    #[arg(long, value_name = "N", default_value_t = 1024 * 1024, value_parser = clap::value_parser!(u64).range(1024..=(64 * 1024 * 1024)))]
    pub max_body_bytes: u64,
    /// Largest request head (request line and headers) in bytes; larger ones are answered 431
    #[arg(long, value_name = "N", default_value_t = 16 * 1024, value_parser = clap::value_parser!(u64).range(1024..=(1024 * 1024)))]
    pub max_header_bytes: u64,
    /// Most headers in a request; more are answered 431
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u64).range(8..=1024))]
    pub max_headers: u64,
    /// Seconds a request head may take to arrive, from the connection's start or its previous response (so also how long an idle keep-alive connection stays open)
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub header_timeout: f64,
    /// Seconds a request body may take to arrive once its head has; slower ones are answered 408 RequestTimeoutException
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub body_timeout: f64,
    /// Failed authentications allowed per client IP address per minute (a bucket refilling at that rate); beyond them every request of that address is answered ThrottlingException unchecked
    #[arg(long, value_name = "N", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub auth_failures_per_minute: u32,
    /// Seconds in-flight requests get to finish after SIGTERM or SIGINT
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub shutdown_timeout: f64,
    /// Most connections the server keeps to the keyring's store for reads (each one a reader at a time); one more is the writer's. With PostgreSQL, servers × (N + 1) must stay under the database's max_connections [default: 4 per CPU core]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub store_connections: Option<u32>,
    /// Where the access log goes: a file (appended to), or - for standard error
    #[arg(long, value_name = "PATH", default_value = "-")]
    pub access_log: PathBuf,
}

/// A positive number of seconds, at most a day.
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "{s}: expected a number of seconds greater than 0 and at most 86400"
        )),
    }
}

/// `encrypt-file`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptFileArgs {
    /// Key id, key ARN, or alias/<name>; repeat to let any of several keys decrypt [default: alias/lkms/default, unless --recipient-key is given]
    #[arg(long, value_name = "KEY")]
    pub key_id: Vec<String>,
    /// Also encrypt to this RSA or ML-KEM public key, as get-public-key writes it (DER, PEM or its JSON); repeatable. With only recipient keys, no keyring or credential is needed: the keyring holding the private key decrypts
    #[arg(long, value_name = "FILE")]
    pub recipient_key: Vec<PathBuf>,
    /// Context bound to the file: k=v,k2=v2 or JSON
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub encryption_context: Option<BTreeMap<String, String>>,
    /// Files to encrypt, or - for standard input
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Where to write (one input): a path, or - for standard output [default: INPUT + suffix]
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Folder for the outputs of several inputs [default: beside each input]
    #[arg(long, value_name = "DIR", conflicts_with = "output_file")]
    pub output_dir: Option<PathBuf>,
    /// Suffix of output names
    #[arg(long, default_value = ".lkms")]
    pub suffix: String,
    /// Encrypt the files in folders, recursively; symlinks are not followed, and files that already are lkms files are skipped
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Replace an existing output file (else refused, or asked on a terminal)
    #[arg(long)]
    pub force: bool,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
}

/// `decrypt-file`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecryptFileArgs {
    /// Only use this key (id, ARN or alias) [default: any key of the keyring the file names]
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// Require these pairs in the file's encryption context: k=v,k2=v2 or JSON
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub encryption_context: Option<BTreeMap<String, String>>,
    /// Files to decrypt, or - for standard input
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Where to write (one input): a path, or - for standard output [default: INPUT without the suffix]
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Folder for the outputs of several inputs [default: beside each input]
    #[arg(long, value_name = "DIR", conflicts_with = "output_file")]
    pub output_dir: Option<PathBuf>,
    /// Suffix removed from input names to name outputs
    #[arg(long, default_value = ".lkms")]
    pub suffix: String,
    /// Decrypt the lkms files in folders, recursively; symlinks are not followed, and other files are skipped
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Replace an existing output file (else refused, or asked on a terminal)
    #[arg(long)]
    pub force: bool,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
}

/// `rewrap-file`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RewrapFileArgs {
    /// Wrap under these keys instead [default: each of the file's keys, at its newest version]
    #[arg(long, value_name = "KEY")]
    pub destination_key_id: Vec<String>,
    /// Encrypted files to rewrap in place
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// `inspect-file`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InspectFileArgs {
    /// An encrypted file, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// `generate`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateArgs {
    /// Write completions/ and man/ under DIR
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
}

/// `put-key-policy`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutKeyPolicyArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The policy name (only "default")
    #[arg(long)]
    pub policy_name: Option<String>,
    /// The policy: JSON, or file://PATH
    #[arg(long, value_name = "JSON")]
    pub policy: String,
    /// Accept a policy that would keep you from changing it again
    #[arg(long)]
    pub bypass_policy_lockout_safety_check: bool,
}

/// `put-keyring-policy`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutKeyringPolicyArgs {
    /// The policy: JSON, or file://PATH
    #[arg(long, value_name = "JSON")]
    pub policy: String,
    /// Accept a policy that would keep you from changing it again
    #[arg(long)]
    pub bypass_policy_lockout_safety_check: bool,
}

/// `get-key-policy`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetKeyPolicyArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The policy name (only "default")
    #[arg(long)]
    pub policy_name: Option<String>,
}

/// `create-grant`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateGrantArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// Who receives the permissions: a principal's name or IAM ARN (arn:aws:iam::<account>:user/<name>)
    #[arg(long, value_name = "PRINCIPAL")]
    pub grantee_principal: String,
    /// Who may retire the grant: a principal's name or IAM ARN
    #[arg(long, value_name = "PRINCIPAL")]
    pub retiring_principal: Option<String>,
    /// Operations: Decrypt Encrypt GenerateDataKey ... (space- or comma-separated)
    #[arg(long, num_args = 1.., value_delimiter = ',', required = true)]
    pub operations: Vec<String>,
    /// EncryptionContextSubset={k=v,...} or EncryptionContextEquals={k=v,...} (or AWS JSON, or file://PATH)
    #[arg(long, value_name = "CONSTRAINTS", value_parser = parse_constraints)]
    pub constraints: Option<GrantConstraints>,
    /// A name for the grant
    #[arg(long)]
    pub name: Option<String>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `list-grants`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListGrantsArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// Only this grant
    #[arg(long)]
    pub grant_id: Option<String>,
    /// Only grants to this principal (name or IAM ARN)
    #[arg(long, value_name = "PRINCIPAL")]
    pub grantee_principal: Option<String>,
    /// Page options.
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// `list-retirable-grants`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListRetirableGrantsArgs {
    /// The retiring principal (name or IAM ARN)
    #[arg(long, value_name = "PRINCIPAL")]
    pub retiring_principal: String,
    /// Page options.
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// `retire-grant`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RetireGrantArgs {
    /// The grant token (or give --key-id and --grant-id)
    #[arg(long, conflicts_with_all = ["key_id", "grant_id"], required_unless_present = "grant_id")]
    pub grant_token: Option<String>,
    /// The grant's key
    #[arg(long, value_name = "KEY", requires = "grant_id")]
    pub key_id: Option<String>,
    /// The grant id
    #[arg(long, requires = "key_id")]
    pub grant_id: Option<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `revoke-grant`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeGrantArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The grant id
    #[arg(long)]
    pub grant_id: String,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `audit ...`.
#[derive(Debug, Subcommand, Serialize)]
pub enum AuditCommand {
    /// Show audit records, oldest first
    Show(AuditShowArgs),
    /// Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record
    Verify,
    /// Write records as CloudTrail-like JSON lines, in clear, for a SIEM
    Export(AuditExportArgs),
    /// Drop records older than a date; the rest stays verifiable from a checkpoint
    Prune(AuditPruneArgs),
}

/// `audit export`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuditExportArgs {
    #[command(flatten)]
    #[serde(flatten)]
    pub filter: AuditShowArgs,
    /// Write to this file (a new file) instead of standard output
    #[arg(long = "to", value_name = "FILE")]
    pub to: Option<PathBuf>,
    /// Replace an existing output file (else refused, or asked on a terminal)
    #[arg(long)]
    pub force: bool,
}

/// `audit prune`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuditPruneArgs {
    /// Drop records before this time (ISO 8601 or Unix seconds)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    #[serde(serialize_with = "lkms::timestamp::serialize")]
    pub before: OffsetDateTime,
}

const TRUST_KEYRING_ABOUT: &str = "\
Accept the keyring now at this path for your credential, when it is not the one you opened here before.

The first time a credential unlocks a keyring, lkms records the keyring's id and fingerprint for that \
credential and path in $XDG_CONFIG_HOME/lkms/known_keyrings (~/.config/lkms/known_keyrings), as ssh \
records host keys in known_hosts. A different keyring at the same path is refused \
(KeyringChangedException): someone who can write the file could have replaced it with a keyring of \
their own made for your public age recipient, to read what you encrypt. If you replaced it yourself \
(a new keyring, a copy from another machine), accept it with this command, naming the keyring you \
expect as the error printed it (`lkms whoami` prints KeyringId and KeyringFingerprint on a machine you \
trust).

In CI, set LKMS_KEYRING_ID=<id>:<fingerprint> instead: it is checked on every unlock, and the file is \
then neither read nor written. Rotating the root key (rotate-root-key, slot remove, passwd) keeps the \
fingerprint.";

/// `trust-keyring`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TrustKeyringArgs {
    /// The keyring you accept: <keyring id>:<fingerprint>, as the refusal printed it
    #[arg(long, value_name = "ID:FINGERPRINT")]
    pub keyring_id: String,
}

/// `migrate`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MigrateArgs {
    /// Copy the keyring, every record and the whole audit trail as they are, to this keyring file or empty PostgreSQL database (postgres://…); the copy opens with the same credentials and is checked in full before lkms says it is done
    #[arg(long, value_name = "PATH|URL")]
    #[serde(serialize_with = "redacted")]
    pub to: Option<String>,
}

/// A store location as the audit trail records it: without a password.
fn redacted<S: serde::Serializer>(to: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match to {
        Some(t) => s.serialize_some(&lkms::store::postgres::redact(t)),
        None => s.serialize_none(),
    }
}

/// `backup`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BackupArgs {
    /// The backup file to create
    #[arg(long = "to", value_name = "FILE")]
    pub to: PathBuf,
    /// Replace an existing output file (else refused, or asked on a terminal)
    #[arg(long)]
    pub force: bool,
}

/// `audit show`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuditShowArgs {
    /// Only records about this key
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// Only records at or after this time (ISO 8601 or Unix seconds)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    #[serde(serialize_with = "lkms::timestamp::serialize_opt")]
    pub since: Option<OffsetDateTime>,
    /// Only records of this principal
    #[arg(long, value_name = "PRINCIPAL")]
    pub principal: Option<String>,
    /// Only records of this operation (e.g. Decrypt)
    #[arg(long)]
    pub operation: Option<String>,
    /// Only records before this time (ISO 8601 or Unix seconds)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    #[serde(serialize_with = "lkms::timestamp::serialize_opt")]
    pub until: Option<OffsetDateTime>,
    /// At most this many records: the newest ones (still printed oldest first)
    #[arg(long, value_name = "N")]
    pub max_records: Option<usize>,
}

/// Parses grant constraints: AWS JSON, or the shorthand
/// `EncryptionContextSubset={k=v,k2=v2}` / `EncryptionContextEquals={...}`.
fn parse_constraints(s: &str) -> Result<GrantConstraints, String> {
    let s = &*super::blob::param_text(s)?;
    let t = s.trim();
    if t.starts_with('{') && t.contains('"') {
        super::blob::check_depth(t)?;
        return serde_json::from_str(t).map_err(|e| format!("invalid constraints JSON: {e}"));
    }
    let mut c = GrantConstraints::default();
    let mut rest = t;
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once("={")
            .ok_or_else(|| format!("expected EncryptionContextSubset={{k=v,...}}, got {rest:?}"))?;
        let (body, after) = after
            .split_once('}')
            .ok_or_else(|| format!("missing '}}' in {s:?}"))?;
        let map = parse_map(body)?;
        match name.trim_start_matches(',') {
            "EncryptionContextSubset" => c.encryption_context_subset = Some(map),
            "EncryptionContextEquals" => c.encryption_context_equals = Some(map),
            other => return Err(format!("unknown constraint {other:?}")),
        }
        rest = after.trim_start_matches(',');
    }
    Ok(c)
}

/// `get-parameters-for-import`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetParametersForImportArgs {
    /// Key id, key ARN, or alias/<name> of an EXTERNAL key
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// How you will wrap the material
    #[arg(long, value_parser = aws_enum::<WrappingAlgorithm>(WrappingAlgorithm::NAMES))]
    pub wrapping_algorithm: WrappingAlgorithm,
    /// The RSA wrapping key's size
    #[arg(long, value_parser = aws_enum::<KeySpec>(&["RSA_2048", "RSA_3072", "RSA_4096"]))]
    pub wrapping_key_spec: KeySpec,
}

/// `import-key-material`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImportKeyMaterialArgs {
    /// Key id, key ARN, or alias/<name> of an EXTERNAL key
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    #[serde(skip)]
    /// The wrapped material: fileb://PATH or base64
    #[arg(long, value_name = "BLOB")]
    pub encrypted_key_material: String,
    #[serde(skip)]
    /// The ImportToken: fileb://PATH or base64
    #[arg(long, value_name = "BLOB")]
    pub import_token: String,
    /// Whether the material expires [default: KEY_MATERIAL_EXPIRES with --valid-to, else KEY_MATERIAL_DOES_NOT_EXPIRE]
    #[arg(long, value_parser = aws_enum::<ExpirationModel>(&["KEY_MATERIAL_EXPIRES", "KEY_MATERIAL_DOES_NOT_EXPIRE"]))]
    pub expiration_model: Option<ExpirationModel>,
    /// When the material expires: ISO 8601 (2027-01-31T00:00:00Z, 2027-01-31) or Unix seconds
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    #[serde(serialize_with = "lkms::timestamp::serialize_opt")]
    pub valid_to: Option<OffsetDateTime>,
    /// EXISTING_KEY_MATERIAL (first import or the same material again) or NEW_KEY_MATERIAL (for rotation)
    #[arg(long, value_parser = aws_enum::<ImportType>(&["EXISTING_KEY_MATERIAL", "NEW_KEY_MATERIAL"]), default_value = "EXISTING_KEY_MATERIAL")]
    pub import_type: ImportType,
    /// Re-import only if the material is this version (from list-key-rotations --include-key-material ALL_KEY_MATERIAL)
    #[arg(long, value_name = "ID")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
    /// A description of the material, up to 256 characters [default: the last one given for it]
    #[arg(long, value_name = "TEXT")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_description: Option<String>,
}

/// Parses a time as the AWS CLI takes it: ISO 8601 (a date alone means
/// midnight UTC; no offset means UTC) or Unix seconds.
fn parse_time(s: &str) -> Result<OffsetDateTime, String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    if let Ok(secs) = s.parse::<i64>() {
        return OffsetDateTime::from_unix_timestamp(secs).map_err(|e| e.to_string());
    }
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Ok(t);
    }
    let utc = |p: time::PrimitiveDateTime| p.assume_utc();
    if let Ok(p) = time::PrimitiveDateTime::parse(
        s,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
    ) {
        return Ok(utc(p));
    }
    if let Ok(d) = time::Date::parse(s, format_description!("[year]-[month]-[day]")) {
        return Ok(utc(d.midnight()));
    }
    Err(format!(
        "{s:?} is not an ISO 8601 time (2027-01-31T00:00:00Z) or Unix seconds"
    ))
}

/// `get-public-key`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPublicKeyArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// Also write the public key to FILE (lkms convenience; see --format)
    #[arg(long, value_name = "FILE")]
    pub outfile: Option<PathBuf>,
    /// Replace an existing output file (else refused, or asked on a terminal)
    #[arg(long)]
    pub force: bool,
    /// Encoding of --outfile
    #[arg(long, value_enum, default_value = "pem", requires = "outfile")]
    pub format: KeyFileFormat,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
}

/// The encoding of a public key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyFileFormat {
    /// DER SubjectPublicKeyInfo
    Der,
    /// PEM "PUBLIC KEY"
    Pem,
}

/// `sign`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    #[serde(skip)]
    /// The message or digest: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub message: String,
    /// RAW (lkms hashes the message, at most 4096 bytes), DIGEST (ED25519_PH_SHA_512 needs it), or EXTERNAL_MU (ML-DSA's 64-byte mu)
    #[arg(long, value_parser = aws_enum::<MessageType>(MessageType::NAMES), default_value = "RAW")]
    pub message_type: MessageType,
    /// The signing algorithm
    #[arg(long, value_parser = aws_enum::<SigningAlgorithm>(SigningAlgorithm::NAMES))]
    pub signing_algorithm: SigningAlgorithm,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `verify`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    #[serde(skip)]
    /// The message or digest: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub message: String,
    /// RAW, DIGEST or EXTERNAL_MU (as when signing)
    #[arg(long, value_parser = aws_enum::<MessageType>(MessageType::NAMES), default_value = "RAW")]
    pub message_type: MessageType,
    #[serde(skip)]
    /// The signature: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub signature: String,
    /// The signing algorithm
    #[arg(long, value_parser = aws_enum::<SigningAlgorithm>(SigningAlgorithm::NAMES))]
    pub signing_algorithm: SigningAlgorithm,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `generate-mac`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateMacArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    #[serde(skip)]
    /// The message (1 to 4096 bytes): base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub message: String,
    /// The MAC algorithm (the one the key's spec allows)
    #[arg(long, value_parser = aws_enum::<MacAlgorithm>(MacAlgorithm::NAMES))]
    pub mac_algorithm: MacAlgorithm,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `verify-mac`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyMacArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    #[serde(skip)]
    /// The message: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub message: String,
    #[serde(skip)]
    /// The MAC to check: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub mac: String,
    /// The MAC algorithm
    #[arg(long, value_parser = aws_enum::<MacAlgorithm>(MacAlgorithm::NAMES))]
    pub mac_algorithm: MacAlgorithm,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

// ML-KEM (issue 17, branch kem).
/// `encapsulate`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncapsulateArgs {
    /// Key id, key ARN, or alias/<name> of an ML-KEM key
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The key encapsulation algorithm
    #[arg(long, value_parser = aws_enum::<EncapsulationAlgorithm>(EncapsulationAlgorithm::NAMES))]
    pub encapsulation_algorithm: EncapsulationAlgorithm,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `decapsulate`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecapsulateArgs {
    /// Key id, key ARN, or alias/<name> of the ML-KEM key
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    #[serde(skip)]
    /// The ciphertext from encapsulate: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub shared_secret_ciphertext_blob: String,
    /// The key encapsulation algorithm
    #[arg(long, value_parser = aws_enum::<EncapsulationAlgorithm>(EncapsulationAlgorithm::NAMES))]
    pub encapsulation_algorithm: EncapsulationAlgorithm,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `generate-data-key-pair`, `generate-data-key-pair-without-plaintext`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateDataKeyPairArgs {
    /// The symmetric key that encrypts the private key
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The kind of key pair
    #[arg(long, value_parser = aws_enum::<KeyPairSpec>(KeyPairSpec::NAMES))]
    pub key_pair_spec: KeyPairSpec,
    /// Context bound to the encrypted private key: k=v,k2=v2 or JSON
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub encryption_context: Option<BTreeMap<String, String>>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `get-key-last-usage`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetKeyLastUsageArgs {
    /// Key id or key ARN (not an alias, as in AWS)
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
}

/// `derive-shared-secret`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeriveSharedSecretArgs {
    /// A KEY_AGREEMENT key (ECC_NIST_P256, P384 or P521): id, ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The key agreement algorithm
    #[arg(long, value_parser = aws_enum::<KeyAgreementAlgorithm>(KeyAgreementAlgorithm::NAMES))]
    pub key_agreement_algorithm: KeyAgreementAlgorithm,
    #[serde(skip)]
    /// The peer's public key, DER SubjectPublicKeyInfo on the same curve: base64, or fileb://PATH
    #[arg(long, value_name = "BLOB")]
    pub public_key: String,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
    /// A Nitro enclave attestation (AWS only): refused, a keyring has no enclaves
    #[arg(long, value_name = "JSON")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
}

/// `encrypt`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptArgs {
    /// Key id, key ARN, or alias/<name> (alias/lkms/default: the managed key, created on first use)
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    #[serde(skip)]
    /// The data: base64, or fileb://PATH for raw bytes. A value on the command line is visible to other local users (ps, /proc/PID/cmdline): pass secrets as fileb://PATH, or on standard input as fileb:///dev/stdin
    #[arg(long, value_name = "BLOB")]
    pub plaintext: String,
    /// Context bound to the ciphertext: k=v,k2=v2, JSON, or file://PATH
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub encryption_context: Option<BTreeMap<String, String>>,
    /// SYMMETRIC_DEFAULT for symmetric keys
    #[arg(long, value_parser = aws_enum::<EncryptionAlgorithm>(EncryptionAlgorithm::NAMES))]
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `decrypt`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DecryptArgs {
    #[serde(skip)]
    /// The ciphertext: base64, or fileb://PATH for raw bytes
    #[arg(long, value_name = "BLOB")]
    pub ciphertext_blob: String,
    /// The context the ciphertext was made with
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub encryption_context: Option<BTreeMap<String, String>>,
    /// When given, the ciphertext must have been made under this key
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// SYMMETRIC_DEFAULT for symmetric keys
    #[arg(long, value_parser = aws_enum::<EncryptionAlgorithm>(EncryptionAlgorithm::NAMES))]
    pub encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
    /// With --dry-run: IGNORE_CIPHERTEXT checks only the permission, not the ciphertext (needs --key-id unless the ciphertext names its key)
    #[arg(long, num_args = 1.., value_name = "MODIFIER", value_parser = PossibleValuesParser::new(["IGNORE_CIPHERTEXT"]))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run_modifiers: Vec<String>,
}

/// `re-encrypt`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReEncryptArgs {
    #[serde(skip)]
    /// The ciphertext: base64, or fileb://PATH for raw bytes
    #[arg(long, value_name = "BLOB")]
    pub ciphertext_blob: String,
    /// The context the ciphertext was made with
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub source_encryption_context: Option<BTreeMap<String, String>>,
    /// When given, the ciphertext must have been made under this key
    #[arg(long, value_name = "KEY")]
    pub source_key_id: Option<String>,
    /// The key to encrypt under
    #[arg(long, value_name = "KEY")]
    pub destination_key_id: String,
    /// The context for the new ciphertext
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub destination_encryption_context: Option<BTreeMap<String, String>>,
    /// SYMMETRIC_DEFAULT for symmetric keys
    #[arg(long, value_parser = aws_enum::<EncryptionAlgorithm>(EncryptionAlgorithm::NAMES))]
    pub source_encryption_algorithm: Option<EncryptionAlgorithm>,
    /// SYMMETRIC_DEFAULT for symmetric keys
    #[arg(long, value_parser = aws_enum::<EncryptionAlgorithm>(EncryptionAlgorithm::NAMES))]
    pub destination_encryption_algorithm: Option<EncryptionAlgorithm>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
    /// With --dry-run: IGNORE_CIPHERTEXT checks only the permission, not the ciphertext (needs --key-id unless the ciphertext names its key)
    #[arg(long, num_args = 1.., value_name = "MODIFIER", value_parser = PossibleValuesParser::new(["IGNORE_CIPHERTEXT"]))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run_modifiers: Vec<String>,
}

/// `generate-data-key`, `generate-data-key-without-plaintext`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateDataKeyArgs {
    /// Key id, key ARN, or alias/<name> (alias/lkms/default: the managed key, created on first use)
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// AES_256 or AES_128 (or give --number-of-bytes)
    #[arg(long, value_parser = PossibleValuesParser::new(["AES_256", "AES_128"]))]
    pub key_spec: Option<String>,
    /// 1 to 1024 bytes (or give --key-spec)
    #[arg(long)]
    pub number_of_bytes: Option<u32>,
    /// Context bound to the encrypted data key: k=v,k2=v2 or JSON
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    pub encryption_context: Option<BTreeMap<String, String>>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub dry_run: DryRun,
}

/// `generate-random`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateRandomArgs {
    /// 1 to 1024
    #[arg(long)]
    pub number_of_bytes: u32,
    /// A CloudHSM key store: a keyring has none, so any id is CustomKeyStoreNotFoundException
    #[arg(long, value_name = "ID")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_key_store_id: Option<String>,
}

/// `enable-key-rotation`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EnableKeyRotationArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// Days between rotations, 90 to 2560 [default: 365]
    #[arg(long)]
    pub rotation_period_in_days: Option<u32>,
}

/// `list-key-rotations`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeyRotationsArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// ROTATIONS_ONLY (the default) or ALL_KEY_MATERIAL (also the first material and imported material awaiting rotation)
    #[arg(long, value_parser = PossibleValuesParser::new(["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"]))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_key_material: Option<String>,
    /// Page options.
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// `list-keys`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeysArgs {
    /// Whose keys: SELF (the default) and/or OTHER_ACCOUNTS_VIA_RAM (a keyring has none shared with it)
    #[arg(long, num_args = 1..=2, value_name = "OWNER", value_parser = PossibleValuesParser::new(["SELF", "OTHER_ACCOUNTS_VIA_RAM"]))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_owners: Vec<String>,
    /// Page options.
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// `delete-imported-key-material`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteImportedKeyMaterialArgs {
    /// Key id, key ARN, or alias/<name> of an EXTERNAL key [default: pick one from a list, on a terminal]
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// The material version to delete [default: the current one]
    #[arg(long, value_name = "ID")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
}

/// `init`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitArgs {
    /// The principal of the new slots [default: the login user name]
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,
    /// Add an age slot for this recipient (age1...); repeatable
    #[arg(long, value_name = "RECIPIENT")]
    pub age_recipient: Vec<String>,
    /// Write a new age identity to FILE (default: $XDG_CONFIG_HOME/lkms/identity.txt) and add a slot for it
    #[arg(long, value_name = "FILE", num_args = 0..=1)]
    pub generate_identity: Option<Option<PathBuf>>,
    /// Replace an existing output file (else refused, or asked on a terminal)
    #[arg(long)]
    pub force: bool,
}

/// `slot ...`.
#[derive(Debug, Subcommand, Serialize)]
pub enum SlotCommand {
    /// List the unlock slots
    List,
    /// Add an unlock slot
    Add(SlotAddArgs),
    /// Remove an unlock slot (never the last one, nor the last administrator's)
    Remove(SlotRemoveArgs),
}

/// `access-key ...`. The audit trail names these calls as IAM does:
/// `CreateAccessKey`, `ListAccessKeys`, `UpdateAccessKey`, `DeleteAccessKey`.
#[derive(Debug, Subcommand, Serialize)]
pub enum AccessKeyCommand {
    /// Create an access key for a principal; its secret is printed this once, never again
    #[command(long_about = ACCESS_KEY_CREATE_ABOUT)]
    Create(AccessKeyCreateArgs),
    /// List access keys, never their secrets
    List(AccessKeyListArgs),
    /// Make an access key Active: requests it signs are accepted again
    Enable(AccessKeyIdArgs),
    /// Make an access key Inactive: requests it signs are refused until it is enabled
    Disable(AccessKeyIdArgs),
    /// Delete an access key for good
    Delete(AccessKeyIdArgs),
}

const ACCESS_KEY_CREATE_ABOUT: &str = "\
Create an access key for a principal; its secret is printed this once, never again.

An access key is an AccessKeyId (LKIA...) and a SecretAccessKey: the credentials an AWS SDK or the \
AWS CLI signs its requests to `lkms serve` with (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). Requests \
signed with it act as the principal: its key policies, grants and audit records apply, as to its \
command-line calls. The principal needs no unlock slot.

The SecretAccessKey is printed only in this command's output: store it now (in your CI's secret \
store). `access-key list` never shows it; a lost secret is replaced by creating a new key and \
deleting the old one. A principal has at most 2 access keys, as in IAM, so that a key can be \
rotated without downtime. Needs lkms:CreateAccessKey (the keyring's administrators).";

/// `access-key create`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKeyCreateArgs {
    /// The principal whose requests the key signs
    #[arg(long, value_name = "NAME")]
    pub principal: String,
    /// What the key is for (at most 256 characters)
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

/// `access-key list`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKeyListArgs {
    /// Only this principal's keys (anyone may list their own) [default: every principal's]
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,
}

/// `access-key enable|disable|delete`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKeyIdArgs {
    /// The access key, as `access-key list` shows it (LKIA...)
    #[arg(long, value_name = "ID")]
    pub access_key_id: String,
}

/// `slot add`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
#[command(group = clap::ArgGroup::new("source").multiple(false))]
pub struct SlotAddArgs {
    /// The principal of the new slot [default: the caller's]
    #[arg(long, value_name = "NAME")]
    pub principal: Option<String>,
    /// An age slot for this recipient (age1...)
    #[arg(long, value_name = "RECIPIENT", group = "source")]
    pub age_recipient: Option<String>,
    /// Write a new age identity to FILE and add a slot for it
    #[arg(long, value_name = "FILE", group = "source")]
    pub generate_identity: Option<PathBuf>,
    /// A passphrase slot with the passphrase in FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)
    #[arg(long, value_name = "FILE", group = "source")]
    pub new_passphrase_file: Option<PathBuf>,
    /// Make the slot's principal a keyring administrator too (adds it to the keyring policy)
    #[arg(long)]
    pub admin: bool,
}

/// `slot remove`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SlotRemoveArgs {
    /// The slot to remove, as `slot list` numbers them
    #[arg(long)]
    pub slot_id: u32,
}

/// `passwd`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PasswdArgs {
    /// The passphrase slot to change [default: the one that unlocked the keyring]
    #[arg(long)]
    pub slot_id: Option<u32>,
    /// Read the new passphrase from FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

/// A key named by id, ARN or alias.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyIdArgs {
    /// Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
}

/// `describe-key`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeKeyArgs {
    /// Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// Grant tokens (accepted as in AWS)
    #[arg(long, num_args = 1.., value_name = "TOKEN")]
    pub grant_tokens: Vec<String>,
}

/// `list-key-policies`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListKeyPoliciesArgs {
    /// Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// Paging of list commands: the API's `--limit`/`--marker` (one page), or
/// the AWS CLI's automatic pagination (every page, merged).
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PageArgs {
    /// Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker
    #[arg(long)]
    pub limit: Option<u32>,
    /// The NextMarker of the previous page; prints that one page
    #[arg(long)]
    pub marker: Option<String>,
    /// Print one page, with Truncated and NextMarker (by default every page is fetched and merged)
    #[arg(long, conflicts_with_all = ["max_items", "starting_token"])]
    #[serde(skip)]
    pub no_paginate: bool,
    /// Items per underlying call when fetching every page (1 to 1000, default 100)
    #[arg(long, value_name = "N", conflicts_with = "limit")]
    #[serde(skip)]
    pub page_size: Option<u32>,
    /// Print at most N items, then a NextToken for --starting-token
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..), conflicts_with_all = ["limit", "marker"])]
    #[serde(skip)]
    pub max_items: Option<u32>,
    /// The NextToken of a previous --max-items run: continue from there
    #[arg(long, value_name = "TOKEN", conflicts_with_all = ["limit", "marker"])]
    #[serde(skip)]
    pub starting_token: Option<String>,
}

/// `create-key`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateKeyArgs {
    /// A description of the key
    #[arg(long, default_value = "")]
    pub description: String,
    /// The kind of key [default: SYMMETRIC_DEFAULT]
    #[arg(long, value_parser = key_specs(|_| true))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_spec: Option<KeySpec>,
    /// Deprecated name of --key-spec, accepted as AWS accepts it
    #[arg(long, value_parser = key_specs(|s| s.customer_master_key_spec().is_some()))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_master_key_spec: Option<KeySpec>,
    /// What the key is for [default: the spec's usual usage]
    #[arg(long, value_parser = aws_enum::<KeyUsage>(KEY_USAGES))]
    pub key_usage: Option<KeyUsage>,
    /// AWS_KMS generates the material; EXTERNAL waits for imported material
    #[arg(long, value_parser = aws_enum::<Origin>(&["AWS_KMS", "EXTERNAL"]), default_value = "AWS_KMS")]
    pub origin: Origin,
    /// Tags: TagKey=k,TagValue=v ... (or AWS JSON, or file://PATH)
    #[arg(long, num_args = 1.., value_parser = parse_tags)]
    pub tags: Vec<Vec<Tag>>,
    /// The key policy: JSON, or file://PATH [default: every keyring principal may do everything]
    #[arg(long, value_name = "JSON")]
    pub policy: Option<String>,
    /// Accept a policy that would keep you from changing it again
    #[arg(long)]
    pub bypass_policy_lockout_safety_check: bool,
    /// A custom key store: a keyring has none, so any id is CustomKeyStoreNotFoundException
    #[arg(long, value_name = "ID")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_key_store_id: Option<String>,
    /// A key in an external key store (needs --custom-key-store-id)
    #[arg(long, value_name = "ID")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xks_key_id: Option<String>,
    /// A multi-Region primary key: refused, a keyring has one Region (--no-multi-region is the default)
    #[arg(long, overrides_with = "no_multi_region")]
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multi_region: bool,
    /// A single-Region key (the default)
    #[arg(long, overrides_with = "multi_region")]
    #[serde(skip)]
    pub no_multi_region: bool,
}

const KEY_USAGES: &[&str] = &[
    "ENCRYPT_DECRYPT",
    "SIGN_VERIFY",
    "GENERATE_VERIFY_MAC",
    // ML-KEM (issue 17, branch kem).
    "ENCAPSULATE_DECAPSULATE",
    "KEY_AGREEMENT",
];

/// The key specs `only` keeps, by their AWS names in `KeySpec::ALL`'s order
/// (`--key-spec` takes every one; the deprecated `--customer-master-key-spec`
/// none of those AWS added since 2024).
fn key_specs(only: fn(KeySpec) -> bool) -> impl TypedValueParser<Value = KeySpec> {
    let names = KeySpec::ALL
        .into_iter()
        .filter(move |s| only(*s))
        .map(KeySpec::name);
    PossibleValuesParser::new(names)
        .try_map(|s| serde_json::from_value(serde_json::Value::String(s)))
}

/// `update-key-description`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateKeyDescriptionArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The new description
    #[arg(long)]
    pub description: String,
}

/// `schedule-key-deletion`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScheduleKeyDeletionArgs {
    /// Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// Days before the key is destroyed (7 to 30)
    #[arg(long, default_value_t = lkms::ops::DEFAULT_DELETION_WINDOW_DAYS)]
    pub pending_window_in_days: u32,
}

/// `create-alias`, `update-alias`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasTargetArgs {
    /// alias/<name>
    #[arg(long)]
    pub alias_name: String,
    /// The key (id or ARN) the alias points at
    #[arg(long, value_name = "KEY")]
    pub target_key_id: String,
}

/// `delete-alias`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasNameArgs {
    /// alias/<name>
    #[arg(long)]
    pub alias_name: String,
}

/// `list-aliases`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAliasesArgs {
    /// Only the aliases of this key
    #[arg(long, value_name = "KEY")]
    pub key_id: Option<String>,
    /// Page options.
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// `tag-resource`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagResourceArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// Tags: TagKey=k,TagValue=v ... (or AWS JSON, or file://PATH)
    #[arg(long, num_args = 1.., required = true, value_parser = parse_tags)]
    pub tags: Vec<Vec<Tag>>,
}

/// `untag-resource`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UntagResourceArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// The tag keys to remove
    #[arg(long, num_args = 1.., required = true)]
    pub tag_keys: Vec<String>,
}

/// `list-resource-tags`.
#[derive(Debug, Args, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListResourceTagsArgs {
    /// Key id, key ARN, or alias/<name>
    #[arg(long, value_name = "KEY")]
    pub key_id: String,
    /// Page options.
    #[command(flatten)]
    #[serde(flatten)]
    pub page: PageArgs,
}

/// A value parser for an enum named by its AWS names (which are its serde names).
fn aws_enum<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(names)
        .try_map(|s| serde_json::from_value(serde_json::Value::String(s)))
}

/// Parses tags in the AWS CLI's shorthand (`TagKey=k,TagValue=v`) or JSON
/// (`[{"TagKey":"k","TagValue":"v"}]`).
fn parse_tags(s: &str) -> Result<Vec<Tag>, String> {
    let s = &*super::blob::param_text(s)?;
    if s.trim_start().starts_with('[') || s.trim_start().starts_with('{') {
        super::blob::check_depth(s)?;
        let v: serde_json::Value =
            serde_json::from_str(s).map_err(|e| format!("invalid JSON: {e}"))?;
        let list = if v.is_array() {
            v
        } else {
            serde_json::Value::Array(vec![v])
        };
        return serde_json::from_value(list)
            .map_err(|e| format!("expected [{{\"TagKey\":..,\"TagValue\":..}}]: {e}"));
    }
    let (mut key, mut value) = (None, None);
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("TagKey", k)) => key = Some(k.to_owned()),
            Some(("TagValue", v)) => value = Some(v.to_owned()),
            _ => return Err(format!("expected TagKey=<key>,TagValue=<value>, got {s:?}")),
        }
    }
    // The model requires both members, as the AWS CLI does; an empty
    // value is written TagValue= .
    match (key, value) {
        (Some(tag_key), Some(tag_value)) => Ok(vec![Tag { tag_key, tag_value }]),
        (None, _) => Err(format!("missing TagKey= in {s:?}")),
        (Some(_), None) => Err(format!(
            "missing TagValue= in {s:?} (AWS requires both; an empty value is TagValue=)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn times_as_the_aws_cli_takes_them() {
        let t = parse_time("2027-01-31T12:00:00Z").expect("rfc3339");
        assert_eq!(t.unix_timestamp(), 1_801_396_800);
        assert_eq!(parse_time("2027-01-31T12:00:00").expect("naive"), t);
        assert_eq!(parse_time("1801396800").expect("epoch"), t);
        assert_eq!(
            parse_time("2027-01-31").expect("date").unix_timestamp(),
            1_801_353_600
        );
        assert!(parse_time("tomorrow").is_err());
    }

    #[test]
    fn grant_constraints_shorthand_and_json() {
        let c = parse_constraints("EncryptionContextSubset={app=web,env=prod}").expect("subset");
        assert_eq!(c.encryption_context_subset.expect("subset")["env"], "prod");
        let c = parse_constraints("EncryptionContextEquals={app=web}").expect("equals");
        assert!(c.encryption_context_equals.is_some() && c.encryption_context_subset.is_none());
        let c = parse_constraints(r#"{"EncryptionContextEquals":{"app":"web"}}"#).expect("json");
        assert!(c.encryption_context_equals.is_some());
        assert!(parse_constraints("Other={a=b}").is_err());
    }

    #[test]
    fn tags_shorthand_and_json() {
        let t = parse_tags("TagKey=env,TagValue=prod").expect("shorthand");
        assert_eq!(t[0].tag_key, "env");
        assert_eq!(t[0].tag_value, "prod");
        let t = parse_tags(r#"[{"TagKey":"a","TagValue":"b"}]"#).expect("json");
        assert_eq!(t[0].tag_value, "b");
        assert!(parse_tags("Key=a").is_err());
    }
}

/// `--dry-run`, AWS's DryRun: the call is checked and run, then undone;
/// success is reported as DryRunOperationException and nothing is printed.
#[derive(Debug, Default, Args, Serialize)]
pub struct DryRun {
    /// Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)
    #[arg(long, overrides_with = "no_dry_run")]
    #[serde(rename = "DryRun", skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
    /// Run the call (the default)
    #[arg(long, overrides_with = "dry_run")]
    #[serde(skip)]
    pub no_dry_run: bool,
}
