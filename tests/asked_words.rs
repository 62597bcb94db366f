//! What a chat message asks, read from callers' words after the chat's normalisation (kept
//! here because the domain never depends on `text/`).

use shien_navi::domain::asked::*;
use shien_navi::text::normalize;

fn read(text: &str) -> Vec<Asked> {
    asked(&normalize(text))
}

#[test]
fn the_ceiling_and_the_rate_are_two_facts_in_the_order_asked() {
    assert_eq!(
        read("港区の創業補助金の補助率と上限を教えて"),
        vec![Asked::Rate, Asked::Amount]
    );
    assert_eq!(read("最大いくらもらえますか？"), vec![Asked::Amount]);
    assert_eq!(
        read("経費の何分の何を補助してくれますか"),
        vec![Asked::Rate]
    );
}

#[test]
fn how_much_interest_asks_the_rate_not_an_amount() {
    assert_eq!(read("金利はどのくらいですか"), vec![Asked::Rate]);
    assert_eq!(
        read("What is the interest rate of the startup loan?"),
        vec![Asked::Rate]
    );
}

#[test]
fn who_may_use_it_is_eligibility_and_before_founding_is_years() {
    assert_eq!(
        read("持続化補助金は個人事業主でも申し込めますか？"),
        vec![Asked::Eligibility]
    );
    assert_eq!(read("法人のみが対象ですか"), vec![Asked::Eligibility]);
    assert_eq!(read("開業前でも申し込めますか"), vec![Asked::Years]);
    assert_eq!(read("創業して何年までですか"), vec![Asked::Years]);
    assert_eq!(read("何歳まで若者として扱われますか"), vec![Asked::Years]);
}

#[test]
fn deadlines_rounds_and_schedules_are_told_apart() {
    assert_eq!(read("それはいつまで？"), vec![Asked::Deadline]);
    assert_eq!(read("次の回の募集は？"), vec![Asked::Deadline]);
    assert_eq!(
        read("インボイス相談は何曜日にやっていますか"),
        vec![Asked::Contact]
    );
    assert_eq!(read("by when must I submit it?"), vec![Asked::Deadline]);
}

#[test]
fn how_to_apply_documents_contact_and_combination_are_read() {
    assert_eq!(read("申請方法を教えて"), vec![Asked::HowToApply]);
    assert_eq!(read("必要な書類は？"), vec![Asked::Documents]);
    assert_eq!(read("問い合わせの電話番号は？"), vec![Asked::Contact]);
    assert_eq!(
        read("IT導入補助金と区の補助は併用できる？"),
        vec![Asked::Combination]
    );
    assert_eq!(
        read("How do I apply, and what documents do I need?"),
        vec![Asked::HowToApply, Asked::Documents]
    );
}

#[test]
fn the_words_that_ask_are_left_out_of_the_scheme_name() {
    assert_eq!(
        without_asking_words(&normalize("区の創業補助金の補助率と上限を教えてください")),
        "区の創業補助金の と を教えてください"
    );
    assert_eq!(
        without_asking_words("what is the interest rate of the corporate loan?"),
        "what is the of the corporate loan?"
    );
}

#[test]
fn a_request_or_a_story_asks_nothing() {
    assert!(read("飲食店を開きたい").is_empty());
    assert!(read("補助金の一覧が見たいです").is_empty());
}

#[test]
fn every_attribute_has_a_code_and_a_label_in_every_language() {
    use shien_navi::app::chat::facts::label;
    use shien_navi::app::messages::Messages;
    use shien_navi::domain::Lang;
    for a in Asked::ALL {
        assert!(a.code().is_ascii());
        assert!(!label(Messages::new(Lang::Ja), a).is_ascii());
        assert!(!label(Messages::new(Lang::Easy), a).is_ascii());
        assert!(label(Messages::new(Lang::En), a).is_ascii());
    }
}

#[test]
fn whether_a_case_is_covered_asks_who_may_apply() {
    assert_eq!(
        read("そうぎょうほじょきん、バーチャルオフィスで登記してても申請できます？"),
        vec![Asked::Eligibility]
    );
    assert_eq!(
        read("Can I receive the air conditioner grant if the same unit already got another grant?"),
        vec![Asked::Eligibility]
    );
    // A search for what exists, or "can I" without a case, is not a question on the rule.
    assert_eq!(read("飲食店で使える補助金はありますか"), vec![]);
    assert_eq!(read("開発の最初にお金を前もってもらえる？"), vec![]);
    assert_eq!(read("Can I get help with my cafe?"), vec![]);
}

#[test]
fn submitting_an_application_asks_how_to_apply() {
    assert_eq!(
        read("How can I submit an application for the zero-emission grant?"),
        vec![Asked::HowToApply]
    );
}
