//! The shell's side of a desk of reviewers (issue 13): writing a blind copy
//! for another reviewer, loading other reviewers' files to compare with
//! the open project (reviewer A), keeping the figures current, making the
//! final project, and turning each settled disagreement into one
//! [`Edit::ResolveItem`].
//!
//! Every outcome is said: a copy written (a notice naming the path) or not
//! (why, and the path), a file compared or refused (naming the file), a
//! cancelled dialog (a short notice).

use std::path::{Path, PathBuf};

use super::dialogs::{FileRequest, PathFor};
use super::saving::with_project_extension;
use super::{ClaimdeskApp, Pending, file_name};
use crate::agree::{self, AgreeError, Agreement};
use crate::edit::Edit;
use crate::model::Project;
use crate::project_file;
use crate::ui;
use crate::ui::action::Action;
use crate::ui::compare::{CompareAction, CompareData};
use crate::ui::view_state::Reveal;
use crate::workspace::Workspace;

/// The open project's name among the reviewers when its reviewer field is
/// empty.
pub const OPEN_PROJECT_LABEL: &str = "You";

/// Another reviewer's project, loaded for comparing.
#[derive(Debug, Clone)]
struct Reviewer {
    path: PathBuf,
    project: Project,
}

/// What the shell keeps for the desk of reviewers. Runtime only.
#[derive(Debug, Default)]
pub(super) struct CompareState {
    /// Reviewers B, C…: the open project is always A.
    others: Vec<Reviewer>,
    /// The figures for (workspace revision, reviewer count), or why they
    /// could not be computed.
    cache: Option<((u64, usize), Result<Agreement, String>)>,
    /// The reviewer a blind copy is being written for (while the save
    /// dialog is open).
    copy_for: Option<String>,
    /// Where Save As suggests writing an adjudicated project: beside the
    /// open project, never over a reviewer's own file.
    pub(super) final_path: Option<PathBuf>,
}

/// A reviewer's name as a file-name part: letters and digits kept,
/// anything else a dash.
fn name_part(name: &str) -> String {
    let part: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    let part = part.trim_matches('-').to_owned();
    if part.is_empty() {
        "reviewer".to_owned()
    } else {
        part
    }
}

impl ClaimdeskApp {
    /// True while the blind-copy modal is open.
    pub(super) fn compare_modal_open(&self) -> bool {
        self.view.compare.modal_open()
    }

    /// The reviewers' files loaded for comparing (B, C…), for tests and
    /// the Review menu.
    pub fn compared_files(&self) -> Vec<&Path> {
        self.compare
            .others
            .iter()
            .map(|r| r.path.as_path())
            .collect()
    }

    /// Carries out a desk-of-reviewers action.
    pub(super) fn compare_action(&mut self, action: CompareAction) {
        match action {
            CompareAction::AskReviewerName => {
                self.view.compare.name_draft = Some(ui::compare::NameDraft::default());
            }
            CompareAction::CancelReviewerName => {
                self.toast_text("No copy written: cancelled.".to_owned());
            }
            CompareAction::BlindCopyFor(name) => {
                self.compare.copy_for = Some(name);
                self.ask_path(PathFor::BlindCopy);
            }
            CompareAction::CompareWith => {
                self.ask_path(PathFor::Reviewer { add: false });
            }
            CompareAction::AddReviewer => {
                self.ask_path(PathFor::Reviewer { add: true });
            }
            CompareAction::ShowCompare(open) => {
                self.view.compare.open = open;
                if open {
                    // One panel above the article at a time, and the
                    // Disagreements keys only while theirs is shown.
                    self.view.compare.adjudication.open = false;
                }
            }
            CompareAction::Adjudicate => self.adjudicate(),
            CompareAction::ShowAdjudication(open) => {
                self.view.compare.adjudication.open = open;
                if open {
                    self.view.compare.open = false;
                    self.focus_open_item();
                }
            }
            CompareAction::Settle(resolution) => self.settle(resolution),
            CompareAction::Move(delta) => {
                self.refresh_open_items();
                self.view.compare.adjudication.step(delta, false);
                self.focus_open_item();
            }
            CompareAction::NextOpen => {
                self.refresh_open_items();
                self.view.compare.adjudication.step(1, true);
                self.focus_open_item();
            }
            CompareAction::Goto(position) => {
                self.view.compare.adjudication.cursor = position;
                self.focus_open_item();
            }
        }
    }

    fn refresh_open_items(&mut self) {
        let selected = self.view.selected;
        self.view
            .compare
            .adjudication
            .refresh(self.ws.project(), self.ws.revision(), selected);
    }

    /// Selects the statement of the open item under the cursor.
    fn focus_open_item(&mut self) {
        self.refresh_open_items();
        if let Some(id) = self.view.compare.adjudication.focus(self.ws.project()) {
            self.select(id, Reveal::Both);
            // Selecting follows the cursor, not the other way round.
            self.refresh_open_items();
        }
    }

    /// Settles the open item under the cursor: one undo step.
    fn settle(&mut self, resolution: agree::Resolution) {
        self.refresh_open_items();
        let Some(item) = self.view.compare.adjudication.current() else {
            self.notice("Every disagreement is settled.".to_owned());
            return;
        };
        // Said in the panel's own terms (reviewer letters, keys) rather
        // than the core's item and choice indices.
        if let Some(open) = self.ws.project().open_items.get(item) {
            let refusal = match &resolution {
                agree::Resolution::Take(k) if *k >= open.choices.len() => Some(format!(
                    "There is no reviewer {} on this item: it has {} ({}).",
                    ui::compare::letter(*k),
                    open.choices.len(),
                    open.summary()
                )),
                agree::Resolution::BothNotes if !ui::adjudication::keeps_both(&open.kind) => {
                    Some(format!(
                        "Keep both (B) applies to sources, cues and notes; this item is about {}.",
                        open.kind.describe()
                    ))
                }
                _ => None,
            };
            if let Some(text) = refusal {
                self.notice(text);
                return;
            }
        }
        let before = self.ws.revision();
        self.apply(Edit::ResolveItem { item, resolution });
        if self.ws.revision() != before {
            // The settled item leaves the list: the cursor now points at the
            // next one.
            self.focus_open_item();
            if self.view.compare.adjudication.queue().is_empty() {
                self.toast_text(
                    "Every disagreement is settled. Save the project to keep the decisions."
                        .to_owned(),
                );
            }
        }
    }

    /// The save dialog's request for a blind copy: `STEM.NAME.claims.ron`
    /// beside the open project.
    pub(super) fn blind_copy_request(&self) -> FileRequest {
        let suggested = self.ws.suggested_path();
        let name = file_name(&suggested);
        let stem = name
            .trim_end_matches(".claims.ron")
            .trim_end_matches(".ron");
        let reviewer = name_part(self.compare.copy_for.as_deref().unwrap_or_default());
        FileRequest::BlindCopy {
            suggested: suggested
                .with_file_name(format!("{stem}.{reviewer}.{}", project_file::EXTENSION)),
        }
    }

    /// The open dialog's request for a reviewer's file: beside the open
    /// project.
    pub(super) fn reviewer_request(&self) -> FileRequest {
        FileRequest::Reviewer {
            dir: self
                .ws
                .suggested_path()
                .parent()
                .map(Path::to_owned)
                .unwrap_or_default(),
        }
    }

    /// Writes the blind copy to `path`; true when written.
    pub(super) fn write_blind_copy(&mut self, path: PathBuf) -> bool {
        let Some(name) = self.compare.copy_for.take() else {
            self.error(format!(
                "No copy written: no reviewer's name was given: {}",
                path.display()
            ));
            return false;
        };
        let path = with_project_extension(path);
        if self.ws.path() == Some(path.as_path()) {
            self.error(format!(
                "No copy written: that is the open project's own file; choose another name: {}",
                path.display()
            ));
            return false;
        }
        let copy = agree::blind_copy(self.ws.project(), &name);
        match project_file::save(&copy, &path) {
            Ok(_) => {
                self.notice(format!(
                    "Copy for {name} written, with no tags, notes or verdicts: {}",
                    path.display()
                ));
                true
            }
            Err(error) => {
                self.error(format!("No copy written for {name}: {error}"));
                false
            }
        }
    }

    /// The blind copy's save dialog was cancelled.
    pub(super) fn blind_copy_cancelled(&mut self) {
        self.compare.copy_for = None;
        self.toast_text("No copy written: cancelled.".to_owned());
    }

    /// The reviewers as `compare` and `adjudicate` take them: the open
    /// project first, named from its reviewer field (else "You"), then the
    /// loaded files, names made unique.
    fn reviewers(&self) -> Vec<(String, Project)> {
        let labels: Vec<String> = std::iter::once(OPEN_PROJECT_LABEL.to_owned())
            .chain(self.compare.others.iter().map(|r| file_name(&r.path)))
            .collect();
        let projects: Vec<&Project> = std::iter::once(self.ws.project())
            .chain(self.compare.others.iter().map(|r| &r.project))
            .collect();
        let entries: Vec<(&str, &Project)> = labels
            .iter()
            .map(String::as_str)
            .zip(projects.iter().copied())
            .collect();
        agree::reviewer_names(&entries)
            .into_iter()
            .zip(projects.into_iter().cloned())
            .collect()
    }

    /// A reviewer's file was chosen: load it, check it is the same
    /// article, and compare. True when it was added.
    pub(super) fn add_reviewer(&mut self, path: &Path, add: bool) -> bool {
        let project = match project_file::load(path) {
            Ok(project) => project,
            Err(error) => {
                self.error(format!("Not compared. {error}"));
                return false;
            }
        };
        if self.compare.others.iter().any(|r| r.path == path) && add {
            self.notice(format!(
                "Already compared with this file: {}",
                path.display()
            ));
            return false;
        }
        let candidate = [
            (OPEN_PROJECT_LABEL.to_owned(), self.ws.project().clone()),
            (file_name(path), project.clone()),
        ];
        if let Err(error) = agree::check_reviewers(&candidate) {
            let why = match error {
                AgreeError::DifferentArticles { .. } => {
                    "it annotates a different article text from the open project".to_owned()
                }
                other => other.to_string(),
            };
            self.error(format!("Not compared: {why}: {}", path.display()));
            return false;
        }
        if !add {
            self.compare.others.clear();
        }
        if self.compare.others.len() + 2 > agree::MAX_REVIEWERS {
            self.error(format!(
                "Not compared: {}: {}",
                AgreeError::TooManyReviewers(self.compare.others.len() + 2),
                path.display()
            ));
            return false;
        }
        self.compare.others.push(Reviewer {
            path: path.to_owned(),
            project,
        });
        self.compare.cache = None;
        self.view.compare.open = true;
        self.view.compare.adjudication.open = false;
        self.view.compare.cell = None;
        self.toast_text(format!("Comparing with {}", path.display()));
        true
    }

    /// The reviewer file dialog was cancelled.
    pub(super) fn reviewer_cancelled(&mut self) {
        self.toast_text("Nothing compared: cancelled.".to_owned());
    }

    /// Computes the figures for the reviewers as they are now, unless the
    /// open project and the set of reviewers are as they were last time.
    fn refresh_agreement(&mut self) {
        // Tags, spans, verdicts and the reviewer's name move the shape
        // revision; typing a note does not, so it does not recompute (and
        // copy) every reviewer's project per keystroke.
        let key = (self.ws.shape_revision(), self.compare.others.len());
        if self.compare.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let result = agree::compare(&self.reviewers()).map_err(|e| e.to_string());
            self.compare.cache = Some((key, result));
        }
    }

    /// The Compare view's button: adjudicate every reviewer, then open the
    /// result (asking first if the open project has unsaved changes).
    fn adjudicate(&mut self) {
        match agree::adjudicate(&self.reviewers()) {
            Ok(project) => self.guard(Pending::OpenAdjudicated(Box::new(project))),
            Err(error) => self.error(format!("No final project made: {error}")),
        }
    }

    /// Opens the adjudicated project as the current one, unsaved.
    pub(super) fn open_adjudicated(&mut self, project: Project) {
        let suggested = self.ws.suggested_path();
        let stem = file_name(&suggested);
        let stem = stem
            .trim_end_matches(".claims.ron")
            .trim_end_matches(".ron");
        let final_path =
            suggested.with_file_name(format!("{stem}.final.{}", project_file::EXTENSION));
        let open = project.open_items.iter().filter(|i| !i.settled).count();
        let mut ws = Workspace::new(project, None);
        // Made, not opened: closing it must ask.
        ws.mark_unsaved();
        self.replace_workspace(ws);
        self.compare.final_path = Some(final_path);
        self.notice(format!(
            "Final project made: {open} disagreements to settle. Save it to keep it."
        ));
        if open > 0 {
            self.view.compare.adjudication.open = true;
            self.focus_open_item();
        }
    }

    /// Draws the blind-copy modal, the Compare view or the Disagreements
    /// panel (above the article, beside the claims panel) and the status
    /// line.
    pub(super) fn compare_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        ui::compare::reviewer_name_ui(&ctx, &mut self.view.compare, actions);
        let selected = self.view.selected;
        self.view
            .compare
            .adjudication
            .refresh(self.ws.project(), self.ws.revision(), selected);
        let comparing = self.view.compare.open && !self.compare.others.is_empty();
        let settling = !comparing && self.view.compare.adjudication.open;
        if !comparing && !settling {
            return;
        }
        let height = ui.available_height();
        let panel = egui::Panel::top("compare_view")
            .resizable(true)
            .default_size(height * 0.6)
            .size_range(120.0..=(height - 100.0).max(140.0));
        if settling {
            let project = self.ws.project();
            let view = &mut self.view.compare.adjudication;
            panel.show(ui, |ui| {
                ui::adjudication::adjudication_ui(ui, project, view, actions);
            });
            return;
        }
        let files: Vec<String> = self
            .compare
            .others
            .iter()
            .map(|r| file_name(&r.path))
            .collect();
        // The figures are computed before borrowing the rest for drawing.
        self.refresh_agreement();
        let agreement = match &self.compare.cache {
            Some((_, Ok(agreement))) => Ok(agreement),
            Some((_, Err(why))) => Err(why.as_str()),
            None => Err("nothing to compare"),
        };
        let data = CompareData {
            project: self.ws.project(),
            files: &files,
            agreement,
        };
        let view = &mut self.view.compare;
        panel.show(ui, |ui| ui::compare::compare_ui(ui, &data, view, actions));
    }

    /// What the Review menu needs.
    pub(super) fn review_menu(&self) -> ui::compare::ReviewMenu {
        ui::compare::ReviewMenu {
            comparing: !self.compare.others.is_empty(),
            open_items: self.ws.project().open_items.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reviewer_name_becomes_a_file_name_part() {
        assert_eq!(name_part("Ann Lee"), "ann-lee");
        assert_eq!(name_part("  ../Ben "), "ben");
        assert_eq!(name_part("///"), "reviewer");
    }
}
