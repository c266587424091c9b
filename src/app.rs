//! The window: app state, the per-frame action queue, and the one function
//! that carries actions out.
//!
//! Panels (in [`crate::ui`]) read the project and push [`Action`]s; at the
//! end of the frame [`ClaimdeskApp::run_actions`] applies them in order.
//! Project changes go through [`Workspace::apply`], so undo, the dirty flag
//! and the title marker all follow from that one path. What is only about
//! looking (selection, filter, scroll targets) lives in [`ViewState`] and is
//! never saved or undone.
//!
//! Native file dialogs sit behind [`FileDialogs`] so tests never open one.

use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

use egui::{Context, ViewportCommand};

use crate::autosave::Autosaver;
use crate::lock::{LockError, ProjectLock};
use crate::recovery;

use crate::edit::Edit;
use crate::export::Format;

use crate::import;
use crate::model::{StatementId, Tag};
use crate::project_file;
use crate::ui;
use crate::workspace::Workspace;

/// Which statements the claims list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every statement.
    #[default]
    All,
    /// Statements with no tag.
    Untagged,
    /// Statements with this tag.
    Tagged(Tag),
    /// Statements flagged for follow-up.
    FollowUp,
}

impl Filter {
    /// Every filter, in the order the list offers them.
    pub const ALL: [Filter; 6] = [
        Filter::All,
        Filter::Untagged,
        Filter::Tagged(Tag::Fact),
        Filter::Tagged(Tag::Attribution),
        Filter::Tagged(Tag::Opinion),
        Filter::FollowUp,
    ];

    /// The name on the filter button (plural, so it never reads the same
    /// as a tag button).
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Untagged => "Untagged",
            Filter::Tagged(Tag::Fact) => "Facts",
            Filter::Tagged(Tag::Attribution) => "Attributions",
            Filter::Tagged(Tag::Opinion) => "Opinions",
            Filter::FollowUp => "Follow-up",
        }
    }

    /// Whether a statement with `tag` and `follow_up` passes.
    pub fn admits(self, tag: Option<Tag>, follow_up: bool) -> bool {
        match self {
            Filter::All => true,
            Filter::Untagged => tag.is_none(),
            Filter::Tagged(wanted) => tag == Some(wanted),
            Filter::FollowUp => follow_up,
        }
    }
}

/// What the reviewer is looking at: never saved, never undone.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// The selected statement.
    pub selected: Option<StatementId>,
    /// Where `selected` was last seen in the statement list (a hint that
    /// makes lookups O(1) in the common case).
    pub(crate) selected_hint: usize,
    /// The list filter.
    pub filter: Filter,
    /// The list search text.
    pub search: String,
    /// Scroll the article to this statement on the next frame.
    pub reveal_in_article: Option<StatementId>,
    /// Scroll the list to this statement on the next frame.
    pub reveal_in_list: Option<StatementId>,
    /// The word picker for splitting is open.
    pub split_picker: bool,
    /// Focus the search field on the next frame.
    pub focus_search: bool,
    /// The keyboard-shortcut window is open.
    pub help_open: bool,
    /// The paste-an-article dialog, with what has been pasted so far.
    pub paste: Option<String>,
    /// The project properties window is open.
    pub properties_open: bool,
    /// The export dialog is open.
    pub export_open: bool,
    /// The format chosen in the export dialog.
    pub export_format: Option<Format>,
    /// The rating scale as it is being edited in the properties window.
    pub scale_draft: Option<ui::properties::ScaleDraft>,
    /// The evidence being entered for the selected statement.
    pub evidence_draft: crate::model::Evidence,
    /// Why the last evidence entered was refused.
    pub evidence_error: Option<String>,
}

/// Something a panel asked for this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Change the project.
    Edit(Edit),
    /// Select a statement and scroll the other view to it.
    Select(StatementId, Reveal),
    /// Move the selection by this many visible rows.
    Move(isize),
    /// Jump to the next untagged statement.
    NextUntagged,
    /// Tag the selected statement and move to the next visible one.
    TagAndAdvance(Tag),
    /// Clear the selected statement's tag.
    ClearTag,
    /// Open or close the word picker for splitting the selection.
    ToggleSplit,
    /// Merge the selection with the next statement.
    MergeSelected,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// End the current typing group (a text field lost focus).
    Seal,
    /// Open a file, asking first if there are unsaved changes; `None`
    /// shows the open dialog.
    Open(Option<PathBuf>),
    /// Show the paste-an-article dialog.
    ShowPaste,
    /// Start a new project from pasted text.
    NewFromText(String),
    /// Save to the current path (Save As if there is none).
    Save,
    /// Save to a new path.
    SaveAs,
    /// Close the window, asking first if there are unsaved changes.
    Quit,
    /// Show the keyboard shortcuts.
    ShowHelp,
    /// Show the project properties window.
    ShowProperties,
    /// Show the export dialog.
    ShowExport,
    /// Turn "save automatically" on or off (remembered).
    SetSaveAutomatically(bool),
    /// Export a report in this format (asks where).
    Export(Format),
    /// Put the cursor in the search field.
    FocusSearch,
    /// Dismiss the banner at this index.
    DismissBanner(usize),
    /// Answer the unsaved-changes question.
    Resolve(Choice),
    /// Answer the "changed on disk" question.
    ResolveConflict(ConflictChoice),
    /// Answer the crash-recovery offer: restore (true) or discard.
    ResolveRecovery(bool),
}

/// Unsaved work found from an earlier run.
#[derive(Debug)]
struct RecoveryOffer {
    file: PathBuf,
    description: String,
    project: crate::model::Project,
}

/// The reviewer's answer to "the file changed on disk".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Write over the other version.
    Overwrite,
    /// Keep both: save this version under a new name.
    SaveAsNew,
    /// Throw away this version's unsaved changes and load the file.
    Reload,
    /// Do nothing for now.
    Cancel,
}

/// Which view should scroll to a newly selected statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// Scroll the article (selection came from the list).
    Article,
    /// Scroll the list (selection came from the article).
    List,
    /// Scroll both (keyboard, undo).
    Both,
}

/// The reviewer's answer to "save changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}

/// What waits on the answer to "save changes?".
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Closing the window.
    Close,
    /// Opening a file (`None`: the open dialog).
    Open(Option<PathBuf>),
    /// A new project from pasted text.
    NewFromText(String),
}

/// A message shown above the article until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// Error (red) or notice (blue).
    pub is_error: bool,
    /// The message.
    pub text: String,
}

/// Native file dialogs, behind a seam so tests never open one.
pub trait FileDialogs {
    /// Asks for an article or project to open.
    fn pick_open(&self) -> Option<PathBuf>;
    /// Asks where to save the project, starting from `suggested`.
    fn pick_save(&self, suggested: &Path) -> Option<PathBuf>;
    /// Asks where to write a report in `format`, starting from `suggested`.
    fn pick_export(&self, suggested: &Path, format: Format) -> Option<PathBuf>;
}

/// The platform's dialogs (rfd, through the XDG portal on Linux).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open article or project")
            .add_filter("Articles and projects", &["txt", "md", "markdown", "ron"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save(&self, suggested: &Path) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save project")
            .add_filter("claimdesk project", &["ron"]);
        if let Some(dir) = suggested.parent().filter(|d| !d.as_os_str().is_empty()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }

    fn pick_export(&self, suggested: &Path, format: Format) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title(format!("Export {}", format.label()))
            .add_filter(format.label(), &[format.extension()]);
        if let Some(dir) = suggested.parent().filter(|d| !d.as_os_str().is_empty()) {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    }
}

/// Dialogs that never open: every question is answered "cancel", or with
/// the paths queued up front. For tests and headless runs.
#[derive(Debug, Default)]
pub struct NoDialogs {
    /// Returned by the next save dialog, if any.
    pub save_to: std::cell::RefCell<Option<PathBuf>>,
    /// Returned by the next export dialog, if any.
    pub export_to: std::cell::RefCell<Option<PathBuf>>,
}

impl FileDialogs for NoDialogs {
    fn pick_open(&self) -> Option<PathBuf> {
        None
    }

    fn pick_save(&self, _suggested: &Path) -> Option<PathBuf> {
        self.save_to.borrow_mut().take()
    }

    fn pick_export(&self, _suggested: &Path, _format: Format) -> Option<PathBuf> {
        self.export_to.borrow_mut().take()
    }
}

/// Small state kept between runs: the last project opened, and where and
/// how the last report was exported.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The last project saved or opened.
    pub last_project: Option<PathBuf>,
    /// The key of the last export format ("html").
    pub last_export_format: Option<String>,
    /// The folder the last report went to.
    pub last_export_dir: Option<PathBuf>,
    /// Save the project file itself a few seconds after each change (once
    /// it has a file), not only the recovery file.
    pub save_automatically: bool,
}

/// Where [`Remembered`] lives: `$CLAIMDESK_CONFIG_DIR` if set (tests, CI),
/// else the platform's config directory.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMDESK_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "claimdesk", "claimdesk")
        .map(|dirs| dirs.config_dir().to_owned())
}

impl Remembered {
    fn path(dir: &Path) -> PathBuf {
        dir.join("state.ron")
    }

    /// Reads the remembered state from `dir`; anything unreadable counts as
    /// nothing remembered.
    pub fn load(dir: &Path) -> Self {
        std::fs::read_to_string(Self::path(dir))
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the remembered state to `dir`.
    pub fn store(&self, dir: &Path) -> anyhow::Result<()> {
        std::fs::create_dir_all(dir)?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())?;
        crate::atomic::write_atomic(&crate::atomic::RealFs, &Self::path(dir), text.as_bytes())?;
        Ok(())
    }
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

/// The application.
pub struct ClaimdeskApp {
    ws: Workspace,
    /// What the reviewer is looking at.
    pub view: ViewState,
    pub(crate) article_cache: ui::article::ArticleCache,
    pub(crate) list_cache: ui::claims::ListCache,
    banners: Vec<Banner>,
    pending: Option<Pending>,
    conflict: bool,
    /// Writes unsaved work to a recovery file in the background.
    autosave: Option<Autosaver>,
    /// Held while a saved project is open, so a second window can warn.
    lock: Option<ProjectLock>,
    /// Unsaved work from a crash, waiting for "restore" or "discard".
    recovery_offer: Option<RecoveryOffer>,
    /// Whether the window had focus last frame (focus loss flushes autosave).
    focused: bool,
    /// The reviewer's "save automatically" preference.
    save_automatically: bool,
    /// The revision last seen by the automatic save, and when it changed.
    auto_save_seen: (u64, Instant),
    close_allowed: bool,
    close_sent: bool,
    title_sent: String,
    dialogs: Box<dyn FileDialogs>,
    config_dir: Option<PathBuf>,
}

impl ClaimdeskApp {
    /// An app over an open workspace.
    pub fn new(ws: Workspace, dialogs: Box<dyn FileDialogs>, config_dir: Option<PathBuf>) -> Self {
        let selected = ws.project().statements.first().map(|s| s.id);
        Self {
            ws,
            view: ViewState {
                selected,
                ..ViewState::default()
            },
            article_cache: ui::article::ArticleCache::default(),
            list_cache: ui::claims::ListCache::default(),
            banners: Vec::new(),
            pending: None,
            conflict: false,
            autosave: None,
            lock: None,
            recovery_offer: None,
            focused: true,
            save_automatically: false,
            auto_save_seen: (0, Instant::now()),

            close_allowed: false,
            close_sent: false,
            title_sent: String::new(),
            dialogs,
            config_dir,
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
        let mut banners = Vec::new();
        let ws = match path.map(|p| Workspace::open(&p)) {
            Some(Ok((ws, notices))) => {
                banners.extend(notices.into_iter().map(|text| Banner {
                    is_error: false,
                    text,
                }));
                ws
            }
            Some(Err(error)) => {
                banners.push(Banner {
                    is_error: true,
                    text: error.to_string(),
                });
                Workspace::sample()
            }
            None => Workspace::sample(),
        };
        let mut app = Self::new(ws, dialogs, config_dir);
        app.banners = banners;
        app.save_automatically = remembered.save_automatically;
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
        let Some(dir) = self.autosave.as_ref().map(|a| a.dir().to_owned()) else {
            return;
        };
        let entry = match self.ws.path() {
            Some(path) => recovery::startup_offer(&dir, Some(path)),
            None => recovery::offer_for_article(&dir, &self.ws.project().article.text_hash),
        };
        if let Some(entry) = entry {
            let saved = self.ws.path().map(|_| self.ws.project());
            let description = entry.describe(saved);
            match entry.project {
                Ok(project) => {
                    self.recovery_offer = Some(RecoveryOffer {
                        file: entry.path,
                        description,
                        project,
                    });
                }
                Err(_) => self.error(description),
            }
        }
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

    /// Draws one frame and carries out what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        self.handle_close_request(&ctx);
        handle_dropped_files(&ctx, &mut actions);
        ui::shortcuts::shortcuts(&ctx, &self.view, &mut actions);

        let selected = self.selected_index();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            ui::menu::menu_bar_ui(ui, &self.ws, self.save_automatically, &mut actions);
        });
        let stats = self.ws.stats();
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui::status::status_bar_ui(ui, &stats);
        });
        egui::Panel::right("claims_panel")
            .resizable(true)
            .default_size(420.0)
            .size_range(260.0..=900.0)
            .show(ui, |ui| {
                ui::details::details_ui(
                    ui,
                    self.ws.project(),
                    selected,
                    &mut self.view,
                    &mut actions,
                );
                ui.separator();
                ui::claims::claims_ui(
                    ui,
                    self.ws.project(),
                    selected,
                    self.ws.revision(),
                    &mut self.view,
                    &mut self.list_cache,
                    &mut actions,
                );
            });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui::dialogs::banners_ui(ui, &self.banners, &mut actions);
            ui::article::article_ui(
                ui,
                self.ws.project(),
                selected,
                &mut self.view,
                &mut self.article_cache,
                &mut actions,
            );
        });
        ui::dialogs::unsaved_modal_ui(&ctx, self.pending.is_some() && !self.conflict, &mut actions);
        ui::dialogs::conflict_modal_ui(&ctx, self.conflict, &mut actions);
        ui::dialogs::help_ui(&ctx, &mut self.view.help_open);
        ui::dialogs::export_ui(
            &ctx,
            &mut self.view.export_open,
            &mut self.view.export_format,
            &mut actions,
        );

        ui::properties::properties_ui(
            &ctx,
            &mut self.view.properties_open,
            &mut self.view.scale_draft,
            self.ws.project(),
            &mut actions,
        );

        ui::dialogs::paste_ui(&ctx, &mut self.view.paste, &mut actions);

        ui::dialogs::recovery_modal_ui(
            &ctx,
            self.recovery_offer.as_ref().map(|o| o.description.as_str()),
            &mut actions,
        );

        self.run_actions(&ctx, actions);
        self.autosave_tick(&ctx);
        self.auto_save_tick(&ctx);

        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// Carries out this frame's actions, in order. The only place the
    /// project changes.
    pub fn run_actions(&mut self, ctx: &Context, actions: Vec<Action>) {
        for action in actions {
            self.run_action(ctx, action);
        }
    }

    fn run_action(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::Edit(edit) => self.apply(edit),
            Action::Select(id, reveal) => self.select(id, reveal),
            Action::Move(delta) => {
                if let Some((index, id)) = self.neighbour(delta) {
                    self.view.selected_hint = index;
                    self.select(id, Reveal::Both);
                }
            }
            Action::NextUntagged => self.next_untagged(),
            Action::TagAndAdvance(tag) => {
                let Some(id) = self.view.selected else { return };
                let next = self.neighbour(1);
                self.apply(Edit::SetTag { id, tag: Some(tag) });
                if let Some((index, next)) = next {
                    self.view.selected_hint = index;
                    self.select(next, Reveal::Both);
                }
            }
            Action::ClearTag => {
                if let Some(id) = self.view.selected {
                    self.apply(Edit::SetTag { id, tag: None });
                }
            }
            Action::ToggleSplit => self.view.split_picker = !self.view.split_picker,
            Action::MergeSelected => {
                if let Some(id) = self.view.selected {
                    self.apply(Edit::Merge { id });
                }
            }
            Action::Undo => {
                let focus = self.ws.undo();
                self.after_history(focus);
            }
            Action::Redo => {
                let focus = self.ws.redo();
                self.after_history(focus);
            }
            Action::Seal => self.ws.seal(),
            Action::Open(path) => self.guard(Pending::Open(path), ctx),
            Action::ShowPaste => self.view.paste = Some(String::new()),
            Action::NewFromText(text) => self.guard(Pending::NewFromText(text), ctx),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                self.save_as();
            }
            Action::Quit => self.guard(Pending::Close, ctx),
            Action::ShowHelp => self.view.help_open = true,
            Action::ShowProperties => self.view.properties_open = true,
            Action::ShowExport => {
                if self.view.export_format.is_none() {
                    self.view.export_format = Some(self.remembered().export_format());
                }
                self.view.export_open = true;
            }
            Action::Export(format) => self.export(format),
            Action::SetSaveAutomatically(on) => {
                self.save_automatically = on;
                self.store_remembered(&Remembered {
                    save_automatically: on,
                    ..self.remembered()
                });
            }
            Action::FocusSearch => self.view.focus_search = true,
            Action::DismissBanner(index) => {
                if index < self.banners.len() {
                    self.banners.remove(index);
                }
            }
            Action::Resolve(choice) => self.resolve(choice, ctx),
            Action::ResolveConflict(choice) => self.resolve_conflict(choice, ctx),
            Action::ResolveRecovery(restore) => self.resolve_recovery(restore),
        }
    }

    fn apply(&mut self, edit: Edit) {
        match self.ws.apply(edit) {
            Ok(_) => {}
            Err(error) => self.error(error.to_string()),
        }
        // A split or merge may have removed the selected statement: fall
        // back to the one now at its place.
        if self.selected_index().is_none() {
            let hint = self.view.selected_hint;
            let statements = &self.ws.project().statements;
            self.view.selected = statements
                .get(hint.min(statements.len().saturating_sub(1)))
                .map(|s| s.id);
        }
    }

    fn after_history(&mut self, focus: Option<StatementId>) {
        match focus.filter(|id| self.ws.project().index_of(*id).is_some()) {
            Some(id) => self.select(id, Reveal::Both),
            // A header change (or a statement undone out of existence):
            // keep the selection if it still exists.
            None => {
                if self.selected_index().is_none() {
                    self.view.selected = self.ws.project().statements.first().map(|s| s.id);
                }
            }
        }
    }

    fn select(&mut self, id: StatementId, reveal: Reveal) {
        if self.view.selected != Some(id) {
            self.ws.seal();
            self.view.split_picker = false;
        }
        self.view.selected = Some(id);
        if matches!(reveal, Reveal::Article | Reveal::Both) {
            self.view.reveal_in_article = Some(id);
        }
        if matches!(reveal, Reveal::List | Reveal::Both) {
            self.view.reveal_in_list = Some(id);
        }
    }

    /// The statement `delta` rows away from the selection among the rows the
    /// list shows (so J/K respect the filter), with its index.
    fn neighbour(&mut self, delta: isize) -> Option<(usize, StatementId)> {
        let current = self.selected_index();
        let rows = self
            .list_cache
            .rows(self.ws.project(), self.ws.revision(), &self.view);
        let position = match current {
            Some(index) => match rows.binary_search(&index) {
                Ok(position) => position as isize + delta,
                // The selection is filtered out: step from where it would be.
                Err(insert) => insert as isize + if delta > 0 { delta - 1 } else { delta },
            },
            None => 0,
        };
        let position = usize::try_from(position).ok()?;
        let index = *rows.get(position)?;
        self.ws
            .project()
            .statements
            .get(index)
            .map(|s| (index, s.id))
    }

    fn next_untagged(&mut self) {
        let start = self.selected_index().map_or(0, |i| i + 1);
        let statements = &self.ws.project().statements;
        let found = statements
            .iter()
            .skip(start)
            .chain(statements.iter().take(start))
            .find(|s| s.tag.is_none())
            .map(|s| s.id);
        match found {
            Some(id) => self.select(id, Reveal::Both),
            None => self.notice("Every statement is tagged.".to_owned()),
        }
    }

    fn error(&mut self, text: String) {
        self.banners.push(Banner {
            is_error: true,
            text,
        });
    }

    fn notice(&mut self, text: String) {
        self.banners.push(Banner {
            is_error: false,
            text,
        });
    }

    /// Runs `pending` now if nothing is at stake, else asks first.
    fn guard(&mut self, pending: Pending, ctx: &Context) {
        if self.ws.is_dirty() {
            self.pending = Some(pending);
        } else {
            self.proceed(pending, ctx);
        }
    }

    fn resolve(&mut self, choice: Choice, ctx: &Context) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match choice {
            Choice::Cancel => {}
            Choice::Discard => self.proceed(pending, ctx),
            Choice::Save => {
                if self.save() {
                    self.proceed(pending, ctx);
                } else if self.conflict {
                    // Still waiting: on the answer to the conflict question.
                    self.pending = Some(pending);
                }
            }
        }
    }

    fn proceed(&mut self, pending: Pending, ctx: &Context) {
        match pending {
            Pending::Close => {
                self.close_allowed = true;
                self.close_sent = true;
                // Saved or discarded by the reviewer's choice: nothing to recover.
                if let Some(autosave) = self.autosave.take() {
                    autosave.on_clean_exit();
                }
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Pending::Open(path) => {
                let Some(path) = path.or_else(|| self.dialogs.pick_open()) else {
                    return;
                };
                self.open(&path);
            }
            Pending::NewFromText(text) => match import::import_pasted(&text) {
                Ok(article) => {
                    self.replace_workspace(Workspace::new(import::new_project(article), None));
                    self.view.paste = None;
                }
                Err(error) => self.error(error.to_string()),
            },
        }
    }

    /// Opens `path` (article or project). On failure the current project
    /// stays open, untouched, and the error is shown.
    pub fn open(&mut self, path: &Path) {
        match Workspace::open(path) {
            Ok((ws, notices)) => {
                let is_project = ws.path().is_some();
                self.replace_workspace(ws);
                for notice in notices {
                    self.notice(format!("{notice}: {}", path.display()));
                }
                if is_project {
                    self.remember(path);
                }
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    fn replace_workspace(&mut self, ws: Workspace) {
        let banners = std::mem::take(&mut self.banners);
        let dialogs = std::mem::replace(&mut self.dialogs, Box::new(NoDialogs::default()));
        let config_dir = self.config_dir.take();
        let save_automatically = self.save_automatically;
        let mut autosave = self.autosave.take();
        // The old project was saved or its changes discarded on purpose.
        if let Some(autosave) = &mut autosave {
            autosave.forget();
        }
        self.lock = None;
        *self = Self::new(ws, dialogs, config_dir);
        self.autosave = autosave;
        self.save_automatically = save_automatically;
        // Errors about the previous project no longer apply; keep notices.
        self.banners = banners.into_iter().filter(|b| !b.is_error).collect();
        self.after_open();
    }

    /// Saves to the current path, or asks where. Returns whether it saved.
    pub fn save(&mut self) -> bool {
        match self.ws.path().map(Path::to_owned) {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    fn save_as(&mut self) -> bool {
        let suggested = self.ws.suggested_path();
        let Some(path) = self.dialogs.pick_save(&suggested) else {
            return false;
        };
        let path = with_project_extension(path);
        self.save_to(&path)
    }

    /// Saves to `path`, unless it is this project's own file and something
    /// else changed it on disk: then the reviewer is asked first. On failure
    /// the old file is intact, the work stays in memory, and the error is
    /// shown.
    pub fn save_to(&mut self, path: &Path) -> bool {
        if self.ws.path() == Some(path) && self.ws.changed_on_disk() {
            self.conflict = true;
            return false;
        }
        self.write_to(path)
    }

    fn write_to(&mut self, path: &Path) -> bool {
        match project_file::save(self.ws.project(), path) {
            Ok(fingerprint) => {
                let first_save = self.ws.path() != Some(path);
                self.ws.mark_saved(path.to_owned());
                self.ws.set_disk_fingerprint(fingerprint);
                if let Some(autosave) = &mut self.autosave {
                    autosave.on_saved(&self.ws);
                }
                if first_save {
                    self.lock = ProjectLock::acquire(path).ok();
                }
                self.banners.retain(|b| !b.is_error);
                self.remember(path);
                true
            }
            Err(error) => {
                self.error(error.to_string());
                false
            }
        }
    }

    fn resolve_conflict(&mut self, choice: ConflictChoice, ctx: &Context) {
        self.conflict = false;
        let saved = match choice {
            ConflictChoice::Cancel => false,
            ConflictChoice::Overwrite => match self.ws.path().map(Path::to_owned) {
                Some(path) => self.write_to(&path),
                None => false,
            },
            ConflictChoice::SaveAsNew => self.save_as(),
            ConflictChoice::Reload => {
                if let Some(path) = self.ws.path().map(Path::to_owned) {
                    self.open(&path);
                }
                // What waited on the save (a close, an open) waits no more:
                // the reviewer chose the version on disk.
                self.pending = None;
                return;
            }
        };
        match self.pending.take() {
            Some(pending) if saved => self.proceed(pending, ctx),
            _ => {}
        }
    }

    /// Whether "save automatically" is on.
    pub fn save_automatically(&self) -> bool {
        self.save_automatically
    }

    /// With "save automatically" on, saves the project file once the
    /// autosave delay has passed since the last change (never while a
    /// question is open, never before the project has a file, and through
    /// the same conflict check as Ctrl+S).
    fn auto_save_tick(&mut self, ctx: &Context) {
        if !self.save_automatically {
            return;
        }
        let now = Instant::now();
        if self.ws.revision() != self.auto_save_seen.0 {
            self.auto_save_seen = (self.ws.revision(), now);
        }
        let blocked = self.pending.is_some() || self.conflict || self.recovery_offer.is_some();
        let Some(path) = self.ws.path().map(Path::to_owned) else {
            return;
        };
        if !self.ws.is_dirty() || blocked {
            return;
        }
        let delay = self
            .autosave
            .as_ref()
            .map_or(crate::autosave::DEFAULT_DELAY, Autosaver::delay);
        let due = self.auto_save_seen.1 + delay;
        if now >= due {
            self.save_to(&path);
        } else {
            ctx.request_repaint_after(due - now);
        }
    }

    /// Hands unsaved work to the autosaver when due, at once when the window
    /// loses focus, and asks for a repaint at the next deadline (never
    /// polling, so an idle window stays idle).
    fn autosave_tick(&mut self, ctx: &Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        let now = Instant::now();
        let focused = ctx.input(|i| i.viewport().focused).unwrap_or(true);
        if self.focused && !focused {
            autosave.flush_now(&self.ws);
        }
        self.focused = focused;
        autosave.tick(&self.ws, now);
        if let Some(deadline) = autosave.next_deadline() {
            ctx.request_repaint_after(deadline.saturating_duration_since(now));
        }
    }

    fn resolve_recovery(&mut self, restore: bool) {
        let Some(offer) = self.recovery_offer.take() else {
            return;
        };
        if restore {
            self.ws.restore(offer.project);
            self.view.selected = self.ws.project().statements.first().map(|s| s.id);
        }
        // Restored work lives in the workspace now (and the autosaver writes
        // it again); discarded work is gone by the reviewer's choice.
        if let Err(error) = recovery::discard(&offer.file) {
            self.error(error.to_string());
        }
    }

    fn remembered(&self) -> Remembered {
        self.config_dir
            .as_deref()
            .map(Remembered::load)
            .unwrap_or_default()
    }

    fn store_remembered(&self, remembered: &Remembered) {
        let Some(dir) = &self.config_dir else { return };
        // Not worth interrupting the reviewer for: at worst the next start
        // opens the sample, or the export dialog starts in another folder.
        if let Err(error) = remembered.store(dir) {
            eprintln!("claimdesk: could not remember settings: {error:#}");
        }
    }

    fn remember(&self, path: &Path) {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.store_remembered(&Remembered {
            last_project: Some(absolute),
            ..self.remembered()
        });
    }

    /// Exports a report in `format` to where the reviewer picks. The file is
    /// written atomically; the folder and format are remembered.
    pub fn export(&mut self, format: Format) {
        let remembered = self.remembered();
        let stem = self
            .ws
            .suggested_path()
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".claims.ron")
                    .to_owned()
            })
            .unwrap_or_else(|| "report".to_owned());
        let dir = remembered
            .last_export_dir
            .clone()
            .or_else(|| self.ws.suggested_path().parent().map(Path::to_owned))
            .unwrap_or_default();
        let suggested = dir.join(format!("{stem}.{}", format.suffix()));
        let Some(path) = self.dialogs.pick_export(&suggested, format) else {
            return;
        };
        match crate::cli::export_to_path(self.ws.project(), format, &path) {
            Ok(()) => {
                self.view.export_open = false;
                self.notice(format!(
                    "Exported the {} to {}",
                    format.label(),
                    path.display()
                ));
                self.store_remembered(&Remembered {
                    last_export_format: Some(format.key().to_owned()),
                    last_export_dir: path.parent().map(Path::to_owned),
                    ..remembered
                });
            }
            Err(error) => self.error(format!("{error:#}")),
        }
    }

    fn handle_close_request(&mut self, ctx: &Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.ws.is_dirty() && !self.close_allowed {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
    }
}

fn handle_dropped_files(ctx: &Context, actions: &mut Vec<Action>) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    if let Some(file) = dropped.first() {
        actions.push(Action::Open(Some(file.path().to_owned())));
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `story` and `story.ron` become `story.claims.ron`.
fn with_project_extension(path: PathBuf) -> PathBuf {
    let name = file_name(&path);
    if name.ends_with(".claims.ron") {
        return path;
    }
    let stem = name.strip_suffix(".ron").unwrap_or(&name);
    path.with_file_name(format!("{stem}.{}", project_file::EXTENSION))
}

impl eframe::App for ClaimdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The window closes only after the reviewer saved or discarded (or
        // nothing was unsaved): then the recovery file has nothing to keep.
        // Anything else (the system ending the session) keeps the work.
        if let Some(mut autosave) = self.autosave.take() {
            if self.ws.is_dirty() && !self.close_allowed {
                autosave.flush_now(&self.ws);
                autosave.wait_idle(Duration::from_secs(5));
            } else {
                autosave.on_clean_exit();
            }
        }
    }
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
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => eprintln!("claimdesk: could not load the window icon: {error}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        ..eframe::NativeOptions::default()
    };
    let config_dir = config_dir();
    let data_dir = recovery::data_dir();
    eframe::run_native(
        "claimdesk",
        options,
        Box::new(move |_cc| {
            let mut app = ClaimdeskApp::start(startup, Box::new(NativeDialogs), config_dir);
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

impl Remembered {
    /// The format the export dialog starts on: the last one used, or HTML.
    pub fn export_format(&self) -> Format {
        self.last_export_format
            .as_deref()
            .and_then(Format::from_key)
            .unwrap_or(Format::Html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_extension_is_added_once() {
        assert_eq!(
            with_project_extension("a/story".into()),
            PathBuf::from("a/story.claims.ron")
        );
        assert_eq!(
            with_project_extension("story.ron".into()),
            PathBuf::from("story.claims.ron")
        );
        assert_eq!(
            with_project_extension("x.claims.ron".into()),
            PathBuf::from("x.claims.ron")
        );
    }

    #[test]
    fn filters_admit_what_they_name() {
        assert!(Filter::All.admits(None, false));
        assert!(Filter::Untagged.admits(None, false));
        assert!(!Filter::Untagged.admits(Some(Tag::Fact), false));
        assert!(Filter::Tagged(Tag::Opinion).admits(Some(Tag::Opinion), false));
        assert!(!Filter::Tagged(Tag::Opinion).admits(Some(Tag::Fact), true));
        assert!(Filter::FollowUp.admits(Some(Tag::Fact), true));
    }
}
