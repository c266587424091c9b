//! The HTML report: one self-contained, printable page a newsroom can mail,
//! archive or publish.
//!
//! The page makes no requests: the CSS is inline, the chart is inline SVG,
//! and there is no JavaScript. A strict Content-Security-Policy `<meta>`
//! (nothing but inline styles and `data:` images) backs that up, so even a
//! bug in the escaping below could not load or run anything.
//!
//! Layout: title and metadata; a summary (counts per tag and per verdict,
//! a bar chart); the legend; the full article with every statement
//! highlighted in its tag colour and numbered; then one card per claim with
//! its tag, verdict, source, cue, speech, note, follow-up flag and evidence.
//! Highlights print (`print-color-adjust: exact`), and printed links show
//! their address.
//!
//! Escaping is hand-written (`escape`, five characters) rather than a
//! templating crate: the page is small, its structure is fixed, and one
//! escaper that every piece of user text visibly passes through is easier to
//! audit than a second template syntax. Only http(s) URLs become `href`s.

use std::io::Write;

use crate::export::ExportError;
use crate::export::common::{
    Item, TAGS_AND_UNTAGGED, items, linkable, rating_text, tag_description, tag_key, tag_label,
    verdict_counts,
};
use crate::model::{Project, Tag};

/// Writes the HTML report for `project` to `out`.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    out.write_all(render(project).as_bytes())?;
    Ok(())
}

/// The page as a string.
fn render(project: &Project) -> String {
    let mut page = String::with_capacity(project.article.text.len() * 3 + 16 * 1024);
    head(project, &mut page);
    page.push_str("<body>\n");
    header(project, &mut page);
    summary(project, &mut page);
    legend(&mut page);
    article(project, &mut page);
    claims(project, &mut page);
    footer(project, &mut page);
    page.push_str("</body>\n</html>\n");
    page
}

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
.kicker { color: #555; margin: 0 0 1rem; }
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
.claim { border-left: 6px solid; padding: .5rem 1rem; margin: 1rem 0; background: #fafafa; break-inside: avoid; }
.claim header { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.claim .cnum { font-weight: 700; font-size: 1.1rem; margin-right: .2rem; }
.badge { display: inline-block; padding: 0 .55em; border: 1px solid; border-radius: 1em; font-size: .85rem; }
.badge.verdict { border-color: #333; background: #fff; font-weight: 600; }
.badge.follow { border-color: #B3261E; color: #B3261E; background: #fff; }
.claim blockquote { unicode-bidi: plaintext; margin: .6rem 0; padding: 0; font-family: Georgia, "Noto Serif", serif; font-size: 1.05rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.claim dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
.claim dt { font-weight: 600; color: #555; }
.claim dd { margin: 0; overflow-wrap: anywhere; }
.note { white-space: pre-wrap; unicode-bidi: plaintext; }
.evidence { margin: 0; padding-left: 1.2rem; }
.not-linked { font-family: ui-monospace, monospace; font-size: .9em; }
.back { font-size: .85rem; color: #555; }
footer { margin-top: 3rem; color: #666; font-size: .85rem; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .evidence a::after, dl.meta a::after { content: " <" attr(href) ">"; font-size: .85em; color: #555; overflow-wrap: anywhere; }
  .back { display: none; }
  .claim, .summary, svg { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

fn head(project: &Project, page: &mut String) {
    let lang = project.meta.language.trim();
    page.push_str("<!DOCTYPE html>\n");
    if lang.is_empty() {
        page.push_str("<html>\n");
    } else {
        page.push_str(&format!("<html lang=\"{}\">\n", escape(lang)));
    }
    page.push_str(concat!(
        "<head>\n",
        "<meta charset=\"utf-8\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta name=\"referrer\" content=\"no-referrer\">\n",
        "<meta name=\"generator\" content=\"claimdesk\">\n",
    ));
    page.push_str(&format!(
        "<title>{} — fact-check report</title>\n",
        escape(&project.article.title)
    ));
    page.push_str("<style>\n");
    page.push_str(CSS);
    for tag in TAGS_AND_UNTAGGED {
        let rgb = colour(tag);
        let key = tag_key(tag);
        page.push_str(&format!(
            ".t-{key} {{ background: {}; border-color: {}; }}\n.c-{key} {{ border-left-color: {}; }}\n",
            hex(tint(rgb)),
            hex(rgb),
            hex(rgb),
        ));
    }
    page.push_str("</style>\n</head>\n");
}

/// A link to `url` if it is http(s), else the address as inert text.
fn link_or_text(url: &str, text: &str) -> String {
    match linkable(url) {
        Some(url) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            escape(url),
            escape(text)
        ),
        None => format!(
            "<span class=\"not-linked\" dir=\"auto\">{}</span> <small>(not linked: only http and https addresses are)</small>",
            escape(url)
        ),
    }
}

fn header(project: &Project, page: &mut String) {
    let meta = &project.meta;
    page.push_str("<header>\n");
    page.push_str(&format!(
        "<h1 dir=\"auto\">{}</h1>\n",
        escape(&project.article.title)
    ));
    page.push_str("<p class=\"kicker\">Fact-check report</p>\n<dl class=\"meta\">\n");
    let mut row = |label: &str, value_html: String| {
        page.push_str(&format!(
            "<dt>{label}</dt><dd dir=\"auto\">{value_html}</dd>\n"
        ));
    };
    let text_rows = [
        ("Publication", &meta.publication),
        ("Published", &meta.published),
    ];
    for (label, value) in text_rows {
        if !value.trim().is_empty() {
            row(label, escape(value));
        }
    }
    if !meta.article_url.trim().is_empty() {
        row(
            "Article",
            link_or_text(&meta.article_url, meta.article_url.trim()),
        );
    }
    let text_rows = [
        ("Reviewer", &meta.reviewer),
        ("Organisation", &meta.organisation),
        ("Language", &meta.language),
    ];
    for (label, value) in text_rows {
        if !value.trim().is_empty() {
            row(label, escape(value));
        }
    }
    page.push_str("</dl>\n</header>\n");
}

fn summary(project: &Project, page: &mut String) {
    let stats = project.stats();
    let count = |tag: Option<Tag>| tag.map_or(stats.untagged, |t| stats.count(t));
    page.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"summary\">\n");

    page.push_str("<table class=\"tags\">\n<thead><tr><th>Tag</th><th class=\"n\">Statements</th></tr></thead>\n<tbody>\n");
    for tag in TAGS_AND_UNTAGGED {
        page.push_str(&format!(
            "<tr><td><span class=\"swatch t-{}\"></span>{}</td><td class=\"n\">{}</td></tr>\n",
            tag_key(tag),
            tag_label(tag),
            count(tag)
        ));
    }
    page.push_str(&format!(
        "<tr><th>Total</th><td class=\"n\">{}</td></tr>\n<tr><td>Flagged for follow-up</td><td class=\"n\">{}</td></tr>\n</tbody>\n</table>\n",
        stats.total, stats.follow_up
    ));

    let verdicts = verdict_counts(project);
    if verdicts.is_empty() {
        page.push_str("<p>No verdicts yet.</p>\n");
    } else {
        page.push_str("<table class=\"verdicts\">\n<thead><tr><th>Verdict</th><th>On the scale</th><th class=\"n\">Statements</th></tr></thead>\n<tbody>\n");
        for (verdict, n) in verdicts {
            let position = rating_text(project, verdict).unwrap_or_else(|| "unrated".to_owned());
            page.push_str(&format!(
                "<tr><td dir=\"auto\">{}</td><td>{}</td><td class=\"n\">{n}</td></tr>\n",
                escape(verdict),
                escape(&position)
            ));
        }
        page.push_str("</tbody>\n</table>\n");
    }

    chart(&TAGS_AND_UNTAGGED.map(|tag| (tag, count(tag))), page);
    page.push_str("</div>\n</section>\n");
}

/// A horizontal bar per tag; inline SVG so it needs no request and prints.
fn chart(counts: &[(Option<Tag>, usize)], page: &mut String) {
    const ROW: usize = 26;
    const LABEL: usize = 100;
    const BAR: usize = 220;
    let height = counts.len() * ROW + 4;
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    page.push_str(&format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n<title id=\"chart-title\">Statements per tag</title>\n",
        w = LABEL + BAR + 40,
    ));
    for (row, (tag, n)) in counts.iter().enumerate() {
        let y = row * ROW;
        // A zero count still gets a sliver so the row does not look missing.
        let width = (BAR * n / max).max(2);
        page.push_str(&format!(
            "<text x=\"0\" y=\"{}\" fill=\"#1a1a1a\">{}</text><rect x=\"{LABEL}\" y=\"{}\" width=\"{width}\" height=\"18\" rx=\"3\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{n}</text>\n",
            y + 16,
            tag_label(*tag),
            y + 3,
            hex(colour(*tag)),
            LABEL + width + 6,
            y + 16,
        ));
    }
    page.push_str("</svg>\n");
}

fn legend(page: &mut String) {
    page.push_str("<section id=\"legend\" class=\"legend\">\n<h2>Legend</h2>\n<ul>\n");
    for tag in TAGS_AND_UNTAGGED {
        page.push_str(&format!(
            "<li><span class=\"swatch t-{}\"></span><strong>{}</strong>: {}</li>\n",
            tag_key(tag),
            tag_label(tag),
            tag_description(tag)
        ));
    }
    page.push_str("</ul>\n<p>Each highlighted statement carries its number; it links to the claim below.</p>\n</section>\n");
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

fn article(project: &Project, page: &mut String) {
    let text = &*project.article.text;
    page.push_str(
        "<section id=\"article\">\n<h2>Article</h2>\n<div class=\"article\" dir=\"auto\">",
    );
    let mut done = 0;
    for item in items(project) {
        let range = &item.statement.range;
        // Spans are ordered and non-overlapping (validated on load); a
        // broken one is skipped rather than printing text twice.
        if range.start < done {
            continue;
        }
        page.push_str(&escape(text.get(done..range.start).unwrap_or_default()));
        page.push_str(&format!(
            "<mark class=\"t-{}\" id=\"s-{n}\" title=\"{}\"><a class=\"num\" href=\"#claim-{n}\">{n}</a>{}</mark>",
            tag_key(item.tag()),
            escape(&hover(&item)),
            escape(item.text),
            n = item.number,
        ));
        done = range.end;
    }
    page.push_str(&escape(text.get(done..).unwrap_or_default()));
    page.push_str("</div>\n</section>\n");
}

fn claims(project: &Project, page: &mut String) {
    page.push_str("<section id=\"claims\">\n<h2>Claims</h2>\n");
    if project.statements.is_empty() {
        page.push_str("<p>The article has no statements.</p>\n");
    }
    for item in items(project) {
        claim(project, &item, page);
    }
    page.push_str("</section>\n");
}

fn claim(project: &Project, item: &Item<'_>, page: &mut String) {
    let n = item.number;
    let key = tag_key(item.tag());
    page.push_str(&format!(
        "<article class=\"claim c-{key}\" id=\"claim-{n}\">\n<header><span class=\"cnum\">{n}</span><span class=\"badge t-{key}\">{}</span>",
        tag_label(item.tag())
    ));
    if let Some(verdict) = item.verdict() {
        let position = rating_text(project, verdict)
            .map(|p| format!(" <small>({})</small>", escape(&p)))
            .unwrap_or_default();
        page.push_str(&format!(
            "<span class=\"badge verdict\" dir=\"auto\">{}{position}</span>",
            escape(verdict)
        ));
    }
    if item.statement.follow_up {
        page.push_str("<span class=\"badge follow\">Follow up</span>");
    }
    page.push_str(&format!(
        "</header>\n<blockquote dir=\"auto\">{}</blockquote>\n",
        escape(item.text)
    ));

    let mut rows = String::new();
    let mut row = |label: &str, class: &str, value_html: String| {
        rows.push_str(&format!(
            "<dt>{label}</dt><dd{class} dir=\"auto\">{value_html}</dd>\n"
        ));
    };
    if let Some(source) = item.source() {
        let label = if item.tag() == Some(Tag::Opinion) {
            "Held by"
        } else {
            "Source"
        };
        row(label, "", escape(source));
    }
    if let Some(cue) = item.cue() {
        row("Cue", "", escape(cue));
    }
    if let Some(speech) = item.speech() {
        row("Speech", "", speech.label().to_owned());
    }
    if let Some(note) = item.note() {
        row("Note", " class=\"note\"", escape(note));
    }
    let evidence = item.evidence();
    if !evidence.is_empty() {
        let mut list = String::from("<ul class=\"evidence\">");
        for e in evidence {
            let title = if e.title.trim().is_empty() {
                e.url.trim()
            } else {
                e.title.trim()
            };
            list.push_str("<li>");
            list.push_str(&link_or_text(&e.url, title));
            if linkable(&e.url).is_none() && !e.title.trim().is_empty() {
                list.push_str(&format!(" {}", escape(e.title.trim())));
            }
            if !e.note.trim().is_empty() {
                list.push_str(&format!(
                    " — <span class=\"note\">{}</span>",
                    escape(&e.note)
                ));
            }
            list.push_str("</li>");
        }
        list.push_str("</ul>");
        row("Evidence", "", list);
    }
    if let Some(modified) = item.statement.modified.as_deref() {
        row("Last changed", "", escape(modified));
    }
    if !rows.is_empty() {
        page.push_str("<dl>\n");
        page.push_str(&rows);
        page.push_str("</dl>\n");
    }
    page.push_str(&format!(
        "<a class=\"back\" href=\"#s-{n}\">↑ in the article</a>\n</article>\n"
    ));
}

fn footer(project: &Project, page: &mut String) {
    page.push_str(&format!(
        "<footer>\n<p>Made with claimdesk. Article text {}.</p>\n</footer>\n",
        escape(&project.article.text_hash)
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_attribute_breakouts() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
    }

    #[test]
    fn only_http_links_get_an_href() {
        assert!(link_or_text("https://example.org/", "x").starts_with("<a href=\"https://"));
        let refused = link_or_text("javascript:alert(1)", "x");
        assert!(!refused.contains("href"), "{refused}");
        assert!(refused.contains("javascript:alert(1)"));
    }

    #[test]
    fn tints_are_light() {
        assert_eq!(hex(tint(colour(Some(Tag::Fact)))), "#D0E1FD");
        assert_eq!(hex(colour(Some(Tag::Attribution))), "#F0A028");
    }
}
