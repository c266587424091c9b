//! News prose beyond the Golden Rules. Every sentence here is invented for
//! these tests; names, places and figures are fictional.

use claimdesk::segment::{Language, segment, segment_into, statements};

fn en(text: &str) -> Vec<&str> {
    statements(text, Language::English).collect()
}

fn generic(text: &str) -> Vec<&str> {
    statements(text, Language::Generic).collect()
}

#[test]
fn datelines_stay_with_the_first_sentence() {
    assert_eq!(
        en(
            "BRUSSELS (AP) — Ministers agreed on Tuesday to delay the vote. Analysts were surprised."
        ),
        [
            "BRUSSELS (AP) — Ministers agreed on Tuesday to delay the vote.",
            "Analysts were surprised."
        ]
    );
    assert_eq!(
        en(
            "LAS CRUCES, N.M., Nov. 21 (Reuters) - The dairy cooperative said it would close two plants. Shares fell."
        ),
        [
            "LAS CRUCES, N.M., Nov. 21 (Reuters) - The dairy cooperative said it would close two plants.",
            "Shares fell."
        ]
    );
    assert_eq!(
        en("WASHINGTON — The panel adjourned early. It meets again Monday."),
        [
            "WASHINGTON — The panel adjourned early.",
            "It meets again Monday."
        ]
    );
}

#[test]
fn titles_and_honorifics_do_not_end_sentences() {
    assert_eq!(
        en("Sen. Maria Alvarez spoke first. Gov. Tom Reyes disagreed. Rep. Dana Cole left early."),
        [
            "Sen. Maria Alvarez spoke first.",
            "Gov. Tom Reyes disagreed.",
            "Rep. Dana Cole left early."
        ]
    );
    assert_eq!(
        en(
            "Prof. Ian Webb and Dr. Lena Ortiz testified. Mr. Hale and Ms. Ruiz declined to comment."
        ),
        [
            "Prof. Ian Webb and Dr. Lena Ortiz testified.",
            "Mr. Hale and Ms. Ruiz declined to comment."
        ]
    );
    assert_eq!(
        en(
            "Martin Ames Jr. was absent. The vote went ahead without Martin Ames Jr. He objected later."
        ),
        [
            "Martin Ames Jr. was absent.",
            "The vote went ahead without Martin Ames Jr.",
            "He objected later."
        ]
    );
    assert_eq!(
        en("Lt. Gov. Carla Pryce and Gen. Omar Haddad met Mrs. Tran."),
        ["Lt. Gov. Carla Pryce and Gen. Omar Haddad met Mrs. Tran."]
    );
}

#[test]
fn state_and_party_tags() {
    assert_eq!(
        en(
            "Sen. Maria Alvarez (D-N.M.) said the measure would pass. Rep. Ed Stone (R-Tex.) called it reckless."
        ),
        [
            "Sen. Maria Alvarez (D-N.M.) said the measure would pass.",
            "Rep. Ed Stone (R-Tex.) called it reckless."
        ]
    );
    assert_eq!(
        en("The bill was written by Rep. Ana Ruiz, D-Calif. She expects a vote."),
        [
            "The bill was written by Rep. Ana Ruiz, D-Calif.",
            "She expects a vote."
        ]
    );
    assert_eq!(
        en("“It is a fair deal,” said Sen. Jo Park (I-Vt.). “We should take it.”"),
        [
            "“It is a fair deal,” said Sen. Jo Park (I-Vt.).",
            "“We should take it.”"
        ]
    );
    assert_eq!(
        en("The plant in Olympia, Wash. The plant in Provo closed."),
        ["The plant in Olympia, Wash.", "The plant in Provo closed."]
    );
}

#[test]
fn month_abbreviations() {
    assert_eq!(
        en(
            "The hearing is set for Nov. 21 in Albuquerque. It was moved from Oct. 3 after a storm."
        ),
        [
            "The hearing is set for Nov. 21 in Albuquerque.",
            "It was moved from Oct. 3 after a storm."
        ]
    );
    assert_eq!(
        en("Filing closes Sept. 30, 2025, at noon. Late entries are refused."),
        [
            "Filing closes Sept. 30, 2025, at noon.",
            "Late entries are refused."
        ]
    );
    // Lower case "mar" and "sun" are words, not months and days.
    assert_eq!(
        en("They watched the sun. Nobody spoke."),
        ["They watched the sun.", "Nobody spoke."]
    );
}

#[test]
fn multi_period_abbreviations_at_the_end_of_a_sentence() {
    assert_eq!(
        en(
            "The company moved its headquarters to the U.S. Its rival stayed in the U.K. Both plan to grow in the E.U. Neither would comment."
        ),
        [
            "The company moved its headquarters to the U.S.",
            "Its rival stayed in the U.K.",
            "Both plan to grow in the E.U.",
            "Neither would comment."
        ]
    );
    assert_eq!(
        en("She met the U.S. Trade Representative. The U.S. Rep. Lina Moss attended."),
        [
            "She met the U.S. Trade Representative.",
            "The U.S. Rep. Lina Moss attended."
        ]
    );
    assert_eq!(
        en(
            "The talks ended at 4 p.m. Officials said a deal was close. Polls close at 8 p.m. Tuesday in most states."
        ),
        [
            "The talks ended at 4 p.m.",
            "Officials said a deal was close.",
            "Polls close at 8 p.m. Tuesday in most states."
        ]
    );
    assert_eq!(
        en(
            "The flight landed at 6 a.m. EST and taxied for an hour. By 7 a.m. The Daily Ledger had the story."
        ),
        [
            "The flight landed at 6 a.m. EST and taxied for an hour.",
            "By 7 a.m. The Daily Ledger had the story."
        ]
    );
    assert_eq!(
        en("She earned a Ph.D. in physics. She holds a Ph.D. It took six years."),
        [
            "She earned a Ph.D. in physics.",
            "She holds a Ph.D.",
            "It took six years."
        ]
    );
}

#[test]
fn quotes_closed_after_the_terminator() {
    assert_eq!(
        en("The plan was approved.” Then the crowd dispersed."),
        ["The plan was approved.”", "Then the crowd dispersed."]
    );
    assert_eq!(
        en("He asked, “Who signed this?” Nobody answered."),
        ["He asked, “Who signed this?”", "Nobody answered."]
    );
    assert_eq!(
        en("She wrote \"The figures are wrong.\" The agency did not reply."),
        [
            "She wrote \"The figures are wrong.\"",
            "The agency did not reply."
        ]
    );
    assert_eq!(
        en("“Enough!” The chair banged the gavel."),
        ["“Enough!”", "The chair banged the gavel."]
    );
}

#[test]
fn quote_followed_by_its_attribution() {
    assert_eq!(
        en("“We will not back down,” she said. “This bill is wrong.”"),
        [
            "“We will not back down,” she said.",
            "“This bill is wrong.”"
        ]
    );
    assert_eq!(
        en("“Is this really fair?” asked one farmer. “Nobody asked us.”"),
        [
            "“Is this really fair?” asked one farmer.",
            "“Nobody asked us.”"
        ]
    );
    // A quotation of several sentences stays with its attribution.
    assert_eq!(
        en(
            "“The numbers do not add up. The agency knows it,” said Kim Osei, a budget analyst. She left."
        ),
        [
            "“The numbers do not add up. The agency knows it,” said Kim Osei, a budget analyst.",
            "She left."
        ]
    );
    assert_eq!(
        en("\"We tried. We failed,\" the coach said."),
        ["\"We tried. We failed,\" the coach said."]
    );
}

#[test]
fn quotation_continued_in_the_next_paragraph() {
    // News style opens the quote again in each paragraph and closes it only
    // at the end: the unclosed paragraph must still split.
    assert_eq!(
        en(
            "“We have waited long enough. Every season we lose more wells.\n\n“Nobody in the capital seems to notice,” said Ruth Vega."
        ),
        [
            "“We have waited long enough.",
            "Every season we lose more wells.",
            "“Nobody in the capital seems to notice,” said Ruth Vega."
        ]
    );
}

#[test]
fn parenthesised_whole_sentences() {
    assert_eq!(
        en("The mayor resigned on Friday. (She had served two terms.) Her deputy will take over."),
        [
            "The mayor resigned on Friday.",
            "(She had served two terms.)",
            "Her deputy will take over."
        ]
    );
    assert_eq!(
        en("The board met (it rarely does. Members live far apart.) and voted."),
        ["The board met (it rarely does. Members live far apart.) and voted."]
    );
    assert_eq!(
        en("Turnout was low. (Officials blamed the rain.)"),
        ["Turnout was low.", "(Officials blamed the rain.)"]
    );
}

#[test]
fn money_and_percentages() {
    assert_eq!(
        en(
            "Revenue rose 4.5% to $3.2 billion. The stock fell 12 percent, or $1.75, to $24.10. Analysts expected €1.1 billion."
        ),
        [
            "Revenue rose 4.5% to $3.2 billion.",
            "The stock fell 12 percent, or $1.75, to $24.10.",
            "Analysts expected €1.1 billion."
        ]
    );
    assert_eq!(
        en("The fee is $.50 per page. It was 0.3 percent in 2023. Costs rose to £2.4m."),
        [
            "The fee is $.50 per page.",
            "It was 0.3 percent in 2023.",
            "Costs rose to £2.4m."
        ]
    );
}

#[test]
fn urls_and_email_addresses() {
    assert_eq!(
        en(
            "Details are at https://example.org/reports/2024/budget.html. Questions go to press.office@example.org. The page was updated."
        ),
        [
            "Details are at https://example.org/reports/2024/budget.html.",
            "Questions go to press.office@example.org.",
            "The page was updated."
        ]
    );
    assert_eq!(
        en("Readers can visit www.example.net/faq?id=12&ref=News. Or call."),
        [
            "Readers can visit www.example.net/faq?id=12&ref=News.",
            "Or call."
        ]
    );
}

#[test]
fn headlines_on_their_own_line() {
    assert_eq!(
        en(
            "Lawmakers Clash Over Rural Broadband Bill\nBRUSSELS (AP) — Ministers agreed to delay the vote. Analysts were surprised."
        ),
        [
            "Lawmakers Clash Over Rural Broadband Bill",
            "BRUSSELS (AP) — Ministers agreed to delay the vote.",
            "Analysts were surprised."
        ]
    );
    assert_eq!(
        en(
            "Council Approves Budget\nBy Jane Doe\nStaff Writer\n\nThe council voted 7-2 on Monday."
        ),
        [
            "Council Approves Budget",
            "By Jane Doe",
            "Staff Writer",
            "The council voted 7-2 on Monday."
        ]
    );
    assert_eq!(
        en("Is the drought over?\nForecasters say it is too soon to tell."),
        [
            "Is the drought over?",
            "Forecasters say it is too soon to tell."
        ]
    );
}

#[test]
fn list_items_on_their_own_lines() {
    assert_eq!(
        en(
            "Key findings:\n- Turnout fell in 12 counties\n- Rural precincts reported late\n* Two recounts are pending"
        ),
        [
            "Key findings:",
            "- Turnout fell in 12 counties",
            "- Rural precincts reported late",
            "* Two recounts are pending"
        ]
    );
    assert_eq!(
        en(
            "1. The first recommendation\n2. The second recommendation\na) expand testing\nb) publish data\n• Budget cuts • Hiring freeze"
        ),
        [
            "1. The first recommendation",
            "2. The second recommendation",
            "a) expand testing",
            "b) publish data",
            "• Budget cuts",
            "• Hiring freeze"
        ]
    );
    assert_eq!(
        en("The report lists:\n(1) staffing gaps;\n(2) old equipment."),
        [
            "The report lists:",
            "(1) staffing gaps;",
            "(2) old equipment."
        ]
    );
}

#[test]
fn blank_lines_always_end_a_statement() {
    assert_eq!(
        en("The figures were revised by the\n\nMinistry of Finance on Friday"),
        [
            "The figures were revised by the",
            "Ministry of Finance on Friday"
        ]
    );
    assert_eq!(en("Sen.\n\nSmith"), ["Sen.", "Smith"]);
    assert_eq!(en("One\r\n\r\nTwo\u{2029}Three"), ["One", "Two", "Three"]);
}

#[test]
fn hard_wrapped_paragraphs_are_not_split_at_line_ends() {
    let text = "The committee met for three hours on Tuesday and heard testimony from\n\
                several farmers who had driven in from Clovis and Portales. Most of\n\
                them said the proposed water rules would force them to sell land that\n\
                Governor Pryce had promised to protect.\n";
    assert_eq!(
        en(text),
        [
            "The committee met for three hours on Tuesday and heard testimony from\nseveral farmers who had driven in from Clovis and Portales.",
            "Most of\nthem said the proposed water rules would force them to sell land that\nGovernor Pryce had promised to protect."
        ]
    );
    // Wrapped before a capitalised word: the lines are all filled to the
    // same width, so the break is a wrap, not a headline.
    let text = "The agency published the revised figures late on Friday, three weeks\n\
                after the deadline set by lawmakers in the spring session of the New\n\
                Mexico legislature, and officials declined to explain the long delay.\n";
    assert_eq!(en(text).len(), 1);
}

#[test]
fn abbreviation_at_a_line_end_in_pasted_text() {
    // A line break after an ambiguous abbreviation in text that is not
    // hard-wrapped is a paragraph end; after a title it is not.
    assert_eq!(
        en("The talks stalled in the U.S.\nCongress returns next week."),
        [
            "The talks stalled in the U.S.",
            "Congress returns next week."
        ]
    );
    assert_eq!(
        en("The award went to Dr.\nLena Ortiz."),
        ["The award went to Dr.\nLena Ortiz."]
    );
}

#[test]
fn other_languages_split_on_their_terminators() {
    assert_eq!(
        generic(
            "德国总理周二表示，将推迟投票。分析人士对此感到意外！他说：「我们不会让步。」然后离开了。"
        ),
        [
            "德国总理周二表示，将推迟投票。",
            "分析人士对此感到意外！",
            "他说：「我们不会让步。」",
            "然后离开了。"
        ]
    );
    assert_eq!(
        generic("هل ستوافق الحكومة؟ قال الوزير إن القرار نهائي."),
        ["هل ستوافق الحكومة؟", "قال الوزير إن القرار نهائي."]
    );
    assert_eq!(
        generic("सरकार ने बजट पेश किया। विपक्ष ने इसका विरोध किया।"),
        ["सरकार ने बजट पेश किया।", "विपक्ष ने इसका विरोध किया।"]
    );
    assert_eq!(
        generic("Er kam am 3. Oktober an. Sie sagte: „Wir warten. Das ist klar.“ Dann ging sie."),
        [
            "Er kam am 3. Oktober an.",
            "Sie sagte: „Wir warten. Das ist klar.“",
            "Dann ging sie."
        ]
    );
    assert_eq!(
        generic("Sie sprach mit Dr. Meyer. Er lachte."),
        ["Sie sprach mit Dr. Meyer.", "Er lachte."]
    );
    assert_eq!(
        generic("Le président a parlé. « Nous gagnerons. » Il est parti."),
        [
            "Le président a parlé.",
            "« Nous gagnerons. »",
            "Il est parti."
        ]
    );
    // CJK terminators also split inside English text.
    assert_eq!(
        en("He wrote 谢谢。Then he left."),
        ["He wrote 谢谢。", "Then he left."]
    );
}

#[test]
fn english_word_lists_do_no_harm_elsewhere() {
    // "ave" (Spanish: bird) is the English "Ave." (avenue) and would keep
    // the sentences together under English rules.
    let text = "Vimos un ave. Luego voló hacia el norte.";
    assert_eq!(
        generic(text),
        ["Vimos un ave.", "Luego voló hacia el norte."]
    );
    assert_eq!(en(text).len(), 1);
    // And the reverse: an English-only rule stays out of Generic.
    assert_eq!(
        generic("Hello world.Today is Tuesday."),
        ["Hello world.Today is Tuesday."]
    );
    assert_eq!(
        en("Hello world.Today is Tuesday."),
        ["Hello world.", "Today is Tuesday."]
    );
}

#[test]
fn segment_into_matches_segment() {
    let text = "One. Two? Three!\n\nFour";
    let mut out = vec![99..100, 200..300];
    segment_into(text, Language::English, &mut out);
    assert_eq!(out, segment(text, Language::English));
    assert_eq!(out.len(), 4);
}
