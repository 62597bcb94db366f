//! Golden tests: lindera + IPADIC output on fixed sentences, pinned so a dictionary or
//! analyzer change shows up as a diff. The dictionary build itself is checked by checksum.

mod common;

use shien_navi::text::normalize;

fn morphemes(text: &str) -> Vec<String> {
    let a = common::analyzer();
    a.morphemes(&normalize(text))
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{}/{}/{}{}",
                m.surface,
                m.lemma,
                m.pos,
                if m.content { "" } else { "×" }
            )
        })
        .collect()
}

#[test]
fn golden_hojokin_splits_into_hojo_and_kin_with_a_compound() {
    assert_eq!(
        morphemes("補助金を申請したい"),
        [
            "補助/補助/名詞",
            "金/金/名詞",
            "を/を/助詞×",
            "申請/申請/名詞",
            "し/する/動詞×",
            "たい/たい/助動詞×"
        ]
    );
    let t = common::analyzer().terms("補助金を申請したい").unwrap();
    assert_eq!(t.words, ["補助", "金", "補助金", "申請"]);
}

#[test]
fn golden_conjugated_verbs_reduce_to_their_dictionary_form() {
    assert_eq!(
        morphemes("起業したいので資金を借りたい"),
        [
            "起業/起業/名詞",
            "し/する/動詞×",
            "たい/たい/助動詞×",
            "ので/ので/助詞×",
            "資金/資金/名詞",
            "を/を/助詞×",
            "借り/借りる/動詞",
            "たい/たい/助動詞×"
        ]
    );
}

#[test]
fn golden_half_width_katakana_is_one_known_word_after_normalisation() {
    assert_eq!(
        morphemes("ｿﾌﾄｳｪｱを導入したい"),
        [
            "ソフトウェア/ソフトウェア/名詞",
            "を/を/助詞×",
            "導入/導入/名詞",
            "し/する/動詞×",
            "たい/たい/助動詞×"
        ]
    );
    assert_eq!(
        common::analyzer().terms("ｿﾌﾄｳｪｱ").unwrap(),
        common::analyzer().terms("ソフトウェア").unwrap()
    );
}

#[test]
fn golden_compound_nouns_keep_adjacent_pairs() {
    let t = common::analyzer().terms("港区の創業支援融資").unwrap();
    assert_eq!(
        t.words,
        [
            "港",
            "区",
            "港区",
            "創業",
            "支援",
            "創業支援",
            "融資",
            "支援融資"
        ]
    );
    assert_eq!(t.grams, ["港区", "創業", "業支", "支援", "援融", "融資"]);
}

#[test]
fn golden_readings_let_kana_queries_meet_kanji() {
    let t = common::analyzer().terms("補助金").unwrap();
    assert_eq!(t.readings, ["ホジ", "ジヨ", "ヨキ", "キン"]);
}

#[test]
fn full_width_and_half_width_queries_analyse_identically() {
    let a = common::analyzer();
    assert_eq!(
        a.terms("ＩＴ導入補助金").unwrap(),
        a.terms("IT導入補助金").unwrap()
    );
    assert_eq!(a.terms("ﾎｰﾑﾍﾟｰｼﾞ").unwrap(), a.terms("ホームページ").unwrap());
}

#[test]
fn the_dictionary_build_reproduces_the_recorded_checksum() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("ipadic");
    let sum = shien_navi::setup::build_dictionary(
        std::path::Path::new(shien_navi::setup::IPADIC_SOURCE),
        &target,
    )
    .unwrap();
    let recorded = std::fs::read_to_string(common::repo().join("models/ipadic.sha256")).unwrap();
    assert_eq!(
        sum,
        recorded.trim(),
        "IPADIC build changed; if intended, update models/ipadic.sha256"
    );
    assert_eq!(
        shien_navi::setup::dictionary_checksum(&common::repo().join("models/ipadic")).unwrap(),
        recorded.trim(),
        "models/ipadic is stale: run `shien setup --force`"
    );
}

#[test]
fn a_missing_or_corrupt_dictionary_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = shien_navi::text::Analyzer::load(dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("missing") && err.contains("shien setup"),
        "{err}"
    );
    for f in std::fs::read_dir(common::repo().join("models/ipadic"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(f.path(), dir.path().join(f.file_name())).unwrap();
    }
    let dict = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("dict.trie")
        })
        .expect("dict.trie file");
    std::fs::write(&dict, b"garbage").unwrap();
    let err = shien_navi::text::Analyzer::load(dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("unusable"), "{err}");
}

#[test]
fn english_words_are_words_not_letter_pairs() {
    let terms = common::analyzer()
        .terms("Free business advice in Minato 創業支援")
        .unwrap();
    assert!(
        terms.words.iter().any(|w| w == "minato") && terms.words.iter().any(|w| w == "business"),
        "{:?}",
        terms.words
    );
    assert!(
        terms.grams.iter().all(|g| !g.is_ascii()),
        "no Latin letter pairs in the bigram channel: {:?}",
        terms.grams
    );
    assert!(
        terms.grams.iter().any(|g| g == "創業"),
        "Japanese runs still make bigrams: {:?}",
        terms.grams
    );
}

#[test]
fn golden_ampersand_abbreviations_stay_one_word() {
    assert_eq!(
        common::analyzer().terms("M&A補助金").unwrap().words,
        ["m&a", "補助", "金", "補助金"]
    );
    assert_eq!(morphemes("R&D と m & a")[0], "r&d/r&d/名詞");
    // With spaces around "&" they are separate letters, which carry no meaning alone.
    assert!(common::analyzer().terms("m & a").unwrap().words.is_empty());
}

#[test]
fn golden_english_function_words_and_lone_letters_are_not_terms() {
    let t = common::analyzer()
        .terms("I'm planning to start a company in Minato")
        .unwrap();
    assert_eq!(t.words, ["planning", "start", "company", "minato"]);
}
