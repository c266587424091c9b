//! The published fact check's page: the claims with a verdict, their
//! explanations and evidence, and the ClaimReview markup, for readers (see
//! the parent module for the page around it).

use super::*;

/// The CSS class of a verdict's colour: five steps from the best rating to
/// the worst, and one for verdicts off the scale.
pub(super) fn verdict_class(project: &Project, verdict: &str) -> &'static str {
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

pub(super) fn public(project: &Project) -> Result<Markup, ExportError> {
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
