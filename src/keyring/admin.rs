//! Keyring administration: the keyring policy, which names who may manage
//! the unlock slots, other principals' credentials, the root key and the
//! audit trail.
//!
//! The policy is a sealed record in the header (`meta.keyring_policy`), and
//! its digest term is part of the slot digest in the state row: like a slot,
//! it is authenticated at every open, so deleting it, editing it or putting
//! back an older copy without the root key is refused for everyone.

use serde_json::json;

use super::seal::{self, RecordKeys};
use super::*;
use crate::policy::eval::Decision;
use crate::policy::{KeyringAction, KeyringPolicy};

const META_POLICY: &str = "keyring_policy";

impl Keyring {
    /// The stored keyring policy record, if the keyring has one yet.
    fn policy_row(&self) -> Result<Option<Row>> {
        let Some(value) = self.store.meta(META_POLICY)? else {
            return Ok(None);
        };
        let Some((version, data)) = value.split_first_chunk::<8>() else {
            return Err(self.corrupt("the keyring policy record is malformed"));
        };
        Ok(Some(Row {
            id: META_POLICY.to_owned(),
            version: u64::from_be_bytes(*version),
            data: data.to_vec(),
            key_id: None,
            due_at: None,
            gone_at: None,
        }))
    }

    /// The digest term of the stored keyring policy under `keys`; the slot
    /// digest includes it.
    pub(super) fn policy_term(&self, keys: &RecordKeys) -> Result<Option<[u8; 32]>> {
        Ok(self.policy_row()?.map(|row| seal::meta_term(keys, &row)))
    }

    fn open_policy(&self, keys: &RecordKeys, row: &Row) -> Result<KeyringPolicy> {
        let plain = seal::open(
            keys,
            &self.keyring_id,
            "meta",
            META_POLICY,
            row.version,
            &row.data,
        )
        .ok_or_else(|| self.corrupt("the keyring policy fails authentication"))?;
        let text = std::str::from_utf8(plain.expose())
            .map_err(|_| self.corrupt("the keyring policy is not text"))?;
        KeyringPolicy::parse(text)
            .map_err(|e| self.corrupt(format!("the keyring policy does not parse: {e}")))
    }

    /// The keyring policy: the stored one, or, for a keyring made before
    /// keyring policies existed, the one its first write will store
    /// ([`Keyring::first_policy`]).
    pub fn keyring_policy(&self) -> Result<KeyringPolicy> {
        match self.policy_row()? {
            Some(row) => self.open_policy(&self.keys, &row),
            None => Ok(Self::first_policy(&self.slots, self.account())),
        }
    }

    /// The policy of a keyring that has none: the principal of its oldest
    /// remaining slot (the creator, for a keyring `init` made) administers it.
    pub(super) fn first_policy(slots: &[Slot], account: &str) -> KeyringPolicy {
        let admins: Vec<&str> = slots
            .iter()
            .min_by_key(|s| s.id)
            .map(|s| s.principal.as_str())
            .into_iter()
            .collect();
        KeyringPolicy::for_administrators(account, &admins)
    }

    /// Stores `policy` in the open transaction, keeping the slot digest current.
    pub(super) fn set_keyring_policy(&mut self, policy: &KeyringPolicy) -> Result<()> {
        let generation = self.tx_mut()?.state.generation;
        let old = self.policy_term(&self.keys)?;
        let row = Row {
            id: META_POLICY.to_owned(),
            version: generation,
            data: seal::seal(
                &self.keys,
                &self.keyring_id,
                "meta",
                META_POLICY,
                generation,
                policy.text().as_bytes(),
            ),
            key_id: None,
            due_at: None,
            gone_at: None,
        };
        let new = seal::meta_term(&self.keys, &row);
        let tx = self.tx_mut()?;
        if let Some(old) = old {
            tx.state.slots.sub(&old);
        }
        tx.state.slots.add(&new);
        let mut value = generation.to_be_bytes().to_vec();
        value.extend_from_slice(&row.data);
        self.store.set_meta(META_POLICY, &value)
    }

    /// Re-seals the stored policy under `new_keys` at `generation` (root key
    /// rotation); returns its new digest term.
    pub(super) fn reseal_keyring_policy(
        &mut self,
        new_keys: &RecordKeys,
        generation: u64,
    ) -> Result<Option<[u8; 32]>> {
        let Some(row) = self.policy_row()? else {
            return Ok(None);
        };
        let policy = self.open_policy(&self.keys, &row)?;
        let data = seal::seal(
            new_keys,
            &self.keyring_id,
            "meta",
            META_POLICY,
            generation,
            policy.text().as_bytes(),
        );
        let mut value = generation.to_be_bytes().to_vec();
        value.extend_from_slice(&data);
        self.store.set_meta(META_POLICY, &value)?;
        Ok(Some(seal::meta_term(
            new_keys,
            &Row {
                version: generation,
                data,
                ..row
            },
        )))
    }

    /// Stores the first keyring policy of a keyring made before keyring
    /// policies existed, in the open transaction, with its audit record.
    pub(super) fn ensure_keyring_policy(&mut self) -> Result<()> {
        if self.policy_row()?.is_some() {
            return Ok(());
        }
        let policy = Self::first_policy(&self.slots, self.account());
        self.set_keyring_policy(&policy)?;
        self.append(Entry {
            time: self.now,
            principal: audit::SERVICE_PRINCIPAL.into(),
            operation: "PutKeyringPolicy".into(),
            key_arn: None,
            source_key_arn: None,
            request: json!({ "Policy": policy.text() }),
            outcome: Outcome::Success,
            error: None,
        })
    }

    /// What the keyring policy says about the caller doing `action`.
    fn keyring_decision(&self, policy: &KeyringPolicy, action: KeyringAction) -> Decision {
        policy.decide(self.caller.principal.as_str(), self.account(), action)
    }

    /// Whether the keyring policy allows the caller `action`.
    pub fn keyring_allows(&self, action: KeyringAction) -> Result<bool> {
        let policy = self.keyring_policy()?;
        Ok(self.keyring_decision(&policy, action) == Decision::Allow)
    }

    /// Checks that the keyring policy allows the caller `action`; the
    /// refusal names who may.
    pub fn authorize_keyring(&self, action: KeyringAction) -> Result<()> {
        let policy = self.keyring_policy()?;
        let principal = self.caller.principal.as_str();
        let why = match self.keyring_decision(&policy, action) {
            Decision::Allow => return Ok(()),
            Decision::ExplicitDeny => "an explicit Deny in the keyring policy".to_owned(),
            Decision::ImplicitDeny => {
                let who: Vec<&str> = self
                    .slots
                    .iter()
                    .map(|s| s.principal.as_str())
                    .filter(|p| policy.decide(p, self.account(), action) == Decision::Allow)
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                if who.is_empty() {
                    "the keyring policy allows it to no principal of the keyring".to_owned()
                } else {
                    format!(
                        "the keyring policy allows it to the keyring's administrators only ({})",
                        who.join(", ")
                    )
                }
            }
        };
        Err(Error::AccessDenied(format!(
            "{principal} is not authorized to perform {} on keyring {}: {why}",
            action.name(),
            self.keyring_id
        )))
    }

    /// `get-keyring-policy`: the keyring policy's text.
    pub fn get_keyring_policy(&self) -> Result<String> {
        self.authorize_keyring(KeyringAction::GetKeyringPolicy)?;
        Ok(self.keyring_policy()?.text().to_owned())
    }

    /// `put-keyring-policy`: replaces the keyring policy. A policy that
    /// would not let the caller change it again is refused unless
    /// `bypass_lockout_check`, as `put-key-policy` does.
    pub fn put_keyring_policy(&mut self, text: &str, bypass_lockout_check: bool) -> Result<()> {
        self.authorize_keyring(KeyringAction::PutKeyringPolicy)?;
        let policy = KeyringPolicy::parse(text)?;
        if !bypass_lockout_check
            && self.keyring_decision(&policy, KeyringAction::PutKeyringPolicy) != Decision::Allow
        {
            return Err(Error::MalformedPolicyDocument(format!(
                "the new keyring policy would not allow {} to change it again ({}); \
                 pass --bypass-policy-lockout-safety-check to set it anyway",
                self.caller.principal,
                KeyringAction::PutKeyringPolicy.name()
            )));
        }
        self.set_keyring_policy(&policy)
    }

    /// Whether some principal holding one of `slots` may change the keyring
    /// policy (so keyring administration stays possible).
    pub(super) fn administered_by_some(&self, slots: &[Slot]) -> Result<bool> {
        let policy = self.keyring_policy()?;
        Ok(slots.iter().any(|s| {
            policy.decide(
                s.principal.as_str(),
                self.account(),
                KeyringAction::PutKeyringPolicy,
            ) == Decision::Allow
        }))
    }
}
