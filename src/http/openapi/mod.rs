//! The OpenAPI 3.1 contract, generated from the handlers' `#[utoipa::path]` attributes and the
//! request and response types, served at `/api/openapi.json`.

use axum::Json;
use axum::extract::State;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::AppState;
use super::api::{self, chat as chat_api};
use super::pages::{
    self, admin, chat as chat_pages, recommend as recommend_pages, scheme as scheme_pages,
    search as search_pages,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "支援ナビ API", description = "港区の中小企業向け支援制度（区・都・国）の検索、質問票による推薦、チャット相談と職員向け管理画面。エラーはすべて `{\"error\": コード, \"message\": 説明}` の形。"),
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

/// Schemas for request fields whose allowed values come from the corpus model; they exist only
/// to make the contract exact (the handlers validate the same rules and answer 400 otherwise).
pub mod fields {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    use utoipa::{PartialSchema, ToSchema};

    use crate::domain::scheme::{INDUSTRIES, PURPOSES};

    /// A string schema allowing exactly `values`.
    pub fn string_enum<V: Into<serde_json::Value>>(
        values: impl IntoIterator<Item = V>,
        description: &str,
    ) -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(values))
            .description(Some(description))
            .into()
    }

    /// A purpose key (jGrants-compatible), e.g. 創業.
    pub struct PurposeKey;
    impl PartialSchema for PurposeKey {
        fn schema() -> RefOr<Schema> {
            string_enum(PURPOSES, "目的キー")
        }
    }
    impl ToSchema for PurposeKey {}

    /// The search page's purpose choice: a purpose key, or empty for 指定しない.
    pub struct PurposeChoice;
    impl PartialSchema for PurposeChoice {
        fn schema() -> RefOr<Schema> {
            string_enum(
                std::iter::once("").chain(PURPOSES),
                "目的キー（空は指定なし）",
            )
        }
    }
    impl ToSchema for PurposeChoice {}

    /// An industry name as jGrants spells it.
    pub struct IndustryName;
    impl PartialSchema for IndustryName {
        fn schema() -> RefOr<Schema> {
            string_enum(INDUSTRIES, "業種（jGrants の大分類名）")
        }
    }
    impl ToSchema for IndustryName {}

    /// A government level to filter on.
    #[derive(serde::Serialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    pub enum LevelKey {
        Ward,
        Tokyo,
        National,
    }

    /// At least one character that is neither whitespace nor a control character.
    pub const VISIBLE: &str = r"[^\s\x00-\x1f\x7f-\x9f]";

    /// Free text the service searches or answers: 1–1000 characters, not only spaces.
    pub struct UserText;
    impl PartialSchema for UserText {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(1000))
                .pattern(Some(VISIBLE))
                .into()
        }
    }
    impl ToSchema for UserText {}

    /// Questionnaire answers. Beyond this schema: a sole proprietor (`corporate: false`) has no
    /// capital, and `founded: false` contradicts `years_in_business` above 0 (both 400).
    #[derive(utoipa::ToSchema)]
    #[allow(dead_code)]
    pub struct Answers {
        #[schema(inline)]
        location: Location,
        head_office: Option<bool>,
        industry: IndustryName,
        #[schema(minimum = 0, maximum = 1_000_000)]
        employees: i64,
        #[schema(minimum = 0)]
        capital_yen: Option<i64>,
        #[schema(minimum = 0, maximum = 300)]
        years_in_business: Option<i64>,
        founded: Option<bool>,
        corporate: bool,
        #[schema(value_type = Option<Vec<PurposeKey>>)]
        purposes: Option<Vec<String>>,
        shotenkai_member: Option<bool>,
        facts: Option<Facts>,
    }

    /// Facts the questionnaire does not ask, given when a result's unknown rule names one
    /// (`settle_by`). Beyond this schema: years in Minato cannot exceed years in Tokyo, nor
    /// either the years since founding, and they are 0 for a business outside the area (400).
    #[derive(utoipa::ToSchema)]
    #[allow(dead_code)]
    pub struct Facts {
        #[schema(minimum = 0, maximum = 300)]
        years_in_minato: Option<i64>,
        #[schema(minimum = 0, maximum = 300)]
        years_in_tokyo: Option<i64>,
        #[schema(minimum = 0, maximum = 130)]
        owner_age: Option<i64>,
        owner_female: Option<bool>,
        #[schema(minimum = 0, maximum = 300)]
        owner_management_years: Option<i64>,
        #[schema(minimum = 0)]
        annual_sales_yen: Option<i64>,
        /// Ids of schemes already received (once-only schemes); an empty list says none.
        received: Option<Vec<String>>,
    }

    #[derive(serde::Serialize, utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    pub enum Location {
        Minato,
        Tokyo,
        Other,
    }

    /// The questionnaire form's location choices. The values live in corpus/questionnaire.toml;
    /// [`super::openapi_json`] fills them in from the loaded questionnaire.
    pub struct FormLocation;
    impl PartialSchema for FormLocation {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some("所在地の選択肢（corpus/questionnaire.toml）"))
                .into()
        }
    }
    impl ToSchema for FormLocation {}

    /// The questionnaire form's years-in-business choices (empty: 答えない), filled in like
    /// [`FormLocation`].
    pub struct FormYears;
    impl PartialSchema for FormYears {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(Some("創業からの年数の選択肢（corpus/questionnaire.toml）"))
                .into()
        }
    }
    impl ToSchema for FormYears {}

    #[derive(serde::Serialize, utoipa::ToSchema)]
    #[allow(dead_code)]
    pub enum FormBool {
        #[serde(rename = "true")]
        True,
        #[serde(rename = "false")]
        False,
    }

    /// A yes/no question that may be left unanswered (empty).
    pub struct FormOptionalBool;
    impl PartialSchema for FormOptionalBool {
        fn schema() -> RefOr<Schema> {
            string_enum(["true", "false", ""], "はい / いいえ / 空は答えない")
        }
    }
    impl ToSchema for FormOptionalBool {}

    /// An optional number field: digits (commas allowed), or empty.
    pub struct FormNumber;
    impl PartialSchema for FormNumber {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^[0-9,，]{0,15}$"))
                .into()
        }
    }
    impl ToSchema for FormNumber {}
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
