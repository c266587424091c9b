//! Every colour and tag style the window uses, in one place, so the article
//! highlights, the list chips, the status bar and the legend always agree.
//!
//! Tag colours are chosen to stay apart for the common colour-vision
//! deficiencies (blue / amber / purple rather than green / red), and each
//! has a light tint for text backgrounds and a strong tone for chips.

use egui::{Color32, Stroke, Visuals};

use crate::model::Tag;

/// The strong tone of a tag: chips, the progress bar, the legend.
pub fn tag_color(tag: Tag) -> Color32 {
    match tag {
        Tag::Fact => Color32::from_rgb(66, 133, 244),
        Tag::Attribution => Color32::from_rgb(240, 160, 40),
        Tag::Opinion => Color32::from_rgb(171, 71, 188),
    }
}

/// The tint behind a statement's text in the article. `alternate` flips
/// between two neighbouring shades so two statements side by side never read
/// as one.
pub fn tag_background(tag: Option<Tag>, alternate: bool, visuals: &Visuals) -> Color32 {
    let alpha = match (visuals.dark_mode, alternate) {
        (true, false) => 70,
        (true, true) => 100,
        (false, false) => 55,
        (false, true) => 80,
    };
    match tag {
        Some(tag) => tag_color(tag).gamma_multiply_u8(alpha),
        None => untagged_background(alternate, visuals),
    }
}

/// Untagged statements: a faint neutral wash, so "not yet looked at" is
/// visible without competing with the tag colours.
pub fn untagged_background(alternate: bool, visuals: &Visuals) -> Color32 {
    match (visuals.dark_mode, alternate) {
        (true, false) => Color32::from_gray(45),
        (true, true) => Color32::from_gray(62),
        (false, false) => Color32::from_gray(232),
        (false, true) => Color32::from_gray(218),
    }
}

/// The grey used for "untagged" in chips and the progress bar.
pub const UNTAGGED: Color32 = Color32::from_gray(150);

/// The outline around the selected statement, in the article and the list.
pub fn selection_stroke(visuals: &Visuals) -> Stroke {
    let color = if visuals.dark_mode {
        Color32::from_rgb(255, 220, 90)
    } else {
        Color32::from_rgb(200, 60, 0)
    };
    Stroke::new(2.0, color)
}

/// Text colour for error banners.
pub fn error_color(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

/// Background of error banners.
pub fn error_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(80, 20, 20)
    } else {
        Color32::from_rgb(255, 228, 225)
    }
}

/// Background of informational banners (import notices).
pub fn notice_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(40, 50, 70)
    } else {
        Color32::from_rgb(225, 236, 255)
    }
}

/// Colour of a follow-up flag.
pub const FOLLOW_UP: Color32 = Color32::from_rgb(220, 80, 60);
