//! A desk of reviewers in the window (issue 13), driven as a reviewer
//! would: Review > New copy for another reviewer… writes a blind copy;
//! Review > Compare with… shows the figures and the heat map, whose cells
//! list their statements; a file of another article is refused; and an
//! adjudication is walked from open items to a saved final project with
//! keys, undo and redo.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimdesk::agree::{self, report};
use claimdesk::app::{ClaimdeskApp, NoDialogs};
use claimdesk::model::{Article, Project, StatementId, Tag};
use claimdesk::project_file;
use claimdesk::ui::compare::{
    ADD_REVIEWER_BUTTON, ADJUDICATE_BUTTON, NAME_FIELD_LABEL, cell_label,
};
use claimdesk::workspace::Workspace;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const TEXT: &str = "The council approved the budget on Monday. \
The mayor said the roads would be fixed by May. \
Officials called the plan a triumph. \
Critics say it is far too little. \
Repairs start next week.";

/// The article's five sentences as statements, for `reviewer`.
fn blank(reviewer: &str, text: &str) -> Project {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' {
            ranges.push(start..i + 1);
            start = i + 2;
        }
    }
    let mut project = Project::new(Article::new("Roads", None, Arc::from(text)), ranges, "en");
    project.meta.reviewer = reviewer.to_owned();
    project
}

/// Ann's and Ben's work: they agree on statements 3 and 5's tags,
/// disagree on the tags of 1, 2 and 4, and on the source of 3.
fn reviewers() -> (Project, Project) {
    let mut ann = blank("Ann", TEXT);
    let mut ben = blank("Ben", TEXT);
    let tags = |p: &mut Project, tags: [Tag; 5]| {
        for (s, tag) in p.statements.iter_mut().zip(tags) {
            s.tag = Some(tag);
        }
    };
    use Tag::{Attribution as A, Fact as F, Opinion as O};
    tags(&mut ann, [F, F, A, O, F]);
    tags(&mut ben, [O, A, A, F, F]);
    ann.statements[2].source = "Officials".to_owned();
    ben.statements[2].source = "City officials".to_owned();
    ann.statements[0].note = "Minutes of 3 March".to_owned();
    (ann, ben)
}

fn harness_sized(app: ClaimdeskApp, size: egui::Vec2) -> Harness<'static, ClaimdeskApp> {
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.run_steps(2);
    h
}

/// Ann's project saved in `dir` and open; the system dialogs answer with
/// `dialogs`.
fn open_ann(dir: &Path, ann: &Project, dialogs: NoDialogs) -> Harness<'static, ClaimdeskApp> {
    let path = dir.join("roads.claims.ron");
    project_file::save(ann, &path).unwrap();
    let (ws, _) = Workspace::open(&path).unwrap();
    harness_sized(
        ClaimdeskApp::new(ws, Box::new(dialogs), None),
        egui::vec2(1280.0, 800.0),
    )
}

fn save_file(dir: &Path, name: &str, project: &Project) -> PathBuf {
    let path = dir.join(name);
    project_file::save(project, &path).unwrap();
    path
}

fn click(h: &mut Harness<'_, ClaimdeskApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn key(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn banners(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.state()
        .banners()
        .iter()
        .map(|b| b.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

fn project<'a>(h: &'a Harness<'_, ClaimdeskApp>) -> &'a Project {
    h.state().workspace().project()
}

/// Review > Compare with…, the system dialog answering `path`.
fn compare_with(h: &mut Harness<'_, ClaimdeskApp>) {
    click(h, "Review");
    click(h, "Compare with…");
}

#[test]
fn a_blind_copy_written_from_the_window_has_the_name_and_no_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, _) = reviewers();
    // No portal: claimdesk's own dialog, which shows the suggested name.
    let mut h = open_ann(dir.path(), &ann, NoDialogs::without_portal());
    click(&mut h, "Review");
    click(&mut h, "New copy for another reviewer…");
    h.get_by_label(NAME_FIELD_LABEL).type_text("Ben Okafor");
    h.run();
    key(&mut h, Key::Enter);

    let dialog = h.state().file_dialog().expect("asks where to save");
    assert_eq!(dialog.name(), "roads.ben-okafor.claims.ron");
    assert_eq!(dialog.dir(), dir.path());
    key(&mut h, Key::Enter);
    assert!(!h.state().file_dialog_open());

    let path = dir.path().join("roads.ben-okafor.claims.ron");
    let notice = banners(&h);
    assert!(notice.contains(&path.display().to_string()), "{notice}");
    let copy = project_file::load(&path).unwrap();
    assert_eq!(copy.meta.reviewer, "Ben Okafor");
    assert_eq!(copy.article.text, ann.article.text);
    assert_eq!(copy.statements.len(), ann.statements.len());
    assert!(copy.statements.iter().all(|s| s.tag.is_none()
        && s.note.is_empty()
        && s.source.is_empty()
        && s.verdict.is_none()));
    // The open project is still Ann's, annotations and all.
    assert_eq!(project(&h).meta.reviewer, "Ann");
    assert_eq!(project(&h).statements[0].tag, Some(Tag::Fact));
    assert_eq!(
        h.state().workspace().path(),
        Some(dir.path().join("roads.claims.ron").as_path())
    );
}

#[test]
fn cancelling_the_name_or_the_dialog_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, _) = reviewers();
    let mut h = open_ann(dir.path(), &ann, NoDialogs::default());
    click(&mut h, "Review");
    click(&mut h, "New copy for another reviewer…");
    key(&mut h, Key::Escape);
    assert_eq!(h.state().toast(), Some("No copy written: cancelled."));

    click(&mut h, "Review");
    click(&mut h, "New copy for another reviewer…");
    h.get_by_label(NAME_FIELD_LABEL).type_text("Ben");
    h.run();
    // The system dialog is cancelled (nothing queued).
    key(&mut h, Key::Enter);
    assert_eq!(h.state().toast(), Some("No copy written: cancelled."));
    let projects: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".claims.ron"))
        .collect();
    assert_eq!(projects, ["roads.claims.ron"], "no copy was written");
}

#[test]
fn compare_shows_the_figures_and_a_heat_map_cell_lists_its_statements() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, ben) = reviewers();
    let ben_path = save_file(dir.path(), "roads.ben.claims.ron", &ben);
    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(ben_path.clone());
    let mut h = open_ann(dir.path(), &ann, dialogs);
    compare_with(&mut h);
    assert_eq!(h.state().compared_files(), vec![ben_path.as_path()]);

    let expected =
        agree::compare(&[("Ann".to_owned(), ann.clone()), ("Ben".to_owned(), ben)]).unwrap();
    // Two of five tags agree: 40 %, and Cohen's kappa as the core has it.
    let lines = report::figure_lines(&expected);
    let percent = lines.iter().find(|l| l.key == "percent_agreement").unwrap();
    assert_eq!(percent.value, "40.0 %");
    let kappa = lines.iter().find(|l| l.key == "cohen_kappa").unwrap();
    assert_eq!(
        kappa.value,
        format!("{:.3}", expected.cohen_kappa.unwrap().value.unwrap())
    );
    for line in &lines {
        h.get_by_label(line.label);
        assert!(
            h.query_all_by_label(&line.rests_on).next().is_some(),
            "{}",
            line.rests_on
        );
    }
    h.get_by_label("40.0 %");
    h.get_by_label(&kappa.value);
    // The per-tag bars carry their values.
    for (_, figure) in &expected.per_tag {
        h.get_by_label_contains(&format!(
            "α {} ({} statements)",
            report::value_text(figure, false),
            figure.statements
        ));
    }

    // Ann said fact where Ben said opinion: statement 1 only.
    let cell = cell_label(Some(Tag::Fact), "Ann", Some(Tag::Opinion), "Ben", 1);
    click(&mut h, &cell);
    h.get_by_label("Fact by Ann, Opinion by Ben: 1 statements");
    let first = "1. The council approved the budget on Monday.";
    h.get_by_label(first);
    assert!(
        h.query_by_label("4. Critics say it is far too little.")
            .is_none()
    );
    // Facts both agree on: statement 5 only.
    let agreed = cell_label(Some(Tag::Fact), "Ann", Some(Tag::Fact), "Ben", 1);
    click(&mut h, &agreed);
    h.get_by_label("5. Repairs start next week.");
    assert!(
        h.query_by_label(first).is_none(),
        "the list is the new cell's"
    );

    // A listed statement is selected in the article.
    click(&mut h, "5. Repairs start next week.");
    assert_eq!(h.state().view.selected, Some(StatementId(5)));
}

#[test]
fn a_file_of_another_article_or_a_broken_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, _) = reviewers();
    let other = blank("Cy", "A different story. About something else.");
    let other_path = save_file(dir.path(), "other.claims.ron", &other);
    let broken = dir.path().join("broken.claims.ron");
    std::fs::write(&broken, "not a project").unwrap();

    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(other_path.clone());
    let mut h = open_ann(dir.path(), &ann, dialogs);
    compare_with(&mut h);
    let text = banners(&h);
    assert!(text.contains("different article"), "{text}");
    assert!(text.ends_with(&other_path.display().to_string()), "{text}");
    assert!(h.state().compared_files().is_empty());
    assert!(
        h.query_by_label(ADJUDICATE_BUTTON).is_none(),
        "no Compare view"
    );

    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(broken.clone());
    let mut h = open_ann(dir.path(), &ann, dialogs);
    compare_with(&mut h);
    let text = banners(&h);
    assert!(text.contains("Not compared"), "{text}");
    assert!(text.contains(&broken.display().to_string()), "{text}");
}

/// The status bar's count of settled disagreements.
fn settled(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.query_all_by_label_contains("disagreements settled")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .next()
        .unwrap_or_default()
}

/// The open item under the cursor: its first statement's number.
fn current_statement(h: &Harness<'_, ClaimdeskApp>) -> usize {
    let view = &h.state().view.compare.adjudication;
    let item = &project(h).open_items[view.current().unwrap()];
    project(h).index_of(item.ids[0]).unwrap() + 1
}

#[test]
fn an_adjudication_is_walked_with_keys_from_open_items_to_a_saved_final_project() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, ben) = reviewers();
    let ben_path = save_file(dir.path(), "roads.ben.claims.ron", &ben);
    let final_path = dir.path().join("roads.final.claims.ron");
    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(ben_path);
    *dialogs.save_to.borrow_mut() = Some(final_path.clone());
    let mut h = open_ann(dir.path(), &ann, dialogs);
    compare_with(&mut h);
    click(&mut h, ADJUDICATE_BUTTON);

    // The final project is open, unsaved, with four items to settle.
    assert!(h.state().workspace().path().is_none());
    assert!(h.state().workspace().is_dirty());
    assert!(
        banners(&h).contains("4 disagreements to settle"),
        "{}",
        banners(&h)
    );
    assert_eq!(settled(&h), "0 of 4 disagreements settled");
    assert!(project(&h).statements[0].tag.is_none());
    // The Disagreements filter lists exactly the disputed statements.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Disagreements")
        .click();
    h.run();
    h.get_by_label("4 shown");
    // Ann's note is kept, marked with her name, whoever's tag is taken.
    assert!(
        project(&h).statements[0]
            .note
            .contains("Minutes of 3 March")
    );

    // Side by side: each reviewer's tag.
    assert_eq!(current_statement(&h), 1);
    h.get_by_label("1: A Ann");
    h.get_by_label("2: B Ben");
    h.get_by_label("Take Ben's (2)");

    // 1 takes Ann's fact.
    key(&mut h, Key::Num1);
    assert_eq!(project(&h).statements[0].tag, Some(Tag::Fact));
    assert_eq!(settled(&h), "1 of 4 disagreements settled");
    // 2 takes Ben's attribution.
    assert_eq!(current_statement(&h), 2);
    key(&mut h, Key::Num2);
    assert_eq!(project(&h).statements[1].tag, Some(Tag::Attribution));
    assert_eq!(settled(&h), "2 of 4 disagreements settled");
    // B keeps both sources.
    assert_eq!(current_statement(&h), 3);
    key(&mut h, Key::B);
    assert_eq!(
        project(&h).statements[2].source,
        "Officials; City officials"
    );
    assert_eq!(
        project(&h).statements[2].tag,
        Some(Tag::Attribution),
        "agreed"
    );
    // A decides the tag anew (neither reviewer said attribution).
    assert_eq!(current_statement(&h), 4);
    key(&mut h, Key::A);
    assert_eq!(project(&h).statements[3].tag, Some(Tag::Attribution));
    assert_eq!(settled(&h), "4 of 4 disagreements settled");
    h.get_by_label("0 shown");
    h.get_by_label_contains("All settled");

    // Undo reopens the last item; redo settles it again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(settled(&h), "3 of 4 disagreements settled");
    assert_eq!(project(&h).statements[3].tag, None);
    assert!(project(&h).open_items.iter().any(|i| !i.settled));
    h.get_by_label("1 shown");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(settled(&h), "4 of 4 disagreements settled");

    // Save (as: the final project is new) and read the file back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().workspace().path(), Some(final_path.as_path()));
    let saved = project_file::load(&final_path).unwrap();
    let tags: Vec<Option<Tag>> = saved.statements.iter().map(|s| s.tag).collect();
    use Tag::{Attribution as A, Fact as F};
    assert_eq!(tags, [Some(F), Some(A), Some(A), Some(A), Some(F)]);
    assert_eq!(saved.statements[2].source, "Officials; City officials");
    assert_eq!(saved.open_items.len(), 4);
    assert!(saved.open_items.iter().all(|i| i.settled));
    assert!(agree::publish_blockers(&saved).is_empty());
}

#[test]
fn keys_outside_the_disagreements_panel_keep_their_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, ben) = reviewers();
    let ben_path = save_file(dir.path(), "roads.ben.claims.ron", &ben);
    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(ben_path);
    let mut h = open_ann(dir.path(), &ann, dialogs);
    compare_with(&mut h);
    click(&mut h, ADJUDICATE_BUTTON);
    click(&mut h, "Close");
    // Panel closed: 1 does nothing to the items, F tags as usual.
    key(&mut h, Key::Num1);
    assert_eq!(settled(&h), "0 of 4 disagreements settled");
    let selected = h.state().view.selected.unwrap();
    key(&mut h, Key::F);
    let index = project(&h).index_of(selected).unwrap();
    assert_eq!(project(&h).statements[index].tag, Some(Tag::Fact));
    assert_eq!(settled(&h), "0 of 4 disagreements settled");
    // Review > Settle disagreements opens it again, at the item of the
    // statement now selected (F moved on to statement 2).
    click(&mut h, "Review");
    click(&mut h, "Settle disagreements");
    h.get_by_label_contains("Open item 2 of 4");
    assert_eq!(current_statement(&h), 2);
}

#[test]
fn the_compare_view_fits_beside_the_claims_panel_in_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, ben) = reviewers();
    let ben_path = save_file(dir.path(), "roads.ben.claims.ron", &ben);
    let path = dir.path().join("roads.claims.ron");
    project_file::save(&ann, &path).unwrap();
    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(ben_path);
    let (ws, _) = Workspace::open(&path).unwrap();
    let mut h = harness_sized(
        ClaimdeskApp::new(ws, Box::new(dialogs), None),
        egui::vec2(800.0, 500.0),
    );
    compare_with(&mut h);
    let button = h.get_by_label(ADJUDICATE_BUTTON).rect();
    let list = h.state().list_cache().viewport();
    assert!(button.max.x <= 800.0 && button.max.y <= 500.0, "{button:?}");
    assert!(
        !button.intersects(list),
        "{button:?} overlaps the list {list:?}"
    );
}

#[test]
fn adjudicating_over_unsaved_work_asks_first_and_wrong_keys_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, ben) = reviewers();
    let ben_path = save_file(dir.path(), "roads.ben.claims.ron", &ben);
    let dialogs = NoDialogs::default();
    *dialogs.open_from.borrow_mut() = Some(ben_path);
    let mut h = open_ann(dir.path(), &ann, dialogs);
    compare_with(&mut h);
    // Ann clears her tag on statement 1: unsaved, and no longer disputed.
    assert_eq!(h.state().view.selected, Some(StatementId(1)));
    key(&mut h, Key::X);
    assert!(h.state().workspace().is_dirty());
    click(&mut h, ADJUDICATE_BUTTON);
    assert!(
        h.state().pending().is_some(),
        "asks about the unsaved changes"
    );
    assert_eq!(project(&h).meta.reviewer, "Ann", "nothing replaced yet");
    click(&mut h, "Discard");
    assert!(h.state().pending().is_none());
    assert_eq!(settled(&h), "0 of 3 disagreements settled");
    assert!(banners(&h).contains("3 disagreements to settle"));

    // Statement 2's tag: there is no reviewer C, and B does not apply.
    assert_eq!(current_statement(&h), 2);
    key(&mut h, Key::Num3);
    assert!(
        banners(&h).contains("There is no reviewer C on this item"),
        "{}",
        banners(&h)
    );
    key(&mut h, Key::B);
    assert!(
        banners(&h).contains("Keep both (B) applies to sources"),
        "{}",
        banners(&h)
    );
    assert_eq!(settled(&h), "0 of 3 disagreements settled");
    // J and K move between items without settling.
    key(&mut h, Key::J);
    assert_eq!(current_statement(&h), 3);
    key(&mut h, Key::K);
    assert_eq!(current_statement(&h), 2);
    assert_eq!(h.state().view.selected, Some(StatementId(2)));
}

/// Types `path` into claimdesk's own file dialog and confirms.
fn pick_in_app(h: &mut Harness<'_, ClaimdeskApp>, path: &Path) {
    assert!(h.state().file_dialog_open());
    h.event(egui::Event::Text(path.display().to_string()));
    h.run();
    key(h, Key::Enter);
    assert!(!h.state().file_dialog_open());
}

#[test]
fn a_third_reviewer_is_added_and_the_heat_map_offers_every_pair() {
    let dir = tempfile::tempdir().unwrap();
    let (ann, ben) = reviewers();
    let mut cy = ben.clone();
    cy.meta.reviewer = "Cy".to_owned();
    cy.statements[0].tag = Some(Tag::Fact);
    let ben_path = save_file(dir.path(), "roads.ben.claims.ron", &ben);
    let cy_path = save_file(dir.path(), "roads.cy.claims.ron", &cy);
    let mut h = open_ann(dir.path(), &ann, NoDialogs::without_portal());
    compare_with(&mut h);
    pick_in_app(&mut h, &ben_path);
    click(&mut h, ADD_REVIEWER_BUTTON);
    pick_in_app(&mut h, &cy_path);
    assert_eq!(
        h.state().compared_files(),
        vec![ben_path.as_path(), cy_path.as_path()]
    );

    let expected = agree::compare(&[
        ("Ann".to_owned(), ann),
        ("Ben".to_owned(), ben),
        ("Cy".to_owned(), cy),
    ])
    .unwrap();
    assert!(expected.cohen_kappa.is_none(), "Cohen's kappa is for two");
    let fleiss = report::value_text(&expected.fleiss_kappa, false);
    assert!(h.query_all_by_label(&fleiss).next().is_some(), "{fleiss}");
    assert!(h.query_by_label("Cohen's κ").is_none());
    // The pair picker: Ann / Ben first, then Ben against Cy.
    let picker = h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Pair");
    assert_eq!(picker.value().as_deref(), Some("Ann / Ben"));
    picker.click();
    h.run();
    click(&mut h, "Ben / Cy");
    h.get_by_label("Who tagged what: Ben (rows) against Cy (columns)");
    // Ben and Cy differ on statement 1 only: opinion against fact.
    let cell = cell_label(Some(Tag::Opinion), "Ben", Some(Tag::Fact), "Cy", 1);
    click(&mut h, &cell);
    h.get_by_label("1. The council approved the budget on Monday.");
}
