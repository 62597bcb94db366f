//! Pages in three languages: the choice (URL, then cookie, never Accept-Language), the switch
//! and `lang` attributes on every page, and translated scheme words beside facts rendered from
//! the Japanese entry's fields.

mod common;

use std::path::Path;

const PAGES: [&str; 6] = [
    "/",
    "/search?q=創業",
    "/schemes/minato-test-sogyo-loan",
    "/recommend",
    "/chat",
    "/admin/login",
];

fn html_lang(html: &str) -> &str {
    let start = html
        .find("<html lang=\"")
        .expect("an html element with lang")
        + 12;
    &html[start..start + html[start..].find('"').unwrap()]
}

async fn get(
    server: &common::TestServer,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    // A client without a cookie jar, so each request says exactly what it sends.
    let client = reqwest::Client::new();
    let mut request = client.get(server.url(path));
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_language_chosen_in_the_url_sets_a_cookie_that_later_pages_follow() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, headers, html) = get(&server, "/?lang=en", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(html_lang(&html), "en");
    let cookie = headers
        .get("set-cookie")
        .expect("the choice is remembered")
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("shien_lang=en;"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");

    // The browser sends the cookie back: every page follows it, without ?lang=.
    let (_, headers, html) = get(&server, "/search", &[("cookie", "shien_lang=en")]).await;
    assert_eq!(html_lang(&html), "en");
    assert!(html.contains("Find a scheme"), "{html}");
    assert!(
        headers.get("set-cookie").is_none(),
        "nothing new to remember"
    );

    // The URL wins over the cookie, and sets the cookie anew.
    let (_, headers, html) = get(&server, "/?lang=easy", &[("cookie", "shien_lang=en")]).await;
    assert_eq!(html_lang(&html), "ja");
    assert!(html.contains("本文へ行く"), "the やさしい日本語 skip link");
    assert!(
        headers["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("shien_lang=easy;")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_language_is_never_guessed_from_accept_language() {
    let server = common::spawn(common::fixture_app()).await;
    let (_, headers, html) = get(&server, "/", &[("accept-language", "en-US,en;q=0.9")]).await;
    assert_eq!(html_lang(&html), "ja");
    assert!(html.contains("本文へ移動"));
    assert!(headers.get("set-cookie").is_none());
    // Nor from an unknown code or cookie value.
    let (_, _, html) = get(&server, "/?lang=fr", &[("cookie", "shien_lang=xx")]).await;
    assert_eq!(html_lang(&html), "ja");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_has_the_switch_and_the_right_html_lang_in_every_language() {
    let server = common::spawn(common::fixture_app()).await;
    for (code, expected) in [("ja", "ja"), ("easy", "ja"), ("en", "en")] {
        for path in PAGES {
            let sep = if path.contains('?') { '&' } else { '?' };
            let (status, _, html) = get(&server, &format!("{path}{sep}lang={code}"), &[]).await;
            assert_eq!(status, 200, "{path} in {code}");
            assert_eq!(html_lang(&html), expected, "{path} in {code}");
            for (name, tag) in [
                ("日本語", "ja"),
                ("やさしい日本語", "ja"),
                ("English", "en"),
            ] {
                assert!(
                    html.contains(&format!("lang=\"{tag}\" hreflang=\"{tag}\""))
                        && html.contains(name),
                    "{path} in {code}: the switch offers {name}"
                );
            }
            assert!(
                html.contains("aria-current=\"true\""),
                "{path} in {code}: the switch marks the current language"
            );
        }
    }
    // The staff console is translated too (tests/i18n_console.rs has the rest).
    let (_, _, html) = get(&server, "/admin/login?lang=en", &[]).await;
    assert!(html.contains("<h1>Staff login</h1>"), "{html}");
    assert!(!html.contains("This page is available in Japanese only"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_switch_keeps_the_search_and_changes_only_the_language() {
    let server = common::spawn(common::fixture_app()).await;
    let (_, _, html) = get(&server, "/search?q=%E5%89%B5%E6%A5%AD&level=ward", &[]).await;
    assert!(
        html.contains("href=\"/search?q=%E5%89%B5%E6%A5%AD&#38;level=ward&#38;lang=en\"")
            || html.contains("href=\"/search?q=%E5%89%B5%E6%A5%AD&amp;level=ward&amp;lang=en\""),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_english_scheme_page_shows_translated_words_beside_facts_from_the_fields() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, _, html) = get(&server, "/schemes/minato-test-sogyo-loan?lang=en", &[]).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<h1>Test City Start-up Loan Mediation</h1>"),
        "{html}"
    );
    // The official Japanese name beside it, marked as Japanese.
    assert!(
        html.contains("Official name: <span lang=\"ja\">テスト区 創業資金融資あっせん</span>"),
        "{html}"
    );
    assert!(html.contains("borrow start-up funds from a bank at a low rate"));
    assert!(html.contains("People about to start a business in the city"));
    assert!(
        html.contains("The Japanese entry and the provider&#39;s official page prevail")
            || html.contains("The Japanese entry and the provider's official page prevail")
    );
    // Facts from the fields: the ceiling from max_yen, never from a translation.
    assert!(html.contains("Up to ¥10,000,000"), "{html}");
    assert!(html.contains("Open all year"));
    assert!(html.contains("Information checked on</dt><dd>2026-11-01"));
    // The Japanese entry stays on the page, marked as Japanese.
    assert!(html.contains("<div lang=\"ja\">"));
    assert!(html.contains("創業前または創業5年未満の事業者が対象。"));
    // The FAQ is translated too.
    assert!(html.contains("Can I apply for the start-up loan before opening my business?"));

    let (_, _, html) = get(&server, "/schemes/minato-test-advertising?lang=en", &[]).await;
    assert!(html.contains("Up to ¥500,000"), "{html}");
    assert!(
        html.contains("Open: 2026-04-01 to 2026-06-30 (<span lang=\"ja\">2026年度</span>)"),
        "{html}"
    );
    assert!(
        html.contains("<span lang=\"ja\">1/2以内</span>"),
        "the rate as published"
    );

    let (_, _, html) = get(&server, "/schemes/minato-test-advertising?lang=easy", &[]).await;
    assert!(html.contains("50万円まで"), "{html}");
    assert!(html.contains("2026年4月1日から2026年6月30日まで"), "{html}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_japanese_scheme_page_is_as_before() {
    let server = common::spawn(common::fixture_app()).await;
    let (_, _, html) = get(&server, "/schemes/minato-test-advertising", &[]).await;
    assert_eq!(html_lang(&html), "ja");
    assert!(html.contains("<h1>テスト区 広告宣伝費補助金</h1>"));
    assert!(
        html.contains("<dt>金額・条件</dt><dd>上限50万円、1/2以内</dd>"),
        "{html}"
    );
    assert!(html.contains("2026年度：2026-04-01〜2026-06-30"), "{html}");
    assert!(
        !html.contains("正式名称"),
        "no second name on the Japanese page"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn english_search_results_show_translated_titles_summaries_and_faqs() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, _, html) = get(
        &server,
        "/search?q=%E5%89%B5%E6%A5%AD%E8%9E%8D%E8%B3%87&lang=en",
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        html.contains(">Test City Start-up Loan Mediation</a>"),
        "{html}"
    );
    assert!(html.contains("<span lang=\"ja\">テスト区 創業資金融資あっせん</span>"));
    assert!(
        html.contains("Minato City</li>") || html.contains("Tokyo Metropolitan Government</li>")
    );
    assert!(html.contains("Can I apply for the start-up loan before opening my business?"));
    assert!(
        !html.contains("開業前でも創業融資を申し込めますか"),
        "the Japanese FAQ is replaced"
    );
    // An empty query is answered in English.
    let (status, _, html) = get(&server, "/search?q=&lang=en", &[]).await;
    assert_eq!(status, 400);
    assert!(html.contains("Please enter what you are looking for."));
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stale_translation_is_still_shown_but_says_the_japanese_changed() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture_corpus(), dir.path());
    let loan = dir.path().join("schemes/ward/minato-test-sogyo-loan.toml");
    let text = std::fs::read_to_string(&loan).unwrap();
    std::fs::write(&loan, text.replace("低利で", "固定金利で")).unwrap();
    let app = shien_navi::app::Engine::build(common::settings(dir.path().to_path_buf())).unwrap();
    let server = common::spawn(app).await;
    let (_, _, html) = get(&server, "/schemes/minato-test-sogyo-loan?lang=en", &[]).await;
    assert!(html.contains("<h1>Test City Start-up Loan Mediation</h1>"));
    assert!(html.contains("The Japanese entry has changed since this English text was written"));
    let (_, _, html) = get(&server, "/schemes/minato-test-advertising?lang=en", &[]).await;
    assert!(
        !html.contains("has changed since"),
        "only the changed entry"
    );
}
