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

/// Appends the tokens of `text[within]` to `out`.
pub fn tokenize(text: &str, within: Span, out: &mut Vec<Token>) {
    let s = &text[within.range()];
    let base = within.start;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            // Extend over letters and digits, and over . - ' ’ when a letter or digit follows
            // (so "U.S." keeps its final period only when followed by nothing alphanumeric:
            // handled below).
            loop {
                let rest = &s[end..];
                let mut cs = rest.chars();
                match cs.next() {
                    Some(n) if n.is_alphanumeric() => end += n.len_utf8(),
                    Some(n) if matches!(n, '.' | '-' | '‑' | '–') || is_apostrophe(n) => {
                        let after = cs.next();
                        if is_apostrophe(n)
                            && matches!(after, Some('s' | 'S'))
                            && !cs.next().is_some_and(char::is_alphanumeric)
                        {
                            break; // possessive 's: a token of its own
                        }
                        if after.is_some_and(char::is_alphanumeric) {
                            end += n.len_utf8();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            // Keep the period of an abbreviation or initial ("U.S.", "J.", "Sen.") only when
            // the word already has internal periods or is a single capital letter.
            if s[end..].starts_with('.') {
                let w = &s[i..end];
                let single_cap = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
                if w.contains('.') || single_cap {
                    end += 1;
                }
            }
            out.push(Token {
                span: Span::new(base + i, base + end),
                kind: TokenKind::Word,
            });
            // Skip what we consumed.
            while it.peek().is_some_and(|&(j, _)| j < end) {
                it.next();
            }
            continue;
        }
        if is_apostrophe(c) {
            let rest = &s[i + c.len_utf8()..];
            let mut cs = rest.chars();
            let prev_word = out
                .last()
                .is_some_and(|t| t.kind == TokenKind::Word && t.span.end == base + i);
            if prev_word
                && matches!(cs.next(), Some('s' | 'S'))
                && !cs.next().is_some_and(char::is_alphanumeric)
            {
                let end = i + c.len_utf8() + 1;
                out.push(Token {
                    span: Span::new(base + i, base + end),
                    kind: TokenKind::Possessive,
                });
                it.next();
                continue;
            }
            let prev_s = prev_word
                && out
                    .last()
                    .is_some_and(|t| text[t.span.range()].ends_with(['s', 'S']));
            if prev_s && !rest.chars().next().is_some_and(char::is_alphanumeric) {
                out.push(Token {
                    span: Span::new(base + i, base + i + c.len_utf8()),
                    kind: TokenKind::Possessive,
                });
                continue;
            }
        }
        out.push(Token {
            span: Span::new(base + i, base + i + c.len_utf8()),
            kind: TokenKind::Punct,
        });
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
