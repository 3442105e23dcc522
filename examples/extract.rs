//! Who-said-what over a stream of documents.
//!
//! ```text
//! extract [OPTIONS] [FILE...]
//! ```
//!
//! With no FILE, reads JSON Lines `{"id": ..., "text": ...}` from stdin. Each FILE is one
//! document whose id is the file's stem. Writes one JSON object per document to stdout, in
//! input order (the contract in the README). A bad input line or file is reported on stderr
//! with its line number or name; every other document is still processed, and the exit code
//! is 1 if anything failed.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::stream::{self, StreamOptions};
use whosaid::{Extractor, OffsetUnit};

const USAGE: &str = "\
usage: extract [OPTIONS] [FILE...]

Reads JSON Lines {\"id\",\"text\"} from stdin, or the named files (one document each,
id = file stem), and writes one JSON line per document to stdout.

options:
  --offsets chars|bytes     offset unit in the output (default: chars = code points)
  --gazetteer FILE          add a gazetteer file (repeatable; whosaid records or
                            spaCy EntityRuler patterns, JSON Lines)
  --no-default-gazetteers   do not load the embedded default gazetteers
  --jobs N                  threads (default: all cores)
  --stats                   print gazetteer coverage as one JSON object and exit
  -h, --help                this help
";

struct Args {
    offsets: OffsetUnit,
    gazetteers: Vec<PathBuf>,
    defaults: bool,
    stats: bool,
    jobs: usize,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        offsets: OffsetUnit::Chars,
        gazetteers: Vec::new(),
        defaults: true,
        stats: false,
        jobs: whosaid::available_jobs(),
        files: Vec::new(),
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("-h" | "--help") => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            Some("--offsets") => match it.next().as_ref().and_then(|v| v.to_str()) {
                Some("chars") => args.offsets = OffsetUnit::Chars,
                Some("bytes") => args.offsets = OffsetUnit::Bytes,
                other => return Err(format!("--offsets takes chars or bytes, not {other:?}")),
            },
            Some("--gazetteer") => match it.next() {
                Some(f) => args.gazetteers.push(PathBuf::from(f)),
                None => return Err("--gazetteer needs a FILE".into()),
            },
            Some("--no-default-gazetteers") => args.defaults = false,
            Some("--jobs") => match it
                .next()
                .as_ref()
                .and_then(|v| v.to_str())
                .and_then(|v| v.parse::<usize>().ok())
            {
                Some(n) if n > 0 => args.jobs = n,
                _ => return Err("--jobs takes a whole number of threads, at least 1".into()),
            },
            Some("--stats") => args.stats = true,
            Some(s) if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s}")),
            _ => args.files.push(PathBuf::from(a)),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("extract: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Extractor::builder();
    builder.default_gazetteers(args.defaults);
    for g in &args.gazetteers {
        if let Err(e) = builder.add_gazetteer_path(g) {
            eprintln!("extract: {e}");
            return ExitCode::from(2);
        }
    }
    let extractor = if args.defaults && args.gazetteers.is_empty() {
        Extractor::new()
    } else {
        match builder.build() {
            Ok(ex) => ex,
            Err(e) => {
                eprintln!("extract: {e}");
                return ExitCode::from(2);
            }
        }
    };
    if args.stats {
        let stats = extractor.gazetteer().stats();
        println!("{}", serde_json::to_string(&stats).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let options = StreamOptions {
        offsets: args.offsets,
        jobs: args.jobs,
        ..StreamOptions::default()
    };
    let failures = if args.files.is_empty() {
        run_stdin(&extractor, options, &mut out)
    } else {
        run_files(&extractor, options, &args.files, &mut out)
    };
    if let Err(e) = out.flush() {
        eprintln!("extract: cannot write output: {e}");
        return ExitCode::FAILURE;
    }
    match failures {
        Ok(0) => ExitCode::SUCCESS,
        Ok(n) => {
            eprintln!("extract: {n} input(s) failed");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("extract: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_stdin(ex: &Extractor, options: StreamOptions, out: &mut impl Write) -> io::Result<usize> {
    let stdin = io::stdin();
    let report = stream::process_jsonl(ex, stdin.lock(), out, options, |e| {
        eprintln!("extract: {e}")
    })?;
    Ok(report.errors.len())
}

fn run_files(
    ex: &Extractor,
    options: StreamOptions,
    files: &[PathBuf],
    out: &mut impl Write,
) -> io::Result<usize> {
    let report = stream::process_files(ex, files, out, options, |e| eprintln!("extract: {e}"))?;
    Ok(report.errors.len())
}
