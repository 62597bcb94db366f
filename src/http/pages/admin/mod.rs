//! The staff console under `/admin`: login (argon2, lock-out), CSRF-protected forms, the
//! dashboard with SVG charts, the inquiry list and detail, the hand-off ticket queue, CSV
//! export, the monthly report to the ward (page and CSV), the corpus freshness board, staff
//! accounts and the audit log. Every logged text shown here is escaped by the templates.
//!
//! Every handler names what it needs in its signature: `Allowed<can::X>` lets in a logged-in
//! member whose role allows `X` and answers everyone else (a page in the chosen language, or
//! JSON `{error, message}` for downloads), writing the refusal to the audit log. The console's
//! own words come from `locales/<lang>/console.ftl`; logged texts (inquiries, outcomes,
//! judgments) are shown as they were written, marked `lang="ja"`.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod corpus;
pub mod dashboard;
pub mod export;
pub mod freshness;
pub mod inquiries;
pub mod judgments;
pub mod report;
pub mod tickets;

use std::marker::PhantomData;

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::app::App;
use crate::app::messages::{Arg, Messages, label_key, permission_key, purpose_key};
use crate::app::refusal::Wording;
use crate::app::staff::StaffMember;
use crate::domain::Level;
use crate::domain::handoff::{HandoffCategory, HandoffReason, StableCode};
use crate::domain::inquiry::{Channel, InquiryKind};
use crate::domain::staff::Permission;
use crate::http::AppState;
use crate::http::error::ApiError;
use crate::http::extract::cookie;
use crate::http::language::PageLang;
use crate::http::pages::{Chrome, render};

pub const SESSION_COOKIE: &str = "shien_staff";
pub const LOGIN_CSRF_COOKIE: &str = "shien_login_csrf";

pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("valid cookie")
}

/// A logged-in staff member of any role; extracting it from a request enforces the login.
/// Only logging out needs nothing more: every other handler takes [`Allowed`].
pub struct Staff(pub StaffMember);

/// What a handler needs the member's role to allow (one marker type per [`Permission`]).
pub trait Requires {
    const PERMISSION: Permission;
}

/// The markers handlers name in `Allowed<can::X>`.
pub mod can {
    use super::{Permission, Requires};

    macro_rules! markers {
        ($($name:ident),* $(,)?) => {$(
            pub struct $name;
            impl Requires for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }

    markers!(
        ReadInquiries,
        HandleTickets,
        RecordJudgments,
        ReadReports,
        ApproveFixes,
        EditCorpus,
        ManageAccounts,
        ReadAudit,
    );
}

/// A logged-in staff member whose role allows `P`.
pub struct Allowed<P>(pub StaffMember, PhantomData<P>);

/// Why a request to the console was refused.
pub enum Refusal {
    /// Pages redirect to the login form.
    Login,
    /// Exports and other machine endpoints answer 401.
    Unauthorized,
    /// Logged in, but the role does not allow it: 403, already rendered.
    Forbidden(Response),
    Failed(ApiError),
}

/// Downloads are read by programs as often as by people: they answer JSON, not pages.
fn machine_path(path: &str) -> bool {
    path.starts_with("/admin/export") || path.ends_with(".csv")
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Login => Redirect::to("/admin/login").into_response(),
            Refusal::Unauthorized => {
                ApiError::unauthorized(Wording::new("console-refusal-login")).into_response()
            }
            Refusal::Forbidden(response) => response,
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
        // Downloads are read by programs as often as by people: they answer 401, not a redirect.
        let machine = machine_path(parts.uri.path());
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
        match state.app.staff_session(&token).await {
            Ok(Some(member)) => Ok(Staff(member)),
            Ok(None) => Err(refuse()),
            Err(e) => Err(Refusal::Failed(ApiError::Internal(e.to_string()))),
        }
    }
}

impl<P: Requires> FromRequestParts<AppState> for Allowed<P> {
    type Rejection = Refusal;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Staff(member) = Staff::from_request_parts(parts, state).await?;
        if member.may(P::PERMISSION) {
            return Ok(Allowed(member, PhantomData));
        }
        let path = parts.uri.path().to_string();
        if let Err(e) = state
            .app
            .record_refusal(&member, P::PERMISSION, &path)
            .await
        {
            return Err(Refusal::Failed(ApiError::from(e)));
        }
        let page = PageLang::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let wording = Wording::new("forbidden-message")
            .label("action", permission_key(P::PERMISSION))
            .label("role", label_key(member.role));
        // Downloads answer JSON, worded in the chosen language as every JSON error is.
        if machine_path(&path) {
            return Err(Refusal::Forbidden(
                ApiError::forbidden(wording).into_response(),
            ));
        }
        let m = Messages::new(page.lang);
        let message = wording.text_in(page.lang);
        Err(Refusal::Forbidden(render(
            StatusCode::FORBIDDEN,
            &ForbiddenPage {
                title: m.t("forbidden-title"),
                chrome: Chrome::console(&state.app, &page),
                staff: Some(member),
                message,
            },
        )))
    }
}

/// The page a member sees when their role does not allow what they asked for.
#[derive(Template)]
#[template(path = "admin/forbidden.html")]
struct ForbiddenPage {
    title: String,
    chrome: Chrome,
    staff: Option<StaffMember>,
    message: String,
}

impl<P> Allowed<P> {
    /// A form whose CSRF token does not match is refused with 403.
    #[allow(clippy::result_large_err)]
    pub fn check_csrf(&self, submitted: &str) -> Result<(), Response> {
        csrf_check(&self.0, submitted)
    }
}

#[allow(clippy::result_large_err)]
fn csrf_check(member: &StaffMember, submitted: &str) -> Result<(), Response> {
    if member.csrf_ok(submitted) {
        Ok(())
    } else {
        Err(ApiError::forbidden(Wording::new("console-refusal-csrf")).into_response())
    }
}

impl Staff {
    /// A form whose CSRF token does not match is refused with 403.
    // The error is the response itself, returned to axum at once rather than propagated.
    #[allow(clippy::result_large_err)]
    pub fn check_csrf(&self, submitted: &str) -> Result<(), Response> {
        csrf_check(&self.0, submitted)
    }
}

impl Chrome {
    /// The layout of a console page, in the language chosen for the request.
    pub fn console(app: &App, page: &PageLang) -> Chrome {
        Chrome::new(app, "admin", page)
    }

    /// Who is logged in, and in which role (the console's menu).
    pub fn signed_in(&self, member: &StaffMember) -> String {
        let m = self.messages();
        m.targs(
            "console-signed-in",
            &[("name", &member.username), ("role", &m.label(member.role))],
        )
    }
}

/// A label the app counted under its Japanese name (channel, kind, hand-off category or
/// reason, level, purpose) in the page's language; any other text (an inquiry, a scheme's
/// title) as it is, with `false`: it stays Japanese and is marked so.
pub fn relabel(m: &Messages, label: &str) -> (String, bool) {
    fn find<T: StableCode>(label: &str, ja: fn(T) -> &'static str) -> Option<T> {
        T::ALL.iter().copied().find(|v| ja(*v) == label)
    }
    let found = find(label, Channel::label_ja)
        .map(|c| m.label(c))
        .or_else(|| find(label, InquiryKind::label_ja).map(|k| m.label(k)))
        .or_else(|| find(label, HandoffCategory::label_ja).map(|c| m.handoff_category(c)))
        .or_else(|| find(label, HandoffReason::label_ja).map(|r| m.handoff_reason(r)))
        .or_else(|| {
            [
                Level::Ward,
                Level::Tokyo,
                Level::National,
                Level::Prefecture,
            ]
            .into_iter()
            .find(|l| l.label_ja() == label)
            .map(|l| m.level(l))
        })
        .or_else(|| purpose_key(label).map(|k| m.t(k)))
        .or_else(|| report_label_key(label).map(|k| m.t(k)));
    match found {
        Some(text) => (text, true),
        None => (label.to_string(), false),
    }
}

/// The catalog key of a label the monthly report counts under besides the stored codes
/// ("no purpose picked", "no scheme shown", "level unknown").
pub fn report_label_key(label: &str) -> Option<&'static str> {
    use crate::domain::report::{LEVEL_UNKNOWN, NO_PURPOSE, NO_SCHEME_SHOWN};
    match label {
        NO_PURPOSE => Some("report-label-no-purpose"),
        NO_SCHEME_SHOWN => Some("report-label-no-scheme-shown"),
        LEVEL_UNKNOWN => Some("report-label-level-unknown"),
        _ => None,
    }
}

/// "(showing: open, 3)" after a list's status filter; `None` when every status is shown.
pub fn showing(m: &Messages, status: Option<String>, count: usize) -> String {
    let status = status.unwrap_or_else(|| m.t("console-all"));
    m.tv(
        "console-showing",
        &[
            ("status", Arg::Text(&status)),
            ("count", Arg::Number(count as u64)),
        ],
    )
}

/// A staff page's response with the session cookie cleared (logout) or set.
pub fn with_cookie(mut response: Response, value: HeaderValue) -> Response {
    response.headers_mut().append(header::SET_COOKIE, value);
    response
}
