//! Test and benchmark support: seeded, generated articles and projects of
//! any size, so benchmarks need no large files checked in.
//!
//! The generator is a tiny linear congruential generator rather than the
//! `rand` crate: the output only has to be varied and repeatable, and a
//! dozen lines beat a dependency in the library proper.

use std::sync::Arc;

use crate::model::{Article, Evidence, Project, Speech, Tag};
use crate::segment::{self, Language};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let index = (self.next() % items.len().max(1) as u64) as usize;
        items.get(index).copied().unwrap_or_default()
    }
}

const SUBJECTS: &[&str] = &[
    "The council",
    "The ministry",
    "Mayor Ines Calder",
    "The transport office",
    "Sen. Ruth Alvarez",
    "The company",
    "Local residents",
    "The audit",
];
const VERBS: &[&str] = &[
    "approved",
    "rejected",
    "announced",
    "questioned",
    "postponed",
    "reviewed",
];
const OBJECTS: &[&str] = &[
    "a 412 million euro tram line",
    "the new budget for 2027",
    "a plan to cut bus fares by 12 percent",
    "the ferry contract with Harbour Lines Ltd.",
    "a report on housing in the U.S. and the E.U.",
    "three proposals from the opposition",
];
const TAILS: &[&str] = &[
    "on Tuesday night.",
    "after a six-hour debate.",
    "despite strong objections.",
    "according to figures published in March.",
    "in a vote of 7 to 4.",
    "for the second time this year.",
];

/// A news-like article of about `statements` sentences, in paragraphs of
/// one to six sentences, the same for the same `seed`.
pub fn article(statements: usize, seed: u64) -> String {
    let mut rng = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
    let mut text = String::with_capacity(statements * 80);
    text.push_str("Generated Article For Benchmarks\n\n");
    let mut written = 1;
    while written < statements {
        let in_paragraph = 1 + (rng.next() % 6) as usize;
        for i in 0..in_paragraph.min(statements - written) {
            if i > 0 {
                text.push(' ');
            }
            if rng.next().is_multiple_of(5) {
                text.push_str(&format!(
                    "\u{201c}This is {} news,\u{201d} {} said.",
                    rng.pick(&["good", "bad", "old", "surprising"]),
                    rng.pick(SUBJECTS)
                ));
            } else {
                text.push_str(&format!(
                    "{} {} {} {}",
                    rng.pick(SUBJECTS),
                    rng.pick(VERBS),
                    rng.pick(OBJECTS),
                    rng.pick(TAILS)
                ));
            }
            written += 1;
        }
        text.push_str("\n\n");
    }
    text
}

/// A segmented project over [`article`], with every third statement tagged
/// and every tenth carrying a note, a verdict and evidence, as a reviewer's
/// half-finished project would.
pub fn project(statements: usize, seed: u64) -> Project {
    let text: Arc<str> = Arc::from(article(statements, seed));
    let ranges = segment::segment(&text, Language::English);
    let mut project = Project::new(
        Article::new("Generated Article For Benchmarks", None, text),
        ranges,
        "en",
    );
    for (index, statement) in project.statements.iter_mut().enumerate() {
        statement.tag = match index % 6 {
            0 => Some(Tag::Fact),
            2 => Some(Tag::Attribution),
            4 => Some(Tag::Opinion),
            _ => None,
        };
        if index.is_multiple_of(10) {
            statement.note = format!("Checked against source {index}; figures match the minutes.");
            statement.verdict = Some("Mostly true".to_owned());
            statement.evidence.push(Evidence {
                url: format!("https://example.org/source/{index}"),
                title: "Council minutes".to_owned(),
                note: String::new(),
            });
        }
        if statement.tag == Some(Tag::Attribution) {
            statement.source = "Mayor Ines Calder".to_owned();
            statement.speech = Some(Speech::Direct);
        }
    }
    project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_articles_are_repeatable_and_sized() {
        assert_eq!(article(50, 7), article(50, 7));
        assert_ne!(article(50, 7), article(50, 8));
        let p = project(1_000, 1);
        p.validate().unwrap();
        let n = p.statements.len();
        assert!((900..=1_100).contains(&n), "{n} statements for 1,000 asked");
    }
}
