//! From gazetteer hits to document entities.
//!
//! Every mention is resolved against the document as a whole: full names found anywhere
//! make people of the document; surnames and short forms ("Lavrov", "Kim", "The Post") link
//! to them; names no gazetteer knows are found by their shape ([`names`]); ambiguous names
//! are resolved by the countries the document talks about, or left unresolved with their
//! candidates rather than linked to the wrong entity.

mod names;

use crate::gazetteer::{name_key, with_name_key, Entry, Form, Gazetteer, Gender, Hit, Label};
use crate::output::EntityMention;
use crate::quotes::Lexicon;
use crate::text::{tokenize_noting_words, Span, Token, TokenKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::hash_map::Entry as Slot;
use std::sync::Arc;

use names::Capital;
pub(crate) use names::{is_name_word, is_not_name};

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionForm {
    /// A full name or alias from a gazetteer.
    Full,
    /// A gazetteer short form or a surname linked to a full name in the document.
    Short,
    /// A demonym: a NORP mention linked to its country or party.
    Demonym,
    /// A person found by the shape of the name, in no gazetteer.
    Found,
}

/// One mention in the document.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub span: Span,
    pub label: Label,
    pub form: MentionForm,
    /// The gazetteer entry, when resolved to one.
    pub entry: Option<u32>,
    /// The person of the document, for PERSON mentions resolved to one.
    pub person: Option<u32>,
    /// Entries it could be, when left unresolved.
    pub candidates: Vec<u32>,
    /// Tokens `tokens.0 .. tokens.1` of the document.
    pub tokens: (usize, usize),
    /// Followed by a possessive ("Putin's").
    pub possessive: bool,
}

/// A person the document talks about.
#[derive(Debug, Clone)]
pub(crate) struct DocPerson {
    pub name: Arc<str>,
    pub id: Option<Arc<str>>,
    pub entry: Option<u32>,
    pub gender: Option<Gender>,
    /// For a person no gazetteer knows, the name key a later bare surname may use
    /// ("schmieding"); a gazetteer person's are those of its entry ([`PersonKeys`]).
    pub surname: Option<String>,
    /// Lower-case words that describe the person: gazetteer roles, party, country, and the
    /// titles the document puts before the name. Role nouns are matched against these.
    pub descriptors: String,
    /// Titles the document gives the person with no nationality before them ("President
    /// Trump", not "Russian President Vladimir Putin"): a bare "the president" means them.
    pub bare_titles: String,
    pub prominence: f32,
}

/// What a document needs of a gazetteer entry when it makes a person of it. The same for
/// every document, so worked out once per entry and kept by the gazetteer
/// ([`Gazetteer::person_keys`]) rather than re-keyed and re-lowered per document.
#[derive(Debug, Clone, Default)]
pub(crate) struct PersonKeys {
    /// Name keys a later bare surname may use ("lavrov", "von der leyen"): the short forms
    /// and the last word of the name.
    pub surnames: Box<[Box<str>]>,
    /// Lower-case gazetteer roles, party, country name and demonyms, each followed by a
    /// space: the descriptors the person has before the document adds any.
    pub descriptors: Box<str>,
}

impl PersonKeys {
    /// The keys of `entry`, whose country (by its ISO code) is `country`.
    pub(crate) fn of_entry(entry: &Entry, country: Option<&Entry>) -> PersonKeys {
        let surnames = (entry.short.iter().map(String::as_str))
            .chain(last_name_word(&entry.name))
            .map(|s| name_key(s).into_boxed_str())
            .collect();
        let mut d = String::new();
        for r in &entry.roles {
            push_lower(&mut d, &r.title);
            d.push(' ');
        }
        if let Some(party) = &entry.party {
            push_lower(&mut d, party);
            d.push(' ');
        }
        if let Some(country) = country {
            push_lower(&mut d, &country.name);
            d.push(' ');
            for dem in &country.demonyms {
                push_lower(&mut d, dem);
                d.push(' ');
            }
        }
        PersonKeys {
            surnames,
            descriptors: d.into_boxed_str(),
        }
    }
}

impl DocPerson {
    /// The document person for gazetteer entry `e`, with the descriptors of its entry.
    fn of_entry(gaz: &Gazetteer, e: u32) -> DocPerson {
        let entry = gaz.entry(e);
        DocPerson {
            name: entry.name.clone(),
            id: Some(entry.id.clone()),
            entry: Some(e),
            gender: entry.gender,
            surname: None,
            descriptors: String::from(&*gaz.person_keys(e).descriptors),
            bare_titles: String::new(),
            prominence: gaz.prominence(e),
        }
    }
}

/// The entities of one document: tokens, mentions and people.
#[derive(Debug)]
pub(crate) struct DocEntities<'g> {
    pub gaz: &'g Gazetteer,
    pub tokens: Vec<Token>,
    /// Mentions in text order, never overlapping.
    pub mentions: Vec<Mention>,
    /// For each token, the mention covering it (`u32::MAX` for none).
    pub token_mention: Vec<u32>,
    pub people: Vec<DocPerson>,
}

const NONE: u32 = u32::MAX;

impl DocEntities<'_> {
    /// The mention covering token `i`, if any.
    pub fn mention_at(&self, i: usize) -> Option<usize> {
        match self.token_mention.get(i) {
            Some(&m) if m != NONE => Some(m as usize),
            _ => None,
        }
    }

    /// Canonical name and id of a mention, when resolved.
    pub fn resolved(&self, m: &Mention) -> (Option<Arc<str>>, Option<Arc<str>>) {
        if let Some(p) = m.person {
            let p = &self.people[p as usize];
            return (Some(p.name.clone()), p.id.clone());
        }
        match m.entry {
            Some(e) => {
                let e = self.gaz.entry(e);
                (Some(e.name.clone()), Some(e.id.clone()))
            }
            None => (None, None),
        }
    }

    /// The output form of the mentions.
    pub fn into_mentions(self) -> Vec<EntityMention> {
        self.mentions
            .iter()
            .map(|m| {
                let (name, id) = self.resolved(m);
                let candidates = if name.is_none() {
                    m.candidates
                        .iter()
                        .map(|&e| self.gaz.entry(e).id.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                EntityMention {
                    span: m.span,
                    label: m.label,
                    name,
                    id,
                    candidates,
                }
            })
            .collect()
    }
}

/// Builds the document's entities from the automaton's hits.
pub(crate) fn resolve<'g>(
    text: &str,
    gaz: &'g Gazetteer,
    lexicon: &Lexicon,
    hits: &[Hit],
) -> DocEntities<'g> {
    // News runs about one token to four or five bytes: room for a quarter of the length
    // spares most documents the copies of a growing vector.
    let mut tokens = Vec::with_capacity(text.len() / 4);
    // The words that may be name words, noted as they are tokenized; about one in four
    // words of news, or one in sixteen bytes.
    let mut capitals = Vec::with_capacity(text.len() / 16);
    tokenize_noting_words(
        text,
        Span::new(0, text.len()),
        &mut tokens,
        |k, b, plain| {
            if names::may_start_name(b) {
                capitals.push(Capital {
                    token: k as u32,
                    plain,
                });
            }
        },
    );
    let mut doc = DocEntities {
        gaz,
        token_mention: vec![NONE; tokens.len()],
        tokens,
        mentions: Vec::with_capacity(hits.len()),
        people: Vec::new(),
    };
    let mut r = Resolver {
        text,
        lexicon,
        capitals,
        doc: &mut doc,
    };
    r.add_hits(hits);
    r.add_found_names();
    r.make_people();
    r.link_surnames();
    r.resolve_ambiguous();
    r.describe_people();
    drop_unreported(&mut doc.mentions, &mut doc.token_mention);
    doc
}

/// Drops the mentions not reported, keeping `token_mention` the index of what is left.
///
/// A short form nothing in the document explains ("Sen", a bare "Kim" among many Kims)
/// is not reported: a capitalised word alone is no evidence of which entity it is.
/// Mentions never overlap: a gazetteer hit can end inside a word the tokenizer keeps
/// whole ("Jo" of "Jo'Marco"), and a name found around that word then covers it; the
/// earlier mention (in text order) stands. Cleared tokens of a dropped mention that a
/// kept one shares are pointed back at it by `reindex_from`.
fn drop_unreported(mentions: &mut Vec<Mention>, token_mention: &mut [u32]) {
    let mut covered_to = 0;
    // How many mentions were kept before the first dropped one, and the first token of
    // any dropped one.
    let (mut kept, mut dropped): (usize, Option<(usize, usize)>) = (0, None);
    mentions.retain(|m| {
        let keep = (m.form != MentionForm::Short || m.person.is_some() || m.entry.is_some())
            && m.span.start >= covered_to;
        if keep {
            covered_to = m.span.end;
            kept += 1;
        } else {
            token_mention[m.tokens.0..m.tokens.1].fill(NONE);
            match &mut dropped {
                Some((_, from_token)) => *from_token = m.tokens.0.min(*from_token),
                None => dropped = Some((kept, m.tokens.0)),
            }
        }
        keep
    });
    // The index was whole before: only the mentions that moved, and those before them
    // that may share a token with a dropped one, are pointed at again, in order, as
    // `reindex` does; the others' tokens already point at them.
    if let Some((first, from_token)) = dropped {
        let from = (mentions[..first].iter())
            .position(|m| m.tokens.1 > from_token)
            .unwrap_or(first);
        reindex_from(mentions, token_mention, from);
    }
}

struct Resolver<'a, 'g> {
    text: &'a str,
    lexicon: &'a Lexicon,
    /// The words that may be name words, in order ([`names::may_start_name`]).
    capitals: Vec<Capital>,
    doc: &'a mut DocEntities<'g>,
}

/// Two-letter acronyms that are also English words: in an all-capitals headline "US" may
/// be "us".
const SHORT_WORDS: &[&str] = &[
    "US", "IT", "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "ME", "MY",
    "NO", "OF", "ON", "OR", "SO", "TO", "UP", "WE",
];

// `add_hits` compares a hit with the words only when it is two bytes long.
const _: () = {
    let mut i = 0;
    while i < SHORT_WORDS.len() {
        assert!(SHORT_WORDS[i].len() == 2);
        i += 1;
    }
};

impl<'g> Resolver<'_, 'g> {
    fn tok(&self, i: usize) -> &str {
        self.doc.tokens[i].span.slice(self.text)
    }

    /// Token range covering each hit's span (tokens are sorted; spans from the automaton
    /// start and end on word boundaries, so they align with tokens). The automaton gives
    /// hits left to right, so one cursor walks the tokens once for all of them.
    ///
    /// Most hits start at a capitalised word, and there are several times fewer of those
    /// than tokens: a second cursor walks the `capitals` to the first that ends after the
    /// hit's start. When that word holds the start, every token before it ends before the
    /// start, so it is the hit's first token; otherwise the tokens are walked.
    fn token_ranges(&self, hits: &[Hit]) -> Vec<(usize, usize)> {
        let toks = &self.doc.tokens;
        let caps = &self.capitals;
        let mut out = Vec::with_capacity(hits.len());
        let (mut a, mut c) = (0, 0);
        let mut last_start = 0;
        for hit in hits {
            let span = hit.span;
            if span.start < last_start {
                // Out of order (not from the automaton): search from the beginning.
                a = toks.partition_point(|t| t.span.end <= span.start);
                c = caps.partition_point(|k| (k.token as usize) < a);
            }
            last_start = span.start;
            // The capitals at or after `c` are at or after `a`: each ends after the last
            // hit's start, which the tokens before `a` do not.
            while caps
                .get(c)
                .is_some_and(|k| toks[k.token as usize].span.end <= span.start)
            {
                c += 1;
            }
            match caps.get(c) {
                Some(k) if toks[k.token as usize].span.start <= span.start => a = k.token as usize,
                _ => {
                    while a < toks.len() && toks[a].span.end <= span.start {
                        a += 1;
                    }
                }
            }
            let mut b = a;
            while b < toks.len() && toks[b].span.start < span.end {
                b += 1;
            }
            out.push((a, b));
        }
        out
    }

    /// For each hit, whether it is a capitalised English word opening a sentence that the
    /// document also uses in lower case ("Turkey" at the start of a recipe's sentence,
    /// when the text also says "turkey"): such an alias is then no mention.
    ///
    /// Only the few aliases that open a sentence need a look at the document's words, so
    /// those are gathered first and the tokens are compared with them alone, in one pass.
    fn doubles_as_word(&self, hits: &[Hit], ranges: &[(usize, usize)]) -> Vec<bool> {
        let mut out = vec![false; hits.len()];
        // Lower-case alias -> whether the document has it as an all-lower-case word.
        let mut wanted: HashMap<String, bool> = HashMap::default();
        let mut asked: Vec<(usize, String)> = Vec::new();
        'hits: for (h, (hit, &(a, b))) in hits.iter().zip(ranges).enumerate() {
            // An alias over two tokens or more holds what the tokenizer split them at: a
            // space, or a char that is no letter on one side of the split (see the
            // tokenizer's test `adjacent_tokens_meet_at_a_non_letter`). Either fails the
            // tests below, so only one-word aliases need a look.
            if b != a + 1 || hit.span.len() < 3 {
                continue;
            }
            let surface = hit.span.slice(self.text);
            // An ASCII alias must be letters alone, some in lower case and some not, to make
            // a lower-case word other than itself (below): decided on its bytes, in one pass,
            // before the sentence start is looked at and anything allocated. Most aliases,
            // names of two words or more, fail at the space, which no alias passes below.
            let (mut lower, mut upper, mut other) = (false, false, false);
            for &c in surface.as_bytes() {
                match c {
                    b'a'..=b'z' => lower = true,
                    b'A'..=b'Z' => upper = true,
                    b' ' => continue 'hits,
                    _ => {
                        other = true;
                        break;
                    }
                }
            }
            if !(other || lower && upper) {
                continue;
            }
            let ascii = !other || surface.is_ascii();
            if other && ascii {
                continue;
            }
            // Any other alias with a space fails here: a space is no lower-case letter.
            if !(ascii
                || surface.chars().any(char::is_lowercase)
                    && !surface.contains(char::is_whitespace))
                || !self.sentence_initial(a)
            {
                continue;
            }
            let lower = if ascii {
                surface.to_ascii_lowercase()
            } else {
                surface.to_lowercase()
            };
            // A word with anything but lower-case letters ("u.s.") is never a lower-case word.
            if lower == surface || !lower.chars().all(char::is_lowercase) {
                continue;
            }
            wanted.insert(lower.clone(), false);
            asked.push((h, lower));
        }
        if asked.is_empty() {
            return out;
        }
        // A word the text does not contain is no token of it: a substring search, far
        // cheaper than a pass over the tokens, settles most ("reuters" in a story that only
        // says "Reuters"), and the tokens are walked only for the others. Each search reads
        // the whole text, so only a few words are searched for: a text opening sentences
        // with thousands of aliases must stay linear in its length.
        const MAX_SEARCHED: usize = 8;
        let search = wanted.len() <= MAX_SEARCHED;
        let mut lengths = 0u64;
        let mut long = false;
        // And their first bytes: in a long story many tokens share a wanted word's length,
        // few also its first byte.
        let mut firsts = [0u64; 4];
        for w in wanted
            .keys()
            .filter(|w| !search || self.text.contains(w.as_str()))
        {
            // Byte lengths of the wanted words, to pass over most tokens without hashing them.
            match w.len() {
                n if n < 64 => lengths |= 1 << n,
                _ => long = true,
            }
            if let Some(&b) = w.as_bytes().first() {
                firsts[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        if lengths == 0 && !long {
            return out;
        }
        for t in &self.doc.tokens {
            let n = t.span.len();
            if (n < 64 && lengths & (1 << n) == 0) || (n >= 64 && !long) {
                continue;
            }
            let b = self.text.as_bytes()[t.span.start];
            if firsts[usize::from(b >> 6)] & (1 << (b & 63)) == 0 {
                continue;
            }
            if let Some(seen) = wanted.get_mut(t.span.slice(self.text)) {
                *seen = true;
            }
        }
        for (h, lower) in asked {
            out[h] = wanted[&lower];
        }
        out
    }

    /// The bytes of token `i`: for comparisons with ASCII, which need no char boundary.
    fn tok_bytes(&self, i: usize) -> &[u8] {
        &self.text.as_bytes()[self.doc.tokens[i].span.range()]
    }

    /// Whether token `i` may be a name word, on its first byte alone (see
    /// [`names::may_start_name`]): most words are turned away before they are sliced.
    fn may_be_name_word(&self, i: usize) -> bool {
        names::may_start_name(self.text.as_bytes()[self.doc.tokens[i].span.start])
    }

    fn sentence_initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let prev = self.doc.tokens[i - 1].span;
        // Only a line break in the gap between the tokens counts; it is a byte, not a char.
        // The gap is nearly always one space or none: a plain loop, not a call to search.
        let bytes = self.text.as_bytes();
        for &b in &bytes[prev.end..self.doc.tokens[i].span.start] {
            if b == b'\n' {
                return true;
            }
        }
        // Compared as bytes where that settles it: a one-byte token is an ASCII mark or not,
        // and any other token starting with ASCII is a word; the remaining marks are single
        // non-ASCII chars.
        match &bytes[prev.range()] {
            [b] => matches!(
                b,
                b'.' | b'!' | b'?' | b':' | b'"' | b'\'' | b'-' | b'(' | b'|'
            ),
            [b, ..] if b.is_ascii() => false,
            _ => matches!(
                prev.slice(self.text),
                "“" | "‘" | "″" | "′" | "«" | "—" | "–" | "▶" | "•"
            ),
        }
    }

    fn is_possessive(&self, end_tok: usize) -> bool {
        self.doc
            .tokens
            .get(end_tok)
            .is_some_and(|t| t.kind == TokenKind::Possessive)
    }

    fn push(&mut self, m: Mention) {
        for t in m.tokens.0..m.tokens.1 {
            self.doc.token_mention[t] = self.doc.mentions.len() as u32;
        }
        self.doc.mentions.push(m);
    }

    fn add_hits(&mut self, hits: &[Hit]) {
        let gaz = self.doc.gaz;
        let ranges = self.token_ranges(hits);
        let doubles_as_word = self.doubles_as_word(hits, &ranges);
        for (h, (&hit, &(a, b))) in hits.iter().zip(&ranges).enumerate() {
            if a >= b {
                continue;
            }
            // The text of the hit, sliced only for the tests that need it.
            let surface = || hit.span.slice(self.text);
            let targets = gaz.matcher().targets(hit);
            // The entries by form, counted without collecting them: most hits name one
            // entry and need no list. The first of each form, and whether there are more,
            // in one pass.
            let of_form = |form: Form| targets.iter().filter(move |t| t.form == form);
            let (mut full, mut demonym, mut short) = (None, None, None);
            let (mut fulls, mut demonyms) = (0, 0);
            for t in targets {
                let first = match t.form {
                    Form::Full => {
                        fulls += 1;
                        &mut full
                    }
                    Form::Demonym => {
                        demonyms += 1;
                        &mut demonym
                    }
                    Form::Short => &mut short,
                };
                first.get_or_insert(t.entry);
            }
            // A headline in capitals: "US" there may be the pronoun. (The words are all of
            // two letters.)
            if hit.span.len() == 2
                && SHORT_WORDS.contains(&surface())
                && self.all_caps_context(a, b)
            {
                continue;
            }
            // "Turkey" at the start of a recipe's sentence, when the text also says "turkey".
            if doubles_as_word[h] {
                continue;
            }
            // A short form that is an ordinary capitalised word ("He", "Friday", "West").
            if full.is_none() && demonym.is_none() && names::is_not_name(surface()) {
                continue;
            }
            // A title written as a short form ("Sen.", "Gen.") is a title, not a surname.
            if full.is_none()
                && demonym.is_none()
                && b < self.doc.tokens.len()
                && self.tok_bytes(b) == b"."
                && self.lexicon.is_title(&[&format!("{}.", surface())])
            {
                continue;
            }
            // A name followed by "Jr." is someone else: leave it to the name finder.
            if b < self.doc.tokens.len() && names::is_suffix(self.tok_bytes(b)) {
                continue;
            }
            // "Chad Smith", "Jordan Bardella": a place name used as a first name.
            let full_label = full.map(|e| gaz.entry(e).label);
            let non_person_full = match full_label {
                None => false,
                Some(label) if fulls == 1 => label != Label::Person,
                Some(_) => of_form(Form::Full).all(|t| gaz.entry(t.entry).label != Label::Person),
            };
            // The next word is looked at first: it is seldom a name, and the given-name
            // lookup keys the word and hashes the key.
            if non_person_full
                && b - a == 1
                && b < self.doc.tokens.len()
                && self.may_be_name_word(b)
                && is_name_word(self.tok(b))
                && gaz.is_given_name(surface())
                && !self.claimed_by_next_hit(hits, b)
            {
                continue;
            }
            // "Michael Jordan", "George Washington": a place name used as a surname, after
            // a given name that is no mention of its own.
            if non_person_full
                && b - a == 1
                && a > 0
                && self.no_full_mention(a - 1)
                && self.may_be_name_word(a - 1)
                && is_name_word(self.tok(a - 1))
                && gaz.is_given_name(self.tok(a - 1))
                && !self.sentence_initial(a)
            {
                continue;
            }
            let possessive = self.is_possessive(b);
            let (form, target_form, label) = if let Some(label) = full_label {
                (MentionForm::Full, Form::Full, label)
            } else if demonym.is_some() {
                (MentionForm::Demonym, Form::Demonym, Label::Norp)
            } else {
                let Some(e) = short else {
                    continue;
                };
                (MentionForm::Short, Form::Short, gaz.entry(e).label)
            };
            // A full name or demonym of one entry is that entry.
            let one = match form {
                MentionForm::Full => fulls == 1,
                _ => demonyms == 1,
            };
            let (entry, candidates) = match (form, full.or(demonym)) {
                (MentionForm::Short, _) | (_, None) => {
                    (None, of_form(target_form).map(|t| t.entry).collect())
                }
                (_, Some(e)) if one => (Some(e), Vec::new()),
                _ => (None, of_form(target_form).map(|t| t.entry).collect()),
            };
            self.push(Mention {
                span: hit.span,
                label,
                form,
                entry,
                person: None,
                candidates,
                tokens: (a, b),
                possessive,
            });
        }
    }

    /// Whether a hit that names an entity on its own starts at token `tok` ("Chad
    /// Ukraine"); a bare surname there ("Chad Whitfield", when some Whitfield is in a
    /// gazetteer) does not count.
    fn claimed_by_next_hit(&self, hits: &[Hit], tok: usize) -> bool {
        let start = self.doc.tokens[tok].span.start;
        let matcher = self.doc.gaz.matcher();
        let from = hits.partition_point(|h| h.span.start < start);
        hits[from..]
            .iter()
            .take_while(|h| h.span.start == start)
            .any(|&h| matcher.targets(h).iter().any(|t| t.form != Form::Short))
    }

    fn all_caps_context(&self, a: usize, b: usize) -> bool {
        let words = |r: std::ops::Range<usize>| {
            r.filter(|&i| self.doc.tokens[i].kind == TokenKind::Word)
                .map(|i| self.tok(i))
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect::<Vec<_>>()
        };
        let before = words(a.saturating_sub(2)..a);
        let after = words(b..(b + 2).min(self.doc.tokens.len()));
        let neighbours: Vec<&str> = before.into_iter().chain(after).collect();
        !neighbours.is_empty()
            && neighbours
                .iter()
                .all(|w| !w.chars().any(char::is_lowercase))
    }

    /// Whether token `t` is in no mention, or only in a bare short form ("Michael", a
    /// surname of someone in a gazetteer), which a name around it explains better.
    fn no_full_mention(&self, t: usize) -> bool {
        match self.doc.token_mention[t] {
            NONE => true,
            m => self.doc.mentions[m as usize].form == MentionForm::Short,
        }
    }

    fn add_found_names(&mut self) {
        // Tokens in a mention other than a bare short form (see `no_full_mention`).
        let (mentions, token_mention) = (&self.doc.mentions, &self.doc.token_mention);
        let taken = |t: usize| match token_mention[t] {
            NONE => false,
            m => mentions[m as usize].form != MentionForm::Short,
        };
        let found = names::find_names(
            self.text,
            &self.doc.tokens,
            &self.capitals,
            taken,
            self.doc.gaz,
            self.lexicon,
        );
        // Short forms inside a found name are part of it ("Chad Whitfield"), when the name
        // has a word of its own: "Secretary Rubio" stays the short form of Marco Rubio.
        let mut found = found;
        found.retain(|f| (f.start..f.end).any(|t| self.doc.token_mention[t] == NONE));
        // The mentions inside found names, in order: found names and mentions are both in
        // text order, so the removal below walks this list beside the mentions, with no set.
        let mut inside: Vec<u32> = found
            .iter()
            .flat_map(|f| f.start..f.end)
            .map(|t| self.doc.token_mention[t])
            .filter(|&m| m != NONE)
            .collect();
        inside.sort_unstable();
        inside.dedup();
        let found: Vec<Mention> = (found.into_iter())
            .map(|f| Mention {
                span: Span::new(
                    self.doc.tokens[f.start].span.start,
                    self.doc.tokens[f.end - 1].span.end,
                ),
                label: Label::Person,
                form: MentionForm::Found,
                entry: None,
                person: None,
                candidates: Vec::new(),
                tokens: (f.start, f.end),
                possessive: self.is_possessive(f.end),
            })
            .collect();
        let (mentions, token_mention) = (&mut self.doc.mentions, &mut self.doc.token_mention);
        if mentions.is_sorted_by_key(|m| m.span.start) {
            // Nothing found, and the hits came in text order: the mentions and their index
            // stay as they are.
            if found.is_empty() {
                return;
            }
            // Most found names take the place of the one short form inside them ("Jane
            // Roe" of the short form "Roe"): then nothing else moves.
            match replace_in_place(mentions, token_mention, &inside, found) {
                Ok(()) => {}
                Err(found) => replace_and_sort(mentions, token_mention, &inside, found),
            }
        } else {
            replace_and_sort(mentions, token_mention, &inside, found);
        }
    }

    /// Points the tokens of every mention at it, after mentions were added or moved. The
    /// tokens of mentions removed must have been cleared (see `add_found_names`): then no
    /// other token needs a look, where clearing the whole index cost a pass over it.
    fn reindex(&mut self) {
        reindex(&self.doc.mentions, &mut self.doc.token_mention);
    }

    /// People of the document: every person named in full, once each.
    fn make_people(&mut self) {
        let gaz = self.doc.gaz;
        // Room for a person per person mention, up to the few people most documents name:
        // neither the people nor their index grows in most.
        let n = (self.doc.mentions.iter())
            .filter(|m| m.label == Label::Person)
            .count()
            .min(16);
        self.doc.people.reserve(n);
        let mut by_entry: HashMap<u32, u32> =
            HashMap::with_capacity_and_hasher(n, Default::default());
        let mut by_name: HashMap<String, u32> = HashMap::default();
        // The person of each name as written: a document names the same few people again
        // and again, and a name seen before needs no key.
        let text = self.text;
        let mut by_surface: HashMap<&str, u32> = HashMap::default();
        for k in 0..self.doc.mentions.len() {
            let m = &self.doc.mentions[k];
            if m.label != Label::Person {
                continue;
            }
            let person = match (m.form, m.entry) {
                (MentionForm::Full, Some(e)) => *by_entry.entry(e).or_insert_with(|| {
                    self.doc.people.push(DocPerson::of_entry(gaz, e));
                    (self.doc.people.len() - 1) as u32
                }),
                (MentionForm::Found, _) => {
                    let surface = m.span.slice(text);
                    if let Some(&p) = by_surface.get(surface) {
                        self.doc.mentions[k].person = Some(p);
                        continue;
                    }
                    let name = single_spaced(surface);
                    // Keyed on the stack to look the name up; a new name's key is kept.
                    let p = match with_name_key(&name, |key| by_name.get(key).copied()) {
                        Some(p) => p,
                        None => {
                            let surname = last_name_word(&name).map(name_key);
                            // No gazetteer knows them: the first name may tell "she" from "he".
                            let gender = name
                                .split_whitespace()
                                .next()
                                .and_then(|f| gaz.gender_of_given_name(f));
                            self.doc.people.push(DocPerson {
                                name: Arc::from(&*name),
                                id: None,
                                entry: None,
                                gender,
                                surname,
                                descriptors: String::new(),
                                bare_titles: String::new(),
                                prominence: 0.0,
                            });
                            let p = (self.doc.people.len() - 1) as u32;
                            by_name.insert(name_key(&name), p);
                            p
                        }
                    };
                    by_surface.insert(surface, p);
                    p
                }
                _ => continue,
            };
            self.doc.mentions[k].person = Some(person);
        }
    }

    /// Links short forms and bare surnames to the people named in full.
    fn link_surnames(&mut self) {
        let surnames = surname_index(self.doc.gaz, &self.doc.people);
        // Gazetteer short forms.
        for k in 0..self.doc.mentions.len() {
            let m = &self.doc.mentions[k];
            if m.form != MentionForm::Short {
                continue;
            }
            let key = |k: &str| surnames.get(k.as_bytes()).copied();
            if let Some(p) = with_name_key(m.span.slice(self.text), key) {
                let m = &mut self.doc.mentions[k];
                m.person = Some(p);
                m.label = Label::Person;
                m.entry = self.doc.people[p as usize].entry;
                m.candidates.clear();
            }
        }
        // Bare capitalised words that are the surname of someone named in full.
        let mut added = Vec::new();
        // The first bytes a surname can start with, by the first letters of the keys: a name
        // word starting with an ASCII letter is capitalised and keys from its lower case, so
        // only the capitals of those letters pass, and any non-ASCII byte. Most words are
        // turned away on their first byte, with no slice of the text taken.
        let mut first_bytes = [false; 256];
        first_bytes[0x80..].fill(true);
        for key in surnames.keys() {
            if let Some(&b) = key.first().filter(|b| b.is_ascii_lowercase()) {
                first_bytes[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        let bytes = self.text.as_bytes();
        // No surnames (no people), no look at the words. A surname is a name word: only the
        // capitals need a look.
        let n = if surnames.is_empty() {
            0
        } else {
            self.capitals.len()
        };
        for &Capital { token: i, plain } in &self.capitals[..n] {
            // Most capitals are in a mention: turned away before their token is read.
            let i = i as usize;
            if self.doc.token_mention[i] != NONE {
                continue;
            }
            let t = self.doc.tokens[i];
            if !first_bytes[usize::from(bytes[t.span.start])] {
                continue;
            }
            let w = t.span.slice(self.text);
            if !names::is_name_word_of(w, plain) {
                continue;
            }
            // Plain ASCII words key as their lower case; others through the name key. Neither
            // allocates for a word of ordinary length.
            let p = if plain || w.bytes().all(|b| b.is_ascii_alphabetic()) {
                surnames.get(crate::text::lower(w).as_bytes()).copied()
            } else {
                with_name_key(w, |k| surnames.get(k.as_bytes()).copied())
            };
            if let Some(p) = p {
                added.push(Mention {
                    span: self.doc.tokens[i].span,
                    label: Label::Person,
                    form: MentionForm::Short,
                    entry: self.doc.people[p as usize].entry,
                    person: Some(p),
                    candidates: Vec::new(),
                    tokens: (i, i + 1),
                    possessive: self.is_possessive(i + 1),
                });
            }
        }
        if !added.is_empty() {
            self.doc.mentions.extend(added);
            self.doc.mentions.sort_by_key(|m| m.span.start);
            self.reindex();
        }
    }

    /// Country codes the document mentions: the context for ambiguous names.
    fn country_context(&self) -> HashSet<&'g str> {
        let gaz: &'g Gazetteer = self.doc.gaz;
        let mut out: HashSet<&str> = HashSet::default();
        for m in &self.doc.mentions {
            let entry = m
                .entry
                .or_else(|| m.person.and_then(|p| self.doc.people[p as usize].entry));
            if let Some(e) = entry {
                let e = gaz.entry(e);
                if let Some(c) = e.code.as_ref().or(e.country.as_ref()) {
                    out.insert(c.as_str());
                }
            }
        }
        out
    }

    /// Short forms with no full name in the document, and names shared by several
    /// entries: pick by prominence and the countries in the document, or leave unresolved.
    fn resolve_ambiguous(&mut self) {
        let gaz = self.doc.gaz;
        let pending =
            |m: &Mention| m.entry.is_none() && m.person.is_none() && !m.candidates.is_empty();
        if !self.doc.mentions.iter().any(pending) {
            return;
        }
        let context = self.country_context();
        // A bare short form ("Kim", "Lavrov") is resolved only to someone of standing (a
        // minister or more, in office) from a country the document talks about: a
        // capitalised word alone is too weak to name anyone else.
        let in_doc = |e: u32| -> bool {
            let entry = gaz.entry(e);
            let country = entry.code.as_ref().or(entry.country.as_ref());
            country.is_some_and(|c| context.contains(c.as_str()))
        };
        // Among office holders of equal rank, the one holding more offices now is the
        // one a bare surname means ("Kim" in a North Korea story).
        let offices = |e: u32| {
            gaz.entry(e)
                .roles
                .iter()
                .filter(|r| r.to.is_none_or(|t| t >= crate::gazetteer::CURRENT_YEAR))
                .count()
                .min(5) as f32
        };
        let score = |e: u32| -> f32 {
            gaz.prominence(e) + if in_doc(e) { 2.0 } else { 0.0 } + 0.1 * offices(e)
        };
        let standing = |e: u32| -> bool { gaz.prominence(e) >= 2.0 && in_doc(e) };
        // Entries the document names in full somewhere: a short form means them.
        let named_in_full: HashSet<u32> = self
            .doc
            .mentions
            .iter()
            .filter(|m| m.form == MentionForm::Full)
            .filter_map(|m| m.entry)
            .collect();
        let mut new_people: Vec<(usize, u32)> = Vec::new();
        for k in 0..self.doc.mentions.len() {
            let m = &self.doc.mentions[k];
            if m.entry.is_some() || m.person.is_some() || m.candidates.is_empty() {
                continue;
            }
            if let Some(&e) = m.candidates.iter().find(|e| named_in_full.contains(e)) {
                let m = &mut self.doc.mentions[k];
                m.entry = Some(e);
                m.label = gaz.entry(e).label;
                m.candidates.clear();
                continue;
            }
            let mut scored: Vec<(f32, u32)> = m.candidates.iter().map(|&e| (score(e), e)).collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            let short = m.form == MentionForm::Short;
            let decided = match scored.as_slice() {
                [(_, e)] => (!short || standing(*e)).then_some(*e),
                [(s1, e1), (s2, _), ..] => {
                    (s1 - s2 >= 0.3 && (!short || standing(*e1))).then_some(*e1)
                }
                [] => None,
            };
            if let Some(e) = decided {
                let m = &mut self.doc.mentions[k];
                m.entry = Some(e);
                m.label = gaz.entry(e).label;
                m.candidates.clear();
                if m.label == Label::Person {
                    new_people.push((k, e));
                }
            }
        }
        // A short form resolved this way makes (or joins) a person of the document.
        let mut person_of_entry: HashMap<u32, u32> = self
            .doc
            .people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.entry?, i as u32)))
            .collect();
        for (k, e) in new_people {
            let p = match person_of_entry.get(&e).copied() {
                Some(p) => p,
                None => {
                    self.doc.people.push(DocPerson::of_entry(gaz, e));
                    let p = (self.doc.people.len() - 1) as u32;
                    person_of_entry.insert(e, p);
                    p
                }
            };
            self.doc.mentions[k].person = Some(p);
        }
    }

    /// Descriptors: gazetteer roles, party and country, plus the capitalised title the
    /// document puts before each full mention ("Special Presidential Envoy Keith Kellogg")
    /// and an appositive that opens the sentence ("A retired Army general …, Kellogg").
    fn describe_people(&mut self) {
        // A gazetteer person starts from the descriptors of its entry (see `of_entry`).
        let mut desc: Vec<String> = (self.doc.people.iter_mut())
            .map(|p| std::mem::take(&mut p.descriptors))
            .collect();
        let mut bare: Vec<String> = (self.doc.people.iter_mut())
            .map(|p| std::mem::take(&mut p.bare_titles))
            .collect();
        // The title before a mention, built here for each in turn.
        let mut title = String::new();
        for m in &self.doc.mentions {
            let Some(p) = m.person else { continue };
            let d = &mut desc[p as usize];
            // The title run before the mention: capitalised words and mentions, at most six.
            let mut k = m.tokens.0;
            let mut national = false;
            while k > 0 && m.tokens.0 - k < 6 {
                let t = self.doc.tokens[k - 1];
                if let Some(&o) = self.doc.token_mention.get(k - 1).filter(|&&o| o != NONE) {
                    let other = &self.doc.mentions[o as usize];
                    national |= matches!(other.label, Label::Norp | Label::Gpe);
                    if other.label == Label::Person {
                        break;
                    }
                }
                // Most runs end at a mark, with no look at its text.
                let in_title = match t.kind {
                    TokenKind::Possessive => true,
                    TokenKind::Punct => false,
                    TokenKind::Word => {
                        let w = &self.text.as_bytes()[t.span.range()];
                        let capital = match w.first() {
                            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                            _ => (t.span.slice(self.text).chars().next())
                                .is_some_and(char::is_uppercase),
                        };
                        capital || w.contains(&b'-')
                    }
                };
                if !in_title {
                    break;
                }
                k -= 1;
            }
            // Its words in lower case, one space apart. Most mentions have none.
            if k < m.tokens.0 {
                title.clear();
                for t in &self.doc.tokens[k..m.tokens.0] {
                    if !title.is_empty() {
                        title.push(' ');
                    }
                    push_lower(&mut title, t.span.slice(self.text));
                }
                add_descriptor(d, &title);
                if !national {
                    add_descriptor(&mut bare[p as usize], &title);
                }
            }
            // "A retired Army general who served …, 81-year-old Kellogg arrived": the
            // article-led phrase opening the sentence describes the person it ends on.
            if let Some(phrase) = self.opening_appositive(m.tokens.0) {
                add_descriptor(d, &phrase);
            }
        }
        for ((p, d), b) in self.doc.people.iter_mut().zip(desc).zip(bare) {
            p.descriptors = d;
            p.bare_titles = b;
        }
    }

    fn opening_appositive(&self, mention_tok: usize) -> Option<String> {
        // There must be a comma right before the name (or its age adjective). Checked
        // first: most mentions have none, and need no walk back to the sentence start.
        let mut j = mention_tok;
        let mut before = self.tok_bytes(j.checked_sub(1)?);
        if before.ends_with(b"-old") {
            j -= 1;
            before = self.tok_bytes(j.checked_sub(1)?);
        }
        if before != b"," {
            return None;
        }
        // Walk back to the sentence start, at most 30 tokens.
        let mut k = mention_tok;
        let floor = mention_tok.saturating_sub(30);
        let mut initial = self.sentence_initial(k);
        while k > floor && !initial {
            k -= 1;
            initial = self.sentence_initial(k);
        }
        if !initial || k == mention_tok {
            return None;
        }
        // A leading photo count ("7 A retired …") is page furniture.
        if self.tok_bytes(k).iter().all(u8::is_ascii_digit) {
            k += 1;
        }
        if !matches!(self.tok(k), "A" | "An") {
            return None;
        }
        let words: Vec<String> = (k + 1..j - 1)
            .map(|i| self.tok(i))
            .take_while(|w| !matches!(*w, "who" | "that" | "which" | ","))
            .map(str::to_lowercase)
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    }
}

/// Removes the mentions `inside` (indices, in order) and adds the `found` names, in text
/// order (a stable sort: a mention goes before a found name starting where it does), and
/// points the tokens at the mentions where they now are.
fn replace_and_sort(
    mentions: &mut Vec<Mention>,
    token_mention: &mut [u32],
    inside: &[u32],
    found: Vec<Mention>,
) {
    if !inside.is_empty() {
        let mut k = 0u32;
        let mut next = inside.iter().peekable();
        mentions.retain(|m| {
            k += 1;
            let keep = next.next_if(|&&i| i == k - 1).is_none();
            if !keep {
                token_mention[m.tokens.0..m.tokens.1].fill(NONE);
            }
            keep
        });
    }
    mentions.extend(found);
    mentions.sort_by_key(|m| m.span.start);
    reindex(mentions, token_mention);
}

/// [`replace_and_sort`] of mentions in text order, when each found name takes the place of
/// one removed mention: `found[i]` in place of mention `inside[i]`. That is the stable
/// sort's order when the list it makes is in text order, a found name starting before the
/// mention after it (at a tie that mention would go first). Then the found names are put
/// in their places, nothing else moves, and only the tokens from the first place changed
/// on (or from a mention before it that may share a token with one removed) are pointed
/// at again. Hands the found names back, changing nothing, when they do not fit so.
fn replace_in_place(
    mentions: &mut [Mention],
    token_mention: &mut [u32],
    inside: &[u32],
    found: Vec<Mention>,
) -> Result<(), Vec<Mention>> {
    if inside.len() != found.len() || found.is_empty() {
        return Err(found);
    }
    // Where the element at index `j` of the new list starts, and whether it is found.
    let at = |j: usize| -> (usize, bool) {
        match inside.binary_search(&(j as u32)) {
            Ok(i) => (found[i].span.start, true),
            Err(_) => (mentions[j].span.start, false),
        }
    };
    let fits = inside.iter().zip(&found).all(|(&k, f)| {
        let (k, start) = (k as usize, f.span.start);
        let after_previous = k == 0 || at(k - 1).0 <= start;
        let before_next = match (k + 1 < mentions.len()).then(|| at(k + 1)) {
            None => true,
            Some((next, true)) => start <= next,
            Some((next, false)) => start < next,
        };
        after_previous && before_next
    });
    if !fits {
        return Err(found);
    }
    let mut first_cleared = usize::MAX;
    for (&k, f) in inside.iter().zip(found) {
        let old = std::mem::replace(&mut mentions[k as usize], f);
        token_mention[old.tokens.0..old.tokens.1].fill(NONE);
        first_cleared = first_cleared.min(old.tokens.0);
    }
    // As in `drop_unreported`: the mentions before the first change keep their index but
    // for those that may share a token with one removed.
    let first = inside[0] as usize;
    let from = (mentions[..first].iter())
        .position(|m| m.tokens.1 > first_cleared)
        .unwrap_or(first);
    reindex_from(mentions, token_mention, from);
    Ok(())
}

/// Points the tokens of each mention at it (see `Resolver::reindex`).
fn reindex(mentions: &[Mention], token_mention: &mut [u32]) {
    reindex_from(mentions, token_mention, 0);
}

/// [`reindex`] for the mentions from `from` on.
fn reindex_from(mentions: &[Mention], token_mention: &mut [u32], from: usize) {
    for (k, m) in mentions.iter().enumerate().skip(from) {
        token_mention[m.tokens.0..m.tokens.1].fill(k as u32);
    }
}

/// Surname keys of the document's people: among people sharing one, the most prominent,
/// then the one named first. The keys are borrowed from the gazetteer and the people, and
/// looked up as bytes: a word lower-cased on the stack needs no check that it is UTF-8.
fn surname_index<'s>(gaz: &'s Gazetteer, people: &'s [DocPerson]) -> HashMap<&'s [u8], u32> {
    let keys_of = |p: &'s DocPerson| {
        let of_entry = p.entry.map(|e| &*gaz.person_keys(e).surnames);
        (of_entry.unwrap_or_default().iter().map(|s| s.as_bytes()))
            .chain(p.surname.as_ref().map(|s| s.as_bytes()))
    };
    // Sized for every key at once: the index is not rebuilt as it fills.
    let n = people.iter().map(|p| keys_of(p).count()).sum();
    let mut index: HashMap<&[u8], u32> = HashMap::with_capacity_and_hasher(n, Default::default());
    for (i, p) in people.iter().enumerate() {
        for s in keys_of(p) {
            match index.entry(s) {
                Slot::Occupied(mut o) => {
                    if people[*o.get() as usize].prominence < p.prominence {
                        o.insert(i as u32);
                    }
                }
                Slot::Vacant(v) => {
                    v.insert(i as u32);
                }
            }
        }
    }
    index
}

/// Appends `s` in lower case; ASCII in place, without the string `to_lowercase` allocates.
fn push_lower(d: &mut String, s: &str) {
    if s.is_ascii() {
        let start = d.len();
        d.push_str(s);
        d[start..].make_ascii_lowercase();
    } else {
        d.push_str(&s.to_lowercase());
    }
}

/// Appends a descriptor phrase once, up to a bound: someone named a thousand times with
/// the same title must not make every role lookup scan a thousand copies of it.
fn add_descriptor(d: &mut String, phrase: &str) {
    const MAX_DESCRIPTORS: usize = 2048;
    if !phrase.is_empty() && d.len() + phrase.len() < MAX_DESCRIPTORS && !d.contains(phrase) {
        d.push_str(phrase);
        d.push(' ');
    }
}

/// `s` with its words one space apart. Names in news nearly always are: then `s` itself.
fn single_spaced(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let plain = s.is_ascii()
        && !bytes.iter().any(|b| matches!(b, b'\t'..=b'\r'))
        && !bytes.windows(2).any(|w| w == b"  ")
        && !s.starts_with(' ')
        && !s.ends_with(' ');
    if plain {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// The last word of a name, not counting suffixes ("Donald Trump Jr." → "Trump").
fn last_name_word(name: &str) -> Option<&str> {
    name.split_whitespace().rev().find(|w| {
        !names::is_suffix(w.as_bytes()) && w.chars().next().is_some_and(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `drop_unreported` as it was, with a full reindex.
    fn drop_unreported_reference(mentions: &mut Vec<Mention>, token_mention: &mut [u32]) {
        let mut covered_to = 0;
        mentions.retain(|m| {
            let keep = (m.form != MentionForm::Short || m.person.is_some() || m.entry.is_some())
                && m.span.start >= covered_to;
            if keep {
                covered_to = m.span.end;
            } else {
                token_mention[m.tokens.0..m.tokens.1].fill(NONE);
            }
            keep
        });
        reindex(mentions, token_mention);
    }

    proptest! {
        /// Mentions in text order over a few tokens, sharing some, some of them replaced by
        /// found names that start where they do or a token before, and other names found
        /// elsewhere: the same mentions in the same order, and the same index, as with the
        /// stable sort and a full reindex, whether the names are put in place or not.
        #[test]
        fn replace_in_place_as_replace_and_sort(
            specs in proptest::collection::vec((0usize..12, 1usize..4, 0usize..2), 0..10),
            picks in proptest::collection::vec((any::<bool>(), 0usize..2, 1usize..4), 10),
            extra in proptest::collection::vec((0usize..12, 1usize..4), 0..2),
        ) {
            let mention = |start: usize, len: usize, past: usize, form| Mention {
                span: Span::new(start, start + len),
                label: Label::Person,
                form,
                entry: None,
                person: None,
                candidates: Vec::new(),
                tokens: (start, start + len + past),
                possessive: false,
            };
            let mut mentions: Vec<Mention> = specs
                .iter()
                .map(|&(start, len, past)| mention(start, len, past, MentionForm::Short))
                .collect();
            mentions.sort_by_key(|m| m.span.start);
            let (mut inside, mut found) = (Vec::new(), Vec::new());
            for (k, m) in mentions.iter().enumerate() {
                let (pick, before, len) = picks[k];
                if pick {
                    inside.push(k as u32);
                    let start = m.span.start.saturating_sub(before);
                    found.push(mention(start, len, 0, MentionForm::Found));
                }
            }
            found.extend(extra.iter().map(|&(s, len)| mention(s, len, 0, MentionForm::Found)));
            found.sort_by_key(|m| m.span.start);
            let mut index = vec![NONE; 20];
            reindex(&mentions, &mut index);
            let (mut want, mut want_index) = (mentions.clone(), index.clone());
            if let Err(found) = replace_in_place(&mut mentions, &mut index, &inside, found.clone()) {
                replace_and_sort(&mut mentions, &mut index, &inside, found);
            }
            replace_and_sort(&mut want, &mut want_index, &inside, found);
            prop_assert_eq!(index, want_index);
            let key = |ms: &[Mention]| ms.iter().map(|m| (m.span, m.form)).collect::<Vec<_>>();
            prop_assert_eq!(key(&mentions), key(&want));
        }

        /// Mentions in text order over a few tokens of one byte each, overlapping or not,
        /// some ending inside a token that the next one shares, some short forms left
        /// unresolved: the same mentions and index as with a full reindex.
        #[test]
        fn drop_unreported_as_reference(
            specs in proptest::collection::vec(
                (0usize..12, 1usize..4, 0usize..2, any::<bool>()),
                0..10,
            )
        ) {
            let mut mentions: Vec<Mention> = specs
                .iter()
                .map(|&(start, len, past, short)| Mention {
                    span: Span::new(start, start + len),
                    label: Label::Person,
                    form: if short { MentionForm::Short } else { MentionForm::Found },
                    entry: None,
                    person: None,
                    candidates: Vec::new(),
                    tokens: (start, start + len + past),
                    possessive: false,
                })
                .collect();
            mentions.sort_by_key(|m| m.span.start);
            let mut index = vec![NONE; 20];
            reindex(&mentions, &mut index);
            let (mut want, mut want_index) = (mentions.clone(), index.clone());
            drop_unreported(&mut mentions, &mut index);
            drop_unreported_reference(&mut want, &mut want_index);
            prop_assert_eq!(index, want_index);
            let spans = |ms: &[Mention]| ms.iter().map(|m| m.span).collect::<Vec<_>>();
            prop_assert_eq!(spans(&mentions), spans(&want));
        }
    }
}
