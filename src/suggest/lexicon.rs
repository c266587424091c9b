//! The English word lists behind the rules, and a one-time table that
//! gives every word all its lists at once as bit flags ([`Lex`]).
//!
//! The tokenizer looks each word up once; the rules then test bits, where
//! matching every word against a dozen long `match` chains meant dozens of
//! string comparisons per word.
//!
//! Every list here was written for claimdesk from the wording of the tagging
//! policy (`TAGGING.md`) and ordinary newsroom usage; none is copied from
//! MPQA, the Hu & Liu opinion lexicon or any other published list.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use super::words::*;

/// FNV-1a, written out rather than taken from a crate for ten lines: the
/// table is fixed at compile time, so SipHash's protection against chosen
/// keys buys nothing, and FNV on words of a few bytes is several times
/// faster.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xCBF2_9CE4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01B3);
        }
        self.0 = hash;
    }
}

type Table = HashMap<&'static [u8], u32, BuildHasherDefault<Fnv>>;

/// Every list a word is on, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Lex(u32);

impl Lex {
    /// True when the word is on list `bit`.
    pub fn is(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// "said", "argued", "told": a speech verb that takes any subject.
pub(crate) const SPEECH_FINITE: u32 = 1 << 0;
/// "say", "argue": a speech verb that needs a real subject.
pub(crate) const SPEECH_BASE: u32 = 1 << 1;
/// "noting", "saying": a speech verb only after a comma.
pub(crate) const SPEECH_PARTICIPLE: u32 = 1 << 2;
/// "believes", "fears".
pub(crate) const BELIEF_FINITE: u32 = 1 << 3;
/// "believe", "fear".
pub(crate) const BELIEF_BASE: u32 = 1 << 4;
/// "found", "showed", "noted": a report only with "that", a document or researchers.
pub(crate) const FINDING: u32 = 1 << 5;
/// A document or body of findings that can be a source: "the audit found".
pub(crate) const DOCUMENT: u32 = 1 << 6;
/// Sources whose "found" is a finding, not a discovery of an object (documents too).
pub(crate) const FINDER: u32 = 1 << 7;
/// Vague groups that stand in for a named speaker: "officials say".
pub(crate) const UNNAMED: u32 = 1 << 8;
/// Words before a noun, so a verb-looking word after them is a noun ("the claims").
pub(crate) const DETERMINER: u32 = 1 << 9;
/// Words before a verb that make it passive or an infinitive: "was found", "to argue".
pub(crate) const PASSIVE: u32 = 1 << 10;
/// Words that cannot be the subject of a base-form verb: "would say", "in praise".
pub(crate) const NOT_SUBJECT: u32 = 1 << 11;
/// Adverbs and auxiliaries skipped when looking for what precedes a verb.
pub(crate) const SKIPPABLE: u32 = 1 << 12;
/// The writer speaking in the first person.
pub(crate) const FIRST_PERSON: u32 = 1 << 13;
/// Judging words: in the writer's own voice they make a statement an opinion.
pub(crate) const EVALUATIVE: u32 = 1 << 14;
/// Recommendation and obligation words.
pub(crate) const MODAL: u32 = 1 << 15;
/// Softeners of the writer's claim.
pub(crate) const HEDGE: u32 = 1 << 16;
/// Intensifiers of the writer's certainty.
pub(crate) const BOOSTER: u32 = 1 << 17;
/// Superlatives that pass judgement (unlike "largest", a checkable ranking).
pub(crate) const SUPERLATIVE: u32 = 1 << 18;
/// Words after "the most" that make a countable ranking, not a verdict.
pub(crate) const AFTER_MOST: u32 = 1 << 19;
/// Number words that make a quantity ("one" is left out: "one of the most" is rarely a count).
pub(crate) const NUMBER: u32 = 1 << 20;
/// Month names (matched only when capitalised).
pub(crate) const MONTH: u32 = 1 << 21;
/// Day names (matched only when capitalised).
pub(crate) const WEEKDAY: u32 = 1 << 22;
/// Time words that date a statement without a name: "yesterday".
pub(crate) const TIME: u32 = 1 << 23;
/// Periods that follow "last", "next" or "this" to form a date.
pub(crate) const PERIOD: u32 = 1 << 24;
/// Irregular past tenses (and participles) that tell of something that happened.
pub(crate) const IRREGULAR_PAST: u32 = 1 << 25;
/// Words ending in "ed" that are not past tenses (plus every "-eed" but "agreed", "freed", "guaranteed").
pub(crate) const NOT_PAST: u32 = 1 << 26;
/// Capitalised words that open sentences and name nothing.
pub(crate) const FUNCTION: u32 = 1 << 27;
/// Ends in "ly": an adverb, never the subject of a verb.
pub(crate) const LY: u32 = 1 << 28;

/// Which lists each word is on.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut table = Table::default();
    for (bit, words) in LISTS {
        for &word in *words {
            *table.entry(word.as_bytes()).or_default() |= bit;
        }
    }
    table
});

/// The length of the longest listed word (checked by a test).
const LONGEST: usize = 16;

/// The lists, by bit.
const LISTS: &[(u32, &[&str])] = &[
    (SPEECH_FINITE, SPEECH_FINITE_WORDS),
    (SPEECH_BASE, SPEECH_BASE_WORDS),
    (SPEECH_PARTICIPLE, SPEECH_PARTICIPLE_WORDS),
    (BELIEF_FINITE, BELIEF_FINITE_WORDS),
    (BELIEF_BASE, BELIEF_BASE_WORDS),
    (FINDING, FINDING_WORDS),
    (DOCUMENT, DOCUMENT_WORDS),
    (FINDER, FINDER_WORDS),
    (UNNAMED, UNNAMED_WORDS),
    (DETERMINER, DETERMINER_WORDS),
    (PASSIVE, PASSIVE_WORDS),
    (NOT_SUBJECT, NOT_SUBJECT_WORDS),
    (SKIPPABLE, SKIPPABLE_WORDS),
    (FIRST_PERSON, FIRST_PERSON_WORDS),
    (EVALUATIVE, EVALUATIVE_WORDS),
    (MODAL, MODAL_WORDS),
    (HEDGE, HEDGE_WORDS),
    (BOOSTER, BOOSTER_WORDS),
    (SUPERLATIVE, SUPERLATIVE_WORDS),
    (AFTER_MOST, AFTER_MOST_WORDS),
    (NUMBER, NUMBER_WORDS),
    (MONTH, MONTH_WORDS),
    (WEEKDAY, WEEKDAY_WORDS),
    (TIME, TIME_WORDS),
    (PERIOD, PERIOD_WORDS),
    (IRREGULAR_PAST, IRREGULAR_PAST_WORDS),
    (NOT_PAST, NOT_PAST_WORDS),
    (FUNCTION, FUNCTION_WORDS),
];

/// The lists `word` (a lower-case key) is on.
pub(crate) fn lookup(word: &[u8]) -> Lex {
    // No listed word is longer than this or holds a digit: most words of a
    // long article skip the hash.
    if word.is_empty() || word.len() > LONGEST || word.first().is_some_and(u8::is_ascii_digit) {
        return Lex(0);
    }
    let mut bits = TABLE.get(word).copied().unwrap_or(0);
    if word.ends_with(b"ly") {
        bits |= LY;
    }
    if word.ends_with(b"eed") && !matches!(word, b"agreed" | b"freed" | b"guaranteed") {
        bits |= NOT_PAST;
    }
    Lex(bits)
}

/// What a verb of saying or thinking reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbClass {
    /// Someone said it: "said", "argued", "told".
    Speech,
    /// Someone believes, fears or expects it: "fears", "expects".
    Belief,
    /// Only a report when a "that" clause, a document or researchers go
    /// with it: "found", "showed", "noted" also describe plain events.
    Finding,
}

/// The grammatical form, which decides what must stand before the verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// "said", "says": a subject of any kind may precede it.
    Finite,
    /// "say", "argue": needs a subject that is not a modal or "to".
    Base,
    /// "noting", "saying": only after a comma (", noting that …").
    Participle,
}

/// A verb of saying, believing or finding.
pub(crate) fn reporting_verb(lex: Lex) -> Option<(VerbClass, VerbForm)> {
    use VerbClass::{Belief, Finding, Speech};
    use VerbForm::{Base, Finite, Participle};
    [
        (SPEECH_FINITE, (Speech, Finite)),
        (SPEECH_BASE, (Speech, Base)),
        (SPEECH_PARTICIPLE, (Speech, Participle)),
        (BELIEF_FINITE, (Belief, Finite)),
        (BELIEF_BASE, (Belief, Base)),
        (FINDING, (Finding, Finite)),
    ]
    .into_iter()
    .find(|(bit, _)| lex.is(*bit))
    .map(|(_, verb)| verb)
}

/// Sources whose "found" is a finding: researchers, courts, documents.
pub(crate) fn finding_subject(lex: Lex) -> bool {
    lex.is(FINDER | DOCUMENT)
}

/// Words that cannot be the subject of a base-form verb.
pub(crate) fn not_a_subject(lex: Lex) -> bool {
    lex.is(NOT_SUBJECT | PASSIVE | DETERMINER | LY)
}

/// Words ending in "ed" that are not past tenses.
pub(crate) fn not_past(lex: Lex) -> bool {
    lex.is(NOT_PAST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_gets_every_list_it_is_on() {
        let most = lookup(b"analysts");
        assert!(most.is(UNNAMED) && most.is(FINDER) && !most.is(DOCUMENT));
        assert_eq!(
            reporting_verb(lookup(b"said")),
            Some((VerbClass::Speech, VerbForm::Finite))
        );
        assert_eq!(
            reporting_verb(lookup(b"fear")),
            Some((VerbClass::Belief, VerbForm::Base))
        );
        assert!(not_a_subject(lookup(b"rarely")) && not_a_subject(lookup(b"the")));
        assert!(not_past(lookup(b"proceed")) && !not_past(lookup(b"agreed")));
        assert_eq!(lookup(b"zebra"), Lex(0));
        assert_eq!(lookup(b""), Lex(0));
        let longest = LISTS
            .iter()
            .flat_map(|(_, words)| words.iter())
            .map(|w| w.len())
            .max();
        assert!(longest <= Some(LONGEST), "{longest:?}");
    }
}
