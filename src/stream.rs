//! Streams of documents: JSON Lines in, one JSON object per document out, in input order.
//! This is what the `extract` example runs; it lives in the library so that other tools
//! (and the tests) get the same behaviour: a malformed line is reported by number and the
//! rest of the stream is still processed.

use crate::output::OffsetUnit;
use crate::Extractor;
use std::io::{self, BufRead, Write};

/// One input line: `{"id": ..., "text": ...}`. The id may be any JSON value and is echoed.
#[derive(Debug, serde::Deserialize)]
struct InputLine {
    id: serde_json::Value,
    text: String,
}

/// A line of the input that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number in the input.
    pub line: usize,
    /// Why the line was rejected.
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// What a stream run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StreamReport {
    /// Documents written.
    pub documents: usize,
    /// Lines rejected, in input order.
    pub errors: Vec<LineError>,
}

/// Options for [`process_jsonl`].
#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// Offset unit of the output.
    pub offsets: OffsetUnit,
    /// Worker threads (1 = this thread only).
    pub jobs: usize,
    /// Documents read ahead per batch when `jobs > 1`; bounds memory.
    pub batch: usize,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            offsets: OffsetUnit::Chars,
            jobs: 1,
            batch: 256,
        }
    }
}

/// Parses one input line into (id, text), or says why it cannot be.
fn parse_line(bytes: &[u8]) -> Result<Option<(serde_json::Value, String)>, String> {
    let line = std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 ({e})"))?;
    // A stream saved on Windows may open with a byte-order mark.
    let line = line.trim_start_matches('\u{feff}').trim();
    if line.is_empty() {
        return Ok(None);
    }
    let doc: InputLine = serde_json::from_str(line)
        .map_err(|e| format!("not a {{\"id\", \"text\"}} object: {e}"))?;
    Ok(Some((doc.id, doc.text)))
}

/// Serialises one document's analysis as a JSON line.
pub fn document_line(
    ex: &Extractor,
    id: serde_json::Value,
    text: &str,
    offsets: OffsetUnit,
) -> Vec<u8> {
    let doc = ex.extract(text).to_document(id, text, offsets);
    let mut out = serde_json::to_vec(&doc).unwrap_or_else(|_| b"{}".to_vec());
    out.push(b'\n');
    out
}

/// Reads JSON Lines `{"id","text"}` from `input` and writes one JSON line per document to
/// `output`, in input order. Bad lines are collected in the report (and given to
/// `on_error` as they happen); only I/O errors stop the stream.
pub fn process_jsonl(
    ex: &Extractor,
    mut input: impl BufRead,
    mut output: impl Write,
    options: StreamOptions,
    mut on_error: impl FnMut(&LineError),
) -> io::Result<StreamReport> {
    let mut report = StreamReport::default();
    let mut line_no = 0;
    let mut buf = Vec::new();
    let jobs = options.jobs.max(1);
    let batch_size = if jobs == 1 {
        1
    } else {
        options.batch.max(jobs)
    };
    let mut batch: Vec<(serde_json::Value, String)> = Vec::with_capacity(batch_size);
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf)?;
        if n > 0 {
            line_no += 1;
            match parse_line(&buf) {
                Ok(Some(doc)) => batch.push(doc),
                Ok(None) => {}
                Err(reason) => {
                    // Flush what came before so output order matches input order.
                    report.documents +=
                        write_batch(ex, &mut batch, &mut output, options.offsets, jobs)?;
                    let e = LineError {
                        line: line_no,
                        reason,
                    };
                    on_error(&e);
                    report.errors.push(e);
                }
            }
        }
        if batch.len() >= batch_size || (n == 0 && !batch.is_empty()) {
            report.documents += write_batch(ex, &mut batch, &mut output, options.offsets, jobs)?;
        }
        if n == 0 {
            break;
        }
    }
    output.flush()?;
    Ok(report)
}

fn write_batch(
    ex: &Extractor,
    batch: &mut Vec<(serde_json::Value, String)>,
    output: &mut impl Write,
    offsets: OffsetUnit,
    jobs: usize,
) -> io::Result<usize> {
    let n = batch.len();
    if n == 0 {
        return Ok(0);
    }
    let lines: Vec<Vec<u8>> = if jobs == 1 || n == 1 {
        batch
            .drain(..)
            .map(|(id, text)| document_line(ex, id, &text, offsets))
            .collect()
    } else {
        let docs: Vec<(serde_json::Value, String)> = std::mem::take(batch);
        crate::batch::map_ordered(&docs, jobs, |(id, text)| {
            document_line(ex, id.clone(), text, offsets)
        })
    };
    for l in &lines {
        output.write_all(l)?;
    }
    Ok(n)
}
