//! Byte spans into the original text and their conversion to code-point offsets.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range `start..end` into the text that was analysed.
///
/// Spans always lie on `char` boundaries, so `&text[span.range()]` never panics on the
/// text they came from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets, end exclusive).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The span as a `Range<usize>`, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text the span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Converts byte offsets of one text into Unicode code-point offsets (what Python's `str`
/// indexes and spaCy's `start_char` report).
///
/// Built once per text in O(n); each lookup is O(1) for ASCII text and O(log m) otherwise,
/// where m is the number of non-ASCII characters, so converting every span of a document
/// never re-scans it.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset just past each multi-byte character, with the running count of extra
    /// bytes (bytes beyond one per character) up to and including that character.
    extra: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharOffsets {
        let mut extra = Vec::new();
        if !text.is_ascii() {
            let mut total = 0;
            for (i, c) in text.char_indices() {
                let w = c.len_utf8();
                if w > 1 {
                    total += w - 1;
                    extra.push((i + w, total));
                }
            }
        }
        CharOffsets { extra }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        // Count the extra bytes of the multi-byte characters that end at or before `byte`.
        let n = self.extra.partition_point(|&(end, _)| end <= byte);
        if n == 0 {
            byte
        } else {
            byte - self.extra[n - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Løkke paid €5 😀 “yes”";
        let idx = CharOffsets::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_offset(bi), ci, "byte {bi}");
        }
        assert_eq!(idx.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharOffsets::new("plain text");
        assert_eq!(idx.char_offset(5), 5);
    }
}
