//! The window's shell driven as a reviewer would: open, save and export
//! through claimdesk's own file dialog (a machine without a portal), the
//! notices that say how each ended, Open Recent, About, Close project,
//! modals that keep shortcuts to themselves, the recovery file's life, and
//! the autosave timing the window itself asks for.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimdesk::app::{Action, ClaimdeskApp, NoDialogs, Pending, Remembered};
use claimdesk::model::Tag;
use claimdesk::project_file;
use claimdesk::recovery;
use claimdesk::ui::file_dialog::NAME_FIELD_LABEL;
use claimdesk::workspace::Workspace;
use egui::{Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

fn harness(app: ClaimdeskApp) -> Harness<'static, ClaimdeskApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.run_steps(2);
    h
}

/// The sample article on a machine with no system file dialog.
fn no_portal(ws: Workspace, config: Option<PathBuf>) -> Harness<'static, ClaimdeskApp> {
    harness(ClaimdeskApp::new(
        ws,
        Box::new(NoDialogs::without_portal()),
        config,
    ))
}

fn press(h: &mut Harness<'_, ClaimdeskApp>, keys: &str) {
    for ch in keys.chars() {
        let key = Key::from_name(&ch.to_ascii_uppercase().to_string()).unwrap();
        h.key_press(key);
        h.run();
    }
}

fn ctrl(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

/// Types `text` where the keyboard focus is (no click first: the point is
/// that the dialog put the focus in its name field).
fn type_here(h: &mut Harness<'_, ClaimdeskApp>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

fn enter(h: &mut Harness<'_, ClaimdeskApp>) {
    h.key_press(Key::Enter);
    h.run();
}

fn tags(h: &Harness<'_, ClaimdeskApp>) -> Vec<Option<Tag>> {
    h.state()
        .workspace()
        .project()
        .statements
        .iter()
        .map(|s| s.tag)
        .collect()
}

fn toast(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.state().toast().unwrap_or_default().to_owned()
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

fn saved_project(dir: &Path) -> PathBuf {
    let path = dir.join("riverton.claims.ron");
    project_file::save(Workspace::sample().project(), &path).unwrap();
    path
}

fn with_autosave(path: &Path, data: &Path, delay: Duration) -> Harness<'static, ClaimdeskApp> {
    with_autosave_config(path, data, delay, None)
}

fn with_autosave_config(
    path: &Path,
    data: &Path,
    delay: Duration,
    config: Option<PathBuf>,
) -> Harness<'static, ClaimdeskApp> {
    let ws = Workspace::open(path).unwrap().0;
    harness(
        ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), config)
            .with_autosave(data.to_owned(), delay),
    )
}

/// Frames for `ms` of wall time, so deadlines pass.
fn wait_frames(h: &mut Harness<'_, ClaimdeskApp>, ms: u64) {
    let until = Instant::now() + Duration::from_millis(ms);
    while Instant::now() < until {
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The recovery files in `data` (after waiting up to `ms` for one).
fn recovery_files(data: &Path, ms: u64) -> Vec<recovery::RecoveryEntry> {
    let until = Instant::now() + Duration::from_millis(ms);
    loop {
        let found = recovery::list(data);
        if !found.is_empty() || Instant::now() >= until {
            return found;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

// ---------------------------------------------------------------------------
// The in-app file dialog

#[test]
fn without_a_portal_ctrl_s_opens_the_in_app_dialog_and_a_typed_path_saves() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("morning.claims.ron");
    let mut h = no_portal(Workspace::sample(), None);
    press(&mut h, "f");
    ctrl(&mut h, Key::S);
    assert!(h.state().file_dialog_open(), "the fallback opened");
    let name = h.get_by_label(NAME_FIELD_LABEL);
    assert!(name.is_focused(), "the name field has the cursor");
    assert_eq!(
        name.value().as_deref(),
        Some("sample-article.claims.ron"),
        "the suggested name is offered"
    );
    // Typed over the selected suggestion, as a reviewer pasting a path would.
    type_here(&mut h, &target.display().to_string());
    enter(&mut h);
    assert!(!h.state().file_dialog_open());
    let saved = project_file::load(&target).unwrap();
    assert_eq!(saved.statements[0].tag, Some(Tag::Fact));
    assert!(!h.state().workspace().is_dirty());
    assert!(
        toast(&h).contains(&target.display().to_string()),
        "{}",
        toast(&h)
    );
    assert!(
        h.state()
            .banners()
            .iter()
            .any(|b| b.text.contains("no XDG desktop portal")),
        "the switch to the in-app dialog is explained once"
    );
}

#[test]
fn a_name_without_the_ending_gets_it_and_a_folder_typed_is_entered() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("desk");
    std::fs::create_dir(&sub).unwrap();
    let mut h = no_portal(Workspace::sample(), None);
    press(&mut h, "o");
    ctrl(&mut h, Key::S);
    type_here(&mut h, &sub.display().to_string());
    enter(&mut h);
    assert_eq!(h.state().file_dialog().unwrap().dir(), sub, "entered");
    assert!(h.state().file_dialog_open(), "a folder is not a file");
    // The name field is focused again, with the suggestion kept.
    type_here(&mut h, "story");
    enter(&mut h);
    let saved = sub.join("story.claims.ron");
    assert_eq!(
        project_file::load(&saved).unwrap().statements[0].tag,
        Some(Tag::Opinion)
    );
}

#[test]
fn the_in_app_dialog_opens_a_typed_path_or_a_clicked_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.txt");
    std::fs::write(&article, "The mayor spoke. Rates rose by 3%.\n").unwrap();
    let mut h = no_portal(Workspace::sample(), None);
    ctrl(&mut h, Key::O);
    assert!(h.state().file_dialog_open());
    type_here(&mut h, &dir.path().display().to_string());
    enter(&mut h);
    h.get_by_label("story.txt").click();
    h.run();
    assert_eq!(
        h.get_by_label(NAME_FIELD_LABEL).value().as_deref(),
        Some("story.txt")
    );
    h.get_by_label("Open").click();
    h.run();
    assert!(!h.state().file_dialog_open());
    let project = h.state().workspace().project();
    assert!(project.article.text.starts_with("The mayor spoke."));
    assert!(toast(&h).contains("story.txt"), "{}", toast(&h));
}

#[test]
fn export_through_the_in_app_dialog_adds_the_ending_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut h = no_portal(Workspace::sample(), Some(config.clone()));
    press(&mut h, "fa");
    ctrl(&mut h, Key::E);
    h.get_by_label("Markdown report").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    assert!(h.state().file_dialog_open());
    assert_eq!(
        h.get_by_label(NAME_FIELD_LABEL).value().as_deref(),
        Some("sample-article.md")
    );
    type_here(&mut h, &dir.path().join("report").display().to_string());
    enter(&mut h);
    let out = dir.path().join("report.md");
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(report.contains("Attribution"), "{report}");
    assert!(
        toast(&h).contains(&out.display().to_string()),
        "{}",
        toast(&h)
    );
    assert_eq!(
        Remembered::load(&config).last_export_format.as_deref(),
        Some("md")
    );
}

#[test]
fn export_with_a_system_dialog_writes_the_format_and_remembers_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("riverton.md");
    let dialogs = NoDialogs::default();
    *dialogs.export_to.borrow_mut() = Some(out.clone());
    let config = dir.path().join("config");
    let mut h = harness(ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(dialogs),
        Some(config.clone()),
    ));
    press(&mut h, "fa");
    ctrl(&mut h, Key::E);
    h.get_by_label("Markdown report").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(
        report.starts_with("# Riverton Council Approves New Tram Line"),
        "{report}"
    );
    assert!(toast(&h).contains("riverton.md"), "{}", toast(&h));
    let remembered = Remembered::load(&config);
    assert_eq!(remembered.last_export_format.as_deref(), Some("md"));
    assert_eq!(remembered.last_export_dir.as_deref(), Some(dir.path()));
}

#[test]
fn cancelling_open_save_or_export_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = no_portal(Workspace::sample(), None);
    press(&mut h, "f");
    ctrl(&mut h, Key::S);
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().file_dialog_open());
    assert!(toast(&h).contains("Not saved"), "{}", toast(&h));
    assert!(h.state().workspace().is_dirty());

    ctrl(&mut h, Key::E);
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(toast(&h).contains("Nothing exported"), "{}", toast(&h));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    // Open asks about the unsaved work first; Discard, then cancel the dialog.
    ctrl(&mut h, Key::O);
    h.get_by_label("Discard").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(toast(&h).contains("Nothing opened"), "{}", toast(&h));
}

#[test]
fn the_system_dialog_cancelled_says_so_too() {
    let mut h = harness(ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(NoDialogs::default()),
        None,
    ));
    press(&mut h, "f");
    ctrl(&mut h, Key::S);
    assert!(!h.state().file_dialog_open(), "the system dialog was used");
    assert!(toast(&h).contains("Not saved"), "{}", toast(&h));
}

#[test]
fn prefer_the_in_app_dialog_is_remembered_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut h = harness(ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(NoDialogs::default()),
        Some(config.clone()),
    ));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Prefer the in-app file dialog").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(Remembered::load(&config).prefer_in_app_dialog);
    ctrl(&mut h, Key::O);
    assert!(
        h.state().file_dialog_open(),
        "the system one works, but is not wanted"
    );
}

#[test]
fn the_close_prompts_save_goes_through_the_in_app_dialog_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("kept.claims.ron");
    let mut h = no_portal(Workspace::sample(), None);
    press(&mut h, "a");
    request_close(&mut h);
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().file_dialog_open());
    assert!(!h.state().close_sent(), "not before the file is written");
    assert!(
        h.query_by_label("Save changes?").is_none(),
        "one question at a time"
    );
    type_here(&mut h, &target.display().to_string());
    enter(&mut h);
    assert_eq!(
        project_file::load(&target).unwrap().statements[0].tag,
        Some(Tag::Attribution)
    );
    assert!(h.state().close_sent());
}

#[test]
fn cancelling_the_save_from_the_close_prompt_keeps_the_window_open() {
    let mut h = no_portal(Workspace::sample(), None);
    press(&mut h, "a");
    request_close(&mut h);
    h.get_by_label("Save").click();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().close_sent());
    assert!(h.state().pending().is_none());
    assert!(h.state().workspace().is_dirty());
    assert!(toast(&h).contains("Not saved"), "{}", toast(&h));
}

// ---------------------------------------------------------------------------
// Open Recent, Close project, About

#[test]
fn open_recent_lists_the_last_files_and_greys_out_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let first = dir.path().join("first.txt");
    let second = dir.path().join("second.txt");
    std::fs::write(&first, "First article. It has two.\n").unwrap();
    std::fs::write(&second, "Second article here.\n").unwrap();
    let mut h = no_portal(Workspace::sample(), Some(config.clone()));
    h.state_mut().open(&first);
    h.state_mut().open(&second);
    h.run();
    let remembered = Remembered::load(&config);
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap();
    assert_eq!(
        remembered.recent,
        vec![canonical(&second), canonical(&first)]
    );

    std::fs::remove_file(&second).unwrap();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open Recent").hover();
    h.run();
    let missing = canonical(&first)
        .with_file_name("second.txt")
        .display()
        .to_string();
    assert!(
        h.get_by_label(&missing).accesskit_node().is_disabled(),
        "greyed out"
    );
    h.get_by_label(&canonical(&first).display().to_string())
        .click();
    h.run();
    assert!(
        h.state()
            .workspace()
            .project()
            .article
            .text
            .starts_with("First article.")
    );
}

#[test]
fn close_project_asks_first_then_shows_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = no_portal(Workspace::open(&path).unwrap().0, None);
    press(&mut h, "f");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Close project").click();
    h.run();
    assert_eq!(h.state().pending(), Some(&Pending::CloseProject));
    h.get_by_label("Discard").click();
    h.run();
    assert_eq!(h.state().workspace().path(), None);
    assert_eq!(tags(&h)[0], None);
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        None,
        "discarded, not saved"
    );
}

#[test]
fn about_says_the_version_the_licence_and_where_files_live() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let mut h = with_autosave_config(&path, &data, Duration::from_secs(3), Some(config.clone()));
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About claimdesk").click();
    h.run();
    h.get_by_label(&format!("Version {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label_contains("Licence: MIT OR Apache-2.0");
    h.get_by_label(&data.display().to_string());
    h.get_by_label(&config.display().to_string());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("About claimdesk").is_none() || !h.state().modal_open());
}

// ---------------------------------------------------------------------------
// Modals keep shortcuts to themselves; recovery files live until safe

/// A project with work left by a "crashed" run in `data`.
fn crashed_run(dir: &Path, data: &Path) -> PathBuf {
    let path = saved_project(dir);
    let mut crashed = with_autosave(&path, data, Duration::from_millis(60));
    press(&mut crashed, "fao");
    wait_frames(&mut crashed, 300);
    // Dropping is not a clean exit: the recovery file stays.
    drop(crashed);
    path
}

#[test]
fn ctrl_s_and_ctrl_q_behind_the_recovery_offer_do_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = crashed_run(dir.path(), &data);
    let mut h = with_autosave(&path, &data, Duration::from_millis(60));
    assert!(h.state().recovery_offer().is_some());
    ctrl(&mut h, Key::S);
    ctrl(&mut h, Key::Q);
    press(&mut h, "x");
    wait_frames(&mut h, 200);
    assert!(!h.state().close_sent(), "the window did not close");
    assert!(h.state().recovery_offer().is_some(), "still asking");
    assert_eq!(
        recovery_files(&data, 0).len(),
        1,
        "the crashed work is kept"
    );
    assert_eq!(project_file::load(&path).unwrap().statements[0].tag, None);

    // Closing the window without answering keeps it for the next start.
    request_close(&mut h);
    let mut app = h.into_state();
    eframe::App::on_exit(&mut app, None);
    drop(app);
    assert_eq!(recovery_files(&data, 0).len(), 1);
}

#[test]
fn restored_work_keeps_its_recovery_file_until_it_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = crashed_run(dir.path(), &data);
    let mut h = with_autosave(&path, &data, Duration::from_millis(60));
    h.get_by_label("Restore").click();
    wait_frames(&mut h, 200);
    let kept = recovery_files(&data, 500);
    assert_eq!(kept.len(), 1, "restored is not yet saved");
    let kept = kept[0].project.as_ref().unwrap();
    assert_eq!(kept.statements[0].tag, Some(Tag::Fact));

    ctrl(&mut h, Key::S);
    wait_frames(&mut h, 200);
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        Some(Tag::Fact)
    );
    assert!(
        recovery::list(&data).is_empty(),
        "saved: nothing left to recover"
    );
}

#[test]
fn every_modal_keeps_the_shortcuts_to_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = no_portal(Workspace::open(&path).unwrap().0, None);
    press(&mut h, "f");

    // "Save changes?": Ctrl+S and tag keys behind it do nothing.
    request_close(&mut h);
    ctrl(&mut h, Key::S);
    press(&mut h, "a");
    assert_eq!(project_file::load(&path).unwrap().statements[0].tag, None);
    assert_eq!(tags(&h)[1], None);
    h.get_by_label("Cancel").click();
    h.run();

    // Properties: Ctrl+S, Ctrl+O do nothing.
    h.state_mut()
        .run_actions(&egui::Context::default(), vec![Action::ShowProperties]);
    h.run();
    ctrl(&mut h, Key::S);
    ctrl(&mut h, Key::O);
    assert_eq!(project_file::load(&path).unwrap().statements[0].tag, None);
    assert!(!h.state().file_dialog_open());
    h.state_mut().view.properties_open = false;
    h.run();

    // The file dialog: Ctrl+Q asks nothing, F types nothing into the project.
    h.state_mut()
        .run_actions(&egui::Context::default(), vec![Action::SaveAs]);
    h.run();
    assert!(h.state().file_dialog_open());
    ctrl(&mut h, Key::Q);
    press(&mut h, "o");
    assert!(
        h.state().pending().is_none(),
        "Ctrl+Q did not reach the shell"
    );
    assert_eq!(tags(&h)[1], None);
    h.key_press(Key::Escape);
    h.run();
    assert!(
        !h.state().file_dialog_open(),
        "Esc still reaches the dialog"
    );

    // With every modal closed, the keys work again.
    ctrl(&mut h, Key::S);
    assert_eq!(
        project_file::load(&path).unwrap().statements[0].tag,
        Some(Tag::Fact)
    );
}

// ---------------------------------------------------------------------------
// Saving that fails or meets a changed file

#[test]
fn a_failed_save_shows_why_and_keeps_the_work_and_its_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("gone");
    std::fs::create_dir(&folder).unwrap();
    let path = saved_project(&folder);
    let mut h = with_autosave(&path, &data, Duration::from_millis(60));
    press(&mut h, "f");
    wait_frames(&mut h, 200);
    std::fs::remove_dir_all(&folder).unwrap();
    ctrl(&mut h, Key::S);
    let banner = h
        .state()
        .banners()
        .iter()
        .find(|b| b.is_error)
        .unwrap()
        .clone();
    assert!(banner.text.starts_with("Not saved"), "{}", banner.text);
    assert!(h.state().workspace().is_dirty());
    assert!(h.state().title().starts_with("● "));
    wait_frames(&mut h, 100);
    let kept = recovery_files(&data, 500);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].project.as_ref().unwrap().statements[0].tag,
        Some(Tag::Fact)
    );
}

fn change_on_disk(path: &Path) {
    let mut other = project_file::load(path).unwrap();
    other.statements[2].tag = Some(Tag::Opinion);
    project_file::save(&other, path).unwrap();
}

#[test]
fn the_conflict_prompts_save_as_new_keeps_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = no_portal(Workspace::open(&path).unwrap().0, None);
    press(&mut h, "f");
    change_on_disk(&path);
    ctrl(&mut h, Key::S);
    assert!(h.state().conflict_open());
    h.get_by_label("Save as new file…").click();
    h.run();
    assert!(h.state().file_dialog_open());
    let mine = dir.path().join("mine.claims.ron");
    type_here(&mut h, &mine.display().to_string());
    enter(&mut h);
    let theirs = project_file::load(&path).unwrap();
    assert_eq!(
        theirs.statements[0].tag, None,
        "the other version is untouched"
    );
    assert_eq!(theirs.statements[2].tag, Some(Tag::Opinion));
    let kept = project_file::load(&mine).unwrap();
    assert_eq!(kept.statements[0].tag, Some(Tag::Fact));
    assert_eq!(h.state().workspace().path(), Some(mine.as_path()));
    assert!(!h.state().workspace().is_dirty());
}

#[test]
fn the_conflict_prompts_cancel_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let mut h = no_portal(Workspace::open(&path).unwrap().0, None);
    press(&mut h, "f");
    change_on_disk(&path);
    let before = std::fs::read(&path).unwrap();
    ctrl(&mut h, Key::S);
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().conflict_open());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(h.state().workspace().is_dirty());
    assert!(toast(&h).contains("Not saved"), "{}", toast(&h));
}

// ---------------------------------------------------------------------------
// Save automatically

fn turn_on_save_automatically(h: &mut Harness<'_, ClaimdeskApp>) {
    h.state_mut().run_actions(
        &egui::Context::default(),
        vec![Action::SetSaveAutomatically(true)],
    );
    h.run();
}

#[test]
fn a_failing_automatic_save_backs_off_with_one_banner_and_keeps_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("gone");
    std::fs::create_dir(&folder).unwrap();
    let path = saved_project(&folder);
    let mut h = with_autosave(&path, &data, Duration::from_millis(100));
    turn_on_save_automatically(&mut h);
    std::fs::remove_dir_all(&folder).unwrap();
    press(&mut h, "f");
    wait_frames(&mut h, 400);
    let retry = h.state().auto_save_retry_in().unwrap();
    assert!(
        retry > Duration::from_secs(2) && retry <= Duration::from_secs(3),
        "{retry:?}"
    );
    let errors = |h: &Harness<'_, ClaimdeskApp>| {
        h.state()
            .banners()
            .iter()
            .filter(|b| b.is_error)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(errors(&h).len(), 1, "one banner, not one per frame");
    assert!(
        errors(&h)[0].text.contains("failed once"),
        "{}",
        errors(&h)[0].text
    );

    // Work goes on meanwhile, and the recovery file follows it.
    press(&mut h, "a");
    wait_frames(&mut h, 3000);
    assert_eq!(errors(&h).len(), 1, "the banner updated in place");
    assert!(
        errors(&h)[0].text.contains("2 times in a row"),
        "{}",
        errors(&h)[0].text
    );
    let retry = h.state().auto_save_retry_in().unwrap();
    assert!(
        retry > Duration::from_secs(8),
        "backed off to 10 s: {retry:?}"
    );
    let kept = recovery_files(&data, 500);
    assert_eq!(
        kept[0].project.as_ref().unwrap().statements[..2]
            .iter()
            .map(|s| s.tag)
            .collect::<Vec<_>>(),
        [Some(Tag::Fact), Some(Tag::Attribution)]
    );
    assert!(h.state().workspace().is_dirty());
}

#[test]
fn an_automatic_save_never_overwrites_a_file_changed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let mut h = with_autosave(&path, &data, Duration::from_millis(100));
    turn_on_save_automatically(&mut h);
    change_on_disk(&path);
    let theirs = std::fs::read(&path).unwrap();
    press(&mut h, "f");
    wait_frames(&mut h, 500);
    assert_eq!(std::fs::read(&path).unwrap(), theirs, "not overwritten");
    assert!(h.state().auto_save_paused());
    assert!(
        h.state()
            .banners()
            .iter()
            .any(|b| b.text.contains("Automatic saving is paused"))
    );
    assert!(!h.state().conflict_open(), "no modal pops up mid-typing");
    ctrl(&mut h, Key::S);
    assert!(h.state().conflict_open(), "a save by hand asks");
}

#[test]
fn save_automatically_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut h = no_portal(Workspace::sample(), Some(config.clone()));
    assert!(!h.state().save_automatically());
    turn_on_save_automatically(&mut h);
    let again = ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(NoDialogs::default()),
        Some(config.clone()),
    );
    assert!(again.save_automatically());
    assert!(Remembered::load(&config).save_automatically);
}

// ---------------------------------------------------------------------------
// The window's own autosave scheduling

fn raw_input(frame: u32) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        time: Some(f64::from(frame) / 60.0),
        ..Default::default()
    }
}

#[test]
fn an_edit_asks_for_a_repaint_by_its_autosave_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_project(dir.path());
    let delay = Duration::from_secs(3);
    let ws = Workspace::open(&path).unwrap().0;
    let mut app = ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), None)
        .with_autosave(dir.path().join("data"), delay);
    let ctx = egui::Context::default();
    for frame in 0..3 {
        ctx.run_ui(raw_input(frame), |ui| app.show(ui))
            .textures_delta
            .clear();
    }
    let mut input = raw_input(3);
    input.events.push(egui::Event::Key {
        key: Key::F,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    let mut output = ctx.run_ui(input, |ui| app.show(ui));
    output.textures_delta.clear();
    assert_eq!(app.workspace().project().statements[0].tag, Some(Tag::Fact));
    // Let the scroll to the next statement finish (it repaints at once);
    // what is left is the autosave's own request.
    let mut asked = Duration::ZERO;
    for frame in 4..240 {
        let mut output = ctx.run_ui(raw_input(frame), |ui| app.show(ui));
        output.textures_delta.clear();
        asked = output.viewport_output[&ViewportId::ROOT].repaint_delay;
        if !asked.is_zero() {
            break;
        }
    }
    assert!(
        asked <= delay / 2 && asked > delay / 2 - Duration::from_millis(500),
        "a repaint at the hand-over deadline, not polling and not never: {asked:?}"
    );
}

#[test]
fn losing_focus_writes_the_recovery_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    // A delay no test run reaches: only the focus loss can write.
    let mut h = with_autosave(&path, &data, Duration::from_secs(600));
    press(&mut h, "f");
    assert!(recovery_files(&data, 100).is_empty(), "not due yet");
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .focused = Some(false);
    h.run();
    let kept = recovery_files(&data, 2000);
    assert_eq!(kept.len(), 1, "written on focus loss");
    assert_eq!(
        kept[0].project.as_ref().unwrap().statements[0].tag,
        Some(Tag::Fact)
    );
}

#[test]
fn logic_alone_writes_the_recovery_file_while_the_window_is_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    let ws = Workspace::open(&path).unwrap().0;
    let mut app = ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), None)
        .with_autosave(data.clone(), Duration::from_millis(60));
    let ctx = egui::Context::default();
    app.run_actions(&ctx, vec![Action::TagAndAdvance(Tag::Opinion)]);
    // No drawing pass at all, as eframe does for a minimised window.
    let until = Instant::now() + Duration::from_millis(500);
    let mut frame = 0;
    while Instant::now() < until && recovery::list(&data).is_empty() {
        let _ = ctx.run_logic(&raw_input(frame), |ctx| app.logic(ctx));
        frame += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    let kept = recovery_files(&data, 500);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].project.as_ref().unwrap().statements[0].tag,
        Some(Tag::Opinion)
    );
}

#[test]
fn on_exit_with_unsaved_work_keeps_it_and_after_discard_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_project(dir.path());
    // The system ends the session: work not yet due for autosave is written.
    let mut h = with_autosave(&path, &data, Duration::from_secs(600));
    press(&mut h, "a");
    let mut app = h.into_state();
    eframe::App::on_exit(&mut app, None);
    drop(app);
    let kept = recovery_files(&data, 0);
    assert_eq!(kept.len(), 1);
    assert_eq!(
        kept[0].project.as_ref().unwrap().statements[0].tag,
        Some(Tag::Attribution)
    );

    // The reviewer discards on close: nothing is kept.
    let mut h = with_autosave(&path, &data, Duration::from_secs(600));
    h.get_by_label("Discard").click();
    h.run();
    press(&mut h, "a");
    request_close(&mut h);
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().close_sent());
    let mut app = h.into_state();
    eframe::App::on_exit(&mut app, None);
    drop(app);
    assert!(recovery::list(&data).is_empty());
}

#[test]
fn the_view_menus_theme_and_text_size_are_remembered() {
    use claimdesk::ui::theme::{TextSize, TextSizeChange, ThemeChoice};
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut h = no_portal(Workspace::sample(), Some(config.clone()));
    h.state_mut().run_actions(
        &egui::Context::default(),
        vec![
            Action::SetTheme(ThemeChoice::Dark),
            Action::TextSize(TextSizeChange::Larger),
        ],
    );
    h.run();
    let larger = h.state().view.text_size;
    assert_ne!(larger, TextSize::default());
    let again = ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(NoDialogs::default()),
        Some(config),
    );
    assert_eq!(again.view.theme, ThemeChoice::Dark);
    assert_eq!(again.view.text_size, larger);
}
