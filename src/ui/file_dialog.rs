//! claimdesk's own file dialog, used when the system's (the XDG portal on
//! Linux) is missing or fails, or when the reviewer prefers it.
//!
//! Written here rather than taken from `egui_file` (0.29, on egui 0.37)
//! because that crate's dialog is a plain window, not a modal, does not
//! focus its name field, joins whatever is typed onto the current folder
//! (so a pasted full path does not work), and prints folder-creation errors
//! to stdout where the reviewer never sees them. This one is keyboard-first:
//! it opens with the name field focused and its text selected, a name or a
//! full path typed or pasted there and Enter opens or saves it, Esc cancels;
//! every failure is shown inside the dialog.
//!
//! The dialog only picks a path. Reading and writing stay with the shell,
//! which also says in the window how the operation ended.

use std::path::{Path, PathBuf};

use egui::{Context, Id, Key, RichText};

use crate::ui::theme;

/// Whether the dialog picks a file to read or a place to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Pick an existing file.
    Open,
    /// Pick a new or existing file to write.
    Save,
}

/// A named set of file-name endings the list shows ("*" shows everything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// What the filter menu says.
    pub label: String,
    /// Endings without the dot ("ron", "claims.ron"); "*" for all files.
    pub extensions: Vec<String>,
}

impl Filter {
    /// A filter named `label` over `extensions`.
    pub fn new(label: impl Into<String>, extensions: &[&str]) -> Self {
        Self {
            label: label.into(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
        }
    }

    /// Whether a file named `name` passes.
    pub fn admits(&self, name: &str) -> bool {
        let lower = name.to_lowercase();
        self.extensions
            .iter()
            .any(|ext| ext == "*" || lower.ends_with(&format!(".{}", ext.to_lowercase())))
    }
}

/// How the dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The reviewer picked this path.
    Chosen(PathBuf),
    /// The reviewer cancelled (Esc or Cancel).
    Cancelled,
}

/// One row of the folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The dialog's state while it is open.
#[derive(Debug, Clone)]
pub struct FileDialog {
    mode: Mode,
    title: String,
    dir: PathBuf,
    /// The name field: a file name, a folder, or a full path.
    name: String,
    filters: Vec<Filter>,
    filter: usize,
    listing: Result<Vec<Entry>, String>,
    /// Folder being created: the name typed so far.
    new_folder: Option<String>,
    error: Option<String>,
    /// Focus the name field (and select its text) on the next frame.
    focus_name: bool,
}

/// The id of the name field, so tests and the shell can find it.
pub const NAME_FIELD_LABEL: &str = "File name or path";

impl FileDialog {
    /// A dialog titled `title` starting in `dir` with `name` in the name
    /// field, showing files that pass one of `filters` (the first is chosen).
    pub fn new(
        mode: Mode,
        title: impl Into<String>,
        dir: PathBuf,
        name: String,
        filters: Vec<Filter>,
    ) -> Self {
        let filters = if filters.is_empty() {
            vec![Filter::new("All files", &["*"])]
        } else {
            filters
        };
        let mut dialog = Self {
            mode,
            title: title.into(),
            dir: PathBuf::new(),
            name,
            filters,
            filter: 0,
            listing: Ok(Vec::new()),
            new_folder: None,
            error: None,
            focus_name: true,
        };
        dialog.enter(dir);
        dialog
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the name field holds.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the dialog opens or saves.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The message shown inside the dialog, if any (a refused name, a
    /// folder that could not be read or created).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The file names the listing shows now (folders end with '/').
    pub fn shown_names(&self) -> Vec<String> {
        match &self.listing {
            Ok(entries) => entries
                .iter()
                .filter(|e| self.shows(e))
                .map(|e| {
                    if e.is_dir {
                        format!("{}/", e.name)
                    } else {
                        e.name.clone()
                    }
                })
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    fn shows(&self, entry: &Entry) -> bool {
        entry.is_dir
            || self
                .filters
                .get(self.filter)
                .is_none_or(|f| f.admits(&entry.name))
    }

    /// Shows `dir`'s contents; an unreadable folder is said in the list.
    fn enter(&mut self, dir: PathBuf) {
        self.listing = read_folder(&dir);
        self.dir = dir;
        self.error = None;
    }

    /// Where `typed` points: absolute as typed, `~/` from the home folder,
    /// anything else relative to the folder shown.
    pub fn resolve(&self, typed: &str) -> PathBuf {
        let typed = typed.trim();
        if let Some(rest) = typed.strip_prefix("~/")
            && let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_owned())
        {
            return home.join(rest);
        }
        self.dir.join(typed)
    }

    /// What Enter (or the Open/Save button) does with the name field: a
    /// folder is entered; a file is chosen if the mode allows it; anything
    /// else is refused with a message in the dialog.
    pub fn submit(&mut self) -> Option<Outcome> {
        if self.name.trim().is_empty() {
            self.error = Some("Type a file name or a path first.".to_owned());
            return None;
        }
        let path = self.resolve(&self.name.clone());
        if path.is_dir() {
            self.enter(path);
            if self.mode == Mode::Open {
                self.name.clear();
            } else if let Some(file) = Path::new(self.name.trim()).file_name()
                && !self.dir.join(file).is_dir()
            {
                // Keep a suggested file name; drop a typed folder.
                self.name = file.to_string_lossy().into_owned();
            } else {
                self.name.clear();
            }
            self.focus_name = true;
            return None;
        }
        match self.mode {
            Mode::Open if path.is_file() => Some(Outcome::Chosen(path)),
            Mode::Open => {
                self.error = Some(format!("There is no file here: {}", path.display()));
                None
            }
            Mode::Save => match path.parent() {
                Some(parent) if parent.as_os_str().is_empty() || parent.is_dir() => {
                    Some(Outcome::Chosen(path))
                }
                Some(parent) => {
                    self.error = Some(format!(
                        "The folder does not exist (use New folder to create it): {}",
                        parent.display()
                    ));
                    None
                }
                None => {
                    self.error = Some(format!("Not a file name: {}", path.display()));
                    None
                }
            },
        }
    }

    /// Creates the folder `name` in the folder shown and enters it.
    pub fn create_folder(&mut self, name: &str) -> bool {
        let name = name.trim();
        if name.is_empty() {
            self.error = Some("Type a name for the new folder.".to_owned());
            return false;
        }
        let path = self.resolve(name);
        match std::fs::create_dir(&path) {
            Ok(()) => {
                self.new_folder = None;
                self.enter(path);
                self.focus_name = true;
                true
            }
            Err(error) => {
                self.error = Some(format!(
                    "Could not create the folder ({error}): {}",
                    path.display()
                ));
                false
            }
        }
    }

    /// Draws the dialog as a modal; `Some` once it has ended.
    pub fn ui(&mut self, ctx: &Context) -> Option<Outcome> {
        let mut outcome = None;
        let verb = match self.mode {
            Mode::Open => "Open",
            Mode::Save => "Save",
        };
        let escape = ctx.input(|i| i.key_pressed(Key::Escape));
        let modal = egui::Modal::new(Id::unique("claimdesk_file_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&self.title);
            ui.horizontal(|ui| {
                if ui.button("Up").on_hover_text("The parent folder").clicked()
                    && let Some(parent) = self.dir.parent().map(Path::to_owned)
                {
                    self.enter(parent);
                }
                if ui.button("Home").clicked()
                    && let Some(home) =
                        directories::BaseDirs::new().map(|d| d.home_dir().to_owned())
                {
                    self.enter(home);
                }
                if ui.button("New folder…").clicked() {
                    self.new_folder = Some(String::new());
                }
                ui.label(RichText::new(self.dir.display().to_string()).monospace());
            });
            if let Some(folder) = &mut self.new_folder {
                let mut create = None;
                ui.horizontal(|ui| {
                    let label = ui.label("New folder name");
                    let response = ui
                        .add(egui::TextEdit::singleline(folder).desired_width(260.0))
                        .labelled_by(label.id);
                    if !response.has_focus() && !response.lost_focus() && folder.is_empty() {
                        response.request_focus();
                    }
                    if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        create = Some(folder.clone());
                    }
                    if ui.button("Create").clicked() {
                        create = Some(folder.clone());
                    }
                });
                if let Some(name) = create {
                    self.create_folder(&name);
                }
            }
            ui.separator();
            self.listing_ui(ui, &mut outcome);
            ui.separator();
            egui::Grid::new("file_dialog_fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label(NAME_FIELD_LABEL);
                    let mut output = egui::TextEdit::singleline(&mut self.name)
                        .desired_width(400.0)
                        .show(ui);
                    let response = output.response.response.clone().labelled_by(label.id);
                    if self.focus_name {
                        self.focus_name = false;
                        response.request_focus();
                        output.state.cursor.set_char_range(Some(
                            egui::text::CCursorRange::select_all_str(&self.name),
                        ));
                        output.state.store(ui.ctx(), response.id);
                    }
                    if response.changed() {
                        self.error = None;
                    }
                    if response.lost_focus()
                        && ui.input(|i| i.key_pressed(Key::Enter))
                        && let Some(done) = self.submit()
                    {
                        outcome = Some(done);
                    }
                    ui.end_row();
                    let show = ui.label("Show");
                    let current = self
                        .filters
                        .get(self.filter)
                        .map(|f| f.label.clone())
                        .unwrap_or_default();
                    egui::ComboBox::from_id_salt("file_dialog_filter")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            for (index, filter) in self.filters.iter().enumerate() {
                                ui.selectable_value(&mut self.filter, index, &filter.label);
                            }
                        })
                        .response
                        .labelled_by(show.id);
                    ui.end_row();
                });
            if let Some(error) = &self.error {
                ui.colored_label(theme::error_color(ui.visuals()), error);
            }
            ui.horizontal(|ui| {
                if ui.button(verb).clicked()
                    && let Some(done) = self.submit()
                {
                    outcome = Some(done);
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancelled);
                }
            });
        });
        if outcome.is_none() && escape {
            if self.new_folder.is_some() {
                self.new_folder = None;
            } else {
                outcome = Some(Outcome::Cancelled);
            }
        }
        // The backdrop: a click outside is no answer; only Esc and Cancel
        // cancel, so a stray click cannot lose the typed path.
        let _ = modal;
        outcome
    }

    fn listing_ui(&mut self, ui: &mut egui::Ui, outcome: &mut Option<Outcome>) {
        let mut enter = None;
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .auto_shrink([false, false])
            .show(ui, |ui| match &self.listing {
                Err(error) => {
                    ui.colored_label(theme::error_color(ui.visuals()), error);
                }
                Ok(entries) => {
                    let shown: Vec<&Entry> = entries.iter().filter(|e| self.shows(e)).collect();
                    if shown.is_empty() {
                        ui.weak("(nothing here)");
                    }
                    for entry in shown {
                        // Folders end with a slash, as in a shell listing.
                        let label = if entry.is_dir {
                            format!("{}/", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let selected = !entry.is_dir && self.name == entry.name;
                        let response = ui.selectable_label(selected, label);
                        if response.double_clicked() {
                            enter = Some((entry.clone(), true));
                        } else if response.clicked() {
                            enter = Some((entry.clone(), false));
                        }
                    }
                }
            });
        match enter {
            Some((entry, _)) if entry.is_dir => {
                let path = self.dir.join(&entry.name);
                self.enter(path);
            }
            Some((entry, double)) => {
                self.name = entry.name;
                self.error = None;
                if double && let Some(done) = self.submit() {
                    *outcome = Some(done);
                }
            }
            None => {}
        }
    }
}

fn read_folder(dir: &Path) -> Result<Vec<Entry>, String> {
    let reader = std::fs::read_dir(dir)
        .map_err(|e| format!("Could not read the folder ({e}): {}", dir.display()))?;
    let mut entries: Vec<Entry> = reader
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            // Follows links, so a link to a folder lists as a folder.
            let is_dir = entry.path().is_dir();
            Some(Entry { name, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialog(mode: Mode, dir: &Path, name: &str) -> FileDialog {
        FileDialog::new(
            mode,
            "t",
            dir.to_owned(),
            name.to_owned(),
            vec![Filter::new("Projects", &["claims.ron"])],
        )
    }

    #[test]
    fn listing_shows_folders_first_and_only_matching_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("zeta")).unwrap();
        std::fs::write(dir.path().join("a.claims.ron"), "").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        std::fs::write(dir.path().join(".hidden.claims.ron"), "").unwrap();
        let d = dialog(Mode::Open, dir.path(), "");
        assert_eq!(d.shown_names(), vec!["zeta/", "a.claims.ron"]);
    }

    #[test]
    fn a_typed_full_path_is_chosen_and_a_folder_is_entered() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let mut d = dialog(Mode::Save, Path::new("/"), "story.claims.ron");
        d.name = sub.display().to_string();
        assert_eq!(d.submit(), None, "a folder is entered, not chosen");
        assert_eq!(d.dir(), sub);
        let target = sub.join("x.claims.ron");
        d.name = target.display().to_string();
        assert_eq!(d.submit(), Some(Outcome::Chosen(target)));
    }

    #[test]
    fn open_refuses_a_missing_file_and_save_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut open = dialog(Mode::Open, dir.path(), "nope.txt");
        assert_eq!(open.submit(), None);
        assert!(open.error().unwrap().contains("nope.txt"));
        let mut save = dialog(Mode::Save, dir.path(), "no/such/x.claims.ron");
        assert_eq!(save.submit(), None);
        assert!(save.error().unwrap().contains("does not exist"));
    }

    #[test]
    fn create_folder_makes_it_and_enters_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = dialog(Mode::Save, dir.path(), "x.claims.ron");
        assert!(d.create_folder("reports"));
        assert!(dir.path().join("reports").is_dir());
        assert_eq!(d.dir(), dir.path().join("reports"));
        assert!(!d.create_folder("../reports"), "it exists already");
        assert!(d.error().unwrap().contains("Could not create"));
    }
}
