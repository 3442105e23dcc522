//! Quotes: quote-mark pairing into quoted spans, the cue lexicon, and the attribution
//! rules that find speaker, cue, channel and addressee.

mod scanner;

#[allow(unused_imports)] // until the attribution rules use the scanner
pub(crate) use scanner::{scan, QuoteSpan, SpanClass};

use crate::entities::DocEntities;
use crate::extractor::Options;
use crate::output::Quote;

/// Word lists the rules use (cue verbs, titles, role nouns, page debris), loaded from the
/// data files under `lexicon/`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub(crate) fn default_lexicon() -> Lexicon {
        Lexicon {}
    }
}

pub(crate) fn attribute(
    _text: &str,
    _doc: &DocEntities,
    _lexicon: &Lexicon,
    _options: &Options,
) -> Vec<Quote> {
    Vec::new()
}
