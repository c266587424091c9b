//! The status bar: progress through the article at a glance.

use egui::{Rect, Sense, vec2};

use crate::model::{Stats, Tag};
use crate::ui::theme;

/// "7 of 12 disagreements settled" when the project carries reviewers'
/// disagreements (issue 13); nothing otherwise.
pub fn disagreements_ui(ui: &mut egui::Ui, project: &crate::model::Project) {
    if let Some(text) = crate::ui::adjudication::settled_text(project) {
        ui.label(text);
    }
}

/// "37 of 58 tagged", counts per tag, and a thin bar in the tag colours.
pub fn status_bar_ui(ui: &mut egui::Ui, stats: &Stats) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{} of {} tagged", stats.tagged(), stats.total));
        for tag in Tag::ALL {
            ui.separator();
            ui.colored_label(
                theme::tag_text_color(tag, ui.visuals()),
                format!("{} {}", tag.label(), stats.count(tag)),
            );
        }
        ui.separator();
        ui.label(format!("Untagged {}", stats.untagged));
        if stats.follow_up > 0 {
            ui.separator();
            ui.colored_label(palette.follow_up, format!("Follow-up {}", stats.follow_up));
        }
    });
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 4.0), Sense::hover());
    let total = stats.total.max(1) as f32;
    let mut x = rect.left();
    let segments = Tag::ALL
        .map(|tag| (stats.count(tag), palette.badge(Some(tag)).0))
        .into_iter()
        .chain([(stats.untagged, palette.badge(None).0)]);
    for (count, color) in segments {
        let width = rect.width() * count as f32 / total;
        ui.painter().rect_filled(
            Rect::from_min_size(egui::pos2(x, rect.top()), vec2(width, rect.height())),
            0.0,
            color,
        );
        x += width;
    }
}
