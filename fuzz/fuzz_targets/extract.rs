//! Any bytes that are UTF-8 → `extract` must not panic, and its spans must slice the text,
//! agree with the JSON code-point offsets, and keep their order and nesting.

#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::{Analysis, Extractor, OffsetUnit, Span};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let a = Extractor::new().extract(text);
    check(text, &a);
    assert_eq!(a, Extractor::new().extract(text), "not deterministic");
});

fn check(text: &str, a: &Analysis) {
    let mut spans: Vec<Span> = Vec::new();
    for e in &a.entities {
        spans.push(e.span);
    }
    for q in &a.quotes {
        spans.push(q.content);
        spans.extend(q.speaker.as_ref().map(|s| s.span));
        spans.extend(q.cue);
        spans.extend(q.via.as_ref().map(|p| p.span));
        spans.extend(q.addressee.as_ref().map(|p| p.span));
        assert!(
            (0.0..=1.0).contains(&q.confidence),
            "confidence {}",
            q.confidence
        );
    }
    for s in &spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{s:?} outside the text"
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} not on char boundaries"
        );
    }
    for w in a.entities.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "entities overlap or out of order"
        );
    }
    for w in a.quotes.windows(2) {
        assert!(
            w[0].content.start <= w[1].content.start,
            "quotes out of order"
        );
    }
    for (i, p) in a.quotes.iter().enumerate() {
        for q in &a.quotes[i + 1..] {
            let (x, y) = (p.content, q.content);
            assert!(
                !x.overlaps(y) || x.contains(y) || y.contains(x),
                "quote contents {x:?} and {y:?} partially overlap"
            );
        }
    }

    // The JSON contract, in code points: same spans, same texts.
    let doc = a.to_document(serde_json::Value::from(0), text, OffsetUnit::Chars);
    let json = serde_json::to_string(&doc).expect("a document serialises");
    let back: whosaid::Document = serde_json::from_str(&json).expect("and reads back");
    let mut json_spans: Vec<(&str, usize, usize)> = Vec::new();
    for e in &back.entities {
        json_spans.push((&e.text, e.start, e.end));
    }
    for q in &back.quotes {
        json_spans.push((&q.content.text, q.content.start, q.content.end));
        if let Some(s) = &q.speaker {
            json_spans.push((&s.text, s.start, s.end));
        }
        if let Some(c) = &q.cue {
            json_spans.push((&c.text, c.start, c.end));
        }
        for p in [&q.via, &q.addressee].into_iter().flatten() {
            json_spans.push((&p.text, p.start, p.end));
        }
    }
    assert_eq!(json_spans.len(), spans.len());
    for ((t, cs, ce), s) in json_spans.into_iter().zip(spans) {
        assert_eq!(t, s.slice(text));
        assert_eq!(cs, text[..s.start].chars().count(), "start of {s:?}");
        assert_eq!(ce, text[..s.end].chars().count(), "end of {s:?}");
    }
}
