//! The right-click menu on a statement, in the article and in the list:
//! tag it, split it at the word under the pointer, merge it with the next,
//! copy its text or a citation.

use crate::edit::Edit;
use crate::model::{Project, StatementId, Tag};
use crate::ui::action::Action;
use crate::ui::view_state::Reveal;

/// What was right-clicked: a statement and, in the article, the word under
/// the pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MenuTarget {
    /// The statement.
    pub id: StatementId,
    /// Where "Split here" would split (the start of the word under the
    /// pointer), if that is inside the statement and not its first word.
    pub split_at: Option<usize>,
}

/// The start of the word holding byte `at` of `text`, if that word lies
/// inside `range` after its first word: where a split there would cut.
pub fn split_point(text: &str, range: std::ops::Range<usize>, at: usize) -> Option<usize> {
    let statement = text.get(range.clone())?;
    let first_word = range.start + (statement.len() - statement.trim_start().len());
    let at = at.clamp(range.start, range.end);
    let before = text.get(range.start..at)?;
    // Back to the white space before the pointer; a click on white space
    // means the word after it.
    let start = match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(ch) if ch.is_whitespace() => {
            let rest = text.get(at..range.end)?;
            at + (rest.len() - rest.trim_start().len())
        }
        _ => before
            .char_indices()
            .rev()
            .find(|(_, ch)| ch.is_whitespace())
            .map_or(range.start, |(i, ch)| range.start + i + ch.len_utf8()),
    };
    (start > first_word && start < range.end).then_some(start)
}

/// "Statement 12: “…” — Title, https://…": what Copy citation puts on the
/// clipboard.
pub fn citation(project: &Project, index: usize) -> Option<String> {
    let statement = project.statements.get(index)?;
    let quote = project
        .text_of(statement)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = format!(
        "Statement {}: “{quote}” — {}",
        index + 1,
        project.article.title
    );
    let url = project.meta.article_url.trim();
    if !url.is_empty() {
        out.push_str(", ");
        out.push_str(url);
    }
    Some(out)
}

/// The menu's contents for `target`. Copying happens at once; everything
/// else is pushed as actions.
pub fn statement_menu_ui(
    ui: &mut egui::Ui,
    project: &Project,
    target: MenuTarget,
    actions: &mut Vec<Action>,
) {
    let Some(index) = project.index_of(target.id) else {
        ui.close();
        return;
    };
    let Some(statement) = project.statements.get(index) else {
        return;
    };
    let id = target.id;
    let chosen = |ui: &mut egui::Ui, action: Action, actions: &mut Vec<Action>| {
        actions.push(Action::Select(id, Reveal::Both));
        actions.push(action);
        ui.close();
    };
    ui.label(egui::RichText::new(format!("Statement {}", index + 1)).strong());
    for tag in Tag::ALL {
        let label = format!("Tag as {}", tag.label().to_lowercase());
        if ui
            .add_enabled(statement.tag != Some(tag), egui::Button::new(label))
            .clicked()
        {
            let edit = Edit::SetTag { id, tag: Some(tag) };
            chosen(ui, Action::Edit(edit), actions);
        }
    }
    if ui
        .add_enabled(statement.tag.is_some(), egui::Button::new("Clear tag"))
        .clicked()
    {
        chosen(ui, Action::Edit(Edit::SetTag { id, tag: None }), actions);
    }
    ui.separator();
    let split = ui
        .add_enabled(target.split_at.is_some(), egui::Button::new("Split here"))
        .on_disabled_hover_text("Right-click the word the second part should start with");
    if split.clicked()
        && let Some(at) = target.split_at
    {
        chosen(ui, Action::Edit(Edit::Split { id, at }), actions);
    }
    let has_next = index + 1 < project.statements.len();
    if ui
        .add_enabled(has_next, egui::Button::new("Merge with next"))
        .clicked()
    {
        chosen(ui, Action::Edit(Edit::Merge { id }), actions);
    }
    ui.separator();
    if ui.button("Copy text").clicked() {
        ui.ctx().copy_text(project.text_of(statement).to_owned());
        ui.close();
    }
    if ui
        .button("Copy citation")
        .on_hover_text("Statement number, quote, article title and address")
        .clicked()
    {
        if let Some(citation) = citation(project, index) {
            ui.ctx().copy_text(citation);
        }
        ui.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_point_is_the_start_of_the_word_under_the_pointer() {
        let text = "Intro. The mayor said no. After.";
        let range = 7..25; // "The mayor said no."
        let mayor = text.find("mayor").unwrap();
        assert_eq!(split_point(text, range.clone(), mayor + 2), Some(mayor));
        assert_eq!(split_point(text, range.clone(), mayor), Some(mayor));
        // On the space before "said": the word after it.
        let said = text.find("said").unwrap();
        assert_eq!(split_point(text, range.clone(), said - 1), Some(said));
        // The first word cannot be split off from nothing.
        assert_eq!(split_point(text, range.clone(), 8), None);
        assert_eq!(split_point(text, range, 7), None);
    }

    #[test]
    fn split_point_handles_multibyte_words() {
        let text = "قال الوزير أمس";
        let minister = text.find("الوزير").unwrap();
        let inside = minister + "ال".len();
        assert_eq!(split_point(text, 0..text.len(), inside), Some(minister));
    }

    #[test]
    fn a_citation_names_number_quote_title_and_address() {
        let mut project = crate::testing::project(5, 1);
        project.article.title = "Council votes".to_owned();
        project.meta.article_url = "https://news.example/tram".to_owned();
        let quote = project.text_of(&project.statements[2]).to_owned();
        let cited = citation(&project, 2).unwrap();
        assert!(cited.starts_with("Statement 3: “"), "{cited}");
        assert!(cited.contains(quote.split_whitespace().next().unwrap()));
        assert!(
            cited.ends_with("— Council votes, https://news.example/tram"),
            "{cited}"
        );
        project.meta.article_url.clear();
        assert!(citation(&project, 2).unwrap().ends_with("— Council votes"));
        assert_eq!(citation(&project, 99), None);
    }
}
