//! Throughput of the suggester on a large article (goal: at least 20 MB/s,
//! so a 10,000-statement article is suggested within a frame's time off
//! the UI thread).

// Setup reads the crate's own fixtures: if that fails the run should stop.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use claimdesk::segment::{self, Language};
use claimdesk::suggest::suggest_all;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// About 10,000 statements of mixed newsroom copy: the dev fixtures
/// repeated.
fn article() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/suggest/dev");
    let mut paragraphs = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let source = std::fs::read_to_string(path).unwrap();
        let mut paragraph = Vec::new();
        for line in source.lines().filter(|l| !l.starts_with('#')) {
            match line.split_once('\t') {
                Some((_, sentence)) => paragraph.push(sentence.to_owned()),
                None if !paragraph.is_empty() => {
                    paragraphs.push(std::mem::take(&mut paragraph).join(" "))
                }
                None => {}
            }
        }
        if !paragraph.is_empty() {
            paragraphs.push(paragraph.join(" "));
        }
    }
    let one = paragraphs.join("\n\n") + "\n\n";
    let per_copy = segment::segment(&one, Language::English).len().max(1);
    one.repeat(10_000usize.div_ceil(per_copy))
}

fn bench(c: &mut Criterion) {
    let text = article();
    let ranges = segment::segment(&text, Language::English);
    let mut group = c.benchmark_group("suggest");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(
        format!("{} statements, {} bytes", ranges.len(), text.len()),
        |b| b.iter(|| suggest_all(black_box(&text), black_box(&ranges), "en")),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
