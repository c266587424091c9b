//! The Markdown reports: the HTML reports' content for wikis, issue
//! trackers and repositories (CommonMark with GitHub's tables), in the same
//! two shapes (see [`crate::export::Audience`]).
//!
//! Control characters are replaced as in HTML
//! ([`crate::export::controls`]): Markdown is read as HTML in the end, and
//! CommonMark passes them through to it.
//!
//! Markdown has no colour, so the article marks each statement with a
//! numbered code span (`` `[3 Fact]` ``) and the claims follow as sections.
//!
//! All user text goes through `escape`, which backslash-escapes every
//! character that could start a link, image, emphasis, code span, table
//! cell, math or raw HTML (GitHub renders raw HTML, so `<` and `&` are
//! escaped too), and neutralises line-start markers (headings, lists, block
//! quotes, setext underlines, indented code). Link destinations are only
//! ever http(s) URLs, written in `<...>` form. Hand-written because no
//! Markdown crate escapes for output; pulldown-cmark only parses.

use std::io::Write;

use crate::export::common::{
    Item, TAGS_AND_UNTAGGED, checked_version, claimant, date_part, items, linkable,
    open_items_line, published_items, rating_text, review_date, tag_description, tag_label,
    verdict_counts,
};
use crate::export::when::{ReportZone, date_or_raw, time_or_raw};
use crate::export::{
    Audience, ExportError, ExportOptions, Format, claimreview_advice, claimreview_checklist,
    controls,
};
use crate::model::{Project, Tag};

/// Writes the desk report for `project` to `out`, times in UTC.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    write_with(project, &ExportOptions::new(Format::Markdown), out)
}

/// Writes the report for `options.audience` to `out`.
pub fn write_with(
    project: &Project,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let doc = match options.audience {
        Audience::Desk => desk(project, &options.zone),
        Audience::Public => public(project),
    };
    out.write_all(controls::clean(&doc).as_bytes())?;
    Ok(())
}

fn desk(project: &Project, zone: &ReportZone) -> String {
    let mut doc = String::with_capacity(project.article.text.len() * 3 + 4096);
    header(project, zone, &mut doc);
    summary(project, &mut doc);
    readiness(project, &mut doc);
    legend(&mut doc);
    article(project, &mut doc);
    claims(project, zone, &mut doc);
    doc.push_str(&format!(
        "---\n\nMade with claimdesk. Article text {}.\n",
        escape(&project.article.text_hash, false)
    ));
    doc
}

/// Characters escaped wherever they appear.
const INLINE_SPECIAL: &str = "\\`*_[]<>&|~$";

/// Escapes `text` for Markdown inline content. `line_start` says whether
/// the text begins a line; every line after a `\n` does. Leading spaces and
/// tabs of a line are dropped, since four of them would start a code block.
pub(crate) fn escape(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in text.split('\n').enumerate() {
        let mut rest = line;
        if index > 0 {
            out.push('\n');
        }
        if index > 0 || line_start {
            rest = rest.trim_start_matches([' ', '\t']);
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let (number, after) = rest.split_at_checked(digits).unwrap_or(("", rest));
            if rest.starts_with(['#', '-', '+', '=']) {
                out.push('\\');
            } else if !number.is_empty() && after.starts_with(['.', ')']) {
                // "2024. was a year" would start an ordered list.
                out.push_str(number);
                out.push('\\');
                rest = after;
            }
        }
        for c in rest.chars() {
            if INLINE_SPECIAL.contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// `text` escaped on one line: for headings and table cells.
fn escape_flat(text: &str) -> String {
    escape(
        &text.split_whitespace().collect::<Vec<_>>().join(" "),
        false,
    )
}

/// An http(s) URL as a link destination: in `<...>` form, with the few
/// characters that could end it percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {
                let mut buf = [0u8; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// A link if `url` is http(s), else the address as inert text.
fn link_or_text(url: &str, text: &str) -> String {
    match linkable(url) {
        Some(url) => format!("[{}]({})", escape_flat(text), destination(url)),
        None => format!(
            "{} (not linked: only http and https addresses are)",
            escape_flat(url)
        ),
    }
}

/// Already-escaped text as a block quote; single line breaks stay line
/// breaks (a trailing backslash), blank lines separate paragraphs.
fn blockquote(escaped: &str) -> String {
    let lines: Vec<&str> = escaped.split('\n').collect();
    let mut out = String::with_capacity(escaped.len() + lines.len() * 4);
    for (index, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            out.push_str(">\n");
            continue;
        }
        out.push_str("> ");
        out.push_str(line);
        let next_has_text = lines
            .get(index + 1)
            .is_some_and(|next| !next.trim().is_empty());
        if next_has_text {
            out.push('\\');
        }
        out.push('\n');
    }
    out
}

/// Already-escaped text inside a list item: continuation lines indented,
/// line breaks kept, blank lines dropped (they would end the item).
fn in_list_item(escaped: &str) -> String {
    escaped
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\\\n  ")
}

fn header(project: &Project, zone: &ReportZone, doc: &mut String) {
    let meta = &project.meta;
    doc.push_str(&format!(
        "# {}\n\nDesk report · for the newsroom, not for publication\n\n",
        escape_flat(&project.article.title)
    ));
    let mut rows = Vec::new();
    if !meta.publication.trim().is_empty() {
        rows.push(format!(
            "- **Publication:** {}",
            escape_flat(&meta.publication)
        ));
    }
    if !meta.published.trim().is_empty() {
        rows.push(format!(
            "- **Published:** {}",
            escape_flat(&date_or_raw(&meta.published))
        ));
    }
    if !meta.article_url.trim().is_empty() {
        rows.push(format!(
            "- **Article:** {}",
            link_or_text(&meta.article_url, meta.article_url.trim())
        ));
    }
    for (label, value) in [
        ("Reviewer", &meta.reviewer),
        ("Organisation", &meta.organisation),
        ("Language", &meta.language),
    ] {
        if !value.trim().is_empty() {
            rows.push(format!("- **{label}:** {}", escape_flat(value)));
        }
    }
    if !meta.fact_check_url.trim().is_empty() {
        rows.push(format!(
            "- **Fact check:** {}",
            link_or_text(&meta.fact_check_url, meta.fact_check_url.trim())
        ));
    }
    let version = checked_version(project);
    let mut checked = escape_flat(&version.describe(|t| time_or_raw(t, zone)));
    if let Some(source) = version.shown_source() {
        checked.push_str(" from ");
        checked.push_str(&match linkable(source) {
            Some(url) => format!("[{}]({})", escape_flat(url), destination(url)),
            // A file path: shown as text, not as a broken link.
            None => escape_flat(source),
        });
    }
    rows.push(format!(
        "- **Version checked:** {checked}; text SHA-256 `{}`",
        version.short_hash()
    ));
    if !rows.is_empty() {
        doc.push_str(&rows.join("\n"));
        doc.push_str("\n\n");
    }
}

fn readiness(project: &Project, doc: &mut String) {
    doc.push_str("## Before publishing\n\n");
    // Open disagreements block every published shape, so they come first.
    let mut missing = crate::agree::publish_blockers(project);
    missing.extend(claimreview_checklist(project));
    let advice = claimreview_advice(project);
    if missing.is_empty() && advice.is_empty() {
        doc.push_str("Ready: the published fact check and its ClaimReview have every required and recommended property.\n\n");
        return;
    }
    for item in &missing {
        doc.push_str(&format!("- **Required:** {}\n", escape_flat(item)));
    }
    for item in &advice {
        doc.push_str(&format!("- {}\n", escape_flat(item)));
    }
    doc.push('\n');
}

fn summary(project: &Project, doc: &mut String) {
    const BAR: usize = 20;
    let stats = project.stats();
    let count = |tag: Option<Tag>| tag.map_or(stats.untagged, |t| stats.count(t));
    let max = TAGS_AND_UNTAGGED
        .iter()
        .map(|t| count(*t))
        .max()
        .unwrap_or(0)
        .max(1);
    doc.push_str("## Summary\n\n| Tag | Statements | |\n|---|---:|---|\n");
    for tag in TAGS_AND_UNTAGGED {
        let n = count(tag);
        doc.push_str(&format!(
            "| {} | {n} | {} |\n",
            tag_label(tag),
            "█".repeat(BAR * n / max)
        ));
    }
    doc.push_str(&format!(
        "| **Total** | {} | |\n\nFlagged for follow-up: {}\n\n",
        stats.total, stats.follow_up
    ));
    let verdicts = verdict_counts(project);
    if verdicts.is_empty() {
        doc.push_str("No verdicts yet.\n\n");
        return;
    }
    doc.push_str("| Verdict | On the scale | Statements |\n|---|---|---:|\n");
    for (verdict, n) in verdicts {
        let position = rating_text(project, verdict).unwrap_or_else(|| "unrated".to_owned());
        doc.push_str(&format!(
            "| {} | {position} | {n} |\n",
            escape_flat(verdict)
        ));
    }
    doc.push('\n');
}

fn legend(doc: &mut String) {
    doc.push_str("## Legend\n\n");
    for tag in TAGS_AND_UNTAGGED {
        doc.push_str(&format!(
            "- **{}**: {}\n",
            tag_label(tag),
            tag_description(tag)
        ));
    }
    doc.push_str("\nIn the article, `[3 Fact]` marks the start of statement 3, a fact.\n\n");
}

fn article(project: &Project, doc: &mut String) {
    let text = &*project.article.text;
    let mut body = String::with_capacity(text.len() * 2);
    let at_line_start = |body: &String| body.is_empty() || body.ends_with('\n');
    let mut done = 0;
    for item in items(project) {
        let range = &item.statement.range;
        if range.start < done {
            continue;
        }
        let gap = text.get(done..range.start).unwrap_or_default();
        let gap_escaped = escape(gap, at_line_start(&body));
        body.push_str(&gap_escaped);
        // The marker is a code span: unlike emphasis it works next to any
        // character, and nothing inside it is interpreted.
        body.push_str(&format!("`[{} {}]` ", item.number, tag_label(item.tag())));
        body.push_str(&escape(item.text, false));
        done = range.end;
    }
    let tail = escape(text.get(done..).unwrap_or_default(), at_line_start(&body));
    body.push_str(&tail);
    doc.push_str("## Article\n\n");
    doc.push_str(&blockquote(body.trim_end_matches('\n')));
    doc.push('\n');
}

fn claims(project: &Project, zone: &ReportZone, doc: &mut String) {
    doc.push_str("## Claims\n\n");
    if project.statements.is_empty() {
        doc.push_str("The article has no statements.\n\n");
    }
    for item in items(project) {
        claim(project, &item, zone, doc);
    }
}

fn claim(project: &Project, item: &Item<'_>, zone: &ReportZone, doc: &mut String) {
    let mut heading = format!("### {}. {}", item.number, tag_label(item.tag()));
    if let Some(verdict) = item.verdict() {
        heading.push_str(&format!(": {}", escape_flat(verdict)));
        if let Some(position) = rating_text(project, verdict) {
            heading.push_str(&format!(" ({position})"));
        }
    }
    doc.push_str(&heading);
    doc.push_str("\n\n");
    doc.push_str(&blockquote(&escape(item.text, true)));
    doc.push('\n');

    let mut rows = Vec::new();
    if let Some(source) = item.source() {
        let label = if item.tag() == Some(Tag::Opinion) {
            "Held by"
        } else {
            "Source"
        };
        rows.push(format!("- **{label}:** {}", escape_flat(source)));
    }
    if let Some(cue) = item.cue() {
        rows.push(format!("- **Cue:** {}", escape_flat(cue)));
    }
    if let Some(speech) = item.speech() {
        rows.push(format!("- **Speech:** {}", speech.label()));
    }
    if item.verdict().is_some() && item.has_short_form() {
        rows.push(format!(
            "- **Claim as published:** {}",
            escape_flat(&item.claim_as_published())
        ));
    }
    if let Some(explanation) = item.explanation() {
        rows.push(format!(
            "- **Explanation:** {}",
            in_list_item(&escape(explanation, false))
        ));
    }
    if let Some(note) = item.note() {
        rows.push(format!(
            "- **Private note:** {}",
            in_list_item(&escape(note.trim(), false))
        ));
    }
    if item.statement.follow_up {
        rows.push("- **Follow up:** yes".to_owned());
    }
    let evidence = item.evidence();
    if !evidence.is_empty() {
        rows.push("- **Evidence:**".to_owned());
        for e in evidence {
            let title = if e.title.trim().is_empty() {
                e.url.trim()
            } else {
                e.title.trim()
            };
            let mut line = format!("  - {}", link_or_text(&e.url, title));
            if linkable(&e.url).is_none() && !e.title.trim().is_empty() {
                line.push_str(&format!(" {}", escape_flat(&e.title)));
            }
            if !e.note.trim().is_empty() {
                line.push_str(&format!(
                    " — {}",
                    in_list_item(&escape(e.note.trim(), false)).replace("\n  ", "\n    ")
                ));
            }
            rows.push(line);
        }
    }
    if let Some(modified) = item.statement.modified.as_deref() {
        rows.push(format!(
            "- **Last changed:** {}",
            escape_flat(&time_or_raw(modified, zone))
        ));
    }
    if !rows.is_empty() {
        doc.push_str(&rows.join("\n"));
        doc.push_str("\n\n");
    }
}

fn public(project: &Project) -> String {
    let meta = &project.meta;
    let claims: Vec<Item<'_>> = published_items(project).collect();
    let mut doc = String::with_capacity(4096);
    doc.push_str(&format!(
        "# {}\n\nFact check\n\n",
        escape_flat(&project.article.title)
    ));
    // Only a draft gets here with disagreements open (`export_with`
    // refuses otherwise), and it says so on its face.
    if let Some(why) = open_items_line(project) {
        doc.push_str(&format!(
            "**Draft, not for publication:** {}.\n\n",
            escape_flat(&why)
        ));
    }
    let by = match (
        Some(meta.reviewer.trim()).filter(|s| !s.is_empty()),
        Some(meta.organisation.trim()).filter(|s| !s.is_empty()),
    ) {
        (Some(reviewer), Some(org)) => Some(format!("By {reviewer}, {org}")),
        (Some(name), None) | (None, Some(name)) => Some(format!("By {name}")),
        (None, None) => None,
    };
    let mut byline: Vec<String> = by.iter().map(|b| escape_flat(b)).collect();
    if let Some(date) = review_date(project) {
        byline.push(escape_flat(&date_or_raw(date)));
    }
    if !byline.is_empty() {
        doc.push_str(&format!("{}\n\n", byline.join(" · ")));
    }
    let count = match claims.len() {
        1 => "one claim".to_owned(),
        n => format!("{n} claims"),
    };
    let article = match linkable(&meta.article_url) {
        Some(url) => format!("[this article]({})", destination(url)),
        None => "this article".to_owned(),
    };
    let mut checked = format!("We checked {count} in {article}");
    if !meta.publication.trim().is_empty() {
        checked.push_str(&format!(
            ", published by {}",
            escape_flat(&meta.publication)
        ));
    }
    if !meta.published.trim().is_empty() {
        checked.push_str(&format!(
            " on {}",
            escape_flat(&date_or_raw(&meta.published))
        ));
    }
    doc.push_str(&checked);
    doc.push_str(".\n\n");
    let version = checked_version(project);
    // Worth a line only when there is something to tell: a later version,
    // or when the page was read.
    if version.number > 1 || version.when.is_some() {
        let mut text = escape_flat(
            &version.describe(|t| date_part(t).map_or_else(|| t.to_owned(), date_or_raw)),
        );
        if let Some(source) = version.public_source() {
            text.push_str(&format!(
                " from [{}]({})",
                escape_flat(source),
                destination(source)
            ));
        }
        doc.push_str(&format!("Text checked: {text}.\n\n"));
    }

    if claims.is_empty() {
        doc.push_str("No claim in this article has a verdict yet.\n\n");
    } else {
        doc.push_str("## What we found\n\n");
        for (index, item) in claims.iter().enumerate() {
            public_claim(project, index + 1, item, &mut doc);
        }
    }

    doc.push_str("## How we rate\n\n");
    if !project.scale.ratings.is_empty() {
        doc.push_str("Our verdicts run from the most true to the least:\n\n");
        for (index, rating) in project.scale.ratings.iter().enumerate() {
            doc.push_str(&format!("{}. {}\n", index + 1, escape_flat(rating)));
        }
        doc.push('\n');
    }
    if !project.scale.unrated.is_empty() {
        let unrated: Vec<String> = project
            .scale
            .unrated
            .iter()
            .map(|v| escape_flat(v))
            .collect();
        doc.push_str(&format!(
            "Off the scale, for claims the evidence cannot settle: {}.\n\n",
            unrated.join(", ")
        ));
    }
    doc.push_str("---\n\n");
    if !meta.organisation.trim().is_empty() {
        doc.push_str(&format!("Published by {}", escape_flat(&meta.organisation)));
        if let Some(url) = linkable(&meta.fact_check_url) {
            doc.push_str(&format!(" at [{}]({})", escape_flat(url), destination(url)));
        }
        doc.push_str(".\n\n");
    }
    doc.push_str("Made with claimdesk.\n");
    doc
}

fn public_claim(project: &Project, shown: usize, item: &Item<'_>, doc: &mut String) {
    let verdict = item.verdict().unwrap_or_default();
    doc.push_str(&format!("### Claim {shown}: {}", escape_flat(verdict)));
    if let Some(position) = rating_text(project, verdict) {
        doc.push_str(&format!(" ({position})"));
    }
    doc.push_str("\n\n");
    doc.push_str(&blockquote(&escape(item.text.trim(), true)));
    doc.push('\n');
    if let Some(who) = claimant(project, item) {
        if item.tag() == Some(Tag::Fact) {
            doc.push_str(&format!(
                "Stated by {}, in the article.\n\n",
                escape_flat(who.name)
            ));
        } else {
            doc.push_str(&format!("Claimed by {}.\n\n", escape_flat(who.name)));
        }
    }
    if let Some(explanation) = item.explanation() {
        let paragraphs: Vec<String> = explanation
            .split('\n')
            .filter(|line| !line.trim().is_empty())
            .map(|line| escape(line.trim(), true))
            .collect();
        doc.push_str(&paragraphs.join("\\\n"));
        doc.push_str("\n\n");
    }
    let sources: Vec<String> = item
        .evidence()
        .iter()
        .filter_map(|e| {
            let url = linkable(&e.url)?;
            let title = if e.title.trim().is_empty() {
                url
            } else {
                e.title.trim()
            };
            Some(format!("- [{}]({})", escape_flat(title), destination(url)))
        })
        .collect();
    if !sources.is_empty() {
        doc.push_str("Sources:\n\n");
        doc.push_str(&sources.join("\n"));
        doc.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            escape("[x](javascript:alert(1)) <b>*hi*</b> & `c` | $m$", false),
            r"\[x\](javascript:alert(1)) \<b\>\*hi\*\</b\> \& \`c\` \| \$m\$"
        );
    }

    #[test]
    fn line_start_markers_are_neutralised() {
        assert_eq!(
            escape("# h\n- a\n+ b\n===\n    code\n2024. year", true),
            "\\# h\n\\- a\n\\+ b\n\\===\ncode\n2024\\. year"
        );
        assert_eq!(escape("a - b # c", false), "a - b # c");
    }

    #[test]
    fn destinations_cannot_be_closed_early() {
        assert_eq!(
            destination("https://e.org/a>b<c\\d"),
            "<https://e.org/a%3Eb%3Cc%5Cd>"
        );
    }

    #[test]
    fn blockquote_keeps_line_breaks_and_paragraphs() {
        assert_eq!(blockquote("a\nb\n\nc"), "> a\\\n> b\n>\n> c\n");
    }
}
