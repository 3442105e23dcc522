//! Reading gazetteer files: whosaid records and spaCy EntityRuler phrase patterns, one JSON
//! object per line. A file is parsed completely before anything from it is used, so a bad
//! line leaves nothing half-loaded.

use super::entry::{Entry, Gender, Label, Role};
use crate::error::Error;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

/// One parsed line: either a whosaid record or an EntityRuler pattern, told apart by
/// whether it has `pattern`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: Option<String>,
    label: Option<String>,
    name: Option<String>,
    pattern: Option<serde_json::Value>,
    kind: Option<String>,
    code: Option<String>,
    country: Option<String>,
    #[serde(default)]
    capital: bool,
    gender: Option<Gender>,
    party: Option<String>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    short: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    stands_for: Option<String>,
    #[serde(default)]
    replace: bool,
}

/// A record ready to merge: the entry and whether it replaces earlier ones with its id.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub entry: Entry,
    pub replace: bool,
}

/// Parses a whole gazetteer file. `file` names it in errors.
pub(crate) fn parse_bytes(file: &Path, bytes: &[u8]) -> Result<Vec<Record>, Error> {
    let mut out: Vec<Record> = Vec::new();
    // Ids of whosaid records seen in this file: a repeated id is a mistake, whereas
    // EntityRuler files repeat ids on purpose, one pattern per alias.
    let mut record_ids: HashMap<String, usize> = HashMap::default();
    let mut pattern_index: HashMap<String, usize> = HashMap::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        let line = std::str::from_utf8(raw)
            .map_err(|e| Error::at(file, line_no, format!("invalid UTF-8 ({e})")))?;
        let line = line.trim_end_matches('\r').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let raw: RawLine = serde_json::from_str(line)
            .map_err(|e| Error::at(file, line_no, format!("not a gazetteer record: {e}")))?;
        if raw.pattern.is_some() {
            let (id, label, pattern) =
                pattern_line(raw).map_err(|r| Error::at(file, line_no, r))?;
            match pattern_index.get(&id) {
                Some(&k) => {
                    let e = &mut out[k].entry;
                    if e.label != label {
                        return Err(Error::at(
                            file,
                            line_no,
                            format!("id {id:?} has label {label} here but {} earlier", e.label),
                        ));
                    }
                    if *e.name != pattern && !e.aliases.contains(&pattern) {
                        e.aliases.push(pattern);
                    }
                }
                None => {
                    pattern_index.insert(id.clone(), out.len());
                    out.push(Record {
                        entry: Entry::new(&id, label, &pattern),
                        replace: false,
                    });
                }
            }
        } else {
            let record = record_line(raw).map_err(|r| Error::at(file, line_no, r))?;
            if let Some(first) = record_ids.insert(record.entry.id.to_string(), line_no) {
                return Err(Error::at(
                    file,
                    line_no,
                    format!("duplicate id {:?} (first on line {first})", record.entry.id),
                ));
            }
            out.push(record);
        }
    }
    Ok(out)
}

fn label_of(label: Option<String>) -> Result<Label, String> {
    let label = label.ok_or("missing field `label`")?;
    Label::parse(&label).ok_or_else(|| {
        format!("unknown label {label:?} (expected one of PERSON, NORP, ORG, GPE, LOC)")
    })
}

/// Checks a name or alias: it must have a letter or digit, and no line breaks.
fn check_name(what: &str, s: &str) -> Result<(), String> {
    if !s.chars().any(char::is_alphanumeric) {
        return Err(format!("{what} {s:?} is empty or has no letters"));
    }
    if s.contains(['\n', '\r']) {
        return Err(format!("{what} {s:?} spans lines"));
    }
    Ok(())
}

fn record_line(raw: RawLine) -> Result<Record, String> {
    let id = raw.id.ok_or("missing field `id`")?;
    if id.trim().is_empty() {
        return Err("empty `id`".into());
    }
    let label = label_of(raw.label)?;
    let name = raw.name.ok_or("missing field `name`")?;
    check_name("name", &name)?;
    for a in &raw.aliases {
        check_name("alias", a)?;
    }
    for a in &raw.short {
        check_name("short form", a)?;
    }
    for a in &raw.demonyms {
        check_name("demonym", a)?;
    }
    let mut entry = Entry::new(&id, label, &name);
    entry.kind = raw.kind;
    entry.code = raw.code;
    entry.country = raw.country;
    entry.capital = raw.capital;
    entry.gender = raw.gender;
    entry.party = raw.party;
    entry.roles = raw.roles;
    entry.aliases = raw.aliases;
    entry.short = raw.short;
    entry.demonyms = raw.demonyms;
    entry.stands_for = raw.stands_for;
    Ok(Record {
        entry,
        replace: raw.replace,
    })
}

/// An EntityRuler phrase pattern: `{"label", "pattern", "id"}` where the pattern is a string
/// or a list of token dicts that each give one literal (`ORTH`, `TEXT` or `LOWER`).
fn pattern_line(raw: RawLine) -> Result<(String, Label, String), String> {
    let label = label_of(raw.label)?;
    let pattern = match raw.pattern {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Array(tokens)) => {
            let mut words = Vec::with_capacity(tokens.len());
            for t in &tokens {
                let lit = t
                    .as_object()
                    .and_then(|o| {
                        if o.len() != 1 {
                            return None;
                        }
                        ["ORTH", "TEXT", "LOWER"]
                            .iter()
                            .find_map(|k| o.get(*k).and_then(|v| v.as_str()))
                    })
                    .ok_or_else(|| {
                        format!("unsupported token pattern {t}: only one ORTH, TEXT or LOWER literal per token")
                    })?;
                words.push(lit.to_string());
            }
            words.join(" ")
        }
        _ => return Err("`pattern` must be a string or a list of token dicts".into()),
    };
    check_name("pattern", &pattern)?;
    let id = match raw.id {
        Some(id) if !id.trim().is_empty() => id,
        Some(_) => return Err("empty `id`".into()),
        None => format!("pattern:{}:{}", label.as_str().to_lowercase(), pattern),
    };
    Ok((id, label, pattern))
}

/// Folds records into entries: equal ids merge in load order; `replace` starts afresh.
pub(crate) fn merge(records: impl IntoIterator<Item = Record>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut index: HashMap<Arc<str>, usize> = HashMap::default();
    for r in records {
        match index.get(&r.entry.id) {
            Some(&k) if r.replace => entries[k] = r.entry,
            Some(&k) => entries[k].merge(r.entry),
            None => {
                index.insert(r.entry.id.clone(), entries.len());
                entries.push(r.entry);
            }
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Vec<Record>, Error> {
        parse_bytes(Path::new("test.jsonl"), s.as_bytes())
    }

    fn reason(s: &str) -> (usize, String) {
        match parse(s) {
            Err(Error::Gazetteer { line, reason, .. }) => (line, reason),
            other => panic!("expected a gazetteer error, got {other:?}"),
        }
    }

    #[test]
    fn bad_lines_name_their_line_and_reason() {
        let ok = r#"{"id":"a","label":"ORG","name":"Acme"}"#;
        let cases: &[(&str, &str, &str)] = &[
            (
                "missing id",
                r#"{"label":"ORG","name":"X"}"#,
                "missing field `id`",
            ),
            (
                "missing label",
                r#"{"id":"x","name":"X"}"#,
                "missing field `label`",
            ),
            (
                "missing name",
                r#"{"id":"x","label":"ORG"}"#,
                "missing field `name`",
            ),
            (
                "bad label",
                r#"{"id":"x","label":"COMPANY","name":"X"}"#,
                "unknown label",
            ),
            (
                "empty alias",
                r#"{"id":"x","label":"ORG","name":"X","aliases":[""]}"#,
                "alias",
            ),
            (
                "blank alias",
                r#"{"id":"x","label":"ORG","name":"X","aliases":["  "]}"#,
                "alias",
            ),
            (
                "duplicate id",
                r#"{"id":"a","label":"ORG","name":"Again"}"#,
                "duplicate id",
            ),
            (
                "unknown field",
                r#"{"id":"x","label":"ORG","name":"X","alias":["Y"]}"#,
                "unknown field",
            ),
            ("not json", "{id: x}", "not a gazetteer record"),
            (
                "bad gender",
                r#"{"id":"x","label":"PERSON","name":"X","gender":"m"}"#,
                "unknown variant",
            ),
            (
                "bad pattern",
                r#"{"label":"ORG","pattern":[{"IS_DIGIT":true}]}"#,
                "unsupported token pattern",
            ),
        ];
        for (name, line, want) in cases {
            let (n, why) = reason(&format!("{ok}\n\n{line}\n"));
            assert_eq!(n, 3, "{name}");
            assert!(why.contains(want), "{name}: {why:?} lacks {want:?}");
        }
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let mut bytes = b"{\"id\":\"a\",\"label\":\"ORG\",\"name\":\"A\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"id\":\"b\",\"label\":\"ORG\",\"name\":\"\xff\"}\n");
        match parse_bytes(Path::new("f"), &bytes) {
            Err(Error::Gazetteer {
                line: 2, reason, ..
            }) => assert!(reason.contains("UTF-8")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn entity_ruler_patterns_group_by_id() {
        let recs = parse(concat!(
            "{\"label\":\"ORG\",\"pattern\":\"Apple\",\"id\":\"apple\"}\n",
            "{\"label\":\"ORG\",\"pattern\":[{\"LOWER\":\"apple\"},{\"ORTH\":\"Inc.\"}],\"id\":\"apple\"}\n",
            "{\"label\":\"GPE\",\"pattern\":\"Ruritania\"}\n",
        ))
        .unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(&*recs[0].entry.name, "Apple");
        assert_eq!(recs[0].entry.aliases, vec!["apple Inc.".to_string()]);
        assert_eq!(&*recs[1].entry.id, "pattern:gpe:Ruritania");
    }

    #[test]
    fn merge_unions_and_replace_restarts() {
        let recs = parse("{\"id\":\"q\",\"label\":\"PERSON\",\"name\":\"Sergey Lavrov\",\"aliases\":[\"Sergei Lavrov\"]}\n")
        .unwrap();
        let more = parse(
            "{\"id\":\"q\",\"label\":\"PERSON\",\"name\":\"S. Lavrov\",\"gender\":\"male\"}\n",
        )
        .unwrap();
        let merged = merge(recs.iter().cloned().chain(more));
        assert_eq!(merged.len(), 1);
        assert_eq!(&*merged[0].name, "Sergey Lavrov");
        assert_eq!(merged[0].aliases, vec!["Sergei Lavrov", "S. Lavrov"]);
        assert_eq!(merged[0].gender, Some(Gender::Male));
        let repl =
            parse("{\"id\":\"q\",\"label\":\"PERSON\",\"name\":\"Other\",\"replace\":true}\n")
                .unwrap();
        let merged = merge(recs.into_iter().chain(repl));
        assert_eq!(&*merged[0].name, "Other");
        assert!(merged[0].aliases.is_empty());
    }
}
