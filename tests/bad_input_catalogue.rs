//! The bad-input catalogue: every kind of broken or hostile input the issue
//! lists, fed through both the real binary (`claimdesk check`, `segment`,
//! `new`) and the library (`import::import_file`, `import::import_bytes`,
//! `project_file::load`, `Workspace::open`). For each: a clear one-line
//! message naming the file last, no panic, a bounded time, and nothing
//! lost or changed (the input's bytes, and an existing output file that a
//! failed `new --force` must not touch).
//!
//! Committed fixtures live in `tests/fixtures/{articles,projects,bad}/`;
//! the 100 MB article, the extremely long lines, the very deep nesting, the
//! broken symlinks and the directories are made at test time in a tempdir.
//! Needs no display and no browser.

// Helpers outside #[test] fns are test code too: a failed unwrap is a
// failed test, which clippy's allow-*-in-tests settings do not see.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use claimdesk::import::{self, ArticleFormat, MAX_ARTICLE_BYTES};
use claimdesk::project_file;
use claimdesk::workspace::Workspace;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn claimdesk(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env(
            "CLAIMDESK_CONFIG_DIR",
            std::env::temp_dir().join("claimdesk-catalogue-config"),
        )
        .env(
            "CLAIMDESK_DATA_DIR",
            std::env::temp_dir().join("claimdesk-catalogue-data"),
        )
        .output()
        .expect("the binary runs")
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

/// The bytes of `path` (or what kind of thing it is), to prove it unchanged.
fn fingerprint(path: &Path) -> String {
    match std::fs::symlink_metadata(path) {
        Err(e) => format!("missing: {e}"),
        Ok(m) if m.file_type().is_symlink() => {
            format!("link to {:?}", std::fs::read_link(path).ok())
        }
        Ok(m) if m.is_dir() => format!(
            "dir with {} entries",
            std::fs::read_dir(path).map(|d| d.count()).unwrap_or(0)
        ),
        Ok(m) if m.len() > 1 << 20 => format!("big file of {} bytes", m.len()),
        Ok(_) => format!("{:?}", std::fs::read(path).unwrap()),
    }
}

/// Asserts a failure with a one-line message containing `words` and
/// ending with `file`, no panic, exit code 1.
fn assert_clean_failure(what: &str, output: &Output, file: &Path, words: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{what}: {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{what}: one line: {stderr}"
    );
    assert!(stderr.starts_with("claimdesk: error: "), "{what}: {stderr}");
    assert!(
        stderr.contains(words),
        "{what}: expected {words:?} in {stderr}"
    );
    assert!(
        stderr.trim_end().ends_with(&file.display().to_string()),
        "{what}: path last: {stderr}"
    );
}

fn assert_message(what: &str, message: &str, file: &Path, words: &str) {
    assert!(
        message.contains(words),
        "{what}: expected {words:?} in {message}"
    );
    assert!(
        message.ends_with(&file.display().to_string()),
        "{what}: path last: {message}"
    );
}

/// Runs `f`, failing if it takes longer than `limit` (never hangs).
fn timed<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    assert!(
        start.elapsed() < limit,
        "{what} took {:?}, over {limit:?}",
        start.elapsed()
    );
    value
}

/// Feeds a bad article through `segment`, `new` and the library.
fn check_bad_article(article: &Path, words: &str) {
    let what = article.display().to_string();
    let before = fingerprint(article);
    let out_dir = tempfile::tempdir().unwrap();
    let output = out_dir.path().join("existing.claims.ron");
    std::fs::write(&output, "precious earlier work").unwrap();
    let limit = Duration::from_secs(60);

    let seg = timed(&what, limit, || claimdesk(&[p("segment"), article]));
    assert_clean_failure(&format!("segment {what}"), &seg, article, words);
    assert!(seg.stdout.is_empty(), "{what}: nothing printed on failure");
    let new = timed(&what, limit, || {
        claimdesk(&[p("new"), article, p("-o"), &output, p("--force")])
    });
    assert_clean_failure(&format!("new {what}"), &new, article, words);
    assert_eq!(
        std::fs::read(&output).unwrap(),
        b"precious earlier work",
        "{what}: a failed new --force leaves the existing output alone"
    );
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        1,
        "no temp files"
    );

    let error = timed(&what, limit, || import::import_file(article)).unwrap_err();
    assert_message(&what, &error.to_string(), article, words);
    let error = timed(&what, limit, || Workspace::open(article)).unwrap_err();
    assert_message(&what, &error.to_string(), article, words);
    if let Ok(bytes) = std::fs::read(article) {
        let error =
            import::import_bytes(&bytes, article, ArticleFormat::from_path(article)).unwrap_err();
        assert_message(&what, &error.to_string(), article, words);
    }
    assert_eq!(fingerprint(article), before, "{what}: input unchanged");
}

/// Feeds a bad project through `check` and the library.
fn check_bad_project(project: &Path, words: &str) {
    let what = project.display().to_string();
    let before = fingerprint(project);
    let limit = Duration::from_secs(60);
    let out = timed(&what, limit, || claimdesk(&[p("check"), project]));
    assert_clean_failure(&format!("check {what}"), &out, project, words);
    let error = timed(&what, limit, || project_file::load(project)).unwrap_err();
    assert_message(&what, &error.to_string(), project, words);
    let error = timed(&what, limit, || Workspace::open(project)).unwrap_err();
    assert_message(&what, &error.to_string(), project, words);
    assert_eq!(fingerprint(project), before, "{what}: input unchanged");
}

#[test]
fn bad_articles_are_refused_clearly() {
    for (name, words) in [
        ("articles/empty.txt", "The article is empty"),
        ("articles/whitespace.txt", "The article is empty"),
        ("bad/only-markup.md", "The article is empty"),
        ("articles/picture.txt", "not a text article (a PNG image)"),
        ("bad/picture.md", "a PNG image"),
        (
            "articles/nul-bytes.txt",
            "binary data: a NUL byte at offset 15",
        ),
        (
            "articles/utf16-no-bom.txt",
            "UTF-16 without a byte-order mark; save it as UTF-8",
        ),
        ("bad/utf16-no-bom.md", "UTF-16 without a byte-order mark"),
        ("articles/missing.txt", "No such file"),
    ] {
        check_bad_article(&fixture(name), words);
    }
}

#[test]
fn a_100_mb_article_is_refused_quickly_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse where the file system allows: 100 MB without writing 100 MB.
    file.set_len(100 * 1024 * 1024).unwrap();
    drop(file);
    let words = format!(
        "The article is 104857600 bytes; claimdesk opens articles of up to {MAX_ARTICLE_BYTES} bytes"
    );
    timed("100 MB", Duration::from_secs(30), || {
        check_bad_article(&path, &words)
    });
    // Through the byte importer too (pasted or dropped content).
    let bytes = vec![b'a'; 100 * 1024 * 1024];
    let error = timed("100 MB bytes", Duration::from_secs(5), || {
        import::import_bytes(&bytes, Path::new("pasted"), ArticleFormat::PlainText)
    })
    .unwrap_err();
    assert_message(
        "100 MB bytes",
        &error.to_string(),
        Path::new("pasted"),
        &words,
    );
}

#[test]
fn folders_and_broken_links_are_refused_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("folder.txt");
    std::fs::create_dir(&folder).unwrap();
    check_bad_article(&folder, "it is a folder");
    let link = dir.path().join("dangling.txt");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &link).unwrap();
    check_bad_article(&link, "No such file");
}

#[test]
fn bad_projects_are_refused_clearly() {
    // The control: the valid file the `bad/` project fixtures were made
    // from (each breaks exactly one thing) loads.
    let good = fixture("bad/good-multibyte.claims.ron");
    let out = claimdesk(&[p("check"), &good]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    project_file::load(&good).unwrap();
    for (name, words) in [
        ("projects/broken-syntax.claims.ron", "line 37, column 5"),
        (
            "bad/empty.claims.ron",
            "Could not open the project: line 1, column 1",
        ),
        (
            "bad/nul-bytes.claims.ron",
            "Could not open the project: line 1, column 2",
        ),
        (
            "projects/deep-nesting.claims.ron",
            "nested more than 64 levels deep",
        ),
        (
            "projects/newer-version.claims.ron",
            "written by a newer claimdesk (format 7; this version reads up to 2)",
        ),
        (
            "projects/overlapping.claims.ron",
            "overlaps the one before it",
        ),
        (
            "projects/outside-text.claims.ron",
            "points outside the text",
        ),
        (
            "bad/splits-character.claims.ron",
            "statement 1 splits a character (0..2 is not on character boundaries)",
        ),
        ("projects/duplicate-ids.claims.ron", "repeats id"),
        ("projects/not-a-project.claims.ron", "it is not UTF-8 text"),
        (
            "bad/invalid-utf8.claims.ron",
            "it is not UTF-8 text (bad byte at offset 57)",
        ),
        (
            "bad/utf16.claims.ron",
            "it is not UTF-8 text (bad byte at offset 0)",
        ),
        (
            "bad/hash-mismatch.claims.ron",
            "does not match its recorded hash",
        ),
        ("projects/missing.claims.ron", "No such file"),
        // Without the project extension the app opens it as an article:
        // both paths say it is a folder.
        ("projects", "it is a folder"),
    ] {
        check_bad_project(&fixture(name), words);
    }
}

#[test]
fn generated_bad_projects_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    // Nesting a hundred thousand levels deep must not blow the stack (under
    // a field the loader skips, so the parser really descends).
    let deep = dir.path().join("deeper.claims.ron");
    std::fs::write(
        &deep,
        format!(
            "(format_version: 2, notes: {}{})",
            "[".repeat(100_000),
            "]".repeat(100_000)
        ),
    )
    .unwrap();
    check_bad_project(&deep, "nested more than 64 levels deep");
    let folder = dir.path().join("folder.claims.ron");
    std::fs::create_dir(&folder).unwrap();
    check_bad_project(&folder, "it is a folder, not a file");
    let link = dir.path().join("dangling.claims.ron");
    std::os::unix::fs::symlink(dir.path().join("gone.claims.ron"), &link).unwrap();
    check_bad_project(&link, "No such file");
}

/// Invalid UTF-8 in an article is not an error: it is read as
/// Windows-1252 and the reviewer is told.
#[test]
fn invalid_utf8_articles_are_read_as_windows_1252_with_a_notice() {
    for name in ["bad/latin1.txt", "articles/cafe-cp1252.txt"] {
        let article = fixture(name);
        let seg = claimdesk(&[p("segment"), &article]);
        assert!(
            seg.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&seg.stderr)
        );
        assert!(String::from_utf8_lossy(&seg.stdout).contains("af\u{e9} "));
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("p.claims.ron");
        let new = claimdesk(&[p("new"), &article, p("-o"), &out]);
        assert!(new.status.success());
        let stderr = String::from_utf8_lossy(&new.stderr);
        assert!(
            stderr.contains("not valid UTF-8 (first bad byte at offset"),
            "{stderr}"
        );
        assert!(stderr.contains("Windows-1252"), "{stderr}");
        let check = claimdesk(&[p("check"), &out]);
        assert!(check.status.success());
        let (ws, notices) = Workspace::open(&article).unwrap();
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(ws.project().article.text.contains("af\u{e9} "));
    }
}

/// Extremely long lines are accepted, not refused, and finish in bounded
/// time through segmenting, creating, checking and loading.
#[test]
fn extremely_long_lines_are_handled_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let one_line = dir.path().join("one-line.txt");
    // 8 MB with no line break and no full stop, then 4 MB of sentences on
    // one line.
    std::fs::write(&one_line, "word ".repeat(8 * 1024 * 1024 / 5)).unwrap();
    let sentences = dir.path().join("sentences.txt");
    std::fs::write(
        &sentences,
        "The mayor said no. ".repeat(4 * 1024 * 1024 / 19),
    )
    .unwrap();
    for article in [&one_line, &sentences] {
        let what = article.display().to_string();
        let before = fingerprint(article);
        let limit = Duration::from_secs(120);
        let seg = timed(&what, limit, || claimdesk(&[p("segment"), article]));
        assert!(
            seg.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&seg.stderr)
        );
        assert!(!seg.stdout.is_empty());
        let project = dir.path().join("long.claims.ron");
        let new = timed(&what, limit, || {
            claimdesk(&[p("new"), article, p("-o"), &project, p("--force")])
        });
        assert!(
            new.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&new.stderr)
        );
        let check = timed(&what, limit, || claimdesk(&[p("check"), &project]));
        assert!(
            check.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
        let loaded = timed(&what, limit, || project_file::load(&project)).unwrap();
        loaded.validate().unwrap();
        assert_eq!(
            *loaded.article.text,
            *std::fs::read_to_string(article).unwrap()
        );
        assert_eq!(fingerprint(article), before, "{what}: input unchanged");
    }
}
