//! Quotes: quote-mark pairing into quoted spans, the cue lexicon, and the attribution
//! rules that find speaker, cue, channel and addressee.

mod attribution;
mod channel;
mod frame;
mod lexicon;
mod scanner;
mod speaker;

pub(crate) use lexicon::CueInfo;
pub use lexicon::Lexicon;
pub(crate) use scanner::{scan_paragraphs, QuoteSpan};

use crate::entities::DocEntities;
use crate::extractor::Options;
use crate::output::Quote;
use frame::Frame;

/// An item range and the channel found in it.
pub(crate) type ViaMemo = ((usize, usize), Option<crate::output::Party>);

/// Everything the rules read about one document.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub doc: &'a DocEntities<'a>,
    pub lexicon: &'a Lexicon,
    pub quotes: &'a [QuoteSpan],
    pub frame: &'a Frame,
    /// The channel last found by `via_in`, by item range: the rules ask for the channel of
    /// the same sentence several times (per quote, per reported clause).
    pub via_memo: std::cell::RefCell<Option<ViaMemo>>,
    /// Every occurrence of a caption or credit mark in the text, overlapping ones too, in
    /// order of start: found in one pass, so a sentence's check is a search of this list.
    pub caption_marks: Vec<crate::text::Span>,
    /// Where the search of `caption_marks` for the last span asked about began: the rules
    /// ask about sentences in order, so the next search nearly always begins there too.
    pub caption_hint: std::cell::Cell<usize>,
}

/// Where the items the rules look for stand, noted by [`Frame::new`] as it lays the items
/// out: a rule looking for them in a range searches these lists, in order of item, rather
/// than testing each item of the range.
#[derive(Debug, Default)]
pub(crate) struct ItemIndex {
    /// Every item where a cue starts (where `cue_at` answers), with the cue's info and
    /// length in items.
    pub cues: Vec<(usize, CueInfo, usize)>,
    /// The quotations of speech (not titles or scare quotes).
    pub speech: Vec<usize>,
    /// The words that may open a channel phrase: a report cue's first word, or a channel
    /// word ("according", "via").
    pub channel: Vec<usize>,
    /// The commas, where a rule may end a clause or a speaker's phrase.
    pub commas: Vec<usize>,
}

/// Finds and attributes the quotations and reported speech of a document.
pub(crate) fn attribute(
    text: &str,
    doc: &DocEntities<'_>,
    lexicon: &Lexicon,
    options: &Options,
) -> Vec<Quote> {
    let paragraphs: Vec<crate::text::Span> = crate::text::paragraphs(text).collect();
    let quotes = scan_paragraphs(text, paragraphs.iter().copied());
    let frame = Frame::new(text, doc, &quotes, lexicon, &paragraphs);
    let ctx = Ctx::new(text, doc, lexicon, &quotes, &frame);
    attribution::attribute_all(&ctx, options)
}

impl<'a> Ctx<'a> {
    /// The rules' view of a document whose quotations and frame are found.
    pub(crate) fn new(
        text: &'a str,
        doc: &'a DocEntities<'a>,
        lexicon: &'a Lexicon,
        quotes: &'a [QuoteSpan],
        frame: &'a Frame,
    ) -> Ctx<'a> {
        Ctx {
            text,
            doc,
            lexicon,
            quotes,
            frame,
            via_memo: std::cell::RefCell::new(None),
            caption_marks: attribution::caption_marks(text),
            caption_hint: std::cell::Cell::new(0),
        }
    }
}
