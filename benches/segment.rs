//! Throughput of `claimdesk::segment` (goal: at least 100 MB/s).
//!
//! Input: `$SEGMENT_BENCH_INPUT` if set, else `../shared/segmentation/corpus.txt`
//! next to the repository (5.3 MB of newswire and novels), else a few MB of
//! news-like text generated deterministically here (the run says which;
//! `SEGMENT_BENCH_GENERATED=1` forces the generated text).
//!
//! Before the criterion groups a plain timing loop prints one line,
//! `segment: english <MB/s> MB/s median of <n> runs on <bytes> bytes`, which
//! `benches/pysbd_compare.py` parses. With `SEGMENT_BENCH_PLAIN_ONLY=1` only
//! that line is produced (quick, and quieter for side-by-side comparisons).

use std::hint::black_box;
use std::time::Instant;

use claimdesk::segment::{Language, segment, segment_into};
use criterion::{Criterion, Throughput, criterion_group};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/segmentation/corpus.txt"
);

fn load_input() -> (String, String) {
    if std::env::var_os("SEGMENT_BENCH_GENERATED").is_some() {
        let text = generate(4 << 20);
        return (
            text,
            "generated news-like text (SEGMENT_BENCH_GENERATED)".to_owned(),
        );
    }
    if let Ok(path) = std::env::var("SEGMENT_BENCH_INPUT") {
        match std::fs::read_to_string(&path) {
            Ok(text) => return (text, path),
            Err(e) => eprintln!("segment bench: cannot read SEGMENT_BENCH_INPUT={path}: {e}"),
        }
    }
    match std::fs::read_to_string(CORPUS) {
        Ok(text) => (text, CORPUS.to_owned()),
        Err(_) => {
            let text = generate(4 << 20);
            eprintln!(
                "segment bench: {CORPUS} not found; using {} bytes of generated news-like text",
                text.len()
            );
            (text, "generated news-like text".to_owned())
        }
    }
}

/// Deterministic news-like prose: datelines, titles, abbreviations, quotes,
/// numbers, headlines and blank lines, from a fixed-seed generator.
fn generate(target: usize) -> String {
    const SUBJECTS: &[&str] = &[
        "Sen. Maria Alvarez (D-N.M.)",
        "The ministry",
        "Gov. Tom Reyes",
        "Acme Co.",
        "Dr. Lena Ortiz",
        "Officials in the U.S.",
        "The committee",
        "Prof. Ian Webb",
    ];
    const VERBS: &[&str] = &[
        "said",
        "warned",
        "announced",
        "denied",
        "confirmed",
        "estimated",
    ];
    const OBJECTS: &[&str] = &[
        "that revenue rose 4.5% to $3.2 billion",
        "that the vote was moved to Nov. 21",
        "the plan at 4 p.m. on Tuesday",
        "that the figures were published at https://example.org/data.html",
        "that about 12,000 people had signed the petition",
        "a delay of three weeks",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    };
    let mut out = String::with_capacity(target + 256);
    while out.len() < target {
        out.push_str("Council Weighs New Water Rules\nBRUSSELS (AP) — ");
        for _ in 0..(3 + next(5)) {
            let s = SUBJECTS[next(SUBJECTS.len())];
            let v = VERBS[next(VERBS.len())];
            let o = OBJECTS[next(OBJECTS.len())];
            match next(4) {
                0 => out.push_str(&format!("“We will not back down. {s} {v} {o},” she said. ")),
                1 => out.push_str(&format!("Is it true that {s} {v} {o}? ")),
                _ => out.push_str(&format!("{s} {v} {o}. ")),
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// Median MB/s of `runs` plain runs over `text`.
fn plain_mb_per_s(text: &str, language: Language, runs: usize) -> f64 {
    let mut out = Vec::new();
    let mut secs: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            segment_into(black_box(text), language, &mut out);
            black_box(&out);
            start.elapsed().as_secs_f64()
        })
        .collect();
    secs.sort_by(f64::total_cmp);
    let median = secs.get(secs.len() / 2).copied().unwrap_or(f64::INFINITY);
    text.len() as f64 / median / 1e6
}

fn bench_segment(c: &mut Criterion) {
    let (text, source) = load_input();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    eprintln!("segment bench input: {source} ({} bytes)", text.len());
    group.bench_function("english", |b| {
        b.iter(|| segment(black_box(&text), Language::English))
    });
    group.bench_function("generic", |b| {
        b.iter(|| segment(black_box(&text), Language::Generic))
    });
    group.finish();
}

criterion_group!(benches, bench_segment);

fn main() {
    let (text, source) = load_input();
    // Warm up caches and the allocator before timing.
    let statements = segment(&text, Language::English).len();
    let runs = 15;
    let mbs = plain_mb_per_s(&text, Language::English, runs);
    println!(
        "segment: english {mbs:.1} MB/s median of {runs} runs on {} bytes ({statements} statements; {source})",
        text.len()
    );
    if std::env::var_os("SEGMENT_BENCH_PLAIN_ONLY").is_some() {
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
