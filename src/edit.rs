//! Every change a reviewer can make to a project, as data.
//!
//! The UI (and the CLI, and tests) never mutate a [`Project`] directly: they
//! describe what they want as an [`Edit`] and hand it to
//! [`crate::workspace::Workspace::apply`], the one place edits happen. There
//! each edit is checked and turned into a [`Change`]: a reversible record
//! (the statements it replaced and the ones it put in their place), which is
//! what the undo history stores. Because every change is a splice of the
//! statement list plus an optional swap of the project metadata, undo and
//! redo are one small function each, and a change costs only the statements
//! it touched, never the article text.

use crate::model::{
    AcceptedSuggestion, Article, ArticleVersion, Evidence, ModelError, Orphan, Project,
    ProjectMeta, RatingScale, Speech, Statement, StatementId, Tag, UrlError, validate_url,
};

/// A free-text field of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// The reviewer's note.
    Note,
    /// Who is speaking, or who holds the opinion.
    Source,
    /// The attribution cue ("said").
    Cue,
    /// The public verdict explanation.
    Explanation,
    /// The short form of the claim for ClaimReview.
    ClaimReviewed,
}

impl TextField {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            TextField::Note => "Note",
            TextField::Source => "Source",
            TextField::Cue => "Cue",
            TextField::Explanation => "Verdict explanation",
            TextField::ClaimReviewed => "Claim as published",
        }
    }

    /// The field's current value in `statement`.
    pub fn get(self, statement: &Statement) -> &str {
        match self {
            TextField::Note => &statement.note,
            TextField::Source => &statement.source,
            TextField::Cue => &statement.cue,
            TextField::Explanation => &statement.explanation,
            TextField::ClaimReviewed => &statement.claim_reviewed,
        }
    }
}

/// What the reviewer asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Tag a statement, or clear its tag with `None`.
    SetTag {
        /// The statement.
        id: StatementId,
        /// The new tag.
        tag: Option<Tag>,
    },
    /// Tag a statement by accepting the suggestion shown for it, recording
    /// that (and what it was shown with) on the statement.
    AcceptSuggestion {
        /// The statement.
        id: StatementId,
        /// The suggested tag.
        tag: Tag,
        /// The confidence and reasons the suggestion was shown with.
        accepted: AcceptedSuggestion,
    },
    /// Replace a text field. Consecutive edits of the same field coalesce
    /// into one undo step until the history is sealed.
    SetText {
        /// The statement.
        id: StatementId,
        /// Which field.
        field: TextField,
        /// The field's whole new value.
        value: String,
    },
    /// Direct quote or reported speech.
    SetSpeech {
        /// The statement.
        id: StatementId,
        /// The new kind, or none.
        speech: Option<Speech>,
    },
    /// Give a verdict from the project's scale, or clear it.
    SetVerdict {
        /// The statement.
        id: StatementId,
        /// A verdict on the project's scale, or `None`.
        verdict: Option<String>,
    },
    /// Flag for follow-up, or unflag.
    SetFollowUp {
        /// The statement.
        id: StatementId,
        /// The new flag.
        follow_up: bool,
    },
    /// Append a piece of evidence; its URL must be http(s).
    AddEvidence {
        /// The statement.
        id: StatementId,
        /// The evidence.
        evidence: Evidence,
    },
    /// Remove the evidence at `index`.
    RemoveEvidence {
        /// The statement.
        id: StatementId,
        /// Position in the statement's evidence list.
        index: usize,
    },
    /// Split a statement in two at byte offset `at` of the article text.
    /// Both halves keep the tag and fields; the second gets a new id.
    Split {
        /// The statement.
        id: StatementId,
        /// Article byte offset strictly inside the statement.
        at: usize,
    },
    /// Merge a statement with the one after it. The first one's tag and
    /// fields win where both have one; notes are joined.
    Merge {
        /// The first of the two statements.
        id: StatementId,
    },
    /// Rename the article. Coalesces like text fields.
    SetTitle(String),
    /// Replace the project metadata. Coalesces like text fields, so typing
    /// in the properties dialog is one step.
    SetMeta(Box<ProjectMeta>),
    /// Replace the rating scale.
    SetScale(RatingScale),
    /// Several edits as ONE undo step, all or nothing: if any is refused,
    /// none is applied. For bulk actions such as "accept all
    /// high-confidence suggestions".
    Batch(Vec<Edit>),
    // --- Whole-project results (UPDATE helper) ---
    /// Put this project in place of the current one, article text included:
    /// for core operations that return a whole new project (an article
    /// update, a review decision after one). One undo step, which restores
    /// the old project exactly; the step stores only the statements that
    /// differ, not two copies of the project.
    ReplaceProject(Box<Project>),
    // --- Adjudication (COMPARE helper) ---
    /// Settle open item number `item` (an index into the project's
    /// `open_items`) as `resolution` says: planned with
    /// [`crate::agree::plan_resolution`], one undo step whose undo reopens
    /// the item and puts back the statements it changed.
    ResolveItem {
        /// The item's index in `open_items`.
        item: usize,
        /// How to settle it.
        resolution: crate::agree::Resolution,
    },
}

/// Why an edit was refused; the project is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The statement is gone (for example, merged away by an undo).
    #[error("statement {0} no longer exists")]
    UnknownStatement(StatementId),
    /// Merge on the last statement.
    #[error("statement {0} is the last one; there is nothing after it to merge with")]
    NothingToMerge(StatementId),
    /// The split point would leave one half empty or is not inside the span.
    #[error("cannot split statement {id} at byte {at}: both parts must keep some text")]
    BadSplit {
        /// The statement.
        id: StatementId,
        /// The refused offset.
        at: usize,
    },
    /// Evidence with a URL that is not http(s).
    #[error("evidence refused: {0}")]
    BadUrl(#[from] UrlError),
    /// No evidence at that index.
    #[error("statement {id} has no evidence number {index}")]
    NoSuchEvidence {
        /// The statement.
        id: StatementId,
        /// The index asked for.
        index: usize,
    },
    /// A verdict the project's scale does not offer.
    #[error("{0:?} is not on this project's rating scale")]
    UnknownVerdict(String),
    /// A rating scale with no verdicts.
    #[error("a rating scale needs at least one verdict")]
    EmptyScale,
    /// A replacement project that breaks the model's invariants.
    #[error("the new project was refused: {0}")]
    Invalid(#[from] ModelError),
    /// A resolution of an open item that does not apply or would break the
    /// project.
    #[error("disagreement not settled: {0}")]
    Resolution(#[from] crate::agree::AgreeError),
}

/// Which group of typing an edit belongs to: consecutive edits with the same
/// key merge into one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoalesceKey {
    /// Typing into one statement field.
    Field(StatementId, TextField),
    /// Typing the title.
    Title,
    /// Typing in the properties dialog.
    Meta,
}

impl Edit {
    /// The typing group this edit belongs to, if it is typing at all.
    pub fn coalesce_key(&self) -> Option<CoalesceKey> {
        match self {
            Edit::SetText { id, field, .. } => Some(CoalesceKey::Field(*id, *field)),
            Edit::SetTitle(_) => Some(CoalesceKey::Title),
            Edit::SetMeta(_) => Some(CoalesceKey::Meta),
            _ => None,
        }
    }
}

/// The project-level fields an edit may swap wholesale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub title: String,
    pub meta: ProjectMeta,
    pub scale: RatingScale,
}

impl Header {
    pub(crate) fn of(project: &Project) -> Self {
        Self {
            title: project.article.title.clone(),
            meta: project.meta.clone(),
            scale: project.scale.clone(),
        }
    }

    fn put(self, project: &mut Project) {
        project.article.title = self.title;
        project.meta = self.meta;
        project.scale = self.scale;
    }
}

/// The rest of a project besides the header and the statements: what only
/// [`Edit::ReplaceProject`] changes (the article, with its text, and what
/// belongs to one version of it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rest {
    article: Article,
    open_items: Vec<crate::agree::OpenItem>,
    orphans: Vec<Orphan>,
    versions: Vec<ArticleVersion>,
}

impl Rest {
    fn of(project: &Project) -> Self {
        // Destructured in full, so a new project field fails to compile
        // here until someone decides which part of a change carries it.
        let Project {
            article,
            meta: _,
            scale: _,
            statements: _,
            next_id: _,
            open_items,
            orphans,
            versions,
        } = project;
        Self {
            article: article.clone(),
            open_items: open_items.clone(),
            orphans: orphans.clone(),
            versions: versions.clone(),
        }
    }

    fn put(self, project: &mut Project) {
        project.article = self.article;
        project.open_items = self.open_items;
        project.orphans = self.orphans;
        project.versions = self.versions;
    }
}

/// A reversible record of one applied edit: `removed` statements at `index`
/// were replaced by `inserted`, the header went from `before` to `after`,
/// and (for a whole-project replacement) so did the article and what
/// belongs to its version (orphans, version history, open items).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub(crate) index: usize,
    pub(crate) removed: Vec<Statement>,
    pub(crate) inserted: Vec<Statement>,
    pub(crate) header: Option<Box<(Header, Header)>>,
    pub(crate) rest: Option<Box<(Rest, Rest)>>,
    pub(crate) next_id: (u64, u64),
    pub(crate) coalesce: Option<CoalesceKey>,
    /// The statement to select after this change is done or undone.
    pub(crate) focus: Option<StatementId>,
}

impl Change {
    /// Puts the change into `project` (do or redo).
    pub(crate) fn redo(&self, project: &mut Project) {
        let end = (self.index + self.removed.len()).min(project.statements.len());
        project
            .statements
            .splice(self.index..end, self.inserted.iter().cloned());
        if let Some(rest) = &self.rest {
            rest.1.clone().put(project);
        }
        if let Some(header) = &self.header {
            header.1.clone().put(project);
        }
        project.next_id = self.next_id.1;
    }

    /// Takes the change back out of `project`.
    pub(crate) fn undo(&self, project: &mut Project) {
        let end = (self.index + self.inserted.len()).min(project.statements.len());
        project
            .statements
            .splice(self.index..end, self.removed.iter().cloned());
        if let Some(rest) = &self.rest {
            rest.0.clone().put(project);
        }
        if let Some(header) = &self.header {
            header.0.clone().put(project);
        }
        project.next_id = self.next_id.0;
    }

    /// Whether the change can alter the project's shape, which what the
    /// window derives from the whole project depends on: the article, its
    /// language and reviewer, statement spans or ids, tags, verdicts,
    /// whether a tag came from a suggestion, and update review marks (tag
    /// suggestions and their figures, the update review queue, the Compare
    /// view's agreement figures). Typing in a note does not, so the window
    /// need not look at every statement after each keystroke.
    /// O(statements changed).
    pub(crate) fn touches_shape(&self) -> bool {
        self.rest.is_some()
            || self.header.as_ref().is_some_and(|h| {
                h.0.meta.language != h.1.meta.language || h.0.meta.reviewer != h.1.meta.reviewer
            })
            || self.removed.len() != self.inserted.len()
            || self.removed.iter().zip(&self.inserted).any(|(a, b)| {
                a.id != b.id
                    || a.range != b.range
                    || a.tag != b.tag
                    || a.accepted != b.accepted
                    || a.review != b.review
                    || a.verdict != b.verdict
            })
    }

    /// Folds a later change of the same typing group into this one, so the
    /// group undoes in one step back to before its first keystroke.
    pub(crate) fn absorb(&mut self, later: Change) {
        self.inserted = later.inserted;
        if let (Some(mine), Some(theirs)) = (&mut self.header, later.header) {
            mine.1 = theirs.1;
        }
        if let (Some(mine), Some(theirs)) = (&mut self.rest, later.rest) {
            mine.1 = theirs.1;
        }
        self.next_id.1 = later.next_id.1;
    }

    /// True when doing the change would leave the project as it was.
    pub(crate) fn is_noop(&self) -> bool {
        self.removed == self.inserted
            && self.header.as_ref().is_none_or(|h| h.0 == h.1)
            && self.rest.as_ref().is_none_or(|r| r.0 == r.1)
            && self.next_id.0 == self.next_id.1
    }
}

/// The index of statement `id`, looking at `hint` and its neighbours first
/// (a linear search touches every statement: at 100,000 statements that
/// alone cost a typing frame about 0.2 ms).
pub(crate) fn index_near(project: &Project, id: StatementId, hint: usize) -> Option<usize> {
    [hint, hint.wrapping_add(1), hint.wrapping_sub(1)]
        .into_iter()
        .find(|&i| project.statements.get(i).is_some_and(|s| s.id == id))
        .or_else(|| project.index_of(id))
}

/// Checks `edit` against `project` and describes its effect as a [`Change`],
/// without applying it. `now` stamps the statements it touches.
/// `hint` is where the statement probably is (the index of the last
/// change): typing in a note, or tagging statement after statement, then
/// finds it without a pass over the whole project.
pub(crate) fn plan(
    project: &Project,
    edit: Edit,
    now: &str,
    hint: usize,
) -> Result<Change, EditError> {
    let next_id = project.next_id;
    let coalesce = edit.coalesce_key();
    let one = |id: StatementId, f: &dyn Fn(&mut Statement) -> Result<(), EditError>| {
        let index = index_near(project, id, hint).ok_or(EditError::UnknownStatement(id))?;
        let old = project.statements[index].clone();
        let mut new = old.clone();
        f(&mut new)?;
        if new != old {
            new.modified = Some(now.to_owned());
        }
        Ok(Change {
            index,
            removed: vec![old],
            inserted: vec![new],
            header: None,
            rest: None,
            next_id: (next_id, next_id),
            coalesce,
            focus: Some(id),
        })
    };
    let header = |f: &dyn Fn(&mut Header)| {
        let before = Header::of(project);
        let mut after = before.clone();
        f(&mut after);
        Change {
            index: 0,
            removed: Vec::new(),
            inserted: Vec::new(),
            header: Some(Box::new((before, after))),
            rest: None,
            next_id: (next_id, next_id),
            coalesce,
            focus: None,
        }
    };
    match edit {
        // A tag key is the reviewer's own call, even when it matches the
        // suggestion, so it clears any record of an accepted suggestion.
        Edit::SetTag { id, tag } => one(id, &|s| {
            s.tag = tag;
            s.accepted = None;
            Ok(())
        }),
        Edit::AcceptSuggestion { id, tag, accepted } => one(id, &|s| {
            s.tag = Some(tag);
            s.accepted = Some(accepted.clone());
            Ok(())
        }),
        Edit::SetText { id, field, value } => one(id, &|s| {
            let slot = match field {
                TextField::Note => &mut s.note,
                TextField::Source => &mut s.source,
                TextField::Cue => &mut s.cue,
                TextField::Explanation => &mut s.explanation,
                TextField::ClaimReviewed => &mut s.claim_reviewed,
            };
            slot.clone_from(&value);
            Ok(())
        }),
        Edit::SetSpeech { id, speech } => one(id, &|s| {
            s.speech = speech;
            Ok(())
        }),
        Edit::SetVerdict { id, verdict } => {
            if let Some(v) = &verdict
                && !project.scale.all().any(|known| known == v)
            {
                return Err(EditError::UnknownVerdict(v.clone()));
            }
            one(id, &|s| {
                s.verdict.clone_from(&verdict);
                Ok(())
            })
        }
        Edit::SetFollowUp { id, follow_up } => one(id, &|s| {
            s.follow_up = follow_up;
            Ok(())
        }),
        Edit::AddEvidence { id, evidence } => {
            validate_url(&evidence.url)?;
            let evidence = Evidence {
                url: evidence.url.trim().to_owned(),
                ..evidence
            };
            one(id, &|s| {
                s.evidence.push(evidence.clone());
                Ok(())
            })
        }
        Edit::RemoveEvidence { id, index } => one(id, &|s| {
            if index >= s.evidence.len() {
                return Err(EditError::NoSuchEvidence { id, index });
            }
            s.evidence.remove(index);
            Ok(())
        }),
        Edit::Split { id, at } => plan_split(project, id, at, now),
        Edit::Merge { id } => plan_merge(project, id, now),
        Edit::SetTitle(title) => Ok(header(&|h| h.title.clone_from(&title))),
        Edit::SetMeta(meta) => Ok(header(&|h| h.meta.clone_from(&*meta))),
        Edit::SetScale(scale) => {
            if scale.ratings.is_empty() && scale.unrated.is_empty() {
                return Err(EditError::EmptyScale);
            }
            Ok(header(&|h| h.scale.clone_from(&scale)))
        }
        Edit::Batch(edits) => plan_batch(project, edits, now),
        Edit::ReplaceProject(new) => plan_replace(project, &new),
        Edit::ResolveItem { item, resolution } => plan_resolve(project, item, &resolution),
    }
}

/// A resolution as a [`Change`]: the plan's statement splice, the title and
/// metadata as the plan leaves them, and the open items with this one
/// settled (carried in [`Rest`], so undo reopens it).
fn plan_resolve(
    project: &Project,
    item: usize,
    resolution: &crate::agree::Resolution,
) -> Result<Change, EditError> {
    let plan = crate::agree::plan_resolution(project, item, resolution)?;
    let before = Header::of(project);
    let after = Header {
        title: plan.title.1.clone(),
        meta: plan.meta.1.clone(),
        scale: before.scale.clone(),
    };
    let rest_before = Rest::of(project);
    let mut rest_after = rest_before.clone();
    if let Some(slot) = rest_after.open_items.get_mut(item) {
        *slot = plan.item_after.clone();
    }
    let focus = plan
        .item_after
        .ids
        .first()
        .or(plan.item_before.ids.first())
        .copied();
    Ok(Change {
        index: plan.index,
        removed: plan.removed,
        inserted: plan.inserted,
        header: (before != after).then(|| Box::new((before, after))),
        rest: Some(Box::new((rest_before, rest_after))),
        next_id: plan.next_id,
        coalesce: None,
        focus,
    })
}

/// Plans each edit against a scratch copy, in order, then records the whole
/// difference as one [`Change`]: the statements between the first and the
/// last that differ (a common prefix and suffix are left out), plus the
/// header if it changed. Any kind of edit may be batched, splits and merges
/// included, because the change is taken from the result, not the parts.
fn plan_batch(project: &Project, edits: Vec<Edit>, now: &str) -> Result<Change, EditError> {
    let mut scratch = project.clone();
    let mut hint = 0;
    for edit in edits {
        let change = plan(&scratch, edit, now, hint)?;
        hint = change.index;
        change.redo(&mut scratch);
    }
    // The whole difference as one splice, the way a whole-project result
    // is recorded (the article and its history cannot change in a batch).
    plan_replace(project, &scratch)
}

/// The change from `old` to `new` as one splice: the statements both share
/// at the start and at the end stay out of it, so confirming one placement
/// in a 10,000-statement project stores one statement each way.
fn plan_replace(old: &Project, new: &Project) -> Result<Change, EditError> {
    new.validate()?;
    let (a, b) = (&old.statements, &new.statements);
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .skip(prefix)
        .rev()
        .zip(b.iter().skip(prefix).rev())
        .take_while(|(x, y)| x == y)
        .count();
    let removed = a.get(prefix..a.len() - suffix).unwrap_or_default().to_vec();
    let inserted = b.get(prefix..b.len() - suffix).unwrap_or_default().to_vec();
    let header = (Header::of(old), Header::of(new));
    let rest = (Rest::of(old), Rest::of(new));
    Ok(Change {
        index: prefix,
        removed,
        inserted,
        header: (header.0 != header.1).then(|| Box::new(header)),
        rest: (rest.0 != rest.1).then(|| Box::new(rest)),
        next_id: (old.next_id, new.next_id),
        coalesce: None,
        // The window chooses what to select after a whole-project change.
        focus: None,
    })
}

fn plan_split(
    project: &Project,
    id: StatementId,
    at: usize,
    now: &str,
) -> Result<Change, EditError> {
    let index = project
        .index_of(id)
        .ok_or(EditError::UnknownStatement(id))?;
    let old = &project.statements[index];
    let text = &*project.article.text;
    let bad = EditError::BadSplit { id, at };
    if at <= old.range.start || at >= old.range.end || !text.is_char_boundary(at) {
        return Err(bad);
    }
    let (Some(head), Some(tail)) = (text.get(old.range.start..at), text.get(at..old.range.end))
    else {
        return Err(bad);
    };
    // Trim the white space at the cut so both halves keep the invariant that
    // a statement starts and ends on visible text.
    let head_end = old.range.start + head.trim_end().len();
    let tail_start = at + (tail.len() - tail.trim_start().len());
    if head_end == old.range.start || tail_start == old.range.end {
        return Err(bad);
    }
    let mut first = old.with_span(old.id, old.range.start..head_end);
    let mut second = old.with_span(StatementId(project.next_id), tail_start..old.range.end);
    first.modified = Some(now.to_owned());
    second.modified = Some(now.to_owned());
    Ok(Change {
        index,
        removed: vec![old.clone()],
        inserted: vec![first, second],
        header: None,
        rest: None,
        next_id: (project.next_id, project.next_id + 1),
        coalesce: None,
        focus: Some(id),
    })
}

fn plan_merge(project: &Project, id: StatementId, now: &str) -> Result<Change, EditError> {
    let index = project
        .index_of(id)
        .ok_or(EditError::UnknownStatement(id))?;
    let (Some(first), Some(second)) = (
        project.statements.get(index),
        project.statements.get(index + 1),
    ) else {
        return Err(EditError::NothingToMerge(id));
    };
    let mut merged = first.with_span(first.id, first.range.start..second.range.end);
    merged.tag = first.tag.or(second.tag);
    merged.note = join_nonempty(&first.note, &second.note, "\n\n");
    merged.explanation = join_nonempty(&first.explanation, &second.explanation, " ");
    merged.claim_reviewed = join_nonempty(&first.claim_reviewed, &second.claim_reviewed, " ");
    for (mine, theirs) in [
        (&mut merged.source, &second.source),
        (&mut merged.cue, &second.cue),
    ] {
        if mine.is_empty() {
            mine.clone_from(theirs);
        }
    }
    merged.speech = first.speech.or(second.speech);
    merged.verdict = first.verdict.clone().or_else(|| second.verdict.clone());
    merged.evidence.extend(second.evidence.iter().cloned());
    merged.follow_up = first.follow_up || second.follow_up;
    merged.modified = Some(now.to_owned());
    Ok(Change {
        index,
        removed: vec![first.clone(), second.clone()],
        inserted: vec![merged],
        header: None,
        rest: None,
        next_id: (project.next_id, project.next_id),
        coalesce: None,
        focus: Some(id),
    })
}

fn join_nonempty(a: &str, b: &str, separator: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (_, true) => a.to_owned(),
        (true, false) => b.to_owned(),
        (false, false) => format!("{a}{separator}{b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_near_finds_a_statement_whatever_the_hint() {
        let project = crate::testing::project(50, 3);
        for (index, statement) in project.statements.iter().enumerate() {
            for hint in [0, index, index + 1, index.saturating_sub(1), 49, usize::MAX] {
                assert_eq!(index_near(&project, statement.id, hint), Some(index));
            }
        }
        let missing = StatementId(u64::MAX);
        assert_eq!(index_near(&project, missing, 3), None);
    }

    #[test]
    fn a_batch_is_one_splice_of_what_changed_and_undoes_exactly() {
        let project = crate::testing::project(20, 3);
        let ids: Vec<StatementId> = project.statements.iter().map(|s| s.id).collect();
        let edits = vec![
            Edit::SetTag {
                id: ids[4],
                tag: Some(Tag::Fact),
            },
            Edit::SetTag {
                id: ids[9],
                tag: Some(Tag::Opinion),
            },
            Edit::SetFollowUp {
                id: ids[7],
                follow_up: true,
            },
        ];
        let change = plan(&project, Edit::Batch(edits), "now", 0).unwrap();
        // Only statements 4..=9 are in the change: the rest is untouched.
        assert_eq!(change.index, 4);
        assert_eq!(change.removed.len(), 6);
        assert_eq!(change.inserted.len(), 6);
        assert!(change.header.is_none());
        let mut edited = project.clone();
        change.redo(&mut edited);
        assert_eq!(edited.statements[4].tag, Some(Tag::Fact));
        assert_eq!(edited.statements[9].tag, Some(Tag::Opinion));
        assert!(edited.statements[7].follow_up);
        assert_eq!(edited.statements[5], project.statements[5]);
        change.undo(&mut edited);
        assert_eq!(edited, project);
    }

    #[test]
    fn a_batch_with_a_refused_edit_changes_nothing() {
        let project = crate::testing::project(5, 3);
        let first = project.statements[0].id;
        let edits = vec![
            Edit::SetTag {
                id: first,
                tag: Some(Tag::Fact),
            },
            Edit::SetTag {
                id: StatementId(u64::MAX),
                tag: Some(Tag::Fact),
            },
        ];
        assert_eq!(
            plan(&project, Edit::Batch(edits), "now", 0),
            Err(EditError::UnknownStatement(StatementId(u64::MAX)))
        );
    }

    #[test]
    fn a_batch_may_split_and_change_the_header() {
        let project = crate::testing::project(4, 3);
        let second = &project.statements[1];
        let at = second.range.start + 1;
        let edits = vec![
            Edit::Split { id: second.id, at },
            Edit::SetTitle("Renamed".to_owned()),
        ];
        let change = plan(&project, Edit::Batch(edits), "now", 0).unwrap();
        let mut edited = project.clone();
        change.redo(&mut edited);
        assert_eq!(edited.statements.len(), 5);
        assert_eq!(edited.article.title, "Renamed");
        assert_eq!(edited.next_id, project.next_id + 1);
        change.undo(&mut edited);
        assert_eq!(edited, project);
    }

    fn updated(project: &Project) -> Project {
        // Every statement's text with one word changed in the first one and
        // a sentence added at the end: an edited placement and a new one.
        let text = project.article.text.replacen(' ', "  x ", 1) + "\n\nA late addition here.";
        let imported = crate::import::ImportedArticle {
            title: "t".to_owned(),
            text,
            source_path: Some("v2.txt".to_owned()),
            notices: Vec::new(),
        };
        crate::update::update(project, imported, "2024-01-02T00:00:00Z")
            .unwrap()
            .project
    }

    #[test]
    fn replacing_the_project_is_one_step_that_undoes_exactly() {
        let mut project = crate::testing::project(40, 7);
        project.statements[3].tag = Some(Tag::Fact);
        project.statements[3].note = "checked".to_owned();
        let before = project.clone();
        let after = updated(&project);
        assert_ne!(after.article.text, before.article.text);
        assert!(!after.versions.is_empty());

        let mut ws = crate::workspace::Workspace::new(project, None);
        ws.apply(Edit::ReplaceProject(Box::new(after.clone())))
            .unwrap();
        assert_eq!(ws.project(), &after);
        assert_eq!(ws.undo_len(), 1);
        assert!(ws.is_dirty());
        assert_eq!(ws.stats(), after.stats());

        ws.undo();
        assert_eq!(ws.project(), &before, "text, statements, history: all back");
        assert_eq!(ws.stats(), before.stats());
        assert!(!ws.is_dirty());
        ws.redo();
        assert_eq!(ws.project(), &after);
        assert_eq!(ws.stats(), after.stats());
    }

    #[test]
    fn a_replacement_stores_only_the_statements_that_differ() {
        let project = crate::testing::project(200, 3);
        let mut next = project.clone();
        next.statements[120].note = "one note".to_owned();
        let change = plan(
            &project,
            Edit::ReplaceProject(Box::new(next.clone())),
            "now",
            0,
        )
        .unwrap();
        assert_eq!(change.index, 120);
        assert_eq!(change.removed, vec![project.statements[120].clone()]);
        assert_eq!(change.inserted, vec![next.statements[120].clone()]);
        assert!(change.header.is_none() && change.rest.is_none());

        let same = plan(
            &project,
            Edit::ReplaceProject(Box::new(project.clone())),
            "now",
            0,
        )
        .unwrap();
        assert!(same.is_noop());
    }

    #[test]
    fn a_broken_replacement_is_refused_and_changes_nothing() {
        let project = crate::testing::project(10, 1);
        let mut broken = project.clone();
        broken.statements[2].range = 0..usize::MAX;
        let mut ws = crate::workspace::Workspace::new(project.clone(), None);
        assert!(matches!(
            ws.apply(Edit::ReplaceProject(Box::new(broken))),
            Err(EditError::Invalid(_))
        ));
        assert_eq!(ws.project(), &project);
        assert!(!ws.can_undo());
    }
}
