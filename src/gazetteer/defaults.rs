//! The default gazetteers, embedded in the binary so that `Extractor::new()` needs no files.
//! Order matters: records with the same id merge in this order (see gazetteers/README.md).

use super::load::{parse_bytes, Record};
use std::path::Path;

/// (path under `gazetteers/`, contents), in load order.
pub(crate) const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "countries.jsonl",
        include_str!("../../gazetteers/countries.jsonl"),
    ),
    (
        "odbl/countries.jsonl",
        include_str!("../../gazetteers/odbl/countries.jsonl"),
    ),
    (
        "cc-by/capitals.jsonl",
        include_str!("../../gazetteers/cc-by/capitals.jsonl"),
    ),
    (
        "people.jsonl",
        include_str!("../../gazetteers/people.jsonl"),
    ),
    (
        "cc-by-sa/intl-orgs.jsonl",
        include_str!("../../gazetteers/cc-by-sa/intl-orgs.jsonl"),
    ),
    (
        "curated/news-media.jsonl",
        include_str!("../../gazetteers/curated/news-media.jsonl"),
    ),
    (
        "curated/organisations.jsonl",
        include_str!("../../gazetteers/curated/organisations.jsonl"),
    ),
    (
        "curated/people.jsonl",
        include_str!("../../gazetteers/curated/people.jsonl"),
    ),
    (
        "curated/places.jsonl",
        include_str!("../../gazetteers/curated/places.jsonl"),
    ),
    (
        "curated/seats-of-power.jsonl",
        include_str!("../../gazetteers/curated/seats-of-power.jsonl"),
    ),
];

/// Parses the embedded files. They are part of the crate and checked by its tests, so a
/// failure here is a bug in the crate, not bad user input.
pub(crate) fn default_records() -> Vec<Record> {
    let mut out = Vec::new();
    for (name, text) in DEFAULT_FILES {
        match parse_bytes(Path::new(name), text.as_bytes()) {
            Ok(records) => out.extend(records),
            Err(e) => panic!("embedded gazetteer is invalid (a bug in whosaid): {e}"),
        }
    }
    out
}
