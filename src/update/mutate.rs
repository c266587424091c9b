//! Test and benchmark support: seeded edits of an article, of every kind a
//! newsroom makes after publishing, with the ground truth of where each
//! original sentence went.
//!
//! An article is held as paragraphs of sentences, each remembering which
//! original sentence it is (if any); an edit changes that structure, and
//! rendering it gives the new text and the range every surviving original
//! sentence now has. The mutation harness (`tests/update_mutation.rs`)
//! compares [`super::plan_update`] with that truth, and the benchmark uses
//! the same edits. The generator is a small LCG, like [`crate::testing`].

use std::ops::Range;

use crate::segment::{self, Language};

/// One sentence of a [`Doc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Which sentence of the original it is (still recognisably), if any.
    pub origin: Option<usize>,
    /// Its text.
    pub text: String,
}

/// Where each sentence of a rendered [`Doc`] is: its origin and its range.
pub type Spans = Vec<(Option<usize>, Range<usize>)>;

/// An article as paragraphs of sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// The paragraphs, in order.
    pub paragraphs: Vec<Vec<Sentence>>,
    /// Break lines at white space after this many bytes (re-wrapping).
    pub wrap: Option<usize>,
}

/// A kind of edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EditKind {
    /// A sentence added inside a paragraph.
    InsertSentence,
    /// A sentence removed.
    DeleteSentence,
    /// A paragraph of new sentences added.
    InsertParagraph,
    /// A paragraph removed.
    DeleteParagraph,
    /// A paragraph moved elsewhere.
    MoveParagraph,
    /// A letter swapped, dropped or replaced.
    Typo,
    /// A number changed.
    CorrectNumber,
    /// Straight quotes made curly (or curly ones straight) everywhere.
    RestyleQuotes,
    /// Every paragraph hard-wrapped at 60 columns.
    Rewrap,
    /// A recap paragraph repeating one sentence word for word.
    RecapDuplicate,
    /// A sentence split in two.
    SplitSentence,
    /// A sentence replaced by an unrelated one.
    RewriteSentence,
    /// Nearly every sentence replaced.
    NearTotalRewrite,
    /// Several edits of the kinds above at once (all but the near-total
    /// rewrite), as a real correction round makes them.
    Mixed,
}

impl EditKind {
    /// Every kind, in the order the harness reports them.
    pub const ALL: [EditKind; 14] = [
        EditKind::InsertSentence,
        EditKind::DeleteSentence,
        EditKind::InsertParagraph,
        EditKind::DeleteParagraph,
        EditKind::MoveParagraph,
        EditKind::Typo,
        EditKind::CorrectNumber,
        EditKind::RestyleQuotes,
        EditKind::Rewrap,
        EditKind::RecapDuplicate,
        EditKind::SplitSentence,
        EditKind::RewriteSentence,
        EditKind::NearTotalRewrite,
        EditKind::Mixed,
    ];

    /// A short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            EditKind::InsertSentence => "insert sentence",
            EditKind::DeleteSentence => "delete sentence",
            EditKind::InsertParagraph => "insert paragraph",
            EditKind::DeleteParagraph => "delete paragraph",
            EditKind::MoveParagraph => "move paragraph",
            EditKind::Typo => "typo",
            EditKind::CorrectNumber => "correct number",
            EditKind::RestyleQuotes => "restyle quotes",
            EditKind::Rewrap => "re-wrap lines",
            EditKind::RecapDuplicate => "recap duplicate",
            EditKind::SplitSentence => "split sentence",
            EditKind::RewriteSentence => "rewrite sentence",
            EditKind::NearTotalRewrite => "near-total rewrite",
            EditKind::Mixed => "mixed",
        }
    }
}

/// A seeded linear congruential generator.
#[derive(Debug, Clone)]
pub struct Lcg(u64);

impl Lcg {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Lcg(seed ^ 0x2545_F491_4F6C_DD1D)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

impl Doc {
    /// Splits `text` into paragraphs at blank lines and sentences with the
    /// English segmentation rules; sentence `i` (in text order) has origin
    /// `i`.
    pub fn parse(text: &str) -> Doc {
        let mut paragraphs = Vec::new();
        let mut next = 0;
        for block in text.split("\n\n") {
            let sentences: Vec<Sentence> = segment::segment(block, Language::English)
                .into_iter()
                .filter_map(|r| block.get(r))
                .map(|s| {
                    next += 1;
                    Sentence {
                        origin: Some(next - 1),
                        text: s.split_whitespace().collect::<Vec<_>>().join(" "),
                    }
                })
                .collect();
            if !sentences.is_empty() {
                paragraphs.push(sentences);
            }
        }
        Doc {
            paragraphs,
            wrap: None,
        }
    }

    /// How many sentences it holds.
    pub fn sentence_count(&self) -> usize {
        self.paragraphs.iter().map(Vec::len).sum()
    }

    /// The text, and where each sentence is in it (paragraph by paragraph).
    pub fn render(&self) -> (String, Spans) {
        let mut text = String::new();
        let mut spans = Vec::new();
        for (p, paragraph) in self.paragraphs.iter().enumerate() {
            if p > 0 {
                text.push_str("\n\n");
            }
            let paragraph_start = text.len();
            for (s, sentence) in paragraph.iter().enumerate() {
                if s > 0 {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(&sentence.text);
                spans.push((sentence.origin, start..text.len()));
            }
            if let Some(width) = self.wrap {
                // Same length: only spaces become line breaks.
                let mut column = 0;
                let bytes: Vec<u8> = text
                    .get(paragraph_start..)
                    .unwrap_or_default()
                    .bytes()
                    .map(|b| {
                        column += 1;
                        if b == b' ' && column > width {
                            column = 0;
                            b'\n'
                        } else {
                            b
                        }
                    })
                    .collect();
                text.truncate(paragraph_start);
                text.push_str(&String::from_utf8_lossy(&bytes));
            }
        }
        (text, spans)
    }

    /// The text, and for each of the first `originals` original sentences
    /// its range in the text, or `None` when it did not survive.
    pub fn truth(&self, originals: usize) -> (String, Vec<Option<Range<usize>>>) {
        let (text, spans) = self.render();
        let mut truth = vec![None; originals];
        for (origin, range) in spans {
            if let Some(slot) = origin.and_then(|o| truth.get_mut(o)) {
                *slot = Some(range);
            }
        }
        (text, truth)
    }

    fn pick_sentence(
        &self,
        rng: &mut Lcg,
        want: impl Fn(&Sentence) -> bool,
    ) -> Option<(usize, usize)> {
        let all: Vec<(usize, usize)> = self
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(p, sentences)| {
                sentences
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| want(s))
                    .map(move |(s, _)| (p, s))
            })
            .collect();
        all.get(rng.below(all.len())).copied()
    }

    /// Applies `count` edits of `kind` (one for whole-text edits). `donor`
    /// supplies unrelated sentences for insertions and rewrites.
    pub fn mutate(&mut self, kind: EditKind, count: usize, rng: &mut Lcg, donor: &[String]) {
        if kind == EditKind::Mixed {
            for _ in 0..count + 2 {
                let pick = EditKind::ALL.get(rng.below(EditKind::ALL.len() - 2));
                if let Some(&pick) = pick {
                    self.mutate(pick, 1, rng, donor);
                }
            }
            return;
        }
        let mut donor_rng = Lcg(rng.next_u64());
        let mut donated = || Sentence {
            origin: None,
            text: donor
                .get(donor_rng.below(donor.len()))
                .cloned()
                .unwrap_or_else(|| "An unrelated sentence appears here.".to_owned()),
        };
        match kind {
            EditKind::RestyleQuotes => {
                for sentence in self.paragraphs.iter_mut().flatten() {
                    sentence.text = restyle(&sentence.text);
                }
                return;
            }
            EditKind::Rewrap => {
                self.wrap = Some(60);
                return;
            }
            EditKind::NearTotalRewrite => {
                for sentence in self.paragraphs.iter_mut().flatten() {
                    if rng.below(100) < 85 {
                        *sentence = donated();
                    }
                }
                return;
            }
            _ => {}
        }
        for _ in 0..count.max(1) {
            match kind {
                EditKind::InsertSentence => {
                    let p = rng.below(self.paragraphs.len());
                    if let Some(paragraph) = self.paragraphs.get_mut(p) {
                        let at = rng.below(paragraph.len() + 1);
                        paragraph.insert(at, donated());
                    }
                }
                EditKind::DeleteSentence => {
                    if let Some((p, s)) = self.pick_sentence(rng, |_| true)
                        && let Some(paragraph) = self.paragraphs.get_mut(p)
                    {
                        paragraph.remove(s);
                        if paragraph.is_empty() {
                            self.paragraphs.remove(p);
                        }
                    }
                }
                EditKind::InsertParagraph => {
                    let new: Vec<Sentence> = (0..2 + rng.below(3)).map(|_| donated()).collect();
                    let at = rng.below(self.paragraphs.len() + 1);
                    self.paragraphs.insert(at, new);
                }
                EditKind::DeleteParagraph => {
                    if self.paragraphs.len() > 1 {
                        let p = rng.below(self.paragraphs.len());
                        self.paragraphs.remove(p);
                    }
                }
                EditKind::MoveParagraph => {
                    if self.paragraphs.len() > 2 {
                        let from = rng.below(self.paragraphs.len());
                        let paragraph = self.paragraphs.remove(from);
                        let mut to = rng.below(self.paragraphs.len() + 1);
                        if to == from {
                            to = (to + 1) % (self.paragraphs.len() + 1);
                        }
                        self.paragraphs.insert(to, paragraph);
                    }
                }
                EditKind::Typo => self.edit_sentence(rng, |_| true, typo),
                EditKind::CorrectNumber => self.edit_sentence(
                    rng,
                    |s| s.text.bytes().any(|b| b.is_ascii_digit()),
                    change_number,
                ),
                EditKind::SplitSentence => {
                    self.edit_sentence(rng, |s| s.text.split(' ').count() >= 8, split_sentence)
                }
                EditKind::RecapDuplicate => {
                    if let Some((p, s)) = self.pick_sentence(rng, |s| s.origin.is_some()) {
                        let copy = self
                            .paragraphs
                            .get(p)
                            .and_then(|paragraph| paragraph.get(s))
                            .map(|sentence| Sentence {
                                origin: None,
                                text: sentence.text.clone(),
                            });
                        if let Some(copy) = copy {
                            let lead = Sentence {
                                origin: None,
                                text: "Here is a recap of the main points so far.".to_owned(),
                            };
                            self.paragraphs.push(vec![lead, copy]);
                        }
                    }
                }
                EditKind::RewriteSentence => {
                    if let Some((p, s)) = self.pick_sentence(rng, |s| s.origin.is_some())
                        && let Some(slot) = self.paragraphs.get_mut(p).and_then(|x| x.get_mut(s))
                    {
                        *slot = donated();
                    }
                }
                EditKind::RestyleQuotes
                | EditKind::Rewrap
                | EditKind::NearTotalRewrite
                | EditKind::Mixed => {}
            }
        }
    }

    fn edit_sentence(
        &mut self,
        rng: &mut Lcg,
        want: impl Fn(&Sentence) -> bool,
        edit: fn(&str, &mut Lcg) -> String,
    ) {
        let wanted = |s: &Sentence| s.origin.is_some() && want(s);
        if let Some((p, s)) = self.pick_sentence(rng, wanted)
            && let Some(sentence) = self.paragraphs.get_mut(p).and_then(|x| x.get_mut(s))
        {
            sentence.text = edit(&sentence.text, rng);
        }
    }
}

/// One letter swapped with the next, dropped, or replaced.
fn typo(text: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let letters: Vec<usize> = (1..chars.len().saturating_sub(2))
        .filter(|&i| chars.get(i).is_some_and(|c| c.is_ascii_lowercase()))
        .collect();
    let Some(&at) = letters.get(rng.below(letters.len())) else {
        return text.to_owned();
    };
    match rng.below(3) {
        0 => chars.swap(at, at + 1),
        1 => {
            chars.remove(at);
        }
        _ => {
            if let Some(c) = chars.get_mut(at) {
                *c = if *c == 'e' { 'a' } else { 'e' };
            }
        }
    }
    chars.into_iter().collect()
}

/// One run of digits replaced by a different number.
fn change_number(text: &str, rng: &mut Lcg) -> String {
    let runs: Vec<Range<usize>> = {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, b) in text
            .bytes()
            .enumerate()
            .chain(std::iter::once((text.len(), b' ')))
        {
            match (b.is_ascii_digit(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    runs.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        runs
    };
    let Some(run) = runs.get(rng.below(runs.len())) else {
        return text.to_owned();
    };
    let old: u64 = text
        .get(run.clone())
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    let new = old + 1 + rng.below(9) as u64;
    format!(
        "{}{new}{}",
        text.get(..run.start).unwrap_or_default(),
        text.get(run.end..).unwrap_or_default()
    )
}

/// The sentence cut in two near its middle: at a comma if there is one,
/// else at a space, with the second half capitalised.
fn split_sentence(text: &str, _rng: &mut Lcg) -> String {
    let middle = text.len() / 2;
    let cut = text
        .match_indices(", ")
        .map(|(i, _)| (i, 2))
        .min_by_key(|(i, _)| i.abs_diff(middle))
        .filter(|(i, _)| i.abs_diff(middle) < text.len() / 4)
        .or_else(|| {
            text.match_indices(' ')
                .map(|(i, _)| (i, 1))
                .min_by_key(|(i, _)| i.abs_diff(middle))
        });
    let Some((at, width)) = cut else {
        return text.to_owned();
    };
    let head = text.get(..at).unwrap_or_default();
    let tail = text.get(at + width..).unwrap_or_default();
    let mut tail_chars = tail.chars();
    let first: String = tail_chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{head}. {first}{}", tail_chars.as_str())
}

/// Straight quotes to curly ones, or curly ones back to straight.
pub fn restyle(text: &str) -> String {
    if text.contains(['\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}']) {
        return text
            .chars()
            .map(|c| match c {
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2018}' | '\u{2019}' => '\'',
                other => other,
            })
            .collect();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut previous = ' ';
    for c in text.chars() {
        let opening = previous.is_whitespace() || matches!(previous, '(' | '[' | '\u{2014}');
        out.push(match (c, opening) {
            ('"', true) => '\u{201C}',
            ('"', false) => '\u{201D}',
            ('\'', true) => '\u{2018}',
            ('\'', false) => '\u{2019}',
            (other, _) => other,
        });
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truth_follows_moved_and_deleted_sentences() {
        let mut doc = Doc::parse("Title here\n\nOne is first. Two is second.\n\nThree is third.");
        assert_eq!(doc.sentence_count(), 4);
        doc.paragraphs.swap(1, 2);
        doc.paragraphs[2].remove(0);
        let (text, truth) = doc.truth(4);
        assert_eq!(text, "Title here\n\nThree is third.\n\nTwo is second.");
        assert_eq!(&text[truth[3].clone().unwrap()], "Three is third.");
        assert_eq!(truth[1], None);
    }

    #[test]
    fn edits_change_what_they_say() {
        let mut rng = Lcg::new(3);
        assert_eq!(
            split_sentence(
                "The council met on Monday, and it voted on the budget.",
                &mut rng
            ),
            "The council met on Monday. And it voted on the budget."
        );
        assert_eq!(
            restyle("\"It's,\" she said."),
            "\u{201C}It\u{2019}s,\u{201D} she said."
        );
        assert_eq!(restyle("\u{201C}It\u{2019}s\u{201D}"), "\"It's\"");
        let changed = change_number("Taxes rose 5 percent.", &mut rng);
        assert_ne!(changed, "Taxes rose 5 percent.");
        assert!(changed.starts_with("Taxes rose ") && changed.ends_with(" percent."));
        assert_ne!(
            typo("A sentence with letters.", &mut rng),
            "A sentence with letters."
        );
    }

    #[test]
    fn rewrapping_keeps_offsets() {
        let mut doc = Doc::parse(&"Word word word word. ".repeat(10));
        let (flat, flat_spans) = doc.render();
        doc.wrap = Some(20);
        let (wrapped, spans) = doc.render();
        assert_eq!(flat.len(), wrapped.len());
        assert_eq!(flat_spans, spans);
        assert!(wrapped.contains('\n'));
    }
}
