//! The routing rules on callers' words as they arrive (half-width kana, mixed widths), after
//! the same normalisation the chat applies. They live here, not beside the rules, because the
//! domain never depends on `text/`.

use shien_navi::domain::ConsultCategory;
use shien_navi::domain::handoff::{HandoffCategory, HandoffReason};
use shien_navi::domain::routing::examples::Votes;
use shien_navi::domain::routing::*;
use shien_navi::text::normalize;

mod common;

fn decide(text: &str) -> Route {
    route(&normalize(text), 1.0, 0.3)
}

/// The rules' words by their readings, from the real dictionary (built once).
fn spelling() -> &'static KanaSpelling {
    static SPELLING: std::sync::OnceLock<KanaSpelling> = std::sync::OnceLock::new();
    SPELLING.get_or_init(|| KanaSpelling::new(common::analyzer()))
}

/// As the chat decides: normalised, then kana read as the rule words it sounds like.
fn decide_spelled(text: &str) -> Route {
    route(&spelling().spell(&normalize(text)), 1.0, 0.3)
}

#[test]
fn asking_for_a_person_hands_off() {
    assert_eq!(
        decide("担当者と電話で話したいです").handoff,
        Some(HandoffReason::AskedForPerson)
    );
    assert_eq!(
        decide("ｿｳﾀﾞﾝｲﾝﾄ ﾊﾅｼﾀｲﾃﾞｽ").handoff,
        Some(HandoffReason::AskedForPerson)
    );
}

#[test]
fn asking_for_a_person_about_debts_goes_to_the_financing_desk() {
    let r =
        decide("借金が多くて来月から返済額が上がると言われた。従業員にも言えない。誰かと話したい");
    assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
    assert_eq!(r.category, ConsultCategory::Financing.into());
    assert_eq!(
        decide("補助金のことで担当者と電話で話したいです").category,
        ConsultCategory::Management.into()
    );
}

#[test]
fn asking_how_to_avoid_a_problem_is_a_question_not_a_case() {
    assert_eq!(
        decide("他社の特許を侵害しないための調査に使える支援ってある?").handoff,
        None
    );
    assert_eq!(
        decide("他社から特許を侵害していると警告状が届いた").handoff,
        Some(HandoffReason::SensitiveTopic)
    );
}

#[test]
fn a_dismissal_goes_to_labour() {
    let r = decide("従業員を解雇したらユニオンから団体交渉を申し入れられました");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Labour.into());
}

#[test]
fn repayment_trouble_goes_to_financing() {
    let r = decide("売上が落ちて来月の返済ができない。どうしたらいい?");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Financing.into());
}

#[test]
fn a_general_question_about_harassment_training_is_answered() {
    assert_eq!(
        decide("ハラスメント防止の研修やセミナーはありますか").handoff,
        None
    );
}

#[test]
fn low_confidence_hands_off_with_the_topic_category() {
    let r = route("宇宙旅行の補助金", 0.1, 0.3);
    assert_eq!(r.handoff, Some(HandoffReason::LowConfidence));
}

#[test]
fn a_first_person_case_with_figures_asking_whether_it_meets_a_rule_is_individual() {
    let r = decide("うちは社員が25人ですが、区の補助金の小規模事業者に当たりますか");
    assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
    // Without the caller's own case it is a question about the rule.
    assert_eq!(
        decide("区の補助金の小規模事業者に当たるのは社員何人までですか").handoff,
        None
    );
}

#[test]
fn a_calculation_of_ones_own_tax_goes_to_the_tax_desk() {
    let r = decide("売上が900万円なら私の消費税はどれくらいになりますか");
    assert_eq!(r.handoff, Some(HandoffReason::IndividualJudgement));
    assert_eq!(r.category, ConsultCategory::Tax.into());
    assert_eq!(decide("消費税の税率はいくらですか").handoff, None);
}

#[test]
fn a_dispute_with_an_employee_goes_to_labour_not_legal() {
    let r = decide("従業員と給料のことで揉めています");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Labour.into());
    assert_eq!(
        decide("取引先と契約のことで揉めています").category,
        ConsultCategory::Legal.into()
    );
}

#[test]
fn a_complaint_about_the_consultant_is_a_staff_ticket() {
    let r = decide("相談員の説明が前回と違っていて納得できません");
    assert_eq!(r.handoff, Some(HandoffReason::Complaint));
    assert_eq!(r.category, HandoffCategory::ServiceComplaint);
}

fn votes(handoff: f32, reason: Option<HandoffReason>, category: HandoffCategory) -> Votes {
    Votes {
        handoff,
        reason,
        handoff_category: (handoff > 0.0).then_some((category, 1.0)),
        category: Some((category, 1.0)),
        nearest: ("例".into(), 0.9),
    }
}

fn blend(text: &str, v: &Votes) -> Route {
    route_with(&normalize(text), 1.0, 0.3, Some(v), None, Blend::default())
}

#[test]
fn neighbours_that_hand_off_catch_a_phrasing_the_rules_answer() {
    let labour = HandoffCategory::Consult(ConsultCategory::Labour);
    let text = "部下が急に来なくなって連絡もつかない";
    assert_eq!(decide(text).handoff, None);
    let r = blend(
        text,
        &votes(0.9, Some(HandoffReason::SensitiveTopic), labour),
    );
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, labour);
    // Too few of them: the rules' answer stands.
    assert_eq!(
        blend(
            text,
            &votes(0.5, Some(HandoffReason::SensitiveTopic), labour)
        )
        .handoff,
        None
    );
}

#[test]
fn neighbours_never_overrule_a_general_question_or_a_complaint() {
    let legal = HandoffCategory::Consult(ConsultCategory::Legal);
    let v = votes(1.0, Some(HandoffReason::SensitiveTopic), legal);
    assert_eq!(
        blend("売掛金の回収について一般論で教えてください", &v).handoff,
        None
    );
    assert_eq!(blend("産業振興課の電話番号を教えて", &v).handoff, None);
    let r = blend("苦情です。窓口の対応がひどかった", &v);
    assert_eq!(r.category, HandoffCategory::ServiceComplaint);
}

#[test]
fn a_request_for_a_person_with_no_topic_takes_the_neighbours_field() {
    let tax = HandoffCategory::Consult(ConsultCategory::Tax);
    let r = blend(
        "ややこしい話なので担当者と話したいです",
        &votes(1.0, Some(HandoffReason::AskedForPerson), tax),
    );
    assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
    assert_eq!(r.category, tax);
}

#[test]
fn a_complaint_neighbourhood_makes_a_staff_ticket() {
    let r = blend(
        "三回もメールしたのに誰からも音沙汰なし",
        &votes(
            0.95,
            Some(HandoffReason::Complaint),
            HandoffCategory::ServiceComplaint,
        ),
    );
    assert_eq!(r.handoff, Some(HandoffReason::Complaint));
    assert_eq!(r.category, HandoffCategory::ServiceComplaint);
}

#[test]
fn a_named_specialist_decides_the_desk() {
    let r = decide("弁理士さんと話したい");
    assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
    assert_eq!(r.category, ConsultCategory::IntellectualProperty.into());
    assert_eq!(
        topic_category(&normalize("Can a labour consultant call me back?")),
        ConsultCategory::Labour
    );
    // Two different specialists: the topic words decide, not the first name.
    assert_eq!(
        topic_category(&normalize(
            "税理士と弁護士のどちらに聞けばいいか、取引先との契約書の件です"
        )),
        ConsultCategory::Legal
    );
}

#[test]
fn kana_only_callers_are_read_by_their_topic() {
    assert_eq!(
        topic_category(&normalize("ｿｳｷﾞｮｳの そうだん")),
        ConsultCategory::Founding
    );
    assert_eq!(
        topic_category(&normalize("ゆうしの へんさいが とどこおって います")),
        ConsultCategory::Financing
    );
    assert_eq!(
        topic_category(&normalize("しごとちゅうに しゃいんが けがを しました")),
        ConsultCategory::Labour
    );
}

#[test]
fn neighbours_decide_a_person_is_needed_but_a_topic_word_keeps_its_field() {
    let management = HandoffCategory::Consult(ConsultCategory::Management);
    let text = "残業代の計算で相談したいことがある";
    let r = blend(
        text,
        &votes(0.95, Some(HandoffReason::AskedForPerson), management),
    );
    assert!(r.handoff.is_some());
    assert_eq!(r.category, ConsultCategory::Labour.into());
    // With no topic word, the neighbours' field stands.
    let r = blend(
        "ちょっと込み入った話なので聞いてほしい",
        &votes(0.95, Some(HandoffReason::AskedForPerson), management),
    );
    assert_eq!(r.category, management);
}

#[test]
fn a_kana_only_message_reaches_the_desk_of_its_kanji_form() {
    for (kana, kanji, field) in [
        (
            "きのう じゅうぎょういんを かいこしました。どうすれば いいですか",
            "昨日従業員を解雇しました。どうすればいいですか",
            ConsultCategory::Labour,
        ),
        (
            "ざんぎょうだいを はらえと いわれて こまって います",
            "残業代を払えと言われて困っています",
            ConsultCategory::Labour,
        ),
        (
            "よその かいしゃから とっきょの しんがいだと つうちが きた",
            "よその会社から特許の侵害だと通知が来た",
            ConsultCategory::IntellectualProperty,
        ),
        (
            "ぜいむちょうさの れんらくが きて ふあんです",
            "税務調査の連絡が来て不安です",
            ConsultCategory::Tax,
        ),
    ] {
        let by_kana = decide_spelled(kana);
        let by_kanji = decide_spelled(kanji);
        assert!(by_kana.handoff.is_some(), "{kana}: {by_kana:?}");
        assert_eq!(by_kana.handoff, by_kanji.handoff, "{kana}");
        assert_eq!(by_kana.category, field.into(), "{kana}: {by_kana:?}");
        assert_eq!(by_kanji.category, field.into(), "{kanji}");
    }
}

#[test]
fn kana_that_only_sounds_like_a_rule_word_inside_another_word_is_left_alone() {
    let s = spelling();
    // 解雇 (かいこ) is not read inside かいこう, nor 特許 inside a longer word.
    assert_eq!(
        s.spell("あたらしい みせの かいこうじかん"),
        "あたらしい みせの かいこうじかん"
    );
    // Kana that already is a rule word keeps its spelling; kanji and Latin are untouched.
    assert_eq!(s.spell("ほしい です"), "ほしい です");
    assert!(
        s.spell("べんごしさんと はなしたい")
            .starts_with("べんごしさんと ")
    );
    let r = decide_spelled("べんごしさんと はなしたい");
    assert_eq!(r.handoff, Some(HandoffReason::AskedForPerson));
    assert_eq!(r.category, ConsultCategory::Legal.into());
    assert_eq!(s.spell("ヘンサイ ムリ"), "ヘンサイ ムリ");
    assert_eq!(s.spell("港区の overtime"), "港区の overtime");
    // In a message with kanji, a verb's kana (やめさせたい: 止めさせ as often as 辞めさせ)
    // is not read as the dismissal word.
    let r = decide_spelled("自社の写真がネットに無断転載されていて、やめさせたい");
    assert_eq!(r.category, ConsultCategory::IntellectualProperty.into());
    // A general kana question stays answered.
    assert_eq!(
        decide_spelled("とっきょの しゅつがんの ながれを おしえて ください").handoff,
        None
    );
}

#[test]
fn the_field_the_caller_wants_instead_of_another_decides_the_desk() {
    let r = decide("税金じゃなくて、従業員の退職のことで相談したいです");
    assert!(r.handoff.is_some());
    assert_eq!(r.category, ConsultCategory::Labour.into());
    let r = decide("融資の返済の話ではなく、店の販路をどう立て直すか相談したい");
    assert!(r.handoff.is_some());
    assert_eq!(r.category, ConsultCategory::Management.into());
    let r = decide("It's not about our loan, but about a contract dispute with a supplier");
    assert_eq!(r.category, ConsultCategory::Legal.into());
    // Read without the contrast, the tax word would win the tie; the caller said labour.
    assert_eq!(
        topic_category(&normalize("税金じゃなくて労務の相談をしたい")),
        ConsultCategory::Tax
    );
    let r = decide("税金じゃなくて労務の相談をしたい");
    assert_eq!(r.category, ConsultCategory::Labour.into());
    // The words set aside name no trouble: no arrears case, a plain labour question.
    let r = decide("税金の滞納の話じゃなくて、就業規則の作り方を知りたい");
    assert_ne!(r.category, ConsultCategory::Tax.into());
    // Without "not X but Y", both fields count as before.
    let r = decide("税金の滞納があって、従業員の給料も払えない");
    assert!(r.handoff.is_some());
}

#[test]
fn asking_only_where_or_when_a_desk_is_open_is_answered_whatever_the_trouble() {
    for text in [
        "パワハラの相談ができる窓口はどこですか?何時まで開いていますか",
        "契約トラブルの相談先の電話番号を教えてください",
        "Where is the desk for labour disputes, and what time does it close?",
    ] {
        assert_eq!(decide(text).handoff, None, "{text}");
    }
    // Telling the trouble and asking how far one may go is still a case for a person.
    assert!(
        decide("退職勧奨ってどこまで言っていいの?今まさにうちで揉めてる")
            .handoff
            .is_some()
    );
    assert!(
        decide("パワハラで訴えられました。どうすればいいですか")
            .handoff
            .is_some()
    );
}

#[test]
fn a_caller_giving_their_own_address_or_number_is_not_asking_for_the_desks() {
    for text in [
        "住所は港区芝5-1-1 芝ビル301、電話番号は03-1234-5678です。従業員を解雇したら団体交渉を求められました",
        "My address is 1-2-3 Shiba and my phone number is 090-1111-2222. An employee I dismissed is suing us",
    ] {
        let r = decide(text);
        assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic), "{text}");
        assert_eq!(r.category, ConsultCategory::Labour.into(), "{text}");
    }
    // The same nouns in a clause that asks are a question about the desk.
    assert_eq!(
        decide("解雇のトラブルを相談できる窓口の住所は?").handoff,
        None
    );
}

#[test]
fn asking_someone_to_read_ones_own_papers_is_a_request_for_a_person() {
    for text in [
        "事業計画書を作ったので添削をお願いできますか",
        "しんせいしょを かいたので だれかみて ほしいです",
        "Can someone check the cost estimate in our application before we send it?",
        "Could a consultant review our business plan for the grant?",
    ] {
        assert_eq!(
            decide(text).handoff,
            Some(HandoffReason::AskedForPerson),
            "{text}"
        );
    }
    // How to write one, with nobody asked to read it, stays a question.
    assert_eq!(
        decide("事業計画書の書き方のポイントを教えてください").handoff,
        None
    );
}

#[test]
fn complaints_written_in_kana_or_english_are_staff_tickets() {
    for text in [
        "まどぐちで あちこち まわされて たらいまわしでした",
        "ちゃっとの こたえが まちがって いて こまりました",
        "The chatbot is useless and I was sent around from desk to desk.",
        "Your staff gave me the runaround for two weeks.",
    ] {
        let r = decide_spelled(text);
        assert_eq!(r.handoff, Some(HandoffReason::Complaint), "{text}: {r:?}");
        assert_eq!(r.category, HandoffCategory::ServiceComplaint, "{text}");
    }
    // Slow repayments or a slow month are no complaint about the service.
    assert_ne!(
        decide_spelled("うりあげの かいふくが おそくて へんさいが くるしい").handoff,
        Some(HandoffReason::Complaint)
    );
}

#[test]
fn the_field_named_where_the_caller_says_what_they_wish_decides_the_desk() {
    let r = decide(
        "パワハラで社員が辞めてしまい、売上も落ちました。運転資金の融資について相談したいです",
    );
    assert!(r.handoff.is_some());
    assert_eq!(r.category, ConsultCategory::Financing.into());
    let r = decide("売掛金が入らず資金が回らない。銀行の話より、相手への請求の仕方を相談したい");
    assert_eq!(r.category, ConsultCategory::Legal.into());
    // A wish that names no field leaves the desk to the trouble told.
    let r = decide("パワハラで社員が辞めてしまいました。どう対応すればいいか相談したいです");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Labour.into());
}

#[test]
fn a_latin_rule_word_inside_a_longer_word_is_not_said() {
    assert_eq!(
        decide("Which issues can the ward's consultation desk deal with?").handoff,
        None
    );
    let r = decide("A customer says they will sue us over a late delivery.");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Legal.into());
}

#[test]
fn a_debt_not_yet_taken_names_no_trouble() {
    assert_eq!(
        decide("借金はまだないのですが、開業資金の融資は申し込めますか").handoff,
        None
    );
    let r = decide("借金がまだ300万円あります。新しい融資は申し込めますか");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Financing.into());
}

#[test]
fn arrears_or_a_seizure_go_to_the_desk_of_what_is_owed() {
    let r = decide("事業税を払えておらず、差し押さえの予告が届きました");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Tax.into());
    let r = decide("銀行への返済を滞納していて、差し押さえになりそうです");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Financing.into());
}

#[test]
fn asking_what_a_rule_requires_of_anyone_is_answered() {
    assert_eq!(decide("有給休暇の決まりを教えてください").handoff, None);
    assert_eq!(
        decide("What's the repayment period of the ward's loan scheme?").handoff,
        None
    );
    let r = decide("うちの社員に有給を使わせなかったら、労基に行くと言われました");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Labour.into());
    let r = decide("We can't keep up with the repayment on our loan.");
    assert_eq!(r.handoff, Some(HandoffReason::SensitiveTopic));
    assert_eq!(r.category, ConsultCategory::Financing.into());
}
