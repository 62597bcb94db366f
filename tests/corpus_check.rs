//! The corpus validator: every problem names file, entry id and field; the real corpus passes.

mod common;

use std::path::Path;

use shien_navi::domain::corpus::translation::{self, EntryKind, Freshness};
use shien_navi::domain::{Corpus, CorpusError, Lang};

fn copy_fixture(to: &Path) {
    let from = common::fixture_corpus();
    for entry in walk(&from) {
        let rel = entry.strip_prefix(&from).unwrap();
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

fn problems_after(edit: impl FnOnce(&Path)) -> String {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path());
    edit(dir.path());
    match Corpus::load(dir.path(), &[]) {
        Ok(_) => panic!("expected the corpus to be rejected"),
        Err(CorpusError::Invalid { problems }) => problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        Err(other) => panic!("unexpected error {other}"),
    }
}

fn replace(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const LOAN: &str = "schemes/ward/minato-test-sogyo-loan.toml";

#[test]
fn the_fixture_corpus_is_valid() {
    let corpus = Corpus::load(&common::fixture_corpus(), &[]).unwrap();
    assert_eq!(corpus.schemes.len(), 4);
    assert_eq!(corpus.faqs.len(), 1);
}

#[test]
fn the_real_corpus_is_valid_and_every_entry_has_a_source_and_date() {
    let corpus =
        Corpus::load(&common::repo().join("corpus"), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(corpus.schemes.len() >= 100);
    assert!(corpus.faqs.len() >= 200);
    for s in &corpus.schemes {
        assert!(s.source_url.starts_with("http"), "{}", s.id);
    }
    for f in &corpus.faqs {
        assert!(f.source_url.starts_with("http"), "{}", f.id);
    }
}

#[test]
fn an_unknown_field_is_reported_with_file_line_id_and_field() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "kind = \"loan_mediation\"",
            "kind = \"loan_mediation\"\ncolour = \"blue\"",
        )
    });
    assert!(report.contains("minato-test-sogyo-loan.toml:"), "{report}");
    assert!(report.contains("colour"), "{report}");
    assert!(report.contains("minato-test-sogyo-loan"), "{report}");
}

#[test]
fn a_duplicate_id_is_reported() {
    let report = problems_after(|d| {
        let text = std::fs::read_to_string(d.join(LOAN)).unwrap();
        std::fs::write(d.join("schemes/ward/minato-test-copy.toml"), text).unwrap();
    });
    assert!(report.contains("duplicate id"), "{report}");
    assert!(
        report.contains("minato-test-copy.toml: minato-test-sogyo-loan: id"),
        "{report}"
    );
}

#[test]
fn a_dangling_reference_is_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "related = [\"minato-test-advertising\"]",
            "related = [\"minato-gone\"]",
        )
    });
    assert!(
        report
            .contains("minato-test-sogyo-loan: related: refers to unknown scheme \"minato-gone\""),
        "{report}"
    );
}

#[test]
fn a_faq_pointing_at_a_missing_scheme_is_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            "faqs/test.toml",
            "scheme_ids = [\"minato-test-sogyo-loan\"]",
            "scheme_ids = [\"nope\"]",
        )
    });
    assert!(report.contains("faq-test-001: scheme_ids"), "{report}");
}

#[test]
fn missing_source_url_and_bad_dates_are_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "source_url = \"https://example.org/test/sogyo-loan\"\n",
            "",
        )
    });
    assert!(report.contains("source_url"), "{report}");
    let report = problems_after(|d| replace(d, LOAN, "as_of = 2026-11-01", "as_of = 2026-13-45"));
    assert!(report.contains("minato-test-sogyo-loan.toml:"), "{report}");
    let report = problems_after(|d| {
        replace(
            d,
            "schemes/ward/minato-test-advertising.toml",
            "closes = 2026-06-30",
            "closes = 2026-03-01",
        )
    });
    assert!(
        report.contains("minato-test-advertising: window.rounds: round"),
        "{report}"
    );
}

#[test]
fn unknown_purposes_and_industries_are_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            LOAN,
            "purposes = [\"創業\", \"資金繰り\"]",
            "purposes = [\"ゴルフ\"]",
        );
        replace(
            d,
            "schemes/tokyo/tokyo-test-josei.toml",
            "industries = [\"all\"]",
            "industries = [\"IT\"]",
        );
    });
    assert!(
        report.contains("minato-test-sogyo-loan: purposes: unknown purpose key \"ゴルフ\""),
        "{report}"
    );
    assert!(report.contains("tokyo-test-josei: industries"), "{report}");
}

#[test]
fn a_scheme_in_the_wrong_folder_is_reported() {
    let report = problems_after(|d| {
        std::fs::rename(
            d.join(LOAN),
            d.join("schemes/tokyo/minato-test-sogyo-loan.toml"),
        )
        .unwrap();
    });
    assert!(report.contains("level"), "{report}");
}

#[test]
fn a_missing_corpus_directory_says_so() {
    let err = Corpus::load(Path::new("/no/such/corpus"), &[]).unwrap_err();
    assert!(err.to_string().contains("/no/such/corpus"));
}

#[test]
fn masking_leaves_the_faq_corpus_untouched() {
    use unicode_normalization::UnicodeNormalization;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    // The masker as the service runs it: the dictionary, and the offices' published addresses.
    let analyzer = shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap();
    let lexicon = shien_navi::app::engine::MaskLexicon::new(std::sync::Arc::new(analyzer), &corpus);
    let mut changed = Vec::new();
    for f in &corpus.faqs {
        for text in [&f.question, &f.answer] {
            let plain: String = text.nfkc().collect();
            // Published desk phone numbers are phone numbers: masking them is right.
            let masked = shien_navi::domain::masking::mask(text, &lexicon).into_string();
            if masked.replace("[電話番号]", "") != plain_without_phones(&plain, &lexicon) {
                changed.push(format!("{}: {masked}", f.id));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "false positives:\n{}",
        changed.join("\n")
    );
}

#[test]
fn the_services_masker_tells_a_topic_after_a_phone_number_from_a_signature() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let analyzer = shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap();
    let lexicon = shien_navi::app::engine::MaskLexicon::new(std::sync::Arc::new(analyzer), &corpus);
    let masked = |t: &str| shien_navi::domain::masking::mask(t, &lexicon).into_string();
    assert_eq!(
        masked("電話 03-1234-5678 創業融資"),
        "電話 [電話番号] 創業融資"
    );
    assert_eq!(masked("電話 03-1234-5678 遠藤"), "電話 [電話番号] [氏名]");
}

#[test]
fn the_published_addresses_are_those_the_whole_masker_finds_in_each_entry() {
    use shien_navi::domain::masking::{NoLexicon, PiiKind, address_key, find, public_address_keys};
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let texts: Vec<String> = (corpus.schemes.iter())
        .map(|s| serde_json::to_string(s).unwrap())
        .chain(
            corpus
                .faqs
                .iter()
                .map(|f| serde_json::to_string(f).unwrap()),
        )
        .chain(
            corpus
                .desks
                .iter()
                .map(|d| serde_json::to_string(d).unwrap()),
        )
        .collect();
    let mut all = std::collections::HashSet::new();
    for text in &texts {
        // Every address span of the whole masker, keyed with the two characters before it.
        let (prepared, spans) = find(text, &NoLexicon);
        let mut expected = std::collections::HashSet::new();
        for (s, e, kind) in spans {
            if kind == PiiKind::Address {
                let from = prepared[..s].char_indices().rev().nth(1).map_or(0, |c| c.0);
                let key = address_key(&prepared[from..e]);
                if let Some((_, digits)) = key.split_once('|') {
                    expected.insert(digits.to_string());
                }
                expected.insert(key);
            }
        }
        expected.remove("");
        assert_eq!(public_address_keys([text.as_str()]), expected, "{text}");
        all.extend(expected);
    }
    // The ward's offices are among them (産業振興センター, 港区芝5-36-4).
    assert!(all.contains("芝|5-36-4"), "{all:?}");
}

fn plain_without_phones(text: &str, lexicon: &dyn shien_navi::domain::masking::Lexicon) -> String {
    let masked = shien_navi::domain::masking::mask(text, lexicon).into_string();
    if masked.contains("[電話番号]") {
        // Rebuild the text with only the phone numbers removed, to compare everything else.
        let re = regex::Regex::new(r"(?:\+81[\s\-]?)?\d[\d\s\-()]{7,}\d").unwrap();
        re.replace_all(text, |c: &regex::Captures<'_>| {
            let digits = c[0].chars().filter(|x| x.is_ascii_digit()).count();
            if (10..=11).contains(&digits) && c[0].trim_start().starts_with('0') {
                String::new()
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
    } else {
        text.to_string()
    }
}

#[test]
fn entries_citing_a_host_outside_sources_toml_are_listed_as_secondary() {
    let corpus = Corpus::load(&common::fixture_corpus(), &[]).unwrap();
    let secondary: Vec<(&str, &str)> = corpus
        .secondary_sources()
        .iter()
        .map(|s| (s.kind, s.id))
        .collect();
    assert_eq!(secondary, [("scheme", "tokyo-test-josei")]);
    assert!(corpus.is_official_source("https://example.org/test/sogyo-loan"));
}

#[test]
fn a_malformed_official_host_is_reported_with_its_file() {
    let report = problems_after(|d| {
        replace(
            d,
            "sources.toml",
            "[\"example.org\"]",
            "[\"https://example.org/\"]",
        )
    });
    assert!(report.contains("sources.toml"), "{report}");
    assert!(report.contains("official_hosts"), "{report}");
}

// Translations (corpus/i18n/<lang>/): validated against the Japanese, stale when it changes.

fn loaded_copy(edit: impl FnOnce(&Path)) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path());
    edit(dir.path());
    let corpus = Corpus::load(dir.path(), &[]).unwrap_or_else(|e| panic!("{e}"));
    (dir, corpus)
}

#[test]
fn the_fixture_translations_are_complete_and_current() {
    let corpus = Corpus::load(&common::fixture_corpus(), &[]).unwrap();
    let report = corpus.translation_report();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.langs.len(), 2);
    let en = corpus
        .translations
        .scheme(Lang::En, "minato-test-sogyo-loan")
        .unwrap();
    assert_eq!(en.text.title, "Test City Start-up Loan Mediation");
    assert!(en.is_current());
}

#[test]
fn the_real_corpus_has_every_translation_current_in_both_languages() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let report = corpus.translation_report();
    for l in &report.langs {
        assert!(
            l.is_clean(),
            "{}: missing {:?}, stale {:?}, unstamped {}",
            l.lang,
            l.missing,
            l.stale.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
            l.unstamped.len()
        );
        assert_eq!(l.count(EntryKind::Scheme).0, corpus.schemes.len());
        assert_eq!(l.count(EntryKind::Faq).0, corpus.faqs.len());
        assert_eq!(l.count(EntryKind::Desk).0, corpus.desks.len());
    }
}

#[test]
fn a_changed_japanese_summary_flags_its_translations_stale_in_both_languages() {
    let (_dir, corpus) = loaded_copy(|d| {
        replace(
            d,
            LOAN,
            "区のあっせんで金融機関から低利で創業資金を借りられる。",
            "区のあっせんで金融機関から創業資金を借りられる（利子の一部を区が負担）。",
        )
    });
    let report = corpus.translation_report();
    assert!(!report.is_clean());
    for l in &report.langs {
        let stale: Vec<(&str, &str)> = l
            .stale
            .iter()
            .map(|o| (o.kind.as_str(), o.id.as_str()))
            .collect();
        assert_eq!(stale, [("scheme", "minato-test-sogyo-loan")], "{}", l.lang);
        let o = &l.stale[0];
        assert!(
            o.file
                .ends_with(format!("i18n/{}/schemes.toml", l.lang.code())),
            "{o}"
        );
        assert_eq!(o.line, 2, "the line of the entry's id");
        assert!(l.missing.is_empty() && l.unstamped.is_empty());
        assert_eq!(l.count(EntryKind::Scheme), (3, 4));
    }
    // The page still has the translation, marked as not current.
    let t = corpus
        .translations
        .scheme(Lang::Easy, "minato-test-sogyo-loan")
        .unwrap();
    assert_eq!(t.freshness, Freshness::Stale);
}

#[test]
fn a_changed_faq_answer_or_desk_name_flags_only_that_entry() {
    let (_dir, corpus) = loaded_copy(|d| {
        replace(d, "faqs/test.toml", "創業前の方も", "創業前の方も個人でも");
        replace(d, "consultants.toml", "テスト商工相談", "テスト経営相談");
    });
    for l in &corpus.translation_report().langs {
        let stale: Vec<(&str, &str)> = l
            .stale
            .iter()
            .map(|o| (o.kind.as_str(), o.id.as_str()))
            .collect();
        assert_eq!(stale, [("faq", "faq-test-001"), ("desk", "test-desk")]);
    }
}

#[test]
fn a_changed_amount_or_date_does_not_make_a_translation_stale() {
    // Structured facts are rendered from the fields in every language, never translated.
    let (_dir, corpus) = loaded_copy(|d| {
        replace(d, LOAN, "max_yen = 10000000", "max_yen = 12000000");
        replace(
            d,
            "schemes/ward/minato-test-advertising.toml",
            "closes = 2026-06-30",
            "closes = 2026-07-31",
        );
    });
    assert!(corpus.translation_report().is_clean());
}

#[test]
fn a_missing_translation_is_reported_per_language() {
    let (_dir, corpus) = loaded_copy(|d| {
        std::fs::remove_file(d.join("i18n/en/desks.toml")).unwrap();
    });
    let report = corpus.translation_report();
    let en = report.langs.iter().find(|l| l.lang == Lang::En).unwrap();
    let easy = report.langs.iter().find(|l| l.lang == Lang::Easy).unwrap();
    assert_eq!(en.missing, [(EntryKind::Desk, "test-desk".to_string())]);
    assert!(easy.is_clean());
}

#[test]
fn a_translation_with_an_unknown_id_is_reported_with_file_line_and_field() {
    let report = problems_after(|d| {
        replace(
            d,
            "i18n/en/schemes.toml",
            "id = \"tokyo-test-josei\"",
            "id = \"tokyo-test-josie\"",
        )
    });
    assert!(
        report.contains("i18n/en/schemes.toml:18: tokyo-test-josie: id: no scheme with this id"),
        "{report}"
    );
}

#[test]
fn an_unknown_field_in_a_translation_is_reported() {
    let report = problems_after(|d| {
        replace(
            d,
            "i18n/easy/faqs/test.toml",
            "answer = ",
            "amount = \"1,000万円\"\nanswer = ",
        )
    });
    assert!(report.contains("i18n/easy/faqs/test.toml:"), "{report}");
    assert!(report.contains("faq-test-001"), "{report}");
    assert!(report.contains("amount"), "{report}");
}

#[test]
fn a_duplicate_or_empty_translation_is_reported() {
    let report = problems_after(|d| {
        let path = d.join("i18n/en/desks.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            format!("{text}\n{}", text.replace("Book by phone.", " ")),
        )
        .unwrap();
    });
    assert!(
        report.contains("desks.toml:8: test-desk: id: duplicate id"),
        "{report}"
    );
    let report = problems_after(|d| replace(d, "i18n/en/desks.toml", "Book by phone.", ""));
    assert!(
        report.contains("test-desk: how_to_book: must not be empty"),
        "{report}"
    );
}

#[test]
fn stamping_writes_the_checksum_only_where_it_is_missing_or_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path());
    let en = dir.path().join("i18n/en/schemes.toml");
    let original = std::fs::read_to_string(&en).unwrap();
    let unstamped: String = original
        .lines()
        .filter(|l| !l.starts_with("source_sha"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&en, &unstamped).unwrap();
    // A stale entry is not re-stamped unless named: someone has to update it first.
    replace(
        dir.path(),
        "schemes/national/national-test-it.toml",
        "経費の一部を補助する。",
        "経費の2分の1を補助する。",
    );
    let corpus = Corpus::load(dir.path(), &[]).unwrap();
    let en_report = &corpus.translation_report().langs[1];
    assert_eq!(en_report.lang, Lang::En);
    assert_eq!(en_report.unstamped.len(), 4);

    let report = translation::stamp(
        &dir.path().join("i18n"),
        &corpus,
        Some(Lang::En),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(report.entries(), 4);
    let corpus = Corpus::load(dir.path(), &[]).unwrap();
    let report = corpus.translation_report();
    assert!(report.langs[1].is_clean(), "{:?}", report.langs[1]);
    let easy_stale: Vec<&str> = report.langs[0]
        .stale
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(easy_stale, ["national-test-it"], "easy was left alone");
    // Only source_sha lines were added; the rest of the file is as it was.
    let after = std::fs::read_to_string(&en).unwrap();
    let without: String = after
        .lines()
        .filter(|l| !l.starts_with("source_sha"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(without, unstamped);

    let restamp = ["national-test-it".to_string()].into_iter().collect();
    let report = translation::stamp(
        &dir.path().join("i18n"),
        &corpus,
        Some(Lang::Easy),
        &restamp,
    )
    .unwrap();
    assert_eq!(report.entries(), 1);
    let corpus = Corpus::load(dir.path(), &[]).unwrap();
    assert!(corpus.translation_report().is_clean());
}

// Furigana overrides (corpus/i18n/readings.toml): checked with the rest of the corpus.

#[test]
fn a_furigana_override_in_katakana_or_without_kanji_is_reported_with_its_line() {
    let problems = problems_after(|dir| {
        std::fs::write(
            dir.join("i18n/readings.toml"),
            "[[reading]]\nword = \"港区\"\nreading = \"ミナトク\"\n\n[[reading]]\nword = \"みなと\"\nreading = \"みなと\"\n\n[[reading]]\nword = \"申し込む\"\nreading = \"もうすこむ\"\n",
        )
        .unwrap();
    });
    assert!(
        problems.contains("i18n/readings.toml:2: 港区: reading: the reading must be hiragana"),
        "{problems}"
    );
    assert!(
        problems.contains("i18n/readings.toml:6: みなと: reading: the word has no kanji"),
        "{problems}"
    );
    assert!(
        problems.contains("申し込む: reading: the reading does not fit the kana"),
        "{problems}"
    );
}

#[test]
fn the_real_furigana_overrides_are_valid() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let words: Vec<&str> = corpus
        .translations
        .readings
        .words()
        .iter()
        .map(|w| w.word.as_str())
        .collect();
    for place in [
        "港区",
        "芝浦",
        "白金",
        "麻布",
        "赤坂",
        "六本木",
        "虎ノ門",
        "高輪",
    ] {
        assert!(
            words.contains(&place),
            "{place} is not in corpus/i18n/readings.toml"
        );
    }
}

#[test]
fn faq_and_desk_ids_must_be_lowercase_ascii_like_scheme_ids() {
    let report = problems_after(|d| {
        replace(
            d,
            "faqs/test.toml",
            "id = \"faq-test-001\"",
            "id = \"FAQ 1\"",
        )
    });
    assert!(
        report.contains("FAQ 1: id: use lowercase ASCII letters, digits and hyphens"),
        "{report}"
    );
    let report =
        problems_after(|d| replace(d, "consultants.toml", "id = \"test-desk\"", "id = \"窓口\""));
    assert!(
        report.contains("窓口: id: use lowercase ASCII letters, digits and hyphens"),
        "{report}"
    );
}
