
use builtin;
use str;

set edit:completion:arg-completer[lkms] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'lkms'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'lkms'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Write shell completions and man pages (for packagers; see README)'
            cand init 'Create a new keyring with its first unlock slot(s)'
            cand slot 'Manage the keyring''s unlock slots'
            cand passwd 'Change the passphrase of a passphrase slot'
            cand create-key 'Create a customer master key'
            cand describe-key 'Show a key''s metadata'
            cand list-keys 'List the keys of the keyring'
            cand update-key-description 'Replace a key''s description'
            cand enable-key 'Enable a disabled key'
            cand disable-key 'Disable a key: it refuses cryptography until enabled again'
            cand schedule-key-deletion 'Schedule a key''s destruction after a waiting period of 7 to 30 days'
            cand cancel-key-deletion 'Cancel a scheduled deletion; the key comes back disabled'
            cand create-alias 'Create an alias for a key'
            cand update-alias 'Point an alias at another key'
            cand delete-alias 'Delete an alias (the key stays)'
            cand list-aliases 'List aliases, of every key or of one'
            cand tag-resource 'Add or replace tags on a key'
            cand untag-resource 'Remove tags from a key'
            cand list-resource-tags 'List a key''s tags'
            cand encrypt 'Encrypt up to 4096 bytes under a symmetric key'
            cand decrypt 'Decrypt a ciphertext blob (the key is found from the blob)'
            cand re-encrypt 'Decrypt and encrypt again under another key or context, without exposing the plaintext'
            cand generate-data-key 'Make a data key: returned in plaintext and encrypted under the key'
            cand generate-data-key-without-plaintext 'Make a data key, returned only encrypted under the key'
            cand generate-random 'Random bytes from the operating system''s CSPRNG'
            cand enable-key-rotation 'Turn on automatic rotation (first rotation one period from now)'
            cand disable-key-rotation 'Turn off automatic rotation'
            cand get-key-rotation-status 'Show whether and when a key rotates'
            cand rotate-key-on-demand 'Rotate a key''s material now (at most 25 times per key)'
            cand list-key-rotations 'List a key''s rotations, oldest first'
            cand get-public-key 'The public key of an asymmetric key (DER SubjectPublicKeyInfo)'
            cand sign 'Sign a message or digest with an asymmetric key'
            cand verify 'Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)'
            cand generate-mac 'HMAC a message with an HMAC key'
            cand verify-mac 'Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)'
            cand generate-data-key-pair 'Make a key pair: the private key in plaintext and encrypted under a symmetric key'
            cand generate-data-key-pair-without-plaintext 'Make a key pair; the private key is returned only encrypted'
            cand get-parameters-for-import 'A wrapping public key and import token (valid 24 hours) for importing key material'
            cand import-key-material 'Import key material wrapped with the public key of get-parameters-for-import'
            cand delete-imported-key-material 'Destroy a key''s imported material; the key waits for it in PendingImport'
            cand put-key-policy 'Replace a key''s policy (AWS JSON grammar)'
            cand get-key-policy 'Show a key''s policy'
            cand list-key-policies 'List a key''s policy names (always "default")'
            cand create-grant 'Give a principal permissions on a key, optionally constrained by encryption context'
            cand list-grants 'List the grants of a key'
            cand list-retirable-grants 'List the grants a principal may retire'
            cand retire-grant 'Retire a grant (its retiring principal or grantee)'
            cand revoke-grant 'Revoke a grant (needs kms:RevokeGrant)'
            cand whoami 'Show who the unlocking slot makes you'
            cand audit 'Read and verify the audit trail'
            cand encrypt-file 'Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)'
            cand decrypt-file 'Decrypt files made by encrypt-file (the key is found from the header)'
            cand rewrap-file 'Re-wrap files'' data keys under the newest key versions or other keys, without re-encrypting'
            cand inspect-file 'Show an encrypted file''s header without unlocking the keyring'
            cand maintain 'Apply due deletions, rotations and material expiry now (for cron and CI)'
            cand verify-keyring 'Check every record of the keyring and its audit trail against the authenticated state'
            cand backup 'Write a consistent copy of the keyring while others use it (restore: copy it back)'
            cand rotate-root-key 'Make a new root key: re-wrap every slot and re-seal every record under it'
            cand migrate 'Convert a version 1 (TOML) keyring to the current format now (else done on first use)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'lkms;generate'= {
            cand --dir 'Write completions/ and man/ under DIR'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;init'= {
            cand --principal 'The principal of the new slots [default: the login user name]'
            cand --age-recipient 'Add an age slot for this recipient (age1...); repeatable'
            cand --generate-identity 'Write a new age identity to FILE (default: $XDG_CONFIG_HOME/lkms/identity.txt) and add a slot for it'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand --force 'Replace an existing output file (else refused, or asked on a terminal)'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;slot'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the unlock slots'
            cand add 'Add an unlock slot'
            cand remove 'Remove an unlock slot (never the last one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'lkms;slot;list'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;slot;add'= {
            cand --principal 'The principal of the new slot [default: the caller''s]'
            cand --age-recipient 'An age slot for this recipient (age1...)'
            cand --generate-identity 'Write a new age identity to FILE and add a slot for it'
            cand --new-passphrase-file 'A passphrase slot with the passphrase in FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;slot;remove'= {
            cand --slot-id 'The slot to remove, as `slot list` numbers them'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;slot;help'= {
            cand list 'List the unlock slots'
            cand add 'Add an unlock slot'
            cand remove 'Remove an unlock slot (never the last one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'lkms;slot;help;list'= {
        }
        &'lkms;slot;help;add'= {
        }
        &'lkms;slot;help;remove'= {
        }
        &'lkms;slot;help;help'= {
        }
        &'lkms;passwd'= {
            cand --slot-id 'The passphrase slot to change [default: the one that unlocked the keyring]'
            cand --new-passphrase-file 'Read the new passphrase from FILE (else $LKMS_NEW_PASSPHRASE, else a prompt)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;create-key'= {
            cand --description 'A description of the key'
            cand --key-spec 'The kind of key'
            cand --key-usage 'What the key is for [default: the spec''s usual usage]'
            cand --origin 'AWS_KMS generates the material; EXTERNAL waits for imported material'
            cand --tags 'Tags: TagKey=k,TagValue=v ... (or AWS JSON)'
            cand --policy 'The key policy: JSON, or file://PATH [default: every keyring principal may do everything]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand --bypass-policy-lockout-safety-check 'Accept a policy that would keep you from changing it again'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;describe-key'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-keys'= {
            cand --limit 'Items per page (1 to 1000, default 100)'
            cand --marker 'The NextMarker of the previous page'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;update-key-description'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --description 'The new description'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;enable-key'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;disable-key'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;schedule-key-deletion'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --pending-window-in-days 'Days before the key is destroyed (7 to 30)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;cancel-key-deletion'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;create-alias'= {
            cand --alias-name 'alias/<name>'
            cand --target-key-id 'The key (id or ARN) the alias points at'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;update-alias'= {
            cand --alias-name 'alias/<name>'
            cand --target-key-id 'The key (id or ARN) the alias points at'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;delete-alias'= {
            cand --alias-name 'alias/<name>'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-aliases'= {
            cand --key-id 'Only the aliases of this key'
            cand --limit 'Items per page (1 to 1000, default 100)'
            cand --marker 'The NextMarker of the previous page'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;tag-resource'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --tags 'Tags: TagKey=k,TagValue=v ... (or AWS JSON)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;untag-resource'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --tag-keys 'The tag keys to remove'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-resource-tags'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --limit 'Items per page (1 to 1000, default 100)'
            cand --marker 'The NextMarker of the previous page'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;encrypt'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: the managed key alias/lkms/default]'
            cand --plaintext 'The data: base64, or fileb://PATH for raw bytes'
            cand --encryption-context 'Context bound to the ciphertext: k=v,k2=v2 or JSON'
            cand --encryption-algorithm 'SYMMETRIC_DEFAULT for symmetric keys'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;decrypt'= {
            cand --ciphertext-blob 'The ciphertext: base64, or fileb://PATH for raw bytes'
            cand --encryption-context 'The context the ciphertext was made with'
            cand --key-id 'When given, the ciphertext must have been made under this key'
            cand --encryption-algorithm 'SYMMETRIC_DEFAULT for symmetric keys'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;re-encrypt'= {
            cand --ciphertext-blob 'The ciphertext: base64, or fileb://PATH for raw bytes'
            cand --source-encryption-context 'The context the ciphertext was made with'
            cand --source-key-id 'When given, the ciphertext must have been made under this key'
            cand --destination-key-id 'The key to encrypt under'
            cand --destination-encryption-context 'The context for the new ciphertext'
            cand --source-encryption-algorithm 'SYMMETRIC_DEFAULT for symmetric keys'
            cand --destination-encryption-algorithm 'SYMMETRIC_DEFAULT for symmetric keys'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;generate-data-key'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: the managed key alias/lkms/default]'
            cand --key-spec 'AES_256 or AES_128 (or give --number-of-bytes)'
            cand --number-of-bytes '1 to 1024 bytes (or give --key-spec)'
            cand --encryption-context 'Context bound to the encrypted data key: k=v,k2=v2 or JSON'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;generate-data-key-without-plaintext'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: the managed key alias/lkms/default]'
            cand --key-spec 'AES_256 or AES_128 (or give --number-of-bytes)'
            cand --number-of-bytes '1 to 1024 bytes (or give --key-spec)'
            cand --encryption-context 'Context bound to the encrypted data key: k=v,k2=v2 or JSON'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;generate-random'= {
            cand --number-of-bytes '1 to 1024'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;enable-key-rotation'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --rotation-period-in-days 'Days between rotations, 90 to 2560 [default: 365]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;disable-key-rotation'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;get-key-rotation-status'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;rotate-key-on-demand'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-key-rotations'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --limit 'Items per page (1 to 1000, default 100)'
            cand --marker 'The NextMarker of the previous page'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;get-public-key'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --outfile 'Also write the public key to FILE (lkms convenience; see --format)'
            cand --format 'Encoding of --outfile'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand --force 'Replace an existing output file (else refused, or asked on a terminal)'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;sign'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --message 'The message or digest: base64, or fileb://PATH'
            cand --message-type 'RAW (lkms hashes the message, at most 4096 bytes) or DIGEST'
            cand --signing-algorithm 'The signing algorithm'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;verify'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --message 'The message or digest: base64, or fileb://PATH'
            cand --message-type 'RAW or DIGEST'
            cand --signature 'The signature: base64, or fileb://PATH'
            cand --signing-algorithm 'The signing algorithm'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;generate-mac'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --message 'The message (1 to 4096 bytes): base64, or fileb://PATH'
            cand --mac-algorithm 'The MAC algorithm (the one the key''s spec allows)'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;verify-mac'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --message 'The message: base64, or fileb://PATH'
            cand --mac 'The MAC to check: base64, or fileb://PATH'
            cand --mac-algorithm 'The MAC algorithm'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;generate-data-key-pair'= {
            cand --key-id 'The symmetric key that encrypts the private key'
            cand --key-pair-spec 'The kind of key pair'
            cand --encryption-context 'Context bound to the encrypted private key: k=v,k2=v2 or JSON'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;generate-data-key-pair-without-plaintext'= {
            cand --key-id 'The symmetric key that encrypts the private key'
            cand --key-pair-spec 'The kind of key pair'
            cand --encryption-context 'Context bound to the encrypted private key: k=v,k2=v2 or JSON'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;get-parameters-for-import'= {
            cand --key-id 'Key id, key ARN, or alias/<name> of an EXTERNAL key'
            cand --wrapping-algorithm 'How you will wrap the material'
            cand --wrapping-key-spec 'The RSA wrapping key''s size'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;import-key-material'= {
            cand --key-id 'Key id, key ARN, or alias/<name> of an EXTERNAL key'
            cand --encrypted-key-material 'The wrapped material: fileb://PATH or base64'
            cand --import-token 'The ImportToken: fileb://PATH or base64'
            cand --expiration-model 'Whether the material expires [default: KEY_MATERIAL_EXPIRES with --valid-to, else KEY_MATERIAL_DOES_NOT_EXPIRE]'
            cand --valid-to 'When the material expires: ISO 8601 (2027-01-31T00:00:00Z, 2027-01-31) or Unix seconds'
            cand --import-type 'EXISTING_KEY_MATERIAL (first import or the same material again) or NEW_KEY_MATERIAL (for rotation)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;delete-imported-key-material'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;put-key-policy'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --policy-name 'The policy name (only "default")'
            cand --policy 'The policy: JSON, or file://PATH'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand --bypass-policy-lockout-safety-check 'Accept a policy that would keep you from changing it again'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;get-key-policy'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --policy-name 'The policy name (only "default")'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-key-policies'= {
            cand --key-id 'Key id, key ARN, or alias/<name> [default: pick one from a list, on a terminal]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;create-grant'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --grantee-principal 'Who receives the permissions'
            cand --retiring-principal 'Who may retire the grant'
            cand --operations 'Operations: Decrypt Encrypt GenerateDataKey ... (space- or comma-separated)'
            cand --constraints 'EncryptionContextSubset={k=v,...} or EncryptionContextEquals={k=v,...} (or AWS JSON)'
            cand --name 'A name for the grant'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-grants'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --grant-id 'Only this grant'
            cand --grantee-principal 'Only grants to this principal'
            cand --limit 'Items per page (1 to 1000, default 100)'
            cand --marker 'The NextMarker of the previous page'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;list-retirable-grants'= {
            cand --retiring-principal 'The retiring principal'
            cand --limit 'Items per page (1 to 1000, default 100)'
            cand --marker 'The NextMarker of the previous page'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;retire-grant'= {
            cand --grant-token 'The grant token (or give --key-id and --grant-id)'
            cand --key-id 'The grant''s key'
            cand --grant-id 'The grant id'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;revoke-grant'= {
            cand --key-id 'Key id, key ARN, or alias/<name>'
            cand --grant-id 'The grant id'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;whoami'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;audit'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show audit records, oldest first'
            cand verify 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record'
            cand export 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM'
            cand prune 'Drop records older than a date; the rest stays verifiable from a checkpoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'lkms;audit;show'= {
            cand --key-id 'Only records about this key'
            cand --since 'Only records at or after this time (ISO 8601 or Unix seconds)'
            cand --principal 'Only records of this principal'
            cand --operation 'Only records of this operation (e.g. Decrypt)'
            cand --until 'Only records before this time (ISO 8601 or Unix seconds)'
            cand --max-records 'At most this many records: the newest ones (still printed oldest first)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;audit;verify'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;audit;export'= {
            cand --key-id 'Only records about this key'
            cand --since 'Only records at or after this time (ISO 8601 or Unix seconds)'
            cand --principal 'Only records of this principal'
            cand --operation 'Only records of this operation (e.g. Decrypt)'
            cand --until 'Only records before this time (ISO 8601 or Unix seconds)'
            cand --max-records 'At most this many records: the newest ones (still printed oldest first)'
            cand --to 'Write to this file (a new file) instead of standard output'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand --force 'Replace an existing output file (else refused, or asked on a terminal)'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;audit;prune'= {
            cand --before 'Drop records before this time (ISO 8601 or Unix seconds)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;audit;help'= {
            cand show 'Show audit records, oldest first'
            cand verify 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record'
            cand export 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM'
            cand prune 'Drop records older than a date; the rest stays verifiable from a checkpoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'lkms;audit;help;show'= {
        }
        &'lkms;audit;help;verify'= {
        }
        &'lkms;audit;help;export'= {
        }
        &'lkms;audit;help;prune'= {
        }
        &'lkms;audit;help;help'= {
        }
        &'lkms;encrypt-file'= {
            cand --key-id 'Key id, key ARN, or alias/<name>; repeat to let any of several keys decrypt [default: alias/lkms/default]'
            cand --encryption-context 'Context bound to the file: k=v,k2=v2 or JSON'
            cand -o 'Where to write (one input): a path, or - for standard output [default: INPUT + suffix]'
            cand --output-file 'Where to write (one input): a path, or - for standard output [default: INPUT + suffix]'
            cand --output-dir 'Folder for the outputs of several inputs [default: beside each input]'
            cand --suffix 'Suffix of output names'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -r 'Encrypt the files in folders, recursively; symlinks are not followed, and files that already are lkms files are skipped'
            cand --recursive 'Encrypt the files in folders, recursively; symlinks are not followed, and files that already are lkms files are skipped'
            cand --force 'Replace an existing output file (else refused, or asked on a terminal)'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;decrypt-file'= {
            cand --key-id 'Only use this key (id, ARN or alias) [default: any key of the keyring the file names]'
            cand --encryption-context 'Require these pairs in the file''s encryption context: k=v,k2=v2 or JSON'
            cand -o 'Where to write (one input): a path, or - for standard output [default: INPUT without the suffix]'
            cand --output-file 'Where to write (one input): a path, or - for standard output [default: INPUT without the suffix]'
            cand --output-dir 'Folder for the outputs of several inputs [default: beside each input]'
            cand --suffix 'Suffix removed from input names to name outputs'
            cand --grant-tokens 'Grant tokens (accepted as in AWS)'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -r 'Decrypt the lkms files in folders, recursively; symlinks are not followed, and other files are skipped'
            cand --recursive 'Decrypt the lkms files in folders, recursively; symlinks are not followed, and other files are skipped'
            cand --force 'Replace an existing output file (else refused, or asked on a terminal)'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;rewrap-file'= {
            cand --destination-key-id 'Wrap under these keys instead [default: each of the file''s keys, at its newest version]'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;inspect-file'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;maintain'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;verify-keyring'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;backup'= {
            cand --to 'The backup file to create'
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand --force 'Replace an existing output file (else refused, or asked on a terminal)'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;rotate-root-key'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;migrate'= {
            cand --keyring 'The keyring file [env: LKMS_KEYRING] [default: $XDG_DATA_HOME/lkms/keyring.db]'
            cand --identity 'Unlock with this age identity file (AGE-SECRET-KEY-1... lines) [env: LKMS_IDENTITY]'
            cand --passphrase-file 'Unlock with the passphrase in this file (else $LKMS_PASSPHRASE, else a prompt)'
            cand --output 'Output format [default: table on a terminal, json otherwise]'
            cand --query 'A JMESPath query applied to the response, as with the AWS CLI'
            cand -y 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand --yes 'Answer yes to confirmations (deletion, disabling, revoking)'
            cand -q 'No progress bars'
            cand --quiet 'No progress bars'
            cand -v 'File commands: print a summary of what was done (also printed when --output is given)'
            cand --verbose 'File commands: print a summary of what was done (also printed when --output is given)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'lkms;help'= {
            cand generate 'Write shell completions and man pages (for packagers; see README)'
            cand init 'Create a new keyring with its first unlock slot(s)'
            cand slot 'Manage the keyring''s unlock slots'
            cand passwd 'Change the passphrase of a passphrase slot'
            cand create-key 'Create a customer master key'
            cand describe-key 'Show a key''s metadata'
            cand list-keys 'List the keys of the keyring'
            cand update-key-description 'Replace a key''s description'
            cand enable-key 'Enable a disabled key'
            cand disable-key 'Disable a key: it refuses cryptography until enabled again'
            cand schedule-key-deletion 'Schedule a key''s destruction after a waiting period of 7 to 30 days'
            cand cancel-key-deletion 'Cancel a scheduled deletion; the key comes back disabled'
            cand create-alias 'Create an alias for a key'
            cand update-alias 'Point an alias at another key'
            cand delete-alias 'Delete an alias (the key stays)'
            cand list-aliases 'List aliases, of every key or of one'
            cand tag-resource 'Add or replace tags on a key'
            cand untag-resource 'Remove tags from a key'
            cand list-resource-tags 'List a key''s tags'
            cand encrypt 'Encrypt up to 4096 bytes under a symmetric key'
            cand decrypt 'Decrypt a ciphertext blob (the key is found from the blob)'
            cand re-encrypt 'Decrypt and encrypt again under another key or context, without exposing the plaintext'
            cand generate-data-key 'Make a data key: returned in plaintext and encrypted under the key'
            cand generate-data-key-without-plaintext 'Make a data key, returned only encrypted under the key'
            cand generate-random 'Random bytes from the operating system''s CSPRNG'
            cand enable-key-rotation 'Turn on automatic rotation (first rotation one period from now)'
            cand disable-key-rotation 'Turn off automatic rotation'
            cand get-key-rotation-status 'Show whether and when a key rotates'
            cand rotate-key-on-demand 'Rotate a key''s material now (at most 25 times per key)'
            cand list-key-rotations 'List a key''s rotations, oldest first'
            cand get-public-key 'The public key of an asymmetric key (DER SubjectPublicKeyInfo)'
            cand sign 'Sign a message or digest with an asymmetric key'
            cand verify 'Verify a signature (exit 254 with KMSInvalidSignatureException when it does not)'
            cand generate-mac 'HMAC a message with an HMAC key'
            cand verify-mac 'Verify an HMAC (exit 254 with KMSInvalidMacException when it does not)'
            cand generate-data-key-pair 'Make a key pair: the private key in plaintext and encrypted under a symmetric key'
            cand generate-data-key-pair-without-plaintext 'Make a key pair; the private key is returned only encrypted'
            cand get-parameters-for-import 'A wrapping public key and import token (valid 24 hours) for importing key material'
            cand import-key-material 'Import key material wrapped with the public key of get-parameters-for-import'
            cand delete-imported-key-material 'Destroy a key''s imported material; the key waits for it in PendingImport'
            cand put-key-policy 'Replace a key''s policy (AWS JSON grammar)'
            cand get-key-policy 'Show a key''s policy'
            cand list-key-policies 'List a key''s policy names (always "default")'
            cand create-grant 'Give a principal permissions on a key, optionally constrained by encryption context'
            cand list-grants 'List the grants of a key'
            cand list-retirable-grants 'List the grants a principal may retire'
            cand retire-grant 'Retire a grant (its retiring principal or grantee)'
            cand revoke-grant 'Revoke a grant (needs kms:RevokeGrant)'
            cand whoami 'Show who the unlocking slot makes you'
            cand audit 'Read and verify the audit trail'
            cand encrypt-file 'Encrypt files or a stream of any size (envelope encryption, a fresh data key per file)'
            cand decrypt-file 'Decrypt files made by encrypt-file (the key is found from the header)'
            cand rewrap-file 'Re-wrap files'' data keys under the newest key versions or other keys, without re-encrypting'
            cand inspect-file 'Show an encrypted file''s header without unlocking the keyring'
            cand maintain 'Apply due deletions, rotations and material expiry now (for cron and CI)'
            cand verify-keyring 'Check every record of the keyring and its audit trail against the authenticated state'
            cand backup 'Write a consistent copy of the keyring while others use it (restore: copy it back)'
            cand rotate-root-key 'Make a new root key: re-wrap every slot and re-seal every record under it'
            cand migrate 'Convert a version 1 (TOML) keyring to the current format now (else done on first use)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'lkms;help;generate'= {
        }
        &'lkms;help;init'= {
        }
        &'lkms;help;slot'= {
            cand list 'List the unlock slots'
            cand add 'Add an unlock slot'
            cand remove 'Remove an unlock slot (never the last one)'
        }
        &'lkms;help;slot;list'= {
        }
        &'lkms;help;slot;add'= {
        }
        &'lkms;help;slot;remove'= {
        }
        &'lkms;help;passwd'= {
        }
        &'lkms;help;create-key'= {
        }
        &'lkms;help;describe-key'= {
        }
        &'lkms;help;list-keys'= {
        }
        &'lkms;help;update-key-description'= {
        }
        &'lkms;help;enable-key'= {
        }
        &'lkms;help;disable-key'= {
        }
        &'lkms;help;schedule-key-deletion'= {
        }
        &'lkms;help;cancel-key-deletion'= {
        }
        &'lkms;help;create-alias'= {
        }
        &'lkms;help;update-alias'= {
        }
        &'lkms;help;delete-alias'= {
        }
        &'lkms;help;list-aliases'= {
        }
        &'lkms;help;tag-resource'= {
        }
        &'lkms;help;untag-resource'= {
        }
        &'lkms;help;list-resource-tags'= {
        }
        &'lkms;help;encrypt'= {
        }
        &'lkms;help;decrypt'= {
        }
        &'lkms;help;re-encrypt'= {
        }
        &'lkms;help;generate-data-key'= {
        }
        &'lkms;help;generate-data-key-without-plaintext'= {
        }
        &'lkms;help;generate-random'= {
        }
        &'lkms;help;enable-key-rotation'= {
        }
        &'lkms;help;disable-key-rotation'= {
        }
        &'lkms;help;get-key-rotation-status'= {
        }
        &'lkms;help;rotate-key-on-demand'= {
        }
        &'lkms;help;list-key-rotations'= {
        }
        &'lkms;help;get-public-key'= {
        }
        &'lkms;help;sign'= {
        }
        &'lkms;help;verify'= {
        }
        &'lkms;help;generate-mac'= {
        }
        &'lkms;help;verify-mac'= {
        }
        &'lkms;help;generate-data-key-pair'= {
        }
        &'lkms;help;generate-data-key-pair-without-plaintext'= {
        }
        &'lkms;help;get-parameters-for-import'= {
        }
        &'lkms;help;import-key-material'= {
        }
        &'lkms;help;delete-imported-key-material'= {
        }
        &'lkms;help;put-key-policy'= {
        }
        &'lkms;help;get-key-policy'= {
        }
        &'lkms;help;list-key-policies'= {
        }
        &'lkms;help;create-grant'= {
        }
        &'lkms;help;list-grants'= {
        }
        &'lkms;help;list-retirable-grants'= {
        }
        &'lkms;help;retire-grant'= {
        }
        &'lkms;help;revoke-grant'= {
        }
        &'lkms;help;whoami'= {
        }
        &'lkms;help;audit'= {
            cand show 'Show audit records, oldest first'
            cand verify 'Check the whole chain from the checkpoint to the authenticated head; exit 254 naming the first bad record'
            cand export 'Write records as CloudTrail-like JSON lines, in clear, for a SIEM'
            cand prune 'Drop records older than a date; the rest stays verifiable from a checkpoint'
        }
        &'lkms;help;audit;show'= {
        }
        &'lkms;help;audit;verify'= {
        }
        &'lkms;help;audit;export'= {
        }
        &'lkms;help;audit;prune'= {
        }
        &'lkms;help;encrypt-file'= {
        }
        &'lkms;help;decrypt-file'= {
        }
        &'lkms;help;rewrap-file'= {
        }
        &'lkms;help;inspect-file'= {
        }
        &'lkms;help;maintain'= {
        }
        &'lkms;help;verify-keyring'= {
        }
        &'lkms;help;backup'= {
        }
        &'lkms;help;rotate-root-key'= {
        }
        &'lkms;help;migrate'= {
        }
        &'lkms;help;help'= {
        }
    ]
    $completions[$command]
}
