//! Lining up several reviewers' statements: one unit per distinct span.
//!
//! Statements are compared by span: two reviewers' statements over the same
//! bytes are the same unit (in copies made with [`super::blind_copy`] they
//! also share an id). A statement whose span no other reviewer has is still
//! a unit, with the others missing, so statements that were split or merged
//! differently are never dropped; the unitized figures compare them by
//! text instead.

use std::ops::Range;

use crate::model::Project;

/// "This reviewer has no statement over this unit's span".
pub(crate) const ABSENT: u32 = u32::MAX;

/// Every distinct span across the reviewers, in text order, with each
/// reviewer's statement index for it.
#[derive(Debug, Clone)]
pub(crate) struct Units {
    /// How many reviewers (columns).
    pub reviewers: usize,
    /// The span of each unit.
    pub spans: Vec<Range<usize>>,
    /// `index[unit * reviewers + r]`: reviewer `r`'s statement position,
    /// or [`ABSENT`].
    pub index: Vec<u32>,
}

/// True when every reviewer has exactly the same spans (blind copies
/// nobody re-segmented, the common case): alignment is then the identity,
/// and the callers skip the merge walks.
pub(crate) fn same_spans(projects: &[&Project]) -> bool {
    let Some(first) = projects.first() else {
        return true;
    };
    projects.iter().all(|p| {
        p.statements.len() == first.statements.len()
            && p.statements
                .iter()
                .zip(&first.statements)
                .all(|(a, b)| a.range == b.range)
    })
}

impl Units {
    /// Lines up `projects`' statements (each list is in text order, which
    /// validation guarantees) with a k-way merge: linear in the total number
    /// of statements.
    pub fn of(projects: &[&Project]) -> Self {
        let k = projects.len();
        let total: usize = projects.iter().map(|p| p.statements.len()).sum();
        let longest = projects
            .iter()
            .map(|p| p.statements.len())
            .max()
            .unwrap_or(0);
        let mut units = Units {
            reviewers: k,
            spans: Vec::with_capacity(longest.max(total / k.max(1))),
            index: Vec::with_capacity(longest * k),
        };
        if same_spans(projects)
            && let Some(first) = projects.first()
        {
            units.spans = first.statements.iter().map(|s| s.range.clone()).collect();
            for i in 0..first.statements.len() {
                let i = u32::try_from(i).unwrap_or(ABSENT);
                units.index.extend(std::iter::repeat_n(i, k));
            }
            return units;
        }
        let mut heads = vec![0usize; k];
        loop {
            let mut least: Option<(usize, usize)> = None;
            for (project, &head) in projects.iter().zip(&heads) {
                if let Some(s) = project.statements.get(head) {
                    let key = (s.range.start, s.range.end);
                    if least.is_none_or(|l| key < l) {
                        least = Some(key);
                    }
                }
            }
            let Some((start, end)) = least else { break };
            units.spans.push(start..end);
            for (project, head) in projects.iter().zip(heads.iter_mut()) {
                match project.statements.get(*head) {
                    Some(s) if s.range.start == start && s.range.end == end => {
                        units.index.push(u32::try_from(*head).unwrap_or(ABSENT));
                        *head += 1;
                    }
                    _ => units.index.push(ABSENT),
                }
            }
        }
        units
    }

    /// How many units.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Reviewer statement positions for `unit`.
    pub fn row(&self, unit: usize) -> &[u32] {
        let k = self.reviewers;
        self.index.get(unit * k..(unit + 1) * k).unwrap_or(&[])
    }
}
