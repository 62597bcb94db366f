//! BM25F: BM25 over several weighted fields (title and aliases > summary > body).
//!
//! For a query term t and document d:
//!   tf~(t,d) = Σ_f w_f · tf_f(t,d) / (1 − b + b · len_f(d) / avglen_f)
//!   score    = Σ_t q_t · idf(t) · tf~ · (k1 + 1) / (k1 + tf~)
//!   idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
//! where q_t is the query-side weight (1 for typed words, less for synonyms and n-grams).

use std::collections::HashMap;

pub const FIELDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bm25Params {
    pub k1: f32,
    pub b: f32,
    pub field_weights: [f32; FIELDS],
}

impl Default for Bm25Params {
    fn default() -> Self {
        Bm25Params {
            k1: 1.2,
            b: 0.75,
            field_weights: [3.0, 2.0, 1.0],
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    tf: [u16; FIELDS],
}

/// An in-memory BM25F index over documents numbered 0..n in insertion order.
#[derive(Debug, Clone)]
pub struct Bm25F {
    params: Bm25Params,
    postings: HashMap<String, Vec<Posting>>,
    doc_len: Vec<[u32; FIELDS]>,
    avg_len: [f32; FIELDS],
}

/// Builds a [`Bm25F`] one document at a time, so a large corpus never has to hold every
/// document's terms in memory at once.
#[derive(Debug)]
pub struct Bm25FBuilder {
    params: Bm25Params,
    postings: HashMap<String, Vec<Posting>>,
    doc_len: Vec<[u32; FIELDS]>,
    totals: [u64; FIELDS],
}

impl Bm25FBuilder {
    pub fn new(params: Bm25Params) -> Bm25FBuilder {
        Bm25FBuilder {
            params,
            postings: HashMap::new(),
            doc_len: Vec::new(),
            totals: [0; FIELDS],
        }
    }

    /// Adds the next document (numbered in call order).
    pub fn add<S: AsRef<str>>(&mut self, fields: &[Vec<S>; FIELDS]) {
        let doc = self.doc_len.len() as u32;
        let mut counts: HashMap<&str, [u16; FIELDS]> = HashMap::new();
        let mut lens = [0u32; FIELDS];
        for (f, terms) in fields.iter().enumerate() {
            lens[f] = terms.len() as u32;
            self.totals[f] += terms.len() as u64;
            for t in terms {
                let tf = &mut counts.entry(t.as_ref()).or_insert([0; FIELDS])[f];
                *tf = tf.saturating_add(1);
            }
        }
        for (term, tf) in counts {
            match self.postings.get_mut(term) {
                Some(list) => list.push(Posting { doc, tf }),
                None => {
                    self.postings
                        .insert(term.to_string(), vec![Posting { doc, tf }]);
                }
            }
        }
        self.doc_len.push(lens);
    }

    pub fn finish(mut self) -> Bm25F {
        let n = self.doc_len.len().max(1) as f32;
        let avg_len = std::array::from_fn(|f| (self.totals[f] as f32 / n).max(1.0));
        for list in self.postings.values_mut() {
            list.shrink_to_fit();
        }
        Bm25F {
            params: self.params,
            postings: self.postings,
            doc_len: self.doc_len,
            avg_len,
        }
    }
}

impl Bm25F {
    /// `docs[i][f]` is the list of terms of field `f` of document `i`.
    pub fn build<S: AsRef<str>>(params: Bm25Params, docs: &[[Vec<S>; FIELDS]]) -> Bm25F {
        let mut builder = Bm25FBuilder::new(params);
        for d in docs {
            builder.add(d);
        }
        builder.finish()
    }

    pub fn len(&self) -> usize {
        self.doc_len.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc_len.is_empty()
    }

    pub fn vocabulary_size(&self) -> usize {
        self.postings.len()
    }

    pub fn idf(&self, term: &str) -> f32 {
        let df = self.postings.get(term).map_or(0, Vec::len) as f32;
        let n = self.len() as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Adds `weight ×` BM25F scores of the query terms into `scores` (one slot per document).
    /// Repeated query terms count once, with their highest weight.
    pub fn score_into(&self, query: &[(String, f32)], weight: f32, scores: &mut [f32]) {
        let mut seen: HashMap<&str, f32> = HashMap::new();
        for (t, w) in query {
            let e = seen.entry(t.as_str()).or_insert(0.0);
            *e = e.max(*w);
        }
        let Bm25Params {
            k1,
            b,
            field_weights,
        } = self.params;
        for (term, qw) in seen {
            let Some(list) = self.postings.get(term) else {
                continue;
            };
            let idf = self.idf(term);
            for p in list {
                let lens = &self.doc_len[p.doc as usize];
                let mut tf = 0.0;
                for f in 0..FIELDS {
                    if p.tf[f] > 0 {
                        let norm = 1.0 - b + b * lens[f] as f32 / self.avg_len[f];
                        tf += field_weights[f] * p.tf[f] as f32 / norm;
                    }
                }
                scores[p.doc as usize] += weight * qw * idf * tf * (k1 + 1.0) / (k1 + tf);
            }
        }
    }

    /// The terms of `query` that occur in document `doc`, for explanations and snippets.
    pub fn matched_terms<'q>(&self, query: &'q [(String, f32)], doc: usize) -> Vec<&'q str> {
        let mut out: Vec<&str> = query
            .iter()
            .filter(|(t, _)| {
                self.postings
                    .get(t)
                    .is_some_and(|l| l.binary_search_by_key(&(doc as u32), |p| p.doc).is_ok())
            })
            .map(|(t, _)| t.as_str())
            .collect();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &[&str], summary: &[&str], body: &[&str]) -> [Vec<String>; FIELDS] {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect();
        [v(title), v(summary), v(body)]
    }

    #[test]
    fn score_matches_a_value_worked_by_hand() {
        // Two documents; "融資" only in doc 0's title (tf 1, title length 2, avg title length 1.5).
        // idf = ln(1 + (2 − 1 + 0.5)/(1 + 0.5)) = ln 2 = 0.693147
        // norm = 1 − 0.75 + 0.75 · 2/1.5 = 1.25 ; tf~ = 3 · 1/1.25 = 2.4
        // score = 0.693147 · 2.4 · 2.2 / (1.2 + 2.4) = 1.016616
        let docs = [doc(&["創業", "融資"], &[], &[]), doc(&["補助"], &[], &[])];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let mut scores = vec![0.0; 2];
        index.score_into(&[("融資".into(), 1.0)], 1.0, &mut scores);
        assert!((scores[0] - 1.016616).abs() < 1e-5, "{}", scores[0]);
        assert_eq!(scores[1], 0.0);
    }

    #[test]
    fn title_hit_outranks_body_hit() {
        let docs = [
            doc(&["融資"], &["a"], &["b", "c"]),
            doc(&["x"], &["a"], &["融資", "c"]),
        ];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let mut scores = vec![0.0; 2];
        index.score_into(&[("融資".into(), 1.0)], 1.0, &mut scores);
        assert!(scores[0] > scores[1] && scores[1] > 0.0);
    }

    #[test]
    fn rare_terms_weigh_more_than_common_ones() {
        let docs = [
            doc(&["補助", "創業"], &[], &[]),
            doc(&["補助"], &[], &[]),
            doc(&["補助"], &[], &[]),
        ];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        assert!(index.idf("創業") > index.idf("補助"));
    }

    #[test]
    fn repeated_query_terms_count_once() {
        let docs = [doc(&["創業"], &[], &[])];
        let index = Bm25F::build(Bm25Params::default(), &docs);
        let (mut once, mut twice) = (vec![0.0], vec![0.0]);
        index.score_into(&[("創業".into(), 1.0)], 1.0, &mut once);
        index.score_into(
            &[("創業".into(), 1.0), ("創業".into(), 0.5)],
            1.0,
            &mut twice,
        );
        assert_eq!(once, twice);
    }
}
