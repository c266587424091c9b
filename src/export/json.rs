//! The JSON export: the whole annotated project for other tools, in a shape
//! that stays stable across claimdesk versions (a change that breaks readers
//! bumps `version`; new fields may appear without a bump).
//!
//! Unlike the reports, it carries every field as stored, including those
//! that do not apply to a statement's current tag; readers should look at
//! `tag` before trusting `verdict` or `source`.
//!
//! # Shape (version 1)
//! ```text
//! {
//!   "format": "claimdesk-report",
//!   "version": 1,
//!   "article": {
//!     "title": string,
//!     "source_path": string | null,   // the file it was imported from
//!     "text_hash": "sha256:<hex>",     // SHA-256 of the UTF-8 text
//!     "text": string                   // the full text, "\n" line endings
//!   },
//!   "checked_version": {               // which version of the article this is
//!     "number": integer,               // 1 = as first taken in; +1 per update
//!     "source": string | null,         // address or path it was read from
//!     "retrieved": string | null,      // RFC 3339: read, or taken in by the update
//!     "text_hash": "sha256:<hex>",     // the same as article.text_hash
//!     "raw_sha256": "sha256:<hex>" | null  // the raw page/document bytes (version 1)
//!   },
//!   "meta": { "reviewer", "organisation", "publication", "article_url",
//!             "published" (YYYY-MM-DD), "language" (BCP 47),
//!             "fact_check_url": string, "" when unset },
//!   "scale": { "ratings": [string] (best first), "unrated": [string] },
//!   "summary": {
//!     "total", "untagged", "fact", "attribution", "opinion", "follow_up": integer,
//!     "verdicts": [ { "verdict": string, "rating": integer | null, "count": integer } ]
//!   },
//!   "statements": [ {
//!     "number": integer,        // 1-based, text order, as the UI shows it
//!     "id": integer,            // stable across edits and saves
//!     "start", "end": integer,  // UTF-8 byte offsets into article.text, end exclusive
//!     "start_char", "end_char": integer,  // the same in code points (Python, Rust chars)
//!     "text": string,
//!     "tag": "fact" | "attribution" | "opinion" | null,
//!     "verdict": string | null,
//!     "rating": integer | null, // verdict's position on the scale, 1 = worst
//!     "source", "cue", "note": string,
//!     "explanation": string,    // public verdict explanation
//!     "claim_reviewed": string, // short form for ClaimReview, "" = the text
//!     "speech": "direct" | "reported" | null,
//!     "evidence": [ { "url", "title", "note": string } ],
//!     "follow_up": boolean,
//!     "modified": string | null // RFC 3339
//!   } ]
//! }
//! ```
//! `summary.verdicts` counts only verdicts that apply (facts and
//! attributions), like the reports. Keys appear in this order; the output
//! is pretty-printed with a final newline.

use std::io::Write;

use serde::Serialize;

use crate::export::ExportError;
use crate::export::common::{CharPositions, checked_version, items, speech_key, verdict_counts};
use crate::model::{Evidence, Project, Tag};

/// The value of the `format` key.
pub const FORMAT: &str = "claimdesk-report";

/// The value of the `version` key.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    format: &'static str,
    version: u32,
    article: ArticleOut<'a>,
    checked_version: VersionOut<'a>,
    meta: MetaOut<'a>,
    scale: ScaleOut<'a>,
    summary: Summary<'a>,
    statements: Vec<StatementOut<'a>>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    title: &'a str,
    source_path: Option<&'a str>,
    text_hash: &'a str,
    text: &'a str,
}

/// Which version of the article was checked (see the module doc).
#[derive(Serialize)]
struct VersionOut<'a> {
    number: usize,
    source: Option<&'a str>,
    retrieved: Option<&'a str>,
    text_hash: &'a str,
    raw_sha256: Option<&'a str>,
}

// Own copies of the model's shapes, so a rename in the model cannot
// silently change the published format.
#[derive(Serialize)]
struct MetaOut<'a> {
    reviewer: &'a str,
    organisation: &'a str,
    publication: &'a str,
    article_url: &'a str,
    published: &'a str,
    language: &'a str,
    fact_check_url: &'a str,
}

#[derive(Serialize)]
struct ScaleOut<'a> {
    ratings: &'a [String],
    unrated: &'a [String],
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    url: &'a str,
    title: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    total: usize,
    untagged: usize,
    fact: usize,
    attribution: usize,
    opinion: usize,
    follow_up: usize,
    verdicts: Vec<VerdictCount<'a>>,
}

#[derive(Serialize)]
struct VerdictCount<'a> {
    verdict: &'a str,
    rating: Option<usize>,
    count: usize,
}

#[derive(Serialize)]
struct StatementOut<'a> {
    number: usize,
    id: u64,
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
    text: &'a str,
    tag: Option<&'static str>,
    verdict: Option<&'a str>,
    rating: Option<usize>,
    source: &'a str,
    cue: &'a str,
    note: &'a str,
    explanation: &'a str,
    claim_reviewed: &'a str,
    speech: Option<&'static str>,
    evidence: Vec<EvidenceOut<'a>>,
    follow_up: bool,
    modified: Option<&'a str>,
}

/// Writes the JSON for `project` to `out`.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let stats = project.stats();
    let mut positions = CharPositions::new(&project.article.text);
    let statements = items(project)
        .map(|item| {
            let s = item.statement;
            StatementOut {
                number: item.number,
                id: s.id.0,
                start: s.range.start,
                end: s.range.end,
                start_char: positions.at(s.range.start),
                end_char: positions.at(s.range.end),
                text: item.text,
                tag: s.tag.map(Tag::key),
                verdict: s.verdict.as_deref(),
                rating: s
                    .verdict
                    .as_deref()
                    .and_then(|v| project.scale.rating_value(v)),
                source: &s.source,
                cue: &s.cue,
                note: &s.note,
                explanation: &s.explanation,
                claim_reviewed: &s.claim_reviewed,
                speech: s.speech.map(speech_key),
                evidence: s
                    .evidence
                    .iter()
                    .map(|e: &Evidence| EvidenceOut {
                        url: &e.url,
                        title: &e.title,
                        note: &e.note,
                    })
                    .collect(),
                follow_up: s.follow_up,
                modified: s.modified.as_deref(),
            }
        })
        .collect();
    let report = Report {
        format: FORMAT,
        version: VERSION,
        article: ArticleOut {
            title: &project.article.title,
            source_path: project.article.source_path.as_deref(),
            text_hash: &project.article.text_hash,
            text: &project.article.text,
        },
        checked_version: {
            let v = checked_version(project);
            VersionOut {
                number: v.number,
                source: v.source,
                retrieved: v.when,
                text_hash: v.text_hash,
                raw_sha256: v.raw_hash,
            }
        },
        meta: MetaOut {
            reviewer: &project.meta.reviewer,
            organisation: &project.meta.organisation,
            publication: &project.meta.publication,
            article_url: &project.meta.article_url,
            published: &project.meta.published,
            language: &project.meta.language,
            fact_check_url: &project.meta.fact_check_url,
        },
        scale: ScaleOut {
            ratings: &project.scale.ratings,
            unrated: &project.scale.unrated,
        },
        summary: Summary {
            total: stats.total,
            untagged: stats.untagged,
            fact: stats.fact,
            attribution: stats.attribution,
            opinion: stats.opinion,
            follow_up: stats.follow_up,
            verdicts: verdict_counts(project)
                .into_iter()
                .map(|(verdict, count)| VerdictCount {
                    verdict,
                    rating: project.scale.rating_value(verdict),
                    count,
                })
                .collect(),
        },
        statements,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    out.write_all(b"\n")?;
    Ok(())
}
