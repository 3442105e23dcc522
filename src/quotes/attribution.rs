//! The attribution rules: for each quotation and each report of speech, who said it (the
//! cue's subject, on either side of the quote), through which channel, to whom.
//!
//! Sentences are read in document order, keeping a record of who the text is talking about
//! so that pronouns and role nouns resolve to the most salient compatible person, and so
//! that a quotation with no attribution of its own continues the one before it.

use super::frame::Item;
use super::scanner::SpanClass;
use super::speaker::{Resolved, Salient, Who};
use super::{Ctx, CueInfo};
use crate::extractor::Options;
use crate::gazetteer::Label;
use crate::output::{Party, Quote, QuoteKind, ResolvedBy, Speaker};
use crate::text::lower;
use crate::text::Span;
use aho_corasick::AhoCorasick;
use once_cell::sync::Lazy;
use rustc_hash::FxHashMap as HashMap;

/// Participles that continue the main clause ("…, adding, '…'", "telling Fox News …"):
/// their subject is the sentence's subject.
fn is_participle(w: &str) -> bool {
    is_participle_bytes(w.as_bytes())
}

/// [`is_participle`] of a word's bytes, which a rule reads without slicing the text.
fn is_participle_bytes(w: &[u8]) -> bool {
    w.len() > 4 && w.ends_with(b"ing")
}

// Word lists. The rules ask of many words whether they are one of a list's, in any case:
// each list is a small hash table of packed words built at compile time, and each word is
// packed once, eight bytes at a time, rather than lower-cased into a copy and compared
// with every word of the list.

/// A word in lower case packed into an integer, to compare it with word lists as one
/// integer instead of as text: one byte per character, the first lowest, and the length in
/// the top byte (so that a word with a NUL byte is not the word without it). Only ASCII
/// words of at most 15 bytes pack; two of them pack alike exactly when they are equal
/// ignoring ASCII case, which for ASCII is what lower-casing them makes equal.
#[inline]
fn word_key(w: &str) -> Option<u128> {
    bytes_key(w.as_bytes())
}

/// [`word_key`] of a word's bytes.
#[inline]
fn bytes_key(bytes: &[u8]) -> Option<u128> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = bytes.len();
    if n > 15 {
        return None;
    }
    // Eight bytes at a time: the low eight, then the rest (at most seven, so the top byte
    // is free for the length).
    let (lo, hi) = bytes.split_at(n.min(8));
    let (lo, hi) = (super::lexicon::load_le(lo), super::lexicon::load_le(hi));
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    // With every top bit clear, adding 0x3f to a byte sets its top bit from "A" up, and
    // adding 0x25 from just past "Z" up, with no carry into the next byte: the capitals
    // are the bytes with the first bit and not the second, and 0x20 lower-cases them.
    let lower = |x: u64| {
        let capitals =
            x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !x.wrapping_add(0x2525_2525_2525_2525);
        x | (capitals & HIGH) >> 2
    };
    Some(u128::from(lower(lo)) | u128::from(lower(hi)) << 64 | (n as u128) << 120)
}

/// The key of `lower(w)`, if it has one: a word that is not ASCII is lower-cased first,
/// since a few non-ASCII capitals lower-case to ASCII (the Kelvin sign to "k").
/// Always inlined: the packing costs about what the call did.
#[inline(always)]
fn lower_key(w: &str) -> Option<u128> {
    match word_key(w) {
        Some(key) => Some(key),
        None if w.is_ascii() => None,
        None => lowered_key(w),
    }
}

/// [`lower_key`] of a token's bytes (valid UTF-8, as every token's are), which a rule
/// reads without slicing the text.
#[inline(always)]
fn lower_bytes_key(w: &[u8]) -> Option<u128> {
    match bytes_key(w) {
        Some(key) => Some(key),
        None if w.is_ascii() => None,
        None => std::str::from_utf8(w).ok().and_then(lowered_key),
    }
}

/// Whether a token's first char is upper-case, read from its bytes: for ASCII,
/// `char::is_uppercase` is `is_ascii_uppercase`, and only a first byte that is not ASCII
/// has its char decoded.
#[inline]
fn starts_upper(w: &[u8]) -> bool {
    match w.first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => std::str::from_utf8(w)
            .ok()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase),
        None => false,
    }
}

/// Whether a token (its bytes) is made of letters, digits, hyphens, apostrophes and
/// periods. For ASCII, `char::is_alphanumeric` is `is_ascii_alphanumeric`: the bytes are
/// read up to the first that is not ASCII, and only from there are chars decoded.
#[inline]
fn is_word_like(w: &[u8]) -> bool {
    for (k, &b) in w.iter().enumerate() {
        if !b.is_ascii() {
            // `k` is a char boundary: every byte before it is ASCII.
            return w.get(k..).is_some_and(chars_word_like);
        }
        if !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'\'' | b'.')) {
            return false;
        }
    }
    true
}

/// [`is_word_like`] for the part of a token from its first byte that is not ASCII.
#[inline(never)]
fn chars_word_like(w: &[u8]) -> bool {
    std::str::from_utf8(w).is_ok_and(|w| {
        w.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'))
    })
}

/// [`word_key`] of `lower(w)`, for the rare word that is not ASCII.
#[inline(never)]
fn lowered_key(w: &str) -> Option<u128> {
    word_key(&lower(w))
}

/// [`word_key`] of a lower-case ASCII word of a list, at compile time.
const fn key(w: &str) -> u128 {
    let bytes = w.as_bytes();
    assert!(bytes.len() <= 15, "a listed word is at most 15 bytes long");
    let mut key = (bytes.len() as u128) << 120;
    let mut k = 0;
    while k < bytes.len() {
        let c = bytes[k];
        assert!(
            c.is_ascii() && !c.is_ascii_uppercase(),
            "listed words are lower-case ASCII"
        );
        key |= (c as u128) << (8 * k);
        k += 1;
    }
    key
}

/// The slot of `key` in a table of `len` slots (a power of two, at least 2): the top bits
/// of a multiplicative hash, which mixes every byte into them.
const fn slot(key: u128, len: usize) -> usize {
    let h = (key as u64 ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - len.trailing_zeros())) as usize
}

/// The keys of a word list in a hash table of `S` slots, at compile time: open addressing
/// with linear probing, at most half full so that a lookup nearly always reads one or two
/// slots. An empty slot holds 0, which is no word's key (its length byte is not 0).
const fn table<const S: usize>(words: &[&str]) -> [u128; S] {
    assert!(S.is_power_of_two() && S >= 2 && S >= 2 * words.len());
    let mut slots = [0; S];
    let mut i = 0;
    while i < words.len() {
        assert!(!words[i].is_empty());
        let k = key(words[i]);
        let mut s = slot(k, S);
        while slots[s] != 0 && slots[s] != k {
            s = (s + 1) & (S - 1);
        }
        slots[s] = k;
        i += 1;
    }
    slots
}

/// The first and last characters of a word list's words, at compile time: bit `l & 31` of
/// `ends[f & 31]` is set when some word starts with `f` and ends with `l`.
const fn ends(words: &[&str]) -> [u32; 32] {
    let mut ends = [0; 32];
    let mut i = 0;
    while i < words.len() {
        let bytes = words[i].as_bytes();
        let (f, l) = (bytes[0], bytes[bytes.len() - 1]);
        ends[(f & 31) as usize] |= 1 << (l & 31);
        i += 1;
    }
    ends
}

/// A list of lower-case ASCII words, looked up in any case ([`word_set!`]).
struct WordSet {
    /// The words' first and last characters ([`ends`]).
    ends: [u32; 32],
    /// The words' keys in a hash table ([`table`]).
    slots: &'static [u128],
}

impl WordSet {
    /// Whether `key` is the key of one of the words.
    #[inline]
    fn has_key(&self, key: Option<u128>) -> bool {
        let Some(key) = key else {
            return false;
        };
        let mask = self.slots.len() - 1;
        let mut s = slot(key, self.slots.len());
        // Ends: the table is never full.
        loop {
            match self.slots.get(s) {
                Some(0) | None => return false,
                Some(&k) if k == key => return true,
                Some(_) => s = (s + 1) & mask,
            }
        }
    }

    /// Whether `lower(w)` is one of the words. Most words are turned away on their first
    /// and last characters before any key is made: an ASCII character lower-cases to one
    /// ASCII character, so when both ends of `w` are ASCII they are the ends of `lower(w)`,
    /// in some case, and `& 31` is the same for both cases of a letter.
    #[inline]
    fn contains(&self, w: &str) -> bool {
        let bytes = w.as_bytes();
        if let (Some(&f), Some(&l)) = (bytes.first(), bytes.last()) {
            if f.is_ascii() && l.is_ascii() && self.ends[usize::from(f & 31)] & 1 << (l & 31) == 0 {
                return false;
            }
        }
        self.has_key(lower_key(w))
    }

    /// [`WordSet::contains`] of a token's bytes (valid UTF-8, as every token's are).
    #[inline]
    fn contains_bytes(&self, w: &[u8]) -> bool {
        if let (Some(&f), Some(&l)) = (w.first(), w.last()) {
            if f.is_ascii() && l.is_ascii() && self.ends[usize::from(f & 31)] & 1 << (l & 31) == 0 {
                return false;
            }
        }
        self.has_key(lower_bytes_key(w))
    }
}

/// The [`WordSet`] of a list of lower-case ASCII words, built at compile time.
macro_rules! word_set {
    ($list:path) => {{
        const SLOTS: [u128; ($list.len() * 2).next_power_of_two()] = table($list);
        const SET: WordSet = WordSet {
            ends: ends($list),
            slots: &SLOTS,
        };
        &SET
    }};
    ($($w:literal),+ $(,)?) => {{
        const WORDS: &[&str] = &[$($w),+];
        word_set!(WORDS)
    }};
}

const A: u128 = key("a");
const THE: u128 = key("the");
const THAT: u128 = key("that");
const HE: u128 = key("he");
const HIM: u128 = key("him");
const SHE: u128 = key("she");
const HER: u128 = key("her");
const ACCORDING: u128 = key("according");

/// Words that open a clause of the writer's own: a quote followed by one of these is not
/// followed by its attribution ("…' as he confirmed", "…' and then he left").
const CLAUSE_OPENERS: &[&str] = &[
    "as", "and", "but", "or", "when", "while", "because", "since", "after", "before", "if",
    "though", "although", "until", "so", "then", "that", "which", "who", "whom", "where", "what",
    "how", "why", "whether", "than",
];
const CLAUSE_OPENER_SET: &WordSet = word_set!(CLAUSE_OPENERS);

/// Words that begin a finite clause after a cue ("said he would", "said there is").
const CLAUSE_SUBJECTS: &WordSet = word_set![
    "he", "she", "it", "they", "we", "i", "you", "there", "this", "that", "these", "those",
];

/// Auxiliaries and modals: a noun phrase followed by one soon is a clause's subject.
const AUXILIARIES: &[&str] = &[
    "would", "will", "could", "can", "should", "may", "might", "must", "is", "are", "was", "were",
    "has", "have", "had", "does", "did", "do", "won't", "wouldn't", "can't", "couldn't", "isn't",
    "wasn't", "aren't", "doesn't", "didn't", "hasn't", "haven't", "shall",
];
const AUXILIARY_SET: &WordSet = word_set!(AUXILIARIES);

/// Marks of a photo caption or credit line.
const CAPTION_MARK_TEXTS: &[&str] = &[
    "(L)",
    "(R)",
    "(C)",
    "(left)",
    "(right)",
    "(center)",
    "(centre)",
    "Getty Images",
    "via REUTERS",
    "/AFP",
    "/AP",
    "AP Photo",
    "Photo:",
    "File photo",
];

/// The caption marks, found in one pass over the document. Leftmost-first, so that the
/// search runs on aho-corasick's fast literal searcher; no two of the marks can match at
/// the same position, so restarting one byte after each match's start finds every
/// occurrence (see [`caption_marks`]). Where that searcher is built (it needs SIMD) it is
/// asked directly, without the automaton's set-up for each search, which a document full
/// of captions asks a dozen times.
enum CaptionSearcher {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

impl CaptionSearcher {
    fn packed() -> Option<CaptionSearcher> {
        aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(CAPTION_MARK_TEXTS)
            .build()
            .map(CaptionSearcher::Packed)
    }

    fn automaton() -> CaptionSearcher {
        CaptionSearcher::Automaton(
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(CAPTION_MARK_TEXTS)
                .expect("a dozen short literal patterns always compile"),
        )
    }
}

static CAPTION_MARKS: Lazy<CaptionSearcher> =
    Lazy::new(|| CaptionSearcher::packed().unwrap_or_else(CaptionSearcher::automaton));

/// Every occurrence of a caption mark in `text` (overlapping ones too, so that a range
/// holds a mark exactly when its own text contains one), in order of start.
pub(crate) fn caption_marks(text: &str) -> Vec<Span> {
    caption_marks_by(&CAPTION_MARKS, text)
}

/// [`caption_marks`], found by `searcher`.
fn caption_marks_by(searcher: &CaptionSearcher, text: &str) -> Vec<Span> {
    // A captioned text holds several marks ("Photo: … (L) … (R) … AFP via Getty Images"):
    // room for one in every 256 bytes spares it the growing, for a few bytes more.
    let mut marks = Vec::with_capacity(text.len() / 256);
    let mut from = 0;
    while from < text.len() {
        let found = match searcher {
            CaptionSearcher::Packed(searcher) => {
                searcher.find_in(text, aho_corasick::Span::from(from..text.len()))
            }
            CaptionSearcher::Automaton(ac) => ac.find(aho_corasick::Input::new(text).range(from..)),
        };
        let Some(m) = found else {
            break;
        };
        marks.push(Span::new(m.start(), m.end()));
        // The next occurrence may overlap this one ("/AP Photo:" holds three).
        from = m.start() + 1;
    }
    marks
}

/// The index of the first of `marks` (in order of start) that starts at `start` or after
/// it: `hint` when the marks around it say so (the rules ask about sentences in order, so
/// the last answer nearly always is the next), else searched for.
fn first_mark_from(marks: &[Span], hint: usize, start: usize) -> usize {
    let fits = hint <= marks.len()
        && (hint == 0 || marks[hint - 1].start < start)
        && marks.get(hint).is_none_or(|m| m.start >= start);
    if fits {
        hint
    } else {
        marks.partition_point(|m| m.start < start)
    }
}

/// How many items around a quote or cue the rules read: far more than any attribution
/// spans, and a bound that keeps every rule linear in the length of the text.
const WINDOW: usize = 80;

/// A found attribution: speaker phrase, cue, channel and addressee.
struct Attribution {
    who: Who,
    cue: Option<Span>,
    via: Option<Party>,
    addressee: Option<Party>,
    /// How much the rule itself is trusted (multiplied with the speaker's confidence).
    weight: f32,
}

/// State carried across sentences.
struct Walk {
    salience: Vec<Salient>,
    /// The last channel named, and the paragraph it was named in.
    channel: Option<(Salient, Party, usize)>,
    /// The last attributed quotation, while a following quotation may still continue it.
    chain: Option<Chain>,
    quotation: usize,
}

/// The quotation a chain of quotations continues: its record, which holds its speaker
/// and channel (read from there rather than copied for every quotation that may start a
/// chain), and what the record does not hold of its resolution.
struct Chain {
    /// The index of the record in the records so far.
    record: usize,
    person: Option<u32>,
    gender: Option<crate::gazetteer::Gender>,
    confidence: f32,
}

/// A cue: the item it starts at, what it can do, and how many items it takes.
type Cue = (usize, CueInfo, usize);

/// What the rules look for in one sentence, in order: stretches of the [`super::ItemIndex`]
/// lists, so that a rule looking for a cue, a channel word or a comma within the sentence
/// reads these few rather than every item.
#[derive(Clone, Copy)]
struct Sentence<'c> {
    /// The sentence's items, for checking that no rule looks outside them.
    items: (usize, usize),
    cues: &'c [Cue],
    channel: &'c [usize],
    commas: &'c [usize],
}

impl<'c> Sentence<'c> {
    /// The cues starting in items `a..b` of the sentence, in order.
    fn cues_within(self, a: usize, b: usize) -> impl DoubleEndedIterator<Item = Cue> + 'c {
        debug_assert!(
            a >= self.items.0 && b <= self.items.1,
            "outside the sentence"
        );
        self.cues
            .iter()
            .copied()
            .filter(move |c| (a..b).contains(&c.0))
    }

    /// The first cue in items `a..b`.
    fn first_cue(self, a: usize, b: usize) -> Option<Cue> {
        self.cues_within(a, b).next()
    }

    /// The last cue in items `a..b`, and ending in them.
    fn last_cue(self, a: usize, b: usize) -> Option<Cue> {
        self.cues_within(a, b).rev().find(|&(i, _, n)| i + n <= b)
    }

    /// The commas in items `a..b` of the sentence, in order.
    fn commas_within(self, a: usize, b: usize) -> &'c [usize] {
        debug_assert!(
            a >= self.items.0 && b <= self.items.1,
            "outside the sentence"
        );
        let from = self.commas.partition_point(|&j| j < a);
        let rest = self.commas.get(from..).unwrap_or(&[]);
        rest.get(..rest.partition_point(|&j| j < b)).unwrap_or(&[])
    }

    /// Whether a word in items `a..b` may open a channel phrase.
    fn may_name_channel(self, a: usize, b: usize) -> bool {
        debug_assert!(
            a >= self.items.0 && b <= self.items.1,
            "outside the sentence"
        );
        self.channel.iter().any(|i| (a..b).contains(i))
    }
}

impl Ctx<'_> {
    /// A cue starting at item `i`: its info and how many items it takes. A name mention
    /// is never a cue, and a cue's words are consecutive tokens outside quotes.
    ///
    /// Inlined: the rules ask this of nearly every item, and nearly every item is no cue, so
    /// the class check is kept at the call site and only a cue word pays for a call.
    #[inline]
    fn cue_at(&self, i: usize) -> Option<(CueInfo, usize)> {
        let Some(&Item::Tok(t)) = self.frame.items.get(i) else {
            return None;
        };
        let (info, n) = self.frame.classes[t].cue?;
        self.cue_confirmed(i, t, info, n as usize)
    }

    /// The rest of [`Ctx::cue_at`] for a token whose class starts a cue.
    #[inline(never)]
    fn cue_confirmed(
        &self,
        i: usize,
        t: usize,
        info: CueInfo,
        n: usize,
    ) -> Option<(CueInfo, usize)> {
        let consecutive = (1..n).all(|k| self.frame.items.get(i + k) == Some(&Item::Tok(t + k)));
        (consecutive && self.mention(i).is_none()).then_some((info, n))
    }

    /// The text of the cue at item `c`, of `n` items ([`Ctx::items_span`]).
    #[inline(always)]
    fn cue_span(&self, c: usize, n: usize) -> Span {
        self.items_span(c, c + n)
    }

    /// [`Ctx::span_of`] items `a..b`, read from their first and last tokens when both are
    /// tokens (a cue's always are, a sentence's nearly always), without a call into the
    /// frame for each end.
    #[inline(always)]
    fn items_span(&self, a: usize, b: usize) -> Span {
        let items = &self.frame.items;
        match (
            items.get(a),
            b.checked_sub(1).and_then(|last| items.get(last)),
        ) {
            (Some(&Item::Tok(first)), Some(&Item::Tok(last))) => {
                let tokens = &self.doc.tokens;
                Span::new(tokens[first].span.start, tokens[last].span.end)
            }
            _ => self.span_of(a, b),
        }
    }

    /// The channel stated in items `a..b` of the sentence `s` ([`Ctx::via_in`]), not
    /// searched for when no word in the range can open a channel phrase.
    // Inlined: asked for every sentence and attribution, and most have no channel word.
    #[inline]
    fn channel_in(&self, a: usize, b: usize, s: Sentence<'_>) -> Option<Party> {
        if s.may_name_channel(a, b) {
            self.via_in(a, b)
        } else {
            debug_assert!(
                self.via_in(a, b).is_none(),
                "a channel without a channel word"
            );
            None
        }
    }

    /// Whether item `i` opens a clause (a conjunction, a relative word, a quotation, a
    /// sentence stop) rather than continuing a speaker's phrase.
    fn breaks_clause(&self, i: usize) -> bool {
        match self.word(i) {
            None => true,
            // The period of a title or an initial ("Sen.", "J.") is part of the phrase.
            Some(".") => {
                !(i > 0
                    && self.word(i - 1).is_some_and(|p| {
                        self.lexicon.is_title_abbreviation(p)
                            || (p.chars().count() == 1 && p.chars().all(char::is_uppercase))
                    }))
            }
            Some(w) => {
                matches!(w, "!" | "?" | ";" | ":" | "—" | "–") || CLAUSE_OPENER_SET.contains(w)
            }
        }
    }

    /// The text of item `i` as bytes, when it is a token. Comparing these with a
    /// punctuation mark is comparing the word, without the UTF-8 boundary checks of
    /// slicing the text.
    fn bytes(&self, i: usize) -> Option<&[u8]> {
        match *self.frame.items.get(i)? {
            Item::Tok(t) => self.text.as_bytes().get(self.doc.tokens[t].span.range()),
            Item::Quote(_) => None,
        }
    }

    /// Whether item `i` is a token with no letter or digit.
    #[inline(always)]
    fn is_punct(&self, i: usize) -> bool {
        let Some(bytes) = self.bytes(i) else {
            return false;
        };
        // For ASCII, `char::is_alphanumeric` is `is_ascii_alphanumeric`: a word is told by
        // its first ASCII letter or digit, in one pass, and only a token with no such byte
        // and a byte that is not ASCII has its chars decoded.
        for &b in bytes {
            if b.is_ascii_alphanumeric() {
                return false;
            }
            if !b.is_ascii() {
                return self
                    .word(i)
                    .is_some_and(|w| !w.chars().any(char::is_alphanumeric));
            }
        }
        true
    }

    /// The subject of the sentence `a..b`: the first person named (not a possessive, not
    /// after a preposition), a he/she, or a role phrase.
    fn sentence_subject(&self, a: usize, b: usize) -> Option<Who> {
        let mut i = a;
        while i < b {
            if let Some((m, mention)) = self.mention(i) {
                let (s, e) = self.mention_items(i);
                // The object of a preposition, even behind a title: "with Russian Foreign
                // Minister Sergei Lavrov".
                let mut t = s;
                while t > a
                    && self
                        .word(t - 1)
                        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && self
                        .mention(t - 1)
                        .is_none_or(|(_, o)| o.label != Label::Person)
                {
                    t -= 1;
                }
                const OBJECT_OF: &WordSet = word_set![
                    "with", "to", "of", "from", "by", "about", "for", "against", "at", "on", "in",
                    "than", "between", "and",
                ];
                let after_prep = t > a && self.word(t - 1).is_some_and(|w| OBJECT_OF.contains(w));
                if mention.label == Label::Person && !mention.possessive && !after_prep {
                    return Some(Who::Mention(m));
                }
                i = e;
                continue;
            }
            if let Some(w) = self.word(i) {
                // Only a word of two or three bytes can be one of these: no char that is not
                // ASCII lower-cases to their letters (see `short_keys_come_from_short_words`),
                // and an ASCII word's lower case is as long as it.
                let key = if matches!(w.len(), 2 | 3) {
                    lower_key(w)
                } else {
                    None
                };
                match key {
                    Some(HE | HIM) => {
                        return Some(Who::Pronoun {
                            item: i,
                            gender: Some(crate::gazetteer::Gender::Male),
                        })
                    }
                    Some(SHE | HER) => {
                        return Some(Who::Pronoun {
                            item: i,
                            gender: Some(crate::gazetteer::Gender::Female),
                        })
                    }
                    Some(THE) => {
                        // "the retired general", "the envoy"
                        let mut j = i + 1;
                        while j < b
                            && j < i + 5
                            && self
                                .word(j)
                                .is_some_and(|x| x.chars().all(|c| c.is_alphabetic() || c == '-'))
                        {
                            j += 1;
                            if let Some((Who::Role { start, end }, _)) =
                                self.subject_before(i, j).filter(|(_, s)| *s == i)
                            {
                                if self.word(j).is_none_or(|n| {
                                    !n.chars().next().is_some_and(char::is_alphabetic)
                                        || self.cue_at(j).is_some()
                                        || AUXILIARIES.contains(&n)
                                        || n.ends_with("ed")
                                }) {
                                    return Some(Who::Role { start, end });
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        None
    }

    /// Attribution for a quote at item `q` of the sentence `a..b`. A quotation that opens
    /// its sentence is attributed by what follows it first ("'…,' Graham said"); a fragment
    /// inside the writer's sentence by the cue before it first ("Graham said Putin '…'").
    ///
    /// `opens` is `opens_sentence(a, q)`, which the caller has already computed; `s` is
    /// the sentence.
    // Inlined into its one caller, which takes the attribution it returns without a copy.
    #[inline(always)]
    fn attribute_quote(
        &self,
        a: usize,
        b: usize,
        q: usize,
        opens: bool,
        s: Sentence<'_>,
    ) -> Option<Attribution> {
        // Rules look a bounded way around the quote, so a page-long "sentence" full of quote
        // marks stays linear.
        let (wa, b) = (a.max(q.saturating_sub(WINDOW)), b.min(q + WINDOW));
        // Within the window's reach the windowed start is `a` itself, so the caller's
        // answer stands; further out it is asked again of the windowed start.
        let opens = if q <= a + WINDOW {
            opens
        } else {
            self.opens_sentence(wa, q)
        };
        let a = wa;
        if opens {
            self.after_quote(a, b, q, opens, s)
                .or_else(|| self.before_quote(a, b, q, s))
        } else {
            self.before_quote(a, b, q, s)
                .or_else(|| self.after_quote(a, b, q, opens, s))
        }
    }

    /// "…,' Graham said", "…,' said X", "…,' he told The Post", "…,' according to X".
    /// `opens` is `opens_sentence(a, q)`.
    fn after_quote(
        &self,
        a: usize,
        b: usize,
        q: usize,
        opens: bool,
        s: Sentence<'_>,
    ) -> Option<Attribution> {
        let next_quote = self.frame.items[q + 1..b]
            .iter()
            .position(|item| matches!(item, Item::Quote(_)))
            .map_or(b, |k| q + 1 + k);
        let mut post = q + 1;
        // The attribution follows the closing mark directly or after a comma or colon; a
        // dash or a new clause ("— a call Zelensky described as …") is something else.
        while post < next_quote && matches!(self.bytes(post), Some(b"," | b":" | b";")) {
            post += 1;
        }
        if post < next_quote && self.is_punct(post) {
            return None;
        }
        if let Some((c, info, n)) = s.first_cue(post, next_quote.min(post + 14)) {
            if !matches!(self.bytes(post), Some(b"." | b"!" | b"?")) {
                // "…,' said X" and "…,' according to X": the speaker follows the cue.
                let who = if info.according || c == post {
                    self.subject_after(c + n, next_quote)
                } else {
                    self.subject_before(post, c)
                };
                if let Some((who, _)) = who {
                    // "… thanked the 'heroic' soldiers, Russia's TASS news agency
                    // reported": the agency is the channel; the speaker is the sentence's
                    // subject, when it has one.
                    let media = matches!(who, Who::Mention(m) if self.is_media_mention(m));
                    if info.report && media && !opens {
                        if let Some(subject) = self.sentence_subject(a, q) {
                            return Some(Attribution {
                                who: subject,
                                cue: Some(self.cue_span(c, n)),
                                via: self.channel_in(a, b, s),
                                addressee: None,
                                weight: 0.85,
                            });
                        }
                    }
                }
                // Between the quote and the speaker of a following cue only the speaker's
                // own phrase may stand ("Kremlin spokesman Dmitry Peskov", "a tourist from
                // Lyon"), not a clause of the writer's ("as he confirmed", "and then").
                let inverted = info.according || c == post;
                let who = who.filter(|&(_, start)| {
                    inverted || (post..start).all(|i| !self.breaks_clause(i))
                });
                if let Some((who, _)) = who {
                    // After an inverted cue the noun phrase is the speaker ("…,' asked Tom
                    // Becker"), not someone addressed.
                    let addressee =
                        self.addressee_after(c, n, info.addressee && !inverted, next_quote);
                    return Some(Attribution {
                        who,
                        cue: Some(self.cue_span(c, n)),
                        via: self.channel_in(a, b, s),
                        addressee,
                        weight: 1.0,
                    });
                }
            }
        }
        None
    }

    /// "Graham said: '…'", "Lavrov expressed his desire '…'", headline "Kellogg: '…'".
    fn before_quote(&self, a: usize, b: usize, q: usize, s: Sentence<'_>) -> Option<Attribution> {
        if let Some((c, info, n)) = s.last_cue(a, q) {
            let cue_word = self.bytes(c).unwrap_or(b"");
            let who = if info.according {
                // "According to KCNA, Lavrov expressed …" is handled by the nearer cue; a bare
                // "According to X, …" makes X the source.
                self.subject_after(c + n, q)
            } else if is_participle_bytes(cue_word) {
                self.main_subject(a, c, s)
            } else {
                self.subject_before(a, c)
                    .or_else(|| self.main_subject(a, c, s))
            };
            if let Some((who, _)) = who {
                let addressee = self.addressee_after(c, n, info.addressee, q + 1);
                let via = self.channel_in(a, b, s).filter(|_| {
                    !info.according || s.first_cue(a, q).is_some_and(|(i, _, _)| i != c)
                });
                return Some(Attribution {
                    who,
                    cue: Some(self.cue_span(c, n)),
                    via,
                    addressee,
                    weight: 0.95,
                });
            }
        }
        // Headline: "Kellogg: '…'"
        if q >= 2 && self.bytes(q - 1) == Some(b":") {
            if let Some((m, _)) = self.mention(q - 2) {
                return Some(Attribution {
                    who: Who::Mention(m),
                    cue: None,
                    via: self.channel_in(a, b, s),
                    addressee: None,
                    weight: 0.85,
                });
            }
        }
        None
    }

    /// The subject of the first cue in `a..limit` (the main clause), or the sentence's
    /// first person. `s` is the sentence.
    fn main_subject(&self, a: usize, limit: usize, s: Sentence<'_>) -> Option<(Who, usize)> {
        let a = a.max(limit.saturating_sub(WINDOW));
        if let Some((c, info, _)) = s.first_cue(a, limit) {
            if !info.according && !is_participle_bytes(self.bytes(c).unwrap_or(b"")) {
                if let Some(found) = self.subject_before(a, c) {
                    return Some(found);
                }
            }
        }
        self.sentence_subject(a, limit).map(|w| (w, a))
    }

    /// Reported speech with no quote marks in sentence `a..b` (`s`):
    /// "X said (that) CLAUSE" and "CLAUSE, X said". Puts (content items, attribution) in
    /// `out`, which must be empty (one buffer serves every sentence, emptied as it is read).
    // Inlined: a sentence with no cue is told without a call.
    #[inline(always)]
    fn indirect(
        &self,
        a: usize,
        b: usize,
        s: Sentence<'_>,
        out: &mut Vec<((usize, usize), Attribution)>,
    ) {
        debug_assert!(
            out.is_empty(),
            "the last sentence's reported speech is left"
        );
        // Every rule here starts from a cue: one in the sentence, or (for `postposed`) one
        // ending in it that starts at most one item before it. Most sentences hold none.
        if s.cues.is_empty() && (a == 0 || self.cue_at(a - 1).is_none()) {
            return;
        }
        self.indirect_by_cues(a, b, s, out);
    }

    /// [`Ctx::indirect`] of a sentence with a cue in reach.
    #[inline(never)]
    fn indirect_by_cues(
        &self,
        a: usize,
        b: usize,
        s: Sentence<'_>,
        out: &mut Vec<((usize, usize), Attribution)>,
    ) {
        let end = self.trim_end(a, b);
        let cues = &s.cues[..s.cues.partition_point(|c| c.0 < end)];
        // The items before `next` are read: a cue's own words, or a reported clause.
        let mut next = a;
        for &(i, info, n) in cues {
            if i < next {
                continue;
            }
            next = i + n;
            if !info.indirect || info.according {
                continue;
            }
            // Skip an addressee ("told NBC News", "telling The Post") and time words.
            let mut k = i + n;
            if info.addressee {
                if let Some((_, m)) = self.mention(k) {
                    if matches!(m.label, Label::Org | Label::Person) {
                        k = self.mention_items(k).1;
                    }
                } else if let Some(w) = self.word(k) {
                    const LISTENERS: &WordSet = word_set![
                        "reporters",
                        "journalists",
                        "lawmakers",
                        "senators",
                        "supporters",
                    ];
                    let lw = lower_key(w);
                    if LISTENERS.has_key(lw) {
                        k += 1;
                    } else if matches!(lw, Some(A | THE))
                        && self
                            .word(k + 1)
                            .is_some_and(|x| x.chars().all(char::is_lowercase))
                    {
                        k += 2;
                    }
                }
            }
            // "said on CBS' 'Face the Nation' that", "said Sunday in a statement that": a
            // short phrase naming the medium stands between the cue and its clause.
            let mut j = k;
            while let Some(class) = self
                .class(j)
                .filter(|c| j < end && (c.adverb || c.preposition))
            {
                if class.preposition {
                    if let Some(that) = self.that_after_phrase(j, end) {
                        k = that;
                        break;
                    }
                }
                j += 1;
            }
            while k < end && self.is_adverb(k) {
                k += 1;
            }
            let Some(first) = self.bytes(k) else {
                continue;
            };
            let lf = lower_bytes_key(first);
            let clause_start = if lf == Some(THAT) {
                Some(k + 1)
            } else if CLAUSE_SUBJECTS.has_key(lf) || self.starts_clause(k, end, first, lf) {
                Some(k)
            } else {
                None
            };
            if let Some(cs) = clause_start {
                let ce = self.clause_end(cs, end.min(cs + 4 * WINDOW), s);
                // A clause that quotes some of its words is reported too, as `mixed`: the
                // quoted fragments get records of their own as well.
                if ce > cs + 2 {
                    let cue_word = self.bytes(i).unwrap_or(b"");
                    let who = if is_participle_bytes(cue_word) {
                        self.main_subject(a, i, s)
                    } else {
                        self.subject_before(a, i)
                            .or_else(|| self.main_subject(a, i, s))
                    };
                    if let Some((who, _)) = who {
                        let addressee = self.addressee_after(i, n, info.addressee, cs);
                        out.push((
                            (cs, ce),
                            Attribution {
                                who,
                                cue: Some(self.cue_span(i, n)),
                                via: self.channel_in(a, b, s),
                                addressee,
                                weight: 0.9,
                            },
                        ));
                    }
                }
                next = ce.max(i + n);
            }
        }
        // "CLAUSE, X said (last month)."
        if out.is_empty() {
            if let Some(found) = self.postposed(a, end, s) {
                out.push(found);
            }
        }
        // "According to X, CLAUSE." and "CLAUSE, according to X."
        if out.is_empty() {
            if let Some(found) = self.according_to(a, end, cues, s) {
                out.push(found);
            }
        }
    }

    /// Reported speech framed by "according to": the source is the speaker. Only when the
    /// clause has no cue of its own ("According to KCNA, Lavrov expressed …" is Lavrov's)
    /// and no quotation of its own.
    /// `cues` are those starting in `a..end`, of the sentence `s`.
    fn according_to(
        &self,
        a: usize,
        end: usize,
        cues: &[Cue],
        s: Sentence<'_>,
    ) -> Option<((usize, usize), Attribution)> {
        let &(at, _, _) = cues.iter().find(|c| c.1.according)?;
        let (source_start, source_end, clause) = if at == a {
            // "According to X, CLAUSE"
            let comma = *s.commas_within(at + 2, end).first()?;
            (at + 2, comma, (comma + 1, end))
        } else if at > a + 2 && self.bytes(at - 1) == Some(b",") {
            // "CLAUSE, according to X"
            (at + 2, end, (a, at - 1))
        } else {
            return None;
        };
        let (cs, ce) = clause;
        let has_cue_or_quote = cues.iter().any(|c| (cs..ce).contains(&c.0))
            || (cs..ce).any(|i| matches!(self.frame.items[i], Item::Quote(_)));
        if ce <= cs + 2 || has_cue_or_quote {
            return None;
        }
        let (who, _) = self.subject_after(source_start, source_end + 1)?;
        Some((
            clause,
            Attribution {
                who,
                cue: Some(self.cue_span(at, 2)),
                via: None,
                addressee: None,
                weight: 0.85,
            },
        ))
    }

    /// The "that" ending a short prepositional phrase that starts at `k`, if the phrase
    /// holds only words, names and titles in quote marks, and names a medium: an
    /// organisation, a programme in quote marks, or a noun like "statement" ("in April
    /// that" is a time, and what follows may be the writer's summary).
    fn that_after_phrase(&self, k: usize, end: usize) -> Option<usize> {
        const MEDIUM_NOUNS: &WordSet = word_set![
            "statement",
            "interview",
            "post",
            "letter",
            "speech",
            "video",
            "message",
            "briefing",
            "conference",
            "address",
            "remarks",
            "op-ed",
            "column",
            "article",
            "podcast",
            "broadcast",
        ];
        let mut medium = false;
        for j in k + 1..(k + 10).min(end) {
            match self.frame.items[j] {
                Item::Quote(q) if self.quotes[q].class == SpanClass::Term => {
                    medium = true;
                    continue;
                }
                Item::Quote(_) => return None,
                Item::Tok(_) => {}
            }
            let w = self.bytes(j)?;
            if w == b"that" {
                return medium.then_some(j);
            }
            if !is_word_like(w) || w == b"." || self.cue_at(j).is_some_and(|(c, _)| c.indirect) {
                return None;
            }
            // Only read at a "that" further on, so found once is enough.
            medium = medium
                || self.mention(j).is_some_and(|(_, m)| m.label == Label::Org)
                || MEDIUM_NOUNS.contains_bytes(w);
        }
        None
    }

    /// Whether a finite clause starts at `k`: a name or noun phrase followed soon by an
    /// auxiliary or a present-tense verb. `w` is the word at `k` (its bytes), and `lw` its
    /// [`lower_key`], which the caller has already.
    fn starts_clause(&self, k: usize, end: usize, w: &[u8], lw: Option<u128>) -> bool {
        // No word to read before `end` for an auxiliary: no clause, whatever `k` holds.
        if k + 1 >= end {
            return false;
        }
        const NOT_A_CLAUSE: &WordSet = word_set![
            "to", "of", "about", "for", "on", "at", "with", "in", "as", "by", "from", "what",
            "how", "why",
        ];
        const DETERMINERS: &WordSet = word_set![
            "the", "a", "an", "some", "any", "all", "most", "many", "no", "his", "her", "their",
            "its", "our",
        ];
        if NOT_A_CLAUSE.has_key(lw) {
            return false;
        }
        let starts_np = self.mention(k).is_some() || DETERMINERS.has_key(lw) || starts_upper(w);
        if !starts_np {
            return false;
        }
        // The subject runs to an auxiliary without a comma ("The Post, when asked" is an
        // object followed by a clause of its own, not a subject).
        for j in k + 1..(k + 8).min(end) {
            match self.bytes(j) {
                Some(b"," | b";") | None => return false,
                Some(x) if AUXILIARY_SET.contains_bytes(x) => return true,
                _ => {}
            }
        }
        false
    }

    /// Where a reported clause starting at `cs` ends: the sentence end, or before a
    /// participle or source phrase that follows a comma. `s` is the sentence.
    fn clause_end(&self, cs: usize, end: usize, s: Sentence<'_>) -> usize {
        for &j in s.commas_within(cs, end) {
            if let Some(next) = self.word(j + 1) {
                let ln = lower_key(next);
                if (self.cue_at(j + 1).is_some() && is_participle(&lower(next)))
                    || ln == Some(ACCORDING)
                {
                    return j;
                }
                // "…, he said." at the end: a trailing attribution closes the clause; an
                // embedded one ("…, Trump said the US must …") does not.
                if CLAUSE_SUBJECTS.has_key(ln) || self.mention(j + 1).is_some() {
                    let speaker_end = if self.mention(j + 1).is_some() {
                        self.mention_items(j + 1).1
                    } else {
                        j + 2
                    };
                    if let Some((_, n)) = self.cue_at(speaker_end) {
                        if (speaker_end + n..end).all(|x| self.is_adverb(x) || self.is_punct(x)) {
                            return j;
                        }
                    }
                }
            }
        }
        end
    }

    /// Sentence items without the final punctuation.
    fn trim_end(&self, a: usize, b: usize) -> usize {
        const CLOSING_DOUBLE: &[u8] = "”".as_bytes();
        const CLOSING_SINGLE: &[u8] = "’".as_bytes();
        let mut e = b;
        while e > a
            && matches!(
                self.bytes(e - 1),
                Some(b"." | b"!" | b"?" | b"\"" | b"'" | CLOSING_DOUBLE | CLOSING_SINGLE)
            )
        {
            e -= 1;
        }
        e
    }

    /// "CLAUSE, SPEAKER CUE (time words)." at the end of the sentence `s`.
    fn postposed(
        &self,
        a: usize,
        end: usize,
        s: Sentence<'_>,
    ) -> Option<((usize, usize), Attribution)> {
        // Walk back from the end over time words to a cue.
        let mut c = end;
        while c > a && self.is_adverb(c - 1) {
            c -= 1;
        }
        if c <= a + 1 {
            return None;
        }
        // The sentence's cues are those `cue_at` answers for in it; one starting before it
        // is asked for.
        let ends_at_c = |&(i, _, n): &Cue| i + n == c;
        let (cue_at, info, n) = match c.checked_sub(3) {
            Some(from) if from >= a => s.cues_within(from, c).find(ends_at_c)?,
            _ => (c.saturating_sub(3)..c).find_map(|i| {
                self.cue_at(i)
                    .map(|(info, n)| (i, info, n))
                    .filter(ends_at_c)
            })?,
        };
        if !info.indirect || info.according {
            return None;
        }
        // The speaker phrase between the last comma and the cue.
        let comma = *s.commas_within(a, cue_at).last()?;
        // No quotation in the clause or the speaker phrase; checked before the (dearer)
        // speaker is looked for.
        if comma <= a + 2
            || self.frame.items[a..cue_at]
                .iter()
                .any(|item| matches!(item, Item::Quote(_)))
        {
            return None;
        }
        let (who, _) = self.subject_before(comma + 1, cue_at)?;
        Some((
            (a, comma),
            Attribution {
                who,
                cue: Some(self.cue_span(cue_at, n)),
                via: None,
                addressee: None,
                weight: 0.85,
            },
        ))
    }

    /// Whether sentence `a..b` is page debris or a photo caption, which does not break a
    /// chain of quotations.
    // Any of four tests makes a sentence debris: the cheapest go first (the word tests stop
    // at the first word in lower case), and the phrase lookup last.
    fn is_debris(&self, a: usize, b: usize) -> bool {
        // Captions: a photo count opening the sentence. (A word's chars are ASCII digits
        // when its bytes are.)
        let count = b > a + 1
            && self
                .bytes(a)
                .is_some_and(|w| !w.is_empty() && w.iter().all(u8::is_ascii_digit));
        // Nothing but debris words and words in capitals (credit lines).
        if count || (a..b).all(|i| self.is_debris_or_capitals(i)) {
            return true;
        }
        let span = self.items_span(a, b);
        // Position markers and credits; debris phrases, which are short ("Story continues
        // below advertisement").
        self.holds_caption_mark(span)
            || (span.len() < 64 && self.lexicon.is_debris(span.slice(self.text)))
    }

    /// Whether item `i` is a word of page debris or a word with no lower-case letter.
    fn is_debris_or_capitals(&self, i: usize) -> bool {
        let Some(w) = self.bytes(i) else {
            return false;
        };
        if self.class(i).is_some_and(|c| c.debris) {
            return true;
        }
        // An ASCII lower-case letter is a lower-case char; past those, only a word that is
        // not ASCII has chars to decode.
        !w.iter().any(u8::is_ascii_lowercase)
            && (w.is_ascii()
                || !self
                    .word(i)
                    .is_some_and(|w| w.chars().any(char::is_lowercase)))
    }

    /// Whether a caption or credit mark stands wholly inside `span`.
    fn holds_caption_mark(&self, span: Span) -> bool {
        let marks = &self.caption_marks;
        let first = first_mark_from(marks, self.caption_hint.get(), span.start);
        self.caption_hint.set(first);
        marks[first..]
            .iter()
            .take_while(|m| m.start < span.end)
            .any(|m| m.end <= span.end)
    }

    /// Whether the quoted span at item `q` opens its sentence (nothing but punctuation and
    /// page debris before it).
    fn opens_sentence(&self, a: usize, q: usize) -> bool {
        if q > a + WINDOW {
            return false;
        }
        // Marks and debris words alone before it, read first, answer without the (dearer)
        // debris test of the whole stretch, which the first word that is neither asks.
        for i in a..q {
            let mark = self.is_punct(i)
                || self.class(i).is_some_and(|c| c.debris)
                || matches!(self.frame.items[i], Item::Quote(_));
            if !mark {
                return self.is_debris(a, q);
            }
        }
        true
    }

    /// Whether the quoted span at item `q` is a whole quotation introduced by its cue
    /// ("Graham said: '…'", "Kallas added, '…'"): a colon or comma after a cue just before
    /// it, a capital opening it, and nothing but punctuation after it in the sentence.
    fn introduced(&self, a: usize, b: usize, q: usize) -> bool {
        let Item::Quote(qi) = self.frame.items[q] else {
            return false;
        };
        if q < a + 2 || !matches!(self.bytes(q - 1), Some(b":" | b",")) {
            return false;
        }
        let capital = self.quotes[qi]
            .content
            .slice(self.text)
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_uppercase);
        // A headline "Kallas: '…'": the name alone before the colon.
        let headline = self.bytes(q - 1) == Some(b":")
            && self.mention(q - 2).is_some()
            && self.mention_items(q - 2).0 == a;
        capital
            && (headline || (q.saturating_sub(6).max(a)..q - 1).any(|i| self.cue_at(i).is_some()))
            && (q + 1..b).all(|i| self.is_punct(i))
    }

    /// A quoted span whose own words begin with an attribution: "'Kim Jong Un reaffirmed
    /// that …'" (a readout quoted whole). `q` is the quotation's item, and `content` its
    /// content, which the caller has read.
    #[inline]
    fn inner_attribution(&self, q: usize, content: Span) -> Option<(usize, Span, Span)> {
        let toks = &self.doc.tokens;
        // The first token of the content. A token item just before the quote starts before
        // it, and so do the tokens before that one; after it come only the quote's opening
        // marks, so a few steps find the content's first token, where a search of the whole
        // document took a dozen.
        let mut t0 = match q.checked_sub(1).map(|p| self.frame.items[p]) {
            Some(Item::Tok(t)) => t + 1,
            _ => 0,
        };
        let near = toks[t0.min(toks.len())..]
            .iter()
            .take(4)
            .take_while(|t| t.span.start < content.start)
            .count();
        t0 += if near < 4 {
            near
        } else {
            toks[t0..].partition_point(|t| t.span.start < content.start)
        };
        let m = self.doc.mention_at(t0)?;
        let mention = &self.doc.mentions[m];
        if mention.label != Label::Person {
            return None;
        }
        let after = mention.tokens.1;
        let w = toks.get(after)?.span.slice(self.text);
        let info = self.lexicon.cue_word(w)?; // one lookup per quoted span
        if !info.indirect {
            return None;
        }
        let that = toks.get(after + 1)?;
        if that.span.slice(self.text) != "that" {
            return None;
        }
        Some((m, toks[after].span, Span::new(that.span.end, content.end)))
    }
}

/// Runs the rules over the whole document.
pub(crate) fn attribute_all(ctx: &Ctx<'_>, options: &Options) -> Vec<Quote> {
    // About one record per speech quotation and one per two cues: sized once, the Vec of
    // large records is not copied as it grows.
    let mut out: Vec<Quote> =
        Vec::with_capacity(ctx.frame.index.speech.len() + ctx.frame.index.cues.len() / 2);
    let people = People::of(&ctx.doc.people);
    let mut walk = Walk {
        // A sentence adds at most one entry: sized once, the record is not copied as it
        // grows.
        salience: Vec::with_capacity(ctx.frame.sentences.len()),
        channel: None,
        chain: None,
        quotation: 0,
    };
    // The sentences come in order of item, so their speech quotations and cues are read off
    // the document's lists from where the last sentence's ended.
    let index = &ctx.frame.index;
    let (speech, cues, channel) = (&index.speech[..], &index.cues[..], &index.channel[..]);
    let (mut next_speech, mut next_cue, mut next_channel) = (0, 0, 0);
    let (commas, mut next_comma) = (&index.commas[..], 0);
    // The reported clauses of a sentence, in one buffer for all.
    let mut reported = Vec::new();
    for s in &ctx.frame.sentences {
        let (a, b) = s.items;
        let para = s.paragraph;
        let first_record = out.len();
        // The sentence's first record with a speaker, and the person it was resolved to.
        let mut first_speaker: Option<(usize, Option<u32>)> = None;
        let sentence = Sentence {
            items: (a, b),
            cues: items_in(cues, &mut next_cue, |c| c.0, a, b),
            channel: items_in(channel, &mut next_channel, |&i| i, a, b),
            commas: items_in(commas, &mut next_comma, |&i| i, a, b),
        };
        let via_here = ctx.channel_in(a, b, sentence);
        let inherited_channel = walk
            .channel
            .as_ref()
            .filter(|(_, _, p)| *p + 1 >= para)
            .map(|(_, party, _)| party);
        let channel_salient = walk.channel.as_ref().map(|(s, _, _)| s);
        let mut attributed_any = false;
        let quote_items = items_in(speech, &mut next_speech, |&i| i, a, b);
        let mut prev_part: Option<(usize, usize)> = None; // (quote index, record index)
        for &qi in quote_items {
            let Item::Quote(q) = ctx.frame.items[qi] else {
                continue;
            };
            let span = &ctx.quotes[q];
            if span.content.is_empty() {
                continue;
            }
            let direct = ctx.opens_sentence(a, qi);
            // Part of a quotation interrupted by its attribution, or continued from the
            // previous paragraph: same speaker as the part before.
            let linked = span.continues.and_then(|p| {
                out.iter()
                    .rposition(|r| r.content == ctx.quotes[p].content)
                    .map(|r| (p, r))
            });
            // The rules push the quotation's record when they find its speaker, of the kind
            // they found and with no quotation number yet: what depends on the records
            // before it is settled below.
            let mut pushed = None;
            if let Some((m, cue, content)) = ctx.inner_attribution(qi, span.content) {
                let r = ctx.resolve(Who::Mention(m), &walk.salience, channel_salient);
                let via = via_here.clone().or_else(|| inherited_channel.cloned());
                let kind = QuoteKind::Mixed;
                pushed = Some(push_quote(
                    &mut out,
                    content,
                    kind,
                    r,
                    Some(cue),
                    via,
                    None,
                    1.0,
                ));
            } else if let Some(Attribution {
                // Bound field by field: moved out whole, the attribution is copied.
                who,
                cue,
                via,
                addressee,
                weight,
            }) = ctx.attribute_quote(a, b, qi, direct, sentence)
            {
                let r = ctx.resolve_in_sentence(a, who, &walk.salience, channel_salient);
                let via = via
                    .or_else(|| inherited_channel.cloned())
                    .filter(|v| v.id.is_none() || v.id != r.speaker.id);
                let kind = if direct || ctx.introduced(a, b, qi) {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                };
                pushed = Some(push_quote(
                    &mut out,
                    span.content,
                    kind,
                    r,
                    cue,
                    via,
                    addressee,
                    weight,
                ));
            } else if let Some((_, r)) = linked.or(prev_part) {
                let prev = &out[r];
                if let Some(sp) = prev.speaker.clone() {
                    let res = Resolved {
                        speaker: sp,
                        person: None,
                        gender: None,
                        confidence: prev.confidence,
                    };
                    let kind = if direct {
                        QuoteKind::Direct
                    } else {
                        QuoteKind::Partial
                    };
                    let (cue, via, addressee) =
                        (prev.cue, prev.via.clone(), prev.addressee.clone());
                    pushed = Some(push_quote(
                        &mut out,
                        span.content,
                        kind,
                        res,
                        cue,
                        via,
                        addressee,
                        1.0,
                    ));
                }
            } else if direct {
                if let Some(chain) = &walk.chain {
                    let prev = &out[chain.record];
                    // A chain starts at a record with a speaker.
                    if let Some(speaker) = &prev.speaker {
                        let speaker = Speaker {
                            resolved_by: ResolvedBy::Continuation,
                            ..speaker.clone()
                        };
                        let res = Resolved {
                            speaker,
                            person: chain.person,
                            gender: chain.gender,
                            confidence: chain.confidence * 0.8,
                        };
                        let via = prev.via.clone();
                        let kind = QuoteKind::Direct;
                        pushed = Some(push_quote(
                            &mut out,
                            span.content,
                            kind,
                            res,
                            None,
                            via,
                            None,
                            1.0,
                        ));
                    }
                }
            }
            match pushed {
                Some(chain) => {
                    attributed_any = true;
                    let record = chain.record;
                    first_speaker.get_or_insert((record, chain.person));
                    // The second part of an interrupted quotation ("We will," he said, "and
                    // every city.") is of the kind its first part is.
                    if let Some((_, first)) = linked {
                        if matches!(out[record].kind, QuoteKind::Direct | QuoteKind::Partial) {
                            out[record].kind = out[first].kind;
                        }
                    }
                    out[record].quotation =
                        match linked.or(prev_part.filter(|_| span.continues.is_some())) {
                            Some((_, rec)) => out[rec].quotation,
                            None => {
                                walk.quotation += 1;
                                walk.quotation - 1
                            }
                        };
                    if out[record]
                        .speaker
                        .as_ref()
                        .is_some_and(|s| s.name.is_some())
                        || chain.person.is_some()
                    {
                        walk.chain = Some(chain);
                    }
                    prev_part = Some((q, record));
                }
                None if options.unattributed && direct => {
                    out.push(Quote {
                        content: span.content,
                        kind: QuoteKind::Direct,
                        speaker: None,
                        cue: None,
                        via: None,
                        addressee: None,
                        confidence: 0.2,
                        quotation: walk.quotation,
                    });
                    walk.quotation += 1;
                }
                None => {}
            }
        }
        if options.indirect {
            ctx.indirect(a, b, sentence, &mut reported);
            // Most sentences report nothing, and a drain costs its setting up.
            if !reported.is_empty() {
                // Bound field by field: moved out whole, the attribution is copied.
                for (
                    (cs, ce),
                    Attribution {
                        who,
                        cue,
                        via,
                        addressee,
                        weight,
                    },
                ) in reported.drain(..)
                {
                    let content = ctx.items_span(cs, ce);
                    // Quoted words inside the reported clause: the clause is `mixed`; when they
                    // are most of it, their own `partial` records say it all.
                    let items = ctx.frame.items.get(cs..ce).unwrap_or(&[]);
                    let quoted: usize = items
                        .iter()
                        .map(|&item| match item {
                            Item::Quote(q) => ctx.quotes[q].content.len(),
                            Item::Tok(_) => 0,
                        })
                        .sum();
                    if quoted * 2 >= content.len() {
                        continue;
                    }
                    let mixed = quoted > 0;
                    let r = ctx.resolve_in_sentence(a, who, &walk.salience, channel_salient);
                    let via = via
                        .or_else(|| inherited_channel.cloned())
                        .filter(|v| v.id.is_none() || v.id != r.speaker.id);
                    out.push(Quote {
                        content,
                        kind: if mixed {
                            QuoteKind::Mixed
                        } else {
                            QuoteKind::Indirect
                        },
                        confidence: (r.confidence * weight).clamp(0.0, 1.0),
                        speaker: Some(r.speaker),
                        cue,
                        via,
                        addressee,
                        quotation: walk.quotation,
                    });
                    walk.quotation += 1;
                    first_speaker.get_or_insert((out.len() - 1, r.person));
                    if r.person.is_some() {
                        walk.chain = None;
                    }
                }
            }
        }
        // Who this sentence was about: its first record's speaker, else its subject. Captions
        // and page debris are not part of the story.
        // Only a document person enters the record, so the speaker is read in place and
        // copied only then.
        let debris = quote_items.is_empty() && ctx.is_debris(a, b);
        let subject = if debris {
            None
        } else if let Some((sp, resolved)) = first_speaker.and_then(|(record, resolved)| {
            let sp = out[record].speaker.as_ref()?;
            Some((sp, resolved))
        }) {
            people
                .person_of(sp, resolved)
                .map(|p| (p, sp.name.clone(), sp.id.clone()))
        } else {
            ctx.sentence_subject(a, b).and_then(|w| {
                let r = ctx.resolve(w, &walk.salience, channel_salient);
                let p = r.person.or_else(|| people.person_of(&r.speaker, None))?;
                Some((p, r.speaker.name, r.speaker.id))
            })
        };
        if let Some((person, name, id)) = subject {
            walk.salience.push(Salient {
                person: Some(person),
                name,
                id,
                gender: ctx.doc.people[person as usize].gender,
            });
        }
        // A sentence naming a channel sets it for what follows ("According to KCNA, …"): the
        // sentence's own subject was resolved with the channel before it.
        if let Some(v) = via_here {
            let sal = Salient {
                person: None,
                name: v.name.clone(),
                id: v.id.clone(),
                gender: None,
            };
            walk.channel = Some((sal, v, para));
        }
        // A narrative sentence with no quotation ends a chain of quotations; debris and
        // captions do not.
        if !attributed_any && quote_items.is_empty() && !debris {
            walk.chain = None;
        }
        // Records are put in text order sentence by sentence (a reported clause may hold
        // the sentence's quotations, whose records come first), once no rule reads them by
        // index any more. A stable sort of each sentence's few records keeps the order of
        // records with equal keys, so the document's stable sort below gives the same
        // order, and finds nothing to do.
        let records = &mut out[first_record..];
        let key = |q: &Quote| (q.content.start, q.content.end);
        if !records.is_sorted_by_key(key) {
            // The chain's record moves with the sort.
            if let Some(chain) = walk.chain.as_mut().filter(|c| c.record >= first_record) {
                chain.record =
                    first_record + place_in_stable_sort(records, chain.record - first_record, key);
            }
            records.sort_by_key(key);
        }
    }
    // A sentence's records lie within it, so the records are now in order; sorted here all
    // the same should that ever not hold. A stable sort by cached key moves each (large)
    // record at most once, where a merge sort moves them many times.
    if !out.is_sorted_by_key(|q| (q.content.start, q.content.end)) {
        out.sort_by_cached_key(|q| (q.content.start, q.content.end));
    }
    // The records were given room for every speech quotation and half the cues; callers
    // keep them (a batch keeps a whole stream's), so the unused room is handed back.
    out.shrink_to_fit();
    out
}

/// The entries of `list` (in increasing order of `item`) whose item is in `a..b`, searched
/// from `*next` on, which is left after them: for ranges asked in increasing order, a
/// single walk over the list.
fn items_in<'l, T>(
    list: &'l [T],
    next: &mut usize,
    item: impl Fn(&T) -> usize,
    a: usize,
    b: usize,
) -> &'l [T] {
    while list.get(*next).is_some_and(|x| item(x) < a) {
        *next += 1;
    }
    let first = *next;
    while list.get(*next).is_some_and(|x| item(x) < b) {
        *next += 1;
    }
    &list[first..*next]
}

/// Pushes the record of a quotation whose speaker is `r`, found by a rule trusted `weight`
/// (with no quotation number yet), and returns the chain of quotations it may start.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_quote(
    out: &mut Vec<Quote>,
    content: Span,
    kind: QuoteKind,
    r: Resolved,
    cue: Option<Span>,
    via: Option<Party>,
    addressee: Option<Party>,
    weight: f32,
) -> Chain {
    let chain = Chain {
        record: out.len(),
        person: r.person,
        gender: r.gender,
        confidence: r.confidence,
    };
    out.push(Quote {
        content,
        kind,
        confidence: (r.confidence * weight).clamp(0.0, 1.0),
        speaker: Some(r.speaker),
        cue,
        via,
        addressee,
        quotation: 0,
    });
    chain
}

/// Where a stable sort by `key` puts the element now at `k`: after every element of a
/// lower key, and after those of an equal key that are before it now.
fn place_in_stable_sort<T, K: Ord>(list: &[T], k: usize, key: impl Fn(&T) -> K) -> usize {
    let at = key(&list[k]);
    list.iter().filter(|x| key(x) < at).count() + list[..k].iter().filter(|x| key(x) == at).count()
}

/// The document's people, to tell which of them a speaker is.
struct People<'d> {
    people: &'d [crate::entities::DocPerson],
    /// The last person of each name.
    by_name: HashMap<&'d str, u32>,
    /// Whether no two people have the same name.
    distinct: bool,
}

impl<'d> People<'d> {
    fn of(people: &'d [crate::entities::DocPerson]) -> People<'d> {
        let by_name: HashMap<&str, u32> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (&*p.name, i as u32))
            .collect();
        People {
            people,
            distinct: by_name.len() == people.len(),
            by_name,
        }
    }

    /// The document person a resolved speaker stands for, by canonical name. `resolved` is
    /// the person the speaker was resolved to, if any: when the speaker's name is that
    /// person's very name and no other person has it, that person is the answer, found
    /// without hashing the name.
    fn person_of(&self, sp: &Speaker, resolved: Option<u32>) -> Option<u32> {
        let name = sp.name.as_ref()?;
        if let Some(p) = resolved.filter(|_| self.distinct) {
            if self
                .people
                .get(p as usize)
                .is_some_and(|person| std::sync::Arc::ptr_eq(&person.name, name))
            {
                return Some(p);
            }
        }
        self.by_name.get(&**name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words like those of the lists, in any case, with the Kelvin sign for a "k", with a
    /// NUL byte, non-ASCII letters, or past the 15 bytes a key holds.
    fn listish_words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = proptest::sample::select(vec![
            "he",
            "She",
            "THE",
            "that",
            "a",
            "i",
            "would",
            "WON'T",
            "won’t",
            "la",
            "w",
            "ma",
            "\u{212A}",
            "k",
            "K",
            "ers",
            "reporters",
            "according",
            "\u{0}",
            "é",
            "İ",
            "s",
            "-",
            "conference",
            "journalists",
            "x",
        ]);
        proptest::collection::vec(piece, 0..4).prop_map(|v| v.concat())
    }

    /// A word set answers as `lower` and a search of the list's words do, for any
    /// word: the Kelvin sign lower-cases to "k" ("lawma\u{212A}ers"), and a word with a NUL
    /// byte or longer than a key is no other word.
    #[test]
    fn keys_answer_as_lower_does() {
        use proptest::prelude::*;
        const LIST: &[&str] = &[
            "he",
            "the",
            "that",
            "a",
            "i",
            "lawmakers",
            "reporters",
            "won't",
            "according",
            "journalists",
            "conference",
            "kk",
            "make",
        ];
        let set = word_set!(LIST);
        for w in LIST {
            assert_eq!(word_key(w), Some(key(w)), "{w}");
        }
        let mut words: Vec<String> = [
            "lawma\u{212A}ers",
            "LAWMAKERS",
            "\u{212A}\u{212A}",
            "a\u{0}",
        ]
        .map(String::from)
        .to_vec();
        words.extend(LIST.iter().map(|w| w.to_uppercase()));
        for w in &words {
            let want = LIST.contains(&&*lower(w));
            assert_eq!(set.contains(w), want, "{w:?}");
        }
        proptest!(ProptestConfig::with_cases(4000), |(w in listish_words())| {
            prop_assert_eq!(set.contains(&w), LIST.contains(&&*lower(&w)), "{:?}", w);
            prop_assert_eq!(set.contains_bytes(w.as_bytes()), set.contains(&w), "{:?}", w);
            prop_assert_eq!(lower_bytes_key(w.as_bytes()), lower_key(&w), "{:?}", w);
            let upper = w.chars().next().is_some_and(char::is_uppercase);
            prop_assert_eq!(starts_upper(w.as_bytes()), upper, "{:?}", w);
            let word_like = w
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.'));
            prop_assert_eq!(is_word_like(w.as_bytes()), word_like, "{:?}", w);
        });
    }

    /// For the lists the rules once compared byte by byte, ignoring ASCII case, the sets
    /// give the same answers.
    #[test]
    fn keys_answer_as_byte_compares_did() {
        use proptest::prelude::*;
        for (list, set) in [
            (CLAUSE_OPENERS, CLAUSE_OPENER_SET),
            (AUXILIARIES, AUXILIARY_SET),
        ] {
            let old = |w: &str| list.iter().any(|x| w.eq_ignore_ascii_case(x));
            for w in list {
                assert!(set.contains(&w.to_uppercase()), "{w}");
            }
            proptest!(ProptestConfig::with_cases(2000), |(w in listish_words())| {
                prop_assert_eq!(set.contains(&w), old(&w), "{:?}", w);
            });
        }
    }

    /// The eight-bytes-at-a-time key is the byte-by-byte one, for every ASCII byte (and a
    /// non-ASCII one) at every place of words of every length.
    #[test]
    fn word_key_agrees_with_bytewise_packing() {
        let bytewise = |w: &str| -> Option<u128> {
            if w.len() > 15 || !w.is_ascii() {
                return None;
            }
            let mut key = (w.len() as u128) << 120;
            for (k, c) in w.bytes().enumerate() {
                key |= u128::from(c.to_ascii_lowercase()) << (8 * k);
            }
            Some(key)
        };
        for len in 0..=17 {
            for c in (0..128u8).map(char::from).chain(['é', 'K']) {
                for at in 0..len {
                    let w: String = (0..len)
                        .map(|i| if i == at { c } else { ['q', 'Z'][i % 2] })
                        .collect();
                    assert_eq!(word_key(&w), bytewise(&w), "{w:?}");
                }
            }
        }
    }

    /// The words `sentence_subject` looks for are made of letters that no char but an
    /// ASCII one lower-cases to (a char that is not ASCII lower-cases to one that is not,
    /// or to "k" for the Kelvin sign), so only a word of their length can be one of them.
    #[test]
    fn short_keys_come_from_short_words() {
        let letters: Vec<char> = ["he", "him", "she", "her", "the"]
            .iter()
            .flat_map(|w| w.chars())
            .collect();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii()) {
                let lowered: String = c.to_lowercase().collect();
                assert!(
                    lowered.chars().all(|l| !letters.contains(&l)),
                    "{c:?} lower-cases to {lowered:?}"
                );
            }
        }
    }

    /// An element is where a stable sort puts it.
    #[test]
    fn place_in_stable_sort_is_where_sorting_puts_it() {
        use proptest::prelude::*;
        let keys = proptest::collection::vec(0..4u8, 1..9);
        proptest!(ProptestConfig::with_cases(2000), |(keys in keys, pick in 0..9usize)| {
            let k = pick % keys.len();
            let mut sorted: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            sorted.sort_by_key(|&(key, _)| key);
            let want = sorted.iter().position(|&(_, i)| i == k).unwrap();
            prop_assert_eq!(place_in_stable_sort(&keys, k, |&x| x), want);
        });
    }

    /// A cue's or a sentence's text read from its tokens is its items' span.
    #[test]
    fn items_span_is_span_of() {
        use super::super::speaker::tests::{built_texts, with_ctx, SAMPLES};
        use proptest::prelude::*;
        let check = |ctx: &Ctx<'_>| {
            for &(i, _, n) in &ctx.frame.index.cues {
                assert_eq!(ctx.cue_span(i, n), ctx.span_of(i, i + n), "{}", ctx.text);
            }
            for s in &ctx.frame.sentences {
                let (a, b) = s.items;
                for (a, b) in [(a, b), (a, (a + 3).min(b)), ((a + 2).min(b), b)] {
                    if a < b {
                        assert_eq!(ctx.items_span(a, b), ctx.span_of(a, b), "{}", ctx.text);
                    }
                }
            }
        };
        for text in SAMPLES {
            with_ctx(text, check);
        }
        proptest!(ProptestConfig::with_cases(300), |(text in built_texts())| {
            with_ctx(&text, check);
        });
    }

    /// The first mark from a hint is the first mark searched for, whatever the hint.
    #[test]
    fn first_mark_from_any_hint() {
        use proptest::prelude::*;
        let marks = proptest::collection::vec(0..60usize, 0..8).prop_map(|mut starts| {
            starts.sort_unstable();
            starts.dedup();
            starts
                .into_iter()
                .map(|s| Span::new(s, s + 3))
                .collect::<Vec<_>>()
        });
        proptest!(ProptestConfig::with_cases(3000), |(marks in marks, hint in 0..10usize, start in 0..64usize)| {
            let want = marks.partition_point(|m| m.start < start);
            prop_assert_eq!(first_mark_from(&marks, hint, start), want);
        });
    }

    /// Every occurrence, as an overlapping search over all the marks would find them.
    #[test]
    fn caption_marks_finds_overlapping_occurrences() {
        let all = AhoCorasick::new(CAPTION_MARK_TEXTS).unwrap();
        for text in [
            "",
            "Macron (L) and Scholz (R). Photo: John Doe/AFP via Getty Images",
            "Protesters march. /AP Photo: Jane Roe",
            "(left)(L)(centre)File photo/AFP/AP PhotoAP Photo:",
            "No caption here at all.",
        ] {
            let mut want: Vec<Span> = all
                .find_overlapping_iter(text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            want.sort_by_key(|m| (m.start, m.end));
            assert_eq!(caption_marks(text), want, "{text}");
            // Both searchers, whichever this machine uses.
            let automaton = CaptionSearcher::automaton();
            assert_eq!(caption_marks_by(&automaton, text), want, "{text}");
            if let Some(packed) = CaptionSearcher::packed() {
                assert_eq!(caption_marks_by(&packed, text), want, "{text}");
            }
        }
        assert_eq!(caption_marks("/AP Photo:").len(), 3);
    }

    /// Both searchers find every occurrence, in texts long and short made of pieces of
    /// marks and words.
    #[test]
    fn caption_searchers_find_every_occurrence() {
        use proptest::prelude::*;
        let all = AhoCorasick::new(CAPTION_MARK_TEXTS).unwrap();
        let piece = proptest::sample::select(vec![
            "(L",
            ")",
            "(R)",
            "(le",
            "ft)",
            "/A",
            "FP",
            "P Photo",
            "Photo",
            ":",
            "Getty ",
            "Images",
            "via ",
            "REUTERS",
            "File photo",
            " ",
            "the talks were constructive, ",
            "é",
            "(C)",
        ]);
        let texts = proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat());
        let searchers: Vec<CaptionSearcher> = CaptionSearcher::packed()
            .into_iter()
            .chain([CaptionSearcher::automaton()])
            .collect();
        proptest!(ProptestConfig::with_cases(1000), |(text in texts)| {
            let mut want: Vec<Span> = all
                .find_overlapping_iter(&text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect();
            want.sort_by_key(|m| (m.start, m.end));
            for searcher in &searchers {
                prop_assert_eq!(&caption_marks_by(searcher, &text), &want, "{:?}", text);
            }
        });
    }
}
