//! Attribution (issue 5): one named table per pattern, each row a text written for this
//! file and the record it must produce, plus rows that must produce no record or no
//! speaker. Stories are invented; the public figures come from the default gazetteers and
//! the local people are made up.

use whosaid::{Extractor, Quote, QuoteKind, ResolvedBy};

/// The record a row expects, found by its content text.
#[derive(Debug, Clone, Copy)]
struct Want {
    content: &'static str,
    kind: QuoteKind,
    /// Speaker canonical name, or `None` when the speaker must be unresolved.
    name: Option<&'static str>,
    /// The speaker's words in the text.
    speaker: &'static str,
    by: ResolvedBy,
    cue: Option<&'static str>,
    via: Option<&'static str>,
    addressee: Option<&'static str>,
}

const fn want(
    content: &'static str,
    kind: QuoteKind,
    speaker: &'static str,
    name: Option<&'static str>,
    by: ResolvedBy,
    cue: Option<&'static str>,
) -> Want {
    Want {
        content,
        kind,
        name,
        speaker,
        by,
        cue,
        via: None,
        addressee: None,
    }
}

impl Want {
    const fn via(mut self, v: &'static str) -> Want {
        self.via = Some(v);
        self
    }
    const fn to(mut self, a: &'static str) -> Want {
        self.addressee = Some(a);
        self
    }
}

/// What a row expects.
enum Expect {
    Record(Want),
    /// No record at all.
    Nothing,
    /// No record with a speaker whose content is this text.
    NoSpeakerFor(&'static str),
    /// A record for this content whose speaker is unresolved (no name).
    Unresolved(&'static str),
}

use Expect::{NoSpeakerFor, Nothing, Record, Unresolved};
use QuoteKind::{Direct, Indirect, Mixed, Partial};
use ResolvedBy::{Alias, Continuation, Explicit, Pronoun, Role};

type Row = (&'static str, &'static str, Expect);

fn check_row(ex: &Extractor, (name, text, expect): &Row) -> Result<(), String> {
    let quotes = ex.extract(text).quotes;
    for q in &quotes {
        if !(0.0..=1.0).contains(&q.confidence) {
            return Err(format!("{name}: confidence {} out of [0,1]", q.confidence));
        }
    }
    let show = |q: &Quote| {
        format!(
            "[{:?} {:?} speaker={:?} name={:?} by={:?} cue={:?} via={:?} to={:?}]",
            q.kind,
            q.content.slice(text),
            q.speaker.as_ref().map(|s| s.span.slice(text)),
            q.speaker.as_ref().and_then(|s| s.name.as_deref()),
            q.speaker.as_ref().map(|s| s.resolved_by),
            q.cue.map(|c| c.slice(text)),
            q.via.as_ref().map(|v| v.span.slice(text)),
            q.addressee.as_ref().map(|v| v.span.slice(text)),
        )
    };
    let all = quotes.iter().map(show).collect::<Vec<_>>().join(" ");
    let find = |content: &str| quotes.iter().find(|q| q.content.slice(text) == content);
    match expect {
        Nothing if quotes.is_empty() => Ok(()),
        Nothing => Err(format!("{name}: expected no record, got {all}")),
        NoSpeakerFor(c) => match find(c) {
            None => Ok(()),
            Some(q) if q.speaker.is_none() => Ok(()),
            Some(q) => Err(format!(
                "{name}: expected no record for {c:?}, got {}",
                show(q)
            )),
        },
        Unresolved(c) => match find(c) {
            Some(q) if q.speaker.as_ref().is_none_or(|s| s.name.is_none()) => Ok(()),
            Some(q) => Err(format!(
                "{name}: expected unresolved speaker, got {}",
                show(q)
            )),
            None => Err(format!("{name}: no record for {c:?}; got {all}")),
        },
        Record(w) => {
            let Some(q) = find(w.content) else {
                return Err(format!("{name}: no record for {:?}; got {all}", w.content));
            };
            let sp = q.speaker.as_ref();
            let ok = q.kind == w.kind
                && sp.map(|s| s.span.slice(text)) == Some(w.speaker)
                && sp.and_then(|s| s.name.as_deref()) == w.name
                && sp.map(|s| s.resolved_by) == Some(w.by)
                && q.cue.map(|c| c.slice(text)) == w.cue
                && q.via.as_ref().map(|v| v.span.slice(text)) == w.via
                && q.addressee.as_ref().map(|v| v.span.slice(text)) == w.addressee;
            if ok {
                Ok(())
            } else {
                Err(format!("{name}: expected {w:?}\n    got {}", show(q)))
            }
        }
    }
}

fn run(table: &str, rows: &[Row]) {
    let ex = Extractor::new();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| check_row(&ex, r).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{table}: {} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn quote_then_speaker_and_cue() {
    run(
        "'…,' X said / said X / X told Y",
        &[
            (
                "name said",
                "“We are not going to retreat one inch,” Sergey Lavrov said on Tuesday.",
                Record(want("We are not going to retreat one inch,", Direct, "Sergey Lavrov", Some("Sergey Lavrov"), Explicit, Some("said"))),
            ),
            (
                "said name, inverted",
                "\"The harbour will stay open,\" said Kaja Kallas.",
                Record(want("The harbour will stay open,", Direct, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said"))),
            ),
            (
                "said, a description, then a name no gazetteer knows",
                "“This has been ten years in the making,” said council member Alicia Gomez, who sponsored the measure.",
                Record(want("This has been ten years in the making,", Direct, "Alicia Gomez", Some("Alicia Gomez"), Explicit, Some("said"))),
            ),
            (
                "after an inverted 'asked' the name is the speaker, not the addressee",
                "“Where are my customers supposed to park?” asked Tom Becker, who owns a bakery.",
                Record(want("Where are my customers supposed to park?", Direct, "Tom Becker", Some("Tom Becker"), Explicit, Some("asked"))),
            ),
            (
                "a lower-case role word inside the speaker's phrase",
                "“Our position has not changed,” Kremlin spokesman Dmitry Peskov told reporters.",
                Record(want("Our position has not changed,", Direct, "Dmitry Peskov", Some("Dmitry Peskov"), Explicit, Some("told")).to("reporters")),
            ),
            (
                "a title with its period and an affiliation after the name",
                "“It happens every few years now,” said Dr. Markus Weber of the University of Leipzig.",
                Record(want("It happens every few years now,", Direct, "Markus Weber", Some("Markus Weber"), Explicit, Some("said"))),
            ),
            (
                "an unnamed speaker with a place, and the agency told",
                "«C'est insupportable», a tourist from Lyon told Agence France-Presse.",
                Record(want("C'est insupportable", Direct, "a tourist", None, Explicit, Some("told")).to("Agence France-Presse")),
            ),
            (
                "told reporters",
                "“Nobody in Moscow wants this,” Sergey Lavrov told reporters.",
                Record(want("Nobody in Moscow wants this,", Direct, "Sergey Lavrov", Some("Sergey Lavrov"), Explicit, Some("told")).to("reporters")),
            ),
            (
                "told a broadcaster",
                "“The offer stands,” Emmanuel Macron told NBC News.",
                Record(want("The offer stands,", Direct, "Emmanuel Macron", Some("Emmanuel Macron"), Explicit, Some("told")).to("NBC News")),
            ),
            (
                "said on a programme",
                "“We have the votes,” Lindsey Graham said on CBS' 'Face the Nation.'",
                Record(want("We have the votes,", Direct, "Lindsey Graham", Some("Lindsey Graham"), Explicit, Some("said")).to("CBS")),
            ),
            (
                "surname after the full name",
                "Sergey Lavrov arrived in Pyongyang on Friday. “Our friendship is unbreakable,” Lavrov said.",
                Record(want("Our friendship is unbreakable,", Direct, "Lavrov", Some("Sergey Lavrov"), Alias, Some("said"))),
            ),
            (
                "title stripped from the speaker",
                "“The bill is dead,” Sen. Lindsey Graham said.",
                Record(want("The bill is dead,", Direct, "Lindsey Graham", Some("Lindsey Graham"), Explicit, Some("said"))),
            ),
            (
                "inverted with a role before the name",
                "“The door remains open,” said Denmark's foreign minister, Lars Løkke Rasmussen.",
                Record(want("The door remains open,", Direct, "Lars Løkke Rasmussen", Some("Lars Løkke Rasmussen"), Explicit, Some("said"))),
            ),
            (
                "unknown person, inverted, linked by surname later",
                "“Rates will stay high,” said Holger Brandt, chief economist at Nordhafen Bank. Brandt added that exports were slowing.",
                Record(want("Rates will stay high,", Direct, "Holger Brandt", Some("Holger Brandt"), Explicit, Some("said"))),
            ),
            (
                "unknown person's surname later",
                "“Rates will stay high,” said Holger Brandt, chief economist at Nordhafen Bank. Brandt added that exports were slowing.",
                Record(want("exports were slowing", Indirect, "Brandt", Some("Holger Brandt"), Alias, Some("added"))),
            ),
            (
                "an aide to someone is not that someone",
                "\"We will see,\" an aide to Donald Trump said.",
                Unresolved("We will see,"),
            ),
        ],
    );
}

#[test]
fn speaker_then_quote() {
    run(
        "X said: '…' / X added, '…' / headline X: '…'",
        &[
            (
                "said with a colon",
                "Kaja Kallas said: \"Europe will not blink.\"",
                Record(want(
                    "Europe will not blink.",
                    Direct,
                    "Kaja Kallas",
                    Some("Kaja Kallas"),
                    Explicit,
                    Some("said"),
                )),
            ),
            (
                "added with a comma",
                "Kaja Kallas spoke after the vote. She added, \"The sanctions stay.\"",
                Record(want(
                    "The sanctions stay.",
                    Direct,
                    "She",
                    Some("Kaja Kallas"),
                    Pronoun,
                    Some("added"),
                )),
            ),
            (
                "appositive relative clause between speaker and cue",
                "Lindsey Graham, who also appeared on CBS, said: \"This is a turning point.\"",
                Record(want(
                    "This is a turning point.",
                    Direct,
                    "Lindsey Graham",
                    Some("Lindsey Graham"),
                    Explicit,
                    Some("said"),
                )),
            ),
            (
                "headline with a colon",
                "Sergey Lavrov: 'We expect an answer by Friday'",
                Record(want(
                    "We expect an answer by Friday",
                    Direct,
                    "Sergey Lavrov",
                    Some("Sergey Lavrov"),
                    Explicit,
                    None,
                )),
            ),
        ],
    );
}

#[test]
fn partial_and_mixed() {
    run(
        "partial and mixed quotes",
        &[
            (
                "fragment after said that",
                "Sergey Lavrov met Kim Jong Un in Wonsan. Kim said that Pyongyang stood by \"every measure taken by our Russian comrades.\"",
                Record(want("every measure taken by our Russian comrades.", Partial, "Kim", Some("Kim Jong Un"), Alias, Some("said"))),
            ),
            (
                "the reported clause with its fragment is mixed",
                "Kaja Kallas said Europe was \"not going anywhere\" after the summit in Tallinn.",
                Record(want("Europe was \"not going anywhere\" after the summit in Tallinn", Mixed, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said"))),
            ),
            (
                "the fragment itself is partial",
                "Kaja Kallas said Europe was \"not going anywhere\" after the summit in Tallinn.",
                Record(want("not going anywhere", Partial, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said"))),
            ),
            (
                "a clause that is mostly quoted gets no mixed record of its own",
                "Kaja Kallas said she would bring \"a plan for the whole continent\".",
                NoSpeakerFor("she would bring \"a plan for the whole continent\""),
            ),
            (
                "but its fragment is reported",
                "Kaja Kallas said she would bring \"a plan for the whole continent\".",
                Record(want("a plan for the whole continent", Partial, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said"))),
            ),
        ],
    );
}

#[test]
fn indirect_speech() {
    run(
        "indirect speech with no quote marks",
        &[
            (
                "said Friday that",
                "Marco Rubio said Friday that the talks would resume next week.",
                Record(want("the talks would resume next week", Indirect, "Marco Rubio", Some("Marco Rubio"), Explicit, Some("said"))),
            ),
            (
                "told a broadcaster that",
                "Emmanuel Macron told NBC News that Europe would hold firm.",
                Record(want("Europe would hold firm", Indirect, "Emmanuel Macron", Some("Emmanuel Macron"), Explicit, Some("told")).to("NBC News")),
            ),
            (
                "said on a programme that",
                "Kaja Kallas said on CBS' \"Face the Nation\" that Europe would stay united.",
                Record(want("Europe would stay united", Indirect, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said")).to("CBS")),
            ),
            (
                "said in an interview with X that",
                "Kaja Kallas said Sunday in an interview with NBC News that the sanctions would stay.",
                Record(want("the sanctions would stay", Indirect, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said")).to("NBC News")),
            ),
            (
                "postposed role with a possessor",
                "The pipeline will be finished by spring, Moscow's security chief said last month.",
                Record(want("The pipeline will be finished by spring", Indirect, "Moscow's security chief", None, Role, Some("said"))),
            ),
            (
                "organisation by its short form after the full name",
                "Apple Inc. posted record sales. Apple said in a statement that the phones would ship in May.",
                Record(want("the phones would ship in May", Indirect, "Apple", Some("Apple Inc."), Alias, Some("said"))),
            ),
            (
                "group speakers after a place",
                "Officials in the US said the talks had stalled.",
                Record(want("the talks had stalled", Indirect, "Officials", None, Explicit, Some("said"))),
            ),
            (
                "a spokesman for someone is not that someone",
                "A spokesman for Vladimir Putin said the offer was serious.",
                Unresolved("the offer was serious"),
            ),
            (
                "promised to send is not indirect speech",
                "Kaja Kallas promised to send more air defence systems.",
                Nothing,
            ),
            (
                "acknowledged a deployment is not speech",
                "The Kremlin acknowledged the deployment.",
                Nothing,
            ),
        ],
    );
}

#[test]
fn resolution_of_speakers() {
    run(
        "pronouns, roles and organisations",
        &[
            (
                "she to the salient woman",
                "Kaja Kallas spoke first. \"Europe will not be divided,\" she said.",
                Record(want("Europe will not be divided,", Direct, "she", Some("Kaja Kallas"), Pronoun, Some("said"))),
            ),
            (
                "he to the salient man, past a woman",
                "Sergey Lavrov met Kaja Kallas in Vienna. \"We talked for hours,\" he said.",
                Record(want("We talked for hours,", Direct, "he", Some("Sergey Lavrov"), Pronoun, Some("said"))),
            ),
            (
                "he after a person named earlier in the same sentence is that person",
                "Kaja Kallas met Sergey Lavrov in Vienna. Lindsey Graham said Moscow was 'stalling' as he left the Senate, adding that he would push for a vote.",
                Record(want("he would push for a vote", Indirect, "Lindsey Graham", Some("Lindsey Graham"), Explicit, Some("adding"))),
            ),
            (
                "a pronoun inside the sentence prefers that sentence's subject over the last one",
                "Sergey Lavrov spoke in Vienna on Monday. Lindsey Graham listened to the speech, and afterwards he said the sanctions would stay.",
                Record(want("the sanctions would stay", Indirect, "he", Some("Lindsey Graham"), Pronoun, Some("said"))),
            ),
            (
                "'the official' after 'a … official' is that unnamed official, not a minister named before",
                "Andrii Sybiha said Kyiv was open to talks. According to a Ukrainian military official, 120 drones were launched overnight. “The attacks will continue,” the official said.",
                Unresolved("The attacks will continue,"),
            ),
            (
                "according to a person, clause after",
                "Friedrich Merz flew to Kyiv on Monday. According to Merz, the package includes four air-defence systems.",
                Record(want("the package includes four air-defence systems", Indirect, "Merz", Some("Friedrich Merz"), Alias, Some("According to"))),
            ),
            (
                "according to a person, clause before",
                "The shipment will arrive within weeks, according to Secretary of State Marco Rubio.",
                Record(want("The shipment will arrive within weeks", Indirect, "Marco Rubio", Some("Marco Rubio"), Explicit, Some("according to"))),
            ),
            (
                "the second part of an interrupted quotation keeps the first part's kind",
                "“We will defend every village,” Volodymyr Zelenskyy said, “and every city.”",
                Record(want("and every city.", Direct, "Volodymyr Zelenskyy", Some("Volodymyr Zelenskyy"), Explicit, Some("said"))),
            ),
            (
                "she to a woman no gazetteer knows, by her first name, past a man named after her",
                "Linda Alvarez, a nurse, spoke first. Then Tom Becker, who runs a bakery, stood up. “We were never asked,” she said.",
                Record(want("We were never asked,", Direct, "she", Some("Linda Alvarez"), Pronoun, Some("said"))),
            ),
            (
                "he with no antecedent is unresolved",
                "\"Nobody wants a war,\" he said.",
                Record(want("Nobody wants a war,", Direct, "he", None, Pronoun, Some("said"))),
            ),
            (
                "the role noun to the office holder",
                "Emmanuel Macron hosted the summit in Paris. \"Europe must pay for its own defence,\" the president said.",
                Record(want("Europe must pay for its own defence,", Direct, "the president", Some("Emmanuel Macron"), Role, Some("said"))),
            ),
            (
                "the North Korean leader",
                "Kim Jong Un watched the launch from a hill. “The enemies should tremble,” the North Korean leader said.",
                Record(want("The enemies should tremble,", Direct, "the North Korean leader", Some("Kim Jong Un"), Role, Some("said"))),
            ),
            (
                "the South Carolina Republican",
                "Lindsey Graham spoke on the Senate floor. “The votes are there,” the South Carolina Republican said.",
                Record(want("The votes are there,", Direct, "the South Carolina Republican", Some("Lindsey Graham"), Role, Some("said"))),
            ),
            (
                "an unnamed ministry stays unresolved",
                "\"We will not comment,\" the ministry said.",
                Record(want("We will not comment,", Direct, "the ministry", None, Role, Some("said"))),
            ),
            (
                "the Kremlin as speaker",
                "\"The proposal deserves study,\" the Kremlin said.",
                Record(want("The proposal deserves study,", Direct, "Kremlin", Some("Kremlin"), Explicit, Some("said"))),
            ),
        ],
    );
}

#[test]
fn continuations() {
    run(
        "continuation quotes",
        &[
            (
                "a second quotation continues the first",
                "“We have waited long enough,” Kaja Kallas said.\n\n“Now Europe must act.”",
                Record(want("Now Europe must act.", Direct, "Kaja Kallas", Some("Kaja Kallas"), Continuation, None)),
            ),
            (
                "continuation across an advertisement",
                "“We have waited long enough,” Kaja Kallas said.\n\nAdvertisement\n\n“Now Europe must act.”",
                Record(want("Now Europe must act.", Direct, "Kaja Kallas", Some("Kaja Kallas"), Continuation, None)),
            ),
            (
                "no continuation after a narrative sentence about someone else",
                "“We have waited long enough,” Kaja Kallas said.\n\nSergey Lavrov left the hall without a word.\n\n“Now Europe must act.”",
                NoSpeakerFor("Now Europe must act."),
            ),
            (
                "an interrupted quotation keeps its speaker",
                "“We will,” Kaja Kallas said, “never give up on Ukraine.”",
                Record(want("never give up on Ukraine.", Direct, "Kaja Kallas", Some("Kaja Kallas"), Explicit, Some("said"))),
            ),
        ],
    );
}

#[test]
fn channels() {
    run(
        "via: agencies, readouts, state media",
        &[
            (
                "according to an agency",
                "“The DPRK stands with its friends,” Kim Jong Un said, according to KCNA.",
                Record(want("The DPRK stands with its friends,", Direct, "Kim Jong Un", Some("Kim Jong Un"), Explicit, Some("said")).via("KCNA")),
            ),
            (
                "a dateline's agency is not the channel of a company's own report",
                "CUPERTINO, Calif. (AP) — Apple reported lower sales on Thursday.\n“Demand was soft in the quarter,” Tim Cook told investors.",
                Record(want("Demand was soft in the quarter,", Direct, "Tim Cook", Some("Tim Cook"), Explicit, Some("told"))),
            ),
            (
                "a statement carried by an agency",
                "Kim Jong Un described the engineers as \"heroes of the nation\" in a statement carried by KCNA.",
                Record(want("heroes of the nation", Partial, "Kim Jong Un", Some("Kim Jong Un"), Explicit, Some("described")).via("KCNA")),
            ),
            (
                "the agency reported the person's words",
                "Vladimir Putin thanked the \"brave pilots\" of the northern fleet, Russia's TASS news agency reported.",
                Record(want("brave pilots", Partial, "Vladimir Putin", Some("Vladimir Putin"), Explicit, Some("reported")).via("TASS news agency")),
            ),
            (
                "state media",
                "Kim Jong Un said the new ships were \"a shield for the motherland,\" according to state media.",
                Record(want("a shield for the motherland,", Partial, "Kim Jong Un", Some("Kim Jong Un"), Explicit, Some("said")).via("state media")),
            ),
        ],
    );
}

#[test]
fn no_speech() {
    run(
        "quoted text that is not speech",
        &[
            (
                "title of a film",
                "The festival opened with the film \"Northern Lights\" on Friday.",
                Nothing,
            ),
            (
                "scare quotes with no cue",
                "The so-called \"peace dividend\" never arrived.",
                Nothing,
            ),
            (
                "no quotes, no cue",
                "Sergey Lavrov arrived in Pyongyang on Friday.",
                Nothing,
            ),
        ],
    );
}
