//! Reader-view quality on the web-page fixtures (`tests/fixtures/import/`,
//! written by `make_fixtures.py` in the styles of several CMSs): token-level
//! precision and recall of the extracted article against what a reader sees
//! as the article, the title exactly, byline and date where the page states
//! them, and no boilerplate string in the text. Prints the table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use claimdesk::import::{self, ImportOptions};

const FIXTURES: &[&str] = &[
    "wordpress",
    "react-newsroom",
    "inline-ads",
    "no-article-element",
    "live-blog",
    "jsonld-only",
    "cp1252-wrong-charset",
    "observer-asides",
    "newsletter",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// (precision, recall) of `got` against `want`, counting repeated words.
fn precision_recall(got: &str, want: &str) -> (f64, f64) {
    let got = tokens(got);
    let want = tokens(want);
    let common: usize = got
        .iter()
        .map(|(w, n)| (*n).min(want.get(w).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(&got), common as f64 / total(&want))
}

fn meta(name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(dir().join(format!("{name}.meta.txt")))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn precision_and_recall_tokens_count_words() {
    let (p, r) = precision_recall("a b c x", "a b c d");
    assert!((p - 0.75).abs() < 1e-9 && (r - 0.75).abs() < 1e-9);
    let (p, r) = precision_recall("a a", "a");
    assert!((p - 0.5).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
}

#[test]
fn reader_view_quality_per_fixture() {
    let mut failures = Vec::new();
    println!(
        "\n{:<22} {:>9} {:>7} {:>6} {:>7} {:>5} {:>6}",
        "fixture", "precision", "recall", "title", "byline", "date", "leaks"
    );
    for name in FIXTURES {
        let path = dir().join(format!("{name}.html"));
        let expected = std::fs::read_to_string(dir().join(format!("{name}.expected.txt"))).unwrap();
        let imported = import::import_path(&path, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let (precision, recall) = precision_recall(&imported.text, &expected);
        let meta = meta(name);
        let get = |key: &str| meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        let title_ok = Some(imported.title.as_str()) == get("title");
        let byline_ok = get("byline").is_none_or(|b| imported.meta.byline == b);
        let date_ok = get("published").is_none_or(|d| imported.meta.published == d);
        let leaks: Vec<&str> = meta
            .iter()
            .filter(|(k, v)| k == "leak" && imported.text.contains(v.as_str()))
            .map(|(_, v)| v.as_str())
            .collect();
        println!(
            "{:<22} {:>8.1}% {:>6.1}% {:>6} {:>7} {:>5} {:>6}",
            name,
            precision * 100.0,
            recall * 100.0,
            if title_ok { "ok" } else { "WRONG" },
            if byline_ok { "ok" } else { "WRONG" },
            if date_ok { "ok" } else { "WRONG" },
            leaks.len()
        );
        if precision < 0.95 || recall < 0.95 {
            failures.push(format!(
                "{name}: precision {precision:.3}, recall {recall:.3}\n--- got:\n{}\n",
                imported.text
            ));
        }
        if !title_ok {
            failures.push(format!("{name}: title {:?}", imported.title));
        }
        if !byline_ok {
            failures.push(format!("{name}: byline {:?}", imported.meta.byline));
        }
        if !date_ok {
            failures.push(format!("{name}: date {:?}", imported.meta.published));
        }
        for (key, field) in [
            ("publication", &imported.meta.publication),
            ("language", &imported.meta.language),
            ("url", &imported.meta.url),
        ] {
            if let Some(want) = get(key)
                && field != want
            {
                failures.push(format!("{name}: {key} {field:?}, expected {want:?}"));
            }
        }
        if !leaks.is_empty() {
            failures.push(format!("{name}: boilerplate leaked: {leaks:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_subhead_and_list_item_is_its_own_paragraph() {
    let imported =
        import::import_path(&dir().join("wordpress.html"), &ImportOptions::default()).unwrap();
    let paragraphs: Vec<&str> = imported.text.split("\n\n").collect();
    for own in [
        "Shop owners worry about parking",
        "What the plan includes",
        "New traffic signals for cyclists at four intersections.",
    ] {
        assert!(paragraphs.contains(&own), "{own:?} in {paragraphs:#?}");
    }
}

#[test]
fn wrong_charset_is_overruled_with_a_notice() {
    let imported = import::import_path(
        &dir().join("cp1252-wrong-charset.html"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(
        imported
            .text
            .contains("“We already pay rent, taxes and licences,” said Hélène Marchetti")
    );
    assert!(
        imported
            .notices
            .iter()
            .any(|n| n.contains("says it is UTF-8 but is not")),
        "{:?}",
        imported.notices
    );
}

#[test]
fn full_text_and_left_out_show_what_reader_view_dropped() {
    let imported =
        import::import_path(&dir().join("inline-ads.html"), &ImportOptions::default()).unwrap();
    let dropped = import::left_out(&imported);
    assert!(
        dropped.iter().any(|d| d.contains("Most read")),
        "{dropped:#?}"
    );
    assert!(
        !dropped
            .iter()
            .any(|d| d.contains("State regulators on Monday approved")),
        "article paragraphs are not reported as left out"
    );
    let full = import::reimport_full_text(&imported).unwrap();
    assert!(full.text.contains("Most read"));
    assert!(full.text.contains("State regulators on Monday approved"));
    assert!(!full.text.contains("securepubads"), "no script text");
    assert_eq!(full.provenance, imported.provenance);
}
