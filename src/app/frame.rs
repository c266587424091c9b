//! Drawing one frame: the panels, then the dialogs, then the frame's
//! actions. Also the one mechanism that keeps shortcuts away from modals.
//!
//! While any modal is open ([`ClaimdeskApp::modal_open`]), the shortcut
//! table does not run at all, and the key presses it would have read are
//! consumed, so nothing behind the modal acts on them. The modal keeps its
//! own keys (Esc, Enter, Tab and Space for its buttons, typing in its
//! fields). A new dialog gets this by being counted in `modal_open`.

use egui::{Context, ViewportCommand};

use super::ClaimdeskApp;
use crate::ui;
use crate::ui::action::Action;

impl ClaimdeskApp {
    /// True while a modal dialog is open: the recovery offer, "save
    /// changes?", "changed on disk", the file dialog, properties, the
    /// paste dialog, About, and the import dialogs (Open link…, progress,
    /// re-import, what was left out), and the blind-copy name (issue 13).
    pub fn modal_open(&self) -> bool {
        self.recovery_offer.is_some()
            || self.pending_prompt_open()
            || self.conflict
            || self.file_dialog.is_some()
            || self.view.properties_open
            || self.view.paste.is_some()
            || self.about_open
            || self.view.suggest.confirm_accept_all.is_some()
            || self.update_modal_open()
            || self.import_modal_open()
            || self.compare_modal_open()
    }

    /// "Save changes?" is shown while something waits on it and no other
    /// question (the conflict, a file dialog the Save started) is in front.
    fn pending_prompt_open(&self) -> bool {
        self.pending.is_some() && !self.conflict && self.file_dialog.is_none()
    }

    /// Draws one frame and carries out what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Theme and text size (PANELS): cheap when unchanged.
        ui::theme::apply(&ctx, self.view.theme, self.view.text_size);
        // Tag suggestions: worked out again only when the statements changed.
        self.refresh_suggestions(&ctx);
        let mut actions = Vec::new();
        self.handle_close_request(&ctx);
        if self.modal_open() {
            swallow_shortcuts(&ctx);
        } else {
            handle_dropped_files(&ctx, &mut actions);
            ui::shortcuts::shortcuts(&ctx, &self.view, &mut actions);
        }

        let selected = self.selected_index();
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let menu = ui::menu::MenuState {
                save_automatically: self.auto_save.enabled,
                prefer_in_app_dialog: self.settings.prefer_in_app_dialog,
                recent: &self.settings.recent,
                theme: self.view.theme,
                text_size: self.view.text_size,
                suggest: &self.view.suggest,
                reimport_available: self.import.reimport_available(),
                review: self.review_menu(),
            };
            ui::menu::menu_bar_ui(ui, &self.ws, &menu, &mut actions);
        });
        let stats = self.ws.stats();
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            // Article update (UPDATE helper): "N left to review".
            let left = self
                .view
                .update
                .refresh(self.ws.project(), self.ws.shape_revision())
                .len();
            ui::update_review::left_to_review_ui(ui, left, &mut actions);
            ui::status::status_bar_ui(ui, &stats);
            ui::status::disagreements_ui(ui, self.ws.project());
            ui::suggest::status_ui(ui, &self.view.suggest);
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
        // Article update (UPDATE helper): review panel, dialogs, progress.
        self.update_ui(ui, selected, &mut actions);
        // A desk of reviewers (issue 13): above the article, beside the list.
        self.compare_ui(ui, &mut actions);
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
        self.dialogs_ui(&ctx, &mut actions);
        self.run_actions(&ctx, actions);
        // Edits made this frame start their autosave clocks now, not on
        // the next frame (which may not come while the reviewer is idle).
        self.logic(&ctx);

        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    fn dialogs_ui(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        ui::dialogs::toast_ui(ctx, self.toast.as_ref().map(|t| t.text.as_str()));
        ui::dialogs::unsaved_modal_ui(ctx, self.pending_prompt_open(), actions);
        ui::dialogs::conflict_modal_ui(ctx, self.conflict, actions);
        ui::dialogs::help_ui(ctx, &mut self.view.help_open);
        self.reports_ui(ctx, actions);
        ui::properties::properties_ui(
            ctx,
            &mut self.view.properties_open,
            &mut self.view.scale_draft,
            self.ws.project(),
            actions,
        );
        ui::dialogs::paste_ui(ctx, &mut self.view.paste, actions);
        ui::suggest::dialogs_ui(ctx, &mut self.view.suggest, actions);
        let about = ui::dialogs::AboutInfo {
            recovery_dir: self.autosave.as_ref().map(|a| a.dir().to_owned()),
            config_dir: self.config_dir.clone(),
        };
        ui::dialogs::about_ui(ctx, &mut self.about_open, &about);
        self.import_ui(ctx, actions);
        if let Some(open) = &mut self.file_dialog
            && let Some(outcome) = open.dialog.ui(ctx)
        {
            actions.push(Action::FileDialogDone(outcome));
        }
        ui::dialogs::recovery_modal_ui(
            ctx,
            self.recovery_offer.as_ref().map(|o| o.description.as_str()),
            actions,
        );
    }
}

/// Consumes this frame's shortcut key presses (every binding in the
/// shortcut table, and anything with Ctrl/Cmd/Alt), except the keys
/// dialogs answer to and what a focused text field needs for editing.
fn swallow_shortcuts(ctx: &Context) {
    use egui::{Event, Key};
    let typing = ctx.text_edit_focused();
    // Keys a dialog or its fields answer to.
    let own = |key: Key| {
        matches!(
            key,
            Key::Escape
                | Key::Enter
                | Key::Tab
                | Key::Space
                | Key::Backspace
                | Key::Delete
                | Key::Home
                | Key::End
                | Key::ArrowLeft
                | Key::ArrowRight
                | Key::ArrowUp
                | Key::ArrowDown
        )
    };
    // Ctrl+A, Ctrl+Z and friends edit the focused field, not the project.
    let editing = |key: Key| typing && matches!(key, Key::A | Key::Z | Key::Y);
    let bound = |key: Key, modifiers: egui::Modifiers| {
        ui::shortcuts::BINDINGS
            .iter()
            .any(|b| b.shortcut.logical_key == key && b.shortcut.modifiers == modifiers)
    };
    ctx.input_mut(|input| {
        input.events.retain(|event| match event {
            Event::Key { key, modifiers, .. } => {
                if own(*key) || editing(*key) {
                    return true;
                }
                let command = modifiers.command || modifiers.ctrl || modifiers.alt;
                // A bare letter bound in the table still reaches a text
                // field as text (a separate event); the key press goes.
                !(command || bound(*key, *modifiers))
            }
            _ => true,
        });
    });
}

fn handle_dropped_files(ctx: &Context, actions: &mut Vec<Action>) {
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    if let Some(file) = dropped.first() {
        actions.push(Action::Open(Some(file.path().to_owned())));
    }
}
