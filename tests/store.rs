//! The inquiry log against SQLite always, and against PostgreSQL when DATABASE_TEST_URL is set
//! (CI sets it to the machine's PostgreSQL).

mod common;

use chrono::Utc;
use shien_navi::domain::consultants::ConsultCategory;
use shien_navi::domain::handoff::{HandoffCategory, HandoffReason, TicketStatus};
use shien_navi::domain::inquiry::{
    Channel, Feedback, Inquiry, InquiryKind, LogEntry, ShownResult, Ticket,
};
use shien_navi::domain::masking::{Masked, NoLexicon, mask, remask};
use shien_navi::store::{InquiryFilter, InquiryLog, Store};

fn inquiry(text: &str, results: usize) -> Inquiry {
    let mut i = Inquiry::new(
        Channel::Operator,
        InquiryKind::Search,
        mask(text, &NoLexicon),
    );
    i.results = (0..results)
        .map(|k| ShownResult {
            id: format!("s{k}"),
            score: 1.0 / (k as f32 + 1.0),
            explanation: None,
        })
        .collect();
    i.latency_ms = 3.5;
    i
}

fn ticket(inquiry_id: &str) -> Ticket {
    Ticket {
        id: uuid::Uuid::new_v4().to_string(),
        inquiry_id: inquiry_id.into(),
        created_at: Utc::now(),
        category: HandoffCategory::Consult(ConsultCategory::Labour),
        desk_id: "minato-roumu-sodan".into(),
        reason: HandoffReason::SensitiveTopic,
        summary: "解雇の相談".into(),
        next_slot: Some("2026-11-25 13:00".into()),
        status: TicketStatus::Open,
        outcome: None,
        closed_at: None,
        closed_by: None,
    }
}

async fn exercise(store: &Store) {
    // Without the dictionary a word right after a phone number reads as a signature, so the
    // topic comes first here (the service's masker, with IPADIC, keeps it either way).
    let a = inquiry("創業融資 電話 03-1234-5678", 3);
    let b = inquiry("宇宙旅行の補助金", 0);
    store.insert_inquiry(&a).await.unwrap();
    store.insert_inquiry(&b).await.unwrap();
    store.insert_inquiry(&a).await.unwrap(); // idempotent: a retried write is not a duplicate
    assert_eq!(store.count_inquiries().await.unwrap(), 2);
    let back = store.inquiry(&a.id).await.unwrap().unwrap();
    assert_eq!(back.text(), "創業融資 電話 [電話番号]");
    assert_eq!(back.results.len(), 3);
    assert_eq!(back.channel, Channel::Operator);
    let zero = store
        .inquiries(&InquiryFilter {
            zero_results: true,
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        zero.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        vec![b.id.as_str()]
    );
    let found = store
        .inquiries(&InquiryFilter {
            text: Some("創業".into()),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);

    let t = ticket(&a.id);
    store.insert_ticket(&t).await.unwrap();
    assert_eq!(
        store
            .tickets(Some(TicketStatus::Open), None, None)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .close_ticket(&t.id, &mask("社労士が対応済み", &NoLexicon), "staff")
            .await
            .unwrap()
    );
    assert!(
        !store
            .close_ticket(&t.id, &mask("again", &NoLexicon), "staff")
            .await
            .unwrap(),
        "closing twice is a no-op"
    );
    let done = store
        .tickets(Some(TicketStatus::Done), None, None)
        .await
        .unwrap();
    assert_eq!(done[0].outcome.as_deref(), Some("社労士が対応済み"));

    store
        .insert_feedback(&Feedback::new(
            &a.id,
            true,
            Some(mask("助かりました", &NoLexicon)),
        ))
        .await
        .unwrap();
    store
        .insert_feedback(&Feedback::new(&a.id, false, None))
        .await
        .unwrap();
    assert_eq!(
        store
            .feedback_counts(Utc::now() - chrono::Duration::days(1))
            .await
            .unwrap(),
        (1, 1)
    );
    assert_eq!(store.feedback_for(&a.id).await.unwrap().len(), 2);

    assert!(store.create_user("staff1", "hash").await.unwrap());
    store
        .record_login_failure("staff1", 3, chrono::Duration::minutes(15))
        .await
        .unwrap();
    assert_eq!(
        store.user("staff1").await.unwrap().unwrap().failed_attempts,
        1
    );
    store
        .record_login_failure("staff1", 3, chrono::Duration::minutes(15))
        .await
        .unwrap();
    store
        .record_login_failure("staff1", 3, chrono::Duration::minutes(15))
        .await
        .unwrap();
    assert!(
        store
            .user("staff1")
            .await
            .unwrap()
            .unwrap()
            .locked_until
            .is_some()
    );

    store
        .create_session(
            "tokenhash",
            "staff1",
            "csrf",
            Utc::now() + chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    assert_eq!(
        store.session("tokenhash").await.unwrap().unwrap().username,
        "staff1"
    );
    store
        .create_session(
            "old",
            "staff1",
            "csrf",
            Utc::now() - chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    assert!(
        store.session("old").await.unwrap().is_none(),
        "expired sessions are refused"
    );

    store.insert_ticket(&ticket(&a.id)).await.unwrap();
    assert_eq!(
        store.purge_older_than(0).await.unwrap(),
        1,
        "the inquiry with an open ticket is kept"
    );
    assert!(
        store.inquiry_exists(&a.id).await.unwrap() && !store.inquiry_exists(&b.id).await.unwrap()
    );
}

#[tokio::test]
async fn sqlite_store_round_trips_and_uses_wal() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/log.sqlite", dir.path().display());
    let store = Store::connect(&url).await.unwrap();
    exercise(&store).await;
    let again = Store::connect(&url).await.unwrap();
    assert!(
        again.count_inquiries().await.unwrap() >= 1,
        "migrations are idempotent and data survives"
    );
    assert!(
        dir.path().join("nested/log.sqlite-wal").exists()
            || dir.path().join("nested/log.sqlite").exists()
    );
}

/// Rows written before migration 0002 (Japanese category labels, Debug reason names) read
/// back typed after it; a value no mapping knows is an error, not a default.
async fn legacy_hand_off_labels_become_codes(url: &str) {
    let store = Store::connect(url).await.unwrap();
    for sql in [
        "INSERT INTO inquiries (id, created_at, channel, kind, session_id, text_masked, results_json, purposes, result_count, confidence, handoff_category, handoff_reason, latency_ms) VALUES ('old-i', '2026-11-25T01:00:00.000Z', 'web', 'chat', NULL, '解雇の相談', '[]', '', 0, 0.5, '労務', 'SensitiveTopic', 1.0)",
        "INSERT INTO tickets (id, inquiry_id, created_at, category, desk_id, reason, summary, next_slot, status, outcome, closed_at, closed_by) VALUES ('old-t', 'old-i', '2026-11-25T01:00:00.000Z', '知財', 'minato-chizai', 'AskedForPerson', '特許の相談', NULL, 'open', NULL, NULL, NULL)",
        "DELETE FROM schema_migrations WHERE version = 2",
    ] {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }
    let store = Store::connect(url).await.unwrap();
    let i = store.inquiry("old-i").await.unwrap().unwrap();
    assert_eq!(
        (i.handoff_category, i.handoff_reason),
        (
            Some(HandoffCategory::Consult(ConsultCategory::Labour)),
            Some(HandoffReason::SensitiveTopic)
        )
    );
    let t = store
        .tickets(Some(TicketStatus::Open), None, None)
        .await
        .unwrap();
    assert_eq!(
        (t[0].category, t[0].reason, t[0].status),
        (
            HandoffCategory::Consult(ConsultCategory::IntellectualProperty),
            HandoffReason::AskedForPerson,
            TicketStatus::Open
        )
    );
    let stored: (String, String) =
        sqlx::query_as("SELECT category, reason FROM tickets WHERE id = 'old-t'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(
        stored,
        ("intellectual_property".into(), "asked_for_person".into())
    );

    sqlx::query("UPDATE tickets SET reason = 'Unhappy' WHERE id = 'old-t'")
        .execute(store.pool())
        .await
        .unwrap();
    let err = store.tickets(None, None, None).await.unwrap_err();
    assert!(err.to_string().contains("Unhappy"), "{err}");
    sqlx::query("UPDATE inquiries SET channel = 'fax' WHERE id = 'old-i'")
        .execute(store.pool())
        .await
        .unwrap();
    assert!(store.inquiry("old-i").await.is_err());
}

#[tokio::test]
async fn sqlite_migrates_legacy_hand_off_labels_to_codes() {
    let dir = tempfile::tempdir().unwrap();
    legacy_hand_off_labels_become_codes(&format!("sqlite://{}/log.sqlite", dir.path().display()))
        .await;
}

#[tokio::test]
async fn postgres_migrates_legacy_hand_off_labels_to_codes() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    legacy_hand_off_labels_become_codes(&url).await;
}

/// A fresh schema per run so tests never see each other's rows.
pub async fn postgres_store() -> Option<Store> {
    Some(
        Store::connect(&common::postgres_url().await?)
            .await
            .unwrap(),
    )
}

/// Feedback counted in a bounded window (the monthly report's), on either backend.
async fn feedback_window(store: &Store) {
    let at = |s: &str| s.parse::<chrono::DateTime<Utc>>().unwrap();
    for (when, helpful) in [
        ("2025-08-31T14:59:59.999Z", true),
        ("2025-08-31T15:00:00.000Z", true),
        ("2025-09-15T03:00:00.000Z", false),
        ("2025-09-30T15:00:00.000Z", false),
    ] {
        let mut f = Feedback::new("i", helpful, None);
        f.created_at = at(when);
        store.insert_feedback(&f).await.unwrap();
    }
    // September in Tokyo: from 2025-08-31 15:00 UTC (included) to 2025-09-30 15:00 UTC (excluded).
    let (from, to) = (at("2025-08-31T15:00:00Z"), at("2025-09-30T15:00:00Z"));
    assert_eq!(
        store.feedback_counts_between(from, Some(to)).await.unwrap(),
        (1, 1)
    );
    assert_eq!(
        store.feedback_counts_between(from, None).await.unwrap(),
        (1, 2),
        "open-ended"
    );
}

#[tokio::test]
async fn sqlite_counts_feedback_in_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/w.sqlite", dir.path().display()))
        .await
        .unwrap();
    feedback_window(&store).await;
}

#[tokio::test]
async fn postgres_counts_feedback_in_a_window() {
    let Some(store) = postgres_store().await else {
        return;
    };
    feedback_window(&store).await;
}

#[tokio::test]
async fn postgres_store_round_trips() {
    let Some(store) = postgres_store().await else {
        return;
    };
    exercise(&store).await;
}

async fn log_survives_an_outage(store: Store, spool: &std::path::Path, rename: (&str, &str)) {
    let log = InquiryLog::start(store.clone(), spool);
    let before = store.count_inquiries().await.unwrap();
    let mut ids = Vec::new();
    for k in 0..5 {
        let i = inquiry(&format!("before outage {k}"), 1);
        ids.push(i.id.clone());
        log.record(LogEntry::Inquiry(i)).await;
    }
    log.flush().await;
    // The database loses the table (as if unavailable): writes fail and are spooled.
    sqlx::query(rename.0).execute(store.pool()).await.unwrap();
    for k in 0..7 {
        let i = inquiry(&format!("during outage {k}"), 1);
        ids.push(i.id.clone());
        log.record(LogEntry::Inquiry(i)).await;
    }
    log.flush().await;
    let counts = log.counts();
    assert!(
        counts.spooled >= 7 && counts.pending_in_spool >= 7,
        "{counts:?}"
    );
    // It comes back: the spool is flushed and every acknowledged entry is present.
    sqlx::query(rename.1).execute(store.pool()).await.unwrap();
    log.flush().await;
    let counts = log.counts();
    assert_eq!(counts.pending_in_spool, 0, "{counts:?}");
    assert_eq!(counts.accepted, 12);
    for id in &ids {
        assert!(store.inquiry_exists(id).await.unwrap(), "{id} lost");
    }
    assert_eq!(store.count_inquiries().await.unwrap(), before + 12);
}

#[tokio::test]
async fn sqlite_log_spools_during_an_outage_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/log.sqlite", dir.path().display()))
        .await
        .unwrap();
    log_survives_an_outage(
        store,
        &dir.path().join("spool.jsonl"),
        (
            "ALTER TABLE inquiries RENAME TO inquiries_away",
            "ALTER TABLE inquiries_away RENAME TO inquiries",
        ),
    )
    .await;
}

#[tokio::test]
async fn postgres_log_spools_during_an_outage_and_loses_nothing() {
    let Some(store) = postgres_store().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    log_survives_an_outage(
        store,
        &dir.path().join("spool.jsonl"),
        (
            "ALTER TABLE inquiries RENAME TO inquiries_away",
            "ALTER TABLE inquiries_away RENAME TO inquiries",
        ),
    )
    .await;
}

#[tokio::test]
async fn an_entry_the_database_refuses_does_not_hold_back_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/log.sqlite", dir.path().display()))
        .await
        .unwrap();
    // The database works, but refuses one particular row.
    sqlx::query("CREATE TRIGGER refuse_poison BEFORE INSERT ON inquiries WHEN NEW.text_masked LIKE '%POISON%' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        .execute(store.pool())
        .await
        .unwrap();
    let log = InquiryLog::start(store.clone(), &dir.path().join("spool.jsonl"));
    let good: Vec<_> = (0..3).map(|k| inquiry(&format!("good {k}"), 1)).collect();
    let poison = inquiry("POISON", 1);
    // Recorded concurrently, so they reach the writer as one batch.
    let (a, b, c, d) = (
        good[0].clone(),
        good[1].clone(),
        poison.clone(),
        good[2].clone(),
    );
    tokio::join!(
        log.record(LogEntry::Inquiry(a)),
        log.record(LogEntry::Inquiry(b)),
        log.record(LogEntry::Inquiry(c)),
        log.record(LogEntry::Inquiry(d)),
    );
    log.flush().await;
    for i in &good {
        assert!(
            store.inquiry_exists(&i.id).await.unwrap(),
            "{} written",
            i.text()
        );
    }
    let counts = log.counts();
    assert_eq!(
        (counts.rejected, counts.pending_in_spool),
        (1, 0),
        "{counts:?}"
    );
    let kept = std::fs::read_to_string(dir.path().join("spool.rejected.jsonl")).unwrap();
    assert!(
        kept.contains(&poison.id),
        "the refused entry is kept for staff, not lost"
    );
    // The log is not stuck: a later entry is written straight away.
    let later = inquiry("after the refusal", 1);
    log.record(LogEntry::Inquiry(later.clone())).await;
    assert!(store.inquiry_exists(&later.id).await.unwrap());
}

/// sqlx 0.8's Any driver declares a NULL `Option<f64>` as PostgreSQL `real` (float4), and a
/// connection caches the statement with the types of its first use: after an inquiry without
/// a confidence (a recommendation), every inquiry with one (search, chat) on that connection was
/// refused with SQLSTATE 22P03 and set aside as rejected. This is what `make load` saw.
#[tokio::test]
async fn postgres_takes_inquiries_with_a_confidence_after_one_without() {
    let Some(store) = postgres_store().await else {
        return;
    };
    let mut without = inquiry("質問票の回答", 2);
    without.confidence = None;
    store.insert_inquiry(&without).await.unwrap();
    for k in 0..12 {
        let mut with = inquiry(&format!("創業融資 {k}"), 1);
        with.confidence = Some(0.5 + k as f32 / 100.0);
        store.insert_inquiry(&with).await.unwrap();
        let back = store.inquiry(&with.id).await.unwrap().unwrap();
        assert_eq!(back.confidence, with.confidence);
    }
    assert_eq!(
        store
            .inquiry(&without.id)
            .await
            .unwrap()
            .unwrap()
            .confidence,
        None
    );
}

/// Rows as an older masker left them: phone numbers masked, names and addresses not.
async fn seed_old_rows(store: &Store) -> (Inquiry, Ticket) {
    let old = "山田太郎と申します。住所は港区赤坂3-4-15、電話は[電話番号]です";
    let mut i = Inquiry::new(
        Channel::Web,
        InquiryKind::Chat,
        Masked::from_stored(old.into()),
    );
    i.results = Vec::new();
    let clean = Inquiry::new(
        Channel::Web,
        InquiryKind::Search,
        Masked::from_stored("港区の創業支援補助金はいくらですか".into()),
    );
    let mut t = ticket(&i.id);
    t.summary = format!("ご相談内容：{old}\n区分：労務");
    store.insert_inquiry(&i).await.unwrap();
    store.insert_inquiry(&clean).await.unwrap();
    store.insert_ticket(&t).await.unwrap();
    store
        .insert_feedback(&Feedback::new(
            &i.id,
            true,
            Some(Masked::from_stored("生年月日は1985年4月12日です".into())),
        ))
        .await
        .unwrap();
    (i, t)
}

async fn remask_twice(store: &Store) {
    let (i, t) = seed_old_rows(store).await;
    let analyzer = common::analyzer();
    let current = |text: &str| remask(text, analyzer);

    let dry = store.remask(&current, true).await.unwrap();
    assert_eq!(dry.inquiries.scanned, 2);
    assert_eq!(dry.inquiries.changed, 1, "the clean inquiry stays");
    assert_eq!(dry.ticket_summaries.changed, 1);
    assert_eq!(
        dry.ticket_outcomes.scanned, 0,
        "open tickets have no outcome"
    );
    assert_eq!(dry.feedback.changed, 1);
    assert_eq!(dry.changed(), 3);
    let untouched = store.inquiry(&i.id).await.unwrap().unwrap();
    assert!(
        untouched.text().contains("山田太郎"),
        "a dry run writes nothing"
    );

    let first = store.remask(&current, false).await.unwrap();
    assert_eq!(first, dry, "the dry run said what the real run does");
    let text = store
        .inquiry(&i.id)
        .await
        .unwrap()
        .unwrap()
        .text()
        .to_string();
    assert_eq!(
        text,
        "[氏名]と申します。住所は港区赤坂[住所]、電話は[電話番号]です"
    );
    let summary = &store.tickets(None, None, None).await.unwrap()[0].summary;
    assert!(
        summary.contains("[氏名]と申します") && !summary.contains("3-4-15"),
        "{summary}"
    );
    let comment = store.feedback_for(&i.id).await.unwrap()[0]
        .comment()
        .unwrap()
        .to_string();
    assert_eq!(comment, "生年月日は[生年月日]です");
    assert_eq!(t.inquiry_id, i.id);

    let second = store.remask(&current, false).await.unwrap();
    assert_eq!(
        second.changed(),
        0,
        "a second run changes nothing: {second:?}"
    );
    assert_eq!(second.inquiries.scanned, 2);
}

#[tokio::test]
async fn sqlite_remask_masks_old_rows_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/log.sqlite", dir.path().display()))
        .await
        .unwrap();
    remask_twice(&store).await;
}

#[tokio::test]
async fn postgres_remask_masks_old_rows_once() {
    let Some(store) = postgres_store().await else {
        return;
    };
    remask_twice(&store).await;
}

#[tokio::test]
async fn the_remask_command_reports_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/log.sqlite", dir.path().display());
    let store = Store::connect(&url).await.unwrap();
    seed_old_rows(&store).await;
    store.pool().close().await;
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
            .current_dir(common::repo())
            .args(["logs", "remask"])
            .args(args)
            .env("SHIEN__DATABASE_URL", &url)
            .output()
            .expect("shien runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let dry = run(&["--dry-run"]);
    assert!(dry.contains("inquiries: would change 1 of 2"), "{dry}");
    assert!(dry.contains("total: would change 3"), "{dry}");
    let first = run(&[]);
    assert!(first.contains("total: changed 3"), "{first}");
    let second = run(&[]);
    assert!(second.contains("total: changed 0"), "{second}");
}
