//! `/admin/report`: the monthly report to the ward (実施報告) as a printable page with SVG
//! charts, each beside a table of the same numbers, in the language chosen for the console
//! (logged texts and scheme titles as written), and `/admin/report.csv`, the same figures as
//! CSV, whose headings and labels stay Japanese: it is the document the ward receives.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::export::csv_response;
use super::{Allowed, can, relabel};
use crate::app::console::jst_text;
use crate::app::messages::{Arg, Messages, slot_format_is_valid};
use crate::app::report::report_rows;
use crate::app::staff::StaffMember;
use crate::app::{AppError, tokyo_today};
use crate::chart::{Bar, Series, bar_chart, line_chart};
use crate::domain::handoff::StableCode;
use crate::domain::inquiry::Channel;
use crate::domain::report::{
    Counts, MonthFigures, MonthlyReport, ReportMonth, SHOWN_RANKS, TextCounts,
};
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

/// A table with a caption, column heads and rows; the first cell of a row heads it.
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Said in the table when it has no rows.
    pub empty: String,
    /// Columns holding logged or corpus text, shown as written (Japanese).
    pub japanese_cols: Vec<usize>,
}

impl Table {
    /// The `lang` of a column's cells when it differs from what the page may be in (the
    /// template passes the column as it has it, by value or by reference).
    pub fn lang_of(&self, col: impl std::borrow::Borrow<usize>) -> Option<&'static str> {
        self.japanese_cols.contains(col.borrow()).then_some("ja")
    }
}

/// One part of the report: a heading, maybe a chart, its table, maybe a note.
pub struct Section {
    pub heading: String,
    pub chart: Option<String>,
    pub chart_caption: String,
    pub table: Table,
    pub note: Option<String>,
}

/// What the page shows of a report.
pub struct ReportView {
    /// Who reports what, for which period, made when.
    pub intro: String,
    pub empty: bool,
    /// The month has not ended yet: the figures are so far.
    pub partial: bool,
    pub summary: Table,
    pub sections: Vec<Section>,
    pub csv_href: String,
}

#[derive(Template)]
#[template(path = "admin/report.html")]
struct ReportPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    /// The month in the form (what was asked, when it could not be read).
    month: String,
    error: Option<String>,
    report: Option<ReportView>,
}

/// A month as the page's language writes it ("2026年10月", "October 2026"), by the catalog's
/// `report-month-format` (a strftime pattern).
fn month_name(m: &Messages, month: ReportMonth) -> String {
    let pattern = m.t("report-month-format");
    if slot_format_is_valid(&pattern) {
        month.first_day().format(&pattern).to_string()
    } else {
        month.label_ja()
    }
}

/// Counts labelled by the app's Japanese names, in the page's language, beside the previous
/// month's.
fn with_previous(m: &Messages, now: &Counts, before: &Counts) -> (Vec<Vec<String>>, bool) {
    let mut all_known = true;
    let rows = now
        .iter()
        .map(|(label, n)| {
            let prev = before
                .iter()
                .find(|(l, _)| l == label)
                .map_or(0, |(_, c)| *c);
            let (label, known) = relabel(m, label);
            all_known &= known;
            vec![label, n.to_string(), prev.to_string()]
        })
        .collect();
    (rows, all_known)
}

fn counted(m: &Messages, caption: String, head: &str, now: &Counts, before: &Counts) -> Table {
    let (rows, known) = with_previous(m, now, before);
    Table {
        caption,
        head: vec![m.t(head), m.t("console-count"), m.t("report-previous")],
        rows,
        empty: m.t("console-none"),
        japanese_cols: if known { Vec::new() } else { vec![0] },
    }
}

fn texts(m: &Messages, caption: String, t: &TextCounts) -> Table {
    let mut rows: Vec<Vec<String>> = t
        .texts
        .iter()
        .map(|(text, n)| vec![text.clone(), n.to_string()])
        .collect();
    let mut japanese_cols = vec![0];
    if t.distinct > t.texts.len() {
        rows.push(vec![
            m.tn("report-other-texts", t.distinct - t.texts.len()),
            (t.total - t.texts.iter().map(|(_, n)| n).sum::<usize>()).to_string(),
        ]);
        // The last row's label is the page's own words; the others are logged texts.
        japanese_cols.clear();
    }
    Table {
        caption,
        head: vec![m.t("console-text-masked"), m.t("console-count")],
        rows,
        empty: m.t("console-none"),
        japanese_cols,
    }
}

fn signed(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

fn summary(m: &Messages, r: &MonthlyReport) -> Table {
    let (f, p) = (&r.figures, &r.previous);
    let helpful = |x: &MonthFigures| {
        x.helpful_percent()
            .map_or_else(|| "—".to_string(), |x| format!("{x:.1}%"))
    };
    let rows = [
        ("report-row-inquiries", f.inquiries, p.inquiries),
        ("report-row-handoffs", f.handoffs, p.handoffs),
        ("report-row-closed", f.closed, p.closed),
        ("report-row-open", f.open, p.open),
        (
            "report-row-zero",
            f.zero_results.total,
            p.zero_results.total,
        ),
        (
            "report-row-low",
            f.low_confidence.total,
            p.low_confidence.total,
        ),
        ("report-row-helpful", f.helpful, p.helpful),
        ("report-row-not-helpful", f.not_helpful, p.not_helpful),
    ]
    .into_iter()
    .map(|(label, now, before)| {
        vec![
            m.t(label),
            now.to_string(),
            before.to_string(),
            signed(now as i64 - before as i64),
        ]
    })
    .chain(std::iter::once(vec![
        m.t("report-row-helpful-share"),
        helpful(f),
        helpful(p),
        String::new(),
    ]))
    .collect();
    Table {
        caption: m.targs(
            "report-summary-caption",
            &[
                ("month", &month_name(m, r.month)),
                ("previous", &month_name(m, r.month.previous())),
            ],
        ),
        head: vec![
            m.t("report-item"),
            m.t("console-count"),
            m.t("report-previous"),
            m.t("report-change"),
        ],
        rows,
        empty: m.t("console-none"),
        japanese_cols: Vec::new(),
    }
}

fn sections(m: &Messages, r: &MonthlyReport) -> Vec<Section> {
    let (f, p) = (&r.figures, &r.previous);
    let month = month_name(m, r.month);
    let of_month = |key: &str| m.ta(key, "month", &month);
    let days: Vec<String> = f
        .by_day
        .iter()
        .map(|d| d.day.format("%d").to_string())
        .collect();
    let channel_names: Vec<String> = Channel::ALL.iter().map(|c| m.label(*c)).collect();
    let series: Vec<Series<'_>> = channel_names
        .iter()
        .enumerate()
        .map(|(k, name)| Series {
            name,
            points: f.by_day.iter().map(|d| d.per_channel[k] as f64).collect(),
        })
        .collect();
    let max = f.by_day.iter().map(|d| d.total).max().unwrap_or(0).max(1) as f64;
    let mut day_head = vec![m.t("report-day")];
    day_head.extend(channel_names.iter().cloned());
    day_head.push(m.t("report-total"));
    let day_rows = f
        .by_day
        .iter()
        .map(|d| {
            let mut row = vec![d.day.format("%m/%d").to_string()];
            row.extend(d.per_channel.iter().map(usize::to_string));
            row.push(d.total.to_string());
            row
        })
        .collect();
    // Bars are labelled in the page's language, as the table beside them.
    let bar = |title: String, counts: &Counts| {
        // A label the catalogs do not hold (a scheme's title) stays Japanese, marked so.
        let labelled: Vec<Bar> = counts
            .iter()
            .map(|(label, n)| {
                let (label, known) = relabel(m, label);
                (label, *n, (!known).then_some("ja"))
            })
            .collect();
        Some(bar_chart(&title, &labelled))
    };
    let chart_caption = |key: &str| m.ta("report-chart-caption", "caption", &m.t(key));
    let mut out = vec![
        Section {
            heading: m.t("report-channel-heading"),
            chart: bar(of_month("report-channel-chart"), &f.by_channel),
            chart_caption: chart_caption("report-channel-chart-caption"),
            table: counted(
                m,
                of_month("report-channel-caption"),
                "console-channel",
                &f.by_channel,
                &p.by_channel,
            ),
            note: None,
        },
        Section {
            heading: m.t("report-day-heading"),
            chart: Some(line_chart(
                &of_month("report-day-chart"),
                &days,
                &series,
                (max * 1.1).ceil(),
            )),
            chart_caption: chart_caption("report-day-chart-caption"),
            table: Table {
                caption: of_month("report-day-caption"),
                head: day_head,
                rows: day_rows,
                empty: m.t("console-none"),
                japanese_cols: Vec::new(),
            },
            note: None,
        },
        Section {
            heading: m.t("report-kind-heading"),
            chart: bar(of_month("report-kind-chart"), &f.by_kind),
            chart_caption: chart_caption("report-kind-chart-caption"),
            table: counted(
                m,
                of_month("report-kind-caption"),
                "console-kind",
                &f.by_kind,
                &p.by_kind,
            ),
            note: None,
        },
        Section {
            heading: m.t("report-purpose-heading"),
            chart: bar(of_month("report-purpose-chart"), &f.by_purpose),
            chart_caption: chart_caption("report-purpose-chart-caption"),
            table: counted(
                m,
                of_month("report-purpose-caption"),
                "console-purpose",
                &f.by_purpose,
                &p.by_purpose,
            ),
            note: Some(m.t("report-purpose-note")),
        },
        Section {
            heading: m.t("report-level-heading"),
            chart: bar(of_month("report-level-chart"), &f.by_level),
            chart_caption: chart_caption("report-level-chart-caption"),
            table: counted(
                m,
                of_month("report-level-caption"),
                "report-level",
                &f.by_level,
                &p.by_level,
            ),
            note: Some(m.t("report-level-note")),
        },
        Section {
            heading: m.t("report-category-heading"),
            chart: bar(of_month("report-category-chart"), &f.handoffs_by_category),
            chart_caption: chart_caption("report-category-chart-caption"),
            table: counted(
                m,
                of_month("report-category-caption"),
                "console-category",
                &f.handoffs_by_category,
                &p.handoffs_by_category,
            ),
            note: None,
        },
        Section {
            heading: m.t("report-reason-heading"),
            chart: bar(of_month("report-reason-chart"), &f.handoffs_by_reason),
            chart_caption: chart_caption("report-reason-chart-caption"),
            table: counted(
                m,
                of_month("report-reason-caption"),
                "console-reason",
                &f.handoffs_by_reason,
                &p.handoffs_by_reason,
            ),
            note: None,
        },
        Section {
            heading: m.t("report-outcomes-heading"),
            chart: None,
            chart_caption: String::new(),
            table: Table {
                caption: m.tv(
                    "report-outcomes-caption",
                    &[
                        ("month", Arg::Text(&month)),
                        ("closed", Arg::Number(f.closed as u64)),
                        ("open", Arg::Number(f.open as u64)),
                    ],
                ),
                head: vec![
                    m.t("report-ticket"),
                    m.t("console-category"),
                    m.t("console-reason"),
                    m.t("report-closed-on"),
                    m.t("report-outcome"),
                ],
                rows: f
                    .outcomes
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            m.handoff_category(t.category),
                            m.handoff_reason(t.reason),
                            t.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                            t.outcome.clone(),
                        ]
                    })
                    .collect(),
                empty: m.t("report-no-outcomes"),
                japanese_cols: vec![4],
            },
            note: None,
        },
        Section {
            heading: m.t("report-zero-heading"),
            chart: None,
            chart_caption: String::new(),
            table: texts(
                m,
                m.tn("report-zero-caption", f.zero_results.total),
                &f.zero_results,
            ),
            note: None,
        },
        Section {
            heading: m.t("report-low-heading"),
            chart: None,
            chart_caption: String::new(),
            table: texts(
                m,
                m.tv(
                    "report-low-caption",
                    &[
                        ("threshold", Arg::Text(&r.threshold.to_string())),
                        ("count", Arg::Number(f.low_confidence.total as u64)),
                    ],
                ),
                &f.low_confidence,
            ),
            note: None,
        },
    ];
    let (helpful, not_helpful) = (m.t("report-helpful"), m.t("report-not-helpful"));
    let feedback: Counts = vec![
        (helpful.clone(), f.helpful),
        (not_helpful.clone(), f.not_helpful),
    ];
    let feedback_before: Counts = vec![(helpful, p.helpful), (not_helpful, p.not_helpful)];
    out.push(Section {
        heading: m.t("report-feedback-heading"),
        chart: bar(of_month("report-feedback-chart"), &feedback),
        chart_caption: chart_caption("report-feedback-chart-caption"),
        table: counted(
            m,
            of_month("report-feedback-caption"),
            "report-rating",
            &feedback,
            &feedback_before,
        ),
        note: None,
    });
    let top: Vec<Bar> = r
        .top_schemes
        .iter()
        .map(|t| (t.title.clone(), t.count, Some("ja")))
        .collect();
    out.push(Section {
        heading: m.t("report-top-heading"),
        chart: (!top.is_empty()).then(|| bar_chart(&of_month("report-top-chart"), &top)),
        chart_caption: m.ta(
            "report-chart-caption",
            "caption",
            &m.tn("report-top-chart-caption", SHOWN_RANKS),
        ),
        table: Table {
            caption: m.tv(
                "report-top-caption",
                &[
                    ("month", Arg::Text(&month)),
                    ("count", Arg::Number(r.top_schemes.len() as u64)),
                ],
            ),
            head: vec![
                m.t("console-scheme"),
                m.t("console-count"),
                m.t("report-previous"),
                m.t("report-change"),
            ],
            rows: r
                .top_schemes
                .iter()
                .map(|t| {
                    vec![
                        t.title.clone(),
                        t.count.to_string(),
                        t.previous.to_string(),
                        if t.previous == 0 {
                            m.t("report-new")
                        } else {
                            signed(t.change())
                        },
                    ]
                })
                .collect(),
            empty: m.t("console-none"),
            japanese_cols: vec![0],
        },
        note: None,
    });
    out.extend(corpus_sections(m, r));
    out
}

/// What staff changed in the published corpus: counts per kind of change, then each change.
fn corpus_sections(m: &Messages, r: &MonthlyReport) -> [Section; 2] {
    let month = month_name(m, r.month);
    let before = r.previous.corpus_changes_by_action();
    let counts = r
        .figures
        .corpus_changes_by_action()
        .into_iter()
        .zip(before)
        .map(|((action, n), (_, prev))| vec![m.label(action), n.to_string(), prev.to_string()])
        .collect();
    let changes = &r.figures.corpus_changes;
    [
        Section {
            heading: m.t("report-corpus-heading"),
            chart: None,
            chart_caption: String::new(),
            table: Table {
                caption: m.ta("report-corpus-caption", "month", &month),
                head: vec![
                    m.t("report-corpus-action"),
                    m.t("console-count"),
                    m.t("report-previous"),
                ],
                rows: counts,
                empty: m.t("console-none"),
                japanese_cols: Vec::new(),
            },
            note: Some(m.t("report-corpus-note")),
        },
        Section {
            heading: m.t("report-corpus-list-heading"),
            chart: None,
            chart_caption: String::new(),
            table: Table {
                caption: m.tv(
                    "report-corpus-list-caption",
                    &[
                        ("month", Arg::Text(&month)),
                        ("count", Arg::Number(changes.len() as u64)),
                    ],
                ),
                head: vec![
                    m.t("report-day"),
                    m.t("report-corpus-action"),
                    m.t("report-corpus-entry"),
                    m.t("report-corpus-by"),
                ],
                rows: changes
                    .iter()
                    .map(|c| {
                        vec![
                            c.day.to_string(),
                            m.label(c.action),
                            c.entry
                                .clone()
                                .unwrap_or_else(|| m.t("report-corpus-whole")),
                            c.by.clone().unwrap_or_else(|| m.t("report-corpus-cli")),
                        ]
                    })
                    .collect(),
                empty: m.t("console-none"),
                japanese_cols: Vec::new(),
            },
            note: None,
        },
    ]
}

fn view(m: &Messages, r: &MonthlyReport) -> ReportView {
    ReportView {
        intro: m.targs(
            "report-intro",
            &[
                ("from", &r.month.first_day().to_string()),
                ("to", &r.month.last_day().to_string()),
                ("generated", &jst_text(chrono::Utc::now())),
            ],
        ),
        empty: r.is_empty(),
        partial: r.month == ReportMonth::containing(tokyo_today()),
        summary: summary(m, r),
        sections: if r.is_empty() {
            Vec::new()
        } else {
            sections(m, r)
        },
        csv_href: format!("/admin/report.csv?month={}", r.month),
    }
}

#[utoipa::path(get, path = "/admin/report", tag = "admin", security(("staff_session" = [])), params(("month" = Option<String>, Query, description = "YYYY-MM、2000〜2099年で今月まで（省略時は前月、日本時間）", pattern = r"^20[0-9]{2}-(0[1-9]|1[0-2])$", example = "2026-10")), responses((status = 200, description = "実施報告（月次、印刷用）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 400, description = "月の指定の誤り（画面に理由を表示）", content_type = "text/html", body = String)))]
pub async fn report(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::ReadReports>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let asked = first(&pairs, "month");
    let m = Messages::new(page.lang);
    let chrome = Chrome::console(&state.app, &page);
    let (status, month, error, report) = match state
        .app
        .staff_report(&staff.0, asked.as_deref(), false)
        .await
    {
        Ok(r) => (
            StatusCode::OK,
            r.month.to_string(),
            None,
            Some((view(&m, &r), r.month)),
        ),
        Err(e @ AppError::Invalid { .. }) => (
            StatusCode::BAD_REQUEST,
            asked.unwrap_or_default(),
            Some(e.text_in(page.lang)),
            None,
        ),
        Err(e) => return ApiError::from(e).into_response(),
    };
    let title = match &report {
        Some((_, shown)) => m.ta("report-title-month", "month", &month_name(&m, *shown)),
        None => m.t("report-title"),
    };
    let page = ReportPage {
        title,
        chrome,
        staff: Some(staff.0),
        month,
        error,
        report: report.map(|(view, _)| view),
    };
    render(status, &page)
}

#[utoipa::path(get, path = "/admin/report.csv", tag = "admin", security(("staff_session" = [])), params(("month" = Option<String>, Query, description = "YYYY-MM、2000〜2099年で今月まで（省略時は前月、日本時間）", pattern = r"^20[0-9]{2}-(0[1-9]|1[0-2])$", example = "2026-10")), responses((status = 200, description = "実施報告のCSV（UTF-8 BOM付き、列：区分・項目・件数・前月の件数・備考）", content_type = "text/csv", body = String), (status = 400, description = "月の指定の誤り", body = ErrorBody), (status = 401, description = "未ログイン", body = ErrorBody)))]
pub async fn report_csv(
    State(state): State<AppState>,
    staff: Allowed<can::ReadReports>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    match state
        .app
        .staff_report(&staff.0, first(&pairs, "month").as_deref(), true)
        .await
    {
        Ok(r) => csv_response(&format!("report-{}.csv", r.month), report_rows(&r)),
        Err(e) => ApiError::from(e).into_response(),
    }
}
