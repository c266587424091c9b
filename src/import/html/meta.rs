//! What a page says about itself: title, byline, date, publication,
//! language and address from JSON-LD, Open Graph, `<meta>` tags, `<time>`
//! and `<html lang>`.

use super::*;

#[derive(Debug, Default)]
pub(super) struct PageMeta {
    pub(super) title: String,
    pub(super) byline: String,
    pub(super) published: String,
    pub(super) publication: String,
    pub(super) language: String,
    pub(super) url: String,
    pub(super) paywalled: bool,
}

/// Everything the page declares about itself, gathered in one walk over
/// its elements (a dozen selector queries cost a dozen walks).
pub(super) fn page_meta(doc: &Document) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut found: HashMap<&'static str, String> = HashMap::new();
    let mut keep = |key: &'static str, value: Option<String>| {
        if let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
            found.entry(key).or_insert(value);
        }
    };
    for node in doc.root().descendants_it() {
        let Some(name) = node.element_ref().map(|element| element.name.local.clone()) else {
            continue;
        };
        let content = || node.attr("content").map(|c| c.to_string());
        match &*name {
            "meta" => {
                let key = node
                    .attr("property")
                    .or_else(|| node.attr("name"))
                    .or_else(|| node.attr("itemprop"))
                    .map(|k| k.to_ascii_lowercase());
                let key: Option<&'static str> = match key.as_deref() {
                    Some("og:title") => Some("og:title"),
                    Some("twitter:title") => Some("twitter:title"),
                    Some("og:site_name") => Some("og:site_name"),
                    Some("author") => Some("author"),
                    Some("article:author") => Some("article:author"),
                    Some("byl") => Some("byl"),
                    Some("article:published_time") => Some("article:published_time"),
                    Some("datepublished") => Some("datePublished"),
                    Some("date") => Some("date"),
                    Some("pubdate") => Some("pubdate"),
                    Some("og:locale") => Some("og:locale"),
                    Some("og:url") => Some("og:url"),
                    _ => None,
                };
                if let Some(key) = key {
                    keep(key, content());
                }
            }
            "link"
                if node
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                keep("canonical", node.attr("href").map(|h| h.to_string()));
            }
            "script"
                if node
                    .attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(node.text().trim()) {
                    json_ld(&value, &mut meta, 0);
                }
            }
            "time" => {
                // Without a machine-readable datetime, what the element says
                // ("March 4, 2026") is read by `normalise_date`.
                let datetime = node
                    .attr("datetime")
                    .map(|d| d.to_string())
                    .or_else(|| Some(node.text().trim().to_owned()).filter(|t| !t.is_empty()));
                if node.has_attr("pubdate")
                    || node
                        .attr("itemprop")
                        .is_some_and(|i| i.eq_ignore_ascii_case("datePublished"))
                {
                    keep("time:published", datetime.clone());
                }
                keep("time", datetime);
            }
            "html" => keep("lang", node.attr("lang").map(|l| l.to_string())),
            _ => {}
        }
    }
    let is_url = |u: &String| u.starts_with("http://") || u.starts_with("https://");
    let mut get = |key: &str| found.remove(key);
    let set = |field: &mut String, value: Option<String>| {
        if field.is_empty()
            && let Some(value) = value
        {
            *field = value;
        }
    };
    set(&mut meta.title, get("og:title"));
    set(&mut meta.title, get("twitter:title"));
    set(&mut meta.publication, get("og:site_name"));
    set(
        &mut meta.byline,
        get("author").filter(|a| !a.starts_with("http")),
    );
    set(
        &mut meta.byline,
        get("article:author").filter(|a| !a.starts_with("http")),
    );
    set(&mut meta.byline, get("byl"));
    set(&mut meta.published, get("article:published_time"));
    set(&mut meta.published, get("datePublished"));
    set(&mut meta.published, get("date"));
    set(&mut meta.published, get("pubdate"));
    set(&mut meta.published, get("time:published"));
    set(&mut meta.published, get("time"));
    set(&mut meta.language, get("lang"));
    set(
        &mut meta.language,
        get("og:locale").map(|l| l.replace('_', "-")),
    );
    set(&mut meta.url, get("canonical").filter(is_url));
    set(&mut meta.url, get("og:url").filter(is_url));
    meta
}

pub(super) const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
];

pub(super) fn json_ld(value: &serde_json::Value, meta: &mut PageMeta, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                json_ld(item, meta, depth + 1);
            }
        }
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                json_ld(graph, meta, depth + 1);
            }
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if !is_article {
                return;
            }
            let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::trim);
            let set = |field: &mut String, value: Option<&str>| {
                if field.is_empty()
                    && let Some(value) = value.filter(|v| !v.is_empty())
                {
                    value.clone_into(field);
                }
            };
            set(&mut meta.title, text("headline").or_else(|| text("name")));
            set(&mut meta.published, text("datePublished"));
            set(&mut meta.language, text("inLanguage"));
            set(&mut meta.url, text("url").filter(|u| u.starts_with("http")));
            if meta.url.is_empty() {
                let main = match map.get("mainEntityOfPage") {
                    Some(Value::String(s)) => Some(s.as_str()),
                    Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str),
                    _ => None,
                };
                set(&mut meta.url, main.filter(|u| u.starts_with("http")));
            }
            if meta.byline.is_empty() {
                meta.byline = names(map.get("author")).join(" and ");
            }
            if meta.publication.is_empty() {
                meta.publication = names(map.get("publisher")).join(", ");
            }
            if map.get("isAccessibleForFree").is_some_and(|v| {
                v == &Value::Bool(false)
                    || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("false"))
            }) {
                meta.paywalled = true;
            }
        }
        _ => {}
    }
}

/// Names from a JSON-LD person/organisation value: a string, an object
/// with `name`, or a list of either.
pub(super) fn names(value: Option<&serde_json::Value>) -> Vec<String> {
    use serde_json::Value;
    match value {
        Some(Value::String(s)) if !s.starts_with("http") => vec![s.trim().to_owned()],
        Some(Value::Object(o)) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|n| vec![n.trim().to_owned()])
            .unwrap_or_default(),
        Some(Value::Array(items)) => items.iter().flat_map(|i| names(Some(i))).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|n| !n.is_empty())
    .collect()
}

pub(super) fn finish_meta(meta: &mut PageMeta) {
    meta.title = collapse(&meta.title);
    // "Headline | The Outlet": og:title and <title> often carry the site.
    if !meta.publication.is_empty() {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            let suffix = format!("{separator}{}", meta.publication);
            if let Some(stripped) = meta.title.strip_suffix(&suffix) {
                meta.title = stripped.trim().to_owned();
            }
        }
    }
    let byline = collapse(&meta.byline);
    let byline = strip_prefix_ci(&byline, "by ").unwrap_or(&byline);
    meta.byline = byline.trim_end_matches([',', ';']).trim().to_owned();
    meta.published = normalise_date(&meta.published);
    meta.publication = collapse(&meta.publication);
    meta.language = meta.language.trim().to_owned();
}

pub(super) fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// `YYYY-MM-DD` from a date as pages write it; empty when the text is not
/// a date that can be read without guessing.
///
/// Read: ISO 8601 dates and timestamps (`2026-03-04T10:00:00Z`, also
/// `2026-3-4` and `2026/03/04`), dates with an English month name in either
/// order (`March 4, 2026`, `Wed, 04 Mar 2026 10:00:00 GMT`), and
/// day-first dates with dots (`04.03.2026`, the European
/// form). Not read: all-number dates with slashes or dashes and the year
/// last (`3/4/2026`), which mean different days in the US and elsewhere.
pub fn normalise_date(text: &str) -> String {
    read_date(text.trim())
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
        .unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_named(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    // "Mar", "March", "Sept": the first three letters name the month, and
    // the rest must be a prefix of the full name (so "Marmalade" is not).
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    let full = FULL.get(index)?;
    full.starts_with(&lower).then(|| index as u8 + 1)
}

fn valid(y: i64, m: i64, d: i64) -> Option<(i64, i64, i64)> {
    let (y16, m8, d8) = (
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    );
    ((1800..=2200).contains(&y) && jiff::civil::Date::new(y16, m8, d8).is_ok()).then_some((y, m, d))
}

fn read_date(text: &str) -> Option<(i64, i64, i64)> {
    // ISO first: the date part of a timestamp.
    let head: String = text
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != 'T')
        .collect();
    let numbers: Vec<&str> = head.split(['-', '/']).collect();
    if let [y, m, d] = numbers.as_slice()
        && y.len() == 4
        && [y, m, d]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return valid(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    // Day-first with dots: 04.03.2026.
    let dotted: Vec<&str> = head.split('.').collect();
    if let [d, m, y] = dotted.as_slice()
        && y.len() == 4
        && [d, m, y]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return valid(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    // A month name, a day and a year, in any order; a time of day
    // ("10:00:00") is one word with colons and is skipped.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty() && !w.contains(':'))
        .collect();
    let month = words.iter().find_map(|w| month_named(w))?;
    let digits = |w: &&str| {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 4th, 1st
        (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.to_owned())
    };
    let numbers: Vec<String> = words.iter().filter_map(digits).collect();
    let year = numbers.iter().find(|n| n.len() == 4)?;
    let day = numbers.iter().find(|n| n.len() <= 2)?;
    valid(year.parse().ok()?, i64::from(month), day.parse().ok()?)
}
