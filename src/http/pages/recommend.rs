//! The questionnaire page and its results page (GET, so results can be bookmarked and printed).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::facts::{self, Fact};
use super::{Choice, Chrome, render};
use crate::app::messages::{Messages, field_key, step_key};
use crate::app::refusal::Wording;
use crate::app::{App, AppError, Engine, tokyo_today};
use crate::domain::Lang;
use crate::domain::WindowStatus;
use crate::domain::corpus::translation::Segment;
use crate::domain::eligibility::Fit;
use crate::domain::inquiry::Channel;
use crate::domain::questionnaire::Question;
use crate::domain::recommend::{NextStep, Recommendation};
use crate::domain::scheme::{INDUSTRIES, PURPOSES};
use crate::http::AppState;
use crate::http::extract::QueryPairs;
use crate::http::language::PageLang;

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
    /// "Answer only if you chose …", in the page's language.
    only_if_purpose: Option<String>,
    control: Control,
}

#[derive(Template)]
#[template(path = "recommend_form.html")]
struct FormPage {
    title: String,
    chrome: Chrome,
    intro: bool,
    error: Option<String>,
    /// `None` when the questionnaire is missing.
    version: Option<u32>,
    questions: Vec<QuestionView>,
}

/// Why a scheme fits, or what is uncertain, in the page's language: the condition it is about
/// and the verdict from the catalogs; the exact rule as the eligibility check words it stays
/// Japanese beside it (`detail`) on the other pages.
struct ReasonView<'a> {
    text: String,
    detail: Option<&'a str>,
    /// For unknowns: the question or document that settles it (Japanese).
    settle_by: Option<&'a str>,
}

/// A recommended scheme with its words in the chosen language.
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
    fit: String,
    reasons: Vec<ReasonView<'a>>,
    unknown: Vec<ReasonView<'a>>,
    /// Schemes not to combine with, by id, with their titles in the page's language.
    not_combinable: Vec<(&'a str, Vec<Segment>)>,
}

/// A desk to book next: its words translated, its hours and phone from its fields.
struct StepView<'a> {
    s: &'a NextStep,
    name: Vec<Segment>,
    how_to_book: Vec<Segment>,
    hours: String,
    message: String,
}

/// A scheme ruled out, with why (the eligibility check's Japanese words).
struct ExcludedView<'a> {
    title: Vec<Segment>,
    unmet: &'a [String],
}

#[derive(Template)]
#[template(path = "recommend_results.html")]
struct ResultsPage<'a> {
    title: String,
    chrome: Chrome,
    recs: Vec<RecView<'a>>,
    steps: Vec<StepView<'a>>,
    excluded: Vec<ExcludedView<'a>>,
}

fn rec_view<'a>(app: &App, engine: &'a Engine, r: &'a Recommendation, m: Messages) -> RecView<'a> {
    let lang = m.lang();
    let words = app
        .scheme_words_by_id(engine, &r.id, lang)
        .filter(|w| w.source.is_translation());
    let scheme = words.as_ref().map(|w| w.scheme);
    RecView {
        title: words.as_ref().map_or_else(
            || vec![facts::japanese(lang, &r.title)],
            |w| w.title.clone(),
        ),
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
        fit: m.t(match r.fit {
            Fit::Eligible => "fit-eligible",
            Fit::Unknown => "fit-unknown",
            Fit::Likely | Fit::Ineligible => "fit-likely",
        }),
        reasons: reasons(r, m),
        not_combinable: r
            .not_combinable_with
            .iter()
            .map(|id| (id.as_str(), title_in(app, id, id, lang)))
            .collect(),
        unknown: r
            .unknown
            .iter()
            .map(|u| match lang {
                Lang::Ja => ReasonView {
                    text: u.condition.clone(),
                    detail: None,
                    settle_by: Some(u.settle_by.as_str()).filter(|s| !s.is_empty()),
                },
                Lang::Easy | Lang::En => ReasonView {
                    text: m.ta("reason-unknown", "condition", &m.condition(u.about)),
                    detail: Some(&u.condition),
                    settle_by: Some(u.settle_by.as_str()).filter(|s| !s.is_empty()),
                },
            })
            .collect(),
        r,
    }
}

/// The reasons a scheme fits: as the eligibility check words them on the Japanese page; the
/// condition and verdict from the catalogs, with that wording beside them, on the others.
fn reasons<'a>(r: &'a Recommendation, m: Messages) -> Vec<ReasonView<'a>> {
    if m.lang() == Lang::Ja {
        return r
            .reasons
            .iter()
            .map(|x| ReasonView {
                text: x.clone(),
                detail: None,
                settle_by: None,
            })
            .collect();
    }
    if r.met.is_empty() {
        return vec![ReasonView {
            text: m.t("reason-no-limits"),
            detail: None,
            settle_by: None,
        }];
    }
    r.met
        .iter()
        .zip(&r.reasons)
        .map(|(condition, x)| ReasonView {
            text: m.ta("reason-met", "condition", &m.condition(*condition)),
            detail: Some(x.as_str()),
            settle_by: None,
        })
        .collect()
}

fn step_view<'a>(app: &'a App, s: &'a NextStep, m: Messages) -> StepView<'a> {
    match app.desk(&s.desk_id) {
        Some(desk) if m.lang() != Lang::Ja => {
            let w = app.desk_words(&desk, m.lang());
            StepView {
                s,
                name: w.name,
                how_to_book: w.how_to_book,
                hours: m.desk_hours(&desk),
                message: m.t(step_key(s.category)),
            }
        }
        _ => StepView {
            s,
            name: vec![Segment::Text(s.desk.clone())],
            how_to_book: vec![Segment::Text(s.how_to_book.clone())],
            hours: s.schedule.clone(),
            message: s.message.clone(),
        },
    }
}

/// A scheme's title in `lang` (its Japanese title, marked as such, when it has no
/// translation); `fallback` when the id names no scheme.
fn title_in(app: &App, id: &str, fallback: &str, lang: Lang) -> Vec<Segment> {
    match app.scheme_words_by_id(&app.engine(), id, lang) {
        Some(w) => w.title,
        None => vec![facts::japanese(lang, fallback)],
    }
}

fn question_view(q: &Question, pairs: &[(String, String)], m: Messages) -> QuestionView {
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
    // The value sent is always the corpus's Japanese key; only the label is translated.
    let control = match q.kind.as_str() {
        "single" => Control::Choices(choices(
            q.options
                .iter()
                .map(|o| (o.value.clone(), m.option(q, o)))
                .collect(),
        )),
        "number" => Control::Number(current.first().copied().unwrap_or("").to_string()),
        "industry" => Control::Select(choices(
            INDUSTRIES
                .iter()
                .map(|i| (i.to_string(), m.industry(i)))
                .collect(),
        )),
        _ => Control::Checkboxes(choices(
            PURPOSES
                .iter()
                .map(|p| (p.to_string(), m.purpose(p)))
                .collect(),
        )),
    };
    QuestionView {
        field: q.field.clone(),
        label: m.question(q),
        help: m.question_help(q),
        required: q.required,
        only_if_purpose: q
            .only_if_purpose
            .as_deref()
            .map(|p| m.ta("form-only-if-purpose", "purpose", &m.purpose(p))),
        control,
    }
}

fn form_page(
    state: &AppState,
    page: &PageLang,
    pairs: &[(String, String)],
    error: Option<String>,
) -> FormPage {
    let questionnaire = state.app.questionnaire();
    let questionnaire = questionnaire.as_ref();
    let chrome = Chrome::new(&state.app, "recommend", page);
    let m = chrome.messages();
    FormPage {
        title: m.t(if error.is_some() {
            "form-title-error"
        } else {
            "form-title"
        }),
        chrome,
        intro: error.is_none(),
        error,
        version: questionnaire.map(|q| q.version),
        questions: questionnaire
            .map(|q| {
                q.questions
                    .iter()
                    .map(|x| question_view(x, pairs, m))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[utoipa::path(get, path = "/recommend", tag = "pages", responses((status = 200, description = "質問票", content_type = "text/html", body = String)))]
pub async fn questionnaire_page(State(state): State<AppState>, page: PageLang) -> Response {
    render(StatusCode::OK, &form_page(&state, &page, &[], None))
}

/// A form check's error in the page's language: the Japanese page keeps the check's own
/// message; the others name the field from the catalog.
fn answer_error(m: Messages, field: &str, message: &str) -> String {
    match m.lang() {
        Lang::Ja => message.to_string(),
        _ => m.ta("form-error-field", "label", &m.t(field_key(field))),
    }
}

#[utoipa::path(get, path = "/recommend/results", tag = "pages", params(("location" = crate::http::fields::FormLocation, Query, description = "所在地"), ("industry" = crate::http::fields::IndustryName, Query, description = "業種"), ("employees" = u32, Query, description = "従業員数", maximum = 1000000), ("capital_yen" = Option<crate::http::fields::FormNumber>, Query, description = "資本金（法人のみ、空欄可）"), ("years_in_business" = Option<crate::http::fields::FormYears>, Query, description = "創業からの年数"), ("corporate" = crate::http::fields::FormBool, Query, description = "法人なら true"), ("purposes" = Option<Vec<crate::http::fields::PurposeChoice>>, Query, description = "やりたいこと（空は指定なし）", explode), ("shotenkai_member" = Option<crate::http::fields::FormOptionalBool>, Query, description = "商店会に加盟しているか")), responses((status = 200, description = "おすすめの制度", content_type = "text/html", body = String), (status = 400, description = "回答の不足・誤り", content_type = "text/html", body = String)))]
pub async fn results_page(
    State(state): State<AppState>,
    page: PageLang,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let m = Messages::new(page.lang);
    let form_error = |message: String| {
        render(
            StatusCode::BAD_REQUEST,
            &form_page(&state, &page, &pairs, Some(message)),
        )
    };
    let answers = match state.app.answers_from_form(&pairs) {
        Ok(a) => a,
        Err((field, message)) => return form_error(answer_error(m, &field, &message)),
    };
    match state
        .app
        .recommend(answers, tokyo_today(), Channel::Web)
        .await
    {
        Ok(logged) => {
            let chrome = Chrome::new(&state.app, "recommend", &page);
            let engine = state.app.engine();
            let o = &logged.outcome;
            render(
                StatusCode::OK,
                &ResultsPage {
                    title: m.t("results-title"),
                    recs: o
                        .recommendations
                        .iter()
                        .map(|r| rec_view(&state.app, &engine, r, m))
                        .collect(),
                    steps: o
                        .next_steps
                        .iter()
                        .map(|s| step_view(&state.app, s, m))
                        .collect(),
                    excluded: o
                        .excluded
                        .iter()
                        .map(|e| ExcludedView {
                            title: title_in(&state.app, &e.id, &e.title, page.lang),
                            unmet: &e.unmet,
                        })
                        .collect(),
                    chrome,
                },
            )
        }
        Err(AppError::Answer(e)) => {
            let label = m.t(field_key(e.field));
            let said = Wording::from(&e).text_in(m.lang());
            form_error(m.targs(
                "form-error-answer",
                &[("label", &label), ("message", &said)],
            ))
        }
        Err(e) => form_error(e.to_string()),
    }
}
