//! Every way a user gazetteer file can be wrong gives an error that names the file, the
//! line and the reason; nothing of the bad file is loaded; and the builder that refused it
//! still builds a working extractor.

use std::io::Read;
use std::path::{Path, PathBuf};
use whosaid::{Error, Extractor, ExtractorBuilder};

/// A good first line in every bad file: it must not be loaded when a later line is bad.
const FIRST: &str = r#"{"id":"first","label":"ORG","name":"Qwertia Group"}"#;

/// (name, file contents, bad line, words the reason must contain)
const CASES: &[(&str, &[u8], usize, &str)] = &[
    (
        "missing id",
        br#"{"label":"ORG","name":"Nameless Org"}"#,
        2,
        "missing field `id`",
    ),
    (
        "missing label",
        br#"{"id":"x","name":"X Corp"}"#,
        2,
        "missing field `label`",
    ),
    (
        "missing name",
        br#"{"id":"x","label":"ORG"}"#,
        2,
        "missing field `name`",
    ),
    (
        "empty id",
        br#"{"id":" ","label":"ORG","name":"X Corp"}"#,
        2,
        "empty `id`",
    ),
    (
        "bad label",
        br#"{"id":"x","label":"COMPANY","name":"X Corp"}"#,
        2,
        "unknown label \"COMPANY\"",
    ),
    (
        "lower-case label",
        br#"{"id":"x","label":"org","name":"X Corp"}"#,
        2,
        "unknown label",
    ),
    (
        "label of the wrong type",
        br#"{"id":"x","label":7,"name":"X Corp"}"#,
        2,
        "invalid type",
    ),
    (
        "duplicate id",
        br#"{"id":"first","label":"ORG","name":"Again Inc"}"#,
        2,
        "duplicate id \"first\" (first on line 1)",
    ),
    (
        "empty alias",
        br#"{"id":"x","label":"ORG","name":"X Corp","aliases":[""]}"#,
        2,
        "alias \"\" is empty",
    ),
    (
        "alias of spaces and dots",
        br#"{"id":"x","label":"ORG","name":"X Corp","aliases":[" . "]}"#,
        2,
        "alias",
    ),
    (
        "empty name",
        br#"{"id":"x","label":"ORG","name":""}"#,
        2,
        "name \"\" is empty",
    ),
    (
        "empty short form",
        br#"{"id":"x","label":"PERSON","name":"X Y","short":[""]}"#,
        2,
        "short form",
    ),
    (
        "alias over two lines",
        br#"{"id":"x","label":"ORG","name":"X Corp","aliases":["X\nCorp"]}"#,
        2,
        "spans lines",
    ),
    (
        "unknown field",
        br#"{"id":"x","label":"ORG","name":"X Corp","alias":["X"]}"#,
        2,
        "unknown field `alias`",
    ),
    (
        "bad gender",
        br#"{"id":"x","label":"PERSON","name":"X Y","gender":"m"}"#,
        2,
        "unknown variant",
    ),
    ("not JSON", b"{id: x}", 2, "not a gazetteer record"),
    ("a JSON array", b"[1, 2]", 2, "not a gazetteer record"),
    (
        "truncated line",
        br#"{"id":"x","label":"ORG","#,
        2,
        "not a gazetteer record",
    ),
    (
        "two records on one line",
        br#"{"id":"x","label":"ORG","name":"X"} {"id":"y","label":"ORG","name":"Y"}"#,
        2,
        "trailing characters",
    ),
    (
        "invalid UTF-8",
        b"{\"id\":\"x\",\"label\":\"ORG\",\"name\":\"Caf\xe9\"}",
        2,
        "invalid UTF-8",
    ),
    (
        "lone surrogate escaped",
        br#"{"id":"x","label":"ORG","name":"X \ud800"}"#,
        2,
        "hex escape",
    ),
    (
        "bad EntityRuler token pattern",
        br#"{"label":"ORG","pattern":[{"IS_DIGIT":true}]}"#,
        2,
        "unsupported token pattern",
    ),
    (
        "EntityRuler token with two keys",
        br#"{"label":"ORG","pattern":[{"LOWER":"acme","POS":"NOUN"}]}"#,
        2,
        "unsupported token pattern",
    ),
    (
        "EntityRuler pattern of the wrong type",
        br#"{"label":"ORG","pattern":5}"#,
        2,
        "`pattern` must be a string or a list",
    ),
    (
        "empty EntityRuler pattern",
        br#"{"label":"ORG","pattern":""}"#,
        2,
        "pattern \"\" is empty",
    ),
    (
        "EntityRuler pattern without label",
        br#"{"pattern":"Acme"}"#,
        2,
        "missing field `label`",
    ),
];

/// The reason part of a gazetteer error.
fn err_reason(e: &Error) -> String {
    match e {
        Error::Gazetteer { reason, .. } => reason.clone(),
        other => panic!("not a gazetteer error: {other:?}"),
    }
}

/// The good file added after each failure, with a name of its own, and a text naming it.
fn good_file(k: usize) -> (String, String) {
    let name = format!("Zyx{k} Holdings");
    (
        format!("{{\"id\":\"good:{k}\",\"label\":\"ORG\",\"name\":\"{name}\"}}\n"),
        format!("Shares of {name} rose after Qwertia Group said so."),
    )
}

/// Checks that `b` builds a working extractor that knows good file `k` and nothing of the
/// bad files.
fn still_works(b: &mut ExtractorBuilder, k: usize, case: &str) {
    let (file, text) = good_file(k);
    b.add_gazetteer_reader(format!("good{k}.jsonl"), file.as_bytes())
        .unwrap_or_else(|e| panic!("{case}: the good file after it was refused: {e}"));
    let a = b.build().expect("the good file compiles").extract(&text);
    let ids: Vec<&str> = a.entities.iter().filter_map(|e| e.id.as_deref()).collect();
    assert!(
        ids.contains(&format!("good:{k}").as_str()),
        "{case}: good file not in use: {ids:?}"
    );
    assert!(
        !ids.contains(&"first"),
        "{case}: a line of the bad file was loaded"
    );
}

fn bad_file(line: &[u8]) -> Vec<u8> {
    let mut bytes = FIRST.as_bytes().to_vec();
    bytes.push(b'\n');
    bytes.extend_from_slice(line);
    bytes.push(b'\n');
    bytes.extend_from_slice(br#"{"id":"after","label":"ORG","name":"After Corp"}"#);
    bytes.push(b'\n');
    bytes
}

#[test]
fn every_bad_file_names_file_line_and_reason_and_the_builder_goes_on() {
    let mut b = Extractor::builder();
    b.default_gazetteers(false);
    for (k, (case, line, line_no, reason)) in CASES.iter().enumerate() {
        let name = format!("user/{}.jsonl", case.replace(' ', "-"));
        let err = match b.add_gazetteer_reader(&name, &bad_file(line)[..]) {
            Ok(_) => panic!("{case}: accepted"),
            Err(e) => e,
        };
        match &err {
            Error::Gazetteer {
                file,
                line,
                reason: why,
            } => {
                assert_eq!(file, Path::new(&name), "{case}");
                assert_eq!(line, line_no, "{case}");
                assert!(why.contains(reason), "{case}: {why:?} lacks {reason:?}");
            }
            other => panic!("{case}: {other:?}"),
        }
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("{name}:{line_no}: ")),
            "{case}: {msg}"
        );
        assert!(msg.ends_with(&err_reason(&err)), "{case}: {msg}");
        still_works(&mut b, k, case);
    }
}

#[test]
fn the_bad_line_is_counted_in_a_file_with_blank_lines_comments_crlf_and_a_bom() {
    let mut bytes = b"\xEF\xBB\xBF# people\r\n\r\n".to_vec();
    bytes.extend_from_slice(FIRST.as_bytes());
    bytes.extend_from_slice(b"\r\n   \r\n# next is bad\r\n");
    bytes.extend_from_slice(br#"{"id":"x","label":"PER","name":"X"}"#);
    bytes.extend_from_slice(b"\r\n");
    let err = Extractor::builder()
        .add_gazetteer_reader("crlf.jsonl", &bytes[..])
        .expect_err("refused");
    assert!(err.to_string().starts_with("crlf.jsonl:6: "), "{err}");
}

/// A scratch folder of this process for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("whosaid-gazetteer-errors-{}", std::process::id()))
        .join(test);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn files_on_disk_name_their_path() {
    let dir = scratch("on-disk");
    let mut b = Extractor::builder();
    b.default_gazetteers(false);
    for (k, (case, line, line_no, reason)) in CASES.iter().enumerate().step_by(5) {
        let path = dir.join(format!("bad{k}.jsonl"));
        std::fs::write(&path, bad_file(line)).expect("write");
        let err = b.add_gazetteer_path(&path).expect_err("refused");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("{}:{line_no}: ", path.display())),
            "{case}: {msg}"
        );
        assert!(err_reason(&err).contains(reason), "{case}: {msg}");
        still_works(&mut b, k, case);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unreadable_sources_name_the_file() {
    let dir = scratch("unreadable");
    std::fs::create_dir_all(&dir).expect("dir");
    let missing = dir.join("no-such-file.jsonl");
    let mut b = Extractor::builder();
    b.default_gazetteers(false);
    for (k, path) in [missing.clone(), dir.clone()].iter().enumerate() {
        let err = b.add_gazetteer_path(path).expect_err("refused");
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.starts_with(&format!("{}: cannot read: ", path.display())),
            "{msg}"
        );
        still_works(&mut b, 100 + k, "unreadable path");
    }

    /// A reader that fails part-way, as a network stream or a broken pipe does.
    struct Broken(usize);
    impl Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::other("connection reset"));
            }
            let line = format!("{FIRST}\n");
            let n = line.len().min(buf.len());
            buf[..n].copy_from_slice(&line.as_bytes()[..n]);
            self.0 -= 1;
            Ok(n)
        }
    }
    let err = b
        .add_gazetteer_reader("https-stream.jsonl", Broken(2))
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "https-stream.jsonl: cannot read: connection reset"
    );
    still_works(&mut b, 102, "broken reader");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_defaults_survive_a_refused_file() {
    let mut b = Extractor::builder();
    assert!(b
        .add_gazetteer_reader("bad.jsonl", &bad_file(CASES[0].1)[..])
        .is_err());
    let a = b
        .build()
        .expect("the builder still builds")
        .extract("“We will act,” Sergey Lavrov told reporters.");
    let speaker = a.quotes.first().and_then(|q| q.speaker.as_ref());
    assert_eq!(
        speaker.and_then(|s| s.name.as_deref()),
        Some("Sergey Lavrov")
    );
}
