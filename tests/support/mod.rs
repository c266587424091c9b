//! Helpers shared by the integration tests that need outside programs
//! (Chromium, Java with the Nu HTML Checker, Python with pyld).

#![allow(dead_code, reason = "each test file uses some of these")]

pub mod server;

use std::io::Write as _;

/// Skips a test whose tool is missing: locally a visible `SKIP:` line
/// (written to the real stderr, which the test harness does not capture, so
/// `cargo test` shows it and skips can be counted with `grep -c SKIP:`); in
/// CI (the `CI` variable set) a failure, since there the tool must be
/// installed.
pub fn skip(test: &str, reason: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{test}: {reason}, and CI is set"
    );
    let _ = writeln!(std::io::stderr(), "SKIP: {test}: {reason}");
}
