//! `/admin/report`: the monthly report to the ward (実施報告) as a printable page with SVG
//! charts, each beside a table of the same numbers, and `/admin/report.csv`, the same figures
//! as CSV.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::export::csv_response;
use super::{Allowed, can};
use crate::app::console::jst_text;
use crate::app::report::{CORPUS_CHANGES_NOTE, EMPTY_MONTH, report_rows};
use crate::app::staff::StaffMember;
use crate::app::{AppError, tokyo_today};
use crate::chart::{Series, bar_chart, line_chart};
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
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    /// Said in the table when it has no rows.
    pub empty: &'static str,
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
    pub period: String,
    pub generated: String,
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
    corpus_note: &'static str,
    empty_note: &'static str,
}

fn with_previous(now: &Counts, before: &Counts) -> Vec<Vec<String>> {
    now.iter()
        .map(|(label, n)| {
            let prev = before
                .iter()
                .find(|(l, _)| l == label)
                .map_or(0, |(_, c)| *c);
            vec![label.clone(), n.to_string(), prev.to_string()]
        })
        .collect()
}

fn counted(caption: String, head: &'static str, now: &Counts, before: &Counts) -> Table {
    Table {
        caption,
        head: vec![head, "件数", "前月"],
        rows: with_previous(now, before),
        empty: "なし",
    }
}

fn texts(caption: String, t: &TextCounts) -> Table {
    let mut rows: Vec<Vec<String>> = t
        .texts
        .iter()
        .map(|(text, n)| vec![text.clone(), n.to_string()])
        .collect();
    if t.distinct > t.texts.len() {
        rows.push(vec![
            format!("ほか{}種類", t.distinct - t.texts.len()),
            (t.total - t.texts.iter().map(|(_, n)| n).sum::<usize>()).to_string(),
        ]);
    }
    Table {
        caption,
        head: vec!["内容（伏せ字済み）", "件数"],
        rows,
        empty: "なし",
    }
}

fn signed(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

fn summary(r: &MonthlyReport) -> Table {
    let (f, p) = (&r.figures, &r.previous);
    let helpful = |m: &MonthFigures| {
        m.helpful_percent()
            .map_or_else(|| "—".to_string(), |x| format!("{x:.1}%"))
    };
    let rows = [
        ("問い合わせ", f.inquiries, p.inquiries),
        ("引き継ぎ", f.handoffs, p.handoffs),
        ("うち対応済み（出力時点）", f.closed, p.closed),
        ("うち未対応（出力時点）", f.open, p.open),
        (
            "結果0件の問い合わせ",
            f.zero_results.total,
            p.zero_results.total,
        ),
        (
            "確信度の低い問い合わせ",
            f.low_confidence.total,
            p.low_confidence.total,
        ),
        ("評価「役に立った」", f.helpful, p.helpful),
        ("評価「役に立たなかった」", f.not_helpful, p.not_helpful),
    ]
    .into_iter()
    .map(|(label, now, before)| {
        vec![
            label.to_string(),
            now.to_string(),
            before.to_string(),
            signed(now as i64 - before as i64),
        ]
    })
    .chain(std::iter::once(vec![
        "「役に立った」の割合".to_string(),
        helpful(f),
        helpful(p),
        String::new(),
    ]))
    .collect();
    Table {
        caption: format!(
            "{}の概要と前月（{}）",
            r.month.label_ja(),
            r.month.previous().label_ja()
        ),
        head: vec!["項目", "件数", "前月", "増減"],
        rows,
        empty: "なし",
    }
}

fn sections(r: &MonthlyReport) -> Vec<Section> {
    let (f, p) = (&r.figures, &r.previous);
    let month = r.month.label_ja();
    let days: Vec<String> = f
        .by_day
        .iter()
        .map(|d| d.day.format("%d").to_string())
        .collect();
    let series: Vec<Series<'_>> = Channel::ALL
        .iter()
        .enumerate()
        .map(|(k, c)| Series {
            name: c.label_ja(),
            points: f.by_day.iter().map(|d| d.per_channel[k] as f64).collect(),
        })
        .collect();
    let max = f.by_day.iter().map(|d| d.total).max().unwrap_or(0).max(1) as f64;
    let mut day_head = vec!["日付"];
    day_head.extend(Channel::ALL.iter().map(|c| c.label_ja()));
    day_head.push("計");
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
    let bar = |title: String, counts: &Counts| Some(bar_chart(&title, counts));
    let mut out = vec![
        Section {
            heading: "問い合わせ（チャネル別）".into(),
            chart: bar(format!("{month}の問い合わせ件数（チャネル別）"), &f.by_channel),
            chart_caption: "チャネル別の件数".into(),
            table: counted(format!("{month}のチャネル別件数"), "チャネル", &f.by_channel, &p.by_channel),
            note: None,
        },
        Section {
            heading: "問い合わせ（日別）".into(),
            chart: Some(line_chart(
                &format!("{month}の日ごとの問い合わせ件数（チャネル別）"),
                &days,
                &series,
                (max * 1.1).ceil(),
            )),
            chart_caption: "日ごとの件数。横軸は日、線はチャネル".into(),
            table: Table {
                caption: format!("{month}の日別件数"),
                head: day_head,
                rows: day_rows,
                empty: "なし",
            },
            note: None,
        },
        Section {
            heading: "問い合わせ（種類別）".into(),
            chart: bar(format!("{month}の問い合わせ件数（種類別）"), &f.by_kind),
            chart_caption: "検索・質問票・チャットの件数".into(),
            table: counted(format!("{month}の種類別件数"), "種類", &f.by_kind, &p.by_kind),
            note: None,
        },
        Section {
            heading: "問い合わせ（目的別）".into(),
            chart: bar(format!("{month}の問い合わせ件数（目的別）"), &f.by_purpose),
            chart_caption: "選ばれた目的ごとの件数".into(),
            table: counted(format!("{month}の目的別件数"), "目的", &f.by_purpose, &p.by_purpose),
            note: Some("一つの問い合わせで複数の目的を選べるため、合計は問い合わせ件数と一致しません。".into()),
        },
        Section {
            heading: "問い合わせ（制度の区分別）".into(),
            chart: bar(format!("{month}の問い合わせ件数（制度の区分別）"), &f.by_level),
            chart_caption: "1位に表示した制度の区分（港区・東京都・国）ごとの件数".into(),
            table: counted(format!("{month}の制度の区分別件数"), "区分", &f.by_level, &p.by_level),
            note: Some("利用者が絞り込んだ区分は記録していないため、1位に表示した制度の区分で数えています。".into()),
        },
        Section {
            heading: "引き継ぎ（分野別）".into(),
            chart: bar(format!("{month}の引き継ぎ件数（分野別）"), &f.handoffs_by_category),
            chart_caption: "担当者へ引き継いだ件数（分野別）".into(),
            table: counted(format!("{month}の分野別引き継ぎ件数"), "分野", &f.handoffs_by_category, &p.handoffs_by_category),
            note: None,
        },
        Section {
            heading: "引き継ぎ（理由別）".into(),
            chart: bar(format!("{month}の引き継ぎ件数（理由別）"), &f.handoffs_by_reason),
            chart_caption: "担当者へ引き継いだ件数（理由別）".into(),
            table: counted(format!("{month}の理由別引き継ぎ件数"), "理由", &f.handoffs_by_reason, &p.handoffs_by_reason),
            note: None,
        },
        Section {
            heading: "引き継ぎの対応結果".into(),
            chart: None,
            chart_caption: String::new(),
            table: Table {
                caption: format!("{month}に受け付け、出力時点で対応済みの引き継ぎ（{}件、未対応{}件）", f.closed, f.open),
                head: vec!["受付番号", "分野", "理由", "完了日", "対応結果（伏せ字済み）"],
                rows: f
                    .outcomes
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            t.category.label_ja().to_string(),
                            t.reason.label_ja().to_string(),
                            t.closed_on.map(|d| d.to_string()).unwrap_or_default(),
                            t.outcome.clone(),
                        ]
                    })
                    .collect(),
                empty: "対応済みの引き継ぎはありません",
            },
            note: None,
        },
        Section {
            heading: "結果が0件だった問い合わせ".into(),
            chart: None,
            chart_caption: String::new(),
            table: texts(format!("結果0件の問い合わせ（検索・チャット、{}件、多い順）", f.zero_results.total), &f.zero_results),
            note: None,
        },
        Section {
            heading: "確信度が低かった問い合わせ".into(),
            chart: None,
            chart_caption: String::new(),
            table: texts(
                format!(
                    "確信度が{}未満の問い合わせ（結果あり、{}件、多い順）",
                    r.threshold, f.low_confidence.total
                ),
                &f.low_confidence,
            ),
            note: None,
        },
    ];
    let feedback: Counts = vec![
        ("役に立った".to_string(), f.helpful),
        ("役に立たなかった".to_string(), f.not_helpful),
    ];
    let feedback_before: Counts = vec![
        ("役に立った".to_string(), p.helpful),
        ("役に立たなかった".to_string(), p.not_helpful),
    ];
    out.push(Section {
        heading: "利用者の評価".into(),
        chart: bar(format!("{month}の回答への評価"), &feedback),
        chart_caption: "「役に立った」「役に立たなかった」の件数".into(),
        table: counted(
            format!("{month}の評価の件数"),
            "評価",
            &feedback,
            &feedback_before,
        ),
        note: None,
    });
    let top: Counts = r
        .top_schemes
        .iter()
        .map(|t| (t.title.clone(), t.count))
        .collect();
    out.push(Section {
        heading: "よく表示された制度（前月比）".into(),
        chart: (!top.is_empty()).then(|| bar_chart(&format!("{month}によく表示された制度"), &top)),
        chart_caption: format!("上位{SHOWN_RANKS}件に表示した問い合わせの数"),
        table: Table {
            caption: format!(
                "{month}によく表示された制度（上位{}件）と前月",
                r.top_schemes.len()
            ),
            head: vec!["制度", "件数", "前月", "増減"],
            rows: r
                .top_schemes
                .iter()
                .map(|t| {
                    vec![
                        t.title.clone(),
                        t.count.to_string(),
                        t.previous.to_string(),
                        if t.previous == 0 {
                            "新規".to_string()
                        } else {
                            signed(t.change())
                        },
                    ]
                })
                .collect(),
            empty: "なし",
        },
        note: None,
    });
    out
}

fn view(r: &MonthlyReport) -> ReportView {
    ReportView {
        period: format!(
            "{} 〜 {}（日本時間）",
            r.month.first_day(),
            r.month.last_day()
        ),
        generated: jst_text(chrono::Utc::now()),
        empty: r.is_empty(),
        partial: r.month == ReportMonth::containing(tokyo_today()),
        summary: summary(r),
        sections: if r.is_empty() {
            Vec::new()
        } else {
            sections(r)
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
    let chrome = Chrome::new(&state.app, "admin", &page).japanese_content();
    let (status, month, error, report) = match state
        .app
        .staff_report(&staff.0, asked.as_deref(), false)
        .await
    {
        Ok(r) => (StatusCode::OK, r.month.to_string(), None, Some(view(&r))),
        Err(AppError::Invalid { message, .. }) => (
            StatusCode::BAD_REQUEST,
            asked.unwrap_or_default(),
            Some(message.trim_start_matches("month: ").to_string()),
            None,
        ),
        Err(e) => return ApiError::from(e).into_response(),
    };
    let title = match &report {
        Some(_) => format!("実施報告（{}）", month_label(&month)),
        None => "実施報告".to_string(),
    };
    let page = ReportPage {
        title,
        chrome,
        staff: Some(staff.0),
        month,
        error,
        report,
        corpus_note: CORPUS_CHANGES_NOTE,
        empty_note: EMPTY_MONTH,
    };
    render(status, &page)
}

/// "2026-10" → "2026年10月" (the month was validated).
fn month_label(month: &str) -> String {
    ReportMonth::parse(month).map_or_else(|_| month.to_string(), |m| m.label_ja())
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
