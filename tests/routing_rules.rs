//! The routing rules on callers' words as they arrive (half-width kana, mixed widths), after
//! the same normalisation the chat applies. They live here, not beside the rules, because the
//! domain never depends on `text/`.

use shien_navi::domain::ConsultCategory;
use shien_navi::domain::handoff::{HandoffCategory, HandoffReason};
use shien_navi::domain::routing::examples::Votes;
use shien_navi::domain::routing::*;
use shien_navi::text::normalize;

fn decide(text: &str) -> Route {
    route(&normalize(text), 1.0, 0.3)
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
        category: (category, 1.0),
        nearest: ("例".into(), 0.9),
    }
}

fn blend(text: &str, v: &Votes) -> Route {
    route_with(&normalize(text), 1.0, 0.3, Some(v), Blend::default())
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
