//! The staff review console under `/admin`: login (argon2, lock-out), CSRF-protected forms,
//! dashboard with SVG charts, inquiry list and detail, the hand-off ticket queue, CSV export.
//! Every logged text shown here is escaped.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use axum::Form;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;

use super::error::{ApiError, ErrorBody};
use super::html::{Page, esc};
use super::pages::form_pairs;
use super::state::AppState;
use crate::domain::handoff::{StableCode, TicketStatus};
use crate::domain::inquiry::{Inquiry, Ticket};
use crate::eval::chart::{Series, line_chart};
use crate::staff::{LOCK_AFTER, lock_for, random_token, same_token, token_hash, verify_password};
use crate::store::InquiryFilter;

const SESSION_COOKIE: &str = "shien_staff";
const LOGIN_CSRF_COOKIE: &str = "shien_login_csrf";

fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("valid offset")
}

fn jst_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst()).format("%Y-%m-%d %H:%M").to_string()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("valid cookie")
}

/// A logged-in staff member; extracting it from a request enforces the login.
pub struct Staff {
    pub username: String,
    pub csrf: String,
    token_hash: String,
}

/// Why a request to the console was refused.
pub enum Refusal {
    /// Pages redirect to the login form.
    Login,
    /// Exports and other machine endpoints answer 401.
    Unauthorized,
    Failed(ApiError),
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Login => Redirect::to("/admin/login").into_response(),
            Refusal::Unauthorized => ApiError::Unauthorized {
                message: "職員としてログインしてください。".into(),
            }
            .into_response(),
            Refusal::Failed(e) => e.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Refusal;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let machine = parts.uri.path().starts_with("/admin/export");
        let refuse = || {
            if machine {
                Refusal::Unauthorized
            } else {
                Refusal::Login
            }
        };
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(refuse());
        };
        let hash = token_hash(&token);
        match state.ops.store.session(&hash).await {
            Ok(Some(s)) => Ok(Staff {
                username: s.username,
                csrf: s.csrf_token,
                token_hash: hash,
            }),
            Ok(None) => Err(refuse()),
            Err(e) => Err(Refusal::Failed(ApiError::Internal(e.to_string()))),
        }
    }
}

impl Staff {
    // The error is the response itself, returned to axum at once rather than propagated.
    #[allow(clippy::result_large_err)]
    fn check_csrf(&self, submitted: &str) -> Result<(), Response> {
        if same_token(&self.csrf, submitted) {
            Ok(())
        } else {
            Err(ApiError::Forbidden { message: "フォームの有効期限が切れたか、不正な送信です。ページを再読み込みしてやり直してください。".into() }.into_response())
        }
    }
}

fn admin_page(title: &str, staff: Option<&Staff>, body: String) -> Html<String> {
    let nav = match staff {
        Some(s) => format!(
            r#"<nav aria-label="職員メニュー" class="noprint"><ul><li><a href="/admin">ダッシュボード</a></li><li><a href="/admin/inquiries">問い合わせ一覧</a></li><li><a href="/admin/tickets">引き継ぎチケット</a></li><li><form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="{}"><button type="submit">ログアウト（{}）</button></form></li></ul></nav>"#,
            esc(&s.csrf),
            esc(&s.username)
        ),
        None => String::new(),
    };
    Html(
        Page {
            title,
            nav: "admin",
            body: format!("{nav}{body}"),
        }
        .render(),
    )
}

#[utoipa::path(get, path = "/admin/login", tag = "admin", responses((status = 200, description = "職員ログイン画面", content_type = "text/html", body = String)))]
pub async fn login_form(State(state): State<AppState>) -> Response {
    let token = random_token();
    let mut response = admin_page("職員ログイン", None, login_body(&token, None)).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, &token, 1800, state.ops.secure_cookies),
    );
    response
}

fn login_body(csrf: &str, error: Option<&str>) -> String {
    let error = error
        .map(|e| format!(r#"<p class="error" role="alert">{}</p>"#, esc(e)))
        .unwrap_or_default();
    format!(
        r#"<h1>職員ログイン</h1>{error}<form class="search" method="post" action="/admin/login"><input type="hidden" name="csrf" value="{csrf}">
<div><label for="username">ユーザー名</label><input type="text" id="username" name="username" autocomplete="username" required></div>
<div><label for="password">パスワード</label><input type="password" id="password" name="password" autocomplete="current-password" required></div>
<div><button type="submit">ログイン</button></div></form>"#,
        csrf = esc(csrf)
    )
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

#[utoipa::path(post, path = "/admin/login", tag = "admin", request_body(content = LoginForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "ログイン成功、/admin へ"), (status = 401, description = "認証失敗", content_type = "text/html", body = String), (status = 403, description = "CSRF トークン不一致（ログイン画面を開き直す）", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !same_token(&expected, &form.csrf) {
        return ApiError::Forbidden {
            message: "ログインフォームを開き直してからログインしてください。".into(),
        }
        .into_response();
    }
    let store = &state.ops.store;
    let fail = |message: &str| {
        let token = random_token();
        let mut r = (
            StatusCode::UNAUTHORIZED,
            admin_page("職員ログイン", None, login_body(&token, Some(message))),
        )
            .into_response();
        r.headers_mut().insert(
            header::SET_COOKIE,
            set_cookie(LOGIN_CSRF_COOKIE, &token, 1800, state.ops.secure_cookies),
        );
        r
    };
    let user = match store.user(&form.username).await {
        Ok(u) => u,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let Some(user) = user else {
        return fail("ユーザー名またはパスワードが違います。");
    };
    if user.locked_until.is_some_and(|t| t > Utc::now()) {
        return fail(
            "ログインに続けて失敗したため、しばらくロックしています。15分ほどたってからお試しください。",
        );
    }
    if !verify_password(&form.password, &user.password_hash) {
        let _ = store
            .record_login_failure(&user.username, LOCK_AFTER, lock_for())
            .await;
        tracing::warn!(username = %user.username, "staff login failed");
        return fail("ユーザー名またはパスワードが違います。");
    }
    let _ = store.record_login_success(&user.username).await;
    let token = random_token();
    let csrf = random_token();
    if let Err(e) = store
        .create_session(
            &token_hash(&token),
            &user.username,
            &csrf,
            Utc::now() + Duration::hours(8),
        )
        .await
    {
        return ApiError::Internal(e.to_string()).into_response();
    }
    tracing::info!(username = %user.username, "staff logged in");
    let mut r = Redirect::to("/admin").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &token, 8 * 3600, state.ops.secure_cookies),
    );
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LOGIN_CSRF_COOKIE, "", 0, state.ops.secure_cookies),
    );
    r
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

#[utoipa::path(post, path = "/admin/logout", tag = "admin", security(("staff_session" = [])), request_body(content = CsrfForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "ログアウトしてログイン画面へ（未ログインでも同じ）"), (status = 403, description = "CSRF トークン不一致", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn logout(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let _ = state.ops.store.delete_session(&staff.token_hash).await;
    let mut r = Redirect::to("/admin/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, "", 0, state.ops.secure_cookies),
    );
    r
}

fn date_param(pairs: &[(String, String)], key: &str) -> Option<NaiveDate> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
}

fn jst_midnight(d: NaiveDate) -> DateTime<Utc> {
    d.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_local_timezone(jst())
        .single()
        .expect("fixed offset")
        .with_timezone(&Utc)
}

#[utoipa::path(get, path = "/admin", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "ダッシュボード", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ")))]
pub async fn dashboard(State(state): State<AppState>, staff: Staff) -> Response {
    let today = crate::service::tokyo_today();
    let from = today - Duration::days(29);
    let filter = InquiryFilter {
        from: Some(jst_midnight(from)),
        limit: 100_000,
        ..Default::default()
    };
    let inquiries = match state.ops.store.inquiries(&filter).await {
        Ok(i) => i,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let tickets = state
        .ops
        .store
        .tickets(None, Some(jst_midnight(from)), None)
        .await
        .unwrap_or_default();
    let (good, bad) = state
        .ops
        .store
        .feedback_counts(jst_midnight(from))
        .await
        .unwrap_or((0, 0));
    let body = dashboard_html(&state, &inquiries, &tickets, from, today, good, bad);
    admin_page("ダッシュボード", Some(&staff), body).into_response()
}

fn count_top<'a>(items: impl Iterator<Item = &'a str>, n: usize) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(k, c)| (k.to_string(), c))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

fn table(caption: &str, head: (&str, &str), rows: &[(String, usize)]) -> String {
    let mut out = format!(
        r#"<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        esc(caption),
        head.0,
        head.1
    );
    if rows.is_empty() {
        out.push_str(r#"<tr><td colspan="2">データがありません</td></tr>"#);
    }
    for (k, v) in rows {
        let _ = write!(out, "<tr><td>{}</td><td>{v}</td></tr>", esc(k));
    }
    out.push_str("</tbody></table>");
    out
}

fn dashboard_html(
    state: &AppState,
    inquiries: &[Inquiry],
    tickets: &[Ticket],
    from: NaiveDate,
    today: NaiveDate,
    good: i64,
    bad: i64,
) -> String {
    let days: Vec<NaiveDate> = (0..=(today - from).num_days())
        .map(|d| from + Duration::days(d))
        .collect();
    let mut per_day: BTreeMap<(&str, NaiveDate), f64> = BTreeMap::new();
    for i in inquiries {
        *per_day
            .entry((
                i.channel.as_str(),
                i.created_at.with_timezone(&jst()).date_naive(),
            ))
            .or_default() += 1.0;
    }
    let series: Vec<Series<'_>> = ["web", "operator", "api"]
        .iter()
        .map(|c| Series {
            name: match *c {
                "web" => "Web",
                "operator" => "オペレーター",
                _ => "API",
            },
            points: days
                .iter()
                .map(|d| per_day.get(&(*c, *d)).copied().unwrap_or(0.0))
                .collect(),
        })
        .collect();
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().copied())
        .fold(1.0, f64::max);
    let labels: Vec<String> = days.iter().map(|d| d.format("%m/%d").to_string()).collect();
    let chart = line_chart(
        "過去30日の問い合わせ件数（チャネル別）",
        &labels,
        &series,
        (max * 1.1).ceil(),
    );
    let threshold = state.app.settings.handoff_confidence;
    let zero: Vec<(String, usize)> = count_top(
        inquiries
            .iter()
            .filter(|i| {
                i.results.is_empty() && i.kind != crate::domain::inquiry::InquiryKind::Recommend
            })
            .map(|i| i.text()),
        15,
    );
    let low: Vec<(String, usize)> = count_top(
        inquiries
            .iter()
            .filter(|i| i.confidence.is_some_and(|c| c < threshold))
            .map(|i| i.text()),
        15,
    );
    let topics = count_top(
        inquiries
            .iter()
            .filter(|i| i.kind != crate::domain::inquiry::InquiryKind::Recommend)
            .map(|i| i.text()),
        15,
    );
    let purposes = count_top(
        inquiries
            .iter()
            .flat_map(|i| i.purposes.iter().map(String::as_str)),
        15,
    );
    let handoffs = count_top(tickets.iter().map(|t| t.category.label_ja()), 10);
    let reasons = count_top(tickets.iter().map(|t| t.reason.label_ja()), 10);
    let shown_ids: Vec<&str> = inquiries
        .iter()
        .flat_map(|i| i.results.iter().take(5).map(|r| r.id.as_str()))
        .collect();
    let shown: Vec<(String, usize)> = count_top(shown_ids.into_iter(), 15)
        .into_iter()
        .map(|(id, n)| {
            (
                state.app.scheme(&id).map(|s| s.title.clone()).unwrap_or(id),
                n,
            )
        })
        .collect();
    let feedback_total = good + bad;
    let feedback_rate = if inquiries.is_empty() {
        0.0
    } else {
        feedback_total as f64 / inquiries.len() as f64 * 100.0
    };
    let helpful_rate = if feedback_total == 0 {
        0.0
    } else {
        good as f64 / feedback_total as f64 * 100.0
    };
    let counts = state.ops.log.counts();
    format!(
        r#"<h1>ダッシュボード</h1>
<p>期間：{from} 〜 {today}（日本時間）／問い合わせ {n} 件／引き継ぎ {t} 件（未対応 {open} 件）／フィードバック {feedback_total} 件（回答率 {feedback_rate:.1}%、役に立った {helpful_rate:.1}%）</p>
<p class="muted">記録の状態：書き込み {written} 件、失敗 {failed} 回、退避中 {pending} 件</p>
<figure>{chart}<figcaption>チャネル別の日ごとの件数（Web・オペレーター・API）</figcaption></figure>
<p><a href="/admin/export/inquiries.csv?from={from}&amp;to={today}">問い合わせをCSVで出力</a>／<a href="/admin/export/tickets.csv?from={from}&amp;to={today}">引き継ぎチケットをCSVで出力</a></p>
<h2>よくある問い合わせ</h2>{topics}
<h2>選ばれた目的</h2>{purposes}
<h2>結果が0件だった問い合わせ</h2>{zero}
<h2>確信度が低かった問い合わせ</h2>{low}
<h2>引き継ぎ（分野別）</h2>{handoffs}
<h2>引き継ぎ（理由別）</h2>{reasons}
<h2>よく表示された制度</h2>{shown}"#,
        n = inquiries.len(),
        t = tickets.len(),
        open = tickets
            .iter()
            .filter(|t| t.status == TicketStatus::Open)
            .count(),
        written = counts.written,
        failed = counts.failed_writes,
        pending = counts.pending_in_spool,
        topics = table("問い合わせ文（上位15件）", ("内容", "件数"), &topics),
        purposes = table("目的（上位）", ("目的", "件数"), &purposes),
        zero = table("0件の問い合わせ", ("内容", "件数"), &zero),
        low = table("確信度の低い問い合わせ", ("内容", "件数"), &low),
        handoffs = table("分野別", ("分野", "件数"), &handoffs),
        reasons = table("理由別", ("理由", "件数"), &reasons),
        shown = table("上位5件に表示された回数", ("制度", "回数"), &shown),
    )
}

fn filter_from(pairs: &[(String, String)]) -> InquiryFilter {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    InquiryFilter {
        from: date_param(pairs, "from").map(jst_midnight),
        to: date_param(pairs, "to").map(|d| jst_midnight(d + Duration::days(1))),
        channel: get("channel").filter(|c| ["web", "operator", "api"].contains(&c.as_str())),
        kind: get("kind").filter(|c| ["search", "recommend", "chat"].contains(&c.as_str())),
        text: get("q"),
        zero_results: get("zero").is_some(),
        handoff_only: get("handoff").is_some(),
        limit: 500,
    }
}

#[utoipa::path(get, path = "/admin/inquiries", tag = "admin", security(("staff_session" = [])), params(("from" = Option<String>, Query, description = "YYYY-MM-DD"), ("to" = Option<String>, Query, description = "YYYY-MM-DD"), ("channel" = Option<String>, Query), ("kind" = Option<String>, Query), ("q" = Option<String>, Query, description = "本文の部分一致"), ("zero" = Option<String>, Query, description = "1 で結果0件のみ"), ("handoff" = Option<String>, Query, description = "1 で引き継ぎのみ")), responses((status = 200, description = "問い合わせ一覧（個人情報はマスク済み）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 400, description = "条件の誤り", content_type = "text/html", body = String)))]
pub async fn inquiries(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = form_pairs(raw.as_deref());
    let filter = filter_from(&pairs);
    let list = match state.ops.store.inquiries(&filter).await {
        Ok(l) => l,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut body = format!(
        r#"<h1>問い合わせ一覧</h1><form class="search" method="get" action="/admin/inquiries">
<div><label for="q">内容で絞り込み</label><input type="search" id="q" name="q" value="{q}"></div>
<div><label for="from">開始日</label><input type="text" id="from" name="from" value="{from}" placeholder="YYYY-MM-DD"> <label for="to">終了日</label><input type="text" id="to" name="to" value="{to}" placeholder="YYYY-MM-DD"></div>
<div><label for="channel">チャネル</label><select id="channel" name="channel"><option value="">すべて</option><option value="web">Web</option><option value="operator">オペレーター</option><option value="api">API</option></select>
<label for="kind">種類</label><select id="kind" name="kind"><option value="">すべて</option><option value="search">検索</option><option value="recommend">質問票</option><option value="chat">チャット</option></select></div>
<div><label><input type="checkbox" name="zero" value="1"> 結果0件のみ</label> <label><input type="checkbox" name="handoff" value="1"> 引き継ぎのみ</label></div>
<div><button type="submit">絞り込む</button></div></form>
<p>{n}件（最大500件）</p><table><thead><tr><th scope="col">日時</th><th scope="col">チャネル</th><th scope="col">種類</th><th scope="col">内容（伏せ字済み）</th><th scope="col">結果</th><th scope="col">確信度</th><th scope="col">引き継ぎ</th></tr></thead><tbody>"#,
        q = esc(&get("q")),
        from = esc(&get("from")),
        to = esc(&get("to")),
        n = list.len()
    );
    for i in &list {
        let _ = write!(
            body,
            r#"<tr><td><a href="/admin/inquiries/{id}">{at}</a></td><td>{ch}</td><td>{kind}</td><td>{text}</td><td>{n}</td><td>{conf}</td><td>{handoff}</td></tr>"#,
            id = esc(&i.id),
            at = jst_text(i.created_at),
            ch = i.channel.as_str(),
            kind = i.kind.as_str(),
            text = esc(&crate::service::shorten(i.text(), 80)),
            n = i.results.len(),
            conf = i.confidence.map(|c| format!("{c:.2}")).unwrap_or_default(),
            handoff = i.handoff_category.map_or("", |c| c.label_ja()),
        );
    }
    body.push_str("</tbody></table>");
    admin_page("問い合わせ一覧", Some(&staff), body).into_response()
}

#[utoipa::path(get, path = "/admin/inquiries/{id}", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), responses((status = 200, description = "問い合わせの詳細", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 404, description = "該当なし", content_type = "text/html", body = String)))]
pub async fn inquiry_detail(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let Ok(Some(i)) = state.ops.store.inquiry(&id).await else {
        return (
            StatusCode::NOT_FOUND,
            admin_page(
                "見つかりません",
                Some(&staff),
                "<h1>問い合わせが見つかりません</h1>".into(),
            ),
        )
            .into_response();
    };
    let feedback = state.ops.store.feedback_for(&id).await.unwrap_or_default();
    let mut body = format!(
        r#"<h1>問い合わせの詳細</h1><dl class="facts"><dt>日時</dt><dd>{}</dd><dt>チャネル</dt><dd>{}</dd><dt>種類</dt><dd>{}</dd><dt>内容（伏せ字済み）</dt><dd>{}</dd><dt>目的</dt><dd>{}</dd><dt>確信度</dt><dd>{}</dd><dt>引き継ぎ</dt><dd>{} {}</dd><dt>応答時間</dt><dd>{:.1} ms</dd></dl><h2>表示した結果と理由</h2><table><thead><tr><th scope="col">順位</th><th scope="col">制度</th><th scope="col">スコア</th><th scope="col">内訳</th></tr></thead><tbody>"#,
        jst_text(i.created_at),
        i.channel.as_str(),
        i.kind.as_str(),
        esc(i.text()),
        esc(&i.purposes.join("、")),
        i.confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
        i.handoff_category.map_or("なし", |c| c.label_ja()),
        i.handoff_reason.map_or("", |r| r.label_ja()),
        i.latency_ms
    );
    for (rank, r) in i.results.iter().enumerate() {
        let title = state
            .app
            .scheme(&r.id)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| r.id.clone());
        let why = r
            .explanation
            .as_ref()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{:.3}</td><td><code>{}</code></td></tr>",
            rank + 1,
            esc(&title),
            r.score,
            esc(&why)
        );
    }
    body.push_str("</tbody></table><h2>フィードバック</h2><ul>");
    for f in &feedback {
        let _ = write!(
            body,
            "<li>{}：{} {}</li>",
            jst_text(f.created_at),
            if f.helpful {
                "役に立った"
            } else {
                "役に立たなかった"
            },
            esc(f.comment().unwrap_or(""))
        );
    }
    if feedback.is_empty() {
        body.push_str("<li>なし</li>");
    }
    body.push_str("</ul>");
    admin_page("問い合わせの詳細", Some(&staff), body).into_response()
}

#[utoipa::path(get, path = "/admin/tickets", tag = "admin", security(("staff_session" = [])), params(("status" = Option<String>, Query, description = "open / done")), responses((status = 200, description = "引き継ぎチケット一覧", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ")))]
pub async fn tickets(
    State(state): State<AppState>,
    staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = form_pairs(raw.as_deref());
    // `status=all` lists every ticket; an unknown or missing status lists the open ones.
    let status = match pairs
        .iter()
        .find(|(k, _)| k == "status")
        .map(|(_, v)| v.as_str())
    {
        Some("all") => None,
        Some(code) => Some(TicketStatus::from_code(code).unwrap_or(TicketStatus::Open)),
        None => Some(TicketStatus::Open),
    };
    let list = match state.ops.store.tickets(status, None, None).await {
        Ok(l) => l,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let mut body = format!(
        r#"<h1>引き継ぎチケット</h1><p><a href="/admin/tickets?status={open}">{open_label}</a>／<a href="/admin/tickets?status={done}">{done_label}</a>／<a href="/admin/tickets?status=all">すべて</a>（表示中：{shown}、{n}件）</p><ul class="results">"#,
        open = TicketStatus::Open.code(),
        open_label = TicketStatus::Open.label_ja(),
        done = TicketStatus::Done.code(),
        done_label = TicketStatus::Done.label_ja(),
        shown = status.map_or("すべて", |s| s.label_ja()),
        n = list.len()
    );
    for t in &list {
        let desk = state
            .app
            .corpus
            .desk(&t.desk_id)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| t.desk_id.clone());
        let _ = write!(
            body,
            r#"<li><h2>受付番号 {id}</h2><p>{at}／分野：{cat}／窓口：{desk}／次の受付：{slot}／状態：{status}</p><p>{summary}</p>"#,
            id = esc(&t.id),
            at = jst_text(t.created_at),
            cat = t.category.label_ja(),
            desk = esc(&desk),
            slot = esc(t.next_slot.as_deref().unwrap_or("未定")),
            status = t.status.label_ja(),
            summary = esc(&t.summary).replace('\n', "<br>"),
        );
        if t.status == TicketStatus::Open {
            let _ = write!(
                body,
                r#"<form method="post" action="/admin/tickets/{id}/done"><input type="hidden" name="csrf" value="{csrf}"><label for="outcome-{id}">対応結果</label><input type="text" id="outcome-{id}" name="outcome" required maxlength="500"><button type="submit">対応済みにする</button></form>"#,
                id = esc(&t.id),
                csrf = esc(&staff.csrf)
            );
        } else {
            let _ = write!(
                body,
                "<p>対応結果：{}（{}）</p>",
                esc(t.outcome.as_deref().unwrap_or("")),
                esc(t.closed_by.as_deref().unwrap_or(""))
            );
        }
        let _ = write!(
            body,
            r#"<p><a href="/admin/inquiries/{}">元の問い合わせ</a></p></li>"#,
            esc(&t.inquiry_id)
        );
    }
    body.push_str("</ul>");
    admin_page("引き継ぎチケット", Some(&staff), body).into_response()
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DoneForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    outcome: String,
}

#[utoipa::path(post, path = "/admin/tickets/{id}/done", tag = "admin", security(("staff_session" = [])), params(("id" = String, Path)), request_body(content = DoneForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "対応済みにして一覧へ／未ログインはログイン画面へ"), (status = 403, description = "CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn ticket_done(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    Form(form): Form<DoneForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    if form.outcome.trim().is_empty() || form.outcome.chars().count() > 500 {
        return ApiError::bad_request(
            "invalid_field",
            "outcome: 対応結果を500文字以内で入力してください。",
        )
        .into_response();
    }
    match state
        .ops
        .store
        .close_ticket(&id, &state.app.mask(form.outcome.trim()), &staff.username)
        .await
    {
        Ok(true) => Redirect::to("/admin/tickets").into_response(),
        Ok(false) => {
            ApiError::not_found(format!("未対応のチケット {id} はありません。")).into_response()
        }
        Err(e) => ApiError::Internal(e.to_string()).into_response(),
    }
}

/// Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_response(name: &str, rows: Vec<Vec<String>>) -> Response {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| csv_cell(c)));
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(w.into_inner().unwrap_or_default());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[utoipa::path(get, path = "/admin/export/inquiries.csv", tag = "admin", security(("staff_session" = [])), params(("from" = Option<String>, Query), ("to" = Option<String>, Query), ("channel" = Option<String>, Query), ("kind" = Option<String>, Query), ("q" = Option<String>, Query), ("zero" = Option<String>, Query), ("handoff" = Option<String>, Query)), responses((status = 200, description = "問い合わせのCSV（UTF-8 BOM付き、マスク済み）", content_type = "text/csv", body = String), (status = 400, description = "条件の誤り", body = ErrorBody), (status = 401, description = "未ログイン", body = ErrorBody)))]
pub async fn export_inquiries(
    State(state): State<AppState>,
    _staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = form_pairs(raw.as_deref());
    let mut filter = filter_from(&pairs);
    filter.limit = 100_000;
    let list = match state.ops.store.inquiries(&filter).await {
        Ok(l) => l,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let mut rows = vec![
        [
            "ID",
            "日時(JST)",
            "チャネル",
            "種類",
            "内容(伏せ字済み)",
            "目的",
            "表示した制度",
            "件数",
            "確信度",
            "引き継ぎ分野",
            "引き継ぎ理由",
            "応答時間ms",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for i in list {
        rows.push(vec![
            i.id.clone(),
            jst_text(i.created_at),
            i.channel.as_str().into(),
            i.kind.as_str().into(),
            i.text().to_string(),
            i.purposes.join(" "),
            i.results
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            i.results.len().to_string(),
            i.confidence.map(|c| format!("{c:.3}")).unwrap_or_default(),
            i.handoff_category.map_or("", |c| c.label_ja()).to_string(),
            i.handoff_reason.map_or("", |r| r.label_ja()).to_string(),
            format!("{:.1}", i.latency_ms),
        ]);
    }
    csv_response("inquiries.csv", rows)
}

#[utoipa::path(get, path = "/admin/export/tickets.csv", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "引き継ぎチケットのCSV", content_type = "text/csv", body = String), (status = 401, description = "未ログイン", body = ErrorBody)))]
pub async fn export_tickets(
    State(state): State<AppState>,
    _staff: Staff,
    RawQuery(raw): RawQuery,
) -> Response {
    let pairs = form_pairs(raw.as_deref());
    let from = date_param(&pairs, "from").map(jst_midnight);
    let to = date_param(&pairs, "to").map(|d| jst_midnight(d + Duration::days(1)));
    let list = match state.ops.store.tickets(None, from, to).await {
        Ok(l) => l,
        Err(e) => return ApiError::Internal(e.to_string()).into_response(),
    };
    let mut rows = vec![
        [
            "受付番号",
            "問い合わせID",
            "日時(JST)",
            "分野",
            "窓口",
            "理由",
            "概要",
            "次の受付",
            "状態",
            "対応結果",
            "完了日時",
            "対応者",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for t in list {
        rows.push(vec![
            t.id,
            t.inquiry_id,
            jst_text(t.created_at),
            t.category.label_ja().to_string(),
            t.desk_id,
            t.reason.label_ja().to_string(),
            t.summary,
            t.next_slot.unwrap_or_default(),
            t.status.label_ja().to_string(),
            t.outcome.unwrap_or_default(),
            t.closed_at.map(jst_text).unwrap_or_default(),
            t.closed_by.unwrap_or_default(),
        ]);
    }
    csv_response("tickets.csv", rows)
}
