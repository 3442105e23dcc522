//! The view of a document the attribution rules read: per paragraph, the tokens outside
//! quotations with each top-level quoted span standing in as one item, cut into sentences.
//! A quotation inside a sentence ("Graham said Putin 'has calculated …'") is one item of
//! that sentence, so rules see the words around it as the writer's own.

use super::lexicon::{WordEntry, WordFlags};
use super::scanner::{QuoteSpan, SpanClass};
use super::{CueInfo, ItemIndex, Lexicon};
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub items: (usize, usize),
    pub paragraph: usize,
}

/// Items and sentences of a whole document.
#[derive(Debug)]
pub(crate) struct Frame {
    pub items: Vec<Item>,
    pub sentences: Vec<Sentence>,
    /// One class per document token; those hidden inside a top-level quotation, which are
    /// no item, keep the default class.
    pub classes: Vec<TokenClass>,
    /// Where the items the rules look for stand, noted as the items are laid out.
    pub index: ItemIndex,
}

impl Frame {
    pub(crate) fn new(
        text: &str,
        doc: &DocEntities<'_>,
        quotes: &[QuoteSpan],
        lexicon: &Lexicon,
        paragraphs: &[Span],
    ) -> Frame {
        let tokens = &doc.tokens;
        let mut layout = Layout::new(text, doc, lexicon, quotes, paragraphs);
        // Tokens go in runs: those before the next top-level quote are the writer's own and
        // those inside its full extent (marks included) are hidden. Runs are short (a score
        // of tokens), so each is walked token by token, which the writer's own tokens need
        // anyway for their classes.
        let mut t = 0;
        for (q, quote) in quotes.iter().enumerate() {
            if quote.parent.is_some() {
                continue;
            }
            let extent = extent(quote);
            if tokens
                .get(t)
                .is_some_and(|tok| tok.span.start < extent.start)
            {
                t = layout.tokens(t, extent.start);
            }
            layout.quote(q, extent);
            t = layout.hidden(t, extent.end);
        }
        if t < tokens.len() {
            layout.tokens(t, usize::MAX);
        }
        let Layout {
            items,
            classes,
            marks: Marks { marks, .. },
            index,
            ..
        } = layout;
        let mut frame = Frame {
            items,
            sentences: Vec::new(),
            classes,
            index,
        };
        frame.sentences = frame.cut_sentences(text, doc, lexicon, &marks);
        frame
    }

    /// Where an item starts in the text.
    /// Past the last item, the end of the last item (so a rule that looks one item too far
    /// gets an empty span, never a panic).
    // Inlined: the rules ask it of one item at a time, some 80,000 times a megabyte.
    #[inline]
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

    /// The sentences of the items, cut where [`Layout`] noted they may be: before a
    /// paragraph's first item, after a full stop or a quotation that ends a sentence, and
    /// after `MAX_SENTENCE_ITEMS` items in a row with neither.
    fn cut_sentences(
        &self,
        text: &str,
        doc: &DocEntities<'_>,
        lexicon: &Lexicon,
        marks: &[Mark],
    ) -> Vec<Sentence> {
        let n = self.items.len();
        let mut out = Vec::with_capacity(marks.len() / 2 + 1);
        let (mut start, mut para) = (0, 0);
        // Items `start..until` hold no mark: only the length bound cuts them.
        let bound = |out: &mut Vec<Sentence>, start: &mut usize, until: usize, para: usize| {
            while *start + MAX_SENTENCE_ITEMS <= until {
                out.push(Sentence {
                    items: (*start, *start + MAX_SENTENCE_ITEMS),
                    paragraph: para,
                });
                *start += MAX_SENTENCE_ITEMS;
            }
        };
        for &mark in marks {
            match mark {
                Mark::Paragraph { item, paragraph } => {
                    bound(&mut out, &mut start, item, para);
                    if paragraph != para && item > start {
                        out.push(Sentence {
                            items: (start, item),
                            paragraph: para,
                        });
                        start = item;
                    }
                    para = paragraph;
                }
                Mark::Stop {
                    item,
                    token,
                    period,
                } => {
                    // Whether the item reaches the length bound is checked with the items
                    // after it, at the next mark or the end: the cut falls in the same place.
                    bound(&mut out, &mut start, item, para);
                    // A period after a title or an initial ends nothing.
                    let ends = !(period
                        && token > 0
                        && abbreviation(text, doc, lexicon, token - 1, token))
                        && self.next_starts_sentence(text, doc, item + 1);
                    if ends {
                        out.push(Sentence {
                            items: (start, item + 1),
                            paragraph: para,
                        });
                        start = item + 1;
                    }
                }
                Mark::QuoteStop(item) => {
                    bound(&mut out, &mut start, item, para);
                    if self.next_starts_sentence(text, doc, item + 1) {
                        out.push(Sentence {
                            items: (start, item + 1),
                            paragraph: para,
                        });
                        start = item + 1;
                    }
                }
            }
        }
        bound(&mut out, &mut start, n, para);
        if start < n {
            out.push(Sentence {
                items: (start, n),
                paragraph: para,
            });
        }
        out
    }

    /// Whether item `i` starts a sentence: nothing (past the last item), a quotation, or a
    /// token that starts with a capital, a digit, or an opening bracket or list mark.
    #[inline(always)]
    fn next_starts_sentence(&self, text: &str, doc: &DocEntities<'_>, i: usize) -> bool {
        match self.items.get(i) {
            None => true,
            Some(Item::Quote(_)) => true,
            Some(&Item::Tok(t)) => {
                let span = doc.tokens[t].span;
                let first = text.as_bytes().get(span.start).filter(|_| !span.is_empty());
                match first {
                    // An ASCII first char, the common case, needs no decoding (nor slicing).
                    Some(&b) if b.is_ascii() => {
                        b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'(' | b'[')
                    }
                    _ => span.slice(text).chars().next().is_some_and(|c| {
                        c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '(' | '[' | '▶' | '•' | '—')
                    }),
                }
            }
        }
    }
}

/// Where the sentence cutter must look, noted as the items are laid out so that it visits
/// these few items rather than every one.
#[derive(Debug, Clone, Copy)]
enum Mark {
    /// Item `item` is in paragraph `paragraph` (the number of paragraphs when past the
    /// last), and the item before it, if any, in an earlier one.
    Paragraph { item: usize, paragraph: usize },
    /// Item `item`, token `token`, is a one-byte `.`, `!` or `?` punctuation token (a
    /// `period` or not): it ends a sentence when the next item starts one, unless it is the
    /// period of a title or an initial.
    Stop {
        item: usize,
        token: usize,
        period: bool,
    },
    /// Item `item` is a quotation or a title that ends its own sentence ("… the truth.'
    /// Advertisement", "on 'Face the Nation.' He added"): it ends the writer's too when
    /// the next item starts one.
    QuoteStop(usize),
}

/// The items, classes and marks of a document, built in one walk over its tokens.
struct Layout<'a> {
    text: &'a str,
    doc: &'a DocEntities<'a>,
    lexicon: &'a Lexicon,
    quotes: &'a [QuoteSpan],
    items: Vec<Item>,
    /// One class per token: the default until laid out.
    classes: Vec<TokenClass>,
    marks: Marks<'a>,
    index: ItemIndex,
}

/// The marks noted so far, and the paragraph the last item is in.
struct Marks<'a> {
    paragraphs: &'a [Span],
    marks: Vec<Mark>,
    /// The paragraph of the last item, and where it ends (0 before the first item, so that
    /// the first item finds its paragraph).
    paragraph: usize,
    paragraph_end: usize,
}

impl Marks<'_> {
    /// Notes the paragraph of item `item`, which starts at `at`, when it is not the
    /// paragraph of the item before.
    #[inline]
    fn enter(&mut self, item: usize, at: usize) {
        if at >= self.paragraph_end {
            self.enter_paragraph(item, at);
        }
    }

    /// [`Marks::enter`] for an item starting at or past the end of the last paragraph:
    /// rare, so out of line.
    #[inline(never)]
    fn enter_paragraph(&mut self, item: usize, at: usize) {
        let p = &mut self.paragraph;
        while self.paragraphs.get(*p).is_some_and(|para| para.end <= at) {
            *p += 1;
        }
        self.paragraph_end = self.paragraphs.get(*p).map_or(usize::MAX, |para| para.end);
        self.marks.push(Mark::Paragraph {
            item,
            paragraph: *p,
        });
    }
}

impl<'a> Layout<'a> {
    fn new(
        text: &'a str,
        doc: &'a DocEntities<'a>,
        lexicon: &'a Lexicon,
        all_quotes: &'a [QuoteSpan],
        paragraphs: &'a [Span],
    ) -> Layout<'a> {
        let tokens = doc.tokens.len();
        // The top-level quotes are no more than these.
        let quotes = all_quotes.len();
        Layout {
            text,
            doc,
            lexicon,
            quotes: all_quotes,
            items: Vec::with_capacity(tokens + quotes),
            classes: vec![TokenClass::default(); tokens],
            marks: Marks {
                paragraphs,
                // News has a full stop about every twenty tokens.
                marks: Vec::with_capacity(tokens / 16 + quotes + paragraphs.len()),
                paragraph: 0,
                paragraph_end: 0,
            },
            // Sized from what news text holds (a cue in every 15 or so tokens, a channel
            // word in every 45), so that the lists are not copied as they grow.
            index: ItemIndex {
                cues: Vec::with_capacity(tokens / 12),
                speech: Vec::with_capacity(quotes),
                channel: Vec::with_capacity(tokens / 32),
                commas: Vec::with_capacity(tokens / 16),
            },
        }
    }

    /// Lays out top-level quote `q`, whose extent is `extent`.
    #[inline(always)]
    fn quote(&mut self, q: usize, extent: Span) {
        let item = self.items.len();
        self.marks.enter(item, extent.start);
        if let Some(quote) = self.quotes.get(q) {
            if ends_in_stop(self.text, quote.content) {
                self.marks.marks.push(Mark::QuoteStop(item));
            }
            if quote.class == SpanClass::Speech {
                self.index.speech.push(item);
            }
        }
        self.items.push(Item::Quote(q));
    }

    /// Lays out tokens from `t` on while they start before `limit`: the writer's own.
    /// Returns the first token not laid out.
    fn tokens(&mut self, t: usize, limit: usize) -> usize {
        let first_item = self.items.len();
        let run = classify(
            self.text,
            self.doc,
            self.lexicon,
            (t, limit),
            first_item,
            &mut self.classes,
            &mut self.marks,
            &mut self.index,
        );
        self.items.extend((t..t + run).map(Item::Tok));
        t + run
    }

    /// Skips the tokens from `t` on that start before `end`, inside a quote: they are no
    /// item, and keep the default class since the rules read classes only through items.
    /// Returns the first token not skipped.
    fn hidden(&mut self, t: usize, end: usize) -> usize {
        let rest = self.doc.tokens.get(t..).unwrap_or(&[]);
        // Tokens are in text order, so four at a time while the fourth is inside: a
        // quotation holds a handful, and most of them are passed one test per four.
        let mut n = 0;
        while rest.get(n + 3).is_some_and(|tok| tok.span.start < end) {
            n += 4;
        }
        n += rest[n.min(rest.len())..]
            .iter()
            .take_while(|tok| tok.span.start < end)
            .count();
        t + n
    }
}

/// Classes the tokens from `t` on that start before `limit`, the first of which is item
/// `first_item`, and notes their marks and what the index lists of them; returns how many
/// they are. Three tokens in four are no word of the lexicon and keep the default class
/// they already have: only words are written.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    doc: &DocEntities<'_>,
    lexicon: &Lexicon,
    (t, limit): (usize, usize),
    first_item: usize,
    classes: &mut [TokenClass],
    marks: &mut Marks<'_>,
    index: &mut ItemIndex,
) -> usize {
    let rest = doc.tokens.get(t..).unwrap_or(&[]);
    let bytes = text.as_bytes();
    let others = lexicon.has_other_words();
    let mut run = 0;
    loop {
        // The run's end and the paragraph's end, whichever comes first, are one test per
        // token; at the paragraph's end the next paragraph is found, and the run goes on.
        let stop = limit.min(marks.paragraph_end);
        for tok in rest.get(run..).unwrap_or(&[]) {
            let span = tok.span;
            if span.start >= stop {
                break;
            }
            // The token's bytes, checked against the text once: what follows reads them
            // with no more checks.
            if let Some(word) = bytes.get(span.range()) {
                let entry = match lexicon.packed_entry(text, span.start, word) {
                    None if others => text.get(span.range()).and_then(|w| lexicon.other_entry(w)),
                    entry => entry,
                };
                match entry {
                    Some(entry) => {
                        let flags = entry.flags;
                        if let Some(class) = classes.get_mut(t + run) {
                            *class = CLASS_OF_FLAGS[flags.index()];
                            if flags.has(WordFlags::CUE_START) {
                                let at = (t + run, limit, first_item + run);
                                class.cue = cue_class(text, doc, lexicon, at, entry, index);
                            }
                        }
                        // What `via_in` reads a phrase after, when no report cue: anything
                        // else it skips.
                        if flags.has(WordFlags::CHANNEL) {
                            index.channel.push(first_item + run);
                        }
                    }
                    // No word of the lexicon, but maybe the end of a sentence, or a comma
                    // (one byte of punctuation either).
                    None => {
                        if let [b] = word {
                            if tok.kind == TokenKind::Punct {
                                match b {
                                    b'.' | b'!' | b'?' => marks.marks.push(Mark::Stop {
                                        item: first_item + run,
                                        token: t + run,
                                        period: *b == b'.',
                                    }),
                                    b',' => index.commas.push(first_item + run),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
            }
            run += 1;
        }
        match rest.get(run) {
            Some(tok) if tok.span.start < limit => {
                marks.enter_paragraph(first_item + run, tok.span.start);
            }
            _ => return run,
        }
    }
}

/// The cue class of token `t`, item `item` of a run ending before `limit`, which starts
/// a cue word whose entry is `entry`; notes the cue in `index` when the rules take it
/// (`Ctx::cue_at`), and a report cue as a channel word.
#[inline]
fn cue_class(
    text: &str,
    doc: &DocEntities<'_>,
    lexicon: &Lexicon,
    (t, limit, item): (usize, usize, usize),
    entry: &WordEntry,
    index: &mut ItemIndex,
) -> Option<(CueInfo, u8)> {
    let (info, n) = cue_at(text, doc, lexicon, t, entry)?;
    // Its words are items one after the other, so all of them in this run, and it is no
    // name's word.
    let last = t + usize::from(n).max(1) - 1;
    let consecutive = doc.tokens.get(last).is_some_and(|x| x.span.start < limit);
    if consecutive && doc.mention_at(t).is_none() {
        index.cues.push((item, info, usize::from(n)));
    }
    // A channel word too, which is noted after it (a word is noted once).
    if info.report && !entry.flags.has(WordFlags::CHANNEL) {
        index.channel.push(item);
    }
    Some((info, n))
}

/// The cue starting at token `t`, a word of the lexicon whose entry is `entry`. It is
/// matched on the document's tokens, not the items, so one running into a quotation is
/// found here and turned down by the rules (`Ctx::cue_at`), not cut short.
#[inline]
fn cue_at(
    text: &str,
    doc: &DocEntities<'_>,
    lexicon: &Lexicon,
    t: usize,
    entry: &WordEntry,
) -> Option<(CueInfo, u8)> {
    let word = |i: usize| {
        let tok = doc.tokens.get(i)?;
        text.as_bytes().get(tok.span.range())
    };
    lexicon
        .match_cue(entry, |k| word(t + k))
        .map(|(c, n)| (c, n as u8))
}

/// The class each set of a word's flags gives, cue aside: a quarter of all tokens are
/// words of the lexicon, whose class is looked up here rather than built flag by flag.
const CLASS_OF_FLAGS: [TokenClass; WordFlags::SETS] = {
    let none = TokenClass {
        cue: None,
        adverb: false,
        preposition: false,
        debris: false,
        channel: false,
    };
    let mut table = [none; WordFlags::SETS];
    let mut i = 0;
    while i < WordFlags::SETS {
        let flags = WordFlags::from_index(i);
        table[i] = TokenClass {
            adverb: flags.has(WordFlags::ADVERB),
            preposition: flags.has(WordFlags::PREPOSITION),
            debris: flags.has(WordFlags::DEBRIS),
            channel: flags.has(WordFlags::CHANNEL),
            ..none
        };
        i += 1;
    }
    table
};

/// Whether a quotation's words `content` end in a full stop, `!` or `?`.
#[inline]
fn ends_in_stop(text: &str, content: Span) -> bool {
    // The content is trimmed already, nearly always: an ASCII last byte that is no space
    // spares the trim (and the slicing of the text as a str).
    let last = text.as_bytes().get(content.range()).and_then(<[u8]>::last);
    match last {
        Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => {
            matches!(b, b'.' | b'!' | b'?')
        }
        _ => content.slice(text).trim_end().ends_with(['.', '!', '?']),
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
    // Most words before a full stop are lower case, and the first byte of an ASCII word
    // tells it from an initial and from the titles without slicing the text.
    if let Some(&first) = text.as_bytes().get(a.start).filter(|b| b.is_ascii()) {
        if a.len() == 1 && first.is_ascii_uppercase() {
            return true;
        }
        if !lexicon.may_start_title_abbreviation(first) {
            return false;
        }
    }
    let word = a.slice(text);
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    initial || lexicon.is_title_abbreviation(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::quotes::scan_paragraphs;
    use crate::text::{paragraphs, tokenize, Token};

    /// The frame as it was built before [`Layout`]: every token classed, then the items
    /// walked one by one for sentence ends. The reference the layout is checked against.
    impl Frame {
        fn reference(
            text: &str,
            doc: &DocEntities<'_>,
            quotes: &[QuoteSpan],
            lexicon: &Lexicon,
            paragraphs: &[Span],
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
                            .match_cue(entry, |k| word(i + k).map(str::as_bytes))
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
                classes,
                index: ItemIndex::default(),
            };
            frame.sentences = frame.reference_sentences(text, doc, quotes, lexicon, paragraphs);
            frame.index = frame.reference_index(text, doc, quotes);
            frame
        }

        /// The index as the rules once built it, in a pass over the items and classes.
        fn reference_index(
            &self,
            text: &str,
            doc: &DocEntities<'_>,
            quotes: &[QuoteSpan],
        ) -> ItemIndex {
            let mut index = ItemIndex::default();
            for (i, &item) in self.items.iter().enumerate() {
                match item {
                    Item::Tok(t) => {
                        let class = self.classes[t];
                        if let Some((info, n)) = class.cue {
                            let n = usize::from(n);
                            let consecutive =
                                (1..n).all(|k| self.items.get(i + k) == Some(&Item::Tok(t + k)));
                            if consecutive && doc.mention_at(t).is_none() {
                                index.cues.push((i, info, n));
                            }
                        }
                        if class.channel || class.cue.is_some_and(|(cue, _)| cue.report) {
                            index.channel.push(i);
                        }
                        if doc.tokens[t].span.slice(text) == "," {
                            index.commas.push(i);
                        }
                    }
                    Item::Quote(q) => {
                        if quotes[q].class == SpanClass::Speech {
                            index.speech.push(i);
                        }
                    }
                }
            }
            index
        }

        fn reference_sentences(
            &self,
            text: &str,
            doc: &DocEntities<'_>,
            quotes: &[QuoteSpan],
            lexicon: &Lexicon,
            paragraphs: &[Span],
        ) -> Vec<Sentence> {
            let paragraph_of = |pos: usize| paragraphs.partition_point(|p| p.end <= pos);
            let n = self.items.len();
            let mut out = Vec::with_capacity(n / 16);
            let mut start = 0;
            // Items are in text order, so the paragraph index only moves forward.
            let mut p = 0;
            let mut para = if n > 0 {
                paragraph_of(self.start(doc, quotes, 0))
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
                    while paragraphs.get(p).is_some_and(|para| para.end <= at) {
                        p += 1;
                    }
                    para_end = paragraphs.get(p).map_or(usize::MAX, |para| para.end);
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
                            && self.next_starts_sentence(text, doc, i + 1)
                    }
                    // A quotation or a title that ends its own sentence ("… the truth.'
                    // Advertisement", "on 'Face the Nation.' He added"), followed by a new
                    // sentence.
                    Item::Quote(q) => {
                        let c = quotes[q].content.slice(text).trim_end();
                        c.ends_with(['.', '!', '?']) && self.next_starts_sentence(text, doc, i + 1)
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
    }

    /// The frame of `text` by [`Frame::new`] and by the reference.
    fn both(text: &str) -> (Frame, Frame, Vec<Token>) {
        let quotes = scan_paragraphs(text, paragraphs(text));
        both_with(text, &quotes)
    }

    /// [`both`] with the quoted spans given.
    fn both_with(text: &str, quotes: &[QuoteSpan]) -> (Frame, Frame, Vec<Token>) {
        let gaz = Gazetteer::from_entries(Vec::new()).unwrap();
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        // Every token that reads "Said" or "BACK" stands for a name's word, so that some
        // cues are no cue of the rules for being a mention.
        let token_mention = tokens
            .iter()
            .map(|t| match t.span.slice(text) {
                "Said" | "BACK" => 0,
                _ => u32::MAX,
            })
            .collect();
        let doc = DocEntities {
            gaz: &gaz,
            tokens,
            mentions: Vec::new(),
            token_mention,
            people: Vec::new(),
        };
        let paras: Vec<Span> = paragraphs(text).collect();
        let lexicon = Lexicon::default_lexicon();
        let got = Frame::new(text, &doc, quotes, &lexicon, &paras);
        let want = Frame::reference(text, &doc, quotes, &lexicon, &paras);
        (got, want, doc.tokens)
    }

    /// The same items and sentences as the reference, and the same class for every token
    /// that is an item (the others, hidden in quotations, keep the default).
    fn check(text: &str) {
        let (got, want, tokens) = both(text);
        assert_eq!(got.items, want.items, "{text:?}");
        assert_eq!(got.sentences, want.sentences, "{text:?}");
        assert_eq!(got.index.cues, want.index.cues, "{text:?}");
        assert_eq!(got.index.speech, want.index.speech, "{text:?}");
        assert_eq!(got.index.channel, want.index.channel, "{text:?}");
        assert_eq!(got.index.commas, want.index.commas, "{text:?}");
        assert_eq!(got.classes.len(), tokens.len(), "{text:?}");
        let mut laid = vec![false; tokens.len()];
        for item in &got.items {
            if let Item::Tok(t) = *item {
                laid[t] = true;
            }
        }
        for (t, laid) in laid.into_iter().enumerate() {
            let want = if laid {
                want.classes[t]
            } else {
                TokenClass::default()
            };
            assert_eq!(got.classes[t], want, "{text:?} token {t}");
        }
    }

    #[test]
    fn same_frame_as_reference() {
        use proptest::prelude::*;
        let alphabet = proptest::sample::select(vec![
            " ",
            " ",
            " ",
            "said",
            "\u{b}",
            "\u{a0}",
            "Mr",
            "Dr",
            "É",
            "Said",
            "in",
            "a",
            "statement",
            "post",
            "according",
            "to",
            "shot",
            "BACK",
            "back",
            "reported",
            "carried",
            "by",
            "was",
            "quoted",
            "as",
            "saying",
            "Sen",
            "Gen",
            "J",
            "He",
            "the",
            "Advertisement",
            "via",
            "also",
            "Sunday",
            "with",
            "communiqué",
            "x",
            "12",
            ".",
            ".",
            "!",
            "?",
            ",",
            "\"",
            "“",
            "”",
            "'",
            "‘",
            "’",
            "(",
            "—",
            "\n",
            "\n\n",
            "\r\n",
        ]);
        // Now and then a run of a hundred words, so that some sentences reach the bound.
        let hundred = vec![" w"; 100].concat();
        let part = prop_oneof![8 => alphabet.prop_map(str::to_string), 1 => Just(hundred)];
        let texts = proptest::collection::vec(part, 0..80).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(3000), |(text in texts)| check(&text));
    }

    /// A quotation with no opening mark of its own (as a paragraph that goes on with the
    /// quotation before it may have) can start right at a cue's second word: the cue runs
    /// into the quotation, and is none of the rules'.
    #[test]
    fn cue_running_into_a_quote() {
        let text = "He shot back at them, the envoy said.";
        let back = text.find("back").unwrap();
        let them = text.find(',').unwrap();
        let quote = QuoteSpan {
            content: Span::new(back, them),
            open: Span::new(back, back),
            close: None,
            class: SpanClass::Speech,
            parent: None,
            continues: None,
        };
        let (got, want, _) = both_with(text, &[quote]);
        assert_eq!(got.index.cues, want.index.cues);
        assert_eq!(got.index.speech, vec![2]);
        // Only "said" is a cue of the rules; "shot back" starts one in the classes.
        assert_eq!(got.index.cues.len(), 1);
        assert!(got.classes[1].cue.is_some_and(|(_, n)| n == 2));
    }

    /// The byte tests in [`abbreviation`] answer as the char and title tests alone did,
    /// for words of every kind before a period, and for a word and a period apart.
    #[test]
    fn abbreviations_as_before() {
        let gaz = Gazetteer::from_entries(Vec::new()).unwrap();
        let lexicon = Lexicon::default_lexicon();
        let before = |text: &str, doc: &DocEntities<'_>| {
            let a = doc.tokens[0].span;
            if a.end != doc.tokens[1].span.start {
                return false;
            }
            let word = a.slice(text);
            let mut chars = word.chars();
            let initial =
                matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
            initial || lexicon.is_title_abbreviation(word)
        };
        let mut found = 0;
        for word in [
            "Sen", "sen", "SEN", "Gen", "Dr", "Mr", "Mrs", "St", "Rep", "Gov", "Lt", "Col", "J",
            "j", "x", "É", "é", "İ", "Ü", "ǅ", "1", "said", "Said", "Senator", "Prof", "Jr",
        ] {
            for text in [format!("{word}."), format!("{word} .")] {
                // Made by hand: the tokenizer keeps a capital's period ("J.") in one token.
                let dot = text.len() - 1;
                let tokens = vec![
                    Token {
                        span: Span::new(0, word.len()),
                        kind: TokenKind::Word,
                    },
                    Token {
                        span: Span::new(dot, dot + 1),
                        kind: TokenKind::Punct,
                    },
                ];
                let doc = DocEntities {
                    gaz: &gaz,
                    tokens,
                    mentions: Vec::new(),
                    token_mention: Vec::new(),
                    people: Vec::new(),
                };
                let want = before(&text, &doc);
                found += usize::from(want);
                assert_eq!(abbreviation(&text, &doc, &lexicon, 0, 1), want, "{text:?}");
            }
        }
        assert!(found > 8, "{found}");
    }

    #[test]
    fn named_cases() {
        let long = |n: usize| vec!["word"; n].join(" ");
        for text in [
            "",
            "   ",
            "He said. She said.",
            "\"We will win,\" he said. \"And soon.\" She added.",
            "“Starts the text.” He said it.\n“Starts a paragraph.” Then more",
            "“Open quote runs to the end",
            "Sen. Graham said Putin 'has calculated.' Advertisement",
            "J. Smith said so. x. y! z? (A) [B] 12. ▶ C • D — E",
            "He said in a statement \"that\" was it. In a “post” too.",
            "according to \"him\" the end. Shot back.",
            "One.\n\nTwo.  \r\nThree\n“Four,” five.\n",
            &long(255),
            &long(256),
            &long(257),
            &format!("{}. {}", long(255), long(600)),
            &format!("{}. x", long(256)),
            &format!("{}. X", long(256)),
            &format!("{}\n{}", long(256), long(512)),
            &format!("{} “q” {}", long(256), long(511)),
            &format!("{}\n{} “quoted.” {}", long(300), long(255), long(256)),
            &format!("“{}” {}", long(400), long(520)),
            "He shot 'back at them' today. According 'to him' it was. Shot \"back\"",
        ] {
            check(text);
        }
    }
}
