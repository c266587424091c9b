//! The View menu's items: the theme and the text size. The menu bar
//! (`menu.rs`) calls [`view_menu_ui`] inside its "View" button, so the
//! panels own what their settings look like and the shell owns the bar.

use crate::ui::action::Action;
use crate::ui::shortcuts;
use crate::ui::theme::{TextSize, TextSizeChange, ThemeChoice};

/// The View menu's contents.
pub fn view_menu_ui(
    ui: &mut egui::Ui,
    theme: ThemeChoice,
    text_size: TextSize,
    actions: &mut Vec<Action>,
) {
    ui.label(egui::RichText::new("Theme").strong());
    for choice in ThemeChoice::ALL {
        if ui.radio(theme == choice, choice.label()).clicked() && theme != choice {
            actions.push(Action::SetTheme(choice));
        }
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("Text size: {} %", text_size.clamped().0)).strong());
    for (label, shortcut, change, enabled) in [
        (
            "Larger text",
            &shortcuts::TEXT_LARGER,
            TextSizeChange::Larger,
            text_size.clamped().0 < TextSize::MAX,
        ),
        (
            "Smaller text",
            &shortcuts::TEXT_SMALLER,
            TextSizeChange::Smaller,
            text_size.clamped().0 > TextSize::MIN,
        ),
        (
            "Default text size",
            &shortcuts::TEXT_RESET,
            TextSizeChange::Reset,
            text_size.clamped() != TextSize::default(),
        ),
    ] {
        let button = egui::Button::new(label).shortcut_text(shortcuts::text(ui.ctx(), shortcut));
        if ui.add_enabled(enabled, button).clicked() {
            actions.push(Action::TextSize(change));
        }
    }
}
