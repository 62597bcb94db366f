//! `/admin/corpus`: editors change the corpus in the console. The list with search, the edit
//! form (one labelled text area per TOML section, the validator's messages beside the section
//! they name), the preview of a scheme's public page from the draft, save as draft, publish,
//! and the history with its diff and a rollback button. Editors and administrators only.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Allowed, can};
use crate::app::AppError;
use crate::app::console::jst_text;
use crate::app::corpus_editing::{EntrySummary, diff, normalise_form_text};
use crate::app::staff::StaffMember;
use crate::domain::corpus::diff::DiffLine;
use crate::domain::corpus::tree::sections;
use crate::domain::corpus::{EntryKind, Problem};
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::scheme::scheme_view_page;
use crate::http::pages::{Chrome, render};

/// The body limit of the edit form: the largest corpus file (the English translations) with
/// room to grow, URL-encoded.
pub const EDIT_BODY_LIMIT_BYTES: usize = 4 * 1024 * 1024;

fn encoded(path: &str) -> String {
    form_urlencoded::byte_serialize(path.as_bytes()).collect()
}

#[derive(Template)]
#[template(path = "admin/corpus_list.html")]
struct ListPage {
    title: &'static str,
    chrome: Chrome,
    staff: Option<StaffMember>,
    query: String,
    rows: Vec<(EntrySummary, String)>,
}

#[utoipa::path(get, path = "/admin/corpus", tag = "admin", security(("staff_session" = [])), params(("q" = Option<String>, Query, description = "ファイル名または本文に含まれる語")), responses((status = 200, description = "コーパスの項目の一覧", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "編集担当・管理者以外", content_type = "text/html", body = String)))]
pub async fn list(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let query = first(&pairs, "q").unwrap_or_default();
    let entries = match state.app.corpus_entries(&staff.0, &query).await {
        Ok(e) => e,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let view = ListPage {
        title: "コーパスの編集",
        chrome: Chrome::new(&state.app, "admin", &page).japanese_content(),
        staff: Some(staff.0),
        query,
        rows: entries
            .into_iter()
            .map(|e| {
                let link = encoded(&e.path);
                (e, link)
            })
            .collect(),
    };
    render(StatusCode::OK, &view)
}

/// One text area of the form and the problems it shows beside it.
struct SectionView {
    label: String,
    text: String,
    rows: usize,
    problems: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/corpus_edit.html")]
struct EditPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    csrf: String,
    path: String,
    path_link: String,
    kind: &'static str,
    based_on: i64,
    previewable: bool,
    /// What happened (saved, published), or why the form came back.
    notice: Option<String>,
    error: Option<String>,
    /// Problems that name no section of this entry (another file, or the whole entry).
    general: Vec<String>,
    sections: Vec<SectionView>,
}

/// Which section a problem belongs to: by its line, else by its field's table.
fn section_of(problem: &Problem, starts: &[(usize, String)]) -> Option<usize> {
    if let Some(line) = problem.line {
        return starts.iter().rposition(|(start, _)| *start <= line);
    }
    let field = problem.field.as_deref()?;
    let table = field.split(['.', '[']).next().unwrap_or(field);
    starts
        .iter()
        .position(|(_, name)| name == table)
        .or_else(|| starts.iter().position(|(_, name)| name.is_empty()))
}

fn message(problem: &Problem) -> String {
    let mut out = String::new();
    if let Some(line) = problem.line {
        out.push_str(&format!("{line}行目 "));
    }
    if let Some(id) = &problem.id {
        out.push_str(&format!("{id} "));
    }
    if let Some(field) = &problem.field {
        out.push_str(&format!("項目 {field}: "));
    }
    out.push_str(&problem.message);
    out
}

struct EditForm {
    path: String,
    text: String,
    based_on: i64,
}

#[allow(clippy::too_many_arguments)]
fn edit_page(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    form: &EditForm,
    notice: Option<String>,
    error: Option<String>,
    problems: &[Problem],
) -> EditPage {
    let (kind, _) = EntryKind::of(&form.path);
    let parts = sections(&form.text);
    let mut line = 1;
    let starts: Vec<(usize, String)> = parts
        .iter()
        .map(|s| {
            let start = line;
            line += s.text.matches('\n').count();
            (start, s.name.clone())
        })
        .collect();
    let mut views: Vec<SectionView> = parts
        .into_iter()
        .map(|s| SectionView {
            label: if s.name.is_empty() {
                "基本項目（最初の表より前）".to_string()
            } else {
                format!("[{}]", s.name)
            },
            rows: (s.text.lines().count() + 1).clamp(3, 40),
            text: s.text,
            problems: Vec::new(),
        })
        .collect();
    let mut general = Vec::new();
    for p in problems {
        let here = p.file.to_string_lossy() == form.path.as_str();
        match section_of(p, &starts).filter(|_| here) {
            Some(i) => views[i].problems.push(message(p)),
            None if here => general.push(message(p)),
            None => general.push(format!("{}: {}", p.file.display(), message(p))),
        }
    }
    EditPage {
        title: format!("{} の編集", form.path),
        chrome: Chrome::new(&state.app, "admin", page).japanese_content(),
        csrf: staff.csrf.clone(),
        staff: Some(staff),
        path_link: encoded(&form.path),
        path: form.path.clone(),
        kind: kind.label_ja(),
        based_on: form.based_on,
        previewable: kind == EntryKind::Scheme,
        notice,
        error,
        general,
        sections: views,
    }
}

#[utoipa::path(get, path = "/admin/corpus/entry", tag = "admin", security(("staff_session" = [])), params(("path" = String, Query, description = "項目のファイル（corpus/ からの相対パス）"), ("version" = Option<i64>, Query, description = "読み込む版（省略時は公開中の版）")), responses((status = 200, description = "編集フォーム", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "編集担当・管理者以外", content_type = "text/html", body = String), (status = 404, description = "該当なし", body = ErrorBody)))]
pub async fn edit_form(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let path = first(&pairs, "path").unwrap_or_default();
    let entry = match state.app.corpus_entry(&staff.0, &path).await {
        Ok(e) => e,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let mut notice = None;
    let text = match first(&pairs, "version").and_then(|v| v.parse::<i64>().ok()) {
        Some(n) if n != entry.published => {
            match state.app.corpus_version_of(&staff.0, &path, n).await {
                Ok(v) => {
                    notice = Some(format!(
                        "版{n}（{}）を読み込みました。公開中の版は{}です。",
                        v.note, entry.published
                    ));
                    v.body
                }
                Err(e) => return ApiError::from(e).into_response(),
            }
        }
        _ => entry.body,
    };
    if let Some(n) = first(&pairs, "published") {
        notice = Some(format!(
            "版{n}を公開しました。このサーバーではすでに反映済みで、ほかのサーバーにも数秒で反映されます。"
        ));
    } else if let Some(n) = first(&pairs, "saved") {
        notice = Some(format!(
            "下書き（版{n}）を保存しました。まだ公開されていません。"
        ));
    }
    let form = EditForm {
        path,
        text,
        based_on: entry.published,
    };
    render(
        StatusCode::OK,
        &edit_page(&state, &page, staff.0, &form, notice, None, &[]),
    )
}

#[utoipa::path(post, path = "/admin/corpus/entry", tag = "admin", security(("staff_session" = [])), request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "csrf, path, based_on（編集を始めた公開版）, action（draft・preview・publish）, section（各セクションの本文、順に繰り返す）"), responses((status = 200, description = "プレビュー（制度の公開ページ）", content_type = "text/html", body = String), (status = 303, description = "保存・公開して編集フォームへ／未ログインはログイン画面へ"), (status = 400, description = "検証エラー（該当セクションの横に表示）", content_type = "text/html", body = String), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = 409, description = "別の職員が先に公開した（フォームに理由を表示、入力は保持）", content_type = "text/html", body = String), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn save(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let value = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    };
    if let Err(r) = staff.check_csrf(value("csrf")) {
        return r;
    }
    let form = EditForm {
        path: value("path").to_string(),
        text: normalise_form_text(
            &fields
                .iter()
                .filter(|(k, _)| k == "section")
                .map(|(_, v)| v.as_str())
                .collect::<String>(),
        ),
        based_on: value("based_on").trim().parse().unwrap_or(-1),
    };
    let app = &state.app;
    let member = &staff.0;
    let outcome = match value("action") {
        "preview" => match app.check_corpus_edit(member, &form.path, &form.text).await {
            Ok(corpus) => {
                let (kind, id) = EntryKind::of(&form.path);
                let view = match app.scheme(&corpus, &id) {
                    Ok(v) if kind == EntryKind::Scheme => v,
                    _ => {
                        let notice = "検証に合格しました（この種類の項目には公開ページのプレビューはありません）。まだ保存も公開もされていません。".to_string();
                        return render(
                            StatusCode::OK,
                            &edit_page(&state, &page, staff.0, &form, Some(notice), None, &[]),
                        );
                    }
                };
                let chrome = Chrome::new(app, "search", &page);
                let lang = page.lang;
                return scheme_view_page(
                    app,
                    &app.engine(),
                    view,
                    chrome,
                    lang,
                    Some(format!(
                        "プレビュー：{} の下書きです。まだ公開されていません。",
                        form.path
                    )),
                );
            }
            Err(e) => Err(e),
        },
        "draft" => app
            .save_corpus_draft(member, &form.path, &form.text, form.based_on)
            .await
            .map(|n| format!("saved={n}")),
        _ => app
            .publish_corpus_entry(member, &form.path, &form.text, form.based_on)
            .await
            .map(|p| format!("published={}", p.number)),
    };
    match outcome {
        Ok(done) => Redirect::to(&format!(
            "/admin/corpus/entry?path={}&{done}",
            encoded(&form.path)
        ))
        .into_response(),
        Err(AppError::CorpusInvalid { problems }) => render(
            StatusCode::BAD_REQUEST,
            &edit_page(
                &state,
                &page,
                staff.0,
                &form,
                None,
                Some(format!(
                    "{}件の問題があるため、保存も公開もしていません。各セクションの横の説明を見て直してください。",
                    problems.len()
                )),
                &problems,
            ),
        ),
        Err(AppError::Conflict(message)) => render(
            StatusCode::CONFLICT,
            &edit_page(&state, &page, staff.0, &form, None, Some(message), &[]),
        ),
        Err(e) => ApiError::from(e).into_response(),
    }
}

struct VersionRow {
    number: i64,
    note: String,
    published: bool,
    current: bool,
    author: String,
    at: String,
}

#[derive(Template)]
#[template(path = "admin/corpus_history.html")]
struct HistoryPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    csrf: String,
    path: String,
    path_link: String,
    current: i64,
    versions: Vec<VersionRow>,
    /// The two versions compared, and their diff (changed lines and their neighbours).
    compared: Option<(i64, i64)>,
    diff: Vec<DiffLine>,
}

#[utoipa::path(get, path = "/admin/corpus/history", tag = "admin", security(("staff_session" = [])), params(("path" = String, Query, description = "項目のファイル"), ("from" = Option<i64>, Query, description = "比べる古い版"), ("to" = Option<i64>, Query, description = "比べる新しい版（省略時は最新）")), responses((status = 200, description = "版の一覧と差分", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "編集担当・管理者以外", content_type = "text/html", body = String), (status = 404, description = "該当なし", body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let path = first(&pairs, "path").unwrap_or_default();
    let (entry, versions) = match (
        state.app.corpus_entry(&staff.0, &path).await,
        state.app.corpus_history(&staff.0, &path).await,
    ) {
        (Ok(e), Ok(v)) => (e, v),
        (Err(e), _) | (_, Err(e)) => return ApiError::from(e).into_response(),
    };
    let number = |key: &str| first(&pairs, key).and_then(|v| v.parse::<i64>().ok());
    let to = number("to").unwrap_or(entry.published);
    let from = number("from").or_else(|| {
        versions
            .iter()
            .filter(|v| v.published && v.number < to)
            .map(|v| v.number)
            .max()
    });
    let find = |n: i64| versions.iter().find(|v| v.number == n);
    let (compared, lines) = match (from.and_then(find), find(to)) {
        (Some(old), Some(new)) => (Some((old.number, new.number)), diff(old, new)),
        _ => (None, Vec::new()),
    };
    let view = HistoryPage {
        title: format!("{path} の履歴"),
        chrome: Chrome::new(&state.app, "admin", &page).japanese_content(),
        csrf: staff.0.csrf.clone(),
        staff: Some(staff.0),
        path_link: encoded(&path),
        current: entry.published,
        versions: versions
            .iter()
            .map(|v| VersionRow {
                number: v.number,
                note: v.note.clone(),
                published: v.published,
                current: v.number == entry.published,
                author: v.author.clone(),
                at: jst_text(v.published_at.unwrap_or(v.created_at)),
            })
            .collect(),
        compared,
        diff: context(lines),
        path,
    };
    render(StatusCode::OK, &view)
}

/// The changed lines with three unchanged lines either side; long unchanged runs become "…".
fn context(lines: Vec<DiffLine>) -> Vec<DiffLine> {
    let near = |i: usize| {
        lines[i.saturating_sub(3)..(i + 4).min(lines.len())]
            .iter()
            .any(DiffLine::is_change)
    };
    let mut out = Vec::new();
    let mut skipped = false;
    for (i, line) in lines.iter().enumerate() {
        if near(i) {
            if skipped {
                out.push(DiffLine::Same("…".into()));
                skipped = false;
            }
            out.push(line.clone());
        } else {
            skipped = true;
        }
    }
    out
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct RollbackForm {
    #[serde(default)]
    csrf: String,
    path: String,
    /// The version to publish again.
    number: i64,
    /// The published version the editor saw.
    based_on: i64,
}

#[utoipa::path(post, path = "/admin/corpus/rollback", tag = "admin", security(("staff_session" = [])), request_body(content = RollbackForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "以前の版を新しい版として公開し、履歴へ／未ログインはログイン画面へ"), (status = 400, description = "今のコーパスでは検証に通らない版", body = ErrorBody), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = 409, description = "別の職員が先に公開した", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn rollback(
    State(state): State<AppState>,
    staff: Allowed<can::EditCorpus>,
    Form(form): Form<RollbackForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    match state
        .app
        .roll_back_corpus_entry(&staff.0, &form.path, form.number, form.based_on)
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/admin/corpus/history?path={}",
            encoded(&form.path)
        ))
        .into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}
