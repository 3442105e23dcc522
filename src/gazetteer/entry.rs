//! One gazetteer entry: a person, group, organisation or place, with the names it goes by.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// The entity types of the output contract, spelled as spaCy spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    /// People, real or fictional.
    #[serde(rename = "PERSON")]
    Person,
    /// Nationalities, religious or political groups (here: demonyms and party members).
    #[serde(rename = "NORP")]
    Norp,
    /// Companies, agencies, institutions, media.
    #[serde(rename = "ORG")]
    Org,
    /// Countries, cities, states: places with a government.
    #[serde(rename = "GPE")]
    Gpe,
    /// Other places: continents, regions, seas.
    #[serde(rename = "LOC")]
    Loc,
}

impl Label {
    /// The label as it appears in JSON (`"PERSON"`, `"ORG"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Norp => "NORP",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
        }
    }

    /// All labels, in output order.
    pub const ALL: [Label; 5] = [
        Label::Person,
        Label::Norp,
        Label::Org,
        Label::Gpe,
        Label::Loc,
    ];

    pub(crate) fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person's gender, where a source states it; used to resolve pronouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Referred to as "he".
    Male,
    /// Referred to as "she".
    Female,
}

/// An office held, with years where known ("Minister of Foreign Affairs of Russia", 2004–).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The office, in plain English.
    pub title: String,
    /// First year in office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// Last year in office; absent while the office is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i32>,
}

/// The year the bundled data describes; roles ending before it are former roles.
pub(crate) const CURRENT_YEAR: i32 = 2026;

/// Titles of heads of state and government: "<title> of <country>" (lower case).
const HEAD_TITLES: &[&str] = &[
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emperor",
    "emir",
    "supreme leader",
    "head of state",
    "head of government",
];

/// Offices whose holders are reported by surname alone across the world's news.
const TOP_OFFICES: &[&str] = &[
    "minister of foreign affairs",
    "foreign minister",
    "secretary of state",
    "minister of defence",
    "minister of defense",
    "secretary of defense",
    "secretary-general",
    "secretary general of the united nations",
    "secretary general of nato",
];

/// One entity of a gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Stable identifier: a Wikidata QID where a source gives one, otherwise a `wsd:` slug.
    pub id: Arc<str>,
    /// Entity type.
    pub label: Label,
    /// Canonical English name.
    pub name: Arc<str>,
    /// Finer type: "country", "city", "news agency", "party", "seat of power", …
    pub kind: Option<String>,
    /// ISO 3166-1 alpha-2 code, for countries and territories.
    pub code: Option<String>,
    /// ISO 3166-1 alpha-2 code of the entity's country.
    pub country: Option<String>,
    /// Whether a city is its country's capital.
    pub capital: bool,
    /// Gender, where a source gives it.
    pub gender: Option<Gender>,
    /// Party, for politicians.
    pub party: Option<String>,
    /// Offices held.
    pub roles: Vec<Role>,
    /// Full alternative names that identify the entity on their own.
    pub aliases: Vec<String>,
    /// Short forms (surnames, "The Post") that identify the entity only in context.
    pub short: Vec<String>,
    /// Words for the entity's people or members ("Russian", "Republicans"): NORP mentions.
    pub demonyms: Vec<String>,
    /// For a seat of power used as a metonym, what it stands for.
    pub stands_for: Option<String>,
}

impl Entry {
    /// A bare entry with just an id, label and name.
    pub fn new(id: &str, label: Label, name: &str) -> Entry {
        Entry {
            id: Arc::from(id),
            label,
            name: Arc::from(name),
            kind: None,
            code: None,
            country: None,
            capital: false,
            gender: None,
            party: None,
            roles: Vec::new(),
            aliases: Vec::new(),
            short: Vec::new(),
            demonyms: Vec::new(),
            stands_for: None,
        }
    }

    /// Whether the entry's kind is `kind`.
    pub fn is_kind(&self, kind: &str) -> bool {
        self.kind.as_deref() == Some(kind)
    }

    /// Whether the entry holds an office now: a role with no end year, or one ending
    /// this year or later (the data is dated by its sources).
    pub fn in_office(&self) -> bool {
        self.roles
            .iter()
            .any(|r| r.to.is_none_or(|to| to >= CURRENT_YEAR))
    }

    /// How likely a bare short form ("Kim", "Trump") means this entry, before any context:
    /// heads of state and government of a country first (3), then foreign and defence
    /// ministers and chiefs of international bodies (2.5), other ministers and leaders (2),
    /// other office holders (1); former offices count half. `is_country` tells whether a
    /// phrase names a country ("Russia", "the United States").
    pub fn prominence(&self, is_country: impl Fn(&str) -> bool) -> f32 {
        let mut best: f32 = 0.0;
        for r in &self.roles {
            let t = r.title.to_lowercase();
            let head_of_country = HEAD_TITLES.iter().any(|h| {
                t.strip_prefix(h)
                    .and_then(|rest| rest.strip_prefix(" of "))
                    .is_some_and(|c| is_country(c.strip_prefix("the ").unwrap_or(c)))
            });
            // Every top office is a minister's or a secretary's (see the test below), so
            // most titles ("Ambassador of …", "Governor of …") skip the nine searches.
            let minister_or_secretary = t.contains("minister") || t.contains("secretary");
            let rank: f32 = if head_of_country {
                3.0
            } else if minister_or_secretary && TOP_OFFICES.iter().any(|o| t.contains(o)) {
                2.5
            } else if minister_or_secretary
                || t.contains("envoy")
                || t.contains("speaker")
                || t.contains("leader")
            {
                2.0
            } else {
                1.0
            };
            let current = r.to.is_none_or(|to| to >= CURRENT_YEAR);
            best = best.max(if current { rank } else { rank / 2.0 });
        }
        best
    }

    /// Folds a later record for the same id into this one: names are unioned, attributes
    /// this entry lacks are filled in; the canonical name and label stay.
    pub(crate) fn merge(&mut self, other: Entry) {
        fn union(into: &mut Vec<String>, from: Vec<String>) {
            for s in from {
                if !into.contains(&s) {
                    into.push(s);
                }
            }
        }
        if *other.name != *self.name && !self.aliases.iter().any(|a| *a == *other.name) {
            self.aliases.push(other.name.to_string());
        }
        union(&mut self.aliases, other.aliases);
        union(&mut self.short, other.short);
        union(&mut self.demonyms, other.demonyms);
        for r in other.roles {
            if !self.roles.contains(&r) {
                self.roles.push(r);
            }
        }
        self.kind = self.kind.take().or(other.kind);
        self.code = self.code.take().or(other.code);
        self.country = self.country.take().or(other.country);
        self.capital |= other.capital;
        self.gender = self.gender.or(other.gender);
        self.party = self.party.take().or(other.party);
        self.stands_for = self.stands_for.take().or(other.stands_for);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_top_office_is_a_ministers_or_a_secretarys() {
        // Entry::prominence looks for top offices only in such titles.
        for o in TOP_OFFICES {
            assert!(o.contains("minister") || o.contains("secretary"), "{o}");
        }
    }
}
