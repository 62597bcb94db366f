//! The learned name tagger beside the masking rules (`shien pii train`), with the real
//! dictionary and the e5 encoder it reads words with: it finds names in sentence shapes no rule
//! was written for, leaves ordinary words and company names alone, does not touch the FAQ
//! corpus, and is not run without the encoder it was trained on.

mod common;

use std::sync::{Arc, OnceLock};

use shien_navi::app::engine::MaskLexicon;
use shien_navi::domain::Corpus;
use shien_navi::domain::masking::{Lexicon, mask};
use shien_navi::embed::{E5Embedder, Embedder, WeightMode};

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::load(&common::repo().join("corpus"), &[]).unwrap())
}

fn encoder() -> Arc<dyn Embedder> {
    static E5: OnceLock<Arc<dyn Embedder>> = OnceLock::new();
    E5.get_or_init(|| {
        Arc::new(
            E5Embedder::load(
                &common::repo().join("models/e5/e5-small-q4.bin"),
                WeightMode::Quantized,
            )
            .expect("models/e5 missing: run `make setup`"),
        )
    })
    .clone()
}

fn analyzer() -> Arc<shien_navi::text::Analyzer> {
    static ANALYZER: OnceLock<Arc<shien_navi::text::Analyzer>> = OnceLock::new();
    ANALYZER
        .get_or_init(|| {
            Arc::new(
                shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap(),
            )
        })
        .clone()
}

fn lexicon(tagger: bool) -> MaskLexicon {
    MaskLexicon::new(analyzer(), corpus())
        .with_name_tagger(tagger)
        .with_encoder(Some(encoder()))
}

fn rules(text: &str) -> String {
    static RULES: OnceLock<MaskLexicon> = OnceLock::new();
    mask(text, RULES.get_or_init(|| lexicon(false))).into_string()
}

fn tagged(text: &str) -> String {
    static BOTH: OnceLock<MaskLexicon> = OnceLock::new();
    mask(text, BOTH.get_or_init(|| lexicon(true))).into_string()
}

#[test]
fn the_tagger_finds_a_whole_name_in_a_sentence_no_rule_covers() {
    // A full name with no honorific, label, role or introduction around it: the tagger finds
    // the given name, and the name grows over the surname beside it.
    let text = "Please send it to Mateo Alvarez at our office.";
    assert_eq!(rules(text), text);
    assert_eq!(tagged(text), "Please send it to [氏名] at our office.");
}

#[test]
fn ordinary_words_and_company_names_are_left_alone() {
    use unicode_normalization::UnicodeNormalization;
    for text in [
        "株式会社サンライズの経理部から連絡します",
        "港区の創業支援補助金について教えてください",
        "トヨタ自動車の下請けをしています",
        "赤坂で喫茶店を経営しています。設備資金を借りたいです",
        "みずほ銀行で融資を断られました",
        "日本政策金融公庫の新創業融資と比べてどうですか",
        "田町駅の近くで美容室を開きたいです",
    ] {
        let plain: String = text.nfkc().collect();
        assert_eq!(tagged(text), plain, "{text}");
    }
}

#[test]
fn the_faq_corpus_is_masked_the_same_with_the_tagger_on() {
    let mut changed = Vec::new();
    for f in &corpus().faqs {
        for text in [&f.question, &f.answer] {
            let with_tagger = tagged(text);
            if with_tagger != rules(text) {
                changed.push(format!("{}: {with_tagger}", f.id));
            }
        }
    }
    assert!(
        changed.is_empty(),
        "the tagger masked more:\n{}",
        changed.join("\n")
    );
}

#[test]
fn without_the_encoder_it_was_trained_on_only_the_rules_run() {
    let without = MaskLexicon::new(analyzer(), corpus()).with_name_tagger(true);
    assert!(without.name_tagger().is_none());
    assert!(lexicon(true).name_tagger().is_some());
    let text = "ご相談の件、鶴田からも一言お伝えしたいそうです";
    assert_eq!(mask(text, &without).into_string(), rules(text));
}

#[test]
fn the_encoder_reads_each_word_where_it_stands() {
    let e5 = E5Embedder::load(
        &common::repo().join("models/e5/e5-small-q4.bin"),
        WeightMode::Quantized,
    )
    .unwrap();
    let text = "港区の田中です。Mateo Ａlvarez より";
    let states = e5.token_states(text).unwrap();
    assert_eq!(states.rows.len(), states.spans.len() * e5.dim());
    let mut last = 0;
    for &(s, e) in &states.spans {
        assert!(s >= last && s <= e && e <= text.len(), "{s}..{e}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last = s;
    }
    // Every character but the spaces is read by some token (Ａ folded to A included).
    for (at, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
        assert!(
            states.spans.iter().any(|&(s, e)| s <= at && at < e),
            "{c} at {at} is read by no token"
        );
    }
}

#[test]
fn a_query_read_once_serves_its_vector_and_the_masker_alike() {
    let load = || {
        E5Embedder::load(
            &common::repo().join("models/e5/e5-small-q4.bin"),
            WeightMode::Quantized,
        )
        .unwrap()
    };
    let (vector_first, states_first) = (load(), load());
    for text in [
        "港区の田中です。創業の補助金は?",
        "",
        "Mateo Alvarez, café owner",
    ] {
        let a_vector = vector_first.embed_query(text).unwrap();
        let a_states = vector_first.token_states(text).unwrap();
        let b_states = states_first.token_states(text).unwrap();
        let b_vector = states_first.embed_query(text).unwrap();
        assert_eq!(a_vector, b_vector, "{text}");
        assert_eq!(a_states, b_states, "{text}");
        assert_eq!(a_vector.len(), vector_first.dim());
        let norm: f32 = a_vector.iter().map(|v| v * v).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{text}: {norm}");
    }
}
