//! Tests of the parent module.

use super::*;

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>T</title></head><body>{body}</body></html>"
    )
}

#[test]
fn charset_rules() {
    let (text, notices) = decode_html(b"<meta charset=\"windows-1252\"><p>Caf\xe9</p>", None);
    assert!(text.contains("Café"));
    assert!(notices.is_empty());
    let (text, notices) = decode_html(b"<meta charset=\"utf-8\"><p>Caf\xe9 \x93x\x94</p>", None);
    assert!(text.contains("Café"), "{text}");
    assert!(notices[0].contains("says it is UTF-8"), "{notices:?}");
    let (text, notices) = decode_html("<meta charset=iso-8859-1><p>Café</p>".as_bytes(), None);
    assert!(text.contains("Café"));
    assert!(notices[0].contains("bytes are UTF-8"));
    let (text, _) = decode_html(b"<p>Caf\xe9</p>", Some("ISO-8859-1"));
    assert!(text.contains("Café"));
    let (text, notices) = decode_html(
        b"<p>Na\xefve caf\xe9 \x93quotes\x94 and more words here</p>",
        None,
    );
    assert!(text.contains("Naïve café"), "{text}");
    assert!(notices[0].contains("does not say"));
}

#[test]
fn nesting_estimate_counts_real_depth_only() {
    assert_eq!(nesting_estimate("<div><div><p>a<p>b</div></div>"), 2);
    assert_eq!(
        nesting_estimate("<script>'<div><div><div>'</script><b>x</b>"),
        1
    );
    assert_eq!(nesting_estimate("<!-- <div><div> --><br><img src=x>"), 0);
    let deep = "<div>".repeat(5000);
    assert_eq!(nesting_estimate(&deep), 5000);
}

#[test]
fn walker_keeps_blocks_apart_and_skips_furniture() {
    let doc = Document::from(page(
        "<h2>Sub<b>head</b></h2><p>One <em>two</em> three.</p><ul><li>Item a</li><li>Item b</li></ul>\
         <figure><img src=x><figcaption>A caption</figcaption></figure>\
         <p class=\"photo-credit\">Jane Roe</p><script>var x='<p>no</p>';</script>\
         <p>Advertisement</p><div hidden>Hidden</div>",
    ));
    let reader: Vec<String> = walk(&doc.root(), Filter::Reader)
        .into_iter()
        .map(|b| b.text)
        .collect();
    assert_eq!(reader, ["Subhead", "One two three.", "Item a", "Item b"]);
    let full: Vec<String> = walk(&doc.root(), Filter::FullText)
        .into_iter()
        .map(|b| b.text)
        .collect();
    assert!(full.contains(&"A caption".to_owned()));
    assert!(full.contains(&"Advertisement".to_owned()));
    assert!(
        !full
            .iter()
            .any(|t| t.contains("Hidden") || t.contains("no"))
    );
}

#[test]
fn dates_normalise() {
    assert_eq!(normalise_date("2026-03-04T10:00:00Z"), "2026-03-04");
    assert_eq!(normalise_date("March 4, 2026"), "2026-03-04");
    assert_eq!(normalise_date("2026-3-4"), "2026-03-04");
    assert_eq!(normalise_date("2026/03/04"), "2026-03-04");
    assert_eq!(normalise_date("Wednesday, March 4, 2026"), "2026-03-04");
    assert_eq!(normalise_date("4 Mar. 2026"), "2026-03-04");
    assert_eq!(normalise_date("Sept 30th, 2026"), "2026-09-30");
    assert_eq!(
        normalise_date("Wed, 04 Mar 2026 10:00:00 GMT"),
        "2026-03-04"
    );
    assert_eq!(normalise_date("04.03.2026"), "2026-03-04");
    // Never a guess: month and day order unknown, or no such day.
    assert_eq!(normalise_date("3/4/2026"), "");
    assert_eq!(normalise_date("February 30, 2026"), "");
    assert_eq!(normalise_date("Marmalade 4, 2026"), "");
    assert_eq!(normalise_date("Updated 5 minutes ago"), "");
    assert_eq!(normalise_date(""), "");
}

#[test]
fn clipboard_fragment_becomes_paragraphs() {
    let imported = from_clipboard_html(
        "Version:0.9\r\nStartHTML:1\r\n<html><body><!--StartFragment--><h1>Council vote</h1><p>The council voted 5-2.</p><ul><li>Budget</li><li>Parks</li></ul><!--EndFragment--></body></html>",
    )
    .unwrap();
    assert_eq!(imported.title, "Council vote");
    assert_eq!(
        imported.text,
        "Council vote\n\nThe council voted 5-2.\n\nBudget\n\nParks"
    );
    assert!(matches!(
        from_clipboard_html("<p>   </p>"),
        Err(ImportError::Empty { .. })
    ));
}

/// The import fixtures' pages, as text.
fn fixture_pages() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .map(|path| {
            let (text, _) = decode_html(&std::fs::read(&path).unwrap(), None);
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            )
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 8, "{pages:?}");
    pages
}

#[test]
fn a_page_parsed_in_pieces_is_the_page_parsed_whole() {
    let tricky = page(
        "<p title=\"a &amp; b\">Caf&eacute; line\r\nnext</p><!-- gone --><table><tr><td>x<td>y</table>\
         <svg><path d=\"M0\"/></svg><p>Ünïcödé “quotes” — and <b><i>misnested</b></i> tags</p>",
    );
    let mut pages = fixture_pages();
    pages.push(("tricky".to_owned(), tricky));
    for (name, html) in pages {
        let (whole, depth) = prepare(&html);
        let expected = Document::from(whole.as_str()).html().to_string();
        // Small pieces cut inside tags, attributes, entities and CR LF.
        for piece_bytes in [1, 7, 64, 1000] {
            let (send, receive) = mpsc::channel();
            let piece_depth = prepare_in_pieces(&html, piece_bytes, MAX_NESTING, |piece| {
                send.send(Piece::Markup(piece)).unwrap();
            });
            send.send(Piece::End).unwrap();
            assert_eq!(piece_depth, depth, "{name}");
            let (doc, markup) = parse_pieces(&receive).unwrap();
            assert_eq!(markup, whole, "{name}, pieces of {piece_bytes}");
            assert_eq!(
                doc.html().to_string(),
                expected,
                "{name}, pieces of {piece_bytes}"
            );
        }
    }
}

#[test]
fn a_page_refused_midway_is_not_parsed_to_the_end() {
    let (send, receive) = mpsc::channel();
    send.send(Piece::Markup("<p>Half a page".to_owned()))
        .unwrap();
    drop(send);
    assert!(parse_pieces(&receive).is_none());
    let deep = format!(
        "{}<p>{}</p>",
        "<div>".repeat(MAX_NESTING + 5),
        "word ".repeat(80)
    );
    let message = read(deep.as_bytes(), None, None, HtmlMode::Reader).unwrap_err();
    assert!(
        message.contains("nested about 2005 levels deep"),
        "{message}"
    );
}

/// `page` with only its first `keep` paragraphs (`<p>…</p>`) left, the
/// others cut out: articles of every length around Readability's
/// 500-character threshold.
fn first_paragraphs(page: &str, keep: usize) -> String {
    let mut out = String::new();
    let mut rest = page;
    let mut seen = 0;
    while let Some(open) = rest.find("<p") {
        let after = &rest[open..];
        let Some(close) = after.find("</p>") else {
            break;
        };
        if seen < keep {
            out.push_str(&rest[..open + close + 4]);
        } else {
            out.push_str(&rest[..open]);
        }
        seen += 1;
        rest = &after[close + 4..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_single_strict_attempt_gives_what_readability_parse_gives() {
    let config = || Config {
        keep_classes: true,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let (mut strict_only, mut parsed_again) = (0, 0);
    for (name, html) in fixture_pages() {
        let paragraphs = html.matches("</p>").count();
        for keep in 0..=paragraphs {
            let (markup, _) = prepare(&first_paragraphs(&html, keep));
            let mut reference =
                Readability::with_document(Document::from(markup.as_str()), None, Some(config()))
                    .unwrap();
            let expected = reference.parse();
            let mut leftovers = Leftovers::new();
            let got = reader_article(
                Document::from(markup.as_str()),
                &markup,
                None,
                config(),
                &mut leftovers,
            );
            let case = format!("{name} with {keep} of {paragraphs} paragraphs");
            match (expected, got) {
                (Ok(expected), Ok(got)) => {
                    assert_eq!(
                        got.content.to_string(),
                        expected.content.to_string(),
                        "{case}"
                    );
                    assert_eq!(got.title, expected.title, "{case}");
                    assert_eq!(got.byline, expected.byline, "{case}");
                    assert_eq!(
                        got.text_content.to_string(),
                        expected.text_content.to_string(),
                        "{case}"
                    );
                }
                (Err(expected), Err(got)) => {
                    assert_eq!(got.to_string(), expected.to_string(), "{case}")
                }
                (expected, got) => {
                    panic!("{case}: parse gave {expected:?}, the strict attempt {got:?}")
                }
            }
            // One document left over: the strict attempt was enough;
            // two: the page was parsed again for `parse`.
            match leftovers.len() {
                1 => strict_only += 1,
                _ => parsed_again += 1,
            }
        }
    }
    // Both ways were taken, or the comparison proves nothing.
    assert!(
        strict_only > 20 && parsed_again > 20,
        "{strict_only} / {parsed_again}"
    );
}
