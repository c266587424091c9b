//! File > Export: a report in the chosen format and for the chosen
//! audience, written where the reviewer picks (the folder, format and each
//! format's audience are remembered), and a notice saying where it went or
//! why it was not written.
//!
//! ClaimReview is written only once its checklist is complete, unless the
//! reviewer asks for a draft (the dialog shows the checklist first). PDF
//! is printed by Chromium on a worker thread, since that takes seconds;
//! the window shows "Printing PDF…" meanwhile and a notice when it is done.
//! There is no Cancel for it: `export::pdf` offers no way to stop Chromium
//! early, and it kills a stuck Chromium itself after
//! `export::pdf::PRINT_TIMEOUT`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use egui::Context;

use super::ClaimdeskApp;
use super::dialogs::PathFor;
use crate::export::{Audience, ExportOptions, Format, ReportZone};
use crate::ui;
use crate::ui::action::Action;
use crate::ui::export_dialog::ExportChoice;

/// Exports in flight: the choice waiting on a path, and a PDF being
/// printed.
#[derive(Debug, Default)]
pub(super) struct Reports {
    /// What the export dialog asked for, until the path is chosen.
    pending: Option<ExportChoice>,
    /// The PDF being printed, if one is.
    printing: Option<PdfJob>,
}

/// A PDF being printed on a worker thread.
#[derive(Debug)]
struct PdfJob {
    choice: ExportChoice,
    path: PathBuf,
    done: Receiver<Result<(), String>>,
}

impl ClaimdeskApp {
    /// Opens File > Export on the last format used, with each format's
    /// remembered audience, and looks for Chromium (for PDF).
    pub(super) fn show_export(&mut self) {
        if self.view.export_format.is_none() {
            self.view.export_format = Some(self.settings.export_format());
        }
        for (format, audience) in &self.settings.export_audiences {
            if let (Some(format), Some(audience)) =
                (Format::from_key(format), Audience::from_key(audience))
            {
                self.view.export.set_audience(format, audience);
            }
        }
        self.view.export.pdf_printer = crate::export::pdf::find_chromium().is_some();
        self.view.export_open = true;
    }

    /// Exports a report in `format`, for the audience last chosen for it, to
    /// where the reviewer picks. Returns whether it was written now (false
    /// also while the dialog is open or a PDF is printing).
    pub fn export(&mut self, format: Format) -> bool {
        let audience = self.view.export.audience_for(format);
        self.export_report(ExportChoice::new(format, audience))
    }

    /// Exports as `choice` says, to where the reviewer picks. Returns
    /// whether it was written now.
    pub(super) fn export_report(&mut self, choice: ExportChoice) -> bool {
        if choice.format.has_audience() {
            self.view
                .export
                .set_audience(choice.format, choice.audience);
            self.update_settings(|s| {
                let key = choice.format.key().to_owned();
                let audience = choice.audience.key().to_owned();
                match s.export_audiences.iter_mut().find(|(f, _)| *f == key) {
                    Some(slot) => slot.1 = audience,
                    None => s.export_audiences.push((key, audience)),
                }
            });
        }
        if choice.format == Format::Pdf && self.reports.printing.is_some() {
            self.error(
                "Not exported: a PDF is still being printed; try again when it is done.".to_owned(),
            );
            return false;
        }
        self.reports.pending = Some(choice);
        self.ask_path(PathFor::Export(choice.format))
    }

    /// Where the export dialog starts: the last export folder (or the
    /// project's), and the project's name with the format's ending.
    pub(super) fn export_suggestion(&self, format: Format) -> PathBuf {
        let stem = self
            .ws
            .suggested_path()
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".claims.ron")
                    .to_owned()
            })
            .unwrap_or_else(|| "report".to_owned());
        let dir = self
            .settings
            .last_export_dir
            .clone()
            .or_else(|| self.ws.suggested_path().parent().map(Path::to_owned))
            .unwrap_or_default();
        dir.join(format!("{stem}.{}", format.suffix()))
    }

    /// Writes the report to `path` (atomically) as the dialog chose, and
    /// says how it went; a PDF is started in the background instead.
    pub(super) fn export_to(&mut self, format: Format, path: &Path) -> bool {
        let path = with_extension(path, format);
        let choice = self
            .reports
            .pending
            .take()
            .filter(|c| c.format == format)
            .unwrap_or_else(|| ExportChoice::new(format, self.view.export.audience_for(format)));
        let options = ExportOptions::new(format)
            .audience(choice.audience)
            .draft(choice.draft)
            .zone(ReportZone::system());
        if format == Format::Pdf {
            self.start_pdf(choice, options, path);
            return false;
        }
        let result = crate::cli::export_to_path_with(self.ws.project(), &options, &path)
            .map_err(|error| format!("{error:#}"));
        self.exported(choice, &path, result)
    }

    /// Prints the PDF on a worker thread (Chromium takes seconds).
    fn start_pdf(&mut self, choice: ExportChoice, options: ExportOptions, path: PathBuf) {
        let project = self.ws.project().clone();
        let (send, done) = mpsc::channel();
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("claimdesk-pdf".to_owned())
            .spawn(move || {
                let result = crate::cli::export_to_path_with(&project, &options, &target)
                    .map_err(|error| format!("{error:#}"));
                // The window may be gone; then nobody is waiting.
                let _ = send.send(result);
            });
        match spawned {
            Ok(_) => {
                self.view.export_open = false;
                self.reports.printing = Some(PdfJob { choice, path, done });
            }
            Err(error) => {
                self.error(format!(
                    "Nothing exported: could not start printing the PDF ({error}): {}",
                    path.display()
                ));
            }
        }
    }

    /// Says how an export went, and remembers the format and folder.
    fn exported(&mut self, choice: ExportChoice, path: &Path, result: Result<(), String>) -> bool {
        match result {
            Ok(()) => {
                self.view.export_open = false;
                self.toast_text(format!("Exported {} to {}", what(choice), path.display()));
                self.update_settings(|s| {
                    s.last_export_format = Some(choice.format.key().to_owned());
                    s.last_export_dir = path.parent().map(Path::to_owned);
                });
                true
            }
            Err(error) => {
                self.error(format!("Nothing exported: {error}"));
                false
            }
        }
    }

    /// Whether a PDF is being printed.
    pub fn pdf_printing(&self) -> bool {
        self.reports.printing.is_some()
    }

    /// Checks on the PDF being printed; the notice comes when it is done.
    fn poll_pdf(&mut self, ctx: &Context) {
        let Some(job) = &self.reports.printing else {
            return;
        };
        let result = match job.done.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => {
                Err("printing the PDF stopped unexpectedly".to_owned())
            }
        };
        let Some(job) = self.reports.printing.take() else {
            return;
        };
        self.exported(job.choice, &job.path, result);
    }

    /// The export dialog and the PDF indicator; also checks on the PDF.
    pub(super) fn reports_ui(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        self.poll_pdf(ctx);
        // Taken from the job each frame: the view is rebuilt when another
        // project opens, the job is not.
        let printing = self.reports.printing.as_ref().map(|job| &job.path);
        if self.view.export.printing.as_ref() != printing {
            self.view.export.printing = printing.cloned();
        }
        ui::export_dialog::export_dialog_ui(
            ctx,
            &mut self.view.export_open,
            &mut self.view.export_format,
            &mut self.view.export,
            self.ws.project(),
            actions,
        );
        ui::export_dialog::printing_ui(ctx, self.view.export.printing.as_deref());
    }
}

/// What was exported, for the notice: "the HTML report (published fact
/// check)".
fn what(choice: ExportChoice) -> String {
    let label = choice.format.label();
    if choice.format.has_audience() {
        let audience = match choice.audience {
            Audience::Desk => "desk report",
            Audience::Public if choice.draft => "draft of the published fact check",
            Audience::Public => "published fact check",
        };
        format!("the {label} ({audience})")
    } else if choice.format == Format::ClaimReview && choice.draft {
        format!("a draft {label}, missing properties left out,")
    } else {
        format!("the {label}")
    }
}

/// `report` becomes `report.html` for HTML; a name with the ending keeps it.
fn with_extension(path: &Path, format: Format) -> PathBuf {
    let ending = format!(".{}", format.extension());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.to_lowercase().ends_with(&ending) {
        path.to_owned()
    } else {
        path.with_file_name(format!("{name}{ending}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_ending_is_added_when_missing() {
        assert_eq!(
            with_extension(Path::new("/r/report"), Format::Html),
            PathBuf::from("/r/report.html")
        );
        assert_eq!(
            with_extension(Path::new("/r/report.HTML"), Format::Html),
            PathBuf::from("/r/report.HTML")
        );
    }
}
