//! The operator's headline queries against the real corpus.

mod common;

use shien_navi::domain::search::{SearchFilters, SearchQuery};

fn top_ids(query: &str, k: usize) -> Vec<String> {
    let app = common::real_app();
    let q = SearchQuery::parse(query).unwrap();
    app.search(
        &q,
        &SearchFilters::default(),
        k,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
    )
    .unwrap()
    .results
    .into_iter()
    .map(|h| h.id)
    .collect()
}

#[test]
fn search_finds_the_wards_founding_loan_when_caller_says_kigyou() {
    let ids = top_ids("起業したい 資金を借りたい", 3);
    assert!(ids.contains(&"minato-yushi-sogyo".to_string()), "{ids:?}");
}

#[test]
fn width_variants_of_the_founding_loan_query_agree() {
    let base = top_ids("起業したい 資金を借りたい", 3);
    for variant in ["起業したい　資金を借りたい", "起業したい  資金を借りたい "]
    {
        let ids = top_ids(variant, 3);
        assert!(
            ids.contains(&"minato-yushi-sogyo".to_string()),
            "{variant}: {ids:?}"
        );
    }
    assert_eq!(top_ids("起業したい　資金を借りたい", 3), base);
    // Kana only: half-width and full-width rank alike (both reach the encoder as NFKC), and the
    // ward's founding loan stays in the first fifteen (e5-small reads キギョウ less surely than
    // 起業). It was in the first five before 16 more loan and guarantee schemes joined the corpus
    // in session 5, sixth after them, and is eleventh since session 7 added 公庫's social-business
    // loan among others (see the session notes).
    let half = top_ids("ｷｷﾞｮｳ したい 資金を借りたい", 15);
    assert_eq!(half, top_ids("キギョウ したい 資金を借りたい", 15));
    assert!(half.contains(&"minato-yushi-sogyo".to_string()), "{half:?}");
}

#[test]
fn search_understands_half_width_katakana_for_software() {
    let ids = top_ids("ｿﾌﾄｳｪｱを入れたい 補助", 3);
    assert!(ids.contains(&"minato-software-hojo".to_string()), "{ids:?}");
}

#[test]
fn every_result_explains_its_score() {
    let app = common::real_app();
    let q = SearchQuery::parse("ホームページを作りたい").unwrap();
    let outcome = app
        .search(
            &q,
            &SearchFilters::default(),
            5,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        )
        .unwrap();
    assert!(!outcome.results.is_empty());
    for hit in outcome.results {
        let e = hit.explanation;
        assert!(
            e.fused > 0.0 && e.title_match >= 1.0 && e.window > 0.0,
            "{e:?}"
        );
    }
}
