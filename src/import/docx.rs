//! Word (`.docx`) and OpenDocument (`.odt`) files to articles.
//!
//! Both are zips of XML; we read the one body part with `zip` and
//! `quick-xml`. Our own reader rather than `docx-rs` (reported to panic and
//! hang on bad input) or `docx-lite` (no styles, so no title or headings,
//! and it keeps deleted text): the part of WordprocessingML an article uses
//! is small. Each paragraph, heading and list item becomes its own
//! paragraph; the paragraph styled Title is the title. Headers, footers,
//! footnotes and comments live in other parts and are never read; tracked
//! deletions and moved-away text are skipped, insertions kept; field codes
//! (`HYPERLINK "…"`) are skipped, their shown result kept.
//!
//! A zip bomb is refused: at most [`MAX_ZIP_ENTRIES`] members, and at most
//! [`MAX_PART_BYTES`] read from any part however large its header claims it
//! is (the reader stops there, so a lying header cannot make it read more).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::whitespace::push_collapsed;
use super::{Extracted, ImportedMeta};

/// Zips with more members than this are refused.
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// No XML part is read past this many bytes (a 1,000-page report's body is
/// a few tens of MB).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a Word document. The error is a sentence fragment.
pub fn read_docx(raw: &[u8]) -> Result<Extracted, String> {
    let mut archive = open(raw, "Word document")?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "The Word document has no body (word/document.xml)".to_owned())?;
    let styles = read_part(&mut archive, "word/styles.xml")?
        .map(|s| word_styles(&s))
        .unwrap_or_default();
    let core = read_part(&mut archive, "docProps/core.xml")?.unwrap_or_default();
    let paragraphs = word_paragraphs(&document, &styles)
        .map_err(|e| format!("The Word document is damaged ({e})"))?;
    Ok(finish(paragraphs, &core))
}

/// Reads an OpenDocument text. The error is a sentence fragment.
pub fn read_odt(raw: &[u8]) -> Result<Extracted, String> {
    let mut archive = open(raw, "OpenDocument file")?;
    let content = read_part(&mut archive, "content.xml")?
        .ok_or_else(|| "The OpenDocument file has no body (content.xml)".to_owned())?;
    let styles = read_part(&mut archive, "styles.xml")?.unwrap_or_default();
    let meta = read_part(&mut archive, "meta.xml")?.unwrap_or_default();
    let paragraphs = odt_paragraphs(&content, &styles)
        .map_err(|e| format!("The OpenDocument file is damaged ({e})"))?;
    Ok(finish(paragraphs, &meta))
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn open<'a>(raw: &'a [u8], what: &str) -> Result<Archive<'a>, String> {
    let archive = zip::ZipArchive::new(Cursor::new(raw))
        .map_err(|e| format!("The {what} is damaged or not a zip ({e})"))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(format!(
            "The {what} has {} parts, more than the {MAX_ZIP_ENTRIES} claimdesk accepts (a zip bomb?)",
            archive.len()
        ));
    }
    Ok(archive)
}

/// One part as text; `None` when the zip has no such member.
fn read_part(archive: &mut Archive, name: &str) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("Could not read {name} in the document ({e})")),
    };
    let bomb = || {
        format!(
            "{name} in the document unpacks to more than {} MB (a zip bomb?)",
            MAX_PART_BYTES / (1024 * 1024)
        )
    };
    if file.size() > MAX_PART_BYTES {
        return Err(bomb());
    }
    // Sized from the header so a large body is not copied at every
    // doubling. A header that lies costs at most spare capacity: the size
    // is already under the cap, and deflate cannot unpack to more than
    // 1,032 times its packed size, so a small member cannot claim 64 MB.
    let capacity = file
        .size()
        .min(file.compressed_size().saturating_mul(1032))
        .min(MAX_PART_BYTES);
    let capacity = usize::try_from(capacity).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("Could not unpack {name} in the document ({e})"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(bomb());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // The buffer becomes the string as it is: a 7.6 MB body is not copied.
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} in the document is not UTF-8 text"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Heading,
    ListItem,
    Body,
}

#[derive(Debug)]
struct Paragraph {
    text: String,
    role: Role,
}

fn finish(paragraphs: Vec<Paragraph>, core: &str) -> Extracted {
    let title = paragraphs
        .iter()
        .find(|p| p.role == Role::Title)
        .map(|p| p.text.clone())
        .or_else(|| core_field(core, "title"))
        .or_else(|| {
            paragraphs
                .iter()
                .find(|p| p.role == Role::Heading)
                .map(|p| p.text.clone())
        });
    let language = core_field(core, "language").unwrap_or_default();
    Extracted {
        title,
        text: paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join("\n\n"),
        meta: ImportedMeta {
            language,
            ..ImportedMeta::default()
        },
        notices: Vec::new(),
    }
}

/// A Dublin Core field (`dc:title`, `dc:language`) of the document's
/// properties part, read by the same XML reader.
fn core_field(xml: &str, field: &str) -> Option<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut value = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == field => inside = true,
            Event::End(e) if inside && e.local_name().as_ref() == field => {
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                return (!value.is_empty()).then_some(value);
            }
            Event::Text(t) if inside => value.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => push_entity(&mut value, &r),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Appends what a character or predefined entity reference stands for,
/// collapsing whitespace as [`push_collapsed`] does (`&#160;` is a space).
fn push_entity(out: &mut String, reference: &quick_xml::events::BytesRef) {
    let c = match reference.resolve_char_ref() {
        Ok(Some(c)) => c,
        _ => match reference.xml10_content().as_ref() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => return,
        },
    };
    push_collapsed(out, c.encode_utf8(&mut [0u8; 4]));
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Word style id -> role, from `styles.xml` (style names are stable
/// English keys even in localised Word: "heading 1", "Title").
fn word_styles(xml: &str) -> HashMap<String, Role> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) if e.local_name().as_ref() == "style" => {
                current = attr(&e, "styleId");
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "name" => {
                if let (Some(id), Some(name)) = (&current, attr(&e, "val")) {
                    let name = name.to_ascii_lowercase();
                    let role = if name == "title" {
                        Role::Title
                    } else if name.starts_with("heading") || name == "subtitle" {
                        Role::Heading
                    } else if name.starts_with("list") {
                        Role::ListItem
                    } else {
                        Role::Body
                    };
                    styles.insert(id.clone(), role);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    styles
}

fn style_role(id: &str, styles: &HashMap<String, Role>) -> Role {
    if let Some(role) = styles.get(id) {
        return *role;
    }
    let lower = id.to_ascii_lowercase();
    if lower == "title" {
        Role::Title
    } else if lower.starts_with("heading") || lower == "subtitle" {
        Role::Heading
    } else if lower.starts_with("list") {
        Role::ListItem
    } else {
        Role::Body
    }
}

/// Elements whose whole content is not article text: deletions, moved-away
/// text, field codes, the fallback copy of alternate content, deleted
/// paragraph marks' text.
const WORD_SKIP: &[&str] = &[
    "del",
    "moveFrom",
    "instrText",
    "delText",
    "delInstrText",
    "Fallback",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
];

/// Whether an event falls inside an element being left out (headers,
/// comments, deletions): both readers skip whole subtrees the same way.
enum Skip {
    /// Not skipping: handle the event.
    No,
    /// Inside the skipped element (or its end tag).
    Yes,
    /// The document ended while skipping.
    Eof,
}

/// Tracks the nesting of a skipped element; `depth` 0 means none.
fn skipping(depth: &mut usize, event: &Event<'_>) -> Skip {
    if *depth == 0 {
        return Skip::No;
    }
    match event {
        Event::Start(_) => *depth += 1,
        Event::End(_) => *depth -= 1,
        Event::Eof => return Skip::Eof,
        _ => {}
    }
    Skip::Yes
}

fn word_paragraphs(
    xml: &str,
    styles: &HashMap<String, Role>,
) -> Result<Vec<Paragraph>, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut stack: Vec<(String, Role)> = Vec::new();
    let mut spare: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    loop {
        let event = reader.read_event()?;
        match skipping(&mut skip_depth, &event) {
            Skip::No => {}
            Skip::Yes => continue,
            Skip::Eof => break,
        }
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if WORD_SKIP.contains(&name) {
                    skip_depth = 1;
                } else if name == "p" {
                    stack.push((spare.pop().unwrap_or_default(), Role::Body));
                } else if name == "t" {
                    in_text = true;
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                let Some((text, role)) = stack.last_mut() else {
                    continue;
                };
                match name.as_ref() {
                    "pStyle" => {
                        if let Some(id) = attr(&e, "val") {
                            let styled = style_role(&id, styles);
                            if *role != Role::ListItem || styled != Role::Body {
                                *role = styled;
                            }
                        }
                    }
                    "numPr" | "numId" if *role == Role::Body => *role = Role::ListItem,
                    "tab" | "br" | "cr" => push_collapsed(text, " "),
                    "noBreakHyphen" => push_collapsed(text, "-"),
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                if name.as_ref() == "t" {
                    in_text = false;
                } else if name.as_ref() == "p"
                    && let Some((text, role)) = stack.pop()
                {
                    end_paragraph_into(text, role, &mut out, &mut spare);
                }
            }
            Event::Text(t) if in_text => {
                // Line ends need no normalising: they are whitespace, and
                // whitespace is collapsed.
                if let Some((text, _)) = stack.last_mut() {
                    push_collapsed(text, &t.into_inner());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((text, _)) = stack.last_mut() {
                    push_entity(text, &r);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Ends a paragraph built in a reused buffer: its text, copied at its
/// exact size, joins `out` unless empty, and the buffer goes back to
/// `spare` for the next paragraph. A fresh `String` per paragraph grew by
/// doubling, half a dozen reallocations each on a long document.
fn end_paragraph_into(
    mut buffer: String,
    role: Role,
    out: &mut Vec<Paragraph>,
    spare: &mut Vec<String>,
) {
    if buffer.ends_with(' ') {
        buffer.pop();
    }
    if !buffer.is_empty() {
        out.push(Paragraph {
            text: buffer.as_str().to_owned(),
            role,
        });
    }
    buffer.clear();
    spare.push(buffer);
}

/// OpenDocument: automatic paragraph styles (`P1`) map to the named style
/// they derive from (`Title`, `Heading_20_1`).
fn odt_styles(xml: &str, into: &mut HashMap<String, String>) {
    let mut reader = Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "style" => {
                if let (Some(name), Some(parent)) =
                    (attr(&e, "name"), attr(&e, "parent-style-name"))
                {
                    into.insert(name, parent);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

const ODT_SKIP: &[&str] = &[
    "tracked-changes",
    "annotation",
    "note",
    "sequence-decls",
    "variable-decls",
    "user-field-decls",
];

fn odt_paragraphs(content: &str, styles: &str) -> Result<Vec<Paragraph>, quick_xml::Error> {
    let mut parents = HashMap::new();
    odt_styles(styles, &mut parents);
    odt_styles(content, &mut parents);
    let role_of = |style: &str, heading: bool, in_list: bool| {
        let mut name = style.to_owned();
        for _ in 0..8 {
            if name.eq_ignore_ascii_case("title") {
                return Role::Title;
            }
            match parents.get(&name) {
                Some(parent) => name.clone_from(parent),
                None => break,
            }
        }
        if heading {
            Role::Heading
        } else if in_list {
            Role::ListItem
        } else {
            Role::Body
        }
    };
    let mut reader = Reader::from_str(content);
    let mut out = Vec::new();
    let mut stack: Vec<(String, Role)> = Vec::new();
    let mut spare: Vec<String> = Vec::new();
    let mut skip_depth = 0usize;
    let mut list_depth = 0usize;
    let mut in_body = false;
    loop {
        let event = reader.read_event()?;
        match skipping(&mut skip_depth, &event) {
            Skip::No => {}
            Skip::Yes => continue,
            Skip::Eof => break,
        }
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if ODT_SKIP.contains(&name) {
                    skip_depth = 1;
                } else if name == "body" {
                    in_body = true;
                } else if name == "list-item" {
                    list_depth += 1;
                } else if in_body && (name == "p" || name == "h") {
                    let style = attr(&e, "style-name").unwrap_or_default();
                    let role = role_of(&style, name == "h", list_depth > 0);
                    stack.push((spare.pop().unwrap_or_default(), role));
                }
            }
            Event::Empty(e) => {
                if let Some((text, _)) = stack.last_mut() {
                    match e.local_name().as_ref() {
                        // However many spaces `text:s` stands for, they
                        // collapse to one.
                        "s" | "tab" | "line-break" => push_collapsed(text, " "),
                        _ => {}
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == "list-item" {
                    list_depth = list_depth.saturating_sub(1);
                } else if name == "body" {
                    in_body = false;
                } else if (name == "p" || name == "h")
                    && let Some((text, role)) = stack.pop()
                {
                    end_paragraph_into(text, role, &mut out, &mut spare);
                }
            }
            Event::Text(t) => {
                if let Some((text, _)) = stack.last_mut() {
                    push_collapsed(text, &t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((text, _)) = stack.last_mut() {
                    push_entity(text, &r);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Writes minimal but valid `.docx` and `.odt` files: the fixture and
/// benchmark generator (tests and benches build their documents with it,
/// so no binary blobs need committing).
pub mod testdoc {
    use std::io::Write as _;

    /// One paragraph of a generated document.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Para {
        /// Styled Title.
        Title(String),
        /// Styled Heading 1.
        Heading(String),
        /// A body paragraph.
        Body(String),
        /// A bulleted list item.
        Item(String),
        /// Text a reviewer deleted with Track Changes on.
        Deleted(String),
        /// A body paragraph with `inserted` added with Track Changes on.
        WithInsertion(String, String),
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, body) in parts {
                let stored = if *name == "mimetype" {
                    options.compression_method(zip::CompressionMethod::Stored)
                } else {
                    options
                };
                if writer.start_file(*name, stored).is_ok() {
                    let _ = writer.write_all(body.as_bytes());
                }
            }
            let _ = writer.finish();
        }
        out
    }

    /// A `.docx` with these paragraphs, plus a header, a footer and a
    /// comment that must not be read.
    pub fn docx(paras: &[Para]) -> Vec<u8> {
        let run = |text: &str| {
            format!(
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(text)
            )
        };
        let mut body = String::new();
        for para in paras {
            let (props, content) = match para {
                Para::Title(t) => ("<w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>", run(t)),
                Para::Heading(t) => ("<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>", run(t)),
                Para::Body(t) => ("", run(t)),
                Para::Item(t) => (
                    "<w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
                    run(t),
                ),
                Para::Deleted(t) => (
                    "",
                    format!(
                        "<w:del w:id=\"9\" w:author=\"Ed\"><w:r><w:delText>{}</w:delText></w:r></w:del>",
                        escape(t)
                    ),
                ),
                Para::WithInsertion(t, inserted) => (
                    "",
                    format!(
                        "{}<w:commentRangeStart w:id=\"0\"/><w:ins w:id=\"8\" w:author=\"Ed\">{}</w:ins><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>",
                        run(t),
                        run(inserted)
                    ),
                ),
            };
            body.push_str(&format!("<w:p>{props}{content}</w:p>"));
        }
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {w}><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/><w:footerReference w:type=\"default\" r:id=\"rIdF\"/></w:sectPr></w:body></w:document>"
        );
        let styles = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {w}><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/></w:style></w:styles>"
        );
        let header =
            format!("<w:hdr {w}><w:p><w:r><w:t>RUNNING HEADER TEXT</w:t></w:r></w:p></w:hdr>");
        let footer =
            format!("<w:ftr {w}><w:p><w:r><w:t>CONFIDENTIAL FOOTER</w:t></w:r></w:p></w:ftr>");
        let comments = format!(
            "<w:comments {w}><w:comment w:id=\"0\" w:author=\"Ed\"><w:p><w:r><w:t>EDITOR COMMENT</w:t></w:r></w:p></w:comment></w:comments>"
        );
        zip_of(&[
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>".to_owned()),
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/header1.xml", header),
            ("word/footer1.xml", footer),
            ("word/comments.xml", comments),
            ("docProps/core.xml", "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Properties title</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>".to_owned()),
        ])
    }

    /// An `.odt` with these paragraphs, plus an annotation and a tracked
    /// deletion that must not be read.
    pub fn odt(paras: &[Para]) -> Vec<u8> {
        let mut body = String::new();
        let mut changes = String::new();
        for (i, para) in paras.iter().enumerate() {
            match para {
                Para::Title(t) => body.push_str(&format!("<text:p text:style-name=\"P1\">{}</text:p>", escape(t))),
                Para::Heading(t) => body.push_str(&format!("<text:h text:outline-level=\"1\">{}</text:h>", escape(t))),
                Para::Body(t) => body.push_str(&format!("<text:p>{}<office:annotation><text:p>EDITOR COMMENT</text:p></office:annotation></text:p>", escape(t))),
                Para::Item(t) => body.push_str(&format!("<text:list><text:list-item><text:p>{}</text:p></text:list-item></text:list>", escape(t))),
                Para::Deleted(t) => {
                    changes.push_str(&format!("<text:changed-region text:id=\"c{i}\"><text:deletion><text:p>{}</text:p></text:deletion></text:changed-region>", escape(t)));
                    body.push_str(&format!("<text:p><text:change text:change-id=\"c{i}\"/></text:p>"));
                }
                Para::WithInsertion(t, inserted) => body.push_str(&format!("<text:p>{} {}</text:p>", escape(t), escape(inserted))),
            }
        }
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"><office:automatic-styles><style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Title\"/></office:automatic-styles><office:body><office:text><text:tracked-changes>{changes}</text:tracked-changes>{body}</office:text></office:body></office:document-content>"
        );
        zip_of(&[
            ("mimetype", "application/vnd.oasis.opendocument.text".to_owned()),
            ("content.xml", content),
            ("META-INF/manifest.xml", "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>".to_owned()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::testdoc::{Para, docx, odt};
    use super::*;

    fn sample() -> Vec<Para> {
        vec![
            Para::Title("Council passes budget".into()),
            Para::Body("The council voted 5-2 on Monday & adjourned.".into()),
            Para::Heading("What changes".into()),
            Para::Item("Parks get more money.".into()),
            Para::Item("Roads get less.".into()),
            Para::Deleted("This sentence was cut.".into()),
            Para::WithInsertion("The mayor".into(), " signed it.".into()),
        ]
    }

    const EXPECTED: &str = "Council passes budget\n\nThe council voted 5-2 on Monday & adjourned.\n\nWhat changes\n\nParks get more money.\n\nRoads get less.\n\nThe mayor signed it.";

    #[test]
    fn docx_reads_body_without_deletions_headers_or_comments() {
        let extracted = read_docx(&docx(&sample())).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Council passes budget"));
        assert_eq!(extracted.text, EXPECTED);
        assert_eq!(extracted.meta.language, "en-GB");
    }

    #[test]
    fn odt_reads_the_same() {
        let extracted = read_odt(&odt(&sample())).unwrap();
        assert_eq!(extracted.title.as_deref(), Some("Council passes budget"));
        assert_eq!(extracted.text, EXPECTED);
    }

    #[test]
    fn zip_bomb_is_refused() {
        let mut out = Vec::new();
        {
            use std::io::Write as _;
            let mut writer = zip::ZipWriter::new(Cursor::new(&mut out));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            writer.start_file("word/document.xml", options).unwrap();
            let chunk = vec![b' '; 1024 * 1024];
            for _ in 0..(MAX_PART_BYTES / (1024 * 1024) + 2) {
                writer.write_all(&chunk).unwrap();
            }
            writer.finish().unwrap();
        }
        assert!(out.len() < 2 * 1024 * 1024, "{}", out.len());
        let error = read_docx(&out).unwrap_err();
        assert!(error.contains("zip bomb"), "{error}");
    }

    #[test]
    fn not_a_zip_is_a_message() {
        let error = read_docx(b"PK\x03\x04 truncated").unwrap_err();
        assert!(error.contains("damaged"), "{error}");
    }
}
