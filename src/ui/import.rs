//! The window's side of real articles in (issue 11): File > Open link…
//! (the address field), the progress of an import running in the
//! background with its Cancel button, "Re-import as full text?", and "What
//! was left out". Panels only: they push [`Action`]s and never touch the
//! shell; the work is done in `src/app/import.rs`.

use egui::{Context, Id, RichText};

use crate::ui::action::Action;
use crate::ui::shortcuts::{self, text};

/// The label of the address field in File > Open link… (tests find it by it).
pub const LINK_FIELD_LABEL: &str = "Address";

/// File > Open link… while open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkDraft {
    /// The address typed so far.
    pub url: String,
    /// The field was given the keyboard focus (done once, on the first
    /// frame, so Tab can move on to the buttons).
    pub focused: bool,
}

/// What the progress window shows about the import running in the
/// background.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProgress {
    /// The address or file being read.
    pub origin: String,
    /// Whether it is a link being fetched (else a file being read).
    pub link: bool,
    /// Bytes received so far.
    pub received: u64,
    /// The size the server announced, if it did.
    pub total: Option<u64>,
}

/// File > Open link… (Ctrl+L), under Open….
pub fn open_link_item(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let button =
        egui::Button::new("Open link…").shortcut_text(text(ui.ctx(), &shortcuts::OPEN_LINK));
    if ui
        .add(button)
        .on_hover_text("Fetch a web page, Word file or PDF and open it as a new project")
        .clicked()
    {
        actions.push(Action::ShowOpenLink);
    }
}

/// File > Re-import as full text… and What was left out…, enabled while
/// the open project came from a web page whose source is kept.
pub fn source_items(ui: &mut egui::Ui, available: bool, actions: &mut Vec<Action>) {
    let why = "Only for a project opened from a web page or link in this session";
    if ui
        .add_enabled(available, egui::Button::new("Re-import as full text…"))
        .on_hover_text("Replace reader view's article with all the text the page shows")
        .on_disabled_hover_text(why)
        .clicked()
    {
        actions.push(Action::AskReimportFullText);
    }
    if ui
        .add_enabled(available, egui::Button::new("What was left out…"))
        .on_hover_text("The parts of the page that reader view did not keep")
        .on_disabled_hover_text(why)
        .clicked()
    {
        actions.push(Action::ShowLeftOut);
    }
}

/// File > Open link…: the address field has the focus; Enter fetches, Esc
/// cancels.
pub fn link_dialog_ui(ctx: &Context, draft: &mut Option<LinkDraft>, actions: &mut Vec<Action>) {
    let Some(link) = draft else { return };
    let mut close = false;
    let mut go = false;
    let response = egui::Modal::new(Id::unique("open_link")).show(ctx, |ui| {
        ui.heading("Open link");
        ui.label("The address of a web page, Word file or PDF (http or https).");
        ui.add_space(4.0);
        let label = ui.label(LINK_FIELD_LABEL);
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut link.url)
                    .hint_text("https://")
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
        if !link.focused {
            field.request_focus();
            link.focused = true;
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            go = true;
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ready = !link.url.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Open")).clicked() {
                go = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if go && !link.url.trim().is_empty() {
        actions.push(Action::OpenLink(link.url.trim().to_owned()));
        *draft = None;
    } else if close || response.should_close() {
        *draft = None;
    }
}

/// "1.2 MB", "340 kB", "512 bytes": sizes as the progress window says them.
pub fn bytes_text(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    // Precision does not matter here: the number is read, not computed with.
    #[allow(clippy::cast_precision_loss)]
    let value = bytes as f64;
    if value >= KB * KB {
        format!("{:.1} MB", value / (KB * KB))
    } else if value >= KB {
        format!("{:.0} kB", value / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The progress of the import running in the background, with Cancel (Esc
/// cancels too).
pub fn progress_ui(ctx: &Context, progress: Option<&ImportProgress>, actions: &mut Vec<Action>) {
    let Some(progress) = progress else { return };
    let response = egui::Modal::new(Id::unique("import_progress")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        if progress.link {
            ui.heading("Fetching the page");
        } else {
            ui.heading("Reading the file");
        }
        ui.add(egui::Label::new(RichText::new(&progress.origin).monospace()).wrap());
        ui.add_space(6.0);
        let received = bytes_text(progress.received);
        match progress.total.filter(|&t| t > 0) {
            Some(total) => {
                // A fraction for the bar only.
                #[allow(clippy::cast_precision_loss)]
                let fraction = (progress.received as f64 / total as f64).clamp(0.0, 1.0);
                #[allow(clippy::cast_possible_truncation)]
                let bar = egui::ProgressBar::new(fraction as f32)
                    .text(format!("{received} of {}", bytes_text(total)));
                ui.add(bar);
            }
            None => {
                // Turned by the shell's polling repaints; egui's spinner
                // would ask for a repaint every frame on its own.
                let turn = ["|", "/", "–", "\\"];
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let phase = (ui.input(|i| i.time) * 8.0) as usize % turn.len();
                let mark = turn.get(phase).copied().unwrap_or("|");
                if progress.link {
                    ui.monospace(format!("{mark} {received} received"));
                } else {
                    ui.monospace(format!("{mark} reading…"));
                }
            }
        }
        ui.add_space(6.0);
        if ui.button("Cancel").clicked() {
            actions.push(Action::CancelImport);
        }
    });
    if response.should_close() {
        actions.push(Action::CancelImport);
    }
}

/// "Re-import as full text?" while `open`.
pub fn reimport_confirm_ui(
    ctx: &Context,
    open: &mut bool,
    statements: usize,
    actions: &mut Vec<Action>,
) {
    if !*open {
        return;
    }
    let mut close = false;
    let response = egui::Modal::new(Id::unique("reimport_full_text")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Re-import as full text?");
        ui.label(
            "The article will be replaced by all the text the page shows, not only what \
             reader view kept: menus, captions and related links come in too, and you can \
             leave them untagged.",
        );
        ui.label(format!(
            "The {statements} statements now open, with their tags, notes and verdicts, are \
             replaced; Undo (Ctrl+Z) brings them back."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Re-import").clicked() {
                actions.push(Action::ReimportFullText);
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    if close || response.should_close() {
        *open = false;
    }
}

/// "What was left out": the paragraphs of the page that reader view did
/// not keep, in page order, with a way to take them all after all.
pub fn left_out_ui(ctx: &Context, left_out: &mut Option<Vec<String>>, actions: &mut Vec<Action>) {
    let Some(paragraphs) = left_out else { return };
    let mut close = false;
    let response = egui::Modal::new(Id::unique("left_out")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading("What was left out");
        if paragraphs.is_empty() {
            ui.label("Reader view kept every paragraph of the page.");
        } else {
            ui.label(format!(
                "Reader view did not keep these {} parts of the page (navigation, captions, \
                 related links — or article text it got wrong):",
                paragraphs.len()
            ));
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for paragraph in paragraphs.iter() {
                        egui::Frame::new()
                            .inner_margin(4.0)
                            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                            .corner_radius(3.0)
                            .show(ui, |ui| {
                                ui.set_min_width(600.0);
                                ui.add(egui::Label::new(paragraph.as_str()).wrap());
                            });
                        ui.add_space(2.0);
                    }
                });
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if !paragraphs.is_empty() && ui.button("Re-import as full text…").clicked() {
                actions.push(Action::AskReimportFullText);
                close = true;
            }
            if ui.button("Close").clicked() {
                close = true;
            }
        });
    });
    if close || response.should_close() {
        *left_out = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(bytes_text(512), "512 bytes");
        assert_eq!(bytes_text(34_400), "34 kB");
        assert_eq!(bytes_text(2_345_678), "2.3 MB");
    }
}
