//! Per-frame work that must run even while nothing is drawn: eframe calls
//! [`ClaimdeskApp::logic`] before every drawing pass and also while the
//! window is hidden or minimised, when no drawing pass runs at all.
//!
//! - the recovery-file autosave (and its flush when the window loses focus);
//! - "save automatically": the project file itself, a delay after the last
//!   change, backing off after failures (3 s, 10 s, 30 s, 1 min, 5 min) with
//!   one banner that updates, and pausing (never overwriting) when the file
//!   changed on disk;
//! - the close request and the close command;
//! - the short notice's fading.
//!
//! Every wait is a repaint request for its deadline, never polling, so an
//! idle window stays idle.

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Context, ViewportCommand};

use super::{Banner, ClaimdeskApp, Pending, TOAST_TIME};
use crate::autosave::Autosaver;

/// How long "save automatically" waits after each failure in a row.
pub const AUTO_SAVE_BACKOFF: [Duration; 5] = [
    Duration::from_secs(3),
    Duration::from_secs(10),
    Duration::from_secs(30),
    Duration::from_secs(60),
    Duration::from_secs(300),
];

/// The key of the one banner about automatic saving.
pub(super) const AUTO_SAVE_BANNER: &str = "auto-save";

/// "Save automatically": the setting and where it stands.
#[derive(Debug)]
pub(super) struct AutoSaveState {
    /// The reviewer's setting (remembered).
    pub(super) enabled: bool,
    /// The revision last seen, and when it changed.
    seen: (u64, Instant),
    /// Failures in a row.
    failures: u32,
    /// No new try before this (after a failure).
    retry_at: Option<Instant>,
    /// The file changed on disk: paused until the reviewer saves or reloads.
    paused: bool,
}

impl AutoSaveState {
    pub(super) fn new(enabled: bool) -> Self {
        Self {
            enabled,
            seen: (0, Instant::now()),
            failures: 0,
            retry_at: None,
            paused: false,
        }
    }

    /// A save by hand (or a reload) worked: start afresh.
    pub(super) fn reset(&mut self) {
        self.failures = 0;
        self.retry_at = None;
        self.paused = false;
    }
}

impl ClaimdeskApp {
    /// The work of one frame that does not draw: call it every frame (the
    /// drawing pass does) and from eframe's `App::logic`.
    pub fn logic(&mut self, ctx: &Context) {
        self.autosave_tick(ctx);
        self.auto_save_tick(ctx);
        if self.close_sent && !self.close_commanded {
            self.close_commanded = true;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        if let Some(toast) = &self.toast {
            let left = TOAST_TIME.saturating_sub(toast.shown.elapsed());
            if left.is_zero() {
                self.toast = None;
            } else {
                ctx.request_repaint_after(left);
            }
        }
    }

    /// Whether "save automatically" is on.
    pub fn save_automatically(&self) -> bool {
        self.auto_save.enabled
    }

    /// How long until "save automatically" tries again after failing, if
    /// it failed.
    pub fn auto_save_retry_in(&self) -> Option<Duration> {
        self.auto_save
            .retry_at
            .map(|at| at.saturating_duration_since(Instant::now()))
    }

    /// Whether "save automatically" is paused because the file changed on
    /// disk.
    pub fn auto_save_paused(&self) -> bool {
        self.auto_save.paused
    }

    pub(super) fn set_save_automatically(&mut self, on: bool) {
        self.auto_save.enabled = on;
        self.auto_save.reset();
        self.update_settings(|s| s.save_automatically = on);
    }

    /// With "save automatically" on, saves the project file once the
    /// autosave delay has passed since the last change (never while a
    /// question is open, never before the project has a file, never over a
    /// file changed on disk, and not before the back-off after a failure).
    fn auto_save_tick(&mut self, ctx: &Context) {
        if !self.auto_save.enabled {
            return;
        }
        let now = Instant::now();
        if self.ws.revision() != self.auto_save.seen.0 {
            self.auto_save.seen = (self.ws.revision(), now);
        }
        let Some(path) = self.ws.path().map(Path::to_owned) else {
            return;
        };
        if !self.ws.is_dirty() || self.modal_open() || self.auto_save.paused {
            return;
        }
        let delay = self
            .autosave
            .as_ref()
            .map_or(crate::autosave::DEFAULT_DELAY, Autosaver::delay);
        let mut due = self.auto_save.seen.1 + delay;
        if let Some(retry) = self.auto_save.retry_at {
            due = due.max(retry);
        }
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if self.ws.changed_on_disk() {
            self.auto_save.paused = true;
            self.set_banner(Banner::keyed(
                AUTO_SAVE_BANNER,
                true,
                format!(
                    "Automatic saving is paused: something else changed the project file. \
                     Your work is kept in the recovery file; save (Ctrl+S) to choose \
                     which version to keep: {}",
                    path.display()
                ),
            ));
            return;
        }
        match self.write_project(&path) {
            Ok(()) => self.remove_banner(AUTO_SAVE_BANNER),
            Err(why) => {
                self.auto_save.failures += 1;
                let step = (self.auto_save.failures as usize).saturating_sub(1);
                let wait = AUTO_SAVE_BACKOFF
                    .get(step)
                    .or(AUTO_SAVE_BACKOFF.last())
                    .copied()
                    .unwrap_or(delay);
                self.auto_save.retry_at = Some(now + wait);
                ctx.request_repaint_after(wait);
                let times = match self.auto_save.failures {
                    1 => "once".to_owned(),
                    n => format!("{n} times in a row"),
                };
                self.set_banner(Banner::keyed(
                    AUTO_SAVE_BANNER,
                    true,
                    format!(
                        "Automatic save failed {times}; trying again in {}. The project \
                         is not saved, but your work is kept in the recovery file. {why}",
                        humantime::format_duration(wait)
                    ),
                ));
            }
        }
    }

    /// Hands unsaved work to the autosaver when due, at once when the window
    /// loses focus, and asks for a repaint at the next deadline.
    fn autosave_tick(&mut self, ctx: &Context) {
        let Some(autosave) = &mut self.autosave else {
            return;
        };
        // Work offered for recovery is not this session's to write over.
        if self.recovery_offer.is_some() {
            return;
        }
        let now = Instant::now();
        let focused = ctx.input(|i| i.viewport().focused).unwrap_or(true);
        if self.focused && !focused {
            autosave.flush_now(&self.ws);
        }
        self.focused = focused;
        autosave.tick(&self.ws, now);
        if let Some(deadline) = autosave.next_deadline() {
            ctx.request_repaint_after(deadline.saturating_duration_since(now));
        }
    }

    /// The window's close button (or the system) asked to close: with
    /// unsaved work, ask first.
    pub(super) fn handle_close_request(&mut self, ctx: &Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.ws.is_dirty() && !self.close_allowed {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
    }

    /// The window is closing (eframe's `on_exit`). The recovery file goes
    /// only after the reviewer saved or discarded; anything else (the
    /// system ending the session, the window closed while the recovery offer
    /// was unanswered) keeps the work for the next start.
    pub fn exit(&mut self) {
        let Some(mut autosave) = self.autosave.take() else {
            return;
        };
        if self.recovery_offer.is_some() {
            // Dropping is not a clean exit: the offered file stays.
            return;
        }
        if self.ws.is_dirty() && !self.close_allowed {
            autosave.flush_now(&self.ws);
            autosave.wait_idle(Duration::from_secs(5));
        } else {
            autosave.on_clean_exit();
        }
    }
}
