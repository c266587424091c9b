//! Reading a project file as claimdesk writes it, on two threads.
//!
//! claimdesk writes one statement per line, after everything else:
//!
//! ```text
//!     statements: [
//!         (id: 1, start: 0, end: 8, quote: "Headline"),
//!         …
//!     ],
//! )
//! ```
//!
//! so the file can be cut at a line between two statements, and the head
//! (everything before the list) and the two runs of statements parsed at
//! the same time. This is only a shortcut: [`parse_fast`] gives up (returns
//! `None`) unless every part parses on its own, and the caller then parses
//! the whole file as before, so a file in any other shape (hand-edited,
//! statements over several lines, comments) loads, or fails with the same
//! error, exactly as it did.
//!
//! Why the parts give the same record as the whole file:
//! - the head is parsed with `statements: [],\n)` after it; that parses
//!   only if the head ends outside any string or comment (else the added
//!   text would be swallowed and the document left open) at the top-level
//!   struct, where the next field is the real `statements` list;
//! - a run of statements is parsed as `[` run `]`; it parses only if the
//!   run ends outside any string or comment and at list level, and the cut
//!   is made after a line ending in `),` with no `/` on it, so its comma is
//!   a real separator (not inside a `//` or `/*` comment);
//! - RON extensions (`#![enable(…)]`) would change how the runs parse, so a
//!   head naming one is left to the whole-file parse, and the runs are
//!   parsed with a lower nesting limit than the file's, so a run nested
//!   near the limit is too.

use std::collections::HashMap;

use super::{FileRecord, RECURSION_LIMIT, StatementRecord};
use crate::model::Project;

/// Below this size the whole-file parse is quick enough; a thread costs
/// more than it saves.
pub(super) const PARALLEL_FROM_BYTES: usize = 256 * 1024;

/// How the statement list opens and the file closes when claimdesk wrote it.
const LIST_OPEN: &str = "\n    statements: [\n";
const LIST_CLOSE: &str = "    ],\n)";

/// Why the shortcut stopped: the file is in another shape (parse it whole),
/// or a parsing thread panicked (an error; parsing again would too).
pub(super) enum Fast {
    /// The record, parsed in parts.
    Parsed(Box<FileRecord>),
    /// Not in the shape claimdesk writes, or a part did not parse.
    GiveUp,
    /// A parsing thread panicked.
    Panicked,
}

/// Parses `source` in parts when it is a large file in the shape claimdesk
/// writes (see the module documentation).
pub(super) fn parse_fast(source: &str) -> Fast {
    if source.len() < PARALLEL_FROM_BYTES {
        return Fast::GiveUp;
    }
    let Some((head, first, second)) = cut(source) else {
        return Fast::GiveUp;
    };
    let run_options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT - 4);
    let parse_run = |run: &str| -> Option<Vec<StatementRecord>> {
        let mut list = String::with_capacity(run.len() + 2);
        list.push('[');
        list.push_str(run);
        list.push(']');
        run_options.from_str(&list).ok()
    };
    let (head, first, second) = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("claimdesk-load".to_owned())
            .spawn_scoped(scope, || parse_run(second))
            .ok();
        let mut document = String::with_capacity(head.len() + 24);
        document.push_str(head);
        document.push_str("    statements: [],\n)");
        let head = super::ron_options().from_str::<FileRecord>(&document).ok();
        let first = head.as_ref().and_then(|_| parse_run(first));
        let second = match spawned {
            Some(handle) => handle.join().map_err(|_| ()),
            None => Ok(parse_run(second)),
        };
        (head, first, second)
    });
    let Ok(second) = second else {
        return Fast::Panicked;
    };
    let (Some(mut record), Some(mut first), Some(second)) = (head, first, second) else {
        return Fast::GiveUp;
    };
    first.extend(second);
    record.statements = first;
    Fast::Parsed(Box::new(record))
}

/// The head (up to and including the newline before `statements: [`) and
/// the statement lines cut in two, each run ending `),\n`; `None` when the
/// file is not in that shape.
fn cut(source: &str) -> Option<(&str, &str, &str)> {
    let (head, body) = head_and_body(source)?;
    if head.contains("#![") {
        return None;
    }
    // Balance the two threads: this one parses the head and the first run,
    // the other the second run. A byte of statements costs about twice a
    // byte of the head (mostly long article lines), and this thread also
    // builds the project, so the other takes statements worth 2/5 of the
    // file (measured: 1/2 left this one idle a third of the time).
    let wanted = body.len().saturating_sub(source.len() / 5 * 2);
    let mut at = wanted;
    loop {
        let line_end = at + body.get(at..)?.find('\n')?;
        let line_start = body.get(..line_end)?.rfind('\n').map_or(0, |i| i + 1);
        let line = body.get(line_start..line_end)?;
        if line.ends_with("),") && !line.contains('/') {
            let (first, second) = body.split_at(line_end + 1);
            return Some((head, first, second));
        }
        // Searching far for a clean line means the file is not as written.
        if line_end + 1 - wanted > 64 * 1024 {
            return None;
        }
        at = line_end + 1;
    }
}

/// The head (up to and including the newline before `statements: [`) and
/// the statement lines after it, up to the closing `]`; `None` when the file
/// does not end with the statement list as claimdesk writes it.
fn head_and_body(source: &str) -> Option<(&str, &str)> {
    let body_end = source
        .strip_suffix('\n')
        .unwrap_or(source)
        .strip_suffix(LIST_CLOSE)?;
    let open = body_end.rfind(LIST_OPEN)?;
    let head = source.get(..=open)?;
    let body = body_end.get(open + LIST_OPEN.len()..)?;
    Some((head, body))
}

/// The head and the statement lines of a file in the shape claimdesk
/// writes, each line without its newline; `None` for any other shape.
fn split_lines(source: &str) -> Option<(&str, Vec<&str>)> {
    let (head, body) = head_and_body(source)?;
    let lines: Vec<&str> = body.lines().collect();
    lines
        .iter()
        .all(|line| line.ends_with("),"))
        .then_some((head, lines))
}

/// The ancestor's head and where each of its statement lines is, worked
/// out once for all the versions read against it.
pub(super) struct AncestorLines<'a> {
    head: &'a str,
    index: HashMap<&'a str, usize>,
}

/// [`AncestorLines`] of `base` (parsed from `base_source`); `None` unless
/// the file is in the shape claimdesk writes with one statement per line,
/// no two lines alike.
pub(super) fn ancestor_lines<'a>(
    base_source: &'a str,
    base: &Project,
) -> Option<AncestorLines<'a>> {
    let (head, lines) = split_lines(base_source)?;
    if head.contains("#![") || lines.len() != base.statements.len() {
        return None;
    }
    let index: HashMap<&str, usize> = lines.iter().enumerate().map(|(i, l)| (*l, i)).collect();
    (index.len() == lines.len()).then_some(AncestorLines { head, index })
}

/// [`parse_with`] for one version, preparing the ancestor's lines on the
/// way.
#[cfg(test)]
fn parse_like(source: &str, base_source: &str, base: &Project) -> Option<Project> {
    parse_with(source, &ancestor_lines(base_source, base)?, base)
}

/// Another version of `base` (whose lines are `ancestor`) read by parsing
/// only its statement lines that differ from the base's: the merge
/// driver's three versions usually share their head and most lines byte
/// for byte. `None` unless both files are in the shape claimdesk writes,
/// with the very same head (so the same article text, metadata and open
/// items) and one statement per line; the caller then parses `source`
/// whole, which also gives any error its usual message.
///
/// Why an identical line is the identical statement: every base line held
/// exactly one statement (the count of parsed statements equals the count
/// of lines), in order, and the changed lines are parsed as one list that
/// must give exactly one statement per line too, so a comment or a line
/// holding two statements makes the counts differ and the shortcut give up.
pub(super) fn parse_with(
    source: &str,
    ancestor: &AncestorLines<'_>,
    base: &Project,
) -> Option<Project> {
    let (head, lines) = split_lines(source)?;
    if head != ancestor.head {
        return None;
    }
    let index = &ancestor.index;
    let changed: Vec<&str> = lines
        .iter()
        .filter(|line| !index.contains_key(*line))
        .copied()
        .collect();
    let mut list = String::with_capacity(changed.iter().map(|l| l.len() + 1).sum::<usize>() + 2);
    list.push('[');
    for line in &changed {
        list.push_str(line);
        list.push('\n');
    }
    list.push(']');
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT - 4);
    let records: Vec<StatementRecord> = options.from_str(&list).ok()?;
    if records.len() != changed.len() {
        return None;
    }
    let text = &*base.article.text;
    let mut records = records.into_iter();
    let mut statements = Vec::with_capacity(lines.len());
    for line in &lines {
        match index.get(line) {
            Some(&i) => statements.push(base.statements.get(i)?.clone()),
            None => {
                let record = records.next()?;
                // A quote that does not match is for the whole-file parse
                // to report, with its number.
                if text.get(record.start..record.end) != Some(record.quote.as_str()) {
                    return None;
                }
                statements.push(record.into_parts().0);
            }
        }
    }
    // The same head: everything but the statements is the base's.
    let project = Project {
        article: base.article.clone(),
        meta: base.meta.clone(),
        scale: base.scale.clone(),
        statements,
        next_id: base.next_id,
        open_items: base.open_items.clone(),
        orphans: base.orphans.clone(),
        versions: base.versions.clone(),
    };
    project.validate().is_ok().then_some(project)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_version_reads_the_same_whether_parsed_whole_or_by_changed_lines() {
        let path = std::path::Path::new("p.claims.ron");
        let base = crate::testing::project(300, 7);
        let base_text = super::super::to_string(&base).unwrap();
        let mut ours = base.clone();
        for (i, s) in ours
            .statements
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| i % 7 == 0)
        {
            s.tag = Some(crate::model::Tag::ALL[i % 3]);
            s.note = format!("checked \"{i}\" // not a comment");
        }
        let ours_text = super::super::to_string(&ours).unwrap();
        let like = parse_like(&ours_text, &base_text, &base).expect("same head, one per line");
        assert_eq!(like, super::super::from_str(&ours_text, path).unwrap());
        assert_eq!(like, ours);
        // The same file: every line shared.
        assert_eq!(
            parse_like(&base_text, &base_text, &base).as_ref(),
            Some(&base)
        );

        // Another head (here the title): left to the whole parse.
        let mut retitled = ours.clone();
        retitled.article.title.push('!');
        let retitled_text = super::super::to_string(&retitled).unwrap();
        assert!(parse_like(&retitled_text, &base_text, &base).is_none());
        // A comment line or two statements on a line: left to the whole parse.
        let commented = ours_text.replacen(
            "    statements: [\n",
            "    statements: [\n        // hi),\n",
            1,
        );
        assert!(parse_like(&commented, &base_text, &base).is_none());
        let joined = ours_text.replacen("),\n        (id: 2,", "), (id: 2,", 1);
        assert_ne!(joined, ours_text);
        assert!(parse_like(&joined, &base_text, &base).is_none());
        // A changed line whose quote does not match: the whole parse reports it.
        let bad = ours_text.replacen("quote: \"", "quote: \"X", 1);
        assert!(parse_like(&bad, &base_text, &base).is_none());
        assert!(super::super::from_str(&bad, path).is_err());
    }

    #[test]
    fn cut_needs_the_written_shape() {
        let line = "        (id: 1, start: 0, end: 1, quote: \"a\"),\n";
        let head = format!(
            "(\n    format_version: 2,\n    note: \"{}\",\n",
            "x".repeat(1000)
        );
        let body = line.repeat(100);
        let file = format!("{head}    statements: [\n{body}    ],\n)\n");
        let (h, first, second) = cut(&file).unwrap();
        assert_eq!(h, head);
        assert_eq!(format!("{first}{second}"), body);
        assert!(first.ends_with("),\n") && second.ends_with("),\n"));
        // Not as claimdesk writes it: no cut.
        assert!(cut(&file.replace("    ],\n)", "    ], // end\n)")).is_none());
        assert!(cut(&format!("#![enable(implicit_some)]\n{file}")).is_none());
        // Every line carrying a comment: no clean place to cut.
        assert!(cut(&file.replace("),\n", "), // c\n")).is_none());
        let commented = file.replace("),\n", "), // c),\n");
        assert!(cut(&commented).is_none());
    }
}
