//! The questionnaire page and its results page (GET, so results can be bookmarked and printed).

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::html::{Page, esc, source_link};
use super::pages::form_pairs;
use crate::domain::WindowStatus;
use crate::domain::eligibility::Fit;
use crate::domain::questionnaire::Question;
use crate::domain::recommend::RecommendOutcome;
use crate::domain::scheme::{INDUSTRIES, PURPOSES};
use crate::service::{App, tokyo_today};

#[utoipa::path(get, path = "/recommend", tag = "pages", responses((status = 200, description = "質問票", content_type = "text/html", body = String)))]
pub async fn questionnaire_page(State(app): State<Arc<App>>) -> Response {
    let body = format!(
        "<h1>質問に答えて制度を探す</h1><p>8つまでの簡単な質問に答えると、使える可能性の高い港区・東京都・国の制度を、理由と確認が必要な点とあわせてご案内します。入力内容は制度の検索にだけ使います。</p>{}",
        form_html(&app, &[], None)
    );
    Html(
        Page {
            title: "質問に答えて探す",
            nav: "recommend",
            body,
        }
        .render(),
    )
    .into_response()
}

fn form_html(app: &App, pairs: &[(String, String)], error: Option<&str>) -> String {
    let Some(q) = &app.questionnaire else {
        return r#"<p class="error">質問票（corpus/questionnaire.toml）が見つかりません。</p>"#
            .into();
    };
    let mut out = String::new();
    if let Some(e) = error {
        let _ = write!(
            out,
            r#"<p class="error" role="alert" id="form-error">{}</p>"#,
            esc(e)
        );
    }
    let _ = write!(
        out,
        r#"<form class="search" method="get" action="/recommend/results"><input type="hidden" name="v" value="{}">"#,
        q.version
    );
    for question in &q.questions {
        out.push_str(&question_html(question, pairs));
    }
    out.push_str(r#"<div><button type="submit">制度を探す</button></div></form>"#);
    out
}

fn question_html(q: &Question, pairs: &[(String, String)]) -> String {
    let current: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == &q.field)
        .map(|(_, v)| v.as_str())
        .collect();
    let required = if q.required {
        r#" <span class="muted">（必須）</span>"#
    } else {
        ""
    };
    let help_id = format!("{}-help", q.field);
    let help = q
        .help
        .as_deref()
        .map(|h| format!(r#"<p id="{help_id}" class="muted">{}</p>"#, esc(h)))
        .unwrap_or_default();
    let described = if q.help.is_some() {
        format!(r#" aria-describedby="{help_id}""#)
    } else {
        String::new()
    };
    let req_attr = if q.required { " required" } else { "" };
    let condition = q
        .only_if_purpose
        .as_deref()
        .map(|p| {
            format!(
                r#"<p class="muted">「{}」を選んだ方のみお答えください。</p>"#,
                esc(p)
            )
        })
        .unwrap_or_default();
    match q.kind.as_str() {
        "single" => {
            let mut radios = String::new();
            for (i, o) in q.options.iter().enumerate() {
                let checked = if current.contains(&o.value.as_str()) {
                    " checked"
                } else {
                    ""
                };
                let _ = write!(
                    radios,
                    r#"<label><input type="radio" name="{f}" id="{f}-{i}" value="{v}"{checked}{req_attr}> {l}</label><br>"#,
                    f = esc(&q.field),
                    v = esc(&o.value),
                    l = esc(&o.label)
                );
            }
            format!(
                r#"<fieldset{described}><legend>{}{required}</legend>{help}{condition}{radios}</fieldset>"#,
                esc(&q.label)
            )
        }
        "number" => format!(
            r#"<div><label for="{f}">{l}{required}</label>{help}<input type="number" inputmode="numeric" min="0" id="{f}" name="{f}" value="{v}"{described}{req_attr}></div>"#,
            f = esc(&q.field),
            l = esc(&q.label),
            v = esc(current.first().copied().unwrap_or(""))
        ),
        "industry" => {
            let mut options = String::from(r#"<option value="">選んでください</option>"#);
            for i in INDUSTRIES {
                let selected = if current.contains(&i) {
                    " selected"
                } else {
                    ""
                };
                let _ = write!(options, r#"<option value="{i}"{selected}>{i}</option>"#);
            }
            format!(
                r#"<div><label for="{f}">{l}{required}</label>{help}<select id="{f}" name="{f}"{described}{req_attr}>{options}</select></div>"#,
                f = esc(&q.field),
                l = esc(&q.label)
            )
        }
        _ => {
            let mut boxes = String::new();
            for p in PURPOSES {
                let checked = if current.contains(&p) { " checked" } else { "" };
                let _ = write!(
                    boxes,
                    r#"<label><input type="checkbox" name="{f}" value="{p}"{checked}> {p}</label>"#,
                    f = esc(&q.field)
                );
            }
            format!(
                r#"<fieldset{described}><legend>{}{required}</legend>{help}{boxes}</fieldset>"#,
                esc(&q.label)
            )
        }
    }
}

#[utoipa::path(get, path = "/recommend/results", tag = "pages", params(("location" = super::openapi::fields::FormLocation, Query, description = "所在地"), ("industry" = super::openapi::fields::IndustryName, Query, description = "業種"), ("employees" = u32, Query, description = "従業員数", maximum = 1000000), ("capital_yen" = Option<super::openapi::fields::FormNumber>, Query, description = "資本金（法人のみ、空欄可）"), ("years_in_business" = Option<super::openapi::fields::FormYears>, Query, description = "創業からの年数"), ("corporate" = super::openapi::fields::FormBool, Query, description = "法人なら true"), ("purposes" = Option<Vec<super::openapi::fields::PurposeChoice>>, Query, description = "やりたいこと（空は指定なし）", explode), ("shotenkai_member" = Option<super::openapi::fields::FormOptionalBool>, Query, description = "商店会に加盟しているか")), responses((status = 200, description = "おすすめの制度", content_type = "text/html", body = String), (status = 400, description = "回答の不足・誤り", content_type = "text/html", body = String)))]
pub async fn results_page(
    State(state): State<super::state::AppState>,
    RawQuery(raw): RawQuery,
) -> Response {
    let app = &state.app;
    let pairs = form_pairs(raw.as_deref());
    let answers = match app
        .questionnaire
        .as_ref()
        .map(|q| q.answers_from_form(&pairs))
    {
        Some(Ok(a)) => a,
        Some(Err((_, message))) => return form_error(app, &pairs, &message),
        None => return form_error(app, &pairs, "質問票が読み込まれていません"),
    };
    let started = std::time::Instant::now();
    match tokio::task::block_in_place(|| app.recommend(answers, tokyo_today())) {
        Ok((profile, outcome)) => {
            state
                .record(crate::domain::inquiry::LogEntry::Inquiry(
                    super::api::recommend_inquiry(
                        app,
                        crate::domain::inquiry::Channel::Web,
                        &profile,
                        &outcome,
                        started,
                    ),
                ))
                .await;
            let body = format!(
                r#"<h1>あなたの事業に合う可能性のある制度</h1>
<p class="muted noprint">このページはブラウザの印刷機能でそのまま印刷できます。<a href="/recommend">回答をやり直す</a></p>
{}"#,
                outcome_html(&outcome)
            );
            Html(
                Page {
                    title: "おすすめの制度",
                    nav: "recommend",
                    body,
                }
                .render(),
            )
            .into_response()
        }
        Err(e) => form_error(app, &pairs, &friendly(e.field, &e.message)),
    }
}

fn friendly(field: &str, message: &str) -> String {
    let label = match field {
        "answers.location" => "所在地",
        "answers.industry" => "業種",
        "answers.employees" => "従業員数",
        "answers.capital_yen" => "資本金",
        "answers.years_in_business" | "answers.founded" => "創業からの年数",
        "answers.corporate" => "事業の形態",
        "answers.purposes" => "やりたいこと",
        _ => "入力",
    };
    format!("{label}：{message}")
}

fn form_error(app: &App, pairs: &[(String, String)], message: &str) -> Response {
    let body = format!(
        "<h1>質問に答えて制度を探す</h1>{}",
        form_html(app, pairs, Some(message))
    );
    (
        StatusCode::BAD_REQUEST,
        Html(
            Page {
                title: "入力内容をご確認ください",
                nav: "recommend",
                body,
            }
            .render(),
        ),
    )
        .into_response()
}

fn outcome_html(o: &RecommendOutcome) -> String {
    let mut out = String::new();
    if !o.next_steps.is_empty() {
        out.push_str(r#"<h2>まずはこちらへご相談ください（無料）</h2><ul class="results">"#);
        for s in &o.next_steps {
            let phone = s
                .phone
                .as_deref()
                .map(|p| format!("／電話 {}", esc(p)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li><h3>{}</h3><p>{}</p><p class=\"muted\">{}／{}{}</p></li>",
                esc(&s.desk),
                esc(&s.message),
                esc(&s.schedule),
                esc(&s.how_to_book),
                phone
            );
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        r#"<h2 id="recs">おすすめの制度（{}件）</h2>"#,
        o.recommendations.len()
    );
    if o.recommendations.is_empty() {
        out.push_str("<p>条件に合う制度が見つかりませんでした。やりたいことを増やすか、相談窓口にお問い合わせください。</p>");
    }
    out.push_str(r#"<ol class="results" aria-labelledby="recs">"#);
    for r in &o.recommendations {
        let fit = match r.fit {
            Fit::Eligible => "対象になる見込みです",
            _ => "条件の確認が必要です",
        };
        let status_class = if r.status == WindowStatus::Closed {
            " status-closed"
        } else {
            ""
        };
        let mut reasons = String::new();
        for x in &r.reasons {
            let _ = write!(reasons, "<li>{}</li>", esc(x));
        }
        let mut unknown = String::new();
        for u in &r.unknown {
            let _ = write!(
                unknown,
                "<li>{}（確認事項：{}）</li>",
                esc(&u.condition),
                esc(&u.settle_by)
            );
        }
        let unknown_block = if unknown.is_empty() {
            String::new()
        } else {
            format!("<p><strong>確認が必要なこと</strong></p><ul>{unknown}</ul>")
        };
        let amount = r
            .amount
            .as_deref()
            .map(|a| format!("<p><strong>金額など：</strong>{}</p>", esc(a)))
            .unwrap_or_default();
        let deadline = r
            .deadline
            .map(|d| format!("<p><strong>締切：</strong>{d}</p>"))
            .unwrap_or_default();
        let combine = if r.not_combinable_with.is_empty() {
            String::new()
        } else {
            format!(
                r#"<p class="notice">同じ経費には次の制度と併用できません：{}</p>"#,
                esc(&r.not_combinable_with.join("、"))
            )
        };
        let _ = write!(
            out,
            r#"<li><h3><a href="/schemes/{id}">{title}</a></h3>
<ul class="tags"><li>{level}</li><li>{kind}</li><li class="status{status_class}">{status}</li><li>{fit}</li></ul>
{amount}{deadline}<p><strong>対象となる理由</strong></p><ul>{reasons}</ul>{unknown_block}{combine}
<p class="muted">{source}</p></li>"#,
            id = esc(&r.id),
            title = esc(&r.title),
            level = r.level.label_ja(),
            kind = r.kind.label_ja(),
            status = r.status.label_ja(),
            source = source_link(&r.url, r.official_source),
        );
    }
    out.push_str("</ol>");
    if !o.excluded.is_empty() {
        let _ = write!(
            out,
            "<details><summary>対象外と判断した制度（{}件）</summary><ul>",
            o.excluded.len()
        );
        for e in &o.excluded {
            let _ = write!(
                out,
                "<li>{}：{}</li>",
                esc(&e.title),
                esc(&e.unmet.join("／"))
            );
        }
        out.push_str("</ul></details>");
    }
    out
}
