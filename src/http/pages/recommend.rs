//! The questionnaire page and its results page (GET, so results can be bookmarked and printed).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::facts::{self, Fact};
use super::{Choice, Chrome, render};
use crate::app::{App, AppError, tokyo_today};
use crate::domain::Lang;
use crate::domain::WindowStatus;
use crate::domain::eligibility::Fit;
use crate::domain::inquiry::Channel;
use crate::domain::questionnaire::Question;
use crate::domain::recommend::RecommendOutcome;
use crate::domain::recommend::{NextStep, Recommendation};
use crate::domain::scheme::{INDUSTRIES, PURPOSES};
use crate::domain::translation::Segment;
use crate::http::AppState;
use crate::http::extract::form_pairs;
use crate::http::language::PageLang;
use crate::http::messages::Messages;

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

/// A recommended scheme with its words in the chosen language; the reasons and open questions
/// stay in Japanese (they come from the eligibility rules) this version.
struct RecView<'a> {
    r: &'a Recommendation,
    title: Vec<Segment>,
    official_title: Option<&'a str>,
    /// Translated summary, who and how to apply (not on the Japanese page, which links them).
    summary: Option<Vec<Segment>>,
    who: Option<Vec<Segment>>,
    how_to_apply: Option<Vec<Segment>>,
    /// Amount lines from the fields in the chosen language (the Japanese page keeps `r.amount`).
    amount: Vec<Fact>,
    deadline: Option<String>,
    level: String,
    kind: String,
    status: String,
}

/// A desk to book next: its words translated, its hours and phone from its fields.
struct StepView<'a> {
    s: &'a NextStep,
    name: Vec<Segment>,
    how_to_book: Vec<Segment>,
    hours: String,
}

#[derive(Template)]
#[template(path = "recommend_results.html")]
struct ResultsPage<'a> {
    title: &'static str,
    chrome: Chrome,
    o: &'a RecommendOutcome,
    recs: Vec<RecView<'a>>,
    steps: Vec<StepView<'a>>,
    /// `lang` of the translated parts inside this (Japanese) page, when it is not Japanese.
    words_lang: Option<&'static str>,
}

fn rec_view<'a>(app: &'a App, r: &'a Recommendation, m: Messages) -> RecView<'a> {
    let lang = m.lang();
    let words = app
        .scheme_words_by_id(&r.id, lang)
        .filter(|w| w.source.is_translation());
    let scheme = words.as_ref().map(|w| w.scheme);
    RecView {
        title: words
            .as_ref()
            .map_or_else(|| vec![Segment::Text(r.title.clone())], |w| w.title.clone()),
        official_title: words.as_ref().and_then(|w| w.official_title),
        summary: words.as_ref().map(|w| w.summary.clone()),
        who: words.as_ref().and_then(|w| w.who.clone()),
        how_to_apply: words.as_ref().map(|w| w.how_to_apply.clone()),
        amount: match scheme {
            Some(s) if lang != Lang::Ja => facts::amount(s, m),
            _ => Vec::new(),
        },
        deadline: r.deadline.map(|d| facts::date(lang, d)),
        level: m.level(r.level),
        kind: m.kind(r.kind),
        status: m.status(r.status),
        r,
    }
}

fn step_view<'a>(app: &'a App, s: &'a NextStep, m: Messages) -> StepView<'a> {
    match app.desk(&s.desk_id) {
        Some(desk) if m.lang() != Lang::Ja => {
            let w = app.desk_words(desk, m.lang());
            StepView {
                s,
                name: w.name,
                how_to_book: w.how_to_book,
                hours: facts::desk_hours(desk, m),
            }
        }
        _ => StepView {
            s,
            name: vec![Segment::Text(s.desk.clone())],
            how_to_book: vec![Segment::Text(s.how_to_book.clone())],
            hours: s.schedule.clone(),
        },
    }
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
    page: &PageLang,
    title: &'static str,
    pairs: &[(String, String)],
    error: Option<String>,
) -> FormPage {
    let questionnaire = state.app.questionnaire();
    FormPage {
        title,
        chrome: Chrome::new(&state.app, "recommend", page).japanese_content(),
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
pub async fn questionnaire_page(State(state): State<AppState>, page: PageLang) -> Response {
    render(
        StatusCode::OK,
        &form_page(&state, &page, "質問に答えて探す", &[], None),
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
pub async fn results_page(
    State(state): State<AppState>,
    page: PageLang,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = form_pairs(raw.as_deref());
    let form_error = |message: String| {
        render(
            StatusCode::BAD_REQUEST,
            &form_page(
                &state,
                &page,
                "入力内容をご確認ください",
                &pairs,
                Some(message),
            ),
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
        Ok(logged) => {
            let chrome = Chrome::new(&state.app, "recommend", &page).partly_japanese_content();
            let m = chrome.messages();
            let o = &logged.outcome;
            render(
                StatusCode::OK,
                &ResultsPage {
                    title: "おすすめの制度",
                    recs: o
                        .recommendations
                        .iter()
                        .map(|r| rec_view(&state.app, r, m))
                        .collect(),
                    steps: o
                        .next_steps
                        .iter()
                        .map(|s| step_view(&state.app, s, m))
                        .collect(),
                    words_lang: (page.lang.html_lang() != "ja").then_some(page.lang.html_lang()),
                    chrome,
                    o,
                },
            )
        }
        Err(AppError::Answer(e)) => form_error(friendly(e.field, &e.message)),
        Err(e) => form_error(e.to_string()),
    }
}
