//! `/admin`: the last 30 days at a glance.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{Allowed, can};
use crate::app::console::{Counts, Dashboard};
use crate::app::staff::StaffMember;
use crate::chart::{Series, line_chart};
use crate::domain::handoff::StableCode;
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

/// One table of counts.
pub struct CountTable {
    pub caption: &'static str,
    pub head: (&'static str, &'static str),
    pub rows: Counts,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    title: &'static str,
    chrome: Chrome,
    staff: Option<StaffMember>,
    d: Dashboard,
    feedback_rate: String,
    helpful_rate: String,
    chart: String,
    tables: Vec<(&'static str, CountTable)>,
    freshness_days: u32,
}

fn chart(d: &Dashboard) -> String {
    let series: Vec<Series<'_>> = d
        .per_channel
        .iter()
        .map(|c| Series {
            name: c.channel.label_ja(),
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
        "過去30日の問い合わせ件数（チャネル別）",
        &labels,
        &series,
        (max * 1.1).ceil(),
    )
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
    let table = |caption, head, rows: &mut Counts| CountTable {
        caption,
        head,
        rows: std::mem::take(rows),
    };
    let tables = vec![
        (
            "よくある問い合わせ",
            table("問い合わせ文（上位15件）", ("内容", "件数"), &mut d.topics),
        ),
        (
            "選ばれた目的",
            table("目的（上位）", ("目的", "件数"), &mut d.purposes),
        ),
        (
            "結果が0件だった問い合わせ",
            table("0件の問い合わせ", ("内容", "件数"), &mut d.zero_results),
        ),
        (
            "確信度が低かった問い合わせ",
            table(
                "確信度の低い問い合わせ",
                ("内容", "件数"),
                &mut d.low_confidence,
            ),
        ),
        (
            "引き継ぎ（分野別）",
            table("分野別", ("分野", "件数"), &mut d.handoff_categories),
        ),
        (
            "引き継ぎ（理由別）",
            table("理由別", ("理由", "件数"), &mut d.handoff_reasons),
        ),
        (
            "よく表示された制度",
            table(
                "上位5件に表示された回数",
                ("制度", "回数"),
                &mut d.shown_schemes,
            ),
        ),
    ];
    let page = DashboardPage {
        title: "ダッシュボード",
        chrome: Chrome::new(&state.app, "admin", &page).japanese_content(),
        staff: Some(staff.0),
        feedback_rate: format!("{:.1}", d.feedback_rate),
        helpful_rate: format!("{:.1}", d.helpful_rate),
        chart: chart(&d),
        tables,
        freshness_days: state.app.settings().freshness_max_age_days,
        d,
    };
    render(StatusCode::OK, &page)
}
