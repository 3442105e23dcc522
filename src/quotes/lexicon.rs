//! The word lists behind the rules, read from the data files in `lexicon/` (embedded):
//! cue verbs and phrases, titles, role nouns and page debris.

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
    roles: HashMap<String, RoleNoun>,
    debris: HashSet<String>,
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
    if bytes.len() <= 32 && word.is_ascii() {
        let mut buf = [0u8; 32];
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
        let debris = data_lines(DEBRIS).map(str::to_lowercase).collect();
        let title_words = titles
            .iter()
            .flat_map(|t| t.split_whitespace().map(str::to_string))
            .collect();
        Lexicon {
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

    pub(crate) fn max_title_words(&self) -> usize {
        self.max_title_words
    }

    /// The role noun `word` (lower case), if it is one.
    pub(crate) fn role(&self, word: &str) -> Option<&RoleNoun> {
        self.roles.get(word)
    }

    /// Whether one word (lower case) is page debris on its own ("advertisement").
    pub(crate) fn is_debris_word(&self, word: &str) -> bool {
        self.debris.contains(word)
    }

    /// Whether a fragment of text is page debris.
    pub(crate) fn is_debris(&self, fragment: &str) -> bool {
        let f = fragment.trim().trim_end_matches(['.', ':']).trim();
        self.debris.contains(&f.to_lowercase())
    }
}
