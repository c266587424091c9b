//! Unit tests of planning and applying updates on small articles.

use std::sync::Arc;

use super::*;
use crate::model::{Evidence, Tag};

const NOW: &str = "2026-11-03T09:00:00Z";

fn project(text: &str) -> Project {
    let text: Arc<str> = Arc::from(text);
    let ranges = segment::segment(&text, Language::English);
    let mut p = Project::new(
        Article::new("Story", Some("v1.txt".into()), text),
        ranges,
        "en",
    );
    for (i, s) in p.statements.iter_mut().enumerate() {
        s.tag = Some(Tag::Fact);
        s.note = format!("note {i}");
    }
    p
}

fn status_of(plan: &UpdatePlan, id: u64) -> UpdateStatus {
    plan.entries
        .iter()
        .find(|e| e.id == StatementId(id))
        .map(|e| e.status)
        .unwrap()
}

fn new_quote<'a>(plan: &UpdatePlan, text: &'a str, id: u64) -> Option<&'a str> {
    let entry = plan.entries.iter().find(|e| e.id == StatementId(id))?;
    text.get(entry.new_range.clone()?)
}

const V1: &str = "Council approves tram line\n\nThe council approved a 412 million euro tram line on Tuesday. \"It is a good day,\" the mayor said. Opponents called the plan reckless.\n\nConstruction starts in 2027. The line will have 14 stops.\n\nRecap: The council approved a 412 million euro tram line on Tuesday.";

#[test]
fn the_same_version_again_changes_nothing() {
    let old = project(V1);
    let updated = update(&old, import_text(V1), NOW).unwrap();
    assert!(
        updated
            .plan
            .entries
            .iter()
            .all(|e| e.status == UpdateStatus::Unchanged),
        "{:?}",
        updated.plan.entries
    );
    assert!(updated.plan.new_ranges.is_empty());
    let p = &updated.project;
    assert_eq!(p.statements, old.statements, "same spans, nothing marked");
    assert!(p.orphans.is_empty());
    assert_eq!(p.versions.len(), 2, "original and this one");
    assert_eq!(p.versions[1].counts.unchanged, old.statements.len());
    p.validate().unwrap();
}

fn import_text(text: &str) -> ImportedArticle {
    ImportedArticle {
        title: "New".into(),
        text: text.into(),
        source_path: Some("v2.txt".into()),
        notices: Vec::new(),
    }
}

#[test]
fn each_kind_of_change_gets_its_status() {
    let old = project(V1);
    // Statement ids in V1: 1 headline, 2 approved, 3 quote, 4 opponents,
    // 5 construction, 6 stops, 7 recap.
    let v2 = "Council approves tram line\n\nConstruction starts in 2028. The line will have 14 stops.\n\nThe council approved a 412 million euro tram line on Tuesday. \u{201C}It is a good day,\u{201D} the mayor said. Update, 3 Nov: the vote was 7 to 4.\n\nRecap: The council approved a 412 million euro tram line on Tuesday.";
    let plan = plan_update(&old, v2);
    assert_eq!(status_of(&plan, 1), UpdateStatus::Unchanged);
    assert_eq!(status_of(&plan, 3), UpdateStatus::Edited, "restyled quotes");
    assert_eq!(
        new_quote(&plan, v2, 3),
        Some("\u{201C}It is a good day,\u{201D} the mayor said.")
    );
    assert_eq!(status_of(&plan, 4), UpdateStatus::Orphaned, "deleted");
    assert_eq!(status_of(&plan, 5), UpdateStatus::Edited, "2027 -> 2028");
    assert_eq!(
        new_quote(&plan, v2, 5),
        Some("Construction starts in 2028.")
    );
    assert!(
        matches!(
            status_of(&plan, 6),
            UpdateStatus::Moved | UpdateStatus::Unchanged
        ),
        "{:?}",
        plan.entries[5]
    );
    assert_eq!(
        new_quote(&plan, v2, 6),
        Some("The line will have 14 stops.")
    );
    // The sentence and its recap copy each stay on their own copy.
    let first = plan.entries[1].new_range.clone().unwrap();
    let recap = plan.entries[6].new_range.clone().unwrap();
    assert!(first.start < v2.find("Update").unwrap());
    assert_eq!(recap.start, v2.find("Recap").unwrap());
    assert_eq!(plan.new_ranges.len(), 1);
    assert_eq!(
        &v2[plan.new_ranges[0].clone()],
        "Update, 3 Nov: the vote was 7 to 4."
    );

    let project = apply_update(
        &old,
        Article::new("Story", None, Arc::from(v2)),
        &plan,
        "v2.txt",
        NOW,
    );
    project.validate().unwrap();
    assert_eq!(project.orphans.len(), 1);
    assert_eq!(
        project.orphans[0].quote,
        "Opponents called the plan reckless."
    );
    assert_eq!(project.orphans[0].statement.note, "note 3");
    let five = project.statement(StatementId(5)).unwrap();
    assert_eq!(
        five.review,
        Some(ReviewMark::NeedsConfirm {
            status: UpdateStatus::Edited,
            old_quote: "Construction starts in 2027.".into()
        })
    );
    assert_eq!(five.note, "note 4", "annotations travel with the statement");
    let new = project
        .statements
        .iter()
        .find(|s| s.id == StatementId(8))
        .unwrap();
    assert_eq!(new.review, Some(ReviewMark::NewInVersion));
    assert_eq!(new.tag, None);
    assert_eq!(project.next_id, 9);
    let starts: Vec<usize> = project.statements.iter().map(|s| s.range.start).collect();
    assert!(starts.is_sorted());
    let counts = project.versions[1].counts;
    assert_eq!((counts.orphaned, counts.new_statements), (1, 1));
    assert_eq!(project.versions[1].source.as_deref(), Some("v2.txt"));
    assert_eq!(project.versions[0].text_hash, old.article.text_hash);
}

#[test]
fn a_completely_different_article_orphans_everything_and_loses_nothing() {
    let old = project(V1);
    let other = "Storm closes harbour\n\nHigh winds closed the harbour for two days. Fishing boats stayed in port.";
    let updated = update(&old, import_text(other), NOW).unwrap();
    assert!(
        updated
            .plan
            .entries
            .iter()
            .all(|e| e.status == UpdateStatus::Orphaned),
        "{:?}",
        updated.plan.entries
    );
    let p = &updated.project;
    assert_eq!(p.orphans.len(), old.statements.len());
    for (orphan, before) in p.orphans.iter().zip(&old.statements) {
        assert_eq!(orphan.statement, *before, "every annotation kept");
        assert_eq!(orphan.quote, old.text_of(before));
    }
    assert_eq!(p.statements.len(), 3, "the new text, segmented");
    assert!(
        p.statements
            .iter()
            .all(|s| s.review == Some(ReviewMark::NewInVersion))
    );
    p.validate().unwrap();
}

#[test]
fn an_empty_version_is_refused_and_a_huge_one_works() {
    let old = project(V1);
    assert_eq!(
        update(&old, import_text(" \n "), NOW),
        Err(UpdateError::Empty("v2.txt".into()))
    );
    let huge = format!(
        "{V1}\n\n{}",
        "Filler sentence number one. Another filler line here.\n\n".repeat(900)
    );
    assert!(huge.len() > 100 * V1.len());
    let updated = update(&old, import_text(&huge), NOW).unwrap();
    assert!(
        updated
            .plan
            .entries
            .iter()
            .all(|e| e.status == UpdateStatus::Unchanged)
    );
    assert_eq!(updated.plan.new_ranges.len(), 1800);
    updated.project.validate().unwrap();
}

#[test]
fn a_pending_confirmation_survives_the_next_update() {
    let old = project(V1);
    let v2 = V1.replace("2027", "2028");
    let v3 = v2.replace("14 stops", "15 stops");
    let second = update(&old, import_text(&v2), NOW).unwrap().project;
    let third = update(&second, import_text(&v3), NOW).unwrap().project;
    let five = third.statement(StatementId(5)).unwrap();
    assert_eq!(
        five.review,
        Some(ReviewMark::NeedsConfirm {
            status: UpdateStatus::Edited,
            old_quote: "Construction starts in 2027.".into()
        }),
        "unchanged now, but never confirmed"
    );
    assert_eq!(third.versions.len(), 3);
}

#[test]
fn review_decisions_keep_every_annotation() {
    let mut old = project(V1);
    old.statements[3].evidence.push(Evidence {
        url: "https://example.org/plan".into(),
        title: "Plan".into(),
        note: String::new(),
    });
    let v2 = V1
        .replace("Opponents called the plan reckless.", "")
        .replace("2027", "2028");
    let p = update(&old, import_text(&v2), NOW).unwrap().project;
    assert_eq!(
        review_queue(&p),
        vec![
            ReviewItem::Confirm(StatementId(5)),
            ReviewItem::Orphan(StatementId(4))
        ]
    );

    let confirmed = confirm_placement(&p, StatementId(5), NOW).unwrap();
    assert_eq!(confirmed.statement(StatementId(5)).unwrap().review, None);
    assert_eq!(
        review_queue(&confirmed),
        vec![ReviewItem::Orphan(StatementId(4))]
    );

    // Re-attach the orphan to half of an unannotated new statement.
    let mut with_new = confirmed.clone();
    let target = with_new
        .statements
        .iter()
        .position(|s| s.id == StatementId(6))
        .unwrap();
    with_new.statements[target].tag = None;
    with_new.statements[target].note.clear();
    let range = with_new.statements[target].range.clone();
    let cut = range.start + "The line will have".len();
    let back = reattach_orphan(&with_new, StatementId(4), range.start..cut, NOW).unwrap();
    back.validate().unwrap();
    let attached = back.statement(StatementId(4)).unwrap();
    assert_eq!(back.text_of(attached), "The line will have");
    assert_eq!(attached.evidence.len(), 1);
    assert!(back.orphans.is_empty());
    let rest = back.statement(StatementId(6)).unwrap();
    assert_eq!(back.text_of(rest), "14 stops.");

    // An annotated statement refuses the selection.
    let refused = reattach_orphan(&confirmed, StatementId(4), range.clone(), NOW);
    assert_eq!(refused, Err(ReviewError::CoversAnnotated(StatementId(6))));
    assert_eq!(
        reattach_orphan(&confirmed, StatementId(4), range.start..range.start, NOW),
        Err(ReviewError::BadRange {
            start: range.start,
            end: range.start
        })
    );

    // Orphaning a placement keeps its annotations and leaves its text covered.
    let orphaned = orphan_placement(&p, StatementId(5), NOW).unwrap();
    orphaned.validate().unwrap();
    let orphan = orphaned
        .orphans
        .iter()
        .find(|o| o.statement.id == StatementId(5))
        .unwrap();
    assert_eq!(orphan.quote, "Construction starts in 2027.");
    assert_eq!(orphan.statement.note, "note 4");
    let fresh = orphaned
        .statements
        .iter()
        .find(|s| orphaned.text_of(s) == "Construction starts in 2028.")
        .unwrap();
    assert_eq!(fresh.tag, None);

    let discarded = discard_orphan(&p, StatementId(4)).unwrap();
    assert!(discarded.orphans.is_empty());
    assert_eq!(
        discard_orphan(&p, StatementId(99)),
        Err(ReviewError::UnknownOrphan(StatementId(99)))
    );
}

#[test]
fn a_stale_plan_is_made_afresh() {
    let old = project(V1);
    let v2 = V1.replace("2027", "2028");
    let plan_for_other_text = plan_update(&old, "Something else entirely. Nothing matches.");
    let project = apply_update(
        &old,
        Article::new("Story", None, Arc::from(v2.as_str())),
        &plan_for_other_text,
        "",
        NOW,
    );
    project.validate().unwrap();
    assert!(project.orphans.is_empty());
    assert_eq!(project.versions[1].source, None);
}

#[test]
fn orphans_and_versions_round_trip_through_the_project_file() {
    let old = project(V1);
    let v2 = V1
        .replace(" Opponents called the plan reckless.", "")
        .replace("2027", "2028");
    let p = update(&old, import_text(&v2), NOW).unwrap().project;
    assert_eq!(p.orphans.len(), 1);
    let text = crate::project_file::to_string(&p).unwrap();
    let back = crate::project_file::from_str(&text, std::path::Path::new("p")).unwrap();
    assert_eq!(back, p);
    assert!(text.contains("review: Some(NeedsConfirm("), "{text}");
    // A file without any of it is byte-for-byte what it was.
    let plain = crate::project_file::to_string(&old).unwrap();
    assert!(
        !plain.contains("orphans") && !plain.contains("versions") && !plain.contains("review:")
    );
}

#[test]
fn orphan_ids_are_validated() {
    let old = project(V1);
    let v2 = V1.replace(" Opponents called the plan reckless.", "");
    let mut p = update(&old, import_text(&v2), NOW).unwrap().project;
    p.validate().unwrap();
    p.orphans[0].statement.id = StatementId(1);
    assert_eq!(
        p.validate(),
        Err(crate::model::ModelError::OrphanIdInUse { id: StatementId(1) })
    );
}
