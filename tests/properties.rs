//! Property tests: whatever the text, `extract` returns spans that slice it, offsets that
//! agree in bytes and code points, sorted and well-nested records, and the same answer
//! every time; and shifting the text shifts every span and changes nothing else.
//!
//! Two kinds of text: arbitrary Unicode, and news-like text assembled from names, cues,
//! pronouns and sentences with quote marks drawn from every family the scanner knows.
//! Case counts are modest so the suite stays fast in debug builds; `PROPTEST_CASES=5000 cargo
//! test --release --test properties` searches longer.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::Value;
use whosaid::{Analysis, Extractor, OffsetUnit, Span};

fn extractor() -> Extractor {
    // Built once per process (a `Lazy` inside the crate); later calls are a clone.
    Extractor::new()
}

/// Every span in an analysis, with what it is.
fn spans(a: &Analysis) -> Vec<(&'static str, Span)> {
    let mut out = Vec::new();
    for e in &a.entities {
        out.push(("entity", e.span));
    }
    for q in &a.quotes {
        out.push(("content", q.content));
        if let Some(s) = &q.speaker {
            out.push(("speaker", s.span));
        }
        if let Some(c) = q.cue {
            out.push(("cue", c));
        }
        if let Some(v) = &q.via {
            out.push(("via", v.span));
        }
        if let Some(p) = &q.addressee {
            out.push(("addressee", p.span));
        }
    }
    out
}

/// The JSON spans of a document, in the same order as [`spans`]: (text, start, end).
fn json_spans(d: &Value) -> Vec<(String, usize, usize)> {
    let one = |o: &Value| {
        (
            o["text"].as_str().unwrap_or_default().to_string(),
            o["start"].as_u64().unwrap_or(u64::MAX) as usize,
            o["end"].as_u64().unwrap_or(u64::MAX) as usize,
        )
    };
    let mut out = Vec::new();
    for e in d["entities"].as_array().into_iter().flatten() {
        out.push(one(e));
    }
    for q in d["quotes"].as_array().into_iter().flatten() {
        out.push(one(&q["content"]));
        for k in ["speaker", "cue", "via", "addressee"] {
            if !q[k].is_null() {
                out.push(one(&q[k]));
            }
        }
    }
    out
}

/// Everything that must hold of `a`, the analysis of `text`.
fn check(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    for (what, s) in spans(a) {
        prop_assert!(
            s.start <= s.end && s.end <= text.len(),
            "{what} {s:?} outside 0..{}",
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what} {s:?} not on char boundaries"
        );
    }

    // Entities: in text order, no two overlapping.
    for w in a.entities.windows(2) {
        prop_assert!(
            w[0].span.end <= w[1].span.start,
            "entities out of order or overlapping: {:?} then {:?}",
            w[0].span,
            w[1].span
        );
    }
    // Quotes: sorted by content start; two contents are disjoint or nested.
    for w in a.quotes.windows(2) {
        prop_assert!(
            w[0].content.start <= w[1].content.start,
            "quotes out of order: {:?} then {:?}",
            w[0].content,
            w[1].content
        );
    }
    for (i, p) in a.quotes.iter().enumerate() {
        prop_assert!(
            (0.0..=1.0).contains(&p.confidence),
            "confidence {} of {:?}",
            p.confidence,
            p.content
        );
        for q in &a.quotes[i + 1..] {
            let (x, y) = (p.content, q.content);
            prop_assert!(
                !x.overlaps(y) || x.contains(y) || y.contains(x),
                "quote contents partially overlap: {x:?} {:?} and {y:?} {:?}",
                x.slice(text),
                y.slice(text)
            );
        }
    }

    // JSON in code points slices back by code points; in bytes it is the Rust span; and
    // the two agree through the text.
    let chars = serde_json::to_value(a.to_document(Value::Null, text, OffsetUnit::Chars))
        .map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let bytes = serde_json::to_value(a.to_document(Value::Null, text, OffsetUnit::Bytes))
        .map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
    let (cs, bs, rs) = (json_spans(&chars), json_spans(&bytes), spans(a));
    prop_assert_eq!(cs.len(), rs.len());
    prop_assert_eq!(bs.len(), rs.len());
    let code_points: Vec<char> = text.chars().collect();
    for (((ct, cstart, cend), (bt, bstart, bend)), (what, s)) in cs.iter().zip(&bs).zip(&rs) {
        prop_assert!(cstart <= cend && *cend <= code_points.len(), "{what} chars");
        let by_chars: String = code_points[*cstart..*cend].iter().collect();
        prop_assert_eq!(&by_chars, ct, "{} sliced by code points", what);
        prop_assert_eq!((*bstart, *bend), (s.start, s.end), "{} bytes", what);
        prop_assert_eq!(bt, s.slice(text), "{} text", what);
        prop_assert_eq!(text[..*bstart].chars().count(), *cstart, "{} start", what);
        prop_assert_eq!(text[..*bend].chars().count(), *cend, "{} end", what);
    }
    Ok(())
}

/// Extracts twice, checks both runs are identical and sane, and returns the analysis.
fn run(text: &str) -> Result<Analysis, TestCaseError> {
    let ex = extractor();
    let a = ex.extract(text);
    let b = ex.extract(text);
    prop_assert_eq!(&a, &b, "two runs differ");
    check(text, &a)?;
    Ok(a)
}

/// `a` with every span moved `by` bytes to the right.
fn shifted(a: &Analysis, by: usize) -> Analysis {
    let sh = |s: Span| Span::new(s.start + by, s.end + by);
    let mut a = a.clone();
    for e in &mut a.entities {
        e.span = sh(e.span);
    }
    for q in &mut a.quotes {
        q.content = sh(q.content);
        q.cue = q.cue.map(sh);
        if let Some(s) = &mut q.speaker {
            s.span = sh(s.span);
        }
        if let Some(v) = &mut q.via {
            v.span = sh(v.span);
        }
        if let Some(p) = &mut q.addressee {
            p.span = sh(p.span);
        }
    }
    a
}

// ---------------------------------------------------------------------------------------
// Generators

/// Every quote mark the scanner classes, and the doubled forms sloppy copy uses.
const MARKS: &[&str] = &[
    "\"", "'", "“", "”", "‘", "’", "„", "‚", "«", "»", "‹", "›", "″", "′", "「", "」", "『", "』",
    "''", "``", "« ", " »",
];

/// Opening and closing marks that belong together.
const PAIRS: &[(&str, &str)] = &[
    ("\"", "\""),
    ("'", "'"),
    ("“", "”"),
    ("‘", "’"),
    ("„", "“"),
    ("‚", "‘"),
    ("«", "»"),
    ("»", "«"),
    ("‹", "›"),
    ("″", "″"),
    ("「", "」"),
    ("『", "』"),
    ("''", "''"),
    ("``", "''"),
];

const NAMES: &[&str] = &[
    "Sergey Lavrov",
    "Lavrov",
    "Kim Jong Un",
    "Kim",
    "Lars Løkke Rasmussen",
    "Rasmussen",
    "Donald Trump",
    "Marco Rubio",
    "Vladimir Putin",
    "KCNA",
    "Reuters",
    "NBC News",
    "the United Nations",
    "North Korea",
    "Russia",
    "Denmark",
    "Pyongyang",
    "Moscow",
    "the foreign minister",
    "the envoy",
    "a spokeswoman",
    "Jane Doe",
];

const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "told NBC News",
    "added",
    "warned",
    "according to KCNA",
    "according to",
    "said on Sunday that",
    "reaffirmed",
    "wrote on X",
    "insisted",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "He", "She", "They", "We", "I"];

const WORDS: &[&str] = &[
    "We will never give up",
    "the talks would resume",
    "I'm ready",
    "don't",
    "the '90s",
    "rock 'n' roll",
    "5'11",
    "Face the Nation",
    "the DPRK is ready to unconditionally support",
    "peace",
    "in their just cause",
    "Mr.",
    "Dr.",
    "U.S.",
    "€5 million",
    "😀",
    "🇰🇵",
    "—",
    "–",
    "(",
    ")",
    "...",
    "…",
    "e.g.",
    "Ølbrød",
    "naïve café",
];

const PUNCT: &[&str] = &[".", ",", ":", ";", "!", "?", ""];

const SEPS: &[&str] = &[
    "", " ", " ", " ", " ", ", ", "\n", "\n\n", "\r\n", "\t", "\u{a0}",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(list)
}

/// One piece of news-like text.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        3 => pick(MARKS),
        3 => pick(NAMES),
        2 => pick(CUES),
        1 => pick(PRONOUNS),
        3 => pick(WORDS),
        2 => pick(PUNCT),
    ]
}

/// Pieces with random separators: anything goes, including marks in the middle of words.
fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), pick(SEPS)), 0..48).prop_map(|parts| {
        let mut s = String::new();
        for (p, sep) in parts {
            s.push_str(p);
            s.push_str(sep);
        }
        s
    })
}

/// A sentence in a shape news uses, with random marks: `“…,” Name said.`,
/// `Name said: «…»`, `…, according to KCNA.`, `He told reporters that …`.
fn sentence() -> impl Strategy<Value = String> {
    (
        0..5u8,
        prop_oneof![
            3 => proptest::sample::select(PAIRS),
            1 => (pick(MARKS), pick(MARKS)),
        ],
        prop::collection::vec(pick(WORDS), 1..5),
        prop_oneof![pick(NAMES), pick(PRONOUNS)],
        pick(CUES),
        pick(PUNCT),
    )
        .prop_map(|(shape, (open, close), words, who, cue, punct)| {
            let words = words.join(" ");
            match shape {
                0 => format!("{open}{words}{punct}{close} {who} {cue}."),
                1 => format!("{who} {cue}: {open}{words}{punct}{close}"),
                2 => format!("{open}{words},{close} {who} {cue}, {open}{words}.{close}"),
                3 => format!("{who} {cue} {words}."),
                _ => format!("{open}{words}{close}"),
            }
        })
}

/// Paragraphs of sentences, sometimes with soup between them.
fn news() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop_oneof![4 => sentence(), 1 => soup()],
            pick(&[" ", " ", "\n", "\n\n", "\r\n"]),
        ),
        1..10,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (p, sep) in parts {
            s.push_str(&p);
            s.push_str(sep);
        }
        s
    })
}

/// Short strings over an alphabet heavy in the characters the rules look at.
fn tricky_chars() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        3 => proptest::sample::select(vec![
            '"', '\'', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›', '″', '′', '「', '」', '『',
            '』', '`',
        ]),
        3 => proptest::sample::select(vec![' ', '\n', '\r', '\t', '.', ',', ':', '-', '—', '(']),
        3 => proptest::sample::select(vec!['a', 'K', 'i', 'm', 's', 'L', 'd', 'I', 'T']),
        1 => any::<char>(),
    ];
    prop::collection::vec(ch, 0..120).prop_map(|v| v.into_iter().collect())
}

// ---------------------------------------------------------------------------------------
// Properties

/// `default` cases, or `PROPTEST_CASES` when set (for a longer search by hand).
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(n)
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn arbitrary_unicode_is_sane(text in any::<String>()) {
        run(&text)?;
    }

    #[test]
    fn tricky_characters_are_sane(text in tricky_chars()) {
        run(&text)?;
    }

    #[test]
    fn news_like_text_is_sane(text in news()) {
        run(&text)?;
    }

    #[test]
    fn news_soup_is_sane(text in soup()) {
        run(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(128))]

    /// Offsets are relative to the text: a prefix that cannot change attribution moves
    /// every span by its length in bytes and changes nothing else.
    #[test]
    fn a_prefix_shifts_every_span(text in news(), prefix in pick(&[" ", "\u{a0}", "\n\n", "😀\n\n"])) {
        let a = run(&text)?;
        let b = run(&format!("{prefix}{text}"))?;
        prop_assert_eq!(b, shifted(&a, prefix.len()));
    }
}

/// The news-like generator is not vacuous: its texts give quotes, many with a speaker, so
/// the properties above are checked on real records and not on empty analyses.
#[test]
fn news_generator_yields_attributed_quotes() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut quotes, mut speakers) = (0, 0);
    let docs = 100;
    for _ in 0..docs {
        let text = news().new_tree(&mut runner).unwrap().current();
        let a = extractor().extract(&text);
        quotes += a.quotes.len();
        speakers += a.quotes.iter().filter(|q| q.speaker.is_some()).count();
    }
    assert!(quotes > docs, "{quotes} quotes in {docs} documents");
    assert!(
        speakers > docs / 2,
        "{speakers} speakers in {docs} documents"
    );
}
