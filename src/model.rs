//! The annotated article in memory: the project, its article, its statements
//! and what the reviewer said about each.
//!
//! This is the pure core every other module reads: the UI draws it, the edit
//! path changes it, the project file and the exporters serialise it. It never
//! knows about egui or the file system.
//!
//! Statements are byte ranges into one shared article text (`Arc<str>`), so a
//! statement costs a few words however long the article is, and undo
//! snapshots of statements never copy article text.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

pub use crate::suggest::kinds::AcceptedSuggestion;

/// A statement's identity: stable across splits, merges, saves and reloads.
///
/// Ids are never reused within a project, so an undo step or an export that
/// names statement 17 always means the same statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatementId(pub u64);

impl fmt::Display for StatementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// What kind of statement the reviewer judged this to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tag {
    /// A checkable claim about the world.
    Fact,
    /// Something the article reports someone as saying.
    Attribution,
    /// A judgement, prediction or value statement.
    Opinion,
}

impl Tag {
    /// Every tag, in the order the UI and reports list them.
    pub const ALL: [Tag; 3] = [Tag::Fact, Tag::Attribution, Tag::Opinion];

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Tag::Fact => "Fact",
            Tag::Attribution => "Attribution",
            Tag::Opinion => "Opinion",
        }
    }

    /// The lower-case machine name used in CSV, JSON and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Tag::Fact => "fact",
            Tag::Attribution => "attribution",
            Tag::Opinion => "opinion",
        }
    }

    /// Parses [`Tag::key`] (case-insensitive).
    pub fn from_key(key: &str) -> Option<Tag> {
        Tag::ALL
            .into_iter()
            .find(|tag| tag.key().eq_ignore_ascii_case(key))
    }
}

/// Whether an attribution quotes its speaker word for word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Speech {
    /// The speaker's own words, in quotation marks.
    Direct,
    /// The speaker's point in the writer's words.
    Reported,
}

impl Speech {
    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Speech::Direct => "Direct quote",
            Speech::Reported => "Reported speech",
        }
    }
}

/// One piece of evidence behind a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// Where it is: always an `http` or `https` URL (see [`validate_url`]).
    pub url: String,
    /// What the source is called.
    #[serde(default)]
    pub title: String,
    /// What it shows, in a sentence.
    #[serde(default)]
    pub note: String,
}

/// Why a URL was refused as evidence or as the article's address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Nothing was entered.
    #[error("the URL is empty")]
    Empty,
    /// A scheme other than http(s), such as `javascript:` or `file:`.
    #[error("only http:// and https:// links are allowed, not {0:?}")]
    Scheme(String),
    /// `https://` with nothing after it, or white space inside.
    #[error("{0:?} is not a complete web address")]
    Malformed(String),
}

/// Checks that `url` is an absolute http(s) URL, the only kind a report may
/// link to: anything else (`javascript:`, `data:`, `file:`) could run code or
/// leak local paths when a reader clicks it.
pub fn validate_url(url: &str) -> Result<(), UrlError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        let scheme = lower.split(':').next().unwrap_or_default().to_owned();
        return Err(UrlError::Scheme(scheme));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || url.chars().any(char::is_whitespace) {
        return Err(UrlError::Malformed(url.to_owned()));
    }
    Ok(())
}

/// The ordered verdicts a newsroom rates facts on.
///
/// `ratings` run from best (most true) to worst; their position is the
/// number ClaimReview publishes. `unrated` verdicts (such as "Unverifiable")
/// are not a point on that line, so they carry no number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingScale {
    /// Verdicts on the scale, best first.
    pub ratings: Vec<String>,
    /// Verdicts off the scale.
    #[serde(default)]
    pub unrated: Vec<String>,
}

impl Default for RatingScale {
    fn default() -> Self {
        Self {
            ratings: ["True", "Mostly true", "Half true", "Mostly false", "False"]
                .map(String::from)
                .to_vec(),
            unrated: vec!["Unverifiable".to_owned()],
        }
    }
}

impl RatingScale {
    /// Every verdict, rated ones first, as the UI offers them.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.ratings
            .iter()
            .chain(self.unrated.iter())
            .map(String::as_str)
    }

    /// The verdict's rating on a 1 (worst) ..= `ratings.len()` (best) line,
    /// or `None` for unrated or unknown verdicts.
    pub fn rating_value(&self, verdict: &str) -> Option<usize> {
        let position = self.ratings.iter().position(|r| r == verdict)?;
        Some(self.ratings.len() - position)
    }
}

/// What the reviewer has said about one statement.
///
/// Which fields matter depends on the tag: a fact has a verdict and evidence;
/// an attribution has a source (who speaks), a cue and a speech kind, and its
/// content may carry a verdict and evidence too; an opinion may name who holds
/// it in `source`. Fields that do not apply to the current tag are kept, so
/// re-tagging by mistake and back loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Stable identity.
    pub id: StatementId,
    /// Byte range into [`Article::text`]; never empty, on char boundaries,
    /// trimmed of white space.
    pub range: Range<usize>,
    /// The reviewer's judgement, `None` while untagged.
    pub tag: Option<Tag>,
    /// The reviewer's free note: private to the desk, never published.
    pub note: String,
    /// The public verdict explanation: a sentence or two of reasoning a
    /// reader sees next to the verdict (ClaimReview `ratingExplanation`).
    pub explanation: String,
    /// A short form of the claim as a reader would quote it, for
    /// ClaimReview `claimReviewed`; empty means the full statement text.
    pub claim_reviewed: String,
    /// Who is speaking (attribution) or who holds the view (opinion).
    pub source: String,
    /// The attribution verb or phrase: "said", "according to".
    pub cue: String,
    /// Direct quote or reported speech (attributions).
    pub speech: Option<Speech>,
    /// A verdict from the project's [`RatingScale`] (facts and attributions).
    pub verdict: Option<String>,
    /// Sources behind the verdict.
    pub evidence: Vec<Evidence>,
    /// The reviewer wants to come back to this one.
    pub follow_up: bool,
    /// When the reviewer last changed this statement (RFC 3339, UTC).
    pub modified: Option<String>,
    /// Who chose the tag, in an adjudicated or merged project: the
    /// reviewers whose tag this is ("Ann, Ben"), or the adjudicator who
    /// decided anew. Empty in a one-reviewer project.
    pub tagged_by: String,
    /// What an article update left for the reviewer to look at (see
    /// [`crate::update`]); `None` for a statement nobody needs to revisit.
    pub review: Option<ReviewMark>,
    /// Set when the tag came from accepting a suggestion (with what it was
    /// shown with); `None` when the tag is the reviewer's own call.
    pub accepted: Option<AcceptedSuggestion>,
}

impl Statement {
    /// A fresh, untagged statement over `range`.
    pub fn new(id: StatementId, range: Range<usize>) -> Self {
        Self {
            id,
            range,
            tag: None,
            note: String::new(),
            explanation: String::new(),
            claim_reviewed: String::new(),
            source: String::new(),
            cue: String::new(),
            speech: None,
            verdict: None,
            evidence: Vec::new(),
            follow_up: false,
            modified: None,
            tagged_by: String::new(),
            review: None,
            accepted: None,
        }
    }

    /// True when the reviewer has written or chosen anything beyond the span.
    pub fn has_annotations(&self) -> bool {
        self.tag.is_some()
            || !self.note.is_empty()
            || !self.explanation.is_empty()
            || !self.claim_reviewed.is_empty()
            || !self.source.is_empty()
            || !self.cue.is_empty()
            || self.speech.is_some()
            || self.verdict.is_some()
            || !self.evidence.is_empty()
            || self.follow_up
    }

    /// The same annotations over another span and id: used by split, whose
    /// second half starts out as a copy of the first.
    pub fn with_span(&self, id: StatementId, range: Range<usize>) -> Self {
        Self {
            id,
            range,
            ..self.clone()
        }
    }
}

/// The article under review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The headline, or the file name when there is none.
    pub title: String,
    /// The file it was imported from, if any, as the reviewer gave it.
    pub source_path: Option<String>,
    /// The full text, line endings normalised to `\n`.
    pub text: Arc<str>,
    /// `sha256:` and the hex SHA-256 of `text`: tells whether two projects
    /// annotate the same text, and catches hand edits to a project file.
    pub text_hash: String,
}

impl Article {
    /// An article with its hash computed.
    pub fn new(title: impl Into<String>, source_path: Option<String>, text: Arc<str>) -> Self {
        let text_hash = hash_text(&text);
        Self {
            title: title.into(),
            source_path,
            text,
            text_hash,
        }
    }
}

/// `sha256:` followed by the lower-case hex SHA-256 of `text`.
pub fn hash_text(text: &str) -> String {
    format!("sha256:{}", sha256_hex(text.as_bytes()))
}

/// The lower-case hex SHA-256 of `bytes`: the one place claimdesk turns a
/// digest into text (text hashes, file fingerprints, recovery and lock
/// file names).
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Facts about the review itself, edited in the project properties dialog.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectMeta {
    /// Who reviewed the article.
    pub reviewer: String,
    /// The fact-checking organisation publishing the review.
    pub organisation: String,
    /// Where the article appeared (the outlet).
    pub publication: String,
    /// The article's address.
    pub article_url: String,
    /// The article's publication date, `YYYY-MM-DD`.
    pub published: String,
    /// BCP 47 language code of the article ("en"): picks segmentation rules.
    pub language: String,
    /// Where the published fact check lives (an http(s) address): the
    /// ClaimReview `url`, with a `#claim-N` fragment per claim.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fact_check_url: String,
    /// Who settled the reviewers' disagreements, in an adjudicated project.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub adjudicator: String,
    /// Who wrote the article, as the page or document names them.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub byline: String,
    /// Where the article text came from and when: set by import, never
    /// edited, so a report can say which version of the page was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

/// Where an imported article came from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Provenance {
    /// The URL or file path it was read from ("clipboard" for a paste).
    pub source: String,
    /// When it was read (RFC 3339, UTC).
    pub retrieved: String,
    /// `sha256:` and the hex SHA-256 of the raw bytes (the page, document or
    /// file as received, before any extraction).
    pub sha256_raw: String,
    /// What it was: `html`, `docx`, `odt`, `pdf`, `markdown` or `text`.
    pub kind: String,
}

/// One annotated article: everything a project file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The article and its text.
    pub article: Article,
    /// Review metadata.
    pub meta: ProjectMeta,
    /// The verdicts on offer.
    pub scale: RatingScale,
    /// The statements, in text order, not overlapping.
    pub statements: Vec<Statement>,
    /// The id the next new statement gets.
    pub next_id: u64,
    /// Disagreements between reviewers (from adjudication or a git merge),
    /// settled or still open; see [`crate::agree::OpenItem`].
    pub open_items: Vec<crate::agree::OpenItem>,
    /// Statements an article update could not place in the current text,
    /// kept with every annotation until the reviewer re-attaches or
    /// discards them. Their ranges point into the text they were orphaned
    /// from, not into [`Article::text`].
    pub orphans: Vec<Orphan>,
    /// The versions of the article this project has followed, oldest first
    /// (empty until the first update, which records the original too).
    pub versions: Vec<ArticleVersion>,
}

impl Project {
    /// A project over `article` with one untagged statement per range.
    pub fn new(article: Article, ranges: Vec<Range<usize>>, language: &str) -> Self {
        let statements: Vec<Statement> = ranges
            .into_iter()
            .zip(1u64..)
            .map(|(range, id)| Statement::new(StatementId(id), range))
            .collect();
        let next_id = statements.len() as u64 + 1;
        Self {
            article,
            meta: ProjectMeta {
                language: language.to_owned(),
                ..ProjectMeta::default()
            },
            scale: RatingScale::default(),
            statements,
            next_id,
            open_items: Vec::new(),
            orphans: Vec::new(),
            versions: Vec::new(),
        }
    }

    /// The text of `statement` (empty if its range is not in the text, which
    /// validation on load rules out).
    pub fn text_of(&self, statement: &Statement) -> &str {
        self.article
            .text
            .get(statement.range.clone())
            .unwrap_or_default()
    }

    /// The position of the statement with `id`.
    pub fn index_of(&self, id: StatementId) -> Option<usize> {
        self.statements.iter().position(|s| s.id == id)
    }

    /// The statement with `id`.
    pub fn statement(&self, id: StatementId) -> Option<&Statement> {
        self.statements.iter().find(|s| s.id == id)
    }

    /// The index of the statement containing byte `offset`, or else the
    /// nearest one before it (a click between two statements picks the
    /// earlier one).
    pub fn index_at_offset(&self, offset: usize) -> Option<usize> {
        let after = self.statements.partition_point(|s| s.range.start <= offset);
        after.checked_sub(1)
    }

    /// Counts per tag.
    pub fn stats(&self) -> Stats {
        let mut stats = Stats::default();
        for statement in &self.statements {
            stats.count_in(statement, 1);
        }
        stats
    }

    /// Checks every invariant the rest of the program relies on, returning
    /// the first broken one. Run on everything loaded from outside.
    pub fn validate(&self) -> Result<(), ModelError> {
        let text = &*self.article.text;
        let mut seen = std::collections::HashSet::with_capacity(self.statements.len());
        let mut previous_end = 0usize;
        for (index, statement) in self.statements.iter().enumerate() {
            let number = index + 1;
            let Range { start, end } = statement.range.clone();
            if start >= end {
                return Err(ModelError::EmptySpan { number, start, end });
            }
            if end > text.len() {
                return Err(ModelError::OutOfText {
                    number,
                    start,
                    end,
                    len: text.len(),
                });
            }
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(ModelError::SplitsCharacter { number, start, end });
            }
            if start < previous_end {
                return Err(ModelError::Overlap { number, start });
            }
            if !seen.insert(statement.id) {
                return Err(ModelError::DuplicateId {
                    number,
                    id: statement.id,
                });
            }
            if statement.id.0 >= self.next_id {
                return Err(ModelError::IdNotBelowNext {
                    id: statement.id,
                    next_id: self.next_id,
                });
            }
            previous_end = end;
        }
        // Orphans have no span in this text, but they keep their ids: a
        // re-attached orphan must not collide with a live statement.
        for orphan in &self.orphans {
            let id = orphan.statement.id;
            if !seen.insert(id) {
                return Err(ModelError::OrphanIdInUse { id });
            }
            if id.0 >= self.next_id {
                return Err(ModelError::IdNotBelowNext {
                    id,
                    next_id: self.next_id,
                });
            }
        }
        crate::agree::validate_items(self)
    }
}

/// How an article update placed one statement in the new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UpdateStatus {
    /// Same text, same place in the story.
    Unchanged,
    /// Same text, found elsewhere.
    Moved,
    /// Placed on text that changed a little; the reviewer confirms.
    Edited,
    /// Placed on the best of several close places; the reviewer confirms.
    Ambiguous,
    /// Not found with enough confidence; kept in [`Project::orphans`].
    Orphaned,
}

impl UpdateStatus {
    /// Every status, in the order reports list them.
    pub const ALL: [UpdateStatus; 5] = [
        UpdateStatus::Unchanged,
        UpdateStatus::Moved,
        UpdateStatus::Edited,
        UpdateStatus::Ambiguous,
        UpdateStatus::Orphaned,
    ];

    /// The lower-case machine name used in JSON and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            UpdateStatus::Unchanged => "unchanged",
            UpdateStatus::Moved => "moved",
            UpdateStatus::Edited => "edited",
            UpdateStatus::Ambiguous => "ambiguous",
            UpdateStatus::Orphaned => "orphaned",
        }
    }

    /// True for the statuses a reviewer must confirm.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, UpdateStatus::Edited | UpdateStatus::Ambiguous)
    }
}

/// Why a statement is waiting for the reviewer after an article update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewMark {
    /// Placed automatically on text that changed or occurs more than once:
    /// the reviewer compares `old_quote` with the new text and confirms (or
    /// orphans it).
    NeedsConfirm {
        /// [`UpdateStatus::Edited`] or [`UpdateStatus::Ambiguous`].
        status: UpdateStatus,
        /// The text the annotations were written about.
        old_quote: String,
    },
    /// Text no earlier statement covered: new in this version, untagged.
    NewInVersion,
}

/// A statement an update could not place, with everything the reviewer
/// wrote about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    /// The statement as it was: id and every annotation. Its range points
    /// into the version it was orphaned from, not the current text.
    pub statement: Statement,
    /// The text it annotated.
    pub quote: String,
}

/// How many statements an update gave each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusCounts {
    /// [`UpdateStatus::Unchanged`].
    pub unchanged: usize,
    /// [`UpdateStatus::Moved`].
    pub moved: usize,
    /// [`UpdateStatus::Edited`].
    pub edited: usize,
    /// [`UpdateStatus::Ambiguous`].
    pub ambiguous: usize,
    /// [`UpdateStatus::Orphaned`].
    pub orphaned: usize,
    /// New, untagged statements over text no statement covered (for the
    /// original version: every statement it started with).
    pub new_statements: usize,
}

impl StatusCounts {
    /// Counts one more statement with `status`.
    pub fn add(&mut self, status: UpdateStatus) {
        let slot = match status {
            UpdateStatus::Unchanged => &mut self.unchanged,
            UpdateStatus::Moved => &mut self.moved,
            UpdateStatus::Edited => &mut self.edited,
            UpdateStatus::Ambiguous => &mut self.ambiguous,
            UpdateStatus::Orphaned => &mut self.orphaned,
        };
        *slot += 1;
    }

    /// The count for `status`.
    pub fn get(&self, status: UpdateStatus) -> usize {
        match status {
            UpdateStatus::Unchanged => self.unchanged,
            UpdateStatus::Moved => self.moved,
            UpdateStatus::Edited => self.edited,
            UpdateStatus::Ambiguous => self.ambiguous,
            UpdateStatus::Orphaned => self.orphaned,
        }
    }
}

/// One version of the article a project has followed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ArticleVersion {
    /// When claimdesk took this version in (RFC 3339, UTC); `None` for the
    /// original, whose import time was not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where it came from: a path, an address, or `None` for pasted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// [`hash_text`] of the version's text.
    pub text_hash: String,
    /// What the update did with the statements of the version before.
    #[serde(default)]
    pub counts: StatusCounts,
}

/// A broken invariant in a project (almost always from a damaged or
/// hand-edited file). Statement numbers count from 1, as the UI shows them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// `start >= end`.
    #[error("statement {number} has an empty span {start}..{end}")]
    EmptySpan {
        /// 1-based position.
        number: usize,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
    },
    /// The span ends past the text.
    #[error(
        "statement {number} points outside the text ({start}..{end}, but the text is {len} bytes)"
    )]
    OutOfText {
        /// 1-based position.
        number: usize,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
        /// Text length in bytes.
        len: usize,
    },
    /// A span boundary inside a multi-byte character.
    #[error(
        "statement {number} splits a character ({start}..{end} is not on character boundaries)"
    )]
    SplitsCharacter {
        /// 1-based position.
        number: usize,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
    },
    /// Spans out of order or overlapping.
    #[error("statement {number} overlaps the one before it (or is out of order) at byte {start}")]
    Overlap {
        /// 1-based position.
        number: usize,
        /// Span start.
        start: usize,
    },
    /// Two statements share an id.
    #[error("statement {number} repeats id {id}")]
    DuplicateId {
        /// 1-based position.
        number: usize,
        /// The repeated id.
        id: StatementId,
    },
    /// An open item's choice holds a span outside the text or splitting a
    /// character.
    #[error("open item {number} holds a span {start}..{end} that is not on the article text")]
    BadOpenItem {
        /// 1-based item position.
        number: usize,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
    },
    /// An orphan shares its id with a statement or another orphan.
    #[error("orphaned statement {id} repeats an id already in use")]
    OrphanIdInUse {
        /// The repeated id.
        id: StatementId,
    },
    /// `next_id` would hand out an id already in use.
    #[error("statement id {id} is not below next_id {next_id}")]
    IdNotBelowNext {
        /// The offending id.
        id: StatementId,
        /// The recorded next id.
        next_id: u64,
    },
}

/// Counts per tag, for the status bar and `claimdesk stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    /// All statements.
    pub total: usize,
    /// Statements with no tag.
    pub untagged: usize,
    /// Tagged fact.
    pub fact: usize,
    /// Tagged attribution.
    pub attribution: usize,
    /// Tagged opinion.
    pub opinion: usize,
    /// Flagged for follow-up.
    pub follow_up: usize,
}

impl Stats {
    /// Counts `statement` in (`sign` = 1) or out (`sign` = -1): lets the
    /// workspace keep the counts current from each change's statements
    /// instead of recounting the whole project after every edit.
    pub fn count_in(&mut self, statement: &Statement, sign: isize) {
        let bump = |n: &mut usize| *n = n.saturating_add_signed(sign);
        bump(&mut self.total);
        match statement.tag {
            None => bump(&mut self.untagged),
            Some(Tag::Fact) => bump(&mut self.fact),
            Some(Tag::Attribution) => bump(&mut self.attribution),
            Some(Tag::Opinion) => bump(&mut self.opinion),
        }
        if statement.follow_up {
            bump(&mut self.follow_up);
        }
    }

    /// Statements with any tag.
    pub fn tagged(&self) -> usize {
        self.total - self.untagged
    }

    /// The count for one tag.
    pub fn count(&self, tag: Tag) -> usize {
        match tag {
            Tag::Fact => self.fact,
            Tag::Attribution => self.attribution,
            Tag::Opinion => self.opinion,
        }
    }
}

#[cfg(test)]
// A one-element list of spans is exactly what these tests mean.
#[allow(clippy::single_range_in_vec_init)]
mod tests {

    use super::*;

    fn project(text: &str, ranges: &[Range<usize>]) -> Project {
        Project::new(
            Article::new("t", None, Arc::from(text)),
            ranges.to_vec(),
            "en",
        )
    }

    #[test]
    fn urls_other_than_http_are_refused() {
        assert!(validate_url("https://example.org/a?b#c").is_ok());
        assert!(validate_url("HTTP://example.org").is_ok());
        assert_eq!(
            validate_url("javascript:alert(1)"),
            Err(UrlError::Scheme("javascript".into()))
        );
        assert!(matches!(
            validate_url("file:///etc/passwd"),
            Err(UrlError::Scheme(_))
        ));
        assert!(matches!(
            validate_url("https://"),
            Err(UrlError::Malformed(_))
        ));
        assert!(matches!(
            validate_url("https://a b"),
            Err(UrlError::Malformed(_))
        ));
        assert_eq!(validate_url("  "), Err(UrlError::Empty));
    }

    #[test]
    fn rating_value_counts_from_worst() {
        let scale = RatingScale::default();
        assert_eq!(scale.rating_value("True"), Some(5));
        assert_eq!(scale.rating_value("False"), Some(1));
        assert_eq!(scale.rating_value("Unverifiable"), None);
        assert_eq!(scale.all().count(), 6);
    }

    #[test]
    fn validate_catches_each_broken_invariant() {
        let text = "Héllo there. Second one.";
        assert_eq!(project(text, &[0..13, 14..25]).validate(), Ok(()));
        assert!(matches!(
            project(text, &[0..40]).validate(),
            Err(ModelError::OutOfText { number: 1, .. })
        ));
        assert!(matches!(
            project(text, &[0..2]).validate(),
            Err(ModelError::SplitsCharacter { .. })
        ));
        assert!(matches!(
            project(text, &[0..13, 5..20]).validate(),
            Err(ModelError::Overlap { number: 2, .. })
        ));
        assert!(matches!(
            project(text, &[3..3]).validate(),
            Err(ModelError::EmptySpan { .. })
        ));
        let mut dup = project(text, &[0..13, 14..25]);
        dup.statements[1].id = StatementId(1);
        assert!(matches!(
            dup.validate(),
            Err(ModelError::DuplicateId { number: 2, .. })
        ));
        let mut next = project(text, &[0..13]);
        next.next_id = 1;
        assert!(matches!(
            next.validate(),
            Err(ModelError::IdNotBelowNext { .. })
        ));
    }

    #[test]
    fn offset_lookup_picks_containing_or_previous_statement() {
        let p = project("One. Two. Three.", &[0..4, 5..9, 10..16]);
        assert_eq!(p.index_at_offset(0), Some(0));
        assert_eq!(p.index_at_offset(4), Some(0));
        assert_eq!(p.index_at_offset(6), Some(1));
        assert_eq!(p.index_at_offset(15), Some(2));
    }

    #[test]
    fn hash_is_stable_sha256() {
        assert_eq!(
            hash_text("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
