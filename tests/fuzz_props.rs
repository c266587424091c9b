//! Fuzzing on stable Rust: proptest drives the code that reads untrusted
//! input (the project loader, the article importers, the segmenter and the
//! recovery-file reader) with arbitrary bytes and strings and with
//! structure-aware mutations of valid files. Nothing may panic, and what is
//! accepted must be consistent (a loaded project validates and round-trips;
//! segment ranges keep their contract).
//!
//! cargo-fuzz needs a nightly toolchain; proptest gives the same kind of
//! search (random inputs, shrinking to a minimal failing case) on stable.
//!
//! - `PROPTEST_CASES` sets cases per batch (default 256, so `cargo test`
//!   stays fast).
//! - `FUZZ_SECONDS` keeps running fresh batches until that many seconds
//!   have passed, for long fuzzing runs; each target prints
//!   `fuzz <target>: N executions in B batches in S s` to stderr (see with
//!   `--nocapture`).
//! - `FUZZ_SEED` picks the run's seed (printed by every target; a plain
//!   `cargo test` uses a fixed one): the same seed replays the same inputs.
//!
//! A long run, reproducible from the repository (about 10 minutes a
//! target, release build with overflow checks):
//!
//! ```sh
//! tests/fuzz.sh 600        # FUZZ_SECONDS=600, FUZZ_SEED from the clock
//! ```
//!
//! A failure writes its shrunk minimal input to
//! `tests/fixtures/fuzz-regressions/<target>/`; raw inputs kept there
//! (`*.bin` for the loader and importers) are replayed by every
//! `cargo test` ([`replay_regressions`]), and failures found by hand are
//! also kept at the end of this file as ordinary regression tests.

// Helpers outside #[test] fns are test code too: a failed unwrap is a
// failed test, which clippy's allow-*-in-tests settings do not see.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::cell::Cell;
use std::fmt::Debug;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimdesk::import::{self, ArticleFormat};
use claimdesk::model::{Article, Project, Statement, StatementId, Tag};
use claimdesk::project_file;
use claimdesk::recovery;
use claimdesk::segment::{self, Language};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seed of batch `batch` of a run whose first seed is `base`.
fn batch_seed(base: u64, batch: u64) -> [u8; 32] {
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&base.to_le_bytes());
    seed[8..16].copy_from_slice(&batch.to_le_bytes());
    seed
}

/// Where a failing input is kept, so the next `cargo test` replays it (see
/// [`replay_regressions`]).
fn regression_dir(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz-regressions")
        .join(name)
}

/// Runs `test` on values of `strategy`: one batch of `PROPTEST_CASES`, or
/// batches until `FUZZ_SECONDS` have passed. Every batch has a printed
/// seed: `FUZZ_SEED=<n>` replays a run exactly (the same batches in the
/// same order). On the first failure or panic it writes the shrunk minimal
/// input to `tests/fixtures/fuzz-regressions/<name>/<seed>.txt` (its Debug
/// form, plus the raw bytes where the input is bytes) and fails with the
/// seed and that file's name.
fn fuzz<S>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // A fixed seed by default, so a plain `cargo test` is reproducible;
    // long runs pass FUZZ_SEED (the script uses the clock) to explore.
    let base: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00c1_a1a5);
    eprintln!("fuzz {name}: FUZZ_SEED={base}");
    let budget = Duration::from_secs(seconds);
    let start = Instant::now();
    let executions = Cell::new(0u64);
    let mut batch = 0u64;
    loop {
        // Config::default reads PROPTEST_CASES. No persistence file: kept
        // failures live in tests/fixtures/fuzz-regressions instead.
        let rng = proptest::test_runner::TestRng::from_seed(
            proptest::test_runner::RngAlgorithm::ChaCha,
            &batch_seed(base, batch),
        );
        let mut runner = TestRunner::new_with_rng(
            Config {
                failure_persistence: None,
                ..Config::default()
            },
            rng,
        );
        let result = runner.run(&strategy, |value| {
            executions.set(executions.get() + 1);
            test(value)
        });
        if let Err(failure) = result {
            let dir = regression_dir(name);
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{base}-{batch}.txt"));
            let _ = std::fs::write(&file, format!("{failure:#?}\n"));
            panic!(
                "fuzz {name}: {failure}\nreplay: FUZZ_SEED={base} (batch {batch}); \
                 minimal input kept in {}",
                file.display()
            );
        }
        batch += 1;
        if start.elapsed() >= budget {
            break;
        }
    }
    eprintln!(
        "fuzz {name}: {} executions in {batch} batches in {:.1} s, 0 failures (FUZZ_SEED={base})",
        executions.get(),
        start.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------- inputs

/// Pieces that make up RON and project files, so random concatenations hit
/// the parser's interesting paths far more often than random Unicode does.
fn ron_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("format_version: 2".to_owned()),
        Just("format_version: 1".to_owned()),
        Just("article: ".to_owned()),
        Just("statements: ".to_owned()),
        Just("next_id: ".to_owned()),
        Just("text: ".to_owned()),
        Just("text_hash: ".to_owned()),
        Just("Some(".to_owned()),
        Just("None".to_owned()),
        Just("Fact".to_owned()),
        Just("r#\"".to_owned()),
        Just("\"#".to_owned()),
        Just("/*".to_owned()),
        Just("*/".to_owned()),
        Just("//".to_owned()),
        Just("\n".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-1".to_owned()),
        Just("1e999".to_owned()),
        Just("'\\u{D800}'".to_owned()),
        "[a-z_]{1,8}",
        "[0-9]{1,20}",
        any::<char>().prop_map(String::from),
    ]
}

/// How a valid file gets damaged.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flip one bit of the byte at this (wrapped) position.
    FlipBit(usize, u8),
    /// Insert a byte.
    Insert(usize, u8),
    /// Delete up to this many bytes.
    Delete(usize, usize),
    /// Replace the n-th (wrapped) number in the file.
    Number(usize, u64),
    /// Copy a slice of the file somewhere else.
    Duplicate(usize, usize, usize),
    /// Cut the file off.
    Truncate(usize),
    /// Swap two lines.
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop_oneof![
        0u64..300,
        Just(u64::MAX),
        Just(u64::MAX - 1),
        Just(u64::from(u32::MAX)),
        Just(usize::MAX as u64 / 2),
        any::<u64>(),
    ];
    // Number changes get past the parser to validation (spans, ids,
    // versions), so they are drawn most often.
    prop_oneof![
        1 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::FlipBit(at, bit)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        1 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        5 => (any::<usize>(), interesting).prop_map(|(n, v)| Mutation::Number(n, v)),
        1 => (any::<usize>(), 1usize..200, any::<usize>())
            .prop_map(|(from, n, to)| Mutation::Duplicate(from, n, to)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn mutate(source: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = source.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len();
        let wrap = |at: usize| if len == 0 { 0 } else { at % len };
        match *m {
            Mutation::FlipBit(at, bit) if len > 0 => bytes[wrap(at)] ^= 1 << bit,
            Mutation::Insert(at, b) => bytes.insert(if len == 0 { 0 } else { at % (len + 1) }, b),
            Mutation::Delete(at, n) if len > 0 => {
                let at = wrap(at);
                bytes.drain(at..(at + n).min(len));
            }
            Mutation::Number(n, value) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let numbers: Vec<(usize, usize)> = digit_runs(&text);
                if !numbers.is_empty() {
                    let (start, end) = numbers[n % numbers.len()];
                    let mut out = text[..start].to_owned();
                    out.push_str(&value.to_string());
                    out.push_str(&text[end..]);
                    bytes = out.into_bytes();
                }
            }
            Mutation::Duplicate(from, n, to) if len > 0 => {
                let from = wrap(from);
                let piece = bytes[from..(from + n).min(len)].to_vec();
                let to = to % (len + 1);
                bytes.splice(to..to, piece);
            }
            Mutation::Truncate(at) => bytes.truncate(if len == 0 { 0 } else { at % (len + 1) }),
            Mutation::SwapLines(a, b) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let n = lines.len();
                lines.swap(a % n, b % n);
                bytes = lines.join("\n").into_bytes();
            }
            _ => {}
        }
    }
    bytes
}

fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, text.len()));
    }
    runs
}

/// A small valid project with multi-byte text, made through the library.
fn multibyte_project() -> Project {
    let text = "Zürich said “yes”. 東京は晴れ。\nNaïve café — done!\n";
    let spans = ["Zürich said “yes”.", "東京は晴れ。", "Naïve café — done!"];
    let ranges = spans
        .iter()
        .map(|s| {
            let start = text.find(s).unwrap();
            start..start + s.len()
        })
        .collect();
    let mut project = Project::new(Article::new("Z", None, Arc::from(text)), ranges, "en");
    project.statements[0].tag = Some(Tag::Attribution);
    project.statements[0].note = "note with \"quotes\"\nand a line".into();
    project
}

fn valid_files() -> Vec<String> {
    vec![
        fixture("projects/tagged.claims.ron"),
        fixture("projects/untagged.claims.ron"),
        project_file::to_string(&multibyte_project()).unwrap(),
    ]
}

/// A project built directly, with arbitrary (possibly invalid) spans.
fn arbitrary_project() -> impl Strategy<Value = Project> {
    let text = prop::collection::vec(
        prop_oneof![
            Just("a".to_owned()),
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("é".to_owned()),
            Just("東".to_owned()),
            Just("🦀".to_owned()),
            Just(".".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("\r".to_owned()),
            any::<char>().prop_map(String::from),
        ],
        0..40,
    )
    .prop_map(|pieces| pieces.concat());
    let spans = prop::collection::vec((0usize..80, 0usize..80, 0u64..12), 0..6);
    (text, spans, 0u64..14).prop_map(|(text, spans, next_id)| {
        let mut project = Project::new(Article::new("t", None, Arc::from(text)), Vec::new(), "en");
        project.statements = spans
            .into_iter()
            .map(|(start, end, id)| Statement::new(StatementId(id), start..end))
            .collect();
        project.next_id = next_id;
        project
    })
}

/// What the loader gets.
#[derive(Debug, Clone)]
enum LoaderInput {
    Text(String),
    Bytes(Vec<u8>),
    Pieces(Vec<String>),
    Mutated(usize, Vec<Mutation>),
    Built(Box<Project>),
}

fn loader_input() -> impl Strategy<Value = LoaderInput> {
    prop_oneof![
        1 => any::<String>().prop_map(LoaderInput::Text),
        1 => prop::collection::vec(any::<u8>(), 0..256).prop_map(LoaderInput::Bytes),
        2 => prop::collection::vec(ron_piece(), 0..60).prop_map(LoaderInput::Pieces),
        4 => (0usize..3, prop::collection::vec(mutation(), 1..4))
            .prop_map(|(base, m)| LoaderInput::Mutated(base, m)),
        2 => arbitrary_project().prop_map(|p| LoaderInput::Built(Box::new(p))),
    ]
}

/// The loader's contract on any input: no panic; an accepted project
/// validates, and saving and loading it again gives it back.
fn check_loader(source: &str) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz.claims.ron");
    match project_file::from_str(source, path) {
        Ok(project) => {
            prop_assert_eq!(project.validate(), Ok(()));
            let again = project_file::to_string(&project)
                .map_err(|e| TestCaseError::fail(format!("re-serialising: {e}")))?;
            let back = project_file::from_str(&again, path)
                .map_err(|e| TestCaseError::fail(format!("reloading: {e}")))?;
            prop_assert_eq!(back, project);
        }
        Err(error) => {
            let message = error.to_string();
            prop_assert!(
                message.ends_with("fuzz.claims.ron"),
                "path last: {}",
                message
            );
        }
    }
    Ok(())
}

/// The loader on raw bytes, through the same path a file on disk takes
/// (UTF-8 check included): no panic, and the contract of [`check_loader`].
fn check_loader_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz.claims.ron");
    match project_file::from_bytes(bytes, path) {
        Ok(project) => {
            prop_assert_eq!(project.validate(), Ok(()));
            let text = std::str::from_utf8(bytes)
                .map_err(|_| TestCaseError::fail("accepted bytes that are not UTF-8"))?;
            check_loader(text)
        }
        Err(error) => {
            let message = error.to_string();
            prop_assert!(
                message.ends_with("fuzz.claims.ron"),
                "path last: {}",
                message
            );
            Ok(())
        }
    }
}

fn run_loader(input: LoaderInput, files: &[String]) -> Result<(), TestCaseError> {
    match input {
        LoaderInput::Text(text) => check_loader(&text),
        LoaderInput::Bytes(bytes) => check_loader_bytes(&bytes),
        LoaderInput::Pieces(pieces) => check_loader(&pieces.concat()),
        LoaderInput::Mutated(base, mutations) => {
            check_loader_bytes(&mutate(&files[base], &mutations))
        }
        LoaderInput::Built(project) => {
            let text = project_file::to_string(&project)
                .map_err(|e| TestCaseError::fail(format!("serialising: {e}")))?;
            let loaded = project_file::from_str(&text, Path::new("fuzz.claims.ron"));
            match project.validate() {
                Ok(()) => prop_assert_eq!(loaded.ok(), Some(*project)),
                Err(_) => prop_assert!(loaded.is_err(), "an invalid project was accepted"),
            }
            Ok(())
        }
    }
}

#[test]
fn fuzz_project_loader() {
    let files = valid_files();
    for file in &files {
        check_loader(file).unwrap();
        assert!(project_file::from_str(file, Path::new("x")).is_ok());
    }
    fuzz("project_loader", loader_input(), |input| {
        run_loader(input, &files)
    });
}

// ------------------------------------------------------------- importers

/// Byte strings that start like the formats decode special-cases.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        Just(Vec::new()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xFE\xFF".to_vec()),
        Just(b"\x89PNG\r\n\x1a\n".to_vec()),
        Just(b"%PDF-".to_vec()),
        Just(b"{\\rtf".to_vec()),
    ];
    let body = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        any::<String>().prop_map(String::into_bytes),
        prop::collection::vec(
            prop_oneof![
                Just(b"\r\n".to_vec()),
                Just(b"\r".to_vec()),
                Just(b"\n".to_vec()),
                Just(b"\0".to_vec()),
                Just(b"\x93".to_vec()),
                Just(b"\xC3".to_vec()),
                Just(b" ".to_vec()),
                Just(b"Word.".to_vec()),
                Just("é".as_bytes().to_vec()),
            ],
            0..60
        )
        .prop_map(|v| v.concat()),
        // UTF-16 without a BOM.
        "[a-z .]{0,40}".prop_map(|s| s.encode_utf16().flat_map(u16::to_le_bytes).collect()),
    ];
    (prefix, body).prop_map(|(p, b)| [p, b].concat())
}

fn markdown_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_owned()),
        Just("## ".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("> ".to_owned()),
        Just("```".to_owned()),
        Just("    ".to_owned()),
        Just("*".to_owned()),
        Just("_".to_owned()),
        Just("`".to_owned()),
        Just("[".to_owned()),
        Just("](".to_owned()),
        Just(")".to_owned()),
        Just("<div>".to_owned()),
        Just("</div>".to_owned()),
        Just("|".to_owned()),
        Just("---".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("  \n".to_owned()),
        Just("\\".to_owned()),
        Just("&amp;".to_owned()),
        Just("Text.".to_owned()),
        "[a-zé ]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        prop::collection::vec(piece, 0..80).prop_map(|v| v.concat()),
        any::<String>(),
        // Deep nesting: quotes and lists thousands of levels deep.
        (1usize..3000, 0usize..3).prop_map(|(n, kind)| match kind {
            0 => format!("{}deep", "> ".repeat(n)),
            1 => (0..n.min(400))
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect(),
            _ => format!("{}x{}", "[".repeat(n), "](u)".repeat(n)),
        }),
    ]
}

#[derive(Debug, Clone)]
enum ImportInput {
    Decode(Vec<u8>),
    Markdown(String),
    Bytes(Vec<u8>, bool),
}

fn import_input() -> impl Strategy<Value = ImportInput> {
    prop_oneof![
        article_bytes().prop_map(ImportInput::Decode),
        markdown_text().prop_map(ImportInput::Markdown),
        (
            prop_oneof![
                article_bytes(),
                markdown_text().prop_map(String::into_bytes)
            ],
            any::<bool>()
        )
            .prop_map(|(b, md)| ImportInput::Bytes(b, md)),
    ]
}

fn run_import(input: ImportInput) -> Result<(), TestCaseError> {
    match input {
        ImportInput::Decode(bytes) => {
            if let Ok(decoded) = import::decode(&bytes) {
                prop_assert!(
                    !decoded.text.contains('\r'),
                    "CR left in {:?}",
                    decoded.text
                );
                prop_assert!(!decoded.text.trim().is_empty());
            }
        }
        ImportInput::Markdown(markdown) => {
            let text = import::markdown_to_text(&markdown);
            prop_assert_eq!(text.trim_end(), text.as_str());
        }
        ImportInput::Bytes(bytes, markdown) => {
            let format = if markdown {
                ArticleFormat::Markdown
            } else {
                ArticleFormat::PlainText
            };
            match import::import_bytes(&bytes, Path::new("fuzz.txt"), format) {
                Ok(article) => {
                    prop_assert!(!article.text.trim().is_empty());
                    // What import accepts must make a valid project.
                    let project = import::new_project(article);
                    prop_assert_eq!(project.validate(), Ok(()));
                }
                Err(error) => {
                    let message = error.to_string();
                    prop_assert!(message.ends_with("fuzz.txt"), "path last: {}", message);
                }
            }
        }
    }
    Ok(())
}

#[test]
fn fuzz_article_importers() {
    fuzz("article_importers", import_input(), run_import);
}

// ------------------------------------------------------------- segmenter

fn segment_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(". ".to_owned()),
        Just(".".to_owned()),
        Just("!".to_owned()),
        Just("?".to_owned()),
        Just("…".to_owned()),
        Just("...".to_owned()),
        Just("Mr.".to_owned()),
        Just("U.S.".to_owned()),
        Just("e.g.".to_owned()),
        Just("3.5".to_owned()),
        Just("10:30 a.m.".to_owned()),
        Just("\"".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("'".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("1. ".to_owned()),
        Just("- ".to_owned()),
        Just("• ".to_owned()),
        Just("。".to_owned()),
        Just("؟".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\t".to_owned()),
        Just(" ".to_owned()),
        Just("The".to_owned()),
        Just("said".to_owned()),
        Just("é".to_owned()),
        Just("\u{301}".to_owned()),
        "[A-Za-z]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        3 => prop::collection::vec(piece, 0..120).prop_map(|v| v.concat()),
        1 => any::<String>(),
        // Long runs: one long line, many empty lines, many terminators.
        1 => (1usize..20_000, 0usize..4).prop_map(|(n, kind)| match kind {
            0 => "word ".repeat(n),
            1 => "\n".repeat(n),
            2 => ".".repeat(n),
            _ => "A. ".repeat(n),
        }),
    ]
}

/// The segmenter's output contract, as `Project::validate` needs it.
fn check_segments(text: &str, language: Language) -> Result<(), TestCaseError> {
    let ranges = segment::segment(text, language);
    let mut previous_end = 0;
    for r in &ranges {
        prop_assert!(r.start < r.end, "empty range {:?}", r);
        prop_assert!(
            r.start >= previous_end,
            "{:?} overlaps or is out of order",
            r
        );
        prop_assert!(r.end <= text.len(), "{:?} past the end", r);
        prop_assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{:?} splits a character",
            r
        );
        previous_end = r.end;
    }
    let project = Project::new(Article::new("t", None, Arc::from(text)), ranges, "en");
    prop_assert_eq!(project.validate(), Ok(()));
    Ok(())
}

#[test]
fn fuzz_segmenter() {
    fuzz(
        "segmenter",
        (segment_text(), any::<bool>()),
        |(text, english)| {
            let language = if english {
                Language::English
            } else {
                Language::Generic
            };
            check_segments(&text, language)
        },
    );
}

// --------------------------------------------------------- recovery files

fn recovery_file() -> String {
    let snapshot = recovery::Snapshot {
        project: multibyte_project(),
        project_path: Some("/tmp/x.claims.ron".into()),
        taken: std::time::SystemTime::UNIX_EPOCH,
    };
    recovery::to_string(&snapshot, Path::new("r")).unwrap()
}

#[test]
fn fuzz_recovery_reader() {
    let valid = recovery_file();
    let (header, project) = recovery::from_str(&valid, Path::new("r"));
    assert!(header.is_ok() && project.is_some_and(|p| p.is_ok()));
    let input = prop_oneof![
        any::<String>().prop_map(|s| (s, Vec::new())),
        prop::collection::vec(ron_piece(), 0..40).prop_map(|p| (p.concat(), Vec::new())),
        prop::collection::vec(mutation(), 1..6).prop_map(|m| (String::new(), m)),
    ];
    fuzz("recovery_reader", input, |(text, mutations)| {
        let source = if mutations.is_empty() {
            text
        } else {
            String::from_utf8_lossy(&mutate(&valid, &mutations)).into_owned()
        };
        let (header, project) = recovery::from_str(&source, Path::new("fuzz.recovery.ron"));
        prop_assert!(header.is_ok() || project.is_none());
        if let Some(Ok(project)) = project {
            prop_assert_eq!(project.validate(), Ok(()));
        }
        Ok(())
    });
}

// ------------------------------------------------------------ regressions

/// Replays every raw input kept under `tests/fixtures/fuzz-regressions`:
/// `project_loader/*.bin` through the loader, `importers/*.bin` through the
/// article importer. (The `.txt` files the harness writes hold the Debug
/// form of a failing input, for a person to turn into a `.bin` or a test.)
#[test]
fn replay_regressions() {
    let mut replayed = 0;
    for (target, run) in [
        (
            "project_loader",
            (|b: &[u8]| check_loader_bytes(b)) as fn(&[u8]) -> Result<(), TestCaseError>,
        ),
        ("importers", |b: &[u8]| {
            let _ = import::import_bytes(b, Path::new("fuzz.txt"), ArticleFormat::PlainText);
            let _ = import::import_bytes(b, Path::new("fuzz.md"), ArticleFormat::Markdown);
            Ok(())
        }),
    ] {
        let Ok(entries) = std::fs::read_dir(regression_dir(target)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "bin") {
                let bytes = std::fs::read(&path).unwrap();
                run(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                replayed += 1;
            }
        }
    }
    assert!(replayed >= 2, "the kept inputs are replayed ({replayed})");
}
//
// Crashes found by long runs go here as #[test]s with their minimal input.
// None so far: the first long runs (Nov 2026, 10+ minutes per target, some
// 26 million executions in all, release build with overflow checks) found
// no panic and no broken contract.
