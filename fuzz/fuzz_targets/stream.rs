//! Any bytes as a JSON Lines stream → `process_jsonl` must not panic or stop, must account
//! for every line (a document written, a line reported, or a blank line skipped), and must
//! write the same bytes on several threads, in small shares, as on one.
//!
//! Run it with `-detect_leaks=0`: a worker thread's thread-local destructor list (32
//! bytes from glibc's `__cxa_thread_atexit_impl`) is freed as the thread finishes
//! exiting, which can be just after the scope that joined it returns, and LeakSanitizer
//! then reports it now and then as a leak of that input. Replaying such an input reports
//! nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use whosaid::stream::{process_jsonl, StreamOptions};
use whosaid::Extractor;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the threads and the share size, the rest is the stream.
    let Some((&knobs, input)) = data.split_first() else {
        return;
    };
    let ex = Extractor::new();
    let run = |jobs: usize, batch: usize| {
        let mut out = Vec::new();
        let options = StreamOptions {
            jobs,
            batch,
            ..StreamOptions::default()
        };
        let report = process_jsonl(&ex, input, &mut out, options, |_| {})
            .expect("writing to a Vec cannot fail");
        (out, report)
    };
    let (one, one_report) = run(1, 256);
    let (many, many_report) = run(2 + usize::from(knobs & 3), 1 + usize::from(knobs >> 2));
    assert!(one == many, "output differs between one thread and several");
    assert_eq!(one_report, many_report);

    // Every line is a document, an error, or blank (white space, or a byte-order mark).
    let lines = input.split_inclusive(|&b| b == b'\n');
    let blank = lines
        .clone()
        .filter(|l| {
            std::str::from_utf8(l).is_ok_and(|s| s.trim_start_matches('\u{feff}').trim().is_empty())
        })
        .count();
    assert_eq!(
        one_report.documents + one_report.errors.len() + blank,
        lines.count()
    );
    assert_eq!(
        one.iter().filter(|&&b| b == b'\n').count(),
        one_report.documents
    );
    let numbers: Vec<usize> = one_report.errors.iter().map(|e| e.line).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "errors out of order"
    );
});
