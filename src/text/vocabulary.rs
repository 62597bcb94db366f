//! Distinct terms, numbered in the order first met: one spelling kept per term, shared by the
//! map that finds a number and the list that spells it.

use std::sync::Arc;

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: FxHashMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

impl Vocabulary {
    /// The number of `term`, a new one when it is met for the first time.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 2^32 terms");
        let term: Arc<str> = term.into();
        self.ids.insert(term.clone(), id);
        self.terms.push(term);
        id
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    /// Every term, in the order of their numbers.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| &**t)
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}
