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

// --- the word reader, which must split exactly as the standard library does

#[test]
fn tokens_split_as_split_whitespace_does() {
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
        let want_back: Vec<&str> = text.split_whitespace().rev().collect();
        assert_eq!(
            Tokens::new(&text).rev().collect::<Vec<_>>(),
            want_back,
            "{text:?}"
        );
        for word in &want {
            let keep = |c: char| !c.is_alphanumeric();
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
