//! Tag suggestions, the shell's side (issue 14): keeping the suggestions
//! current without working them out every frame, and the actions that
//! accept them.
//!
//! Suggestions depend only on the article text, the statement spans and the
//! project's language, so they are worked out again only when one of those
//! changes (a split, a merge, another project), not on a tag or a note: a
//! fingerprint of the spans, taken when the workspace's tag revision moves,
//! tells. The figures (accept rate, held-out match rate) depend on the tags
//! too and are recounted from the kept suggestions then, O(statements). The
//! tag revision ([`crate::workspace::Workspace::shape_revision`]) does not
//! move when a note or verdict is typed, so typing stays O(1) at any
//! project size.
//! Articles up to [`SYNC_LIMIT`] bytes are suggested on the UI thread (a few
//! milliseconds at the rules' speed); larger ones on a worker thread, with
//! a spinner in the status bar and nothing shown until the answer is in.
//! A stale answer (the spans changed meanwhile) is dropped.

use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use egui::Context;

use super::ClaimdeskApp;
use crate::edit::Edit;
use crate::model::{Project, StatementId, Tag};
use crate::suggest::{Suggestion, suggest_project, suggestion_stats_with};

/// Articles up to this many bytes are suggested on the UI thread: at the
/// rules' 10 MB/s or more, at most about 6 ms, once per change of spans.
pub const SYNC_LIMIT: usize = 64 * 1024;

/// How often the window looks for a worker's answer while it runs.
const POLL: Duration = Duration::from_millis(50);

type Suggestions = Vec<Option<Suggestion>>;

/// The shell's suggestion state: what the kept suggestions were worked out
/// for, and a worker while one runs.
#[derive(Debug, Default)]
pub struct SuggestState {
    /// The workspace tag revision last looked at.
    revision: Option<u64>,
    /// The fingerprint of the project's spans at that revision.
    shape: Option<u64>,
    /// The fingerprint the kept suggestions belong to.
    kept: Option<u64>,
    /// A worker, with the fingerprint it works for.
    worker: Option<(u64, Receiver<Suggestions>)>,
}

/// A fingerprint of what suggestions depend on: the text, the spans and the
/// language (in-process only, so std's hasher is fine).
fn shape_of(project: &Project) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    project.article.text_hash.hash(&mut hasher);
    project.meta.language.hash(&mut hasher);
    project.statements.len().hash(&mut hasher);
    for statement in &project.statements {
        statement.range.hash(&mut hasher);
    }
    hasher.finish()
}

impl ClaimdeskApp {
    /// Brings the suggestions up to date with the workspace, if it changed,
    /// and collects a worker's answer. Called once at the start of a frame.
    pub(super) fn refresh_suggestions(&mut self, ctx: &Context) {
        self.view.suggest.enabled = !self.settings.hide_tag_suggestions;
        self.view.suggest.underlined.clear();
        let mut recount = false;
        // Only changes to tags, spans or the article matter here: typing a
        // note must not make every keystroke look at every statement.
        let revision = self.ws.shape_revision();
        // A worker started in this frame is first asked for its answer in
        // the next one, so a busy frame is always shown as busy (and a
        // quick worker cannot race the frame that started it).
        let mut started_now = false;
        if self.suggest.revision != Some(revision) {
            self.suggest.revision = Some(revision);
            let shape = shape_of(self.ws.project());
            self.suggest.shape = Some(shape);
            if self.suggest.kept != Some(shape) {
                self.start_suggesting(shape);
                started_now = self.suggest.worker.is_some();
            }
            recount = true;
        }
        if started_now {
            ctx.request_repaint_after(POLL);
        } else if let Some((shape, receiver)) = &self.suggest.worker {
            match receiver.try_recv() {
                Ok(found) => {
                    let shape = *shape;
                    self.suggest.worker = None;
                    if self.suggest.shape == Some(shape) {
                        self.keep_suggestions(shape, found);
                        recount = true;
                    }
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(POLL),
                Err(TryRecvError::Disconnected) => {
                    self.suggest.worker = None;
                    self.error("Tag suggestions could not be worked out for this project.".into());
                }
            }
        }
        self.view.suggest.computing = self.suggest.worker.is_some();
        if recount {
            self.recount_suggestions();
        }
    }

    /// Works out suggestions for the spans with fingerprint `shape`: now,
    /// for a normal article, or on a worker for a large one.
    fn start_suggesting(&mut self, shape: u64) {
        self.view.suggest.suggestions = Arc::new(Vec::new());
        self.suggest.kept = None;
        let project = self.ws.project();
        if project.article.text.len() <= SYNC_LIMIT {
            let found = suggest_project(project);
            self.keep_suggestions(shape, found);
            return;
        }
        if self
            .suggest
            .worker
            .as_ref()
            .is_some_and(|(working_on, _)| *working_on == shape)
        {
            return;
        }
        let project = project.clone();
        let (sender, receiver) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("claimdesk-suggest".into())
            .spawn(move || {
                // The window may have moved on (or closed): then nobody
                // listens, which is fine.
                let _ = sender.send(suggest_project(&project));
            });
        match spawned {
            Ok(_) => self.suggest.worker = Some((shape, receiver)),
            Err(error) => self.error(format!("Tag suggestions are off: {error}")),
        }
    }

    fn keep_suggestions(&mut self, shape: u64, found: Suggestions) {
        self.suggest.kept = Some(shape);
        self.view.suggest.suggestions = Arc::new(found);
    }

    /// The figures and the high-confidence count, from the kept suggestions.
    fn recount_suggestions(&mut self) {
        let project = self.ws.project();
        let current = self.suggest.kept.is_some()
            && self.view.suggest.suggestions.len() == project.statements.len();
        if !current {
            self.view.suggest.stats = None;
            self.view.suggest.high_confidence = 0;
            return;
        }
        self.view.suggest.stats = Some(suggestion_stats_with(
            project,
            &self.view.suggest.suggestions,
        ));
        self.view.suggest.high_confidence = self.view.suggest.high_confidence_in(project).count();
    }

    /// The suggestion shown now for statement `id` (which must be current:
    /// the kept suggestions match the project's spans).
    fn shown_suggestion(&mut self, id: StatementId) -> Option<Suggestion> {
        let index = match self.selected_index() {
            Some(index) if self.view.selected == Some(id) => index,
            _ => self.ws.project().index_of(id)?,
        };
        let project = self.ws.project();
        if self.view.suggest.suggestions.len() != project.statements.len()
            || self.suggest.kept.is_none()
            || self.suggest.kept != Some(shape_of_cached(self))
        {
            return None;
        }
        let statement = project.statements.get(index)?;
        self.view.suggest.shown(index, statement).cloned()
    }

    /// The edit for tagging statement `id` with `tag` by key or button: an
    /// accepted suggestion when that is the tag shown as suggested, else
    /// the reviewer's own call.
    pub(super) fn tag_edit(&mut self, id: StatementId, tag: Tag) -> Edit {
        match self.shown_suggestion(id) {
            Some(suggestion) if suggestion.tag == tag => Edit::AcceptSuggestion {
                id,
                tag,
                accepted: suggestion.accepted(),
            },
            _ => Edit::SetTag { id, tag: Some(tag) },
        }
    }

    /// The tag suggested for the selected statement, for Enter; says so
    /// when there is none.
    pub(super) fn suggested_tag_of_selection(&mut self) -> Option<Tag> {
        let id = self.view.selected?;
        let found = self.shown_suggestion(id).map(|s| s.tag);
        if found.is_none() {
            self.toast_text("No tag suggestion is shown for this statement.".to_owned());
        }
        found
    }

    /// Edit > Accept all high-confidence suggestions…: asks first, saying
    /// how many.
    pub(super) fn ask_accept_all_high(&mut self) {
        let count = self.view.suggest.high_confidence;
        if !self.view.suggest.enabled {
            self.toast_text("Tag suggestions are turned off (View menu).".to_owned());
        } else if count == 0 {
            self.toast_text("No untagged statement shows a high-confidence suggestion.".into());
        } else {
            self.view.suggest.confirm_accept_all = Some(count);
        }
    }

    /// Accepts every high-confidence suggestion shown, as one undo step.
    pub(super) fn accept_all_high(&mut self) {
        if !self.view.suggest.enabled {
            return;
        }
        let edits: Vec<Edit> = self
            .view
            .suggest
            .high_confidence_in(self.ws.project())
            .map(|(_, statement, suggestion)| Edit::AcceptSuggestion {
                id: statement.id,
                tag: suggestion.tag,
                accepted: suggestion.accepted(),
            })
            .collect();
        let count = edits.len();
        if count == 0 {
            self.toast_text("No untagged statement shows a high-confidence suggestion.".into());
            return;
        }
        self.ws.seal();
        match self.ws.apply(Edit::Batch(edits)) {
            Ok(_) => self.toast_text(format!(
                "Accepted {count} high-confidence suggestion{}; Undo takes {} back.",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them all" },
            )),
            Err(error) => self.error(format!("Nothing accepted: {error}")),
        }
    }

    /// View > Show tag suggestions (remembered).
    pub(super) fn set_show_suggestions(&mut self, on: bool) {
        self.update_settings(|s| s.hide_tag_suggestions = !on);
        self.view.suggest.enabled = on;
        self.toast_text(if on {
            "Tag suggestions are shown.".to_owned()
        } else {
            "Tag suggestions are hidden.".to_owned()
        });
    }
}

/// The fingerprint of the spans now (recomputed only if the workspace moved
/// since the last refresh, which an earlier action this frame may have done).
fn shape_of_cached(app: &ClaimdeskApp) -> u64 {
    match (app.suggest.revision, app.suggest.shape) {
        (Some(revision), Some(shape)) if revision == app.ws.shape_revision() => shape,
        _ => shape_of(app.ws.project()),
    }
}
