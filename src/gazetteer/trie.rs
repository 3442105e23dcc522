//! The automaton that finds compiled spellings in text: a byte trie, walked from each
//! position of the text, reporting leftmost-longest non-overlapping matches.
//!
//! Why not Aho-Corasick: its failure links are what make a compile slow (on the 49,555
//! default spellings, aho-corasick's NFA took ~750 M instructions, daachorse's double array
//! ~565 M, most of the time to build an `Extractor`), and leftmost-longest search does not
//! need them. At each position the trie is walked as far as the text follows it; the last
//! spelling passed is the longest match starting there. That is the leftmost-longest
//! semantics by definition, so the matches are exactly those of an Aho-Corasick automaton
//! in `LeftmostLongest` mode. The cost: a scan does up to `L` steps per position, where `L`
//! is the longest spelling (139 bytes in the defaults), instead of one; in prose, where
//! most positions leave the trie at the first or second byte, it scans as fast (see
//! examples/bench.rs). Building is a sort of the spellings and one pass over them.

use super::blob::{Reader, Writer};

/// A trie over byte strings, each with a pattern id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trie {
    /// The node each first byte leads to from the root; 0 (the root, never a child) for
    /// none. A table, because every position of the text looks here first.
    root: Box<[u32; 256]>,
    /// Bit `256 * a + b` is set when a match can start with bytes `a b`: some pattern
    /// starts with them, or `a` alone is a pattern. Most positions of a text (inside
    /// lower-case words) leave the trie by the second byte; one bit test turns them away.
    pairs: Box<[u64; 1024]>,
    /// Node `n`'s edges start and output, one record a node: a step of a walk reads two
    /// neighbouring records (one bounds check) rather than two starts and an output from
    /// two arrays. A last record, past the nodes, ends the edges of the last node.
    nodes: Vec<Node>,
    bytes: Vec<u8>,
    children: Vec<u32>,
}

/// One node of a [`Trie`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    /// The edges are `bytes[start..]` up to the next node's `start`, sorted, leading to the
    /// nodes at the same positions of `children`.
    start: u32,
    /// 1 + the id of the pattern that ends here; 0 for none.
    output: u32,
}

impl Trie {
    /// The trie of `patterns`; a pattern's id is its index. Empty patterns never match; of
    /// equal patterns, the first counts. Fails only if the patterns exceed `u32` indexes.
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Trie, String> {
        let total: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        if patterns.len() >= u32::MAX as usize || total >= u32::MAX as usize {
            return Err(format!(
                "{} patterns of {total} bytes exceed the trie's 32-bit indexes",
                patterns.len()
            ));
        }
        // Sorted, the patterns below each node form one run, and each node's children are
        // the runs of the next byte, in byte order.
        let mut sorted: Vec<(&[u8], u32)> = patterns
            .iter()
            .zip(0..)
            .map(|(p, i)| (p.as_ref().as_bytes(), i))
            .collect();
        sorted.sort_unstable();
        let mut starts = Vec::with_capacity(total / 2);
        let mut bytes = Vec::with_capacity(total / 2);
        let mut children = Vec::with_capacity(total / 2);
        let mut outputs = vec![0u32];
        // Breadth first: nodes are numbered in the order they are visited, so each node's
        // edges are appended after those of all nodes before it.
        let mut queue = vec![(0u32, 0usize, sorted.len(), 0usize)];
        let mut next = 0;
        while let Some(&(node, mut lo, hi, depth)) = queue.get(next) {
            next += 1;
            debug_assert_eq!(node as usize, starts.len());
            starts.push(bytes.len() as u32);
            // The patterns that end here sort first in the run.
            while lo < hi && sorted[lo].0.len() == depth {
                if outputs[node as usize] == 0 && depth > 0 {
                    outputs[node as usize] = sorted[lo].1 + 1;
                }
                lo += 1;
            }
            while lo < hi {
                let b = sorted[lo].0[depth];
                let mut end = lo + 1;
                while end < hi && sorted[end].0[depth] == b {
                    end += 1;
                }
                let child = outputs.len() as u32;
                outputs.push(0);
                bytes.push(b);
                children.push(child);
                queue.push((child, lo, end, depth + 1));
                lo = end;
            }
        }
        starts.push(bytes.len() as u32);
        Ok(Trie::from_parts(starts, bytes, children, outputs))
    }

    fn from_parts(starts: Vec<u32>, bytes: Vec<u8>, children: Vec<u32>, outputs: Vec<u32>) -> Trie {
        let mut root = Box::new([0u32; 256]);
        let mut pairs = Box::new([0u64; 1024]);
        for k in starts[0] as usize..starts[1] as usize {
            let (a, node) = (bytes[k] as usize, children[k] as usize);
            root[a] = node as u32;
            if outputs[node] != 0 {
                pairs[4 * a..4 * a + 4].fill(u64::MAX);
            }
            for &b in &bytes[starts[node] as usize..starts[node + 1] as usize] {
                let bit = 256 * a + b as usize;
                pairs[bit / 64] |= 1 << (bit % 64);
            }
        }
        // `starts` has one more entry than `outputs`: it becomes the last record.
        let nodes = starts
            .iter()
            .zip(outputs.iter().chain([&0]))
            .map(|(&start, &output)| Node { start, output })
            .collect();
        Trie {
            root,
            pairs,
            nodes,
            bytes,
            children,
        }
    }

    /// Writes the trie for [`Trie::read`] (the build script precomputes the defaults').
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn write(&self, w: &mut Writer) {
        // The format keeps the arrays `new` builds: node records are derived at load.
        let starts: Vec<u32> = self.nodes.iter().map(|n| n.start).collect();
        let outputs: Vec<u32> = self.nodes[..self.node_count()]
            .iter()
            .map(|n| n.output)
            .collect();
        w.u32s(&starts);
        w.bytes(&self.bytes);
        w.u32s(&self.children);
        w.u32s(&outputs);
    }

    /// Reads a trie written by [`Trie::write`].
    pub(crate) fn read(r: &mut Reader) -> Trie {
        let starts = r.u32s();
        let bytes = r.bytes().to_vec();
        let children = r.u32s();
        let outputs = r.u32s();
        Trie::from_parts(starts, bytes, children, outputs)
    }

    /// Number of nodes, the root included.
    pub fn node_count(&self) -> usize {
        self.nodes.len() - 1
    }

    /// The leftmost-longest, non-overlapping matches in `text`, left to right. Patterns are
    /// whole UTF-8 strings, so matches start and end on char boundaries.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> FindIter<'a> {
        FindIter {
            trie: self,
            text: text.as_bytes(),
            pos: 0,
            word_starts: false,
        }
    }

    /// The leftmost-longest, non-overlapping matches that start a word (no letter or digit
    /// right before them), left to right. A match inside a word never hides one that
    /// starts the next word, and positions inside words are not walked at all.
    pub fn find_word_starts<'a>(&'a self, text: &'a str) -> FindIter<'a> {
        FindIter {
            trie: self,
            text: text.as_bytes(),
            pos: 0,
            word_starts: true,
        }
    }

    /// Whether a match can start with bytes `a b` (`b` = 0 at the end of the text, where
    /// only a one-byte pattern can match, and those set every `b`).
    #[inline]
    fn may_start(&self, a: u8, b: u8) -> bool {
        let bit = 256 * a as usize + b as usize;
        self.pairs[bit / 64] >> (bit % 64) & 1 == 1
    }

    #[inline]
    fn child(&self, node: u32, b: u8) -> Option<u32> {
        let node = node as usize;
        let [n, next] = self.nodes.get(node..node + 2)? else {
            return None;
        };
        let (s, e) = (n.start as usize, next.start as usize);
        let edges = &self.bytes[s..e];
        // Below the first levels most nodes have one or two children: a scan of a few
        // bytes beats a binary search.
        let i = if edges.len() <= 8 {
            edges.iter().position(|&x| x == b)
        } else {
            edges.binary_search(&b).ok()
        };
        i.map(|i| self.children[s + i])
    }
}

/// A match of the trie: pattern `pattern` spans bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrieMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the pattern.
    pub pattern: u32,
}

/// The iterator of [`Trie::find_iter`]: every match, word or not.
#[derive(Debug)]
pub struct FindIter<'a> {
    trie: &'a Trie,
    text: &'a [u8],
    pos: usize,
    /// Only matches that start a word.
    word_starts: bool,
}

/// Whether the char that ends at byte `at` of `text` (UTF-8) is a letter or a digit.
fn alphanumeric_before(text: &[u8], at: usize) -> bool {
    let Some(&last) = text[..at].last() else {
        return false;
    };
    if last < 0x80 {
        return last.is_ascii_alphanumeric();
    }
    // Back to the lead byte of the char (at most three continuation bytes), then decode.
    let lead = (at.saturating_sub(4)..at)
        .rev()
        .find(|&i| text[i] & 0xC0 != 0x80)
        .unwrap_or(at - 1);
    std::str::from_utf8(&text[lead..at])
        .ok()
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Bytes that are ASCII letters or digits: a position right after one starts no word, and
/// a word start is only ever a position after a byte that is not one.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

impl FindIter<'_> {
    /// The first position from `pos` on where a match may start: a pattern starts with its
    /// first two bytes (see [`Trie::may_start`]) and, for word starts, no letter or digit
    /// stands before it.
    fn next_start(&self, mut pos: usize) -> Option<usize> {
        let (trie, text) = (self.trie, self.text);
        if !self.word_starts {
            loop {
                // Skip bytes that start no pattern at all (in prose, every lower-case
                // letter, space and punctuation mark) with one table load each.
                while pos < text.len() && trie.root[text[pos] as usize] == 0 {
                    pos += 1;
                }
                let &first = text.get(pos)?;
                // At the end of the text, `0` stands for the missing second byte.
                let second = text.get(pos + 1).copied().unwrap_or(0);
                if trie.may_start(first, second) {
                    return Some(pos);
                }
                pos += 1;
            }
        }
        // Word starts: rather than test every byte that starts some pattern (lower-case
        // ones do: "de ", "von ", "al-", so the common letters e, a, t would stop the scan
        // mid-word), skip whole runs of ASCII letters and digits, inside which no position
        // starts a word, and test only the positions after another byte. After a non-ASCII
        // byte the char before is decoded exactly (`alphanumeric_before`).
        loop {
            let &first = text.get(pos)?;
            if trie.root[first as usize] != 0
                && !(pos > 0 && ASCII_ALNUM[text[pos - 1] as usize])
                && trie.may_start(first, text.get(pos + 1).copied().unwrap_or(0))
                && !(pos > 0 && text[pos - 1] >= 0x80 && alphanumeric_before(text, pos))
            {
                return Some(pos);
            }
            pos += 1;
            if ASCII_ALNUM[first as usize] {
                // The rest of the word, and the byte that ends it: right after a letter or
                // digit, that byte starts no word either.
                while pos < text.len() && ASCII_ALNUM[text[pos] as usize] {
                    pos += 1;
                }
                pos += 1;
            }
        }
    }
}

impl Iterator for FindIter<'_> {
    type Item = TrieMatch;

    fn next(&mut self) -> Option<TrieMatch> {
        let (trie, text) = (self.trie, self.text);
        loop {
            let Some(start) = self.next_start(self.pos) else {
                self.pos = text.len();
                return None;
            };
            let mut node = trie.root[text[start] as usize];
            // The longest match so far: its end and 1 + its pattern, 0 for none yet. Plain
            // integers and an iterator over the rest of the text keep the walk in registers.
            let (mut best_end, mut best) = (start + 1, trie.nodes[node as usize].output);
            for (end, &b) in (start + 2..).zip(&text[start + 1..]) {
                let Some(c) = trie.child(node, b) else {
                    break;
                };
                node = c;
                let out = trie.nodes[node as usize].output;
                if out != 0 {
                    (best_end, best) = (end, out);
                }
            }
            match best.checked_sub(1) {
                Some(pattern) => {
                    self.pos = best_end;
                    return Some(TrieMatch {
                        start,
                        end: best_end,
                        pattern,
                    });
                }
                None => self.pos = start + 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(patterns: &[&str], text: &str) -> Vec<(usize, usize, u32)> {
        Trie::new(patterns)
            .unwrap()
            .find_iter(text)
            .map(|m| (m.start, m.end, m.pattern))
            .collect()
    }

    #[test]
    fn word_starts_skip_matches_inside_words() {
        let patterns = ["Marco Rubio", "Rubio", "Rasmussen", "Løkke Rasmussen"];
        let words = |text: &str| -> Vec<(usize, usize, u32)> {
            Trie::new(&patterns)
                .unwrap()
                .find_word_starts(text)
                .map(|m| (m.start, m.end, m.pattern))
                .collect()
        };
        // Glued to the word before (text stripped of its markup): the full name does not
        // start a word, so it must not hide the surname that does.
        let glued = "the ministerMarco Rubio said";
        assert_eq!(find(&patterns, glued), vec![(12, 23, 0)]);
        assert_eq!(words(glued), vec![(18, 23, 1)]);
        // After a non-ASCII letter too.
        let accented = "réLøkke Rasmussen";
        assert_eq!(words(accented), vec![(10, 19, 2)]);
        // At the start of the text and after punctuation, matches are as usual.
        assert_eq!(words("Rubio, Løkke Rasmussen"), vec![(0, 5, 1), (7, 23, 3)]);
    }

    #[test]
    fn word_starts_agree_with_testing_every_position() {
        // The skip over words must stop exactly where the byte-by-byte definition does: at
        // every position with no letter or digit before it, ASCII or not.
        let patterns = ["ab", "b", "é", "éa", "a—", "1a", "—", "a", "Ωb"];
        let trie = Trie::new(&patterns).unwrap();
        let reference = |text: &str| -> Vec<(usize, usize, u32)> {
            let mut out = Vec::new();
            let mut pos = 0;
            while pos < text.len() {
                let walk = (pos + 1..=text.len())
                    .rev()
                    .filter(|&e| text.is_char_boundary(pos) && text.is_char_boundary(e))
                    .find_map(|e| {
                        patterns
                            .iter()
                            .position(|p| *p == &text[pos..e])
                            .map(|i| (e, i))
                    });
                match walk {
                    Some((end, i)) if !alphanumeric_before(text.as_bytes(), pos) => {
                        out.push((pos, end, i as u32));
                        pos = end;
                    }
                    _ => pos += 1,
                }
            }
            out
        };
        let alphabet = ["a", "b", "é", "—", " ", "1", "Ω", "-"];
        for n in 0..=5u32 {
            for mut k in 0..(alphabet.len() as u32).pow(n) {
                let mut text = String::new();
                for _ in 0..n {
                    text.push_str(alphabet[(k % 8) as usize]);
                    k /= 8;
                }
                let got: Vec<(usize, usize, u32)> = trie
                    .find_word_starts(&text)
                    .map(|m| (m.start, m.end, m.pattern))
                    .collect();
                assert_eq!(got, reference(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn leftmost_then_longest_then_past_the_match() {
        // "Kim Jong" and "Kim Jong Un" start together: the longer wins. "Jong Un" starts
        // inside that match and is not reported; "Un" after it is.
        let pats = ["Kim Jong", "Kim Jong Un", "Jong Un", "Un", "Kim"];
        assert_eq!(
            find(&pats, "Kim Jong Un met Un; Kim Jon"),
            vec![(0, 11, 1), (16, 18, 3), (20, 23, 4)]
        );
        // A later start never beats an earlier one, even when longer.
        assert_eq!(find(&["ab", "bcdef"], "abcdef"), vec![(0, 2, 0)]);
        // A walk that fails past a shorter match falls back to it.
        assert_eq!(find(&["a", "abc"], "abd"), vec![(0, 1, 0)]);
    }

    #[test]
    fn agrees_with_aho_corasick_leftmost_longest() {
        // A small exhaustive check over a two-letter alphabet: every pattern set of short
        // strings against every short text gives aho-corasick's LeftmostLongest matches.
        let words: Vec<String> = (1..=3)
            .flat_map(|n| {
                (0..1u32 << n).map(move |bits| {
                    (0..n)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        let texts: Vec<String> = (0..=6)
            .flat_map(|n| {
                (0..1u32 << n).map(move |bits| {
                    (0..n)
                        .map(|i| if bits >> i & 1 == 1 { 'b' } else { 'a' })
                        .collect()
                })
            })
            .collect();
        for set in 1u32..1 << 8 {
            let pats: Vec<&str> = (0..8)
                .filter(|i| set >> i & 1 == 1)
                .map(|i| words[i * words.len() / 8].as_str())
                .collect();
            let mut pats = pats;
            pats.dedup();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&pats)
                .unwrap();
            for t in &texts {
                let want: Vec<(usize, usize, u32)> = ac
                    .find_iter(t.as_str())
                    .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
                    .collect();
                assert_eq!(find(&pats, t), want, "patterns {pats:?} text {t:?}");
            }
        }
    }
}
