//! What panels ask for: the [`Action`] enum and the answers to the shell's
//! questions. Panels push actions; the shell (`app`) carries them
//! out at the end of the frame, in order.
//!
//! To add an action: a variant here, a push in the panel, an arm in the
//! runner (`src/app/actions.rs`).

use std::path::PathBuf;

use crate::edit::Edit;
use crate::export::Format;
use crate::model::{StatementId, Tag};
use crate::ui::file_dialog::Outcome as FileDialogOutcome;
use crate::ui::view_state::Reveal;

/// Something a panel asked for this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Change the project.
    Edit(Edit),
    /// Select a statement and scroll the other view to it.
    Select(StatementId, Reveal),
    /// Move the selection by this many visible rows.
    Move(isize),
    /// Jump to the next untagged statement.
    NextUntagged,
    /// Tag the selected statement and move to the next visible one.
    TagAndAdvance(Tag),
    /// Clear the selected statement's tag.
    ClearTag,
    /// Open or close the word picker for splitting the selection.
    ToggleSplit,
    /// Merge the selection with the next statement.
    MergeSelected,
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// End the current typing group (a text field lost focus).
    Seal,
    /// Open a file, asking first if there are unsaved changes; `None`
    /// shows the open dialog.
    Open(Option<PathBuf>),
    /// Show the paste-an-article dialog.
    ShowPaste,
    /// Start a new project from pasted text.
    NewFromText(String),
    /// Save to the current path (Save As if there is none).
    Save,
    /// Save to a new path.
    SaveAs,
    /// Close the window, asking first if there are unsaved changes.
    Quit,
    /// Show the keyboard shortcuts.
    ShowHelp,
    /// Show the project properties window.
    ShowProperties,
    /// Show the export dialog.
    ShowExport,
    /// Turn "save automatically" on or off (remembered).
    SetSaveAutomatically(bool),
    /// Export a report in this format (asks where).
    Export(Format),
    /// Put the cursor in the search field.
    FocusSearch,
    /// Dismiss the banner at this index.
    DismissBanner(usize),
    /// Answer the unsaved-changes question.
    Resolve(Choice),
    /// Answer the "changed on disk" question.
    ResolveConflict(ConflictChoice),
    /// Answer the crash-recovery offer: restore (true) or discard.
    ResolveRecovery(bool),
    /// Open this recently used file (asking first if there are unsaved
    /// changes).
    OpenRecent(PathBuf),
    /// Close the project (asking first if there are unsaved changes); the
    /// sample article takes its place.
    CloseProject,
    /// Show Help > About claimdesk.
    ShowAbout,
    /// Turn "prefer the in-app file dialog" on or off (remembered).
    SetPreferInAppDialog(bool),
    /// claimdesk's own file dialog ended this way.
    FileDialogDone(FileDialogOutcome),
    // Panels (View menu, text size, article clicks): handled in the
    // runner's panel block.
    /// Use this theme (remembered).
    SetTheme(crate::ui::theme::ThemeChoice),
    /// Make the text larger, smaller or the default size (remembered).
    TextSize(crate::ui::theme::TextSizeChange),
    // Reports (issue 15): the export dialog's choices.
    /// Export with these choices: format, audience, draft (asks where).
    ExportReport(crate::ui::export_dialog::ExportChoice),
    // --- Tag suggestions (issue 14): `app/suggest.rs`, `ui/suggest.rs`.
    /// Accept the suggestion shown for the selection (Enter), then go to
    /// the next statement.
    AcceptSuggestion,
    /// Ask before accepting every high-confidence suggestion shown.
    AskAcceptAllHigh,
    /// Accept every high-confidence suggestion shown, as one undo step.
    AcceptAllHigh,
    /// Show or hide tag suggestions (remembered).
    SetShowSuggestions(bool),
    /// Show Help > Tagging guide.
    ShowTaggingGuide,
    // --- Article update (UPDATE helper): File > Update article… and the
    // review panel; see `crate::ui::update_review`.
    /// Show File > Update article… (a file or pasted text).
    ShowUpdate,
    /// Ask for the file holding the new version, then update from it.
    UpdateFromFile,
    /// Update the article to this pasted text.
    UpdateFromText(String),
    /// Fetch this address in the background and update the article to what
    /// it serves.
    UpdateFromLink(String),
    /// Stop waiting for an update running in the background.
    CancelUpdate,
    /// Show or hide the review panel.
    ShowReview(bool),
    /// A move or a decision in the review panel.
    Review(crate::ui::update_review::ReviewDecision),
    // --- Real articles in (issue 11): links, rich paste, re-import. Carried
    // out in src/app/import.rs.
    /// Show File > Open link… (the address field).
    ShowOpenLink,
    /// Fetch this address in the background and open what it serves.
    OpenLink(String),
    /// Stop the import running in the background.
    CancelImport,
    /// File > New from clipboard: read the clipboard's HTML or text (the
    /// paste dialog when there is no clipboard).
    NewFromClipboard,
    /// Open a new project from clipboard contents, reduced as a web page
    /// fragment when there is HTML.
    ImportClipboard {
        /// The clipboard's `text/html`, if any.
        html: Option<String>,
        /// The clipboard's plain text, if any.
        text: Option<String>,
    },
    /// Open an import as a new project (asking first if there are unsaved
    /// changes).
    OpenImported(Box<crate::import::Imported>),
    /// Ask whether to re-import the web page as its full visible text.
    AskReimportFullText,
    /// Re-import the web page as its full visible text (answered yes).
    ReimportFullText,
    /// Show what reader view left out of the web page.
    ShowLeftOut,
    // --- A desk of reviewers (issue 13): src/app/compare.rs.
    /// Blind copies, Compare, adjudication.
    Compare(crate::ui::compare::CompareAction),
}

/// The reviewer's answer to "the file changed on disk".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictChoice {
    /// Write over the other version.
    Overwrite,
    /// Keep both: save this version under a new name.
    SaveAsNew,
    /// Throw away this version's unsaved changes and load the file.
    Reload,
    /// Do nothing for now.
    Cancel,
}

/// The reviewer's answer to "save changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Save, then go on.
    Save,
    /// Go on without saving.
    Discard,
    /// Stay.
    Cancel,
}
