//! Speakers: finding the noun phrase that names who spoke (a name, a pronoun, a role noun,
//! an organisation) and resolving it to an entity, with a running record of who the
//! document is talking about (salience) for pronouns and role nouns.

use super::frame::{extent, Item};
use super::lexicon::{load_le, RoleNoun};
use super::Ctx;
use crate::entities::{is_name_word, is_not_name, DocEntities, Mention, MentionForm};
use crate::gazetteer::{Gender, Label};
use crate::output::{ResolvedBy, Speaker};
use crate::text::lower;
use crate::text::Span;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// Words that may stand between a speaker and the cue without changing who speaks.
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "previously",
    "earlier",
    "recently",
    "reportedly",
    "publicly",
    "again",
    "further",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "would",
    "will",
    "once",
    "still",
    "now",
    "simply",
    "repeatedly",
    "quickly",
    "privately",
    "separately",
    "similarly",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "on",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "today",
    "yesterday",
    "tonight",
    "late",
    "early",
    "just",
];

/// Prepositions: a name right after one is not a subject ("a call with Trump").
const PREPOSITIONS: &[&str] = &[
    "with", "to", "of", "from", "by", "about", "for", "against", "at", "on", "in", "into",
    "toward", "towards", "than", "between", "among", "like", "over", "under", "after", "before",
    "as", "via", "through", "without",
];

/// Generic nouns for groups of unnamed speakers: reported as the words in the text.
const GROUP_NOUNS: &[&str] = &[
    "tourist",
    "tourists",
    "resident",
    "witness",
    "voter",
    "voters",
    "student",
    "students",
    "teacher",
    "farmer",
    "farmers",
    "worker",
    "workers",
    "doctor",
    "nurse",
    "retiree",
    "protester",
    "protesters",
    "fan",
    "fans",
    "driver",
    "passenger",
    "parent",
    "parents",
    "mother",
    "father",
    "woman",
    "man",
    "owner",
    "neighbour",
    "neighbor",
    "survivor",
    "soldier",
    "veteran",
    "activist",
    "activists",
    "shopper",
    "customer",
    "patient",
    "expert",
    "analyst",
    "economist",
    "officials",
    "official",
    "sources",
    "source",
    "analysts",
    "experts",
    "lawmakers",
    "diplomats",
    "residents",
    "witnesses",
    "critics",
    "observers",
    "aides",
    "people",
    "allies",
    "authorities",
    "police",
    "researchers",
    "economists",
    "investors",
    "ministers",
    "leaders",
    "prosecutors",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Nouns that stand for an organisation already named ("the ministry said").
const ORG_NOUNS: &[&str] = &[
    "ministry",
    "agency",
    "government",
    "company",
    "firm",
    "department",
    "office",
    "party",
    "army",
    "military",
    "administration",
    "bank",
    "group",
    "council",
    "commission",
    "committee",
    "alliance",
    "kremlin",
];

/// Nouns for a report or readout: they speak for the channel that issued them.
const DOC_NOUNS: &[&str] = &[
    "readout",
    "statement",
    "report",
    "dispatch",
    "communique",
    "communiqué",
    "transcript",
    "release",
];

/// Words that open a clause or phrase set off by commas between a speaker and the cue
/// (", who also appeared on CBS,", ", speaking to reporters,"): the walk left skips it.
const SKIPPED_CLAUSE_OPENERS: &[&str] = &[
    "who",
    "which",
    "whose",
    "in",
    "on",
    "at",
    "during",
    "speaking",
    "according",
    "after",
    "before",
    "while",
    "when",
    "as",
    "citing",
    "writing",
];

/// The adverb list in lower case, for the lexicon's per-word table.
pub(crate) fn adverb_words() -> impl Iterator<Item = String> {
    ADVERBS.iter().map(|a| a.to_lowercase())
}

/// The preposition list, for the lexicon's per-word table.
pub(crate) fn preposition_words() -> impl Iterator<Item = &'static str> {
    PREPOSITIONS.iter().copied()
}

/// Who spoke, before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Who {
    /// An entity mention (index into the document's mentions).
    Mention(usize),
    /// he / she / they, at item `item`.
    Pronoun { item: usize, gender: Option<Gender> },
    /// A role noun phrase "the [modifiers] HEAD" or "Moscow's security chief", items `start..end`.
    Role { start: usize, end: usize },
    /// "the readout", "the statement": the channel speaks.
    Document { start: usize, end: usize },
    /// "officials", "sources": unnamed speakers.
    Group { start: usize, end: usize },
    /// A capitalised name next to the cue that no gazetteer or earlier mention explains
    /// ("Lavrov said" in a text that never gives his full name).
    Name { start: usize, end: usize },
}

/// A resolved speaker: the output record plus what it refers to, for salience.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub speaker: Speaker,
    pub person: Option<u32>,
    pub gender: Option<Gender>,
    pub confidence: f32,
}

/// One entry of the salience record: someone the document was just talking about.
#[derive(Debug, Clone)]
pub(crate) struct Salient {
    pub person: Option<u32>,
    pub name: Option<Arc<str>>,
    pub id: Option<Arc<str>>,
    pub gender: Option<Gender>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn word(&self, i: usize) -> Option<&'a str> {
        match self.frame.items.get(i)? {
            Item::Tok(t) => Some(self.doc.tokens[*t].span.slice(self.text)),
            Item::Quote(_) => None,
        }
    }

    /// The span of item `i` when it is a token: for the rules that can tell most words
    /// apart by their length, before slicing the text.
    pub(crate) fn token_span(&self, i: usize) -> Option<Span> {
        match self.frame.items.get(i)? {
            Item::Tok(t) => Some(self.doc.tokens[*t].span),
            Item::Quote(_) => None,
        }
    }

    /// The byte of item `i` when it is a one-byte token (a mark such as "," or "."): the
    /// same as comparing `word(i)` with a one-character string, without the slicing.
    pub(crate) fn mark_at(&self, i: usize) -> Option<u8> {
        let span = self.token_span(i)?;
        if span.len() == 1 {
            self.text.as_bytes().get(span.start).copied()
        } else {
            None
        }
    }

    /// The bytes of item `i` when it is a token: for comparing with ASCII words, the
    /// same answers as comparing `word(i)`, without the checks of slicing a `str`.
    pub(crate) fn token_bytes(&self, i: usize) -> Option<&'a [u8]> {
        match self.frame.items.get(i)? {
            Item::Tok(t) => self.text.as_bytes().get(self.doc.tokens[*t].span.range()),
            Item::Quote(_) => None,
        }
    }

    pub(crate) fn mention(&self, i: usize) -> Option<(usize, &'a Mention)> {
        match self.frame.items.get(i)? {
            Item::Tok(t) => self.doc.mention_at(*t).map(|m| (m, &self.doc.mentions[m])),
            Item::Quote(_) => None,
        }
    }

    /// The item range a mention occupies, given any item inside it.
    pub(crate) fn mention_items(&self, i: usize) -> (usize, usize) {
        let Some((m, _)) = self.mention(i) else {
            return (i, i + 1);
        };
        // The items after `i` read as one slice, each token's mention straight from the
        // document's index (as `mention_start` reads those before).
        let after = self.frame.items.get(i + 1..).unwrap_or_default();
        let same = |item: &&Item| match **item {
            Item::Tok(t) => self.doc.mention_at(t) == Some(m),
            Item::Quote(_) => false,
        };
        (
            self.mention_start(i, m),
            i + 1 + after.iter().take_while(same).count(),
        )
    }

    pub(crate) fn span_of(&self, start: usize, end: usize) -> Span {
        let docs: &DocEntities<'_> = self.doc;
        Span::new(
            self.frame.start(docs, self.quotes, start),
            self.frame.end(docs, self.quotes, end - 1),
        )
    }

    /// A subject pronoun at item `i`: he and she carry a gender, they and it none.
    fn pronoun_at(&self, i: usize) -> Option<Who> {
        pronoun(self.word(i)?, i)
    }

    fn cue_word_at(&self, i: usize) -> Option<super::CueInfo> {
        self.class(i)
            .and_then(|c| c.cue)
            .filter(|&(_, n)| n == 1)
            .map(|(c, _)| c)
    }

    /// The token class of item `i`, when it is a token.
    pub(crate) fn class(&self, i: usize) -> Option<&super::frame::TokenClass> {
        match self.frame.items.get(i)? {
            Item::Tok(t) => self.frame.classes.get(*t),
            Item::Quote(_) => None,
        }
    }

    pub(crate) fn is_preposition(&self, i: usize) -> bool {
        self.class(i).is_some_and(|c| c.preposition)
    }

    pub(crate) fn is_adverb(&self, i: usize) -> bool {
        self.class(i).is_some_and(|c| c.adverb)
    }

    /// The two-word role noun "`w` `head`" is, lowercased ("prime minister"). A short
    /// ASCII pair is lowercased on the stack: this is asked for every possible role head
    /// before a cue, and a `format!` each time cost two allocations.
    fn role_pair(&self, w: &str, head: &str) -> Option<&'a RoleNoun> {
        // No role noun opens with a determiner (the walk left takes one as the phrase's
        // start; `no_role_opens_with_a_determiner` checks the lexicon's list), and most
        // words before a head are one ("the minister"): those pairs are turned away before
        // the lowered pair is built and looked up. `is_one_of` is exact for these words.
        if is_one_of(w, DETERMINERS) {
            return None;
        }
        let n = w.len() + 1 + head.len();
        if n <= 64 && w.is_ascii() && head.is_ascii() {
            let mut buf = [0u8; 64];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[w.len()] = b' ';
            buf[w.len() + 1..n].copy_from_slice(head.as_bytes());
            buf[..n].make_ascii_lowercase();
            // ASCII in, ASCII out: always valid UTF-8.
            std::str::from_utf8(&buf[..n])
                .ok()
                .and_then(|pair| self.lexicon.role(pair))
        } else {
            let pair = format!("{} {}", w.to_lowercase(), head.to_lowercase());
            self.lexicon.role(&pair)
        }
    }

    /// A role noun phrase ending at item `end - 1` (its head): returns its start.
    fn role_phrase_ending(&self, floor: usize, end: usize) -> Option<usize> {
        self.role_phrase_ending_with(floor, end, self.word(end - 1)?)
    }

    /// [`Ctx::role_phrase_ending`] given the head, `word(end - 1)`, which the walk left
    /// has in hand.
    fn role_phrase_ending_with(&self, floor: usize, end: usize, head: &str) -> Option<usize> {
        if !self.lexicon.may_end_role(head) {
            return None;
        }
        let prev = if end >= 2 { self.word(end - 2) } else { None };
        let head_len = if prev.is_some_and(|w| self.role_pair(w, head).is_some()) {
            2
        } else if self.lexicon.role(&lower(head)).is_some() {
            1
        } else {
            return None;
        };
        // Walk left over modifiers to a determiner or a possessive.
        let mut k = end - head_len;
        while k > floor {
            let w = self.word(k - 1)?;
            if is_one_of(w, DETERMINERS) {
                return Some(k - 1);
            }
            if matches!(w, "'s" | "’s" | "'" | "’") {
                // "Moscow's security chief": the possessor is part of the phrase.
                let (a, _) = self.mention_items(k - 2.min(k));
                return Some(if k >= 2 { a.min(k - 2) } else { k - 1 });
            }
            if all_chars(w, |c| c.is_alphanumeric() || c == '-') && end - k < 6 {
                k -= 1;
            } else {
                return None;
            }
        }
        None
    }

    /// The speaker noun phrase that ends right before the cue at `cue`, walking left over
    /// adverbs, time words, parentheses and relative clauses. `floor` bounds the walk.
    // Asked for every cue and every report verb: marks are read as bytes, word lists are
    // matched by byte compares, and a word is lower-cased only for the noun lists at the
    // end of the walk.
    pub(crate) fn subject_before(&self, floor: usize, cue: usize) -> Option<(Who, usize)> {
        let mut k = cue;
        let mut steps = 0;
        let (items, classes) = (&self.frame.items, &self.frame.classes);
        while k > floor && steps < 24 {
            steps += 1;
            let i = k - 1;
            // The item is read once, and what the rules ask of its token (mention, class,
            // text) from it, as they ask: a quotation ends the walk, as `word` says.
            let Some(&Item::Tok(t)) = items.get(i) else {
                return None;
            };
            if let Some(m) = self.doc.mention_at(t) {
                let mention = &self.doc.mentions[m];
                let a = self.mention_start(i, m);
                if mention.possessive {
                    // "Russia's": keep walking to the head.
                    k = a;
                    continue;
                }
                // "of South Carolina", "officials in the US", "an aide to Putin": the object
                // of a preposition modifies the head before it, whoever it names.
                let det = a > floor
                    && self
                        .token_bytes(a - 1)
                        .is_some_and(|d| is_one_of_bytes(d, ARTICLES));
                let p = if det { a - 1 } else { a };
                if p > floor && self.is_preposition(p - 1) {
                    k = p - 1;
                    continue;
                }
                // "the South Carolina Republican": a member word heading a role phrase.
                if mention.label == Label::Norp {
                    let w = self.doc.tokens[t].span.slice(self.text);
                    if let Some(start) = self.role_phrase_ending_with(floor, i + 1, w) {
                        return Some((Who::Role { start, end: i + 1 }, start));
                    }
                }
                if matches!(
                    mention.label,
                    Label::Person | Label::Org | Label::Gpe | Label::Norp
                ) {
                    return Some((Who::Mention(m), a));
                }
                k = a;
                continue;
            }
            let class = classes.get(t);
            let w = self.doc.tokens[t].span.slice(self.text);
            if class.is_some_and(|c| c.adverb) || matches!(w, "who" | "which") {
                k = i;
                continue;
            }
            match w {
                ")" => {
                    // Skip a parenthesis: "(R-SC)".
                    let mut j = i;
                    while j > floor && self.mark_at(j - 1) != Some(b'(') {
                        j -= 1;
                    }
                    k = j.saturating_sub(1).max(floor);
                    continue;
                }
                "," => {
                    // ", who also appeared on CBS," / ", in an interview …," : skip a clause
                    // or phrase set off by commas; but if it holds a person, they speak.
                    // Back to just after the nearest ",", "." or ";" of the last 29 items,
                    // else as far as they go: the items read as one slice, a mark told from
                    // its one byte.
                    let lowest = floor.max(i.saturating_sub(29));
                    let is_stop = |item: &Item| match *item {
                        Item::Tok(t) => {
                            let span = self.doc.tokens[t].span;
                            span.len() == 1
                                && matches!(
                                    self.text.as_bytes().get(span.start),
                                    Some(b',' | b'.' | b';')
                                )
                        }
                        Item::Quote(_) => false,
                    };
                    let j = items
                        .get(lowest..i)
                        .and_then(|run| run.iter().rposition(is_stop))
                        .map_or(lowest, |at| lowest + at + 1);
                    if let Some(found) = self.person_in(j, i) {
                        return Some(found);
                    }
                    let skippable = self
                        .word(j)
                        .is_some_and(|o| lowers_to_one_of(o, SKIPPED_CLAUSE_OPENERS));
                    if skippable && j > floor && self.mark_at(j - 1) == Some(b',') {
                        k = j - 1;
                        continue;
                    }
                    return None;
                }
                _ => {}
            }
            // "a tourist from Lyon", "Dr. Markus Weber of the University of Leipzig": a
            // prepositional phrase after the speaker's head; keep walking to the head.
            if k < cue
                && class.is_some_and(|c| c.preposition)
                && i > floor
                && self
                    .word(i - 1)
                    .is_some_and(|p| all_chars(p, char::is_alphabetic))
            {
                k = i;
                continue;
            }
            if let Some(who) = pronoun(w, i) {
                return Some((who, i));
            }
            if let Some(start) = self.role_phrase_ending_with(floor, i + 1, w) {
                return Some((Who::Role { start, end: i + 1 }, start));
            }
            if is_name_word(w) && !is_not_name(w) {
                let mut a = i;
                while a > floor
                    && i - a < 2
                    && self
                        .word(a - 1)
                        .is_some_and(|x| is_name_word(x) && !is_not_name(x))
                    && self.mention(a - 1).is_none()
                {
                    a -= 1;
                }
                return Some((
                    Who::Name {
                        start: a,
                        end: i + 1,
                    },
                    a,
                ));
            }
            // The noun lists share no word, so one lookup tells which rule, if any, applies.
            return match noun_kind(w)? {
                NounKind::Document => (i > floor
                    && self
                        .word(i - 1)
                        .is_some_and(|d| is_one_of(d, DOCUMENT_DETERMINERS)))
                .then(|| {
                    (
                        Who::Document {
                            start: i - 1,
                            end: i + 1,
                        },
                        i - 1,
                    )
                }),
                NounKind::Organisation if i > floor => {
                    let mut a = i;
                    while a > floor
                        && self
                            .word(a - 1)
                            .is_some_and(|x| all_chars(x, char::is_alphabetic))
                        && i - a < 3
                    {
                        a -= 1;
                        if self.word(a).is_some_and(|x| x.eq_ignore_ascii_case("the")) {
                            return Some((
                                Who::Role {
                                    start: a,
                                    end: i + 1,
                                },
                                a,
                            ));
                        }
                    }
                    None
                }
                NounKind::Organisation => None,
                NounKind::Group => {
                    // "European allies", "senior US officials": modifiers, but not a cue or a
                    // name before them.
                    let mut a = i;
                    while a > floor
                        && i - a < 3
                        && self
                            .word(a - 1)
                            .is_some_and(|x| all_chars(x, |c| c.is_alphabetic() || c == '-'))
                        && !self.is_preposition(a - 1)
                        && self.cue_word_at(a - 1).is_none()
                        && self
                            .mention(a - 1)
                            .is_none_or(|(_, m)| matches!(m.label, Label::Norp | Label::Gpe))
                    {
                        a -= 1;
                    }
                    Some((
                        Who::Group {
                            start: a,
                            end: i + 1,
                        },
                        a,
                    ))
                }
            };
        }
        None
    }

    /// The first item of the mention `m` at item `i`: [`Ctx::mention_items`] without the
    /// walk to its end, which a walk leftwards does not need.
    fn mention_start(&self, i: usize, m: usize) -> usize {
        // The items before `i` are read as one slice, each token's mention straight from
        // the document's index.
        let before = self.frame.items.get(..i).unwrap_or_default();
        let same = |item: &Item| match *item {
            Item::Tok(t) => self.doc.mention_at(t) == Some(m),
            Item::Quote(_) => false,
        };
        i - before.iter().rev().take_while(|item| same(item)).count()
    }

    /// The first person (or organisation) named in items `a..b` that is not a possessive
    /// nor the object of a preposition.
    fn person_in(&self, a: usize, b: usize) -> Option<(Who, usize)> {
        let mut org = None;
        let mut i = a;
        while i < b {
            if let Some((m, mention)) = self.mention(i) {
                let (s, e) = self.mention_items(i);
                let after_prep = s > a && self.is_preposition(s - 1);
                if !mention.possessive && !after_prep {
                    if mention.label == Label::Person {
                        return Some((Who::Mention(m), s));
                    }
                    if mention.label == Label::Org && org.is_none() {
                        org = Some((Who::Mention(m), s));
                    }
                }
                i = e;
            } else {
                i += 1;
            }
        }
        org
    }

    /// The speaker after an inverted cue ("said Denmark's foreign minister, Lars Løkke
    /// Rasmussen"): the first person named within the next few items, else a role phrase
    /// or pronoun right after the cue.
    pub(crate) fn subject_after(&self, from: usize, limit: usize) -> Option<(Who, usize)> {
        let end = (from + 14).min(limit);
        if let Some(who) = self.pronoun_at(from) {
            return Some((who, from));
        }
        let mut i = from;
        while i < end {
            // A quotation or a mark that ends a clause ends the phrase, but for the period of
            // a title ("said Dr. Markus Weber"). Each item is read once; a mark is told from
            // its one byte.
            let Some(&Item::Tok(t)) = self.frame.items.get(i) else {
                break;
            };
            let span = self.doc.tokens[t].span;
            if span.len() == 1 {
                match self.text.as_bytes().get(span.start) {
                    Some(b'!' | b'?' | b';') => break,
                    Some(b'.')
                        if !(i > from
                            && self
                                .word(i - 1)
                                .is_some_and(|p| self.lexicon.is_title_abbreviation(p))) =>
                    {
                        break
                    }
                    _ => {}
                }
            }
            if let Some(m) = self.doc.mention_at(t) {
                let mention = &self.doc.mentions[m];
                let (s, e) = self.mention_items(i);
                if !mention.possessive
                    && matches!(mention.label, Label::Person | Label::Org)
                    && !(s > from && self.is_preposition(s - 1))
                {
                    return Some((Who::Mention(m), s));
                }
                i = e;
                continue;
            }
            i += 1;
        }
        // "said Holger Schmieding", when no gazetteer knows him
        if self
            .word(from)
            .is_some_and(|w| is_name_word(w) && !is_not_name(w))
            && self.mention(from).is_none()
        {
            let mut e = from + 1;
            while e < end
                && e < from + 3
                && self
                    .word(e)
                    .is_some_and(|w| is_name_word(w) && !is_not_name(w))
                && self.mention(e).is_none()
            {
                e += 1;
            }
            return Some((
                Who::Name {
                    start: from,
                    end: e,
                },
                from,
            ));
        }
        // "said the envoy", "said a spokesman for the ministry"
        let mut j = from;
        while j < end
            && self.word(j).is_some_and(|w| {
                w.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
            })
        {
            j += 1;
            if self.role_phrase_ending(from.saturating_sub(1), j) == Some(from) {
                return Some((
                    Who::Role {
                        start: from,
                        end: j,
                    },
                    from,
                ));
            }
        }
        None
    }

    /// Resolves `who` in the sentence starting at item `a`: a he or she after a person
    /// named earlier in the same sentence is that person ("Trump said Putin 'talks nice' as
    /// he confirmed …"); everything else as [`Ctx::resolve`] does.
    // Inlined, with its rare case (a he or she) out of line: nearly every call is passed
    // on to `resolve`, and a call of its own cost more than the test.
    #[inline]
    pub(crate) fn resolve_in_sentence(
        &self,
        a: usize,
        who: Who,
        salience: &[Salient],
        channel: Option<&Salient>,
    ) -> Resolved {
        if let Who::Pronoun {
            item,
            gender: Some(g),
        } = who
        {
            if let Some(r) = self.pronoun_in_sentence(a, item, g) {
                return r;
            }
        }
        self.resolve(who, salience, channel)
    }

    /// The he or she (of gender `g`) at item `item` of the sentence starting at item `a`,
    /// when a person named earlier in the sentence may be them.
    #[inline(never)]
    fn pronoun_in_sentence(&self, a: usize, item: usize, g: Gender) -> Option<Resolved> {
        let Some((Who::Mention(m), _)) = self.person_in(a, item) else {
            return None;
        };
        let mention = &self.doc.mentions[m];
        let p = mention.person?;
        let person = &self.doc.people[p as usize];
        if !person.gender.is_none_or(|pg| pg == g) {
            return None;
        }
        let (name, id) = self.doc.resolved(mention);
        Some(Resolved {
            speaker: Speaker {
                span: self.span_of(item, item + 1),
                name,
                id,
                resolved_by: ResolvedBy::Pronoun,
            },
            person: Some(p),
            gender: person.gender,
            confidence: 0.76,
        })
    }

    /// Resolves `who` against the document and the salience record.
    // Inlined, with all but a mention resolved out of line: a mention, most calls, is
    // resolved by a few reads, which a call that sets up the frame the other rules need
    // cost twice over.
    #[inline]
    pub(crate) fn resolve(
        &self,
        who: Who,
        salience: &[Salient],
        channel: Option<&Salient>,
    ) -> Resolved {
        match who {
            Who::Mention(m) => self.resolve_mention(m),
            _ => self.resolve_other(who, salience, channel),
        }
    }

    /// [`Ctx::resolve`] for mention `m`.
    #[inline]
    fn resolve_mention(&self, m: usize) -> Resolved {
        let mention = &self.doc.mentions[m];
        let (name, id) = self.doc.resolved(mention);
        let resolved_by = match mention.form {
            MentionForm::Short => ResolvedBy::Alias,
            _ => ResolvedBy::Explicit,
        };
        let person = mention.person;
        let gender = person.and_then(|p| self.doc.people[p as usize].gender);
        let confidence = match (resolved_by, name.is_some()) {
            (ResolvedBy::Explicit, true) => 0.92,
            (_, true) => 0.86,
            (_, false) => 0.5,
        };
        Resolved {
            speaker: Speaker {
                span: mention.span,
                name,
                id,
                resolved_by,
            },
            person,
            gender,
            confidence,
        }
    }

    /// [`Ctx::resolve`] for all but a mention.
    #[inline(never)]
    fn resolve_other(&self, who: Who, salience: &[Salient], channel: Option<&Salient>) -> Resolved {
        match who {
            Who::Mention(m) => self.resolve_mention(m),
            Who::Pronoun { item, gender } => {
                let span = self.span_of(item, item + 1);
                let target = gender.and_then(|g| {
                    // The most recent compatible: known gender first, then unknown.
                    let recent = salience.iter().rev().take(8);
                    recent
                        .clone()
                        .find(|s| s.person.is_some() && s.gender == Some(g))
                        .or_else(|| {
                            recent
                                .clone()
                                .find(|s| s.person.is_some() && s.gender.is_none())
                        })
                });
                let target = target.or_else(|| {
                    if gender.is_none() {
                        salience.last().filter(|s| s.person.is_none())
                    } else {
                        None
                    }
                });
                match target {
                    Some(s) => Resolved {
                        speaker: Speaker {
                            span,
                            name: s.name.clone(),
                            id: s.id.clone(),
                            resolved_by: ResolvedBy::Pronoun,
                        },
                        person: s.person,
                        gender: s.gender,
                        confidence: 0.74,
                    },
                    None => unresolved(span, ResolvedBy::Pronoun),
                }
            }
            Who::Role { start, end } => {
                let span = self.span_of(start, end);
                match self.resolve_role(start, end, salience) {
                    Some(p) => {
                        let person = &self.doc.people[p as usize];
                        Resolved {
                            speaker: Speaker {
                                span,
                                name: Some(person.name.clone()),
                                id: person.id.clone(),
                                resolved_by: ResolvedBy::Role,
                            },
                            person: Some(p),
                            gender: person.gender,
                            confidence: 0.7,
                        }
                    }
                    None => unresolved(span, ResolvedBy::Role),
                }
            }
            Who::Document { start, end } => {
                let span = self.span_of(start, end);
                match channel {
                    Some(c) => Resolved {
                        speaker: Speaker {
                            span,
                            name: c.name.clone(),
                            id: c.id.clone(),
                            resolved_by: ResolvedBy::Role,
                        },
                        person: None,
                        gender: None,
                        confidence: 0.66,
                    },
                    None => unresolved(span, ResolvedBy::Role),
                }
            }
            Who::Group { start, end } | Who::Name { start, end } => {
                unresolved(self.span_of(start, end), ResolvedBy::Explicit)
            }
        }
    }

    /// A role phrase to the person it describes: people already talked about whose
    /// descriptors hold the role's head and every modifier; the most recently salient wins,
    /// and for a bare role ("the president") someone the document titled that way.
    fn resolve_role(&self, start: usize, end: usize, salience: &[Salient]) -> Option<u32> {
        let (p, last_lower) = self.role_person(start, end, salience)?;
        // "According to a Ukrainian military official, … ," the official said": an unnamed
        // person introduced with "a/an … HEAD" after the candidate was last named is who
        // the definite role means; leave it unresolved rather than give it a name. (The head
        // is the last word, lowered already unless the role was a two-word one.)
        let last = self.word(end - 1)?;
        let lowered;
        let head: &str = match &last_lower {
            Some(head) => head,
            None => {
                lowered = lower(last);
                &lowered
            }
        };
        // Where the candidate was last named (among the last few hundred mentions, which is
        // as far back as the indefinite introduction is looked for anyway).
        let here = self.frame.start(self.doc, self.quotes, start);
        let upto = self.doc.mentions.partition_point(|m| m.span.end <= here);
        let since = self.doc.mentions[upto.saturating_sub(400)..upto]
            .iter()
            .rev()
            .find(|m| m.person == Some(p))
            .map_or(0, |m| m.span.end);
        if self.introduced_indefinitely(start, head, since) {
            return None;
        }
        Some(p)
    }

    /// Whether one of the 200 items before `start` that end after byte `since` is `head`
    /// (any ASCII case) opened by "a", "an", "one" or "another" (and no nearer "the").
    /// This looks at up to 200 items for every role resolved, so it reads the document's
    /// tokens over those items' range, a plain slice, turning each away on its length, and
    /// finds the item of a token only once its bytes are `head`.
    fn introduced_indefinitely(&self, start: usize, head: &str, since: usize) -> bool {
        let lo = start.saturating_sub(200);
        let Some(before) = self.frame.items.get(lo..start) else {
            return false;
        };
        let token = |item: &Item| match *item {
            Item::Tok(t) => Some(t),
            Item::Quote(_) => None,
        };
        let (Some(first), Some(last)) = (
            before.iter().find_map(token),
            before.iter().rev().find_map(token),
        ) else {
            return false;
        };
        let tokens = self.doc.tokens.get(first..=last).unwrap_or_default();
        // Tokens end in text order, so those that end after `since` are the last ones.
        let after = tokens.partition_point(|tok| tok.span.end <= since);
        let mut recent = tokens.get(after..).unwrap_or_default();
        let bytes = self.text.as_bytes();
        while let Some(k) = recent.iter().rposition(|tok| {
            tok.span.len() == head.len()
                && bytes
                    .get(tok.span.range())
                    .is_some_and(|w| w.eq_ignore_ascii_case(head.as_bytes()))
        }) {
            let span = recent[k].span;
            recent = &recent[..k];
            // Between the first and last token items, a token that is no item is inside a
            // quotation, and not looked at. Items start in text order.
            let t = first + after + k;
            let at = before.partition_point(|&item| match item {
                Item::Tok(x) => x < t,
                Item::Quote(q) => extent(&self.quotes[q]).start < span.start,
            });
            if before.get(at) != Some(&Item::Tok(t)) {
                continue;
            }
            let i = lo + at;
            let opener = (i.saturating_sub(4)..i).rev().find_map(|k| {
                self.word(k)
                    .filter(|w| matches!(lower(w).as_ref(), "a" | "an" | "the" | "one" | "another"))
            });
            if opener.is_some_and(|o| !o.eq_ignore_ascii_case("the")) {
                return true;
            }
        }
        false
    }

    /// The words of items `start..end` in lower case, joined by single spaces. A token holds
    /// no space, so the phrase splits back into exactly these words; one string rather than
    /// a string per word.
    fn lowered_phrase(&self, start: usize, end: usize) -> String {
        // Room for the text the items cover and a space after each word, so that the string
        // grows only when lower-casing lengthens a word.
        let covered = self
            .frame
            .end(self.doc, self.quotes, end.saturating_sub(1))
            .saturating_sub(self.frame.start(self.doc, self.quotes, start));
        let mut phrase =
            String::with_capacity(covered.min(self.text.len()) + end.saturating_sub(start));
        for (n, w) in (start..end).filter_map(|i| self.word(i)).enumerate() {
            debug_assert!(!w.is_empty() && !w.contains(' '), "{w:?}");
            if n > 0 {
                phrase.push(' ');
            }
            if w.is_ascii() {
                let at = phrase.len();
                phrase.push_str(w);
                phrase[at..].make_ascii_lowercase();
            } else {
                phrase.push_str(&lower(w));
            }
        }
        phrase
    }

    #[cfg(test)]
    fn resolve_role_to_person(
        &self,
        start: usize,
        end: usize,
        salience: &[Salient],
    ) -> Option<u32> {
        self.role_person(start, end, salience).map(|(p, _)| p)
    }

    /// The person role phrase `start..end` describes, and the phrase's last word lowered
    /// when its head is that one word.
    fn role_person(
        &self,
        start: usize,
        end: usize,
        salience: &[Salient],
    ) -> Option<(u32, Option<impl std::ops::Deref<Target = str> + 'a>)> {
        // The phrase's head (its last word, or last two) must be a role noun; many phrases
        // from organisation nouns ("the statistics office") have none, which the last two
        // words tell before the phrase is lowered and split.
        let mut words = (start..end).rev().filter_map(|i| self.word(i));
        let last = words.next()?;
        if !self.lexicon.may_end_role(last) {
            return None;
        }
        let prev = words.next();
        let mut last_lower = None;
        let role = match prev.and_then(|w| self.role_pair(w, last)) {
            Some(role) => role,
            None => self.lexicon.role(last_lower.insert(lower(last)))?,
        };
        // "the minister", "his spokeswoman": a one-word head after nothing but determiners
        // and vague words has no modifiers, and needs no more lowered than itself;
        // otherwise the whole phrase is lowered, and split.
        let phrase;
        let (head, mods): (&str, Vec<Cow<'_, str>>) = match last_lower.as_deref() {
            Some(head) if prev.into_iter().chain(words).all(is_vague_word) => (head, Vec::new()),
            _ => {
                phrase = self.lowered_phrase(start, end);
                split_role_at(&phrase, if last_lower.is_some() { 1 } else { 2 })
            }
        };
        let p = self.choose_person(start, role, head, &mods, salience)?;
        Some((p, last_lower))
    }

    /// Among the people salient or named before item `start`, the one role `role` (head
    /// `head`, modifiers `mods`) describes.
    fn choose_person(
        &self,
        start: usize,
        role: &RoleNoun,
        head: &str,
        mods: &[Cow<'_, str>],
        salience: &[Salient],
    ) -> Option<u32> {
        let before = self.frame.start(self.doc, self.quotes, start);
        let fits_head = |p: u32| -> bool { self.doc.people[p as usize].descriptors.contains(head) };
        // Whether the modifiers and the role's gender allow person `p`.
        let narrowed = |p: u32| -> bool {
            let person = &self.doc.people[p as usize];
            let d = &person.descriptors;
            mods.iter()
                .all(|m| d.contains(&**m) || m.split(' ').all(|w| d.contains(w)))
                && role
                    .gender
                    .is_none_or(|g| person.gender.is_none_or(|pg| pg == g))
        };
        let fits_person = |p: u32| -> bool {
            let d = &self.doc.people[p as usize].descriptors;
            role.matches.iter().any(|m| d.contains(m.as_str())) && narrowed(p)
        };
        // Salient people first, most recent first; someone described by the role's own word
        // ("general") before someone matched through a related title ("commander"). The
        // lexicon puts the role's own word among the words it matches, so whoever it
        // describes fits the role but for the modifiers and gender: one search rather than
        // one per word the role matches. The record repeats whoever the story is about, and
        // the search stops at the first who fits: those found not to are noted, and not
        // searched again.
        let bare = mods.is_empty();
        let (mut unfit, mut n_unfit) = ([0u32; 12], 0);
        if let Some(p) = salience
            .iter()
            .rev()
            .take(12)
            .filter_map(|s| s.person)
            .find(|&p| {
                if unfit[..n_unfit].contains(&p) {
                    return false;
                }
                let f = fits_head(p) && narrowed(p);
                if !f {
                    unfit[n_unfit] = p;
                    n_unfit += 1;
                }
                f
            })
        {
            if !bare
                || role
                    .matches
                    .iter()
                    .any(|m| self.doc.people[p as usize].bare_titles.contains(m.as_str()))
                || !head.contains("president")
            {
                return Some(p);
            }
        }
        // The same few people come up again and again (the salience record repeats whoever
        // the story is about, and so do the mentions): each one's answer is worked out once,
        // as it costs several substring searches.
        let mut known = [(0u32, false); 16];
        let mut n_known = 0;
        let mut fits = |p: u32| -> bool {
            if let Some(&(_, f)) = known[..n_known].iter().find(|&&(q, _)| q == p) {
                return f;
            }
            let f = fits_person(p);
            if let Some(slot) = known.get_mut(n_known) {
                *slot = (p, f);
                n_known += 1;
            }
            f
        };
        let mut fallback = None;
        for s in salience.iter().rev().take(12) {
            if let Some(p) = s.person {
                if fits(p) {
                    if !bare
                        || role
                            .matches
                            .iter()
                            .any(|m| self.doc.people[p as usize].bare_titles.contains(m.as_str()))
                    {
                        return Some(p);
                    }
                    fallback.get_or_insert(p);
                }
            }
        }
        // Then anyone named earlier in the document, latest mention first.
        let mut best: Option<(usize, u32)> = None;
        let upto = self.doc.mentions.partition_point(|m| m.span.end <= before);
        for m in &self.doc.mentions[upto.saturating_sub(400)..upto] {
            if let Some(p) = m.person {
                if fits(p) && best.is_none_or(|(pos, _)| m.span.start >= pos) {
                    let bare_ok = !bare
                        || role
                            .matches
                            .iter()
                            .any(|r| self.doc.people[p as usize].bare_titles.contains(r.as_str()));
                    if bare_ok || best.is_none() {
                        best = Some((m.span.start, p));
                    }
                }
            }
        }
        fallback.or(best.map(|(_, p)| p))
    }
}

/// `w`, at item `item`, as a subject pronoun: he and she carry a gender, they and it none.
#[inline]
fn pronoun(w: &str, item: usize) -> Option<Who> {
    // Byte compares rather than a lowered copy: none of these words holds a "k", the
    // one ASCII letter a non-ASCII capital (the Kelvin sign) lowercases to.
    // None is shorter than two bytes or longer than four: most words are turned away on
    // their length.
    if !(2..=4).contains(&w.len()) {
        return None;
    }
    let gender = if w.eq_ignore_ascii_case("he") {
        Some(Gender::Male)
    } else if w.eq_ignore_ascii_case("she") {
        Some(Gender::Female)
    } else if w.eq_ignore_ascii_case("they") || w.eq_ignore_ascii_case("it") {
        None
    } else {
        return None;
    };
    Some(Who::Pronoun { item, gender })
}

/// Whether `w` lower-cased (as [`lower`] does it) is one of `words`, which are lower-case
/// ASCII. Byte compares for an ASCII `w`, nearly every word, without building the lowered
/// copy; `lower` for the others (a non-ASCII capital may lower-case to ASCII: the Kelvin
/// sign is a "k"). A non-ASCII word equals no ASCII word ignoring ASCII case, so the byte
/// compares come first and decide for every ASCII word.
fn lowers_to_one_of(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
        || (!w.is_ascii() && words.contains(&&*lower(w)))
}

/// Whether `w` is one of `words` (lower-case ASCII, none holding a "k"), ignoring case:
/// the same answer as [`lowers_to_one_of`] with byte compares alone, since the one
/// non-ASCII capital that lowercases to ASCII is the Kelvin sign ("k").
#[inline]
fn is_one_of(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// [`is_one_of`] on a word's bytes: `str::eq_ignore_ascii_case` compares the bytes.
#[inline]
fn is_one_of_bytes(w: &[u8], words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
}

/// Articles before a name ("an aide to the Kremlin").
const ARTICLES: &[&str] = &["the", "a", "an"];

/// Determiners that open a role phrase ("the", "his", "its").
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its"];

/// Determiners before a document noun ("the readout", "its statement").
const DOCUMENT_DETERMINERS: &[&str] = &["the", "a", "its"];

/// `w.chars().all(f)`, on the bytes while they are ASCII (an ASCII byte is the char it
/// encodes): one pass without decoding for nearly every word.
fn all_chars(w: &str, f: impl Fn(char) -> bool) -> bool {
    for &b in w.as_bytes() {
        if !b.is_ascii() {
            return w.chars().all(f);
        }
        if !f(char::from(b)) {
            return false;
        }
    }
    true
}

/// Which of the noun lists a lower-case word is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounKind {
    /// [`DOC_NOUNS`]
    Document,
    /// [`ORG_NOUNS`]
    Organisation,
    /// [`GROUP_NOUNS`]
    Group,
}

/// The list `w` lower-cased is on, if any: one hash lookup rather than a search of each
/// list (a hundred-odd string compares for a word on none). The lists share no word.
fn noun_kind(w: &str) -> Option<NounKind> {
    const LISTS: [(&[&str], NounKind); 3] = [
        (DOC_NOUNS, NounKind::Document),
        (ORG_NOUNS, NounKind::Organisation),
        (GROUP_NOUNS, NounKind::Group),
    ];
    static KINDS: OnceLock<FxHashMap<u128, NounKind>> = OnceLock::new();
    // A word of up to 16 ASCII bytes is looked up by its bytes folded to lower case in one
    // integer (see `folded_key`), with no string built; its bytes are read by a few loads
    // (`load_le`), zero past its end.
    if w.len() <= 16 {
        let (lo, hi) = w.as_bytes().split_at(w.len().min(8));
        let raw = u128::from(load_le(lo)) | u128::from(load_le(hi)) << 64;
        if raw & ASCII_HIGH_BITS == 0 {
            let kinds = KINDS.get_or_init(|| {
                LISTS
                    .iter()
                    .flat_map(|&(words, kind)| {
                        words
                            .iter()
                            .filter_map(move |x| Some((folded_key(x.as_bytes())?, kind)))
                    })
                    .collect()
            });
            return kinds.get(&fold(raw, w.len())).copied();
        }
    }
    // Non-ASCII (a Kelvin sign lower-cases to "k"; "communiqué"), or longer than any
    // listed word: lower-cased and searched.
    let lw = lower(w);
    LISTS
        .iter()
        .find(|(words, _)| words.contains(&&*lw))
        .map(|&(_, kind)| kind)
}

/// The top bit of each of 16 bytes: none is set in ASCII.
const ASCII_HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);

/// `raw` (the `len` bytes of a word, little-endian, zero after them) with `| 0x20` on
/// each byte of the word: that lower-cases a letter and turns no other byte into a letter,
/// so the result equals the key of a lower-case word of letters exactly when the word is
/// that word in any case (bytes past the end stay zero, and no byte folds to zero).
fn fold(raw: u128, len: usize) -> u128 {
    let mask = u128::MAX
        .checked_shr(8 * (16 - len.min(16)) as u32)
        .unwrap_or(0);
    (raw | u128::from_le_bytes([0x20; 16])) & mask
}

/// The key [`fold`] gives `w` (up to 16 ASCII bytes).
fn folded_key(w: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..w.len())?.copy_from_slice(w);
    let raw = u128::from_le_bytes(buf);
    (raw & ASCII_HIGH_BITS == 0).then(|| fold(raw, w.len()))
}

/// Splits "the north korean leader" (lower case, words joined by single spaces) into head
/// "leader" and modifiers ["north korean"]. The head, a one- or two-word role, is the end
/// of the phrase, and a modifier of adjacent words is borrowed from it when nothing was
/// left out between them.
#[cfg(test)]
fn split_role<'p>(
    phrase: &'p str,
    lexicon: &super::Lexicon,
) -> Option<(&'p str, Vec<Cow<'p, str>>)> {
    if phrase.is_empty() {
        return None;
    }
    let (rest, last) = split_last_word(phrase);
    let pair = rest.is_some_and(|rest| {
        let (_, prev) = split_last_word(rest);
        lexicon
            .role(&phrase[phrase.len() - last.len() - 1 - prev.len()..])
            .is_some()
    });
    Some(split_role_at(phrase, if pair { 2 } else { 1 }))
}

/// [`split_role`] with the head's length in words (1 or 2) known: the phrase's last
/// `head_words` words and the modifiers before them.
fn split_role_at(phrase: &str, head_words: usize) -> (&str, Vec<Cow<'_, str>>) {
    let (rest, last) = split_last_word(phrase);
    let (head, rest) = match rest {
        Some(rest) if head_words == 2 => {
            let (before, prev) = split_last_word(rest);
            (
                &phrase[phrase.len() - last.len() - 1 - prev.len()..],
                before,
            )
        }
        _ => (last, rest),
    };
    // Adjacent words form one modifier ("north korean", "south carolina"); a possessive
    // separates them ("moscow's security chief": "moscow", "security").
    let mut groups: Vec<Cow<'_, str>> = Vec::new();
    let mut current: Option<Cow<'_, str>> = None;
    let mut words = rest;
    while let Some(rest) = words {
        let (w, after) = split_first_word(rest);
        words = after;
        if matches!(w, "'s" | "’s" | "'" | "’") {
            groups.extend(current.take());
        } else if !is_vague(w) {
            match &mut current {
                None => current = Some(Cow::Borrowed(w)),
                Some(group) => {
                    let group = group.to_mut();
                    group.push(' ');
                    group.push_str(w);
                }
            }
        }
    }
    groups.extend(current);
    (head, groups)
}

/// Whether the word `w` (any case) is a vague one ([`is_vague`]): byte compares, since no
/// vague word holds a "k", the one ASCII letter a non-ASCII capital (the Kelvin sign)
/// lowercases to, and the curly apostrophe has no case.
fn is_vague_word(w: &str) -> bool {
    VAGUE.iter().any(|v| w.eq_ignore_ascii_case(v))
}

/// `s` cut at its last space: what comes before (if there is a space) and the last word.
/// A loop over the bytes: for these few short words the general string searchers
/// (`rsplit_once`, `split`) cost several times more.
fn split_last_word(s: &str) -> (Option<&str>, &str) {
    match s.bytes().rposition(|b| b == b' ') {
        Some(at) => (s.get(..at), s.get(at + 1..).unwrap_or("")),
        None => (None, s),
    }
}

/// `s` cut at its first space: the first word and what comes after (if there is a space).
fn split_first_word(s: &str) -> (&str, Option<&str>) {
    match s.bytes().position(|b| b == b' ') {
        Some(at) => (s.get(..at).unwrap_or(""), s.get(at + 1..)),
        None => (s, None),
    }
}

/// Modifiers that do not narrow a role: determiners, possessive marks and vague adjectives
/// ("retired", "top", "former"), which descriptors rarely repeat.
const VAGUE: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "'s",
    "’s",
    "'",
    "’",
    "retired",
    "former",
    "top",
    "senior",
    "new",
    "then",
    "current",
    "veteran",
    "longtime",
    "outgoing",
    "incoming",
    "powerful",
    "embattled",
    "acting",
    "deputy",
    "also",
];

/// Whether the lower-case word `w` is one of [`VAGUE`].
fn is_vague(w: &str) -> bool {
    VAGUE.contains(&w)
}

fn unresolved(span: Span, resolved_by: ResolvedBy) -> Resolved {
    Resolved {
        speaker: Speaker {
            span,
            name: None,
            id: None,
            resolved_by,
        },
        person: None,
        gender: None,
        confidence: 0.4,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `split_role` as it was, on a `Vec` of words, before it split one joined phrase.
    fn split_role_reference(
        words: &[String],
        lexicon: &super::super::Lexicon,
    ) -> Option<(String, Vec<String>)> {
        let n = words.len();
        if n == 0 {
            return None;
        }
        let (head, rest) = if n >= 2
            && lexicon
                .role(&format!("{} {}", words[n - 2], words[n - 1]))
                .is_some()
        {
            (
                format!("{} {}", words[n - 2], words[n - 1]),
                &words[..n - 2],
            )
        } else {
            (words[n - 1].clone(), &words[..n - 1])
        };
        // Modifiers that narrow the role: all but the vague ones (the same list the code
        // under test uses, so that only the algorithm is compared).
        // Adjacent words form one modifier ("north korean", "south carolina"); a possessive
        // separates them ("moscow's security chief": "moscow", "security").
        let mut groups: Vec<String> = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for w in rest {
            if matches!(w.as_str(), "'s" | "’s" | "'" | "’") {
                if !current.is_empty() {
                    groups.push(current.join(" "));
                    current.clear();
                }
            } else if !VAGUE.contains(&w.as_str()) {
                current.push(w);
            }
        }
        if !current.is_empty() {
            groups.push(current.join(" "));
        }
        Some((head, groups))
    }

    /// Split from the joined phrase, every phrase of words (which hold no spaces, being
    /// tokens) splits as it did word by word.
    #[test]
    fn split_role_agrees_with_reference() {
        use proptest::prelude::*;
        let lexicon = super::super::Lexicon::default_lexicon();
        let vocabulary = proptest::sample::select(vec![
            "the",
            "a",
            "former",
            "top",
            "deputy",
            "'s",
            "’s",
            "'",
            "’",
            "north",
            "korean",
            "moscow",
            "security",
            "chief",
            "prime",
            "minister",
            "foreign",
            "president",
            "vice",
            "general",
            "spokesman",
            "leader",
            "state",
            "envoy",
            "communiqué",
            "président",
        ]);
        let phrases = proptest::collection::vec(vocabulary, 0..8);
        proptest!(ProptestConfig::with_cases(4000), |(phrase in phrases)| {
            let words: Vec<String> = phrase.iter().map(|w| w.to_string()).collect();
            let joined = words.join(" ");
            let got = split_role(&joined, &lexicon)
                .map(|(h, m)| (h.to_string(), m.into_iter().map(Cow::into_owned).collect()));
            prop_assert_eq!(got, split_role_reference(&words, &lexicon));
        });
    }

    // The walks as they were before they read marks as bytes and words without lowering
    // them, to check the new ones against.
    impl Ctx<'_> {
        /// A role noun phrase ending at item `end - 1` (its head): returns its start.
        fn role_phrase_ending_reference(&self, floor: usize, end: usize) -> Option<usize> {
            let head = self.word(end - 1)?;
            if !self.lexicon.may_end_role(head) {
                return None;
            }
            let prev = if end >= 2 { self.word(end - 2) } else { None };
            let head_len = if prev.is_some_and(|w| self.role_pair(w, head).is_some()) {
                2
            } else if self.lexicon.role(&lower(head)).is_some() {
                1
            } else {
                return None;
            };
            // Walk left over modifiers to a determiner or a possessive.
            let mut k = end - head_len;
            while k > floor {
                let w = self.word(k - 1)?;
                let lw = lower(w);
                if matches!(
                    lw.as_ref(),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its"
                ) {
                    return Some(k - 1);
                }
                if matches!(w, "'s" | "’s" | "'" | "’") {
                    // "Moscow's security chief": the possessor is part of the phrase.
                    let (a, _) = self.mention_items(k - 2.min(k));
                    return Some(if k >= 2 { a.min(k - 2) } else { k - 1 });
                }
                if w.chars().all(|c| c.is_alphanumeric() || c == '-') && end - k < 6 {
                    k -= 1;
                } else {
                    return None;
                }
            }
            None
        }

        /// The speaker after an inverted cue, as found before it read each item once.
        fn subject_after_reference(&self, from: usize, limit: usize) -> Option<(Who, usize)> {
            let end = (from + 14).min(limit);
            if let Some(who) = self.pronoun_at(from) {
                return Some((who, from));
            }
            let mut i = from;
            while i < end {
                // The period of a title ("said Dr. Markus Weber") does not end the phrase.
                let title_period = self.word(i) == Some(".")
                    && i > from
                    && self
                        .word(i - 1)
                        .is_some_and(|p| self.lexicon.is_title_abbreviation(p));
                if !title_period
                    && (matches!(self.word(i), Some("." | "!" | "?" | ";"))
                        || self.word(i).is_none())
                {
                    break;
                }
                if let Some((m, mention)) = self.mention(i) {
                    let (s, e) = self.mention_items_reference(i);
                    if !mention.possessive
                        && matches!(mention.label, Label::Person | Label::Org)
                        && !(s > from && self.is_preposition(s - 1))
                    {
                        return Some((Who::Mention(m), s));
                    }
                    i = e;
                    continue;
                }
                i += 1;
            }
            // "said Holger Schmieding", when no gazetteer knows him
            if self
                .word(from)
                .is_some_and(|w| is_name_word(w) && !is_not_name(w))
                && self.mention(from).is_none()
            {
                let mut e = from + 1;
                while e < end
                    && e < from + 3
                    && self
                        .word(e)
                        .is_some_and(|w| is_name_word(w) && !is_not_name(w))
                    && self.mention(e).is_none()
                {
                    e += 1;
                }
                return Some((
                    Who::Name {
                        start: from,
                        end: e,
                    },
                    from,
                ));
            }
            // "said the envoy", "said a spokesman for the ministry"
            let mut j = from;
            while j < end
                && self.word(j).is_some_and(|w| {
                    w.chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
                })
            {
                j += 1;
                if self.role_phrase_ending(from.saturating_sub(1), j) == Some(from) {
                    return Some((
                        Who::Role {
                            start: from,
                            end: j,
                        },
                        from,
                    ));
                }
            }
            None
        }

        /// The item range a mention occupies, as found before it read the items as slices.
        fn mention_items_reference(&self, i: usize) -> (usize, usize) {
            let Some((m, _)) = self.mention(i) else {
                return (i, i + 1);
            };
            let mut a = i;
            while a > 0 && self.mention(a - 1).is_some_and(|(k, _)| k == m) {
                a -= 1;
            }
            let mut b = i + 1;
            while self.mention(b).is_some_and(|(k, _)| k == m) {
                b += 1;
            }
            (a, b)
        }

        /// The speaker noun phrase that ends right before the cue at `cue`, walking left over
        /// adverbs, time words, parentheses and relative clauses. `floor` bounds the walk.
        fn subject_before_reference(&self, floor: usize, cue: usize) -> Option<(Who, usize)> {
            let mut k = cue;
            let mut steps = 0;
            while k > floor && steps < 24 {
                steps += 1;
                let i = k - 1;
                let w = self.word(i)?;
                if let Some((m, mention)) = self.mention(i) {
                    let (a, _) = self.mention_items(i);
                    if mention.possessive {
                        // "Russia's": keep walking to the head.
                        k = a;
                        continue;
                    }
                    // "of South Carolina", "officials in the US", "an aide to Putin": the object
                    // of a preposition modifies the head before it, whoever it names.
                    let det = a > floor
                        && matches!(
                            self.word(a - 1).map(lower).as_deref(),
                            Some("the" | "a" | "an")
                        );
                    let p = if det { a - 1 } else { a };
                    if p > floor && self.is_preposition(p - 1) {
                        k = p - 1;
                        continue;
                    }
                    // "the South Carolina Republican": a member word heading a role phrase.
                    if mention.label == Label::Norp {
                        if let Some(start) = self.role_phrase_ending_reference(floor, i + 1) {
                            return Some((Who::Role { start, end: i + 1 }, start));
                        }
                    }
                    if matches!(
                        mention.label,
                        Label::Person | Label::Org | Label::Gpe | Label::Norp
                    ) {
                        return Some((Who::Mention(m), a));
                    }
                    k = a;
                    continue;
                }
                if self.is_adverb(i) || matches!(w, "who" | "which") {
                    k = i;
                    continue;
                }
                match w {
                    ")" => {
                        // Skip a parenthesis: "(R-SC)".
                        let mut j = i;
                        while j > floor && self.word(j - 1) != Some("(") {
                            j -= 1;
                        }
                        k = j.saturating_sub(1).max(floor);
                        continue;
                    }
                    "," => {
                        // ", who also appeared on CBS," / ", in an interview …," : skip a clause
                        // or phrase set off by commas; but if it holds a person, they speak.
                        let mut j = i;
                        while j > floor
                            && !matches!(self.word(j - 1), Some("," | "." | ";"))
                            && j + 30 > i
                        {
                            j -= 1;
                        }
                        if let Some(found) = self.person_in(j, i) {
                            return Some(found);
                        }
                        let opener = self.word(j).map(lower);
                        let skippable = opener.as_deref().is_some_and(|o| {
                            matches!(
                                o,
                                "who"
                                    | "which"
                                    | "whose"
                                    | "in"
                                    | "on"
                                    | "at"
                                    | "during"
                                    | "speaking"
                                    | "according"
                                    | "after"
                                    | "before"
                                    | "while"
                                    | "when"
                                    | "as"
                                    | "citing"
                                    | "writing"
                            )
                        });
                        if skippable && j > floor && self.word(j - 1) == Some(",") {
                            k = j - 1;
                            continue;
                        }
                        return None;
                    }
                    _ => {}
                }
                let lw = lower(w);
                // "a tourist from Lyon", "Dr. Markus Weber of the University of Leipzig": a
                // prepositional phrase after the speaker's head; keep walking to the head.
                if k < cue
                    && self.is_preposition(i)
                    && i > floor
                    && self
                        .word(i - 1)
                        .is_some_and(|p| p.chars().all(char::is_alphabetic))
                {
                    k = i;
                    continue;
                }
                if let Some(who) = self.pronoun_at(i) {
                    return Some((who, i));
                }
                if let Some(start) = self.role_phrase_ending_reference(floor, i + 1) {
                    return Some((Who::Role { start, end: i + 1 }, start));
                }
                if is_name_word(w) && !is_not_name(w) {
                    let mut a = i;
                    while a > floor
                        && i - a < 2
                        && self
                            .word(a - 1)
                            .is_some_and(|x| is_name_word(x) && !is_not_name(x))
                        && self.mention(a - 1).is_none()
                    {
                        a -= 1;
                    }
                    return Some((
                        Who::Name {
                            start: a,
                            end: i + 1,
                        },
                        a,
                    ));
                }
                if DOC_NOUNS.contains(&lw.as_ref())
                    && i > floor
                    && matches!(
                        self.word(i - 1).map(lower).as_deref(),
                        Some("the" | "a" | "its")
                    )
                {
                    return Some((
                        Who::Document {
                            start: i - 1,
                            end: i + 1,
                        },
                        i - 1,
                    ));
                }
                if ORG_NOUNS.contains(&lw.as_ref()) && i > floor {
                    let mut a = i;
                    while a > floor
                        && self
                            .word(a - 1)
                            .is_some_and(|x| x.chars().all(char::is_alphabetic))
                        && i - a < 3
                    {
                        a -= 1;
                        if matches!(self.word(a).map(lower).as_deref(), Some("the")) {
                            return Some((
                                Who::Role {
                                    start: a,
                                    end: i + 1,
                                },
                                a,
                            ));
                        }
                    }
                }
                if GROUP_NOUNS.contains(&lw.as_ref()) {
                    // "European allies", "senior US officials": modifiers, but not a cue or a
                    // name before them.
                    let mut a = i;
                    while a > floor
                        && i - a < 3
                        && self
                            .word(a - 1)
                            .is_some_and(|x| x.chars().all(|c| c.is_alphabetic() || c == '-'))
                        && !self.is_preposition(a - 1)
                        && self.cue_word_at(a - 1).is_none()
                        && self
                            .mention(a - 1)
                            .is_none_or(|(_, m)| matches!(m.label, Label::Norp | Label::Gpe))
                    {
                        a -= 1;
                    }
                    return Some((
                        Who::Group {
                            start: a,
                            end: i + 1,
                        },
                        a,
                    ));
                }
                return None;
            }
            None
        }
    }

    /// Runs `f` on the rules' view of `text`, as `quotes::attribute` builds it.
    pub(crate) fn with_ctx(text: &str, f: impl FnOnce(&Ctx<'_>)) {
        let extractor = crate::Extractor::new();
        let gaz = extractor.gazetteer();
        let lexicon = super::super::Lexicon::default_lexicon();
        let hits = gaz.matcher().find(text);
        let doc = crate::entities::resolve(text, gaz, &lexicon, &hits);
        let paragraphs: Vec<Span> = crate::text::paragraphs(text).collect();
        let quotes = super::super::scan_paragraphs(text, paragraphs.iter().copied());
        let frame = super::super::frame::Frame::new(text, &doc, &quotes, &lexicon, &paragraphs);
        f(&Ctx::new(text, &doc, &lexicon, &quotes, &frame));
    }

    /// News-like sentences for the rules: names, roles, groups, documents, organisations,
    /// parentheses, commas, possessives, and words with a Kelvin sign (which lower-cases to
    /// "k").
    pub(crate) const SAMPLES: &[&str] = &[
        "Russian Foreign Minister Sergey Lavrov said on Monday that talks would resume. \
         \"We are ready,\" Lavrov told reporters. The minister, who also spoke to TASS, \
         said the plan was sound. Moscow's security chief later said it was too late.",
        "Sen. Lindsey Graham (R-SC) said Putin 'has calculated' wrongly. A spokesman for the \
         ministry said the readout was accurate. The readout said both sides agreed. \
         The Kremlin said nothing. The \u{212A}remlin said so too. Officials said, \
         speaking on condition of anonymity, that the deal was close.",
        "According to KCNA, Kim Jong Un inspected a factory. The statement, carried by KCNA, \
         said the test succeeded. State media reported the launch, state-run television said. \
         North Korea's state news agency reported that he was pleased.",
        "European allies said they were worried. Senior US officials said the talks failed. \
         \"It's over,\" said the prime minister, Keir Starmer. The bank said profits rose. \
         Its statement said more. A tourist from Lyon said the city was calm. \
         Dr. Markus Weber of the University of Leipzig said the data were clear. \
         She said, in an interview with Le Monde, that she would stay. SPEA\u{212A}ING to \
         reporters, he said no. The Ukrainian military official said the front held.",
        "According to a Ukrainian military official, the attack failed. \"We held,\" the \
         official said. President Volodymyr Zelenskyy said in a post on X that help came. \
         The president said the army held. The South Carolina Republican said it was time. \
         Witnesses said, according to Reuters, that the blast was loud. The company said its \
         sales fell. His spokeswoman said he was well.",
    ];

    /// The walks agree with the old ones from every cue position and floor of every
    /// sentence.
    #[test]
    fn walks_agree_with_reference() {
        for text in SAMPLES {
            with_ctx(text, check_walks);
        }
    }

    /// As above, on sentences built from the pieces the walks treat specially.
    #[test]
    fn walks_agree_with_reference_on_built_sentences() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(1500), |(text in built_texts())| {
            with_ctx(&text, check_walks);
        });
    }

    /// Texts of one to three sentences built from the pieces the rules treat specially:
    /// what may stand before a subject, subjects, what may stand between a subject and its
    /// cue, cues, and what may follow.
    pub(crate) fn built_texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        use proptest::sample::select;
        let lead = select(vec![
            "",
            "Later,",
            "In Moscow,",
            "According to KCNA,",
            "An aide to",
            "A tourist from",
            "Officials in",
            "He spoke to",
            "Via",
            "Troops in an",
            "THE",
            "the",
            "a",
            "Its",
            "his",
            "THEIR",
            "an",
            "of",
            "with",
            "Speaking to",
            "(",
            ")",
            "“Fine,”",
        ]);
        let subject = select(vec![
            "Putin",
            "Sergey Lavrov",
            "Lavrov",
            "Putin's",
            "Russia's",
            "Russian",
            "Ukraine",
            "the minister",
            "The Foreign Minister",
            "the prime minister",
            "PRIME MINISTER",
            "the defence ministry",
            "THE MINISTRY",
            "the \u{212A}remlin",
            "the ban\u{212A}",
            "its statement",
            "the readout",
            "a communiqué",
            "The Communiqué",
            "A report",
            "wor\u{212A}ers",
            "European allies",
            "senior US officials",
            "spo\u{212A}esman",
            "the spokesman",
            "his spokeswoman",
            "their leader",
            "an envoy",
            "its chief",
            "Moscow's security chief",
            "the South Carolina Republican",
            "Foreign Minister Sergey Lavrov",
            "Prime Minister Keir Starmer",
            "Retired General Mark Milley",
            "the Russian foreign minister",
            "the retired foreign minister",
            "the former prime minister",
            "the deputy prime minister",
            "Russia's top diplomat",
            "the retired general",
            "he",
            "She",
            "THEY",
            "it",
            "Holger Schmieding",
            "Dr. Markus Weber",
            "Markus",
            "KCNA",
            "TASS",
            "Reuters",
            "state media",
            "pro-Kremlin activists",
            "anti-war protesters",
            "Ærø farmers",
            "the company",
            "a source",
            "Witnesses",
            "people",
        ]);
        let middle = select(vec![
            "",
            ",",
            ", who also spoke to TASS,",
            ", speaking to reporters,",
            ", SPEA\u{212A}ING to reporters,",
            ", SPEAKING on TV,",
            ", according to Reuters,",
            ", citing sources,",
            ", writing on X,",
            ", in an interview,",
            ", he said,",
            ", Putin,",
            ", a former aide,",
            "(R-SC)",
            "(left)",
            "also",
            "later",
            "on Monday",
            "has",
            "who",
            "which",
            "of the University of Leipzig",
            "from Lyon",
            "to Putin",
            "in the US",
            ";",
            ".",
            "'quoted words'",
            "“A quote.”",
        ]);
        let cue = select(vec![
            "said",
            "told",
            "reported",
            "added",
            "SAID",
            "according to",
            "carried by",
            "published by",
            "via",
        ]);
        let tail = select(vec![
            "",
            "reporters",
            "the crowd",
            "on CBS",
            "in a statement",
            "KCNA",
            "that",
            "he",
            "Lavrov",
            ", which",
            ".",
            "state television",
            "State-run MEDIA",
            "STATE radio",
            "state TV",
            "carried by KCNA",
            "via Reuters",
            "according to TASS",
            "published by the BBC",
            "to NBC News",
            "with X",
            "on 'Face the Nation'",
            "in La Tribune Dimanche",
            "a reporter",
            "THE CROWD",
            "his supporters",
            "law\u{212A}ers",
            "Lavrov's ministry",
            "; then",
            "!",
        ]);
        let sentence = (
            proptest::collection::vec(lead, 0..3),
            proptest::collection::vec(subject, 1..3),
            proptest::collection::vec(middle, 0..3),
            cue,
            proptest::collection::vec(tail, 0..4),
        )
            .prop_map(|(l, s, m, c, t)| {
                let mut words = l;
                words.extend(s);
                words.extend(m);
                words.push(c);
                words.extend(t);
                words.join(" ") + "."
            });
        proptest::collection::vec(sentence, 1..4).prop_map(|v| v.join(" "))
    }

    fn check_walks(ctx: &Ctx<'_>) {
        for i in 0..=ctx.frame.items.len() {
            assert_eq!(ctx.mention_items(i), ctx.mention_items_reference(i), "{i}");
        }
        for s in &ctx.frame.sentences {
            let (a, b) = s.items;
            for cue in a..=b {
                for floor in a..=cue {
                    assert_eq!(
                        ctx.subject_before(floor, cue),
                        ctx.subject_before_reference(floor, cue),
                        "subject_before({floor}, {cue}) in {:?}",
                        ctx.text
                    );
                    assert_eq!(
                        ctx.subject_after(floor, cue),
                        ctx.subject_after_reference(floor, cue),
                        "subject_after({floor}, {cue}) in {:?}",
                        ctx.text
                    );
                    if cue > 0 {
                        assert_eq!(
                            ctx.role_phrase_ending(floor, cue),
                            ctx.role_phrase_ending_reference(floor, cue),
                            "role_phrase_ending({floor}, {cue}) in {:?}",
                            ctx.text
                        );
                    }
                }
            }
        }
    }

    /// What `role_pair` takes for granted: no role noun of the lexicon (all from its list)
    /// opens with a determiner.
    #[test]
    fn no_role_opens_with_a_determiner() {
        let lexicon = super::super::Lexicon::default_lexicon();
        let list = include_str!("../../lexicon/roles.txt");
        let heads: Vec<String> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .map(|(head, _)| head.trim().to_lowercase())
            .collect();
        assert!(heads.iter().any(|h| h.contains(' ')), "a two-word role");
        for head in &heads {
            assert!(lexicon.role(head).is_some(), "{head:?}");
            let first = head.split(' ').next().unwrap_or_default();
            assert!(!DETERMINERS.contains(&first), "{head:?}");
        }
    }

    /// `resolve_role_to_person` takes a person described by a role's own word to match the
    /// role: every role's words to match hold the role itself.
    #[test]
    fn every_role_matches_its_own_word() {
        let lexicon = super::super::Lexicon::default_lexicon();
        let heads = include_str!("../../lexicon/roles.txt")
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .map(|(head, _)| head.trim().to_lowercase());
        let mut n = 0;
        for head in heads {
            let role = lexicon.role(&head).expect("a role of the list");
            assert!(role.matches.contains(&head), "{head}");
            n += 1;
        }
        assert!(n > 20);
    }

    impl Ctx<'_> {
        /// The look-back of `resolve_role` as it was, through `word` and `Frame::end`.
        fn introduced_indefinitely_reference(
            &self,
            start: usize,
            head: &str,
            since: usize,
        ) -> bool {
            let mut i = start;
            while i > 0 && start - i < 200 {
                i -= 1;
                if self.frame.end(self.doc, self.quotes, i) <= since {
                    break;
                }
                if self.word(i).is_some_and(|w| w.eq_ignore_ascii_case(head)) {
                    let opener = (i.saturating_sub(4)..i).rev().find_map(|k| {
                        self.word(k).filter(|w| {
                            matches!(lower(w).as_ref(), "a" | "an" | "the" | "one" | "another")
                        })
                    });
                    if opener.is_some_and(|o| !o.eq_ignore_ascii_case("the")) {
                        return true;
                    }
                }
            }
            false
        }
    }

    /// The look-back agrees with the old one on built sentences, quotations among them
    /// (whose words are no items), for every start and a spread of bounds.
    #[test]
    fn look_back_agrees_with_reference_on_built_sentences() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(200), |(text in built_texts())| {
            with_ctx(&text, |ctx| {
                let n = ctx.frame.items.len();
                let mut bounds: Vec<usize> =
                    ctx.doc.tokens.iter().step_by(3).map(|t| t.span.end).collect();
                bounds.push(0);
                for head in ["minister", "envoy", "spokesman", "source", "quote", "tourist"] {
                    for &since in &bounds {
                        for start in 0..=n {
                            assert_eq!(
                                ctx.introduced_indefinitely(start, head, since),
                                ctx.introduced_indefinitely_reference(start, head, since),
                                "{head} from {start} after {since} in {text:?}"
                            );
                        }
                    }
                }
            });
        });
    }

    /// The look-back for an indefinite introduction finds what the old one found, from
    /// every item, for several role words and every token end as the bound.
    #[test]
    fn look_back_agrees_with_reference() {
        let text = "According to a Ukrainian military official, the attack failed. \
                    \"We held,\" the official said. An envoy arrived; the envoy said \
                    little. One spokesman said 'no'. Another SPOKESMAN said yes. The \
                    minister, a former envoy, said the minister would stay.";
        with_ctx(text, |ctx| {
            let n = ctx.frame.items.len();
            let mut bounds: Vec<usize> = ctx.doc.tokens.iter().map(|t| t.span.end).collect();
            bounds.push(0);
            for head in ["official", "envoy", "spokesman", "minister", "attack"] {
                for &since in &bounds {
                    for start in 0..=n {
                        assert_eq!(
                            ctx.introduced_indefinitely(start, head, since),
                            ctx.introduced_indefinitely_reference(start, head, since),
                            "{head} from {start} after {since}"
                        );
                    }
                }
            }
        });
    }

    /// The lists compared by bytes alone hold no "k" (see [`is_one_of`]) and are lower-case
    /// ASCII; the others are lower-case ASCII.
    #[test]
    fn byte_compared_lists() {
        for w in ARTICLES
            .iter()
            .chain(DETERMINERS)
            .chain(DOCUMENT_DETERMINERS)
        {
            assert!(
                w.is_ascii() && !w.contains('k') && *w == w.to_lowercase(),
                "{w}"
            );
        }
        for w in SKIPPED_CLAUSE_OPENERS {
            assert!(w.is_ascii() && *w == w.to_lowercase(), "{w}");
        }
        // `is_vague_word` compares by bytes too: no "k", and the curly apostrophe has no
        // case.
        for w in VAGUE {
            assert!(!w.contains('k') && *w == w.to_lowercase(), "{w}");
            assert_eq!(w.to_uppercase().to_lowercase(), *w);
            assert!(w.chars().all(|c| c.is_ascii() || c == '’'), "{w}");
        }
    }

    #[test]
    fn all_chars_as_chars_all() {
        for w in [
            "",
            "abc",
            "ab-c",
            "Ærø",
            "a1",
            "abcé",
            "é-",
            "x\u{212A}",
            "--",
            "a b",
        ] {
            assert_eq!(
                all_chars(w, char::is_alphabetic),
                w.chars().all(char::is_alphabetic)
            );
            let f = |c: char| c.is_alphanumeric() || c == '-';
            assert_eq!(all_chars(w, f), w.chars().all(f), "{w}");
        }
    }

    /// `noun_kind` finds each listed word in any case, a Kelvin sign for its "k", and
    /// nothing else; the lists are lower-case letters (but "communiqué"), share no word, and
    /// fit the 16 bytes of the folded keys.
    #[test]
    fn noun_kinds() {
        let lists = [
            (DOC_NOUNS, NounKind::Document),
            (ORG_NOUNS, NounKind::Organisation),
            (GROUP_NOUNS, NounKind::Group),
        ];
        let mut seen = std::collections::HashSet::new();
        for (words, kind) in lists {
            for w in words {
                assert!(seen.insert(*w), "{w} on two lists");
                assert!(w.len() <= 16, "{w}");
                assert!(
                    w.bytes().all(|b| b.is_ascii_lowercase()) || *w == "communiqué",
                    "{w}"
                );
                assert_eq!(noun_kind(w), Some(kind), "{w}");
                assert_eq!(noun_kind(&w.to_uppercase()), Some(kind), "{w}");
                let kelvin = w.replace('k', "\u{212A}");
                assert_eq!(noun_kind(&kelvin), Some(kind), "{kelvin}");
                for other in [format!("{w}s"), format!("x{w}"), w[1..].to_string()] {
                    let want = lists
                        .iter()
                        .find(|(words, _)| words.contains(&other.as_str()))
                        .map(|&(_, kind)| kind);
                    assert_eq!(noun_kind(&other), want, "{other}");
                }
            }
        }
        for w in [
            "",
            "a",
            "ministry1",
            "ministr@",
            "MINISTRY-",
            "the",
            "Ministr\u{0}",
            "é",
        ] {
            assert_eq!(noun_kind(w), None, "{w:?}");
        }
    }

    impl Ctx<'_> {
        /// `resolve_role_to_person` as it was, with a `String` per word.
        fn resolve_role_to_person_reference(
            &self,
            start: usize,
            end: usize,
            salience: &[Salient],
        ) -> Option<u32> {
            let words: Vec<String> = (start..end)
                .filter_map(|i| self.word(i))
                .map(str::to_lowercase)
                .collect();
            let (head, mods) = split_role_reference(&words, self.lexicon)?;
            let role = self.lexicon.role(&head)?;
            let before = self.frame.start(self.doc, self.quotes, start);
            let fits_head = |p: u32| -> bool {
                self.doc.people[p as usize]
                    .descriptors
                    .contains(head.as_str())
            };
            let fits = |p: u32| -> bool {
                let person = &self.doc.people[p as usize];
                let d = &person.descriptors;
                role.matches.iter().any(|m| d.contains(m.as_str()))
                    && mods
                        .iter()
                        .all(|m| d.contains(m.as_str()) || m.split(' ').all(|w| d.contains(w)))
                    && role
                        .gender
                        .is_none_or(|g| person.gender.is_none_or(|pg| pg == g))
            };
            // Salient people first, most recent first; someone described by the role's own word
            // ("general") before someone matched through a related title ("commander").
            let bare = mods.is_empty();
            if let Some(p) = salience
                .iter()
                .rev()
                .take(12)
                .filter_map(|s| s.person)
                .find(|&p| fits(p) && fits_head(p))
            {
                if !bare
                    || role
                        .matches
                        .iter()
                        .any(|m| self.doc.people[p as usize].bare_titles.contains(m.as_str()))
                    || !head.contains("president")
                {
                    return Some(p);
                }
            }
            let mut fallback = None;
            for s in salience.iter().rev().take(12) {
                if let Some(p) = s.person {
                    if fits(p) {
                        if !bare
                            || role.matches.iter().any(|m| {
                                self.doc.people[p as usize].bare_titles.contains(m.as_str())
                            })
                        {
                            return Some(p);
                        }
                        fallback.get_or_insert(p);
                    }
                }
            }
            // Then anyone named earlier in the document, latest mention first.
            let mut best: Option<(usize, u32)> = None;
            let upto = self.doc.mentions.partition_point(|m| m.span.end <= before);
            for m in &self.doc.mentions[upto.saturating_sub(400)..upto] {
                if let Some(p) = m.person {
                    if fits(p) && best.is_none_or(|(pos, _)| m.span.start >= pos) {
                        let bare_ok = !bare
                            || role.matches.iter().any(|r| {
                                self.doc.people[p as usize].bare_titles.contains(r.as_str())
                            });
                        if bare_ok || best.is_none() {
                            best = Some((m.span.start, p));
                        }
                    }
                }
            }
            fallback.or(best.map(|(_, p)| p))
        }
    }

    /// Every phrase of up to six items resolves to whom the old resolution gave, with the
    /// document's people salient in text order, in reverse, one at a time, or none.
    fn check_roles(ctx: &Ctx<'_>) {
        let people: Vec<Salient> = (0..ctx.doc.people.len() as u32)
            .map(|p| Salient {
                person: Some(p),
                name: None,
                id: None,
                gender: ctx.doc.people[p as usize].gender,
            })
            .collect();
        let reversed: Vec<Salient> = people.iter().rev().cloned().collect();
        let mut saliences: Vec<&[Salient]> = vec![&[], &people, &reversed];
        saliences.extend(people.chunks(1));
        for s in &ctx.frame.sentences {
            let (a, b) = s.items;
            for start in a..b {
                for end in start + 1..=b.min(start + 6) {
                    for salience in &saliences {
                        assert_eq!(
                            ctx.resolve_role_to_person(start, end, salience),
                            ctx.resolve_role_to_person_reference(start, end, salience),
                            "{start}..{end} in {:?}",
                            ctx.text
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn roles_agree_with_reference() {
        for text in SAMPLES {
            with_ctx(text, check_roles);
        }
    }

    #[test]
    fn roles_agree_with_reference_on_built_sentences() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(500), |(text in built_texts())| {
            with_ctx(&text, check_roles);
        });
    }
}
