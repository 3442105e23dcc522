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
    // Each worker takes chunks from the shared counter until none is left.
    let work = || {
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
    };
    // The calling thread is one of the workers: it would otherwise only wait, and its
    // allocator arena keeps memory between batches, where a fresh thread's gives it back.
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..jobs).map(|_| s.spawn(work)).collect();
        let mut parts = vec![work()];
        for h in handles {
            match h.join() {
                Ok(v) => parts.push(v),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_on_any_number_of_threads() {
        // More items than chunks per worker, a count that is not a multiple of the chunk,
        // fewer items than threads, and none at all.
        for n in [0usize, 1, 3, 4, 103] {
            let items: Vec<usize> = (0..n).collect();
            let expected: Vec<usize> = items.iter().map(|i| i * 7).collect();
            for jobs in [0, 1, 2, 3, 8] {
                assert_eq!(
                    map_ordered(&items, jobs, |i| i * 7),
                    expected,
                    "{n} items, {jobs} jobs"
                );
            }
        }
    }

    #[test]
    fn batch_equals_one_extract_per_text() {
        let texts = [
            "“We will never give up,” Sergey Lavrov said.",
            "No quotes here.",
            "",
            "Kim Jong Un said the DPRK would respond, KCNA reported.",
            "“Yes,” she said. “No,” he replied.",
        ];
        let ex = Extractor::new();
        let one_by_one: Vec<Analysis> = texts.iter().map(|t| ex.extract(t)).collect();
        for jobs in [1, 2, 3] {
            assert_eq!(ex.extract_batch(&texts, jobs), one_by_one, "{jobs} jobs");
        }
    }

    #[test]
    #[should_panic(expected = "item 5")]
    fn a_panic_in_a_worker_reaches_the_caller() {
        let items: Vec<usize> = (0..40).collect();
        map_ordered(&items, 2, |&i| {
            if i == 5 {
                panic!("item 5");
            }
            i
        });
    }
}
