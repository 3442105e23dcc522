//! Quote-mark classes: which characters can open or close a quotation, how heavy each is
//! (a single or a double stroke), which marks may pair with which, and which way a mark
//! leans when its surroundings do not decide it.
//!
//! Scraped news mixes marks freely (a curly opening mark closed by a straight one, a double
//! prime opened and an apostrophe plus a prime closing), so the classes group marks by what
//! may pair in practice, not by Unicode name.

/// Marks that may pair with one another. Within a family, marks of the same weight pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkFamily {
    /// Straight, curly, low-9, reversed, backtick and prime marks. Typists and converters
    /// swap these for one another, so any of them may close any other of the same weight.
    Latin,
    /// `« » ‹ ›`, which point either way by language (French `«…»`, German and Danish `»…«`).
    Guillemet,
    /// CJK corner brackets `「」` and white corner brackets `『』`. Their direction is fixed
    /// and CJK text puts no spaces around them, so only the character tells which way
    /// they face.
    CjkCorner,
}

/// Which way a mark points when its neighbours do not decide it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkLean {
    /// Drawn as an opening mark (`“`, `‘`, `„`, `«`, `「`).
    Opening,
    /// Drawn as a closing mark (`”`, `’`, `»`, `」`).
    Closing,
    /// Symmetric: straight quotes and primes.
    Either,
}

/// What one quote-mark character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct QuoteMarkClass {
    /// Which marks it may pair with.
    pub family: MarkFamily,
    /// 1 for single marks (`'`, `‘`, `′`, `‹`, `「`), 2 for double ones (`"`, `“`, `″`, `«`, `『`).
    pub strokes: u8,
    /// Its drawn direction.
    pub lean: MarkLean,
    /// A prime (`′`, `″`), which after a digit is a unit of measure, not a quote.
    pub is_prime: bool,
}

impl QuoteMarkClass {
    const fn new(family: MarkFamily, strokes: u8, lean: MarkLean) -> QuoteMarkClass {
        QuoteMarkClass {
            family,
            strokes,
            lean,
            is_prime: false,
        }
    }

    const fn prime(strokes: u8, lean: MarkLean) -> QuoteMarkClass {
        QuoteMarkClass {
            family: MarkFamily::Latin,
            strokes,
            lean,
            is_prime: true,
        }
    }

    /// A single Latin mark: the shape an apostrophe also takes.
    pub fn is_single_latin(self) -> bool {
        self.family == MarkFamily::Latin && self.strokes == 1
    }

    /// The first quote mark of `s` at or after byte `from` (a char boundary): its byte
    /// offset, the character and its class.
    ///
    /// Most of a text is not quote marks, so this reads bytes, not characters: it skips
    /// whole chunks that hold no byte a mark can start with, and decodes a character only
    /// where one does.
    #[inline(always)]
    pub fn next_in(s: &str, from: usize) -> Option<(usize, char, QuoteMarkClass)> {
        let bytes = s.as_bytes();
        let mut at = from;
        loop {
            at += first_mark_byte(bytes.get(at..)?)?;
            // `at` holds ASCII or a lead byte, never a continuation byte, so it is a char
            // boundary and slicing there cannot panic.
            let ch = match bytes[at] {
                b if b.is_ascii() => char::from(b),
                _ => s[at..].chars().next()?,
            };
            if let Some(class) = quote_mark_class(ch) {
                return Some((at, ch, class));
            }
            at += ch.len_utf8();
        }
    }
}

/// Whether a character starting with byte `b` may be a quote mark: `"`, `'` or a backtick,
/// or the lead byte of `«` `»` (C2), of the curly, low-9, prime and angle marks
/// (E2 80), of `〝` `〞` `〟` and the corner brackets (E3 80), or of the fullwidth and
/// halfwidth forms (EF BC, EF BD). The `every_mark_starts_with_a_mark_byte` test keeps
/// this in step with [`quote_mark_class`].
fn may_start_mark(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`' | 0xC2 | 0xE2 | 0xE3 | 0xEF)
}

/// Bytes looked at together by [`first_mark_byte`]: two machine words, tested with a few
/// word-wide operations each rather than a comparison per byte.
const CHUNK: usize = 16;

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// Offset of the first byte of `bytes` for which [`may_start_mark`] holds.
#[inline(always)]
fn first_mark_byte(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < CHUNK {
        // Too short for a chunk (the last few bytes of a paragraph, mostly).
        return bytes.iter().position(|&b| may_start_mark(b));
    }
    let last = bytes.len() - CHUNK;
    let mut at = 0;
    loop {
        // The last chunk may overlap the one before it. The bytes read twice hold no mark
        // byte, so the first one found is still the first.
        at = at.min(last);
        let (low, high) = (word(&bytes[at..]), word(&bytes[at + CHUNK / 2..]));
        let (low_candidates, high_candidates) = (candidates(low), candidates(high));
        if low_candidates | high_candidates != 0 {
            if let Some(i) = first_mark_byte_of(low, low_candidates) {
                return Some(at + i);
            }
            if let Some(i) = first_mark_byte_of(high, high_candidates) {
                return Some(at + CHUNK / 2 + i);
            }
        }
        if at == last {
            return None;
        }
        at += CHUNK;
    }
}

/// The first eight bytes of `bytes`, which holds at least that many, as one word.
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// The high bit of each byte of `w` that may start a mark, in a few word operations: set
/// for every byte 0x80 or above and every `"`, `'` or backtick, and for a few others (see
/// below), which [`first_mark_byte_of`] then turns away.
fn candidates(w: u64) -> u64 {
    // The high bit of every zero byte of `x`, and perhaps of bytes after one (a borrow).
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x;
    // `"` (0x22) and `'` (0x27) in one test: with bits 0 and 2 set, both are 0x27. So are
    // `#` and `&`.
    let quote_or_apostrophe = zero_bytes((w | (ONES * 0x05)) ^ (ONES * u64::from(b'\'')));
    let backtick = zero_bytes(w ^ (ONES * u64::from(b'`')));
    (w | quote_or_apostrophe | backtick) & HIGHS
}

/// The index of the first byte of `w` (little-endian) for which [`may_start_mark`] holds,
/// given its [`candidates`].
fn first_mark_byte_of(w: u64, mut candidates: u64) -> Option<usize> {
    while candidates != 0 {
        let i = candidates.trailing_zeros() as usize / 8;
        if may_start_mark(w.to_le_bytes()[i]) {
            return Some(i);
        }
        candidates &= candidates - 1;
    }
    None
}

/// The class of `c` when it is a character that can mark a quotation.
pub(crate) const fn quote_mark_class(c: char) -> Option<QuoteMarkClass> {
    use MarkFamily::*;
    use MarkLean::*;
    let class = match c {
        '\'' | '\u{FF07}' => QuoteMarkClass::new(Latin, 1, Either),
        '"' | '\u{FF02}' => QuoteMarkClass::new(Latin, 2, Either),
        // ``like this'' in TeX-trained copy; a lone backtick opens a single quote.
        '`' => QuoteMarkClass::new(Latin, 1, Opening),
        '‘' | '‚' | '‛' => QuoteMarkClass::new(Latin, 1, Opening),
        '’' => QuoteMarkClass::new(Latin, 1, Closing),
        '“' | '„' | '‟' | '〝' => QuoteMarkClass::new(Latin, 2, Opening),
        '”' | '〞' | '〟' => QuoteMarkClass::new(Latin, 2, Closing),
        '′' => QuoteMarkClass::prime(1, Either),
        '″' => QuoteMarkClass::prime(2, Either),
        '‵' => QuoteMarkClass::prime(1, Opening),
        '‶' => QuoteMarkClass::prime(2, Opening),
        '‹' => QuoteMarkClass::new(Guillemet, 1, Opening),
        '›' => QuoteMarkClass::new(Guillemet, 1, Closing),
        '«' => QuoteMarkClass::new(Guillemet, 2, Opening),
        '»' => QuoteMarkClass::new(Guillemet, 2, Closing),
        '「' | '｢' => QuoteMarkClass::new(CjkCorner, 1, Opening),
        '」' | '｣' => QuoteMarkClass::new(CjkCorner, 1, Closing),
        '『' => QuoteMarkClass::new(CjkCorner, 2, Opening),
        '』' => QuoteMarkClass::new(CjkCorner, 2, Closing),
        _ => return None,
    };
    Some(class)
}

/// Whether `c` is a dash or hyphen, which can stand on either side of a quotation with no
/// space ("—'No,' he said").
pub(crate) const fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '⸺' | '⸻')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_of_the_issue_is_classed() {
        for c in "\"'“”‘’„‚«»‹›″′「」『』`".chars() {
            assert!(quote_mark_class(c).is_some(), "{c}");
        }
        for c in "a,.-()[]".chars() {
            assert!(quote_mark_class(c).is_none(), "{c}");
        }
    }

    #[test]
    fn weights_and_families() {
        let strokes = |c| quote_mark_class(c).map(|m| m.strokes);
        assert_eq!(strokes('″'), Some(2));
        assert_eq!(strokes('\''), Some(1));
        assert_eq!(strokes('«'), Some(2));
        assert_eq!(strokes('『'), Some(2));
        assert_eq!(
            quote_mark_class('‹').map(|m| m.family),
            Some(MarkFamily::Guillemet)
        );
        assert!(quote_mark_class('′').is_some_and(|m| m.is_prime && m.is_single_latin()));
    }

    #[test]
    fn every_mark_starts_with_a_mark_byte() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if quote_mark_class(c).is_some() {
                let mut buf = [0; 4];
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_mark(first), "{c:?}");
            }
        }
        // None of them is a continuation byte, so a match is always a char boundary.
        assert!((0x80..0xC0).all(|b| !may_start_mark(b)));
    }

    #[test]
    fn next_in_finds_the_first_mark_anywhere() {
        let first = |s: &str| QuoteMarkClass::next_in(s, 0).map(|(at, ch, _)| (at, ch));
        assert_eq!(first(""), None);
        assert_eq!(first("no marks — just a dash, é and ½"), None);
        let from = |s: &str, at| QuoteMarkClass::next_in(s, at).map(|(at, ch, _)| (at, ch));
        assert_eq!(from("a'b“c", 2), Some((3, '“')));
        assert_eq!(from("a'b“c", 6), None);
        assert_eq!(from("a'b“c", 7), None);
        // Every position within and across the chunks, after ASCII, after lookalikes
        // that share a lead byte with a mark (the em dash and the ellipsis do), and after
        // the bytes the word test lets through (`#`, `&`, and those a borrow reaches).
        for filler in ["a", "é", "—", "…", "\u{A0}", "中", "#", "&", "#a", "\u{1}b"] {
            for n in 0..40 {
                for mark in [
                    '"', '\'', '`', '“', '’', '«', '»', '″', '「', '〝', '\u{FF02}',
                ] {
                    let text = format!("{}{mark} x", filler.repeat(n));
                    assert_eq!(first(&text), Some((filler.len() * n, mark)), "{text:?}");
                }
            }
        }
    }
}
