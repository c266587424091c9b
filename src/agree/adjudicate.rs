//! Combining the reviewers' projects into the final one.
//!
//! Statements are grouped by overlapping text. A group where every
//! reviewer has the same single span is compared field by field: values
//! everyone who gave one agrees on are settled (an untagged statement or an
//! empty field is "no opinion", not a disagreement), and each field with
//! two or more different values becomes an open item and stays empty until
//! settled. A group where reviewers split or merged differently becomes one
//! segmentation item; the final project holds the first such reviewer's
//! statements there until it is settled. Notes and evidence are never
//! chosen between: all are kept, marked with who wrote them.

use std::collections::HashSet;

use crate::agree::items::marked_union;
use crate::agree::{AgreeError, Choice, ItemKind, OpenItem, check_reviewers};
use crate::model::{Evidence, Project, Speech, Statement, StatementId, Tag};

/// Combines `projects` (reviewer name, project) into one project: settled
/// agreements, and an [`OpenItem`] for every disagreement about a tag,
/// verdict, source, cue, speech kind or segmentation. The reviewer field
/// lists every reviewer; the adjudicator is left for the caller to set.
pub fn adjudicate(projects: &[(String, Project)]) -> Result<Project, AgreeError> {
    check_reviewers(projects)?;
    let Some((_, first)) = projects.first() else {
        return Err(AgreeError::TooFewReviewers(0));
    };
    let k = projects.len();
    let mut next_id = projects.iter().map(|(_, p)| p.next_id).max().unwrap_or(1);
    let mut used: HashSet<StatementId> = HashSet::new();
    let mut fresh = |wanted: StatementId, used: &mut HashSet<StatementId>| {
        if used.insert(wanted) {
            wanted
        } else {
            let id = StatementId(next_id);
            next_id += 1;
            used.insert(id);
            id
        }
    };

    // Every statement of every reviewer, in text order.
    let mut all: Vec<(usize, usize, usize)> = Vec::new(); // (start, reviewer, index)
    for (r, (_, p)) in projects.iter().enumerate() {
        all.extend(
            p.statements
                .iter()
                .enumerate()
                .map(|(i, s)| (s.range.start, r, i)),
        );
    }
    all.sort_unstable();

    let mut statements = Vec::new();
    let mut items = Vec::new();
    let mut group: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut group_end = 0usize;
    let mut cursor = 0;
    while cursor <= all.len() {
        let next = all.get(cursor);
        let starts_new = next.is_none_or(|&(start, _, _)| start >= group_end);
        if starts_new && group.iter().any(|g| !g.is_empty()) {
            settle_group(projects, &group, &mut statements, &mut items, &mut |id| {
                fresh(id, &mut used)
            });
            group.iter_mut().for_each(Vec::clear);
        }
        let Some(&(_, r, i)) = next else { break };
        if let (Some(list), Some(s)) = (
            group.get_mut(r),
            projects.get(r).and_then(|(_, p)| p.statements.get(i)),
        ) {
            list.push(i);
            group_end = if starts_new {
                s.range.end
            } else {
                group_end.max(s.range.end)
            };
        }
        cursor += 1;
    }

    let names: Vec<&str> = projects.iter().map(|(n, _)| n.as_str()).collect();
    let mut meta = first.meta.clone();
    meta.reviewer = names.join(", ");
    meta.adjudicator = String::new();
    let project = Project {
        article: first.article.clone(),
        meta,
        scale: first.scale.clone(),
        statements,
        next_id,
        open_items: items,
        // The first reviewer's copy stands for the shared article history;
        // orphans of an update carry annotations and belong to no
        // comparison, so they are kept as they are.
        orphans: first.orphans.clone(),
        versions: first.versions.clone(),
    };
    project.validate()?;
    Ok(project)
}

/// Settles one group of overlapping statements (`group[r]`: reviewer r's
/// statement positions), appending the final statements and any items.
fn settle_group(
    projects: &[(String, Project)],
    group: &[Vec<usize>],
    statements: &mut Vec<Statement>,
    items: &mut Vec<OpenItem>,
    fresh: &mut dyn FnMut(StatementId) -> StatementId,
) {
    let versions: Vec<Vec<&Statement>> = projects
        .iter()
        .zip(group)
        .map(|((_, p), g)| g.iter().filter_map(|&i| p.statements.get(i)).collect())
        .collect();
    let single: Option<Vec<&Statement>> = versions
        .iter()
        .map(|v| match v.as_slice() {
            [one] => Some(*one),
            _ => None,
        })
        .collect();
    let aligned = single.filter(|list| {
        list.first()
            .is_some_and(|f| list.iter().all(|s| s.range == f.range))
    });
    match aligned {
        Some(list) => settle_statement(projects, &list, statements, items, fresh),
        None => {
            let Some((r, chosen)) = versions.iter().enumerate().find(|(_, v)| !v.is_empty()) else {
                return;
            };
            let name = projects.get(r).map_or("", |(n, _)| n.as_str());
            let mut ids = Vec::new();
            for s in chosen {
                let mut s = (*s).clone();
                s.id = fresh(s.id);
                if s.tag.is_some() {
                    s.tagged_by = name.to_owned();
                }
                ids.push(s.id);
                statements.push(s);
            }
            let choices = projects
                .iter()
                .zip(&versions)
                .map(|((reviewer, p), list)| Choice {
                    reviewer: reviewer.clone(),
                    value: list
                        .iter()
                        .map(|s| format!("{:?}", p.text_of(s)))
                        .collect::<Vec<_>>()
                        .join(" | "),
                    statements: list.iter().map(|s| (*s).clone()).collect(),
                })
                .collect();
            items.push(OpenItem {
                ids,
                kind: ItemKind::Segmentation,
                choices,
                settled: false,
                resolution: String::new(),
            });
        }
    }
}

/// The text form of a field's value in an item's choice.
pub(crate) fn tag_value(tag: Option<Tag>) -> String {
    tag.map(|t| t.key().to_owned()).unwrap_or_default()
}

/// The text form of a speech kind.
pub(crate) fn speech_value(speech: Option<Speech>) -> String {
    match speech {
        Some(Speech::Direct) => "direct".to_owned(),
        Some(Speech::Reported) => "reported".to_owned(),
        None => String::new(),
    }
}

/// The one value everyone who gave one agrees on, or `Err` with the
/// distinct values when they differ.
fn agreed<T: PartialEq + Clone>(values: &[Option<T>]) -> Result<Option<T>, ()> {
    let mut found: Option<&T> = None;
    for value in values.iter().flatten() {
        match found {
            None => found = Some(value),
            Some(f) if f == value => {}
            Some(_) => return Err(()),
        }
    }
    Ok(found.cloned())
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Settles one statement every reviewer has over the same span.
fn settle_statement(
    projects: &[(String, Project)],
    list: &[&Statement],
    statements: &mut Vec<Statement>,
    items: &mut Vec<OpenItem>,
    fresh: &mut dyn FnMut(StatementId) -> StatementId,
) {
    let Some(first) = list.first() else { return };
    let names: Vec<&str> = projects.iter().map(|(n, _)| n.as_str()).collect();
    let mut out = Statement::new(fresh(first.id), first.range.clone());
    let mut open = |kind: ItemKind, value: &dyn Fn(&Statement) -> String| {
        items.push(OpenItem {
            ids: vec![out.id],
            kind,
            choices: names
                .iter()
                .zip(list)
                .map(|(name, s)| Choice {
                    reviewer: (*name).to_owned(),
                    value: value(s),
                    statements: vec![(*s).clone()],
                })
                .collect(),
            settled: false,
            resolution: String::new(),
        });
    };
    let tags: Vec<Option<Tag>> = list.iter().map(|s| s.tag).collect();
    match agreed(&tags) {
        Ok(tag) => {
            out.tag = tag;
            out.tagged_by = names
                .iter()
                .zip(&tags)
                .filter(|(_, t)| tag.is_some() && **t == tag)
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ");
        }
        Err(()) => open(ItemKind::Tag, &|s| tag_value(s.tag)),
    }
    let verdicts: Vec<Option<String>> = list.iter().map(|s| s.verdict.clone()).collect();
    match agreed(&verdicts) {
        Ok(v) => out.verdict = v,
        Err(()) => open(ItemKind::Verdict, &|s| {
            s.verdict.clone().unwrap_or_default()
        }),
    }
    let sources: Vec<Option<String>> = list.iter().map(|s| non_empty(&s.source)).collect();
    match agreed(&sources) {
        Ok(v) => out.source = v.unwrap_or_default(),
        Err(()) => open(ItemKind::Source, &|s| s.source.trim().to_owned()),
    }
    let cues: Vec<Option<String>> = list.iter().map(|s| non_empty(&s.cue)).collect();
    match agreed(&cues) {
        Ok(v) => out.cue = v.unwrap_or_default(),
        Err(()) => open(ItemKind::Field("cue".to_owned()), &|s| {
            s.cue.trim().to_owned()
        }),
    }
    let speeches: Vec<Option<Speech>> = list.iter().map(|s| s.speech).collect();
    match agreed(&speeches) {
        Ok(v) => out.speech = v,
        Err(()) => open(ItemKind::Field("speech".to_owned()), &|s| {
            speech_value(s.speech)
        }),
    }
    out.follow_up = list.iter().any(|s| s.follow_up);
    out.modified = list.iter().filter_map(|s| s.modified.clone()).max();
    let notes: Vec<(&str, &str)> = names
        .iter()
        .zip(list)
        .map(|(n, s)| (*n, s.note.as_str()))
        .collect();
    out.note = marked_union(&notes);
    out.evidence = evidence_union(&names, list);
    statements.push(out);
}

/// Every reviewer's evidence, one entry per address, its note marked with
/// everyone who cited it.
fn evidence_union(names: &[&str], list: &[&Statement]) -> Vec<Evidence> {
    let mut out: Vec<(Evidence, Vec<&str>, Vec<&str>)> = Vec::new();
    for (name, s) in names.iter().zip(list) {
        for e in &s.evidence {
            let url = e.url.trim();
            match out.iter_mut().find(|(x, _, _)| x.url == url) {
                Some((x, who, notes)) => {
                    who.push(name);
                    if x.title.is_empty() {
                        x.title.clone_from(&e.title);
                    }
                    if !e.note.trim().is_empty() && !notes.contains(&e.note.trim()) {
                        notes.push(e.note.trim());
                    }
                }
                None => out.push((
                    Evidence {
                        url: url.to_owned(),
                        title: e.title.clone(),
                        note: String::new(),
                    },
                    vec![name],
                    if e.note.trim().is_empty() {
                        Vec::new()
                    } else {
                        vec![e.note.trim()]
                    },
                )),
            }
        }
    }
    out.into_iter()
        .map(|(mut e, who, notes)| {
            let mark = format!("[{}]", who.join(", "));
            e.note = if notes.is_empty() {
                mark
            } else {
                format!("{mark} {}", notes.join(" / "))
            };
            e
        })
        .collect()
}
