//! Atomic file replacement behind a small file-system seam.
//!
//! A save writes a temporary file beside the target, flushes it to disk and
//! renames it over the target, so at every instant the target is either the
//! old file or the new one, never half of each. The steps go through the
//! [`FileSystem`] trait so tests can make any one of them fail (create,
//! write, flush, rename) and check that the old file survives and the error
//! says which step failed.
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

/// Replaces `target` with `bytes` atomically through `fs`.
pub fn write_atomic<F: FileSystem>(
    fs: &F,
    target: &Path,
    bytes: &[u8],
) -> Result<(), AtomicWriteError> {
    let fail = |step, cause| AtomicWriteError {
        path: target.to_owned(),
        step,
        cause,
    };
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = temp_path(target, attempt);
        match fs.create_new(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(e) => return Err(fail(SaveStep::Create, e)),
        }
    };
    let result = file
        .write_all(bytes)
        .map_err(|e| fail(SaveStep::Write, e))
        .and_then(|()| fs.sync(&mut file).map_err(|e| fail(SaveStep::Flush, e)));
    drop(file);
    let result = result.and_then(|()| {
        fs.rename(&tmp, target)
            .map_err(|e| fail(SaveStep::Rename, e))
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

    #[test]
    fn a_stale_temp_file_does_not_block_saving() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("p.claims.ron");
        fs::write(temp_path(&target, 0), b"stale").unwrap();
        write_atomic(&RealFs, &target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }
}
