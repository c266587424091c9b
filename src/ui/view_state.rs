//! What the reviewer is looking at: the selection, the list filter, scroll
//! targets and which windows are open. Never saved, never undone.
//!
//! It lives beside the panels (not in the shell, `app`) so panels
//! read and write it without importing the shell.

use crate::export::Format;
use crate::model::{StatementId, Tag};
use crate::ui;

/// Which statements the claims list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    /// Every statement.
    #[default]
    All,
    /// Statements with no tag.
    Untagged,
    /// Statements with this tag.
    Tagged(Tag),
    /// Statements flagged for follow-up.
    FollowUp,
    /// Statements an unsettled open item names (an adjudicated project's
    /// disagreements); the list asks the project, see
    /// [`Filter::admits_statement`].
    Disagreements,
}

impl Filter {
    /// Every filter, in the order the list offers them.
    pub const ALL: [Filter; 6] = [
        Filter::All,
        Filter::Untagged,
        Filter::Tagged(Tag::Fact),
        Filter::Tagged(Tag::Attribution),
        Filter::Tagged(Tag::Opinion),
        Filter::FollowUp,
    ];

    /// The name on the filter button (plural, so it never reads the same
    /// as a tag button).
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All",
            Filter::Untagged => "Untagged",
            Filter::Tagged(Tag::Fact) => "Facts",
            Filter::Tagged(Tag::Attribution) => "Attributions",
            Filter::Tagged(Tag::Opinion) => "Opinions",
            Filter::FollowUp => "Follow-up",
            Filter::Disagreements => "Disagreements",
        }
    }

    /// Whether a statement with `tag` and `follow_up` passes.
    pub fn admits(self, tag: Option<Tag>, follow_up: bool) -> bool {
        match self {
            Filter::All => true,
            Filter::Untagged => tag.is_none(),
            Filter::Tagged(wanted) => tag == Some(wanted),
            Filter::FollowUp => follow_up,
            // Decided by the project's open items, not by these two.
            Filter::Disagreements => true,
        }
    }

    /// Whether `statement` passes; `disputed` holds the ids unsettled
    /// open items name (used only by [`Filter::Disagreements`]).
    pub fn admits_statement(
        self,
        statement: &crate::model::Statement,
        disputed: &std::collections::HashSet<StatementId>,
    ) -> bool {
        match self {
            Filter::Disagreements => disputed.contains(&statement.id),
            other => other.admits(statement.tag, statement.follow_up),
        }
    }
}

/// What the reviewer is looking at: never saved, never undone.
#[derive(Debug, Clone, Default)]
pub struct ViewState {
    /// The selected statement.
    pub selected: Option<StatementId>,
    /// Where `selected` was last seen in the statement list (a hint that
    /// makes lookups O(1) in the common case).
    pub(crate) selected_hint: usize,
    /// The list filter.
    pub filter: Filter,
    /// The list search text.
    pub search: String,
    /// Scroll the article to this statement on the next frame.
    pub reveal_in_article: Option<StatementId>,
    /// Scroll the list to this statement on the next frame.
    pub reveal_in_list: Option<StatementId>,
    /// The word picker for splitting is open.
    pub split_picker: bool,
    /// Focus the search field on the next frame.
    pub focus_search: bool,
    /// The keyboard-shortcut window is open.
    pub help_open: bool,
    /// The paste-an-article dialog, with what has been pasted so far.
    pub paste: Option<String>,
    /// The project properties window is open.
    pub properties_open: bool,
    /// The export dialog is open.
    pub export_open: bool,
    /// The format chosen in the export dialog.
    pub export_format: Option<Format>,
    /// The rating scale as it is being edited in the properties window.
    pub scale_draft: Option<ui::properties::ScaleDraft>,
    /// The evidence being entered for the selected statement.
    pub evidence_draft: crate::model::Evidence,
    /// Why the last evidence entered was refused.
    pub evidence_error: Option<String>,
    /// Light, dark or the system's choice (remembered in the settings).
    pub theme: ui::theme::ThemeChoice,
    /// The text size (remembered in the settings).
    pub text_size: ui::theme::TextSize,
    // Reports (issue 15).
    /// The export dialog's audiences, printer and PDF in progress.
    pub export: ui::export_dialog::ExportDialogState,
    // --- Tag suggestions (issue 14).
    /// The suggestions to show, kept current by the shell, and their
    /// windows.
    pub suggest: ui::suggest::SuggestView,
    // --- Article update (UPDATE helper).
    /// The update dialogs and the review panel.
    pub update: ui::update_review::UpdateView,
    // --- Real articles in (issue 11).
    /// File > Open link…, while open: the address typed so far.
    pub link_dialog: Option<ui::import::LinkDraft>,
    /// "Re-import as full text?" is being asked.
    pub reimport_confirm: bool,
    /// "What was left out", while open: the paragraphs reader view dropped.
    pub left_out: Option<Vec<String>>,
    // --- A desk of reviewers (issue 13).
    /// The blind-copy modal, the Compare view and the Disagreements panel.
    pub compare: ui::compare::CompareView,
}

/// Which view should scroll to a newly selected statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// Scroll the article (selection came from the list).
    Article,
    /// Scroll the list (selection came from the article).
    List,
    /// Scroll both (keyboard, undo).
    Both,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_admit_what_they_name() {
        assert!(Filter::All.admits(None, false));
        assert!(Filter::Untagged.admits(None, false));
        assert!(!Filter::Untagged.admits(Some(Tag::Fact), false));
        assert!(Filter::Tagged(Tag::Opinion).admits(Some(Tag::Opinion), false));
        assert!(!Filter::Tagged(Tag::Opinion).admits(Some(Tag::Fact), true));
        assert!(Filter::FollowUp.admits(Some(Tag::Fact), true));
    }
}
