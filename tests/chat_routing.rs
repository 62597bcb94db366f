//! The chatbot hands off to the desk that decides: each consultant's field, a question on the
//! edge of a rule for the caller's own case (with the rule quoted), a complaint as a staff
//! ticket of its own kind, English messages, and phrasings no rule names (the labelled
//! examples nearest in meaning). Through the real app over the real corpus.

mod common;

use shien_navi::app::chat::{ChatBot, ChatOutcome, ChatSession};
use shien_navi::domain::calendar::OfficeCalendar;
use shien_navi::domain::handoff::{HandoffCategory, HandoffReason, STAFF_QUEUE_ID};
use shien_navi::domain::inquiry::Channel;

fn ask(message: &str) -> ChatOutcome {
    let app = common::real_app();
    let bot = ChatBot::new(app.settings.handoff_confidence);
    // A Tuesday morning, desks staffed.
    let now = chrono::NaiveDate::from_ymd_opt(2026, 6, 2)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    bot.answer(
        app,
        &OfficeCalendar::new(),
        "s-routing".to_string(),
        &mut ChatSession::default(),
        message,
        Channel::Web,
        now,
    )
    .unwrap()
}

fn handed_off(message: &str) -> (HandoffCategory, HandoffReason, ChatOutcome) {
    let out = ask(message);
    let h = out
        .reply
        .handoff
        .clone()
        .unwrap_or_else(|| panic!("{message} was answered: {}", out.reply.reply));
    (h.category, h.reason, out)
}

#[test]
fn a_move_within_the_ward_goes_to_a_person_with_the_known_rule_quoted() {
    let (category, reason, out) = handed_off(
        "本店を渋谷区から港区に移転して8か月です。区の融資あっせんの「区内で1年以上」の条件は満たしますか",
    );
    assert_eq!(reason, HandoffReason::IndividualJudgement);
    assert_eq!(category.label_ja(), "融資");
    let ticket = out.ticket.expect("a ticket for the desk");
    assert!(
        ticket.summary.contains("ボットが把握している規定") && ticket.summary.contains("1年以上"),
        "{}",
        ticket.summary
    );
    // The rule the question asks about is stated as the general one, before the hand-off.
    let reply = &out.reply.reply;
    assert!(
        reply.contains("1年以上") && reply.contains("一般的な条件"),
        "{reply}"
    );
    assert!(
        reply.find("1年以上") < reply.find("専門"),
        "the rule comes first: {reply}"
    );
}

#[test]
fn a_hand_off_that_also_asks_an_amount_states_it_first() {
    let (_, reason, out) = handed_off(
        "港区の創業支援融資のあっせん限度額はいくらですか。うちの場合に借りられるか、担当の方と直接話したいです",
    );
    assert!(
        matches!(
            reason,
            HandoffReason::AskedForPerson | HandoffReason::IndividualJudgement
        ),
        "{reason:?}"
    );
    let reply = &out.reply.reply;
    assert!(
        reply.contains("1,500万円") || reply.contains("1500万円"),
        "{reply}"
    );
    assert_eq!(
        out.reply.citations.first().map(|c| c.id.as_str()),
        Some("minato-yushi-sogyo"),
        "{:?}",
        out.reply.citations
    );
}

#[test]
fn the_same_rule_asked_in_general_is_answered() {
    let out = ask("区の融資あっせんを使える事業者の条件を一般論で教えてください");
    assert!(out.reply.handoff.is_none(), "{}", out.reply.reply);
}

#[test]
fn a_calculation_of_ones_own_tax_goes_to_the_tax_desk() {
    let (category, reason, _) =
        handed_off("今年の売上が1200万円になりそうです。私の消費税はいくらになるか計算してほしい");
    assert_eq!(category.label_ja(), "税務");
    assert_eq!(reason, HandoffReason::IndividualJudgement);
}

#[test]
fn a_complaint_about_the_service_is_a_staff_ticket_not_a_consultant() {
    let (category, reason, out) = handed_off(
        "先週センターの窓口で相談したら、担当の人の説明が前と全然違っていて納得できません",
    );
    assert_eq!(category, HandoffCategory::ServiceComplaint);
    assert_eq!(reason, HandoffReason::Complaint);
    let handoff = out.reply.handoff.unwrap();
    assert_eq!(handoff.desk_id, STAFF_QUEUE_ID);
    assert!(
        !out.reply.reply.contains("相談員におつなぎ"),
        "{}",
        out.reply.reply
    );
    let ticket = out.ticket.expect("a staff ticket");
    assert_eq!(ticket.category, HandoffCategory::ServiceComplaint);
}

#[test]
fn each_desks_trouble_reaches_that_desk() {
    for (message, desk) in [
        ("従業員に残業代を払えと言われて揉めています", "労務"),
        (
            "他社から商標権を侵害しているという警告書が届きました",
            "知財",
        ),
        ("取引先が半年も請求書の代金を払ってくれません", "法務"),
        ("税務署から追徴課税の通知が来ました", "税務"),
        ("来月の借入の返済ができそうにありません", "融資"),
        (
            "創業したばかりですが、事業計画書を見てもらえませんか",
            "創業",
        ),
    ] {
        let (category, _, _) = handed_off(message);
        assert_eq!(category.label_ja(), desk, "{message}");
    }
}

#[test]
fn an_english_hand_off_reaches_the_labour_desk() {
    let (category, reason, _) =
        handed_off("A former employee says we never paid his overtime and wants to sue us.");
    assert_eq!(category.label_ja(), "労務");
    assert_eq!(reason, HandoffReason::SensitiveTopic);
}

#[test]
fn a_general_question_stays_answered() {
    for message in [
        "ハラスメント防止の研修に使える助成金はありますか",
        "What is the interest rate on Minato's business loans?",
    ] {
        let out = ask(message);
        assert!(
            out.reply.handoff.is_none(),
            "{message}: {}",
            out.reply.reply
        );
    }
}

#[test]
fn a_kana_only_message_reaches_the_desk_its_kanji_form_would() {
    for (message, desk) in [
        (
            "じゅうぎょういんを かいこしたら もめて しまいました",
            "労務",
        ),
        (
            "ほかの かいしゃに とっきょ しんがいだと いわれました",
            "知財",
        ),
    ] {
        let (category, reason, _) = handed_off(message);
        assert_eq!(category.label_ja(), desk, "{message}");
        assert_eq!(reason, HandoffReason::SensitiveTopic, "{message}");
    }
}

#[test]
fn the_desk_the_caller_asks_for_instead_of_another_is_the_one_reached() {
    let (category, _, _) =
        handed_off("税金の話じゃなくて、パートさんの雇用契約のことを相談したいです");
    assert_eq!(category.label_ja(), "労務");
}

#[test]
fn asking_only_where_and_when_the_desk_for_a_trouble_is_open_is_answered() {
    let out = ask("パワハラ問題の相談窓口はどこにありますか?何時まで受け付けていますか");
    assert!(out.reply.handoff.is_none(), "{}", out.reply.reply);
}

#[test]
fn a_complaint_in_kana_or_english_is_a_staff_ticket() {
    for message in [
        "まどぐちで たらいまわしに されました。ひどいです",
        "Your service was useless: I was sent around from desk to desk and nobody helped.",
    ] {
        let (category, reason, _) = handed_off(message);
        assert_eq!(category, HandoffCategory::ServiceComplaint, "{message}");
        assert_eq!(reason, HandoffReason::Complaint, "{message}");
    }
}
