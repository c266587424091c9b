//! Every export format for two fixture projects: `full` uses every field,
//! `hostile` is full of markup, script, formula and right-to-left text.
//! Text snapshots pin the output; the assertions below check what a
//! snapshot review could miss (parsing, positions, escaping).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers: a failed step should fail the test"
)]

use std::path::Path;

use claimdesk::export::{self, Audience, ExportOptions, Format};
use claimdesk::model::{Project, Tag};
use claimdesk::project_file;

const FULL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/full.claims.ron"
);
const HOSTILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/hostile.claims.ron"
);

fn load(path: &str) -> Project {
    project_file::load(Path::new(path)).unwrap()
}

/// Every format but PDF (printed by Chromium: see `report_browser.rs`),
/// reports in both audiences.
fn text_exports() -> Vec<(String, ExportOptions)> {
    let mut all = Vec::new();
    for format in Format::ALL {
        if format == Format::Pdf {
            continue;
        }
        if format.has_audience() {
            for audience in Audience::ALL {
                all.push((
                    format!("{}.{}", audience.key(), format.suffix()),
                    ExportOptions::new(format).audience(audience).draft(true),
                ));
            }
        } else {
            all.push((
                format.suffix().to_owned(),
                ExportOptions::new(format).draft(true),
            ));
        }
    }
    all
}

fn render_with(project: &Project, options: &ExportOptions) -> String {
    let mut out = Vec::new();
    export::export_with(project, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// `format` for the desk (or its only shape), as a draft, times in UTC.
fn render(project: &Project, format: Format) -> String {
    render_with(
        project,
        &ExportOptions::new(format)
            .audience(Audience::Desk)
            .draft(true),
    )
}

fn json(project: &Project, format: Format) -> serde_json::Value {
    serde_json::from_str(&render(project, format)).unwrap()
}

/// The article text from code point `start` to `end`.
fn by_chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/sample-published.claims.ron"
);
const CONTROLS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/controls.claims.ron"
);

#[test]
fn snapshots_full() {
    let project = load(FULL);
    for (name, options) in text_exports() {
        insta::assert_snapshot!(format!("full.{name}"), render_with(&project, &options));
    }
}

#[test]
fn snapshots_hostile() {
    let project = load(HOSTILE);
    for (name, options) in text_exports() {
        insta::assert_snapshot!(format!("hostile.{name}"), render_with(&project, &options));
    }
}

#[test]
fn snapshots_sample_and_controls() {
    for (stem, path) in [("sample", SAMPLE), ("controls", CONTROLS)] {
        let project = load(path);
        for (name, options) in text_exports() {
            insta::assert_snapshot!(format!("{stem}.{name}"), render_with(&project, &options));
        }
    }
}

#[test]
fn local_times_follow_the_zone_asked_for() {
    let project = load(FULL);
    let Some(berlin) = export::ReportZone::named("Europe/Berlin") else {
        println!("SKIP: no zoneinfo for Europe/Berlin");
        return;
    };
    let utc = render(&project, Format::Html);
    let local = render_with(&project, &ExportOptions::new(Format::Html).zone(berlin));
    // 2026-11-23T16:45:10Z, the vote statement's last change.
    assert!(utc.contains("<dd>23 Nov 2026, 16:45 UTC</dd>"), "{utc}");
    assert!(local.contains("<dd>23 Nov 2026, 17:45 CET</dd>"));
    assert!(!utc.contains("2026-11-23T16:45:10Z"), "no raw timestamps");
}

#[test]
fn output_depends_only_on_the_project() {
    // Not the same call twice on one value: a project rebuilt through the
    // project file (new allocations, a fresh parse), rendered on another
    // thread (another hash seed for any map), gives the same bytes, so
    // nothing but the project reaches a report.
    for path in [FULL, HOSTILE] {
        let project = load(path);
        let text = claimdesk::project_file::to_string(&project).unwrap();
        let rebuilt = claimdesk::project_file::from_str(&text, std::path::Path::new(path)).unwrap();
        for (name, options) in text_exports() {
            let here = render_with(&project, &options);
            let there = std::thread::scope(|scope| {
                scope
                    .spawn(|| render_with(&rebuilt, &options))
                    .join()
                    .unwrap()
            });
            assert_eq!(here, there, "{name} of {path}");
        }
    }
}

#[test]
fn a_failing_writer_is_an_error_not_a_panic() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let project = load(FULL);
    for (name, options) in text_exports() {
        let err = export::export_with(&project, &options, &mut Broken).unwrap_err();
        assert!(err.to_string().contains("disk full"), "{name}: {err}");
    }
}

#[test]
fn json_carries_every_statement_and_field() {
    for path in [FULL, HOSTILE] {
        let project = load(path);
        let value = json(&project, Format::Json);
        assert_eq!(value["format"], "claimdesk-report");
        assert_eq!(value["version"], 1);
        assert_eq!(value["article"]["text"], &*project.article.text);
        assert_eq!(value["article"]["text_hash"], project.article.text_hash);
        let statements = value["statements"].as_array().unwrap();
        assert_eq!(statements.len(), project.statements.len());
        for (index, (out, s)) in statements.iter().zip(&project.statements).enumerate() {
            assert_eq!(out["number"], index + 1);
            assert_eq!(out["id"], s.id.0);
            assert_eq!(out["start"], s.range.start);
            assert_eq!(out["end"], s.range.end);
            assert_eq!(out["text"], project.text_of(s));
            let chars = by_chars(
                &project.article.text,
                out["start_char"].as_u64().unwrap(),
                out["end_char"].as_u64().unwrap(),
            );
            assert_eq!(chars, project.text_of(s));
            assert_eq!(out["tag"].as_str(), s.tag.map(Tag::key));
            // Unlike the reports, JSON keeps fields the tag does not use.
            assert_eq!(out["verdict"].as_str(), s.verdict.as_deref());
            assert_eq!(out["note"], s.note);
            assert_eq!(out["explanation"], s.explanation);
            assert_eq!(out["claim_reviewed"], s.claim_reviewed);
            assert_eq!(out["source"], s.source);
            assert_eq!(out["follow_up"], s.follow_up);
            assert_eq!(out["evidence"].as_array().unwrap().len(), s.evidence.len());
        }
    }
}

#[test]
fn claimreview_is_json_ld_with_whole_claims_and_scale_positions() {
    for path in [FULL, HOSTILE] {
        let project = load(path);
        let reviews = json(&project, Format::ClaimReview);
        let reviews = reviews.as_array().unwrap();
        let expected = project
            .statements
            .iter()
            .filter(|s| matches!(s.tag, Some(Tag::Fact | Tag::Attribution)) && s.verdict.is_some())
            .count();
        assert_eq!(reviews.len(), expected, "{path}");
        for review in reviews {
            assert_eq!(review["@context"], "https://schema.org");
            assert_eq!(review["@type"], "ClaimReview");
            let claim = review["claimReviewed"].as_str().unwrap();
            assert!(!claim.contains('…'), "never cut off: {claim}");
            let n: usize = review["url"]
                .as_str()
                .map_or("", |u| u.rsplit("#claim-").next().unwrap())
                .parse()
                .unwrap_or(0);
            if n > 0 {
                let s = &project.statements[n - 1];
                let whole = project
                    .text_of(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let expected = if s.claim_reviewed.is_empty() {
                    whole
                } else {
                    s.claim_reviewed.clone()
                };
                assert_eq!(claim, expected);
            }
            let rating = &review["reviewRating"];
            let verdict = rating["alternateName"].as_str().unwrap();
            match project.scale.rating_value(verdict) {
                Some(value) => {
                    assert_eq!(rating["ratingValue"], value);
                    assert_eq!(rating["bestRating"], project.scale.ratings.len());
                    assert_eq!(rating["worstRating"], 1);
                }
                None => {
                    assert!(rating.get("ratingValue").is_none(), "{rating}");
                    assert!(rating.get("bestRating").is_none(), "{rating}");
                }
            }
        }
    }
}

#[test]
fn claimreview_fields_follow_the_metadata() {
    let full = json(&load(FULL), Format::ClaimReview);
    let first = &full[0];
    // The fact check's own address, not the checked article's.
    assert_eq!(
        first["url"],
        "https://factcheck.example/2026/bridge-budget#claim-2"
    );
    assert_eq!(first["author"]["@type"], "Organization");
    assert_eq!(first["author"]["name"], "Riverside Fact Check");
    assert_eq!(first["datePublished"], "2026-11-23", "latest modified date");
    assert_eq!(first["itemReviewed"]["datePublished"], "2026-11-14");
    assert_eq!(
        first["itemReviewed"]["appearance"]["url"],
        "https://herald.example/2026/11/bridge-budget"
    );
    let long = full
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["claimReviewed"]
                .as_str()
                .unwrap()
                .starts_with("District unemployment")
        })
        .unwrap();
    assert_eq!(
        long["claimReviewed"], "District unemployment fell to 6.1%, a record low",
        "the reviewer's short form"
    );
    assert_eq!(
        long["reviewRating"]["ratingExplanation"],
        "The statistics office puts last year's rate at 6.8%.\nIts district series begins in 1995, not 1990."
    );
    let quoted = full
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["itemReviewed"]["author"]["name"] == "Ana Lopez, mayor")
        .unwrap();
    assert_eq!(quoted["reviewRating"]["alternateName"], "Unverifiable");

    // A draft without organisation or fact-check URL leaves both out; a
    // javascript: article URL is not an address, so no appearance either.
    let hostile = json(&load(HOSTILE), Format::ClaimReview);
    for review in hostile.as_array().unwrap() {
        assert!(review.get("author").is_none());
        assert!(review.get("url").is_none());
        assert!(review["itemReviewed"].get("appearance").is_none());
        assert_eq!(review["datePublished"], "2026-11-06");
    }
}

#[test]
fn json_ld_can_sit_inside_a_script_element() {
    let project = load(HOSTILE);
    for format in [Format::ClaimReview, Format::WebAnnotation] {
        let text = render(&project, format);
        assert!(!text.contains(['<', '>', '&']), "{format:?}");
        assert!(text.contains("\\u003cscript\\u003e"));
    }
}

#[test]
fn web_annotation_positions_are_code_points_and_match_the_quote() {
    for path in [FULL, HOSTILE] {
        let project = load(path);
        let text = &*project.article.text;
        let value = json(&project, Format::WebAnnotation);
        assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(value["type"], "AnnotationCollection");
        let items = value["first"]["items"].as_array().unwrap();
        let tagged = project
            .statements
            .iter()
            .filter(|s| s.tag.is_some())
            .count();
        assert_eq!(items.len(), tagged);
        assert_eq!(value["total"], tagged);
        let mut ids = std::collections::BTreeSet::new();
        for annotation in items {
            assert!(ids.insert(annotation["id"].as_str().unwrap().to_owned()));
            let selectors = annotation["target"]["selector"].as_array().unwrap();
            let quote = &selectors[0];
            let position = &selectors[1];
            assert_eq!(quote["type"], "TextQuoteSelector");
            assert_eq!(position["type"], "TextPositionSelector");
            let (start, end) = (
                position["start"].as_u64().unwrap(),
                position["end"].as_u64().unwrap(),
            );
            assert_eq!(by_chars(text, start, end), quote["exact"].as_str().unwrap());
            let prefix = quote["prefix"].as_str().unwrap();
            let suffix = quote["suffix"].as_str().unwrap();
            let (p, q) = (prefix.chars().count(), suffix.chars().count());
            // At least 32 where the text has them (see the re-anchoring test).
            assert!(p >= 32 || p as u64 == start, "{prefix:?}");
            assert!(q >= 32 || by_chars(text, end, end + q as u64 + 1).chars().count() == q);
            let prefix_len = prefix.chars().count() as u64;
            assert_eq!(by_chars(text, start - prefix_len, start), prefix);
            let suffix_len = suffix.chars().count() as u64;
            assert_eq!(by_chars(text, end, end + suffix_len), suffix);
            let bodies = annotation["body"].as_array().unwrap();
            assert_eq!(bodies[0]["purpose"], "tagging");
        }
    }
}

#[test]
fn web_annotation_sources_and_ids() {
    let full = load(FULL);
    let value = json(&full, Format::WebAnnotation);
    let first = &value["first"]["items"][0];
    assert_eq!(
        first["target"]["source"],
        "https://herald.example/2026/11/bridge-budget"
    );
    assert_eq!(
        first["id"],
        format!("urn:claimdesk:{}:statement:2", full.article.text_hash)
    );
    assert_eq!(first["body"][0]["value"], "fact");
    assert_eq!(first["body"][1]["purpose"], "commenting");
    assert_eq!(first["body"][1]["value"], "Matches the published minutes.");

    let hostile = load(HOSTILE);
    let value = json(&hostile, Format::WebAnnotation);
    let hex = hostile.article.text_hash.strip_prefix("sha256:").unwrap();
    for annotation in value["first"]["items"].as_array().unwrap() {
        assert_eq!(annotation["target"]["source"], format!("urn:sha256:{hex}"));
        for body in annotation["body"].as_array().unwrap() {
            if let Some(id) = body.get("id") {
                assert!(id.as_str().unwrap().starts_with("https://"), "{body}");
            }
        }
    }
}

#[test]
fn csv_parses_back_to_one_row_per_statement() {
    for path in [FULL, HOSTILE] {
        let project = load(path);
        let csv = render(&project, Format::Csv);
        assert!(csv.contains("\r\n"), "RFC 4180 line ends");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header, export::csv::COLUMNS);
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), project.statements.len());
        for (index, (row, s)) in rows.iter().zip(&project.statements).enumerate() {
            assert_eq!(row.len(), header.len());
            assert_eq!(row[column("number")], (index + 1).to_string());
            assert_eq!(row[column("id")], s.id.0.to_string());
            let text = project.text_of(s);
            let cell = &row[column("text")];
            assert_eq!(cell.strip_prefix('\'').unwrap_or(cell), text);
            let (start, end) = (
                row[column("start")].parse::<u64>().unwrap(),
                row[column("end")].parse::<u64>().unwrap(),
            );
            assert_eq!(by_chars(&project.article.text, start, end), text);
            assert_eq!(row[column("tag")], *s.tag.map_or("", Tag::key));
            let note = &row[column("note")];
            assert_eq!(note.strip_prefix('\'').unwrap_or(note), s.note);
            let explanation = &row[column("explanation")];
            let expected =
                if s.verdict.is_some() && matches!(s.tag, Some(Tag::Fact | Tag::Attribution)) {
                    s.explanation.trim()
                } else {
                    ""
                };
            assert_eq!(
                explanation.strip_prefix('\'').unwrap_or(explanation),
                expected
            );
            let urls: Vec<&str> = row[column("evidence_urls")]
                .split('\n')
                .filter(|u| !u.is_empty())
                .collect();
            let expected: Vec<&str> = match s.tag {
                Some(Tag::Fact | Tag::Attribution) => {
                    s.evidence.iter().map(|e| e.url.trim()).collect()
                }
                _ => Vec::new(),
            };
            // Compared without stripping a `'`: every fixture URL starts
            // with a scheme, so none is mistaken for a formula.
            assert_eq!(urls, expected);
            assert_eq!(row[column("follow_up")], s.follow_up.to_string());
        }
    }
}

#[test]
fn csv_defuses_formulas_and_keeps_commas_quotes_and_newlines() {
    let project = load(HOSTILE);
    let text = render(&project, Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let header = export::csv::COLUMNS;
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a spreadsheet would run {cell:?}"
            );
        }
    }
    let formula_row = &rows[3];
    assert_eq!(&formula_row[column("note")], "'=1+1");
    assert!(formula_row[column("text")].starts_with("'=1+1 is what"));
    assert_eq!(&formula_row[column("source")], "", "a fact has no source");
    let multi = &rows[1];
    assert_eq!(
        &multi[column("note")],
        "Line one, with a comma\nLine two \"quoted\"\n\n- list item?\n=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(&multi[column("verdict")], "'=cmd|' /C calc'!A0");
    assert_eq!(&rows[4][column("source")], "'-minus source");
}

/// The tags in an HTML page outside `<style>`: (name, attributes) with
/// attribute values unquoted. User text is escaped, so every `<` in the page
/// starts a tag claimdesk wrote.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let close = rest.find('>').unwrap();
        let inside = &rest[..close];
        rest = &rest[close + 1..];
        if inside.starts_with('!') || inside.starts_with('/') {
            continue;
        }
        let name_end = inside.find([' ', '/']).unwrap_or(inside.len());
        let name = inside[..name_end].to_ascii_lowercase();
        let mut attributes = Vec::new();
        let mut attrs = inside[name_end..].trim_start_matches('/').trim();
        while !attrs.is_empty() {
            let eq = attrs.find('=').unwrap();
            let key = attrs[..eq].trim().to_ascii_lowercase();
            let after = &attrs[eq + 1..];
            assert!(after.starts_with('"'), "unquoted attribute in <{inside}>");
            let end = after[1..].find('"').unwrap();
            attributes.push((key, after[1..end + 1].to_owned()));
            attrs = after[end + 2..].trim().trim_start_matches('/').trim();
        }
        if name == "style" {
            let end = rest.find("</style>").unwrap();
            rest = &rest[end..];
        }
        found.push((name, attributes));
    }
    found
}

#[test]
fn hostile_html_has_only_claimdesks_own_markup() {
    for audience in Audience::ALL {
        let html = render_with(
            &load(HOSTILE),
            &ExportOptions::new(Format::Html).audience(audience),
        );
        hostile_html_check(&html);
        if audience == Audience::Desk {
            assert!(html.contains("&lt;img src=x onerror=&quot;document.title='pwned'&quot;&gt;"));
        }
    }
}

fn hostile_html_check(html: &str) {
    let html = html.to_owned();
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.to_ascii_lowercase().contains("<img"));
    assert!(!html.contains("href=\"javascript:"));
    assert!(!html.to_ascii_lowercase().contains("href=\"data:"));
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "p",
        "dl",
        "dt",
        "dd",
        "a",
        "section",
        "div",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "svg",
        "text",
        "rect",
        "ul",
        "li",
        "strong",
        "mark",
        "article",
        "blockquote",
        "small",
        "footer",
        "h3",
        "h4",
        "ol",
        "time",
        "code",
    ];
    let tags = tags(&html);
    assert!(tags.len() > 30);
    for (name, attributes) in &tags {
        assert!(allowed.contains(&name.as_str()), "unexpected <{name}>");
        for (key, value) in attributes {
            assert!(!key.starts_with("on"), "<{name} {key}>");
            if key == "href" {
                assert!(
                    value.starts_with('#')
                        || value.starts_with("https://")
                        || value.starts_with("http://"),
                    "<{name} href={value}>"
                );
            }
        }
    }
    // The hostile text is there, as text.
    assert!(html.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"));
    // A language that is no language tag gives no lang attribute at all.
    assert!(html.contains("<html><head>"), "{html}");
    // The http URL with markup in it is linked, percent-encoded.
    assert!(
        html.contains(
            "href=\"https://example.org/a%22%3E%3Cscript%3Ealert('pwned')%3C/script%3E\""
        )
    );
    // The local file path is not published.
    assert!(!html.contains("secret"));
}

#[test]
fn html_is_self_contained_and_printable() {
    let html = render(&load(FULL), Format::Html);
    assert!(html.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
    assert!(html.contains("@media print"));
    assert!(html.contains("print-color-adjust: exact"));
    assert!(html.contains("-webkit-print-color-adjust: exact"));
    assert!(html.contains(".t-fact { background: #D0E1FD; border-color: #4285F4; }"));
    assert!(html.contains("<svg"));
    for (name, attributes) in tags(&html) {
        for (key, value) in attributes {
            if key == "src" || (key == "href" && name == "link") {
                panic!("external resource <{name} {key}={value}>");
            }
        }
    }
    // Every statement highlighted and numbered, linked to its claim.
    let project = load(FULL);
    for number in 1..=project.statements.len() {
        assert!(html.contains(&format!("id=\"s-{number}\"")));
        assert!(html.contains(&format!("id=\"claim-{number}\"")));
    }
    // The stale verdict on the opinion is not published.
    let opinion = html.split("id=\"claim-8\"").nth(1).unwrap();
    let opinion = opinion.split("</article>").next().unwrap();
    assert!(!opinion.contains("badge verdict"), "{opinion}");
    assert!(opinion.contains("Held by"));
}

#[test]
fn markdown_has_no_raw_html_or_foreign_links() {
    use pulldown_cmark::{Event, Options, Parser, Tag as MdTag};
    for path in [FULL, HOSTILE] {
        let md = render(&load(path), Format::Markdown);
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_MATH
            | Options::ENABLE_FOOTNOTES;
        let mut links = 0;
        let mut headings = 0;
        for event in Parser::new_ext(&md, options) {
            match event {
                Event::Html(html) | Event::InlineHtml(html) => {
                    panic!("raw HTML {html:?} in {path}")
                }
                Event::InlineMath(m) | Event::DisplayMath(m) => panic!("math {m:?} in {path}"),
                Event::Start(MdTag::Link { dest_url, .. }) => {
                    links += 1;
                    assert!(
                        dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                        "{dest_url}"
                    );
                }
                Event::Start(MdTag::Image { dest_url, .. }) => panic!("image {dest_url}"),
                Event::Start(MdTag::Heading { .. }) => headings += 1,
                Event::Start(MdTag::Strikethrough) => panic!("strikethrough from user text"),
                _ => {}
            }
        }
        assert!(links > 0, "evidence links survive in {path}");
        let project = load(path);
        assert_eq!(
            headings,
            1 + 5 + project.statements.len(),
            "title, five sections, one per claim: no heading injected in {path}"
        );
    }
}

#[test]
fn markdown_keeps_the_text_readable() {
    let md = render(&load(HOSTILE), Format::Markdown);
    assert!(md.contains(r"\<script\>document.title='pwned'\</script\>"));
    assert!(md.contains("> \\# Not a heading"));
    assert!(md.contains("> \\- not a list"));
    assert!(md.contains("> 1\\. not an ordered list"));
    assert!(md.contains("قال الوزير"));
}
