//! The in-process lexical index: BM25F over word terms plus a lighter BM25F over character
//! bigrams, which catches typos, unknown words and compounds IPADIC splits differently.
//!
//! A query is scored term at a time into per-document sums ([`LexicalIndex::score`], which
//! hybrid ranking needs), of which [`LexicalIndex::top`] keeps the best k. A channel's terms are
//! added in one fixed order: the term that can add the most first (ties: the order of the
//! query).

use std::cmp::Ordering;

use crate::text::reading::reading_words_of;
use crate::text::{Analyzer, LemmaLists, Piece, QueryTerms, Result, TermLists};

use super::bm25::{BLOCK, Bm25F, Bm25FBuilder, Bm25Params, FIELDS, QueryTerm};
use super::reading::{ReadingIndex, ReadingIndexBuilder};

/// How much the character-bigram score counts next to the word score.
pub const GRAM_WEIGHT: f32 = 0.2;
/// How much the reading-bigram score counts.
pub const READING_WEIGHT: f32 = 0.3;

pub use super::build::{DocText, analyse_lemmas_parallel, analyse_lemmas_reusing};
use super::reuse::{Analyses, DocTerms, Layout, Lists, Reuse, analyse_reusing, text_key};

#[derive(Debug, Clone, PartialEq)]
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

/// One of the best documents for a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    pub doc: usize,
    pub score: LexicalScore,
    pub total: f32,
}

/// The order of a ranking: higher total first, then the lower document number.
pub fn ranking_order(a: (f32, usize), b: (f32, usize)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
}

/// [`ranking_order`] as one number to sort by: `ranking_key(a) < ranking_key(b)` exactly when
/// `ranking_order(a, b)` is `Less`, for a document number below 2^32. Sorting and selecting
/// plain integers takes a fraction of the comparisons' work.
pub fn ranking_key(score: f32, doc: usize) -> u64 {
    // `f32::total_cmp`'s order as a signed integer, then as an unsigned one, then reversed
    // (higher scores first).
    let bits = score.to_bits() as i32;
    let ordered = bits ^ (((bits >> 31) as u32) >> 1) as i32;
    let descending = !((ordered as u32) ^ 0x8000_0000);
    debug_assert!(u32::try_from(doc).is_ok());
    u64::from(descending) << 32 | doc as u64
}

/// What a build keeps besides the index, read from the same analysis of each document.
#[derive(Debug, Clone, Copy, Default)]
pub struct AlsoKeep {
    /// The content lemmas of each document's first `lemma_fields` fields (what the static
    /// embedder reads), so that embeddings need not analyse the same text again.
    pub lemma_fields: usize,
    /// A reading-word index of the same documents (see [`ReadingIndex`]).
    pub reading_index: bool,
}

/// A built index and what [`AlsoKeep`] asked for.
#[derive(Debug)]
pub struct LexicalBuild {
    pub index: LexicalIndex,
    /// Per document, its content lemmas (none when `lemma_fields` was 0).
    pub lemmas: LemmaLists,
    pub readings: Option<ReadingIndex>,
    /// The analysis of every document, for the next build to reuse.
    pub analyses: Analyses,
    /// How many documents took their analysis from the previous build.
    pub reuse: Reuse,
}

/// The lists kept per document: words, bigrams and reading bigrams of each field, the lemmas
/// kept, and the reading words of each field.
const SEGMENTS: usize = 3 * FIELDS + 1 + FIELDS;

/// Every list but the lemmas goes to an index builder, which counts terms: those are kept as
/// counts (see [`Layout`]).
const LAYOUT: Layout = Layout {
    segments: SEGMENTS,
    counted: ((1 << SEGMENTS) - 1) & !(1 << (3 * FIELDS)),
};

impl LexicalIndex {
    /// Analyses every document (on all cores) and builds the indexes.
    pub fn build(analyzer: &Analyzer, docs: &[DocText]) -> Result<LexicalIndex> {
        Ok(LexicalIndex::build_reusing(analyzer, docs, None)?.index)
    }

    /// [`LexicalIndex::build`], taking the analysis of every document whose text is unchanged
    /// from `previous` (what an earlier build kept); the build keeps its own in the result.
    pub fn build_reusing(
        analyzer: &Analyzer,
        docs: &[DocText],
        previous: Option<&Analyses>,
    ) -> Result<LexicalBuild> {
        LexicalIndex::build_from_reusing(
            analyzer,
            docs.len(),
            |i| docs[i].clone(),
            AlsoKeep::default(),
            previous,
        )
    }

    /// Builds the indexes over `count` documents whose text `text_of(i)` makes on demand, so
    /// that the texts of a large corpus never all exist at once, keeping what `keep` asks for.
    ///
    /// Worker threads make and analyse chunks of documents while this thread adds the finished
    /// ones to the indexes, in document order.
    pub fn build_from(
        analyzer: &Analyzer,
        count: usize,
        text_of: impl Fn(usize) -> DocText + Sync,
        keep: AlsoKeep,
    ) -> Result<LexicalBuild> {
        LexicalIndex::build_from_reusing(analyzer, count, text_of, keep, None)
    }

    /// [`LexicalIndex::build_from`], taking the analysis of every document whose text is
    /// byte for byte one that `previous` kept instead of analysing it again. The terms come
    /// back in the analyzer's order and are added in document order, so the indexes are
    /// exactly those a build from scratch makes.
    pub fn build_from_reusing(
        analyzer: &Analyzer,
        count: usize,
        text_of: impl Fn(usize) -> DocText + Sync,
        keep: AlsoKeep,
        previous: Option<&Analyses>,
    ) -> Result<LexicalBuild> {
        let params = Bm25Params::default();
        let mut builder = Builder {
            words: Bm25FBuilder::new(params),
            grams: Bm25FBuilder::new(params),
            readings: Bm25FBuilder::new(params),
            lemmas: LemmaLists::default(),
            keep_lemmas: keep.lemma_fields > 0,
            reading_words: keep.reading_index.then(ReadingIndexBuilder::default),
        };
        // The text is made twice for a document analysed again (once for its key): cheaper
        // than holding every text until the build is done.
        // A document with no text (an entry without a translation in a view) is no entry.
        let key_of = |i: usize| {
            let fields = text_of(i);
            (!fields.iter().all(String::is_empty))
                .then(|| text_key(fields.iter().map(String::as_str)))
        };
        let analyse = |i: usize| -> Result<Lists> {
            let fields = text_of(i);
            let mut lists: [TermLists; FIELDS] = Default::default();
            let mut lemmas = Vec::new();
            let mut reading_words: [Vec<String>; FIELDS] = Default::default();
            for (f, (text, out)) in fields.iter().zip(lists.iter_mut()).enumerate() {
                let lemmas = (f < keep.lemma_fields).then_some(&mut lemmas);
                if keep.reading_index {
                    let words = &mut reading_words[f];
                    let mut keep_readings =
                        |pieces: &[Piece<'_>]| words.extend(reading_words_of(pieces));
                    analyzer.index_terms(text, out, lemmas, Some(&mut keep_readings))?;
                } else {
                    analyzer.index_terms(text, out, lemmas, None)?;
                }
            }
            let mut out = Lists::default();
            for channel in 0..3 {
                for field in &lists {
                    let list = [&field.words, &field.grams, &field.readings][channel];
                    list.iter().for_each(|t| out.push(t));
                    out.end_list();
                }
            }
            lemmas.iter().for_each(|t| out.push(t));
            out.end_list();
            for field in &reading_words {
                field.iter().for_each(|t| out.push(t));
                out.end_list();
            }
            Ok(out)
        };
        let shape = 0x100 | (keep.lemma_fields as u32) << 1 | u32::from(keep.reading_index);
        let (analyses, reuse) =
            analyse_reusing(count, shape, LAYOUT, previous, key_of, analyse, |doc| {
                builder.add(&doc)
            })?;
        Ok(LexicalBuild {
            index: LexicalIndex {
                words: builder.words.finish(),
                grams: builder.grams.finish(),
                readings: builder.readings.finish(),
            },
            lemmas: builder.lemmas,
            readings: builder.reading_words.map(ReadingIndexBuilder::finish),
            analyses,
            reuse,
        })
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

    /// Postings and heap bytes of the three indexes together.
    pub fn size(&self) -> (usize, usize) {
        let all = [&self.words, &self.grams, &self.readings];
        (
            all.iter().map(|i| i.postings_count()).sum(),
            all.iter().map(|i| i.heap_bytes()).sum(),
        )
    }

    /// The query's terms found in the index, all channels, in the order their scores are
    /// added: the largest bound first (ties: channel, then place in the query).
    pub(super) fn scoring_terms<'a>(&'a self, query: &QueryTerms) -> Vec<ScoringTerm<'a>> {
        let channels = [
            (&self.words, &query.words, 1.0),
            (&self.grams, &query.grams, GRAM_WEIGHT),
            (&self.readings, &query.readings, READING_WEIGHT),
        ];
        let mut terms: Vec<ScoringTerm<'a>> =
            Vec::with_capacity(channels.iter().map(|c| c.1.len()).sum());
        terms.extend(channels.into_iter().enumerate().flat_map(
            |(channel, (index, query, weight))| {
                index
                    .resolve(query, 1.0)
                    .into_iter()
                    .map(move |term| ScoringTerm {
                        channel,
                        term,
                        bound: weight * index.max_contribution(term),
                        index,
                    })
            },
        ));
        // Equal bounds keep channel and query order: each term's key holds its bound and its
        // place among all the terms, so no two keys tie and sorting the keys alone (plain
        // integers, quick to sort) gives the one order.
        let mut keys: Vec<u64> = terms
            .iter()
            .enumerate()
            .map(|(place, t)| ranking_key(t.bound, place))
            .collect();
        keys.sort_unstable();
        keys.iter()
            .map(|&key| terms[(key & u64::from(u32::MAX)) as usize])
            .collect()
    }

    /// Every document's scores (zero where nothing matches).
    pub fn score(&self, query: &QueryTerms) -> Vec<LexicalScore> {
        score_all(self.len(), &self.scoring_terms(query))
    }

    /// Every document's total score (zero where nothing matches).
    pub fn score_totals(&self, query: &QueryTerms) -> Vec<f32> {
        self.score(query).iter().map(|l| l.total()).collect()
    }

    /// Document `doc`'s scores: exactly its entry in [`LexicalIndex::score`], each term's
    /// impact looked up instead of adding every posting.
    pub fn score_of(&self, query: &QueryTerms, doc: usize) -> LexicalScore {
        let mut score = LexicalScore::default();
        for t in self.scoring_terms(query) {
            if let Some(impact) = t.index.impact_of(t.term.term, doc as u32) {
                add(
                    &mut score,
                    t.channel,
                    t.index.contribution(t.term.factor, impact),
                );
            }
        }
        score
    }

    /// The `k` documents with the highest total score above zero, best first (ties: the lower
    /// document number first): exactly what sorting [`LexicalIndex::score`] would give.
    pub fn top(&self, query: &QueryTerms, k: usize) -> Vec<Ranked> {
        if k == 0 {
            return Vec::new();
        }
        top_of_all(&score_all(self.len(), &self.scoring_terms(query)), k)
    }

    /// The number of `word` in the word index, when any document has it.
    pub fn word_id(&self, word: &str) -> Option<u32> {
        self.words.term_id(word)
    }

    /// Whether document `doc` has word number `word`.
    pub fn has_word(&self, doc: usize, word: u32) -> bool {
        self.words.contains(word, doc as u32)
    }
}

struct Builder {
    words: Bm25FBuilder,
    grams: Bm25FBuilder,
    readings: Bm25FBuilder,
    lemmas: LemmaLists,
    keep_lemmas: bool,
    reading_words: Option<ReadingIndexBuilder>,
}

impl Builder {
    /// Adds the next document from its lists (see [`SEGMENTS`]).
    fn add(&mut self, doc: &DocTerms<'_>) {
        match *doc {
            DocTerms::Kept(analyses, kept) => {
                if self.keep_lemmas {
                    self.lemmas.push_numbered(
                        analyses
                            .numbered(kept, 3 * FIELDS)
                            .map(|(number, _)| number),
                        |number| analyses.term(number),
                    );
                }
                let fields =
                    |first: usize| std::array::from_fn(|f| analyses.numbered(kept, first + f));
                let term = |number| analyses.term(number);
                self.words.add_numbered(fields(0), term);
                self.grams.add_numbered(fields(FIELDS), term);
                self.readings.add_numbered(fields(2 * FIELDS), term);
                if let Some(builder) = &mut self.reading_words {
                    builder.add_numbered(fields(3 * FIELDS + 1), term);
                }
            }
            // A document with no text still takes its number in every index.
            DocTerms::Empty => {
                if self.keep_lemmas {
                    self.lemmas.push([]);
                }
                let none = || std::array::from_fn(|_| std::iter::empty());
                self.words.add_terms(none());
                self.grams.add_terms(none());
                self.readings.add_terms(none());
                if let Some(builder) = &mut self.reading_words {
                    builder.add_terms(none());
                }
            }
        }
    }
}

/// The best `k` of every document's scores.
fn top_of_all(scores: &[LexicalScore], k: usize) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = scores
        .iter()
        .enumerate()
        .map(|(doc, &score)| Ranked {
            doc,
            score,
            total: score.total(),
        })
        .filter(|r| r.total > 0.0)
        .collect();
    let key = |r: &Ranked| ranking_key(r.total, r.doc);
    if ranked.len() > k {
        ranked.select_nth_unstable_by_key(k, key);
        ranked.truncate(k);
    }
    ranked.sort_unstable_by_key(key);
    ranked
}

/// The `k` items with the lowest keys, lowest first (keys are taken to be distinct, as
/// [`ranking_key`]s of different documents are): what sorting every item by its key and keeping
/// the first `k` gives, for a small `k`, without moving the rest. An item is compared with the
/// worst kept so far and most are dropped there.
pub fn lowest_keys<T: Copy>(items: impl IntoIterator<Item = (u64, T)>, k: usize) -> Vec<(u64, T)> {
    let mut best: Vec<(u64, T)> = Vec::with_capacity(k + 1);
    if k == 0 {
        return best;
    }
    for (key, item) in items {
        if best.len() == k && best.last().is_some_and(|&(worst, _)| key >= worst) {
            continue;
        }
        let at = best.partition_point(|&(kept, _)| kept < key);
        best.insert(at, (key, item));
        best.truncate(k);
    }
    best
}

/// One query term of one channel.
#[derive(Clone, Copy)]
pub(super) struct ScoringTerm<'a> {
    channel: usize,
    term: QueryTerm,
    /// The most this term can add to a document's total.
    bound: f32,
    index: &'a Bm25F,
}

/// Adds a contribution to the sum of its channel.
fn add(score: &mut LexicalScore, channel: usize, c: f32) {
    match channel {
        0 => score.words += c,
        1 => score.grams += c,
        _ => score.readings += c,
    }
}

/// Every document's sum per channel: each term's postings added in turn, in the order given
/// (the same additions, in the same order, as into each document's [`LexicalScore`], but a
/// posting touches four bytes, and no channel is chosen per posting).
pub(super) fn channel_sums(documents: usize, terms: &[ScoringTerm<'_>]) -> [Vec<f32>; 3] {
    let mut sums: [Vec<f32>; 3] = std::array::from_fn(|_| vec![0.0; documents]);
    let mut scratch = [0.0f32; BLOCK];
    for t in terms {
        t.index
            .add_contributions(t.term, &mut sums[t.channel], &mut scratch);
    }
    sums
}

/// Every document's scores (see [`channel_sums`]).
fn score_all(documents: usize, terms: &[ScoringTerm<'_>]) -> Vec<LexicalScore> {
    let [words, grams, readings] = &channel_sums(documents, terms);
    words
        .iter()
        .zip(grams)
        .zip(readings)
        .map(|((&words, &grams), &readings)| LexicalScore {
            words,
            grams,
            readings,
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    #[test]
    fn lowest_keys_are_the_first_of_the_sorted_keys() {
        // A fixed shuffle of 0..300 (37 and 300 share no factor), with payloads.
        let keys: Vec<u64> = (0..300u64).map(|i| (i * 37 + 11) % 300 * 3).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        for k in [0, 1, 2, 10, 299, 300, 400] {
            let best = lowest_keys(keys.iter().map(|&key| (key, key + 1)), k);
            let expected: Vec<(u64, u64)> =
                sorted.iter().take(k).map(|&key| (key, key + 1)).collect();
            assert_eq!(best, expected, "k = {k}");
        }
        // Rising and falling inputs, the best and worst cases of the early drop.
        let rising = lowest_keys((0..50u64).map(|i| (i, ())), 5);
        let falling = lowest_keys((0..50u64).rev().map(|i| (i, ())), 5);
        assert_eq!(rising, falling);
        assert_eq!(
            rising.iter().map(|r| r.0).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn ranking_keys_sort_as_the_ranking_order_does() {
        let scores = [
            f32::NEG_INFINITY,
            -3.5,
            -f32::MIN_POSITIVE,
            -0.0,
            0.0,
            f32::MIN_POSITIVE,
            1e-30,
            0.5,
            1.0,
            1.000_000_1,
            30.25,
            f32::MAX,
            f32::INFINITY,
            f32::NAN,
            -f32::NAN,
        ];
        let docs = [0usize, 1, 7, 65_536, u32::MAX as usize];
        let pairs: Vec<(f32, usize)> = scores
            .iter()
            .flat_map(|&s| docs.iter().map(move |&d| (s, d)))
            .collect();
        for &a in &pairs {
            for &b in &pairs {
                assert_eq!(
                    ranking_key(a.0, a.1).cmp(&ranking_key(b.0, b.1)),
                    ranking_order(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// A query's terms in the three channels, each with its weight.
    pub(crate) fn query(
        words: &[(&str, f32)],
        grams: &[(&str, f32)],
        readings: &[(&str, f32)],
    ) -> QueryTerms {
        let v = |x: &[(&str, f32)]| x.iter().map(|(t, w)| (t.to_string(), *w)).collect();
        QueryTerms {
            words: v(words),
            grams: v(grams),
            readings: v(readings),
            ..QueryTerms::default()
        }
    }

    /// Per channel, per field: one document's terms.
    pub(crate) type Doc = [[Vec<String>; FIELDS]; 3];

    pub(crate) fn index_of(docs: &[Doc]) -> LexicalIndex {
        let params = Bm25Params::default();
        let mut channels = [0, 1, 2].map(|_| Bm25FBuilder::new(params));
        for d in docs {
            for (builder, fields) in channels.iter_mut().zip(d) {
                builder.add(fields);
            }
        }
        let [words, grams, readings] = channels.map(Bm25FBuilder::finish);
        LexicalIndex {
            words,
            grams,
            readings,
        }
    }

    /// BM25F as the module comment of `bm25` states it, computed directly from the documents'
    /// terms for every document, with nothing precomputed: the reference the index must match.
    /// Terms are added in the order the module comment states: the largest possible
    /// contribution first (its channel's weight × its best document's score), ties in channel
    /// and query order.
    fn reference_scores(docs: &[Doc], q: &QueryTerms) -> Vec<LexicalScore> {
        let Bm25Params {
            k1,
            b,
            field_weights,
        } = Bm25Params::default();
        let n = docs.len();
        struct Term {
            channel: usize,
            factor: f32,
            bound: f32,
            tf: Vec<f32>,
        }
        let mut terms: Vec<Term> = Vec::new();
        let channels = [
            (&q.words, 1.0),
            (&q.grams, GRAM_WEIGHT),
            (&q.readings, READING_WEIGHT),
        ];
        for (c, (query, weight)) in channels.into_iter().enumerate() {
            // Each term once, at its first place, with its highest weight.
            let mut unique: Vec<(&str, f32)> = Vec::new();
            for (t, w) in query.iter() {
                match unique.iter_mut().find(|(u, _)| u == t) {
                    Some(u) => u.1 = u.1.max(*w),
                    None => unique.push((t, *w)),
                }
            }
            let mut totals = [0u64; FIELDS];
            for d in docs {
                for f in 0..FIELDS {
                    totals[f] += d[c][f].len() as u64;
                }
            }
            let avg: [f32; FIELDS] =
                std::array::from_fn(|f| (totals[f] as f32 / n.max(1) as f32).max(1.0));
            for (t, qw) in unique {
                let df = docs
                    .iter()
                    .filter(|d| d[c].iter().any(|f| f.iter().any(|x| x == t)))
                    .count() as f32;
                if df == 0.0 {
                    continue;
                }
                let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
                let tf: Vec<f32> = docs
                    .iter()
                    .map(|d| {
                        let mut tf = 0.0;
                        for f in 0..FIELDS {
                            let count = d[c][f].iter().filter(|x| *x == t).count().min(65_535);
                            if count > 0 {
                                let norm = 1.0 - b + b * d[c][f].len() as f32 / avg[f];
                                tf += field_weights[f] * count as f32 / norm;
                            }
                        }
                        tf
                    })
                    .collect();
                let factor = 1.0 * qw * idf;
                let best = tf.iter().copied().fold(0.0f32, f32::max);
                terms.push(Term {
                    channel: c,
                    factor,
                    bound: weight * (factor * (best * (k1 + 1.0) / (k1 + best))),
                    tf,
                });
            }
        }
        terms.sort_by(|a, b| b.bound.total_cmp(&a.bound));
        let mut scores = vec![LexicalScore::default(); n];
        for t in &terms {
            for (score, &tf) in scores.iter_mut().zip(&t.tf) {
                if tf > 0.0 {
                    add(score, t.channel, t.factor * (tf * (k1 + 1.0) / (k1 + tf)));
                }
            }
        }
        scores
    }

    fn reference_top(docs: &[Doc], q: &QueryTerms, k: usize) -> Vec<Ranked> {
        let mut all: Vec<Ranked> = reference_scores(docs, q)
            .into_iter()
            .enumerate()
            .map(|(doc, score)| Ranked {
                doc,
                score,
                total: score.total(),
            })
            .filter(|r| r.total > 0.0)
            .collect();
        all.sort_by(|a, b| ranking_order((a.total, a.doc), (b.total, b.doc)));
        all.truncate(k);
        all
    }

    /// A deterministic pseudo-random corpus: Zipf-like vocabularies per channel, fields of
    /// different lengths, and copies of earlier documents (as the scale corpus has), so that
    /// totals tie and the heap's tie order matters.
    pub(crate) fn corpus(documents: usize, seed: u64) -> Vec<Doc> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut docs: Vec<Doc> = Vec::with_capacity(documents);
        for i in 0..documents {
            if i >= 10 && next() % 4 == 0 {
                let copy = docs[(next() as usize) % i].clone();
                docs.push(copy);
                continue;
            }
            let doc: Doc = std::array::from_fn(|c| {
                std::array::from_fn(|f| {
                    let len = [3, 12, 60][f] / (c + 1) + (next() % 5) as usize;
                    (0..len)
                        .map(|_| {
                            // Zipf-like: small ids are common.
                            let r = (next() % 10_000) as f64 / 10_000.0;
                            let id = (r * r * r * 400.0) as u32;
                            format!("{c}t{id}")
                        })
                        .collect()
                })
            });
            docs.push(doc);
        }
        docs
    }

    pub(crate) fn sample_queries() -> Vec<QueryTerms> {
        vec![
            query(&[("0t0", 1.0)], &[], &[]),
            query(&[("0t1", 1.0), ("0t50", 0.7)], &[("1t3", 1.0)], &[]),
            query(
                &[("0t2", 1.0), ("0t2", 0.7), ("0t399", 1.0), ("0t7", 0.7)],
                &[("1t0", 1.0), ("1t1", 1.0), ("1t90", 1.0), ("1t0", 1.0)],
                &[("2t0", 1.0), ("2t5", 1.0), ("2t300", 1.0)],
            ),
            query(&[("nowhere", 1.0)], &[("1t200", 1.0)], &[("2t1", 1.0)]),
            query(&[], &[], &[]),
        ]
    }

    #[test]
    fn every_document_scores_exactly_as_the_reference_formula() {
        let docs = corpus(300, 7);
        let index = index_of(&docs);
        for q in sample_queries() {
            let scores = index.score(&q);
            assert_eq!(scores, reference_scores(&docs, &q), "{q:?}");
            // One document's scores looked up: the same, bit for bit.
            for (doc, score) in scores.iter().enumerate() {
                assert_eq!(index.score_of(&q, doc), *score, "document {doc}, {q:?}");
            }
        }
    }

    #[test]
    fn the_best_k_are_exactly_the_reference_ranking_on_small_and_large_corpora() {
        for (documents, seed) in [(300, 11), (12_000, 13)] {
            let docs = corpus(documents, seed);
            let index = index_of(&docs);
            for q in sample_queries() {
                for k in [1, 10, 400] {
                    let got = index.top(&q, k);
                    assert_eq!(
                        got,
                        reference_top(&docs, &q, k),
                        "{documents} docs, k {k}, {q:?}"
                    );
                    // Bit for bit: the same totals as sorting every document's scores.
                    let all = top_of_all(&index.score(&q), k);
                    assert_eq!(got, all);
                }
            }
        }
    }

    #[test]
    fn word_numbers_find_the_words_a_document_has() {
        let docs = corpus(300, 17);
        let index = index_of(&docs);
        let words = ["0t0", "0t3", "0t77", "0t399", "nowhere", "0t3"];
        for (doc, terms) in docs.iter().enumerate() {
            let has: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| index.word_id(w).is_some_and(|id| index.has_word(doc, id)))
                .collect();
            let expected: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| terms[0].iter().any(|f| f.iter().any(|t| t == w)))
                .collect();
            assert_eq!(has, expected, "document {doc}");
        }
        assert_eq!(index.word_id("nowhere"), None);
    }

    #[test]
    fn top_ranks_ties_by_document_number() {
        let one: Doc = std::array::from_fn(|c| {
            std::array::from_fn(|f| {
                if f == 0 {
                    vec![format!("{c}x")]
                } else {
                    vec![]
                }
            })
        });
        let docs = vec![one; 3000];
        let index = index_of(&docs);
        let got: Vec<usize> = index
            .top(&query(&[("0x", 1.0)], &[], &[]), 5)
            .iter()
            .map(|r| r.doc)
            .collect();
        assert_eq!(got, vec![0, 1, 2, 3, 4]);
    }
}
