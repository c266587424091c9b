//! The reviewer desk's core: agreement figures against an independent,
//! differently written computation on random data; bad input; blind copies;
//! adjudication and resolving items; the three-way merge.
// Test helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::ops::Range;

use claimdesk::agree::{
    self, AgreeError, ItemKind, Resolution, adjudicate, blind_copy, compare, merge,
    plan_resolution, publish_blockers, resolve_item, reviewer_names,
};
use claimdesk::model::{Evidence, Project, Statement, StatementId, Tag};
use claimdesk::project_file;

/// A small deterministic generator (independent of the library's).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const TAGS: [Option<Tag>; 4] = [
    Some(Tag::Fact),
    Some(Tag::Attribution),
    Some(Tag::Opinion),
    None,
];

/// A reviewer's copy with random tags and verdicts, and (if `resegment`)
/// some statements split or merged.
fn random_reviewer(base: &Project, name: &str, rng: &mut Rng, resegment: bool) -> Project {
    let mut p = blind_copy(base, name);
    if resegment {
        let mut out: Vec<Statement> = Vec::new();
        let mut i = 0;
        while i < p.statements.len() {
            let s = p.statements[i].clone();
            let roll = rng.below(10);
            let text = &p.article.text[s.range.clone()];
            if roll == 0
                && let Some(space) = text.find(' ')
                && space > 0
            {
                let cut = s.range.start + space;
                out.push(Statement::new(s.id, s.range.start..cut));
                out.push(Statement::new(StatementId(p.next_id), cut + 1..s.range.end));
                p.next_id += 1;
                i += 1;
            } else if roll == 1 && i + 1 < p.statements.len() {
                let next = &p.statements[i + 1];
                out.push(Statement::new(s.id, s.range.start..next.range.end));
                i += 2;
            } else {
                out.push(s);
                i += 1;
            }
        }
        p.statements = out;
    }
    let verdicts: Vec<String> = p.scale.all().map(str::to_owned).collect();
    for s in &mut p.statements {
        // Skewed, so the figures are neither 0 nor 1.
        s.tag = TAGS[[0, 0, 0, 1, 1, 2, 3][rng.below(7) as usize]];
        if rng.below(3) > 0 {
            s.verdict = Some(verdicts[rng.below(verdicts.len() as u64) as usize].clone());
        }
    }
    p.validate().unwrap();
    p
}

// ---- the independent computation -------------------------------------------
// Units by span through a HashMap (not a merge walk), values as Option<u32>,
// α from the pairwise-disagreement definition with the expected
// disagreement summed over every pair of pairable values (no coincidence
// matrix), κ and AC1 straight from their textbook definitions.

type Table = Vec<Vec<Option<u32>>>;

fn units_by_span<'a>(
    projects: &[&'a Project],
) -> (Vec<Range<usize>>, Vec<Vec<Option<&'a Statement>>>) {
    let mut map: HashMap<(usize, usize), Vec<Option<&Statement>>> = HashMap::new();
    for (r, p) in projects.iter().enumerate() {
        for s in &p.statements {
            map.entry((s.range.start, s.range.end))
                .or_insert_with(|| vec![None; projects.len()])[r] = Some(s);
        }
    }
    let mut keys: Vec<(usize, usize)> = map.keys().copied().collect();
    keys.sort();
    let rows = keys.iter().map(|k| map[k].clone()).collect();
    (keys.into_iter().map(|(a, b)| a..b).collect(), rows)
}

fn tag_number(tag: Option<Tag>) -> Option<u32> {
    tag.map(|t| Tag::ALL.iter().position(|x| *x == t).unwrap() as u32)
}

fn pairwise_alpha(table: &Table, delta: &dyn Fn(u32, u32) -> f64) -> Option<f64> {
    let pairable: Vec<Vec<u32>> = table
        .iter()
        .map(|row| row.iter().flatten().copied().collect::<Vec<u32>>())
        .filter(|v| v.len() >= 2)
        .collect();
    let all: Vec<u32> = pairable.iter().flatten().copied().collect();
    let n = all.len() as f64;
    let mut observed = 0.0;
    for values in &pairable {
        let m = values.len() as f64;
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                if i != j {
                    observed += delta(*a, *b) / (m - 1.0);
                }
            }
        }
    }
    observed /= n;
    let mut expected = 0.0;
    for (p, a) in all.iter().enumerate() {
        for (q, b) in all.iter().enumerate() {
            if p != q {
                expected += delta(*a, *b);
            }
        }
    }
    expected /= n * (n - 1.0);
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

fn nominal(a: u32, b: u32) -> f64 {
    if a == b { 0.0 } else { 1.0 }
}

fn independent_percent(table: &Table) -> f64 {
    let mut sum = 0.0;
    let mut units = 0.0;
    for row in table {
        let v: Vec<u32> = row.iter().flatten().copied().collect();
        if v.len() < 2 {
            continue;
        }
        let mut agree = 0.0;
        let mut pairs = 0.0;
        for i in 0..v.len() {
            for j in 0..v.len() {
                if i != j {
                    pairs += 1.0;
                    if v[i] == v[j] {
                        agree += 1.0;
                    }
                }
            }
        }
        sum += agree / pairs;
        units += 1.0;
    }
    sum / units
}

fn independent_cohen(table: &Table) -> f64 {
    let both: Vec<(u32, u32)> = table
        .iter()
        .filter_map(|row| Some((row[0]?, row[1]?)))
        .collect();
    let n = both.len() as f64;
    let po = both.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let pe: f64 = (0..3)
        .map(|c| {
            let a = both.iter().filter(|(x, _)| *x == c).count() as f64 / n;
            let b = both.iter().filter(|(_, y)| *y == c).count() as f64 / n;
            a * b
        })
        .sum();
    (po - pe) / (1.0 - pe)
}

fn independent_fleiss(table: &Table, raters: usize) -> f64 {
    let full: Vec<Vec<u32>> = table
        .iter()
        .filter(|row| row.iter().all(Option::is_some))
        .map(|row| row.iter().flatten().copied().collect())
        .collect();
    let m = raters as f64;
    let p_bar: f64 = full
        .iter()
        .map(|v| {
            let mut agree = 0.0;
            for i in 0..v.len() {
                for j in 0..v.len() {
                    if i != j && v[i] == v[j] {
                        agree += 1.0;
                    }
                }
            }
            agree / (m * (m - 1.0))
        })
        .sum::<f64>()
        / full.len() as f64;
    let pe: f64 = (0..3)
        .map(|c| {
            let share =
                full.iter().flatten().filter(|x| **x == c).count() as f64 / (full.len() as f64 * m);
            share * share
        })
        .sum();
    (p_bar - pe) / (1.0 - pe)
}

fn independent_ac1(table: &Table) -> f64 {
    let pa = independent_percent(table);
    let rated: Vec<Vec<u32>> = table
        .iter()
        .map(|row| row.iter().flatten().copied().collect::<Vec<u32>>())
        .filter(|v| !v.is_empty())
        .collect();
    let pe: f64 = (0..3)
        .map(|c| {
            let pi = rated
                .iter()
                .map(|v| v.iter().filter(|x| **x == c).count() as f64 / v.len() as f64)
                .sum::<f64>()
                / rated.len() as f64;
            pi * (1.0 - pi)
        })
        .sum::<f64>()
        / 2.0;
    (pa - pe) / (1.0 - pe)
}

/// uα the slow way: one unit per character.
fn independent_unitized(projects: &[&Project]) -> Option<f64> {
    let text = &*projects[0].article.text;
    let mut table: Table = Vec::new();
    for (offset, _) in text.char_indices() {
        let row: Vec<Option<Option<u32>>> = projects
            .iter()
            .map(|p| {
                p.statements
                    .iter()
                    .find(|s| s.range.start <= offset && offset < s.range.end)
                    .map(|s| tag_number(s.tag))
            })
            .collect();
        if row.iter().all(Option::is_none) {
            continue;
        }
        // Outside any statement = category 3; untagged statement = missing.
        table.push(row.into_iter().map(|c| c.unwrap_or(Some(3))).collect());
    }
    // Counting-based nominal α on the per-character table.
    let mut n_c = [0.0f64; 4];
    let mut observed = 0.0;
    for row in &table {
        let v: Vec<u32> = row.iter().flatten().copied().collect();
        if v.len() < 2 {
            continue;
        }
        let m = v.len() as f64;
        let mut disagreeing = 0.0;
        for i in 0..v.len() {
            n_c[v[i] as usize] += 1.0;
            for j in 0..v.len() {
                if v[i] != v[j] {
                    disagreeing += 1.0;
                }
            }
        }
        observed += disagreeing / (m - 1.0);
    }
    let n: f64 = n_c.iter().sum();
    let expected = (n * n - n_c.iter().map(|x| x * x).sum::<f64>()) / (n * (n - 1.0));
    Some(1.0 - (observed / n) / expected)
}

fn close(a: Option<f64>, b: Option<f64>, what: &str) {
    match (a, b) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}: {a} vs {b}"),
        _ => panic!("{what}: {a:?} vs {b:?}"),
    }
}

#[test]
fn figures_equal_an_independent_computation_on_random_data() {
    for (seed, reviewers, resegment) in [
        (1u64, 2usize, false),
        (2, 3, false),
        (3, 4, true),
        (4, 2, true),
    ] {
        let base = claimdesk::testing::project(120, seed);
        let mut rng = Rng(seed * 7919 + 1);
        let projects: Vec<(String, Project)> = (0..reviewers)
            .map(|r| {
                let name = format!("R{r}");
                let p = random_reviewer(&base, &name, &mut rng, resegment);
                (name, p)
            })
            .collect();
        let a = compare(&projects).unwrap();
        let refs: Vec<&Project> = projects.iter().map(|(_, p)| p).collect();
        let (spans, rows) = units_by_span(&refs);
        assert_eq!(a.statements, spans.len());
        let tags: Table = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|s| s.and_then(|s| tag_number(s.tag)))
                    .collect()
            })
            .collect();
        let what = format!("seed {seed}, {reviewers} reviewers");
        close(
            a.alpha_nominal.value,
            pairwise_alpha(&tags, &nominal),
            &format!("α {what}"),
        );
        close(
            a.percent_agreement.value,
            Some(independent_percent(&tags)),
            &format!("per cent {what}"),
        );
        close(
            a.fleiss_kappa.value,
            Some(independent_fleiss(&tags, reviewers)),
            &format!("Fleiss {what}"),
        );
        close(
            a.ac1.value,
            Some(independent_ac1(&tags)),
            &format!("AC1 {what}"),
        );
        if reviewers == 2 {
            close(
                a.cohen_kappa.unwrap().value,
                Some(independent_cohen(&tags)),
                &format!("Cohen {what}"),
            );
        } else {
            assert!(a.cohen_kappa.is_none());
        }
        for (tag, figure) in &a.per_tag {
            let code = tag_number(Some(*tag)).unwrap();
            let binary: Table = tags
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|v| v.map(|x| u32::from(x == code)))
                        .collect()
                })
                .collect();
            close(
                figure.value,
                pairwise_alpha(&binary, &nominal),
                &format!("{tag:?} {what}"),
            );
        }
        // Verdicts: ordinal over rank numbers, facts and attributions only.
        let scale = &projects[0].1.scale;
        let verdicts: Table = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|s| {
                        let s = (*s)?;
                        if !matches!(s.tag, Some(Tag::Fact | Tag::Attribution)) {
                            return None;
                        }
                        scale.rating_value(s.verdict.as_deref()?).map(|v| v as u32)
                    })
                    .collect()
            })
            .collect();
        let mut n_g: HashMap<u32, f64> = HashMap::new();
        for row in &verdicts {
            let v: Vec<u32> = row.iter().flatten().copied().collect();
            if v.len() >= 2 {
                for x in v {
                    *n_g.entry(x).or_default() += 1.0;
                }
            }
        }
        let ordinal = |a: u32, b: u32| {
            let (lo, hi) = (a.min(b), a.max(b));
            let between: f64 = (lo..=hi).map(|g| n_g.get(&g).copied().unwrap_or(0.0)).sum();
            let d = between
                - (n_g.get(&a).copied().unwrap_or(0.0) + n_g.get(&b).copied().unwrap_or(0.0)) / 2.0;
            d * d
        };
        close(
            a.verdict_alpha_ordinal.value,
            pairwise_alpha(&verdicts, &ordinal),
            &format!("verdict α {what}"),
        );
        close(
            a.alpha_unitized.value,
            independent_unitized(&refs),
            &format!("uα {what}"),
        );
        if resegment {
            assert!(a.aligned < 1.0 && a.aligned > 0.0, "{}", a.aligned);
            assert!(a.aligned_statements < a.statements);
        } else {
            assert_eq!(a.aligned, 1.0);
        }
        // Confusion cells add up to the statements both of a pair have.
        for c in &a.confusion {
            let total: usize = c.cells.iter().map(Vec::len).sum();
            let both = rows
                .iter()
                .filter(|r| r[c.a].is_some() && r[c.b].is_some())
                .count();
            assert_eq!(total, both);
        }
    }
}

fn two_reviewers() -> (Project, Project) {
    let base = claimdesk::testing::project(12, 5);
    (blind_copy(&base, "Ann"), blind_copy(&base, "Ben"))
}

#[test]
fn blind_copy_keeps_statements_and_drops_annotations() {
    let base = claimdesk::testing::project(50, 9);
    assert!(base.statements.iter().any(Statement::has_annotations));
    let copy = blind_copy(&base, " Cleo ");
    assert_eq!(copy.meta.reviewer, "Cleo");
    assert_eq!(copy.article, base.article);
    assert_eq!(copy.next_id, base.next_id);
    assert_eq!(copy.statements.len(), base.statements.len());
    for (c, b) in copy.statements.iter().zip(&base.statements) {
        assert_eq!((c.id, &c.range), (b.id, &b.range));
        assert!(!c.has_annotations());
    }
}

#[test]
fn confusion_cells_list_statement_ids() {
    let (mut a, mut b) = two_reviewers();
    a.statements[0].tag = Some(Tag::Fact);
    b.statements[0].tag = Some(Tag::Opinion);
    a.statements[1].tag = Some(Tag::Fact);
    b.statements[1].tag = Some(Tag::Fact);
    let id0 = a.statements[0].id;
    let result = compare(&[("Ann".into(), a), ("Ben".into(), b)]).unwrap();
    let c = &result.confusion[0];
    assert_eq!(c.cell(Some(Tag::Fact), Some(Tag::Opinion)), &[id0]);
    assert_eq!(c.cell(Some(Tag::Fact), Some(Tag::Fact)).len(), 1);
    assert_eq!(result.disagreements.len(), 1);
    assert_eq!(result.disagreements[0].id, id0);
    assert_eq!(
        result.disagreements[0].tags,
        vec![Some(Tag::Fact), Some(Tag::Opinion)]
    );
    assert_eq!(result.percent_agreement.value, Some(0.5));
    assert_eq!(result.percent_agreement.statements, 2);
}

#[test]
fn bad_input_is_refused_or_reported() {
    let (a, b) = two_reviewers();
    let one = compare(&[("Ann".into(), a.clone())]).unwrap_err();
    assert_eq!(one, AgreeError::TooFewReviewers(1));
    assert!(one.to_string().contains("at least two"), "{one}");

    let other = claimdesk::testing::project(12, 6);
    let err = compare(&[
        ("a.claims.ron".into(), a.clone()),
        ("other.claims.ron".into(), other),
    ])
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("a.claims.ron") && text.contains("other.claims.ron"),
        "{text}"
    );

    // A reviewer who tagged nothing: named, and counted as missing.
    let mut tagged = a.clone();
    let mut second = b.clone();
    for (i, s) in tagged.statements.iter_mut().enumerate() {
        s.tag = Some(Tag::ALL[i % 3]);
    }
    for (i, s) in second.statements.iter_mut().enumerate() {
        s.tag = Some(Tag::ALL[(i / 2) % 3]);
    }
    let idle = blind_copy(&a, "Idle");
    let result = compare(&[
        ("Ann".into(), tagged.clone()),
        ("Ben".into(), second.clone()),
        ("Idle".into(), idle),
    ])
    .unwrap();
    let without = compare(&[("Ann".into(), tagged), ("Ben".into(), second)]).unwrap();
    assert_eq!(result.tagged_nothing, vec!["Idle".to_owned()]);
    assert_eq!(result.alpha_nominal, without.alpha_nominal);
    assert_eq!(result.fleiss_kappa.statements, 0);
    assert_eq!(result.fleiss_kappa.value, None);

    // Twenty reviewers.
    let mut rng = Rng(20);
    let many: Vec<(String, Project)> = (0..20)
        .map(|r| {
            (
                format!("R{r}"),
                random_reviewer(&a, &format!("R{r}"), &mut rng, false),
            )
        })
        .collect();
    let result = compare(&many).unwrap();
    assert_eq!(result.confusion.len(), 190);
    assert!(result.alpha_nominal.value.is_some());

    // Duplicate names.
    let (x, y) = (blind_copy(&a, "Ann"), blind_copy(&a, "Ann"));
    let z = blind_copy(&a, "");
    let names = reviewer_names(&[
        ("ann.claims.ron", &x),
        ("ann2.claims.ron", &y),
        ("z.claims.ron", &z),
    ]);
    assert_eq!(
        names,
        [
            "Ann (ann.claims.ron)",
            "Ann (ann2.claims.ron)",
            "z.claims.ron"
        ]
    );
    let same = reviewer_names(&[("p.claims.ron", &x), ("p.claims.ron", &y)]);
    assert_ne!(same[0], same[1]);
}

fn evidence(url: &str, note: &str) -> Evidence {
    Evidence {
        url: url.into(),
        title: "T".into(),
        note: note.into(),
    }
}

/// Ann and Ben agree on statement 0, disagree on the tag of 1 and the
/// verdict of 2, and Ben split statement 3.
fn disputed() -> Vec<(String, Project)> {
    let (mut a, mut b) = two_reviewers();
    for p in [&mut a, &mut b] {
        p.statements[0].tag = Some(Tag::Fact);
        p.statements[2].tag = Some(Tag::Fact);
    }
    a.statements[0].note = "Checked the minutes.".into();
    b.statements[0].note = "Budget table p. 4.".into();
    a.statements[0]
        .evidence
        .push(evidence("https://example.org/a", "minutes"));
    b.statements[0]
        .evidence
        .push(evidence("https://example.org/a", ""));
    b.statements[0]
        .evidence
        .push(evidence("https://example.org/b", "table"));
    a.statements[1].tag = Some(Tag::Opinion);
    b.statements[1].tag = Some(Tag::Attribution);
    a.statements[2].verdict = Some("True".into());
    b.statements[2].verdict = Some("False".into());
    let s = b.statements[3].clone();
    let text = &b.article.text[s.range.clone()];
    let cut = s.range.start + text.find(' ').unwrap();
    b.statements[3].range = s.range.start..cut;
    b.statements.insert(
        4,
        Statement::new(StatementId(b.next_id), cut + 1..s.range.end),
    );
    b.next_id += 1;
    b.validate().unwrap();
    vec![("Ann".into(), a), ("Ben".into(), b)]
}

#[test]
fn adjudication_settles_agreements_and_opens_each_disagreement() {
    let reviewers = disputed();
    let final_project = adjudicate(&reviewers).unwrap();
    let kinds: Vec<&ItemKind> = final_project.open_items.iter().map(|i| &i.kind).collect();
    assert_eq!(
        kinds,
        [&ItemKind::Tag, &ItemKind::Verdict, &ItemKind::Segmentation]
    );
    let first = &final_project.statements[0];
    assert_eq!(first.tag, Some(Tag::Fact));
    assert_eq!(first.tagged_by, "Ann, Ben");
    assert_eq!(
        first.note,
        "[Ann] Checked the minutes.\n\n[Ben] Budget table p. 4."
    );
    assert_eq!(first.evidence.len(), 2);
    assert_eq!(first.evidence[0].note, "[Ann, Ben] minutes");
    assert_eq!(first.evidence[1].note, "[Ben] table");
    assert_eq!(
        final_project.statements[1].tag, None,
        "undecided until settled"
    );
    assert_eq!(final_project.meta.reviewer, "Ann, Ben");
    assert_eq!(publish_blockers(&final_project).len(), 4);
    assert!(publish_blockers(&final_project)[0].contains("3 of 3"));

    // Settle them one by one, as the window would.
    let mut p = final_project.clone();
    p.meta.adjudicator = "Ed".into();
    let before = p.clone();
    let plan = plan_resolution(&p, 0, &Resolution::Take(1)).unwrap();
    assert_eq!(plan.inserted[0].tag, Some(Tag::Attribution));
    assert_eq!(plan.inserted[0].tagged_by, "Ben");
    plan.apply(&mut p);
    assert!(p.open_items[0].settled);
    plan.undo(&mut p);
    assert_eq!(p, before, "undo restores the project exactly");
    resolve_item(&mut p, 0, Resolution::DecideTag(Some(Tag::Opinion))).unwrap();
    assert_eq!(p.statements[1].tagged_by, "Ed");
    assert!(matches!(
        resolve_item(&mut p, 1, Resolution::DecideVerdict(Some("Maybe".into()))),
        Err(AgreeError::NotApplicable { .. })
    ));
    resolve_item(&mut p, 1, Resolution::Take(0)).unwrap();
    assert_eq!(p.statements[2].verdict.as_deref(), Some("True"));
    let count = p.statements.len();
    resolve_item(&mut p, 2, Resolution::Take(1)).unwrap();
    assert_eq!(p.statements.len(), count + 1, "Ben's split taken");
    p.validate().unwrap();
    assert!(publish_blockers(&p).is_empty());
    assert!(matches!(
        resolve_item(&mut p, 9, Resolution::Keep),
        Err(AgreeError::NoSuchItem(9))
    ));

    // Items and provenance survive saving and loading.
    let text = project_file::to_string(&p).unwrap();
    let back = project_file::from_str(&text, std::path::Path::new("final.claims.ron")).unwrap();
    assert_eq!(back, p);
    assert_eq!(project_file::to_string(&back).unwrap(), text);
}

#[test]
fn files_without_items_or_provenance_have_no_new_keys() {
    let text = std::fs::read_to_string("tests/fixtures/export/full.claims.ron").unwrap();
    let p = project_file::from_str(&text, std::path::Path::new("full")).unwrap();
    assert!(p.open_items.is_empty());
    let saved = project_file::to_string(&p).unwrap();
    for new_key in ["open_items", "tagged_by", "adjudicator"] {
        assert!(!saved.contains(new_key), "{new_key} written though empty");
    }
    let statement_lines = saved
        .lines()
        .filter(|l| l.starts_with("        (id: "))
        .count();
    assert_eq!(statement_lines, p.statements.len());
}

#[test]
fn merge_per_field_and_segmentation() {
    let base = claimdesk::testing::project(20, 3);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Different statements: clean.
    ours.statements[1].tag = Some(Tag::Opinion);
    theirs.statements[3].tag = Some(Tag::Fact);
    // Same field, different values: one item, ancestor's value kept.
    ours.statements[5].tag = Some(Tag::Attribution);
    theirs.statements[5].tag = Some(Tag::Opinion);
    // Notes: both kept.
    ours.statements[7].note = "ours".into();
    theirs.statements[7].note = "theirs".into();
    let out = merge(&base, &ours, &theirs, ("ours", "theirs")).unwrap();
    assert_eq!(out.opened, 1);
    let p = &out.project;
    assert_eq!(p.statements[1].tag, Some(Tag::Opinion));
    assert_eq!(p.statements[3].tag, Some(Tag::Fact));
    assert_eq!(p.statements[5].tag, base.statements[5].tag);
    assert_eq!(p.statements[7].note, "ours\n\ntheirs");
    assert_eq!(p.open_items.len(), 1);
    assert_eq!(p.open_items[0].choices[1].value, "opinion");

    // Merging a project with itself gives it back.
    let same = merge(&base, &base, &base, ("a", "b")).unwrap();
    assert_eq!(same.project, base);
    assert_eq!(same.opened, 0);

    // Conflicting splits of one statement: one segmentation item.
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let split = |p: &mut Project, nth_space: usize| {
        let s = p.statements[2].clone();
        let text = &p.article.text[s.range.clone()];
        let space = text.match_indices(' ').nth(nth_space).unwrap().0;
        p.statements[2].range = s.range.start..s.range.start + space;
        p.statements.insert(
            3,
            Statement::new(
                StatementId(p.next_id),
                s.range.start + space + 1..s.range.end,
            ),
        );
        p.next_id += 1;
    };
    split(&mut ours, 0);
    split(&mut theirs, 1);
    let out = merge(&base, &ours, &theirs, ("ours", "theirs")).unwrap();
    assert_eq!(out.opened, 1);
    assert_eq!(out.project.open_items[0].kind, ItemKind::Segmentation);
    assert_eq!(out.project.open_items[0].choices[1].statements.len(), 2);

    // Different article texts are refused.
    let other = claimdesk::testing::project(20, 4);
    assert!(matches!(
        merge(&base, &base, &other, ("ours", "theirs")),
        Err(AgreeError::DifferentArticles { .. })
    ));
    let _ = agree::MAX_REVIEWERS;
}
