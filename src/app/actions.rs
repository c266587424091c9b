//! The runner: carries out a frame's [`Action`]s in order. The only place
//! the project changes.
//!
//! Adding an action: a variant in [`crate::ui::action`], a push where the
//! panel offers it, and an arm in [`ClaimdeskApp::run_action`] (panel
//! actions in the first block, shell actions in the second).

use egui::Context;

use super::{ClaimdeskApp, Pending};
use crate::edit::Edit;
use crate::import;
use crate::model::StatementId;
use crate::ui::action::{Action, Choice};
use crate::ui::view_state::Reveal;
use crate::workspace::Workspace;

impl ClaimdeskApp {
    /// Carries out this frame's actions, in order.
    /// `ctx` is the frame's context (kept for actions that need it).
    pub fn run_actions(&mut self, _ctx: &Context, actions: Vec<Action>) {
        for action in actions {
            self.run_action(action);
        }
        self.remember_view_choices();
    }

    fn run_action(&mut self, action: Action) {
        match action {
            // What panels ask for: the project and the view.
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
                // The suggested tag's own key accepts the suggestion.
                let edit = self.tag_edit(id, tag);
                self.apply(edit);
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
            Action::FocusSearch => self.view.focus_search = true,

            // What the shell does: files, windows, questions.
            Action::Open(path) => self.guard(Pending::Open(path)),
            Action::OpenRecent(path) => self.guard(Pending::Open(Some(path))),
            Action::CloseProject => self.guard(Pending::CloseProject),
            Action::ShowPaste => self.view.paste = Some(String::new()),
            Action::NewFromText(text) => self.guard(Pending::NewFromText(text)),
            Action::Save => {
                self.save();
            }
            Action::SaveAs => {
                self.save_as();
            }
            Action::Quit => self.guard(Pending::Close),
            Action::ShowHelp => self.view.help_open = true,
            Action::ShowAbout => self.about_open = true,
            Action::ShowProperties => self.view.properties_open = true,
            Action::ShowExport => self.show_export(),
            Action::Export(format) => {
                self.export(format);
            }
            Action::SetSaveAutomatically(on) => self.set_save_automatically(on),
            Action::SetPreferInAppDialog(on) => {
                self.update_settings(|s| s.prefer_in_app_dialog = on);
            }
            Action::FileDialogDone(outcome) => self.file_dialog_done(outcome),
            Action::DismissBanner(index) => {
                if index < self.banners.len() {
                    self.banners.remove(index);
                }
            }
            Action::Resolve(choice) => self.resolve(choice),
            Action::ResolveConflict(choice) => self.resolve_conflict(choice),
            Action::ResolveRecovery(restore) => self.resolve_recovery(restore),
            // --- Panels' actions (PANELS helper): view settings only. The
            // settings file remembers `view.theme` and `view.text_size`.
            Action::SetTheme(choice) => self.view.theme = choice,
            Action::TextSize(change) => self.view.text_size = self.view.text_size.changed(change),
            // Reports (issue 15).
            Action::ExportReport(choice) => {
                self.export_report(choice);
            }
            // --- Tag suggestions (issue 14): `app/suggest.rs`.
            Action::AcceptSuggestion => {
                if let Some(tag) = self.suggested_tag_of_selection() {
                    self.run_action(Action::TagAndAdvance(tag));
                }
            }
            Action::AskAcceptAllHigh => self.ask_accept_all_high(),
            Action::AcceptAllHigh => self.accept_all_high(),
            Action::SetShowSuggestions(on) => self.set_show_suggestions(on),
            Action::ShowTaggingGuide => self.view.suggest.guide_open = true,
            // --- Article update (UPDATE helper): src/app/update.rs.
            Action::ShowUpdate => self.show_update(),
            Action::UpdateFromFile => self.update_from_file(),
            Action::UpdateFromText(text) => self.update_from_text(text),
            Action::UpdateFromLink(url) => self.update_from_link(url),
            Action::CancelUpdate => self.cancel_update(),
            Action::ShowReview(open) => self.view.update.review_open = open,
            Action::Review(decision) => self.review(decision),
            // --- Real articles in (issue 11): src/app/import.rs.
            Action::ShowOpenLink => self.show_open_link(),
            Action::OpenLink(url) => self.start_link_import(url),
            Action::CancelImport => self.cancel_import(),
            Action::NewFromClipboard => self.new_from_clipboard(),
            Action::ImportClipboard { html, text } => {
                self.import_clipboard(html.as_deref(), text.as_deref());
            }
            Action::OpenImported(imported) => self.guard(Pending::OpenImported(imported)),
            Action::AskReimportFullText => self.ask_reimport_full_text(),
            Action::ReimportFullText => self.reimport_full_text(),
            Action::ShowLeftOut => self.show_left_out(),
            // --- A desk of reviewers (issue 13): src/app/compare.rs.
            Action::Compare(action) => self.compare_action(action),
        }
    }

    pub(super) fn apply(&mut self, edit: Edit) {
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

    pub(super) fn select(&mut self, id: StatementId, reveal: Reveal) {
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

    /// Runs `pending` now if nothing is at stake, else asks first.
    pub(super) fn guard(&mut self, pending: Pending) {
        if self.ws.is_dirty() {
            self.pending = Some(pending);
        } else {
            self.proceed(pending);
        }
    }

    fn resolve(&mut self, choice: Choice) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match choice {
            Choice::Cancel => {}
            Choice::Discard => self.proceed(pending),
            Choice::Save => {
                // Whatever asks next (the conflict question, the file
                // dialog) carries on with `pending` once the save is done.
                self.pending = Some(pending);
                self.save();
            }
        }
    }

    /// Goes on with what waited on a save (or a discard).
    fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::Close => {
                self.close_allowed = true;
                self.close_sent = true;
                // Saved or discarded by the reviewer's choice: nothing to recover.
                self.forget_recovery();
                if let Some(autosave) = self.autosave.take() {
                    autosave.on_clean_exit();
                }
                // `logic` sends the close command to the window.
            }
            Pending::Open(Some(path)) => self.open(&path),
            Pending::Open(None) => {
                self.ask_path(super::dialogs::PathFor::Open);
            }
            Pending::NewFromText(text) => match import::import_pasted(&text) {
                Ok(article) => {
                    self.replace_workspace(Workspace::new(import::new_project(article), None));
                    self.view.paste = None;
                }
                Err(error) => self.error(error.to_string()),
            },
            Pending::CloseProject => {
                self.replace_workspace(Workspace::sample());
                self.toast_text("Project closed; the sample article is open.".to_owned());
            }
            Pending::OpenImported(imported) => self.open_imported(*imported, None),
            Pending::OpenAdjudicated(project) => self.open_adjudicated(*project),
        }
    }

    /// Carries on after a save that an action waited on.
    pub(super) fn after_save(&mut self, saved: bool) {
        match self.pending.take() {
            Some(pending) if saved => self.proceed(pending),
            // Not saved: what waited (a close, an open) does not happen.
            _ => {}
        }
    }

    /// Opens `path` (article or project). On failure the current project
    /// stays open, untouched, and the error is shown.
    pub fn open(&mut self, path: &std::path::Path) {
        // Articles of any kind (issue 11): src/app/import.rs keeps the source.
        if !crate::project_file::is_project_path(path) {
            self.open_article(path);
            return;
        }
        match Workspace::open(path) {
            Ok((ws, notices)) => {
                let is_project = ws.path().is_some();
                self.replace_workspace(ws);
                for notice in notices {
                    self.notice(format!("{notice}: {}", path.display()));
                }
                self.remember_recent(path, is_project);
                self.toast_text(format!("Opened {}", path.display()));
            }
            Err(error) => self.error(format!("Nothing opened. {error}")),
        }
    }

    pub(super) fn replace_workspace(&mut self, ws: Workspace) {
        let banners = std::mem::take(&mut self.banners);
        let dialogs = std::mem::replace(
            &mut self.dialogs,
            Box::new(super::dialogs::NoDialogs::default()),
        );
        let config_dir = self.config_dir.take();
        let native_dialogs = self.native_dialogs;
        let fallback_explained = self.fallback_explained;
        let toast = self.toast.take();
        // Reports (issue 15): a PDF still printing reports when it is done.
        let reports = std::mem::take(&mut self.reports);
        let mut autosave = self.autosave.take();
        // The old project was saved or its changes discarded on purpose.
        self.forget_recovery();
        if let Some(autosave) = &mut autosave {
            autosave.forget();
        }
        self.lock = None;
        *self = Self::new(ws, dialogs, config_dir);
        self.autosave = autosave;
        self.native_dialogs = native_dialogs;
        self.fallback_explained = fallback_explained;
        self.toast = toast;
        self.reports = reports;
        // Errors about the previous project no longer apply; keep notices.
        self.banners = banners.into_iter().filter(|b| !b.is_error).collect();
        self.after_open();
    }
}
