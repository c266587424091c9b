//! The article view: the text as flowing paragraphs in a reading column,
//! every statement tinted by its tag and marked where it starts, the
//! selected one outlined, search matches highlighted. A click selects a
//! statement (or, while splitting, splits it before the clicked word); a
//! right-click opens the statement menu. Right-to-left paragraphs go
//! through [`bidi`].
//!
//! Only the paragraphs on screen are laid out. Each paragraph's height is
//! estimated from its length until it is first drawn, then measured; the
//! measurements are kept per wrap width, so opening a long article costs one
//! screenful of layout, and resizing re-lays out only what is visible (the
//! rest keeps its old height, rescaled, until it scrolls into view).

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextWrapping};
use egui::{Galley, Pos2, Rect, ScrollArea, Sense, TextFormat, TextStyle, Vec2, pos2, vec2};

use crate::edit::Edit;
use crate::model::Project;
use crate::ui::action::Action;
use crate::ui::bidi::{self, BidiGalley};
use crate::ui::context_menu::{self, MenuTarget};
use crate::ui::theme;
use crate::ui::view_state::{Reveal, ViewState};

/// Space between paragraphs, in rows.
const PARAGRAPH_GAP_ROWS: f32 = 0.7;

/// The reading measure: the column is as wide as this line of ordinary
/// prose (90 characters) in the article's font, whatever the window's width.
const MEASURE_SAMPLE: &str =
    "The council voted on Tuesday to build a tram line to the northern suburbs, and the mayor ";

/// How much larger the headline is than the body text.
const HEADLINE_SCALE: f32 = 1.55;

/// Width of the mark at the start of each statement.
const START_MARK_WIDTH: f32 = 2.0;

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
    /// The paragraphs drawn in the last frame, for hit tests.
    drawn: Vec<Drawn>,
    /// What the open right-click menu is about.
    menu_target: Option<MenuTarget>,
}

/// A paragraph as drawn in the last frame.
#[derive(Debug, Clone)]
struct Drawn {
    /// Its bytes in the article.
    range: Range<usize>,
    /// Where it was drawn, on screen.
    rect: Rect,
    layout: Layout,
}

/// A laid-out paragraph: egui's own layout for left-to-right text, the
/// visual-order layout for anything with right-to-left runs.
#[derive(Debug, Clone)]
enum Layout {
    Plain(Arc<Galley>),
    Bidi(BidiGalley),
}

impl Layout {
    fn size(&self) -> Vec2 {
        match self {
            Layout::Plain(galley) => galley.size(),
            Layout::Bidi(galley) => galley.size(),
        }
    }

    /// Byte (relative to the paragraph) under `pos` (relative to its top left).
    fn byte_at(&self, paragraph: &str, pos: Vec2) -> Option<usize> {
        match self {
            Layout::Plain(galley) => {
                let cursor: CCursor = galley.cursor_from_pos(pos);
                Some(byte_offset(paragraph, cursor.index.0))
            }
            Layout::Bidi(galley) => galley.byte_at(pos),
        }
    }

    /// Where bytes `range` (relative to the paragraph) are drawn, relative
    /// to its top left: one rectangle per row (per visual run in bidi text).
    fn rects(&self, paragraph: &str, range: Range<usize>) -> Vec<Rect> {
        match self {
            Layout::Plain(galley) => char_range_rects(
                galley,
                char_index(paragraph, range.start)..char_index(paragraph, range.end),
            ),
            Layout::Bidi(galley) => galley.rects(range),
        }
    }

    fn paint(&self, painter: &egui::Painter, origin: Pos2, color: egui::Color32) {
        match self {
            Layout::Plain(galley) => painter.galley(origin, galley.clone(), color),
            Layout::Bidi(galley) => galley.paint(painter, origin, color),
        }
    }

    /// Bytes (relative to the paragraph) drawn on `background` (egui's
    /// layout only).
    fn drawn_on(&self, background: egui::Color32) -> Vec<Range<usize>> {
        match self {
            Layout::Plain(galley) => galley
                .job
                .sections
                .iter()
                .filter(|s| s.format.background == background)
                .map(|s| s.byte_range.start.0..s.byte_range.end.0)
                .collect(),
            Layout::Bidi(_) => Vec::new(),
        }
    }

    /// Characters on each row (egui's layout only).
    fn row_chars(&self) -> Vec<usize> {
        match self {
            Layout::Plain(galley) => galley.rows.iter().map(|r| r.glyphs.len()).collect(),
            Layout::Bidi(_) => Vec::new(),
        }
    }
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

    /// Where bytes `range` of the article were drawn in the last frame, on
    /// screen (empty when they were not on screen).
    pub fn drawn_rects(&self, range: Range<usize>) -> Vec<Rect> {
        let Some(text) = self.text.as_deref() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for drawn in &self.drawn {
            let start = range.start.max(drawn.range.start);
            let end = range.end.min(drawn.range.end);
            if start >= end {
                continue;
            }
            let paragraph = text.get(drawn.range.clone()).unwrap_or_default();
            let local = start - drawn.range.start..end - drawn.range.start;
            out.extend(
                drawn
                    .layout
                    .rects(paragraph, local)
                    .into_iter()
                    .map(|r| r.translate(drawn.rect.min.to_vec2())),
            );
        }
        out
    }

    /// How many characters each row drawn in the last frame holds (rows of
    /// left-to-right paragraphs): the reading measure, observed.
    pub fn drawn_row_chars(&self) -> Vec<usize> {
        self.drawn
            .iter()
            .flat_map(|d| d.layout.row_chars())
            .collect()
    }

    /// The bytes of the article drawn with the search-match highlight of
    /// `visuals`' theme in the last frame (left-to-right paragraphs).
    pub fn drawn_search_matches(&self, visuals: &egui::Visuals) -> Vec<Range<usize>> {
        let color = theme::palette(visuals).search_match;
        self.drawn
            .iter()
            .flat_map(|d| {
                d.layout
                    .drawn_on(color)
                    .into_iter()
                    .map(|r| d.range.start + r.start..d.range.start + r.end)
            })
            .collect()
    }

    /// The byte of the article under screen position `pos`, if a paragraph
    /// drawn in the last frame is there.
    fn byte_at(&self, pos: Pos2) -> Option<usize> {
        let text = self.text.as_deref()?;
        let drawn = self.drawn.iter().find(|d| d.rect.contains(pos))?;
        let paragraph = text.get(drawn.range.clone())?;
        let local = drawn.layout.byte_at(paragraph, pos - drawn.rect.min)?;
        Some(drawn.range.start + local)
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

/// Whether paragraph `index` is the headline: the first paragraph, when it
/// is the article's title.
fn is_headline(project: &Project, range: &Range<usize>, index: usize) -> bool {
    let title = project.article.title.trim();
    index == 0
        && !title.is_empty()
        && project.article.text.get(range.clone()).map(str::trim) == Some(title)
}

/// Byte ranges of the matches of `needle` (lower case) in `haystack`,
/// ignoring case.
pub fn find_folded(haystack: &str, needle: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    if haystack.is_ascii() && needle.is_ascii() {
        let (hay, pin) = (haystack.as_bytes(), needle.as_bytes());
        let mut at = 0;
        while at + pin.len() <= hay.len() {
            if hay
                .get(at..at + pin.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(pin))
            {
                out.push(at..at + pin.len());
                at += pin.len();
            } else {
                at += 1;
            }
        }
        return out;
    }
    let mut starts = haystack.char_indices().map(|(i, _)| i).peekable();
    while let Some(start) = starts.next() {
        let rest = haystack.get(start..).unwrap_or_default();
        let mut wanted = needle.chars();
        let mut end = start;
        let mut matched = true;
        let mut lowered_pending: Vec<char> = Vec::new();
        for (offset, ch) in rest.char_indices() {
            lowered_pending.extend(ch.to_lowercase());
            for low in lowered_pending.drain(..) {
                match wanted.next() {
                    Some(w) if w == low => {}
                    _ => matched = false,
                }
            }
            end = start + offset + ch.len_utf8();
            if !matched || wanted.as_str().is_empty() {
                break;
            }
        }
        if matched && wanted.as_str().is_empty() {
            out.push(start..end);
            while starts.peek().is_some_and(|&next| next < end) {
                starts.next();
            }
        }
    }
    out
}

/// The formats of paragraph `range`: each statement tinted by its tag, a
/// little space at each statement's start, search matches highlighted.
fn paragraph_job(
    ui: &egui::Ui,
    project: &Project,
    range: &Range<usize>,
    width: f32,
    headline: bool,
    needle: &str,
) -> LayoutJob {
    let text = &*project.article.text;
    let font = article_font(ui);
    let visuals = ui.visuals();
    let palette = theme::palette(visuals);
    let (font, color) = if headline {
        (
            egui::FontId::new(font.size * HEADLINE_SCALE, font.family),
            palette.strong_text,
        )
    } else {
        (font, palette.text)
    };
    let plain = TextFormat {
        expand_bg: 0.0,
        ..TextFormat::simple(font.clone(), color)
    };
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
        // The selection is drawn as an outline over the layout, not baked
        // into it, so moving the selection re-lays out nothing.
        let tint = TextFormat {
            background: palette.tint(statement.tag, index % 2 == 1),
            ..plain.clone()
        };
        let piece = text.get(start..end).unwrap_or_default();
        let matches = find_folded(piece, needle);
        let mut at = 0;
        for found in matches {
            if found.start > at {
                job.append(
                    piece.get(at..found.start).unwrap_or_default(),
                    0.0,
                    tint.clone(),
                );
            }
            job.append(
                piece.get(found.clone()).unwrap_or_default(),
                0.0,
                TextFormat {
                    background: palette.search_match,
                    ..tint.clone()
                },
            );
            at = found.end;
        }
        if at < piece.len() {
            job.append(piece.get(at..).unwrap_or_default(), 0.0, tint);
        }
        cursor = end;
    }
    if cursor < range.end {
        job.append(text.get(cursor..range.end).unwrap_or_default(), 0.0, plain);
    }
    job
}

/// The article's body font: a little larger than the panels' text.
fn article_font(ui: &egui::Ui) -> egui::FontId {
    let font = TextStyle::Body.resolve(ui.style());
    egui::FontId::new(font.size * 1.1, font.family)
}

/// Lays out paragraph `range` (egui's layout, or the bidi one when the
/// paragraph has right-to-left text).
fn layout_paragraph(
    ui: &egui::Ui,
    project: &Project,
    range: &Range<usize>,
    width: f32,
    headline: bool,
    needle: &str,
) -> Layout {
    let job = paragraph_job(ui, project, range, width, headline, needle);
    let paragraph = project.article.text.get(range.clone()).unwrap_or_default();
    if bidi::needs_bidi(paragraph) {
        Layout::Bidi(BidiGalley::layout(ui.painter(), &job, width))
    } else {
        Layout::Plain(ui.painter().layout_job(job))
    }
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

/// The width of the reading column: the measure, or the panel if narrower.
fn column_width(ui: &egui::Ui, available: f32) -> f32 {
    let sample = ui.painter().layout_job(LayoutJob::single_section(
        MEASURE_SAMPLE.to_owned(),
        TextFormat::simple(article_font(ui), egui::Color32::PLACEHOLDER),
    ));
    available.min(sample.size().x.ceil()).max(120.0)
}

/// Draws the article; pushes a selection when a statement is clicked, a
/// split when a word of the selected statement is clicked while splitting,
/// and what the right-click menu chose.
pub fn article_ui(
    ui: &mut egui::Ui,
    project: &Project,
    selected: Option<usize>,
    view: &mut ViewState,
    cache: &mut ArticleCache,
    actions: &mut Vec<Action>,
) {
    let text = &project.article.text;
    // The headline is usually the article's first paragraph (then drawn
    // large, in place); otherwise the title goes above the text.
    if !text
        .trim_start()
        .starts_with(project.article.title.as_str())
    {
        ui.heading(&project.article.title);
        ui.add_space(4.0);
    }

    let available = (ui.available_width() - 16.0).max(120.0);
    let width = column_width(ui, available);
    let indent = ((available - width) / 2.0).max(0.0);
    let row_height = ui.text_style_height(&TextStyle::Body) * 1.1 + 2.0;
    cache.sync(text, width, row_height);
    let needle = view.search.trim().to_lowercase();

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
        ui.set_width(available);
        let origin = ui.max_rect().min + vec2(indent, 0.0);
        cache.drawn.clear();
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
            let headline = is_headline(project, &range, index);
            let layout = layout_paragraph(ui, project, &range, width, headline, &needle);
            cache.record(index, layout.size().y);
            let rect = Rect::from_min_size(origin + vec2(0.0, top), layout.size());
            let paragraph_text = text.get(range.clone()).unwrap_or_default();
            let response = ui.interact(
                rect,
                ui.scope_id().with(("paragraph", index)),
                Sense::click(),
            );
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, paragraph_text));
            layout.paint(ui.painter(), rect.min, ui.visuals().text_color());
            let drawn = Drawn {
                range: range.clone(),
                rect,
                layout,
            };
            paint_statement_starts(ui, project, &drawn, paragraph_text);
            paint_selection(ui, project, selected, &drawn, paragraph_text);
            // Tag suggestions (issue 14): the cue words, underlined.
            crate::ui::suggest::paint_cue_underlines(
                ui,
                &mut view.suggest,
                project,
                range.clone(),
                |bytes| {
                    let local = bytes.start - range.start..bytes.end - range.start;
                    drawn
                        .layout
                        .rects(paragraph_text, local)
                        .into_iter()
                        .map(|r| r.translate(drawn.rect.min.to_vec2()))
                        .collect()
                },
            );
            cache.drawn.push(drawn);
            handle_pointer(ui, project, selected, view, cache, &response, actions);
            index += 1;
        }
    });
    cache.scroll_offset = output.state.clamped_offset().y;
    cache.viewport_height = output.inner_rect.height();
}

/// A thin mark in the tag's strong colour where each statement starts, so
/// two neighbours with the same tag never read as one block.
fn paint_statement_starts(ui: &egui::Ui, project: &Project, drawn: &Drawn, paragraph: &str) {
    let palette = theme::palette(ui.visuals());
    let range = &drawn.range;
    let statements = &project.statements;
    let first = statements.partition_point(|s| s.range.start < range.start);
    let starts = statements
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|s| s.range.start < range.end);
    let marks: Vec<(Rect, egui::Color32)> = match &drawn.layout {
        // One pass over the paragraph turns every start into a char index.
        Layout::Plain(galley) => {
            let mut chars = paragraph.char_indices().enumerate().peekable();
            starts
                .filter_map(|statement| {
                    let byte = statement.range.start - range.start;
                    while chars.next_if(|(_, (at, _))| *at < byte).is_some() {}
                    let (index, _) = *chars.peek()?;
                    let rect = char_range_rects(galley, index..index + 1)
                        .into_iter()
                        .next()?;
                    Some((
                        rect.translate(drawn.rect.min.to_vec2()),
                        palette.badge(statement.tag).0,
                    ))
                })
                .collect()
        }
        Layout::Bidi(galley) => {
            let rtl = bidi::is_rtl_paragraph(paragraph);
            starts
                .filter_map(|statement| {
                    let byte = statement.range.start - range.start;
                    let len = paragraph
                        .get(byte..)
                        .and_then(|rest| rest.chars().next())
                        .map_or(1, char::len_utf8);
                    let rect = galley.rects(byte..byte + len).into_iter().next()?;
                    let rect = rect.translate(drawn.rect.min.to_vec2());
                    // In right-to-left text a statement starts at its right.
                    let edge = if rtl { rect.max.x } else { rect.min.x };
                    let rect = Rect::from_x_y_ranges(edge..=edge, rect.y_range());
                    Some((rect, palette.badge(statement.tag).0))
                })
                .collect()
        }
    };
    for (rect, color) in marks {
        let x = rect.min.x;
        let mark = Rect::from_min_max(
            pos2(x - START_MARK_WIDTH / 2.0, rect.min.y + 1.0),
            pos2(x + START_MARK_WIDTH / 2.0, rect.max.y - 1.0),
        );
        ui.painter().rect_filled(mark, 0.0, color);
    }
}

/// The selected statement's outline, following its runs.
fn paint_selection(
    ui: &egui::Ui,
    project: &Project,
    selected: Option<usize>,
    drawn: &Drawn,
    paragraph: &str,
) {
    let Some(statement) = selected.and_then(|i| project.statements.get(i)) else {
        return;
    };
    let start = statement.range.start.max(drawn.range.start);
    let end = statement.range.end.min(drawn.range.end);
    if start >= end {
        return;
    }
    let local = start - drawn.range.start..end - drawn.range.start;
    for r in drawn.layout.rects(paragraph, local) {
        ui.painter().rect_stroke(
            r.translate(drawn.rect.min.to_vec2()).expand(1.5),
            3.0,
            theme::selection_stroke(ui.visuals()),
            egui::StrokeKind::Outside,
        );
    }
}

/// Clicks, the split hover and the right-click menu on one paragraph.
fn handle_pointer(
    ui: &egui::Ui,
    project: &Project,
    selected: Option<usize>,
    view: &mut ViewState,
    cache: &mut ArticleCache,
    response: &egui::Response,
    actions: &mut Vec<Action>,
) {
    let text = &*project.article.text;
    let selected_statement = selected.and_then(|i| project.statements.get(i));
    // While splitting: a mark before the word under the pointer.
    if view.split_picker
        && let Some(statement) = selected_statement
        && let Some(pointer) = response.hover_pos()
        && let Some(byte) = cache.byte_at(pointer)
        && let Some(at) = context_menu::split_point(text, statement.range.clone(), byte)
        && let Some(rect) = cache.drawn_rects(at..at + 1).into_iter().next()
    {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
        ui.painter().vline(
            rect.min.x - 1.0,
            rect.y_range(),
            egui::Stroke::new(2.0, theme::palette(ui.visuals()).selection_outline),
        );
    }
    if response.clicked()
        && let Some(pointer) = response.interact_pointer_pos()
        && let Some(byte) = cache.byte_at(pointer)
    {
        let split = view
            .split_picker
            .then_some(selected_statement)
            .flatten()
            .filter(|s| s.range.contains(&byte))
            .and_then(|s| {
                context_menu::split_point(text, s.range.clone(), byte).map(|at| (s.id, at))
            });
        if let Some((id, at)) = split {
            actions.push(Action::Edit(Edit::Split { id, at }));
            view.split_picker = false;
        } else if let Some(statement) = project
            .index_at_offset(byte)
            .and_then(|i| project.statements.get(i))
        {
            actions.push(Action::Select(statement.id, Reveal::List));
        }
    }
    if response.secondary_clicked()
        && let Some(pointer) = response.interact_pointer_pos()
        && let Some(byte) = cache.byte_at(pointer)
        && let Some(statement) = project
            .index_at_offset(byte)
            .and_then(|i| project.statements.get(i))
    {
        cache.menu_target = Some(MenuTarget {
            id: statement.id,
            split_at: context_menu::split_point(text, statement.range.clone(), byte),
        });
        actions.push(Action::Select(statement.id, Reveal::List));
    }
    if let Some(target) = cache.menu_target {
        response.context_menu(|ui| {
            context_menu::statement_menu_ui(ui, project, target, actions);
        });
    }
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
