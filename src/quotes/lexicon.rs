//! The word lists behind the rules, read from the data files in `lexicon/` (embedded):
//! cue verbs and phrases, titles, role nouns and page debris.

use super::channel::CHANNEL_WORDS;
use super::speaker::{adverb_words, preposition_words};
use crate::gazetteer::Gender;
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
    /// Multi-word cues by their first word: the remaining words and the cue.
    cue_tails: HashMap<String, Vec<(Vec<String>, CueInfo)>>,
    /// Title words sequences by their words as written ("Sen.", "Prime Minister").
    titles: HashSet<String>,
    /// Every word of every title.
    title_words: HashSet<String>,
    max_title_words: usize,
    /// One-word titles written with a period ("Sen.", "Gen."), without it.
    title_abbreviations: HashSet<String>,
    roles: HashMap<String, RoleNoun>,
    debris: HashSet<String>,
    /// Every lower-case ASCII word the per-token classes care about, packed into an
    /// integer ([`pack_word`]), with what it can be: one integer lookup per token instead
    /// of one string lookup per list.
    word_flags: HashMap<(u64, u64), WordFlags>,
    /// The few such words that are not short ASCII ("communiqué"), by their text.
    other_word_flags: HashMap<String, WordFlags>,
}

/// A word of 1 to 16 ASCII letters, lower-cased and packed into two integers (one byte
/// per letter, so words of different lengths never collide); `None` for anything else.
fn pack_word(word: &str) -> Option<(u64, u64)> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 16 {
        return None;
    }
    let mut key = [0u64; 2];
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        // `| 0x20` lower-cases an ASCII letter.
        key[i / 8] |= u64::from(b | 0x20) << (8 * (i % 8));
    }
    Some((key[0], key[1]))
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

    pub fn has(self, f: WordFlags) -> bool {
        self.0 & f.0 != 0
    }
}

const CUES: &str = include_str!("../../lexicon/cues.txt");
const TITLES: &str = include_str!("../../lexicon/titles.txt");
const ROLES: &str = include_str!("../../lexicon/roles.txt");
const DEBRIS: &str = include_str!("../../lexicon/debris.txt");

/// `word` in lower case, allocating only when it has capitals.
pub(crate) fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase())
        || (!word.is_ascii() && word.chars().any(char::is_uppercase))
    {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Calls `f` with `word` in lower case, on the stack for short ASCII words (nearly every
/// word a rule looks up), so that per-token lookups allocate nothing.
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if bytes.len() <= 64 && word.is_ascii() {
        let mut buf = [0u8; 64];
        let out = &mut buf[..bytes.len()];
        out.copy_from_slice(bytes);
        out.make_ascii_lowercase();
        match std::str::from_utf8(out) {
            Ok(lw) => f(lw),
            Err(_) => f(&word.to_lowercase()),
        }
    } else {
        f(&lower(word))
    }
}

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
        let mut cue_tails: HashMap<String, Vec<(Vec<String>, CueInfo)>> = HashMap::default();
        for (k, info) in &cues {
            let mut words = k.split(' ').map(str::to_string);
            if let Some(first) = words.next() {
                let rest: Vec<String> = words.collect();
                if !rest.is_empty() {
                    cue_tails.entry(first).or_default().push((rest, *info));
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
        let mut word_flags: HashMap<(u64, u64), WordFlags> = HashMap::default();
        let mut other_word_flags: HashMap<String, WordFlags> = HashMap::default();
        let mut flag = |w: &str, f: WordFlags| {
            let slot = match pack_word(w) {
                Some(key) => word_flags.entry(key).or_default(),
                None => other_word_flags.entry(w.to_string()).or_default(),
            };
            slot.0 |= f.0;
        };
        for k in cues.keys() {
            flag(k.split(' ').next().unwrap_or(k), WordFlags::CUE_START);
        }
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
        let title_abbreviations = titles
            .iter()
            .filter(|t| !t.contains(' '))
            .filter_map(|t| t.strip_suffix('.'))
            .map(str::to_string)
            .collect();
        Lexicon {
            title_abbreviations,
            word_flags,
            other_word_flags,
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

    /// The longest cue starting with `first_lower` (lower case), whose following words `next(k)` gives (for
    /// k = 1, 2, …): its info and its length in words.
    pub(crate) fn match_cue<'w>(
        &self,
        first_lower: &str,
        next: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(CueInfo, usize)> {
        let key = first_lower;
        let mut best = self.cues.get(key).map(|&c| (c, 1));
        if let Some(tails) = self.cue_tails.get(key) {
            for (rest, info) in tails {
                let fits = rest
                    .iter()
                    .enumerate()
                    .all(|(k, w)| next(k + 1).is_some_and(|x| x.eq_ignore_ascii_case(w)));
                if fits && best.is_none_or(|(_, n)| rest.len() + 1 > n) {
                    best = Some((*info, rest.len() + 1));
                }
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
        self.title_abbreviations.contains(word)
    }

    pub(crate) fn max_title_words(&self) -> usize {
        self.max_title_words
    }

    /// Whether `word` (any case) may be the last word of a role noun; `false` only when
    /// it certainly is not, so that most words skip building the role keys.
    pub(crate) fn may_end_role(&self, word: &str) -> bool {
        match pack_word(word) {
            Some(key) => self
                .word_flags
                .get(&key)
                .is_some_and(|f| f.has(WordFlags::ROLE_END)),
            None => true,
        }
    }

    /// The role noun `word` (lower case), if it is one.
    pub(crate) fn role(&self, word: &str) -> Option<&RoleNoun> {
        self.roles.get(word)
    }

    /// What the word `token` (as written, any case) can be, for the per-token classes.
    /// Nearly every token is a short ASCII word, looked up as one integer; other tokens
    /// made of letters ("Communiqué", very long words) are lower-cased and looked up by
    /// text. A token with
    /// digits or inner punctuation is none of these.
    pub(crate) fn word_flags(&self, token: &str) -> WordFlags {
        if let Some(key) = pack_word(token) {
            return self.word_flags.get(&key).copied().unwrap_or_default();
        }
        if self.other_word_flags.is_empty() || !token.chars().all(char::is_alphabetic) {
            return WordFlags::default();
        }
        self.other_word_flags
            .get(lower(token).as_ref())
            .copied()
            .unwrap_or_default()
    }

    /// Whether a fragment of text is page debris.
    pub(crate) fn is_debris(&self, fragment: &str) -> bool {
        let f = fragment.trim().trim_end_matches(['.', ':']).trim();
        with_lower(f, |lf| self.debris.contains(lf))
    }
}
