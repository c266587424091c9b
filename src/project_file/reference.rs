//! The project file writer as it was before it was made fast, kept to
//! check that the fast one writes the same bytes, and checks that the fast
//! reader gives what the whole-file parse gives.

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::model::{ArticleVersion, Orphan};

fn record_of(s: &Statement, quote: String) -> StatementRecord {
    StatementRecord {
        id: s.id,
        start: s.range.start,
        end: s.range.end,
        quote,
        tag: s.tag,
        note: s.note.clone(),
        explanation: s.explanation.clone(),
        claim_reviewed: s.claim_reviewed.clone(),
        source: s.source.clone(),
        cue: s.cue.clone(),
        speech: s.speech,
        verdict: s.verdict.clone(),
        evidence: s.evidence.clone(),
        follow_up: s.follow_up,
        modified: s.modified.clone(),
        tagged_by: s.tagged_by.clone(),
        review: s.review.clone(),
        accepted: s.accepted.clone(),
    }
}

/// The writer as it was before `write.rs`: what the file must stay.
fn reference_to_string(project: &Project) -> Result<String, ron::Error> {
    let text = &*project.article.text;
    let mut record = FileRecord {
        format_version: FORMAT_VERSION,
        article: ArticleRecord {
            title: project.article.title.clone(),
            source_path: project.article.source_path.clone(),
            text_hash: project.article.text_hash.clone(),
            text: text.split('\n').map(str::to_owned).collect(),
        },
        meta: project.meta.clone(),
        scale: project.scale.clone(),
        versions: project.versions.clone(),
        orphans: project
            .orphans
            .iter()
            .map(|o| record_of(&o.statement, o.quote.clone()))
            .collect(),
        next_id: project.next_id,
        open_items: Vec::new(),
        statements: project
            .statements
            .iter()
            .map(|s| {
                let quote = text.get(s.range.clone()).unwrap_or_default().to_owned();
                record_of(s, quote)
            })
            .collect(),
    };
    // Everything but the statements is pretty-printed; each statement is
    // one line, so a change to a statement is a one-line diff, and a large
    // project stays small enough to save within the 30 ms budget.
    let statements = std::mem::take(&mut record.statements);
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ")
        .new_line("\n");
    let head = ron_options().to_string_pretty(&record, pretty.clone())?;
    // Open items, like statements, one per line.
    let items = if project.open_items.is_empty() {
        String::new()
    } else {
        let list =
            ron_options().to_string_pretty(&project.open_items, pretty.clone().depth_limit(1))?;
        format!("open_items: {},\n    ", list.replace('\n', "\n    "))
    };
    // One serializer for the whole list: past depth 1 RON writes compactly,
    // which is one statement per line. Values never hold a raw newline
    // (RON escapes it), so re-indenting by lines is safe.
    let list = ron_options().to_string_pretty(&statements, pretty.depth_limit(1))?;
    let Some(prefix) = head.strip_suffix("statements: [],\n)") else {
        return Err(ron::Error::Message("unexpected project layout".to_owned()));
    };
    let mut out = String::with_capacity(head.len() + items.len() + list.len() + list.len() / 40);
    out.push_str(prefix);
    out.push_str(&items);
    out.push_str("statements: ");
    out.push_str(&list.replace('\n', "\n    "));
    out.push_str(",\n)\n");
    Ok(out)
}

/// A large project with strings that need escaping everywhere: quotes,
/// backslashes, tabs, control and combining characters, emoji.
fn odd_project(statements: usize) -> Project {
    let text = crate::testing::article(statements, 3).replacen(
        "the",
        "th\u{301}e \"q\" \\ 'a'\t\u{1}\u{7f} \u{1f600} caf\u{e9}",
        40,
    );
    let ranges = crate::segment::segment(&text, crate::segment::Language::English);
    let mut p = Project::new(
        Article::new(
            "T \"x\" \u{301}",
            Some("dir\\a \"b\".txt".into()),
            Arc::from(text),
        ),
        ranges,
        "en",
    );
    for (i, s) in p.statements.iter_mut().enumerate() {
        if i % 3 == 0 {
            s.note = format!("note {i} \"q\"\nline\t\u{301}");
            s.tag = Some(Tag::Fact);
            s.verdict = Some("True-ish".into());
            s.follow_up = i % 2 == 0;
            s.evidence.push(Evidence {
                url: format!("https://example.org/{i}?a=1#x"),
                title: "Min // utes /* not a comment */".into(),
                note: "),\n".into(),
            });
        }
    }
    p.versions.push(ArticleVersion {
        date: Some("2026-01-01T00:00:00Z".into()),
        source: None,
        text_hash: "sha256:00".into(),
        counts: Default::default(),
    });
    if let Some(mut s) = p.statements.first().cloned() {
        s.id = crate::model::StatementId(p.next_id);
        p.next_id += 1;
        p.orphans.push(Orphan {
            statement: s,
            quote: "old \"words\"".into(),
        });
    }
    p
}

fn with_open_items(base: &Project) -> Project {
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for (i, (a, b)) in ours
        .statements
        .iter_mut()
        .zip(theirs.statements.iter_mut())
        .enumerate()
        .filter(|(i, _)| i % 50 == 0)
    {
        a.tag = Some(Tag::Opinion);
        b.tag = Some(Tag::Attribution);
        b.note = format!("theirs {i}");
    }
    crate::agree::merge(base, &ours, &theirs, ("Ann", "Ben"))
        .map(|m| m.project)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_fast_writer_writes_the_same_bytes() {
    let empty = Project::new(Article::new("Empty", None, Arc::from("")), Vec::new(), "en");
    let large = odd_project(3_000);
    let merged = with_open_items(&large);
    assert!(!merged.open_items.is_empty());
    for (name, project) in [
        ("empty", &empty),
        ("small", &odd_project(20)),
        ("large", &large),
        ("open items", &merged),
        ("bench", &crate::testing::project(2_000, 42)),
    ] {
        let expected = reference_to_string(project).unwrap();
        assert_eq!(to_string(project).unwrap(), expected, "{name}");
        assert_eq!(
            &from_str(&expected, Path::new("p")).unwrap(),
            project,
            "{name}"
        );
    }
}

/// The whole-file parse, as `from_str` did it before the fast path.
fn whole(source: &str) -> Result<FileRecord, ron::error::SpannedError> {
    ron_options().from_str(source)
}

#[test]
fn the_fast_reader_reads_what_the_whole_parse_reads() {
    let project = with_open_items(&odd_project(6_000));
    let text = to_string(&project).unwrap();
    assert!(text.len() > read::PARALLEL_FROM_BYTES, "{}", text.len());
    let read::Fast::Parsed(fast) = read::parse_fast(&text) else {
        panic!("a file as claimdesk writes it takes the fast path")
    };
    let parsed = whole(&text).unwrap();
    assert_eq!(fast.statements.len(), parsed.statements.len());
    assert_eq!(from_str(&text, Path::new("p")).unwrap(), project);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let statement_at = |n: usize| {
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.starts_with("        (id: "))
            .nth(n)
            .map(|(i, _)| i)
            .unwrap()
    };
    let late = statement_at(project.statements.len() - 10);
    let early = statement_at(10);
    let edit = |at: usize, from: &str, to: &str| {
        let mut edited = lines.clone();
        let line = edited[at].replacen(from, to, 1);
        edited[at] = &line;
        edited.concat()
    };
    // Hand edits the fast path must leave to the whole parse: each loads (or
    // fails) exactly as the whole parse says.
    let cases = [
        edit(late, "(id: ", "(id: 99999999999999999999999, "),
        edit(early, "start: ", "start: -"),
        edit(late, "),\n", "), // hand note\n"),
        edit(late, "),\n", ") // hand note,\n"),
        edit(late, "),\n", "), /* open\n"),
        edit(early, "),\n", "),\n*/\n"),
        edit(late, ", start: ", ",\n  start: "),
        edit(late, "quote: \"", "quote: \"\n"),
        edit(late, "(id: ", "#![enable(implicit_some)] (id: "),
        edit(1, "format_version: 2", "format_version: 9"),
        edit(1, "format_version: 2", "format_version: 2, statements: []"),
        format!("#![enable(implicit_some)]\n{text}"),
        text.replacen("(\n", "( /*\n", 1),
        text.replacen(
            "    statements: [\n",
            "    notes: \"\n    statements: [\n",
            1,
        ),
        text.replace("quote: \"", "quote: r\""),
    ];
    for (i, case) in cases.iter().enumerate() {
        let fast = from_str(case, Path::new("p")).map_err(|e| e.to_string());
        let slow = match whole(case) {
            Ok(_) => None,
            Err(e) => Some(syntax_error(Path::new("p"), &e).to_string()),
        };
        match (fast, slow) {
            (Err(fast), Some(slow)) => {
                if !fast.contains("newer claimdesk") {
                    assert_eq!(fast, slow, "case {i}");
                }
            }
            (Ok(_), None) => {}
            (Err(fast), None) => assert!(
                !matches!(
                    from_str(case, Path::new("p")),
                    Err(ProjectFileError::Syntax { .. })
                ),
                "case {i}: {fast}"
            ),
            (Ok(_), Some(slow)) => panic!("case {i}: loads, but the whole parse says {slow}"),
        }
    }
}
