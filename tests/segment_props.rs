//! Property tests: the output contract of `segment` holds for any input.
//!
//! Arbitrary Unicode rarely produces the structures the segmenter reacts to,
//! so besides plain `any::<String>()` the inputs are also assembled from a
//! vocabulary of tricky pieces: terminators, ellipses, abbreviations,
//! quotes and brackets of every kind, list markers, bullets, CJK and Arabic
//! punctuation, every kind of line break and Unicode white space.

use claimdesk::segment::{Language, segment};
use proptest::prelude::*;

/// Checks the contract and returns a description of the first violation.
fn check(text: &str, language: Language) -> Result<(), String> {
    let ranges = segment(text, language);
    let mut prev_end = 0;
    for r in &ranges {
        if r.start >= r.end {
            return Err(format!("empty range {r:?}"));
        }
        if r.start < prev_end {
            return Err(format!(
                "range {r:?} overlaps or is out of order (previous end {prev_end})"
            ));
        }
        if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) || r.end > text.len() {
            return Err(format!("range {r:?} not on char boundaries"));
        }
        let s = &text[r.clone()];
        if s.trim() != s {
            return Err(format!("range {r:?} = {s:?} is not trimmed"));
        }
        // Everything between statements is white space.
        let gap = &text[prev_end..r.start];
        if let Some(c) = gap.chars().find(|c| !c.is_whitespace()) {
            return Err(format!("non-white-space {c:?} left out before {r:?}"));
        }
        prev_end = r.end;
    }
    if let Some(c) = text[prev_end..].chars().find(|c| !c.is_whitespace()) {
        return Err(format!("non-white-space {c:?} left out at the end"));
    }
    Ok(())
}

fn check_both(text: &str) -> Result<(), TestCaseError> {
    for language in [Language::English, Language::Generic] {
        check(text, language)
            .map_err(|e| TestCaseError::fail(format!("{language:?}: {e} in {text:?}")))?;
    }
    Ok(())
}

const PIECES: &[&str] = &[
    "word",
    "Word",
    "The",
    "It",
    "he",
    "I",
    "a",
    "b",
    "E",
    "p",
    "1",
    "2",
    "10",
    "2024",
    "$3.50",
    "4.5%",
    "Mr",
    "Dr",
    "Sen",
    "Co",
    "Inc",
    "Jr",
    "Nov",
    "U.S",
    "a.m",
    "p.m",
    "e.g",
    "N°",
    "example.com",
    "a@b.org",
    "https://x.org/a.b?c=d",
    ".",
    ".",
    ".",
    "?",
    "!",
    "?!",
    "...",
    ". . .",
    ". . . .",
    "…",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "„",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "「",
    "」",
    "（",
    "）",
    "。",
    "！",
    "？",
    "؟",
    "।",
    "॥",
    "‼",
    ",",
    ";",
    ":",
    "—",
    "-",
    "*",
    "•",
    "⁃",
    "1.",
    "2.)",
    "a)",
    "(3)",
    "iv.",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{a0}",
    "\u{3000}",
    "\u{b}",
    "\u{c}",
    "é",
    "Ž",
    "中文",
    "עברית",
    "😀",
    "\u{301}",
];

fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn contract_holds_for_arbitrary_unicode(text in any::<String>()) {
        check_both(&text)?;
    }

    #[test]
    fn contract_holds_for_tricky_text(text in tricky_text()) {
        check_both(&text)?;
    }

    #[test]
    fn contract_holds_for_arbitrary_chars_mixed_with_punctuation(
        text in "[ \\n.?!\"“”()a-zA-Z0-9\\u{80}-\\u{3000}]{0,200}"
    ) {
        check_both(&text)?;
    }

    /// A blank line always ends a statement: no range crosses it.
    #[test]
    fn no_statement_crosses_a_blank_line(a in tricky_text(), b in tricky_text()) {
        let text = format!("{a}\n\n{b}");
        let cut = a.len() + 1;
        for language in [Language::English, Language::Generic] {
            for r in segment(&text, language) {
                prop_assert!(
                    !(r.start < cut && r.end > cut + 1),
                    "{language:?}: {r:?} crosses the blank line in {text:?}"
                );
            }
        }
    }

    /// A line that starts with a bullet marker starts a statement.
    #[test]
    fn bullet_lines_start_statements(
        items in prop::collection::vec("[a-zA-Z ,.]{1,30}", 1..6),
        lead in "[A-Za-z ]{0,40}",
    ) {
        let mut text = lead.clone();
        let mut starts = Vec::new();
        for item in &items {
            text.push('\n');
            starts.push(text.len());
            text.push_str("- ");
            text.push_str(item);
        }
        let ranges = segment(&text, Language::English);
        for s in starts {
            prop_assert!(
                ranges.iter().any(|r| r.start == s),
                "no statement starts at the bullet at {s} in {text:?}: {ranges:?}"
            );
        }
    }

    /// Paragraphs are segmented on their own: a blank line is a hard
    /// boundary, so two paragraphs joined by one give exactly the
    /// statements of each, the second shifted by the first's length (an
    /// independent computation, not the same call twice).
    #[test]
    fn paragraphs_are_segmented_independently(a in tricky_text(), b in tricky_text()) {
        let a = a.replace("\n\n", "\n");
        let b = b.replace("\n\n", "\n");
        let text = format!("{a}\n\n{b}");
        for language in [Language::English, Language::Generic] {
            // `a` is segmented with its blank line after it, as it stands
            // in the joined text: whether a lone "-" at the very end is a
            // bullet depends on white space after it, not on `b`.
            let mut expected = segment(&format!("{a}\n\n"), language);
            let shift = a.len() + 2;
            expected.extend(segment(&b, language).into_iter().map(|r| r.start + shift..r.end + shift));
            prop_assert_eq!(segment(&text, language), expected, "{:?} in {:?}", language, text);
        }
    }
}

#[test]
fn contract_holds_on_hand_picked_edge_cases() {
    for text in [
        "",
        " ",
        ".",
        "...",
        "\n\n\n",
        "\"",
        "“",
        "(((((",
        ")))))",
        "1.",
        "1. ",
        "a) b) c)",
        "•",
        " • ",
        "\u{2029}\u{2029}",
        "x\u{85}y",
        "é.",
        "A.\u{301} B",
        "Mr.\r\nSmith",
        "U.S.\u{2028}The",
        "?!?!?!",
        "。。。",
        "\u{feff}Hello. World.",
    ] {
        check(text, Language::English).unwrap();
        check(text, Language::Generic).unwrap();
    }
}

#[test]
fn deep_nesting_and_long_input_do_not_blow_up() {
    let text = "(".repeat(10_000) + "Done. Next." + &")".repeat(10_000);
    check(&text, Language::English).unwrap();
    let text = "Word. ".repeat(100_000);
    assert_eq!(segment(&text, Language::English).len(), 100_000);
    let text = "“".repeat(5_000) + &". A".repeat(5_000);
    check(&text, Language::English).unwrap();
}

/// Inputs built to hit every look-back and look-ahead of the scanner many
/// times in one long block. A quadratic path would take minutes on these;
/// the bound is loose so a busy machine does not make it flaky.
#[test]
fn adversarial_inputs_stay_linear() {
    for unit in [
        "a.Ba",
        "5 a.m. Xy ",
        "U.S. Government ",
        "1) x 2) ",
        "(“\"",
        ". . ",
        "Mr.",
        "é.É",
    ] {
        let text = unit.repeat(2_000_000 / unit.len());
        let started = std::time::Instant::now();
        check(&text, Language::English).unwrap();
        check(&text, Language::Generic).unwrap();
        let elapsed = started.elapsed();
        assert!(
            elapsed.as_secs() < 20,
            "{unit:?} x {}: {elapsed:?}",
            text.len() / unit.len()
        );
    }
}
