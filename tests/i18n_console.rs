//! The staff console in three languages: no interface text written into its templates, every
//! page in the chosen language with the right `<html lang>` and the switch, logged texts shown
//! as written and marked Japanese. Through the real app on a port, as staff log in.

mod common;

use std::path::Path;

use shien_navi::app::messages::Messages;
use shien_navi::domain::Lang;
use shien_navi::domain::staff::Role;

/// Console templates still carrying their Japanese text: none.
const NOT_YET_TRANSLATED: [&str; 0] = [];

/// Kana, kanji and the Japanese and full-width punctuation: interface text that belongs in a
/// catalog.
fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK punctuation: 「」、。〜
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{3400}'..='\u{9FFF}' // kanji
        | '\u{FF00}'..='\u{FFEF}' // full-width forms: （）／：
    )
}

/// The Japanese text a template writes itself, outside `{{ … }}`, `{% … %}` and `{# … #}`
/// (what those print comes from the catalogs or the data): (line, text) per run.
fn hard_coded_japanese(template: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = template;
    let mut line = 1;
    let mut run = String::new();
    while let Some(c) = rest.chars().next() {
        if let Some(close) = ["{{", "{%", "{#"]
            .iter()
            .find(|open| rest.starts_with(**open))
            .map(|open| match *open {
                "{{" => "}}",
                "{%" => "%}",
                _ => "#}",
            })
        {
            if !run.is_empty() {
                found.push((line, std::mem::take(&mut run)));
            }
            let end = rest.find(close).map_or(rest.len(), |i| i + close.len());
            line += rest[..end].matches('\n').count();
            rest = &rest[end..];
            continue;
        }
        if is_japanese(c) {
            run.push(c);
        } else if !run.is_empty() {
            found.push((line, std::mem::take(&mut run)));
        }
        if c == '\n' {
            line += 1;
        }
        rest = &rest[c.len_utf8()..];
    }
    if !run.is_empty() {
        found.push((line, run));
    }
    found
}

fn templates(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            templates(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn the_check_finds_japanese_written_into_a_template_and_nothing_in_expressions() {
    assert_eq!(
        hard_coded_japanese("<h1>職員ログイン</h1>\n<p>{{ chrome.t(\"x\") }}（{{ n }}件）</p>"),
        vec![
            (1, "職員ログイン".to_string()),
            (2, "（".to_string()),
            (2, "件）".to_string())
        ]
    );
    assert!(
        hard_coded_japanese("{% if x == \"すべて\" %}{{ \"出典\" }}{# 注 #}{% endif %}").is_empty()
    );
}

#[test]
fn no_template_writes_interface_text_itself() {
    let root = common::repo().join("templates");
    let mut files = Vec::new();
    templates(&root, &mut files);
    let mut checked = 0;
    let mut problems = Vec::new();
    for path in files {
        let name = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if NOT_YET_TRANSLATED.contains(&name.as_str()) {
            continue;
        }
        checked += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, run) in hard_coded_japanese(&text) {
            problems.push(format!("templates/{name}:{line}: {run}"));
        }
    }
    assert!(checked > 20, "checked only {checked} templates");
    assert!(
        problems.is_empty(),
        "interface text belongs in locales/<lang>/*.ftl:\n{}",
        problems.join("\n")
    );
}

fn html_lang(html: &str) -> &str {
    let start = html
        .find("<html lang=\"")
        .expect("an html element with lang")
        + 12;
    &html[start..start + html[start..].find('"').unwrap()]
}

/// The console's pages with the catalog key of their heading.
const PAGES: [(&str, &str); 7] = [
    ("/admin", "dashboard-title"),
    ("/admin/inquiries", "inquiries-title"),
    ("/admin/tickets", "tickets-title"),
    ("/admin/judgments", "judgments-title"),
    ("/admin/accounts", "accounts-title"),
    ("/admin/audit", "audit-title"),
    ("/admin/report?month=2026-01", "report-title-month"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_console_page_is_in_the_chosen_language_with_logged_text_marked_japanese() {
    let server = common::spawn(common::fixture_app()).await;
    let (token, _) = common::staff_login(&server.state.app, "kanri", Role::Administrator).await;
    let staff = common::staff_client(&token);
    // One logged inquiry, in Japanese, for the list.
    let (status, reply) = server
        .post_json(
            "/api/v1/chat",
            serde_json::json!({"message": "創業融資について知りたい"}),
        )
        .await;
    assert_eq!(status, 200, "{reply}");

    for lang in Lang::ALL {
        let m = Messages::new(lang);
        for (path, heading) in PAGES {
            let sep = if path.contains('?') { '&' } else { '?' };
            let r = staff
                .get(server.url(&format!("{path}{sep}lang={}", lang.code())))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 200, "{path} in {lang}");
            let html = r.text().await.unwrap();
            assert_eq!(html_lang(&html), lang.html_lang(), "{path} in {lang}");
            // The report's heading names the month after the title.
            let expected = if heading == "report-title-month" {
                m.t("report-title")
            } else {
                m.t(heading)
            };
            assert!(
                html.contains(&format!("<h1>{expected}")),
                "{path} in {lang}: heading {expected}\n{html}"
            );
            if lang != Lang::Ja {
                assert!(
                    !html.contains(&m.t("page-japanese-only")),
                    "{path} in {lang} is translated"
                );
            }
            // The menu and who is logged in, in the same language.
            assert!(
                html.contains(&m.t("console-menu-label")),
                "{path} in {lang}"
            );
            assert!(html.contains(&m.t("console-nav-audit")), "{path} in {lang}");
        }
    }

    let get = |path: &str| {
        let request = staff.get(server.url(path));
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    // English: no Japanese menu, the role in English, the month in English.
    let html = get("/admin?lang=en").await;
    assert!(html.contains("<h1>Dashboard</h1>"), "{html}");
    assert!(
        html.contains("Logged in as kanri (role: Administrator)"),
        "{html}"
    );
    assert!(!html.contains("職員メニュー") && !html.contains("ログイン中"));
    let html = get("/admin/report?month=2026-01&lang=en").await;
    assert!(
        html.contains("<h1>Monthly report (January 2026)</h1>"),
        "{html}"
    );
    let html = get("/admin/report?month=2026-01&lang=ja").await;
    assert!(html.contains("<h1>実施報告（2026年1月）</h1>"), "{html}");

    // The logged inquiry is shown as written, marked Japanese, with its labels in English
    // (the log is written behind the reply: wait for it).
    let mut html = String::new();
    for _ in 0..50 {
        html = get("/admin/inquiries?lang=en").await;
        if html.contains("創業融資について知りたい") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        html.contains("<td lang=\"ja\">創業融資について知りたい</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>Web</td><td>Chat</td>") || html.contains("<td>API</td><td>Chat</td>"),
        "{html}"
    );
    assert!(html.contains("1 inquiry (up to 500)"), "{html}");

    // The audit log names actions in English; its details are logged text, marked Japanese.
    let html = get("/admin/audit?lang=en").await;
    assert!(html.contains("<td>Login</td>"), "{html}");
    assert!(html.contains("kanri (Administrator)"), "{html}");

    // The report's CSV is the ward's document: Japanese headings whatever the page's language.
    let csv = staff
        .get(server.url("/admin/report.csv?month=2026-01&lang=en"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let csv = String::from_utf8_lossy(&csv);
    assert!(csv.contains("問い合わせ"), "{csv}");
    assert!(!csv.contains("Inquiries"), "{csv}");

    // The freshness board in English, the entries' own titles and reasons marked Japanese.
    let html = get("/admin/freshness?lang=en").await;
    assert_eq!(html_lang(&html), "en");
    assert!(html.contains("<h1>Corpus freshness</h1>"), "{html}");
    assert!(!html.contains("This page is available in Japanese only for now."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_form_and_a_refusal_follow_the_language() {
    let server = common::spawn(common::fixture_app()).await;
    let html = server.get_text("/admin/login?lang=en").await.1;
    assert_eq!(html_lang(&html), "en");
    assert!(html.contains("<h1>Staff login</h1>"), "{html}");
    assert!(html.contains(">User name</label>"), "{html}");

    // A reviewer asking for the accounts page: refused, in the chosen language.
    let (token, _) = common::staff_login(&server.state.app, "etsuran", Role::Reviewer).await;
    let r = common::staff_client(&token)
        .get(server.url("/admin/accounts?lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    let html = r.text().await.unwrap();
    assert_eq!(html_lang(&html), "en");
    assert!(html.contains("<h1>No permission</h1>"), "{html}");
    assert!(
        html.contains("Managing staff accounts is not allowed with the Reviewer role."),
        "{html}"
    );
    let r = common::staff_client(&token)
        .get(server.url("/admin/accounts?lang=easy"))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(
        html.contains(&Messages::new(Lang::Easy).t("forbidden-title")),
        "{html}"
    );
}

/// Japanese text that an English page must not show: kana or kanji.
fn has_kana_or_kanji(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}'))
}

/// A JSON refusal's message, and its status.
async fn refusal(r: reqwest::Response) -> (u16, String) {
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap();
    (status, body["message"].as_str().unwrap().to_string())
}

/// A client that sends the language cookie and no session.
fn client_with_lang(lang: Lang) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("shien_lang={}", lang.code()).parse().unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A staff client that sends the language cookie too.
fn staff_client_with_lang(token: &str, lang: Lang) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::COOKIE,
        format!("shien_staff={token}; shien_lang={}", lang.code())
            .parse()
            .unwrap(),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The fixture corpus searched by words alone (publishing rebuilds the engine quickly).
fn lexical_fixture() -> shien_navi::app::Engine {
    let mut settings = common::settings(common::fixture_corpus());
    settings.embedder = shien_navi::config::EmbedderKind::None;
    shien_navi::app::Engine::build(settings).expect("fixture engine builds")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_refusals_are_worded_in_the_reader_s_language() {
    let server = common::spawn(lexical_fixture()).await;
    let app = &server.state.app;
    let anonymous = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    // A login without the form's token: `?lang=en`, then the cookie (easy), then Japanese.
    let forged = [("username", "x"), ("password", "y"), ("csrf", "forged")];
    let (status, message) = refusal(
        anonymous
            .post(server.url("/admin/login?lang=en"))
            .form(&forged)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(message, "Please open the login form again, then log in.");
    let (_, message) = refusal(
        client_with_lang(Lang::Easy)
            .post(server.url("/admin/login"))
            .form(&forged)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        message,
        Messages::new(Lang::Easy).t("console-refusal-login-form")
    );
    assert_ne!(
        message,
        Messages::new(Lang::Ja).t("console-refusal-login-form")
    );
    let (_, message) = refusal(
        anonymous
            .post(server.url("/admin/login"))
            .form(&forged)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        message, "ログインフォームを開き直してからログインしてください。",
        "Japanese as before"
    );

    // A download without a session: 401, in English.
    let (status, message) = refusal(
        anonymous
            .get(server.url("/admin/export/inquiries.csv?lang=en"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(message, "Please log in as staff.");

    let (token, _) = common::staff_login(app, "kanri", Role::Administrator).await;
    let en = staff_client_with_lang(&token, Lang::En);
    let easy = staff_client_with_lang(&token, Lang::Easy);
    let page = en
        .get(server.url("/admin/accounts"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = common::hidden(&page, "csrf");

    // A form sent with a stale token, read through the cookie.
    let (status, message) = refusal(
        en.post(server.url("/admin/tickets/T000000000000/done"))
            .form(&[("csrf", "stale"), ("outcome", "x")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    assert!(message.starts_with("This form has expired"), "{message}");
    let (_, message) = refusal(
        easy.post(server.url("/admin/tickets/T000000000000/done"))
            .form(&[("csrf", "stale"), ("outcome", "x")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(message, Messages::new(Lang::Easy).t("console-refusal-csrf"));

    // A ticket that is not open, and an inquiry that does not exist.
    let (status, message) = refusal(
        en.post(server.url("/admin/tickets/T000000000000/done"))
            .form(&[("csrf", csrf.as_str()), ("outcome", "called back")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(message, "There is no open ticket T000000000000.");
    let (status, message) = refusal(
        en.post(server.url("/admin/inquiries/no-such-inquiry/judgments"))
            .form(&[("csrf", csrf.as_str()), ("answer", "none")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(message, "Inquiry no-such-inquiry was not found.");

    // An account the form refuses, shown on the accounts page in the page's language.
    let new_account = [
        ("csrf", csrf.as_str()),
        ("username", "Not Valid!"),
        ("password", common::STAFF_PASSWORD),
        ("role", "reviewer"),
    ];
    let r = en
        .post(server.url("/admin/accounts"))
        .form(&new_account)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let html = r.text().await.unwrap();
    assert_eq!(html_lang(&html), "en");
    assert!(
        html.contains("username: User names are 3 to 32 characters"),
        "{html}"
    );
    assert!(!html.contains("ユーザー名は英小文字"), "{html}");
    let html = easy
        .post(server.url("/admin/accounts"))
        .form(&new_account)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&Messages::new(Lang::Easy).t("console-refusal-username")),
        "{html}"
    );
    // A name that is taken, and the last administrator kept.
    let taken = [
        ("csrf", csrf.as_str()),
        ("username", "kanri"),
        ("password", common::STAFF_PASSWORD),
        ("role", "reviewer"),
    ];
    let html = en
        .post(server.url("/admin/accounts"))
        .form(&taken)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("kanri is already taken."), "{html}");
    let html = en
        .post(server.url("/admin/accounts/kanri/role"))
        .form(&[("csrf", csrf.as_str()), ("role", "editor")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("would leave no administrator"), "{html}");
    assert!(!html.contains("管理者が一人もいなくなる"), "{html}");

    // The monthly report's month, in the page's language; Japanese exactly as before.
    for (month, english, japanese) in [
        (
            "2026-13",
            "“2026-13” cannot be read as a month.",
            "「2026-13」は読めません。",
        ),
        (
            "2099-01",
            "2099-01 has not started yet.",
            "2099年1月はまだ始まっていません。",
        ),
    ] {
        let r = en
            .get(server.url(&format!("/admin/report?month={month}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 400);
        let html = r.text().await.unwrap();
        assert!(html.contains(english), "{month}: {html}");
        let ja = staff_client_with_lang(&token, Lang::Ja)
            .get(server.url(&format!("/admin/report?month={month}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(ja.contains(japanese), "{month}: {ja}");
    }

    // Someone else published first: the edit form says so in English, with the entry's path.
    const PATH: &str = "schemes/ward/minato-test-advertising.toml";
    let form = en
        .get(server.url(&format!(
            "/admin/corpus/entry?path={}",
            PATH.replace('/', "%2F")
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let based_on = common::hidden(&form, "based_on");
    let published = app.store().corpus_entry(PATH).await.unwrap().unwrap().body;
    let publish = |text: String| {
        let request = en.post(server.url("/admin/corpus/entry")).form(&[
            ("csrf", csrf.as_str()),
            ("path", PATH),
            ("based_on", based_on.as_str()),
            ("action", "publish"),
            ("section", &text.replace('\n', "\r\n")),
        ]);
        async move {
            let r = request.send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (status, page) = publish(published.replace("max_yen = 500000", "max_yen = 600000")).await;
    assert_eq!(status, 303, "{page}");
    let (status, page) = publish(published.replace("max_yen = 500000", "max_yen = 700000")).await;
    assert_eq!(status, 409, "{page}");
    assert_eq!(html_lang(&page), "en");
    assert!(
        page.contains(&format!(
            "Someone else published {PATH} after you started editing. Nothing was overwritten."
        )),
        "{page}"
    );
    assert!(!page.contains("別の職員が公開しました"), "{page}");

    // No refusal above said anything in Japanese to the English reader.
    for key in [
        "console-refusal-login",
        "console-refusal-csrf",
        "console-refusal-username",
        "editing-refusal-conflict",
    ] {
        assert!(
            !has_kana_or_kanji(&Messages::new(Lang::En).t(key)),
            "{key} in English"
        );
    }
}
