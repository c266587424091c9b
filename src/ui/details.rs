//! The selected statement: its text, tag buttons, and the fields that go
//! with its tag (private note, source, cue, speech, verdict, the public
//! explanation and claim ([`crate::ui::report_fields`]), evidence, follow-up),
//! plus split and merge.
//!
//! Text fields edit a copy of the value and emit the whole new value on each
//! change; the workspace folds consecutive changes of one field into one
//! undo step, and losing focus seals the step.

use egui::{RichText, TextEdit, vec2};

use crate::edit::{Edit, TextField};
use crate::model::{Evidence, Project, Speech, Statement, Tag, validate_url};
use crate::ui::action::Action;
use crate::ui::bidi::{self, BidiGalley};
use crate::ui::captions::caption;
use crate::ui::theme;
use crate::ui::view_state::ViewState;

/// How many rows the details area is tall: enough for an attribution (the
/// tag with the most fields, the public explanation and claim included)
/// with two pieces of evidence, so that its
/// height never changes with the selection and the list below never moves.
const DETAILS_ROWS: f32 = 22.0;

/// Rows the claims list keeps below the details: its filters, the search
/// field and eight statements.
const LIST_ROWS: f32 = 11.5;

/// Rows of the selected statement's text shown above the tag buttons.
const TEXT_ROWS: f32 = 3.0;

/// Draws the details of the statement at `selected` in a region of fixed
/// height (room for an attribution with two pieces of evidence); what does
/// not fit on a small window scrolls inside it.
pub fn details_ui(
    ui: &mut egui::Ui,
    project: &Project,
    selected: Option<usize>,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let pitch = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let available = ui.available_height();
    let height = (DETAILS_ROWS * pitch)
        .min(available - LIST_ROWS * pitch)
        .max(available * 0.4)
        .max(pitch * 4.0);
    let width = ui.available_width();
    ui.allocate_ui_with_layout(
        vec2(width, height),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_min_size(vec2(width, height));
            ui.set_max_height(height);
            egui::ScrollArea::vertical()
                .id_salt("details")
                .auto_shrink(false)
                .max_height(height)
                .show(ui, |ui| {
                    details_contents_ui(ui, project, selected, view, actions);
                });
        },
    );
}

fn details_contents_ui(
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
        ui.spacing_mut().item_spacing.x = 4.0;
        for (label, key, action) in [
            ("Previous", "K", Action::Move(-1)),
            ("Next", "J", Action::Move(1)),
            ("Next untagged", "N", Action::NextUntagged),
        ] {
            if ui
                .add(egui::Button::new(label).shortcut_text(key).small())
                .clicked()
            {
                actions.push(action);
            }
        }
    });
    statement_text_ui(ui, project.text_of(statement));
    // Tag suggestions (issue 14): the ghost badge and its reasons, the
    // tagging reminder beside the buttons.
    crate::ui::suggest::details_suggestion_ui(ui, &view.suggest, index, statement, actions);
    tag_buttons_ui(ui, statement, actions);
    crate::ui::suggest::tag_reminder_ui(ui, actions);
    fields_ui(ui, project, statement, view, actions);
    split_merge_ui(ui, project, index, statement, view, actions);
}

/// The selected statement's text, in a box of fixed height (three rows;
/// longer text scrolls inside), in visual order when it is right to left.
fn statement_text_ui(ui: &mut egui::Ui, text: &str) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let row = ui.fonts_mut(|f| f.row_height(&font));
    let height = TEXT_ROWS * row;
    egui::ScrollArea::vertical()
        .id_salt("selected_text")
        .min_scrolled_height(height)
        .max_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if bidi::needs_bidi(text) {
                let format = egui::TextFormat {
                    italics: true,
                    ..egui::TextFormat::simple(font, ui.visuals().text_color())
                };
                let job = egui::text::LayoutJob::single_section(text.to_owned(), format);
                let width = ui.available_width();
                let galley = BidiGalley::layout(ui.painter(), &job, width);
                let (rect, response) =
                    ui.allocate_exact_size(vec2(width, galley.size().y), egui::Sense::hover());
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
                galley.paint(ui.painter(), rect.min, ui.visuals().text_color());
            } else {
                ui.add(egui::Label::new(RichText::new(text).italics()).wrap());
            }
        });
}
fn tag_buttons_ui(ui: &mut egui::Ui, statement: &Statement, actions: &mut Vec<Action>) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        for (tag, key) in [
            (Tag::Fact, "F"),
            (Tag::Attribution, "A"),
            (Tag::Opinion, "O"),
        ] {
            let chosen = statement.tag == Some(tag);
            let (face, on_face) = palette.badge(Some(tag));
            let label = caption(
                ui,
                RichText::new(tag.label()).color(if chosen {
                    on_face
                } else {
                    theme::tag_text_color(tag, ui.visuals())
                }),
            );
            let shortcut = caption(
                ui,
                RichText::new(key).color(if chosen { on_face } else { palette.weak_text }),
            );
            let mut button = egui::Button::selectable(chosen, label).shortcut_text(shortcut);
            if chosen {
                button = button.fill(face);
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

/// The labels' column width: the widest label, so the fields line up. Not
/// an `egui::Grid`: a grid whose rows change with the tag re-sizes itself
/// over several frames, and everything below it waits.
fn label_width(ui: &egui::Ui) -> f32 {
    // Measured once per text size, not for every row of every frame.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let key = egui::Id::unique(("claimdesk_label_width", font.size.to_bits()));
    if let Some(width) = ui.data(|d| d.get_temp::<f32>(key)) {
        return width;
    }
    let width = ["Who is speaking", "What it shows"]
        .into_iter()
        .chain(crate::ui::report_fields::LABELS)
        .map(|label| {
            ui.painter()
                .layout_no_wrap(
                    label.to_owned(),
                    egui::TextStyle::Body.resolve(ui.style()),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
                .x
        })
        .fold(0.0, f32::max)
        .ceil();
    ui.data_mut(|d| d.insert_temp(key, width));
    width
}

/// One labelled row: the label in the first column, `add` in the rest
/// (given the label's id, for `labelled_by`).
pub(crate) fn field_row<R>(
    ui: &mut egui::Ui,
    label: &str,
    add: impl FnOnce(&mut egui::Ui, egui::Id) -> R,
) -> R {
    ui.horizontal(|ui| {
        let width = label_width(ui);
        let height = ui.spacing().interact_size.y;
        let label = ui
            .allocate_ui_with_layout(
                vec2(width, height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(width);
                    ui.label(caption(ui, label))
                },
            )
            .inner;
        add(ui, label.id)
    })
    .inner
}

/// The widget id of statement `id`'s text field `field` (to focus it from
/// outside: tests, benchmarks).
pub fn field_id(id: crate::model::StatementId, field: TextField) -> egui::Id {
    egui::Id::unique(("claimdesk_field", id.0, field.label()))
}

/// A text field bound to one statement field, with its label.
pub(crate) fn text_field_ui(
    ui: &mut egui::Ui,
    statement: &Statement,
    field: TextField,
    (label, hint): (&str, &str),
    rows: usize,
    actions: &mut Vec<Action>,
) {
    let mut buffer = field.get(statement).to_owned();
    let response = field_row(ui, label, |ui, label| {
        let edit = if rows > 1 {
            TextEdit::multiline(&mut buffer).desired_rows(rows)
        } else {
            TextEdit::singleline(&mut buffer)
        };
        ui.add(
            edit.hint_text(hint)
                .id(field_id(statement.id, field))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label)
    });
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
                ("Who is speaking", "Source (a person or body)"),
                1,
                actions,
            );
            text_field_ui(
                ui,
                statement,
                TextField::Cue,
                ("Cue", "said, according to, argued …"),
                1,
                actions,
            );
            field_row(ui, "Quote", |ui, _| {
                let mut speech = statement.speech;
                for (value, label) in [
                    (Some(Speech::Direct), Speech::Direct.label()),
                    (Some(Speech::Reported), Speech::Reported.label()),
                    (None, "Not set"),
                ] {
                    let label = caption(ui, label);
                    ui.radio_value(&mut speech, value, label);
                }
                if speech != statement.speech {
                    actions.push(Action::Edit(Edit::SetSpeech { id, speech }));
                }
            });
            verdict_ui(ui, project, statement, view, actions);
        }
        Some(Tag::Fact) => verdict_ui(ui, project, statement, view, actions),
        Some(Tag::Opinion) => {
            text_field_ui(
                ui,
                statement,
                TextField::Source,
                ("Whose opinion", "Who holds this view (optional)"),
                1,
                actions,
            );
        }
        None => {}
    }
    text_field_ui(
        ui,
        statement,
        TextField::Note,
        ("Private note", "For the team only; never published"),
        2,
        actions,
    );
    ui.horizontal_wrapped(|ui| {
        let mut follow_up = statement.follow_up;
        if ui.checkbox(&mut follow_up, "Needs follow-up").changed() {
            actions.push(Action::Edit(Edit::SetFollowUp { id, follow_up }));
        }
        if let Some(modified) = &statement.modified {
            // As a reader writes it, in the computer's zone (jiff caches the
            // zone lookup), like the reports; the stored form is RFC 3339 UTC.
            let zone = crate::export::when::ReportZone::system();
            let shown = crate::export::when::time_or_raw(modified, &zone);
            ui.weak(format!("Last changed {shown}"));
        }
    });
}

/// The verdict and the evidence.
fn verdict_ui(
    ui: &mut egui::Ui,
    project: &Project,
    statement: &Statement,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let id = statement.id;
    let current = statement.verdict.clone();
    let attribution = statement.tag == Some(Tag::Attribution);
    field_row(ui, "Verdict", |ui, label| {
        // The combo box's own text style, so the kept layout is the one it
        // would make.
        let shown = caption(
            ui,
            RichText::new(current.as_deref().unwrap_or("No verdict"))
                .text_style(egui::TextStyle::Button),
        );
        let combo = egui::ComboBox::from_id_salt("verdict")
            .selected_text(shown)
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
        let response = combo.response.labelled_by(label);
        if attribution {
            response.on_hover_text("What was said can be checked too");
        }
    });
    crate::ui::report_fields::public_fields_ui(ui, project, statement, actions);
    for (index, evidence) in statement.evidence.iter().enumerate() {
        field_row(ui, if index == 0 { "Evidence" } else { "" }, |ui, _| {
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

/// Three rows for new evidence; "Add evidence" sits beside the last.
fn evidence_form_ui(
    ui: &mut egui::Ui,
    statement: &Statement,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let draft = &mut view.evidence_draft;
    let mut add = false;
    for (row, (label, value, hint)) in [
        ("URL", &mut draft.url, "https://… (new evidence)"),
        ("Title", &mut draft.title, "What the source is"),
        ("What it shows", &mut draft.note, "One sentence"),
    ]
    .into_iter()
    .enumerate()
    {
        field_row(ui, label, |ui, label| {
            let button_width = if row == 2 { 110.0 } else { 0.0 };
            ui.add(
                TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width((ui.available_width() - button_width).max(60.0)),
            )
            .labelled_by(label);
            if row == 2 && ui.button(caption(ui, "Add evidence")).clicked() {
                add = true;
            }
        });
    }
    if add {
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
    ui.label("Split before which word? Click it here or in the article.");
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
