//! `/admin/corpus`: editors change the corpus in the console. The list with search and the
//! links that add entries, the per-field forms of schemes, FAQ files, desks and synonym
//! groups (one labelled control per TOML key, named by its path, the validator's messages
//! beside the control they name and in a summary at the top), the "TOML as text" box for
//! everything else, the preview of a scheme's public page from the draft, save as draft,
//! publish, adding and deleting a scheme, and the history with its diff and a rollback
//! button. Editors and administrators only. Every text comes from the catalogs
//! (`locales/<lang>/editing.ftl`).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Allowed, can};
use crate::app::AppError;
use crate::app::console::jst_text;
use crate::app::corpus_editing::{EntrySummary, diff, normalise_form_text, problem_text};
use crate::app::messages::Messages;
use crate::app::staff::StaffMember;
use crate::domain::corpus::diff::DiffLine;
use crate::domain::corpus::form::{
    Control, FieldValue, SPARE_ROWS, TableValue, apply_form, control_of, form_of, form_values,
    remove_name,
};
use crate::domain::corpus::translation::Lang;
use crate::domain::corpus::{EntryKind, Problem};
use crate::http::AppState;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::extract::{QueryPairs, first};
use crate::http::language::PageLang;
use crate::http::pages::scheme::scheme_view_page;
use crate::http::pages::{Chrome, render};

/// The body limit of the edit form: the largest corpus file (the English translations) with
/// room to grow, URL-encoded, twice (the text box and the text the form was loaded from).
pub const EDIT_BODY_LIMIT_BYTES: usize = 8 * 1024 * 1024;

fn encoded(path: &str) -> String {
    form_urlencoded::byte_serialize(path.as_bytes()).collect()
}

/// The catalog key of an entry kind's name.
fn kind_key(kind: EntryKind) -> String {
    format!("editing-kind-{}", kind.code().replace('_', "-"))
}

struct ListRow {
    entry: EntrySummary,
    link: String,
    kind: String,
}

#[derive(Template)]
#[template(path = "admin/corpus_list.html")]
struct ListPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    query: String,
    rows: Vec<ListRow>,
    /// The FAQ files, each with a link that adds an FAQ to it.
    faq_files: Vec<(String, String)>,
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
    let all = if query.is_empty() {
        entries.clone()
    } else {
        state
            .app
            .corpus_entries(&staff.0, "")
            .await
            .unwrap_or_default()
    };
    let chrome = Chrome::new(&state.app, "admin", &page);
    let view = ListPage {
        title: chrome.t("editing-list-title"),
        staff: Some(staff.0),
        query,
        faq_files: all
            .iter()
            .filter(|e| e.kind == EntryKind::FaqFile && !e.deleted)
            .map(|e| (e.path.clone(), encoded(&e.path)))
            .collect(),
        rows: entries
            .into_iter()
            .map(|e| ListRow {
                link: encoded(&e.path),
                kind: chrome.t(&kind_key(e.kind)),
                entry: e,
            })
            .collect(),
        chrome,
    };
    render(StatusCode::OK, &view)
}

/// One option of a select or one checkbox of a list of codes.
struct OptionView {
    value: String,
    label: String,
    selected: bool,
}

/// One row of a list of texts.
struct RowView {
    label: String,
    name: String,
    id: String,
    value: String,
}

/// One control of the form.
struct ControlView {
    name: String,
    id: String,
    label: String,
    /// text, textarea, url, number, date, time, select, check, rows, choices.
    control: &'static str,
    value: String,
    rows: Vec<RowView>,
    options: Vec<OptionView>,
    /// Lines shown by a text area.
    lines: usize,
    required: bool,
    readonly: bool,
    problems: Vec<String>,
}

/// One table of the form, or one item of an array of tables.
struct GroupView {
    id: String,
    path: String,
    legend: String,
    /// An item's "remove" checkbox: its name and whether it is ticked.
    remove: Option<(String, bool)>,
    new_item: bool,
    /// The anchor of an array's empty item (`f-faq-new`), for the links that add one.
    new_anchor: String,
    controls: Vec<ControlView>,
    problems: Vec<String>,
}

/// A problem in the summary at the top, with a link to its control where it has one.
struct SummaryItem {
    text: String,
    href: Option<String>,
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
    kind: String,
    based_on: i64,
    is_new: bool,
    deleted: bool,
    previewable: bool,
    deletable: bool,
    /// What happened (saved, published), or why the form came back.
    notice: Option<String>,
    error: Option<String>,
    summary: Vec<SummaryItem>,
    groups: Vec<GroupView>,
    /// Why there is no per-field form (the kind has none, or the text is not TOML).
    no_form: Option<String>,
    /// The text box: the whole entry as TOML.
    text: String,
    text_lines: usize,
    text_open: bool,
    text_problems: Vec<String>,
    /// The text the form was loaded from, hex-encoded: what the fields are compared with.
    original: String,
    confirm_remove: bool,
}

/// What the form holds: the text it was loaded from, the text box, and the submitted
/// fields when it comes back after a refusal.
struct EditForm {
    path: String,
    based_on: i64,
    original: String,
    text: String,
    submitted: Option<Vec<(String, String)>>,
}

impl EditForm {
    fn loaded(path: String, text: String, based_on: i64) -> EditForm {
        EditForm {
            path,
            based_on,
            original: text.clone(),
            text,
            submitted: None,
        }
    }
}

fn dom_id(path: &str) -> String {
    if path.is_empty() {
        "f-main".to_string()
    } else {
        format!("f-{}", path.replace('.', "-"))
    }
}

fn key_of(path: &str) -> String {
    path.replace(['.', '_'], "-")
}

/// The catalog's name for a code of a select or list of codes.
fn option_label(m: Messages, key_path: &str, value: &str) -> String {
    let last = key_path.rsplit('.').next().unwrap_or(key_path);
    let set = match (key_path, last) {
        (_, "purposes") => return m.purpose(value),
        (_, "industries" | "excluded_industries" | "partly_excluded_industries") => {
            return if value == "all" {
                m.t("editing-opt-industry-all")
            } else {
                m.industry(value)
            };
        }
        (_, "categories") => return value.to_string(),
        ("window.kind", _) => "window",
        ("kind", _) => "kind",
        (_, "location" | "min_years_area") => "area",
        (_, "sectors") => "sector",
        (_, "situations") => "situation",
        (_, "requires") => "prerequisite",
        (_, "weekdays") => "day",
        (_, other) => other,
    };
    let key = format!(
        "editing-opt-{}-{}",
        set.replace('_', "-"),
        value.replace('_', "-")
    );
    if crate::app::messages::has_message(m.lang(), &key) {
        m.t(&key)
    } else {
        value.to_string()
    }
}

fn submitted_one<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn control_view(
    m: Messages,
    field: &FieldValue,
    submitted: Option<&[(String, String)]>,
    scheme: bool,
) -> ControlView {
    let id = dom_id(&field.path);
    let (value, values) = match submitted {
        None => (field.value.clone(), field.values.clone()),
        Some(pairs) => match field.spec.control {
            Control::Rows => {
                let prefix = format!("{}.", field.path);
                let mut rows: Vec<(usize, String)> = pairs
                    .iter()
                    .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.parse().ok()?, v.clone())))
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect();
                rows.sort_by_key(|(i, _)| *i);
                (String::new(), rows.into_iter().map(|(_, v)| v).collect())
            }
            Control::Choices(_) => (
                String::new(),
                pairs
                    .iter()
                    .filter(|(k, _)| *k == field.path)
                    .map(|(_, v)| v.clone())
                    .collect(),
            ),
            Control::Check => (
                submitted_one(pairs, &field.path)
                    .is_some_and(|v| v == "true" || v == "on")
                    .to_string(),
                Vec::new(),
            ),
            _ => (
                submitted_one(pairs, &field.path)
                    .map(normalise_form_text)
                    .unwrap_or_default(),
                Vec::new(),
            ),
        },
    };
    let mut options: Vec<OptionView> = field
        .spec
        .control
        .options()
        .iter()
        .map(|o| OptionView {
            value: o.to_string(),
            label: option_label(m, &field.key_path, o),
            selected: match field.spec.control {
                Control::Choices(_) => values.iter().any(|v| v == o),
                _ => value == *o,
            },
        })
        .collect();
    // A code the form does not offer stays, so that saving never drops it.
    let extra: Vec<String> = match field.spec.control {
        Control::Choices(_) => values.clone(),
        Control::Select(_) if !value.is_empty() => vec![value.clone()],
        _ => Vec::new(),
    };
    for v in extra {
        if !options.iter().any(|o| o.value == v) {
            options.push(OptionView {
                label: v.clone(),
                value: v,
                selected: true,
            });
        }
    }
    let label = m.t(&format!("editing-field-{}", key_of(&field.key_path)));
    let rows = match field.spec.control {
        Control::Rows => values
            .iter()
            .cloned()
            .chain(std::iter::repeat_n(String::new(), SPARE_ROWS))
            .enumerate()
            .map(|(i, value)| RowView {
                label: m.targs(
                    "editing-row-label",
                    &[("field", &label), ("number", &(i + 1).to_string())],
                ),
                name: format!("{}.{i}", field.path),
                id: format!("{id}-{i}"),
                value,
            })
            .collect(),
        _ => Vec::new(),
    };
    ControlView {
        label,
        control: field.spec.control.code(),
        lines: (value.lines().count() + 1).clamp(2, 20),
        required: field.spec.required,
        readonly: scheme && field.path == "id",
        name: field.path.clone(),
        id,
        value,
        rows,
        options,
        problems: Vec::new(),
    }
}

fn group_view(
    m: Messages,
    table: &TableValue,
    submitted: Option<&[(String, String)]>,
    scheme: bool,
) -> GroupView {
    let item = table.spec.name.replace(['.', '_'], "-");
    let legend = match (table.index, table.new_item) {
        (Some(_), true) => m.t(&format!("editing-new-{item}")),
        (Some(i), false) => m.targs(
            &format!("editing-item-{item}"),
            &[
                ("number", &(i + 1).to_string()),
                ("name", table.name.as_deref().unwrap_or_default()),
            ],
        ),
        (None, _) => m.t(&format!(
            "editing-table-{}",
            if table.path.is_empty() {
                "main"
            } else {
                item.as_str()
            }
        )),
    };
    let remove = (table.index.is_some() && !table.new_item).then(|| {
        let name = remove_name(&table.path);
        let ticked = submitted.is_some_and(|p| submitted_one(p, &name).is_some());
        (name, ticked)
    });
    GroupView {
        id: dom_id(&table.path),
        path: table.path.clone(),
        legend,
        remove,
        new_item: table.new_item,
        new_anchor: format!("f-{}-new", table.spec.name.replace('.', "-")),
        controls: table
            .fields
            .iter()
            .map(|f| control_view(m, f, submitted, scheme))
            .collect(),
        problems: Vec::new(),
    }
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
    deleted: bool,
) -> EditPage {
    let chrome = Chrome::new(&state.app, "admin", page);
    let m = chrome.messages();
    let (kind, _) = EntryKind::of(&form.path);
    let spec = form_of(kind);
    let is_new = form.based_on == 0;
    let (mut groups, no_form): (Vec<GroupView>, Option<String>) =
        match spec.map(|s| form_values(s, &form.original)) {
            Some(Ok(tables)) => (
                tables
                    .iter()
                    .map(|t| group_view(m, t, form.submitted.as_deref(), kind == EntryKind::Scheme))
                    .collect::<Vec<_>>(),
                None,
            ),
            Some(Err(e)) => (
                Vec::new(),
                Some(m.ta("editing-no-form-invalid", "error", &e)),
            ),
            None => (Vec::new(), Some(m.t("editing-no-form-kind"))),
        };
    let mut summary = Vec::new();
    let mut text_problems = Vec::new();
    for p in problems {
        let here = p.file.as_os_str().is_empty() || p.file.to_string_lossy() == form.path;
        let mut text = problem_text(m, p);
        if let Some(line) = p.line {
            text = m.targs(
                "editing-problem-at-line",
                &[("line", &line.to_string()), ("message", &text)],
            );
        }
        if !here {
            summary.push(SummaryItem {
                text: m.targs(
                    "editing-problem-in-file",
                    &[("file", &p.file.to_string_lossy()), ("message", &text)],
                ),
                href: None,
            });
            continue;
        }
        let target = match spec {
            Some(_) if p.file.as_os_str().is_empty() => p.field.clone(),
            Some(s) => control_of(s, &form.text, p),
            None => None,
        };
        let placed = target.as_deref().and_then(|t| {
            for g in groups.iter_mut() {
                if let Some(c) = g.controls.iter_mut().find(|c| c.name == t) {
                    c.problems.push(text.clone());
                    return Some((c.id.clone(), c.label.clone()));
                }
            }
            let g = groups.iter_mut().find(|g| g.path == t)?;
            g.problems.push(text.clone());
            Some((g.id.clone(), g.legend.clone()))
        });
        let placed = placed.or_else(|| {
            let t = target.as_deref()?;
            let g = groups
                .iter_mut()
                .find(|g| g.path.starts_with(&format!("{t}.")))?;
            g.problems.push(text.clone());
            Some((g.id.clone(), g.legend.clone()))
        });
        match placed {
            Some((id, label)) => summary.push(SummaryItem {
                text: m.targs(
                    "editing-problem-at-field",
                    &[("field", &label), ("message", &text)],
                ),
                href: Some(format!("#{id}")),
            }),
            None => {
                let text = match &p.field {
                    Some(f) => m.targs(
                        "editing-problem-at-field",
                        &[("field", f), ("message", &text)],
                    ),
                    None => text,
                };
                text_problems.push(text.clone());
                summary.push(SummaryItem {
                    text,
                    href: Some("#toml-text".to_string()),
                });
            }
        }
    }
    let confirm_remove = form
        .submitted
        .as_ref()
        .is_some_and(|p| p.iter().any(|(k, _)| k.ends_with("._remove")));
    let text_open = no_form.is_some() || !text_problems.is_empty();
    EditPage {
        title: m.ta("editing-edit-title", "path", &form.path),
        csrf: staff.csrf.clone(),
        staff: Some(staff),
        path_link: encoded(&form.path),
        path: form.path.clone(),
        kind: m.t(&kind_key(kind)),
        based_on: form.based_on,
        is_new,
        deleted,
        previewable: kind == EntryKind::Scheme,
        deletable: kind == EntryKind::Scheme && !is_new && !deleted,
        notice,
        error,
        summary,
        groups,
        no_form,
        text_lines: (form.text.lines().count() + 1).clamp(5, 40),
        text: form.text.clone(),
        text_open,
        text_problems,
        original: hex::encode(form.original.as_bytes()),
        confirm_remove,
        chrome,
    }
}

#[utoipa::path(get, path = "/admin/corpus/entry", tag = "admin", security(("staff_session" = [])), params(("path" = String, Query, description = "項目のファイル（corpus/ からの相対パス）"), ("version" = Option<i64>, Query, description = "読み込む版（省略時は公開中の版）")), responses((status = 200, description = "編集フォーム", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "編集担当・管理者以外", content_type = "text/html", body = String), (status = 404, description = "該当なし", body = ErrorBody)))]
pub async fn edit_form(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let m = Messages::new(page.lang);
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
                    notice = Some(m.targs(
                        "editing-notice-version-loaded",
                        &[
                            ("number", &n.to_string()),
                            ("note", &v.note),
                            ("published", &entry.published.to_string()),
                        ],
                    ));
                    v.body
                }
                Err(e) => return ApiError::from(e).into_response(),
            }
        }
        _ => entry.body.clone(),
    };
    if let Some(n) = first(&pairs, "published") {
        notice = Some(m.ta("editing-notice-published", "number", &n));
    } else if let Some(n) = first(&pairs, "saved") {
        notice = Some(m.ta("editing-notice-saved", "number", &n));
    }
    let deleted = entry.body.is_empty();
    if deleted && notice.is_none() {
        notice = Some(m.t("editing-notice-deleted"));
    }
    let form = EditForm::loaded(path, text, entry.published);
    render(
        StatusCode::OK,
        &edit_page(&state, &page, staff.0, &form, notice, None, &[], deleted),
    )
}

/// The text a submitted form makes, and the form to show again if it is refused.
fn read_form(fields: &[(String, String)]) -> (EditForm, Result<String, Vec<Problem>>) {
    let value = |key: &str| submitted_one(fields, key).unwrap_or_default();
    let path = value("path").to_string();
    let based_on = value("based_on").trim().parse().unwrap_or(-1);
    // The console's first form sent each TOML section in a `section` field; still read.
    if fields.iter().any(|(k, _)| k == "section") {
        let text = normalise_form_text(
            &fields
                .iter()
                .filter(|(k, _)| k == "section")
                .map(|(_, v)| v.as_str())
                .collect::<String>(),
        );
        return (EditForm::loaded(path, text.clone(), based_on), Ok(text));
    }
    let text = normalise_form_text(value("toml"));
    // Without the text the form was loaded from, the fields cannot be told apart from
    // fields left out: only the text box counts then.
    let original = submitted_one(fields, "original")
        .and_then(|o| hex::decode(o).ok())
        .and_then(|b| String::from_utf8(b).ok());
    let spec = form_of(EntryKind::of(&path).0);
    let made = match (spec, &original) {
        (Some(spec), Some(original)) if form_values(spec, original).is_ok() => {
            apply_form(spec, original, &text, fields)
        }
        _ => Ok(text.clone()),
    };
    let original = original.unwrap_or_else(|| text.clone());
    let form = EditForm {
        path,
        based_on,
        original,
        text,
        submitted: Some(fields.to_vec()),
    };
    (form, made)
}

#[utoipa::path(post, path = "/admin/corpus/entry", tag = "admin", security(("staff_session" = [])), request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "csrf, path, based_on（編集を始めた公開版。新しい制度は 0）, action（draft・preview・publish）, original（フォームを読み込んだときの本文、16進）, toml（「TOMLで直接編集」の本文）, 各項目（name は TOML のパス: title, amount.max_yen, window.rounds.0.opens, faq.3.question …）, 項目の削除は <パス>._remove, 削除の確認は confirm_remove=1。旧形式の section（各セクションの本文を順に）も受け付ける"), responses((status = 200, description = "プレビュー（制度の公開ページ）、または削除の確認", content_type = "text/html", body = String), (status = 303, description = "保存・公開して編集フォームへ／未ログインはログイン画面へ"), (status = 400, description = "検証エラー（該当する項目の横と上の一覧に表示）", content_type = "text/html", body = String), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = 409, description = "別の職員が先に公開した（フォームに理由を表示、入力は保持）", content_type = "text/html", body = String), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn save(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let m = Messages::new(page.lang);
    let value = |key: &str| submitted_one(&fields, key).unwrap_or_default();
    if let Err(r) = staff.check_csrf(value("csrf")) {
        return r;
    }
    let (form, made) = read_form(&fields);
    let text = match made {
        Ok(t) => t,
        Err(problems) => {
            let error = m.tn("editing-error-refused", problems.len());
            return render(
                StatusCode::BAD_REQUEST,
                &edit_page(
                    &state,
                    &page,
                    staff.0,
                    &form,
                    None,
                    Some(error),
                    &problems,
                    false,
                ),
            );
        }
    };
    let action = value("action");
    // Removing items is asked once more before anything is saved.
    let removing = fields.iter().any(|(k, _)| k.ends_with("._remove"));
    if removing && action != "preview" && value("confirm_remove") != "1" {
        let notice = m.t("editing-confirm-remove");
        return render(
            StatusCode::OK,
            &edit_page(
                &state,
                &page,
                staff.0,
                &form,
                Some(notice),
                None,
                &[],
                false,
            ),
        );
    }
    let app = &state.app;
    let member = &staff.0;
    let outcome = match action {
        "preview" => match app.check_corpus_edit(member, &form.path, &text).await {
            Ok(corpus) => {
                let (kind, id) = EntryKind::of(&form.path);
                let view = match app.scheme(&corpus, &id) {
                    Ok(v) if kind == EntryKind::Scheme => v,
                    _ => {
                        let notice = m.t("editing-notice-checked");
                        return render(
                            StatusCode::OK,
                            &edit_page(
                                &state,
                                &page,
                                staff.0,
                                &form,
                                Some(notice),
                                None,
                                &[],
                                false,
                            ),
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
                    Some(m.ta("editing-preview-banner", "path", &form.path)),
                );
            }
            Err(e) => Err(e),
        },
        "draft" => app
            .save_corpus_draft(member, &form.path, &text, form.based_on)
            .await
            .map(|n| format!("saved={n}")),
        _ => app
            .publish_corpus_entry(member, &form.path, &text, form.based_on)
            .await
            .map(|p| format!("published={}", p.number)),
    };
    match outcome {
        Ok(done) => Redirect::to(&format!(
            "/admin/corpus/entry?path={}&{done}",
            encoded(&form.path)
        ))
        .into_response(),
        Err(AppError::CorpusInvalid { problems }) => {
            // The form comes back with the text it made, so that problems find their lines.
            let form = EditForm {
                text: text.clone(),
                ..form
            };
            render(
                StatusCode::BAD_REQUEST,
                &edit_page(
                    &state,
                    &page,
                    staff.0,
                    &form,
                    None,
                    Some(m.tn("editing-error-refused", problems.len())),
                    &problems,
                    false,
                ),
            )
        }
        Err(AppError::Conflict(wording)) => render(
            StatusCode::CONFLICT,
            &edit_page(
                &state,
                &page,
                staff.0,
                &form,
                None,
                Some(wording.in_lang(page.lang)),
                &[],
                false,
            ),
        ),
        Err(e @ AppError::Invalid { .. }) => render(
            StatusCode::BAD_REQUEST,
            &edit_page(
                &state,
                &page,
                staff.0,
                &form,
                None,
                Some(e.in_lang(page.lang)),
                &[],
                false,
            ),
        ),
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "admin/corpus_new.html")]
struct NewPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    csrf: String,
    id: String,
    entry_title: String,
    levels: Vec<OptionView>,
    error: Option<String>,
    /// Problems by control: id, level, title.
    problems: Vec<(String, String)>,
}

impl NewPage {
    fn problem(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, t)| t.as_str())
    }
}

fn new_page(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    (id, level, title): (&str, &str, &str),
    problems: &[Problem],
) -> NewPage {
    let chrome = Chrome::new(&state.app, "admin", page);
    let m = chrome.messages();
    NewPage {
        title: m.t("editing-new-title"),
        csrf: staff.csrf.clone(),
        staff: Some(staff),
        id: id.to_string(),
        entry_title: title.to_string(),
        levels: crate::domain::corpus::form::LEVELS
            .iter()
            .map(|l| OptionView {
                value: l.to_string(),
                label: option_label(m, "level", l),
                selected: *l == level,
            })
            .collect(),
        error: (!problems.is_empty()).then(|| m.tn("editing-error-refused", problems.len())),
        problems: problems
            .iter()
            .map(|p| (p.field.clone().unwrap_or_default(), problem_text(m, p)))
            .collect(),
        chrome,
    }
}

#[utoipa::path(get, path = "/admin/corpus/new", tag = "admin", security(("staff_session" = [])), responses((status = 200, description = "新しい制度を追加するフォーム（id・区分・名称）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "編集担当・管理者以外", content_type = "text/html", body = String)))]
pub async fn new_form(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
) -> Response {
    render(
        StatusCode::OK,
        &new_page(&state, &page, staff.0, ("", "ward", ""), &[]),
    )
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct NewForm {
    #[serde(default)]
    csrf: String,
    /// The new scheme's id (lowercase ASCII, digits, hyphens; never used before).
    #[serde(default)]
    id: String,
    /// ward, tokyo or national: the folder of its file.
    #[serde(default)]
    level: String,
    #[serde(default)]
    title: String,
}

#[utoipa::path(post, path = "/admin/corpus/new", tag = "admin", security(("staff_session" = [])), request_body(content = NewForm, content_type = "application/x-www-form-urlencoded"), responses((status = 200, description = "新しい制度の編集フォーム（公開するまで何も保存されない）", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 400, description = "id の形式の誤り・使用済みの id（項目の横に表示）", content_type = "text/html", body = String), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn create(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    Form(form): Form<NewForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let entered = (form.id.as_str(), form.level.as_str(), form.title.as_str());
    match state
        .app
        .new_corpus_scheme(&staff.0, &form.id, &form.level, &form.title)
        .await
    {
        Ok((path, text)) => {
            let m = Messages::new(page.lang);
            let edit = EditForm::loaded(path, text, 0);
            render(
                StatusCode::OK,
                &edit_page(
                    &state,
                    &page,
                    staff.0,
                    &edit,
                    Some(m.t("editing-notice-new")),
                    None,
                    &[],
                    false,
                ),
            )
        }
        Err(AppError::CorpusInvalid { problems }) => render(
            StatusCode::BAD_REQUEST,
            &new_page(&state, &page, staff.0, entered, &problems),
        ),
        Err(e) => ApiError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "admin/corpus_delete.html")]
struct DeletePage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    csrf: String,
    path: String,
    path_link: String,
    name: String,
    /// Whether its translations are deleted with it.
    translated: bool,
    based_on: i64,
    error: Option<String>,
    problems: Vec<String>,
}

#[utoipa::path(get, path = "/admin/corpus/delete", tag = "admin", security(("staff_session" = [])), params(("path" = String, Query, description = "削除する制度のファイル")), responses((status = 200, description = "削除の確認", content_type = "text/html", body = String), (status = 303, description = "未ログイン: ログイン画面へ"), (status = 403, description = "編集担当・管理者以外", content_type = "text/html", body = String), (status = 404, description = "該当なし", body = ErrorBody)))]
pub async fn delete_form(
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
    render(
        StatusCode::OK,
        &delete_page(&state, &page, staff.0, &path, entry.published, None, &[]),
    )
}

fn delete_page(
    state: &AppState,
    page: &PageLang,
    staff: StaffMember,
    path: &str,
    based_on: i64,
    error: Option<String>,
    problems: &[Problem],
) -> DeletePage {
    let chrome = Chrome::new(&state.app, "admin", page);
    let m = chrome.messages();
    let (_, id) = EntryKind::of(path);
    let corpus = &state.app.engine().corpus;
    let translated = Lang::TRANSLATED
        .iter()
        .any(|lang| corpus.translations.scheme(*lang, &id).is_some());
    DeletePage {
        title: m.ta("editing-delete-title", "path", path),
        translated,
        csrf: staff.csrf.clone(),
        staff: Some(staff),
        name: state
            .app
            .engine()
            .corpus
            .scheme(&id)
            .map_or_else(|| id.clone(), |s| s.title.clone()),
        path: path.to_string(),
        path_link: encoded(path),
        based_on,
        error,
        problems: problems
            .iter()
            .map(|p| {
                let text = problem_text(m, p);
                match &p.id {
                    Some(id) => m.targs(
                        "editing-problem-in-file",
                        &[
                            ("file", &format!("{} ({id})", p.file.display())),
                            ("message", &text),
                        ],
                    ),
                    None => text,
                }
            })
            .collect(),
        chrome,
    }
}

#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    path: String,
    /// The published version the editor saw.
    based_on: i64,
}

#[utoipa::path(post, path = "/admin/corpus/delete", tag = "admin", security(("staff_session" = [])), request_body(content = DeleteForm, content_type = "application/x-www-form-urlencoded"), responses((status = 303, description = "削除して履歴へ（以前の版に戻せば元に戻る）／未ログインはログイン画面へ"), (status = 400, description = "ほかの項目が参照している、または制度以外", content_type = "text/html", body = String), (status = 403, description = "編集担当・管理者以外、または CSRF トークン不一致", body = ErrorBody), (status = 404, description = "該当なし", body = ErrorBody), (status = 409, description = "別の職員が先に公開した", content_type = "text/html", body = String), (status = "4XX", description = "フォームとして読めない", content_type = "text/plain", body = String)))]
pub async fn delete(
    State(state): State<AppState>,
    page: PageLang,
    staff: Allowed<can::EditCorpus>,
    Form(form): Form<DeleteForm>,
) -> Response {
    if let Err(r) = staff.check_csrf(&form.csrf) {
        return r;
    }
    let m = Messages::new(page.lang);
    match state
        .app
        .delete_corpus_entry(&staff.0, &form.path, form.based_on)
        .await
    {
        Ok(_) => Redirect::to(&format!(
            "/admin/corpus/history?path={}",
            encoded(&form.path)
        ))
        .into_response(),
        Err(AppError::CorpusInvalid { problems }) => render(
            StatusCode::BAD_REQUEST,
            &delete_page(
                &state,
                &page,
                staff.0,
                &form.path,
                form.based_on,
                Some(m.t("editing-delete-refused")),
                &problems,
            ),
        ),
        Err(e @ (AppError::Conflict(_) | AppError::Invalid { .. })) => {
            let status = if matches!(e, AppError::Conflict(_)) {
                StatusCode::CONFLICT
            } else {
                StatusCode::BAD_REQUEST
            };
            render(
                status,
                &delete_page(
                    &state,
                    &page,
                    staff.0,
                    &form.path,
                    form.based_on,
                    Some(e.in_lang(page.lang)),
                    &[],
                ),
            )
        }
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
    /// The entry is deleted: its published version is the deletion.
    deleted: bool,
    versions: Vec<VersionRow>,
    /// The two versions compared, and their diff (changed lines and their neighbours).
    compared: Option<(i64, i64)>,
    compared_heading: String,
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
    let chrome = Chrome::new(&state.app, "admin", &page);
    let m = chrome.messages();
    let view = HistoryPage {
        title: chrome.messages().ta("editing-history-title", "path", &path),
        chrome,
        csrf: staff.0.csrf.clone(),
        staff: Some(staff.0),
        path_link: encoded(&path),
        current: entry.published,
        deleted: entry.body.is_empty(),
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
        compared_heading: compared.map_or_else(String::new, |(from, to)| {
            m.targs(
                "editing-history-compared",
                &[("from", &from.to_string()), ("to", &to.to_string())],
            )
        }),
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
