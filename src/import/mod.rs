//! Turning an article file (or pasted text) into a new, untagged project.
//!
//! Decoding is strict about what it cannot read and open about what it
//! guesses: UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as
//! they are; bytes that are not valid UTF-8 are read as Windows-1252 (the
//! encoding of most legacy newsroom exports) with a notice naming the first
//! bad byte, so the reviewer can check accents and quotes; files that are
//! plainly not text (NUL bytes, image and document signatures, UTF-16 with no
//! BOM) are refused with a message saying what they look like.
//!
//! Markdown is reduced to plain text with pulldown-cmark, keeping each
//! heading, paragraph and list item on its own line(s) so segmentation ends a
//! statement at each.
//!
//! # Real articles
//! Beyond text and Markdown, [`import_path`], [`import_url`] and
//! [`from_clipboard`] read web pages ([`html`]), Word and OpenDocument files
//! ([`docx`]) and PDFs ([`pdf`]), links through [`fetch`]. The kind is told
//! by content first ([`SourceKind::sniff`]), the file name only breaking
//! ties, so an `.html` that is really a PDF opens as a PDF. Every reader
//! produces an [`Imported`]: the article as paragraphs separated by blank
//! lines (so every heading, paragraph and list item is a statement of its
//! own), what the source says about itself ([`ImportedMeta`]), where and
//! when it was read ([`crate::model::Provenance`]) and the raw bytes, which
//! [`write_sidecar`] keeps beside the project.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};

use crate::model::{Article, Project, Provenance};
use crate::segment::{self, Language};

pub mod docx;
pub mod fetch;
pub mod html;
mod kind;
pub mod pdf;
mod whitespace;

pub use kind::SourceKind;

/// Documents (Word, OpenDocument, PDF) larger than this are refused: a
/// report of several hundred pages is still far below it.
pub const MAX_DOCUMENT_BYTES: usize = 50 * 1024 * 1024;

/// Articles larger than this are refused: far beyond any piece a person
/// fact-checks, and past it opening would no longer feel instant.
pub const MAX_ARTICLE_BYTES: usize = 32 * 1024 * 1024;

/// How the article text is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFormat {
    /// Plain text: paragraphs separated by blank lines.
    PlainText,
    /// CommonMark.
    Markdown,
}

impl ArticleFormat {
    /// Picks the format from a file name: `.md` and `.markdown` are
    /// Markdown, anything else plain text.
    pub fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown") => ArticleFormat::Markdown,
            _ => ArticleFormat::PlainText,
        }
    }
}

/// Why an article could not be imported. Each message names the file last,
/// as `what went wrong: path`.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("Could not read the article: {cause}: {}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// Not text at all.
    #[error("This is not a text article ({what}): {}", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// What it looks like instead.
        what: String,
    },
    /// Nothing but white space.
    #[error("The article is empty: {}", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// A web page, document or paste that could not be turned into an
    /// article; `message` says why in the reviewer's words.
    #[error("{message}: {origin}")]
    Source {
        /// What went wrong, as a sentence fragment.
        message: String,
        /// The file path or address.
        origin: String,
    },
    /// A link that could not be fetched.
    #[error("Could not fetch the page ({message}): {url}")]
    Fetch {
        /// What went wrong (timeout, DNS, status, size).
        message: String,
        /// The address.
        url: String,
    },
    /// The reviewer cancelled.
    #[error("Import cancelled: {origin}")]
    Cancelled {
        /// The file path or address.
        origin: String,
    },
    /// Over [`MAX_ARTICLE_BYTES`].
    #[error("The article is {size} bytes; claimdesk opens articles of up to {limit} bytes: {}", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: usize,
    },
}

/// Decoded article text and what the reviewer should know about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings normalised to `\n`.
    pub text: String,
    /// Things worth telling the reviewer (an encoding guess, say).
    pub notices: Vec<String>,
}

/// What decoding found wrong with a byte string, before a path is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// Not text; says what it looks like.
    NotText(String),
    /// Only white space.
    Empty,
}

const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (
        b"PK\x03\x04",
        "a ZIP archive that is not a Word (.docx) or OpenDocument (.odt) document",
    ),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document; save it as plain text"),
];

/// Decodes article bytes to text (see the module doc for the rules).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    let mut notices = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        decode_utf8_or_fallback(rest, &mut notices)?
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        if had_errors {
            notices
                .push("Some UTF-16 characters were damaged and are shown as \u{FFFD}.".to_owned());
        }
        if text.contains('\0') {
            return Err(DecodeProblem::NotText(
                "it contains NUL characters".to_owned(),
            ));
        }
        text.into_owned()
    } else {
        if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
            return Err(DecodeProblem::NotText((*what).to_owned()));
        }
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(DecodeProblem::NotText(if looks_like_utf16(bytes) {
                "it looks like UTF-16 without a byte-order mark; save it as UTF-8".to_owned()
            } else {
                format!("binary data: a NUL byte at offset {nul}")
            }));
        }
        decode_utf8_or_fallback(bytes, &mut notices)?
    };
    let text = normalise_newlines(text);
    if text.trim().is_empty() {
        return Err(DecodeProblem::Empty);
    }
    Ok(Decoded { text, notices })
}

fn decode_utf8_or_fallback(
    bytes: &[u8],
    notices: &mut Vec<String>,
) -> Result<String, DecodeProblem> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let offset = error.valid_up_to();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            notices.push(format!(
                "The file is not valid UTF-8 (first bad byte at offset {offset}); it was read as \
                 Windows-1252. Check accented letters and quotation marks."
            ));
            Ok(text.into_owned())
        }
    }
}

/// Plain ASCII text saved as UTF-16 has a zero in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return false;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    zeros_at(0).max(zeros_at(1)) * 10 >= pairs * 7
}

fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Reduces Markdown to plain text: one block (heading, paragraph, list item,
/// quote line, code block) per paragraph, links and emphasis as their text.
pub fn markdown_to_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_item = 0usize;
    // Ends the current block with at least `newlines` line breaks; never
    // fewer than are already there, so a list after a paragraph keeps its
    // blank line.
    let end_block = |out: &mut String, newlines: usize| {
        let trimmed = out.trim_end_matches([' ', '\t']).len();
        out.truncate(trimmed);
        if out.is_empty() {
            return;
        }
        let have = out.len() - out.trim_end_matches('\n').len();
        for _ in have..newlines {
            out.push('\n');
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(MdTag::Item) => {
                end_block(&mut out, 1);
                in_item += 1;
            }
            Event::End(TagEnd::Item) => in_item = in_item.saturating_sub(1),
            Event::Start(MdTag::List(_)) if in_item == 0 => end_block(&mut out, 2),
            Event::End(TagEnd::List(_)) if in_item == 0 => end_block(&mut out, 2),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                end_block(&mut out, if in_item > 0 { 1 } else { 2 });
            }
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The first heading of a Markdown document, as plain text.
fn markdown_title(markdown: &str) -> Option<String> {
    let mut title = String::new();
    let mut inside = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(MdTag::Heading { .. }) => inside = true,
            Event::End(TagEnd::Heading(_)) if inside => return Some(title),
            Event::Text(text) | Event::Code(text) if inside => title.push_str(&text),
            _ => {}
        }
    }
    None
}

/// The article's title: its first line when that is short enough to be a
/// headline, otherwise `fallback` (usually the file name).
pub fn guess_title(text: &str, fallback: &str) -> String {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    match first {
        Some(line) if line.chars().count() <= 150 => line.to_owned(),
        _ => fallback.to_owned(),
    }
}

/// An article ready to become a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedArticle {
    /// Its title.
    pub title: String,
    /// Its plain text.
    pub text: String,
    /// Where it came from.
    pub source_path: Option<String>,
    /// What the reviewer should be told about the import.
    pub notices: Vec<String>,
}

/// Imports article bytes; `name` is the file name or a label ("clipboard")
/// for messages and the fallback title.
pub fn import_bytes(
    bytes: &[u8],
    path: &Path,
    format: ArticleFormat,
) -> Result<ImportedArticle, ImportError> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let decoded = decode(bytes).map_err(|problem| match problem {
        DecodeProblem::NotText(what) => ImportError::NotText {
            path: path.to_owned(),
            what,
        },
        DecodeProblem::Empty => ImportError::Empty {
            path: path.to_owned(),
        },
    })?;
    let fallback = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled article".to_owned());
    let (title, text) = match format {
        ArticleFormat::PlainText => (guess_title(&decoded.text, &fallback), decoded.text),
        ArticleFormat::Markdown => {
            let text = markdown_to_text(&decoded.text);
            let title =
                markdown_title(&decoded.text).unwrap_or_else(|| guess_title(&text, &fallback));
            (title, text)
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(ImportedArticle {
        title,
        text,
        source_path: Some(path.display().to_string()),
        notices: decoded.notices,
    })
}

/// Reads and imports the article at `path`, whatever its kind (text,
/// Markdown, web page, Word, OpenDocument, PDF), keeping only the title and
/// text. [`import_path`] gives the metadata and raw bytes too.
pub fn import_file(path: &Path) -> Result<ImportedArticle, ImportError> {
    import_path(path, &ImportOptions::default()).map(ImportedArticle::from)
}

impl From<Imported> for ImportedArticle {
    fn from(imported: Imported) -> Self {
        ImportedArticle {
            title: imported.title,
            text: imported.text,
            source_path: imported.source_path,
            notices: imported.notices,
        }
    }
}

/// What a web page or document says about itself. Empty strings stand for
/// "not stated".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportedMeta {
    /// The author(s), without a leading "By".
    pub byline: String,
    /// The publication date, `YYYY-MM-DD`.
    pub published: String,
    /// The outlet ("The Daily Planet").
    pub publication: String,
    /// BCP 47 language code as the source states it ("en-GB").
    pub language: String,
    /// The article's canonical address.
    pub url: String,
}

/// What one reader (HTML, Word, PDF) made of its input, before provenance
/// is attached.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extracted {
    /// The headline, when the source marks one.
    pub title: Option<String>,
    /// The article: paragraphs separated by blank lines.
    pub text: String,
    /// What the source says about itself.
    pub meta: ImportedMeta,
    /// Things the reviewer should know (an encoding guess, a dropped part).
    pub notices: Vec<String>,
}

/// An article read from a file, a link or the clipboard, ready to become a
/// project with [`project_from`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The headline.
    pub title: String,
    /// The article: headline, subheads, paragraphs and list items, each its
    /// own paragraph, separated by blank lines.
    pub text: String,
    /// What the source says about itself.
    pub meta: ImportedMeta,
    /// Where and when it was read, and the hash of the raw bytes.
    pub provenance: Provenance,
    /// What it was read as.
    pub kind: SourceKind,
    /// The file path it came from (`None` for links and pastes).
    pub source_path: Option<String>,
    /// The bytes as read (the page, document or paste), kept beside the
    /// project by [`write_sidecar`].
    pub raw: Vec<u8>,
    /// Things the reviewer should be told about the import.
    pub notices: Vec<String>,
    /// The response's charset (links only), needed to read `raw` again.
    pub charset: Option<String>,
}

/// How to read sources; [`Default`] is what the window and CLI use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportOptions {
    /// Reader view or the page's full visible text.
    pub html_mode: html::HtmlMode,
    /// Time limits and size caps for PDFs.
    pub pdf: pdf::PdfOptions,
    /// Time limits and size caps for links.
    pub fetch: fetch::FetchOptions,
}

/// Reads and imports the file at `path`. Documents may be up to
/// [`MAX_DOCUMENT_BYTES`], text and web pages up to [`MAX_ARTICLE_BYTES`].
pub fn import_path(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    use std::io::Read as _;
    let io_error = |cause| ImportError::Io {
        path: path.to_owned(),
        cause,
    };
    // Only regular files: a named pipe would block the open forever, and a
    // device such as /dev/zero reports size 0 and never ends (see
    // crate::files). The bounded reads below cap what the metadata cannot.
    match crate::files::check_regular(path) {
        Ok(()) => {}
        Err(crate::files::ReadError::Io(cause)) => return Err(io_error(cause)),
        Err(other) => {
            return Err(ImportError::NotText {
                path: path.to_owned(),
                what: other.to_string(),
            });
        }
    }
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    if !file.metadata().map_err(io_error)?.is_file() {
        return Err(ImportError::NotText {
            path: path.to_owned(),
            what: "it is not a regular file".to_owned(),
        });
    }
    let mut head = Vec::with_capacity(1024);
    (&mut file)
        .take(1024)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    let limit = SourceKind::size_limit(&head);
    if metadata.len() > limit as u64 {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: metadata.len(),
            limit,
        });
    }
    let mut raw = head;
    // The cap holds even when the file grows between the two looks.
    (&mut file)
        .take(limit as u64 + 1 - raw.len() as u64)
        .read_to_end(&mut raw)
        .map_err(io_error)?;
    if raw.len() > limit {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            size: raw.len() as u64,
            limit,
        });
    }
    let origin = path.display().to_string();
    let mut imported = import_raw(raw, &origin, Some(path), None, options)?;
    imported.source_path = Some(origin);
    Ok(imported)
}

/// Fetches `url` and imports what it serves (page, Word file or PDF).
/// `cancel` and `progress` are as in [`fetch::fetch`]; run it off the UI
/// thread.
pub fn import_url(
    url: &str,
    cancel: &std::sync::atomic::AtomicBool,
    progress: &dyn Fn(u64, Option<u64>),
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let url = url.trim();
    let fetched = fetch::fetch(url, cancel, progress, &options.fetch)?;
    let name = fetched
        .final_url
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let mut imported = import_raw(
        fetched.body,
        url,
        Some(Path::new(name)),
        fetched.charset.as_deref(),
        options,
    )?;
    if imported.meta.url.is_empty() {
        imported.meta.url = fetched.final_url;
    }
    imported.charset = fetched.charset;
    Ok(imported)
}

/// Imports a clipboard: its `text/html` when there is any and it holds
/// text, else its plain text.
pub fn from_clipboard(html: Option<&str>, text: Option<&str>) -> Result<Imported, ImportError> {
    if let Some(fragment) = html.filter(|h| !h.trim().is_empty())
        && let Ok(imported) = html::from_clipboard_html(fragment)
    {
        return Ok(imported);
    }
    let text = text.unwrap_or_default();
    let article = import_pasted(text)?;
    Ok(Imported {
        title: article.title,
        text: article.text,
        meta: ImportedMeta::default(),
        provenance: provenance_of(text.as_bytes(), CLIPBOARD, SourceKind::PlainText),
        kind: SourceKind::PlainText,
        source_path: None,
        raw: text.as_bytes().to_vec(),
        notices: article.notices,
        charset: None,
    })
}

/// The origin recorded for pasted articles.
pub const CLIPBOARD: &str = "clipboard";

pub(crate) fn provenance_of(raw: &[u8], origin: &str, kind: SourceKind) -> Provenance {
    provenance_hashed(crate::model::sha256_hex(raw), origin, kind)
}

/// [`provenance_of`] with the source's SHA-256 (hex) already taken.
fn provenance_hashed(sha256_hex: String, origin: &str, kind: SourceKind) -> Provenance {
    Provenance {
        source: origin.to_owned(),
        retrieved: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
        sha256_raw: format!("sha256:{sha256_hex}"),
        kind: kind.key().to_owned(),
    }
}

/// Sources at least this large are hashed on a thread of their own while
/// they are read (a 2 MB page takes about a millisecond), since reading
/// leaves the second core mostly idle; smaller ones are not worth a thread.
const HASH_ALONGSIDE_BYTES: usize = 256 * 1024;

/// Imports raw bytes of any kind. `origin` (path or URL) names the source
/// in messages and provenance; `name` (a file name or URL path) only breaks
/// ties when the content does not tell the kind; `charset` is a
/// `Content-Type` charset for pages fetched from the web.
pub fn import_raw(
    raw: Vec<u8>,
    origin: &str,
    name: Option<&Path>,
    charset: Option<&str>,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let kind = SourceKind::sniff(&raw, name);
    let (extracted, sha256_hex) = std::thread::scope(|scope| {
        let hashing = (raw.len() >= HASH_ALONGSIDE_BYTES)
            .then(|| {
                std::thread::Builder::new()
                    .name("claimdesk-hash".to_owned())
                    .spawn_scoped(scope, || crate::model::sha256_hex(&raw))
                    .ok()
            })
            .flatten();
        let extracted = extract_raw(&raw, kind, origin, charset, options);
        // Hashing cannot fail; should its thread be gone, hash here.
        let sha256_hex = hashing
            .and_then(|thread| thread.join().ok())
            .unwrap_or_else(|| crate::model::sha256_hex(&raw));
        (extracted, sha256_hex)
    });
    let extracted = extracted?;
    let fallback = name
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Untitled article".to_owned());
    let title = extracted
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| guess_title(&extracted.text, &fallback));
    Ok(Imported {
        title,
        text: extracted.text,
        meta: extracted.meta,
        provenance: provenance_hashed(sha256_hex, origin, kind),
        kind,
        source_path: None,
        raw,
        notices: extracted.notices,
        charset: charset.map(str::to_owned),
    })
}

/// The article text of `raw`, read as `kind`.
fn extract_raw(
    raw: &[u8],
    kind: SourceKind,
    origin: &str,
    charset: Option<&str>,
    options: &ImportOptions,
) -> Result<Extracted, ImportError> {
    let fail = |message: String| ImportError::Source {
        message,
        origin: origin.to_owned(),
    };
    let extracted = match kind {
        SourceKind::PlainText | SourceKind::Markdown => {
            let format = if kind == SourceKind::Markdown {
                ArticleFormat::Markdown
            } else {
                ArticleFormat::PlainText
            };
            let article = import_bytes(raw, Path::new(origin), format)?;
            Extracted {
                title: Some(article.title),
                text: article.text,
                meta: ImportedMeta::default(),
                notices: article.notices,
            }
        }
        SourceKind::Html => {
            if raw.len() > MAX_ARTICLE_BYTES {
                return Err(ImportError::TooLarge {
                    path: PathBuf::from(origin),
                    size: raw.len() as u64,
                    limit: MAX_ARTICLE_BYTES,
                });
            }
            let url = origin
                .starts_with("http://")
                .then_some(origin)
                .or_else(|| origin.starts_with("https://").then_some(origin));
            html::read(raw, charset, url, options.html_mode).map_err(fail)?
        }
        SourceKind::Docx => docx::read_docx(raw).map_err(fail)?,
        SourceKind::Odt => docx::read_odt(raw).map_err(fail)?,
        SourceKind::Pdf => pdf::read(raw, &options.pdf).map_err(fail)?,
    };
    if extracted.text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: PathBuf::from(origin),
        });
    }
    Ok(extracted)
}

/// Reads an imported web page again as its full visible text (File >
/// Re-import as full text), for when reader view left out too much. Other
/// kinds come back unchanged.
pub fn reimport_full_text(imported: &Imported) -> Result<Imported, ImportError> {
    if imported.kind != SourceKind::Html {
        return Ok(imported.clone());
    }
    let extracted = html::read(
        &imported.raw,
        imported.charset.as_deref(),
        None,
        html::HtmlMode::FullText,
    )
    .map_err(|message| ImportError::Source {
        message,
        origin: imported.provenance.source.clone(),
    })?;
    Ok(Imported {
        text: extracted.text,
        notices: extracted.notices,
        ..imported.clone()
    })
}

/// The paragraphs of the source that reader view did not keep (navigation,
/// captions, related links, and anything it wrongly dropped), in page
/// order, for the reviewer to look over. Empty for kinds other than web
/// pages.
pub fn left_out(imported: &Imported) -> Vec<String> {
    if imported.kind != SourceKind::Html {
        return Vec::new();
    }
    html::left_out(&imported.raw, imported.charset.as_deref(), &imported.text)
}

/// A fresh, untagged project from an import: the article segmented with
/// `language`'s rules (else the language the source states, else English),
/// and the project properties filled from what the source says.
pub fn project_from(imported: &Imported, language: Option<Language>) -> Project {
    let stated = imported.meta.language.trim();
    let language_rules = language.unwrap_or_else(|| {
        if stated.is_empty() {
            Language::English
        } else {
            Language::from_code(stated)
        }
    });
    let text: Arc<str> = Arc::from(imported.text.as_str());
    let ranges = segment::segment(&text, language_rules);
    let mut project = Project::new(
        Article::new(imported.title.clone(), imported.source_path.clone(), text),
        ranges,
        language_rules.code(),
    );
    if language.is_none() && !stated.is_empty() {
        stated.clone_into(&mut project.meta.language);
    }
    let meta = &mut project.meta;
    meta.byline.clone_from(&imported.meta.byline);
    meta.published.clone_from(&imported.meta.published);
    meta.publication.clone_from(&imported.meta.publication);
    meta.article_url.clone_from(&imported.meta.url);
    if meta.article_url.is_empty() && imported.source_path.is_none() {
        let source = &imported.provenance.source;
        if crate::model::validate_url(source).is_ok() {
            meta.article_url.clone_from(source);
        }
    }
    meta.provenance = Some(imported.provenance.clone());
    project
}

/// Where the raw source of the project at `project_path` is kept:
/// `story.claims.ron` -> `story.source.html` (or `.docx`, `.odt`, `.pdf`,
/// `.txt`, `.md`).
pub fn sidecar_path(project_path: &Path, kind: SourceKind) -> PathBuf {
    let name = project_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let stem = if lower.ends_with(".claims.ron") {
        name.get(..name.len() - ".claims.ron".len())
            .unwrap_or(&name)
            .to_owned()
    } else {
        project_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "article".to_owned())
    };
    project_path.with_file_name(format!("{stem}.source.{}", kind.extension()))
}

/// Keeps the raw source beside the project (atomically), so the version
/// that was checked stays on record. Returns where it was written; `None`
/// for plain text and pastes, whose text the project already holds.
pub fn write_sidecar(
    project_path: &Path,
    imported: &Imported,
) -> Result<Option<PathBuf>, crate::atomic::AtomicWriteError> {
    if matches!(imported.kind, SourceKind::PlainText | SourceKind::Markdown) {
        return Ok(None);
    }
    let path = sidecar_path(project_path, imported.kind);
    crate::atomic::write_atomic(&crate::atomic::RealFs, &path, &imported.raw)?;
    Ok(Some(path))
}

/// Imports pasted text (already a `str`, so only normalised and checked).
pub fn import_pasted(text: &str) -> Result<ImportedArticle, ImportError> {
    import_bytes(
        text.as_bytes(),
        Path::new("pasted article"),
        ArticleFormat::PlainText,
    )
    .map(|article| ImportedArticle {
        source_path: None,
        ..article
    })
}

/// Segments an imported article into a fresh, untagged project (English rules).
pub fn new_project(article: ImportedArticle) -> Project {
    new_project_in(article, Language::English)
}

/// Segments an imported article into a fresh project using `language`'s rules.
pub fn new_project_in(article: ImportedArticle, language: Language) -> Project {
    let text: Arc<str> = Arc::from(article.text);
    let ranges: Vec<Range<usize>> = segment::segment(&text, language);
    Project::new(
        Article::new(article.title, article.source_path, text),
        ranges,
        language.code(),
    )
}

#[cfg(test)]
mod tests;
