//! Paragraphs, lines and blocks: which line breaks end a statement.
//!
//! A *paragraph* ends at a blank line (or U+2029). Inside a paragraph each
//! line break is either *hard* (ends a statement: headlines, list items) or
//! *soft* (the line was wrapped, so the break is just white space). Runs of
//! lines joined by soft breaks form a *block*, which the punctuation scanner
//! then splits further. The rules are in [`super`]'s module doc.

use super::text::{
    is_terminal_char, is_ws_char, list_marker_len, opening_punct, skip_closers_back,
};
use super::words::is_continuation_word;

/// A run of lines that the punctuation scanner handles as one piece.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Block {
    /// Byte offset of the first non-white-space character.
    pub start: usize,
    /// Byte offset just after the last non-white-space character.
    pub end: usize,
    /// The paragraph looks hard-wrapped, so a line break inside the block is
    /// no evidence of a sentence end.
    pub wrapped: bool,
}

/// What the break decisions need to know about one non-blank line.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// First non-white-space byte.
    start: usize,
    /// Just after the last non-white-space byte.
    end: usize,
    /// Ends with sentence punctuation (possibly followed by closing quotes).
    terminal: bool,
    /// Ends with a comma, dash or function word: it carries on.
    continues: bool,
    /// Starts with a bullet or enumerator.
    marker: bool,
    /// Starts the way the middle of a sentence does (lower case, a digit).
    continuation_start: bool,
    /// Length of the first word, for the wrap-width test.
    first_word: usize,
}

/// Finds the next line break at or after `from`: (offset, length, ends the
/// paragraph). Recognises LF, CR LF, CR, VT, FF, NEL, U+2028 and U+2029.
fn next_break(bytes: &[u8], from: usize) -> Option<(usize, usize, bool)> {
    let mut i = from;
    loop {
        let rel = bytes
            .get(i..)?
            .iter()
            .position(|&b| matches!(b, b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2))?;
        let p = i + rel;
        match bytes.get(p).copied() {
            Some(b'\r') => {
                let len = if bytes.get(p + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                return Some((p, len, false));
            }
            Some(b'\n' | 0x0B | 0x0C) => return Some((p, 1, false)),
            Some(0xC2) if bytes.get(p + 1) == Some(&0x85) => return Some((p, 2, false)),
            Some(0xE2) if bytes.get(p + 1) == Some(&0x80) => match bytes.get(p + 2) {
                Some(0xA8) => return Some((p, 3, false)),
                Some(0xA9) => return Some((p, 3, true)),
                _ => {}
            },
            _ => {}
        }
        i = p + 1;
    }
}

/// Reusable scratch space for splitting text into blocks.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    lines: Vec<Line>,
    full: Vec<bool>,
    soft: Vec<bool>,
}

impl Lines {
    /// Calls `emit` for every block of `text`, in order.
    pub(crate) fn for_each_block(&mut self, text: &str, mut emit: impl FnMut(Block)) {
        let bytes = text.as_bytes();
        self.lines.clear();
        let mut pos = 0;
        loop {
            let brk = next_break(bytes, pos);
            let line_end = brk.map_or(bytes.len(), |(p, _, _)| p);
            match trim_range(text, pos, line_end) {
                Some((s, e)) => self.lines.push(describe_line(text, s, e)),
                // A blank line ends the paragraph.
                None => self.flush(&mut emit),
            }
            match brk {
                Some((p, len, paragraph)) => {
                    if paragraph {
                        self.flush(&mut emit);
                    }
                    pos = p + len;
                }
                None => break,
            }
        }
        self.flush(&mut emit);
    }

    /// Decides the breaks of the collected paragraph and emits its blocks.
    fn flush(&mut self, emit: &mut impl FnMut(Block)) {
        let lines = &self.lines;
        match lines.as_slice() {
            [] => return,
            [only] => {
                emit(Block {
                    start: only.start,
                    end: only.end,
                    wrapped: false,
                });
                self.lines.clear();
                return;
            }
            _ => {}
        }
        let n = lines.len();
        let width = lines.iter().map(|l| l.end - l.start).max().unwrap_or(0);
        // A line is "full" when the next line's first word would not have fit
        // on it: the break is explained by wrapping at `width`.
        self.full.clear();
        self.full.extend(lines.windows(2).map(|w| match w {
            [a, b] => a.end - a.start + 1 + b.first_word > width,
            _ => false,
        }));
        let full_count = self.full.iter().filter(|&&f| f).count();
        // Hard-wrapped text: at least three lines, a plausible wrap width, and
        // nearly every line but the last filled to it.
        let wrapped = n >= 3 && width >= 40 && full_count * 4 >= (n - 1) * 3;

        // soft[i]: the break after line i is white space. Decided from the
        // last break backwards because a lower-case continuation only counts
        // when the sentence it continues does end (rule 40 vs. rule 42).
        self.soft.clear();
        self.soft.resize(n, false);
        let mut reaches_end = lines.last().is_some_and(|l| l.terminal);
        for i in (0..n - 1).rev() {
            let (Some(cur), Some(next)) = (lines.get(i), lines.get(i + 1)) else {
                continue;
            };
            let full = self.full.get(i).copied().unwrap_or(false);
            let soft = if next.marker {
                false
            } else if cur.terminal {
                true
            } else {
                cur.continues || (wrapped && full) || (next.continuation_start && reaches_end)
            };
            if let Some(slot) = self.soft.get_mut(i) {
                *slot = soft;
            }
            reaches_end = cur.terminal
                || (!next.marker
                    && (cur.continues || (wrapped && full) || next.continuation_start)
                    && reaches_end);
        }

        let mut block_start = 0;
        for i in 0..n {
            if self.soft.get(i).copied().unwrap_or(false) && i + 1 < n {
                continue;
            }
            if let (Some(first), Some(last)) = (lines.get(block_start), lines.get(i)) {
                emit(Block {
                    start: first.start,
                    end: last.end,
                    wrapped,
                });
            }
            block_start = i + 1;
        }
        self.lines.clear();
    }
}

/// The non-white-space extent of `text[start..end]`, if any.
pub(crate) fn trim_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = text.get(start..end)?;
    let trimmed = slice.trim_start();
    let s = start + (slice.len() - trimmed.len());
    let e = s + trimmed.trim_end().len();
    (e > s).then_some((s, e))
}

fn describe_line(text: &str, start: usize, end: usize) -> Line {
    let content = text.get(start..end).unwrap_or("");

    let before_closers = skip_closers_back(text, start, end);
    let last = text
        .get(start..before_closers)
        .and_then(|s| s.chars().next_back());
    let terminal = last.is_some_and(is_terminal_char);

    let last_word = content
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let continues = matches!(
        content.chars().next_back(),
        Some(',' | ';' | '-' | '–' | '—' | '&' | '/')
    ) || is_continuation_word(last_word);

    let marker = list_marker_len(text, start, end, true) > 0;

    let mut chars = content.chars();
    let first = chars.next();
    let continuation_start = match first {
        Some(c) if c.is_lowercase() || c.is_ascii_digit() => !marker,
        Some('$' | '€' | '£' | '%' | '&') => true,
        Some(c) if opening_punct(c) => chars.next().is_some_and(char::is_lowercase),
        _ => false,
    };
    let first_word = content.split(is_ws_char).next().map_or(0, str::len);

    Line {
        start,
        end,
        terminal,
        continues,
        marker,
        continuation_start,
        first_word,
    }
}
