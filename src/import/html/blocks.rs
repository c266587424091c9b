//! The page as blocks a reader sees: the walk over the DOM that keeps
//! paragraphs, subheads and list items apart and leaves out what is hidden,
//! boilerplate or marked as not part of the article.

use super::*;

/// One paragraph-level piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub(super) text: String,
    pub(super) heading: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Filter {
    /// Inside reader view's article: leave out figures, captions, credits,
    /// ads and promotion boxes.
    Reader,
    /// All visible text.
    FullText,
}

pub(super) const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

pub(super) const INVISIBLE_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe", "object",
    "embed", "canvas", "button", "select", "option", "input", "textarea", "video", "audio",
    "picture", "img", "map", "dialog",
];

/// Class and id words that mark captions, credits and promotion inside an
/// article body (reader view only).
pub(super) const NOT_ARTICLE_MARKS: &[&str] = &[
    "caption",
    "credit",
    "figcaption",
    "advert",
    "ad-slot",
    "ad-container",
    "adslot",
    "advertisement",
    "sponsored",
    "promo",
    "newsletter",
    "read-more",
    "readmore",
    "related",
    "recommended",
    "share",
    "social",
    "signup",
    "subscribe",
    "byline",
    "dateline",
    "timestamp",
    "toolbar",
    "tags",
];

/// Opening words of short blocks that are page furniture, not article text.
pub(super) const BOILERPLATE_STARTS: &[&str] = &[
    "advertisement",
    "skip advertisement",
    "story continues below",
    "article continues below",
    "continue reading",
    "read more",
    "read next",
    "related:",
    "related coverage",
    "related stories",
    "see also:",
    "recommended",
    "sign up",
    "subscribe",
    "share this",
    "share on",
    "follow us",
    "most read",
    "most popular",
    "more from",
    "you may also like",
    "click here",
    "listen to this article",
    "photo:",
    "photograph:",
    "image:",
    "credit:",
    "photo credit",
    "image credit",
    "(ap photo",
    "ap photo",
    "getty images",
    "copyright",
    "©",
    "all rights reserved",
    "this article was originally",
    "want more",
    "get the latest",
    "don't miss",
    "also read",
    "watch:",
    "video:",
    "explore more",
];

pub(super) fn is_boilerplate(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 25 {
        return false;
    }
    let lower = text.to_lowercase();
    let lower = lower.trim_start_matches(['[', '(', '—', '-', ' ', '»', '›']);
    BOILERPLATE_STARTS
        .iter()
        .any(|start| lower.starts_with(start))
        || lower.contains("(ap photo")
        || lower.ends_with("/getty images")
        || lower.ends_with("getty images)")
}

pub(super) fn marked_not_article(element: &dom_query::Element) -> bool {
    let mut marks = String::new();
    for attr in &element.attrs {
        if matches!(&*attr.name.local, "class" | "id" | "data-testid") {
            marks.push(' ');
            marks.push_str(&attr.value.to_ascii_lowercase());
        }
    }
    if marks.is_empty() {
        return false;
    }
    marks
        .split(|c: char| c.is_whitespace() || c == '_')
        .any(|word| {
            NOT_ARTICLE_MARKS.iter().any(|mark| {
                word == *mark
                    || word.starts_with(&format!("{mark}-"))
                    || word.ends_with(&format!("-{mark}"))
                    || word.contains(&format!("-{mark}-"))
            })
        })
}

/// A `<time>` that is the whole of its block: a live blog's or a
/// byline's timestamp, not part of a sentence.
pub(super) fn stands_alone(node: &NodeRef) -> bool {
    let own = collapse(&node.text());
    node.parent()
        .is_some_and(|parent| collapse(&parent.text()) == own)
}

pub(super) fn hidden(element: &dom_query::Element) -> bool {
    element.attrs.iter().any(|attr| match &*attr.name.local {
        "hidden" => true,
        "aria-hidden" => attr.value.eq_ignore_ascii_case("true"),
        "style" => {
            let style = attr.value.to_ascii_lowercase().replace(' ', "");
            style.contains("display:none") || style.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// Walks `root` in document order (iteratively: pages may nest deeply),
/// collecting paragraph-level blocks under `filter`.
pub(super) fn walk(root: &NodeRef, filter: Filter) -> Vec<Block> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave { block: bool, heading: bool },
    }
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut heading_depth = 0usize;
    let mut current_heading = false;
    // `current` holds the block's text with whitespace already collapsed
    // (see `push_collapsed`): collapsing each finished block again was a
    // large part of a full-text walk.
    let flush = |current: &mut String, heading: bool, blocks: &mut Vec<Block>| {
        let Some(text) = end_paragraph(std::mem::take(current)) else {
            return;
        };
        if filter == Filter::Reader && is_boilerplate(&text) {
            return;
        }
        blocks.push(Block { text, heading });
    };
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, heading } => {
                if block {
                    flush(&mut current, current_heading, &mut blocks);
                    current_heading = false;
                }
                if heading {
                    heading_depth = heading_depth.saturating_sub(1);
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    push_collapsed(&mut current, &node.text());
                    if heading_depth > 0 && !current.is_empty() {
                        current_heading = true;
                    }
                    continue;
                }
                // Names are read in place: the parser already lower-cased
                // them, and a copy per element is most of a large page's cost.
                let (block, heading) = if let Some(element) = node.element_ref() {
                    let name: &str = &element.name.local;
                    if INVISIBLE_TAGS.contains(&name) || hidden(&element) {
                        continue;
                    }
                    if filter == Filter::Reader
                        && (matches!(name, "figure" | "figcaption" | "aside" | "nav")
                            || marked_not_article(&element)
                            || (name == "time" && stands_alone(&node)))
                    {
                        continue;
                    }
                    (
                        BLOCK_TAGS.contains(&name),
                        matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
                    )
                } else if node.is_document() || node.is_fragment() {
                    (false, false)
                } else {
                    continue;
                };
                if block {
                    flush(&mut current, current_heading, &mut blocks);
                    current_heading = false;
                }
                if heading {
                    heading_depth += 1;
                }
                stack.push(Step::Leave { block, heading });
                // Last child first, so the first is walked first; straight
                // onto the stack, without a `Vec` per element.
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    flush(&mut current, current_heading, &mut blocks);
    blocks
}
