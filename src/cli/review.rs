//! The reviewer-desk subcommands: `agree`, `adjudicate`, `git-setup`,
//! `merge-driver` and the diff text conversion git uses.
//!
//! A submodule of [`crate::cli`] so `anyhow` stays at the binary's edge.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use anyhow::{Context as _, bail};

use crate::agree::{self, AgreeError, report};
use crate::model::{Project, Tag};
use crate::project_file;

/// An outcome that must reach the shell as a particular exit code: the
/// binary prints `message` (if any) and exits with `code`. The merge driver
/// uses 1 for "merged, but items were opened" and 2 for real errors, which
/// git treats alike (the merge stops) but scripts can tell apart.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ExitWith {
    /// The process exit code.
    pub code: u8,
    /// One line for stderr.
    pub message: String,
}

/// The file name of `path`, for naming reviewers and projects.
fn label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Loads every project, refusing two that annotate different texts (naming
/// both files), and names the reviewers.
fn load_reviewers(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, Project)>> {
    if paths.len() < 2 {
        return Err(AgreeError::TooFewReviewers(paths.len()).into());
    }
    let mut projects = Vec::with_capacity(paths.len());
    for path in paths {
        projects.push(project_file::load(path)?);
    }
    if let (Some(first), Some(first_path)) = (projects.first(), paths.first()) {
        for (project, path) in projects.iter().zip(paths) {
            if project.article.text_hash != first.article.text_hash {
                bail!(
                    "These projects annotate different article texts, so they cannot be compared: {} and {}",
                    first_path.display(),
                    path.display()
                );
            }
        }
    }
    let labels: Vec<String> = paths.iter().map(|p| label(p)).collect();
    let entries: Vec<(&str, &Project)> = labels
        .iter()
        .map(String::as_str)
        .zip(projects.iter())
        .collect();
    let names = agree::reviewer_names(&entries);
    Ok(names.into_iter().zip(projects).collect())
}

/// `claimdesk agree`.
pub fn agree_cmd(
    paths: &[PathBuf],
    json: bool,
    format: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let reviewers = load_reviewers(paths)?;
    let agreement = agree::compare(&reviewers)?;
    let Some((_, first)) = reviewers.first() else {
        bail!("no projects given");
    };
    match (json, format.map(str::to_ascii_lowercase).as_deref()) {
        (true, _) | (false, Some("json")) => {
            serde_json::to_writer_pretty(&mut *out, &report::to_json(&agreement))?;
            writeln!(out)?;
        }
        (false, Some("html")) => out.write_all(report::to_html(&agreement, first).as_bytes())?,
        (false, Some("md" | "markdown")) => {
            out.write_all(report::to_markdown(&agreement, first).as_bytes())?;
        }
        (false, Some(other)) => {
            bail!("Unknown agreement report format {other:?}; use html, md or json")
        }
        (false, None) => out.write_all(report::to_markdown(&agreement, first).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

/// `claimdesk adjudicate`.
pub fn adjudicate_cmd(
    paths: &[PathBuf],
    output: &Path,
    force: bool,
    adjudicator: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if output.exists() && !force {
        bail!(
            "Refusing to overwrite an existing file (use --force): {}",
            output.display()
        );
    }
    let reviewers = load_reviewers(paths)?;
    let mut project = agree::adjudicate(&reviewers)?;
    if let Some(name) = adjudicator {
        project.meta.adjudicator = name.trim().to_owned();
    }
    project_file::save(&project, output)?;
    let open = project.open_items.iter().filter(|i| !i.settled).count();
    writeln!(
        out,
        "wrote {} statements to {}; {} disagreements left open",
        project.statements.len(),
        output.display(),
        open
    )?;
    for item in project.open_items.iter().filter(|i| !i.settled) {
        writeln!(out, "  {}", item.summary().replace('\n', " "))?;
    }
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Process::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .with_context(|| format!("Could not run git (is it installed?): {}", dir.display()))?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim(),
            dir.display()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The `.gitattributes` line `git-setup` writes.
pub const ATTRIBUTES_LINE: &str = "*.claims.ron merge=claimdesk diff=claimdesk";

/// `claimdesk git-setup`: run in (or given) a repository.
pub fn git_setup_cmd(dir: &Path, program: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let root = PathBuf::from(
        git(dir, &["rev-parse", "--show-toplevel"])
            .with_context(|| format!("Not inside a git repository: {}", dir.display()))?,
    );
    let attributes = root.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("Could not read {}", attributes.display()));
        }
    };
    if existing.lines().any(|l| l.trim() == ATTRIBUTES_LINE) {
        writeln!(
            out,
            "{} already has: {ATTRIBUTES_LINE}",
            attributes.display()
        )?;
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        crate::atomic::write_atomic(&crate::atomic::RealFs, &attributes, text.as_bytes())?;
        writeln!(out, "added to {}: {ATTRIBUTES_LINE}", attributes.display())?;
    }
    let quoted = if program.contains([' ', '\'', '"']) {
        format!("'{}'", program.replace('\'', "'\\''"))
    } else {
        program.to_owned()
    };
    let settings = [
        (
            "merge.claimdesk.name",
            "claimdesk: merge project files per statement".to_owned(),
        ),
        (
            "merge.claimdesk.driver",
            format!("{quoted} merge-driver %O %A %B %L %P"),
        ),
        ("diff.claimdesk.textconv", format!("{quoted} diff-text")),
    ];
    for (key, value) in settings {
        git(&root, &["config", "--local", key, &value])?;
        writeln!(out, "git config {key} \"{value}\"")?;
    }
    Ok(())
}

fn read(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("Could not read {}", path.display()))
}

/// `claimdesk merge-driver`: merges THEIRS into OURS against BASE, writing
/// OURS. Clean: `Ok`. Items opened: [`ExitWith`] code 1. Anything else:
/// [`ExitWith`] code 2, with OURS untouched.
pub fn merge_driver_cmd(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<&str>,
) -> anyhow::Result<()> {
    let shown = path.map_or_else(|| ours.display().to_string(), str::to_owned);
    merge_driver(base, ours, theirs, &shown).map_err(|error| match error.downcast::<ExitWith>() {
        Ok(exit) => exit.into(),
        Err(error) => ExitWith {
            code: 2,
            message: crate::cli::error_line(&error),
        }
        .into(),
    })
}

fn merge_driver(base: &Path, ours: &Path, theirs: &Path, shown: &str) -> anyhow::Result<()> {
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    // Byte-level shortcuts keep the file exactly as one side wrote it.
    if o == t || t == b {
        return Ok(());
    }
    if o == b {
        crate::atomic::write_atomic(&crate::atomic::RealFs, ours, &t)?;
        return Ok(());
    }
    let (text, opened) = merge_texts([b, o, t], shown)?;
    crate::atomic::write_atomic(&crate::atomic::RealFs, ours, text.as_bytes())?;
    if opened > 0 {
        return Err(ExitWith {
            code: 1,
            message: format!(
                "merged, but {} disagreement{} left open for adjudication (Review > Compare in the window), then `git add`: {shown}",
                opened,
                if opened == 1 { " is" } else { "s are" }
            ),
        }
        .into());
    }
    Ok(())
}

/// The merge driver's work on the three versions' bytes (common ancestor,
/// ours, theirs): the merged project file's text and how many items it
/// opened. `shown` names the file in messages.
///
/// Parsing is most of the work (a 10,000-statement file takes longer to
/// parse than the merge and the write together), so the ancestor is
/// parsed in full and each side only where its lines differ from the
/// ancestor's ([`project_file::Ancestor`]), the two sides at once.
pub fn merge_texts(versions: [Vec<u8>; 3], shown: &str) -> anyhow::Result<(String, usize)> {
    let text_of = |bytes: Vec<u8>, side: &str| -> anyhow::Result<String> {
        String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("the {side} version is not UTF-8 text: {shown}"))
    };
    let [b, o, t] = versions;
    let (b, o, t) = (
        text_of(b, "common ancestor")?,
        text_of(o, "our")?,
        text_of(t, "their")?,
    );
    let failed = |side: &str| format!("Could not merge: the {side} version does not load");
    // The ancestor first (on two threads when large), then each side by
    // parsing only the lines that differ from it: the three versions
    // usually share their head and most statement lines byte for byte.
    let base_p =
        project_file::from_str(&b, Path::new(shown)).with_context(|| failed("common ancestor"))?;
    let ancestor = project_file::Ancestor::new(&b, &base_p);
    let like = |text: &str, side: &str| {
        ancestor
            .read(text, Path::new(shown))
            .with_context(|| failed(side))
    };
    let (ours_p, theirs_p) = std::thread::scope(|scope| {
        let like = &like;
        let ours = scope.spawn(|| like(&o, "our"));
        let theirs = like(&t, "their");
        // A parser that panicked is a bad file, not a crash of git's merge.
        let ours = ours.join().unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "Could not merge: reading one version failed: {shown}"
            ))
        });
        (ours, theirs)
    });
    let (ours_p, theirs_p) = (ours_p?, theirs_p?);
    let (a, z) = (ours_p.meta.reviewer.trim(), theirs_p.meta.reviewer.trim());
    let labels = if !a.is_empty() && !z.is_empty() && a != z {
        (a.to_owned(), z.to_owned())
    } else {
        ("ours".to_owned(), "theirs".to_owned())
    };
    let outcome = match agree::merge(&base_p, &ours_p, &theirs_p, (&labels.0, &labels.1)) {
        Ok(outcome) => outcome,
        Err(AgreeError::DifferentArticles { .. }) => bail!(
            "Refusing to merge: the article text differs between the branches (was the story updated on one?); the file is left as it was; merge it by hand: {shown}"
        ),
        Err(other) => return Err(other).with_context(|| format!("Could not merge {shown}")),
    };
    let text = project_file::to_string(&outcome.project)
        .map_err(|e| anyhow::anyhow!("Could not write the merged project: {e}: {shown}"))?;
    Ok((text, outcome.opened))
}

/// `claimdesk diff-text FILE`: one readable line per statement, for `git
/// diff` (the textconv `git-setup` configures).
pub fn diff_text_cmd(file: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let project = project_file::load(file)?;
    writeln!(out, "{}", project.article.title)?;
    for (number, s) in project.statements.iter().enumerate() {
        let tag = s.tag.map_or("untagged", Tag::key);
        let mut line = format!("{:>4} #{} [{tag}]", number + 1, s.id.0);
        if let Some(v) = &s.verdict {
            line.push_str(&format!(" verdict={v:?}"));
        }
        if !s.source.is_empty() {
            line.push_str(&format!(" source={:?}", s.source));
        }
        if !s.note.is_empty() {
            line.push_str(&format!(" note={:?}", s.note));
        }
        line.push_str(&format!(" {:?}", project.text_of(s)));
        writeln!(out, "{line}")?;
    }
    for item in &project.open_items {
        let state = if item.settled { "settled" } else { "OPEN" };
        writeln!(out, "{state}: {}", item.summary().replace('\n', " "))?;
    }
    Ok(())
}
