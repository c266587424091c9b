//! Reports and data exports: the annotated project written out for readers
//! (HTML, Markdown), spreadsheets (CSV), other tools (JSON) and the web
//! (schema.org ClaimReview, W3C Web Annotation).
//!
//! One file per format, as ripgrep keeps one printer per output format: each
//! is a function from a [`Project`] to a writer, and none knows about egui,
//! files on disk or the clock. The same project always gives the same bytes,
//! so exports can be diffed, snapshot-tested and committed.
//!
//! # What every format agrees on
//! - Statements are numbered from 1 in text order, as the UI numbers them;
//!   the HTML report anchors claim `N` at `#claim-N`, and ClaimReview URLs
//!   use the same fragment.
//! - Reports (HTML, Markdown, CSV, ClaimReview, Web Annotation) show only
//!   the fields that apply to a statement's current tag: verdict and
//!   evidence for facts and attributions, source for attributions and
//!   opinions, cue and speech for attributions; notes and the follow-up flag
//!   always. The model keeps the other fields so a mistaken re-tag loses
//!   nothing, but a report must not publish a stale verdict on what is now
//!   an opinion. The JSON export is the exception: it carries every field as
//!   stored.
//! - Only `http(s)` URLs (see [`crate::model::validate_url`]) ever become
//!   links; anything else is printed as text.
//! - User text is escaped for the target syntax, so an article or a note
//!   cannot inject markup, links or spreadsheet formulas.

use std::io::Write;

use crate::model::Project;

mod common;

pub mod claimreview;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod webannotation;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// A self-contained, printable HTML page (see [`html`]).
    Html,
    /// The same report in Markdown (see [`markdown`]).
    Markdown,
    /// One spreadsheet row per statement (see [`csv`]).
    Csv,
    /// The whole annotated project as JSON for other tools (see [`json`]).
    Json,
    /// schema.org ClaimReview JSON-LD, one review per verdict (see
    /// [`claimreview`]).
    ClaimReview,
    /// A W3C Web Annotation collection (see [`webannotation`]).
    WebAnnotation,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 6] = [
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Json,
        Format::ClaimReview,
        Format::WebAnnotation,
    ];

    /// The machine name, used as the CLI's `--format` value.
    pub fn key(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::ClaimReview => "claimreview",
            Format::WebAnnotation => "webannotation",
        }
    }

    /// Parses [`Format::key`] case-insensitively; `markdown` is accepted as
    /// well as `md`.
    pub fn from_key(key: &str) -> Option<Format> {
        let key = key.trim();
        if key.eq_ignore_ascii_case("markdown") {
            return Some(Format::Markdown);
        }
        Format::ALL
            .into_iter()
            .find(|format| format.key().eq_ignore_ascii_case(key))
    }

    /// The file name extension, without a dot, as a save dialog's filter
    /// wants it. Both JSON-LD formats use `jsonld` (the registered extension
    /// for `application/ld+json`); use [`Format::suffix`] for default file
    /// names so the two do not overwrite each other.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::ClaimReview | Format::WebAnnotation => "jsonld",
        }
    }

    /// What to append to a file stem (after a dot) for a default export
    /// name: the extension, except that the two JSON-LD formats get
    /// `claimreview.jsonld` and `annotations.jsonld` so exporting both for
    /// one article gives two files.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::ClaimReview => "claimreview.jsonld",
            Format::WebAnnotation => "annotations.jsonld",
            other => other.extension(),
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML report",
            Format::Markdown => "Markdown report",
            Format::Csv => "CSV spreadsheet",
            Format::Json => "JSON data",
            Format::ClaimReview => "ClaimReview (schema.org JSON-LD)",
            Format::WebAnnotation => "Web Annotations (W3C JSON-LD)",
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The writer failed (disk full, closed pipe, ...).
    #[error("Could not write the export: {0}")]
    Io(#[from] std::io::Error),
    /// JSON serialisation failed (in practice only through the writer).
    #[error("Could not write the JSON export: {0}")]
    Json(#[from] serde_json::Error),
    /// CSV serialisation failed (in practice only through the writer).
    #[error("Could not write the CSV export: {0}")]
    Csv(#[from] ::csv::Error),
}

/// Writes `project` to `out` in `format`.
pub fn export(project: &Project, format: Format, out: &mut dyn Write) -> Result<(), ExportError> {
    match format {
        Format::Html => html::write(project, out),
        Format::Markdown => markdown::write(project, out),
        Format::Csv => csv::write(project, out),
        Format::Json => json::write(project, out),
        Format::ClaimReview => claimreview::write(project, out),
        Format::WebAnnotation => webannotation::write(project, out),
    }?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_parse_loosely() {
        for format in Format::ALL {
            assert_eq!(Format::from_key(format.key()), Some(format));
            assert_eq!(Format::from_key(&format.key().to_uppercase()), Some(format));
        }
        assert_eq!(Format::from_key("Markdown"), Some(Format::Markdown));
        assert_eq!(Format::from_key(" csv "), Some(Format::Csv));
        assert_eq!(Format::from_key("pdf"), None);
    }

    #[test]
    fn default_file_names_never_collide() {
        let mut suffixes: Vec<&str> = Format::ALL.iter().map(|f| f.suffix()).collect();
        suffixes.sort_unstable();
        suffixes.dedup();
        assert_eq!(suffixes.len(), Format::ALL.len());
        for format in Format::ALL {
            assert!(format.suffix().ends_with(format.extension()));
        }
    }
}
