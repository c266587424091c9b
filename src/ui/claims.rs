//! The claims panel's list: every statement (or those the filter and search
//! let through) with its number, tag and first words.
//!
//! Only the rows on screen are drawn (`show_rows`), and the filtered row list
//! is recomputed only when the project, filter or search changes, so a
//! 100,000-statement project scrolls as lightly as a short one.

use egui::text::LayoutJob;
use egui::{Color32, FontId, ScrollArea, TextFormat, TextStyle};

use crate::model::Project;
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::view_state::{Filter, Reveal, ViewState};

/// How many characters of a statement the list shows.
const PREVIEW_CHARS: usize = 90;

/// The filtered rows, cached between frames.
#[derive(Debug, Default)]
pub struct ListCache {
    key: Option<(u64, usize, Filter, String)>,
    rows: Vec<usize>,
    scroll_offset: f32,
    viewport_height: f32,
}

impl ListCache {
    /// Indices of the statements the list shows, in order.
    pub fn rows(&mut self, project: &Project, revision: u64, view: &ViewState) -> &[usize] {
        // Showing everything, the rows depend only on how many statements
        // there are: a tag or a note needs no pass over 100,000 statements.
        let everything = view.filter == Filter::All && view.search.trim().is_empty();
        let key = (
            if everything { 0 } else { revision },
            project.statements.len(),
            view.filter,
            view.search.clone(),
        );
        if self.key.as_ref() != Some(&key) {
            let needle = view.search.trim().to_lowercase();
            self.rows = project
                .statements
                .iter()
                .enumerate()
                .filter(|(_, s)| view.filter.admits(s.tag, s.follow_up))
                .filter(|(_, s)| {
                    needle.is_empty()
                        || contains_folded(project.text_of(s), &needle)
                        || contains_folded(&s.note, &needle)
                        || contains_folded(&s.source, &needle)
                })
                .map(|(index, _)| index)
                .collect();
            self.key = Some(key);
        }
        &self.rows
    }
}

fn contains_folded(haystack: &str, needle_lower: &str) -> bool {
    if haystack.is_ascii() && needle_lower.is_ascii() {
        return haystack
            .as_bytes()
            .windows(needle_lower.len())
            .any(|w| w.eq_ignore_ascii_case(needle_lower.as_bytes()));
    }
    haystack.to_lowercase().contains(needle_lower)
}

/// The first words of `text` on one line.
pub fn preview(text: &str) -> String {
    let mut out = String::with_capacity(PREVIEW_CHARS + 3);
    for (count, word) in text.split_whitespace().enumerate() {
        if out.chars().count() + word.chars().count() > PREVIEW_CHARS {
            out.push('…');
            break;
        }
        if count > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The filter buttons, the search field and the list.
pub fn claims_ui(
    ui: &mut egui::Ui,
    project: &Project,
    selected_index: Option<usize>,
    revision: u64,
    view: &mut ViewState,
    cache: &mut ListCache,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Show:");
        for filter in Filter::ALL {
            if ui
                .selectable_label(view.filter == filter, filter.label())
                .clicked()
            {
                view.filter = filter;
            }
        }
    });
    let search = ui
        .horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut view.search)
                    .hint_text("Words in statements, notes, sources (Ctrl+F)")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    if view.focus_search {
        search.request_focus();
        view.focus_search = false;
    }
    let selected = view.selected;
    let reveal = view.reveal_in_list.take();
    cache.rows(project, revision, view);
    // Taken out for the frame (not copied): the list may hold 100,000 rows.
    let rows = std::mem::take(&mut cache.rows);
    ui.weak(format!("{} shown", rows.len()));

    let row_height = ui.text_style_height(&TextStyle::Body) + 6.0;
    let spacing = ui.spacing().item_spacing.y;
    let mut area = ScrollArea::vertical()
        .id_salt("claims_list")
        .auto_shrink(false);
    // Rows are in statement order, so the selection is found by bisection.
    let target = reveal.and_then(|id| match selected_index {
        Some(index) if project.statements.get(index).is_some_and(|s| s.id == id) => Some(index),
        _ => project.index_of(id),
    });
    if let Some(position) = target.and_then(|index| rows.binary_search(&index).ok()) {
        let top = position as f32 * (row_height + spacing);
        let bottom = top + row_height;
        let visible = cache.scroll_offset..cache.scroll_offset + cache.viewport_height;
        if top < visible.start || bottom > visible.end {
            // Clamped: an offset past the end would overscroll and spring back.
            let content = rows.len() as f32 * (row_height + spacing);
            let max = (content - cache.viewport_height).max(0.0);
            area = area.vertical_scroll_offset((top - cache.viewport_height / 3.0).clamp(0.0, max));
        }
    }
    let output = area.show_rows(ui, row_height, rows.len(), |ui, range| {
        let monospace = TextStyle::Monospace.resolve(ui.style());
        let body = TextStyle::Body.resolve(ui.style());
        for &index in rows.get(range).unwrap_or_default() {
            let Some(statement) = project.statements.get(index) else {
                continue;
            };
            let is_selected = Some(statement.id) == selected;
            let job = row_job(
                ui,
                index + 1,
                statement.tag,
                project.text_of(statement),
                &monospace,
                &body,
            );
            let mut button = egui::Button::selectable(is_selected, job)
                .truncate()
                .min_size(egui::vec2(ui.available_width(), row_height));
            if is_selected {
                button = button.stroke(theme::selection_stroke(ui.visuals()));
            }
            if ui.add(button).clicked() {
                actions.push(Action::Select(statement.id, Reveal::Article));
            }
        }
    });
    cache.scroll_offset = output.state.clamped_offset().y;
    cache.viewport_height = output.inner_rect.height();
    cache.rows = rows;
}

fn row_job(
    ui: &egui::Ui,
    number: usize,
    tag: Option<crate::model::Tag>,
    text: &str,
    monospace: &FontId,
    body: &FontId,
) -> LayoutJob {
    let visuals = ui.visuals();
    let mut job = LayoutJob::default();
    job.append(
        &format!("{number:>4} "),
        0.0,
        TextFormat::simple(monospace.clone(), visuals.weak_text_color()),
    );
    let (label, background) = match tag {
        Some(tag) => (tag.label(), theme::tag_color(tag)),
        None => ("Untagged", theme::UNTAGGED),
    };
    job.append(
        &format!(" {label} "),
        0.0,
        TextFormat {
            font_id: FontId::proportional(body.size * 0.85),
            color: Color32::WHITE,
            background,
            ..TextFormat::default()
        },
    );
    job.append(
        &format!("  {}", preview(text)),
        0.0,
        TextFormat::simple(body.clone(), visuals.text_color()),
    );
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_keeps_first_words_on_one_line() {
        assert_eq!(preview("Short\nline."), "Short line.");
        let long = "word ".repeat(40);
        let p = preview(&long);
        assert!(p.ends_with('…'));
        assert!(p.chars().count() <= PREVIEW_CHARS + 1);
    }

    #[test]
    fn folded_search_ignores_case() {
        assert!(contains_folded("The Mayor said", "mayor"));
        assert!(contains_folded("Grüße aus ÖSTERREICH", "österreich"));
        assert!(!contains_folded("abc", "abd"));
    }
}
