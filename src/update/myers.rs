//! Bit-parallel edit distance (Myers 1999, in Hyyrö's blocked form as edlib
//! uses it): the Levenshtein distance of a quote against every end position
//! of a text in one pass, 64 rows of the table per machine word.
//!
//! This is how the anchor finds a quote that changed a little (a typo, a
//! number, a split sentence) anywhere near where it used to be, at a few
//! nanoseconds per text byte for a sentence-long quote. Written here rather
//! than taken from a crate: `triple_accel` only runs its fast search for
//! quotes of up to 32 bytes and falls back to the full table beyond, `bio`
//! brings a large dependency tree for one function, and `edlib_rs` needs a
//! C++ toolchain. The algorithm is some sixty lines and tested against the
//! textbook table below.
//!
//! Distances count bytes, so a changed accented letter costs two: for news
//! text that is close enough, and it keeps the inner loop a table lookup.

/// A quote prepared for searching: one match mask per byte value per block
/// of 64 quote bytes.
#[derive(Debug, Clone)]
pub struct Pattern {
    peq: Vec<[u64; 256]>,
    len: usize,
}

/// One column step of a 64-row block: the vertical deltas `pv`/`mv` move to
/// the next text byte, given the match mask `eq` and the horizontal delta
/// `hin` coming in at the top. Returns the horizontal delta leaving at the
/// bottom and the unshifted horizontal masks (for reading any row's delta).
#[inline]
fn step(pv: &mut u64, mv: &mut u64, eq: u64, hin: i8) -> (i8, u64, u64) {
    let hin_neg = u64::from(hin < 0);
    let hin_pos = u64::from(hin > 0);
    let xv = eq | *mv;
    let eq = eq | hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let ph = *mv | !(xh | *pv);
    let mh = *pv & xh;
    let hout = (ph >> 63) as i8 - (mh >> 63) as i8;
    let ph_shift = (ph << 1) | hin_pos;
    let mh_shift = (mh << 1) | hin_neg;
    *pv = mh_shift | !(xv | ph_shift);
    *mv = ph_shift & xv;
    (hout, ph, mh)
}

impl Pattern {
    /// Prepares `quote` (empty quotes match everywhere at distance 0).
    pub fn new(quote: &[u8]) -> Self {
        let blocks = quote.len().div_ceil(64).max(1);
        let mut peq = vec![[0u64; 256]; blocks];
        for (i, &byte) in quote.iter().enumerate() {
            if let Some(block) = peq.get_mut(i / 64) {
                block[usize::from(byte)] |= 1 << (i % 64);
            }
        }
        Pattern {
            peq,
            len: quote.len(),
        }
    }

    /// Runs the table over `text`, calling `visit(end, distance)` after each
    /// byte with the distance of the whole quote ending just before `end`.
    /// `anchored`: the match must start at the start of `text` (global
    /// start); otherwise it may start anywhere (search).
    fn run(&self, text: &[u8], anchored: bool, mut visit: impl FnMut(usize, usize)) {
        if self.len == 0 {
            for end in 1..=text.len() {
                visit(end, if anchored { end } else { 0 });
            }
            return;
        }
        let blocks = self.peq.len();
        let mut pv = vec![u64::MAX; blocks];
        let mut mv = vec![0u64; blocks];
        let last_bit = (self.len - 1) % 64;
        let mut score = self.len;
        for (index, &byte) in text.iter().enumerate() {
            let mut hin: i8 = if anchored { 1 } else { 0 };
            let mut last = (0, 0);
            for ((peq, pv), mv) in self.peq.iter().zip(pv.iter_mut()).zip(mv.iter_mut()) {
                let (hout, ph, mh) = step(pv, mv, peq[usize::from(byte)], hin);
                hin = hout;
                last = (ph, mh);
            }
            let (ph, mh) = last;
            score = (score + ((ph >> last_bit) & 1) as usize)
                .saturating_sub(((mh >> last_bit) & 1) as usize);
            visit(index + 1, score);
        }
    }

    /// The Levenshtein distance between the quote and all of `text`.
    pub fn distance(&self, text: &[u8]) -> usize {
        let mut result = self.len;
        self.run(text, true, |_, d| result = d);
        result
    }

    /// End positions in `text` where the quote matches with at most
    /// `max_errors` errors, one per run of neighbouring ends (the best of
    /// the run), as `(end, distance)` in text order.
    pub fn search(&self, text: &[u8], max_errors: usize) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut previous_end = usize::MAX - 1;
        self.run(text, false, |end, distance| {
            if distance > max_errors {
                return;
            }
            match found.last_mut() {
                Some(best) if previous_end + 1 == end => {
                    if distance < best.1 {
                        *best = (end, distance);
                    }
                }
                _ => found.push((end, distance)),
            }
            previous_end = end;
        });
        found
    }

    /// For a match of the quote ending at `text.len()`, where it starts: run
    /// with the quote and text reversed (so the match is anchored at the
    /// end). Returns `(start, distance)`, preferring among equal distances
    /// the span whose length is closest to the quote's.
    pub fn start_of_match(reversed: &Pattern, text: &[u8]) -> (usize, usize) {
        let reversed_text: Vec<u8> = text.iter().rev().copied().collect();
        let quote_len = reversed.len;
        let mut best = (0usize, reversed.len);
        reversed.run(&reversed_text, true, |length, distance| {
            let closer = length.abs_diff(quote_len) < best.0.abs_diff(quote_len);
            if distance < best.1 || (distance == best.1 && closer) {
                best = (length, distance);
            }
        });
        (text.len() - best.0, best.1)
    }
}

/// The reversed bytes of `quote`, prepared for [`Pattern::start_of_match`].
pub fn reversed(quote: &[u8]) -> Pattern {
    let bytes: Vec<u8> = quote.iter().rev().copied().collect();
    Pattern::new(&bytes)
}

/// Levenshtein distance over bytes, the textbook table: the reference the
/// tests hold the bit-parallel version to.
#[cfg(test)]
pub fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The best distance of `quote` against any substring of `text` ending
    /// at each position, by the full table.
    fn naive_search(quote: &[u8], text: &[u8]) -> Vec<usize> {
        let mut column: Vec<usize> = (0..=quote.len()).collect();
        let mut out = Vec::new();
        for &t in text {
            let mut next = vec![0; quote.len() + 1];
            for i in 1..=quote.len() {
                next[i] = (column[i - 1] + usize::from(quote[i - 1] != t))
                    .min(column[i] + 1)
                    .min(next[i - 1] + 1);
            }
            out.push(next[quote.len()]);
            column = next;
        }
        out
    }

    #[test]
    fn known_distances() {
        assert_eq!(
            Pattern::new(b"kitten").distance(b"sitting"),
            levenshtein(b"kitten", b"sitting")
        );
        assert_eq!(levenshtein(b"kitten", b"sitting"), 3);
        assert_eq!(Pattern::new(b"").distance(b"abc"), 3);
        assert_eq!(Pattern::new(b"abc").distance(b""), 3);
        let hits = Pattern::new(b"taxes rose 5%").search(b"we hear taxes rose 6% now", 1);
        assert_eq!(hits, vec![(21, 1)]);
    }

    #[test]
    fn long_quotes_cross_block_boundaries() {
        let quote = "The council approved a 412 million euro tram line after a six-hour debate on Tuesday night, officials said.";
        let text = format!(
            "Intro text here. {} More text follows.",
            quote.replace("412", "421").replace("six", "seven")
        );
        let pattern = Pattern::new(quote.as_bytes());
        let hits = pattern.search(text.as_bytes(), quote.len() / 4);
        assert_eq!(hits.len(), 1, "{hits:?}");
        let (end, distance) = hits[0];
        let (start, back) =
            Pattern::start_of_match(&reversed(quote.as_bytes()), &text.as_bytes()[..end]);
        assert_eq!(back, distance);
        assert!(text[start..end].starts_with("The council approved a 421"));
        assert!(text[start..end].ends_with("officials said."));
    }

    proptest! {
        #[test]
        fn matches_the_full_table(
            quote in proptest::collection::vec(0u8..4, 0..150),
            text in proptest::collection::vec(0u8..4, 0..200),
        ) {
            let pattern = Pattern::new(&quote);
            prop_assert_eq!(pattern.distance(&text), levenshtein(&quote, &text));
            let mut all = Vec::new();
            pattern.run(&text, false, |_, d| all.push(d));
            prop_assert_eq!(all, naive_search(&quote, &text));
        }
    }
}
