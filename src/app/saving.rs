//! Saving: Save, Save As, and the question when the file changed on disk.
//!
//! Every save says how it ended: a short notice with the path when it
//! worked, a banner with the reason when it could not write, a notice when
//! the reviewer cancelled. A save that something waits on (closing the
//! window, opening another file) lets it go on only once the file is
//! written.

use std::path::{Path, PathBuf};

use super::dialogs::PathFor;
use super::logic::AUTO_SAVE_BANNER;
use super::{ClaimdeskApp, file_name};
use crate::lock::ProjectLock;
use crate::project_file;
use crate::ui::action::ConflictChoice;

impl ClaimdeskApp {
    /// Saves to the current path, or asks where. Returns whether it saved
    /// now (false also while a question or a file dialog is still open).
    pub fn save(&mut self) -> bool {
        match self.ws.path().map(Path::to_owned) {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    /// Asks where to save, then saves there. Returns whether it saved now.
    pub fn save_as(&mut self) -> bool {
        self.ask_path(PathFor::Save)
    }

    /// Saves to `path`, unless it is this project's own file and something
    /// else changed it on disk: then the reviewer is asked first. On failure
    /// the old file is intact, the work stays in memory, and the error is
    /// shown.
    pub fn save_to(&mut self, path: &Path) -> bool {
        if self.ws.path() == Some(path) && self.ws.changed_on_disk() {
            self.conflict = true;
            return false;
        }
        self.write_to(path)
    }

    /// Writes the project to `path`, says how it went, and lets what waited
    /// on the save go on (or not).
    pub(super) fn write_to(&mut self, path: &Path) -> bool {
        let saved = match self.write_project(path) {
            Ok(()) => {
                self.toast_text(format!("Saved to {}", path.display()));
                true
            }
            Err(why) => {
                self.error(format!(
                    "Not saved: {why} The work is still here, unsaved, and kept in the \
                     recovery file."
                ));
                false
            }
        };
        self.after_save(saved);
        saved
    }

    /// Writes the project to `path` and records it as saved; the error's
    /// text if it could not.
    pub(super) fn write_project(&mut self, path: &Path) -> Result<(), String> {
        let fingerprint = project_file::save(self.ws.project(), path).map_err(|e| e.to_string())?;
        let first_save = self.ws.path() != Some(path);
        self.ws.mark_saved(path.to_owned());
        self.ws.set_disk_fingerprint(fingerprint);
        if let Some(autosave) = &mut self.autosave {
            autosave.on_saved(&self.ws);
        }
        // The restored work is in the project file now.
        self.forget_recovery();
        if first_save {
            self.lock = ProjectLock::acquire(path).ok();
        }
        self.banners.retain(|b| !b.is_error);
        self.remove_banner(AUTO_SAVE_BANNER);
        self.auto_save.reset();
        self.remember_recent(path, true);
        // Issue 11: the imported source goes beside the project once.
        self.keep_import_source(path);
        Ok(())
    }

    /// The save dialog ended with `path` (the project ending is added).
    pub(super) fn save_chosen(&mut self, path: PathBuf) {
        let path = with_project_extension(path);
        self.save_to(&path);
    }

    /// The save dialog was cancelled: nothing written, and nothing that
    /// waited on the save happens.
    pub(super) fn save_cancelled(&mut self) {
        self.toast_text("Not saved: the save was cancelled.".to_owned());
        self.after_save(false);
    }

    pub(super) fn resolve_conflict(&mut self, choice: ConflictChoice) {
        self.conflict = false;
        match choice {
            ConflictChoice::Cancel => {
                self.toast_text("Not saved: the file on disk was left as it is.".to_owned());
                self.after_save(false);
            }
            ConflictChoice::Overwrite => match self.ws.path().map(Path::to_owned) {
                Some(path) => {
                    self.write_to(&path);
                }
                None => self.after_save(false),
            },
            ConflictChoice::SaveAsNew => {
                // The dialog (or its cancellation) decides what waits.
                self.save_as();
            }
            ConflictChoice::Reload => {
                if let Some(path) = self.ws.path().map(Path::to_owned) {
                    self.open(&path);
                }
                // What waited on the save (a close, an open) waits no more:
                // the reviewer chose the version on disk.
                self.pending = None;
            }
        }
    }
}

/// `story` and `story.ron` become `story.claims.ron`.
pub(super) fn with_project_extension(path: PathBuf) -> PathBuf {
    let name = file_name(&path);
    if name.ends_with(".claims.ron") {
        return path;
    }
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    path.with_file_name(format!("{stem}.{}", project_file::EXTENSION))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_extension_is_added_once() {
        assert_eq!(
            with_project_extension("a/story".into()),
            PathBuf::from("a/story.claims.ron")
        );
        assert_eq!(
            with_project_extension("story.ron".into()),
            PathBuf::from("story.claims.ron")
        );
        assert_eq!(
            with_project_extension("x.claims.ron".into()),
            PathBuf::from("x.claims.ron")
        );
    }
}
