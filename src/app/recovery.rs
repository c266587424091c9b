//! The crash-recovery offer and its answers.
//!
//! A recovery file is removed only once its work is safe or unwanted: after
//! the restored work was saved, or when the reviewer discarded it (the
//! offer's Discard, or Discard in "save changes?" after restoring). While
//! the offer is open nothing else can happen (it is a modal, and shortcuts
//! are kept from it), and closing the window then keeps the file for the
//! next start.

use std::path::{Path, PathBuf};

use super::ClaimdeskApp;
use crate::model::Project;
use crate::recovery;

/// Unsaved work found from an earlier run.
#[derive(Debug)]
pub(super) struct RecoveryOffer {
    pub(super) file: PathBuf,
    pub(super) description: String,
    pub(super) project: Project,
}

impl ClaimdeskApp {
    /// Offers any recovery file left for the open project (or article).
    pub(super) fn look_for_recovery(&mut self) {
        let Some(dir) = self.autosave.as_ref().map(|a| a.dir().to_owned()) else {
            return;
        };
        let entry = match self.ws.path() {
            Some(path) => recovery::startup_offer(&dir, Some(path)),
            None => recovery::offer_for_article(&dir, &self.ws.project().article.text_hash),
        };
        if let Some(entry) = entry {
            let saved = self.ws.path().map(|_| self.ws.project());
            let description = entry.describe(saved);
            match entry.project {
                Ok(project) => {
                    self.recovery_offer = Some(RecoveryOffer {
                        file: entry.path,
                        description,
                        project,
                    });
                }
                Err(_) => self.error(description),
            }
        }
    }

    /// Restore (true) or discard the offered work.
    pub(super) fn resolve_recovery(&mut self, restore: bool) {
        let Some(offer) = self.recovery_offer.take() else {
            return;
        };
        if restore {
            self.ws.restore(offer.project);
            self.view.selected = self.ws.project().statements.first().map(|s| s.id);
            // The file stays until the restored work is saved: the
            // autosaver writes it again right away, and the old one goes
            // only with the save (or an explicit discard).
            if let Some(autosave) = &mut self.autosave {
                autosave.flush_now(&self.ws);
            }
            self.restored_from = Some(offer.file);
            self.toast_text(
                "Restored. Save (Ctrl+S) to keep it in the project file; Undo steps back \
                 to the saved version."
                    .to_owned(),
            );
        } else if let Err(error) = recovery::discard(&offer.file) {
            self.error(error.to_string());
        }
    }

    /// The restored work was saved or discarded on purpose: its recovery
    /// file has nothing left to keep.
    pub(super) fn forget_recovery(&mut self) {
        let Some(file) = self.restored_from.take() else {
            return;
        };
        let current = self.autosave.as_ref().map(|a| {
            recovery::file_for(
                a.dir(),
                self.ws.path(),
                &self.ws.project().article.text_hash,
            )
        });
        // The autosaver removes its own file; this is the crashed run's,
        // when its name differs (an article since saved as a project).
        if current.as_deref() != Some(Path::new(&file))
            && let Err(error) = recovery::discard(&file)
            // Already gone (the autosaver got there first) is fine.
            && file.exists()
        {
            self.error(error.to_string());
        }
    }
}
