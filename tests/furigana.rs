//! Furigana in the やさしい日本語 view: IPADIC's readings, converted to hiragana, with the
//! override list in `corpus/i18n/readings.toml` for the proper nouns it reads wrong. Pins the
//! readings of a set of real titles, and shows the ruby reaching the page, escaped.

mod common;

use std::path::Path;

use shien_navi::domain::corpus::translation::Segment;
use shien_navi::domain::corpus::translation::furigana::{Readings, furigana};
use shien_navi::domain::{Corpus, Lang};

/// Segments as `base(reading)`, so a whole title's readings fit on one line.
fn shown(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) | Segment::Japanese(t) => t.clone(),
            Segment::Ruby { base, reading } => format!("{base}({reading})"),
        })
        .collect()
}

fn real_corpus() -> Corpus {
    Corpus::load(&common::repo().join("corpus"), &[]).expect("the real corpus loads")
}

fn read(text: &str, readings: &Readings) -> String {
    shown(&furigana(text, common::analyzer(), readings))
}

#[test]
fn the_override_list_corrects_the_place_names_the_dictionary_misreads() {
    let readings = real_corpus().translations.readings;
    // What IPADIC says on its own, and what the page shows.
    for (word, dictionary, shown) in [
        ("白金", "白金(はっきん)", "白金(しろかね)"),
        ("麻布", "麻布(まふ)", "麻布(あざぶ)"),
        ("港区立", "港(みなと)区立(くりつ)", "港区立(みなとくりつ)"),
        (
            "事業所用高効率空調",
            "事業(じぎょう)所用(しょよう)高(だか)効率(こうりつ)空調(くうちょう)",
            "事業所(じぎょうしょ)用(よう)高効率(こうこうりつ)空調(くうちょう)",
        ),
        (
            "中退共",
            "中退(ちゅうたい)共(ども)",
            "中退共(ちゅうたいきょう)",
        ),
    ] {
        assert_eq!(
            read(word, &Readings::default()),
            dictionary,
            "IPADIC on {word}"
        );
        assert_eq!(read(word, &readings), shown, "{word} with the overrides");
    }
    // Listed though the dictionary reads them right, so a dictionary update cannot break them.
    for (word, expected) in [
        ("港区", "港区(みなとく)"),
        ("芝浦", "芝浦(しばうら)"),
        ("赤坂", "赤坂(あかさか)"),
        ("六本木", "六本木(ろっぽんぎ)"),
        ("虎ノ門", "虎(とら)ノ門(もん)"),
        ("高輪", "高輪(たかなわ)"),
    ] {
        assert_eq!(read(word, &readings), expected);
    }
}

#[test]
fn the_readings_of_real_titles_are_pinned() {
    let corpus = real_corpus();
    let readings = &corpus.translations.readings;
    let title = |id: &str| {
        let t = corpus
            .translations
            .scheme(Lang::Easy, id)
            .unwrap_or_else(|| panic!("{id} has a やさしい日本語 text"));
        read(&t.text.title, readings)
    };
    for (id, expected) in [
        (
            "minato-sogyo-hojo",
            "港区(みなとく)で仕事(しごと)を始(はじ)めた人(ひと)への補助(ほじょ)金(きん)（港区(みなとく)創業(そうぎょう)・スタートアップ支援(しえん)事業(じぎょう)補助(ほじょ)金(きん)）",
        ),
        (
            "minato-keiei-sodan-center",
            "港区(みなとく)の産業(さんぎょう)振興(しんこう)センターの経営(けいえい)相談(そうだん)（港区立(みなとくりつ)産業(さんぎょう)振興(しんこう)センター 経営(けいえい)相談(そうだん)）",
        ),
        (
            "national-chinage-zeisei",
            "給料(きゅうりょう)を上(あ)げた会社(かいしゃ)の税金(ぜいきん)が安(やす)くなる制度(せいど)（賃上(ちんあ)げ促進(そくしん)税制(ぜいせい)）",
        ),
        (
            "national-chutaikyo-josei",
            "社員(しゃいん)の退職(たいしょく)金(きん)の国(くに)の制度(せいど)（中退共(ちゅうたいきょう)）に入(はい)る会社(かいしゃ)への助成(じょせい)",
        ),
        (
            "national-digital-ai",
            "ソフトやAIを入(い)れるときの補助(ほじょ)金(きん)（デジタル化(か)・AI導入(どうにゅう)補助(ほじょ)金(きん)）",
        ),
    ] {
        assert_eq!(title(id), expected, "{id}");
    }
}

#[test]
fn okurigana_stay_outside_the_ruby_and_kana_carry_none() {
    let none = Readings::default();
    assert_eq!(read("申し込む", &none), "申(もう)し込(こ)む");
    assert_eq!(read("取り入れる", &none), "取(と)り入(い)れる");
    assert_eq!(read("ソフトウェア", &none), "ソフトウェア");
    assert_eq!(read("GビズID", &none), "GビズID");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_easy_scheme_page_shows_ruby_from_the_dictionary_and_the_override_list() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture_corpus(), dir.path());
    // A reading no dictionary gives, to see that the list reaches the page.
    std::fs::write(
        dir.path().join("i18n/readings.toml"),
        "[[reading]]\nword = \"制度\"\nreading = \"しくみ\"\n",
    )
    .unwrap();
    let app = shien_navi::app::Engine::build(common::settings(dir.path().to_path_buf())).unwrap();
    let server = common::spawn(app).await;
    let html = reqwest::get(server.url("/schemes/minato-test-sogyo-loan?lang=easy"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<h1>テスト<ruby>区<rt>く</rt></ruby>で<ruby>事業<rt>じぎょう</rt></ruby>を<ruby>始<rt>はじ</rt></ruby>める<ruby>人<rt>ひと</rt></ruby>がお<ruby>金<rt>かね</rt></ruby>を<ruby>借<rt>か</rt></ruby>りる<ruby>制度<rt>しくみ</rt></ruby></h1>"),
        "{html}"
    );
    // The summary too; the Japanese and English pages carry no ruby.
    assert!(
        html.contains("<ruby>銀行<rt>ぎんこう</rt></ruby>"),
        "{html}"
    );
    for lang in ["ja", "en"] {
        let html =
            reqwest::get(server.url(&format!("/schemes/minato-test-sogyo-loan?lang={lang}")))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
        assert!(!html.contains("<ruby>"), "{lang}");
    }
}
