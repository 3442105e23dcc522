//! Gazetteers: the entries (people, groups, organisations, places), the file format, the
//! embedded defaults, and the one automaton (a trie) that finds them all.
//!
//! The file format is documented in `gazetteers/README.md`: one JSON object per line,
//! either a whosaid record (`id`, `label`, `name`, `aliases`, `short`, `demonyms`, …) or a
//! spaCy EntityRuler phrase pattern (`label`, `pattern`, `id`). Records with the same `id`
//! merge, so a user file can extend a default entry; `"replace": true` overrides it.

mod blob;
// The embedded JSON Lines files are read by the build script (and by the tests that check
// its output); the library itself reads the build script's output.
#[cfg(test)]
mod defaults;
mod entry;
mod load;
mod matcher;
mod spelling;
mod trie;

pub(crate) use entry::CURRENT_YEAR;
pub use entry::{Entry, Gender, Label, Role};
pub use matcher::{Hit, Matcher};
pub use spelling::{Form, Target};
pub use trie::{FindIter, Trie, TrieMatch};

pub(crate) use blob::Defaults;
#[cfg(test)]
pub(crate) use defaults::default_records;
pub(crate) use load::{merge, parse_bytes, Record};

use crate::entities::PersonKeys;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Entries plus their compiled matcher. Immutable once built; shared by every clone of an
/// [`Extractor`](crate::Extractor).
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: HashMap<Arc<str>, u32>,
    matcher: Matcher,
    /// Name keys of the first words of people's names ("keith", "lindsey"): a capitalised
    /// word from this set followed by a surname-shaped word is a person, known or not.
    given_names: HashSet<String>,
    /// For given names, how many people in the gazetteer with a stated gender bear them:
    /// (male, female).
    given_gender: HashMap<String, (u32, u32)>,
    /// Country entries by ISO code.
    countries: HashMap<String, u32>,
    /// Each entry's prominence (see [`Entry::prominence`]), computed once.
    prominence: Vec<f32>,
    /// Each entry's surname keys and descriptors, for the documents that make a person of
    /// it: computed once, not in every such document. Computed when first asked for:
    /// doing it here for all twelve thousand entries cost a third more instructions to
    /// build a gazetteer, for the few hundred people a corpus names.
    person_keys: Vec<OnceLock<PersonKeys>>,
}

/// The embedded default gazetteers, merged, with their spelling table and trie, as the
/// build script computed them (see build.rs and [`Defaults`]).
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/defaults.bin"));

/// Reads the build script's output for the embedded gazetteers.
pub(crate) fn embedded_defaults() -> Defaults {
    Defaults::read(EMBEDDED)
}

impl Gazetteer {
    /// Builds the matcher over merged entries.
    pub(crate) fn from_entries(entries: Vec<Entry>) -> Result<Gazetteer, crate::Error> {
        let matcher = Matcher::new(&entries)?;
        Ok(Gazetteer::with_matcher(entries, matcher))
    }

    /// The gazetteer of the embedded defaults, from what the build script computed.
    pub(crate) fn from_defaults(d: Defaults) -> Gazetteer {
        let matcher = Matcher::from_parts(d.trie, d.starts, d.targets);
        Gazetteer::with_matcher(d.entries, matcher)
    }

    fn with_matcher(entries: Vec<Entry>, matcher: Matcher) -> Gazetteer {
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as u32))
            .collect();
        let mut given_names = HashSet::default();
        let mut given_gender: HashMap<String, (u32, u32)> = HashMap::default();
        for e in entries.iter().filter(|e| e.label == Label::Person) {
            if let (Some(g), Some(first)) = (e.gender, e.name.split_whitespace().next()) {
                let counts = given_gender.entry(name_key(first)).or_default();
                match g {
                    Gender::Male => counts.0 += 1,
                    Gender::Female => counts.1 += 1,
                }
            }
            for full in std::iter::once(&*e.name).chain(e.aliases.iter().map(String::as_str)) {
                let mut words = full.split_whitespace();
                if let (Some(first), Some(_)) = (words.next(), words.next()) {
                    let alphabetic = first.chars().all(char::is_alphabetic);
                    if alphabetic
                        && first.chars().count() >= 2
                        && first.chars().next().is_some_and(char::is_uppercase)
                    {
                        given_names.insert(name_key(first));
                    }
                }
            }
        }
        let countries = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_kind("country"))
            .filter_map(|(i, e)| Some((e.code.clone()?, i as u32)))
            .collect();
        let country_names: HashSet<String> = entries
            .iter()
            .filter(|e| e.is_kind("country"))
            .flat_map(|e| {
                std::iter::once(e.name.to_lowercase())
                    .chain(e.aliases.iter().map(|a| a.to_lowercase()))
            })
            .collect();
        let prominence = entries
            .iter()
            .map(|e| {
                if e.roles.is_empty() {
                    0.0
                } else {
                    e.prominence(|c| country_names.contains(c))
                }
            })
            .collect();
        let person_keys = std::iter::repeat_with(OnceLock::new)
            .take(entries.len())
            .collect();
        Gazetteer {
            entries,
            by_id,
            matcher,
            given_names,
            given_gender,
            countries,
            prominence,
            person_keys,
        }
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every spelling the matcher compiles, in pattern order (a hit's `pattern` indexes
    /// this list). Recomputed on each call: for benchmarks, tests and inspection.
    pub fn spellings(&self) -> Vec<String> {
        spelling::Table::new(&self.entries).spellings
    }

    /// The entry at `index` (as given by a [`Target`]).
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// The entry with this id, if any.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| self.entry(i))
    }

    /// Whether `word` is the first word of some person's name in the gazetteer.
    pub fn is_given_name(&self, word: &str) -> bool {
        with_name_key(word, |k| self.given_names.contains(k))
    }

    /// The prominence of entry `index` (see [`Entry::prominence`]).
    pub fn prominence(&self, index: u32) -> f32 {
        self.prominence[index as usize]
    }

    /// What a document needs of entry `index` when it makes a person of it.
    pub(crate) fn person_keys(&self, index: u32) -> &PersonKeys {
        self.person_keys[index as usize].get_or_init(|| {
            let e = self.entry(index);
            PersonKeys::of_entry(e, e.country.as_ref().and_then(|c| self.country(c)))
        })
    }

    /// The country with ISO code `code`.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.countries.get(code).map(|&i| self.entry(i))
    }

    /// The gender a given name points to, when the gazetteer's people who bear it and have
    /// a stated gender are at least three and nine in ten of one gender ("Linda", "Tom").
    pub fn gender_of_given_name(&self, word: &str) -> Option<Gender> {
        let &(m, f) = with_name_key(word, |k| self.given_gender.get(k))?;
        let n = m + f;
        if n < 3 {
            None
        } else if m * 10 >= n * 9 {
            Some(Gender::Male)
        } else if f * 10 >= n * 9 {
            Some(Gender::Female)
        } else {
            None
        }
    }

    /// The compiled matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Counts of entries and names per label.
    pub fn stats(&self) -> Stats {
        let mut labels: BTreeMap<Label, LabelStats> = BTreeMap::new();
        for e in &self.entries {
            let s = labels.entry(e.label).or_default();
            s.entries += 1;
            s.aliases += e.aliases.len();
            s.short_forms += e.short.len();
            s.demonyms += e.demonyms.len();
        }
        let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
        for e in &self.entries {
            if let Some(k) = &e.kind {
                *kinds.entry(format!("{}/{}", e.label, k)).or_default() += 1;
            }
        }
        Stats {
            entries: self.entries.len(),
            patterns: self.matcher.pattern_count(),
            labels: labels.into_iter().map(|(l, s)| (l.as_str(), s)).collect(),
            kinds,
        }
    }
}

/// Coverage figures of a gazetteer, as printed by `extract --stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Number of entries.
    pub entries: usize,
    /// Number of spellings compiled into the automaton (aliases and their variants).
    pub patterns: usize,
    /// Per label: entries and names.
    pub labels: BTreeMap<&'static str, LabelStats>,
    /// Entries per `LABEL/kind`.
    pub kinds: BTreeMap<String, usize>,
}

/// Entries and names of one label.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LabelStats {
    /// Number of entries.
    pub entries: usize,
    /// Number of full aliases (besides canonical names).
    pub aliases: usize,
    /// Number of short forms.
    pub short_forms: usize,
    /// Number of demonyms.
    pub demonyms: usize,
}

/// The key two spellings of a name share: accents folded, lower case, hyphens and
/// apostrophes as spaces, single spaces. "Jong-un" and "Jong Un" have the same key.
pub fn name_key(s: &str) -> String {
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        ascii_name_key(s, |b| out.push(char::from(b)));
        return out;
    }
    general_name_key(s)
}

fn general_name_key(s: &str) -> String {
    let folded = spelling::fold_accents(s).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for w in folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '.' | '\'' | '’'))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Feeds `push` the bytes of [`name_key`] for ASCII text, which has no accents to fold
/// and lower-cases byte by byte: names are keyed per word of the document, and the
/// general path costs three allocations and a decode of every char.
fn ascii_name_key(s: &str, mut push: impl FnMut(u8)) {
    let mut gap = false;
    let mut started = false;
    for &b in s.as_bytes() {
        // The separators of `name_key` that are ASCII: whitespace, hyphen, period, apostrophe.
        if matches!(b, b' ' | b'\t'..=b'\r' | b'-' | b'.' | b'\'') {
            gap = true;
            continue;
        }
        if gap && started {
            push(b' ');
        }
        gap = false;
        started = true;
        push(b.to_ascii_lowercase());
    }
}

/// Calls `f` with the [`name_key`] of `s`, built on the stack when `s` is short ASCII, so
/// that looking a word up allocates nothing.
pub(crate) fn with_name_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 48;
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let mut n = 0;
        ascii_name_key(s, |b| {
            buf[n] = b;
            n += 1;
        });
        if let Ok(key) = std::str::from_utf8(&buf[..n]) {
            return f(key);
        }
    }
    f(&name_key(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The build script's output is what the library computes at run time from the
    /// embedded files: the same merged entries, spelling table and trie.
    #[test]
    fn embedded_defaults_are_what_run_time_computes() {
        let entries = merge(default_records());
        let computed = Defaults::compute(entries).unwrap();
        let embedded = embedded_defaults();
        assert_eq!(embedded.entries.len(), computed.entries.len());
        assert!(embedded == computed);
        // And they round-trip, so nothing is lost in the binary form.
        assert!(Defaults::read(&computed.write()) == computed);
    }
}

#[cfg(test)]
mod name_key_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ASCII path keys as the general one does, on the stack as on the heap.
        #[test]
        fn ascii_path_keys_as_the_general_one(s in "[ -~\t\n\r\x0b\x0c]{0,60}") {
            prop_assert_eq!(name_key(&s), general_name_key(&s));
            prop_assert_eq!(with_name_key(&s, str::to_string), general_name_key(&s));
        }
    }
}
