//! Right-to-left text in visual order.
//!
//! egui lays text out left to right: an Arabic or Hebrew sentence with
//! numbers or Latin words would show its runs in the wrong order. This
//! module resolves each line with the Unicode Bidirectional Algorithm (the
//! `unicode-bidi` crate: the algorithm is long and subtle, not something to
//! write by hand) and cuts it into [`Piece`]s in visual order, left to right.
//!
//! Who reverses what: the letters of one right-to-left word are handed to
//! egui in logical order, because its shaper (harfrust) recognises the script,
//! joins the letters and emits them right to left itself. Everything else in a
//! right-to-left run (spaces, punctuation) is cut into single characters, and
//! the pieces are placed in reverse order here, with brackets mirrored.
//!
//! [`line_pieces`] is the pure part; [`BidiGalley`] lays pieces out with egui
//! (wrapping, right alignment for right-to-left paragraphs) and answers the
//! two questions the panels ask: which byte is under the pointer, and where
//! a byte range is drawn (for selection outlines and highlights).

use std::ops::Range;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, Galley, Painter, Pos2, Rect, TextFormat, Vec2, pos2, vec2};
use unicode_bidi::{BidiClass, BidiInfo, ParagraphInfo};

/// A stretch of one line drawn as one unit, in visual (left-to-right) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range of the piece in the text it was cut from (logical order).
    pub range: Range<usize>,
    /// Whether the piece reads right to left.
    pub rtl: bool,
}

/// One line of text, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// Whether the paragraph the line belongs to reads right to left (and is
    /// therefore right-aligned).
    pub rtl: bool,
    /// The line's pieces, left to right as drawn.
    pub pieces: Vec<Piece>,
}

/// Whether `text` contains anything that reads right to left (Hebrew,
/// Arabic, Syriac, Thaana, N'Ko, … and their presentation forms). Cheap on
/// ASCII, so left-to-right text keeps egui's own (faster) layout.
pub fn needs_bidi(text: &str) -> bool {
    // Every right-to-left letter and control is at U+0590 or above: the
    // table lookup runs only for the rare characters past that.
    !text.is_ascii()
        && text.chars().any(|c| {
            c >= '\u{0590}'
                && matches!(
                    unicode_bidi::bidi_class(c),
                    BidiClass::R | BidiClass::AL | BidiClass::RLE | BidiClass::RLO | BidiClass::RLI
                )
        })
}

/// Whether `text`'s first strong character reads right to left (rule P2):
/// such paragraphs are right-aligned.
pub fn is_rtl_paragraph(text: &str) -> bool {
    unicode_bidi::get_base_direction(text) == unicode_bidi::Direction::Rtl
}

/// The text resolved once, for cutting into lines.
pub struct Resolved<'a> {
    info: BidiInfo<'a>,
}

impl<'a> Resolved<'a> {
    /// Resolves every paragraph of `text` (paragraphs end at newlines), each
    /// with the direction of its first strong character.
    pub fn new(text: &'a str) -> Self {
        Self {
            info: BidiInfo::new(text, None),
        }
    }

    /// Byte ranges of the paragraphs, without their closing newline.
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        let text = self.info.text;
        self.info
            .paragraphs
            .iter()
            .map(|p| {
                let content = text.get(p.range.clone()).unwrap_or_default();
                let trimmed = content.trim_end_matches(['\n', '\r', '\u{2029}', '\u{85}']);
                p.range.start..p.range.start + trimmed.len()
            })
            .collect()
    }

    fn paragraph_of(&self, at: usize) -> Option<&ParagraphInfo> {
        self.info
            .paragraphs
            .iter()
            .find(|p| p.range.start <= at && at < p.range.end)
    }

    /// The pieces of `line` (a byte range inside one paragraph), left to right.
    pub fn line(&self, line: Range<usize>) -> VisualLine {
        let text = self.info.text;
        let valid = line.start < line.end
            && line.end <= text.len()
            && text.is_char_boundary(line.start)
            && text.is_char_boundary(line.end);
        let para = self
            .paragraph_of(line.start)
            .filter(|p| valid && line.end <= p.range.end);
        let Some(para) = para else {
            return VisualLine {
                rtl: false,
                pieces: Vec::new(),
            };
        };
        let rtl = para.level.is_rtl();
        let (levels, runs) = self.info.visual_runs(para, line);
        let mut pieces = Vec::new();
        for run in runs {
            let run_rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            if run_rtl {
                let mut cut = rtl_run_pieces(text, &self.info.original_classes, run);
                cut.reverse();
                pieces.extend(cut);
            } else {
                pieces.push(Piece {
                    range: run,
                    rtl: false,
                });
            }
        }
        VisualLine { rtl, pieces }
    }
}

/// The pieces of one right-to-left run, in logical order: each stretch of
/// right-to-left letters (with their combining marks) stays whole for the
/// shaper; every other character stands alone so that it can be reversed.
fn rtl_run_pieces(text: &str, classes: &[BidiClass], run: Range<usize>) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    // Whether the last piece is a stretch of letters that may grow.
    let mut in_word = false;
    let slice = text.get(run.clone()).unwrap_or_default();
    for (offset, ch) in slice.char_indices() {
        let at = run.start + offset;
        let end = at + ch.len_utf8();
        let class = classes.get(at).copied().unwrap_or(BidiClass::ON);
        let letter = matches!(class, BidiClass::R | BidiClass::AL);
        // A combining mark stays on its letter.
        let mark = matches!(class, BidiClass::NSM | BidiClass::BN);
        match pieces.last_mut() {
            Some(last) if in_word && (letter || mark) => last.range.end = end,
            _ => {
                pieces.push(Piece {
                    range: at..end,
                    rtl: true,
                });
                in_word = letter;
            }
        }
    }
    pieces
}

/// Shorthand for [`Resolved::line`] on a text of one line.
pub fn line_pieces(text: &str) -> VisualLine {
    let trimmed = text.trim_end();
    Resolved::new(trimmed).line(0..trimmed.len())
}

/// The mirror image of a bracket, drawn in a right-to-left run (rule L4).
fn mirrored(ch: char) -> Option<char> {
    Some(match ch {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => return None,
    })
}

/// The text a piece shows: its own, with a lone bracket mirrored in
/// right-to-left runs.
fn piece_text<'t>(text: &'t str, piece: &Piece) -> std::borrow::Cow<'t, str> {
    let own = text.get(piece.range.clone()).unwrap_or_default();
    let mut chars = own.chars();
    if piece.rtl
        && let (Some(ch), None) = (chars.next(), chars.next())
        && let Some(mirror) = mirrored(ch)
    {
        return mirror.to_string().into();
    }
    own.into()
}

/// Appends `text` (one line) to `job` in visual order, every piece with
/// `format`: for single-line places such as list rows.
pub fn append_visual(job: &mut LayoutJob, text: &str, format: &TextFormat) {
    if !needs_bidi(text) {
        job.append(text, 0.0, format.clone());
        return;
    }
    let line = Resolved::new(text);
    for paragraph in line.paragraphs() {
        if paragraph.is_empty() {
            continue;
        }
        for piece in line.line(paragraph).pieces {
            job.append(&piece_text(text, &piece), 0.0, format.clone());
        }
    }
}

/// One laid-out piece.
#[derive(Debug, Clone)]
struct PlacedPiece {
    /// Bytes of the source text.
    range: Range<usize>,
    rtl: bool,
    /// Where it is drawn, relative to the galley's top left.
    rect: Rect,
    galley: Arc<Galley>,
}

/// Text laid out in visual order, wrapped at a width, right-aligned where a
/// paragraph reads right to left.
#[derive(Debug, Clone, Default)]
pub struct BidiGalley {
    pieces: Vec<PlacedPiece>,
    /// Rows: the y range and the pieces on it.
    rows: Vec<(f32, f32, Range<usize>)>,
    size: Vec2,
}

/// The format of the section of `job` that holds byte `at`.
fn format_at(job: &LayoutJob, at: usize) -> Option<&TextFormat> {
    let index = job
        .sections
        .partition_point(|s| s.byte_range.start.0 <= at)
        .checked_sub(1)?;
    job.sections.get(index).map(|s| &s.format)
}

/// Byte offsets where a line may break in `text[range]`: the start of each
/// word after white space.
fn word_starts(text: &str, range: Range<usize>) -> Vec<usize> {
    let mut starts = vec![range.start];
    let mut previous_space = false;
    for (offset, ch) in text.get(range.clone()).unwrap_or_default().char_indices() {
        let at = range.start + offset;
        if !ch.is_whitespace() && previous_space && at > range.start {
            starts.push(at);
        }
        previous_space = ch.is_whitespace();
    }
    starts
}

impl BidiGalley {
    /// Lays out `job` (text in logical order, with its formats) wrapped at
    /// `width`. The job's own wrapping and alignment are ignored.
    pub fn layout(painter: &Painter, job: &LayoutJob, width: f32) -> Self {
        let text = job.text.as_str();
        let resolved = Resolved::new(text);
        let fallback = job
            .sections
            .first()
            .map(|s| s.format.clone())
            .unwrap_or_default();
        let measure = |range: Range<usize>| -> f32 {
            let format = format_at(job, range.start).unwrap_or(&fallback);
            let piece = text.get(range).unwrap_or_default();
            if piece.is_empty() {
                return 0.0;
            }
            painter
                .layout_job(LayoutJob::single_section(piece.to_owned(), format.clone()))
                .size()
                .x
        };
        let mut out = Self::default();
        let mut y = 0.0f32;
        let mut widest = 0.0f32;
        for paragraph in resolved.paragraphs() {
            // Greedy line filling on word starts.
            let starts = word_starts(text, paragraph.clone());
            let mut lines: Vec<Range<usize>> = Vec::new();
            let mut line_start = paragraph.start;
            let mut x = 0.0;
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).copied().unwrap_or(paragraph.end);
                let word = text.get(start..end).unwrap_or_default();
                let visible = start..start + word.trim_end().len();
                let visible_width = measure(visible);
                if x > 0.0 && x + visible_width > width {
                    lines.push(line_start..start);
                    line_start = start;
                    x = 0.0;
                }
                x += measure(start..end);
            }
            lines.push(line_start..paragraph.end);

            for line in lines {
                let slice = text.get(line.clone()).unwrap_or_default();
                let line = line.start..line.start + slice.trim_end().len();
                let first_piece = out.pieces.len();
                let row_height = painter
                    .layout_job(LayoutJob::single_section(
                        " ".to_owned(),
                        format_at(job, line.start).unwrap_or(&fallback).clone(),
                    ))
                    .size()
                    .y;
                if line.is_empty() {
                    out.rows.push((y, y + row_height, first_piece..first_piece));
                    y += row_height;
                    continue;
                }
                let visual = resolved.line(line);
                let mut x = 0.0f32;
                let mut height = row_height;
                for piece in visual.pieces {
                    for part in split_at_sections(job, &piece) {
                        let format = format_at(job, part.range.start).unwrap_or(&fallback);
                        let galley = painter.layout_job(LayoutJob::single_section(
                            piece_text(text, &part).into_owned(),
                            format.clone(),
                        ));
                        let size = galley.size();
                        height = height.max(size.y);
                        out.pieces.push(PlacedPiece {
                            range: part.range,
                            rtl: part.rtl,
                            rect: Rect::from_min_size(pos2(x, y), size),
                            galley,
                        });
                        x += size.x;
                    }
                }
                let shift = if visual.rtl {
                    (width - x).max(0.0)
                } else {
                    0.0
                };
                for piece in out.pieces.get_mut(first_piece..).unwrap_or_default() {
                    piece.rect = piece.rect.translate(vec2(shift, 0.0));
                }
                widest = widest.max(if visual.rtl { width.max(x) } else { x });
                out.rows
                    .push((y, y + height, first_piece..out.pieces.len()));
                y += height;
            }
        }
        out.size = vec2(widest, y);
        out
    }

    /// Width and height of the laid-out text.
    pub fn size(&self) -> Vec2 {
        self.size
    }

    /// Paints the text with its top left at `origin`.
    pub fn paint(&self, painter: &Painter, origin: Pos2, fallback_color: Color32) {
        for piece in &self.pieces {
            painter.galley(
                origin + piece.rect.min.to_vec2(),
                piece.galley.clone(),
                fallback_color,
            );
        }
    }

    /// Byte of the text under `pos` (relative to the top left), if any
    /// piece is there: the nearest piece on the row under the pointer.
    pub fn byte_at(&self, pos: Vec2) -> Option<usize> {
        let (_, _, pieces) = self
            .rows
            .iter()
            .find(|(top, bottom, _)| pos.y >= *top && pos.y < *bottom)?;
        let row = self.pieces.get(pieces.clone())?;
        let piece = row.iter().min_by(|a, b| {
            let da = distance_x(a.rect, pos.x);
            let db = distance_x(b.rect, pos.x);
            da.total_cmp(&db)
        })?;
        let local = vec2(pos.x - piece.rect.min.x, pos.y - piece.rect.min.y);
        let chars = piece.galley.job.text.chars().count().max(1);
        let char_index = if piece.rtl {
            // The shaper reversed the letters: count from the right.
            let fraction = 1.0 - (local.x / piece.rect.width().max(1.0)).clamp(0.0, 1.0);
            ((fraction * chars as f32) as usize).min(chars - 1)
        } else {
            piece.galley.cursor_from_pos(local).index.0.min(chars - 1)
        };
        let own = self.pieces_text_offset(piece, char_index);
        Some(own)
    }

    fn pieces_text_offset(&self, piece: &PlacedPiece, char_index: usize) -> usize {
        let shown = piece.galley.job.text.as_str();
        let offset = shown.char_indices().nth(char_index).map_or(0, |(i, _)| i);
        // Mirrored brackets are one char either way; other pieces show their
        // own bytes.
        (piece.range.start + offset).min(piece.range.end.saturating_sub(1))
    }

    /// Rectangles (relative to the top left) covering the bytes `range`:
    /// one per stretch of touching pieces on each row.
    pub fn rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut out = Vec::new();
        for (_, _, pieces) in &self.rows {
            let mut spans: Vec<Rect> = self
                .pieces
                .get(pieces.clone())
                .unwrap_or_default()
                .iter()
                .filter(|p| p.range.start < range.end && range.start < p.range.end)
                .map(|p| p.rect)
                .collect();
            spans.sort_by(|a, b| a.min.x.total_cmp(&b.min.x));
            let mut merged: Vec<Rect> = Vec::new();
            for span in spans {
                match merged.last_mut() {
                    Some(last) if span.min.x <= last.max.x + 0.5 => *last = last.union(span),
                    _ => merged.push(span),
                }
            }
            out.extend(merged);
        }
        out
    }

    /// Byte ranges and rectangles of every piece, left to right, row by row.
    pub fn piece_rects(&self) -> Vec<(Range<usize>, Rect)> {
        self.pieces
            .iter()
            .map(|p| (p.range.clone(), p.rect))
            .collect()
    }
}

fn distance_x(rect: Rect, x: f32) -> f32 {
    if x < rect.min.x {
        rect.min.x - x
    } else if x > rect.max.x {
        x - rect.max.x
    } else {
        0.0
    }
}

/// Cuts `piece` where the job's formats change (a statement boundary, a
/// search match), keeping visual order: the parts of a right-to-left piece
/// come right to left.
fn split_at_sections(job: &LayoutJob, piece: &Piece) -> Vec<Piece> {
    let mut parts = Vec::new();
    let mut start = piece.range.start;
    for section in &job.sections {
        let boundary = section.byte_range.start.0;
        if boundary > start && boundary < piece.range.end {
            parts.push(Piece {
                range: start..boundary,
                rtl: piece.rtl,
            });
            start = boundary;
        }
    }
    parts.push(Piece {
        range: start..piece.range.end,
        rtl: piece.rtl,
    });
    if piece.rtl {
        parts.reverse();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays `text` out with egui's fonts, no window needed.
    fn lay_out(text: &str, width: f32) -> BidiGalley {
        let ctx = egui::Context::default();
        let mut result = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let format = TextFormat::simple(egui::FontId::proportional(14.0), Color32::BLACK);
            let job = LayoutJob::single_section(text.to_owned(), format);
            result = Some(BidiGalley::layout(ui.painter(), &job, width));
        });
        output.textures_delta.clear();
        result.unwrap()
    }

    fn shown<'t>(text: &'t str, line: &VisualLine) -> Vec<&'t str> {
        line.pieces
            .iter()
            .map(|p| &text[p.range.clone()])
            .filter(|t| !t.trim().is_empty())
            .collect()
    }

    #[test]
    fn left_to_right_text_is_one_piece_and_needs_no_bidi() {
        let text = "The council approved 412 million.";
        assert!(!needs_bidi(text));
        let line = line_pieces(text);
        assert!(!line.rtl);
        assert_eq!(shown(text, &line), [text]);
    }

    #[test]
    fn arabic_with_numbers_and_latin_runs_right_to_left() {
        let text = "أولا 1 ثانيا 22 ثم API نهاية.";
        assert!(needs_bidi(text));
        let line = line_pieces(text);
        assert!(line.rtl, "the first strong letter is Arabic");
        // Left to right as drawn: the sentence's end is at the left.
        assert_eq!(
            shown(text, &line),
            [".", "نهاية", "API", "ثم", "22", "ثانيا", "1", "أولا"]
        );
    }

    #[test]
    fn hebrew_inside_english_keeps_the_english_order() {
        let text = "He said שלום עולם today (twice).";
        let line = line_pieces(text);
        assert!(!line.rtl);
        assert_eq!(
            shown(text, &line),
            ["He said ", "עולם", "שלום", " today (twice)."]
        );
    }

    #[test]
    fn brackets_in_a_right_to_left_run_are_mirrored() {
        let text = "قال (الوزير) أمس";
        let line = line_pieces(text);
        let drawn: String = line.pieces.iter().map(|p| piece_text(text, p)).collect();
        // Drawn left to right: "أمس" … "(" "الوزير" ")" … "قال": the opening
        // bracket of the logical text sits at the right, mirrored to ")".
        let open = drawn.find('(').unwrap();
        let close = drawn.find(')').unwrap();
        assert!(open < close, "{drawn}");
        assert!(drawn.find("الوزير").unwrap() > open);
    }

    #[test]
    fn bad_ranges_give_no_pieces_instead_of_panicking() {
        let text = "أولا 1";
        let resolved = Resolved::new(text);
        let (start, end) = (3, 1);
        assert!(resolved.line(start..end).pieces.is_empty());
        assert!(resolved.line(0..99).pieces.is_empty());
        assert!(resolved.line(1..2).pieces.is_empty(), "not a char boundary");
    }

    #[test]
    fn laid_out_runs_sit_right_to_left_and_right_aligned() {
        let text = "أولا 1 ثانيا 22 ثم API نهاية.";
        let galley = lay_out(text, 600.0);
        let x_of = |needle: &str| {
            let at = text.find(needle).unwrap();
            galley
                .piece_rects()
                .into_iter()
                .find(|(range, _)| range.start == at)
                .map(|(_, rect)| rect)
                .unwrap_or_else(|| panic!("no piece starts with {needle:?}"))
        };
        let order = ["أولا", "1", "ثانيا", "22", "ثم", "API", "نهاية", "."];
        for pair in order.windows(2) {
            assert!(
                x_of(pair[0]).min.x > x_of(pair[1]).max.x - 0.5,
                "{:?} should be right of {:?}",
                pair[0],
                pair[1]
            );
        }
        let first = x_of("أولا");
        assert!(
            (first.max.x - 600.0).abs() < 1.0,
            "right-aligned: the first word ends at the right edge, got {}",
            first.max.x
        );
        // A click on a run finds its bytes; outlines follow the runs.
        let on_22 = x_of("22").center().to_vec2();
        let byte = galley.byte_at(on_22).unwrap();
        assert!(text[byte..].starts_with('2'), "{byte}");
        let second = text.find("ثانيا").unwrap();
        let rects = galley.rects(second..second + "ثانيا".len());
        assert_eq!(rects.len(), 1);
        assert!(rects[0].min.x > x_of("22").max.x - 0.5);
    }

    #[test]
    fn long_right_to_left_text_wraps_with_the_first_words_on_top() {
        let text = "الكلمة الأولى ثم كلمات كثيرة جدا بعدها حتى نهاية السطر الطويل";
        let galley = lay_out(text, 150.0);
        assert!(galley.size().y > 30.0, "wrapped onto several rows");
        let first = galley
            .piece_rects()
            .into_iter()
            .find(|(r, _)| r.start == 0)
            .unwrap()
            .1;
        let last_word = text.rfind(' ').unwrap() + 1;
        let last = galley
            .piece_rects()
            .into_iter()
            .find(|(r, _)| r.start == last_word)
            .unwrap()
            .1;
        assert!(
            first.min.y < last.min.y,
            "the first word is on the first row"
        );
        assert!((first.max.x - 150.0).abs() < 1.0, "first word at the right");
    }
}
