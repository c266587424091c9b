//! Web pages to articles: reader view, full visible text, and rich paste.
//!
//! **Reader view** runs `dom_smoothie` (a close port of Firefox's
//! Readability.js) to find the article's container, then walks what it kept
//! with our own block walker: every heading, paragraph, list item, quote and
//! table cell becomes a paragraph of its own (so each is a statement), and
//! figures, captions, photo credits, "read more" boxes and ad labels are left
//! out. The walker is ours rather than `TextMode::Formatted` because that
//! mode joins list items and headings into their neighbours' lines and
//! keeps captions, and the same walker serves the other two modes.
//!
//! **Metadata** comes from what the page declares, most specific first:
//! JSON-LD (`NewsArticle` and kin, also inside `@graph`), Open Graph,
//! `<meta name=author>`, `<time datetime>`, `<html lang>`, the canonical
//! link; `dom_smoothie`'s own guesses fill what is left.
//!
//! **Charset**: the HTTP header's charset (links), a byte-order mark,
//! `<meta charset>`, then `chardetng`'s guess. A declaration the bytes
//! contradict (UTF-8 declared, not valid UTF-8; Latin-1 declared, valid
//! non-ASCII UTF-8) is overruled with a notice.
//!
//! **Hostile pages**: nesting is estimated on the raw text before parsing
//! (the HTML tree builder is quadratic in depth and the DOM code recursive),
//! the element count is capped, and the extraction runs on its own thread
//! with a large stack, so a panic in the parser becomes a message.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, ParsePolicy, Readability, ReadabilityError};

use super::whitespace::{collapse, end_paragraph, push_collapsed};
use super::{Extracted, ImportError, Imported, ImportedMeta, SourceKind};

mod blocks;
mod meta;

use blocks::{Block, Filter, walk};
pub use meta::normalise_date;
use meta::{PageMeta, finish_meta, page_meta};

/// Pages nested deeper than this (by a conservative estimate on the raw
/// text) are refused; real news pages stay under a few hundred.
pub const MAX_NESTING: usize = 2_000;

/// Pages with more elements than this are refused: ten times a heavy news
/// page.
pub const MAX_ELEMENTS: usize = 400_000;

/// Reader view keeps fewer words than this only for pages that are not
/// articles (or paywalled stubs).
const MIN_ARTICLE_WORDS: usize = 40;

/// How much of a page to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HtmlMode {
    /// The article only, as Firefox Reader View would show it.
    #[default]
    Reader,
    /// Every visible text block of the page (no script, style or hidden
    /// parts), for when reader view left out too much.
    FullText,
}

/// Decodes page bytes to text by the rules in the module doc; returns the
/// text and notices for the reviewer.
pub fn decode_html(bytes: &[u8], header_charset: Option<&str>) -> (String, Vec<String>) {
    let mut notices = Vec::new();
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return (
            encoding.decode_without_bom_handling(rest).0.into_owned(),
            notices,
        );
    }
    let declared = header_charset
        .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        .map(encoding_rs::Encoding::output_encoding);
    let valid_utf8 = std::str::from_utf8(bytes).ok();
    match (declared, valid_utf8) {
        (Some(encoding), Some(text)) if encoding == encoding_rs::UTF_8 || text.is_ascii() => {
            (text.to_owned(), notices)
        }
        (Some(encoding), Some(text)) => {
            notices.push(format!(
                "The page says it is in {} but its bytes are UTF-8; it was read as UTF-8.",
                encoding.name()
            ));
            (text.to_owned(), notices)
        }
        (Some(encoding), None) if encoding != encoding_rs::UTF_8 => (
            encoding.decode_without_bom_handling(bytes).0.into_owned(),
            notices,
        ),
        (declared, None) => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
            notices.push(match declared {
                Some(_) => format!(
                    "The page says it is UTF-8 but is not; it was read as {}. Check accented letters and quotation marks.",
                    guess.name()
                ),
                None => format!(
                    "The page does not say which encoding it uses; it was read as {}. Check accented letters and quotation marks.",
                    guess.name()
                ),
            });
            (
                guess.decode_without_bom_handling(bytes).0.into_owned(),
                notices,
            )
        }
        (None, Some(text)) => (text.to_owned(), notices),
    }
}

/// The encoding a `<meta charset>` or `http-equiv` declaration in the first
/// 4 KB names, as browsers look for it.
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = rest.get(at + 5..)?;
        let tag = rest.split('>').next().unwrap_or_default();
        if let Some(pos) = tag.find("charset") {
            let value = tag
                .get(pos + 7..)
                .unwrap_or_default()
                .trim_start()
                .strip_prefix('=')
                .unwrap_or_default()
                .trim_start()
                .trim_start_matches(['"', '\'']);
            let label: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
                return Some(encoding);
            }
        }
    }
    None
}

/// Elements HTML closes by itself or that have no content: not counted as
/// nesting.
fn closes_itself(name: &[u8]) -> bool {
    // A `match` rather than a list searched in turn: the pre-pass asks this
    // of every tag, tens of thousands on a large page, and a match dispatches
    // on the length before comparing bytes.
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"option"
            | b"optgroup"
            | b"colgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"rtc"
            | b"param"
            | b"keygen"
            | b"frame"
            | b"basefont"
            | b"bgsound"
            | b"image"
    )
}

/// Elements whose content is never article text and is skipped by a byte
/// scan before parsing (inline scripts are often half a news page, and the
/// HTML tokenizer reads them a character at a time). JSON-LD scripts are
/// kept: they carry the metadata.
const DROPPED_CONTENT: &[&[u8]] = &[
    b"script",
    b"style",
    b"svg",
    b"template",
    b"textarea",
    b"title",
];

/// Prepares markup for parsing in one pass: drops comments and the content
/// of scripts (except JSON-LD), styles, SVG and templates, and returns a
/// conservative estimate of how deeply the rest nests (start tags minus end
/// tags, not counting elements HTML closes by itself).
pub fn prepare(html: &str) -> (String, usize) {
    let mut whole = String::new();
    let depth = prepare_in_pieces(html, usize::MAX, usize::MAX, |piece| whole = piece);
    (whole, depth)
}

/// [`prepare`], handing the prepared markup to `emit` in pieces of about
/// `piece_bytes` (each cut before a tag, the last one possibly empty) as
/// it goes, so a parser on another thread can start on the first piece
/// while this one scans the rest. With `usize::MAX` the whole text comes
/// in one piece, without a copy.
///
/// Once the nesting estimate passes `max_depth`, nothing more is handed
/// on (the scan goes on to report the page's full depth): the parser is
/// never given markup nested deeper than the limit it is kept under.
pub fn prepare_in_pieces(
    html: &str,
    piece_bytes: usize,
    max_depth: usize,
    mut emit: impl FnMut(String),
) -> usize {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len().min(piece_bytes.saturating_add(4096)));
    let mut copied = 0usize;
    let mut i = 0usize;
    let mut depth = 0usize;
    let mut max = 0usize;
    let slice = |from: usize, to: usize| html.get(from..to).unwrap_or_default();
    while let Some(offset) = memchr(b'<', bytes.get(i..).unwrap_or_default()) {
        let lt = i + offset;
        if max > max_depth {
            // Refused: keep scanning for the depth, copy nothing more.
            copied = lt;
        } else if out.len() + (lt - copied) >= piece_bytes {
            out.push_str(slice(copied, lt));
            copied = lt;
            let capacity = out.capacity();
            emit(std::mem::replace(&mut out, String::with_capacity(capacity)));
        }
        let rest = bytes.get(lt + 1..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            let end = find_bytes(rest, b"-->").map_or(bytes.len(), |e| lt + 1 + e + 3);
            out.push_str(slice(copied, lt));
            copied = end;
            i = end;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let mut name = [0u8; 16];
        let mut len = 0usize;
        for &b in rest.iter().skip(usize::from(closing)) {
            if !(b.is_ascii_alphanumeric() || b == b'-') || len == name.len() {
                break;
            }
            if let Some(slot) = name.get_mut(len) {
                *slot = b.to_ascii_lowercase();
            }
            len += 1;
        }
        let name = name.get(..len).unwrap_or_default();
        if !name.first().is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let gt = memchr(b'>', rest).map_or(bytes.len(), |p| lt + 1 + p);
        i = gt;
        if closes_itself(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let tag = bytes.get(lt..gt).unwrap_or_default();
        if tag.ends_with(b"/") {
            continue;
        }
        if DROPPED_CONTENT.contains(&name) {
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            let body_start = (gt + 1).min(bytes.len());
            let close_at = find_ascii_ci(bytes.get(body_start..).unwrap_or_default(), &close)
                .map_or(bytes.len(), |p| body_start + p);
            let json_ld = name == b"script" && find_ascii_ci(tag, b"ld+json").is_some();
            if !json_ld && name != b"title" {
                out.push_str(slice(copied, body_start));
                copied = close_at;
            }
            i = close_at;
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    if max <= max_depth {
        out.push_str(slice(copied, bytes.len()));
        emit(out);
    }
    max
}

/// The nesting estimate of [`prepare`] alone.
pub fn nesting_estimate(html: &str) -> usize {
    prepare(html).1
}

use memchr::memchr;

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// `needle` (which starts with an ASCII byte that has no case, such as
/// `<`) anywhere in `haystack`, the rest compared without case.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(offset) = memchr::memchr2(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        haystack.get(from..)?,
    ) {
        let at = from + offset;
        if haystack
            .get(at + 1..at + 1 + rest.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(rest))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// What a job on the reader thread leaves to free after it has answered:
/// a large page's trees take a millisecond or two to drop, which can
/// overlap the caller's next steps instead of delaying the answer.
type Leftovers = Vec<Document>;

/// Starts `job` on a thread with a large stack (the DOM code recurses). The
/// job's result comes back through the returned receiver as soon as it is
/// ready; whatever it leaves over is freed on that thread afterwards. See
/// [`answer`] for the other end.
fn spawn_isolated<T: Send + 'static>(
    job: impl FnOnce() -> (Result<T, String>, Leftovers) + Send + 'static,
) -> Result<mpsc::Receiver<Result<T, String>>, String> {
    let (reply, answer) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("claimdesk-html".to_owned())
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let (result, leftovers) = job();
            // The caller stops waiting only when it refused the page itself.
            let _ = reply.send(result);
            drop(leftovers);
        })
        .map_err(|e| format!("Could not start reading the page ({e})"))?;
    Ok(answer)
}

/// The answer of a job started by [`spawn_isolated`]; a panic in the
/// parser (which drops the sender unanswered) becomes `Err`.
fn answer<T>(answer: &mpsc::Receiver<Result<T, String>>) -> Result<T, String> {
    answer.recv().unwrap_or_else(|_| {
        Err("The page could not be read (the HTML reader failed on it)".to_owned())
    })
}

/// Runs `job` on a thread with a large stack, turning a panic into `Err`.
fn isolated<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    answer(&spawn_isolated(|| (job(), Leftovers::new()))?)
}

/// How much prepared markup goes to the parser thread at a time: enough
/// that the hand-overs cost nothing next to the parse, small enough that
/// the parse starts early.
const PIECE_BYTES: usize = 64 * 1024;

/// Prepared markup on its way to the parser thread.
enum Piece {
    /// The next stretch of the page.
    Markup(String),
    /// The whole page has come and is not too deeply nested. A channel
    /// closed without it means the page was refused.
    End,
}

/// Parses the pieces as they come, the way `Document::from` parses a
/// whole page (html5ever reads a stream, so where a piece ends does not
/// matter), and keeps the markup for the rare second parse. `None` when
/// the page was refused before its end.
fn parse_pieces(pieces: &mpsc::Receiver<Piece>) -> Option<(Document, String)> {
    let options = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    use html5ever::tendril::TendrilSink;
    let mut parser = html5ever::parse_document(Document::default(), options);
    let mut html = String::new();
    loop {
        match pieces.recv().ok()? {
            Piece::Markup(markup) => {
                parser.process(html5ever::tendril::StrTendril::from_slice(&markup));
                html.push_str(&markup);
            }
            Piece::End => return Some((parser.finish(), html)),
        }
    }
}

/// Reads a page (raw bytes) as an article. `charset` is the HTTP header's,
/// `url` the page's address when it came from the web. The error is a
/// sentence fragment; the caller adds the origin.
///
/// Two threads share the work: this one decodes and prepares the page
/// (about a twentieth of the time for a large page) and hands it over in
/// pieces while the reader thread parses them and extracts the article.
pub fn read(
    raw: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
    mode: HtmlMode,
) -> Result<Extracted, String> {
    let (html, mut notices) = decode_html(raw, charset);
    let scripts = find_all_ci(html.as_bytes(), b"<script");
    let url = url.map(str::to_owned);
    let (send, pieces) = mpsc::channel();
    let reader = spawn_isolated(move || {
        let Some((doc, html)) = parse_pieces(&pieces) else {
            return (Err(String::new()), Leftovers::new());
        };
        let mut leftovers = Leftovers::new();
        let extracted = extract(doc, &html, url.as_deref(), mode, scripts, &mut leftovers);
        (extracted, leftovers)
    })?;
    // A send fails only when the reader thread has died; its answer says so.
    let depth = prepare_in_pieces(&html, PIECE_BYTES, MAX_NESTING, |piece| {
        let _ = send.send(Piece::Markup(piece));
    });
    if depth > MAX_NESTING {
        // Dropping the sender without `End` stops the parser.
        return Err(format!(
            "The page is nested about {depth} levels deep; claimdesk reads pages of up to {MAX_NESTING} levels"
        ));
    }
    let _ = send.send(Piece::End);
    let mut extracted = answer(&reader)?;
    notices.append(&mut extracted.notices);
    extracted.notices = notices;
    Ok(extracted)
}

/// Below this many words of reader view, the page's visible text is
/// counted too, to tell a stub or a bad extraction from a short article.
const CHECK_BELOW_WORDS: usize = 300;

/// Extracts the article from the parsed page `doc` (whose prepared markup
/// is `html`). The trees it is done with go to `leftovers`, for the reader
/// thread to free after it has answered.
fn extract(
    doc: Document,
    html: &str,
    url: Option<&str>,
    mode: HtmlMode,
    scripts: usize,
    leftovers: &mut Leftovers,
) -> Result<Extracted, String> {
    if let Some(elements) = too_many_elements(&doc) {
        return Err(format!(
            "The page has {elements} elements; claimdesk reads pages of up to {MAX_ELEMENTS}"
        ));
    }
    let mut page = page_meta(&doc);
    // The full visible text costs a walk of the whole page: done before
    // reader view (which takes the document) only when the headline must
    // be found in it, else later and only for a short result.
    let mut visible = (mode == HtmlMode::FullText || page.title.is_empty())
        .then(|| walk(&doc.root(), Filter::FullText));
    // Only reader view looks the headline up among the page's blocks.
    let visible_texts: HashSet<String> = match mode {
        HtmlMode::Reader => visible.iter().flatten().map(|b| b.text.clone()).collect(),
        HtmlMode::FullText => HashSet::new(),
    };
    let visible_words = |visible: &mut Option<Vec<Block>>| {
        word_count(
            visible.get_or_insert_with(|| walk(&Document::from(html).root(), Filter::FullText)),
        )
    };
    let (body, smoothie) = match mode {
        HtmlMode::FullText => {
            leftovers.push(doc);
            (visible.take().unwrap_or_default(), None)
        }
        HtmlMode::Reader => {
            let config = Config {
                keep_classes: true,
                max_elements_to_parse: MAX_ELEMENTS,
                ..Config::default()
            };
            let doc_url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
            // A page address the reader refuses only loses link resolution.
            let doc_url = doc_url
                .filter(|u| Readability::with_document(Document::from(""), Some(u), None).is_ok());
            let article = match reader_article(doc, html, doc_url, config, leftovers) {
                Ok(article) => article,
                Err(ReadabilityError::GrabFailed) => {
                    return Err(not_an_article(visible_words(&mut visible), scripts));
                }
                Err(e) => return Err(format!("The page could not be read ({e})")),
            };
            let content = Document::fragment(article.content.to_string());
            let blocks = walk(&content.root(), Filter::Reader);
            leftovers.push(content);
            (blocks, Some(article))
        }
    };
    if let Some(article) = &smoothie {
        let fill = |field: &mut String, value: Option<&String>| {
            if field.is_empty()
                && let Some(value) = value
            {
                value.trim().clone_into(field);
            }
        };
        fill(&mut page.byline, article.byline.as_ref());
        fill(&mut page.publication, article.site_name.as_ref());
        fill(&mut page.published, article.published_time.as_ref());
        fill(&mut page.language, article.lang.as_ref());
        if page.title.is_empty() {
            page.title = headline_in_title(article.title.trim(), &visible_texts);
        }
    }
    finish_meta(&mut page);
    if page.title.is_empty()
        && let Some(first) = body.iter().find(|b| b.heading)
    {
        page.title.clone_from(&first.text);
    }
    let paragraphs = compose(&page, body);
    let body_words: usize = paragraphs
        .iter()
        .filter(|p| **p != page.title)
        .map(|p| p.split_whitespace().count())
        .sum();
    if paragraphs.is_empty() {
        return Err(not_an_article(visible_words(&mut visible), scripts));
    }
    if mode == HtmlMode::Reader && body_words < MIN_ARTICLE_WORDS {
        return Err(not_an_article(visible_words(&mut visible), scripts));
    }
    if mode == HtmlMode::Reader && page.paywalled && body_words < 150 {
        return Err(
            "The page shows only the start of the article (it is behind a paywall or needs a login)"
                .to_owned(),
        );
    }
    let mut notices = Vec::new();
    if mode == HtmlMode::Reader && body_words < CHECK_BELOW_WORDS {
        let visible_words = visible_words(&mut visible);
        if body_words * 10 < visible_words {
            notices.push(format!(
                "Reader view kept {body_words} of the page's {visible_words} words; if article text is missing, re-import the page as full text."
            ));
        }
    }
    Ok(Extracted {
        title: (!page.title.is_empty()).then(|| page.title.clone()),
        text: paragraphs.join("\n\n"),
        meta: ImportedMeta {
            byline: page.byline,
            published: page.published,
            publication: page.publication,
            language: page.language,
            url: page.url,
        },
        notices,
    })
}

/// Readability's article from `doc`, as `Readability::parse` finds it, and
/// without its copy of the page in the common case.
///
/// `parse` copies the whole tree before its first, strictest attempt, to
/// have it for laxer attempts when the first finds fewer than
/// `char_threshold` characters; on a large page that copy and its drop are
/// about a twentieth of the extraction. Here the strict attempt runs alone
/// on the page itself. When its article is comfortably over the threshold,
/// `parse` would have returned that same attempt, so the result is the
/// same; otherwise (a short article or none) the page is parsed again from
/// `html` and handed to `parse` whole. The margin is there because the
/// count here is taken after Readability's final clean-up, which only
/// removes text, while `parse` counts before it.
fn reader_article(
    doc: Document,
    html: &str,
    url: Option<&str>,
    config: Config,
    leftovers: &mut Leftovers,
) -> Result<dom_smoothie::Article, ReadabilityError> {
    let threshold = config.char_threshold;
    let mut strict = Readability::with_document(doc, url, Some(config.clone()))?;
    let first = strict.parse_with_policy(ParsePolicy::Strict);
    let enough = grabbed_chars(&strict.doc) >= threshold + threshold / 10;
    leftovers.push(std::mem::take(&mut strict.doc));
    match first {
        Ok(article) if enough => return Ok(article),
        Ok(_) | Err(ReadabilityError::GrabFailed) => {}
        Err(e) => return Err(e),
    }
    let mut full = Readability::with_document(Document::from(html), url, Some(config))?;
    let article = full.parse();
    leftovers.push(std::mem::take(&mut full.doc));
    article
}

/// The whitespace-collapsed length of the article Readability marked in
/// `doc` (0 when there is none), as Readability measures an attempt.
fn grabbed_chars(doc: &Document) -> usize {
    doc.select_single("#readability-page-1")
        .nodes()
        .first()
        .map_or(0, NodeRef::normalized_char_count)
}

/// How many elements the parsed page has, when that is more than
/// [`MAX_ELEMENTS`]. The tree's node count (text and comments included)
/// bounds it from above and costs nothing, so elements are counted one by
/// one only when that bound is over the cap: a `select("*")` on every page
/// was a selector match per node.
fn too_many_elements(doc: &Document) -> Option<usize> {
    if doc.tree.len() <= MAX_ELEMENTS {
        return None;
    }
    let elements = doc
        .root()
        .descendants_it()
        .filter(NodeRef::is_element)
        .count();
    (elements > MAX_ELEMENTS).then_some(elements)
}

/// The page's `<title>` often wraps the headline in the site's name
/// ("Gazette: Headline", "Headline | Site"); when one of its parts is a
/// block of the page on its own, that part is the headline.
fn headline_in_title(title: &str, blocks: &HashSet<String>) -> String {
    let title = collapse(title);
    if blocks.contains(&title) {
        return title;
    }
    let mut parts: Vec<&str> = vec![title.as_str()];
    for separator in [" | ", " - ", " – ", " — ", ": ", " :: ", " » ", " · "] {
        parts = parts
            .into_iter()
            .flat_map(|p| p.split(separator))
            .map(str::trim)
            .collect();
    }
    parts
        .into_iter()
        .filter(|p| p.split_whitespace().count() >= 3 && blocks.contains(*p))
        .max_by_key(|p| p.len())
        .map_or(title.clone(), str::to_owned)
}

fn find_all_ci(haystack: &[u8], needle: &[u8]) -> usize {
    let mut count = 0;
    let mut rest = haystack;
    while let Some(at) = find_ascii_ci(rest, needle) {
        count += 1;
        rest = rest.get(at + needle.len()..).unwrap_or_default();
    }
    count
}

fn not_an_article(visible_words: usize, scripts: usize) -> String {
    if visible_words < MIN_ARTICLE_WORDS && scripts > 0 {
        "The page has no readable text; it is built by scripts (open it in a browser and save it, or copy its text)".to_owned()
    } else if visible_words < MIN_ARTICLE_WORDS {
        "The page has no readable text".to_owned()
    } else {
        "No article was found on the page: it is mostly navigation, links or boilerplate (a paywall, a front page or a stub?); re-import it as full text if it is an article".to_owned()
    }
}

/// The headline first, then the body without the blocks that repeat the
/// headline, byline or date.
fn compose(page: &PageMeta, body: Vec<Block>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(body.len() + 1);
    if !page.title.is_empty() {
        out.push(page.title.clone());
    }
    let byline = page.byline.to_lowercase();
    let mut seen_text = false;
    for block in body {
        let lower = block.text.to_lowercase();
        if block.text == page.title {
            continue;
        }
        if !seen_text && !byline.is_empty() && is_byline_line(&lower, &byline) {
            continue;
        }
        if !seen_text && looks_like_dateline(&block.text) {
            continue;
        }
        seen_text = seen_text || block.text.split_whitespace().count() > 12;
        out.push(block.text);
    }
    out
}

fn is_byline_line(lower: &str, byline: &str) -> bool {
    let rest = lower.strip_prefix("by ").unwrap_or(lower);
    rest.starts_with(byline)
        && lower.split_whitespace().count() <= byline.split_whitespace().count() + 8
}

/// "Published March 3, 2026, 10:02 a.m." and the like: a short block that is
/// mostly a date.
fn looks_like_dateline(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    let lower = text.to_lowercase();
    let has_year = words.iter().any(|w| {
        let digits: String = w.chars().filter(char::is_ascii_digit).collect();
        digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
    });
    has_year
        && (lower.starts_with("published")
            || lower.starts_with("updated")
            || lower.starts_with("posted")
            || words.len() <= 6)
}

// ---------------------------------------------------------------------------
// Metadata

fn word_count(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum()
}

// ---------------------------------------------------------------------------
// The block walker

/// The page's visible blocks that `article_text` does not contain: what
/// reader view left out.
pub fn left_out(raw: &[u8], charset: Option<&str>, article_text: &str) -> Vec<String> {
    let (html, _) = decode_html(raw, charset);
    let (html, depth) = prepare(&html);
    if depth > MAX_NESTING {
        return Vec::new();
    }
    let article = collapse(article_text);
    isolated(move || {
        let doc = Document::from(html.as_str());
        let mut seen = HashSet::new();
        Ok(walk(&doc.root(), Filter::FullText)
            .into_iter()
            .map(|b| b.text)
            .filter(|t| !article.contains(t.as_str()) && seen.insert(t.clone()))
            .collect())
    })
    .unwrap_or_default()
}

/// Converts HTML copied from a browser or word processor (the clipboard's
/// `text/html`) into an article: every block a paragraph, captions and ads
/// left out. A fragment is too short for reader view, so it is converted
/// directly. Windows' `CF_HTML` header is understood.
pub fn from_clipboard_html(fragment: &str) -> Result<Imported, ImportError> {
    let origin = super::CLIPBOARD;
    let body = match (
        fragment.find("<!--StartFragment-->"),
        fragment.find("<!--EndFragment-->"),
    ) {
        (Some(start), Some(end)) if start < end => fragment
            .get(start + "<!--StartFragment-->".len()..end)
            .unwrap_or(fragment),
        _ => fragment,
    };
    let (body, depth) = prepare(body);
    if depth > MAX_NESTING {
        return Err(ImportError::Source {
            message: format!(
                "The copied text is nested about {depth} levels deep; claimdesk reads up to {MAX_NESTING} levels"
            ),
            origin: origin.to_owned(),
        });
    }
    let blocks = isolated(move || {
        let doc = Document::fragment(body);
        Ok(walk(&doc.root(), Filter::Reader))
    })
    .map_err(|message| ImportError::Source {
        message,
        origin: origin.to_owned(),
    })?;
    let Some(first) = blocks.first() else {
        return Err(ImportError::Empty {
            path: origin.into(),
        });
    };
    let title = if first.heading {
        first.text.clone()
    } else {
        super::guess_title(&first.text, "Pasted article")
    };
    let text = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Imported {
        title,
        text,
        meta: ImportedMeta::default(),
        provenance: super::provenance_of(fragment.as_bytes(), origin, SourceKind::Html),
        kind: SourceKind::Html,
        source_path: None,
        raw: fragment.as_bytes().to_vec(),
        notices: Vec::new(),
        charset: Some("utf-8".to_owned()),
    })
}

#[cfg(test)]
mod tests;
