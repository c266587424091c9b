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

/// The tint behind a statement's text in the article.
pub fn tag_background(tag: Option<Tag>, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 70 } else { 55 };
    match tag {
        Some(tag) => tag_color(tag).gamma_multiply_u8(alpha),
        None => untagged_background(visuals),
    }
}

/// Untagged statements: a faint neutral wash, so "not yet looked at" is
/// visible without competing with the tag colours.
pub fn untagged_background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(45)
    } else {
        Color32::from_gray(232)
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
