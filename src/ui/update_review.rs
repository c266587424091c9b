//! Following the story in the window (issue 12): File > Update article…
//! asks where the new version is (a file or pasted text), a progress line
//! shows while a large update runs, and the review panel walks through
//! everything the update left for the reviewer: placements to confirm
//! (edited or ambiguous, old and new text with the changed words marked)
//! and orphans to re-attach or discard.
//!
//! The update and every decision are pure functions in [`crate::update`];
//! this module only shows them and pushes [`Action`]s, which the shell
//! turns into one undo step each.
//!
//! The word diff tokenises by hand and diffs the token slices with
//! `similar`: the crate's `text` feature (its own word diff) is off in this
//! build, and a statement is short enough that a dozen lines do.

use std::ops::Range;
use std::time::{Duration, Instant};

use egui::text::LayoutJob;
use egui::{Color32, FontId, Id, Key, RichText, TextFormat, TextStyle};

use crate::model::{Project, ReviewMark, Statement, StatementId};
use crate::ui::action::Action;
use crate::ui::claims::preview;
use crate::update::{ReviewItem, review_queue};

/// The label of the "new" badge on statements an update added.
pub const NEW_BADGE: &str = "new";

/// The label of the badge on placements waiting for confirmation.
pub const CONFIRM_BADGE: &str = "to confirm";

/// The button that re-attaches an orphan where the selected statement is.
pub const ATTACH_TO_STATEMENT: &str = "Attach to selected statement";

/// The button that re-attaches an orphan to text picked in the panel.
pub const ATTACH_TO_TEXT: &str = "Attach to selected text";

/// The label of the panel's excerpt, where text is picked for re-attaching.
pub const EXCERPT_LABEL: &str = "Text around the selected statement";

/// The label of the field for the new version's address.
pub const LINK_LABEL: &str = "From a link:";

/// The label of the field the new version is pasted into.
pub const PASTE_LABEL: &str = "Or paste the new version (Ctrl+V):";

/// A decision or a move in the review panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewDecision {
    /// Move this many items through the queue (J/K).
    Move(isize),
    /// Go to the item at this position of the queue.
    Goto(usize),
    /// Confirm this placement (`None`: the current item).
    Confirm(Option<StatementId>),
    /// Orphan this placement (`None`: the current item).
    Orphan(Option<StatementId>),
    /// Re-attach the orphan where the selected statement is.
    AttachToSelected(StatementId),
    /// Re-attach the orphan to this byte range of the article.
    AttachToText(StatementId, Range<usize>),
    /// Ask before discarding the orphan.
    AskDiscard(StatementId),
    /// Discard the orphan (the reviewer said yes).
    Discard(StatementId),
    /// Keep the orphan after all (the reviewer said no).
    KeepOrphan,
}

/// The update dialogs and the review panel, as the reviewer left them.
/// Never saved, never undone.
#[derive(Debug, Clone, Default)]
pub struct UpdateView {
    /// The "Update the article" dialog is open, with the text pasted so far.
    pub source: Option<String>,
    /// The address typed in the dialog's link field.
    pub link: String,
    /// The review panel is shown.
    pub review_open: bool,
    /// The current position in the review queue.
    pub cursor: usize,
    /// The orphan whose discard is being asked about.
    pub confirm_discard: Option<StatementId>,
    /// Text picked in the panel's excerpt (article bytes), for re-attaching.
    pub picked: Option<Range<usize>>,
    queue: Vec<ReviewItem>,
    queue_key: Option<(u64, usize, usize, usize)>,
}

impl UpdateView {
    /// The review queue for `project` at `revision`, which must be the
    /// workspace's shape revision (review marks move it, typing does not):
    /// cached, recomputed only when that moves.
    pub fn refresh(&mut self, project: &Project, revision: u64) -> &[ReviewItem] {
        let key = (
            revision,
            project.statements.len(),
            project.orphans.len(),
            project.article.text.as_ptr() as usize,
        );
        if self.queue_key != Some(key) {
            self.queue = review_queue(project);
            self.queue_key = Some(key);
            self.cursor = self.cursor.min(self.queue.len().saturating_sub(1));
        }
        &self.queue
    }

    /// How many items are left, as of the last [`Self::refresh`].
    pub fn left(&self) -> usize {
        self.queue.len()
    }

    /// The item under the cursor, as of the last [`Self::refresh`].
    pub fn current(&self) -> Option<ReviewItem> {
        self.queue
            .get(self.cursor.min(self.queue.len().saturating_sub(1)))
            .copied()
    }

    /// The queue as of the last [`Self::refresh`].
    pub fn queue(&self) -> &[ReviewItem] {
        &self.queue
    }

    /// True while one of this feature's modal dialogs is open.
    pub fn modal_open(&self) -> bool {
        self.source.is_some() || self.confirm_discard.is_some()
    }
}

/// The review panel's keys, read before the ordinary single-key shortcuts
/// and taken out of the frame's events so J/K move through the queue, not
/// the statement list: J/K move, Enter confirms, Backspace orphans.
pub fn review_keys(input: &mut egui::InputState, view: &UpdateView, actions: &mut Vec<Action>) {
    if !view.review_open || view.left() == 0 {
        return;
    }
    input.events.retain(|event| {
        let egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } = event
        else {
            return true;
        };
        if !modifiers.is_none() {
            return true;
        }
        let decision = match key {
            Key::J => ReviewDecision::Move(1),
            Key::K => ReviewDecision::Move(-1),
            Key::Enter => ReviewDecision::Confirm(None),
            Key::Backspace => ReviewDecision::Orphan(None),
            _ => return true,
        };
        actions.push(Action::Review(decision));
        false
    });
}

/// Marks a statement an update added ("new") or placed on changed text
/// ("to confirm") in a claims-list row.
pub fn append_badge(job: &mut LayoutJob, statement: &Statement, font: &FontId, dark: bool) {
    let (label, face) = match statement.review {
        Some(ReviewMark::NewInVersion) => (
            NEW_BADGE,
            if dark {
                Color32::from_rgb(40, 90, 150)
            } else {
                Color32::from_rgb(200, 225, 250)
            },
        ),
        Some(ReviewMark::NeedsConfirm { .. }) => (
            CONFIRM_BADGE,
            if dark {
                Color32::from_rgb(130, 90, 20)
            } else {
                Color32::from_rgb(250, 225, 170)
            },
        ),
        None => return,
    };
    job.append(
        &format!(" {label} "),
        6.0,
        TextFormat {
            font_id: font.clone(),
            color: if dark { Color32::WHITE } else { Color32::BLACK },
            background: face,
            ..TextFormat::default()
        },
    );
}

/// "N left to review" in the status bar, while anything is; a click opens
/// the review panel.
pub fn left_to_review_ui(ui: &mut egui::Ui, left: usize, actions: &mut Vec<Action>) {
    if left == 0 {
        return;
    }
    let text = format!("{left} left to review");
    if ui
        .link(text)
        .on_hover_text("Show the review panel")
        .clicked()
    {
        actions.push(Action::ShowReview(true));
    }
}

/// File > Update article…: a file, or the new version pasted.
pub fn source_dialog_ui(ctx: &egui::Context, view: &mut UpdateView, actions: &mut Vec<Action>) {
    let Some(text) = &mut view.source else {
        return;
    };
    let link = &mut view.link;
    let mut close = false;
    let response = egui::Modal::new(Id::unique("update_article_source")).show(ctx, |ui| {
        ui.heading("Update the article");
        ui.label(
            "Every statement is placed in the new version with its tag, note and verdict. \
             Edited or doubtful placements and statements that cannot be found are listed \
             for you to review. The whole update is one undo step.",
        );
        ui.add_space(6.0);
        if ui.button("From a file…").clicked() {
            actions.push(Action::UpdateFromFile);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label(LINK_LABEL);
            let field = ui
                .add(
                    egui::TextEdit::singleline(link)
                        .hint_text("https://")
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            let ready = !link.trim().is_empty();
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .add_enabled(ready, egui::Button::new("Update from link"))
                .clicked()
                || (entered && ready)
            {
                actions.push(Action::UpdateFromLink(link.trim().to_owned()));
            }
        });
        ui.add_space(6.0);
        let label = ui.label(PASTE_LABEL);
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(text)
                        .hint_text("New version of the article")
                        .desired_width(560.0)
                        .desired_rows(10),
                )
                .labelled_by(label.id);
            });
        ui.horizontal(|ui| {
            let ready = !text.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Update from pasted text"))
                .clicked()
            {
                actions.push(Action::UpdateFromText(text.clone()));
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || response.should_close() {
        view.source = None;
    }
}

/// The progress line while an update runs in the background, with Cancel.
pub fn progress_ui(
    ctx: &egui::Context,
    running: Option<(&str, Instant)>,
    actions: &mut Vec<Action>,
) {
    let Some((what, started)) = running else {
        return;
    };
    egui::Modal::new(Id::unique("update_article_progress")).show(ctx, |ui| {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "Updating the article from {what}… {:.0} s",
                started.elapsed().as_secs_f32()
            ));
        });
        if ui.button("Cancel").clicked() {
            actions.push(Action::CancelUpdate);
        }
    });
    ctx.request_repaint_after(Duration::from_millis(100));
}

/// "Discard this orphan?" while one is being asked about.
pub fn discard_modal_ui(
    ctx: &egui::Context,
    project: &Project,
    view: &UpdateView,
    actions: &mut Vec<Action>,
) {
    let Some(id) = view.confirm_discard else {
        return;
    };
    let quote = project
        .orphans
        .iter()
        .find(|o| o.statement.id == id)
        .map(|o| preview(&o.quote))
        .unwrap_or_default();
    let response = egui::Modal::new(Id::unique("discard_orphan")).show(ctx, |ui| {
        ui.heading("Discard this orphaned statement?");
        ui.label(format!("“{quote}”"));
        ui.label("Its tag, note, verdict and evidence go with it. Undo brings it back.");
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Discard").clicked() {
                actions.push(Action::Review(ReviewDecision::Discard(id)));
            }
            if ui.button("Keep").clicked() {
                actions.push(Action::Review(ReviewDecision::KeepOrphan));
            }
        });
    });
    if response.should_close() {
        actions.push(Action::Review(ReviewDecision::KeepOrphan));
    }
}

/// The review panel: the current item in full, then every item on one
/// line each (only the rows on screen are drawn).
pub fn review_panel_ui(
    ui: &mut egui::Ui,
    project: &Project,
    selected: Option<usize>,
    view: &mut UpdateView,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.heading("Review the update");
        if ui.button("Hide").clicked() {
            actions.push(Action::ShowReview(false));
        }
    });
    let left = view.left();
    if left == 0 {
        ui.label("Nothing left to review.");
        return;
    }
    ui.label(format!("{left} left to review"));
    ui.weak("J/K move · Enter confirms · Backspace orphans");
    ui.separator();
    if let Some(item) = view.current() {
        match item {
            ReviewItem::Confirm(id) => confirm_ui(ui, project, id, actions),
            ReviewItem::Orphan(id) => orphan_ui(ui, project, id, selected, view, actions),
        }
    }
    ui.separator();
    let row_height = ui.text_style_height(&TextStyle::Body) + 4.0;
    let cursor = view.cursor;
    egui::ScrollArea::vertical()
        .id_salt("update_review_list")
        .auto_shrink(false)
        .show_rows(ui, row_height, view.queue.len(), |ui, range| {
            for position in range {
                let Some(item) = view.queue.get(position) else {
                    continue;
                };
                let label = match *item {
                    ReviewItem::Confirm(id) => {
                        let text = project
                            .index_of(id)
                            .and_then(|i| project.statements.get(i))
                            .map(|s| preview(project.text_of(s)))
                            .unwrap_or_default();
                        format!("Confirm: {text}")
                    }
                    ReviewItem::Orphan(id) => {
                        let text = project
                            .orphans
                            .iter()
                            .find(|o| o.statement.id == id)
                            .map(|o| preview(&o.quote))
                            .unwrap_or_default();
                        format!("Orphan: {text}")
                    }
                };
                let button = egui::Button::selectable(position == cursor, label).truncate();
                if ui.add(button).clicked() {
                    actions.push(Action::Review(ReviewDecision::Goto(position)));
                }
            }
        });
}

fn confirm_ui(ui: &mut egui::Ui, project: &Project, id: StatementId, actions: &mut Vec<Action>) {
    let Some(index) = project.index_of(id) else {
        return;
    };
    let Some(statement) = project.statements.get(index) else {
        return;
    };
    let Some(ReviewMark::NeedsConfirm { status, old_quote }) = &statement.review else {
        return;
    };
    ui.label(RichText::new(format!("Statement {}: {}", index + 1, status.key())).strong());
    let new = project.text_of(statement);
    let (old_marks, new_marks) = word_diff(old_quote, new);
    let body = TextStyle::Body.resolve(ui.style());
    let dark = ui.visuals().dark_mode;
    let text = ui.visuals().text_color();
    ui.label("Before:");
    ui.label(marked(
        old_quote,
        &old_marks,
        &body,
        text,
        removed_color(dark),
        true,
    ));
    ui.label("Now:");
    ui.label(marked(
        new,
        &new_marks,
        &body,
        text,
        added_color(dark),
        false,
    ));
    annotations_ui(ui, statement);
    ui.horizontal(|ui| {
        if ui.button("Confirm (Enter)").clicked() {
            actions.push(Action::Review(ReviewDecision::Confirm(Some(id))));
        }
        if ui
            .button("Orphan (Backspace)")
            .on_hover_text(
                "Wrong place: keep the annotations as an orphan and leave this text untagged",
            )
            .clicked()
        {
            actions.push(Action::Review(ReviewDecision::Orphan(Some(id))));
        }
    });
}

fn orphan_ui(
    ui: &mut egui::Ui,
    project: &Project,
    id: StatementId,
    selected: Option<usize>,
    view: &mut UpdateView,
    actions: &mut Vec<Action>,
) {
    let Some(orphan) = project.orphans.iter().find(|o| o.statement.id == id) else {
        return;
    };
    ui.label(RichText::new("Orphaned: not found in this version").strong());
    ui.label(format!("“{}”", orphan.quote));
    annotations_ui(ui, &orphan.statement);
    ui.horizontal_wrapped(|ui| {
        let selected_statement = selected.and_then(|i| project.statements.get(i));
        if ui
            .add_enabled(
                selected_statement.is_some(),
                egui::Button::new(ATTACH_TO_STATEMENT),
            )
            .on_hover_text("Put it on the statement selected in the article or the list")
            .clicked()
        {
            actions.push(Action::Review(ReviewDecision::AttachToSelected(id)));
        }
        let picked = view.picked.clone().filter(|r| !r.is_empty());
        if ui
            .add_enabled(picked.is_some(), egui::Button::new(ATTACH_TO_TEXT))
            .on_hover_text("Select text in the excerpt below first")
            .clicked()
            && let Some(range) = picked
        {
            actions.push(Action::Review(ReviewDecision::AttachToText(id, range)));
        }
        if ui.button("Discard…").clicked() {
            actions.push(Action::Review(ReviewDecision::AskDiscard(id)));
        }
    });
    // The excerpt: the paragraph of the selected statement, read-only but
    // selectable, so any stretch of it can take the orphan.
    let Some(statement) = selected.and_then(|i| project.statements.get(i)) else {
        ui.weak("Select a statement to pick text around it.");
        return;
    };
    let span = paragraph_around(&project.article.text, statement.range.clone());
    let Some(excerpt) = project.article.text.get(span.clone()) else {
        return;
    };
    let label = ui.label(EXCERPT_LABEL);
    let mut shown: &str = excerpt;
    let output = egui::ScrollArea::vertical()
        .id_salt("update_review_excerpt")
        .max_height(140.0)
        .show(ui, |ui| {
            egui::TextEdit::multiline(&mut shown)
                .desired_width(f32::INFINITY)
                .desired_rows(3)
                .show(ui)
        })
        .inner;
    output.response.response.labelled_by(label.id);
    if let Some(cursor) = output.cursor_range {
        let chars = cursor.as_sorted_char_range();
        let start = byte_of_char(excerpt, chars.start.0);
        let end = byte_of_char(excerpt, chars.end.0);
        view.picked = (start < end).then(|| span.start + start..span.start + end);
    }
}

/// Tag, verdict and note of the statement under review, on a line or two.
fn annotations_ui(ui: &mut egui::Ui, statement: &Statement) {
    let tag = statement.tag.map_or("Untagged", |t| t.label());
    let mut line = tag.to_owned();
    if let Some(verdict) = &statement.verdict {
        line.push_str(&format!(" · {verdict}"));
    }
    if !statement.evidence.is_empty() {
        line.push_str(&format!(" · {} evidence", statement.evidence.len()));
    }
    ui.weak(line);
    if !statement.note.is_empty() {
        ui.weak(format!("Note: {}", preview(&statement.note)));
    }
}

fn removed_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(120, 40, 40)
    } else {
        Color32::from_rgb(250, 200, 200)
    }
}

fn added_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(30, 100, 50)
    } else {
        Color32::from_rgb(190, 240, 200)
    }
}

/// `text` with the `changed` stretches on a coloured background (and
/// struck through, for removed words).
fn marked(
    text: &str,
    marks: &[(Range<usize>, bool)],
    font: &FontId,
    color: Color32,
    background: Color32,
    strike: bool,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    for (range, changed) in marks {
        let piece = text.get(range.clone()).unwrap_or_default();
        let mut format = TextFormat::simple(font.clone(), color);
        if *changed {
            format.background = background;
            if strike {
                format.strikethrough = egui::Stroke::new(1.0, color);
            }
        }
        job.append(piece, 0.0, format);
    }
    job
}

/// Words, runs of white space, and single other characters, as byte ranges.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (at, ch) in text.char_indices() {
        let this = if ch.is_alphanumeric() {
            Some(0)
        } else if ch.is_whitespace() {
            Some(1)
        } else {
            None
        };
        if at > start && (this.is_none() || this != kind) {
            out.push(start..at);
            start = at;
        }
        kind = this;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// One text cut into consecutive byte ranges, each flagged `true` where the
/// words differ from the other text.
pub type Marks = Vec<(Range<usize>, bool)>;

/// The word-level difference between `old` and `new`: the marks of each.
pub fn word_diff(old: &str, new: &str) -> (Marks, Marks) {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let words = |text: &str, ranges: &[Range<usize>]| -> Vec<String> {
        ranges
            .iter()
            .map(|r| text.get(r.clone()).unwrap_or_default().to_owned())
            .collect()
    };
    let (a, b) = (words(old, &old_tokens), words(new, &new_tokens));
    // A deadline, because a quote may be a whole paragraph of an article
    // that changed everywhere; past it the diff is coarser, never wrong.
    let deadline = Instant::now() + Duration::from_millis(50);
    let ops =
        similar::capture_diff_slices_deadline(similar::Algorithm::Myers, &a, &b, Some(deadline));
    let span = |ranges: &[Range<usize>], r: Range<usize>| -> Option<Range<usize>> {
        // An insertion has no words on the old side (and a deletion none on
        // the new): no mark, rather than a backwards span.
        if r.is_empty() {
            return None;
        }
        let first = ranges.get(r.start)?;
        let last = ranges.get(r.end.checked_sub(1)?)?;
        Some(first.start..last.end)
    };
    let (mut old_marks, mut new_marks) = (Vec::new(), Vec::new());
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let changed = tag != similar::DiffTag::Equal;
        if let Some(r) = span(&old_tokens, old_range) {
            old_marks.push((r, changed));
        }
        if let Some(r) = span(&new_tokens, new_range) {
            new_marks.push((r, changed));
        }
    }
    (old_marks, new_marks)
}

/// The line(s) of `text` that hold `range`: from the line break before it
/// to the one after it.
fn paragraph_around(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text
        .get(..range.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(range.end..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |i| range.end + i);
    start..end
}

fn byte_of_char(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map_or(text.len(), |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed<'a>(text: &'a str, marks: &[(Range<usize>, bool)]) -> Vec<&'a str> {
        marks
            .iter()
            .filter(|(_, c)| *c)
            .map(|(r, _)| &text[r.clone()])
            .collect()
    }

    #[test]
    fn the_word_diff_marks_only_the_changed_words() {
        let old = "The council spent 4.2 million on roads.";
        let new = "The council spent 4.7 million on new roads.";
        let (o, n) = word_diff(old, new);
        assert_eq!(changed(old, &o), vec!["2"]);
        // Which side of "new" its space goes is the diff's choice.
        let added: Vec<&str> = changed(new, &n).into_iter().map(str::trim).collect();
        assert_eq!(added, vec!["7", "new"]);
        // The ranges cover each text exactly once, in order.
        for (text, marks) in [(old, &o), (new, &n)] {
            let joined: String = marks.iter().map(|(r, _)| &text[r.clone()]).collect();
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn the_same_text_has_no_marks() {
        let (o, n) = word_diff("Same words here.", "Same words here.");
        assert!(o.iter().chain(&n).all(|(_, c)| !c));
        assert_eq!(word_diff("", ""), (Vec::new(), Vec::new()));
    }

    #[test]
    fn the_excerpt_is_the_line_around_the_statement() {
        let text = "Title\n\nFirst one. Second one.\n\nLast.";
        let second = text.find("Second").unwrap();
        let span = paragraph_around(text, second..second + 11);
        assert_eq!(&text[span], "First one. Second one.");
        assert_eq!(paragraph_around(text, 0..5), 0..5);
        assert_eq!(byte_of_char("aéb", 2), 3);
        assert_eq!(byte_of_char("aéb", 9), 4);
    }
}
