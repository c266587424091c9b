//! The CSV export: one row per statement, for spreadsheets and quick
//! scripts.
//!
//! RFC 4180 via the `csv` crate: UTF-8 without a byte-order mark, comma
//! separated, CRLF between records, fields quoted when they hold a comma,
//! quote or line break (quotes doubled). Line breaks inside notes are kept
//! inside the quoted field.
//!
//! # Columns
//! | column | content |
//! |---|---|
//! | `number` | 1-based position in text order, as the UI and reports show it |
//! | `id` | the statement's stable id |
//! | `start`, `end` | the span as code-point (character) offsets into the article text, end exclusive: what Python's `text[start:end]` or a spreadsheet's `MID` expects |
//! | `tag` | `fact`, `attribution`, `opinion`, or empty when untagged |
//! | `verdict` | the verdict (facts and attributions), else empty |
//! | `rating` | the verdict's position on the scale, 1 = worst; empty for unrated verdicts |
//! | `source` | who speaks (attributions) or holds the view (opinions) |
//! | `cue` | the attribution cue ("said") |
//! | `speech` | `direct` or `reported` (attributions) |
//! | `follow_up` | `true` or `false` |
//! | `note` | the reviewer's note |
//! | `explanation` | the public verdict explanation (statements with a verdict) |
//! | `claim_reviewed` | the reviewer's short form of the claim for ClaimReview; empty means the whole text |
//! | `evidence_urls` | the evidence URLs, one per line (`\n`) inside the field; URLs never contain white space, so splitting on white space also works |
//! | `modified` | when the statement was last changed, RFC 3339 |
//! | `text` | the statement's text |
//!
//! Fields that do not apply to the statement's tag are empty (see the
//! [module docs](super)); the JSON export has everything, including evidence
//! titles and notes and byte offsets.
//!
//! # Formula injection
//! Spreadsheet apps run a cell that starts with `=`, `+`, `-` or `@` (and,
//! in some, a tab or carriage return) as a formula, so an article quoting
//! `=HYPERLINK("http://evil", "click")` could plant a live link or worse.
//! Every text cell that starts with one of those characters gets a leading
//! `'` (OWASP's advice), which spreadsheets treat as "this is text" and
//! hide. The cost: a script reading the CSV sees `'-5% growth` and must
//! strip the quote itself; use the JSON export for exact text. Number
//! columns are written by claimdesk and never start with these.

use std::io::Write;

use crate::export::ExportError;
use crate::export::common::{CharPositions, items, speech_key};
use crate::model::{Project, Tag};

/// Writes the CSV for `project` to `out`.
pub fn write(project: &Project, out: &mut dyn Write) -> Result<(), ExportError> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(COLUMNS)?;
    let mut positions = CharPositions::new(&project.article.text);
    for item in items(project) {
        let statement = item.statement;
        let start = positions.at(statement.range.start);
        let end = positions.at(statement.range.end);
        let verdict = item.verdict().unwrap_or_default();
        let rating = item
            .verdict()
            .and_then(|v| project.scale.rating_value(v))
            .map(|v| v.to_string())
            .unwrap_or_default();
        let urls: Vec<&str> = item.evidence().iter().map(|e| e.url.trim()).collect();
        let record = [
            item.number.to_string(),
            statement.id.0.to_string(),
            start.to_string(),
            end.to_string(),
            item.tag().map(Tag::key).unwrap_or_default().to_owned(),
            text_cell(verdict),
            rating,
            text_cell(item.source().unwrap_or_default()),
            text_cell(item.cue().unwrap_or_default()),
            item.speech().map(speech_key).unwrap_or_default().to_owned(),
            statement.follow_up.to_string(),
            text_cell(&statement.note),
            text_cell(item.explanation().unwrap_or_default()),
            text_cell(&statement.claim_reviewed),
            text_cell(&urls.join("\n")),
            text_cell(statement.modified.as_deref().unwrap_or_default()),
            text_cell(item.text),
        ];
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

/// The header row (see the module docs). `text` comes last so the long
/// free text does not push the short columns out of view in a spreadsheet.
pub const COLUMNS: [&str; 17] = [
    "number",
    "id",
    "start",
    "end",
    "tag",
    "verdict",
    "rating",
    "source",
    "cue",
    "speech",
    "follow_up",
    "note",
    "explanation",
    "claim_reviewed",
    "evidence_urls",
    "modified",
    "text",
];

/// `text`, with a leading `'` if a spreadsheet would read it as a formula.
pub(crate) fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_defused_and_other_text_is_not() {
        assert_eq!(text_cell("=1+1"), "'=1+1");
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("-5% growth"), "'-5% growth");
        assert_eq!(text_cell("+44 20"), "'+44 20");
        assert_eq!(text_cell("Taxes = 5%"), "Taxes = 5%");
        assert_eq!(text_cell(""), "");
    }
}
