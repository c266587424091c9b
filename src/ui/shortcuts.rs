//! Keyboard shortcuts, in one table that the menu, the buttons and the help
//! window all read, so what a control says its shortcut is and what the key
//! does cannot drift apart.

use egui::{Context, Key, KeyboardShortcut, Modifiers};

use crate::model::Tag;
use crate::ui::action::Action;
use crate::ui::theme::TextSizeChange;
use crate::ui::view_state::ViewState;

/// A shortcut and what it is for, as the help window lists it.
pub struct Binding {
    /// The keys.
    pub shortcut: KeyboardShortcut,
    /// What they do.
    pub description: &'static str,
    /// Whether the keys only work while no text field has focus (single
    /// letters would otherwise steal typing).
    pub outside_text: bool,
}

const fn key(key: Key, description: &'static str) -> Binding {
    Binding {
        shortcut: KeyboardShortcut::new(Modifiers::NONE, key),
        description,
        outside_text: true,
    }
}

const fn cmd(modifiers: Modifiers, key: Key, description: &'static str) -> Binding {
    Binding {
        shortcut: KeyboardShortcut::new(modifiers, key),
        description,
        outside_text: false,
    }
}

const SHIFT_CMD: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Open a file.
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Save.
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
/// Save as.
pub const SAVE_AS: KeyboardShortcut = KeyboardShortcut::new(SHIFT_CMD, Key::S);
/// Undo.
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Redo.
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(SHIFT_CMD, Key::Z);
/// Redo, the other way.
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// Find.
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// New from pasted text.
pub const NEW_PASTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
/// Export a report.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Quit.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
/// Help.
pub const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
/// Larger text.
pub const TEXT_LARGER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
/// Larger text, without Shift on keyboards where + is Shift+=.
pub const TEXT_LARGER_EQUALS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
/// Smaller text.
pub const TEXT_SMALLER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
/// The default text size.
pub const TEXT_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
/// Open a link (issue 11).
pub const OPEN_LINK: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::L);

/// Every shortcut, in the order the help window lists them.
pub const BINDINGS: &[Binding] = &[
    key(Key::F, "Tag as fact, then go to the next statement"),
    key(Key::A, "Tag as attribution, then go to the next statement"),
    key(Key::O, "Tag as opinion, then go to the next statement"),
    key(Key::X, "Clear the tag"),
    key(Key::J, "Next statement"),
    key(Key::ArrowDown, "Next statement"),
    key(Key::K, "Previous statement"),
    key(Key::ArrowUp, "Previous statement"),
    key(Key::N, "Next untagged statement"),
    key(
        Key::S,
        "Split the statement (pick the word to split before)",
    ),
    key(Key::M, "Merge with the next statement"),
    key(Key::Escape, "Leave a text field"),
    cmd(Modifiers::COMMAND, Key::Z, "Undo"),
    cmd(SHIFT_CMD, Key::Z, "Redo"),
    cmd(Modifiers::COMMAND, Key::Y, "Redo"),
    cmd(Modifiers::COMMAND, Key::F, "Search statements"),
    cmd(Modifiers::COMMAND, Key::O, "Open an article or project"),
    cmd(
        Modifiers::COMMAND,
        Key::N,
        "New project from the clipboard (formatted text or plain)",
    ),
    cmd(Modifiers::COMMAND, Key::S, "Save"),
    cmd(SHIFT_CMD, Key::S, "Save as"),
    cmd(Modifiers::COMMAND, Key::E, "Export a report"),
    cmd(Modifiers::COMMAND, Key::Q, "Quit"),
    cmd(Modifiers::COMMAND, Key::Plus, "Larger text"),
    cmd(Modifiers::COMMAND, Key::Equals, "Larger text"),
    cmd(Modifiers::COMMAND, Key::Minus, "Smaller text"),
    cmd(Modifiers::COMMAND, Key::Num0, "Default text size"),
    cmd(Modifiers::NONE, Key::F1, "Keyboard shortcuts"),
    // Tag suggestions (issue 14).
    key(
        Key::Enter,
        "Accept the suggested tag, then go to the next statement",
    ),
    cmd(
        Modifiers::COMMAND,
        Key::L,
        "Open a link (web page, Word file or PDF)",
    ),
    // --- Article update (UPDATE helper): the review panel's keys (J/K move
    // through its list while it is open).
    key(
        Key::Enter,
        "Review panel: confirm where the update placed it",
    ),
    key(
        Key::Backspace,
        "Review panel: wrong place, keep it as an orphan",
    ),
    // --- A desk of reviewers (issue 13): the Disagreements panel's keys,
    // while it is open with items to settle.
    key(Key::Num1, "Disagreements: take reviewer A's"),
    key(Key::Num2, "Disagreements: take reviewer B's"),
    key(Key::Num3, "Disagreements: take reviewer C's"),
    key(Key::B, "Disagreements: keep both texts (source, cue, note)"),
    key(
        Key::F,
        "Disagreements: decide the tag anew (F/A/O on a tag item)",
    ),
    key(Key::J, "Disagreements: next open item (K: previous)"),
    key(Key::N, "Disagreements: next open item, round to the first"),
];

/// The label a control shows for `shortcut` ("Ctrl+S").
pub fn text(ctx: &Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}

/// Reads this frame's shortcuts into actions.
pub fn shortcuts(ctx: &Context, view: &ViewState, actions: &mut Vec<Action>) {
    let modal_open =
        view.help_open || view.paste.is_some() || view.properties_open || view.export_open;

    let typing = ctx.text_edit_focused();
    ctx.input_mut(|input| {
        // Longest modifier sets first: Ctrl+Shift+S must not be read as Ctrl+S.
        if input.consume_shortcut(&SAVE_AS) {
            actions.push(Action::SaveAs);
        }
        if input.consume_shortcut(&SAVE) {
            actions.push(Action::Save);
        }
        if input.consume_shortcut(&OPEN) {
            actions.push(Action::Open(None));
        }
        if input.consume_shortcut(&NEW_PASTE) {
            actions.push(Action::NewFromClipboard);
        }
        if input.consume_shortcut(&EXPORT) {
            actions.push(Action::ShowExport);
        }
        if input.consume_shortcut(&QUIT) {
            actions.push(Action::Quit);
        }
        if input.consume_shortcut(&HELP) {
            actions.push(Action::ShowHelp);
        }
        if input.consume_shortcut(&FIND) {
            actions.push(Action::FocusSearch);
        }
        if input.consume_shortcut(&TEXT_LARGER) || input.consume_shortcut(&TEXT_LARGER_EQUALS) {
            actions.push(Action::TextSize(TextSizeChange::Larger));
        }
        if input.consume_shortcut(&TEXT_SMALLER) {
            actions.push(Action::TextSize(TextSizeChange::Smaller));
        }
        if input.consume_shortcut(&TEXT_RESET) {
            actions.push(Action::TextSize(TextSizeChange::Reset));
        }
        if input.consume_shortcut(&OPEN_LINK) {
            actions.push(Action::ShowOpenLink);
        }
        // In a text field, Ctrl+Z belongs to the field's own undo.
        if !typing {
            if input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_Y) {
                actions.push(Action::Redo);
            }
            if input.consume_shortcut(&UNDO) {
                actions.push(Action::Undo);
            }
        }
        if typing || modal_open {
            return;
        }
        // --- Article update (UPDATE helper): while the review panel is
        // open, J/K/Enter/Backspace are its keys (taken out of the events).
        crate::ui::update_review::review_keys(input, &view.update, actions);
        // --- A desk of reviewers (issue 13): while the Disagreements panel
        // has items, digits, B, J/K/N (and F/A/O on a tag item) are its keys.
        crate::ui::adjudication::adjudication_keys(input, &view.compare.adjudication, actions);
        let single: [(Key, Action); 11] = [
            (Key::F, Action::TagAndAdvance(Tag::Fact)),
            (Key::A, Action::TagAndAdvance(Tag::Attribution)),
            (Key::O, Action::TagAndAdvance(Tag::Opinion)),
            (Key::X, Action::ClearTag),
            (Key::J, Action::Move(1)),
            (Key::ArrowDown, Action::Move(1)),
            (Key::K, Action::Move(-1)),
            (Key::ArrowUp, Action::Move(-1)),
            (Key::N, Action::NextUntagged),
            (Key::S, Action::ToggleSplit),
            (Key::M, Action::MergeSelected),
        ];
        for (key, action) in single {
            // Counted per press (with key repeat), so holding J walks down.
            let presses = input
                .events
                .iter()
                .filter(|e| matches!(e, egui::Event::Key { key: k, pressed: true, modifiers, .. } if *k == key && modifiers.is_none()))
                .count();
            actions.extend(std::iter::repeat_n(action, presses));
        }
        // Tag suggestions (issue 14): Enter accepts the one shown. Consumed,
        // so a focused button does not also take it as a click.
        if input.consume_key(Modifiers::NONE, Key::Enter) {
            actions.push(Action::AcceptSuggestion);
        }
    });
}
