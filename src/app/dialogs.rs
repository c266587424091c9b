//! File dialogs: the system's (rfd, through the XDG portal on Linux) when
//! it works, claimdesk's own ([`crate::ui::file_dialog`]) when it does not
//! or when the reviewer prefers it.
//!
//! Whether the portal is there is checked once at start, in the background
//! (`dbus-send` asks the session bus; no bus address means no portal), and
//! a system dialog that comes back with nothing almost at once — the way
//! rfd fails without a portal — counts as missing too. Either way the
//! session switches to the in-app dialog for good, and the reviewer is told
//! once. Tests use [`NoDialogs`], which never opens anything.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use super::ClaimdeskApp;
use crate::export::Format;
use crate::ui::file_dialog::{self, FileDialog, Mode, Outcome};

/// What a file dialog is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRequest {
    /// An article or project to open, starting in this folder.
    Open {
        /// The folder to start in.
        dir: PathBuf,
    },
    /// Where to save the project, starting from this suggestion.
    Save {
        /// The suggested path.
        suggested: PathBuf,
    },
    /// Where to write a report.
    Export {
        /// The suggested path.
        suggested: PathBuf,
        /// The report's format.
        format: Format,
    },
    /// The new version of the article, for File > Update article… (UPDATE
    /// helper), starting in this folder.
    UpdateSource {
        /// The folder to start in.
        dir: PathBuf,
    },
    /// Where to write a blind copy for another reviewer (issue 13).
    BlindCopy {
        /// The suggested path (`STEM.NAME.claims.ron`).
        suggested: PathBuf,
    },
    /// Another reviewer's project to compare with (issue 13), starting in
    /// this folder.
    Reviewer {
        /// The folder to start in.
        dir: PathBuf,
    },
}

/// How a system dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The reviewer chose this path.
    Chosen(PathBuf),
    /// The reviewer cancelled.
    Cancelled,
    /// No dialog could be shown (no portal, or it failed).
    Unavailable,
}

/// The system's file dialogs, behind a seam so tests never open one.
pub trait FileDialogs {
    /// Whether system dialogs can be shown at all in this session.
    fn available(&self) -> bool;
    /// Shows the dialog for `request` and waits for the answer.
    fn pick(&self, request: &FileRequest) -> Picked;
}

/// rfd's dialogs, with the portal check made at start.
#[derive(Debug, Clone, Default)]
pub struct NativeDialogs {
    portal: Arc<OnceLock<bool>>,
}

/// What File > Open offers first: every kind the import reads (issue 11).
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "docx", "odt", "pdf", "ron",
];

/// The title of the dialog that asks where a blind copy goes (issue 13).
pub const BLIND_COPY_TITLE: &str = "Save a copy for another reviewer";

/// The title of the dialog that picks a reviewer's file (issue 13).
pub const REVIEWER_TITLE: &str = "Compare with a reviewer's project";

/// A dialog that returns with nothing faster than this was never shown.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

impl NativeDialogs {
    /// Starts the portal check in the background and returns at once.
    pub fn detect() -> Self {
        let portal = Arc::new(OnceLock::new());
        let slot = Arc::clone(&portal);
        let spawned = std::thread::Builder::new()
            .name("claimdesk-portal-check".to_owned())
            .spawn(move || {
                let _ = slot.set(portal_present());
            });
        if spawned.is_err() {
            let _ = portal.set(portal_present());
        }
        Self { portal }
    }
}

/// Whether `org.freedesktop.portal.Desktop` answers on the session bus.
/// Without a bus there is no portal; without `dbus-send` we cannot tell,
/// and the first dialog's behaviour decides instead.
pub fn portal_present() -> bool {
    if cfg!(not(target_os = "linux")) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists());
    if !bus {
        return false;
    }
    let answer = std::process::Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--reply-timeout=3000",
            "--dest=org.freedesktop.portal.Desktop",
            "/org/freedesktop/portal/desktop",
            "org.freedesktop.DBus.Peer.Ping",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match answer {
        Ok(status) => status.success(),
        Err(_) => true,
    }
}

impl FileDialogs for NativeDialogs {
    fn available(&self) -> bool {
        // Not answered yet (a very early dialog): try; a dialog that fails
        // at once is caught in `pick`.
        self.portal.get().copied().unwrap_or(true)
    }

    fn pick(&self, request: &FileRequest) -> Picked {
        let started = Instant::now();
        let picked = match request {
            FileRequest::Open { dir } => {
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Open article or project")
                    .add_filter("Articles and projects", ARTICLE_EXTENSIONS)
                    .add_filter("All files", &["*"]);
                if !dir.as_os_str().is_empty() {
                    dialog = dialog.set_directory(dir);
                }
                dialog.pick_file()
            }
            FileRequest::Save { suggested } => save_dialog(suggested)
                .set_title("Save project")
                .add_filter("claimdesk project", &["ron"])
                .save_file(),
            FileRequest::Export { suggested, format } => save_dialog(suggested)
                .set_title(format!("Export {}", format.label()))
                .add_filter(format.label(), &[format.extension()])
                .save_file(),
            FileRequest::UpdateSource { dir } => {
                let mut dialog = rfd::FileDialog::new()
                    .set_title(super::update::SOURCE_DIALOG_TITLE)
                    .add_filter("Articles", super::update::SOURCE_EXTENSIONS)
                    .add_filter("All files", &["*"]);
                if !dir.as_os_str().is_empty() {
                    dialog = dialog.set_directory(dir);
                }
                dialog.pick_file()
            }
            // A desk of reviewers (issue 13).
            FileRequest::BlindCopy { suggested } => save_dialog(suggested)
                .set_title(BLIND_COPY_TITLE)
                .add_filter("claimdesk project", &["ron"])
                .save_file(),
            FileRequest::Reviewer { dir } => {
                let mut dialog = rfd::FileDialog::new()
                    .set_title(REVIEWER_TITLE)
                    .add_filter("claimdesk projects", &["ron"])
                    .add_filter("All files", &["*"]);
                if !dir.as_os_str().is_empty() {
                    dialog = dialog.set_directory(dir);
                }
                dialog.pick_file()
            }
        };
        match picked {
            Some(path) => Picked::Chosen(path),
            None if started.elapsed() < NO_DIALOG_WITHIN => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }
}

fn save_dialog(suggested: &Path) -> rfd::FileDialog {
    let mut dialog = rfd::FileDialog::new();
    if let Some(dir) = suggested.parent().filter(|d| !d.as_os_str().is_empty()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog
}

/// Dialogs that never open: every question is answered "cancel", or with
/// the paths queued up front; or, with `unavailable`, a machine without a
/// portal. For tests and headless runs.
#[derive(Debug, Default)]
pub struct NoDialogs {
    /// Returned by the next save dialog, if any.
    pub save_to: RefCell<Option<PathBuf>>,
    /// Returned by the next export dialog, if any.
    pub export_to: RefCell<Option<PathBuf>>,
    /// Returned by the next open dialog, if any.
    pub open_from: RefCell<Option<PathBuf>>,
    /// Act as a machine without system dialogs.
    pub unavailable: bool,
}

impl NoDialogs {
    /// Dialogs for a machine with no portal: the in-app dialog is used.
    pub fn without_portal() -> Self {
        Self {
            unavailable: true,
            ..Self::default()
        }
    }
}

impl FileDialogs for NoDialogs {
    fn available(&self) -> bool {
        !self.unavailable
    }

    fn pick(&self, request: &FileRequest) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        let queued = match request {
            FileRequest::Open { .. }
            | FileRequest::UpdateSource { .. }
            | FileRequest::Reviewer { .. } => self.open_from.borrow_mut().take(),
            FileRequest::Save { .. } | FileRequest::BlindCopy { .. } => {
                self.save_to.borrow_mut().take()
            }
            FileRequest::Export { .. } => self.export_to.borrow_mut().take(),
        };
        queued.map_or(Picked::Cancelled, Picked::Chosen)
    }
}

/// What a path is being asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PathFor {
    /// A file to open.
    Open,
    /// Where to save the project.
    Save,
    /// Where to write a report.
    Export(Format),
    /// The new version of the article (UPDATE helper).
    UpdateSource,
    /// Where to write a blind copy (issue 13).
    BlindCopy,
    /// A reviewer's project to compare with; `add` keeps those compared
    /// already (issue 13).
    Reviewer {
        /// Add to the reviewers compared rather than start afresh.
        add: bool,
    },
}

/// The in-app dialog and what its answer is for.
#[derive(Debug)]
pub(super) struct OpenFileDialog {
    pub(super) dialog: FileDialog,
    pub(super) purpose: PathFor,
}

impl ClaimdeskApp {
    /// Whether the in-app file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog.is_some()
    }

    /// The in-app file dialog, while open (for tests and the About text).
    pub fn file_dialog(&self) -> Option<&FileDialog> {
        self.file_dialog.as_ref().map(|d| &d.dialog)
    }

    /// Whether the system's dialogs are used in this session.
    pub fn native_dialogs(&self) -> bool {
        self.native_dialogs && self.dialogs.available() && !self.settings.prefer_in_app_dialog
    }

    /// Asks for a path for `purpose`: the system's dialog if it works, else
    /// (or if preferred) the in-app one, whose answer comes in a later
    /// frame. Returns whether the operation finished successfully now.
    pub(super) fn ask_path(&mut self, purpose: PathFor) -> bool {
        let request = self.file_request(purpose);
        if self.native_dialogs() {
            match self.dialogs.pick(&request) {
                Picked::Chosen(path) => return self.path_chosen(purpose, path),
                Picked::Cancelled => {
                    self.path_cancelled(purpose);
                    return false;
                }
                Picked::Unavailable => self.native_dialogs = false,
            }
        }
        if !self.native_dialogs() && !self.settings.prefer_in_app_dialog && !self.fallback_explained
        {
            self.fallback_explained = true;
            self.notice(
                "The system's file dialog is not available here (no XDG desktop portal), so \
                 claimdesk uses its own for the rest of this session."
                    .to_owned(),
            );
        }
        self.file_dialog = Some(OpenFileDialog {
            dialog: in_app_dialog(&request),
            purpose,
        });
        false
    }

    fn file_request(&self, purpose: PathFor) -> FileRequest {
        match purpose {
            PathFor::Open => FileRequest::Open {
                dir: self
                    .ws
                    .path()
                    .and_then(Path::parent)
                    .map(Path::to_owned)
                    .or_else(|| {
                        self.settings
                            .last_project
                            .as_deref()
                            .and_then(Path::parent)
                            .map(Path::to_owned)
                    })
                    .unwrap_or_default(),
            },
            PathFor::Save => FileRequest::Save {
                // An adjudicated project: never over a reviewer's file.
                suggested: self
                    .ws
                    .path()
                    .map(Path::to_owned)
                    .or_else(|| self.compare.final_path.clone())
                    .unwrap_or_else(|| self.ws.suggested_path()),
            },
            PathFor::BlindCopy => self.blind_copy_request(),
            PathFor::Reviewer { .. } => self.reviewer_request(),
            PathFor::UpdateSource => self.update_source_request(),
            PathFor::Export(format) => FileRequest::Export {
                suggested: self.export_suggestion(format),
                format,
            },
        }
    }

    fn path_chosen(&mut self, purpose: PathFor, path: PathBuf) -> bool {
        match purpose {
            PathFor::Open => {
                self.open(&path);
                self.ws.path().is_some_and(|p| p == path)
            }
            PathFor::Save => {
                self.save_chosen(path);
                !self.ws.is_dirty()
            }
            PathFor::Export(format) => self.export_to(format, &path),
            PathFor::UpdateSource => self.update_from_path(path),
            PathFor::BlindCopy => self.write_blind_copy(path),
            PathFor::Reviewer { add } => self.add_reviewer(&path, add),
        }
    }

    fn path_cancelled(&mut self, purpose: PathFor) {
        match purpose {
            PathFor::Open => self.toast_text("Nothing opened: cancelled.".to_owned()),
            PathFor::Save => self.save_cancelled(),
            PathFor::Export(_) => {
                self.toast_text("Nothing exported: the export was cancelled.".to_owned());
            }
            PathFor::UpdateSource => {
                self.toast_text("Article not updated: cancelled.".to_owned());
            }
            PathFor::BlindCopy => self.blind_copy_cancelled(),
            PathFor::Reviewer { .. } => self.reviewer_cancelled(),
        }
    }

    /// The in-app dialog ended.
    pub(super) fn file_dialog_done(&mut self, outcome: Outcome) {
        let Some(open) = self.file_dialog.take() else {
            return;
        };
        match outcome {
            Outcome::Chosen(path) => {
                self.path_chosen(open.purpose, path);
            }
            Outcome::Cancelled => self.path_cancelled(open.purpose),
        }
    }
}

/// The in-app dialog for `request`, starting where the system's would.
fn in_app_dialog(request: &FileRequest) -> FileDialog {
    let fallback_dir = || {
        std::env::current_dir()
            .ok()
            .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().to_owned()))
            .unwrap_or_else(|| PathBuf::from("/"))
    };
    let start = |dir: Option<&Path>| {
        dir.filter(|d| !d.as_os_str().is_empty() && d.is_dir())
            .map(Path::to_owned)
            .unwrap_or_else(fallback_dir)
    };
    let name_of = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    match request {
        FileRequest::Open { dir } => FileDialog::new(
            Mode::Open,
            "Open article or project",
            start(Some(dir)),
            String::new(),
            vec![
                file_dialog::Filter::new("Articles and projects", ARTICLE_EXTENSIONS),
                file_dialog::Filter::new("All files", &["*"]),
            ],
        ),
        FileRequest::Save { suggested } => FileDialog::new(
            Mode::Save,
            "Save project",
            start(suggested.parent()),
            name_of(suggested),
            vec![
                file_dialog::Filter::new("claimdesk projects", &["claims.ron"]),
                file_dialog::Filter::new("All files", &["*"]),
            ],
        ),
        FileRequest::Export { suggested, format } => FileDialog::new(
            Mode::Save,
            format!("Export {}", format.label()),
            start(suggested.parent()),
            name_of(suggested),
            vec![
                file_dialog::Filter::new(format.label(), &[format.extension()]),
                file_dialog::Filter::new("All files", &["*"]),
            ],
        ),
        FileRequest::UpdateSource { dir } => FileDialog::new(
            Mode::Open,
            super::update::SOURCE_DIALOG_TITLE,
            start(Some(dir)),
            String::new(),
            vec![
                file_dialog::Filter::new("Articles", super::update::SOURCE_EXTENSIONS),
                file_dialog::Filter::new("All files", &["*"]),
            ],
        ),
        FileRequest::BlindCopy { suggested } => FileDialog::new(
            Mode::Save,
            BLIND_COPY_TITLE,
            start(suggested.parent()),
            name_of(suggested),
            vec![
                file_dialog::Filter::new("claimdesk projects", &["claims.ron"]),
                file_dialog::Filter::new("All files", &["*"]),
            ],
        ),
        FileRequest::Reviewer { dir } => FileDialog::new(
            Mode::Open,
            REVIEWER_TITLE,
            start(Some(dir)),
            String::new(),
            vec![
                file_dialog::Filter::new("claimdesk projects", &["claims.ron"]),
                file_dialog::Filter::new("All files", &["*"]),
            ],
        ),
    }
}
