mod common;

use serde_json::json;

fn answers() -> serde_json::Value {
    json!({"location": "minato", "head_office": true, "industry": "情報通信業", "employees": 3, "capital_yen": 1000000,
           "years_in_business": 2, "corporate": true, "purposes": ["創業", "販路拡大"], "shotenkai_member": null})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recommend_returns_fitting_schemes_with_reasons_and_excludes_the_rest() {
    let server = common::spawn(common::fixture_app()).await;
    let (status, body) = server
        .post_json(
            "/api/v1/recommend",
            json!({"answers": answers(), "today": "2026-05-01"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let ids: Vec<&str> = body["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"minato-test-sogyo-loan")
            && ids.contains(&"tokyo-test-josei")
            && ids.contains(&"minato-test-advertising"),
        "{ids:?}"
    );
    assert!(
        !ids.contains(&"national-test-it"),
        "IT導入 was not asked for"
    );
    let loan = body["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "minato-test-sogyo-loan")
        .unwrap();
    assert_eq!(loan["fit"], "eligible");
    assert!(
        loan["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("創業3年目")),
        "{loan}"
    );
    let ad = body["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "minato-test-advertising")
        .unwrap();
    assert_eq!(ad["status"], "open");
    assert_eq!(ad["deadline"], "2026-06-30");
    assert!(
        body["next_steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["desk_id"] == "test-desk")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_business_outside_minato_is_excluded_from_ward_schemes_with_the_reason() {
    let server = common::spawn(common::fixture_app()).await;
    let mut a = answers();
    a["location"] = json!("other");
    let (status, body) = server
        .post_json("/api/v1/recommend", json!({"answers": a}))
        .await;
    assert_eq!(status, 200);
    let excluded = body["excluded"].as_array().unwrap();
    let loan = excluded
        .iter()
        .find(|e| e["id"] == "minato-test-sogyo-loan")
        .expect("ward loan excluded");
    assert!(loan["unmet"][0].as_str().unwrap().contains("港区"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_head_office_is_reported_as_an_open_question() {
    let server = common::spawn(common::fixture_app()).await;
    let mut a = answers();
    a["head_office"] = json!(null);
    let (_, body) = server
        .post_json(
            "/api/v1/recommend",
            json!({"answers": a, "today": "2026-05-01"}),
        )
        .await;
    let loan = body["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "minato-test-sogyo-loan")
        .unwrap();
    assert_eq!(loan["fit"], "likely");
    assert!(
        loan["unknown"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["settle_by"].as_str().unwrap().contains("本店")),
        "{loan}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_rounds_stay_visible_below_open_ones() {
    let server = common::spawn(common::fixture_app()).await;
    let (_, body) = server
        .post_json(
            "/api/v1/recommend",
            json!({"answers": answers(), "today": "2026-11-21"}),
        )
        .await;
    let recs = body["recommendations"].as_array().unwrap();
    let last = recs.last().unwrap();
    assert_eq!(last["id"], "minato-test-advertising");
    assert_eq!(last["status"], "closed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_answers_get_400_naming_the_field() {
    let server = common::spawn(common::fixture_app()).await;
    for (field, value, named) in [
        ("location", json!("osaka"), "answers.location"),
        ("industry", json!("IT"), "answers.industry"),
        ("employees", json!(-3), "answers.employees"),
        ("purposes", json!(["ゴルフ"]), "answers.purposes"),
        ("corporate", json!(null), "answers.corporate"),
    ] {
        let mut a = answers();
        a[field] = value;
        let (status, body) = server
            .post_json("/api/v1/recommend", json!({"answers": a}))
            .await;
        assert_eq!(status, 400, "{field}: {body}");
        assert_eq!(body["error"], "invalid_answer");
        assert!(body["message"].as_str().unwrap().contains(named), "{body}");
    }
    let (status, body) = server
        .post_json(
            "/api/v1/recommend",
            json!({"answers": answers(), "today": "21/11/2026"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("today"));
    let (status, _) = server
        .post_json(
            "/api/v1/recommend",
            json!({"answers": answers(), "extra": 1}),
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn questionnaire_and_results_pages_render_and_show_errors_inline() {
    let server = common::spawn(common::App::real_copy()).await;
    let (status, html) = server.get_text("/recommend").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<legend>事業所の所在地") && html.contains(r#"<label for="employees">"#),
        "labels present"
    );
    let (status, html) = server
        .get_text("/recommend/results?location=minato-head&industry=%E6%83%85%E5%A0%B1%E9%80%9A%E4%BF%A1%E6%A5%AD&employees=3&years_in_business=pre&corporate=false&purposes=%E5%89%B5%E6%A5%AD")
        .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("対象となる理由") && html.contains("公式ページ"));
    let (status, html) = server
        .get_text("/recommend/results?location=minato-head&employees=abc&corporate=true")
        .await;
    assert_eq!(status, 400);
    assert!(html.contains(r#"role="alert""#));
}

#[test]
fn a_succession_question_is_sent_to_the_succession_desk_not_only_the_general_one() {
    let answers = serde_json::from_value(json!({
        "location": "minato", "head_office": true, "industry": "製造業", "employees": 8, "capital_yen": 10000000,
        "years_in_business": 45, "corporate": true, "purposes": ["事業承継", "設備投資"]
    }))
    .unwrap();
    let (_, outcome) = common::real_app()
        .recommend(
            answers,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        )
        .unwrap();
    let step = outcome
        .next_steps
        .iter()
        .find(|s| s.desk_id == "minato-jigyo-shokei-haken")
        .unwrap_or_else(|| panic!("{:?}", outcome.next_steps));
    assert!(
        step.message.starts_with("事業承継については"),
        "{}",
        step.message
    );
}
