//! W3C Web Annotations (JSON-LD): the tags as annotations any annotation
//! tool (Hypothesis, Recogito, an annotation server) can anchor on the
//! article.
//!
//! The output is one `AnnotationCollection` with its single
//! `AnnotationPage` embedded as `first`, holding one `Annotation` per
//! tagged statement in text order (untagged statements have nothing to say
//! yet). Each annotation:
//! - `id`: `urn:claimdesk:<text_hash>:statement:<id>`, stable across
//!   exports and edits, since statement ids are never reused;
//! - `motivation`: `classifying`;
//! - `body`: the tag key (`fact`, ...) as a `TextualBody` with purpose
//!   `tagging`; the note, when there is one, with purpose `commenting`; the
//!   verdict (facts and attributions) with purpose `assessing`; each
//!   http(s) evidence URL as a web resource with purpose `linking`;
//! - `target`: `source` is the article URL, or `urn:sha256:<hex>` of the
//!   text when the project has no valid http(s) URL; `selector` lists a
//!   `TextQuoteSelector` (`exact`, and at least 32 characters of `prefix`
//!   and `suffix` where the text has them, more when a repeated passage
//!   needs it: `prefix + exact + suffix` occurs exactly once in the article,
//!   so a tool re-anchoring by quote alone finds this statement and no
//!   other) and a `TextPositionSelector` whose `start` and `end` count
//!   Unicode code points, not bytes, end exclusive, as the model requires;
//! - `modified`: the statement's last change, when known and well formed;
//!   `creator`: the reviewer as a `Person`, when named.
//!
//! As in [`super::claimreview`], `<`, `>` and `&` inside strings are written
//! as JSON `\u` escapes so the output can be embedded in an HTML page.

use std::io::Write;

use serde::Serialize;

use crate::export::ExportError;
use crate::export::common::{
    CharPositions, Item, chars_after, chars_before, date_part, items, linkable, write_json_ld,
};
use crate::model::Project;

/// How many characters of context `prefix` and `suffix` carry at least
/// (fewer only at the start or end of the text).
pub const CONTEXT_CHARS: usize = 32;

/// The shortest `prefix` and `suffix` of at least [`CONTEXT_CHARS`]
/// characters (doubling) with which `prefix + exact + suffix` occurs once in
/// `text`. Whole-text context always does, since only one occurrence starts
/// at the text's start and ends at its end.
fn unique_context(text: &str, range: std::ops::Range<usize>) -> (&str, &str) {
    let exact = text.get(range.clone()).unwrap_or_default();
    let mut chars = CONTEXT_CHARS;
    loop {
        let prefix = chars_before(text, range.start, chars);
        let suffix = chars_after(text, range.end, chars);
        let whole = prefix.len() == range.start && suffix.len() == text.len() - range.end;
        if whole || occurs_once(text, &[prefix, exact, suffix].concat()) {
            return (prefix, suffix);
        }
        chars = chars.saturating_mul(2);
    }
}

/// Whether `needle` occurs exactly once in `text`, overlaps counted.
fn occurs_once(text: &str, needle: &str) -> bool {
    let Some(first) = text.find(needle) else {
        return false;
    };
    // The next char boundary after `first`, so an overlapping repeat counts.
    let next = text
        .get(first..)
        .and_then(|rest| rest.chars().next())
        .map_or(text.len(), |c| first + c.len_utf8());
    !text.get(next..).is_some_and(|rest| rest.contains(needle))
}

const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    total: usize,
    first: Page<'a>,
}

#[derive(Serialize)]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Annotation<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
        format: &'static str,
    },
    Link {
        id: &'a str,
        purpose: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<&'a str>,
    },
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        prefix: &'a str,
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

fn text_body<'a>(purpose: &'static str, value: &'a str) -> Body<'a> {
    Body::Text {
        kind: "TextualBody",
        purpose,
        value,
        format: "text/plain",
    }
}

/// The id prefix every id in the export shares.
fn base_id(project: &Project) -> String {
    format!("urn:claimdesk:{}", project.article.text_hash)
}

fn annotation<'a>(
    project: &'a Project,
    item: &Item<'a>,
    source: &'a str,
    positions: &mut CharPositions<'_>,
) -> Option<Annotation<'a>> {
    let tag = item.tag()?;
    let statement = item.statement;
    let text = &*project.article.text;
    let mut body = vec![text_body("tagging", tag.key())];
    if let Some(note) = item.note() {
        body.push(text_body("commenting", note));
    }
    if let Some(verdict) = item.verdict() {
        body.push(text_body("assessing", verdict));
    }
    for evidence in item.evidence() {
        if let Some(url) = linkable(&evidence.url) {
            let title = evidence.title.trim();
            body.push(Body::Link {
                id: url,
                purpose: "linking",
                label: (!title.is_empty()).then_some(title),
            });
        }
    }
    let reviewer = project.meta.reviewer.trim();
    let (prefix, suffix) = unique_context(text, statement.range.clone());
    Some(Annotation {
        id: format!("{}:statement:{}", base_id(project), statement.id.0),
        kind: "Annotation",
        motivation: "classifying",
        creator: (!reviewer.is_empty()).then_some(Creator {
            kind: "Person",
            name: reviewer,
        }),
        modified: statement
            .modified
            .as_deref()
            .filter(|m| date_part(m).is_some()),
        body,
        target: Target {
            source,
            selector: [
                Selector::TextQuoteSelector {
                    exact: item.text,
                    prefix,
                    suffix,
                },
                Selector::TextPositionSelector {
                    start: positions.at(statement.range.start),
                    end: positions.at(statement.range.end),
                },
            ],
        },
    })
}

/// Writes the annotation collection for `project` to `out`.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let hash_urn = format!(
        "urn:sha256:{}",
        project
            .article
            .text_hash
            .strip_prefix("sha256:")
            .unwrap_or(&project.article.text_hash)
    );
    let source = linkable(&project.meta.article_url).unwrap_or(&hash_urn);
    let mut positions = CharPositions::new(&project.article.text);
    let annotations: Vec<Annotation<'_>> = items(project)
        .filter_map(|item| annotation(project, &item, source, &mut positions))
        .collect();
    let title = project.article.title.trim();
    let collection = Collection {
        context: CONTEXT,
        id: format!("{}:annotations", base_id(project)),
        kind: "AnnotationCollection",
        label: (!title.is_empty()).then_some(title),
        total: annotations.len(),
        first: Page {
            id: format!("{}:annotations:page:1", base_id(project)),
            kind: "AnnotationPage",
            start_index: 0,
            items: annotations,
        },
    };
    write_json_ld(&collection, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_passages_get_enough_context_to_be_unique() {
        let filler = "x".repeat(40);
        let text = format!("A. {filler} Read more. {filler} Read more. {filler} B.");
        let second = text.rfind("Read more.").unwrap();
        let (prefix, suffix) = unique_context(&text, second..second + 10);
        let quote = format!("{prefix}Read more.{suffix}");
        assert!(occurs_once(&text, &quote), "{quote}");
        assert!(prefix.chars().count() > CONTEXT_CHARS, "32 were not enough");
        let first = text.find("Read more.").unwrap();
        let (prefix, suffix) = unique_context(&text, first..first + 10);
        assert!(occurs_once(&text, &format!("{prefix}Read more.{suffix}")));
    }

    #[test]
    fn overlapping_repeats_count() {
        assert!(!occurs_once("aaa", "aa"));
        assert!(occurs_once("aab", "aa"));
        assert!(!occurs_once("abc", "d"));
    }
}
