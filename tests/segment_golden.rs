//! The English Golden Rules (pySBD / pragmatic_segmenter, MIT; see
//! `tests/fixtures/segmentation/README.md`).
//!
//! `golden_en.json` (48 rules) must pass completely. `golden_en_52.json`
//! (pragmatic_segmenter's original 52) is reported, not enforced: its rules
//! 40 and 41 expect a line break *removed* from the output, which byte ranges
//! into the original text cannot do, so it is scored twice — strictly, and
//! with runs of white space inside a statement read as one space (which is
//! how the app displays a statement).

use claimdesk::segment::{Language, segment};

struct Case {
    id: u64,
    name: String,
    text: String,
    expected: Vec<String>,
}

/// Reads a fixture; errors name the file and the field that is wrong.
fn load(path: &str) -> Result<Vec<Case>, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let json: serde_json::Value = serde_json::from_str(&raw).map_err(|e| format!("{path}: {e}"))?;
    let bad = |what: &str| format!("{path}: bad or missing {what}");
    json.as_array()
        .ok_or_else(|| bad("top-level array"))?
        .iter()
        .map(|c| {
            Ok(Case {
                id: c["id"].as_u64().ok_or_else(|| bad("id"))?,
                name: c["name"].as_str().ok_or_else(|| bad("name"))?.to_owned(),
                text: c["text"].as_str().ok_or_else(|| bad("text"))?.to_owned(),
                expected: c["expected"]
                    .as_array()
                    .ok_or_else(|| bad("expected"))?
                    .iter()
                    .map(|s| {
                        s.as_str()
                            .map(str::to_owned)
                            .ok_or_else(|| bad("expected item"))
                    })
                    .collect::<Result<_, _>>()?,
            })
        })
        .collect()
}

fn produced(text: &str) -> Vec<String> {
    segment(text, Language::English)
        .into_iter()
        .map(|r| text[r].trim().to_owned())
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Returns (strict passes, passes with inner white space collapsed, ids
/// of the strict failures) and prints every strict failure.
fn score(cases: &[Case], label: &str) -> (usize, usize, Vec<u64>) {
    let mut strict = 0;
    let mut collapsed = 0;
    let mut failed = Vec::new();
    for case in cases {
        let got = produced(&case.text);
        if got == case.expected {
            strict += 1;
        } else {
            failed.push(case.id);
            println!(
                "{label} FAIL #{} {}\n  text:     {:?}\n  expected: {:?}\n  got:      {:?}",
                case.id, case.name, case.text, case.expected, got
            );
        }
        let got_c: Vec<String> = got.iter().map(|s| collapse(s)).collect();
        let exp_c: Vec<String> = case.expected.iter().map(|s| collapse(s)).collect();
        if got_c == exp_c {
            collapsed += 1;
        }
    }
    (strict, collapsed, failed)
}

#[test]
fn golden_en_48_all_pass() {
    let cases = load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/segmentation/golden_en.json"
    ))
    .unwrap();
    assert_eq!(cases.len(), 48);
    let (strict, _, _) = score(&cases, "golden_en");
    println!("golden_en: {strict}/{}", cases.len());
    assert_eq!(
        strict,
        cases.len(),
        "golden_en: {strict}/{} pass",
        cases.len()
    );
}

#[test]
fn golden_en_52_is_reported() {
    let cases = load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/segmentation/golden_en_52.json"
    ))
    .unwrap();
    assert_eq!(cases.len(), 52);
    let (strict, collapsed, failed) = score(&cases, "golden_en_52");
    println!("golden_en_52: {strict}/{}", cases.len());
    println!(
        "golden_en_52 (white space inside a statement collapsed): {collapsed}/{}",
        cases.len()
    );
    // Only the four rules that are not among the 48 (40–42 and 52 in this
    // numbering) may fail here; the 48 shared ones, renumbered, must not.
    let shared_failures: Vec<u64> = failed
        .into_iter()
        .filter(|id| ![40, 41, 42, 52].contains(id))
        .collect();
    assert!(
        shared_failures.is_empty(),
        "shared rules failing in the 52-set: {shared_failures:?}"
    );
}

#[test]
fn every_golden_statement_is_a_slice_of_its_text() {
    // The comparison above trims; this checks the ranges themselves are
    // already trimmed, so the equality is not an artefact of the trimming.
    for case in load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/segmentation/golden_en_52.json"
    ))
    .unwrap()
    {
        for r in segment(&case.text, Language::English) {
            let s = &case.text[r];
            assert_eq!(s, s.trim(), "untrimmed range in #{}", case.id);
            assert!(!s.is_empty());
        }
    }
}
