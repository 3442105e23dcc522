//! Errors from building an [`Extractor`](crate::Extractor). Extraction itself never fails.

use std::path::PathBuf;

/// Why a gazetteer could not be loaded. Every variant names the file (or the name given to a
/// reader) and, where it applies, the 1-based line, so a user can go straight to the fault.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read at all.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file that failed.
        file: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The gazetteers' names could not be compiled into one automaton (a limit of the
    /// automaton was exceeded, e.g. by an enormous user gazetteer).
    #[error("cannot compile the gazetteer automaton: {0}")]
    Automaton(String),
    /// A line of a gazetteer file is not a valid record.
    #[error("{file}:{line}: {reason}")]
    Gazetteer {
        /// The file (or reader name) holding the bad line.
        file: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
}

impl Error {
    pub(crate) fn at(file: &std::path::Path, line: usize, reason: impl Into<String>) -> Error {
        Error::Gazetteer {
            file: file.to_path_buf(),
            line,
            reason: reason.into(),
        }
    }
}
