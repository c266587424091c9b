//! Placing each old statement in the new text: candidates, scores, the
//! decision on a status, and the clean-up that keeps placements apart.
//!
//! For every statement, in the normalised texts (see [`super::normalise`]):
//! 1. If the diff kept its words and the word on each side, it is
//!    **unchanged** (the same text in the same place; this also settles a
//!    sentence repeated in a recap, which the diff pins to its own copy).
//! 2. Otherwise every exact occurrence of its quote is a candidate (found for
//!    all statements at once with Aho-Corasick). One occurrence in the new
//!    text and one in the old: **unchanged** if the diff maps it there,
//!    **moved** if not. More than one: **ambiguous**, on the best.
//! 3. No exact occurrence: the span the diff maps it to, and every
//!    approximate match (bit-parallel Myers, at most a quarter of the
//!    quote's length in errors) near the diff's position hint, then, while
//!    a work budget lasts, anywhere. The best above the threshold is
//!    **edited**, or **ambiguous** when a second one scores close to it.
//! 4. Nothing good enough: **orphaned**.
//!
//! A candidate scores 0.6 × quote similarity + 0.3 × similarity of the 32
//! bytes before and after it to the old context + 0.1 × nearness to the
//! hint. Placements are then granted best first (unchanged, moved, edited,
//! ambiguous; higher score first); a placement overlapping one already
//! granted falls back to its next candidate (and becomes ambiguous) or is
//! orphaned: nothing is silently dropped, and a weaker guess never displaces
//! a stronger one.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::diffmap::DiffMap;
use super::myers::{self, Pattern};
use super::normalise::Normalised;
use crate::model::{Project, UpdateStatus};

/// Context compared on each side of a quote, in bytes.
const CONTEXT: usize = 32;
/// Quotes shorter than this are only matched exactly or where the diff puts
/// them: a few letters with a quarter of them wrong match almost anything.
const MIN_FUZZY_LEN: usize = 12;
/// Quotes shorter than this need matching context to be placed approximately.
const SHORT_QUOTE: usize = 24;
/// Lowest quote similarity for an approximate placement (a quarter of the
/// quote's bytes in errors).
const MIN_QUOTE_SIMILARITY: f64 = 0.75;
/// Lowest combined score for an approximate placement.
const ACCEPT: f64 = 0.7;
/// A second candidate within this of the best makes the placement ambiguous.
const CLOSE: f64 = 0.05;
/// At most this many exact occurrences (the nearest to the hint) are scored.
const MAX_EXACT: usize = 16;
/// At most this many approximate matches per search are scored.
const MAX_FUZZY: usize = 8;
/// Byte-steps (text bytes × 64-byte quote blocks) that whole-text
/// approximate searches may take in one update, so a heavily rewritten long
/// article still updates in well under a second. Searches near the hint are
/// not counted.
const GLOBAL_BUDGET: usize = 24 << 20;

/// Where one statement went, in the new normalised text.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub status: UpdateStatus,
    pub range: Option<Range<usize>>,
    pub score: f64,
}

#[derive(Debug, Clone)]
struct Candidate {
    range: Range<usize>,
    score: f64,
}

/// What one statement could become, before overlaps are resolved.
#[derive(Debug)]
struct Decision {
    status: UpdateStatus,
    /// Best first.
    candidates: Vec<Candidate>,
}

impl Decision {
    fn orphan() -> Self {
        Decision {
            status: UpdateStatus::Orphaned,
            candidates: Vec::new(),
        }
    }
}

/// Similarity of two short strings, 0..=1.
fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let longest = a.len().max(b.len());
    1.0 - Pattern::new(a.as_bytes()).distance(b.as_bytes()) as f64 / longest as f64
}

fn before(text: &str, at: usize) -> &str {
    let from = text.floor_char_boundary(at.saturating_sub(CONTEXT));
    text.get(from..at).unwrap_or_default()
}

fn after(text: &str, at: usize) -> &str {
    let to = text.ceil_char_boundary(at.saturating_add(CONTEXT).min(text.len()));
    text.get(at..to).unwrap_or_default()
}

/// True when two real texts differ only in white space: a quote restyled
/// from straight to curly marks is the same in normalised form, but the
/// reviewer still has to see it.
fn same_but_space(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Everything the per-statement decisions share.
struct Context<'a> {
    old: &'a Normalised,
    new: &'a Normalised,
    new_real: &'a str,
    diff: &'a DiffMap,
    budget: usize,
}

impl Context<'_> {
    fn score(&self, old_range: &Range<usize>, quote_similarity: f64, new: &Range<usize>) -> f64 {
        let (old, text) = (&self.old.text, &self.new.text);
        let context = (similarity(before(old, old_range.start), before(text, new.start))
            + similarity(after(old, old_range.end), after(text, new.end)))
            / 2.0;
        let hint = self.diff.hint(old_range.start);
        let nearness = 1.0 / (1.0 + new.start.abs_diff(hint) as f64 / 500.0);
        0.6 * quote_similarity + 0.3 * context + 0.1 * nearness
    }

    fn context_similarity(&self, old_range: &Range<usize>, new: &Range<usize>) -> f64 {
        let (old, text) = (&self.old.text, &self.new.text);
        (similarity(before(old, old_range.start), before(text, new.start))
            + similarity(after(old, old_range.end), after(text, new.end)))
            / 2.0
    }

    /// A span of the new text as a candidate for `quote`, if it is on
    /// character boundaries and similar enough.
    fn approximate(
        &self,
        old_range: &Range<usize>,
        quote: &str,
        span: Range<usize>,
        distance: usize,
    ) -> Option<Candidate> {
        let text = &self.new.text;
        let start = text.floor_char_boundary(span.start);
        let end = text.ceil_char_boundary(span.end);
        let found = text.get(start..end)?;
        let trimmed_start = start + (found.len() - found.trim_start().len());
        let range = trimmed_start..trimmed_start + found.trim().len();
        if range.is_empty() {
            return None;
        }
        let longest = quote.len().max(range.len());
        let quote_similarity = 1.0 - distance as f64 / longest as f64;
        if quote_similarity < MIN_QUOTE_SIMILARITY {
            return None;
        }
        if quote.len() < SHORT_QUOTE && self.context_similarity(old_range, &range) < 0.5 {
            return None;
        }
        let score = self.score(old_range, quote_similarity, &range);
        (score >= ACCEPT).then_some(Candidate { range, score })
    }

    /// Approximate matches of `quote` in `window` of the new text.
    fn search(
        &self,
        old_range: &Range<usize>,
        quote: &str,
        patterns: &(Pattern, Pattern),
        window: Range<usize>,
        out: &mut Vec<Candidate>,
    ) {
        let Some(haystack) = self.new.text.as_bytes().get(window.clone()) else {
            return;
        };
        let max_errors = quote.len() / 4;
        let mut hits = patterns.0.search(haystack, max_errors);
        hits.sort_by_key(|&(_, distance)| distance);
        hits.truncate(MAX_FUZZY);
        for (end, _) in hits {
            let reach = end.saturating_sub(quote.len() + max_errors);
            let Some(text) = haystack.get(reach..end) else {
                continue;
            };
            let (start, distance) = Pattern::start_of_match(&patterns.1, text);
            let span = window.start + reach + start..window.start + end;
            if let Some(candidate) = self.approximate(old_range, quote, span, distance) {
                out.push(candidate);
            }
        }
    }

    /// Approximate candidates: the span the diff maps the quote to, and
    /// matches near the hint; with `global`, anywhere (while the budget
    /// lasts) when there are none near. Best first, none overlapping.
    fn fuzzy_candidates(
        &mut self,
        old_range: &Range<usize>,
        quote: &str,
        global: bool,
    ) -> Vec<Candidate> {
        let mut candidates = Vec::new();
        if let Some(span) = self.diff.span(old_range)
            && span.len() <= quote.len() * 2
            && let Some(found) = self.new.text.get(span.clone())
        {
            let distance = Pattern::new(quote.as_bytes()).distance(found.as_bytes());
            if let Some(candidate) = self.approximate(old_range, quote, span, distance) {
                candidates.push(candidate);
            }
        }
        if quote.len() >= MIN_FUZZY_LEN {
            let patterns = (
                Pattern::new(quote.as_bytes()),
                myers::reversed(quote.as_bytes()),
            );
            let hint = self.diff.hint(old_range.start);
            let reach = 2 * quote.len() + 256;
            let window = hint.saturating_sub(reach)..(hint + reach).min(self.new.text.len());
            self.search(old_range, quote, &patterns, window.clone(), &mut candidates);
            let cost = self.new.text.len() * quote.len().div_ceil(64);
            if global && candidates.is_empty() && cost <= self.budget {
                self.budget -= cost;
                // Only what the window did not already cover.
                let before = 0..(window.start + quote.len()).min(self.new.text.len());
                let after = window.end.saturating_sub(quote.len())..self.new.text.len();
                self.search(old_range, quote, &patterns, before, &mut candidates);
                self.search(old_range, quote, &patterns, after, &mut candidates);
            }
        }
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
        distinct(candidates)
    }

    fn decide_fuzzy(&mut self, old_range: &Range<usize>, quote: &str) -> Decision {
        let candidates = self.fuzzy_candidates(old_range, quote, true);
        let status = match candidates.as_slice() {
            [] => return Decision::orphan(),
            [best, second, ..] if second.score >= best.score - CLOSE => UpdateStatus::Ambiguous,
            _ => UpdateStatus::Edited,
        };
        Decision { status, candidates }
    }

    fn decide_exact(
        &mut self,
        old_range: &Range<usize>,
        old_real: &str,
        quote: &str,
        occurrences: &[usize],
        unique: bool,
    ) -> Decision {
        let hint = self.diff.hint(old_range.start);
        let len = old_range.len();
        let mapped = self.diff.span(old_range);
        if unique && let [start] = occurrences {
            let range = *start..start + len;
            let score = self.score(old_range, 1.0, &range);
            let exact = Candidate {
                range: range.clone(),
                score,
            };
            if mapped == Some(range.clone()) {
                let status = if self.same_style(old_real, &range) {
                    UpdateStatus::Unchanged
                } else {
                    UpdateStatus::Edited
                };
                return Decision {
                    status,
                    candidates: vec![exact],
                };
            }
            // Found elsewhere. If its old place still holds a close variant
            // (the sentence was corrected, and a recap elsewhere quotes the
            // old wording), the copy is not proof enough: both compete.
            let rivals: Vec<Candidate> = self
                .fuzzy_candidates(old_range, quote, false)
                .into_iter()
                .filter(|c| !overlaps(&c.range, &range))
                .collect();
            let Some(rival) = rivals.first() else {
                let status = if self.same_style(old_real, &range) {
                    UpdateStatus::Moved
                } else {
                    UpdateStatus::Edited
                };
                return Decision {
                    status,
                    candidates: vec![exact],
                };
            };
            let (status, candidates) = if rival.score > score + CLOSE {
                (UpdateStatus::Edited, [rivals, vec![exact]].concat())
            } else {
                (UpdateStatus::Ambiguous, [vec![exact], rivals].concat())
            };
            return Decision { status, candidates };
        }
        let mut nearest: Vec<usize> = occurrences.to_vec();
        nearest.sort_by_key(|start| start.abs_diff(hint));
        nearest.truncate(MAX_EXACT);
        let mut exact: Vec<Candidate> = nearest
            .into_iter()
            .map(|start| {
                let range = start..start + len;
                Candidate {
                    score: self.score(old_range, 1.0, &range),
                    range,
                }
            })
            .collect();
        exact.sort_by(|a, b| b.score.total_cmp(&a.score));
        // The copy the diff kept word for word in this statement's place
        // beats copies elsewhere, whatever their context looks like.
        if let Some(kept) = self.diff.kept(old_range)
            && let Some(at) = exact.iter().position(|c| c.range == kept)
        {
            let candidate = exact.remove(at);
            exact.insert(0, candidate);
        }
        // The statement's own sentence may have changed while a copy of
        // its old text lives on elsewhere (a recap): look for it too.
        let fuzzy = self.fuzzy_candidates(old_range, quote, false);
        let best_exact = exact.first().map_or(0.0, |c| c.score);
        let fuzzy_wins = fuzzy.first().is_some_and(|f| f.score > best_exact + CLOSE);
        if fuzzy_wins {
            let mut candidates = fuzzy;
            candidates.extend(exact);
            return Decision {
                status: UpdateStatus::Edited,
                candidates: distinct(candidates),
            };
        }
        exact.extend(fuzzy);
        Decision {
            status: UpdateStatus::Ambiguous,
            candidates: distinct(exact),
        }
    }

    /// False when the real text at `range` of the new version differs from
    /// `old_real` in more than white space (quotation mark style).
    fn same_style(&self, old_real: &str, range: &Range<usize>) -> bool {
        self.new
            .range_to_real(self.new_real, range)
            .and_then(|real| self.new_real.get(real))
            .is_some_and(|new_real| same_but_space(old_real, new_real))
    }
}

/// `candidates` (best first) keeping only the first of any that overlap:
/// the same place found twice (by the diff and the search) is one
/// candidate.
fn distinct(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if !out.iter().any(|d| overlaps(&d.range, &candidate.range)) {
            out.push(candidate);
        }
    }
    out
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Exact occurrences (start offsets) of each pattern in `text`, at most
/// `cap` per pattern.
fn occurrences(patterns: &[&str], text: &str, cap: usize) -> Vec<Vec<usize>> {
    let mut found = vec![Vec::new(); patterns.len()];
    if patterns.is_empty() {
        return found;
    }
    match AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
    {
        Ok(automaton) => {
            for hit in automaton.find_overlapping_iter(text) {
                if let Some(list) = found.get_mut(hit.pattern().as_usize())
                    && list.len() < cap
                {
                    list.push(hit.start());
                }
            }
        }
        // Only on patterns too large for the automaton; the slow way then.
        Err(_) => {
            for (pattern, list) in patterns.iter().zip(found.iter_mut()) {
                list.extend(text.match_indices(pattern).map(|(at, _)| at).take(cap));
            }
        }
    }
    found
}

/// Places every statement of `old` in `new_text`; returns one placement per
/// statement, in the order of `old.statements`, with ranges in the new
/// normalised text, and the normalised new text.
pub(super) fn place(old: &Project, new_real: &str) -> (Vec<Placed>, Normalised) {
    let old_real = &*old.article.text;
    let old_norm = Normalised::new(old_real);
    let new_norm = Normalised::new(new_real);
    let diff = DiffMap::new(&old_norm.text, &new_norm.text);
    let mut cx = Context {
        old: &old_norm,
        new: &new_norm,
        new_real,
        diff: &diff,
        budget: GLOBAL_BUDGET,
    };

    let quotes: Vec<Range<usize>> = old
        .statements
        .iter()
        .map(|s| old_norm.range_to_normal(&s.range))
        .collect();
    let mut decisions: Vec<Option<Decision>> = Vec::with_capacity(quotes.len());
    let mut pending: Vec<usize> = Vec::new();
    for (index, (statement, quote)) in old.statements.iter().zip(&quotes).enumerate() {
        decisions.push(cx.diff.anchored(quote).map(|range| {
            let real = old_real.get(statement.range.clone()).unwrap_or_default();
            if cx.same_style(real, &range) {
                Decision {
                    status: UpdateStatus::Unchanged,
                    candidates: vec![Candidate { range, score: 1.0 }],
                }
            } else {
                // Kept word for word but for its quotation marks.
                let score = cx.score(quote, 1.0, &range);
                Decision {
                    status: UpdateStatus::Edited,
                    candidates: vec![Candidate { range, score }],
                }
            }
        }));
        if decisions.last().is_some_and(Option::is_none) {
            pending.push(index);
        }
    }

    // Exact occurrences for everything the diff did not settle, each
    // distinct quote searched once.
    let mut pattern_of: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut pattern_index = Vec::with_capacity(pending.len());
    for &index in &pending {
        let quote = quotes
            .get(index)
            .and_then(|q| old_norm.text.get(q.clone()))
            .unwrap_or_default();
        let next = patterns.len();
        let id = *pattern_of.entry(quote).or_insert(next);
        if id == next {
            patterns.push(quote);
        }
        pattern_index.push(id);
    }
    let in_new = occurrences(&patterns, &new_norm.text, usize::MAX);
    let in_old = occurrences(&patterns, &old_norm.text, 2);

    for (&index, &id) in pending.iter().zip(&pattern_index) {
        let (Some(statement), Some(quote_range), Some(quote)) = (
            old.statements.get(index),
            quotes.get(index),
            patterns.get(id).copied(),
        ) else {
            continue;
        };
        let decision = if quote.trim().is_empty() {
            Decision::orphan()
        } else {
            let found = in_new.get(id).map(Vec::as_slice).unwrap_or_default();
            let unique = found.len() == 1 && in_old.get(id).is_some_and(|o| o.len() == 1);
            if found.is_empty() {
                cx.decide_fuzzy(quote_range, quote)
            } else {
                let real = old_real.get(statement.range.clone()).unwrap_or_default();
                cx.decide_exact(quote_range, real, quote, found, unique)
            }
        };
        if let Some(slot) = decisions.get_mut(index) {
            *slot = Some(decision);
        }
    }

    let placed = resolve(decisions);
    (placed, new_norm)
}

fn tier(status: UpdateStatus) -> u8 {
    match status {
        UpdateStatus::Unchanged => 0,
        UpdateStatus::Moved => 1,
        UpdateStatus::Edited => 2,
        UpdateStatus::Ambiguous => 3,
        UpdateStatus::Orphaned => 4,
    }
}

/// Grants placements best first so that none overlap (see the module doc).
fn resolve(decisions: Vec<Option<Decision>>) -> Vec<Placed> {
    let mut order: Vec<usize> = (0..decisions.len()).collect();
    let key = |index: &usize| {
        decisions
            .get(*index)
            .and_then(Option::as_ref)
            .map(|d| {
                (
                    tier(d.status),
                    d.candidates.first().map_or(0.0, |c| -c.score),
                )
            })
            .unwrap_or((5, 0.0))
    };
    order.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(a.cmp(b))
    });
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let free = |taken: &BTreeMap<usize, usize>, range: &Range<usize>| {
        let before = taken.range(..range.end).next_back();
        before.is_none_or(|(_, &end)| end <= range.start)
    };
    let mut placed = vec![
        Placed {
            status: UpdateStatus::Orphaned,
            range: None,
            score: 0.0,
        };
        decisions.len()
    ];
    for index in order {
        let Some(Some(decision)) = decisions.get(index) else {
            continue;
        };
        let Some(slot) = placed.get_mut(index) else {
            continue;
        };
        for (rank, candidate) in decision.candidates.iter().enumerate() {
            if free(&taken, &candidate.range) {
                taken.insert(candidate.range.start, candidate.range.end);
                *slot = Placed {
                    status: if rank == 0 {
                        decision.status
                    } else {
                        UpdateStatus::Ambiguous
                    },
                    range: Some(candidate.range.clone()),
                    score: candidate.score,
                };
                break;
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::update::normalise::fold_quote;

    #[test]
    fn fold_quote_is_what_restyling_compares() {
        assert_eq!(fold_quote('\u{201C}'), Some('"'));
        assert!(!same_but_space("\"a\"", "\u{201C}a\u{201D}"));
        assert!(same_but_space("a  b\nc", "a b c"));
    }

    #[test]
    fn overlapping_placements_fall_back_or_orphan() {
        let decision = |status, ranges: &[(Range<usize>, f64)]| {
            Some(Decision {
                status,
                candidates: ranges
                    .iter()
                    .map(|(range, score)| Candidate {
                        range: range.clone(),
                        score: *score,
                    })
                    .collect(),
            })
        };
        let placed = resolve(vec![
            decision(UpdateStatus::Ambiguous, &[(0..10, 0.9), (20..30, 0.8)]),
            decision(UpdateStatus::Unchanged, &[(5..12, 1.0)]),
            decision(UpdateStatus::Edited, &[(11..15, 0.8)]),
            None,
        ]);
        assert_eq!(placed[1].status, UpdateStatus::Unchanged);
        assert_eq!(placed[0].status, UpdateStatus::Ambiguous);
        assert_eq!(
            placed[0].range,
            Some(20..30),
            "fell back to its second place"
        );
        assert_eq!(placed[2].status, UpdateStatus::Orphaned, "overlaps 5..12");
        assert_eq!(placed[3].range, None);
    }
}
