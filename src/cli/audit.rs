//! `audit export`: the trail as CloudTrail-like JSON lines, in clear.

use std::io::Write;
use std::path::Path;

use lkms::Error;
use lkms::audit::Filter;
use lkms::keyring::Keyring;

use super::exit::CliResult;
use super::outputs::Replace;

/// Writes the records `filter` selects to `to` (checked beforehand with
/// [`super::outputs::check`]) or stdout.
pub fn export(kr: &Keyring, filter: &Filter, to: Option<(&Path, Replace)>) -> CliResult<()> {
    let io = |what: &str, e: std::io::Error| Error::io(what.to_owned(), e);
    let (mut out, staged): (Box<dyn Write>, _) = match to {
        Some((path, _)) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            lkms::staging::sweep(dir);
            let staged = lkms::staging::StagedFile::new_in(dir)
                .map_err(|e| io("creating the export file", e))?;
            let file = staged
                .file()
                .try_clone()
                .map_err(|e| io("opening the export file", e))?;
            (Box::new(std::io::BufWriter::new(file)), Some(staged))
        }
        None => (
            Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            None,
        ),
    };
    let mut write = |r: lkms::audit::Record| -> lkms::Result<bool> {
        let line = lkms::audit::to_cloudtrail(&r, kr.id(), kr.account());
        serde_json::to_writer(&mut out, &line)
            .map_err(|e| io("writing the export", std::io::Error::other(e)))?;
        out.write_all(b"\n")
            .map_err(|e| io("writing the export", e))?;
        Ok(true)
    };
    if filter.newest_first {
        // The newest N (--max-records), written oldest first like the rest.
        for r in kr.audit_records(filter)?.into_iter().rev() {
            write(r)?;
        }
    } else {
        kr.visit_audit(filter, &mut write)?;
    }
    out.flush().map_err(|e| io("writing the export", e))?;
    drop(out);
    if let (Some(staged), Some((path, replace))) = (staged, to) {
        staged
            .persist(path, replace == Replace::Allowed)
            .map_err(|e| io("creating the export file", e))?;
    }
    Ok(())
}
