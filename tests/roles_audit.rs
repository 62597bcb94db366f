//! Staff roles and the audit log, end to end: each role is let in where it may go and refused
//! (a Japanese page, or JSON for downloads) where it may not; every staff action leaves one
//! audit record, which neither the console nor the database lets anyone change or delete.

mod common;

use chrono::Utc;
use shien_navi::domain::handoff::{HandoffCategory, HandoffReason, TicketStatus};
use shien_navi::domain::inquiry::{Channel, Inquiry, InquiryKind, LogEntry, Ticket};
use shien_navi::domain::masking::{NoLexicon, mask};
use shien_navi::domain::staff::{Actor, AuditAction, AuditRecord, Role};
use shien_navi::store::Store;

async fn get(client: &reqwest::Client, server: &common::TestServer, path: &str) -> (u16, String) {
    let r = client.get(server.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn post(
    client: &reqwest::Client,
    server: &common::TestServer,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let r = client
        .post(server.url(path))
        .form(form)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Every audit record, oldest first.
async fn audit_records(store: &Store) -> Vec<AuditRecord> {
    let mut all = store.audit_page(0, 10_000).await.unwrap().records;
    all.reverse();
    all
}

fn actions_of(records: &[AuditRecord], username: &str) -> Vec<AuditAction> {
    records
        .iter()
        .filter(|r| r.actor.username() == Some(username))
        .map(|r| r.action)
        .collect()
}

async fn open_ticket(store: &Store, id: &str) {
    let inquiry = Inquiry::new(
        Channel::Web,
        InquiryKind::Chat,
        mask("相談したい", &NoLexicon),
    );
    let ticket = Ticket {
        id: id.into(),
        inquiry_id: inquiry.id.clone(),
        created_at: Utc::now(),
        category: HandoffCategory::ServiceComplaint,
        desk_id: shien_navi::domain::handoff::STAFF_QUEUE_ID.into(),
        reason: HandoffReason::Complaint,
        summary: "要約".into(),
        next_slot: None,
        status: TicketStatus::Open,
        outcome: None,
        closed_at: None,
        closed_by: None,
    };
    store
        .insert_entries(&[LogEntry::Inquiry(inquiry), LogEntry::Ticket(ticket)])
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_reads_and_handles_tickets_but_cannot_manage_accounts_or_read_the_audit() {
    let server = common::spawn(common::fixture_app()).await;
    let app = &server.state.app;
    let (token, _) = common::staff_login(app, "rev", Role::Reviewer).await;
    let reviewer = common::staff_client(&token);

    let (status, dashboard) = get(&reviewer, &server, "/admin").await;
    assert_eq!(status, 200);
    assert!(dashboard.contains("役割：閲覧・判定担当"), "{dashboard}");
    assert!(
        !dashboard.contains(r#"href="/admin/accounts""#),
        "the menu offers only what the role may do"
    );
    for path in ["/admin/inquiries", "/admin/tickets", "/admin/freshness"] {
        assert_eq!(get(&reviewer, &server, path).await.0, 200, "{path}");
    }
    let (status, _) = get(&reviewer, &server, "/admin/export/inquiries.csv").await;
    assert_eq!(status, 200);

    // Pages answer a Japanese page, with the menu; nothing about the accounts leaks.
    let (status, page) = get(&reviewer, &server, "/admin/accounts").await;
    assert_eq!(status, 403);
    assert!(
        page.contains("権限がありません") && page.contains("職員アカウントの管理"),
        "{page}"
    );
    assert!(!page.contains("rev の役割"), "{page}");
    assert_eq!(get(&reviewer, &server, "/admin/audit").await.0, 403);
    // A form from a reviewer is refused before anything is read from it.
    let csrf = common::hidden(&get(&reviewer, &server, "/admin/tickets").await.1, "csrf");
    let (status, _) = post(
        &reviewer,
        &server,
        "/admin/accounts",
        &[
            ("csrf", csrf.as_str()),
            ("username", "sneaky"),
            ("password", common::STAFF_PASSWORD),
            ("role", "administrator"),
        ],
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = post(
        &reviewer,
        &server,
        "/admin/accounts/rev/role",
        &[("csrf", csrf.as_str()), ("role", "administrator")],
    )
    .await;
    assert_eq!(status, 403);
    let user = app.store().user("rev").await.unwrap().unwrap();
    assert_eq!(
        user.role,
        Role::Reviewer,
        "the reviewer did not promote itself"
    );
    assert!(app.store().user("sneaky").await.unwrap().is_none());

    // Each refusal is in the audit log, naming the address.
    let records = audit_records(app.store()).await;
    let denied: Vec<_> = records
        .iter()
        .filter(|r| r.action == AuditAction::AccessDenied)
        .map(|r| r.target.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        denied,
        [
            "/admin/accounts",
            "/admin/audit",
            "/admin/accounts",
            "/admin/accounts/rev/role"
        ]
    );
    // The app refuses too, whoever calls it.
    let (_, member) = common::staff_login(app, "rev2", Role::Reviewer).await;
    assert!(matches!(
        app.accounts(&member).await,
        Err(shien_navi::app::AppError::Forbidden { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_cannot_manage_accounts_and_downloads_answer_json() {
    let server = common::spawn(common::fixture_app()).await;
    let app = &server.state.app;
    let (token, editor) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let (status, page) = get(&client, &server, "/admin").await;
    assert_eq!(status, 200);
    assert!(page.contains("役割：編集担当"));
    let (status, page) = get(&client, &server, "/admin/accounts").await;
    assert_eq!(status, 403);
    assert!(page.contains("編集担当の役割では行えません"), "{page}");
    assert_eq!(get(&client, &server, "/admin/audit").await.0, 403);
    common::staff_login(app, "boss", Role::Administrator).await;
    assert!(matches!(
        app.change_role(&editor, "boss", Role::Reviewer).await,
        Err(shien_navi::app::AppError::Forbidden { .. })
    ));
    assert_eq!(
        app.store().user("boss").await.unwrap().unwrap().role,
        Role::Administrator
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_manages_accounts_and_every_staff_action_is_audited() {
    let server = common::spawn(common::fixture_app()).await;
    let app = &server.state.app;
    open_ticket(app.store(), "T-1").await;
    let (token, _) = common::staff_login(app, "boss", Role::Administrator).await;
    let admin = common::staff_client(&token);
    let (status, page) = get(&admin, &server, "/admin/accounts").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("役割：管理者") && page.contains("boss"),
        "{page}"
    );
    let csrf = common::hidden(&page, "csrf");

    // Add a reviewer, make it an editor, set a new password.
    let form = |extra: &[(&'static str, &'static str)]| {
        let mut f = vec![("csrf", csrf.clone())];
        f.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        f
    };
    let send = |path: &'static str, f: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let url = server.url(path);
        async move {
            let r = admin.post(url).form(&f).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, _) = send(
        "/admin/accounts",
        form(&[
            ("username", "newbie"),
            ("password", "another long password"),
            ("role", "reviewer"),
        ]),
    )
    .await;
    assert_eq!(status, 303);
    let (status, page) = send(
        "/admin/accounts",
        form(&[
            ("username", "newbie"),
            ("password", "another long password"),
            ("role", "editor"),
        ]),
    )
    .await;
    assert_eq!(status, 400, "a taken name is refused, not overwritten");
    assert!(page.contains("newbie はすでに使われています"), "{page}");
    let (status, page) = send(
        "/admin/accounts",
        form(&[("username", "x"), ("password", "short"), ("role", "editor")]),
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("ユーザー名は英小文字"), "{page}");
    let (status, _) = send("/admin/accounts/newbie/role", form(&[("role", "editor")])).await;
    assert_eq!(status, 303);
    let (status, _) = send(
        "/admin/accounts/newbie/password",
        form(&[("password", "a fresh long password")]),
    )
    .await;
    assert_eq!(status, 303);
    // The last administrator cannot stop being one.
    let (status, page) = send("/admin/accounts/boss/role", form(&[("role", "editor")])).await;
    assert_eq!(status, 400);
    assert!(page.contains("管理者が一人もいなくなる"), "{page}");
    let newbie = app.store().user("newbie").await.unwrap().unwrap();
    assert_eq!(newbie.role, Role::Editor);
    assert!(app.login("newbie", "a fresh long password").await.is_ok());

    // A failed login through the form, for a real name and for a made-up one.
    let anonymous = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for name in ["newbie", "nobody-at-all"] {
        let login_csrf = common::hidden(&get(&anonymous, &server, "/admin/login").await.1, "csrf");
        let (status, _) = post(
            &anonymous,
            &server,
            "/admin/login",
            &[
                ("username", name),
                ("password", "wrong password!!"),
                ("csrf", &login_csrf),
            ],
        )
        .await;
        assert_eq!(status, 401);
    }

    // Ticket, exports, report, then logout.
    let (status, _) = send(
        "/admin/tickets/T-1/done",
        form(&[("outcome", "電話で対応")]),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        get(&admin, &server, "/admin/export/inquiries.csv?channel=web")
            .await
            .0,
        200
    );
    assert_eq!(
        get(&admin, &server, "/admin/export/tickets.csv").await.0,
        200
    );
    let month = chrono::Utc::now()
        .with_timezone(&shien_navi::app::console::jst())
        .format("%Y-%m")
        .to_string();
    assert_eq!(
        get(&admin, &server, &format!("/admin/report?month={month}"))
            .await
            .0,
        200
    );
    assert_eq!(
        get(&admin, &server, &format!("/admin/report.csv?month={month}"))
            .await
            .0,
        200
    );
    // Read the page before logging out (it is the administrator's to read).
    let (status, audit_page) = get(&admin, &server, "/admin/audit").await;
    assert_eq!(status, 200);
    let (status, _) = send("/admin/logout", form(&[])).await;
    assert_eq!(status, 303);

    let records = audit_records(app.store()).await;
    use AuditAction::*;
    assert_eq!(
        actions_of(&records, "boss"),
        [
            Login,
            AccountCreated,
            RoleChanged,
            PasswordReset,
            TicketClosed,
            InquiriesExported,
            TicketsExported,
            ReportViewed,
            ReportExported,
            Logout
        ],
        "one record per action, refused changes leave none: {records:#?}"
    );
    assert_eq!(actions_of(&records, "newbie"), [Login, LoginFailed]);
    let by_boss = |action| {
        records
            .iter()
            .find(|r| r.action == action && r.actor.username() == Some("boss"))
            .unwrap()
    };
    assert_eq!(by_boss(AccountCreated).target.as_deref(), Some("newbie"));
    assert_eq!(by_boss(AccountCreated).detail, "役割：閲覧・判定担当");
    assert_eq!(by_boss(RoleChanged).detail, "閲覧・判定担当 → 編集担当");
    assert_eq!(by_boss(TicketClosed).target.as_deref(), Some("T-1"));
    assert!(by_boss(InquiriesExported).detail.contains("チャネル Web"));
    assert_eq!(
        by_boss(ReportViewed).target.as_deref(),
        Some(month.as_str())
    );
    let unknown: Vec<_> = records
        .iter()
        .filter(|r| r.actor == Actor::Unknown)
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].action, LoginFailed);
    assert!(
        !records
            .iter()
            .any(|r| format!("{r:?}").contains("nobody-at-all")
                || format!("{r:?}").contains("wrong password")),
        "a mistyped name or password is never kept"
    );

    // The page shows them newest first in Japanese, with no way to change one.
    assert!(audit_page.contains("操作記録"));
    assert!(audit_page.contains("アカウント作成") && audit_page.contains("ログイン失敗"));
    assert!(audit_page.contains("不明（存在しないユーザー名）"));
    assert!(!audit_page.contains("<form method=\"post\" action=\"/admin/audit"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_page_pages_through_the_log() {
    let server = common::spawn(common::fixture_app()).await;
    let app = &server.state.app;
    for n in 0..60 {
        app.store()
            .append_audit(&AuditRecord::new(
                Actor::CommandLine,
                AuditAction::PasswordReset,
                Some(&format!("user{n:02}")),
                "",
            ))
            .await
            .unwrap();
    }
    let (token, _) = common::staff_login(app, "boss", Role::Administrator).await;
    let admin = common::staff_client(&token);
    // 60 records + boss's login = 61: two pages of 50.
    let (_, first) = get(&admin, &server, "/admin/audit").await;
    assert!(first.contains("全61件、1／2ページ"), "{first}");
    assert!(first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""));
    assert!(first.contains("user59") && !first.contains("user09"));
    let (_, second) = get(&admin, &server, "/admin/audit?page=2").await;
    assert!(second.contains("2／2ページ") && second.contains("user00"));
    assert!(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""));
    assert!(second.contains("コマンドライン"));
    let (status, _) = get(&admin, &server, "/admin/audit?page=abc").await;
    assert_eq!(status, 200, "a bad page number shows the first page");
}

/// Appends a record, then tries to change and to delete it behind the app's back.
async fn audit_refuses_changes(store: &Store) {
    let record = AuditRecord::new(
        Actor::Staff {
            username: "boss".into(),
            role: Role::Administrator,
        },
        AuditAction::Login,
        None,
        "",
    );
    store.append_audit(&record).await.unwrap();
    let update = sqlx::query("UPDATE audit_log SET detail = 'forged'")
        .execute(store.pool())
        .await;
    assert!(update.is_err(), "an update is refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(store.pool())
        .await;
    assert!(delete.is_err(), "a deletion is refused");
    let records = store.audit_page(0, 10).await.unwrap();
    assert_eq!(records.total, 1);
    assert_eq!(records.records[0], {
        let mut r = record.clone();
        r.at = records.records[0].at;
        r
    });
    assert_eq!(
        (record.at - records.records[0].at).num_microseconds(),
        Some(0),
        "kept to the microsecond"
    );
}

#[tokio::test]
async fn the_audit_log_refuses_changes_and_deletions_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}/a.sqlite", dir.path().display()))
        .await
        .unwrap();
    audit_refuses_changes(&store).await;
}

#[tokio::test]
async fn the_audit_log_refuses_changes_and_deletions_on_postgres() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    let store = Store::connect(&url).await.unwrap();
    audit_refuses_changes(&store).await;
    // Roles round-trip on PostgreSQL too.
    let hash = shien_navi::app::staff::hash_password(common::STAFF_PASSWORD).unwrap();
    assert!(store.add_user("ed", &hash, Role::Editor).await.unwrap());
    assert!(!store.add_user("ed", &hash, Role::Reviewer).await.unwrap());
    assert_eq!(store.user("ed").await.unwrap().unwrap().role, Role::Editor);
}

#[tokio::test]
async fn accounts_made_before_roles_existed_become_administrators() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/old.sqlite?mode=rwc", dir.path().display());
    // A database as the previous release left it: migrations 1–3 and one account.
    {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)").execute(&pool).await.unwrap();
        for (version, file) in [
            (1, "0001_init.sql"),
            (2, "0002_handoff_codes.sql"),
            (3, "0003_chat_sessions.sql"),
        ] {
            let sql =
                std::fs::read_to_string(common::repo().join("migrations").join(file)).unwrap();
            for statement in sql.split(';').filter(|s| {
                s.lines()
                    .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with("--"))
            }) {
                sqlx::query(statement).execute(&pool).await.unwrap();
            }
            sqlx::query("INSERT INTO schema_migrations VALUES ($1, '2026-01-01T00:00:00.000Z')")
                .bind(version)
                .execute(&pool)
                .await
                .unwrap();
        }
        let hash = shien_navi::app::staff::hash_password(common::STAFF_PASSWORD).unwrap();
        sqlx::query("INSERT INTO staff_users (username, password_hash, created_at, failed_attempts, locked_until) VALUES ('veteran', $1, '2026-01-01T00:00:00.000Z', 0, NULL)")
            .bind(hash)
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    }
    let store = Store::connect(&url).await.unwrap();
    let user = store.user("veteran").await.unwrap().unwrap();
    assert_eq!(user.role, Role::Administrator);
}

#[tokio::test]
async fn the_command_line_adds_accounts_with_a_role_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = common::settings(common::fixture_corpus());
    let url = format!("sqlite://{}/cli.sqlite", dir.path().display());
    settings.database_url = shien_navi::config::Secret::new(url.clone());
    use shien_navi::app::staff::{UserOutcome, create_user};
    let pw = common::STAFF_PASSWORD;
    assert_eq!(
        create_user(&settings, "first", pw, None).await.unwrap(),
        UserOutcome::Created(Role::Administrator)
    );
    assert_eq!(
        create_user(&settings, "rev", pw, Some(Role::Reviewer))
            .await
            .unwrap(),
        UserOutcome::Created(Role::Reviewer)
    );
    // Resetting a password keeps the role unless one is given.
    assert_eq!(
        create_user(&settings, "rev", "another long password", None)
            .await
            .unwrap(),
        UserOutcome::Reset(Role::Reviewer)
    );
    assert_eq!(
        create_user(&settings, "rev", pw, Some(Role::Editor))
            .await
            .unwrap(),
        UserOutcome::Reset(Role::Editor)
    );
    let store = Store::connect(&url).await.unwrap();
    let records = audit_records(&store).await;
    assert!(records.iter().all(|r| r.actor == Actor::CommandLine));
    let actions: Vec<_> = records.iter().map(|r| r.action).collect();
    use AuditAction::*;
    assert_eq!(
        actions,
        [
            AccountCreated,
            AccountCreated,
            PasswordReset,
            PasswordReset,
            RoleChanged
        ]
    );
}
