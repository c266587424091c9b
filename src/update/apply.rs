//! Building the updated project from a plan.

use std::collections::HashMap;
use std::ops::Range;

use super::{UpdatePlan, plan_update};
use crate::model::{
    Article, ArticleVersion, Orphan, Project, ReviewMark, Statement, StatementId, StatusCounts,
    UpdateStatus,
};

/// True when `range` is a valid statement span of `text`: not empty, inside
/// it, on character boundaries.
fn valid_span(text: &str, range: &Range<usize>) -> bool {
    range.start < range.end && text.get(range.clone()).is_some()
}

/// The project over `new_article` that `plan` describes (see the module doc
/// of [`crate::update`]). `source` (a path or address; empty for pasted
/// text) and `now` (RFC 3339) go into the version history.
///
/// Never loses an annotation: a plan made for another text is made afresh,
/// and a placement that would break the project's invariants (out of the
/// text, overlapping another) turns into an orphan instead.
pub fn apply_update(
    old: &Project,
    new_article: Article,
    plan: &UpdatePlan,
    source: &str,
    now: &str,
) -> Project {
    let replanned;
    let plan = if plan.text_hash == new_article.text_hash {
        plan
    } else {
        replanned = plan_update(old, &new_article.text);
        &replanned
    };
    let text = &*new_article.text;
    let entries: HashMap<StatementId, &super::PlanEntry> =
        plan.entries.iter().map(|e| (e.id, e)).collect();

    // Placements in text order; any that would overlap the one before is
    // orphaned rather than dropped.
    let mut placed: Vec<(Range<usize>, UpdateStatus, &Statement)> = Vec::new();
    let mut orphaned: Vec<&Statement> = Vec::new();
    for statement in &old.statements {
        match entries.get(&statement.id) {
            Some(entry) => match &entry.new_range {
                Some(range)
                    if entry.status != UpdateStatus::Orphaned && valid_span(text, range) =>
                {
                    placed.push((range.clone(), entry.status, statement));
                }
                _ => orphaned.push(statement),
            },
            None => orphaned.push(statement),
        }
    }
    placed.sort_by_key(|(range, _, _)| range.start);
    let mut counts = StatusCounts::default();
    let mut statements: Vec<Statement> = Vec::with_capacity(placed.len() + plan.new_ranges.len());
    let mut previous_end = 0;
    for (range, status, statement) in placed {
        if range.start < previous_end {
            orphaned.push(statement);
            continue;
        }
        previous_end = range.end;
        counts.add(status);
        let mut moved = statement.with_span(statement.id, range);
        moved.review = match (status, &statement.review) {
            (UpdateStatus::Edited | UpdateStatus::Ambiguous, earlier) => {
                // An edit that was never confirmed keeps the text the
                // annotations were first written about.
                let old_quote = match earlier {
                    Some(ReviewMark::NeedsConfirm { old_quote, .. }) => old_quote.clone(),
                    _ => old.text_of(statement).to_owned(),
                };
                Some(ReviewMark::NeedsConfirm { status, old_quote })
            }
            (_, Some(pending @ ReviewMark::NeedsConfirm { .. })) => Some(pending.clone()),
            _ => None,
        };
        statements.push(moved);
    }

    let mut next_id = old.next_id;
    let mut fresh = Vec::with_capacity(plan.new_ranges.len());
    for range in &plan.new_ranges {
        if !valid_span(text, range) {
            continue;
        }
        let mut statement = Statement::new(StatementId(next_id), range.clone());
        statement.review = Some(ReviewMark::NewInVersion);
        next_id += 1;
        fresh.push(statement);
    }
    // New statements fill gaps between placed ones; keep only those that
    // do (a stale plan's ranges might not).
    statements.sort_by_key(|s| s.range.start);
    for statement in fresh {
        let at = statements.partition_point(|s| s.range.start < statement.range.start);
        let clear_before = at
            .checked_sub(1)
            .and_then(|i| statements.get(i))
            .is_none_or(|s| s.range.end <= statement.range.start);
        let clear_after = statements
            .get(at)
            .is_none_or(|s| statement.range.end <= s.range.start);
        if clear_before && clear_after {
            counts.new_statements += 1;
            statements.insert(at, statement);
        }
    }

    let mut orphans = old.orphans.clone();
    for statement in orphaned {
        counts.add(UpdateStatus::Orphaned);
        orphans.push(Orphan {
            quote: match &statement.review {
                Some(ReviewMark::NeedsConfirm { old_quote, .. }) => old_quote.clone(),
                _ => old.text_of(statement).to_owned(),
            },
            statement: Statement {
                review: None,
                ..statement.clone()
            },
        });
    }

    let mut versions = old.versions.clone();
    if versions.is_empty() {
        versions.push(ArticleVersion {
            date: None,
            source: old.article.source_path.clone(),
            text_hash: old.article.text_hash.clone(),
            counts: StatusCounts {
                new_statements: old.statements.len(),
                ..StatusCounts::default()
            },
        });
    }
    versions.push(ArticleVersion {
        date: Some(now.to_owned()),
        source: (!source.is_empty()).then(|| source.to_owned()),
        text_hash: new_article.text_hash.clone(),
        counts,
    });

    Project {
        article: new_article,
        meta: old.meta.clone(),
        scale: old.scale.clone(),
        statements,
        next_id,
        orphans,
        versions,
        // Items hold spans of the old text; `update` refuses a project with
        // unsettled items, and settled ones are already applied.
        open_items: Vec::new(),
    }
}
