//! `/admin`: the last 30 days at a glance.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{Allowed, can, relabel};
use crate::app::console::{Counts, Dashboard};
use crate::app::messages::{Arg, Messages};
use crate::app::staff::StaffMember;
use crate::chart::{Series, line_chart};
use crate::domain::handoff::StableCode;
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

/// One table of counts.
pub struct CountTable {
    pub caption: String,
    pub head: (String, String),
    pub rows: Counts,
    /// The `lang` of the counted texts when they are logged or corpus Japanese.
    pub data_lang: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    d: Dashboard,
    overview: String,
    log_state: String,
    chart: String,
    tables: Vec<(String, CountTable)>,
    freshness_caption: String,
    /// (anchor code, label, count) per freshness rule.
    freshness: Vec<(&'static str, String, usize)>,
    /// (status code, label, count) per judgment status.
    judgments: Vec<(&'static str, String, i64)>,
}

fn chart(d: &Dashboard, m: &Messages) -> String {
    let names: Vec<String> = d.per_channel.iter().map(|c| m.label(c.channel)).collect();
    let series: Vec<Series<'_>> = d
        .per_channel
        .iter()
        .zip(&names)
        .map(|(c, name)| Series {
            name,
            points: c.points.clone(),
        })
        .collect();
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .fold(1.0, f64::max);
    let labels: Vec<String> = d
        .days
        .iter()
        .map(|d| d.format("%m/%d").to_string())
        .collect();
    line_chart(
        &m.t("dashboard-chart-title"),
        &labels,
        &series,
        (max * 1.1).ceil(),
    )
}

/// Counts whose labels are the app's Japanese names: shown in the page's language.
fn relabelled(m: &Messages, rows: Counts) -> (Counts, Option<&'static str>) {
    let mut all_known = true;
    let rows = rows
        .into_iter()
        .map(|(label, n)| {
            let (text, known) = relabel(m, &label);
            all_known &= known;
            (text, n)
        })
        .collect();
    (rows, (!all_known).then_some("ja"))
}

#[utoipa::path(get, path = "/admin", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "ダッシュボード", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ")))]
pub async fn dashboard(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadInquiries>,
) -> Response {
    let mut d = match state.app.dashboard().await {
        Ok(d) => d,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let m = Messages::new(page.lang);
    // Logged texts and scheme titles stay as they were written (Japanese); labels the app
    // counted by their Japanese names are shown in the page's language.
    let texts = |caption: &str, head: &str, rows: &mut Counts| CountTable {
        caption: m.t(caption),
        head: (m.t(head), m.t("console-count")),
        rows: std::mem::take(rows),
        data_lang: Some("ja"),
    };
    let labels = |caption: &str, head: &str, rows: &mut Counts| {
        let (rows, data_lang) = relabelled(&m, std::mem::take(rows));
        CountTable {
            caption: m.t(caption),
            head: (m.t(head), m.t("console-count")),
            rows,
            data_lang,
        }
    };
    let tables = vec![
        (
            m.t("dashboard-topics"),
            texts("dashboard-topics-caption", "console-text", &mut d.topics),
        ),
        (
            m.t("dashboard-purposes"),
            labels(
                "dashboard-purposes-caption",
                "console-purpose",
                &mut d.purposes,
            ),
        ),
        (
            m.t("dashboard-zero"),
            texts(
                "dashboard-zero-caption",
                "console-text",
                &mut d.zero_results,
            ),
        ),
        (
            m.t("dashboard-low"),
            texts(
                "dashboard-low-caption",
                "console-text",
                &mut d.low_confidence,
            ),
        ),
        (
            m.t("dashboard-categories"),
            labels(
                "dashboard-categories-caption",
                "console-category",
                &mut d.handoff_categories,
            ),
        ),
        (
            m.t("dashboard-reasons"),
            labels(
                "dashboard-reasons-caption",
                "console-reason",
                &mut d.handoff_reasons,
            ),
        ),
        (m.t("dashboard-shown"), {
            let mut t = texts(
                "dashboard-shown-caption",
                "console-scheme",
                &mut d.shown_schemes,
            );
            t.head.1 = m.t("console-times");
            t
        }),
    ];
    let overview = m.tv(
        "dashboard-overview",
        &[
            ("from", Arg::Text(&d.from.to_string())),
            ("today", Arg::Text(&d.today.to_string())),
            ("inquiries", Arg::Number(d.inquiries as u64)),
            ("tickets", Arg::Number(d.tickets as u64)),
            ("open", Arg::Number(d.open_tickets as u64)),
            ("feedback", Arg::Number(d.feedback_total.max(0) as u64)),
            ("rate", Arg::Text(&format!("{:.1}", d.feedback_rate))),
            ("helpful", Arg::Text(&format!("{:.1}", d.helpful_rate))),
        ],
    );
    let log_state = m.tv(
        "dashboard-log-state",
        &[
            ("written", Arg::Number(d.log.written)),
            ("failed", Arg::Number(d.log.failed_writes)),
            ("pending", Arg::Number(d.log.pending_in_spool)),
        ],
    );
    let page = DashboardPage {
        title: m.t("dashboard-title"),
        chrome: Chrome::console(&state.app, &page),
        staff: Some(staff.0),
        overview,
        log_state,
        chart: chart(&d, &m),
        tables,
        freshness_caption: m.ta(
            "dashboard-freshness-caption",
            "days",
            &state.app.settings().freshness_max_age_days.to_string(),
        ),
        freshness: d
            .freshness
            .iter()
            .map(|(rule, n)| (rule.code(), m.freshness_rule(*rule), *n))
            .collect(),
        judgments: d
            .judgments
            .iter()
            .map(|(status, n)| (status.code(), m.label(*status), *n))
            .collect(),
        d,
    };
    render(StatusCode::OK, &page)
}
