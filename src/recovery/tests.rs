//! Tests of the parent module.

use std::sync::Arc;

use super::*;
use crate::model::{Article, Tag};

fn project() -> Project {
    Project::new(
        Article::new(
            "T",
            Some("a.txt".into()),
            Arc::from("One here. Two there. Three."),
        ),
        vec![0..9, 10..20, 21..27],
        "en",
    )
}

fn snapshot(path: Option<&Path>) -> Snapshot {
    let mut project = project();
    project.statements[1].tag = Some(Tag::Opinion);
    project.statements[1].note = "line one\nline two".into();
    Snapshot {
        project,
        project_path: path.map(Path::to_owned),
        taken: SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000),
    }
}

/// A file system that keeps track of which files' data reached the
/// disk, and can be cut (every operation after the `cut`-th fails, as
/// if the power went): the model of a journaling file system, where
/// renames and links are atomic and ordered but file data is on disk
/// only once flushed.
#[cfg(unix)]
struct PowerCut {
    cut: usize,
    ops: std::cell::Cell<usize>,
    /// Inodes whose data was flushed.
    synced: std::cell::RefCell<std::collections::HashSet<u64>>,
    /// Whether `sync` (inside an atomic write) really flushes.
    flush_writes: bool,
}

#[cfg(unix)]
impl PowerCut {
    fn step(&self) -> std::io::Result<()> {
        let n = self.ops.get();
        self.ops.set(n + 1);
        if n >= self.cut {
            return Err(std::io::Error::other("power cut"));
        }
        Ok(())
    }
    fn ino(path: &Path) -> Option<u64> {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata(path).ok().map(|m| m.ino())
    }
    /// After the cut: every file whose data was never flushed is torn.
    fn tear_unsynced(&self, dir: &Path) {
        for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if Self::ino(&path).is_some_and(|i| !self.synced.borrow().contains(&i)) {
                let bytes = std::fs::read(&path).unwrap();
                std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
            }
        }
    }
}

#[cfg(unix)]
impl FileSystem for PowerCut {
    type File = std::fs::File;
    fn create_new(&self, path: &Path) -> std::io::Result<std::fs::File> {
        self.step()?;
        RealFs.create_new(path)
    }
    fn sync(&self, file: &mut std::fs::File) -> std::io::Result<()> {
        use std::os::unix::fs::MetadataExt as _;
        self.step()?;
        if self.flush_writes {
            self.synced.borrow_mut().insert(file.metadata()?.ino());
        }
        Ok(())
    }
    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.step()?;
        std::fs::rename(from, to)
    }
    fn remove(&self, path: &Path) -> std::io::Result<()> {
        std::fs::remove_file(path)
    }
    fn hard_link(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.step()?;
        std::fs::hard_link(from, to)
    }
    fn sync_path(&self, path: &Path) -> std::io::Result<()> {
        self.step()?;
        if let Some(ino) = Self::ino(path) {
            self.synced.borrow_mut().insert(ino);
        }
        Ok(())
    }
}

#[cfg(unix)]
#[test]
fn a_power_cut_at_any_step_leaves_a_readable_recovery_file() {
    // The autosaver's sequence for three generations: write unflushed
    // and rename into place, then capture, flush and commit the
    // durable copy. Cut the power after every step in turn: once one
    // generation was made durable, the recovery file always reads, and
    // never goes back past the newest durable generation.
    fn generation(n: u8) -> Snapshot {
        let mut snap = snapshot(Some(Path::new("/tmp/p.claims.ron")));
        snap.project.statements[0].note = format!("generation {n}");
        snap.taken =
            SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000 + u64::from(n));
        snap
    }
    let mut cut = 0;
    loop {
        let dir = tempfile::tempdir().unwrap();
        let fs = PowerCut {
            cut,
            ops: std::cell::Cell::new(0),
            synced: Default::default(),
            flush_writes: false,
        };
        let mut durable = 0u8;
        let mut primary = None;
        let mut finished = true;
        for n in 1..=3u8 {
            let Ok(file) = write_with(&fs, dir.path(), &generation(n)) else {
                finished = false;
                break;
            };
            primary = Some(file.clone());
            let Ok(tmp) = capture_durable(&fs, &file) else {
                finished = false;
                break;
            };
            if commit_durable(&fs, &tmp, &file).is_err() {
                finished = false;
                break;
            }
            durable = n;
        }
        fs.tear_unsynced(dir.path());
        if durable > 0 {
            let file = primary.clone().unwrap();
            let entry = read(&file);
            let project = entry
                .project
                .unwrap_or_else(|e| panic!("cut after {cut} steps: {e}"));
            let note = &project.statements[0].note;
            let got: u8 = note.trim_start_matches("generation ").parse().unwrap();
            assert!(
                got >= durable,
                "cut {cut}: got generation {got}, {durable} was durable"
            );
            assert_eq!(list(dir.path()).len(), 1, "cut {cut}: listed once");
        }
        if finished {
            assert!(cut > 10, "the sequence has more than ten steps");
            break;
        }
        cut += 1;
    }
}

#[test]
fn write_then_list_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let project_dir = tempfile::tempdir().unwrap();
    let project_path = project_dir.path().join("p\nq.claims.ron");
    let snap = snapshot(Some(&project_path));
    let file = write(dir.path(), &snap).unwrap();
    assert!(file.starts_with(dir.path()));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines()
            .next()
            .unwrap()
            .matches("recovery_version")
            .count(),
        1,
        "one-line header even with a newline in the path: {text}"
    );
    let entries = list(dir.path());
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry.path, file);
    assert_eq!(entry.written, Some(snap.taken));
    assert_eq!(entry.pid, Some(std::process::id()));
    assert_eq!(
        entry.project_path.as_deref(),
        Some(std::path::absolute(&project_path).unwrap().as_path())
    );
    assert_eq!(entry.project.as_ref().unwrap(), &snap.project);
    // A second write replaces, never adds.
    write(dir.path(), &snap).unwrap();
    assert_eq!(list(dir.path()).len(), 1);
}

#[test]
fn unsaved_projects_are_keyed_by_text_and_saved_ones_by_path() {
    let dir = Path::new("/r");
    let hash = project().article.text_hash;
    assert_eq!(file_for(dir, None, &hash), file_for(dir, None, &hash));
    assert_ne!(file_for(dir, None, &hash), file_for(dir, None, "sha256:0"));
    assert_ne!(
        file_for(dir, Some(Path::new("/x/a.claims.ron")), &hash),
        file_for(dir, Some(Path::new("/x/b.claims.ron")), &hash)
    );
    assert_eq!(
        file_for(dir, Some(Path::new("/x/a.claims.ron")), "one"),
        file_for(dir, Some(Path::new("/x/./a.claims.ron")), "other"),
        "the path, not the text, identifies a saved project"
    );
}

#[test]
fn damaged_files_are_listed_with_their_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), &snapshot(None)).unwrap();
    let text = std::fs::read_to_string(&good).unwrap();
    let (header, body) = text.split_once('\n').unwrap();
    std::fs::write(dir.path().join("a-nohdr.recovery.ron"), "no header").unwrap();
    std::fs::write(
        dir.path().join("b-badhdr.recovery.ron"),
        format!("(((\n{body}"),
    )
    .unwrap();
    let newer = header.replace("recovery_version:1", "recovery_version:9");
    assert_ne!(newer, header);
    std::fs::write(
        dir.path().join("c-newer.recovery.ron"),
        format!("{newer}\n{body}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d-body.recovery.ron"),
        format!("{header}\n{}", body.replace("next_id: 4", "next_id: 2")),
    )
    .unwrap();
    std::fs::write(dir.path().join("e-bin.recovery.ron"), b"\xff\xfe\0").unwrap();
    std::fs::write(dir.path().join(".x.recovery.ron.tmp-1-0"), "junk").unwrap();
    std::fs::create_dir(dir.path().join("f-dir.recovery.ron")).unwrap();
    let entries = list(dir.path());
    assert_eq!(entries.len(), 6, "{entries:#?}");
    let message = |name: &str| {
        let e = entries
            .iter()
            .find(|e| e.path.file_name().unwrap() == name)
            .unwrap();
        let error = e.project.as_ref().unwrap_err().to_string();
        assert!(error.ends_with(name), "path last: {error}");
        error
    };
    assert!(message("a-nohdr.recovery.ron").contains("no header line"));
    assert!(message("b-badhdr.recovery.ron").contains("header is damaged"));
    assert!(message("c-newer.recovery.ron").contains("recovery format 9"));
    assert!(message("d-body.recovery.ron").contains("not below next_id"));
    assert!(message("e-bin.recovery.ron").contains("not UTF-8"));
}

#[test]
fn differing_counts_added_removed_and_changed_by_id() {
    let saved = project();
    assert_eq!(differing_statements(&saved, &saved), 0);
    let mut changed = saved.clone();
    changed.statements[0].tag = Some(Tag::Fact);
    assert_eq!(differing_statements(&saved, &changed), 1);
    // Merge 2 and 3: statement 2 changed (span), statement 3 removed.
    let mut merged = saved.clone();
    merged.statements[1].range = 10..27;
    merged.statements.remove(2);
    assert_eq!(differing_statements(&saved, &merged), 2);
    // Split 1: statement 1 changed, a new one added.
    let mut split = saved.clone();
    split.statements[0].range = 0..3;
    split
        .statements
        .insert(1, crate::model::Statement::new(StatementId(4), 4..9));
    assert_eq!(differing_statements(&saved, &split), 2);
    assert_eq!(differing_statements(&split, &saved), 2);
}

#[test]
fn startup_offer_finds_the_project_and_skips_live_writers() {
    let dir = tempfile::tempdir().unwrap();
    let project_dir = tempfile::tempdir().unwrap();
    let path = project_dir.path().join("a.claims.ron");
    std::fs::write(&path, "x").unwrap();
    assert!(startup_offer(dir.path(), Some(&path)).is_none());
    let file = write(dir.path(), &snapshot(Some(&path))).unwrap();
    // Written by this very process: at a real start-up that pid is a
    // previous, dead process, so it is offered.
    let offer = startup_offer(dir.path(), Some(&path)).unwrap();
    assert_eq!(offer.path, file);
    let saved = project();
    assert_eq!(
        offer.describe(Some(&saved)),
        "Unsaved work from 2023-11-14T22:13:20Z: 1 statement differs from the saved file."
    );
    assert!(startup_offer(dir.path(), None).is_some());
    assert!(startup_offer(dir.path(), Some(&project_dir.path().join("b.claims.ron"))).is_none());

    // Rewrite the header as if another, running process owned it: its
    // session file is held by a second real process (flock -o holds
    // the lock itself, so killing it releases the lock).
    let text = std::fs::read_to_string(&file).unwrap();
    let own = crate::lock::own_session(dir.path()).unwrap();
    let live = text.replacen(&own, "77-1", 1);
    assert_ne!(live, text);
    std::fs::write(&file, live).unwrap();
    let session = dir.path().join(".session-77-1.lock");
    std::fs::write(&session, "").unwrap();
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(&session)
        .args(["sleep", "30"])
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    // Probe without removing (session_alive would remove an unlocked
    // file before flock got to it).
    while std::fs::File::open(&session).unwrap().try_lock().is_ok() {
        assert!(std::time::Instant::now() < deadline, "flock never locked");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(startup_offer(dir.path(), Some(&path)).is_none());
    assert!(startup_offer(dir.path(), None).is_none());
    // The other process dies: its work is offered, whatever its pid.
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(startup_offer(dir.path(), Some(&path)).is_some());
    discard(&file).unwrap();
    discard(&file).unwrap();
    assert!(list(dir.path()).is_empty());
}

#[test]
fn article_offer_uses_the_text_hash() {
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot(None);
    write(dir.path(), &snap).unwrap();
    let offer = offer_for_article(dir.path(), &snap.project.article.text_hash).unwrap();
    assert!(
        offer.describe(None).contains("never saved"),
        "{}",
        offer.describe(None)
    );
    assert!(offer_for_article(dir.path(), "sha256:other").is_none());
}
