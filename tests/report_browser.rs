//! The HTML reports in a real browser: headless Chromium loads the hostile
//! fixture's reports (both audiences) and nothing in them runs; the
//! published sample and the full desk report are rendered to screenshots,
//! and the published report printed to PDF and back to an image with
//! `pdftoppm`, for a person to look at (paths printed; in
//! `target/tmp/report-shots/`).
//!
//! Chromium is found as the PDF export finds it
//! ([`claimdesk::export::pdf::find_chromium`]: `chromium` or
//! `chromium-browser` on `PATH`). Without it each test prints a
//! `SKIP:` line (count them with `grep -c SKIP:`) and passes, except under
//! CI (the `CI` environment variable set), where a missing browser fails.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failed step should fail the test"
)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimdesk::export::{self, Audience, ExportOptions, Format};
use claimdesk::project_file;

mod support;

const TIMEOUT: Duration = Duration::from_secs(120);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

/// The browser, or `None` after a visible skip (a failure in CI).
fn chromium(test: &str) -> Option<PathBuf> {
    let found = export::pdf::find_chromium();
    if found.is_none() {
        support::skip(
            test,
            "Chromium is not installed (chromium or chromium-browser on PATH)",
        );
    }
    found
}

fn project(fixture_name: &str) -> claimdesk::model::Project {
    project_file::load(&fixture(fixture_name)).unwrap()
}

fn html_report_for(fixture_name: &str, audience: Audience) -> String {
    let mut out = Vec::new();
    export::export_with(
        &project(fixture_name),
        &ExportOptions::new(Format::Html).audience(audience),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn html_report(fixture_name: &str) -> String {
    html_report_for(fixture_name, Audience::Desk)
}

/// Where screenshots go for a person to look at.
fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-shots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs headless Chromium on `page` with `extra` flags; returns stdout.
/// Kills it after [`TIMEOUT`] rather than hanging the test run.
fn run_chromium(browser: &Path, profile: &Path, extra: &[String], page: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads so a large DOM cannot fill a pipe and
    // block the browser while we wait for it.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).unwrap();
        text
    });
    let err = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).unwrap();
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("chromium did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    assert!(status.success(), "chromium failed: {status}\n{stderr}");
    stdout
}

/// The page's DOM after loading (and after any script would have run).
fn dump_dom(browser: &Path, html: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).unwrap();
    run_chromium(
        browser,
        &dir.path().join("profile"),
        &[
            "--virtual-time-budget=2000".to_owned(),
            "--dump-dom".to_owned(),
        ],
        &page,
    )
}

/// The text of the `<title>` in a serialised DOM.
fn title(dom: &str) -> &str {
    let start = dom.find("<title>").expect("a <title>") + "<title>".len();
    let end = start + dom[start..].find("</title>").unwrap();
    &dom[start..end]
}

/// Every attribute (name, raw value) in the tags of a serialised DOM. The
/// serialiser writes `<` in text as `&lt;`, so every `<` opens a tag (or
/// closes one, or is a comment or doctype, which have no attributes).
fn attributes(dom: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for tag in dom.split('<').skip(1) {
        if tag.starts_with(['/', '!']) {
            continue;
        }
        let mut quote = None;
        let mut name = String::new();
        let mut value = String::new();
        let mut in_value = false;
        // The element name is skipped like an attribute without a value.
        for c in tag.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => {
                    quote = None;
                    found.push((name.to_ascii_lowercase(), std::mem::take(&mut value)));
                    name.clear();
                    in_value = false;
                }
                (Some(_), c) => value.push(c),
                (None, '"' | '\'') if in_value => quote = Some(c),
                (None, '>') => break,
                (None, '=') => in_value = true,
                (None, c) if c.is_whitespace() || c == '/' => {
                    if in_value && !value.is_empty() {
                        found.push((name.to_ascii_lowercase(), std::mem::take(&mut value)));
                        in_value = false;
                    }
                    if !in_value {
                        name.clear();
                    }
                }
                (None, c) if in_value => value.push(c),
                (None, c) => name.push(c),
            }
        }
        if in_value && !value.is_empty() {
            found.push((name.to_ascii_lowercase(), value));
        }
    }
    found
}

/// Attributes that run script: event handlers, and links or sources that
/// are not http(s) or in-page.
fn dangerous_attributes(dom: &str) -> Vec<(String, String)> {
    attributes(dom)
        .into_iter()
        .filter(|(name, value)| {
            let value = value.trim().to_ascii_lowercase();
            name.starts_with("on")
                || (matches!(name.as_str(), "href" | "src" | "action" | "formaction")
                    && !(value.starts_with('#')
                        || value.starts_with("https://")
                        || value.starts_with("http://")))
        })
        .collect()
}

#[test]
fn the_harness_notices_a_script_that_runs() {
    let Some(browser) = chromium("the_harness_notices_a_script_that_runs") else {
        return;
    };
    let browser = browser.as_path();
    // Without this, a browser that ran no scripts at all would pass the
    // test below for the wrong reason.
    let dom = dump_dom(
        browser,
        "<!DOCTYPE html><html><head><title>original</title></head>\
         <body><script>document.title='pwned'</script></body></html>",
    );
    assert_eq!(title(&dom), "pwned");
    let dom = dump_dom(
        browser,
        "<p><img src=x onerror=\"1\">a onerror=b <a href='javascript:x'>j</a></p>",
    );
    let dangerous = dangerous_attributes(&dom);
    let names: Vec<&str> = dangerous.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["src", "onerror", "href"], "{dom}");
}

#[test]
fn hostile_published_report_loads_and_runs_nothing() {
    let Some(browser) = chromium("hostile_published_report_loads_and_runs_nothing") else {
        return;
    };
    let dom = dump_dom(
        &browser,
        &html_report_for("hostile.claims.ron", Audience::Public),
    );
    assert!(
        dom.contains("Made with claimdesk"),
        "loaded to the end: {dom}"
    );
    assert!(title(&dom).starts_with("Fact check: Breaking: &lt;b&gt;bold"));
    let lower = dom.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element was created");
    assert!(!lower.contains("<img"), "an img element was created");
    let dangerous = dangerous_attributes(&dom);
    assert!(dangerous.is_empty(), "created {dangerous:?}");
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
}

#[test]
fn hostile_report_loads_and_runs_nothing() {
    let Some(browser) = chromium("hostile_report_loads_and_runs_nothing") else {
        return;
    };
    let browser = browser.as_path();
    let dom = dump_dom(browser, &html_report("hostile.claims.ron"));
    // Loaded to the end.
    assert!(dom.contains("id=\"claim-11\""), "{dom}");
    assert!(dom.contains("Made with claimdesk"));
    // The title is the original (the DOM serialiser escapes <, > and & but
    // not quotes in text), and no script changed it.
    assert_eq!(
        title(&dom),
        "Breaking: &lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\" — &lt;i&gt;claims&lt;/i&gt; — desk report"
    );
    assert!(!title(&dom).contains("pwned"));
    // The hostile markup is text, not elements.
    let lower = dom.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script element was created");
    assert!(!lower.contains("<img"), "an img element was created");
    assert!(!lower.contains("<textarea"));
    let dangerous = dangerous_attributes(&dom);
    assert!(dangerous.is_empty(), "created {dangerous:?}");
    assert!(
        attributes(&dom)
            .iter()
            .any(|(name, value)| name == "href" && value == "#claim-1")
    );
    assert!(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    assert!(dom.contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;"));
}

/// Screenshots `html` at 1200 px wide into `shot`; checks it is a real,
/// non-blank PNG.
fn screenshot(browser: &Path, html: &str, shot: &Path, height: u32) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).unwrap();
    let _ = std::fs::remove_file(shot);
    run_chromium(
        browser,
        &dir.path().join("profile"),
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size=1200,{height}"),
            "--hide-scrollbars".to_owned(),
        ],
        &page,
    );
    let png = std::fs::read(shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // A blank page compresses to a few kilobytes; a rendered report with
    // text and colour is far larger.
    assert!(
        png.len() > 50_000,
        "suspiciously small screenshot: {} bytes",
        png.len()
    );
    println!("screenshot: {}", shot.display());
}

#[test]
fn screenshots_of_both_audiences() {
    let Some(browser) = chromium("screenshots_of_both_audiences") else {
        return;
    };
    let dir = shots_dir();
    screenshot(
        &browser,
        &html_report("full.claims.ron"),
        &dir.join("full-desk.png"),
        1600,
    );
    screenshot(
        &browser,
        &html_report_for("sample-published.claims.ron", Audience::Public),
        &dir.join("sample-public.png"),
        2400,
    );
}

#[test]
fn the_published_report_prints_to_pdf() {
    let Some(_browser) = chromium("the_published_report_prints_to_pdf") else {
        return;
    };
    let mut pdf = Vec::new();
    // PDF defaults to the published report.
    export::export(
        &project("sample-published.claims.ron"),
        Format::Pdf,
        &mut pdf,
    )
    .unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = shots_dir();
    let path = dir.join("sample-public.pdf");
    std::fs::write(&path, &pdf).unwrap();
    println!("pdf: {}", path.display());
    let pages = pdf
        .windows(b"/Type /Page\n".len())
        .filter(|w| *w == b"/Type /Page\n")
        .count();
    assert!(
        pages >= 2,
        "six claims do not fit one A4/Letter page: {pages}"
    );
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        support::skip(
            "the_published_report_prints_to_pdf (page images)",
            "pdftoppm is not installed (apt install poppler-utils)",
        );
        return;
    }
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "2"])
        .arg(&path)
        .arg(dir.join("sample-public-pdf"))
        .status()
        .unwrap();
    assert!(status.success());
    for page in 1..=2 {
        let png = dir.join(format!("sample-public-pdf-{page}.png"));
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.len() > 10_000, "page {page} looks blank");
        println!("page image: {}", png.display());
    }
}
