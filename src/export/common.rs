//! What the export formats share: statement numbering, which fields a
//! statement's tag shows, who made a claim, verdict counts, code-point positions
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

    /// The public verdict explanation, if the statement has a verdict and
    /// the reviewer wrote one: an explanation without a verdict explains
    /// nothing a reader can see.
    pub fn explanation(&self) -> Option<&'a str> {
        self.verdict()?;
        non_blank(self.statement.explanation.trim())
    }

    /// The claim as a reader would quote it: the reviewer's short form, or
    /// else the whole statement on one line. Never cut off.
    pub fn claim_as_published(&self) -> String {
        match non_blank(self.statement.claim_reviewed.trim()) {
            Some(short) => one_line(short),
            None => one_line(self.text),
        }
    }

    /// Whether the reviewer wrote a short form of the claim.
    pub fn has_short_form(&self) -> bool {
        !self.statement.claim_reviewed.trim().is_empty()
    }
}

/// `text` with every run of white space turned into one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a claimant is a person or a body, as schema.org types them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AgentKind {
    /// schema.org `Person`.
    Person,
    /// schema.org `Organization`.
    Organization,
}

impl AgentKind {
    /// The schema.org type name.
    pub fn schema_type(self) -> &'static str {
        match self {
            AgentKind::Person => "Person",
            AgentKind::Organization => "Organization",
        }
    }
}

/// Who made a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claimant<'a> {
    /// As the reviewer wrote it ("Ana Lopez, mayor").
    pub name: &'a str,
    /// Person or body.
    pub kind: AgentKind,
}

/// Words that mark a source as a body rather than a person. The model has
/// no field for it (a reviewer types "the regional transport agency" or
/// "Ana Lopez, mayor" into one box), and a wrong guess only changes the
/// schema.org type, never what a reader sees.
const ORGANISATION_WORDS: [&str; 40] = [
    "agency",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "college",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "court",
    "department",
    "federation",
    "foundation",
    "government",
    "group",
    "inc",
    "institute",
    "league",
    "limited",
    "ltd",
    "ministry",
    "newspaper",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "press",
    "service",
    "society",
    "statistics",
    "times",
    "union",
    "university",
    "herald",
    "network",
];

/// Guesses whether `name` names a person or a body (see
/// [`ORGANISATION_WORDS`]). A title after a comma ("Ana Lopez, mayor of the
/// council") describes a person, so only the part before the first comma
/// is looked at.
pub(crate) fn agent_kind(name: &str) -> AgentKind {
    let head = name.split(',').next().unwrap_or(name).to_lowercase();
    let is_body = head
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| ORGANISATION_WORDS.contains(&word));
    if is_body {
        AgentKind::Organization
    } else {
        AgentKind::Person
    }
}

/// Who made the claim in `item`: an attribution's source, or for a fact
/// the article states itself, the publication. `None` for an attribution
/// without a source, or a fact in a project without a publication.
pub(crate) fn claimant<'a>(project: &'a Project, item: &Item<'a>) -> Option<Claimant<'a>> {
    match item.tag()? {
        Tag::Attribution => item.source().map(str::trim).map(|name| Claimant {
            name,
            kind: agent_kind(name),
        }),
        Tag::Fact => non_blank(project.meta.publication.trim()).map(|name| Claimant {
            name,
            kind: AgentKind::Organization,
        }),
        Tag::Opinion => None,
    }
}

/// The statements a published fact check shows: facts and attributions
/// with a verdict, in text order.
pub(crate) fn published_items(project: &Project) -> impl Iterator<Item = Item<'_>> {
    items(project).filter(|item| item.verdict().is_some())
}

/// The day the review was last changed (`YYYY-MM-DD`, UTC): the date of
/// the latest `modified` among all statements. Timestamps are UTC RFC 3339
/// as the model writes them, so the greatest string is the latest time.
/// Never the current time: the same project gives the same bytes.
pub(crate) fn review_date(project: &Project) -> Option<&str> {
    project
        .statements
        .iter()
        .filter_map(|s| s.modified.as_deref())
        .filter(|m| date_part(m).is_some())
        .max()
        .and_then(date_part)
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

/// `c` as JSON `\u` escapes: one, or a surrogate pair past the BMP.
fn json_escape(c: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        out.push_str(&format!("\\u{unit:04x}"));
    }
}

/// Writes `value` as pretty JSON-LD with a final newline (see
/// [`json_ld_string`]).
pub(crate) fn write_json_ld(
    value: &impl Serialize,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut safe = json_ld_string(value)?;
    safe.push('\n');
    out.write_all(safe.as_bytes())?;
    Ok(())
}

/// `value` as pretty JSON that can sit inside an HTML
/// `<script type="application/ld+json">` block: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026` (a claim quoting `</script>` would
/// otherwise end the block and inject markup), and the characters HTML
/// forbids raw (DEL, C1 controls, noncharacters; serde_json already
/// escapes C0) become `\u` escapes too. Outside strings JSON never uses
/// any of these, so only string contents change, and parsers read the
/// same values: unlike the reports, data keeps the reviewer's characters.
pub(crate) fn json_ld_string(value: &impl Serialize) -> Result<String, ExportError> {
    let json = serde_json::to_string_pretty(value)?;
    let mut safe = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' | '>' | '&' => json_escape(c, &mut safe),
            c if crate::export::controls::is_forbidden(c) => json_escape(c, &mut safe),
            c => safe.push(c),
        }
    }
    Ok(safe)
}

#[cfg(test)]
mod tests {
    use super::*;

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

/// Which version of the article a report checked (issues 11 and 12): the
/// reader of a fact check must be able to tell which text the verdicts are
/// about, because articles change after publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedVersion<'a> {
    /// 1-based number of the version checked: the current one, so also
    /// how many versions the project has seen.
    pub number: usize,
    /// Where this version was read from (address or path), if known.
    pub source: Option<&'a str>,
    /// When it was read or the update took it in (RFC 3339), if known.
    pub when: Option<&'a str>,
    /// `sha256:` and the hex SHA-256 of the text checked.
    pub text_hash: &'a str,
    /// `sha256:` and the hex SHA-256 of the raw page or document, when the
    /// import kept it and this is the version imported.
    pub raw_hash: Option<&'a str>,
}

impl CheckedVersion<'_> {
    /// The text hash's first 16 hex digits: enough to tell versions apart
    /// at a glance; the full hash is in the JSON export and the footer.
    pub fn short_hash(&self) -> &str {
        let hex = self
            .text_hash
            .strip_prefix("sha256:")
            .unwrap_or(self.text_hash);
        hex.get(..16).unwrap_or(hex)
    }

    /// How the version reads in a report, without its source: "version 2
    /// of the article (it changed once since it was first taken in),
    /// updated 30 Nov 2026, 14:02 UTC", with `when` formatting the time.
    pub fn describe(&self, when: impl Fn(&str) -> String) -> String {
        let mut text = if self.number > 1 {
            format!(
                "version {} of the article (it changed {} since it was first taken in)",
                self.number,
                match self.number - 1 {
                    1 => "once".to_owned(),
                    n => format!("{n} times"),
                }
            )
        } else {
            "the article as first taken in".to_owned()
        };
        if let Some(time) = self.when {
            text.push_str(if self.number > 1 {
                ", updated "
            } else {
                ", retrieved "
            });
            text.push_str(&when(time));
        }
        text
    }

    /// The source as a report shows it: a web address whole, a file path
    /// by its file name only (the folders name the reviewer's machine and
    /// may say more than the team wants a forwarded report to say).
    pub fn shown_source(&self) -> Option<&str> {
        let source = self.source?;
        if linkable(source).is_some() {
            return Some(source.trim());
        }
        let name = source
            .rsplit(['/', '\\'])
            .find(|part| !part.trim().is_empty())
            .unwrap_or(source);
        Some(name.trim())
    }

    /// The source a public report may show: a web address only. A local
    /// file path says nothing to readers and may name the reviewer's
    /// folders.
    pub fn public_source(&self) -> Option<&str> {
        self.source.and_then(linkable)
    }
}

/// The version of the article `project` holds now, from its version
/// history (an update records one entry per version), else from where the
/// import read it.
pub(crate) fn checked_version(project: &Project) -> CheckedVersion<'_> {
    let provenance = project.meta.provenance.as_ref();
    let imported_source = provenance
        .map(|p| p.source.as_str())
        .or(project.article.source_path.as_deref())
        .and_then(non_blank);
    let imported_when = provenance.map(|p| p.retrieved.as_str()).and_then(non_blank);
    let raw_hash = provenance
        .map(|p| p.sha256_raw.as_str())
        .and_then(non_blank);
    match project.versions.last() {
        // The newest entry is the text the project holds; an update pushes
        // it. Before any update the history is empty.
        Some(last) if project.versions.len() > 1 => {
            // The import's raw-bytes hash stands for the first version
            // only: an update replaces the text, not the provenance.
            CheckedVersion {
                number: project.versions.len(),
                source: last.source.as_deref().and_then(non_blank),
                when: last.date.as_deref().and_then(non_blank),
                text_hash: &project.article.text_hash,
                raw_hash: None,
            }
        }
        _ => CheckedVersion {
            number: 1,
            source: imported_source,
            when: imported_when,
            text_hash: &project.article.text_hash,
            raw_hash,
        },
    }
}

/// "2 of 5 disagreements between reviewers are still open", or `None` when
/// none is: the line a draft report carries on its face.
pub(crate) fn open_items_line(project: &Project) -> Option<String> {
    let open = project.open_items.iter().filter(|i| !i.settled).count();
    (open > 0).then(|| {
        format!(
            "{open} of {} disagreements between reviewers are still open",
            project.open_items.len()
        )
    })
}
