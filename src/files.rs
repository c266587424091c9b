//! Reading files that a user, a script or another program put in our way.
//!
//! Every file claimdesk reads (an article, a project, a recovery file) goes
//! through [`read_regular`], because the ordinary `std::fs::read` trusts the
//! path too much:
//! - a named pipe (FIFO) blocks `open` until a writer appears, which may be
//!   never, so claimdesk would hang;
//! - a device such as `/dev/zero` or `/dev/urandom` reports a size of 0 and
//!   then never ends, so a size check on the metadata lets it through and
//!   the read fills memory.
//!
//! So the file type is checked before the file is opened (only regular
//! files, after following symbolic links, are read), and the read itself
//! stops after the limit plus one byte, whatever the metadata said.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The operating system refused (missing, no permission, …).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A folder.
    #[error("it is a folder, not a file")]
    Directory,
    /// A pipe, socket or device: reading it could block forever or never end.
    #[error("it is not a regular file (it is {0})")]
    NotRegular(&'static str),
    /// Larger than the caller's limit.
    #[error("it is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

/// What kind of non-regular file `metadata` describes, in words.
fn describe(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        return "a folder";
    }
    "not an ordinary file"
}

/// Checks that `path` (after symbolic links) is a regular file, without
/// opening it.
pub fn check_regular(path: &Path) -> Result<(), ReadError> {
    let metadata = std::fs::metadata(path)?;
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return Err(ReadError::Directory);
    }
    if !file_type.is_file() {
        return Err(ReadError::NotRegular(describe(file_type)));
    }
    Ok(())
}

/// Reads the regular file at `path`, at most `limit` bytes; a longer file
/// is refused with [`ReadError::TooLarge`].
pub fn read_regular(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    check_regular(path)?;
    let file = File::open(path)?;
    // The type is checked again on the open handle: the path may have been
    // swapped for a pipe or device between the check and the open.
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(ReadError::NotRegular(describe(file_type)));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Checks that a file about to be written at `path` is either absent or a
/// regular file (after symbolic links). Saving over a device or a pipe
/// would otherwise replace it with a regular file.
pub fn check_writable_target(path: &Path) -> Result<(), ReadError> {
    match std::fs::metadata(path) {
        Ok(metadata) => {
            let file_type = metadata.file_type();
            if file_type.is_dir() {
                Err(ReadError::Directory)
            } else if file_type.is_file() {
                Ok(())
            } else {
                Err(ReadError::NotRegular(describe(file_type)))
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(ReadError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"hello").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap(), b"hello");
        assert!(matches!(
            read_regular(&path, 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
    }

    #[test]
    fn folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_regular(dir.path(), 10),
            Err(ReadError::Directory)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        // /dev/zero never ends; without the type check this would read
        // until the limit, and without the limit until memory runs out.
        let error = read_regular(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(error.to_string().contains("character device"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        // Opening a FIFO with no writer blocks forever; the check must
        // refuse it before the open.
        let error = read_regular(&fifo, 10).unwrap_err();
        assert!(error.to_string().contains("named pipe"), "{error}");
        assert!(check_writable_target(&fifo).is_err());
    }

    #[test]
    fn absent_or_regular_targets_may_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.txt");
        check_writable_target(&path).unwrap();
        std::fs::write(&path, b"x").unwrap();
        check_writable_target(&path).unwrap();
        assert!(check_writable_target(dir.path()).is_err());
        #[cfg(unix)]
        assert!(check_writable_target(Path::new("/dev/null")).is_err());
    }
}
