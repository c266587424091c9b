//! `claimdesk suggest` end to end: text and JSON output for an article and
//! a project, and a clear error for a missing file.

// Test helpers: a failure should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

fn claimdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const ARTICLE: &str = "Council votes on tram\n\nThe council voted 9 to 4 on Tuesday. \
The mayor said the line would carry 40,000 passengers. The plan is reckless.";

#[test]
fn one_line_per_statement() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(&dir, "a.txt", ARTICLE);
    let out = claimdesk(&["suggest", &article]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].trim_start().starts_with("1  -"), "{text}");
    assert!(
        lines[1].contains("fact")
            && lines[1].contains("high")
            && lines[1].contains("date \"Tuesday\"")
    );
    assert!(lines[2].contains("attribution") && lines[2].contains("reporting verb \"said\""));
    assert!(lines[3].contains("opinion") && lines[3].contains("evaluative word \"reckless\""));
}

#[test]
fn json_has_the_documented_shape_with_article_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(&dir, "a.txt", ARTICLE);
    let out = claimdesk(&["suggest", &article, "--json"]);
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["suggestion"], serde_json::Value::Null);
    assert_eq!(items[0]["confidence"], serde_json::Value::Null);
    let said = &items[2];
    assert_eq!(said["id"], 3);
    assert_eq!(said["suggestion"], "attribution");
    assert_eq!(said["confidence"], "high");
    let reason = &said["reasons"][0];
    assert_eq!(reason["kind"], "reporting verb");
    assert_eq!(reason["cue"], "said");
    let start = reason["start"].as_u64().unwrap() as usize;
    let end = reason["end"].as_u64().unwrap() as usize;
    assert_eq!(&ARTICLE[start..end], "said");
    let (s, e) = (
        said["start"].as_u64().unwrap() as usize,
        said["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(said["text"], &ARTICLE[s..e]);
    // The keys come in the order the issue documents.
    let raw = String::from_utf8(out.stdout).unwrap();
    let order: Vec<usize> = [
        "\"id\"",
        "\"start\"",
        "\"end\"",
        "\"text\"",
        "\"suggestion\"",
        "\"confidence\"",
        "\"reasons\"",
    ]
    .iter()
    .map(|k| raw.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{raw}");
}

#[test]
fn a_project_is_loaded_and_its_language_respected() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(&dir, "a.txt", ARTICLE);
    let en = dir
        .path()
        .join("en.claims.ron")
        .to_string_lossy()
        .into_owned();
    let de = dir
        .path()
        .join("de.claims.ron")
        .to_string_lossy()
        .into_owned();
    assert!(claimdesk(&["new", &article, "-o", &en]).status.success());
    assert!(
        claimdesk(&["new", &article, "-o", &de, "--language", "de"])
            .status
            .success()
    );
    let out = claimdesk(&["suggest", &en]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("attribution"), "{text}");
    let out = claimdesk(&["suggest", &de]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().count() >= 3 && text.lines().all(|l| l.trim_end().ends_with('-')),
        "{text}"
    );
}

#[test]
fn a_missing_file_is_a_one_line_error_naming_it() {
    let out = claimdesk(&["suggest", "/no/such/article.txt"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.trim_end().ends_with("/no/such/article.txt"), "{err}");
}
