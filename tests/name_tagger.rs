//! The learned name tagger beside the masking rules (`shien pii train`), with the real
//! dictionary: it finds names in sentence shapes no rule was written for, leaves ordinary words
//! and company names alone, and does not touch the FAQ corpus.

mod common;

use shien_navi::domain::masking::tagger::{RulesOnly, WithTagger};
use shien_navi::domain::masking::{NameTagger, mask};

fn rules(text: &str) -> String {
    mask(text, &RulesOnly(common::analyzer())).into_string()
}

fn tagged(text: &str) -> String {
    let lexicon = WithTagger {
        lexicon: common::analyzer(),
        tagger: NameTagger::shipped(),
    };
    mask(text, &lexicon).into_string()
}

#[test]
fn the_tagger_finds_a_name_in_a_sentence_no_rule_covers() {
    // A surname with no honorific, label, role or introduction around it.
    let text = "ご相談の件、鶴田からも一言お伝えしたいそうです";
    assert_eq!(rules(text), text);
    assert_eq!(
        tagged(text),
        "ご相談の件、[氏名]からも一言お伝えしたいそうです"
    );
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
    use shien_navi::app::engine::MaskLexicon;
    use shien_navi::domain::Corpus;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let analyzer = std::sync::Arc::new(
        shien_navi::text::Analyzer::load(&common::repo().join("models/ipadic")).unwrap(),
    );
    let rules = MaskLexicon::new(analyzer.clone(), &corpus);
    let both = MaskLexicon::new(analyzer, &corpus).with_name_tagger(true);
    let mut changed = Vec::new();
    for f in &corpus.faqs {
        for text in [&f.question, &f.answer] {
            let with_tagger = mask(text, &both);
            if with_tagger != mask(text, &rules) {
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
