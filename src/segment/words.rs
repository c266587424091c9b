//! Word lists for the English rules: abbreviations by how they behave before a
//! capitalised word, sentence starters, and the words that may follow a clock
//! time without starting a sentence.
//!
//! The lists are `match` arms rather than sets so the compiler turns them into
//! length-then-bytes comparisons: no allocation and no hashing per period.

/// How a word that ends in a period behaves when the next word is
/// capitalised or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Not an abbreviation: the period ends the sentence.
    None,
    /// A title written before a name (`Mr.`, `Sen.`): never ends a sentence,
    /// because a title at the end of a sentence does not happen in prose.
    Title,
    /// Never ends a sentence (`vs.`, `e.g.`, `cf.`): always followed by more.
    Never,
    /// Stands before a number (`No. 5`, `p. 55`, `Fig. 3`); before anything
    /// else it is an ordinary word, so the period ends the sentence.
    NumberPrefix,
    /// A month (`Nov. 21`): no break before a number, otherwise decided by
    /// whether the next word is a sentence starter.
    Month,
    /// `a.m.` / `p.m.`: see [`follows_clock_time`] and the fronted-phrase rule
    /// in the scanner.
    ClockTime,
    /// Written with several periods (`U.S.`, `Ph.D.`, `N.M.`): breaks only
    /// before a sentence starter, and a title after it (`U.S. Rep. Jane Doe`)
    /// does not count as one.
    MultiPeriod,
    /// A single letter (`E.`, `I.`, `p.`): an initial unless a sentence
    /// starter follows (`you and I. Did you`).
    Initial,
    /// Can end a sentence or sit inside one (`Co.`, `Inc.`, `Jr.`, `St.`,
    /// state names): breaks only before a sentence starter or a title.
    Ambiguous,
}

/// Classifies the word before a period. `word` is the run of letters and
/// inner periods right before the period (`U.S`, `Mr`, `p`), without the
/// period itself.
pub(crate) fn classify(word: &str) -> Abbrev {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Abbrev::None;
    };
    if chars.next().is_none() {
        return if first.is_alphabetic() {
            Abbrev::Initial
        } else {
            Abbrev::None
        };
    }
    if word.contains('.') {
        // "Tuesday.Mr" (a glued sentence end) is not a dotted abbreviation;
        // its last part still is a word of its own.
        return match classify_dotted(word) {
            Abbrev::None => word.rsplit('.').next().map_or(Abbrev::None, classify),
            class => class,
        };
    }
    // Longer words are never on the lists; this keeps the lower-casing
    // below to a fixed stack buffer.
    let mut buf = [0u8; 8];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return Abbrev::None;
    }
    for (dst, &src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    let Some(lower) = buf
        .get(..bytes.len())
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        return Abbrev::None;
    };
    let capitalised = first.is_uppercase();
    match lower {
        // Titles; the common four also in lower case, as informal text has them.
        "mr" | "mrs" | "ms" | "dr" => Abbrev::Title,
        "mx" | "messrs" | "mmes" | "mme" | "mlle" | "drs" | "prof" | "profs" | "sen" | "sens"
        | "rep" | "reps" | "gov" | "govs" | "lt" | "gen" | "gens" | "col" | "capt" | "cpl"
        | "sgt" | "maj" | "adm" | "cmdr" | "cdr" | "brig" | "pvt" | "spc" | "rev" | "hon"
        | "pres" | "supt" | "amb" | "atty" | "fr" | "msgr" | "insp" | "det"
            if capitalised =>
        {
            Abbrev::Title
        }
        "vs" | "cf" | "viz" | "esp" | "incl" | "approx" | "ca" | "resp" => Abbrev::Never,
        "no" | "nos" | "nr" | "pp" | "vol" | "vols" | "fig" | "figs" | "art" | "ch" | "chap"
        | "sec" | "para" | "paras" | "tel" | "ext" | "op" | "ed" | "eds" | "ref" | "refs"
        | "est" | "n°" | "nº" => Abbrev::NumberPrefix,
        // Months and days are ordinary words in lower case ("the sun.").
        "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov"
        | "dec"
            if capitalised =>
        {
            Abbrev::Month
        }
        "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
            if capitalised =>
        {
            Abbrev::Ambiguous
        }
        // AP-style state abbreviations; several are English words in lower
        // case ("ill.", "wash."), so only the capitalised form counts.
        "ala" | "ariz" | "ark" | "calif" | "cal" | "colo" | "conn" | "del" | "fla" | "ga"
        | "ill" | "ind" | "kan" | "kans" | "ky" | "la" | "md" | "mass" | "mich" | "minn"
        | "miss" | "mo" | "mont" | "neb" | "nebr" | "nev" | "okla" | "ore" | "pa" | "penn"
        | "tenn" | "tex" | "vt" | "va" | "wash" | "wis" | "wisc" | "wyo"
            if capitalised =>
        {
            Abbrev::Ambiguous
        }
        "co" | "cos" | "corp" | "inc" | "ltd" | "llc" | "plc" | "llp" | "jr" | "sr" | "bros"
        | "esq" | "etc" | "al" | "dept" | "depts" | "univ" | "assn" | "assoc" | "natl" | "intl"
        | "govt" | "dist" | "div" | "ave" | "blvd" | "rd" | "st" | "mt" | "ft" | "hwy" | "sq"
        | "apt" | "bldg" | "ste" | "yr" | "yrs" | "mos" | "hrs" | "lb" | "lbs" | "oz" | "mfg"
        | "mgr" => Abbrev::Ambiguous,
        _ => Abbrev::None,
    }
}

/// Words with inner periods: `a.m`, `e.g`, `U.S.A`, `Ph.D`. Only short
/// letter groups count, so `Jane.Doe` or `example.com` stay ordinary words.
fn classify_dotted(word: &str) -> Abbrev {
    if !is_dotted_abbreviation(word) {
        return Abbrev::None;
    }
    if word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m") {
        return Abbrev::ClockTime;
    }
    if word.eq_ignore_ascii_case("e.g") || word.eq_ignore_ascii_case("i.e") {
        return Abbrev::Never;
    }
    Abbrev::MultiPeriod
}

/// Titles written before a name in many European languages ("Dr. Meyer",
/// "Prof. Rossi", "Sra. Gómez", "Mme. Roy"): a period after one never ends a
/// sentence, whatever the language, so [`super::Language::Generic`] keeps
/// this short list and nothing else from the English rules.
pub(crate) fn is_generic_title(word: &str) -> bool {
    matches!(
        word,
        "Dr" | "Prof"
            | "Hr"
            | "Fr"
            | "Sr"
            | "Sra"
            | "Srta"
            | "Mme"
            | "Mlle"
            | "Dott"
            | "Sig"
            | "Nr"
    )
}

/// Whether `word` is letter groups of one or two letters joined by periods
/// (`U.S`, `z.B`, `Ph.D`); `Jane.Doe` and `example.com` are not.
pub(crate) fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        })
}

/// Words that commonly open an English sentence. After an ambiguous
/// abbreviation ("Co.", "U.S.") one of these means the abbreviation ended the
/// sentence; any other capitalised word is taken as a name continuing it
/// ("U.S. Government"). The list is that of pragmatic_segmenter, widened with
/// pronouns, determiners and conjunctions; surnames that are also common
/// words ("Young", "Little", "Will", "May") are left out on purpose.
pub(crate) fn is_sentence_starter(word: &str) -> bool {
    matches!(
        word,
        "A" | "According"
            | "After"
            | "All"
            | "Almost"
            | "Among"
            | "Any"
            | "Asked"
            | "Both"
            | "Despite"
            | "Earlier"
            | "Either"
            | "Few"
            | "Instead"
            | "Just"
            | "Last"
            | "Later"
            | "Nearly"
            | "Neither"
            | "Next"
            | "Officials"
            | "Other"
            | "Others"
            | "Still"
            | "Today"
            | "Tomorrow"
            | "Unless"
            | "Unlike"
            | "Without"
            | "Yesterday"
            | "Also"
            | "Although"
            | "An"
            | "And"
            | "Another"
            | "As"
            | "At"
            | "Because"
            | "Before"
            | "Being"
            | "But"
            | "By"
            | "Did"
            | "Do"
            | "Does"
            | "During"
            | "Each"
            | "Even"
            | "Every"
            | "For"
            | "From"
            | "He"
            | "Her"
            | "Here"
            | "His"
            | "How"
            | "However"
            | "I"
            | "If"
            | "In"
            | "It"
            | "Its"
            | "Many"
            | "Meanwhile"
            | "Millions"
            | "More"
            | "Most"
            | "My"
            | "No"
            | "Not"
            | "Now"
            | "On"
            | "Once"
            | "One"
            | "Only"
            | "Our"
            | "Several"
            | "She"
            | "Since"
            | "So"
            | "Some"
            | "Such"
            | "That"
            | "The"
            | "Their"
            | "Then"
            | "There"
            | "These"
            | "They"
            | "This"
            | "Those"
            | "Though"
            | "Thus"
            | "To"
            | "Under"
            | "Until"
            | "We"
            | "What"
            | "When"
            | "Where"
            | "Whether"
            | "Which"
            | "While"
            | "Who"
            | "Why"
            | "With"
            | "Yet"
            | "You"
            | "Your"
    )
}

/// Capitalised words that follow a clock time inside the same sentence:
/// "8 p.m. Tuesday", "9 a.m. EST", "noon Jan. 5".
pub(crate) fn follows_clock_time(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "ET"
            | "EST"
            | "EDT"
            | "CT"
            | "CST"
            | "CDT"
            | "MT"
            | "MST"
            | "MDT"
            | "PT"
            | "PST"
            | "PDT"
            | "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "CEST"
            | "IST"
            | "JST"
            | "AEST"
            | "AEDT"
            | "Eastern"
            | "Central"
            | "Mountain"
            | "Pacific"
    )
}

/// Prepositions that open a fronted time phrase ("At 5 a.m. Mr. Smith
/// went…"): a statement that is only such a phrase is not a sentence yet.
pub(crate) fn is_time_preposition(word: &str) -> bool {
    matches!(
        word,
        "At" | "By"
            | "Before"
            | "After"
            | "Until"
            | "Till"
            | "Around"
            | "About"
            | "Since"
            | "From"
            | "Shortly"
            | "Starting"
            | "Beginning"
            | "Through"
            | "Between"
    )
}

/// Lower-case words a hard-wrapped line can end with but a headline or list
/// item almost never does: a line ending in one continues on the next line.
pub(crate) fn is_continuation_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "into"
            | "onto"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "as"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "not"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "your"
            | "my"
            | "this"
            | "these"
            | "those"
            | "about"
            | "over"
            | "under"
            | "after"
            | "before"
            | "between"
            | "if"
            | "when"
            | "while"
            | "because"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_representative_words() {
        assert_eq!(classify("Mr"), Abbrev::Title);
        assert_eq!(classify("Sen"), Abbrev::Title);
        assert_eq!(classify("sen"), Abbrev::None);
        assert_eq!(classify("U.S"), Abbrev::MultiPeriod);
        assert_eq!(classify("p.m"), Abbrev::ClockTime);
        assert_eq!(classify("E"), Abbrev::Initial);
        assert_eq!(classify("Co"), Abbrev::Ambiguous);
        assert_eq!(classify("Nov"), Abbrev::Month);
        assert_eq!(classify("nov"), Abbrev::None);
        assert_eq!(classify("Wash"), Abbrev::Ambiguous);
        assert_eq!(classify("wash"), Abbrev::None);
        assert_eq!(classify("No"), Abbrev::NumberPrefix);
        assert_eq!(classify("example.com"), Abbrev::None);
        assert_eq!(classify("Tuesday.Mr"), Abbrev::Title);
        assert_eq!(classify("world"), Abbrev::None);
        assert_eq!(classify(""), Abbrev::None);
    }
}
