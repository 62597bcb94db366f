//! The monthly report to the ward (実施報告) and the corpus freshness board, end to end: the real
//! app on a fresh SQLite log, a month of fixture records, and the page and CSV staff download.
//!
//! The application's actions stamp records with the current time, so the fixture's inquiries,
//! hand-offs and feedback, which must fall on chosen days of past months, are written through
//! the store's typed `insert_entries` (the path the inquiry log writer takes, texts masked by
//! the app's masker), and the hand-offs are closed through `App::close_ticket`.

mod common;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use shien_navi::domain::consultants::ConsultCategory;
use shien_navi::domain::handoff::{HandoffCategory, HandoffReason, STAFF_QUEUE_ID, TicketStatus};
use shien_navi::domain::inquiry::{
    Channel, Feedback, Inquiry, InquiryKind, LogEntry, ShownResult, Ticket,
};

const AD: &str = "minato-test-advertising"; // 港区
const LOAN: &str = "minato-test-sogyo-loan"; // 港区
const JOSEI: &str = "tokyo-test-josei"; // 東京都
const IT: &str = "national-test-it"; // 国

/// A Tokyo wall-clock time ("2025-09-01 00:10") as the instant it is.
fn jst(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
        - Duration::hours(9)
}

struct Fixture<'a> {
    app: &'a shien_navi::app::App,
    entries: Vec<LogEntry>,
}

impl Fixture<'_> {
    #[allow(clippy::too_many_arguments)]
    fn inquiry(
        &mut self,
        at: &str,
        channel: Channel,
        kind: InquiryKind,
        text: &str,
        purposes: &[&str],
        results: &[&str],
        confidence: Option<f32>,
    ) -> String {
        let mut i = Inquiry::new(channel, kind, self.app.engine().mask(text));
        i.created_at = jst(at);
        i.purposes = purposes.iter().map(|p| p.to_string()).collect();
        i.results = results
            .iter()
            .map(|id| ShownResult {
                id: id.to_string(),
                score: 1.0,
                explanation: None,
            })
            .collect();
        i.confidence = confidence;
        let id = i.id.clone();
        self.entries.push(LogEntry::Inquiry(i));
        id
    }

    fn ticket(
        &mut self,
        id: &str,
        inquiry_id: &str,
        at: &str,
        category: HandoffCategory,
        reason: HandoffReason,
    ) {
        self.entries.push(LogEntry::Ticket(Ticket {
            id: id.into(),
            inquiry_id: inquiry_id.into(),
            created_at: jst(at),
            category,
            desk_id: if category == HandoffCategory::ServiceComplaint {
                STAFF_QUEUE_ID.into()
            } else {
                "test-desk".into()
            },
            reason,
            summary: "要約".into(),
            next_slot: None,
            status: TicketStatus::Open,
            outcome: None,
            closed_at: None,
            closed_by: None,
        }));
    }

    fn feedback(&mut self, at: &str, inquiry_id: &str, helpful: bool) {
        let mut f = Feedback::new(inquiry_id, helpful, None);
        f.created_at = jst(at);
        self.entries.push(LogEntry::Feedback(f));
    }
}

/// Writes the fixture: September 2025 (the month reported), August 2025 (the month before) and
/// one minute past September in Tokyo. The expected figures in the test are counted from this.
async fn write_fixture(app: &shien_navi::app::App) {
    use Channel::{Api, Operator, Web};
    use InquiryKind::{Chat, Recommend, Search};
    let mut f = Fixture {
        app,
        entries: Vec::new(),
    };
    // September (S1–S11). S1 is 2025-08-31 15:10 UTC: September already in Tokyo.
    let s1 = f.inquiry(
        "2025-09-01 00:10",
        Web,
        Search,
        "創業 融資",
        &["創業"],
        &[LOAN, AD],
        Some(0.8),
    );
    f.inquiry(
        "2025-09-01 10:00",
        Web,
        Search,
        "広告 補助",
        &["販路拡大"],
        &[AD],
        Some(0.7),
    );
    f.inquiry(
        "2025-09-02 11:00",
        Operator,
        Search,
        "IT 補助金",
        &["IT導入"],
        &[IT, AD],
        Some(0.6),
    );
    f.inquiry(
        "2025-09-02 12:00",
        Api,
        Search,
        "宇宙旅行の補助",
        &[],
        &[],
        None,
    );
    f.inquiry(
        "2025-09-03 09:00",
        Web,
        Chat,
        "宇宙旅行の補助",
        &[],
        &[],
        Some(0.0),
    );
    f.inquiry(
        "2025-09-03 10:00",
        Web,
        Chat,
        "何か使える？",
        &[],
        &[JOSEI],
        Some(0.2),
    );
    let s7 = f.inquiry(
        "2025-09-10 14:00",
        Web,
        Chat,
        "解雇の相談",
        &[],
        &[AD],
        Some(0.5),
    );
    let s8 = f.inquiry(
        "2025-09-15 16:00",
        Operator,
        Chat,
        "対応が遅い",
        &[],
        &[LOAN],
        Some(0.9),
    );
    f.inquiry(
        "2025-09-20 13:00",
        Web,
        Recommend,
        "質問票の回答",
        &["創業", "資金繰り"],
        &[LOAN, JOSEI],
        None,
    );
    f.inquiry(
        "2025-09-30 23:50",
        Web,
        Search,
        "創業 融資",
        &["創業"],
        &[LOAN],
        Some(0.9),
    );
    f.inquiry(
        "2025-09-11 09:00",
        Web,
        Chat,
        "電話は090-1234-5678です 何か",
        &[],
        &[IT],
        Some(0.1),
    );
    // October in Tokyo (2025-09-30 15:30 UTC): not September.
    f.inquiry(
        "2025-10-01 00:30",
        Web,
        Search,
        "創業 融資",
        &["創業"],
        &[LOAN],
        Some(0.9),
    );
    // August (A1–A4).
    let a1 = f.inquiry(
        "2025-08-05 10:00",
        Web,
        Search,
        "創業",
        &["創業"],
        &[LOAN],
        Some(0.8),
    );
    f.inquiry(
        "2025-08-06 10:00",
        Web,
        Search,
        "IT",
        &["IT導入"],
        &[IT, AD],
        Some(0.8),
    );
    f.inquiry(
        "2025-08-31 23:00",
        Operator,
        Search,
        "IT 導入",
        &["IT導入"],
        &[IT],
        Some(0.8),
    );
    f.inquiry("2025-08-20 10:00", Web, Search, "謎", &[], &[], None);

    f.ticket(
        "T-S7",
        &s7,
        "2025-09-10 14:00",
        ConsultCategory::Labour.into(),
        HandoffReason::SensitiveTopic,
    );
    f.ticket(
        "T-S8",
        &s8,
        "2025-09-15 16:00",
        HandoffCategory::ServiceComplaint,
        HandoffReason::Complaint,
    );
    f.ticket(
        "T-A1",
        &a1,
        "2025-08-25 10:00",
        ConsultCategory::Founding.into(),
        HandoffReason::AskedForPerson,
    );

    f.feedback("2025-09-01 00:20", &s1, true);
    f.feedback("2025-09-10 15:00", &s7, true);
    f.feedback("2025-09-30 23:59", &s1, true);
    f.feedback("2025-09-15 17:00", &s8, false);
    f.feedback("2025-10-01 00:01", &s1, true);
    f.feedback("2025-08-31 23:59", &a1, false);

    assert_eq!(
        app.store().insert_entries(&f.entries).await.unwrap() as usize,
        f.entries.len()
    );

    // Corpus changes, as the audit log holds them.
    use shien_navi::domain::staff::{Actor, AuditAction as A, AuditRecord, Role};
    let editor = Actor::Staff {
        username: "editor1".into(),
        role: Role::Editor,
    };
    for (at, actor, action, target) in [
        (
            "2025-08-20 10:00",
            &editor,
            A::CorpusPublished,
            Some("schemes/ward/minato-test-advertising.toml"),
        ),
        (
            "2025-09-01 00:05",
            &editor,
            A::CorpusPublished,
            Some("schemes/ward/minato-test-advertising.toml"),
        ),
        (
            "2025-09-02 11:00",
            &editor,
            A::CorpusDraftSaved,
            Some("schemes/ward/minato-test-sogyo-loan.toml"),
        ),
        ("2025-09-03 11:00", &editor, A::CorpusExported, None),
        (
            "2025-09-15 14:00",
            &editor,
            A::CorpusRolledBack,
            Some("schemes/ward/minato-test-sogyo-loan.toml"),
        ),
        (
            "2025-09-30 23:50",
            &Actor::CommandLine,
            A::CorpusImported,
            None,
        ),
        (
            "2025-10-01 00:05",
            &editor,
            A::CorpusDeleted,
            Some("schemes/ward/minato-test-advertising.toml"),
        ),
    ] {
        let mut record = AuditRecord::new(actor.clone(), action, target, "");
        record.at = jst(at);
        app.store().append_audit(&record).await.unwrap();
    }
    let (_, desk) =
        common::staff_login(app, "desk", shien_navi::domain::staff::Role::Reviewer).await;
    app.close_ticket("T-S7", "社会保険労務士の相談を予約した", &desk)
        .await
        .unwrap();
    app.close_ticket("T-A1", "創業相談へ案内した", &desk)
        .await
        .unwrap();
}

/// A client logged in as staff (no redirects followed), and one that is not.
async fn staff_client(server: &common::TestServer) -> reqwest::Client {
    let app = &server.state.app;
    app.store()
        .create_user(
            "staff",
            &shien_navi::app::staff::hash_password("a long enough password").unwrap(),
        )
        .await
        .unwrap();
    let login = app
        .login("staff", "a long enough password")
        .await
        .unwrap_or_else(|e| panic!("login: {e}"));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("shien_staff={}", login.token).parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn get(client: &reqwest::Client, server: &common::TestServer, path: &str) -> (u16, Vec<u8>) {
    let r = client.get(server.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.bytes().await.unwrap().to_vec())
}

/// The CSV's rows, keyed by (区分, 項目), with (件数, 前月の件数, 備考).
type CsvRows = HashMap<(String, String), (String, String, String)>;

/// The CSV's header and rows (see [`CsvRows`]), after checking the byte-order mark.
fn csv_table(bytes: &[u8]) -> (Vec<String>, CsvRows) {
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "UTF-8 BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                (r[0].to_string(), r[1].to_string()),
                (r[2].to_string(), r[3].to_string(), r[4].to_string()),
            )
        })
        .collect();
    (header, rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_monthly_report_counts_a_fixture_month_as_counted_by_hand() {
    let server = common::spawn(common::fixture_app()).await;
    write_fixture(&server.state.app).await;
    let client = staff_client(&server).await;

    let (status, bytes) = get(&client, &server, "/admin/report.csv?month=2025-09").await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    let (header, rows) = csv_table(&bytes);
    assert_eq!(header, ["区分", "項目", "件数", "前月の件数", "備考"]);
    let cell = |section: &str, item: &str| -> (String, String) {
        let (n, prev, _) = rows
            .get(&(section.to_string(), item.to_string()))
            .unwrap_or_else(|| panic!("no row {section} / {item}: {rows:?}"));
        (n.clone(), prev.clone())
    };
    let n = |section: &str, item: &str| cell(section, item).0;
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());

    // September: S1–S11 = 11 (the 10-01 00:30 one is October's); August: A1–A4 = 4.
    assert_eq!(cell("概要", "問い合わせ"), pair("11", "4"));
    // Web S1 S2 S5 S6 S7 S9 S10 S11 = 8; operator S3 S8 = 2; API S4 = 1. August: 3 Web, 1 operator.
    assert_eq!(cell("チャネル別", "Web"), pair("8", "3"));
    assert_eq!(cell("チャネル別", "オペレーター"), pair("2", "1"));
    assert_eq!(cell("チャネル別", "API"), pair("1", "0"));
    // Search S1 S2 S3 S4 S10 = 5; questionnaire S9 = 1; chat S5 S6 S7 S8 S11 = 5.
    assert_eq!(n("種類別", "検索"), "5");
    assert_eq!(n("種類別", "質問票"), "1");
    assert_eq!(n("種類別", "チャット"), "5");
    // 創業: S1 S9 S10 = 3 (August: A1 = 1); 販路拡大 S2, IT導入 S3, 資金繰り S9 = 1 each
    // (IT導入 in August: A2 A3 = 2); none picked: S4 S5 S6 S7 S8 S11 = 6.
    assert_eq!(cell("目的別", "創業"), pair("3", "1"));
    assert_eq!(cell("目的別", "IT導入"), pair("1", "2"));
    assert_eq!(n("目的別", "販路拡大"), "1");
    assert_eq!(n("目的別", "資金繰り"), "1");
    assert_eq!(n("目的別", "目的の指定なし"), "6");
    // First scheme shown: 港区 S1 S2 S7 S8 S9 S10 = 6; 東京都 S6 = 1; 国 S3 S11 = 2; none S4 S5 = 2.
    assert_eq!(n("制度の区分別", "港区"), "6");
    assert_eq!(n("制度の区分別", "東京都"), "1");
    assert_eq!(n("制度の区分別", "国"), "2");
    assert_eq!(n("制度の区分別", "表示した制度なし"), "2");
    // Days: 01 S1 S2; 02 S3 S4; 03 S5 S6; 10 S7; 11 S11; 15 S8; 20 S9; 30 S10 (23:50 in Tokyo).
    for (day, count) in [
        ("2025-09-01", "2"),
        ("2025-09-02", "2"),
        ("2025-09-03", "2"),
        ("2025-09-04", "0"),
        ("2025-09-10", "1"),
        ("2025-09-30", "1"),
    ] {
        assert_eq!(n("日別", day), count, "{day}");
    }
    assert_eq!(
        rows.get(&pair("日別", "2025-09-02")).unwrap().2,
        "Web 0／オペレーター 1／API 1"
    );
    assert!(!rows.contains_key(&pair("日別", "2025-10-01")));
    // Hand-offs: T-S7 (労務, closed) and T-S8 (苦情・ご意見, open) in September; T-A1 in August.
    assert_eq!(cell("概要", "引き継ぎ"), pair("2", "1"));
    assert_eq!(cell("概要", "うち対応済み"), pair("1", "1"));
    assert_eq!(cell("概要", "うち未対応"), pair("1", "0"));
    assert_eq!(n("引き継ぎ（分野別）", "労務"), "1");
    assert_eq!(n("引き継ぎ（分野別）", "苦情・ご意見"), "1");
    assert_eq!(cell("引き継ぎ（分野別）", "創業"), pair("0", "1"));
    assert_eq!(n("引き継ぎ（理由別）", "専門家の判断が必要な相談"), "1");
    assert_eq!(n("引き継ぎ（理由別）", "個別の事情や書類の確認が必要"), "0");
    assert_eq!(
        n("引き継ぎ（理由別）", HandoffReason::Complaint.label_ja()),
        "1"
    );
    let outcome = &rows.get(&pair("引き継ぎの対応結果", "T-S7")).unwrap().2;
    assert!(
        outcome.contains("分野：労務") && outcome.contains("社会保険労務士の相談を予約した"),
        "{outcome}"
    );
    assert!(
        !rows.contains_key(&pair("引き継ぎの対応結果", "T-S8")),
        "still open"
    );
    assert!(
        !rows.contains_key(&pair("引き継ぎの対応結果", "T-A1")),
        "August's"
    );
    // Nothing found: S4 (search) and S5 (chat), the same text; August: A4.
    assert_eq!(cell("概要", "結果0件の問い合わせ"), pair("2", "1"));
    assert_eq!(n("結果0件の問い合わせ", "宇宙旅行の補助"), "2");
    // Found something below 0.35: S6 (0.2) and S11 (0.1, its phone number masked); S7 is 0.5.
    assert_eq!(cell("概要", "確信度の低い問い合わせ"), pair("2", "0"));
    // As logged: the masker folds the full-width question mark.
    assert_eq!(n("確信度の低い問い合わせ", "何か使える?"), "1");
    let low: Vec<&String> = rows
        .keys()
        .filter(|(s, _)| s == "確信度の低い問い合わせ")
        .map(|(_, text)| text)
        .collect();
    assert!(
        low.iter().any(|t| t.contains("[電話番号]")) && !low.iter().any(|t| t.contains("090")),
        "{low:?}"
    );
    // Feedback: helpful on 09-01, 09-10, 09-30 23:59; not helpful 09-15. The 10-01 00:01 one is
    // October's; August: one not helpful (08-31 23:59).
    assert_eq!(cell("概要", "評価「役に立った」"), pair("3", "0"));
    assert_eq!(cell("概要", "評価「役に立たなかった」"), pair("1", "1"));
    // Shown in the first five: AD S1 S2 S3 S7 = 4, LOAN S1 S8 S9 S10 = 4, IT S3 S11 = 2,
    // JOSEI S6 S9 = 2; August: LOAN A1 = 1, IT A2 A3 = 2, AD A2 = 1, JOSEI 0.
    assert_eq!(
        cell("よく表示された制度", "テスト区 広告宣伝費補助金"),
        pair("4", "1")
    );
    assert_eq!(
        cell("よく表示された制度", "テスト区 創業資金融資あっせん"),
        pair("4", "1")
    );
    assert_eq!(
        cell("よく表示された制度", "テスト国 ソフトウェア導入補助金"),
        pair("2", "2")
    );
    assert_eq!(
        cell("よく表示された制度", "テスト都 創業助成事業"),
        pair("2", "0")
    );
    // Corpus changes: published 09-01 00:05 (August: one, 08-20), rolled back 09-15, imported
    // 09-30 23:50; the draft and the export change nothing public; the deletion is October's.
    let changes = |item: &str| cell("コーパスの変更", item);
    assert_eq!(changes("コーパスの公開"), pair("1", "1"));
    assert_eq!(changes("コーパスを以前の版に戻して公開"), pair("1", "0"));
    assert_eq!(changes("コーパスの取り込み"), pair("1", "0"));
    assert_eq!(changes("コーパスの項目の削除"), pair("0", "0"));
    assert_eq!(
        rows[&pair(
            "コーパスの変更（一覧）",
            "schemes/ward/minato-test-sogyo-loan.toml"
        )]
            .2,
        "2025-09-15／コーパスを以前の版に戻して公開／editor1"
    );
    assert_eq!(
        rows[&pair("コーパスの変更（一覧）", "コーパス全体")].2,
        "2025-09-30／コーパスの取り込み／コマンドライン"
    );
    assert_eq!(
        rows.keys()
            .filter(|(s, _)| s == "コーパスの変更（一覧）")
            .count(),
        3
    );

    // The page: the same figures, each chart beside its table, the change from August.
    let (status, html) = get(&client, &server, "/admin/report?month=2025-09").await;
    let html = String::from_utf8(html).unwrap();
    assert_eq!(status, 200);
    assert!(html.contains("<h1>実施報告（2025年9月）</h1>"), "{html}");
    assert!(
        html.contains(r#"<th scope="row">問い合わせ</th><td>11</td><td>4</td><td>+7</td>"#),
        "{html}"
    );
    assert!(html.contains(
        r#"<th scope="row" lang="ja">テスト都 創業助成事業</th><td>2</td><td>0</td><td>新規</td>"#
    ));
    assert!(html.contains(
        r#"<th scope="row" lang="ja">テスト区 広告宣伝費補助金</th><td>4</td><td>1</td><td>+3</td>"#
    ));
    assert!(html.contains(
        r#"<th scope="row" lang="ja">テスト国 ソフトウェア導入補助金</th><td>2</td><td>2</td><td>±0</td>"#
    ));
    let charts = html
        .matches(r#"<div class="chart-pair"><figure><svg"#)
        .count();
    assert_eq!(charts, 9, "every chart sits beside its table");
    assert!(
        html.contains(r#"<th scope="row">コーパスを以前の版に戻して公開</th><td>1</td><td>0</td>"#)
    );
    assert!(html.contains(
        r#"<th scope="row">2025-09-01</th><td>コーパスの公開</td><td>schemes/ward/minato-test-advertising.toml</td><td>editor1</td>"#
    ), "{html}");
    assert!(html.contains("2025年9月に公開したコーパスの変更（3件、古い順）"));
    assert!(html.contains(r#"href="/admin/report.csv?month=2025-09""#));
    assert!(!html.contains("この月の記録はありません"));
    assert!(!html.contains("090-1234-5678"));
    assert_structured(&html);
}

/// One `h1`, a caption on every table, a label on the month field.
fn assert_structured(html: &str) {
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert_eq!(
        html.matches("<table").count(),
        html.matches("<caption>").count(),
        "every table has a caption"
    );
    if html.contains(r#"id="month""#) {
        assert!(html.contains(r#"<label for="month">"#));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_month_says_so_and_bad_months_are_refused() {
    let server = common::spawn(common::fixture_app()).await;
    write_fixture(&server.state.app).await;
    let client = staff_client(&server).await;

    // Nothing was recorded in June 2025: no charts, an explicit sentence.
    let (status, html) = get(&client, &server, "/admin/report?month=2025-06").await;
    let html = String::from_utf8(html).unwrap();
    assert_eq!(status, 200);
    assert!(html.contains("この月の記録はありません。"), "{html}");
    assert!(!html.contains("<svg"), "no empty charts");
    let (_, bytes) = get(&client, &server, "/admin/report.csv?month=2025-06").await;
    let (_, rows) = csv_table(&bytes);
    assert_eq!(
        rows.get(&("注記".to_string(), "記録".to_string()))
            .unwrap()
            .2,
        "この月の記録はありません。"
    );
    assert_eq!(
        rows.get(&("概要".to_string(), "問い合わせ".to_string()))
            .unwrap()
            .0,
        "0"
    );

    // A month that cannot be read: JSON for the CSV, a message on the page.
    for bad in ["2025-13", "2025-9", "abc", "2025%2F09", "2099-01"] {
        let r = client
            .get(server.url(&format!("/admin/report.csv?month={bad}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{bad}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"], "invalid_month", "{bad}: {body}");
        assert!(
            body["message"].as_str().unwrap().starts_with("month: "),
            "{body}"
        );
        let (status, html) = get(&client, &server, &format!("/admin/report?month={bad}")).await;
        let html = String::from_utf8(html).unwrap();
        assert_eq!(status, 400, "{bad}");
        assert!(
            // Worded in the page's language (Japanese here), so no lang of its own.
            html.contains(r#"<p class="error" role="alert">"#),
            "{html}"
        );
        assert_structured(&html);
    }
    let (_, html) = get(&client, &server, "/admin/report?month=2025-13").await;
    assert!(
        String::from_utf8(html)
            .unwrap()
            .contains("YYYY-MM の形式（例：2026-10）")
    );
    let (_, html) = get(&client, &server, "/admin/report?month=2099-01").await;
    assert!(
        String::from_utf8(html)
            .unwrap()
            .contains("2099年1月はまだ始まっていません")
    );

    // Without a month: the previous month in Tokyo.
    let tokyo_today = (Utc::now() + Duration::hours(9)).date_naive();
    let this_month = shien_navi::domain::report::ReportMonth::containing(tokyo_today);
    let (status, html) = get(&client, &server, "/admin/report").await;
    assert_eq!(status, 200);
    assert!(String::from_utf8(html).unwrap().contains(&format!(
        "<h1>実施報告（{}）</h1>",
        this_month.previous().label_ja()
    )));

    // Staff only: the page sends strangers to the login, the CSV answers 401.
    let stranger = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (status, _) = get(&stranger, &server, "/admin/report").await;
    assert_eq!(status, 303);
    let (status, _) = get(&stranger, &server, "/admin/report.csv").await;
    assert_eq!(status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_freshness_board_lists_entries_to_recheck_and_the_dashboard_counts_them() {
    let server = common::spawn(common::fixture_app()).await;
    let client = staff_client(&server).await;
    let (status, html) = get(&client, &server, "/admin/freshness").await;
    let html = String::from_utf8(html).unwrap();
    assert_eq!(status, 200);
    // tokyo-test-josei cites a blog; minato-test-advertising's only round closed 2026-06-30.
    assert!(
        html.contains(r#"<th scope="row"><code>tokyo-test-josei</code></th><td>制度</td>"#)
            && html.contains("出典 https://blog.example.net/test/josei"),
        "{html}"
    );
    assert!(html.contains("<code>minato-test-advertising</code>") && html.contains("2026-06-30"));
    assert!(html.contains("金額がどの年度のものかはコーパスに記録がない"));
    assert_structured(&html);
    assert!(html.contains("180日"));
    let dashboard = String::from_utf8(get(&client, &server, "/admin").await.1).unwrap();
    assert!(
        dashboard.contains(r##"<a href="/admin/freshness#not_official_source">出典が公式ページでない</a></td><td>1</td>"##),
        "{dashboard}"
    );
    assert!(
        dashboard.contains(r#"<a href="/admin/report">実施報告</a>"#),
        "navigation links the report"
    );
}
