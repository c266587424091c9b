//! An open project and its history: the one place edits are applied.
//!
//! # The undo model
//! Every [`Edit`] becomes one [`Change`] on the undo stack, so each discrete
//! action (a tag, a split, a merge, a verdict, a piece of evidence) is its
//! own step however quickly the reviewer works; nothing is grouped by time.
//! The exception is typing: edits that carry the same
//! [`crate::edit::CoalesceKey`] (the same field of the same statement, or the
//! properties dialog) fold into the step on top of the stack until the
//! history is *sealed*. The UI seals when a text field loses focus, when any
//! other edit arrives, on undo/redo and on save, so one stretch of typing in
//! one field is one step.
//!
//! A new edit clears the redo stack. The history is bounded at
//! [`HISTORY_LIMIT`] steps (oldest dropped) and never saved to disk.
//!
//! # Dirty tracking
//! Each change gets a sequence number. The project is dirty when the change
//! on top of the undo stack is not the one that was on top at the last save,
//! so undoing back to the saved state makes it clean again. A revision
//! counter that moves on every apply, undo and redo lets autosave and the UI
//! notice "something changed" without comparing projects.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::edit::{Change, Edit, EditError, plan};
use crate::import::{self, ImportError};
use crate::model::{Project, StatementId, Stats};
use crate::project_file::{self, Fingerprint, ProjectFileError};

/// Why a file could not be opened. The message names the file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// An article that could not be imported.
    #[error(transparent)]
    Article(#[from] ImportError),
    /// A project file that could not be read.
    #[error(transparent)]
    Project(#[from] ProjectFileError),
}

/// How many undo steps are kept.
pub const HISTORY_LIMIT: usize = 5_000;

#[derive(Debug, Clone)]
struct Step {
    change: Change,
    seq: u64,
}

/// A project being edited: the project, where it lives, and its history.
#[derive(Debug, Clone)]
pub struct Workspace {
    project: Project,
    path: Option<PathBuf>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    sealed: bool,
    next_seq: u64,
    saved_seq: Option<u64>,
    /// The sequence number of the state below the oldest undo step: 0 at
    /// first, then the seq of the last step dropped by the history limit.
    /// Undoing everything reaches this state, not the opened one, so a
    /// saved state that fell out of the history is never "reached" again.
    base_seq: u64,
    revision: u64,
    /// Moves only when a change touches the project's shape (see
    /// [`Workspace::shape_revision`]).
    shape_revision: u64,
    clock: fn() -> SystemTime,
    disk: Option<Fingerprint>,
    stats: Stats,
    /// Where the last change was: where the next edit probably is.
    index_hint: usize,
}

impl Workspace {
    /// Opens `project`; `path` is where it was loaded from or will be saved,
    /// `None` for a project not yet saved anywhere. A fresh workspace is
    /// clean: nothing the reviewer did is at stake yet.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        let stats = project.stats();
        Self {
            project,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            sealed: true,
            next_seq: 1,
            saved_seq: Some(0),
            base_seq: 0,
            revision: 0,
            shape_revision: 0,
            clock: SystemTime::now,
            disk: None,
            stats,
            index_hint: 0,
        }
    }

    /// Opens a project file (`.claims.ron`) or imports an article (text,
    /// Markdown, web page, Word, OpenDocument or PDF) into a new, unsaved
    /// project with its properties filled from the source. Returns notices about the import
    /// (an encoding guess, say) for the reviewer.
    pub fn open(path: &Path) -> Result<(Self, Vec<String>), OpenError> {
        if project_file::is_project_path(path) {
            let (project, fingerprint) = project_file::load_tracked(path)?;
            let mut ws = Self::new(project, Some(path.to_owned()));
            ws.disk = Some(fingerprint);
            return Ok((ws, Vec::new()));
        }
        let imported = import::import_path(path, &import::ImportOptions::default())?;
        let project = import::project_from(&imported, None);
        Ok((Self::new(project, None), imported.notices))
    }

    /// The bundled sample article as a new project.
    pub fn sample() -> Self {
        let article = import::ImportedArticle {
            title: import::guess_title(crate::SAMPLE_ARTICLE, "Sample article"),
            text: crate::SAMPLE_ARTICLE.to_owned(),
            source_path: Some(crate::SAMPLE_ARTICLE_NAME.to_owned()),
            notices: Vec::new(),
        };
        Self::new(import::new_project(article), None)
    }

    /// Where Save should suggest writing: the current path, or the article's
    /// name with the project extension beside the article.
    pub fn suggested_path(&self) -> PathBuf {
        if let Some(path) = &self.path {
            return path.clone();
        }
        match &self.project.article.source_path {
            Some(source) => project_file::suggested_path(Path::new(source)),
            None => PathBuf::from(format!("untitled.{}", project_file::EXTENSION)),
        }
    }

    /// Uses `clock` for the "last changed" stamps (tests use a fixed one).
    pub fn with_clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.clock = clock;
        self
    }

    /// The project as it is now.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Where the project is saved, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Moves on every apply, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Moves whenever the project's shape may have changed: the article,
    /// its language or reviewer, a statement's span or id, a tag, a verdict,
    /// a tag's origin (accepted suggestion or not), an update review mark;
    /// not when only notes, sources or other text fields did. What depends
    /// only on those (tag suggestions and their figures, the update review
    /// queue, the agreement figures) is worked out again only when this
    /// moves, not on every keystroke.
    pub fn shape_revision(&self) -> u64 {
        self.shape_revision
    }

    /// Applies `edit` as one undo step (or folds it into the typing step on
    /// top). Returns the statement the edit is about, for selection. On error
    /// nothing changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Option<StatementId>, EditError> {
        let now = humantime::format_rfc3339_seconds((self.clock)()).to_string();
        let change = plan(&self.project, edit, &now, self.index_hint)?;
        self.index_hint = change.index;
        if change.is_noop() {
            return Ok(change.focus);
        }
        change.redo(&mut self.project);
        self.count(&change, 1);
        let focus = change.focus;
        self.redo.clear();
        self.revision += 1;
        self.shape_revision += u64::from(change.touches_shape());
        let key = change.coalesce;
        match self.undo.last_mut() {
            Some(top) if !self.sealed && key.is_some() && top.change.coalesce == key => {
                top.change.absorb(change);
            }
            _ => self.push_step(change),
        }
        // Discrete edits close the typing group; typing keeps it open.
        self.sealed = key.is_none();
        Ok(focus)
    }

    /// Puts an applied change on the undo stack as a new step, dropping the
    /// oldest past [`HISTORY_LIMIT`].
    fn push_step(&mut self, change: Change) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.undo.push(Step { change, seq });
        if self.undo.len() > HISTORY_LIMIT {
            let dropped = self.undo.remove(0);
            self.base_seq = dropped.seq;
        }
    }

    /// Ends the current typing group: the next keystroke starts a new step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Undoes the last step; returns the statement to select, or `None` when
    /// there was nothing to undo or the step was about the project header.
    pub fn undo(&mut self) -> Option<StatementId> {
        self.seal();
        let step = self.undo.pop()?;
        step.change.undo(&mut self.project);
        self.count(&step.change, -1);
        let focus = step.change.focus;
        self.shape_revision += u64::from(step.change.touches_shape());
        self.redo.push(step);
        self.revision += 1;
        focus
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self) -> Option<StatementId> {
        self.seal();
        let step = self.redo.pop()?;
        step.change.redo(&mut self.project);
        self.count(&step.change, 1);
        let focus = step.change.focus;
        self.shape_revision += u64::from(step.change.touches_shape());
        self.undo.push(step);
        self.revision += 1;
        focus
    }

    /// Counts per tag, kept current by every change (O(statements changed),
    /// not O(project)).
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Moves the counts by `change` done (`sign` = 1) or undone (-1).
    fn count(&mut self, change: &Change, sign: isize) {
        for statement in &change.removed {
            self.stats.count_in(statement, -sign);
        }
        for statement in &change.inserted {
            self.stats.count_in(statement, sign);
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    fn top_seq(&self) -> u64 {
        self.undo.last().map_or(self.base_seq, |step| step.seq)
    }

    /// True while the project differs from what was last saved (or, for a
    /// project never saved, from what was opened).
    pub fn is_dirty(&self) -> bool {
        self.saved_seq != Some(self.top_seq())
    }

    /// Records that the project as it is now was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.seal();
        self.saved_seq = Some(self.top_seq());
        self.path = Some(path);
    }

    /// Remembers what the project file's bytes are now (after a save), so
    /// [`Self::changed_on_disk`] can tell when someone else changes them.
    pub fn set_disk_fingerprint(&mut self, fingerprint: Fingerprint) {
        self.disk = Some(fingerprint);
    }

    /// True when the project file was changed on disk by something else
    /// since claimdesk last read or wrote it. A file that is gone is not a
    /// conflict: saving simply writes it again.
    pub fn changed_on_disk(&self) -> bool {
        let (Some(path), Some(known)) = (&self.path, &self.disk) else {
            return false;
        };
        Fingerprint::of_file(path).is_some_and(|now| &now != known)
    }

    /// Forgets the saved state, so the project counts as changed: used after
    /// restoring from a recovery file whose edits were never saved.
    pub fn mark_unsaved(&mut self) {
        self.saved_seq = None;
    }

    /// Puts `recovered` (unsaved work from a recovery file) in place of the
    /// project. Over the same article text this is one undo step, so the
    /// reviewer can step back to the saved version; otherwise the history
    /// starts afresh. Either way the project counts as unsaved.
    pub fn restore(&mut self, recovered: Project) {
        if recovered.article.text_hash == self.project.article.text_hash {
            let change = Change {
                index: 0,
                removed: self.project.statements.clone(),
                inserted: recovered.statements.clone(),
                header: Some(Box::new((
                    crate::edit::Header::of(&self.project),
                    crate::edit::Header::of(&recovered),
                ))),
                rest: None,
                next_id: (self.project.next_id, recovered.next_id),
                coalesce: None,
                focus: None,
            };
            change.redo(&mut self.project);
            self.count(&change, 1);
            self.redo.clear();
            self.push_step(change);
        } else {
            self.project = recovered;
            self.stats = self.project.stats();
            self.undo.clear();
            self.redo.clear();
            // A state no saved file ever had.
            self.base_seq = self.next_seq;
            self.next_seq += 1;
            self.mark_unsaved();
        }
        self.sealed = true;
        self.revision += 1;
        self.shape_revision += 1;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::edit::TextField;
    use crate::model::{Article, Tag};

    fn workspace() -> Workspace {
        let text = "First one here. Second one there. Third.";
        let project = Project::new(
            Article::new("t", None, Arc::from(text)),
            vec![0..15, 16..33, 34..40],
            "en",
        );
        Workspace::new(project, None).with_clock(|| SystemTime::UNIX_EPOCH)
    }

    fn tag_of(ws: &Workspace, index: usize) -> Option<Tag> {
        ws.project().statements[index].tag
    }

    #[test]
    fn each_tag_is_its_own_step_and_undo_restores_clean_state() {
        let mut ws = workspace();
        assert!(!ws.is_dirty());
        for tag in [Tag::Fact, Tag::Opinion, Tag::Attribution] {
            ws.apply(Edit::SetTag {
                id: StatementId(1),
                tag: Some(tag),
            })
            .unwrap();
        }
        assert_eq!(ws.undo_len(), 3);
        assert!(ws.is_dirty());
        assert_eq!(ws.undo(), Some(StatementId(1)));
        assert_eq!(tag_of(&ws, 0), Some(Tag::Opinion));
        ws.undo();
        ws.undo();
        assert_eq!(tag_of(&ws, 0), None);
        assert!(
            !ws.is_dirty(),
            "undoing every step returns to the opened state"
        );
        ws.redo();
        assert_eq!(tag_of(&ws, 0), Some(Tag::Fact));
        assert_eq!(
            ws.project().statements[0].modified.as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
    }

    #[test]
    fn the_shape_revision_moves_with_tags_and_spans_but_not_with_typing() {
        let mut ws = workspace();
        let start = ws.shape_revision();
        for text in ["c", "ch", "che", "check"] {
            ws.apply(Edit::SetText {
                id: StatementId(2),
                field: TextField::Note,
                value: text.to_owned(),
            })
            .unwrap();
        }
        ws.apply(Edit::SetFollowUp {
            id: StatementId(2),
            follow_up: true,
        })
        .unwrap();
        assert_eq!(ws.shape_revision(), start, "notes and flags leave it alone");
        assert!(ws.revision() > start);
        ws.apply(Edit::SetTag {
            id: StatementId(2),
            tag: Some(Tag::Fact),
        })
        .unwrap();
        assert_eq!(ws.shape_revision(), start + 1);
        ws.apply(Edit::Split {
            id: StatementId(2),
            at: 23,
        })
        .unwrap();
        assert_eq!(ws.shape_revision(), start + 2);
        ws.undo();
        ws.undo();
        assert_eq!(ws.shape_revision(), start + 4, "undo moves it too");
        ws.undo();
        assert_eq!(ws.shape_revision(), start + 4, "undoing the flag does not");
    }

    #[test]
    fn a_saved_state_dropped_by_the_history_limit_stays_dirty() {
        // Past the limit the oldest step is dropped; undoing every step that
        // remains must not look like the opened (clean) state, because the
        // dropped step is still applied.
        let mut ws = workspace();
        let tags = [Tag::Fact, Tag::Opinion];
        for i in 0..=HISTORY_LIMIT {
            ws.apply(Edit::SetTag {
                id: StatementId(1),
                tag: Some(tags[i % 2]),
            })
            .unwrap();
        }
        assert_eq!(ws.undo_len(), HISTORY_LIMIT);
        while ws.can_undo() {
            ws.undo();
        }
        assert_eq!(tag_of(&ws, 0), Some(Tag::Fact), "step 1 is still applied");
        assert!(ws.is_dirty(), "the opened state is out of reach");

        // Saved while the saved state is still in the history, then pushed
        // out of it: still dirty after undoing everything.
        let mut ws = workspace();
        ws.apply(Edit::SetTag {
            id: StatementId(2),
            tag: Some(Tag::Fact),
        })
        .unwrap();
        ws.mark_saved(PathBuf::from("p.claims.ron"));
        for i in 0..HISTORY_LIMIT {
            ws.apply(Edit::SetTag {
                id: StatementId(1),
                tag: Some(tags[i % 2]),
            })
            .unwrap();
        }
        // The saved step itself was dropped: undoing to the bottom reaches
        // exactly the saved state, which is clean.
        while ws.can_undo() {
            ws.undo();
        }
        assert_eq!(tag_of(&ws, 0), None);
        assert_eq!(tag_of(&ws, 1), Some(Tag::Fact));
        assert!(
            !ws.is_dirty(),
            "the bottom of the history is the saved state"
        );
        ws.redo();
        assert!(ws.is_dirty());
    }

    #[test]
    fn typing_in_one_field_coalesces_until_sealed() {
        let mut ws = workspace();
        let id = StatementId(2);
        for value in ["a", "ab", "abc"] {
            ws.apply(Edit::SetText {
                id,
                field: TextField::Note,
                value: value.into(),
            })
            .unwrap();
        }
        assert_eq!(ws.undo_len(), 1);
        // Another field starts another step even without a seal.
        ws.apply(Edit::SetText {
            id,
            field: TextField::Source,
            value: "Mayor".into(),
        })
        .unwrap();
        assert_eq!(ws.undo_len(), 2);
        ws.seal();
        ws.apply(Edit::SetText {
            id,
            field: TextField::Source,
            value: "Mayor X".into(),
        })
        .unwrap();
        assert_eq!(ws.undo_len(), 3);
        ws.undo();
        assert_eq!(ws.project().statements[1].source, "Mayor");
        ws.undo();
        ws.undo();
        assert_eq!(ws.project().statements[1].note, "");
    }

    #[test]
    fn a_tag_between_keystrokes_breaks_the_typing_group() {
        let mut ws = workspace();
        let id = StatementId(1);
        ws.apply(Edit::SetText {
            id,
            field: TextField::Note,
            value: "a".into(),
        })
        .unwrap();
        ws.apply(Edit::SetTag {
            id,
            tag: Some(Tag::Fact),
        })
        .unwrap();
        ws.apply(Edit::SetText {
            id,
            field: TextField::Note,
            value: "ab".into(),
        })
        .unwrap();
        assert_eq!(ws.undo_len(), 3);
    }

    #[test]
    fn split_and_merge_round_trip_through_undo() {
        let mut ws = workspace();
        ws.apply(Edit::SetTag {
            id: StatementId(1),
            tag: Some(Tag::Fact),
        })
        .unwrap();
        ws.apply(Edit::SetText {
            id: StatementId(1),
            field: TextField::Note,
            value: "n1".into(),
        })
        .unwrap();
        ws.apply(Edit::SetText {
            id: StatementId(2),
            field: TextField::Note,
            value: "n2".into(),
        })
        .unwrap();
        let before = ws.project().clone();

        ws.apply(Edit::Merge { id: StatementId(1) }).unwrap();
        let merged = &ws.project().statements[0];
        assert_eq!(
            ws.project().text_of(merged),
            "First one here. Second one there."
        );
        assert_eq!(merged.tag, Some(Tag::Fact));
        assert_eq!(merged.note, "n1\n\nn2");
        assert_eq!(ws.project().statements.len(), 2);

        // Split "First one here. Second one there." before "Second".
        ws.apply(Edit::Split {
            id: StatementId(1),
            at: 16,
        })
        .unwrap();
        let p = ws.project();
        assert_eq!(p.text_of(&p.statements[0]), "First one here.");
        assert_eq!(p.text_of(&p.statements[1]), "Second one there.");
        assert_eq!(
            p.statements[1].id,
            StatementId(4),
            "the new half gets a fresh id"
        );
        assert_eq!(p.statements[1].tag, Some(Tag::Fact));
        p.validate().unwrap();

        ws.undo();
        ws.undo();
        assert_eq!(ws.project(), &before);
        ws.redo();
        ws.redo();
        assert_eq!(ws.project().statements.len(), 3);
        assert_eq!(ws.project().next_id, 5);
    }

    #[test]
    fn bad_edits_change_nothing() {
        let mut ws = workspace();
        let before = ws.project().clone();
        assert_eq!(
            ws.apply(Edit::Merge { id: StatementId(3) }),
            Err(EditError::NothingToMerge(StatementId(3)))
        );
        assert!(matches!(
            ws.apply(Edit::Split {
                id: StatementId(1),
                at: 0
            }),
            Err(EditError::BadSplit { .. })
        ));
        // At the very end the second part would be empty.
        assert!(matches!(
            ws.apply(Edit::Split {
                id: StatementId(1),
                at: 15
            }),
            Err(EditError::BadSplit { .. })
        ));
        assert!(matches!(
            ws.apply(Edit::SetTag {
                id: StatementId(99),
                tag: None
            }),
            Err(EditError::UnknownStatement(_))
        ));
        assert_eq!(ws.project(), &before);
        assert!(!ws.can_undo());
    }

    #[test]
    fn saving_marks_clean_and_seals_typing() {
        let mut ws = workspace();
        let id = StatementId(1);
        ws.apply(Edit::SetText {
            id,
            field: TextField::Note,
            value: "a".into(),
        })
        .unwrap();
        ws.mark_saved(PathBuf::from("x.claims.ron"));
        assert!(!ws.is_dirty());
        ws.apply(Edit::SetText {
            id,
            field: TextField::Note,
            value: "ab".into(),
        })
        .unwrap();
        assert!(ws.is_dirty(), "typing after a save is a new, unsaved step");
        ws.undo();
        assert!(!ws.is_dirty());
        assert_eq!(ws.project().statements[0].note, "a");
    }

    #[test]
    fn incremental_counts_always_match_a_recount() {
        let mut ws = workspace();
        let check = |ws: &Workspace| assert_eq!(ws.stats(), ws.project().stats());
        let edits = [
            Edit::SetTag {
                id: StatementId(1),
                tag: Some(Tag::Fact),
            },
            Edit::SetTag {
                id: StatementId(2),
                tag: Some(Tag::Opinion),
            },
            Edit::SetFollowUp {
                id: StatementId(2),
                follow_up: true,
            },
            Edit::Split {
                id: StatementId(2),
                at: 23,
            },
            Edit::Merge { id: StatementId(1) },
            Edit::SetTag {
                id: StatementId(1),
                tag: None,
            },
        ];
        for edit in edits {
            ws.apply(edit).unwrap();
            check(&ws);
        }
        while ws.undo().is_some() || ws.can_undo() {
            check(&ws);
        }
        while ws.can_redo() {
            ws.redo();
            check(&ws);
        }
        let mut recovered = ws.project().clone();
        recovered.statements[0].tag = Some(Tag::Attribution);
        ws.restore(recovered);
        check(&ws);
        assert_eq!(ws.stats().attribution, 1);
    }

    #[test]
    fn new_edit_clears_redo() {
        let mut ws = workspace();
        ws.apply(Edit::SetTag {
            id: StatementId(1),
            tag: Some(Tag::Fact),
        })
        .unwrap();
        ws.undo();
        assert!(ws.can_redo());
        ws.apply(Edit::SetTag {
            id: StatementId(2),
            tag: Some(Tag::Fact),
        })
        .unwrap();
        assert!(!ws.can_redo());
    }
    #[test]
    fn a_batch_is_one_undo_step_and_one_undo_restores_all() {
        let mut ws = workspace();
        let ids: Vec<StatementId> = ws.project().statements.iter().map(|s| s.id).collect();
        let before = ws.project().clone();
        let edits = ids
            .iter()
            .map(|&id| Edit::SetTag {
                id,
                tag: Some(Tag::Fact),
            })
            .collect();
        ws.apply(Edit::Batch(edits)).unwrap();
        assert_eq!(ws.undo_len(), 1);
        assert_eq!(ws.stats().count(Tag::Fact), 3);
        assert!(ws.is_dirty());
        ws.undo();
        assert_eq!(ws.project(), &before);
        assert_eq!(ws.stats().count(Tag::Fact), 0);
        assert!(!ws.is_dirty());
        ws.redo();
        assert!((0..3).all(|i| tag_of(&ws, i) == Some(Tag::Fact)));
    }

    // --- Adjudication (COMPARE helper): settling an open item.
    #[test]
    fn settling_a_disagreement_is_one_step_that_undo_reopens() {
        use crate::agree::{self, Resolution};
        let base = workspace().project().clone();
        let mut ann = agree::blind_copy(&base, "Ann");
        let mut ben = agree::blind_copy(&base, "Ben");
        ann.statements[1].tag = Some(Tag::Fact);
        ben.statements[1].tag = Some(Tag::Opinion);
        let final_project =
            agree::adjudicate(&[("Ann".to_owned(), ann), ("Ben".to_owned(), ben)]).unwrap();
        let item = final_project
            .open_items
            .iter()
            .position(|i| !i.settled)
            .unwrap();
        let mut ws = Workspace::new(final_project, None).with_clock(|| SystemTime::UNIX_EPOCH);
        assert_eq!(
            tag_of(&ws, 1),
            None,
            "a disagreement stays empty until settled"
        );

        let focus = ws
            .apply(Edit::ResolveItem {
                item,
                resolution: Resolution::Take(1),
            })
            .unwrap();
        assert_eq!(focus, Some(StatementId(2)));
        assert_eq!(tag_of(&ws, 1), Some(Tag::Opinion), "took Ben's");
        assert!(ws.project().open_items[item].settled);
        assert_eq!(ws.undo_len(), 1, "one step");

        ws.undo();
        assert_eq!(tag_of(&ws, 1), None);
        assert!(
            !ws.project().open_items[item].settled,
            "undo reopens the item"
        );
        assert!(ws.project().open_items[item].resolution.is_empty());

        ws.redo();
        assert_eq!(tag_of(&ws, 1), Some(Tag::Opinion));
        assert!(ws.project().open_items[item].settled);
        assert_eq!(ws.project().open_items[item].resolution, "took Ben's");

        // A resolution that does not fit the item is refused, nothing changes.
        let before = ws.project().clone();
        assert!(matches!(
            ws.apply(Edit::ResolveItem {
                item,
                resolution: Resolution::Take(5),
            }),
            Err(EditError::Resolution(_))
        ));
        assert_eq!(ws.project(), &before);
    }
}
