//! Questions in English, やさしい日本語 and kana alone find their schemes on the real corpus
//! (issue 13): the translated views and reading words at work.

mod common;

use shien_navi::app::engine::SchemeHit;
use shien_navi::app::engine::scheme_text;
use shien_navi::domain::Corpus;
use shien_navi::domain::Lang;
use shien_navi::domain::search::{SearchFilters, SearchQuery};
use shien_navi::index::lexical::AlsoKeep;
use shien_navi::index::{DocText, LexicalIndex, ReadingIndex};
use shien_navi::text::reading::reading_words;

fn top(query: &str, k: usize) -> Vec<SchemeHit> {
    let app = common::real_app();
    let q = SearchQuery::parse(query).unwrap();
    app.search(
        &q,
        &SearchFilters::default(),
        k,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    )
    .unwrap()
    .results
}

fn hit<'a>(hits: &'a [SchemeHit], id: &str) -> &'a SchemeHit {
    hits.iter().find(|h| h.id == id).unwrap_or_else(|| {
        panic!(
            "{id} not in {:?}",
            hits.iter().map(|h| &h.id).collect::<Vec<_>>()
        )
    })
}

#[test]
fn an_english_question_finds_the_wards_founding_loan_through_the_english_view() {
    let hits = top("loan for starting a business in Minato", 5);
    let loan = hit(&hits, "minato-yushi-sogyo");
    assert!(
        loan.explanation.lexical_english > 0.0,
        "{:?}",
        loan.explanation
    );
}

#[test]
fn an_english_question_worded_unlike_the_translation_still_finds_the_scheme() {
    // The translation says "Employment Adjustment Subsidy" and "temporary leave"; the caller
    // says furlough and keeping staff on the payroll.
    let hits = top(
        "We have to furlough workers for a few months. Is there money to keep paying them?",
        5,
    );
    hit(&hits, "national-koyo-chosei");
}

#[test]
fn a_hiragana_question_finds_its_scheme_through_reading_words() {
    let hits = top("しょうきぼ きぎょう きょうさい に はいりたい", 5);
    let kyosai = hit(&hits, "national-shokibo-kyosai");
    assert!(
        kyosai.explanation.lexical_reading > 0.0,
        "{:?}",
        kyosai.explanation
    );
}

#[test]
fn a_plain_japanese_question_finds_its_scheme_through_the_easy_view() {
    let hits = top("保証人が いなくても お金を かりられますか", 5);
    let loan = hit(&hits, "national-keieisha-hosho-hiteikyo");
    assert!(
        loan.explanation.lexical_easy > 0.0,
        "{:?}",
        loan.explanation
    );
}

#[test]
fn administrative_japanese_reads_neither_the_english_view_nor_reading_words() {
    let hits = top("起業したい 資金を借りたい", 5);
    hit(&hits, "minato-yushi-sogyo");
    for h in &hits {
        assert_eq!(h.explanation.lexical_english, 0.0, "{}", h.id);
        assert_eq!(h.explanation.lexical_reading, 0.0, "{}", h.id);
    }
}

#[test]
fn every_hit_names_the_passage_its_similarity_came_from() {
    let hits = top("subsidy for a booth at a trade fair", 10);
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .any(|h| matches!(h.explanation.vector_view, Lang::En | Lang::Easy)),
        "an English question is closest to some English or plain passage"
    );
}

#[test]
fn reading_words_are_ipadic_readings_of_words_and_compounds() {
    let words = reading_words(common::analyzer(), "事業承継の相談窓口").unwrap();
    for expected in [
        "ジギヨウ",
        "シヨウケイ",
        "ジギヨウシヨウケイ",
        "ソウダン",
        "マドグチ",
    ] {
        assert!(
            words.contains(&expected.to_string()),
            "{expected}: {words:?}"
        );
    }
}

#[test]
fn a_kana_query_is_cut_into_the_longest_readings_the_index_knows() {
    let docs = [
        [
            "事業承継の相談".to_string(),
            "後継者への引継ぎ".to_string(),
            String::new(),
        ],
        ["創業融資".to_string(), String::new(), String::new()],
    ];
    let index = ReadingIndex::build(common::analyzer(), &docs).unwrap();
    let terms: Vec<String> = index
        .query_terms("じぎょうしょうけいのそうだん")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(terms, vec!["ジギヨウシヨウケイ", "ソウダン"]);
    let scores = index.score(&index.query_terms("じぎょうしょうけい の そうだん"));
    assert!(scores[0] > 0.0 && scores[1] == 0.0, "{scores:?}");
}

#[test]
fn the_reading_index_read_with_the_scheme_index_is_the_one_built_alone() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let docs: Vec<DocText> = corpus
        .schemes
        .iter()
        .map(|s| scheme_text(s, &corpus))
        .collect();
    let analyzer = common::analyzer();
    let keep = AlsoKeep {
        lemma_fields: 2,
        reading_index: true,
    };
    let built = LexicalIndex::build_from(analyzer, docs.len(), |i| docs[i].clone(), keep).unwrap();
    let alone = ReadingIndex::build(analyzer, &docs).unwrap();
    assert!(alone.len() == docs.len() && !alone.is_empty());
    assert!(built.readings == Some(alone), "the reading indexes differ");
    assert!(built.index == LexicalIndex::build(analyzer, &docs).unwrap());
    // The lemmas kept for the static embedder: those of the title and summary fields.
    assert_eq!(built.lemmas.len(), docs.len());
    for (d, doc) in docs.iter().enumerate() {
        let expected: Vec<String> = doc[..2]
            .iter()
            .flat_map(|text| analyzer.lemmas(text).unwrap())
            .collect();
        let lemmas: Vec<&str> = built
            .lemmas
            .document(d)
            .iter()
            .map(|&l| built.lemmas.lemma(l))
            .collect();
        assert_eq!(lemmas, expected);
    }
}
