//! Open items: the reviewers' disagreements a project carries until someone
//! settles them, and the pure functions that settle them.
//!
//! An item names the statement(s) it is about, what the disagreement is
//! about ([`ItemKind`]), and each reviewer's choice, with a snapshot of that
//! reviewer's statement(s), so the window can show them side by side and
//! "take reviewer k" needs nothing but the project. Settled items stay in
//! the file (marked settled, with how) as the record of the adjudication.
//!
//! [`plan_resolution`] describes a resolution as a splice of the statement
//! list plus the item's before and after, so the window can make it one
//! undoable step; [`resolve_item`] plans and applies in one go.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::agree::AgreeError;
use crate::model::{
    Evidence, ModelError, Project, ProjectMeta, Speech, Statement, StatementId, Tag,
};

/// What reviewers disagree about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    /// The statement's tag.
    Tag,
    /// The verdict.
    Verdict,
    /// Who speaks or holds the view.
    Source,
    /// Where statements begin and end (splits and merges).
    Segmentation,
    /// Another field: `cue`, `speech`, `follow_up` or `note` of a
    /// statement, or `title` or a metadata field (`organisation`, ...) of
    /// the project, when the item names no statement.
    Field(String),
}

impl ItemKind {
    /// How the kind reads in a sentence ("the tag").
    pub fn describe(&self) -> String {
        match self {
            ItemKind::Tag => "the tag".to_owned(),
            ItemKind::Verdict => "the verdict".to_owned(),
            ItemKind::Source => "the source".to_owned(),
            ItemKind::Segmentation => "where statements begin and end".to_owned(),
            ItemKind::Field(name) => format!("the {}", name.replace('_', "-")),
        }
    }
}

/// One reviewer's side of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Who chose it.
    pub reviewer: String,
    /// The chosen value as text ("fact", a verdict, a source; empty for
    /// none); for segmentation, the spans.
    #[serde(default)]
    pub value: String,
    /// The reviewer's version of the statement(s) concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "snapshots")]
    pub statements: Vec<Statement>,
}

/// A disagreement between reviewers, open or settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "item")]
pub struct OpenItem {
    /// The statements of the project it is about (empty for a project
    /// field).
    #[serde(default)]
    pub ids: Vec<StatementId>,
    /// What the disagreement is about.
    pub kind: ItemKind,
    /// Each reviewer's choice.
    pub choices: Vec<Choice>,
    /// Settled (the project holds the decision).
    #[serde(default, skip_serializing_if = "is_false")]
    pub settled: bool,
    /// How it was settled ("took Ann's", "decided anew by Ed").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resolution: String,
}

fn is_false(b: &bool) -> bool {
    !b
}

impl OpenItem {
    /// One line for lists and the status bar: "statement #12: the tag
    /// (Ann: fact; Ben: opinion)".
    pub fn summary(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(ToString::to_string).collect();
        let place = if ids.is_empty() {
            "project".to_owned()
        } else {
            format!("statement {}", ids.join(", "))
        };
        format!("{place}: {}", self.what())
    }

    /// What is disputed and who chose what, without where: "the tag (Ann:
    /// fact; Ben: opinion)".
    pub fn what(&self) -> String {
        let choices: Vec<String> = self
            .choices
            .iter()
            .map(|c| {
                let value = if c.value.is_empty() { "none" } else { &c.value };
                format!("{}: {value}", c.reviewer)
            })
            .collect();
        format!("{} ({})", self.kind.describe(), choices.join("; "))
    }
}

/// A statement as an item's choice keeps it: its span and annotations.
#[derive(Serialize, Deserialize)]
#[serde(rename = "statement")]
struct Snapshot {
    id: StatementId,
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tag: Option<Tag>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
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
}

/// Serde for `Vec<Statement>` inside items: [`Statement`] itself has no
/// serde (the project file maps it by hand), so choices go through
/// [`Snapshot`].
mod snapshots {
    use super::{Snapshot, Statement};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(list: &[Statement], s: S) -> Result<S::Ok, S::Error> {
        let records: Vec<Snapshot> = list
            .iter()
            .map(|st| Snapshot {
                id: st.id,
                start: st.range.start,
                end: st.range.end,
                tag: st.tag,
                note: st.note.clone(),
                source: st.source.clone(),
                cue: st.cue.clone(),
                speech: st.speech,
                verdict: st.verdict.clone(),
                evidence: st.evidence.clone(),
                follow_up: st.follow_up,
            })
            .collect();
        records.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Statement>, D::Error> {
        let records = Vec::<Snapshot>::deserialize(d)?;
        Ok(records
            .into_iter()
            .map(|r| {
                let mut st = Statement::new(r.id, r.start..r.end);
                st.tag = r.tag;
                st.note = r.note;
                st.source = r.source;
                st.cue = r.cue;
                st.speech = r.speech;
                st.verdict = r.verdict;
                st.evidence = r.evidence;
                st.follow_up = r.follow_up;
                st
            })
            .collect())
    }
}

/// Checks that every span an item's choices hold lies on the article text,
/// so showing or taking a choice can never point outside it.
pub(crate) fn validate_items(project: &Project) -> Result<(), ModelError> {
    let text = &*project.article.text;
    for (index, item) in project.open_items.iter().enumerate() {
        for choice in &item.choices {
            for s in &choice.statements {
                let Range { start, end } = s.range;
                if start >= end
                    || end > text.len()
                    || !text.is_char_boundary(start)
                    || !text.is_char_boundary(end)
                {
                    return Err(ModelError::BadOpenItem {
                        number: index + 1,
                        start,
                        end,
                    });
                }
            }
        }
    }
    Ok(())
}

/// A copy of `project` for another reviewer: the same article, metadata,
/// scale and statements (same ids and spans), with every annotation and
/// open item removed and `reviewer` set.
pub fn blind_copy(project: &Project, reviewer: &str) -> Project {
    Project {
        article: project.article.clone(),
        meta: ProjectMeta {
            reviewer: reviewer.trim().to_owned(),
            adjudicator: String::new(),
            ..project.meta.clone()
        },
        scale: project.scale.clone(),
        statements: project
            .statements
            .iter()
            .map(|s| Statement::new(s.id, s.range.clone()))
            .collect(),
        next_id: project.next_id,
        open_items: Vec::new(),
        // Orphans hold annotations, which a blind copy must not carry.
        orphans: Vec::new(),
        versions: project.versions.clone(),
    }
}

/// How an item is settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Take choice number `k` (reviewer A, B, C... in the item's order).
    Take(usize),
    /// Keep every reviewer's text, each marked with who wrote it: for
    /// notes, sources and cues.
    BothNotes,
    /// Decide the tag anew.
    DecideTag(Option<Tag>),
    /// Decide the verdict anew (must be on the project's scale).
    DecideVerdict(Option<String>),
    /// Decide a text field (source, cue, note, title, metadata) anew.
    DecideText(String),
    /// Settle with what the project holds now (after editing it by hand,
    /// for instance re-splitting statements).
    Keep,
}

impl Resolution {
    fn describe(&self) -> String {
        match self {
            Resolution::Take(k) => format!("taking choice {}", k + 1),
            Resolution::BothNotes => "keeping both".to_owned(),
            Resolution::DecideTag(_) => "deciding the tag".to_owned(),
            Resolution::DecideVerdict(_) => "deciding the verdict".to_owned(),
            Resolution::DecideText(_) => "deciding the text".to_owned(),
            Resolution::Keep => "keeping the current value".to_owned(),
        }
    }
}

/// One resolution as a reversible change: the statements at `index`
/// (`removed`) are replaced by `inserted`, the item goes from `item_before`
/// to `item_after`, and the title, metadata and next id from `.0` to `.1`.
/// The window's edit path applies [`ResolutionPlan::apply`] and undoes with
/// [`ResolutionPlan::undo`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionPlan {
    /// Which item.
    pub item: usize,
    /// Position of the first replaced statement.
    pub index: usize,
    /// The statements replaced.
    pub removed: Vec<Statement>,
    /// Their replacements.
    pub inserted: Vec<Statement>,
    /// The item as it was.
    pub item_before: OpenItem,
    /// The item settled.
    pub item_after: OpenItem,
    /// Article title before and after.
    pub title: (String, String),
    /// Metadata before and after.
    pub meta: (ProjectMeta, ProjectMeta),
    /// `next_id` before and after.
    pub next_id: (u64, u64),
}

impl ResolutionPlan {
    fn put(
        &self,
        project: &mut Project,
        out_len: usize,
        statements: &[Statement],
        item: &OpenItem,
        after: bool,
    ) {
        let end = (self.index + out_len).min(project.statements.len());
        let start = self.index.min(end);
        project
            .statements
            .splice(start..end, statements.iter().cloned());
        if let Some(slot) = project.open_items.get_mut(self.item) {
            *slot = item.clone();
        }
        project.article.title = if after {
            self.title.1.clone()
        } else {
            self.title.0.clone()
        };
        project.meta = if after {
            self.meta.1.clone()
        } else {
            self.meta.0.clone()
        };
        project.next_id = if after {
            self.next_id.1
        } else {
            self.next_id.0
        };
    }

    /// Puts the resolution into `project` (do or redo).
    pub fn apply(&self, project: &mut Project) {
        self.put(
            project,
            self.removed.len(),
            &self.inserted,
            &self.item_after,
            true,
        );
    }

    /// Takes it back out.
    pub fn undo(&self, project: &mut Project) {
        self.put(
            project,
            self.inserted.len(),
            &self.removed,
            &self.item_before,
            false,
        );
    }
}

/// The name a decision made anew is recorded under.
fn adjudicator(project: &Project) -> String {
    let name = project.meta.adjudicator.trim();
    if name.is_empty() {
        "the adjudicator".to_owned()
    } else {
        name.to_owned()
    }
}

/// `[Ann] text` paragraphs for every distinct non-empty text, each marked
/// with everyone who wrote it; texts already marked are kept as they are.
pub(crate) fn marked_union(texts: &[(&str, &str)]) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (who, text) in texts {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(t, _)| t == text) {
            Some((_, names)) => names.push(who),
            None => groups.push((text.to_owned(), vec![who])),
        }
    }
    groups
        .iter()
        .map(|(text, names)| format!("[{}] {text}", names.join(", ")))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Plain union of distinct non-empty texts, joined with `separator`.
fn text_union(texts: &[&str], separator: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for text in texts {
        let text = text.trim();
        if !text.is_empty() && !seen.contains(&text) {
            seen.push(text);
        }
    }
    seen.join(separator)
}

fn not_applicable(item: usize, open: &OpenItem, resolution: &Resolution) -> AgreeError {
    AgreeError::NotApplicable {
        item,
        kind: open.kind.describe(),
        resolution: resolution.describe(),
    }
}

/// Plans settling item `item` of `project` with `choice`, without changing
/// the project.
pub fn plan_resolution(
    project: &Project,
    item: usize,
    choice: &Resolution,
) -> Result<ResolutionPlan, AgreeError> {
    let open = project
        .open_items
        .get(item)
        .ok_or(AgreeError::NoSuchItem(item))?;
    let mut plan = ResolutionPlan {
        item,
        index: 0,
        removed: Vec::new(),
        inserted: Vec::new(),
        item_before: open.clone(),
        item_after: open.clone(),
        title: (project.article.title.clone(), project.article.title.clone()),
        meta: (project.meta.clone(), project.meta.clone()),
        next_id: (project.next_id, project.next_id),
    };
    let taken = |k: usize| {
        open.choices
            .get(k)
            .ok_or(AgreeError::NoSuchChoice { item, choice: k })
    };
    let how = match choice {
        Resolution::Take(k) => format!("took {}'s", taken(*k)?.reviewer),
        Resolution::Keep => "kept as it stands".to_owned(),
        Resolution::BothNotes => "kept every reviewer's text".to_owned(),
        _ => format!("decided anew by {}", adjudicator(project)),
    };
    plan.item_after.settled = true;
    plan.item_after.resolution = how;

    if open.ids.is_empty() {
        // A project field: the title or a metadata field.
        let ItemKind::Field(name) = &open.kind else {
            return Err(not_applicable(item, open, choice));
        };
        let value = match choice {
            Resolution::Take(k) => Some(taken(*k)?.value.clone()),
            Resolution::DecideText(text) => Some(text.clone()),
            Resolution::Keep => None,
            _ => return Err(not_applicable(item, open, choice)),
        };
        if let Some(value) = value {
            let meta = &mut plan.meta.1;
            let slot = match name.as_str() {
                "title" => &mut plan.title.1,
                "reviewer" => &mut meta.reviewer,
                "organisation" => &mut meta.organisation,
                "publication" => &mut meta.publication,
                "article_url" => &mut meta.article_url,
                "published" => &mut meta.published,
                "language" => &mut meta.language,
                "adjudicator" => &mut meta.adjudicator,
                _ => return Err(not_applicable(item, open, choice)),
            };
            *slot = value;
        }
        return Ok(plan);
    }

    // The statements the item is about, which must be consecutive.
    let mut positions = Vec::with_capacity(open.ids.len());
    for id in &open.ids {
        positions.push(
            project
                .index_of(*id)
                .ok_or(AgreeError::UnknownStatement(*id))?,
        );
    }
    positions.sort_unstable();
    let first = positions.first().copied().unwrap_or(0);
    let last = positions.last().copied().unwrap_or(0);
    plan.index = first;
    plan.removed = project
        .statements
        .get(first..=last)
        .unwrap_or_default()
        .to_vec();
    let mut inserted = plan.removed.clone();

    if open.kind == ItemKind::Segmentation {
        match choice {
            Resolution::Keep => {}
            Resolution::Take(k) => {
                let chosen = taken(*k)?;
                let mut next = project.next_id;
                let outside: std::collections::HashSet<StatementId> = project
                    .statements
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i < first || *i > last)
                    .map(|(_, s)| s.id)
                    .collect();
                inserted = chosen.statements.clone();
                for s in &mut inserted {
                    if outside.contains(&s.id) || s.id.0 >= next {
                        if s.id.0 >= next {
                            next = s.id.0 + 1;
                        } else {
                            s.id = StatementId(next);
                            next += 1;
                        }
                    }
                    if s.tag.is_some() {
                        s.tagged_by.clone_from(&chosen.reviewer);
                    }
                }
                plan.next_id.1 = next;
                plan.item_after.ids = inserted.iter().map(|s| s.id).collect();
            }
            _ => return Err(not_applicable(item, open, choice)),
        }
        plan.inserted = inserted;
        check_plan(project, &plan)?;
        return Ok(plan);
    }

    // A field of one statement (the first the item names).
    let target_index = positions.first().map(|p| p - first).unwrap_or_default();
    let Some(target) = inserted.get_mut(target_index) else {
        return Err(AgreeError::NoSuchItem(item));
    };
    let source_statement = |k: usize| -> Result<&Statement, AgreeError> {
        taken(k)?
            .statements
            .first()
            .ok_or(AgreeError::NoSuchChoice { item, choice: k })
    };
    let field = match &open.kind {
        ItemKind::Field(name) => name.as_str(),
        ItemKind::Tag => "tag",
        ItemKind::Verdict => "verdict",
        ItemKind::Source => "source",
        ItemKind::Segmentation => "",
    };
    let all_texts = |get: fn(&Statement) -> &str| -> Vec<String> {
        open.choices
            .iter()
            .map(|c| c.statements.first().map(get).unwrap_or_default().to_owned())
            .collect()
    };
    match (field, choice) {
        (_, Resolution::Keep) => {}
        ("tag", Resolution::Take(k)) => {
            let tag = source_statement(*k)?.tag;
            target.tag = tag;
            let agreeing: Vec<&str> = open
                .choices
                .iter()
                .filter(|c| c.statements.first().is_some_and(|s| s.tag == tag))
                .map(|c| c.reviewer.as_str())
                .collect();
            target.tagged_by = agreeing.join(", ");
        }
        ("tag", Resolution::DecideTag(tag)) => {
            target.tag = *tag;
            target.tagged_by = adjudicator(project);
        }
        ("verdict", Resolution::Take(k)) => target.verdict = source_statement(*k)?.verdict.clone(),
        ("verdict", Resolution::DecideVerdict(verdict)) => {
            if let Some(v) = verdict
                && !project.scale.all().any(|known| known == v)
            {
                return Err(not_applicable(item, open, choice));
            }
            target.verdict.clone_from(verdict);
        }
        ("source", Resolution::Take(k)) => target.source = source_statement(*k)?.source.clone(),
        ("cue", Resolution::Take(k)) => target.cue = source_statement(*k)?.cue.clone(),
        ("note", Resolution::Take(k)) => target.note = source_statement(*k)?.note.clone(),
        ("speech", Resolution::Take(k)) => target.speech = source_statement(*k)?.speech,
        ("follow_up", Resolution::Take(k)) => {
            target.follow_up = source_statement(*k)?.follow_up;
        }
        ("source", Resolution::DecideText(text)) => target.source = text.clone(),
        ("cue", Resolution::DecideText(text)) => target.cue = text.clone(),
        ("note", Resolution::DecideText(text)) => target.note = text.clone(),
        ("source", Resolution::BothNotes) => {
            let texts = all_texts(|s| &s.source);
            target.source = text_union(&texts.iter().map(String::as_str).collect::<Vec<_>>(), "; ");
        }
        ("cue", Resolution::BothNotes) => {
            let texts = all_texts(|s| &s.cue);
            target.cue = text_union(&texts.iter().map(String::as_str).collect::<Vec<_>>(), "; ");
        }
        ("note", Resolution::BothNotes) => {
            let texts = all_texts(|s| &s.note);
            let pairs: Vec<(&str, &str)> = open
                .choices
                .iter()
                .zip(&texts)
                .map(|(c, t)| (c.reviewer.as_str(), t.as_str()))
                .collect();
            target.note = marked_union(&pairs);
        }
        _ => return Err(not_applicable(item, open, choice)),
    }
    plan.inserted = inserted;
    Ok(plan)
}

/// Checks that a plan leaves the statements in order, not overlapping and
/// with unique ids.
fn check_plan(project: &Project, plan: &ResolutionPlan) -> Result<(), AgreeError> {
    let mut trial = project.clone();
    plan.apply(&mut trial);
    trial.validate()?;
    Ok(())
}

/// Settles item `item` of `project` with `choice` (plan and apply).
pub fn resolve_item(
    project: &mut Project,
    item: usize,
    choice: Resolution,
) -> Result<ResolutionPlan, AgreeError> {
    let plan = plan_resolution(project, item, &choice)?;
    plan.apply(project);
    Ok(plan)
}

/// Why `project` must not be published yet: one sentence per open item
/// (empty when it may be published).
pub fn publish_blockers(project: &Project) -> Vec<String> {
    let open: Vec<&OpenItem> = project.open_items.iter().filter(|i| !i.settled).collect();
    if open.is_empty() {
        return Vec::new();
    }
    let total = project.open_items.len();
    let mut out = vec![format!(
        "{} of {total} disagreements between reviewers are still open; settle them (Review > Compare, or `claimdesk adjudicate`) or export a draft",
        open.len()
    )];
    for item in open {
        let numbers: Vec<String> = item
            .ids
            .iter()
            .filter_map(|id| project.index_of(*id))
            .map(|i| (i + 1).to_string())
            .collect();
        let place = if numbers.is_empty() {
            String::new()
        } else {
            format!("claim {}: ", numbers.join(", "))
        };
        // Claim numbers as the reports show them; the item's own summary
        // names statement ids, which readers of a report never see.
        let what = if place.is_empty() {
            item.summary()
        } else {
            item.what()
        };
        out.push(format!("{place}{what}"));
    }
    out
}
