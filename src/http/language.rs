//! The language of a page: `?lang=ja|easy|en` first, then the `shien_lang` cookie, else
//! Japanese. Never guessed from `Accept-Language`: a browser set to English in a Tokyo office
//! is no sign that its user cannot read Japanese, and the choice must be visible and undoable.
//! A `?lang=` that differs from the cookie sets the cookie, so the choice follows the person
//! from page to page. JSON API errors are worded in the same language (see `error::reword`).

use std::convert::Infallible;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use super::extract::cookie;
use super::state::AppState;
use crate::domain::Lang;

pub const COOKIE: &str = "shien_lang";
const ONE_YEAR_SECS: u32 = 365 * 24 * 3600;

/// The `lang` query parameter, when it names a language.
fn lang_in_query(query: Option<&str>) -> Option<Lang> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}

/// Decides the request's language (put in its extensions for [`PageLang`]) and remembers a
/// language chosen in the URL in the cookie.
pub async fn choose(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let from_url = lang_in_query(request.uri().query());
    let from_cookie = cookie(request.headers(), COOKIE).and_then(|c| Lang::parse(&c));
    let lang = from_url.or(from_cookie).unwrap_or_default();
    request.extensions_mut().insert(lang);
    let mut response = super::error::reword(next.run(request).await, lang);
    if let Some(chosen) = from_url
        && from_cookie != Some(chosen)
    {
        let secure = if state.secure_cookies { "; Secure" } else { "" };
        let value = format!(
            "{COOKIE}={}; Path=/; Max-Age={ONE_YEAR_SECS}; SameSite=Lax; HttpOnly{secure}",
            chosen.code()
        );
        response.headers_mut().append(
            header::SET_COOKIE,
            HeaderValue::from_str(&value).expect("ASCII cookie"),
        );
    }
    response
}

/// What a page needs to know about the request's language: the language and the address of
/// the same page in each language (for the switch).
#[derive(Debug, Clone)]
pub struct PageLang {
    pub lang: Lang,
    path: String,
    query: Vec<(String, String)>,
}

impl PageLang {
    /// A page outside a request (tests).
    pub fn new(lang: Lang, path: &str) -> PageLang {
        PageLang {
            lang,
            path: path.to_string(),
            query: Vec::new(),
        }
    }

    /// This page's address in `lang`: the same path and query, `lang` replaced.
    pub fn href(&self, lang: Lang) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.query.iter().filter(|(k, _)| k != "lang") {
            query.append_pair(k, v);
        }
        query.append_pair("lang", lang.code());
        format!("{}?{}", self.path, query.finish())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let query = form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(PageLang {
            lang,
            path: parts.uri.path().to_string(),
            query,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_keeps_the_query_and_replaces_the_language() {
        let page = PageLang {
            lang: Lang::Ja,
            path: "/search".into(),
            query: vec![
                ("q".into(), "創業 融資".into()),
                ("lang".into(), "ja".into()),
                ("level".into(), "ward".into()),
            ],
        };
        assert_eq!(
            page.href(Lang::En),
            "/search?q=%E5%89%B5%E6%A5%AD+%E8%9E%8D%E8%B3%87&level=ward&lang=en"
        );
    }

    #[test]
    fn only_known_codes_choose_a_language() {
        assert_eq!(lang_in_query(Some("q=x&lang=easy")), Some(Lang::Easy));
        assert_eq!(lang_in_query(Some("lang=fr")), None);
        assert_eq!(lang_in_query(None), None);
    }
}
