//! One Aho-Corasick pass over the text finds every alias of every entry; word-boundary
//! rules then keep the matches that stand as words.
//!
//! Matching is case-sensitive: the case policy is expressed by which spellings of each
//! alias are compiled ([`variants`]). A name matches as written, with its first letter
//! capitalised ("Von der Leyen" opening a sentence), and, for places and organisations, in
//! capitals (datelines: "KYIV"); an acronym matches only in capitals ("US" is not "us",
//! "AP" is not "ap"), plus, from four letters, as a word ("Nato"). Compiling spellings
//! rather than folding case keeps lower-case words ("will", "young") from ever reaching
//! the automaton's output, which is most of the cost of a case-insensitive scan.
//! Accents, hyphens and apostrophes are handled the same way, by compiled variants.

use super::entry::{Entry, Label};
use crate::text::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap as HashMap;

/// How a surface form names its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// The canonical name or a full alias: identifies the entity on its own.
    Full,
    /// A short form (surname, "The Post"): identifies the entity only in context.
    Short,
    /// A word for the entity's people or members ("Russian"): a NORP mention.
    Demonym,
}

/// One entry a pattern can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Index into the gazetteer's entries.
    pub entry: u32,
    /// How the pattern names it.
    pub form: Form,
}

/// A kept hit of the automaton.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Where it stands in the text.
    pub span: Span,
    /// Which compiled pattern matched (see [`Matcher::targets`]).
    pub pattern: u32,
}

/// The compiled automaton over all aliases of a gazetteer.
#[derive(Debug)]
pub struct Matcher {
    ac: AhoCorasick,
    /// For each compiled spelling, the entries it stands for, full forms first.
    targets: Vec<Vec<Target>>,
}

impl Matcher {
    /// Compiles every name, alias, short form and demonym of `entries`. Fails only when the
    /// automaton's limits are exceeded.
    pub fn new(entries: &[Entry]) -> Result<Matcher, crate::Error> {
        let mut by_spelling: HashMap<String, usize> = HashMap::default();
        let mut spellings: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut add = |alias: &str, target: Target, capitals: bool| {
            for spelling in variants(alias, capitals) {
                let k = *by_spelling.entry(spelling.clone()).or_insert_with(|| {
                    spellings.push(spelling);
                    targets.push(Vec::new());
                    targets.len() - 1
                });
                if !targets[k].contains(&target) {
                    targets[k].push(target);
                }
            }
        };
        for (i, e) in entries.iter().enumerate() {
            let entry = i as u32;
            // Places and organisations stand in capitals in datelines and credits.
            let capitals = e.label != Label::Person;
            let full = Target {
                entry,
                form: Form::Full,
            };
            add(&e.name, full, capitals);
            for a in &e.aliases {
                add(a, full, capitals);
            }
            for a in &e.short {
                add(
                    a,
                    Target {
                        entry,
                        form: Form::Short,
                    },
                    false,
                );
            }
            for a in &e.demonyms {
                add(
                    a,
                    Target {
                        entry,
                        form: Form::Demonym,
                    },
                    false,
                );
            }
        }
        for t in &mut targets {
            t.sort_by_key(|t| (t.form, t.entry));
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&spellings)
            .map_err(|e| crate::Error::Automaton(e.to_string()))?;
        Ok(Matcher { ac, targets })
    }

    /// Number of compiled spellings.
    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// The automaton itself, for benchmarks that compare against a raw scan.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.ac
    }

    /// The entries a hit's pattern stands for, full forms first.
    pub fn targets(&self, hit: Hit) -> &[Target] {
        &self.targets[hit.pattern as usize]
    }

    /// Every hit in `text` that stands as a word, left to right, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        for m in self.ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if on_word_boundaries(text, s, e) {
                out.push(Hit {
                    span: Span::new(s, e),
                    pattern: m.pattern().as_u32(),
                });
            }
        }
        out
    }
}

fn on_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    // Patterns are whole UTF-8 strings, so matches start and end on char boundaries.
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether an alias is an acronym: capitals (and digits, dots), two capitals at least.
fn is_acronym(alias: &str) -> bool {
    !alias.chars().any(char::is_lowercase)
        && alias.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Spellings compiled for one alias: as written; without accents; with hyphens as spaces
/// (and, for three- or four-word names, the last space as a hyphen: "Kim Jong-un",
/// "Kim Jong-Un"); with either apostrophe; with a capital first letter ("Von der Leyen");
/// an acronym of four letters or more also as a word ("Nato"); and, when `capitals`, the
/// whole name in capitals ("KYIV").
pub(crate) fn variants(alias: &str, capitals: bool) -> Vec<String> {
    let mut out = vec![alias.to_string()];
    let folded = fold_accents(alias);
    if folded != alias {
        out.push(folded);
    }
    let base = out.clone();
    for s in &base {
        if s.contains('-') {
            out.push(s.replace('-', " "));
        }
        let words: Vec<&str> = s.split(' ').collect();
        if (3..=4).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            let last = words.len() - 1;
            let head = words[..last].join(" ");
            out.push(format!("{head}-{}", words[last]));
            out.push(format!("{head}-{}", words[last].to_lowercase()));
        }
    }
    let with_quotes: Vec<String> = out
        .iter()
        .filter(|s| s.contains('\'') || s.contains('’'))
        .flat_map(|s| [s.replace('\'', "’"), s.replace('’', "'")])
        .collect();
    out.extend(with_quotes);
    let acronym = is_acronym(alias);
    let cased: Vec<String> = out
        .iter()
        .flat_map(|s| {
            let mut v = Vec::new();
            let mut cs = s.chars();
            if let Some(first) = cs.next() {
                if first.is_lowercase() {
                    v.push(first.to_uppercase().chain(cs).collect());
                }
            }
            if acronym
                && s.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && !s.contains(['.', ' '])
            {
                let mut cs = s.chars();
                if let Some(first) = cs.next() {
                    v.push(
                        std::iter::once(first)
                            .chain(cs.flat_map(char::to_lowercase))
                            .collect(),
                    );
                }
            }
            if capitals && !acronym {
                let upper = s.to_uppercase();
                if upper.chars().count() == s.chars().count() {
                    v.push(upper);
                }
            }
            v
        })
        .collect();
    out.extend(cased);
    out.sort();
    out.dedup();
    out
}

/// Replaces Latin letters with diacritics by their base letter ("Løkke" → "Lokke",
/// "Erdoğan" → "Erdogan"). Covers Latin-1 and Latin Extended-A, which is what English news
/// uses in names.
pub(crate) fn fold_accents(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Some(f) => out.push_str(f),
            None => out.push(c),
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' => "D",
        'ð' | 'ď' | 'đ' => "d",
        'È'..='Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' => "H",
        'ĥ' | 'ħ' => "h",
        'Ì'..='Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Ù'..='Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'Þ' => "Th",
        'þ' => "th",
        _ => return None,
    })
}
