//! The menu bar: File, Edit, View, Review, Help. Every item shows its shortcut.

use std::path::{Path, PathBuf};

use crate::ui::action::Action;
use crate::ui::shortcuts::{self, text};
use crate::workspace::Workspace;

fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<&egui::KeyboardShortcut>,
    enabled: bool,
) -> bool {
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = shortcut {
        button = button.shortcut_text(text(ui.ctx(), shortcut));
    }
    ui.add_enabled(enabled, button).clicked()
}

/// What the menu shows besides the workspace.
#[derive(Debug, Clone, Copy)]
pub struct MenuState<'a> {
    /// File > Save automatically is ticked.
    pub save_automatically: bool,
    /// File > Prefer the in-app file dialog is ticked.
    pub prefer_in_app_dialog: bool,
    /// File > Open Recent, newest first.
    pub recent: &'a [PathBuf],
    /// View > Theme (the panels' View menu, `view_menu.rs`).
    pub theme: crate::ui::theme::ThemeChoice,
    /// View > Text size.
    pub text_size: crate::ui::theme::TextSize,
    /// Tag suggestions: View > Show tag suggestions, Edit > Accept all.
    pub suggest: &'a crate::ui::suggest::SuggestView,
    /// File > Re-import as full text and What was left out apply (the open
    /// project came from a web page whose source is kept): issue 11.
    pub reimport_available: bool,
    /// The Review menu (issue 13).
    pub review: crate::ui::compare::ReviewMenu,
}

/// Why a recent file cannot be opened now, if it cannot ("not found").
pub fn recent_problem(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => None,
        Ok(_) => Some("not a file".to_owned()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            Some("not found (moved or deleted)".to_owned())
        }
        Err(error) => Some(error.to_string()),
    }
}

/// File > Open Recent: files that cannot be opened now are greyed out, with
/// why on hover. Checked only while the submenu is open.
fn recent_ui(ui: &mut egui::Ui, recent: &[PathBuf], actions: &mut Vec<Action>) {
    ui.menu_button("Open Recent", |ui| {
        if recent.is_empty() {
            ui.add_enabled(false, egui::Button::new("(nothing yet)"));
        }
        for path in recent {
            let label = path.display().to_string();
            match recent_problem(path) {
                None => {
                    if ui.button(label).clicked() {
                        actions.push(Action::OpenRecent(path.clone()));
                    }
                }
                Some(why) => {
                    ui.add_enabled(false, egui::Button::new(label))
                        .on_disabled_hover_text(why);
                }
            }
        }
    });
}

/// Draws the menu bar and pushes what was chosen.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    state: &MenuState<'_>,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "Open…", Some(&shortcuts::OPEN), true) {
                actions.push(Action::Open(None));
            }
            crate::ui::import::open_link_item(ui, actions);
            recent_ui(ui, state.recent, actions);
            if item(ui, "New from clipboard", Some(&shortcuts::NEW_PASTE), true) {
                actions.push(Action::NewFromClipboard);
            }
            crate::ui::import::source_items(ui, state.reimport_available, actions);
            if item(ui, "Close project", None, true) {
                actions.push(Action::CloseProject);
            }
            // Article update (UPDATE helper).
            if item(ui, "Update article…", None, true) {
                actions.push(Action::ShowUpdate);
            }
            ui.separator();
            if item(ui, "Save", Some(&shortcuts::SAVE), true) {
                actions.push(Action::Save);
            }
            if item(ui, "Save As…", Some(&shortcuts::SAVE_AS), true) {
                actions.push(Action::SaveAs);
            }
            let mut automatic = state.save_automatically;
            if ui
                .checkbox(&mut automatic, "Save automatically")
                .on_hover_text("Also write the project file a few seconds after each change")
                .changed()
            {
                actions.push(Action::SetSaveAutomatically(automatic));
            }
            let mut in_app = state.prefer_in_app_dialog;
            if ui
                .checkbox(&mut in_app, "Prefer the in-app file dialog")
                .on_hover_text(
                    "Use claimdesk's own dialog for open, save and export, even where the \
                     system's works",
                )
                .changed()
            {
                actions.push(Action::SetPreferInAppDialog(in_app));
            }
            if item(ui, "Export…", Some(&shortcuts::EXPORT), true) {
                actions.push(Action::ShowExport);
            }
            ui.separator();
            if item(ui, "Project properties…", None, true) {
                actions.push(Action::ShowProperties);
            }
            ui.separator();
            if item(ui, "Quit", Some(&shortcuts::QUIT), true) {
                actions.push(Action::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if item(ui, "Undo", Some(&shortcuts::UNDO), ws.can_undo()) {
                actions.push(Action::Undo);
            }
            if item(ui, "Redo", Some(&shortcuts::REDO), ws.can_redo()) {
                actions.push(Action::Redo);
            }
            ui.separator();
            if item(ui, "Find", Some(&shortcuts::FIND), true) {
                actions.push(Action::FocusSearch);
            }
            crate::ui::suggest::edit_menu_items(ui, state.suggest, actions);
        });
        ui.menu_button("View", |ui| {
            crate::ui::view_menu::view_menu_ui(ui, state.theme, state.text_size, actions);
            crate::ui::suggest::view_menu_items(ui, state.suggest, actions);
        });
        // A desk of reviewers (issue 13).
        ui.menu_button("Review", |ui| {
            crate::ui::compare::review_menu_ui(ui, state.review, actions);
        });
        ui.menu_button("Help", |ui| {
            if item(ui, "Keyboard shortcuts", Some(&shortcuts::HELP), true) {
                actions.push(Action::ShowHelp);
            }
            crate::ui::suggest::help_menu_items(ui, actions);
            if item(ui, "About claimdesk", None, true) {
                actions.push(Action::ShowAbout);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_recent_file_says_why() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            recent_problem(&dir.path().join("gone.txt"))
                .unwrap()
                .contains("not found")
        );
        assert_eq!(recent_problem(dir.path()).as_deref(), Some("not a file"));
        let file = dir.path().join("here.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(recent_problem(&file), None);
    }
}
