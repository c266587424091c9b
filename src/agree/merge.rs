//! The three-way merge git runs on a project file (`claimdesk
//! merge-driver`): per statement id and per field, never conflict markers.
//!
//! - A field changed on one side, or changed the same way on both, is
//!   taken. Different changes to the same field keep the common ancestor's
//!   value and open an [`OpenItem`] listing both choices.
//! - Notes and evidence merge as unions: both sides' additions are kept,
//!   and what one side removed stays removed.
//! - A statement one side split (a new id inside an old statement's span)
//!   picks up the other side's changes to the statement it was split from,
//!   so a split on one branch and a tag on the other merge cleanly.
//! - Splits and merges that collide (overlapping statements, a statement
//!   one side merged away while the other annotated it) become one
//!   segmentation item; the text region keeps our side's statements until
//!   it is settled.
//!
//! The result always passes [`Project::validate`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::agree::adjudicate::{speech_value, tag_value};
use crate::agree::{AgreeError, Choice, ItemKind, OpenItem};
use crate::model::{Evidence, Project, ProjectMeta, Statement, StatementId};

/// What a merge produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// The merged project.
    pub project: Project,
    /// How many new open items the merge opened (0: a clean merge).
    pub opened: usize,
}

/// Three-way merge of one value: `Err` when both sides changed it
/// differently.
fn merge3<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Result<T, ()> {
    if ours == theirs || theirs == base {
        Ok(ours.clone())
    } else if ours == base {
        Ok(theirs.clone())
    } else {
        Err(())
    }
}

/// Notes merge as text unions: if both sides only appended to the
/// ancestor's note, both additions are kept in order; otherwise both notes
/// are kept, one after the other.
fn merge_note(base: &str, ours: &str, theirs: &str) -> String {
    if let Ok(note) = merge3(&base, &ours, &theirs) {
        return note.to_owned();
    }
    if ours.contains(theirs) {
        return ours.to_owned();
    }
    if theirs.contains(ours) {
        return theirs.to_owned();
    }
    match (ours.strip_prefix(base), theirs.strip_prefix(base)) {
        (Some(a), Some(b)) if !base.is_empty() => format!("{base}{a}{b}"),
        _ => format!("{ours}\n\n{theirs}"),
    }
}

/// Evidence as a set: ours, plus what theirs added, minus what theirs
/// removed.
fn merge_evidence(base: &[Evidence], ours: &[Evidence], theirs: &[Evidence]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = ours
        .iter()
        .filter(|e| !base.contains(e) || theirs.contains(e))
        .cloned()
        .collect();
    for e in theirs {
        if !out.contains(e) && !base.contains(e) {
            out.push(e.clone());
        }
    }
    out
}

/// The two sides' names in items.
struct Labels<'a> {
    ours: &'a str,
    theirs: &'a str,
}

/// Merges the annotations of one statement (`ours` supplies id and span);
/// conflicting fields keep `base`'s value and are reported as items.
fn merge_fields(
    base: &Statement,
    ours: &Statement,
    theirs: &Statement,
    labels: &Labels<'_>,
    items: &mut Vec<OpenItem>,
) -> Statement {
    let mut out = ours.clone();
    let mut open = |kind: ItemKind, value: &dyn Fn(&Statement) -> String| {
        items.push(OpenItem {
            ids: vec![ours.id],
            kind,
            choices: vec![
                Choice {
                    reviewer: labels.ours.to_owned(),
                    value: value(ours),
                    statements: vec![ours.clone()],
                },
                Choice {
                    reviewer: labels.theirs.to_owned(),
                    value: value(theirs),
                    statements: vec![theirs.clone()],
                },
            ],
            settled: false,
            resolution: String::new(),
        });
    };
    match merge3(&base.tag, &ours.tag, &theirs.tag) {
        Ok(tag) => {
            out.tag = tag;
            // Who tagged it and whether the tag came from a suggestion go
            // with the tag.
            (out.tagged_by, out.accepted) = if tag == ours.tag {
                (ours.tagged_by.clone(), ours.accepted.clone())
            } else {
                (theirs.tagged_by.clone(), theirs.accepted.clone())
            };
        }
        Err(()) => {
            out.tag = base.tag;
            out.tagged_by = base.tagged_by.clone();
            out.accepted = base.accepted.clone();
            open(ItemKind::Tag, &|s| tag_value(s.tag));
        }
    }
    match merge3(&base.verdict, &ours.verdict, &theirs.verdict) {
        Ok(v) => out.verdict = v,
        Err(()) => {
            out.verdict = base.verdict.clone();
            open(ItemKind::Verdict, &|s| {
                s.verdict.clone().unwrap_or_default()
            });
        }
    }
    match merge3(&base.source, &ours.source, &theirs.source) {
        Ok(v) => out.source = v,
        Err(()) => {
            out.source = base.source.clone();
            open(ItemKind::Source, &|s| s.source.clone());
        }
    }
    match merge3(&base.cue, &ours.cue, &theirs.cue) {
        Ok(v) => out.cue = v,
        Err(()) => {
            out.cue = base.cue.clone();
            open(ItemKind::Field("cue".to_owned()), &|s| s.cue.clone());
        }
    }
    match merge3(&base.explanation, &ours.explanation, &theirs.explanation) {
        Ok(v) => out.explanation = v,
        Err(()) => {
            out.explanation = base.explanation.clone();
            open(ItemKind::Field("explanation".to_owned()), &|s| {
                s.explanation.clone()
            });
        }
    }
    match merge3(
        &base.claim_reviewed,
        &ours.claim_reviewed,
        &theirs.claim_reviewed,
    ) {
        Ok(v) => out.claim_reviewed = v,
        Err(()) => {
            out.claim_reviewed = base.claim_reviewed.clone();
            open(ItemKind::Field("claim as published".to_owned()), &|s| {
                s.claim_reviewed.clone()
            });
        }
    }
    match merge3(&base.speech, &ours.speech, &theirs.speech) {
        Ok(v) => out.speech = v,
        Err(()) => {
            out.speech = base.speech;
            open(ItemKind::Field("speech".to_owned()), &|s| {
                speech_value(s.speech)
            });
        }
    }
    out.follow_up =
        merge3(&base.follow_up, &ours.follow_up, &theirs.follow_up).unwrap_or(base.follow_up);
    out.note = merge_note(&base.note, &ours.note, &theirs.note);
    out.evidence = merge_evidence(&base.evidence, &ours.evidence, &theirs.evidence);
    out.modified = match merge3(&base.modified, &ours.modified, &theirs.modified) {
        Ok(m) => m,
        Err(()) => ours.modified.clone().max(theirs.modified.clone()),
    };
    out
}

/// A statement on its way into the merged project, with the field items
/// it would open if it survives the segmentation check.
struct Candidate {
    statement: Statement,
    items: Vec<OpenItem>,
}

/// The base statement whose span contains `range`, if any: the statement
/// a split made `range` from.
fn parent<'a>(base: &'a Project, range: &Range<usize>) -> Option<&'a Statement> {
    let after = base
        .statements
        .partition_point(|s| s.range.start <= range.start);
    let s = base.statements.get(after.checked_sub(1)?)?;
    (s.range.start <= range.start && range.end <= s.range.end).then_some(s)
}

fn by_id(project: &Project) -> HashMap<StatementId, &Statement> {
    project.statements.iter().map(|s| (s.id, s)).collect()
}

/// Merges `ours` and `theirs` against their common ancestor `base`.
/// `labels` name the two sides in open items (reviewer names, or "ours"
/// and "theirs").
pub fn merge(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    labels: (&str, &str),
) -> Result<MergeOutcome, AgreeError> {
    for (name, other) in [("base", base), (labels.1, theirs)] {
        if other.article.text_hash != ours.article.text_hash
            || other.article.text != ours.article.text
        {
            return Err(AgreeError::DifferentArticles {
                first: labels.0.to_owned(),
                second: name.to_owned(),
            });
        }
    }
    let labels = Labels {
        ours: labels.0,
        theirs: labels.1,
    };
    let base_ids = by_id(base);
    let ours_ids = by_id(ours);
    let theirs_ids = by_id(theirs);
    let mut next_id = base.next_id.max(ours.next_id).max(theirs.next_id);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut conflicts: Vec<Range<usize>> = Vec::new();

    for o in &ours.statements {
        let mut items = Vec::new();
        let statement = match (base_ids.get(&o.id), theirs_ids.get(&o.id)) {
            (Some(b), Some(t)) => {
                let mut s = merge_fields(b, o, t, &labels, &mut items);
                match merge3(&b.range, &o.range, &t.range) {
                    Ok(range) => s.range = range,
                    Err(()) => conflicts.push(cover(&o.range, &t.range)),
                }
                s
            }
            (Some(b), None) => {
                // Theirs merged it away; fine unless ours changed it.
                if *o == **b {
                    continue;
                }
                conflicts.push(cover(&o.range, &b.range));
                o.clone()
            }
            (None, Some(t)) if t.range == o.range => {
                let empty = Statement::new(o.id, o.range.clone());
                let b = parent(base, &o.range).unwrap_or(&empty);
                merge_fields(b, o, t, &labels, &mut items)
            }
            (None, Some(t)) => {
                // Both sides made a statement with this id, over different
                // text: theirs gets a new id; overlaps are caught below.
                let mut moved = (*t).clone();
                moved.id = StatementId(next_id);
                next_id += 1;
                candidates.push(Candidate {
                    statement: moved,
                    items: Vec::new(),
                });
                o.clone()
            }
            (None, None) => match parent(base, &o.range) {
                Some(b) => match theirs_ids.get(&b.id) {
                    Some(t) => {
                        let mut s = merge_fields(b, o, t, &labels, &mut items);
                        s.id = o.id;
                        s.range = o.range.clone();
                        s
                    }
                    None => o.clone(),
                },
                None => o.clone(),
            },
        };
        candidates.push(Candidate { statement, items });
    }
    for t in &theirs.statements {
        if ours_ids.contains_key(&t.id) {
            continue;
        }
        let mut items = Vec::new();
        let statement = match base_ids.get(&t.id) {
            Some(b) => {
                if *t == **b {
                    continue;
                }
                conflicts.push(cover(&t.range, &b.range));
                (*t).clone()
            }
            None => match parent(base, &t.range) {
                Some(b) => match ours_ids.get(&b.id) {
                    Some(o) => {
                        let mut s = merge_fields(b, o, t, &labels, &mut items);
                        s.id = t.id;
                        s.range = t.range.clone();
                        s
                    }
                    None => (*t).clone(),
                },
                None => (*t).clone(),
            },
        };
        candidates.push(Candidate { statement, items });
    }
    candidates.sort_by_key(|c| (c.statement.range.start, c.statement.range.end));

    // Overlapping candidates are colliding splits or merges.
    for pair in candidates.windows(2) {
        if let [a, b] = pair
            && b.statement.range.start < a.statement.range.end
        {
            conflicts.push(cover(&a.statement.range, &b.statement.range));
        }
    }
    let regions = close_regions(conflicts, &[ours, theirs]);

    let mut statements = Vec::with_capacity(candidates.len());
    let mut items: Vec<OpenItem> = Vec::new();
    let mut region_done: HashSet<usize> = HashSet::new();
    for candidate in candidates {
        let range = &candidate.statement.range;
        let hit = Some(regions.partition_point(|r| r.end <= range.start))
            .filter(|&r| regions.get(r).is_some_and(|r| r.start < range.end));
        match hit {
            None => {
                items.extend(candidate.items);
                statements.push(candidate.statement);
            }
            Some(r) => {
                if region_done.insert(r)
                    && let Some(region) = regions.get(r)
                {
                    let inside = |p: &Project| -> Vec<Statement> {
                        let first = p
                            .statements
                            .partition_point(|s| s.range.end <= region.start);
                        p.statements
                            .get(first..)
                            .unwrap_or_default()
                            .iter()
                            .take_while(|s| s.range.start < region.end)
                            .cloned()
                            .collect()
                    };
                    let mine = inside(ours);
                    let spans = |list: &[Statement], p: &Project| {
                        list.iter()
                            .map(|s| format!("{:?}", p.text_of(s)))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    let theirs_list = inside(theirs);
                    items.push(OpenItem {
                        ids: mine.iter().map(|s| s.id).collect(),
                        kind: ItemKind::Segmentation,
                        choices: vec![
                            Choice {
                                reviewer: labels.ours.to_owned(),
                                value: spans(&mine, ours),
                                statements: mine.clone(),
                            },
                            Choice {
                                reviewer: labels.theirs.to_owned(),
                                value: spans(&theirs_list, theirs),
                                statements: theirs_list,
                            },
                        ],
                        settled: false,
                        resolution: String::new(),
                    });
                    statements.extend(mine);
                }
            }
        }
    }
    statements.sort_by_key(|s| s.range.start);

    let (header_title, meta, header_items) = merge_header(base, ours, theirs, &labels);
    let opened = items.len() + header_items.len();
    let mut open_items = merge_items(&ours.open_items, &theirs.open_items);
    open_items.extend(header_items);
    open_items.extend(items);

    let mut article = ours.article.clone();
    article.title = header_title;
    let project = Project {
        article,
        meta,
        scale: merge3(&base.scale, &ours.scale, &theirs.scale)
            .unwrap_or_else(|()| ours.scale.clone()),
        statements,
        next_id,
        open_items,
        // Orphans of either side are kept (never dropped); one orphaned on
        // both sides is kept once.
        orphans: {
            let mut orphans = ours.orphans.clone();
            for orphan in &theirs.orphans {
                if !orphans
                    .iter()
                    .any(|o| o.statement.id == orphan.statement.id)
                {
                    orphans.push(orphan.clone());
                }
            }
            orphans
        },
        versions: ours.versions.clone(),
    };
    project.validate()?;
    Ok(MergeOutcome { project, opened })
}

/// The smallest range covering both.
fn cover(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

/// Grows each conflict region until no statement of either side straddles
/// its edge, and joins regions that touch.
fn close_regions(mut regions: Vec<Range<usize>>, sides: &[&Project]) -> Vec<Range<usize>> {
    if regions.is_empty() {
        return regions;
    }
    loop {
        let mut grew = false;
        for region in &mut regions {
            for side in sides {
                let first = side
                    .statements
                    .partition_point(|s| s.range.end <= region.start);
                for s in side.statements.get(first..).unwrap_or_default() {
                    if s.range.start >= region.end {
                        break;
                    }
                    {
                        let wider = cover(region, &s.range);
                        if wider != *region {
                            *region = wider;
                            grew = true;
                        }
                    }
                }
            }
        }
        regions.sort_by_key(|r| r.start);
        let mut joined: Vec<Range<usize>> = Vec::with_capacity(regions.len());
        for r in regions {
            match joined.last_mut() {
                Some(last) if r.start < last.end => {
                    last.end = last.end.max(r.end);
                    grew = true;
                }
                _ => joined.push(r),
            }
        }
        regions = joined;
        if !grew {
            return regions;
        }
    }
}

/// Title and metadata, field by field; conflicts keep the ancestor's value
/// and become project items.
fn merge_header(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    labels: &Labels<'_>,
) -> (String, ProjectMeta, Vec<OpenItem>) {
    let mut items = Vec::new();
    let mut field = |name: &str, b: &String, o: &String, t: &String| -> String {
        merge3(b, o, t).unwrap_or_else(|()| {
            items.push(OpenItem {
                ids: Vec::new(),
                kind: ItemKind::Field(name.to_owned()),
                choices: vec![
                    Choice {
                        reviewer: labels.ours.to_owned(),
                        value: o.clone(),
                        statements: Vec::new(),
                    },
                    Choice {
                        reviewer: labels.theirs.to_owned(),
                        value: t.clone(),
                        statements: Vec::new(),
                    },
                ],
                settled: false,
                resolution: String::new(),
            });
            b.clone()
        })
    };
    let title = field(
        "title",
        &base.article.title,
        &ours.article.title,
        &theirs.article.title,
    );
    let (b, o, t) = (&base.meta, &ours.meta, &theirs.meta);
    let meta = ProjectMeta {
        reviewer: field("reviewer", &b.reviewer, &o.reviewer, &t.reviewer),
        fact_check_url: field(
            "fact-check URL",
            &b.fact_check_url,
            &o.fact_check_url,
            &t.fact_check_url,
        ),
        organisation: field(
            "organisation",
            &b.organisation,
            &o.organisation,
            &t.organisation,
        ),
        publication: field(
            "publication",
            &b.publication,
            &o.publication,
            &t.publication,
        ),
        article_url: field(
            "article_url",
            &b.article_url,
            &o.article_url,
            &t.article_url,
        ),
        published: field("published", &b.published, &o.published, &t.published),
        language: field("language", &b.language, &o.language, &t.language),
        adjudicator: field(
            "adjudicator",
            &b.adjudicator,
            &o.adjudicator,
            &t.adjudicator,
        ),
        byline: field("byline", &b.byline, &o.byline, &t.byline),
        // Where the text came from is fixed at import; both sides share
        // the article text (a different text is refused), so ours stands.
        provenance: o.provenance.clone(),
    };
    (title, meta, items)
}

/// Items already in the files: ours, then theirs' that ours lacks; an item
/// settled on either side is settled.
fn merge_items(ours: &[OpenItem], theirs: &[OpenItem]) -> Vec<OpenItem> {
    let mut out = ours.to_vec();
    for t in theirs {
        let same = out
            .iter_mut()
            .find(|o| o.ids == t.ids && o.kind == t.kind && o.choices == t.choices);
        match same {
            Some(o) => {
                if t.settled && !o.settled {
                    o.settled = true;
                    o.resolution.clone_from(&t.resolution);
                }
            }
            None => out.push(t.clone()),
        }
    }
    out
}
