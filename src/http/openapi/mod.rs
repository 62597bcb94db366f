//! The OpenAPI 3.1 contract, generated from the handlers' `#[utoipa::path]` attributes and the
//! request and response types, served at `/api/openapi.json`.

use axum::Json;
use axum::extract::State;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::AppState;
use super::api::{self, chat as chat_api};
use super::fields;
use super::pages::{
    self, admin, chat as chat_pages, recommend as recommend_pages, scheme as scheme_pages,
    search as search_pages,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "支援ナビ API", description = "港区の中小企業向け支援制度（区・都・国）の検索、質問票による推薦、チャット相談と職員向け管理画面。エラーはすべて `{\"error\": コード, \"message\": 説明}` の形。説明は `?lang=ja|easy|en`、`shien_lang` クッキー、チャットでは本文の `lang` の言語で返す（既定は日本語）。コードはどの言語でも同じ。"),
    paths(
        api::search, api::scheme, api::recommend, api::health,
        chat_api::chat, chat_api::feedback, chat_pages::chat_page, chat_pages::chat_post,
        pages::home, search_pages::search_page, scheme_pages::scheme_page, pages::stylesheet, pages::chat_script,
        recommend_pages::questionnaire_page, recommend_pages::results_page,
        admin::auth::login_form, admin::auth::login, admin::auth::logout, admin::dashboard::dashboard,
        admin::inquiries::inquiries, admin::inquiries::inquiry_detail,
        admin::tickets::tickets, admin::tickets::ticket_done, admin::export::export_inquiries, admin::export::export_tickets,
        admin::report::report, admin::report::report_csv, admin::freshness::freshness,
        admin::accounts::accounts, admin::accounts::create_account, admin::accounts::change_role,
        admin::accounts::reset_password, admin::audit::audit_log,
        admin::judgments::judgments, admin::judgments::record, admin::judgments::approve,
        admin::judgments::reject,
        admin::corpus::list, admin::corpus::edit_form, admin::corpus::save, admin::corpus::history,
        admin::corpus::rollback, admin::corpus::new_form, admin::corpus::create,
        admin::corpus::delete_form, admin::corpus::delete,
        openapi_json,
    ),
    components(schemas(
        super::error::ErrorBody, fields::PurposeKey, fields::PurposeChoice, fields::IndustryName, fields::LevelKey,
        fields::FormLocation, fields::FormYears, fields::FormBool, fields::FormOptionalBool, fields::FormNumber,
        crate::domain::handoff::HandoffCategoryLabel, crate::domain::handoff::HandoffReasonLabel,
    )),
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
        components.add_security_scheme(
            "staff_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("shien_staff"))),
        );
    }
}

#[utoipa::path(get, path = "/api/openapi.json", tag = "ops", responses((status = 200, description = "この文書", content_type = "application/json", body = Object)))]
pub async fn openapi_json(State(state): State<AppState>) -> Json<utoipa::openapi::OpenApi> {
    let mut doc = ApiDoc::openapi();
    // The questionnaire form's choices are corpus data, so the contract follows the corpus.
    if let (Some(questionnaire), Some(components)) =
        (state.app.questionnaire(), doc.components.as_mut())
    {
        for (schema, field, description) in [
            ("FormLocation", "location", "所在地の選択肢"),
            (
                "FormYears",
                "years_in_business",
                "創業からの年数の選択肢（空は答えない）",
            ),
        ] {
            if let Some(q) = questionnaire.questions.iter().find(|q| q.field == field) {
                components.schemas.insert(
                    schema.to_string(),
                    fields::string_enum(q.options.iter().map(|o| o.value.clone()), description),
                );
            }
        }
    }
    Json(doc)
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    use super::ApiDoc;
    use crate::domain::handoff::{HandoffCategory, HandoffReason, StableCode};

    #[test]
    fn hand_off_category_and_reason_are_documented_as_their_japanese_labels() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let schemas = &doc["components"]["schemas"];
        let handoff = &schemas["HandoffInfo"]["properties"];
        let categories: Vec<&str> = HandoffCategory::ALL.iter().map(|c| c.label_ja()).collect();
        let reasons: Vec<&str> = HandoffReason::ALL.iter().map(|r| r.label_ja()).collect();
        assert!(categories.contains(&"苦情・ご意見"));
        for (field, schema, labels) in [
            ("category", "HandoffCategoryLabel", categories),
            ("reason", "HandoffReasonLabel", reasons),
        ] {
            assert_eq!(
                handoff[field]["$ref"],
                format!("#/components/schemas/{schema}"),
                "{handoff}"
            );
            assert_eq!(schemas[schema]["enum"], serde_json::json!(labels));
        }
    }
}
