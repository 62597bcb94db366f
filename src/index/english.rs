//! The lexical index of the English view: BM25F over the words of each entry's reviewed English
//! translation (title, summary and who, how to apply and its FAQs), analysed by
//! [`crate::text::english_terms`]. Entries without a translation are empty documents, so
//! document numbers stay those of the corpus.

use super::bm25::{Bm25F, Bm25FBuilder, Bm25Params, FIELDS};
use super::build::DocText;
use super::reuse::{Analyses, Layout, Lists, Reuse, analyse_reusing, text_key};
use crate::text::english_terms;

#[derive(Debug, Clone, PartialEq)]
pub struct EnglishIndex {
    words: Bm25F,
}

/// A query's English terms, each with weight 1.
pub fn english_query(text: &str) -> Vec<(String, f32)> {
    english_terms(text).into_iter().map(|t| (t, 1.0)).collect()
}

/// The shape of the English view's kept analyses: one list per field.
const ENGLISH_SHAPE: u32 = 0x300;

impl EnglishIndex {
    /// One document per corpus entry, in corpus order; `None` for an untranslated entry.
    pub fn build(docs: &[Option<DocText>]) -> EnglishIndex {
        EnglishIndex::build_reusing(docs, None).0
    }

    /// [`EnglishIndex::build`], taking the terms of every translation whose text `previous`
    /// kept instead of reading it again; returns what this build keeps and the counts
    /// (translated entries only).
    pub fn build_reusing(
        docs: &[Option<DocText>],
        previous: Option<&Analyses>,
    ) -> (EnglishIndex, Analyses, Reuse) {
        let mut words = Bm25FBuilder::new(Bm25Params::default());
        let translated: Vec<&DocText> = docs.iter().flatten().collect();
        let mut terms: Vec<[Vec<String>; FIELDS]> = Vec::with_capacity(translated.len());
        let (kept, reuse) = analyse_reusing(
            translated.len(),
            ENGLISH_SHAPE,
            // The words go to an index builder alone, which counts them.
            Layout::counted_except(FIELDS, 0),
            previous,
            |i| Some(text_key(translated[i].iter().map(String::as_str))),
            |i| {
                let mut lists = Lists::default();
                for field in translated[i] {
                    english_terms(field).iter().for_each(|t| lists.push(t));
                    lists.end_list();
                }
                Ok(lists)
            },
            |doc| terms.push(std::array::from_fn(|f| doc.strings(f))),
        )
        .expect("reading English words cannot fail");
        let mut terms = terms.into_iter();
        for doc in docs {
            let fields: [Vec<String>; FIELDS] = match doc {
                Some(_) => terms.next().expect("one analysis per translation"),
                None => Default::default(),
            };
            words.add(&fields);
        }
        (
            EnglishIndex {
                words: words.finish(),
            },
            kept,
            reuse,
        )
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// BM25F of `query` (see [`english_query`]) for every document, in corpus order.
    pub fn score(&self, query: &[(String, f32)]) -> Vec<f32> {
        let mut scores = vec![0.0; self.len()];
        self.words.score_into(query, 1.0, &mut scores);
        scores
    }

    /// The query's terms that occur in document `doc`.
    pub fn matched_terms<'q>(&self, query: &'q [(String, f32)], doc: usize) -> Vec<&'q str> {
        self.words.matched_terms(query, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, summary: &str, body: &str) -> Option<DocText> {
        Some([title.into(), summary.into(), body.into()])
    }

    #[test]
    fn inflected_query_words_find_the_translation_that_uses_them() {
        let index = EnglishIndex::build(&[
            doc(
                "Start-up Support Loan",
                "Loans for people starting a business",
                "",
            ),
            None,
            doc("Trade Fair Exhibition Grant", "Pays exhibition costs", ""),
        ]);
        let scores = index.score(&english_query("a loan to start my startup"));
        assert_eq!(scores.len(), 3);
        assert!(scores[0] > 0.0, "{scores:?}");
        assert_eq!(scores[1], 0.0, "an untranslated entry scores nothing");
        assert_eq!(scores[2], 0.0, "{scores:?}");
        let query = english_query("loans");
        assert_eq!(index.matched_terms(&query, 0), vec!["loan"]);
    }

    #[test]
    fn a_title_word_outranks_the_same_word_in_the_body() {
        let index = EnglishIndex::build(&[
            doc("Other scheme", "Something else", "grant"),
            doc("Grant for exhibitions", "Something else", ""),
        ]);
        let scores = index.score(&english_query("grant"));
        assert!(scores[1] > scores[0], "{scores:?}");
    }
}
