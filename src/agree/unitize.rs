//! The unitized comparison: reviewers who split or merged statements
//! differently still compare, character by character.
//!
//! The text is cut at every boundary any reviewer used, so inside each
//! segment every reviewer's judgement is constant: the tag of the statement
//! covering it, "outside" when the reviewer has no statement there, and
//! missing when the covering statement is untagged. Segments no reviewer
//! covers (the white space between statements) are left out. α over these
//! segments, each weighted by its length in characters, is the same as α
//! over the characters themselves (the uα this module reports), at the
//! cost of one unit per segment instead of one per character.

use crate::agree::stats::MISSING;
use crate::model::{Project, Tag};

/// The category for "no statement of this reviewer covers this text".
pub(crate) const OUTSIDE: u32 = 3;

/// The category number of a tag in every agreement table.
pub(crate) fn tag_code(tag: Option<Tag>) -> u32 {
    match tag {
        Some(Tag::Fact) => 0,
        Some(Tag::Attribution) => 1,
        Some(Tag::Opinion) => 2,
        None => MISSING,
    }
}

/// The segment table: `values[segment * reviewers + r]`, one weight (its
/// length in characters) per segment, and how much text lines up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Segments {
    /// Categories per segment and reviewer.
    pub values: Vec<u32>,
    /// Characters per segment.
    pub weights: Vec<f64>,
    /// Characters covered by some reviewer's statement.
    pub covered: usize,
    /// Characters where every reviewer has the very same statement span.
    pub aligned: usize,
}

/// Every boundary any reviewer used, sorted and without repeats: a k-way
/// merge of the reviewers' own boundary lists, which are already sorted.
fn boundaries(projects: &[&Project]) -> Vec<usize> {
    let total: usize = projects.iter().map(|p| p.statements.len() * 2).sum();
    let mut out = Vec::with_capacity(total);
    let mut heads = vec![0usize; projects.len()];
    let at = |project: &Project, head: usize| -> Option<usize> {
        let s = project.statements.get(head / 2)?;
        Some(if head.is_multiple_of(2) {
            s.range.start
        } else {
            s.range.end
        })
    };
    loop {
        let least = projects
            .iter()
            .zip(&heads)
            .filter_map(|(p, &h)| at(p, h))
            .min();
        let Some(least) = least else { break };
        if out.last() != Some(&least) {
            out.push(least);
        }
        for (project, head) in projects.iter().zip(heads.iter_mut()) {
            while at(project, *head) == Some(least) {
                *head += 1;
            }
        }
    }
    out
}

/// Cuts `text` at every reviewer's boundaries and tabulates each segment.
/// `same_spans_tags`: when the caller already knows every reviewer has the
/// same spans, the statements' tag table (`tags[statement * k + r]`, as
/// [`tag_code`] writes it), which is then the segment table itself.
pub(crate) fn segments(
    projects: &[&Project],
    text: &str,
    same_spans_tags: Option<&[u32]>,
) -> Segments {
    let k = projects.len();
    let ascii = text.is_ascii();
    let mut out = Segments::default();
    let length = |from: usize, to: usize| {
        if ascii {
            to - from
        } else {
            text.get(from..to).map_or(0, |s| s.chars().count())
        }
    };
    // Every statement is one segment, covered and lined up by all. The
    // caller knows it from lining the statements up (every unit complete)
    // and passes its tag table; without one the spans differ somewhere and
    // the text is cut below.
    if let Some(first) = projects.first()
        && let Some(tags) = same_spans_tags.filter(|tags| tags.len() == first.statements.len() * k)
    {
        out.values = tags.to_vec();
        out.weights.reserve(first.statements.len());
        for s in &first.statements {
            let chars = length(s.range.start, s.range.end);
            out.covered += chars;
            out.aligned += chars;
            out.weights.push(chars as f64);
        }
        return out;
    }
    let cuts = boundaries(projects);
    let mut heads = vec![0usize; k];
    let mut row = vec![MISSING; k];
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let mut covering = 0usize;
        let mut same_span: Option<Option<(usize, usize)>> = None;
        for ((project, head), cell) in projects.iter().zip(heads.iter_mut()).zip(row.iter_mut()) {
            while project
                .statements
                .get(*head)
                .is_some_and(|s| s.range.end <= from)
            {
                *head += 1;
            }
            let span = match project.statements.get(*head) {
                Some(s) if s.range.start <= from => {
                    covering += 1;
                    *cell = tag_code(s.tag);
                    Some((s.range.start, s.range.end))
                }
                _ => {
                    *cell = OUTSIDE;
                    None
                }
            };
            same_span = match same_span {
                None => Some(span),
                Some(previous) if previous == span => Some(previous),
                Some(_) => Some(None),
            };
        }
        if covering == 0 {
            continue;
        }
        let chars = length(from, to);
        out.covered += chars;
        if covering == k && same_span.flatten().is_some() {
            out.aligned += chars;
        }
        out.values.extend_from_slice(&row);
        out.weights.push(chars as f64);
    }
    out
}
