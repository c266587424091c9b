//! The window's shell: app state, and the code that turns what panels ask
//! for into changes. One file per concern:
//!
//! - here: [`ClaimdeskApp`], its constructors and what tests read;
//! - `frame.rs`: drawing one frame (panels, dialogs) and the one place that
//!   keeps shortcuts away from open modals ([`ClaimdeskApp::modal_open`]);
//! - `actions.rs`: the runner, where every [`Action`] is carried out — the
//!   only place the project changes;
//! - `logic.rs`: per-frame work that runs even while nothing is drawn
//!   (eframe's `App::logic`): the recovery-file autosave, "save
//!   automatically" with its back-off, the close request;
//! - `dialogs.rs`: native file dialogs behind [`FileDialogs`], the missing
//!   portal check, and the fallback to claimdesk's own dialog;
//! - `settings.rs`: [`Remembered`] (last project, recent files, preferences);
//! - `saving.rs`: save, save as, conflicts with the file on disk;
//! - `recovery.rs`: the answer to the crash-recovery offer;
//! - `export.rs`: reports.
//!
//! Panels (in [`crate::ui`]) read the project and push [`Action`]s; they
//! never import this module. Project changes go through
//! [`Workspace::apply`], so undo, the dirty flag and the title marker all
//! follow from that one path. What is only about looking lives in
//! [`ViewState`] and is never saved or undone.

mod actions;
// A desk of reviewers (issue 13): blind copies, Compare, adjudication.
mod compare;
mod dialogs;
mod export;
mod frame;
mod import;
mod logic;
mod recovery;
mod saving;
mod settings;
mod suggest;
// Article update (UPDATE helper).
mod update;
pub use update::{BACKGROUND_FROM, describe_counts};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::autosave::Autosaver;
use crate::lock::{LockError, ProjectLock};
use crate::ui;
use crate::workspace::Workspace;

pub use crate::ui::action::{Action, Choice, ConflictChoice};
pub use crate::ui::dialogs::Banner;
pub use crate::ui::view_state::{Filter, Reveal, ViewState};
pub use dialogs::{FileDialogs, FileRequest, NativeDialogs, NoDialogs, Picked};
pub use settings::{Remembered, config_dir};

use dialogs::OpenFileDialog;
use logic::AutoSaveState;
use recovery::RecoveryOffer;

/// What waits on the answer to "save changes?" (or on the save it started).
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Closing the window.
    Close,
    /// Opening a file (`None`: the open dialog).
    Open(Option<PathBuf>),
    /// A new project from pasted text.
    NewFromText(String),
    /// Closing the project (the sample article takes its place).
    CloseProject,
    /// A new project from an import (a link, the clipboard): issue 11.
    OpenImported(Box<crate::import::Imported>),
    /// The final project Compare's Adjudicate made (issue 13).
    OpenAdjudicated(Box<crate::model::Project>),
}

/// What to open at start-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Startup {
    /// The file named on the command line.
    Path(PathBuf),
    /// The last project, or the sample article on first run.
    LastOrSample,
    /// The sample article.
    Sample,
}

/// A short notice that fades on its own ("Saved to …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// What it says.
    pub text: String,
    /// When it appeared.
    pub shown: Instant,
}

/// How long a [`Toast`] stays.
pub const TOAST_TIME: Duration = Duration::from_secs(6);

/// The application.
pub struct ClaimdeskApp {
    ws: Workspace,
    /// What the reviewer is looking at.
    pub view: ViewState,
    pub(crate) article_cache: ui::article::ArticleCache,
    pub(crate) list_cache: ui::claims::ListCache,
    banners: Vec<Banner>,
    toast: Option<Toast>,
    pending: Option<Pending>,
    conflict: bool,
    /// Writes unsaved work to a recovery file in the background.
    autosave: Option<Autosaver>,
    /// Held while a saved project is open, so a second window can warn.
    lock: Option<ProjectLock>,
    /// Unsaved work from a crash, waiting for "restore" or "discard".
    recovery_offer: Option<RecoveryOffer>,
    /// The recovery file whose work was restored: removed once saved or
    /// discarded on purpose, never before.
    restored_from: Option<PathBuf>,
    /// Whether the window had focus last frame (focus loss flushes autosave).
    focused: bool,
    /// "Save automatically": the setting, timing and back-off.
    auto_save: AutoSaveState,
    /// claimdesk's own file dialog, while it is open.
    file_dialog: Option<OpenFileDialog>,
    /// Whether the system's dialogs work in this session (false once the
    /// portal was found missing or a dialog failed).
    native_dialogs: bool,
    /// The reviewer was told why the in-app dialog is used.
    fallback_explained: bool,
    /// The About window is open.
    about_open: bool,
    close_allowed: bool,
    close_sent: bool,
    /// The close command went to the window.
    close_commanded: bool,
    title_sent: String,
    dialogs: Box<dyn FileDialogs>,
    config_dir: Option<PathBuf>,
    /// The remembered settings, read once and written on change.
    settings: Remembered,
    /// Reports (issue 15): the export waiting on a path, the PDF printing.
    reports: export::Reports,
    /// Tag suggestions (issue 14): what they were worked out for, and the
    /// worker for a large project.
    suggest: suggest::SuggestState,
    /// An article update running in the background (UPDATE helper).
    update_job: Option<update::UpdateJob>,
    /// Real articles in (issue 11): the import running in the background
    /// and the source of the open project, kept until it is saved beside it.
    import: import::ImportState,
    /// A desk of reviewers (issue 13): the files compared, the figures.
    compare: compare::CompareState,
}

impl ClaimdeskApp {
    /// An app over an open workspace.
    pub fn new(ws: Workspace, dialogs: Box<dyn FileDialogs>, config_dir: Option<PathBuf>) -> Self {
        let selected = ws.project().statements.first().map(|s| s.id);
        let settings = config_dir
            .as_deref()
            .map(Remembered::load)
            .unwrap_or_default();
        let native_dialogs = dialogs.available();
        Self {
            ws,
            view: ViewState {
                selected,
                theme: settings.theme,
                text_size: settings.text_size,
                ..ViewState::default()
            },
            article_cache: ui::article::ArticleCache::default(),
            list_cache: ui::claims::ListCache::default(),
            banners: Vec::new(),
            toast: None,
            pending: None,
            conflict: false,
            autosave: None,
            lock: None,
            recovery_offer: None,
            restored_from: None,
            focused: true,
            auto_save: AutoSaveState::new(settings.save_automatically),
            file_dialog: None,
            native_dialogs,
            fallback_explained: false,
            about_open: false,
            close_allowed: false,
            close_sent: false,
            close_commanded: false,
            title_sent: String::new(),
            dialogs,
            config_dir,
            settings,
            reports: export::Reports::default(),
            suggest: suggest::SuggestState::default(),
            update_job: None,
            import: import::ImportState::default(),
            compare: compare::CompareState::default(),
        }
    }

    /// Starts as `startup` says; a file that fails to open leaves the sample
    /// open with the error in a banner.
    pub fn start(
        startup: Startup,
        dialogs: Box<dyn FileDialogs>,
        config_dir: Option<PathBuf>,
    ) -> Self {
        let remembered = config_dir
            .as_deref()
            .map(Remembered::load)
            .unwrap_or_default();
        let path = match &startup {
            Startup::Path(path) => Some(path.clone()),
            Startup::LastOrSample => remembered.last_project.clone().filter(|p| p.exists()),
            Startup::Sample => None,
        };
        // An article named on the command line opens the way File > Open
        // opens one (src/app/import.rs), so its raw source is kept beside
        // the project at the first save and a PDF reads in the background.
        if let Some(article) = path
            .as_deref()
            .filter(|p| !crate::project_file::is_project_path(p))
        {
            let mut app = Self::new(Workspace::sample(), dialogs, config_dir);
            app.open(article);
            return app;
        }
        let mut banners = Vec::new();
        let ws = match path.as_deref().map(Workspace::open) {
            Some(Ok((ws, notices))) => {
                banners.extend(notices.into_iter().map(Banner::notice));
                ws
            }
            Some(Err(error)) => {
                banners.push(Banner::error(error.to_string()));
                Workspace::sample()
            }
            None => Workspace::sample(),
        };
        let opened = path.filter(|_| banners.iter().all(|b| !b.is_error));
        let mut app = Self::new(ws, dialogs, config_dir);
        app.banners = banners;
        if let Some(path) = opened {
            app.remember_recent(&path, app.ws.path().is_some());
        }
        app
    }

    /// Turns on autosave into `dir` with `delay`, and looks for unsaved work
    /// left there by a crash; also locks the open project.
    pub fn with_autosave(mut self, dir: PathBuf, delay: Duration) -> Self {
        self.autosave = Some(Autosaver::new(dir, delay));
        self.after_open();
        self
    }

    /// Locks the project (warning if another window has it) and offers any
    /// recovery file left for it.
    fn after_open(&mut self) {
        self.lock = None;
        if let Some(path) = self.ws.path().map(Path::to_owned) {
            match ProjectLock::acquire(&path) {
                Ok(lock) => self.lock = Some(lock),
                Err(error @ LockError::HeldBy { .. }) => self.error(format!(
                    "{error}. Changes saved in one window can overwrite the other's; \
                     claimdesk will ask before overwriting."
                )),
                // A lock that cannot be written is no reason to refuse work.
                Err(LockError::Io { .. }) => {}
            }
        }
        self.look_for_recovery();
    }

    /// The pending recovery offer's text, if one is being made.
    pub fn recovery_offer(&self) -> Option<&str> {
        self.recovery_offer.as_ref().map(|o| o.description.as_str())
    }

    /// The open workspace.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The banners currently shown.
    pub fn banners(&self) -> &[Banner] {
        &self.banners
    }

    /// The short notice currently shown, if any.
    pub fn toast(&self) -> Option<&str> {
        self.toast.as_ref().map(|t| t.text.as_str())
    }

    /// What waits on the unsaved-changes question, if it is being asked.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    /// True while the "changed on disk" question is being asked.
    pub fn conflict_open(&self) -> bool {
        self.conflict
    }

    /// True once the app has told the window to close.
    pub fn close_sent(&self) -> bool {
        self.close_sent
    }

    /// The settings as remembered now.
    pub fn settings(&self) -> &Remembered {
        &self.settings
    }

    /// The article view's layout as of the last frame (where text was
    /// drawn), for tests and benchmarks.
    pub fn article_cache(&self) -> &ui::article::ArticleCache {
        &self.article_cache
    }

    /// The claims list as of the last frame (its viewport, its rows).
    pub fn list_cache(&self) -> &ui::claims::ListCache {
        &self.list_cache
    }

    /// The window title: file name, a marker while dirty, the app name.
    pub fn title(&self) -> String {
        let marker = if self.ws.is_dirty() { "● " } else { "" };
        let name = match self.ws.path() {
            Some(path) => file_name(path),
            None => format!("{} (not saved)", file_name(&self.ws.suggested_path())),
        };
        format!("{marker}{name} — claimdesk")
    }

    /// The index of the selected statement, using the cached hint first.
    pub fn selected_index(&mut self) -> Option<usize> {
        let id = self.view.selected?;
        let statements = &self.ws.project().statements;
        if statements
            .get(self.view.selected_hint)
            .is_some_and(|s| s.id == id)
        {
            return Some(self.view.selected_hint);
        }
        let index = statements.iter().position(|s| s.id == id)?;
        self.view.selected_hint = index;
        Some(index)
    }

    fn error(&mut self, text: String) {
        self.banners.push(Banner::error(text));
    }

    fn notice(&mut self, text: String) {
        self.banners.push(Banner::notice(text));
    }

    /// Shows a short notice in place of the previous one.
    fn toast_text(&mut self, text: String) {
        self.toast = Some(Toast {
            text,
            shown: Instant::now(),
        });
    }

    /// Puts `banner` in place of the banner with the same key, or adds it.
    fn set_banner(&mut self, banner: Banner) {
        match self
            .banners
            .iter_mut()
            .find(|b| b.key.is_some() && b.key == banner.key)
        {
            Some(existing) => *existing = banner,
            None => self.banners.push(banner),
        }
    }

    fn remove_banner(&mut self, key: &str) {
        self.banners.retain(|b| b.key.as_deref() != Some(key));
    }
}

impl eframe::App for ClaimdeskApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.exit();
    }
}

/// The last part of `path`, for titles and notices.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Opens the window and runs until it closes.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let startup = match path {
        Some(path) => Startup::Path(path),
        None => Startup::LastOrSample,
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("claimdesk")
        .with_inner_size([1200.0, 760.0])
        .with_min_inner_size([640.0, 400.0])
        .with_app_id("claimdesk");
    match eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => eprintln!("claimdesk: could not load the window icon: {error}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..eframe::NativeOptions::default()
    };
    let config_dir = config_dir();
    let data_dir = crate::recovery::data_dir();
    // Asked now, in the background: the answer is ready long before the
    // reviewer first saves.
    let dialogs = NativeDialogs::detect();
    eframe::run_native(
        "claimdesk",
        options,
        Box::new(move |_cc| {
            let mut app = ClaimdeskApp::start(startup, Box::new(dialogs), config_dir);
            if let Some(dir) = data_dir {
                app = app.with_autosave(dir, crate::autosave::DEFAULT_DELAY);
                if let Some(autosave) = &app.autosave {
                    autosave.install_panic_hook();
                }
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
