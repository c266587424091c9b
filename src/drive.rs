//! The headless driver (`claimdesk drive`, hidden): opens a project the way
//! the app does, applies edits from a script at a set pace, and autosaves
//! exactly as the window would, with no display.
//!
//! It exists so tests can treat the real binary like a reviewer at work and
//! then kill it at any moment (`tests/kill_recovery.rs`): every applied edit
//! prints `applied <n> <ms>` and is flushed at once, so the test knows which
//! edits were made, and when, before the kill.
//!
//! # Script
//! One step per line; blank lines and lines starting with `#` are skipped.
//! Statements are named by id (`#3` in the UI), not by position, since ids
//! are stable across splits and merges.
//!
//! | line | edit |
//! | --- | --- |
//! | `tag 3 fact` (`attribution`, `opinion`) | tag statement 3 |
//! | `clear 3` | remove its tag |
//! | `note 3 some text` | set its note (the rest of the line, with `\n` for a line break and `\\` for a backslash; consecutive notes on one statement coalesce into one undo step, like typing) |
//! | `follow 3 on` (`off`) | flag for follow-up |
//! | `split 3 120` | split statement 3 at article byte 120 |
//! | `merge 3` | merge statement 3 with the next |
//! | `undo`, `redo`, `seal` | history (seal ends a typing group) |
//! | `save` | save to the project's path and remove the recovery file |
//! | `sleep 20` | pause 20 ms (not an edit) |
//! | `crash` | panic, to test the panic hook (not an edit) |
//!
//! Each edit prints `applied <n> <ms>` (or `refused <n> <ms> <why>` when the
//! workspace refuses it; that changes nothing), `n` counting edits from 1
//! and `ms` the milliseconds since the driver started.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::autosave::Autosaver;
use crate::edit::{Edit, EditError, TextField};
use crate::lock::{LockError, ProjectLock};
use crate::model::{StatementId, Tag};
use crate::recovery;
use crate::workspace::Workspace;

/// Arguments of `claimdesk drive`.
#[derive(clap::Args, Debug, Clone)]
pub struct DriveArgs {
    /// The project (.claims.ron) or article to open.
    #[arg(long)]
    pub project: PathBuf,
    /// The script of edits, one per line.
    #[arg(long)]
    pub script: PathBuf,
    /// Autosave delay: every edit is in the recovery file this long after
    /// it is made.
    #[arg(long, default_value_t = 2000)]
    pub autosave_ms: u64,
    /// Pause between edits, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub pace_ms: u64,
}

/// One edit of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Set or clear a tag.
    Tag(StatementId, Option<Tag>),
    /// Set a note.
    Note(StatementId, String),
    /// Flag or unflag for follow-up.
    FollowUp(StatementId, bool),
    /// Split at an article byte offset.
    Split(StatementId, usize),
    /// Merge with the next statement.
    Merge(StatementId),
    /// Undo one step.
    Undo,
    /// Redo one step.
    Redo,
    /// End the typing group.
    Seal,
    /// Save to the workspace's path.
    Save,
}

/// One line of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An edit, counted and reported.
    Edit(Op),
    /// A pause, during which autosave keeps ticking.
    Sleep(Duration),
    /// A deliberate panic.
    Crash,
}

/// A script line that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ScriptError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a script (see the module doc).
pub fn parse_script(text: &str) -> Result<Vec<Step>, ScriptError> {
    let mut steps = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_start();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: String| ScriptError {
            line: index + 1,
            message,
        };
        let (word, rest) = line.split_once(' ').unwrap_or((line.trim_end(), ""));
        let mut args = rest.split_whitespace();
        let mut number = |what: &str| -> Result<u64, ScriptError> {
            let arg = args
                .next()
                .ok_or_else(|| error(format!("{word}: missing {what}")))?;
            arg.parse()
                .map_err(|_| error(format!("{word}: {arg:?} is not a {what}")))
        };
        let step = match word {
            "tag" => {
                let id = StatementId(number("statement id")?);
                let key = rest.split_whitespace().nth(1).unwrap_or_default();
                let tag =
                    Tag::from_key(key).ok_or_else(|| error(format!("tag: unknown tag {key:?}")))?;
                Step::Edit(Op::Tag(id, Some(tag)))
            }
            "clear" => Step::Edit(Op::Tag(StatementId(number("statement id")?), None)),
            "note" => {
                let id = StatementId(number("statement id")?);
                let text = rest
                    .trim_start()
                    .split_once(' ')
                    .map(|(_, text)| text)
                    .unwrap_or_default();
                Step::Edit(Op::Note(id, unescape(text)))
            }
            "follow" => {
                let id = StatementId(number("statement id")?);
                let on = match rest.split_whitespace().nth(1) {
                    Some("on") => true,
                    Some("off") => false,
                    other => {
                        return Err(error(format!("follow: expected on or off, not {other:?}")));
                    }
                };
                Step::Edit(Op::FollowUp(id, on))
            }
            "split" => {
                let id = StatementId(number("statement id")?);
                let at = number("byte offset")?;
                let at =
                    usize::try_from(at).map_err(|_| error(format!("split: {at} is too large")))?;
                Step::Edit(Op::Split(id, at))
            }
            "merge" => Step::Edit(Op::Merge(StatementId(number("statement id")?))),
            "undo" => Step::Edit(Op::Undo),
            "redo" => Step::Edit(Op::Redo),
            "seal" => Step::Edit(Op::Seal),
            "save" => Step::Edit(Op::Save),
            "sleep" => Step::Sleep(Duration::from_millis(number("number of milliseconds")?)),
            "crash" => Step::Crash,
            other => return Err(error(format!("unknown command {other:?}"))),
        };
        steps.push(step);
    }
    Ok(steps)
}

/// Escapes a note for a script line: `\` and line breaks (merged notes
/// hold blank lines), the inverse of what `note` lines undo.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Applies one edit to `ws` through the one edit path, as the UI would.
/// `Save` is not handled here (it needs the file system and the autosaver)
/// and counts as a no-op.
pub fn apply(ws: &mut Workspace, op: &Op) -> Result<(), EditError> {
    match op {
        Op::Tag(id, tag) => ws.apply(Edit::SetTag { id: *id, tag: *tag }).map(drop),
        Op::Note(id, value) => ws
            .apply(Edit::SetText {
                id: *id,
                field: TextField::Note,
                value: value.clone(),
            })
            .map(drop),
        Op::FollowUp(id, follow_up) => ws
            .apply(Edit::SetFollowUp {
                id: *id,
                follow_up: *follow_up,
            })
            .map(drop),
        Op::Split(id, at) => ws.apply(Edit::Split { id: *id, at: *at }).map(drop),
        Op::Merge(id) => ws.apply(Edit::Merge { id: *id }).map(drop),
        Op::Undo => {
            ws.undo();
            Ok(())
        }
        Op::Redo => {
            ws.redo();
            Ok(())
        }
        Op::Seal | Op::Save => {
            ws.seal();
            Ok(())
        }
    }
}

/// Waits until `until`, ticking the autosaver at least every 5 ms and
/// exactly at its deadline.
fn pause(until: Instant, ws: &Workspace, autosaver: &mut Autosaver) {
    const STEP: Duration = Duration::from_millis(5);
    loop {
        let now = Instant::now();
        autosaver.tick(ws, now);
        if now >= until {
            return;
        }
        let mut wake = until.min(now + STEP);
        if let Some(deadline) = autosaver.next_deadline() {
            wake = wake.min(deadline.max(now));
        }
        std::thread::sleep(wake.saturating_duration_since(now));
    }
}

/// Runs the driver: opens `args.project`, applies the script, prints one
/// line per edit to `out`, and exits cleanly (removing the recovery file).
pub fn run(args: DriveArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let start = Instant::now();
    let script = std::fs::read_to_string(&args.script)
        .with_context(|| format!("Could not read the script: {}", args.script.display()))?;
    let steps =
        parse_script(&script).with_context(|| format!("Bad script: {}", args.script.display()))?;
    let (mut ws, notices) = Workspace::open(&args.project)?;
    for notice in notices {
        eprintln!("claimdesk: note: {notice}: {}", args.project.display());
    }
    let _lock = match ws.path().map(ProjectLock::acquire) {
        None => None,
        Some(Ok(lock)) => {
            if let Some(pid) = lock.took_over_from() {
                eprintln!(
                    "claimdesk: note: took over a stale lock of process {pid}: {}",
                    args.project.display()
                );
            }
            Some(lock)
        }
        // Headless: warn and go on, as a reviewer who clicks "open anyway".
        Some(Err(error @ LockError::HeldBy { .. })) => {
            eprintln!("claimdesk: warning: {error}");
            None
        }
        Some(Err(error)) => {
            eprintln!("claimdesk: warning: {error}");
            None
        }
    };
    let dir = recovery::data_dir()
        .context("There is no data directory for recovery files; set CLAIMDESK_DATA_DIR")?;
    let mut autosaver = Autosaver::new(dir, Duration::from_millis(args.autosave_ms));
    autosaver.install_panic_hook();
    let pace = Duration::from_millis(args.pace_ms);
    let mut next_edit = Instant::now();
    let mut count = 0usize;
    for step in steps {
        match step {
            Step::Sleep(duration) => pause(Instant::now() + duration, &ws, &mut autosaver),
            Step::Crash => crash(),
            Step::Edit(op) => {
                pause(next_edit, &ws, &mut autosaver);
                let result = match &op {
                    Op::Save => save(&mut ws, &mut autosaver),
                    op => apply(&mut ws, op).map_err(anyhow::Error::from),
                };
                count += 1;
                autosaver.tick(&ws, Instant::now());
                let ms = start.elapsed().as_millis();
                match result {
                    Ok(()) => writeln!(out, "applied {count} {ms}")?,
                    Err(error) => writeln!(out, "refused {count} {ms} {error:#}")?,
                }
                out.flush()?;
                next_edit = Instant::now() + pace;
            }
        }
    }
    autosaver.on_clean_exit();
    writeln!(out, "done {count} {}", start.elapsed().as_millis())?;
    out.flush()?;
    Ok(())
}

fn save(ws: &mut Workspace, autosaver: &mut Autosaver) -> anyhow::Result<()> {
    let path = ws
        .path()
        .map(Path::to_owned)
        .context("the project has never been saved; open a .claims.ron to use save")?;
    crate::project_file::save(ws.project(), &path)?;
    ws.mark_saved(path);
    autosaver.on_saved(ws);
    Ok(())
}

#[expect(
    clippy::panic,
    reason = "the script asked for a crash, to test the panic hook"
)]
fn crash() -> ! {
    panic!("crash requested by the drive script")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_notes_round_trip() {
        for note in ["plain", "a\n\nb", "back\\slash\\n", "cr\r\n", "trailing\\"] {
            let steps = parse_script(&format!("note 1 {}", escape(note))).unwrap();
            assert_eq!(
                steps,
                vec![Step::Edit(Op::Note(StatementId(1), note.into()))]
            );
        }
    }

    #[test]
    fn scripts_parse_and_errors_name_the_line() {
        let steps = parse_script(
            "# comment\n\ntag 3 fact\nclear 3\nnote 2 two  words \nnote 2\nnote 1 a\\n\\nb\\\\c\nfollow 1 on\nsplit 3 120\nmerge 1\nundo\nredo\nseal\nsave\nsleep 20\ncrash\n",
        )
        .unwrap();
        assert_eq!(
            steps,
            vec![
                Step::Edit(Op::Tag(StatementId(3), Some(Tag::Fact))),
                Step::Edit(Op::Tag(StatementId(3), None)),
                Step::Edit(Op::Note(StatementId(2), "two  words ".into())),
                Step::Edit(Op::Note(StatementId(2), String::new())),
                Step::Edit(Op::Note(StatementId(1), "a\n\nb\\c".into())),
                Step::Edit(Op::FollowUp(StatementId(1), true)),
                Step::Edit(Op::Split(StatementId(3), 120)),
                Step::Edit(Op::Merge(StatementId(1))),
                Step::Edit(Op::Undo),
                Step::Edit(Op::Redo),
                Step::Edit(Op::Seal),
                Step::Edit(Op::Save),
                Step::Sleep(Duration::from_millis(20)),
                Step::Crash,
            ]
        );
        for (bad, words) in [
            ("tag x fact", "line 1: tag: \"x\" is not a statement id"),
            ("tag 3 maybe", "unknown tag \"maybe\""),
            ("merge", "merge: missing statement id"),
            ("follow 2 perhaps", "expected on or off"),
            ("frobnicate", "unknown command"),
            ("split 1 99999999999999999999999", "is not a byte offset"),
        ] {
            let error = parse_script(&format!("undo\n\n{bad}"))
                .unwrap_err()
                .to_string();
            let words = words.replace("line 1", "line 3");
            assert!(error.contains(&words), "{bad}: {error}");
            assert!(error.starts_with("line 3: "), "{error}");
        }
    }
}
