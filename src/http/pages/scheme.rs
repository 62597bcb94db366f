//! `/schemes/{id}`: one scheme with its facts, conditions, FAQs, desks and related schemes, in
//! the language the visitor chose. Translated words come from the reviewed translations; facts
//! come from the fields (`facts`); the Japanese entry stays on the page and prevails.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::facts::{self, Fact, japanese};
use super::{Chrome, MessagePage, render};
use crate::app::search::SchemeView;
use crate::app::words::{DeskWords, FaqWords, SchemeWords, Source};
use crate::app::{App, Engine};
use crate::domain::Lang;
use crate::domain::corpus::translation::Segment;
use crate::http::AppState;
use crate::http::language::PageLang;

/// A desk as the page lists it: words from the translation, hours and phone from the fields.
struct DeskView<'a> {
    words: DeskWords<'a>,
    hours: String,
    phone: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "scheme.html")]
struct SchemePage<'a> {
    title: String,
    chrome: Chrome,
    view: SchemeView<'a>,
    w: SchemeWords<'a>,
    facts: Vec<Fact>,
    details: Vec<&'a str>,
    faqs: Vec<FaqWords>,
    desks: Vec<DeskView<'a>>,
    related: Vec<(&'a str, Vec<Segment>)>,
    /// Set on an editor's preview of a draft: what the page says it is.
    preview: Option<String>,
}

#[utoipa::path(get, path = "/schemes/{id}", tag = "pages", params(("id" = String, Path, description = "制度ID", example = "minato-sogyo-hojo"), ("lang" = Option<String>, Query, description = "表示する言語（ja・easy・en。それ以外の値は日本語で表示）", example = "en")), responses((status = 200, description = "制度の詳細", content_type = "text/html", body = String), (status = 404, description = "該当なし", content_type = "text/html", body = String)))]
pub async fn scheme_page(
    State(state): State<AppState>,
    page: PageLang,
    Path(id): Path<String>,
) -> Response {
    let chrome = Chrome::new(&state.app, "search", &page);
    let m = chrome.messages();
    let lang = page.lang;
    let engine = state.app.engine();
    let Ok(view) = state.app.scheme(&engine.corpus, &id) else {
        return render(
            StatusCode::NOT_FOUND,
            &MessagePage {
                title: chrome.t("notfound-title"),
                heading: chrome.t("scheme-notfound-heading"),
                text: m.ta("scheme-notfound-text", "id", &id),
                link: Some(("/search", chrome.t("scheme-notfound-link"))),
                chrome,
            },
        );
    };
    scheme_view_page(&state.app, &engine, view, chrome, lang, None)
}

/// The public page of `view` (from the published corpus, or from a draft's for `preview`);
/// desks come from `engine`.
pub fn scheme_view_page(
    app: &App,
    engine: &Engine,
    view: SchemeView<'_>,
    chrome: Chrome,
    lang: Lang,
    preview: Option<String>,
) -> Response {
    let m = chrome.messages();
    let s = view.scheme;
    let w = app.scheme_words(s, lang);
    let text = |t: String| Segment::Text(t);
    let mut facts = vec![
        Fact {
            label: m.t("fact-provider"),
            lines: vec![vec![
                text(format!("{}{}", m.level(s.level), m.t("paren-open"))),
                japanese(lang, &s.provider),
                text(m.t("paren-close")),
            ]],
        },
        Fact {
            label: m.t("fact-kind"),
            lines: vec![vec![text(m.kind(s.kind))]],
        },
        Fact {
            label: m.t("fact-purposes"),
            lines: vec![vec![text(
                s.purposes
                    .iter()
                    .map(|p| m.purpose(p))
                    .collect::<Vec<_>>()
                    .join(&m.t("list-separator")),
            )]],
        },
    ];
    facts.extend(facts::amount(s, m));
    facts.push(facts::window(s, view.status, m));
    if let Some(who) = &w.who {
        facts.push(Fact {
            label: m.t("fact-who"),
            lines: vec![who.clone()],
        });
    }
    facts.push(Fact {
        label: m.t("fact-how"),
        lines: vec![w.how_to_apply.clone()],
    });
    facts.push(Fact {
        label: m.t("fact-contact"),
        lines: vec![vec![japanese(lang, &s.contact)]],
    });
    facts.push(Fact {
        label: m.t("fact-as-of"),
        lines: vec![vec![text(facts::date(lang, s.as_of))]],
    });
    let desks = app
        .desks_of_scheme(engine, &s.id, lang)
        .into_iter()
        .map(|words| DeskView {
            hours: m.desk_hours(words.desk),
            phone: words.desk.phone.as_deref(),
            words,
        })
        .collect();
    let page = SchemePage {
        title: w.title_text(),
        facts,
        details: s.details.trim().lines().collect(),
        faqs: view.faqs.iter().map(|f| app.faq_words(f, lang)).collect(),
        desks,
        related: view
            .related
            .iter()
            .map(|r| (r.id.as_str(), app.scheme_words(r, lang).title))
            .collect(),
        chrome,
        view,
        w,
        preview,
    };
    render(StatusCode::OK, &page)
}
