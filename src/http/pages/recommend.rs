//! The questionnaire page and its results page (GET, so results can be bookmarked and printed).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{Choice, Chrome, render};
use crate::app::{AppError, tokyo_today};
use crate::domain::WindowStatus;
use crate::domain::eligibility::Fit;
use crate::domain::inquiry::Channel;
use crate::domain::questionnaire::Question;
use crate::domain::recommend::RecommendOutcome;
use crate::domain::scheme::{INDUSTRIES, PURPOSES};
use crate::http::AppState;
use crate::http::extract::form_pairs;

/// How a question is answered on the page.
enum Control {
    Choices(Vec<Choice>),
    Number(String),
    Select(Vec<Choice>),
    Checkboxes(Vec<Choice>),
}

struct QuestionView {
    field: String,
    label: String,
    help: Option<String>,
    required: bool,
    only_if_purpose: Option<String>,
    control: Control,
}

#[derive(Template)]
#[template(path = "recommend_form.html")]
struct FormPage {
    title: &'static str,
    chrome: Chrome,
    intro: bool,
    error: Option<String>,
    /// `None` when the questionnaire is missing.
    version: Option<u32>,
    questions: Vec<QuestionView>,
}

#[derive(Template)]
#[template(path = "recommend_results.html")]
struct ResultsPage {
    title: &'static str,
    chrome: Chrome,
    o: RecommendOutcome,
}

fn question_view(q: &Question, pairs: &[(String, String)]) -> QuestionView {
    let current: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == &q.field)
        .map(|(_, v)| v.as_str())
        .collect();
    let choices = |items: Vec<(String, String)>| -> Vec<Choice> {
        items
            .into_iter()
            .map(|(value, label)| Choice {
                checked: current.contains(&value.as_str()),
                value,
                label,
            })
            .collect()
    };
    let fixed = |list: &[&str]| {
        list.iter()
            .map(|s| (s.to_string(), s.to_string()))
            .collect::<Vec<_>>()
    };
    let control = match q.kind.as_str() {
        "single" => Control::Choices(choices(
            q.options
                .iter()
                .map(|o| (o.value.clone(), o.label.clone()))
                .collect(),
        )),
        "number" => Control::Number(current.first().copied().unwrap_or("").to_string()),
        "industry" => Control::Select(choices(fixed(&INDUSTRIES))),
        _ => Control::Checkboxes(choices(fixed(&PURPOSES))),
    };
    QuestionView {
        field: q.field.clone(),
        label: q.label.clone(),
        help: q.help.clone(),
        required: q.required,
        only_if_purpose: q.only_if_purpose.clone(),
        control,
    }
}

fn form_page(
    state: &AppState,
    title: &'static str,
    pairs: &[(String, String)],
    error: Option<String>,
) -> FormPage {
    let questionnaire = state.app.questionnaire();
    FormPage {
        title,
        chrome: Chrome::new(&state.app, "recommend"),
        intro: error.is_none(),
        error,
        version: questionnaire.map(|q| q.version),
        questions: questionnaire
            .map(|q| {
                q.questions
                    .iter()
                    .map(|x| question_view(x, pairs))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[utoipa::path(get, path = "/recommend", tag = "pages", responses((status = 200, description = "質問票", content_type = "text/html", body = String)))]
pub async fn questionnaire_page(State(state): State<AppState>) -> Response {
    render(
        StatusCode::OK,
        &form_page(&state, "質問に答えて探す", &[], None),
    )
}

fn friendly(field: &str, message: &str) -> String {
    let label = match field {
        "answers.location" => "所在地",
        "answers.industry" => "業種",
        "answers.employees" => "従業員数",
        "answers.capital_yen" => "資本金",
        "answers.years_in_business" | "answers.founded" => "創業からの年数",
        "answers.corporate" => "事業の形態",
        "answers.purposes" => "やりたいこと",
        _ => "入力",
    };
    format!("{label}：{message}")
}

#[utoipa::path(get, path = "/recommend/results", tag = "pages", params(("location" = crate::http::openapi::fields::FormLocation, Query, description = "所在地"), ("industry" = crate::http::openapi::fields::IndustryName, Query, description = "業種"), ("employees" = u32, Query, description = "従業員数", maximum = 1000000), ("capital_yen" = Option<crate::http::openapi::fields::FormNumber>, Query, description = "資本金（法人のみ、空欄可）"), ("years_in_business" = Option<crate::http::openapi::fields::FormYears>, Query, description = "創業からの年数"), ("corporate" = crate::http::openapi::fields::FormBool, Query, description = "法人なら true"), ("purposes" = Option<Vec<crate::http::openapi::fields::PurposeChoice>>, Query, description = "やりたいこと（空は指定なし）", explode), ("shotenkai_member" = Option<crate::http::openapi::fields::FormOptionalBool>, Query, description = "商店会に加盟しているか")), responses((status = 200, description = "おすすめの制度", content_type = "text/html", body = String), (status = 400, description = "回答の不足・誤り", content_type = "text/html", body = String)))]
pub async fn results_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs = form_pairs(raw.as_deref());
    let form_error = |message: String| {
        render(
            StatusCode::BAD_REQUEST,
            &form_page(&state, "入力内容をご確認ください", &pairs, Some(message)),
        )
    };
    let answers = match state.app.answers_from_form(&pairs) {
        Ok(a) => a,
        Err(message) => return form_error(message),
    };
    match state
        .app
        .recommend(answers, tokyo_today(), Channel::Web)
        .await
    {
        Ok(logged) => render(
            StatusCode::OK,
            &ResultsPage {
                title: "おすすめの制度",
                chrome: Chrome::new(&state.app, "recommend"),
                o: logged.outcome,
            },
        ),
        Err(AppError::Answer(e)) => form_error(friendly(e.field, &e.message)),
        Err(e) => form_error(e.to_string()),
    }
}
