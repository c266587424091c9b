//! Fuzzing the HTML, Word and OpenDocument readers and the kind sniffer:
//! no input makes them panic or hang, and what they return holds up (no
//! empty paragraphs, no markup in reader output).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;

use claimdesk::import::docx::{self, testdoc};
use claimdesk::import::html::{self, HtmlMode};
use claimdesk::import::{SourceKind, from_clipboard};

/// Tag soup: real tags (block, inline, skipped, void), attributes that
/// matter to the walker, text, entities and broken bits.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<div class=\"ad-slot\">".to_owned()),
        Just("<div>".to_owned()),
        Just("</div>".to_owned()),
        Just("<h2>".to_owned()),
        Just("</h2>".to_owned()),
        Just("<li>".to_owned()),
        Just("<ul>".to_owned()),
        Just("<figure><figcaption>".to_owned()),
        Just("<script>".to_owned()),
        Just("</script>".to_owned()),
        Just("<style>p{}</style>".to_owned()),
        Just("<br>".to_owned()),
        Just("<time datetime=\"2026-01-01\">".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("&amp;&#x1F600;&bogus;".to_owned()),
        Just("<meta charset=\"windows-1252\">".to_owned()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":["
                .to_owned()
        ),
        "[a-zA-Z .,\"'é]{0,40}",
        Just("The council voted on the budget on Monday after a long debate. ".to_owned()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn html_reader_never_panics(page in soup(), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        for mode in [HtmlMode::Reader, HtmlMode::FullText] {
            if let Ok(extracted) = html::read(page.as_bytes(), None, None, mode) {
                prop_assert!(!extracted.text.contains("\n\n\n"));
                for paragraph in extracted.text.split("\n\n") {
                    prop_assert!(!paragraph.trim().is_empty());
                }
            }
        }
        let mut raw = page.clone().into_bytes();
        raw.extend_from_slice(&bytes);
        let _ = html::read(&raw, Some("x-unknown"), Some("https://example.org/a"), HtmlMode::Reader);
        let _ = html::left_out(&raw, None, "");
        if let Ok(imported) = from_clipboard(Some(&page), Some("fallback text")) {
            prop_assert!(!imported.text.trim().is_empty());
        }
    }

    #[test]
    fn sniffing_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = SourceKind::sniff(&bytes, None);
        let _ = SourceKind::size_limit(&bytes);
    }

    #[test]
    fn docx_and_odt_readers_never_panic_on_damaged_files(
        cut in 0usize..4000,
        flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8),
        text in "[a-zA-Z <>&;/\"=:]{0,60}",
    ) {
        let paras = [
            testdoc::Para::Title(text.clone()),
            testdoc::Para::Body(text.clone()),
            testdoc::Para::Item(text),
        ];
        for mut bytes in [testdoc::docx(&paras), testdoc::odt(&paras)] {
            let n = bytes.len();
            for (at, value) in &flips {
                if let Some(b) = bytes.get_mut(at % n) {
                    *b = *value;
                }
            }
            bytes.truncate(cut.max(1).min(n));
            let _ = docx::read_docx(&bytes);
            let _ = docx::read_odt(&bytes);
        }
    }

    #[test]
    fn docx_reader_never_panics_on_arbitrary_xml(body in "[a-zA-Z<>/:=\" &#;0-9]{0,300}") {
        use std::io::Write as _;
        let mut out = Vec::new();
        {
            let mut writer = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
            let options = zip::write::SimpleFileOptions::default();
            writer.start_file("word/document.xml", options).unwrap();
            writer.write_all(format!("<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>").as_bytes()).unwrap();
            writer.start_file("word/styles.xml", options).unwrap();
            writer.write_all(body.as_bytes()).unwrap();
            writer.finish().unwrap();
        }
        let _ = docx::read_docx(&out);
    }
}
