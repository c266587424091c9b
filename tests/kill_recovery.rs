//! The kill test: the real binary, driven headless (`claimdesk drive`),
//! makes paced edits and is killed with SIGKILL at a random moment; the
//! recovery file it leaves must hold every edit made more than the autosave
//! delay before the kill.
//!
//! How each round checks it:
//! 1. A random script of edits (tags, notes that coalesce like typing,
//!    follow-up flags, splits, merges, undo, redo) is generated against a
//!    model workspace, so every edit is one the workspace accepts.
//! 2. The binary runs the script with `--autosave-ms 300`, one edit every
//!    15 ms, printing `applied <n> <ms>` after each. A reader thread stamps
//!    each line with the time it was *read*, which is never earlier than
//!    the edit, so "read more than `delay` before the kill" implies "made
//!    more than `delay` before the kill".
//! 3. At a uniformly random moment in 0..1500 ms after spawning, the child
//!    is killed (`Child::kill` is SIGKILL on Unix).
//! 4. The recovery file is read through the library and compared with the
//!    script's prefixes replayed onto the original project with
//!    `Workspace::apply` (ignoring the per-statement "modified" stamps,
//!    which come from the clock). It must equal a prefix at least as long as
//!    the last edit read more than `delay` before the kill; edits missing
//!    from it count as lost.
//!
//! Rounds alternate between a saved project (recovery keyed by path; each
//! worker reuses its project, so every round after the first also finds the
//! stale lock of the process killed before it and must take it over) and a
//! never-saved article (keyed by the article's text). Four workers run in
//! parallel so 200 rounds take well under a minute.
//!
//! `KILL_ROUNDS` overrides the number of rounds; `KILL_SEED` replays a run.

// Helpers outside #[test] fns are test code too: a failed unwrap is a
// failed test, which clippy's allow-*-in-tests settings do not see.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use claimdesk::drive::{self, Op, Step};
use claimdesk::model::{Project, StatementId, Tag};
use claimdesk::recovery;
use claimdesk::workspace::Workspace;

const DELAY_MS: u64 = 300;
const PACE_MS: u64 = 15;
const KILL_WINDOW_MS: u64 = 1500;
const EDITS_PER_SCRIPT: usize = 160;
const WORKERS: usize = 4;

/// splitmix64: small, seedable, good enough to pick edits and kill times.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A random edit the model accepts, as a script line; applies it to `ws`.
fn random_edit(rng: &mut Rng, ws: &mut Workspace, last_note: &mut Option<u64>) -> String {
    loop {
        let statements = &ws.project().statements;
        let pick = &statements[rng.below(statements.len() as u64) as usize];
        let id = pick.id.0;
        let (line, op) = match rng.below(100) {
            0..=24 => {
                let tag = Tag::ALL[rng.below(3) as usize];
                (
                    format!("tag {id} {}", tag.key()),
                    Op::Tag(StatementId(id), Some(tag)),
                )
            }
            25..=29 => (format!("clear {id}"), Op::Tag(StatementId(id), None)),
            30..=54 => {
                // Keep typing into the same note most of the time, so notes
                // grow one keystroke at a time and coalesce like typing.
                let id = match *last_note {
                    Some(last)
                        if rng.below(4) != 0
                            && ws.project().statement(StatementId(last)).is_some() =>
                    {
                        last
                    }
                    _ => id,
                };
                let current = ws
                    .project()
                    .statement(StatementId(id))
                    .map(|s| s.note.clone())
                    .unwrap_or_default();
                let next = format!(
                    "{current}{}",
                    ["a", "b", " ", "é", "字"][rng.below(5) as usize]
                );
                *last_note = Some(id);
                (
                    format!("note {id} {}", drive::escape(&next)),
                    Op::Note(StatementId(id), next),
                )
            }
            55..=62 => {
                let on = rng.below(2) == 0;
                (
                    format!("follow {id} {}", if on { "on" } else { "off" }),
                    Op::FollowUp(StatementId(id), on),
                )
            }
            63..=72 => {
                let text = ws.project().text_of(pick);
                let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
                if spaces.is_empty() {
                    continue;
                }
                let at = pick.range.start + spaces[rng.below(spaces.len() as u64) as usize];
                (format!("split {id} {at}"), Op::Split(StatementId(id), at))
            }
            73..=80 => (format!("merge {id}"), Op::Merge(StatementId(id))),
            81..=90 => ("undo".to_owned(), Op::Undo),
            91..=96 => ("redo".to_owned(), Op::Redo),
            _ => ("seal".to_owned(), Op::Seal),
        };
        if drive::apply(ws, &op).is_ok() {
            return line;
        }
    }
}

fn script(rng: &mut Rng, original: &Workspace) -> String {
    let mut ws = original.clone();
    let mut last_note = None;
    let mut out = String::from("# generated by tests/kill_recovery.rs\n");
    for _ in 0..EDITS_PER_SCRIPT {
        out.push_str(&random_edit(rng, &mut ws, &mut last_note));
        out.push('\n');
    }
    out
}

/// The project with the clock's stamps removed, for comparing states.
fn normalised(project: &Project) -> Project {
    let mut p = project.clone();
    for s in &mut p.statements {
        s.modified = None;
    }
    // Opening an article records when it was read: the driver and this
    // test open it at different moments.
    if let Some(provenance) = &mut p.meta.provenance {
        provenance.retrieved.clear();
    }
    p
}

/// The project after each prefix of the script: `states[k]` after k edits.
fn prefix_states(original: &Workspace, script: &str) -> Vec<Project> {
    let mut ws = original.clone();
    let mut states = vec![normalised(ws.project())];
    for step in drive::parse_script(script).unwrap() {
        if let Step::Edit(op) = step {
            drive::apply(&mut ws, &op).unwrap();
            states.push(normalised(ws.project()));
        }
    }
    states
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    rounds: usize,
    checked: usize,
    lost: usize,
    recovered_files: usize,
    takeovers: usize,
}

struct Round<'a> {
    open: &'a Path,
    original: &'a Workspace,
    data: PathBuf,
    script_path: PathBuf,
}

fn run_round(round: &Round<'_>, rng: &mut Rng, label: &str) -> Tally {
    let script = script(rng, round.original);
    std::fs::write(&round.script_path, &script).unwrap();
    let _ = std::fs::remove_dir_all(&round.data);
    let kill_after = Duration::from_millis(rng.below(KILL_WINDOW_MS));
    let spawned = Instant::now();
    let spawned_wall = std::time::SystemTime::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("drive")
        .arg("--project")
        .arg(round.open)
        .arg("--script")
        .arg(&round.script_path)
        .arg("--autosave-ms")
        .arg(DELAY_MS.to_string())
        .arg("--pace-ms")
        .arg(PACE_MS.to_string())
        .env("CLAIMDESK_DATA_DIR", &round.data)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let stderr = child.stderr.take().unwrap();
    let err_reader =
        std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    std::thread::sleep(kill_after.saturating_sub(spawned.elapsed()));
    let killed_at = Instant::now();
    child.kill().unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    let lines: Vec<(Instant, String)> = rx.into_iter().collect();
    assert!(!stderr.contains("panicked"), "{label}: {stderr}");
    assert!(
        !lines.iter().any(|(_, l)| l.starts_with("done")),
        "{label}: the script ran out before the kill; make it longer"
    );
    assert!(!status.success(), "{label}: killed, so not a success");

    let mut last_read = 0usize;
    let mut required = 0usize;
    let delay = Duration::from_millis(DELAY_MS);
    for (read_at, line) in &lines {
        let mut words = line.split(' ');
        let kind = words.next().unwrap();
        assert_eq!(kind, "applied", "{label}: unexpected line {line:?}");
        let n: usize = words.next().unwrap().parse().unwrap();
        assert_eq!(n, last_read + 1, "{label}: edits numbered in order");
        last_read = n;
        if *read_at + delay < killed_at {
            required = n;
        }
    }

    let states = prefix_states(round.original, &script);
    let entries = recovery::list(&round.data.join("recovery"));
    assert!(entries.len() <= 1, "{label}: {entries:#?}");
    let mut tally = Tally {
        rounds: 1,
        checked: required,
        takeovers: usize::from(stderr.contains("took over a stale lock")),
        ..Tally::default()
    };
    let diagnosis;
    match entries.into_iter().next() {
        // No file: the state to recover is the original (never edited, or
        // undone back to it, which removes the file).
        None => {
            let best = (0..=last_read.min(states.len() - 1))
                .filter(|&k| states[k] == states[0])
                .max()
                .unwrap_or(0);
            tally.lost = required.saturating_sub(best);
            diagnosis = "no recovery file".to_owned();
        }
        Some(entry) => {
            tally.recovered_files = 1;
            let project = entry
                .project
                .unwrap_or_else(|e| panic!("{label}: unreadable recovery file: {e}"));
            let recovered = normalised(&project);
            let matches: Vec<usize> = (0..states.len())
                .filter(|&k| states[k] == recovered)
                .collect();
            assert!(
                !matches.is_empty(),
                "{label}: the recovery file matches no state the script went through"
            );
            // It may hold one edit whose line was not read yet (killed
            // between the hand-off and the print), never more.
            assert!(
                matches.iter().any(|&k| k <= last_read + 1),
                "{label}: recovered {matches:?} but only {last_read} edits were applied"
            );
            let best = matches
                .iter()
                .copied()
                .filter(|&k| k <= last_read + 1)
                .max()
                .unwrap_or(0);
            tally.lost = required.saturating_sub(best);
            let taken = entry
                .written
                .and_then(|w| w.duration_since(spawned_wall).ok())
                .unwrap_or_default();
            let best_read = lines
                .get(best.saturating_sub(1))
                .map(|(t, _)| t.duration_since(spawned))
                .unwrap_or_default();
            let required_read = lines
                .get(required.saturating_sub(1))
                .map(|(t, _)| t.duration_since(spawned))
                .unwrap_or_default();
            diagnosis = format!(
                "file holds {best} edits (edit {best} read at {best_read:?}), snapshot taken at {taken:?}; \
                 edit {required} read at {required_read:?}; kill at {:?}",
                killed_at.duration_since(spawned)
            );
        }
    }
    if tally.lost > 0 {
        eprintln!(
            "{label}: lost {} edits (required {required}, read {last_read}, killed after {:?}): {diagnosis}",
            tally.lost, kill_after
        );
    }
    tally
}

#[test]
fn every_edit_older_than_the_delay_survives_sigkill() {
    let rounds: usize = std::env::var("KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("kill test seed {seed} (KILL_SEED={seed} replays it)");
    let base = tempfile::tempdir().unwrap();
    let article = base.path().join("sample.txt");
    std::fs::write(&article, claimdesk::SAMPLE_ARTICLE).unwrap();
    let (from_article, _) = Workspace::open(&article).unwrap();
    assert!(from_article.project().statements.len() >= 10);

    let started = Instant::now();
    let totals: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let base = base.path();
                let article = &article;
                let from_article = &from_article;
                scope.spawn(move || {
                    let dir = base.join(format!("w{worker}"));
                    std::fs::create_dir_all(&dir).unwrap();
                    let project_path = dir.join("story.claims.ron");
                    claimdesk::project_file::save(from_article.project(), &project_path).unwrap();
                    let (saved, _) = Workspace::open(&project_path).unwrap();
                    let mut rng = Rng(seed ^ (worker as u64).wrapping_mul(0xA076_1D64_78BD_642F));
                    let mut tally = Tally::default();
                    for i in (worker..rounds).step_by(WORKERS) {
                        let (open, original): (&Path, &Workspace) = if i % 2 == 0 {
                            (&project_path, &saved)
                        } else {
                            (article, from_article)
                        };
                        let round = Round {
                            open,
                            original,
                            data: dir.join("data"),
                            script_path: dir.join("script.txt"),
                        };
                        let t = run_round(&round, &mut rng, &format!("round {i}"));
                        tally.rounds += t.rounds;
                        tally.checked += t.checked;
                        tally.lost += t.lost;
                        tally.recovered_files += t.recovered_files;
                        tally.takeovers += t.takeovers;
                    }
                    tally
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let total = totals.iter().fold(Tally::default(), |a, t| Tally {
        rounds: a.rounds + t.rounds,
        checked: a.checked + t.checked,
        lost: a.lost + t.lost,
        recovered_files: a.recovered_files + t.recovered_files,
        takeovers: a.takeovers + t.takeovers,
    });
    eprintln!(
        "kill test: {} rounds, {} edits checked, {} lost ({} recovery files read, {} stale locks taken over, {:.1} s)",
        total.rounds,
        total.checked,
        total.lost,
        total.recovered_files,
        total.takeovers,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(total.rounds, rounds);
    assert!(
        total.checked > rounds,
        "too few edits checked to mean anything"
    );
    assert!(
        rounds < 20 || total.takeovers > 0,
        "killed processes leave stale locks that the next round must take over"
    );
    assert_eq!(
        total.lost, 0,
        "edits older than the autosave delay were lost"
    );
}

/// A panic (not a kill) loses nothing older than the delay either, and a
/// clean run leaves no recovery file behind.
#[test]
fn a_panic_keeps_the_work_and_a_clean_exit_removes_it() {
    let base = tempfile::tempdir().unwrap();
    let article = base.path().join("sample.txt");
    std::fs::write(&article, claimdesk::SAMPLE_ARTICLE).unwrap();
    let data = base.path().join("data");
    let run = |script: &str| {
        let path = base.path().join("script.txt");
        std::fs::write(&path, script).unwrap();
        Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .args(["drive", "--autosave-ms", "200", "--project"])
            .arg(&article)
            .arg("--script")
            .arg(&path)
            .env("CLAIMDESK_DATA_DIR", &data)
            .output()
            .unwrap()
    };
    let out = run("tag 1 fact\nnote 2 checked\nsleep 400\ntag 3 opinion\ncrash\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("crash requested by the drive script"),
        "{stderr}"
    );
    let entries = recovery::list(&data.join("recovery"));
    assert_eq!(entries.len(), 1, "{entries:#?}");
    let project = entries[0].project.as_ref().unwrap();
    assert_eq!(project.statements[0].tag, Some(Tag::Fact));
    assert_eq!(project.statements[1].note, "checked");
    // The offer the app would show at the next start.
    let offer = recovery::startup_offer(&data.join("recovery"), None).unwrap();
    assert!(
        offer.describe(None).contains("never saved"),
        "{}",
        offer.describe(None)
    );

    let out = run("tag 1 fact\nsleep 300\nundo\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("applied 1 "), "{stdout}");
    assert!(stdout.contains("\ndone 2 "), "{stdout}");
    // Same article, so same recovery file: the clean exit removed it.
    assert!(recovery::list(&data.join("recovery")).is_empty());
}

/// `save` in a script writes the project and removes the recovery file;
/// a refused edit is reported and changes nothing.
#[test]
fn save_removes_the_recovery_file_and_refusals_are_reported() {
    let base = tempfile::tempdir().unwrap();
    let article = base.path().join("sample.txt");
    std::fs::write(&article, claimdesk::SAMPLE_ARTICLE).unwrap();
    let (ws, _) = Workspace::open(&article).unwrap();
    let project_path = base.path().join("p.claims.ron");
    claimdesk::project_file::save(ws.project(), &project_path).unwrap();
    let data = base.path().join("data");
    let script = base.path().join("script.txt");
    std::fs::write(
        &script,
        "tag 1 fact\nmerge 999\nsleep 300\nsave\ntag 2 opinion\ncrash\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["drive", "--autosave-ms", "100", "--project"])
        .arg(&project_path)
        .arg("--script")
        .arg(&script)
        .env("CLAIMDESK_DATA_DIR", &data)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().nth(1).unwrap().starts_with("refused 2 ")
            && stdout.contains("statement #999 no longer exists"),
        "{stdout}"
    );
    let saved = claimdesk::project_file::load(&project_path).unwrap();
    assert_eq!(saved.statements[0].tag, Some(Tag::Fact));
    assert_eq!(saved.statements[1].tag, None);
    // The crash came right after the last tag (younger than the delay), so
    // there may or may not be a recovery file; if there is, it is the
    // saved project plus at most that one tag.
    for entry in recovery::list(&data.join("recovery")) {
        let p = entry.project.unwrap();
        assert_eq!(p.statements[0].tag, Some(Tag::Fact));
        assert_eq!(recovery::differing_statements(&saved, &p), 1);
    }
    // The panic unwound through the driver, releasing its lock.
    assert!(!project_path.with_file_name(".p.claims.ron.lock").exists());
}
