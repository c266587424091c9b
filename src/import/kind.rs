//! Telling what a source is by its bytes: a PDF starts with `%PDF-`, a Word
//! or OpenDocument file is a zip with the right members, a web page starts
//! with markup. The file name (or URL path) only decides between text and
//! Markdown, and lets an `.html` file with no telling start still be read as
//! a page. Content wins over the name, so an `.html` that is really a PDF,
//! or a link that serves a PDF, opens as a PDF.

use std::path::Path;

use super::{MAX_ARTICLE_BYTES, MAX_DOCUMENT_BYTES};

/// What kind of source an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// Plain text.
    PlainText,
    /// CommonMark.
    Markdown,
    /// A web page.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text.
    Odt,
    /// A PDF.
    Pdf,
}

impl SourceKind {
    /// The machine name recorded in a project's provenance.
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::PlainText => "text",
            SourceKind::Markdown => "markdown",
            SourceKind::Html => "html",
            SourceKind::Docx => "docx",
            SourceKind::Odt => "odt",
            SourceKind::Pdf => "pdf",
        }
    }

    /// Parses [`SourceKind::key`].
    pub fn from_key(key: &str) -> Option<SourceKind> {
        [
            SourceKind::PlainText,
            SourceKind::Markdown,
            SourceKind::Html,
            SourceKind::Docx,
            SourceKind::Odt,
            SourceKind::Pdf,
        ]
        .into_iter()
        .find(|kind| kind.key() == key)
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::PlainText => "text file",
            SourceKind::Markdown => "Markdown file",
            SourceKind::Html => "web page",
            SourceKind::Docx => "Word document",
            SourceKind::Odt => "OpenDocument text",
            SourceKind::Pdf => "PDF",
        }
    }

    /// The file extension its raw source is kept under.
    pub fn extension(self) -> &'static str {
        match self {
            SourceKind::PlainText => "txt",
            SourceKind::Markdown => "md",
            SourceKind::Html => "html",
            SourceKind::Docx => "docx",
            SourceKind::Odt => "odt",
            SourceKind::Pdf => "pdf",
        }
    }

    /// The size cap for a file starting with `head`: documents may be
    /// larger than text, as they carry fonts and pictures.
    pub fn size_limit(head: &[u8]) -> usize {
        if head.starts_with(b"PK\x03\x04") || find(head, b"%PDF-").is_some() {
            MAX_DOCUMENT_BYTES
        } else {
            MAX_ARTICLE_BYTES
        }
    }

    /// Tells the kind of `bytes`; `name` is the file name or URL path.
    pub fn sniff(bytes: &[u8], name: Option<&Path>) -> SourceKind {
        let head = &bytes[..bytes.len().min(1024)];
        // The PDF header may follow some junk within the first kilobyte.
        if find(head, b"%PDF-").is_some() {
            return SourceKind::Pdf;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return zip_kind(bytes).unwrap_or(SourceKind::PlainText);
        }
        let extension = name
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if looks_like_html(head) {
            return SourceKind::Html;
        }
        match extension.as_deref() {
            Some("html" | "htm" | "xhtml" | "shtml" | "php" | "asp" | "aspx")
                if !super::SIGNATURES
                    .iter()
                    .any(|(sig, _)| bytes.starts_with(sig)) =>
            {
                SourceKind::Html
            }
            Some("md" | "markdown" | "mdown") => SourceKind::Markdown,
            _ => SourceKind::PlainText,
        }
    }

    /// The kind a `Content-Type` (without parameters) promises, if it is one
    /// claimdesk reads; `application/octet-stream` is left to sniffing.
    pub fn from_mime(mime: &str) -> Option<SourceKind> {
        match mime.trim().to_ascii_lowercase().as_str() {
            "text/html" | "application/xhtml+xml" => Some(SourceKind::Html),
            "text/plain" => Some(SourceKind::PlainText),
            "text/markdown" | "text/x-markdown" => Some(SourceKind::Markdown),
            "application/pdf" | "application/x-pdf" => Some(SourceKind::Pdf),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
                Some(SourceKind::Docx)
            }
            "application/vnd.oasis.opendocument.text" => Some(SourceKind::Odt),
            _ => None,
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A zip that holds `word/document.xml` is Word; one whose `mimetype`
/// member names OpenDocument text is ODT. Only the central directory is
/// read, so this is cheap even for a large file.
fn zip_kind(bytes: &[u8]) -> Option<SourceKind> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut odt = false;
    for name in archive.file_names().flatten() {
        if name == "word/document.xml" {
            return Some(SourceKind::Docx);
        }
        if name == "content.xml" {
            odt = true;
        }
    }
    // The mimetype member is stored first and uncompressed by the spec.
    let declared = find(
        &bytes[..bytes.len().min(200)],
        b"application/vnd.oasis.opendocument.text",
    )
    .is_some();
    (odt && declared).then_some(SourceKind::Odt)
}

/// Markup at the start: a doctype, `<html>`, `<head>`, `<body>`, or a
/// comment or XML declaration followed by one of them.
fn looks_like_html(head: &[u8]) -> bool {
    let text: String = if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        let encoding = if head.starts_with(b"\xFF\xFE") {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        encoding.decode_with_bom_removal(head).0.into_owned()
    } else {
        String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)).into_owned()
    };
    let lower = text.trim_start().to_ascii_lowercase();
    if !lower.starts_with('<') {
        return false;
    }
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<title",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_beats_the_name() {
        let html = Path::new("page.html");
        assert_eq!(
            SourceKind::sniff(b"%PDF-1.4\n...", Some(html)),
            SourceKind::Pdf
        );
        assert_eq!(
            SourceKind::sniff(b"  <!DOCTYPE html><p>x", Some(Path::new("a.txt"))),
            SourceKind::Html
        );
        assert_eq!(
            SourceKind::sniff(b"<p>Saved fragment</p>", Some(html)),
            SourceKind::Html
        );
        assert_eq!(
            SourceKind::sniff(b"# Title", Some(Path::new("a.md"))),
            SourceKind::Markdown
        );
        assert_eq!(
            SourceKind::sniff(b"Plain <b>words", Some(Path::new("a.txt"))),
            SourceKind::PlainText
        );
        // A picture named .html stays a picture, so it is refused as one.
        assert_eq!(
            SourceKind::sniff(b"\x89PNG\r\n\x1a\n", Some(html)),
            SourceKind::PlainText
        );
        assert_eq!(
            SourceKind::sniff(b"PK\x03\x04garbage", Some(Path::new("a.docx"))),
            SourceKind::PlainText
        );
    }

    #[test]
    fn keys_round_trip() {
        for kind in [SourceKind::Html, SourceKind::Pdf, SourceKind::Odt] {
            assert_eq!(SourceKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(SourceKind::from_mime("TEXT/HTML"), Some(SourceKind::Html));
        assert_eq!(SourceKind::from_mime("application/octet-stream"), None);
    }
}
