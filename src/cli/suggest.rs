//! `claimdesk suggest`: a tag suggestion per statement, as lines or JSON.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::one_line;
use crate::import;
use crate::project_file;
use crate::segment::Language;

/// One statement in `claimdesk suggest --json`, fields in the documented
/// order.
#[derive(serde::Serialize)]
struct SuggestionLine<'a> {
    id: u64,
    start: usize,
    end: usize,
    text: &'a str,
    suggestion: Option<&'static str>,
    confidence: Option<&'static str>,
    reasons: Vec<ReasonLine<'a>>,
}

/// One reason in `claimdesk suggest --json`.
#[derive(serde::Serialize)]
struct ReasonLine<'a> {
    kind: &'static str,
    cue: &'a str,
    start: usize,
    end: usize,
}

pub(super) fn suggest_cmd(
    path: &Path,
    json: bool,
    language: Language,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let is_project = path
        .file_name()
        .is_some_and(|name| name.to_string_lossy().ends_with(project_file::EXTENSION));
    let project = if is_project {
        project_file::load(path)?
    } else {
        let imported = import::import_file(path)?;
        for notice in &imported.notices {
            eprintln!("claimdesk: note: {notice}: {}", path.display());
        }
        import::new_project_in(imported, language)
    };
    let suggestions = crate::suggest::suggest_project(&project);
    if json {
        let items: Vec<SuggestionLine<'_>> = project
            .statements
            .iter()
            .zip(&suggestions)
            .map(|(statement, suggestion)| SuggestionLine {
                id: statement.id.0,
                start: statement.range.start,
                end: statement.range.end,
                text: project.text_of(statement),
                suggestion: suggestion.as_ref().map(|s| s.tag.key()),
                confidence: suggestion.as_ref().map(|s| s.confidence.label()),
                reasons: suggestion
                    .iter()
                    .flat_map(|s| &s.reasons)
                    .map(|r| ReasonLine {
                        kind: r.kind.label(),
                        cue: &r.cue,
                        start: r.range.start,
                        end: r.range.end,
                    })
                    .collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &items).context("writing JSON")?;
        writeln!(out)?;
        return Ok(());
    }
    for (number, suggestion) in (1..).zip(&suggestions) {
        match suggestion {
            None => writeln!(out, "{number:>5}  -")?,
            Some(s) => {
                let reasons: Vec<String> = s
                    .reasons
                    .iter()
                    .map(|r| {
                        if r.cue.is_empty() {
                            r.kind.label().to_owned()
                        } else {
                            format!("{} \"{}\"", r.kind.label(), one_line(&r.cue))
                        }
                    })
                    .collect();
                let unnamed = if s.unnamed_source {
                    " (unnamed source)"
                } else {
                    ""
                };
                writeln!(
                    out,
                    "{number:>5}  {:<11} {:<6}  {}{unnamed}",
                    s.tag.key(),
                    s.confidence.label(),
                    reasons.join("; ")
                )?;
            }
        }
    }
    Ok(())
}
