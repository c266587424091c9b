//! The comparison form of an article text: every run of white space is one
//! space and every quotation mark or apostrophe style is its ASCII form, with
//! a map from each byte of that form back to the real text.
//!
//! Re-wrapping a paragraph or swapping straight for curly quotes changes
//! bytes but not what a sentence says, so the anchor compares this form and
//! only maps the result back at the end. Hand-written because it is one pass
//! over the characters; no crate offers the offset map.

use std::ops::Range;

/// A normalised text and where each of its bytes came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// The normalised text.
    pub text: String,
    /// `origin[i]` is the offset in the real text of normalised byte `i`;
    /// one extra entry holds the real text's length. Strictly increasing,
    /// so both directions are a binary search.
    origin: Vec<usize>,
}

/// The ASCII form of a quotation mark or apostrophe, if `c` is one.
pub fn fold_quote(c: char) -> Option<char> {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' | '\u{301D}' | '\u{301E}' | '\u{FF02}' => Some('"'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2039}'
        | '\u{203A}' | '\u{0060}' | '\u{00B4}' | '\u{FF07}' => Some('\''),
        _ => None,
    }
}

impl Normalised {
    /// Normalises `text`.
    pub fn new(text: &str) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len() + 1);
        let mut in_space = false;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    out.push(' ');
                    origin.push(at);
                    in_space = true;
                }
                continue;
            }
            in_space = false;
            match fold_quote(c) {
                Some(ascii) => {
                    out.push(ascii);
                    origin.push(at);
                }
                None => {
                    out.push(c);
                    origin.extend(at..at + c.len_utf8());
                }
            }
        }
        origin.push(text.len());
        Normalised { text: out, origin }
    }

    /// The normalised offset of real offset `at` (the first normalised byte
    /// that comes from `at` or later).
    pub fn to_normal(&self, at: usize) -> usize {
        self.origin.partition_point(|&o| o < at)
    }

    /// The normalised range of a real range.
    pub fn range_to_normal(&self, range: &Range<usize>) -> Range<usize> {
        self.to_normal(range.start)..self.to_normal(range.end)
    }

    /// The real range a normalised range comes from, trimmed of white space
    /// in `real` (the text this was built from). `None` when the range is
    /// empty, out of bounds or covers nothing but white space.
    pub fn range_to_real(&self, real: &str, range: &Range<usize>) -> Option<Range<usize>> {
        if range.start >= range.end {
            return None;
        }
        let start = *self.origin.get(range.start)?;
        let end = *self.origin.get(range.end)?;
        let slice = real.get(start..end)?;
        let lead = slice.len() - slice.trim_start().len();
        let kept = slice.trim().len();
        (kept > 0).then(|| start + lead..start + lead + kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_and_quotes_fold_with_a_map_back() {
        let real = "He said \u{201C}no\u{201D},\n   then   left.\u{00A0}It\u{2019}s é.";
        let n = Normalised::new(real);
        assert_eq!(n.text, "He said \"no\", then left. It's é.");
        let start = n.text.find("\"no\"").unwrap();
        let back = n.range_to_real(real, &(start..start + 4)).unwrap();
        assert_eq!(&real[back], "\u{201C}no\u{201D}");
        let start = n.text.find("then left.").unwrap();
        let back = n.range_to_real(real, &(start - 1..start + 11)).unwrap();
        assert_eq!(
            &real[back], "then   left.",
            "trimmed of the spaces around it"
        );
        let é = n.text.find('é').unwrap();
        assert_eq!(&real[n.range_to_real(real, &(é..é + 2)).unwrap()], "é");
    }

    #[test]
    fn real_ranges_map_into_the_normal_form() {
        let real = "One.\n\n  \u{201C}Two.\u{201D}";
        let n = Normalised::new(real);
        let start = real.find('\u{201C}').unwrap();
        let range = n.range_to_normal(&(start..real.len()));
        assert_eq!(&n.text[range], "\"Two.\"");
        assert_eq!(n.range_to_real(real, &(4..5)), None, "only white space");
        assert_eq!(n.range_to_real(real, &(3..99)), None, "out of bounds");
    }
}
