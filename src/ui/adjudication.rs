//! Settling the reviewers' disagreements in the window (issue 13): the
//! Disagreements panel walks through the open items of an adjudicated
//! project, showing the reviewers side by side (each one's tag, verdict,
//! source, note and evidence, from the item's snapshots), with a button and
//! a key for every way to settle: `1`/`2`/`3`… take reviewer A/B/C, `B`
//! keeps both texts, `F`/`A`/`O` decide a tag anew, a picker decides a
//! verdict; `J`/`K` move through the open items and `N` goes to the next
//! one, wrapping round.
//!
//! Every resolution is pushed as [`CompareAction::Settle`]; the shell makes
//! it one [`crate::edit::Edit::ResolveItem`], one undo step.

use egui::{Key, RichText};

use crate::agree::{Choice, ItemKind, OpenItem, Resolution};
use crate::model::{Project, Statement, StatementId, Tag};
use crate::ui::action::Action;
use crate::ui::claims::preview;
use crate::ui::compare::{CompareAction, letter};
use crate::ui::view_state::Reveal;

/// The panel's heading.
pub const PANEL_HEADING: &str = "Disagreements between reviewers";

/// The Disagreements panel as the reviewer left it, with the open items
/// as of the last [`AdjudicationView::refresh`].
#[derive(Debug, Clone, Default)]
pub struct AdjudicationView {
    /// The panel is shown.
    pub open: bool,
    /// Position in the list of open items.
    pub cursor: usize,
    /// A text being decided anew (source, cue, note, a project field).
    pub decide_text: String,
    /// A verdict being decided anew (`None`: no verdict).
    pub decide_verdict: Option<String>,
    /// Indices (into `open_items`) of the items still open.
    queue: Vec<usize>,
    /// What each open item is about, in queue order.
    kinds: Vec<ItemKind>,
    settled: usize,
    key: Option<(u64, usize)>,
    last_selected: Option<StatementId>,
}

/// Whether an item's texts can all be kept ("keep both").
pub fn keeps_both(kind: &ItemKind) -> bool {
    match kind {
        ItemKind::Source => true,
        ItemKind::Field(name) => name == "cue" || name == "note",
        _ => false,
    }
}

impl AdjudicationView {
    /// Brings the list of open items up to date with `project` at
    /// `revision` (cached), and, when the reviewer selected another
    /// statement that an open item names, moves to that item.
    pub fn refresh(&mut self, project: &Project, revision: u64, selected: Option<StatementId>) {
        let key = (revision, project.open_items.len());
        if self.key != Some(key) {
            self.queue = project
                .open_items
                .iter()
                .enumerate()
                .filter(|(_, item)| !item.settled)
                .map(|(i, _)| i)
                .collect();
            self.kinds = self
                .queue
                .iter()
                .filter_map(|&i| project.open_items.get(i).map(|item| item.kind.clone()))
                .collect();
            self.settled = project.open_items.len() - self.queue.len();
            self.cursor = self.cursor.min(self.queue.len().saturating_sub(1));
            self.key = Some(key);
        }
        if selected != self.last_selected {
            self.last_selected = selected;
            let named = selected.and_then(|id| {
                self.queue.iter().position(|&i| {
                    project
                        .open_items
                        .get(i)
                        .is_some_and(|item| item.ids.contains(&id))
                })
            });
            if let Some(position) = named {
                self.cursor = position;
            }
        }
    }

    /// The index (into `open_items`) of the item under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.queue
            .get(self.cursor.min(self.queue.len().saturating_sub(1)))
            .copied()
    }

    /// What the current item is about.
    pub fn current_kind(&self) -> Option<&ItemKind> {
        self.kinds
            .get(self.cursor.min(self.kinds.len().saturating_sub(1)))
    }

    /// The open items, as indices into `open_items`.
    pub fn queue(&self) -> &[usize] {
        &self.queue
    }

    /// Moves the cursor; `wrap` goes round from the last to the first.
    pub fn step(&mut self, delta: isize, wrap: bool) {
        let len = self.queue.len();
        if len == 0 {
            return;
        }
        let target = self.cursor.cast_signed() + delta;
        let len_signed = len.cast_signed();
        self.cursor = if wrap {
            target.rem_euclid(len_signed).cast_unsigned()
        } else {
            target.clamp(0, len_signed - 1).cast_unsigned()
        };
    }

    /// The item the reviewer should see after a settle or a move: its
    /// first statement, to select.
    pub fn focus(&self, project: &Project) -> Option<StatementId> {
        let item = project.open_items.get(self.current()?)?;
        item.ids.first().copied()
    }
}

/// The panel's keys, read before the ordinary single-key shortcuts and
/// taken out of the frame's events, so they act only while the panel is
/// open with something to settle: digits take a reviewer, `B` keeps both,
/// `F`/`A`/`O` decide a tag item anew (other items leave them to tagging),
/// `J`/`K` move and `N` goes to the next open item.
pub fn adjudication_keys(
    input: &mut egui::InputState,
    view: &AdjudicationView,
    actions: &mut Vec<Action>,
) {
    if !view.open || view.queue.is_empty() {
        return;
    }
    let tag_item = view.current_kind() == Some(&ItemKind::Tag);
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
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        let action = if let Some(k) = digits.iter().position(|d| d == key) {
            CompareAction::Settle(Resolution::Take(k))
        } else {
            match key {
                Key::B => CompareAction::Settle(Resolution::BothNotes),
                Key::F if tag_item => CompareAction::Settle(Resolution::DecideTag(Some(Tag::Fact))),
                Key::A if tag_item => {
                    CompareAction::Settle(Resolution::DecideTag(Some(Tag::Attribution)))
                }
                Key::O if tag_item => {
                    CompareAction::Settle(Resolution::DecideTag(Some(Tag::Opinion)))
                }
                Key::J => CompareAction::Move(1),
                Key::K => CompareAction::Move(-1),
                Key::N => CompareAction::NextOpen,
                _ => return true,
            }
        };
        actions.push(Action::Compare(action));
        false
    });
}

/// "7 of 12 disagreements settled".
pub fn settled_text(project: &Project) -> Option<String> {
    let total = project.open_items.len();
    (total > 0).then(|| {
        let settled = project.open_items.iter().filter(|i| i.settled).count();
        format!("{settled} of {total} disagreements settled")
    })
}

fn push(actions: &mut Vec<Action>, action: CompareAction) {
    actions.push(Action::Compare(action));
}

/// The Disagreements panel.
pub fn adjudication_ui(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut AdjudicationView,
    actions: &mut Vec<Action>,
) {
    let total = project.open_items.len();
    ui.horizontal_wrapped(|ui| {
        ui.heading(PANEL_HEADING);
        ui.label(format!("{} of {total} settled", view.settled));
        if ui.button("Previous (K)").clicked() {
            push(actions, CompareAction::Move(-1));
        }
        if ui.button("Next (J)").clicked() {
            push(actions, CompareAction::Move(1));
        }
        if ui.button("Close").clicked() {
            push(actions, CompareAction::ShowAdjudication(false));
        }
    });
    let Some(index) = view.current() else {
        ui.label("All settled. Save the project to keep the decisions.");
        return;
    };
    let Some(item) = project.open_items.get(index) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("adjudication_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Open item {} of {}: {}",
                    view.cursor + 1,
                    view.queue.len(),
                    item.kind.describe()
                ))
                .strong(),
            );
            for &id in &item.ids {
                if let Some(i) = project.index_of(id)
                    && let Some(s) = project.statements.get(i)
                {
                    ui.label(format!("{}. {}", i + 1, preview(project.text_of(s))));
                }
            }
            ui.add_space(4.0);
            choices_ui(ui, project, item, actions);
            ui.add_space(4.0);
            decide_ui(ui, project, item, view, actions);
            ui.separator();
            ui.strong("Open items");
            for (position, &i) in view.queue.iter().enumerate() {
                let Some(open) = project.open_items.get(i) else {
                    continue;
                };
                let text = format!("{}. {}", position + 1, open.summary());
                if ui.selectable_label(position == view.cursor, text).clicked() {
                    push(actions, CompareAction::Goto(position));
                }
            }
        });
}

/// The reviewers side by side, each with a "take" button.
fn choices_ui(ui: &mut egui::Ui, project: &Project, item: &OpenItem, actions: &mut Vec<Action>) {
    let n = item.choices.len().max(1);
    ui.columns(n, |columns| {
        for (k, (column, choice)) in columns.iter_mut().zip(&item.choices).enumerate() {
            column.strong(format!("{}: {} {}", k + 1, letter(k), choice.reviewer));
            choice_ui(column, project, item, choice);
            if column
                .button(format!("Take {}'s ({})", choice.reviewer, k + 1))
                .clicked()
            {
                push(actions, CompareAction::Settle(Resolution::Take(k)));
            }
        }
    });
}

fn or_none(text: &str) -> &str {
    if text.trim().is_empty() { "none" } else { text }
}

/// One reviewer's side: the value in dispute, then their statement.
fn choice_ui(ui: &mut egui::Ui, project: &Project, item: &OpenItem, choice: &Choice) {
    if item.kind == ItemKind::Segmentation {
        for s in &choice.statements {
            let text = project.article.text.get(s.range.clone()).unwrap_or("");
            ui.label(format!("[{}] {}", tag_name(s.tag), preview(text)));
        }
        return;
    }
    if item.ids.is_empty() {
        ui.label(or_none(&choice.value));
        return;
    }
    let Some(s) = choice.statements.first() else {
        ui.label(or_none(&choice.value));
        return;
    };
    statement_fields_ui(ui, s);
}

fn tag_name(tag: Option<Tag>) -> &'static str {
    tag.map_or("untagged", Tag::label)
}

fn statement_fields_ui(ui: &mut egui::Ui, s: &Statement) {
    ui.label(format!("Tag: {}", tag_name(s.tag)));
    ui.label(format!(
        "Verdict: {}",
        s.verdict.as_deref().unwrap_or("none")
    ));
    ui.label(format!("Source: {}", or_none(&s.source)));
    if !s.cue.is_empty() {
        ui.label(format!("Cue: {}", s.cue));
    }
    ui.label(format!("Note: {}", or_none(&s.note)));
    if s.evidence.is_empty() {
        ui.label("Evidence: none");
    } else {
        for e in &s.evidence {
            let title = if e.title.is_empty() { &e.url } else { &e.title };
            ui.label(format!("Evidence: {title}"));
        }
    }
}

/// Keep both, decide anew, or keep as it stands: what fits the item.
fn decide_ui(
    ui: &mut egui::Ui,
    project: &Project,
    item: &OpenItem,
    view: &mut AdjudicationView,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        if keeps_both(&item.kind) && ui.button("Keep both (B)").clicked() {
            push(actions, CompareAction::Settle(Resolution::BothNotes));
        }
        match &item.kind {
            ItemKind::Tag => {
                ui.label("Decide anew:");
                for (tag, key) in [
                    (Tag::Fact, "F"),
                    (Tag::Attribution, "A"),
                    (Tag::Opinion, "O"),
                ] {
                    if ui.button(format!("{} ({key})", tag.label())).clicked() {
                        push(
                            actions,
                            CompareAction::Settle(Resolution::DecideTag(Some(tag))),
                        );
                    }
                }
                if ui.button("Untagged").clicked() {
                    push(actions, CompareAction::Settle(Resolution::DecideTag(None)));
                }
            }
            ItemKind::Verdict => {
                let label = ui.label("Decide anew:");
                let combo = egui::ComboBox::from_id_salt("decide_verdict")
                    .selected_text(view.decide_verdict.as_deref().unwrap_or("No verdict"))
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(view.decide_verdict.is_none(), "No verdict")
                            .clicked()
                        {
                            view.decide_verdict = None;
                        }
                        for verdict in project.scale.all() {
                            let chosen = view.decide_verdict.as_deref() == Some(verdict);
                            if ui.selectable_label(chosen, verdict).clicked() {
                                view.decide_verdict = Some(verdict.to_owned());
                            }
                        }
                    });
                combo.response.labelled_by(label.id);
                if ui.button("Decide verdict").clicked() {
                    push(
                        actions,
                        CompareAction::Settle(Resolution::DecideVerdict(
                            view.decide_verdict.clone(),
                        )),
                    );
                }
            }
            ItemKind::Segmentation => {
                if ui
                    .button("Keep as it stands")
                    .on_hover_text("Settle with the statements the project holds now")
                    .clicked()
                {
                    push(actions, CompareAction::Settle(Resolution::Keep));
                }
            }
            ItemKind::Source | ItemKind::Field(_) => {
                let text_field = match &item.kind {
                    ItemKind::Field(name) => item.ids.is_empty() || name == "cue" || name == "note",
                    _ => true,
                };
                if text_field {
                    let label = ui.label("Decide anew:");
                    ui.add(egui::TextEdit::singleline(&mut view.decide_text).desired_width(220.0))
                        .labelled_by(label.id);
                    if ui.button("Decide").clicked() {
                        push(
                            actions,
                            CompareAction::Settle(Resolution::DecideText(
                                view.decide_text.trim().to_owned(),
                            )),
                        );
                        view.decide_text.clear();
                    }
                } else if ui.button("Keep as it stands").clicked() {
                    push(actions, CompareAction::Settle(Resolution::Keep));
                }
            }
        }
    });
    if let Some(&id) = item.ids.first()
        && ui.link("Show in the article").clicked()
    {
        actions.push(Action::Select(id, Reveal::Both));
    }
}
