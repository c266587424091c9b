//! PDF: the HTML report printed by headless Chromium.
//!
//! A browser's print engine is what a newsroom would use by hand ("Print >
//! Save as PDF"), so the PDF looks exactly like the page printed from a
//! browser, with the report's print styles; a Rust PDF writer would need a
//! second layout of the report. The cost is that PDF needs Chromium
//! installed: [`find_chromium`] looks for it, and without it the export
//! says so plainly ([`ExportError::NoBrowser`]).
//!
//! This is the one exporter that touches the file system and starts a
//! process: the HTML goes into a private temporary folder, Chromium prints
//! it there (with its own throwaway profile, no network, no sandbox since
//! it only ever opens this one local file without scripts), and the PDF's
//! bytes are copied to the writer. A Chromium that hangs is killed after
//! [`PRINT_TIMEOUT`].

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::export::{ExportError, ExportOptions, html};
use crate::model::Project;

/// How long Chromium may take to print before it is killed.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

/// The program names tried, in order, on `PATH`.
pub const CHROMIUM_NAMES: [&str; 2] = ["chromium", "chromium-browser"];

/// The Chromium to print with: the first of [`CHROMIUM_NAMES`] found on
/// `PATH`. Tests and CI use this too, so they agree on where it is.
pub fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    CHROMIUM_NAMES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| is_executable(candidate))
    })
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Prints the report for `options.audience` to PDF and writes its bytes to
/// `out`.
pub fn write_with(
    project: &Project,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let browser = find_chromium().ok_or(ExportError::NoBrowser)?;
    let page = html::render(project, options.audience, &options.zone)?;
    let bytes = print(&browser, &page)?;
    out.write_all(&bytes)?;
    Ok(())
}

/// Prints the HTML `page` to PDF with `browser`; returns the PDF's bytes.
pub fn print(browser: &Path, page: &str) -> Result<Vec<u8>, ExportError> {
    let dir = tempfile::tempdir()?;
    let html_path = dir.path().join("report.html");
    let pdf_path = dir.path().join("report.pdf");
    let log_path = dir.path().join("chromium.log");
    std::fs::write(&html_path, page)?;
    let log = std::fs::File::create(&log_path)?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf_path.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| ExportError::Print(format!("could not start {}: {e}", browser.display())))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ExportError::Print(format!(
                "it did not finish within {} seconds",
                PRINT_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let pdf = std::fs::read(&pdf_path).unwrap_or_default();
    if !status.success() || !pdf.starts_with(b"%PDF-") {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        let last = log
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no output");
        return Err(ExportError::Print(format!("{status}: {last}")));
    }
    Ok(pdf)
}
