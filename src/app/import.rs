//! Real articles in, the window's part (issue 11): File > Open link…,
//! File > New from clipboard with the clipboard's HTML, opening slow files
//! (PDFs) off the UI thread, File > Re-import as full text, What was left
//! out, and keeping the raw source beside the project at its first save.
//!
//! Imports that may take seconds (a link, a PDF, whose reader runs in a
//! child process with a time limit) run on a thread of their own. The
//! frame polls its channel and asks for a repaint while it runs, so the
//! window never waits on the network; Cancel sets the flag the fetch
//! watches and gives control back at once, without waiting for the thread
//! (which ends on its own shortly after and whose answer is dropped).
//!
//! The [`Imported`] behind the open project is kept until the project is
//! replaced: its raw bytes are what [`import::write_sidecar`] puts beside
//! the project file when it is first saved, and what re-import and "what
//! was left out" read again.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use egui::Context;

use super::{ClaimdeskApp, Pending};
use crate::import::{self, ImportError, ImportOptions, Imported, SourceKind};
use crate::segment::Language;
use crate::ui;
use crate::ui::action::Action;
use crate::ui::import::{ImportProgress, LinkDraft};
use crate::workspace::Workspace;

/// How often the frame looks at a running import (and moves its progress).
const POLL: Duration = Duration::from_millis(50);

/// "The server did not say how large the body is."
const UNKNOWN_SIZE: u64 = u64::MAX;

/// An import running on its own thread.
struct Job {
    /// The address or path, for the progress window and messages.
    origin: String,
    /// The file being read, which opens as soon as it is read (the
    /// unsaved-changes question was asked before); `None` for a link, which
    /// asks when it arrives.
    file: Option<PathBuf>,
    cancel: Arc<AtomicBool>,
    received: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    result: Receiver<Result<Imported, ImportError>>,
}

impl Job {
    fn progress(&self) -> ImportProgress {
        let total = self.total.load(Ordering::Relaxed);
        ImportProgress {
            origin: self.origin.clone(),
            link: self.file.is_none(),
            received: self.received.load(Ordering::Relaxed),
            total: (total != UNKNOWN_SIZE).then_some(total),
        }
    }
}

/// The source behind the open project.
struct Kept {
    imported: Imported,
    /// The project file it was last kept beside.
    beside: Option<PathBuf>,
}

/// The import running in the background, if any, and the source of the
/// open project. Reset with the rest of the app when another project opens.
#[derive(Default)]
pub(super) struct ImportState {
    job: Option<Job>,
    kept: Option<Kept>,
}

impl ImportState {
    /// Whether the open project came from a web page whose source is kept,
    /// so it can be re-imported as full text.
    pub(super) fn reimport_available(&self) -> bool {
        self.kept
            .as_ref()
            .is_some_and(|k| k.imported.kind == SourceKind::Html)
    }
}

/// A work function run on the import thread.
type Work =
    Box<dyn FnOnce(&AtomicBool, &dyn Fn(u64, Option<u64>)) -> Result<Imported, ImportError> + Send>;

impl ClaimdeskApp {
    /// True while an import (a link, a large file) runs in the background.
    pub fn import_busy(&self) -> bool {
        self.import.job.is_some()
    }

    /// What the import running in the background has done so far.
    pub fn import_progress(&self) -> Option<ImportProgress> {
        self.import.job.as_ref().map(Job::progress)
    }

    /// The source the open project was imported from, while it is kept
    /// (from opening until another project replaces it).
    pub fn kept_source(&self) -> Option<&Imported> {
        self.import.kept.as_ref().map(|k| &k.imported)
    }

    /// Whether one of this feature's modals is up (the link field, the
    /// progress window, the re-import question, what was left out).
    pub(super) fn import_modal_open(&self) -> bool {
        self.view.link_dialog.is_some()
            || self.import.job.is_some()
            || self.view.reimport_confirm
            || self.view.left_out.is_some()
    }

    /// Looks at the running import, then draws this feature's dialogs.
    pub(super) fn import_ui(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        self.poll_import(ctx, actions);
        ui::import::link_dialog_ui(ctx, &mut self.view.link_dialog, actions);
        let progress = self.import_progress();
        ui::import::progress_ui(ctx, progress.as_ref(), actions);
        let statements = self.ws.project().statements.len();
        ui::import::reimport_confirm_ui(ctx, &mut self.view.reimport_confirm, statements, actions);
        ui::import::left_out_ui(ctx, &mut self.view.left_out, actions);
    }

    /// File > Open link….
    pub(super) fn show_open_link(&mut self) {
        self.view.link_dialog = Some(LinkDraft::default());
    }

    /// Fetches `url` in the background; what it serves opens when it
    /// arrives (asking first if there are unsaved changes).
    pub(super) fn start_link_import(&mut self, url: String) {
        let address = url.clone();
        self.spawn_import(
            url,
            None,
            Box::new(move |cancel, progress| {
                import::import_url(&address, cancel, progress, &ImportOptions::default())
            }),
        );
    }

    /// Opens the article at `path` (any kind but a project file): PDFs,
    /// which may take seconds, on a thread of their own; the rest at once.
    /// On failure the open project stays, untouched, and the error shows.
    pub(super) fn open_article(&mut self, path: &Path) {
        if looks_like_pdf(path) {
            let file = path.to_owned();
            self.spawn_import(
                path.display().to_string(),
                Some(path.to_owned()),
                Box::new(move |_, _| import::import_path(&file, &ImportOptions::default())),
            );
            return;
        }
        match import::import_path(path, &ImportOptions::default()) {
            Ok(imported) => self.open_imported(imported, Some(path)),
            Err(error) => self.error(format!("Nothing opened. {error}")),
        }
    }

    fn spawn_import(&mut self, origin: String, file: Option<PathBuf>, work: Work) {
        if let Some(running) = &self.import.job {
            let running = running.origin.clone();
            self.error(format!(
                "Nothing opened: another import is still running ({running}): {origin}"
            ));
            return;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let received = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(UNKNOWN_SIZE));
        let (send, result) = mpsc::channel();
        let thread_cancel = Arc::clone(&cancel);
        let thread_received = Arc::clone(&received);
        let thread_total = Arc::clone(&total);
        let spawned = std::thread::Builder::new()
            .name("claimdesk-import".to_owned())
            .spawn(move || {
                let progress = |bytes: u64, size: Option<u64>| {
                    thread_received.store(bytes, Ordering::Relaxed);
                    thread_total.store(size.unwrap_or(UNKNOWN_SIZE), Ordering::Relaxed);
                };
                // The window may have stopped listening (cancelled): fine.
                let _ = send.send(work(&thread_cancel, &progress));
            });
        match spawned {
            Ok(_) => {
                self.import.job = Some(Job {
                    origin,
                    file,
                    cancel,
                    received,
                    total,
                    result,
                });
            }
            Err(error) => self.error(format!(
                "Nothing opened: could not start the import ({error}): {origin}"
            )),
        }
    }

    /// Takes the running import's answer, if it has come.
    fn poll_import(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let Some(job) = &self.import.job else { return };
        let outcome = match job.result.try_recv() {
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(POLL);
                return;
            }
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Disconnected) => None,
        };
        let Some(job) = self.import.job.take() else {
            return;
        };
        // Drawn again at once without the progress window.
        ctx.request_repaint();
        match (outcome, job.file) {
            (Some(Ok(imported)), Some(path)) => self.open_imported(imported, Some(&path)),
            (Some(Ok(imported)), None) => actions.push(Action::OpenImported(Box::new(imported))),
            (Some(Err(ImportError::Cancelled { origin })), _) => {
                self.toast_text(format!("Import cancelled: nothing opened from {origin}"));
            }
            (Some(Err(error)), _) => self.error(format!("Nothing opened. {error}")),
            (None, _) => self.error(format!(
                "Nothing opened: the import stopped unexpectedly: {}",
                job.origin
            )),
        }
    }

    /// Stops the running import and gives the window back at once.
    pub(super) fn cancel_import(&mut self) {
        if let Some(job) = self.import.job.take() {
            job.cancel.store(true, Ordering::Relaxed);
            self.toast_text(format!(
                "Import cancelled: nothing opened from {}",
                job.origin
            ));
        }
    }

    /// Opens `imported` as a new, unsaved project and keeps its source;
    /// `path` is the file it was read from (remembered as recent).
    pub(super) fn open_imported(&mut self, imported: Imported, path: Option<&Path>) {
        let origin = match path {
            Some(path) => path.display().to_string(),
            None if imported.provenance.source == import::CLIPBOARD => "the clipboard".to_owned(),
            None => imported.provenance.source.clone(),
        };
        let project = import::project_from(&imported, None);
        self.replace_workspace(Workspace::new(project, None));
        for notice in &imported.notices {
            self.notice(format!("{notice}: {origin}"));
        }
        if let Some(path) = path {
            self.remember_recent(path, false);
        }
        self.toast_text(format!("Opened {origin}"));
        self.import.kept = Some(Kept {
            imported,
            beside: None,
        });
    }

    /// File > New from clipboard: the clipboard's HTML (reduced to the
    /// article's blocks) or its text; the paste dialog when there is no
    /// clipboard or nothing on it.
    pub(super) fn new_from_clipboard(&mut self) {
        match read_clipboard() {
            Some((html, text)) => self.import_clipboard(html.as_deref(), text.as_deref()),
            None => self.view.paste = Some(String::new()),
        }
    }

    /// Opens clipboard contents as a new project (asking first if there are
    /// unsaved changes).
    pub(super) fn import_clipboard(&mut self, html: Option<&str>, text: Option<&str>) {
        match import::from_clipboard(html, text) {
            Ok(imported) => self.guard(Pending::OpenImported(Box::new(imported))),
            Err(error) => self.error(format!("Nothing opened. {error}")),
        }
    }

    /// File > Re-import as full text: asks first.
    pub(super) fn ask_reimport_full_text(&mut self) {
        if self.import.reimport_available() {
            self.view.left_out = None;
            self.view.reimport_confirm = true;
        } else {
            self.notice(NOT_A_PAGE.to_owned());
        }
    }

    /// Replaces the project with the page's full visible text, keeping the
    /// properties, title and rating scale the reviewer set. Not an undo
    /// step: the statements of a different text cannot be mapped onto it,
    /// so the history starts again (the question said so).
    pub(super) fn reimport_full_text(&mut self) {
        self.view.reimport_confirm = false;
        let Some(kept) = self
            .import
            .kept
            .as_ref()
            .filter(|k| k.imported.kind == SourceKind::Html)
        else {
            self.notice(NOT_A_PAGE.to_owned());
            return;
        };
        let full = match import::reimport_full_text(&kept.imported) {
            Ok(full) => full,
            Err(error) => {
                self.error(format!("Not re-imported. {error}"));
                return;
            }
        };
        let old = self.ws.project();
        let before = old.statements.len();
        let mut project =
            import::project_from(&full, Some(Language::from_code(&old.meta.language)));
        project.meta = old.meta.clone();
        project.article.title.clone_from(&old.article.title);
        project.scale = old.scale.clone();
        // One undo step back to the reader-view project (Edit::ReplaceProject
        // carries a new article text).
        if let Err(error) = self
            .ws
            .apply(crate::edit::Edit::ReplaceProject(Box::new(project)))
        {
            self.error(format!("Not re-imported. {error}"));
            return;
        }
        let first = self.ws.project().statements.first().map(|s| s.id);
        self.view.selected = first;
        self.view.selected_hint = 0;
        self.view.split_picker = false;
        self.view.reveal_in_article = first;
        self.view.reveal_in_list = first;
        let after = self.ws.project().statements.len();
        self.toast_text(format!(
            "Re-imported as the page's full text: {after} statements (reader view had {before})."
        ));
        if let Some(kept) = &mut self.import.kept {
            kept.imported = full;
        }
    }

    /// What was left out: the page's paragraphs reader view did not keep.
    pub(super) fn show_left_out(&mut self) {
        match &self.import.kept {
            Some(kept) if kept.imported.kind == SourceKind::Html => {
                self.view.left_out = Some(import::left_out(&kept.imported));
            }
            _ => self.notice(NOT_A_PAGE.to_owned()),
        }
    }

    /// After a save to `path`: puts the imported source beside the project
    /// (`NAME.source.html`, …) once per project file, and says where.
    pub(super) fn keep_import_source(&mut self, path: &Path) {
        let Some(kept) = &self.import.kept else {
            return;
        };
        if kept.beside.as_deref() == Some(path) {
            return;
        }
        let written = import::write_sidecar(path, &kept.imported);
        match written {
            Ok(Some(sidecar)) => {
                self.notice(format!("Kept the source as {}", sidecar.display()));
            }
            // Text and pastes: the project holds all of it already.
            Ok(None) => {}
            Err(error) => {
                self.error(format!(
                    "The project was saved, but its source could not be kept beside it. {error}"
                ));
                return;
            }
        }
        if let Some(kept) = &mut self.import.kept {
            kept.beside = Some(path.to_owned());
        }
    }
}

const NOT_A_PAGE: &str = "Re-import as full text and What was left out work for a project \
                          opened from a web page or link in this session; this one was not.";

/// Whether `path` starts like a PDF (by content, as the import decides),
/// whose reading may take seconds. Anything unreadable says no: the
/// import on the UI thread then reports why at once.
fn looks_like_pdf(path: &Path) -> bool {
    use std::io::Read as _;
    // Only regular files: a named pipe would block this read forever.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(1024);
    if file.take(1024).read_to_end(&mut head).is_err() {
        return false;
    }
    SourceKind::sniff(&head, Some(path)) == SourceKind::Pdf
}

/// The clipboard's HTML and text, or `None` when there is no clipboard (a
/// session without a display, as in tests) or nothing on it.
fn read_clipboard() -> Option<(Option<String>, Option<String>)> {
    let mut clipboard = arboard::Clipboard::new().ok()?;
    let html = clipboard.get().html().ok().filter(|h| !h.trim().is_empty());
    let text = clipboard.get().text().ok().filter(|t| !t.trim().is_empty());
    (html.is_some() || text.is_some()).then_some((html, text))
}
