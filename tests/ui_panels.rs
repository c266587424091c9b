//! The panels driven as a reviewer would (egui_kittest): themes and text
//! size, the right-click menu, splitting by clicking a word, the list's
//! verdict and follow-up marks, search highlights, the reading measure, the
//! right panel's room at 1280×800 and 800×500, and right-to-left text.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use claimdesk::app::{ClaimdeskApp, NoDialogs};
use claimdesk::edit::Edit;
use claimdesk::model::Tag;
use claimdesk::ui::action::Action;
use claimdesk::ui::theme::{self, TextSize, ThemeChoice};
use claimdesk::workspace::Workspace;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const ARABIC: &str = include_str!("fixtures/panels/arabic.txt");

fn harness_sized(ws: Workspace, size: (f32, f32)) -> Harness<'static, ClaimdeskApp> {
    let app = ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), None);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(size.0, size.1))
        .with_theme(egui::Theme::Dark)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    harness.run();
    harness
}

fn sample() -> Harness<'static, ClaimdeskApp> {
    harness_sized(Workspace::sample(), (1280.0, 800.0))
}

fn arabic() -> Harness<'static, ClaimdeskApp> {
    let article = claimdesk::import::ImportedArticle {
        title: claimdesk::import::guess_title(ARABIC, "arabic"),
        text: ARABIC.to_owned(),
        source_path: Some("arabic.txt".to_owned()),
        notices: Vec::new(),
    };
    let ws = Workspace::new(claimdesk::import::new_project(article), None);
    harness_sized(ws, (1280.0, 800.0))
}

fn index_containing(h: &Harness<'_, ClaimdeskApp>, needle: &str) -> usize {
    let project = h.state().workspace().project();
    project
        .statements
        .iter()
        .position(|s| project.text_of(s).contains(needle))
        .unwrap_or_else(|| panic!("no statement contains {needle:?}"))
}

fn select(h: &mut Harness<'_, ClaimdeskApp>, index: usize) {
    let id = h.state().workspace().project().statements[index].id;
    let ctx = h.ctx.clone();
    h.state_mut().run_actions(
        &ctx,
        vec![Action::Select(id, claimdesk::ui::view_state::Reveal::Both)],
    );
    h.run();
}

fn act(h: &mut Harness<'_, ClaimdeskApp>, actions: Vec<Action>) {
    let ctx = h.ctx.clone();
    h.state_mut().run_actions(&ctx, actions);
    h.run();
}

/// Where `needle` (the first occurrence in the article) was drawn: the
/// centre of its first rectangle.
fn drawn_at(h: &Harness<'_, ClaimdeskApp>, needle: &str) -> Pos2 {
    let text = h.state().workspace().project().article.text.clone();
    let at = text.find(needle).unwrap();
    let rects = h.state().article_cache().drawn_rects(at..at + needle.len());
    rects
        .first()
        .unwrap_or_else(|| panic!("{needle:?} is not on screen"))
        .center()
}

fn click_at(h: &mut Harness<'_, ClaimdeskApp>, pos: Pos2, button: PointerButton) {
    h.event(Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

fn copied(h: &Harness<'_, ClaimdeskApp>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn the_theme_follows_the_system_until_the_view_menu_picks_one() {
    let mut h = sample();
    assert_eq!(h.state().view.theme, ThemeChoice::System);
    assert!(
        h.ctx.global_style().visuals.dark_mode,
        "the system says dark"
    );
    assert_eq!(h.ctx.global_style().visuals.panel_fill, theme::DARK.panel);

    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    assert_eq!(h.state().view.theme, ThemeChoice::Light);
    assert!(!h.ctx.global_style().visuals.dark_mode);
    assert_eq!(h.ctx.global_style().visuals.panel_fill, theme::LIGHT.panel);
    assert_eq!(h.ctx.global_style().visuals.text_color(), theme::LIGHT.text);

    act(&mut h, vec![Action::SetTheme(ThemeChoice::Dark)]);
    assert!(h.ctx.global_style().visuals.dark_mode);
    act(&mut h, vec![Action::SetTheme(ThemeChoice::System)]);
    assert!(
        h.ctx.global_style().visuals.dark_mode,
        "back to the system's dark"
    );
}

#[test]
fn ctrl_plus_minus_and_zero_change_the_text_size() {
    let mut h = sample();
    let body =
        |h: &Harness<'_, ClaimdeskApp>| egui::TextStyle::Body.resolve(&h.ctx.global_style()).size;
    let default = body(&h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert_eq!(h.state().view.text_size, TextSize(110));
    assert!((body(&h) - default * 1.1).abs() < 0.01, "{}", body(&h));
    // Ctrl+= too (no Shift needed), then back down twice.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert_eq!(h.state().view.text_size, TextSize(120));
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        h.run();
    }
    assert_eq!(h.state().view.text_size, TextSize(80));
    assert!((body(&h) - default * 0.8).abs() < 0.01);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert_eq!(h.state().view.text_size, TextSize(80), "80 % is the floor");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().view.text_size, TextSize(100));
    assert!((body(&h) - default).abs() < 0.01);
    assert!(
        (h.ctx.zoom_factor() - 1.0).abs() < f32::EPSILON,
        "the keys change the text, not egui's zoom"
    );

    // The View menu offers the same, with the shortcut shown.
    h.get_by_label("View").click();
    h.run();
    h.get(egui_kittest::kittest::by().label_contains("Larger text"))
        .click();
    h.run();
    assert_eq!(h.state().view.text_size, TextSize(110));
}

#[test]
fn right_click_on_a_statement_tags_splits_merges_and_copies() {
    let mut h = sample();
    let index = index_containing(&h, "Hallow Park alone added");
    let total = h.state().workspace().project().statements.len();

    // Tag from the menu.
    let pos = drawn_at(&h, "alone added");
    click_at(&mut h, pos, PointerButton::Secondary);
    h.get_by_label("Tag as opinion").click();
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(project.statements[index].tag, Some(Tag::Opinion));
    assert_eq!(
        h.state().view.selected,
        Some(project.statements[index].id),
        "the right-clicked statement is selected"
    );

    // Copy a citation: number, quote, title.
    let p = drawn_at(&h, "alone added");
    click_at(&mut h, p, PointerButton::Secondary);
    h.get_by_label("Copy citation").click();
    h.step();
    let citation = copied(&h).expect("a citation on the clipboard");
    assert!(
        citation.starts_with(&format!(
            "Statement {}: “Hallow Park alone added",
            index + 1
        )),
        "{citation}"
    );
    assert!(
        citation.ends_with("— Riverton Council Approves New Tram Line After Six-Hour Debate"),
        "{citation}"
    );
    h.run();

    // Copy the text.
    let p = drawn_at(&h, "alone added");
    click_at(&mut h, p, PointerButton::Secondary);
    h.get_by_label("Copy text").click();
    h.step();
    let text = copied(&h).unwrap();
    assert!(text.starts_with("Hallow Park alone added about 8,500 residents"));
    h.run();

    // Split before the word under the pointer ("residents").
    let p = drawn_at(&h, "residents over");
    click_at(&mut h, p, PointerButton::Secondary);
    h.get_by_label("Split here").click();
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(project.statements.len(), total + 1);
    assert!(
        project
            .text_of(&project.statements[index])
            .ends_with("8,500")
    );
    assert!(
        project
            .text_of(&project.statements[index + 1])
            .starts_with("residents over")
    );

    // Merge it back.
    let p = drawn_at(&h, "alone added");
    click_at(&mut h, p, PointerButton::Secondary);
    h.get_by_label("Merge with next").click();
    h.run();
    let project = h.state().workspace().project();
    assert_eq!(project.statements.len(), total);
    assert!(
        project
            .text_of(&project.statements[index])
            .contains("8,500 residents over")
    );
}

#[test]
fn right_click_on_a_list_row_offers_the_same_menu() {
    let mut h = sample();
    let index = index_containing(&h, "Riverton's population grew");
    h.get(
        egui_kittest::kittest::by()
            .role(egui::accesskit::Role::Button)
            .label_contains("Riverton's population grew"),
    )
    .click_secondary();
    h.run();
    h.get_by_label("Tag as fact").click();
    h.run();
    assert_eq!(
        h.state().workspace().project().statements[index].tag,
        Some(Tag::Fact)
    );
}

#[test]
fn while_splitting_a_click_on_a_word_in_the_article_splits_there() {
    let mut h = sample();
    let index = index_containing(&h, "She said the line would take");
    select(&mut h, index);
    let total = h.state().workspace().project().statements.len();
    // Without the split picker a click only selects.
    let p = drawn_at(&h, "line would take");
    click_at(&mut h, p, PointerButton::Primary);
    assert_eq!(h.state().workspace().project().statements.len(), total);

    h.key_press(Key::S);
    h.run();
    assert!(h.state().view.split_picker);
    // A click in the middle of "would" splits before it.
    let at = drawn_at(&h, "would take");
    click_at(&mut h, at, PointerButton::Primary);
    let project = h.state().workspace().project();
    assert_eq!(project.statements.len(), total + 1);
    assert_eq!(
        project.text_of(&project.statements[index]),
        "She said the line"
    );
    assert!(
        project
            .text_of(&project.statements[index + 1])
            .starts_with("would take 6,000")
    );
    assert!(
        !h.state().view.split_picker,
        "the picker closes after a split"
    );

    // A click on another statement while splitting selects it instead.
    h.key_press(Key::S);
    h.run();
    let other = index_containing(&h, "Critics of the tram");
    let p = drawn_at(&h, "cost estimate");
    click_at(&mut h, p, PointerButton::Primary);
    assert_eq!(h.state().workspace().project().statements.len(), total + 1);
    assert_eq!(h.state_mut().selected_index(), Some(other));
}

#[test]
fn the_list_shows_each_statements_verdict_and_follow_up() {
    let mut h = sample();
    let index = index_containing(&h, "Riverton's population grew");
    let id = h.state().workspace().project().statements[index].id;
    let row = |h: &Harness<'_, ClaimdeskApp>| {
        h.get(
            egui_kittest::kittest::by()
                .role(egui::accesskit::Role::Button)
                .label_contains("Riverton's population grew"),
        )
        .accesskit_node()
        .label()
        .unwrap_or_default()
    };
    assert!(!row(&h).contains("Mostly true"));
    assert!(!row(&h).contains("follow-up"));
    act(
        &mut h,
        vec![
            Action::Edit(Edit::SetTag {
                id,
                tag: Some(Tag::Fact),
            }),
            Action::Edit(Edit::SetVerdict {
                id,
                verdict: Some("Mostly true".to_owned()),
            }),
            Action::Edit(Edit::SetFollowUp {
                id,
                follow_up: true,
            }),
        ],
    );
    let label = row(&h);
    assert!(label.contains("Fact"), "{label}");
    assert!(label.contains("Mostly true"), "{label}");
    assert!(label.contains("⚑ follow-up"), "{label}");
}

#[test]
fn search_matches_are_highlighted_in_the_article_and_the_list() {
    let mut h = sample();
    let visuals = h.ctx.global_style().visuals.clone();
    assert!(
        h.state()
            .article_cache()
            .drawn_search_matches(&visuals)
            .is_empty()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Search").type_text("TRAM");
    h.run();
    let text = h.state().workspace().project().article.text.clone();
    let matches = h.state().article_cache().drawn_search_matches(&visuals);
    let expected = text.to_lowercase().matches("tram").count();
    assert_eq!(matches.len(), expected, "every match on screen, any case");
    for range in &matches {
        assert!(text[range.clone()].eq_ignore_ascii_case("tram"));
    }
    let rows = h.state().list_cache().highlighted_rows().to_vec();
    let project = h.state().workspace().project();
    assert!(!rows.is_empty());
    for index in rows {
        let statement = &project.statements[index];
        assert!(
            project.text_of(statement).to_lowercase().contains("tram"),
            "row {index} is highlighted without a match"
        );
    }
}

#[test]
fn the_article_keeps_a_reading_measure_and_a_headline() {
    for width in [1280.0, 2400.0] {
        let h = harness_sized(Workspace::sample(), (width, 900.0));
        let rows = h.state().article_cache().drawn_row_chars();
        let longest = rows.iter().copied().max().unwrap();
        assert!(longest <= 92, "{width}: a row of {longest} characters");
        // Full rows (all but each paragraph's last) are not cramped either.
        let mean = rows.iter().sum::<usize>() as f32 / rows.len() as f32;
        assert!(
            mean >= 55.0,
            "{width}: rows of {mean} characters on average"
        );
        // The headline is the first paragraph, drawn larger than the body.
        let text = h.state().workspace().project().article.text.clone();
        let headline = h.state().article_cache().drawn_rects(0..8);
        let body_at = text.find("RIVERTON").unwrap();
        let body = h.state().article_cache().drawn_rects(body_at..body_at + 8);
        assert!(
            headline[0].height() > body[0].height() * 1.4,
            "headline {} vs body {}",
            headline[0].height(),
            body[0].height()
        );
    }
}

/// The labels of every field the details show for a statement with `tag`.
fn fields_for(tag: Tag) -> &'static [&'static str] {
    match tag {
        Tag::Fact => &[
            "Verdict",
            "Verdict explanation",
            "Claim as published",
            "URL",
            "Title",
            "What it shows",
            "Add evidence",
            "Private note",
            "Needs follow-up",
            "Merge with next",
        ],
        Tag::Attribution => &[
            "Who is speaking",
            "Cue",
            "Direct quote",
            "Verdict",
            "Verdict explanation",
            "Claim as published",
            "URL",
            "Title",
            "What it shows",
            "Add evidence",
            "Private note",
            "Needs follow-up",
            "Merge with next",
        ],
        Tag::Opinion => &[
            "Whose opinion",
            "Private note",
            "Needs follow-up",
            "Merge with next",
        ],
    }
}

#[test]
fn at_1280_by_800_every_field_shows_and_the_list_keeps_eight_rows_that_never_move() {
    let mut h = sample();
    let list_top = h.state().list_cache().viewport().top();
    for (index, tag) in [(1, Tag::Attribution), (2, Tag::Fact), (3, Tag::Opinion)] {
        let id = h.state().workspace().project().statements[index].id;
        act(
            &mut h,
            vec![Action::Edit(Edit::SetTag { id, tag: Some(tag) })],
        );
        select(&mut h, index);
        // Two pieces of evidence too, for the tags that take them.
        if tag != Tag::Opinion {
            for n in 0..2 {
                let evidence = claimdesk::model::Evidence {
                    url: format!("https://example.org/{n}"),
                    title: format!("Source {n}"),
                    note: String::new(),
                };
                act(
                    &mut h,
                    vec![Action::Edit(Edit::AddEvidence { id, evidence })],
                );
            }
        }
        let list = h.state().list_cache().viewport();
        assert!(
            (list.top() - list_top).abs() < 0.5,
            "{tag:?}: the list moved from {list_top} to {}",
            list.top()
        );
        assert!(
            h.state().list_cache().visible_rows() >= 8,
            "{tag:?}: {} rows",
            h.state().list_cache().visible_rows()
        );
        for label in fields_for(tag) {
            // Buttons with a shortcut say it too ("Merge with next M").
            let node = h
                .get_all(egui_kittest::kittest::by().label_contains(label))
                .next()
                .unwrap_or_else(|| panic!("{tag:?}: no {label:?}"));
            let rect = node.rect();
            assert!(
                rect.bottom() <= list.top() && rect.top() >= 0.0,
                "{tag:?}: {label} at {rect:?} is not visible above the list at {}",
                list.top()
            );
        }
    }
}

#[test]
fn a_long_statement_does_not_push_the_list_down() {
    let mut h = sample();
    let list_top = h.state().list_cache().viewport().top();
    let long = index_containing(&h, "Every tram project");
    select(&mut h, long);
    let short = index_containing(&h, "The first trams are due");
    select(&mut h, short);
    for index in [long, short, 0] {
        select(&mut h, index);
        assert!((h.state().list_cache().viewport().top() - list_top).abs() < 0.5);
    }
}

#[test]
fn at_800_by_500_the_panels_do_not_overlap() {
    let mut h = harness_sized(Workspace::sample(), (800.0, 500.0));
    select(&mut h, 1);
    let list = h.state().list_cache().viewport();
    assert!(list.height() > 0.0 && list.bottom() <= 500.0);
    assert!(h.state().list_cache().visible_rows() >= 3);
    let text = h.state().workspace().project().article.text.clone();
    let article: Vec<Rect> = h.state().article_cache().drawn_rects(0..text.len());
    assert!(!article.is_empty(), "some of the article is on screen");
    for rect in article {
        assert!(
            rect.right() <= list.left(),
            "article text at {rect:?} runs under the right panel at {}",
            list.left()
        );
    }
    // The details stay reachable: the tag buttons and the note are there.
    h.get_by_label("Fact");
    let note = h.get_by_label("Private note").rect();
    assert!(
        note.bottom() <= list.top() || note.top() >= 500.0,
        "{note:?}"
    );
}

#[test]
fn arabic_runs_are_drawn_right_to_left_and_clicks_follow_them() {
    let mut h = arabic();
    let x = |h: &Harness<'_, ClaimdeskApp>, needle: &str| drawn_at(h, needle).x;
    // "أولا 1 ثانيا 22 ثم API نهاية." reads right to left.
    let order = ["أولا", " 1 ", "ثانيا", "22", "API", "نهاية"];
    for pair in order.windows(2) {
        assert!(
            x(&h, pair[0]) > x(&h, pair[1]),
            "{:?} should be right of {:?}",
            pair[0],
            pair[1]
        );
    }
    // The paragraph is right-aligned: its first word ends at the column's
    // right edge, right of where the English paragraph's text ends.
    let english = x(&h, "The council also");
    assert!(x(&h, "أولا") > english);

    // A click on "22" selects the statement that holds it; its outline
    // covers its runs, wherever they are.
    let index = index_containing(&h, "أولا 1 ثانيا");
    let p = drawn_at(&h, "22");
    click_at(&mut h, p, PointerButton::Primary);
    assert_eq!(h.state_mut().selected_index(), Some(index));
    let statement = h.state().workspace().project().statements[index]
        .range
        .clone();
    let rects = h.state().article_cache().drawn_rects(statement);
    let covered = |needle: &str| {
        let p = drawn_at(&h, needle);
        rects.iter().any(|r| r.contains(p))
    };
    assert!(covered("أولا") && covered("22") && covered("API"));
    assert!(
        !rects.iter().any(|r| r.contains(drawn_at(&h, "قال رئيس"))),
        "the outline stops at the statement's end"
    );

    // The list row shows the same sentence in visual order.
    h.get(
        egui_kittest::kittest::by()
            .role(egui::accesskit::Role::Button)
            .label_contains("نهاية"),
    );
}
