//! Lower-casing a word to compare it with a word list, without allocating for the words
//! the rules compare (short ASCII words, capitalised at a sentence start or in a name).

use super::token::{at_least, HIGH_BITS};
use std::ops::Deref;

/// Longest ASCII word lower-cased in place; longer or non-ASCII words with capitals are
/// lower-cased on the heap.
const INLINE: usize = 24;

/// A word in lower case: the word itself when it has no capitals, a copy on the stack for
/// short ASCII words, a `String` otherwise.
#[derive(Debug, Clone)]
pub(crate) enum Lowered<'a> {
    Borrowed(&'a str),
    Inline([u8; INLINE], u8),
    Owned(String),
}

/// `word` in lower case (Unicode lower-casing, as `str::to_lowercase`).
pub(crate) fn lower(word: &str) -> Lowered<'_> {
    let bytes = word.as_bytes();
    if bytes.len() <= INLINE {
        // A short word is read as at most three integers of eight bytes (overlapping when
        // its length is no multiple of eight), which tell at once whether it is ASCII and
        // whether it has capitals: most words the rules look at have none.
        let chunks = Chunks::of(bytes);
        let all = chunks.words.iter().fold(0, |acc, w| acc | w);
        if all & HIGH_BITS != 0 {
            return lower_unicode(word);
        }
        if chunks.words.iter().all(|&w| capital_bits(w) == 0) {
            return Lowered::Borrowed(word);
        }
        let mut buf = [0u8; INLINE];
        chunks.write_lowered(&mut buf);
        return Lowered::Inline(buf, bytes.len() as u8);
    }
    // A longer one, eight bytes at a time, and the last few one by one.
    let mut chunks = bytes.chunks_exact(8);
    let (mut all, mut capitals) = (0, 0);
    for chunk in &mut chunks {
        let w = chunk
            .first_chunk::<8>()
            .map_or(0, |c| u64::from_le_bytes(*c));
        all |= w;
        capitals |= capital_bits(w & !HIGH_BITS);
    }
    for &b in chunks.remainder() {
        all |= u64::from(b);
        capitals |= u64::from(b.is_ascii_uppercase());
    }
    if all & HIGH_BITS != 0 {
        lower_unicode(word)
    } else if capitals == 0 {
        Lowered::Borrowed(word)
    } else {
        Lowered::Owned(word.to_ascii_lowercase())
    }
}

/// [`lower`] of a word that is not ASCII.
fn lower_unicode(word: &str) -> Lowered<'_> {
    if word.chars().any(char::is_uppercase) {
        Lowered::Owned(word.to_lowercase())
    } else {
        Lowered::Borrowed(word)
    }
}

/// The high bit of each byte of `x` (eight bytes, little-endian, all ASCII) that is a
/// capital letter (garbage for other bytes).
const fn capital_bits(x: u64) -> u64 {
    at_least(x, b'A') & !at_least(x, b'Z' + 1)
}

/// `x` (eight ASCII bytes) with its capitals in lower case: the high bit of a capital,
/// moved to bit 5, is what makes it lower case.
const fn lowered(x: u64) -> u64 {
    x | (capital_bits(x) >> 2)
}

/// A word of at most [`INLINE`] bytes as little-endian integers: eight bytes from each
/// of `offsets` (four, for a word of four to seven bytes; the whole word, below four).
/// Together they cover the word, some bytes twice.
struct Chunks {
    words: [u64; 3],
    offsets: [usize; 3],
    width: usize,
    len: usize,
}

impl Chunks {
    fn of(bytes: &[u8]) -> Chunks {
        let n = bytes.len();
        let u64_at = |at: usize| {
            bytes[at..]
                .first_chunk::<8>()
                .map_or(0, |c| u64::from_le_bytes(*c))
        };
        let u32_at = |at: usize| {
            bytes[at..]
                .first_chunk::<4>()
                .map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
        };
        let (offsets, width) = if n >= 8 {
            ([0, (n - 8).min(8), n - 8], 8)
        } else if n >= 4 {
            ([0, n - 4, n - 4], 4)
        } else {
            ([0, 0, 0], n)
        };
        let words = match width {
            8 => offsets.map(u64_at),
            4 => offsets.map(u32_at),
            _ => {
                let x = (bytes.iter().rev()).fold(0, |x, &b| (x << 8) | u64::from(b));
                [x; 3]
            }
        };
        Chunks {
            words,
            offsets,
            width,
            len: n,
        }
    }

    /// Writes the word in lower case to the start of `buf`.
    fn write_lowered(&self, buf: &mut [u8; INLINE]) {
        for (&w, &at) in self.words.iter().zip(&self.offsets) {
            let bytes = lowered(w).to_le_bytes();
            // Copies of a known width: stores, not calls.
            match self.width {
                8 => buf[at..at + 8].copy_from_slice(&bytes),
                4 => buf[at..at + 4].copy_from_slice(&bytes[..4]),
                n => {
                    for (d, &b) in buf.iter_mut().zip(&bytes[..n]) {
                        *d = b;
                    }
                }
            }
        }
        debug_assert!(self.offsets[2] + self.width == self.len);
    }
}

impl Lowered<'_> {
    /// The bytes of the word in lower case, with no check that they make a `str` (which
    /// the short words lower-cased on the stack would cost).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            Lowered::Borrowed(s) => s.as_bytes(),
            Lowered::Inline(buf, len) => &buf[..usize::from(*len)],
            Lowered::Owned(s) => s.as_bytes(),
        }
    }
}

impl Deref for Lowered<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lowered::Borrowed(s) => s,
            // Lower-cased ASCII is ASCII, hence valid UTF-8: the empty fallback is never
            // taken.
            Lowered::Inline(buf, len) => std::str::from_utf8(&buf[..*len as usize]).unwrap_or(""),
            Lowered::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Lowered<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq<&str> for Lowered<'_> {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lower` as it was before it read words eight bytes at a time.
    fn lower_reference(word: &str) -> Lowered<'_> {
        let bytes = word.as_bytes();
        if word.is_ascii() {
            if !bytes.iter().any(u8::is_ascii_uppercase) {
                return Lowered::Borrowed(word);
            }
            if bytes.len() <= INLINE {
                let mut buf = [0u8; INLINE];
                buf[..bytes.len()].copy_from_slice(bytes);
                buf.make_ascii_lowercase();
                return Lowered::Inline(buf, bytes.len() as u8);
            }
            return Lowered::Owned(word.to_ascii_lowercase());
        }
        if word.chars().any(char::is_uppercase) {
            Lowered::Owned(word.to_lowercase())
        } else {
            Lowered::Borrowed(word)
        }
    }

    /// Which variant, and its text.
    fn shape<'a>(l: &'a Lowered<'_>) -> (u8, &'a str) {
        let kind = match l {
            Lowered::Borrowed(_) => 0,
            Lowered::Inline(..) => 1,
            Lowered::Owned(_) => 2,
        };
        (kind, l)
    }

    proptest::proptest! {
        /// Every length up to past the inline limit, every kind of byte near the letters'
        /// edges: the same variant and text as the plain byte-by-byte version.
        #[test]
        fn lower_as_reference(parts in proptest::collection::vec(proptest::sample::select(vec![
            "a", "z", "A", "Z", "@", "[", "`", "{", "0", "-", "\u{7f}", "é", "É", "ß", "\u{0}",
        ]), 0..30)) {
            let word = parts.concat();
            let (got, want) = (lower(&word), lower_reference(&word));
            proptest::prop_assert_eq!(shape(&got), shape(&want), "{:?}", word);
            proptest::prop_assert_eq!(got.as_bytes(), got.as_ref().as_bytes());
        }
    }

    #[test]
    fn capitals_found_in_every_place() {
        for n in 1..=INLINE {
            for at in 0..n {
                for b in 0..0x80u8 {
                    let mut bytes = vec![b'x'; n];
                    bytes[at] = b;
                    let word = std::str::from_utf8(&bytes).unwrap();
                    assert_eq!(
                        shape(&lower(word)),
                        shape(&lower_reference(word)),
                        "{word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lowers_as_to_lowercase_does() {
        for w in [
            "",
            "the",
            "The",
            "THE",
            "McCain",
            "Ærø",
            "İstanbul",
            "ΣΟΦΙΑ",
            "a-very-long-hyphenated-WORD-indeed",
            "x\u{212A}",
            "déclaré",
        ] {
            assert_eq!(&*lower(w), w.to_lowercase(), "{w}");
        }
    }
}
