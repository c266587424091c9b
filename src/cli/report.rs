//! Writing reports to files: the atomic write, and the rules that keep a
//! report from taking a project's place or replacing a file unasked.

use std::path::Path;

use anyhow::bail;

use crate::export;
use crate::model::Project;
use crate::project_file;

/// Writes `project` as `format` to `path`, atomically: a failed export
/// never leaves half a report behind, nor replaces a good one: the
/// format's default audience, times in the computer's zone. An existing
/// file is replaced (the window asked first), unless it is a project file:
/// a report never takes a project's place.
pub fn export_to_path(
    project: &Project,
    format: export::Format,
    path: &Path,
) -> anyhow::Result<()> {
    let options = export::ExportOptions::new(format).zone(export::ReportZone::system());
    export_to_path_with(project, &options, path)
}

/// [`export_to_path`] with every option. An existing file is replaced (the
/// window asked first), unless it is a project file.
pub fn export_to_path_with(
    project: &Project,
    options: &export::ExportOptions,
    path: &Path,
) -> anyhow::Result<()> {
    write_report(project, options, path, true)
}

/// An export error with `path` last, keeping the error itself in the chain
/// (so a closed pipe is still recognised as one).
pub(super) fn export_error(error: export::ExportError, path: &Path) -> anyhow::Error {
    let line = format!("{error}: {}", path.display());
    anyhow::Error::new(error).context(line)
}

/// True when the file at `path` is (or is named as) a claimdesk project.
fn holds_project(path: &Path) -> bool {
    if project_file::is_project_path(path) {
        return true;
    }
    // A project under another name: its first lines say so.
    crate::files::read_regular(path, project_file::MAX_PROJECT_BYTES)
        .ok()
        .is_some_and(|bytes| {
            let head = &bytes[..bytes.len().min(4096)];
            let head = String::from_utf8_lossy(head);
            head.contains("format_version:") && head.contains("text_hash:")
        })
}

pub(super) fn write_report(
    project: &Project,
    options: &export::ExportOptions,
    path: &Path,
    replace: bool,
) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        if holds_project(path) {
            bail!(
                "Refusing to replace a project file with a {} report; choose another name: {}",
                options.format.label(),
                path.display()
            );
        }
        if !replace {
            bail!(
                "Refusing to overwrite an existing file (use --force): {}",
                path.display()
            );
        }
    }
    let mut bytes = Vec::new();
    export::export_with(project, options, &mut bytes).map_err(|error| export_error(error, path))?;
    if replace {
        crate::atomic::write_atomic(&crate::atomic::RealFs, path, &bytes)?;
    } else {
        crate::atomic::write_new_atomic(&crate::atomic::RealFs, path, &bytes)?;
    }
    Ok(())
}
