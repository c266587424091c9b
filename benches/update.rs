//! How long updating a 10,000-statement project onto an edited version of
//! its article takes (goal: 200 ms).

use std::hint::black_box;
use std::sync::Arc;

use claimdesk::model::Article;
use claimdesk::testing;
use claimdesk::update::mutate::{Doc, EditKind, Lcg};
use claimdesk::update::{apply_update, plan_update};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench_update(c: &mut Criterion) {
    let old = testing::project(10_000, 42);
    let donor: Vec<String> = Doc::parse(&testing::article(300, 7))
        .paragraphs
        .into_iter()
        .flatten()
        .map(|s| s.text)
        .collect();
    let mut doc = Doc::parse(&old.article.text);
    let mut rng = Lcg::new(2026);
    // About a hundred corrections of every kind across the article.
    doc.mutate(EditKind::Mixed, 100, &mut rng, &donor);
    let (new_text, _) = doc.render();
    let new_text: Arc<str> = Arc::from(new_text);
    let plan = plan_update(&old, &new_text);
    eprintln!(
        "{} statements, {} bytes -> {} bytes: {:?}",
        old.statements.len(),
        old.article.text.len(),
        new_text.len(),
        plan.counts()
    );
    c.bench_function("update 10k statements onto an edited version", |b| {
        b.iter(|| {
            let plan = plan_update(black_box(&old), black_box(&new_text));
            let article = Article::new("t", None, new_text.clone());
            black_box(apply_update(
                &old,
                article,
                &plan,
                "v2.txt",
                "2026-01-01T00:00:00Z",
            ))
        })
    });
    let same = old.article.text.clone();
    c.bench_function("update 10k statements onto the same version", |b| {
        b.iter(|| black_box(plan_update(black_box(&old), black_box(&same))))
    });
}

criterion_group!(benches, bench_update);
criterion_main!(benches);
