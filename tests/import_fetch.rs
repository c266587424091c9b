//! Links: a local HTTP server (127.0.0.1, a free port, started and stopped
//! by each test) serves pages, documents, redirects, loops, errors, slow,
//! silent and oversized bodies and wrong charsets; every failure must be one
//! line naming the address, in bounded time. Timeouts are shortened through
//! `FetchOptions` so the slow cases take about a second.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::server::{Server, request_path};

use claimdesk::import::fetch::{self, FetchOptions};
use claimdesk::import::{self, ImportError, ImportOptions, SourceKind};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/import")
            .join(name),
    )
    .unwrap()
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers.iter().any(|(n, _)| *n == "Content-Length") {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn serve(mut stream: TcpStream, stop: &AtomicBool) {
    let Some(path) = request_path(&mut stream) else {
        return;
    };
    let html = |ct: &str| vec![("Content-Type", ct.to_owned())];
    match path.as_str() {
        "/article" => respond(&mut stream, "200 OK", &html("text/html; charset=utf-8"), &fixture("wordpress.html")),
        "/latin1-declared" => respond(
            &mut stream,
            "200 OK",
            &html("text/html; charset=windows-1252"),
            &fixture("cp1252-wrong-charset.html"),
        ),
        "/wrong-header" => respond(
            &mut stream,
            "200 OK",
            &html("text/html; charset=utf-8"),
            &fixture("cp1252-wrong-charset.html"),
        ),
        "/redirect" => respond(&mut stream, "302 Found", &[("Location", "/article".to_owned())], b""),
        "/loop" => respond(&mut stream, "302 Found", &[("Location", "/loop".to_owned())], b""),
        "/to-file" => respond(&mut stream, "302 Found", &[("Location", "file:///etc/passwd".to_owned())], b""),
        "/report.pdf" => respond(&mut stream, "200 OK", &html("application/pdf"), &fixture("audit-report.pdf")),
        "/download" => respond(&mut stream, "200 OK", &html("application/octet-stream"), &fixture("audit-report.pdf")),
        "/download-docx" => respond(&mut stream, "200 OK", &html("application/octet-stream"), &fixture("audit-report.docx")),
        "/download-junk" => respond(&mut stream, "200 OK", &html("application/octet-stream"), &[7u8; 300]),
        "/image" => respond(&mut stream, "200 OK", &html("image/png"), b"\x89PNG\r\n\x1a\n"),
        "/missing" => respond(&mut stream, "404 Not Found", &html("text/html"), b"<h1>Not found</h1>"),
        "/broken" => respond(&mut stream, "500 Internal Server Error", &html("text/html"), b"oops"),
        "/script-only" => respond(
            &mut stream,
            "200 OK",
            &html("text/html"),
            b"<!doctype html><html><head><script src=app.js></script></head><body><div id=root></div><script>render()</script></body></html>",
        ),
        "/paywall" => respond(
            &mut stream,
            "200 OK",
            &html("text/html"),
            br#"<!doctype html><html lang="en"><head><title>Budget secrets revealed</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Budget secrets revealed","isAccessibleForFree":false}</script></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Budget secrets revealed</h1><p>The city quietly moved four million dollars between accounts last year, documents obtained by this newspaper show, and the council was never told about the transfers.</p><div class="paywall"><p>Subscribe to continue reading. Already a subscriber? Log in.</p></div></article></body></html>"#,
        ),
        "/declared-too-big" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "text/html".to_owned()), ("Content-Length", (11 * 1024 * 1024).to_string())],
            b"",
        ),
        "/streams-too-big" => {
            let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..200 {
                if stream.write_all(&chunk).is_err() || stop.load(Ordering::Relaxed) {
                    return;
                }
            }
        }
        "/silent" => {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        "/trickle" => {
            let head = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            while !stop.load(Ordering::Relaxed) {
                if stream.write_all(b"<").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(250));
            }
        }
        _ => respond(&mut stream, "404 Not Found", &[], b""),
    }
}

fn quick() -> ImportOptions {
    ImportOptions {
        fetch: FetchOptions {
            connect_timeout: Duration::from_secs(2),
            total_timeout: Duration::from_millis(1500),
            ..FetchOptions::default()
        },
        ..ImportOptions::default()
    }
}

fn import(url: &str) -> Result<import::Imported, ImportError> {
    let cancel = AtomicBool::new(false);
    import::import_url(url, &cancel, &|_, _| {}, &quick())
}

/// One line, naming the address last, containing `words`, within 10 s.
fn assert_fails(url: &str, words: &str) {
    let start = Instant::now();
    let message = import(url).expect_err(url).to_string();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{url}: took {:?}",
        start.elapsed()
    );
    assert!(
        message.contains(words),
        "{url}: expected {words:?} in {message}"
    );
    assert!(message.ends_with(url), "{url}: address last: {message}");
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn a_page_is_fetched_and_read_with_metadata_and_progress() {
    let server = Server::start(serve);
    let url = server.url("/article");
    let cancel = AtomicBool::new(false);
    let seen = AtomicU64::new(0);
    let imported = import::import_url(
        &url,
        &cancel,
        &|bytes, total| {
            assert!(total.is_some_and(|t| bytes <= t));
            seen.store(bytes, Ordering::Relaxed);
        },
        &quick(),
    )
    .unwrap();
    assert_eq!(
        seen.load(Ordering::Relaxed),
        fixture("wordpress.html").len() as u64
    );
    assert_eq!(imported.kind, SourceKind::Html);
    assert_eq!(imported.meta.byline, "Dana Whitcomb");
    assert_eq!(imported.provenance.source, url);
    assert_eq!(imported.source_path, None);
    let project = import::project_from(&imported, None);
    assert_eq!(
        project.meta.article_url,
        "https://rivertonledger.example/2026/03/03/bike-lanes/"
    );
}

#[test]
fn redirects_are_followed_and_documents_sniffed() {
    let server = Server::start(serve);
    assert_eq!(
        import(&server.url("/redirect")).unwrap().meta.byline,
        "Dana Whitcomb"
    );
    let pdf = import(&server.url("/report.pdf")).unwrap();
    assert_eq!(pdf.kind, SourceKind::Pdf);
    assert_eq!(
        import(&server.url("/download")).unwrap().kind,
        SourceKind::Pdf
    );
    assert_eq!(
        import(&server.url("/download-docx")).unwrap().kind,
        SourceKind::Docx
    );
}

#[test]
fn charset_from_the_header_wins_and_a_wrong_one_is_overruled() {
    let server = Server::start(serve);
    let right = import(&server.url("/latin1-declared")).unwrap();
    assert!(right.text.contains("Hélène Marchetti"));
    assert!(right.notices.is_empty(), "{:?}", right.notices);
    let wrong = import(&server.url("/wrong-header")).unwrap();
    assert!(wrong.text.contains("Hélène Marchetti"));
    assert!(
        wrong
            .notices
            .iter()
            .any(|n| n.contains("says it is UTF-8 but is not"))
    );
}

#[test]
fn every_failure_is_one_line_naming_the_address() {
    let server = Server::start(serve);
    assert_fails(&server.url("/loop"), "more than 5 redirects");
    assert_fails(&server.url("/missing"), "the server answered 404 Not Found");
    assert_fails(&server.url("/broken"), "the server answered 500");
    assert_fails(&server.url("/image"), "it serves image/png, not a web page");
    assert_fails(
        &server.url("/download-junk"),
        "not a web page, Word file or PDF",
    );
    assert_fails(&server.url("/declared-too-big"), "over the 10 MB limit");
    assert_fails(&server.url("/streams-too-big"), "over the 10 MB limit");
    assert_fails(&server.url("/silent"), "1.5 s");
    assert_fails(&server.url("/trickle"), "1.5 s");
    assert_fails(&server.url("/script-only"), "built by scripts");
    assert_fails(&server.url("/paywall"), "paywall");
    let to_file = server.url("/to-file");
    assert!(
        import(&to_file).is_err(),
        "a redirect to file: is not followed"
    );
    for url in [
        "file:///etc/passwd",
        "javascript:alert(1)",
        "ftp://127.0.0.1/x",
    ] {
        assert_fails(url, "only http:// and https://");
    }
}

#[test]
fn a_closed_port_fails_fast() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    assert_fails(&format!("http://127.0.0.1:{port}/"), "could not connect");
}

#[test]
fn cancel_returns_at_once() {
    let server = Server::start(serve);
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        flag.store(true, Ordering::Relaxed);
    });
    let start = Instant::now();
    let options = FetchOptions::default();
    let result = fetch::fetch(&server.url("/silent"), &cancel, &|_, _| {}, &options);
    assert!(matches!(result, Err(ImportError::Cancelled { .. })));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    canceller.join().unwrap();
}

fn claimdesk(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_new_from_a_link_keeps_the_page_beside_the_project() {
    let server = Server::start(serve);
    let dir = tempfile::tempdir().unwrap();
    let project: PathBuf = dir.path().join("lanes.claims.ron");
    let url = server.url("/article");
    let out = claimdesk(&["new", &url, "-o", project.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let loaded = claimdesk::project_file::load(&project).unwrap();
    assert_eq!(loaded.meta.byline, "Dana Whitcomb");
    assert_eq!(loaded.meta.provenance.as_ref().unwrap().source, url);
    assert_eq!(
        std::fs::read(dir.path().join("lanes.source.html")).unwrap(),
        fixture("wordpress.html")
    );
    let seg = claimdesk(&["segment", &server.url("/report.pdf")]);
    assert!(seg.status.success());
    assert!(
        String::from_utf8_lossy(&seg.stdout)
            .contains("Eleven contracts lacked a signed inspection report.")
    );
    let bad = claimdesk(&["segment", &server.url("/missing")]);
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr.trim_end().ends_with(&server.url("/missing")),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}
