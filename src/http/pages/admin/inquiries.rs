//! `/admin/inquiries`: the logged inquiries (masked), filterable, and one inquiry in detail.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use super::{Allowed, can};
use crate::app::AppError;
use crate::app::console::{InquiryDetail, InquiryQuery, jst_text};
use crate::app::engine::shorten;
use crate::app::judgments::AnswerChoices;
use crate::app::messages::{Labelled, Messages};
use crate::app::staff::StaffMember;
use crate::domain::handoff::StableCode;
use crate::domain::inquiry::{Channel, InquiryKind};
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::{Choice, Chrome, MessagePage, render};

/// The console's filter from the query string; unknown values are ignored.
pub fn inquiry_query(pairs: &[(String, String)]) -> InquiryQuery {
    let date =
        |k: &str| first(pairs, k).and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
    InquiryQuery {
        from: date("from"),
        to: date("to"),
        channel: first(pairs, "channel").and_then(|c| Channel::from_code(&c)),
        kind: first(pairs, "kind").and_then(|k| InquiryKind::from_code(&k)),
        text: first(pairs, "q"),
        zero_results: first(pairs, "zero").is_some(),
        handoff_only: first(pairs, "handoff").is_some(),
    }
}

struct Row {
    id: String,
    at: String,
    channel: String,
    kind: String,
    text: String,
    results: usize,
    confidence: String,
    handoff: String,
}

#[derive(Template)]
#[template(path = "admin/inquiries.html")]
struct ListPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    q: String,
    from: String,
    to: String,
    channels: Vec<Choice>,
    kinds: Vec<Choice>,
    zero: bool,
    handoff: bool,
    rows: Vec<Row>,
}

fn choices<T: Labelled + PartialEq>(selected: Option<T>, m: &Messages) -> Vec<Choice> {
    T::ALL
        .iter()
        .map(|&v| Choice {
            value: v.code().to_string(),
            label: m.label(v),
            checked: selected == Some(v),
        })
        .collect()
}

#[utoipa::path(get, path = "/admin/inquiries", tag = "admin", security(("staff_session" = [])), params(("from" = Option<String>, Query, description = "YYYY-MM-DD"), ("to" = Option<String>, Query, description = "YYYY-MM-DD"), ("channel" = Option<String>, Query), ("kind" = Option<String>, Query), ("q" = Option<String>, Query, description = "本文の部分一致"), ("zero" = Option<String>, Query, description = "1 で結果0件のみ"), ("handoff" = Option<String>, Query, description = "1 で引き継ぎのみ")), responses((status = 200, description = "問い合わせ一覧（個人情報はマスク済み）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 400, description = "条件の誤り", content_type = "text/html", body = String)))]
pub async fn inquiries(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadInquiries>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let query = inquiry_query(&pairs);
    let list = match state.app.inquiries(&query).await {
        Ok(l) => l,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let raw_value = |k: &str| first(&pairs, k).unwrap_or_default();
    let m = Messages::new(page.lang);
    let page = ListPage {
        title: m.t("inquiries-title"),
        chrome: Chrome::console(&state.app, &page),
        staff: Some(staff.0),
        q: raw_value("q"),
        from: raw_value("from"),
        to: raw_value("to"),
        channels: choices(query.channel, &m),
        kinds: choices(query.kind, &m),
        zero: query.zero_results,
        handoff: query.handoff_only,
        rows: list
            .iter()
            .map(|i| Row {
                id: i.id.clone(),
                at: jst_text(i.created_at),
                channel: m.label(i.channel),
                kind: m.label(i.kind),
                text: shorten(i.text(), 80),
                results: i.results.len(),
                confidence: i.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
                handoff: i
                    .handoff_category
                    .map_or_else(String::new, |c| m.handoff_category(c)),
            })
            .collect(),
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "admin/inquiry.html")]
struct DetailPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    detail: InquiryDetail,
    at: String,
    channel: String,
    kind: String,
    purposes: String,
    confidence: String,
    handoff: String,
    latency: String,
    shown: Vec<(String, String, String)>,
    feedback: Vec<(String, bool, String)>,
    csrf: String,
    choices: AnswerChoices,
    /// (answer kind, answer, proposed fix, status, who and when) per judgment.
    judgments: Vec<(String, String, String, String, String)>,
}

#[utoipa::path(get, path = "/admin/inquiries/{id}", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), responses((status = 200, description = "問い合わせの詳細", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 404, description = "該当なし", content_type = "text/html", body = String)))]
pub async fn inquiry_detail(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadInquiries>,
    Path(id): Path<String>,
) -> Response {
    let m = Messages::new(page.lang);
    let detail = match state.app.inquiry(&id).await {
        Ok(d) => d,
        Err(AppError::NotFound(_)) => {
            return render(
                StatusCode::NOT_FOUND,
                &MessagePage {
                    title: m.t("inquiry-not-found-title"),
                    chrome: Chrome::console(&state.app, &page),
                    heading: m.t("inquiry-not-found"),
                    text: String::new(),
                    link: Some(("/admin/inquiries", m.t("inquiry-back"))),
                },
            );
        }
        Err(e) => return ApiError::from(e).into_response(),
    };
    let i = &detail.inquiry;
    let page = DetailPage {
        title: m.t("inquiry-title"),
        chrome: Chrome::console(&state.app, &page),
        csrf: staff.0.csrf.clone(),
        staff: Some(staff.0),
        choices: state.app.answer_choices(),
        judgments: detail
            .judgments
            .iter()
            .map(|j| {
                (
                    m.answer_kind(&j.answer),
                    state.app.answer_label(&j.answer),
                    m.fix(&j.fix),
                    m.label(j.status),
                    m.targs(
                        "console-by-at",
                        &[("by", &j.recorded_by), ("at", &jst_text(j.recorded_at))],
                    ),
                )
            })
            .collect(),
        at: jst_text(i.created_at),
        channel: m.label(i.channel),
        kind: m.label(i.kind),
        purposes: i
            .purposes
            .iter()
            .map(|p| m.purpose(p))
            .collect::<Vec<_>>()
            .join(&m.t("list-separator")),
        confidence: i.confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
        handoff: match (i.handoff_category, i.handoff_reason) {
            (None, _) => m.t("console-none"),
            (Some(c), None) => m.handoff_category(c),
            (Some(c), Some(r)) => format!("{} {}", m.handoff_category(c), m.handoff_reason(r)),
        },
        latency: m.ta("inquiry-latency-ms", "ms", &format!("{:.1}", i.latency_ms)),
        shown: detail
            .shown
            .iter()
            .map(|(title, score, why)| (title.clone(), format!("{score:.3}"), why.clone()))
            .collect(),
        feedback: detail
            .feedback
            .iter()
            .map(|f| {
                (
                    jst_text(f.created_at),
                    f.helpful,
                    f.comment().unwrap_or("").to_string(),
                )
            })
            .collect(),
        detail,
    };
    render(StatusCode::OK, &page)
}
