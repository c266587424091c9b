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

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, Tag as MdTag, TagEnd};

use crate::model::{Article, Project};
use crate::segment::{self, Language};

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
    (b"%PDF-", "a PDF document; copy its text into a .txt file"),
    (
        b"PK\x03\x04",
        "a ZIP archive or Office document; save it as plain text",
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

/// Reads and imports the article at `path`.
pub fn import_file(path: &Path) -> Result<ImportedArticle, ImportError> {
    let io_error = |cause| ImportError::Io {
        path: path.to_owned(),
        cause,
    };
    let too_large = |size| ImportError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_ARTICLE_BYTES,
    };
    // A size from the metadata refuses a huge regular file before reading
    // it; the bounded read below catches what the metadata cannot tell.
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.is_file()
        && metadata.len() > MAX_ARTICLE_BYTES as u64
    {
        return Err(too_large(metadata.len()));
    }
    let bytes = match crate::files::read_regular(path, MAX_ARTICLE_BYTES) {
        Ok(bytes) => bytes,
        Err(crate::files::ReadError::Io(cause)) => return Err(io_error(cause)),
        Err(crate::files::ReadError::TooLarge { .. }) => {
            return Err(too_large(MAX_ARTICLE_BYTES as u64 + 1));
        }
        Err(other) => {
            return Err(ImportError::NotText {
                path: path.to_owned(),
                what: other.to_string(),
            });
        }
    };
    import_bytes(&bytes, path, ArticleFormat::from_path(path))
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
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_crlf_are_normalised() {
        let d = decode(b"\xEF\xBB\xBFHello.\r\nWorld.\rEnd.").unwrap();
        assert_eq!(d.text, "Hello.\nWorld.\nEnd.");
        assert!(d.notices.is_empty());
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "Grüße.".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Grüße.");
        let mut be = vec![0xFE, 0xFF];
        for unit in "Hi.".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Hi.");
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252_with_notice() {
        let d = decode(b"Caf\xe9 \x93quoted\x94.").unwrap();
        assert_eq!(d.text, "Café “quoted”.");
        assert_eq!(d.notices.len(), 1);
        assert!(d.notices[0].contains("offset 3"), "{}", d.notices[0]);
    }

    #[test]
    fn non_text_is_refused_with_what_it_looks_like() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            decode(png),
            Err(DecodeProblem::NotText("a PNG image".into()))
        );
        let utf16_no_bom: Vec<u8> = "Plain words here."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            matches!(decode(&utf16_no_bom), Err(DecodeProblem::NotText(m)) if m.contains("UTF-16"))
        );
        assert!(
            matches!(decode(b"text\0more text here"), Err(DecodeProblem::NotText(m)) if m.contains("offset 4"))
        );
        assert_eq!(decode(b"  \n\t "), Err(DecodeProblem::Empty));
        assert_eq!(decode(b""), Err(DecodeProblem::Empty));
    }

    #[test]
    fn markdown_keeps_blocks_apart() {
        let md = "# Budget vote\n\nThe council *met* on [Monday](https://x.org).\nIt voted.\n\n- First item\n- Second item\n\n> A quote.\n";
        assert_eq!(
            markdown_to_text(md),
            "Budget vote\n\nThe council met on Monday. It voted.\n\nFirst item\nSecond item\n\nA quote."
        );
        assert_eq!(markdown_title(md).as_deref(), Some("Budget vote"));
    }

    #[test]
    fn title_is_first_short_line_or_fallback() {
        assert_eq!(
            guess_title("\n  Headline here \n\nBody.", "f"),
            "Headline here"
        );
        assert_eq!(guess_title(&"x".repeat(200), "file"), "file");
    }

    #[test]
    fn pasted_text_becomes_a_segmented_project() {
        let project = new_project(import_pasted("One fact. Another fact.").unwrap());
        assert!(project.statements.len() >= 2);
        assert_eq!(project.article.source_path, None);
        project.validate().unwrap();
    }
}
