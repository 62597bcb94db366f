//! The chatbot answers the fact that was asked, through the real app over the real corpus:
//! one question per attribute, two facts in one question, an unknown field, a follow-up in
//! the session and a question in English. Expected facts are read from the corpus entry the
//! answer must cite, so the tests follow the corpus rather than a copy of it.

mod common;

use serde_json::{Value, json};
use shien_navi::app::evaluation::answers::{comparable, scheme_numbers, stated_numbers};
use shien_navi::domain::Scheme;
use shien_navi::domain::corpus::Corpus;
use shien_navi::domain::facts::english::yen_words;
use shien_navi::domain::scheme::yen_ja;

fn corpus() -> Corpus {
    Corpus::load(&common::repo().join("corpus"), &[]).expect("the real corpus loads")
}

fn scheme<'a>(corpus: &'a Corpus, id: &str) -> &'a Scheme {
    corpus
        .scheme(id)
        .unwrap_or_else(|| panic!("{id} is in the corpus"))
}

fn reply(r: &Value) -> &str {
    r["reply"].as_str().unwrap_or_default()
}

fn first_citation(r: &Value) -> &str {
    r["citations"][0]["id"].as_str().unwrap_or_default()
}

/// Whether the reply holds `fact`, compared as the evaluation compares (width, commas).
fn says(r: &Value, fact: &str) -> bool {
    comparable(reply(r)).contains(&comparable(fact))
}

async fn ask(server: &common::TestServer, session: Option<&str>, message: &str) -> Value {
    let mut body = json!({ "message": message });
    if let Some(s) = session {
        body["session_id"] = json!(s);
    }
    let (status, r) = server.post_json("/api/v1/chat", body).await;
    assert_eq!(status, 200, "{message}: {r}");
    assert!(
        r["handoff"].is_null(),
        "{message} is answered, not handed off: {r}"
    );
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_asked_attribute_is_answered_with_its_fact_and_cites_the_scheme() {
    let corpus = corpus();
    let sogyo = scheme(&corpus, "minato-sogyo-hojo");
    let max = yen_ja(sogyo.amount.as_ref().unwrap().max_yen.unwrap());
    let years = format!("{}年未満", sogyo.eligibility.max_years.unwrap());
    let monozukuri = scheme(&corpus, "national-monozukuri");
    let closes = monozukuri.window.rounds.last().unwrap().closes;
    let closes = format!(
        "{}年{}月{}日",
        closes.format("%Y"),
        closes.format("%-m"),
        closes.format("%-d")
    );
    let cases: Vec<(&str, &str, Vec<Vec<String>>)> = vec![
        (
            "港区の創業・スタートアップ支援事業補助金は最大いくらもらえますか？",
            "minato-sogyo-hojo",
            vec![vec![max]],
        ),
        (
            "港区の創業・スタートアップ支援事業補助金の補助率は？",
            "minato-sogyo-hojo",
            vec![vec!["3分の2".into(), "2/3".into()]],
        ),
        (
            "港区の一般の融資あっせんは、法人だと本店が区内にないと使えませんか？",
            "minato-yushi-ippan",
            vec![vec!["本店".into()]],
        ),
        (
            "港区の創業補助金は創業して何年までなら申請できますか？",
            "minato-sogyo-hojo",
            vec![vec![years]],
        ),
        (
            "ものづくり補助金の第22次公募の締切はいつ？",
            "national-monozukuri",
            vec![vec![closes]],
        ),
        (
            "デジタル化・AI導入補助金（旧IT導入補助金）はどうやって申請するの？",
            "national-digital-ai",
            vec![vec!["IT導入支援事業者".into()], vec!["GビズID".into()]],
        ),
        (
            "ものづくり補助金の申請に必要な書類は？",
            "national-monozukuri",
            vec![vec!["事業計画書".into()]],
        ),
        (
            "日本政策金融公庫の事業資金相談ダイヤルの電話番号は？",
            "national-jfc-sodan-dial",
            vec![vec!["0120-154-505".into()]],
        ),
        (
            "東京都の創業助成事業を受けたら、港区の創業・スタートアップ支援補助金と併用できますか？",
            "minato-sogyo-hojo",
            vec![vec!["できません".into(), "対象外".into()]],
        ),
    ];
    let server = common::spawn(common::App::real_copy()).await;
    for (question, id, facts) in cases {
        let r = ask(&server, None, question).await;
        assert_eq!(first_citation(&r), id, "{question}: {r}");
        for group in facts {
            assert!(
                group.iter().any(|f| says(&r, f)),
                "{question}: none of {group:?} in {}",
                reply(&r)
            );
        }
        assert!(
            reply(&r).contains("出典："),
            "{question}: the citation ends the reply"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_asking_the_ceiling_and_the_rate_gets_both() {
    let corpus = corpus();
    let koukoku = scheme(&corpus, "minato-koukoku-hojo");
    let max = yen_ja(koukoku.amount.as_ref().unwrap().max_yen.unwrap());
    let server = common::spawn(common::App::real_copy()).await;
    let r = ask(
        &server,
        None,
        "港区の広告宣伝活動費の補助金の上限と補助率は？",
    )
    .await;
    assert_eq!(first_citation(&r), "minato-koukoku-hojo", "{r}");
    assert!(says(&r, &max), "{}", reply(&r));
    assert!(says(&r, "3分の2") || says(&r, "2/3"), "{}", reply(&r));
    assert!(
        reply(&r).contains("金額・上限") && reply(&r).contains("補助率・利率"),
        "each fact under its own label: {}",
        reply(&r)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_amount_is_said_plainly_with_where_to_confirm_and_no_number() {
    let corpus = corpus();
    let ippan = scheme(&corpus, "minato-yushi-ippan");
    assert!(
        ippan.amount.is_none(),
        "the corpus holds no amount for this loan"
    );
    let server = common::spawn(common::App::real_copy()).await;
    let r = ask(
        &server,
        None,
        "港区の融資あっせん（運転資金・設備資金の一般的な融資）の限度額はいくらですか？",
    )
    .await;
    assert_eq!(first_citation(&r), "minato-yushi-ippan", "{r}");
    let text = reply(&r);
    assert!(text.contains("確認できていません"), "{text}");
    assert!(
        text.contains("産業振興課"),
        "names where to confirm: {text}"
    );
    // The fact itself states no amount; whatever else the reply quotes is the corpus's own.
    let fact = text.split("\nよくある質問より").next().unwrap();
    let fact = fact.split("\n出典").next().unwrap();
    assert!(stated_numbers(fact).is_empty(), "no number guessed: {fact}");
    let known = scheme_numbers(&corpus, "minato-yushi-ippan");
    for n in stated_numbers(text) {
        assert!(known.contains(&n), "{n} is not the corpus's: {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_asks_about_the_scheme_just_discussed() {
    let corpus = corpus();
    let sogyo = scheme(&corpus, "minato-sogyo-hojo");
    let max = yen_ja(sogyo.amount.as_ref().unwrap().max_yen.unwrap());
    let server = common::spawn(common::App::real_copy()).await;
    let first = ask(
        &server,
        None,
        "港区の創業・スタートアップ支援事業補助金の補助率は？",
    )
    .await;
    assert_eq!(first_citation(&first), "minato-sogyo-hojo", "{first}");
    let session = first["session_id"].as_str().unwrap().to_string();

    let when = ask(&server, Some(&session), "それはいつまで？").await;
    assert_eq!(first_citation(&when), "minato-sogyo-hojo", "{when}");
    assert!(reply(&when).contains("締切・募集時期"), "{}", reply(&when));

    let ceiling = ask(&server, Some(&session), "上限は？").await;
    assert_eq!(first_citation(&ceiling), "minato-sogyo-hojo", "{ceiling}");
    assert!(says(&ceiling, &max), "{}", reply(&ceiling));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_question_is_answered_in_english_with_the_fact() {
    let corpus = corpus();
    let server = common::spawn(common::App::real_copy()).await;

    let r = ask(
        &server,
        None,
        "What is the maximum amount of Minato City's startup support subsidy?",
    )
    .await;
    assert_eq!(first_citation(&r), "minato-sogyo-hojo", "{r}");
    let max = scheme(&corpus, "minato-sogyo-hojo")
        .amount
        .as_ref()
        .unwrap()
        .max_yen
        .unwrap();
    let text = reply(&r);
    assert!(text.contains("Amount: "), "{text}");
    assert!(
        text.contains(&yen_words(max)),
        "the ceiling in English: {text}"
    );
    assert!(text.contains("Source: "), "{text}");

    let monozukuri = scheme(&corpus, "national-monozukuri");
    let closes = monozukuri.window.rounds.last().unwrap().closes;
    let r = ask(
        &server,
        None,
        "When is the deadline for round 22 of the monozukuri subsidy?",
    )
    .await;
    assert_eq!(first_citation(&r), "national-monozukuri", "{r}");
    assert!(
        reply(&r).contains(&closes.format("%-d %B %Y").to_string()),
        "the closing date in English: {}",
        reply(&r)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_japanese_name_in_an_english_question_names_the_scheme_and_a_floor_is_quoted() {
    let server = common::spawn(common::App::real_copy()).await;
    // Written bare, the Japanese name is the subject, over the founders' schemes the English
    // words pull towards.
    let r = ask(
        &server,
        None,
        "We founded our company in Tokyo four months ago. Can we apply for 経営革新計画 approval now?",
    )
    .await;
    assert_eq!(first_citation(&r), "tokyo-keiei-kakushin", "{r}");
    // In brackets it glosses the English name beside it, which may be the other thing asked.
    let r = ask(
        &server,
        None,
        "Which Minato loans get the credit guarantee fee subsidy? Does the emergency support loan (緊急支援融資) qualify?",
    )
    .await;
    assert_eq!(first_citation(&r), "minato-shinyo-hoshoryo-hojo", "{r}");

    // "いくら以上" asks the lowest cost that counts: the entry's sentence that gives it.
    let corpus = corpus();
    let shokei = scheme(&corpus, "minato-jigyo-shokei-hojo");
    assert!(
        shokei.details.contains("50万円以上"),
        "the fixture's premise"
    );
    let r = ask(
        &server,
        None,
        "港区の事業承継の補助金、買う設備はいくら以上のものが対象？",
    )
    .await;
    assert_eq!(first_citation(&r), "minato-jigyo-shokei-hojo", "{r}");
    assert!(says(&r, "50万円以上"), "{}", reply(&r));
}
