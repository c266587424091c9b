//! Every colour and tag style the window uses, in one place, so the article
//! highlights, the list chips, the status bar and the legend always agree —
//! and so one test can check every text colour against every background it
//! is drawn on (WCAG AA, 4.5:1) in both themes.
//!
//! Tag colours are chosen to stay apart for the common colour-vision
//! deficiencies (blue / amber / purple rather than green / red). Each tag has
//! a *tint* (opaque, behind article text, two alternating shades), a *badge*
//! tone (chips in the list, the progress bar) with its own text colour, and a
//! *text* tone for tag names written on the panel (status bar, tag buttons).
//! Tints are opaque rather than translucent so that what the reader sees is
//! exactly what the contrast test measures.

use egui::{Color32, Stroke, Visuals};

use crate::model::Tag;

/// Light, dark, or whatever the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Every choice, in the order the View menu offers them.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Text size in percent of egui's default sizes, in steps of 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct TextSize(pub u16);

impl Default for TextSize {
    fn default() -> Self {
        Self(100)
    }
}

/// Larger, smaller, or back to the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextSizeChange {
    /// One step larger (Ctrl+Plus).
    Larger,
    /// One step smaller (Ctrl+Minus).
    Smaller,
    /// The default size (Ctrl+0).
    Reset,
}

impl TextSize {
    /// The smallest size offered, in percent.
    pub const MIN: u16 = 80;
    /// The largest size offered, in percent.
    pub const MAX: u16 = 200;

    /// The size after `change`, kept within [`Self::MIN`]..=[`Self::MAX`].
    pub fn changed(self, change: TextSizeChange) -> Self {
        let current = self.clamped().0;
        Self(match change {
            TextSizeChange::Larger => (current + 10).min(Self::MAX),
            TextSizeChange::Smaller => current.saturating_sub(10).max(Self::MIN),
            TextSizeChange::Reset => 100,
        })
    }

    /// The size within bounds (a settings file may hold anything).
    pub fn clamped(self) -> Self {
        Self(self.0.clamp(Self::MIN, Self::MAX))
    }

    /// The factor to multiply egui's default text sizes by.
    pub fn factor(self) -> f32 {
        f32::from(self.clamped().0) / 100.0
    }
}

/// The colours of one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Panels and windows.
    pub panel: Color32,
    /// Text fields.
    pub field: Color32,
    /// Body text (labels, the article, list rows).
    pub text: Color32,
    /// Headings and emphasis.
    pub strong_text: Color32,
    /// Secondary text (row numbers, "12 shown", timestamps).
    pub weak_text: Color32,
    /// Button faces: at rest, under the pointer, pressed.
    pub button: [Color32; 3],
    /// Button text: at rest, under the pointer, pressed.
    pub button_text: [Color32; 3],
    /// Selected rows and buttons, and selected text.
    pub selection: Color32,
    /// Text drawn on [`Self::selection`] by egui itself.
    pub selection_text: Color32,
    /// The outline around the selected statement.
    pub selection_outline: Color32,
    /// Behind article text, per tag (fact, attribution, opinion), two
    /// alternating shades each.
    pub tag_tint: [[Color32; 2]; 3],
    /// Behind untagged article text, two alternating shades.
    pub untagged_tint: [Color32; 2],
    /// Badge faces per tag, and for "untagged" last.
    pub badge: [Color32; 4],
    /// Badge text per tag, and for "untagged" last.
    pub badge_text: [Color32; 4],
    /// Tag names written on the panel or a button face.
    pub tag_text: [Color32; 3],
    /// Behind search matches.
    pub search_match: Color32,
    /// The follow-up flag.
    pub follow_up: Color32,
    /// Links.
    pub link: Color32,
    /// Error text, and the banner it sits on.
    pub error_text: Color32,
    /// Behind error banners.
    pub error_background: Color32,
    /// Behind notices.
    pub notice_background: Color32,
}

const fn gray(level: u8) -> Color32 {
    Color32::from_rgb(level, level, level)
}

const fn rgb(r: u8, g: u8, b: u8) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The light theme.
pub const LIGHT: Palette = Palette {
    dark: false,
    panel: gray(248),
    field: gray(255),
    text: gray(34),
    strong_text: gray(0),
    weak_text: gray(92),
    button: [gray(228), gray(214), gray(190)],
    button_text: [gray(30), gray(0), gray(0)],
    selection: rgb(176, 219, 255),
    selection_text: rgb(0, 60, 100),
    selection_outline: rgb(200, 60, 0),
    tag_tint: [
        [rgb(219, 233, 255), rgb(199, 220, 252)],
        [rgb(255, 236, 204), rgb(250, 222, 176)],
        [rgb(242, 224, 248), rgb(231, 207, 241)],
    ],
    untagged_tint: [gray(236), gray(224)],
    badge: [
        rgb(21, 94, 196),
        rgb(150, 84, 0),
        rgb(122, 40, 150),
        gray(98),
    ],
    badge_text: [gray(255), gray(255), gray(255), gray(255)],
    tag_text: [rgb(17, 82, 176), rgb(128, 70, 0), rgb(110, 32, 138)],
    search_match: rgb(255, 226, 92),
    follow_up: rgb(178, 34, 20),
    link: rgb(0, 84, 178),
    error_text: rgb(168, 18, 18),
    error_background: rgb(255, 228, 225),
    notice_background: rgb(225, 236, 255),
};

/// The dark theme.
pub const DARK: Palette = Palette {
    dark: true,
    panel: gray(30),
    field: gray(14),
    text: gray(222),
    strong_text: gray(255),
    weak_text: gray(180),
    button: [gray(54), gray(62), gray(44)],
    button_text: [gray(230), gray(250), gray(255)],
    selection: rgb(0, 62, 94),
    selection_text: rgb(210, 232, 255),
    selection_outline: rgb(255, 220, 90),
    tag_tint: [
        [rgb(26, 46, 80), rgb(34, 58, 98)],
        [rgb(64, 46, 16), rgb(80, 58, 20)],
        [rgb(56, 32, 66), rgb(70, 42, 82)],
    ],
    untagged_tint: [gray(44), gray(58)],
    badge: [
        rgb(138, 182, 255),
        rgb(255, 190, 92),
        rgb(214, 160, 226),
        gray(170),
    ],
    badge_text: [gray(0), gray(0), gray(0), gray(0)],
    tag_text: [rgb(138, 182, 255), rgb(255, 190, 92), rgb(214, 160, 226)],
    search_match: rgb(112, 90, 0),
    follow_up: rgb(255, 140, 125),
    link: rgb(110, 180, 255),
    error_text: rgb(255, 150, 140),
    error_background: rgb(80, 20, 20),
    notice_background: rgb(32, 44, 68),
};

/// The palette that goes with `visuals` (light or dark).
pub fn palette(visuals: &Visuals) -> &'static Palette {
    if visuals.dark_mode { &DARK } else { &LIGHT }
}

fn tag_slot(tag: Tag) -> usize {
    match tag {
        Tag::Fact => 0,
        Tag::Attribution => 1,
        Tag::Opinion => 2,
    }
}

impl Palette {
    /// egui's visuals with this palette's colours.
    pub fn visuals(&self) -> Visuals {
        let mut v = if self.dark {
            Visuals::dark()
        } else {
            Visuals::light()
        };
        v.panel_fill = self.panel;
        v.window_fill = self.panel;
        v.extreme_bg_color = self.field;
        v.faint_bg_color = if self.dark { gray(36) } else { gray(242) };
        v.override_text_color = None;
        v.weak_text_color = Some(self.weak_text);
        v.hyperlink_color = self.link;
        v.error_fg_color = self.error_text;
        v.warn_fg_color = self.error_text;
        v.selection.bg_fill = self.selection;
        v.selection.stroke = Stroke::new(1.0, self.selection_text);
        v.widgets.noninteractive.fg_stroke.color = self.text;
        v.widgets.noninteractive.bg_fill = self.panel;
        v.widgets.noninteractive.weak_bg_fill = self.panel;
        let states = [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
        ];
        for ((state, face), text) in states.into_iter().zip(self.button).zip(self.button_text) {
            state.weak_bg_fill = face;
            state.bg_fill = face;
            state.fg_stroke.color = text;
        }
        v.widgets.open.weak_bg_fill = self.button[1];
        v.widgets.open.bg_fill = self.button[1];
        v.widgets.open.fg_stroke.color = self.button_text[1];
        v
    }

    /// The tint behind article text with `tag`; `alternate` flips between
    /// two neighbouring shades.
    pub fn tint(&self, tag: Option<Tag>, alternate: bool) -> Color32 {
        let shades = match tag {
            Some(tag) => self.tag_tint[tag_slot(tag)],
            None => self.untagged_tint,
        };
        shades[usize::from(alternate)]
    }

    /// A badge's face and text colour.
    pub fn badge(&self, tag: Option<Tag>) -> (Color32, Color32) {
        let slot = tag.map_or(3, tag_slot);
        (self.badge[slot], self.badge_text[slot])
    }

    /// Every text colour with every background it is drawn on, named, for
    /// the contrast test and for anyone adding a colour.
    pub fn text_pairs(&self) -> Vec<(String, Color32, Color32)> {
        let mut pairs = Vec::new();
        let mut add = |name: String, fg: Color32, bg: Color32| pairs.push((name, fg, bg));
        let mut backgrounds = vec![
            ("panel".to_owned(), self.panel),
            ("field".to_owned(), self.field),
            ("selection".to_owned(), self.selection),
            ("search match".to_owned(), self.search_match),
            ("notice".to_owned(), self.notice_background),
            ("row under the pointer".to_owned(), self.button[1]),
        ];
        for tag in Tag::ALL {
            for alternate in [false, true] {
                backgrounds.push((
                    format!("{} tint {}", tag.label(), u8::from(alternate)),
                    self.tint(Some(tag), alternate),
                ));
            }
        }
        for alternate in [false, true] {
            backgrounds.push((
                format!("untagged wash {}", u8::from(alternate)),
                self.tint(None, alternate),
            ));
        }
        for (name, bg) in &backgrounds {
            add(format!("body text on {name}"), self.text, *bg);
            add(format!("heading on {name}"), self.strong_text, *bg);
        }
        for (name, bg) in [
            ("panel", self.panel),
            ("selection", self.selection),
            ("row under the pointer", self.button[1]),
        ] {
            add(format!("weak text on {name}"), self.weak_text, bg);
        }
        add(
            "selected text".to_owned(),
            self.selection_text,
            self.selection,
        );
        for (index, (face, text)) in self.button.iter().zip(self.button_text).enumerate() {
            add(format!("button text, state {index}"), text, *face);
        }
        for (slot, name) in ["fact", "attribution", "opinion", "untagged"]
            .iter()
            .enumerate()
        {
            if let (Some(face), Some(text)) = (self.badge.get(slot), self.badge_text.get(slot)) {
                add(format!("{name} badge"), *text, *face);
            }
        }
        for tag in Tag::ALL {
            let text = self.tag_text[tag_slot(tag)];
            for (name, bg) in [
                ("panel", self.panel),
                ("button", self.button[0]),
                ("button under the pointer", self.button[1]),
            ] {
                add(format!("{} name on {name}", tag.label()), text, bg);
            }
        }
        add("follow-up on panel".to_owned(), self.follow_up, self.panel);
        add(
            "follow-up on selection".to_owned(),
            self.follow_up,
            self.selection,
        );
        add(
            "follow-up on row under the pointer".to_owned(),
            self.follow_up,
            self.button[1],
        );
        add("link on panel".to_owned(), self.link, self.panel);
        add(
            "error text on its banner".to_owned(),
            self.error_text,
            self.error_background,
        );
        add(
            "error text on panel".to_owned(),
            self.error_text,
            self.panel,
        );
        pairs
    }
}

/// Relative luminance of an sRGB colour (WCAG 2.x).
pub fn luminance(color: Color32) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG contrast ratio of two opaque colours, from 1 to 21.
pub fn contrast(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// Installs both themes' colours, the reviewer's choice of theme and the
/// text size. Cheap when nothing changed (the last applied choice is kept in
/// egui's memory), so the shell calls it every frame.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice, size: TextSize) {
    let id = egui::Id::unique("claimdesk_theme_applied");
    let key = (choice, size.clamped().0);
    if ctx.data(|d| d.get_temp::<(ThemeChoice, u16)>(id)) == Some(key) {
        return;
    }
    ctx.data_mut(|d| d.insert_temp(id, key));
    // Ctrl+Plus / Ctrl+Minus / Ctrl+0 change the text size (see
    // `shortcuts`), not egui's whole-window zoom.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    let defaults = egui::Style::default().text_styles;
    let factor = size.factor();
    for (theme, palette) in [(egui::Theme::Light, &LIGHT), (egui::Theme::Dark, &DARK)] {
        ctx.style_mut_of(theme, |style| {
            style.visuals = palette.visuals();
            style.text_styles = defaults
                .iter()
                .map(|(text_style, font)| {
                    (
                        text_style.clone(),
                        egui::FontId::new(font.size * factor, font.family.clone()),
                    )
                })
                .collect();
        });
    }
    ctx.set_theme(choice.preference());
}

/// The strong tone of a tag: badges, the progress bar, the legend.
pub fn tag_badge_color(tag: Tag, visuals: &Visuals) -> Color32 {
    palette(visuals).badge[tag_slot(tag)]
}

/// A tag's name colour on the panel (status bar, tag buttons).
pub fn tag_text_color(tag: Tag, visuals: &Visuals) -> Color32 {
    palette(visuals).tag_text[tag_slot(tag)]
}

/// The light theme's badge tone of a tag (kept for callers that have not
/// moved to [`tag_badge_color`]).
pub fn tag_color(tag: Tag) -> Color32 {
    LIGHT.badge[tag_slot(tag)]
}

/// The light theme's "untagged" badge tone.
pub const UNTAGGED: Color32 = gray(98);

/// The light theme's follow-up colour.
pub const FOLLOW_UP: Color32 = rgb(178, 34, 20);

/// The tint behind a statement's text in the article.
pub fn tag_background(tag: Option<Tag>, alternate: bool, visuals: &Visuals) -> Color32 {
    palette(visuals).tint(tag, alternate)
}

/// The outline around the selected statement, in the article and the list.
pub fn selection_stroke(visuals: &Visuals) -> Stroke {
    Stroke::new(2.0, palette(visuals).selection_outline)
}

/// Text colour for error banners.
pub fn error_color(visuals: &Visuals) -> Color32 {
    palette(visuals).error_text
}

/// Background of error banners.
pub fn error_background(visuals: &Visuals) -> Color32 {
    palette(visuals).error_background
}

/// Background of informational banners (import notices).
pub fn notice_background(visuals: &Visuals) -> Color32 {
    palette(visuals).notice_background
}

/// Colour of a follow-up flag.
pub fn follow_up_color(visuals: &Visuals) -> Color32 {
    palette(visuals).follow_up
}

/// Behind search matches.
pub fn search_match_color(visuals: &Visuals) -> Color32 {
    palette(visuals).search_match
}

// --- A desk of reviewers (COMPARE helper): the Compare view's heat map.
/// A heat-map cell's fill for `share` (its count over the largest count,
/// 0..=1), from the field colour to a deep blue (light blue in the dark
/// theme), and the text colour readable on it: black or white, whichever
/// contrasts more, which is at least 4.5:1 on any fill.
pub fn heat(visuals: &Visuals, share: f32) -> (Color32, Color32) {
    let p = palette(visuals);
    let hot = if p.dark {
        rgb(110, 170, 240)
    } else {
        rgb(28, 78, 150)
    };
    let fill = p.field.lerp_to_gamma(hot, share.clamp(0.0, 1.0));
    let text = if contrast(Color32::BLACK, fill) >= contrast(Color32::WHITE, fill) {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    (fill, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_map_text_is_readable_on_every_fill() {
        for palette in [&LIGHT, &DARK] {
            let visuals = palette.visuals();
            for step in 0..=20u8 {
                let (fill, text) = heat(&visuals, f32::from(step) / 20.0);
                assert!(contrast(fill, text) >= 4.5, "{fill:?} / {text:?}");
            }
            assert_ne!(heat(&visuals, 0.0).0, heat(&visuals, 1.0).0);
        }
    }

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(gray(119), gray(119)) - 1.0).abs() < 1e-9);
        // #777 on white is the classic borderline grey: 4.48:1.
        let borderline = contrast(gray(119), Color32::WHITE);
        assert!((borderline - 4.48).abs() < 0.01, "{borderline}");
    }

    #[test]
    fn every_text_colour_meets_wcag_aa_on_what_it_is_drawn_on() {
        for palette in [&LIGHT, &DARK] {
            let pairs = palette.text_pairs();
            assert!(pairs.len() > 40, "the pairs cover every tint and badge");
            let failures: Vec<String> = pairs
                .iter()
                .filter(|(_, fg, bg)| fg.a() != 255 || bg.a() != 255 || contrast(*fg, *bg) < 4.5)
                .map(|(name, fg, bg)| format!("{name}: {:.2}:1", contrast(*fg, *bg)))
                .collect();
            assert!(
                failures.is_empty(),
                "{} theme: {failures:#?}",
                if palette.dark { "dark" } else { "light" }
            );
        }
    }

    #[test]
    fn egui_draws_with_the_palette_colours() {
        // What egui itself paints (labels, buttons, selected rows) must be
        // the palette's colours, or the test above checks the wrong thing.
        for palette in [&LIGHT, &DARK] {
            let v = palette.visuals();
            assert_eq!(v.text_color(), palette.text);
            assert_eq!(v.weak_text_color(), palette.weak_text);
            assert_eq!(v.panel_fill, palette.panel);
            assert_eq!(v.text_edit_bg_color(), palette.field);
            assert_eq!(v.selection.bg_fill, palette.selection);
            assert_eq!(v.widgets.inactive.weak_bg_fill, palette.button[0]);
            assert_eq!(v.widgets.inactive.text_color(), palette.button_text[0]);
            assert_eq!(v.widgets.hovered.text_color(), palette.button_text[1]);
            assert_eq!(v.strong_text_color(), palette.button_text[2]);
            assert!(contrast(v.strong_text_color(), palette.panel) >= 4.5);
            assert_eq!(v.hyperlink_color, palette.link);
            assert_eq!(v.dark_mode, palette.dark);
        }
    }

    #[test]
    fn neighbouring_shades_differ_and_tags_differ_from_each_other() {
        for palette in [&LIGHT, &DARK] {
            let mut all = Vec::new();
            for tag in [
                None,
                Some(Tag::Fact),
                Some(Tag::Attribution),
                Some(Tag::Opinion),
            ] {
                let (a, b) = (palette.tint(tag, false), palette.tint(tag, true));
                assert_ne!(a, b, "{tag:?}: the two shades must differ");
                all.extend([a, b]);
            }
            let before = all.len();
            all.sort_by_key(|c| c.to_array());
            all.dedup();
            assert_eq!(all.len(), before, "no tint is shared by two tags");
        }
    }
}
