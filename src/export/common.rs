//! What the export formats share: statement numbering, which fields a
//! statement's tag shows, verdict counts, shortening, code-point positions
//! and the link check. Escaping is not here: each syntax escapes differently,
//! so each format file owns its escaper.

use std::io::Write;

use serde::Serialize;

use crate::export::ExportError;
use crate::model::{Evidence, Project, Speech, Statement, Tag, validate_url};

/// A statement as reports see it: its 1-based number and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    /// 1-based position in text order, as the UI shows it.
    pub number: usize,
    /// The statement.
    pub statement: &'a Statement,
    /// Its text.
    pub text: &'a str,
}

/// Every statement, numbered, in text order.
pub(crate) fn items(project: &Project) -> impl Iterator<Item = Item<'_>> {
    project
        .statements
        .iter()
        .zip(1..)
        .map(|(statement, number)| Item {
            number,
            statement,
            text: project.text_of(statement),
        })
}

fn non_blank(text: &str) -> Option<&str> {
    (!text.trim().is_empty()).then_some(text)
}

impl<'a> Item<'a> {
    /// The tag.
    pub fn tag(&self) -> Option<Tag> {
        self.statement.tag
    }

    fn takes_verdict(&self) -> bool {
        matches!(self.tag(), Some(Tag::Fact | Tag::Attribution))
    }

    /// The verdict, if the tag takes one (facts and attributions) and one is
    /// set.
    pub fn verdict(&self) -> Option<&'a str> {
        if !self.takes_verdict() {
            return None;
        }
        self.statement.verdict.as_deref().and_then(non_blank)
    }

    /// The evidence, if the tag takes it (facts and attributions).
    pub fn evidence(&self) -> &'a [Evidence] {
        if self.takes_verdict() {
            &self.statement.evidence
        } else {
            &[]
        }
    }

    /// Who speaks (attributions) or holds the view (opinions).
    pub fn source(&self) -> Option<&'a str> {
        match self.tag() {
            Some(Tag::Attribution | Tag::Opinion) => non_blank(&self.statement.source),
            _ => None,
        }
    }

    /// The attribution cue ("said").
    pub fn cue(&self) -> Option<&'a str> {
        match self.tag() {
            Some(Tag::Attribution) => non_blank(&self.statement.cue),
            _ => None,
        }
    }

    /// Direct or reported speech (attributions).
    pub fn speech(&self) -> Option<Speech> {
        match self.tag() {
            Some(Tag::Attribution) => self.statement.speech,
            _ => None,
        }
    }

    /// The reviewer's note, if any.
    pub fn note(&self) -> Option<&'a str> {
        non_blank(&self.statement.note)
    }
}

/// How many statements carry each verdict (as [`Item::verdict`] sees
/// them), in scale order (rated best first, then unrated), then verdicts not
/// on the scale in order of first use. Verdicts nobody used are left out.
pub(crate) fn verdict_counts(project: &Project) -> Vec<(&str, usize)> {
    let mut counts: Vec<(&str, usize)> = project.scale.all().map(|v| (v, 0)).collect();
    for item in items(project) {
        let Some(verdict) = item.verdict() else {
            continue;
        };
        match counts.iter_mut().find(|(v, _)| *v == verdict) {
            Some((_, count)) => *count += 1,
            None => counts.push((verdict, 1)),
        }
    }
    counts.retain(|(_, count)| *count > 0);
    counts
}

/// "4 of 5" for a verdict on the scale, `None` for unrated ones.
pub(crate) fn rating_text(project: &Project, verdict: &str) -> Option<String> {
    let value = project.scale.rating_value(verdict)?;
    Some(format!("{value} of {}", project.scale.ratings.len()))
}

/// The machine name of a tag, `untagged` for none.
pub(crate) fn tag_key(tag: Option<Tag>) -> &'static str {
    tag.map_or("untagged", Tag::key)
}

/// The display name of a tag, `Untagged` for none.
pub(crate) fn tag_label(tag: Option<Tag>) -> &'static str {
    tag.map_or("Untagged", Tag::label)
}

/// What a tag means, for legends.
pub(crate) fn tag_description(tag: Option<Tag>) -> &'static str {
    match tag {
        Some(Tag::Fact) => "a checkable claim about the world",
        Some(Tag::Attribution) => "something the article reports someone as saying",
        Some(Tag::Opinion) => "a judgement, prediction or value statement",
        None => "not yet classified by the reviewer",
    }
}

/// Every tag and then "untagged", the order summaries list them.
pub(crate) const TAGS_AND_UNTAGGED: [Option<Tag>; 4] = [
    Some(Tag::Fact),
    Some(Tag::Attribution),
    Some(Tag::Opinion),
    None,
];

/// The machine name of a speech kind.
pub(crate) fn speech_key(speech: Speech) -> &'static str {
    match speech {
        Speech::Direct => "direct",
        Speech::Reported => "reported",
    }
}

/// `url` trimmed, if it may become a link (an absolute http(s) URL).
pub(crate) fn linkable(url: &str) -> Option<&str> {
    validate_url(url).ok().map(|()| url.trim())
}

/// `text` on one line (runs of white space become one space), shortened to
/// at most `max_chars` characters with a trailing ellipsis when it was
/// longer. The cut falls on a char boundary, and on a word boundary unless
/// that would lose more than half the room (CJK text has no spaces).
pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let room = max_chars.saturating_sub(1);
    let cut = flat
        .char_indices()
        .nth(room)
        .map_or(flat.len(), |(index, _)| index);
    let head = flat.get(..cut).unwrap_or_default();
    let next_is_space = flat.get(cut..).is_some_and(|rest| rest.starts_with(' '));
    let head = if next_is_space {
        head
    } else {
        match head.rfind(' ') {
            Some(space) if head.get(..space).map_or(0, |h| h.chars().count()) > room / 2 => {
                head.get(..space).unwrap_or(head)
            }
            _ => head,
        }
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{head}…")
}

/// Converts byte offsets into `text` to code-point offsets, counting
/// forward from the last answer: statements come in text order, so a whole
/// export walks the text once.
pub(crate) struct CharPositions<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharPositions<'a> {
    /// Positions in `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The number of characters before byte `offset`.
    pub fn at(&mut self, offset: usize) -> usize {
        if offset < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        match self.text.get(self.byte..offset) {
            Some(between) => {
                self.chars += between.chars().count();
                self.byte = offset;
                self.chars
            }
            // Not a char boundary or past the end (validation on load rules
            // both out): count the characters that start before it.
            None => self
                .text
                .char_indices()
                .take_while(|(index, _)| *index < offset)
                .count(),
        }
    }
}

/// Up to `max_chars` characters of `text` ending at byte `end`.
pub(crate) fn chars_before(text: &str, end: usize, max_chars: usize) -> &str {
    let Some(before) = text.get(..end) else {
        return "";
    };
    let start = before
        .char_indices()
        .rev()
        .nth(max_chars.saturating_sub(1))
        .map_or(0, |(index, _)| index);
    if max_chars == 0 {
        return "";
    }
    before.get(start..).unwrap_or_default()
}

/// Up to `max_chars` characters of `text` starting at byte `start`.
pub(crate) fn chars_after(text: &str, start: usize, max_chars: usize) -> &str {
    let Some(after) = text.get(start..) else {
        return "";
    };
    let end = after
        .char_indices()
        .nth(max_chars)
        .map_or(after.len(), |(index, _)| index);
    after.get(..end).unwrap_or_default()
}

/// The date part (`YYYY-MM-DD`) of an RFC 3339 timestamp, if it has one.
pub(crate) fn date_part(timestamp: &str) -> Option<&str> {
    let date = timestamp.trim().get(..10)?;
    let bytes = date.as_bytes();
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shape_ok.then_some(date)
}

/// Writes `value` as pretty JSON-LD with a final newline, with `<`, `>`
/// and `&` as `\u003c`, `\u003e` and `\u0026`. JSON-LD is made to be pasted
/// into a `<script type="application/ld+json">` block, where a claim quoting
/// `</script>` would otherwise end the block and inject markup. Outside
/// strings JSON never uses these characters, so the replacement only
/// touches string contents and parsers read the same values.
pub(crate) fn write_json_ld(
    value: &impl Serialize,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let json = serde_json::to_string_pretty(value)?;
    let mut safe = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe.push('\n');
    out.write_all(safe.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_short_text_and_flattens_white_space() {
        assert_eq!(shorten("  Taxes\nrose  5%. ", 74), "Taxes rose 5%.");
    }

    #[test]
    fn shorten_cuts_at_a_word_with_an_ellipsis() {
        let text =
            "The council approved a budget of 4.2 million euros for the new bridge over the river";
        let short = shorten(text, 40);
        assert_eq!(short, "The council approved a budget of 4.2…");
        assert!(short.chars().count() <= 40);
    }

    #[test]
    fn shorten_cuts_unspaced_text_at_a_char_boundary() {
        let text = "日本語の文章はスペースを使わないのでどこでも切れる必要があります";
        let short = shorten(text, 10);
        assert_eq!(short.chars().count(), 10);
        assert_eq!(short, "日本語の文章はスペ…");
    }

    #[test]
    fn shorten_of_exact_length_is_unchanged() {
        let text = "a".repeat(74);
        assert_eq!(shorten(&text, 74), text);
        assert_eq!(shorten(&"a".repeat(75), 74).chars().count(), 74);
    }

    #[test]
    fn char_positions_count_code_points_not_bytes() {
        let text = "é😀 ab";
        let mut positions = CharPositions::new(text);
        assert_eq!(positions.at(0), 0);
        assert_eq!(positions.at(2), 1);
        assert_eq!(positions.at(6), 2);
        assert_eq!(positions.at(text.len()), 5);
        assert_eq!(positions.at(2), 1, "going backwards recounts");
        assert_eq!(positions.at(3), 2, "inside a character counts it");
    }

    #[test]
    fn context_is_cut_at_char_boundaries() {
        let text = "αβγδε";
        assert_eq!(chars_before(text, 6, 2), "βγ");
        assert_eq!(chars_before(text, 6, 10), "αβγ");
        assert_eq!(chars_before(text, 6, 0), "");
        assert_eq!(chars_after(text, 6, 1), "δ");
        assert_eq!(chars_after(text, 6, 10), "δε");
        assert_eq!(chars_after(text, 99, 3), "");
    }

    #[test]
    fn json_ld_cannot_close_a_script_block() {
        let mut out = Vec::new();
        write_json_ld(&["</script><b>&"], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "[\n  \"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"\n]\n"
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ["</script><b>&"]);
    }

    #[test]
    fn dates_come_only_from_well_formed_timestamps() {
        assert_eq!(date_part("2026-11-23T10:00:00Z"), Some("2026-11-23"));
        assert_eq!(date_part("yesterday at noon"), None);
        assert_eq!(date_part("2026"), None);
        assert_eq!(date_part("2026-1é-23"), None);
    }
}
