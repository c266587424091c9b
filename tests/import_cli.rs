//! `claimdesk new` and `claimdesk segment` on every kind of source, and the
//! bad web pages of the catalogue (100,000 levels deep, 50 MB, all script,
//! a non-http scheme): one line naming the source, exit 1, no panic, within
//! a bounded time, nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn claimdesk(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .output()
        .unwrap()
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

#[test]
fn new_reads_every_kind_and_keeps_the_source() {
    let dir = tempfile::tempdir().unwrap();
    for (source, sidecar, title, byline) in [
        (
            "wordpress.html",
            "source.html",
            "Riverton council approves protected bike lanes on Main Street",
            "Dana Whitcomb",
        ),
        (
            "audit-report.docx",
            "source.docx",
            "Audit of the county road maintenance fund",
            "",
        ),
        (
            "audit-report.odt",
            "source.odt",
            "Audit of the county road maintenance fund",
            "",
        ),
        (
            "audit-report.pdf",
            "source.pdf",
            "Audit of the county road maintenance fund",
            "",
        ),
    ] {
        let output = dir.path().join(format!("{source}.claims.ron"));
        let out = claimdesk(&[p("new"), &fixture(source), p("-o"), &output]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{source}: {stderr}");
        let project = claimdesk::project_file::load(&output).unwrap();
        assert_eq!(project.article.title, title, "{source}");
        assert_eq!(project.meta.byline, byline, "{source}");
        assert!(project.statements.len() >= 8, "{source}");
        let kept = dir.path().join(format!("{source}.{sidecar}"));
        assert_eq!(
            std::fs::read(&kept).unwrap(),
            std::fs::read(fixture(source)).unwrap(),
            "{source}: raw source kept beside the project"
        );
        let provenance = project.meta.provenance.unwrap();
        assert_eq!(provenance.source, fixture(source).display().to_string());
        assert_eq!(
            provenance.sha256_raw,
            format!(
                "sha256:{}",
                claimdesk::model::sha256_hex(&std::fs::read(fixture(source)).unwrap())
            )
        );
    }
}

#[test]
fn segment_prints_statements_of_every_kind() {
    for (source, statement) in [
        ("wordpress.html", "What the plan includes"),
        (
            "react-newsroom.html",
            "The authority's board is scheduled to vote on summer allocations on April 15.",
        ),
        (
            "audit-report.docx",
            "Eleven contracts lacked a signed inspection report.",
        ),
        (
            "audit-report.pdf",
            "Eleven contracts lacked a signed inspection report.",
        ),
    ] {
        let out = claimdesk(&[p("segment"), &fixture(source)]);
        assert!(
            out.status.success(),
            "{source}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.lines().any(|l| l == statement),
            "{source}: {statement:?} in\n{stdout}"
        );
        assert!(!stdout.contains("Advertisement"), "{source}");
    }
    let full = claimdesk(&[p("segment"), &fixture("inline-ads.html"), p("--full-text")]);
    assert!(String::from_utf8_lossy(&full.stdout).contains("Most read"));
}

fn assert_clean_failure(args: &[&Path], source: &str, words: &str, limit: Duration) {
    let start = Instant::now();
    let out = claimdesk(args);
    assert!(
        start.elapsed() < limit,
        "{source}: took {:?}",
        start.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{source}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains(words), "expected {words:?} in {stderr}");
    assert!(stderr.trim_end().ends_with(source), "source last: {stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_pages_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.html");
    std::fs::write(
        &deep,
        format!(
            "<!doctype html><html><body>{}<p>x</p></body></html>",
            "<div>".repeat(100_000)
        ),
    )
    .unwrap();
    let big = dir.path().join("big.html");
    let mut page = b"<!doctype html><html><body>".to_vec();
    page.resize(50 * 1024 * 1024, b'a');
    std::fs::write(&big, page).unwrap();
    let script = dir.path().join("script.html");
    std::fs::write(
        &script,
        format!(
            "<!doctype html><html><head><script>{}</script></head><body><script>render()</script></body></html>",
            "var a = '<p>not text</p>';".repeat(2000)
        ),
    )
    .unwrap();
    let output = dir.path().join("out.claims.ron");
    let limit = Duration::from_secs(60);
    for (file, words) in [
        (&deep, "nested about 100002 levels deep"),
        (&big, "claimdesk opens articles of up to 33554432 bytes"),
        (&script, "built by scripts"),
    ] {
        let source = file.display().to_string();
        assert_clean_failure(&[p("segment"), file], &source, words, limit);
        assert_clean_failure(&[p("new"), file, p("-o"), &output], &source, words, limit);
        assert!(!output.exists());
    }
    for url in ["javascript:alert(1)", "file:///etc/passwd"] {
        assert_clean_failure(
            &[p("new"), p(url), p("-o"), &output],
            url,
            "only http:// and https://",
            limit,
        );
    }
}
