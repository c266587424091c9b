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

mod desk;
mod public;

use desk::desk;
use public::public;

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
    use super::public::verdict_class;
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
