//! Ward staff edit and publish the corpus from the console (issue 18, part 1), end to end on
//! the real app: an edit published on one replica shows on the public page, in search and in
//! chat on a second replica within 5 s; history shows the diff and rollback restores it; an
//! invalid edit and a stale one are refused; a reviewer cannot publish; export after import
//! reproduces the corpus tree byte for byte.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use shien_navi::app::AppError;
use shien_navi::app::corpus_editing::{export_corpus, import_corpus};
use shien_navi::config::{EmbedderKind, Secret};
use shien_navi::domain::corpus::{CorpusTree, EntryKind};
use shien_navi::domain::staff::{Actor, AuditAction, Role};
use shien_navi::store::Store;

const ADVERTISING: &str = "minato-test-advertising";
const PATH: &str = "schemes/ward/minato-test-advertising.toml";
const PATH_QUERY: &str = "schemes%2Fward%2Fminato-test-advertising.toml";
const OLD_SUMMARY: &str = "ホームページ制作やチラシなど、広告宣伝にかかる経費の一部を補助する。";
const NEW_SUMMARY: &str = "ホームページ制作やチラシ、店頭のデジタルサイネージなど、広告宣伝にかかる経費の一部を補助する。";

/// The fixture corpus searched by words alone, from `dir`, on the database at `url`.
fn lexical_engine(dir: PathBuf, url: &str) -> shien_navi::app::Engine {
    let mut settings = common::settings(dir);
    settings.embedder = EmbedderKind::None;
    settings.database_url = Secret::new(url.to_string());
    shien_navi::app::Engine::build(settings).expect("fixture engine builds")
}

async fn replica(url: &str) -> common::TestServer {
    let engine = lexical_engine(common::fixture_corpus(), url);
    common::spawn_with_state(shien_navi::http::AppState::new(engine).await.unwrap(), None).await
}

async fn search_ids(server: &common::TestServer, query: &str) -> Vec<String> {
    let (status, body) = server
        .post_json("/api/v1/search", serde_json::json!({"query": query}))
        .await;
    assert_eq!(status, 200, "{body}");
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

async fn scheme_page(server: &common::TestServer) -> String {
    let (status, page) = server.get_text(&format!("/schemes/{ADVERTISING}")).await;
    assert_eq!(status, 200);
    page
}

/// Waits at most 5 s for `server`'s scheme page to satisfy `ok`; returns how long it took.
async fn within_5s(server: &common::TestServer, ok: impl Fn(&str) -> bool) -> Duration {
    let started = Instant::now();
    loop {
        if ok(&scheme_page(server).await) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the second replica did not show the change within 5 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The edit form's hidden fields and the published text.
async fn open_form(server: &common::TestServer, client: &reqwest::Client) -> (String, String) {
    let r = client
        .get(server.url(&format!("/admin/corpus/entry?path={PATH_QUERY}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    // One labelled control per field, named by its TOML path.
    assert!(
        page.contains(
            r#"<input type="number" id="f-amount-max_yen" name="amount.max_yen" value="500000""#
        ),
        "{page}"
    );
    assert!(page.contains(r#"<label for="f-amount-max_yen">上限額（円）</label>"#));
    assert!(page.contains(r#"<select id="f-eligibility-location" name="eligibility.location">"#));
    assert!(page.contains(r#"name="window.rounds.0.opens" value="2026-04-01""#));
    assert!(page.contains(r#"<textarea id="toml-text" name="toml""#));
    (
        common::hidden(&page, "csrf"),
        common::hidden(&page, "based_on"),
    )
}

/// The problems listed beside the control with DOM id `id`.
fn beside(page: &str, id: &str) -> String {
    let marker = format!("<ul class=\"error\" id=\"{id}-error\">");
    let after = page
        .split(&marker)
        .nth(1)
        .unwrap_or_else(|| panic!("no problems beside {id}: {page}"));
    after[..after.find("</ul>").unwrap()].to_string()
}

/// What a browser submits for the edit form in `page`: every named input (a checkbox only
/// when ticked), the selected option of each select (else the first), and each text area's
/// text without the newline after its start tag, with CRLF line ends.
fn browser_fields(page: &str) -> Vec<(String, String)> {
    let start = page
        .find(r#"<form method="post" action="/admin/corpus/entry""#)
        .unwrap_or_else(|| panic!("no edit form: {page}"));
    let form = &page[start..start + page[start..].find("</form>").unwrap()];
    let decode = |s: &str| html_escape::decode_html_entities(s).into_owned();
    let attr = |attrs: &str, name: &str| {
        regex::Regex::new(&format!(r#"\s{name}="([^"]*)""#))
            .unwrap()
            .captures(attrs)
            .map(|c| decode(&c[1]))
    };
    let tags = regex::Regex::new(r"(?s)<(input|select|textarea)\b([^>]*)>").unwrap();
    let option = regex::Regex::new(r#"<option value="([^"]*)"( selected)?>"#).unwrap();
    let mut out = Vec::new();
    for c in tags.captures_iter(form) {
        let attrs = &c[2];
        let Some(name) = attr(attrs, "name") else {
            continue;
        };
        let rest = &form[c.get(0).unwrap().end()..];
        match &c[1] {
            "input" if attr(attrs, "type").as_deref() == Some("checkbox") => {
                if attrs.contains(" checked") {
                    out.push((name, attr(attrs, "value").unwrap_or_else(|| "on".into())));
                }
            }
            "input" => out.push((name, attr(attrs, "value").unwrap_or_default())),
            "textarea" => {
                let body = &rest[..rest.find("</textarea>").unwrap()];
                let body = body.strip_prefix('\n').unwrap_or(body);
                out.push((name, decode(body).replace('\n', "\r\n")));
            }
            _ => {
                let body = &rest[..rest.find("</select>").unwrap()];
                let options: Vec<(String, bool)> = option
                    .captures_iter(body)
                    .map(|o| (decode(&o[1]), o.get(2).is_some()))
                    .collect();
                let chosen = options
                    .iter()
                    .find(|(_, selected)| *selected)
                    .or(options.first())
                    .map(|(v, _)| v.clone())
                    .unwrap_or_default();
                out.push((name, chosen));
            }
        }
    }
    out
}

/// `fields` with `name` set to `value` (added when absent).
fn with(mut fields: Vec<(String, String)>, name: &str, value: &str) -> Vec<(String, String)> {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some((_, v)) => *v = value.to_string(),
        None => fields.push((name.to_string(), value.to_string())),
    }
    fields
}

async fn get_page(
    server: &common::TestServer,
    client: &reqwest::Client,
    path: &str,
) -> (u16, String) {
    let r = client.get(server.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn post_form(
    server: &common::TestServer,
    client: &reqwest::Client,
    path: &str,
    fields: &[(String, String)],
) -> (u16, String) {
    let r = client
        .post(server.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn submit(
    server: &common::TestServer,
    client: &reqwest::Client,
    csrf: &str,
    based_on: &str,
    action: &str,
    text: &str,
) -> (u16, String) {
    // The browser sends each section's text area with CRLF line ends.
    let text = text.replace('\n', "\r\n");
    let r = client
        .post(server.url("/admin/corpus/entry"))
        .form(&[
            ("csrf", csrf),
            ("path", PATH),
            ("based_on", based_on),
            ("action", action),
            ("section", &text),
        ])
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_shows_on_both_replicas_within_5s_and_rollback_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/shared.sqlite", dir.path().display());
    let one = replica(&url).await;
    let two = replica(&url).await;
    let app = &one.state.app;

    // An approved alias is learned before the edit, and must survive the engine swap.
    let (status, body) = one
        .post_json("/api/v1/search", serde_json::json!({"query": "のぼり旗"}))
        .await;
    assert_eq!(status, 200);
    app.flush_log().await;
    let inquiry = body["inquiry_id"].as_str().unwrap();
    let (_, reviewer) = common::staff_login(app, "rev", Role::Reviewer).await;
    let (token, editor) = common::staff_login(app, "ed", Role::Editor).await;
    let judgment = app
        .record_judgment(&reviewer, inquiry, &format!("scheme:{ADVERTISING}"))
        .await
        .unwrap();
    app.decide_judgment(
        &editor,
        &judgment.id,
        shien_navi::app::judgments::Decision::Approve { text: None },
    )
    .await
    .unwrap();

    assert!(
        !search_ids(&one, "デジタルサイネージ")
            .await
            .contains(&ADVERTISING.to_string())
    );
    assert!(!scheme_page(&two).await.contains("店頭のデジタルサイネージ"));

    let client = common::staff_client(&token);
    let list = client
        .get(one.url("/admin/corpus?q=サイネージ"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        list.contains("項目（0件"),
        "nothing mentions サイネージ yet: {list}"
    );
    let (csrf, based_on) = open_form(&one, &client).await;
    assert_eq!(based_on, "1");
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    let edited = published
        .replace(OLD_SUMMARY, NEW_SUMMARY)
        .replace("max_yen = 500000", "max_yen = 800000");
    let (status, body) = submit(&one, &client, &csrf, &based_on, "publish", &edited).await;
    assert_eq!(status, 303, "{body}");
    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!(stored.published, 2);
    assert_eq!(
        stored.body, edited,
        "stored with LF line ends, byte for byte"
    );

    // This replica shows it when the publish returns: page, search and chat.
    let page = scheme_page(&one).await;
    assert!(
        page.contains("店頭のデジタルサイネージ") && page.contains("80万円"),
        "{page}"
    );
    assert_eq!(
        search_ids(&one, "デジタルサイネージ")
            .await
            .first()
            .map(String::as_str),
        Some(ADVERTISING)
    );
    let (status, chat) = one
        .post_json(
            "/api/v1/chat",
            serde_json::json!({"message": "デジタルサイネージに使える補助金はありますか"}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(chat.to_string().contains(ADVERTISING), "{chat}");
    // The alias approved before the swap still finds the scheme.
    assert_eq!(
        search_ids(&one, "のぼり旗")
            .await
            .first()
            .map(String::as_str),
        Some(ADVERTISING)
    );

    // The second replica within 5 s, search included.
    let waited = within_5s(&two, |p| p.contains("店頭のデジタルサイネージ")).await;
    eprintln!("second replica showed the publish after {waited:?}");
    assert_eq!(
        search_ids(&two, "デジタルサイネージ")
            .await
            .first()
            .map(String::as_str),
        Some(ADVERTISING)
    );
    assert_eq!(
        search_ids(&two, "のぼり旗")
            .await
            .first()
            .map(String::as_str),
        Some(ADVERTISING)
    );

    // History shows the diff; rollback publishes version 1 again as version 3.
    let history = client
        .get(one.url(&format!("/admin/corpus/history?path={PATH_QUERY}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(history.contains("版1から版2への変更"), "{history}");
    assert!(
        history.contains("<del>− max_yen = 500000</del>"),
        "{history}"
    );
    assert!(
        history.contains("<ins>+ max_yen = 800000</ins>"),
        "{history}"
    );
    assert!(history.contains("この版に戻して公開する"));
    let csrf = common::hidden(&history, "csrf");
    let r = client
        .post(one.url("/admin/corpus/rollback"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("path", PATH),
            ("number", "1"),
            ("based_on", "2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!((stored.published, stored.body), (3, published));
    assert!(!scheme_page(&one).await.contains("店頭のデジタルサイネージ"));
    within_5s(&two, |p| {
        !p.contains("店頭のデジタルサイネージ") && p.contains("50万円")
    })
    .await;

    let audit = app.store().audit_page(0, 100).await.unwrap().records;
    let count = |a| audit.iter().filter(|r| r.action == a).count();
    assert_eq!(count(AuditAction::CorpusPublished), 1);
    assert_eq!(count(AuditAction::CorpusRolledBack), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_edit_is_refused_next_to_its_field_and_nothing_published_changes() {
    let dir = tempfile::tempdir().unwrap();
    let server = replica(&format!("sqlite://{}/log.sqlite", dir.path().display())).await;
    let app = &server.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let (csrf, based_on) = open_form(&server, &client).await;
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    let broken = published.replace(
        "aliases = [\"広告補助\"]",
        "aliases = [\"広告補助\"]\nrelated = [\"no-such-scheme\"]",
    );
    for action in ["publish", "draft", "preview"] {
        let (status, page) = submit(&server, &client, &csrf, &based_on, action, &broken).await;
        assert_eq!(status, 400, "{action}: {page}");
        assert!(page.contains("保存も公開もしていません"), "{page}");
        // The problem is shown beside the field's control, in Japanese, and the control is
        // marked invalid.
        let problems = beside(&page, "f-related");
        assert!(
            problems.contains("ID「no-such-scheme」の制度はありません"),
            "{problems}"
        );
        assert!(page.contains(
            r#"value="no-such-scheme" lang="ja" size="60" aria-invalid="true" aria-describedby="f-related-error""#
        ), "{page}");
        // What the editor typed comes back in the form.
        assert!(
            page.contains("related = [&#34;no-such-scheme&#34;]")
                || page.contains("related = [&quot;no-such-scheme&quot;]"),
            "{page}"
        );
    }
    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!((stored.published, stored.body), (1, published));
    assert!(app.store().corpus_versions(PATH).await.unwrap().len() == 1);
    assert!(
        scheme_page(&server)
            .await
            .contains("テスト区 広告宣伝費補助金")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_editor_on_the_same_version_is_told_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let server = replica(&format!("sqlite://{}/log.sqlite", dir.path().display())).await;
    let app = &server.state.app;
    let (token_a, a) = common::staff_login(app, "ed-a", Role::Editor).await;
    let (token_b, _) = common::staff_login(app, "ed-b", Role::Administrator).await;
    let client_a = common::staff_client(&token_a);
    let client_b = common::staff_client(&token_b);
    let (csrf_a, base_a) = open_form(&server, &client_a).await;
    let (csrf_b, base_b) = open_form(&server, &client_b).await;
    assert_eq!(base_a, base_b);
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    let by_a = published.replace("max_yen = 500000", "max_yen = 600000");
    let by_b = published.replace("max_yen = 500000", "max_yen = 700000");

    // A saves a draft and publishes; B, who started from the same version, is refused.
    let (status, _) = submit(&server, &client_a, &csrf_a, &base_a, "draft", &by_a).await;
    assert_eq!(status, 303);
    let (status, _) = submit(&server, &client_a, &csrf_a, &base_a, "publish", &by_a).await;
    assert_eq!(status, 303);
    for action in ["publish", "draft"] {
        let (status, page) = submit(&server, &client_b, &csrf_b, &base_b, action, &by_b).await;
        assert_eq!(status, 409, "{page}");
        assert!(
            page.contains("別の職員が先に公開しました") || page.contains("別の職員が公開しました"),
            "{page}"
        );
        assert!(
            page.contains("max_yen = 700000"),
            "B's text is kept in the form"
        );
    }
    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!(stored.body, by_a);
    assert_eq!(stored.published, 3, "version 2 is A's draft, 3 A's publish");

    // The same refusal from the application layer, for a rollback from a stale version.
    let e = app
        .roll_back_corpus_entry(&a, PATH, 1, 1)
        .await
        .expect_err("stale");
    assert!(matches!(e, AppError::Conflict(_)), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_can_neither_open_the_editor_nor_publish() {
    let dir = tempfile::tempdir().unwrap();
    let server = replica(&format!("sqlite://{}/log.sqlite", dir.path().display())).await;
    let app = &server.state.app;
    let (token, reviewer) = common::staff_login(app, "rev", Role::Reviewer).await;
    let client = common::staff_client(&token);
    let r = client
        .get(server.url("/admin/corpus"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let dashboard = client
        .get(server.url("/admin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !dashboard.contains("/admin/corpus\""),
        "no menu entry for a reviewer"
    );
    let csrf = common::hidden(&dashboard, "csrf");
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    let (status, _) = submit(
        &server,
        &client,
        &csrf,
        "1",
        "publish",
        &published.replace("max_yen = 500000", "max_yen = 900000"),
    )
    .await;
    assert_eq!(status, 403);
    let e = app
        .publish_corpus_entry(&reviewer, PATH, &published, 1)
        .await
        .expect_err("a reviewer may not publish");
    assert!(matches!(e, AppError::Forbidden { .. }), "{e:?}");
    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!((stored.published, stored.body), (1, published));
    let audit = app.store().audit_page(0, 100).await.unwrap().records;
    assert!(audit.iter().any(|r| r.action == AuditAction::AccessDenied));
    assert!(
        !audit
            .iter()
            .any(|r| r.action == AuditAction::CorpusPublished)
    );
}

/// Every file under `dir`, recursively, by relative path, as bytes.
fn bytes_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_after_import_reproduces_the_real_corpus_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/corpus.sqlite", dir.path().display());
    let store = Store::connect(&url).await.unwrap();
    let settings = common::settings(common::repo().join("corpus"));
    let corpus = common::repo().join("corpus");
    let outcome = import_corpus(&store, &settings, &corpus, Actor::CommandLine)
        .await
        .unwrap();
    let out = dir.path().join("exported");
    let files = export_corpus(&store, &out, Actor::CommandLine)
        .await
        .unwrap();
    assert_eq!(files, outcome.files);
    let original = bytes_under(&corpus);
    assert_eq!(
        original.len(),
        files,
        "every file of corpus/ is in the tree"
    );
    assert_eq!(bytes_under(&out), original);

    // An invalid tree is refused naming file and field, and nothing stored changes.
    let broken = dir.path().join("broken");
    CorpusTree::read(&corpus).unwrap().write(&broken).unwrap();
    let file = broken.join("schemes/ward/minato-ai-jinzai-ikusei.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("\"minato-junkai-sodan\"", "\"no-such-scheme\""),
    )
    .unwrap();
    let before = store.corpus_state().await.unwrap();
    let e = import_corpus(&store, &settings, &broken, Actor::CommandLine)
        .await
        .expect_err("invalid");
    let AppError::CorpusInvalid { problems } = e else {
        panic!("{e:?}")
    };
    assert!(
        problems.iter().any(|p| p
            .file
            .ends_with("schemes/ward/minato-ai-jinzai-ikusei.toml")
            && p.id.as_deref() == Some("minato-ai-jinzai-ikusei")
            && p.field.as_deref() == Some("related")),
        "{problems:?}"
    );
    assert_eq!(store.corpus_state().await.unwrap(), before);
    assert_eq!(
        store.published_tree().await.unwrap(),
        CorpusTree::read(&corpus).unwrap()
    );
}

#[test]
fn the_command_line_imports_exports_and_refuses_an_invalid_tree() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.sqlite", dir.path().display());
    let shien = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_shien"))
            .args(args)
            .current_dir(common::repo())
            .env("SHIEN__DATABASE_URL", &url)
            .output()
            .unwrap()
    };
    let fixture = common::fixture_corpus();
    let r = shien(&["corpus", "import", fixture.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let out = dir.path().join("out");
    let r = shien(&["corpus", "export", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(bytes_under(&out), bytes_under(&fixture));

    let file = out.join("faqs/test.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\n[[faq]]\nid = \"faq-broken\"\n")).unwrap();
    let r = shien(&["corpus", "import", out.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("faqs/test.toml:")
            && stderr.contains("question")
            && stderr.contains("nothing was stored"),
        "{stderr}"
    );
}

async fn start(corpus: &Path, url: &str) -> shien_navi::app::App {
    shien_navi::app::App::start(lexical_engine(corpus.to_path_buf(), url))
        .await
        .unwrap()
}

/// The policy of `corpus_live`: a changed tree is seeded again while nobody has published
/// from the console; once someone has, the database wins and a server built from the folder
/// serves the database's corpus.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_tree_is_seeded_again_until_an_editor_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/seed.sqlite", dir.path().display());
    let corpus = dir.path().join("corpus");
    CorpusTree::read(&common::fixture_corpus())
        .unwrap()
        .write(&corpus)
        .unwrap();
    let first = start(&corpus, &url).await;
    assert_eq!(first.corpus_version(), 1);
    drop(first);

    let file = corpus.join(PATH);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace(OLD_SUMMARY, NEW_SUMMARY)).unwrap();
    let second = start(&corpus, &url).await;
    assert_eq!(second.corpus_version(), 2, "seeded again");
    let store = second.store().clone();
    assert_eq!(
        store.published_tree().await.unwrap(),
        CorpusTree::read(&corpus).unwrap()
    );
    let (_, editor) = common::staff_login(&second, "ed", Role::Editor).await;
    let entry = store.corpus_entry(PATH).await.unwrap().unwrap();
    let edited = entry.body.replace("max_yen = 500000", "max_yen = 800000");
    second
        .publish_corpus_entry(&editor, PATH, &edited, entry.published)
        .await
        .unwrap();
    drop(second);

    // The folder changes again, but an editor has published: the database's corpus is served.
    std::fs::write(&file, text).unwrap();
    let third = start(&corpus, &url).await;
    assert_eq!(third.corpus_version(), 3);
    assert_eq!(
        store.corpus_entry(PATH).await.unwrap().unwrap().body,
        edited
    );
    let engine = third.engine();
    let scheme = engine.corpus.scheme(ADVERTISING).unwrap();
    assert_eq!(scheme.summary, NEW_SUMMARY);
    assert_eq!(scheme.amount.as_ref().unwrap().max_yen, Some(800_000));
}

/// Only the changed texts are encoded again: the e5 passage vectors come from the cache keyed
/// by text checksum (a cache of its own in a temporary models folder).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_encodes_only_the_changed_texts() {
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().join("models");
    std::fs::create_dir_all(models.join("e5")).unwrap();
    let real = common::repo().join("models");
    std::os::unix::fs::symlink(real.join("ipadic"), models.join("ipadic")).unwrap();
    std::os::unix::fs::symlink(
        real.join("e5/e5-small-q4.bin"),
        models.join("e5/e5-small-q4.bin"),
    )
    .unwrap();
    let mut settings = common::settings(common::fixture_corpus());
    settings.models_dir = models;
    settings.embedder = EmbedderKind::E5;
    settings.database_url = Secret::new(format!("sqlite://{}/e5.sqlite", dir.path().display()));
    let engine = shien_navi::app::Engine::build(settings).unwrap();
    let first = engine.vector_cache_stats().unwrap();
    let app = shien_navi::app::App::start(engine).await.unwrap();
    let (_, editor) = common::staff_login(&app, "ed", Role::Editor).await;
    let entry = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    app.publish_corpus_entry(
        &editor,
        PATH,
        &entry.body.replace(OLD_SUMMARY, NEW_SUMMARY),
        entry.published,
    )
    .await
    .unwrap();
    let after = app.engine().vector_cache_stats().unwrap();
    eprintln!("first build {first:?}; after the publish {after:?}");
    let total = first.cached + first.computed;
    assert_eq!(after.cached + after.computed, total);
    assert!(
        after.computed >= 1 && after.computed <= 2,
        "only the edited scheme's passages are encoded: {after:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_replicas_see_a_publish_within_5s() {
    let Some(url) = common::postgres_url().await else {
        return;
    };
    let one = replica(&url).await;
    let two = replica(&url).await;
    let app = &one.state.app;
    let (_, editor) = common::staff_login(app, "ed", Role::Editor).await;
    let entry = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!(entry.published, 1, "seeded once by the two replicas");
    app.publish_corpus_entry(
        &editor,
        PATH,
        &entry.body.replace(OLD_SUMMARY, NEW_SUMMARY),
        1,
    )
    .await
    .unwrap();
    let e = app
        .publish_corpus_entry(&editor, PATH, &entry.body, 1)
        .await
        .expect_err("stale");
    assert!(matches!(e, AppError::Conflict(_)));
    let waited = within_5s(&two, |p| p.contains("店頭のデジタルサイネージ")).await;
    eprintln!("PostgreSQL: the second replica showed the publish after {waited:?}");
}

/// The editor's form as a browser sees and submits it (issue 18, part 2).
async fn form_page(server: &common::TestServer, client: &reqwest::Client, path: &str) -> String {
    let query: String = form_urlencoded_path(path);
    let (status, page) =
        get_page(server, client, &format!("/admin/corpus/entry?path={query}")).await;
    assert_eq!(status, 200, "{page}");
    page
}

fn form_urlencoded_path(path: &str) -> String {
    path.replace('/', "%2F")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ceiling_changed_in_its_field_is_published_and_nothing_else_in_the_file_moves() {
    let dir = tempfile::tempdir().unwrap();
    let server = replica(&format!("sqlite://{}/log.sqlite", dir.path().display())).await;
    let app = &server.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    // The freshness board links the scheme (its only round has closed) to its form.
    let (status, board) = get_page(&server, &client, "/admin/freshness").await;
    assert_eq!(status, 200);
    assert!(
        board.contains(&format!(
            r#"<a href="/admin/corpus/entry?path={PATH_QUERY}">編集フォームを開く"#
        )),
        "{board}"
    );
    let page = form_page(&server, &client, PATH).await;
    let fields = with(browser_fields(&page), "amount.max_yen", "800000");
    let fields = with(fields, "action", "publish");
    let (status, body) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 303, "{body}");
    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!(stored.published, 2);
    assert_eq!(
        stored.body,
        published.replace("max_yen = 500000", "max_yen = 800000"),
        "only the changed line differs"
    );
    assert!(scheme_page(&server).await.contains("80万円"));

    // Ticked codes, a new row and a new round reach the file as TOML the validator accepts.
    let page = form_page(&server, &client, PATH).await;
    let mut fields = browser_fields(&page);
    fields.push(("purposes".into(), "IT導入".into()));
    let fields = with(fields, "aliases.1", "チラシ補助");
    let fields = with(fields, "window.rounds.1.label", "2026年度 第2回");
    let fields = with(fields, "window.rounds.1.opens", "2026-09-01");
    let fields = with(fields, "window.rounds.1.closes", "2026-10-31");
    let fields = with(fields, "action", "publish");
    let (status, body) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 303, "{body}");
    let engine = app.engine();
    let scheme = engine.corpus.scheme(ADVERTISING).unwrap();
    assert_eq!(scheme.purposes, ["販路拡大", "IT導入"]);
    assert_eq!(scheme.aliases, ["広告補助", "チラシ補助"]);
    assert_eq!(scheme.window.rounds.len(), 2);
    assert_eq!(scheme.window.rounds[1].label, "2026年度 第2回");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_value_is_refused_beside_its_control_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let server = replica(&format!("sqlite://{}/log.sqlite", dir.path().display())).await;
    let app = &server.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    let page = form_page(&server, &client, PATH).await;

    // A ceiling that is not a number: the form itself refuses it.
    let fields = with(browser_fields(&page), "amount.max_yen", "八十万円");
    let fields = with(fields, "action", "publish");
    let (status, page_back) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 400, "{page_back}");
    assert!(
        beside(&page_back, "f-amount-max_yen")
            .contains("0以上の整数を半角数字で入力してください（入力：「八十万円」）"),
        "{page_back}"
    );
    assert!(page_back.contains(
        r#"name="amount.max_yen" value="八十万円" min="0" step="1" inputmode="numeric" aria-invalid="true" aria-describedby="f-amount-max_yen-error""#
    ), "what was typed comes back: {page_back}");
    assert!(
        page_back.contains(r##"<a href="#f-amount-max_yen">上限額（円）："##),
        "the summary links to the control: {page_back}"
    );

    // Values the validator refuses: an unknown related scheme and an empty summary.
    let fields = with(browser_fields(&page), "related.0", "no-such-scheme");
    let fields = with(fields, "summary", "");
    let fields = with(fields, "action", "publish");
    let (status, page_back) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 400, "{page_back}");
    assert!(beside(&page_back, "f-related").contains("ID「no-such-scheme」の制度はありません"));
    assert!(beside(&page_back, "f-summary").contains("入力してください（空欄にはできません）"));
    assert!(
        page_back.contains("2件の問題があるため、保存も公開もしていません"),
        "{page_back}"
    );

    // The same refusal in English for an English page, the field named there too.
    let fields = with(fields, "action", "draft");
    let (status, english) =
        post_form(&server, &client, "/admin/corpus/entry?lang=en", &fields).await;
    assert_eq!(status, 400);
    assert!(
        beside(&english, "f-summary").contains("Enter a value (this cannot be empty)."),
        "{english}"
    );

    let stored = app.store().corpus_entry(PATH).await.unwrap().unwrap();
    assert_eq!((stored.published, stored.body), (1, published));
    assert_eq!(app.store().corpus_versions(PATH).await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_scheme_is_found_after_publishing_gone_after_deleting_and_back_after_rollback() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/shared.sqlite", dir.path().display());
    let one = replica(&url).await;
    let two = replica(&url).await;
    let app = &one.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let (status, new) = get_page(&one, &client, "/admin/corpus/new").await;
    assert_eq!(status, 200, "{new}");
    let csrf = common::hidden(&new, "csrf");
    let ask = |id: &str| {
        vec![
            ("csrf".to_string(), csrf.clone()),
            ("id".to_string(), id.to_string()),
            ("level".to_string(), "ward".to_string()),
            (
                "title".to_string(),
                "テスト区 キッチンカー出店支援".to_string(),
            ),
        ]
    };
    // Ids are checked for format and for being new.
    let (status, page) = post_form(&one, &client, "/admin/corpus/new", &ask("Kitchen Car")).await;
    assert_eq!(status, 400);
    assert!(
        page.contains("半角の小文字英字・数字・ハイフンだけ"),
        "{page}"
    );
    assert!(page.contains(r#"aria-invalid="true" aria-describedby="new-id-help new-id-error""#));
    let (status, page) = post_form(&one, &client, "/admin/corpus/new", &ask(ADVERTISING)).await;
    assert_eq!(status, 400);
    assert!(page.contains("同じIDがすでにあります"), "{page}");

    let id = "minato-test-kitchen-car";
    let path = format!("schemes/ward/{id}.toml");
    let (status, form) = post_form(&one, &client, "/admin/corpus/new", &ask(id)).await;
    assert_eq!(status, 200, "{form}");
    assert!(form.contains(r#"name="based_on" value="0""#));
    assert!(
        app.store().corpus_entry(&path).await.unwrap().is_none(),
        "nothing stored yet"
    );
    let mut fields = browser_fields(&form);
    for (name, value) in [
        ("provider", "テスト区 産業振興課"),
        (
            "summary",
            "キッチンカーで区内のイベントに出店する事業者に、出店料の一部を補助する。",
        ),
        ("details", "キッチンカーの出店料と車両の装飾費が対象。\n"),
        ("how_to_apply", "申請書を窓口へ提出。"),
        ("contact", "テスト区 産業振興課"),
        ("source_url", "https://example.org/test/kitchen-car"),
        ("amount.max_yen", "300000"),
        ("action", "publish"),
    ] {
        fields = with(fields, name, value);
    }
    fields.push(("purposes".into(), "販路拡大".into()));
    let (status, body) = post_form(&one, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 303, "{body}");
    let stored = app.store().corpus_entry(&path).await.unwrap().unwrap();
    assert_eq!(stored.published, 1);
    assert!(
        stored.body.contains("max_yen = 300000\n"),
        "{}",
        stored.body
    );
    assert_eq!(
        search_ids(&one, "キッチンカー")
            .await
            .first()
            .map(String::as_str),
        Some(id)
    );
    // The other replica follows through the version poll.
    let started = Instant::now();
    while search_ids(&two, "キッチンカー")
        .await
        .first()
        .map(String::as_str)
        != Some(id)
    {
        assert!(started.elapsed() < Duration::from_secs(5), "second replica");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Delete: a confirmation page first, then the scheme is gone from search and its page.
    let query = form_urlencoded_path(&path);
    let (status, confirm) =
        get_page(&one, &client, &format!("/admin/corpus/delete?path={query}")).await;
    assert_eq!(status, 200);
    assert!(
        confirm.contains("「テスト区 キッチンカー出店支援」を削除しますか。"),
        "{confirm}"
    );
    let fields = vec![
        ("csrf".to_string(), common::hidden(&confirm, "csrf")),
        ("path".to_string(), path.clone()),
        ("based_on".to_string(), common::hidden(&confirm, "based_on")),
    ];
    let (status, _) = post_form(&one, &client, "/admin/corpus/delete", &fields).await;
    assert_eq!(status, 303);
    assert!(
        !search_ids(&one, "キッチンカー")
            .await
            .contains(&id.to_string())
    );
    let (status, _) = one.get_text(&format!("/schemes/{id}")).await;
    assert_eq!(status, 404);
    assert!(
        app.store()
            .published_tree()
            .await
            .unwrap()
            .get(&path)
            .is_none()
    );
    let (_, history) = get_page(
        &one,
        &client,
        &format!("/admin/corpus/history?path={query}"),
    )
    .await;
    assert!(history.contains("この項目は削除されています"), "{history}");
    assert!(
        history.contains("<del>− max_yen = 300000</del>"),
        "{history}"
    );
    // An id once used is not given again.
    let (status, _) = post_form(&one, &client, "/admin/corpus/new", &ask(id)).await;
    assert_eq!(status, 400);

    // Rollback to version 1 brings it back.
    let csrf = common::hidden(&history, "csrf");
    let r = client
        .post(one.url("/admin/corpus/rollback"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("path", path.as_str()),
            ("number", "1"),
            ("based_on", "2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        search_ids(&one, "キッチンカー")
            .await
            .first()
            .map(String::as_str),
        Some(id)
    );

    let audit = app.store().audit_page(0, 100).await.unwrap().records;
    let count = |a| audit.iter().filter(|r| r.action == a).count();
    assert_eq!(count(AuditAction::CorpusCreated), 1);
    assert_eq!(count(AuditAction::CorpusDeleted), 1);
    assert_eq!(count(AuditAction::CorpusRolledBack), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_faq_is_added_in_the_empty_item_and_removed_after_a_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let server = replica(&format!("sqlite://{}/log.sqlite", dir.path().display())).await;
    let app = &server.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let faqs = "faqs/test.toml";
    let before = app.store().corpus_entry(faqs).await.unwrap().unwrap().body;
    let count = before.matches("[[faq]]").count();
    let page = form_page(&server, &client, faqs).await;
    assert!(
        page.contains(r#"<h2 id="f-faq-new">"#),
        "the list's link lands on the empty item"
    );
    let new = |key: &str| format!("faq.{count}.{key}");
    let mut fields = browser_fields(&page);
    for (key, value) in [
        ("id", "faq-test-new"),
        ("question", "広告の補助は何回使えますか？"),
        ("answer", "年度ごとに1回です。"),
        ("scheme_ids.0", ADVERTISING),
        ("source_url", "https://example.org/test/advertising"),
        ("as_of", "2026-11-20"),
    ] {
        fields = with(fields, &new(key), value);
    }
    let fields = with(fields, "action", "publish");
    let (status, body) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 303, "{body}");
    let added = app.store().corpus_entry(faqs).await.unwrap().unwrap().body;
    assert!(added.starts_with(&before), "the file only grows");
    assert!(added.ends_with("[[faq]]\nid = \"faq-test-new\"\nquestion = \"広告の補助は何回使えますか？\"\nanswer = \"年度ごとに1回です。\"\nscheme_ids = [\"minato-test-advertising\"]\nsource_url = \"https://example.org/test/advertising\"\nas_of = 2026-11-20\n"), "{added}");
    assert!(
        app.engine()
            .corpus
            .faqs
            .iter()
            .any(|f| f.id == "faq-test-new")
    );

    // A duplicate id in a new item is refused beside that item's id.
    let page = form_page(&server, &client, faqs).await;
    let dup = format!("faq.{}.", count + 1);
    let mut fields = browser_fields(&page);
    for (key, value) in [
        ("id", "faq-test-new"),
        ("question", "重複？"),
        ("answer", "重複。"),
        ("scheme_ids.0", ADVERTISING),
        ("source_url", "https://example.org/test/advertising"),
        ("as_of", "2026-11-20"),
    ] {
        fields = with(fields, &format!("{dup}{key}"), value);
    }
    let (status, refused) = post_form(
        &server,
        &client,
        "/admin/corpus/entry",
        &with(fields, "action", "publish"),
    )
    .await;
    assert_eq!(status, 400, "{refused}");
    assert!(refused.contains("同じIDがすでにあります"), "{refused}");

    // Removing it asks once more, then publishes the file without it.
    let fields = with(browser_fields(&page), &format!("faq.{count}._remove"), "1");
    let fields = with(fields, "action", "publish");
    let (status, confirm) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 200);
    assert!(
        confirm.contains("削除してよければ、もう一度「公開する」を押してください"),
        "{confirm}"
    );
    assert_eq!(
        app.store().corpus_entry(faqs).await.unwrap().unwrap().body,
        added
    );
    let fields = with(browser_fields(&confirm), "action", "publish");
    let (status, body) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
    assert_eq!(status, 303, "{body}");
    let removed = app.store().corpus_entry(faqs).await.unwrap().unwrap().body;
    assert_eq!(removed.trim_end(), before.trim_end());
    assert!(
        !app.engine()
            .corpus
            .faqs
            .iter()
            .any(|f| f.id == "faq-test-new")
    );
}

/// Every scheme, FAQ file, desk file and synonym file of the real corpus, loaded into its form
/// and saved unchanged as a browser would send it, comes back byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_real_entry_saved_unchanged_from_its_form_is_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/real.sqlite", dir.path().display());
    let server = common::spawn_with_state(
        shien_navi::http::AppState::new(lexical_engine(common::repo().join("corpus"), &url))
            .await
            .unwrap(),
        None,
    )
    .await;
    let app = &server.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let mut checked = 0;
    for entry in app.store().corpus_entries().await.unwrap() {
        if !shien_navi::app::corpus_editing::has_form(entry.kind) {
            continue;
        }
        let page = form_page(&server, &client, &entry.path).await;
        assert!(
            !page.contains("項目ごとのフォームは表示できません"),
            "{}",
            entry.path
        );
        let fields = with(browser_fields(&page), "action", "draft");
        let (status, body) = post_form(&server, &client, "/admin/corpus/entry", &fields).await;
        assert_eq!(status, 303, "{}: {body}", entry.path);
        let draft = &app.store().corpus_versions(&entry.path).await.unwrap()[0];
        assert!(!draft.published);
        assert_eq!(draft.body, entry.body, "{} changed", entry.path);
        checked += 1;
    }
    let schemes = std::fs::read_dir(common::repo().join("corpus/schemes"))
        .unwrap()
        .map(|d| std::fs::read_dir(d.unwrap().path()).unwrap().count())
        .sum::<usize>();
    let faq_files = std::fs::read_dir(common::repo().join("corpus/faqs"))
        .unwrap()
        .count();
    assert_eq!(
        checked,
        schemes + faq_files + 2,
        "schemes, FAQ files, desks, synonyms"
    );
}

/// Every label and choice of the forms has its text in the three catalogs.
#[test]
fn every_form_label_and_choice_is_in_every_catalog() {
    use shien_navi::app::messages::has_message;
    use shien_navi::domain::Lang;
    use shien_navi::domain::corpus::form::{Control, form_of};
    let mut keys = Vec::new();
    for kind in EntryKind::ALL {
        keys.push(format!("editing-kind-{}", kind.code().replace('_', "-")));
        for table in form_of(kind).unwrap_or_default() {
            let name = table.name.replace(['.', '_'], "-");
            if table.array {
                keys.push(format!("editing-item-{name}"));
                keys.push(format!("editing-new-{name}"));
            } else {
                keys.push(format!(
                    "editing-table-{}",
                    if name.is_empty() { "main" } else { &name }
                ));
            }
            for field in table.fields {
                let path = if table.name.is_empty() {
                    field.key.to_string()
                } else {
                    format!("{}.{}", table.name, field.key)
                };
                keys.push(format!("editing-field-{}", path.replace(['.', '_'], "-")));
                if let Control::Select(options) = field.control {
                    let set = match (path.as_str(), field.key) {
                        ("window.kind", _) => "window",
                        (_, "location" | "min_years_area") => "area",
                        (_, other) => other,
                    };
                    for o in options {
                        keys.push(format!(
                            "editing-opt-{}-{}",
                            set.replace('_', "-"),
                            o.replace('_', "-")
                        ));
                    }
                }
            }
        }
    }
    for (set, codes) in [
        ("sector", shien_navi::domain::corpus::form::SECTORS),
        ("situation", shien_navi::domain::corpus::form::SITUATIONS),
        (
            "prerequisite",
            shien_navi::domain::corpus::form::PREREQUISITES,
        ),
        ("day", shien_navi::domain::corpus::form::WEEKDAYS),
    ] {
        for c in codes {
            keys.push(format!("editing-opt-{set}-{}", c.replace('_', "-")));
        }
    }
    assert!(keys.len() > 150, "{}", keys.len());
    for lang in Lang::ALL {
        let missing: Vec<&String> = keys.iter().filter(|k| !has_message(lang, k)).collect();
        assert!(missing.is_empty(), "{}: {missing:?}", lang.code());
    }
}

/// The editor's catalogs parse, and the three languages have the same keys.
#[test]
fn the_editing_catalogs_parse_and_have_the_same_keys() {
    use shien_navi::app::messages::EDITING_SOURCES;
    let id = regex::Regex::new(r"(?m)^([a-zA-Z][a-zA-Z0-9_-]*)\s*=").unwrap();
    let keys = |source: &str| -> std::collections::BTreeSet<String> {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.to_string()) {
            panic!("{errors:?}");
        }
        id.captures_iter(source).map(|c| c[1].to_string()).collect()
    };
    let ja = keys(EDITING_SOURCES[0].1);
    assert!(ja.len() > 200, "{}", ja.len());
    for (lang, source) in &EDITING_SOURCES[1..] {
        assert_eq!(keys(source), ja, "locales/{}/editing.ftl", lang.code());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_translated_scheme_is_deleted_with_its_translations() {
    const IT_PATH: &str = "schemes/national/national-test-it.toml";
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/shared.sqlite", dir.path().display());
    let one = replica(&url).await;
    let app = &one.state.app;
    let (token, _) = common::staff_login(app, "ed", Role::Editor).await;
    let client = common::staff_client(&token);
    let before = app.store().published_tree().await.unwrap();
    for lang in ["en", "easy"] {
        let file = format!("i18n/{lang}/schemes.toml");
        assert!(
            before.get(&file).unwrap().contains("national-test-it"),
            "the fixture translates the scheme into {lang}"
        );
    }
    let (status, confirm) = get_page(
        &one,
        &client,
        "/admin/corpus/delete?path=schemes%2Fnational%2Fnational-test-it.toml",
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        confirm.contains("英語とやさしい日本語の翻訳"),
        "the confirmation says the translations go too: {confirm}"
    );
    let fields = vec![
        ("csrf".to_string(), common::hidden(&confirm, "csrf")),
        ("path".to_string(), IT_PATH.to_string()),
        ("based_on".to_string(), common::hidden(&confirm, "based_on")),
    ];
    let (status, body) = post_form(&one, &client, "/admin/corpus/delete", &fields).await;
    assert_eq!(status, 303, "{body}");
    let after = app.store().published_tree().await.unwrap();
    assert!(after.get(IT_PATH).is_none());
    for lang in ["en", "easy"] {
        let file = format!("i18n/{lang}/schemes.toml");
        let (old, new) = (before.get(&file).unwrap(), after.get(&file).unwrap());
        assert!(!new.contains("national-test-it"), "{new}");
        assert!(
            new.contains("minato-test-sogyo-loan") && new.len() < old.len(),
            "the other translations stay: {new}"
        );
    }
    let (status, _) = one.get_text("/schemes/national-test-it").await;
    assert_eq!(status, 404);
    // The published corpus still passes the validator.
    shien_navi::domain::Corpus::load(after.materialise().unwrap().path(), &[]).unwrap();
}
