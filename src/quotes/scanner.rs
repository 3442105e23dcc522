//! Quote-mark pairing: finds the quoted spans of a text, their marks and their nesting,
//! reading the original text (nothing is rewritten, so every offset is exact).
//!
//! The text is read one paragraph (one line) at a time, so a stray mark can at worst
//! mislead its own paragraph and never swallows the rest of the document. Within a
//! paragraph:
//!
//! 1. Adjacent marks are read together as a *run* (`''`, `'′`, `"'`): sloppy copy types a
//!    doubled apostrophe, or an apostrophe and a prime, for one double mark.
//! 2. Each run gets a role from what stands either side of it. A run with a space, bracket
//!    or dash before it and a word after it opens; one with a word before it and a space
//!    or punctuation after it closes. A single mark inside a word (`I'm`, `5'11`) or before
//!    an elision (`'90s`, `'em`, `rock 'n' roll`) is an apostrophe. When the sides do not
//!    decide, a drawn mark (`“`) follows its drawing and a straight one closes if it has
//!    something to close.
//! 3. A stack pairs the runs. A closer pairs with the nearest open mark of its family and
//!    weight; openers above that one never closed, so they are dropped as misread
//!    apostrophes. The stack is capped at [`MAX_NESTING`], so each mark costs O(1).
//! 4. Whatever is open at the end of a paragraph closes there. When the next paragraph
//!    reopens the quote with its first character (the news convention for a quotation
//!    running over several paragraphs) the parts are linked.
//!
//! Finally each span is classed as speech or as a quoted term or title, and a quote
//! interrupted by a short attribution ("We will," he said, "never give up.") is linked.

#[cfg(test)]
use crate::text::paragraphs;
use crate::text::segment::{is_ascii_space, trim_white};
use crate::text::{is_dash, quote_mark_class, MarkFamily, MarkLean, QuoteMarkClass, Span};

/// How deep quotations may nest; deeper openers are read as text. Real text nests two or
/// three deep; the cap bounds the work of each closing mark and the length of parent chains.
const MAX_NESTING: usize = 8;

/// Runs of more marks than this (`''''`, a line of `"`) are decoration or debris, not quotes.
const MAX_RUN: usize = 3;

/// Longest attribution, in words, that may interrupt one quotation.
const MAX_ATTRIBUTION_WORDS: usize = 10;

/// Longest attribution, in bytes; a bound that keeps the check O(1) per span.
const MAX_ATTRIBUTION_BYTES: usize = 160;

/// Longest title, in words, that is still read as a title rather than a sentence.
const MAX_TITLE_WORDS: usize = 10;

/// What a quoted span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpanClass {
    /// Someone's words: a full quotation, or a partial one inside a sentence.
    Speech,
    /// A quoted title, name or term (`'Face the Nation'`, `'DPRK'`): nobody is quoted.
    Term,
}

/// One quoted span. Content never crosses a paragraph break (a line break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// The quoted words, marks excluded, trimmed of surrounding spaces.
    pub content: Span,
    /// The opening mark(s), e.g. both characters of `''`, or `″`.
    pub open: Span,
    /// The closing mark(s); `None` when left open and closed at the paragraph end.
    pub close: Option<Span>,
    /// Speech or term.
    pub class: SpanClass,
    /// Index, in the returned list, of the span this one is nested inside.
    pub parent: Option<usize>,
    /// Index of the previous part of the same quotation: the previous paragraph's part of
    /// a quote running over several paragraphs, or the first part of a quote interrupted by
    /// an attribution.
    pub continues: Option<usize>,
}

/// The quoted spans of `text`, nested ones included, sorted by `content.start`.
///
/// Linear in time and memory on any input, and never panics.
#[cfg(test)]
pub(crate) fn scan(text: &str) -> Vec<QuoteSpan> {
    scan_paragraphs(text, paragraphs(text))
}

/// [`scan`], given the paragraphs of `text` (the frame needs them too, so they are found
/// once per document).
pub(crate) fn scan_paragraphs(
    text: &str,
    paragraphs: impl IntoIterator<Item = Span>,
) -> Vec<QuoteSpan> {
    let mut pairing = Pairing {
        // News quotes every few hundred bytes at most; a guess that spares the first
        // regrowths of a 100-byte Draft at the cost of a few kilobytes unused on a long text
        // with no quotations.
        drafts: Vec::with_capacity(text.len() / 128),
        open: Vec::with_capacity(MAX_NESTING),
        left_open: None,
    };
    for paragraph in paragraphs {
        pairing.read_paragraph(text, paragraph);
    }
    pairing.finish(text)
}

// ---------------------------------------------------------------------------------------
// Marks and runs

/// One quote-mark character of the text.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    ch: char,
    class: QuoteMarkClass,
}

impl Mark {
    fn span(self) -> Span {
        Span::new(self.at, self.at + self.ch.len_utf8())
    }
}

/// What a run of marks does, decided from its neighbours before pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An apostrophe, a unit of measure, or debris.
    Text,
    Opens,
    Closes,
    /// Nothing around it decides; pairing closes with it if it can, else opens.
    Undecided,
}

/// What the role rules ask of the character on one side of a run, as bits: every
/// question about it is answered once, when it is read, and for ASCII (most neighbours)
/// by one table lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Side(u8);

impl Side {
    /// No character: the run stands at the start or the end of its paragraph.
    const EDGE: u8 = 1;
    const SPACE: u8 = 1 << 1;
    const ALPHANUMERIC: u8 = 1 << 2;
    const ASCII_DIGIT: u8 = 1 << 3;
    /// [`opens_a_phrase`].
    const OPENS_PHRASE: u8 = 1 << 4;
    /// [`ends_a_phrase`].
    const ENDS_PHRASE: u8 = 1 << 5;
    /// [`may_precede_opening`].
    const PRECEDES_OPENING: u8 = 1 << 6;
    /// [`may_follow_closing`].
    const FOLLOWS_CLOSING: u8 = 1 << 7;

    const EDGE_SIDE: Side = Side(Side::EDGE);

    #[inline(always)]
    fn of(c: char) -> Side {
        match ASCII_SIDES.get(c as usize) {
            Some(&side) => side,
            None => Side::of_any(c),
        }
    }

    #[inline(never)]
    fn of_any(c: char) -> Side {
        Side::from_answers(c, c.is_whitespace(), c.is_alphanumeric())
    }

    /// The bits of `c`, given the answers to the two questions that are not `const`.
    const fn from_answers(c: char, whitespace: bool, alphanumeric: bool) -> Side {
        const fn bit(holds: bool, bit: u8) -> u8 {
            if holds {
                bit
            } else {
                0
            }
        }
        Side(
            bit(whitespace, Side::SPACE)
                | bit(alphanumeric, Side::ALPHANUMERIC)
                | bit(c.is_ascii_digit(), Side::ASCII_DIGIT)
                | bit(opens_a_phrase(c), Side::OPENS_PHRASE)
                | bit(ends_a_phrase(c), Side::ENDS_PHRASE)
                | bit(may_precede_opening(c), Side::PRECEDES_OPENING)
                | bit(may_follow_closing(c), Side::FOLLOWS_CLOSING),
        )
    }

    fn of_option(c: Option<char>) -> Side {
        c.map_or(Side::EDGE_SIDE, Side::of)
    }

    fn any(self, bits: u8) -> bool {
        self.0 & bits != 0
    }
}

/// [`Side::of_any`] for every ASCII character, worked out at compile time. The
/// `ascii_sides_match_the_predicates` test keeps it in step.
const ASCII_SIDES: [Side; 128] = {
    let mut sides = [Side(0); 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        // What char::is_whitespace and char::is_alphanumeric say of ASCII.
        sides[b] = Side::from_answers(c, matches!(c, '\t'..='\r' | ' '), c.is_ascii_alphanumeric());
        b += 1;
    }
    sides
};

/// The character starting at byte `at` of `text`, a char boundary.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[at..].chars().next(),
    }
}

/// The character ending at byte `at` of `text`, a char boundary, if it starts at or after
/// `from`.
fn char_before(text: &str, from: usize, at: usize) -> Option<char> {
    if at <= from {
        return None;
    }
    match text.as_bytes()[at - 1] {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[..at].chars().next_back(),
    }
}

/// Quote marks standing next to one another, with no other character between.
#[derive(Debug, Clone)]
struct MarkRun {
    /// The first `MAX_RUN` marks; a longer run is read as text, so the rest never matter.
    marks: [Mark; MAX_RUN],
    len: usize,
    start: usize,
    end: usize,
    /// The characters just outside the run, within its paragraph.
    before: Side,
    after: Side,
    role: Role,
    /// A closing apostrophe-shaped mark that may as well be a possessive or an elision
    /// (`Jones' car`, `goin' home`, `6' tall`).
    doubtful: bool,
}

impl MarkRun {
    /// A run to read into; what it holds before the first read is never looked at.
    const BLANK: MarkRun = {
        let Some(class) = quote_mark_class('"') else {
            panic!("the straight double quote is a mark");
        };
        let mark = Mark {
            at: 0,
            ch: '"',
            class,
        };
        MarkRun {
            marks: [mark; MAX_RUN],
            len: 1,
            start: 0,
            end: 1,
            before: Side::EDGE_SIDE,
            after: Side::EDGE_SIDE,
            role: Role::Text,
            doubtful: false,
        }
    };

    fn marks(&self) -> &[Mark] {
        &self.marks[..self.len.min(MAX_RUN)]
    }

    /// A lone apostrophe-shaped mark, the kind whose pairing the lookahead informs.
    fn is_single_latin(&self) -> bool {
        self.len == 1 && self.marks[0].class.is_single_latin()
    }
}

/// Reads the runs of one paragraph in order, deciding the role of each as it goes. Runs
/// are not stored: memory stays proportional to the quotations found, not to the marks.
#[derive(Debug, Clone)]
struct RunReader<'t> {
    /// The text up to the end of the paragraph, so that nothing reads past it.
    text: &'t str,
    /// Where the paragraph starts.
    start: usize,
    /// Where reading resumes.
    at: usize,
    /// The closing mark of `'n'`, already known to be an apostrophe.
    apostrophe_at: Option<usize>,
}

impl<'t> RunReader<'t> {
    fn new(text: &'t str, paragraph: Span) -> RunReader<'t> {
        RunReader {
            text: &text[..paragraph.end],
            start: paragraph.start,
            at: paragraph.start,
            apostrophe_at: None,
        }
    }

    /// Reads the next run of marks into `run`, its role decided, or returns false at the
    /// paragraph's end. The run (some 90 bytes) is filled in place rather than returned, so
    /// that the pairing loop reads it where it was built.
    #[inline(always)]
    fn read(&mut self, run: &mut MarkRun) -> bool {
        if !self.read_marks(run) {
            return false;
        }
        if self.apostrophe_at == Some(run.start) {
            return true; // read as text
        }
        let (text, start) = (self.text, self.start);
        run.role = run_role(text, start, run, &mut self.apostrophe_at);
        run.doubtful = run.role == Role::Closes
            && run.is_single_latin()
            && run.after.any(Side::EDGE | Side::SPACE)
            && ends_possessive_or_elided_word(text, start, run.start);
        true
    }

    /// Reads the next run of marks into `run` with its neighbours, its role [`Role::Text`]
    /// until decided; false at the paragraph's end.
    #[inline(always)]
    fn read_marks(&mut self, run: &mut MarkRun) -> bool {
        let text = self.text;
        let Some((at, ch, class)) = QuoteMarkClass::next_in(text, self.at) else {
            return false;
        };
        let first = Mark { at, ch, class };
        // Field by field: the marks after the first are written as the run grows, and
        // read only below its length.
        run.marks[0] = first;
        run.len = 1;
        run.start = at;
        run.end = at + ch.len_utf8();
        run.before = Side::of_option(char_before(text, self.start, at));
        run.after = Side::EDGE_SIDE;
        run.role = Role::Text;
        run.doubtful = false;
        // CJK brackets sit against one another without making one mark, so they never join.
        if first.class.family != MarkFamily::CjkCorner {
            while let Some(ch) = char_at(text, run.end) {
                if ch.is_ascii() && !matches!(ch, '"' | '\'' | '`') {
                    run.after = Side::of(ch); // as most runs end: no class to look up
                    break;
                }
                let Some(class) =
                    quote_mark_class(ch).filter(|c| c.family != MarkFamily::CjkCorner)
                else {
                    // The char that ends the run is the one after it: no second decode.
                    run.after = Side::of(ch);
                    break;
                };
                if run.len < MAX_RUN {
                    run.marks[run.len] = Mark {
                        at: run.end,
                        ch,
                        class,
                    };
                }
                run.len += 1;
                run.end += ch.len_utf8();
            }
        } else {
            run.after = Side::of_option(char_at(text, run.end));
        }
        self.at = run.end;
        true
    }
}

/// `text` ends where the run's paragraph ends, which starts at `start`.
#[inline(always)]
fn run_role(text: &str, start: usize, run: &MarkRun, apostrophe_at: &mut Option<usize>) -> Role {
    let marks = run.marks();
    let first = marks[0];
    if run.len > MAX_RUN || (run.len == MAX_RUN && marks.iter().all(|m| m.ch == first.ch)) {
        return Role::Text; // `'''`, `«««`: debris or decoration
    }
    if first.class.family == MarkFamily::CjkCorner {
        // Only the drawing tells: CJK puts no spaces around quotations.
        return role_by_lean(marks);
    }
    let (before, after) = (run.before, run.after);
    let all_single_latin = marks.iter().all(|m| m.class.is_single_latin());
    if all_single_latin && before.any(Side::ALPHANUMERIC) && after.any(Side::ALPHANUMERIC) {
        return Role::Text; // I'm, don't, Hawai'i, 5'11, and the typo don''t
    }
    if marks.len() == 1 {
        let class = first.class;
        if class.is_prime && before.any(Side::ASCII_DIGIT) {
            return Role::Text; // 5′ 11″: primes after a number measure
        }
        if class.strokes == 2 && first.ch == '"' && ends_feet_and_inches(text, start, run.start) {
            return Role::Text; // 5'11"
        }
    }

    // Opens: a word (not punctuation) after, a space or bracket before. Closes: a word
    // (not a bracket) before, a space or punctuation after.
    let opens_by_sides = !after.any(Side::EDGE | Side::SPACE | Side::ENDS_PHRASE)
        && before.any(Side::EDGE | Side::SPACE | Side::PRECEDES_OPENING);
    let closes_by_sides = !before.any(Side::EDGE | Side::SPACE | Side::OPENS_PHRASE)
        && after.any(Side::EDGE | Side::SPACE | Side::FOLLOWS_CLOSING);
    let role = match (opens_by_sides, closes_by_sides) {
        (true, false) => Role::Opens,
        (false, true) => Role::Closes,
        _ => role_by_lean(marks),
    };
    if role == Role::Opens && run.is_single_latin() {
        match elision_after(text, run.end) {
            Some(Elision::Word) => return Role::Text,
            Some(Elision::AndMark(closing_at)) => {
                *apostrophe_at = Some(closing_at);
                return Role::Text;
            }
            None => {}
        }
    }
    role
}

fn role_by_lean(marks: &[Mark]) -> Role {
    if marks.iter().all(|m| m.class.lean == MarkLean::Opening) {
        Role::Opens
    } else if marks.iter().all(|m| m.class.lean == MarkLean::Closing) {
        Role::Closes
    } else {
        Role::Undecided
    }
}

/// Characters a quotation may open right after with no space: `('`, `—"`, `/"`.
const fn may_precede_opening(c: char) -> bool {
    opens_a_phrase(c) || c == '/' || is_dash(c)
}

/// Opening brackets, after which a mark opens even before a space (`« ` in French).
const fn opens_a_phrase(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '¿' | '¡' | '<' | '「' | '『' | '｢')
}

/// Punctuation that ends a phrase, which a quotation cannot start with: a mark before it
/// closes even after a space (` »,` in French).
const fn ends_a_phrase(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '」' | '』' | '｣'
    )
}

/// Characters that may follow a closing mark with no space: `',`, `."`, `')`, `'—`.
const fn may_follow_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '/'
            | '…'
            | '>'
            | '*'
            | '」'
            | '』'
            | '｣'
    ) || is_dash(c)
}

/// What follows an opening apostrophe-shaped mark when it is an elision, not a quote.
#[derive(Debug, PartialEq, Eq)]
enum Elision {
    /// `'90s`, `'em`, `'til`.
    Word,
    /// `'n'` of `rock 'n' roll`: the closing mark at this offset is an apostrophe too.
    AndMark(usize),
}

/// Clipped words that take a leading apostrophe. A quotation rarely opens with one of
/// these, so they are read as elisions.
const LEADING_ELISIONS: &[&str] = &[
    "em", "n", "til", "tis", "twas", "cause", "bout", "nuff", "neath", "kay",
];

/// The bytes an elision can start with: a digit (`'90s`) or the first letter of one of
/// [`LEADING_ELISIONS`]. Most quotations start with none of them, and need no more reading.
const ELISION_STARTS: [bool; 256] = {
    let mut starts = [false; 256];
    let mut b = b'0';
    while b <= b'9' {
        starts[b as usize] = true;
        b += 1;
    }
    let mut i = 0;
    while i < LEADING_ELISIONS.len() {
        starts[LEADING_ELISIONS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    starts
};

/// `text` ends where the paragraph of the mark ending at `at` ends.
fn elision_after(text: &str, at: usize) -> Option<Elision> {
    let bytes = text.as_bytes();
    let first = *bytes.get(at)?;
    if !ELISION_STARTS[usize::from(first)] {
        return None;
    }
    // Elided words are short; reading at most a few characters keeps this O(1). ASCII
    // letters and digits are read as bytes; a character that is not ASCII in or after
    // them sends the word to the character reading.
    let mut word_end = at;
    while word_end - at < 7 && bytes.get(word_end).is_some_and(u8::is_ascii_alphanumeric) {
        word_end += 1;
    }
    let next = match bytes.get(word_end) {
        Some(&b) if !b.is_ascii() => return elision_after_by_chars(text, at),
        Some(&b) if b.is_ascii_alphanumeric() => return None, // longer than any elision
        next => next.map(|&b| char::from(b)),
    };
    elision_of(&text[at..word_end], next, word_end)
}

/// [`elision_after`] for any text, read as characters.
fn elision_after_by_chars(text: &str, at: usize) -> Option<Elision> {
    let rest = &text[at..];
    let mut word_end = at;
    for (offset, ch) in rest.char_indices().take(7) {
        if !ch.is_alphanumeric() {
            break;
        }
        word_end = at + offset + ch.len_utf8();
    }
    let next = char_at(text, word_end);
    if next.is_some_and(char::is_alphanumeric) {
        return None; // the word is longer than any elision
    }
    elision_of(&text[at..word_end], next, word_end)
}

/// Whether `word` (of letters and digits, ending at `word_end`, `next` after it) is an
/// elision after an opening apostrophe.
fn elision_of(word: &str, next: Option<char>, word_end: usize) -> Option<Elision> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 && (word.len() == 2 || &word[2..] == "s") {
        return Some(Elision::Word); // '90s, class of '09
    }
    if word == "n" {
        if let Some(mark) = next.and_then(quote_mark_class) {
            if mark.is_single_latin() {
                return Some(Elision::AndMark(word_end));
            }
        }
    }
    LEADING_ELISIONS.contains(&word).then_some(Elision::Word)
}

/// Whether the word before a closing mark at `at` could take an apostrophe after it: a
/// plural possessive (`Jones'`, `CBS'`), a dropped g (`goin'`), `ol'`, or a number of
/// feet (`6'`). The paragraph starts at `start`.
fn ends_possessive_or_elided_word(text: &str, start: usize, at: usize) -> bool {
    // The ASCII cases by byte: an ASCII byte is a whole character, and a byte `i` or `o`
    // before one is the character `i` or `o`.
    match &text.as_bytes()[start..at] {
        [] => false,
        [.., b's' | b'S' | b'z' | b'0'..=b'9'] => true,
        [.., b'i', b'n'] => true,
        [.., b'o', b'l'] => !char_before(text, start, at - 2).is_some_and(char::is_alphabetic),
        [.., last] if last.is_ascii() => false,
        _ => ends_possessive_or_elided_word_by_chars(text, start, at),
    }
}

/// [`ends_possessive_or_elided_word`] for any text, read as characters.
fn ends_possessive_or_elided_word_by_chars(text: &str, start: usize, at: usize) -> bool {
    let before = &text[start..at];
    let mut last_chars = before.chars().rev();
    let last = last_chars.next();
    let second = last_chars.next();
    match last {
        Some('s' | 'S' | 'z') => true,
        Some(c) if c.is_ascii_digit() => true,
        Some('n') => second == Some('i'),
        Some('l') => second == Some('o') && !last_chars.next().is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Whether the `"` at `at` ends a height such as `5'11"`. The paragraph starts at `start`.
fn ends_feet_and_inches(text: &str, start: usize, at: usize) -> bool {
    let mut back = text[start..at].chars().rev();
    let mut digits = 0;
    let mut c = back.next();
    while let Some(d) = c {
        if !d.is_ascii_digit() || digits == 2 {
            break;
        }
        digits += 1;
        c = back.next();
    }
    digits > 0
        && matches!(c, Some('\'' | '′' | '’'))
        && back.next().is_some_and(|d| d.is_ascii_digit())
}

/// Answers, for a doubtful closer, whether the next apostrophe-shaped run of the paragraph
/// closes. If it does, the doubtful one is taken for a possessive (`'the Joneses' car,' he
/// said`): reading it as the end of the quote would leave the later closer nothing to close.
///
/// A scout reads ahead with a copy of the reader, and the answer holds until the reader
/// passes the run the scout found. A new scout starts where the last one stopped or later,
/// so each byte is read at most twice.
#[derive(Debug, Default)]
struct Lookahead {
    answer: Option<NextSingleMark>,
}

#[derive(Debug, Clone, Copy)]
enum NextSingleMark {
    At { start: usize, closes: bool },
    NoneLeft,
}

impl Lookahead {
    /// `reader` stands just past the doubtful closer.
    fn next_single_mark_closes(&mut self, reader: &RunReader<'_>) -> bool {
        match self.answer {
            Some(NextSingleMark::At { start, closes }) if start >= reader.at => return closes,
            Some(NextSingleMark::NoneLeft) => return false,
            _ => {}
        }
        let (mut scout, mut run) = (reader.clone(), MarkRun::BLANK);
        let mut answer = NextSingleMark::NoneLeft;
        while scout.read(&mut run) {
            if run.role != Role::Text && run.is_single_latin() {
                answer = NextSingleMark::At {
                    start: run.start,
                    closes: run.role == Role::Closes,
                };
                break;
            }
        }
        self.answer = Some(answer);
        matches!(answer, NextSingleMark::At { closes: true, .. })
    }
}

// ---------------------------------------------------------------------------------------
// Pairing

/// A quotation found so far, by the index it had when its opening mark was read.
#[derive(Debug, Clone)]
struct Draft {
    open: Span,
    close: Option<Span>,
    /// Set when the quotation ended with words inside; drafts that never get one (openers
    /// dropped as apostrophes, empty quotes) are not reported.
    content: Option<Span>,
    /// The draft it opened inside.
    parent: Option<usize>,
    /// The previous paragraph's part of the same quotation.
    reopens: Option<usize>,
    /// Where its paragraph starts, which also tells paragraphs apart.
    paragraph_start: usize,
}

/// An opening mark still waiting for its closer.
#[derive(Debug, Clone, Copy)]
struct OpenQuote {
    draft: usize,
    family: MarkFamily,
    strokes: u8,
    /// `''` or ``` `` ```: two singles typed for a double, which sloppy copy may close with
    /// one single (`''talks nice and then he bombs everybody'`).
    doubled_singles: bool,
}

#[derive(Debug, Default)]
struct Pairing {
    drafts: Vec<Draft>,
    open: Vec<OpenQuote>,
    /// The outermost quotation the previous paragraph left open, which the next paragraph
    /// may reopen.
    left_open: Option<OpenQuote>,
}

impl Pairing {
    /// Reads the runs of marks of one paragraph and pairs them.
    // Out of line, as is `finish`: inlined into `scan_paragraphs` the two phases share one
    // body, whose values crowd each other out of registers.
    #[inline(never)]
    fn read_paragraph(&mut self, text: &str, paragraph: Span) {
        let mut reader = RunReader::new(text, paragraph);
        let mut lookahead = Lookahead::default();
        let mut left_open = self.left_open.take();
        let mut run = MarkRun::BLANK;
        while reader.read(&mut run) {
            // Only a mark opening the paragraph can reopen the previous one's quotation.
            let reopened = left_open.take().filter(|_| run.start == paragraph.start);
            match run.role {
                Role::Text => {}
                Role::Opens => self.open_marks(run.marks(), paragraph.start, reopened),
                Role::Closes => {
                    if !(run.doubtful && lookahead.next_single_mark_closes(&reader)) {
                        self.close_marks(text, run.marks(), None);
                    }
                }
                Role::Undecided => {
                    if self.partner_for(run.marks()).is_some() {
                        // Marks left over may open a new quote when a word follows them.
                        let reopen = !run.after.any(Side::EDGE | Side::SPACE);
                        self.close_marks(text, run.marks(), reopen.then_some(paragraph.start));
                    } else {
                        self.open_marks(run.marks(), paragraph.start, reopened);
                    }
                }
            }
        }
        self.close_at_paragraph_end(text, paragraph);
    }

    /// The open quote the marks can close, as (stack position, marks used).
    fn partner_for(&self, marks: &[Mark]) -> Option<(usize, usize)> {
        let first = marks.first()?.class;
        for (position, quote) in self.open.iter().enumerate().rev() {
            if quote.family != first.family {
                continue;
            }
            if quote.strokes == first.strokes {
                return Some((position, 1));
            }
            if quote.strokes == 2 && first.strokes == 1 {
                // `'′` or `''` closing `″` or `"`.
                let second_single = marks
                    .get(1)
                    .is_some_and(|m| m.class.family == quote.family && m.class.strokes == 1);
                if second_single {
                    return Some((position, 2));
                }
                if quote.doubled_singles {
                    return Some((position, 1));
                }
            }
        }
        None
    }

    #[inline(always)]
    fn close_marks(&mut self, text: &str, marks: &[Mark], leftovers_open: Option<usize>) {
        let mut k = 0;
        while k < marks.len() {
            match self.partner_for(&marks[k..]) {
                Some((position, used)) => {
                    let close = Span::new(marks[k].at, marks[k + used - 1].span().end);
                    self.close_quote(text, position, close);
                    k += used;
                }
                // `"Big Bill"'s`: a lone apostrophe left before a word is a possessive.
                None if marks.len() - k == 1 && marks[k].class.is_single_latin() => k += 1,
                None => match leftovers_open {
                    Some(paragraph_start) => {
                        self.open_marks(&marks[k..], paragraph_start, None);
                        return;
                    }
                    None => k += 1, // a stray closer: nothing it can close is open
                },
            }
        }
    }

    fn close_quote(&mut self, text: &str, position: usize, close: Span) {
        // Openers above the partner never closed: misread apostrophes, most likely. They
        // stay without content and are not reported.
        self.open.truncate(position + 1);
        if let Some(quote) = self.open.pop() {
            self.settle(text, quote, close.start, Some(close));
        }
    }

    /// Gives a quote that ends at `end` its content, or forgets it when it holds no words.
    fn settle(&mut self, text: &str, quote: OpenQuote, end: usize, close: Option<Span>) {
        let draft = &mut self.drafts[quote.draft];
        draft.content = trimmed(text, draft.open.end, end);
        draft.close = close;
        if draft.content.is_none() {
            // Every later draft opened inside this one and holds no words either. Dropping
            // them keeps memory proportional to what is reported, even on a megabyte of
            // `" "`.
            self.drafts.truncate(quote.draft);
        }
    }

    #[inline(always)]
    fn open_marks(
        &mut self,
        marks: &[Mark],
        paragraph_start: usize,
        mut reopened: Option<OpenQuote>,
    ) {
        if let [first, second] = marks {
            if first.class.is_single_latin() && second.class.is_single_latin() {
                let open = Span::new(first.at, second.span().end);
                self.push(open, first.class.family, 2, true, paragraph_start, reopened);
                return;
            }
        }
        for mark in marks {
            let class = mark.class;
            self.push(
                mark.span(),
                class.family,
                class.strokes,
                false,
                paragraph_start,
                reopened.take(),
            );
        }
    }

    fn push(
        &mut self,
        open: Span,
        family: MarkFamily,
        strokes: u8,
        doubled_singles: bool,
        paragraph_start: usize,
        reopened: Option<OpenQuote>,
    ) {
        if self.open.len() >= MAX_NESTING {
            return; // too deep to be a quotation: read as text
        }
        let draft = self.drafts.len();
        self.drafts.push(Draft {
            open,
            close: None,
            content: None,
            parent: self.open.last().map(|q| q.draft),
            reopens: reopened.filter(|q| q.family == family).map(|q| q.draft),
            paragraph_start,
        });
        self.open.push(OpenQuote {
            draft,
            family,
            strokes,
            doubled_singles,
        });
    }

    /// Closes every quote still open where the paragraph ends: a quotation never runs past
    /// a line break.
    fn close_at_paragraph_end(&mut self, text: &str, paragraph: Span) {
        let outermost = self.open.first().copied();
        // Innermost first, so that forgetting an empty quote forgets only what it holds.
        while let Some(quote) = self.open.pop() {
            self.settle(text, quote, paragraph.end, None);
        }
        self.left_open = outermost.filter(|q| {
            self.drafts
                .get(q.draft)
                .is_some_and(|d| d.content.is_some())
        });
    }

    /// The reported spans, their parents, classes and links, from the drafts.
    #[inline(never)]
    fn finish(self, text: &str) -> Vec<QuoteSpan> {
        let mut drafts = self.drafts;
        let count = drafts.iter().filter(|d| d.content.is_some()).count();
        let mut spans = Vec::with_capacity(count);
        let mut paragraph_starts = Vec::with_capacity(count);
        for i in 0..drafts.len() {
            // A span's parent is the nearest enclosing draft that is reported. Each draft's
            // `parent`, once read here, is overwritten with the index of the span it stands
            // for: its own when reported, else its parent's (drafts open after their
            // parents, so a parent's is set by the time a child reads it).
            let parent = drafts[i].parent.and_then(|p| drafts[p].parent);
            let draft = &drafts[i];
            let Some(content) = draft.content else {
                drafts[i].parent = parent;
                continue;
            };
            let continues = draft
                .reopens
                .filter(|&d| drafts[d].content.is_some())
                .and_then(|d| drafts[d].parent);
            spans.push(QuoteSpan {
                content,
                open: draft.open,
                close: draft.close,
                class: classify(text, draft.paragraph_start, draft.open, content),
                parent,
                continues,
            });
            paragraph_starts.push(draft.paragraph_start);
            drafts[i].parent = Some(spans.len() - 1);
        }
        // A quotation that runs over paragraphs is speech whatever one part looks like.
        for i in 0..spans.len() {
            if let Some(previous) = spans[i].continues {
                spans[i].class = SpanClass::Speech;
                spans[previous].class = SpanClass::Speech;
            }
        }
        link_interrupted_quotes(text, &mut spans, &paragraph_starts);
        spans
    }
}

/// The part of `start..end` inside its surrounding white space, when it holds a letter or
/// digit: marks around nothing but punctuation (`'...'`, `«««`) quote nothing.
fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
    // `start` and `end` are the ends of marks or of a paragraph, so char boundaries.
    let bytes = text.as_bytes();
    if start > end || end > bytes.len() {
        return None;
    }
    let (lead, tail) = trim_white(text, start, end);
    // An ASCII letter or digit settles it without decoding; only quotations with none
    // (CJK, or punctuation only) need the char-by-char test.
    let has_word = bytes[lead..tail].iter().any(u8::is_ascii_alphanumeric)
        || text[lead..tail].contains(char::is_alphanumeric);
    has_word.then(|| Span::new(lead, tail))
}

// ---------------------------------------------------------------------------------------
// Interrupted quotations

/// Links the second part of a quotation interrupted by its attribution to the first:
/// `"We will," he said, "never give up."`. The parts are neighbours at the same nesting
/// level of one paragraph; the first does not end a sentence, and what stands between is a
/// short clause ending in a comma or colon, with no quotation in it.
fn link_interrupted_quotes(text: &str, spans: &mut [QuoteSpan], paragraph_starts: &[usize]) {
    // The latest span seen at each nesting level, keyed by parent (0 for the top level).
    let mut latest_child: Vec<Option<usize>> = vec![None; spans.len() + 1];
    for i in 0..spans.len() {
        let level = spans[i].parent.map_or(0, |p| p + 1);
        if let Some(first) = latest_child[level] {
            let same_paragraph = paragraph_starts[first] == paragraph_starts[i];
            if same_paragraph
                && spans[i].continues.is_none()
                && interrupts(text, &spans[first], &spans[i])
            {
                spans[i].continues = Some(first);
            }
        }
        latest_child[level] = Some(i);
    }
}

fn interrupts(text: &str, first: &QuoteSpan, second: &QuoteSpan) -> bool {
    if first.class != SpanClass::Speech || second.class != SpanClass::Speech {
        return false;
    }
    let Some(close) = first.close else {
        return false;
    };
    // The gap first: most are too long, or end in neither a comma nor a colon, which their
    // last ASCII byte tells.
    let (from, to) = (close.end, second.open.start);
    if to < from || to - from > MAX_ATTRIBUTION_BYTES {
        return false;
    }
    let bytes = &text.as_bytes()[from..to];
    match bytes.iter().rposition(|&b| !is_ascii_space(b)) {
        None => return false, // white space only
        Some(i) if bytes[i].is_ascii() && !matches!(bytes[i], b',' | b':') => return false,
        Some(_) => {}
    }
    if ends_sentence(first.content.slice(text)) {
        return false;
    }
    let gap = text[from..to].trim();
    if !(gap.ends_with(',') || gap.ends_with(':')) {
        return false;
    }
    // The tokens holding a letter or digit are those whose words_of word is not empty.
    let words = words_of(gap).take(MAX_ATTRIBUTION_WORDS + 1).count();
    (1..=MAX_ATTRIBUTION_WORDS).contains(&words) && !holds_quote_mark(gap)
}

/// Whether the words of a quotation end a sentence: their last character, quote marks and
/// closing brackets aside, is a full stop, `!`, `?` or an ellipsis.
fn ends_sentence(words: &str) -> bool {
    // The ASCII marks and brackets off the end, byte by byte; a character that is not
    // ASCII there sends the words to the character reading.
    let bytes = words.as_bytes();
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b'"' | b'\'' | b'`' | b')' | b']') {
        end -= 1;
    }
    match end.checked_sub(1).map(|i| bytes[i]) {
        None => false,
        Some(b) if b.is_ascii() => matches!(b, b'.' | b'!' | b'?'),
        Some(_) => {
            let last = words[..end]
                .trim_end_matches(|c: char| quote_mark_class(c).is_some() || matches!(c, ')' | ']'))
                .chars()
                .next_back();
            matches!(last, Some('.' | '!' | '?' | '…'))
        }
    }
}

/// Whether `s` holds a quote mark other than an apostrophe after a letter (`CBS'`, `it's`).
fn holds_quote_mark(s: &str) -> bool {
    let mut previous: Option<char> = None;
    for c in s.chars() {
        if let Some(class) = quote_mark_class(c) {
            let apostrophe = class.is_single_latin() && previous.is_some_and(char::is_alphabetic);
            if !apostrophe {
                return true;
            }
        }
        previous = Some(c);
    }
    false
}

// ---------------------------------------------------------------------------------------
// Speech or term

/// Lower-case ASCII words, looked up ignoring ASCII case. Every quotation looks the words
/// before and in it up in these lists, so each word is kept as one number: its bytes and,
/// in the top byte, its length (words may hold NUL bytes, so padding alone is ambiguous).
/// The numbers are sorted at compile time; a lookup lowers the word once and binary
/// searches them.
struct WordList<const N: usize> {
    keys: [u128; N],
    /// For each first byte (lowered, modulo 32), a bit for each length of a listed word
    /// starting with it: most words looked up are not listed, and this turns them away
    /// before their key is built. Bytes sharing a slot only let more words through.
    lengths_by_first: [u16; 32],
    /// The words themselves, for the tests.
    #[cfg(test)]
    words: [&'static str; N],
}

/// Longest word a list may hold: the key's other bytes.
const LONGEST_LISTED_WORD: usize = 15;

impl<const N: usize> WordList<N> {
    const fn new(words: [&'static str; N]) -> WordList<N> {
        let mut keys = [0; N];
        let mut lengths_by_first = [0; 32];
        let mut i = 0;
        while i < N {
            let word = words[i].as_bytes();
            assert!(!word.is_empty() && word.len() <= LONGEST_LISTED_WORD && word.is_ascii());
            lengths_by_first[WordList::<N>::slot(word[0])] |= 1 << word.len();
            let mut bytes = [0; 16];
            bytes[LONGEST_LISTED_WORD] = word.len() as u8;
            let mut j = 0;
            while j < word.len() {
                assert!(!word[j].is_ascii_uppercase());
                bytes[j] = word[j];
                j += 1;
            }
            // Insertion sort: a few dozen words, once, at compile time.
            let key = u128::from_le_bytes(bytes);
            let mut k = i;
            while k > 0 && keys[k - 1] > key {
                keys[k] = keys[k - 1];
                k -= 1;
            }
            keys[k] = key;
            i += 1;
        }
        WordList {
            keys,
            lengths_by_first,
            #[cfg(test)]
            words,
        }
    }

    const fn slot(first: u8) -> usize {
        (first.to_ascii_lowercase() % 32) as usize
    }

    /// `endings` with the last two letters of each listed word added (see [`Endings`]).
    const fn add_endings_to(&self, mut endings: Endings) -> Endings {
        let mut i = 0;
        while i < N {
            let bytes = self.keys[i].to_le_bytes();
            let len = bytes[LONGEST_LISTED_WORD] as usize;
            let mut word = [0; LONGEST_LISTED_WORD];
            let mut j = 0;
            while j < len {
                word[j] = bytes[j];
                j += 1;
            }
            endings = endings.with(&word, len);
            i += 1;
        }
        endings
    }

    /// Whether `word`, in any ASCII case, is in the list.
    fn contains(&self, word: impl AsRef<[u8]>) -> bool {
        let word = word.as_ref();
        let Some(&first) = word.first() else {
            return false;
        };
        if word.len() > LONGEST_LISTED_WORD
            || self.lengths_by_first[WordList::<N>::slot(first)] & (1 << word.len()) == 0
        {
            return false;
        }
        let mut bytes = [0; 16];
        // A loop rather than copy_from_slice, which calls memcpy for a few bytes.
        for (to, &from) in bytes.iter_mut().zip(word) {
            *to = from.to_ascii_lowercase();
        }
        bytes[LONGEST_LISTED_WORD] = word.len() as u8;
        self.keys.binary_search(&u128::from_le_bytes(bytes)).is_ok()
    }
}

/// Words that, just before a quotation, make it a name or a term rather than words
/// someone said: `so-called 'experts'`, `the acronym 'DPRK'`, `dubbed the 'Beast'`.
const NAMING_WORDS: WordList<28> = WordList::new([
    "called",
    "so-called",
    "dubbed",
    "titled",
    "entitled",
    "named",
    "nicknamed",
    "codenamed",
    "termed",
    "labelled",
    "labeled",
    "branded",
    "coined",
    "christened",
    "term",
    "word",
    "phrase",
    "expression",
    "acronym",
    "abbreviation",
    "slogan",
    "hashtag",
    "nickname",
    "moniker",
    "motto",
    "headline",
    "title",
    "label",
]);

/// Words a title leaves in lower case.
const TITLE_SMALL_WORDS: WordList<32> = WordList::new([
    "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "vs", "via", "per", "into", "onto", "upon", "over", "de", "del", "la", "le",
    "von", "van", "der", "du",
]);

/// Articles, which may stand between a naming word and the quotation it names.
const ARTICLES: WordList<3> = WordList::new(["a", "an", "the"]);

fn classify(text: &str, paragraph_start: usize, open: Span, content: Span) -> SpanClass {
    let words_text = content.slice(text);
    let first_byte = words_text.as_bytes().first().copied().unwrap_or(b' ');
    if !first_byte.is_ascii_alphabetic() && !words_text.chars().any(char::is_alphabetic) {
        return SpanClass::Term; // '5', '...': nothing said
    }
    if follows_naming_word(text, paragraph_start, open.start) {
        return SpanClass::Term;
    }
    if first_byte.is_ascii_lowercase() {
        // Content is trimmed, so its first word starts with this letter, and such a word
        // settles it (see below) before any word is read.
        return SpanClass::Speech;
    }
    let mut words = words_of(words_text);
    let Some(word) = words.next() else {
        return SpanClass::Term;
    };
    if word.as_bytes()[0].is_ascii_lowercase() {
        // Neither an acronym nor a title, whatever follows (is_short_title fails on its
        // first word), nor a capitalised single word: no more to read.
        return SpanClass::Speech;
    }
    let Some(second) = words.next() else {
        if is_acronym(word) {
            return SpanClass::Term;
        }
        // 'Absolutely,' he said. / He answered: 'Never.' A capitalised word that opens a
        // clause and carries its own punctuation is a one-word sentence.
        let ends_in_punctuation = words_text.ends_with(['.', ',', '!', '?', ';', ':']);
        let one_word_sentence =
            ends_in_punctuation && opens_clause(text, paragraph_start, open.start);
        return if starts_upper(word) && !one_word_sentence {
            SpanClass::Term
        } else {
            SpanClass::Speech
        };
    };
    // A lower-case second word that is no small word of titles fails the title test (see
    // below) on the spot, as most sentences do: speech, with no more words read.
    if let Some(&b) = second.as_bytes().first() {
        if b.is_ascii_lowercase() && !TITLE_SMALL_WORDS.contains(second) {
            return SpanClass::Speech;
        }
    }
    // A sentence fails the title-case test within its first few words, so that test goes
    // first: the others read the whole quotation.
    let exclaims = || {
        words_text
            .trim_end_matches(|c: char| quote_mark_class(c).is_some())
            .ends_with(['!', '?'])
    };
    let all_words = [word, second].into_iter().chain(words);
    if is_short_title(all_words) && !exclaims() && !has_clause_punctuation(words_text) {
        SpanClass::Term
    } else {
        SpanClass::Speech
    }
}

/// The words of a quotation, stripped of the punctuation around them, read lazily: the
/// tests below seldom need more than the first few.
fn words_of(words_text: &str) -> Words<'_> {
    Words {
        text: words_text,
        at: 0,
    }
}

/// What `Tokens` then `trim_ends` (of all but letters and digits) give, leaving out the
/// tokens with neither: [`words_of`]. A token of ASCII is read byte by byte with
/// [`BYTE_KINDS`]; one holding another character goes to `Tokens` and `trim_ends`.
#[derive(Debug, Clone)]
struct Words<'t> {
    text: &'t str,
    /// Where reading resumes: white space or the start of a token.
    at: usize,
}

impl<'t> Words<'t> {
    /// The trimmed word of the token from `start` (empty when it holds no letter or digit),
    /// read as characters, or `None` when no token is left.
    #[inline(never)]
    fn token_by_chars(&mut self, start: usize) -> Option<&'t str> {
        let mut tokens = Tokens {
            text: self.text,
            start,
            end: self.text.len(),
        };
        let token = tokens.next()?;
        self.at = tokens.start;
        Some(trim_ends(token, |c| !c.is_alphanumeric()))
    }
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    #[inline(always)]
    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        loop {
            while at < bytes.len() && kind(bytes[at]) == SPACE {
                at += 1;
            }
            let start = at;
            while at < bytes.len() && kind(bytes[at]) & (SPACE | NOT_ASCII) == 0 {
                at += 1;
            }
            if at < bytes.len() && kind(bytes[at]) == NOT_ASCII {
                match self.token_by_chars(start)? {
                    "" => {
                        at = self.at;
                        continue;
                    }
                    word => return Some(word),
                }
            }
            if start == at {
                self.at = at;
                return None;
            }
            // An ASCII token: its word runs from its first letter or digit to its last.
            let alphanumeric = |b: &u8| kind(*b) & (LETTER | DIGIT) != 0;
            let token = &bytes[start..at];
            if let Some(first) = token.iter().position(alphanumeric) {
                let last = token.iter().rposition(alphanumeric).unwrap_or(first);
                self.at = at;
                return Some(&self.text[start + first..start + last + 1]);
            }
        }
    }
}

/// What the word readers ask of a byte, as the bits of [`BYTE_KINDS`]: each byte has one.
const SPACE: u8 = 1;
const LETTER: u8 = 1 << 1;
const DIGIT: u8 = 1 << 2;
const HYPHEN: u8 = 1 << 3;
const NOT_ASCII: u8 = 1 << 4;

/// The kind of every byte (0 for ASCII punctuation and controls other than the hyphen):
/// one lookup, where the tests it stands for take several comparisons each.
const BYTE_KINDS: [u8; 256] = {
    let mut kinds = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        kinds[b] = if !byte.is_ascii() {
            NOT_ASCII
        } else if is_ascii_space(byte) {
            SPACE
        } else if byte.is_ascii_alphabetic() {
            LETTER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if byte == b'-' {
            HYPHEN
        } else {
            0
        };
        b += 1;
    }
    kinds
};

fn kind(b: u8) -> u8 {
    BYTE_KINDS[usize::from(b)]
}

/// The pieces of a text between white space, as [`str::split_whitespace`] gives them, in
/// either direction. A quotation is read word by word for each span, so this takes ASCII a
/// byte at a time and decodes only the other characters.
#[derive(Debug, Clone)]
struct Tokens<'t> {
    text: &'t str,
    /// What is left to read: `text[start..end]`, both on char boundaries.
    start: usize,
    end: usize,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Tokens<'t> {
        Tokens {
            text,
            start: 0,
            end: text.len(),
        }
    }

    /// The length of the character at `at` when it is white space.
    fn space_at(&self, at: usize) -> Option<usize> {
        match self.text.as_bytes()[at] {
            b if b.is_ascii() => is_ascii_space(b).then_some(1),
            _ => self.text[at..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map(char::len_utf8),
        }
    }

    /// The length of the character ending at `end` when it is white space.
    fn space_before(&self, end: usize) -> Option<usize> {
        match self.text.as_bytes()[end - 1] {
            b if b.is_ascii() => is_ascii_space(b).then_some(1),
            _ => self.text[..end]
                .chars()
                .next_back()
                .filter(|c| c.is_whitespace())
                .map(char::len_utf8),
        }
    }
}

/// Printable ASCII other than the space: a byte that never ends a token and needs no
/// decoding.
fn is_ascii_graphic(b: u8) -> bool {
    b.wrapping_sub(0x21) < 0x5E
}

impl<'t> Iterator for Tokens<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        while self.start < self.end {
            match self.space_at(self.start) {
                Some(len) => self.start += len,
                None => break,
            }
        }
        if self.start == self.end {
            return None;
        }
        let begin = self.start;
        let bytes = self.text.as_bytes();
        while self.start < self.end {
            let b = bytes[self.start];
            if is_ascii_graphic(b) {
                self.start += 1;
            } else if b.is_ascii() {
                if is_ascii_space(b) {
                    break;
                }
                self.start += 1;
            } else {
                // Not ASCII: a char boundary, as the token's ASCII bytes before it are.
                match self.text[self.start..].chars().next() {
                    Some(c) if !c.is_whitespace() => self.start += c.len_utf8(),
                    _ => break,
                }
            }
        }
        Some(&self.text[begin..self.start])
    }
}

impl DoubleEndedIterator for Tokens<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        while self.end > self.start {
            match self.space_before(self.end) {
                Some(len) => self.end -= len,
                None => break,
            }
        }
        if self.start == self.end {
            return None;
        }
        let finish = self.end;
        let bytes = self.text.as_bytes();
        while self.end > self.start {
            let b = bytes[self.end - 1];
            if is_ascii_graphic(b) {
                self.end -= 1;
            } else if b.is_ascii() {
                if is_ascii_space(b) {
                    break;
                }
                self.end -= 1;
            } else {
                match self.text[..self.end].chars().next_back() {
                    Some(c) if !c.is_whitespace() => self.end -= c.len_utf8(),
                    _ => break,
                }
            }
        }
        Some(&self.text[self.end..finish])
    }
}

/// `word.trim_matches(trim)` for a `trim` that keeps ASCII letters and digits, reading
/// ASCII ends byte by byte: a character is decoded only where the trimming reaches one
/// that is not ASCII.
#[inline]
fn trim_ends(word: &str, trim: impl Fn(char) -> bool) -> &str {
    if let [first, .., last] | [first @ last] = word.as_bytes() {
        if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() {
            return word; // as most words are
        }
    }
    let trims_ascii = |b: u8| b.is_ascii() && trim(char::from(b));
    let bytes = word.as_bytes();
    let mut start = 0;
    while start < bytes.len() && trims_ascii(bytes[start]) {
        start += 1;
    }
    let mut rest = &word[start..];
    if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) {
        rest = rest.trim_start_matches(&trim);
    }
    let bytes = rest.as_bytes();
    let mut end = bytes.len();
    while end > 0 && trims_ascii(bytes[end - 1]) {
        end -= 1;
    }
    rest = &rest[..end];
    if rest.as_bytes().last().is_some_and(|b| !b.is_ascii()) {
        rest = rest.trim_end_matches(&trim);
    }
    rest
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `DPRK`, `NATO`, `U.S.`, `COVID-19`: two or more letters, all capitals. (Scripts without
/// case, such as CJK, have no acronyms in this sense.)
fn is_acronym(word: &str) -> bool {
    let mut capitals = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        capitals += 1;
    }
    capitals >= 2
}

/// `Face the Nation`, `Sunday Morning Futures With Maria Bartiromo`: at most
/// [`MAX_TITLE_WORDS`] words, every one capitalised but the small ones, and at least two
/// capitalised (a sentence capitalises only its first).
fn is_short_title<'a>(words: impl Iterator<Item = &'a str>) -> bool {
    let mut capitalised = 0;
    for (i, word) in words.enumerate() {
        if i == MAX_TITLE_WORDS {
            return false; // too long for a title
        }
        // An ASCII letter or digit answers both questions without decoding.
        let (upper, lower) = match word.as_bytes().first() {
            None => continue,
            Some(&b) if b.is_ascii() => (b.is_ascii_uppercase(), b.is_ascii_lowercase()),
            Some(_) => match word.chars().next() {
                Some(c) => (c.is_uppercase(), c.is_lowercase()),
                None => continue,
            },
        };
        if upper {
            capitalised += 1;
        } else if lower && (i == 0 || !TITLE_SMALL_WORDS.contains(word)) {
            return false;
        }
    }
    capitalised >= 2
}

/// Whether the words hold a comma, semicolon, or a sentence break, which titles seldom do.
fn has_clause_punctuation(words_text: &str) -> bool {
    // All ASCII, so a byte search finds them (no byte of another character is ASCII).
    let bytes = words_text.as_bytes();
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1].is_ascii() && !bytes[end - 1].is_ascii_alphanumeric() {
        end -= 1;
    }
    if end > 0 && !bytes[end - 1].is_ascii() {
        end = words_text
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .len();
    }
    let inner = &bytes[..end];
    inner.iter().enumerate().any(|(i, b)| match b {
        b',' | b';' | b'!' | b'?' => true,
        b'.' => inner.get(i + 1) == Some(&b' '),
        _ => false,
    })
}

/// The last `max_bytes` (or fewer) of the paragraph before `at`, cut on a char boundary.
fn text_before(text: &str, paragraph_start: usize, at: usize, max_bytes: usize) -> &str {
    let mut from = at.saturating_sub(max_bytes).max(paragraph_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// The last two letters of words, as a bit for the last-but-one letter in a row for the
/// last: a quick test that a word ending in two letters is none of a few listed words,
/// which need not all be read.
#[derive(Debug, Clone, Copy)]
struct Endings([u32; 26]);

impl Endings {
    /// With the ending of `word[..len]` (lower-case ASCII) added. A word of one letter has
    /// none and needs none: no word ending in two letters is that word.
    const fn with(mut self, word: &[u8], len: usize) -> Endings {
        if len >= 2 {
            let (second, last) = (word[len - 2], word[len - 1]);
            // Sound only if every listed word of two or more bytes ends in two letters.
            assert!(second.is_ascii_lowercase() && last.is_ascii_lowercase());
            self.0[(last - b'a') as usize] |= 1 << (second - b'a');
        }
        self
    }

    /// Whether a word ending in the letters `second`, `last` (any case) may be listed.
    fn may_end(&self, second: u8, last: u8) -> bool {
        let (second, last) = (second.to_ascii_lowercase(), last.to_ascii_lowercase());
        self.0[usize::from(last - b'a')] & (1 << (second - b'a')) != 0
    }
}

/// The endings of every word [`follows_naming_word`] looks for.
const NAMING_ENDINGS: Endings =
    ARTICLES.add_endings_to(NAMING_WORDS.add_endings_to(Endings([0; 26]).with(b"as", 2)));

fn follows_naming_word(text: &str, paragraph_start: usize, open_start: usize) -> bool {
    let before = text_before(text, paragraph_start, open_start, 48);
    // Every quotation asks this and the answer is nearly always no, so the words are read
    // from the bytes; only a character that is not ASCII sends them to `Tokens`.
    let bytes = before.as_bytes();
    if !may_end_in_naming_word(bytes) {
        return false;
    }
    let (mut last, mut rest) = last_word(bytes);
    if matches!(last, LastWord::Letters(w) if ARTICLES.contains(w)) {
        (last, rest) = last_word(&bytes[..rest]); // dubbed the 'Beast'
    }
    match last {
        LastWord::NotListed => false,
        LastWord::Letters(w) if w.eq_ignore_ascii_case(b"as") => {
            match last_word(&bytes[..rest]).0 {
                LastWord::Letters(w) => w.eq_ignore_ascii_case(b"known"),
                LastWord::NotListed => false,
                LastWord::Unknown => follows_naming_word_by_chars(before),
            }
        }
        LastWord::Letters(w) => NAMING_WORDS.contains(w),
        LastWord::Unknown => follows_naming_word_by_chars(before),
    }
}

/// False when the last word of `bytes` (trimmed as [`last_word`] trims it) ends in two
/// ASCII letters that no word [`follows_naming_word`] looks for ends in, or there is no
/// word: then it is none of them, whatever comes before. Only its last few bytes are read.
fn may_end_in_naming_word(bytes: &[u8]) -> bool {
    let mut at = bytes.len();
    while at > 0 && kind(bytes[at - 1]) == SPACE {
        at -= 1;
    }
    while at > 0 && kind(bytes[at - 1]) == 0 {
        at -= 1;
    }
    match bytes[..at] {
        // Nothing but white space and punctuation: no word (a quotation that opens its
        // paragraph, often).
        [] => false,
        [.., second, last] if kind(second) == LETTER && kind(last) == LETTER => {
            NAMING_ENDINGS.may_end(second, last)
        }
        _ => true,
    }
}

/// [`follows_naming_word`] for any text, read as characters.
fn follows_naming_word_by_chars(before: &str) -> bool {
    let mut words = Tokens::new(before)
        .rev()
        .map(|w| trim_ends(w, |c| !c.is_alphanumeric() && c != '-'));
    let mut last = words.next();
    if last.is_some_and(|w| ARTICLES.contains(w)) {
        last = words.next(); // dubbed the 'Beast'
    }
    let Some(last) = last else {
        return false;
    };
    if last.eq_ignore_ascii_case("as") {
        return words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("known"));
    }
    NAMING_WORDS.contains(last)
}

/// The last word of a text, trimmed as [`follows_naming_word`] trims it, as far as its
/// ASCII bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LastWord<'t> {
    /// ASCII letters and hyphens, the only words the lists hold.
    Letters(&'t [u8]),
    /// No word, or one with a digit or inner punctuation: in no list.
    NotListed,
    /// A character that is not ASCII stands in the way: read it as characters.
    Unknown,
}

/// The last word of `bytes` (its last token with the characters other than letters, digits
/// and hyphens trimmed from its ends), read byte by byte, and where its token starts.
fn last_word(bytes: &[u8]) -> (LastWord<'_>, usize) {
    let mut at = bytes.len();
    while at > 0 && kind(bytes[at - 1]) == SPACE {
        at -= 1;
    }
    while at > 0 && kind(bytes[at - 1]) == 0 {
        at -= 1;
    }
    let end = at;
    while at > 0 && kind(bytes[at - 1]) & (LETTER | HYPHEN) != 0 {
        at -= 1;
    }
    let start = at;
    // The rest of the token, back to white space or the start, must be trimmed away:
    // whatever it keeps joins the word, with what stands between.
    while at > 0 && kind(bytes[at - 1]) == 0 {
        at -= 1;
    }
    let word = if start == end {
        // No word, one ending in a digit, or a character that is not ASCII after it.
        match end.checked_sub(1).map(|i| kind(bytes[i])) {
            Some(NOT_ASCII) => LastWord::Unknown,
            _ => LastWord::NotListed,
        }
    } else {
        match at.checked_sub(1).map(|i| kind(bytes[i])) {
            None | Some(SPACE) => LastWord::Letters(&bytes[start..end]),
            Some(NOT_ASCII) => LastWord::Unknown,
            Some(_) => LastWord::NotListed,
        }
    };
    (word, at)
}

/// Whether a quotation opening at `open_start` begins a sentence or a clause. A quotation
/// just before counts by its own punctuation: `'Yes.' 'No.'`.
fn opens_clause(text: &str, paragraph_start: usize, open_start: usize) -> bool {
    let before = text_before(text, paragraph_start, open_start, 16).trim_end_matches(|c: char| {
        c.is_whitespace() || quote_mark_class(c).is_some() || matches!(c, ')' | ']')
    });
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | ',') || is_dash(c),
    }
}

#[cfg(test)]
#[path = "scanner_tests.rs"]
mod tests;
