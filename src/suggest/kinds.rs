//! The small serialisable vocabulary of tag suggestions: why a tag was
//! suggested ([`ReasonKind`]), how sure the rules are ([`Confidence`]), and
//! what the project records when the reviewer accepts one
//! ([`AcceptedSuggestion`]).
//!
//! Kept apart from the rules so [`crate::model`] can store these types
//! without depending on the suggester itself.

use serde::{Deserialize, Serialize};

/// One kind of cue the rules look for, shown to the reviewer by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ReasonKind {
    /// A verb of saying with a speaker: "told", "insisted", "said".
    ReportingVerb,
    /// A fixed phrase that names a source: "according to", "in a statement".
    AttributionPhrase,
    /// Quotation marks with a verb of saying (or continuing such a quote).
    QuoteWithSpeechVerb,
    /// A speaker that is a vague group: "officials say", "critics argue".
    UnnamedSource,
    /// A document as the source: "the report found", "the filing shows".
    DocumentSource,
    /// What someone else believes, fears or expects: "she fears".
    ThirdPartyBelief,
    /// A judging word in the writer's own voice: "reckless", "welcome".
    Evaluative,
    /// A recommendation or obligation: "should", "must", "deserves".
    Modal,
    /// A softener: "perhaps", "probably", "seems", "may".
    Hedge,
    /// An intensifier of certainty: "clearly", "of course", "surely".
    Booster,
    /// An unsourced forecast: "will", "is going to", with no date on record.
    Prediction,
    /// The writer speaking: a question, "!", "we", "I".
    WritersVoice,
    /// A superlative verdict: "the most ambitious", "the best".
    Superlative,
    /// A number, amount or share.
    Quantity,
    /// A year, month, weekday or other time on record.
    Date,
    /// A named person, place or organisation.
    NamedEntity,
    /// A verb in the past: something that happened.
    CompletedEvent,
    /// None of the opinion or attribution cues fired (a weak reason).
    NoOpinionCues,
}

impl ReasonKind {
    /// Every kind, in the order reasons are listed.
    pub const ALL: [ReasonKind; 18] = [
        ReasonKind::ReportingVerb,
        ReasonKind::AttributionPhrase,
        ReasonKind::QuoteWithSpeechVerb,
        ReasonKind::UnnamedSource,
        ReasonKind::DocumentSource,
        ReasonKind::ThirdPartyBelief,
        ReasonKind::Evaluative,
        ReasonKind::Modal,
        ReasonKind::Hedge,
        ReasonKind::Booster,
        ReasonKind::Prediction,
        ReasonKind::WritersVoice,
        ReasonKind::Superlative,
        ReasonKind::Quantity,
        ReasonKind::Date,
        ReasonKind::NamedEntity,
        ReasonKind::CompletedEvent,
        ReasonKind::NoOpinionCues,
    ];

    /// The name shown to the reviewer (and used in `--json`).
    pub fn label(self) -> &'static str {
        match self {
            ReasonKind::ReportingVerb => "reporting verb",
            ReasonKind::AttributionPhrase => "attribution phrase",
            ReasonKind::QuoteWithSpeechVerb => "quotation with speech verb",
            ReasonKind::UnnamedSource => "unnamed source",
            ReasonKind::DocumentSource => "document as source",
            ReasonKind::ThirdPartyBelief => "third party's belief",
            ReasonKind::Evaluative => "evaluative word",
            ReasonKind::Modal => "should-type modal",
            ReasonKind::Hedge => "hedge",
            ReasonKind::Booster => "booster",
            ReasonKind::Prediction => "unsourced prediction",
            ReasonKind::WritersVoice => "writer's own voice",
            ReasonKind::Superlative => "superlative verdict",
            ReasonKind::Quantity => "quantity",
            ReasonKind::Date => "date",
            ReasonKind::NamedEntity => "named entity",
            ReasonKind::CompletedEvent => "completed event",
            ReasonKind::NoOpinionCues => "no opinion cues",
        }
    }
}

/// How sure the rules are, shown as a word, never a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Confidence {
    /// Strong cues agree and nothing contradicts them.
    High,
    /// The cues point one way but are weaker or fewer.
    Medium,
}

impl Confidence {
    /// The word shown to the reviewer: "high" or "medium".
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
        }
    }
}

/// What the project records when a statement's tag came from accepting a
/// suggestion, so reports and agreement figures can tell it apart from the
/// reviewer's own call.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AcceptedSuggestion {
    /// The confidence the suggestion was shown with.
    pub confidence: Confidence,
    /// The kinds of reason it was shown with.
    pub reasons: Vec<ReasonKind>,
}
