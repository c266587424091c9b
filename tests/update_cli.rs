//! `claimdesk update` run as a user runs it: real binary, real files.

// Helpers outside #[test] functions may unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use claimdesk::model::{ReviewMark, Tag};
use claimdesk::project_file;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/update")
        .join(name)
}

fn claimdesk(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn arg(s: &str) -> &Path {
    Path::new(s)
}

/// A tagged project over the tram article, in `dir`.
fn tagged_project(dir: &Path) -> PathBuf {
    let path = dir.join("tram.claims.ron");
    let out = claimdesk(&[arg("new"), &fixture("01-tram-vote.txt"), arg("-o"), &path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut project = project_file::load(&path).unwrap();
    for (i, s) in project.statements.iter_mut().enumerate() {
        s.tag = Some(Tag::Fact);
        s.note = format!("checked {i}");
    }
    project_file::save(&project, &path).unwrap();
    path
}

fn json_of(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn json_reports_each_statement_and_the_project_keeps_every_note() {
    let dir = tempfile::tempdir().unwrap();
    let project = tagged_project(dir.path());
    let original = std::fs::read_to_string(fixture("01-tram-vote.txt")).unwrap();
    let edited = original
        .replace("The vote was 27 to 14", "The vote was 27 to 15")
        .replace(
            " Applications will open in January.",
            " Applications will open in February. Update: the council published the full list of streets on Friday.",
        )
        .replace(" Interest on the bonds is expected to cost about 4 million euros a year.", "");
    let new_source = dir.path().join("v2.txt");
    std::fs::write(&new_source, &edited).unwrap();
    let output = dir.path().join("v2.claims.ron");
    let value = json_of(&claimdesk(&[
        arg("update"),
        &project,
        &new_source,
        arg("-o"),
        &output,
        arg("--json"),
    ]));
    let statements = value["statements"].as_array().unwrap();
    let old = project_file::load(&project).unwrap();
    assert_eq!(statements.len(), old.statements.len());
    let find = |quote_start: &str| {
        statements
            .iter()
            .find(|s| s["old_quote"].as_str().unwrap().starts_with(quote_start))
            .unwrap()
    };
    let vote = find("The vote was 27 to 14");
    assert_eq!(vote["status"], "edited");
    assert_eq!(
        vote["new_quote"],
        "The vote was 27 to 15, with two members absent."
    );
    let score = vote["score"].as_f64().unwrap();
    assert!(score > 0.7 && score < 1.0, "{score}");
    let interest = find("Interest on the bonds");
    assert_eq!(interest["status"], "orphaned");
    assert_eq!(interest["new_quote"], serde_json::Value::Null);
    assert_eq!(interest["score"], 0.0);
    let headline = find("Council approves");
    assert_eq!(headline["status"], "unchanged");
    assert_eq!(headline["id"], 1);
    assert_eq!(value["new_statements"], 1, "the added update sentence");

    let updated = project_file::load(&output).unwrap();
    assert_eq!(updated.orphans.len(), 1);
    assert_eq!(
        updated.statements.len() + updated.orphans.len(),
        old.statements.len() + 1
    );
    let notes = updated
        .statements
        .iter()
        .map(|s| &s.note)
        .chain(updated.orphans.iter().map(|o| &o.statement.note))
        .filter(|n| n.starts_with("checked"))
        .count();
    assert_eq!(notes, old.statements.len(), "no note lost");
    assert!(
        updated
            .statements
            .iter()
            .any(|s| s.review == Some(ReviewMark::NewInVersion))
    );
    assert_eq!(updated.versions.len(), 2);
}

#[test]
fn refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let project = tagged_project(dir.path());
    let output = dir.path().join("out.claims.ron");
    std::fs::write(&output, "keep me").unwrap();
    let args = [
        arg("update"),
        &project,
        &fixture("01-tram-vote.txt"),
        arg("-o"),
        &output,
    ];
    let out = claimdesk(&args);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(stderr.trim_end().ends_with("out.claims.ron"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me");
    let forced = claimdesk(&[&args[..], &[arg("--force")]].concat());
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    project_file::load(&output).unwrap();
}

#[test]
fn the_same_version_is_all_unchanged_and_marks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = tagged_project(dir.path());
    let output = dir.path().join("same.claims.ron");
    let value = json_of(&claimdesk(&[
        arg("update"),
        &project,
        &fixture("01-tram-vote.txt"),
        arg("-o"),
        &output,
        arg("--json"),
    ]));
    for s in value["statements"].as_array().unwrap() {
        assert_eq!(s["status"], "unchanged", "{s}");
        assert_eq!(s["old_quote"], s["new_quote"]);
        assert_eq!(s["score"], 1.0);
    }
    assert_eq!(value["new_statements"], 0);
    let before = project_file::load(&project).unwrap();
    let after = project_file::load(&output).unwrap();
    assert_eq!(after.statements, before.statements);
}

#[test]
fn a_different_article_orphans_everything() {
    let dir = tempfile::tempdir().unwrap();
    let project = tagged_project(dir.path());
    let output = dir.path().join("other.claims.ron");
    let value = json_of(&claimdesk(&[
        arg("update"),
        &project,
        &fixture("07-wildfire.txt"),
        arg("-o"),
        &output,
        arg("--json"),
    ]));
    let statements = value["statements"].as_array().unwrap();
    assert!(
        statements.iter().all(|s| s["status"] == "orphaned"),
        "{value}"
    );
    let after = project_file::load(&output).unwrap();
    assert_eq!(after.orphans.len(), statements.len());
    assert!(
        after
            .orphans
            .iter()
            .all(|o| o.statement.tag == Some(Tag::Fact))
    );
    assert_eq!(value["new_statements"], after.statements.len());
}

#[test]
fn bad_new_versions_are_refused_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let project = tagged_project(dir.path());
    let output = dir.path().join("bad.claims.ron");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, " \n\n ").unwrap();
    let binary = dir.path().join("photo.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    for (source, says) in [(&empty, "empty"), (&binary, "PNG")] {
        let out = claimdesk(&[arg("update"), &project, source, arg("-o"), &output]);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
        assert!(
            stderr.trim_end().ends_with(&*source.display().to_string()),
            "{stderr}"
        );
        assert!(!output.exists(), "nothing written");
    }
}

#[test]
fn a_new_version_a_hundred_times_larger_works() {
    let dir = tempfile::tempdir().unwrap();
    let project = tagged_project(dir.path());
    let original = std::fs::read_to_string(fixture("01-tram-vote.txt")).unwrap();
    let mut huge = original.clone();
    for other in std::fs::read_dir(fixture("")).unwrap() {
        let path = other.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for _ in 0..5 {
            huge.push_str("\n\n");
            huge.push_str(&text);
        }
    }
    assert!(huge.len() >= 100 * original.len());
    let new_source = dir.path().join("huge.txt");
    std::fs::write(&new_source, &huge).unwrap();
    let output = dir.path().join("huge.claims.ron");
    let value = json_of(&claimdesk(&[
        arg("update"),
        &project,
        &new_source,
        arg("-o"),
        &output,
        arg("--json"),
    ]));
    // Its own text appears five more times further on; the diff still pins
    // every statement to the copy at the top. Only the last one, now
    // followed by other text and repeated many times, asks to be confirmed.
    let statements = value["statements"].as_array().unwrap();
    let (last, rest) = statements.split_last().unwrap();
    for s in rest {
        assert_eq!(s["status"], "unchanged", "{s}");
    }
    assert_eq!(last["status"], "ambiguous");
    assert!(value["new_statements"].as_u64().unwrap() > 1_000);
    let after = project_file::load(&output).unwrap();
    let old = project_file::load(&project).unwrap();
    for s in &old.statements {
        let placed = after.statement(s.id).unwrap();
        assert_eq!(placed.range, s.range, "on its own copy");
    }
}
