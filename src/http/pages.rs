//! Server-rendered pages (Japanese, no JavaScript required).

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::html::{Page, esc, source_link};
use crate::domain::scheme::{PURPOSES, yen_ja};
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::domain::{Level, QueryError, Scheme, WindowStatus};
use crate::service::{App, SearchOutcome, tokyo_today};

/// Repeated keys (`level=ward&level=tokyo`) as a list of pairs.
pub fn form_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

fn values(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .collect()
}

#[utoipa::path(get, path = "/", tag = "pages", responses((status = 200, description = "トップページ", content_type = "text/html", body = String)))]
pub async fn home() -> Html<String> {
    let body = r#"<h1>港区で事業をする皆さまの支援制度案内</h1>
<p>港区・東京都・国の補助金、助成金、融資あっせん、無料の相談窓口を、ひとつの画面で探せます。</p>
<ul class="results">
<li><h2><a href="/search">ことばで制度をさがす</a></h2><p>「起業したい」「ホームページを作りたい」など、ふだんの言葉で検索できます。</p></li>
<li><h2><a href="/recommend">いくつかの質問に答えて探す</a></h2><p>所在地・業種・従業員数・やりたいことから、使える可能性の高い制度を理由つきでご案内します。</p></li>
<li><h2><a href="/chat">チャットで相談する</a></h2><p>よくある質問にお答えします。込み入ったご相談は専門の相談員におつなぎします。</p></li>
</ul>"#;
    Html(
        Page {
            title: "ホーム",
            nav: "",
            body: body.into(),
        }
        .render(),
    )
}

#[utoipa::path(get, path = "/search", tag = "pages", params(("q" = Option<String>, Query, description = "検索語（1〜1000文字）", min_length = 1, max_length = 1000, pattern = r"[^\s\x00-\x1f\x7f-\x9f]"), ("level" = Option<Vec<super::openapi::fields::LevelKey>>, Query, description = "制度の実施主体"), ("purpose" = Option<Vec<super::openapi::fields::PurposeChoice>>, Query, description = "目的キー（空は指定なし）"), ("open_only" = Option<String>, Query, description = "1 で受付中のみ")), responses((status = 200, description = "検索画面と結果", content_type = "text/html", body = String), (status = 400, description = "入力エラー", content_type = "text/html", body = String)))]
pub async fn search_page(
    State(state): State<super::state::AppState>,
    RawQuery(raw): RawQuery,
) -> Response {
    let app = &state.app;
    let pairs = form_pairs(raw.as_deref());
    let q = values(&pairs, "q").into_iter().next().unwrap_or_default();
    let levels = values(&pairs, "level");
    let purposes = values(&pairs, "purpose");
    let open_only = values(&pairs, "open_only")
        .iter()
        .any(|v| v == "1" || v == "on");
    let mut body = String::from("<h1>制度をさがす</h1>\n");
    body.push_str(&search_form(&q, &levels, &purposes, open_only));
    let mut status = StatusCode::OK;
    let asked = pairs.iter().any(|(k, _)| k == "q");
    // Filters are checked even without a query, so a bad link says what is wrong.
    let parsed = SearchFilters::parse(&levels, &purposes, open_only)
        .and_then(|filters| Ok((asked.then(|| SearchQuery::parse(&q)).transpose()?, filters)));
    match parsed {
        Ok((Some(query), filters)) => {
            match tokio::task::block_in_place(|| app.search(&query, &filters, 20, tokyo_today())) {
                Ok(outcome) => {
                    body.push_str(&results_html(&outcome));
                    let inquiry = super::api::search_inquiry(
                        app,
                        crate::domain::inquiry::Channel::Operator,
                        &query,
                        &filters,
                        &outcome,
                    );
                    state
                        .record(crate::domain::inquiry::LogEntry::Inquiry(inquiry))
                        .await;
                }
                Err(e) => {
                    tracing::error!(error = %e, "search failed");
                    status = StatusCode::INTERNAL_SERVER_ERROR;
                    body.push_str(r#"<p class="error" role="alert">検索中にエラーが発生しました。時間をおいてお試しください。</p>"#);
                }
            }
        }
        Ok((None, _)) => {}
        Err(e) => {
            status = StatusCode::BAD_REQUEST;
            let message = match e {
                QueryError::Empty => "検索語を入力してください。".to_string(),
                other => other.to_string(),
            };
            let _ = write!(
                body,
                r#"<p class="error" role="alert">{}</p>"#,
                esc(&message)
            );
        }
    }
    (
        status,
        Html(
            Page {
                title: "制度をさがす",
                nav: "search",
                body,
            }
            .render(),
        ),
    )
        .into_response()
}

fn search_form(q: &str, levels: &[String], purposes: &[String], open_only: bool) -> String {
    let mut level_boxes = String::new();
    for level in Level::ALL {
        let checked = if levels.iter().any(|l| l == level.as_str()) {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            level_boxes,
            r#"<label><input type="checkbox" name="level" value="{}"{checked}> {}</label>"#,
            level.as_str(),
            level.label_ja()
        );
    }
    let mut purpose_options = String::from(r#"<option value="">（指定しない）</option>"#);
    for p in PURPOSES {
        let selected = if purposes.iter().any(|x| x == p) {
            " selected"
        } else {
            ""
        };
        let _ = write!(
            purpose_options,
            r#"<option value="{p}"{selected}>{p}</option>"#
        );
    }
    let open_checked = if open_only { " checked" } else { "" };
    format!(
        r#"<form class="search" method="get" action="/search" role="search">
<div><label for="q">相談内容・キーワード</label>
<input type="search" id="q" name="q" value="{q}" maxlength="1000" autofocus autocomplete="off" placeholder="例：起業したい 資金を借りたい" aria-describedby="q-help">
<p id="q-help" class="muted">ふだんの言葉で入力できます（半角カナ・全角英数字も可）。</p></div>
<fieldset><legend>実施主体</legend>{level_boxes}</fieldset>
<div><label for="purpose">目的</label><select id="purpose" name="purpose">{purpose_options}</select></div>
<div><label class="inline"><input type="checkbox" name="open_only" value="1"{open_checked}> 現在受付中・通年受付のものだけ</label></div>
<div><button type="submit">検索する</button></div>
</form>"#,
        q = esc(q)
    )
}

fn results_html(outcome: &SearchOutcome) -> String {
    let mut out = String::new();
    if !outcome.expanded_with.is_empty() {
        let _ = write!(
            out,
            r#"<p class="muted">「{}」も含めて検索しました。</p>"#,
            esc(&outcome.expanded_with.join("」「"))
        );
    }
    let _ = write!(
        out,
        r#"<h2 id="results-heading">制度（{}件）</h2>"#,
        outcome.results.len()
    );
    if outcome.results.is_empty() {
        out.push_str(r#"<p role="status">該当する制度が見つかりませんでした。言葉を変えるか、<a href="/chat">チャット</a>または産業振興センターの窓口にご相談ください。</p>"#);
    } else {
        out.push_str(r#"<ol class="results" aria-labelledby="results-heading">"#);
        for hit in &outcome.results {
            let closed = if hit.status == WindowStatus::Closed {
                " status-closed"
            } else {
                ""
            };
            let _ = write!(
                out,
                r#"<li><h3><a href="/schemes/{id}">{title}</a></h3>
<ul class="tags"><li>{level}</li><li>{kind}</li><li class="status{closed}">{status}</li></ul>
<p>{snippet}</p>
<p class="muted">{source}</p></li>"#,
                id = esc(&hit.id),
                title = esc(&hit.title),
                level = hit.level.label_ja(),
                kind = hit.kind.label_ja(),
                status = hit.status.label_ja(),
                snippet = esc(&hit.snippet),
                source = source_link(&hit.url, hit.official_source),
            );
        }
        out.push_str("</ol>");
    }
    if !outcome.faqs.is_empty() {
        out.push_str(r#"<h2 id="faq-heading">よくある質問</h2><ul class="results" aria-labelledby="faq-heading">"#);
        for f in &outcome.faqs {
            let _ = write!(
                out,
                r#"<li><h3>{}</h3><p>{}</p></li>"#,
                esc(&f.question),
                esc(&f.answer)
            );
        }
        out.push_str("</ul>");
    }
    out
}

#[utoipa::path(get, path = "/schemes/{id}", tag = "pages", params(("id" = String, Path, description = "制度ID", example = "minato-sogyo-hojo")), responses((status = 200, description = "制度の詳細", content_type = "text/html", body = String), (status = 404, description = "該当なし", content_type = "text/html", body = String)))]
pub async fn scheme_page(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let Some(scheme) = app.scheme(&id) else {
        let body = format!(
            r#"<h1>制度が見つかりません</h1><p>「{}」という制度は登録されていません。<a href="/search">検索ページ</a>からお探しください。</p>"#,
            esc(&id)
        );
        return (
            StatusCode::NOT_FOUND,
            Html(
                Page {
                    title: "見つかりません",
                    nav: "search",
                    body,
                }
                .render(),
            ),
        )
            .into_response();
    };
    Html(
        Page {
            title: &scheme.title,
            nav: "search",
            body: scheme_html(&app, scheme),
        }
        .render(),
    )
    .into_response()
}

fn scheme_html(app: &App, s: &Scheme) -> String {
    let today = tokyo_today();
    let status = s.window.status_on(today);
    let mut facts = String::new();
    let mut fact = |k: &str, v: String| {
        let _ = write!(facts, "<dt>{k}</dt><dd>{v}</dd>");
    };
    fact(
        "実施主体",
        format!("{}（{}）", s.level.label_ja(), esc(&s.provider)),
    );
    fact("種類", s.kind.label_ja().to_string());
    fact("目的", esc(&s.purposes.join("、")));
    if let Some(a) = s.amount_text() {
        fact("金額・条件", esc(&a));
    }
    if let Some(min) = s.amount.as_ref().and_then(|a| a.min_yen) {
        fact("下限", yen_ja(min));
    }
    let mut window = status.label_ja().to_string();
    for r in &s.window.rounds {
        let _ = write!(window, "<br>{}：{}〜{}", esc(&r.label), r.opens, r.closes);
    }
    fact("受付", window);
    fact("申請方法", esc(&s.how_to_apply));
    fact("問い合わせ", esc(&s.contact));
    fact("情報の確認日", s.as_of.to_string());
    let mut conditions = String::new();
    for c in &s.eligibility.conditions {
        let _ = write!(conditions, "<li>{}</li>", esc(c));
    }
    let mut faqs = String::new();
    for f in app.corpus.faqs_for(&s.id) {
        let _ = write!(
            faqs,
            "<li><h3>{}</h3><p>{}</p></li>",
            esc(&f.question),
            esc(&f.answer)
        );
    }
    let mut related = String::new();
    for r in s.related.iter().filter_map(|id| app.scheme(id)) {
        let _ = write!(
            related,
            r#"<li><a href="/schemes/{}">{}</a></li>"#,
            esc(&r.id),
            esc(&r.title)
        );
    }
    let official = app.corpus.is_official_source(&s.source_url);
    // The notes are the officers' record of what each source confirms: useful to a careful
    // reader, too long for the top of the page.
    let notes = s
        .notes
        .as_deref()
        .map(|n| format!(r#"<details class="source-notes"><summary>出典と確認状況のメモ</summary><p>{}</p></details>"#, esc(n)))
        .unwrap_or_default();
    let source = format!(
        r#"<p><a class="button" href="{}" rel="noopener noreferrer">{}</a></p>"#,
        esc(&s.source_url),
        if official {
            "公式ページで確認する"
        } else {
            "出典ページを見る（公式ではありません）"
        }
    );
    format!(
        r#"<h1>{title}</h1>
<p>{summary}</p>
{caution}
<dl class="facts">{facts}</dl>
<h2>詳しい内容</h2>
<p>{details}</p>
{conditions_block}
{source}
{notes}
{faq_block}
{related_block}"#,
        title = esc(&s.title),
        summary = esc(&s.summary),
        details = esc(s.details.trim()).replace('\n', "<br>"),
        caution = if official {
            String::new()
        } else {
            r#"<p class="notice">この制度の情報は、実施機関の公式ページではなく民間の解説ページをもとにしています。申請前に実施機関へ最新の内容をご確認ください。</p>"#.to_string()
        },
        conditions_block = if conditions.is_empty() {
            String::new()
        } else {
            format!("<h2>主な条件</h2><ul>{conditions}</ul>")
        },
        faq_block = if faqs.is_empty() {
            String::new()
        } else {
            format!(r#"<h2>よくある質問</h2><ul class="results">{faqs}</ul>"#)
        },
        related_block = if related.is_empty() {
            String::new()
        } else {
            format!("<h2>関連する制度</h2><ul>{related}</ul>")
        },
    )
}

#[utoipa::path(get, path = "/static/app.css", tag = "pages", responses((status = 200, description = "スタイルシート", content_type = "text/css", body = String)))]
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            ("content-type", "text/css; charset=utf-8"),
            ("cache-control", "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

#[utoipa::path(get, path = "/static/chat.js", tag = "pages", responses((status = 200, description = "チャット画面のスクリプト", content_type = "text/javascript", body = String)))]
pub async fn chat_script() -> impl IntoResponse {
    (
        [
            ("content-type", "text/javascript; charset=utf-8"),
            ("cache-control", "public, max-age=3600"),
        ],
        include_str!("../../static/chat.js"),
    )
}

pub async fn not_found() -> Response {
    let body = r#"<h1>ページが見つかりません</h1><p><a href="/">ホームへ戻る</a></p>"#;
    (
        StatusCode::NOT_FOUND,
        Html(
            Page {
                title: "見つかりません",
                nav: "",
                body: body.into(),
            }
            .render(),
        ),
    )
        .into_response()
}
