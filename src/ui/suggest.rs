//! Tag suggestions in the window (issue 14): the ghost badge in the claims
//! list and the details panel, the reasons by name and cue, the cue words
//! underlined in the article, the menu items, the "accept all" question,
//! the tagging guide and the one-line reminder beside the tag buttons, and
//! the accept-rate line in the status bar.
//!
//! The suggestions themselves are worked out by the shell (`app/suggest.rs`)
//! once per change of the statements, never per frame, and handed to the
//! panels in [`SuggestView`] inside the view state. A suggestion is only
//! ever shown: nothing here sets a tag; accepting is the reviewer's key
//! press (Enter or the suggested tag's key) or the explicit bulk action.

use std::ops::Range;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Context, FontId, Id, Rect, RichText, TextFormat};

use crate::model::{Project, Statement, Tag};
use crate::suggest::{Confidence, Suggestion, SuggestionStats, held_out};
use crate::ui::action::Action;
use crate::ui::captions::caption;
use crate::ui::theme;

/// What the panels need to show suggestions, kept current by the shell.
#[derive(Debug, Clone, Default)]
pub struct SuggestView {
    /// View > Show tag suggestions (remembered in the settings).
    pub enabled: bool,
    /// One suggestion (or none) per statement, by index; empty while they
    /// are being worked out or out of date.
    pub suggestions: Arc<Vec<Option<Suggestion>>>,
    /// Accept rate and held-out match rate, when the suggestions are current.
    pub stats: Option<SuggestionStats>,
    /// How many statements show a high-confidence suggestion now.
    pub high_confidence: usize,
    /// Suggestions for a large project are being worked out off the UI
    /// thread.
    pub computing: bool,
    /// Article bytes underlined as cues in the last frame (for tests).
    pub underlined: Vec<Range<usize>>,
    /// Help > Tagging guide is open.
    pub guide_open: bool,
    /// "Accept all high-confidence suggestions?" is being asked, for this
    /// many statements.
    pub confirm_accept_all: Option<usize>,
}

impl SuggestView {
    /// The suggestion shown for statement `statement` at `index`: only for
    /// an untagged statement outside the held-out share, while suggestions
    /// are turned on.
    pub fn shown(&self, index: usize, statement: &Statement) -> Option<&Suggestion> {
        if !self.enabled || statement.tag.is_some() || held_out(statement.id) {
            return None;
        }
        self.suggestions.get(index)?.as_ref()
    }

    /// The statements (index, suggestion) that show a high-confidence
    /// suggestion in `project`, whether or not suggestions are turned on.
    pub fn high_confidence_in<'a>(
        &'a self,
        project: &'a Project,
    ) -> impl Iterator<Item = (usize, &'a Statement, &'a Suggestion)> + 'a {
        project
            .statements
            .iter()
            .zip(self.suggestions.iter())
            .enumerate()
            .filter_map(|(index, (statement, suggestion))| {
                let suggestion = suggestion.as_ref()?;
                (statement.tag.is_none()
                    && !held_out(statement.id)
                    && suggestion.confidence == Confidence::High)
                    .then_some((index, statement, suggestion))
            })
    }
}

/// The ghost badge's words: "fact? high".
pub fn ghost_text(suggestion: &Suggestion) -> String {
    format!(
        "{}? {}",
        suggestion.tag.key(),
        suggestion.confidence.label()
    )
}

/// The reasons as the reviewer reads them: "reporting verb: said".
pub fn reason_texts(suggestion: &Suggestion) -> Vec<String> {
    suggestion
        .reasons
        .iter()
        .map(|r| {
            if r.cue.trim().is_empty() {
                r.kind.label().to_owned()
            } else {
                format!("{}: {}", r.kind.label(), r.cue)
            }
        })
        .collect()
}

/// Appends the ghost badge to a claims-list row: italic, in the tag's text
/// colour, underlined and never filled, so it cannot be read as a tag.
pub fn append_ghost_badge(
    job: &mut LayoutJob,
    suggestion: &Suggestion,
    body: &FontId,
    visuals: &egui::Visuals,
) {
    let color = theme::tag_text_color(suggestion.tag, visuals);
    job.append(
        &ghost_text(suggestion),
        6.0,
        TextFormat {
            font_id: FontId::proportional(body.size * 0.85),
            color,
            italics: true,
            underline: egui::Stroke::new(1.0, color.gamma_multiply(0.6)),
            ..TextFormat::default()
        },
    );
}

/// The suggestion in the details panel: the ghost badge, an Accept button,
/// and the reasons; for a statement tagged by accepting one, a line that
/// says so.
pub fn details_suggestion_ui(
    ui: &mut egui::Ui,
    view: &SuggestView,
    index: usize,
    statement: &Statement,
    actions: &mut Vec<Action>,
) {
    if let Some(accepted) = &statement.accepted
        && statement.tag.is_some()
    {
        let reasons: Vec<&str> = accepted.reasons.iter().map(|k| k.label()).collect();
        ui.weak(format!(
            "Tagged by accepting a suggestion ({}; {})",
            accepted.confidence.label(),
            reasons.join(", ")
        ));
        return;
    }
    let Some(suggestion) = view.shown(index, statement) else {
        return;
    };
    let color = theme::tag_text_color(suggestion.tag, ui.visuals());
    ui.horizontal_wrapped(|ui| {
        ui.label(caption(ui, "Suggested:"));
        let badge = egui::Frame::new()
            .stroke(egui::Stroke::new(1.0, color.gamma_multiply(0.7)))
            .corner_radius(4.0)
            .inner_margin(egui::Margin::symmetric(5, 1));
        badge.show(ui, |ui| {
            ui.label(caption(
                ui,
                RichText::new(ghost_text(suggestion)).italics().color(color),
            ));
        });
        if suggestion.unnamed_source {
            ui.label(caption(ui, RichText::new("unnamed source").weak()));
        }
        let key = match suggestion.tag {
            Tag::Fact => "F",
            Tag::Attribution => "A",
            Tag::Opinion => "O",
        };
        if ui
            .add(
                egui::Button::new("Accept")
                    .shortcut_text(format!("Enter / {key}"))
                    .small(),
            )
            .on_hover_text("Tag it as suggested (recorded as an accepted suggestion)")
            .clicked()
        {
            actions.push(Action::AcceptSuggestion);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(caption(ui, RichText::new("Why:").weak()));
        ui.label(reason_texts(suggestion).join(" · "));
    });
}

/// The one-line reminder beside the tag buttons, with the way to the guide.
pub fn tag_reminder_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.weak(REMINDER);
        if ui
            .small_button("Guide")
            .on_hover_text("Help > Tagging guide")
            .clicked()
        {
            actions.push(Action::ShowTaggingGuide);
        }
    });
}

/// The reminder's words.
pub const REMINDER: &str =
    "Who vouches for it? The record: fact · someone else: attribution · the writer: opinion.";

/// Underlines the cue words of the suggestions shown in one drawn
/// paragraph (bytes `paragraph` of the article); `rects` gives where a
/// range of article bytes was drawn, on screen.
pub fn paint_cue_underlines(
    ui: &egui::Ui,
    view: &mut SuggestView,
    project: &Project,
    paragraph: Range<usize>,
    rects: impl Fn(Range<usize>) -> Vec<Rect>,
) {
    if !view.enabled || view.suggestions.is_empty() {
        return;
    }
    let statements = &project.statements;
    let first = statements.partition_point(|s| s.range.end <= paragraph.start);
    let mut drawn = Vec::new();
    for (index, statement) in statements.iter().enumerate().skip(first) {
        if statement.range.start >= paragraph.end {
            break;
        }
        let Some(suggestion) = view.shown(index, statement) else {
            continue;
        };
        let stroke = egui::Stroke::new(
            1.5,
            theme::tag_text_color(suggestion.tag, ui.visuals()).gamma_multiply(0.8),
        );
        for reason in &suggestion.reasons {
            let start = reason.range.start.max(paragraph.start);
            let end = reason.range.end.min(paragraph.end);
            if start >= end {
                continue;
            }
            for rect in rects(start..end) {
                ui.painter()
                    .hline(rect.x_range(), rect.bottom() - 1.0, stroke);
            }
            drawn.push(start..end);
        }
    }
    view.underlined.extend(drawn);
}

/// The View menu's item: Show tag suggestions.
pub fn view_menu_items(ui: &mut egui::Ui, view: &SuggestView, actions: &mut Vec<Action>) {
    ui.separator();
    let mut on = view.enabled;
    if ui
        .checkbox(&mut on, "Show tag suggestions")
        .on_hover_text("A proposed tag with its reasons for untagged statements (remembered)")
        .changed()
    {
        actions.push(Action::SetShowSuggestions(on));
    }
}

/// The Edit menu's item: Accept all high-confidence suggestions…
pub fn edit_menu_items(ui: &mut egui::Ui, view: &SuggestView, actions: &mut Vec<Action>) {
    ui.separator();
    let enabled = view.enabled && view.high_confidence > 0;
    let response = ui.add_enabled(
        enabled,
        egui::Button::new("Accept all high-confidence suggestions…"),
    );
    let why = if !view.enabled {
        "Tag suggestions are turned off (View menu)".to_owned()
    } else {
        format!(
            "{} untagged statements show a high-confidence suggestion",
            view.high_confidence
        )
    };
    if response
        .on_hover_text(why.clone())
        .on_disabled_hover_text(why)
        .clicked()
    {
        actions.push(Action::AskAcceptAllHigh);
    }
}

/// The Help menu's item: Tagging guide.
pub fn help_menu_items(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    if ui.button("Tagging guide").clicked() {
        actions.push(Action::ShowTaggingGuide);
    }
}

/// A percentage for the status line.
fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| format!("{:.0} %", r * 100.0))
}

/// The status bar's suggestion line: the accept rate, and the held-out
/// match rate (how often the reviewer's own tag agreed with what would
/// have been suggested where nothing was shown).
pub fn status_ui(ui: &mut egui::Ui, view: &SuggestView) {
    if view.computing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak("Working out tag suggestions…");
        });
        return;
    }
    let Some(stats) = view.stats else { return };
    let line = format!(
        "Suggestions: {} accepted ({} of {} tagged) · held-out match {} ({} of {})",
        percent(stats.accept_rate),
        stats.accepted,
        stats.shown_tagged,
        percent(stats.held_out_match_rate),
        stats.held_out_matched,
        stats.held_out_tagged,
    );
    ui.weak(line).on_hover_text(
        "Accepted: of the tagged statements that showed a suggestion, how many were tagged \
         by accepting it. Held-out match: about 1 statement in 10 shows no suggestion; of \
         those you tagged, how many got the tag that would have been suggested.",
    );
}

/// The suggestions' windows: the tagging guide and the "accept all"
/// question.
pub fn dialogs_ui(ctx: &Context, view: &mut SuggestView, actions: &mut Vec<Action>) {
    guide_ui(ctx, &mut view.guide_open);
    accept_all_ui(ctx, &mut view.confirm_accept_all, actions);
}

/// "Accept all high-confidence suggestions?", saying how many.
fn accept_all_ui(ctx: &Context, confirm: &mut Option<usize>, actions: &mut Vec<Action>) {
    let Some(count) = *confirm else { return };
    let mut answered = false;
    let response = egui::Modal::new(Id::unique("accept_all_suggestions")).show(ctx, |ui| {
        ui.heading("Accept all high-confidence suggestions?");
        ui.label(format!(
            "{count} untagged statement{} will get the tag suggested for {} with high \
             confidence, recorded as accepted suggestions. One Undo takes them all back.",
            if count == 1 { "" } else { "s" },
            if count == 1 { "it" } else { "them" },
        ));
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let accept = ui.button(format!("Accept {count}"));
            if accept.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                actions.push(Action::AcceptAllHigh);
                answered = true;
            }
            if ui.button("Cancel").clicked() {
                answered = true;
            }
        });
    });
    if answered || response.should_close() {
        *confirm = None;
    }
}

/// Help > Tagging guide: the tagging policy in short.
fn guide_ui(ctx: &Context, open: &mut bool) {
    if !*open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Tagging guide")
        .open(&mut still_open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(520.0)
                .show(ui, |ui| {
                    ui.label(RichText::new(GUIDE_QUESTION).strong());
                    ui.add_space(6.0);
                    for (tag, who, test, example) in GUIDE_TAGS {
                        ui.label(
                            RichText::new(format!("{} — {who}", tag.label()))
                                .strong()
                                .color(theme::tag_text_color(tag, ui.visuals())),
                        );
                        ui.label(format!("Test: {test}"));
                        ui.weak(format!("For example: {example}"));
                        ui.add_space(4.0);
                    }
                    ui.separator();
                    ui.label(RichText::new("Hard cases").strong());
                    for rule in GUIDE_RULES {
                        ui.label(format!("• {rule}"));
                    }
                    ui.separator();
                    ui.weak(GUIDE_SUGGESTIONS);
                });
        });
    if !still_open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        *open = false;
    }
}

/// The guide's one question.
pub const GUIDE_QUESTION: &str = "Ask one question of every statement: who vouches for it?";

/// The three tags: who vouches, the test, an example.
pub const GUIDE_TAGS: [(Tag, &str, &str, &str); 3] = [
    (
        Tag::Fact,
        "the writer, as a matter of record",
        "could someone check it against records, data or documents without asking \
         anybody's opinion?",
        "\"The council voted 7 to 4 on Tuesday.\" \"The bridge opened in 1932.\"",
    ),
    (
        Tag::Attribution,
        "someone else, named or not",
        "does it report what a person, a group or a document said, claimed, found or \
         believes (said, according to, told reporters, the report found, officials say)?",
        "\"The mayor said the line would take 6,000 cars off the road.\" \"Critics argue \
         the plan is too expensive.\"",
    ),
    (
        Tag::Opinion,
        "the writer's own judgement",
        "is it the writer evaluating, framing, predicting or recommending (should, \
         clearly, dangerous, probably, seems, the best, a rhetorical question)?",
        "\"The council should have held a referendum.\" \"The tram is probably the right \
         choice.\"",
    ),
];

/// The rules for hard cases.
pub const GUIDE_RULES: [&str; 5] = [
    "Reported speech wins: a sentence that reports someone's words is an attribution, even \
     when those words are a number or a judgement (\"Critics say the plan is reckless\"). \
     What they said can still get a verdict.",
    "Framing with nobody named is the writer's opinion (\"The plan has drawn criticism\"), \
     unless the criticism itself is on record — then it is a fact.",
    "A mixed sentence takes the tag of its main clause; split it when the parts need \
     different tags.",
    "Headlines are tagged like any other statement.",
    "A question or a prediction with no source is opinion; a scheduled event on record \
     (\"The trams are due to run in 2030\") is a fact about a plan.",
];

/// How the suggestions relate to the guide.
pub const GUIDE_SUGGESTIONS: &str = "Suggestions follow these rules with cue words and show \
     which words made them think so. They never tag anything: Enter (or the suggested tag's \
     key) accepts one, any other tag key is your own call. About 1 statement in 10 shows no \
     suggestion, so the status bar can say how often your own calls agree with the rules.";
