//! `encrypt-file`, `decrypt-file`, `rewrap-file` and `inspect-file`: file
//! and stream handling around the library's envelope module.
//!
//! Named regular outputs are written to a staged file in the target
//! folder (unnamed where the filesystem allows: see `lkms::staging`) and
//! given their name only when complete (for decryption: only
//! when every chunk authenticated), so a failure never leaves a partial or
//! unauthenticated file under the final name. Other outputs (stdout, a FIFO,
//! /dev/null) receive each chunk as soon as it authenticates; on failure the
//! command exits non-zero, as age does.

use std::fs::{self, File};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use lkms::context::EncryptionContext;
use lkms::envelope::{self, DEFAULT_CHUNK_EXPONENT, Header, Options, Recipient};
use lkms::keyring::Keyring;
use lkms::staging::{self, StagedFile};
use lkms::{Error, ops};
use serde::Serialize;
use serde_json::Value;

use super::args::{
    DecryptFileArgs, EncryptFileArgs, InspectFileArgs, OutputFormat, RewrapFileArgs,
};
use super::exit::{CliError, CliResult};
use super::outputs::{self, Replace};
use super::{Context, blob};

fn stdio(p: &Path) -> bool {
    p.as_os_str() == "-"
}

fn io_err(what: String) -> impl FnOnce(io::Error) -> Error {
    move |e| Error::io(what, e)
}

/// One file's result, for the summary.
#[derive(Debug, Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FileResult {
    input: String,
    output: String,
    plaintext_length: u64,
    key_ids: Vec<String>,
}

/// A source of bytes and its size, when known.
fn open_input(p: &Path) -> Result<(Box<dyn Read + Send>, Option<u64>), Error> {
    if stdio(p) {
        return Ok((Box::new(io::stdin()), None));
    }
    let f = File::open(p).map_err(io_err(format!("opening {}", p.display())))?;
    let len = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    // Chunk-sized reads go straight into the chunk buffers: no BufReader copy.
    Ok((Box::new(f), len))
}

/// Where a pipeline writes: a staged file (unnamed where the filesystem
/// allows) given its name on success, or a stream written as it goes.
enum Sink {
    Staged {
        staged: StagedFile,
        target: PathBuf,
        replace: Replace,
    },
    Stream(Box<dyn Write>),
}

impl Sink {
    /// Where `p`'s output goes; `replace` says whether an existing file may
    /// be replaced (checked again at the rename, so a file that appeared
    /// meanwhile is not lost either).
    fn create(p: &Path, replace: Replace) -> Result<Sink, Error> {
        if stdio(p) {
            return Ok(Sink::Stream(Box::new(io::stdout().lock())));
        }
        // An existing output that is not a regular file (/dev/null, a FIFO,
        // a terminal) cannot be replaced by a rename: write to it directly.
        if fs::metadata(p).is_ok_and(|m| !m.is_file()) {
            let f = fs::OpenOptions::new()
                .write(true)
                .open(p)
                .map_err(io_err(format!("opening {}", p.display())))?;
            return Ok(Sink::Stream(Box::new(f)));
        }
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir).map_err(io_err(format!("creating {}", dir.display())))?;
        // What an earlier, killed lkms left here goes first.
        staging::sweep(&dir);
        let staged = StagedFile::new_in(&dir).map_err(io_err(format!(
            "creating a temporary file in {}",
            dir.display()
        )))?;
        Ok(Sink::Staged {
            staged,
            target: p.to_path_buf(),
            replace,
        })
    }

    /// Makes a staged output visible under its name (fsync, link or
    /// rename, fsync folder).
    fn commit(self) -> Result<(), Error> {
        if let Sink::Staged {
            staged,
            target,
            replace,
        } = self
        {
            staged
                .persist(&target, replace == Replace::Allowed)
                .map_err(|e| {
                    let why = if e.kind() == io::ErrorKind::AlreadyExists {
                        "it appeared meanwhile; nothing was replaced".to_owned()
                    } else {
                        e.to_string()
                    };
                    Error::io(
                        format!("renaming into {}", target.display()),
                        io::Error::new(e.kind(), why),
                    )
                })?;
        }
        Ok(())
    }
}

/// Whether a file starts with the lkms file magic.
fn is_lkms_file(p: &Path) -> bool {
    let mut head = [0u8; 8];
    File::open(p)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == envelope::MAGIC
}

/// Expands folders (with `-r`) into the files inside them that `keep`
/// accepts. The walk never follows a symbolic link (so a link cannot lead
/// it outside the tree or round in a loop); each file left out is named on
/// stderr with `why`.
fn expand(
    inputs: &[PathBuf],
    recursive: bool,
    keep: &dyn Fn(&Path) -> bool,
    why: &str,
) -> CliResult<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for input in inputs {
        if !stdio(input) && input.is_dir() {
            if !recursive {
                return Err(CliError::Param(format!(
                    "{} is a folder; pass -r to process the files in it",
                    input.display()
                )));
            }
            let mut stack = vec![input.clone()];
            while let Some(dir) = stack.pop() {
                let mut entries: Vec<(PathBuf, fs::FileType)> = fs::read_dir(&dir)
                    .map_err(|e| CliError::Lib(Error::io(format!("reading {}", dir.display()), e)))?
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
                    .collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                for (e, kind) in entries {
                    if kind.is_symlink() {
                        eprintln!(
                            "lkms: skipping {}: a symbolic link (-r does not follow links)",
                            e.display()
                        );
                    } else if kind.is_dir() {
                        stack.push(e);
                    } else if !kind.is_file() {
                        continue;
                    } else if keep(&e) {
                        let rel = e.strip_prefix(input).unwrap_or(&e).to_path_buf();
                        out.push((e, rel));
                    } else {
                        eprintln!("lkms: skipping {}: {why}", e.display());
                    }
                }
            }
        } else {
            let rel = input
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| input.clone());
            out.push((input.clone(), rel));
        }
    }
    Ok(out)
}

/// Checks the plan's inputs and outputs before any work: standard input
/// and output must be open where they are used, and no existing output is
/// replaced without `--force` (or a yes at a terminal).
fn check_io(outputs: &[(PathBuf, PathBuf)], force: bool) -> CliResult<Vec<Replace>> {
    if outputs.iter().any(|(i, _)| stdio(i)) {
        super::stdio::require_stdin()?;
    }
    if outputs.iter().any(|(_, o)| stdio(o)) {
        super::stdio::require_stdout()?;
    }
    outputs::check_all(outputs.iter().map(|(_, o)| o.as_path()), force)
}

/// The output path of each input.
fn plan(
    inputs: Vec<(PathBuf, PathBuf)>,
    output_file: Option<&PathBuf>,
    output_dir: Option<&PathBuf>,
    name: &dyn Fn(&Path) -> CliResult<PathBuf>,
) -> CliResult<Vec<(PathBuf, PathBuf)>> {
    if let Some(o) = output_file {
        if inputs.len() != 1 {
            return Err(CliError::Param(
                "-o names one output; for several inputs use --output-dir".into(),
            ));
        }
        return Ok(vec![(inputs[0].0.clone(), o.clone())]);
    }
    inputs
        .into_iter()
        .map(|(input, rel)| {
            if stdio(&input) {
                return Ok((input, PathBuf::from("-")));
            }
            let out = match output_dir {
                Some(d) => d.join(name(&rel)?),
                None => name(&input)?,
            };
            if out == input {
                return Err(CliError::Param(format!(
                    "{} would overwrite itself",
                    input.display()
                )));
            }
            Ok((input, out))
        })
        .collect()
}

fn refuse_binary_to_terminal(outputs: &[(PathBuf, PathBuf)]) -> CliResult<()> {
    if outputs.iter().any(|(_, o)| stdio(o)) && io::stdout().is_terminal() {
        return Err(CliError::Param(
            "refusing to write binary output to a terminal; redirect it or use -o FILE".into(),
        ));
    }
    Ok(())
}

/// Progress bars on stderr, only for a person at a terminal: one per file
/// of known size, and a total when there are several files.
struct Bars {
    multi: MultiProgress,
    total: Option<ProgressBar>,
    show: bool,
}

fn style(bar: &ProgressBar, label: &str) {
    bar.set_style(
        ProgressStyle::with_template(
            "{prefix} {bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix(label.to_owned());
}

impl Bars {
    fn new(ctx: &Context<'_>, inputs: &[(PathBuf, PathBuf)]) -> Bars {
        let show = io::stderr().is_terminal()
            && !ctx.global.quiet
            && ctx.global.output != Some(OutputFormat::Json);
        let target = if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let multi = MultiProgress::with_draw_target(target);
        let total = (show && inputs.len() > 1).then(|| {
            let sum = inputs
                .iter()
                .filter(|(i, _)| !stdio(i))
                .filter_map(|(i, _)| fs::metadata(i).ok().map(|m| m.len()))
                .sum();
            let bar = multi.add(ProgressBar::new(sum));
            style(&bar, "total");
            bar
        });
        Bars { multi, total, show }
    }

    /// A bar for one file, and the callback that moves it (and the total).
    fn file(&self, len: Option<u64>, label: &str) -> (ProgressBar, impl Fn(u64) + Sync + '_) {
        let bar = match len.filter(|_| self.show) {
            Some(len) => {
                let bar = self.multi.add(ProgressBar::new(len));
                style(&bar, label);
                bar
            }
            None => ProgressBar::hidden(),
        };
        let done = std::sync::atomic::AtomicU64::new(0);
        let b = bar.clone();
        let tick = move |n: u64| {
            b.set_position(n);
            if let Some(t) = &self.total {
                let before = done.swap(n, std::sync::atomic::Ordering::Relaxed);
                t.inc(n.saturating_sub(before));
            }
        };
        (bar, tick)
    }
}

/// The summary of a file command: printed only when asked for (`--output`
/// or `-v`), so that a script or cron job sees nothing on success; never
/// when the data itself went to stdout.
fn summary(
    ctx: &Context<'_>,
    results: Vec<FileResult>,
    outputs: &[(PathBuf, PathBuf)],
) -> CliResult<Value> {
    let asked = ctx.global.output.is_some() || ctx.global.verbose;
    if !asked || outputs.iter().any(|(_, o)| stdio(o)) {
        return Ok(Value::Null);
    }
    super::to_json(serde_json::json!({ "Files": results }))
}

fn key_refs(kr: &Keyring, ids: &[lkms::envelope::WrappedKey]) -> Vec<String> {
    ids.iter().map(|w| kr.key_arn(&w.key_id)).collect()
}

/// `encrypt-file`.
pub fn encrypt_file(ctx: &Context<'_>, a: EncryptFileArgs) -> CliResult<Value> {
    let ec = blob::context(a.encryption_context)?;
    let suffix = a.suffix.clone();
    let inputs = expand(
        &a.inputs,
        a.recursive,
        &|p| !is_lkms_file(p),
        "already an lkms file",
    )?;
    let outputs = plan(
        inputs,
        a.output_file.as_ref(),
        a.output_dir.as_ref(),
        &|p| {
            let mut name = p.as_os_str().to_os_string();
            name.push(&suffix);
            Ok(PathBuf::from(name))
        },
    )?;
    refuse_binary_to_terminal(&outputs)?;
    let replace = check_io(&outputs, a.force)?;
    let recipients = read_recipients(&a.recipient_key)?;
    let run = |kr: Option<&Keyring>, first: &str| -> lkms::Result<Vec<FileResult>> {
        let keys: Vec<String> = match kr {
            None => Vec::new(),
            Some(_) if a.key_id.len() > 1 => a.key_id.clone(),
            Some(_) => vec![first.to_owned()],
        };
        if let Some(kr) = kr {
            ops::check_grant_tokens(kr, &a.grant_tokens)?;
        }
        let bars = Bars::new(ctx, &outputs);
        outputs
            .iter()
            .zip(&replace)
            .map(|((input, output), r)| {
                let to = Wrapping {
                    kr,
                    keys: &keys,
                    recipients: &recipients,
                };
                encrypt_one(&bars, to, &ec, input, output, *r)
            })
            .collect()
    };
    // Only public keys: no keyring, no credential.
    if a.key_id.is_empty() && !recipients.is_empty() {
        let results = run(None, "")?;
        return summary(ctx, results, &outputs);
    }
    let run = |kr: &Keyring, first: &str| run(Some(kr), first);
    let results = if a.key_id.len() > 1 {
        let mut kr = ctx.open()?;
        let r = run(&kr, "");
        kr.record(&ctx.call(), &r)?;
        r?
    } else {
        // One key or none (the managed default key, created on first use).
        let key = a
            .key_id
            .first()
            .map_or(ops::DEFAULT_KEY_ALIAS, String::as_str);
        let v = ctx.with_key(key, |kr, key| {
            run(kr, key).map(|v| serde_json::to_value(v).unwrap_or(Value::Null))
        })?;
        serde_json::from_value(v).map_err(|e| CliError::Param(format!("internal: {e}")))?
    };
    summary(ctx, results, &outputs)
}

/// The most bytes a public key file may have (an RSA-4096 key in
/// get-public-key's JSON is under 2 KiB; ML-KEM-1024's under 3 KiB).
const MAX_RECIPIENT_FILE: u64 = 64 * 1024;

/// The public keys of `--recipient-key`, each read once (a key named twice
/// gets one entry).
fn read_recipients(paths: &[PathBuf]) -> CliResult<Vec<Recipient>> {
    let mut out: Vec<Recipient> = Vec::new();
    for p in paths {
        let param = |m: String| CliError::Param(format!("--recipient-key {}: {m}", p.display()));
        let mut bytes = Vec::new();
        File::open(p)
            .and_then(|f| f.take(MAX_RECIPIENT_FILE + 1).read_to_end(&mut bytes))
            .map_err(|e| param(e.to_string()))?;
        if bytes.len() as u64 > MAX_RECIPIENT_FILE {
            return Err(param(format!(
                "larger than {MAX_RECIPIENT_FILE} bytes: not a public key file"
            )));
        }
        let r = Recipient::parse(&bytes).map_err(|e| match e {
            Error::Validation(m) => param(m),
            other => other.into(),
        })?;
        if !out.iter().any(|o| o.fingerprint() == r.fingerprint()) {
            out.push(r);
        }
    }
    Ok(out)
}

/// Where a new file's data key goes: CMKs of a keyring, public keys.
struct Wrapping<'a> {
    kr: Option<&'a Keyring>,
    keys: &'a [String],
    recipients: &'a [Recipient],
}

/// How a file result names a public-key recipient: its key id when its
/// file named it, else its type and fingerprint.
fn recipient_ref(kr: Option<&Keyring>, r: &lkms::envelope::RecipientKey) -> String {
    match (kr, r.key_id) {
        (Some(kr), Some(id)) => kr.key_arn(&id),
        (None, Some(id)) => id.to_string(),
        (_, None) => {
            let hex: String = r.fingerprint.iter().map(|b| format!("{b:02x}")).collect();
            format!("{}:sha256:{hex}", r.kind.name())
        }
    }
}

fn encrypt_one(
    bars: &Bars,
    to: Wrapping<'_>,
    ec: &EncryptionContext,
    input: &Path,
    output: &Path,
    replace: Replace,
) -> lkms::Result<FileResult> {
    let (reader, len) = open_input(input)?;
    let (data_key, wrapped) = match to.kr {
        Some(kr) => ops::new_file_key(kr, to.keys, ec)?,
        None => (lkms::secret::Key256::random(), Vec::new()),
    };
    let recipients = to
        .recipients
        .iter()
        .map(|r| r.wrap(&data_key))
        .collect::<lkms::Result<Vec<_>>>()?;
    let header = Header::with_recipients(ec.clone(), wrapped, recipients, DEFAULT_CHUNK_EXPONENT)?;
    let (bar, tick) = bars.file(len, &input.display().to_string());
    let mut sink = Sink::create(output, replace)?;
    let opts = Options {
        progress: Some(&tick),
        ..Options::default()
    };
    let done = match &mut sink {
        Sink::Staged { staged, .. } => {
            envelope::encrypt_to_file(&data_key, &header, reader, staged.file(), opts)
        }
        Sink::Stream(w) => envelope::encrypt(&data_key, &header, reader, w, opts),
    }?;
    sink.commit()?;
    bar.finish_and_clear();
    let mut key_ids = to
        .kr
        .map(|kr| key_refs(kr, header.keys()))
        .unwrap_or_default();
    key_ids.extend(header.recipients().iter().map(|r| recipient_ref(to.kr, r)));
    Ok(FileResult {
        input: input.display().to_string(),
        output: output.display().to_string(),
        plaintext_length: done.plaintext_len,
        key_ids,
    })
}

/// `decrypt-file`.
pub fn decrypt_file(ctx: &Context<'_>, a: DecryptFileArgs) -> CliResult<Value> {
    let required = a.encryption_context.unwrap_or_default();
    let suffix = a.suffix.clone();
    let inputs = expand(
        &a.inputs,
        a.recursive,
        &|p| p.to_string_lossy().ends_with(&suffix) && is_lkms_file(p),
        &format!("not an lkms file ending with {}", a.suffix),
    )?;
    let outputs = plan(
        inputs,
        a.output_file.as_ref(),
        a.output_dir.as_ref(),
        &|p| {
            let s = p.to_string_lossy();
            match s.strip_suffix(&suffix) {
                Some(stem) if !stem.is_empty() && !stem.ends_with('/') => Ok(PathBuf::from(stem)),
                _ => Err(CliError::Param(format!(
                    "{} does not end with {suffix}; name the output with -o",
                    p.display()
                ))),
            }
        },
    )?;
    refuse_binary_to_terminal(&outputs)?;
    let replace = check_io(&outputs, a.force)?;
    let bars = Bars::new(ctx, &outputs);
    // Every data key is unwrapped, and the call's audit record committed,
    // before any plaintext leaves the process.
    let mut kr = ctx.open()?;
    let opened = ops::check_grant_tokens(&kr, &a.grant_tokens).and_then(|()| {
        outputs
            .iter()
            .map(|(input, _)| open_one(&kr, a.key_id.as_deref(), &required, input))
            .collect::<lkms::Result<Vec<_>>>()
    });
    let unwrapped = opened.as_ref().map(|files| {
        let arns: Vec<&str> = files.iter().map(|f| f.arn.as_str()).collect();
        serde_json::json!({ "KeyIds": arns })
    });
    kr.record(&ctx.call(), &unwrapped)?;
    let results = opened?
        .into_iter()
        .zip(outputs.iter().zip(&replace))
        .map(|(file, ((input, output), r))| decrypt_one(&bars, file, input, output, *r))
        .collect::<lkms::Result<Vec<_>>>()?;
    summary(ctx, results, &outputs)
}

/// A file whose data key is unwrapped, ready to stream.
struct Opened {
    reader: Box<dyn Read + Send>,
    len: Option<u64>,
    header: Header,
    keys: lkms::envelope::BodyKeys,
    arn: String,
}

fn open_one(
    kr: &Keyring,
    key_id: Option<&str>,
    required: &std::collections::BTreeMap<String, String>,
    input: &Path,
) -> lkms::Result<Opened> {
    let (mut reader, len) = open_input(input)?;
    let (header, tag) = Header::read(&mut reader)?;
    let (_, keys, arn) = ops::open_file_key(kr, &header, &tag, key_id, "Decrypt")?;
    // As aws-encryption-cli: every pair asked for must be in the file's
    // (now authenticated) context, checked before any output exists.
    for (k, v) in required {
        if header.context().pairs().get(k) != Some(v) {
            return Err(Error::InvalidCiphertext(format!(
                "the file's encryption context does not contain {k}={v}"
            )));
        }
    }
    Ok(Opened {
        reader,
        len,
        header,
        keys,
        arn,
    })
}

fn decrypt_one(
    bars: &Bars,
    f: Opened,
    input: &Path,
    output: &Path,
    replace: Replace,
) -> lkms::Result<FileResult> {
    let (bar, tick) = bars.file(f.len, &input.display().to_string());
    let mut sink = Sink::create(output, replace)?;
    let opts = Options {
        progress: Some(&tick),
        ..Options::default()
    };
    let done = match &mut sink {
        Sink::Staged { staged, .. } => {
            envelope::decrypt_to_file(&f.header, &f.keys, f.reader, staged.file(), opts)
        }
        Sink::Stream(w) => envelope::decrypt(&f.header, &f.keys, f.reader, w, opts),
    }?;
    // Only now, with every chunk authenticated, does the file get its name.
    sink.commit()?;
    bar.finish_and_clear();
    Ok(FileResult {
        input: input.display().to_string(),
        output: output.display().to_string(),
        plaintext_length: done.plaintext_len,
        key_ids: vec![f.arn],
    })
}

/// `rewrap-file`: a new header, the body bytes copied as they are.
pub fn rewrap_file(ctx: &Context<'_>, a: RewrapFileArgs) -> CliResult<Value> {
    let results = ctx.read(|kr| {
        a.files
            .iter()
            .map(|path| {
                let mut file =
                    File::open(path).map_err(io_err(format!("opening {}", path.display())))?;
                let (header, tag) = Header::read(&mut file)?;
                let (data_key, _, _) =
                    ops::open_file_key(kr, &header, &tag, None, "ReEncryptFrom")?;
                let keys = ops::rewrap_keys(kr, &header, &data_key, &a.destination_key_id)?;
                let new = header.with_keys(keys)?;
                let (bytes, _) = new.encode(&data_key);
                // In place, by design: the file is replaced by its rewrap.
                let mut sink = Sink::create(path, Replace::Allowed)?;
                if let Sink::Staged { staged, .. } = &mut sink {
                    let perms = file.metadata().map(|m| m.permissions()).ok();
                    let out = staged.file_mut();
                    out.write_all(&bytes)
                        .map_err(io_err(format!("writing {}", path.display())))?;
                    // std uses copy_file_range here: the body is not even read into memory.
                    io::copy(&mut file, out)
                        .map_err(io_err(format!("copying {}", path.display())))?;
                    if let Some(p) = perms {
                        out.set_permissions(p).ok();
                    }
                } else {
                    return Err(Error::validation(format!(
                        "{} is not a regular file",
                        path.display()
                    )));
                }
                sink.commit()?;
                Ok(serde_json::json!({
                    "File": path.display().to_string(),
                    "KeyIds": key_refs(kr, new.keys()),
                }))
            })
            .collect::<lkms::Result<Vec<_>>>()
    })?;
    if ctx.global.output.is_none() && !ctx.global.verbose {
        return Ok(Value::Null);
    }
    super::to_json(serde_json::json!({ "Files": results }))
}

/// `inspect-file`: reads only the header; needs no credentials.
pub fn inspect_file(a: InspectFileArgs) -> CliResult<Value> {
    let (mut reader, len) = open_input(&a.file)?;
    let (header, _) = Header::read(&mut reader)?;
    let body = len.map(|l| l.saturating_sub(header.len() as u64));
    super::to_json(ops::inspect(&header, body))
}
