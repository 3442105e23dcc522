//! The spellings compiled for a gazetteer: every name, alias, short form and demonym of
//! every entry in the variants the case policy asks for (see [`variants`]), each with the
//! entries it stands for.
//!
//! This module needs nothing of the crate but [`Entry`], so that the build script can
//! compile it too and precompute the table and automaton of the embedded gazetteers from
//! the very code that computes them at run time for user gazetteers.

use super::entry::{Entry, Label};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

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

/// Every compiled spelling and the entries it stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// The spellings, in order of first appearance; a spelling's index is its pattern id.
    pub spellings: Vec<String>,
    /// Pattern `p` stands for `targets[starts[p]..starts[p + 1]]`. One flat list rather
    /// than a `Vec` per spelling: 50,000 fewer allocations, and two plain arrays that the
    /// build script can write out.
    pub starts: Vec<u32>,
    /// The targets of all patterns, each pattern's full forms first, then by entry.
    pub targets: Vec<Target>,
}

impl Table {
    /// Spellings and targets of every name of `entries`.
    pub(crate) fn new(entries: &[Entry]) -> Table {
        // About three spellings per entry in the defaults; reserve for that.
        let mut index: HashMap<String, u32> =
            HashMap::with_capacity_and_hasher(entries.len() * 4, Default::default());
        let mut pairs: Vec<(u32, Target)> = Vec::with_capacity(entries.len() * 8);
        let mut add = |alias: &str, target: Target, capitals: bool| {
            for spelling in variants(alias, capitals) {
                let next = index.len() as u32;
                // The map owns each spelling once; a repeated spelling is dropped here
                // rather than cloned for the lookup.
                let k = *index.entry(spelling).or_insert(next);
                pairs.push((k, target));
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
            let short = Target {
                entry,
                form: Form::Short,
            };
            for a in &e.short {
                add(a, short, false);
            }
            let demonym = Target {
                entry,
                form: Form::Demonym,
            };
            for a in &e.demonyms {
                add(a, demonym, false);
            }
        }
        let mut spellings = vec![String::new(); index.len()];
        for (s, k) in index {
            spellings[k as usize] = s;
        }
        // Group by pattern, full forms first, then by entry; an entry named twice by the
        // same spelling (an alias that is also a variant of its name) counts once.
        pairs.sort_unstable_by_key(|&(k, t)| (k, t.form, t.entry));
        pairs.dedup();
        let mut starts = Vec::with_capacity(spellings.len() + 1);
        let mut targets = Vec::with_capacity(pairs.len());
        for (k, t) in pairs {
            while starts.len() <= k as usize {
                starts.push(targets.len() as u32);
            }
            targets.push(t);
        }
        starts.push(targets.len() as u32);
        Table {
            spellings,
            starts,
            targets,
        }
    }
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
/// whole name in capitals ("KYIV"). Sorted, without repeats.
pub(crate) fn variants(alias: &str, capitals: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(8);
    out.push(alias.to_string());
    if let Cow::Owned(folded) = fold_accents(alias) {
        if folded != alias {
            out.push(folded);
        }
    }
    // Each step derives from all spellings so far; the order within `out` does not
    // matter, as it is sorted at the end.
    for i in 0..out.len() {
        if out[i].contains('-') {
            let spaced = out[i].replace('-', " ");
            out.push(spaced);
        }
        let s = &out[i];
        let words = s.split(' ').count();
        if (3..=4).contains(&words)
            && s.split(' ')
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            // `words >= 3`, so there is a last space.
            let (head, last) = s.rsplit_once(' ').unwrap_or((s, ""));
            let upper = format!("{head}-{last}");
            let lower = format!("{head}-{}", last.to_lowercase());
            out.push(upper);
            out.push(lower);
        }
    }
    for i in 0..out.len() {
        if out[i].contains(['\'', '’']) {
            let curly = out[i].replace('\'', "’");
            let straight = out[i].replace('’', "'");
            out.push(curly);
            out.push(straight);
        }
    }
    let acronym = is_acronym(alias);
    for i in 0..out.len() {
        let s = &out[i];
        let mut cs = s.chars();
        let Some(first) = cs.next() else { continue };
        let capitalised = first
            .is_lowercase()
            .then(|| first.to_uppercase().chain(cs.clone()).collect::<String>());
        let word = (acronym
            && s.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !s.contains(['.', ' ']))
        .then(|| {
            std::iter::once(first)
                .chain(cs.flat_map(char::to_lowercase))
                .collect::<String>()
        });
        let upper = if capitals && !acronym {
            let upper = s.to_uppercase();
            (upper.chars().count() == s.chars().count()).then_some(upper)
        } else {
            None
        };
        out.extend(capitalised);
        out.extend(word);
        out.extend(upper);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Replaces Latin letters with diacritics by their base letter ("Løkke" → "Lokke",
/// "Erdoğan" → "Erdogan"). Covers Latin-1 and Latin Extended-A, which is what English news
/// uses in names.
pub(crate) fn fold_accents(s: &str) -> Cow<'_, str> {
    // Most names are ASCII and have nothing to fold: no allocation for them.
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Some(f) => out.push_str(f),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
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
