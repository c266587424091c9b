//! Writes the export fixtures that are easier to build in code than by
//! hand: `cargo test --test fixture_builder -- --ignored` rewrites
//! `tests/fixtures/export/{sample-published,controls}.claims.ron` (and the
//! other tests then read those files). Ignored in normal runs: it writes
//! into the source tree.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a fixture builder: a failed step should fail loudly"
)]

use std::path::Path;

use claimdesk::model::{Evidence, Project, Speech, Tag};
use claimdesk::segment::Language;
use claimdesk::{import, project_file};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

/// The statement starting with `start`.
fn find<'a>(project: &'a mut Project, start: &str) -> &'a mut claimdesk::model::Statement {
    let text = project.article.text.clone();
    project
        .statements
        .iter_mut()
        .find(|s| text[s.range.clone()].starts_with(start))
        .unwrap_or_else(|| panic!("no statement starts with {start:?}"))
}

fn evidence(url: &str, title: &str, note: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: title.into(),
        note: note.into(),
    }
}

struct Check<'a> {
    start: &'a str,
    tag: Tag,
    source: &'a str,
    speech: Option<Speech>,
    verdict: Option<&'a str>,
    explanation: &'a str,
    short: &'a str,
    note: &'a str,
    evidence: Vec<Evidence>,
    modified: &'a str,
}

fn sample_published() -> Project {
    let article = import::import_file(&fixture("sample-article.txt")).unwrap();
    let mut project = import::new_project_in(article, Language::from_code("en"));
    let meta = &mut project.meta;
    meta.reviewer = "Lena Hartmann".into();
    meta.organisation = "Riverton Fact Desk".into();
    meta.publication = "The Riverton Courier".into();
    meta.article_url = "https://courier.example/2026/11/tram-line-approved".into();
    meta.published = "2026-11-18".into();
    meta.fact_check_url = "https://factdesk.example/checks/riverton-tram-line".into();
    let checks = [
        Check {
            start: "RIVERTON — The city council voted 7 to 4",
            tag: Tag::Fact,
            source: "",
            speech: None,
            verdict: Some("True"),
            explanation: "The council's published minutes record seven votes for and four against, and describe a 9.2 km line from the central station to Hallow Park.",
            short: "Riverton's council voted 7 to 4 for a 9.2 km tram line",
            note: "Minutes checked by phone with the council clerk too.",
            evidence: vec![evidence(
                "https://riverton.example/council/minutes/2026-11-17",
                "Council minutes, 17 November 2026",
                "Item 6, roll call.",
            )],
            modified: "2026-11-19T09:12:00Z",
        },
        Check {
            start: "The project is expected to cost 412 million euros",
            tag: Tag::Attribution,
            source: "Riverton transport office",
            speech: Some(Speech::Reported),
            verdict: Some("Mostly true"),
            explanation: "The transport office's March figures give 412 million euros, but that excludes 23 million for the depot, which the same report lists separately.",
            short: "The tram line will cost 412 million euros",
            note: "Depot cost is in annex B; ask the office whether it is funded.",
            evidence: vec![evidence(
                "https://riverton.example/transport/tram-costs-2026.pdf",
                "Transport office cost estimate, March 2026",
                "Table 3 and annex B.",
            )],
            modified: "2026-11-19T10:40:00Z",
        },
        Check {
            start: "She said the line would take 6,000 cars off the road",
            tag: Tag::Attribution,
            source: "Ines Calder, mayor",
            speech: Some(Speech::Reported),
            verdict: Some("Unverifiable"),
            explanation: "The city has published no traffic model for the line, and the mayor's office did not say where the figure comes from.",
            short: "The tram will take 6,000 cars off the road every weekday",
            note: "Asked the mayor's office for the model on 19 Nov; no reply yet.",
            evidence: Vec::new(),
            modified: "2026-11-19T14:05:00Z",
        },
        Check {
            start: "Riverton's population grew by 11 percent",
            tag: Tag::Fact,
            source: "",
            speech: None,
            verdict: Some("Mostly false"),
            explanation: "The national statistics office puts the growth at 6.8 percent between 2014 and 2024; 11 percent is the figure for the whole metropolitan region.",
            short: "Riverton's population grew 11% from 2014 to 2024",
            note: "",
            evidence: vec![evidence(
                "https://stats.example/population/riverton",
                "National statistics office: Riverton population 2014–2024",
                "",
            )],
            modified: "2026-11-20T08:30:00Z",
        },
        Check {
            start: "A similar line in the neighbouring city of Oststadt",
            tag: Tag::Fact,
            source: "",
            speech: None,
            verdict: Some("True"),
            explanation: "The 2023 regional audit found the Oststadt line cost 38 percent more than its approved budget.",
            short: "Oststadt's tram line ran 38% over budget",
            note: "",
            evidence: vec![evidence(
                "https://audit.example/reports/2023/oststadt-tram",
                "Regional audit office, Oststadt tram report (2023)",
                "Summary, page 4.",
            )],
            modified: "2026-11-20T09:15:00Z",
        },
        Check {
            start: "Supporters point out that the European Union has pledged",
            tag: Tag::Fact,
            source: "",
            speech: None,
            verdict: Some("Half true"),
            explanation: "The EU grant is 95 million euros, about 23 percent of the estimate. It was approved in principle and still needs a final decision in 2027.",
            short: "The EU has pledged to cover a quarter of the construction cost",
            note: "Follow up when the 2027 decision is out.",
            evidence: vec![evidence(
                "https://ec.example/regional-fund/decisions/2026-0412",
                "European Commission, regional fund decision 2026/0412",
                "",
            )],
            modified: "2026-11-20T11:50:00Z",
        },
    ];
    for check in checks {
        let s = find(&mut project, check.start);
        s.tag = Some(check.tag);
        s.source = check.source.into();
        s.speech = check.speech;
        s.verdict = check.verdict.map(String::from);
        s.explanation = check.explanation.into();
        s.claim_reviewed = check.short.into();
        s.note = check.note.into();
        s.evidence = check.evidence;
        s.modified = Some(check.modified.into());
    }
    let s = find(&mut project, "Mayor Ines Calder called the vote");
    s.tag = Some(Tag::Attribution);
    s.source = "Ines Calder, mayor".into();
    s.cue = "called".into();
    s.speech = Some(Speech::Direct);
    let s = find(&mut project, "Frankly, the council should have put");
    s.tag = Some(Tag::Opinion);
    s.source = "the reporter".into();
    s.note = "Opinion in a news story: raise with the Courier's standards editor.".into();
    s.follow_up = true;
    project
}

fn controls() -> Project {
    let text = "Council\u{0}notes \u{1b}[31mred\u{1b}[0m and a Word line\u{b}break.\n\
                Next\u{85}line, DEL\u{7f}, CSI\u{9b}2J, form\u{c}feed and \u{fdd0}\u{fffe} noncharacters.\n";
    // Not through the importer, which refuses NUL as binary data: a
    // project file can still carry one (hand edits, other tools).
    let ranges = claimdesk::segment::segment(text, Language::from_code("en"));
    let article = claimdesk::model::Article::new(
        "Title with \u{1b}escape and \u{0}NUL",
        None,
        std::sync::Arc::from(text),
    );
    let mut project = Project::new(article, ranges, "en");
    let meta = &mut project.meta;
    meta.reviewer = "Ed\u{7f}itor".into();
    meta.organisation = "Desk\u{9b}Org".into();
    meta.publication = "Paper\u{85}Name".into();
    meta.article_url = "https://paper.example/a".into();
    meta.published = "2026-11-02".into();
    meta.fact_check_url = "https://desk.example/checks/controls".into();
    project.scale.ratings[0] = "True\u{b}ish".into();
    for (index, s) in project.statements.iter_mut().enumerate() {
        s.tag = Some(if index % 2 == 0 {
            Tag::Fact
        } else {
            Tag::Attribution
        });
        s.source = "So\u{1}urce".into();
        s.verdict = Some("True\u{b}ish".into());
        s.note = "Private\u{0}note\u{b}from Word\u{c}".into();
        s.explanation = "Because\u{9b} of\u{85}this \u{1fffe}.".into();
        s.claim_reviewed = "Short\u{7f}form".into();
        s.evidence = vec![evidence(
            "https://evidence.example/x",
            "Ti\u{1b}tle",
            "No\u{0}te",
        )];
        s.modified = Some("2026-11-03T12:00:00Z".into());
    }
    project
}

#[test]
#[ignore = "writes fixtures into the source tree"]
fn write_fixtures() {
    for (name, project) in [
        ("sample-published.claims.ron", sample_published()),
        ("controls.claims.ron", controls()),
    ] {
        project.validate().unwrap();
        project_file::save(&project, &fixture(name)).unwrap();
        assert_eq!(project_file::load(&fixture(name)).unwrap(), project);
    }
}
