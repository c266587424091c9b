//! The rules: what cues one statement holds, and which of them belong to
//! the writer rather than to a quoted or reported source.
//!
//! # Scope
//! Opinion cues count only in the writer's voice. Words inside quotation
//! marks belong to the speaker. When an attribution cue fires, the rest of
//! its main clause is the source's (a reported clause after "said", or the
//! content before a trailing ", critics say"), so opinion cues in it are
//! dropped; only cues beyond a semicolon — a new main clause — stay and
//! make the statement a conflict. Per the tagging policy, reported speech
//! wins over what it reports, so checkable details inside an attribution
//! never turn it into a fact.

use super::kinds::ReasonKind;
use super::lexicon::{self as lx, Lex, VerbClass, VerbForm};
use super::tokens::{Kind, Token, tokenize};

/// At most this many cues of one kind are kept: beyond it the list only
/// clutters the reviewer's view.
const MAX_PER_KIND: usize = 4;

/// One cue found in a statement; offsets are into the statement text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cue {
    /// What it is.
    pub kind: ReasonKind,
    /// First byte in the statement.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A strong cue on its own (a named speaker, "should"); weak ones
    /// ("will", "expects") only lower confidence or lose in a conflict.
    pub strong: bool,
    /// The semicolon-separated main clause it is in.
    pub clause: usize,
}

/// Everything the rules found in one statement.
#[derive(Debug, Default, Clone)]
pub(crate) struct Findings {
    /// Cues that someone else vouches for the statement.
    pub attribution: Vec<Cue>,
    /// Cues of the writer's judgement (quoted words already left out; the
    /// attribution scope is applied in [`Findings::writer_opinion`]).
    pub opinion: Vec<Cue>,
    /// Checkable details in the writer's voice.
    pub fact: Vec<Cue>,
    /// An attribution names no one: "officials say".
    pub unnamed: bool,
    /// The statement has quotation marks.
    pub has_quote: bool,
    /// The opening quotation mark when the statement opens with one.
    pub opening_quote: Option<(usize, usize)>,
    /// Words outside quotation marks.
    pub unquoted_words: usize,
}

impl Findings {
    /// Opinion cues that are the writer's: outside the clauses an
    /// attribution covers, and predictions only when no date makes them a
    /// scheduled event ("will be sworn in on Monday").
    pub fn writer_opinion(&self) -> impl Iterator<Item = &Cue> {
        let dated = self.fact.iter().any(|c| c.kind == ReasonKind::Date);
        self.opinion.iter().filter(move |cue| {
            let scheduled = dated && cue.kind == ReasonKind::Prediction;
            let reported = self.attribution.iter().any(|a| a.clause == cue.clause);
            !(scheduled || reported)
        })
    }
}

/// Reusable state for analysing statements one after another.
#[derive(Debug, Default)]
pub(crate) struct Analyzer {
    tokens: Vec<Token>,
    clauses: Vec<usize>,
}

impl Analyzer {
    /// The cues in `text` (one statement).
    pub fn analyse(&mut self, text: &str) -> Findings {
        tokenize(text, &mut self.tokens);
        self.clauses.clear();
        let mut clause = 0;
        for token in &self.tokens {
            if token.kind == Kind::Semicolon && !token.quoted {
                clause += 1;
            }
            self.clauses.push(clause);
        }
        let mut scan = Scan {
            tokens: &self.tokens,
            keys: self.tokens.iter().map(Token::key).collect(),
            clauses: &self.clauses,
            found: Findings::default(),
            first_word: self.tokens.iter().position(Token::is_word),
        };
        scan.run();
        scan.found
    }
}

struct Scan<'a> {
    tokens: &'a [Token],
    /// Each token's key, validated once rather than at every rule.
    keys: Vec<&'a str>,
    clauses: &'a [usize],
    found: Findings,
    first_word: Option<usize>,
}

impl<'a> Scan<'a> {
    fn key(&self, i: usize) -> &'a str {
        self.keys.get(i).copied().unwrap_or("")
    }

    fn lex(&self, i: usize) -> Lex {
        self.tokens.get(i).map_or(Lex::default(), |t| t.lex)
    }

    /// The lists of the word right before `i` (none for a mark).
    fn prev_lex(&self, i: usize) -> Lex {
        i.checked_sub(1)
            .and_then(|j| self.word_at(j))
            .map_or(Lex::default(), |t| t.lex)
    }

    /// The lists of the word right after `i` (none for a mark).
    fn next_lex(&self, i: usize) -> Lex {
        self.word_at(i + 1).map_or(Lex::default(), |t| t.lex)
    }

    fn word_at(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i).filter(|t| t.is_word())
    }

    /// The key of the word right after `i`, or "" if a mark or nothing
    /// follows.
    fn next_key(&self, i: usize) -> &'a str {
        self.key(i + 1)
    }

    /// The key of the word right before `i`, or "".
    fn prev_key(&self, i: usize) -> &'a str {
        i.checked_sub(1).map_or("", |j| self.key(j))
    }

    fn push(&mut self, list: List, kind: ReasonKind, from: usize, to: usize, strong: bool) {
        let (Some(first), Some(last)) = (self.tokens.get(from), self.tokens.get(to)) else {
            return;
        };
        let cue = Cue {
            kind,
            start: first.start,
            end: last.end,
            strong,
            clause: self.clauses.get(from).copied().unwrap_or(0),
        };
        let target = match list {
            List::Attribution => &mut self.found.attribution,
            List::Opinion => &mut self.found.opinion,
            List::Fact => &mut self.found.fact,
        };
        let same_kind = target.iter().filter(|c| c.kind == kind).count();
        let overlaps = target
            .iter()
            .any(|c| c.kind == kind && c.start < cue.end && cue.start < c.end);
        if same_kind < MAX_PER_KIND && !overlaps {
            target.push(cue);
        }
    }

    fn run(&mut self) {
        let tokens = self.tokens;
        self.found.opening_quote = tokens
            .first()
            .filter(|t| t.kind == Kind::OpenQuote)
            .map(|t| (t.start, t.end));
        for (i, token) in tokens.iter().enumerate() {
            match token.kind {
                Kind::OpenQuote | Kind::CloseQuote => self.found.has_quote = true,
                Kind::Question | Kind::Bang if !token.quoted => {
                    self.push(List::Opinion, ReasonKind::WritersVoice, i, i, true);
                }
                Kind::Unit if !token.quoted => {
                    let beside_number = [i.wrapping_sub(1), i + 1]
                        .iter()
                        .any(|&j| self.tokens.get(j).is_some_and(Token::has_digit));
                    if !beside_number {
                        self.push(List::Fact, ReasonKind::Quantity, i, i, true);
                    }
                }
                Kind::Word { .. } if !token.quoted => {
                    self.found.unquoted_words += 1;
                    self.attribution_at(i);
                    self.opinion_at(i);
                    self.fact_at(i);
                }
                _ => {}
            }
        }
        if self.found.has_quote {
            for cue in &mut self.found.attribution {
                if cue.kind == ReasonKind::ReportingVerb {
                    cue.kind = ReasonKind::QuoteWithSpeechVerb;
                }
            }
        }
    }

    /// Index of the token before `i` that decides what kind of word `i`
    /// is, skipping adverbs and auxiliaries ("has repeatedly said").
    fn before_verb(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j > 0 {
            j -= 1;
            let token = self.tokens.get(j)?;
            if !(token.is_word() && token.lex.is(lx::SKIPPABLE)) {
                return Some(j);
            }
        }
        None
    }

    fn attribution_at(&mut self, i: usize) {
        let key = self.key(i);
        if key == "according" && self.next_key(i) == "to" {
            self.push(
                List::Attribution,
                ReasonKind::AttributionPhrase,
                i,
                i + 1,
                true,
            );
            return;
        }
        if key == "citing" && !self.prev_lex(i).is(lx::DETERMINER) {
            self.push(List::Attribution, ReasonKind::AttributionPhrase, i, i, true);
            return;
        }
        if key == "in" {
            self.in_a_statement(i);
            return;
        }
        let Some((class, form)) = lx::reporting_verb(self.lex(i)) else {
            return;
        };
        if self.tokens.get(i).is_some_and(Token::is_cap) {
            return;
        }
        let pre = self.before_verb(i);
        let pre_token = pre.and_then(|j| self.tokens.get(j));
        let pre_key = pre.map_or("", |j| self.key(j));
        let pre_lex = pre_token.map_or(Lex::default(), |t| t.lex);
        if pre_token.is_some_and(Token::is_word) && pre_lex.is(lx::PASSIVE | lx::DETERMINER) {
            return;
        }
        match form {
            VerbForm::Base => {
                let subject = match pre_token {
                    Some(t) if t.kind == Kind::Comma => pre.and_then(|j| self.before_aside(j)),
                    _ => pre,
                };
                let Some(subject_lex) = subject.and_then(|j| self.word_at(j)).map(|t| t.lex) else {
                    return;
                };
                if lx::not_a_subject(subject_lex) {
                    return;
                }
                // "make councillors think": a causative, not a report.
                let causer = subject
                    .and_then(|j| j.checked_sub(1))
                    .map_or("", |j| self.key(j));
                if matches!(
                    causer,
                    "make" | "makes" | "made" | "let" | "lets" | "help" | "helps"
                ) {
                    return;
                }
            }
            VerbForm::Participle => {
                let after_comma = i
                    .checked_sub(1)
                    .and_then(|j| self.tokens.get(j))
                    .is_some_and(|t| t.kind == Kind::Comma);
                if !after_comma {
                    return;
                }
            }
            VerbForm::Finite => {
                if pre.is_none() {
                    return;
                }
            }
        }
        if matches!(pre_key, "i" | "we") {
            // "We believe", "I think": the writer's own view, not a source.
            if let Some(j) = pre {
                self.push(List::Opinion, ReasonKind::WritersVoice, j, i, true);
            }
            return;
        }
        if matches!(key, "pointed" | "points" | "point")
            && !matches!(self.next_key(i), "to" | "out")
        {
            return;
        }
        let subject = self.subject_of(i, pre);
        if key == "heard" {
            if let Some(j) = subject.hearing {
                self.push(List::Attribution, ReasonKind::AttributionPhrase, j, i, true);
            }
            return;
        }
        if class == VerbClass::Finding {
            let reported = self.next_key(i) == "that"
                || subject.finder.is_some()
                || subject.document.is_some()
                || (self.is_tail(i) && matches!(key, "added" | "adds" | "noted" | "agreed"));
            if !reported {
                return;
            }
        }
        let strong = class != VerbClass::Belief;
        if let Some(j) = subject.document {
            self.push(
                List::Attribution,
                ReasonKind::DocumentSource,
                j.min(i),
                j.max(i),
                true,
            );
        } else if let Some(j) = subject.unnamed {
            self.found.unnamed = true;
            self.push(
                List::Attribution,
                ReasonKind::UnnamedSource,
                j.min(i),
                j.max(i),
                strong,
            );
        } else if class == VerbClass::Belief {
            self.push(List::Attribution, ReasonKind::ThirdPartyBelief, i, i, false);
        } else {
            self.push(List::Attribution, ReasonKind::ReportingVerb, i, i, true);
        }
    }

    /// The word before a comma-delimited aside that ends at the comma
    /// `comma`: in "Farmers' groups, on the other hand, say", the word
    /// before the first comma.
    fn before_aside(&self, comma: usize) -> Option<usize> {
        let start = comma.saturating_sub(8);
        let open = (start..comma)
            .rev()
            .find(|&j| self.tokens.get(j).is_some_and(|t| t.kind == Kind::Comma))?;
        let j = open.checked_sub(1)?;
        self.word_at(j).map(|_| j)
    }

    /// "in a statement", "in its annual report", "in an interview".
    fn in_a_statement(&mut self, i: usize) {
        if !self.next_lex(i).is(lx::DETERMINER) {
            return;
        }
        for j in i + 2..i + 5 {
            if self.word_at(j).is_none() {
                return;
            }
            if matches!(
                self.key(j),
                "statement"
                    | "interview"
                    | "letter"
                    | "post"
                    | "email"
                    | "e-mail"
                    | "memo"
                    | "filing"
                    | "submission"
                    | "report"
                    | "judgment"
                    | "judgement"
                    | "ruling"
                    | "briefing"
                    | "speech"
                    | "affidavit"
                    | "testimony"
                    | "podcast"
                    | "broadcast"
            ) {
                self.push(List::Attribution, ReasonKind::AttributionPhrase, i, j, true);
                return;
            }
        }
    }

    /// A reporting verb at the end of its statement after a comma or a
    /// closing quote: "…, he added."
    fn is_tail(&self, i: usize) -> bool {
        let rest_is_marks = self.tokens.iter().skip(i + 1).all(|t| !t.is_word());
        let mark_before = self
            .tokens
            .iter()
            .take(i)
            .rev()
            .take(5)
            .any(|t| matches!(t.kind, Kind::Comma | Kind::CloseQuote));
        rest_is_marks && mark_before
    }

    /// Who speaks: the words before the verb back to a quotation mark or
    /// semicolon, or, when nothing stands there ("…,” said the company"),
    /// the words after it up to a comma.
    fn subject_of(&self, i: usize, pre: Option<usize>) -> Subject {
        let mut subject = Subject::default();
        let inverted = pre
            .and_then(|j| self.tokens.get(j))
            .is_none_or(|t| !t.is_word());
        let indices: Vec<usize> = if inverted {
            (i + 1..self.tokens.len().min(i + 8))
                .take_while(|&j| self.word_at(j).is_some())
                .collect()
        } else {
            (i.saturating_sub(12)..i)
                .rev()
                .take_while(|&j| {
                    self.tokens.get(j).is_some_and(|t| {
                        !matches!(
                            t.kind,
                            Kind::OpenQuote | Kind::CloseQuote | Kind::Semicolon | Kind::Colon
                        )
                    })
                })
                .collect()
        };
        let mut named_between = false;
        for &j in &indices {
            let Some(token) = self.word_at(j) else {
                continue;
            };
            let key = self.key(j);
            if subject.document.is_none() && token.lex.is(lx::DOCUMENT) {
                subject.document = Some(j);
            }
            if subject.finder.is_none() && lx::finding_subject(token.lex) {
                subject.finder = Some(j);
            }
            if subject.hearing.is_none()
                && matches!(key, "court" | "jury" | "tribunal" | "inquiry" | "hearing")
            {
                subject.hearing = Some(j);
            }
            if subject.unnamed.is_none() && !named_between && token.lex.is(lx::UNNAMED) {
                subject.unnamed = Some(j);
            }
            let initial = Some(j) == self.first_word;
            if token.is_cap() && !initial && !token.has_digit() {
                named_between = true;
            }
        }
        if inverted {
            // "said lead researcher Dr. Holm": the speaker follows, and a
            // capitalised name anywhere in it makes the speaker named.
            if named_between {
                subject.unnamed = None;
            }
        }
        subject
    }

    fn opinion_at(&mut self, i: usize) {
        let key = self.key(i);
        let prev = self.prev_key(i);
        let next = self.next_key(i);
        let cap = self.tokens.get(i).is_some_and(Token::is_cap);
        let lex = self.lex(i);
        if lex.is(lx::MODAL) {
            self.push(List::Opinion, ReasonKind::Modal, i, i, true);
        } else if matches!(key, "need" | "needs") && next == "to" {
            self.push(List::Opinion, ReasonKind::Modal, i, i + 1, true);
        } else if key == "would" && next == "do" && self.key(i + 2) == "well" {
            self.push(List::Opinion, ReasonKind::Modal, i, i + 2, true);
        } else if lex.is(lx::HEDGE) && !(cap && key == "may") {
            self.push(List::Opinion, ReasonKind::Hedge, i, i, true);
        } else if key == "hard" && next == "to" {
            self.push(List::Opinion, ReasonKind::Hedge, i, i + 1, true);
        } else if key == "remains" && next == "to" && self.key(i + 2) == "be" {
            self.push(List::Opinion, ReasonKind::Hedge, i, i + 3, true);
        } else if lex.is(lx::BOOSTER) {
            self.push(List::Opinion, ReasonKind::Booster, i, i, true);
        } else if (key == "of" && next == "course") || (key == "no" && next == "doubt") {
            self.push(List::Opinion, ReasonKind::Booster, i, i + 1, true);
        } else if key == "far" && next == "from" {
            let after = self.tokens.get(i + 2);
            let literal = after.is_none_or(|t| {
                !t.is_word() || t.has_digit() || t.is_cap() || t.lex.is(lx::DETERMINER)
            });
            if !literal {
                self.push(List::Opinion, ReasonKind::Booster, i, i + 2, true);
            }
        } else if key == "too" && self.word_at(i + 1).is_some() {
            self.push(List::Opinion, ReasonKind::Evaluative, i, i + 1, true);
        } else if lex.is(lx::EVALUATIVE) && self.evaluative_here(key, prev, next) {
            self.push(List::Opinion, ReasonKind::Evaluative, i, i, true);
        } else if lex.is(lx::FIRST_PERSON) && !(cap && key == "us") {
            let audience =
                matches!(key, "me" | "us") && lx::reporting_verb(self.prev_lex(i)).is_some();
            // "We believe": the verb adds one cue for both words.
            let before_verb =
                matches!(key, "i" | "we") && lx::reporting_verb(self.next_lex(i)).is_some();
            if !audience && !before_verb {
                self.push(List::Opinion, ReasonKind::WritersVoice, i, i, true);
            }
        } else if lex.is(lx::SUPERLATIVE) {
            self.push(List::Opinion, ReasonKind::Superlative, i, i, true);
        } else if matches!(key, "most" | "least") && prev == "the" {
            let ranking = self
                .tokens
                .get(i + 1)
                .is_none_or(|t| !t.is_word() || t.has_digit() || t.lex.is(lx::AFTER_MOST));
            if !ranking {
                self.push(List::Opinion, ReasonKind::Superlative, i, i + 1, true);
            }
        } else if ((key == "will" && !cap) || key == "won't" || key.ends_with("'ll"))
            && !self.prev_lex(i).is(lx::DETERMINER)
        {
            self.push(List::Opinion, ReasonKind::Prediction, i, i, false);
        } else if key == "going" && next == "to" && matches!(prev, "is" | "are" | "am" | "it's") {
            self.push(List::Opinion, ReasonKind::Prediction, i, i + 1, false);
        }
    }

    /// Evaluative words that also have plain senses are judged by their
    /// neighbours: "a welcome boost" but "they welcome", "the right choice"
    /// but "the right to appeal", "dangerous driving" is an offence.
    fn evaluative_here(&self, key: &str, prev: &str, next: &str) -> bool {
        match key {
            "welcome" => matches!(
                prev,
                "a" | "an" | "is" | "was" | "be" | "very" | "most" | "more"
            ),
            "right" => {
                matches!(prev, "is" | "are" | "was" | "were" | "the" | "be" | "quite")
                    && !matches!(
                        next,
                        "to" | "of" | "now" | "away" | "here" | "there" | "after"
                    )
            }
            "clear" => {
                matches!(prev, "a" | "is" | "was" | "not" | "be" | "very" | "it's")
                    || matches!(next, "message" | "sign" | "signal" | "case")
            }
            "serious" => {
                !(next.starts_with("injur")
                    || matches!(
                        next,
                        "crime"
                            | "crimes"
                            | "offence"
                            | "offences"
                            | "condition"
                            | "assault"
                            | "fraud"
                            | "accident"
                            | "incident"
                            | "illness"
                    ))
            }
            "dangerous" => !matches!(
                next,
                "driving" | "cycling" | "goods" | "offenders" | "dogs" | "weapons" | "substances"
            ),
            "poor" => !matches!(
                next,
                "families"
                    | "households"
                    | "people"
                    | "children"
                    | "countries"
                    | "areas"
                    | "communities"
                    | "neighbourhoods"
                    | "neighborhoods"
            ),
            _ => true,
        }
    }

    fn fact_at(&mut self, i: usize) {
        let Some(token) = self.tokens.get(i).copied() else {
            return;
        };
        let key = self.key(i);
        let prev = self.prev_key(i);
        if token.has_digit() {
            let year = key.strip_suffix('s').unwrap_or(key);
            let is_year = year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
                && ("1800".."2100").contains(&year);
            let kind = if is_year {
                ReasonKind::Date
            } else {
                ReasonKind::Quantity
            };
            self.push(List::Fact, kind, i, i, true);
        } else if token.lex.is(lx::NUMBER) {
            self.push(List::Fact, ReasonKind::Quantity, i, i, true);
        } else if (token.is_cap() && (token.lex.is(lx::WEEKDAY) || self.month_here(i, key)))
            || token.lex.is(lx::TIME)
        {
            self.push(List::Fact, ReasonKind::Date, i, i, true);
        } else if matches!(key, "last" | "next" | "this" | "earlier")
            && self.next_lex(i).is(lx::PERIOD)
        {
            self.push(List::Fact, ReasonKind::Date, i, i + 1, true);
        } else if token.is_cap() {
            self.named_entity(i, key);
        } else if self.completed_event(i, key, prev) {
            self.push(List::Fact, ReasonKind::CompletedEvent, i, i, true);
        }
    }

    /// "May" and "March" are months only where a verb would make no sense:
    /// not first in the statement, or before a number.
    fn month_here(&self, i: usize, key: &str) -> bool {
        if !self.lex(i).is(lx::MONTH) {
            return false;
        }
        if matches!(key, "may" | "march") {
            return Some(i) != self.first_word
                || self.tokens.get(i + 1).is_some_and(Token::has_digit);
        }
        true
    }

    fn named_entity(&mut self, i: usize, key: &str) {
        let initial = Some(i) == self.first_word;
        let after_quote = i
            .checked_sub(1)
            .and_then(|j| self.tokens.get(j))
            .is_some_and(|t| t.kind == Kind::OpenQuote);
        let next_cap = self.word_at(i + 1).is_some_and(Token::is_cap);
        if key == "i" || after_quote || (initial && (!next_cap || self.lex(i).is(lx::FUNCTION))) {
            return;
        }
        // One reason for a whole name: "Lady Justice Okafor".
        let continues = i
            .checked_sub(1)
            .and_then(|j| self.word_at(j))
            .is_some_and(|t| {
                t.is_cap() && !(Some(i - 1) == self.first_word && t.lex.is(lx::FUNCTION))
            });
        if continues && !initial {
            let previous_end = self.tokens.get(i - 1).map(|t| t.end);
            if let Some(last) = self.found.fact.last_mut()
                && last.kind == ReasonKind::NamedEntity
                && Some(last.end) == previous_end
                && let Some(token) = self.tokens.get(i)
            {
                last.end = token.end;
                return;
            }
        }
        self.push(List::Fact, ReasonKind::NamedEntity, i, i, true);
    }

    fn completed_event(&self, i: usize, key: &str, prev: &str) -> bool {
        if self.lex(i).is(lx::IRREGULAR_PAST) {
            return !self.prev_lex(i).is(lx::DETERMINER);
        }
        if matches!(
            key,
            "cut" | "put" | "set" | "hit" | "shut" | "hurt" | "spread" | "split" | "quit"
        ) {
            return matches!(prev, "has" | "have" | "had" | "been" | "was" | "were");
        }
        key.len() >= 5
            && key.ends_with("ed")
            && !lx::not_past(self.lex(i))
            && !self.prev_lex(i).is(lx::DETERMINER)
    }
}

/// Which list a cue goes to.
#[derive(Clone, Copy)]
enum List {
    Attribution,
    Opinion,
    Fact,
}

/// What the words around a reporting verb say about its speaker: token
/// indices of the first document noun, finding body, hearing body or vague
/// group found.
#[derive(Debug, Default)]
struct Subject {
    document: Option<usize>,
    finder: Option<usize>,
    hearing: Option<usize>,
    unnamed: Option<usize>,
}
