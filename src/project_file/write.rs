//! Writing the project file fast without changing a byte of it.
//!
//! The records here borrow from the project instead of cloning it, and
//! serialise exactly as [`super::StatementRecord`] and [`super::FileRecord`]
//! do (same names, same order, same `skip_serializing_if`). Two costs that
//! RON's serialiser cannot avoid are taken off it, keeping its output:
//! - RON escapes a string one `char` at a time (`char::escape_debug` and a
//!   write per char), which for the article text, the largest string in the
//!   file, was a third of a save; [`push_escaped`] copies runs of characters
//!   that need no escape and asks `char::escape_debug` about the rest, so
//!   the result is the same by construction.
//!   Quotes, most of the characters of the statement lines, are put in
//!   the same way after RON wrote each statement with an empty one.
//! - The statement lines are independent, so a large project writes them on
//!   two threads.

use serde::Serialize;

use crate::model::{
    AcceptedSuggestion, ArticleVersion, Evidence, Project, ProjectMeta, RatingScale, ReviewMark,
    Speech, Statement, StatementId, Tag,
};

use super::{FORMAT_VERSION, is_false, ron_options};

/// Below this many statements a save stays on one thread: starting one
/// costs more than it saves on a small project.
const PARALLEL_FROM: usize = 1_000;

/// [`super::StatementRecord`], borrowed.
#[derive(Clone, Copy, Serialize)]
#[serde(rename = "statement")]
struct StatementOut<'a> {
    id: StatementId,
    start: usize,
    end: usize,
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<Tag>,
    #[serde(skip_serializing_if = "str::is_empty")]
    note: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    explanation: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    claim_reviewed: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    source: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    cue: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speech: Option<Speech>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'a str>,
    #[serde(skip_serializing_if = "<[Evidence]>::is_empty")]
    evidence: &'a [Evidence],
    #[serde(skip_serializing_if = "is_false")]
    follow_up: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    tagged_by: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'a ReviewMark>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted: Option<&'a AcceptedSuggestion>,
}

impl<'a> StatementOut<'a> {
    fn of(s: &'a Statement, quote: &'a str) -> Self {
        StatementOut {
            id: s.id,
            start: s.range.start,
            end: s.range.end,
            quote,
            tag: s.tag,
            note: &s.note,
            explanation: &s.explanation,
            claim_reviewed: &s.claim_reviewed,
            source: &s.source,
            cue: &s.cue,
            speech: s.speech,
            verdict: s.verdict.as_deref(),
            evidence: &s.evidence,
            follow_up: s.follow_up,
            modified: s.modified.as_deref(),
            tagged_by: &s.tagged_by,
            review: s.review.as_ref(),
            accepted: s.accepted.as_ref(),
        }
    }
}

/// [`super::FileRecord`], borrowed, with the article text and the
/// statements left empty (slices, not arrays, which serde writes as
/// tuples): both are written around what RON writes.
#[derive(Serialize)]
#[serde(rename = "project")]
struct FileOut<'a> {
    format_version: u32,
    article: ArticleOut<'a>,
    meta: &'a ProjectMeta,
    scale: &'a RatingScale,
    #[serde(skip_serializing_if = "<[ArticleVersion]>::is_empty")]
    versions: &'a [ArticleVersion],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<StatementOut<'a>>,
    next_id: u64,
    statements: &'a [StatementOut<'a>],
}

/// [`super::ArticleRecord`], borrowed.
#[derive(Serialize)]
#[serde(rename = "article")]
struct ArticleOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_path: Option<&'a str>,
    text_hash: &'a str,
    text: &'a [&'a str],
}

/// Statements wrapped in a struct so RON indents them as deep as the file
/// does (two levels), and the lines can be copied out whole.
#[derive(Serialize)]
struct Wrapped<'r, 'a> {
    statements: &'r [StatementOut<'a>],
}

/// What RON writes for the empty article text list, and what it writes
/// around a non-empty one (three levels deep: project, article, list).
const EMPTY_TEXT: &str = "\n        text: [],\n    ),\n";
const TEXT_OPEN: &str = "\n        text: [\n";
const TEXT_LINE: &str = "            \"";
const TEXT_CLOSE: &str = "        ],\n    ),\n";

fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .new_line("\n")
}

fn layout_error() -> ron::Error {
    ron::Error::Message("unexpected project layout".to_owned())
}

/// Appends `s` as RON writes a string's contents: each `char` through
/// `char::escape_debug`. Printable ASCII other than quotes and backslash
/// comes out of `escape_debug` unchanged, so runs of it are copied whole.
fn push_escaped(out: &mut String, s: &str) {
    let plain = |b: u8| (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\'' | b'\\');
    let mut rest = s;
    while !rest.is_empty() {
        let run = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
        let (copied, tail) = rest.split_at(run);
        out.push_str(copied);
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            out.extend(c.escape_debug());
        }
        rest = chars.as_str();
    }
}

/// The statement lines of `chunk` as the file holds them (eight spaces,
/// the statement, a comma, a newline).
///
/// RON writes each statement with an empty quote, and the quote goes in
/// afterwards through [`push_escaped`]: quotes are most of the characters
/// in these lines. The quote is the first string on its line (after the
/// id and the span, numbers), so its `quote: ""` is the first there.
fn statement_lines(chunk: &[StatementOut<'_>]) -> Result<String, ron::Error> {
    if chunk.is_empty() {
        return Ok(String::new());
    }
    let blank: Vec<StatementOut<'_>> = chunk
        .iter()
        .map(|r| StatementOut { quote: "", ..*r })
        .collect();
    let text =
        ron_options().to_string_pretty(&Wrapped { statements: &blank }, pretty().depth_limit(2))?;
    const OPEN: &str = "(\n    statements: [\n";
    const CLOSE: &str = "    ],\n)";
    const BLANK_QUOTE: &str = "quote: \"\"";
    let Some(lines) = text
        .strip_prefix(OPEN)
        .and_then(|rest| rest.strip_suffix(CLOSE))
    else {
        return Err(layout_error());
    };
    let quotes: usize = chunk.iter().map(|r| r.quote.len()).sum();
    let mut out = String::with_capacity(lines.len() + quotes + quotes / 8);
    let mut lines = lines.split_inclusive('\n');
    for record in chunk {
        let Some(line) = lines.next() else {
            return Err(layout_error());
        };
        let Some(at) = line.find(BLANK_QUOTE) else {
            return Err(layout_error());
        };
        let (before, after) = line.split_at(at + BLANK_QUOTE.len() - 1);
        out.push_str(before);
        push_escaped(&mut out, record.quote);
        out.push_str(after);
    }
    if lines.next().is_some() {
        return Err(layout_error());
    }
    Ok(out)
}

/// Serialises `project` to the text of a project file (see
/// [`super::to_string`]).
pub(super) fn to_string(project: &Project) -> Result<String, ron::Error> {
    let text = &*project.article.text;
    let records: Vec<StatementOut<'_>> = project
        .statements
        .iter()
        .map(|s| StatementOut::of(s, text.get(s.range.clone()).unwrap_or_default()))
        .collect();
    // The second half of the statements is written on another thread while
    // this one writes the rest; a thread that cannot start or that fails
    // leaves the work (or the error) to this one.
    let split = if records.len() >= PARALLEL_FROM {
        records.len() / 2
    } else {
        records.len()
    };
    let (first, second) = records.split_at(split);
    let (main, later) = std::thread::scope(|scope| {
        let later = std::thread::Builder::new()
            .name("claimdesk-save".to_owned())
            .spawn_scoped(scope, || statement_lines(second))
            .ok();
        let main = write_all_but(project, first);
        let later = match later {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(ron::Error::Message("writing statements failed".into()))),
            None => statement_lines(second),
        };
        (main, later)
    });
    let (mut out, open) = main?;
    let later = later?;
    if open {
        out.push_str(&later);
        out.push_str("    ]");
    }
    out.push_str(",\n)\n");
    Ok(out)
}

/// Everything but the statements in `second` and the file's last line:
/// the head, open items, `statements: ` and the lines of `first`. True
/// when the statement list was opened (it has statements).
fn write_all_but(
    project: &Project,
    first: &[StatementOut<'_>],
) -> Result<(String, bool), ron::Error> {
    let text = &*project.article.text;
    let record = FileOut {
        format_version: FORMAT_VERSION,
        article: ArticleOut {
            title: &project.article.title,
            source_path: project.article.source_path.as_deref(),
            text_hash: &project.article.text_hash,
            text: &[],
        },
        meta: &project.meta,
        scale: &project.scale,
        versions: &project.versions,
        orphans: project
            .orphans
            .iter()
            .map(|o| StatementOut::of(&o.statement, &o.quote))
            .collect(),
        next_id: project.next_id,
        statements: &[],
    };
    let head = ron_options().to_string_pretty(&record, pretty())?;
    let Some(head) = head.strip_suffix("statements: [],\n)") else {
        return Err(layout_error());
    };
    // The article text, split at `\n`, goes where RON wrote an empty list;
    // its title and source path are escaped, so the first match is it.
    let Some(at) = head.find(EMPTY_TEXT) else {
        return Err(layout_error());
    };
    let (before, after) = head.split_at(at);
    let after = after.get(EMPTY_TEXT.len()..).unwrap_or_default();
    let lines = text.split('\n').count();
    let mut out = String::with_capacity(
        head.len()
            + text.len() * 2
            + lines * (TEXT_LINE.len() + 3)
            + project.statements.len() * 200,
    );
    out.push_str(before);
    out.push_str(TEXT_OPEN);
    for line in text.split('\n') {
        out.push_str(TEXT_LINE);
        push_escaped(&mut out, line);
        out.push_str("\",\n");
    }
    out.push_str(TEXT_CLOSE);
    out.push_str(after);
    // Open items, like statements, one per line.
    if !project.open_items.is_empty() {
        let list = ron_options().to_string_pretty(&project.open_items, pretty().depth_limit(1))?;
        out.push_str("open_items: ");
        out.push_str(&list.replace('\n', "\n    "));
        out.push_str(",\n    ");
    }
    out.push_str("statements: ");
    if project.statements.is_empty() {
        out.push_str("[]");
        return Ok((out, false));
    }
    out.push_str("[\n");
    out.push_str(&statement_lines(first)?);
    Ok((out, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_escape_debug_char_by_char() {
        for s in [
            "",
            "plain text, 5% (ok)",
            "quotes \" and ' and \\ back",
            "tab\there\r\u{7f}\u{1}",
            "caf\u{e9} \u{301}accent \u{200b}zero \u{feff}bom \u{1f600} \u{e000}",
            "\u{301}",
        ] {
            let mut fast = String::new();
            push_escaped(&mut fast, s);
            let slow: String = s.chars().flat_map(char::escape_debug).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }
}
