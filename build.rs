//! Precomputes the embedded default gazetteers, so that `Extractor::new()` does not parse
//! 3.6 MB of JSON Lines, generate 49,555 spellings and build their trie at every start:
//! the merged entries, the spelling table and the trie go to `$OUT_DIR/defaults.bin`, which
//! the library reads with safe code (src/gazetteer/blob.rs). User gazetteers are still
//! compiled at run time.
//!
//! Correct by construction: the modules that do the work at run time are compiled here as
//! they are (`#[path]` below), so the build script cannot compute anything the library
//! would not; a unit test (`embedded_defaults_are_what_run_time_computes`) checks the
//! output against the run-time computation anyway. A bad line in an embedded file fails
//! the build with its file and line. Nothing is downloaded and no binary is committed.

use std::path::PathBuf;

// Each shared module has items only the library uses.
#[allow(dead_code)]
#[path = "src/gazetteer"]
mod gazetteer {
    pub mod blob;
    pub mod defaults;
    pub mod entry;
    pub mod load;
    pub mod spelling;
    pub mod trie;
}

/// The build script's stand-in for the library's error type (which would need thiserror
/// here): load.rs only makes errors at a file and line, and the build script only prints
/// them, in the library's format.
mod error {
    use std::fmt;
    use std::path::Path;

    #[derive(Debug)]
    pub struct Error(String);

    impl Error {
        pub(crate) fn at(file: &Path, line: usize, reason: impl Into<String>) -> Error {
            Error(format!("{}:{line}: {}", file.display(), reason.into()))
        }
    }

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=gazetteers");
    for module in ["blob", "defaults", "entry", "load", "spelling", "trie"] {
        println!("cargo:rerun-if-changed=src/gazetteer/{module}.rs");
    }
    let entries = gazetteer::load::merge(gazetteer::defaults::default_records());
    let defaults = gazetteer::blob::Defaults::compute(entries)
        .unwrap_or_else(|e| panic!("the embedded gazetteers do not compile: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("defaults.bin"), defaults.write()).expect("write defaults.bin");
}
