//! Paragraphs: scraped news puts one paragraph per line, so a paragraph is a non-blank
//! line. Sentences are cut later, on the attribution frame, where quotations are already
//! known (a full stop inside a quotation does not end the writer's sentence).

use super::Span;

/// Paragraphs of `text`: maximal runs between line breaks, trimmed of surrounding spaces
/// (white space as [`str::trim`] reads it). Blank lines yield nothing.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Span> + '_ {
    Paragraphs { text, at: 0 }
}

/// The paragraphs of `text` from byte `at` on. Every document is cut into paragraphs
/// before anything else reads it, so this reads bytes: line breaks are searched for a
/// chunk at a time, and only a line's ends are looked at for white space.
struct Paragraphs<'t> {
    text: &'t str,
    /// Where the next line starts: 0, or just past a line break (a char boundary).
    at: usize,
}

impl Iterator for Paragraphs<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() {
            let start = self.at;
            let end = newline_from(bytes, start).unwrap_or(bytes.len());
            self.at = end + 1;
            if let Some(line) = trimmed_line(self.text, start, end) {
                return Some(line);
            }
        }
        None
    }
}

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each byte of `w` (eight bytes, little-endian) that is `\n`, in a few
/// word operations rather than a compare per byte. Bytes after a line break may be marked
/// too (by the subtraction's borrow), so only the lowest mark is exact.
fn newlines(w: u64) -> u64 {
    let x = w ^ (ONES * u64::from(b'\n'));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Bytes searched at once for a line break, as four words: the compiler keeps them in two
/// vector registers, and a line is a few hundred bytes, so most chunks hold no break.
const CHUNK: usize = 32;

/// The offset of the first `\n` of `bytes` at or after `from`.
fn newline_from(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(CHUNK);
    let mut at = from;
    for chunk in &mut chunks {
        let word = |i: usize| {
            let mut w = [0; 8];
            w.copy_from_slice(&chunk[8 * i..8 * i + 8]);
            newlines(u64::from_le_bytes(w))
        };
        let words = [word(0), word(1), word(2), word(3)];
        if words.iter().fold(0, |any, w| any | w) != 0 {
            // The first word with a mark holds the break, at its lowest mark.
            let (i, w) = words.iter().enumerate().find(|(_, w)| **w != 0)?;
            return Some(at + 8 * i + w.trailing_zeros() as usize / 8);
        }
        at += CHUNK;
    }
    let tail = chunks.remainder();
    tail.iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// `text[start..end]` trimmed of white space, or `None` when nothing is left. `start` and
/// `end` are char boundaries.
fn trimmed_line(text: &str, start: usize, end: usize) -> Option<Span> {
    let (lead, tail) = trim_white(text, start, end);
    (lead < tail).then(|| Span::new(lead, tail))
}

/// The ends of `text[start..end]` without its leading and trailing white space (as
/// [`str::trim`]; `lead == tail` when nothing is left). `start <= end` must be char
/// boundaries of `text`. ASCII white space is trimmed byte by byte; a character that is not
/// ASCII at either end sends that end to the standard library's trimming.
pub(crate) fn trim_white(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut lead, mut tail) = (start, end);
    while lead < tail && is_ascii_space(bytes[lead]) {
        lead += 1;
    }
    if lead < tail && !bytes[lead].is_ascii() {
        lead = tail - text[lead..tail].trim_start().len();
    }
    while tail > lead && is_ascii_space(bytes[tail - 1]) {
        tail -= 1;
    }
    if tail > lead && !bytes[tail - 1].is_ascii() {
        tail = lead + text[lead..tail].trim_end().len();
    }
    (lead, tail)
}

/// The ASCII characters [`char::is_whitespace`] accepts (vertical tab included).
pub(crate) const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraphs as they were first cut, with the standard library's line splitting
    /// and trimming: the reference the byte reading is checked against.
    fn reference(text: &str) -> Vec<Span> {
        let mut pos = 0;
        text.split_inclusive('\n')
            .filter_map(move |line| {
                let start = pos;
                pos += line.len();
                let body = line.trim_end_matches(['\n', '\r']);
                let lead = body.len() - body.trim_start().len();
                let trimmed = body.trim();
                (!trimmed.is_empty()).then(|| Span::new(start + lead, start + lead + trimmed.len()))
            })
            .collect()
    }

    #[test]
    fn paragraph_table() {
        let long = "word ".repeat(40);
        let cases: &[(&str, &str, &[&str])] = &[
            ("one line", "One line.", &["One line."]),
            (
                "blank lines skipped",
                "One.\n\n  Two.  \r\nThree",
                &["One.", "Two.", "Three"],
            ),
            ("only spaces", "  \n \n", &[]),
            ("empty", "", &[]),
            (
                "unicode spaces",
                "\u{a0}One\u{3000}\n\u{2028}\n\u{85}Two \u{a0}",
                &["One", "Two"],
            ),
            ("spaces of every kind", "\t\x0b\x0c\r One \r\r\n", &["One"]),
            ("no break space inside", "a\u{a0}b", &["a\u{a0}b"]),
            (
                "line after a long one",
                &format!("{long}\nx"),
                &[long.trim(), "x"],
            ),
        ];
        for (name, text, want) in cases {
            let got: Vec<&str> = paragraphs(text).map(|p| p.slice(text)).collect();
            assert_eq!(got, *want, "{name}");
            assert_eq!(
                paragraphs(text).collect::<Vec<_>>(),
                reference(text),
                "{name}"
            );
        }
    }

    #[test]
    fn line_breaks_at_every_offset() {
        // Breaks before, inside and after each chunk, and at the end of the text.
        for n in 0..100 {
            for m in 0..40 {
                let text = format!("{}\n{}\n", "a".repeat(n), "b".repeat(m));
                assert_eq!(paragraphs(&text).collect::<Vec<_>>(), reference(&text));
            }
        }
    }

    #[test]
    fn same_paragraphs_as_reference() {
        use proptest::prelude::*;
        let alphabet = proptest::sample::select(vec![
            "a", "word", " ", " ", "\n", "\n", "\r", "\r\n", "\t", "\u{b}", "\u{c}", "\u{a0}",
            "\u{85}", "\u{2028}", "\u{3000}", "é", "—", "\u{1680}", "\u{200b}", "\"",
        ]);
        let long = "x".repeat(70);
        let part = prop_oneof![8 => alphabet.prop_map(str::to_string), 1 => Just(long)];
        let texts = proptest::collection::vec(part, 0..60).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(3000), |(text in texts)| {
            prop_assert_eq!(paragraphs(&text).collect::<Vec<_>>(), reference(&text));
        });
    }
}
