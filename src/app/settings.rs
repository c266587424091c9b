//! Remembered settings: read once at start, kept in memory, written on
//! every change. Where each value comes from:
//!
//! - `last_project`: the last project opened or saved (start-up opens it);
//! - `recent`: File > Open Recent, the last ten projects and articles;
//! - `last_export_format`, `last_export_dir`: the export dialog's start;
//! - `save_automatically`: File > Save automatically;
//! - `prefer_in_app_dialog`: File > Prefer the in-app file dialog;
//! - `theme`, `text_size`: the View menu (and Ctrl+Plus/Minus/0);
//! - `export_audiences`: the export dialog's desk/public choice per format.
//! - `hide_tag_suggestions`: View > Show tag suggestions, unticked.
//!
//! The file is `state.ron` in [`config_dir`]. A missing or unreadable file
//! counts as nothing remembered; a failed write is reported on stderr only,
//! since at worst the next start forgets a preference.

use std::path::{Path, PathBuf};

use super::ClaimdeskApp;
use crate::export::Format;
use crate::ui::theme::{TextSize, ThemeChoice};

/// How many files File > Open Recent lists.
pub const RECENT_LIMIT: usize = 10;

/// Small state kept between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The last project saved or opened.
    pub last_project: Option<PathBuf>,
    /// Projects and articles opened or saved, newest first (at most
    /// `RECENT_LIMIT` (10)).
    pub recent: Vec<PathBuf>,
    /// The key of the last export format ("html").
    pub last_export_format: Option<String>,
    /// The folder the last report went to.
    pub last_export_dir: Option<PathBuf>,
    /// Save the project file itself a few seconds after each change (once
    /// it has a file), not only the recovery file.
    pub save_automatically: bool,
    /// Use claimdesk's own file dialog even where the system's works.
    pub prefer_in_app_dialog: bool,
    /// View > Theme.
    pub theme: ThemeChoice,
    /// View > Text size.
    pub text_size: TextSize,
    /// The audience last chosen for each report format, as (format key,
    /// audience key) pairs (Reports, issue 15).
    pub export_audiences: Vec<(String, String)>,
    /// View > Show tag suggestions, unticked (stored this way round so that
    /// files from before it, and the default, show them).
    pub hide_tag_suggestions: bool,
}

/// Where [`Remembered`] lives: `$CLAIMDESK_CONFIG_DIR` if set (tests, CI),
/// else the platform's config directory.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMDESK_CONFIG_DIR") {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "claimdesk", "claimdesk")
        .map(|dirs| dirs.config_dir().to_owned())
}

impl Remembered {
    /// The settings file in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join("state.ron")
    }

    /// Reads the remembered state from `dir`; anything unreadable counts as
    /// nothing remembered.
    pub fn load(dir: &Path) -> Self {
        std::fs::read_to_string(Self::path(dir))
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the remembered state to `dir`.
    pub fn store(&self, dir: &Path) -> anyhow::Result<()> {
        std::fs::create_dir_all(dir)?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())?;
        crate::atomic::write_atomic(&crate::atomic::RealFs, &Self::path(dir), text.as_bytes())?;
        Ok(())
    }

    /// The format the export dialog starts on: the last one used, or HTML.
    pub fn export_format(&self) -> Format {
        self.last_export_format
            .as_deref()
            .and_then(Format::from_key)
            .unwrap_or(Format::Html)
    }

    /// Puts `path` first in the recent list (once), keeping at most
    /// `RECENT_LIMIT` (10).
    pub fn add_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }
}

impl ClaimdeskApp {
    /// Changes the settings with `change` and writes them.
    pub(super) fn update_settings(&mut self, change: impl FnOnce(&mut Remembered)) {
        change(&mut self.settings);
        let Some(dir) = &self.config_dir else { return };
        // Not worth interrupting the reviewer for: at worst the next start
        // opens the sample, or the export dialog starts in another folder.
        if let Err(error) = self.settings.store(dir) {
            eprintln!("claimdesk: could not remember settings: {error:#}");
        }
    }

    /// Remembers the View menu's choices when they changed this frame.
    pub(super) fn remember_view_choices(&mut self) {
        let (theme, text_size) = (self.view.theme, self.view.text_size);
        if self.settings.theme != theme || self.settings.text_size != text_size {
            self.update_settings(|s| {
                s.theme = theme;
                s.text_size = text_size;
            });
        }
    }

    /// Remembers `path` as recently used (and as the last project).
    pub(super) fn remember_recent(&mut self, path: &Path, is_project: bool) {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.update_settings(|s| {
            if is_project {
                s.last_project = Some(absolute.clone());
            }
            s.add_recent(absolute);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_keeps_ten_newest_first_without_repeats() {
        let mut r = Remembered::default();
        for i in 0..12 {
            r.add_recent(PathBuf::from(format!("/p/{i}")));
        }
        r.add_recent(PathBuf::from("/p/5"));
        assert_eq!(r.recent.len(), RECENT_LIMIT);
        assert_eq!(r.recent[0], PathBuf::from("/p/5"));
        assert_eq!(r.recent[1], PathBuf::from("/p/11"));
        assert_eq!(
            r.recent
                .iter()
                .filter(|p| p.as_path() == Path::new("/p/5"))
                .count(),
            1
        );
        assert!(
            !r.recent.contains(&PathBuf::from("/p/0")),
            "the oldest fell off"
        );
    }

    #[test]
    fn settings_round_trip_and_old_files_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Remembered {
            prefer_in_app_dialog: true,
            save_automatically: true,
            ..Remembered::default()
        };
        r.add_recent(PathBuf::from("/a.claims.ron"));
        r.store(dir.path()).unwrap();
        assert_eq!(Remembered::load(dir.path()), r);
        // A file from before these settings existed.
        std::fs::write(Remembered::path(dir.path()), "(last_project: None)").unwrap();
        assert_eq!(Remembered::load(dir.path()), Remembered::default());
    }
}
