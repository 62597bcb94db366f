//! The reading-word index: BM25F over the katakana readings of each document's words
//! ([`crate::text::reading::reading_words`]), for queries typed in kana alone. A kana query
//! has no word boundaries a dictionary can trust (IPADIC splits そうだん into そう + だん), so
//! its kana runs are cut into the longest readings the index knows, left to right.

use super::bm25::{Bm25F, Bm25FBuilder, Bm25Params, FIELDS};
use super::build::DocText;
use super::parallel::{BUILD_CHUNK, in_order_parallel};
use crate::text::reading::{kana_runs, reading_words};
use crate::text::{Analyzer, Result};

/// Readings shorter than this (in kana) are not matched inside a query's run: two kana
/// (カイ, シヨ) stand for too many words.
const MIN_READING: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct ReadingIndex {
    words: Bm25F,
    /// The longest reading the index knows, in kana.
    longest: usize,
}

/// Builds a [`ReadingIndex`] one document at a time from reading words analysed elsewhere
/// (by the lexical index's builder, which reads the same text).
#[derive(Debug)]
pub struct ReadingIndexBuilder(Bm25FBuilder);

impl Default for ReadingIndexBuilder {
    fn default() -> Self {
        ReadingIndexBuilder(Bm25FBuilder::new(Bm25Params::default()))
    }
}

impl ReadingIndexBuilder {
    /// Adds the next document's reading words, by field.
    pub fn add(&mut self, fields: &[Vec<String>; FIELDS]) {
        self.0.add(fields);
    }

    /// Adds the next document's reading words, each field's as an iterator.
    pub fn add_terms<'t, I: Iterator<Item = &'t str>>(&mut self, fields: [I; FIELDS]) {
        self.0.add_terms(fields);
    }

    /// [`ReadingIndexBuilder::add_terms`] with numbered terms (see [`Bm25FBuilder::add_numbered`]).
    pub fn add_numbered<'t>(
        &mut self,
        fields: [impl Iterator<Item = (u32, u32)>; FIELDS],
        term: impl Fn(u32) -> &'t str,
    ) {
        self.0.add_numbered(fields, term);
    }

    pub fn finish(self) -> ReadingIndex {
        let words = self.0.finish();
        let longest = words.terms().map(|w| w.chars().count()).max().unwrap_or(0);
        ReadingIndex { words, longest }
    }
}

impl ReadingIndex {
    pub fn build(analyzer: &Analyzer, docs: &[DocText]) -> Result<ReadingIndex> {
        ReadingIndex::build_from(analyzer, docs.len(), |i| docs[i].clone())
    }

    /// [`ReadingIndex::build`] over `count` documents whose text `text_of(i)` makes on demand,
    /// analysed on all cores and added in document order.
    pub fn build_from(
        analyzer: &Analyzer,
        count: usize,
        text_of: impl Fn(usize) -> DocText + Sync,
    ) -> Result<ReadingIndex> {
        let mut words = ReadingIndexBuilder::default();
        let analyse = |i: usize| -> Result<[Vec<String>; FIELDS]> {
            let doc = text_of(i);
            let mut fields: [Vec<String>; FIELDS] = Default::default();
            for (f, text) in doc.iter().enumerate() {
                fields[f] = reading_words(analyzer, text)?;
            }
            Ok(fields)
        };
        in_order_parallel(count, BUILD_CHUNK, analyse, |fields| words.add(&fields))?;
        Ok(words.finish())
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The readings the index knows in a kana query: each run cut greedily into the longest
    /// known readings of at least [`MIN_READING`] kana; kana that start no known reading are
    /// skipped (particles, typos).
    pub fn query_terms(&self, text: &str) -> Vec<(String, f32)> {
        let mut out = Vec::new();
        for run in kana_runs(text) {
            let chars: Vec<char> = run.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                let longest = (MIN_READING..=self.longest.min(chars.len() - i))
                    .rev()
                    .map(|n| chars[i..i + n].iter().collect::<String>())
                    .find(|w| self.words.has_term(w));
                match longest {
                    Some(w) => {
                        i += w.chars().count();
                        out.push((w, 1.0));
                    }
                    None => i += 1,
                }
            }
        }
        out
    }

    /// BM25F of the query's readings for every document, in corpus order.
    pub fn score(&self, query: &[(String, f32)]) -> Vec<f32> {
        let mut scores = vec![0.0; self.len()];
        self.words.score_into(query, 1.0, &mut scores);
        scores
    }
}
