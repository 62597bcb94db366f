//! Chat, feedback, hand-off tickets, the inquiry log and the staff console, end to end.

mod common;

use serde_json::json;
use shien_navi::domain::consultants::ConsultCategory;
use shien_navi::domain::handoff::{HandoffCategory, TicketStatus};

fn no_redirect_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_answers_with_citations_and_follow_ups_use_the_session() {
    let server = common::spawn(common::App::real_copy()).await;
    let (status, first) = server
        .post_json(
            "/api/v1/chat",
            json!({"message": "開業前でも区の創業融資は使えますか"}),
        )
        .await;
    assert_eq!(status, 200, "{first}");
    assert!(first["handoff"].is_null(), "{first}");
    assert!(
        first["citations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "minato-yushi-sogyo"),
        "{first}"
    );
    let session = first["session_id"].as_str().unwrap();
    let (_, follow) = server
        .post_json(
            "/api/v1/chat",
            json!({"session_id": session, "message": "それは個人事業主でも使えますか？"}),
        )
        .await;
    assert!(
        follow["reply"].as_str().unwrap().contains("個人事業主"),
        "{follow}"
    );
    assert_eq!(follow["citations"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_vague_question_gets_one_clarifying_question() {
    let server = common::spawn(common::App::real_copy()).await;
    let (_, r) = server
        .post_json("/api/v1/chat", json!({"message": "何か使える補助金ある？"}))
        .await;
    assert_eq!(r["clarifying"], true, "{r}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dismissal_is_handed_off_with_a_ticket_logged_masked() {
    let server = common::spawn(common::App::real_copy()).await;
    let (status, r) = server.post_json("/api/v1/chat", json!({"message": "従業員を解雇したらユニオンから団体交渉を求められました。担当は山田です。電話090-1111-2222"})).await;
    assert_eq!(status, 200);
    let handoff = &r["handoff"];
    assert_eq!(handoff["category"], "労務", "{r}");
    assert!(handoff["ticket"].as_str().unwrap().starts_with('T'));
    assert!(handoff["next_slot"].as_str().is_some());
    server.state.app.flush_log().await;
    let store = &server.state.app.store();
    let logged = store
        .inquiry(r["inquiry_id"].as_str().unwrap())
        .await
        .unwrap()
        .expect("logged");
    assert!(
        logged.text().contains("[電話番号]") && !logged.text().contains("090-1111-2222"),
        "{}",
        logged.text()
    );
    assert_eq!(logged.handoff_category.map(|c| c.label_ja()), Some("労務"));
    assert_eq!(
        logged.handoff_category,
        Some(HandoffCategory::Consult(ConsultCategory::Labour))
    );
    let tickets = store
        .tickets(Some(TicketStatus::Open), None, None)
        .await
        .unwrap();
    assert_eq!(tickets.len(), 1);
    assert!(
        tickets[0].summary.contains("ご相談内容") && !tickets[0].summary.contains("090-1111-2222")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_and_feedback_reject_bad_input() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, body) = server
        .post_json("/api/v1/chat", json!({"message": "   "}))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("empty_message"))
    );
    let (status, _) = server
        .post_json("/api/v1/chat", json!({"message": "あ".repeat(1001)}))
        .await;
    assert_eq!(status, 400);
    let (status, body) = server
        .post_json(
            "/api/v1/feedback",
            json!({"inquiry_id": "nope", "helpful": true}),
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_field"))
    );
    let (_, search) = server
        .post_json("/api/v1/search", json!({"query": "創業"}))
        .await;
    let _ = search;
    let id = uuid::Uuid::new_v4().to_string();
    let (status, body) = server
        .post_json(
            "/api/v1/feedback",
            json!({"inquiry_id": id, "helpful": false, "comment": "mail me at a@b.jp"}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    server.state.app.flush_log().await;
    let f = server.state.app.store().feedback_for(&id).await.unwrap();
    assert_eq!(f[0].comment(), Some("mail me at [メール]"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_requires_login_and_csrf() {
    let server = common::spawn(common::fixture_app()).await;
    let client = no_redirect_client();
    let r = client.get(server.url("/admin")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/login");
    let r = client
        .get(server.url("/admin/export/inquiries.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = client
        .get(server.url("/admin/tickets"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    server
        .state
        .app
        .store()
        .create_user(
            "staff",
            &shien_navi::app::staff::hash_password("a long enough password").unwrap(),
        )
        .await
        .unwrap();
    // A login without the form's CSRF token is refused.
    let r = client
        .post(server.url("/admin/login"))
        .form(&[
            ("username", "staff"),
            ("password", "a long enough password"),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let html = client
        .get(server.url("/admin/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::hidden(&html, "csrf");
    let r = client
        .post(server.url("/admin/login"))
        .form(&[
            ("username", "staff"),
            ("password", "a long enough password"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("shien_staff="))
        .unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let r = client.get(server.url("/admin")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let dashboard = r.text().await.unwrap();
    assert!(dashboard.contains("ダッシュボード") && dashboard.contains("<svg"));
    // Logging out without the session's CSRF token is refused.
    let r = client
        .post(server.url("/admin/logout"))
        .form(&[("csrf", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account() {
    let server = common::spawn(common::fixture_app()).await;
    let client = no_redirect_client();
    server
        .state
        .app
        .store()
        .create_user(
            "staff",
            &shien_navi::app::staff::hash_password("a long enough password").unwrap(),
        )
        .await
        .unwrap();
    for _ in 0..shien_navi::app::staff::LOCK_AFTER {
        let html = client
            .get(server.url("/admin/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let csrf = common::hidden(&html, "csrf");
        let r = client
            .post(server.url("/admin/login"))
            .form(&[
                ("username", "staff"),
                ("password", "wrong password!!"),
                ("csrf", &csrf),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401);
    }
    let html = client
        .get(server.url("/admin/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::hidden(&html, "csrf");
    let r = client
        .post(server.url("/admin/login"))
        .form(&[
            ("username", "staff"),
            ("password", "a long enough password"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "locked even with the right password");
    assert!(r.text().await.unwrap().contains("ロック"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_review_tickets_escape_logged_text_and_export_csv() {
    let server = common::spawn(common::App::real_copy()).await;
    let client = no_redirect_client();
    // Something hostile to display, and a hand-off ticket.
    server
        .post_json(
            "/api/v1/search",
            json!({"query": "<script>alert(1)</script> 創業"}),
        )
        .await;
    let (_, chat) = server
        .post_json(
            "/api/v1/chat",
            json!({"message": "取引先から損害賠償で訴えられそうです"}),
        )
        .await;
    let ticket = chat["handoff"]["ticket"].as_str().unwrap().to_string();
    let category = chat["handoff"]["category"].as_str().unwrap();
    let reason = chat["handoff"]["reason"].as_str().unwrap();
    assert_eq!((category, reason), ("法務", "専門家の判断が必要な相談"));
    server.state.app.flush_log().await;

    server
        .state
        .app
        .store()
        .create_user(
            "staff",
            &shien_navi::app::staff::hash_password("a long enough password").unwrap(),
        )
        .await
        .unwrap();
    let html = client
        .get(server.url("/admin/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::hidden(&html, "csrf");
    client
        .post(server.url("/admin/login"))
        .form(&[
            ("username", "staff"),
            ("password", "a long enough password"),
            ("csrf", &csrf),
        ])
        .send()
        .await
        .unwrap();

    let list = client
        .get(server.url("/admin/inquiries"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        common::shows_escaped(&list, "<script>alert(1)</script>"),
        "logged text is escaped"
    );

    let queue = client
        .get(server.url("/admin/tickets"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(queue.contains(&ticket));
    assert!(
        queue.contains("分野：法務") && queue.contains("状態：未対応"),
        "{queue}"
    );
    assert_shows_no_codes(&queue);
    let session_csrf = common::hidden(&queue, "csrf");
    let r = client
        .post(server.url(&format!("/admin/tickets/{ticket}/done")))
        .form(&[("csrf", "bad"), ("outcome", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = client
        .post(server.url(&format!("/admin/tickets/{ticket}/done")))
        .form(&[
            ("csrf", session_csrf.as_str()),
            ("outcome", "弁護士相談を予約済み"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let done = server
        .state
        .app
        .store()
        .tickets(Some(TicketStatus::Done), None, None)
        .await
        .unwrap();
    assert_eq!(done[0].outcome.as_deref(), Some("弁護士相談を予約済み"));
    assert_eq!(done[0].closed_by.as_deref(), Some("staff"));

    let r = client
        .get(server.url("/admin/export/inquiries.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("ID,日時(JST)"));
    assert!(text.lines().count() >= 3, "{text}");
    let r = client
        .get(server.url("/admin/export/tickets.csv"))
        .send()
        .await
        .unwrap();
    let text = String::from_utf8(r.bytes().await.unwrap()[3..].to_vec()).unwrap();
    assert!(text.contains(&ticket));
    // The ticket's record, to the end (its summary spans several lines).
    let row = &text[text.find(&ticket).unwrap()..];
    assert!(
        row.contains(category) && row.contains(reason) && row.contains(",対応済み,"),
        "{row}"
    );
    assert_shows_no_codes(row);

    let dashboard = client
        .get(server.url("/admin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        dashboard.contains(&format!("<td>{category}</td>"))
            && dashboard.contains(&format!("<td>{reason}</td>")),
        "the dashboard counts hand-offs by Japanese label"
    );
    assert_shows_no_codes(&dashboard);
}

/// Hand-off categories, reasons and ticket states reach people as Japanese labels only:
/// neither the stored codes nor Rust's Debug names.
fn assert_shows_no_codes(text: &str) {
    use shien_navi::domain::handoff::{HandoffReason, StableCode};
    let reasons = HandoffReason::ALL
        .iter()
        .flat_map(|r| [r.code().to_string(), format!("{r:?}")]);
    let categories = HandoffCategory::ALL
        .iter()
        .flat_map(|c| [c.code().to_string(), format!("{c:?}")]);
    for shown in reasons.chain(categories) {
        assert!(
            !text.contains(&format!(">{shown}<")) && !text.contains(&format!(",{shown},")),
            "{shown} shown in {text}"
        );
    }
}

#[test]
fn a_hand_off_asked_on_coming_of_age_day_2028_offers_the_next_working_day() {
    use shien_navi::app::chat::ChatBot;
    use shien_navi::domain::calendar::OfficeCalendar;
    use shien_navi::domain::inquiry::Channel;

    let app = common::real_app();
    let bot = ChatBot::new(app.settings.handoff_confidence);
    // Monday 2028-01-10 is 成人の日 (second Monday of January), past the old holiday table.
    let now = chrono::NaiveDate::from_ymd_opt(2028, 1, 10)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut session = shien_navi::app::chat::ChatSession::default();
    let out = bot
        .answer(
            app,
            &OfficeCalendar::new(),
            "s-2028".to_string(),
            &mut session,
            "担当者と直接話したいです",
            Channel::Web,
            now,
        )
        .unwrap();
    let handoff = out.reply.handoff.expect("handed off");
    let slot = handoff.next_slot.expect("a next slot");
    assert!(slot.starts_with("2028-01-11 "), "{slot}");
    assert!(!handoff.open_now);
    assert!(out.reply.reply.contains("01月11日"), "{}", out.reply.reply);
}
