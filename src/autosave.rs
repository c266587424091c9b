//! Autosave: unsaved work goes to a recovery file in the background, so a
//! crash, kill or power loss costs at most the last moment of work.
//!
//! # The guarantee
//! **Every edit is in the recovery file no later than `delay` after it was
//! made**, provided [`Autosaver::tick`] runs at least every few milliseconds
//! while a deadline is pending (the UI asks for a repaint at
//! [`Autosaver::next_deadline`]; the headless driver ticks in its loop) and
//! writing one recovery file takes less than `delay / 2`.
//!
//! How: the first tick that sees a change starts a clock; `delay / 2` later
//! the UI thread clones the project (cheap: the article text is shared) and
//! hands the clone to a writer thread, leaving the other half of `delay`
//! for serialising and writing it. This is not a debounce: typing without
//! pause does not postpone the write, because the clock runs from the
//! *oldest* unsaved edit, not the newest. The writer only ever writes the
//! latest snapshot handed over; one superseded while it was busy is skipped.
//!
//! Focus loss calls [`Autosaver::flush_now`], which hands over at once.
//! Saving calls [`Autosaver::on_saved`] and a clean exit
//! [`Autosaver::on_clean_exit`], which remove the recovery file: the project
//! file then has everything. Undoing back to the saved state removes it too.
//! A panic hook ([`Autosaver::install_panic_hook`]) makes sure a snapshot
//! already handed over is written before the process ends, rather than lost
//! with the writer thread.
//!
//! Writes do not wait for the disk (see [`crate::recovery`]): a file is
//! safe from a kill once renamed into place, and a second thread makes it
//! safe from power loss right after, so a disk stalled by other programs'
//! writes cannot push a recovery write past its deadline. That thread
//! flushes a hard-linked capture of the file and renames it into place as
//! the file's durable copy ([`recovery::durable_copy`]): the previous
//! generation stays on disk until the new one is, so a power cut at any
//! moment leaves a readable recovery file.
//!
//! Write errors never interrupt the reviewer: the latest one is kept for the
//! status bar ([`Autosaver::last_error`]) and the next change tries again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, TryLockError, Weak};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant, SystemTime};

use crate::atomic::{FileSystem as _, RealFs};
use crate::recovery::{self, Snapshot};
use crate::workspace::Workspace;

/// The delay the app uses: short enough that a crash costs a sentence of
/// typing, long enough that a fast typist does not cause a write per key.
pub const DEFAULT_DELAY: Duration = Duration::from_secs(3);

/// How long the panic hook waits for a write in progress before giving up.
const PANIC_WAIT: Duration = Duration::from_secs(2);

/// Work waiting for the writer. A removal and a write may both be pending:
/// removals run first, since a write handed over later is newer.
#[derive(Default)]
struct Slot {
    write: Option<(u64, Snapshot)>,
    remove: Option<(u64, Vec<PathBuf>)>,
}

/// What the writer has done; its mutex is held for the whole of a write, so
/// whoever holds it is the only one touching recovery files.
#[derive(Default)]
struct Done {
    seq: u64,
    /// Recovery files written by this autosaver and not yet removed.
    files: BTreeSet<PathBuf>,
    last_written: Option<SystemTime>,
    last_error: Option<String>,
}

struct Shared {
    dir: PathBuf,
    /// Hands written files to the flushing thread; `None` without one
    /// (then files are flushed by the writer itself).
    syncer: Mutex<Option<Sender<PathBuf>>>,
    slot: Mutex<Slot>,
    done: Mutex<Done>,
    progress: Condvar,
    writer: Mutex<Option<ThreadId>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding one of these leaves consistent data (every
    // update is a plain assignment), so poisoning is ignored.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    /// Does whatever is pending; `done` is held, so this is the only writer.
    fn process(&self, done: &mut Done) {
        let (remove, write) = {
            let mut slot = lock(&self.slot);
            (slot.remove.take(), slot.write.take())
        };
        if let Some((seq, extra)) = remove {
            let files = std::mem::take(&mut done.files);
            for file in files.into_iter().chain(extra) {
                if let Err(error) = recovery::discard(&file) {
                    done.last_error = Some(error.to_string());
                }
            }
            done.seq = done.seq.max(seq);
        }
        if let Some((seq, snapshot)) = write {
            match recovery::write_unsynced(&self.dir, &snapshot) {
                Ok(file) => {
                    self.sync_later(&file);
                    done.files.insert(file);
                    done.last_written = Some(snapshot.taken);
                    done.last_error = None;
                }
                Err(error) => done.last_error = Some(error.to_string()),
            }
            done.seq = done.seq.max(seq);
        }
        self.progress.notify_all();
    }

    /// Flushes `file` to the disk on the flushing thread, or here without
    /// one. Flush errors are not reported: the file is safe from a kill
    /// anyway, and the next write tries again.
    fn sync_later(&self, file: &Path) {
        let sent = lock(&self.syncer)
            .as_ref()
            .is_some_and(|tx| tx.send(file.to_owned()).is_ok());
        if !sent {
            let _ = recovery::make_durable(file);
        }
    }

    fn process_now(&self) {
        let mut done = lock(&self.done);
        self.process(&mut done);
    }

    /// From the panic hook: write what is pending, waiting a little for a
    /// write in progress, never deadlocking on the writer's own panic.
    fn process_before_exit(&self) {
        if *lock(&self.writer) == Some(std::thread::current().id()) {
            return;
        }
        let deadline = Instant::now() + PANIC_WAIT;
        loop {
            match self.done.try_lock() {
                Ok(mut done) => return self.process(&mut done),
                Err(TryLockError::Poisoned(poisoned)) => {
                    return self.process(&mut poisoned.into_inner());
                }
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => return,
            }
        }
    }
}

enum Wake {
    Work,
    Stop,
}

/// Makes written files durable; several queued names of one file are
/// handled once. A file the writer removed meanwhile (the work was saved
/// or discarded) is skipped, and the check and the final rename happen
/// under the writer's lock, so a removed file never comes back as its
/// durable copy.
fn syncer_loop(files: &Receiver<PathBuf>, shared: &Weak<Shared>) {
    while let Ok(first) = files.recv() {
        let mut batch = BTreeSet::from([first]);
        while let Ok(more) = files.try_recv() {
            batch.insert(more);
        }
        for file in batch {
            let Some(strong) = shared.upgrade() else {
                return;
            };
            // The link is taken under the writer's lock (the file may not
            // be removed in between); the slow flush runs without it, so
            // a stalled disk never holds up the next recovery write.
            let captured = {
                let done = lock(&strong.done);
                if !done.files.contains(&file) {
                    continue;
                }
                recovery::link_capture(&RealFs, &file)
            };
            let Ok(tmp) = captured else {
                continue;
            };
            if RealFs.sync_path(&tmp).is_err() {
                let _ = std::fs::remove_file(&tmp);
                continue;
            }
            let done = lock(&strong.done);
            if done.files.contains(&file) {
                let _ = recovery::commit_durable(&RealFs, &tmp, &file);
            } else {
                let _ = std::fs::remove_file(&tmp);
            }
        }
    }
}

fn writer_loop(shared: &Shared, wake: &Receiver<Wake>) {
    while let Ok(first) = wake.recv() {
        let mut stop = matches!(first, Wake::Stop);
        // Every doorbell rung while we were busy is answered by one pass:
        // the slot holds only the newest snapshot anyway.
        while let Ok(more) = wake.try_recv() {
            stop |= matches!(more, Wake::Stop);
        }
        shared.process_now();
        if stop {
            break;
        }
    }
}

/// What the autosaver last saw of the workspace, to notice any change.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    revision: u64,
    path: Option<PathBuf>,
    text_hash: String,
}

impl Seen {
    fn matches(&self, ws: &Workspace) -> bool {
        self.revision == ws.revision()
            && self.path.as_deref() == ws.path()
            && self.text_hash == ws.project().article.text_hash
    }

    fn of(ws: &Workspace) -> Self {
        Self {
            revision: ws.revision(),
            path: ws.path().map(Path::to_owned),
            text_hash: ws.project().article.text_hash.clone(),
        }
    }
}

/// Writes unsaved work to recovery files on a background thread. One per
/// open project window; see the module doc for the guarantee. Before the
/// window switches to another project, call [`Autosaver::on_saved`] or
/// [`Autosaver::forget`] for the old one, as the reviewer chose.
pub struct Autosaver {
    shared: Arc<Shared>,
    delay: Duration,
    wake: Option<Sender<Wake>>,
    thread: Option<JoinHandle<()>>,
    syncer: Option<JoinHandle<()>>,
    seen: Option<Seen>,
    /// When the oldest change not yet handed over was first seen.
    pending_since: Option<Instant>,
    /// The sequence number of the last job handed over.
    handed: u64,
    /// Whether a write was handed over since the last removal.
    wrote: bool,
}

impl std::fmt::Debug for Autosaver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Autosaver")
            .field("dir", &self.shared.dir)
            .field("delay", &self.delay)
            .field("pending_since", &self.pending_since)
            .field("handed", &self.handed)
            .finish_non_exhaustive()
    }
}

impl Autosaver {
    /// An autosaver writing recovery files into `dir` (usually
    /// [`recovery::data_dir`]), each edit at most `delay` after it is made.
    /// Starts the writer thread; if the system refuses a thread, writes
    /// happen on the caller's thread instead, which is slower but loses
    /// nothing.
    pub fn new(dir: PathBuf, delay: Duration) -> Self {
        let shared = Arc::new(Shared {
            dir,
            syncer: Mutex::new(None),
            slot: Mutex::new(Slot::default()),
            done: Mutex::new(Done::default()),
            progress: Condvar::new(),
            writer: Mutex::new(None),
        });
        let (sync_tx, sync_rx) = mpsc::channel();
        let weak = Arc::downgrade(&shared);
        let syncer = std::thread::Builder::new()
            .name("claimdesk-autosave-flush".to_owned())
            .spawn(move || syncer_loop(&sync_rx, &weak))
            .ok();
        if syncer.is_some() {
            *lock(&shared.syncer) = Some(sync_tx);
        }
        let (tx, rx) = mpsc::channel();
        let for_thread = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("claimdesk-autosave".to_owned())
            .spawn(move || {
                *lock(&for_thread.writer) = Some(std::thread::current().id());
                writer_loop(&for_thread, &rx);
            })
            .ok();
        Self {
            shared,
            delay,
            wake: thread.is_some().then_some(tx),
            thread,
            syncer,
            seen: None,
            pending_since: None,
            handed: 0,
            wrote: false,
        }
    }

    /// The folder recovery files go to.
    pub fn dir(&self) -> &Path {
        &self.shared.dir
    }

    /// The promised upper bound from an edit to its being on disk.
    pub fn delay(&self) -> Duration {
        self.delay
    }

    /// Call every UI frame (or driver loop iteration) with the current time:
    /// notices changes and hands a snapshot to the writer once the oldest
    /// unsaved change is `delay / 2` old. Cheap when nothing changed.
    pub fn tick(&mut self, ws: &Workspace, now: Instant) {
        self.observe(ws, now);
        if let Some(since) = self.pending_since
            && now.saturating_duration_since(since) >= self.delay / 2
        {
            self.hand_write(ws);
        }
    }

    /// When the next snapshot is due, if one is: the UI schedules a repaint
    /// for then instead of polling, so an idle window stays idle.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending_since.map(|since| since + self.delay / 2)
    }

    /// Hands over a snapshot now if anything is unsaved and not yet handed
    /// over (the window lost focus: the reviewer may be about to switch off
    /// the machine). The write itself still happens in the background.
    pub fn flush_now(&mut self, ws: &Workspace) {
        self.observe(ws, Instant::now());
        if self.pending_since.is_some() {
            self.hand_write(ws);
        }
    }

    /// The project was saved: its recovery file is obsolete. Removes every
    /// recovery file this autosaver wrote (a first save also moves a
    /// never-saved project's file, keyed by its text, to a path key).
    pub fn on_saved(&mut self, ws: &Workspace) {
        self.seen = Some(Seen::of(ws));
        self.pending_since = None;
        let key = recovery::file_for(self.dir(), ws.path(), &ws.project().article.text_hash);
        self.hand_removal(vec![key]);
    }

    /// The reviewer threw the unsaved changes away (closed without saving,
    /// or opened another project): removes the recovery file and forgets
    /// what it saw, so the next workspace starts fresh.
    pub fn forget(&mut self) {
        self.seen = None;
        self.pending_since = None;
        self.hand_removal(Vec::new());
    }

    /// A clean exit: removes the recovery file and waits for the writer to
    /// finish. Call it only once the reviewer saved or chose to discard.
    pub fn on_clean_exit(mut self) {
        self.forget();
        // Drop stops and joins the writer after it did the removal.
    }

    /// Waits until everything handed over so far is on disk (or failed);
    /// false on timeout. For tests and the headless driver.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut done = lock(&self.shared.done);
        while done.seq < self.handed {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            done = self
                .shared
                .progress
                .wait_timeout(done, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    /// Why the last recovery write failed, if it did (cleared by the next
    /// successful one), for the status bar.
    pub fn last_error(&self) -> Option<String> {
        lock(&self.shared.done).last_error.clone()
    }

    /// When the snapshot last written was taken, for the status bar.
    pub fn last_written(&self) -> Option<SystemTime> {
        lock(&self.shared.done).last_written
    }

    /// Installs a panic hook (chained before the existing one) that writes
    /// any snapshot already handed over but not yet written, synchronously,
    /// before the process goes down. Holds the autosaver weakly: once it is
    /// dropped the hook does nothing.
    pub fn install_panic_hook(&self) {
        let shared: Weak<Shared> = Arc::downgrade(&self.shared);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(shared) = shared.upgrade() {
                shared.process_before_exit();
            }
            previous(info);
        }));
    }

    fn observe(&mut self, ws: &Workspace, now: Instant) {
        if self.seen.as_ref().is_some_and(|seen| seen.matches(ws)) {
            return;
        }
        self.seen = Some(Seen::of(ws));
        if ws.is_dirty() {
            self.pending_since.get_or_insert(now);
        } else {
            // Undone back to the saved state: nothing left to recover.
            self.pending_since = None;
            if self.wrote {
                self.hand_removal(Vec::new());
            }
        }
    }

    fn hand_write(&mut self, ws: &Workspace) {
        self.pending_since = None;
        self.handed += 1;
        let snapshot = Snapshot {
            project: ws.project().clone(),
            project_path: ws.path().map(Path::to_owned),
            taken: SystemTime::now(),
        };
        lock(&self.shared.slot).write = Some((self.handed, snapshot));
        self.wrote = true;
        self.ring();
    }

    fn hand_removal(&mut self, extra: Vec<PathBuf>) {
        self.handed += 1;
        {
            let mut slot = lock(&self.shared.slot);
            // A pending write is older than this removal: drop it.
            slot.write = None;
            let mut files = slot
                .remove
                .take()
                .map(|(_, files)| files)
                .unwrap_or_default();
            files.extend(extra);
            slot.remove = Some((self.handed, files));
        }
        self.wrote = false;
        self.ring();
    }

    fn ring(&mut self) {
        let rung = self
            .wake
            .as_ref()
            .is_some_and(|wake| wake.send(Wake::Work).is_ok());
        if !rung {
            // No writer thread (or it is gone): do the work here.
            self.wake = None;
            self.shared.process_now();
        }
    }
}

impl Drop for Autosaver {
    /// Finishes pending work and stops the writer. Does not remove the
    /// recovery file: dropping is not a clean exit.
    fn drop(&mut self) {
        if let Some(wake) = self.wake.take() {
            let _ = wake.send(Wake::Stop);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        // Anything still pending (the thread was gone): write it now.
        self.shared.process_now();
        // Closing the channel ends the flushing thread after its last flush.
        lock(&self.shared.syncer).take();
        if let Some(syncer) = self.syncer.take() {
            let _ = syncer.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::atomic::{FileSystem, RealFs};
    use crate::edit::{Edit, TextField};
    use crate::model::{Article, Project, StatementId, Tag};

    const DELAY: Duration = Duration::from_millis(400);

    fn workspace(path: Option<PathBuf>) -> Workspace {
        let project = Project::new(
            Article::new(
                "t",
                None,
                Arc::from("First one here. Second one there. Third."),
            ),
            vec![0..15, 16..33, 34..40],
            "en",
        );
        Workspace::new(project, path)
    }

    fn type_note(ws: &mut Workspace, value: &str) {
        ws.apply(Edit::SetText {
            id: StatementId(2),
            field: TextField::Note,
            value: value.into(),
        })
        .unwrap();
    }

    /// Stops the writer thread, so only the panic hook path can write.
    fn stop_writer(saver: &mut Autosaver) {
        if let Some(wake) = saver.wake.take() {
            wake.send(Wake::Stop).unwrap();
        }
        if let Some(thread) = saver.thread.take() {
            thread.join().unwrap();
        }
    }

    fn recovered(dir: &Path) -> Option<Project> {
        let mut entries = recovery::list(dir);
        assert!(entries.len() <= 1, "{entries:?}");
        entries.pop().map(|e| e.project.unwrap())
    }

    #[test]
    fn continuous_typing_does_not_postpone_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        let mut ws = workspace(None);
        let t0 = Instant::now();
        assert_eq!(saver.next_deadline(), None, "idle: no repaint wanted");
        // A keystroke every 10 ms for 2 s, on a simulated clock.
        let mut text = String::new();
        let mut handed_at = Vec::new();
        for i in 0..200u64 {
            let now = t0 + Duration::from_millis(i * 10);
            text.push('x');
            type_note(&mut ws, &text);
            let before = saver.handed;
            saver.tick(&ws, now);
            if saver.handed != before {
                handed_at.push(i * 10);
            }
            // Pending until the hand-off, then nothing until the next key.
            match saver.next_deadline() {
                Some(deadline) => assert!(deadline <= now + DELAY / 2),
                None => assert_ne!(saver.handed, before),
            }
        }
        // One hand-off every delay/2 (plus the 10 ms tick granularity).
        assert!(handed_at.len() >= 8, "{handed_at:?}");
        assert!(
            handed_at.windows(2).all(|w| w[1] - w[0] <= 210 + 10),
            "{handed_at:?}"
        );
        assert!(saver.wait_idle(Duration::from_secs(10)));
        let last = *handed_at.last().unwrap() as usize / 10 + 1;
        assert_eq!(
            recovered(dir.path()).unwrap().statements[1].note.len(),
            last
        );
    }

    #[test]
    fn an_edit_is_on_disk_within_the_delay_in_real_time() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        let mut ws = workspace(None);
        ws.apply(Edit::SetTag {
            id: StatementId(1),
            tag: Some(Tag::Fact),
        })
        .unwrap();
        let edited = Instant::now();
        saver.tick(&ws, edited);
        // Tick like the UI would: sleep until the deadline it asks for.
        while let Some(deadline) = saver.next_deadline() {
            std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
            saver.tick(&ws, Instant::now());
        }
        assert!(saver.wait_idle(DELAY));
        let latency = edited.elapsed();
        assert!(latency <= DELAY, "on disk {latency:?} after the edit");
        assert_eq!(
            recovered(dir.path()).unwrap().statements[0].tag,
            Some(Tag::Fact)
        );
        assert!(saver.last_written().is_some());
        assert_eq!(saver.last_error(), None);
    }

    #[test]
    fn nothing_is_written_while_clean_and_undo_to_clean_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        let mut ws = workspace(None);
        let t0 = Instant::now();
        saver.tick(&ws, t0);
        saver.tick(&ws, t0 + DELAY * 4);
        assert_eq!(saver.next_deadline(), None);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert!(recovery::list(dir.path()).is_empty());

        type_note(&mut ws, "a");
        saver.flush_now(&ws);
        assert_eq!(saver.next_deadline(), None, "flushed: nothing pending");
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert_eq!(recovered(dir.path()).unwrap().statements[1].note, "a");

        ws.undo();
        saver.tick(&ws, t0 + DELAY * 5);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert!(recovery::list(dir.path()).is_empty(), "back to clean");
    }

    #[test]
    fn saving_and_clean_exit_remove_the_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let project_dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        let mut ws = workspace(None);
        type_note(&mut ws, "unsaved");
        saver.flush_now(&ws);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        let first = recovery::list(dir.path());
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].project_path, None);

        // First save: the text-keyed file goes away.
        let path = project_dir.path().join("p.claims.ron");
        crate::project_file::save(ws.project(), &path).unwrap();
        ws.mark_saved(path.clone());
        saver.on_saved(&ws);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert!(recovery::list(dir.path()).is_empty());

        // More work, now keyed by the path; a clean exit removes it.
        type_note(&mut ws, "more");
        saver.flush_now(&ws);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        let entries = recovery::list(dir.path());
        assert_eq!(entries.len(), 1);
        assert_eq!(
            entries[0].path,
            recovery::file_for(dir.path(), Some(&path), "")
        );
        saver.on_clean_exit();
        assert!(recovery::list(dir.path()).is_empty());
    }

    #[test]
    fn dropping_without_clean_exit_keeps_the_work() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(None);
        {
            let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
            type_note(&mut ws, "keep me");
            saver.flush_now(&ws);
        }
        assert_eq!(recovered(dir.path()).unwrap().statements[1].note, "keep me");
    }

    #[test]
    fn superseded_snapshots_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        let mut ws = workspace(None);
        // Hold the writer's lock so hand-offs pile up, as behind a slow disk.
        let shared = Arc::clone(&saver.shared);
        let busy = lock(&shared.done);
        for i in 0..50 {
            type_note(&mut ws, &format!("v{i}"));
            saver.flush_now(&ws);
        }
        assert!(lock(&saver.shared.slot).write.is_some());
        drop(busy);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert_eq!(recovered(dir.path()).unwrap().statements[1].note, "v49");
    }

    #[test]
    fn the_panic_hook_path_writes_a_pending_snapshot_synchronously() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        let mut ws = workspace(None);
        // Stop the writer thread first, so only the hook can write.
        stop_writer(&mut saver);
        type_note(&mut ws, "before the panic");
        // Hand over without ringing (the thread is gone).
        saver.observe(&ws, Instant::now());
        saver.handed += 1;
        lock(&saver.shared.slot).write = Some((
            saver.handed,
            Snapshot {
                project: ws.project().clone(),
                project_path: None,
                taken: SystemTime::now(),
            },
        ));
        assert!(recovery::list(dir.path()).is_empty());
        saver.shared.process_before_exit();
        assert_eq!(
            recovered(dir.path()).unwrap().statements[1].note,
            "before the panic"
        );
    }

    #[test]
    fn a_real_panic_runs_the_hook() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        saver.install_panic_hook();
        stop_writer(&mut saver);
        let mut ws = workspace(None);
        type_note(&mut ws, "from the hook");
        saver.handed += 1;
        lock(&saver.shared.slot).write = Some((
            saver.handed,
            Snapshot {
                project: ws.project().clone(),
                project_path: None,
                taken: SystemTime::now(),
            },
        ));
        let result = std::thread::spawn(|| panic!("deliberate test panic")).join();
        assert!(result.is_err());
        assert_eq!(
            recovered(dir.path()).unwrap().statements[1].note,
            "from the hook"
        );
    }

    #[test]
    fn write_errors_are_reported_and_retried() {
        let base = tempfile::tempdir().unwrap();
        // A file where the folder should be: every write fails.
        let dir = base.path().join("recovery");
        std::fs::write(&dir, "in the way").unwrap();
        let mut saver = Autosaver::new(dir.clone(), DELAY);
        let mut ws = workspace(None);
        type_note(&mut ws, "a");
        saver.flush_now(&ws);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        let error = saver.last_error().unwrap();
        assert!(error.contains("recovery folder"), "{error}");
        assert!(error.ends_with("recovery"), "{error}");
        std::fs::remove_file(&dir).unwrap();
        type_note(&mut ws, "ab");
        saver.flush_now(&ws);
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert_eq!(saver.last_error(), None);
        assert_eq!(recovered(&dir).unwrap().statements[1].note, "ab");
    }

    /// A file system whose renames fail, as on a full or vanished disk.
    struct RenameFails;
    impl FileSystem for RenameFails {
        type File = std::fs::File;
        fn create_new(&self, path: &Path) -> std::io::Result<std::fs::File> {
            RealFs.create_new(path)
        }
        fn sync(&self, file: &mut std::fs::File) -> std::io::Result<()> {
            RealFs.sync(file)
        }
        fn rename(&self, _: &Path, _: &Path) -> std::io::Result<()> {
            Err(std::io::Error::other("I/O error"))
        }
        fn remove(&self, path: &Path) -> std::io::Result<()> {
            RealFs.remove(path)
        }
    }

    #[test]
    fn a_failed_save_keeps_the_old_file_and_the_work_in_memory_and_recovery() {
        let dir = tempfile::tempdir().unwrap();
        let project_dir = tempfile::tempdir().unwrap();
        let path = project_dir.path().join("p.claims.ron");
        let ws0 = workspace(None);
        crate::project_file::save(ws0.project(), &path).unwrap();
        let before = std::fs::read(&path).unwrap();
        let mut ws = Workspace::new(ws0.project().clone(), Some(path.clone()));
        let mut saver = Autosaver::new(dir.path().to_owned(), DELAY);
        type_note(&mut ws, "precious");
        saver.flush_now(&ws);
        let error = crate::project_file::save_with(&RenameFails, ws.project(), &path).unwrap_err();
        assert!(
            error.to_string().contains("previous file is unchanged"),
            "{error}"
        );
        // The app does not call mark_saved or on_saved after a failure.
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "byte-for-byte intact"
        );
        assert!(ws.is_dirty());
        assert_eq!(ws.project().statements[1].note, "precious");
        assert!(saver.wait_idle(Duration::from_secs(5)));
        assert_eq!(
            recovered(dir.path()).unwrap().statements[1].note,
            "precious"
        );
        let leftovers = std::fs::read_dir(project_dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file beside the project");
    }
}
