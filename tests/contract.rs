//! The JSON contract: field names and types, code-point offsets, the stream's handling of
//! bad lines, and that an `Extractor` can be shared across threads.

use serde_json::Value;
use std::io::Write;
use whosaid::stream::{document_line, process_files, process_jsonl, StreamOptions};
use whosaid::{Extractor, OffsetUnit};

#[test]
fn extractor_is_send_sync_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Extractor>();
    let ex = Extractor::new();
    let handle = {
        let ex = ex.clone();
        std::thread::spawn(move || ex.extract("“Fine,” Sergey Lavrov said.").quotes.len())
    };
    assert_eq!(
        handle.join().unwrap(),
        ex.extract("“Fine,” Sergey Lavrov said.").quotes.len()
    );
}

fn doc(text: &str) -> Value {
    let ex = Extractor::new();
    serde_json::to_value(
        ex.extract(text)
            .to_document(Value::from("t"), text, OffsetUnit::Chars),
    )
    .unwrap()
}

/// Python-style slicing by code points, as a JSON consumer would do.
fn slice_chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Every span object in a document slices back to its `text` by code points.
fn check_offsets(text: &str, d: &Value) {
    let check = |o: &Value, what: &str| {
        let (s, e) = (o["start"].as_u64().unwrap(), o["end"].as_u64().unwrap());
        assert!(s <= e && e as usize <= text.chars().count(), "{what} {o}");
        assert_eq!(
            slice_chars(text, s, e),
            o["text"].as_str().unwrap(),
            "{what} offsets of {o}"
        );
    };
    for e in d["entities"].as_array().unwrap() {
        check(e, "entity");
    }
    for q in d["quotes"].as_array().unwrap() {
        check(&q["content"], "content");
        for k in ["speaker", "cue", "via", "addressee"] {
            if !q[k].is_null() {
                check(&q[k], k);
            }
        }
    }
}

#[test]
fn contract_table() {
    // (name, text, check)
    type Check = fn(&Value);
    let cases: &[(&str, &str, Check)] = &[
        ("top-level keys", "Plain text.", |d| {
            assert_eq!(d["id"], "t");
            assert!(d["entities"].is_array() && d["quotes"].is_array());
        }),
        (
            "entity fields",
            "Sergey Lavrov arrived in Pyongyang.",
            |d| {
                let e = &d["entities"][0];
                for k in ["text", "start", "end", "label", "name", "id"] {
                    assert!(e.get(k).is_some(), "entity lacks {k}: {e}");
                }
                assert_eq!(e["label"], "PERSON");
                assert_eq!(e["name"], "Sergey Lavrov");
            },
        ),
        (
            "labels are spaCy's",
            "Russian troops left Russia for Moscow.",
            |d| {
                for e in d["entities"].as_array().unwrap() {
                    let l = e["label"].as_str().unwrap();
                    assert!(["PERSON", "NORP", "ORG", "GPE", "LOC"].contains(&l), "{l}");
                }
            },
        ),
        (
            "quote fields",
            "“We will act,” Sergey Lavrov told reporters.",
            |d| {
                let q = &d["quotes"][0];
                for k in [
                    "content",
                    "kind",
                    "speaker",
                    "cue",
                    "via",
                    "addressee",
                    "confidence",
                ] {
                    assert!(q.get(k).is_some(), "quote lacks {k}: {q}");
                }
                assert_eq!(q["kind"], "direct");
                assert_eq!(q["speaker"]["name"], "Sergey Lavrov");
                assert_eq!(q["speaker"]["resolved_by"], "explicit");
                assert_eq!(q["cue"]["text"], "told");
                assert_eq!(q["addressee"]["text"], "reporters");
                let c = q["confidence"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&c));
            },
        ),
        (
            "kind is one of four",
            "Lavrov said on Sunday that talks would resume.",
            |d| {
                for q in d["quotes"].as_array().unwrap() {
                    assert!(["direct", "partial", "indirect", "mixed"]
                        .contains(&q["kind"].as_str().unwrap()));
                }
                assert_eq!(d["quotes"][0]["kind"], "indirect");
            },
        ),
        (
            "null when absent",
            "“Maybe,” Sergey Lavrov said.",
            |d| {
                let q = &d["quotes"][0];
                assert!(q["via"].is_null() && q["addressee"].is_null());
            },
        ),
        (
            "a title in quotes is not a quote",
            "Graham appeared on 'Face the Nation' on Sunday.",
            |d| {
                assert!(d["quotes"].as_array().unwrap().is_empty(), "{d}");
            },
        ),
        (
            "apostrophes are not quotes",
            "Putin's war, the '90s, and Jones' car don't count.",
            |d| {
                assert!(d["quotes"].as_array().unwrap().is_empty(), "{d}");
            },
        ),
        (
            "an undecided name lists its candidates",
            "Officials in Georgia said the vote would wait.",
            |d| {
                let e = &d["entities"][0];
                assert_eq!(e["text"], "Georgia");
                assert!(e["name"].is_null() && e["id"].is_null(), "{e}");
                assert!(
                    e["candidates"].as_array().is_some_and(|c| c.len() >= 2),
                    "{e}"
                );
            },
        ),
        (
            "a decided name has no candidates key",
            "Sergey Lavrov arrived.",
            |d| {
                assert!(d["entities"][0].get("candidates").is_none(), "{d}");
            },
        ),
        (
            "confidence has three decimals at most",
            "Officials in Georgia said the vote would wait.",
            |d| {
                let c = d["quotes"][0]["confidence"].as_f64().unwrap();
                assert!(((c * 1000.0).round() - c * 1000.0).abs() < 1e-6, "{c}");
            },
        ),
        ("empty text", "", |d| {
            assert!(d["entities"].as_array().unwrap().is_empty());
            assert!(d["quotes"].as_array().unwrap().is_empty());
        }),
    ];
    for (name, text, check) in cases {
        let d = doc(text);
        check_offsets(text, &d);
        std::panic::catch_unwind(|| check(&d))
            .unwrap_or_else(|_| panic!("case {name:?} failed on {d}"));
    }
}

#[test]
fn non_ascii_offsets_are_code_points() {
    let text = "€5 and 😀 later, “We should prepare,” said Denmark's foreign minister, Lars Løkke Rasmussen. ‘Fine,’ he added.";
    let d = doc(text);
    check_offsets(text, &d);
    let names: Vec<&str> = d["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(names.contains(&"Lars Løkke Rasmussen"), "{names:?}");
    let q = &d["quotes"][0];
    assert_eq!(q["content"]["text"], "We should prepare,");
    // The same spans in bytes differ, and slice the UTF-8 text.
    let ex = Extractor::new();
    let bytes = serde_json::to_value(ex.extract(text).to_document(
        Value::Null,
        text,
        OffsetUnit::Bytes,
    ))
    .unwrap();
    let bq = &bytes["quotes"][0]["content"];
    let (s, e) = (
        bq["start"].as_u64().unwrap() as usize,
        bq["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "We should prepare,");
    assert_ne!(bq["start"], q["content"]["start"]);
}

/// The stream options every stream test runs under: one thread, and workers with shares
/// of one line, two lines and the default.
fn stream_setups() -> Vec<StreamOptions> {
    let mut setups = vec![StreamOptions::default()];
    for (jobs, batch) in [(2, 1), (2, 2), (3, 2), (2, StreamOptions::default().batch)] {
        setups.push(StreamOptions {
            jobs,
            batch,
            ..StreamOptions::default()
        });
    }
    setups
}

#[test]
fn bad_line_in_the_middle_of_a_stream() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"“Yes,” Sergey Lavrov said.\"}\n",
        "{\"id\": \"b\", \"text\": \n",
        "\n",
        "{\"id\": 7, \"text\": \"No quotes.\"}\n",
        "{\"text\": \"no id\"}\n",
        "{\"id\": \"c\", \"text\": \"Last one.\"}",
    );
    let ex = Extractor::new();
    for options in stream_setups() {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let report = process_jsonl(&ex, input.as_bytes(), &mut out, options, |e| {
            seen.push(e.line)
        })
        .unwrap();
        assert_eq!(report.documents, 3, "{options:?}");
        assert_eq!(seen, vec![2, 5], "{options:?}");
        assert_eq!(
            report.errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![2, 5],
            "{options:?}"
        );
        assert_eq!(
            output_ids(&out),
            [Value::from("a"), Value::from(7), Value::from("c")],
            "{options:?}"
        );
    }
}

/// The ids of a stream's output lines, in order.
fn output_ids(out: &[u8]) -> Vec<Value> {
    std::str::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
        .collect()
}

/// `n` JSON lines, ids 0 to `n - 1`.
fn numbered_documents(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Line {i}.\"}}\n"))
        .collect()
}

/// Input that yields its data and then fails, as a broken pipe or a bad disk would.
struct FailingAfter {
    data: std::io::Cursor<Vec<u8>>,
}

impl std::io::Read for FailingAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.data.read(buf)? {
            0 => Err(std::io::Error::other("the disk went away")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_read_error_stops_the_stream_after_writing_every_line_before_it() {
    let lines = numbered_documents(20);
    let ex = Extractor::new();
    for options in stream_setups() {
        let input = std::io::BufReader::new(FailingAfter {
            data: std::io::Cursor::new(lines.clone().into_bytes()),
        });
        let mut out = Vec::new();
        let err = process_jsonl(&ex, input, &mut out, options, |_| {}).unwrap_err();
        assert_eq!(err.to_string(), "the disk went away", "{options:?}");
        assert_eq!(
            String::from_utf8(out).unwrap().lines().count(),
            20,
            "{options:?}"
        );
    }
}

/// Output that takes `room` lines and then fails, as a full disk would.
struct FullAfter {
    room: usize,
    written: Vec<u8>,
}

impl Write for FullAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.written.iter().filter(|&&b| b == b'\n').count() >= self.room {
            return Err(std::io::Error::other("no space left"));
        }
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_error_stops_the_stream_and_is_returned() {
    let lines = numbered_documents(500);
    let ex = Extractor::new();
    for options in stream_setups() {
        let mut out = FullAfter {
            room: 3,
            written: Vec::new(),
        };
        let err = process_jsonl(&ex, lines.as_bytes(), &mut out, options, |_| {}).unwrap_err();
        assert_eq!(err.to_string(), "no space left", "{options:?}");
        assert_eq!(
            output_ids(&out.written),
            [0, 1, 2].map(Value::from),
            "{options:?}"
        );
    }
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_not_an_error() {
    let input = "\u{feff}{\"id\": 1, \"text\": \"Fine.\"}\n{\"id\": 2, \"text\": \"Also fine.\"}\n";
    let ex = Extractor::new();
    let mut out = Vec::new();
    let report = process_jsonl(
        &ex,
        input.as_bytes(),
        &mut out,
        StreamOptions::default(),
        |_| {},
    )
    .unwrap();
    assert_eq!(report.documents, 2);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
}

#[test]
fn invalid_utf8_line_is_reported_not_fatal() {
    let mut input = b"{\"id\":1,\"text\":\"ok\"}\n".to_vec();
    input.extend_from_slice(b"{\"id\":2,\"text\":\"\xff\"}\n{\"id\":3,\"text\":\"ok\"}\n");
    let ex = Extractor::new();
    let mut out = Vec::new();
    let report =
        process_jsonl(&ex, &input[..], &mut out, StreamOptions::default(), |_| {}).unwrap();
    assert_eq!(report.documents, 2);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, 2);
    assert!(report.errors[0].reason.contains("UTF-8"));
}

#[test]
fn parallel_stream_keeps_input_order() {
    let mut input = String::new();
    for i in 0..50 {
        input.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"“Item {i},” Sergey Lavrov said.\"}}\n"
        ));
    }
    let ex = Extractor::new();
    let mut out = Vec::new();
    let opts = StreamOptions {
        jobs: 2,
        batch: 8,
        ..StreamOptions::default()
    };
    let report = process_jsonl(&ex, input.as_bytes(), &mut out, opts, |_| {}).unwrap();
    assert_eq!(report.documents, 50);
    assert_eq!(
        output_ids(&out),
        (0..50).map(Value::from).collect::<Vec<_>>()
    );
}

/// The README shows this record for the bundled example document; keep them in step.
#[test]
fn readme_example_record() {
    let text = include_str!("../examples/data/kcna-readout.txt");
    let d = doc(text);
    check_offsets(text, &d);
    let q = d["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| {
            q["content"]["text"]
                .as_str()
                .unwrap()
                .starts_with("The DPRK will always")
        })
        .expect("the KCNA quotation");
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["speaker"]["text"], "Kim");
    assert_eq!(q["speaker"]["name"], "Kim Jong Un");
    assert_eq!(q["speaker"]["resolved_by"], "alias");
    assert_eq!(q["cue"]["text"], "said");
    assert_eq!(q["via"]["text"], "KCNA");
    assert_eq!(q["via"]["name"], "Korean Central News Agency");
    assert!(q["addressee"].is_null());
    let readme = include_str!("../README.md");
    let start = q["content"]["start"].as_u64().unwrap();
    assert!(
        readme.contains(&format!("\"start\": {start}")),
        "README example offsets are stale"
    );
}

#[test]
fn files_are_documents_in_the_order_named_and_bad_ones_are_reported_by_name() {
    let dir = std::env::temp_dir()
        .join(format!("whosaid-contract-{}", std::process::id()))
        .join("files");
    std::fs::create_dir_all(&dir).expect("temp dir");
    // Forty readable files among a missing one and one that is not UTF-8, so that shares
    // of one or two files make many chunks.
    let mut named = Vec::new();
    let mut texts = Vec::new();
    for i in 0..40 {
        let path = dir.join(format!("doc{i:02}.txt"));
        let text = format!("“Item {i},” Sergey Lavrov said.");
        std::fs::write(&path, &text).expect("write");
        named.push(path);
        texts.push((format!("doc{i:02}"), text));
        if i == 10 {
            named.push(dir.join("missing.txt"));
        }
        if i == 20 {
            let bad = dir.join("latin1.txt");
            std::fs::write(&bad, b"caf\xe9 said").expect("write");
            named.push(bad);
        }
    }
    let ex = Extractor::new();
    for options in stream_setups() {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let report = process_files(&ex, &named, &mut out, options, |e| {
            seen.push(e.path.clone())
        })
        .unwrap();
        assert_eq!(report.documents, 40, "{options:?}");
        assert_eq!(
            seen,
            [dir.join("missing.txt"), dir.join("latin1.txt")],
            "{options:?}"
        );
        assert_eq!(report.errors[1].reason, "invalid UTF-8 at byte 3");
        assert!(report.errors[1]
            .to_string()
            .ends_with("latin1.txt: invalid UTF-8 at byte 3"));
        // Each record is the one a single document gives, with the stem as its id.
        let expected: Vec<u8> = texts
            .iter()
            .flat_map(|(id, text)| {
                document_line(&ex, Value::from(id.as_str()), text, options.offsets)
            })
            .collect();
        assert!(out == expected, "{options:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
