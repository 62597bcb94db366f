//! The in-process lexical index: BM25F over word terms plus a lighter BM25F over character
//! bigrams, which catches typos, unknown words and compounds IPADIC splits differently.

use crate::text::{Analyzer, QueryTerms, Result};

use super::bm25::{Bm25F, Bm25FBuilder, Bm25Params, FIELDS};

/// How much the character-bigram score counts next to the word score.
pub const GRAM_WEIGHT: f32 = 0.2;
/// How much the reading-bigram score counts.
pub const READING_WEIGHT: f32 = 0.3;

/// The searchable text of one document, by field: title (and aliases), summary, body.
pub type DocText = [String; FIELDS];

#[derive(Debug, Clone)]
pub struct LexicalIndex {
    words: Bm25F,
    grams: Bm25F,
    readings: Bm25F,
}

/// Per-document lexical scores, split so rankings can explain themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LexicalScore {
    pub words: f32,
    pub grams: f32,
    pub readings: f32,
}

impl LexicalScore {
    pub fn total(self) -> f32 {
        self.words + GRAM_WEIGHT * self.grams + READING_WEIGHT * self.readings
    }
}

impl LexicalIndex {
    /// Analyses every document (on all cores, a chunk at a time) and builds the indexes.
    pub fn build(analyzer: &Analyzer, docs: &[DocText]) -> Result<LexicalIndex> {
        Ok(LexicalIndex::build_keeping_lemmas(analyzer, docs, 0)?.0)
    }

    /// Builds the indexes and also returns, per document, the content lemmas of its first
    /// `lemma_fields` fields, so embeddings need not analyse the same text again.
    pub fn build_keeping_lemmas(
        analyzer: &Analyzer,
        docs: &[DocText],
        lemma_fields: usize,
    ) -> Result<(LexicalIndex, Vec<Vec<String>>)> {
        let params = Bm25Params::default();
        let (mut words, mut grams, mut readings) = (
            Bm25FBuilder::new(params),
            Bm25FBuilder::new(params),
            Bm25FBuilder::new(params),
        );
        let mut lemmas = Vec::with_capacity(if lemma_fields > 0 { docs.len() } else { 0 });
        for chunk in docs.chunks(2_000) {
            for fields in analyse_parallel(analyzer, chunk)? {
                if lemma_fields > 0 {
                    lemmas.push(
                        fields
                            .iter()
                            .take(lemma_fields)
                            .flat_map(|(_, l)| l.iter().cloned())
                            .collect(),
                    );
                }
                let [(a, _), (b, _), (c, _)] =
                    <[(crate::text::Terms, Vec<String>); FIELDS]>::try_from(fields)
                        .expect("three fields");
                words.add(&[a.words, b.words, c.words]);
                grams.add(&[a.grams, b.grams, c.grams]);
                readings.add(&[a.readings, b.readings, c.readings]);
            }
        }
        Ok((
            LexicalIndex {
                words: words.finish(),
                grams: grams.finish(),
                readings: readings.finish(),
            },
            lemmas,
        ))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn vocabulary_size(&self) -> usize {
        self.words.vocabulary_size()
    }

    pub fn score(&self, query: &QueryTerms) -> Vec<LexicalScore> {
        let mut words = vec![0.0; self.len()];
        let mut grams = vec![0.0; self.len()];
        let mut readings = vec![0.0; self.len()];
        self.words.score_into(&query.words, 1.0, &mut words);
        self.grams.score_into(&query.grams, 1.0, &mut grams);
        self.readings
            .score_into(&query.readings, 1.0, &mut readings);
        (0..self.len())
            .map(|i| LexicalScore {
                words: words[i],
                grams: grams[i],
                readings: readings[i],
            })
            .collect()
    }

    pub fn matched_words<'q>(&self, query: &'q QueryTerms, doc: usize) -> Vec<&'q str> {
        self.words.matched_terms(&query.words, doc)
    }
}

/// Per document, per field: its terms and its lemmas.
type AnalysedDocs = Vec<Vec<(crate::text::Terms, Vec<String>)>>;

fn analyse_parallel(analyzer: &Analyzer, docs: &[DocText]) -> Result<AnalysedDocs> {
    parallel_map(docs, |fields| {
        fields
            .iter()
            .map(|f| analyzer.terms_and_lemmas(f))
            .collect()
    })
}

/// Content lemmas of each text, analysed on all cores.
pub fn analyse_lemmas_parallel(analyzer: &Analyzer, texts: &[String]) -> Result<Vec<Vec<String>>> {
    parallel_map(texts, |t| analyzer.lemmas(t))
}

/// Applies `f` to every item on all cores (chunked), keeping order; the first error wins.
fn parallel_map<T: Sync, U: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<U> + Sync,
) -> Result<Vec<U>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Result<Vec<U>>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            out.extend(h.join().expect("analysis thread panicked")?);
        }
        Ok(out)
    })
}
