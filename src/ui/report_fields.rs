//! The claim fields a published fact check reads (issue 15): the verdict
//! explanation readers see, and the claim as a reader would quote it (the
//! ClaimReview `claimReviewed`), with its length against what search
//! results show. Drawn inside the claim details, under the verdict.

use egui::{RichText, TextEdit};

use crate::edit::{Edit, TextField};
use crate::export::claimreview::SUGGESTED_CLAIM_CHARS;
use crate::model::{Project, Statement};
use crate::ui::action::Action;
use crate::ui::details::{field_id, field_row, text_field_ui};
use crate::ui::theme;

/// The labels these fields use (the details line their labels up with the
/// rest).
pub const LABELS: [&str; 2] = ["Verdict explanation", "Claim as published"];

/// "Verdict explanation" (public, two rows) and "Claim as published" (one
/// line with its character count).
pub fn public_fields_ui(
    ui: &mut egui::Ui,
    project: &Project,
    statement: &Statement,
    actions: &mut Vec<Action>,
) {
    text_field_ui(
        ui,
        statement,
        TextField::Explanation,
        (
            LABELS[0],
            "Public: why this verdict, in a sentence or two for readers",
        ),
        2,
        actions,
    );
    let field = TextField::ClaimReviewed;
    let mut buffer = field.get(statement).to_owned();
    let published = if buffer.trim().is_empty() {
        project.text_of(statement)
    } else {
        buffer.as_str()
    };
    // Counted as the export counts it: runs of white space are one space.
    let count = published.split_whitespace().collect::<Vec<_>>().join(" ");
    let count = count.chars().count();
    let response = field_row(ui, LABELS[1], |ui, label| {
        let counter = RichText::new(format!("{count}/{SUGGESTED_CLAIM_CHARS}"));
        let counter = if count > SUGGESTED_CLAIM_CHARS {
            counter.color(theme::error_color(ui.visuals()))
        } else {
            counter.weak()
        };
        let counter_width = 56.0;
        let response = ui
            .add(
                TextEdit::singleline(&mut buffer)
                    .hint_text("empty = the whole statement")
                    .id(field_id(statement.id, field))
                    .desired_width((ui.available_width() - counter_width).max(60.0)),
            )
            .labelled_by(label);
        ui.label(counter).on_hover_text(format!(
            "Characters readers see in search results: about {SUGGESTED_CLAIM_CHARS} fit"
        ));
        response
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
