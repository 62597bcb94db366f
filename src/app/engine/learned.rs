//! What search learns from approved judgments: aliases for schemes and synonym groups,
//! swapped in whole so that a search reads one consistent version.

use std::sync::Arc;

use super::{Engine, Result};
use crate::domain::judgment::Fix;
use crate::text::{self, Synonyms};

impl Engine {
    pub(super) fn learned(&self) -> Arc<Learned> {
        self.learned
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The version of the approved judgments search last learned from ("" before the first).
    pub fn learned_version(&self) -> String {
        self.learned().version.clone()
    }

    /// Learns the approved fixes: synonym groups on top of the corpus's, and aliases matched
    /// like a scheme's own title (and enough to bring the scheme into the results). Replaces
    /// what was learned before; a fix naming a scheme the corpus no longer has is skipped.
    pub fn learn(&self, fixes: &[Fix], version: String) -> Result<()> {
        let mut groups: Vec<(String, Vec<String>)> = self
            .corpus
            .synonyms
            .iter()
            .map(|g| (g.canonical.clone(), g.variants.clone()))
            .collect();
        let mut aliases: Vec<(usize, String)> = Vec::new();
        for fix in fixes {
            match fix {
                Fix::Synonyms { words } if words.len() >= 2 => {
                    groups.push((words[0].clone(), words[1..].to_vec()));
                }
                Fix::Alias { scheme_id, phrase } => {
                    let name = compact(phrase);
                    if let Some(i) = self.corpus.schemes.iter().position(|s| &s.id == scheme_id)
                        && name.chars().count() >= 2
                        && !aliases.iter().any(|(j, n)| *j == i && *n == name)
                    {
                        aliases.push((i, name));
                    }
                }
                _ => {}
            }
        }
        let synonyms = Synonyms::build(
            groups.iter().map(|(c, v)| (c.as_str(), v.as_slice())),
            &self.analyzer,
        )?;
        let learned = Arc::new(Learned {
            synonyms,
            aliases,
            version,
        });
        *self
            .learned
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = learned;
        Ok(())
    }

    // The query is personal data until masked: the span records only its length.
}

/// What search learned from approved judgments.
#[derive(Debug)]
pub(super) struct Learned {
    /// The corpus's synonym groups and the approved ones.
    pub(super) synonyms: Synonyms,
    /// Approved aliases and their schemes (by index), normalised without spaces: a few, of a
    /// corpus of any size.
    pub(super) aliases: Vec<(usize, String)>,
    /// The judgments' version they were learned from.
    pub(super) version: String,
}

/// Normalised, without spaces: how titles, aliases and queries are compared.
pub(super) fn compact(text: &str) -> String {
    text::normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
