//! The questionnaire and its results in 日本語, やさしい日本語 and English, through the real app:
//! questions, options, help and errors from the catalogs; results with the translated scheme
//! words, facts rendered from the fields, and `lang="ja"` on every piece of Japanese inside an
//! English page.

mod common;

use shien_navi::domain::corpus::translation::is_japanese_char;

const INDUSTRY: &str = "%E5%AE%BF%E6%B3%8A%E6%A5%AD%E3%80%81%E9%A3%B2%E9%A3%9F%E3%82%B5%E3%83%BC%E3%83%93%E3%82%B9%E6%A5%AD"; // 宿泊業、飲食サービス業
const FOUNDING: &str = "%E5%89%B5%E6%A5%AD"; // 創業

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
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

/// The fixture corpus with the real questionnaire.
async fn spawn() -> (tempfile::TempDir, common::TestServer) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::fixture_corpus(), dir.path());
    std::fs::copy(
        common::repo().join("corpus/questionnaire.toml"),
        dir.path().join("questionnaire.toml"),
    )
    .unwrap();
    let app = shien_navi::app::Engine::build(common::settings(dir.path().to_path_buf())).unwrap();
    (dir, common::spawn(app).await)
}

async fn get(server: &common::TestServer, path: &str) -> (u16, String) {
    let r = reqwest::Client::new()
        .get(server.url(path))
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

fn results_path(lang: &str) -> String {
    format!(
        "/recommend/results?v=1&location=minato-head&industry={INDUSTRY}&employees=4&capital_yen=3000000&years_in_business=pre&corporate=true&purposes={FOUNDING}&lang={lang}"
    )
}

const VOID: [&str; 6] = ["br", "input", "meta", "link", "img", "hr"];

/// Text of `html` written in Japanese script whose nearest `lang` is not Japanese: what a
/// screen reader would read with an English voice. Attributes are not text and are skipped;
/// so are scripts.
fn japanese_outside_lang_ja(html: &str) -> Vec<String> {
    let tag = regex::Regex::new(r"<(/?)([a-zA-Z0-9]+)([^>]*)>").unwrap();
    let lang_attr = regex::Regex::new(r#"\slang="([^"]*)""#).unwrap();
    // (element, lang in effect inside it)
    let mut stack: Vec<(String, String)> = vec![("#document".into(), String::new())];
    let mut bad = Vec::new();
    let mut last = 0;
    let mut in_script = false;
    for t in tag.captures_iter(html) {
        let whole = t.get(0).unwrap();
        let text = &html[last..whole.start()];
        last = whole.end();
        let current = stack.last().unwrap().1.clone();
        if !in_script && text.chars().any(is_japanese_char) && current != "ja" {
            bad.push(text.trim().to_string());
        }
        let name = t[2].to_ascii_lowercase();
        if &t[1] == "/" {
            if name == "script" {
                in_script = false;
            }
            if let Some(i) = stack.iter().rposition(|(n, _)| *n == name) {
                stack.truncate(i);
            }
            continue;
        }
        if name == "script" {
            in_script = true;
        }
        if VOID.contains(&name.as_str()) || t[3].ends_with('/') {
            continue;
        }
        let lang = lang_attr
            .captures(&t[3])
            .map_or(current, |c| c[1].to_string());
        stack.push((name, lang));
    }
    bad
}

#[tokio::test(flavor = "multi_thread")]
async fn the_questionnaire_asks_in_each_language_and_sends_the_same_values() {
    let (_dir, server) = spawn().await;

    let (status, html) = get(&server, "/recommend?lang=en").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        html.contains("<h1>Answer a few questions to find schemes</h1>"),
        "{html}"
    );
    assert!(html.contains("Where your business is"));
    assert!(html.contains("In Minato City (head office or main place of business)"));
    assert!(html.contains("Do not count directors"), "help text");
    assert!(
        html.contains(">Not started yet</label>") || html.contains("> Not started yet</label>")
    );
    // Translated labels; the values sent stay the corpus's keys.
    assert!(
        html.contains("<option value=\"宿泊業、飲食サービス業\">Accommodation, eating and drinking services</option>"),
        "{html}"
    );
    assert!(
        html.contains("value=\"創業\"> Starting a business</label>"),
        "{html}"
    );
    assert!(
        html.contains("Answer only if you chose \"Shopping streets\"")
            || html.contains("Answer only if you chose &#34;Shopping streets&#34;")
            || html.contains("Answer only if you chose &quot;Shopping streets&quot;"),
        "{html}"
    );
    assert!(html.contains("<button type=\"submit\">Find schemes</button>"));
    assert!(!html.contains("This page is available in Japanese only"));
    assert_eq!(japanese_outside_lang_ja(&html), Vec::<String>::new());

    let (_, html) = get(&server, "/recommend?lang=easy").await;
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(
        html.contains("<h1>しつもんに答えて、使える制度をさがす</h1>"),
        "{html}"
    );
    assert!(html.contains("港区の中（本店、いちばん大事な事業所）"));
    assert!(html.contains("ホテル、レストラン、飲食店"));
    assert!(html.contains("（かならず答えてください）"));

    let (_, html) = get(&server, "/recommend").await;
    assert!(html.contains("<h1>質問に答えて制度を探す</h1>"));
    assert!(html.contains("港区内（本店・主たる事業所）"));
    assert!(
        html.contains("<option value=\"宿泊業、飲食サービス業\">宿泊業、飲食サービス業</option>")
    );
    assert!(html.contains("（必須）"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_answer_is_named_in_each_language() {
    let (_dir, server) = spawn().await;
    let missing = |lang: &str| {
        format!("/recommend/results?v=1&industry={INDUSTRY}&employees=4&corporate=true&lang={lang}")
    };
    let (status, html) = get(&server, &missing("en")).await;
    assert_eq!(status, 400);
    assert!(
        html.contains(
            "role=\"alert\" id=\"form-error\">Please check your answer: Where your business is. The business location is required.</p>"
        ),
        "{html}"
    );
    assert!(html.contains("<title>Please check your answers |"));
    let (status, html) = get(&server, &missing("easy")).await;
    assert_eq!(status, 400);
    assert!(
        html.contains(
            "「会社や店の場所」の答えを もう一度 見てください。会社や お店の 場所を 答えて ください。"
        ),
        "{html}"
    );
    let (status, html) = get(&server, &missing("ja")).await;
    assert_eq!(status, 400);
    assert!(
        html.contains("所在地："),
        "the Japanese page names the field: {html}"
    );
    // A value that does not parse is reported against its field.
    let (status, html) = get(
        &server,
        &format!("/recommend/results?v=1&location=minato-head&industry={INDUSTRY}&employees=four&corporate=true&lang=en"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        html.contains("Please check your answer: Number of employees."),
        "{html}"
    );
    // The answers given are kept.
    assert!(html.contains("value=\"minato-head\" checked"), "{html}");
}

#[tokio::test(flavor = "multi_thread")]
async fn english_results_say_why_each_scheme_fits_with_facts_from_the_fields() {
    let (_dir, server) = spawn().await;
    let (status, html) = get(&server, &results_path("en")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<h1>Schemes that may fit your business</h1>"));
    assert!(
        !html.contains("Japanese only"),
        "no note that the page is Japanese"
    );
    // The scheme in English, with its official Japanese name beside it.
    assert!(
        html.contains(">Test City Start-up Loan Mediation</a></h3>"),
        "{html}"
    );
    assert!(html.contains("Official name: <span lang=\"ja\">テスト区 創業資金融資あっせん</span>"));
    // Why it fits: the condition and the verdict from the catalog, the rule's Japanese beside.
    assert!(html.contains("Why it fits"));
    assert!(html.contains("<li>Location: meets the condition<br><span class=\"muted\" lang=\"ja\">港区内の事業者が対象で"), "{html}");
    assert!(html.contains("Before or after starting: meets the condition"));
    // Facts from the fields, never from a translation.
    assert!(html.contains("Up to ¥10,000,000"), "{html}");
    assert!(html.contains("<dt>How to apply</dt><dd>Apply at the desk after an interview.</dd>"));
    assert!(html.contains("Likely to qualify") || html.contains("Some conditions need checking"));
    // Where to ask first: the desk in English, its hours from its fields.
    assert!(html.contains("Start here: free consultation"));
    assert!(
        html.contains("Talk over your funding and business plans"),
        "{html}"
    );
    // Every piece of Japanese is marked as such.
    assert_eq!(japanese_outside_lang_ja(&html), Vec::<String>::new());

    // Elsewhere in Tokyo, years not given: the ward's loan is ruled out, the Tokyo grant has
    // something to check, named in English with the Japanese question beside it.
    let (status, html) = get(
        &server,
        &format!("/recommend/results?v=1&location=tokyo-head&industry={INDUSTRY}&employees=4&corporate=true&lang=en"),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("What still needs checking"), "{html}");
    assert!(
        html.contains("<li>Years in business: needs checking<br>"),
        "{html}"
    );
    assert!(
        html.contains(
            " (To settle it (Japanese): <span lang=\"ja\">創業からの年数（または創業前か）</span>)"
        ),
        "{html}"
    );
    assert!(
        html.contains("<summary>Schemes ruled out (2)</summary>"),
        "{html}"
    );
    assert!(
        html.contains("<li>Test City Start-up Loan Mediation: <span lang=\"ja\">港区内で事業を営む方が対象です</span></li>"),
        "{html}"
    );
    assert_eq!(japanese_outside_lang_ja(&html), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn easy_results_carry_furigana_and_dates_in_japanese_order() {
    let (_dir, server) = spawn().await;
    let (status, html) = get(&server, &results_path("easy")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>あなたの 仕事に 合いそうな 制度</h1>"));
    assert!(html.contains("使える理由"));
    assert!(html.contains("場所：条件に 合っています"), "{html}");
    // The title of the translation, with readings on its kanji.
    assert!(
        html.contains("<ruby>事業<rt>じぎょう</rt></ruby>を<ruby>始<rt>はじ</rt></ruby>める"),
        "{html}"
    );
    assert!(
        html.contains("1000万円まで") || html.contains("1,000万円まで"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn japanese_results_are_as_before() {
    let (_dir, server) = spawn().await;
    let (status, html) = get(&server, &results_path("ja")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>あなたの事業に合う可能性のある制度</h1>"));
    assert!(html.contains(">テスト区 創業資金融資あっせん</a></h3>"));
    assert!(html.contains("<strong>対象となる理由</strong>"));
    assert!(
        html.contains("<li>港区内の事業者が対象で、区内で事業をしているため対象です</li>"),
        "{html}"
    );
    assert!(html.contains("<strong>金額など：</strong>"), "{html}");
    assert!(html.contains("まずはこちらへご相談ください（無料）"));
    assert!(
        !html.contains("<ruby>"),
        "no furigana outside やさしい日本語"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn with_the_real_corpus_english_results_mark_every_japanese_word() {
    let app = shien_navi::app::Engine::build(common::settings(common::repo().join("corpus")))
        .expect("the real corpus loads");
    let server = common::spawn(app).await;
    let purposes = [
        "%E8%B2%A9%E8%B7%AF%E6%8B%A1%E5%A4%A7",
        "%E8%B3%87%E9%87%91%E7%B9%B0%E3%82%8A",
    ] // 販路拡大, 資金繰り
    .map(|p| format!("&purposes={p}"))
    .concat();
    for query in [
        format!(
            "location=minato-head&industry={INDUSTRY}&employees=4&capital_yen=3000000&years_in_business=3&corporate=true{purposes}&shotenkai_member="
        ),
        format!(
            "location=minato&industry={INDUSTRY}&employees=0&corporate=false&purposes={FOUNDING}"
        ),
    ] {
        let (status, html) = get(&server, &format!("/recommend/results?v=1&{query}&lang=en")).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("Why it fits"));
        assert!(html.contains("What still needs checking"));
        assert_eq!(
            japanese_outside_lang_ja(&html),
            Vec::<String>::new(),
            "{query}"
        );
        let (_, html) = get(
            &server,
            &format!("/recommend/results?v=1&{query}&lang=easy"),
        )
        .await;
        assert!(
            html.contains("<ruby>港区<rt>みなとく</rt></ruby>"),
            "{query}"
        );
    }
    let (_, html) = get(&server, "/recommend?lang=en").await;
    assert_eq!(japanese_outside_lang_ja(&html), Vec::<String>::new());
}
