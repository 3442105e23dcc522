//! Lower-casing a word to compare it with a word list, without allocating for the words
//! the rules compare (short ASCII words, capitalised at a sentence start or in a name).

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
