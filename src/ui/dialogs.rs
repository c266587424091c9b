//! Banners and modal dialogs: errors and notices, "save changes?", the
//! keyboard-shortcut list and the paste-an-article dialog.

use egui::{Context, Id, RichText};

use crate::ui::action::{Action, Choice, ConflictChoice};
use crate::ui::{shortcuts, theme};

/// A message shown above the article until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// Error (red) or notice (blue).
    pub is_error: bool,
    /// The message.
    pub text: String,
    /// Banners with a key are updated in place rather than repeated (the
    /// one about automatic saving).
    pub key: Option<String>,
}

impl Banner {
    /// An error banner.
    pub fn error(text: String) -> Self {
        Self {
            is_error: true,
            text,
            key: None,
        }
    }

    /// A notice banner.
    pub fn notice(text: String) -> Self {
        Self {
            is_error: false,
            text,
            key: None,
        }
    }

    /// A banner that replaces any earlier one with the same `key`.
    pub fn keyed(key: &str, is_error: bool, text: String) -> Self {
        Self {
            is_error,
            text,
            key: Some(key.to_owned()),
        }
    }
}

/// A short notice at the bottom of the window ("Saved to …"); it fades on
/// its own, so it never needs dismissing and never moves the article.
pub fn toast_ui(ctx: &Context, text: Option<&str>) {
    let Some(text) = text else { return };
    egui::Area::new(Id::unique("claimdesk_toast"))
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -36.0))
        .order(egui::Order::Tooltip)
        .interactable(false)
        .show(ctx, |ui| {
            let visuals = ui.visuals().clone();
            egui::Frame::new()
                .fill(theme::notice_background(&visuals))
                .stroke(visuals.widgets.noninteractive.bg_stroke)
                .inner_margin(8.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
                });
        });
}

/// Where About says claimdesk keeps its files.
#[derive(Debug, Clone, Default)]
pub struct AboutInfo {
    /// The recovery-file folder, if autosave is on.
    pub recovery_dir: Option<std::path::PathBuf>,
    /// The settings folder, if there is one.
    pub config_dir: Option<std::path::PathBuf>,
}

/// Help > About claimdesk: version, licence, and where recovery files and
/// settings live.
pub fn about_ui(ctx: &Context, open: &mut bool, info: &AboutInfo) {
    if !*open {
        return;
    }
    let folder = |dir: &Option<std::path::PathBuf>| {
        dir.as_ref().map_or_else(
            || "(none this session)".to_owned(),
            |d| d.display().to_string(),
        )
    };
    let mut close = false;
    let response = egui::Modal::new(Id::unique("about_claimdesk")).show(ctx, |ui| {
        ui.heading("About claimdesk");
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        ui.label(env!("CARGO_PKG_DESCRIPTION"));
        ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
        ui.add_space(6.0);
        egui::Grid::new("about_paths")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Recovery files");
                ui.monospace(folder(&info.recovery_dir));
                ui.end_row();
                ui.label("Settings");
                ui.monospace(folder(&info.config_dir));
                ui.end_row();
            });
        ui.add_space(6.0);
        if ui.button("Close").clicked() {
            close = true;
        }
    });
    if close || response.should_close() {
        *open = false;
    }
}

/// Errors and notices above the article, each with a Dismiss button.
pub fn banners_ui(ui: &mut egui::Ui, banners: &[Banner], actions: &mut Vec<Action>) {
    for (index, banner) in banners.iter().enumerate() {
        let visuals = ui.visuals().clone();
        let fill = if banner.is_error {
            theme::error_background(&visuals)
        } else {
            theme::notice_background(&visuals)
        };
        egui::Frame::new()
            .fill(fill)
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Dismiss").clicked() {
                        actions.push(Action::DismissBanner(index));
                    }
                    let text = RichText::new(&banner.text);
                    let text = if banner.is_error {
                        text.color(theme::error_color(&visuals))
                    } else {
                        text
                    };
                    ui.add(egui::Label::new(text).wrap());
                });
            });
        ui.add_space(4.0);
    }
}

/// "Save changes?" while `open`.
pub fn unsaved_modal_ui(ctx: &Context, open: bool, actions: &mut Vec<Action>) {
    if !open {
        return;
    }
    let response = egui::Modal::new(Id::unique("unsaved_changes")).show(ctx, |ui| {
        ui.heading("Save changes?");
        ui.label("This project has changes that are not saved.");
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                actions.push(Action::Resolve(Choice::Save));
            }
            if ui.button("Discard").clicked() {
                actions.push(Action::Resolve(Choice::Discard));
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::Resolve(Choice::Cancel));
            }
        });
    });
    if response.should_close() {
        actions.push(Action::Resolve(Choice::Cancel));
    }
}

/// The keyboard-shortcut list (F1).
pub fn help_ui(ctx: &Context, open: &mut bool) {
    if !*open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcut_grid")
                .striped(true)
                .show(ui, |ui| {
                    for binding in shortcuts::BINDINGS {
                        ui.monospace(shortcuts::text(ctx, &binding.shortcut));
                        ui.label(binding.description);
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.label(
                "Letter keys work while no text field has the cursor; press Esc to leave one.",
            );
        });
    if !still_open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        *open = false;
    }
}

/// File > New from clipboard: paste the article text, then Create.
pub fn paste_ui(ctx: &Context, paste: &mut Option<String>, actions: &mut Vec<Action>) {
    let Some(text) = paste else { return };
    let mut close = false;
    let response = egui::Modal::new(Id::unique("paste_article")).show(ctx, |ui| {
        ui.heading("New project from pasted text");
        ui.label("Paste the article (Ctrl+V). Blank lines separate paragraphs.");
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(text)
                        .hint_text("Article text")
                        .desired_width(560.0)
                        .desired_rows(14),
                );
            });
        ui.horizontal(|ui| {
            let ready = !text.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Create project"))
                .clicked()
            {
                actions.push(Action::NewFromText(text.clone()));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || response.should_close() {
        *paste = None;
    }
}

/// "The project file changed on disk" while `open`.
pub fn conflict_modal_ui(ctx: &Context, open: bool, actions: &mut Vec<Action>) {
    if !open {
        return;
    }
    let response = egui::Modal::new(Id::unique("save_conflict")).show(ctx, |ui| {
        ui.heading("The project file changed on disk");
        ui.label(
            "Something else (another reviewer, a sync tool, git) changed the file since \
             you opened or last saved it. Saving now would overwrite that version.",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (label, choice) in [
                ("Overwrite", ConflictChoice::Overwrite),
                ("Save as new file…", ConflictChoice::SaveAsNew),
                ("Reload from disk", ConflictChoice::Reload),
                ("Cancel", ConflictChoice::Cancel),
            ] {
                if ui.button(label).clicked() {
                    actions.push(Action::ResolveConflict(choice));
                }
            }
        });
    });
    if response.should_close() {
        actions.push(Action::ResolveConflict(ConflictChoice::Cancel));
    }
}

/// "Recover unsaved work?" while `offer` holds the description.
pub fn recovery_modal_ui(ctx: &Context, offer: Option<&str>, actions: &mut Vec<Action>) {
    let Some(description) = offer else { return };
    egui::Modal::new(Id::unique("recovery_offer")).show(ctx, |ui| {
        ui.heading("Recover unsaved work?");
        ui.label("claimdesk did not close properly last time. This work was kept:");
        ui.add(egui::Label::new(description).wrap());
        ui.add_space(8.0);
        ui.label("Enter restores it. Nothing is removed until you save it or discard it.");
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                actions.push(Action::ResolveRecovery(true));
            }
            if ui.button("Discard").clicked() {
                actions.push(Action::ResolveRecovery(false));
            }
        });
    });
    // Enter answers with the choice that loses nothing; Esc is no answer
    // (the offer stays until the reviewer picks one).
    if ctx.input(|i| i.key_pressed(egui::Key::Enter)) && !ctx.text_edit_focused() {
        actions.push(Action::ResolveRecovery(true));
    }
}
