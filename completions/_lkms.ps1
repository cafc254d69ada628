
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'lkms' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'lkms'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'lkms' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages (for packagers; see README)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new keyring with its first unlock slot(s)')
            [CompletionResult]::new('slot', 'slot', [CompletionResultType]::ParameterValue, 'Manage the keyring''s unlock slots')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the passphrase of a passphrase slot')
            [CompletionResult]::new('create-key', 'create-key', [CompletionResultType]::ParameterValue, 'Create a customer master key')
            [CompletionResult]::new('describe-key', 'describe-key', [CompletionResultType]::ParameterValue, 'Show a key''s metadata')
            [CompletionResult]::new('list-keys', 'list-keys', [CompletionResultType]::ParameterValue, 'List the keys of the keyring')
            [CompletionResult]::new('update-key-description', 'update-key-description', [CompletionResultType]::ParameterValue, 'Replace a key''s description')
            [CompletionResult]::new('enable-key', 'enable-key', [CompletionResultType]::ParameterValue, 'Enable a disabled key')
            [CompletionResult]::new('disable-key', 'disable-key', [CompletionResultType]::ParameterValue, 'Disable a key: it refuses cryptography until enabled again')
            [CompletionResult]::new('schedule-key-deletion', 'schedule-key-deletion', [CompletionResultType]::ParameterValue, 'Schedule a key''s destruction after a waiting period of 7 to 30 days')
            [CompletionResult]::new('cancel-key-deletion', 'cancel-key-deletion', [CompletionResultType]::ParameterValue, 'Cancel a scheduled deletion; the key comes back disabled')
            [CompletionResult]::new('create-alias', 'create-alias', [CompletionResultType]::ParameterValue, 'Create an alias for a key')
            [CompletionResult]::new('update-alias', 'update-alias', [CompletionResultType]::ParameterValue, 'Point an alias at another key')
            [CompletionResult]::new('delete-alias', 'delete-alias', [CompletionResultType]::ParameterValue, 'Delete an alias (the key stays)')
            [CompletionResult]::new('list-aliases', 'list-aliases', [CompletionResultType]::ParameterValue, 'List aliases, of every key or of one')
            [CompletionResult]::new('tag-resource', 'tag-resource', [CompletionResultType]::ParameterValue, 'Add or replace tags on a key')
            [CompletionResult]::new('untag-resource', 'untag-resource', [CompletionResultType]::ParameterValue, 'Remove tags from a key')
            [CompletionResult]::new('list-resource-tags', 'list-resource-tags', [CompletionResultType]::ParameterValue, 'List a key''s tags')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt up to 4096 bytes under a symmetric key')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt a ciphertext blob (the key is found from the blob)')
            [CompletionResult]::new('re-encrypt', 're-encrypt', [CompletionResultType]::ParameterValue, 'Decrypt and encrypt again under another key or context, without exposing the plaintext')
            [CompletionResult]::new('generate-data-key', 'generate-data-key', [CompletionResultType]::ParameterValue, 'Make a data key: returned in plaintext and encrypted under the key')
            [CompletionResult]::new('generate-data-key-without-plaintext', 'generate-data-key-without-plaintext', [CompletionResultType]::ParameterValue, 'Make a data key, returned only encrypted under the key')
            [CompletionResult]::new('generate-random', 'generate-random', [CompletionResultType]::ParameterValue, 'Random bytes from the operating system''s CSPRNG')
            [CompletionResult]::new('enable-key-rotation', 'enable-key-rotation', [CompletionResultType]::ParameterValue, 'Turn on automatic rotation (first rotation one period from now)')
            [CompletionResult]::new('disable-key-rotation', 'disable-key-rotation', [CompletionResultType]::ParameterValue, 'Turn off automatic rotation')
            [CompletionResult]::new('get-key-rotation-status', 'get-key-rotation-status', [CompletionResultType]::ParameterValue, 'Show whether and when a key rotates')
            [CompletionResult]::new('rotate-key-on-demand', 'rotate-key-on-demand', [CompletionResultType]::ParameterValue, 'Rotate a key''s material now (at most 25 times per key)')
            [CompletionResult]::new('list-key-rotations', 'list-key-rotations', [CompletionResultType]::ParameterValue, 'List a key''s rotations, oldest first')
            [CompletionResult]::new('get-public-key', 'get-public-key', [CompletionResultType]::ParameterValue, 'The public key of an asymmetric key (DER SubjectPublicKeyInfo)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a message or digest with an asymmetric key')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)')
            [CompletionResult]::new('generate-mac', 'generate-mac', [CompletionResultType]::ParameterValue, 'HMAC a message with an HMAC key')
            [CompletionResult]::new('verify-mac', 'verify-mac', [CompletionResultType]::ParameterValue, 'Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)')
            [CompletionResult]::new('generate-data-key-pair', 'generate-data-key-pair', [CompletionResultType]::ParameterValue, 'Make a key pair: the private key in plaintext and encrypted under a symmetric key')
            [CompletionResult]::new('generate-data-key-pair-without-plaintext', 'generate-data-key-pair-without-plaintext', [CompletionResultType]::ParameterValue, 'Make a key pair; the private key is returned only encrypted')
            [CompletionResult]::new('get-parameters-for-import', 'get-parameters-for-import', [CompletionResultType]::ParameterValue, 'A wrapping public key and import token (valid 24 hours) for importing key material')
            [CompletionResult]::new('import-key-material', 'import-key-material', [CompletionResultType]::ParameterValue, 'Import key material wrapped with the public key of get-parameters-for-import')
            [CompletionResult]::new('delete-imported-key-material', 'delete-imported-key-material', [CompletionResultType]::ParameterValue, 'Destroy a key''s imported material; the key waits for it in PendingImport')
            [CompletionResult]::new('put-key-policy', 'put-key-policy', [CompletionResultType]::ParameterValue, 'Replace a key''s policy (AWS JSON grammar)')
            [CompletionResult]::new('get-key-policy', 'get-key-policy', [CompletionResultType]::ParameterValue, 'Show a key''s policy')
            [CompletionResult]::new('list-key-policies', 'list-key-policies', [CompletionResultType]::ParameterValue, 'List a key''s policy names (always "default")')
            [CompletionResult]::new('create-grant', 'create-grant', [CompletionResultType]::ParameterValue, 'Give a principal permissions on a key, optionally constrained by encryption context')
            [CompletionResult]::new('list-grants', 'list-grants', [CompletionResultType]::ParameterValue, 'List the grants of a key')
            [CompletionResult]::new('list-retirable-grants', 'list-retirable-grants', [CompletionResultType]::ParameterValue, 'List the grants a principal may retire')
            [CompletionResult]::new('retire-grant', 'retire-grant', [CompletionResultType]::ParameterValue, 'Retire a grant (its retiring principal or grantee)')
            [CompletionResult]::new('revoke-grant', 'revoke-grant', [CompletionResultType]::ParameterValue, 'Revoke a grant (needs kms:RevokeGrant)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who the unlocking slot makes you')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the audit trail')
            [CompletionResult]::new('encrypt-file', 'encrypt-file', [CompletionResultType]::ParameterValue, 'Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)')
            [CompletionResult]::new('decrypt-file', 'decrypt-file', [CompletionResultType]::ParameterValue, 'Decrypt files made by encrypt-file (the key is found from the header)')
            [CompletionResult]::new('rewrap-file', 'rewrap-file', [CompletionResultType]::ParameterValue, 'Re-wrap files'' data keys under the newest key versions or other keys, without re-encrypting')
            [CompletionResult]::new('inspect-file', 'inspect-file', [CompletionResultType]::ParameterValue, 'Show an encrypted file''s header without unlocking the keyring')
            [CompletionResult]::new('maintain', 'maintain', [CompletionResultType]::ParameterValue, 'Apply due deletions, rotations and material expiry now (for cron and CI)')
            [CompletionResult]::new('verify-keyring', 'verify-keyring', [CompletionResultType]::ParameterValue, 'Check every record of the keyring and its audit trail against the authenticated state')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the keyring while others use it (restore: copy it back)')
            [CompletionResult]::new('rotate-root-key', 'rotate-root-key', [CompletionResultType]::ParameterValue, 'Make a new root key: re-wrap every slot and re-seal every record under it')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Convert a version 1 (TOML) keyring to the current format now (else done on first use)')
            [CompletionResult]::new('trust-keyring', 'trust-keyring', [CompletionResultType]::ParameterValue, 'Accept the keyring now at this path for your credential, when it is not the one you opened here before')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lkms;generate' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write completions/ and man/ under DIR')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;init' {
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'The principal of the new slots [default: the login user name]')
            [CompletionResult]::new('--age-recipient', '--age-recipient', [CompletionResultType]::ParameterName, 'Add an age slot for this recipient (age1...); repeatable')
            [CompletionResult]::new('--generate-identity', '--generate-identity', [CompletionResultType]::ParameterName, 'Write a new age identity to FILE (default: $XDG_CONFIG_HOME/lkms/identity.txt) and add a slot for it')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (else refused, or asked on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;slot' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the unlock slots')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an unlock slot')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an unlock slot (never the last one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lkms;slot;list' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;slot;add' {
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'The principal of the new slot [default: the caller''s]')
            [CompletionResult]::new('--age-recipient', '--age-recipient', [CompletionResultType]::ParameterName, 'An age slot for this recipient (age1...)')
            [CompletionResult]::new('--generate-identity', '--generate-identity', [CompletionResultType]::ParameterName, 'Write a new age identity to FILE and add a slot for it')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'A passphrase slot with the passphrase in FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;slot;remove' {
            [CompletionResult]::new('--slot-id', '--slot-id', [CompletionResultType]::ParameterName, 'The slot to remove, as `slot list` numbers them')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;slot;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the unlock slots')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an unlock slot')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an unlock slot (never the last one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lkms;slot;help;list' {
            break
        }
        'lkms;slot;help;add' {
            break
        }
        'lkms;slot;help;remove' {
            break
        }
        'lkms;slot;help;help' {
            break
        }
        'lkms;passwd' {
            [CompletionResult]::new('--slot-id', '--slot-id', [CompletionResultType]::ParameterName, 'The passphrase slot to change [default: the one that unlocked the keyring]')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;create-key' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A description of the key')
            [CompletionResult]::new('--key-spec', '--key-spec', [CompletionResultType]::ParameterName, 'The kind of key')
            [CompletionResult]::new('--key-usage', '--key-usage', [CompletionResultType]::ParameterName, 'What the key is for [default: the spec''s usual usage]')
            [CompletionResult]::new('--origin', '--origin', [CompletionResultType]::ParameterName, 'AWS_KMS generates the material; EXTERNAL waits for imported material')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags: TagKey=k,TagValue=v ... (or AWS JSON, or file://PATH)')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'The key policy: JSON, or file://PATH [default: every keyring principal may do everything]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--bypass-policy-lockout-safety-check', '--bypass-policy-lockout-safety-check', [CompletionResultType]::ParameterName, 'Accept a policy that would keep you from changing it again')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;describe-key' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-keys' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;update-key-description' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The new description')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;enable-key' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;disable-key' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;schedule-key-deletion' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--pending-window-in-days', '--pending-window-in-days', [CompletionResultType]::ParameterName, 'Days before the key is destroyed (7 to 30)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;cancel-key-deletion' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;create-alias' {
            [CompletionResult]::new('--alias-name', '--alias-name', [CompletionResultType]::ParameterName, 'alias/<name>')
            [CompletionResult]::new('--target-key-id', '--target-key-id', [CompletionResultType]::ParameterName, 'The key (id or ARN) the alias points at')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;update-alias' {
            [CompletionResult]::new('--alias-name', '--alias-name', [CompletionResultType]::ParameterName, 'alias/<name>')
            [CompletionResult]::new('--target-key-id', '--target-key-id', [CompletionResultType]::ParameterName, 'The key (id or ARN) the alias points at')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;delete-alias' {
            [CompletionResult]::new('--alias-name', '--alias-name', [CompletionResultType]::ParameterName, 'alias/<name>')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-aliases' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Only the aliases of this key')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;tag-resource' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--tags', '--tags', [CompletionResultType]::ParameterName, 'Tags: TagKey=k,TagValue=v ... (or AWS JSON, or file://PATH)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;untag-resource' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--tag-keys', '--tag-keys', [CompletionResultType]::ParameterName, 'The tag keys to remove')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-resource-tags' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;encrypt' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: the managed key alias/lkms/default]')
            [CompletionResult]::new('--plaintext', '--plaintext', [CompletionResultType]::ParameterName, 'The data: base64, or fileb://PATH for raw bytes. A value on the command line is visible to other local users (ps, /proc/PID/cmdline): pass secrets as fileb://PATH, or on standard input as fileb:///dev/stdin')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Context bound to the ciphertext: k=v,k2=v2, JSON, or file://PATH')
            [CompletionResult]::new('--encryption-algorithm', '--encryption-algorithm', [CompletionResultType]::ParameterName, 'SYMMETRIC_DEFAULT for symmetric keys')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;decrypt' {
            [CompletionResult]::new('--ciphertext-blob', '--ciphertext-blob', [CompletionResultType]::ParameterName, 'The ciphertext: base64, or fileb://PATH for raw bytes')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'The context the ciphertext was made with')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'When given, the ciphertext must have been made under this key')
            [CompletionResult]::new('--encryption-algorithm', '--encryption-algorithm', [CompletionResultType]::ParameterName, 'SYMMETRIC_DEFAULT for symmetric keys')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;re-encrypt' {
            [CompletionResult]::new('--ciphertext-blob', '--ciphertext-blob', [CompletionResultType]::ParameterName, 'The ciphertext: base64, or fileb://PATH for raw bytes')
            [CompletionResult]::new('--source-encryption-context', '--source-encryption-context', [CompletionResultType]::ParameterName, 'The context the ciphertext was made with')
            [CompletionResult]::new('--source-key-id', '--source-key-id', [CompletionResultType]::ParameterName, 'When given, the ciphertext must have been made under this key')
            [CompletionResult]::new('--destination-key-id', '--destination-key-id', [CompletionResultType]::ParameterName, 'The key to encrypt under')
            [CompletionResult]::new('--destination-encryption-context', '--destination-encryption-context', [CompletionResultType]::ParameterName, 'The context for the new ciphertext')
            [CompletionResult]::new('--source-encryption-algorithm', '--source-encryption-algorithm', [CompletionResultType]::ParameterName, 'SYMMETRIC_DEFAULT for symmetric keys')
            [CompletionResult]::new('--destination-encryption-algorithm', '--destination-encryption-algorithm', [CompletionResultType]::ParameterName, 'SYMMETRIC_DEFAULT for symmetric keys')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;generate-data-key' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: the managed key alias/lkms/default]')
            [CompletionResult]::new('--key-spec', '--key-spec', [CompletionResultType]::ParameterName, 'AES_256 or AES_128 (or give --number-of-bytes)')
            [CompletionResult]::new('--number-of-bytes', '--number-of-bytes', [CompletionResultType]::ParameterName, '1 to 1024 bytes (or give --key-spec)')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Context bound to the encrypted data key: k=v,k2=v2 or JSON')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;generate-data-key-without-plaintext' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: the managed key alias/lkms/default]')
            [CompletionResult]::new('--key-spec', '--key-spec', [CompletionResultType]::ParameterName, 'AES_256 or AES_128 (or give --number-of-bytes)')
            [CompletionResult]::new('--number-of-bytes', '--number-of-bytes', [CompletionResultType]::ParameterName, '1 to 1024 bytes (or give --key-spec)')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Context bound to the encrypted data key: k=v,k2=v2 or JSON')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;generate-random' {
            [CompletionResult]::new('--number-of-bytes', '--number-of-bytes', [CompletionResultType]::ParameterName, '1 to 1024')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;enable-key-rotation' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--rotation-period-in-days', '--rotation-period-in-days', [CompletionResultType]::ParameterName, 'Days between rotations, 90 to 2560 [default: 365]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;disable-key-rotation' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;get-key-rotation-status' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;rotate-key-on-demand' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-key-rotations' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;get-public-key' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--outfile', '--outfile', [CompletionResultType]::ParameterName, 'Also write the public key to FILE (lkms convenience; see --format)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Encoding of --outfile')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (else refused, or asked on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;sign' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message or digest: base64, or fileb://PATH')
            [CompletionResult]::new('--message-type', '--message-type', [CompletionResultType]::ParameterName, 'RAW (lkms hashes the message, at most 4096 bytes) or DIGEST')
            [CompletionResult]::new('--signing-algorithm', '--signing-algorithm', [CompletionResultType]::ParameterName, 'The signing algorithm')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;verify' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message or digest: base64, or fileb://PATH')
            [CompletionResult]::new('--message-type', '--message-type', [CompletionResultType]::ParameterName, 'RAW or DIGEST')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The signature: base64, or fileb://PATH')
            [CompletionResult]::new('--signing-algorithm', '--signing-algorithm', [CompletionResultType]::ParameterName, 'The signing algorithm')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;generate-mac' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message (1 to 4096 bytes): base64, or fileb://PATH')
            [CompletionResult]::new('--mac-algorithm', '--mac-algorithm', [CompletionResultType]::ParameterName, 'The MAC algorithm (the one the key''s spec allows)')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;verify-mac' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message: base64, or fileb://PATH')
            [CompletionResult]::new('--mac', '--mac', [CompletionResultType]::ParameterName, 'The MAC to check: base64, or fileb://PATH')
            [CompletionResult]::new('--mac-algorithm', '--mac-algorithm', [CompletionResultType]::ParameterName, 'The MAC algorithm')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;generate-data-key-pair' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'The symmetric key that encrypts the private key')
            [CompletionResult]::new('--key-pair-spec', '--key-pair-spec', [CompletionResultType]::ParameterName, 'The kind of key pair')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Context bound to the encrypted private key: k=v,k2=v2 or JSON')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;generate-data-key-pair-without-plaintext' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'The symmetric key that encrypts the private key')
            [CompletionResult]::new('--key-pair-spec', '--key-pair-spec', [CompletionResultType]::ParameterName, 'The kind of key pair')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Context bound to the encrypted private key: k=v,k2=v2 or JSON')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;get-parameters-for-import' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> of an EXTERNAL key')
            [CompletionResult]::new('--wrapping-algorithm', '--wrapping-algorithm', [CompletionResultType]::ParameterName, 'How you will wrap the material')
            [CompletionResult]::new('--wrapping-key-spec', '--wrapping-key-spec', [CompletionResultType]::ParameterName, 'The RSA wrapping key''s size')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;import-key-material' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> of an EXTERNAL key')
            [CompletionResult]::new('--encrypted-key-material', '--encrypted-key-material', [CompletionResultType]::ParameterName, 'The wrapped material: fileb://PATH or base64')
            [CompletionResult]::new('--import-token', '--import-token', [CompletionResultType]::ParameterName, 'The ImportToken: fileb://PATH or base64')
            [CompletionResult]::new('--expiration-model', '--expiration-model', [CompletionResultType]::ParameterName, 'Whether the material expires [default: KEY_MATERIAL_EXPIRES with --valid-to, else KEY_MATERIAL_DOES_NOT_EXPIRE]')
            [CompletionResult]::new('--valid-to', '--valid-to', [CompletionResultType]::ParameterName, 'When the material expires: ISO 8601 (2027-01-31T00:00:00Z, 2027-01-31) or Unix seconds')
            [CompletionResult]::new('--import-type', '--import-type', [CompletionResultType]::ParameterName, 'EXISTING_KEY_MATERIAL (first import or the same material again) or NEW_KEY_MATERIAL (for rotation)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;delete-imported-key-material' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;put-key-policy' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--policy-name', '--policy-name', [CompletionResultType]::ParameterName, 'The policy name (only "default")')
            [CompletionResult]::new('--policy', '--policy', [CompletionResultType]::ParameterName, 'The policy: JSON, or file://PATH')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--bypass-policy-lockout-safety-check', '--bypass-policy-lockout-safety-check', [CompletionResultType]::ParameterName, 'Accept a policy that would keep you from changing it again')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;get-key-policy' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--policy-name', '--policy-name', [CompletionResultType]::ParameterName, 'The policy name (only "default")')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-key-policies' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;create-grant' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--grantee-principal', '--grantee-principal', [CompletionResultType]::ParameterName, 'Who receives the permissions: a principal''s name or IAM ARN (arn:aws:iam::<account>:user/<name>)')
            [CompletionResult]::new('--retiring-principal', '--retiring-principal', [CompletionResultType]::ParameterName, 'Who may retire the grant: a principal''s name or IAM ARN')
            [CompletionResult]::new('--operations', '--operations', [CompletionResultType]::ParameterName, 'Operations: Decrypt Encrypt GenerateDataKey ... (space- or comma-separated)')
            [CompletionResult]::new('--constraints', '--constraints', [CompletionResultType]::ParameterName, 'EncryptionContextSubset={k=v,...} or EncryptionContextEquals={k=v,...} (or AWS JSON, or file://PATH)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the grant')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-grants' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--grant-id', '--grant-id', [CompletionResultType]::ParameterName, 'Only this grant')
            [CompletionResult]::new('--grantee-principal', '--grantee-principal', [CompletionResultType]::ParameterName, 'Only grants to this principal (name or IAM ARN)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;list-retirable-grants' {
            [CompletionResult]::new('--retiring-principal', '--retiring-principal', [CompletionResultType]::ParameterName, 'The retiring principal (name or IAM ARN)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page (1 to 1000, default 100); prints that one page, with Truncated and NextMarker')
            [CompletionResult]::new('--marker', '--marker', [CompletionResultType]::ParameterName, 'The NextMarker of the previous page; prints that one page')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per underlying call when fetching every page (1 to 1000, default 100)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Print at most N items, then a NextToken for --starting-token')
            [CompletionResult]::new('--starting-token', '--starting-token', [CompletionResultType]::ParameterName, 'The NextToken of a previous --max-items run: continue from there')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--no-paginate', '--no-paginate', [CompletionResultType]::ParameterName, 'Print one page, with Truncated and NextMarker (by default every page is fetched and merged)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;retire-grant' {
            [CompletionResult]::new('--grant-token', '--grant-token', [CompletionResultType]::ParameterName, 'The grant token (or give --key-id and --grant-id)')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'The grant''s key')
            [CompletionResult]::new('--grant-id', '--grant-id', [CompletionResultType]::ParameterName, 'The grant id')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;revoke-grant' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>')
            [CompletionResult]::new('--grant-id', '--grant-id', [CompletionResultType]::ParameterName, 'The grant id')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;whoami' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;audit' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show audit records, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Drop records older than a date; the rest stays verifiable from a checkpoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lkms;audit;show' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Only records about this key')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records at or after this time (ISO 8601 or Unix seconds)')
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'Only records of this principal')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'Only records of this operation (e.g. Decrypt)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only records before this time (ISO 8601 or Unix seconds)')
            [CompletionResult]::new('--max-records', '--max-records', [CompletionResultType]::ParameterName, 'At most this many records: the newest ones (still printed oldest first)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;audit;verify' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;audit;export' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Only records about this key')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records at or after this time (ISO 8601 or Unix seconds)')
            [CompletionResult]::new('--principal', '--principal', [CompletionResultType]::ParameterName, 'Only records of this principal')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'Only records of this operation (e.g. Decrypt)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only records before this time (ISO 8601 or Unix seconds)')
            [CompletionResult]::new('--max-records', '--max-records', [CompletionResultType]::ParameterName, 'At most this many records: the newest ones (still printed oldest first)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Write to this file (a new file) instead of standard output')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (else refused, or asked on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;audit;prune' {
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Drop records before this time (ISO 8601 or Unix seconds)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;audit;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show audit records, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Drop records older than a date; the rest stays verifiable from a checkpoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lkms;audit;help;show' {
            break
        }
        'lkms;audit;help;verify' {
            break
        }
        'lkms;audit;help;export' {
            break
        }
        'lkms;audit;help;prune' {
            break
        }
        'lkms;audit;help;help' {
            break
        }
        'lkms;encrypt-file' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Key id, key ARN, or alias/<name>; repeat to let any of several keys decrypt [default: alias/lkms/default]')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Context bound to the file: k=v,k2=v2 or JSON')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write (one input): a path, or - for standard output [default: INPUT + suffix]')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Where to write (one input): a path, or - for standard output [default: INPUT + suffix]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder for the outputs of several inputs [default: beside each input]')
            [CompletionResult]::new('--suffix', '--suffix', [CompletionResultType]::ParameterName, 'Suffix of output names')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Encrypt the files in folders, recursively; symlinks are not followed, and files that already are lkms files are skipped')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Encrypt the files in folders, recursively; symlinks are not followed, and files that already are lkms files are skipped')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (else refused, or asked on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;decrypt-file' {
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'Only use this key (id, ARN or alias) [default: any key of the keyring the file names]')
            [CompletionResult]::new('--encryption-context', '--encryption-context', [CompletionResultType]::ParameterName, 'Require these pairs in the file''s encryption context: k=v,k2=v2 or JSON')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write (one input): a path, or - for standard output [default: INPUT without the suffix]')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Where to write (one input): a path, or - for standard output [default: INPUT without the suffix]')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Folder for the outputs of several inputs [default: beside each input]')
            [CompletionResult]::new('--suffix', '--suffix', [CompletionResultType]::ParameterName, 'Suffix removed from input names to name outputs')
            [CompletionResult]::new('--grant-tokens', '--grant-tokens', [CompletionResultType]::ParameterName, 'Grant tokens (accepted as in AWS)')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Decrypt the lkms files in folders, recursively; symlinks are not followed, and other files are skipped')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Decrypt the lkms files in folders, recursively; symlinks are not followed, and other files are skipped')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (else refused, or asked on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;rewrap-file' {
            [CompletionResult]::new('--destination-key-id', '--destination-key-id', [CompletionResultType]::ParameterName, 'Wrap under these keys instead [default: each of the file''s keys, at its newest version]')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;inspect-file' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;maintain' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;verify-keyring' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;backup' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The backup file to create')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file (else refused, or asked on a terminal)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;rotate-root-key' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;migrate' {
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;trust-keyring' {
            [CompletionResult]::new('--keyring-id', '--keyring-id', [CompletionResultType]::ParameterName, 'The keyring you accept: <keyring id>:<fingerprint>, as the refusal printed it')
            [CompletionResult]::new('--keyring', '--keyring', [CompletionResultType]::ParameterName, 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)')
            [CompletionResult]::new('--unlock-slot', '--unlock-slot', [CompletionResultType]::ParameterName, 'Unlock through this slot only; a passphrase is otherwise tried on at most 3 passphrase slots, yours (named after $USER) first [env: LKMS_UNLOCK_SLOT]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, json otherwise]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The keyring''s AWS region: chosen by init (else $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1); other commands check it matches')
            [CompletionResult]::new('--query', '--query', [CompletionResultType]::ParameterName, 'A JMESPath query applied to the response, as with the AWS CLI')
            [CompletionResult]::new('--cli-binary-format', '--cli-binary-format', [CompletionResultType]::ParameterName, 'How inline blob parameters are read: base64 (AWS CLI v2), or raw-in-base64-out: the text itself (AWS CLI v1) [default: cli_binary_format in ~/.aws/config, else base64]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The ~/.aws/config profile whose cli_binary_format applies [default: $AWS_PROFILE, else default]; no other effect until a remote provider exists')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect until a remote provider exists (the keyring is local)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms prints no colour)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (deletion, disabling, revoking)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'File commands: print a summary of what was done (also printed when --output is given)')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Print the request as lkms understood it, the keyring and timings on stderr (never secrets)')
            [CompletionResult]::new('--no-cli-pager', '--no-cli-pager', [CompletionResultType]::ParameterName, 'Accepted for AWS CLI scripts; no effect (lkms never pages its output)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'lkms;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write shell completions and man pages (for packagers; see README)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new keyring with its first unlock slot(s)')
            [CompletionResult]::new('slot', 'slot', [CompletionResultType]::ParameterValue, 'Manage the keyring''s unlock slots')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change the passphrase of a passphrase slot')
            [CompletionResult]::new('create-key', 'create-key', [CompletionResultType]::ParameterValue, 'Create a customer master key')
            [CompletionResult]::new('describe-key', 'describe-key', [CompletionResultType]::ParameterValue, 'Show a key''s metadata')
            [CompletionResult]::new('list-keys', 'list-keys', [CompletionResultType]::ParameterValue, 'List the keys of the keyring')
            [CompletionResult]::new('update-key-description', 'update-key-description', [CompletionResultType]::ParameterValue, 'Replace a key''s description')
            [CompletionResult]::new('enable-key', 'enable-key', [CompletionResultType]::ParameterValue, 'Enable a disabled key')
            [CompletionResult]::new('disable-key', 'disable-key', [CompletionResultType]::ParameterValue, 'Disable a key: it refuses cryptography until enabled again')
            [CompletionResult]::new('schedule-key-deletion', 'schedule-key-deletion', [CompletionResultType]::ParameterValue, 'Schedule a key''s destruction after a waiting period of 7 to 30 days')
            [CompletionResult]::new('cancel-key-deletion', 'cancel-key-deletion', [CompletionResultType]::ParameterValue, 'Cancel a scheduled deletion; the key comes back disabled')
            [CompletionResult]::new('create-alias', 'create-alias', [CompletionResultType]::ParameterValue, 'Create an alias for a key')
            [CompletionResult]::new('update-alias', 'update-alias', [CompletionResultType]::ParameterValue, 'Point an alias at another key')
            [CompletionResult]::new('delete-alias', 'delete-alias', [CompletionResultType]::ParameterValue, 'Delete an alias (the key stays)')
            [CompletionResult]::new('list-aliases', 'list-aliases', [CompletionResultType]::ParameterValue, 'List aliases, of every key or of one')
            [CompletionResult]::new('tag-resource', 'tag-resource', [CompletionResultType]::ParameterValue, 'Add or replace tags on a key')
            [CompletionResult]::new('untag-resource', 'untag-resource', [CompletionResultType]::ParameterValue, 'Remove tags from a key')
            [CompletionResult]::new('list-resource-tags', 'list-resource-tags', [CompletionResultType]::ParameterValue, 'List a key''s tags')
            [CompletionResult]::new('encrypt', 'encrypt', [CompletionResultType]::ParameterValue, 'Encrypt up to 4096 bytes under a symmetric key')
            [CompletionResult]::new('decrypt', 'decrypt', [CompletionResultType]::ParameterValue, 'Decrypt a ciphertext blob (the key is found from the blob)')
            [CompletionResult]::new('re-encrypt', 're-encrypt', [CompletionResultType]::ParameterValue, 'Decrypt and encrypt again under another key or context, without exposing the plaintext')
            [CompletionResult]::new('generate-data-key', 'generate-data-key', [CompletionResultType]::ParameterValue, 'Make a data key: returned in plaintext and encrypted under the key')
            [CompletionResult]::new('generate-data-key-without-plaintext', 'generate-data-key-without-plaintext', [CompletionResultType]::ParameterValue, 'Make a data key, returned only encrypted under the key')
            [CompletionResult]::new('generate-random', 'generate-random', [CompletionResultType]::ParameterValue, 'Random bytes from the operating system''s CSPRNG')
            [CompletionResult]::new('enable-key-rotation', 'enable-key-rotation', [CompletionResultType]::ParameterValue, 'Turn on automatic rotation (first rotation one period from now)')
            [CompletionResult]::new('disable-key-rotation', 'disable-key-rotation', [CompletionResultType]::ParameterValue, 'Turn off automatic rotation')
            [CompletionResult]::new('get-key-rotation-status', 'get-key-rotation-status', [CompletionResultType]::ParameterValue, 'Show whether and when a key rotates')
            [CompletionResult]::new('rotate-key-on-demand', 'rotate-key-on-demand', [CompletionResultType]::ParameterValue, 'Rotate a key''s material now (at most 25 times per key)')
            [CompletionResult]::new('list-key-rotations', 'list-key-rotations', [CompletionResultType]::ParameterValue, 'List a key''s rotations, oldest first')
            [CompletionResult]::new('get-public-key', 'get-public-key', [CompletionResultType]::ParameterValue, 'The public key of an asymmetric key (DER SubjectPublicKeyInfo)')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Sign a message or digest with an asymmetric key')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)')
            [CompletionResult]::new('generate-mac', 'generate-mac', [CompletionResultType]::ParameterValue, 'HMAC a message with an HMAC key')
            [CompletionResult]::new('verify-mac', 'verify-mac', [CompletionResultType]::ParameterValue, 'Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)')
            [CompletionResult]::new('generate-data-key-pair', 'generate-data-key-pair', [CompletionResultType]::ParameterValue, 'Make a key pair: the private key in plaintext and encrypted under a symmetric key')
            [CompletionResult]::new('generate-data-key-pair-without-plaintext', 'generate-data-key-pair-without-plaintext', [CompletionResultType]::ParameterValue, 'Make a key pair; the private key is returned only encrypted')
            [CompletionResult]::new('get-parameters-for-import', 'get-parameters-for-import', [CompletionResultType]::ParameterValue, 'A wrapping public key and import token (valid 24 hours) for importing key material')
            [CompletionResult]::new('import-key-material', 'import-key-material', [CompletionResultType]::ParameterValue, 'Import key material wrapped with the public key of get-parameters-for-import')
            [CompletionResult]::new('delete-imported-key-material', 'delete-imported-key-material', [CompletionResultType]::ParameterValue, 'Destroy a key''s imported material; the key waits for it in PendingImport')
            [CompletionResult]::new('put-key-policy', 'put-key-policy', [CompletionResultType]::ParameterValue, 'Replace a key''s policy (AWS JSON grammar)')
            [CompletionResult]::new('get-key-policy', 'get-key-policy', [CompletionResultType]::ParameterValue, 'Show a key''s policy')
            [CompletionResult]::new('list-key-policies', 'list-key-policies', [CompletionResultType]::ParameterValue, 'List a key''s policy names (always "default")')
            [CompletionResult]::new('create-grant', 'create-grant', [CompletionResultType]::ParameterValue, 'Give a principal permissions on a key, optionally constrained by encryption context')
            [CompletionResult]::new('list-grants', 'list-grants', [CompletionResultType]::ParameterValue, 'List the grants of a key')
            [CompletionResult]::new('list-retirable-grants', 'list-retirable-grants', [CompletionResultType]::ParameterValue, 'List the grants a principal may retire')
            [CompletionResult]::new('retire-grant', 'retire-grant', [CompletionResultType]::ParameterValue, 'Retire a grant (its retiring principal or grantee)')
            [CompletionResult]::new('revoke-grant', 'revoke-grant', [CompletionResultType]::ParameterValue, 'Revoke a grant (needs kms:RevokeGrant)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who the unlocking slot makes you')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read and verify the audit trail')
            [CompletionResult]::new('encrypt-file', 'encrypt-file', [CompletionResultType]::ParameterValue, 'Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)')
            [CompletionResult]::new('decrypt-file', 'decrypt-file', [CompletionResultType]::ParameterValue, 'Decrypt files made by encrypt-file (the key is found from the header)')
            [CompletionResult]::new('rewrap-file', 'rewrap-file', [CompletionResultType]::ParameterValue, 'Re-wrap files'' data keys under the newest key versions or other keys, without re-encrypting')
            [CompletionResult]::new('inspect-file', 'inspect-file', [CompletionResultType]::ParameterValue, 'Show an encrypted file''s header without unlocking the keyring')
            [CompletionResult]::new('maintain', 'maintain', [CompletionResultType]::ParameterValue, 'Apply due deletions, rotations and material expiry now (for cron and CI)')
            [CompletionResult]::new('verify-keyring', 'verify-keyring', [CompletionResultType]::ParameterValue, 'Check every record of the keyring and its audit trail against the authenticated state')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent copy of the keyring while others use it (restore: copy it back)')
            [CompletionResult]::new('rotate-root-key', 'rotate-root-key', [CompletionResultType]::ParameterValue, 'Make a new root key: re-wrap every slot and re-seal every record under it')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Convert a version 1 (TOML) keyring to the current format now (else done on first use)')
            [CompletionResult]::new('trust-keyring', 'trust-keyring', [CompletionResultType]::ParameterValue, 'Accept the keyring now at this path for your credential, when it is not the one you opened here before')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'lkms;help;generate' {
            break
        }
        'lkms;help;init' {
            break
        }
        'lkms;help;slot' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the unlock slots')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an unlock slot')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an unlock slot (never the last one)')
            break
        }
        'lkms;help;slot;list' {
            break
        }
        'lkms;help;slot;add' {
            break
        }
        'lkms;help;slot;remove' {
            break
        }
        'lkms;help;passwd' {
            break
        }
        'lkms;help;create-key' {
            break
        }
        'lkms;help;describe-key' {
            break
        }
        'lkms;help;list-keys' {
            break
        }
        'lkms;help;update-key-description' {
            break
        }
        'lkms;help;enable-key' {
            break
        }
        'lkms;help;disable-key' {
            break
        }
        'lkms;help;schedule-key-deletion' {
            break
        }
        'lkms;help;cancel-key-deletion' {
            break
        }
        'lkms;help;create-alias' {
            break
        }
        'lkms;help;update-alias' {
            break
        }
        'lkms;help;delete-alias' {
            break
        }
        'lkms;help;list-aliases' {
            break
        }
        'lkms;help;tag-resource' {
            break
        }
        'lkms;help;untag-resource' {
            break
        }
        'lkms;help;list-resource-tags' {
            break
        }
        'lkms;help;encrypt' {
            break
        }
        'lkms;help;decrypt' {
            break
        }
        'lkms;help;re-encrypt' {
            break
        }
        'lkms;help;generate-data-key' {
            break
        }
        'lkms;help;generate-data-key-without-plaintext' {
            break
        }
        'lkms;help;generate-random' {
            break
        }
        'lkms;help;enable-key-rotation' {
            break
        }
        'lkms;help;disable-key-rotation' {
            break
        }
        'lkms;help;get-key-rotation-status' {
            break
        }
        'lkms;help;rotate-key-on-demand' {
            break
        }
        'lkms;help;list-key-rotations' {
            break
        }
        'lkms;help;get-public-key' {
            break
        }
        'lkms;help;sign' {
            break
        }
        'lkms;help;verify' {
            break
        }
        'lkms;help;generate-mac' {
            break
        }
        'lkms;help;verify-mac' {
            break
        }
        'lkms;help;generate-data-key-pair' {
            break
        }
        'lkms;help;generate-data-key-pair-without-plaintext' {
            break
        }
        'lkms;help;get-parameters-for-import' {
            break
        }
        'lkms;help;import-key-material' {
            break
        }
        'lkms;help;delete-imported-key-material' {
            break
        }
        'lkms;help;put-key-policy' {
            break
        }
        'lkms;help;get-key-policy' {
            break
        }
        'lkms;help;list-key-policies' {
            break
        }
        'lkms;help;create-grant' {
            break
        }
        'lkms;help;list-grants' {
            break
        }
        'lkms;help;list-retirable-grants' {
            break
        }
        'lkms;help;retire-grant' {
            break
        }
        'lkms;help;revoke-grant' {
            break
        }
        'lkms;help;whoami' {
            break
        }
        'lkms;help;audit' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show audit records, oldest first')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Drop records older than a date; the rest stays verifiable from a checkpoint')
            break
        }
        'lkms;help;audit;show' {
            break
        }
        'lkms;help;audit;verify' {
            break
        }
        'lkms;help;audit;export' {
            break
        }
        'lkms;help;audit;prune' {
            break
        }
        'lkms;help;encrypt-file' {
            break
        }
        'lkms;help;decrypt-file' {
            break
        }
        'lkms;help;rewrap-file' {
            break
        }
        'lkms;help;inspect-file' {
            break
        }
        'lkms;help;maintain' {
            break
        }
        'lkms;help;verify-keyring' {
            break
        }
        'lkms;help;backup' {
            break
        }
        'lkms;help;rotate-root-key' {
            break
        }
        'lkms;help;migrate' {
            break
        }
        'lkms;help;trust-keyring' {
            break
        }
        'lkms;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
