//! A desk of reviewers: blind copies, agreement figures, adjudication and
//! the three-way merge git calls.
//!
//! Everything here is pure: projects in, figures or projects out. The CLI
//! (`claimdesk agree`, `adjudicate`, `merge-driver`) and the window's
//! Compare view call the same functions.
//!
//! - [`blind_copy`]: the same article and statements for another reviewer,
//!   without annotations.
//! - [`compare`]: per cent agreement, Cohen's κ, Fleiss' κ, Krippendorff's
//!   α (nominal, per tag, ordinal over verdicts, unitized), Gwet's AC1, the
//!   disagreements and a confusion matrix per reviewer pair
//!   ([`stats`] holds the formulas, [`report`] renders them).
//! - [`adjudicate`]: the reviewers' projects combined into one, agreements
//!   settled and every disagreement an [`OpenItem`]; [`plan_resolution`] /
//!   [`resolve_item`] settle them; [`publish_blockers`] says why a report
//!   must not be published yet.
//! - [`merge`]: the three-way merge of one project file, per statement id
//!   and per field.

use std::ops::Range;

use crate::model::{ModelError, Project, StatementId, Tag};

mod adjudicate;
mod align;
mod items;
mod merge;
pub mod report;
pub mod stats;
mod unitize;

pub use adjudicate::adjudicate;
pub(crate) use items::validate_items;
pub use items::{
    Choice, ItemKind, OpenItem, Resolution, ResolutionPlan, blind_copy, plan_resolution,
    publish_blockers, resolve_item,
};
pub use merge::{MergeOutcome, merge};
pub use stats::Figure;

use align::{ABSENT, Units};
use stats::{MISSING, Metric, Ratings, Tally};
use unitize::tag_code;

/// The most reviewers compared at once: beyond this the pairwise confusion
/// matrices (one per pair) stop being readable, and a desk that size is a
/// survey, not a review.
pub const MAX_REVIEWERS: usize = 64;

/// A tag's share of all labels at or above which α and κ are unreliable
/// (the "kappa paradox") and Gwet's AC1 is shown beside them.
pub const DOMINANCE: f64 = 0.85;

/// Why projects could not be compared, adjudicated or merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreeError {
    /// Fewer than two projects.
    #[error(
        "comparing needs at least two reviewers' projects, but only {0} was given (make a copy for a second reviewer with `claimdesk new --reviewer NAME`)"
    )]
    TooFewReviewers(usize),
    /// More than [`MAX_REVIEWERS`].
    #[error("at most {MAX_REVIEWERS} reviewers can be compared at once, not {0}")]
    TooManyReviewers(usize),
    /// The projects annotate different texts.
    #[error("the two projects annotate different article texts: {first} and {second}")]
    DifferentArticles {
        /// The first project (as named by the caller).
        first: String,
        /// The project that differs from it.
        second: String,
    },
    /// No item with that number.
    #[error("there is no open item number {0}")]
    NoSuchItem(usize),
    /// The chosen reviewer is not one of the item's choices.
    #[error("item {item} has no choice number {choice}")]
    NoSuchChoice {
        /// The item.
        item: usize,
        /// The choice asked for.
        choice: usize,
    },
    /// The resolution does not fit the kind of item.
    #[error("item {item} is about {kind}; {resolution} does not apply to it")]
    NotApplicable {
        /// The item.
        item: usize,
        /// What the item is about.
        kind: String,
        /// What was asked.
        resolution: String,
    },
    /// A statement the item names is gone from the project.
    #[error("statement {0} of this item is no longer in the project")]
    UnknownStatement(StatementId),
    /// Applying a resolution would break the project (for example,
    /// statements that overlap after taking a reviewer's segmentation).
    #[error("that resolution would break the project: {0}")]
    Invalid(#[from] ModelError),
}

/// Names for reviewers, from each project's reviewer field, or else its
/// file label; repeated names get the file label added ("Ann
/// (ann-2.claims.ron)"), and a number if even that repeats.
pub fn reviewer_names(entries: &[(&str, &Project)]) -> Vec<String> {
    let base: Vec<String> = entries
        .iter()
        .map(|(label, project)| {
            let name = project.meta.reviewer.trim();
            if name.is_empty() {
                (*label).to_owned()
            } else {
                name.to_owned()
            }
        })
        .collect();
    let count = |names: &[String], name: &str| names.iter().filter(|n| *n == name).count();
    let mut names: Vec<String> = base
        .iter()
        .zip(entries)
        .map(|(name, (label, _))| {
            if count(&base, name) > 1 && name != label {
                format!("{name} ({label})")
            } else {
                name.clone()
            }
        })
        .collect();
    let snapshot = names.clone();
    let mut seen: Vec<String> = Vec::new();
    for name in &mut names {
        if count(&snapshot, name) > 1 {
            let n = seen.iter().filter(|s| *s == name).count() + 1;
            seen.push(name.clone());
            *name = format!("{name} #{n}");
        }
    }
    names
}

/// Checks that there are 2..=[`MAX_REVIEWERS`] projects, all over the same
/// article text.
pub fn check_reviewers(reviewers: &[(String, Project)]) -> Result<(), AgreeError> {
    match reviewers {
        [] | [_] => return Err(AgreeError::TooFewReviewers(reviewers.len())),
        many if many.len() > MAX_REVIEWERS => {
            return Err(AgreeError::TooManyReviewers(many.len()));
        }
        _ => {}
    }
    if let Some((first, first_project)) = reviewers.first() {
        for (name, project) in reviewers {
            if project.article.text_hash != first_project.article.text_hash
                || project.article.text != first_project.article.text
            {
                return Err(AgreeError::DifferentArticles {
                    first: first.clone(),
                    second: name.clone(),
                });
            }
        }
    }
    Ok(())
}

/// One statement the reviewers tagged differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The statement's id (in the first project that has it).
    pub id: StatementId,
    /// Its span in the article.
    pub span: Range<usize>,
    /// Each reviewer's tag, in reviewer order (`None`: untagged or no
    /// statement over this span).
    pub tags: Vec<Option<Tag>>,
}

/// Who tagged what against whom, for one pair of reviewers: the data of
/// the Compare view's heat map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confusion {
    /// The first reviewer (row), an index into [`Agreement::reviewers`].
    pub a: usize,
    /// The second reviewer (column).
    pub b: usize,
    /// `cells[row * 4 + column]`: the ids of the statements (over spans
    /// both reviewers have) that `a` tagged [`Confusion::LABELS`]`[row]` and
    /// `b` tagged `[column]`.
    pub cells: Vec<Vec<StatementId>>,
}

impl Confusion {
    /// Row and column labels: the three tags, then untagged.
    pub const LABELS: [Option<Tag>; 4] = [
        Some(Tag::Fact),
        Some(Tag::Attribution),
        Some(Tag::Opinion),
        None,
    ];

    /// The statements in one cell.
    pub fn cell(&self, row: Option<Tag>, column: Option<Tag>) -> &[StatementId] {
        let slot = |t: Option<Tag>| (tag_code(t).min(3)) as usize;
        self.cells
            .get(slot(row) * 4 + slot(column))
            .map_or(&[], Vec::as_slice)
    }
}

/// Every agreement figure for a set of reviewers, each with the number of
/// statements (or text segments) it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Reviewer names, in the order given.
    pub reviewers: Vec<String>,
    /// Distinct statements (spans) across all reviewers.
    pub statements: usize,
    /// Statements every reviewer has (same span).
    pub aligned_statements: usize,
    /// Share of the annotated text whose statements line up across all
    /// reviewers (0..=1).
    pub aligned: f64,
    /// Characters of text inside some reviewer's statement.
    pub characters: usize,
    /// Share of agreeing pairs, over statements at least two reviewers
    /// tagged.
    pub percent_agreement: Figure,
    /// Cohen's κ on statements both tagged; `None` unless exactly two
    /// reviewers.
    pub cohen_kappa: Option<Figure>,
    /// Fleiss' κ on statements every reviewer tagged.
    pub fleiss_kappa: Figure,
    /// Krippendorff's α, nominal, untagged = missing.
    pub alpha_nominal: Figure,
    /// Krippendorff's uα over text segments (see the `unitize` module);
    /// `statements` counts segments.
    pub alpha_unitized: Figure,
    /// α of "this tag vs any other", per tag.
    pub per_tag: Vec<(Tag, Figure)>,
    /// α with the ordinal metric over verdicts on the first project's
    /// rating scale (facts and attributions; unrated verdicts missing).
    pub verdict_alpha_ordinal: Figure,
    /// Gwet's AC1 over tags.
    pub ac1: Figure,
    /// The most frequent tag and its share of all labels.
    pub dominant: Option<(Tag, f64)>,
    /// Statements tagged differently by at least two reviewers.
    pub disagreements: Vec<Disagreement>,
    /// One confusion matrix per reviewer pair.
    pub confusion: Vec<Confusion>,
    /// Reviewers who tagged nothing (they count as missing everywhere).
    pub tagged_nothing: Vec<String>,
}

impl Agreement {
    /// True when one tag is so frequent (≥ [`DOMINANCE`]) that AC1 should
    /// be shown beside α.
    pub fn show_ac1(&self) -> bool {
        self.dominant.is_some_and(|(_, share)| share >= DOMINANCE)
    }
}

/// Computes every agreement figure for `reviewers` (name, project).
pub fn compare(reviewers: &[(String, Project)]) -> Result<Agreement, AgreeError> {
    check_reviewers(reviewers)?;
    let projects: Vec<&Project> = reviewers.iter().map(|(_, p)| p).collect();
    let names: Vec<String> = reviewers.iter().map(|(n, _)| n.clone()).collect();
    let k = projects.len();
    let units = Units::of(&projects);
    let n = units.len();

    let mut tags = vec![MISSING; n * k];
    let mut verdicts = vec![MISSING; n * k];
    let scale = projects
        .first()
        .map(|p| p.scale.clone())
        .unwrap_or_default();
    let ratings_len = scale.ratings.len();
    let mut aligned_statements = 0;
    for u in 0..n {
        let row = units.row(u);
        if row.iter().all(|&i| i != ABSENT) {
            aligned_statements += 1;
        }
        for (r, (&index, project)) in row.iter().zip(&projects).enumerate() {
            let Some(s) = project.statements.get(index as usize) else {
                continue;
            };
            tags[u * k + r] = tag_code(s.tag);
            if matches!(s.tag, Some(Tag::Fact | Tag::Attribution))
                && let Some(verdict) = &s.verdict
                && let Some(value) = scale.rating_value(verdict)
            {
                verdicts[u * k + r] = (value - 1) as u32;
            }
        }
    }
    let tag_ratings = Ratings {
        raters: k,
        categories: 3,
        values: &tags,
        weights: None,
    };
    let tally = Tally::of(&tag_ratings);
    let verdict_tally = Tally::of(&Ratings {
        raters: k,
        categories: ratings_len,
        values: &verdicts,
        weights: None,
    });

    let text = projects.first().map(|p| &*p.article.text).unwrap_or("");
    // With the same spans everywhere (blind copies nobody re-segmented)
    // the statement table is the segment table: no second pass. Every unit
    // having every reviewer's statement means exactly that, since units
    // line statements up by their exact spans.
    let same = aligned_statements == n;
    let segments = unitize::segments(&projects, text, same.then_some(&tags[..]));
    let unitized = Tally::of(&Ratings {
        raters: k,
        categories: 4,
        values: &segments.values,
        weights: Some(&segments.weights),
    })
    .alpha(Metric::Nominal);

    let mut disagreements = Vec::new();
    let mut pairs: Vec<Confusion> = Vec::with_capacity(k * (k - 1) / 2);
    for a in 0..k {
        for b in a + 1..k {
            pairs.push(Confusion {
                a,
                b,
                cells: vec![Vec::new(); 16],
            });
        }
    }
    for u in 0..n {
        let row = &tags[u * k..(u + 1) * k];
        let index = units.row(u);
        let id = index
            .iter()
            .zip(&projects)
            .find_map(|(&i, p)| p.statements.get(i as usize))
            .map_or(StatementId(0), |s| s.id);
        let first = row.iter().find(|&&t| t != MISSING);
        if let Some(&first) = first
            && row.iter().any(|&t| t != MISSING && t != first)
        {
            disagreements.push(Disagreement {
                id,
                span: units.spans.get(u).cloned().unwrap_or(0..0),
                tags: row.iter().map(|&t| code_tag(t)).collect(),
            });
        }
        for pair in &mut pairs {
            if index[pair.a] == ABSENT || index[pair.b] == ABSENT {
                continue;
            }
            let cell = row[pair.a].min(3) as usize * 4 + row[pair.b].min(3) as usize;
            if let Some(cell) = pair.cells.get_mut(cell) {
                cell.push(id);
            }
        }
    }

    let tagged_nothing = names
        .iter()
        .zip(&projects)
        .filter(|(_, p)| p.statements.iter().all(|s| s.tag.is_none()))
        .map(|(name, _)| name.clone())
        .collect();
    Ok(Agreement {
        statements: n,
        aligned_statements,
        aligned: if segments.covered == 0 {
            1.0
        } else {
            segments.aligned as f64 / segments.covered as f64
        },
        characters: segments.covered,
        percent_agreement: tally.percent_agreement(),
        cohen_kappa: (k == 2).then(|| stats::cohen_kappa(&tag_ratings)),
        fleiss_kappa: stats::fleiss_kappa(&tag_ratings),
        alpha_nominal: tally.alpha(Metric::Nominal),
        alpha_unitized: unitized,
        per_tag: Tag::ALL
            .iter()
            .map(|&t| (t, tally.alpha_one_vs_rest(tag_code(Some(t)) as usize)))
            .collect(),
        verdict_alpha_ordinal: verdict_tally.alpha(Metric::Ordinal),
        ac1: tally.gwet_ac1(),
        dominant: tally
            .dominant()
            .and_then(|(c, share)| code_tag(c as u32).map(|t| (t, share))),
        disagreements,
        confusion: pairs,
        tagged_nothing,
        reviewers: names,
    })
}

fn code_tag(code: u32) -> Option<Tag> {
    match code {
        0 => Some(Tag::Fact),
        1 => Some(Tag::Attribution),
        2 => Some(Tag::Opinion),
        _ => None,
    }
}
