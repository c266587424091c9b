//! File > Update article… and the review panel, driven as a reviewer would
//! (issue 12): update from a file (the system dialog, or claimdesk's own
//! where there is no portal) or pasted text, review the edited sentence
//! (Enter confirms, Backspace orphans), re-attach or discard the orphan,
//! and undo the whole update in one step. A large project updates in the
//! background behind a progress line.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimdesk::app::{Action, ClaimdeskApp, NoDialogs};
use claimdesk::model::{Project, ReviewMark, StatementId, Tag, UpdateStatus};
use claimdesk::ui::update_review::{
    ATTACH_TO_STATEMENT, ATTACH_TO_TEXT, EXCERPT_LABEL, LINK_LABEL, NEW_BADGE, PASTE_LABEL,
};
use claimdesk::workspace::Workspace;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use support::server::Server;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ui_update")
        .join(name)
}

fn harness(app: ClaimdeskApp) -> Harness<'static, ClaimdeskApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.run_steps(2);
    h
}

/// The first version as a project, with the reviewer's work on the two
/// sentences the second version changes: the figure (edited) and the
/// critics' sentence (deleted, so orphaned).
fn first_version() -> Project {
    let (ws, _) = Workspace::open(&fixture("v1.txt")).unwrap();
    let mut project = ws.project().clone();
    let figure = &mut project.statements[1];
    figure.tag = Some(Tag::Fact);
    figure.note = "Budget papers say 4.2 million.".to_owned();
    let critics = &mut project.statements[3];
    critics.tag = Some(Tag::Opinion);
    critics.note = "Who are the critics?".to_owned();
    project
}

/// An app over the first version whose system open dialog answers `pick`.
fn app_with(pick: Option<PathBuf>) -> Harness<'static, ClaimdeskApp> {
    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = pick;
    harness(ClaimdeskApp::new(
        Workspace::new(first_version(), None),
        Box::new(dialogs),
        None,
    ))
}

fn click(h: &mut Harness<'_, ClaimdeskApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn key(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// File > Update article… > From a file…
fn update_from_file(h: &mut Harness<'_, ClaimdeskApp>) {
    click(h, "File");
    click(h, "Update article…");
    click(h, "From a file…");
}

fn project<'a>(h: &'a Harness<'_, ClaimdeskApp>) -> &'a Project {
    h.state().workspace().project()
}

fn review_of(h: &Harness<'_, ClaimdeskApp>, id: u64) -> Option<ReviewMark> {
    let p = project(h);
    let index = p.index_of(StatementId(id)).unwrap();
    p.statements[index].review.clone()
}

/// What the status bar says is left to review (its link), if anything.
fn status_left(h: &Harness<'_, ClaimdeskApp>) -> Option<String> {
    h.query_all_by_role(egui::accesskit::Role::Link)
        .filter_map(|node| node.accesskit_node().label())
        .find(|label| label.ends_with("left to review"))
}

fn last_banner(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.state()
        .banners()
        .last()
        .map(|b| b.text.clone())
        .unwrap_or_default()
}

#[test]
fn update_from_a_file_lists_the_edited_sentence_and_enter_confirms_it() {
    let mut h = app_with(Some(fixture("v2.txt")));
    update_from_file(&mut h);

    let notice = last_banner(&h);
    for count in ["1 edited", "1 orphaned", "1 new", "0 ambiguous"] {
        assert!(notice.contains(count), "{notice}");
    }
    assert!(project(&h).article.text.contains("4.7 million"));
    assert!(matches!(
        review_of(&h, 2),
        Some(ReviewMark::NeedsConfirm {
            status: UpdateStatus::Edited,
            ..
        })
    ));
    // The panel shows the edited sentence, old and new, and the orphan.
    h.get_by_label("Review the update");
    h.get_by_label("Statement 2: edited");
    h.get_by_label("The council approved a budget of 4.2 million for road repairs on Monday.");
    h.get_by_label_contains("Orphan: Critics called the plan");
    assert_eq!(status_left(&h).as_deref(), Some("2 left to review"));
    assert_eq!(
        h.state().view.selected,
        Some(StatementId(2)),
        "the first item to review is selected"
    );

    key(&mut h, Key::Enter);
    assert_eq!(review_of(&h, 2), None, "confirmed: the mark is gone");
    let figure = &project(&h).statements[1];
    assert_eq!(figure.tag, Some(Tag::Fact), "the annotations stay");
    assert_eq!(figure.note, "Budget papers say 4.2 million.");
    assert_eq!(status_left(&h).as_deref(), Some("1 left to review"));
    // Each decision is its own step: the update, then the confirmation.
    assert_eq!(h.state().workspace().undo_len(), 2);
}

#[test]
fn backspace_orphans_the_placement_with_its_annotations() {
    let mut h = app_with(Some(fixture("v2.txt")));
    update_from_file(&mut h);
    let text = project(&h).article.text.clone();

    key(&mut h, Key::Backspace);
    let p = project(&h);
    assert!(p.index_of(StatementId(2)).is_none(), "no longer placed");
    let orphan = p
        .orphans
        .iter()
        .find(|o| o.statement.id == StatementId(2))
        .unwrap();
    assert_eq!(orphan.statement.note, "Budget papers say 4.2 million.");
    assert!(orphan.quote.contains("4.2 million"), "{}", orphan.quote);
    // The sentence it covered is still a statement (new, untagged).
    let figure = text.find("The council approved").unwrap();
    assert!(
        p.statements
            .iter()
            .any(|s| s.range.start == figure && s.tag.is_none())
    );
    assert_eq!(p.orphans.len(), 2);
    assert_eq!(status_left(&h).as_deref(), Some("2 left to review"));
}

#[test]
fn an_orphan_is_discarded_only_after_asking() {
    let mut h = app_with(Some(fixture("v2.txt")));
    update_from_file(&mut h);
    // J moves to the orphan (the second item).
    key(&mut h, Key::J);
    h.get_by_label("Orphaned: not found in this version");
    h.get_by_label_contains("Who are the critics?");

    click(&mut h, "Discard…");
    h.get_by_label("Discard this orphaned statement?");
    assert!(h.state().modal_open(), "the question is modal");
    click(&mut h, "Keep");
    assert_eq!(project(&h).orphans.len(), 1, "kept");

    click(&mut h, "Discard…");
    click(&mut h, "Discard");
    assert!(project(&h).orphans.is_empty());
    assert_eq!(status_left(&h).as_deref(), Some("1 left to review"));

    // Undo brings it back, and only it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h).orphans.len(), 1);
    assert_eq!(status_left(&h).as_deref(), Some("2 left to review"));
}

#[test]
fn the_orphan_goes_back_on_the_selected_statement() {
    let mut h = app_with(Some(fixture("v2.txt")));
    update_from_file(&mut h);
    let p = project(&h);
    let added = p
        .statements
        .iter()
        .find(|s| s.review == Some(ReviewMark::NewInVersion))
        .unwrap();
    let (added_id, added_range) = (added.id, added.range.clone());
    assert!(p.text_of(added).starts_with("Update, 3 Nov"));
    // The list marks it as new.
    let badge = format!(" {NEW_BADGE} ");
    assert!(h.get_all_by_label_contains(&badge).any(|row| {
        row.accesskit_node()
            .label()
            .is_some_and(|l| l.contains("Update, 3 Nov"))
    }));

    key(&mut h, Key::J);
    h.state_mut().run_actions(
        &egui::Context::default(),
        vec![Action::Select(added_id, claimdesk::app::Reveal::Both)],
    );
    h.run();
    click(&mut h, ATTACH_TO_STATEMENT);
    let p = project(&h);
    assert!(p.orphans.is_empty());
    let index = p.index_of(StatementId(4)).unwrap();
    let critics = &p.statements[index];
    assert_eq!(critics.range, added_range, "it took the statement's span");
    assert_eq!(critics.note, "Who are the critics?");
    assert!(p.index_of(added_id).is_none(), "the empty new one gave way");
    p.validate().unwrap();
}

#[test]
fn the_orphan_goes_back_on_text_selected_in_the_excerpt() {
    let mut h = app_with(Some(fixture("v2.txt")));
    update_from_file(&mut h);
    let p = project(&h);
    let added = p
        .statements
        .iter()
        .find(|s| s.review == Some(ReviewMark::NewInVersion))
        .unwrap();
    let added_id = added.id;
    let start = p.article.text.find("the wrong figure").unwrap();
    let picked = start..start + "the wrong figure".len();
    key(&mut h, Key::J);
    let ctx = h.ctx.clone();
    h.state_mut().run_actions(
        &ctx,
        vec![Action::Select(added_id, claimdesk::app::Reveal::Both)],
    );
    h.run();
    // Nothing picked yet: the button waits for a selection.
    assert!(
        h.get_by_label(ATTACH_TO_TEXT)
            .accesskit_node()
            .is_disabled()
    );
    // Select "the wrong figure" in the excerpt: click into it, then
    // shift+arrows from the end of the line.
    h.get_by_label(EXCERPT_LABEL).click();
    h.run();
    h.key_press(Key::End);
    h.run();
    h.key_press(Key::ArrowLeft);
    h.run();
    for _ in 0.." for the budget".len() {
        h.key_press(Key::ArrowLeft);
    }
    h.run();
    for _ in 0.."the wrong figure".len() {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    }
    h.run();
    assert_eq!(h.state().view.update.picked, Some(picked.clone()));
    click(&mut h, ATTACH_TO_TEXT);

    let p = project(&h);
    assert!(p.orphans.is_empty(), "{}", last_banner(&h));
    let critics = &p.statements[p.index_of(StatementId(4)).unwrap()];
    assert_eq!(critics.range, picked);
    assert_eq!(critics.note, "Who are the critics?");
    // The rest of the new statement stays, around it.
    assert!(
        p.statements
            .iter()
            .any(|s| p.text_of(s).starts_with("Update, 3 Nov"))
    );
    p.validate().unwrap();
    assert_eq!(status_left(&h).as_deref(), Some("1 left to review"));
}

#[test]
fn the_whole_update_undoes_in_one_step() {
    let mut h = app_with(Some(fixture("v2.txt")));
    let before = project(&h).clone();
    update_from_file(&mut h);
    assert_ne!(project(&h), &before);
    assert_eq!(project(&h).versions.len(), 2, "original and new version");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(project(&h), &before, "text, statements, notes: all back");
    assert!(!h.state().workspace().is_dirty());
    assert_eq!(status_left(&h), None);

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert!(project(&h).article.text.contains("4.7 million"));
    assert_eq!(status_left(&h).as_deref(), Some("2 left to review"));
}

#[test]
fn without_a_portal_the_in_app_dialog_picks_the_new_version() {
    let mut h = harness(ClaimdeskApp::new(
        Workspace::new(first_version(), None),
        Box::new(NoDialogs::without_portal()),
        None,
    ));
    update_from_file(&mut h);
    assert!(h.state().file_dialog_open());
    h.get_by_label("Update article from");
    h.event(egui::Event::Text(fixture("v2.txt").display().to_string()));
    h.run();
    key(&mut h, Key::Enter);
    assert!(!h.state().file_dialog_open());
    assert!(project(&h).article.text.contains("4.7 million"));
    assert!(last_banner(&h).contains("v2.txt"), "{}", last_banner(&h));
}

#[test]
fn cancelling_the_file_or_a_bad_file_changes_nothing_and_says_so() {
    let mut h = app_with(None);
    // Taken from the app, not made again: a second import of the article
    // could carry a later retrieval time.
    let before = project(&h).clone();
    update_from_file(&mut h);
    assert_eq!(project(&h), &before);
    assert!(
        h.state().toast().unwrap_or_default().contains("cancelled"),
        "{:?}",
        h.state().toast()
    );

    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let mut h = app_with(Some(empty.clone()));
    let before = project(&h).clone();
    update_from_file(&mut h);
    assert_eq!(project(&h), &before);
    let banner = last_banner(&h);
    assert!(banner.starts_with("Article not updated"), "{banner}");
    assert!(banner.contains("empty.txt"), "{banner}");
    assert!(!h.state().workspace().can_undo());
}

#[test]
fn update_from_pasted_text() {
    let mut h = app_with(None);
    click(&mut h, "File");
    click(&mut h, "Update article…");
    let v2 = std::fs::read_to_string(fixture("v2.txt")).unwrap();
    h.get_by_label(PASTE_LABEL).click();
    h.run();
    h.event(egui::Event::Paste(v2));
    h.run();
    click(&mut h, "Update from pasted text");
    assert!(!h.state().modal_open(), "the dialog closed");
    assert!(project(&h).article.text.contains("4.7 million"));
    assert!(last_banner(&h).contains("pasted text"));
    let version = project(&h).versions.last().unwrap().clone();
    assert_eq!(version.source, None, "pasted text has no source path");
    assert_eq!(version.counts.edited, 1);
}

#[test]
fn a_large_project_updates_in_the_background_behind_a_progress_line() {
    let old = claimdesk::testing::project(claimdesk::app::BACKGROUND_FROM + 100, 5);
    let tagged = old.statements.iter().filter(|s| s.tag.is_some()).count();
    // A changed first word and an added paragraph.
    let new_text = format!("Updated {}\n\nA late addition.", &old.article.text);
    let mut h = harness(ClaimdeskApp::new(
        Workspace::new(old, None),
        Box::new(NoDialogs::default()),
        None,
    ));
    let ctx = h.ctx.clone();
    // Suggestions for a large project run on their own worker; this test is
    // about the update's, so they are switched off.
    h.state_mut()
        .run_actions(&ctx, vec![Action::SetShowSuggestions(false)]);
    h.state_mut()
        .run_actions(&ctx, vec![Action::UpdateFromText(new_text.clone())]);
    // A new modal's first frame only measures it.
    h.run_steps(3);
    assert!(h.state().update_running());
    h.get_by_label_contains("Updating the article from pasted text");
    assert!(h.state().modal_open(), "no edits while it runs");

    let until = Instant::now() + Duration::from_secs(120);
    // The updated project is large, so tag suggestions are then worked out
    // on their own worker too: wait for both before settling.
    while h.state().update_running() && Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    // The next frames notice the new text and start the suggestion worker.
    for _ in 0..3 {
        h.step();
    }
    while h.state().view.suggest.computing && Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    // The list scrolls smoothly to the first statement to review in a large
    // project: let it finish rather than demand a settled frame at once.
    h.run_steps(60);
    assert!(!h.state().update_running());
    let p = project(&h);
    assert_eq!(&*p.article.text, new_text.as_str());
    let still_tagged = p.statements.iter().filter(|s| s.tag.is_some()).count()
        + p.orphans
            .iter()
            .filter(|o| o.statement.tag.is_some())
            .count();
    assert_eq!(still_tagged, tagged, "no annotation lost");
    assert!(last_banner(&h).starts_with("Article updated"));
    assert_eq!(h.state().workspace().undo_len(), 1);
}

#[test]
fn cancel_leaves_the_project_as_it_was() {
    let old = claimdesk::testing::project(claimdesk::app::BACKGROUND_FROM + 100, 6);
    let before = old.clone();
    let new_text = format!("{}\n\nOne more.", &old.article.text);
    let mut h = harness(ClaimdeskApp::new(
        Workspace::new(old, None),
        Box::new(NoDialogs::default()),
        None,
    ));
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_actions(&ctx, vec![Action::UpdateFromText(new_text)]);
    h.run_steps(3);
    assert!(h.state().update_running());
    h.get_by_label("Cancel").click();
    h.step();
    assert!(!h.state().update_running());
    // Whatever the abandoned thread still does, nothing reaches the project.
    std::thread::sleep(Duration::from_millis(300));
    h.run();
    assert_eq!(project(&h), &before);
    assert!(h.state().toast().unwrap_or_default().contains("cancelled"));
}

/// Answers every request with the second version as plain text.
fn serve_v2(mut stream: std::net::TcpStream, _: &std::sync::atomic::AtomicBool) {
    use std::io::Write as _;
    // Whatever it asks for, and even if its head is cut short.
    let _ = support::server::request_path(&mut stream);
    let body = std::fs::read(fixture("v2.txt")).unwrap();
    let head = format!(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain; \
         charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

#[test]
fn the_article_updates_from_a_link_in_the_background() {
    let server = Server::start(serve_v2);
    let url = server.url("/story-v2");
    let expected = claimdesk::import::import_file(&fixture("v2.txt")).unwrap();
    let mut h = app_with(None);
    click(&mut h, "File");
    click(&mut h, "Update article…");
    h.get_by_label(LINK_LABEL).click();
    h.run();
    h.get_by_label(LINK_LABEL).type_text(&url);
    h.run();
    // The fetch starts a spinner that keeps repainting: step, not run.
    h.get_by_label("Update from link").click();
    h.run_steps(3);
    // The fetch runs off the UI thread: wait for it, frame by frame.
    let until = Instant::now() + Duration::from_secs(30);
    while h.state().update_running() && Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(5);
    assert!(!h.state().update_running());
    let p = project(&h);
    assert_eq!(&*p.article.text, expected.text.as_str());
    let last = p.versions.last().unwrap();
    assert_eq!(last.source.as_deref(), Some(url.as_str()));
    // The reviewer's work is all still there: placed or orphaned.
    let notes: Vec<&str> = p
        .statements
        .iter()
        .map(|s| s.note.as_str())
        .chain(p.orphans.iter().map(|o| o.statement.note.as_str()))
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(last_banner(&h).starts_with("Article updated"));
    assert_eq!(h.state().workspace().undo_len(), 1);
}

#[test]
fn a_link_that_fails_says_so_and_changes_nothing() {
    let mut h = app_with(None);
    let before = project(&h).clone();
    let ctx = h.ctx.clone();
    // Nothing listens on port 9 of this machine's loopback (discard).
    h.state_mut().run_actions(
        &ctx,
        vec![Action::UpdateFromLink("http://127.0.0.1:9/gone".to_owned())],
    );
    let until = Instant::now() + Duration::from_secs(30);
    while h.state().update_running() && Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(3);
    assert_eq!(project(&h), &before);
    let banner = last_banner(&h);
    assert!(banner.contains("127.0.0.1:9"), "{banner}");
}
