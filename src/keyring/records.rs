//! The records of a keyring: keys, aliases, grants and slots, read one at a
//! time through the store and written through the open transaction.

use time::OffsetDateTime;

use super::seal;
use super::*;

/// Keys, aliases, grants and slots.
impl Keyring {
    /// The keyring's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The keyring's id.
    pub fn id(&self) -> &str {
        &self.keyring_id
    }

    /// Who unlocked the keyring.
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// The instant this view of the keyring is as of.
    pub fn now(&self) -> OffsetDateTime {
        self.now
    }

    /// What the maintenance at the start of this write did.
    pub fn maintenance(&self) -> &Maintenance {
        &self.maintenance
    }

    /// The keyring's AWS region.
    pub fn region(&self) -> &str {
        self.scope.region()
    }

    /// The keyring's 12-digit AWS account.
    pub fn account(&self) -> &str {
        self.scope.account()
    }

    /// The IAM ARN of a principal of this keyring,
    /// `arn:aws:iam::<account>:user/<name>`.
    pub fn principal_arn(&self, name: &str) -> String {
        self.scope.principal_arn(&name)
    }

    /// The principal a grant names: a bare name, or the IAM user ARN of a
    /// principal of this keyring's account (another account's is refused).
    pub fn principal_of(&self, principal: &str) -> Result<Principal> {
        self.scope.principal_name(principal)?.parse()
    }

    /// The default policy of a new key: AWS's default key policy for this
    /// keyring's account (every principal of the keyring may do everything).
    pub fn default_policy(&self) -> crate::policy::PolicyDocument {
        crate::policy::PolicyDocument::default_for(self.account())
    }

    /// The ARN of a key.
    pub fn key_arn(&self, id: &KeyId) -> String {
        self.scope.key_arn(id)
    }

    /// The ARN of an alias.
    pub fn alias_arn(&self, name: &AliasName) -> String {
        self.scope.alias_arn(name)
    }

    fn not_found(&self, id: &KeyId) -> Error {
        if self.maintenance.deleted.contains(id) {
            return Error::NotFound(format!(
                "key '{}' does not exist: its deletion window has ended",
                self.key_arn(id)
            ));
        }
        Error::NotFound(format!("key '{}' does not exist", self.key_arn(id)))
    }

    pub(super) fn check_key_row(&self, key: &Key, row: &Row) -> Result<()> {
        let gone = match key.state {
            KeyState::PendingDeletion { deletion_date, .. } => Some(unix(deletion_date)),
            _ => None,
        };
        if key.id.to_string() != row.id
            || row.due_at != key.maintenance_due().map(unix)
            || row.gone_at != gone
        {
            return Err(self.corrupt(format!(
                "key record {} does not match its index columns",
                row.id
            )));
        }
        Ok(())
    }

    pub(super) fn check_alias_row(&self, a: &Alias, row: &Row) -> Result<()> {
        if self.alias_row_id(&a.name) != row.id
            || row.key_id.as_deref() != Some(a.target.to_string().as_str())
        {
            return Err(self.corrupt(format!(
                "alias record {} does not match its index columns",
                row.id
            )));
        }
        Ok(())
    }

    pub(super) fn check_grant_row(&self, g: &Grant, row: &Row) -> Result<()> {
        if g.grant_id.to_string() != row.id
            || row.key_id.as_deref() != Some(g.key_id.to_string().as_str())
        {
            return Err(self.corrupt(format!(
                "grant record {} does not match its index columns",
                row.id
            )));
        }
        Ok(())
    }

    /// A key as stored, deleted or not; `None` when there is no such row.
    fn load_key(&self, id: &KeyId) -> Result<Option<Key>> {
        if let Some(d) = self.tx.as_ref().and_then(|t| t.dirty.get(id)) {
            return Ok(Some(d.key.clone()));
        }
        let Some(row) = self.store.get(Table::Keys, &id.to_string())? else {
            return Ok(None);
        };
        let key: Key = self.open_row_cached(Table::Keys, &row)?;
        self.check_key_row(&key, &row)?;
        Ok(Some(key))
    }

    /// The key with this id, if it exists. A key past its deletion date
    /// exists, PendingDeletion, until a principal allowed to delete it
    /// destroys it (see [`Keyring::maintain`]).
    pub fn key(&self, id: &KeyId) -> Result<Key> {
        self.load_key(id)?.ok_or_else(|| self.not_found(id))
    }

    /// The key with this id, mutably (kept in the transaction and sealed
    /// at its end).
    pub fn key_mut(&mut self, id: &KeyId) -> Result<&mut Key> {
        if !self.tx_mut()?.dirty.contains_key(id) {
            let row = self
                .store
                .get(Table::Keys, &id.to_string())?
                .ok_or_else(|| self.not_found(id))?;
            let key: Key = self.open_row(Table::Keys, &row)?;
            self.check_key_row(&key, &row)?;
            let old_term = Some(seal::term(&self.keys, Table::Keys, &row));
            self.tx_mut()?.dirty.insert(*id, DirtyKey { key, old_term });
        }
        let not_found = self.not_found(id);
        match self.tx_mut()?.dirty.get_mut(id) {
            Some(d) => Ok(&mut d.key),
            None => Err(not_found),
        }
    }

    /// Adds a new key.
    pub fn insert_key(&mut self, key: Key) -> Result<()> {
        let id = key.id;
        if self.store.get(Table::Keys, &id.to_string())?.is_some() {
            return Err(Error::AlreadyExists(format!(
                "key {} already exists",
                self.key_arn(&id)
            )));
        }
        self.tx_mut()?.dirty.insert(
            id,
            DirtyKey {
                key,
                old_term: None,
            },
        );
        Ok(())
    }

    /// Resolves a key id, key ARN, alias name or alias ARN to a key id.
    pub fn resolve_id(&self, key_ref: &str) -> Result<KeyId> {
        self.resolve(key_ref).map(|k| k.id)
    }

    /// Resolves a reference to a key (one alias read, one key read).
    pub fn resolve(&self, key_ref: &str) -> Result<Key> {
        let local = self.scope.local(key_ref)?;
        let id = if local.starts_with("alias/") {
            let name = AliasName::parse(local)?;
            self.alias_row(&name)?
                .map(|a| a.target)
                .ok_or_else(|| Error::NotFound(format!("alias {name} is not found")))?
        } else {
            local.parse()?
        };
        // An alias of a key past its deletion date is gone with the key.
        self.key(&id)
            .map_err(|e| match local.strip_prefix("alias/") {
                Some(_) => Error::NotFound(format!("alias {local} is not found")),
                None => e,
            })
    }

    /// Resolves a reference to a key, mutably.
    pub fn resolve_mut(&mut self, key_ref: &str) -> Result<&mut Key> {
        let id = self.resolve_id(key_ref)?;
        self.key_mut(&id)
    }

    /// One page of the ids of keys that exist, in id order, after
    /// `after`; and whether more follow.
    pub fn key_ids(&self, after: Option<&str>, limit: usize) -> Result<(Vec<KeyId>, bool)> {
        let mut ids = Vec::new();
        let scan = Scan {
            after,
            limit: Some(limit + 1),
            ..Scan::default()
        };
        self.store.scan(Table::Keys, &scan, &mut |row| {
            ids.push(row.id.parse::<KeyId>()?);
            Ok(true)
        })?;
        let more = ids.len() > limit;
        ids.truncate(limit);
        Ok((ids, more))
    }

    /// Every key that exists (for the interactive picker).
    pub fn all_keys(&self) -> Result<Vec<Key>> {
        let mut keys = Vec::new();
        self.store.scan(Table::Keys, &Scan::default(), &mut |row| {
            keys.push(self.open_row(Table::Keys, &row)?);
            Ok(true)
        })?;
        Ok(keys)
    }

    pub(super) fn alias_row_id(&self, name: &AliasName) -> String {
        seal::blind_id(&self.keys, "alias", name.as_str())
    }

    fn alias_of_row(&self, row: &Row) -> Result<Alias> {
        let a: Alias = self.open_row(Table::Aliases, row)?;
        self.check_alias_row(&a, row)?;
        Ok(a)
    }

    /// The alias with this name, if its key exists as of `now`.
    pub fn alias(&self, name: &AliasName) -> Result<Option<Alias>> {
        Ok(self
            .alias_row(name)?
            .filter(|a| self.key(&a.target).is_ok()))
    }

    /// The alias with this name as stored, whether its key exists or not.
    fn alias_row(&self, name: &AliasName) -> Result<Option<Alias>> {
        self.store
            .get(Table::Aliases, &self.alias_row_id(name))?
            .map(|row| self.alias_of_row(&row))
            .transpose()
    }

    /// The aliases of one key.
    pub fn aliases_of(&self, key: &KeyId) -> Result<Vec<Alias>> {
        let mut out = Vec::new();
        let k = key.to_string();
        let scan = Scan {
            key_id: Some(&k),
            ..Scan::default()
        };
        self.store.scan(Table::Aliases, &scan, &mut |row| {
            out.push(self.alias_of_row(&row)?);
            Ok(true)
        })?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// One page of aliases (of `key`, or all) whose key exists, after the
    /// opaque marker `after`; returns the page and the next marker.
    pub fn aliases_page(
        &self,
        key: Option<&KeyId>,
        after: Option<&str>,
        limit: usize,
    ) -> Result<(Vec<Alias>, Option<String>)> {
        let k = key.map(KeyId::to_string);
        let mut rows = Vec::new();
        let scan = Scan {
            after,
            limit: Some(limit + 1),
            key_id: k.as_deref(),
            ..Scan::default()
        };
        self.store.scan(Table::Aliases, &scan, &mut |row| {
            rows.push(row);
            Ok(true)
        })?;
        let next = (rows.len() > limit).then(|| rows[limit - 1].id.clone());
        rows.truncate(limit);
        let mut out = Vec::new();
        for row in &rows {
            let a = self.alias_of_row(row)?;
            if self.key(&a.target).is_ok() {
                out.push(a);
            }
        }
        Ok((out, next))
    }

    /// Creates or replaces an alias.
    pub fn put_alias(&mut self, alias: Alias) -> Result<()> {
        let id = self.alias_row_id(&alias.name);
        let plain = serde_json::to_vec(&alias).unwrap_or_else(|e| unreachable!("{e}"));
        self.put_record(Table::Aliases, &id, Some(alias.target.to_string()), &plain)
    }

    /// Deletes an alias; false when there was none.
    pub fn remove_alias(&mut self, name: &AliasName) -> Result<bool> {
        let id = self.alias_row_id(name);
        self.delete_record(Table::Aliases, &id)
    }

    fn grant_of_row(&self, row: &Row) -> Result<Grant> {
        let g: Grant = self.open_row(Table::Grants, row)?;
        self.check_grant_row(&g, row)?;
        Ok(g)
    }

    /// The grants of one key, in grant id order.
    pub fn grants_of(&self, key: &KeyId) -> Result<Vec<Grant>> {
        let k = key.to_string();
        self.grants_where(Scan {
            key_id: Some(&k),
            ..Scan::default()
        })
    }

    /// Every grant of a key that exists, in grant id order.
    pub fn all_grants(&self) -> Result<Vec<Grant>> {
        let grants = self.grants_where(Scan::default())?;
        Ok(grants
            .into_iter()
            .filter(|g| self.key(&g.key_id).is_ok())
            .collect())
    }

    fn grants_where(&self, scan: Scan<'_>) -> Result<Vec<Grant>> {
        let mut out = Vec::new();
        self.store.scan(Table::Grants, &scan, &mut |row| {
            out.push(self.grant_of_row(&row)?);
            Ok(true)
        })?;
        Ok(out)
    }

    /// The grant with this id, if its key exists.
    pub fn grant(&self, id: &GrantId) -> Result<Option<Grant>> {
        let Some(row) = self.store.get(Table::Grants, &id.to_string())? else {
            return Ok(None);
        };
        let g = self.grant_of_row(&row)?;
        Ok(self.key(&g.key_id).is_ok().then_some(g))
    }

    /// Adds or replaces a grant.
    pub fn put_grant(&mut self, grant: Grant) -> Result<()> {
        let plain = serde_json::to_vec(&grant).unwrap_or_else(|e| unreachable!("{e}"));
        self.put_record(
            Table::Grants,
            &grant.grant_id.to_string(),
            Some(grant.key_id.to_string()),
            &plain,
        )
    }

    /// Deletes a grant; false when there was none.
    pub fn remove_grant(&mut self, id: &GrantId) -> Result<bool> {
        self.delete_record(Table::Grants, &id.to_string())
    }

    /// The unlock slots.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    pub(super) fn slot_row(&self, slot: &Slot, generation: u64) -> Row {
        Row {
            id: slot_row_id(slot.id),
            version: generation,
            data: serde_json::to_vec(slot).unwrap_or_else(|e| unreachable!("{e}")),
            key_id: None,
            due_at: None,
            gone_at: None,
        }
    }

    pub(super) fn put_slot(&mut self, slot: Slot) -> Result<()> {
        let generation = self.tx_mut()?.state.generation;
        let row = self.slot_row(&slot, generation);
        let old = self.store.get(Table::Slots, &row.id)?;
        self.replace_row(Table::Slots, old, Some(row))?;
        match self.slots.iter_mut().find(|s| s.id == slot.id) {
            Some(s) => *s = slot,
            None => self.slots.push(slot),
        }
        Ok(())
    }

    /// Adds a slot for `principal`, and with `admin` makes that principal
    /// one of the keyring's administrators; returns the slot's public
    /// description. Needs `lkms:AddSlot` (and `lkms:PutKeyringPolicy` for
    /// `admin`). A principal's name is taken by its first slot: only the
    /// principal itself adds more slots under it.
    pub fn add_slot(
        &mut self,
        principal: Principal,
        new: &NewSlot,
        admin: bool,
    ) -> Result<SlotInfo> {
        use crate::policy::KeyringAction;
        self.authorize_keyring(KeyringAction::AddSlot)?;
        if admin {
            self.authorize_keyring(KeyringAction::PutKeyringPolicy)?;
        }
        if principal != self.caller.principal
            && let Some(taken) = self.slots.iter().find(|s| s.principal == principal)
        {
            return Err(Error::AlreadyExists(format!(
                "principal {principal} already exists (slot {}); only {principal} may add slots under its name",
                taken.id
            )));
        }
        if admin {
            let policy = self
                .keyring_policy()?
                .with_administrator(self.account(), principal.as_str())?;
            self.set_keyring_policy(&policy)?;
        }
        let id = SlotId(self.slots.iter().map(|s| s.id.0).max().unwrap_or(0) + 1);
        let slot = Slot::wrap(id, principal, self.now, new, &self.root)?;
        let info = slot.info();
        self.put_slot(slot)?;
        Ok(info)
    }

    /// Removes a slot and rotates the root key, so the removed credential
    /// opens nothing written after. Needs `lkms:RemoveSlot`. The last slot
    /// cannot be removed, nor the last slot of a principal who may change
    /// the keyring policy.
    pub fn remove_slot(&mut self, id: SlotId) -> Result<SlotInfo> {
        self.authorize_keyring(crate::policy::KeyringAction::RemoveSlot)?;
        let pos = self
            .slots
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| Error::NotFound(format!("slot {id} does not exist")))?;
        if self.slots.len() == 1 {
            return Err(Error::validation(format!(
                "slot {id} is the keyring's last slot; removing it would lock everyone out (add another slot first)"
            )));
        }
        let mut remaining = self.slots.clone();
        let removed = remaining.remove(pos);
        if self.administered_by_some(&self.slots)? && !self.administered_by_some(&remaining)? {
            return Err(Error::validation(format!(
                "slot {id} is the last slot of a principal who may change the keyring policy;                  removing it would leave the keyring without an administrator (add one first: slot add --admin)"
            )));
        }
        self.slots = remaining;
        self.delete_record(Table::Slots, &slot_row_id(id))?;
        self.rekey()?;
        Ok(removed.info())
    }

    /// Replaces the passphrase of passphrase slot `id` (default: the slot
    /// that unlocked the keyring) and rotates the root key. A principal may
    /// always change the passphrase of its own slots; another's needs
    /// `lkms:ChangePassphrase`.
    pub fn change_passphrase(&mut self, id: Option<SlotId>, new: Passphrase) -> Result<SlotInfo> {
        let id = id.unwrap_or(self.caller.slot);
        let old = self
            .slots
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .ok_or_else(|| Error::NotFound(format!("slot {id} does not exist")))?;
        if old.principal != self.caller.principal {
            self.authorize_keyring(crate::policy::KeyringAction::ChangePassphrase)?;
        }
        if !old.is_passphrase() {
            return Err(Error::validation(format!(
                "slot {id} is an age slot; passwd changes passphrase slots (name one with --slot-id)"
            )));
        }
        let mut slot = Slot::wrap(
            id,
            old.principal.clone(),
            self.now,
            &NewSlot::Passphrase(new),
            &self.root,
        )?;
        slot.created = old.created;
        let info = slot.info();
        self.put_slot(slot)?;
        if id == self.caller.slot {
            self.passphrase = None;
        }
        self.rekey()?;
        Ok(info)
    }

    /// Checks that the caller may perform `operation` (an AWS operation name,
    /// e.g. `Encrypt`) on `key` with `ctx`: the key policy decides, an
    /// explicit Deny wins, and otherwise a grant can allow it.
    pub fn authorize(
        &self,
        key: &Key,
        operation: &str,
        ctx: Option<&crate::context::EncryptionContext>,
    ) -> Result<()> {
        use crate::policy::eval::Decision;
        let principal = self.caller.principal.as_str();
        match self.key_policy_decision(key, operation, ctx) {
            Decision::Allow => Ok(()),
            Decision::ExplicitDeny => {
                Err(self.denied(key, operation, "an explicit Deny in the key policy"))
            }
            Decision::ImplicitDeny
                if self
                    .grants_of(&key.id)?
                    .iter()
                    .any(|g| g.allows(principal, operation, ctx)) =>
            {
                Ok(())
            }
            Decision::ImplicitDeny => {
                Err(self.denied(key, operation, "no key policy statement or grant allows it"))
            }
        }
    }

    /// What `key`'s policy alone says about the caller performing
    /// `operation` with `ctx`.
    pub fn key_policy_decision(
        &self,
        key: &Key,
        operation: &str,
        ctx: Option<&crate::context::EncryptionContext>,
    ) -> crate::policy::eval::Decision {
        use crate::policy::eval::{Request, evaluate};
        evaluate(
            &key.policy,
            &Request {
                principal: self.caller.principal.as_str(),
                account: self.account(),
                action: &format!("kms:{operation}"),
                context: ctx,
            },
        )
    }

    /// The refusal of `operation` on `key` for the caller, saying why.
    pub fn denied(&self, key: &Key, operation: &str, why: &str) -> Error {
        Error::AccessDenied(format!(
            "{} is not authorized to perform kms:{operation} on {}: {why}",
            self.caller.principal,
            self.key_arn(&key.id)
        ))
    }

    /// Checks that the caller may create a grant on `key` allowing
    /// `operations` under `constraints`: the key policy allows CreateGrant,
    /// or a grant of the caller's does, for some or all of its own
    /// operations and constraints at least as strict as its own (AWS's rule).
    pub fn authorize_create_grant(
        &self,
        key: &Key,
        operations: &[String],
        constraints: Option<&crate::grant::GrantConstraints>,
    ) -> Result<()> {
        use crate::policy::eval::Decision;
        let principal = self.caller.principal.as_str();
        match self.key_policy_decision(key, "CreateGrant", None) {
            Decision::Allow => Ok(()),
            Decision::ExplicitDeny => {
                Err(self.denied(key, "CreateGrant", "an explicit Deny in the key policy"))
            }
            Decision::ImplicitDeny => {
                let grants = self.grants_of(&key.id)?;
                let mut parents = grants.iter().filter(|g| {
                    g.grantee_principal.as_str() == principal
                        && g.operations.iter().any(|o| o == "CreateGrant")
                });
                let Some(first) = parents.next() else {
                    return Err(self.denied(
                        key,
                        "CreateGrant",
                        "no key policy statement or grant allows it",
                    ));
                };
                if first.allows_grant(principal, operations, constraints)
                    || parents.any(|g| g.allows_grant(principal, operations, constraints))
                {
                    return Ok(());
                }
                Err(self.denied(
                    key,
                    "CreateGrant",
                    &format!(
                        "its CreateGrant permission comes from a grant, which allows only grants \
                         with some or all of that grant's operations ({}) and constraints at least as strict as its own",
                        first.operations.join(", ")
                    ),
                ))
            }
        }
    }

    /// Resolves a key reference and checks that the caller may perform
    /// `operation` on it (see [`Keyring::authorize`]).
    pub fn resolve_authorized(
        &self,
        key_ref: &str,
        operation: &str,
        ctx: Option<&crate::context::EncryptionContext>,
    ) -> Result<Key> {
        let key = self.resolve(key_ref)?;
        self.authorize(&key, operation, ctx)?;
        Ok(key)
    }

    /// The key's state check shared by every operation that uses key material.
    pub fn check_usable(&self, key: &Key, operation: &'static str) -> Result<()> {
        match key.state_at(self.now) {
            KeyState::Enabled => Ok(()),
            KeyState::Disabled => Err(Error::Disabled {
                key: self.key_arn(&key.id),
            }),
            state => Err(Error::InvalidState {
                key: self.key_arn(&key.id),
                state: state.name(),
                operation,
            }),
        }
    }

    /// A 256-bit key for one purpose, derived with HKDF-SHA-256 from the
    /// keyring's derivation secret (import tokens, material fingerprints,
    /// grant tokens). It survives root key rotation.
    pub(crate) fn derive_key(&self, purpose: &str) -> Key256 {
        crate::crypto::hkdf(
            self.derivation.expose(),
            self.keyring_id.as_bytes(),
            purpose.as_bytes(),
        )
    }

    /// Whether the caller may perform `operation` on `key` (a refusal is
    /// `false`, any other failure an error).
    fn may(&self, key: &Key, operation: &str) -> Result<bool> {
        match self.authorize(key, operation, None) {
            Ok(()) => Ok(true),
            Err(Error::AccessDenied(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Applies what is due, found through the store's maintenance index:
    /// rotates keys whose rotation is due (any writer: a rotation only adds
    /// material). Destroying material is the act of a principal allowed to
    /// destroy it, never a side effect of another's write: a key past its
    /// deletion date is destroyed only when the caller may
    /// kms:ScheduleKeyDeletion on it, expired imported material only when
    /// the caller may kms:DeleteImportedKeyMaterial; until then both are
    /// unusable and stay in the keyring.
    pub(super) fn maintain(&mut self) -> Result<()> {
        let now = self.now;
        let mut due = Vec::new();
        let scan = Scan {
            due_by: Some(unix(now)),
            ..Scan::default()
        };
        self.store.scan(Table::Keys, &scan, &mut |row| {
            due.push(row.id.parse::<KeyId>()?);
            Ok(true)
        })?;
        for id in due {
            let Some(key) = self.load_key(&id)? else {
                continue;
            };
            if key.deletion_window_ended(now) {
                if self.may(&key, "ScheduleKeyDeletion")? {
                    self.destroy_key(&id)?;
                    self.maintenance.deleted.push(id);
                } else {
                    self.maintenance.awaiting_deletion.push(id);
                }
                continue;
            }
            let destroy_expired =
                key.has_expired_material(now) && self.may(&key, "DeleteImportedKeyMaterial")?;
            // Loaded for change so that its maintenance index is rewritten.
            let key = self.key_mut(&id)?;
            let expired = key.expire_imports(now, destroy_expired);
            let rotate = key.rotation_due(now);
            if rotate {
                key.rotate(now, RotationType::Automatic)?;
            }
            if expired {
                self.maintenance.expired.push(id);
            }
            if rotate {
                self.maintenance.rotated.push(id);
            }
        }
        Ok(())
    }

    /// Deletes a key, its aliases and its grants; the material is gone.
    fn destroy_key(&mut self, id: &KeyId) -> Result<()> {
        self.tx_mut()?.dirty.remove(id);
        let k = id.to_string();
        for table in [Table::Aliases, Table::Grants] {
            let mut ids = Vec::new();
            let scan = Scan {
                key_id: Some(&k),
                ..Scan::default()
            };
            self.store.scan(table, &scan, &mut |row| {
                ids.push(row.id);
                Ok(true)
            })?;
            for rid in ids {
                self.delete_record(table, &rid)?;
            }
        }
        self.delete_record(Table::Keys, &k)?;
        Ok(())
    }
}
