//! Project properties: the review's metadata (with the fact-check URL
//! ClaimReview needs, checked as it is typed) and the rating scale.
//!
//! Fields edit copies and emit whole-value edits; typing coalesces into one
//! undo step per field visit, like the statement fields. The scale is
//! committed when its field loses focus, so a half-typed verdict never
//! becomes a scale.

use egui::{Context, TextEdit};

use crate::edit::Edit;
use crate::model::{Project, ProjectMeta, RatingScale, validate_url};
use crate::ui::action::Action;
use crate::ui::theme;

/// What the scale fields hold while being edited.
#[derive(Debug, Clone, Default)]
pub struct ScaleDraft {
    /// Rated verdicts, one per line, best first.
    pub ratings: String,
    /// Off-scale verdicts, one per line.
    pub unrated: String,
}

impl ScaleDraft {
    /// The draft for `scale`.
    pub fn of(scale: &RatingScale) -> Self {
        Self {
            ratings: scale.ratings.join("\n"),
            unrated: scale.unrated.join("\n"),
        }
    }

    /// The scale the draft describes (blank lines dropped).
    pub fn scale(&self) -> RatingScale {
        let lines = |text: &str| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        RatingScale {
            ratings: lines(&self.ratings),
            unrated: lines(&self.unrated),
        }
    }
}

fn meta_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &str,
    hint: &str,
    set: impl FnOnce(&mut ProjectMeta, String),
    meta: &ProjectMeta,
    actions: &mut Vec<Action>,
) {
    let label = ui.label(label);
    let mut buffer = value.to_owned();
    let response = ui
        .add(
            TextEdit::singleline(&mut buffer)
                .hint_text(hint)
                .desired_width(360.0),
        )
        .labelled_by(label.id);
    if response.changed() {
        let mut new = meta.clone();
        set(&mut new, buffer);
        actions.push(Action::Edit(Edit::SetMeta(Box::new(new))));
    }
    if response.lost_focus() {
        actions.push(Action::Seal);
    }
    ui.end_row();
}

/// The properties window while `open` is true.
pub fn properties_ui(
    ctx: &Context,
    open: &mut bool,
    draft: &mut Option<ScaleDraft>,
    project: &Project,
    actions: &mut Vec<Action>,
) {
    if !*open {
        *draft = None;
        return;
    }
    let meta = &project.meta;
    let mut still_open = true;
    egui::Window::new("Project properties")
        .open(&mut still_open)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("properties_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label("Article title");
                    let mut title = project.article.title.clone();
                    let response = ui
                        .add(TextEdit::singleline(&mut title).desired_width(360.0))
                        .labelled_by(label.id);
                    if response.changed() {
                        actions.push(Action::Edit(Edit::SetTitle(title)));
                    }
                    if response.lost_focus() {
                        actions.push(Action::Seal);
                    }
                    ui.end_row();
                    meta_field(
                        ui,
                        "Byline",
                        &meta.byline,
                        "Who wrote the article",
                        |m, v| m.byline = v,
                        meta,
                        actions,
                    );
                    meta_field(
                        ui,
                        "Reviewer",
                        &meta.reviewer,
                        "Your name",
                        |m, v| m.reviewer = v,
                        meta,
                        actions,
                    );
                    meta_field(
                        ui,
                        "Organisation",
                        &meta.organisation,
                        "Publishes the review",
                        |m, v| m.organisation = v,
                        meta,
                        actions,
                    );
                    meta_field(
                        ui,
                        "Fact-check URL",
                        &meta.fact_check_url,
                        "https://… where the fact check is published",
                        |m, v| m.fact_check_url = v,
                        meta,
                        actions,
                    );
                    if let Some(problem) = fact_check_url_problem(meta) {
                        ui.label("");
                        ui.colored_label(theme::error_color(ui.visuals()), problem);
                        ui.end_row();
                    }
                    meta_field(
                        ui,
                        "Publication",
                        &meta.publication,
                        "Where the article appeared",
                        |m, v| m.publication = v,
                        meta,
                        actions,
                    );
                    meta_field(
                        ui,
                        "Article URL",
                        &meta.article_url,
                        "https://…",
                        |m, v| m.article_url = v,
                        meta,
                        actions,
                    );
                    meta_field(
                        ui,
                        "Published",
                        &meta.published,
                        "YYYY-MM-DD",
                        |m, v| m.published = v,
                        meta,
                        actions,
                    );
                    meta_field(
                        ui,
                        "Language",
                        &meta.language,
                        "en",
                        |m, v| m.language = v,
                        meta,
                        actions,
                    );
                });
            let problems = meta_problems(meta);
            for problem in &problems {
                ui.colored_label(theme::error_color(ui.visuals()), problem);
            }
            ui.separator();
            scale_ui(ui, draft, &project.scale, actions);
        });
    if !still_open {
        *open = false;
        actions.push(Action::Seal);
    }
}

fn scale_ui(
    ui: &mut egui::Ui,
    draft: &mut Option<ScaleDraft>,
    scale: &RatingScale,
    actions: &mut Vec<Action>,
) {
    ui.strong("Rating scale");
    let draft = draft.get_or_insert_with(|| ScaleDraft::of(scale));
    let mut commit = false;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            let label = ui.label("Verdicts, best first");
            commit |= ui
                .add(
                    TextEdit::multiline(&mut draft.ratings)
                        .desired_rows(6)
                        .desired_width(200.0),
                )
                .labelled_by(label.id)
                .lost_focus();
        });
        ui.vertical(|ui| {
            let label = ui.label("Off-scale verdicts");
            commit |= ui
                .add(
                    TextEdit::multiline(&mut draft.unrated)
                        .desired_rows(6)
                        .desired_width(200.0),
                )
                .labelled_by(label.id)
                .lost_focus();
        });
    });
    let new = draft.scale();
    if commit && &new != scale {
        if new.ratings.is_empty() && new.unrated.is_empty() {
            *draft = ScaleDraft::of(scale);
        } else {
            actions.push(Action::Edit(Edit::SetScale(new)));
        }
    }
}

/// What is wrong with the metadata, in words (shown, not enforced, so a
/// half-typed value is never refused mid-keystroke).
pub fn meta_problems(meta: &ProjectMeta) -> Vec<String> {
    let mut problems = Vec::new();
    if !meta.article_url.trim().is_empty()
        && let Err(error) = validate_url(&meta.article_url)
    {
        problems.push(format!("Article URL: {error}; reports will not link it."));
    }
    let date = meta.published.trim();
    if !date.is_empty() && !is_iso_date(date) {
        problems.push("Published: use the form YYYY-MM-DD.".to_owned());
    }
    problems
}

/// What is wrong with the fact-check URL, shown under its field (empty is
/// not wrong here: the ClaimReview checklist asks for it when it matters).
pub fn fact_check_url_problem(meta: &ProjectMeta) -> Option<String> {
    if meta.fact_check_url.trim().is_empty() {
        return None;
    }
    validate_url(&meta.fact_check_url).err().map(|error| {
        format!("Fact-check URL: {error}; ClaimReview needs the address readers visit.")
    })
}

fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    number(year, 4)
        && number(month, 2)
        && number(day, 2)
        && (1..=12).contains(&month.parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&day.parse::<u32>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_draft_round_trips_and_drops_blank_lines() {
        let scale = RatingScale::default();
        assert_eq!(ScaleDraft::of(&scale).scale(), scale);
        let draft = ScaleDraft {
            ratings: "Correct\n\n  Wrong \n".into(),
            unrated: String::new(),
        };
        assert_eq!(draft.scale().ratings, ["Correct", "Wrong"]);
    }

    #[test]
    fn metadata_problems_are_named() {
        let mut meta = ProjectMeta::default();
        assert!(meta_problems(&meta).is_empty());
        meta.article_url = "javascript:alert(1)".into();
        meta.published = "21/11/2026".into();
        let problems = meta_problems(&meta);
        assert_eq!(problems.len(), 2, "{problems:?}");
        meta.article_url = "https://news.example/a".into();
        meta.published = "2026-11-21".into();
        assert!(meta_problems(&meta).is_empty());
    }

    #[test]
    fn a_fact_check_url_that_is_not_a_web_address_is_named() {
        let mut meta = ProjectMeta::default();
        assert_eq!(fact_check_url_problem(&meta), None);
        meta.fact_check_url = "javascript:alert(1)".into();
        let problem = fact_check_url_problem(&meta).unwrap_or_default();
        assert!(problem.contains("javascript"), "{problem}");
        meta.fact_check_url = "https://checks.example/riverton".into();
        assert_eq!(fact_check_url_problem(&meta), None);
    }
}
