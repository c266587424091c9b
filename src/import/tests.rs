//! Tests of the parent module.

use super::*;

#[test]
fn utf8_bom_and_crlf_are_normalised() {
    let d = decode(b"\xEF\xBB\xBFHello.\r\nWorld.\rEnd.").unwrap();
    assert_eq!(d.text, "Hello.\nWorld.\nEnd.");
    assert!(d.notices.is_empty());
}

#[test]
fn utf16_with_bom_is_read() {
    let mut le = vec![0xFF, 0xFE];
    for unit in "Grüße.".encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(decode(&le).unwrap().text, "Grüße.");
    let mut be = vec![0xFE, 0xFF];
    for unit in "Hi.".encode_utf16() {
        be.extend_from_slice(&unit.to_be_bytes());
    }
    assert_eq!(decode(&be).unwrap().text, "Hi.");
}

#[test]
fn invalid_utf8_falls_back_to_windows_1252_with_notice() {
    let d = decode(b"Caf\xe9 \x93quoted\x94.").unwrap();
    assert_eq!(d.text, "Café “quoted”.");
    assert_eq!(d.notices.len(), 1);
    assert!(d.notices[0].contains("offset 3"), "{}", d.notices[0]);
}

#[test]
fn non_text_is_refused_with_what_it_looks_like() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_eq!(
        decode(png),
        Err(DecodeProblem::NotText("a PNG image".into()))
    );
    let utf16_no_bom: Vec<u8> = "Plain words here."
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert!(
        matches!(decode(&utf16_no_bom), Err(DecodeProblem::NotText(m)) if m.contains("UTF-16"))
    );
    assert!(
        matches!(decode(b"text\0more text here"), Err(DecodeProblem::NotText(m)) if m.contains("offset 4"))
    );
    assert_eq!(decode(b"  \n\t "), Err(DecodeProblem::Empty));
    assert_eq!(decode(b""), Err(DecodeProblem::Empty));
}

#[test]
fn markdown_keeps_blocks_apart() {
    let md = "# Budget vote\n\nThe council *met* on [Monday](https://x.org).\nIt voted.\n\n- First item\n- Second item\n\n> A quote.\n";
    assert_eq!(
        markdown_to_text(md),
        "Budget vote\n\nThe council met on Monday. It voted.\n\nFirst item\nSecond item\n\nA quote."
    );
    assert_eq!(markdown_title(md).as_deref(), Some("Budget vote"));
}

#[test]
fn title_is_first_short_line_or_fallback() {
    assert_eq!(
        guess_title("\n  Headline here \n\nBody.", "f"),
        "Headline here"
    );
    assert_eq!(guess_title(&"x".repeat(200), "file"), "file");
}

#[test]
fn clipboard_falls_back_to_plain_text() {
    let html = from_clipboard(Some("<h2>Vote</h2><p>It passed 5-2.</p>"), Some("ignored")).unwrap();
    assert_eq!(html.text, "Vote\n\nIt passed 5-2.");
    assert_eq!(html.kind, SourceKind::Html);
    let plain = from_clipboard(
        Some("<p> </p><script>x()</script>"),
        Some("Plain words here."),
    )
    .unwrap();
    assert_eq!(plain.text, "Plain words here.");
    assert_eq!(plain.kind, SourceKind::PlainText);
    assert_eq!(plain.provenance.source, CLIPBOARD);
    assert!(matches!(
        from_clipboard(None, Some("  ")),
        Err(ImportError::Empty { .. })
    ));
}

#[test]
fn sidecar_sits_beside_the_project() {
    assert_eq!(
        sidecar_path(Path::new("/r/story.claims.ron"), SourceKind::Html),
        Path::new("/r/story.source.html")
    );
    assert_eq!(
        sidecar_path(Path::new("x/Story.CLAIMS.RON"), SourceKind::Pdf),
        Path::new("x/Story.source.pdf")
    );
    assert_eq!(
        sidecar_path(Path::new("plain.ron"), SourceKind::Docx),
        Path::new("plain.source.docx")
    );
}

#[test]
fn project_takes_the_stated_language_unless_told() {
    let mut imported =
        from_clipboard(None, Some("Le conseil a voté. Il a adopté le budget.")).unwrap();
    imported.meta.language = "fr-FR".into();
    imported.meta.byline = "Anne Dupont".into();
    let project = project_from(&imported, None);
    assert_eq!(project.meta.language, "fr-FR");
    assert_eq!(project.meta.byline, "Anne Dupont");
    assert_eq!(
        project.meta.provenance.as_ref().map(|p| p.kind.as_str()),
        Some("text")
    );
    let told = project_from(&imported, Some(Language::English));
    assert_eq!(told.meta.language, "en");
}

#[test]
fn pasted_text_becomes_a_segmented_project() {
    let project = new_project(import_pasted("One fact. Another fact.").unwrap());
    assert!(project.statements.len() >= 2);
    assert_eq!(project.article.source_path, None);
    project.validate().unwrap();
}

#[test]
fn a_large_source_is_hashed_alongside_and_the_same() {
    let paragraph = "<p>The council approved the budget on Tuesday after a long debate about parks, roads and schools.</p>";
    let page = format!(
        "<!doctype html><html><head><title>Budget passes</title></head><body><article><h1>Budget passes</h1>{}</article></body></html>",
        paragraph.repeat(3000)
    );
    assert!(page.len() >= HASH_ALONGSIDE_BYTES);
    let raw = page.into_bytes();
    let imported = import_raw(
        raw.clone(),
        "budget.html",
        Some(Path::new("budget.html")),
        None,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        imported.provenance.sha256_raw,
        format!("sha256:{}", crate::model::sha256_hex(&raw))
    );
    assert!(
        imported
            .text
            .starts_with("Budget passes\n\nThe council approved")
    );
}
