//! The translated views of each entry (issue 13): the reviewed English and やさしい日本語 texts
//! in `corpus/i18n/` are further ways to find the same scheme or FAQ. A caller who asks in
//! English or in plain Japanese meets the words a translator used for the same scheme.
//!
//! - Dense: each translation is one more e5 passage of its entry (cached with the others); an
//!   entry's similarity pools its views (see [`ViewPooling`]).
//! - Lexical: the English texts form an English BM25F index, read when the query is mostly
//!   Latin script; the やさしい日本語 texts form a second Japanese index (words, bigrams and
//!   katakana readings, so kana-only queries meet plain words too).
//!
//! Views only ever add ways in: the Japanese entry is still indexed as before, and an entry
//! without a translation simply has no view in that language.

use super::*;
use crate::index::{EnglishIndex, ReadingIndex};

/// The languages whose translations are views (Japanese is the entry itself).
pub const VIEW_LANGS: [Lang; 2] = [Lang::En, Lang::Easy];

pub use crate::config::ViewPooling;

/// What a scheme's view in `lang` is encoded from: translated title, summary and the questions
/// of its FAQs in that language (as the Japanese passage: names, summary, questions).
pub fn scheme_view_embedding_text(s: &Scheme, lang: Lang, corpus: &Corpus) -> Option<String> {
    let t = &corpus.translations.scheme(lang, &s.id)?.text;
    let mut parts = vec![t.title.clone(), t.summary.clone()];
    parts.extend(
        corpus
            .faqs_for(&s.id)
            .filter_map(|f| corpus.translations.faq(lang, &f.id))
            .map(|f| f.text.question.clone()),
    );
    Some(parts.join("\n"))
}

/// What an FAQ's view in `lang` is encoded from: its translated question and answer.
pub fn faq_view_embedding_text(f: &Faq, lang: Lang, corpus: &Corpus) -> Option<String> {
    let t = &corpus.translations.faq(lang, &f.id)?.text;
    Some(format!("{}\n{}", t.question, t.answer))
}

/// The searchable text of a scheme's view in `lang`, by field: title; summary and who it is
/// for; how to apply and its FAQs (questions and answers).
pub fn scheme_view_doc(s: &Scheme, lang: Lang, corpus: &Corpus) -> Option<DocText> {
    let t = &corpus.translations.scheme(lang, &s.id)?.text;
    let mut body = vec![t.how_to_apply.clone()];
    for f in corpus.faqs_for(&s.id) {
        if let Some(ft) = corpus.translations.faq(lang, &f.id) {
            body.push(ft.text.question.clone());
            body.push(ft.text.answer.clone());
        }
    }
    Some([
        t.title.clone(),
        format!("{}\n{}", t.summary, t.who),
        body.join("\n"),
    ])
}

/// Passages of the views of every scheme (then of every FAQ), with the entry each belongs to.
#[derive(Debug, Default)]
pub struct ViewTexts {
    pub texts: Vec<String>,
    pub owners: Vec<usize>,
    pub langs: Vec<Lang>,
}

impl ViewTexts {
    pub fn of_schemes(corpus: &Corpus) -> ViewTexts {
        let mut v = ViewTexts::default();
        for lang in VIEW_LANGS {
            for (i, s) in corpus.schemes.iter().enumerate() {
                if let Some(text) = scheme_view_embedding_text(s, lang, corpus) {
                    v.push(text, i, lang);
                }
            }
        }
        v
    }

    pub fn of_faqs(corpus: &Corpus) -> ViewTexts {
        let mut v = ViewTexts::default();
        for lang in VIEW_LANGS {
            for (i, f) in corpus.faqs.iter().enumerate() {
                if let Some(text) = faq_view_embedding_text(f, lang, corpus) {
                    v.push(text, i, lang);
                }
            }
        }
        v
    }

    fn push(&mut self, text: String, owner: usize, lang: Lang) {
        self.texts.push(text);
        self.owners.push(owner);
        self.langs.push(lang);
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// The vectors of the views of one kind of entry (schemes or FAQs), each owned by an entry.
#[derive(Debug)]
pub struct ViewVectors {
    index: InProcessIndex,
    owners: Vec<usize>,
    langs: Vec<Lang>,
}

/// An entry's pooled similarity and the language of the passage that gave the best cosine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PooledSimilarity {
    pub cosine: f32,
    pub best_view: Lang,
}

impl ViewVectors {
    pub fn new(dim: usize, texts: &ViewTexts, vectors: &[Vec<f32>]) -> ViewVectors {
        assert_eq!(texts.len(), vectors.len(), "one vector per view");
        ViewVectors {
            index: InProcessIndex::new(dim, vectors),
            owners: texts.owners.clone(),
            langs: texts.langs.clone(),
        }
    }

    /// Pools `japanese` (the entries' own cosines, in corpus order) with the views' cosines
    /// for `query`.
    pub fn pool(
        &self,
        query: &[f32],
        japanese: &[f32],
        pooling: ViewPooling,
    ) -> Vec<PooledSimilarity> {
        let mut best: Vec<(f32, Lang)> = japanese.iter().map(|&c| (c, Lang::Ja)).collect();
        let mut best_view: Vec<Option<f32>> = vec![None; japanese.len()];
        if pooling != ViewPooling::JapaneseOnly {
            let cosines = self.index.similarities(query);
            for ((&owner, &lang), cosine) in self.owners.iter().zip(&self.langs).zip(cosines) {
                let Some(slot) = best.get_mut(owner) else {
                    continue;
                };
                if cosine > slot.0 {
                    *slot = (cosine, lang);
                }
                let view = &mut best_view[owner];
                *view = Some(view.map_or(cosine, |v| v.max(cosine)));
            }
        }
        best.into_iter()
            .zip(best_view)
            .zip(japanese)
            .map(|(((cosine, lang), view), &ja)| match (pooling, view) {
                (ViewPooling::MeanWithJapanese, Some(v)) => PooledSimilarity {
                    cosine: (ja + v) / 2.0,
                    best_view: lang,
                },
                (ViewPooling::JapaneseOnly, _) => PooledSimilarity {
                    cosine: ja,
                    best_view: Lang::Ja,
                },
                _ => PooledSimilarity {
                    cosine,
                    best_view: lang,
                },
            })
            .collect()
    }
}

/// Each entry's own cosine, with no views.
pub fn japanese_only(japanese: &[f32]) -> Vec<PooledSimilarity> {
    japanese
        .iter()
        .map(|&cosine| PooledSimilarity {
            cosine,
            best_view: Lang::Ja,
        })
        .collect()
}

/// The lexical indexes of the views: English (its own analyzer), やさしい日本語 (the
/// Japanese analyzer), and the reading words of the Japanese text for kana-only queries; one
/// document per scheme in corpus order.
#[derive(Debug)]
pub struct LexicalViews {
    pub english: EnglishIndex,
    pub easy: LexicalIndex,
    pub readings: ReadingIndex,
}

impl LexicalViews {
    /// The views of every scheme, with `readings`, the reading words of each scheme's Japanese
    /// text ([`scheme_text`]), read by the scheme index's builder from its own analysis; the
    /// analysis of every view whose text `previous` kept is taken from it, what this build
    /// keeps goes to `kept`, the counts to `report`.
    pub(super) fn build_reusing(
        analyzer: &Analyzer,
        corpus: &Corpus,
        readings: ReadingIndex,
        previous: Option<&super::KeptAnalyses>,
        kept: &mut super::KeptAnalyses,
        report: &mut super::BuildReport,
    ) -> Result<LexicalViews> {
        let english: Vec<Option<DocText>> = corpus
            .schemes
            .iter()
            .map(|s| scheme_view_doc(s, Lang::En, corpus))
            .collect();
        let easy: Vec<DocText> = corpus
            .schemes
            .iter()
            .map(|s| scheme_view_doc(s, Lang::Easy, corpus).unwrap_or_default())
            .collect();
        let (english, english_kept, english_reuse) =
            EnglishIndex::build_reusing(&english, previous.map(|p| &p.english));
        let easy = LexicalIndex::build_reusing(analyzer, &easy, previous.map(|p| &p.easy))?;
        (kept.english, report.english) = (english_kept, english_reuse);
        (kept.easy, report.easy) = (easy.analyses, easy.reuse);
        Ok(LexicalViews {
            english,
            easy: easy.index,
            readings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn views() -> ViewVectors {
        // Entry 0 has an English view close to the query; entry 1 has none.
        let texts = ViewTexts {
            texts: vec!["en 0".into(), "easy 0".into()],
            owners: vec![0, 0],
            langs: vec![Lang::En, Lang::Easy],
        };
        ViewVectors::new(2, &texts, &[vec![1.0, 0.0], vec![0.6, 0.8]])
    }

    #[test]
    fn best_pooling_takes_the_closest_view_and_names_it() {
        let pooled = views().pool(&[1.0, 0.0], &[0.5, 0.7], ViewPooling::Best);
        assert_eq!(
            pooled[0],
            PooledSimilarity {
                cosine: 1.0,
                best_view: Lang::En
            }
        );
        assert_eq!(
            pooled[1],
            PooledSimilarity {
                cosine: 0.7,
                best_view: Lang::Ja
            }
        );
    }

    #[test]
    fn japanese_only_pooling_ignores_views_and_mean_averages_with_the_best_view() {
        let ja = views().pool(&[1.0, 0.0], &[0.5, 0.7], ViewPooling::JapaneseOnly);
        assert_eq!(ja[0].cosine, 0.5);
        let mean = views().pool(&[1.0, 0.0], &[0.5, 0.7], ViewPooling::MeanWithJapanese);
        assert!((mean[0].cosine - 0.75).abs() < 1e-6);
        assert_eq!(mean[1].cosine, 0.7, "no view: its own cosine");
    }
}
