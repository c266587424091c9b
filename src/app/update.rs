//! The shell's side of File > Update article… and the review panel (issue
//! 12): where the new version comes from (the file dialogs, a link, or
//! pasted text), running the update (off the UI thread when the project is large
//! or the source is a PDF, with a progress line and Cancel), and turning
//! each review decision into one undo step.
//!
//! Every change is an [`Edit::ReplaceProject`] with the whole project a
//! pure function of [`crate::update`] returned, so the update is one undo
//! step and so is each decision, and undo restores the article text too.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Instant, SystemTime};

use super::ClaimdeskApp;
use super::dialogs::{FileRequest, PathFor};
use crate::edit::Edit;
use crate::import;
use crate::model::{Project, StatusCounts};
use crate::ui;
use crate::ui::action::Action;
use crate::ui::update_review::ReviewDecision;
use crate::update::{self, ReviewError, ReviewItem, Updated};

/// The title of the file dialog that asks for the new version.
pub(super) const SOURCE_DIALOG_TITLE: &str = "Update article from";

/// What the file dialogs offer for a new version: what claimdesk can read.
pub(super) const SOURCE_EXTENSIONS: &[&str] =
    &["txt", "md", "markdown", "html", "htm", "docx", "odt", "pdf"];

/// Projects with more statements (and orphans) than this are updated off
/// the UI thread; smaller ones finish well within a frame's patience.
pub const BACKGROUND_FROM: usize = 2_000;

/// Where the new version comes from.
enum Source {
    File(PathBuf),
    Pasted(String),
    /// An address, fetched by the import's fetcher (time limits, size caps,
    /// content sniffing) on the update's thread.
    Link(String, Arc<AtomicBool>),
}

impl Source {
    /// How messages name it.
    fn describe(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Pasted(_) => "pasted text".to_owned(),
            Source::Link(url, _) => url.clone(),
        }
    }

    /// Reads the new version and updates `old` onto it.
    fn run(self, old: &Project, now: &str) -> Result<Updated, String> {
        let imported = match self {
            Source::File(path) => import::import_file(&path),
            Source::Pasted(text) => import::import_pasted(&text),
            Source::Link(url, cancel) => {
                import::import_url(&url, &cancel, &|_, _| {}, &import::ImportOptions::default())
                    .map(|imported| {
                        // The version history names the address it came from.
                        let address = imported.provenance.source.clone();
                        let mut article = import::ImportedArticle::from(imported);
                        article.source_path.get_or_insert(address);
                        article
                    })
            }
        }
        .map_err(|error| error.to_string())?;
        update::update(old, imported, now).map_err(|error| error.to_string())
    }
}

/// An update running in the background.
pub(super) struct UpdateJob {
    receiver: mpsc::Receiver<Result<Updated, String>>,
    what: String,
    started: Instant,
    /// The workspace revision it started from: a result for any other
    /// project state is refused.
    revision: u64,
    from_paste: bool,
    /// Set on Cancel so a fetch stops at once instead of running to its
    /// time limit.
    cancel: Option<Arc<AtomicBool>>,
}

fn now() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}

/// "40 unchanged, 2 moved, …": the counts of one update.
pub fn describe_counts(counts: &StatusCounts) -> String {
    let mut parts: Vec<String> = update::UpdateStatus::ALL
        .iter()
        .map(|&status| format!("{} {}", counts.get(status), status.key()))
        .collect();
    parts.push(format!("{} new", counts.new_statements));
    parts.join(", ")
}

impl ClaimdeskApp {
    /// True while the update's source dialog, its progress line or the
    /// discard question is open.
    pub(super) fn update_modal_open(&self) -> bool {
        self.view.update.modal_open() || self.update_job.is_some()
    }

    /// Whether an article update is running in the background.
    pub fn update_running(&self) -> bool {
        self.update_job.is_some()
    }

    /// File > Update article…
    pub(super) fn show_update(&mut self) {
        if self.view.update.source.is_none() {
            self.view.update.source = Some(String::new());
        }
    }

    /// The source dialog's "From a file…".
    pub(super) fn update_from_file(&mut self) {
        self.view.update.source = None;
        self.ask_path(PathFor::UpdateSource);
    }

    /// Where the file dialog starts: beside the article's current version,
    /// else beside the project.
    pub(super) fn update_source_request(&self) -> FileRequest {
        let project = self.ws.project();
        let dir = project
            .article
            .source_path
            .as_deref()
            .map(Path::new)
            .and_then(Path::parent)
            .filter(|d| d.is_dir())
            .or_else(|| self.ws.path().and_then(Path::parent))
            .map(Path::to_owned)
            .unwrap_or_default();
        FileRequest::UpdateSource { dir }
    }

    /// A file was chosen: update from it. True when the update is applied
    /// now (not still running, not failed).
    pub(super) fn update_from_path(&mut self, path: PathBuf) -> bool {
        let slow = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        self.start_update(Source::File(path), slow)
    }

    /// The source dialog's "Update from link": fetched in the background
    /// (never on the UI thread), with the progress line and Cancel.
    pub(super) fn update_from_link(&mut self, url: String) {
        self.start_update(Source::Link(url, Arc::new(AtomicBool::new(false))), true);
    }

    /// The source dialog's "Update from pasted text".
    pub(super) fn update_from_text(&mut self, text: String) {
        self.start_update(Source::Pasted(text), false);
    }

    fn start_update(&mut self, source: Source, slow: bool) -> bool {
        if self.update_job.is_some() {
            self.error("An update is already running; wait for it or cancel it.".to_owned());
            return false;
        }
        let project = self.ws.project();
        let large = project.statements.len() + project.orphans.len() > BACKGROUND_FROM;
        let what = source.describe();
        let from_paste = matches!(source, Source::Pasted(_));
        let cancel = match &source {
            Source::Link(_, cancel) => Some(Arc::clone(cancel)),
            _ => None,
        };
        let now = now();
        if !(large || slow) {
            let result = source.run(project, &now);
            return self.finish_update(result, &what, from_paste);
        }
        let old = project.clone();
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("claimdesk-update".to_owned())
            .spawn(move || {
                // The receiver is gone when the reviewer cancelled.
                let _ = sender.send(source.run(&old, &now));
            });
        if let Err(error) = spawned {
            self.error(format!(
                "Article not updated: could not start the update ({error})."
            ));
            return false;
        }
        self.update_job = Some(UpdateJob {
            receiver,
            what,
            started: Instant::now(),
            revision: self.ws.revision(),
            from_paste,
            cancel,
        });
        false
    }

    /// Cancel on the progress line: the result, if it still comes, is
    /// dropped with the channel, and the project stays as it was.
    pub(super) fn cancel_update(&mut self) {
        if let Some(job) = self.update_job.take() {
            if let Some(cancel) = job.cancel {
                cancel.store(true, Ordering::Relaxed);
            }
            self.toast_text("Update cancelled; the article is unchanged.".to_owned());
        }
    }

    /// Picks up a finished background update.
    fn poll_update(&mut self) {
        let Some(job) = &self.update_job else { return };
        let result = match job.receiver.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err("the update stopped without an answer".to_owned())
            }
        };
        let Some(job) = self.update_job.take() else {
            return;
        };
        if job.revision != self.ws.revision() {
            self.error(format!(
                "Article not updated from {}: the project changed while the update ran. \
                 Run it again.",
                job.what
            ));
            return;
        }
        self.finish_update(result, &job.what, job.from_paste);
    }

    /// Applies a finished update as one undo step and says what happened.
    fn finish_update(
        &mut self,
        result: Result<Updated, String>,
        what: &str,
        from_paste: bool,
    ) -> bool {
        let updated = match result {
            Ok(updated) => updated,
            Err(error) => {
                self.error(format!("Article not updated. {error}"));
                return false;
            }
        };
        let counts = updated
            .project
            .versions
            .last()
            .map(|v| v.counts)
            .unwrap_or_else(|| updated.plan.counts());
        let queue = update::review_queue(&updated.project);
        if let Err(error) = self
            .ws
            .apply(Edit::ReplaceProject(Box::new(updated.project)))
        {
            self.error(format!("Article not updated from {what}. {error}"));
            return false;
        }
        if from_paste {
            self.view.update.source = None;
        }
        let review = match queue.len() {
            0 => "Nothing needs review.".to_owned(),
            n => format!("{n} to review (J/K move, Enter confirms, Backspace orphans)."),
        };
        self.notice(format!(
            "Article updated from {what}: {}. {review} Undo takes the whole update back.",
            describe_counts(&counts)
        ));
        self.view.update.cursor = 0;
        self.view.update.picked = None;
        self.view.update.review_open = !queue.is_empty();
        self.after_replace();
        self.focus_review_item();
        true
    }

    /// Keeps the selection on a statement that exists after a
    /// whole-project change.
    fn after_replace(&mut self) {
        if self.selected_index().is_none() {
            let hint = self.view.selected_hint;
            let statements = &self.ws.project().statements;
            self.view.selected = statements
                .get(hint.min(statements.len().saturating_sub(1)))
                .map(|s| s.id);
        }
    }

    /// Selects the statement under the review cursor, if it is a placement.
    fn focus_review_item(&mut self) {
        let project = self.ws.project();
        self.view.update.refresh(project, self.ws.shape_revision());
        if let Some(ReviewItem::Confirm(id)) = self.view.update.current() {
            // As the runner's `select` does (private to it): a new
            // selection ends the typing group and closes the split picker.
            if self.view.selected != Some(id) {
                self.ws.seal();
                self.view.split_picker = false;
            }
            self.view.selected = Some(id);
            self.view.reveal_in_article = Some(id);
            self.view.reveal_in_list = Some(id);
        }
    }

    /// A move or a decision in the review panel.
    pub(super) fn review(&mut self, decision: ReviewDecision) {
        let now = now();
        let project = self.ws.project();
        let queue_len = self
            .view
            .update
            .refresh(project, self.ws.shape_revision())
            .len();
        let current = self.view.update.current();
        let outcome: Option<Result<Project, ReviewError>> = match decision {
            ReviewDecision::Move(delta) => {
                let last = queue_len.saturating_sub(1) as isize;
                let cursor = (self.view.update.cursor as isize + delta).clamp(0, last.max(0));
                self.view.update.cursor = cursor as usize;
                self.view.update.picked = None;
                None
            }
            ReviewDecision::Goto(position) => {
                self.view.update.cursor = position.min(queue_len.saturating_sub(1));
                self.view.update.picked = None;
                None
            }
            ReviewDecision::Confirm(id) => match id.or(match current {
                Some(ReviewItem::Confirm(id)) => Some(id),
                _ => None,
            }) {
                Some(id) => Some(update::confirm_placement(project, id, &now)),
                None => {
                    self.toast_text(
                        "An orphan is re-attached or discarded, not confirmed.".to_owned(),
                    );
                    None
                }
            },
            ReviewDecision::Orphan(id) => match id.or(match current {
                Some(ReviewItem::Confirm(id)) => Some(id),
                _ => None,
            }) {
                Some(id) => Some(update::orphan_placement(project, id, &now)),
                None => {
                    self.toast_text("This one is an orphan already.".to_owned());
                    None
                }
            },
            ReviewDecision::AttachToSelected(id) => {
                let range = self
                    .view
                    .selected
                    .and_then(|s| project.index_of(s))
                    .and_then(|i| project.statements.get(i))
                    .map(|s| s.range.clone());
                match range {
                    Some(range) => Some(update::reattach_orphan(project, id, range, &now)),
                    None => {
                        self.toast_text("Select a statement to attach it to.".to_owned());
                        None
                    }
                }
            }
            ReviewDecision::AttachToText(id, range) => {
                self.view.update.picked = None;
                Some(update::reattach_orphan(project, id, range, &now))
            }
            ReviewDecision::AskDiscard(id) => {
                self.view.update.confirm_discard = Some(id);
                None
            }
            ReviewDecision::Discard(id) => {
                self.view.update.confirm_discard = None;
                Some(update::discard_orphan(project, id))
            }
            ReviewDecision::KeepOrphan => {
                self.view.update.confirm_discard = None;
                None
            }
        };
        match outcome {
            None => {}
            Some(Err(error)) => self.error(format!("Nothing changed: {error}.")),
            Some(Ok(next)) => {
                if let Err(error) = self.ws.apply(Edit::ReplaceProject(Box::new(next))) {
                    self.error(format!("Nothing changed: {error}."));
                }
                self.after_replace();
            }
        }
        self.focus_review_item();
    }

    /// The review panel, the source dialog, the progress line and the
    /// discard question; also picks up a finished background update.
    pub(super) fn update_ui(
        &mut self,
        ui: &mut egui::Ui,
        selected: Option<usize>,
        actions: &mut Vec<Action>,
    ) {
        self.poll_update();
        let ctx = ui.ctx().clone();
        let running = self
            .update_job
            .as_ref()
            .map(|job| (job.what.as_str(), job.started));
        ui::update_review::progress_ui(&ctx, running, actions);
        ui::update_review::source_dialog_ui(&ctx, &mut self.view.update, actions);
        ui::update_review::discard_modal_ui(&ctx, self.ws.project(), &self.view.update, actions);
        if !self.view.update.review_open {
            return;
        }
        self.view
            .update
            .refresh(self.ws.project(), self.ws.shape_revision());
        let project = self.ws.project();
        let view = &mut self.view.update;
        egui::Panel::left("update_review")
            .resizable(true)
            .default_size(360.0)
            .size_range(240.0..=700.0)
            .show(ui, |ui| {
                ui::update_review::review_panel_ui(ui, project, selected, view, actions);
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counts_name_every_status_and_the_new_statements() {
        let counts = StatusCounts {
            unchanged: 4,
            moved: 1,
            edited: 2,
            ambiguous: 0,
            orphaned: 3,
            new_statements: 5,
        };
        assert_eq!(
            describe_counts(&counts),
            "4 unchanged, 1 moved, 2 edited, 0 ambiguous, 3 orphaned, 5 new"
        );
    }
}
