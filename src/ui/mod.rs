//! The panels of the window, one small `*_ui` function each.
//!
//! Panels read the project and [`view_state::ViewState`] and push
//! [`action::Action`]s; none of them changes the project itself, and none
//! imports the shell (`app`): the shell imports them. Colours come
//! from [`theme`].

pub mod action;
pub mod article;
pub mod bidi;
pub mod captions;
pub mod claims;
pub mod context_menu;
pub mod details;
pub mod dialogs;
pub mod export_dialog;
pub mod file_dialog;
// Real articles in (issue 11): Open link…, progress, re-import, left out.
pub mod import;
pub mod menu;
pub mod properties;
pub mod report_fields;

pub mod shortcuts;
pub mod status;
pub mod suggest;
pub mod theme;
pub mod view_menu;
// Article update (UPDATE helper).
pub mod update_review;
pub mod view_state;
// A desk of reviewers (issue 13): blind copies, Compare, adjudication.
pub mod adjudication;
pub mod compare;
