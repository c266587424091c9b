//! The panels of the window, one small `*_ui` function each.
//!
//! Panels read the project and [`crate::app::ViewState`] and push
//! [`crate::app::Action`]s; none of them changes the project itself. Colours
//! come from [`theme`].

pub mod article;
pub mod claims;
pub mod details;
pub mod dialogs;
pub mod menu;
pub mod properties;

pub mod shortcuts;
pub mod status;
pub mod theme;
