use super::*;

fn decide(text: &str) -> Route {
    route(&crate::text::normalize(text), 1.0, 0.3)
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
