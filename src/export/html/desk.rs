//! The desk report's page: every statement with its notes, follow-ups and
//! times, for the team (see the parent module for the page around it).

use super::*;

pub(super) fn desk(project: &Project, zone: &ReportZone) -> Markup {
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
