//! The binary form in which the build script hands the embedded gazetteers to the library:
//! the merged entries, their spelling table and trie, computed at build time by the same
//! code that computes them at run time for user gazetteers (build.rs compiles this module,
//! entry.rs, load.rs, defaults.rs, spelling.rs and trie.rs as they are).
//!
//! Plain little-endian integers and length-prefixed UTF-8, read with bounds-checked safe
//! code; reading it costs a few milliseconds, where parsing the JSON Lines, generating the
//! spellings and building the trie cost about a hundred.

use super::entry::{Entry, Gender, Label, Role};
use super::spelling::{Form, Table, Target};
use super::trie::Trie;
use std::sync::Arc;

/// What the build script computes for the embedded gazetteers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Defaults {
    /// The merged entries, in load order.
    pub entries: Vec<Entry>,
    /// The spelling table of `entries`, without the spellings themselves (the trie has
    /// them): pattern `p` stands for `targets[starts[p]..starts[p + 1]]`.
    pub starts: Vec<u32>,
    pub targets: Vec<Target>,
    /// The trie of the table's spellings.
    pub trie: Trie,
}

impl Defaults {
    // The writing half runs in the build script (and the tests), not in the library.
    #[cfg_attr(not(test), allow(dead_code))]
    /// Everything the matcher and the gazetteer of `entries` need that takes time to compute.
    pub(crate) fn compute(entries: Vec<Entry>) -> Result<Defaults, String> {
        let table = Table::new(&entries);
        let trie = Trie::new(&table.spellings)?;
        Ok(Defaults {
            entries,
            starts: table.starts,
            targets: table.targets,
            trie,
        })
    }

    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn write(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.u32(self.entries.len() as u32);
        for e in &self.entries {
            write_entry(&mut w, e);
        }
        w.u32s(&self.starts);
        let packed: Vec<u32> = self.targets.iter().map(|t| pack(*t)).collect();
        w.u32s(&packed);
        self.trie.write(&mut w);
        w.0
    }

    /// Reads what [`Defaults::write`] wrote. Panics on anything else: the bytes are the
    /// build script's output, so a failure is a bug in whosaid.
    pub(crate) fn read(bytes: &[u8]) -> Defaults {
        let mut r = Reader { buf: bytes };
        let n = r.u32() as usize;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            entries.push(read_entry(&mut r));
        }
        let starts = r.u32s();
        let targets = r.u32s().into_iter().map(unpack).collect();
        let trie = Trie::read(&mut r);
        assert!(
            r.buf.is_empty(),
            "trailing bytes after the embedded gazetteers"
        );
        Defaults {
            entries,
            starts,
            targets,
            trie,
        }
    }
}

#[cfg_attr(not(test), allow(dead_code))]
/// A target as one `u32`: the entry index in the high 30 bits, the form in the low 2.
fn pack(t: Target) -> u32 {
    debug_assert!(t.entry < 1 << 30);
    (t.entry << 2) | t.form as u32
}

fn unpack(x: u32) -> Target {
    let form = match x & 3 {
        0 => Form::Full,
        1 => Form::Short,
        _ => Form::Demonym,
    };
    Target {
        entry: x >> 2,
        form,
    }
}

#[cfg_attr(not(test), allow(dead_code))]
fn write_entry(w: &mut Writer, e: &Entry) {
    // Destructured, so that a new field of Entry does not compile until it is written here
    // (and read in read_entry).
    let Entry {
        id,
        label,
        name,
        kind,
        code,
        country,
        capital,
        gender,
        party,
        roles,
        aliases,
        short,
        demonyms,
        stands_for,
    } = e;
    w.str(id);
    w.u8(Label::ALL.iter().position(|l| l == label).unwrap_or(0) as u8);
    w.str(name);
    w.opt_str(kind.as_deref());
    w.opt_str(code.as_deref());
    w.opt_str(country.as_deref());
    w.u8(*capital as u8);
    w.u8(match gender {
        None => 0,
        Some(Gender::Male) => 1,
        Some(Gender::Female) => 2,
    });
    w.opt_str(party.as_deref());
    w.u32(roles.len() as u32);
    for Role { title, from, to } in roles {
        w.str(title);
        w.opt_i32(*from);
        w.opt_i32(*to);
    }
    w.strs(aliases);
    w.strs(short);
    w.strs(demonyms);
    w.opt_str(stands_for.as_deref());
}

fn read_entry(r: &mut Reader) -> Entry {
    let id = Arc::from(r.str());
    let label = Label::ALL[r.u8() as usize];
    let name = Arc::from(r.str());
    let kind = r.opt_str();
    let code = r.opt_str();
    let country = r.opt_str();
    let capital = r.u8() != 0;
    let gender = match r.u8() {
        0 => None,
        1 => Some(Gender::Male),
        _ => Some(Gender::Female),
    };
    let party = r.opt_str();
    let roles = (0..r.u32())
        .map(|_| Role {
            title: r.str().to_string(),
            from: r.opt_i32(),
            to: r.opt_i32(),
        })
        .collect();
    Entry {
        id,
        label,
        name,
        kind,
        code,
        country,
        capital,
        gender,
        party,
        roles,
        aliases: r.strs(),
        short: r.strs(),
        demonyms: r.strs(),
        stands_for: r.opt_str(),
    }
}

/// Appends little-endian values to a byte vector.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Writer(Vec<u8>);

#[cfg_attr(not(test), allow(dead_code))]
impl Writer {
    fn u8(&mut self, x: u8) {
        self.0.push(x);
    }

    fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }

    fn opt_i32(&mut self, x: Option<i32>) {
        match x {
            Some(x) => {
                self.u8(1);
                self.0.extend_from_slice(&x.to_le_bytes());
            }
            None => self.u8(0),
        }
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }

    pub(crate) fn u32s(&mut self, xs: &[u32]) {
        self.u32(xs.len() as u32);
        for &x in xs {
            self.u32(x);
        }
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
            None => self.u8(0),
        }
    }

    fn strs(&mut self, xs: &[String]) {
        self.u32(xs.len() as u32);
        for s in xs {
            self.str(s);
        }
    }
}

/// Reads what a [`Writer`] wrote, front to back.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        head
    }

    fn u8(&mut self) -> u8 {
        self.take(1)[0]
    }

    fn u32(&mut self) -> u32 {
        let mut b = [0; 4];
        b.copy_from_slice(self.take(4));
        u32::from_le_bytes(b)
    }

    fn opt_i32(&mut self) -> Option<i32> {
        (self.u8() != 0).then(|| {
            let mut b = [0; 4];
            b.copy_from_slice(self.take(4));
            i32::from_le_bytes(b)
        })
    }

    pub(crate) fn bytes(&mut self) -> &'a [u8] {
        let n = self.u32() as usize;
        self.take(n)
    }

    pub(crate) fn u32s(&mut self) -> Vec<u32> {
        let n = self.u32() as usize;
        self.take(n * 4)
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    }

    fn str(&mut self) -> &'a str {
        std::str::from_utf8(self.bytes()).expect("the build script writes UTF-8")
    }

    fn opt_str(&mut self) -> Option<String> {
        (self.u8() != 0).then(|| self.str().to_string())
    }

    fn strs(&mut self) -> Vec<String> {
        (0..self.u32()).map(|_| self.str().to_string()).collect()
    }
}
