//! Matching (issue 3): a named table of texts and the entity mentions they must, and must
//! not, produce. Every text is written for this table.

use whosaid::{Extractor, Label};

/// What one row expects about one surface string.
#[derive(Debug)]
enum Expect {
    /// A mention with this text, this label, resolved to this canonical name.
    Is(&'static str, Label, &'static str),
    /// A mention with this text and label, left unresolved (no name, no id).
    Unresolved(&'static str, Label),
    /// If a mention with this text is reported, it is not resolved to anything.
    NotResolved(&'static str),
    /// No mention with this text at all.
    Absent(&'static str),
}

use Expect::{Absent, Is, NotResolved, Unresolved};
use Label::{Gpe, Loc, Norp, Org, Person};

const ROWS: &[(&str, &str, &[Expect])] = &[
    // --- names no gazetteer knows, and titles that are not names ---
    (
        "a title before a name is not part of it",
        "Mayor Linda Park opened the new library on Saturday.",
        &[Is("Linda Park", Person, "Linda Park"), Absent("Mayor Linda Park")],
    ),
    (
        "the rest of a title is not a one-word name",
        "Chief Executive Tim Cook spoke to investors.",
        &[Absent("Executive"), Is("Tim Cook", Person, "Tim Cook")],
    ),
    // --- case: acronyms only in capitals, names in datelines ---
    (
        "'us' in lower case is a pronoun",
        "Let us know what you think of the new bus shelter on Elm Street.",
        &[Absent("us")],
    ),
    (
        "'US' in capitals is the country",
        "Officials in the US said the shipment had been delayed.",
        &[Is("US", Gpe, "United States")],
    ),
    (
        "'ap' in lower case is no agency",
        "Download the weather ap before the storm, the ranger advised.",
        &[Absent("ap")],
    ),
    (
        "'AP' in a dateline is the agency",
        "KYIV, Ukraine (AP) — Air raid sirens sounded across the capital overnight.",
        &[
            Is("KYIV", Gpe, "Kyiv"),
            Is("Ukraine", Gpe, "Ukraine"),
            Is("AP", Org, "Associated Press"),
        ],
    ),
    (
        "an all-capitals headline 'US' may be 'us'",
        "LET US PRAY FOR RAIN, FARMERS PLEAD",
        &[Absent("US")],
    ),
    (
        "acronym of four letters also as a word",
        "Nato foreign ministers gathered in Brussels on Thursday.",
        &[Is("Nato", Org, "North Atlantic Treaty Organization"), Is("Brussels", Gpe, "Brussels")],
    ),
    (
        "NATO's canonical name is the one English news uses",
        "The North Atlantic Treaty Organisation, or NATO, marked its anniversary.",
        &[
            Is("North Atlantic Treaty Organisation", Org, "North Atlantic Treaty Organization"),
            Is("NATO", Org, "North Atlantic Treaty Organization"),
        ],
    ),
    // --- common words that are also names ---
    (
        "'turkey' the bird in a recipe",
        "Turkey needs four hours in the oven. Baste the turkey every half hour.",
        &[Absent("Turkey"), Absent("turkey")],
    ),
    (
        "'Turkey' the country in a news sentence",
        "Turkey hosted the talks, and Turkish diplomats drafted the text.",
        &[Is("Turkey", Gpe, "Turkey"), Is("Turkish", Norp, "Turkey")],
    ),
    (
        "'Chad' as a first name next to a surname",
        "Chad Whitfield, a plumber from Dayton, fixed the burst pipe.",
        &[Is("Chad Whitfield", Person, "Chad Whitfield"), Absent("Chad")],
    ),
    (
        "'Chad' the country",
        "Troops from Chad joined the mission in the Sahel.",
        &[Is("Chad", Gpe, "Chad")],
    ),
    (
        "'Jordan' after a given name is a surname",
        "The forward Michael Jordan signed autographs at the museum.",
        &[Is("Michael Jordan", Person, "Michael Jordan"), Absent("Jordan")],
    ),
    (
        "'Jordan' the country",
        "Jordan reopened its border crossing, Jordanian officials said.",
        &[Is("Jordan", Gpe, "Jordan"), Is("Jordanian", Norp, "Jordan")],
    ),
    (
        "'Jordan' as a first name of a known person",
        "Jordan Bardella addressed supporters in Marseille.",
        &[Is("Jordan Bardella", Person, "Jordan Bardella"), Absent("Jordan")],
    ),
    // --- accents, hyphens, possessives ---
    (
        "accent-insensitive: Lokke for Løkke",
        "Danish Foreign Minister Lars Lokke Rasmussen met his Estonian counterpart.",
        &[
            Is("Danish", Norp, "Denmark"),
            Is("Lars Lokke Rasmussen", Person, "Lars Løkke Rasmussen"),
            Is("Estonian", Norp, "Estonia"),
        ],
    ),
    (
        "accented spelling as written",
        "Lars Løkke Rasmussen flew to Nuuk.",
        &[Is("Lars Løkke Rasmussen", Person, "Lars Løkke Rasmussen")],
    ),
    (
        "hyphen-insensitive: Kim Jong-un and Kim Jong Un",
        "Kim Jong-un toured a tractor plant. Later Kim Jong Un inspected a greenhouse.",
        &[
            Is("Kim Jong-un", Person, "Kim Jong Un"),
            Is("Kim Jong Un", Person, "Kim Jong Un"),
        ],
    ),
    (
        "Erdogan without the breve",
        "Recep Tayyip Erdogan hosted the summit in Ankara.",
        &[
            Is("Recep Tayyip Erdogan", Person, "Recep Tayyip Erdoğan"),
            Is("Ankara", Gpe, "Ankara"),
        ],
    ),
    (
        "possessive 's is not part of the name",
        "Vladimir Putin's motorcade crossed Red Square.",
        &[Is("Vladimir Putin", Person, "Vladimir Putin")],
    ),
    (
        "possessive with a bare apostrophe",
        "CBS' new anchor interviewed Lindsey Graham.",
        &[Is("CBS", Org, "CBS News"), Is("Lindsey Graham", Person, "Lindsey Graham")],
    ),
    (
        "typographic apostrophe in a name",
        "Côte d’Ivoire beat Ghana on penalties.",
        &[Is("Côte d’Ivoire", Gpe, "Côte d'Ivoire"), Is("Ghana", Gpe, "Ghana")],
    ),
    // --- surnames link to the full name in the document ---
    (
        "a surname links to the full name named earlier",
        "Sergey Lavrov landed in Pyongyang. Lavrov was met by a delegation.",
        &[
            Is("Sergey Lavrov", Person, "Sergey Lavrov"),
            Is("Lavrov", Person, "Sergey Lavrov"),
        ],
    ),
    (
        "title stripped: the name after a title",
        "President Emmanuel Macron spoke first; then Macron left for Berlin.",
        &[
            Is("Emmanuel Macron", Person, "Emmanuel Macron"),
            Is("Macron", Person, "Emmanuel Macron"),
        ],
    ),
    // --- ambiguous names: resolved by the document, or left unresolved ---
    (
        "Georgia the country, by its capital and demonym",
        "Protesters filled the streets of Tbilisi as Georgia's parliament voted; Georgian police watched.",
        &[Is("Tbilisi", Gpe, "Tbilisi"), Is("Georgian", Norp, "Georgia")],
    ),
    (
        "Georgia with nothing to tell the country from the state",
        "Georgia will vote in May.",
        &[Unresolved("Georgia", Gpe)],
    ),
    (
        "Trump alone, among several Trumps, is never silently wrong",
        "Trump spoke to the crowd on Tuesday.",
        &[NotResolved("Trump")],
    ),
    (
        "Trump after Melania Trump is Melania Trump",
        "Melania Trump opened the exhibition. Trump thanked the volunteers.",
        &[
            Is("Melania Trump", Person, "Melania Trump"),
            Is("Trump", Person, "Melania Trump"),
        ],
    ),
    (
        "Trump after Donald Trump is Donald Trump",
        "Donald Trump met the governors. Trump said little.",
        &[Is("Trump", Person, "Donald Trump")],
    ),
    (
        "Kim alone is not resolved to any Kim",
        "Kim waved at the crowd from the balcony.",
        &[NotResolved("Kim")],
    ),
    (
        "Kim after Kim Jong Un is Kim Jong Un",
        "Kim Jong Un watched the launch. Kim applauded.",
        &[Is("Kim", Person, "Kim Jong Un")],
    ),
    // --- labels ---
    (
        "demonym is NORP linked to its country",
        "North Korean troops and Russian officers trained together.",
        &[Is("North Korean", Norp, "North Korea"), Is("Russian", Norp, "Russia")],
    ),
    (
        "continent is LOC",
        "Europe faces a hard winter.",
        &[Is("Europe", Loc, "Europe")],
    ),
    (
        "news agency by its acronym",
        "KCNA carried the full text of the speech.",
        &[Is("KCNA", Org, "Korean Central News Agency")],
    ),
    (
        "an unknown person after a title",
        "Sen. Marla Quimby of Vermont opposed the bill.",
        &[Is("Marla Quimby", Person, "Marla Quimby"), Absent("Sen."), Absent("Sen")],
    ),
    (
        "no entities in plain prose",
        "The rain stopped, and the children went back outside to play.",
        &[Absent("The"), Absent("rain")],
    ),
];

#[test]
fn matching_table() {
    let ex = Extractor::new();
    let mut failures = Vec::new();
    for (name, text, expects) in ROWS {
        let ents = ex.extract(text).entities;
        let found: Vec<(&str, Label, Option<&str>)> = ents
            .iter()
            .map(|e| (e.span.slice(text), e.label, e.name.as_deref()))
            .collect();
        for x in *expects {
            let ok = match *x {
                Is(t, l, n) => found
                    .iter()
                    .any(|&(ft, fl, fnm)| ft == t && fl == l && fnm == Some(n)),
                Unresolved(t, l) => found
                    .iter()
                    .any(|&(ft, fl, fnm)| ft == t && fl == l && fnm.is_none()),
                NotResolved(t) => found.iter().all(|&(ft, _, fnm)| ft != t || fnm.is_none()),
                Absent(t) => found.iter().all(|&(ft, _, _)| ft != t),
            };
            if !ok {
                failures.push(format!("{name}: expected {x:?}, found {found:?}"));
            }
        }
        for e in &ents {
            assert!(
                e.id.is_none() || e.name.is_some(),
                "{name}: id without name"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
