//! One pass of a trie over the text finds every alias of every entry that starts a word
//! (leftmost-longest from each word start; see [`Trie`]); the end's word boundary is then
//! checked. Starting only at word starts means that a spelling glued to the word before it
//! ("ministerMarco Rubio", after markup was stripped) cannot hide the name that does start
//! a word ("Rubio"), as a leftmost match over all positions would.
//!
//! Matching is case-sensitive: the case policy is expressed by which spellings of each
//! alias are compiled ([`variants`](super::spelling::variants)). A name matches as written, with its first letter
//! capitalised ("Von der Leyen" opening a sentence), and, for places and organisations, in
//! capitals (datelines: "KYIV"); an acronym matches only in capitals ("US" is not "us",
//! "AP" is not "ap"), plus, from four letters, as a word ("Nato"). Compiling spellings
//! rather than folding case keeps lower-case words ("will", "young") from ever reaching
//! the automaton's output, which is most of the cost of a case-insensitive scan.
//! Accents, hyphens and apostrophes are handled the same way, by compiled variants.

use super::entry::Entry;
use super::spelling::{Table, Target};
use super::trie::Trie;
use crate::text::Span;

/// A hit of the automaton; [`Matcher::find`] keeps those that stand as words.
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
    trie: Trie,
    /// Pattern `p` stands for `targets[starts[p]..starts[p + 1]]` (see [`Table`]).
    starts: Vec<u32>,
    targets: Vec<Target>,
}

impl Matcher {
    /// Compiles every name, alias, short form and demonym of `entries`. Fails only when the
    /// automaton's limits are exceeded.
    pub fn new(entries: &[Entry]) -> Result<Matcher, crate::Error> {
        Matcher::from_table(Table::new(entries))
    }

    fn from_table(table: Table) -> Result<Matcher, crate::Error> {
        let trie = Trie::new(&table.spellings).map_err(crate::Error::Automaton)?;
        Ok(Matcher::from_parts(trie, table.starts, table.targets))
    }

    /// A matcher from a trie and the targets of its patterns (see [`Table`]).
    pub(crate) fn from_parts(trie: Trie, starts: Vec<u32>, targets: Vec<Target>) -> Matcher {
        debug_assert_eq!(starts.last().copied(), Some(targets.len() as u32));
        Matcher {
            trie,
            starts,
            targets,
        }
    }

    /// Number of compiled spellings.
    pub fn pattern_count(&self) -> usize {
        self.starts.len() - 1
    }

    /// The automaton itself, for benchmarks that compare against a raw scan.
    pub fn automaton(&self) -> &Trie {
        &self.trie
    }

    /// The entries a hit's pattern stands for, full forms first.
    pub fn targets(&self, hit: Hit) -> &[Target] {
        let p = hit.pattern as usize;
        &self.targets[self.starts[p] as usize..self.starts[p + 1] as usize]
    }

    /// Every hit in `text` that stands as a word, left to right, non-overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        for m in self.trie.find_word_starts(text) {
            if ends_a_word(text, m.end) {
                out.push(Hit {
                    span: Span::new(m.start, m.end),
                    pattern: m.pattern,
                });
            }
        }
        out
    }
}

/// Whether no letter or digit follows byte `e`. The start needs no test:
/// [`Trie::find_word_starts`] reports only matches with no letter or digit before them.
fn ends_a_word(text: &str, e: usize) -> bool {
    match text.as_bytes().get(e) {
        None => true,
        // An ASCII byte is a whole char: no decoding needed.
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        // Patterns are whole UTF-8 strings, so matches end on char boundaries.
        Some(_) => !text[e..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_spellings_match_as_aho_corasick_leftmost_longest() {
        // Every default spelling, once spaced and once run together with its neighbours,
        // so that matches overlap, nest and cut each other short.
        let entries = super::super::merge(super::super::default_records());
        let table = Table::new(&entries);
        let trie = Trie::new(&table.spellings).unwrap();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&table.spellings)
            .unwrap();
        let spaced = table.spellings.join(" ");
        let run_together: String = table.spellings.iter().rev().map(String::as_str).collect();
        for text in [&spaced, &run_together] {
            let got: Vec<(usize, usize, u32)> = trie
                .find_iter(text)
                .map(|m| (m.start, m.end, m.pattern))
                .collect();
            let want: Vec<(usize, usize, u32)> = ac
                .find_iter(text.as_str())
                .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
                .collect();
            assert_eq!(got.len(), want.len());
            assert!(got == want);
        }
    }
}
