//! The OpenAPI 3.1 contract, generated from the handlers' `#[utoipa::path]` attributes and the
//! request and response types, served at `/api/openapi.json`.

use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{admin, api, chat_api, pages, recommend_pages};

#[derive(OpenApi)]
#[openapi(
    info(title = "支援ナビ API", description = "港区の中小企業向け支援制度（区・都・国）の検索、質問票による推薦、チャット相談と職員向け管理画面。エラーはすべて `{\"error\": コード, \"message\": 説明}` の形。"),
    paths(
        api::search, api::scheme, api::recommend, api::health,
        chat_api::chat, chat_api::feedback, chat_api::chat_page, chat_api::chat_post,
        pages::home, pages::search_page, pages::scheme_page, pages::stylesheet, pages::chat_script,
        recommend_pages::questionnaire_page, recommend_pages::results_page,
        admin::login_form, admin::login, admin::logout, admin::dashboard, admin::inquiries, admin::inquiry_detail,
        admin::tickets, admin::ticket_done, admin::export_inquiries, admin::export_tickets,
        openapi_json,
    ),
    components(schemas(super::error::ErrorBody)),
    modifiers(&StaffSession),
    tags(
        (name = "search", description = "制度とFAQの検索"),
        (name = "recommend", description = "質問票による推薦"),
        (name = "chat", description = "チャット相談と評価"),
        (name = "pages", description = "HTML画面"),
        (name = "admin", description = "職員向け管理画面（ログインが必要）"),
        (name = "ops", description = "運用"),
    )
)]
pub struct ApiDoc;

struct StaffSession;

impl Modify for StaffSession {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("staff_session", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("shien_staff"))));
    }
}

#[utoipa::path(get, path = "/api/openapi.json", tag = "ops", responses((status = 200, description = "この文書", content_type = "application/json", body = Object)))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
