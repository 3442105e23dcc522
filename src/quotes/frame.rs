//! The view of a document the attribution rules read: per paragraph, the tokens outside
//! quotations with each top-level quoted span standing in as one item, cut into sentences.
//! A quotation inside a sentence ("Graham said Putin 'has calculated …'") is one item of
//! that sentence, so rules see the words around it as the writer's own.

use super::lexicon::WordFlags;
use super::scanner::QuoteSpan;
use super::{CueInfo, Lexicon};
use crate::entities::DocEntities;
use crate::text::{Span, TokenKind};

/// Longest sentence, in items, the rules read as one. News sentences run to about a hundred
/// items (a quotation is one); longer runs with no sentence end are tables, lists or debris.
/// The rules scan their sentence for each quote and cue, so without this bound a page with
/// no full stops costs time quadratic (or worse) in its length.
const MAX_SENTENCE_ITEMS: usize = 256;

/// One item of the outside stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A document token (index into `DocEntities::tokens`).
    Tok(usize),
    /// A top-level quoted span (index into the scanner's output).
    Quote(usize),
}

/// What the rules need to know about one token, computed once per document so that no
/// rule looks a word up twice.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenClass {
    /// A cue starts here: its info and length in tokens.
    pub cue: Option<(CueInfo, u8)>,
    /// A word that may stand between a speaker and the cue ("also", "Sunday").
    pub adverb: bool,
    /// A preposition.
    pub preposition: bool,
    /// Page debris on its own ("Advertisement").
    pub debris: bool,
    /// Opens a channel phrase ("via", "according to", "carried by").
    pub channel: bool,
}

/// A sentence: a range of items, within one paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sentence {
    pub items: (usize, usize),
    pub paragraph: usize,
}

/// Items and sentences of a whole document.
#[derive(Debug)]
pub(crate) struct Frame {
    pub items: Vec<Item>,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Span>,
    /// One class per document token.
    pub classes: Vec<TokenClass>,
}

impl Frame {
    pub(crate) fn new(
        text: &str,
        doc: &DocEntities<'_>,
        quotes: &[QuoteSpan],
        lexicon: &Lexicon,
        paragraphs: Vec<Span>,
    ) -> Frame {
        let word = |i: usize| doc.tokens.get(i).map(|t| t.span.slice(text));
        let classes = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(i, tok)| {
                let Some(entry) = lexicon.word_entry(text, tok.span) else {
                    return TokenClass::default();
                };
                let flags = entry.flags;
                let cue = if flags.has(WordFlags::CUE_START) {
                    lexicon
                        .match_cue(entry, |k| word(i + k))
                        .map(|(c, n)| (c, n as u8))
                } else {
                    None
                };
                TokenClass {
                    cue,
                    adverb: flags.has(WordFlags::ADVERB),
                    preposition: flags.has(WordFlags::PREPOSITION),
                    debris: flags.has(WordFlags::DEBRIS),
                    channel: flags.has(WordFlags::CHANNEL),
                }
            })
            .collect();
        let mut items = Vec::with_capacity(doc.tokens.len());
        let mut quote_item = vec![None; quotes.len()];
        // Top-level quotes in text order; their full extent (marks included) hides tokens.
        let outer: Vec<(usize, Span)> = quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.parent.is_none())
            .map(|(i, q)| (i, extent(q)))
            .collect();
        let tokens = &doc.tokens;
        let mut push_quote = |items: &mut Vec<Item>, q: usize| {
            if quote_item[q].is_none() {
                quote_item[q] = Some(items.len());
                items.push(Item::Quote(q));
            }
        };
        // Tokens go in runs: those before the next top-level quote are the writer's own and
        // those inside it are hidden, so each run is found by one binary search (tokens are
        // in text order) instead of a test per token.
        let (mut t, mut qi) = (0, 0);
        while let Some(tok) = tokens.get(t) {
            while qi < outer.len() && outer[qi].1.end <= tok.span.start {
                push_quote(&mut items, outer[qi].0);
                qi += 1;
            }
            let Some(&(q, quote)) = outer.get(qi) else {
                items.extend((t..tokens.len()).map(Item::Tok));
                break;
            };
            // At least this token: it starts inside the quote, or before it.
            let run = if quote.start <= tok.span.start {
                push_quote(&mut items, q);
                tokens[t..].partition_point(|x| x.span.start < quote.end)
            } else {
                let run = tokens[t..].partition_point(|x| x.span.start < quote.start);
                items.extend((t..t + run).map(Item::Tok));
                run
            };
            t += run.max(1);
        }
        for &(q, _) in &outer[qi..] {
            push_quote(&mut items, q);
        }
        let mut frame = Frame {
            items,
            sentences: Vec::new(),
            paragraphs,
            classes,
        };
        frame.sentences = frame.split_sentences(text, doc, quotes, lexicon);
        frame
    }

    /// Where an item starts in the text.
    /// Past the last item, the end of the last item (so a rule that looks one item too far
    /// gets an empty span, never a panic).
    pub(crate) fn start(&self, doc: &DocEntities<'_>, quotes: &[QuoteSpan], i: usize) -> usize {
        match self.items.get(i) {
            Some(Item::Tok(t)) => doc.tokens[*t].span.start,
            Some(Item::Quote(q)) => extent(&quotes[*q]).start,
            None => self
                .items
                .len()
                .checked_sub(1)
                .map_or(0, |last| self.end(doc, quotes, last)),
        }
    }

    /// Where an item ends in the text.
    pub(crate) fn end(&self, doc: &DocEntities<'_>, quotes: &[QuoteSpan], i: usize) -> usize {
        match self.items.get(i.min(self.items.len().saturating_sub(1))) {
            Some(Item::Tok(t)) => doc.tokens[*t].span.end,
            Some(Item::Quote(q)) => extent(&quotes[*q]).end,
            None => 0,
        }
    }

    fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end <= pos)
    }

    fn split_sentences(
        &self,
        text: &str,
        doc: &DocEntities<'_>,
        quotes: &[QuoteSpan],
        lexicon: &Lexicon,
    ) -> Vec<Sentence> {
        let n = self.items.len();
        let mut out = Vec::with_capacity(n / 16);
        let mut start = 0;
        // Items are in text order, so the paragraph index only moves forward.
        let mut p = 0;
        let mut para = if n > 0 {
            self.paragraph_of(self.start(doc, quotes, 0))
        } else {
            0
        };
        let bytes = text.as_bytes();
        // The end of paragraph `p`; 0 until the first item has found its paragraph.
        let mut para_end = 0;
        for (i, &item) in self.items.iter().enumerate() {
            let at = match item {
                Item::Tok(t) => doc.tokens[t].span.start,
                Item::Quote(q) => extent(&quotes[q]).start,
            };
            // `para` is `p` from the first item on, so a sentence can only be cut here when
            // `p` moves, which one comparison with the paragraph's end tells.
            if at >= para_end {
                while self.paragraphs.get(p).is_some_and(|para| para.end <= at) {
                    p += 1;
                }
                para_end = self.paragraphs.get(p).map_or(usize::MAX, |para| para.end);
                if p != para && i > start {
                    out.push(Sentence {
                        items: (start, i),
                        paragraph: para,
                    });
                    start = i;
                }
                para = p;
            }
            let ends = match item {
                Item::Tok(t) => {
                    // Compared as bytes: a one-byte token needs no slicing of the text.
                    let span = doc.tokens[t].span;
                    let mark = (span.len() == 1).then(|| bytes.get(span.start)).flatten();
                    matches!(mark, Some(b'.' | b'!' | b'?'))
                        && doc.tokens[t].kind == TokenKind::Punct
                        && !(mark == Some(&b'.')
                            && t > 0
                            && abbreviation(text, doc, lexicon, t - 1, t))
                        && self.next_starts_sentence(text, doc, quotes, i + 1)
                }
                // A quotation or a title that ends its own sentence ("… the truth.'
                // Advertisement", "on 'Face the Nation.' He added"), followed by a new
                // sentence.
                Item::Quote(q) => {
                    let c = quotes[q].content.slice(text).trim_end();
                    c.ends_with(['.', '!', '?'])
                        && self.next_starts_sentence(text, doc, quotes, i + 1)
                }
            };
            if ends || i + 1 - start >= MAX_SENTENCE_ITEMS {
                out.push(Sentence {
                    items: (start, i + 1),
                    paragraph: p,
                });
                start = i + 1;
            }
        }
        if start < n {
            out.push(Sentence {
                items: (start, n),
                paragraph: para,
            });
        }
        out
    }

    fn next_starts_sentence(
        &self,
        text: &str,
        doc: &DocEntities<'_>,
        _quotes: &[QuoteSpan],
        i: usize,
    ) -> bool {
        match self.items.get(i) {
            None => true,
            Some(Item::Quote(_)) => true,
            Some(&Item::Tok(t)) => {
                let w = doc.tokens[t].span.slice(text);
                w.chars().next().is_some_and(|c| {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '(' | '[' | '▶' | '•' | '—')
                })
            }
        }
    }
}

/// The whole extent of a quoted span, marks included.
pub(crate) fn extent(q: &QuoteSpan) -> Span {
    let end = q.close.map_or(q.content.end, |c| c.end.max(q.content.end));
    Span::new(q.open.start.min(q.content.start), end)
}

/// Whether token `w` and the period `dot` right after it are a title abbreviation ("Sen.",
/// "Gen.") or an initial ("J."), which do not end a sentence.
fn abbreviation(
    text: &str,
    doc: &DocEntities<'_>,
    lexicon: &Lexicon,
    w: usize,
    dot: usize,
) -> bool {
    let (a, b) = (doc.tokens[w].span, doc.tokens[dot].span);
    if a.end != b.start {
        return false;
    }
    let word = a.slice(text);
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial || lexicon.is_title_abbreviation(word)
}
