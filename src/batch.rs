//! Many documents on all cores, in order.

use crate::output::Analysis;
use crate::Extractor;

/// Applies `f` to every item on up to `jobs` scoped threads and returns the results in
/// input order. Work is handed out in small chunks from a shared counter, so one long
/// document does not leave the other threads idle.
pub(crate) fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let jobs = jobs.max(1).min(items.len().max(1));
    if jobs == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    const CHUNK: usize = 4;
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= items.len() {
                            break;
                        }
                        for (i, item) in items.iter().enumerate().skip(start).take(CHUNK) {
                            done.push((i, f(item)));
                        }
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut all: Vec<(usize, R)> = parts.drain(..).flatten().collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

impl Extractor {
    /// Extracts every text on up to `jobs` threads (0 = all cores), results in input order.
    ///
    /// ```
    /// let ex = whosaid::Extractor::new();
    /// let out = ex.extract_batch(&["“Yes,” she said.", "No quotes here."], 0);
    /// assert_eq!(out.len(), 2);
    /// ```
    pub fn extract_batch<S: AsRef<str> + Sync>(&self, texts: &[S], jobs: usize) -> Vec<Analysis> {
        let jobs = if jobs == 0 { available_jobs() } else { jobs };
        map_ordered(texts, jobs, |t| self.extract(t.as_ref()))
    }
}

/// The number of cores, or 1 when it cannot be told.
pub fn available_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
