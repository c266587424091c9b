//! schema.org ClaimReview JSON-LD: the markup search engines and
//! fact-check aggregators read.
//!
//! One `ClaimReview` per fact or attribution that has a verdict, in text
//! order, written as a JSON array of self-contained objects (each with its
//! own `"@context": "https://schema.org"`), ready to paste into a
//! `<script type="application/ld+json">` block (`<`, `>` and `&` inside
//! strings are written as `\u003c`, `\u003e`, `\u0026`, so a claim quoting
//! `</script>` cannot end that block). Statements without a verdict,
//! opinions and untagged statements are left out; a project with none gives
//! `[]`.
//!
//! Each review:
//! - `claimReviewed`: the statement text on one line, shortened to under 75
//!   characters (cut at a word where possible, with `…`).
//! - `reviewRating`: `alternateName` is the verdict; for verdicts on the
//!   scale also `ratingValue` (1 = worst), `bestRating` (the scale length)
//!   and `worstRating` (1). Unrated verdicts ("Unverifiable") carry only
//!   `alternateName`: they are not a point on the line.
//! - `url`: the article URL with a `#claim-N` fragment (N as in the
//!   reports), left out when the project has no valid http(s) article URL.
//! - `author`: an `Organization` named by the project's organisation, else
//!   a `Person` named by the reviewer, else left out.
//! - `datePublished`: the date part of the latest `modified` time among all
//!   statements (the day the review last changed), else left out. Never the
//!   current time: the same project gives the same bytes.
//! - `itemReviewed`: a `Claim`; its `author` is the attribution's source
//!   (as a `Person`: claimdesk does not know whether a source is a person or
//!   a body) or, for facts the article asserts itself, the publication (as
//!   an `Organization`); its `appearance` is the article (`CreativeWork`
//!   with `url`, `headline` and `datePublished` when known); its
//!   `datePublished` is the article's publication date when set.

use std::io::Write;

use serde::Serialize;

use crate::export::ExportError;
use crate::export::common::{Item, date_part, items, linkable, shorten, write_json_ld};
use crate::model::{Project, Tag};

/// `claimReviewed` is kept strictly under this many characters.
pub const CLAIM_REVIEWED_LIMIT: usize = 75;

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

/// The day the review last changed: the date of the latest `modified`.
/// Timestamps are UTC RFC 3339 as the model writes them, so the greatest
/// string is the latest time.
fn review_date(project: &Project) -> Option<&str> {
    project
        .statements
        .iter()
        .filter_map(|s| s.modified.as_deref())
        .filter(|m| date_part(m).is_some())
        .max()
        .and_then(date_part)
}

/// `url` with its fragment replaced by `#claim-N`.
fn claim_url(article_url: &str, number: usize) -> String {
    let base = article_url.split('#').next().unwrap_or(article_url);
    format!("{base}#claim-{number}")
}

fn review<'a>(
    project: &'a Project,
    item: &Item<'a>,
    verdict: &'a str,
    date: Option<&'a str>,
) -> ClaimReview<'a> {
    let meta = &project.meta;
    let article_url = linkable(&meta.article_url);
    let published = non_blank(&meta.published);
    let author = match (non_blank(&meta.organisation), non_blank(&meta.reviewer)) {
        (Some(name), _) => Some(Agent {
            kind: "Organization",
            name,
        }),
        (None, Some(name)) => Some(Agent {
            kind: "Person",
            name,
        }),
        (None, None) => None,
    };
    let publication = non_blank(&meta.publication);
    let claim_author = match (item.tag(), item.source().and_then(non_blank)) {
        (Some(Tag::Attribution), Some(source)) => Some(Agent {
            kind: "Person",
            name: source,
        }),
        (Some(Tag::Fact), _) => publication.map(|name| Agent {
            kind: "Organization",
            name,
        }),
        _ => None,
    };
    let scale = &project.scale;
    let value = scale.rating_value(verdict);
    ClaimReview {
        context: CONTEXT,
        kind: "ClaimReview",
        url: article_url.map(|url| claim_url(url, item.number)),
        claim_reviewed: shorten(item.text, CLAIM_REVIEWED_LIMIT - 1),
        date_published: date,
        author,
        review_rating: Rating {
            kind: "Rating",
            rating_value: value,
            best_rating: value.map(|_| scale.ratings.len()),
            worst_rating: value.map(|_| 1),
            alternate_name: verdict.trim(),
        },
        item_reviewed: Claim {
            kind: "Claim",
            author: claim_author,
            date_published: published,
            appearance: article_url.map(|url| Appearance {
                kind: "CreativeWork",
                url,
                headline: non_blank(&project.article.title),
                date_published: published,
                publisher: publication.map(|name| Agent {
                    kind: "Organization",
                    name,
                }),
            }),
        },
    }
}

/// Writes the ClaimReview JSON-LD array for `project` to `out`.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let date = review_date(project);
    let reviews: Vec<ClaimReview<'_>> = items(project)
        .filter_map(|item| {
            let verdict = item.verdict()?;
            Some(review(project, &item, verdict, date))
        })
        .collect();
    write_json_ld(&reviews, out)
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
