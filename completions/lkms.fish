# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_lkms_global_optspecs
    string join \n keyring= store= identity= passphrase-file= unlock-slot= output= region= query= y/yes q/quiet v/verbose debug cli-binary-format= profile= endpoint-url= no-cli-pager color= h/help V/version
end

function __fish_lkms_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_lkms_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_lkms_using_subcommand
    set -l cmd (__fish_lkms_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c lkms -n "__fish_lkms_needs_command" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_needs_command" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_needs_command" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_needs_command" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_needs_command" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_needs_command" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_needs_command" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_needs_command" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_needs_command" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_needs_command" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_needs_command" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_needs_command" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_needs_command" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_needs_command" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_needs_command" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_needs_command" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_needs_command" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_needs_command" -s V -l version -d 'Print version'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate" -d 'Write shell completions and man pages (for packagers; see README)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "init" -d 'Create a new keyring with its first unlock slot(s)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "slot" -d 'Manage the keyring\'s unlock slots'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "passwd" -d 'Change the passphrase of a passphrase slot'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "access-key" -d 'Manage principals\' access keys: the AWS credentials `lkms serve` accepts'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "create-key" -d 'Create a customer master key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "describe-key" -d 'Show a key\'s metadata'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-keys" -d 'List the keys of the keyring'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "update-key-description" -d 'Replace a key\'s description'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "enable-key" -d 'Enable a disabled key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "disable-key" -d 'Disable a key: it refuses cryptography until enabled again'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "schedule-key-deletion" -d 'Schedule a key\'s destruction after a waiting period of 7 to 30 days'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "cancel-key-deletion" -d 'Cancel a scheduled deletion; the key comes back disabled'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "create-alias" -d 'Create an alias for a key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "update-alias" -d 'Point an alias at another key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "delete-alias" -d 'Delete an alias (the key stays)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-aliases" -d 'List aliases, of every key or of one'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "tag-resource" -d 'Add or replace tags on a key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "untag-resource" -d 'Remove tags from a key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-resource-tags" -d 'List a key\'s tags'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "encrypt" -d 'Encrypt up to 4096 bytes under a symmetric key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "decrypt" -d 'Decrypt a ciphertext blob (the key is found from the blob)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "re-encrypt" -d 'Decrypt and encrypt again under another key or context, without exposing the plaintext'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate-data-key" -d 'Make a data key: returned in plaintext and encrypted under the key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate-data-key-without-plaintext" -d 'Make a data key, returned only encrypted under the key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate-random" -d 'Random bytes from the operating system\'s CSPRNG'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "enable-key-rotation" -d 'Turn on automatic rotation (first rotation one period from now)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "disable-key-rotation" -d 'Turn off automatic rotation'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "get-key-rotation-status" -d 'Show whether and when a key rotates'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "rotate-key-on-demand" -d 'Rotate a key\'s material now (at most 25 times per key)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-key-rotations" -d 'List a key\'s rotations, oldest first'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "get-public-key" -d 'The public key of an asymmetric key (DER SubjectPublicKeyInfo)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "sign" -d 'Sign a message or digest with an asymmetric key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "verify" -d 'Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate-mac" -d 'HMAC a message with an HMAC key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "verify-mac" -d 'Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate-data-key-pair" -d 'Make a key pair: the private key in plaintext and encrypted under a symmetric key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "generate-data-key-pair-without-plaintext" -d 'Make a key pair; the private key is returned only encrypted'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "encapsulate" -d 'A fresh 32-byte shared secret and its ciphertext under an ML-KEM key\'s public key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "decapsulate" -d 'Recover the shared secret of an ML-KEM ciphertext (implicit rejection: a foreign ciphertext gives an unrelated secret)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "derive-shared-secret" -d 'ECDH: the raw shared secret of a KEY_AGREEMENT key and a peer\'s public key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "get-key-last-usage" -d 'When and how a key was last used for a successful cryptographic operation (from the audit trail)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "get-parameters-for-import" -d 'A wrapping public key and import token (valid 24 hours) for importing key material'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "import-key-material" -d 'Import key material wrapped with the public key of get-parameters-for-import'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "delete-imported-key-material" -d 'Destroy a key\'s imported material; the key waits for it in PendingImport'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "put-key-policy" -d 'Replace a key\'s policy (AWS JSON grammar)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "get-key-policy" -d 'Show a key\'s policy'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-key-policies" -d 'List a key\'s policy names (always "default")'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "create-grant" -d 'Give a principal permissions on a key, optionally constrained by encryption context'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-grants" -d 'List the grants of a key'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "list-retirable-grants" -d 'List the grants a principal may retire'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "retire-grant" -d 'Retire a grant (its retiring principal or grantee)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "revoke-grant" -d 'Revoke a grant (needs kms:RevokeGrant)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "whoami" -d 'Show who the unlocking slot makes you'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "audit" -d 'Read and verify the audit trail'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "encrypt-file" -d 'Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "decrypt-file" -d 'Decrypt files made by encrypt-file (the key is found from the header)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "rewrap-file" -d 'Re-wrap files\' data keys under the newest key versions or other keys, without re-encrypting'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "inspect-file" -d 'Show an encrypted file\'s header without unlocking the keyring'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "maintain" -d 'Apply due deletions, rotations and material expiry now (for cron and CI)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "verify-keyring" -d 'Check every record of the keyring and its audit trail against the authenticated state'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "backup" -d 'Write a consistent copy of the keyring while others use it (restore: copy it back)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "rotate-root-key" -d 'Make a new root key: re-wrap every slot and re-seal every record under it'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "get-keyring-policy" -d 'Show the keyring policy: who may administer slots, credentials and the keyring'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "put-keyring-policy" -d 'Replace the keyring policy (the key policy grammar with lkms: actions)'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "migrate" -d 'Copy the keyring to another file or database (--to), or upgrade a version 1 keyring'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "trust-keyring" -d 'Accept the keyring now at this path for your credential, when it is not the one you opened here before'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "serve" -d 'Serve the AWS KMS JSON API (SigV4-signed requests) to AWS SDKs and tools, until SIGTERM or SIGINT'
complete -c lkms -n "__fish_lkms_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l dir -d 'Write completions/ and man/ under DIR' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand init" -l principal -d 'The principal of the new slots [default: the login user name]' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l age-recipient -d 'Add an age slot for this recipient (age1...); repeatable' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l generate-identity -d 'Write a new age identity to FILE (default: $XDG_CONFIG_HOME/lkms/identity.txt) and add a slot for it' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand init" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand init" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand init" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand init" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand init" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand init" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand init" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand init" -l force -d 'Replace an existing output file (else refused, or asked on a terminal)'
complete -c lkms -n "__fish_lkms_using_subcommand init" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand init" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand init" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand init" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand init" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List the unlock slots'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Add an unlock slot'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Remove an unlock slot (never the last one, nor the last administrator\'s)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l principal -d 'The principal of the new slot [default: the caller\'s]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l age-recipient -d 'An age slot for this recipient (age1...)' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l generate-identity -d 'Write a new age identity to FILE and add a slot for it' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l new-passphrase-file -d 'A passphrase slot with the passphrase in FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l admin -d 'Make the slot\'s principal a keyring administrator too (adds it to the keyring policy)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l slot-id -d 'The slot to remove, as `slot list` numbers them' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the unlock slots'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an unlock slot'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an unlock slot (never the last one, nor the last administrator\'s)'
complete -c lkms -n "__fish_lkms_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l slot-id -d 'The passphrase slot to change [default: the one that unlocked the keyring]' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l new-passphrase-file -d 'Read the new passphrase from FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -f -a "create" -d 'Create an access key for a principal; its secret is printed this once, never again'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -f -a "list" -d 'List access keys, never their secrets'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -f -a "enable" -d 'Make an access key Active: requests it signs are accepted again'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -f -a "disable" -d 'Make an access key Inactive: requests it signs are refused until it is enabled'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -f -a "delete" -d 'Delete an access key for good'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and not __fish_seen_subcommand_from create list enable disable delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l principal -d 'The principal whose requests the key signs' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l description -d 'What the key is for (at most 256 characters)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l principal -d 'Only this principal\'s keys (anyone may list their own) [default: every principal\'s]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l access-key-id -d 'The access key, as `access-key list` shows it (LKIA...)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l access-key-id -d 'The access key, as `access-key list` shows it (LKIA...)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l access-key-id -d 'The access key, as `access-key list` shows it (LKIA...)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an access key for a principal; its secret is printed this once, never again'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List access keys, never their secrets'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Make an access key Active: requests it signs are accepted again'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Make an access key Inactive: requests it signs are refused until it is enabled'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete an access key for good'
complete -c lkms -n "__fish_lkms_using_subcommand access-key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l description -d 'A description of the key' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l key-spec -d 'The kind of key [default: SYMMETRIC_DEFAULT]' -r -f -a "SYMMETRIC_DEFAULT\t''
RSA_2048\t''
RSA_3072\t''
RSA_4096\t''
ECC_NIST_P256\t''
ECC_NIST_P384\t''
ECC_NIST_P521\t''
ECC_SECG_P256K1\t''
HMAC_224\t''
HMAC_256\t''
HMAC_384\t''
HMAC_512\t''
ML_KEM_512\t''
ML_KEM_768\t''
ML_KEM_1024\t''
X25519_ML_KEM_768\t''
ECC_NIST_EDWARDS25519\t''
ML_DSA_44\t''
ML_DSA_65\t''
ML_DSA_87\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l customer-master-key-spec -d 'Deprecated name of --key-spec, accepted as AWS accepts it' -r -f -a "SYMMETRIC_DEFAULT\t''
RSA_2048\t''
RSA_3072\t''
RSA_4096\t''
ECC_NIST_P256\t''
ECC_NIST_P384\t''
ECC_NIST_P521\t''
ECC_SECG_P256K1\t''
HMAC_224\t''
HMAC_256\t''
HMAC_384\t''
HMAC_512\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l key-usage -d 'What the key is for [default: the spec\'s usual usage]' -r -f -a "ENCRYPT_DECRYPT\t''
SIGN_VERIFY\t''
GENERATE_VERIFY_MAC\t''
ENCAPSULATE_DECAPSULATE\t''
KEY_AGREEMENT\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l origin -d 'AWS_KMS generates the material; EXTERNAL waits for imported material' -r -f -a "AWS_KMS\t''
EXTERNAL\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l tags -d 'Tags: TagKey=k,TagValue=v ... (or AWS JSON, or file://PATH)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l policy -d 'The key policy: JSON, or file://PATH [default: every keyring principal may do everything]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l custom-key-store-id -d 'A custom key store: a keyring has none, so any id is CustomKeyStoreNotFoundException' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l xks-key-id -d 'A key in an external key store (needs --custom-key-store-id)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l bypass-policy-lockout-safety-check -d 'Accept a policy that would keep you from changing it again'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l multi-region -d 'A multi-Region primary key: refused, a keyring has one Region (--no-multi-region is the default)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l no-multi-region -d 'A single-Region key (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand create-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand describe-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l resource-owners -d 'Whose keys: SELF (the default) and/or OTHER_ACCOUNTS_VIA_RAM (a keyring has none shared with it)' -r -f -a "SELF\t''
OTHER_ACCOUNTS_VIA_RAM\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-keys" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l description -d 'The new description' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand update-key-description" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l pending-window-in-days -d 'Days before the key is destroyed (7 to 30)' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand schedule-key-deletion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand cancel-key-deletion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l alias-name -d 'alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l target-key-id -d 'The key (id or ARN) the alias points at' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand create-alias" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l alias-name -d 'alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l target-key-id -d 'The key (id or ARN) the alias points at' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand update-alias" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l alias-name -d 'alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-alias" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l key-id -d 'Only the aliases of this key' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-aliases" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l tags -d 'Tags: TagKey=k,TagValue=v ... (or AWS JSON, or file://PATH)' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand tag-resource" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l tag-keys -d 'The tag keys to remove' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand untag-resource" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-resource-tags" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l key-id -d 'Key id, key ARN, or alias/<name> (alias/lkms/default: the managed key, created on first use)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l plaintext -d 'The data: base64, or fileb://PATH for raw bytes. A value on the command line is visible to other local users (ps, /proc/PID/cmdline): pass secrets as fileb://PATH, or on standard input as fileb:///dev/stdin' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l encryption-context -d 'Context bound to the ciphertext: k=v,k2=v2, JSON, or file://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l encryption-algorithm -d 'SYMMETRIC_DEFAULT for symmetric keys' -r -f -a "SYMMETRIC_DEFAULT\t''
RSAES_OAEP_SHA_1\t''
RSAES_OAEP_SHA_256\t''"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l ciphertext-blob -d 'The ciphertext: base64, or fileb://PATH for raw bytes' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l encryption-context -d 'The context the ciphertext was made with' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l key-id -d 'When given, the ciphertext must have been made under this key' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l encryption-algorithm -d 'SYMMETRIC_DEFAULT for symmetric keys' -r -f -a "SYMMETRIC_DEFAULT\t''
RSAES_OAEP_SHA_1\t''
RSAES_OAEP_SHA_256\t''"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l dry-run-modifiers -d 'With --dry-run: IGNORE_CIPHERTEXT checks only the permission, not the ciphertext (needs --key-id unless the ciphertext names its key)' -r -f -a "IGNORE_CIPHERTEXT\t''"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l ciphertext-blob -d 'The ciphertext: base64, or fileb://PATH for raw bytes' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l source-encryption-context -d 'The context the ciphertext was made with' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l source-key-id -d 'When given, the ciphertext must have been made under this key' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l destination-key-id -d 'The key to encrypt under' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l destination-encryption-context -d 'The context for the new ciphertext' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l source-encryption-algorithm -d 'SYMMETRIC_DEFAULT for symmetric keys' -r -f -a "SYMMETRIC_DEFAULT\t''
RSAES_OAEP_SHA_1\t''
RSAES_OAEP_SHA_256\t''"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l destination-encryption-algorithm -d 'SYMMETRIC_DEFAULT for symmetric keys' -r -f -a "SYMMETRIC_DEFAULT\t''
RSAES_OAEP_SHA_1\t''
RSAES_OAEP_SHA_256\t''"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l dry-run-modifiers -d 'With --dry-run: IGNORE_CIPHERTEXT checks only the permission, not the ciphertext (needs --key-id unless the ciphertext names its key)' -r -f -a "IGNORE_CIPHERTEXT\t''"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand re-encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l key-id -d 'Key id, key ARN, or alias/<name> (alias/lkms/default: the managed key, created on first use)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l key-spec -d 'AES_256 or AES_128 (or give --number-of-bytes)' -r -f -a "AES_256\t''
AES_128\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l number-of-bytes -d '1 to 1024 bytes (or give --key-spec)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l encryption-context -d 'Context bound to the encrypted data key: k=v,k2=v2 or JSON' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l key-id -d 'Key id, key ARN, or alias/<name> (alias/lkms/default: the managed key, created on first use)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l key-spec -d 'AES_256 or AES_128 (or give --number-of-bytes)' -r -f -a "AES_256\t''
AES_128\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l number-of-bytes -d '1 to 1024 bytes (or give --key-spec)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l encryption-context -d 'Context bound to the encrypted data key: k=v,k2=v2 or JSON' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-without-plaintext" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l number-of-bytes -d '1 to 1024' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l custom-key-store-id -d 'A CloudHSM key store: a keyring has none, so any id is CustomKeyStoreNotFoundException' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-random" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l rotation-period-in-days -d 'Days between rotations, 90 to 2560 [default: 365]' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand enable-key-rotation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand disable-key-rotation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-rotation-status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-key-on-demand" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l include-key-material -d 'ROTATIONS_ONLY (the default) or ALL_KEY_MATERIAL (also the first material and imported material awaiting rotation)' -r -f -a "ALL_KEY_MATERIAL\t''
ROTATIONS_ONLY\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-rotations" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l outfile -d 'Also write the public key to FILE (lkms convenience; see --format)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l format -d 'Encoding of --outfile' -r -f -a "der\t'DER SubjectPublicKeyInfo'
pem\t'PEM "PUBLIC KEY"'"
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l force -d 'Replace an existing output file (else refused, or asked on a terminal)'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand get-public-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l message -d 'The message or digest: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l message-type -d 'RAW (lkms hashes the message, at most 4096 bytes), DIGEST (ED25519_PH_SHA_512 needs it), or EXTERNAL_MU (ML-DSA\'s 64-byte mu)' -r -f -a "RAW\t''
DIGEST\t''
EXTERNAL_MU\t''"
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l signing-algorithm -d 'The signing algorithm' -r -f -a "RSASSA_PSS_SHA_256\t''
RSASSA_PSS_SHA_384\t''
RSASSA_PSS_SHA_512\t''
RSASSA_PKCS1_V1_5_SHA_256\t''
RSASSA_PKCS1_V1_5_SHA_384\t''
RSASSA_PKCS1_V1_5_SHA_512\t''
ECDSA_SHA_256\t''
ECDSA_SHA_384\t''
ECDSA_SHA_512\t''
ML_DSA_SHAKE_256\t''
ED25519_SHA_512\t''
ED25519_PH_SHA_512\t''"
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l message -d 'The message or digest: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l message-type -d 'RAW, DIGEST or EXTERNAL_MU (as when signing)' -r -f -a "RAW\t''
DIGEST\t''
EXTERNAL_MU\t''"
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l signature -d 'The signature: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l signing-algorithm -d 'The signing algorithm' -r -f -a "RSASSA_PSS_SHA_256\t''
RSASSA_PSS_SHA_384\t''
RSASSA_PSS_SHA_512\t''
RSASSA_PKCS1_V1_5_SHA_256\t''
RSASSA_PKCS1_V1_5_SHA_384\t''
RSASSA_PKCS1_V1_5_SHA_512\t''
ECDSA_SHA_256\t''
ECDSA_SHA_384\t''
ECDSA_SHA_512\t''
ML_DSA_SHAKE_256\t''
ED25519_SHA_512\t''
ED25519_PH_SHA_512\t''"
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l message -d 'The message (1 to 4096 bytes): base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l mac-algorithm -d 'The MAC algorithm (the one the key\'s spec allows)' -r -f -a "HMAC_SHA_224\t''
HMAC_SHA_256\t''
HMAC_SHA_384\t''
HMAC_SHA_512\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-mac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l message -d 'The message: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l mac -d 'The MAC to check: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l mac-algorithm -d 'The MAC algorithm' -r -f -a "HMAC_SHA_224\t''
HMAC_SHA_256\t''
HMAC_SHA_384\t''
HMAC_SHA_512\t''"
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-mac" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l key-id -d 'The symmetric key that encrypts the private key' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l key-pair-spec -d 'The kind of key pair' -r -f -a "RSA_2048\t''
RSA_3072\t''
RSA_4096\t''
ECC_NIST_P256\t''
ECC_NIST_P384\t''
ECC_NIST_P521\t''
ECC_SECG_P256K1\t''
ML_KEM_512\t''
ML_KEM_768\t''
ML_KEM_1024\t''
ECC_NIST_EDWARDS25519\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l encryption-context -d 'Context bound to the encrypted private key: k=v,k2=v2 or JSON' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l key-id -d 'The symmetric key that encrypts the private key' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l key-pair-spec -d 'The kind of key pair' -r -f -a "RSA_2048\t''
RSA_3072\t''
RSA_4096\t''
ECC_NIST_P256\t''
ECC_NIST_P384\t''
ECC_NIST_P521\t''
ECC_SECG_P256K1\t''
ML_KEM_512\t''
ML_KEM_768\t''
ML_KEM_1024\t''
ECC_NIST_EDWARDS25519\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l encryption-context -d 'Context bound to the encrypted private key: k=v,k2=v2 or JSON' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand generate-data-key-pair-without-plaintext" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l key-id -d 'Key id, key ARN, or alias/<name> of an ML-KEM key' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l encapsulation-algorithm -d 'The key encapsulation algorithm' -r -f -a "ML_KEM\t''"
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand encapsulate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l key-id -d 'Key id, key ARN, or alias/<name> of the ML-KEM key' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l shared-secret-ciphertext-blob -d 'The ciphertext from encapsulate: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l encapsulation-algorithm -d 'The key encapsulation algorithm' -r -f -a "ML_KEM\t''"
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand decapsulate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l key-id -d 'A KEY_AGREEMENT key (ECC_NIST_P256, P384 or P521): id, ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l key-agreement-algorithm -d 'The key agreement algorithm' -r -f -a "ECDH\t''"
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l public-key -d 'The peer\'s public key, DER SubjectPublicKeyInfo on the same curve: base64, or fileb://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l recipient -d 'A Nitro enclave attestation (AWS only): refused, a keyring has no enclaves' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand derive-shared-secret" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l key-id -d 'Key id or key ARN (not an alias, as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-last-usage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l key-id -d 'Key id, key ARN, or alias/<name> of an EXTERNAL key' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l wrapping-algorithm -d 'How you will wrap the material' -r -f -a "RSAES_OAEP_SHA_1\t''
RSAES_OAEP_SHA_256\t''
RSA_AES_KEY_WRAP_SHA_1\t''
RSA_AES_KEY_WRAP_SHA_256\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l wrapping-key-spec -d 'The RSA wrapping key\'s size' -r -f -a "RSA_2048\t''
RSA_3072\t''
RSA_4096\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand get-parameters-for-import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l key-id -d 'Key id, key ARN, or alias/<name> of an EXTERNAL key' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l encrypted-key-material -d 'The wrapped material: fileb://PATH or base64' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l import-token -d 'The ImportToken: fileb://PATH or base64' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l expiration-model -d 'Whether the material expires [default: KEY_MATERIAL_EXPIRES with --valid-to, else KEY_MATERIAL_DOES_NOT_EXPIRE]' -r -f -a "KEY_MATERIAL_EXPIRES\t''
KEY_MATERIAL_DOES_NOT_EXPIRE\t''"
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l valid-to -d 'When the material expires: ISO 8601 (2027-01-31T00:00:00Z, 2027-01-31) or Unix seconds' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l import-type -d 'EXISTING_KEY_MATERIAL (first import or the same material again) or NEW_KEY_MATERIAL (for rotation)' -r -f -a "EXISTING_KEY_MATERIAL\t''
NEW_KEY_MATERIAL\t''"
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l key-material-id -d 'Re-import only if the material is this version (from list-key-rotations --include-key-material ALL_KEY_MATERIAL)' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l key-material-description -d 'A description of the material, up to 256 characters [default: the last one given for it]' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand import-key-material" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l key-id -d 'Key id, key ARN, or alias/<name> of an EXTERNAL key [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l key-material-id -d 'The material version to delete [default: the current one]' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand delete-imported-key-material" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l policy-name -d 'The policy name (only "default")' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l policy -d 'The policy: JSON, or file://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l bypass-policy-lockout-safety-check -d 'Accept a policy that would keep you from changing it again'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand put-key-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l policy-name -d 'The policy name (only "default")' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand get-key-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l key-id -d 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-key-policies" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l grantee-principal -d 'Who receives the permissions: a principal\'s name or IAM ARN (arn:aws:iam::<account>:user/<name>)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l retiring-principal -d 'Who may retire the grant: a principal\'s name or IAM ARN' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l operations -d 'Operations: Decrypt Encrypt GenerateDataKey ... (space- or comma-separated)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l constraints -d 'EncryptionContextSubset={k=v,...} or EncryptionContextEquals={k=v,...} (or AWS JSON, or file://PATH)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l name -d 'A name for the grant' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand create-grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l grant-id -d 'Only this grant' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l grantee-principal -d 'Only grants to this principal (name or IAM ARN)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-grants" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l retiring-principal -d 'The retiring principal (name or IAM ARN)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l limit -d 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l marker -d 'The NextMarker of the previous page; prints that one page' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l page-size -d 'Items per underlying call when fetching every page (1 to 1000, default 100)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l max-items -d 'Print at most N items, then a NextToken for --starting-token' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l starting-token -d 'The NextToken of a previous --max-items run: continue from there' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l no-paginate -d 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand list-retirable-grants" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l grant-token -d 'The grant token (or give --key-id and --grant-id)' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l key-id -d 'The grant\'s key' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l grant-id -d 'The grant id' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand retire-grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l key-id -d 'Key id, key ARN, or alias/<name>' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l grant-id -d 'The grant id' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l cli-input-json -d 'Take the parameters from a JSON document (inline or file://PATH) shaped as --generate-cli-skeleton prints it; flags on the command line override its members' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l cli-input-yaml -d 'Take the parameters from a YAML document (inline or file://PATH), as --cli-input-json' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l generate-cli-skeleton -d 'Print a sample of the parameters (input, the default: JSON for --cli-input-json; yaml-input) or of the response (output), and exit without running the command' -r -f -a "input\t''
output\t''
yaml-input\t''"
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l dry-run -d 'Check that the call would succeed (permissions, key state, inputs) without changing anything or returning a result; success is DryRunOperationException (exit 254)'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l no-dry-run -d 'Run the call (the default)'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand revoke-grant" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -f -a "show" -d 'Show audit records, oldest first'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -f -a "verify" -d 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -f -a "export" -d 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -f -a "prune" -d 'Drop records older than a date; the rest stays verifiable from a checkpoint'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and not __fish_seen_subcommand_from show verify export prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l key-id -d 'Only records about this key' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l since -d 'Only records at or after this time (ISO 8601 or Unix seconds)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l principal -d 'Only records of this principal' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l operation -d 'Only records of this operation (e.g. Decrypt)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l until -d 'Only records before this time (ISO 8601 or Unix seconds)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l max-records -d 'At most this many records: the newest ones (still printed oldest first)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l key-id -d 'Only records about this key' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l since -d 'Only records at or after this time (ISO 8601 or Unix seconds)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l principal -d 'Only records of this principal' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l operation -d 'Only records of this operation (e.g. Decrypt)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l until -d 'Only records before this time (ISO 8601 or Unix seconds)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l max-records -d 'At most this many records: the newest ones (still printed oldest first)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l to -d 'Write to this file (a new file) instead of standard output' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing output file (else refused, or asked on a terminal)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l before -d 'Drop records before this time (ISO 8601 or Unix seconds)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show audit records, oldest first'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Drop records older than a date; the rest stays verifiable from a checkpoint'
complete -c lkms -n "__fish_lkms_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l key-id -d 'Key id, key ARN, or alias/<name>; repeat to let any of several keys decrypt [default: alias/lkms/default, unless --recipient-key is given]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l recipient-key -d 'Also encrypt to this RSA or ML-KEM public key, as get-public-key writes it (DER, PEM or its JSON); repeatable. With only recipient keys, no keyring or credential is needed: the keyring holding the private key decrypts' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l encryption-context -d 'Context bound to the file: k=v,k2=v2 or JSON' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -s o -l output-file -d 'Where to write (one input): a path, or - for standard output [default: INPUT + suffix]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l output-dir -d 'Folder for the outputs of several inputs [default: beside each input]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l suffix -d 'Suffix of output names' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -s r -l recursive -d 'Encrypt the files in folders, recursively; symlinks are not followed, and files that already are lkms files are skipped'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l force -d 'Replace an existing output file (else refused, or asked on a terminal)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand encrypt-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l key-id -d 'Only use this key (id, ARN or alias) [default: any key of the keyring the file names]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l encryption-context -d 'Require these pairs in the file\'s encryption context: k=v,k2=v2 or JSON' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -s o -l output-file -d 'Where to write (one input): a path, or - for standard output [default: INPUT without the suffix]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l output-dir -d 'Folder for the outputs of several inputs [default: beside each input]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l suffix -d 'Suffix removed from input names to name outputs' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l grant-tokens -d 'Grant tokens (accepted as in AWS)' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -s r -l recursive -d 'Decrypt the lkms files in folders, recursively; symlinks are not followed, and other files are skipped'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l force -d 'Replace an existing output file (else refused, or asked on a terminal)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand decrypt-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l destination-key-id -d 'Wrap under these keys instead [default: each of the file\'s keys, at its newest version]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand rewrap-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand inspect-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand maintain" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand verify-keyring" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l to -d 'The backup file to create' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l force -d 'Replace an existing output file (else refused, or asked on a terminal)'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand rotate-root-key" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand get-keyring-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l policy -d 'The policy: JSON, or file://PATH' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l bypass-policy-lockout-safety-check -d 'Accept a policy that would keep you from changing it again'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand put-keyring-policy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l to -d 'Copy the keyring, every record and the whole audit trail as they are, to this keyring file or empty PostgreSQL database (postgres://…); the copy opens with the same credentials and is checked in full before lkms says it is done' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l keyring-id -d 'The keyring you accept: <keyring id>:<fingerprint>, as the refusal printed it' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand trust-keyring" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l listen -d 'Address and port to listen on; port 0 lets the kernel pick one (see --ready-file)' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l ready-file -d 'Once listening, write the endpoint URL and a newline to this file (atomically); removed at exit' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l tls-cert -d 'Serve HTTPS with this certificate chain (PEM)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l tls-key -d 'The private key of --tls-cert (PEM)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l tls-self-signed -d 'Serve HTTPS with a certificate for localhost, 127.0.0.1 and ::1 signed by a CA kept in DIR (created, then reused); give clients DIR/ca.pem (AWS_CA_BUNDLE)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l max-connections -d 'Connections served at once; more are answered 503 ServiceUnavailableException and closed' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l max-body-bytes -d 'Largest request body in bytes; larger ones are answered 413 RequestEntityTooLargeException' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l max-header-bytes -d 'Largest request head (request line and headers) in bytes; larger ones are answered 431' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l max-headers -d 'Most headers in a request; more are answered 431' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l header-timeout -d 'Seconds a request head may take to arrive, from the connection\'s start or its previous response (so also how long an idle keep-alive connection stays open)' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l body-timeout -d 'Seconds a request body may take to arrive once its head has; slower ones are answered 408 RequestTimeoutException' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l auth-failures-per-minute -d 'Failed authentications allowed per client IP address per minute (a bucket refilling at that rate); beyond them every request of that address is answered ThrottlingException unchecked' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l shutdown-timeout -d 'Seconds in-flight requests get to finish after SIGTERM or SIGINT' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l store-connections -d 'Most connections the server keeps to the keyring\'s store for reads (each one a reader at a time); one more is the writer\'s. With PostgreSQL, servers × (N + 1) must stay under the database\'s max_connections [default: 4 per CPU core]' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l access-log -d 'Where the access log goes: a file (appended to), or - for standard error' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l keyring -d 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l store -d 'The keyring in a PostgreSQL database instead of a file: postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=verify-full&sslrootcert=CA.pem] [env: LKMS_STORE]' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l identity -d 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l passphrase-file -d 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)' -r -F
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l unlock-slot -d 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l output -d 'Output format [default: table on a terminal, json otherwise]' -r -f -a "json\t'JSON, indented as the AWS CLI prints it'
text\t'Tab-separated values, as the AWS CLI\'s text output'
table\t'The AWS CLI\'s nested table, for people'
yaml\t'YAML, as the AWS CLI\'s yaml output'
yaml-stream\t'YAML, each response a list item, as the AWS CLI\'s yaml-stream'"
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l region -d 'The keyring\'s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l query -d 'A JMESPath query applied to the response, as with the AWS CLI' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l cli-binary-format -d 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]' -r -f -a "base64\t'Base64 text, as AWS CLI v2'
raw-in-base64-out\t'The text itself, as raw bytes, as AWS CLI v1 (file:// then reads a file\'s bytes)'"
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l profile -d 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l endpoint-url -d 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)' -r
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l color -d 'Colour in --output table: values and nesting bars, as the AWS CLI [default: auto: on a terminal, unless $NO_COLOR is set]' -r -f -a "on\t'Always colour'
off\t'No colour'
auto\t'Colour when stdout is a terminal and $NO_COLOR is unset'"
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l allow-public-without-tls -d 'Allow a non-loopback --listen address without TLS (requests and secrets then cross the network in clear)'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -s y -l yes -d 'Answer yes to confirmations (deletion, disabling, revoking)'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -s q -l quiet -d 'No progress bars'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -s v -l verbose -d 'File commands: print a summary of what was done (also printed when --output is given)'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l debug -d 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -l no-cli-pager -d 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)'
complete -c lkms -n "__fish_lkms_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate" -d 'Write shell completions and man pages (for packagers; see README)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "init" -d 'Create a new keyring with its first unlock slot(s)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "slot" -d 'Manage the keyring\'s unlock slots'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "passwd" -d 'Change the passphrase of a passphrase slot'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "access-key" -d 'Manage principals\' access keys: the AWS credentials `lkms serve` accepts'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "create-key" -d 'Create a customer master key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "describe-key" -d 'Show a key\'s metadata'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-keys" -d 'List the keys of the keyring'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "update-key-description" -d 'Replace a key\'s description'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "enable-key" -d 'Enable a disabled key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "disable-key" -d 'Disable a key: it refuses cryptography until enabled again'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "schedule-key-deletion" -d 'Schedule a key\'s destruction after a waiting period of 7 to 30 days'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "cancel-key-deletion" -d 'Cancel a scheduled deletion; the key comes back disabled'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "create-alias" -d 'Create an alias for a key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "update-alias" -d 'Point an alias at another key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "delete-alias" -d 'Delete an alias (the key stays)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-aliases" -d 'List aliases, of every key or of one'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "tag-resource" -d 'Add or replace tags on a key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "untag-resource" -d 'Remove tags from a key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-resource-tags" -d 'List a key\'s tags'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "encrypt" -d 'Encrypt up to 4096 bytes under a symmetric key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "decrypt" -d 'Decrypt a ciphertext blob (the key is found from the blob)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "re-encrypt" -d 'Decrypt and encrypt again under another key or context, without exposing the plaintext'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate-data-key" -d 'Make a data key: returned in plaintext and encrypted under the key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate-data-key-without-plaintext" -d 'Make a data key, returned only encrypted under the key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate-random" -d 'Random bytes from the operating system\'s CSPRNG'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "enable-key-rotation" -d 'Turn on automatic rotation (first rotation one period from now)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "disable-key-rotation" -d 'Turn off automatic rotation'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "get-key-rotation-status" -d 'Show whether and when a key rotates'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "rotate-key-on-demand" -d 'Rotate a key\'s material now (at most 25 times per key)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-key-rotations" -d 'List a key\'s rotations, oldest first'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "get-public-key" -d 'The public key of an asymmetric key (DER SubjectPublicKeyInfo)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "sign" -d 'Sign a message or digest with an asymmetric key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "verify" -d 'Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate-mac" -d 'HMAC a message with an HMAC key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "verify-mac" -d 'Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate-data-key-pair" -d 'Make a key pair: the private key in plaintext and encrypted under a symmetric key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "generate-data-key-pair-without-plaintext" -d 'Make a key pair; the private key is returned only encrypted'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "encapsulate" -d 'A fresh 32-byte shared secret and its ciphertext under an ML-KEM key\'s public key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "decapsulate" -d 'Recover the shared secret of an ML-KEM ciphertext (implicit rejection: a foreign ciphertext gives an unrelated secret)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "derive-shared-secret" -d 'ECDH: the raw shared secret of a KEY_AGREEMENT key and a peer\'s public key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "get-key-last-usage" -d 'When and how a key was last used for a successful cryptographic operation (from the audit trail)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "get-parameters-for-import" -d 'A wrapping public key and import token (valid 24 hours) for importing key material'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "import-key-material" -d 'Import key material wrapped with the public key of get-parameters-for-import'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "delete-imported-key-material" -d 'Destroy a key\'s imported material; the key waits for it in PendingImport'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "put-key-policy" -d 'Replace a key\'s policy (AWS JSON grammar)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "get-key-policy" -d 'Show a key\'s policy'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-key-policies" -d 'List a key\'s policy names (always "default")'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "create-grant" -d 'Give a principal permissions on a key, optionally constrained by encryption context'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-grants" -d 'List the grants of a key'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "list-retirable-grants" -d 'List the grants a principal may retire'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "retire-grant" -d 'Retire a grant (its retiring principal or grantee)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "revoke-grant" -d 'Revoke a grant (needs kms:RevokeGrant)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "whoami" -d 'Show who the unlocking slot makes you'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "audit" -d 'Read and verify the audit trail'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "encrypt-file" -d 'Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "decrypt-file" -d 'Decrypt files made by encrypt-file (the key is found from the header)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "rewrap-file" -d 'Re-wrap files\' data keys under the newest key versions or other keys, without re-encrypting'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "inspect-file" -d 'Show an encrypted file\'s header without unlocking the keyring'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "maintain" -d 'Apply due deletions, rotations and material expiry now (for cron and CI)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "verify-keyring" -d 'Check every record of the keyring and its audit trail against the authenticated state'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "backup" -d 'Write a consistent copy of the keyring while others use it (restore: copy it back)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "rotate-root-key" -d 'Make a new root key: re-wrap every slot and re-seal every record under it'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "get-keyring-policy" -d 'Show the keyring policy: who may administer slots, credentials and the keyring'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "put-keyring-policy" -d 'Replace the keyring policy (the key policy grammar with lkms: actions)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "migrate" -d 'Copy the keyring to another file or database (--to), or upgrade a version 1 keyring'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "trust-keyring" -d 'Accept the keyring now at this path for your credential, when it is not the one you opened here before'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "serve" -d 'Serve the AWS KMS JSON API (SigV4-signed requests) to AWS SDKs and tools, until SIGTERM or SIGINT'
complete -c lkms -n "__fish_lkms_using_subcommand help; and not __fish_seen_subcommand_from generate init slot passwd access-key create-key describe-key list-keys update-key-description enable-key disable-key schedule-key-deletion cancel-key-deletion create-alias update-alias delete-alias list-aliases tag-resource untag-resource list-resource-tags encrypt decrypt re-encrypt generate-data-key generate-data-key-without-plaintext generate-random enable-key-rotation disable-key-rotation get-key-rotation-status rotate-key-on-demand list-key-rotations get-public-key sign verify generate-mac verify-mac generate-data-key-pair generate-data-key-pair-without-plaintext encapsulate decapsulate derive-shared-secret get-key-last-usage get-parameters-for-import import-key-material delete-imported-key-material put-key-policy get-key-policy list-key-policies create-grant list-grants list-retirable-grants retire-grant revoke-grant whoami audit encrypt-file decrypt-file rewrap-file inspect-file maintain verify-keyring backup rotate-root-key get-keyring-policy put-keyring-policy migrate trust-keyring serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "list" -d 'List the unlock slots'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "add" -d 'Add an unlock slot'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "remove" -d 'Remove an unlock slot (never the last one, nor the last administrator\'s)'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from access-key" -f -a "create" -d 'Create an access key for a principal; its secret is printed this once, never again'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from access-key" -f -a "list" -d 'List access keys, never their secrets'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from access-key" -f -a "enable" -d 'Make an access key Active: requests it signs are accepted again'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from access-key" -f -a "disable" -d 'Make an access key Inactive: requests it signs are refused until it is enabled'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from access-key" -f -a "delete" -d 'Delete an access key for good'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "show" -d 'Show audit records, oldest first'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "export" -d 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM'
complete -c lkms -n "__fish_lkms_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "prune" -d 'Drop records older than a date; the rest stays verifiable from a checkpoint'
