//! Tag suggestions in the window (issue 14), driven as a reviewer would:
//! the ghost badge in the list and the details panel with its reasons, the
//! cue underlined in the article, Enter or the suggested key accepting,
//! another key overriding, the held-out share showing nothing, the View
//! toggle (remembered), accept-all as one undo step after asking, and the
//! tagging guide.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use claimdesk::app::{ClaimdeskApp, NoDialogs, Remembered};
use claimdesk::model::{Article, Project, StatementId, Tag};
use claimdesk::segment::{self, Language};
use claimdesk::suggest::{Confidence, ReasonKind, Suggestion, held_out, suggest_project};
use claimdesk::workspace::Workspace;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn harness_with(ws: Workspace, config: Option<PathBuf>) -> Harness<'static, ClaimdeskApp> {
    let app = ClaimdeskApp::new(ws, Box::new(NoDialogs::default()), config);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.run();
    h
}

fn harness(ws: Workspace) -> Harness<'static, ClaimdeskApp> {
    harness_with(ws, None)
}

/// Thirty short reported statements: every one suggested as an
/// attribution, and (at about 1 in 10) a few of them held out.
fn reported_speech() -> Workspace {
    let names = [
        "Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun",
    ];
    let mut text = String::new();
    for round in 0..3 {
        for name in names {
            text.push_str(&format!(
                "Councillor {name} said the ferry contract was delayed again in round {round}. "
            ));
        }
    }
    let text: Arc<str> = Arc::from(text.trim_end());
    let ranges = segment::segment(&text, Language::English);
    let project = Project::new(Article::new("Ferry", None, text), ranges, "en");
    Workspace::new(project, None)
}

fn suggestions(h: &Harness<'_, ClaimdeskApp>) -> Vec<Option<Suggestion>> {
    suggest_project(h.state().workspace().project())
}

/// The first statement (index, id, suggestion) that shows a suggestion
/// with the reason `kind` and the tag `tag`.
fn first_shown(
    h: &Harness<'_, ClaimdeskApp>,
    tag: Tag,
    kind: ReasonKind,
) -> (usize, StatementId, Suggestion) {
    let project = h.state().workspace().project();
    project
        .statements
        .iter()
        .zip(suggestions(h))
        .enumerate()
        .find_map(|(index, (statement, suggestion))| {
            let suggestion = suggestion?;
            (statement.tag.is_none()
                && !held_out(statement.id)
                && suggestion.tag == tag
                && suggestion.reasons.iter().any(|r| r.kind == kind))
            .then_some((index, statement.id, suggestion))
        })
        .expect("a statement with such a suggestion")
}

fn select(h: &mut Harness<'_, ClaimdeskApp>, index: usize) {
    let id = h.state().workspace().project().statements[index].id;
    h.state_mut().view.selected = Some(id);
    h.state_mut().view.reveal_in_list = Some(id);
    h.state_mut().view.reveal_in_article = Some(id);
    h.run();
}

fn press(h: &mut Harness<'_, ClaimdeskApp>, key: Key) {
    h.key_press(key);
    h.run();
}

fn labels_containing(h: &Harness<'_, ClaimdeskApp>, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

#[test]
fn an_untagged_statement_shows_a_ghost_badge_with_reasons_and_underlined_cues() {
    let mut h = harness(Workspace::sample());
    let (index, id, suggestion) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    let project = h.state().workspace().project();
    let statement = &project.statements[index];
    // Never pre-filled.
    assert_eq!(statement.tag, None);
    assert_eq!(statement.id, id);

    let ghost = format!("attribution? {}", suggestion.confidence.label());
    // In the details panel, with a frame of its own, and in the list row.
    assert!(h.query_by_label(&ghost).is_some(), "no ghost badge {ghost}");
    assert!(
        h.query_all_by_label_contains(&ghost).count() >= 2,
        "the list row shows the ghost badge too"
    );
    // The reasons by name and cue.
    let verb = suggestion
        .reasons
        .iter()
        .find(|r| r.kind == ReasonKind::ReportingVerb)
        .unwrap();
    let reason = format!("reporting verb: {}", verb.cue);
    assert!(
        labels_containing(&h, &reason) >= 1,
        "the reasons are listed: {reason}"
    );
    // The cue is underlined in the article (as drawn this frame).
    assert!(
        h.state().view.suggest.underlined.contains(&verb.range),
        "{:?} not among {:?}",
        verb.range,
        h.state().view.suggest.underlined
    );
    // A tagged statement shows no ghost badge.
    let tagged = ghost.clone();
    press(&mut h, Key::Enter);
    select(&mut h, index);
    assert!(h.query_by_label(&tagged).is_none());
}

#[test]
fn enter_accepts_and_records_the_reasons_then_moves_on() {
    let mut h = harness(Workspace::sample());
    let (index, id, suggestion) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    press(&mut h, Key::Enter);
    let project = h.state().workspace().project();
    let statement = project.statement(id).unwrap();
    assert_eq!(statement.tag, Some(Tag::Attribution));
    let accepted = statement.accepted.clone().expect("recorded as accepted");
    assert_eq!(accepted, suggestion.accepted());
    assert!(accepted.reasons.contains(&ReasonKind::ReportingVerb));
    // Tag, then go to the next statement, as the tag keys do.
    assert_eq!(h.state_mut().selected_index(), Some(index + 1));
    // One undo step.
    assert_eq!(h.state().workspace().undo_len(), 1);
}

#[test]
fn the_suggested_tags_own_key_accepts_and_another_key_overrides() {
    let mut h = harness(Workspace::sample());
    let (index, id, _) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    press(&mut h, Key::A);
    let accepted = h.state().workspace().project().statement(id).unwrap();
    assert_eq!(accepted.tag, Some(Tag::Attribution));
    assert!(accepted.accepted.is_some(), "A is the suggested tag's key");

    // Another statement suggested as an attribution, tagged F instead.
    let (index, id, _) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    press(&mut h, Key::F);
    let overridden = h.state().workspace().project().statement(id).unwrap();
    assert_eq!(overridden.tag, Some(Tag::Fact));
    assert_eq!(overridden.accepted, None, "the reviewer's own call");
    assert_eq!(h.state_mut().selected_index(), Some(index + 1));

    // Re-tagging an accepted statement by key clears the record.
    let first = h
        .state()
        .workspace()
        .project()
        .index_of(accepted_id(&h))
        .unwrap();
    select(&mut h, first);
    press(&mut h, Key::O);
    let project = h.state().workspace().project();
    assert_eq!(project.statements[first].tag, Some(Tag::Opinion));
    assert_eq!(project.statements[first].accepted, None);
}

fn accepted_id(h: &Harness<'_, ClaimdeskApp>) -> StatementId {
    h.state()
        .workspace()
        .project()
        .statements
        .iter()
        .find(|s| s.accepted.is_some())
        .unwrap()
        .id
}

#[test]
fn held_out_statements_show_no_badge_and_enter_does_not_accept() {
    let mut h = harness(reported_speech());
    let project = h.state().workspace().project().clone();
    let all = suggest_project(&project);
    assert!(
        all.iter()
            .all(|s| s.as_ref().is_some_and(|s| s.tag == Tag::Attribution)),
        "every statement of the fixture is suggested"
    );
    let held: Vec<usize> = (0..project.statements.len())
        .filter(|&i| held_out(project.statements[i].id))
        .collect();
    assert!(!held.is_empty() && held.len() < project.statements.len() / 3);
    let shown = (0..project.statements.len())
        .find(|i| !held.contains(i))
        .unwrap();

    select(&mut h, shown);
    let ghost = "attribution? high";
    assert!(
        h.query_by_label(ghost).is_some(),
        "a shown one has its badge"
    );

    let index = held[0];
    select(&mut h, index);
    assert!(
        h.query_by_label(ghost).is_none(),
        "no badge in the details panel of a held-out statement"
    );
    let range = project.statements[index].range.clone();
    assert!(
        h.state()
            .view
            .suggest
            .underlined
            .iter()
            .all(|r| r.end <= range.start || r.start >= range.end),
        "no cue underlined in a held-out statement"
    );
    press(&mut h, Key::Enter);
    assert_eq!(h.state().workspace().project().statements[index].tag, None);
    assert_eq!(
        h.state().toast(),
        Some("No tag suggestion is shown for this statement.")
    );
    // Its own tag key is an own call (nothing was shown to accept).
    press(&mut h, Key::A);
    let statement = &h.state().workspace().project().statements[index];
    assert_eq!(statement.tag, Some(Tag::Attribution));
    assert_eq!(statement.accepted, None);
}

#[test]
fn the_view_toggle_hides_badges_and_is_remembered() {
    let config = tempfile::tempdir().unwrap();
    let mut h = harness_with(Workspace::sample(), Some(config.path().to_owned()));
    let (index, id, _) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    assert!(labels_containing(&h, "attribution? high") >= 1);
    assert!(!h.state().view.suggest.underlined.is_empty());

    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Show tag suggestions").click();
    h.run();
    h.run();
    assert_eq!(labels_containing(&h, "attribution? high"), 0);
    assert_eq!(labels_containing(&h, "? high"), 0);
    assert_eq!(labels_containing(&h, "? medium"), 0);
    assert!(h.state().view.suggest.underlined.is_empty());
    assert!(Remembered::load(config.path()).hide_tag_suggestions);

    // With suggestions hidden, A is the reviewer's own call.
    press(&mut h, Key::Escape);
    select(&mut h, index);
    press(&mut h, Key::A);
    let statement = h.state().workspace().project().statement(id).unwrap();
    assert_eq!(statement.tag, Some(Tag::Attribution));
    assert_eq!(statement.accepted, None);

    // A new window remembers the choice.
    let h2 = harness_with(Workspace::sample(), Some(config.path().to_owned()));
    assert!(!h2.state().view.suggest.enabled);
}

#[test]
fn accept_all_asks_saying_how_many_and_is_one_undo_step() {
    let mut h = harness(Workspace::sample());
    let before = h.state().workspace().project().clone();
    let project = &before;
    let expected: Vec<(usize, Tag)> = suggest_project(project)
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let s = s?;
            (s.confidence == Confidence::High && !held_out(project.statements[i].id))
                .then_some((i, s.tag))
        })
        .collect();
    assert!(expected.len() >= 5, "the sample has high-confidence ones");

    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Accept all high-confidence suggestions…")
        .click();
    h.run();
    // It asks first, saying how many; nothing is tagged yet.
    let count = expected.len();
    assert!(
        labels_containing(&h, &format!("{count} untagged statements")) >= 1,
        "the question says how many"
    );
    assert_eq!(h.state().workspace().project(), &before);
    h.get_by_label(&format!("Accept {count}")).click();
    h.run();

    let after = h.state().workspace().project().clone();
    for (index, statement) in after.statements.iter().enumerate() {
        match expected.iter().find(|(i, _)| *i == index) {
            Some((_, tag)) => {
                assert_eq!(statement.tag, Some(*tag), "statement {index}");
                assert!(statement.accepted.is_some());
            }
            None => assert_eq!(statement, &before.statements[index]),
        }
    }
    assert_eq!(h.state().workspace().undo_len(), 1);
    assert!(
        h.state()
            .toast()
            .unwrap()
            .contains(&format!("Accepted {count}"))
    );

    // One undo restores them all.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().workspace().project(), &before);
    assert!(!h.state().workspace().is_dirty());
}

#[test]
fn cancelling_accept_all_changes_nothing() {
    let mut h = harness(Workspace::sample());
    let before = h.state().workspace().project().clone();
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Accept all high-confidence suggestions…")
        .click();
    h.run();
    // Tag keys do nothing behind the question.
    press(&mut h, Key::F);
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().workspace().project(), &before);
    assert!(h.state().view.suggest.confirm_accept_all.is_none());
}

#[test]
fn the_tagging_guide_opens_from_help_and_the_reminder() {
    let mut h = harness(Workspace::sample());
    // The reminder beside the tag buttons.
    assert!(labels_containing(&h, "Who vouches for it?") >= 1);
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Tagging guide").click();
    h.run();
    assert!(h.state().view.suggest.guide_open);
    assert!(labels_containing(&h, "Reported speech wins") >= 1);
    assert!(labels_containing(&h, "Attribution — someone else") >= 1);
    press(&mut h, Key::Escape);
    assert!(!h.state().view.suggest.guide_open);

    // The "Guide" button beside the reminder opens it too.
    h.get_by_label("Guide").click();
    h.run();
    assert!(h.state().view.suggest.guide_open);
}

#[test]
fn the_status_bar_shows_the_accept_rate() {
    let mut h = harness(Workspace::sample());
    let (index, _, _) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    press(&mut h, Key::Enter); // accepted
    let (index, _, _) = first_shown(&h, Tag::Attribution, ReasonKind::ReportingVerb);
    select(&mut h, index);
    press(&mut h, Key::F); // overridden
    let stats = h.state().view.suggest.stats.unwrap();
    assert_eq!(
        stats,
        claimdesk::suggest::suggestion_stats(h.state().workspace().project())
    );
    assert_eq!((stats.accepted, stats.shown_tagged), (1, 2));
    assert!(labels_containing(&h, "Suggestions: 50 % accepted (1 of 2 tagged)") >= 1);
}

#[test]
fn a_large_project_is_suggested_off_the_ui_thread_then_shown() {
    let project = claimdesk::testing::project(1500, 7);
    assert!(project.article.text.len() > 64 * 1024, "large enough");
    let expected = suggest_project(&project);
    let app = ClaimdeskApp::new(
        Workspace::new(project, None),
        Box::new(NoDialogs::default()),
        None,
    );
    // Stepped, not run: the spinner repaints while the worker runs.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.step();
    // The first frame started a worker: nothing shown yet, a spinner.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut saw_computing = h.state().view.suggest.computing;
    while h.state().view.suggest.computing {
        assert!(
            std::time::Instant::now() < until,
            "the worker never answered"
        );
        assert!(h.state().view.suggest.suggestions.is_empty());
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
        saw_computing = true;
    }
    assert!(saw_computing, "a large project is suggested on a worker");
    assert_eq!(*h.state().view.suggest.suggestions, expected);
    assert!(h.state().view.suggest.stats.is_some());
    // A tag does not start another worker: the spans did not change.
    let index = h
        .state()
        .workspace()
        .project()
        .statements
        .iter()
        .position(|s| s.tag.is_none())
        .unwrap();
    select(&mut h, index);
    press(&mut h, Key::O);
    assert!(!h.state().view.suggest.computing);
    assert_eq!(*h.state().view.suggest.suggestions, expected);
}
