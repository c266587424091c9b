//! The HTML reports: one self-contained, printable page, in two shapes (see
//! [`crate::export::Audience`]): the desk report for the team and the
//! published fact check for readers.
//!
//! The page makes no requests: the CSS is inline, the chart is inline SVG,
//! and there is no JavaScript (the published page carries ClaimReview as a
//! `<script type="application/ld+json">` data block, which browsers never
//! run). A strict Content-Security-Policy `<meta>` (nothing but inline
//! styles and `data:` images) backs that up, so even a bug in the escaping
//! could not load or run anything.
//!
//! Desk layout: title and metadata; a summary (counts per tag and per
//! verdict, a bar chart); what ClaimReview still needs; the legend; the full
//! article with every statement highlighted in its tag colour and
//! numbered; then one card per statement with its tag, verdict, source,
//! cue, speech, published form, explanation, private note, follow-up flag,
//! evidence and when it last changed.
//!
//! Published layout: the checked article and who checked it; the claims at
//! a glance; one card per claim with a verdict (the quote, who made it, the
//! verdict on the project's scale, the explanation, the sources); how the
//! scale reads. Cards keep the desk numbering in their ids (`#claim-N`),
//! which the ClaimReview `url`s point at, and are headed "Claim 1, 2, …"
//! for readers.
//!
//! Highlights print (`print-color-adjust: exact`), and printed links show
//! their address.
//!
//! # One escaping path
//! Markup is written with `maud`, whose `html!` templates are checked at
//! compile time and escape every interpolated value (`&`, `<`, `>`, `"`;
//! attribute values are always double-quoted). Nothing user-supplied is ever
//! wrapped in `PreEscaped`: the only pre-escaped strings are the constant
//! CSS and the ClaimReview JSON, whose own escaping keeps `<`, `>` and `&`
//! out of it. Then the finished page passes once through
//! [`crate::export::controls::clean`], which replaces the control
//! characters HTML forbids: since the templates never write one, that is
//! exactly the user text that carried them. Only http(s) URLs become
//! `href`s.

use std::io::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::export::common::{
    Item, TAGS_AND_UNTAGGED, checked_version, claimant, date_part, items, linkable,
    open_items_line, published_items, rating_text, review_date, tag_description, tag_key,
    tag_label, verdict_counts,
};
use crate::export::when::{ReportZone, date_or_raw, time_or_raw};
use crate::export::{
    Audience, ExportError, ExportOptions, Format, claimreview, claimreview_advice,
    claimreview_checklist, controls,
};
use crate::model::{Evidence, Project, Tag};

/// Writes the desk report for `project` to `out`, times in UTC.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    write_with(project, &ExportOptions::new(Format::Html), out)
}

/// Writes the report for `options.audience` to `out`.
pub fn write_with(
    project: &Project,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    out.write_all(render(project, options.audience, &options.zone)?.as_bytes())?;
    Ok(())
}

/// The page as a string.
pub(crate) fn render(
    project: &Project,
    audience: Audience,
    zone: &ReportZone,
) -> Result<String, ExportError> {
    let page = match audience {
        Audience::Desk => desk(project, zone),
        Audience::Public => public(project)?,
    };
    let page = with_line_breaks(&page.into_string());
    Ok(controls::clean(&page).into_owned())
}

/// The tag's colour.
fn colour(tag: Option<Tag>) -> (u8, u8, u8) {
    match tag {
        Some(Tag::Fact) => (66, 133, 244),
        Some(Tag::Attribution) => (240, 160, 40),
        Some(Tag::Opinion) => (171, 71, 188),
        None => (158, 158, 158),
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// A light tint of `rgb` (a quarter colour, three quarters white), so
/// highlighted text stays readable.
fn tint((r, g, b): (u8, u8, u8)) -> (u8, u8, u8) {
    let mix = |c: u8| 255 - (255 - c) / 4;
    (mix(r), mix(g), mix(b))
}

const CSS: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #ddd; padding-bottom: .25rem; margin-top: 2.5rem; }
.kicker { color: #555; margin: 0 0 1rem; text-transform: uppercase; letter-spacing: .06em; font-size: .85rem; font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.meta dt { font-weight: 600; color: #555; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .2rem 1rem .2rem 0; border-bottom: 1px solid #eee; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 1em; height: 1em; border: 2px solid; border-radius: .2em; vertical-align: -.15em; margin-right: .4em; }
.legend ul { list-style: none; padding: 0; }
.legend li { margin: .2rem 0; }
.article { unicode-bidi: plaintext; white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Noto Serif", serif; font-size: 1.05rem; line-height: 1.9; }
mark { color: inherit; padding: .1em .15em; border-radius: .2em; border-bottom: 2px solid; }
mark .num { font: 700 .7rem/1 system-ui, sans-serif; vertical-align: super; margin-right: .15em; color: #333; text-decoration: none; }
.claim { border-left: 6px solid #999; padding: .5rem 1rem; margin: 1rem 0; background: #fafafa; break-inside: avoid; }
.claim header { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.claim .cnum { font-weight: 700; font-size: 1.1rem; margin: 0 .2rem 0 0; }
.badge { display: inline-block; padding: 0 .55em; border: 1px solid; border-radius: 1em; font-size: .85rem; }
.badge.verdict { border-color: #333; background: #fff; font-weight: 600; }
.badge.follow { border-color: #B3261E; color: #B3261E; background: #fff; }
.claim blockquote { unicode-bidi: plaintext; margin: .6rem 0; padding: 0; font-family: Georgia, "Noto Serif", serif; font-size: 1.05rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.claim dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
.claim dt { font-weight: 600; color: #555; }
.claim dd { margin: 0; overflow-wrap: anywhere; }
.note { white-space: pre-wrap; unicode-bidi: plaintext; }
.private { background: #fff8e1; }
.evidence { margin: 0; padding-left: 1.2rem; }
.not-linked { font-family: ui-monospace, monospace; font-size: .9em; }
.back { font-size: .85rem; color: #555; }
.checklist li { margin: .2rem 0; }
.checklist .required { color: #B3261E; }
.draft { border: 2px solid #B3261E; color: #B3261E; padding: .5rem .75rem; font-weight: 600; }
.byline { color: #333; margin: .25rem 0; }
.glance { padding-left: 1.4rem; }
.glance li { margin: .35rem 0; }
.quote { font-family: Georgia, "Noto Serif", serif; font-size: 1.15rem; margin: .6rem 0 .2rem; padding: 0; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.who { margin: 0 0 .6rem; color: #444; }
.verdict-line { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .4rem 0; }
.rating { display: inline-block; padding: .15em .7em; border-radius: .3em; font-weight: 700; color: #fff; }
.scale { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; font-size: .8rem; }
.scale li { padding: .05em .5em; border: 1px solid #bbb; border-radius: .3em; color: #555; }
.scale li.on { border-color: #1a1a1a; color: #1a1a1a; font-weight: 700; }
.explanation { white-space: pre-wrap; unicode-bidi: plaintext; margin: .5rem 0; }
.sources-title { font-size: 1rem; margin: .6rem 0 .2rem; }
.rating.v-best { background: #1E7B34; } .claim.v-best { border-left-color: #1E7B34; }
.rating.v-good { background: #5F8F1E; } .claim.v-good { border-left-color: #5F8F1E; }
.rating.v-mid { background: #9A6A00; } .claim.v-mid { border-left-color: #9A6A00; }
.rating.v-poor { background: #C2410C; } .claim.v-poor { border-left-color: #C2410C; }
.rating.v-worst { background: #B3261E; } .claim.v-worst { border-left-color: #B3261E; }
.rating.v-unrated { background: #5F6368; } .claim.v-unrated { border-left-color: #5F6368; }
footer { margin-top: 3rem; color: #666; font-size: .85rem; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .evidence a::after, dl.meta a::after, .checked a::after { content: " <" attr(href) ">"; font-size: .85em; color: #555; overflow-wrap: anywhere; }
  .back { display: none; }
  .claim, .summary, svg { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

/// The CSS for tag colours, generated from [`colour`].
fn tag_css() -> String {
    let mut css = String::new();
    for tag in TAGS_AND_UNTAGGED {
        let rgb = colour(tag);
        let key = tag_key(tag);
        css.push_str(&format!(
            ".t-{key} {{ background: {}; border-color: {}; }}\n.c-{key} {{ border-left-color: {}; }}\n",
            hex(tint(rgb)),
            hex(rgb),
            hex(rgb),
        ));
    }
    css
}

fn non_blank(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

/// `code` if it has the shape of a BCP 47 language tag (ASCII letters and
/// digits in subtags of 1 to 8, joined by `-`, starting with letters): a
/// `lang` attribute with anything else is an HTML error, and the page is
/// better without one.
fn language_tag(code: &str) -> Option<&str> {
    let code = code.trim();
    let mut subtags = code.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    let rest_ok =
        subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    (first_ok && rest_ok).then_some(code)
}

/// An http(s) URL as an `href` value: the characters the URL standard does
/// not allow raw (space, `"`, `<`, `>`, `` ` ``, `{`, `}`, `|`, `\`, `^`
/// and controls) percent-encoded, which is what a browser sends anyway.
/// The link text keeps the address as the reviewer typed it.
fn href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_control() || " \"<>`{}|\\^".contains(c) {
            out.push_str(&format!("%{:02X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole page: `<head>` with `title`, then `body`.
fn page(project: &Project, title: &str, body: Markup) -> Markup {
    let lang = language_tag(&project.meta.language);
    html! {
        (DOCTYPE)
        html lang=[lang] {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                meta name="generator" content="claimdesk";
                title { (title) }
                style { (PreEscaped(CSS)) (PreEscaped(tag_css())) }
            }
            (body)
        }
    }
}

/// Closing tags after which a line break changes nothing a reader sees:
/// none of them can sit inside the `white-space: pre-wrap` elements (the
/// article, quotes, notes), which hold only text, `mark` and `a`.
const BREAK_AFTER: [&str; 24] = [
    "</title>",
    "</style>",
    "</head>",
    "<body>",
    "</header>",
    "</section>",
    "</article>",
    "</footer>",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</p>",
    "</dl>",
    "</dd>",
    "</ul>",
    "</ol>",
    "</li>",
    "</table>",
    "</tr>",
    "</blockquote>",
    "</div>",
    "</svg>",
    "</script>",
];

/// `html` with a line break after each tag in [`BREAK_AFTER`], so a
/// report (and a snapshot diff) reads line by line; maud writes one line.
fn with_line_breaks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest.get(open..).and_then(|r| r.find('>')) else {
            break;
        };
        let end = open + close + 1;
        let tag = rest.get(open..end).unwrap_or_default();
        out.push_str(rest.get(..end).unwrap_or_default());
        if BREAK_AFTER.contains(&tag) {
            out.push('\n');
        }
        rest = rest.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A link to `url` if it is http(s), else the address as inert text.
fn link_or_text(url: &str, text: &str) -> Markup {
    html! {
        @if let Some(url) = linkable(url) {
            a href=(href(url)) rel="noopener noreferrer nofollow" { (text) }
        } @else {
            span.not-linked dir="auto" { (url) }
            " "
            small { "(not linked: only http and https addresses are)" }
        }
    }
}

fn evidence_title(e: &Evidence) -> &str {
    non_blank(&e.title).unwrap_or_else(|| e.url.trim())
}

// ---------------------------------------------------------------- desk ---

fn desk(project: &Project, zone: &ReportZone) -> Markup {
    let title = format!("{} — desk report", project.article.title);
    let body = html! {
        body {
            (desk_header(project, zone))
            (summary(project))
            (readiness(project))
            (legend())
            (article(project))
            section #claims {
                h2 { "Claims" }
                @if project.statements.is_empty() {
                    p { "The article has no statements." }
                }
                @for item in items(project) {
                    (desk_claim(project, &item, zone))
                }
            }
            (desk_footer(project))
        }
    };
    page(project, &title, body)
}

fn desk_header(project: &Project, zone: &ReportZone) -> Markup {
    let meta = &project.meta;
    let version = checked_version(project);
    let text_rows = [
        (
            "Publication",
            non_blank(&meta.publication).map(str::to_owned),
        ),
        ("Published", non_blank(&meta.published).map(date_or_raw)),
    ];
    let people_rows = [
        ("Reviewer", non_blank(&meta.reviewer)),
        ("Organisation", non_blank(&meta.organisation)),
        ("Language", non_blank(&meta.language)),
    ];
    html! {
        header {
            h1 dir="auto" { (project.article.title) }
            p.kicker { "Desk report · for the newsroom, not for publication" }
            dl.meta {
                @for (label, value) in &text_rows {
                    @if let Some(value) = value {
                        dt { (label) } dd dir="auto" { (value) }
                    }
                }
                @if let Some(url) = non_blank(&meta.article_url) {
                    dt { "Article" } dd dir="auto" { (link_or_text(url, url)) }
                }
                @for (label, value) in &people_rows {
                    @if let Some(value) = value {
                        dt { (label) } dd dir="auto" { (value) }
                    }
                }
                @if let Some(url) = non_blank(&meta.fact_check_url) {
                    dt { "Fact check" } dd dir="auto" { (link_or_text(url, url)) }
                }
                dt { "Version checked" }
                dd.version dir="auto" {
                    (version.describe(|t| time_or_raw(t, zone)))
                    @if let Some(source) = version.shown_source() {
                        " from "
                        @if let Some(url) = linkable(source) {
                            a href=(href(url)) rel="noopener noreferrer nofollow" { (url) }
                        } @else {
                            // A file path: text, not a broken link.
                            span dir="auto" { (source) }
                        }
                    }
                    "; text SHA-256 " code title=(version.text_hash) { (version.short_hash()) "…" }
                }
            }
        }
    }
}

fn summary(project: &Project) -> Markup {
    let stats = project.stats();
    let count = |tag: Option<Tag>| tag.map_or(stats.untagged, |t| stats.count(t));
    let verdicts = verdict_counts(project);
    html! {
        section #summary {
            h2 { "Summary" }
            div.summary {
                table.tags {
                    thead { tr { th { "Tag" } th.n { "Statements" } } }
                    tbody {
                        @for tag in TAGS_AND_UNTAGGED {
                            tr {
                                td { span class={ "swatch t-" (tag_key(tag)) } {} (tag_label(tag)) }
                                td.n { (count(tag)) }
                            }
                        }
                        tr { th { "Total" } td.n { (stats.total) } }
                        tr { td { "Flagged for follow-up" } td.n { (stats.follow_up) } }
                    }
                }
                @if verdicts.is_empty() {
                    p { "No verdicts yet." }
                } @else {
                    table.verdicts {
                        thead { tr { th { "Verdict" } th { "On the scale" } th.n { "Statements" } } }
                        tbody {
                            @for (verdict, n) in &verdicts {
                                tr {
                                    td dir="auto" { (verdict) }
                                    td { (rating_text(project, verdict).unwrap_or_else(|| "unrated".to_owned())) }
                                    td.n { (n) }
                                }
                            }
                        }
                    }
                }
                (chart(&TAGS_AND_UNTAGGED.map(|tag| (tag, count(tag)))))
            }
        }
    }
}

/// A horizontal bar per tag; inline SVG so it needs no request and prints.
fn chart(counts: &[(Option<Tag>, usize)]) -> Markup {
    const ROW: usize = 26;
    const LABEL: usize = 100;
    const BAR: usize = 220;
    let height = counts.len() * ROW + 4;
    let width = LABEL + BAR + 40;
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title"
            width=(width) height=(height) viewBox={ "0 0 " (width) " " (height) }
            font-family="system-ui, sans-serif" font-size="13" {
            title #chart-title { "Statements per tag" }
            @for (row, (tag, n)) in counts.iter().enumerate() {
                @let y = row * ROW;
                // A zero count still gets a sliver so the row does not look missing.
                @let bar = (BAR * n / max).max(2);
                text x="0" y=(y + 16) fill="#1a1a1a" { (tag_label(*tag)) }
                rect x=(LABEL) y=(y + 3) width=(bar) height="18" rx="3" fill=(hex(colour(*tag))) {}
                text x=(LABEL + bar + 6) y=(y + 16) fill="#1a1a1a" { (n) }
            }
        }
    }
}

/// What ClaimReview still needs, for the team.
fn readiness(project: &Project) -> Markup {
    // Open disagreements block every published shape, so they come first.
    let mut missing = crate::agree::publish_blockers(project);
    missing.extend(claimreview_checklist(project));
    let advice = claimreview_advice(project);
    html! {
        section #readiness {
            h2 { "Before publishing" }
            @if missing.is_empty() && advice.is_empty() {
                p { "Ready: the published fact check and its ClaimReview have every required and recommended property." }
            } @else {
                ul.checklist {
                    @for item in &missing {
                        li.required { "Required: " (item) }
                    }
                    @for item in &advice {
                        li { (item) }
                    }
                }
            }
        }
    }
}

fn legend() -> Markup {
    html! {
        section #legend .legend {
            h2 { "Legend" }
            ul {
                @for tag in TAGS_AND_UNTAGGED {
                    li {
                        span class={ "swatch t-" (tag_key(tag)) } {}
                        strong { (tag_label(tag)) } ": " (tag_description(tag))
                    }
                }
            }
            p { "Each highlighted statement carries its number; it links to the claim below." }
        }
    }
}

/// What a highlight says when hovered: tag and verdict.
fn hover(item: &Item<'_>) -> String {
    let mut hover = format!("{} · {}", item.number, tag_label(item.tag()));
    if let Some(verdict) = item.verdict() {
        hover.push_str(" · ");
        hover.push_str(verdict);
    }
    hover
}

fn article(project: &Project) -> Markup {
    let text = &*project.article.text;
    // (gap before, item): spans are ordered and non-overlapping (validated
    // on load); a broken one is skipped rather than printing text twice.
    let mut pieces = Vec::new();
    let mut done = 0;
    for item in items(project) {
        let range = &item.statement.range;
        if range.start < done {
            continue;
        }
        pieces.push((text.get(done..range.start).unwrap_or_default(), item));
        done = range.end;
    }
    let tail = text.get(done..).unwrap_or_default();
    html! {
        section #article {
            h2 { "Article" }
            div.article dir="auto" {
                @for (gap, item) in &pieces {
                    (gap)
                    mark class={ "t-" (tag_key(item.tag())) } id={ "s-" (item.number) } title=(hover(item)) {
                        a.num href={ "#claim-" (item.number) } { (item.number) }
                        (item.text)
                    }
                }
                (tail)
            }
        }
    }
}

fn evidence_list(evidence: &[Evidence], with_notes: bool) -> Markup {
    html! {
        ul.evidence {
            @for e in evidence {
                li {
                    (link_or_text(&e.url, evidence_title(e)))
                    @if linkable(&e.url).is_none() {
                        @if let Some(title) = non_blank(&e.title) { " " (title) }
                    }
                    @if with_notes {
                        @if let Some(note) = non_blank(&e.note) {
                            " — " span.note { (note) }
                        }
                    }
                }
            }
        }
    }
}

fn desk_claim(project: &Project, item: &Item<'_>, zone: &ReportZone) -> Markup {
    let n = item.number;
    let key = tag_key(item.tag());
    let source_label = if item.tag() == Some(Tag::Opinion) {
        "Held by"
    } else {
        "Source"
    };
    let evidence = item.evidence();
    html! {
        article class={ "claim c-" (key) } id={ "claim-" (n) } {
            header {
                h3.cnum { (n) }
                span class={ "badge t-" (key) } { (tag_label(item.tag())) }
                @if let Some(verdict) = item.verdict() {
                    span.badge.verdict dir="auto" {
                        (verdict)
                        @if let Some(position) = rating_text(project, verdict) {
                            " " small { "(" (position) ")" }
                        }
                    }
                }
                @if item.statement.follow_up {
                    span.badge.follow { "Follow up" }
                }
            }
            blockquote dir="auto" { (item.text) }
            dl {
                @if let Some(source) = item.source() {
                    dt { (source_label) } dd dir="auto" { (source) }
                }
                @if let Some(cue) = item.cue() {
                    dt { "Cue" } dd dir="auto" { (cue) }
                }
                @if let Some(speech) = item.speech() {
                    dt { "Speech" } dd { (speech.label()) }
                }
                @if item.verdict().is_some() && item.has_short_form() {
                    dt { "Claim as published" } dd dir="auto" { (item.claim_as_published()) }
                }
                @if let Some(explanation) = item.explanation() {
                    dt { "Explanation" } dd.note dir="auto" { (explanation) }
                }
                @if let Some(note) = item.note() {
                    dt { "Private note" } dd.note.private dir="auto" { (note) }
                }
                @if !evidence.is_empty() {
                    dt { "Evidence" } dd { (evidence_list(evidence, true)) }
                }
                @if let Some(modified) = item.statement.modified.as_deref() {
                    dt { "Last changed" } dd { (time_or_raw(modified, zone)) }
                }
            }
            a.back href={ "#s-" (n) } { "↑ in the article" }
        }
    }
}

fn desk_footer(project: &Project) -> Markup {
    html! {
        footer {
            p { "Made with claimdesk. Article text " (project.article.text_hash) "." }
        }
    }
}

// -------------------------------------------------------------- public ---

/// The CSS class of a verdict's colour: five steps from the best rating to
/// the worst, and one for verdicts off the scale.
fn verdict_class(project: &Project, verdict: &str) -> &'static str {
    let scale = &project.scale;
    let Some(value) = scale.rating_value(verdict) else {
        return "v-unrated";
    };
    let steps = scale.ratings.len().saturating_sub(1).max(1);
    // Eighths of the way from worst (0) to best (8).
    let eighths = (value.saturating_sub(1)) * 8 / steps;
    match eighths {
        7.. => "v-best",
        5..=6 => "v-good",
        3..=4 => "v-mid",
        1..=2 => "v-poor",
        0 => "v-worst",
    }
}

fn public(project: &Project) -> Result<Markup, ExportError> {
    let claims: Vec<Item<'_>> = published_items(project).collect();
    // Only a draft gets here with disagreements open (`export_with` refuses
    // otherwise): it says so on its face and carries no ClaimReview, so a
    // search engine never reads an unsettled verdict.
    let open = open_items_line(project);
    let json_ld = if claimreview_checklist(project).is_empty() && open.is_none() {
        Some(claimreview::to_script_text(project)?)
    } else {
        None
    };
    let title = format!("Fact check: {}", project.article.title);
    let body = html! {
        body {
            @if let Some(why) = &open {
                p.draft role="note" { "Draft, not for publication: " (why) "." }
            }
            (public_header(project, claims.len()))
            @if claims.is_empty() {
                p { "No claim in this article has a verdict yet." }
            } @else {
                section #glance {
                    h2 { "The claims at a glance" }
                    ol.glance {
                        @for item in &claims {
                            @let verdict = item.verdict().unwrap_or_default();
                            li {
                                a href={ "#claim-" (item.number) } dir="auto" { (item.claim_as_published()) }
                                " "
                                span class={ "rating " (verdict_class(project, verdict)) } dir="auto" { (verdict) }
                            }
                        }
                    }
                }
                section #claims {
                    h2 { "What we found" }
                    @for (index, item) in claims.iter().enumerate() {
                        (public_claim(project, index + 1, item))
                    }
                }
            }
            (how_we_rate(project))
            (public_footer(project))
            @if let Some(json) = json_ld {
                script type="application/ld+json" { (PreEscaped(json)) }
            }
        }
    };
    Ok(page(project, &title, body))
}

fn public_header(project: &Project, claims: usize) -> Markup {
    let meta = &project.meta;
    let version = checked_version(project);
    let by = match (non_blank(&meta.reviewer), non_blank(&meta.organisation)) {
        (Some(reviewer), Some(org)) => Some(format!("By {reviewer}, {org}")),
        (Some(name), None) | (None, Some(name)) => Some(format!("By {name}")),
        (None, None) => None,
    };
    let date = review_date(project).map(date_or_raw);
    let published = non_blank(&meta.published).map(date_or_raw);
    let claims_text = match claims {
        1 => "one claim".to_owned(),
        n => format!("{n} claims"),
    };
    html! {
        header {
            p.kicker { "Fact check" }
            h1 dir="auto" { (project.article.title) }
            @if by.is_some() || date.is_some() {
                p.byline {
                    @if let Some(by) = &by { (by) }
                    @if by.is_some() && date.is_some() { " · " }
                    @if let Some(date) = &date { time datetime=[review_date(project)] { (date) } }
                }
            }
            p.checked dir="auto" {
                "We checked " (claims_text) " in "
                @if let Some(url) = linkable(&meta.article_url) {
                    a href=(href(url)) rel="noopener noreferrer nofollow" { "this article" }
                } @else {
                    "this article"
                }
                @if let Some(publication) = non_blank(&meta.publication) {
                    ", published by " (publication)
                }
                @if let Some(published) = &published {
                    " on " (published)
                }
                "."
            }
            // Worth a line only when there is something to tell: a later
            // version, or when the page was read.
            @if version.number > 1 || version.when.is_some() {
            p.version dir="auto" {
                "Text checked: " (version.describe(|t| date_part(t).map_or_else(|| t.to_owned(), date_or_raw)))
                @if let Some(source) = version.public_source() {
                    " from " a href=(href(source)) rel="noopener noreferrer nofollow" { (source) }
                }
                "."
            }
            }
        }
    }
}

fn public_claim(project: &Project, shown: usize, item: &Item<'_>) -> Markup {
    let verdict = item.verdict().unwrap_or_default();
    let class = verdict_class(project, verdict);
    let who = claimant(project, item);
    let is_fact = item.tag() == Some(Tag::Fact);
    let rated = project.scale.rating_value(verdict).is_some();
    let evidence: Vec<&Evidence> = item
        .evidence()
        .iter()
        .filter(|e| linkable(&e.url).is_some())
        .collect();
    html! {
        article class={ "claim " (class) } id={ "claim-" (item.number) } {
            h3.cnum { "Claim " (shown) }
            blockquote.quote dir="auto" { (item.text.trim()) }
            @if let Some(who) = who {
                p.who dir="auto" {
                    @if is_fact { "Stated by " (who.name) ", in the article" } @else { "Claimed by " (who.name) }
                }
            }
            div.verdict-line {
                span class={ "rating " (class) } dir="auto" { (verdict) }
                @if rated {
                    ol.scale {
                        @for rating in &project.scale.ratings {
                            @if rating == verdict {
                                li.on aria-current="true" dir="auto" { (rating) }
                            } @else {
                                li dir="auto" { (rating) }
                            }
                        }
                    }
                }
            }
            @if let Some(explanation) = item.explanation() {
                p.explanation dir="auto" { (explanation) }
            }
            @if !evidence.is_empty() {
                h4.sources-title { "Sources" }
                ul.evidence {
                    @for e in &evidence {
                        li { (link_or_text(&e.url, evidence_title(e))) }
                    }
                }
            }
        }
    }
}

fn how_we_rate(project: &Project) -> Markup {
    let scale = &project.scale;
    html! {
        section #scale {
            h2 { "How we rate" }
            @if !scale.ratings.is_empty() {
                p { "Our verdicts run from the most true to the least:" }
                ol.scale {
                    @for rating in &scale.ratings {
                        li dir="auto" { (rating) }
                    }
                }
            }
            @if !scale.unrated.is_empty() {
                p {
                    "Off the scale, for claims the evidence cannot settle: "
                    @for (index, verdict) in scale.unrated.iter().enumerate() {
                        @if index > 0 { ", " }
                        span dir="auto" { (verdict) }
                    }
                    "."
                }
            }
        }
    }
}

fn public_footer(project: &Project) -> Markup {
    let meta = &project.meta;
    html! {
        footer {
            @if let Some(org) = non_blank(&meta.organisation) {
                p dir="auto" {
                    "Published by " (org)
                    @if let Some(url) = linkable(&meta.fact_check_url) {
                        " at " a href=(href(url)) { (url) }
                    }
                    "."
                }
            }
            p { "Made with claimdesk." }
        }
    }
}

/// `text` escaped for HTML by the same escaper the report templates use
/// (maud's), with the characters HTML forbids replaced: for pages built
/// outside a template (the agreement report), so every HTML claimdesk
/// writes goes through one escaping path.
pub(crate) fn escape(text: &str) -> String {
    let cleaned = super::controls::clean(text);
    maud::html! { (cleaned.as_ref()) }.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_links_get_an_href() {
        let linked = link_or_text("https://example.org/", "x").into_string();
        assert!(linked.starts_with("<a href=\"https://"), "{linked}");
        let refused = link_or_text("javascript:alert(1)", "x").into_string();
        assert!(!refused.contains("href"), "{refused}");
        assert!(refused.contains("javascript:alert(1)"));
    }

    #[test]
    fn only_well_formed_language_tags_become_lang() {
        assert_eq!(language_tag(" en "), Some("en"));
        assert_eq!(language_tag("pt-BR"), Some("pt-BR"));
        assert_eq!(language_tag("zh-Hant-TW"), Some("zh-Hant-TW"));
        assert_eq!(language_tag("en\" onload=\"x"), None);
        assert_eq!(language_tag("englishlanguage"), None);
        assert_eq!(language_tag(""), None);
    }

    #[test]
    fn hrefs_percent_encode_what_urls_forbid() {
        assert_eq!(
            href("https://e.org/a\"><b>?q=a b|c^{d}`\\"),
            "https://e.org/a%22%3E%3Cb%3E?q=a%20b%7Cc%5E%7Bd%7D%60%5C"
        );
        assert_eq!(
            href("https://e.org/é?x=1&y=2#f"),
            "https://e.org/é?x=1&y=2#f"
        );
    }

    #[test]
    fn tints_are_light() {
        assert_eq!(hex(tint(colour(Some(Tag::Fact)))), "#D0E1FD");
        assert_eq!(hex(colour(Some(Tag::Attribution))), "#F0A028");
    }

    #[test]
    fn verdict_colours_run_from_best_to_worst() {
        let project = crate::model::Project::new(
            crate::model::Article::new("t", None, std::sync::Arc::from("x")),
            Vec::new(),
            "en",
        );
        let classes: Vec<&str> = [
            "True",
            "Mostly true",
            "Half true",
            "Mostly false",
            "False",
            "Unverifiable",
        ]
        .iter()
        .map(|v| verdict_class(&project, v))
        .collect();
        assert_eq!(
            classes,
            [
                "v-best",
                "v-good",
                "v-mid",
                "v-poor",
                "v-worst",
                "v-unrated"
            ]
        );
    }
}
