//! People that no gazetteer knows, found by the shape of their names: capitalised words
//! after a title ("Sen. Jane Roe"), starting with a known given name ("Steve Witkoff"),
//! next to a cue ("said Holger Schmieding", "Holger Schmieding said") or in a byline.

use crate::gazetteer::Gazetteer;
use crate::quotes::Lexicon;
use crate::text::{Token, TokenKind};
use rustc_hash::FxHashMap;

/// Capitalised words that start sentences and headlines but never a person's name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "At",
    "In",
    "On",
    "Of",
    "For",
    "From",
    "With",
    "By",
    "To",
    "Then",
    "Still",
    "Yet",
    "So",
    "Also",
    "Under",
    "Over",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "No",
    "Not",
    "Here",
    "There",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Read",
    "More",
    "Latest",
    "Live",
    "Breaking",
    "News",
    "Error",
    "Sorry",
    "Sign",
    "Comments",
    "Related",
    "Explore",
    "Try",
    "Save",
    "Share",
    "Advertisement",
    "Photo",
    "Video",
    "Getty",
    "Images",
    "Reuters",
    "Oval",
    "Office",
    "House",
    "Senate",
    "Congress",
    "Army",
    "Navy",
    "Air",
    "Force",
    "Ministry",
    "Department",
    "Republican",
    "Democratic",
    "Democrat",
    "Republicans",
    "Democrats",
    "West",
    "East",
    "North",
    "South",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "European",
    "Capitol",
    "Hill",
    "Street",
    "Avenue",
    "Road",
    "Square",
    "Palace",
    "Council",
    "Committee",
    "Commission",
    "Union",
    "Party",
    "Group",
    "Agency",
    "Service",
    "Press",
    "Times",
    "Post",
    "Daily",
    "Features",
    "AI",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Head",
    "Leader",
    "Secretary",
    "President",
    "Minister",
    "Envoy",
    "General",
    "Special",
    "Presidential",
    "Defense",
    "Defence",
    "Foreign",
    "State",
    "National",
    "Security",
    "Chief",
    "Prime",
    "Speaker",
    "Majority",
    "Minority",
    "Senator",
    "Sen",
    "Rep",
    "Gov",
    "Governor",
];

/// Lower-case particles allowed inside a name ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "dos", "das", "du", "del", "della", "di", "la", "le",
    "bin", "ibn", "al", "el", "ter", "zu",
];

/// Suffixes that end a name ("Donald Trump Jr.").
pub(crate) const SUFFIXES: &[&str] = &["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"];

/// Whether `w` is one of the [`SUFFIXES`]: all are two or three bytes, starting with J, S
/// or I, which turns away nearly every word before any comparison.
pub(crate) fn is_suffix(w: &[u8]) -> bool {
    matches!(w.len(), 2..=3)
        && matches!(w[0], b'J' | b'S' | b'I')
        && SUFFIXES.iter().any(|s| s.as_bytes() == w)
}

/// Buckets of [`NOT_NAMES`] by byte length (up to 15, longer words sharing the last) and
/// the low five bits of the first byte: a word is compared with the one or two words of its
/// bucket, which costs a third of hashing it into a set.
const NOT_NAME_BUCKETS: usize = 16 * 32;

const fn not_name_bucket(w: &[u8]) -> usize {
    let len = if w.len() < 16 { w.len() } else { 15 };
    (len << 5) | (w[0] & 31) as usize
}

/// Bytes `at..at + n` of `w` as a little-endian integer.
const fn load(w: &[u8], at: usize, n: usize) -> u64 {
    let mut x = 0;
    let mut j = 0;
    while j < n {
        x |= (w[at + j] as u64) << (8 * j);
        j += 1;
    }
    x
}

/// A word of at most 16 bytes as two integers, its first and last eight bytes (four, for
/// shorter words; the whole word and zero, below four): two words of the same length are
/// equal when their keys are, so a candidate is compared in two instructions, with no call.
const fn word_key(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    if n >= 8 {
        (load(w, 0, 8), load(w, n - 8, 8))
    } else if n >= 4 {
        (load(w, 0, 4), load(w, n - 4, 4))
    } else {
        (load(w, 0, n), 0)
    }
}

/// [`word_key`] at run time, by whole loads.
fn word_key_fast(w: &[u8]) -> (u64, u64) {
    let n = w.len();
    let word = |at: usize| u64::from_le_bytes(w[at..at + 8].try_into().unwrap_or_default());
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            w[at..at + 4].try_into().unwrap_or_default(),
        ))
    };
    if n >= 8 {
        (word(0), word(n - 8))
    } else if n >= 4 {
        (half(0), half(n - 4))
    } else {
        (load(w, 0, n), 0)
    }
}

/// The longest word of [`NOT_NAMES`] a key holds whole.
const MAX_NOT_NAME: usize = 16;

/// `keys[starts[b]..starts[b + 1]]` are the lengths and keys of bucket `b`'s words.
struct NotNameTable {
    starts: [u8; NOT_NAME_BUCKETS + 1],
    keys: [(usize, u64, u64); NOT_NAMES.len()],
}

static NOT_NAME_TABLE: NotNameTable = {
    assert!(NOT_NAMES.len() < 256);
    let mut counts = [0u8; NOT_NAME_BUCKETS + 1];
    let mut i = 0;
    while i < NOT_NAMES.len() {
        let w = NOT_NAMES[i].as_bytes();
        assert!(!w.is_empty() && w.len() <= MAX_NOT_NAME);
        counts[not_name_bucket(w) + 1] += 1;
        i += 1;
    }
    let mut starts = [0u8; NOT_NAME_BUCKETS + 1];
    let mut b = 1;
    while b <= NOT_NAME_BUCKETS {
        starts[b] = starts[b - 1] + counts[b];
        b += 1;
    }
    let mut next = starts;
    let mut keys = [(0, 0, 0); NOT_NAMES.len()];
    let mut i = 0;
    while i < NOT_NAMES.len() {
        let w = NOT_NAMES[i].as_bytes();
        let b = not_name_bucket(w);
        let (k0, k1) = word_key(w);
        keys[next[b] as usize] = (w.len(), k0, k1);
        next[b] += 1;
        i += 1;
    }
    NotNameTable { starts, keys }
};

/// Whether a capitalised word is one that never names a person on its own.
pub(crate) fn is_not_name(w: &str) -> bool {
    not_name(w.as_bytes())
}

/// [`is_not_name`] of a word's bytes.
fn not_name(w: &[u8]) -> bool {
    if w.is_empty() || w.len() > MAX_NOT_NAME {
        return false;
    }
    let b = not_name_bucket(w);
    let t = &NOT_NAME_TABLE;
    let (k0, k1) = word_key_fast(w);
    t.keys[usize::from(t.starts[b])..usize::from(t.starts[b + 1])]
        .iter()
        .any(|&(n, c0, c1)| n == w.len() && c0 == k0 && c1 == k1)
}

/// Whether `w` is a name particle ("von", "da"): all are two to five lower-case ASCII
/// letters, which turns away a capitalised word before any comparison.
fn is_particle(w: &[u8]) -> bool {
    matches!(w.len(), 2..=5)
        && w[0].is_ascii_lowercase()
        && PARTICLES.iter().any(|p| p.as_bytes() == w)
}

pub(crate) fn is_name_word(w: &str) -> bool {
    // Most words are ASCII, and most of those lower case: decide those on their bytes.
    if let [first, rest @ ..] = w.as_bytes() {
        if first.is_ascii() && !first.is_ascii_uppercase() {
            return false;
        }
        if first.is_ascii() {
            if rest.is_empty() {
                return false;
            }
            // An initial: "J."
            if rest == b"." {
                return true;
            }
            // One pass for both tests: some lower case, nothing but letters, hyphens and
            // apostrophes. A byte outside those fails the word whatever follows; a non-ASCII
            // one before any such sends it to the char-by-char test.
            let mut lower = false;
            for &c in rest {
                match c {
                    b'a'..=b'z' => lower = true,
                    b'A'..=b'Z' | b'-' | b'\'' => {}
                    0x80.. => return is_name_word_by_chars(w),
                    _ => return false,
                }
            }
            return lower && !is_not_name(w);
        }
    }
    is_name_word_by_chars(w)
}

fn is_name_word_by_chars(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    let rest = cs.as_str();
    if rest.is_empty() {
        return false;
    }
    // An initial: "J."
    if rest == "." {
        return true;
    }
    rest.chars().any(char::is_lowercase)
        && rest
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !is_not_name(w)
}

/// First bytes a name word may start with: an ASCII capital, or any byte of a non-ASCII
/// char (see `is_name_word`). One load turns away every other word.
static NAME_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || (b as u8).is_ascii_uppercase();
        b += 1;
    }
    t
};

/// Whether a word starting with byte `b` may be a name word (see [`NAME_START`]). The
/// words that may be are listed as the text is tokenized (`entities::resolve`), and the name
/// finder and the surname linker look at those alone, not at every token.
pub(crate) fn may_start_name(b: u8) -> bool {
    NAME_START[usize::from(b)]
}

/// A word that may be a name word ([`may_start_name`]), noted as the text is tokenized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Capital {
    /// Its token.
    pub token: u32,
    /// Whether its bytes after the first are all lower-case ASCII letters, as for most
    /// words: then its first byte and the word lists tell whether it is a name word.
    pub plain: bool,
}

/// [`is_name_word`] of a word known to be `plain` or not (see [`Capital`]).
pub(crate) fn is_name_word_of(w: &str, plain: bool) -> bool {
    if plain && w.as_bytes().first().is_some_and(u8::is_ascii) {
        is_plain_name_word(w.as_bytes())
    } else {
        is_name_word(w)
    }
}

/// [`is_name_word`] of a plain word starting with an ASCII byte, decided on its bytes: a
/// capital and lower-case letters make a name word unless it is a listed word.
fn is_plain_name_word(w: &[u8]) -> bool {
    matches!(w, [first, _, ..] if first.is_ascii_uppercase()) && !not_name(w)
}

/// [`is_name_word_of`] of the word of `capital`, a plain one read as bytes, with no slice of
/// the text as a `str`.
fn is_name_word_at(text: &str, tokens: &[Token], capital: &Capital) -> bool {
    let span = tokens[capital.token as usize].span;
    let w = &text.as_bytes()[span.range()];
    if capital.plain && w.first().is_some_and(u8::is_ascii) {
        is_plain_name_word(w)
    } else {
        is_name_word(span.slice(text))
    }
}

/// The first of `capitals[k..]` at or after token `i`.
fn first_capital_from(capitals: &[Capital], mut k: usize, i: usize) -> usize {
    while capitals.get(k).is_some_and(|c| (c.token as usize) < i) {
        k += 1;
    }
    k
}

/// A found name: token range `start..end` (end exclusive) and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FoundName {
    pub start: usize,
    pub end: usize,
}

/// Finds names among `tokens`, skipping tokens already claimed (`taken(i)`). Asked only of
/// words that could start or continue a name, so a test, not a table built for every token.
pub(crate) fn find_names<'t>(
    text: &'t str,
    tokens: &[Token],
    capitals: &[Capital],
    taken: impl Fn(usize) -> bool,
    gaz: &Gazetteer,
    lexicon: &Lexicon,
) -> Vec<FoundName> {
    let word = |i: usize| -> &'t str { tokens[i].span.slice(text) };
    // The bytes of a token, for the tests that need no `&str` (and no char boundary).
    let bytes = |i: usize| -> &[u8] { &text.as_bytes()[tokens[i].span.range()] };
    let is_word = |i: usize| tokens[i].kind == TokenKind::Word;
    let mut out = Vec::new();
    // Whether a word is a given name, looked up once per word: a document names the same
    // few people again and again, and the lookup keys the word and hashes the key.
    let mut given_names: FxHashMap<&str, bool> = FxHashMap::default();
    let mut is_given_name =
        |w: &'t str| *given_names.entry(w).or_insert_with(|| gaz.is_given_name(w));
    // Words of a title being looked up, reused so that no lookup allocates.
    let mut scratch: Vec<&str> = Vec::new();
    // A run of name words starts at a name word, one of the `capitals`: the walk goes from
    // one to the next, passing over the words between without a look. `k` is the next one.
    let mut k = 0;
    while let Some(capital) = capitals.get(k) {
        k += 1;
        let start = capital.token as usize;
        if taken(start) || !is_name_word_at(text, tokens, capital) {
            continue;
        }
        // Whether token `j` is a name word. Only capitals can be one: `next` walks those
        // after the run's first word as the run moves forward, so no word is read that is
        // not one.
        let mut next = k;
        let mut name_word = |j: usize| {
            next = first_capital_from(capitals, next, j);
            capitals
                .get(next)
                .is_some_and(|c| c.token as usize == j && is_name_word_at(text, tokens, c))
        };
        let mut j = start + 1;
        // The text from `start` to token `on_line` is known to hold no line break, so each
        // step checks only what follows it; checking from `start` at every step was
        // quadratic in a long line of capitalised words ("A. B. C. …").
        let mut on_line = start;
        while j < tokens.len() && !taken(j) && is_word(j) && same_line(text, tokens, on_line, j) {
            on_line = j;
            if name_word(j) {
                j += 1;
            } else if is_particle(bytes(j)) {
                // "von der Leyen": particles count only when a name word follows them.
                let mut p = j;
                while p < tokens.len() && is_particle(bytes(p)) {
                    p += 1;
                }
                if p < tokens.len() && name_word(p) {
                    j = p + 1;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        // The run ends on a name word, never on a particle: a particle is taken in only
        // with the name word after it, and a name word starts with a capital, a particle
        // with a lower-case letter. (So there are no trailing particles to drop.)
        debug_assert!(j == start || !is_particle(bytes(j - 1)));
        // Cap the length: names run two to four words.
        let len = j - start;
        if len > 4 {
            k = first_capital_from(capitals, k, j);
            continue;
        }
        let mut end = j;
        if end < tokens.len() && is_suffix(bytes(end)) {
            end += 1;
        }
        // A capitalised title opening the run is not part of the name ("Mayor Linda
        // Park"); a run that is all title ("Chief Executive") names no one.
        // A title is made of title words: only runs of those need be looked up as titles.
        let title_run = (start..start + len.min(lexicon.max_title_words()))
            .take_while(|&t| lexicon.is_title_word(word(t)))
            .count();
        let title_words = (1..=title_run)
            .rev()
            .find(|&n| {
                scratch.clear();
                scratch.extend((start..start + n).map(word));
                lexicon.is_title(&scratch)
            })
            .unwrap_or(0);
        if title_words == len {
            k = first_capital_from(capitals, k, j);
            continue;
        }
        let (start, len) = (start + title_words, len - title_words);
        let first = word(start);
        // What is left after a title begins with a word of a title: the title goes on
        // ("Chief Executive" cut at "Chief", which is no name word); no name here. With no
        // title cut off, the first word was looked up above (when titles have words).
        let first_is_title = if title_words == 0 && lexicon.max_title_words() > 0 {
            title_run > 0
        } else {
            lexicon.is_title_word(first)
        };
        if first_is_title {
            k = first_capital_from(capitals, k, j);
            continue;
        }
        // A title ending just before the name ("Sen.", "Special Presidential Envoy").
        let titled = title_words > 0 || title_before(text, tokens, start, lexicon, &mut scratch);
        // After a title, one word is enough ("Sen. Roe"), unless it is a first name cut off
        // from its surname ("(Russian President Vladimir) Putin").
        let accept = (titled && !first.ends_with('.') && (len >= 2 || !is_given_name(first)))
            || (len >= 2 && is_given_name(first) && !first.ends_with('.'))
            || (len >= 2 && next_to_cue(text, tokens, start, end, lexicon))
            || (len >= 2 && after_cue_phrase(text, tokens, start, lexicon))
            || (len >= 2 && after_byline(text, tokens, start));
        if accept {
            out.push(FoundName { start, end });
        }
        k = first_capital_from(capitals, k, end.max(start + 1));
    }
    out
}

/// "said council member Alicia Gomez", "said economist Jane Roe": a cue, then a few
/// lower-case words describing the speaker, then the name.
fn after_cue_phrase(text: &str, tokens: &[Token], start: usize, lexicon: &Lexicon) -> bool {
    let mut k = start;
    while k > 0 && start - k < 5 {
        let w = tokens[k - 1].span.slice(text);
        if lexicon.cue_word(w).is_some() {
            return k < start;
        }
        if tokens[k - 1].kind != TokenKind::Word || !w.chars().all(char::is_lowercase) {
            return false;
        }
        k -= 1;
    }
    false
}

fn same_line(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    a == b || !text.as_bytes()[tokens[a].span.start..tokens[b].span.start].contains(&b'\n')
}

fn title_before<'t>(
    text: &'t str,
    tokens: &[Token],
    i: usize,
    lexicon: &Lexicon,
    words: &mut Vec<&'t str>,
) -> bool {
    let max = lexicon.max_title_words().min(i);
    let is_period = |t: &Token| text.as_bytes()[t.span.range()] == *b".";
    // Whether token `m` is a period touching token `m - 1`, as "Sen." is written.
    let joins_period =
        |m: usize| is_period(&tokens[m]) && tokens[m].span.start == tokens[m - 1].span.end;
    // A title is made of title words, and most runs fail on their last word. That word is
    // nearly always the same for every length, so it is found without building the run's
    // words, and once it is settled that no longer run ends otherwise, no more are tried.
    let mut not_title: Option<&str> = None;
    for n in 1..=max + 1 {
        let from = i - n.min(i);
        if from < i {
            // The last word, as built below: the last token, with the periods that touch the
            // token before them joined to it, as far back as the run's first token.
            let mut m = i - 1;
            while m > from && joins_period(m) {
                m -= 1;
            }
            let last = &text[tokens[m].span.start..tokens[i - 1].span.end];
            if not_title == Some(last) || !lexicon.is_title_word(last) {
                // The walk back stopped short of the run's first token: a longer run stops
                // at the same token, ends in the same word, and is no title either. So it
                // does when the last token is no period joined to the one before it.
                if m > from || !(m > 0 && joins_period(m)) {
                    return false;
                }
                not_title = Some(last);
                continue;
            }
        }
        let toks = &tokens[from..i];
        // A longer run holds this one's tokens: once one of them is neither a word nor a
        // period, no longer run can be a title either.
        if !toks
            .iter()
            .all(|t| t.kind == TokenKind::Word || t.span.slice(text) == ".")
        {
            return false;
        }
        // "Sen." is written as one title word; the tokenizer splits off its period. The
        // period touches the word, so the title word is the text from one to the other.
        words.clear();
        let mut word_start = 0;
        let mut prev_end = usize::MAX;
        for t in toks {
            let w = t.span.slice(text);
            match words.last_mut() {
                Some(last) if w == "." && t.span.start == prev_end => {
                    *last = &text[word_start..t.span.end];
                }
                _ => {
                    word_start = t.span.start;
                    words.push(w);
                }
            }
            prev_end = t.span.end;
        }
        // The last word is a title word: the others must be too, before the joined string
        // is hashed.
        if words.iter().rev().all(|w| lexicon.is_title_word(w)) && lexicon.is_title(words) {
            return true;
        }
    }
    false
}

fn next_to_cue(text: &str, tokens: &[Token], start: usize, end: usize, lexicon: &Lexicon) -> bool {
    let w = |i: usize| tokens[i].span.slice(text);
    let is_cue = |i: usize| i < tokens.len() && lexicon.cue_word(w(i)).is_some();
    // "Holger Schmieding said", "said Holger Schmieding"
    if is_cue(end) || (start > 0 && is_cue(start - 1)) {
        return true;
    }
    // "Holger Schmieding, chief economist at Berenberg, said"
    if end < tokens.len() && w(end) == "," {
        let mut k = end + 1;
        while k < tokens.len() && k <= end + 10 {
            match w(k) {
                "." | "!" | "?" | ";" => return false,
                "," => return is_cue(k + 1),
                _ => k += 1,
            }
        }
    }
    false
}

/// How far back from a name a byline's "By" may stand, in tokens: "By Jane Roe, John Doe
/// and Mary Major" is ten. The bound keeps a line of a million capitalised words linear:
/// each candidate name would otherwise walk back to the start of the line.
const MAX_BYLINE_TOKENS: usize = 24;

fn after_byline(text: &str, tokens: &[Token], start: usize) -> bool {
    // "By Jane Roe" / "By , Jane Roe, and John Doe" at the start of a line.
    let mut k = start;
    while k > 0 && start - k < MAX_BYLINE_TOKENS {
        let w = tokens[k - 1].span.slice(text);
        if w == "," || w == "and" {
            k -= 1;
            continue;
        }
        if w == "By" {
            let line_start =
                k == 1 || text[tokens[k - 2].span.end..tokens[k - 1].span.start].contains('\n');
            return line_start;
        }
        if is_name_word(w) {
            k -= 1;
            continue;
        }
        return false;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The bucketed table holds just the words of the list.
        #[test]
        fn not_names_are_the_list(w in "[A-Za-z]{0,2}[a-z]{0,16}") {
            prop_assert_eq!(is_not_name(&w), NOT_NAMES.contains(&w.as_str()));
        }

        /// Keys at run time are the keys the table was built with.
        #[test]
        fn word_keys_agree(w in "[ -~]{0,16}") {
            prop_assert_eq!(word_key_fast(w.as_bytes()), word_key(w.as_bytes()));
        }

        /// The ASCII path of `is_name_word` judges as the char-by-char one.
        #[test]
        fn ascii_name_words_judged_as_by_chars(w in "[A-Za-z.'’-]{0,3}[a-zA-Z0-9 .'-]{0,8}") {
            prop_assert_eq!(is_name_word(&w), is_name_word_by_chars(&w));
        }
    }

    #[test]
    fn every_not_name_is_found() {
        for w in NOT_NAMES {
            assert!(is_not_name(w), "{w}");
        }
        assert!(!is_not_name(""));
        assert!(!is_not_name("Thee"));
        assert!(!is_not_name("Advertisements"));
        for w in [
            "Sunday",
            "Sundaz",
            "Tuesdax",
            "Wednesdays",
            "Thi",
            "Thes",
            "Thos",
        ] {
            assert_eq!(is_not_name(w), NOT_NAMES.contains(&w), "{w}");
        }
    }

    #[test]
    fn suffixes() {
        for w in SUFFIXES {
            assert!(is_suffix(w.as_bytes()), "{w}");
        }
        for w in ["", "J", "Jr.x", "jr", "Sr,", "IIII", "I"] {
            assert!(!is_suffix(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn particles() {
        for w in PARTICLES {
            assert!(is_particle(w.as_bytes()), "{w}");
        }
        assert!(!is_particle(b"Von"));
        assert!(!is_particle(b"v"));
    }

    proptest! {
        /// A capital and lower-case letters: judged on the word lists as in full.
        #[test]
        fn plain_name_words_judged_as_in_full(w in "[A-Za-z0-9][a-z]{0,16}") {
            prop_assert_eq!(is_name_word_of(&w, true), is_name_word(&w));
        }
    }

    #[test]
    fn name_words() {
        for (w, want) in [
            ("Putin", true),
            ("J.", true),
            ("O'Brien", true),
            ("Jong-un", true),
            ("NATO", false),
            ("putin", false),
            ("The", false),
            ("P", false),
            ("Érdo", true),
        ] {
            assert_eq!(is_name_word(w), want, "{w}");
        }
    }

    /// `title_before` as it was before it looked at the last word first.
    fn title_before_reference<'t>(
        text: &'t str,
        tokens: &[Token],
        i: usize,
        lexicon: &Lexicon,
        words: &mut Vec<&'t str>,
    ) -> bool {
        let max = lexicon.max_title_words().min(i);
        (1..=max + 1).any(|n| {
            let toks = &tokens[i - n.min(i)..i];
            if !toks
                .iter()
                .all(|t| t.kind == TokenKind::Word || t.span.slice(text) == ".")
            {
                return false;
            }
            words.clear();
            let mut word_start = 0;
            let mut prev_end = usize::MAX;
            for t in toks {
                let w = t.span.slice(text);
                match words.last_mut() {
                    Some(last) if w == "." && t.span.start == prev_end => {
                        *last = &text[word_start..t.span.end];
                    }
                    _ => {
                        word_start = t.span.start;
                        words.push(w);
                    }
                }
                prev_end = t.span.end;
            }
            words.iter().rev().all(|w| lexicon.is_title_word(w)) && lexicon.is_title(words)
        })
    }

    proptest! {
        /// Title words, periods touching or not, and other words: the same answer at every
        /// token as the plain search of every run.
        #[test]
        fn title_before_as_reference(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Sen", "Sen.", ".", " .", "Prime", "Minister", "Chief", "Executive", "Gen", "Dr",
            "Mr", "Mr.", "Special", "Presidential", "Envoy", "President", "Jane", ",", "said",
        ]), 0..12)) {
            let text = parts.join(" ").replace(" .", ".").replace("  ", " ");
            let mut tokens = Vec::new();
            crate::text::tokenize(&text, crate::text::Span::new(0, text.len()), &mut tokens);
            let lexicon = Lexicon::default_lexicon();
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for i in 0..=tokens.len() {
                prop_assert_eq!(
                    title_before(&text, &tokens, i, &lexicon, &mut a),
                    title_before_reference(&text, &tokens, i, &lexicon, &mut b),
                    "{:?} at {}", text, i
                );
            }
        }
    }

    #[test]
    fn titles_before_names() {
        let lexicon = Lexicon::default_lexicon();
        for (text, want) in [
            ("said Sen. Jane", true),
            ("said Prime Minister Jane", true),
            ("Sen. Jane", true),
            ("said. Jane", false),
            ("Jane", false),
        ] {
            let mut tokens = Vec::new();
            crate::text::tokenize(text, crate::text::Span::new(0, text.len()), &mut tokens);
            let i = tokens.len() - 1;
            assert_eq!(
                title_before(text, &tokens, i, &lexicon, &mut Vec::new()),
                want,
                "{text}"
            );
        }
    }
}
