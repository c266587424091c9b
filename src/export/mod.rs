//! Reports and data exports: the annotated project written out for readers
//! (HTML, Markdown, PDF), spreadsheets (CSV), other tools (JSON) and the web
//! (schema.org ClaimReview, W3C Web Annotation).
//!
//! One file per format, as ripgrep keeps one printer per output format: each
//! is a function from a [`Project`] to a writer, and none knows about egui
//! or the clock. The same project, options and [`ReportZone`] always give
//! the same bytes, so exports can be diffed, snapshot-tested and committed.
//! PDF is the one exception to "no files, no processes": it prints the
//! HTML report with headless Chromium (see [`pdf`]).
//!
//! # Two audiences
//! The reports (HTML, Markdown, PDF) come in two shapes ([`Audience`]):
//! - the **desk report**, for the team: every statement, tags, notes,
//!   follow-up flags, evidence with its notes, when each claim last changed
//!   (in the reader's zone), and what ClaimReview still lacks;
//! - the **published fact check**, for readers: only the claims with a
//!   verdict, each quoted in full with who made it, the verdict on the
//!   project's scale, the public verdict explanation and the evidence
//!   links; the fact-checker and organisation, the date. No notes, flags,
//!   untagged statements or article text beyond the claims. Its HTML
//!   carries the ClaimReview markup when the checklist is complete, so the
//!   page at the fact-check URL is what search engines read.
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
pub mod controls;
pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod webannotation;
pub mod when;

pub use claimreview::{claimreview_advice, claimreview_checklist};
pub use when::ReportZone;

/// Who a report is for (HTML, Markdown and PDF; the data formats ignore it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Audience {
    /// The newsroom: everything, including private notes.
    #[default]
    Desk,
    /// Readers: the published fact check.
    Public,
}

impl Audience {
    /// Both, in the order menus list them.
    pub const ALL: [Audience; 2] = [Audience::Desk, Audience::Public];

    /// The machine name, used as the CLI's `--audience` value.
    pub fn key(self) -> &'static str {
        match self {
            Audience::Desk => "desk",
            Audience::Public => "public",
        }
    }

    /// Parses [`Audience::key`] case-insensitively.
    pub fn from_key(key: &str) -> Option<Audience> {
        Audience::ALL
            .into_iter()
            .find(|a| a.key().eq_ignore_ascii_case(key.trim()))
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Audience::Desk => "Desk report (for the team)",
            Audience::Public => "Published fact check (for readers)",
        }
    }

    /// The audience a format gets when none is chosen: PDF is for printing
    /// and publishing, so the published fact check; the rest the desk
    /// report.
    pub fn default_for(format: Format) -> Audience {
        match format {
            Format::Pdf => Audience::Public,
            _ => Audience::Desk,
        }
    }
}

/// Everything an export needs besides the project.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The format.
    pub format: Format,
    /// Who the report is for.
    pub audience: Audience,
    /// Write ClaimReview even when [`claimreview_checklist`] is not empty
    /// (missing properties are left out).
    pub draft: bool,
    /// The zone times are shown in.
    pub zone: ReportZone,
}

impl ExportOptions {
    /// `format` for its default audience, not a draft, times in UTC.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            audience: Audience::default_for(format),
            draft: false,
            zone: ReportZone::utc(),
        }
    }

    /// The same, for `audience`.
    pub fn audience(mut self, audience: Audience) -> Self {
        self.audience = audience;
        self
    }

    /// The same, as a draft or not.
    pub fn draft(mut self, draft: bool) -> Self {
        self.draft = draft;
        self
    }

    /// The same, with times in `zone`.
    pub fn zone(mut self, zone: ReportZone) -> Self {
        self.zone = zone;
        self
    }
}

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
    /// The HTML report printed to PDF by headless Chromium (see [`pdf`]).
    Pdf,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 7] = [
        Format::Html,
        Format::Markdown,
        Format::Pdf,
        Format::Csv,
        Format::Json,
        Format::ClaimReview,
        Format::WebAnnotation,
    ];

    /// Whether the format comes in a desk and a public shape.
    pub fn has_audience(self) -> bool {
        matches!(self, Format::Html | Format::Markdown | Format::Pdf)
    }

    /// The machine name, used as the CLI's `--format` value.
    pub fn key(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::ClaimReview => "claimreview",
            Format::WebAnnotation => "webannotation",
            Format::Pdf => "pdf",
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
            Format::Pdf => "pdf",
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
            Format::Pdf => "PDF (printed by Chromium)",
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
    /// ClaimReview would lack required properties (see
    /// [`claimreview_checklist`]).
    #[error(
        "ClaimReview not written: fill in {}; or export it as a draft (--draft)",
        .0.join("; ")
    )]
    NotReady(Vec<String>),
    /// A report for publication while reviewers' disagreements are open
    /// (see [`crate::agree::publish_blockers`]).
    #[error(
        "{}\n  (a draft: --draft on the command line, Export as draft in the window)",
        .0.join("\n  ")
    )]
    OpenItems(Vec<String>),
    /// PDF needs Chromium, and none was found.
    #[error(
        "PDF export needs Chromium, and none is installed (looked for chromium and chromium-browser on PATH); install it (Debian/Ubuntu: apt install chromium), or export HTML and print it from a browser"
    )]
    NoBrowser,
    /// Chromium ran but did not print.
    #[error("Chromium could not print the report to PDF: {0}")]
    Print(String),
}

/// Writes `project` to `out` in `format`, for the format's default
/// audience, with times in UTC: [`export_with`] with
/// [`ExportOptions::new`].
pub fn export(project: &Project, format: Format, out: &mut dyn Write) -> Result<(), ExportError> {
    export_with(project, &ExportOptions::new(format), out)
}

/// Whether `options` ask for something meant for publication: a public
/// report or ClaimReview. Desk reports and data exports are the team's own.
pub fn publishes(options: &ExportOptions) -> bool {
    options.format == Format::ClaimReview
        || (options.format.has_audience() && options.audience == Audience::Public)
}

/// Why `options` cannot be exported as they are, one line each, empty when
/// they can: reviewers' disagreements still open (for anything published)
/// and, for ClaimReview, the [`claimreview_checklist`]. A draft is never
/// refused.
pub fn export_blockers(project: &Project, options: &ExportOptions) -> Vec<String> {
    if options.draft || !publishes(options) {
        return Vec::new();
    }
    let mut out = crate::agree::publish_blockers(project);
    if options.format == Format::ClaimReview {
        out.extend(claimreview_checklist(project));
    }
    out
}

/// Writes `project` to `out` as `options` say. Anything published (see
/// [`publishes`]) is refused with [`ExportError::OpenItems`] while
/// reviewers' disagreements are open, and ClaimReview with
/// [`ExportError::NotReady`] while [`claimreview_checklist`] is not empty,
/// unless `options.draft`.
pub fn export_with(
    project: &Project,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    if publishes(options) && !options.draft {
        let open = crate::agree::publish_blockers(project);
        if !open.is_empty() {
            return Err(ExportError::OpenItems(open));
        }
    }
    match options.format {
        Format::Html => html::write_with(project, options, out),
        Format::Markdown => markdown::write_with(project, options, out),
        Format::Pdf => pdf::write_with(project, options, out),
        Format::Csv => csv::write(project, out),
        Format::Json => json::write(project, out),
        Format::ClaimReview => {
            let missing = claimreview_checklist(project);
            if !missing.is_empty() && !options.draft {
                return Err(ExportError::NotReady(missing));
            }
            claimreview::write(project, out)
        }
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
        assert_eq!(Format::from_key("pdf"), Some(Format::Pdf));
        assert_eq!(Format::from_key("docx"), None);
        for audience in Audience::ALL {
            assert_eq!(Audience::from_key(audience.key()), Some(audience));
        }
        assert_eq!(Audience::from_key(" PUBLIC "), Some(Audience::Public));
        assert_eq!(Audience::from_key("everyone"), None);
        assert_eq!(Audience::default_for(Format::Pdf), Audience::Public);
        assert_eq!(Audience::default_for(Format::Html), Audience::Desk);
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
