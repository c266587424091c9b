//! PDFs to articles: the text layer, read by `pdf-extract`, in isolation.
//!
//! `pdf-extract` is known to panic, and can loop, on damaged or unusual
//! files. So it never runs on the caller's thread: when the running program
//! is the `claimdesk` binary it runs in a child process (`claimdesk
//! __extract-pdf`, fed the bytes on stdin) that is killed at the time limit;
//! otherwise (the library inside tests, benchmarks or another program) it
//! runs on a thread behind `catch_unwind` with a deadline, and a thread
//! that overruns is abandoned rather than awaited (it cannot be killed).
//!
//! The extracted lines are then put back into paragraphs ([`reflow`]):
//! running headers, footers and page numbers that repeat on the pages'
//! edges are dropped, hyphenated line ends re-joined, and hard-wrapped lines
//! joined until a blank line or a short line ends the paragraph. Hand-written
//! because no crate does this for plain extracted text.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::Extracted;

/// The hidden subcommand the child process runs.
pub const CHILD_SUBCOMMAND: &str = "__extract-pdf";

/// How to run the extractor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolation {
    /// A child process when the running program is `claimdesk`, else a thread.
    Auto,
    /// A child process of this `claimdesk` binary.
    Process(PathBuf),
    /// A thread with `catch_unwind` and a deadline.
    Thread,
}

/// Limits for reading PDFs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    /// The extractor is stopped after this long.
    pub timeout: Duration,
    /// Process or thread.
    pub isolation: Isolation,
}

impl Default for PdfOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            isolation: Isolation::Auto,
        }
    }
}

/// Reads a PDF's text layer as an article. The error is a sentence
/// fragment.
pub fn read(raw: &[u8], options: &PdfOptions) -> Result<Extracted, String> {
    let pages = extract_pages(raw, options)?;
    let letters: usize = pages
        .iter()
        .map(|p| p.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if letters < 20 {
        return Err(format!(
            "The PDF has no text layer ({} pages of pictures: a scan?); run it through text recognition (OCR) first",
            pages.len()
        ));
    }
    let paragraphs = reflow(&pages);
    let title = paragraphs
        .first()
        .filter(|p| p.chars().count() <= 150 && !p.ends_with('.'))
        .cloned();
    Ok(Extracted {
        title,
        text: paragraphs.join("\n\n"),
        ..Extracted::default()
    })
}

/// The text of each page, extracted in isolation (see the module doc).
pub fn extract_pages(raw: &[u8], options: &PdfOptions) -> Result<Vec<String>, String> {
    let process = match &options.isolation {
        Isolation::Process(exe) => Some(exe.clone()),
        Isolation::Thread => None,
        Isolation::Auto => std::env::current_exe()
            .ok()
            .filter(|exe| exe.file_stem().is_some_and(|s| s == "claimdesk")),
    };
    let result = match process {
        Some(exe) => in_child(&exe, raw, options.timeout),
        None => in_thread(raw.to_vec(), options.timeout),
    };
    result.map_err(|problem| problem.message(raw))
}

/// What went wrong, before it is phrased for the reviewer.
#[derive(Debug)]
enum Problem {
    TimedOut(Duration),
    Crashed,
    Refused(String),
    Start(String),
}

impl Problem {
    fn message(self, raw: &[u8]) -> String {
        let encrypted = raw.windows(8).any(|w| w == b"/Encrypt");
        match self {
            Problem::TimedOut(limit) => format!(
                "The PDF reader was stopped after {} s on this file (it is damaged or too complex)",
                limit.as_secs_f32().ceil()
            ),
            Problem::Crashed if encrypted => {
                "The PDF is encrypted and could not be read; save an unprotected copy".to_owned()
            }
            Problem::Crashed => {
                "The PDF reader failed on this file (it is damaged or uses features claimdesk cannot read)"
                    .to_owned()
            }
            Problem::Refused(why) if encrypted => format!(
                "The PDF is encrypted (password-protected) and could not be read ({why}); save an unprotected copy"
            ),
            Problem::Refused(why) => format!("The PDF is damaged or not a PDF ({why})"),
            Problem::Start(why) => format!("Could not start the PDF reader ({why})"),
        }
    }
}

/// The extraction itself, panics caught. Used by the child process and the
/// thread.
fn extract_caught(raw: &[u8]) -> Result<Vec<String>, Problem> {
    match std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(raw)) {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(error)) => Err(Problem::Refused(error.to_string())),
        Err(_) => Err(Problem::Crashed),
    }
}

fn in_thread(raw: Vec<u8>, timeout: Duration) -> Result<Vec<String>, Problem> {
    let (send, receive) = mpsc::channel();
    std::thread::Builder::new()
        .name("claimdesk-pdf".to_owned())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _ = send.send(extract_caught(&raw));
        })
        .map_err(|e| Problem::Start(e.to_string()))?;
    match receive.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Problem::TimedOut(timeout)),
        // The thread died without sending: a panic that escaped catch_unwind.
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Problem::Crashed),
    }
}

fn in_child(exe: &std::path::Path, raw: &[u8], timeout: Duration) -> Result<Vec<String>, Problem> {
    let mut child = Command::new(exe)
        .arg(CHILD_SUBCOMMAND)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Problem::Start(e.to_string()))?;
    let deadline = Instant::now() + timeout;
    // Feed and drain on threads so a child that writes before reading all
    // its input cannot deadlock with us.
    let stdin = child.stdin.take();
    let input = raw.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            let _ = stdin.write_all(&input);
        }
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(pipe) = pipe {
                let _ = pipe.take(256 * 1024 * 1024).read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Problem::TimedOut(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(Problem::Start(e.to_string())),
        }
    };
    let _ = writer.join();
    let out = stdout.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if status.success() {
        return serde_json::from_slice(&out).map_err(|_| Problem::Crashed);
    }
    match err.split_once(CHILD_REFUSED) {
        Some((_, why)) => Err(Problem::Refused(
            why.lines().next().unwrap_or_default().trim().to_owned(),
        )),
        None => Err(Problem::Crashed),
    }
}

/// Marks the child's message for a file the extractor refused (as opposed to
/// a crash).
const CHILD_REFUSED: &str = "pdf-refused:";

/// The child side of [`Isolation::Process`]: reads a PDF from `input`,
/// writes its pages as a JSON array of strings to `output`. A refusal is
/// written to `errors` and returned as `Err`; a panic aborts the process,
/// which the parent reports.
pub fn child_main(
    input: &mut dyn Read,
    output: &mut dyn Write,
    errors: &mut dyn Write,
) -> Result<(), String> {
    let mut raw = Vec::new();
    input
        .take(super::MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| e.to_string())?;
    match pdf_extract::extract_text_from_mem_by_pages(&raw) {
        Ok(pages) => {
            serde_json::to_writer(&mut *output, &pages).map_err(|e| e.to_string())?;
            output.flush().map_err(|e| e.to_string())
        }
        Err(error) => {
            let _ = writeln!(errors, "{CHILD_REFUSED} {error}");
            Err(error.to_string())
        }
    }
}

// ---------------------------------------------------------------------------
// Reflow

/// A line with its digits blurred, for spotting headers and footers that
/// differ only by page number.
fn edge_key(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// "7", "- 7 -", "Page 7", "Page 7 of 30", "7/30".
fn is_page_number(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let rest = lower.strip_prefix("page").unwrap_or(&lower);
    let core: String = rest
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | '—' | '|' | '(' | ')' | '[' | ']' | ' '))
        .collect();
    let core = core.replace("of", "/");
    !core.is_empty()
        && core.len() <= 9
        && core.chars().any(|c| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_digit() || c == '/')
}

/// How many non-blank lines at each end of a page are looked at for
/// running headers and footers.
const EDGE_LINES: usize = 3;

/// Turns pages of extracted lines into paragraphs (see the module doc).
pub fn reflow(pages: &[String]) -> Vec<String> {
    let pages: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim_end).collect())
        .collect();
    // Running headers and footers: the same line (digits aside) on the
    // edges of most pages.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut keys: Vec<String> = edges(page).map(|(_, l)| edge_key(l)).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
    }
    let threshold = (pages.len() * 6).div_ceil(10).max(3);
    let mut lines: Vec<&str> = Vec::new();
    for page in &pages {
        let drop: Vec<usize> = edges(page)
            .filter(|(_, line)| {
                is_page_number(line) || counts.get(&edge_key(line)).is_some_and(|&n| n >= threshold)
            })
            .map(|(i, _)| i)
            .collect();
        for (i, line) in page.iter().enumerate() {
            if !drop.contains(&i) {
                lines.push(line);
            }
        }
        // A page break is no paragraph break: paragraphs run on.
    }
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    widths.sort_unstable();
    let full = if widths.len() >= 8 {
        widths.get(widths.len() * 8 / 10).copied().unwrap_or(0)
    } else {
        0
    };
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut last_len = 0usize;
    let end = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            end(&mut current, &mut paragraphs);
            continue;
        }
        if !current.is_empty() {
            let short = full > 0 && last_len * 10 < full * 7;
            let hyphenated = current.ends_with('-')
                && current
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(char::is_alphabetic)
                && line.chars().next().is_some_and(char::is_lowercase);
            if hyphenated {
                current.pop();
            } else if short {
                end(&mut current, &mut paragraphs);
            } else {
                current.push(' ');
            }
        }
        current.push_str(line);
        last_len = line.chars().count();
    }
    end(&mut current, &mut paragraphs);
    paragraphs
}

/// The first and last non-blank lines of a page, with their indices.
fn edges<'a>(page: &'a [&'a str]) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let filled: Vec<usize> = page
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    let n = filled.len();
    let mut picked: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
    picked.extend(filled.iter().skip(n.saturating_sub(EDGE_LINES)).copied());
    picked.sort_unstable();
    picked.dedup();
    picked
        .into_iter()
        .filter_map(move |i| page.get(i).map(|l| (i, *l)))
}

/// Writes simple PDFs with a real text layer (standard Helvetica, one text
/// object per line): the fixture and benchmark generator, so no binary
/// PDFs need committing. Also writes the broken ones the bad-input tests
/// feed the reader.
pub mod testpdf {
    fn escape(text: &str) -> String {
        text.replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)")
    }

    /// A PDF whose pages hold these lines, top to bottom; an empty line
    /// leaves a paragraph gap.
    pub fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
        let mut objects: Vec<String> = Vec::new();
        // 1: catalog, 2: pages, 3: font; then per page: page, contents.
        let first_page = 4;
        let kids: Vec<String> = (0..pages.len())
            .map(|i| format!("{} 0 R", first_page + 2 * i))
            .collect();
        objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
        objects.push(format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        ));
        objects.push(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_owned(),
        );
        for (i, lines) in pages.iter().enumerate() {
            let mut stream = String::new();
            let mut y = 760.0f32;
            for line in lines {
                if line.is_empty() {
                    y -= 10.0;
                    continue;
                }
                stream.push_str(&format!(
                    "BT /F1 10 Tf 72 {y:.1} Td ({}) Tj ET\n",
                    escape(line)
                ));
                y -= 14.0;
            }
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                first_page + 2 * i + 1
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{stream}endstream",
                stream.len()
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(lines: &[&str]) -> String {
        lines.join("\n")
    }

    #[test]
    fn reflow_joins_wraps_and_hyphens_and_drops_running_lines() {
        let words = ["alpha", "bravo", "charlie", "delta"];
        let body = |n: usize| {
            let w = words[n - 1];
            s(&[
                "CITY COUNCIL QUARTERLY REPORT",
                "",
                &format!("The {w} council approved a budget of 4.2 million dollars for the"),
                &format!("coming year after a long debate about {w} repairs and the"),
                &format!("state of the parks. Members disagreed on the {w} priorities for"),
                "the new library, which several of them called an unneces-",
                &format!("sary {w} expense."),
                "",
                &format!("A {w} paragraph starts here and runs across several lines of"),
                &format!("text to make the {w} width clear to the reflow step here."),
                &format!("Page {n} of 4"),
            ])
        };
        let pages: Vec<String> = (1..=4).map(body).collect();
        let paragraphs = reflow(&pages);
        assert!(
            !paragraphs
                .iter()
                .any(|p| p.contains("QUARTERLY") || p.contains("Page"))
        );
        assert!(
            paragraphs
                .iter()
                .any(|p| p.contains("an unnecessary delta expense."))
        );
        assert_eq!(paragraphs.len(), 8, "{paragraphs:#?}");
        assert_eq!(
            paragraphs.first().map(String::as_str),
            Some(
                "The alpha council approved a budget of 4.2 million dollars for the coming year after a long debate about alpha repairs and the state of the parks. Members disagreed on the alpha priorities for the new library, which several of them called an unnecessary alpha expense."
            )
        );
    }

    #[test]
    fn page_numbers() {
        for yes in ["7", "- 7 -", "Page 7", "page 7 of 30", "7/30", "[12]"] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["7 people died", "Page one", "", "Section 2.1"] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
