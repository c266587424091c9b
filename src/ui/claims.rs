//! The claims panel's list: every statement (or those the filter and search
//! let through) with its number, tag and first words.
//!
//! Only the rows on screen are drawn (`show_rows`), and the filtered row list
//! is recomputed only when the project, filter or search changes, so a
//! 100,000-statement project scrolls as lightly as a short one.

use std::collections::HashMap;

use egui::text::LayoutJob;
use egui::{FontId, Rect, ScrollArea, TextFormat, TextStyle};

use crate::model::{Project, Statement};
use crate::ui::action::Action;
use crate::ui::article::find_folded;
use crate::ui::bidi;
use crate::ui::context_menu::{self, MenuTarget};
use crate::ui::theme;
use crate::ui::view_state::{Filter, Reveal, ViewState};

/// How many characters of a statement the list shows.
const PREVIEW_CHARS: usize = 90;

/// The mark on rows flagged for follow-up (spelled out, so a screen reader
/// says it too).
pub const FOLLOW_UP_FLAG: &str = "⚑ follow-up";

/// The filtered rows, cached between frames.
#[derive(Debug, Default)]
pub struct ListCache {
    key: Option<(u64, usize, Filter, String)>,
    rows: Vec<usize>,
    scroll_offset: f32,
    viewport_height: f32,
    viewport: Option<Rect>,
    row_pitch: f32,
    /// What the open right-click menu is about.
    menu_target: Option<MenuTarget>,
    /// Statements whose rows showed a search match in the last frame.
    highlighted: Vec<usize>,
}

impl ListCache {
    /// Where the list's rows were visible in the last frame, on screen.
    pub fn viewport(&self) -> Rect {
        self.viewport.unwrap_or(Rect::NOTHING)
    }

    /// Indices of the statements whose rows highlighted a search match in
    /// the last frame.
    pub fn highlighted_rows(&self) -> &[usize] {
        &self.highlighted
    }

    /// How many whole rows the list showed in the last frame.
    pub fn visible_rows(&self) -> usize {
        let pitch = self.row_pitch.max(1.0);
        (self.viewport().height().max(0.0) / pitch).floor() as usize
    }

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
            // Issue 13: the statements unsettled disagreements name.
            let disputed: std::collections::HashSet<crate::model::StatementId> =
                if view.filter == Filter::Disagreements {
                    project
                        .open_items
                        .iter()
                        .filter(|item| !item.settled)
                        .flat_map(|item| item.ids.iter().copied())
                        .collect()
                } else {
                    std::collections::HashSet::new()
                };
            self.rows = project
                .statements
                .iter()
                .enumerate()
                .filter(|(_, s)| view.filter.admits_statement(s, &disputed))
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
    preview_of(text, PREVIEW_CHARS)
}

/// The first words of `text` on one line, at most about `limit` characters.
fn preview_of(text: &str, limit: usize) -> String {
    let mut out = String::with_capacity(limit + 3);
    for (count, word) in text.split_whitespace().enumerate() {
        if out.chars().count() + word.chars().count() > limit {
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
        ui.spacing_mut().item_spacing.x = 4.0;
        // Issue 13: "Disagreements" only where there are open items.
        let disagreements = (!project.open_items.is_empty()
            || view.filter == Filter::Disagreements)
            .then_some(Filter::Disagreements);
        for filter in Filter::ALL.into_iter().chain(disagreements) {
            if ui
                .selectable_label(view.filter == filter, filter.label())
                .on_hover_text("Show only these in the list")
                .clicked()
            {
                view.filter = filter;
            }
        }
    });
    let selected = view.selected;
    let reveal = view.reveal_in_list.take();
    cache.rows(project, revision, view);
    // Taken out for the frame (not copied): the list may hold 100,000 rows.
    let rows = std::mem::take(&mut cache.rows);
    let search = ui
        .horizontal(|ui| {
            let label = ui.label("Search");
            let shown = format!("{} shown", rows.len());
            let shown_width = ui
                .painter()
                .layout_no_wrap(
                    shown.clone(),
                    TextStyle::Body.resolve(ui.style()),
                    egui::Color32::PLACEHOLDER,
                )
                .size()
                .x;
            let field_width = (ui.available_width() - shown_width - 12.0).max(60.0);
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut view.search)
                        .hint_text("Statements, notes, sources (Ctrl+F)")
                        .desired_width(field_width),
                )
                .labelled_by(label.id);
            ui.weak(shown);
            response
        })
        .inner;
    if view.focus_search {
        search.request_focus();
        view.focus_search = false;
    }
    let needle = view.search.trim().to_lowercase();

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
            // As `show_rows` sizes it: no spacing after the last row.
            let content = rows.len() as f32 * (row_height + spacing) - spacing;
            let max = (content - cache.viewport_height).max(0.0);
            area = area.vertical_scroll_offset((top - cache.viewport_height / 3.0).clamp(0.0, max));
        }
    }
    cache.highlighted.clear();
    let output = area.show_rows(ui, row_height, rows.len(), |ui, range| {
        let monospace = TextStyle::Monospace.resolve(ui.style());
        let body = TextStyle::Body.resolve(ui.style());
        for &index in rows.get(range).unwrap_or_default() {
            let Some(statement) = project.statements.get(index) else {
                continue;
            };
            let is_selected = Some(statement.id) == selected;
            let (job, highlighted) = row_job(
                ui,
                index + 1,
                statement,
                project.text_of(statement),
                &needle,
                (&monospace, &body),
                view.suggest.shown(index, statement),
            );
            if highlighted {
                cache.highlighted.push(index);
            }
            let button = egui::Button::selectable(is_selected, job)
                .truncate()
                .min_size(egui::vec2(ui.available_width(), row_height));
            let response = ui.add(button);
            if is_selected {
                // Drawn over the row rather than given to the button: a
                // button's own stroke narrows its text area, so each row the
                // selection moved onto or off was laid out and shaped again.
                ui.painter().rect_stroke(
                    response.rect,
                    ui.visuals().widgets.inactive.corner_radius,
                    theme::selection_stroke(ui.visuals()),
                    egui::StrokeKind::Inside,
                );
            }
            if response.clicked() {
                actions.push(Action::Select(statement.id, Reveal::Article));
            }
            if response.secondary_clicked() {
                cache.menu_target = Some(MenuTarget {
                    id: statement.id,
                    split_at: None,
                });
            }
            if let Some(target) = cache.menu_target.filter(|t| t.id == statement.id) {
                response.context_menu(|ui| {
                    context_menu::statement_menu_ui(ui, project, target, actions);
                });
            }
        }
    });
    cache.scroll_offset = output.state.clamped_offset().y;
    cache.viewport_height = output.inner_rect.height();
    cache.viewport = Some(output.inner_rect);
    cache.row_pitch = row_height + spacing;
    cache.rows = rows;
}

/// One row: number, tag badge, verdict, follow-up flag, first words (search
/// matches highlighted, right-to-left text in visual order).
fn row_job(
    ui: &egui::Ui,
    number: usize,
    statement: &Statement,
    text: &str,
    needle: &str,
    (monospace, body): (&FontId, &FontId),
    suggestion: Option<&crate::suggest::Suggestion>,
) -> (LayoutJob, bool) {
    let visuals = ui.visuals();
    let palette = theme::palette(visuals);
    let mut job = LayoutJob::default();
    job.append(
        &format!("{number:>4} "),
        0.0,
        TextFormat::simple(monospace.clone(), palette.weak_text),
    );
    let label = statement.tag.map_or("Untagged", |tag| tag.label());
    let (face, badge_text) = palette.badge(statement.tag);
    job.append(
        &format!(" {label} "),
        0.0,
        TextFormat {
            font_id: FontId::proportional(body.size * 0.85),
            color: badge_text,
            background: face,
            ..TextFormat::default()
        },
    );
    // Tag suggestions (issue 14): a ghost badge, never a tag.
    if let Some(suggestion) = suggestion {
        crate::ui::suggest::append_ghost_badge(&mut job, suggestion, body, visuals);
    }
    let small = FontId::proportional(body.size * 0.9);
    if let Some(verdict) = &statement.verdict {
        job.append(
            verdict,
            6.0,
            TextFormat::simple(small.clone(), palette.text),
        );
    }
    // Article update (UPDATE helper): "new" / "to confirm" badges.
    crate::ui::update_review::append_badge(&mut job, statement, &small, visuals.dark_mode);
    if statement.follow_up {
        job.append(
            FOLLOW_UP_FLAG,
            6.0,
            TextFormat::simple(small, palette.follow_up),
        );
    }
    job.append("  ", 0.0, TextFormat::simple(body.clone(), palette.text));
    let plain = TextFormat::simple(body.clone(), palette.text);
    let preview = preview(text);
    if bidi::needs_bidi(&preview) {
        // Visual order. The row is cut at its right end, which is where a
        // right-to-left sentence starts: so the preview is shortened at its
        // logical end (visually its left) until it fits beside the badges.
        let room = ui.available_width()
            - 2.0 * ui.spacing().button_padding.x
            - laid_out_width(ui, job.clone());
        let short = fitted(ui, preview, &plain, room);
        bidi::append_visual(&mut job, &short, &plain);
        return (job, false);
    }
    let mut at = 0;
    let found_any = !find_folded(&preview, needle).is_empty();
    for found in find_folded(&preview, needle) {
        if found.start > at {
            job.append(
                preview.get(at..found.start).unwrap_or_default(),
                0.0,
                plain.clone(),
            );
        }
        job.append(
            preview.get(found.clone()).unwrap_or_default(),
            0.0,
            TextFormat {
                background: palette.search_match,
                ..plain.clone()
            },
        );
        at = found.end;
    }
    if at < preview.len() {
        job.append(preview.get(at..).unwrap_or_default(), 0.0, plain);
    }
    (job, found_any)
}

/// The width `job` takes on one line (through egui's layout cache: the same
/// job each frame is laid out once).
fn laid_out_width(ui: &egui::Ui, job: LayoutJob) -> f32 {
    ui.fonts_mut(|f| f.layout_job(job)).size().x
}

/// Right-to-left previews already cut to fit their rows, by preview, room
/// (whole points) and font size, in egui's temporary memory: fitting
/// measures several candidate cuts, which need not be done again every
/// frame for the same row.
#[derive(Clone, Default)]
struct RtlFits(HashMap<(String, i32, u32), String>);

/// More entries than a few screens of rows: start again.
const MAX_RTL_FITS: usize = 1024;

/// [`fit_visual`], remembered across frames (see [`RtlFits`]).
fn fitted(ui: &egui::Ui, preview: String, format: &TextFormat, room: f32) -> String {
    let id = egui::Id::unique("claimdesk_rtl_fits");
    // Whole points, rounded down: what fits in them fits in `room`.
    let key = (preview, room.floor() as i32, format.font_id.size.to_bits());
    let kept = ui.data_mut(|d| {
        d.get_temp_mut_or_default::<RtlFits>(id)
            .0
            .get(&key)
            .cloned()
    });
    if let Some(short) = kept {
        return short;
    }
    let short = fit_visual(ui, &key.0, format, key.1 as f32);
    ui.data_mut(|d| {
        let fits = &mut d.get_temp_mut_or_default::<RtlFits>(id).0;
        if fits.len() >= MAX_RTL_FITS {
            fits.clear();
        }
        fits.insert(key, short.clone());
    });
    short
}

/// The longest run of `preview`'s first words (with "…" when cut) whose
/// visual-order line is at most `room` wide; at least one word.
fn fit_visual(ui: &egui::Ui, preview: &str, format: &TextFormat, room: f32) -> String {
    let words: Vec<&str> = preview.split_whitespace().collect();
    let first_words = |n: usize| {
        let mut out = words.get(..n).unwrap_or_default().join(" ");
        if n < words.len() && !out.ends_with('…') {
            out.push('…');
        }
        out
    };
    let width = |text: &str| {
        let mut job = LayoutJob::default();
        bidi::append_visual(&mut job, text, format);
        laid_out_width(ui, job)
    };
    if width(preview) <= room {
        return preview.to_owned();
    }
    // Wider with every word: bisect for the last count that fits.
    let (mut fits, mut too_wide) = (1, words.len());
    while too_wide - fits > 1 {
        let mid = usize::midpoint(fits, too_wide);
        if width(&first_words(mid)) <= room {
            fits = mid;
        } else {
            too_wide = mid;
        }
    }
    first_words(fits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A right-to-left row beside wide badges is cut at its end (visually
    /// its left), so the sentence's first words stay in view and the row
    /// fits: before, a fixed 36 characters overflowed a narrow panel and
    /// the row lost its start at the right edge.
    #[test]
    fn a_right_to_left_row_keeps_its_first_words_in_a_narrow_list() {
        let ctx = egui::Context::default();
        let text = "وأضاف أن خط الترام الجديد سيفتح في عام 2028 (حسب الخطة) بعد سنوات من التأخير.";
        let statement = Statement::new(crate::model::StatementId(7), 0..text.len());
        let mut checked = Vec::new();
        for width in [180.0, 260.0, 420.0, 900.0] {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                ui.allocate_ui(egui::vec2(width, 40.0), |ui| {
                    ui.set_max_width(width);
                    let monospace = TextStyle::Monospace.resolve(ui.style());
                    let body = TextStyle::Body.resolve(ui.style());
                    let (job, _) = row_job(ui, 12, &statement, text, "", (&monospace, &body), None);
                    let shown: String = job.text.clone();
                    let row = laid_out_width(ui, job) + 2.0 * ui.spacing().button_padding.x;
                    checked.push((width, row, shown));
                });
            });
            output.textures_delta.clear();
        }
        for (width, row, shown) in &checked {
            assert!(row <= width, "{row} px of row in {width} px: {shown}");
            assert!(
                shown.contains("وأضاف"),
                "the first word is shown at {width} px: {shown}"
            );
        }
        let (_, _, narrow) = &checked[0];
        let (_, _, wide) = &checked[3];
        assert!(narrow.contains('…'), "cut in a narrow list: {narrow}");
        assert!(wide.contains("التأخير"), "whole in a wide list: {wide}");
    }

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
