//! File > Export: a report in the chosen format, written where the reviewer
//! picks (the folder and format are remembered), and a notice saying where
//! it went or why it was not written.

use std::path::{Path, PathBuf};

use super::ClaimdeskApp;
use super::dialogs::PathFor;
use crate::export::Format;

impl ClaimdeskApp {
    /// Exports a report in `format` to where the reviewer picks. Returns
    /// whether it was written now (false also while the dialog is open).
    pub fn export(&mut self, format: Format) -> bool {
        self.ask_path(PathFor::Export(format))
    }

    /// Where the export dialog starts: the last export folder (or the
    /// project's), and the project's name with the format's ending.
    pub(super) fn export_suggestion(&self, format: Format) -> PathBuf {
        let stem = self
            .ws
            .suggested_path()
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".claims.ron")
                    .to_owned()
            })
            .unwrap_or_else(|| "report".to_owned());
        let dir = self
            .settings
            .last_export_dir
            .clone()
            .or_else(|| self.ws.suggested_path().parent().map(Path::to_owned))
            .unwrap_or_default();
        dir.join(format!("{stem}.{}", format.suffix()))
    }

    /// Writes the report to `path` (atomically) and says how it went.
    pub(super) fn export_to(&mut self, format: Format, path: &Path) -> bool {
        let path = with_extension(path, format);
        match crate::cli::export_to_path(self.ws.project(), format, &path) {
            Ok(()) => {
                self.view.export_open = false;
                self.toast_text(format!(
                    "Exported the {} to {}",
                    format.label(),
                    path.display()
                ));
                self.update_settings(|s| {
                    s.last_export_format = Some(format.key().to_owned());
                    s.last_export_dir = path.parent().map(Path::to_owned);
                });
                true
            }
            Err(error) => {
                self.error(format!("Nothing exported: {error:#}"));
                false
            }
        }
    }
}

/// `report` becomes `report.html` for HTML; a name with the ending keeps it.
fn with_extension(path: &Path, format: Format) -> PathBuf {
    let ending = format!(".{}", format.extension());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.to_lowercase().ends_with(&ending) {
        path.to_owned()
    } else {
        path.with_file_name(format!("{name}{ending}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_ending_is_added_when_missing() {
        assert_eq!(
            with_extension(Path::new("/r/report"), Format::Html),
            PathBuf::from("/r/report.html")
        );
        assert_eq!(
            with_extension(Path::new("/r/report.HTML"), Format::Html),
            PathBuf::from("/r/report.HTML")
        );
    }
}
