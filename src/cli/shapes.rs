//! The request and response shapes of the AWS KMS operations lkms has, as
//! lkms knows them: for each operation, the request members lkms has a flag
//! for and the response members lkms can return, in the order of AWS's
//! service model, with their types.
//!
//! `--generate-cli-skeleton` prints these shapes and `--cli-input-json`
//! checks documents against them. A member is named as in the model
//! (`KeyId`); its flag is the AWS CLI's kebab-case of that name
//! (`--key-id`). `tests/botocore_shapes.rs` holds this table against
//! botocore's model, and a unit test below against the clap definitions.

use lkms::grant::GRANT_OPERATIONS;

/// The type of a member's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string (in a response, enums too: a sample names the member).
    String,
    /// A string, one of the values the member's flag accepts.
    FlagEnum,
    /// A string, one of these values.
    Enum(&'static [&'static str]),
    /// An integer.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Bytes: base64 text (or the raw text, under `raw-in-base64-out`).
    Blob,
    /// A time: ISO 8601 text or Unix seconds.
    Timestamp,
    /// A list of items.
    List(&'static Item),
    /// A map of strings to strings (KMS's maps are encryption contexts).
    Map,
    /// An object of these members.
    Structure(&'static [Member]),
}

/// The items of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// The model's name of the item shape, which a response sample prints
    /// for string items (`EncryptionAlgorithmSpec`).
    pub shape: &'static str,
    /// The items' type.
    pub kind: Kind,
}

/// A member of a request or response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The model's name (`KeyId`).
    pub name: &'static str,
    /// Its type.
    pub kind: Kind,
    /// Required inside a structure (at the top of a request, the flag's
    /// own `required` says it).
    pub required: bool,
}

/// An operation: the command `kebab(name)`.
#[derive(Debug)]
pub struct Operation {
    /// The model's name (`GenerateDataKey`).
    pub name: &'static str,
    /// The request members lkms has flags for.
    pub input: &'static [Member],
    /// The response members lkms can return; `None` when the operation
    /// returns nothing.
    pub output: Option<&'static [Member]>,
}

impl Operation {
    /// The command's name, as the AWS CLI names it (`generate-data-key`).
    pub fn command(&self) -> String {
        kebab(self.name)
    }
}

/// The AWS CLI's flag or command name for a model name: `KeyId` → `key-id`.
pub fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The operation of an lkms command, when it is an AWS KMS operation.
pub fn find(command: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.command() == command)
}

const fn m(name: &'static str, kind: Kind) -> Member {
    Member {
        name,
        kind,
        required: false,
    }
}

const fn required(name: &'static str, kind: Kind) -> Member {
    Member {
        name,
        kind,
        required: true,
    }
}

use Kind::{Blob, Boolean, FlagEnum, Integer, Map, String as S, Timestamp};

const GRANT_TOKENS: Member = m(
    "GrantTokens",
    Kind::List(&Item {
        shape: "GrantTokenType",
        kind: S,
    }),
);
const KEY_ID: Member = m("KeyId", S);
const LIMIT: Member = m("Limit", Integer);
const MARKER: Member = m("Marker", S);
const NEXT_MARKER: Member = m("NextMarker", S);
const TRUNCATED: Member = m("Truncated", Boolean);
const ENCRYPTION_CONTEXT: Member = m("EncryptionContext", Map);

const TAG: &[Member] = &[required("TagKey", S), required("TagValue", S)];
const TAGS: Kind = Kind::List(&Item {
    shape: "Tag",
    kind: Kind::Structure(TAG),
});
const CONSTRAINTS: Kind = Kind::Structure(&[
    m("EncryptionContextSubset", Map),
    m("EncryptionContextEquals", Map),
]);
/// A list of strings whose item shape the model calls `$shape`.
macro_rules! strings {
    ($shape:literal) => {
        Kind::List(&Item {
            shape: $shape,
            kind: S,
        })
    };
}

const KEY_METADATA: &[Member] = &[m(
    "KeyMetadata",
    Kind::Structure(&[
        m("AWSAccountId", S),
        m("KeyId", S),
        m("Arn", S),
        m("CreationDate", Timestamp),
        m("Enabled", Boolean),
        m("Description", S),
        m("KeyUsage", S),
        m("KeyState", S),
        m("DeletionDate", Timestamp),
        m("ValidTo", Timestamp),
        m("Origin", S),
        m("ExpirationModel", S),
        m("KeyManager", S),
        m("CustomerMasterKeySpec", S),
        m("KeySpec", S),
        m("EncryptionAlgorithms", strings!("EncryptionAlgorithmSpec")),
        m("SigningAlgorithms", strings!("SigningAlgorithmSpec")),
        m(
            "KeyAgreementAlgorithms",
            strings!("KeyAgreementAlgorithmSpec"),
        ),
        m(
            "EncapsulationAlgorithms",
            strings!("EncapsulationAlgorithmSpec"),
        ),
        m("MultiRegion", Boolean),
        m("PendingDeletionWindowInDays", Integer),
        m("MacAlgorithms", strings!("MacAlgorithmSpec")),
        m("CurrentKeyMaterialId", S),
    ]),
)];

const KEY_ID_ONLY: &[Member] = &[KEY_ID];
const GRANTS: &[Member] = &[
    m(
        "Grants",
        Kind::List(&Item {
            shape: "GrantListEntry",
            kind: Kind::Structure(&[
                m("KeyId", S),
                m("GrantId", S),
                m("Name", S),
                m("CreationDate", Timestamp),
                m("GranteePrincipal", S),
                m("RetiringPrincipal", S),
                m("IssuingAccount", S),
                m("Operations", strings!("GrantOperation")),
                m("Constraints", CONSTRAINTS),
            ]),
        }),
    ),
    NEXT_MARKER,
    TRUNCATED,
];

const DRY_RUN: Member = m("DryRun", Boolean);
const DRY_RUN_MODIFIERS: Member = m(
    "DryRunModifiers",
    Kind::List(&Item {
        shape: "DryRunModifierType",
        kind: Kind::Enum(&["IGNORE_CIPHERTEXT"]),
    }),
);
const CUSTOM_KEY_STORE_ID: Member = m("CustomKeyStoreId", S);

/// Every AWS KMS operation lkms has.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "CreateKey",
        input: &[
            m("Policy", S),
            m("Description", S),
            m("KeyUsage", FlagEnum),
            m("CustomerMasterKeySpec", FlagEnum),
            m("KeySpec", FlagEnum),
            m("Origin", FlagEnum),
            CUSTOM_KEY_STORE_ID,
            m("BypassPolicyLockoutSafetyCheck", Boolean),
            m("Tags", TAGS),
            m("MultiRegion", Boolean),
            m("XksKeyId", S),
        ],
        output: Some(KEY_METADATA),
    },
    Operation {
        name: "DescribeKey",
        input: &[KEY_ID, GRANT_TOKENS],
        output: Some(KEY_METADATA),
    },
    Operation {
        name: "ListKeys",
        input: &[
            LIMIT,
            MARKER,
            m(
                "ResourceOwners",
                Kind::List(&Item {
                    shape: "ResourceOwnerType",
                    kind: Kind::Enum(&["SELF", "OTHER_ACCOUNTS_VIA_RAM"]),
                }),
            ),
        ],
        output: Some(&[
            m(
                "Keys",
                Kind::List(&Item {
                    shape: "KeyListEntry",
                    kind: Kind::Structure(&[m("KeyId", S), m("KeyArn", S)]),
                }),
            ),
            NEXT_MARKER,
            TRUNCATED,
        ]),
    },
    Operation {
        name: "UpdateKeyDescription",
        input: &[KEY_ID, m("Description", S)],
        output: None,
    },
    Operation {
        name: "EnableKey",
        input: KEY_ID_ONLY,
        output: None,
    },
    Operation {
        name: "DisableKey",
        input: KEY_ID_ONLY,
        output: None,
    },
    Operation {
        name: "ScheduleKeyDeletion",
        input: &[KEY_ID, m("PendingWindowInDays", Integer)],
        output: Some(&[
            KEY_ID,
            m("DeletionDate", Timestamp),
            m("KeyState", S),
            m("PendingWindowInDays", Integer),
        ]),
    },
    Operation {
        name: "CancelKeyDeletion",
        input: KEY_ID_ONLY,
        output: Some(KEY_ID_ONLY),
    },
    Operation {
        name: "CreateAlias",
        input: &[m("AliasName", S), m("TargetKeyId", S)],
        output: None,
    },
    Operation {
        name: "UpdateAlias",
        input: &[m("AliasName", S), m("TargetKeyId", S)],
        output: None,
    },
    Operation {
        name: "DeleteAlias",
        input: &[m("AliasName", S)],
        output: None,
    },
    Operation {
        name: "ListAliases",
        input: &[KEY_ID, LIMIT, MARKER],
        output: Some(&[
            m(
                "Aliases",
                Kind::List(&Item {
                    shape: "AliasListEntry",
                    kind: Kind::Structure(&[
                        m("AliasName", S),
                        m("AliasArn", S),
                        m("TargetKeyId", S),
                        m("CreationDate", Timestamp),
                        m("LastUpdatedDate", Timestamp),
                    ]),
                }),
            ),
            NEXT_MARKER,
            TRUNCATED,
        ]),
    },
    Operation {
        name: "TagResource",
        input: &[KEY_ID, m("Tags", TAGS)],
        output: None,
    },
    Operation {
        name: "UntagResource",
        input: &[KEY_ID, m("TagKeys", strings!("TagKeyType"))],
        output: None,
    },
    Operation {
        name: "ListResourceTags",
        input: &[KEY_ID, LIMIT, MARKER],
        output: Some(&[m("Tags", TAGS), NEXT_MARKER, TRUNCATED]),
    },
    Operation {
        name: "Encrypt",
        input: &[
            KEY_ID,
            m("Plaintext", Blob),
            ENCRYPTION_CONTEXT,
            GRANT_TOKENS,
            m("EncryptionAlgorithm", FlagEnum),
            DRY_RUN,
        ],
        output: Some(&[
            m("CiphertextBlob", Blob),
            KEY_ID,
            m("EncryptionAlgorithm", S),
        ]),
    },
    Operation {
        name: "Decrypt",
        input: &[
            m("CiphertextBlob", Blob),
            ENCRYPTION_CONTEXT,
            GRANT_TOKENS,
            KEY_ID,
            m("EncryptionAlgorithm", FlagEnum),
            DRY_RUN,
            DRY_RUN_MODIFIERS,
        ],
        output: Some(&[
            KEY_ID,
            m("Plaintext", Blob),
            m("EncryptionAlgorithm", S),
            m("KeyMaterialId", S),
        ]),
    },
    Operation {
        name: "ReEncrypt",
        input: &[
            m("CiphertextBlob", Blob),
            m("SourceEncryptionContext", Map),
            m("SourceKeyId", S),
            m("DestinationKeyId", S),
            m("DestinationEncryptionContext", Map),
            m("SourceEncryptionAlgorithm", FlagEnum),
            m("DestinationEncryptionAlgorithm", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
            DRY_RUN_MODIFIERS,
        ],
        output: Some(&[
            m("CiphertextBlob", Blob),
            m("SourceKeyId", S),
            KEY_ID,
            m("SourceEncryptionAlgorithm", S),
            m("DestinationEncryptionAlgorithm", S),
            m("SourceKeyMaterialId", S),
            m("DestinationKeyMaterialId", S),
        ]),
    },
    Operation {
        name: "GenerateDataKey",
        input: &[
            KEY_ID,
            ENCRYPTION_CONTEXT,
            m("NumberOfBytes", Integer),
            m("KeySpec", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[
            m("CiphertextBlob", Blob),
            m("Plaintext", Blob),
            KEY_ID,
            m("KeyMaterialId", S),
        ]),
    },
    Operation {
        name: "GenerateDataKeyWithoutPlaintext",
        input: &[
            KEY_ID,
            ENCRYPTION_CONTEXT,
            m("KeySpec", FlagEnum),
            m("NumberOfBytes", Integer),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[m("CiphertextBlob", Blob), KEY_ID, m("KeyMaterialId", S)]),
    },
    Operation {
        name: "GenerateRandom",
        input: &[m("NumberOfBytes", Integer), CUSTOM_KEY_STORE_ID],
        output: Some(&[m("Plaintext", Blob)]),
    },
    Operation {
        name: "EnableKeyRotation",
        input: &[KEY_ID, m("RotationPeriodInDays", Integer)],
        output: None,
    },
    Operation {
        name: "DisableKeyRotation",
        input: KEY_ID_ONLY,
        output: None,
    },
    Operation {
        name: "GetKeyRotationStatus",
        input: KEY_ID_ONLY,
        output: Some(&[
            m("KeyRotationEnabled", Boolean),
            KEY_ID,
            m("RotationPeriodInDays", Integer),
            m("NextRotationDate", Timestamp),
            m("OnDemandRotationStartDate", Timestamp),
        ]),
    },
    Operation {
        name: "RotateKeyOnDemand",
        input: KEY_ID_ONLY,
        output: Some(KEY_ID_ONLY),
    },
    Operation {
        name: "ListKeyRotations",
        input: &[KEY_ID, m("IncludeKeyMaterial", FlagEnum), LIMIT, MARKER],
        output: Some(&[
            m(
                "Rotations",
                Kind::List(&Item {
                    shape: "RotationsListEntry",
                    kind: Kind::Structure(&[
                        m("KeyId", S),
                        m("KeyMaterialId", S),
                        m("KeyMaterialDescription", S),
                        m("ImportState", S),
                        m("KeyMaterialState", S),
                        m("ExpirationModel", S),
                        m("ValidTo", Timestamp),
                        m("RotationDate", Timestamp),
                        m("RotationType", S),
                    ]),
                }),
            ),
            NEXT_MARKER,
            TRUNCATED,
        ]),
    },
    Operation {
        name: "GetPublicKey",
        input: &[KEY_ID, GRANT_TOKENS],
        output: Some(&[
            KEY_ID,
            m("PublicKey", Blob),
            m("CustomerMasterKeySpec", S),
            m("KeySpec", S),
            m("KeyUsage", S),
            m("EncryptionAlgorithms", strings!("EncryptionAlgorithmSpec")),
            m("SigningAlgorithms", strings!("SigningAlgorithmSpec")),
            m(
                "KeyAgreementAlgorithms",
                strings!("KeyAgreementAlgorithmSpec"),
            ),
            m(
                "EncapsulationAlgorithms",
                strings!("EncapsulationAlgorithmSpec"),
            ),
        ]),
    },
    Operation {
        name: "Sign",
        input: &[
            KEY_ID,
            m("Message", Blob),
            m("MessageType", FlagEnum),
            GRANT_TOKENS,
            m("SigningAlgorithm", FlagEnum),
            DRY_RUN,
        ],
        output: Some(&[KEY_ID, m("Signature", Blob), m("SigningAlgorithm", S)]),
    },
    Operation {
        name: "Verify",
        input: &[
            KEY_ID,
            m("Message", Blob),
            m("MessageType", FlagEnum),
            m("Signature", Blob),
            m("SigningAlgorithm", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[
            KEY_ID,
            m("SignatureValid", Boolean),
            m("SigningAlgorithm", S),
        ]),
    },
    Operation {
        name: "GetKeyLastUsage",
        input: &[KEY_ID],
        output: Some(&[
            KEY_ID,
            m(
                "KeyLastUsage",
                Kind::Structure(&[
                    m("Operation", S),
                    m("Timestamp", Timestamp),
                    m("CloudTrailEventId", S),
                ]),
            ),
            m("TrackingStartDate", Timestamp),
            m("KeyCreationDate", Timestamp),
        ]),
    },
    Operation {
        name: "DeriveSharedSecret",
        input: &[
            KEY_ID,
            m("KeyAgreementAlgorithm", FlagEnum),
            m("PublicKey", Blob),
            GRANT_TOKENS,
            DRY_RUN,
            m(
                "Recipient",
                Kind::Structure(&[
                    m(
                        "KeyEncryptionAlgorithm",
                        Kind::Enum(&["RSAES_OAEP_SHA_256"]),
                    ),
                    m("AttestationDocument", Blob),
                ]),
            ),
        ],
        output: Some(&[
            KEY_ID,
            m("SharedSecret", Blob),
            m("CiphertextForRecipient", Blob),
            m("KeyAgreementAlgorithm", S),
            m("KeyOrigin", S),
        ]),
    },
    Operation {
        name: "GenerateMac",
        input: &[
            m("Message", Blob),
            KEY_ID,
            m("MacAlgorithm", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[m("Mac", Blob), m("MacAlgorithm", S), KEY_ID]),
    },
    Operation {
        name: "VerifyMac",
        input: &[
            m("Message", Blob),
            KEY_ID,
            m("MacAlgorithm", FlagEnum),
            m("Mac", Blob),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[KEY_ID, m("MacValid", Boolean), m("MacAlgorithm", S)]),
    },
    Operation {
        name: "GenerateDataKeyPair",
        input: &[
            ENCRYPTION_CONTEXT,
            KEY_ID,
            m("KeyPairSpec", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[
            m("PrivateKeyCiphertextBlob", Blob),
            m("PrivateKeyPlaintext", Blob),
            m("PublicKey", Blob),
            KEY_ID,
            m("KeyPairSpec", S),
        ]),
    },
    Operation {
        name: "GenerateDataKeyPairWithoutPlaintext",
        input: &[
            ENCRYPTION_CONTEXT,
            KEY_ID,
            m("KeyPairSpec", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[
            m("PrivateKeyCiphertextBlob", Blob),
            m("PublicKey", Blob),
            KEY_ID,
            m("KeyPairSpec", S),
        ]),
    },
    // ML-KEM (issue 17, branch kem).
    Operation {
        name: "Encapsulate",
        input: &[
            KEY_ID,
            m("EncapsulationAlgorithm", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[
            KEY_ID,
            m("SharedSecret", Blob),
            m("SharedSecretCiphertextBlob", Blob),
            m("EncapsulationAlgorithm", S),
        ]),
    },
    Operation {
        name: "Decapsulate",
        input: &[
            KEY_ID,
            m("SharedSecretCiphertextBlob", Blob),
            m("EncapsulationAlgorithm", FlagEnum),
            GRANT_TOKENS,
            DRY_RUN,
        ],
        output: Some(&[
            KEY_ID,
            m("SharedSecret", Blob),
            m("EncapsulationAlgorithm", S),
        ]),
    },
    Operation {
        name: "GetParametersForImport",
        input: &[
            KEY_ID,
            m("WrappingAlgorithm", FlagEnum),
            m("WrappingKeySpec", FlagEnum),
        ],
        output: Some(&[
            KEY_ID,
            m("ImportToken", Blob),
            m("PublicKey", Blob),
            m("ParametersValidTo", Timestamp),
        ]),
    },
    Operation {
        name: "ImportKeyMaterial",
        input: &[
            KEY_ID,
            m("ImportToken", Blob),
            m("EncryptedKeyMaterial", Blob),
            m("ValidTo", Timestamp),
            m("ExpirationModel", FlagEnum),
            m("ImportType", FlagEnum),
            m("KeyMaterialDescription", S),
            m("KeyMaterialId", S),
        ],
        output: Some(&[KEY_ID, m("KeyMaterialId", S)]),
    },
    Operation {
        name: "DeleteImportedKeyMaterial",
        input: &[KEY_ID, m("KeyMaterialId", S)],
        output: Some(&[KEY_ID, m("KeyMaterialId", S)]),
    },
    Operation {
        name: "PutKeyPolicy",
        input: &[
            KEY_ID,
            m("PolicyName", S),
            m("Policy", S),
            m("BypassPolicyLockoutSafetyCheck", Boolean),
        ],
        output: None,
    },
    Operation {
        name: "GetKeyPolicy",
        input: &[KEY_ID, m("PolicyName", S)],
        output: Some(&[m("Policy", S), m("PolicyName", S)]),
    },
    Operation {
        name: "ListKeyPolicies",
        input: &[KEY_ID, LIMIT, MARKER],
        output: Some(&[m("PolicyNames", strings!("PolicyNameType")), TRUNCATED]),
    },
    Operation {
        name: "CreateGrant",
        input: &[
            KEY_ID,
            m("GranteePrincipal", S),
            m("RetiringPrincipal", S),
            m(
                "Operations",
                Kind::List(&Item {
                    shape: "GrantOperation",
                    kind: Kind::Enum(GRANT_OPERATIONS),
                }),
            ),
            m("Constraints", CONSTRAINTS),
            GRANT_TOKENS,
            m("Name", S),
            DRY_RUN,
        ],
        output: Some(&[m("GrantToken", S), m("GrantId", S)]),
    },
    Operation {
        name: "ListGrants",
        input: &[
            LIMIT,
            MARKER,
            KEY_ID,
            m("GrantId", S),
            m("GranteePrincipal", S),
        ],
        output: Some(GRANTS),
    },
    Operation {
        name: "ListRetirableGrants",
        input: &[LIMIT, MARKER, m("RetiringPrincipal", S)],
        output: Some(GRANTS),
    },
    Operation {
        name: "RetireGrant",
        input: &[m("GrantToken", S), KEY_ID, m("GrantId", S), DRY_RUN],
        output: None,
    },
    Operation {
        name: "RevokeGrant",
        input: &[KEY_ID, m("GrantId", S), DRY_RUN],
        output: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_the_aws_cli_spells_them() {
        assert_eq!(kebab("KeyId"), "key-id");
        assert_eq!(
            kebab("GenerateDataKeyPairWithoutPlaintext"),
            "generate-data-key-pair-without-plaintext"
        );
        assert_eq!(find("re-encrypt").map(|op| op.name), Some("ReEncrypt"));
        assert!(find("encrypt-file").is_none());
    }

    /// Every member is a flag of its command, of the matching kind; every
    /// command an operation names exists.
    #[test]
    fn the_table_agrees_with_the_clap_definitions() {
        use clap::ArgAction;
        let cli = crate::cli::help::command();
        let mut names = std::collections::BTreeSet::new();
        for op in OPERATIONS {
            assert!(names.insert(op.name), "{} is listed twice", op.name);
            let sub = cli
                .find_subcommand(op.command())
                .unwrap_or_else(|| panic!("no command {}", op.command()));
            for member in op.input {
                let flag = kebab(member.name);
                let arg = sub
                    .get_arguments()
                    .find(|a| a.get_long() == Some(flag.as_str()))
                    .unwrap_or_else(|| panic!("{} has no --{flag}", op.command()));
                let what = format!("{} --{flag}", op.command());
                let enumerated = !arg.get_possible_values().is_empty();
                match member.kind {
                    Kind::Boolean => {
                        assert!(matches!(arg.get_action(), ArgAction::SetTrue), "{what}")
                    }
                    Kind::List(_) => {
                        assert!(matches!(arg.get_action(), ArgAction::Append), "{what}")
                    }
                    Kind::FlagEnum => assert!(enumerated, "{what} lists no values"),
                    _ => {
                        assert!(matches!(arg.get_action(), ArgAction::Set), "{what}");
                        assert!(!enumerated, "{what} is an enum: make it FlagEnum");
                    }
                }
            }
        }
    }
}
