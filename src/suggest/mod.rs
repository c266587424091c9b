//! Tag suggestions with visible reasons: deterministic English rules that
//! propose fact, attribution or opinion for a statement and say exactly
//! which words made them think so.
//!
//! The suggester never decides. It follows the tagging policy's one
//! question — who vouches for it? — with cue words:
//! - **attribution**: a reporting verb with a speaker ("told", "insisted"),
//!   an attribution phrase ("according to", "in a statement"), quotation
//!   marks with a speech verb, an unnamed source ("officials say", also
//!   flagged as unnamed), a document as source ("the audit found"), a
//!   third party's belief ("she fears");
//! - **opinion**: evaluative words, "should"-type modals, hedges, boosters,
//!   unsourced predictions, the writer's own voice (a question, "!", "we"),
//!   superlative verdicts;
//! - **fact**: quantities, dates, named entities, completed events, plus the
//!   absence of opinion cues (a weak reason).
//!
//! Cue words inside quotation marks, or inside the clause an attribution
//! reports, belong to the source, not the writer ("Critics say the plan is
//! reckless" is an attribution); see `rules.rs`. A statement that continues
//! a quotation from the sentence before carries its attribution. Where the
//! writer's own opinion cues meet an attribution, or nothing fires, there
//! is no suggestion rather than a guess. Confidence is a word (high /
//! medium), never a percentage.
//!
//! English only: for any other project language every statement gets no
//! suggestion, rather than English rules misfiring.
//!
//! # Why hand-written
//! No crate offers rule-based fact/attribution/opinion cues; the tagging
//! crates on crates.io need trained models. The word lists (`lexicon.rs`)
//! are the project's own, written from `TAGGING.md`; no published lexicon
//! (MPQA, Hu & Liu) was copied or used for cross-checking.

pub mod kinds;
mod lexicon;
mod rules;
mod stats;
mod tokens;
mod words;

use std::ops::Range;

use serde::Serialize;

pub use kinds::{AcceptedSuggestion, Confidence, ReasonKind};
pub use stats::{SuggestionStats, suggestion_stats, suggestion_stats_with};

use crate::model::{Project, StatementId, Tag};
use crate::segment::Language;
use rules::{Analyzer, Cue, Findings};

/// One reason behind a suggestion: a cue and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What kind of cue.
    pub kind: ReasonKind,
    /// The cue words, exactly the article text at `range` (empty for
    /// [`ReasonKind::NoOpinionCues`], which points at no words).
    pub cue: String,
    /// Byte offsets into the article text, inside the statement and on
    /// character boundaries.
    pub range: Range<usize>,
}

/// A proposed tag for one statement, with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The tag proposed.
    pub tag: Tag,
    /// How sure the rules are.
    pub confidence: Confidence,
    /// Why, in text order.
    pub reasons: Vec<Reason>,
    /// An attribution whose speaker is a vague group ("officials say").
    pub unnamed_source: bool,
}

impl Suggestion {
    /// What the project records when the reviewer accepts this suggestion.
    pub fn accepted(&self) -> AcceptedSuggestion {
        let mut reasons: Vec<ReasonKind> = self.reasons.iter().map(|r| r.kind).collect();
        reasons.sort();
        reasons.dedup();
        AcceptedSuggestion {
            confidence: self.confidence,
            reasons,
        }
    }
}

/// Whether `language` (a BCP 47 code) gets the English rules: English, or
/// no language recorded at all (older projects).
pub fn supported_language(language: &str) -> bool {
    language.trim().is_empty() || Language::from_code(language) == Language::English
}

/// One suggestion (or none) per statement range of `text`, in order.
///
/// Needs all the statements, not one at a time, because a quotation
/// continued into the next sentence carries its attribution there. Ranges
/// outside `text` or not on character boundaries get `None`.
pub fn suggest_all(text: &str, ranges: &[Range<usize>], language: &str) -> Vec<Option<Suggestion>> {
    if !supported_language(language) {
        return vec![None; ranges.len()];
    }
    let mut analyzer = Analyzer::default();
    let mut carries_quote = false;
    ranges
        .iter()
        .map(|range| {
            let Some(statement) = text.get(range.clone()) else {
                carries_quote = false;
                return None;
            };
            let found = analyzer.analyse(statement);
            let continued = carries_quote && continues_quote(&found);
            let suggestion = if continued {
                found.opening_quote.map(|(start, end)| Suggestion {
                    tag: Tag::Attribution,
                    confidence: Confidence::High,
                    reasons: vec![reason(
                        text,
                        range.start,
                        ReasonKind::QuoteWithSpeechVerb,
                        start,
                        end,
                    )],
                    unnamed_source: false,
                })
            } else {
                decide(&found).map(|(tag, confidence, cues)| Suggestion {
                    tag,
                    confidence,
                    reasons: cues
                        .iter()
                        .map(|c| reason(text, range.start, c.kind, c.start, c.end))
                        .collect(),
                    unnamed_source: tag == Tag::Attribution && found.unnamed,
                })
            };
            carries_quote = continued || (found.has_quote && !found.attribution.is_empty());
            suggestion
        })
        .collect()
}

/// Suggestions for every statement of `project`, with the rules of its
/// language.
pub fn suggest_project(project: &Project) -> Vec<Option<Suggestion>> {
    let ranges: Vec<Range<usize>> = project.statements.iter().map(|s| s.range.clone()).collect();
    suggest_all(&project.article.text, &ranges, &project.meta.language)
}

/// Whether the statement with `id` is in the held-out share (about 1 in 10)
/// that shows no suggestion, so the stats can compare the reviewer's own
/// calls with what would have been suggested.
///
/// A fixed integer mix of the id (SplitMix64's finaliser), not std's
/// `DefaultHasher`, whose output may change between Rust releases: the
/// share must be the same on every run, machine and version.
pub fn held_out(id: StatementId) -> bool {
    splitmix64(id.0).is_multiple_of(10)
}

/// One step of SplitMix64 from state `x`: the output a generator seeded
/// with `x` gives first.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A statement that is nothing but a quotation opening at its start: it
/// goes on with the speaker of the quotation before it.
fn continues_quote(found: &Findings) -> bool {
    found.opening_quote.is_some() && found.unquoted_words == 0 && found.attribution.is_empty()
}

fn reason(text: &str, base: usize, kind: ReasonKind, start: usize, end: usize) -> Reason {
    let range = base + start..base + end;
    Reason {
        kind,
        cue: text.get(range.clone()).unwrap_or_default().to_owned(),
        range,
    }
}

/// The tag the findings support, or `None` when they conflict or are
/// empty.
fn decide(found: &Findings) -> Option<(Tag, Confidence, Vec<Cue>)> {
    let opinion: Vec<Cue> = found.writer_opinion().copied().collect();
    let strong_opinion = opinion.iter().any(|c| c.strong);
    if !found.attribution.is_empty() {
        if strong_opinion {
            return None;
        }
        let confidence = if found.attribution.iter().any(|c| c.strong) {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return Some((
            Tag::Attribution,
            confidence,
            sorted(found.attribution.clone()),
        ));
    }
    let has_fact = |kind: ReasonKind| found.fact.iter().any(|c| c.kind == kind);
    if strong_opinion {
        let mut kinds: Vec<ReasonKind> = opinion
            .iter()
            .filter(|c| c.strong)
            .map(|c| c.kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        let decisive = kinds.iter().any(|k| {
            matches!(
                k,
                ReasonKind::Modal
                    | ReasonKind::Booster
                    | ReasonKind::WritersVoice
                    | ReasonKind::Superlative
            )
        });
        let confidence = if kinds.len() >= 2 || decisive {
            Confidence::High
        } else {
            Confidence::Medium
        };
        return Some((Tag::Opinion, confidence, sorted(opinion)));
    }
    if !opinion.is_empty() {
        // Only a weak cue ("will"): a plan on record with names or numbers
        // is as likely a fact, so say nothing.
        if has_fact(ReasonKind::Quantity) || has_fact(ReasonKind::NamedEntity) {
            return None;
        }
        return Some((Tag::Opinion, Confidence::Medium, sorted(opinion)));
    }
    if found.fact.is_empty() {
        return None;
    }
    let mut kinds: Vec<ReasonKind> = found.fact.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    let confidence = if kinds.len() >= 2 {
        Confidence::High
    } else {
        Confidence::Medium
    };
    let mut cues = sorted(found.fact.clone());
    cues.push(Cue {
        kind: ReasonKind::NoOpinionCues,
        start: 0,
        end: 0,
        strong: false,
        clause: 0,
    });
    Some((Tag::Fact, confidence, cues))
}

fn sorted(mut cues: Vec<Cue>) -> Vec<Cue> {
    cues.sort_by_key(|c| (c.start, c.end));
    cues
}

#[cfg(test)]
mod tests;
