//! Any bytes as a user gazetteer file → never a panic: either an error naming the file and
//! a line, or entries that build an extractor that works on a text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::{Error, Extractor};

fuzz_target!(|data: &[u8]| {
    let mut b = Extractor::builder();
    b.default_gazetteers(false);
    match b.add_gazetteer_reader("fuzz.jsonl", data) {
        Err(Error::Gazetteer { file, line, reason }) => {
            assert_eq!(file.to_str(), Some("fuzz.jsonl"));
            assert!(line >= 1, "line {line}");
            assert!(!reason.is_empty());
        }
        Err(e) => panic!("a reader over bytes cannot fail to read: {e}"),
        Ok(_) => {
            // Building may fail only on the automaton's limits, with an error.
            let Ok(ex) = b.build() else { return };
            // A fixed text, and the file's own bytes as a text: its names are in it.
            let fixed = "“We will act,” Sergey Lavrov told reporters, according to KCNA.";
            let own = String::from_utf8_lossy(data);
            for text in [fixed, &own] {
                let a = ex.extract(text);
                for e in &a.entities {
                    assert!(text.get(e.span.range()).is_some(), "{:?}", e.span);
                }
                for q in &a.quotes {
                    assert!(text.get(q.content.range()).is_some(), "{:?}", q.content);
                }
                let _ = a.to_document(serde_json::Value::Null, text, whosaid::OffsetUnit::Chars);
            }
        }
    }
    // The builder refused or took the file; either way it still builds.
    let _ = b.build();
});
