//! One Aho-Corasick pass over the text finds every alias of every entry; boundary and case
//! rules then keep the matches that are really names.
//!
//! Matching is ASCII-case-insensitive in the automaton and the case policy is checked on
//! each hit afterwards: that keeps one pattern per spelling (fast to build) and puts the
//! policy in one readable place ([`case_fits`]). Accents, hyphens and apostrophes are
//! handled by compiling spelling variants of each alias.

use super::entry::Entry;
use crate::text::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

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

/// What a compiled spelling must satisfy beyond matching the bytes case-insensitively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CasePolicy {
    /// Acronyms ("US", "AP", "KCNA"): the letters' case must be exact, except that
    /// acronyms of four letters or more may also be written as a word ("Nato").
    Acronym { allow_title: bool },
    /// Names: every capital of the alias is a capital in the text; a small letter of the
    /// alias may be a capital at the start of a word ("Von der Leyen") or in an
    /// all-capitals match (datelines: "KYIV").
    Name,
}

#[derive(Debug)]
struct Pattern {
    /// The spelling as compiled; hits are compared with it for the case policy.
    spelling: String,
    case: CasePolicy,
    targets: Vec<Target>,
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
    patterns: Vec<Pattern>,
}

impl Matcher {
    /// Compiles every name, alias, short form and demonym of `entries`.
    pub fn new(entries: &[Entry]) -> Matcher {
        let mut by_spelling: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |alias: &str, target: Target| {
            let case = case_policy(alias);
            for spelling in variants(alias) {
                let k = *by_spelling
                    .entry(spelling.to_ascii_lowercase())
                    .or_insert_with(|| {
                        patterns.push(Pattern {
                            spelling: spelling.clone(),
                            case,
                            targets: Vec::new(),
                        });
                        patterns.len() - 1
                    });
                let p = &mut patterns[k];
                // An acronym spelling shared with a name ("US" and "Us") keeps the
                // stricter policy only if every alias behind it is an acronym.
                if p.case != case {
                    p.case = CasePolicy::Name;
                }
                if !p.targets.contains(&target) {
                    p.targets.push(target);
                }
            }
        };
        for (i, e) in entries.iter().enumerate() {
            let entry = i as u32;
            add(
                &e.name,
                Target {
                    entry,
                    form: Form::Full,
                },
            );
            for a in &e.aliases {
                add(
                    a,
                    Target {
                        entry,
                        form: Form::Full,
                    },
                );
            }
            for a in &e.short {
                add(
                    a,
                    Target {
                        entry,
                        form: Form::Short,
                    },
                );
            }
            for a in &e.demonyms {
                add(
                    a,
                    Target {
                        entry,
                        form: Form::Demonym,
                    },
                );
            }
        }
        for p in &mut patterns {
            p.targets.sort_by_key(|t| (t.form, t.entry));
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|p| p.spelling.as_str()))
            .expect("aho-corasick build over gazetteer spellings");
        Matcher { ac, patterns }
    }

    /// Number of compiled spellings.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The automaton itself, for benchmarks that compare against a raw scan.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.ac
    }

    /// The entries a hit's pattern stands for, full forms first.
    pub fn targets(&self, hit: Hit) -> &[Target] {
        &self.patterns[hit.pattern as usize].targets
    }

    /// Every hit in `text` that sits on word boundaries and fits its case policy, left to
    /// right, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        for m in self.ac.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let p = &self.patterns[m.pattern().as_usize()];
            if on_word_boundaries(text, s, e) && case_fits(p, &text[s..e]) {
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
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    // A match must also start and end on char boundaries: ASCII-insensitive matching only
    // ever matches whole UTF-8 sequences, so this is guaranteed by the automaton.
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn case_policy(alias: &str) -> CasePolicy {
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    let upper = alias.chars().filter(|c| c.is_uppercase()).count();
    let lower = alias.chars().filter(|c| c.is_lowercase()).count();
    if lower == 0 && upper >= 2 {
        CasePolicy::Acronym {
            allow_title: letters >= 4 && !alias.contains(['.', ' ']),
        }
    } else {
        CasePolicy::Name
    }
}

fn case_fits(p: &Pattern, hit: &str) -> bool {
    match p.case {
        CasePolicy::Acronym { allow_title } => {
            hit == p.spelling
                || (allow_title && {
                    let mut cs = hit.chars();
                    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| !c.is_uppercase())
                })
        }
        CasePolicy::Name => {
            let all_caps = !hit.chars().any(char::is_lowercase);
            let mut prev: Option<char> = None;
            for (pc, hc) in p.spelling.chars().zip(hit.chars()) {
                if pc.is_uppercase() && !hc.is_uppercase() {
                    return false;
                }
                if pc.is_lowercase() && hc.is_uppercase() && !all_caps {
                    let word_start =
                        prev.is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '’');
                    if !word_start {
                        return false;
                    }
                }
                prev = Some(hc);
            }
            true
        }
    }
}

/// Spellings compiled for one alias: as written, without accents, with hyphens as spaces
/// (and, for multi-word names, one space at a time as a hyphen: "Kim Jong-un"), with
/// either apostrophe, and in capitals when capitals change non-ASCII letters.
pub(crate) fn variants(alias: &str) -> Vec<String> {
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
            // "Kim Jong Un" is also written "Kim Jong-un" and "Kim Jong-Un".
            let last = words.len() - 1;
            let head = words[..last].join(" ");
            out.push(format!("{head}-{}", words[last]));
        }
    }
    let with_quotes: Vec<String> = out
        .iter()
        .filter(|s| s.contains('\'') || s.contains('’'))
        .flat_map(|s| [s.replace('\'', "’"), s.replace('’', "'")])
        .collect();
    out.extend(with_quotes);
    if !alias.is_ascii() {
        let upper = alias.to_uppercase();
        if upper.chars().count() == alias.chars().count() {
            out.push(upper);
        }
    }
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
