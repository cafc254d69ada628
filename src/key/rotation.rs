//! Rotation of symmetric key material: schedules, limits and the act itself.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::{Key, KeyMaterial, KeyState, Origin, RotationType};
use crate::error::{Error, Result};

/// Allowed automatic rotation periods, in days, as in AWS.
pub const ROTATION_PERIOD_DAYS: std::ops::RangeInclusive<u32> = 90..=2560;
/// The period used when none is given.
pub const DEFAULT_ROTATION_PERIOD_DAYS: u32 = 365;
/// The fixed period of the managed default key (three years).
pub const MANAGED_ROTATION_PERIOD_DAYS: u32 = 1095;
/// How many on-demand rotations a key may have, as in AWS.
pub const MAX_ON_DEMAND_ROTATIONS: u32 = 25;

/// An enabled automatic rotation schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotationSchedule {
    /// Days between rotations.
    pub period_days: u32,
    /// When the next automatic rotation is due.
    #[serde(with = "time::serde::rfc3339")]
    pub next_rotation: OffsetDateTime,
}

impl RotationSchedule {
    /// A schedule whose first rotation is one period after `now`.
    pub fn starting(now: OffsetDateTime, period_days: u32) -> Self {
        RotationSchedule {
            period_days,
            next_rotation: now + Duration::days(i64::from(period_days)),
        }
    }
}

impl Key {
    /// The earliest instant at which maintenance must look at this key: its
    /// deletion date, its next automatic rotation, or the expiry of imported
    /// material or import parameters. The store indexes it, so that a write
    /// finds due keys without reading every key.
    pub fn maintenance_due(&self) -> Option<OffsetDateTime> {
        let deletion = match self.state {
            KeyState::PendingDeletion { deletion_date, .. } => Some(deletion_date),
            _ => None,
        };
        let rotation = self
            .rotation
            .filter(|_| self.state == KeyState::Enabled)
            .map(|s| s.next_rotation);
        let material = self
            .materials
            .iter()
            .filter(|m| m.secret.is_some())
            .filter_map(|m| m.import.as_ref().and_then(|i| i.valid_to));
        let params = self.import_params.iter().map(|p| p.valid_to);
        [deletion, rotation]
            .into_iter()
            .flatten()
            .chain(material)
            .chain(params)
            .min()
    }

    /// Whether an automatic rotation is due at `now`. Only enabled keys
    /// rotate: AWS does not rotate disabled keys or keys pending deletion.
    pub fn rotation_due(&self, now: OffsetDateTime) -> bool {
        self.state == KeyState::Enabled && self.rotation.is_some_and(|s| s.next_rotation <= now)
    }

    /// Adds a fresh material version and makes it current.
    ///
    /// An automatic rotation moves the schedule a full period past `now`, so
    /// a keyring left untouched for several periods rotates once when next
    /// written, not once per missed period. An on-demand rotation leaves the
    /// schedule alone, as in AWS.
    ///
    /// A key with imported material rotates onto the material imported with
    /// NEW_KEY_MATERIAL instead of generating any.
    pub fn rotate(&mut self, now: OffsetDateTime, kind: RotationType) -> Result<()> {
        let next = match self.pending_material.take() {
            Some(mut m) => {
                m.created = now;
                m.rotation = Some(kind);
                m
            }
            // Imported material is only ever replaced by imported material.
            None if self.origin == Origin::External => {
                return Err(Error::validation(format!(
                    "key {} has imported material and no new material waiting; import it with \
                     --import-type NEW_KEY_MATERIAL first",
                    self.id
                )));
            }
            None => KeyMaterial::generate(self.spec, now, Some(kind))?,
        };
        self.materials.push(next);
        match kind {
            RotationType::Automatic => {
                if let Some(s) = &mut self.rotation {
                    *s = RotationSchedule::starting(now, s.period_days);
                }
            }
            RotationType::OnDemand => self.on_demand_rotations += 1,
        }
        Ok(())
    }
}
