//! The scanner's cases: a named table of inputs and the spans they must give, then the
//! structure (marks, nesting, linked parts) of the cases where it matters, then inputs built
//! to be hostile (a megabyte of marks, deep nesting, no white space).

use super::*;

const S: SpanClass = SpanClass::Speech;
const T: SpanClass = SpanClass::Term;

/// (name, input, every span as (content, class) in order of content start).
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, SpanClass)],
);

const CASES: &[Case] = &[
    // --- every kind of mark
    (
        "ascii double",
        r#""We will win," he said."#,
        &[("We will win,", S)],
    ),
    (
        "ascii single",
        "'We will win,' he said.",
        &[("We will win,", S)],
    ),
    ("curly double", "“We will win,” he said.", &[("We will win,", S)]),
    ("curly single", "‘We will win,’ he said.", &[("We will win,", S)]),
    (
        "low-9 double closed by a left mark (German)",
        "„Wir schaffen das“, sagte sie.",
        &[("Wir schaffen das", S)],
    ),
    (
        "low-9 single",
        "Er sagte ‚ja‘ und ging.",
        &[("ja", S)],
    ),
    (
        "guillemets with inner spaces (French)",
        "« Nous sommes en guerre », a dit le président.",
        &[("Nous sommes en guerre", S)],
    ),
    (
        "guillemets pointing inwards (German, Danish)",
        "»Wir sind bereit«, sagte er.",
        &[("Wir sind bereit", S)],
    ),
    (
        "single guillemets",
        "Il a dit ‹ non › deux fois.",
        &[("non", S)],
    ),
    (
        "doubled apostrophes",
        "''We are ready,'' he said.",
        &[("We are ready,", S)],
    ),
    (
        "backticks and apostrophes",
        "``We are ready,'' he said.",
        &[("We are ready,", S)],
    ),
    (
        "double prime closed by apostrophe and prime",
        "″This is now the time for negotiations,'′ she told reporters.",
        &[("This is now the time for negotiations,", S)],
    ),
    (
        "double prime closed by doubled apostrophes",
        "scheduled to impose ″countermeasures'' starting Monday.",
        &[("countermeasures", S)],
    ),
    (
        "curly opening, ascii closing",
        "Trump promises a ‘major statement' on the war.",
        &[("major statement", S)],
    ),
    (
        "odd doubled opening closed by one apostrophe",
        "Putin ''talks nice and then he bombs everybody' as he put it.",
        &[("talks nice and then he bombs everybody", S)],
    ),
    (
        "swedish right marks both sides",
        "”Vi är redo”, sa han.",
        &[("Vi är redo", S)],
    ),
    (
        "cjk corner brackets",
        "他说：「我们准备好了。」",
        &[("我们准备好了。", S)],
    ),
    (
        "cjk white corner brackets nested",
        "她说「他告诉我『明天见』。」",
        &[("他告诉我『明天见』。", S), ("明天见", S)],
    ),
    (
        "fullwidth quotation mark",
        "＂We are ready,＂ he said.",
        &[("We are ready,", S)],
    ),
    // --- apostrophes, possessives, elisions, units: no quote at all
    ("contractions", "I'm sure they don't know it's over.", &[]),
    ("curly contractions", "I’m sure they don’t know it’s over.", &[]),
    ("decade elision", "Music of the '90s was loud.", &[]),
    ("year elision", "He joined the class of '09 early.", &[]),
    ("rock n roll", "He loves rock 'n' roll and rock ’n’ roll.", &[]),
    ("leading elisions", "Let 'em wait 'til noon, 'cause it's late.", &[]),
    (
        "possessives after s",
        "Jones' car was parked by the Smiths' house and the US' plan.",
        &[],
    ),
    ("possessive of an acronym", "CBS' anchor spoke to Putin's aide.", &[]),
    ("feet and inches", r#"He is 5'11" tall and the fence is 6' high."#, &[]),
    ("primes as units", "The board is 12″ by 5′ and 5′11″ long.", &[]),
    ("names with apostrophes", "O'Brien flew to Hawai'i and Côte d'Ivoire.", &[]),
    ("dropped g", "They were goin' home, ol' man.", &[]),
    ("a stray closing mark", r#"This is the end" of it."#, &[]),
    ("doubled apostrophe typo", "They don''t know.", &[]),
    ("a line of marks", r#"'''''''' """""" ”””” «««"#, &[]),
    // --- contractions and brackets at the start, brackets inside
    (
        "quote opening with a contraction",
        "'He's very nice all the time, but it turns out to be meaningless.'",
        &[(
            "He's very nice all the time, but it turns out to be meaningless.",
            S,
        )],
    ),
    (
        "quote opening with a bracket",
        "'(Blumenthal) and I have got 85 co-sponsors,' Graham said.",
        &[("(Blumenthal) and I have got 85 co-sponsors,", S)],
    ),
    (
        "brackets inside a quote",
        "Russia was 'tapping [him] along.' But then it changed.",
        &[("tapping [him] along.", S)],
    ),
    (
        "uppercase elision opens a quote",
        r#""'Tis the season," he said."#,
        &[("'Tis the season,", S)],
    ),
    (
        "possessive inside a quote",
        "'We visited the Joneses' farm,' he said.",
        &[("We visited the Joneses' farm,", S)],
    ),
    (
        "curly possessive inside a curly quote",
        "‘It’s the Joneses’ car,’ he said.",
        &[("It’s the Joneses’ car,", S)],
    ),
    (
        "dropped g inside a quote",
        "'I was just sittin' there,' she said.",
        &[("I was just sittin' there,", S)],
    ),
    (
        "elisions inside a quote",
        "'I love rock 'n' roll from the '60s,' he said.",
        &[("I love rock 'n' roll from the '60s,", S)],
    ),
    (
        "possessive after a closing mark",
        r#"The "Big Bill"'s passage was 'a shame,' he said."#,
        &[("Big Bill", T), ("a shame,", S)],
    ),
    (
        "plural possessive inside a partial quote",
        "He defended 'the workers' rights' today.",
        &[("the workers' rights", S)],
    ),
    (
        "possessive quote end then a new quote",
        "He praised 'the bosses' and 'the workers' alike.",
        &[("the bosses", S), ("the workers", S)],
    ),
    // --- nesting
    (
        "same mark nested, closed together",
        "'I spoke to him and I said, 'Hey, sir, I'm not afraid,'' the general said.",
        &[
            ("I spoke to him and I said, 'Hey, sir, I'm not afraid,'", S),
            ("Hey, sir, I'm not afraid,", S),
        ],
    ),
    (
        "same mark nested after a colon",
        "'So there's an old saying: 'If you want peace, prepare for war.''",
        &[
            ("So there's an old saying: 'If you want peace, prepare for war.'", S),
            ("If you want peace, prepare for war.", S),
        ],
    ),
    (
        "single inside double",
        r#""He told me 'never again,' and left," she said."#,
        &[
            ("He told me 'never again,' and left,", S),
            ("never again,", S),
        ],
    ),
    (
        "curly single inside curly double",
        "“She said ‘no’ twice,” he said.",
        &[("She said ‘no’ twice,", S), ("no", S)],
    ),
    (
        "title nested in speech",
        r#""I watched 'Face the Nation' today," he said."#,
        &[
            ("I watched 'Face the Nation' today,", S),
            ("Face the Nation", T),
        ],
    ),
    (
        "unclosed inner mark dropped at the outer close",
        r#""He said 'hi and left," she said."#,
        &[("He said 'hi and left,", S)],
    ),
    // --- interrupted and multi-paragraph quotations, unclosed marks
    (
        "interrupted by an attribution",
        r#""We will," he said, "never give up.""#,
        &[("We will,", S), ("never give up.", S)],
    ),
    (
        "two quotes in a row",
        "'This includes air defense.' 'We hope for US leadership.'",
        &[
            ("This includes air defense.", S),
            ("We hope for US leadership.", S),
        ],
    ),
    (
        "multi-paragraph quotation",
        "\"First part of it.\n\n\"Second part.\n\"Third,\" he said.",
        &[("First part of it.", S), ("Second part.", S), ("Third,", S)],
    ),
    (
        "unclosed quote stops at the paragraph end",
        "He said \"this never closes\nThen he called it 'a disgrace' today.",
        &[("this never closes", S), ("a disgrace", S)],
    ),
    // --- speech or term
    (
        "quoted acronym",
        "KCNA used the official acronym, 'DPRK,' to refer to North Korea.",
        &[("DPRK,", T)],
    ),
    (
        "programme title after a possessive",
        "Graham said on CBS' 'Face the Nation.'",
        &[("Face the Nation.", T)],
    ),
    (
        "long title and a partial quote",
        "He told Fox News' 'Sunday Morning Futures With Maria Bartiromo' there's a 'big appetite' for it.",
        &[
            ("Sunday Morning Futures With Maria Bartiromo", T),
            ("big appetite", S),
        ],
    ),
    ("book title", "She read 'War and Peace' twice.", &[("War and Peace", T)]),
    (
        "song title with an acronym",
        r#"He played "Born in the USA" loudly."#,
        &[("Born in the USA", T)],
    ),
    (
        "so-called",
        "The so-called 'peace plan' failed.",
        &[("peace plan", T)],
    ),
    (
        "dubbed",
        "An operation dubbed 'midnight hammer' began.",
        &[("midnight hammer", T)],
    ),
    (
        "known as",
        r#"The car known as "the beast" arrived."#,
        &[("the beast", T)],
    ),
    (
        "the word",
        "He used the word 'genocide' twice.",
        &[("genocide", T)],
    ),
    (
        "single proper noun",
        "They deployed the 'Patriot' system.",
        &[("Patriot", T)],
    ),
    (
        "single lower-case words are partial quotes",
        "The US must be 'strong' and give Trump a 'sledgehammer' for the 'heroic' troops.",
        &[("strong", S), ("sledgehammer", S), ("heroic", S)],
    ),
    (
        "two partial quotes",
        "France will make a 'new' and 'historic' effort.",
        &[("new", S), ("historic", S)],
    ),
    (
        "partial quote with the full stop outside",
        r#"They met in "an atmosphere full of warm comradely trust"."#,
        &[("an atmosphere full of warm comradely trust", S)],
    ),
    (
        "one-word sentence",
        "'Absolutely,' he said.",
        &[("Absolutely,", S)],
    ),
    (
        "one-word sentences in a row",
        "'Yes.' 'No.' 'Maybe,' she said.",
        &[("Yes.", S), ("No.", S), ("Maybe,", S)],
    ),
    (
        "title-case exclamation is speech",
        "They chanted 'Go Home Now!' all night.",
        &[("Go Home Now!", S)],
    ),
    (
        "digits only are not speech",
        "Press '5' to continue.",
        &[("5", T)],
    ),
    // --- untidy spacing
    (
        "no space after the closing mark",
        r#""Hello,"she said."#,
        &[("Hello,", S)],
    ),
    (
        "no space before the opening mark",
        r#"He said:"We are ready.""#,
        &[("We are ready.", S)],
    ),
    (
        "spaces inside straight marks",
        r#"He said " hello there " to me."#,
        &[("hello there", S)],
    ),
    (
        "after a dash",
        r#"He paused—"No," he said."#,
        &[("No,", S)],
    ),
    (
        "closing after a score",
        r#"He wrote "we won 5-3" on it."#,
        &[("we won 5-3", S)],
    ),
];

/// Checks what every output must satisfy, whatever the input.
fn assert_well_formed(text: &str, spans: &[QuoteSpan]) {
    for (i, span) in spans.iter().enumerate() {
        let mut parts = vec![span.content, span.open];
        parts.extend(span.close);
        for part in parts {
            assert!(part.start <= part.end && part.end <= text.len(), "{span:?}");
            assert!(text.is_char_boundary(part.start) && text.is_char_boundary(part.end));
        }
        let content = span.content.slice(text);
        assert!(!content.is_empty() && content.trim() == content, "{span:?}");
        assert!(!content.contains('\n'), "content crosses a line: {span:?}");
        assert!(span.open.end <= span.content.start);
        if let Some(close) = span.close {
            assert!(span.content.end <= close.start);
        }
        if i > 0 {
            assert!(
                spans[i - 1].content.start < span.content.start,
                "not sorted"
            );
        }
        if let Some(parent) = span.parent {
            assert!(parent < i && spans[parent].content.contains(span.content));
        }
        if let Some(previous) = span.continues {
            assert!(previous < i && spans[previous].content.end <= span.open.start);
        }
    }
}

fn described(text: &str) -> Vec<(&str, SpanClass)> {
    let spans = scan(text);
    assert_well_formed(text, &spans);
    spans
        .iter()
        .map(|s| (s.content.slice(text), s.class))
        .collect()
}

#[test]
fn case_table() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    let mut failures = Vec::new();
    for (name, text, want) in CASES {
        let got = described(text);
        if got != *want {
            failures.push(format!("{name}:\n   got {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn case_names_are_unique() {
    let mut names: Vec<_> = CASES.iter().map(|c| c.0).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), CASES.len());
}

/// The marks each span reports, as text.
fn marks_of(text: &str) -> Vec<(&str, Option<&str>)> {
    scan(text)
        .iter()
        .map(|s| (s.open.slice(text), s.close.map(|c| c.slice(text))))
        .collect()
}

#[test]
fn marks_are_reported_whole() {
    assert_eq!(
        marks_of("″This is now the time,'′ she said."),
        [("″", Some("'′"))]
    );
    assert_eq!(marks_of("''We are ready,'' he said."), [("''", Some("''"))]);
    assert_eq!(
        marks_of("Putin ''talks nice and bombs' as he put it."),
        [("''", Some("'"))]
    );
    assert_eq!(marks_of("“Yes,” he said."), [("“", Some("”"))]);
    assert_eq!(marks_of("He said \"never closed"), [("\"", None)]);
}

#[test]
fn nested_spans_point_to_their_parent() {
    let text = "'I said, 'Hey, sir, I'm not afraid,'' the general said.";
    let spans = scan(text);
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[0].parent, None);
    assert_eq!(spans[1].parent, Some(0));
    assert_eq!(spans[0].close.map(|c| c.slice(text)), Some("'"));
    assert_eq!(spans[1].close.map(|c| c.slice(text)), Some("'"));
    assert!(spans[0].close.unwrap().start > spans[1].close.unwrap().start);
}

#[test]
fn a_dropped_inner_mark_passes_its_children_to_its_parent() {
    // The `'` before "dear" never closes; the «…» inside it belongs to the outer quote.
    let text = "“A 'dear « ami » of mine,” he said.";
    let spans = scan(text);
    let got: Vec<_> = spans
        .iter()
        .map(|s| (s.content.slice(text), s.parent))
        .collect();
    assert_eq!(got, [("A 'dear « ami » of mine,", None), ("ami", Some(0))]);
}

#[test]
fn interrupted_quote_parts_are_linked() {
    let text = r#""We will," he said, "never give up." Then "we go.""#;
    let spans = scan(text);
    assert_eq!(spans.len(), 3);
    assert_eq!(spans[1].continues, Some(0));
    assert_eq!(
        spans[2].continues, None,
        "the gap is a sentence, not a clause"
    );

    let colon = "'We will fight,' the minister said, adding: 'and we will win.'";
    assert_eq!(scan(colon)[1].continues, Some(0));
}

#[test]
fn interruptions_that_are_not_attributions_stay_apart() {
    let cases = [
        // The first part ends a sentence.
        r#""We will." He left, "Never.""#,
        // The gap is too long to be an attribution.
        r#""We will," he said in a long speech to the nation on the evening of the tenth day, "never.""#,
        // The gap holds a quote of its own.
        r#""We will," he said "twice", "never.""#,
        // The gap does not end with a comma or colon.
        r#""We will," he said "never.""#,
        // A term cannot be part of a quotation.
        r#""War and Peace," he said, "is long.""#,
    ];
    for text in cases {
        let spans = scan(text);
        assert!(
            spans.iter().all(|s| s.continues.is_none()),
            "{text}: {spans:?}"
        );
    }
}

#[test]
fn multi_paragraph_quote_is_one_quotation() {
    let text = "He said:\n\"First part of it.\n\n\"Second part.\n\"Third,\" he said.";
    let spans = scan(text);
    let got: Vec<_> = spans
        .iter()
        .map(|s| (s.content.slice(text), s.close.is_some(), s.continues))
        .collect();
    assert_eq!(
        got,
        [
            ("First part of it.", false, None),
            ("Second part.", false, Some(0)),
            ("Third,", true, Some(1)),
        ]
    );
}

#[test]
fn multi_paragraph_parts_are_speech_even_when_short_and_capitalised() {
    let text = "\"Never Again\n\"We will,\" he said.";
    let spans = scan(text);
    assert_eq!(spans.len(), 2);
    assert_eq!(spans[1].continues, Some(0));
    assert!(spans.iter().all(|s| s.class == S));
}

#[test]
fn unclosed_quote_is_closed_at_its_paragraph_end() {
    let text = "He said \"this never closes.\nThe next line has no marks.\nNor this one.";
    let spans = scan(text);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].content.slice(text), "this never closes.");
    assert_eq!(spans[0].close, None);
}

#[test]
fn a_stray_mark_does_not_disturb_later_paragraphs() {
    let text = "A stray \" here.\n'One,' he said.\n\"Two,\" she said.";
    let got = described(text);
    assert_eq!(&got[got.len() - 2..], [("One,", S), ("Two,", S)]);
}

#[test]
fn offsets_are_relative_to_the_input() {
    // Shifting the text by a prefix (one byte, then a multi-byte character) shifts every
    // span by exactly the prefix length.
    for (_, text, _) in CASES {
        let base = scan(text);
        for prefix in ["x ", "é "] {
            let shifted_text = format!("{prefix}{text}");
            let shifted = scan(&shifted_text);
            let n = prefix.len();
            let moved: Vec<_> = base
                .iter()
                .map(|s| (s.content.start + n, s.content.end + n))
                .collect();
            let got: Vec<_> = shifted
                .iter()
                .map(|s| (s.content.start, s.content.end))
                .collect();
            assert_eq!(got, moved, "{text:?} after {prefix:?}");
        }
    }
}

// --- the bits read about the characters beside a run

#[test]
fn ascii_sides_match_the_predicates() {
    for b in 0..128u8 {
        let c = char::from(b);
        assert_eq!(ASCII_SIDES[usize::from(b)], Side::of_any(c), "{c:?}");
    }
}

/// The reader takes any other ASCII character after a mark for the end of its run.
#[test]
fn the_ascii_marks_are_the_straight_quotes_and_the_backtick() {
    for b in 0..128u8 {
        let c = char::from(b);
        assert_eq!(
            quote_mark_class(c).is_some(),
            matches!(c, '"' | '\'' | '`'),
            "{c:?}"
        );
    }
}

#[test]
fn elisions_start_with_an_elision_start() {
    for word in LEADING_ELISIONS {
        assert!(ELISION_STARTS[usize::from(word.as_bytes()[0])], "{word}");
    }
    assert!((b'0'..=b'9').all(|b| ELISION_STARTS[usize::from(b)]));
}

// --- the naming words before a quotation, read from the bytes

/// The byte reader of the last words agrees with the character reader wherever it answers.
#[test]
fn naming_words_read_from_bytes_as_from_chars() {
    use proptest::prelude::*;
    let alphabet = proptest::sample::select(vec![
        "called",
        "Called",
        "so-called",
        "dubbed",
        "the",
        "The",
        "a",
        "an",
        "as",
        "AS",
        "said",
        "reporters",
        "Ed",
        "hE",
        "known",
        "Known",
        "term",
        "x",
        "5",
        "-",
        " ",
        " ",
        "\t",
        "\n",
        "\u{A0}",
        "\u{2003}",
        ",",
        ".",
        ":",
        "(",
        ")",
        "\"",
        "'",
        "”",
        "“",
        "’",
        "«",
        "—",
        "é",
        "中",
        "\u{1}",
    ]);
    let texts = proptest::collection::vec(alphabet, 0..12).prop_map(|v| v.concat());
    proptest!(ProptestConfig::with_cases(20000), |(text in texts)| {
        let before = text_before(&text, 0, text.len(), 48);
        prop_assert_eq!(
            follows_naming_word(&text, 0, text.len()),
            follows_naming_word_by_chars(before),
            "{:?}", text
        );
    });
}

/// The byte readings of a quotation's end and of its punctuation agree with the character
/// readings they stand for.
#[test]
fn sentence_ends_and_clause_punctuation_read_from_bytes_as_from_chars() {
    use proptest::prelude::*;
    let alphabet = proptest::sample::select(vec![
        "word", "5", " ", ". ", ".", ",", ";", "!", "?", "…", "'", "\"", "`", ")", "]", "”", "’",
        "»", "é", "中", "\u{A0}", "\u{2003}",
    ]);
    let texts = proptest::collection::vec(alphabet, 0..10).prop_map(|v| v.concat());
    proptest!(ProptestConfig::with_cases(20000), |(text in texts)| {
        let last = text
            .trim_end_matches(|c: char| quote_mark_class(c).is_some() || matches!(c, ')' | ']'))
            .chars()
            .next_back();
        prop_assert_eq!(ends_sentence(&text), matches!(last, Some('.' | '!' | '?' | '…')));
        let inner = text.trim_end_matches(|c: char| !c.is_alphanumeric());
        let clause = inner.contains([',', ';', '!', '?']) || inner.contains(". ");
        prop_assert_eq!(has_clause_punctuation(&text), clause);
    });
}

/// The byte readings of the words either side of an apostrophe agree with the character
/// readings they stand for.
#[test]
fn elisions_and_possessives_read_from_bytes_as_from_chars() {
    use proptest::prelude::*;
    let alphabet = proptest::sample::select(vec![
        "em", "n", "til", "twas", "9", "0s", "s", "S", "z", "i", "o", "l", "x", "Jones", "goin",
        "ol", "'", "’", " ", ".", "é", "中", "ß",
    ]);
    let texts = proptest::collection::vec(alphabet, 0..8).prop_map(|v| v.concat());
    proptest!(ProptestConfig::with_cases(20000), |(text in texts)| {
        for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
            prop_assert_eq!(elision_after(&text, at), elision_after_by_chars(&text, at));
            prop_assert_eq!(
                ends_possessive_or_elided_word(&text, 0, at),
                ends_possessive_or_elided_word_by_chars(&text, 0, at)
            );
        }
    });
}

#[test]
fn last_words_read_from_bytes() {
    fn last(s: &str) -> LastWord<'_> {
        last_word(s.as_bytes()).0
    }
    assert_eq!(last("so-called "), LastWord::Letters(b"so-called"));
    assert_eq!(last("(dubbed), "), LastWord::Letters(b"dubbed"));
    assert_eq!(last("x.called "), LastWord::NotListed);
    assert_eq!(last("called5 "), LastWord::NotListed);
    assert_eq!(last("5called "), LastWord::NotListed);
    assert_eq!(last("... "), LastWord::NotListed);
    assert_eq!(last(""), LastWord::NotListed);
    assert_eq!(last("called” "), LastWord::Unknown);
    assert_eq!(last("«called "), LastWord::Unknown);
    assert_eq!(last("called\u{A0}"), LastWord::Unknown);
    assert_eq!(last_word(b"known as ").1, 6);
}

// --- the word reader, which must split exactly as the standard library does

#[test]
fn tokens_and_words_split_as_split_whitespace_does() {
    // Every character char::is_whitespace accepts, ASCII controls it does not, and
    // non-ASCII letters and marks on either side of them.
    let pieces = [
        " ", "\t", "\n", "\r", "\u{B}", "\u{C}", "\u{1}", "\u{7F}", "\u{85}", "\u{A0}", "\u{1680}",
        "\u{2003}", "\u{2028}", "\u{202F}", "\u{3000}", "\u{200B}", "a", "Zé", "—", "’", "中",
        "😀", "x-y", ",", "'",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    for _ in 0..5000 {
        let len = next(12);
        let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        let want: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(Tokens::new(&text).collect::<Vec<_>>(), want, "{text:?}");
        let want_words: Vec<&str> = want
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words_of(&text).collect::<Vec<_>>(), want_words, "{text:?}");
        let want_back: Vec<&str> = text.split_whitespace().rev().collect();
        assert_eq!(
            Tokens::new(&text).rev().collect::<Vec<_>>(),
            want_back,
            "{text:?}"
        );
        for word in &want {
            let keep = |c: char| !c.is_alphanumeric();
            assert_eq!(trim_ends(word, keep), word.trim_matches(keep), "{word:?}");
            let keep = |c: char| !c.is_alphanumeric() && c != '-';
            assert_eq!(trim_ends(word, keep), word.trim_matches(keep), "{word:?}");
        }
    }
}

#[test]
fn word_lists_match_as_eq_ignore_ascii_case_does() {
    let check = |words: &[&str], contains: &dyn Fn(&str) -> bool| {
        let listed = |w: &str| words.iter().any(|l| l.eq_ignore_ascii_case(w));
        for word in words {
            let upper = word.to_ascii_uppercase();
            let plural = format!("{word}s");
            let nul = format!("{word}\0");
            let accented = format!("{word}é");
            for probe in [word, upper.as_str(), &plural, &nul, &accented, &word[1..]] {
                assert_eq!(contains(probe), listed(probe), "{probe:?}");
            }
        }
        for probe in ["", "So-Called", "calléd", "a-very-long-word-indeed", "THE"] {
            assert_eq!(contains(probe), listed(probe), "{probe:?}");
        }
    };
    check(&NAMING_WORDS.words, &|w| NAMING_WORDS.contains(w));
    check(&TITLE_SMALL_WORDS.words, &|w| TITLE_SMALL_WORDS.contains(w));
    check(&ARTICLES.words, &|w| ARTICLES.contains(w));
}

// --- hostile inputs: these must finish quickly even in a debug build.

const MEGABYTE: usize = 1 << 20;

#[test]
fn a_megabyte_of_apostrophes() {
    let text = "'".repeat(MEGABYTE);
    assert!(scan(&text).is_empty());
    let spaced = "' ".repeat(MEGABYTE / 2);
    assert_well_formed(&spaced, &scan(&spaced));
}

#[test]
fn a_megabyte_of_double_quotes() {
    let text = "\"".repeat(MEGABYTE);
    assert!(scan(&text).is_empty());
    let spaced = "\" ".repeat(MEGABYTE / 2);
    assert_well_formed(&spaced, &scan(&spaced));
    let lines = "\"\n".repeat(MEGABYTE / 2);
    assert!(scan(&lines).is_empty());
}

#[test]
fn a_hundred_thousand_nested_openings() {
    for unit in ["“a ", "'a ", "(\"", "«", "「"] {
        let text = unit.repeat(100_000);
        let spans = scan(&text);
        assert_well_formed(&text, &spans);
        assert!(spans.len() <= MAX_NESTING, "{unit}: {}", spans.len());
        assert!(spans.iter().all(|s| s.close.is_none()));
    }
    // ... and as many closings after them.
    let text = format!("{}{}", "“a ".repeat(100_000), "b” ".repeat(100_000));
    let spans = scan(&text);
    assert_well_formed(&text, &spans);
    assert_eq!(spans.len(), MAX_NESTING);
}

#[test]
fn a_megabyte_without_white_space() {
    let unit = "a'b\"c‘d’e«f»g„h“i「j」k″l′m''n``o(p)q5'6\"r—s";
    let text = unit.repeat(MEGABYTE / unit.len() + 1);
    let spans = scan(&text);
    assert_well_formed(&text, &spans);
    assert!(spans.len() < text.len());
}

#[test]
fn alternating_marks_and_letters_pair_up() {
    let text = "\"a".repeat(MEGABYTE / 2);
    let spans = scan(&text);
    assert_well_formed(&text, &spans);
    assert!(!spans.is_empty());
}

#[test]
fn random_mixes_of_marks_and_words_are_well_formed() {
    // A fixed linear congruential generator: the same inputs on every run, no dependency.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % bound
    };
    let pieces = [
        "'", "\"", "’", "‘", "“", "”", "„", "‚", "«", "»", "‹", "›", "″", "′", "「", "」", "『",
        "』", "`", "''", " ", " ", " ", "\n", "a", "Jones", "s", "n", "I", "90", "5", ",", ".",
        "(", ")", "[", "—", "said", "We", "é", "😀",
    ];
    for _ in 0..3000 {
        let len = next(60);
        let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        let spans = scan(&text);
        assert_well_formed(&text, &spans);
    }
}

// --- the optimised scanner gives what the reference below gives, span for span

/// Marks of every kind around words, spaces, digits and punctuation.
#[test]
fn same_spans_as_reference_on_mixed_marks() {
    use proptest::prelude::*;
    let alphabet = proptest::sample::select(vec![
        "'", "\"", "’", "‘", "“", "”", "„", "‚", "‛", "‟", "«", "»", "‹", "›", "″", "′", "‶", "‵",
        "「", "」", "『", "』", "｢", "｣", "〝", "〞", "〟", "＂", "＇", "`", "''", " ", " ", "\n",
        "\t", "\u{A0}", "a", "Jones", "s", "n", "I", "ol", "goin", "em", "90", "5", "1", ",", ".",
        ":", "!", "?", "…", "(", ")", "[", "/", "*", "—", "-", "é", "中", "😀",
    ]);
    let texts = proptest::collection::vec(alphabet, 0..50).prop_map(|v| v.concat());
    proptest!(ProptestConfig::with_cases(6000), |(text in texts)| {
        prop_assert_eq!(scan(&text), reference::scan(&text));
    });
}

/// Quotations in news-like sentences, for the rules that read the words in and around
/// them (terms and titles, naming words, interrupted quotations, elisions).
#[test]
fn same_spans_as_reference_on_sentences() {
    use proptest::prelude::*;
    let alphabet = proptest::sample::select(vec![
        "\"",
        "'",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        " ",
        " ",
        " ",
        " ",
        "\n",
        "We",
        "will",
        "never",
        "give",
        "up",
        "he",
        "said",
        "she",
        "told",
        "reporters",
        ",",
        ", ",
        ".",
        ". ",
        ": ",
        "!",
        "?",
        "so-called",
        "called",
        "dubbed",
        "the",
        "a",
        "as",
        "known",
        "Face",
        "the Nation",
        "of",
        "DPRK",
        "U.S.",
        "COVID-19",
        "Absolutely",
        "Never",
        "'em",
        "'90s",
        "rock 'n' roll",
        "Jones'",
        "5'11\"",
        "6′",
        "I'm",
        "don't",
        "(",
        ")",
        "—",
        "é",
        "Zürich",
        "中文",
        "SO-CALLED",
        "Titled",
        "\u{2003}",
        "\t",
    ]);
    let texts = proptest::collection::vec(alphabet, 0..60).prop_map(|v| v.concat());
    proptest!(ProptestConfig::with_cases(6000), |(text in texts)| {
        prop_assert_eq!(scan(&text), reference::scan(&text));
    });
}

/// The named cases above, and the hostile inputs, give what the reference gives too.
#[test]
fn same_spans_as_reference_on_the_case_table() {
    for (name, text, _) in CASES {
        assert_eq!(scan(text), reference::scan(text), "{name}");
    }
    let unit = "a'b\"c‘d’e«f»g„h“i「j」k″l′m''n``o(p)q5'6\"r—s ";
    let text = unit.repeat(500);
    assert_eq!(scan(&text), reference::scan(&text));
}

// --- the reference: the scanner as it stood before the speed work

/// The scanner before its speed work, kept in its plainest form (a char-by-char search for
/// marks, `split_whitespace` for the word reader, `eq_ignore_ascii_case` for the word lists)
/// so that the property tests below can hold the optimised scanner to it, span for span.
mod reference {
    use super::super::{
        QuoteSpan, SpanClass, ARTICLES, MAX_ATTRIBUTION_BYTES, MAX_ATTRIBUTION_WORDS, MAX_NESTING,
        MAX_RUN, MAX_TITLE_WORDS, NAMING_WORDS, TITLE_SMALL_WORDS,
    };
    use crate::text::{
        is_dash, paragraphs, quote_mark_class, MarkFamily, MarkLean, QuoteMarkClass, Span,
    };

    pub(super) fn scan(text: &str) -> Vec<QuoteSpan> {
        let mut pairing = Pairing::default();
        for paragraph in paragraphs(text) {
            pairing.read_paragraph(text, paragraph);
        }
        pairing.finish(text)
    }

    fn first_in(s: &str) -> Option<(usize, char, QuoteMarkClass)> {
        s.char_indices()
            .find_map(|(at, ch)| quote_mark_class(ch).map(|class| (at, ch, class)))
    }

    fn listed(words: &[&str], word: &str) -> bool {
        words.iter().any(|w| w.eq_ignore_ascii_case(word))
    }

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

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Role {
        Text,
        Opens,
        Closes,
        Undecided,
    }

    #[derive(Debug, Clone)]
    struct MarkRun {
        marks: [Mark; MAX_RUN],
        len: usize,
        start: usize,
        end: usize,
        before: Option<char>,
        after: Option<char>,
        role: Role,
        doubtful: bool,
    }

    impl MarkRun {
        fn marks(&self) -> &[Mark] {
            &self.marks[..self.len.min(MAX_RUN)]
        }

        fn is_single_latin(&self) -> bool {
            self.len == 1 && self.marks[0].class.is_single_latin()
        }
    }

    #[derive(Debug, Clone)]
    struct RunReader<'t> {
        text: &'t str,
        paragraph: Span,
        at: usize,
        apostrophe_at: Option<usize>,
    }

    impl<'t> RunReader<'t> {
        fn new(text: &'t str, paragraph: Span) -> RunReader<'t> {
            RunReader {
                text,
                paragraph,
                at: paragraph.start,
                apostrophe_at: None,
            }
        }

        fn next_run(&mut self) -> Option<MarkRun> {
            let rest = &self.text[self.at..self.paragraph.end];
            let (offset, ch, class) = first_in(rest)?;
            let first = Mark {
                at: self.at + offset,
                ch,
                class,
            };
            let mut run = MarkRun {
                marks: [first; MAX_RUN],
                len: 1,
                start: first.at,
                end: first.span().end,
                before: self.text[self.paragraph.start..first.at]
                    .chars()
                    .next_back(),
                after: None,
                role: Role::Text,
                doubtful: false,
            };
            if first.class.family != MarkFamily::CjkCorner {
                for ch in self.text[run.end..self.paragraph.end].chars() {
                    let Some(class) =
                        quote_mark_class(ch).filter(|c| c.family != MarkFamily::CjkCorner)
                    else {
                        run.after = Some(ch);
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
                run.after = self.text[run.end..self.paragraph.end].chars().next();
            }
            self.at = run.end;
            Some(run)
        }
    }

    impl Iterator for RunReader<'_> {
        type Item = MarkRun;

        fn next(&mut self) -> Option<MarkRun> {
            let mut run = self.next_run()?;
            let (text, paragraph) = (self.text, self.paragraph);
            if self.apostrophe_at == Some(run.start) {
                return Some(run); // read as text
            }
            run.role = run_role(text, paragraph, &run, &mut self.apostrophe_at);
            run.doubtful = run.role == Role::Closes
                && run.is_single_latin()
                && run.after.is_none_or(char::is_whitespace)
                && ends_possessive_or_elided_word(text, paragraph, run.start);
            Some(run)
        }
    }

    fn run_role(
        text: &str,
        paragraph: Span,
        run: &MarkRun,
        apostrophe_at: &mut Option<usize>,
    ) -> Role {
        let marks = run.marks();
        let first = marks[0];
        if run.len > MAX_RUN || (run.len == MAX_RUN && marks.iter().all(|m| m.ch == first.ch)) {
            return Role::Text; // `'''`, `«««`: debris or decoration
        }
        if first.class.family == MarkFamily::CjkCorner {
            return role_by_lean(marks);
        }
        let (before, after) = (run.before, run.after);
        let alphanumeric = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let all_single_latin = marks.iter().all(|m| m.class.is_single_latin());
        if all_single_latin && alphanumeric(before) && alphanumeric(after) {
            return Role::Text; // I'm, don't, Hawai'i, 5'11, and the typo don''t
        }
        if marks.len() == 1 {
            let class = first.class;
            if class.is_prime && before.is_some_and(|c| c.is_ascii_digit()) {
                return Role::Text; // 5′ 11″: primes after a number measure
            }
            if class.strokes == 2
                && first.ch == '"'
                && ends_feet_and_inches(text, paragraph, run.start)
            {
                return Role::Text; // 5'11"
            }
        }

        let opens_by_sides = after.is_some_and(|c| !c.is_whitespace() && !ends_a_phrase(c))
            && before.is_none_or(|c| c.is_whitespace() || may_precede_opening(c));
        let closes_by_sides = before.is_some_and(|c| !c.is_whitespace() && !opens_a_phrase(c))
            && after.is_none_or(|c| c.is_whitespace() || may_follow_closing(c));
        let role = match (opens_by_sides, closes_by_sides) {
            (true, false) => Role::Opens,
            (false, true) => Role::Closes,
            _ => role_by_lean(marks),
        };
        if role == Role::Opens && run.is_single_latin() {
            match elision_after(text, paragraph, run.end) {
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

    fn may_precede_opening(c: char) -> bool {
        opens_a_phrase(c) || c == '/' || is_dash(c)
    }

    fn opens_a_phrase(c: char) -> bool {
        matches!(c, '(' | '[' | '{' | '¿' | '¡' | '<' | '「' | '『' | '｢')
    }

    fn ends_a_phrase(c: char) -> bool {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '>' | '」' | '』' | '｣'
        )
    }

    fn may_follow_closing(c: char) -> bool {
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

    enum Elision {
        Word,
        AndMark(usize),
    }

    const LEADING_ELISIONS: &[&str] = &[
        "em", "n", "til", "tis", "twas", "cause", "bout", "nuff", "neath", "kay",
    ];

    fn elision_after(text: &str, paragraph: Span, at: usize) -> Option<Elision> {
        let rest = &text[at..paragraph.end];
        let mut word_end = at;
        for (offset, ch) in rest.char_indices().take(7) {
            if !ch.is_alphanumeric() {
                break;
            }
            word_end = at + offset + ch.len_utf8();
        }
        let word = &text[at..word_end];
        let next = text[word_end..paragraph.end].chars().next();
        if next.is_some_and(char::is_alphanumeric) {
            return None; // the word is longer than any elision
        }
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

    fn ends_possessive_or_elided_word(text: &str, paragraph: Span, at: usize) -> bool {
        let before = &text[paragraph.start..at];
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

    fn ends_feet_and_inches(text: &str, paragraph: Span, at: usize) -> bool {
        let mut back = text[paragraph.start..at].chars().rev();
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
        fn next_single_mark_closes(&mut self, reader: &RunReader<'_>) -> bool {
            match self.answer {
                Some(NextSingleMark::At { start, closes }) if start >= reader.at => return closes,
                Some(NextSingleMark::NoneLeft) => return false,
                _ => {}
            }
            let answer = reader
                .clone()
                .find(|run| run.role != Role::Text && run.is_single_latin())
                .map_or(NextSingleMark::NoneLeft, |run| NextSingleMark::At {
                    start: run.start,
                    closes: run.role == Role::Closes,
                });
            self.answer = Some(answer);
            matches!(answer, NextSingleMark::At { closes: true, .. })
        }
    }

    #[derive(Debug, Clone)]
    struct Draft {
        open: Span,
        close: Option<Span>,
        content: Option<Span>,
        parent: Option<usize>,
        reopens: Option<usize>,
        paragraph_start: usize,
    }

    #[derive(Debug, Clone, Copy)]
    struct OpenQuote {
        draft: usize,
        family: MarkFamily,
        strokes: u8,
        doubled_singles: bool,
    }

    #[derive(Debug, Default)]
    struct Pairing {
        drafts: Vec<Draft>,
        open: Vec<OpenQuote>,
        left_open: Option<OpenQuote>,
    }

    impl Pairing {
        fn read_paragraph(&mut self, text: &str, paragraph: Span) {
            let mut reader = RunReader::new(text, paragraph);
            let mut lookahead = Lookahead::default();
            let mut left_open = self.left_open.take();
            while let Some(run) = reader.next() {
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
                            let reopen = run.after.is_some_and(|c| !c.is_whitespace());
                            self.close_marks(text, run.marks(), reopen.then_some(paragraph.start));
                        } else {
                            self.open_marks(run.marks(), paragraph.start, reopened);
                        }
                    }
                }
            }
            self.close_at_paragraph_end(text, paragraph);
        }

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

        fn close_marks(&mut self, text: &str, marks: &[Mark], leftovers_open: Option<usize>) {
            let mut k = 0;
            while k < marks.len() {
                match self.partner_for(&marks[k..]) {
                    Some((position, used)) => {
                        let close = Span::new(marks[k].at, marks[k + used - 1].span().end);
                        self.close_quote(text, position, close);
                        k += used;
                    }
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
            self.open.truncate(position + 1);
            if let Some(quote) = self.open.pop() {
                self.settle(text, quote, close.start, Some(close));
            }
        }

        fn settle(&mut self, text: &str, quote: OpenQuote, end: usize, close: Option<Span>) {
            let draft = &mut self.drafts[quote.draft];
            draft.content = trimmed(text, draft.open.end, end);
            draft.close = close;
            if draft.content.is_none() {
                self.drafts.truncate(quote.draft);
            }
        }

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

        fn close_at_paragraph_end(&mut self, text: &str, paragraph: Span) {
            let outermost = self.open.first().copied();
            while let Some(quote) = self.open.pop() {
                self.settle(text, quote, paragraph.end, None);
            }
            self.left_open = outermost.filter(|q| {
                self.drafts
                    .get(q.draft)
                    .is_some_and(|d| d.content.is_some())
            });
        }

        fn finish(self, text: &str) -> Vec<QuoteSpan> {
            let drafts = self.drafts;
            let mut reported_as = vec![None; drafts.len()];
            let mut count = 0;
            for (i, draft) in drafts.iter().enumerate() {
                if draft.content.is_some() {
                    reported_as[i] = Some(count);
                    count += 1;
                }
            }
            let reported_parent = |mut draft: Option<usize>| loop {
                match draft {
                    None => return None,
                    Some(i) if reported_as[i].is_some() => return reported_as[i],
                    Some(i) => draft = drafts[i].parent,
                }
            };
            let mut spans = Vec::with_capacity(count);
            let mut paragraph_starts = Vec::with_capacity(count);
            for draft in &drafts {
                let Some(content) = draft.content else {
                    continue;
                };
                spans.push(QuoteSpan {
                    content,
                    open: draft.open,
                    close: draft.close,
                    class: SpanClass::Speech,
                    parent: reported_parent(draft.parent),
                    continues: draft.reopens.and_then(|d| reported_as[d]),
                });
                paragraph_starts.push(draft.paragraph_start);
            }

            let mut runs_over_paragraphs = vec![false; spans.len()];
            for (i, span) in spans.iter().enumerate() {
                if let Some(previous) = span.continues {
                    runs_over_paragraphs[i] = true;
                    runs_over_paragraphs[previous] = true;
                }
            }
            for (i, span) in spans.iter_mut().enumerate() {
                if !runs_over_paragraphs[i] {
                    span.class = classify(text, paragraph_starts[i], span.open, span.content);
                }
            }

            link_interrupted_quotes(text, &mut spans, &paragraph_starts);
            spans
        }
    }

    fn trimmed(text: &str, start: usize, end: usize) -> Option<Span> {
        let inner = text.get(start..end)?;
        let words = inner.trim_start();
        let lead = inner.len() - words.len();
        let words = words.trim_end();
        let has_word = words.bytes().any(|b| b.is_ascii_alphanumeric())
            || words.contains(char::is_alphanumeric);
        has_word.then(|| Span::new(start + lead, start + lead + words.len()))
    }

    fn link_interrupted_quotes(text: &str, spans: &mut [QuoteSpan], paragraph_starts: &[usize]) {
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
        let last = first
            .content
            .slice(text)
            .trim_end_matches(|c: char| quote_mark_class(c).is_some() || matches!(c, ')' | ']'))
            .chars()
            .next_back();
        if matches!(last, Some('.' | '!' | '?' | '…')) {
            return false;
        }
        let (from, to) = (close.end, second.open.start);
        if to < from || to - from > MAX_ATTRIBUTION_BYTES {
            return false;
        }
        let gap = text[from..to].trim();
        if !(gap.ends_with(',') || gap.ends_with(':')) {
            return false;
        }
        let words = gap
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .take(MAX_ATTRIBUTION_WORDS + 1)
            .count();
        (1..=MAX_ATTRIBUTION_WORDS).contains(&words) && !holds_quote_mark(gap)
    }

    fn holds_quote_mark(s: &str) -> bool {
        let mut previous: Option<char> = None;
        for c in s.chars() {
            if let Some(class) = quote_mark_class(c) {
                let apostrophe =
                    class.is_single_latin() && previous.is_some_and(char::is_alphabetic);
                if !apostrophe {
                    return true;
                }
            }
            previous = Some(c);
        }
        false
    }

    fn classify(text: &str, paragraph_start: usize, open: Span, content: Span) -> SpanClass {
        let words_text = content.slice(text);
        if !words_text.chars().any(char::is_alphabetic) {
            return SpanClass::Term; // '5', '...': nothing said
        }
        if follows_naming_word(text, paragraph_start, open.start) {
            return SpanClass::Term;
        }
        let mut words = words_of(words_text);
        let Some(word) = words.next() else {
            return SpanClass::Term;
        };
        let Some(second) = words.next() else {
            if is_acronym(word) {
                return SpanClass::Term;
            }
            let ends_in_punctuation = words_text.ends_with(['.', ',', '!', '?', ';', ':']);
            let one_word_sentence =
                ends_in_punctuation && opens_clause(text, paragraph_start, open.start);
            return if starts_upper(word) && !one_word_sentence {
                SpanClass::Term
            } else {
                SpanClass::Speech
            };
        };
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

    fn words_of(words_text: &str) -> impl Iterator<Item = &str> {
        words_text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
    }

    fn starts_upper(word: &str) -> bool {
        word.chars().next().is_some_and(char::is_uppercase)
    }

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

    fn is_short_title<'a>(words: impl Iterator<Item = &'a str>) -> bool {
        let mut capitalised = 0;
        for (i, word) in words.enumerate() {
            if i == MAX_TITLE_WORDS {
                return false; // too long for a title
            }
            let Some(first) = word.chars().next() else {
                continue;
            };
            if first.is_uppercase() {
                capitalised += 1;
            } else if first.is_lowercase() && (i == 0 || !listed(&TITLE_SMALL_WORDS.words, word)) {
                return false;
            }
        }
        capitalised >= 2
    }

    fn has_clause_punctuation(words_text: &str) -> bool {
        let inner = words_text.trim_end_matches(|c: char| !c.is_alphanumeric());
        inner.contains([',', ';', '!', '?']) || inner.contains(". ")
    }

    fn text_before(text: &str, paragraph_start: usize, at: usize, max_bytes: usize) -> &str {
        let mut from = at.saturating_sub(max_bytes).max(paragraph_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        &text[from..at]
    }

    fn follows_naming_word(text: &str, paragraph_start: usize, open_start: usize) -> bool {
        let before = text_before(text, paragraph_start, open_start, 48);
        let mut words = before
            .split_whitespace()
            .rev()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
        let mut last = words.next();
        if last.is_some_and(|w| listed(&ARTICLES.words, w)) {
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
        listed(&NAMING_WORDS.words, last)
    }

    fn opens_clause(text: &str, paragraph_start: usize, open_start: usize) -> bool {
        let before =
            text_before(text, paragraph_start, open_start, 16).trim_end_matches(|c: char| {
                c.is_whitespace() || quote_mark_class(c).is_some() || matches!(c, ')' | ']')
            });
        match before.chars().next_back() {
            None => true,
            Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | ',') || is_dash(c),
        }
    }
}
