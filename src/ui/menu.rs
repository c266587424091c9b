//! The menu bar: File, Edit, Help. Every item shows its shortcut.

use crate::app::Action;
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

/// Draws the menu bar and pushes what was chosen.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    ws: &Workspace,
    save_automatically: bool,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "Open…", Some(&shortcuts::OPEN), true) {
                actions.push(Action::Open(None));
            }
            if item(ui, "New from clipboard…", Some(&shortcuts::NEW_PASTE), true) {
                actions.push(Action::ShowPaste);
            }
            ui.separator();
            if item(ui, "Save", Some(&shortcuts::SAVE), true) {
                actions.push(Action::Save);
            }
            if item(ui, "Save As…", Some(&shortcuts::SAVE_AS), true) {
                actions.push(Action::SaveAs);
            }
            let mut automatic = save_automatically;
            if ui
                .checkbox(&mut automatic, "Save automatically")
                .on_hover_text("Also write the project file a few seconds after each change")
                .changed()
            {
                actions.push(Action::SetSaveAutomatically(automatic));
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
        });
        ui.menu_button("Help", |ui| {
            if item(ui, "Keyboard shortcuts", Some(&shortcuts::HELP), true) {
                actions.push(Action::ShowHelp);
            }
        });
    });
}
