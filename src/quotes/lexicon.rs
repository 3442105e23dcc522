//! The word lists behind the rules, read from the data files in `lexicon/` (embedded):
//! cue verbs and phrases, titles, role nouns and page debris.

use super::channel::CHANNEL_WORDS;
use super::speaker::{adverb_words, preposition_words};
use crate::gazetteer::Gender;
use crate::text::lower;
#[cfg(test)]
use crate::text::Span;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What a cue can do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CueInfo {
    /// Can introduce reported speech without quote marks.
    pub indirect: bool,
    /// The noun phrase after it is who was addressed ("told NBC News").
    pub addressee: bool,
    /// A verb media use for their own reports ("KCNA reported").
    pub report: bool,
    /// "according to": what follows is the source, not the verb's subject.
    pub according: bool,
}

/// A role noun ("president", "envoy") and the title words it stands for.
#[derive(Debug, Clone)]
pub(crate) struct RoleNoun {
    pub matches: Vec<String>,
    pub gender: Option<Gender>,
}

/// Cue, title, role-noun and debris lists.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Cue forms by their words, lower case ("said", "shot back", "according to").
    cues: HashMap<String, CueInfo>,
    /// Multi-word cues, grouped by their first word (whose [`WordEntry`] holds the range):
    /// the remaining words and the cue.
    cue_tails: Vec<(Vec<String>, CueInfo)>,
    /// Title words sequences by their words as written ("Sen.", "Prime Minister").
    titles: HashSet<String>,
    /// Every word of every title.
    title_words: HashSet<String>,
    max_title_words: usize,
    /// One-word titles written with a period ("Sen.", "Gen."), without it.
    title_abbreviations: HashSet<String>,
    /// The bytes they start with: most words before a full stop are lower case, and turned
    /// away on this without hashing.
    title_abbreviation_starts: [bool; 256],
    roles: HashMap<String, RoleNoun>,
    debris: HashSet<String>,
    /// The ASCII debris phrases, by length in bytes (`debris_by_length[n]` holds those of
    /// `n` bytes, for `n` below 64): an ASCII fragment is compared with the few of its
    /// length, in any case, rather than lower-cased into a copy and hashed.
    debris_by_length: Vec<Vec<String>>,
    /// Whether every debris phrase is ASCII and under 64 bytes, so in `debris_by_length`.
    debris_by_length_only: bool,
    /// Every lower-case ASCII word the per-token classes care about, packed into an
    /// integer ([`pack_word`]), with what it can be: one integer lookup per token instead
    /// of one string lookup per list.
    word_table: WordTable,
    /// The few such words that are not short ASCII ("communiqué"), by their text.
    other_words: HashMap<String, WordEntry>,
}

/// What the per-token classes need to know about one word: what it can be and, when a cue
/// starts with it, the cues it starts, so that matching a cue hashes no string.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordEntry {
    pub flags: WordFlags,
    /// The one-word cue this word is.
    cue: Option<CueInfo>,
    /// The range of `Lexicon::cue_tails` holding the longer cues that start with it.
    tails: (u32, u32),
    /// Bit `n` is set when a longer cue's second word has `n` bytes (bit 15: 15 or more):
    /// most words after one that starts a longer cue ("in", "was") start none, and their
    /// length alone tells.
    second_lengths: u16,
}

/// The bit of [`WordEntry::second_lengths`] for a word of `len` bytes.
fn length_bit(len: usize) -> u16 {
    1 << len.min(15)
}

/// The packed words of the lexicon and their entries: a hash table of its own rather than
/// a `HashMap`, because it is probed once per token of every document and a probe here is
/// one multiplication and a key comparison.
#[derive(Debug, Clone)]
struct WordTable {
    /// Open addressing with linear probing, at most a quarter full, so a miss nearly always
    /// stops at the first slot. `(0, 0)` marks an empty slot: no word packs to it. Of a
    /// fixed length, so that a probe's index needs no bounds check and its shift is a
    /// constant.
    slots: Box<[((u64, u64), WordEntry); WORD_SLOTS]>,
    /// Bit `n` of `lengths[a][z & 31]` is set when some word of `n` letters starts with
    /// the letter whose byte is `a` (either case) and ends with `z` (a letter's low five
    /// bits tell it apart from the other letters in either case). A token whose first byte
    /// is no letter finds a row of zeros: most tokens are turned away on this one load,
    /// before any packing or hashing.
    lengths: Box<[[u32; 32]; 256]>,
}

/// The length of the word table: a power of two, at least four times the lexicon's packed
/// words (368 of them today).
const WORD_SLOTS: usize = 2048;

impl WordTable {
    fn new(words: &HashMap<(u64, u64), WordEntry>) -> WordTable {
        assert!(
            words.len() <= WORD_SLOTS / 4,
            "{} packed words: WORD_SLOTS must grow",
            words.len()
        );
        // Built on the heap: the array is too large for a temporary on the stack.
        let slots = vec![((0, 0), WordEntry::default()); WORD_SLOTS].into_boxed_slice();
        let mut table = WordTable {
            slots: slots
                .try_into()
                .unwrap_or_else(|_| unreachable!("WORD_SLOTS slots")),
            lengths: Box::new([[0; 32]; 256]),
        };
        for (&key, &entry) in words {
            let mut i = WordTable::slot(key);
            while table.slots[i].0 != (0, 0) {
                i = (i + 1) % WORD_SLOTS;
            }
            table.slots[i] = (key, entry);
            // Letters are non-zero bytes and the padding after them is zero.
            let letters = if key.1 == 0 {
                8 - key.0.leading_zeros() / 8
            } else {
                16 - key.1.leading_zeros() / 8
            };
            let last = if key.1 == 0 { key.0 } else { key.1 } >> (8 * ((letters - 1) % 8));
            let first = key.0 as u8;
            for a in [first, first.to_ascii_uppercase()] {
                table.lengths[usize::from(a)][usize::from(last as u8 & 31)] |= 1 << letters;
            }
        }
        table
    }

    fn slot(key: (u64, u64)) -> usize {
        // Multiplying by an odd constant mixes every letter into the top bits, which pick
        // the slot.
        let h = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - WORD_SLOTS.trailing_zeros())) as usize
    }

    /// Whether some word has `len` (at most 16) letters, starts with the byte `first` and
    /// ends with `last` (any case); `true` may be wrong, `false` never is.
    fn may_hold(&self, first: u8, last: u8, len: usize) -> bool {
        self.lengths[usize::from(first)][usize::from(last & 31)] & (1 << len) != 0
    }

    #[inline]
    fn get(&self, key: (u64, u64)) -> Option<&WordEntry> {
        let mut i = WordTable::slot(key);
        // Ends: the table is never full.
        loop {
            let (k, entry) = &self.slots[i % WORD_SLOTS];
            if *k == key {
                return Some(entry);
            }
            if *k == (0, 0) {
                return None;
            }
            i += 1;
        }
    }
}

/// A word of 1 to 16 ASCII letters, lower-cased and packed into two integers (one byte
/// per letter, so words of different lengths never collide); `None` for anything else.
fn pack_word(word: &str) -> Option<(u64, u64)> {
    let bytes = word.as_bytes();
    match bytes.len() {
        0 => None,
        n @ 1..=8 => Some((lower_letters(load_le(bytes), n)?, 0)),
        n @ 9..=16 => {
            let (lo, hi) = bytes.split_at(8);
            Some((
                lower_letters(load_le(lo), 8)?,
                lower_letters(load_le(hi), n - 8)?,
            ))
        }
        _ => None,
    }
}

/// The key `bytes` (1 to 16 of them) would pack to if they were letters, without checking
/// that they are: `| 0x20` turns no other byte into a letter, so only letters can give the
/// key of a word, and the per-token lookup skips [`pack_word`]'s check.
#[inline]
fn lowered_key(bytes: &[u8]) -> (u64, u64) {
    const CASE: u64 = 0x2020_2020_2020_2020;
    let (lo, hi) = bytes.split_at(bytes.len().min(8));
    let mask = |n: usize| u64::MAX.checked_shr(8 * (8 - n.min(8)) as u32).unwrap_or(0);
    (
        (load_le(lo) | CASE) & mask(lo.len()),
        (load_le(hi) | CASE) & mask(hi.len()),
    )
}

/// [`lowered_key`] of the first `len` (at most 16) of `chunk`.
#[inline]
fn lowered_key16(chunk: &[u8; 16], len: usize) -> (u64, u64) {
    const CASE: u64 = 0x2020_2020_2020_2020;
    let bytes = u128::from_le_bytes(*chunk);
    let (lo, hi) = (bytes as u64, (bytes >> 64) as u64);
    let [lo_mask, hi_mask] = KEY_MASKS[len.min(16)];
    ((lo | CASE) & lo_mask, (hi | CASE) & hi_mask)
}

/// The masks keeping the first `n` bytes of a 16-byte key, for each `n` up to 16.
const KEY_MASKS: [[u64; 2]; 17] = {
    let mut masks = [[0; 2]; 17];
    let mut n = 1;
    while n <= 16 {
        let bytes = if n < 8 { n } else { 8 };
        masks[n][0] = u64::MAX >> (8 * (8 - bytes));
        if n > 8 {
            masks[n][1] = u64::MAX >> (8 * (16 - n));
        }
        n += 1;
    }
    masks
};

/// `bytes` (at most 8) as a little-endian integer, read as two overlapping loads rather
/// than byte by byte (the bytes both loads read are the same, so or-ing them is exact).
/// Shared with the rules' word keys (attribution.rs).
#[inline]
pub(super) fn load_le(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if let (Some(a), Some(b)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*a)) | u64::from(u32::from_le_bytes(*b)) << (8 * (n - 4))
    } else if let (Some(a), Some(b)) = (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
        u64::from(u16::from_le_bytes(*a)) | u64::from(u16::from_le_bytes(*b)) << (8 * (n - 2))
    } else {
        bytes.first().map_or(0, |&b| u64::from(b))
    }
}

/// The `n` (at most 8) bytes packed in `w`, lower-cased, if all are ASCII letters: eight
/// bytes tested at once instead of one at a time.
fn lower_letters(w: u64, n: usize) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    const CASE: u64 = ONES * 0x20;
    const PAD: u64 = ONES * b'a' as u64;
    // The low `n` bytes (none when `n` is 0).
    let mask = u64::MAX.checked_shr(8 * (8 - n.min(8)) as u32).unwrap_or(0);
    // `| 0x20` lower-cases an ASCII letter, and turns nothing else into one.
    let lw = (w | CASE) & mask;
    // The padding past the word reads as 'a', so only the word's own bytes can fail.
    let x = lw | (PAD & !mask);
    // With every top bit clear, adding 0x80 - c to a byte sets its top bit exactly when
    // the byte is at least c, and no byte carries into the next.
    let letters = x & HIGH == 0
        && x.wrapping_add(ONES * (0x80 - u64::from(b'a'))) & HIGH == HIGH
        && x.wrapping_add(ONES * (0x80 - u64::from(b'z') - 1)) & HIGH == 0;
    letters.then_some(lw)
}

/// What one lower-case word can be, as a set of bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WordFlags(u8);

impl WordFlags {
    /// A cue, or the first word of a multi-word cue, starts with this word.
    pub const CUE_START: WordFlags = WordFlags(1);
    /// May stand between a speaker and the cue ("also", "Sunday").
    pub const ADVERB: WordFlags = WordFlags(2);
    /// A preposition.
    pub const PREPOSITION: WordFlags = WordFlags(4);
    /// Page debris on its own ("advertisement").
    pub const DEBRIS: WordFlags = WordFlags(8);
    /// Opens a channel phrase ("via", "according to", "carried by").
    pub const CHANNEL: WordFlags = WordFlags(16);
    /// The last word of a role noun ("minister" of "foreign minister").
    pub const ROLE_END: WordFlags = WordFlags(32);

    /// How many sets of flags there are.
    pub const SETS: usize = 64;

    pub const fn has(self, f: WordFlags) -> bool {
        self.0 & f.0 != 0
    }

    /// The set's index, below [`WordFlags::SETS`].
    pub const fn index(self) -> usize {
        (self.0 as usize) % WordFlags::SETS
    }

    /// The set whose index is `i`.
    pub const fn from_index(i: usize) -> WordFlags {
        WordFlags((i % WordFlags::SETS) as u8)
    }
}

const CUES: &str = include_str!("../../lexicon/cues.txt");
const TITLES: &str = include_str!("../../lexicon/titles.txt");
const ROLES: &str = include_str!("../../lexicon/roles.txt");
const DEBRIS: &str = include_str!("../../lexicon/debris.txt");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    pub(crate) fn default_lexicon() -> Lexicon {
        let mut cues = HashMap::default();
        for line in data_lines(CUES) {
            let (forms, tags) = line.split_once('|').unwrap_or((line, ""));
            let mut info = CueInfo::default();
            for tag in tags.split_whitespace() {
                match tag {
                    "indirect" => info.indirect = true,
                    "addressee" => info.addressee = true,
                    "report" => info.report = true,
                    _ => {}
                }
            }
            for form in forms.split(',') {
                let words: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
                if words.is_empty() {
                    continue;
                }
                let mut info = info;
                info.according = words == ["according", "to"];
                cues.insert(words.join(" "), info);
            }
        }
        let mut tails_by_first: HashMap<String, Vec<(Vec<String>, CueInfo)>> = HashMap::default();
        for (k, info) in &cues {
            let mut words = k.split(' ').map(str::to_string);
            if let Some(first) = words.next() {
                let rest: Vec<String> = words.collect();
                // A tail word with a character other than a letter could only match a
                // token with the same character, which `match_cue` does not take for a word:
                // dropped here, so that `match_cue` need not check tokens for letters.
                let letters = rest.iter().all(|w| w.chars().all(char::is_alphabetic));
                if !rest.is_empty() && letters {
                    tails_by_first.entry(first).or_default().push((rest, *info));
                }
            }
        }
        let titles: HashSet<String> = data_lines(TITLES).map(str::to_string).collect();
        let max_title_words = titles
            .iter()
            .map(|t| t.split_whitespace().count())
            .max()
            .unwrap_or(1);
        let mut roles = HashMap::default();
        for line in data_lines(ROLES) {
            let Some((head, rest)) = line.split_once(':') else {
                continue;
            };
            let gender = if rest.contains("[f]") {
                Some(Gender::Female)
            } else if rest.contains("[m]") {
                Some(Gender::Male)
            } else {
                None
            };
            let rest = rest.replace("[f]", "").replace("[m]", "");
            let mut matches: Vec<String> = rest
                .split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect();
            let head = head.trim().to_lowercase();
            if !matches.contains(&head) {
                matches.push(head.clone());
            }
            roles.insert(head, RoleNoun { matches, gender });
        }
        let debris: HashSet<String> = data_lines(DEBRIS).map(str::to_lowercase).collect();
        let title_words = titles
            .iter()
            .flat_map(|t| t.split_whitespace().map(str::to_string))
            .collect();
        let mut packed_words: HashMap<(u64, u64), WordEntry> = HashMap::default();
        let mut other_words: HashMap<String, WordEntry> = HashMap::default();
        fn entry<'a>(
            packed: &'a mut HashMap<(u64, u64), WordEntry>,
            other: &'a mut HashMap<String, WordEntry>,
            w: &str,
        ) -> &'a mut WordEntry {
            match pack_word(w) {
                Some(key) => packed.entry(key).or_default(),
                None => other.entry(w.to_string()).or_default(),
            }
        }
        let mut cue_tails = Vec::new();
        for k in cues.keys() {
            let first = k.split(' ').next().unwrap_or(k);
            let e = entry(&mut packed_words, &mut other_words, first);
            if e.flags.has(WordFlags::CUE_START) {
                continue;
            }
            e.flags.0 |= WordFlags::CUE_START.0;
            e.cue = cues.get(first).copied();
            if let Some(tails) = tails_by_first.get(first) {
                let at = cue_tails.len() as u32;
                cue_tails.extend(tails.iter().cloned());
                e.tails = (at, cue_tails.len() as u32);
                for (rest, _) in tails {
                    e.second_lengths |= rest.first().map_or(0, |w| length_bit(w.len()));
                }
            }
        }
        let mut flag =
            |w: &str, f: WordFlags| entry(&mut packed_words, &mut other_words, w).flags.0 |= f.0;
        for w in adverb_words() {
            flag(&w, WordFlags::ADVERB);
        }
        for w in preposition_words() {
            flag(w, WordFlags::PREPOSITION);
        }
        for k in roles.keys() {
            flag(k.rsplit(' ').next().unwrap_or(k), WordFlags::ROLE_END);
        }
        for w in CHANNEL_WORDS {
            flag(w, WordFlags::CHANNEL);
        }
        // Debris phrases of several words are matched as sentences, not per token.
        for w in debris.iter().filter(|w| !w.contains(' ')) {
            flag(w, WordFlags::DEBRIS);
        }
        let title_abbreviations: HashSet<String> = titles
            .iter()
            .filter(|t| !t.contains(' '))
            .filter_map(|t| t.strip_suffix('.'))
            .map(str::to_string)
            .collect();
        let mut title_abbreviation_starts = [false; 256];
        for t in &title_abbreviations {
            if let Some(&b) = t.as_bytes().first() {
                title_abbreviation_starts[usize::from(b)] = true;
            }
        }
        let mut debris_by_length = vec![Vec::new(); 64];
        for p in debris.iter().filter(|p| p.is_ascii()) {
            if let Some(list) = debris_by_length.get_mut(p.len()) {
                list.push(p.clone());
            }
        }
        Lexicon {
            debris_by_length_only: debris.iter().all(|p| p.is_ascii() && p.len() < 64),
            debris_by_length,
            title_abbreviations,
            title_abbreviation_starts,
            word_table: WordTable::new(&packed_words),
            other_words,
            title_words,
            cues,
            cue_tails,
            titles,
            max_title_words,
            roles,
            debris,
        }
    }

    /// The one-word cue `word` (any case), if it is one. Allocates only for words with
    /// capitals, which are rare among cues.
    pub(crate) fn cue_word(&self, word: &str) -> Option<CueInfo> {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.cues.get(&word.to_lowercase()).copied()
        } else {
            self.cues.get(word).copied()
        }
    }

    /// The longest cue starting with the word whose entry is `entry`, whose following words
    /// `next(k)` gives (for k = 1, 2, …; any case, any characters): its info and its length
    /// in words. A word that is not made of letters matches none of the cue's.
    // Inlined for the common case, a cue word that starts no longer cue ("said").
    #[inline]
    pub(crate) fn match_cue<'w>(
        &self,
        entry: &WordEntry,
        next: impl Fn(usize) -> Option<&'w [u8]>,
    ) -> Option<(CueInfo, usize)> {
        let one = entry.cue.map(|c| (c, 1));
        let (from, to) = entry.tails;
        // No longer cue, or none whose second word has the next word's length.
        if from == to || next(1).is_none_or(|w| entry.second_lengths & length_bit(w.len()) == 0) {
            return one;
        }
        self.match_tails(self.cue_tails.get(from as usize..to as usize)?, one, next)
    }

    /// [`Lexicon::match_cue`] of a word starting the cues `tails` (and `one`, if a cue by
    /// itself).
    #[inline(never)]
    fn match_tails<'w>(
        &self,
        tails: &[(Vec<String>, CueInfo)],
        one: Option<(CueInfo, usize)>,
        next: impl Fn(usize) -> Option<&'w [u8]>,
    ) -> Option<(CueInfo, usize)> {
        let mut best = one;
        for (rest, info) in tails {
            // `x` is one of the tail's words if it equals it in any case and is made of
            // letters; the tail's words being made of letters (see `default_lexicon`), the
            // first implies the second.
            let fits = rest
                .iter()
                .enumerate()
                .all(|(k, w)| next(k + 1).is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes())));
            if fits && best.is_none_or(|(_, n)| rest.len() + 1 > n) {
                best = Some((*info, rest.len() + 1));
            }
        }
        best
    }

    /// Whether `word` is one of the words titles are made of ("Executive" in "Chief
    /// Executive", "Minister").
    pub(crate) fn is_title_word(&self, word: &str) -> bool {
        self.title_words.contains(word)
    }

    /// Whether `words` (as written) form a title.
    pub(crate) fn is_title(&self, words: &[&str]) -> bool {
        words.len() <= self.max_title_words && self.titles.contains(&words.join(" "))
    }

    /// Whether `word` followed by a period is a one-word title ("Sen" of "Sen.").
    pub(crate) fn is_title_abbreviation(&self, word: &str) -> bool {
        let start = word.as_bytes().first().map_or(0, |&b| usize::from(b));
        (word.is_empty() || self.title_abbreviation_starts[start])
            && self.title_abbreviations.contains(word)
    }

    /// Whether some one-word title starts with the byte `b`: `false` turns away a word
    /// [`Lexicon::is_title_abbreviation`] would, before it is sliced as text.
    pub(crate) fn may_start_title_abbreviation(&self, b: u8) -> bool {
        self.title_abbreviation_starts[usize::from(b)]
    }

    pub(crate) fn max_title_words(&self) -> usize {
        self.max_title_words
    }

    /// Whether `word` (any case) may be the last word of a role noun; `false` only when
    /// it certainly is not, so that most words skip building the role keys.
    pub(crate) fn may_end_role(&self, word: &str) -> bool {
        match pack_word(word) {
            Some(key) => self
                .word_table
                .get(key)
                .is_some_and(|e| e.flags.has(WordFlags::ROLE_END)),
            None => true,
        }
    }

    /// The role noun `word` (lower case), if it is one.
    pub(crate) fn role(&self, word: &str) -> Option<&RoleNoun> {
        self.roles.get(word)
    }

    /// What the word at `span` of `text` (as written, any case) can be, for the per-token
    /// classes; `None` when it is none of the listed words.
    #[cfg(test)]
    pub(crate) fn word_entry(&self, text: &str, span: Span) -> Option<&WordEntry> {
        let word = text.as_bytes().get(span.range())?;
        self.packed_entry(text, span.start, word).or_else(|| {
            self.has_other_words()
                .then(|| self.other_entry(text.get(span.range())?))
                .flatten()
        })
    }

    /// [`Lexicon::word_entry`] of the token `word`, the bytes of `text` from `start` on,
    /// among the short ASCII words, which nearly every word is: looked up as one integer.
    /// When `None`, and [`Lexicon::has_other_words`], the token may still be one of the
    /// other words ([`Lexicon::other_entry`]).
    // Inlined into the per-token loop so that the common case, a token turned away on its
    // first and last bytes and length, costs a few instructions, no call and no slicing
    // of the text: the caller has the token's bytes, already checked against the text.
    #[inline(always)]
    pub(crate) fn packed_entry(&self, text: &str, start: usize, word: &[u8]) -> Option<&WordEntry> {
        let n = word.len();
        // One comparison for both bounds; with `n` at least 1 the two reads need no check.
        if n.wrapping_sub(1) >= 16 || !self.word_table.may_hold(word[0], word[n - 1], n) {
            return None;
        }
        // The sixteen bytes from the word's start, when the text has them, are one load;
        // the bytes past the word are masked off.
        let key = text
            .as_bytes()
            .get(start..)
            .and_then(<[u8]>::first_chunk::<16>)
            .map_or_else(|| lowered_key(word), |c| lowered_key16(c, n));
        self.word_table.get(key)
    }

    /// Whether any word does not pack (longer than 16 bytes, or not ASCII): only then need
    /// a token [`Lexicon::packed_entry`] turns away be looked up by text.
    pub(crate) fn has_other_words(&self) -> bool {
        !self.other_words.is_empty()
    }

    /// `token`'s entry among the words that do not pack ("Communiqué", very long words),
    /// which only tokens made of letters can be: lower-cased and looked up by text.
    #[inline(never)]
    pub(crate) fn other_entry(&self, token: &str) -> Option<&WordEntry> {
        if self.other_words.is_empty() || !token.chars().all(char::is_alphabetic) {
            return None;
        }
        self.other_words.get(lower(token).as_ref())
    }

    /// Whether a fragment of text is page debris.
    /// Most sentences are not debris: an ASCII fragment keeps its length when lower-cased,
    /// so unless some phrase has that length it is turned away before lower-casing and
    /// hashing it.
    pub(crate) fn is_debris(&self, fragment: &str) -> bool {
        if !fragment.is_ascii() {
            return self.is_debris_unicode(fragment);
        }
        self.is_ascii_debris(trim_fragment(fragment.as_bytes()))
    }

    /// Whether `f`, trimmed and ASCII, is a debris phrase: the lower-case ASCII phrase
    /// equal to its lower-case copy is the one equal to it in any case, and a phrase that
    /// is not ASCII equals no ASCII fragment.
    fn is_ascii_debris(&self, f: &[u8]) -> bool {
        self.debris_by_length
            .get(f.len())
            .is_some_and(|phrases| phrases.iter().any(|p| p.as_bytes().eq_ignore_ascii_case(f)))
    }

    /// [`Lexicon::is_debris`] of a fragment that is not ASCII (its trimmed text may be).
    #[inline(never)]
    fn is_debris_unicode(&self, fragment: &str) -> bool {
        let f = fragment.trim().trim_end_matches(['.', ':']).trim();
        if f.is_ascii() {
            return self.is_ascii_debris(f.as_bytes());
        }
        // A character whose lower case is not ASCII leaves the fragment's lower-case copy
        // not ASCII, so no phrase when all are (a few, as the Kelvin sign, lower-case to
        // ASCII).
        let lowers_to_ascii = |c: char| c.is_ascii() || c.to_lowercase().all(|l| l.is_ascii());
        if self.debris_by_length_only && !f.chars().all(lowers_to_ascii) {
            return false;
        }
        self.debris.contains(&*lower(f))
    }

    /// What [`Lexicon::is_debris`] was: the fragment trimmed, lower-cased and looked up.
    #[cfg(test)]
    fn is_debris_text(&self, fragment: &str) -> bool {
        let f = fragment.trim().trim_end_matches(['.', ':']).trim();
        let lengths = self.debris.iter().map(String::len).fold(0u64, |mask, n| {
            mask | 1u64.checked_shl(n as u32).unwrap_or(0)
        });
        if f.is_ascii() && (f.len() >= 64 || lengths & (1u64 << f.len()) == 0) {
            return false;
        }
        self.debris.contains(&*lower(f))
    }
}

/// `fragment.trim().trim_end_matches(['.', ':']).trim()` of an ASCII fragment, on bytes.
fn trim_fragment(fragment: &[u8]) -> &[u8] {
    // The ASCII characters `char::is_whitespace` takes (which `u8::is_ascii_whitespace`
    // does not all take: it leaves out the vertical tab).
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let is_stop = |b: &u8| matches!(b, b'.' | b':');
    let start = fragment
        .iter()
        .position(|b| !space(b))
        .unwrap_or(fragment.len());
    let f = &fragment[start..];
    // From the end: spaces, then periods and colons, then spaces again.
    let end = f.iter().rposition(|b| !space(b)).map_or(0, |i| i + 1);
    let end = f[..end]
        .iter()
        .rposition(|b| !is_stop(b))
        .map_or(0, |i| i + 1);
    let end = f[..end]
        .iter()
        .rposition(|b| !space(b))
        .map_or(0, |i| i + 1);
    &f[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length check in `is_debris` only turns away fragments the lookup would not
    /// find: every debris phrase, in any case and with the padding it trims, is found.
    #[test]
    fn debris_length_check_keeps_every_phrase() {
        let lexicon = Lexicon::default_lexicon();
        let mut checked = 0;
        for p in data_lines(DEBRIS) {
            for text in [
                p.to_string(),
                p.to_uppercase(),
                format!(" {p}. "),
                format!("{p}:"),
            ] {
                let f = text.trim().trim_end_matches(['.', ':']).trim();
                let unfiltered = lexicon.debris.contains(&f.to_lowercase());
                assert_eq!(lexicon.is_debris(&text), unfiltered, "{text}");
                checked += usize::from(unfiltered);
            }
        }
        assert!(checked > 100, "{checked}");
    }

    /// The byte trim is the `str` one, for every ASCII string of up to two characters
    /// with spaces around, and the ASCII path answers as the lower-casing one for any
    /// fragment made of debris phrases, spaces of every kind, stops and other letters.
    #[test]
    fn ascii_debris_answers_as_lowered_text() {
        use proptest::prelude::*;
        let old_trim = |f: &str| f.trim().trim_end_matches(['.', ':']).trim().to_string();
        for a in 0..128u8 {
            for b in 0..128u8 {
                for f in [
                    String::from_utf8(vec![a, b]).unwrap(),
                    String::from_utf8(vec![b' ', a, b'.', b, b'\x0B']).unwrap(),
                ] {
                    assert_eq!(
                        trim_fragment(f.as_bytes()),
                        old_trim(&f).as_bytes(),
                        "{f:?}"
                    );
                }
            }
        }
        // One phrase more, with a "k": the Kelvin sign lower-cases to it.
        let mut lexicon = Lexicon::default_lexicon();
        lexicon.debris.insert("look".to_string());
        lexicon.debris_by_length[4].push("look".to_string());
        let mut pieces: Vec<String> = data_lines(DEBRIS)
            .chain(["look", "Loo\u{212A}", "LOO\u{212A}", "Lo\u{212A}\u{212A}"])
            .flat_map(|p| [p.to_string(), p.to_uppercase(), p.to_lowercase()])
            .collect();
        pieces.extend(
            [
                " ", "\t", "\n", "\r", "\x0B", "\x0C", "\x1C", "\u{a0}", "\u{2003}", ".", ":",
                "..", "x", "é", "É", "\u{212A}", "K", "\u{130}", "Σ",
            ]
            .map(String::from),
        );
        let fragments = proptest::collection::vec(proptest::sample::select(pieces), 0..6)
            .prop_map(|v| v.concat());
        let found = std::cell::Cell::new(0);
        proptest!(ProptestConfig::with_cases(6000), |(f in fragments)| {
            let want = lexicon.is_debris_text(&f);
            found.set(found.get() + usize::from(want));
            prop_assert_eq!(lexicon.is_debris(&f), want, "{:?}", f);
        });
        assert!(found.get() > 100, "{}", found.get());
    }

    /// The first-byte test in `is_title_abbreviation` only turns away words the set would
    /// not hold.
    #[test]
    fn title_abbreviation_filter_keeps_every_abbreviation() {
        let lexicon = Lexicon::default_lexicon();
        assert!(lexicon.title_abbreviations.len() > 10);
        for t in &lexicon.title_abbreviations {
            for word in [
                t.clone(),
                t.to_lowercase(),
                t.to_uppercase(),
                format!("{t}x"),
            ] {
                let want = lexicon.title_abbreviations.contains(&word);
                assert_eq!(lexicon.is_title_abbreviation(&word), want, "{word}");
            }
        }
        assert!(lexicon.is_title_abbreviation("Sen"));
        assert!(!lexicon.is_title_abbreviation("said"));
        assert!(!lexicon.is_title_abbreviation(""));
    }

    /// The byte-at-a-time packing the word-at-a-time one replaced.
    fn pack_word_bytewise(word: &str) -> Option<(u64, u64)> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > 16 {
            return None;
        }
        let mut key = [0u64; 2];
        for (i, &b) in bytes.iter().enumerate() {
            if !b.is_ascii_alphabetic() {
                return None;
            }
            key[i / 8] |= u64::from(b | 0x20) << (8 * (i % 8));
        }
        Some((key[0], key[1]))
    }

    #[test]
    fn pack_word_agrees_with_bytewise_packing() {
        let alphabet = ["a", "Z", "m", "@", "[", "`", "{", "1", " ", "é", "\u{7f}"];
        let mut words = vec![String::new()];
        for len in 1..=18 {
            for (k, c) in alphabet.iter().enumerate() {
                // Letters everywhere but one odd character at each position in turn.
                for at in 0..len {
                    let w: String = (0..len)
                        .map(|i| if i == at { *c } else { ["s", "A"][i % 2] })
                        .collect();
                    words.push(w);
                }
                words.push(alphabet[k].repeat(len));
            }
        }
        for w in &words {
            assert_eq!(pack_word(w), pack_word_bytewise(w), "{w:?}");
            if (1..=16).contains(&w.len()) {
                // The key from sixteen bytes is the same whatever follows the word.
                for tail in ["", "x", "Zé!", "                "] {
                    let mut chunk = [b'q'; 16];
                    let bytes = [w.as_bytes(), tail.as_bytes()].concat();
                    let n = bytes.len().min(16);
                    chunk[..n].copy_from_slice(&bytes[..n]);
                    let key16 = lowered_key16(&chunk, w.len());
                    assert_eq!(key16, lowered_key(w.as_bytes()), "{w:?} {tail:?}");
                }
                // The unchecked key is the packed word's, or no word of letters has it.
                let key = lowered_key(w.as_bytes());
                match pack_word(w) {
                    Some(packed) => assert_eq!(key, packed, "{w:?}"),
                    None => {
                        let bytes: Vec<u8> = [key.0.to_le_bytes(), key.1.to_le_bytes()]
                            .concat()
                            .into_iter()
                            .take(w.len())
                            .collect();
                        assert!(!bytes.iter().all(u8::is_ascii_lowercase), "{w:?}");
                    }
                }
            }
        }
    }

    /// The length filter turns away no word of the table, in any case, whatever follows it
    /// in the text.
    #[test]
    fn every_word_of_the_table_is_found() {
        let lexicon = Lexicon::default_lexicon();
        let mut found = 0;
        for &((lo, hi), entry) in lexicon.word_table.slots.iter() {
            if (lo, hi) == (0, 0) {
                continue;
            }
            let bytes = [lo.to_le_bytes(), hi.to_le_bytes()].concat();
            let word: String = bytes
                .iter()
                .take_while(|&&b| b != 0)
                .map(|&b| b as char)
                .collect();
            let capital = word[..1].to_uppercase() + &word[1..];
            for w in [word.clone(), word.to_uppercase(), capital] {
                for text in [w.clone(), format!("{w} and more text after it")] {
                    let got = lexicon.word_entry(&text, Span::new(0, w.len()));
                    assert_eq!(got.map(|e| e.flags), Some(entry.flags), "{text:?}");
                }
            }
            found += 1;
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn word_entries() {
        let lexicon = Lexicon::default_lexicon();
        let flags = |w: &str| {
            lexicon
                .word_entry(w, Span::new(0, w.len()))
                .map_or(WordFlags::default(), |e| e.flags)
        };
        assert!(flags("said").has(WordFlags::CUE_START));
        assert!(flags("SAID").has(WordFlags::CUE_START));
        assert!(flags("According").has(WordFlags::CHANNEL));
        assert!(flags("Sunday").has(WordFlags::ADVERB));
        assert!(flags("with").has(WordFlags::PREPOSITION));
        assert!(flags("Advertisement").has(WordFlags::DEBRIS));
        for w in [
            "", "saidx", "sai", "s@id", "said.", "Saïd", "2024", "—", "x",
        ] {
            assert_eq!(flags(w), WordFlags::default(), "{w:?}");
        }
        let cue = |words: &[&str]| {
            let entry = lexicon.word_entry(words[0], Span::new(0, words[0].len()))?;
            lexicon.match_cue(entry, |k| words.get(k).map(|w| w.as_bytes()))
        };
        assert_eq!(cue(&["said"]).map(|c| c.1), Some(1));
        assert_eq!(cue(&["Shot", "BACK"]).map(|c| c.1), Some(2));
        assert_eq!(cue(&["shot", "back."]), None);
        assert_eq!(cue(&["in", "a", "statement"]).map(|c| c.1), Some(3));
        assert_eq!(cue(&["according", "to"]).map(|c| c.0.according), Some(true));
    }

    /// Every cue is matched after its first word, whatever follows it, as the longest cue
    /// of the list whose words the next ones are (in any case): the test of the second
    /// word's length turns away no cue it should find.
    #[test]
    fn every_cue_is_matched_as_the_longest_listed() {
        let lexicon = Lexicon::default_lexicon();
        let longest = |words: &[&str]| {
            (1..=words.len()).rev().find_map(|n| {
                let key = words[..n].join(" ").to_lowercase();
                lexicon.cues.get(&key).map(|&info| (info, n))
            })
        };
        let mut multi = 0;
        for form in lexicon.cues.keys() {
            let words: Vec<&str> = form.split(' ').collect();
            multi += usize::from(words.len() > 1);
            let Some(entry) = lexicon.word_entry(words[0], Span::new(0, words[0].len())) else {
                continue;
            };
            // The cue itself, cut short, run on, and with its second word changed.
            let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
            let mut variants: Vec<Vec<&str>> = vec![
                words.clone(),
                words[..1].to_vec(),
                words[..words.len() - 1].to_vec(),
                upper.iter().map(String::as_str).collect(),
                [&words[..], &["statement", "post", "to"]].concat(),
            ];
            for other in ["a", "to", "as", "the", "quoted", "statementx", "s"] {
                let mut v = words.clone();
                if v.len() > 1 {
                    v[1] = other;
                    variants.push(v);
                }
            }
            for v in variants.into_iter().filter(|v| !v.is_empty()) {
                let got = lexicon.match_cue(entry, |k| v.get(k).map(|w| w.as_bytes()));
                let want = longest(&v).filter(|_| v[0].eq_ignore_ascii_case(words[0]));
                assert_eq!(got, want, "{v:?}");
            }
        }
        assert!(multi > 3, "{multi}");
    }
}
