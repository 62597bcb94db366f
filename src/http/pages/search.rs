//! `/search`: the operators' and callers' search page. Results show each scheme's words in the
//! chosen language (official Japanese name beside a translated title) and FAQs translated.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{Choice, Chrome, render};
use crate::app::engine::{SchemeHit, SearchOutcome};
use crate::app::messages::Messages;
use crate::app::search::SearchRequest;
use crate::app::words::Source;
use crate::app::{App, AppError};
use crate::domain::corpus::translation::{Segment, mark_japanese};
use crate::domain::inquiry::Channel;
use crate::domain::scheme::PURPOSES;
use crate::domain::{Lang, Level, WindowStatus};
use crate::http::AppState;
use crate::http::extract::{QueryPairs, values};
use crate::http::language::PageLang;

/// One result as the page shows it.
struct HitView {
    id: String,
    title: Vec<Segment>,
    official_title: Option<String>,
    /// The matching passage in Japanese; the translated summary otherwise.
    text: Vec<Segment>,
    level: String,
    kind: String,
    status: String,
    closed: bool,
    url: String,
    official_source: bool,
}

struct FaqView {
    question: Vec<Segment>,
    answer: Vec<Segment>,
}

struct Results {
    /// "Also searched for …": the corpus's (Japanese) words a synonym added.
    expanded: Option<Vec<Segment>>,
    hits: Vec<HitView>,
    faqs: Vec<FaqView>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    title: String,
    chrome: Chrome,
    q: String,
    levels: Vec<Choice>,
    purposes: Vec<Choice>,
    open_only: bool,
    results: Option<Results>,
    error: Option<Vec<Segment>>,
}

fn hit_view(app: &App, hit: SchemeHit, m: Messages) -> HitView {
    let lang = m.lang();
    let (title, official_title, text) = match app.scheme_words_by_id(&app.engine(), &hit.id, lang) {
        Some(w) if lang != Lang::Ja => (
            w.title,
            w.source
                .is_translation()
                .then(|| w.official_title.map(str::to_string))
                .flatten(),
            w.summary,
        ),
        _ => (
            vec![Segment::Text(hit.title)],
            None,
            vec![Segment::Text(hit.snippet)],
        ),
    };
    HitView {
        id: hit.id,
        title,
        official_title,
        text,
        level: m.level(hit.level),
        kind: m.kind(hit.kind),
        status: m.status(hit.status),
        closed: hit.status == WindowStatus::Closed,
        url: hit.url,
        official_source: hit.official_source,
    }
}

fn results(app: &App, outcome: SearchOutcome, m: Messages) -> Results {
    let lang = m.lang();
    let expanded = (!outcome.expanded_with.is_empty()).then(|| {
        let words = outcome.expanded_with.join(&m.t("expanded-separator"));
        let line = m.ta("search-expanded", "words", &words);
        match lang {
            Lang::En => mark_japanese(&line),
            Lang::Ja | Lang::Easy => vec![Segment::Text(line)],
        }
    });
    Results {
        expanded,
        faqs: outcome
            .faqs
            .into_iter()
            .map(|f| {
                let (question, answer) = match app.faq_words_by_id(&f.id, lang) {
                    Some(w) if w.source != Source::Japanese => (w.question, w.answer),
                    _ => (
                        vec![Segment::Text(f.question)],
                        vec![Segment::Text(f.answer)],
                    ),
                };
                FaqView { question, answer }
            })
            .collect(),
        hits: outcome
            .results
            .into_iter()
            .map(|h| hit_view(app, h, m))
            .collect(),
    }
}

#[utoipa::path(get, path = "/search", tag = "pages", params(("q" = Option<String>, Query, description = "検索語（1〜1000文字）", min_length = 1, max_length = 1000, pattern = r"[^\s\x00-\x1f\x7f-\x9f]"), ("level" = Option<Vec<crate::http::fields::LevelKey>>, Query, description = "制度の実施主体"), ("purpose" = Option<Vec<crate::http::fields::PurposeChoice>>, Query, description = "目的キー（空は指定なし）"), ("open_only" = Option<String>, Query, description = "1 で受付中のみ"), ("lang" = Option<String>, Query, description = "表示する言語（ja・easy・en。それ以外の値は日本語で表示）", example = "en")), responses((status = 200, description = "検索画面と結果", content_type = "text/html", body = String), (status = 400, description = "入力エラー", content_type = "text/html", body = String)))]
pub async fn search_page(
    State(state): State<AppState>,
    page: PageLang,
    QueryPairs(pairs): QueryPairs,
) -> Response {
    let chrome = Chrome::new(&state.app, "search", &page);
    let m = chrome.messages();
    let q = values(&pairs, "q").into_iter().next().unwrap_or_default();
    let levels = values(&pairs, "level");
    let purposes = values(&pairs, "purpose");
    let open_only = values(&pairs, "open_only")
        .iter()
        .any(|v| v == "1" || v == "on");
    let request = SearchRequest {
        query: &q,
        top_k: Some(20),
        levels: &levels,
        purposes: &purposes,
        open_only,
    };
    let asked = pairs.iter().any(|(k, _)| k == "q");
    // Filters are checked even without a query, so a bad link says what is wrong.
    let result = match state.app.check_filters(&request) {
        Err(e) => Err(e),
        Ok(()) if asked => state
            .app
            .search(&request, Channel::Operator)
            .await
            .map(|logged| Some(logged.outcome)),
        Ok(()) => Ok(None),
    };
    let (status, outcome, error) = match result {
        Ok(outcome) => (StatusCode::OK, outcome, None),
        Err(AppError::Invalid {
            code,
            message,
            wording,
        }) => {
            let error = if code == "empty_query" {
                vec![Segment::Text(m.t("search-error-empty"))]
            } else if let Some(wording) = wording {
                vec![Segment::Text(wording.text_in(page.lang))]
            } else {
                // The validator explains in Japanese; other languages get a lead-in first.
                let detail = message
                    .split_once(": ")
                    .map_or(message.clone(), |(_, d)| d.to_string());
                if page.lang == Lang::Ja {
                    vec![Segment::Text(detail)]
                } else {
                    vec![
                        Segment::Text(format!("{} ", m.t("search-error-invalid"))),
                        super::facts::japanese(page.lang, &detail),
                    ]
                }
            };
            (StatusCode::BAD_REQUEST, None, Some(error))
        }
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                Some(vec![Segment::Text(m.t("search-error-failed"))]),
            )
        }
    };
    let page = SearchPage {
        title: m.t("search-title"),
        levels: Level::ALL
            .iter()
            .map(|l| Choice {
                value: l.as_str().to_string(),
                label: m.level(*l),
                checked: levels.iter().any(|x| x == l.as_str()),
            })
            .collect(),
        purposes: PURPOSES
            .iter()
            .map(|p| Choice {
                value: p.to_string(),
                label: m.purpose(p),
                checked: purposes.iter().any(|x| x == p),
            })
            .collect(),
        q,
        open_only,
        results: outcome.map(|o| results(&state.app, o, m)),
        error,
        chrome,
    };
    render(status, &page)
}
