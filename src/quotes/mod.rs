//! Quotes: quote-mark pairing into quoted spans, the cue lexicon, and the attribution
//! rules that find speaker, cue, channel and addressee.

mod attribution;
mod channel;
mod frame;
mod lexicon;
mod scanner;
mod speaker;

pub use lexicon::Lexicon;
pub(crate) use lexicon::{with_lower, CueInfo};
pub(crate) use scanner::{scan, QuoteSpan};

use crate::entities::DocEntities;
use crate::extractor::Options;
use crate::output::Quote;
use frame::Frame;

/// Everything the rules read about one document.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub doc: &'a DocEntities<'a>,
    pub lexicon: &'a Lexicon,
    pub quotes: &'a [QuoteSpan],
    pub frame: &'a Frame,
}

/// Finds and attributes the quotations and reported speech of a document.
pub(crate) fn attribute(
    text: &str,
    doc: &DocEntities<'_>,
    lexicon: &Lexicon,
    options: &Options,
) -> Vec<Quote> {
    let quotes = scan(text);
    let frame = Frame::new(text, doc, &quotes, lexicon);
    let ctx = Ctx {
        text,
        doc,
        lexicon,
        quotes: &quotes,
        frame: &frame,
    };
    attribution::attribute_all(&ctx, options)
}
