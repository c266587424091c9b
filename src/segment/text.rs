//! Character classes and small look-ups shared by the line and punctuation
//! passes. Every function takes byte offsets and returns `None`/`false`/0 on
//! offsets that are out of range or not on a character boundary, so no input
//! can make them panic.

/// The character starting at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The character ending at byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// White space as `str::trim` sees it (Unicode `White_Space`), so the
/// trimming of statements and every white-space test agree.
pub(crate) fn is_ws_char(c: char) -> bool {
    c.is_whitespace()
}

/// Characters that can end a sentence.
pub(crate) fn is_terminal_char(c: char) -> bool {
    matches!(
        c,
        '.' | '?'
            | '!'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '！'
            | '？'
            | '．'
            | '｡'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '։'
            | '።'
            | '፧'
            | '។'
            | '။'
    )
}

/// Terminators of scripts written without spaces between sentences (CJK):
/// they end a sentence even when the next one follows without a space.
pub(crate) fn is_fullwidth_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．' | '｡')
}

/// Terminators of scripts without letter case (Arabic, Devanagari, Armenian,
/// Ethiopic, Khmer, Myanmar): no capital letter will confirm them, so they
/// end a sentence unless a lower-case Latin word follows.
pub(crate) fn is_caseless_terminal(c: char) -> bool {
    matches!(c, '؟' | '۔' | '।' | '॥' | '։' | '።' | '፧' | '។' | '။')
}

/// Characters that open a quotation or parenthesis.
pub(crate) fn opening_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '“'
            | '‘'
            | '„'
            | '«'
            | '‹'
            | '「'
            | '『'
            | '（'
            | '【'
            | '〔'
            | '《'
            | '〈'
            | '¿'
            | '¡'
    )
}

/// Characters that may close a sentence after its terminator (`."`, `?)`).
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '”'
            | '’'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '》'
            | '〉'
            | '］'
            | '｝'
    )
}

/// Bullets that start a list item wherever they stand.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '‣'
            | '⁃'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '►'
            | '▸'
            | '◆'
            | '◇'
            | '✓'
            | '✔'
            | '➢'
            | '➤'
    )
}

/// Offset just after the last character of `text[start..end]` that is not
/// a closing quote or bracket.
pub(crate) fn skip_closers_back(text: &str, start: usize, end: usize) -> usize {
    let Some(slice) = text.get(start..end) else {
        return end;
    };
    let kept = slice.trim_end_matches(is_closer);
    start + kept.len()
}

/// Whether the byte at `i` is ASCII white space (including VT, which
/// `u8::is_ascii_whitespace` leaves out but `char::is_whitespace` has).
pub(crate) fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// An enumerator such as `1.`, `2)`, `3.)`, `(4)`, `a.`, `b)`, `iv.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Enumerator {
    /// Byte length, punctuation included.
    pub len: usize,
    /// Number, or letter code for letters.
    pub value: u32,
    /// What the value counts in.
    pub kind: EnumKind,
    /// How it is punctuated.
    pub style: EnumStyle,
}

/// What an enumerator counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnumKind {
    /// 1–3 digits.
    Number,
    /// One lower-case ASCII letter.
    Lower,
    /// One upper-case ASCII letter.
    Upper,
    /// Two to four of i, v, x in either case.
    Roman,
}

/// How an enumerator is punctuated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnumStyle {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
    /// `(1)`
    Parens,
}

/// Parses an enumerator at `i`; it must be followed by white space.
pub(crate) fn enumerator_at(bytes: &[u8], i: usize, end: usize) -> Option<Enumerator> {
    let at = |k: usize| if k < end { bytes.get(k).copied() } else { None };
    let mut j = i;
    let parens = at(j) == Some(b'(');
    if parens {
        j += 1;
    }
    let body = j;
    while at(j).is_some_and(|b| b.is_ascii_digit()) && j - body < 4 {
        j += 1;
    }
    let (kind, value) = if j > body {
        if j - body > 3 {
            return None;
        }
        let digits = bytes.get(body..j)?;
        let value = digits
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
        (EnumKind::Number, value)
    } else {
        while at(j).is_some_and(|b| b.is_ascii_alphabetic()) && j - body < 5 {
            j += 1;
        }
        let letters = bytes.get(body..j)?;
        match letters {
            [] => return None,
            [c] if c.is_ascii_lowercase() => (EnumKind::Lower, u32::from(*c)),
            [c] => (EnumKind::Upper, u32::from(*c)),
            more if more.len() <= 4 && more.iter().all(|b| matches!(b, b'i' | b'v' | b'x')) => {
                (EnumKind::Roman, 0)
            }
            more if more.len() <= 4 && more.iter().all(|b| matches!(b, b'I' | b'V' | b'X')) => {
                (EnumKind::Roman, 0)
            }
            _ => return None,
        }
    };
    let style = if parens {
        if at(j) != Some(b')') {
            return None;
        }
        j += 1;
        EnumStyle::Parens
    } else {
        match (at(j), at(j + 1)) {
            (Some(b'.'), Some(b')')) => {
                j += 2;
                EnumStyle::DotParen
            }
            (Some(b'.'), _) => {
                j += 1;
                EnumStyle::Dot
            }
            (Some(b')'), _) => {
                j += 1;
                EnumStyle::Paren
            }
            _ => return None,
        }
    };
    at(j).is_some_and(is_ascii_ws).then_some(Enumerator {
        len: j - i,
        value,
        kind,
        style,
    })
}

/// Length of the list marker starting at `pos` (a bullet, an enumerator, or
/// a bullet then an enumerator), 0 if there is none. At the start of a line
/// `-`, `*`, `+` and `–` followed by a space are bullets too; inside a line
/// they are hyphens and dashes.
pub(crate) fn list_marker_len(text: &str, pos: usize, end: usize, line_start: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = pos;
    if let Some(c) = char_at(text, i).filter(|_| i < end) {
        let ascii_bullet = line_start
            && matches!(c, '-' | '*' | '+' | '–')
            && char_at(text, i + c.len_utf8()).is_some_and(is_ws_char);
        if is_bullet(c) || ascii_bullet {
            i += c.len_utf8();
            while i < end && matches!(bytes.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
        }
    }
    if let Some(en) = enumerator_at(bytes, i, end) {
        i += en.len;
    }
    i - pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerators() {
        let e = |s: &str| enumerator_at(s.as_bytes(), 0, s.len());
        assert_eq!(
            e("1. x").map(|e| (e.len, e.value, e.style)),
            Some((2, 1, EnumStyle::Dot))
        );
        assert_eq!(e("12.) x").map(|e| e.style), Some(EnumStyle::DotParen));
        assert_eq!(
            e("(b) x").map(|e| (e.kind, e.style)),
            Some((EnumKind::Lower, EnumStyle::Parens))
        );
        assert_eq!(e("iv. x").map(|e| e.kind), Some(EnumKind::Roman));
        assert_eq!(e("2024. x"), None);
        assert_eq!(e("1.5 x"), None);
        assert_eq!(e("Mr. x"), None);
    }

    #[test]
    fn markers() {
        assert_eq!(list_marker_len("- item", 0, 6, true), 2);
        assert_eq!(list_marker_len("- item", 0, 6, false), 0);
        assert_eq!(list_marker_len("• 9. x", 0, 8, false), "• 9.".len());
        assert_eq!(list_marker_len("⁃10. x", 0, 8, false), "⁃10.".len());
    }
}
