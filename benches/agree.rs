//! Reviewer-desk speed goals: agreement on 100,000 statements × 3
//! reviewers (≤ 50 ms) and the merge driver's work on a 10,000-statement
//! project (≤ 100 ms: parse three files, merge, write).

use std::hint::black_box;
use std::path::Path;

use claimdesk::agree::{blind_copy, compare, merge};
use claimdesk::model::{Project, Tag};
use claimdesk::project_file;
use criterion::{Criterion, criterion_group, criterion_main};

fn reviewer(base: &Project, name: &str, seed: u64) -> Project {
    let mut p = blind_copy(base, name);
    let mut state = seed;
    for s in &mut p.statements {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let roll = (state >> 33) % 10;
        s.tag = match roll {
            0..=4 => Some(Tag::Fact),
            5..=6 => Some(Tag::Attribution),
            7..=8 => Some(Tag::Opinion),
            _ => None,
        };
        if roll < 4 {
            s.verdict = Some("Mostly true".to_owned());
        }
    }
    p
}

fn agreement(c: &mut Criterion) {
    let base = claimdesk::testing::project(100_000, 1);
    let reviewers: Vec<(String, Project)> = ["Ann", "Ben", "Cleo"]
        .iter()
        .zip(1..)
        .map(|(name, seed)| ((*name).to_owned(), reviewer(&base, name, seed)))
        .collect();
    c.bench_function("agree_100k_statements_3_reviewers", |b| {
        b.iter(|| compare(black_box(&reviewers)).map(|a| a.alpha_nominal))
    });
}

fn merge_driver(c: &mut Criterion) {
    let base = claimdesk::testing::project(10_000, 2);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for (i, s) in ours
        .statements
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 7 == 0)
    {
        s.tag = Some(Tag::ALL[i % 3]);
    }
    for (i, s) in theirs
        .statements
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 5 == 1)
    {
        s.note = format!("checked {i}");
    }
    // A handful of real conflicts too.
    for i in [10, 500, 9_000] {
        if let (Some(a), Some(b)) = (ours.statements.get_mut(i), theirs.statements.get_mut(i)) {
            a.tag = Some(Tag::Fact);
            b.tag = Some(Tag::Opinion);
        }
    }
    let texts: Vec<String> = [&base, &ours, &theirs]
        .iter()
        .map(|p| project_file::to_string(p).unwrap_or_default())
        .collect();
    // The driver's own code path (parse the three files in parallel, merge,
    // write the text), minus reading and renaming files.
    c.bench_function("merge_driver_10k_statements", |b| {
        b.iter(|| {
            let versions = [0, 1, 2].map(|i| texts[i].clone().into_bytes());
            claimdesk::cli::merge_texts(versions, "p.claims.ron").map_or(0, |(text, _)| text.len())
        })
    });
    let parsed: Vec<Project> = texts
        .iter()
        .filter_map(|t| project_file::from_str(t, Path::new("p")).ok())
        .collect();
    if let [b0, o, t] = parsed.as_slice() {
        c.bench_function("merge_only_10k_statements", |b| {
            b.iter(|| merge(black_box(b0), o, t, ("ours", "theirs")).map(|m| m.opened))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = agreement, merge_driver
}
criterion_main!(benches);
