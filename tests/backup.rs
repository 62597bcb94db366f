//! `shien logs backup` / `restore`: a backup of a live SQLite log taken while requests keep
//! being logged holds every entry acknowledged before it started, and restores intact.

mod common;

use shien_navi::domain::masking::Masked;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use shien_navi::domain::inquiry::{Channel, Inquiry, InquiryKind, LogEntry};
use shien_navi::store::{InquiryLog, Store, backup};
use tokio::sync::Mutex;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_write_load_holds_every_entry_acknowledged_before_it_began() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("log.sqlite");
    let store = Store::connect(&format!("sqlite://{}", live.display()))
        .await
        .unwrap();
    let log = InquiryLog::start(store.clone(), &dir.path().join("log.sqlite.spool.jsonl"));
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..6)
        .map(|w| {
            let (log, acknowledged, stop) = (log.clone(), acknowledged.clone(), stop.clone());
            tokio::spawn(async move {
                let mut k = 0;
                while !stop.load(Ordering::Relaxed) {
                    k += 1;
                    let i = Inquiry::new(
                        Channel::Api,
                        InquiryKind::Search,
                        Masked::from_stored(format!("創業 融資 {w}-{k}")),
                    );
                    let id = i.id.clone();
                    log.record(LogEntry::Inquiry(i)).await;
                    acknowledged.lock().await.push(id);
                }
            })
        })
        .collect();
    // Let the writers get going, then back up while they carry on.
    while acknowledged.lock().await.len() < 300 {
        tokio::task::yield_now().await;
    }
    let before: Vec<String> = acknowledged.lock().await.clone();
    let copy = dir.path().join("backups/log-copy.sqlite");
    store.backup_to(&copy).await.unwrap();
    let during = acknowledged.lock().await.len();
    // Keep writing a little after the backup, then stop.
    while acknowledged.lock().await.len() < during + 100 {
        tokio::task::yield_now().await;
    }
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    log.flush().await;
    let counts = log.counts();
    assert_eq!(
        counts.spooled, 0,
        "every acknowledgement came from the database, so the claim below is about it: {counts:?}"
    );

    // Restore the copy over a database that has other content; that one is kept aside.
    let target = dir.path().join("restored/log.sqlite");
    let other = Store::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    other
        .insert_inquiry(&Inquiry::new(
            Channel::Web,
            InquiryKind::Chat,
            Masked::from_stored("replaced".into()),
        ))
        .await
        .unwrap();
    other.pool().close().await;
    let kept = backup::restore_from(&copy, &target).await.unwrap();
    assert!(
        kept.is_some_and(|k| k.exists()),
        "the replaced database is kept"
    );

    let restored = Store::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    let mut missing = Vec::new();
    for id in &before {
        if !restored.inquiry_exists(id).await.unwrap() {
            missing.push(id);
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} entries acknowledged before the backup are missing, e.g. {:?}",
        missing.len(),
        before.len(),
        &missing[..missing.len().min(3)]
    );
    let in_copy = restored.count_inquiries().await.unwrap();
    let total = acknowledged.lock().await.len() as i64;
    assert!(
        in_copy >= before.len() as i64 && in_copy < total,
        "the copy is a point in time: {} acknowledged before, {in_copy} in the copy, {total} in all",
        before.len()
    );
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    eprintln!(
        "backup under load: {} acknowledged before, {in_copy} in the copy, {total} acknowledged in all",
        before.len()
    );
}

fn shien(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(args)
        .env("SHIEN__DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .unwrap()
}

#[tokio::test]
async fn the_logs_commands_back_up_and_restore_and_refuse_what_they_cannot_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.sqlite");
    let store = Store::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let kept = Inquiry::new(
        Channel::Web,
        InquiryKind::Search,
        Masked::from_stored("before the backup".into()),
    );
    store.insert_inquiry(&kept).await.unwrap();
    let dest = dir.path().join("copy.sqlite");
    let out = shien(&db, &["logs", "backup", dest.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("backed up 1 inquiries"));

    let out = shien(&db, &["logs", "backup", dest.to_str().unwrap()]);
    assert!(
        !out.status.success(),
        "an existing file is never overwritten"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));

    let later = Inquiry::new(
        Channel::Web,
        InquiryKind::Search,
        Masked::from_stored("after the backup".into()),
    );
    store.insert_inquiry(&later).await.unwrap();
    store.pool().close().await;
    let out = shien(&db, &["logs", "restore", dest.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = Store::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    assert!(restored.inquiry_exists(&kept.id).await.unwrap());
    assert!(!restored.inquiry_exists(&later.id).await.unwrap());

    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, b"not a database").unwrap();
    let out = shien(&db, &["logs", "restore", garbage.to_str().unwrap()]);
    assert!(!out.status.success(), "a broken backup is refused");
    assert!(
        restored.inquiry_exists(&kept.id).await.unwrap(),
        "and the log is untouched"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
        .current_dir(common::repo())
        .args(["logs", "backup", dest.to_str().unwrap()])
        .env("SHIEN__DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
}
