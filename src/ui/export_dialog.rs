//! File > Export (issue 15): the format, who the report is for (desk or
//! public, for the formats that come in both shapes), and for ClaimReview
//! the checklist of what must be filled in before it can be published,
//! with what search engines would also like to see.
//!
//! The dialog only reads the project and pushes an
//! [`Action::ExportReport`]; the shell asks where, writes (PDF in the
//! background) and says how it went.

use std::path::PathBuf;

use egui::{Context, RichText};

use crate::export::{
    Audience, ExportError, ExportOptions, Format, claimreview_advice, claimreview_checklist,
    publishes,
};
use crate::model::Project;
use crate::ui::action::Action;
use crate::ui::theme;

/// What the reviewer chose in the export dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportChoice {
    /// The format.
    pub format: Format,
    /// Who the report is for (ignored by the data formats).
    pub audience: Audience,
    /// Write ClaimReview even though its checklist is not complete.
    pub draft: bool,
}

impl ExportChoice {
    /// `format` for `audience`, not a draft.
    pub fn new(format: Format, audience: Audience) -> Self {
        Self {
            format,
            audience,
            draft: false,
        }
    }
}

/// The export dialog's state beyond the chosen format: never saved with
/// the project (the audiences are remembered in the settings by the shell).
#[derive(Debug, Clone, Default)]
pub struct ExportDialogState {
    /// The audience chosen for each format that has one.
    pub audiences: Vec<(Format, Audience)>,
    /// Whether a Chromium to print PDF with was found when the dialog
    /// opened.
    pub pdf_printer: bool,
    /// Where a PDF is being printed to, while it is.
    pub printing: Option<PathBuf>,
}

impl ExportDialogState {
    /// The audience for `format`: the one chosen last, else the format's
    /// default.
    pub fn audience_for(&self, format: Format) -> Audience {
        self.audiences
            .iter()
            .find(|(f, _)| *f == format)
            .map_or_else(|| Audience::default_for(format), |(_, a)| *a)
    }

    /// Chooses `audience` for `format`.
    pub fn set_audience(&mut self, format: Format, audience: Audience) {
        match self.audiences.iter_mut().find(|(f, _)| *f == format) {
            Some(slot) => slot.1 = audience,
            None => self.audiences.push((format, audience)),
        }
    }
}

/// The export dialog while `open`.
pub fn export_dialog_ui(
    ctx: &Context,
    open: &mut bool,
    format: &mut Option<Format>,
    state: &mut ExportDialogState,
    project: &Project,
    actions: &mut Vec<Action>,
) {
    if !*open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Export report")
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.set_max_width(460.0);
            let chosen = format.get_or_insert(Format::Html);
            if *chosen == Format::Pdf && !state.pdf_printer {
                *chosen = Format::Html;
            }
            for candidate in Format::ALL {
                let enabled = candidate != Format::Pdf || state.pdf_printer;
                ui.add_enabled_ui(enabled, |ui| {
                    ui.radio_value(chosen, candidate, candidate.label());
                });
                if !enabled {
                    ui.indent("no_pdf_printer", |ui| {
                        ui.add(egui::Label::new(
                            RichText::new(ExportError::NoBrowser.to_string()).weak(),
                        ));
                    });
                }
            }
            let format = *chosen;
            if format.has_audience() {
                ui.separator();
                let mut audience = state.audience_for(format);
                for candidate in Audience::ALL {
                    ui.radio_value(&mut audience, candidate, candidate.label());
                }
                if audience != state.audience_for(format) {
                    state.set_audience(format, audience);
                }
            }
            let options = ExportOptions::new(format).audience(state.audience_for(format));
            let mut missing = if publishes(&options) {
                open_items_ui(ui, project)
            } else {
                Vec::new()
            };
            if format == Format::ClaimReview {
                missing.extend(claimreview_ui(ui, project, actions));
            }
            ui.add_space(6.0);
            let busy = state.printing.is_some();
            ui.horizontal(|ui| {
                let choice = ExportChoice::new(format, state.audience_for(format));
                if ui
                    .add_enabled(missing.is_empty() && !busy, egui::Button::new("Export…"))
                    .clicked()
                {
                    actions.push(Action::ExportReport(choice));
                }
                if !missing.is_empty()
                    && ui
                        .add_enabled(!busy, egui::Button::new("Export as draft…"))
                        .on_hover_text(
                            "Writes what there is, marked as a draft: missing properties are \
                             left out, open disagreements are named on the page",
                        )
                        .clicked()
                {
                    actions.push(Action::ExportReport(ExportChoice {
                        draft: true,
                        ..choice
                    }));
                }
                if busy {
                    ui.spinner();
                    ui.label("Printing PDF…");
                }
            });
        });
    if !still_open {
        *open = false;
    }
}

/// The reviewers' disagreements still open, which keep anything published
/// back (issue 13); returns them, one line each.
fn open_items_ui(ui: &mut egui::Ui, project: &Project) -> Vec<String> {
    let open = crate::agree::publish_blockers(project);
    if open.is_empty() {
        return open;
    }
    ui.separator();
    let error = theme::error_color(ui.visuals());
    ui.label(RichText::new("Not ready to publish:").strong());
    egui::ScrollArea::vertical()
        .id_salt("export_open_items")
        .max_height(140.0)
        .show(ui, |ui| {
            for line in &open {
                ui.add(egui::Label::new(RichText::new(format!("• {line}")).color(error)).wrap());
            }
        });
    open
}

/// The ClaimReview checklist and advice; returns what is missing.
fn claimreview_ui(ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) -> Vec<String> {
    let missing = claimreview_checklist(project);
    let advice = claimreview_advice(project);
    ui.separator();
    if missing.is_empty() {
        ui.label("Ready to publish: every required property is filled in.");
    } else {
        let error = theme::error_color(ui.visuals());
        ui.label(RichText::new("Before it can be published, fill in:").strong());
        for item in &missing {
            ui.add(egui::Label::new(RichText::new(format!("• {item}")).color(error)).wrap());
        }
        if ui.button("Open Project properties…").clicked() {
            actions.push(Action::ShowProperties);
        }
    }
    if !advice.is_empty() {
        ui.add_space(4.0);
        ui.label("Search engines would also like:");
        egui::ScrollArea::vertical()
            .id_salt("claimreview_advice")
            .max_height(120.0)
            .show(ui, |ui| {
                for line in &advice {
                    ui.add(egui::Label::new(RichText::new(format!("• {line}")).weak()).wrap());
                }
            });
    }
    missing
}

/// While a PDF is being printed: a small indicator at the bottom right,
/// so it shows even once the export dialog is closed.
pub fn printing_ui(ctx: &Context, printing: Option<&std::path::Path>) {
    let Some(path) = printing else { return };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    egui::Area::new(egui::Id::unique("claimdesk_printing_pdf"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
        .order(egui::Order::Foreground)
        .interactable(false)
        .show(ctx, |ui| {
            let visuals = ui.visuals().clone();
            egui::Frame::new()
                .fill(theme::notice_background(&visuals))
                .stroke(visuals.widgets.noninteractive.bg_stroke)
                .inner_margin(8.0)
                .corner_radius(6.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Printing PDF to {name}…"));
                    });
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_default_per_format_until_chosen() {
        let mut state = ExportDialogState::default();
        assert_eq!(state.audience_for(Format::Pdf), Audience::Public);
        assert_eq!(state.audience_for(Format::Html), Audience::Desk);
        state.set_audience(Format::Html, Audience::Public);
        state.set_audience(Format::Html, Audience::Public);
        assert_eq!(state.audience_for(Format::Html), Audience::Public);
        assert_eq!(state.audience_for(Format::Markdown), Audience::Desk);
        assert_eq!(state.audiences.len(), 1);
    }
}
