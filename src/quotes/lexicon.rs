//! The word lists behind the rules, read from the data files in `lexicon/` (embedded):
//! cue verbs and phrases, titles, role nouns and page debris.

use crate::gazetteer::Gender;
use std::collections::{HashMap, HashSet};

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
    /// Longest cue in words.
    max_cue_words: usize,
    /// Title words sequences by their words as written ("Sen.", "Prime Minister").
    titles: HashSet<String>,
    max_title_words: usize,
    roles: HashMap<String, RoleNoun>,
    debris: HashSet<String>,
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
        let mut cues = HashMap::new();
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
        let max_cue_words = cues.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let titles: HashSet<String> = data_lines(TITLES).map(str::to_string).collect();
        let max_title_words = titles
            .iter()
            .map(|t| t.split_whitespace().count())
            .max()
            .unwrap_or(1);
        let mut roles = HashMap::new();
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
        Lexicon {
            cues,
            max_cue_words,
            titles,
            max_title_words,
            roles,
            debris,
        }
    }

    /// The cue made of `words` (any case), if any.
    pub(crate) fn cue(&self, words: &[&str]) -> Option<CueInfo> {
        if words.len() > self.max_cue_words {
            return None;
        }
        if let [w] = words {
            return self.cue_word(w);
        }
        self.cues.get(&words.join(" ").to_lowercase()).copied()
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

    pub(crate) fn max_cue_words(&self) -> usize {
        self.max_cue_words
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

    /// Whether a fragment of text is page debris.
    pub(crate) fn is_debris(&self, fragment: &str) -> bool {
        let f = fragment.trim().trim_end_matches(['.', ':']).trim();
        self.debris.contains(&f.to_lowercase())
    }
}
