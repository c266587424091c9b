//! Project locks: a warning when the same project is open in two windows.
//!
//! Two windows saving one file would silently overwrite each other's work,
//! so opening a project takes a lock: a small file `.<name>.lock` beside the
//! project holding the owner's pid and the time it took the lock (or, when
//! the project's folder is read-only, a file in the data directory named
//! from a hash of the project path). A second window finds the lock and gets
//! [`LockError::HeldBy`], which the UI turns into a warning with a choice to
//! open anyway ([`ProjectLock::force`]).
//!
//! A lock whose owner is no longer running (crash, kill, power loss) is
//! stale and is taken over silently. Whether the owner runs is not guessed
//! from its process id (ids are reused, and only Linux can look them up):
//! the owner holds an operating-system advisory lock (`flock`, through
//! `File::try_lock`) on the lock file for as long as the project is open,
//! and the operating system drops it when the process ends, however it
//! ends. A lock file that exists but is not locked is stale, whatever its
//! id says. Only on file systems without advisory locks does the process id
//! decide ([`pid_alive`]).
//!
//! The same mechanism tells whether the window that wrote a recovery file
//! still runs: each process holds a locked session file in the recovery
//! folder ([`session_id`], [`session_alive`]).
//!
//! The lock file is created complete (written to a temporary name, then
//! hard-linked into place, which fails if a lock already exists), so another
//! process never sees a half-written lock. The lock is released on drop,
//! and only if the file is still ours (a forced take-over replaced it).

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

/// Why a lock could not be taken. Messages end with the project's path.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another running claimdesk has the project open.
    #[error("The project is already open in another claimdesk window (process {pid}, since {}): {}", since.map(|t| humantime::format_rfc3339_seconds(t).to_string()).unwrap_or_else(|| "an unknown time".to_owned()), project.display())]
    HeldBy {
        /// The other process.
        pid: u32,
        /// When it took the lock, if the lock says.
        since: Option<SystemTime>,
        /// The project.
        project: PathBuf,
        /// The lock file.
        lock_file: PathBuf,
    },
    /// The lock file could not be created or read.
    #[error("Could not lock the project ({cause}): {}", project.display())]
    Io {
        /// The project.
        project: PathBuf,
        /// The OS error.
        cause: io::Error,
    },
}

/// What a lock file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "lock")]
struct LockRecord {
    pid: u32,
    since: String,
    /// Tells two locks of one process apart (same pid, same millisecond),
    /// so releasing one never removes the other.
    #[serde(default)]
    token: u64,
}

/// A token unique within this process.
fn next_token() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A held project lock; released (the lock file removed) on drop.
#[derive(Debug)]
pub struct ProjectLock {
    file: PathBuf,
    contents: Vec<u8>,
    took_over: Option<u32>,
    /// The open lock file holding the advisory lock; dropping it (or the
    /// process dying) releases the lock.
    _held: Option<std::fs::File>,
}

impl ProjectLock {
    /// Locks `project_path`, or reports who holds it. A stale lock from a
    /// dead process is taken over. Falls back to the data directory's
    /// `locks/` when the project's folder is read-only.
    pub fn acquire(project_path: &Path) -> Result<ProjectLock, LockError> {
        Self::acquire_in(project_path, fallback_dir().as_deref(), false)
    }

    /// Locks `project_path` even if another process holds it: the reviewer
    /// was warned and chose to open it anyway. The other window's lock is
    /// replaced, so it will not remove ours when it closes.
    pub fn force(project_path: &Path) -> Result<ProjectLock, LockError> {
        Self::acquire_in(project_path, fallback_dir().as_deref(), true)
    }

    /// [`ProjectLock::acquire`] (or, with `force`, [`ProjectLock::force`])
    /// with an explicit fallback folder for read-only project folders.
    pub fn acquire_in(
        project_path: &Path,
        fallback: Option<&Path>,
        force: bool,
    ) -> Result<ProjectLock, LockError> {
        let beside = lock_file_for(project_path);
        match take(&beside, project_path, force) {
            Err(LockError::Io { cause, .. })
                if matches!(
                    cause.kind(),
                    io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                ) && fallback.is_some() =>
            {
                let Some(dir) = fallback else {
                    return Err(LockError::Io {
                        project: project_path.to_owned(),
                        cause,
                    });
                };
                std::fs::create_dir_all(dir).map_err(|cause| LockError::Io {
                    project: project_path.to_owned(),
                    cause,
                })?;
                take(&fallback_file(dir, project_path), project_path, force)
            }
            other => other,
        }
    }

    /// The lock file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The pid of the dead (or, when forced, overruled) process whose lock
    /// was replaced, if any.
    pub fn took_over_from(&self) -> Option<u32> {
        self.took_over
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Only remove the lock if it is still ours: after a forced take-over
        // it belongs to the other window.
        if std::fs::read(&self.file).is_ok_and(|bytes| bytes == self.contents) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

/// The sessions this process holds, one per recovery folder it wrote to:
/// the open, locked session files, kept until the process ends.
static SESSIONS: std::sync::Mutex<Vec<(PathBuf, String, std::fs::File)>> =
    std::sync::Mutex::new(Vec::new());

fn session_file(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!(".session-{id}.lock"))
}

/// This process's session id in folder `dir`: a locked file
/// `.session-ID.lock` there says this process still runs, for as long as it
/// does. `None` when the file cannot be made or the file system has no
/// advisory locks (the pid is then the only clue).
pub fn session_id(dir: &Path) -> Option<String> {
    let mut sessions = SESSIONS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, id, _)) = sessions.iter().find(|(d, _, _)| d == dir) {
        return Some(id.clone());
    }
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let id = format!("{}-{nanos:x}", std::process::id());
    let handle = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(session_file(dir, &id))
        .ok()?;
    handle.try_lock().ok()?;
    sessions.push((dir.to_owned(), id.clone(), handle));
    sweep_sessions(dir);
    Some(id)
}

/// Removes the session files of processes that have ended, so they do not
/// pile up (one per window ever opened).
fn sweep_sessions(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(id) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".session-"))
            .and_then(|n| n.strip_suffix(".lock"))
        else {
            continue;
        };
        // `session_alive` removes the file when nobody holds it.
        let _ = session_alive(dir, id);
    }
}

/// This process's session id in `dir` if it already has one (never creates
/// one).
pub fn own_session(dir: &Path) -> Option<String> {
    let sessions = SESSIONS.lock().unwrap_or_else(|p| p.into_inner());
    sessions
        .iter()
        .find(|(d, _, _)| d == dir)
        .map(|(_, id, _)| id.clone())
}

/// Whether the process whose session `id` is in folder `dir` still runs:
/// `Some(true)` while its session file is locked, `Some(false)` when the
/// file is gone or nobody holds it (the stale file is removed), `None` when
/// advisory locks cannot tell.
pub fn session_alive(dir: &Path, id: &str) -> Option<bool> {
    // An id is ours alone: digits, letters and a dash. Anything else in a
    // (possibly hand-edited) header must not name a path.
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let file = session_file(dir, id);
    if !file.exists() {
        return Some(false);
    }
    let held = locked_by_someone(&file)?;
    if !held {
        let _ = std::fs::remove_file(&file);
    }
    Some(held)
}

/// `.<name>.lock` beside the project.
pub fn lock_file_for(project_path: &Path) -> PathBuf {
    let name = project_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".to_owned());
    project_path.with_file_name(format!(".{name}.lock"))
}

fn fallback_dir() -> Option<PathBuf> {
    crate::recovery::base_dir().map(|dir| dir.join("locks"))
}

/// The lock file for `project_path` inside the fallback folder `dir`.
fn fallback_file(dir: &Path, project_path: &Path) -> PathBuf {
    let identity = std::fs::canonicalize(project_path)
        .or_else(|_| std::path::absolute(project_path))
        .unwrap_or_else(|_| project_path.to_owned());
    let mut hex = crate::model::sha256_hex(identity.as_os_str().as_encoded_bytes());
    hex.truncate(16);
    dir.join(format!("{hex}.lock"))
}

/// True when process `pid` is running. On Linux, from `/proc` (a zombie
/// is dead); where that cannot be told, every process counts as running.
pub fn pid_alive(pid: u32) -> bool {
    if pid == 0 {
        return false;
    }
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // The state letter follows the command name's closing
            // parenthesis; the name itself may contain ") ".
            Ok(stat) => !matches!(
                stat.rsplit_once(')')
                    .and_then(|(_, rest)| rest.trim_start().chars().next()),
                Some('Z' | 'X')
            ),
            Err(e) => e.kind() != io::ErrorKind::NotFound,
        };
    }
    true
}

/// Takes the advisory lock on `handle`: `Some(handle)` when held, `None`
/// where the file system has no advisory locks (the pid then decides).
fn hold(handle: std::fs::File) -> io::Result<Option<std::fs::File>> {
    match handle.try_lock() {
        Ok(()) => Ok(Some(handle)),
        Err(std::fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the lock file is locked by another process",
        )),
        Err(std::fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// Whether the lock file at `file` is held by a running process: `Some`
/// when advisory locks answer, `None` when they cannot (unsupported).
fn locked_by_someone(file: &Path) -> Option<bool> {
    let handle = std::fs::File::open(file).ok()?;
    match handle.try_lock() {
        // Nobody holds it; our probe's lock goes with the handle.
        Ok(()) => Some(false),
        Err(std::fs::TryLockError::WouldBlock) => Some(true),
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

/// Creates `file` holding `contents`, failing with `AlreadyExists` if it is
/// there, without ever exposing a partly written file, and returns it
/// locked. The temporary file is locked before it is linked into place, so
/// the lock file is never visible unlocked.
fn create_complete(file: &Path, contents: &[u8]) -> io::Result<Option<std::fs::File>> {
    let tmp = file.with_file_name(format!(
        "{}.tmp-{}",
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let mut handle = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    let written = handle.write_all(contents).and_then(|()| handle.flush());
    if let Err(e) = written {
        drop(handle);
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    let held = match hold(handle) {
        Ok(held) => held,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    let linked = std::fs::hard_link(&tmp, file);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(held),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links: exclusive create, then write.
        // A reader may then see it empty for an instant, which counts as
        // stale only if it stays unreadable (see `take`).
        Err(_) => {
            drop(held);
            let mut handle = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(file)?;
            handle.write_all(contents)?;
            hold(handle)
        }
    }
}

fn take(file: &Path, project: &Path, force: bool) -> Result<ProjectLock, LockError> {
    let io_error = |cause| LockError::Io {
        project: project.to_owned(),
        cause,
    };
    let record = LockRecord {
        pid: std::process::id(),
        since: humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
        token: next_token(),
    };
    let contents = ron::to_string(&record)
        .map_err(|e| io_error(io::Error::other(e.to_string())))?
        .into_bytes();
    let mut took_over = None;
    // A few rounds: each lost race (the file vanished or changed under us)
    // starts over; more than that means something keeps fighting for it.
    for _ in 0..8 {
        match create_complete(file, &contents) {
            Ok(held) => {
                return Ok(ProjectLock {
                    file: file.to_owned(),
                    contents,
                    took_over,
                    _held: held,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(io_error(e)),
        }
        let existing = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_error(e)),
        };
        let holder: Option<LockRecord> = std::str::from_utf8(&existing).ok().and_then(|text| {
            ron::Options::default()
                .with_recursion_limit(4)
                .from_str(text)
                .ok()
        });
        // The advisory lock decides; the pid only where there is none.
        let running = match locked_by_someone(file) {
            Some(locked) => locked,
            None => holder.as_ref().is_some_and(|h| pid_alive(h.pid)),
        };
        if let Some(holder) = &holder
            && !force
            && running
        {
            return Err(LockError::HeldBy {
                pid: holder.pid,
                since: humantime::parse_rfc3339(&holder.since).ok(),
                project: project.to_owned(),
                lock_file: file.to_owned(),
            });
        }
        // Stale (or forced): move it aside under a name only we use, then
        // check that what we moved is what we judged; if another process
        // replaced it in between, put theirs back and look again.
        let aside = file.with_file_name(format!(
            "{}.stale-{}",
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        match std::fs::rename(file, &aside) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_error(e)),
        }
        let moved = std::fs::read(&aside).unwrap_or_default();
        if moved != existing {
            let _ = std::fs::hard_link(&aside, file);
        } else {
            took_over = holder.map(|h| h.pid);
        }
        let _ = std::fs::remove_file(&aside);
    }
    Err(io_error(io::Error::other(
        "another process keeps replacing the lock file",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.claims.ron");
        std::fs::write(&path, "x").unwrap();
        (dir, path)
    }

    /// A pid that is certainly not running: a child we started and reaped.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn second_lock_is_refused_with_the_owner_and_released_on_drop() {
        let (_dir, path) = project();
        let lock = ProjectLock::acquire_in(&path, None, false).unwrap();
        assert_eq!(lock.file(), path.with_file_name(".story.claims.ron.lock"));
        assert!(lock.file().exists());
        let err = ProjectLock::acquire_in(&path, None, false).unwrap_err();
        let LockError::HeldBy { pid, since, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(*pid, std::process::id());
        assert!(since.is_some());
        let message = err.to_string();
        assert!(
            message.contains("already open in another claimdesk window"),
            "{message}"
        );
        assert!(message.ends_with("story.claims.ron"), "{message}");
        let file = lock.file().to_owned();
        drop(lock);
        assert!(!file.exists());
        let again = ProjectLock::acquire_in(&path, None, false).unwrap();
        assert_eq!(again.took_over_from(), None);
    }

    #[test]
    fn a_live_pid_on_an_unlocked_file_is_stale_and_a_locked_file_is_held() {
        // The pid in the file says "running" (pid 1 always runs, and a
        // reused pid would too), but nobody holds the advisory lock: stale.
        let (_dir, path) = project();
        let file = lock_file_for(&path);
        std::fs::write(&file, "(pid:1,since:\"2020-01-01T00:00:00Z\")").unwrap();
        let lock = ProjectLock::acquire_in(&path, None, false).unwrap();
        assert_eq!(lock.took_over_from(), Some(1));
        drop(lock);

        // A second real process holds the lock (flock(1), the same
        // advisory lock File::try_lock takes); the pid written in the file
        // is a dead one, yet the lock is held.
        let dead = dead_pid();
        std::fs::write(
            &file,
            format!("(pid:{dead},since:\"2020-01-01T00:00:00Z\")"),
        )
        .unwrap();
        // `-o`: flock itself holds the lock (its `sleep` child does not
        // inherit it), so killing flock releases it.
        let mut holder = std::process::Command::new("flock")
            .arg("-o")
            .arg(&file)
            .args(["sleep", "30"])
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let probe = std::fs::File::open(&file).unwrap();
            if probe.try_lock().is_err() {
                break;
            }
            drop(probe);
            assert!(
                std::time::Instant::now() < deadline,
                "flock never took the lock"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let error = ProjectLock::acquire_in(&path, None, false).unwrap_err();
        assert!(matches!(error, LockError::HeldBy { .. }), "{error}");
        // The holder dies (SIGKILL): the operating system drops its lock,
        // and the same file is now stale.
        holder.kill().unwrap();
        holder.wait().unwrap();
        let lock = ProjectLock::acquire_in(&path, None, false).unwrap();
        assert_eq!(lock.took_over_from(), Some(dead));
    }

    #[test]
    fn two_claimdesk_locks_in_separate_processes_exclude_each_other() {
        // This test's own lock, taken here, must be seen by a second
        // process: `flock -n` (non-blocking) fails while we hold it.
        let (_dir, path) = project();
        let lock = ProjectLock::acquire_in(&path, None, false).unwrap();
        let status = std::process::Command::new("flock")
            .args(["-n"])
            .arg(lock.file())
            .arg("true")
            .status()
            .unwrap();
        assert!(
            !status.success(),
            "the lock must be held while the project is open"
        );
        drop(lock);
    }

    #[test]
    fn session_files_say_whether_their_process_runs() {
        let dir = tempfile::tempdir().unwrap();
        let id = session_id(dir.path()).unwrap();
        assert_eq!(session_id(dir.path()), Some(id.clone()), "one per folder");
        assert_eq!(session_alive(dir.path(), &id), Some(true));
        // A session file nobody holds (its process ended) is dead and is
        // cleaned up.
        std::fs::write(dir.path().join(".session-99-1.lock"), "").unwrap();
        assert_eq!(session_alive(dir.path(), "99-1"), Some(false));
        assert!(!dir.path().join(".session-99-1.lock").exists());
        assert_eq!(session_alive(dir.path(), "gone-1"), Some(false));
        assert_eq!(
            session_alive(dir.path(), "../etc"),
            None,
            "ids never name paths"
        );
    }

    #[test]
    fn a_stale_lock_from_a_dead_process_is_taken_over() {
        let (_dir, path) = project();
        let pid = dead_pid();
        assert!(!pid_alive(pid));
        let file = lock_file_for(&path);
        std::fs::write(&file, format!("(pid:{pid},since:\"2020-01-01T00:00:00Z\")")).unwrap();
        let lock = ProjectLock::acquire_in(&path, None, false).unwrap();
        assert_eq!(lock.took_over_from(), Some(pid));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains(&format!("pid:{}", std::process::id())),
            "{text}"
        );
        // A garbled lock (a crash mid-write on a file system without hard
        // links) counts as stale too.
        drop(lock);
        std::fs::write(&file, "").unwrap();
        assert!(ProjectLock::acquire_in(&path, None, false).is_ok());
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
    }

    #[test]
    fn force_takes_over_and_the_loser_does_not_remove_the_winner() {
        let (_dir, path) = project();
        let first = ProjectLock::acquire_in(&path, None, false).unwrap();
        let forced = ProjectLock::acquire_in(&path, None, true).unwrap();
        assert_eq!(forced.took_over_from(), Some(std::process::id()));
        drop(first);
        assert!(
            forced.file().exists(),
            "the overruled lock left the new one alone"
        );
        drop(forced);
        assert!(!lock_file_for(&path).exists());
    }

    #[test]
    fn read_only_folder_falls_back_to_the_data_dir() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, path) = project();
        let fallback = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores mode bits; the immutable attribute stops it too.
        let chattr = |flag: &str| {
            std::process::Command::new("chattr")
                .arg(flag)
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success())
        };
        let immutable = std::fs::File::create(dir.path().join("probe")).is_ok() && {
            let _ = std::fs::remove_file(dir.path().join("probe"));
            chattr("+i")
        };
        let writable = std::fs::File::create(dir.path().join("probe")).is_ok();
        let result = ProjectLock::acquire_in(&path, Some(fallback.path()), false);
        let second = ProjectLock::acquire_in(&path, Some(fallback.path()), false);
        let first_file = result
            .as_ref()
            .map(|l| l.file().to_owned())
            .map_err(|e| e.to_string());
        drop(result);
        if immutable {
            chattr("-i");
        }
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        if writable {
            // No way to make a folder read-only here: the lock goes beside.
            assert!(first_file.unwrap().starts_with(dir.path()));
            return;
        }
        let first_file = first_file.unwrap();
        assert!(first_file.starts_with(fallback.path()), "{first_file:?}");
        assert!(
            matches!(second, Err(LockError::HeldBy { .. })),
            "{second:?}"
        );
    }

    #[test]
    fn liveness_from_proc() {
        assert!(pid_alive(std::process::id()));
        assert!(!pid_alive(0));
        assert!(!pid_alive(dead_pid()));
        // A zombie: exited but not yet reaped.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while pid_alive(child.id()) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(!pid_alive(child.id()), "a zombie is not running");
        assert!(child.try_wait().unwrap().is_some(), "it really had exited");
        child.wait().unwrap();
    }
}
