//! A small tokenizer for the rules: words (with a lower-case ASCII key for
//! the word lists), the punctuation the rules care about, and whether each
//! word stands inside quotation marks.
//!
//! Hand-written rather than a Unicode segmentation crate because the rules
//! need only this much, and it must run at well over 20 MB/s without
//! allocating per word: the key is kept inline in the token.

use super::lexicon::{self, Lex};

/// Longest word (in bytes) that gets a key; longer words match no list.
const KEY_LEN: usize = 20;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters and digits, with inner apostrophes, hyphens, and decimal or
    /// thousands separators between digits.
    Word {
        /// Starts with an upper-case letter.
        cap: bool,
        /// Contains a digit.
        digit: bool,
    },
    /// `,`
    Comma,
    /// `;`: the only mark that starts a new main clause often enough to
    /// end an attribution's scope.
    Semicolon,
    /// `:`
    Colon,
    /// `?`
    Question,
    /// `!`
    Bang,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// `%`, `€`, `£`, `$`: units that make a quantity.
    Unit,
}

/// One token, with byte offsets into the statement text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
    /// Inside quotation marks (quote marks themselves are not).
    pub quoted: bool,
    /// The word lists the word is on.
    pub lex: Lex,
    key: [u8; KEY_LEN],
    key_len: u8,
}

impl Token {
    /// The lower-case ASCII form of a word (curly apostrophes made
    /// straight), or "" for punctuation, long words and words with other
    /// characters.
    pub fn key(&self) -> &str {
        std::str::from_utf8(self.key_bytes()).unwrap_or("")
    }

    /// [`Token::key`] as bytes, without the UTF-8 check.
    pub fn key_bytes(&self) -> &[u8] {
        self.key.get(..usize::from(self.key_len)).unwrap_or(&[])
    }

    /// True for words.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word { .. })
    }

    /// True for capitalised words.
    pub fn is_cap(&self) -> bool {
        matches!(self.kind, Kind::Word { cap: true, .. })
    }

    /// True for words containing a digit.
    pub fn has_digit(&self) -> bool {
        matches!(self.kind, Kind::Word { digit: true, .. })
    }

    fn new(start: usize, end: usize, kind: Kind, quoted: bool) -> Self {
        Self {
            start,
            end,
            kind,
            quoted,
            lex: Lex::default(),
            key: [0; KEY_LEN],
            key_len: 0,
        }
    }
}

/// The character at byte `i` and its length: ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(i)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Builds a word's key as it is scanned, so the word is read once.
struct KeyBuilder {
    key: [u8; KEY_LEN],
    len: usize,
    valid: bool,
}

impl KeyBuilder {
    fn new() -> Self {
        Self {
            key: [0; KEY_LEN],
            len: 0,
            valid: true,
        }
    }

    fn push(&mut self, c: char) {
        let byte = match c {
            '’' | '\'' => b'\'',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => {
                self.valid = false;
                return;
            }
        };
        match self.key.get_mut(self.len) {
            Some(slot) => {
                *slot = byte;
                self.len += 1;
            }
            None => self.valid = false,
        }
    }

    fn finish(self) -> ([u8; KEY_LEN], u8) {
        match u8::try_from(self.len) {
            Ok(len) if self.valid => (self.key, len),
            _ => ([0; KEY_LEN], 0),
        }
    }
}

/// Whether the statement starts inside a quotation that opened in an
/// earlier statement: its first double quotation mark is a closing one
/// (`”`, or `"` right after punctuation, as in `… win," she said`).
fn starts_inside_quote(text: &str) -> bool {
    let mut previous = ' ';
    for c in text.chars() {
        match c {
            '”' => return true,
            '“' | '«' | '„' => return false,
            '"' => return matches!(previous, ',' | '.' | '!' | '?' | '…'),
            _ => {}
        }
        previous = c;
    }
    false
}

/// Tokenizes `text` into `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut in_double = starts_inside_quote(text);
    let mut in_single = false;
    let mut previous: Option<char> = None;
    let mut i = 0;
    while let Some((c, width)) = char_at(text, i) {
        let quoted = in_double || in_single;
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + width;
            let mut digit = c.is_numeric();
            let mut last = c;
            let mut key = KeyBuilder::new();
            key.push(c);
            while let Some((d, d_width)) = char_at(text, end) {
                let joins = if d.is_alphanumeric() {
                    true
                } else {
                    let after = char_at(text, end + d_width).map(|(a, _)| a);
                    match d {
                        '\'' | '’' | '-' => after.is_some_and(char::is_alphanumeric),
                        '.' | ',' => {
                            last.is_ascii_digit() && after.is_some_and(|a| a.is_ascii_digit())
                        }
                        _ => false,
                    }
                };
                if !joins {
                    break;
                }
                digit |= d.is_numeric();
                key.push(d);
                end += d_width;
                last = d;
            }
            let mut token = Token::new(
                start,
                end,
                Kind::Word {
                    cap: c.is_uppercase(),
                    digit,
                },
                quoted,
            );
            (token.key, token.key_len) = key.finish();
            token.lex = lexicon::lookup(token.key_bytes());
            out.push(token);
            previous = Some(last);
            i = end;
            continue;
        }
        let after_space = previous.is_none_or(|p| p.is_whitespace() || "([{—–-".contains(p));
        let kind = match c {
            ',' => Some(Kind::Comma),
            ';' => Some(Kind::Semicolon),
            ':' => Some(Kind::Colon),
            '?' => Some(Kind::Question),
            '!' => Some(Kind::Bang),
            '%' | '€' | '£' | '$' => Some(Kind::Unit),
            '“' | '«' | '„' => {
                in_double = true;
                Some(Kind::OpenQuote)
            }
            '”' | '»' => {
                in_double = false;
                Some(Kind::CloseQuote)
            }
            '"' => {
                in_double = !in_double;
                Some(if in_double {
                    Kind::OpenQuote
                } else {
                    Kind::CloseQuote
                })
            }
            '‘' if after_space => {
                in_single = true;
                Some(Kind::OpenQuote)
            }
            '’' if in_single => {
                in_single = false;
                Some(Kind::CloseQuote)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            let quoted = match kind {
                Kind::OpenQuote | Kind::CloseQuote => false,
                _ => quoted,
            };
            out.push(Token::new(i, i + width, kind, quoted));
        }
        previous = Some(c);
        i += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.iter()
            .filter(|t| t.is_word())
            .map(|t| (text[t.start..t.end].to_owned(), t.quoted))
            .collect()
    }

    #[test]
    fn numbers_and_inner_punctuation_stay_whole() {
        let w: Vec<String> = words("It rose 3.2% to 40,000, the mayor’s data said.")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            w,
            [
                "It",
                "rose",
                "3.2",
                "to",
                "40,000",
                "the",
                "mayor’s",
                "data",
                "said"
            ]
        );
    }

    #[test]
    fn quotes_mark_words_inside_them() {
        let w = words("“We won,” she said. \"Yes\" no");
        assert_eq!(
            w,
            [
                ("We".into(), true),
                ("won".into(), true),
                ("she".into(), false),
                ("said".into(), false),
                ("Yes".into(), true),
                ("no".into(), false)
            ]
        );
    }

    #[test]
    fn a_statement_opening_mid_quote_starts_quoted() {
        let w = words("the polls are wrong,” she said.");
        assert!(w[0].1 && w[3].1 && !w[4].1);
        let w = words("we will win,\" he said.");
        assert!(w[0].1 && !w[3].1);
    }

    #[test]
    fn keys_are_lower_case_ascii_with_straight_apostrophes() {
        let mut out = Vec::new();
        tokenize("Won’t SAID Zürich", &mut out);
        assert_eq!(out[0].key(), "won't");
        assert_eq!(out[1].key(), "said");
        assert_eq!(out[2].key(), "");
    }
}
