//! The command line: `claimdesk [PATH]` opens the window; subcommands do the
//! same work headless, for scripts and tests.
//!
//! This is the binary's edge, so errors are `anyhow` with context; every
//! subcommand prints its result to the given writer and returns an error
//! whose one-line message `main` prints to stderr with a non-zero exit.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use crate::export;
use crate::import;

use crate::model::Project;
use crate::project_file;
use crate::segment::{self, Language};

mod report;
mod review;
mod suggest;

use report::{export_error, write_report};
pub use report::{export_to_path, export_to_path_with};
pub use review::{ATTRIBUTES_LINE, ExitWith, merge_texts};
use suggest::suggest_cmd;

/// claimdesk: tag every statement of a news article as fact, attribution or
/// opinion, and export annotated reports.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// An article (.txt, .md) or project (.claims.ron) to open in the
    /// window. Without it, the last project (or the sample article) opens.
    pub path: Option<PathBuf>,
    /// A headless subcommand.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print an article's statements, one per line.
    Segment {
        /// The article: .txt, .md, a web page (.html), .docx, .odt, .pdf,
        /// or an http(s):// link.
        file: PathBuf,
        /// Print a JSON array of {"start", "end", "text"} (byte offsets into
        /// the decoded text) instead.
        #[arg(long)]
        json: bool,
        /// Language of the article (BCP 47 code); picks segmentation rules.
        /// Without it: the language the page states, else English.
        #[arg(long)]
        language: Option<String>,
        /// Web pages: import all visible text instead of the reader view.
        #[arg(long)]
        full_text: bool,
    },
    /// Create an untagged project from an article; a web page, Word file or
    /// PDF is also kept beside the project as NAME.source.EXT.
    New {
        /// The article: .txt, .md, a web page (.html), .docx, .odt, .pdf,
        /// or an http(s):// link.
        article: PathBuf,
        /// Where to write the project (.claims.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
        /// Language of the article (BCP 47 code). Without it: the language
        /// the page states, else English.
        #[arg(long)]
        language: Option<String>,
        /// Web pages: import all visible text instead of the reader view.
        #[arg(long)]
        full_text: bool,
        /// The reviewer's name. Given a project instead of an article,
        /// writes a blind copy for this reviewer: the same statements and
        /// ids, no annotations.
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
    },
    /// Agreement between reviewers' projects of the same article.
    Agree {
        /// Two or more projects (.claims.ron).
        #[arg(required = true, num_args = 1..)]
        projects: Vec<PathBuf>,
        /// Print the figures as JSON.
        #[arg(long)]
        json: bool,
        /// Print a report instead: html or md (the default).
        #[arg(long, short)]
        format: Option<String>,
    },
    /// Combine reviewers' projects into one: agreements settled, each
    /// disagreement an open item.
    Adjudicate {
        /// Two or more projects (.claims.ron).
        #[arg(required = true, num_args = 1..)]
        projects: Vec<PathBuf>,
        /// Where to write the combined project.
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
        /// Who adjudicates (recorded in the project).
        #[arg(long, value_name = "NAME")]
        adjudicator: Option<String>,
    },
    /// Set up the current git repository to merge project files per
    /// statement (.gitattributes and .git/config).
    GitSetup {
        /// The claimdesk program git should run.
        #[arg(long, default_value = "claimdesk")]
        program: String,
    },
    /// The merge driver git runs (set up by `git-setup`): merges THEIRS
    /// into OURS. Exit 0: clean; 1: disagreements left open; 2: error.
    MergeDriver {
        /// The common ancestor (%O).
        base: PathBuf,
        /// Ours (%A); the result is written here.
        ours: PathBuf,
        /// Theirs (%B).
        theirs: PathBuf,
        /// Conflict marker size (%L), unused: the result never has markers.
        marker_size: Option<String>,
        /// The file's path in the repository (%P), for messages.
        path: Option<String>,
    },
    /// A project as one readable line per statement, for `git diff`.
    #[command(hide = true)]
    DiffText {
        /// The project (.claims.ron).
        file: PathBuf,
    },
    /// Count statements per tag.
    Stats {
        /// The project (.claims.ron).
        project: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Validate a project file; exits non-zero with the reason if broken.
    Check {
        /// The project (.claims.ron).
        project: PathBuf,
    },
    /// List unsaved work left by a crash (recovery files), restore one to a
    /// project file, or discard one.
    Recover {
        /// Write the project kept in this recovery file to `--output`.
        #[arg(long, value_name = "FILE", requires = "output")]
        restore: Option<PathBuf>,
        /// Where `--restore` writes the project (.claims.ron).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Remove this recovery file (only files in the recovery folder).
        #[arg(long, value_name = "FILE", conflicts_with = "restore")]
        discard: Option<PathBuf>,
        /// Let `--restore` overwrite an existing output file.
        #[arg(long, requires = "restore")]
        force: bool,
    },
    /// Apply scripted edits headless, with autosave running: used by the
    /// kill test to prove recovery (hidden: not for reviewers).
    #[command(hide = true)]
    Drive(crate::drive::DriveArgs),
    /// Move a project onto a new version of its article, keeping every
    /// annotation: each statement is unchanged, moved, edited, ambiguous or
    /// orphaned; new text becomes new untagged statements.
    Update {
        /// The project (.claims.ron).
        project: PathBuf,
        /// The new version of the article (.txt or .md).
        new_source: PathBuf,
        /// Where to write the updated project (.claims.ron).
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite the output if it exists.
        #[arg(long)]
        force: bool,
        /// Print what happened to each statement as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Suggest a tag for every statement, with the cues behind it: one line
    /// per statement (number, suggestion or "-", confidence, reasons).
    Suggest {
        /// An article (.txt, .md), segmented as `claimdesk new` does, or a
        /// project (.claims.ron).
        path: PathBuf,
        /// Print a JSON array of {"id", "start", "end", "text",
        /// "suggestion", "confidence", "reasons"} (byte offsets into the
        /// article text) instead.
        #[arg(long)]
        json: bool,
        /// Language of an article (BCP 47 code); a project uses its own.
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Extract a PDF's text layer from stdin as JSON on stdout: the
    /// isolated child process the PDF importer runs (hidden: internal).
    #[command(name = "__extract-pdf", hide = true)]
    ExtractPdf,
    /// Write an annotated report of a project.
    Export {
        /// The project (.claims.ron).
        project: PathBuf,
        /// html, md, pdf, csv, json, claimreview or webannotation.
        #[arg(long, short)]
        format: String,
        /// Who the report is for (html, md, pdf): desk (the team's report,
        /// with notes; the default) or public (the published fact check;
        /// the default for pdf).
        #[arg(long, value_name = "desk|public")]
        audience: Option<String>,
        /// Write ClaimReview even when required properties are missing
        /// (they are left out).
        #[arg(long)]
        draft: bool,
        /// Where to write it (atomically); standard output without it.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output if it exists (a project file is never
        /// replaced by a report).
        #[arg(long)]
        force: bool,
    },
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::Segment {
            file,
            json,
            language,
            full_text,
        } => segment_cmd(
            &file,
            json,
            language.as_deref().map(Language::from_code),
            full_text,
            out,
        ),
        Command::New {
            article,
            output,
            force,
            language,
            reviewer,
            full_text,
        } => new_cmd(
            &article,
            &output,
            force,
            language.as_deref().map(Language::from_code),
            full_text,
            reviewer.as_deref(),
            out,
        ),
        Command::Agree {
            projects,
            json,
            format,
        } => review::agree_cmd(&projects, json, format.as_deref(), out),
        Command::Adjudicate {
            projects,
            output,
            force,
            adjudicator,
        } => review::adjudicate_cmd(&projects, &output, force, adjudicator.as_deref(), out),
        Command::GitSetup { program } => {
            let here = std::env::current_dir().context("Could not find the current directory")?;
            review::git_setup_cmd(&here, &program, out)
        }
        Command::MergeDriver {
            base,
            ours,
            theirs,
            marker_size: _,
            path,
        } => review::merge_driver_cmd(&base, &ours, &theirs, path.as_deref()),
        Command::DiffText { file } => review::diff_text_cmd(&file, out),
        Command::ExtractPdf => {
            import::pdf::child_main(
                &mut std::io::stdin().lock(),
                out,
                &mut std::io::stderr().lock(),
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            Ok(())
        }
        Command::Stats { project, json } => stats_cmd(&project, json, out),
        Command::Update {
            project,
            new_source,
            output,
            force,
            json,
        } => update_cmd(&project, &new_source, &output, force, json, out),
        Command::Suggest {
            path,
            json,
            language,
        } => suggest_cmd(&path, json, Language::from_code(&language), out),
        Command::Drive(args) => crate::drive::run(args, out),
        Command::Recover {
            restore,
            output,
            discard,
            force,
        } => recover_cmd(
            restore.as_deref(),
            output.as_deref(),
            discard.as_deref(),
            force,
            out,
        ),

        Command::Export {
            project,
            format,
            audience,
            draft,
            output,
            force,
        } => {
            let Some(format) = export::Format::from_key(&format) else {
                let known: Vec<&str> = export::Format::ALL.iter().map(|f| f.key()).collect();
                bail!(
                    "Unknown report format {format:?}; use one of {}",
                    known.join(", ")
                );
            };
            let audience = match audience {
                None => export::Audience::default_for(format),
                Some(key) => match export::Audience::from_key(&key) {
                    Some(audience) if format.has_audience() => audience,
                    Some(_) => bail!(
                        "--audience applies to html, md and pdf reports, not {}",
                        format.key()
                    ),
                    None => bail!("Unknown audience {key:?}; use desk or public"),
                },
            };
            let options = export::ExportOptions::new(format)
                .audience(audience)
                .draft(draft)
                .zone(export::ReportZone::system());
            let loaded = project_file::load(&project)?;
            match output {
                Some(path) => write_report(&loaded, &options, &path, force),
                None => export::export_with(&loaded, &options, out)
                    .map_err(|error| export_error(error, &project)),
            }
        }
        Command::Check { project } => {
            let loaded = project_file::load(&project)?;
            let stats = loaded.stats();
            writeln!(
                out,
                "ok: {} statements, {} tagged: {}",
                stats.total,
                stats.tagged(),
                project.display()
            )?;
            Ok(())
        }
    }
}

/// Imports a file or, for an `http(s)://` argument, a link (with a
/// progress-less fetch: the CLI has nothing to cancel it with but Ctrl+C).
fn import_any(source: &Path, full_text: bool) -> anyhow::Result<import::Imported> {
    let options = import::ImportOptions {
        html_mode: if full_text {
            import::html::HtmlMode::FullText
        } else {
            import::html::HtmlMode::Reader
        },
        ..import::ImportOptions::default()
    };
    let text = source.to_string_lossy();
    let lower = text.to_ascii_lowercase();
    let is_link = lower.starts_with("http://")
        || lower.starts_with("https://")
        || (lower.contains(':') && !source.exists() && is_scheme(&lower));
    let imported = if is_link {
        let cancel = std::sync::atomic::AtomicBool::new(false);
        import::import_url(&text, &cancel, &|_, _| {}, &options)?
    } else {
        import::import_path(source, &options)?
    };
    Ok(imported)
}

/// `javascript:…`, `file:…`, `ftp://…`: something that is meant as an
/// address (and is then refused with a message naming its scheme).
fn is_scheme(text: &str) -> bool {
    let scheme = text.split(':').next().unwrap_or_default();
    scheme.len() > 1
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn segment_cmd(
    file: &Path,
    json: bool,
    language: Option<Language>,
    full_text: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let article = import_any(file, full_text)?;
    for notice in &article.notices {
        eprintln!("claimdesk: note: {notice}: {}", file.display());
    }
    let language = language.unwrap_or_else(|| {
        if article.meta.language.is_empty() {
            Language::English
        } else {
            Language::from_code(&article.meta.language)
        }
    });
    let ranges = segment::segment(&article.text, language);
    if json {
        let items: Vec<serde_json::Value> = ranges
            .iter()
            .map(|r| {
                serde_json::json!({
                    "start": r.start,
                    "end": r.end,
                    "text": article.text.get(r.clone()).unwrap_or_default(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &items)?;
        writeln!(out)?;
    } else {
        for range in ranges {
            let text = article.text.get(range).unwrap_or_default();
            writeln!(out, "{}", one_line(text))?;
        }
    }
    Ok(())
}

/// `text` with every run of white space containing a line break turned into
/// one space, so one statement prints as one line.
fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_owned();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn new_cmd(
    article: &Path,
    output: &Path,
    force: bool,
    language: Option<Language>,
    full_text: bool,
    reviewer: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    refuse_existing(output, force)?;
    if let Some(name) = reviewer
        && project_file::is_project_path(article)
    {
        let copy = crate::agree::blind_copy(&project_file::load(article)?, name);
        save_project(&copy, output, force)?;
        writeln!(
            out,
            "wrote a copy of {} statements for {name} to {}",
            copy.statements.len(),
            output.display()
        )?;
        return Ok(());
    }
    let imported = import_any(article, full_text)?;
    for notice in &imported.notices {
        eprintln!("claimdesk: note: {notice}: {}", article.display());
    }
    let mut project: Project = import::project_from(&imported, language);
    if let Some(name) = reviewer {
        project.meta.reviewer = name.trim().to_owned();
    }
    save_project(&project, output, force)?;
    writeln!(
        out,
        "wrote {} statements to {}",
        project.statements.len(),
        output.display()
    )?;
    if let Some(sidecar) = import::write_sidecar(output, &imported)? {
        writeln!(out, "kept the source as {}", sidecar.display())?;
    }
    Ok(())
}

fn update_cmd(
    project: &Path,
    new_source: &Path,
    output: &Path,
    force: bool,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    refuse_existing(output, force)?;
    let old = project_file::load(project)?;
    // Any source claimdesk opens: a file of any kind or an address.
    let imported: import::ImportedArticle = import_any(new_source, false)?.into();
    for notice in &imported.notices {
        eprintln!("claimdesk: note: {notice}: {}", new_source.display());
    }
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let updated = crate::update::update(&old, imported, &now)?;
    save_project(&updated.project, output, force)?;
    let plan = &updated.plan;
    let text = &*updated.project.article.text;
    if json {
        let statements: Vec<serde_json::Value> = plan
            .entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id.0,
                    "status": e.status.key(),
                    "old_quote": e.old_quote,
                    "new_quote": e.new_range.clone().and_then(|r| text.get(r)),
                    "score": (e.score * 1000.0).round() / 1000.0,
                })
            })
            .collect();
        let value = serde_json::json!({
            "statements": statements,
            "new_statements": plan.new_ranges.len(),
        });
        serde_json::to_writer_pretty(&mut *out, &value).context("writing JSON")?;
        writeln!(out)?;
    } else {
        let counts = plan.counts();
        for status in crate::model::UpdateStatus::ALL {
            writeln!(out, "{:<10} {:>6}", status.key(), counts.get(status))?;
        }
        writeln!(out, "{:<10} {:>6}", "new", counts.new_statements)?;
        writeln!(
            out,
            "wrote {} statements and {} orphans to {}",
            updated.project.statements.len(),
            updated.project.orphans.len(),
            output.display()
        )?;
    }
    Ok(())
}

/// Refuses early (before any slow work) when `output` exists and `force`
/// was not given. The write itself checks again atomically.
fn refuse_existing(output: &Path, force: bool) -> anyhow::Result<()> {
    if !force && std::fs::symlink_metadata(output).is_ok() {
        bail!(
            "Refusing to overwrite an existing file (use --force): {}",
            output.display()
        );
    }
    Ok(())
}

/// Saves a project the CLI created: without `force` the file must not exist,
/// and that check and the creation are one step, so two commands racing for
/// one name cannot both succeed.
fn save_project(project: &Project, output: &Path, force: bool) -> anyhow::Result<()> {
    if force {
        project_file::save(project, output)?;
        return Ok(());
    }
    match project_file::save_new(project, output) {
        Ok(_) => Ok(()),
        Err(project_file::ProjectFileError::Write(e))
            if e.step == crate::atomic::SaveStep::Link
                && e.cause.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            bail!(
                "Refusing to overwrite an existing file (use --force): {}",
                output.display()
            )
        }
        Err(e) => Err(e.into()),
    }
}

fn stats_cmd(path: &Path, json: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let project = project_file::load(path)?;
    let stats = project.stats();
    if json {
        let value = serde_json::json!({
            "total": stats.total,
            "tagged": stats.tagged(),
            "untagged": stats.untagged,
            "fact": stats.fact,
            "attribution": stats.attribution,
            "opinion": stats.opinion,
            "follow_up": stats.follow_up,
            "open_items": project.open_items.iter().filter(|i| !i.settled).count(),
        });
        serde_json::to_writer_pretty(&mut *out, &value).context("writing JSON")?;
        writeln!(out)?;
    } else {
        writeln!(out, "{} of {} tagged", stats.tagged(), stats.total)?;
        writeln!(out, "fact         {:>6}", stats.fact)?;
        writeln!(out, "attribution  {:>6}", stats.attribution)?;
        writeln!(out, "opinion      {:>6}", stats.opinion)?;
        writeln!(out, "untagged     {:>6}", stats.untagged)?;
        writeln!(out, "follow-up    {:>6}", stats.follow_up)?;
    }
    Ok(())
}

fn recover_cmd(
    restore: Option<&Path>,
    output: Option<&Path>,
    discard: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if let Some(file) = discard {
        let dir = crate::recovery::data_dir()
            .context("There is no data directory for recovery files; set CLAIMDESK_DATA_DIR")?;
        crate::recovery::discard_checked(&dir, file)?;
        writeln!(out, "discarded {}", file.display())?;
        return Ok(());
    }
    if let (Some(file), Some(output)) = (restore, output) {
        refuse_existing(output, force)?;
        let entry = crate::recovery::read(file);
        let project = entry.project?;
        save_project(&project, output, force)?;
        writeln!(
            out,
            "restored {} statements to {}",
            project.statements.len(),
            output.display()
        )?;
        return Ok(());
    }
    let dir = crate::recovery::data_dir()
        .context("There is no data directory for recovery files; set CLAIMDESK_DATA_DIR")?;
    for entry in crate::recovery::list(&dir) {
        let saved = entry
            .project_path
            .as_deref()
            .and_then(|p| project_file::load(p).ok());
        let owner = if entry.owner_alive() {
            " (open in a running claimdesk)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}{owner}\n  {}",
            entry.path.display(),
            entry.describe(saved.as_ref())
        )?;
    }
    Ok(())
}

/// One line for stderr: the error and its causes, skipping any cause whose
/// text the line already holds (library errors often quote their cause).
pub fn error_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
}

/// True when `error` comes from writing to a closed pipe (`claimdesk stats
/// P | head -1`): the reader has all it wanted, so the binary exits quietly
/// with success, as `cat` and `ls` do.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe);
        }
        if let Some(csv) = cause.downcast_ref::<::csv::Error>()
            && let ::csv::ErrorKind::Io(io) = csv.kind()
        {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipes_are_recognised_through_wrappers() {
        let pipe = || std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed");
        let direct = anyhow::Error::new(pipe()).context("writing");
        assert!(is_broken_pipe(&direct));
        let export = anyhow::Error::new(crate::export::ExportError::Io(pipe()));
        assert!(is_broken_pipe(&export));
        let json = anyhow::Error::new(serde_json::Error::io(pipe())).context("writing JSON");
        assert!(is_broken_pipe(&json));
        let other = anyhow::Error::new(std::io::Error::other("disk full"));
        assert!(!is_broken_pipe(&other));
        assert_eq!(error_line(&other.context("saving")), "saving: disk full");
    }

    #[test]
    fn one_line_folds_inner_newlines() {
        assert_eq!(one_line("A list\n  item."), "A list item.");
        assert_eq!(one_line("Kept  as is."), "Kept  as is.");
    }
}
