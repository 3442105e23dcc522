//! Paragraphs: scraped news puts one paragraph per line, so a paragraph is a non-blank
//! line. Sentences are cut later, on the attribution frame, where quotations are already
//! known (a full stop inside a quotation does not end the writer's sentence).

use super::Span;

/// Paragraphs of `text`: maximal runs between line breaks, trimmed of surrounding spaces.
/// Blank lines yield nothing.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < text.len() {
            let start = pos;
            let rest = text.as_bytes().get(start..).unwrap_or_default();
            // The line with its break, as `split_inclusive('\n')` would give it.
            pos = find_newline(rest).map_or(text.len(), |i| start + i + 1);
            let line = text.get(start..pos).unwrap_or_default();
            let body = line.trim_end_matches(['\n', '\r']);
            let lead = body.len() - body.trim_start().len();
            let trimmed = body.trim();
            if !trimmed.is_empty() {
                return Some(Span::new(start + lead, start + lead + trimmed.len()));
            }
        }
        None
    })
}

/// Where the first line feed in `bytes` is: eight bytes tested at once, as lines run to a
/// hundred bytes and more, for which a byte loop (or `memchr`'s per-call set-up) costs
/// several instructions per byte.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const FEEDS: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = chunk
            .first_chunk::<8>()
            .map_or(0, |c| u64::from_le_bytes(*c) ^ FEEDS);
        // The top bit of each byte of `x` that is zero (a line feed), and no other: no
        // byte carries into the next.
        let feeds = !(((x & LOW7) + LOW7) | x | LOW7);
        if feeds != 0 {
            return Some(at + feeds.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("one line", "One line.", &["One line."]),
            (
                "blank lines skipped",
                "One.\n\n  Two.  \r\nThree",
                &["One.", "Two.", "Three"],
            ),
            ("only spaces", "  \n \n", &[]),
            ("no final break", "\n\nOne.", &["One."]),
            (
                "long lines",
                "A line of more than eight bytes.\r\r\n\n\t Another one, with é. \nlast",
                &[
                    "A line of more than eight bytes.",
                    "Another one, with é.",
                    "last",
                ],
            ),
            ("empty", "", &[]),
        ];
        for (name, text, want) in cases {
            let got: Vec<&str> = paragraphs(text).map(|p| p.slice(text)).collect();
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn find_newline_agrees_with_position() {
        for len in 0..40 {
            for at in 0..=len {
                // Bytes next to a line feed's value, and one past it, around one line feed.
                let bytes: Vec<u8> = (0..len)
                    .map(|i| {
                        if i == at {
                            b'\n'
                        } else {
                            [0x0b, 0x09, 0x8a, 0x00][i % 4]
                        }
                    })
                    .collect();
                let want = bytes.iter().position(|&b| b == b'\n');
                assert_eq!(find_newline(&bytes), want, "{bytes:?}");
            }
        }
    }
}
