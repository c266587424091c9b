//! Fetching a link: `ureq` with the limits its defaults lack.
//!
//! Connect within 10 s, the whole exchange (redirects and body included)
//! within 30 s, at most 5 redirects, at most 10 MB for a page and 50 MB for
//! a document, only `http:` and `https:`, and only content types claimdesk
//! can read (`application/octet-stream` is let through and judged by its
//! first bytes). The request runs on its own thread so the caller can
//! cancel at any moment (a blocked DNS lookup or a silent server cannot be
//! interrupted from outside, so a cancelled request is abandoned, and ends
//! at its own time limit). Every failure is one line naming the address.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{ImportError, SourceKind};

/// Limits for fetching; the defaults are the ones the window and CLI use,
/// tests shorten the timeouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchOptions {
    /// Time to set up the connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    /// Time for the whole exchange, redirects and body included.
    pub total_timeout: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Largest web page accepted.
    pub max_page_bytes: u64,
    /// Largest document (PDF, Word, OpenDocument) accepted.
    pub max_document_bytes: u64,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_redirects: 5,
            max_page_bytes: 10 * 1024 * 1024,
            max_document_bytes: super::MAX_DOCUMENT_BYTES as u64,
        }
    }
}

/// A fetched page or document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address after redirects.
    pub final_url: String,
    /// The `Content-Type` without parameters, if the server sent one.
    pub mime: Option<String>,
    /// The `Content-Type` charset, if any.
    pub charset: Option<String>,
    /// The body as received (decompressed).
    pub body: Vec<u8>,
}

enum Message {
    Progress(u64, Option<u64>),
    Done(Result<Fetched, String>),
}

/// Fetches `url`. Blocks until done, so call it off the UI thread; it
/// returns [`ImportError::Cancelled`] within about 50 ms of `cancel` being
/// set, and calls `progress(bytes so far, total if known)` as the body
/// arrives, on the calling thread.
pub fn fetch(
    url: &str,
    cancel: &AtomicBool,
    progress: &dyn Fn(u64, Option<u64>),
    options: &FetchOptions,
) -> Result<Fetched, ImportError> {
    let fail = |message: String| ImportError::Fetch {
        message,
        url: url.to_owned(),
    };
    crate::model::validate_url(url).map_err(|e| fail(e.to_string()))?;
    let (send, receive) = mpsc::channel();
    let abandoned = Arc::new(AtomicBool::new(false));
    let worker_abandoned = Arc::clone(&abandoned);
    let worker_url = url.to_owned();
    let worker_options = options.clone();
    std::thread::Builder::new()
        .name("claimdesk-fetch".to_owned())
        .spawn(move || {
            let result = run(&worker_url, &worker_options, &send, &worker_abandoned);
            let _ = send.send(Message::Done(result));
        })
        .map_err(|e| fail(format!("could not start the download: {e}")))?;
    // A safety net over ureq's own global timeout.
    let deadline = Instant::now() + options.total_timeout + Duration::from_secs(5);
    loop {
        if cancel.load(Ordering::Relaxed) {
            abandoned.store(true, Ordering::Relaxed);
            return Err(ImportError::Cancelled {
                origin: url.to_owned(),
            });
        }
        if Instant::now() > deadline {
            abandoned.store(true, Ordering::Relaxed);
            return Err(fail(format!(
                "no complete answer within {} s",
                options.total_timeout.as_secs()
            )));
        }
        match receive.recv_timeout(Duration::from_millis(50)) {
            Ok(Message::Progress(bytes, total)) => progress(bytes, total),
            Ok(Message::Done(result)) => return result.map_err(fail),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(fail("the download stopped unexpectedly".to_owned()));
            }
        }
    }
}

fn run(
    url: &str,
    options: &FetchOptions,
    send: &mpsc::Sender<Message>,
    abandoned: &AtomicBool,
) -> Result<Fetched, String> {
    use std::io::Read as _;
    use ureq::ResponseExt as _;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.total_timeout))
        .max_redirects(options.max_redirects)
        .max_redirects_will_error(true)
        .http_status_as_error(false)
        .user_agent(concat!("claimdesk/", env!("CARGO_PKG_VERSION")))
        .accept(
            "text/html,application/xhtml+xml,application/pdf,\
             application/vnd.openxmlformats-officedocument.wordprocessingml.document,\
             application/vnd.oasis.opendocument.text,text/plain;q=0.9,*/*;q=0.5",
        )
        .build()
        .into();
    let response = agent.get(url).call().map_err(|e| describe(&e, options))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!(
            "the server answered {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_owned());
    }
    let final_url = response.get_uri().to_string();
    let body = response.body();
    let mime = body.mime_type().map(str::to_ascii_lowercase);
    let charset = body.charset().map(str::to_owned);
    let declared = mime.as_deref().and_then(SourceKind::from_mime);
    let octet = matches!(
        mime.as_deref(),
        None | Some("application/octet-stream" | "binary/octet-stream")
    );
    if declared.is_none() && !octet {
        return Err(format!(
            "it serves {}, not a web page or a document claimdesk can read",
            mime.as_deref().unwrap_or("something unknown")
        ));
    }
    let is_document = matches!(
        declared,
        Some(SourceKind::Pdf | SourceKind::Docx | SourceKind::Odt)
    ) || octet;
    let cap = if is_document {
        options.max_document_bytes
    } else {
        options.max_page_bytes
    };
    let too_large = |size: u64| {
        format!(
            "it is {} MB, over the {} MB limit",
            size.div_ceil(1024 * 1024),
            cap / (1024 * 1024)
        )
    };
    let total = body.content_length();
    if let Some(length) = total
        && length > cap
    {
        return Err(too_large(length));
    }
    let (_, body) = response.into_parts();
    let mut reader = body
        .into_with_config()
        .limit(cap.saturating_add(1))
        .reader();
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if abandoned.load(Ordering::Relaxed) {
            return Err("cancelled".to_owned());
        }
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                return Err(
                    match e
                        .into_inner()
                        .and_then(|inner| inner.downcast::<ureq::Error>().ok())
                    {
                        Some(inner) => describe(&inner, options),
                        None => "the connection broke off during the download".to_owned(),
                    },
                );
            }
        };
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
        if bytes.len() as u64 > cap {
            return Err(too_large(bytes.len() as u64));
        }
        let _ = send.send(Message::Progress(bytes.len() as u64, total));
    }
    if octet {
        let path = final_url.split(['?', '#']).next().unwrap_or_default();
        let kind = SourceKind::sniff(&bytes, Some(std::path::Path::new(path)));
        if !matches!(
            kind,
            SourceKind::Pdf | SourceKind::Docx | SourceKind::Odt | SourceKind::Html
        ) {
            return Err(
                "it serves an unknown file that is not a web page, Word file or PDF".to_owned(),
            );
        }
        if kind == SourceKind::Html && bytes.len() as u64 > options.max_page_bytes {
            return Err(too_large(bytes.len() as u64));
        }
    }
    Ok(Fetched {
        final_url,
        mime,
        charset,
        body: bytes,
    })
}

/// One line for a ureq error, in the reviewer's words.
fn describe(error: &ureq::Error, options: &FetchOptions) -> String {
    use ureq::{Error, Timeout};
    match error {
        Error::HostNotFound => {
            "the server's name was not found (check the address and the network)".to_owned()
        }
        Error::ConnectionFailed => {
            "could not connect to the server (no network, or the server is down)".to_owned()
        }
        Error::Timeout(Timeout::Connect | Timeout::Resolve) => format!(
            "the server did not accept a connection within {} s",
            options.connect_timeout.as_secs_f32()
        ),
        Error::Timeout(Timeout::Global | Timeout::PerCall) => format!(
            "no complete answer within {} s",
            options.total_timeout.as_secs_f32()
        ),
        Error::Timeout(_) | Error::BodyStalled => "the server stopped answering".to_owned(),
        Error::TooManyRedirects => format!(
            "more than {} redirects (a redirect loop?)",
            options.max_redirects
        ),
        Error::RedirectFailed => "a redirect pointed somewhere that cannot be followed".to_owned(),
        Error::BadUri(_) => "the address is not valid".to_owned(),
        Error::Tls(why) => format!("the secure connection failed ({why})"),
        Error::Rustls(why) => format!("the secure connection failed ({why})"),
        Error::BodyExceedsLimit(limit) => {
            format!("it is over the {} MB limit", limit / (1024 * 1024))
        }
        Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                "could not connect to the server (connection refused)".to_owned()
            }
            std::io::ErrorKind::NetworkUnreachable | std::io::ErrorKind::HostUnreachable => {
                "could not connect to the server (no network)".to_owned()
            }
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                "the server closed the connection".to_owned()
            }
            std::io::ErrorKind::TimedOut => "the server stopped answering".to_owned(),
            _ => format!("the connection failed ({e})"),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_http_schemes_are_refused_before_any_request() {
        let cancel = AtomicBool::new(false);
        for url in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x.org/a",
            "",
        ] {
            let error = fetch(url, &cancel, &|_, _| {}, &FetchOptions::default()).unwrap_err();
            let message = error.to_string();
            assert!(
                message.starts_with("Could not fetch the page ("),
                "{message}"
            );
            assert!(message.ends_with(url), "{message}");
        }
    }
}
