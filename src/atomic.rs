//! Atomic file replacement behind a small file-system seam.
//!
//! A save writes a temporary file beside the target, flushes it to disk and
//! renames it over the target, so at every instant the target is either the
//! old file or the new one, never half of each. The steps go through the
//! [`FileSystem`] trait so tests can make any one of them fail (create,
//! write, flush, rename) and check that the old file survives and the error
//! says which step failed.
//!
//! The target is checked first: only a regular file (or a new name) is ever
//! replaced, so saving onto a device or a pipe is refused instead of turning
//! it into a regular file; a symbolic link is followed and its target
//! replaced, so the link survives; and the old file's permissions are given
//! to the new one. [`write_new_atomic`] never replaces anything: the
//! complete file is hard-linked into place, which fails if the name exists,
//! so two writers racing for one new name cannot both succeed.
//!
//! Hand-written rather than `tempfile::NamedTempFile::persist` because the
//! seam is the point: `tempfile` cannot be told to fail at a chosen step.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The file-system operations an atomic save needs.
pub trait FileSystem {
    /// An open file being written.
    type File: Write;
    /// Creates `path`, failing if it exists.
    fn create_new(&self, path: &Path) -> io::Result<Self::File>;
    /// Flushes `file`'s data to the disk.
    fn sync(&self, file: &mut Self::File) -> io::Result<()>;
    /// Renames `from` to `to`, replacing `to`.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Removes `path` (cleanup after a failure; errors are ignored).
    fn remove(&self, path: &Path) -> io::Result<()>;
    /// Gives `to` a second name `from`'s file, failing if `to` exists.
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::hard_link(from, to)
    }
    /// Flushes the file at `path` (already closed) to the disk.
    fn sync_path(&self, path: &Path) -> io::Result<()> {
        File::open(path)?.sync_all()
    }
}

/// The real file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl FileSystem for RealFs {
    type File = File;

    fn create_new(&self, path: &Path) -> io::Result<File> {
        OpenOptions::new().write(true).create_new(true).open(path)
    }

    fn sync(&self, file: &mut File) -> io::Result<()> {
        file.flush()?;
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::rename(from, to)?;
        // Make the rename itself durable where the platform allows it; a
        // failure here does not undo the (already atomic) replacement.
        if let Some(dir) = to.parent()
            && let Ok(dir) = File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
        {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        fs::remove_file(path)
    }
}

/// The step of an atomic save that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// Checking what is at the target (a device, pipe or folder is refused).
    Check,
    /// Putting a new file in place without replacing one (the name exists).
    Link,
    /// Creating the temporary file.
    Create,
    /// Writing the bytes.
    Write,
    /// Flushing them to disk.
    Flush,
    /// Renaming over the target.
    Rename,
}

impl SaveStep {
    fn describe(self) -> &'static str {
        match self {
            SaveStep::Check => "checking what is there",
            SaveStep::Link => "creating it without replacing anything",
            SaveStep::Create => "creating a temporary file beside it",
            SaveStep::Write => "writing",
            SaveStep::Flush => "flushing to disk",
            SaveStep::Rename => "replacing the old file",
        }
    }
}

/// A failed save. The target is untouched.
#[derive(Debug, thiserror::Error)]
#[error("Could not save ({}): {cause}. The previous file is unchanged: {}", step.describe(), path.display())]
pub struct AtomicWriteError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// Which step failed.
    pub step: SaveStep,
    /// The OS error.
    pub cause: io::Error,
}

/// The temporary name used for `target`: hidden, beside it, unique per
/// process and attempt so two saves never collide.
fn temp_path(target: &Path, attempt: u32) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "claimdesk".to_owned());
    let tmp = format!(".{name}.tmp-{}-{attempt}", std::process::id());
    target.with_file_name(tmp)
}

/// Where a save to `target` really writes: a symbolic link is followed to
/// the file it names (even one that does not exist yet), so the link stays
/// a link and the file it points at gets the new contents.
fn resolve_links(target: &Path) -> PathBuf {
    let mut path = target.to_owned();
    // A loop of links ends here rather than spinning; the save then fails
    // on the link itself with the operating system's own message.
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&path) {
                Ok(next) if next.is_absolute() => path = next,
                Ok(next) => {
                    path = path
                        .parent()
                        .map_or_else(|| next.clone(), |dir| dir.join(&next));
                }
                Err(_) => return path,
            },
            _ => return path,
        }
    }
    path
}

/// Replaces `target` with `bytes` atomically through `fs`.
pub fn write_atomic<F: FileSystem>(
    fs: &F,
    target: &Path,
    bytes: &[u8],
) -> Result<(), AtomicWriteError> {
    write_through(fs, target, bytes, true)
}

/// Writes `bytes` to `target` as a new file: fails with
/// [`SaveStep::Link`] (and leaves whatever is there untouched) if `target`
/// exists, also when another process creates it at the same moment.
pub fn write_new_atomic<F: FileSystem>(
    fs: &F,
    target: &Path,
    bytes: &[u8],
) -> Result<(), AtomicWriteError> {
    write_through(fs, target, bytes, false)
}

fn write_through<F: FileSystem>(
    fs: &F,
    target: &Path,
    bytes: &[u8],
    replace: bool,
) -> Result<(), AtomicWriteError> {
    let fail = |step, cause| AtomicWriteError {
        path: target.to_owned(),
        step,
        cause,
    };
    let real = if replace {
        resolve_links(target)
    } else {
        target.to_owned()
    };
    crate::files::check_writable_target(&real).map_err(|e| match e {
        crate::files::ReadError::Io(cause) => fail(SaveStep::Check, cause),
        other => fail(
            SaveStep::Check,
            io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        ),
    })?;
    if !replace && fs::symlink_metadata(&real).is_ok() {
        return Err(fail(
            SaveStep::Link,
            io::Error::new(io::ErrorKind::AlreadyExists, "a file of that name exists"),
        ));
    }
    let permissions = fs::metadata(&real).ok().map(|m| m.permissions());
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = temp_path(&real, attempt);
        match fs.create_new(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(e) => return Err(fail(SaveStep::Create, e)),
        }
    };
    if let Some(permissions) = permissions {
        // The new file keeps the old one's mode (a read-only-for-others
        // project stays so). Best effort: failing here must not lose the
        // save.
        let _ = fs::set_permissions(&tmp, permissions);
    }
    let result = file
        .write_all(bytes)
        .map_err(|e| fail(SaveStep::Write, e))
        .and_then(|()| fs.sync(&mut file).map_err(|e| fail(SaveStep::Flush, e)));
    drop(file);
    let result = result.and_then(|()| {
        if replace {
            fs.rename(&tmp, &real)
                .map_err(|e| fail(SaveStep::Rename, e))
        } else {
            let linked = fs
                .hard_link(&tmp, &real)
                .map_err(|e| fail(SaveStep::Link, e));
            // The temporary name goes either way: on success the file lives
            // on under `real`.
            let _ = fs.remove(&tmp);
            linked
        }
    });
    if result.is_err() {
        let _ = fs.remove(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// Real file system that fails at one chosen step.
    struct Failing {
        at: SaveStep,
        writes: Cell<usize>,
    }

    struct FailingFile {
        inner: File,
        fail: bool,
    }

    impl Write for FailingFile {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.fail {
                // Write half first, as a full disk does.
                let _ = self.inner.write(&buf[..buf.len() / 2]);
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "no space left on device",
                ));
            }
            self.inner.write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush()
        }
    }

    impl FileSystem for Failing {
        type File = FailingFile;
        fn create_new(&self, path: &Path) -> io::Result<FailingFile> {
            if self.at == SaveStep::Create {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "permission denied",
                ));
            }
            self.writes.set(self.writes.get() + 1);
            Ok(FailingFile {
                inner: RealFs.create_new(path)?,
                fail: self.at == SaveStep::Write,
            })
        }
        fn sync(&self, file: &mut FailingFile) -> io::Result<()> {
            if self.at == SaveStep::Flush {
                return Err(io::Error::other("I/O error"));
            }
            RealFs.sync(&mut file.inner)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            if self.at == SaveStep::Rename {
                return Err(io::Error::new(io::ErrorKind::NotFound, "path gone"));
            }
            RealFs.rename(from, to)
        }
        fn remove(&self, path: &Path) -> io::Result<()> {
            RealFs.remove(path)
        }
    }

    #[test]
    fn every_failing_step_leaves_the_old_file_and_no_temp() {
        for step in [
            SaveStep::Create,
            SaveStep::Write,
            SaveStep::Flush,
            SaveStep::Rename,
        ] {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("p.claims.ron");
            fs::write(&target, b"old contents").unwrap();
            let fs = Failing {
                at: step,
                writes: Cell::new(0),
            };
            let error = write_atomic(&fs, &target, b"new contents that are longer").unwrap_err();
            assert_eq!(error.step, step);
            assert!(
                error.to_string().contains("The previous file is unchanged"),
                "{error}"
            );
            assert!(
                error.to_string().ends_with("p.claims.ron"),
                "path last: {error}"
            );
            assert_eq!(fs::read(&target).unwrap(), b"old contents", "step {step:?}");
            let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
            assert_eq!(left.len(), 1, "temporary file left behind after {step:?}");
        }
    }

    #[test]
    fn success_replaces_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.claims.ron");
        fs::write(&target, b"old").unwrap();
        write_atomic(&RealFs, &target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link_and_the_mode_is_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.claims.ron");
        fs::write(&real, b"old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.claims.ron");
        std::os::unix::fs::symlink("real.claims.ron", &link).unwrap();
        write_atomic(&RealFs, &link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.html");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let error = write_atomic(&RealFs, &fifo, b"report").unwrap_err();
        assert_eq!(error.step, SaveStep::Check);
        assert!(error.to_string().contains("named pipe"), "{error}");
        use std::os::unix::fs::FileTypeExt as _;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        let error = write_atomic(&RealFs, Path::new("/dev/null"), b"x").unwrap_err();
        assert_eq!(error.step, SaveStep::Check);
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }

    #[test]
    fn a_new_file_never_replaces_one_even_in_a_race() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.claims.ron");
        fs::write(&target, b"theirs").unwrap();
        let error = write_new_atomic(&RealFs, &target, b"ours").unwrap_err();
        assert_eq!(error.step, SaveStep::Link);
        assert_eq!(fs::read(&target).unwrap(), b"theirs");
        // Many writers racing for one new name: exactly one wins.
        let racing = dir.path().join("race.claims.ron");
        let winners: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let racing = racing.clone();
                    scope.spawn(move || {
                        write_new_atomic(&RealFs, &racing, format!("writer {i}").as_bytes()).is_ok()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| usize::from(h.join().unwrap()))
                .sum()
        });
        assert_eq!(winners, 1);
        assert!(fs::read_to_string(&racing).unwrap().starts_with("writer "));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temp left");
    }

    #[test]
    fn a_stale_temp_file_does_not_block_saving() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.claims.ron");
        fs::write(temp_path(&target, 0), b"stale").unwrap();
        write_atomic(&RealFs, &target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }
}
