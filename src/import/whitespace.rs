//! Whitespace collapsed as text arrives: every run of whitespace becomes one
//! space, none at the start or end, exactly as
//! `split_whitespace().collect::<Vec<_>>().join(" ")` would leave it.
//!
//! Why not that one-liner: importers build each paragraph from many small
//! pieces (a Word run, an HTML text node), and collapsing every finished
//! paragraph again built a `Vec` of its words and joined them, decoding
//! every character on the way. On a large Word document that second pass
//! was a third of the import. Here ASCII (nearly all of the text) is looked
//! at a byte at a time and copied in whole words.

/// Appends `piece` to `out` with its whitespace collapsed: every run of
/// whitespace (Unicode's, as `char::is_whitespace` counts it) becomes one
/// space, and none is added while `out` is empty. Runs may span pieces,
/// since `out` ending in a space is the only state kept. [`end_paragraph`]
/// drops the space a paragraph may end with.
pub(crate) fn push_collapsed(out: &mut String, piece: &str) {
    let bytes = piece.as_bytes();
    // Most pieces are already collapsed (printable ASCII, single spaces):
    // checked and copied whole, since going word by word cost about 15 ns
    // a word. The checks are folds without early exits so the compiler
    // vectorises them (an `all` or a `memmem` search built per piece cost
    // more than the copy).
    let after_space = out.is_empty() || out.ends_with(' ');
    let printable = bytes
        .iter()
        .fold(true, |ok, &b| ok & (b.wrapping_sub(b' ') < 0x7F - b' '));
    let double_space = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .fold(false, |found, (&a, &b)| found | ((a == b' ') & (b == b' ')));
    if printable && !double_space && !(after_space && bytes.first() == Some(&b' ')) {
        out.push_str(piece);
        return;
    }
    let mut word_start: Option<usize> = None;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let (space, len) = if b.is_ascii() {
            // `char::is_whitespace` in ASCII: includes the vertical tab,
            // which `u8::is_ascii_whitespace` leaves out.
            (matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C), 1)
        } else {
            // `at` is always a character boundary: it only ever moves by
            // whole characters.
            piece
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if space {
            if let Some(start) = word_start.take() {
                out.push_str(piece.get(start..at).unwrap_or_default());
            }
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if word_start.is_none() {
            word_start = Some(at);
        }
        at += len;
    }
    if let Some(start) = word_start {
        out.push_str(piece.get(start..).unwrap_or_default());
    }
}

/// A paragraph built by [`push_collapsed`], without the space it may end
/// with; `None` when it holds no text.
pub(crate) fn end_paragraph(mut text: String) -> Option<String> {
    if text.ends_with(' ') {
        text.pop();
    }
    (!text.is_empty()).then_some(text)
}

/// `text` with its whitespace collapsed, in one pass.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    end_paragraph(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn collapses_as_split_whitespace_and_join_do() {
        for text in [
            "",
            " ",
            "word",
            "  two   words  ",
            "\ttabs\r\nand\u{b}vertical\u{c}feeds\n",
            "no\u{a0}break and\u{2003}em\u{3000}ideographic",
            "caf\u{e9} na\u{ef}ve \u{1F600} emoji",
            "\u{85}next line\u{2028}",
            " leading and trailing ",
            "already collapsed text",
        ] {
            assert_eq!(collapse(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn runs_of_whitespace_may_span_pieces() {
        let pieces = [
            "  The ",
            " council",
            "",
            " ",
            "voted\u{a0}",
            "\n5-2",
            " ",
            "clean piece ",
            "x",
        ];
        let mut out = String::new();
        for piece in pieces {
            push_collapsed(&mut out, piece);
        }
        assert_eq!(
            end_paragraph(out).as_deref(),
            Some("The council voted 5-2 clean piece x")
        );
        assert_eq!(end_paragraph(String::new()), None);
        let mut blank = String::new();
        push_collapsed(&mut blank, " \n\t ");
        assert_eq!(end_paragraph(blank), None);
    }
}
