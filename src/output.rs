//! What extraction returns: [`Analysis`] with byte spans for Rust callers, and
//! [`Document`], the JSON contract with code-point (or byte) offsets.

use crate::gazetteer::Label;
use crate::text::{CharOffsets, Span};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Everything found in one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Analysis {
    /// Entity mentions, in text order.
    pub entities: Vec<EntityMention>,
    /// Quotations and reported speech, in text order.
    pub quotes: Vec<Quote>,
}

/// One mention of a person, group, organisation or place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityMention {
    /// Where the mention stands.
    pub span: Span,
    /// Entity type.
    pub label: Label,
    /// Canonical name when the mention is resolved to an entity.
    pub name: Option<Arc<str>>,
    /// Gazetteer id when the entity is in a gazetteer.
    pub id: Option<Arc<str>>,
    /// When the mention is ambiguous and the document does not decide ("Georgia" with no
    /// other clue), the ids of the entries it could be; empty otherwise.
    pub candidates: Vec<Arc<str>>,
}

/// Whether the words are quoted whole, in part, or reported without quote marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A full quotation: the quoted words are a sentence or more of their own.
    Direct,
    /// A fragment quoted inside the writer's own sentence.
    Partial,
    /// Reported speech with no quote marks ("Rubio said Friday that …").
    Indirect,
    /// Reported speech that quotes some of the words.
    Mixed,
}

/// How the speaker of a quote was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResolvedBy {
    /// The speaker is named next to the cue.
    Explicit,
    /// A partial name (surname, short form) linked to the full name in the document.
    Alias,
    /// A pronoun linked to the most salient compatible person.
    Pronoun,
    /// A role noun ("the president", "the envoy") linked to the person who holds it.
    Role,
    /// No attribution of its own: inherits the speaker of the quotation before it.
    Continuation,
}

/// The speaker of a quote.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The words in the text that stand for the speaker (a name, a pronoun, a role noun).
    pub span: Span,
    /// Canonical name of the entity they resolve to, when resolved.
    pub name: Option<Arc<str>>,
    /// Gazetteer id, when the entity is in a gazetteer.
    pub id: Option<Arc<str>>,
    /// How the speaker was found.
    pub resolved_by: ResolvedBy,
}

/// A channel ("via KCNA") or an addressee or medium ("told NBC News").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Party {
    /// The words in the text.
    pub span: Span,
    /// Canonical name when resolved.
    pub name: Option<Arc<str>>,
    /// Gazetteer id, when known.
    pub id: Option<Arc<str>>,
}

/// One attributed (or unattributed) quotation or report of speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted or reported words, without the quote marks.
    pub content: Span,
    /// Direct, partial, indirect or mixed.
    pub kind: QuoteKind,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The verb or phrase that attributes it ("said", "according to").
    pub cue: Option<Span>,
    /// The channel it came through.
    pub via: Option<Party>,
    /// Who it was said to, or the medium it was said on.
    pub addressee: Option<Party>,
    /// How sure the rule that attributed it is, in [0, 1].
    pub confidence: f32,
    /// Quotes with the same number are parts of one quotation (interrupted by an
    /// attribution: `"We will," he said, "never give up."`).
    pub quotation: usize,
}

/// Units for offsets in JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    /// Unicode code points (Python `str`, spaCy `start_char`). The default.
    #[default]
    Chars,
    /// UTF-8 bytes (Rust `&str`).
    Bytes,
}

/// A span as it appears in JSON: the text and its offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The covered text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// An entity mention in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEntity {
    /// The covered text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// PERSON, NORP, ORG, GPE or LOC.
    pub label: Label,
    /// Canonical name, or null.
    pub name: Option<String>,
    /// Gazetteer id, or null.
    pub id: Option<String>,
    /// Ids the mention could stand for, when it is left ambiguous (omitted otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// A speaker in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonSpeaker {
    /// The words that stand for the speaker.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Canonical name, or null.
    pub name: Option<String>,
    /// Gazetteer id, or null.
    pub id: Option<String>,
    /// explicit, alias, pronoun, role or continuation.
    pub resolved_by: ResolvedBy,
}

/// A via or addressee in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonParty {
    /// The covered text.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Canonical name, or null.
    pub name: Option<String>,
    /// Gazetteer id, or null.
    pub id: Option<String>,
}

/// A quote in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonQuote {
    /// The quoted or reported words.
    pub content: TextSpan,
    /// direct, partial, indirect or mixed.
    pub kind: QuoteKind,
    /// The speaker, or null.
    pub speaker: Option<JsonSpeaker>,
    /// The cue, or null.
    pub cue: Option<TextSpan>,
    /// The channel, or null.
    pub via: Option<JsonParty>,
    /// The addressee or medium, or null.
    pub addressee: Option<JsonParty>,
    /// Confidence in [0, 1], three decimals.
    pub confidence: f64,
    /// Parts of one quotation share this number.
    pub quotation: usize,
}

/// One output line of the JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The input's id, as given.
    pub id: serde_json::Value,
    /// Entity mentions.
    pub entities: Vec<JsonEntity>,
    /// Quotes.
    pub quotes: Vec<JsonQuote>,
}

impl Analysis {
    /// The JSON contract for this analysis of `text`, with offsets in `unit`.
    ///
    /// `text` must be the text this analysis was made from.
    pub fn to_document(&self, id: serde_json::Value, text: &str, unit: OffsetUnit) -> Document {
        let offsets = Offsets::new(text, unit);
        let s = |span: Span| TextSpan {
            text: span.slice(text).to_string(),
            start: offsets.of(span.start),
            end: offsets.of(span.end),
        };
        let name = |n: &Option<Arc<str>>| n.as_deref().map(str::to_string);
        let party = |p: &Party| {
            let t = s(p.span);
            JsonParty {
                text: t.text,
                start: t.start,
                end: t.end,
                name: name(&p.name),
                id: name(&p.id),
            }
        };
        Document {
            id,
            entities: self
                .entities
                .iter()
                .map(|e| {
                    let t = s(e.span);
                    JsonEntity {
                        text: t.text,
                        start: t.start,
                        end: t.end,
                        label: e.label,
                        name: name(&e.name),
                        id: name(&e.id),
                        candidates: e.candidates.iter().map(|c| c.to_string()).collect(),
                    }
                })
                .collect(),
            quotes: self
                .quotes
                .iter()
                .map(|q| JsonQuote {
                    content: s(q.content),
                    kind: q.kind,
                    speaker: q.speaker.as_ref().map(|sp| {
                        let t = s(sp.span);
                        JsonSpeaker {
                            text: t.text,
                            start: t.start,
                            end: t.end,
                            name: name(&sp.name),
                            id: name(&sp.id),
                            resolved_by: sp.resolved_by,
                        }
                    }),
                    cue: q.cue.map(s),
                    via: q.via.as_ref().map(party),
                    addressee: q.addressee.as_ref().map(party),
                    // Three decimals: the figure ranks records; more digits would be noise.
                    confidence: (f64::from(q.confidence) * 1000.0).round() / 1000.0,
                    quotation: q.quotation,
                })
                .collect(),
        }
    }
}

enum Offsets {
    Bytes,
    Chars(CharOffsets),
}

impl Offsets {
    fn new(text: &str, unit: OffsetUnit) -> Offsets {
        match unit {
            OffsetUnit::Bytes => Offsets::Bytes,
            OffsetUnit::Chars => Offsets::Chars(CharOffsets::new(text)),
        }
    }

    fn of(&self, byte: usize) -> usize {
        match self {
            Offsets::Bytes => byte,
            Offsets::Chars(c) => c.char_offset(byte),
        }
    }
}
