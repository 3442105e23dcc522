//! Channels and addressees: the medium a quote came through ("according to KCNA", "Russia's
//! TASS news agency reported", "in a statement carried by KCNA") and who it was said to or
//! on ("told NBC News", "on CBS' 'Face the Nation'", "in an interview published in La
//! Tribune Dimanche", "in a post to X").

use super::frame::Item;
use super::scanner::SpanClass;
use super::Ctx;
use crate::gazetteer::Label;
use crate::output::Party;
use crate::text::lower;

/// The words that open a channel phrase in [`Ctx::via_in`]: "according to X", "via X",
/// "carried by X", "published by X".
pub(crate) const CHANNEL_WORDS: &[&str] = &["according", "via", "carried", "published"];

/// Organisation kinds that carry other people's words.
const MEDIA_KINDS: &[&str] = &[
    "news agency",
    "broadcaster",
    "newspaper",
    "magazine",
    "platform",
    "news website",
    "website",
];

impl Ctx<'_> {
    fn party_of_mention(&self, i: usize) -> Option<Party> {
        let (_, m) = self.mention(i)?;
        let (name, id) = self.doc.resolved(m);
        Some(Party {
            span: m.span,
            name,
            id,
        })
    }

    /// Whether mention `m` is a news agency, broadcaster, newspaper or platform.
    pub(crate) fn is_media_mention(&self, m: usize) -> bool {
        let m = &self.doc.mentions[m];
        m.label == Label::Org
            && m.entry.is_some_and(|e| {
                self.doc
                    .gaz
                    .entry(e)
                    .kind
                    .as_deref()
                    .is_some_and(|k| MEDIA_KINDS.contains(&k))
            })
    }

    #[cfg(test)]
    fn is_media(&self, i: usize) -> bool {
        self.mention(i)
            .is_some_and(|(m, _)| self.is_media_mention(m))
    }

    /// The first media organisation named in items `a..b`, skipping possessors
    /// ("North Korea's state-run news agency, KCNA" → KCNA).
    #[cfg(test)]
    fn media_in(&self, a: usize, b: usize) -> Option<Party> {
        let items = &self.frame.items;
        let window = items.get(a..b.min(items.len())).unwrap_or_default();
        for (k, item) in window.iter().enumerate() {
            let Item::Tok(t) = *item else { continue };
            if self.is_media_token(t) {
                return self.party_of_mention(a + k);
            }
        }
        self.state_media_in(a, b)
    }

    /// [`Ctx::media_in`] over the phrase that starts at `a` ([`Ctx::phrase_end`] before
    /// `b`): one walk, which ends at the first media organisation named, else at the
    /// phrase's end. The phrase ends at a mark, and a mark is no name, so the first media
    /// organisation before its end is the first of the phrase.
    fn media_in_phrase(&self, a: usize, b: usize) -> Option<Party> {
        let items = &self.frame.items;
        let window = items.get(a..b.min(items.len())).unwrap_or_default();
        let mut end = b;
        for (k, item) in window.iter().enumerate() {
            let Item::Tok(t) = *item else { continue };
            if self.ends_phrase(a + k, t) {
                end = a + k;
                break;
            }
            if self.is_media_token(t) {
                return self.party_of_mention(a + k);
            }
        }
        self.state_media_in(a, end)
    }

    /// Whether token `t` is named in a media organisation's mention.
    fn is_media_token(&self, t: usize) -> bool {
        self.doc
            .mention_at(t)
            .is_some_and(|m| self.is_media_mention(m))
    }

    /// "state media", "state-run media", "state television" in items `a..b`: a channel
    /// with no name.
    fn state_media_in(&self, a: usize, b: usize) -> Option<Party> {
        // The phrase's items as one slice, each token's span read directly.
        let (items, tokens, text) = (&self.frame.items, &self.doc.tokens, self.text.as_bytes());
        let window = items.get(a..b.min(items.len())).unwrap_or_default();
        // Byte compares stand in for lower-casing each word: these words hold no "k", so
        // no non-ASCII capital (only the Kelvin sign lowercases to ASCII) can make a word
        // lower-case to one of them, nor make "state" its lower-case start. A token of any
        // other length than theirs is passed over unread.
        for (k, item) in window.iter().enumerate().skip(1) {
            let Item::Tok(t) = *item else { continue };
            let span = tokens[t].span;
            if !matches!(span.len(), 2 | 5 | 10) {
                continue;
            }
            let i = a + k;
            if text.get(span.range()).is_some_and(|w| {
                [&b"media"[..], b"television", b"tv", b"radio"]
                    .iter()
                    .any(|x| w.eq_ignore_ascii_case(x))
            }) && self.word(i - 1).is_some_and(|p| {
                p.as_bytes()
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case(b"state"))
            }) {
                return Some(Party {
                    span: self.span_of(i - 1, i + 1),
                    name: None,
                    id: None,
                });
            }
        }
        None
    }

    /// The channel stated in sentence items `a..b`, if any (remembered for the last range
    /// asked).
    // Inlined, so that a remembered answer (about half the calls) costs its callers a
    // compare and a clone rather than a call into the search's set-up.
    #[inline]
    pub(crate) fn via_in(&self, a: usize, b: usize) -> Option<Party> {
        if let Some((range, via)) = self.via_memo.borrow().as_ref() {
            if *range == (a, b) {
                return via.clone();
            }
        }
        self.find_and_remember_via(a, b)
    }

    /// [`Ctx::via_in`] for a range not remembered: searched, and remembered.
    #[inline(never)]
    fn find_and_remember_via(&self, a: usize, b: usize) -> Option<Party> {
        let via = self.find_via(a, b);
        *self.via_memo.borrow_mut() = Some(((a, b), via.clone()));
        via
    }

    /// The channel stated in items `a..b`, searched.
    fn find_via(&self, a: usize, b: usize) -> Option<Party> {
        // Only a report cue or a channel word can open what follows, and the frame lists
        // the items that hold one (`ItemIndex::channel`, in order): those of the range are
        // found by halving and read alone, and the other items are never read.
        let end = b.min(self.frame.items.len());
        let start = a.min(end);
        let openers = &self.frame.index.channel[..];
        let first = openers.partition_point(|&i| i < start);
        for &i in openers.get(first..).unwrap_or_default() {
            if i >= end {
                break;
            }
            let report = self
                .class(i)
                .is_some_and(|c| c.cue.is_some_and(|(cue, _)| cue.report));
            // Compared with ASCII words only: read as bytes, the same answers as the `str`.
            let Some(w) = self.token_bytes(i) else {
                continue;
            };
            // "X (news agency) reported", "X said in a report"
            // The agency must be the verb's subject: in "Apple reported … (AP)" the dateline's
            // agency is not the channel of Apple's report. The subject is a mention of items
            // `a..i`, so with no media mention there the walk to it is not taken.
            if report && self.media_mention_in(a, i) {
                if let Some((super::speaker::Who::Mention(m), _)) = self.subject_before(a, i) {
                    if self.is_media_mention(m) {
                        let m = &self.doc.mentions[m];
                        let (name, id) = self.doc.resolved(m);
                        return Some(Party {
                            span: m.span,
                            name,
                            id,
                        });
                    }
                }
            }
            let is = |x: &[u8]| w.eq_ignore_ascii_case(x);
            // "according to (a readout from) X"
            if is(b"according")
                && self
                    .token_bytes(i + 1)
                    .is_some_and(|x| x.eq_ignore_ascii_case(b"to"))
            {
                if let Some(p) = self.media_in_phrase(i + 2, b) {
                    return Some(p);
                }
            }
            // "carried by X", "via X", "published by X"
            let via = is(b"via");
            if via
                || ((is(b"carried") || is(b"published"))
                    && self
                        .token_bytes(i + 1)
                        .is_some_and(|x| x.eq_ignore_ascii_case(b"by")))
            {
                let from = if via { i + 1 } else { i + 2 };
                if let Some(p) = self.media_in_phrase(from, b) {
                    return Some(p);
                }
            }
        }
        None
    }

    /// Whether a media organisation is named among the tokens of items `a..b` (or inside
    /// a quotation between them: a cheap test that may say yes for nothing, never no for
    /// a mention of the items). Mentions are in text order and do not overlap, so those
    /// over the range's tokens are found by halving.
    fn media_mention_in(&self, a: usize, b: usize) -> bool {
        let items = self
            .frame
            .items
            .get(a..b.min(self.frame.items.len()))
            .unwrap_or_default();
        let token = |item: &Item| match *item {
            Item::Tok(t) => Some(t),
            Item::Quote(_) => None,
        };
        let (Some(first), Some(last)) = (
            items.iter().find_map(token),
            items.iter().rev().find_map(token),
        ) else {
            return false;
        };
        let mentions = &self.doc.mentions;
        let mut m = mentions.partition_point(|m| m.tokens.1 <= first);
        while mentions.get(m).is_some_and(|x| x.tokens.0 <= last) {
            if self.is_media_mention(m) {
                return true;
            }
            m += 1;
        }
        false
    }

    /// Where a phrase that starts at `a` ends: the sentence end, a semicolon, or a comma
    /// followed by a relative word ("…, KCNA, which used …").
    #[cfg(test)]
    fn phrase_end(&self, a: usize, b: usize) -> usize {
        let items = &self.frame.items;
        let window = items.get(a..b.min(items.len())).unwrap_or_default();
        for (k, item) in window.iter().enumerate() {
            let Item::Tok(t) = *item else { continue };
            if self.ends_phrase(a + k, t) {
                return a + k;
            }
        }
        b
    }

    /// Whether item `i`, token `t`, ends a phrase ([`Ctx::phrase_end`]). Marks are told
    /// from their one byte, without slicing the text for each word.
    #[inline]
    fn ends_phrase(&self, i: usize, t: usize) -> bool {
        let span = self.doc.tokens[t].span;
        if span.len() != 1 {
            return false;
        }
        match self.text.as_bytes().get(span.start) {
            Some(b'.' | b';' | b'!' | b'?') => true,
            Some(b',') => matches!(
                self.word(i + 1),
                Some("which" | "who" | "that" | "and" | "but")
            ),
            _ => false,
        }
    }

    /// Who was addressed, or the medium spoken on, by the cue at item `cue` (taking
    /// `len` items): "told NBC News", "said on CBS' 'Face the Nation'", "in an interview
    /// with X", "in a post to X". Looks at most a short way past the cue.
    pub(crate) fn addressee_after(
        &self,
        cue: usize,
        len: usize,
        addressee_verb: bool,
        b: usize,
    ) -> Option<Party> {
        let start = cue + len;
        if addressee_verb {
            if let Some(p) = self.noun_phrase_at(start, b) {
                return Some(p);
            }
        }
        let items = &self.frame.items;
        let end = (start + 14).min(b).min(items.len());
        let (text, tokens) = (self.text.as_bytes(), &self.doc.tokens);
        let window = items.get(start..end).unwrap_or_default();
        for (k, item) in window.iter().enumerate() {
            let i = start + k;
            // Only a mark, "on", "to", "in", "with" or "according" matters here: each is told
            // from the token's length and bytes, without slicing the text as a `str`.
            // Byte compares, not a lowered copy: these words are ASCII and hold no "k", the
            // one ASCII letter a non-ASCII capital (the Kelvin sign) lowercases to, so the
            // answers are those of `lower`.
            let Item::Tok(t) = *item else { continue };
            let span = tokens[t].span;
            let is = |x: &[u8]| {
                text.get(span.range())
                    .is_some_and(|w| w.eq_ignore_ascii_case(x))
            };
            let preposition = match span.len() {
                // "according to KCNA" names a channel, and a new clause is someone else's.
                1 if matches!(text.get(span.start), Some(b'.' | b'!' | b'?' | b';')) => break,
                9 if is(b"according") => break,
                // "on CBS", "on 'Face the Nation'", "to X", "with X", "in La Tribune
                // Dimanche"
                2 => is(b"on") || is(b"to") || is(b"in"),
                4 => is(b"with"),
                _ => false,
            };
            // "according to KCNA" names a channel, not a listener.
            if preposition
                && !(i > 0
                    && self
                        .word(i - 1)
                        .is_some_and(|p| p.eq_ignore_ascii_case("according")))
            {
                if let Some(p) = self.medium_at(i + 1) {
                    return Some(p);
                }
            }
        }
        None
    }

    /// A medium right at item `i`: an organisation (not a place), or a quoted title.
    fn medium_at(&self, i: usize) -> Option<Party> {
        if let Some((_, m)) = self.mention(i) {
            // "CBS' 'Face the Nation'": the programme names the medium more exactly, but the
            // network is what a gazetteer knows; keep the network.
            if matches!(m.label, Label::Org) {
                return self.party_of_mention(i);
            }
            return None;
        }
        if let Some(Item::Quote(q)) = self.frame.items.get(i) {
            let q = &self.quotes[*q];
            if q.class == SpanClass::Term {
                return Some(Party {
                    span: q.content,
                    name: None,
                    id: None,
                });
            }
        }
        None
    }

    /// A short noun phrase right at `i`: a mention, or determiner + noun ("reporters",
    /// "a reporter", "lawmakers").
    fn noun_phrase_at(&self, i: usize, b: usize) -> Option<Party> {
        if i >= b {
            return None;
        }
        if let Some((_, m)) = self.mention(i) {
            if matches!(m.label, Label::Org | Label::Person) {
                return self.party_of_mention(i);
            }
            return None;
        }
        let w = self.word(i)?;
        // Byte compares for the determiners: they hold no "k" (see `media_in`).
        let det = ["a", "an", "the", "his", "her", "their"]
            .iter()
            .any(|d| w.eq_ignore_ascii_case(d));
        let noun_at = if det { i + 1 } else { i };
        let noun = self.word(noun_at)?;
        if let Some((_, m)) = self.mention(noun_at) {
            if det && matches!(m.label, Label::Org | Label::Person) {
                return self.party_of_mention(noun_at);
            }
        }
        // Listeners a cue's object may name ("told reporters", "told the crowd").
        if matches!(
            &*lower(noun),
            "reporters"
                | "reporter"
                | "journalists"
                | "journalist"
                | "lawmakers"
                | "senators"
                | "supporters"
                | "the press"
                | "press"
                | "crowd"
                | "audience"
                | "parliament"
                | "congress"
                | "broadcaster"
                | "newspaper"
                | "interviewer"
                | "host"
                | "viewers"
                | "students"
                | "delegates"
                | "colleagues"
                | "members"
                | "officials"
                | "leaders"
                | "staff"
                | "troops"
                | "soldiers"
                | "voters"
                | "people"
                | "nation"
                | "country"
        ) {
            let start = i;
            return Some(Party {
                span: self.span_of(start, noun_at + 1),
                name: None,
                id: None,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::speaker::tests::{built_texts, with_ctx, SAMPLES};
    use super::*;
    use crate::text::lower;

    // The searches as they were before they read marks and words as bytes, to check the
    // new ones against.
    impl Ctx<'_> {
        /// The first media organisation named in items `a..b`, skipping possessors
        /// ("North Korea's state-run news agency, KCNA" → KCNA).
        fn media_in_reference(&self, a: usize, b: usize) -> Option<Party> {
            let mut i = a;
            while i < b {
                if self.is_media(i) {
                    return self.party_of_mention(i);
                }
                i += 1;
            }
            // "state media", "state-run media", "state television": a channel with no name.
            for i in a..b {
                if let Some(w) = self.word(i) {
                    let lw = lower(w);
                    if matches!(lw.as_ref(), "media" | "television" | "tv" | "radio") && i > a {
                        let prev = self.word(i - 1).map(lower);
                        if prev.as_deref().is_some_and(|p| p.starts_with("state")) {
                            return Some(Party {
                                span: self.span_of(i - 1, i + 1),
                                name: None,
                                id: None,
                            });
                        }
                    }
                }
            }
            None
        }

        /// The channel stated in items `a..b`, searched.
        fn find_via_reference(&self, a: usize, b: usize) -> Option<Party> {
            // Every sentence is searched once, item by item: read the items and classes
            // directly rather than through `class`, which bounds-checks both for each item.
            let (items, classes) = (&self.frame.items, &self.frame.classes);
            let end = b.min(items.len());
            let start = a.min(end);
            for (k, &item) in items[start..end].iter().enumerate() {
                let i = start + k;
                // Only a report cue or a channel word can open what follows: skip the rest
                // without reading words.
                let Item::Tok(t) = item else { continue };
                let Some(class) = classes.get(t) else {
                    continue;
                };
                let report = class.cue.is_some_and(|(cue, _)| cue.report);
                if !report && !class.channel {
                    continue;
                }
                let Some(w) = self.word(i) else { continue };
                // "X (news agency) reported", "X said in a report"
                // The agency must be the verb's subject: in "Apple reported … (AP)" the dateline's
                // agency is not the channel of Apple's report.
                if report {
                    if let Some((super::super::speaker::Who::Mention(m), _)) =
                        self.subject_before(a, i)
                    {
                        if self.is_media_mention(m) {
                            let m = &self.doc.mentions[m];
                            let (name, id) = self.doc.resolved(m);
                            return Some(Party {
                                span: m.span,
                                name,
                                id,
                            });
                        }
                    }
                }
                let is = |x: &str| w.eq_ignore_ascii_case(x);
                // "according to (a readout from) X"
                if is("according")
                    && self
                        .word(i + 1)
                        .is_some_and(|x| x.eq_ignore_ascii_case("to"))
                {
                    let end = self.phrase_end_reference(i + 2, b);
                    if let Some(p) = self.media_in_reference(i + 2, end) {
                        return Some(p);
                    }
                }
                // "carried by X", "via X", "published by X"
                let via = is("via");
                if via
                    || ((is("carried") || is("published"))
                        && self
                            .word(i + 1)
                            .is_some_and(|x| x.eq_ignore_ascii_case("by")))
                {
                    let from = if via { i + 1 } else { i + 2 };
                    let end = self.phrase_end_reference(from, b);
                    if let Some(p) = self.media_in_reference(from, end) {
                        return Some(p);
                    }
                }
            }
            None
        }

        /// Where a phrase that starts at `a` ends: the sentence end, a semicolon, or a comma
        /// followed by a relative word ("…, KCNA, which used …").
        fn phrase_end_reference(&self, a: usize, b: usize) -> usize {
            let mut i = a;
            while i < b {
                match self.word(i) {
                    Some("." | ";" | "!" | "?") => return i,
                    Some(",")
                        if matches!(
                            self.word(i + 1),
                            Some("which" | "who" | "that" | "and" | "but")
                        ) =>
                    {
                        return i
                    }
                    _ => {}
                }
                i += 1;
            }
            b
        }

        /// Who was addressed, or the medium spoken on, by the cue at item `cue` (taking
        /// `len` items): "told NBC News", "said on CBS' 'Face the Nation'", "in an interview
        /// with X", "in a post to X". Looks at most a short way past the cue.
        fn addressee_after_reference(
            &self,
            cue: usize,
            len: usize,
            addressee_verb: bool,
            b: usize,
        ) -> Option<Party> {
            let start = cue + len;
            if addressee_verb {
                if let Some(p) = self.noun_phrase_at_reference(start, b) {
                    return Some(p);
                }
            }
            let end = (start + 14).min(b);
            let mut i = start;
            while i < end {
                let Some(w) = self.word(i) else {
                    i += 1;
                    continue;
                };
                // Byte compares, not a lowered copy (one per word read): these words are ASCII
                // and hold no "k", the one ASCII letter a non-ASCII capital (the Kelvin sign)
                // lowercases to, so the answers are those of `lower`.
                let is = |x: &str| w.eq_ignore_ascii_case(x);
                // "according to KCNA" names a channel, and a new clause is someone else's.
                if matches!(w, "." | "!" | "?" | ";") || is("according") {
                    break;
                }
                // "on CBS", "on 'Face the Nation'", "to X", "with X", "in La Tribune Dimanche"
                // "according to KCNA" names a channel, not a listener.
                let according = i > 0
                    && self
                        .word(i - 1)
                        .is_some_and(|p| p.eq_ignore_ascii_case("according"));
                if (is("on") || is("to") || is("with") || is("in")) && !according {
                    if let Some(p) = self.medium_at(i + 1) {
                        return Some(p);
                    }
                }
                i += 1;
            }
            None
        }

        /// A short noun phrase right at `i`: a mention, or determiner + noun ("reporters",
        /// "a reporter", "lawmakers").
        fn noun_phrase_at_reference(&self, i: usize, b: usize) -> Option<Party> {
            if i >= b {
                return None;
            }
            if let Some((_, m)) = self.mention(i) {
                if matches!(m.label, Label::Org | Label::Person) {
                    return self.party_of_mention(i);
                }
                return None;
            }
            let w = self.word(i)?;
            let lw = lower(w);
            let (det, noun_at) =
                if matches!(lw.as_ref(), "a" | "an" | "the" | "his" | "her" | "their") {
                    (true, i + 1)
                } else {
                    (false, i)
                };
            let noun = self.word(noun_at)?;
            if let Some((_, m)) = self.mention(noun_at) {
                if det && matches!(m.label, Label::Org | Label::Person) {
                    return self.party_of_mention(noun_at);
                }
            }
            const LISTENERS: &[&str] = &[
                "reporters",
                "reporter",
                "journalists",
                "journalist",
                "lawmakers",
                "senators",
                "supporters",
                "the press",
                "press",
                "crowd",
                "audience",
                "parliament",
                "congress",
                "broadcaster",
                "newspaper",
                "interviewer",
                "host",
                "viewers",
                "students",
                "delegates",
                "colleagues",
                "members",
                "officials",
                "leaders",
                "staff",
                "troops",
                "soldiers",
                "voters",
                "people",
                "nation",
                "country",
            ];
            if LISTENERS.contains(&lower(noun).as_ref()) {
                let start = i;
                return Some(Party {
                    span: self.span_of(start, noun_at + 1),
                    name: None,
                    id: None,
                });
            }
            None
        }
    }

    /// Every search agrees with the old one on every range of every sentence.
    fn check_searches(ctx: &Ctx<'_>) {
        for s in &ctx.frame.sentences {
            let (a, b) = s.items;
            for i in a..=b {
                for j in i..=b {
                    assert_eq!(ctx.find_via(i, j), ctx.find_via_reference(i, j), "{i}..{j}");
                    assert_eq!(ctx.media_in(i, j), ctx.media_in_reference(i, j), "{i}..{j}");
                    assert_eq!(
                        ctx.media_in_phrase(i, j),
                        ctx.media_in_reference(i, ctx.phrase_end_reference(i, j)),
                        "{i}..{j}"
                    );
                    assert_eq!(
                        ctx.phrase_end(i, j),
                        ctx.phrase_end_reference(i, j),
                        "{i}..{j}"
                    );
                    assert_eq!(
                        ctx.noun_phrase_at(i, j),
                        ctx.noun_phrase_at_reference(i, j),
                        "{i}..{j}"
                    );
                    for len in [0, 1, 2] {
                        for verb in [false, true] {
                            assert_eq!(
                                ctx.addressee_after(i, len, verb, j),
                                ctx.addressee_after_reference(i, len, verb, j),
                                "{i}+{len} ({verb}) ..{j}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn searches_agree_with_reference() {
        for text in SAMPLES {
            with_ctx(text, check_searches);
        }
    }

    #[test]
    fn searches_agree_with_reference_on_built_sentences() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(500), |(text in built_texts())| {
            with_ctx(&text, check_searches);
        });
    }
}
