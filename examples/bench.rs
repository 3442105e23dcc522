//! Speed and memory figures for the README, measured on this machine.
//!
//! ```text
//! cargo run --release --example bench                 # all figures
//! cargo run --release --example bench -- --jsonl FILE --mb 100   # write a JSONL stream for the memory run
//! cargo run --release --example bench -- --texts DIR  # the same figures on DIR/*.txt, repeated to 12 MB
//! ```
//!
//! The corpus is news-like text generated from sentences written for this project (a
//! dozen story templates filled with names, places, cues and every kind of quote mark),
//! about 12 MB, so the figures do not depend on any file outside the crate.

use std::time::{Duration, Instant};
use whosaid::Extractor;

/// Story templates: `{P}` a person, `{Q}` a second person, `{C}` a country, `{O}` an
/// organisation, `{N}` a number.
const TEMPLATES: &[&str] = &[
    "{P} arrived in {C} on Monday for talks on trade and security, officials said.",
    "“We are ready to work with everyone who wants peace,” {P} told reporters after meeting {Q}.",
    "'The talks were constructive,' {P} said. 'We will meet again next month.'",
    "According to {O}, {P} expressed his hope 'to deepen cooperation in every field.'",
    "{Q} said on Sunday that the government would announce {N} new measures before the summer.",
    "The minister, who spoke on condition that details stay private, said the plan would cost {N} billion euros.",
    "Advertisement",
    "″This is the moment for negotiations,'′ {P} told the {O} in an interview published on Friday.",
    "Analysts were cautious. \"It is too early to tell,\" said Jane Roe, chief economist at a bank in {C}.",
    "{P} has repeatedly called the proposal 'a dangerous distraction' and vowed to block it.",
    "Prices in {C} rose {N}% in the year to March, the statistics office reported.",
    "Photo: {P} (L) and {Q} (R) shake hands in the capital. AFP via Getty Images",
    "«Nous sommes prêts», a déclaré {P} — the remark drew applause from delegates.",
    "{O} reported that {P} had thanked the 'heroic' volunteers, adding that 'the work is far from over.'",
    "Speaking on the 'Morning Show', {Q} said: „We have always been clear about our goals.“",
    "He added that the country was in a 'difficult position' and would need {N} months to recover.",
];

const PEOPLE: &[&str] = &[
    "Sergey Lavrov",
    "Kim Jong Un",
    "Emmanuel Macron",
    "Olaf Scholz",
    "Volodymyr Zelenskyy",
    "Lindsey Graham",
    "Marco Rubio",
    "Ursula von der Leyen",
    "Lars Løkke Rasmussen",
    "Xi Jinping",
    "Narendra Modi",
    "Recep Tayyip Erdoğan",
];
const COUNTRIES: &[&str] = &[
    "Russia",
    "North Korea",
    "France",
    "Germany",
    "Ukraine",
    "the United States",
    "Japan",
    "Brazil",
    "Türkiye",
    "Denmark",
];
const ORGS: &[&str] = &[
    "KCNA",
    "Reuters",
    "the Associated Press",
    "NBC News",
    "TASS",
    "Xinhua",
    "the BBC",
    "Yonhap",
];

/// A deterministic generator (no dependency): a 64-bit LCG.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

/// Documents of 2–8 KB, `total` bytes in all.
fn corpus(total: usize) -> Vec<String> {
    let mut rng = Rng(42);
    let mut docs = Vec::new();
    let mut size = 0;
    while size < total {
        let target = 2000 + rng.next() % 6000;
        let mut doc = String::with_capacity(target + 200);
        while doc.len() < target {
            let t = rng.pick(TEMPLATES);
            let line = t
                .replace("{P}", rng.pick(PEOPLE))
                .replace("{Q}", rng.pick(PEOPLE))
                .replace("{C}", rng.pick(COUNTRIES))
                .replace("{O}", rng.pick(ORGS))
                .replace("{N}", &(rng.next() % 500).to_string());
            doc.push_str(&line);
            doc.push(if rng.next() % 3 == 0 { '\n' } else { ' ' });
        }
        size += doc.len();
        docs.push(doc);
    }
    docs
}

/// The `.txt` files of `dir`, repeated in name order until they hold `total` bytes: the
/// same figures on a corpus of your own (`--texts DIR`).
fn texts(dir: &str, total: usize) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("--texts DIR must be a readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let files: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|t| !t.is_empty())
        .collect();
    assert!(!files.is_empty(), "no readable .txt files in {dir}");
    let mut docs = Vec::new();
    let mut size = 0;
    while size < total {
        let d = &files[docs.len() % files.len()];
        size += d.len();
        docs.push(d.clone());
    }
    docs
}

/// The median wall time of three runs of `f`.
fn median_of_3(mut f: impl FnMut()) -> Duration {
    median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// "lowest-highest" of a set of ratios.
fn spread(xs: &[f64]) -> String {
    let lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = xs.iter().copied().fold(0.0, f64::max);
    format!("{lo:.2}-{hi:.2}x")
}

fn median_f64(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mb_arg = |default: usize| -> usize {
        args.iter()
            .position(|a| a == "--mb")
            .and_then(|j| args.get(j + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    if let Some(i) = args.iter().position(|a| a == "--jsonl") {
        let path = args.get(i + 1).expect("--jsonl FILE");
        write_jsonl(path, mb_arg(100) * 1_000_000);
        return;
    }

    if args.iter().any(|a| a == "--extract-only") {
        // For profilers: nothing but extract over the corpus (`--mb N`, default 12), three
        // times. Under callgrind, `--mb 1` gives repeatable instruction counts in a minute.
        let ex = Extractor::new();
        let docs = match args.iter().position(|a| a == "--texts") {
            Some(i) => texts(
                args.get(i + 1).expect("--texts DIR"),
                mb_arg(12) * 1_000_000,
            ),
            None => corpus(mb_arg(12) * 1_000_000),
        };
        for _ in 0..3 {
            let n: usize = docs.iter().map(|d| ex.extract(d).quotes.len()).sum();
            std::hint::black_box(n);
        }
        return;
    }

    // 1. Building the default extractor (parse the embedded files, compile the automaton).
    let builds: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let ex = Extractor::builder()
                .build()
                .expect("the default gazetteers compile");
            let d = t.elapsed();
            std::hint::black_box(ex);
            d
        })
        .collect();
    let ex = Extractor::new();
    let stats = ex.gazetteer().stats();
    println!(
        "build default Extractor: median {:.1} ms over 5 ({} entries, {} compiled spellings)",
        median(builds).as_secs_f64() * 1e3,
        stats.entries,
        stats.patterns
    );

    let docs = match args.iter().position(|a| a == "--texts") {
        Some(i) => texts(args.get(i + 1).expect("--texts DIR"), 12_000_000),
        None => corpus(12_000_000),
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    println!(
        "corpus: {} documents, {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6
    );

    // 2. Raw scans over the same bytes, the ceiling: the gazetteer trie's own find_iter,
    //    and aho-corasick's leftmost-longest find_iter over the same spellings (the
    //    automaton the trie replaced; the faster of the two is the ceiling).
    //    Both scans and extract (3.) are timed in turn, five rounds, so that a change in the
    //    load of the machine falls on all three alike; each figure is the median of its five.
    let trie = ex.gazetteer().matcher().automaton();
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(ex.gazetteer().spellings())
        .expect("the default spellings compile");
    let timed = |f: &dyn Fn(&str) -> usize| {
        let t = Instant::now();
        let n: usize = docs.iter().map(|d| f(d)).sum();
        std::hint::black_box(n);
        t.elapsed()
    };
    let (mut trie_scans, mut ac_scans, mut ones) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        trie_scans.push(timed(&|d| trie.find_iter(d).count()));
        ac_scans.push(timed(&|d| ac.find_iter(d).count()));
        // 3. End to end, one thread.
        ones.push(timed(&|d| ex.extract(d).quotes.len()));
    }
    let (trie_scan, ac_scan, one) = (median(trie_scans), median(ac_scans), median(ones));
    let scan = trie_scan.min(ac_scan);
    let (scan_mbs, one_mbs) = (mb_per_s(bytes, scan), mb_per_s(bytes, one));
    println!(
        "raw find_iter, gazetteer trie:  {:.1} MB/s; aho-corasick over the same spellings: {:.1} MB/s",
        mb_per_s(bytes, trie_scan),
        mb_per_s(bytes, ac_scan)
    );
    println!(
        "extract, 1 thread:              {one_mbs:.1} MB/s  ({:.2} of the faster raw scan)",
        one_mbs / scan_mbs
    );

    // 4. Many documents on two threads against one, both ways the library offers:
    //    `extract_each`, which hands each result on in order and frees it once used (as a
    //    program writing results out does), and `extract_batch`, which keeps every result
    //    until the batch ends. Each is compared with itself on one thread.
    //    A control is timed alongside: two plain loops over `extract`, each over half of
    //    the documents, freeing each result at once. It is how this work scales on the
    //    machine at that moment with no coordination at all, the most either API could
    //    reach: this is a virtual machine, whose second core is not always a whole one.
    //    The runs of a round go in turn, fifteen rounds; each ratio is the median of the
    //    rounds' own ratios, so that a change in the load falls on both sides of one.
    //    Interference only ever slows a run, so the fastest one-thread run against the
    //    fastest two-thread run is printed too: the scaling with interference left out.
    let each = |jobs: usize| {
        let t = Instant::now();
        let mut n = 0;
        ex.extract_each(&docs, jobs, |_, a| n += a.quotes.len());
        std::hint::black_box(n);
        t.elapsed()
    };
    let batch = |jobs: usize| {
        let t = Instant::now();
        let out = ex.extract_batch(&docs, jobs);
        std::hint::black_box(out.len());
        drop(out);
        t.elapsed()
    };
    let halves = |jobs: usize| {
        let t = Instant::now();
        std::thread::scope(|s| {
            for part in docs.chunks(docs.len().div_ceil(jobs)) {
                s.spawn(|| {
                    let n: usize = part.iter().map(|d| ex.extract(d).quotes.len()).sum();
                    std::hint::black_box(n);
                });
            }
        });
        t.elapsed()
    };
    let runs: [(&str, &dyn Fn(usize) -> Duration); 3] = [
        ("control: two plain loops", &halves),
        ("extract_each", &each),
        ("extract_batch", &batch),
    ];
    let mut ratios: [Vec<f64>; 3] = Default::default();
    let mut times: [(Vec<Duration>, Vec<Duration>); 3] = Default::default();
    for _ in 0..15 {
        for (i, (_, run)) in runs.iter().enumerate() {
            let (one, two) = (run(1), run(2));
            ratios[i].push(one.as_secs_f64() / two.as_secs_f64());
            times[i].0.push(one);
            times[i].1.push(two);
        }
    }
    println!("two threads against one, medians of 15 rounds:");
    for (i, (name, _)) in runs.iter().enumerate() {
        let (one, two) = &times[i];
        let fastest = |t: &Vec<Duration>| t.iter().copied().min().unwrap_or_default();
        println!(
            "  {name:<25} {:.2}x (rounds {})  {:.1} MB/s against {:.1} MB/s; fastest runs {:.2}x",
            median_f64(ratios[i].clone()),
            spread(&ratios[i]),
            mb_per_s(bytes, median(two.clone())),
            mb_per_s(bytes, median(one.clone())),
            fastest(one).as_secs_f64() / fastest(two).as_secs_f64(),
        );
    }

    // 5. One 10 MB document against the same bytes as small documents.
    let mut big = String::with_capacity(10_100_000);
    for d in &docs {
        if big.len() >= 10_000_000 {
            break;
        }
        big.push_str(d);
        big.push('\n');
    }
    let small: Vec<&str> = big.lines().collect();
    let t_small = median_of_3(|| {
        let n: usize = small.iter().map(|d| ex.extract(d).quotes.len()).sum();
        std::hint::black_box(n);
    });
    let t_big = median_of_3(|| {
        std::hint::black_box(ex.extract(&big).quotes.len());
    });
    let (small_mbs, big_mbs) = (mb_per_s(big.len(), t_small), mb_per_s(big.len(), t_big));
    println!("one {:.1} MB document:           {big_mbs:.1} MB/s  ({:.2} of the same bytes as {} small documents, {small_mbs:.1} MB/s)", big.len() as f64 / 1e6, big_mbs / small_mbs, small.len());

    // 6. Growth: time per MB for 1, 2, 4 MB of adversarial text (quote marks, no spaces,
    //    names that never end).
    for (name, unit) in [
        ("quote marks", "'\"“”‘’"),
        ("no whitespace", "Abc-def.Ghi,"),
        // The trie's worst case: every word starts a long spelling the text never completes.
        (
            "unfinished names",
            "Ursula von der Leye Kim Jong Xi Jinpin Volodymyr Zelensk ",
        ),
    ] {
        let mut line = Vec::new();
        for mb in [1usize, 2, 4] {
            let text: String = unit
                .chars()
                .cycle()
                .take(mb * 1_000_000 / unit.len().max(1) * unit.chars().count())
                .collect();
            let t = Instant::now();
            std::hint::black_box(ex.extract(&text).quotes.len());
            line.push(format!("{mb} MB {:.0} ms", t.elapsed().as_secs_f64() * 1e3));
        }
        println!("growth on {name}: {}", line.join(", "));
    }
}

fn write_jsonl(path: &str, total: usize) {
    use std::io::Write;
    let docs = corpus(12_000_000);
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(path).expect("create the JSONL file"));
    let mut written = 0;
    let mut i = 0;
    while written < total {
        let d = &docs[i % docs.len()];
        let line = serde_json::json!({"id": i, "text": d}).to_string();
        written += line.len() + 1;
        writeln!(out, "{line}").expect("write");
        i += 1;
    }
    println!(
        "wrote {i} documents, {:.1} MB, to {path}",
        written as f64 / 1e6
    );
}
