//! Paragraphs and sentences, found without a model: paragraphs end at line breaks (scraped
//! news puts one paragraph per line), sentences at `.`, `!` or `?` followed by space and a
//! capital, a quote mark or a digit, except after common abbreviations ("Sen.", "U.S.").

use super::Span;

/// Paragraphs of `text`: maximal runs between line breaks, trimmed of surrounding spaces.
/// Blank lines yield nothing.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut pos = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        (!trimmed.is_empty()).then(|| Span::new(start + lead, start + lead + trimmed.len()))
    })
}

/// Abbreviations after which a period does not end a sentence (compared case-sensitively,
/// without the period).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
    "Adm", "Cmdr", "Pres", "Sec", "Amb", "Rev", "Hon", "St", "Jr", "Sr", "Mt", "Ft", "Inc", "Corp",
    "Ltd", "Co", "No", "Nos", "Vol", "vs", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct",
    "Nov", "Dec", "U.S", "U.K", "U.N", "E.U", "D.C", "a.m", "p.m", "e.g", "i.e", "etc", "approx",
];

/// Iterator over sentence spans inside one paragraph span.
#[derive(Debug, Clone)]
pub struct Sentences<'t> {
    text: &'t str,
    pos: usize,
    end: usize,
}

/// Sentences of the paragraph `para` of `text`.
pub fn sentence_bounds(text: &str, para: Span) -> Sentences<'_> {
    Sentences {
        text,
        pos: para.start,
        end: para.end,
    }
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let text = self.text;
        while self.pos < self.end && text.as_bytes()[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        if self.pos >= self.end {
            return None;
        }
        let start = self.pos;
        let bytes = text.as_bytes();
        let mut i = start;
        while i < self.end {
            let b = bytes[i];
            if matches!(b, b'.' | b'!' | b'?') {
                // Swallow closing quote marks and brackets that belong to this sentence.
                let mut j = i + 1;
                while j < self.end {
                    let c = text[j..].chars().next().unwrap_or(' ');
                    if matches!(
                        c,
                        '"' | '\'' | '’' | '”' | ')' | ']' | '»' | '′' | '″' | '.' | '!' | '?'
                    ) {
                        j += c.len_utf8();
                    } else {
                        break;
                    }
                }
                if j >= self.end {
                    break;
                }
                if bytes[j] == b' '
                    && starts_sentence(text, j + 1, self.end)
                    && !(b == b'.' && is_abbreviation(text, start, i))
                {
                    self.pos = j;
                    return Some(Span::new(start, j));
                }
                i = j;
            } else {
                i += 1;
            }
        }
        self.pos = self.end;
        Some(Span::new(start, self.end))
    }
}

fn starts_sentence(text: &str, at: usize, end: usize) -> bool {
    let rest = &text[at.min(end)..end];
    let rest = rest.trim_start_matches(' ');
    match rest.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '\''
                        | '‘'
                        | '“'
                        | '«'
                        | '„'
                        | '('
                        | '″'
                        | '′'
                        | '['
                        | '—'
                        | '–'
                        | '-'
                        | '▶'
                        | '•'
                )
        }
        None => false,
    }
}

/// Whether the word ending at the period at `dot` is an abbreviation or an initial.
fn is_abbreviation(text: &str, floor: usize, dot: usize) -> bool {
    let before = &text[floor..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\'')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "Donald J. Trump"
    }
    ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        paragraphs(text)
            .flat_map(|p| sentence_bounds(text, p).collect::<Vec<_>>())
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "two sentences",
                "He left. She stayed.",
                &["He left.", "She stayed."],
            ),
            (
                "title abbreviation",
                "Sen. Lindsey Graham spoke. Then he left.",
                &["Sen. Lindsey Graham spoke.", "Then he left."],
            ),
            (
                "initial",
                "Donald J. Trump said so.",
                &["Donald J. Trump said so."],
            ),
            (
                "u.s.",
                "The U.S. will act. Others wait.",
                &["The U.S. will act.", "Others wait."],
            ),
            (
                "quote closes sentence",
                "'It is time.' Blumenthal said.",
                &["'It is time.'", "Blumenthal said."],
            ),
            (
                "lowercase after period",
                "e.g. this one. Yes.",
                &["e.g. this one.", "Yes."],
            ),
            (
                "paragraphs",
                "One.\n\nTwo.\r\nThree",
                &["One.", "Two.", "Three"],
            ),
            ("no terminal", "no stop at all", &["no stop at all"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(sentences(text), *want, "{name}");
        }
    }
}
