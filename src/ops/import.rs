//! Importing key material (BYOK), as AWS KMS's import flow: get parameters,
//! wrap the material with `openssl`, import it, optionally let it expire,
//! delete it, import it again.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use crate::encoding::Base64;
use crate::error::{Error, Result};
use crate::key::{
    ExpirationModel, IMPORT_TOKEN_HOURS, ImportParams, ImportToken, ImportedMaterial, Key,
    KeyFamily, KeyMaterial, KeyMaterialId, KeySpec, KeyState, MAX_VALID_TO_DAYS, Origin,
    WrappingAlgorithm, generate_secret, unwrap_material,
};
use crate::keyring::Keyring;
use crate::secret::SecretBytes;
use crate::{asym, crypto};

const TOKEN_KEY: &str = "lkms import token v1";
const FINGERPRINT_KEY: &str = "lkms material fingerprint v1";

/// Response of `get-parameters-for-import`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetParametersForImportResponse {
    /// ARN of the key.
    pub key_id: String,
    /// The opaque token to pass to `import-key-material`.
    pub import_token: Base64,
    /// The wrapping public key, DER SubjectPublicKeyInfo.
    pub public_key: Base64,
    /// When the token and wrapping key expire (24 hours).
    #[serde(serialize_with = "crate::timestamp::serialize")]
    pub parameters_valid_to: OffsetDateTime,
}

/// Whether an import brings back the key's material or adds new material.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ImportType {
    /// The first import, or the same material again (e.g. a new expiry).
    #[default]
    ExistingKeyMaterial,
    /// New material for a symmetric key, current after `rotate-key-on-demand`.
    NewKeyMaterial,
}

/// Parameters of `import-key-material`.
#[derive(Debug, Clone)]
pub struct ImportKeyMaterial<'a> {
    /// The wrapped material.
    pub encrypted_key_material: &'a [u8],
    /// The token from `get-parameters-for-import`.
    pub import_token: &'a [u8],
    /// Whether it expires (default: it expires when `valid_to` is given).
    pub expiration_model: Option<ExpirationModel>,
    /// When it expires.
    pub valid_to: Option<OffsetDateTime>,
    /// EXISTING_KEY_MATERIAL (default) or NEW_KEY_MATERIAL.
    pub import_type: ImportType,
    /// The material version this import must be (EXISTING_KEY_MATERIAL
    /// only): a different material is IncorrectKeyMaterialException.
    pub key_material_id: Option<&'a str>,
    /// A description of the material; a re-import without one keeps the
    /// last.
    pub key_material_description: Option<String>,
}

/// The longest KeyMaterialDescription, as AWS's model allows.
const MAX_MATERIAL_DESCRIPTION: usize = 256;

/// Response of `import-key-material` and `delete-imported-key-material`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImportKeyMaterialResponse {
    /// ARN of the key.
    pub key_id: String,
    /// The material version imported (absent after a deletion of all material).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_material_id: Option<String>,
}

fn external(kr: &Keyring, key_ref: &str, operation: &'static str) -> Result<Key> {
    let key = kr.resolve_authorized(key_ref, operation, None)?;
    if key.origin != Origin::External {
        return Err(Error::UnsupportedOperation(format!(
            "{operation}: {} has Origin AWS_KMS; only keys created with --origin EXTERNAL take imported material",
            kr.key_arn(&key.id)
        )));
    }
    if let KeyState::PendingDeletion { .. } = key.state {
        return Err(Error::InvalidState {
            key: kr.key_arn(&key.id),
            state: key.state.name(),
            operation,
        });
    }
    Ok(key)
}

/// `get-parameters-for-import`: a fresh RSA wrapping key and a token, valid 24 hours.
pub fn get_parameters_for_import(
    kr: &mut Keyring,
    key_ref: &str,
    wrapping_algorithm: WrappingAlgorithm,
    wrapping_key_spec: KeySpec,
) -> Result<GetParametersForImportResponse> {
    let key = external(kr, key_ref, "GetParametersForImport")?;
    if wrapping_key_spec.family() != KeyFamily::Rsa {
        return Err(Error::validation(format!(
            "WrappingKeySpec must be RSA_2048, RSA_3072 or RSA_4096, not {}",
            wrapping_key_spec.name()
        )));
    }
    let key_id = key.id;
    let wrapping_key = generate_secret(wrapping_key_spec)?;
    let public = asym::public_key_der(wrapping_key_spec, &wrapping_key)?;
    let token_id: [u8; 16] = crypto::random_vec(16)
        .try_into()
        .unwrap_or_else(|_| unreachable!("16 random bytes"));
    let valid_to = kr.now() + Duration::hours(IMPORT_TOKEN_HOURS);
    let token = ImportToken {
        key_id,
        token_id,
        valid_to,
        wrapping_key_hash: crypto::sha256(&public),
    }
    .seal(&kr.derive_key(TOKEN_KEY));
    let arn = kr.key_arn(&key_id);
    kr.key_mut(&key_id)?.import_params.push(ImportParams {
        token_id: Base64(token_id.to_vec()),
        wrapping_algorithm,
        wrapping_key_spec,
        wrapping_key,
        valid_to,
    });
    Ok(GetParametersForImportResponse {
        key_id: arn,
        import_token: Base64(token),
        public_key: Base64(public),
        parameters_valid_to: valid_to,
    })
}

/// Checks that unwrapped material fits the key's spec.
fn check_material(spec: KeySpec, material: &SecretBytes) -> Result<()> {
    let (lo, hi) = match spec {
        KeySpec::SymmetricDefault => (32, 32),
        KeySpec::Hmac224 => (28, 64),
        KeySpec::Hmac256 => (32, 64),
        KeySpec::Hmac384 => (48, 128),
        KeySpec::Hmac512 => (64, 128),
        _ => {
            return asym::check_private_key(spec, material).map_err(|_| {
                Error::IncorrectKeyMaterial(format!(
                    "the imported material is not a PKCS#8 {} private key",
                    spec.name()
                ))
            });
        }
    };
    if !(lo..=hi).contains(&material.len()) {
        let want = if lo == hi {
            format!("{lo}")
        } else {
            format!("{lo} to {hi}")
        };
        return Err(Error::IncorrectKeyMaterial(format!(
            "{} key material must be {want} bytes; the imported material is {} bytes",
            spec.name(),
            material.len()
        )));
    }
    Ok(())
}

fn expiry(
    now: OffsetDateTime,
    model: Option<ExpirationModel>,
    valid_to: Option<OffsetDateTime>,
) -> Result<(ExpirationModel, Option<OffsetDateTime>)> {
    let model = model.unwrap_or(if valid_to.is_some() {
        ExpirationModel::KeyMaterialExpires
    } else {
        ExpirationModel::KeyMaterialDoesNotExpire
    });
    match (model, valid_to) {
        (ExpirationModel::KeyMaterialDoesNotExpire, None) => Ok((model, None)),
        (ExpirationModel::KeyMaterialDoesNotExpire, Some(_)) => Err(Error::validation(
            "--valid-to cannot be given with KEY_MATERIAL_DOES_NOT_EXPIRE",
        )),
        (ExpirationModel::KeyMaterialExpires, None) => {
            Err(Error::validation("KEY_MATERIAL_EXPIRES needs --valid-to"))
        }
        (ExpirationModel::KeyMaterialExpires, Some(v)) => {
            if v <= now || v > now + Duration::days(MAX_VALID_TO_DAYS) {
                return Err(Error::validation(format!(
                    "ValidTo must be in the future and at most {MAX_VALID_TO_DAYS} days ahead"
                )));
            }
            Ok((model, Some(v)))
        }
    }
}

/// `import-key-material`.
pub fn import_key_material(
    kr: &mut Keyring,
    key_ref: &str,
    req: ImportKeyMaterial<'_>,
) -> Result<ImportKeyMaterialResponse> {
    let now = kr.now();
    let key = external(kr, key_ref, "ImportKeyMaterial")?;
    let arn = kr.key_arn(&key.id);
    let token = ImportToken::open(req.import_token, &kr.derive_key(TOKEN_KEY))?;
    if token.key_id != key.id {
        return Err(Error::InvalidImportToken(format!(
            "the import token was issued for {}, not {arn}",
            kr.key_arn(&token.key_id)
        )));
    }
    if now >= token.valid_to {
        return Err(Error::ExpiredImportToken(format!(
            "the import token expired at {}; run get-parameters-for-import again",
            crate::timestamp::format(token.valid_to)
        )));
    }
    let params = key
        .import_params
        .iter()
        .find(|p| p.token_id.0 == token.token_id)
        .ok_or_else(|| {
            Error::InvalidImportToken(
                "the import token was already used; run get-parameters-for-import again".into(),
            )
        })?;
    let (model, valid_to) = expiry(now, req.expiration_model, req.valid_to)?;
    if req.key_material_id.is_some() && req.import_type == ImportType::NewKeyMaterial {
        return Err(Error::validation(
            "KeyMaterialId names material imported before; NEW_KEY_MATERIAL gets a new one",
        ));
    }
    if let Some(d) = &req.key_material_description
        && d.chars().count() > MAX_MATERIAL_DESCRIPTION
    {
        return Err(Error::validation(format!(
            "KeyMaterialDescription is longer than {MAX_MATERIAL_DESCRIPTION} characters"
        )));
    }
    let material = unwrap_material(
        params.wrapping_algorithm,
        params.wrapping_key_spec,
        &params.wrapping_key,
        req.encrypted_key_material,
    )?;
    check_material(key.spec, &material)?;
    let fingerprint =
        Base64(crypto::hmac_parts(&kr.derive_key(FINGERPRINT_KEY), &[material.expose()]).to_vec());
    let known = key.materials.iter().position(|m| {
        m.import
            .as_ref()
            .is_some_and(|i| i.fingerprint == fingerprint)
    });
    if let Some(wanted) = req.key_material_id {
        let found = known.map(|i| key.materials[i].id.to_string());
        if found.as_deref() != Some(wanted) {
            return Err(Error::IncorrectKeyMaterial(format!(
                "this material is not key material {wanted} of {arn}"
            )));
        }
    }
    let imported = ImportedMaterial {
        fingerprint: fingerprint.clone(),
        expiration_model: model,
        valid_to,
        description: req
            .key_material_description
            .or_else(|| known.and_then(|i| key.materials[i].import.as_ref()?.description.clone())),
    };
    let (spec, first) = (key.spec, key.materials.is_empty());
    let token_id = token.token_id;
    let key = kr.key_mut(&token.key_id)?;
    let id = match (req.import_type, known) {
        (ImportType::ExistingKeyMaterial, _) if first => {
            let m = new_material(now, material, imported);
            let id = m.id;
            key.materials.push(m);
            id
        }
        (ImportType::ExistingKeyMaterial, Some(i)) => {
            let m = &mut key.materials[i];
            m.secret = Some(material);
            m.import = Some(imported);
            m.id
        }
        (ImportType::ExistingKeyMaterial, None) => {
            return Err(Error::IncorrectKeyMaterial(format!(
                "this is not the material {arn} had; to add new material to a symmetric key use \
                 --import-type NEW_KEY_MATERIAL, then rotate-key-on-demand"
            )));
        }
        (ImportType::NewKeyMaterial, _) if spec != KeySpec::SymmetricDefault => {
            return Err(Error::UnsupportedOperation(format!(
                "{} keys take one material only; NEW_KEY_MATERIAL is for symmetric keys",
                spec.name()
            )));
        }
        (ImportType::NewKeyMaterial, _) if first => {
            return Err(Error::validation(
                "the first import of a key is EXISTING_KEY_MATERIAL (its initial material)",
            ));
        }
        (ImportType::NewKeyMaterial, Some(_)) => {
            return Err(Error::IncorrectKeyMaterial(format!(
                "{arn} already has this material; NEW_KEY_MATERIAL must differ from it"
            )));
        }
        (ImportType::NewKeyMaterial, None) => {
            let m = new_material(now, material, imported);
            let id = m.id;
            key.pending_material = Some(m);
            id
        }
    };
    key.import_params.retain(|p| p.token_id.0 != token_id);
    if key.state == KeyState::PendingImport
        && key.materials.iter().all(|m| m.usable_at(now).is_some())
    {
        key.state = KeyState::Enabled;
    }
    Ok(ImportKeyMaterialResponse {
        key_id: arn,
        key_material_id: Some(id.to_string()),
    })
}

fn new_material(now: OffsetDateTime, secret: SecretBytes, import: ImportedMaterial) -> KeyMaterial {
    KeyMaterial {
        id: KeyMaterialId::random(),
        created: now,
        rotation: None,
        secret: Some(secret),
        import: Some(import),
    }
}

/// `delete-imported-key-material`: the named material version, else the
/// current one, is destroyed (its id and fingerprint stay, so the same
/// material can be imported again) and the key goes to PendingImport.
/// Material imported for a rotation that has not happened is simply
/// dropped.
pub fn delete_imported_key_material(
    kr: &mut Keyring,
    key_ref: &str,
    key_material_id: Option<&str>,
) -> Result<ImportKeyMaterialResponse> {
    let key = external(kr, key_ref, "DeleteImportedKeyMaterial")?;
    let (id, arn) = (key.id, kr.key_arn(&key.id));
    let wanted = match key_material_id {
        Some(m) => m.to_owned(),
        None => key
            .current_material()
            .map(|m| m.id.to_string())
            .ok_or_else(|| Error::InvalidState {
                key: arn.clone(),
                state: key.state.name(),
                operation: "DeleteImportedKeyMaterial",
            })?,
    };
    let key = kr.key_mut(&id)?;
    if key
        .pending_material
        .as_ref()
        .is_some_and(|m| m.id.to_string() == wanted)
    {
        key.pending_material = None;
    } else {
        let material = key
            .materials
            .iter_mut()
            .find(|m| m.id.to_string() == wanted)
            .ok_or_else(|| Error::NotFound(format!("{arn} has no key material {wanted}")))?;
        material.secret = None;
        key.state = KeyState::PendingImport;
    }
    Ok(ImportKeyMaterialResponse {
        key_id: arn,
        key_material_id: Some(wanted),
    })
}
