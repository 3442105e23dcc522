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
}

/// The class of `c` when it is a character that can mark a quotation.
pub(crate) fn quote_mark_class(c: char) -> Option<QuoteMarkClass> {
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
pub(crate) fn is_dash(c: char) -> bool {
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
}
