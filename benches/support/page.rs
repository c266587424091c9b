//! Inputs shared by the benches: a 2 MB news page and filler words,
//! generated from the committed fixtures.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

/// A committed import fixture's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

/// Deterministic filler words, so generated text does not compress to
/// nothing and the sizes mean what they say.
pub fn words(seed: &mut u64, n: usize) -> String {
    const WORDS: &[&str] = &[
        "council",
        "budget",
        "voted",
        "residents",
        "million",
        "said",
        "the",
        "report",
        "water",
        "county",
        "officials",
        "on",
        "Tuesday",
        "increase",
        "percent",
        "of",
        "schools",
        "roads",
        "mayor",
        "plan",
        "and",
        "would",
        "after",
        "hearing",
    ];
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push(WORDS[(*seed >> 33) as usize % WORDS.len()]);
    }
    out.join(" ")
}

/// A 2 MB news page: the React-newsroom fixture with a long article body,
/// a 900 KB inline state script and repeated link furniture, as real
/// newsroom pages carry.
pub fn news_page() -> Vec<u8> {
    let page = String::from_utf8(fixture("react-newsroom.html")).unwrap();
    let mut seed = 7;
    let mut body = String::new();
    for i in 0..40 {
        body.push_str(&format!(
            "<div class=\"css-{i}a\"><div class=\"css-{i}b\"><p class=\"css-at9mc1 evys1bk0\">{}.</p></div></div>",
            words(&mut seed, 70)
        ));
    }
    let page = page.replacen("</section>", &format!("{body}</section>"), 1);
    let state = format!(
        "<script>window.__STATE__ = {{\"blob\": \"{}\"}};</script>",
        words(&mut seed, 130_000)
    );
    let mut furniture = String::new();
    while page.len() + state.len() + furniture.len() < 2 * 1024 * 1024 {
        furniture.push_str(&format!(
            "<div class=\"css-r1\"><div class=\"css-r2\"><ul><li><a href=\"/x\">{}</a></li><li><a href=\"/y\">{}</a></li></ul></div></div>",
            words(&mut seed, 8),
            words(&mut seed, 8)
        ));
    }
    page.replacen("</body>", &format!("{furniture}{state}</body>"), 1)
        .into_bytes()
}
