//! Streams of documents: JSON Lines or files in, one JSON object per document out, in
//! input order. This is what the `extract` example runs; it lives in the library so that
//! other tools (and the tests) get the same behaviour: a malformed line is reported by
//! number, a file that cannot be read by name, and the rest is still processed.

use crate::batch::{map_stream, Chunking};
use crate::output::OffsetUnit;
use crate::Extractor;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

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
    /// Threads, this one included. With 1 this thread does everything; with more, this
    /// thread also reads the input and writes the output, and extracts whenever it has
    /// nothing to write.
    pub jobs: usize,
    /// Most documents (lines or files) handed to a worker at a time when `jobs > 1`; a
    /// worker's share also closes at 64 KB of input. At most four shares per worker are read ahead of what has
    /// been written, which bounds memory however long the stream.
    pub batch: usize,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            offsets: OffsetUnit::Chars,
            jobs: 1,
            batch: Chunking::DEFAULT.items,
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
/// `on_error` as they happen, in input order); only I/O errors stop the stream.
pub fn process_jsonl(
    ex: &Extractor,
    input: impl BufRead,
    mut output: impl Write,
    options: StreamOptions,
    mut on_error: impl FnMut(&LineError),
) -> io::Result<StreamReport> {
    let mut lines = NumberedLines {
        input,
        line_no: 0,
        error: None,
    };
    let (documents, errors) = write_documents(
        &mut lines,
        options,
        |(_, line)| line.len(),
        |(line_no, line)| {
            let doc = parse_line(line).map_err(|reason| LineError {
                line: *line_no,
                reason,
            })?;
            Ok(doc.map(|(id, text)| document_line(ex, id, &text, options.offsets)))
        },
        &mut output,
        &mut on_error,
    )?;
    if let Some(e) = lines.error {
        return Err(e);
    }
    output.flush()?;
    Ok(StreamReport { documents, errors })
}

/// Runs `items` through the pipeline on `options.jobs` threads, `line` making each item's
/// JSON line (none for a blank one) or saying why it has none, and writes the lines to
/// `output` in input order, giving each error to `on_error` as its turn comes. Returns
/// the documents written and the errors; only an error writing `output` stops the run.
fn write_documents<T: Send, E: Send>(
    items: impl IntoIterator<Item = T>,
    options: StreamOptions,
    size: impl Fn(&T) -> usize,
    line: impl Fn(&T) -> Result<Option<Vec<u8>>, E> + Sync,
    output: &mut impl Write,
    on_error: &mut impl FnMut(&E),
) -> io::Result<(usize, Vec<E>)> {
    let chunking = Chunking {
        items: options.batch,
        ..Chunking::DEFAULT
    };
    let (mut documents, mut errors) = (0, Vec::new());
    map_stream(items, options.jobs, chunking, size, line, |_, out| {
        match out {
            Ok(Some(line)) => {
                output.write_all(&line)?;
                documents += 1;
            }
            Ok(None) => {}
            Err(e) => {
                on_error(&e);
                errors.push(e);
            }
        }
        Ok::<(), io::Error>(())
    })?;
    Ok((documents, errors))
}

/// The lines of a reader with their 1-based numbers. A read error ends the lines and is
/// kept for the caller, who reports it after the lines before it are written.
struct NumberedLines<R> {
    input: R,
    line_no: usize,
    error: Option<io::Error>,
}

impl<R: BufRead> Iterator for NumberedLines<R> {
    type Item = (usize, Vec<u8>);

    fn next(&mut self) -> Option<(usize, Vec<u8>)> {
        let mut line = Vec::new();
        match self.input.read_until(b'\n', &mut line) {
            Ok(0) => None,
            Ok(_) => {
                self.line_no += 1;
                Some((self.line_no, line))
            }
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }
}

/// A file that could not be processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file, as it was named.
    pub path: PathBuf,
    /// Why it was rejected.
    pub reason: String,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// What a run over files did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilesReport {
    /// Documents written.
    pub documents: usize,
    /// Files rejected, in the order they were named.
    pub errors: Vec<FileError>,
}

/// Extracts each file as one document, with the file's stem as its id, and writes one JSON
/// line per document to `output` in the order the files were named. A file that cannot be
/// read, or is not UTF-8, is collected in the report (and given to `on_error`, in order);
/// only errors writing `output` stop the run. The workers read the files; at most four
/// shares of `options.batch` files or 64 KB per thread are in flight.
pub fn process_files<P: AsRef<Path> + Sync>(
    ex: &Extractor,
    files: &[P],
    mut output: impl Write,
    options: StreamOptions,
    mut on_error: impl FnMut(&FileError),
) -> io::Result<FilesReport> {
    let (documents, errors) = write_documents(
        files,
        options,
        // The size on disk, so that shares of large files stay small; a file that cannot
        // be read counts as empty here and is reported when its worker reads it.
        |path| std::fs::metadata(path).map_or(0, |m| m.len() as usize),
        |path| {
            let path = path.as_ref();
            let text = read_text(path).map_err(|reason| FileError {
                path: path.to_path_buf(),
                reason,
            })?;
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(Some(document_line(
                ex,
                serde_json::Value::String(id),
                &text,
                options.offsets,
            )))
        },
        &mut output,
        &mut on_error,
    )?;
    output.flush()?;
    Ok(FilesReport { documents, errors })
}

/// A file's text, or why it has none: the I/O error, or where its UTF-8 goes wrong.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}
