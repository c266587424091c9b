//! Placeholder segmenter with the final API, replaced by `src/segment/`.

use std::ops::Range;

/// Which rule set to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// English.
    #[default]
    English,
    /// Any other language.
    Generic,
}

impl Language {
    /// Parses a BCP 47 code.
    pub fn from_code(code: &str) -> Language {
        if code.to_ascii_lowercase().starts_with("en") {
            Language::English
        } else {
            Language::Generic
        }
    }
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Generic => "und",
        }
    }
}

/// Statement byte ranges.
pub fn segment(text: &str, _language: Language) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut start = line_start;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let at_end = i + 1 == bytes.len();
            let stop = matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
            if stop || at_end {
                let end = line_start + i + 1;
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
        }
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(s) = text.get(range.clone()) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(range.start + lead..range.start + lead + t.len());
    }
}
