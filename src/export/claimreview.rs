//! schema.org ClaimReview JSON-LD: the markup search engines and
//! fact-check aggregators read, as Google's ClaimReview documentation asks
//! for it.
//!
//! One `ClaimReview` per fact or attribution that has a verdict, in text
//! order, written as a JSON array of self-contained objects (each with its
//! own `"@context": "https://schema.org"`), ready to paste into a
//! `<script type="application/ld+json">` block (`<`, `>` and `&` inside
//! strings are written as `\u003c`, `\u003e`, `\u0026`, so a claim quoting
//! `</script>` cannot end that block). The published HTML report embeds the
//! same array. Statements without a verdict, opinions and untagged
//! statements are left out; a project with none gives `[]`.
//!
//! Each review (Google: R = required, r = recommended):
//! - `url` (R): the project's fact-check URL (where the published fact
//!   check lives) with its fragment replaced by `#claim-N`, N as the reports
//!   number statements; the published report has an element with that id.
//! - `claimReviewed` (R): the claim as a reader would quote it: the
//!   reviewer's short form when written, else the whole statement on one
//!   line. Never cut off: a shortened quote with "…" misquotes the claimant.
//!   Google suggests under 75 characters; [`claimreview_advice`] says when a
//!   short form would help.
//! - `reviewRating` (R): a `Rating` with `alternateName` (R) the verdict;
//!   for verdicts on the scale also `ratingValue`, `bestRating` (the scale
//!   length) and `worstRating` (1) (r); verdicts off the scale
//!   ("Unverifiable") are no point on that line and carry only the name.
//!   `ratingExplanation` is the reviewer's public verdict explanation.
//! - `author` (r): the fact-checking organisation, an `Organization`.
//! - `datePublished` (r): the day the review last changed (the latest
//!   `modified`), never the current time, so the same project gives the
//!   same bytes.
//! - `itemReviewed` (r): a `Claim` with `author` (r), who made the claim:
//!   an attribution's source, typed `Person` or `Organization` by a word
//!   list (see `common::agent_kind`), or for a fact the article states
//!   itself, the publication; `appearance` (r), the checked article as a
//!   `CreativeWork` with `url`, `headline`, `publisher` and
//!   `datePublished`; and `datePublished` (r), the article's date.
//!   (`firstAppearance` is not written: claimdesk cannot know whether the
//!   article is where the claim first appeared.)
//!
//! Required properties that are missing make the export refuse (see
//! [`claimreview_checklist`]) unless it is written as a draft, in which case
//! they are left out.

use std::io::Write;

use serde::Serialize;

use crate::export::ExportError;
use crate::export::common::{
    Item, claimant, date_part, items, json_ld_string, linkable, published_items, review_date,
    write_json_ld,
};
use crate::model::{Project, Tag, validate_url};

/// Google suggests `claimReviewed` stays under this many characters.
pub const SUGGESTED_CLAIM_CHARS: usize = 75;

const CONTEXT: &str = "https://schema.org";

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: String,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
    #[serde(rename = "itemReviewed")]
    item_reviewed: Claim<'a>,
}

#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<usize>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<usize>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<usize>,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
    #[serde(rename = "ratingExplanation", skip_serializing_if = "Option::is_none")]
    rating_explanation: Option<&'a str>,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Agent<'a>>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Appearance<'a>>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Agent<'a>>,
}

fn non_blank(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

/// The article's date, if it is a `YYYY-MM-DD` date.
fn article_date(project: &Project) -> Option<&str> {
    date_part(&project.meta.published)
}

/// `url` with its fragment replaced by `#claim-N`.
pub(crate) fn claim_url(url: &str, number: usize) -> String {
    let base = url.split('#').next().unwrap_or(url);
    format!("{base}#claim-{number}")
}

/// What must be filled in before ClaimReview can be published, each as
/// "what (where)"; empty when the export is ready. The export refuses
/// while this is not empty (unless written as a draft), and the window
/// shows the list before it writes.
pub fn claimreview_checklist(project: &Project) -> Vec<String> {
    let mut missing = Vec::new();
    let meta = &project.meta;
    match validate_url(&meta.fact_check_url) {
        Ok(()) => {}
        Err(crate::model::UrlError::Empty) => missing.push(
            "the fact-check URL, where the published fact check will live (Project properties)"
                .to_owned(),
        ),
        Err(error) => missing.push(format!(
            "a working fact-check URL: {error} (Project properties)"
        )),
    }
    if non_blank(&meta.organisation).is_none() {
        missing
            .push("the organisation that publishes the fact check (Project properties)".to_owned());
    }
    if published_items(project).next().is_none() {
        missing
            .push("a verdict on at least one fact or attribution (the claim's details)".to_owned());
    }
    missing
}

/// What search engines recommend and the project lacks, each as a
/// sentence naming where to fill it in: the export goes ahead without
/// these, but fact-check aggregators show less.
pub fn claimreview_advice(project: &Project) -> Vec<String> {
    let mut advice = Vec::new();
    let meta = &project.meta;
    if linkable(&meta.article_url).is_none() {
        advice.push(
            "No article URL (Project properties): reviews will not say where the claims appeared."
                .to_owned(),
        );
    }
    if article_date(project).is_none() {
        advice.push(
            "No article date as YYYY-MM-DD (Project properties): reviews will not say when the claims were made."
                .to_owned(),
        );
    }
    if non_blank(&meta.publication).is_none()
        && published_items(project).any(|item| item.tag() == Some(Tag::Fact))
    {
        advice.push(
            "No publication (Project properties): facts the article states have no claimant."
                .to_owned(),
        );
    }
    for item in published_items(project) {
        let n = item.number;
        if item.tag() == Some(Tag::Attribution) && item.source().is_none() {
            advice.push(format!("Claim {n}: no source (who made the claim)."));
        }
        if item.explanation().is_none() {
            advice.push(format!("Claim {n}: no verdict explanation for readers."));
        }
        let length = item.claim_as_published().chars().count();
        if !item.has_short_form() && length >= SUGGESTED_CLAIM_CHARS {
            advice.push(format!(
                "Claim {n}: {length} characters; search results show about {SUGGESTED_CLAIM_CHARS}, so consider a short form (Claim as published)."
            ));
        }
    }
    advice
}

fn review<'a>(
    project: &'a Project,
    item: &Item<'a>,
    verdict: &'a str,
    date: Option<&'a str>,
) -> ClaimReview<'a> {
    let meta = &project.meta;
    let article_url = linkable(&meta.article_url);
    let published = article_date(project);
    let scale = &project.scale;
    let value = scale.rating_value(verdict);
    ClaimReview {
        context: CONTEXT,
        kind: "ClaimReview",
        url: linkable(&meta.fact_check_url).map(|url| claim_url(url, item.number)),
        claim_reviewed: item.claim_as_published(),
        date_published: date,
        author: non_blank(&meta.organisation).map(|name| Agent {
            kind: "Organization",
            name,
        }),
        review_rating: Rating {
            kind: "Rating",
            rating_value: value,
            best_rating: value.map(|_| scale.ratings.len()),
            worst_rating: value.map(|_| 1),
            alternate_name: verdict.trim(),
            rating_explanation: item.explanation(),
        },
        item_reviewed: Claim {
            kind: "Claim",
            author: claimant(project, item).map(|who| Agent {
                kind: who.kind.schema_type(),
                name: who.name,
            }),
            date_published: published,
            appearance: article_url.map(|url| Appearance {
                kind: "CreativeWork",
                url,
                headline: non_blank(&project.article.title),
                date_published: published,
                publisher: non_blank(&meta.publication).map(|name| Agent {
                    kind: "Organization",
                    name,
                }),
            }),
        },
    }
}

fn reviews(project: &Project) -> Vec<ClaimReview<'_>> {
    let date = review_date(project);
    items(project)
        .filter_map(|item| {
            let verdict = item.verdict()?;
            Some(review(project, &item, verdict, date))
        })
        .collect()
}

/// Writes the ClaimReview JSON-LD array for `project` to `out`, whatever
/// [`claimreview_checklist`] says (the caller decides; see
/// [`crate::export::export_with`]).
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    write_json_ld(&reviews(project), out)
}

/// The JSON-LD array as a string safe inside a `<script>` element, for the
/// published HTML report.
pub(crate) fn to_script_text(project: &Project) -> Result<String, ExportError> {
    json_ld_string(&reviews(project))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_urls_replace_any_fragment() {
        assert_eq!(
            claim_url("https://e.org/a?b=1#top", 3),
            "https://e.org/a?b=1#claim-3"
        );
        assert_eq!(claim_url("https://e.org/a", 12), "https://e.org/a#claim-12");
    }
}
