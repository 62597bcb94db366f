//! Schemas for request fields whose allowed values come from the corpus model; they exist only
//! to make the contract exact (the handlers validate the same rules and answer 400 otherwise).

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
/// either the years since founding, and they are 0 for a business outside the area; a head
/// office answered as in the area cannot be outside Tokyo (400).
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
    /// Which circumstances some schemes are made for apply (social business, disaster,
    /// downturn …); an empty list says none.
    situations: Option<Vec<crate::domain::scheme::Situation>>,
    /// Which plans, certifications or facts some schemes presuppose the business holds (an
    /// approved 経営革新計画 …); an empty list says none.
    prerequisites: Option<Vec<crate::domain::scheme::Prerequisite>>,
    /// For a branch: whether the head office is in Tokyo (settles Tokyo head-office rules).
    head_office_in_tokyo: Option<bool>,
    /// For an industry that mixes two readings of the SME law (宿泊業、飲食サービス業 …): the
    /// business's trade (settles size caps).
    trade: Option<crate::domain::scheme::Trade>,
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
