//! The project file: a `.claims.ron` holding the article and every annotation.
//!
//! Written for people and for git as much as for the program:
//! - pretty-printed RON in a fixed field order, so two saves of the same
//!   project are byte-identical and a diff shows only what changed;
//! - one statement per line, so changing a statement is a one-line diff
//!   (and a 10,000-statement project stays small enough to save in 30 ms);
//! - the article text is stored as a list of lines, so an edit to one line
//!   of a long article is a one-line diff;
//! - each statement carries a `quote` of its text, so a reader can see what
//!   it annotates; on load the quote is checked against the span, which
//!   catches a hand edit of the text that left spans pointing at the wrong
//!   words;
//! - empty fields are left out, and `#[serde(default)]` fills them back in,
//!   which is also how files from older format versions load.
//!
//! # Versions
//! - 1: article, statements with tag, note and source.
//! - 2 (current): adds project metadata, the rating scale, and per-statement
//!   cue, speech, verdict, evidence, follow-up flag and modification time.
//!
//! A file from a newer version is refused rather than half-read, so nothing a
//! newer claimdesk wrote is silently dropped on the next save.

mod read;
#[cfg(test)]
mod reference;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::atomic::{AtomicWriteError, FileSystem, RealFs, write_atomic};
use crate::model::{
    AcceptedSuggestion, Article, ArticleVersion, Evidence, ModelError, Orphan, Project,
    ProjectMeta, RatingScale, ReviewMark, Speech, Statement, StatementId, Tag, hash_text,
};

/// The format version this build writes.
pub const FORMAT_VERSION: u32 = 2;

/// Project files larger than this are refused: an article may be up to
/// 32 MiB, and its annotations and quotes can at most about double that.
pub const MAX_PROJECT_BYTES: usize = 128 * 1024 * 1024;

/// The extension project files use.
pub const EXTENSION: &str = "claims.ron";

/// Deeper nesting than this is refused: no real project nests past 6, and a
/// hostile file nested thousands deep must fail cleanly, not blow the stack.
const RECURSION_LIMIT: usize = 64;

/// Why a project file could not be read or written. Messages end with the
/// path.
#[derive(Debug, thiserror::Error)]
pub enum ProjectFileError {
    /// Reading failed.
    #[error("Could not open the project: {cause}: {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// Not a regular file (a pipe, device or socket), or too large.
    #[error("Could not open the project: {why}: {}", path.display())]
    NotReadable {
        /// The path.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The path is a folder.
    #[error("Could not open the project: it is a folder, not a file: {}", path.display())]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// Not UTF-8.
    #[error("Could not open the project: it is not UTF-8 text (bad byte at offset {offset}): {}", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The first bad byte.
        offset: usize,
    },
    /// The RON does not parse or has the wrong shape.
    #[error("Could not open the project: line {line}, column {column}: {message}: {}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// Written by a newer claimdesk.
    #[error("Could not open the project: it was written by a newer claimdesk (format {found}; this version reads up to {FORMAT_VERSION}): {}", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
    /// Version 0 or missing.
    #[error("Could not open the project: format version {found} is not one claimdesk ever wrote: {}", path.display())]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
    /// Parsed, but the statements break an invariant.
    #[error("Could not open the project: {cause}: {}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The broken invariant.
        cause: ModelError,
    },
    /// A statement's quote does not match the text at its span.
    #[error("Could not open the project: statement {number}'s quote does not match the article text at {start}..{end} (was the text edited by hand?): {}", path.display())]
    QuoteMismatch {
        /// The file.
        path: PathBuf,
        /// 1-based position.
        number: usize,
        /// Span start.
        start: usize,
        /// Span end.
        end: usize,
    },
    /// The recorded hash does not match the text.
    #[error("Could not open the project: the article text does not match its recorded hash (was the text edited by hand?): {}", path.display())]
    HashMismatch {
        /// The file.
        path: PathBuf,
    },
    /// Serialising failed (should not happen for a valid project).
    #[error("Could not save the project: {message}: {}", path.display())]
    Serialize {
        /// The file.
        path: PathBuf,
        /// What the serialiser said.
        message: String,
    },
    /// Writing failed; the old file is intact.
    #[error(transparent)]
    Write(#[from] AtomicWriteError),
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "project")]
struct FileRecord {
    format_version: u32,
    article: ArticleRecord,
    #[serde(default)]
    meta: ProjectMeta,
    #[serde(default)]
    scale: RatingScale,
    /// Versions followed by article updates; before `statements`, which
    /// must stay the last field (see [`to_string`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    versions: Vec<ArticleVersion>,
    /// Orphaned statements: `start`/`end` point into the version they were
    /// orphaned from and `quote` is their old text, so neither is checked
    /// against the current text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<StatementRecord>,
    next_id: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    open_items: Vec<crate::agree::OpenItem>,
    statements: Vec<StatementRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "article")]
struct ArticleRecord {
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source_path: Option<String>,
    text_hash: String,
    /// The text split at `\n`; joining with `\n` gives it back exactly.
    text: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !b
}

#[derive(Serialize, Deserialize)]
#[serde(rename = "statement")]
struct StatementRecord {
    id: StatementId,
    start: usize,
    end: usize,
    quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tag: Option<Tag>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    explanation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    claim_reviewed: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    cue: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speech: Option<Speech>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verdict: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "is_false")]
    follow_up: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    tagged_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    review: Option<ReviewMark>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    accepted: Option<AcceptedSuggestion>,
}

impl StatementRecord {
    /// The statement and its quote, moving the strings rather than copying
    /// them.
    fn into_parts(self) -> (Statement, String) {
        let statement = Statement {
            id: self.id,
            range: self.start..self.end,
            tag: self.tag,
            note: self.note,
            explanation: self.explanation,
            claim_reviewed: self.claim_reviewed,
            source: self.source,
            cue: self.cue,
            speech: self.speech,
            verdict: self.verdict,
            evidence: self.evidence,
            follow_up: self.follow_up,
            modified: self.modified,
            tagged_by: self.tagged_by,
            review: self.review,
            accepted: self.accepted,
        };
        (statement, self.quote)
    }
}

#[derive(Deserialize)]
#[serde(rename = "project")]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// Serialises `project` to the text of a project file.
///
/// Everything but the statements is pretty-printed; each statement is one
/// line, so a change to a statement is a one-line diff, and a large
/// project stays small enough to save within the 30 ms budget (see
/// `write.rs` for how, byte for byte as RON writes it).
pub fn to_string(project: &Project) -> Result<String, ron::Error> {
    write::to_string(project)
}

fn syntax_error(path: &Path, error: &ron::error::SpannedError) -> ProjectFileError {
    ProjectFileError::Syntax {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: match error.code {
            ron::Error::ExceededRecursionLimit => {
                format!("nested more than {RECURSION_LIMIT} levels deep")
            }
            ref other => other.to_string(),
        },
    }
}

/// Refuses versions this build cannot read in full.
fn check_version(version: u32, path: &Path) -> Result<(), ProjectFileError> {
    match version {
        0 => Err(ProjectFileError::UnknownVersion {
            path: path.to_owned(),
            found: 0,
        }),
        found if found > FORMAT_VERSION => Err(ProjectFileError::NewerVersion {
            path: path.to_owned(),
            found,
        }),
        // Versions 1 and 2 share a shape: version 1 simply lacks the
        // fields that default to empty.
        _ => Ok(()),
    }
}

/// Parses the text of a project file; `path` is only used in messages.
/// A large file in the shape claimdesk writes is parsed on two threads.
pub fn from_str(source: &str, path: &Path) -> Result<Project, ProjectFileError> {
    parse(source, path, true)
}

/// [`from_str`] on the calling thread only: for callers that already parse
/// several files at once (the merge driver parses three), where splitting
/// each file again only oversubscribes the cores.
pub fn from_str_on_this_thread(source: &str, path: &Path) -> Result<Project, ProjectFileError> {
    parse(source, path, false)
}

/// The common ancestor of versions being merged, prepared once: other
/// versions are read by parsing only the statement lines that differ from
/// its lines, when both files are in the shape claimdesk writes and share
/// everything but statements; anything else is parsed whole on the calling
/// thread ([`from_str_on_this_thread`]). For the merge driver, whose three
/// versions are mostly the same lines.
pub struct Ancestor<'a> {
    project: &'a Project,
    lines: Option<read::AncestorLines<'a>>,
}

impl<'a> Ancestor<'a> {
    /// `project` as parsed from `source`.
    pub fn new(source: &'a str, project: &'a Project) -> Self {
        Self {
            project,
            lines: read::ancestor_lines(source, project),
        }
    }

    /// Another version of the ancestor's file; `path` is only used in
    /// messages.
    pub fn read(&self, source: &str, path: &Path) -> Result<Project, ProjectFileError> {
        let shortcut = self
            .lines
            .as_ref()
            .and_then(|lines| read::parse_with(source, lines, self.project));
        match shortcut {
            Some(project) => Ok(project),
            None => from_str_on_this_thread(source, path),
        }
    }
}

fn parse(source: &str, path: &Path, split: bool) -> Result<Project, ProjectFileError> {
    let options = ron_options();
    // The version is the one the parser read, never a guess from the text:
    // a comment or a string mentioning `format_version: 2` must not let a
    // newer file pass as an older one and be half-read. A file that does
    // not parse in today's shape is probed for its version alone, so a
    // newer file is refused as newer rather than as a syntax error.
    let fast = if split {
        read::parse_fast(source)
    } else {
        read::Fast::GiveUp
    };
    let record: FileRecord = match fast {
        read::Fast::Parsed(record) => *record,
        read::Fast::Panicked => {
            return Err(ProjectFileError::NotReadable {
                path: path.to_owned(),
                why: "reading it stopped unexpectedly".to_owned(),
            });
        }
        read::Fast::GiveUp => match options.from_str(source) {
            Ok(record) => record,
            Err(error) => {
                if let Ok(probe) = options.from_str::<VersionProbe>(source) {
                    check_version(probe.format_version, path)?;
                }
                return Err(syntax_error(path, &error));
            }
        },
    };
    check_version(record.format_version, path)?;
    let text: Arc<str> = Arc::from(record.article.text.join("\n"));
    if hash_text(&text) != record.article.text_hash {
        return Err(ProjectFileError::HashMismatch {
            path: path.to_owned(),
        });
    }
    // Quotes are checked before the strings are moved out of the records,
    // and the first mismatch reported after `validate`, as before.
    let bad_quote = record
        .statements
        .iter()
        .position(|r| text.get(r.start..r.end) != Some(r.quote.as_str()))
        .and_then(|index| {
            let r = record.statements.get(index)?;
            Some(ProjectFileError::QuoteMismatch {
                path: path.to_owned(),
                number: index + 1,
                start: r.start,
                end: r.end,
            })
        });
    let statements: Vec<Statement> = record
        .statements
        .into_iter()
        .map(|r| r.into_parts().0)
        .collect();
    let orphans: Vec<Orphan> = record
        .orphans
        .into_iter()
        .map(|r| {
            let (statement, quote) = r.into_parts();
            Orphan { statement, quote }
        })
        .collect();
    let project = Project {
        article: Article {
            title: record.article.title,
            source_path: record.article.source_path,
            text,
            text_hash: record.article.text_hash,
        },
        meta: record.meta,
        scale: record.scale,
        statements,
        next_id: record.next_id,
        open_items: record.open_items,
        orphans,
        versions: record.versions,
    };
    project
        .validate()
        .map_err(|cause| ProjectFileError::Invalid {
            path: path.to_owned(),
            cause,
        })?;
    if let Some(error) = bad_quote {
        return Err(error);
    }
    Ok(project)
}

/// What a project file's bytes were when claimdesk last read or wrote them:
/// compared before saving, so a file changed on disk by someone else (a
/// second reviewer, a git pull, a sync tool) is never overwritten blindly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of file contents `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Fingerprint(crate::model::sha256_hex(bytes))
    }

    /// The fingerprint of the file at `path` now, or `None` if it cannot be
    /// read (gone, or never written).
    pub fn of_file(path: &Path) -> Option<Self> {
        crate::files::read_regular(path, MAX_PROJECT_BYTES)
            .ok()
            .map(|bytes| Self::of(&bytes))
    }
}

/// Reads the project file at `path`, with the fingerprint of what was read.
pub fn load_tracked(path: &Path) -> Result<(Project, Fingerprint), ProjectFileError> {
    let io = |cause| ProjectFileError::Io {
        path: path.to_owned(),
        cause,
    };
    let bytes = match crate::files::read_regular(path, MAX_PROJECT_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::files::ReadError::Io(cause)) => return Err(io(cause)),
        Err(crate::files::ReadError::Directory) => {
            return Err(ProjectFileError::IsDirectory {
                path: path.to_owned(),
            });
        }
        Err(other) => {
            return Err(ProjectFileError::NotReadable {
                path: path.to_owned(),
                why: other.to_string(),
            });
        }
    };
    let fingerprint = Fingerprint::of(&bytes);
    Ok((from_bytes(&bytes, path)?, fingerprint))
}

/// Parses the bytes of a project file (which must be UTF-8); `path` is only
/// used in messages.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Project, ProjectFileError> {
    let source = std::str::from_utf8(bytes).map_err(|e| ProjectFileError::NotUtf8 {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    from_str(source, path)
}

/// Reads the project file at `path`.
pub fn load(path: &Path) -> Result<Project, ProjectFileError> {
    load_tracked(path).map(|(project, _)| project)
}

/// Writes `project` to `path` atomically; returns the fingerprint of what
/// was written.
pub fn save(project: &Project, path: &Path) -> Result<Fingerprint, ProjectFileError> {
    save_with(&RealFs, project, path)
}

/// Writes `project` to `path` atomically through `fs` (tests inject faults).
pub fn save_with<F: FileSystem>(
    fs: &F,
    project: &Project,
    path: &Path,
) -> Result<Fingerprint, ProjectFileError> {
    let text = to_string(project).map_err(|e| ProjectFileError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    write_atomic(fs, path, text.as_bytes())?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// Writes `project` to `path` as a new file: fails, leaving what is there,
/// if `path` exists (see [`crate::atomic::write_new_atomic`]).
pub fn save_new(project: &Project, path: &Path) -> Result<Fingerprint, ProjectFileError> {
    let text = to_string(project).map_err(|e| ProjectFileError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    crate::atomic::write_new_atomic(&RealFs, path, text.as_bytes())?;
    Ok(Fingerprint::of(text.as_bytes()))
}

/// True when `path` names a project file rather than an article.
pub fn is_project_path(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".claims.ron") || n.ends_with(".ron"))
}

/// The project path suggested for an article: `story.txt` -> `story.claims.ron`.
pub fn suggested_path(article_path: &Path) -> PathBuf {
    let stem = article_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".to_owned());
    article_path.with_file_name(format!("{stem}.{EXTENSION}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, StatementId};

    fn sample() -> Project {
        let text = "Headline\n\nThe mayor said taxes rose 5%. \"It's wrong,\" she said.\nLast line ends here.\n";
        let span = |needle: &str| {
            let start = text.find(needle).unwrap();
            start..start + needle.len()
        };
        let ranges = vec![
            span("Headline"),
            span("The mayor said taxes rose 5%."),
            span("\"It's wrong,\" she said."),
            span("Last line ends here."),
        ];
        let mut p = Project::new(
            Article::new("Headline", Some("a.txt".into()), Arc::from(text)),
            ranges,
            "en",
        );
        p.meta.reviewer = "R. Viewer".into();
        let s = &mut p.statements[1];
        s.tag = Some(Tag::Fact);
        s.note = "Checked \"budget\"\nline two".into();
        s.verdict = Some("Mostly true".into());
        s.evidence.push(Evidence {
            url: "https://example.org/budget".into(),
            title: "Budget".into(),
            note: String::new(),
        });
        s.follow_up = true;
        s.modified = Some("2026-11-23T10:00:00Z".into());
        let s = &mut p.statements[2];
        s.tag = Some(Tag::Attribution);
        s.source = "the mayor".into();
        s.speech = Some(Speech::Direct);
        p
    }

    #[test]
    fn round_trip_is_exact_and_stable() {
        let project = sample();
        let text = to_string(&project).unwrap();
        let back = from_str(&text, Path::new("x")).unwrap();
        assert_eq!(back, project);
        assert_eq!(
            to_string(&back).unwrap(),
            text,
            "saving twice gives the same bytes"
        );
        assert!(
            text.contains("quote: \"The mayor said taxes rose 5%.\""),
            "{text}"
        );
        let statement_lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("        (id: "))
            .collect();
        assert_eq!(
            statement_lines.len(),
            project.statements.len(),
            "one line per statement: {text}"
        );
        assert!(
            statement_lines[1].contains("evidence: [(url: \"https://example.org/budget\""),
            "{text}"
        );
    }

    #[test]
    fn a_comment_naming_an_older_version_does_not_hide_a_newer_one() {
        // The version is what the parser reads, not the first
        // `format_version:` in the text: a comment line would otherwise let
        // a format-9 file pass as format 2 and be half-read.
        let text = to_string(&sample())
            .unwrap()
            .replacen("format_version: 2", "format_version: 9", 1)
            .replacen("(\n", "( // format_version: 2 (was)\n", 1);
        assert!(text.contains("// format_version: 2"), "{text}");
        let err = from_str(&text, Path::new("p.claims.ron")).unwrap_err();
        assert!(
            matches!(err, ProjectFileError::NewerVersion { found: 9, .. }),
            "{err}"
        );
        // A newer file whose shape changed is refused as newer, not as a
        // syntax error.
        let reshaped = to_string(&sample())
            .unwrap()
            .replacen("format_version: 2", "format_version: 9", 1)
            .replacen("next_id:", "renamed_next_id:", 1);
        let err = from_str(&reshaped, Path::new("p.claims.ron")).unwrap_err();
        assert!(
            matches!(err, ProjectFileError::NewerVersion { found: 9, .. }),
            "{err}"
        );
    }

    #[test]
    fn newer_version_is_refused() {
        let text =
            to_string(&sample())
                .unwrap()
                .replacen("format_version: 2", "format_version: 9", 1);
        let err = from_str(&text, Path::new("p.claims.ron")).unwrap_err();
        assert!(
            matches!(err, ProjectFileError::NewerVersion { found: 9, .. }),
            "{err}"
        );
        assert!(err.to_string().ends_with("p.claims.ron"));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = from_str(
            "(\n  format_version: 2,\n  article: oops\n)",
            Path::new("p"),
        )
        .unwrap_err();
        let ProjectFileError::Syntax { line, column, .. } = err else {
            panic!("{err}")
        };
        assert_eq!((line, column), (3, 12));
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let deep = format!(
            "(format_version: 2, notes: {}{})",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(matches!(
            from_str(&deep, Path::new("p")),
            Err(ProjectFileError::Syntax { ref message, .. }) if message.contains("nested more than")
        ));
    }

    #[test]
    fn edited_text_or_spans_are_caught() {
        let good = to_string(&sample()).unwrap();
        let hash_broken = good.replace("taxes rose 5%. \\\"It", "taxes rose 9%. \\\"It");
        assert_ne!(hash_broken, good);
        assert!(matches!(
            from_str(&hash_broken, Path::new("p")),
            Err(ProjectFileError::HashMismatch { .. })
        ));
        let outside = good.replace("end: 84,", "end: 840,");
        assert_ne!(outside, good);
        assert!(matches!(
            from_str(&outside, Path::new("p")),
            Err(ProjectFileError::Invalid {
                cause: ModelError::OutOfText { number: 4, .. },
                ..
            })
        ));
        let mut dup = sample();
        dup.statements[3].id = StatementId(1);
        let dup = to_string(&dup).unwrap();
        assert!(matches!(
            from_str(&dup, Path::new("p")),
            Err(ProjectFileError::Invalid {
                cause: ModelError::DuplicateId { .. },
                ..
            })
        ));
    }

    #[test]
    fn version_one_files_load_with_defaults() {
        let v1 = r#"(
    format_version: 1,
    article: (
        title: "T",
        text_hash: "sha256:8ebac5a3eb5b0f7e96a0e4ed1bd5f8ed36bc6b0a3d20e2ac5c5ef86c6b60ec1e",
        text: ["One. Two."],
    ),
    next_id: 3,
    statements: [
        (id: 1, start: 0, end: 4, quote: "One.", tag: Some(Fact), note: "n"),
        (id: 2, start: 5, end: 9, quote: "Two.", tag: Some(Attribution), source: "Ann"),
    ],
)"#;
        let v1 = v1.replace(
            "sha256:8ebac5a3eb5b0f7e96a0e4ed1bd5f8ed36bc6b0a3d20e2ac5c5ef86c6b60ec1e",
            &hash_text("One. Two."),
        );
        let p = from_str(&v1, Path::new("old.claims.ron")).unwrap();
        assert_eq!(p.statements[1].source, "Ann");
        assert_eq!(p.scale, RatingScale::default());
        assert_eq!(p.statements[0].verdict, None);
    }

    /// Makes `dir` refuse new files, even for root (which ignores mode
    /// bits): mode 0o555, plus the immutable attribute where `chattr` works.
    /// Returns a guard that undoes both.
    fn make_read_only(dir: &Path) -> impl Drop {
        use std::os::unix::fs::PermissionsExt;
        struct Undo(PathBuf, bool);
        impl Drop for Undo {
            fn drop(&mut self) {
                if self.1 {
                    let _ = std::process::Command::new("chattr")
                        .arg("-i")
                        .arg(&self.0)
                        .status();
                }
                let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
            }
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        let immutable = std::fs::File::create(dir.join(".probe")).is_ok() && {
            let _ = std::fs::remove_file(dir.join(".probe"));
            std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success())
        };
        Undo(dir.to_owned(), immutable)
    }

    #[test]
    fn save_into_read_only_dir_fails_and_keeps_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.claims.ron");
        save(&sample(), &path).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut changed = sample();
        changed.statements[0].tag = Some(Tag::Opinion);
        let result = {
            let _guard = make_read_only(dir.path());
            assert!(
                std::fs::File::create(dir.path().join("x")).is_err(),
                "could not make the directory read-only on this machine (no chattr?)"
            );
            save(&changed, &path)
        };
        let err = result.expect_err("saving into a read-only directory must fail");
        assert!(
            err.to_string().contains("previous file is unchanged"),
            "{err}"
        );
        assert!(err.to_string().ends_with("p.claims.ron"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "old file intact");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
        assert_eq!(load(&path).unwrap(), sample());
    }
}
