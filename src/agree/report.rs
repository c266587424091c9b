//! The agreement figures written out: JSON for scripts, and a
//! self-contained HTML page or Markdown document for people.
//!
//! The HTML follows the annotated report's rules (see
//! [`crate::export::html`]): no script, no outside requests, a strict
//! Content-Security-Policy, and every piece of user text (names, article
//! title, statement text) through the same five-character escaper. The
//! Markdown reuses the report's Markdown escaper.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::agree::{Agreement, Confusion, Figure};
use crate::export::html::escape as html;
use crate::export::markdown::escape as md_escape;
use crate::model::{Project, Tag};

fn number(figure: &Figure) -> Value {
    figure.value.map_or(Value::Null, |v| json!(v))
}

fn figure_json(figure: &Figure) -> Value {
    json!({"value": number(figure), "statements": figure.statements})
}

fn tag_name(tag: Option<Tag>) -> &'static str {
    tag.map_or("untagged", Tag::key)
}

/// The figures as JSON: the keys the issue promises (`reviewers`,
/// `statements`, `aligned`, `percent_agreement`, `cohen_kappa`,
/// `fleiss_kappa`, `alpha_nominal`, `alpha_unitized`, `per_tag`,
/// `verdict_alpha_ordinal`, `ac1`, `disagreements`), plus `figures` with
/// the statement count behind each, `confusion` counts per reviewer pair,
/// `dominant_tag`, `show_ac1` and `tagged_nothing`.
pub fn to_json(agreement: &Agreement) -> Value {
    let a = agreement;
    let mut per_tag = Map::new();
    for (tag, figure) in &a.per_tag {
        per_tag.insert(
            tag.key().to_owned(),
            json!({"alpha": number(figure), "statements": figure.statements}),
        );
    }
    let disagreements: Vec<Value> = a
        .disagreements
        .iter()
        .map(|d| {
            let mut tags = Map::new();
            for (name, tag) in a.reviewers.iter().zip(&d.tags) {
                tags.insert(name.clone(), tag.map_or(Value::Null, |t| json!(t.key())));
            }
            json!({"id": d.id.0, "start": d.span.start, "end": d.span.end, "tags": tags})
        })
        .collect();
    let confusion: Vec<Value> = a
        .confusion
        .iter()
        .map(|c| {
            let counts: Vec<Vec<usize>> = (0..4)
                .map(|row| {
                    (0..4)
                        .map(|col| c.cells.get(row * 4 + col).map_or(0, Vec::len))
                        .collect()
                })
                .collect();
            json!({
                "a": a.reviewers.get(c.a),
                "b": a.reviewers.get(c.b),
                "labels": Confusion::LABELS.map(tag_name),
                "counts": counts,
            })
        })
        .collect();
    let mut figures = Map::new();
    for (key, figure) in named_figures(a) {
        figures.insert(key.to_owned(), figure_json(&figure));
    }
    json!({
        "reviewers": a.reviewers,
        "statements": a.statements,
        "aligned_statements": a.aligned_statements,
        "aligned": a.aligned,
        "characters": a.characters,
        "percent_agreement": number(&a.percent_agreement),
        "cohen_kappa": a.cohen_kappa.as_ref().map_or(Value::Null, number),
        "fleiss_kappa": number(&a.fleiss_kappa),
        "alpha_nominal": number(&a.alpha_nominal),
        "alpha_unitized": number(&a.alpha_unitized),
        "per_tag": per_tag,
        "verdict_alpha_ordinal": number(&a.verdict_alpha_ordinal),
        "ac1": number(&a.ac1),
        "show_ac1": a.show_ac1(),
        "dominant_tag": a.dominant.map_or(Value::Null, |(t, share)| json!({"tag": t.key(), "share": share})),
        "figures": figures,
        "disagreements": disagreements,
        "confusion": confusion,
        "tagged_nothing": a.tagged_nothing,
    })
}

/// The headline figures with their JSON keys and labels, in report order.
fn named_figures(a: &Agreement) -> Vec<(&'static str, Figure)> {
    let mut out = vec![
        ("percent_agreement", a.percent_agreement),
        ("alpha_nominal", a.alpha_nominal),
    ];
    if let Some(kappa) = a.cohen_kappa {
        out.push(("cohen_kappa", kappa));
    }
    out.push(("fleiss_kappa", a.fleiss_kappa));
    out.push(("alpha_unitized", a.alpha_unitized));
    out.push(("verdict_alpha_ordinal", a.verdict_alpha_ordinal));
    out.push(("ac1", a.ac1));
    out
}

fn label(key: &str) -> &'static str {
    match key {
        "percent_agreement" => "Per cent agreement",
        "alpha_nominal" => "Krippendorff's α (nominal)",
        "cohen_kappa" => "Cohen's κ",
        "fleiss_kappa" => "Fleiss' κ",
        "alpha_unitized" => "Unitized α (text segments)",
        "verdict_alpha_ordinal" => "Verdicts: α (ordinal)",
        "ac1" => "Gwet's AC1",
        _ => "",
    }
}

fn what_counts(key: &str) -> &'static str {
    match key {
        "alpha_unitized" => "text segments",
        "verdict_alpha_ordinal" => "statements with verdicts",
        "fleiss_kappa" => "statements every reviewer tagged",
        "cohen_kappa" => "statements both tagged",
        _ => "statements at least two tagged",
    }
}

fn shown(a: &Agreement) -> Vec<(&'static str, Figure)> {
    named_figures(a)
        .into_iter()
        .filter(|(key, _)| *key != "ac1" || a.show_ac1())
        .collect()
}

/// One headline figure as every report words it: what it is, its value,
/// and what it rests on. The window's Compare view shows these lines, so
/// the report and the window never word a figure differently.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLine {
    /// The JSON key (`"cohen_kappa"`).
    pub key: &'static str,
    /// The label ("Cohen's κ").
    pub label: &'static str,
    /// The value as text ("0.615", "83.3 %", "n/a").
    pub value: String,
    /// What it rests on ("12 statements both tagged").
    pub rests_on: String,
}

/// The headline figures shown for `agreement`, in report order (AC1 only
/// when one tag dominates).
pub fn figure_lines(agreement: &Agreement) -> Vec<FigureLine> {
    shown(agreement)
        .into_iter()
        .map(|(key, figure)| FigureLine {
            key,
            label: label(key),
            value: value_text(&figure, key == "percent_agreement"),
            rests_on: format!("{} {}", figure.statements, what_counts(key)),
        })
        .collect()
}

/// A figure's value as the reports write it: three decimals, a per cent
/// with one, or "n/a" when it cannot be computed.
pub fn value_text(figure: &Figure, percent: bool) -> String {
    match figure.value {
        Some(v) if percent => format!("{:.1} %", v * 100.0),
        Some(v) => format!("{v:.3}"),
        None => "n/a".to_owned(),
    }
}

/// The notes under the figures: a dominant tag, reviewers who tagged
/// nothing, text that does not line up.
pub fn notes(a: &Agreement) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((tag, share)) = a.dominant
        && a.show_ac1()
    {
        out.push(format!(
            "{} is {:.0} % of all labels: κ and α understate agreement when one tag dominates, so Gwet's AC1 is shown beside them.",
            tag.label(),
            share * 100.0
        ));
    }
    for name in &a.tagged_nothing {
        out.push(format!(
            "{name} tagged nothing; their statements count as missing."
        ));
    }
    if a.aligned < 1.0 {
        out.push(format!(
            "Reviewers segmented differently: {:.1} % of the text lines up ({} of {} statements). Statements that do not line up count in the unitized α.",
            a.aligned * 100.0,
            a.aligned_statements,
            a.statements
        ));
    }
    out
}

/// The quoted text of a disagreement, shortened.
fn quote(project: &Project, span: &std::ops::Range<usize>) -> String {
    let text = project.article.text.get(span.clone()).unwrap_or_default();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 120 {
        let short: String = flat.chars().take(117).collect();
        format!("{short}…")
    } else {
        flat
    }
}

/// Statement numbers (1-based, as the window shows them) of `project`.
fn number_of(project: &Project, span: &std::ops::Range<usize>) -> String {
    project
        .statements
        .iter()
        .position(|s| s.range == *span)
        .map_or_else(|| "–".to_owned(), |i| (i + 1).to_string())
}

/// The report as Markdown; `project` is one of the compared projects (for
/// the title and statement text).
pub fn to_markdown(agreement: &Agreement, project: &Project) -> String {
    let a = agreement;
    let cell = |t: &str| md_escape(&t.split_whitespace().collect::<Vec<_>>().join(" "), false);
    let mut doc = String::new();
    let _ = writeln!(
        doc,
        "# Reviewer agreement: {}\n",
        cell(&project.article.title)
    );
    let names: Vec<String> = a.reviewers.iter().map(|n| cell(n)).collect();
    let _ = writeln!(doc, "Reviewers: {}\n", names.join(", "));
    let _ = writeln!(
        doc,
        "{} statements, {} on the same span for everyone; {:.1} % of the text lines up.\n",
        a.statements,
        a.aligned_statements,
        a.aligned * 100.0
    );
    doc.push_str("| Figure | Value | Rests on |\n|---|---:|---|\n");
    for (key, figure) in shown(a) {
        let _ = writeln!(
            doc,
            "| {} | {} | {} {} |",
            label(key),
            value_text(&figure, key == "percent_agreement"),
            figure.statements,
            what_counts(key)
        );
    }
    doc.push_str(
        "\n## Per tag (this tag against any other)\n\n| Tag | α | Statements |\n|---|---:|---:|\n",
    );
    for (tag, figure) in &a.per_tag {
        let _ = writeln!(
            doc,
            "| {} | {} | {} |",
            tag.label(),
            value_text(figure, false),
            figure.statements
        );
    }
    for note in notes(a) {
        let _ = writeln!(doc, "\n> {}", cell(&note));
    }
    doc.push_str("\n## Who tagged what\n");
    for c in &a.confusion {
        let (ra, rb) = (
            a.reviewers.get(c.a).map_or("", String::as_str),
            a.reviewers.get(c.b).map_or("", String::as_str),
        );
        let _ = writeln!(
            doc,
            "\n{} (rows) against {} (columns):\n",
            cell(ra),
            cell(rb)
        );
        doc.push_str("| | Fact | Attribution | Opinion | Untagged |\n|---|---:|---:|---:|---:|\n");
        for row in Confusion::LABELS {
            let counts: Vec<String> = Confusion::LABELS
                .iter()
                .map(|&col| c.cell(row, col).len().to_string())
                .collect();
            let _ = writeln!(
                doc,
                "| {} | {} |",
                row.map_or("Untagged", Tag::label),
                counts.join(" | ")
            );
        }
    }
    let _ = writeln!(doc, "\n## Disagreements ({})\n", a.disagreements.len());
    if !a.disagreements.is_empty() {
        let _ = writeln!(doc, "| # | Statement | {} |", names.join(" | "));
        let _ = writeln!(doc, "|---:|---|{}", "---|".repeat(names.len()));
        for d in &a.disagreements {
            let tags: Vec<&str> = d.tags.iter().map(|t| t.map_or("–", Tag::label)).collect();
            let _ = writeln!(
                doc,
                "| {} | {} | {} |",
                number_of(project, &d.span),
                cell(&quote(project, &d.span)),
                tags.join(" | ")
            );
        }
    }
    doc
}

const CSS: &str = "body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .2rem .8rem .2rem 0; border-bottom: 1px solid #eee; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { border-left: 4px solid #f0a028; padding: .3rem .8rem; background: #fff8ec; }
td.heat { text-align: right; min-width: 3rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; margin-top: 2rem; }
";

/// The report as a self-contained HTML page (no script, no requests).
pub fn to_html(agreement: &Agreement, project: &Project) -> String {
    let a = agreement;
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        page,
        "<title>Reviewer agreement: {}</title>",
        html(&project.article.title)
    );
    let _ = writeln!(page, "<style>\n{CSS}</style>\n</head>\n<body>");
    let _ = writeln!(
        page,
        "<h1>Reviewer agreement: {}</h1>",
        html(&project.article.title)
    );
    let names: Vec<String> = a.reviewers.iter().map(|n| html(n)).collect();
    let _ = writeln!(page, "<p>Reviewers: {}</p>", names.join(", "));
    let _ = writeln!(
        page,
        "<p>{} statements, {} on the same span for everyone; {:.1} % of the text lines up.</p>",
        a.statements,
        a.aligned_statements,
        a.aligned * 100.0
    );
    page.push_str("<table>\n<thead><tr><th>Figure</th><th>Value</th><th>Rests on</th></tr></thead>\n<tbody>\n");
    for (key, figure) in shown(a) {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{} {}</td></tr>",
            html(label(key)),
            html(&value_text(&figure, key == "percent_agreement")),
            figure.statements,
            what_counts(key)
        );
    }
    page.push_str("</tbody>\n</table>\n");
    for note in notes(a) {
        let _ = writeln!(page, "<p class=\"note\">{}</p>", html(&note));
    }
    page.push_str("<h2>Per tag (this tag against any other)</h2>\n<table>\n<thead><tr><th>Tag</th><th>α</th><th>Statements</th></tr></thead>\n<tbody>\n");
    for (tag, figure) in &a.per_tag {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            tag.label(),
            value_text(figure, false),
            figure.statements
        );
    }
    page.push_str("</tbody>\n</table>\n<h2>Who tagged what</h2>\n");
    for c in &a.confusion {
        let (ra, rb) = (
            a.reviewers.get(c.a).map_or("", String::as_str),
            a.reviewers.get(c.b).map_or("", String::as_str),
        );
        let most = c.cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let _ = writeln!(
            page,
            "<table>\n<caption>{} (rows) against {} (columns)</caption>\n<thead><tr><th></th><th>Fact</th><th>Attribution</th><th>Opinion</th><th>Untagged</th></tr></thead>\n<tbody>",
            html(ra),
            html(rb)
        );
        for row in Confusion::LABELS {
            let _ = write!(page, "<tr><th>{}</th>", row.map_or("Untagged", Tag::label));
            for col in Confusion::LABELS {
                let n = c.cell(row, col).len();
                // Shade by count: the printable heat map.
                let shade = 255 - (n * 160 / most) as u8;
                let _ = write!(
                    page,
                    "<td class=\"heat\" style=\"background: rgb({shade}, {shade}, 255)\">{n}</td>"
                );
            }
            page.push_str("</tr>\n");
        }
        page.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(page, "<h2>Disagreements ({})</h2>", a.disagreements.len());
    if !a.disagreements.is_empty() {
        page.push_str("<table>\n<thead><tr><th>#</th><th>Statement</th>");
        for name in &names {
            let _ = write!(page, "<th>{name}</th>");
        }
        page.push_str("</tr></thead>\n<tbody>\n");
        for d in &a.disagreements {
            let _ = write!(
                page,
                "<tr><td class=\"n\">{}</td><td>{}</td>",
                number_of(project, &d.span),
                html(&quote(project, &d.span))
            );
            for tag in &d.tags {
                let _ = write!(page, "<td>{}</td>", tag.map_or("–", Tag::label));
            }
            page.push_str("</tr>\n");
        }
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</body>\n</html>\n");
    page
}
