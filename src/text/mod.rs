//! Text primitives: byte spans and their code-point offsets, paragraphs,
//! word tokens. Nothing here rewrites the text; every position is a byte offset into the
//! original `&str`.

mod case;
mod marks;
pub(crate) mod segment;
mod span;
mod token;

pub(crate) use case::lower;
pub(crate) use marks::{is_dash, quote_mark_class, MarkFamily, MarkLean, QuoteMarkClass};
pub use segment::paragraphs;
pub use span::{CharOffsets, Span};
pub(crate) use token::tokenize_noting_words;
pub use token::{tokenize, Token, TokenKind};
