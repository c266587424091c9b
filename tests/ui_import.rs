//! Real articles in, through the window (issue 11): File > Open link… with
//! its progress window and Cancel against a local HTTP server (127.0.0.1, a
//! free port, started and stopped by each test), a failing address, rich
//! paste through the clipboard path, a PDF read off the UI thread, the
//! source kept beside the project at its first save, what reader view left
//! out, and re-import as full text.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Write;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use support::server::{Server, request_path};

use claimdesk::app::{Action, ClaimdeskApp, NoDialogs, Pending};
use claimdesk::import::SourceKind;
use claimdesk::model::Tag;
use claimdesk::ui::import::LINK_FIELD_LABEL;
use claimdesk::workspace::Workspace;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

/// The WordPress-style news page the import tests already use.
fn page() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/wordpress.html"),
    )
    .unwrap()
}

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

const TITLE: &str = "Riverton council approves protected bike lanes on Main Street";

// ---------------------------------------------------------------------------
// What the local server (tests/support/server.rs) answers.

fn serve(mut stream: TcpStream, stop: &AtomicBool) {
    let Some(path) = request_path(&mut stream) else {
        return;
    };
    match path.as_str() {
        // The page in four parts, a quarter of a second apart, so the
        // progress window has something to show.
        "/article" => {
            let body = page();
            let head = format!(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html; \
                 charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            for part in body.chunks(body.len().div_ceil(4)) {
                if stop.load(Ordering::Relaxed) || stream.write_all(part).is_err() {
                    return;
                }
                let _ = stream.flush();
                std::thread::sleep(Duration::from_millis(250));
            }
        }
        "/missing" => {
            let body = b"<h1>Not found</h1>";
            let head = format!(
                "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: text/html\r\n\
                 Content-Length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
        // Accepts the connection and never answers.
        _ => {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Driving the window

fn harness(app: ClaimdeskApp) -> Harness<'static, ClaimdeskApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.run_steps(2);
    h
}

fn sample() -> Harness<'static, ClaimdeskApp> {
    harness(ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(NoDialogs::default()),
        None,
    ))
}

fn ctrl(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

fn press(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Types where the keyboard focus is (no click first: the dialog must have
/// put it in its field).
fn type_here(h: &mut Harness<'_, ClaimdeskApp>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

fn click(h: &mut Harness<'_, ClaimdeskApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn menu(h: &mut Harness<'_, ClaimdeskApp>, item: &str) {
    click(h, "File");
    click(h, item);
}

fn toast(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.state().toast().unwrap_or_default().to_owned()
}

fn banner_texts(h: &Harness<'_, ClaimdeskApp>) -> Vec<String> {
    h.state().banners().iter().map(|b| b.text.clone()).collect()
}

/// Frames until the background import is done (at most 20 s of wall time),
/// calling `each` on every frame while it runs.
fn wait_import(h: &mut Harness<'_, ClaimdeskApp>, mut each: impl FnMut(&ClaimdeskApp)) {
    let until = Instant::now() + Duration::from_secs(20);
    while h.state().import_busy() {
        assert!(Instant::now() < until, "the import never finished");
        each(h.state());
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
}

/// Ctrl+L, the address typed into the focused field, Enter.
fn open_link(h: &mut Harness<'_, ClaimdeskApp>, url: &str) {
    ctrl(h, Key::L);
    assert!(
        h.state().view.link_dialog.is_some(),
        "Ctrl+L opened nothing"
    );
    h.get_by_label(LINK_FIELD_LABEL);
    type_here(h, url);
    // Step rather than run: a quick answer (a 404 from the local server)
    // can arrive within these frames and change the window again, which
    // `run`'s settle check takes for endless repainting.
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(
        h.state().view.link_dialog.is_none(),
        "Enter left the dialog"
    );
}

fn statement_texts(app: &ClaimdeskApp) -> Vec<String> {
    let project = app.workspace().project();
    project
        .statements
        .iter()
        .map(|s| project.article.text[s.range.clone()].trim().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------

#[test]
fn open_link_shows_progress_then_the_article_with_its_properties_and_keeps_the_source() {
    let server = Server::start(serve);
    let url = server.url("/article");
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("bike-lanes.claims.ron");
    let dialogs = NoDialogs::default();
    *dialogs.save_to.borrow_mut() = Some(saved.clone());
    let mut h = harness(ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(dialogs),
        None,
    ));

    open_link(&mut h, &url);
    assert!(h.state().import_busy());
    // The window keeps drawing: the progress window is up, with Cancel.
    h.get_by_label("Fetching the page");
    h.get_by_label("Cancel");
    let size = page().len() as u64;
    let mut partial = Vec::new();
    wait_import(&mut h, |app| {
        if let Some(progress) = app.import_progress() {
            assert_eq!(progress.origin, url);
            if progress.received > 0 && progress.received < size {
                assert_eq!(progress.total, Some(size));
                partial.push(progress.received);
            }
        }
    });
    assert!(
        !partial.is_empty(),
        "the progress never showed a partly received page"
    );

    let app = h.state();
    let project = app.workspace().project();
    assert_eq!(project.article.title, TITLE);
    assert_eq!(project.meta.byline, "Dana Whitcomb");
    assert_eq!(project.meta.published, "2026-03-03");
    assert_eq!(project.meta.publication, "The Riverton Ledger");
    assert_eq!(
        project.meta.provenance.as_ref().map(|p| p.source.as_str()),
        Some(url.as_str())
    );
    assert!(
        project.statements.len() > 10,
        "{}",
        project.statements.len()
    );
    assert!(!project.article.text.contains("Leave a Reply"));
    assert!(app.workspace().path().is_none(), "opened as unsaved");
    assert!(toast(&h).contains(&url), "{}", toast(&h));

    // The first save puts the page beside the project, and says so.
    ctrl(&mut h, Key::S);
    assert!(saved.exists());
    let sidecar = dir.path().join("bike-lanes.source.html");
    assert_eq!(std::fs::read(&sidecar).unwrap(), page());
    assert!(
        banner_texts(&h)
            .iter()
            .any(|b| b.starts_with("Kept the source as") && b.contains("bike-lanes.source.html")),
        "{:?}",
        banner_texts(&h)
    );
}

#[test]
fn cancel_gives_the_window_back_at_once_and_says_cancelled() {
    let server = Server::start(serve);
    let url = server.url("/never-answers");
    let mut h = sample();
    let before = h.state().workspace().project().clone();
    open_link(&mut h, &url);
    // Frames go on while the server says nothing.
    for _ in 0..5 {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(h.state().import_busy());
    // Keys behind the progress window do nothing.
    press(&mut h, Key::F);
    assert_eq!(h.state().workspace().project(), &before);

    let started = Instant::now();
    click(&mut h, "Cancel");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(!h.state().import_busy());
    assert!(toast(&h).contains("cancelled"), "{}", toast(&h));
    assert!(toast(&h).contains(&url), "{}", toast(&h));
    assert_eq!(h.state().workspace().project(), &before);
    // Control is back: the tag keys work again.
    press(&mut h, Key::F);
    assert_eq!(
        h.state().workspace().project().statements[0].tag,
        Some(Tag::Fact)
    );
}

#[test]
fn a_missing_page_says_why_in_one_line_naming_the_address() {
    let server = Server::start(serve);
    let url = server.url("/missing");
    let mut h = sample();
    let before = h.state().workspace().project().clone();
    open_link(&mut h, &url);
    wait_import(&mut h, |_| {});
    let banners = banner_texts(&h);
    let message = banners.last().expect("no message");
    assert!(message.contains("404"), "{message}");
    assert!(message.ends_with(&url), "{message}");
    assert!(!message.contains('\n'), "{message}");
    assert_eq!(h.state().workspace().project(), &before);
}

#[test]
fn escape_closes_the_link_field_and_an_empty_address_fetches_nothing() {
    let mut h = sample();
    ctrl(&mut h, Key::L);
    press(&mut h, Key::Enter);
    assert!(!h.state().import_busy());
    assert!(h.state().view.link_dialog.is_some());
    press(&mut h, Key::Escape);
    assert!(h.state().view.link_dialog.is_none());
    assert!(!h.state().import_busy());
}

#[test]
fn rich_paste_opens_clean_paragraphs_after_asking_about_unsaved_changes() {
    let mut h = sample();
    press(&mut h, Key::F); // an unsaved change
    let html = "<meta charset=\"utf-8\"><div class=\"entry\"><h2>Vote on the budget</h2>\
                <p>The council <b>approved</b> the budget <a href=\"/x\">on Monday</a>.</p>\
                <p>It passed&nbsp;5-2.</p><figure><img src=\"a.jpg\"></figure></div>";
    h.state_mut().run_actions(
        &egui::Context::default(),
        vec![Action::ImportClipboard {
            html: Some(html.to_owned()),
            text: Some("plain fallback".to_owned()),
        }],
    );
    h.run();
    assert!(matches!(
        h.state().pending(),
        Some(Pending::OpenImported(_))
    ));
    click(&mut h, "Discard");
    let texts = statement_texts(h.state());
    assert_eq!(
        texts,
        [
            "Vote on the budget",
            "The council approved the budget on Monday.",
            "It passed 5-2."
        ]
    );
    let kept = h.state().kept_source().unwrap();
    assert_eq!(kept.kind, SourceKind::Html);
    assert!(toast(&h).contains("clipboard"), "{}", toast(&h));
}

#[test]
fn new_from_clipboard_without_a_clipboard_falls_back_to_the_paste_dialog() {
    // Only meaningful where there is no clipboard to read (no display).
    if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some() {
        return;
    }
    let mut h = sample();
    ctrl(&mut h, Key::N);
    assert_eq!(h.state().view.paste.as_deref(), Some(""));
}

#[test]
fn a_pdf_opens_off_the_ui_thread() {
    let mut h = sample();
    let pdf = fixture_path("audit-report.pdf");
    h.state_mut().run_actions(
        &egui::Context::default(),
        vec![Action::Open(Some(pdf.clone()))],
    );
    // The action returned before the PDF was read.
    assert!(h.state().import_busy(), "the PDF was read on the UI thread");
    assert_eq!(
        h.state().import_progress().map(|p| (p.origin, p.link)),
        Some((pdf.display().to_string(), false))
    );
    wait_import(&mut h, |_| {});
    let project = h.state().workspace().project();
    let expected = std::fs::read_to_string(fixture_path("audit-report.expected.txt")).unwrap();
    let first = expected.lines().find(|l| !l.trim().is_empty()).unwrap();
    assert!(project.article.text.contains(first.trim()), "{first}");
    assert_eq!(
        project.meta.provenance.as_ref().map(|p| p.kind.as_str()),
        Some("pdf")
    );
    assert!(toast(&h).contains("audit-report.pdf"), "{}", toast(&h));
}

#[test]
fn what_was_left_out_then_reimport_as_full_text_replaces_the_text() {
    let server = Server::start(serve);
    let url = server.url("/article");
    let mut h = sample();
    // Not from a web page: both say why instead.
    h.state_mut()
        .run_actions(&egui::Context::default(), vec![Action::ShowLeftOut]);
    h.run();
    assert!(h.state().view.left_out.is_none());
    assert!(
        banner_texts(&h)
            .iter()
            .any(|b| b.contains("opened from a web page"))
    );

    open_link(&mut h, &url);
    wait_import(&mut h, |_| {});
    let reader = h.state().workspace().project().clone();
    assert_eq!(reader.article.title, TITLE);
    press(&mut h, Key::F);

    menu(&mut h, "What was left out…");
    let left_out = h.state().view.left_out.clone().expect("no left-out window");
    assert!(
        left_out.iter().any(|p| p.contains("Leave a Reply")),
        "{left_out:?}"
    );
    h.get_by_label("What was left out");
    click(&mut h, "Close");
    assert!(h.state().view.left_out.is_none());

    menu(&mut h, "Re-import as full text…");
    assert!(h.state().view.reimport_confirm);
    // Cancel keeps everything.
    click(&mut h, "Cancel");
    assert_eq!(
        h.state().workspace().project().statements[0].tag,
        Some(Tag::Fact)
    );

    menu(&mut h, "Re-import as full text…");
    click(&mut h, "Re-import");
    let app = h.state();
    let full = app.workspace().project();
    assert!(full.article.text.contains("Leave a Reply"));
    assert!(
        full.article
            .text
            .contains("The Riverton city council voted 6-3")
    );
    assert!(full.statements.len() > reader.statements.len());
    assert!(full.statements.iter().all(|s| s.tag.is_none()));
    assert_eq!(full.article.title, TITLE);
    assert_eq!(full.meta.byline, "Dana Whitcomb");
    assert!(app.workspace().is_dirty());
    assert!(toast(&h).contains("full text"), "{}", toast(&h));
}

#[test]
fn a_page_named_on_the_command_line_keeps_its_source_like_file_open() {
    let path = fixture_path("wordpress.html");
    let app = ClaimdeskApp::start(
        claimdesk::app::Startup::Path(path),
        Box::new(NoDialogs::default()),
        None,
    );
    let h = harness(app);
    let kept = h.state().kept_source().expect("the raw page is kept");
    assert_eq!(kept.kind, SourceKind::Html);
    assert_eq!(kept.raw, page());
    let project = h.state().workspace().project();
    assert_eq!(
        project.meta.provenance.as_ref().map(|p| p.kind.as_str()),
        Some("html")
    );
    assert!(
        h.state().workspace().path().is_none(),
        "a new, unsaved project"
    );
}
