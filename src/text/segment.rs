//! Paragraphs: scraped news puts one paragraph per line, so a paragraph is a non-blank
//! line. Sentences are cut later, on the attribution frame, where quotations are already
//! known (a full stop inside a quotation does not end the writer's sentence).

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
        ];
        for (name, text, want) in cases {
            let got: Vec<&str> = paragraphs(text).map(|p| p.slice(text)).collect();
            assert_eq!(got, *want, "{name}");
        }
    }
}
