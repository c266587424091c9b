//! Import speed (issue 11 goals): a 2 MB news page in ≤ 50 ms, a 1 MB
//! `.docx` in ≤ 50 ms, a 50-page PDF in ≤ 1 s. Inputs are generated here
//! from the committed fixtures and the document generators.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

use claimdesk::import::docx::testdoc::{self, Para};
use claimdesk::import::html::HtmlMode;
use claimdesk::import::pdf::{Isolation, PdfOptions, testpdf};
use claimdesk::import::{self, ImportOptions};

#[path = "support/page.rs"]
mod page;
use page::{news_page, words};

fn big_docx() -> Vec<u8> {
    let mut seed = 11;
    let mut paras = vec![Para::Title("A long report".to_owned())];
    let mut doc = testdoc::docx(&paras);
    while doc.len() < 1024 * 1024 {
        for i in 0..500 {
            paras.push(if i % 25 == 0 {
                Para::Heading(words(&mut seed, 6))
            } else if i % 7 == 0 {
                Para::Item(words(&mut seed, 15))
            } else {
                Para::Body(words(&mut seed, 60) + ".")
            });
        }
        doc = testdoc::docx(&paras);
    }
    doc
}

fn fifty_page_pdf() -> Vec<u8> {
    let mut seed = 13;
    let pages: Vec<Vec<String>> = (1..=50)
        .map(|n| {
            let mut lines = vec!["MARLOW COUNTY AUDIT OFFICE".to_owned(), String::new()];
            for i in 0..46 {
                lines.push(if i % 9 == 8 {
                    String::new()
                } else {
                    words(&mut seed, 12)
                });
            }
            lines.push(format!("Page {n} of 50"));
            lines
        })
        .collect();
    testpdf::pdf(&pages)
}

/// CPU time this process has used (all threads, including finished ones:
/// the page is read on a thread of its own), from `/proc/self/stat`.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold
    // spaces: state is field 3, utime 14 and stime 15 (in clock ticks).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports these in USER_HZ, 100 a second on every platform it runs on.
    Some(Duration::from_millis(ticks * 10))
}

/// With `IMPORT_BENCH_CPU=N`, prints the CPU time per call over N calls of
/// each case before criterion runs: on a shared machine the wall clock
/// also measures the neighbours' builds, CPU time much less so.
fn cpu_per_call(label: &str, mut call: impl FnMut()) {
    let Some(n) = std::env::var("IMPORT_BENCH_CPU")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    else {
        return;
    };
    call();
    let (Some(before), wall) = (process_cpu(), std::time::Instant::now()) else {
        return;
    };
    for _ in 0..n {
        call();
    }
    let wall = wall.elapsed() / n;
    if let Some(after) = process_cpu() {
        eprintln!(
            "cpu per call: {label}: {:.1} ms CPU, {:.1} ms wall ({n} calls)",
            (after - before).as_secs_f64() * 1000.0 / f64::from(n),
            wall.as_secs_f64() * 1000.0
        );
    }
}

fn bench(c: &mut Criterion) {
    let page = news_page();
    let docx = big_docx();
    let pdf = fifty_page_pdf();
    eprintln!(
        "inputs: page {} bytes, docx {} bytes, pdf {} bytes (50 pages)",
        page.len(),
        docx.len(),
        pdf.len()
    );
    let thread = ImportOptions {
        pdf: PdfOptions {
            timeout: Duration::from_secs(30),
            isolation: Isolation::Thread,
        },
        ..ImportOptions::default()
    };
    let child = ImportOptions {
        pdf: PdfOptions {
            timeout: Duration::from_secs(30),
            isolation: Isolation::Process(PathBuf::from(env!("CARGO_BIN_EXE_claimdesk"))),
        },
        ..ImportOptions::default()
    };
    let name = Path::new("page.html");
    let full = ImportOptions {
        html_mode: HtmlMode::FullText,
        ..thread.clone()
    };
    cpu_per_call("news page 2 MB, reader view", || {
        import::import_raw(page.clone(), "page.html", Some(name), None, &thread).unwrap();
    });
    cpu_per_call("news page 2 MB, full text", || {
        import::import_raw(page.clone(), "page.html", Some(name), None, &full).unwrap();
    });
    cpu_per_call("docx 1 MB", || {
        import::import_raw(docx.clone(), "a.docx", None, None, &thread).unwrap();
    });
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.bench_function("news page 2 MB, reader view", |b| {
        b.iter(|| {
            import::import_raw(
                black_box(page.clone()),
                "page.html",
                Some(name),
                None,
                &thread,
            )
            .unwrap()
        });
    });
    group.bench_function("news page 2 MB, full text", |b| {
        b.iter(|| {
            import::import_raw(
                black_box(page.clone()),
                "page.html",
                Some(name),
                None,
                &full,
            )
            .unwrap()
        });
    });
    group.bench_function("docx 1 MB", |b| {
        b.iter(|| {
            import::import_raw(black_box(docx.clone()), "a.docx", None, None, &thread).unwrap()
        });
    });
    group.bench_function("pdf 50 pages, thread", |b| {
        b.iter(|| {
            import::import_raw(black_box(pdf.clone()), "a.pdf", None, None, &thread).unwrap()
        });
    });
    group.bench_function("pdf 50 pages, child process", |b| {
        b.iter(|| import::import_raw(black_box(pdf.clone()), "a.pdf", None, None, &child).unwrap());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
