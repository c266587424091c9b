//! Recovery files: the unsaved state of an open project, kept outside the
//! project file so a crash, kill or power loss loses (almost) nothing.
//!
//! [`crate::autosave::Autosaver`] writes them while there are unsaved
//! changes; the app looks for them at start-up ([`startup_offer`]) and offers
//! to restore or discard; a save or a clean exit removes them. The real
//! project file is only ever written when the reviewer saves.
//!
//! # Where and what
//! One file per open project in [`data_dir`], named from a hash of the
//! project's path (or, for a project never saved, of its article's
//! `text_hash`), so reopening the same project finds its file without a
//! directory scan. A recovery file is one line of RON header
//! ([`RecoveryHeader`]: when it was written, for which project file, by
//! which process) followed by the project in the ordinary project-file format
//! ([`crate::project_file::to_string`]): the format is not duplicated, and a
//! reader can copy everything after the first line into a `.claims.ron` by
//! hand if all else fails. Files are written with
//! [`crate::atomic::write_atomic`], so a kill during a write leaves the
//! previous recovery file, never half of one.
//!
//! # Kill-safe first, power-safe right after
//! A file is safe from a crash or kill as soon as it is renamed into place
//! (the kernel has it); it is safe from power loss only once flushed to the
//! disk, and a flush can stall for a second or more while the disk is busy
//! with someone else's writes. So the autosaver writes with
//! [`write_unsynced`] (atomic, no flush: the autosave deadline never waits
//! on the disk) and flushes with [`sync_to_disk`] on another thread right
//! after. [`write()`] does both in one call.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::atomic::{AtomicWriteError, FileSystem, RealFs, write_atomic};
use crate::model::{Project, StatementId};
use crate::project_file::{self, ProjectFileError};

/// Environment variable that overrides the platform data directory (tests,
/// CI, portable installs).
pub const DATA_DIR_ENV: &str = "CLAIMDESK_DATA_DIR";

/// The file-name suffix of recovery files.
pub const SUFFIX: &str = ".recovery.ron";

/// The recovery header version this build writes and reads.
const HEADER_VERSION: u32 = 1;

/// Headers are one flat struct; anything nested deeper is not ours.
const HEADER_RECURSION_LIMIT: usize = 8;

/// claimdesk's per-user data directory: `$CLAIMDESK_DATA_DIR` if set, else
/// the platform's data directory (`~/.local/share/claimdesk` on Linux).
/// `None` when the platform has no home directory to put it in.
pub fn base_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV)
        && !dir.is_empty()
    {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "claimdesk", "claimdesk")
        .map(|dirs| dirs.data_dir().to_owned())
}

/// The folder recovery files live in: [`base_dir`] joined with `recovery/`.
pub fn data_dir() -> Option<PathBuf> {
    base_dir().map(|dir| dir.join("recovery"))
}

/// Why a recovery file could not be written, read or removed. Messages end
/// with the file's path.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// `recover --discard` was given something that is not a recovery file.
    #[error("Refusing to discard a file that is not a recovery file ({message}): {}", path.display())]
    NotRecoveryFile {
        /// The file.
        path: PathBuf,
        /// Why it does not count as one.
        message: String,
    },
    /// The recovery folder could not be created.
    #[error("Could not create the recovery folder: {cause}: {}", path.display())]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// Reading failed.
    #[error("Could not read the recovery file: {cause}: {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// The first line is not a recovery header this build understands.
    #[error("Could not read the recovery file: {message}: {}", path.display())]
    Header {
        /// The file.
        path: PathBuf,
        /// What is wrong with the header.
        message: String,
    },
    /// The header is fine but the project after it is not.
    #[error(transparent)]
    Project(#[from] ProjectFileError),
    /// Serialising the project failed (should not happen for a valid one).
    #[error("Could not write the recovery file: {message}: {}", path.display())]
    Serialize {
        /// The file.
        path: PathBuf,
        /// What the serialiser said.
        message: String,
    },
    /// The atomic write failed; the previous recovery file is intact.
    #[error(transparent)]
    Write(#[from] AtomicWriteError),
    /// Removing failed.
    #[error("Could not remove the recovery file: {cause}: {}", path.display())]
    Remove {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
}

/// The unsaved state of one project, taken on the UI thread (a clone, which
/// is cheap: the article text is shared) and written elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The project as it was.
    pub project: Project,
    /// Where it is saved, `None` if never.
    pub project_path: Option<PathBuf>,
    /// When the snapshot was taken: the time the reviewer sees in the
    /// restore offer, since this is the state it restores.
    pub taken: SystemTime,
}

/// The first line of a recovery file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "recovery")]
pub struct RecoveryHeader {
    /// Always 1 for now; a newer value is refused rather than misread.
    pub recovery_version: u32,
    /// When the snapshot was taken, RFC 3339 UTC.
    pub written: String,
    /// The project file it belongs to (lossy if the path is not UTF-8),
    /// `None` for a project never saved.
    pub project_path: Option<String>,
    /// The process that wrote it: a file whose writer is still running
    /// belongs to another open window and is not offered for recovery.
    pub pid: u32,
    /// The writer's session in the recovery folder (see
    /// [`crate::lock::session_id`]): while its session file is locked the
    /// writer runs. Decides over `pid`, which may have been reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// One recovery file found on disk.
#[derive(Debug)]
pub struct RecoveryEntry {
    /// The recovery file itself.
    pub path: PathBuf,
    /// When its snapshot was taken (the header's time, else the file's
    /// modification time), if known.
    pub written: Option<SystemTime>,
    /// The project file it belongs to, `None` for a project never saved.
    pub project_path: Option<PathBuf>,
    /// The process that wrote it, if the header could be read.
    pub pid: Option<u32>,
    /// The writer's session id, if the header names one.
    pub session: Option<String>,
    /// The recovered project, or why it cannot be read.
    pub project: Result<Project, RecoveryError>,
}

impl RecoveryEntry {
    /// True when the process that wrote this file is still running (so the
    /// file belongs to another open window, not to a crash).
    pub fn owner_alive(&self) -> bool {
        if let (Some(session), Some(dir)) = (&self.session, self.path.parent())
            && let Some(alive) = crate::lock::session_alive(dir, session)
        {
            // Our own session is alive but the file is no other window's.
            return alive && crate::lock::own_session(dir).as_deref() != Some(session.as_str());
        }
        self.pid
            .is_some_and(|pid| pid != std::process::id() && crate::lock::pid_alive(pid))
    }

    /// One sentence for the restore offer: when the work is from and how
    /// much differs from `saved` (the project file as it is on disk, if any).
    pub fn describe(&self, saved: Option<&Project>) -> String {
        let when = self
            .written
            .map(|t| humantime::format_rfc3339_seconds(t).to_string())
            .unwrap_or_else(|| "an unknown time".to_owned());
        match (&self.project, saved) {
            (Err(error), _) => format!("Unsaved work from {when} cannot be restored: {error}"),
            (Ok(recovered), Some(saved)) => {
                let n = differing_statements(saved, recovered);
                let header = if recovered.article.title != saved.article.title
                    || recovered.meta != saved.meta
                    || recovered.scale != saved.scale
                {
                    " and the project details"
                } else {
                    ""
                };
                format!(
                    "Unsaved work from {when}: {n} statement{} differ{} from the saved file{header}.",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" },
                )
            }
            (Ok(recovered), None) => format!(
                "Unsaved work from {when} on \u{201c}{}\u{201d}, never saved to a file.",
                recovered.article.title
            ),
        }
    }
}

/// The first 16 hex digits of the SHA-256 of `bytes`: short, and collisions
/// among one person's open projects are out of the question.
fn short_hash(bytes: &[u8]) -> String {
    let mut hex = crate::model::sha256_hex(bytes);
    hex.truncate(16);
    hex
}

/// The path used as the project's identity: resolved through symlinks when
/// it exists, so two spellings of one file share one recovery file.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_owned())
}

/// The recovery file for a project saved at `project_path`, or, when it has
/// never been saved, for the article with `text_hash`.
pub fn file_for(dir: &Path, project_path: Option<&Path>, text_hash: &str) -> PathBuf {
    let name = match project_path {
        Some(path) => format!(
            "p-{}{SUFFIX}",
            short_hash(identity(path).as_os_str().as_encoded_bytes())
        ),
        None => format!("t-{}{SUFFIX}", short_hash(text_hash.as_bytes())),
    };
    dir.join(name)
}

/// The recovery file `snapshot` goes to in `dir`.
pub fn file_for_snapshot(dir: &Path, snapshot: &Snapshot) -> PathBuf {
    file_for(
        dir,
        snapshot.project_path.as_deref(),
        &snapshot.project.article.text_hash,
    )
}

/// The text of a recovery file for `snapshot`; `target` is only used in
/// messages.
pub fn to_string(snapshot: &Snapshot, target: &Path) -> Result<String, RecoveryError> {
    let serialize = |message: String| RecoveryError::Serialize {
        path: target.to_owned(),
        message,
    };
    let header = RecoveryHeader {
        recovery_version: HEADER_VERSION,
        written: humantime::format_rfc3339_millis(snapshot.taken).to_string(),
        project_path: snapshot
            .project_path
            .as_deref()
            .map(|p| identity(p).to_string_lossy().into_owned()),
        pid: std::process::id(),
        // Only a real folder gets a session file: a bare name (a test
        // serialising to "r") must not leave one in the working folder.
        session: target
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty() && dir.is_dir())
            .and_then(crate::lock::session_id),
    };
    // Compact RON escapes line breaks inside strings, so the header is
    // exactly one line whatever the path contains.
    let mut text = ron::to_string(&header).map_err(|e| serialize(e.to_string()))?;
    text.push('\n');
    text.push_str(
        &project_file::to_string(&snapshot.project).map_err(|e| serialize(e.to_string()))?,
    );
    Ok(text)
}

/// Parses the text of a recovery file; `path` is only used in messages.
pub fn from_str(
    source: &str,
    path: &Path,
) -> (
    Result<RecoveryHeader, RecoveryError>,
    Option<Result<Project, RecoveryError>>,
) {
    let header_error = |message: String| RecoveryError::Header {
        path: path.to_owned(),
        message,
    };
    let Some((first, rest)) = source.split_once('\n') else {
        return (Err(header_error("it has no header line".to_owned())), None);
    };
    let header: Result<RecoveryHeader, RecoveryError> = ron::Options::default()
        .with_recursion_limit(HEADER_RECURSION_LIMIT)
        .from_str(first)
        .map_err(|e| header_error(format!("its header is damaged ({})", e.code)))
        .and_then(|h: RecoveryHeader| {
            if h.recovery_version > HEADER_VERSION || h.recovery_version == 0 {
                Err(header_error(format!(
                    "it is recovery format {}, which this claimdesk cannot read",
                    h.recovery_version
                )))
            } else {
                Ok(h)
            }
        });
    let project = header
        .is_ok()
        .then(|| project_file::from_str(rest, path).map_err(RecoveryError::from));
    (header, project)
}

/// Writes `snapshot` to its recovery file in `dir` (creating `dir`),
/// atomically and flushed to disk; returns the file written.
pub fn write(dir: &Path, snapshot: &Snapshot) -> Result<PathBuf, RecoveryError> {
    write_with(&RealFs, dir, snapshot)
}

/// Writes `snapshot` atomically but without waiting for the disk: safe
/// from a crash or kill once this returns, safe from power loss once
/// [`make_durable`] has run on the returned file.
pub fn write_unsynced(dir: &Path, snapshot: &Snapshot) -> Result<PathBuf, RecoveryError> {
    write_with(&NoFlushFs, dir, snapshot)
}

/// The second, durable generation of recovery file `primary`: a hidden
/// file beside it that only ever holds a copy already flushed to the disk.
///
/// The primary file is renamed into place without waiting for the disk
/// (see the module doc), so after a power cut it may be empty or torn; the
/// durable copy is then the newest work that survived, and [`read`] falls
/// back to it. It is replaced only by a rename of a file that is already
/// on disk, so at every instant one of the two is whole.
pub fn durable_copy(primary: &Path) -> PathBuf {
    let name = primary
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    primary.with_file_name(format!(".{name}.durable"))
}

/// First half of [`make_durable`]: captures what `primary` holds now under
/// a temporary name (a hard link, so a newer write renamed over `primary`
/// meanwhile does not change it) and flushes it to the disk. Returns the
/// temporary name for [`commit_durable`].
pub fn capture_durable<F: FileSystem>(fs: &F, primary: &Path) -> std::io::Result<PathBuf> {
    let tmp = link_capture(fs, primary)?;
    if let Err(e) = fs.sync_path(&tmp) {
        let _ = fs.remove(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// The quick part of [`capture_durable`]: the hard link alone, not yet
/// flushed (the caller flushes it with [`FileSystem::sync_path`]).
pub fn link_capture<F: FileSystem>(fs: &F, primary: &Path) -> std::io::Result<PathBuf> {
    let tmp = durable_copy(primary).with_extension(format!("durable-tmp-{}", std::process::id()));
    let _ = fs.remove(&tmp);
    fs.hard_link(primary, &tmp)?;
    Ok(tmp)
}

/// Second half of [`make_durable`]: puts the flushed capture in place as
/// the durable copy of `primary`.
pub fn commit_durable<F: FileSystem>(fs: &F, tmp: &Path, primary: &Path) -> std::io::Result<()> {
    let result = fs.rename(tmp, &durable_copy(primary));
    if result.is_err() {
        let _ = fs.remove(tmp);
    }
    result
}

/// Makes the current contents of recovery file `primary` survive a power
/// cut, as its durable copy ([`durable_copy`]).
pub fn make_durable(primary: &Path) -> std::io::Result<()> {
    let tmp = capture_durable(&RealFs, primary)?;
    commit_durable(&RealFs, &tmp, primary)
}

/// Flushes a recovery file and its folder entry to the disk.
pub fn sync_to_disk(file: &Path) -> std::io::Result<()> {
    std::fs::File::open(file)?.sync_all()?;
    if let Some(dir) = file.parent() {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}

/// The real file system minus the flushes (see the module doc).
struct NoFlushFs;

impl FileSystem for NoFlushFs {
    type File = std::fs::File;

    fn create_new(&self, path: &Path) -> std::io::Result<std::fs::File> {
        RealFs.create_new(path)
    }

    fn sync(&self, file: &mut std::fs::File) -> std::io::Result<()> {
        std::io::Write::flush(file)
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::rename(from, to)
    }

    fn remove(&self, path: &Path) -> std::io::Result<()> {
        RealFs.remove(path)
    }
}

/// [`write()`] through `fs` (tests inject faults).
pub fn write_with<F: FileSystem>(
    fs: &F,
    dir: &Path,
    snapshot: &Snapshot,
) -> Result<PathBuf, RecoveryError> {
    std::fs::create_dir_all(dir).map_err(|cause| RecoveryError::CreateDir {
        path: dir.to_owned(),
        cause,
    })?;
    let target = file_for_snapshot(dir, snapshot);
    let text = to_string(snapshot, &target)?;
    write_atomic(fs, &target, text.as_bytes())?;
    Ok(target)
}

/// Reads one recovery file, or its durable copy where that is newer or the
/// file itself is unreadable (torn by a power cut). Never fails as a whole:
/// what could not be read is in the entry, so a damaged file can still be
/// shown and discarded. The entry's path is always the recovery file's own.
pub fn read(path: &Path) -> RecoveryEntry {
    let primary = read_one(path);
    let durable_path = durable_copy(path);
    if !durable_path.exists() {
        return primary;
    }
    let mut durable = read_one(&durable_path);
    durable.path = path.to_owned();
    match (&primary.project, &durable.project) {
        (Ok(_), Ok(_)) if durable.written > primary.written => durable,
        (Ok(_), _) => primary,
        (Err(_), Ok(_)) => durable,
        // Neither reads: show the file's own error.
        (Err(_), Err(_)) => primary,
    }
}

fn read_one(path: &Path) -> RecoveryEntry {
    let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let mut entry = RecoveryEntry {
        path: path.to_owned(),
        written: mtime,
        project_path: None,
        pid: None,
        session: None,
        project: Err(RecoveryError::Header {
            path: path.to_owned(),
            message: "it was not read".to_owned(),
        }),
    };
    let source = match crate::files::read_regular(path, project_file::MAX_PROJECT_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(source) => source,
            Err(e) => {
                entry.project = Err(RecoveryError::Header {
                    path: path.to_owned(),
                    message: format!(
                        "it is not UTF-8 text (bad byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                });
                return entry;
            }
        },
        Err(crate::files::ReadError::Io(cause)) => {
            entry.project = Err(RecoveryError::Io {
                path: path.to_owned(),
                cause,
            });
            return entry;
        }
        Err(other) => {
            entry.project = Err(RecoveryError::Header {
                path: path.to_owned(),
                message: other.to_string(),
            });
            return entry;
        }
    };
    match from_str(&source, path) {
        (Ok(header), project) => {
            entry.written = humantime::parse_rfc3339(&header.written).ok().or(mtime);
            entry.project_path = header.project_path.map(PathBuf::from);
            entry.pid = Some(header.pid);
            entry.session = header.session;
            if let Some(project) = project {
                entry.project = project;
            }
        }
        (Err(error), _) => entry.project = Err(error),
    }
    entry
}

/// Every recovery file in `dir`, newest first. A missing or unreadable
/// folder has none.
pub fn list(dir: &Path) -> Vec<RecoveryEntry> {
    let Ok(read_dir) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    // A recovery file is listed by its own name, also when only its durable
    // copy survived (a power cut right after a rename).
    let primaries: BTreeSet<PathBuf> = read_dir
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            // Temporary files of an interrupted atomic write start with a
            // dot and never end in the suffix; skip both kinds of stray.
            if !name.starts_with('.') && name.ends_with(SUFFIX) {
                return Some(e.path());
            }
            let own = name.strip_prefix('.')?.strip_suffix(".durable")?;
            (own.ends_with(SUFFIX) && !own.starts_with('.')).then(|| dir.join(own))
        })
        .collect();
    let mut entries: Vec<RecoveryEntry> = primaries.iter().map(|p| read(p)).collect();
    entries.sort_by(|a, b| b.written.cmp(&a.written).then_with(|| a.path.cmp(&b.path)));
    entries
}

/// What to offer at start-up: for `project_path`, its recovery file; with no
/// path, the newest recovery file of any project. Files still being written
/// by another running claimdesk are never offered (that window has the work).
pub fn startup_offer(dir: &Path, project_path: Option<&Path>) -> Option<RecoveryEntry> {
    match project_path {
        Some(path) => {
            let file = file_for(dir, Some(path), "");
            if !file.is_file() && !durable_copy(&file).is_file() {
                return None;
            }
            let entry = read(&file);
            (!entry.owner_alive()).then_some(entry)
        }
        None => orphans(dir).into_iter().next(),
    }
}

/// The recovery file of a never-saved project over the article with
/// `text_hash`, if one is left from a crash (for offering a restore when
/// the reviewer opens the same article again).
pub fn offer_for_article(dir: &Path, text_hash: &str) -> Option<RecoveryEntry> {
    let file = file_for(dir, None, text_hash);
    if !file.is_file() && !durable_copy(&file).is_file() {
        return None;
    }
    let entry = read(&file);
    (!entry.owner_alive()).then_some(entry)
}

/// Every recovery file whose writer is no longer running, newest first.
pub fn orphans(dir: &Path) -> Vec<RecoveryEntry> {
    list(dir).into_iter().filter(|e| !e.owner_alive()).collect()
}

/// How many statements were added, removed or changed between `saved` and
/// `recovered`, matched by id.
pub fn differing_statements(saved: &Project, recovered: &Project) -> usize {
    let before: HashMap<StatementId, _> = saved.statements.iter().map(|s| (s.id, s)).collect();
    let mut differing = 0;
    let mut matched = 0;
    for statement in &recovered.statements {
        match before.get(&statement.id) {
            Some(old) => {
                matched += 1;
                if *old != statement {
                    differing += 1;
                }
            }
            None => differing += 1,
        }
    }
    // Every saved statement not matched was removed (merged away).
    differing + (before.len() - matched.min(before.len()))
}

/// Removes the recovery file `path` on the reviewer's explicit word (the
/// `recover --discard` command), but only if it is one: a file directly in
/// the recovery folder `dir`, with the recovery suffix, whose header reads
/// as a recovery header. Anything else is refused, so a mistyped path can
/// never delete a project or an article.
pub fn discard_checked(dir: &Path, path: &Path) -> Result<(), RecoveryError> {
    let refuse = |message: &str| RecoveryError::NotRecoveryFile {
        path: path.to_owned(),
        message: message.to_owned(),
    };
    let inside = match (
        std::fs::canonicalize(dir),
        path.parent().map(|parent| {
            std::fs::canonicalize(if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            })
        }),
    ) {
        (Ok(dir), Some(Ok(parent))) => dir == parent,
        _ => false,
    };
    if !inside {
        return Err(refuse(&format!(
            "it is not in the recovery folder {}",
            dir.display()
        )));
    }
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(SUFFIX) && !n.starts_with('.'));
    if !named {
        return Err(refuse("its name does not end in .recovery.ron"));
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(refuse("it is a symbolic link"));
    }
    let entry = read(path);
    if entry.pid.is_none() {
        return Err(refuse("it does not start with a recovery header"));
    }
    discard(path)
}

/// Removes a recovery file (restored or declined) and its durable copy.
/// Already gone is fine.
pub fn discard(path: &Path) -> Result<(), RecoveryError> {
    for file in [path.to_owned(), durable_copy(path)] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(cause) => return Err(RecoveryError::Remove { path: file, cause }),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
