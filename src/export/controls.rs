//! Characters that must never reach an HTML or XML report raw.
//!
//! Notes pasted from Word carry vertical tabs, old files carry NUL and ESC,
//! and Windows-1252 text mis-decoded as Latin-1 carries C1 controls such as
//! U+0085 and U+009B. HTML makes every control other than ASCII white space
//! a parse error (the W3C checker rejects the page), XML 1.0 forbids them
//! outright, and some (U+009B, the C1 "CSI") are terminal escapes when a
//! report is `cat`ed. The project file keeps them exactly; only the
//! rendered reports replace them, and only here.
//!
//! Which characters: C0 controls except tab, line feed and carriage return;
//! DEL; C1 controls (U+0080..=U+009F); and Unicode noncharacters (U+FDD0..=
//! U+FDEF and the last two code points of every plane), which HTML also
//! reports as parse errors. Vertical tab, form feed and NEL (U+0085) are
//! line or page breaks in the text they come from, so they become a line
//! feed; everything else becomes U+FFFD, the replacement character, so a
//! reader sees that something was there.
//!
//! Hand-written: the rule is the HTML standard's "control" and
//! "noncharacter" definitions, a dozen lines, and no crate states it for
//! output.

use std::borrow::Cow;

/// True for a character HTML or XML text must not contain raw.
pub fn is_forbidden(c: char) -> bool {
    let code = u32::from(c);
    matches!(
        code,
        0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF
    ) || code & 0xFFFE == 0xFFFE
}

/// What [`clean`] puts in place of a forbidden character.
pub fn replacement(c: char) -> char {
    match c {
        '\u{0B}' | '\u{0C}' | '\u{85}' => '\n',
        _ => char::REPLACEMENT_CHARACTER,
    }
}

/// `text` with every forbidden character replaced (see the module doc);
/// borrowed unchanged when there is none, which is almost always.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_forbidden(c) { replacement(c) } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_a_hostile_run_found_are_replaced() {
        let dirty = "a\u{0}b\u{1b}[31mc\u{0b}d\u{7f}e\u{85}f\u{9b}g\u{c}h";
        assert_eq!(
            clean(dirty),
            "a\u{fffd}b\u{fffd}[31mc\nd\u{fffd}e\nf\u{fffd}g\nh"
        );
    }

    #[test]
    fn white_space_and_ordinary_text_are_kept_and_borrowed() {
        let text = "tab\tline\nreturn\r é 😀 \u{a0} \u{200f}";
        assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn noncharacters_are_forbidden_in_every_plane() {
        for c in [
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden(c), "{:X}", u32::from(c));
        }
        for c in ['\u{fdcf}', '\u{fdf0}', '\u{fffd}', '\u{1fffd}', '\u{a0}'] {
            assert!(!is_forbidden(c), "{:X}", u32::from(c));
        }
    }
}
