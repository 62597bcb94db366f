//! The chat in the caller's language: an English message, or a page in English or
//! やさしい日本語, gets its hand-off notice, ticket number, desk name, desk hours and next staffed
//! time in that language, with official Japanese names beside translated ones; the warm summary
//! for the staff stays Japanese. Expected words are read from the catalogs, the corpus's
//! translations and the calendar, never written here. Through the real app over the real corpus.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Value, json};
use shien_navi::app::chat::{Caller, ChatBot, ChatOutcome, ChatSession};
use shien_navi::app::messages::Messages;
use shien_navi::domain::Lang;
use shien_navi::domain::calendar::OfficeCalendar;
use shien_navi::domain::handoff::{HandoffCategory, STAFF_QUEUE_ID, TicketStatus};
use shien_navi::domain::inquiry::Channel;

const ENGLISH_DISPUTE: &str =
    "A former employee says we never paid his overtime and wants to sue us.";
const JAPANESE_DISPUTE: &str = "従業員とのトラブルで労働問題の専門家と話したいです";

/// Saturday morning: every desk is closed, so the reply names the next staffed time.
fn saturday() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 6, 6)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn ask(message: &str, caller: Caller) -> ChatOutcome {
    let app = common::real_app();
    ChatBot::new(app.settings.handoff_confidence)
        .answer(
            app,
            &OfficeCalendar::new(),
            "s-languages".to_string(),
            &mut ChatSession::default(),
            message,
            caller,
            saturday(),
        )
        .unwrap()
}

/// The next staffed time of the desk a hand-off went to, as the calendar finds it.
fn next_slot(desk_id: &str) -> NaiveDateTime {
    let desk = common::real_app().corpus.desk(desk_id).expect("a desk");
    OfficeCalendar::new()
        .next_slot(desk, saturday())
        .expect("the desk is staffed within 60 days")
        .at
}

#[test]
fn an_english_message_gets_its_hand_off_in_english_with_desk_hours_and_next_slot() {
    // On the Japanese page: the message's own language decides.
    let out = ask(ENGLISH_DISPUTE, Caller::new(Channel::Web, Lang::Ja));
    let (reply, h) = (
        &out.reply.reply,
        out.reply.handoff.clone().expect("handed off"),
    );
    let en = Messages::new(Lang::En);
    assert_eq!(out.reply.lang, Lang::En);

    let corpus = &common::real_app().corpus;
    let desk = corpus.desk(&h.desk_id).unwrap();
    let english = corpus
        .translations
        .desk(Lang::En, &desk.id)
        .expect("every desk is translated");
    assert_eq!(h.desk, english.text.name, "the desk's English name");
    assert_eq!(h.how_to_book, english.text.how_to_book);
    for expected in [
        en.targs(
            "chat-handoff-desk",
            &[
                ("desk", &english.text.name),
                ("hours", &en.desk_hours(desk)),
            ],
        ),
        en.ta(
            "chat-handoff-next",
            "when",
            &en.slot_time(next_slot(&desk.id)),
        ),
        en.ta("chat-handoff-booking", "how", &english.text.how_to_book),
        en.ta("chat-handoff-ticket", "ticket", &h.ticket),
        en.targs(
            "chat-handoff-consult",
            &[
                ("staff", &desk.staff),
                ("field", &en.handoff_category(h.category)),
                ("reason", &en.handoff_reason(h.reason)),
            ],
        ),
    ] {
        assert!(
            reply.contains(&expected),
            "missing 「{expected}」 in:\n{reply}"
        );
    }
    // Japanese only inside the names it quotes: none of the Japanese reply's sentences.
    for japanese in [
        "受付番号",
        "窓口：",
        "予約方法",
        "ただいま",
        "おつなぎします",
    ] {
        assert!(!reply.contains(japanese), "{japanese} in:\n{reply}");
    }

    // The staff read the summary in Japanese, and learn the caller's language.
    let ticket = out.ticket.expect("a ticket");
    assert_eq!(ticket.id, h.ticket);
    assert!(ticket.summary.contains("ご相談内容"), "{}", ticket.summary);
    assert!(
        ticket.summary.contains("案内した言語：英語"),
        "{}",
        ticket.summary
    );
    assert!(ticket.summary.contains(&h.category.label_ja().to_string()));
}

#[test]
fn the_easy_page_gets_its_hand_off_in_easy_japanese() {
    let out = ask(JAPANESE_DISPUTE, Caller::new(Channel::Web, Lang::Easy));
    let (reply, h) = (
        &out.reply.reply,
        out.reply.handoff.clone().expect("handed off"),
    );
    let easy = Messages::new(Lang::Easy);
    let ja = Messages::new(Lang::Ja);
    assert_eq!(out.reply.lang, Lang::Easy);

    let corpus = &common::real_app().corpus;
    let desk = corpus.desk(&h.desk_id).unwrap();
    let words = corpus
        .translations
        .desk(Lang::Easy, &desk.id)
        .expect("translated");
    assert_eq!(h.desk, words.text.name);
    let when = easy.slot_time(next_slot(&desk.id));
    for expected in [
        easy.targs(
            "chat-handoff-desk",
            &[
                ("desk", &words.text.name),
                ("hours", &easy.desk_hours(desk)),
            ],
        ),
        easy.ta("chat-handoff-next", "when", &when),
        easy.ta("chat-handoff-ticket", "ticket", &h.ticket),
    ] {
        assert!(
            reply.contains(&expected),
            "missing 「{expected}」 in:\n{reply}"
        );
    }
    // Not the administrative Japanese sentences.
    assert!(!reply.contains(&ja.t("chat-handoff-open-now")), "{reply}");
    assert!(!reply.contains("ただいまは受付時間外です"), "{reply}");
    let ticket = out.ticket.expect("a ticket");
    assert!(
        ticket.summary.contains("案内した言語：やさしい日本語"),
        "{}",
        ticket.summary
    );
}

#[test]
fn a_japanese_hand_off_stays_as_it_was() {
    let out = ask(JAPANESE_DISPUTE, Channel::Web.into());
    let (reply, h) = (
        &out.reply.reply,
        out.reply.handoff.clone().expect("handed off"),
    );
    assert_eq!(out.reply.lang, Lang::Ja);
    let desk = common::real_app().corpus.desk(&h.desk_id).unwrap();
    assert_eq!(h.desk, desk.name);
    let slot = next_slot(&desk.id).format("%m月%d日 %H:%M").to_string();
    for expected in [
        format!("窓口：{}（{}）", desk.name, desk.schedule_ja()),
        format!("ただいまは受付時間外です。次の受付は {slot} からです。"),
        format!("予約方法：{}", desk.how_to_book),
        format!("受付番号：{}", h.ticket),
    ] {
        assert!(
            reply.contains(&expected),
            "missing 「{expected}」 in:\n{reply}"
        );
    }
    let ticket = out.ticket.unwrap();
    assert!(
        !ticket.summary.contains("案内した言語"),
        "{}",
        ticket.summary
    );
}

#[test]
fn an_english_complaint_goes_to_the_staff_queue_in_english() {
    let out = ask(
        "I want to complain: the staff at your counter were rude and gave me wrong information.",
        Channel::Web.into(),
    );
    let h = out.reply.handoff.clone().expect("handed off");
    assert_eq!(
        h.category,
        HandoffCategory::ServiceComplaint,
        "{}",
        out.reply.reply
    );
    assert_eq!(h.desk_id, STAFF_QUEUE_ID);
    let en = Messages::new(Lang::En);
    assert_eq!(h.desk, en.t("staff-queue-name"));
    let reply = &out.reply.reply;
    assert!(
        reply.contains(&en.office_hours(&OfficeCalendar::new())),
        "the centre's hours in English: {reply}"
    );
    assert!(
        reply.contains(&en.ta("chat-handoff-ticket", "ticket", &h.ticket)),
        "{reply}"
    );
}

async fn chat(server: &common::TestServer, body: Value) -> Value {
    let (status, r) = server.post_json("/api/v1/chat", body).await;
    assert_eq!(status, 200, "{r}");
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_answers_in_the_language_asked_and_logs_a_japanese_summary() {
    let server = common::spawn(common::App::real_copy()).await;
    let corpus = &server.state.app.engine().corpus;

    let r = chat(&server, json!({ "message": ENGLISH_DISPUTE })).await;
    assert_eq!(r["lang"], "en", "{r}");
    let desk_id = r["handoff"]["desk_id"].as_str().unwrap();
    let english = corpus.translations.desk(Lang::En, desk_id).unwrap();
    assert_eq!(r["handoff"]["desk"], english.text.name.as_str());
    // The API's codes stay as they were: category and reason as Japanese labels.
    assert_eq!(r["handoff"]["category"], "労務", "{r}");
    let ticket = r["handoff"]["ticket"].as_str().unwrap();
    let en = Messages::new(Lang::En);
    assert!(
        r["reply"]
            .as_str()
            .unwrap()
            .contains(&en.ta("chat-handoff-ticket", "ticket", ticket)),
        "{r}"
    );

    // The page's language, said in the request or kept in the cookie.
    let r = chat(
        &server,
        json!({ "message": JAPANESE_DISPUTE, "lang": "easy" }),
    )
    .await;
    assert_eq!(r["lang"], "easy", "{r}");
    let easy_ticket = r["handoff"]["ticket"].as_str().unwrap().to_string();
    let easy = Messages::new(Lang::Easy);
    assert!(
        r["reply"].as_str().unwrap().contains(&easy.ta(
            "chat-handoff-ticket",
            "ticket",
            &easy_ticket
        )),
        "{r}"
    );
    let by_cookie = reqwest::Client::new()
        .post(server.url("/api/v1/chat"))
        .header("cookie", "shien_lang=easy")
        .json(&json!({ "message": JAPANESE_DISPUTE }))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(by_cookie["lang"], "easy", "{by_cookie}");
    let (status, _) = server
        .post_json("/api/v1/chat", json!({ "message": "x", "lang": "fr" }))
        .await;
    assert_eq!(status, 400, "an unknown language is refused");

    server.state.app.flush_log().await;
    let tickets = server
        .state
        .app
        .store()
        .tickets(Some(TicketStatus::Open), None, None)
        .await
        .unwrap();
    let stored = tickets
        .iter()
        .find(|t| t.id == ticket)
        .expect("the English ticket is logged");
    assert!(
        stored.summary.starts_with("ご相談内容："),
        "{}",
        stored.summary
    );
    assert!(
        stored.summary.contains("案内した言語：英語"),
        "{}",
        stored.summary
    );
    assert!(tickets.iter().any(|t| t.id == easy_ticket));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_overview_names_each_scheme_in_english_beside_its_official_name() {
    let server = common::spawn(common::App::real_copy()).await;
    let r = chat(
        &server,
        json!({ "message": "What support is there for opening a restaurant in Minato?" }),
    )
    .await;
    assert_eq!(r["lang"], "en", "{r}");
    assert!(r["handoff"].is_null(), "{r}");
    let reply = r["reply"].as_str().unwrap();
    let corpus = &server.state.app.engine().corpus;
    let named: Vec<&str> = r["citations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            let id = c["id"].as_str().unwrap();
            let english = corpus.translations.scheme(Lang::En, id)?;
            let official = corpus.scheme(id)?.title.as_str();
            (reply.contains(&english.text.title) && reply.contains(official)).then_some(id)
        })
        .collect();
    assert!(
        named.len() >= 2,
        "schemes named in English and Japanese: {named:?}\n{reply}"
    );
    assert!(
        reply.contains(&Messages::new(Lang::En).t("chat-overview-closing")),
        "{reply}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chat_page_speaks_the_page_language_and_marks_japanese_inside_english() {
    let server = common::spawn(common::App::real_copy()).await;
    let client = reqwest::Client::new();
    let post = |lang: &'static str, message: &'static str| {
        client
            .post(server.url(&format!("/chat?lang={lang}")))
            .form(&[("message", message)])
            .send()
    };

    let html = post("en", ENGLISH_DISPUTE)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let en = Messages::new(Lang::En);
    assert!(html.contains(r#"<html lang="en">"#), "{html}");
    assert!(html.contains(&format!("<h1>{}</h1>", en.t("chat-title"))));
    assert!(
        html.contains(&format!("{} <strong>T", en.t("chat-ticket"))),
        "{html}"
    );
    assert!(
        !html.contains("受付番号"),
        "no Japanese notice on the English page"
    );
    // Every Japanese run of the desk's English name is marked as Japanese.
    let corpus = &server.state.app.engine().corpus;
    let desk_name = corpus
        .translations
        .desk(Lang::En, "minato-keiei-sodan-center")
        .map(|t| t.text.name.clone())
        .unwrap();
    for segment in shien_navi::domain::corpus::translation::mark_japanese(&desk_name) {
        if let shien_navi::domain::corpus::translation::Segment::Japanese(j) = segment
            && html.contains(&j)
        {
            assert!(
                html.contains(&format!(r#"<span lang="ja">{j}</span>"#)),
                "{j}"
            );
        }
    }

    // An English message on the Japanese page: the page stays Japanese, the reply is marked
    // as English.
    let html = post("ja", ENGLISH_DISPUTE)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="ja">"#));
    assert!(
        html.contains("受付番号 <strong>T"),
        "the notice in Japanese"
    );
    assert!(
        html.contains(r#"<span lang="en">This question needs"#),
        "{html}"
    );

    // やさしい日本語: the page's own words and the notice.
    let html = post("easy", JAPANESE_DISPUTE)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let easy = Messages::new(Lang::Easy);
    assert!(html.contains(&format!("<h1>{}</h1>", easy.t("chat-title"))));
    assert!(
        html.contains(&format!("{} <strong>T", easy.t("chat-ticket"))),
        "{html}"
    );
    assert!(html.contains(&easy.t("chat-send")));
    assert!(
        !html.contains("ただいま"),
        "no administrative Japanese in the reply: {html}"
    );

    // A refused message in the page's language.
    let r = post("en", "   ").await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.unwrap().contains(&en.t("chat-error-empty")));
}

#[test]
fn an_easy_question_on_amount_and_deadline_gets_easy_fact_sentences_with_the_entrys_numbers() {
    use shien_navi::app::chat::facts::label;
    use shien_navi::domain::asked::Asked;
    use shien_navi::domain::facts::date_ja;
    use shien_navi::domain::scheme::yen_ja;

    let out = ask(
        "ものづくり補助金は いくら もらえますか？ いつまで 申し込めますか？",
        Caller::new(Channel::Web, Lang::Easy),
    );
    let reply = &out.reply.reply;
    assert_eq!(out.reply.lang, Lang::Easy);
    assert!(out.reply.handoff.is_none(), "{reply}");
    assert_eq!(
        out.reply.citations.first().map(|c| c.id.as_str()),
        Some("national-monozukuri"),
        "{reply}"
    );
    let scheme = common::real_app()
        .corpus
        .scheme("national-monozukuri")
        .unwrap();
    let max = scheme.amount.as_ref().and_then(|a| a.max_yen).unwrap();
    let round = scheme.window.rounds.last().expect("a round");
    let easy = Messages::new(Lang::Easy);
    // The ceiling and the round's dates from the entry's fields, in easy sentences.
    let ceiling = easy.targs(
        "chat-fact-amount-ceiling",
        &[
            ("what", &easy.t("chat-fact-amount-of-grant")),
            ("amount", &yen_ja(max)),
        ],
    );
    assert!(ceiling.contains(&yen_ja(max)), "{ceiling}");
    let dates = format!("{}から {}まで", date_ja(round.opens), date_ja(round.closes));
    for expected in [
        format!("{}：{ceiling}", label(easy, Asked::Amount)),
        format!("{}：", label(easy, Asked::Deadline)),
        format!("{}の 申し込みは {dates}", round.label),
        easy.t("chat-fact-round-closed"),
        easy.t("chat-fact-note"),
    ] {
        assert!(
            reply.contains(&expected),
            "missing 「{expected}」 in:\n{reply}"
        );
    }
    // Not the administrative Japanese fact sentences.
    let ja = Messages::new(Lang::Ja);
    for administrative in [
        label(ja, Asked::Amount),
        label(ja, Asked::Deadline),
        "の受付期間は".to_string(),
        "補助・助成の額".to_string(),
    ] {
        assert!(
            !reply.contains(&administrative),
            "{administrative} in:\n{reply}"
        );
    }
}
