//! Where each part of the old text went: a word-level diff of the old and
//! new normalised texts, turned into a map from old offsets to new ones.
//!
//! Words are interned to numbers first, so the diff (`similar`'s Myers, with
//! a deadline so a completely different article cannot stall the update)
//! compares integers. A run of words the diff calls equal is the strongest
//! evidence there is that a statement is still where it was; everywhere else
//! the map gives a position hint for the search.

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp};

/// How long the diff may take before it settles for a coarser answer (it
/// then reports more changed, never more equal, text than there is).
const DIFF_DEADLINE: Duration = Duration::from_millis(60);

/// Word boundaries of a normalised text (whose only white space is single
/// spaces).
#[derive(Debug, Default)]
struct Words {
    starts: Vec<usize>,
    ends: Vec<usize>,
    len: usize,
}

impl Words {
    fn new(text: &str) -> Self {
        let mut words = Words {
            len: text.len(),
            ..Words::default()
        };
        let mut start = None;
        for (at, byte) in text.bytes().enumerate() {
            match (byte == b' ', start) {
                (true, Some(s)) => {
                    words.starts.push(s);
                    words.ends.push(at);
                    start = None;
                }
                (false, None) => start = Some(at),
                _ => {}
            }
        }
        if let Some(s) = start {
            words.starts.push(s);
            words.ends.push(text.len());
        }
        words
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// The word containing byte `at`, or the first one after it.
    fn at_or_after(&self, at: usize) -> usize {
        self.ends.partition_point(|&end| end <= at)
    }

    /// The word containing byte `at`, or the last one before it.
    fn at_or_before(&self, at: usize) -> Option<usize> {
        self.starts
            .partition_point(|&start| start <= at)
            .checked_sub(1)
    }

    fn start(&self, word: usize) -> usize {
        self.starts.get(word).copied().unwrap_or(self.len)
    }

    fn end(&self, word: usize) -> usize {
        self.ends.get(word).copied().unwrap_or(self.len)
    }
}

/// Each chunk (a range of words) of `text` as a number, equal text equal
/// numbers.
fn intern<'a>(
    ids: &mut HashMap<&'a str, u32>,
    text: &'a str,
    words: &Words,
    chunks: &[Range<usize>],
) -> Vec<u32> {
    let mut out = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let start = words.start(chunk.start);
        let end = chunk
            .end
            .checked_sub(1)
            .map_or(start, |last| words.end(last));
        let key = text.get(start..end).unwrap_or_default();
        let next = ids.len() as u32;
        out.push(*ids.entry(key).or_insert(next));
    }
    out
}

/// The text's words grouped into sentence-like chunks: a chunk ends after
/// a word ending in `.`, `!` or `?` (or one of those and a closing quote or
/// bracket).
fn sentences(text: &str, words: &Words) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(words.count() / 8 + 1);
    let mut from = 0;
    for (index, (&start, &end)) in words.starts.iter().zip(&words.ends).enumerate() {
        let word = text.get(start..end).unwrap_or_default();
        let core = word.trim_end_matches(['"', '\'', ')', ']']);
        if core.ends_with(['.', '!', '?']) {
            out.push(from..index + 1);
            from = index + 1;
        }
    }
    if from < words.count() {
        out.push(from..words.count());
    }
    out
}

/// Moves a word-level op of a sub-diff to absolute word indices.
fn shift(op: &mut DiffOp, old_by: usize, new_by: usize) {
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            ..
        }
        | DiffOp::Delete {
            old_index,
            new_index,
            ..
        }
        | DiffOp::Insert {
            old_index,
            new_index,
            ..
        }
        | DiffOp::Replace {
            old_index,
            new_index,
            ..
        } => {
            *old_index += old_by;
            *new_index += new_by;
        }
    }
}

/// Records what a word-level op did with each old word.
fn record(map: &mut [WordMap], op: DiffOp) {
    let mut put = |index: usize, value: WordMap| {
        if let Some(slot) = map.get_mut(index) {
            *slot = value;
        }
    };
    match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => {
            for i in 0..len {
                put(old_index + i, WordMap::Equal(new_index + i));
            }
        }
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => {
            for i in 0..old_len {
                put(
                    old_index + i,
                    WordMap::Changed {
                        first: new_index,
                        end: new_index,
                        guess: new_index,
                    },
                );
            }
        }
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => {
            for i in 0..old_len {
                put(
                    old_index + i,
                    WordMap::Changed {
                        first: new_index,
                        end: new_index + new_len,
                        guess: new_index + i * new_len / old_len.max(1),
                    },
                );
            }
        }
        DiffOp::Insert { .. } => {}
    }
}

/// What the diff did with one old word.
#[derive(Debug, Clone, Copy)]
enum WordMap {
    /// Kept, as this new word.
    Equal(usize),
    /// Deleted or replaced by new words `first..end`; `guess` is the new
    /// word at the same relative place in the replacement.
    Changed {
        first: usize,
        end: usize,
        guess: usize,
    },
}

/// Old-to-new position map.
#[derive(Debug)]
pub struct DiffMap {
    old: Words,
    new: Words,
    map: Vec<WordMap>,
}

impl DiffMap {
    /// Diffs two normalised texts.
    pub fn new(old_text: &str, new_text: &str) -> Self {
        let old = Words::new(old_text);
        let new = Words::new(new_text);
        let mut map = vec![
            WordMap::Changed {
                first: 0,
                end: 0,
                guess: 0
            };
            old.count()
        ];
        let deadline = Instant::now().checked_add(DIFF_DEADLINE);
        // Sentences first: a long article has a tenth as many sentences as
        // words, and most of them are unchanged, so this diff is small; only
        // the stretches it finds changed are diffed again word by word.
        let old_chunks = sentences(old_text, &old);
        let new_chunks = sentences(new_text, &new);
        let mut ids: HashMap<&str, u32> = HashMap::with_capacity(old_chunks.len() * 2);
        let old_ids = intern(&mut ids, old_text, &old, &old_chunks);
        let new_ids = intern(&mut ids, new_text, &new, &new_chunks);
        let ops =
            similar::capture_diff_slices_deadline(Algorithm::Myers, &old_ids, &new_ids, deadline);
        // Word range of chunks `from..to`, and where chunk `at` starts.
        let words_of = |chunks: &[Range<usize>], from: usize, to: usize, total: usize| {
            let start = chunks.get(from).map_or(total, |c| c.start);
            let end = to
                .checked_sub(1)
                .and_then(|last| chunks.get(last))
                .map_or(start, |c| c.end);
            start..end.max(start)
        };
        let mut word_ids: HashMap<&str, u32> = HashMap::new();
        for op in ops {
            let (old_from, old_to, new_from, new_to) = match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => (old_index, old_index + len, new_index, new_index + len),
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => (old_index, old_index + old_len, new_index, new_index),
                DiffOp::Insert { .. } => continue,
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (
                    old_index,
                    old_index + old_len,
                    new_index,
                    new_index + new_len,
                ),
            };
            let old_words = words_of(&old_chunks, old_from, old_to, old.count());
            let new_words = words_of(&new_chunks, new_from, new_to, new.count());
            let word_ops = if matches!(op, DiffOp::Equal { .. }) {
                vec![DiffOp::Equal {
                    old_index: old_words.start,
                    new_index: new_words.start,
                    len: old_words.len(),
                }]
            } else if new_words.is_empty() {
                vec![DiffOp::Delete {
                    old_index: old_words.start,
                    old_len: old_words.len(),
                    new_index: new_words.start,
                }]
            } else {
                let single =
                    |range: &Range<usize>| range.clone().map(|w| w..w + 1).collect::<Vec<_>>();
                let a = intern(&mut word_ids, old_text, &old, &single(&old_words));
                let b = intern(&mut word_ids, new_text, &new, &single(&new_words));
                let mut ops =
                    similar::capture_diff_slices_deadline(Algorithm::Myers, &a, &b, deadline);
                for op in &mut ops {
                    shift(op, old_words.start, new_words.start);
                }
                ops
            };
            for word_op in word_ops {
                record(&mut map, word_op);
            }
        }
        DiffMap { old, new, map }
    }

    fn word_map(&self, word: usize) -> Option<WordMap> {
        self.map.get(word).copied()
    }

    /// Where old offset `at` (the start of something) most likely is now.
    pub fn hint(&self, at: usize) -> usize {
        let word = self.old.at_or_after(at);
        match self.word_map(word) {
            Some(WordMap::Equal(new_word)) => {
                let inside = at.saturating_sub(self.old.start(word));
                (self.new.start(new_word) + inside).min(self.new.len)
            }
            Some(WordMap::Changed { guess, .. }) => self.new.start(guess),
            None => self.new.len,
        }
    }

    /// Where the old range went by the diff alone: exact where its ends are
    /// in kept text, the replacement's bounds where they were changed.
    /// `None` when that is empty (the text was deleted).
    pub fn span(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let first = self.old.at_or_after(range.start);
        let start = match self.word_map(first)? {
            WordMap::Equal(new_word) => {
                self.new.start(new_word) + range.start.saturating_sub(self.old.start(first))
            }
            WordMap::Changed { first, .. } => self.new.start(first),
        };
        let last = self.old.at_or_before(range.end.checked_sub(1)?)?;
        let end = match self.word_map(last)? {
            WordMap::Equal(new_word) => {
                self.new.start(new_word) + range.end.saturating_sub(self.old.start(last))
            }
            WordMap::Changed { first, end, .. } if end > first => self.new.end(end - 1),
            WordMap::Changed { first, .. } => self.new.start(first),
        };
        (start < end && end <= self.new.len).then_some(start..end)
    }

    /// The new range of an old range whose words the diff kept, all of
    /// them, in one unbroken run; with the first and last word's new
    /// indices.
    fn kept_words(&self, range: &Range<usize>) -> Option<(Range<usize>, usize, usize)> {
        let first = self.old.at_or_after(range.start);
        let last = self.old.at_or_before(range.end.checked_sub(1)?)?;
        if last < first || self.old.start(first) > range.start {
            return None;
        }
        let WordMap::Equal(new_first) = self.word_map(first)? else {
            return None;
        };
        for (offset, word) in (first..=last).enumerate() {
            match self.word_map(word)? {
                WordMap::Equal(new_word) if new_word == new_first + offset => {}
                _ => return None,
            }
        }
        let new_last = new_first + (last - first);
        let start = self.new.start(new_first) + (range.start - self.old.start(first));
        let end = self.new.start(new_last) + range.end.saturating_sub(self.old.start(last));
        (start < end && end <= self.new.len).then_some((start..end, new_first, new_last))
    }

    /// Where the diff kept every word of the old range, in order and
    /// together (its neighbours may have changed).
    pub fn kept(&self, range: &Range<usize>) -> Option<Range<usize>> {
        self.kept_words(range).map(|(span, _, _)| span)
    }

    /// The new range of an old range the diff kept word for word together
    /// with the word on each side of it (or the text's edge): the same text
    /// in the same place, beyond reasonable doubt.
    pub fn anchored(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let (span, new_first, new_last) = self.kept_words(range)?;
        let first = self.old.at_or_after(range.start);
        let last = self.old.at_or_before(range.end.checked_sub(1)?)?;
        let side_kept =
            |old_word: Option<usize>, new_word: Option<usize>| match (old_word, new_word) {
                (Some(old_word), Some(new_word)) => {
                    matches!(self.word_map(old_word), Some(WordMap::Equal(n)) if n == new_word)
                }
                // At the edge of the old text: must be at the edge of the new.
                (None, None) => true,
                _ => false,
            };
        let old_after = (last + 1 < self.old.count()).then_some(last + 1);
        let new_after = (new_last + 1 < self.new.count()).then_some(new_last + 1);
        (side_kept(first.checked_sub(1), new_first.checked_sub(1))
            && side_kept(old_after, new_after))
        .then_some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, needle: &str) -> Range<usize> {
        let start = text.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn kept_text_is_anchored_and_changed_text_is_not() {
        let old = "A first one. The tax rose 5%. It was late. Final words here.";
        let new = "Inserted up front. A first one. The tax rose 6%. It was late. Final words here.";
        let map = DiffMap::new(old, new);
        // Next to the edit: its own words are kept, but not the word before
        // it, so only the plain mapping vouches for it.
        let late = find(old, "It was late.");
        assert_eq!(map.anchored(&late), None);
        assert_eq!(map.span(&late), Some(find(new, "It was late.")));
        let tax = find(old, "The tax rose 5%.");
        assert_eq!(map.anchored(&tax), None);
        assert_eq!(map.span(&tax), Some(find(new, "The tax rose 6%.")));
        // The neighbour of an edit is still anchored: its own words and the
        // words either side are kept.
        // No longer at the start of the text: not anchored, but mapped.
        let first = find(old, "A first one.");
        assert_eq!(map.anchored(&first), None);
        assert_eq!(map.span(&first), Some(find(new, "A first one.")));
        let end = find(old, "Final words here.");
        assert_eq!(map.anchored(&end), Some(find(new, "Final words here.")));
    }

    #[test]
    fn deleted_text_maps_to_nothing_and_hints_at_the_gap() {
        let old = "Keep this. Drop this sentence. Keep that.";
        let new = "Keep this. Keep that.";
        let map = DiffMap::new(old, new);
        let dropped = find(old, "Drop this sentence.");
        assert_eq!(map.span(&dropped), None);
        assert_eq!(map.anchored(&dropped), None);
        assert_eq!(map.hint(dropped.start), new.find("Keep that.").unwrap());
    }

    #[test]
    fn text_edges_must_line_up_to_anchor() {
        let map = DiffMap::new("Only one.", "Something new. Only one.");
        assert_eq!(map.anchored(&(0..9)), None, "no longer at the start");
        assert_eq!(map.span(&(0..9)), Some(15..24));
    }
}
