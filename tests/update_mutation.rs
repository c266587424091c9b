//! The mutation harness: every article in `tests/fixtures/update/` is edited
//! in every way a newsroom edits a published story (fixed seeds), the
//! project is updated onto the new version, and each statement's placement
//! is compared with where its sentence really went.
//!
//! Run with `cargo test --test update_mutation -- --nocapture` for the table.

// Helpers outside #[test] functions may unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use claimdesk::model::{Article, Project, StatementId, Tag, UpdateStatus};
use claimdesk::update::mutate::{Doc, EditKind, Lcg};
use claimdesk::update::{apply_update, plan_update};

const SEEDS: u64 = 5;

#[derive(Default, Clone, Copy)]
struct Tally {
    statements: usize,
    survived: usize,
    right: usize,
    wrong: usize,
    orphaned: usize,
    gone: usize,
    gone_orphaned: usize,
    auto_wrong: usize,
    asked: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.statements += other.statements;
        self.survived += other.survived;
        self.right += other.right;
        self.wrong += other.wrong;
        self.orphaned += other.orphaned;
        self.gone += other.gone;
        self.gone_orphaned += other.gone_orphaned;
        self.auto_wrong += other.auto_wrong;
        self.asked += other.asked;
    }
}

fn articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/update");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// Overlap of two ranges over their union.
fn overlap(a: &Range<usize>, b: &Range<usize>) -> f64 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = a.end.max(b.end) - a.start.min(b.start);
    inter as f64 / union as f64
}

fn project_of(doc: &Doc) -> Project {
    let (text, spans) = doc.render();
    let ranges = spans.into_iter().map(|(_, r)| r).collect();
    let mut project = Project::new(Article::new("t", None, Arc::from(text)), ranges, "en");
    for (i, s) in project.statements.iter_mut().enumerate() {
        s.tag = Some(Tag::ALL[i % 3]);
        s.note = format!("note on statement {i}");
    }
    project
}

#[test]
fn updates_follow_every_kind_of_edit() {
    let articles = articles();
    assert!(articles.len() >= 20, "need at least 20 articles");
    let docs: Vec<Doc> = articles.iter().map(|(_, text)| Doc::parse(text)).collect();
    for (doc, (name, _)) in docs.iter().zip(&articles) {
        let n = doc.sentence_count();
        assert!((10..=40).contains(&n), "{name} has {n} sentences");
    }
    let mut table: BTreeMap<usize, Tally> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    for (a, doc) in docs.iter().enumerate() {
        let donor: Vec<String> = docs
            .iter()
            .enumerate()
            .filter(|(b, _)| *b != a)
            .flat_map(|(_, d)| d.paragraphs.iter().flatten().map(|s| s.text.clone()))
            .collect();
        let old = project_of(doc);
        let originals = doc.sentence_count();
        for (k, &kind) in EditKind::ALL.iter().enumerate() {
            for seed in 0..SEEDS {
                let mut rng = Lcg::new(seed * 1_000 + a as u64 * 37 + k as u64);
                let mut edited = doc.clone();
                edited.mutate(kind, 1 + (seed % 3) as usize, &mut rng, &donor);
                let (new_text, truth) = edited.truth(originals);
                let plan = plan_update(&old, &new_text);
                let tally = table.entry(k).or_default();
                for (entry, truth) in plan.entries.iter().zip(&truth) {
                    tally.statements += 1;
                    if entry.status.needs_confirmation() {
                        tally.asked += 1;
                    }
                    let auto =
                        matches!(entry.status, UpdateStatus::Unchanged | UpdateStatus::Moved);
                    match (truth, &entry.new_range) {
                        (Some(truth), Some(placed)) => {
                            tally.survived += 1;
                            let exact = truth == placed;
                            if exact || (!auto && overlap(truth, placed) >= 0.9) {
                                tally.right += 1;
                            } else {
                                tally.wrong += 1;
                                tally.auto_wrong += usize::from(auto);
                                failures.push(format!(
                                    "{} {} seed {seed}: {:?} {:?} put on {:?}, belongs on {:?}",
                                    articles[a].0,
                                    kind.name(),
                                    entry.status,
                                    entry.old_quote,
                                    &new_text[placed.clone()],
                                    &new_text[truth.clone()],
                                ));
                            }
                        }
                        (Some(truth), None) => {
                            tally.survived += 1;
                            tally.orphaned += 1;
                            failures.push(format!(
                                "{} {} seed {seed}: orphaned {:?}, belongs on {:?}",
                                articles[a].0,
                                kind.name(),
                                entry.old_quote,
                                &new_text[truth.clone()],
                            ));
                        }
                        (None, placed) => {
                            tally.gone += 1;
                            match placed {
                                None => tally.gone_orphaned += 1,
                                Some(placed) => {
                                    tally.auto_wrong += usize::from(auto);
                                    failures.push(format!(
                                        "{} {} seed {seed}: gone {:?} placed ({:?}) on {:?}",
                                        articles[a].0,
                                        kind.name(),
                                        entry.old_quote,
                                        entry.status,
                                        &new_text[placed.clone()],
                                    ));
                                }
                            }
                        }
                    }
                }
                // Nothing lost, invariants kept.
                let updated = apply_update(
                    &old,
                    Article::new("t", None, Arc::from(new_text.as_str())),
                    &plan,
                    "",
                    "2026-01-01T00:00:00Z",
                );
                updated.validate().unwrap();
                let ids: HashSet<StatementId> = updated
                    .statements
                    .iter()
                    .map(|s| s.id)
                    .chain(updated.orphans.iter().map(|o| o.statement.id))
                    .collect();
                for s in &old.statements {
                    assert!(ids.contains(&s.id), "{} lost", s.id);
                }
                let kept_notes = updated
                    .statements
                    .iter()
                    .filter(|s| !s.note.is_empty())
                    .count()
                    + updated.orphans.len();
                assert_eq!(kept_notes, old.statements.len());
            }
        }
    }

    let mut total = Tally::default();
    println!(
        "\n{:<20} {:>6} | {:>8} {:>6} {:>6} {:>8} | {:>5} {:>8} {:>6} | {:>9} {:>6}",
        "edit kind",
        "stmts",
        "survived",
        "right",
        "wrong",
        "orphaned",
        "gone",
        "orphaned",
        "placed",
        "auto-wrong",
        "asked"
    );
    for (k, tally) in &table {
        total.add(tally);
        print_row(EditKind::ALL[*k].name(), tally);
    }
    print_row("all", &total);
    for failure in failures.iter().take(40) {
        println!("  {failure}");
    }

    assert_eq!(
        total.auto_wrong, 0,
        "placed automatically on the wrong text"
    );
    let survived_right = total.right as f64 / total.survived as f64;
    assert!(
        survived_right >= 0.98,
        "only {survived_right:.4} of surviving sentences placed right"
    );
    let gone_orphaned = total.gone_orphaned as f64 / total.gone as f64;
    assert!(
        gone_orphaned >= 0.95,
        "only {gone_orphaned:.4} of gone sentences orphaned"
    );
}

fn print_row(name: &str, t: &Tally) {
    println!(
        "{:<20} {:>6} | {:>8} {:>6} {:>6} {:>8} | {:>5} {:>8} {:>6} | {:>9} {:>6}",
        name,
        t.statements,
        t.survived,
        t.right,
        t.wrong,
        t.orphaned,
        t.gone,
        t.gone_orphaned,
        t.gone - t.gone_orphaned,
        t.auto_wrong,
        t.asked
    );
}
