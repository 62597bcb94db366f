//! Publishing re-analyses only the entries that changed (issue 18): an engine rebuilt from the
//! previous one after an edit, an addition or a deletion ranks every query exactly as an
//! engine built from scratch on the same tree (same results, same scores, same explanations),
//! and says how many entries it analysed and how many it reused.

mod common;

use shien_navi::app::Engine;
use shien_navi::config::{EmbedderKind, RankingMode};
use shien_navi::domain::corpus::CorpusTree;
use shien_navi::domain::search::{SearchFilters, SearchQuery};
use shien_navi::index::Reuse;

const LOAN: &str = "minato-yushi-sogyo";
const LOAN_FILE: &str = "schemes/ward/minato-yushi-sogyo.toml";
const LOAN_SUMMARY: &str = "港区内で創業する人・創業して間もない人が、区のあっせんにより取扱金融機関から低い本人負担利率で創業資金（運転・設備）を借りられる制度。区が利子の一部を負担する。";
const FAQ_FILE: &str = "faqs/minato-money.toml";
const FAQ: &str = "faq-minato-money-001";
const ENGLISH_FILE: &str = "i18n/en/schemes.toml";
const ENGLISH_SUMMARY: &str = "People starting a business in Minato City, or who started one recently, can borrow start-up funds (working and equipment) from participating financial institutions at a low borrower rate through the ward's mediation. The ward pays part of the interest.";

/// Japanese, plain Japanese, kana only, English: every lexical index and view is read.
const QUERIES: &[&str] = &[
    "起業したい 資金を借りたい",
    "チラシ 広告 補助",
    "IT導入 ソフト 補助金",
    "事業承継 後継者",
    "省エネ 設備 更新",
    "従業員 賃上げ 助成金",
    "創業 融資 あっせん 利子",
    "おみせを はじめる おかね",
    "そうぎょう ゆうし",
    "start-up loan from the city",
    "subsidy for advertising and a website",
    "ジオラマ模型",
    "ドローン撮影",
    "drone photography",
];

fn settings(dir: std::path::PathBuf, embedder: EmbedderKind) -> shien_navi::config::Settings {
    let mut s = common::settings(dir);
    s.embedder = embedder;
    s
}

fn real_tree() -> CorpusTree {
    CorpusTree::read(&common::repo().join("corpus")).unwrap()
}

/// An engine built from scratch on `tree`.
fn from_scratch(tree: &CorpusTree, embedder: EmbedderKind) -> Engine {
    let dir = tempfile::tempdir().unwrap();
    tree.write(dir.path()).unwrap();
    Engine::build(settings(dir.path().to_path_buf(), embedder)).expect("the edited tree builds")
}

fn edited(tree: &CorpusTree, path: &str, from: &str, to: &str) -> CorpusTree {
    let mut tree = tree.clone();
    let text = tree
        .get(path)
        .unwrap_or_else(|| panic!("{path} in the tree"));
    assert!(text.contains(from), "{path} still has the text to edit");
    let text = text.replacen(from, to, 1);
    tree.insert(path, text);
    tree
}

/// Every query's schemes and FAQs, in every mode the engine offers, as comparable text (scores
/// and explanations bit for bit).
fn rankings(engine: &Engine, modes: &[RankingMode]) -> Vec<String> {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut out = Vec::new();
    for q in QUERIES {
        for &mode in modes {
            let outcome = engine
                .search_with(
                    &SearchQuery::parse(q).unwrap(),
                    &SearchFilters::default(),
                    20,
                    today,
                    mode,
                )
                .unwrap();
            for hit in &outcome.results {
                out.push(format!(
                    "{q} {mode:?} scheme {} {:08x} {:?} {}",
                    hit.id,
                    hit.score.to_bits(),
                    hit.explanation,
                    hit.snippet
                ));
            }
            for faq in &outcome.faqs {
                out.push(format!(
                    "{q} {mode:?} faq {} {:08x}",
                    faq.id,
                    faq.score.to_bits()
                ));
            }
            out.push(format!("{q} {mode:?} expanded {:?}", outcome.expanded_with));
        }
    }
    out
}

fn assert_same_rankings(rebuilt: &Engine, scratch: &Engine, modes: &[RankingMode]) {
    let (a, b) = (rankings(rebuilt, modes), rankings(scratch, modes));
    assert!(!a.is_empty());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "rebuilt vs from scratch");
    }
    assert_eq!(a.len(), b.len());
}

/// What a lexical search for `query` finds: schemes, then FAQs, by id.
fn found(engine: &Engine, query: &str) -> (Vec<String>, Vec<String>) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let found = engine
        .search_with(
            &SearchQuery::parse(query).unwrap(),
            &SearchFilters::default(),
            10,
            today,
            RankingMode::Bm25,
        )
        .unwrap();
    (
        found.results.into_iter().map(|h| h.id).collect(),
        found.faqs.into_iter().map(|h| h.id).collect(),
    )
}

fn top_ids(engine: &Engine, query: &str) -> Vec<String> {
    found(engine, query).0
}

fn faq_ids(engine: &Engine, query: &str) -> Vec<String> {
    found(engine, query).1
}

const LEXICAL: &[RankingMode] = &[RankingMode::Bm25];

#[test]
fn editing_one_summary_reanalyses_that_scheme_alone_and_ranks_as_a_build_from_scratch() {
    let tree = real_tree();
    let start = from_scratch(&tree, EmbedderKind::None);
    let n = start.corpus.schemes.len();
    assert_eq!(
        start.build_report().schemes,
        Reuse {
            reused: 0,
            analysed: n
        },
        "start-up analyses everything"
    );

    // First edit: a word no scheme has.
    let first = edited(
        &tree,
        LOAN_FILE,
        LOAN_SUMMARY,
        &LOAN_SUMMARY.replace("制度。", "制度。ジオラマ模型の店も対象。"),
    );
    let rebuilt = start.rebuilt(&first).unwrap();
    let report = rebuilt.build_report();
    assert_eq!(
        report.schemes,
        Reuse {
            reused: n - 1,
            analysed: 1
        }
    );
    let faqs = rebuilt.corpus.faqs.len();
    assert_eq!(
        report.faqs,
        Reuse {
            reused: faqs,
            analysed: 0
        }
    );
    assert_eq!(report.english.analysed + report.easy.analysed, 0);
    assert_eq!(report.entries().analysed, 1);
    assert_same_rankings(&rebuilt, &from_scratch(&first, EmbedderKind::None), LEXICAL);
    assert_eq!(
        top_ids(&rebuilt, "ジオラマ模型")
            .first()
            .map(String::as_str),
        Some(LOAN)
    );
    assert!(!top_ids(&start, "ジオラマ模型").contains(&LOAN.to_string()));

    // Second edit, from the rebuilt engine: the old words are gone, the new ones found.
    let second = edited(&first, LOAN_FILE, "ジオラマ模型の店", "ドローン撮影の店");
    let again = rebuilt.rebuilt(&second).unwrap();
    assert_eq!(
        again.build_report().schemes,
        Reuse {
            reused: n - 1,
            analysed: 1
        }
    );
    assert_same_rankings(&again, &from_scratch(&second, EmbedderKind::None), LEXICAL);
    assert_eq!(
        top_ids(&again, "ドローン撮影").first().map(String::as_str),
        Some(LOAN)
    );
    assert!(
        !top_ids(&again, "ジオラマ模型").contains(&LOAN.to_string()),
        "the replaced words no longer find the scheme"
    );
}

#[test]
fn an_added_and_a_deleted_scheme_are_the_only_schemes_analysed() {
    let tree = real_tree();
    let start = from_scratch(&tree, EmbedderKind::None);
    let n = start.corpus.schemes.len();

    let mut added = tree.clone();
    let copy = tree
        .get(LOAN_FILE)
        .unwrap()
        .replacen(
            "id = \"minato-yushi-sogyo\"",
            "id = \"minato-test-drone\"",
            1,
        )
        .replacen(
            "title = \"港区中小企業融資あっせん（創業支援融資）\"",
            "title = \"港区ドローン撮影事業者向け融資\"",
            1,
        );
    added.insert("schemes/ward/minato-test-drone.toml", copy);
    let with_new = start.rebuilt(&added).unwrap();
    assert_eq!(with_new.corpus.schemes.len(), n + 1);
    assert_eq!(
        with_new.build_report().schemes,
        Reuse {
            reused: n,
            analysed: 1
        }
    );
    assert_same_rankings(
        &with_new,
        &from_scratch(&added, EmbedderKind::None),
        LEXICAL,
    );
    assert_eq!(
        top_ids(&with_new, "ドローン撮影")
            .first()
            .map(String::as_str),
        Some("minato-test-drone")
    );

    // Deleting it again analyses nothing: every remaining text was analysed before.
    let without = with_new.rebuilt(&tree).unwrap();
    assert_eq!(
        without.build_report().schemes,
        Reuse {
            reused: n,
            analysed: 0
        }
    );
    assert_eq!(without.build_report().entries().analysed, 0);
    assert_same_rankings(&without, &start, LEXICAL);
    assert!(!top_ids(&without, "ドローン撮影").contains(&"minato-test-drone".to_string()));

    // Deleting a scheme of the corpus (one no other entry names): the others are all reused,
    // and rank as from scratch.
    let (_, deleted) = common::without_an_unnamed_scheme(&start.corpus, &tree);
    let smaller = start.rebuilt(&deleted).unwrap();
    assert_eq!(smaller.corpus.schemes.len(), n - 1);
    let report = smaller.build_report();
    assert_eq!(report.schemes.reused + report.schemes.analysed, n - 1);
    assert_eq!(report.schemes.analysed, 0, "{report:?}");
    assert_eq!(report.entries().analysed, 0, "{report:?}");
    assert_same_rankings(
        &smaller,
        &from_scratch(&deleted, EmbedderKind::None),
        LEXICAL,
    );
}

#[test]
fn an_edited_faq_and_an_edited_translation_are_reanalysed_alone() {
    let tree = real_tree();
    let start = from_scratch(&tree, EmbedderKind::None);
    let n = start.corpus.schemes.len();
    let faqs = start.corpus.faqs.len();

    // The FAQ's answer (its question is part of its schemes' text too).
    let faq = start
        .corpus
        .faqs
        .iter()
        .find(|f| f.id == FAQ)
        .expect("the FAQ exists")
        .clone();
    let answer_line = faq.answer.lines().next().unwrap().to_string();
    let faq_edit = edited(
        &tree,
        FAQ_FILE,
        &answer_line,
        &format!("{answer_line}ドローン撮影の事業にも使えます。"),
    );
    let rebuilt = start.rebuilt(&faq_edit).unwrap();
    let report = rebuilt.build_report();
    assert_eq!(
        report.faqs,
        Reuse {
            reused: faqs - 1,
            analysed: 1
        }
    );
    assert_eq!(
        report.schemes,
        Reuse {
            reused: n,
            analysed: 0
        }
    );
    assert_same_rankings(
        &rebuilt,
        &from_scratch(&faq_edit, EmbedderKind::None),
        LEXICAL,
    );
    assert!(faq_ids(&rebuilt, "ドローン撮影").contains(&FAQ.to_string()));
    assert!(!faq_ids(&start, "ドローン撮影").contains(&FAQ.to_string()));

    // A reviewer rewords a scheme's English summary: that English view alone is analysed.
    let english_edit = edited(
        &tree,
        ENGLISH_FILE,
        ENGLISH_SUMMARY,
        &ENGLISH_SUMMARY.replace(
            "The ward pays",
            "Drone photography studios qualify. The ward pays",
        ),
    );
    let rebuilt = start.rebuilt(&english_edit).unwrap();
    let report = rebuilt.build_report();
    assert_eq!(report.english.analysed, 1, "{report:?}");
    assert_eq!(report.entries().analysed, 1, "{report:?}");
    assert_eq!(report.schemes.analysed, 0);
    assert_same_rankings(
        &rebuilt,
        &from_scratch(&english_edit, EmbedderKind::None),
        LEXICAL,
    );
    assert_eq!(
        top_ids(&rebuilt, "drone photography")
            .first()
            .map(String::as_str),
        Some(LOAN)
    );
    assert!(!top_ids(&start, "drone photography").contains(&LOAN.to_string()));
}

/// With the static word vectors the dense and hybrid rankings come out the same too (the
/// vectors read the lemmas the lexical analysis kept, and the FAQ questions' lemmas).
#[test]
fn with_static_vectors_every_mode_ranks_as_a_build_from_scratch() {
    let tree = CorpusTree::read(&common::fixture_corpus()).unwrap();
    let start = from_scratch(&tree, EmbedderKind::Static);
    let edit = edited(
        &tree,
        "schemes/ward/minato-test-advertising.toml",
        "ホームページ制作やチラシなど",
        "ホームページ制作やチラシ、ドローン撮影など",
    );
    let rebuilt = start.rebuilt(&edit).unwrap();
    let report = rebuilt.build_report();
    assert_eq!(
        report.schemes,
        Reuse {
            reused: 3,
            analysed: 1
        }
    );
    assert_eq!(report.lemma_texts.analysed, 0, "no FAQ question changed");
    assert_same_rankings(
        &rebuilt,
        &from_scratch(&edit, EmbedderKind::Static),
        &[RankingMode::Bm25, RankingMode::Dense, RankingMode::Hybrid],
    );
    // An edited FAQ question changes its scheme's text and the vectors' question lemmas.
    let question = edited(
        &tree,
        "faqs/test.toml",
        "開業前でも創業融資を申し込めますか？",
        "開業前でもドローン撮影の創業融資を申し込めますか？",
    );
    let rebuilt = start.rebuilt(&question).unwrap();
    let report = rebuilt.build_report();
    assert_eq!(report.faqs.analysed, 1);
    assert_eq!(report.schemes.analysed, 1, "the scheme the FAQ belongs to");
    assert_eq!(report.lemma_texts.analysed, 1);
    assert_same_rankings(
        &rebuilt,
        &from_scratch(&question, EmbedderKind::Static),
        &[RankingMode::Bm25, RankingMode::Dense, RankingMode::Hybrid],
    );
}

/// The index assembled from kept analyses is the very index a build from scratch makes:
/// same vocabulary numbers, postings, tf~, idf and document count, whatever was edited,
/// added, deleted or reordered.
#[test]
fn an_index_built_from_kept_analyses_equals_one_built_from_scratch() {
    use shien_navi::index::{DocText, LexicalIndex};
    let analyzer = common::analyzer();
    let doc = |a: &str, b: &str, c: &str| -> DocText { [a.into(), b.into(), c.into()] };
    let before = vec![
        doc(
            "創業資金融資あっせん",
            "区内で創業する人が低利で借りられる。",
            "面談が必要。",
        ),
        doc(
            "広告宣伝費補助金",
            "ホームページ制作やチラシの経費を補助する。",
            "申請書を提出。",
        ),
        doc(
            "ソフトウェア導入補助金",
            "クラウドサービスの導入経費を補助する。",
            "",
        ),
        doc(
            "創業助成事業",
            "賃借料や人件費の一部を助成する。",
            "オンラインで申請。",
        ),
    ];
    let first = LexicalIndex::build_reusing(analyzer, &before, None).unwrap();
    assert_eq!(
        first.reuse,
        Reuse {
            reused: 0,
            analysed: 4
        }
    );
    let mut after = before.clone();
    after[1][1] = "ホームページ制作やチラシ、ドローン撮影の経費を補助する。".into();
    after.remove(2);
    after.push(doc("事業承継支援", "後継者への引継ぎを支援する。", ""));
    after.swap(0, 2);
    let rebuilt = LexicalIndex::build_reusing(analyzer, &after, Some(&first.analyses)).unwrap();
    assert_eq!(
        rebuilt.reuse,
        Reuse {
            reused: 2,
            analysed: 2
        }
    );
    assert_eq!(
        rebuilt.index,
        LexicalIndex::build(analyzer, &after).unwrap()
    );
    // And again from the rebuilt one: nothing changed, nothing analysed.
    let again = LexicalIndex::build_reusing(analyzer, &after, Some(&rebuilt.analyses)).unwrap();
    assert_eq!(
        again.reuse,
        Reuse {
            reused: 4,
            analysed: 0
        }
    );
    assert_eq!(again.index, rebuilt.index);
}
