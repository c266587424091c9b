//! The reviewer's decisions after an update, as pure functions from one
//! project to the next: confirm a placement, orphan it, re-attach an orphan
//! to text the reviewer selects, or discard an orphan.
//!
//! Each returns a whole new [`Project`] (cheap: the text is shared), so the
//! window can make every decision one undo step by keeping the project it
//! replaced. On error the project is unchanged and the message says why.

use std::ops::Range;

use crate::model::{Orphan, Project, ReviewMark, Statement, StatementId};
use crate::segment::{self, Language};

/// Why a review decision was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    /// No statement has that id.
    #[error("statement {0} no longer exists")]
    UnknownStatement(StatementId),
    /// No orphan has that id.
    #[error("there is no orphaned statement {0}")]
    UnknownOrphan(StatementId),
    /// The selection is empty, outside the text, or splits a character.
    #[error("the selection {start}..{end} is not a stretch of the article's text")]
    BadRange {
        /// Selection start.
        start: usize,
        /// Selection end.
        end: usize,
    },
    /// The selection touches a statement the reviewer has annotated; it
    /// has to be orphaned first, so its notes are never overwritten.
    #[error(
        "the selection overlaps statement {0}, which has annotations; orphan it first or select other text"
    )]
    CoversAnnotated(StatementId),
}

/// One thing the review panel walks through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewItem {
    /// A placed statement to confirm (edited or ambiguous).
    Confirm(StatementId),
    /// An orphan to re-attach or discard.
    Orphan(StatementId),
}

/// Everything still waiting for a decision: placements to confirm in text
/// order, then orphans in the order they were orphaned. Its length is the
/// status bar's "left to review".
pub fn review_queue(project: &Project) -> Vec<ReviewItem> {
    project
        .statements
        .iter()
        .filter(|s| matches!(s.review, Some(ReviewMark::NeedsConfirm { .. })))
        .map(|s| ReviewItem::Confirm(s.id))
        .chain(
            project
                .orphans
                .iter()
                .map(|o| ReviewItem::Orphan(o.statement.id)),
        )
        .collect()
}

fn index_of(project: &Project, id: StatementId) -> Result<usize, ReviewError> {
    project
        .index_of(id)
        .ok_or(ReviewError::UnknownStatement(id))
}

/// Accepts where the update put statement `id` (or acknowledges that it is
/// new): clears its review mark.
pub fn confirm_placement(
    project: &Project,
    id: StatementId,
    now: &str,
) -> Result<Project, ReviewError> {
    let index = index_of(project, id)?;
    let mut next = project.clone();
    if let Some(statement) = next.statements.get_mut(index)
        && statement.review.take().is_some()
    {
        statement.modified = Some(now.to_owned());
    }
    Ok(next)
}

/// Rejects where the update put statement `id`: it becomes an orphan with
/// all its annotations (and the text they were written about), and the
/// text it covered becomes new untagged statements, so nothing in the
/// article is left without one.
pub fn orphan_placement(
    project: &Project,
    id: StatementId,
    now: &str,
) -> Result<Project, ReviewError> {
    let index = index_of(project, id)?;
    let mut next = project.clone();
    let statement = next.statements.remove(index);
    let quote = match &statement.review {
        Some(ReviewMark::NeedsConfirm { old_quote, .. }) => old_quote.clone(),
        _ => project.text_of(&statement).to_owned(),
    };
    let text = &*project.article.text;
    let language = Language::from_code(&project.meta.language);
    let covered = text.get(statement.range.clone()).unwrap_or_default();
    let fresh: Vec<Statement> = segment::segment(covered, language)
        .into_iter()
        .map(|r| {
            let id = StatementId(next.next_id);
            next.next_id += 1;
            let mut s = Statement::new(
                id,
                r.start + statement.range.start..r.end + statement.range.start,
            );
            s.modified = Some(now.to_owned());
            s
        })
        .collect();
    next.statements.splice(index..index, fresh);
    next.orphans.push(Orphan {
        statement: Statement {
            review: None,
            modified: Some(now.to_owned()),
            ..statement
        },
        quote,
    });
    Ok(next)
}

/// Re-attaches orphan `id` to the reviewer's selection `range` of the
/// current text (trimmed of white space). Statements the selection touches
/// must be unannotated: they give up the selected text (keeping what lies
/// outside it, the part after the selection under a new id) or vanish when
/// wholly inside it. An annotated one refuses the selection, so no note is
/// ever overwritten.
pub fn reattach_orphan(
    project: &Project,
    id: StatementId,
    range: Range<usize>,
    now: &str,
) -> Result<Project, ReviewError> {
    let orphan_index = project
        .orphans
        .iter()
        .position(|o| o.statement.id == id)
        .ok_or(ReviewError::UnknownOrphan(id))?;
    let text = &*project.article.text;
    let bad = ReviewError::BadRange {
        start: range.start,
        end: range.end,
    };
    let selected = text.get(range.clone()).ok_or(bad.clone())?;
    let start = range.start + (selected.len() - selected.trim_start().len());
    let range = start..start + selected.trim().len();
    if range.is_empty() {
        return Err(bad);
    }
    let touched: Vec<usize> = project
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.start < range.end && range.start < s.range.end)
        .map(|(i, _)| i)
        .collect();
    for &i in &touched {
        if let Some(s) = project.statements.get(i)
            && (s.has_annotations() || matches!(s.review, Some(ReviewMark::NeedsConfirm { .. })))
        {
            return Err(ReviewError::CoversAnnotated(s.id));
        }
    }

    let mut next = project.clone();
    let orphan = next.orphans.remove(orphan_index);
    let trimmed = |r: Range<usize>| -> Option<Range<usize>> {
        let piece = text.get(r.clone())?;
        let lead = piece.len() - piece.trim_start().len();
        let kept = piece.trim().len();
        (kept > 0).then(|| r.start + lead..r.start + lead + kept)
    };
    let mut replacement = Vec::new();
    for &i in &touched {
        let Some(s) = project.statements.get(i) else {
            continue;
        };
        let left = trimmed(s.range.start..range.start.max(s.range.start));
        let right = trimmed(range.end.min(s.range.end)..s.range.end);
        let mut own_id = Some(s.id);
        for piece in [left, right].into_iter().flatten() {
            let id = own_id.take().unwrap_or_else(|| {
                let id = StatementId(next.next_id);
                next.next_id += 1;
                id
            });
            let mut part = s.with_span(id, piece);
            part.modified = Some(now.to_owned());
            replacement.push(part);
        }
    }
    let mut placed = orphan.statement;
    placed.range = range;
    placed.review = None;
    placed.modified = Some(now.to_owned());
    replacement.push(placed);
    replacement.sort_by_key(|s| s.range.start);
    let at = touched
        .first()
        .copied()
        .unwrap_or_else(|| next.statements.partition_point(|s| s.range.start < start));
    let end = at + touched.len();
    next.statements.splice(at..end, replacement);
    Ok(next)
}

/// Gives up orphan `id` and everything written about it (the reviewer's
/// explicit choice; undo brings it back).
pub fn discard_orphan(project: &Project, id: StatementId) -> Result<Project, ReviewError> {
    let index = project
        .orphans
        .iter()
        .position(|o| o.statement.id == id)
        .ok_or(ReviewError::UnknownOrphan(id))?;
    let mut next = project.clone();
    next.orphans.remove(index);
    Ok(next)
}
