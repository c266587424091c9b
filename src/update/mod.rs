//! Following the story: moving a project onto a new version of its article
//! without losing an annotation or pinning one on the wrong sentence.
//!
//! An update is two pure steps, so the window can show the plan before it
//! commits to it and run the slow part off the UI thread:
//! 1. [`plan_update`] places every old statement in the new text and gives
//!    it an [`UpdateStatus`] (see [`anchor`] for how: normalised texts, a
//!    word diff for position hints, exact and approximate search, scores,
//!    and the rule that only an exact, unambiguous match is placed without
//!    asking the reviewer);
//! 2. [`apply_update`] builds the new project: placed statements keep their
//!    id and every annotation, edited and ambiguous ones are marked for
//!    confirmation ([`ReviewMark::NeedsConfirm`]), orphans move to
//!    [`Project::orphans`] with everything the reviewer wrote, text no
//!    statement covers becomes new untagged statements
//!    ([`ReviewMark::NewInVersion`]), and the version is recorded in
//!    [`Project::versions`].
//!
//! [`update`] does both from an imported article (any source claimdesk can
//! read). The [`review`] helpers are the reviewer's decisions afterwards:
//! confirm, orphan, re-attach, discard.

pub mod anchor;
mod apply;
mod diffmap;
pub mod mutate;
mod myers;
pub mod normalise;
pub mod review;

use std::ops::Range;
use std::sync::Arc;

pub use apply::apply_update;
pub use review::{
    ReviewError, ReviewItem, confirm_placement, discard_orphan, orphan_placement, reattach_orphan,
    review_queue,
};

use crate::import::ImportedArticle;
use crate::model::{Article, Project, StatementId, hash_text};
pub use crate::model::{ArticleVersion, Orphan, ReviewMark, StatusCounts, UpdateStatus};
use crate::segment::{self, Language};

/// Where one statement of the old project goes.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEntry {
    /// The statement.
    pub id: StatementId,
    /// What happened to it.
    pub status: UpdateStatus,
    /// Its text in the old version.
    pub old_quote: String,
    /// Its byte range in the new text; `None` when orphaned.
    pub new_range: Option<Range<usize>>,
    /// Confidence in the placement, 0..=1 (0 for orphans).
    pub score: f64,
}

/// What an update will do, before it is applied.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdatePlan {
    /// [`hash_text`] of the new text the plan is for.
    pub text_hash: String,
    /// One entry per statement of the old project, in its order.
    pub entries: Vec<PlanEntry>,
    /// Text no placed statement covers, segmented: the new statements.
    pub new_ranges: Vec<Range<usize>>,
}

impl UpdatePlan {
    /// How many statements get each status, and how many are new.
    pub fn counts(&self) -> StatusCounts {
        let mut counts = StatusCounts {
            new_statements: self.new_ranges.len(),
            ..StatusCounts::default()
        };
        for entry in &self.entries {
            counts.add(entry.status);
        }
        counts
    }
}

/// Places every statement of `old` in `new_text` (see the module doc).
pub fn plan_update(old: &Project, new_text: &str) -> UpdatePlan {
    let (placed, new_norm) = anchor::place(old, new_text);
    let old_text = &*old.article.text;
    let mut entries = Vec::with_capacity(old.statements.len());
    for (statement, placed) in old.statements.iter().zip(placed) {
        let new_range = placed
            .range
            .as_ref()
            .and_then(|range| new_norm.range_to_real(new_text, range));
        let (status, score) = match new_range {
            Some(_) => (placed.status, placed.score.clamp(0.0, 1.0)),
            None => (UpdateStatus::Orphaned, 0.0),
        };
        entries.push(PlanEntry {
            id: statement.id,
            status,
            old_quote: old_text
                .get(statement.range.clone())
                .unwrap_or_default()
                .to_owned(),
            new_range,
            score,
        });
    }
    let mut covered: Vec<Range<usize>> =
        entries.iter().filter_map(|e| e.new_range.clone()).collect();
    covered.sort_by_key(|r| r.start);
    let language = Language::from_code(&old.meta.language);
    let new_ranges = uncovered(new_text, &covered, language);
    UpdatePlan {
        text_hash: hash_text(new_text),
        entries,
        new_ranges,
    }
}

/// The statements of the text between `covered` ranges (sorted, not
/// overlapping).
fn uncovered(text: &str, covered: &[Range<usize>], language: Language) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    let ends = covered
        .iter()
        .map(|r| (r.start, r.end))
        .chain(std::iter::once((text.len(), text.len())));
    for (start, end) in ends {
        if let Some(gap) = text.get(from..start)
            && !gap.trim().is_empty()
        {
            out.extend(
                segment::segment(gap, language)
                    .into_iter()
                    .map(|r| r.start + from..r.end + from),
            );
        }
        from = from.max(end);
    }
    out
}

/// Why an update was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    /// The new version has no text.
    #[error("The new version of the article is empty: {0}")]
    Empty(String),
    /// Reviewers' disagreements are still open; their spans belong to this
    /// version of the text.
    #[error("Settle the {0} open reviewer disagreement(s) before updating the article")]
    OpenItems(usize),
}

/// A planned and applied update.
#[derive(Debug, Clone, PartialEq)]
pub struct Updated {
    /// What happened to each statement.
    pub plan: UpdatePlan,
    /// The project over the new version.
    pub project: Project,
}

/// Updates `old` to the imported new version of its article: the one entry
/// point for every source (file, address, pasted text). `now` (RFC 3339)
/// dates the version. The project keeps its title (the reviewer may have
/// set it); its article's source becomes the new version's.
pub fn update(old: &Project, imported: ImportedArticle, now: &str) -> Result<Updated, UpdateError> {
    let source = imported.source_path.clone().unwrap_or_default();
    let open = old.open_items.iter().filter(|i| !i.settled).count();
    if open > 0 {
        return Err(UpdateError::OpenItems(open));
    }
    if imported.text.trim().is_empty() {
        let name = if source.is_empty() {
            "pasted text".to_owned()
        } else {
            source
        };
        return Err(UpdateError::Empty(name));
    }
    let text: Arc<str> = Arc::from(imported.text);
    let plan = plan_update(old, &text);
    let article = Article::new(old.article.title.clone(), imported.source_path, text);
    let project = apply_update(old, article, &plan, &source, now);
    Ok(Updated { plan, project })
}

#[cfg(test)]
mod tests;
