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
    } else {
        c.is_alphanumeric()
    }
}

/// The char at byte `i` of `s` (a char boundary) and its width; ASCII without decoding.
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    s[i..].chars().next().map(|c| (c, c.len_utf8()))
}

/// Appends the tokens of `text[within]` to `out`. One forward pass, no allocation beyond
/// `out`.
pub fn tokenize(text: &str, within: Span, out: &mut Vec<Token>) {
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
                let single_cap = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
