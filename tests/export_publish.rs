//! What a publisher checks before a fact check goes out: the published
//! report shows what readers may see and nothing else; ClaimReview carries
//! every property Google's ClaimReview documentation requires or
//! recommends, expands as JSON-LD against the schema.org context, and
//! refuses to be written while required fields are missing; Web
//! Annotations expand against the W3C context and re-anchor on the text;
//! control characters never reach HTML.
//!
//! The JSON-LD expansion runs `tests/jsonld/expand.py` (Python with pyld:
//! `pip install pyld`), offline against the contexts in
//! `tests/fixtures/export/contexts`. Without Python or pyld those tests
//! print a `SKIP:` line, and fail when `CI` is set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failed step should fail the test"
)]

mod support;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use claimdesk::export::{
    self, Audience, ExportError, ExportOptions, Format, claimreview_advice, claimreview_checklist,
};
use claimdesk::model::{Project, Tag};
use claimdesk::project_file;
use serde_json::Value;

const SCHEMA: &str = "http://schema.org/";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

fn load(name: &str) -> Project {
    project_file::load(&fixture(name)).unwrap()
}

const ALL_FIXTURES: [&str; 4] = [
    "full.claims.ron",
    "hostile.claims.ron",
    "sample-published.claims.ron",
    "controls.claims.ron",
];

fn render(project: &Project, options: &ExportOptions) -> String {
    let mut out = Vec::new();
    export::export_with(project, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn public_html(project: &Project) -> String {
    render(
        project,
        &ExportOptions::new(Format::Html).audience(Audience::Public),
    )
}

/// The JSON-LD `document` expanded by pyld, or `None` after a skip.
fn expand(test: &str, document: &str) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/jsonld/expand.py");
    let probe = Command::new("python3")
        .args(["-c", "import pyld"])
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        support::skip(
            test,
            "python3 with pyld is not installed (pip install pyld)",
        );
        return None;
    }
    let mut child = Command::new("python3")
        .arg(script)
        .arg(fixture("contexts"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(document.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "pyld failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

/// Keys whose values are vocabulary terms the context maps to other names
/// (`"Person"` to `foaf:Person`): checked by type in the tests, not as
/// values.
const TERM_KEYS: [&str; 5] = ["@context", "type", "@type", "motivation", "purpose"];

/// Every string, number and boolean in `value`, except under
/// [`TERM_KEYS`].
fn leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if !TERM_KEYS.contains(&key.as_str()) {
                    leaves(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Bool(b) => out.push(b.to_string()),
        Value::Null => {}
    }
}

/// No value was dropped in expansion (a term the context does not define
/// is dropped silently): every value of the document is still there, as a
/// value, an id or an expanded vocabulary term.
fn assert_nothing_dropped(document: &Value, expanded: &Value, vocab: &[&str]) {
    let mut before = Vec::new();
    leaves(document, &mut before);
    let mut after = Vec::new();
    leaves(expanded, &mut after);
    for value in &before {
        let found = after
            .iter()
            .any(|a| a == value || vocab.iter().any(|prefix| *a == format!("{prefix}{value}")));
        assert!(found, "{value:?} was dropped in expansion");
    }
}

/// The one node or value of `property` (a schema.org term) in `node`.
fn one<'a>(node: &'a Value, property: &str) -> &'a Value {
    let values = node[format!("{SCHEMA}{property}")]
        .as_array()
        .unwrap_or_else(|| panic!("no {property} in {node:#}"));
    assert_eq!(values.len(), 1, "{property}");
    &values[0]
}

fn has(node: &Value, property: &str) -> bool {
    node.get(format!("{SCHEMA}{property}")).is_some()
}

fn value<'a>(node: &'a Value, property: &str) -> &'a Value {
    &one(node, property)["@value"]
}

fn assert_type(node: &Value, schema_type: &str) {
    assert_eq!(
        node["@type"],
        serde_json::json!([format!("{SCHEMA}{schema_type}")])
    );
}

#[test]
fn claimreview_expands_with_every_required_and_recommended_property() {
    for name in ["full.claims.ron", "sample-published.claims.ron"] {
        let project = load(name);
        assert!(
            claimreview_checklist(&project).is_empty(),
            "{name} is ready"
        );
        let text = render(&project, &ExportOptions::new(Format::ClaimReview));
        let Some(expanded) = expand("claimreview_expands", &text) else {
            return;
        };
        let document: Value = serde_json::from_str(&text).unwrap();
        assert_nothing_dropped(&document, &expanded, &[SCHEMA]);
        let reviews = expanded.as_array().unwrap();
        let published: Vec<(usize, &claimdesk::model::Statement)> = project
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                matches!(s.tag, Some(Tag::Fact | Tag::Attribution)) && s.verdict.is_some()
            })
            .map(|(i, s)| (i + 1, s))
            .collect();
        assert_eq!(reviews.len(), published.len(), "{name}");
        for (review, (number, statement)) in reviews.iter().zip(&published) {
            assert_type(review, "ClaimReview");
            // Required: url (the fact check's own page, per claim),
            // claimReviewed, reviewRating with alternateName.
            assert_eq!(
                one(review, "url")["@id"],
                format!("{}#claim-{number}", project.meta.fact_check_url)
            );
            let claim = value(review, "claimReviewed").as_str().unwrap();
            let whole = project
                .text_of(statement)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if statement.claim_reviewed.is_empty() {
                assert_eq!(claim, whole);
            } else {
                assert_eq!(claim, statement.claim_reviewed);
            }
            let rating = one(review, "reviewRating");
            assert_type(rating, "Rating");
            let verdict = statement.verdict.as_deref().unwrap();
            assert_eq!(value(rating, "alternateName"), verdict);
            // Recommended: the number on the scale where the scale orders it.
            match project.scale.rating_value(verdict) {
                Some(n) => {
                    assert_eq!(value(rating, "ratingValue"), n);
                    assert_eq!(value(rating, "bestRating"), project.scale.ratings.len());
                    assert_eq!(value(rating, "worstRating"), 1);
                }
                None => {
                    assert!(!has(rating, "ratingValue") && !has(rating, "bestRating"));
                }
            }
            if !statement.explanation.is_empty() {
                assert_eq!(
                    value(rating, "ratingExplanation"),
                    statement.explanation.as_str()
                );
            }
            // Recommended: author (the organisation), datePublished,
            // itemReviewed.
            let author = one(review, "author");
            assert_type(author, "Organization");
            assert_eq!(value(author, "name"), project.meta.organisation.as_str());
            assert_eq!(
                one(review, "datePublished")["@type"],
                format!("{SCHEMA}Date")
            );
            let item = one(review, "itemReviewed");
            assert_type(item, "Claim");
            // Claim, recommended: author, appearance, datePublished.
            let claimant = one(item, "author");
            let expected_name = match statement.tag {
                Some(Tag::Fact) => project.meta.publication.as_str(),
                _ => statement.source.as_str(),
            };
            assert_eq!(value(claimant, "name"), expected_name);
            assert!(
                claimant["@type"] == serde_json::json!([format!("{SCHEMA}Person")])
                    || claimant["@type"] == serde_json::json!([format!("{SCHEMA}Organization")])
            );
            assert_eq!(
                value(item, "datePublished"),
                project.meta.published.as_str()
            );
            let appearance = one(item, "appearance");
            assert_type(appearance, "CreativeWork");
            assert_eq!(
                one(appearance, "url")["@id"],
                project.meta.article_url.as_str()
            );
            assert_eq!(
                value(appearance, "headline"),
                project.article.title.as_str()
            );
            assert_eq!(
                value(one(appearance, "publisher"), "name"),
                project.meta.publication.as_str()
            );
            assert_eq!(
                value(appearance, "datePublished"),
                project.meta.published.as_str()
            );
        }
    }
}

#[test]
fn claim_authors_are_typed_person_or_organization() {
    let project = load("sample-published.claims.ron");
    let reviews: Value =
        serde_json::from_str(&render(&project, &ExportOptions::new(Format::ClaimReview))).unwrap();
    let kind = |name: &str| {
        reviews
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["itemReviewed"]["author"]["name"] == name)
            .map(|r| r["itemReviewed"]["author"]["@type"].clone())
            .unwrap()
    };
    assert_eq!(kind("Ines Calder, mayor"), "Person");
    assert_eq!(kind("Riverton transport office"), "Organization");
    assert_eq!(kind("The Riverton Courier"), "Organization");
}

#[test]
fn web_annotations_expand_against_the_w3c_context() {
    for name in ALL_FIXTURES {
        let text = render(&load(name), &ExportOptions::new(Format::WebAnnotation));
        let Some(expanded) = expand("web_annotations_expand", &text) else {
            return;
        };
        let document: Value = serde_json::from_str(&text).unwrap();
        let oa = "http://www.w3.org/ns/oa#";
        assert_nothing_dropped(
            &document,
            &expanded,
            &[oa, "http://www.w3.org/ns/activitystreams#"],
        );
        let collection = &expanded[0];
        assert_eq!(
            collection["@type"],
            serde_json::json!(["http://www.w3.org/ns/activitystreams#OrderedCollection"])
        );
        let items = &collection["http://www.w3.org/ns/activitystreams#first"][0]["http://www.w3.org/ns/activitystreams#items"]
            [0]["@list"];
        for annotation in items.as_array().unwrap() {
            assert_eq!(
                annotation["@type"],
                serde_json::json!([format!("{oa}Annotation")])
            );
            assert_eq!(
                annotation[format!("{oa}motivatedBy")][0]["@id"],
                format!("{oa}classifying")
            );
            let target = &annotation[format!("{oa}hasTarget")][0];
            let selectors = target[format!("{oa}hasSelector")].as_array().unwrap();
            let types: Vec<&Value> = selectors.iter().map(|s| &s["@type"][0]).collect();
            assert_eq!(
                types,
                [
                    &Value::from(format!("{oa}TextQuoteSelector")),
                    &Value::from(format!("{oa}TextPositionSelector"))
                ]
            );
        }
    }
}

/// Where `needle` occurs in `haystack` (byte offsets, overlaps counted).
fn occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    haystack
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| haystack[i..].starts_with(needle))
        .collect()
}

#[test]
fn every_text_quote_selector_reanchors_on_exactly_its_statement() {
    // A fixture where a sentence repeats with the same 32 characters
    // around it, which 32-character context alone cannot tell apart.
    let filler = "The council met again. ".repeat(3);
    let repeated = format!("{filler}Read more.{filler}Read more.{filler}");
    let text: std::sync::Arc<str> = std::sync::Arc::from(repeated.as_str());
    let ranges = claimdesk::segment::segment(&text, claimdesk::segment::Language::from_code("en"));
    let mut project = Project::new(
        claimdesk::model::Article::new("Repeats", None, text),
        ranges,
        "en",
    );
    for s in &mut project.statements {
        s.tag = Some(Tag::Fact);
    }
    let mut projects: Vec<Project> = ALL_FIXTURES.iter().map(|n| load(n)).collect();
    projects.push(project);
    for project in projects {
        let text = &*project.article.text;
        let value: Value = serde_json::from_str(&render(
            &project,
            &ExportOptions::new(Format::WebAnnotation),
        ))
        .unwrap();
        let annotations = value["first"]["items"].as_array().unwrap();
        let tagged: Vec<_> = project
            .statements
            .iter()
            .filter(|s| s.tag.is_some())
            .collect();
        assert_eq!(annotations.len(), tagged.len());
        for (annotation, statement) in annotations.iter().zip(tagged) {
            let quote = &annotation["target"]["selector"][0];
            let prefix = quote["prefix"].as_str().unwrap();
            let exact = quote["exact"].as_str().unwrap();
            let suffix = quote["suffix"].as_str().unwrap();
            let found = occurrences(text, &format!("{prefix}{exact}{suffix}"));
            assert_eq!(
                found,
                [statement.range.start - prefix.len()],
                "{exact:?} in {}",
                project.article.title
            );
        }
    }
}

#[test]
fn claimreview_refuses_without_required_fields_and_names_where_to_fill_them() {
    let hostile = load("hostile.claims.ron");
    let missing = claimreview_checklist(&hostile);
    assert!(
        missing.iter().any(|m| m.contains("fact-check URL")),
        "{missing:?}"
    );
    assert!(
        missing.iter().any(|m| m.contains("organisation")),
        "{missing:?}"
    );
    assert!(
        missing.iter().all(|m| m.contains("(Project properties)")),
        "{missing:?}"
    );
    let err = export::export_with(
        &hostile,
        &ExportOptions::new(Format::ClaimReview),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ExportError::NotReady(ref m) if *m == missing),
        "{err}"
    );
    assert!(!err.to_string().contains('\n'));
    // A draft is written, with what there is.
    let draft = render(
        &hostile,
        &ExportOptions::new(Format::ClaimReview).draft(true),
    );
    assert!(draft.starts_with('['));

    // No verdict at all: the checklist says so.
    let mut bare = load("full.claims.ron");
    assert!(claimreview_checklist(&bare).is_empty());
    for s in &mut bare.statements {
        s.verdict = None;
    }
    let missing = claimreview_checklist(&bare);
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("verdict"));
    // A malformed fact-check URL is named as such.
    let mut bad = load("full.claims.ron");
    bad.meta.fact_check_url = "factcheck.example/x".into();
    assert!(claimreview_checklist(&bad)[0].contains("working fact-check URL"));
}

#[test]
fn the_cli_refuses_in_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("hostile.claimreview.jsonld");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .arg("export")
            .arg(fixture("hostile.claims.ron"))
            .args(["--format", "claimreview", "-o"])
            .arg(&out)
            .args(extra)
            .output()
            .unwrap()
    };
    let refused = run(&[]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("fact-check URL"), "{stderr}");
    assert!(stderr.contains("Project properties"), "{stderr}");
    assert!(stderr.contains("--draft"), "{stderr}");
    assert!(
        stderr.trim_end().ends_with("hostile.claimreview.jsonld"),
        "path last: {stderr}"
    );
    assert!(!out.exists());
    let drafted = run(&["--draft"]);
    assert!(drafted.status.success());
    assert!(out.exists());
}

#[test]
fn the_published_report_shows_only_what_readers_may_see() {
    for name in ALL_FIXTURES {
        let project = load(name);
        let html = public_html(&project);
        let md = render(
            &project,
            &ExportOptions::new(Format::Markdown).audience(Audience::Public),
        );
        for report in [&html, &md] {
            for s in &project.statements {
                let note = s.note.trim();
                // A note quoting the article would be found in the claim.
                if note.len() > 3 && !project.article.text.contains(note) {
                    let first_line = note.lines().next().unwrap();
                    let shown = claimdesk::export::controls::clean(first_line);
                    let shown = shown.replace('&', "&amp;").replace('<', "&lt;");
                    assert!(!report.contains(&shown), "private note {note:?} in {name}");
                }
            }
            assert!(!report.contains("Follow up"), "{name}");
            assert!(!report.contains("Untagged"), "{name}");
            assert!(!report.contains("Private note"), "{name}");
        }
        for (index, s) in project.statements.iter().enumerate() {
            let anchor = format!("id=\"claim-{}\"", index + 1);
            let published = matches!(s.tag, Some(Tag::Fact | Tag::Attribution))
                && s.verdict.as_deref().is_some_and(|v| !v.trim().is_empty());
            assert_eq!(
                html.contains(&anchor),
                published,
                "{name} claim {}",
                index + 1
            );
        }
    }
    let sample = load("sample-published.claims.ron");
    let html = public_html(&sample);
    for s in sample.statements.iter().filter(|s| s.verdict.is_some()) {
        assert!(html.contains(&s.explanation), "{}", s.explanation);
    }
    assert!(html.contains("By Lena Hartmann, Riverton Fact Desk"));
    // The untagged sentence about 2030 and the opinion are not published.
    assert!(!html.contains("The first trams are due to run in 2030."));
    assert!(!html.contains("Frankly, the council should have put"));
}

#[test]
fn the_published_page_carries_its_claimreview_when_ready() {
    let sample = load("sample-published.claims.ron");
    let html = public_html(&sample);
    let start = html.find("<script type=\"application/ld+json\">").unwrap()
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let embedded: Value = serde_json::from_str(&html[start..end]).unwrap();
    let exported: Value =
        serde_json::from_str(&render(&sample, &ExportOptions::new(Format::ClaimReview))).unwrap();
    assert_eq!(embedded, exported);
    // Every ClaimReview url points at an element of this page.
    for review in exported.as_array().unwrap() {
        let url = review["url"].as_str().unwrap();
        let (page, fragment) = url.split_once('#').unwrap();
        assert_eq!(page, sample.meta.fact_check_url);
        assert!(html.contains(&format!("id=\"{fragment}\"")), "{fragment}");
    }
    // Not ready: no half-filled markup on the page.
    let hostile = public_html(&load("hostile.claims.ron"));
    assert!(!hostile.contains("<script"));
}

#[test]
fn advice_names_what_aggregators_would_miss() {
    let full = load("full.claims.ron");
    let advice = claimreview_advice(&full);
    assert!(
        advice
            .iter()
            .any(|a| a.starts_with("Claim 6: no verdict explanation")),
        "{advice:?}"
    );
    assert!(
        advice
            .iter()
            .any(|a| a.starts_with("Claim 2:") && a.contains("short form")),
        "{advice:?}"
    );
    assert!(claimreview_advice(&load("sample-published.claims.ron")).is_empty());
}

/// Control characters HTML forbids (see `claimdesk::export::controls`).
fn forbidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| claimdesk::export::controls::is_forbidden(*c))
        .collect()
}

#[test]
fn control_characters_never_reach_html_or_markdown_and_json_ld_escapes_them() {
    let project = load("controls.claims.ron");
    assert!(
        !forbidden(&project.statements[0].note).is_empty(),
        "the fixture has them"
    );
    for format in [Format::Html, Format::Markdown] {
        for audience in Audience::ALL {
            let report = render(&project, &ExportOptions::new(format).audience(audience));
            assert_eq!(
                forbidden(&report),
                Vec::<char>::new(),
                "{format:?} {audience:?}"
            );
            assert!(
                report.contains('\u{fffd}'),
                "replaced visibly: {format:?} {audience:?}"
            );
        }
    }
    // Word's vertical tab is a line break in the desk report's note.
    let desk = render(&project, &ExportOptions::new(Format::Html));
    assert!(desk.contains("Private\u{fffd}note\nfrom Word\n"), "{desk}");
    // JSON-LD: no raw control character, and the values are unchanged.
    for format in [Format::ClaimReview, Format::WebAnnotation] {
        let text = render(&project, &ExportOptions::new(format));
        assert_eq!(forbidden(&text), Vec::<char>::new(), "{format:?}");
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut strings = Vec::new();
        leaves(&value, &mut strings);
        assert!(
            strings.iter().any(|s| s.contains('\u{9b}')),
            "{format:?} keeps the data"
        );
    }
    // The project file keeps them exactly.
    let text = project_file::to_string(&project).unwrap();
    let back = project_file::from_str(&text, Path::new("controls")).unwrap();
    assert_eq!(back, project);
}

#[test]
fn the_readme_example_is_the_current_published_report() {
    let html = public_html(&load("sample-published.claims.ron"));
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/example-published-report.html"),
    )
    .unwrap();
    assert!(
        example == html,
        "assets/example-published-report.html is stale: regenerate it with \
         `claimdesk export tests/fixtures/export/sample-published.claims.ron --format html --audience public -o assets/example-published-report.html`"
    );
}

/// Two reviewers who tagged the first statement differently, adjudicated:
/// one open item.
fn adjudicated() -> Project {
    let base = load("full.claims.ron");
    let mut a = claimdesk::agree::blind_copy(&base, "Ann");
    let mut b = claimdesk::agree::blind_copy(&base, "Ben");
    a.statements[0].tag = Some(Tag::Fact);
    b.statements[0].tag = Some(Tag::Opinion);
    a.statements[1].tag = Some(Tag::Fact);
    b.statements[1].tag = Some(Tag::Fact);
    let project =
        claimdesk::agree::adjudicate(&[("Ann".to_owned(), a), ("Ben".to_owned(), b)]).unwrap();
    assert_eq!(
        project.open_items.iter().filter(|i| !i.settled).count(),
        1,
        "the fixture should open exactly one item"
    );
    project
}

#[test]
fn nothing_is_published_while_reviewers_disagree_but_desk_reports_and_drafts_are() {
    let project = adjudicated();
    for options in [
        ExportOptions::new(Format::Html).audience(Audience::Public),
        ExportOptions::new(Format::Markdown).audience(Audience::Public),
        ExportOptions::new(Format::Pdf),
        ExportOptions::new(Format::ClaimReview),
    ] {
        let mut out = Vec::new();
        let refused = match export::export_with(&project, &options, &mut out) {
            Err(ExportError::OpenItems(lines)) => lines,
            other => panic!("{:?} was not refused: {other:?}", options.format),
        };
        assert!(
            refused[0].starts_with("1 of 1 disagreements"),
            "{refused:?}"
        );
        assert!(
            refused
                .iter()
                .any(|l| l.contains("claim 1:") && l.contains("Ann: fact")),
            "names the claim and both choices: {refused:?}"
        );
        assert!(out.is_empty(), "nothing written for {:?}", options.format);
        // The export dialog lists the same lines first; ClaimReview adds
        // its missing properties after them.
        let blockers = export::export_blockers(&project, &options);
        assert_eq!(blockers.get(..refused.len()), Some(&refused[..]));
        if options.format != Format::ClaimReview {
            assert_eq!(blockers.len(), refused.len());
        }
    }
    // The team's own reports still work, and list what blocks publishing.
    let desk = render(&project, &ExportOptions::new(Format::Html));
    assert!(desk.contains("Required: 1 of 1 disagreements between reviewers are still open"));
    render(&project, &ExportOptions::new(Format::Json));
    // A draft says so on its face and carries no ClaimReview markup.
    let draft = render(
        &project,
        &ExportOptions::new(Format::Html)
            .audience(Audience::Public)
            .draft(true),
    );
    assert!(draft.contains("Draft, not for publication: 1 of 1 disagreements"));
    assert!(!draft.contains("application/ld+json"));
    let draft_md = render(
        &project,
        &ExportOptions::new(Format::Markdown)
            .audience(Audience::Public)
            .draft(true),
    );
    assert!(draft_md.contains("**Draft, not for publication:** 1 of 1 disagreements"));

    // Settled, it publishes.
    let mut settled = project.clone();
    claimdesk::agree::resolve_item(&mut settled, 0, claimdesk::agree::Resolution::Take(0)).unwrap();
    let html = public_html(&settled);
    assert!(!html.contains("Draft, not for publication"));
}

#[test]
fn reports_say_which_version_of_the_article_was_checked() {
    let mut project = load("full.claims.ron");
    project.meta.provenance = Some(claimdesk::model::Provenance {
        source: "https://news.example/story".to_owned(),
        retrieved: "2026-11-30T14:02:00Z".to_owned(),
        sha256_raw: "sha256:00ff".to_owned(),
        kind: "html".to_owned(),
    });
    let desk = render(&project, &ExportOptions::new(Format::Html));
    assert!(
        desk.contains("the article as first taken in, retrieved 30 Nov 2026, 14:02 UTC from"),
        "{desk}"
    );
    let hash = project.article.text_hash.trim_start_matches("sha256:");
    assert!(desk.contains(&hash[..16]));
    let json: Value =
        serde_json::from_str(&render(&project, &ExportOptions::new(Format::Json))).unwrap();
    assert_eq!(json["checked_version"]["number"], 1);
    assert_eq!(json["checked_version"]["raw_sha256"], "sha256:00ff");
    assert_eq!(
        json["checked_version"]["source"],
        "https://news.example/story"
    );

    // The story changes; the update records version 2.
    let mut text = project.article.text.to_string();
    text.push_str("\n\nUpdate: a correction was added at the end of the story.");
    let updated = claimdesk::update::update(
        &project,
        claimdesk::import::ImportedArticle {
            title: project.article.title.clone(),
            text,
            source_path: Some("/home/ann/private/story-v2.html".to_owned()),
            notices: Vec::new(),
        },
        "2026-12-01T09:30:00Z",
    )
    .unwrap()
    .project;
    let desk = render(&updated, &ExportOptions::new(Format::Html));
    assert!(
        desk.contains("version 2 of the article (it changed once since it was first taken in), updated 1 Dec 2026, 09:30 UTC"),
        "{desk}"
    );
    // The desk report names the file, not the reviewer's folders.
    assert!(
        desk.contains("from <span dir=\"auto\">story-v2.html</span>"),
        "{desk}"
    );
    assert!(!desk.contains("/home/ann"));
    let new_hash = updated.article.text_hash.trim_start_matches("sha256:");
    assert_ne!(new_hash, hash);
    assert!(desk.contains(&new_hash[..16]));
    let md = render(&updated, &ExportOptions::new(Format::Markdown));
    assert!(
        md.contains("**Version checked:** version 2 of the article"),
        "{md}"
    );
    // Readers see the version, but never the reviewer's file path.
    let public = public_html(&updated);
    assert!(
        public.contains("Text checked: version 2 of the article"),
        "{public}"
    );
    assert!(!public.contains("/home/ann"));
    let json: Value =
        serde_json::from_str(&render(&updated, &ExportOptions::new(Format::Json))).unwrap();
    assert_eq!(json["checked_version"]["number"], 2);
    assert_eq!(json["checked_version"]["raw_sha256"], Value::Null);
    assert_eq!(
        json["checked_version"]["text_hash"],
        updated.article.text_hash.as_str()
    );
}
