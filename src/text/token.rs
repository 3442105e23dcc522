//! Word and punctuation tokens. Words keep internal periods, hyphens and apostrophes
//! ("U.S.", "Jong-un", "don't"); a possessive "'s" or a bare "'" after an s is split off so
//! that "Putin's" is the name "Putin" plus a possessive.

use super::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters or digits.
    Word,
    /// A possessive ending: `'s`, `’s`, or a lone apostrophe after an s ("CBS'").
    Possessive,
    /// Any other non-space character.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Where it stands.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if c < LATIN_EXTENDED_END {
        // The accented letters of European names ("é", "ø", "ğ") are in the Latin blocks,
        // where every char from À on is a letter but × and ÷, and a few before it are letters
        // or digits among the signs: decided here, without the Unicode tables.
        if c >= 'À' {
            c != '×' && c != '÷'
        } else {
            matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾')
        }
    } else {
        // Curly quotes and dashes, the common non-ASCII in news, are in the General
        // Punctuation block, which holds no letter or digit: skip the slow Unicode lookup.
        !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
    }
}

const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// The end of Latin Extended-B, the last of the Latin blocks after ASCII.
const LATIN_EXTENDED_END: char = '\u{250}';

/// The char at byte `i` of `s` (a char boundary) and its width; ASCII without decoding.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    s[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// Classes of bytes for the ASCII fast path: one table load instead of a chain of range
/// compares on every byte of the text.
const PUNCT: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const HIGH: u8 = 3;
static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b' ' || (c >= b'\t' && c <= b'\r') {
            // ASCII whitespace as `char::is_whitespace` has it: tab to carriage return, space.
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

pub(super) const LOW_BITS: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (eight text bytes, little-endian) at or above `lo`,
/// for bytes below 0x80. A byte plus `0x80 - lo` reaches 0x80 just when it is at least
/// `lo`, and stays below 0x100, so no byte carries into the next.
pub(super) const fn at_least(x: u64, lo: u8) -> u64 {
    x.wrapping_add((0x80 - lo as u64) * LOW_BITS) & HIGH_BITS
}

/// The high bit of each byte of `x` (eight text bytes, little-endian) that is a lower-case
/// ASCII letter.
const fn ascii_lower_bits(x: u64) -> u64 {
    let low7 = x & !HIGH_BITS;
    at_least(low7, b'a') & !at_least(low7, b'z' + 1) & !x
}

/// The first byte at or after `at` that is not a lower-case ASCII letter (or the first of
/// the last seven bytes). The rest of a word is nearly always lower case, about four
/// letters: one test of eight bytes takes fewer instructions than a table load per byte.
/// Capitals and digits inside a word go to [`skip_ascii_alnum`].
fn skip_ascii_lower(bytes: &[u8], mut at: usize) -> usize {
    // The last position with eight bytes from it: one compare per step, no slice checks.
    let last = bytes.len().saturating_sub(8);
    while at <= last {
        let Some(&chunk) = bytes[at..].first_chunk::<8>() else {
            break;
        };
        let stops = !ascii_lower_bits(u64::from_le_bytes(chunk)) & HIGH_BITS;
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at
}

/// The high bit of each byte of `x` (eight text bytes, little-endian) that is an ASCII
/// letter or digit. Setting bit 5 maps the capitals onto the lower-case letters, and no
/// other byte onto them.
const fn ascii_alnum_bits(x: u64) -> u64 {
    let low7 = x & !HIGH_BITS;
    let folded = low7 | (0x20 * LOW_BITS);
    let letters = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digits = at_least(low7, b'0') & !at_least(low7, b'9' + 1);
    (letters | digits) & !x
}

/// The first byte at or after `at` that is not an ASCII letter or digit, eight bytes at a
/// time as [`skip_ascii_lower`], for the words that it stops in: capitals and digits.
fn skip_ascii_alnum(bytes: &[u8], mut at: usize) -> usize {
    let last = bytes.len().saturating_sub(8);
    while at <= last {
        let Some(&chunk) = bytes[at..].first_chunk::<8>() else {
            break;
        };
        let stops = !ascii_alnum_bits(u64::from_le_bytes(chunk)) & HIGH_BITS;
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at += 1;
    }
    at
}

/// Whether the apostrophe at byte `at` (of width `w`) starts a possessive "'s": an s or S
/// right after it, and no letter or digit after that.
fn possessive_s_at(s: &str, at: usize, w: usize) -> bool {
    matches!(s.as_bytes().get(at + w), Some(b's' | b'S'))
        && !char_at(s, at + w + 1).is_some_and(|(x, _)| is_alnum(x))
}

/// Appends the tokens of `text[within]` to `out`. One forward pass, no allocation beyond
/// `out`. ASCII bytes, nearly all of English news, are classified without decoding a char.
pub fn tokenize(text: &str, within: Span, out: &mut Vec<Token>) {
    tokenize_noting_words(text, within, out, |_, _, _| {});
}

/// The bytes at which a word that has taken in nothing but letters and digits ends,
/// whatever follows: whitespace, and the ASCII marks but the period, hyphen and
/// apostrophe, which a word takes in when a letter or digit follows them.
static ENDS_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (CLASS[b] == SPACE || CLASS[b] == PUNCT) && !matches!(b as u8, b'.' | b'-' | b'\'');
        b += 1;
    }
    t
};

/// [`tokenize`], calling `word(k, b, plain)` for each word token `out[k]` as it is pushed,
/// with the word's first byte `b`, and whether every byte after the first is a lower-case
/// ASCII letter (`false` when not known): a caller that wants some of the words listed
/// (the entities' capitalised words) gets them without a second pass over the tokens, and
/// knows the shape of the most common ones without reading them again.
pub(crate) fn tokenize_noting_words(
    text: &str,
    within: Span,
    out: &mut Vec<Token>,
    mut word: impl FnMut(usize, u8, bool),
) {
    let s = &text[within.range()];
    let bytes = s.as_bytes();
    let base = within.start;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class = CLASS[b as usize];
        // Where the word loop below takes up a word that starts with an ASCII letter or
        // digit: past the lower-case letters already passed over here.
        let mut resume = i + 1;
        if class == ALNUM {
            // Most tokens are such a word, lower case after its first letter and ending at
            // a space: settled here, before the general loop and its state.
            let end = skip_ascii_lower(bytes, i + 1);
            if bytes.get(end) == Some(&b' ') {
                word(out.len(), b, true);
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    kind: TokenKind::Word,
                });
                i = end + 1;
                continue;
            }
            // Or at a mark that no word takes in ("said,"): the word is as plain, and the
            // mark is left to the next turn.
            if bytes.get(end).is_some_and(|&nb| ENDS_WORD[usize::from(nb)]) {
                word(out.len(), b, true);
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    kind: TokenKind::Word,
                });
                i = end;
                continue;
            }
            resume = end;
        }
        // `alnum`: whether `c` is a letter or digit, known from the class for ASCII.
        let (c, w, alnum) = match class {
            SPACE => {
                i += 1;
                continue;
            }
            // Any ASCII but a letter, digit or apostrophe is one punctuation byte.
            PUNCT if b != b'\'' => {
                out.push(Token {
                    span: Span::new(base + i, base + i + 1),
                    kind: TokenKind::Punct,
                });
                // As after a word, a space after a comma or a full stop is passed over here.
                i += 1 + usize::from(bytes.get(i + 1) == Some(&b' '));
                continue;
            }
            HIGH => {
                let c = s[i..].chars().next().unwrap_or_default();
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                (c, c.len_utf8(), is_alnum(c))
            }
            ALNUM => (b as char, 1, true),
            // The apostrophe.
            _ => (b as char, 1, false),
        };
        if alnum {
            // Each step below passes over the letters and digits that follow what it took in,
            // lower-case ones eight at a time.
            let mut end = if class == ALNUM {
                resume
            } else {
                skip_ascii_lower(bytes, i + w)
            };
            // Whether the word took in a period ("U.S"): only then does a period after it
            // belong to it, as for a single capital ("J.").
            let mut has_period = false;
            // Extend over letters and digits, and over . - ' ’ when a letter or digit
            // follows; a possessive 's ends the word and becomes a token of its own.
            while let Some(&nb) = bytes.get(end) {
                match CLASS[nb as usize] {
                    // Capitals and digits ("KCNA", "149"), or the rest of a word with some.
                    ALNUM => {
                        end = skip_ascii_alnum(bytes, end + 1);
                        continue;
                    }
                    // Most words end at a space, which joins nothing: settled on its class.
                    SPACE => break,
                    _ => {}
                }
                let (n, nw) = if nb < 0x80 {
                    (nb as char, 1)
                } else {
                    match char_at(s, end) {
                        Some((n, nw)) if is_alnum(n) => {
                            end = skip_ascii_lower(bytes, end + nw);
                            continue;
                        }
                        Some(x) => x,
                        None => break,
                    }
                };
                if !(matches!(n, '.' | '-' | '‑' | '–') || is_apostrophe(n)) {
                    break;
                }
                if is_apostrophe(n) && possessive_s_at(s, end, nw) {
                    break;
                }
                if char_at(s, end + nw).is_some_and(|(x, _)| is_alnum(x)) {
                    has_period |= n == '.';
                    end = skip_ascii_lower(bytes, end + nw);
                } else {
                    break;
                }
            }
            // Keep the period of an abbreviation or initial ("U.S.", "J.") only when the
            // word already has internal periods or is a single capital letter.
            if bytes.get(end) == Some(&b'.') && (has_period || (end == i + w && c.is_uppercase())) {
                end += 1;
            }
            // Not told whether plain: noting the shape here cost the fast path more than it
            // saved (the fast path's words are the plain words that matter).
            word(out.len(), b, false);
            out.push(Token {
                span: Span::new(base + i, base + end),
                kind: TokenKind::Word,
            });
            i = end;
            // The space that follows most words is passed over here, not by another turn.
            if bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            continue;
        }
        if is_apostrophe(c) {
            let prev_word = out
                .last()
                .is_some_and(|t| t.kind == TokenKind::Word && t.span.end == base + i);
            if prev_word && possessive_s_at(s, i, w) {
                out.push(Token {
                    span: Span::new(base + i, base + i + w + 1),
                    kind: TokenKind::Possessive,
                });
                i += w + 1;
                continue;
            }
            let prev_s = prev_word
                && out
                    .last()
                    .is_some_and(|t| text[t.span.range()].ends_with(['s', 'S']));
            if prev_s && !char_at(s, i + w).is_some_and(|(x, _)| is_alnum(x)) {
                out.push(Token {
                    span: Span::new(base + i, base + i + w),
                    kind: TokenKind::Possessive,
                });
                i += w;
                continue;
            }
        }
        out.push(Token {
            span: Span::new(base + i, base + i + w),
            kind: TokenKind::Punct,
        });
        i += w;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The tokenizer as it was before its ASCII fast path, to check the fast path against.
    /// Appends the tokens of `text[within]` to `out`. One forward pass, no allocation beyond
    /// `out`.
    fn reference(text: &str, within: Span, out: &mut Vec<Token>) {
        let s = &text[within.range()];
        let base = within.start;
        let mut i = 0;
        while let Some((c, w)) = char_at(s, i) {
            if c.is_whitespace() {
                i += w;
                continue;
            }
            if is_alnum(c) {
                let mut end = i + w;
                // Extend over letters and digits, and over . - ' ’ when a letter or digit
                // follows; a possessive 's ends the word and becomes a token of its own.
                while let Some((n, nw)) = char_at(s, end) {
                    if is_alnum(n) {
                        end += nw;
                        continue;
                    }
                    if !(matches!(n, '.' | '-' | '‑' | '–') || is_apostrophe(n)) {
                        break;
                    }
                    let after = char_at(s, end + nw);
                    if is_apostrophe(n)
                        && matches!(after, Some(('s' | 'S', _)))
                        && !char_at(s, end + nw + 1).is_some_and(|(x, _)| is_alnum(x))
                    {
                        break;
                    }
                    if after.is_some_and(|(x, _)| is_alnum(x)) {
                        end += nw;
                    } else {
                        break;
                    }
                }
                // Keep the period of an abbreviation or initial ("U.S.", "J.") only when the
                // word already has internal periods or is a single capital letter.
                if s.as_bytes().get(end) == Some(&b'.') {
                    let word = &s[i..end];
                    let single_cap =
                        word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                    if word.contains('.') || single_cap {
                        end += 1;
                    }
                }
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    kind: TokenKind::Word,
                });
                i = end;
                continue;
            }
            if is_apostrophe(c) {
                let prev_word = out
                    .last()
                    .is_some_and(|t| t.kind == TokenKind::Word && t.span.end == base + i);
                let next = char_at(s, i + w);
                if prev_word
                    && matches!(next, Some(('s' | 'S', _)))
                    && !char_at(s, i + w + 1).is_some_and(|(x, _)| is_alnum(x))
                {
                    out.push(Token {
                        span: Span::new(base + i, base + i + w + 1),
                        kind: TokenKind::Possessive,
                    });
                    i += w + 1;
                    continue;
                }
                let prev_s = prev_word
                    && out
                        .last()
                        .is_some_and(|t| text[t.span.range()].ends_with(['s', 'S']));
                if prev_s && !next.is_some_and(|(x, _)| is_alnum(x)) {
                    out.push(Token {
                        span: Span::new(base + i, base + i + w),
                        kind: TokenKind::Possessive,
                    });
                    i += w;
                    continue;
                }
            }
            out.push(Token {
                span: Span::new(base + i, base + i + w),
                kind: TokenKind::Punct,
            });
            i += w;
        }
    }

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let mut v = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut v);
        v.iter().map(|t| (t.span.slice(text), t.kind)).collect()
    }

    #[test]
    fn token_table() {
        use TokenKind::*;
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, TokenKind)]);
        let cases: &[Case] = &[
            (
                "possessive",
                "Putin's war",
                &[("Putin", Word), ("'s", Possessive), ("war", Word)],
            ),
            (
                "curly possessive",
                "Putin’s",
                &[("Putin", Word), ("’s", Possessive)],
            ),
            (
                "s-apostrophe",
                "CBS' show",
                &[("CBS", Word), ("'", Possessive), ("show", Word)],
            ),
            ("contraction", "don't", &[("don't", Word)]),
            (
                "abbreviation",
                "the U.S. said",
                &[("the", Word), ("U.S.", Word), ("said", Word)],
            ),
            (
                "initial",
                "Donald J. Trump",
                &[("Donald", Word), ("J.", Word), ("Trump", Word)],
            ),
            ("sentence period", "left.", &[("left", Word), (".", Punct)]),
            (
                "hyphen",
                "Kim Jong-un,",
                &[("Kim", Word), ("Jong-un", Word), (",", Punct)],
            ),
            (
                "dash alone",
                "war — and",
                &[("war", Word), ("—", Punct), ("and", Word)],
            ),
            (
                "quote",
                "'Hey,'",
                &[("'", Punct), ("Hey", Word), (",", Punct), ("'", Punct)],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(toks(text), *want, "{name}");
        }
    }

    /// The fast path splits exactly as the plain char-by-char pass did, on text mixing the
    /// characters the tokenizer treats specially.
    #[test]
    fn same_tokens_as_reference() {
        use proptest::prelude::*;
        let alphabet = proptest::sample::select(vec![
            "a", "s", "S", "J", "U", "x", "1", "é", "É", "ß", "Σ", "日", ".", "-", "‑", "–", "—",
            "'", "’", " ", "\n", "\t", "\u{b}", "\u{85}", "\u{a0}", ",", "\"", "“", "\u{0}",
        ]);
        let texts = proptest::collection::vec(alphabet, 0..40).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(4000), |(text in texts)| {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            tokenize(&text, Span::new(0, text.len()), &mut got);
            reference(&text, Span::new(0, text.len()), &mut want);
            prop_assert_eq!(got, want);
        });
    }

    /// A word is noted as plain only when its first byte is an ASCII letter or digit and
    /// the others are lower-case ASCII letters.
    #[test]
    fn plain_words_noted() {
        use proptest::prelude::*;
        let alphabet = proptest::sample::select(vec![
            "abcdefg", "s", "S", "J", "x", "1", "é", "É", ".", "-", "'", "’", " ", "\n", ",",
        ]);
        let texts = proptest::collection::vec(alphabet, 0..30).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(2000), |(text in texts)| {
            let mut tokens = Vec::new();
            let mut noted = Vec::new();
            tokenize_noting_words(&text, Span::new(0, text.len()), &mut tokens, |k, b, plain| {
                noted.push((k, b, plain));
            });
            let words: Vec<usize> = (0..tokens.len())
                .filter(|&k| tokens[k].kind == TokenKind::Word)
                .collect();
            prop_assert_eq!(noted.iter().map(|n| n.0).collect::<Vec<_>>(), words);
            for (k, b, plain) in noted {
                let w = tokens[k].span.slice(&text).as_bytes();
                prop_assert_eq!(b, w[0]);
                let want = w[0].is_ascii_alphanumeric() && w[1..].iter().all(u8::is_ascii_lowercase);
                prop_assert!(want || !plain, "{:?}", text);
            }
        });
    }

    /// As above, on runs of lower-case letters long enough for the eight-byte steps.
    #[test]
    fn same_tokens_as_reference_in_long_words() {
        use proptest::prelude::*;
        let alphabet = proptest::sample::select(vec![
            "abcdefg", "s", "z", "q", "A", "9", "é", ".", "-", "'", "’", " ", ",", "{", "`",
            "\u{7f}",
        ]);
        let texts = proptest::collection::vec(alphabet, 0..30).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(2000), |(text in texts)| {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            tokenize(&text, Span::new(0, text.len()), &mut got);
            reference(&text, Span::new(0, text.len()), &mut want);
            prop_assert_eq!(got, want);
        });
    }

    /// Two tokens meet at a space, or where one side is no letter: a word takes in every
    /// letter or digit after it, and a word cannot follow a possessive directly. The
    /// entities rely on it (an alias over two tokens is no single lower-case word).
    #[test]
    fn adjacent_tokens_meet_at_a_non_letter() {
        use proptest::prelude::*;
        let alphabet = proptest::sample::select(vec![
            "a", "s", "S", "J", "x", "1", "é", "É", "ß", ".", "-", "‑", "–", "'", "’", " ", ",",
            "\"", "“", "\u{0}", "\u{a0}",
        ]);
        let texts = proptest::collection::vec(alphabet, 0..40).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(4000), |(text in texts)| {
            let mut tokens = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &mut tokens);
            for pair in tokens.windows(2) {
                let (t, u) = (pair[0].span, pair[1].span);
                if t.end < u.start {
                    continue;
                }
                let last = text[t.range()].chars().next_back();
                let first = text[u.range()].chars().next();
                prop_assert!(
                    !(last.is_some_and(char::is_alphabetic) && first.is_some_and(char::is_alphabetic)),
                    "{:?}: {:?} {:?}", text, t.slice(&text), u.slice(&text)
                );
            }
        });
    }

    /// The eight-byte test agrees with `is_ascii_lowercase` on every byte in every place.
    #[test]
    fn skip_ascii_lower_stops_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = *b"abcdefghij";
                bytes[pos] = b;
                let want = if b.is_ascii_lowercase() { 8 } else { pos };
                assert_eq!(skip_ascii_lower(&bytes, 0), want, "{b:#x} at {pos}");
            }
        }
        assert_eq!(skip_ascii_lower(b"abcdefgh", 0), 8);
        assert_eq!(skip_ascii_lower(b"abcdefgh", 1), 1);
        assert_eq!(skip_ascii_lower(b"", 0), 0);
    }

    /// The eight-byte test agrees with `is_ascii_alphanumeric` on every byte in every place.
    #[test]
    fn skip_ascii_alnum_stops_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = *b"aZ09zAbcXY";
                bytes[pos] = b;
                let want = if b.is_ascii_alphanumeric() { 10 } else { pos };
                assert_eq!(skip_ascii_alnum(&bytes, 0), want, "{b:#x} at {pos}");
            }
        }
        assert_eq!(skip_ascii_alnum(b"A1.", 0), 2);
        assert_eq!(skip_ascii_alnum(b"", 0), 0);
    }

    #[test]
    fn latin_letters_and_digits_as_unicode_has_them() {
        for c in '\u{80}'..LATIN_EXTENDED_END {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }
}
