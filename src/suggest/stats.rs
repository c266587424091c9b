//! How suggestions were used: the accept rate, and on the held-out share
//! (statements shown no suggestion) how often the reviewer's own tag
//! matched what would have been suggested — the measure of how much the
//! suggestions sway reviewers.

use serde::Serialize;

use super::{Suggestion, held_out, suggest_project};
use crate::model::Project;

/// Counts of how suggestions were used in one project.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct SuggestionStats {
    /// Statements shown a suggestion (not held out, and either the rules
    /// suggest something or one was accepted).
    pub shown: usize,
    /// Of those, how many the reviewer has tagged.
    pub shown_tagged: usize,
    /// Of those, how many were tagged by accepting the suggestion.
    pub accepted: usize,
    /// `accepted / shown_tagged`, or `None` before any is tagged.
    pub accept_rate: Option<f64>,
    /// Held-out statements the rules would have suggested a tag for.
    pub held_out: usize,
    /// Of those, how many the reviewer has tagged.
    pub held_out_tagged: usize,
    /// Of those, how many got the tag that would have been suggested.
    pub held_out_matched: usize,
    /// `held_out_matched / held_out_tagged`, or `None` before any is tagged.
    pub held_out_match_rate: Option<f64>,
}

/// The suggestion figures for `project`.
pub fn suggestion_stats(project: &Project) -> SuggestionStats {
    suggestion_stats_with(project, &suggest_project(project))
}

/// The suggestion figures for `project` from `suggestions` already worked
/// out for it (one per statement, as [`suggest_project`] gives them): the
/// window keeps them between edits, and a tag does not change them.
pub fn suggestion_stats_with(
    project: &Project,
    suggestions: &[Option<Suggestion>],
) -> SuggestionStats {
    let mut stats = SuggestionStats::default();
    for (statement, suggestion) in project.statements.iter().zip(suggestions) {
        if held_out(statement.id) {
            let Some(suggestion) = suggestion else {
                continue;
            };
            stats.held_out += 1;
            if let Some(tag) = statement.tag {
                stats.held_out_tagged += 1;
                if tag == suggestion.tag {
                    stats.held_out_matched += 1;
                }
            }
        } else if suggestion.is_some() || statement.accepted.is_some() {
            stats.shown += 1;
            if statement.tag.is_some() {
                stats.shown_tagged += 1;
                if statement.accepted.is_some() {
                    stats.accepted += 1;
                }
            }
        }
    }
    stats.accept_rate = ratio(stats.accepted, stats.shown_tagged);
    stats.held_out_match_rate = ratio(stats.held_out_matched, stats.held_out_tagged);
    stats
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
