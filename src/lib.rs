//! # whosaid
//!
//! Reads English news text and answers *who said what, to whom, via whom*, with gazetteers
//! and rules: no parser, no model.
//!
//! ```
//! use whosaid::Extractor;
//!
//! let ex = Extractor::new(); // the embedded default gazetteers
//! let text = "'We are ready,' Kim Jong Un said, according to KCNA.";
//! let analysis = ex.extract(text);
//! for q in &analysis.quotes {
//!     let speaker = q.speaker.as_ref().and_then(|s| s.name.as_deref());
//!     println!("{:?} said {:?}", speaker, q.content.slice(text));
//! }
//! ```
//!
//! The pipeline, one module per stage: [`text`] (spans, paragraphs, sentences) →
//! [`gazetteer`] (entries, one byte trie walked from each word start, precompiled for the
//! embedded defaults by `build.rs`) → `entities` (mentions resolved to
//! document entities) → `quotes` (quote marks, cues, attribution) → [`Analysis`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod batch;
mod entities;
mod error;
mod extractor;
pub mod gazetteer;
mod output;
mod quotes;
pub mod stream;
pub mod text;

pub use batch::available_jobs;
pub use error::Error;
pub use extractor::{Extractor, ExtractorBuilder, Options};
pub use gazetteer::Label;
pub use output::{
    Analysis, Document, EntityMention, JsonEntity, JsonParty, JsonQuote, JsonSpeaker, OffsetUnit,
    Party, Quote, QuoteKind, ResolvedBy, Speaker, TextSpan,
};
pub use text::Span;

/// The README's examples run as doc tests, so the README cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
