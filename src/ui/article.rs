//! The article view: the text as flowing paragraphs, every statement tinted
//! by its tag, the selected one outlined; a click selects a statement.
//!
//! Only the paragraphs on screen are laid out. Each paragraph's height is
//! estimated from its length until it is first drawn, then measured; the
//! measurements are kept per wrap width, so opening a long article costs one
//! screenful of layout, and resizing re-lays out only what is visible (the
//! rest keeps its old height, rescaled, until it scrolls into view).

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextWrapping};
use egui::{Galley, Rect, ScrollArea, Sense, TextFormat, TextStyle, pos2, vec2};

use crate::model::Project;
use crate::ui::action::Action;
use crate::ui::theme;
use crate::ui::view_state::{Reveal, ViewState};

/// Space between paragraphs, in rows.
const PARAGRAPH_GAP_ROWS: f32 = 0.7;

/// Paragraph layout state kept between frames.
#[derive(Debug, Default)]
pub struct ArticleCache {
    text: Option<Arc<str>>,
    paragraphs: Vec<Range<usize>>,
    width: f32,
    row_height: f32,
    heights: Vec<f32>,
    measured: Vec<bool>,
    tops: Vec<f32>,
    tops_valid: bool,
    scroll_offset: f32,
    viewport_height: f32,
}

/// Byte ranges of the paragraphs of `text`: maximal runs of non-blank lines.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            start.get_or_insert(offset);
            end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

impl ArticleCache {
    fn sync(&mut self, text: &Arc<str>, width: f32, row_height: f32) {
        let same_text = self.text.as_ref().is_some_and(|t| Arc::ptr_eq(t, text));
        if !same_text {
            self.text = Some(text.clone());
            self.paragraphs = paragraphs(text);
            self.heights = vec![0.0; self.paragraphs.len()];
            self.measured = vec![false; self.paragraphs.len()];
            self.width = 0.0;
        }
        if (self.width - width).abs() > 0.5 || (self.row_height - row_height).abs() > 0.01 {
            if self.width > 0.0 {
                // Rescale what is known (measured or estimated) rather than
                // re-reading the text: a resize costs O(paragraphs), not
                // O(text), and paragraphs are re-measured as they are drawn.
                for height in &mut self.heights {
                    let rows = (*height / self.row_height.max(1.0)).max(1.0);
                    *height = (rows * self.width / width).max(1.0).round() * row_height;
                }
            } else {
                let chars_per_row = (width / (row_height * 0.45)).max(8.0);
                for (height, range) in self.heights.iter_mut().zip(&self.paragraphs) {
                    *height = estimate_rows(text, range, chars_per_row) * row_height;
                }
            }
            self.measured.iter_mut().for_each(|m| *m = false);
            self.width = width;

            self.row_height = row_height;
            self.tops_valid = false;
        }
        if !self.tops_valid {
            let gap = row_height * PARAGRAPH_GAP_ROWS;
            self.tops.clear();
            let mut y = 0.0;
            for height in &self.heights {
                self.tops.push(y);
                y += height + gap;
            }
            self.tops.push(y);
            self.tops_valid = true;
        }
    }

    fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    fn first_visible(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    fn paragraph_of(&self, offset: usize) -> Option<usize> {
        let after = self.paragraphs.partition_point(|p| p.start <= offset);
        after.checked_sub(1)
    }

    fn record(&mut self, index: usize, height: f32) {
        if let (Some(old), Some(measured)) =
            (self.heights.get_mut(index), self.measured.get_mut(index))
        {
            if (*old - height).abs() > 0.5 {
                *old = height;
                self.tops_valid = false;
            }
            *measured = true;
        }
    }
}

fn estimate_rows(text: &str, range: &Range<usize>, chars_per_row: f32) -> f32 {
    text.get(range.clone())
        .unwrap_or_default()
        .split('\n')
        .map(|line| (line.len() as f32 / chars_per_row).ceil().max(1.0))
        .sum()
}

/// Lays out paragraph `range` with each statement's tint.
fn layout_paragraph(
    ui: &egui::Ui,
    project: &Project,
    range: &Range<usize>,
    width: f32,
) -> Arc<Galley> {
    let text = &*project.article.text;
    let font = TextStyle::Body.resolve(ui.style());
    let font = egui::FontId::new(font.size * 1.1, font.family);
    let visuals = ui.visuals();
    let plain = TextFormat::simple(font.clone(), visuals.text_color());
    let mut job = LayoutJob {
        wrap: TextWrapping::wrap_at_width(width),
        ..LayoutJob::default()
    };
    let statements = &project.statements;
    let first = statements.partition_point(|s| s.range.end <= range.start);
    let mut cursor = range.start;
    for (index, statement) in statements.iter().enumerate().skip(first) {
        if statement.range.start >= range.end {
            break;
        }
        let start = statement.range.start.max(range.start);
        let end = statement.range.end.min(range.end);
        if start > cursor {
            job.append(
                text.get(cursor..start).unwrap_or_default(),
                0.0,
                plain.clone(),
            );
        }
        // The selection is drawn as an outline over the galley, not baked
        // into it, so moving the selection re-lays out nothing.
        let format = TextFormat {
            background: theme::tag_background(statement.tag, index % 2 == 1, visuals),
            ..plain.clone()
        };
        job.append(text.get(start..end).unwrap_or_default(), 0.0, format);
        cursor = end;
    }
    if cursor < range.end {
        job.append(text.get(cursor..range.end).unwrap_or_default(), 0.0, plain);
    }
    ui.painter().layout_job(job)
}

/// Rectangles (relative to the galley) covering chars `chars` of `galley`,
/// one per row.
fn char_range_rects(galley: &Galley, chars: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut row_start = 0usize;
    for row in &galley.rows {
        let count = row.glyphs.len();
        let row_range = row_start..row_start + count;
        let from = chars.start.max(row_range.start);
        let to = chars.end.min(row_range.end);
        if from < to {
            let (Some(first), Some(last)) = (
                row.glyphs.get(from - row_start),
                row.glyphs.get(to - 1 - row_start),
            ) else {
                continue;
            };
            let left = row.pos.x + first.pos.x;
            let right = row.pos.x + last.pos.x + last.advance_width;
            rects.push(Rect::from_min_max(
                pos2(left, row.pos.y),
                pos2(right, row.pos.y + row.size.y),
            ));
        }
        row_start += count + usize::from(row.ends_with_newline);
    }
    rects
}

/// Char index in `text` of byte offset `byte` (clamped).
fn char_index(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

/// Byte offset in `text` of char index `chars` (clamped).
fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Draws the article and pushes a selection when a statement is clicked.
pub fn article_ui(
    ui: &mut egui::Ui,
    project: &Project,
    selected: Option<usize>,
    view: &mut ViewState,
    cache: &mut ArticleCache,
    actions: &mut Vec<Action>,
) {
    let text = &project.article.text;
    // The headline is usually the article's first statement; showing it twice
    // would only push the text down.
    if !text
        .trim_start()
        .starts_with(project.article.title.as_str())
    {
        ui.heading(&project.article.title);
        ui.add_space(4.0);
    }

    let width = (ui.available_width() - 16.0).clamp(120.0, 900.0);
    let row_height = ui.text_style_height(&TextStyle::Body) * 1.1 + 2.0;
    cache.sync(text, width, row_height);

    let mut area = ScrollArea::vertical().id_salt("article").auto_shrink(false);
    let selected_statement = selected.and_then(|i| project.statements.get(i));
    if let Some(id) = view.reveal_in_article.take()
        && let Some(statement) = selected_statement
            .filter(|s| s.id == id)
            .or_else(|| project.statement(id))
        && let Some(paragraph) = cache.paragraph_of(statement.range.start)
        && let (Some(&top), Some(&bottom)) =
            (cache.tops.get(paragraph), cache.tops.get(paragraph + 1))
    {
        let visible = cache.scroll_offset..cache.scroll_offset + cache.viewport_height;
        let fits = bottom - top <= cache.viewport_height;
        if top < visible.start || (bottom > visible.end && fits) || (!fits && top > visible.end) {
            let max = (cache.total_height() - cache.viewport_height).max(0.0);
            area = area.vertical_scroll_offset((top - cache.viewport_height / 4.0).clamp(0.0, max));
        }
    }

    let output = area.show_viewport(ui, |ui, viewport| {
        ui.set_height(cache.total_height());
        ui.set_width(width);
        let origin = ui.max_rect().min;
        if cache.paragraphs.is_empty() {
            return;
        }
        let mut index = cache.first_visible(viewport.min.y);
        while let (Some(range), Some(&top)) =
            (cache.paragraphs.get(index).cloned(), cache.tops.get(index))
        {
            if top > viewport.max.y {
                break;
            }
            let galley = layout_paragraph(ui, project, &range, width);
            cache.record(index, galley.size().y);
            let rect = Rect::from_min_size(origin + vec2(0.0, top), galley.size());
            let paragraph_text = text.get(range.clone()).unwrap_or_default();
            let response = ui.interact(
                rect,
                ui.scope_id().with(("paragraph", index)),
                Sense::click(),
            );
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, paragraph_text));
            ui.painter()
                .galley(rect.min, galley.clone(), ui.visuals().text_color());
            if let Some(selected) = selected.and_then(|i| project.statements.get(i)) {
                let start = selected.range.start.max(range.start);
                let end = selected.range.end.min(range.end);
                if start < end {
                    let chars = char_index(paragraph_text, start - range.start)
                        ..char_index(paragraph_text, end - range.start);
                    for r in char_range_rects(&galley, chars) {
                        ui.painter().rect_stroke(
                            r.translate(rect.min.to_vec2()).expand(1.5),
                            3.0,
                            theme::selection_stroke(ui.visuals()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
            }
            if response.clicked()
                && let Some(pointer) = response.interact_pointer_pos()
            {
                let cursor: CCursor = galley.cursor_from_pos(pointer - rect.min);
                let byte = range.start + byte_offset(paragraph_text, cursor.index.0);
                let hit = project
                    .index_at_offset(byte)
                    .and_then(|i| project.statements.get(i));
                if let Some(statement) = hit {
                    actions.push(Action::Select(statement.id, Reveal::List));
                }
            }
            index += 1;
        }
    });
    cache.scroll_offset = output.state.clamped_offset().y;
    cache.viewport_height = output.inner_rect.height();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines() {
        let text = "Head\n\nOne. Two.\nThree.\n \n\nLast";
        let p = paragraphs(text);
        let got: Vec<&str> = p.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["Head", "One. Two.\nThree.", "Last"]);
    }

    #[test]
    fn char_and_byte_offsets_convert_both_ways() {
        let t = "aé€b";
        assert_eq!(char_index(t, 3), 2);
        assert_eq!(byte_offset(t, 2), 3);
        assert_eq!(byte_offset(t, 9), t.len());
    }
}
