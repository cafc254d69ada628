//! The audit trail inside the keyring: appending records in the open
//! transaction, reading them back through the blind indexes, verifying the
//! chain against the authenticated head, and pruning behind a checkpoint.

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::seal::{self, RecordKeys};
use super::*;

impl Keyring {
    /// Appends one audit record inside the open transaction.
    pub(super) fn append(&mut self, entry: Entry) -> Result<()> {
        let key_ix = entry
            .key_arn
            .as_deref()
            .map(|a| seal::blind64(&self.keys, "key", audit::key_of_arn(a)));
        let source_key_ix = entry
            .source_key_arn
            .as_deref()
            .map(|a| seal::blind64(&self.keys, "key", audit::key_of_arn(a)));
        let principal_ix = seal::blind64(&self.keys, "principal", &entry.principal);
        let operation_ix = seal::blind64(&self.keys, "operation", &entry.operation);
        let time = unix(entry.time);
        let used =
            entry.outcome == Outcome::Success && audit::tracked_usage(&entry.operation).is_some();
        let (seq, prev) = {
            let tx = self.tx_mut()?;
            (tx.state.audit_seq + 1, tx.state.audit_hash)
        };
        let record = entry.into_record(seq);
        let plain =
            serde_json::to_vec(&record).unwrap_or_else(|e| unreachable!("records serialize: {e}"));
        let mut row = AuditRow {
            seq,
            time,
            key_ix,
            source_key_ix,
            principal_ix,
            operation_ix,
            data: seal::seal(
                &self.keys,
                &self.keyring_id,
                "audit",
                &seq.to_string(),
                seq,
                &plain,
            ),
            hash: Vec::new(),
        };
        let hash = audit::chain(&prev, &row);
        row.hash = hash.to_vec();
        self.store.audit_append(&row)?;
        // In the same transaction as the record it points at.
        if used {
            for ix in [key_ix, source_key_ix].into_iter().flatten() {
                self.store.key_usage_set(ix, seq)?;
            }
        }
        let tx = self.tx_mut()?;
        tx.state.audit_seq = seq;
        tx.state.audit_hash = hash;
        Ok(())
    }

    /// Records a call that ran on this keyring: inside the open transaction
    /// of a write, or in a transaction of its own after a read. The record
    /// is committed before this returns, so a caller releases data only
    /// once its record is durable.
    pub fn record<T: Serialize, E: std::borrow::Borrow<Error>>(
        &mut self,
        call: &Call,
        result: &std::result::Result<T, E>,
    ) -> Result<()> {
        let entry = self.entry_of(call, result);
        if self.tx.is_some() {
            self.append(entry)
        } else {
            self.in_tx(|kr| {
                kr.record_maintenance()?;
                kr.append(entry)
            })
        }
    }

    /// Appends audit records made by [`Keyring::audit_entry`] in one
    /// transaction of their own (a server's reads, many calls at once).
    pub fn append_audit(&mut self, entries: Vec<Entry>) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        self.in_tx(|kr| {
            kr.record_maintenance()?;
            entries.into_iter().try_for_each(|e| kr.append(e))
        })
    }

    /// The audit record of a call that ran on this keyring as its current
    /// caller, to append later with [`Keyring::append_audit`].
    pub fn audit_entry<T: Serialize, E: std::borrow::Borrow<Error>>(
        &self,
        call: &Call,
        result: &std::result::Result<T, E>,
    ) -> Entry {
        self.entry_of(call, result)
    }

    fn entry_of<T: Serialize, E: std::borrow::Borrow<Error>>(
        &self,
        call: &Call,
        result: &std::result::Result<T, E>,
    ) -> Entry {
        let result = result.as_ref().map_err(|e| e.borrow());
        let (outcome, error, response) = match result {
            Ok(v) => (
                Outcome::Success,
                None,
                serde_json::to_value(v).unwrap_or(Value::Null),
            ),
            Err(e) => (
                if matches!(e, Error::AccessDenied(_) | Error::Refused { .. }) {
                    Outcome::Denied
                } else {
                    Outcome::Failed
                },
                Some(format!("{}: {e}", e.exception())),
                Value::Null,
            ),
        };
        // A refused call on a key named only by a ciphertext (decrypt,
        // re-encrypt's source) names the key in its error.
        let arn_in_error = result
            .as_ref()
            .err()
            .and_then(|e| self.scope.find_key_arn(&e.to_string()));
        let key_arn = self
            .key_arn_of(&call.request, &response)
            .or_else(|| arn_in_error.clone());
        // Re-encrypt uses two keys, as CloudTrail records: the source too.
        let source_key_arn = response["SourceKeyId"]
            .as_str()
            .map(str::to_owned)
            .or(arn_in_error.filter(|a| Some(a) != key_arn.as_ref()));
        Entry {
            time: self.now,
            principal: self.caller.principal.to_string(),
            operation: call.operation.clone(),
            key_arn,
            source_key_arn,
            request: call.request.clone(),
            outcome,
            error,
        }
    }

    /// Records the deletions, rotations and expiries this write applied:
    /// destroying material as the caller's act (only a principal allowed to
    /// destroy it does it), rotations as lkms's own.
    pub(super) fn record_maintenance(&mut self) -> Result<()> {
        let m = std::mem::take(&mut self.maintenance);
        let caller = self.caller.principal.to_string();
        let service = audit::SERVICE_PRINCIPAL.to_owned();
        let events = m
            .deleted
            .iter()
            .map(|id| ("DeleteKey", id, &caller))
            .chain(m.rotated.iter().map(|id| ("RotateKey", id, &service)))
            .chain(
                m.expired
                    .iter()
                    .map(|id| ("DeleteExpiredKeyMaterial", id, &caller)),
            );
        for (operation, id, principal) in events {
            let entry = Entry {
                time: self.now,
                principal: principal.clone(),
                operation: operation.into(),
                key_arn: Some(self.key_arn(id)),
                source_key_arn: None,
                request: Value::Object(Default::default()),
                outcome: Outcome::Success,
                error: None,
            };
            self.append(entry)?;
        }
        self.maintenance = m;
        Ok(())
    }

    /// The key a call concerned: the ARN the response names, else the key
    /// the request names (resolved where it still exists).
    fn key_arn_of(&self, request: &Value, response: &Value) -> Option<String> {
        let from_response = [&response["KeyMetadata"]["Arn"], &response["KeyId"]]
            .into_iter()
            .filter_map(Value::as_str)
            .find(|s| s.starts_with("arn:"));
        if let Some(arn) = from_response {
            return Some(arn.to_owned());
        }
        ["KeyId", "TargetKeyId", "DestinationKeyId", "SourceKeyId"]
            .iter()
            .filter_map(|f| request[*f].as_str())
            .map(|r| {
                self.resolve_id(r)
                    .map(|id| self.key_arn(&id))
                    .unwrap_or_else(|_| r.to_owned())
            })
            .next()
    }

    /// The audit record of the last successful cryptographic use of the key
    /// `key_id` (GetKeyLastUsage), if the trail still holds one. One indexed
    /// lookup through the pointer each use updates, however often the key
    /// was used; a key without one (unused, or last used by a build before
    /// pointers) is looked up in the trail, newest first.
    pub fn key_last_usage(&self, key_id: &str) -> Result<Option<Record>> {
        let ix = seal::blind64(&self.keys, "key", key_id);
        let names_key = |r: &Record| {
            [&r.key_arn, &r.source_key_arn]
                .into_iter()
                .flatten()
                .any(|a| audit::key_of_arn(a) == key_id)
        };
        let used = |r: &Record| {
            r.outcome == Outcome::Success && audit::tracked_usage(&r.operation).is_some()
        };
        if let Some(seq) = self.store.key_usage_get(ix)? {
            let mut found = None;
            let q = AuditQuery {
                after_seq: Some(seq.saturating_sub(1)),
                limit: Some(1),
                ..AuditQuery::default()
            };
            self.store.audit_scan(&q, &mut |row| {
                if row.seq == seq {
                    found = Some(self.open_audit_row(&row)?.1);
                }
                Ok(false)
            })?;
            let pruned = || {
                self.store
                    .audit_bounds()
                    .map(|b| b.is_none_or(|(lowest, _)| seq < lowest))
            };
            match found {
                Some(r) if names_key(&r) && used(&r) => return Ok(Some(r)),
                // Pruned since: nothing is known from the trail either.
                None if pruned()? => return Ok(None),
                // A pointer that does not hold (edited): the trail decides.
                _ => {}
            }
        }
        let filter = audit::Filter {
            key_id: Some(key_id.to_owned()),
            newest_first: true,
            ..audit::Filter::default()
        };
        let mut found = None;
        self.visit_audit(&filter, &mut |r| {
            if used(&r) {
                found = Some(r);
                return Ok(false);
            }
            Ok(true)
        })?;
        Ok(found)
    }

    /// When the trail's oldest record kept was written (after pruning), if
    /// it holds any.
    pub fn audit_start(&self) -> Result<Option<OffsetDateTime>> {
        let mut first = None;
        let q = AuditQuery {
            limit: Some(1),
            ..AuditQuery::default()
        };
        self.store.audit_scan(&q, &mut |row| {
            first = OffsetDateTime::from_unix_timestamp(row.time).ok();
            Ok(false)
        })?;
        Ok(first)
    }

    /// Audit records matching `filter`, decrypted, oldest first (newest
    /// first with `filter.newest_first`).
    pub fn audit_records(&self, filter: &audit::Filter) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        self.visit_audit(filter, &mut |r| {
            out.push(r);
            Ok(true)
        })?;
        Ok(out)
    }

    /// Visits the audit records matching `filter`; `visit` returns false to stop.
    pub fn visit_audit(
        &self,
        filter: &audit::Filter,
        visit: &mut dyn FnMut(Record) -> Result<bool>,
    ) -> Result<()> {
        let q = AuditQuery {
            since: filter.since.map(unix),
            before: filter.before.map(unix),
            key_ix: filter
                .key_id
                .as_deref()
                .map(|k| seal::blind64(&self.keys, "key", k)),
            principal_ix: filter
                .principal
                .as_deref()
                .map(|p| seal::blind64(&self.keys, "principal", p)),
            operation_ix: filter
                .operation
                .as_deref()
                .map(|o| seal::blind64(&self.keys, "operation", o)),
            descending: filter.newest_first,
            ..AuditQuery::default()
        };
        let mut left = filter.limit.unwrap_or(usize::MAX);
        if left == 0 {
            return Ok(());
        }
        self.store.audit_scan(&q, &mut |row| {
            let (_, record) = self.open_audit_row(&row)?;
            if !filter.matches(&record) {
                return Ok(true);
            }
            left -= 1;
            Ok(visit(record)? && left > 0)
        })
    }

    /// Verifies the audit trail: every record in sequence, each linked to
    /// the one before, from the pruning checkpoint to the authenticated head.
    /// Fails naming the first bad record.
    pub fn verify_audit(&self) -> Result<audit::Verification> {
        let state = self.read_state()?;
        let bad = |seq: u64, why: &str| {
            Error::AuditInvalid(format!(
                "{}: audit record {seq}: {why}",
                self.path.display()
            ))
        };
        let mut expected = state.checkpoint_seq + 1;
        let mut prev = state.checkpoint_hash;
        let mut count = 0u64;
        let q = AuditQuery::default();
        let mut first = None;
        self.store.audit_scan(&q, &mut |row| {
            if row.seq <= state.checkpoint_seq {
                return Err(bad(row.seq, "it was pruned, yet it is there again"));
            }
            if row.seq != expected {
                return Err(bad(
                    expected,
                    &format!(
                        "missing: the next record stored is {} (records deleted or reordered)",
                        row.seq
                    ),
                ));
            }
            let hash = audit::chain(&prev, &row);
            if !crate::crypto::ct_eq(&hash, &row.hash) {
                return Err(bad(
                    row.seq,
                    "it does not follow the record before it, or was edited",
                ));
            }
            first.get_or_insert(row.seq);
            prev = hash;
            expected += 1;
            count += 1;
            Ok(true)
        })?;
        let last = expected - 1;
        if last != state.audit_seq {
            return Err(if last < state.audit_seq {
                bad(
                    last + 1,
                    &format!(
                        "missing: the trail ends at record {last} but record {} was written (records removed from the end)",
                        state.audit_seq
                    ),
                )
            } else {
                bad(
                    state.audit_seq + 1,
                    "it is past the authenticated end of the trail (the head was rolled back)",
                )
            });
        }
        if !crate::crypto::ct_eq(&prev, &state.audit_hash) {
            return Err(bad(last, "the trail does not end where the head says"));
        }
        Ok(audit::Verification {
            path: self.path.display().to_string(),
            records: count,
            first_seq: first.unwrap_or(last + 1),
            last_seq: last,
            pruned_through: state.checkpoint_seq,
        })
    }

    /// Drops audit records older than `before`, keeping the chain
    /// verifiable from an authenticated checkpoint.
    /// Needs `lkms:PruneAudit`.
    pub fn prune_audit(&mut self, before: OffsetDateTime) -> Result<Pruned> {
        self.authorize_keyring(crate::policy::KeyringAction::PruneAudit)?;
        let checkpoint = self.tx_mut()?.state.checkpoint_seq;
        let mut last: Option<(u64, Vec<u8>)> = None;
        let q = AuditQuery {
            after_seq: Some(checkpoint),
            before: Some(unix(before)),
            ..AuditQuery::default()
        };
        let mut expected = checkpoint + 1;
        self.store.audit_scan(&q, &mut |row| {
            // Stop at the first gap in time order: the trail is pruned as a
            // prefix, never around newer records.
            if row.seq != expected {
                return Ok(false);
            }
            expected += 1;
            last = Some((row.seq, row.hash));
            Ok(true)
        })?;
        let Some((seq, hash)) = last else {
            return Ok(Pruned {
                pruned_records: 0,
                pruned_through: checkpoint,
            });
        };
        let n = self.store.audit_delete_through(seq)?;
        let tx = self.tx_mut()?;
        tx.state.checkpoint_seq = seq;
        tx.state.checkpoint_hash = hash
            .as_slice()
            .try_into()
            .map_err(|_| Error::AuditInvalid(format!("audit record {seq} has a bad hash")))?;
        Ok(Pruned {
            pruned_records: n,
            pruned_through: seq,
        })
    }

    /// Opens a stored audit record: its plaintext and the record.
    fn open_audit_row(&self, row: &AuditRow) -> Result<(crate::secret::SecretBytes, Record)> {
        let plain = seal::open(
            &self.keys,
            &self.keyring_id,
            "audit",
            &row.seq.to_string(),
            row.seq,
            &row.data,
        )
        .ok_or_else(|| {
            Error::AuditInvalid(format!(
                "{}: audit record {} fails authentication; run `lkms audit verify`",
                self.path.display(),
                row.seq
            ))
        })?;
        let record = seal::parse(&plain, || self.path.display().to_string())?;
        Ok((plain, record))
    }

    /// Re-seals the audit trail under `new` keys in batches: new blind
    /// indexes, new sealing, and so a new chain from the checkpoint.
    pub(super) fn reseal_audit(&mut self, new: &RecordKeys) -> Result<()> {
        let state = self.tx_mut()?.state.clone();
        let mut prev = state.checkpoint_hash;
        let mut after = state.checkpoint_seq;
        // The last-usage pointers are keyed by blind index: made anew below.
        self.store.key_usage_clear()?;
        loop {
            let mut batch = Vec::new();
            let q = AuditQuery {
                after_seq: Some(after),
                limit: Some(10_000),
                ..AuditQuery::default()
            };
            self.store.audit_scan(&q, &mut |row| {
                batch.push(row);
                Ok(true)
            })?;
            let Some(last) = batch.last() else { break };
            after = last.seq;
            for mut row in batch {
                let id = row.seq.to_string();
                let (plain, r) = self.open_audit_row(&row)?;
                let ix = |d: &str, v: &str| seal::blind64(new, d, v);
                row.key_ix = r
                    .key_arn
                    .as_deref()
                    .map(|a| ix("key", audit::key_of_arn(a)));
                row.source_key_ix = r
                    .source_key_arn
                    .as_deref()
                    .map(|a| ix("key", audit::key_of_arn(a)));
                if r.outcome == Outcome::Success && audit::tracked_usage(&r.operation).is_some() {
                    for k in [row.key_ix, row.source_key_ix].into_iter().flatten() {
                        self.store.key_usage_set(k, row.seq)?;
                    }
                }
                row.principal_ix = ix("principal", &r.principal);
                row.operation_ix = ix("operation", &r.operation);
                row.data = seal::seal(new, &self.keyring_id, "audit", &id, row.seq, plain.expose());
                let hash = audit::chain(&prev, &row);
                row.hash = hash.to_vec();
                prev = hash;
                self.store.audit_replace(&row)?;
            }
        }
        self.tx_mut()?.state.audit_hash = prev;
        Ok(())
    }
}
