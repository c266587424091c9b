//! The workbench driven as a reviewer would: keys, clicks and typing on the
//! real app in an egui_kittest harness, then assertions on the project.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use claimdesk::app::{ClaimdeskApp, NoDialogs, Pending};
use claimdesk::model::{StatementId, Tag};
use claimdesk::project_file;
use claimdesk::workspace::Workspace;
use egui::{Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness_for(ws: Workspace) -> Harness<'static, ClaimdeskApp> {
    let app = ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    harness.run();
    harness
}

fn sample() -> Harness<'static, ClaimdeskApp> {
    harness_for(Workspace::sample())
}

fn tags(harness: &Harness<'_, ClaimdeskApp>) -> Vec<Option<Tag>> {
    harness
        .state()
        .workspace()
        .project()
        .statements
        .iter()
        .map(|s| s.tag)
        .collect()
}

fn selected_index(harness: &mut Harness<'_, ClaimdeskApp>) -> Option<usize> {
    harness.state_mut().selected_index()
}

fn press(harness: &mut Harness<'_, ClaimdeskApp>, keys: &str) {
    for ch in keys.chars() {
        let key = Key::from_name(&ch.to_ascii_uppercase().to_string()).expect("a letter key");
        harness.key_press(key);
        harness.run();
    }
}

fn index_containing(harness: &Harness<'_, ClaimdeskApp>, needle: &str) -> usize {
    let project = harness.state().workspace().project();
    project
        .statements
        .iter()
        .position(|s| project.text_of(s).contains(needle))
        .unwrap_or_else(|| panic!("no statement contains {needle:?}"))
}

fn select(harness: &mut Harness<'_, ClaimdeskApp>, index: usize) {
    let id = harness.state().workspace().project().statements[index].id;
    harness.state_mut().view.selected = Some(id);
    harness.run();
}

#[test]
fn keys_f_a_o_tag_and_advance_j_n_x_move_and_clear() {
    let mut h = sample();
    assert_eq!(
        selected_index(&mut h),
        Some(0),
        "the first statement starts selected"
    );
    press(&mut h, "fao");
    let t = tags(&h);
    assert_eq!(
        &t[..4],
        &[
            Some(Tag::Fact),
            Some(Tag::Attribution),
            Some(Tag::Opinion),
            None
        ]
    );
    assert_eq!(
        selected_index(&mut h),
        Some(3),
        "each tag moves to the next statement"
    );

    press(&mut h, "j");
    assert_eq!(selected_index(&mut h), Some(4));
    press(&mut h, "kkkk");
    assert_eq!(selected_index(&mut h), Some(0));
    press(&mut h, "n");
    assert_eq!(
        selected_index(&mut h),
        Some(3),
        "N jumps to the first untagged after the selection"
    );

    press(&mut h, "kx");
    assert_eq!(selected_index(&mut h), Some(2), "X clears without moving");
    assert_eq!(tags(&h)[2], None);
    assert_eq!(
        h.state().workspace().undo_len(),
        4,
        "three tags and a clear: four undo steps"
    );

    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected_index(&mut h), Some(3));
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected_index(&mut h), Some(2));
}

#[test]
fn tag_buttons_and_status_bar_follow_the_project() {
    let mut h = sample();
    h.get_by_label("Fact").click();
    h.run();
    assert_eq!(tags(&h)[0], Some(Tag::Fact));
    assert_eq!(selected_index(&mut h), Some(1));
    h.get_by_label("Opinion").click();
    h.run();
    assert_eq!(tags(&h)[1], Some(Tag::Opinion));
    let total = h.state().workspace().project().statements.len();
    h.get_by_label(&format!("2 of {total} tagged"));
    h.get_by_label("Fact 1");
    h.get_by_label("Opinion 1");
    h.get_by_label(&format!("Untagged {}", total - 2));
}

#[test]
fn clicking_a_statement_in_the_article_selects_it() {
    let mut h = sample();
    let last = h.state().workspace().project().statements.len() - 1;
    let text = {
        let project = h.state().workspace().project();
        project.text_of(&project.statements[last]).to_owned()
    };
    let row_in_view = |h: &Harness<'_, ClaimdeskApp>| {
        let list = h.state().list_cache().viewport();
        h.query_all(
            egui_kittest::kittest::by()
                .role(egui::accesskit::Role::Button)
                .label_contains(&text),
        )
        // Within a pixel: row positions are fractional.
        .any(|row| list.expand(1.0).contains_rect(row.rect()))
    };
    assert!(!row_in_view(&h), "the last row starts out of view");
    // The last paragraph holds one statement; its node is labelled with its text.
    h.get_by_role_and_label(egui::accesskit::Role::Label, &text)
        .click();
    h.run();
    assert_eq!(selected_index(&mut h), Some(last));
    assert!(row_in_view(&h), "the list was scrolled to its row");
}

#[test]
fn clicking_a_row_in_the_list_selects_it() {
    let mut h = sample();
    let index = index_containing(&h, "Riverton's population grew");
    // The article paragraph contains the words too; the row is a button.
    h.get(
        egui_kittest::kittest::by()
            .role(egui::accesskit::Role::Button)
            .label_contains("Riverton's population grew"),
    )
    .click();
    h.run();
    assert_eq!(selected_index(&mut h), Some(index));
}

#[test]
fn split_merge_undo_redo_through_the_ui() {
    let mut h = sample();
    let index = index_containing(&h, "Tuesday night");
    select(&mut h, index);
    let before = h.state().workspace().project().clone();
    let original = before.text_of(&before.statements[index]).to_owned();

    press(&mut h, "s");
    h.get_by_label("Tuesday").click();
    h.run();
    let after = h.state().workspace().project().clone();
    assert_eq!(after.statements.len(), before.statements.len() + 1);
    let first = after.text_of(&after.statements[index]);
    let second = after.text_of(&after.statements[index + 1]);
    assert!(first.ends_with(" on"), "{first}");
    assert!(second.starts_with("Tuesday night"), "{second}");
    assert_eq!(format!("{first} {second}"), original);

    // Merge the halves back with M.
    select(&mut h, index);
    press(&mut h, "m");
    let merged = h.state().workspace().project();
    assert_eq!(merged.statements.len(), before.statements.len());
    assert_eq!(merged.text_of(&merged.statements[index]), original);

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace().project().statements.len(),
        before.statements.len() + 1
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace().project(),
        &before,
        "two undos restore the original"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state().workspace().project().statements.len(),
        before.statements.len() + 1
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(
        h.state().workspace().project().statements.len(),
        before.statements.len()
    );
}

#[test]
fn typing_a_note_is_one_undo_step_and_letter_keys_type_instead_of_tagging() {
    let mut h = sample();
    h.get_by_label("Private note").click();
    h.run();
    h.get_by_label("Private note")
        .type_text("Check the fao figures");
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(project.statements[0].note, "Check the fao figures");
    assert_eq!(
        project.statements[0].tag, None,
        "f/a/o typed into the note, not tags"
    );
    assert_eq!(
        h.state().workspace().undo_len(),
        1,
        "the typing is one step"
    );

    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace().project().statements[0].note, "");
    assert!(!h.state().workspace().is_dirty());
}

#[test]
fn attribution_source_is_editable_once_tagged() {
    let mut h = sample();
    let index = index_containing(&h, "She said the line");
    select(&mut h, index);
    h.get_by_label("Attribution").click();
    h.run();
    select(&mut h, index);
    h.get_by_label("Who is speaking").click();
    h.run();
    h.get_by_label("Who is speaking")
        .type_text("Mayor Ines Calder");
    h.run();
    let s = &h.state().workspace().project().statements[index];
    assert_eq!(s.tag, Some(Tag::Attribution));
    assert_eq!(s.source, "Mayor Ines Calder");
}

#[test]
fn filter_and_search_narrow_the_list() {
    let mut h = sample();
    press(&mut h, "ff");
    let total = h.state().workspace().project().statements.len();
    h.get_by_label("Untagged").click();
    h.run();
    h.get_by_label(&format!("{} shown", total - 2));
    h.get_by_label("Facts").click();
    h.run();
    h.get_by_label("2 shown");

    h.get_by_label("All").click();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    assert!(
        h.get_by_label("Search").is_focused(),
        "Ctrl+F puts the cursor in the search field"
    );
    h.get_by_label("Search").type_text("oststadt");
    h.run();
    h.get_by_label("1 shown");
    let oststadt = index_containing(&h, "Oststadt");
    // J moves within what the list shows: the only row.
    h.key_press(Key::Escape);
    h.run();
    press(&mut h, "j");
    assert_eq!(selected_index(&mut h), Some(oststadt));
}

fn request_close(h: &mut Harness<'_, ClaimdeskApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.run();
}

#[test]
fn closing_with_unsaved_changes_asks_save_discard_cancel() {
    let mut h = sample();
    request_close(&mut h);
    assert!(
        h.state().pending().is_none(),
        "nothing to lose: no question"
    );

    press(&mut h, "f");
    assert!(h.state().title().starts_with("● "), "{}", h.state().title());
    request_close(&mut h);
    assert_eq!(h.state().pending(), Some(&Pending::Close));
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().pending().is_none());
    assert!(!h.state().close_sent());
    assert_eq!(tags(&h)[0], Some(Tag::Fact), "cancel keeps the work");

    request_close(&mut h);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().close_sent());
}

#[test]
fn save_in_the_close_prompt_writes_the_project_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("riverton.claims.ron");
    let mut ws = Workspace::sample();
    ws.mark_saved(path.clone());
    let mut h = harness_for(ws);
    press(&mut h, "a");
    request_close(&mut h);
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().close_sent());
    let saved = project_file::load(&path).unwrap();
    assert_eq!(saved.statements[0].tag, Some(Tag::Attribution));
    assert_eq!(h.state().title(), "riverton.claims.ron — claimdesk");
}

#[test]
fn ctrl_s_saves_and_reopening_restores_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.claims.ron");
    let mut ws = Workspace::sample();
    ws.mark_saved(path.clone());
    let mut h = harness_for(ws);
    press(&mut h, "fao");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().workspace().is_dirty());
    let reopened = Workspace::open(&path).unwrap().0;
    assert_eq!(reopened.project(), h.state().workspace().project());
}

#[test]
fn opening_a_broken_file_shows_why_and_keeps_the_current_project() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.claims.ron");
    std::fs::write(&broken, "(format_version: 2, article: (").unwrap();
    let mut h = sample();
    press(&mut h, "f");
    let before = h.state().workspace().project().clone();
    h.state_mut().open(&broken);
    h.run();
    assert_eq!(h.state().workspace().project(), &before);
    let banner = &h.state().banners()[0];
    assert!(banner.is_error);
    assert!(banner.text.contains("line 1"), "{}", banner.text);
    assert!(
        banner.text.ends_with("broken.claims.ron"),
        "{}",
        banner.text
    );
    h.get_by_label_contains("Could not open the project");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().banners().is_empty());
}

#[test]
fn opening_another_file_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("other.txt");
    std::fs::write(&article, "Another article. It has two statements.").unwrap();
    let mut h = sample();
    press(&mut h, "f");
    let ctx = h.ctx.clone();
    h.state_mut().run_actions(
        &ctx,
        vec![claimdesk::app::Action::Open(Some(article.clone()))],
    );
    h.run();
    assert_eq!(h.state().pending(), Some(&Pending::Open(Some(article))));
    h.get_by_label("Discard").click();
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(
        project.article.title,
        "Another article. It has two statements."
    );
    assert!(
        h.state().title().contains("other.claims.ron (not saved)"),
        "{}",
        h.state().title()
    );
}

#[test]
fn help_lists_every_shortcut() {
    let mut h = sample();
    h.key_press(Key::F1);
    h.run();
    let ctx = h.ctx.clone();
    for binding in claimdesk::ui::shortcuts::BINDINGS {
        let keys = claimdesk::ui::shortcuts::text(&ctx, &binding.shortcut);
        // The keys and what they do, side by side on one row of the list.
        let descriptions: Vec<egui::Rect> = h
            .query_all_by_label(binding.description)
            .map(|n| n.rect())
            .collect();
        let listed = h.query_all_by_label(&keys).map(|n| n.rect()).any(|key| {
            descriptions
                .iter()
                .any(|d| (d.center().y - key.center().y).abs() < 3.0 && key.right() <= d.left())
        });
        assert!(
            listed,
            "the help does not list {keys}: {}",
            binding.description
        );
    }
}

#[test]
fn new_from_pasted_text_starts_a_project() {
    let mut h = sample();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    let paste_field = || {
        egui_kittest::kittest::by().predicate(|n| n.data().placeholder() == Some("Article text"))
    };
    h.get(paste_field()).click();
    h.run();
    h.get(paste_field())
        .type_text("Pasted headline\n\nFirst claim here. Second claim here.");
    h.run();
    h.get_by_label("Create project").click();
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(project.article.title, "Pasted headline");
    assert_eq!(project.statements.len(), 3);
    assert_eq!(project.statements[0].id, StatementId(1));
}

#[test]
fn a_dropped_file_opens() {
    #[derive(Debug)]
    struct Dropped(PathBuf);
    impl egui::DroppedFile for Dropped {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            std::fs::read(&self.0).map_err(|e| e.to_string())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("dropped.md");
    std::fs::write(&article, "# Dropped story\n\nA claim. Another claim.").unwrap();
    let mut h = sample();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(article)));
    h.run();
    assert_eq!(
        h.state().workspace().project().article.title,
        "Dropped story"
    );
}

fn open_saved_project(dir: &std::path::Path) -> (PathBuf, Harness<'static, ClaimdeskApp>) {
    let path = dir.join("shared.claims.ron");
    project_file::save(Workspace::sample().project(), &path).unwrap();
    let ws = Workspace::open(&path).unwrap().0;
    (path, harness_for(ws))
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_and_can_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = open_saved_project(dir.path());
    // Another reviewer tags the first statement as opinion and saves.
    let mut theirs = project_file::load(&path).unwrap();
    theirs.statements[0].tag = Some(Tag::Opinion);
    project_file::save(&theirs, &path).unwrap();

    press(&mut h, "f");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().conflict_open());
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        Some(Tag::Opinion),
        "nothing overwritten before the reviewer answers"
    );
    h.get_by_label("The project file changed on disk");
    h.get_by_label("Overwrite").click();
    h.run();
    assert!(!h.state().conflict_open());
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        Some(Tag::Fact)
    );
    assert!(!h.state().workspace().is_dirty());

    // Saving again right away is no conflict: the app wrote the file itself.
    press(&mut h, "a");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().conflict_open());
}

#[test]
fn a_conflict_can_be_resolved_by_reloading_the_other_version() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut h) = open_saved_project(dir.path());
    let mut theirs = project_file::load(&path).unwrap();
    theirs.statements[1].note = "their note".into();
    project_file::save(&theirs, &path).unwrap();

    press(&mut h, "f");
    request_close(&mut h);
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.state().conflict_open(),
        "Save in the close prompt also checks"
    );
    assert!(!h.state().close_sent());
    h.get_by_label("Reload from disk").click();
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(project.statements[1].note, "their note");
    assert_eq!(project.statements[0].tag, None);
    assert!(!h.state().close_sent(), "reloading cancels the close");
}

#[test]
fn properties_edit_metadata_and_scale_with_undo() {
    let mut h = sample();
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_actions(&ctx, vec![claimdesk::app::Action::ShowProperties]);
    h.run();
    h.get_by_label("Reviewer").click();
    h.run();
    h.get_by_label("Reviewer").type_text("Ana Ruiz");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().workspace().project().meta.reviewer, "Ana Ruiz");
    assert_eq!(
        h.state().workspace().undo_len(),
        1,
        "typing the name is one step"
    );

    h.get_by_label("Article URL").click();
    h.run();
    h.get_by_label("Article URL")
        .type_text("javascript:alert(1)");
    h.run();
    h.get_by_label_contains("only http:// and https:// links are allowed");

    h.get_by_label("Off-scale verdicts").click();
    h.run();
    h.get_by_label("Off-scale verdicts").type_text("\nSatire");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        h.state().workspace().project().scale.unrated,
        ["Unverifiable", "Satire"]
    );

    h.state_mut()
        .run_actions(&ctx, vec![claimdesk::app::Action::Undo]);
    h.run();
    assert_eq!(
        h.state().workspace().project().scale.unrated,
        ["Unverifiable"]
    );
}

#[test]
fn a_fact_gets_a_verdict_and_evidence_and_bad_urls_are_refused() {
    let mut h = sample();
    h.get_by_label("Fact").click();
    h.run();
    select(&mut h, 0);
    h.get_by_label("Verdict").click();
    h.run();
    h.get_by_label("Mostly true").click();
    h.run();
    assert_eq!(
        h.state().workspace().project().statements[0]
            .verdict
            .as_deref(),
        Some("Mostly true")
    );

    h.get_by_label("URL").click();
    h.run();
    h.get_by_label("URL").type_text("javascript:alert(1)");
    h.run();
    h.get_by_label("Add evidence").click();
    h.run();
    h.get_by_label_contains("Evidence not added");
    assert!(
        h.state().workspace().project().statements[0]
            .evidence
            .is_empty()
    );

    h.state_mut().view.evidence_draft.url = "https://riverton.example/minutes".into();
    h.state_mut().view.evidence_draft.title = "Council minutes".into();
    h.run();
    h.get_by_label("Add evidence").click();
    h.run();
    let evidence = &h.state().workspace().project().statements[0].evidence;
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].title, "Council minutes");
    h.get_by_label("Council minutes");
    h.get_by_label("Remove").click();
    h.run();
    assert!(
        h.state().workspace().project().statements[0]
            .evidence
            .is_empty()
    );
}

#[test]
fn start_opens_the_sample_first_then_the_last_project() {
    use claimdesk::app::Startup;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let first = ClaimdeskApp::start(
        Startup::LastOrSample,
        Box::new(NoDialogs::default()),
        Some(config.clone()),
    );
    assert_eq!(
        first.workspace().project().article.source_path.as_deref(),
        Some("sample-article.txt")
    );

    let path = dir.path().join("mine.claims.ron");
    let mut h = harness_for(Workspace::sample());
    press(&mut h, "f");
    let app = h.into_state();
    // Saving through the app remembers the project for next time.
    let mut app = {
        let ws = app.workspace().clone();
        drop(app);
        ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), Some(config.clone()))
    };
    assert!(app.save_to(&path));
    let second = ClaimdeskApp::start(
        Startup::LastOrSample,
        Box::new(NoDialogs::default()),
        Some(config.clone()),
    );
    assert_eq!(
        second.workspace().path(),
        Some(std::fs::canonicalize(&path).unwrap().as_path())
    );
    assert_eq!(
        second.workspace().project().statements[0].tag,
        Some(Tag::Fact)
    );

    // A path on the command line that cannot be opened: sample plus the reason.
    let bad = ClaimdeskApp::start(
        Startup::Path(dir.path().join("gone.claims.ron")),
        Box::new(NoDialogs::default()),
        Some(config),
    );
    assert!(bad.banners()[0].is_error);
    assert!(bad.banners()[0].text.contains("gone.claims.ron"));
}

#[test]
fn nothing_repaints_while_the_reviewer_does_nothing() {
    let mut app = ClaimdeskApp::new(Workspace::sample(), Box::new(NoDialogs::default()), None);
    let ctx = egui::Context::default();
    let input = |frame: u32| egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        time: Some(f64::from(frame) / 60.0),
        ..Default::default()
    };
    // Two seconds of frames: long enough for every fade-in to finish.
    let mut delay = std::time::Duration::ZERO;
    for frame in 0..120 {
        let mut output = ctx.run_ui(input(frame), |ui| app.show(ui));
        output.textures_delta.clear();
        delay = output.viewport_output[&ViewportId::ROOT].repaint_delay;
    }
    assert_eq!(
        delay,
        std::time::Duration::MAX,
        "an idle app asks for no repaint"
    );
}

fn saved_project(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("riverton.claims.ron");
    project_file::save(Workspace::sample().project(), &path).unwrap();
    path
}

fn app_with_autosave(
    path: &std::path::Path,
    data: &std::path::Path,
) -> Harness<'static, ClaimdeskApp> {
    app_with_autosave_delay(path, data, 60)
}

fn app_with_autosave_delay(
    path: &std::path::Path,
    data: &std::path::Path,
    delay_ms: u64,
) -> Harness<'static, ClaimdeskApp> {
    let ws = Workspace::open(path).unwrap().0;
    let app = ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), None)
        .with_autosave(data.to_owned(), std::time::Duration::from_millis(delay_ms));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    harness.run_steps(2);
    harness
}

/// Frames for `ms` of wall time, so the autosaver's deadlines pass.
fn wait_frames(h: &mut Harness<'_, ClaimdeskApp>, ms: u64) {
    let until = std::time::Instant::now() + std::time::Duration::from_millis(ms);
    while std::time::Instant::now() < until {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn work_left_by_a_crash_is_offered_and_restored_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let mut crashed = app_with_autosave(&path, &data);
    press(&mut crashed, "fa");
    wait_frames(&mut crashed, 400);
    // The process "dies": no save, no clean exit. (Dropping only stops the
    // writer thread; it removes nothing.)
    drop(crashed);
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        None,
        "never saved"
    );

    let mut h = app_with_autosave(&path, &data);
    let offer = h.state().recovery_offer().unwrap().to_owned();
    assert!(offer.contains("2 statements differ"), "{offer}");
    h.get_by_label("Recover unsaved work?");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(tags(&h)[..2], [Some(Tag::Fact), Some(Tag::Attribution)]);
    assert!(
        h.state().workspace().is_dirty(),
        "restored work is unsaved work"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(tags(&h)[0], None, "one undo goes back to the saved file");
}

#[test]
fn discarding_recovered_work_removes_it_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let mut crashed = app_with_autosave(&path, &data);
    press(&mut crashed, "o");
    wait_frames(&mut crashed, 400);
    drop(crashed);

    let mut h = app_with_autosave(&path, &data);
    assert!(h.state().recovery_offer().is_some());
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(tags(&h)[0], None);
    drop(h);
    let again = app_with_autosave(&path, &data);
    assert!(
        again.state().recovery_offer().is_none(),
        "nothing offered twice"
    );
}

#[test]
fn saving_and_closing_cleanly_leave_nothing_to_recover() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let mut h = app_with_autosave(&path, &data);
    press(&mut h, "f");
    wait_frames(&mut h, 300);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    wait_frames(&mut h, 100);
    drop(h);
    assert!(
        app_with_autosave(&path, &data)
            .state()
            .recovery_offer()
            .is_none()
    );
}

#[test]
fn opening_a_project_open_in_another_window_warns() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let first = app_with_autosave(&path, &data);
    let second = app_with_autosave(&path, &data);
    assert!(first.state().banners().is_empty());
    assert!(
        second
            .state()
            .banners()
            .iter()
            .any(|b| b.text.contains("already open in another claimdesk window")),
        "{:?}",
        second.state().banners()
    );
}

#[test]
fn save_automatically_writes_the_project_file_after_the_delay() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    // Long enough that the frames of one key press never reach it.
    let mut h = app_with_autosave_delay(&path, &data, 400);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Save automatically").click();
    h.run();
    assert!(h.state().save_automatically());
    h.key_press(Key::Escape);
    h.run();
    press(&mut h, "a");
    assert!(h.state().workspace().is_dirty());
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        None,
        "not at once"
    );
    wait_frames(&mut h, 700);
    assert!(!h.state().workspace().is_dirty());
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        Some(Tag::Attribution)
    );
}
