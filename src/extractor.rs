//! The public entry point: [`Extractor`], built once (from the embedded default gazetteers,
//! user files, or both) and shared across threads.

use crate::entities;
use crate::error::Error;
use crate::gazetteer::{self, embedded_defaults, Gazetteer, Record};
use crate::output::Analysis;
use crate::quotes::{self, Lexicon};
use once_cell::sync::Lazy;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// Finds who said what, to whom, via whom, in English news text.
///
/// Cheap to clone (an `Arc`), `Send + Sync`: build it once and share it.
///
/// ```
/// let ex = whosaid::Extractor::new();
/// let text = "“We will act,” Sergey Lavrov told reporters.";
/// let analysis = ex.extract(text);
/// assert!(analysis.entities.iter().any(|e| e.name.as_deref() == Some("Sergey Lavrov")));
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    options: Options,
}

/// Switches that change what is reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Report indirect speech ("Rubio said Friday that …") as well as quotations. On by default.
    pub indirect: bool,
    /// Report full quotations whose speaker was not found (with `speaker: null`). On by
    /// default. Quoted fragments inside a sentence with no attribution are never reported:
    /// without a speaker they are as likely scare quotes as speech.
    pub unattributed: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            indirect: true,
            unattributed: true,
        }
    }
}

// The embedded gazetteers are part of the crate and compile (the tests build them), so
// failing here would be a bug in whosaid, not bad input.
static DEFAULT: Lazy<Extractor> = Lazy::new(|| {
    ExtractorBuilder::new().build().unwrap_or_else(|e| {
        panic!("the embedded gazetteers do not compile (a bug in whosaid): {e}")
    })
});

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// The extractor over the embedded default gazetteers. The first call builds it; later
    /// calls share it.
    pub fn new() -> Extractor {
        DEFAULT.clone()
    }

    /// A builder for user gazetteers and options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Finds entities and quotes in `text`. Never fails and never panics.
    pub fn extract(&self, text: &str) -> Analysis {
        let inner = &*self.inner;
        let hits = inner.gazetteer.matcher().find(text);
        let doc = entities::resolve(text, &inner.gazetteer, &inner.lexicon, &hits);
        let quotes = quotes::attribute(text, &doc, &inner.lexicon, &inner.options);
        Analysis {
            entities: doc.into_mentions(),
            quotes,
        }
    }

    /// The gazetteer this extractor matches.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// The options it was built with.
    pub fn options(&self) -> &Options {
        &self.inner.options
    }
}

/// Configures an [`Extractor`]: extra gazetteer files, no defaults, options.
///
/// Adding a file parses it completely; a bad file returns an error naming file and line
/// and leaves the builder as it was.
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    defaults: bool,
    user: Vec<Record>,
    options: Options,
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// Defaults on, no user files, default options.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            defaults: true,
            user: Vec::new(),
            options: Options::default(),
        }
    }

    /// Whether to load the embedded default gazetteers (on by default).
    pub fn default_gazetteers(&mut self, on: bool) -> &mut ExtractorBuilder {
        self.defaults = on;
        self
    }

    /// Adds a gazetteer file: whosaid records or EntityRuler patterns, JSON Lines.
    pub fn add_gazetteer_path(
        &mut self,
        path: impl AsRef<Path>,
    ) -> Result<&mut ExtractorBuilder, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            file: path.to_path_buf(),
            source,
        })?;
        self.add_gazetteer_bytes(path, &bytes)
    }

    /// Adds a gazetteer from a reader; `name` stands for it in error messages.
    pub fn add_gazetteer_reader(
        &mut self,
        name: impl AsRef<Path>,
        mut reader: impl Read,
    ) -> Result<&mut ExtractorBuilder, Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|source| Error::Io {
            file: name.as_ref().to_path_buf(),
            source,
        })?;
        self.add_gazetteer_bytes(name.as_ref(), &bytes)
    }

    fn add_gazetteer_bytes(
        &mut self,
        name: &Path,
        bytes: &[u8],
    ) -> Result<&mut ExtractorBuilder, Error> {
        let records = gazetteer::parse_bytes(name, bytes)?;
        self.user.extend(records);
        Ok(self)
    }

    /// Replaces the options.
    pub fn options(&mut self, options: Options) -> &mut ExtractorBuilder {
        self.options = options;
        self
    }

    /// Compiles the gazetteers (defaults first, then user files in the order added). Fails
    /// only if the names exceed the automaton's limits.
    pub fn build(&self) -> Result<Extractor, Error> {
        let gazetteer = if self.defaults && self.user.is_empty() {
            // Entries, spellings and trie of the embedded gazetteers alone were computed by
            // the build script, with this crate's own code (see build.rs).
            Gazetteer::from_defaults(embedded_defaults())
        } else {
            let defaults = if self.defaults {
                embedded_defaults().entries
            } else {
                Vec::new()
            };
            // Merging folds records by id in order, and the merged defaults have one record
            // per id, so folding the user records into them gives what folding all the
            // records of the default files and then the user files gives.
            let defaults = defaults.into_iter().map(|entry| Record {
                entry,
                replace: false,
            });
            let entries = gazetteer::merge(defaults.chain(self.user.iter().cloned()));
            Gazetteer::from_entries(entries)?
        };
        Ok(Extractor {
            inner: Arc::new(Inner {
                gazetteer,
                lexicon: Lexicon::default_lexicon(),
                options: self.options.clone(),
            }),
        })
    }
}
