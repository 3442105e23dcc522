//! Many documents on all cores, in input order: [`map_stream`] hands each result on as
//! soon as it and all before it are done, for streams ([`Extractor::extract_each`], the
//! JSONL loop) and for batches collected into a `Vec` ([`Extractor::extract_batch`]).

use crate::output::Analysis;
use crate::Extractor;
use std::collections::BTreeMap;
use std::sync::{mpsc, Mutex};

/// How a stream is cut into work for [`map_stream`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chunking {
    /// Most items given to a worker at a time.
    pub items: usize,
    /// A chunk closes once its items measure this much (bytes of text), so that a few
    /// long documents do not make a chunk, and the memory read ahead, huge.
    pub bytes: usize,
}

impl Chunking {
    /// Chunks of up to 256 items or 64 KB: about a millisecond of work on news, long
    /// enough that handing a chunk over costs little, short enough that the last chunks
    /// of a stream keep every worker busy until near the end.
    pub const DEFAULT: Chunking = Chunking {
        items: 256,
        bytes: 64 << 10,
    };
}

/// Chunks in flight (read but not yet handed on) per worker: enough that a worker finds
/// the next chunk waiting while the caller hands on the last one.
const CHUNKS_IN_FLIGHT_PER_JOB: usize = 4;

/// Applies `f` to every item of `items` on `jobs` threads, the calling one included, and
/// hands each item with its result to `each`, on the calling thread and in input order.
/// The calling thread reads the items, hands on the results, and computes a chunk itself
/// whenever the next result to hand on is not in; up to `jobs - 1` spawned workers, one
/// started per chunk queued, only compute. At most `CHUNKS_IN_FLIGHT_PER_JOB * jobs` chunks are read but not yet handed
/// on, so memory stays bounded however long the stream, and a result is freed as soon as
/// `each` is done with it. The first error `each` returns stops the stream and is
/// returned; a panic in `f` reaches the caller.
pub(crate) fn map_stream<T: Send, R: Send, E>(
    items: impl IntoIterator<Item = T>,
    jobs: usize,
    chunking: Chunking,
    size: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(T, R) -> Result<(), E>,
) -> Result<(), E> {
    let mut items = items.into_iter();
    if jobs <= 1 {
        return items.try_for_each(|item| {
            let r = f(&item);
            each(item, r)
        });
    }
    type Done<T, R> = (usize, Vec<T>, std::thread::Result<Vec<R>>);
    let (work, work_rx) = mpsc::channel::<(usize, Vec<T>)>();
    let (done_tx, done) = mpsc::channel::<Done<T, R>>();
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|s| {
        // The senders move into the scope: when the caller stops, for an error or a panic,
        // dropping `work` tells the workers to stop too, before the scope joins them.
        let (work, mut done_tx) = (work, Some(done_tx));
        // The calling thread is one of the `jobs`: it works on a chunk whenever it has
        // nothing to hand on, so there are never more busy threads than `jobs`. The other
        // workers start as chunks are queued, one per chunk, so that a few texts on a
        // machine of many cores do not start threads there is no work for.
        let mut workers = 0;
        // Whether a worker started: when the system refuses a thread, the work goes on
        // with the threads there are.
        let spawn_worker = |done_tx: mpsc::Sender<Done<T, R>>| {
            let (work_rx, f) = (&work_rx, &f);
            let started = std::thread::Builder::new().spawn_scoped(s, move || loop {
                // The lock is held only while waiting for the next chunk.
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((seq, chunk)) = next else { break };
                // A panic is sent on like a result, so that the caller, which waits for
                // this chunk, re-raises it instead of waiting for ever.
                let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    chunk.iter().map(f).collect::<Vec<R>>()
                }));
                if done_tx.send((seq, chunk, out)).is_err() {
                    break;
                }
            });
            #[cfg(test)]
            WORKERS_STARTED.with(|n| n.set(n.get() + usize::from(started.is_ok())));
            started.is_ok()
        };
        let in_flight = CHUNKS_IN_FLIGHT_PER_JOB.saturating_mul(jobs);
        let (mut sent, mut handed_on, mut input_left) = (0, 0, true);
        // Chunks done out of turn, by sequence number.
        let mut waiting: BTreeMap<usize, (Vec<T>, Vec<R>)> = BTreeMap::new();
        let file = |waiting: &mut BTreeMap<_, _>, (seq, chunk, out): Done<T, R>| match out {
            Ok(out) => {
                waiting.insert(seq, (chunk, out));
            }
            Err(panic) => std::panic::resume_unwind(panic),
        };
        loop {
            while input_left && sent - handed_on < in_flight {
                let chunk = take_chunk(&mut items, chunking, &size);
                if chunk.is_empty() {
                    input_left = false;
                } else {
                    // The queue's receiver outlives the scope, so this cannot fail; and
                    // workers stop only when `work` is dropped (panics in `f` are caught),
                    // so a chunk sent is a chunk done, by a worker or by this thread.
                    work.send((sent, chunk))
                        .expect("the queue's receiver outlives the scope");
                    sent += 1;
                    if let Some(tx) = &done_tx {
                        if spawn_worker(tx.clone()) {
                            workers += 1;
                        } else {
                            done_tx = None;
                        }
                    }
                }
                // Once every worker has started, or none will be needed or can start, the
                // caller lets go of its sender, so that the channel closes with the last
                // worker.
                if workers + 1 >= jobs || !input_left {
                    done_tx = None;
                }
            }
            while let Some((chunk, out)) = waiting.remove(&handed_on) {
                handed_on += 1;
                for (item, r) in chunk.into_iter().zip(out) {
                    each(item, r)?;
                }
            }
            if handed_on == sent {
                if input_left {
                    continue;
                }
                return Ok(());
            }
            // The next result to hand on is not in: file one that is, or do a chunk
            // here, or wait for a worker. A worker waiting for work holds the queue's
            // lock, and then the queue is empty.
            if let Ok(done_chunk) = done.try_recv() {
                file(&mut waiting, done_chunk);
            } else if let Some((seq, chunk)) =
                work_rx.try_lock().ok().and_then(|rx| rx.try_recv().ok())
            {
                let out = chunk.iter().map(&f).collect();
                file(&mut waiting, (seq, chunk, Ok(out)));
            } else {
                let done_chunk = done.recv();
                file(
                    &mut waiting,
                    done_chunk.expect("the workers outlive the chunks sent to them"),
                );
            }
        }
    })
}

#[cfg(test)]
thread_local! {
    /// Workers started by [`map_stream`] on this thread, for the tests.
    static WORKERS_STARTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The next chunk of `items`: up to `chunking.items` items, closed early by the item that
/// reaches `chunking.bytes`; at least one item unless the input is done.
fn take_chunk<T>(
    items: &mut impl Iterator<Item = T>,
    chunking: Chunking,
    size: &impl Fn(&T) -> usize,
) -> Vec<T> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.is_empty() || (chunk.len() < chunking.items && bytes < chunking.bytes) {
        let Some(item) = items.next() else { break };
        bytes += size(&item);
        chunk.push(item);
    }
    chunk
}

impl Extractor {
    /// Extracts every text on `jobs` threads (0 = all cores), this one included, and
    /// returns the results in input order. It keeps every result until the batch ends;
    /// for long inputs, [`Extractor::extract_each`] hands each on and frees it instead.
    ///
    /// ```
    /// let ex = whosaid::Extractor::new();
    /// let out = ex.extract_batch(&["“Yes,” she said.", "No quotes here."], 0);
    /// assert_eq!(out.len(), 2);
    /// ```
    pub fn extract_batch<S: AsRef<str> + Sync>(&self, texts: &[S], jobs: usize) -> Vec<Analysis> {
        let jobs = if jobs == 0 { available_jobs() } else { jobs };
        let mut out = Vec::with_capacity(texts.len());
        let all: Result<(), std::convert::Infallible> = map_stream(
            texts,
            jobs,
            Chunking::DEFAULT,
            |t| t.as_ref().len(),
            |t| self.extract(t.as_ref()),
            |_, analysis| {
                out.push(analysis);
                Ok(())
            },
        );
        let Ok(()) = all;
        out
    }

    /// Extracts every text the iterator yields on `jobs` threads (0 = all cores), this one
    /// included, and hands each text with its analysis to `each`, on this thread and in
    /// input order, as soon as it and all before it are done.
    ///
    /// Unlike [`Extractor::extract_batch`], nothing is kept: a few chunks of documents (up
    /// to 256 texts or 64 KB each, four per thread) are read ahead, and each result is
    /// freed when `each` returns, so memory stays bounded however many texts there are.
    /// The texts may come from anything that iterates, a file being read for instance;
    /// this thread reads them, and extracts too whenever it has nothing to hand on.
    ///
    /// ```
    /// let ex = whosaid::Extractor::new();
    /// let texts = vec!["“Yes,” she said.".to_string(), "No quotes here.".to_string()];
    /// let mut quotes = Vec::new();
    /// ex.extract_each(texts, 0, |text, analysis| {
    ///     for q in &analysis.quotes {
    ///         quotes.push(q.content.slice(&text).to_string());
    ///     }
    /// });
    /// assert_eq!(quotes, ["Yes,"]);
    /// ```
    pub fn extract_each<I>(&self, texts: I, jobs: usize, mut each: impl FnMut(I::Item, Analysis))
    where
        I: IntoIterator,
        I::Item: AsRef<str> + Send,
    {
        let never: Result<(), std::convert::Infallible> =
            self.try_extract_each(texts, jobs, |text, analysis| {
                each(text, analysis);
                Ok(())
            });
        let Ok(()) = never;
    }

    /// [`Extractor::extract_each`] where `each` may fail: the first error stops the
    /// stream and is returned. The workers finish the chunk in hand and stop.
    pub fn try_extract_each<I, E>(
        &self,
        texts: I,
        jobs: usize,
        each: impl FnMut(I::Item, Analysis) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: IntoIterator,
        I::Item: AsRef<str> + Send,
    {
        let jobs = if jobs == 0 { available_jobs() } else { jobs };
        map_stream(
            texts,
            jobs,
            Chunking::DEFAULT,
            |t| t.as_ref().len(),
            |t| self.extract(t.as_ref()),
            each,
        )
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
    fn batch_equals_one_extract_per_text() {
        let texts = [
            "“We will never give up,” Sergey Lavrov said.",
            "No quotes here.",
            "",
            "Kim Jong Un said the DPRK would respond, KCNA reported.",
            "“Yes,” she said. “No,” he replied.",
        ];
        let ex = Extractor::new();
        // Once, and enough times over to fill several chunks of the default size.
        for copies in [1, 130] {
            let texts: Vec<String> = (0..copies)
                .flat_map(|i| texts.iter().map(move |t| format!("{t} ({i})")))
                .collect();
            let one_by_one: Vec<Analysis> = texts.iter().map(|t| ex.extract(t)).collect();
            for jobs in [0, 1, 2, 3] {
                let batch = ex.extract_batch(&texts, jobs);
                assert!(batch == one_by_one, "{copies} copies, {jobs} jobs");
            }
        }
    }

    /// Small chunks, so that a few dozen items make many chunks and several in flight.
    const TINY: Chunking = Chunking {
        items: 3,
        bytes: 1 << 20,
    };

    #[test]
    fn a_stream_is_handed_on_in_input_order_on_any_number_of_threads() {
        // Any number of threads, even more than anyone could start: workers start one per
        // chunk, and the read-ahead window saturates instead of overflowing.
        for n in [0usize, 1, 3, 4, 103] {
            for jobs in [1, 2, 3, 8, usize::MAX] {
                for chunking in [TINY, Chunking::DEFAULT, Chunking { items: 0, bytes: 0 }] {
                    let mut seen = Vec::new();
                    let ok: Result<(), ()> = map_stream(
                        0..n,
                        jobs,
                        chunking,
                        |_| 1,
                        |i| i * 7,
                        |i, r| {
                            seen.push((i, r));
                            Ok(())
                        },
                    );
                    assert_eq!(ok, Ok(()));
                    let expected: Vec<(usize, usize)> = (0..n).map(|i| (i, i * 7)).collect();
                    assert_eq!(seen, expected, "{n} items, {jobs} jobs, {chunking:?}");
                }
            }
        }
    }

    #[test]
    fn workers_start_only_for_chunks_that_need_them() {
        // (items, jobs) -> most workers started: one chunk of three items needs at most
        // one besides the caller, whatever the cores; a long stream gets all of them.
        for (n, jobs, most) in [(3usize, 8usize, 1usize), (12, 8, 4), (300, 3, 2), (0, 8, 0)] {
            WORKERS_STARTED.with(|w| w.set(0));
            let mut seen = 0;
            let ok: Result<(), ()> = map_stream(
                0..n,
                jobs,
                TINY,
                |_| 1,
                |&i| i,
                |_, _| {
                    seen += 1;
                    Ok(())
                },
            );
            assert_eq!((ok, seen), (Ok(()), n));
            let started = WORKERS_STARTED.with(|w| w.get());
            assert!(started <= most, "{n} items, {jobs} jobs: {started} workers");
            if n >= 300 {
                assert_eq!(started, jobs - 1, "a long stream uses every job");
            }
        }
    }

    #[test]
    fn chunks_close_at_their_item_count_or_byte_budget() {
        let cut = |chunking: Chunking, sizes: &[usize]| {
            let mut items = sizes.iter().copied();
            let mut chunks = Vec::new();
            loop {
                let chunk = take_chunk(&mut items, chunking, &|&n: &usize| n);
                if chunk.is_empty() {
                    return chunks;
                }
                chunks.push(chunk);
            }
        };
        // Ten-byte items with a 25-byte budget: the third item crosses it and closes the
        // chunk.
        let budget = Chunking {
            items: 100,
            bytes: 25,
        };
        assert_eq!(cut(budget, &[10; 7]), [vec![10; 3], vec![10; 3], vec![10]]);
        // One item longer than the budget is a chunk of its own.
        assert_eq!(cut(budget, &[5, 90, 5]), [vec![5, 90], vec![5]]);
        assert_eq!(cut(budget, &[90, 5]), [vec![90], vec![5]]);
        // The count closes a chunk of small items.
        let count = Chunking {
            items: 2,
            bytes: 1000,
        };
        assert_eq!(cut(count, &[1; 5]), [vec![1; 2], vec![1; 2], vec![1]]);
        // A zero budget still makes progress, one item at a time.
        let zero = Chunking { items: 0, bytes: 0 };
        assert_eq!(cut(zero, &[1, 2]), [vec![1], vec![2]]);
        assert!(cut(budget, &[]).is_empty());
    }

    #[test]
    fn memory_in_flight_is_bounded_however_long_the_stream() {
        // The caller never reads more than the window ahead of what it has handed on.
        let read = std::cell::Cell::new(0usize);
        let items = (0..10_000usize).inspect(|_| read.set(read.get() + 1));
        let jobs = 2;
        let window = TINY.items * CHUNKS_IN_FLIGHT_PER_JOB * jobs;
        let mut handed_on = 0;
        let ok: Result<(), ()> = map_stream(
            items,
            jobs,
            TINY,
            |_| 1,
            |&i| i,
            |_, _| {
                handed_on += 1;
                assert!(
                    read.get() <= handed_on + window,
                    "{} read, {handed_on} handed on",
                    read.get()
                );
                Ok(())
            },
        );
        assert_eq!(ok, Ok(()));
        assert_eq!(handed_on, 10_000);
    }

    #[test]
    fn the_first_error_stops_the_stream_and_is_returned() {
        for jobs in [1, 2, 4] {
            let mut handed_on = Vec::new();
            let read = std::cell::Cell::new(0usize);
            let items = (0..1_000usize).inspect(|_| read.set(read.get() + 1));
            let out = map_stream(
                items,
                jobs,
                TINY,
                |_| 1,
                |&i| i,
                |i, _| {
                    if i == 10 {
                        return Err(format!("stopped at {i}"));
                    }
                    handed_on.push(i);
                    Ok(())
                },
            );
            assert_eq!(out, Err("stopped at 10".to_string()), "{jobs} jobs");
            assert_eq!(handed_on, (0..10).collect::<Vec<_>>(), "{jobs} jobs");
            // Reading stopped too: only the window ahead of item 10 was read.
            assert!(read.get() < 100, "{jobs} jobs: {} items read", read.get());
        }
    }

    #[test]
    #[should_panic(expected = "item 5")]
    fn a_panic_in_a_stream_worker_reaches_the_caller() {
        let _: Result<(), ()> = map_stream(
            0..40usize,
            2,
            TINY,
            |_| 1,
            |&i| {
                if i == 5 {
                    panic!("item 5");
                }
                i
            },
            |_, _| Ok(()),
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Any number of items of any sizes, any chunking, any number of threads, and a
        /// callback that may fail at any item: everything before the failure is handed on
        /// in order, nothing after it, and the failure is what comes back.
        #[test]
        fn stream_hands_on_a_prefix_in_order(
            sizes in proptest::collection::vec(0usize..100, 0..200),
            items in 1usize..20,
            bytes in 0usize..300,
            jobs in 1usize..5,
            fail_at in proptest::option::of(0usize..220),
        ) {
            let chunking = Chunking { items, bytes };
            let mut seen = Vec::new();
            let out = map_stream(
                sizes.iter().copied().enumerate(),
                jobs,
                chunking,
                |&(_, size)| size,
                |&(i, size)| i * 1000 + size,
                |(i, size), r| {
                    if Some(i) == fail_at {
                        return Err(i);
                    }
                    seen.push((i, r == i * 1000 + size));
                    Ok(())
                },
            );
            let stop = fail_at.filter(|&f| f < sizes.len());
            proptest::prop_assert_eq!(out, stop.map_or(Ok(()), Err));
            let expected: Vec<(usize, bool)> =
                (0..stop.unwrap_or(sizes.len())).map(|i| (i, true)).collect();
            proptest::prop_assert_eq!(seen, expected);
        }
    }

    #[test]
    fn extract_each_equals_one_extract_per_text() {
        let texts = [
            "“We will never give up,” Sergey Lavrov said.",
            "No quotes here.",
            "",
            "Kim Jong Un said the DPRK would respond, KCNA reported.",
        ];
        let ex = Extractor::new();
        for jobs in [0, 1, 2, 3] {
            let mut got = Vec::new();
            ex.extract_each(texts.iter().map(|t| t.to_string()), jobs, |text, a| {
                got.push((text, a))
            });
            let expected: Vec<(String, Analysis)> = texts
                .iter()
                .map(|t| (t.to_string(), ex.extract(t)))
                .collect();
            assert_eq!(got, expected, "{jobs} jobs");
        }
    }
}
