//! Property tests for the suggester over arbitrary Unicode: it never
//! panics, gives one answer per statement, and every reason points inside
//! its statement, on character boundaries, with the cue being the text
//! there.

// Test helpers: a failure should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::ops::Range;

use claimdesk::segment::{self, Language};
use claimdesk::suggest::{ReasonKind, suggest_all};
use proptest::prelude::*;

fn check(text: &str, ranges: &[Range<usize>]) -> Result<(), TestCaseError> {
    let all = suggest_all(text, ranges, "en");
    prop_assert_eq!(all.len(), ranges.len());
    for (range, suggestion) in ranges.iter().zip(&all) {
        let Some(suggestion) = suggestion else {
            continue;
        };
        prop_assert!(!suggestion.reasons.is_empty());
        for reason in &suggestion.reasons {
            let r = &reason.range;
            prop_assert!(r.start <= r.end);
            prop_assert!(
                range.start <= r.start && r.end <= range.end,
                "{r:?} outside {range:?}"
            );
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert_eq!(text.get(r.clone()), Some(reason.cue.as_str()));
            if reason.kind != ReasonKind::NoOpinionCues {
                prop_assert!(!reason.cue.is_empty());
            }
        }
    }
    Ok(())
}

/// Text mixing news words, quotation marks and arbitrary characters, so
/// the rules actually fire on generated input.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("said".to_owned()),
        Just("Critics say".to_owned()),
        Just("according to".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("\"".to_owned()),
        Just("‘".to_owned()),
        Just("’".to_owned()),
        Just("should".to_owned()),
        Just("the most".to_owned()),
        Just("far from".to_owned()),
        Just("2024".to_owned()),
        Just("3,5.".to_owned()),
        Just("%".to_owned()),
        Just(", ".to_owned()),
        Just("; ".to_owned()),
        Just("? ".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        Just("May".to_owned()),
        Just("we".to_owned()),
        "[A-Za-z]{1,8}",
        any::<String>(),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_segmented(text in any::<String>()) {
        let ranges = segment::segment(&text, Language::English);
        check(&text, &ranges)?;
    }

    #[test]
    fn newsy_text_segmented(text in newsy()) {
        let ranges = segment::segment(&text, Language::English);
        check(&text, &ranges)?;
    }

    #[test]
    fn arbitrary_ranges_never_panic(text in newsy(), cuts in prop::collection::vec((0usize..300, 0usize..300), 0..8)) {
        // Ranges a damaged file could hold: reversed, out of the text, or
        // splitting characters. They must give None, not a panic.
        let ranges: Vec<Range<usize>> = cuts.into_iter().map(|(a, b)| a..b).collect();
        let all = suggest_all(&text, &ranges, "en");
        prop_assert_eq!(all.len(), ranges.len());
        for (range, suggestion) in ranges.iter().zip(&all) {
            if let Some(s) = suggestion {
                prop_assert!(text.get(range.clone()).is_some());
                for reason in &s.reasons {
                    prop_assert!(range.start <= reason.range.start && reason.range.end <= range.end);
                }
            }
        }
    }
}
