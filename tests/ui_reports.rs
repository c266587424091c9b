//! Reports in the window (issue 15), driven as a reviewer would: the
//! fact-check URL and byline in Project properties, the public verdict
//! explanation and the claim as published in the claim details, and
//! File > Export with its audience, the ClaimReview checklist (and draft),
//! and PDF printed in the background.

// Test helpers may fail loudly: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimdesk::app::{ClaimdeskApp, NoDialogs, Remembered};
use claimdesk::edit::{Edit, TextField};
use claimdesk::export::claimreview::SUGGESTED_CLAIM_CHARS;
use claimdesk::model::{StatementId, Tag};
use claimdesk::ui::action::Action;
use claimdesk::ui::view_state::Reveal;
use claimdesk::workspace::Workspace;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

const NOTE: &str = "Ask the council press office before Friday";
const EXPLANATION: &str = "The council minutes record the vote as 7 to 2.";

fn harness(app: ClaimdeskApp) -> Harness<'static, ClaimdeskApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(|ui, app: &mut ClaimdeskApp| app.show(ui), app);
    h.run_steps(2);
    h
}

/// The sample article; exports go to `export_to` (a system dialog that
/// answers at once).
fn sample(export_to: Option<PathBuf>, config: Option<PathBuf>) -> Harness<'static, ClaimdeskApp> {
    let dialogs = NoDialogs::default();
    *dialogs.export_to.borrow_mut() = export_to;
    harness(ClaimdeskApp::new(
        Workspace::sample(),
        Box::new(dialogs),
        config,
    ))
}

fn act(h: &mut Harness<'_, ClaimdeskApp>, actions: Vec<Action>) {
    let ctx = h.ctx.clone();
    h.state_mut().run_actions(&ctx, actions);
    h.run();
}

fn id_of(h: &Harness<'_, ClaimdeskApp>, index: usize) -> StatementId {
    h.state().workspace().project().statements[index].id
}

/// Tags statement `index` as a fact and selects it.
fn fact(h: &mut Harness<'_, ClaimdeskApp>, index: usize) -> StatementId {
    let id = id_of(h, index);
    act(
        h,
        vec![
            Action::Edit(Edit::SetTag {
                id,
                tag: Some(Tag::Fact),
            }),
            Action::Select(id, Reveal::Both),
        ],
    );
    id
}

/// Statement `index` as a fact with a verdict, an explanation and a
/// private note.
fn checked_fact(h: &mut Harness<'_, ClaimdeskApp>, index: usize) -> StatementId {
    let id = fact(h, index);
    let verdict = h.state().workspace().project().scale.all().next().unwrap();
    let verdict = Some(verdict.to_owned());
    act(
        h,
        vec![
            Action::Edit(Edit::SetVerdict { id, verdict }),
            Action::Edit(Edit::SetText {
                id,
                field: TextField::Explanation,
                value: EXPLANATION.to_owned(),
            }),
            Action::Edit(Edit::SetText {
                id,
                field: TextField::Note,
                value: NOTE.to_owned(),
            }),
        ],
    );
    id
}

fn set_organisation(h: &mut Harness<'_, ClaimdeskApp>, name: &str) {
    let mut meta = h.state().workspace().project().meta.clone();
    meta.organisation = name.to_owned();
    act(h, vec![Action::Edit(Edit::SetMeta(Box::new(meta)))]);
}

fn open_export(h: &mut Harness<'_, ClaimdeskApp>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
}

fn toast(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.state().toast().unwrap_or_default().to_owned()
}

fn banners(h: &Harness<'_, ClaimdeskApp>) -> String {
    h.state()
        .banners()
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_file())
        .count()
}

#[test]
fn the_fact_check_url_field_edits_the_metadata_says_what_is_wrong_and_undoes() {
    let mut h = sample(None, None);
    act(&mut h, vec![Action::ShowProperties]);
    h.get_by_label("Fact-check URL").click();
    h.run();
    h.get_by_label("Fact-check URL")
        .type_text("ftp://checks.example/x");
    h.run();
    assert_eq!(
        h.state().workspace().project().meta.fact_check_url,
        "ftp://checks.example/x"
    );
    // Said beside the field while it is wrong.
    h.get_by_label_contains("Fact-check URL: only http");

    for _ in 0.."ftp".len() {
        h.key_press(Key::Home);
        h.key_press(Key::Delete);
    }
    h.run();
    h.get_by_label("Fact-check URL").type_text("https");
    h.run();
    let url = "https://checks.example/x";
    assert_eq!(h.state().workspace().project().meta.fact_check_url, url);
    assert!(
        h.query_by_label_contains("Fact-check URL: ").is_none(),
        "a good address is not flagged"
    );

    // The byline is there too.
    h.get_by_label("Byline").click();
    h.run();
    h.get_by_label("Byline").type_text("Jo Reporter");
    h.run();
    let meta = &h.state().workspace().project().meta;
    assert_eq!(meta.byline, "Jo Reporter");
    assert_eq!(meta.fact_check_url, url, "the byline kept the URL");

    // One undo step per field visit: the byline, then the whole URL.
    act(&mut h, vec![Action::Seal, Action::Undo]);
    let meta = &h.state().workspace().project().meta;
    assert_eq!(
        (meta.byline.as_str(), meta.fact_check_url.as_str()),
        ("", url)
    );
    act(&mut h, vec![Action::Undo]);
    assert_eq!(h.state().workspace().project().meta.fact_check_url, "");
    act(&mut h, vec![Action::Redo]);
    assert_eq!(h.state().workspace().project().meta.fact_check_url, url);
}

#[test]
fn the_explanation_and_claim_as_published_edit_the_statement() {
    let mut h = sample(None, None);
    let id = fact(&mut h, 1);
    let whole = {
        let project = h.state().workspace().project();
        let statement = project.statement(id).unwrap();
        project
            .text_of(statement)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .count()
    };
    // Empty: the whole statement is what gets published, and counted.
    h.get_by_label(&format!("{whole}/{SUGGESTED_CLAIM_CHARS}"));

    h.get_by_label("Verdict explanation").click();
    h.run();
    h.get_by_label("Verdict explanation").type_text(EXPLANATION);
    h.run();
    h.get_by_label("Claim as published").click();
    h.run();
    h.get_by_label("Claim as published")
        .type_text("Tram line approved 7-2");
    h.run();
    let project = h.state().workspace().project();
    let statement = project.statement(id).unwrap();
    assert_eq!(statement.explanation, EXPLANATION);
    assert_eq!(statement.claim_reviewed, "Tram line approved 7-2");
    assert_eq!(statement.note, "", "the private note is a separate field");
    h.get_by_label(&format!("22/{SUGGESTED_CLAIM_CHARS}"));

    // Each field is its own undo step.
    act(&mut h, vec![Action::Seal, Action::Undo]);
    let project = h.state().workspace().project();
    let statement = project.statement(id).unwrap();
    assert_eq!(
        (
            statement.explanation.as_str(),
            statement.claim_reviewed.as_str()
        ),
        (EXPLANATION, "")
    );
}

#[test]
fn an_opinion_has_no_public_verdict_fields() {
    let mut h = sample(None, None);
    let id = id_of(&h, 1);
    act(
        &mut h,
        vec![
            Action::Edit(Edit::SetTag {
                id,
                tag: Some(Tag::Opinion),
            }),
            Action::Select(id, Reveal::Both),
        ],
    );
    h.get_by_label("Private note");
    assert!(h.query_by_label("Verdict explanation").is_none());
    assert!(h.query_by_label("Claim as published").is_none());
}

#[test]
fn a_public_html_export_leaves_the_private_note_out_and_the_choice_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("riverton.html");
    let config = dir.path().join("config");
    let mut h = sample(Some(out.clone()), Some(config.clone()));
    checked_fact(&mut h, 1);
    open_export(&mut h);
    h.get_by_label("HTML report").click();
    h.run();
    h.get_by_label("Published fact check (for readers)").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();

    let report = std::fs::read_to_string(&out).unwrap();
    assert!(report.contains(EXPLANATION), "{report}");
    assert!(!report.contains(NOTE), "the private note was published");
    assert!(toast(&h).contains("published fact check"), "{}", toast(&h));
    assert!(toast(&h).contains("riverton.html"), "{}", toast(&h));
    assert!(
        !h.state().view.export_open,
        "the dialog closed once written"
    );
    let remembered = Remembered::load(&config);
    assert!(
        remembered
            .export_audiences
            .contains(&("html".to_owned(), "public".to_owned())),
        "{remembered:?}"
    );

    // The desk report, from a new window that remembers "public" for HTML
    // but is switched back to the desk: the note is in it.
    let desk = dir.path().join("desk.html");
    let mut h = sample(Some(desk.clone()), Some(config.clone()));
    checked_fact(&mut h, 1);
    open_export(&mut h);
    assert_eq!(
        h.state()
            .view
            .export
            .audience_for(claimdesk::export::Format::Html),
        claimdesk::export::Audience::Public,
        "remembered from the last run"
    );
    h.get_by_label("Desk report (for the team)").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let report = std::fs::read_to_string(&desk).unwrap();
    assert!(report.contains(NOTE), "the desk report keeps the note");
}

#[test]
fn claimreview_without_a_fact_check_url_shows_the_checklist_and_writes_nothing_until_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("riverton.claimreview.jsonld");
    let mut h = sample(Some(out.clone()), None);
    checked_fact(&mut h, 1);
    set_organisation(&mut h, "Riverton Checks");
    open_export(&mut h);
    h.get_by_label("ClaimReview (schema.org JSON-LD)").click();
    h.run();

    // What is missing, and where to fill it in; and the advice.
    h.get_by_label_contains("the fact-check URL");
    assert!(h.query_by_label_contains("organisation").is_none());
    h.get_by_label_contains("No article URL");
    let export = h.get_by_label("Export…");
    assert!(
        export.accesskit_node().is_disabled(),
        "Export… waits for the checklist"
    );
    export.click();
    h.run();
    assert_eq!(files_in(dir.path()), 0, "nothing written");

    // The button opens Project properties.
    h.get_by_label("Open Project properties…").click();
    h.run();
    assert!(h.state().view.properties_open);
    h.state_mut().view.properties_open = false;
    h.run();

    // A draft is written, without the URL.
    h.get_by_label("Export as draft…").click();
    h.run();
    let draft = std::fs::read_to_string(&out).unwrap();
    assert!(draft.contains("\"ClaimReview\""), "{draft}");
    assert!(draft.contains(EXPLANATION), "{draft}");
    assert!(!draft.contains("\"url\": \"https://checks"), "{draft}");
    assert!(toast(&h).contains("draft"), "{}", toast(&h));
}

#[test]
fn claimreview_is_written_once_the_checklist_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ready.claimreview.jsonld");
    let mut h = sample(Some(out.clone()), None);
    checked_fact(&mut h, 1);
    let mut meta = h.state().workspace().project().meta.clone();
    meta.organisation = "Riverton Checks".to_owned();
    meta.fact_check_url = "https://checks.example/riverton".to_owned();
    act(&mut h, vec![Action::Edit(Edit::SetMeta(Box::new(meta)))]);
    open_export(&mut h);
    h.get_by_label("ClaimReview (schema.org JSON-LD)").click();
    h.run();
    h.get_by_label_contains("Ready to publish");
    assert!(h.query_by_label("Export as draft…").is_none());
    h.get_by_label("Export…").click();
    h.run();
    let review = std::fs::read_to_string(&out).unwrap();
    assert!(
        review.contains("https://checks.example/riverton#claim-2"),
        "{review}"
    );
    assert!(banners(&h).is_empty(), "{}", banners(&h));
}

#[test]
fn a_claimreview_export_asked_for_without_the_dialog_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("refused.claimreview.jsonld");
    let mut h = sample(Some(out.clone()), None);
    checked_fact(&mut h, 1);
    act(
        &mut h,
        vec![Action::Export(claimdesk::export::Format::ClaimReview)],
    );
    assert!(!out.exists());
    let said = banners(&h);
    assert!(said.contains("Nothing exported"), "{said}");
    assert!(said.contains("fact-check URL"), "{said}");
}

#[test]
fn pdf_is_offered_only_with_a_printer_and_says_why_not() {
    let mut h = sample(None, None);
    open_export(&mut h);
    h.state_mut().view.export.pdf_printer = false;
    h.state_mut().view.export_format = Some(claimdesk::export::Format::Pdf);
    h.run();
    assert!(
        h.get_by_label("PDF (printed by Chromium)")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label_contains("PDF export needs Chromium");
    assert_eq!(
        h.state().view.export_format,
        Some(claimdesk::export::Format::Html),
        "a PDF choice falls back to HTML"
    );
}

#[test]
fn pdf_prints_in_the_background_and_says_when_it_is_done() {
    if claimdesk::export::pdf::find_chromium().is_none() {
        eprintln!("skipped: no Chromium on PATH");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("riverton.pdf");
    let mut h = sample(Some(out.clone()), None);
    checked_fact(&mut h, 1);
    open_export(&mut h);
    h.get_by_label("PDF (printed by Chromium)").click();
    h.run();
    // PDF defaults to the published fact check.
    h.get_by_label("Published fact check (for readers)");
    h.get_by_label("Export…").click();
    // The indicator's first frame only measures it (egui's sizing pass).
    for _ in 0..3 {
        h.step();
    }
    assert!(h.state().pdf_printing(), "printing runs in the background");
    h.get_by_label_contains("Printing PDF to riverton.pdf");
    let until = Instant::now() + Duration::from_secs(200);
    while h.state().pdf_printing() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(100));
        h.step();
    }
    assert!(!h.state().pdf_printing(), "Chromium did not finish");
    h.step();
    let pdf = std::fs::read(&out).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF-"), "{}", banners(&h));
    assert!(toast(&h).contains("riverton.pdf"), "{}", toast(&h));
    assert!(h.query_by_label_contains("Printing PDF").is_none());
}

#[test]
fn a_published_report_waits_while_reviewers_disagree_and_a_draft_says_so() {
    // Two reviewers who tagged the second statement differently,
    // adjudicated: one open item.
    let base = Workspace::sample().project().clone();
    let mut ann = claimdesk::agree::blind_copy(&base, "Ann");
    let mut ben = claimdesk::agree::blind_copy(&base, "Ben");
    ann.statements[1].tag = Some(Tag::Fact);
    ben.statements[1].tag = Some(Tag::Opinion);
    let adjudicated =
        claimdesk::agree::adjudicate(&[("Ann".to_owned(), ann), ("Ben".to_owned(), ben)]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("riverton.html");
    let dialogs = NoDialogs::default();
    *dialogs.export_to.borrow_mut() = Some(out.clone());
    let mut h = harness(ClaimdeskApp::new(
        Workspace::new(adjudicated, None),
        Box::new(dialogs),
        None,
    ));
    open_export(&mut h);
    h.get_by_label("HTML report").click();
    h.run();
    // The desk report is the team's own: it may go out.
    assert!(h.query_by_label_contains("Not ready to publish").is_none());
    h.get_by_label("Published fact check (for readers)").click();
    h.run();
    h.get_by_label_contains("Not ready to publish");
    h.get_by_label_contains("1 of 1 disagreements between reviewers are still open");
    h.get_by_label_contains("claim 2: the tag (Ann: fact; Ben: opinion)");
    let export = h.get_by_label("Export…");
    assert!(export.accesskit_node().is_disabled());
    export.click();
    h.run();
    assert_eq!(files_in(dir.path()), 0, "nothing published");

    h.get_by_label("Export as draft…").click();
    h.run();
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("Draft, not for publication: 1 of 1 disagreements"));
    assert!(!page.contains("application/ld+json"));
    assert!(
        toast(&h).contains("draft of the published fact check"),
        "{}",
        toast(&h)
    );
}
