//! Interface captions (field labels, button and option texts) laid out once
//! and kept while the window lives, instead of only while they are drawn.
//!
//! egui's text cache forgets every layout not drawn in the frame before.
//! The claim details change with the selected statement's tag, so walking
//! the list with J/K swapped the fact, attribution and opinion fields in and
//! out on every frame, and each swap shaped their captions again (about 16
//! layouts a frame, most of them captions; shaping is the costliest thing a
//! frame can do). A caption given here is handed to its widget ready laid out
//! (`WidgetText::Galley`), so a caption costs its shaping once.
//!
//! The key is egui's own layout job for the caption (text, font, colour,
//! alignment) and the display scale, so a theme or text-size change makes new
//! entries rather than reusing stale ones. A galley points into egui's glyph
//! atlas and was shaped with egui's fonts; egui starts both afresh when the
//! atlas fills up, the fonts change or text options change, and then drops
//! its own cache. That is noticed with a sentinel: one fixed text laid out
//! through egui's cache on every frame comes back as the same galley until
//! egui's cache is dropped, and then everything here goes too. (egui exposes
//! no atlas generation, and its fill ratio can come back to the same value
//! after a reset.) Only short, fixed texts belong here: a caption never
//! wraps. One window (viewport) uses it; a second would only make it start
//! over more often.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::{FontSelection, Galley, RichText, TextStyle, WidgetText};

/// More entries than this means something other than fixed captions came
/// through: start again rather than grow.
const MAX_ENTRIES: usize = 512;

/// The kept galleys, in egui's temporary memory.
#[derive(Clone, Default)]
struct Captions {
    galleys: HashMap<u64, Arc<Galley>>,
    /// The pass the sentinel was last compared in.
    pass: u64,
    /// The sentinel's galley from egui's cache (see the module doc).
    sentinel: Option<Arc<Galley>>,
}

fn store_id() -> egui::Id {
    egui::Id::unique("claimdesk_captions")
}

/// `text` as a widget text whose layout is kept across frames (see the
/// module doc). Fallback font: the body text style, as egui's buttons,
/// labels, radio buttons and check boxes use.
pub fn caption(ui: &egui::Ui, text: impl Into<RichText>) -> WidgetText {
    let job = WidgetText::RichText(Arc::new(text.into())).into_layout_job(
        ui.style(),
        FontSelection::Style(TextStyle::Body),
        ui.text_valign(),
    );
    let key = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        job.hash(&mut hasher);
        ui.ctx().pixels_per_point().to_bits().hash(&mut hasher);
        hasher.finish()
    };
    let pass = ui.ctx().cumulative_pass_nr();
    // Looked up and stored in steps: laying out needs the context's lock,
    // which `data_mut` holds.
    let checked = ui.data_mut(|d| d.get_temp_mut_or_default::<Captions>(store_id()).pass == pass);
    let sentinel = (!checked).then(|| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(
                "claimdesk".to_owned(),
                egui::FontId::proportional(10.0),
                egui::Color32::PLACEHOLDER,
            )
        })
    });
    let kept = ui.data_mut(|d| {
        let captions = d.get_temp_mut_or_default::<Captions>(store_id());
        if let Some(sentinel) = sentinel {
            let same = captions
                .sentinel
                .as_ref()
                .is_some_and(|kept| Arc::ptr_eq(kept, &sentinel));
            if !same || captions.galleys.len() > MAX_ENTRIES {
                captions.galleys.clear();
            }
            captions.sentinel = Some(sentinel);
            captions.pass = pass;
        }
        captions.galleys.get(&key).cloned()
    });
    if let Some(galley) = kept {
        return WidgetText::Galley(galley);
    }
    let galley = ui.fonts_mut(|f| f.layout_job(Arc::unwrap_or_clone(job)));
    ui.data_mut(|d| {
        d.get_temp_mut_or_default::<Captions>(store_id())
            .galleys
            .insert(key, Arc::clone(&galley));
    });
    WidgetText::Galley(galley)
}

/// How many captions are kept (for tests).
pub fn kept(ctx: &egui::Context) -> usize {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Captions>(store_id())
            .galleys
            .len()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one frame that shows `texts` as labels and returns their
    /// galleys.
    fn frame(ctx: &egui::Context, texts: &[&str]) -> Vec<Arc<Galley>> {
        let mut galleys = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            for text in texts {
                if let WidgetText::Galley(galley) = caption(ui, *text) {
                    galleys.push(Arc::clone(&galley));
                    ui.label(WidgetText::Galley(galley));
                }
            }
        });
        // Nothing uploads the font texture here.
        output.textures_delta.clear();
        galleys
    }

    #[test]
    fn a_caption_keeps_its_layout_through_frames_that_do_not_show_it() {
        let ctx = egui::Context::default();
        // egui sets its fonts up again after the first frame.
        frame(&ctx, &[]);
        frame(&ctx, &[]);
        let first = frame(&ctx, &["Verdict", "Who is speaking"]);
        assert_eq!(first.len(), 2, "captions come back laid out");
        assert_eq!(first[0].text(), "Verdict");
        // Two frames without "Verdict": egui's own cache forgets it after one.
        frame(&ctx, &["Whose opinion"]);
        frame(&ctx, &["Whose opinion"]);
        let again = frame(&ctx, &["Verdict"]);
        assert!(
            Arc::ptr_eq(&first[0], &again[0]),
            "the same galley, not a new layout"
        );
        assert_eq!(kept(&ctx), 3);
    }

    #[test]
    fn colour_and_scale_make_new_entries_and_new_fonts_drop_them_all() {
        let ctx = egui::Context::default();
        let plain = frame(&ctx, &["Fact"]);
        let mut coloured = None;
        ctx.run_ui(egui::RawInput::default(), |ui| {
            coloured = Some(caption(
                ui,
                RichText::new("Fact").color(egui::Color32::from_rgb(200, 10, 10)),
            ));
        })
        .textures_delta
        .clear();
        assert!(matches!(coloured, Some(WidgetText::Galley(g)) if !Arc::ptr_eq(&g, &plain[0])));
        ctx.set_pixels_per_point(2.0);
        let scaled = frame(&ctx, &["Fact"]);
        assert!(
            !Arc::ptr_eq(&scaled[0], &plain[0]),
            "laid out for the new scale"
        );
        assert_eq!(scaled[0].pixels_per_point, 2.0);
        // New fonts mean a new glyph atlas: nothing kept may point into the
        // old one.
        // (Definitions equal to the current ones would change nothing.)
        let mut fonts = egui::FontDefinitions::default();
        if let Some(family) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
            family.reverse();
        }
        ctx.set_fonts(fonts);
        let fresh = frame(&ctx, &["Fact"]);
        assert!(!Arc::ptr_eq(&fresh[0], &scaled[0]));
        assert_eq!(kept(&ctx), 1, "the old entries went with the old fonts");
    }
}
