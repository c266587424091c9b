//! A desk of reviewers in the window (issue 13): Review > New copy for
//! another reviewer… (the name asked in a small modal), and the Compare
//! view: the agreement figures, a confusion-matrix heat map for a pair of
//! reviewers whose cells list their statements, per-tag agreement bars,
//! and the button that adjudicates.
//!
//! Everything is drawn with egui's own widgets and painter: no plotting
//! crate (`egui_plot` or another), so the build stays lean on two-core CI.
//! The figures and their wording come from [`crate::agree::report`], so the
//! window and the exported report never word a figure differently.
//!
//! Like every panel, this module reads state and pushes [`Action`]s; the
//! shell loads the other reviewers' files and computes the figures.

use egui::{Align2, Context, Id, Rect, RichText, Sense, TextStyle, vec2};

use crate::agree::report::{self, FigureLine};
use crate::agree::{Agreement, Confusion, Resolution};
use crate::model::{Project, StatementId, Tag};
use crate::ui::action::Action;
use crate::ui::claims::preview;
use crate::ui::theme;
use crate::ui::view_state::Reveal;

/// The label of the reviewer-name field in the blind-copy modal.
pub const NAME_FIELD_LABEL: &str = "Reviewer's name";

/// The button that adjudicates every reviewer compared.
pub const ADJUDICATE_BUTTON: &str = "Adjudicate: make a final project";

/// The button that adds one more reviewer's file to the comparison.
pub const ADD_REVIEWER_BUTTON: &str = "Add reviewer…";

/// The width from which the Compare view puts parts side by side.
const WIDE: f32 = 640.0;

/// What the reviewer asked of the desk of reviewers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareAction {
    /// Review > New copy for another reviewer…: ask the name.
    AskReviewerName,
    /// The name was given: ask where, then write the blind copy.
    BlindCopyFor(String),
    /// The name modal was cancelled.
    CancelReviewerName,
    /// Review > Compare with…: pick a reviewer's file (in place of any
    /// compared before).
    CompareWith,
    /// Add reviewer…: pick one more reviewer's file.
    AddReviewer,
    /// Show or hide the Compare view.
    ShowCompare(bool),
    /// Make a final project from every reviewer compared.
    Adjudicate,
    /// Show or hide the Disagreements panel.
    ShowAdjudication(bool),
    /// Settle the current open item.
    Settle(Resolution),
    /// Move this many open items (J/K).
    Move(isize),
    /// The next open item, wrapping round (N).
    NextOpen,
    /// Go to the open item at this position of the list.
    Goto(usize),
}

/// The name typed so far in the blind-copy modal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameDraft {
    /// The name.
    pub name: String,
    /// The field has been given focus once.
    pub focused: bool,
    /// Enter was pressed with no name.
    pub empty_tried: bool,
}

/// The desk's dialogs and panels as the reviewer left them. Never saved,
/// never undone.
#[derive(Debug, Clone, Default)]
pub struct CompareView {
    /// The blind-copy modal, while open.
    pub name_draft: Option<NameDraft>,
    /// The Compare view is shown.
    pub open: bool,
    /// Which reviewer pair the heat map shows (index into
    /// [`Agreement::confusion`]).
    pub pair: usize,
    /// The heat-map cell whose statements are listed (row, column).
    pub cell: Option<(usize, usize)>,
    /// The Disagreements panel (see [`crate::ui::adjudication`]).
    pub adjudication: crate::ui::adjudication::AdjudicationView,
}

impl CompareView {
    /// True while this feature's modal is open.
    pub fn modal_open(&self) -> bool {
        self.name_draft.is_some()
    }
}

/// What the shell hands the Compare view.
#[derive(Debug, Clone, Copy)]
pub struct CompareData<'a> {
    /// The open project (reviewer A), for statement numbers and text.
    pub project: &'a Project,
    /// The files of reviewers B, C… as the view names them.
    pub files: &'a [String],
    /// The figures, or why they could not be computed.
    pub agreement: Result<&'a Agreement, &'a str>,
}

/// The blind-copy modal: the reviewer's name; Enter confirms, Esc cancels.
pub fn reviewer_name_ui(ctx: &Context, view: &mut CompareView, actions: &mut Vec<Action>) {
    let Some(draft) = &mut view.name_draft else {
        return;
    };
    let mut go = false;
    let mut cancel = false;
    let response = egui::Modal::new(Id::unique("reviewer_name")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("New copy for another reviewer");
        ui.label(
            "The copy has the same article and statements, with no tags, notes or verdicts, \
             so the second reviewer works blind.",
        );
        ui.add_space(4.0);
        let label = ui.label(NAME_FIELD_LABEL);
        let field = ui
            .add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0))
            .labelled_by(label.id);
        if !draft.focused {
            field.request_focus();
            draft.focused = true;
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            go = true;
        }
        if draft.empty_tried && draft.name.trim().is_empty() {
            ui.colored_label(
                theme::error_color(ui.visuals()),
                "Type the reviewer's name first.",
            );
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !draft.name.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Choose where to save…"))
                .clicked()
            {
                go = true;
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
    });
    if go {
        if draft.name.trim().is_empty() {
            draft.empty_tried = true;
            draft.focused = false;
        } else {
            actions.push(Action::Compare(CompareAction::BlindCopyFor(
                draft.name.trim().to_owned(),
            )));
            view.name_draft = None;
        }
    } else if cancel || response.should_close() {
        actions.push(Action::Compare(CompareAction::CancelReviewerName));
        view.name_draft = None;
    }
}

/// The Compare view: figures, heat map with its cell list, per-tag bars,
/// and the buttons that add a reviewer, adjudicate and close.
pub fn compare_ui(
    ui: &mut egui::Ui,
    data: &CompareData<'_>,
    view: &mut CompareView,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Compare reviewers");
        if ui.button(ADD_REVIEWER_BUTTON).clicked() {
            actions.push(Action::Compare(CompareAction::AddReviewer));
        }
        let ready = data.agreement.is_ok();
        if ui
            .add_enabled(ready, egui::Button::new(ADJUDICATE_BUTTON))
            .on_hover_text(
                "Combine every reviewer's project into a new final one: agreements settled, \
                 each disagreement left open to settle",
            )
            .clicked()
        {
            actions.push(Action::Compare(CompareAction::Adjudicate));
        }
        if ui.button("Close").clicked() {
            actions.push(Action::Compare(CompareAction::ShowCompare(false)));
        }
    });
    let agreement = match data.agreement {
        Ok(agreement) => agreement,
        Err(why) => {
            ui.colored_label(theme::error_color(ui.visuals()), why);
            return;
        }
    };
    let files: Vec<String> = agreement
        .reviewers
        .iter()
        .enumerate()
        .map(
            |(i, name)| match i.checked_sub(1).and_then(|f| data.files.get(f)) {
                Some(file) => format!("{} {name} ({file})", letter(i)),
                None => format!("{} {name} (the open project)", letter(i)),
            },
        )
        .collect();
    ui.label(format!("Reviewers: {}", files.join(", ")));
    ui.label(format!(
        "{} statements, {} on the same span for everyone; {:.1} % of the text lines up.",
        agreement.statements,
        agreement.aligned_statements,
        agreement.aligned * 100.0
    ));
    egui::ScrollArea::both()
        .id_salt("compare_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            // Figures and bars side by side where there is room, so the
            // heat map is in view without scrolling.
            let lines = report::figure_lines(agreement);
            if ui.available_width() >= WIDE {
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| figures_ui(ui, &lines));
                    ui.add_space(24.0);
                    ui.vertical(|ui| per_tag_ui(ui, agreement));
                });
            } else {
                figures_ui(ui, &lines);
                ui.add_space(8.0);
                per_tag_ui(ui, agreement);
            }
            for note in report::notes(agreement) {
                ui.label(RichText::new(note).italics());
            }
            ui.add_space(8.0);
            heat_map_ui(ui, data.project, agreement, view, actions);
        });
}

/// "A", "B", … for reviewer `i`.
pub fn letter(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    match letters.get(i) {
        Some(&c) => char::from(c).to_string(),
        None => format!("#{}", i + 1),
    }
}

fn figures_ui(ui: &mut egui::Ui, lines: &[FigureLine]) {
    egui::Grid::new("agreement_figures")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Figure");
            ui.strong("Value");
            ui.strong("Rests on");
            ui.end_row();
            for line in lines {
                ui.label(line.label);
                ui.label(RichText::new(&line.value).strong());
                ui.label(&line.rests_on);
                ui.end_row();
            }
        });
}

/// The name of a row or column of the heat map.
fn tag_label(tag: Option<Tag>) -> &'static str {
    tag.map_or("Untagged", Tag::label)
}

/// The accessible name of one heat-map cell (also its hover text).
pub fn cell_label(row: Option<Tag>, a: &str, column: Option<Tag>, b: &str, count: usize) -> String {
    format!(
        "{} by {a}, {} by {b}: {count}",
        tag_label(row),
        tag_label(column)
    )
}

fn heat_map_ui(
    ui: &mut egui::Ui,
    project: &Project,
    agreement: &Agreement,
    view: &mut CompareView,
    actions: &mut Vec<Action>,
) {
    let names = &agreement.reviewers;
    let name = |i: usize| names.get(i).map_or("?", String::as_str);
    if agreement.confusion.len() > 1 {
        ui.horizontal(|ui| {
            let label = ui.label("Pair");
            let current = agreement.confusion.get(view.pair);
            let text =
                current.map_or_else(String::new, |c| format!("{} / {}", name(c.a), name(c.b)));
            let combo = egui::ComboBox::from_id_salt("compare_pair")
                .selected_text(text)
                .show_ui(ui, |ui| {
                    for (i, c) in agreement.confusion.iter().enumerate() {
                        let label = format!("{} / {}", name(c.a), name(c.b));
                        if ui.selectable_label(view.pair == i, label).clicked() {
                            view.pair = i;
                            view.cell = None;
                        }
                    }
                });
            combo.response.labelled_by(label.id);
        });
    }
    let Some(pair) = agreement
        .confusion
        .get(view.pair)
        .or(agreement.confusion.first())
    else {
        return;
    };
    let (a, b) = (name(pair.a), name(pair.b));
    ui.strong(format!("Who tagged what: {a} (rows) against {b} (columns)"));
    // The cell's statements beside the map where there is room, else
    // under it (scrolled to when a cell is clicked).
    let wide = ui.available_width() >= WIDE;
    if wide {
        ui.horizontal_top(|ui| {
            let clicked = ui.vertical(|ui| heat_grid_ui(ui, pair, a, b, view)).inner;
            ui.add_space(16.0);
            ui.vertical(|ui| cell_part_ui(ui, project, pair, (a, b), view, clicked, actions));
        });
    } else {
        let clicked = heat_grid_ui(ui, pair, a, b, view);
        cell_part_ui(ui, project, pair, (a, b), view, clicked, actions);
    }
}

/// The 4×4 grid; true when a cell was clicked this frame.
fn heat_grid_ui(
    ui: &mut egui::Ui,
    pair: &Confusion,
    a: &str,
    b: &str,
    view: &mut CompareView,
) -> bool {
    let mut clicked = false;
    let max = pair.cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let body = TextStyle::Body.resolve(ui.style());
    let cell = (ui.text_style_height(&TextStyle::Body) * 2.4).max(32.0);
    let head = cell * 2.6;
    egui::Grid::new("confusion_grid")
        .spacing(vec2(2.0, 2.0))
        .show(ui, |ui| {
            ui.allocate_exact_size(vec2(head, cell * 0.6), Sense::hover());
            for column in Confusion::LABELS {
                ui.label(tag_label(column));
            }
            ui.end_row();
            for (r, row) in Confusion::LABELS.into_iter().enumerate() {
                ui.label(tag_label(row));
                for (c, column) in Confusion::LABELS.into_iter().enumerate() {
                    let count = pair.cell(row, column).len();
                    let (rect, response) = ui.allocate_exact_size(vec2(cell, cell), Sense::click());
                    let label = cell_label(row, a, column, b, count);
                    let for_info = label.clone();
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, for_info.clone())
                    });
                    #[allow(clippy::cast_precision_loss)]
                    let share = count as f32 / max as f32;
                    let (fill, text) = theme::heat(ui.visuals(), share);
                    let painter = ui.painter();
                    painter.rect_filled(rect, 3.0, fill);
                    if view.cell == Some((r, c)) || response.hovered() {
                        painter.rect_stroke(
                            rect.shrink(1.0),
                            3.0,
                            theme::selection_stroke(ui.visuals()),
                            egui::StrokeKind::Inside,
                        );
                    }
                    painter.text(
                        rect.center(),
                        Align2::CENTER_CENTER,
                        count.to_string(),
                        body.clone(),
                        text,
                    );
                    if response.on_hover_text(label).clicked() {
                        view.cell = Some((r, c));
                        clicked = true;
                    }
                }
                ui.end_row();
            }
        });
    ui.weak("Agreement runs down the diagonal. Click a cell to list its statements.");
    clicked
}

/// The statements of the chosen cell, under a heading.
fn cell_part_ui(
    ui: &mut egui::Ui,
    project: &Project,
    pair: &Confusion,
    (a, b): (&str, &str),
    view: &CompareView,
    clicked: bool,
    actions: &mut Vec<Action>,
) {
    let Some((r, c)) = view.cell else {
        ui.weak("No cell chosen.");
        return;
    };
    let (Some(&row), Some(&column)) = (Confusion::LABELS.get(r), Confusion::LABELS.get(c)) else {
        return;
    };
    let ids = pair.cell(row, column);
    let heading = ui.strong(format!(
        "{} by {a}, {} by {b}: {} statements",
        tag_label(row),
        tag_label(column),
        ids.len()
    ));
    if clicked {
        heading.scroll_to_me(None);
    }
    cell_list_ui(ui, project, ids, actions);
}

/// The statements of one cell: number and first words; a click selects
/// the statement in the article and the list.
fn cell_list_ui(
    ui: &mut egui::Ui,
    project: &Project,
    ids: &[StatementId],
    actions: &mut Vec<Action>,
) {
    if ids.is_empty() {
        ui.weak("No statements in this cell.");
        return;
    }
    for &id in ids {
        match project.index_of(id) {
            Some(index) => {
                let Some(statement) = project.statements.get(index) else {
                    continue;
                };
                let text = format!("{}. {}", index + 1, preview(project.text_of(statement)));
                if ui
                    .selectable_label(false, text)
                    .on_hover_text("Select it in the article")
                    .clicked()
                {
                    actions.push(Action::Select(id, Reveal::Both));
                }
            }
            // A span only the other reviewers have.
            None => {
                ui.weak(format!("Statement {id}: not in the open project"));
            }
        }
    }
}

/// α of each tag against the rest, as horizontal bars with the value.
fn per_tag_ui(ui: &mut egui::Ui, agreement: &Agreement) {
    ui.strong("Per tag (this tag against any other)");
    // The bars give way to the figures: the numbers are what the team
    // quotes, and they must not be cut off in a narrow column.
    let width = (ui.available_width() - 250.0).clamp(50.0, 160.0);
    let height = ui.text_style_height(&TextStyle::Body);
    egui::Grid::new("per_tag_bars")
        .num_columns(3)
        .show(ui, |ui| {
            for (tag, figure) in &agreement.per_tag {
                ui.colored_label(theme::tag_text_color(*tag, ui.visuals()), tag.label());
                let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
                let painter = ui.painter();
                painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
                #[allow(clippy::cast_possible_truncation)]
                let share = figure.value.unwrap_or(0.0).clamp(0.0, 1.0) as f32;
                let bar = Rect::from_min_size(rect.min, vec2(rect.width() * share, rect.height()));
                painter.rect_filled(bar, 2.0, theme::tag_badge_color(*tag, ui.visuals()));
                ui.label(format!(
                    "α {} ({} statements)",
                    report::value_text(figure, false),
                    figure.statements
                ));
                ui.end_row();
            }
        });
}

/// What the Review menu needs to know.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewMenu {
    /// Other reviewers' files are loaded for comparing.
    pub comparing: bool,
    /// How many open items (settled or not) the project carries.
    pub open_items: usize,
}

/// Review > New copy for another reviewer…, Compare with…, Add reviewer…,
/// the Compare view and the Disagreements panel.
pub fn review_menu_ui(ui: &mut egui::Ui, state: ReviewMenu, actions: &mut Vec<Action>) {
    let mut push = |action| actions.push(Action::Compare(action));
    if ui.button("New copy for another reviewer…").clicked() {
        push(CompareAction::AskReviewerName);
    }
    if ui.button("Compare with…").clicked() {
        push(CompareAction::CompareWith);
    }
    if ui
        .add_enabled(state.comparing, egui::Button::new(ADD_REVIEWER_BUTTON))
        .on_disabled_hover_text("Compare with a reviewer's file first")
        .clicked()
    {
        push(CompareAction::AddReviewer);
    }
    if ui
        .add_enabled(state.comparing, egui::Button::new("Show the Compare view"))
        .on_disabled_hover_text("Compare with a reviewer's file first")
        .clicked()
    {
        push(CompareAction::ShowCompare(true));
    }
    ui.separator();
    if ui
        .add_enabled(
            state.open_items > 0,
            egui::Button::new("Settle disagreements"),
        )
        .on_disabled_hover_text("Only an adjudicated project has disagreements to settle")
        .clicked()
    {
        push(CompareAction::ShowAdjudication(true));
    }
}
