//! The selected statement: its text, tag buttons, and the fields that go
//! with its tag (note, source, cue, speech, verdict, evidence, follow-up),
//! plus split and merge.
//!
//! Text fields edit a copy of the value and emit the whole new value on each
//! change; the workspace folds consecutive changes of one field into one
//! undo step, and losing focus seals the step.

use egui::{RichText, TextEdit};

use crate::edit::{Edit, TextField};
use crate::model::{Evidence, Project, Speech, Statement, Tag, validate_url};
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::view_state::ViewState;

/// Draws the details of the statement at `selected`.
pub fn details_ui(
    ui: &mut egui::Ui,
    project: &Project,
    selected: Option<usize>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some((index, statement)) = selected.and_then(|i| project.statements.get(i).map(|s| (i, s)))
    else {
        ui.label("No statement selected.");
        return;
    };
    // Wrapped, so a long "Statement 50001 of 100001" never widens the panel
    // (which would re-flow the whole article).
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!(
            "Statement {} of {}",
            index + 1,
            project.statements.len()
        ));
        if ui
            .add(egui::Button::new("Previous").shortcut_text("K"))
            .clicked()
        {
            actions.push(Action::Move(-1));
        }
        if ui
            .add(egui::Button::new("Next").shortcut_text("J"))
            .clicked()
        {
            actions.push(Action::Move(1));
        }
        if ui
            .add(egui::Button::new("Next untagged").shortcut_text("N"))
            .clicked()
        {
            actions.push(Action::NextUntagged);
        }
    });
    let text = project.text_of(statement);
    egui::ScrollArea::vertical()
        .id_salt("selected_text")
        .max_height(110.0)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(text).italics()).wrap());
        });

    tag_buttons_ui(ui, statement, actions);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("details_fields")
        .max_height(ui.available_height() * 0.55)
        .show(ui, |ui| {
            fields_ui(ui, project, statement, view, actions);
            split_merge_ui(ui, project, index, statement, view, actions);
        });
}

fn tag_buttons_ui(ui: &mut egui::Ui, statement: &Statement, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        for (tag, key) in [
            (Tag::Fact, "F"),
            (Tag::Attribution, "A"),
            (Tag::Opinion, "O"),
        ] {
            let chosen = statement.tag == Some(tag);
            let label = RichText::new(tag.label()).color(if chosen {
                egui::Color32::WHITE
            } else {
                theme::tag_color(tag)
            });
            let mut button = egui::Button::selectable(chosen, label).shortcut_text(key);
            if chosen {
                button = button.fill(theme::tag_color(tag));
            }
            let response = ui.add(button);
            // The shortcut is shown, but a screen reader should say "Fact".
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, chosen, tag.label())
            });
            if response.clicked() {
                actions.push(Action::TagAndAdvance(tag));
            }
        }
        if ui
            .add_enabled(
                statement.tag.is_some(),
                egui::Button::new("Clear").shortcut_text("X"),
            )
            .clicked()
        {
            actions.push(Action::ClearTag);
        }
    });
}

/// A labelled text field bound to one statement field.
fn text_field_ui(
    ui: &mut egui::Ui,
    statement: &Statement,
    field: TextField,
    label: &str,
    hint: &str,
    multiline: bool,
    actions: &mut Vec<Action>,
) {
    let value = match field {
        TextField::Note => &statement.note,
        TextField::Source => &statement.source,
        TextField::Cue => &statement.cue,
    };
    let mut buffer = value.clone();
    let label = ui.label(label);
    let edit = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(3)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    let response = ui
        .add(
            edit.hint_text(hint)
                .id_salt(("field", statement.id.0, field.label()))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.changed() {
        actions.push(Action::Edit(Edit::SetText {
            id: statement.id,
            field,
            value: buffer,
        }));
    }
    if response.lost_focus() {
        actions.push(Action::Seal);
    }
}

fn fields_ui(
    ui: &mut egui::Ui,
    project: &Project,
    statement: &Statement,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let id = statement.id;
    match statement.tag {
        Some(Tag::Attribution) => {
            text_field_ui(
                ui,
                statement,
                TextField::Source,
                "Who is speaking",
                "Source (a person or body)",
                false,
                actions,
            );
            text_field_ui(
                ui,
                statement,
                TextField::Cue,
                "Cue",
                "said, according to, argued …",
                false,
                actions,
            );
            ui.horizontal(|ui| {
                let mut speech = statement.speech;
                ui.radio_value(&mut speech, Some(Speech::Direct), Speech::Direct.label());
                ui.radio_value(
                    &mut speech,
                    Some(Speech::Reported),
                    Speech::Reported.label(),
                );
                ui.radio_value(&mut speech, None, "Not set");
                if speech != statement.speech {
                    actions.push(Action::Edit(Edit::SetSpeech { id, speech }));
                }
            });
            ui.label("What was said can be checked too:");
            verdict_ui(ui, project, statement, view, actions);
        }
        Some(Tag::Fact) => verdict_ui(ui, project, statement, view, actions),
        Some(Tag::Opinion) => {
            text_field_ui(
                ui,
                statement,
                TextField::Source,
                "Whose opinion",
                "Who holds this view (optional)",
                false,
                actions,
            );
        }
        None => {}
    }
    text_field_ui(
        ui,
        statement,
        TextField::Note,
        "Note",
        "Reviewer note",
        true,
        actions,
    );
    let mut follow_up = statement.follow_up;
    if ui.checkbox(&mut follow_up, "Needs follow-up").changed() {
        actions.push(Action::Edit(Edit::SetFollowUp { id, follow_up }));
    }
    if let Some(modified) = &statement.modified {
        ui.weak(format!("Last changed {modified}"));
    }
}

fn verdict_ui(
    ui: &mut egui::Ui,
    project: &Project,
    statement: &Statement,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let id = statement.id;
    let current = statement.verdict.clone();
    egui::ComboBox::from_label("Verdict")
        .selected_text(current.as_deref().unwrap_or("No verdict"))
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(current.is_none(), "No verdict")
                .clicked()
                && current.is_some()
            {
                actions.push(Action::Edit(Edit::SetVerdict { id, verdict: None }));
            }
            for verdict in project.scale.all() {
                let chosen = current.as_deref() == Some(verdict);
                if ui.selectable_label(chosen, verdict).clicked() && !chosen {
                    actions.push(Action::Edit(Edit::SetVerdict {
                        id,
                        verdict: Some(verdict.to_owned()),
                    }));
                }
            }
        });
    ui.label(RichText::new("Evidence").strong());
    for (index, evidence) in statement.evidence.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this evidence")
                .clicked()
            {
                actions.push(Action::Edit(Edit::RemoveEvidence { id, index }));
            }
            let title = if evidence.title.is_empty() {
                &evidence.url
            } else {
                &evidence.title
            };
            ui.hyperlink_to(title, &evidence.url);
            if !evidence.note.is_empty() {
                ui.weak(&evidence.note);
            }
        });
    }
    evidence_form_ui(ui, statement, view, actions);
}

fn evidence_form_ui(
    ui: &mut egui::Ui,
    statement: &Statement,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let draft = &mut view.evidence_draft;
    egui::Grid::new("evidence_form")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, value, hint) in [
                ("URL", &mut draft.url, "https://…"),
                ("Title", &mut draft.title, "What the source is"),
                ("What it shows", &mut draft.note, "One sentence"),
            ] {
                let label = ui.label(label);
                ui.add(
                    TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
    if ui.button("Add evidence").clicked() {
        match validate_url(&view.evidence_draft.url) {
            Ok(()) => {
                let evidence: Evidence = std::mem::take(&mut view.evidence_draft);
                actions.push(Action::Edit(Edit::AddEvidence {
                    id: statement.id,
                    evidence,
                }));
                view.evidence_error = None;
            }
            Err(error) => view.evidence_error = Some(format!("Evidence not added: {error}")),
        }
    }
    if let Some(error) = &view.evidence_error {
        ui.colored_label(theme::error_color(ui.visuals()), error);
    }
}

/// Word starts of `text` (byte offsets), for the split picker.
pub fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut previous_space = true;
    for (offset, ch) in text.char_indices() {
        if !ch.is_whitespace() && previous_space {
            starts.push(offset);
        }
        previous_space = ch.is_whitespace();
    }
    starts
}

fn split_merge_ui(
    ui: &mut egui::Ui,
    project: &Project,
    index: usize,
    statement: &Statement,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = if view.split_picker {
            "Cancel split"
        } else {
            "Split…"
        };
        if ui
            .add(egui::Button::new(label).shortcut_text("S"))
            .clicked()
        {
            actions.push(Action::ToggleSplit);
        }
        let has_next = index + 1 < project.statements.len();
        if ui
            .add_enabled(
                has_next,
                egui::Button::new("Merge with next").shortcut_text("M"),
            )
            .clicked()
        {
            actions.push(Action::MergeSelected);
        }
    });
    if !view.split_picker {
        return;
    }
    ui.label("Split before which word?");
    let text = project.text_of(statement);
    ui.horizontal_wrapped(|ui| {
        for start in word_starts(text).into_iter().skip(1) {
            let word = text
                .get(start..)
                .unwrap_or_default()
                .split_whitespace()
                .next()
                .unwrap_or_default();
            if ui.small_button(word).clicked() {
                actions.push(Action::Edit(Edit::Split {
                    id: statement.id,
                    at: statement.range.start + start,
                }));
                view.split_picker = false;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_skip_runs_of_space() {
        assert_eq!(word_starts("One  two\nthree"), vec![0, 5, 9]);
        assert_eq!(word_starts("  lead"), vec![2]);
    }
}
