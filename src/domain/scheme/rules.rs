//! A scheme's eligibility rules as structured fields.

use serde::{Deserialize, Serialize};

use super::{Prerequisite, Situation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Minato,
    Tokyo,
    Anywhere,
    /// A prefecture other than Tokyo (imported open data).
    OtherPrefecture,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfficeRule {
    /// 本店・主たる事業所 must be in the area.
    HeadOffice,
    /// Any place of business in the area is enough.
    AnyOffice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SizeRule {
    /// 中小企業基本法の中小企業者.
    Sme,
    /// 小規模事業者.
    Small,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PreFounding {
    Allowed,
    Only,
    No,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    Any,
    Corporate,
    SoleProprietor,
}

/// The trade of a business whose industry answer mixes two 中小企業基本法 readings, which decides
/// its size caps: a restaurant or an inn in 宿泊業、飲食サービス業, a wholesaler or a retailer in
/// 卸売業、小売業, and so on. Given in `facts.trade` when a result names the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trade {
    /// 卸売業.
    Wholesale,
    /// 小売業.
    Retail,
    /// 飲食店 (a retail trade under the law).
    Restaurant,
    /// 宿泊業 (a service with the 20-person small-business cap).
    Lodging,
    /// 生活関連サービス業 (理容・美容・クリーニング …).
    PersonalServices,
    /// 娯楽業 (a service with the 20-person small-business cap).
    Entertainment,
    /// 不動産業 (one of the law's "other" industries).
    RealEstate,
    /// 物品賃貸業 (a service).
    Rental,
    /// ソフトウェア・情報処理 (one of the law's "other" industries).
    Software,
    /// 映像・音声・放送など (services).
    Media,
}

impl Trade {
    /// The law's sector for this trade and its small-business employee cap.
    pub fn reading(self) -> (Sector, u32) {
        match self {
            Trade::Wholesale => (Sector::Wholesale, 5),
            Trade::Retail | Trade::Restaurant => (Sector::Retail, 5),
            Trade::Lodging | Trade::Entertainment => (Sector::Services, 20),
            Trade::PersonalServices | Trade::Rental | Trade::Media => (Sector::Services, 5),
            Trade::RealEstate => (Sector::ManufacturingOther, 5),
            Trade::Software => (Sector::ManufacturingOther, 20),
        }
    }
}

/// The four 中小企業基本法 sectors that size caps are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// 製造業・建設業・運輸業その他.
    ManufacturingOther,
    /// 卸売業.
    Wholesale,
    /// 小売業（飲食店を含む）.
    Retail,
    /// サービス業.
    Services,
}

impl Sector {
    pub const ALL: [Sector; 4] = [
        Sector::ManufacturingOther,
        Sector::Wholesale,
        Sector::Retail,
        Sector::Services,
    ];

    pub fn label_ja(self) -> &'static str {
        match self {
            Sector::ManufacturingOther => "製造業・その他",
            Sector::Wholesale => "卸売業",
            Sector::Retail => "小売業",
            Sector::Services => "サービス業",
        }
    }
}

/// A size cap written by sector, as loan and grant rules write them ("資本金1,000万円以下または
/// 従業員100人（小売・卸売・サービス業は30人）以下"): a business is within it when its capital OR
/// its employees are within, the way 中小企業基本法 reads its own caps. Sole proprietors have
/// no capital, so only the employee cap can hold for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SizeCap {
    /// The sectors this cap is for; empty = every sector.
    #[serde(default)]
    pub sectors: Vec<Sector>,
    #[serde(default)]
    pub max_employees: Option<u32>,
    #[serde(default)]
    pub max_capital_yen: Option<u64>,
}

impl SizeCap {
    pub fn covers(&self, sector: Sector) -> bool {
        self.sectors.is_empty() || self.sectors.contains(&sector)
    }
}

/// Conditions on the owner (代表者・創業者), asked only where a scheme has them. The age and
/// gender branches are alternatives ("女性、または35歳未満、または55歳以上"): the owner
/// qualifies through any one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRule {
    /// Women qualify whatever their age.
    #[serde(default)]
    pub women: bool,
    /// People younger than this qualify (35歳未満 -> 35; 39歳以下 -> 40).
    #[serde(default)]
    pub below_age: Option<u32>,
    /// People this old or older qualify (55歳以上 -> 55).
    #[serde(default)]
    pub from_age: Option<u32>,
    /// Fewer than this many years' experience running a business (経営経験が通算5年未満 -> 5).
    #[serde(default)]
    pub max_management_years: Option<u32>,
}

impl PersonRule {
    /// Whether the rule has an age-or-gender branch at all.
    pub fn has_age_rule(&self) -> bool {
        self.women || self.below_age.is_some() || self.from_age.is_some()
    }
}

fn anywhere() -> Area {
    Area::Anywhere
}

fn is_anywhere(a: &Area) -> bool {
    *a == Area::Anywhere
}

/// Structured eligibility, evaluated by the `eligibility` module. Every rule a profile
/// can decide lives in a field; `conditions` keeps only facts about the applicant that no field
/// holds, and `requirements` what the project or the application must meet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRules {
    pub location: Area,
    pub office: OfficeRule,
    pub size: SizeRule,
    #[serde(default)]
    pub max_employees: Option<u32>,
    /// At least this many employees (常時雇用する従業員2人以上 -> 2).
    #[serde(default)]
    pub min_employees: Option<u32>,
    #[serde(default)]
    pub max_capital_yen: Option<u64>,
    /// Caps by sector, each met by capital or employees (see [`SizeCap`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub size_caps: Vec<SizeCap>,
    /// At least this many whole years in business.
    #[serde(default)]
    pub min_years: Option<u32>,
    /// Where the `min_years` must have been spent: anywhere, in Tokyo (都内で2年以上) or in the
    /// ward (区内で引き続き1年以上).
    #[serde(default = "anywhere", skip_serializing_if = "is_anywhere")]
    pub min_years_area: Area,
    /// Fewer than this many years since founding (創業N年未満).
    #[serde(default)]
    pub max_years: Option<u32>,
    pub pre_founding: PreFounding,
    pub legal_form: LegalForm,
    #[serde(default)]
    pub shotenkai_member: bool,
    /// jGrants industries that may not apply (保証対象外業種 …), on top of `industries`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_industries: Vec<String>,
    /// jGrants industries of which only some businesses qualify (金融業、保険業 for credit
    /// guarantees: insurance agents do, banks do not): such a business is unknown, not unmet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partly_excluded_industries: Vec<String>,
    /// Given once per business (過去にこの補助金を受けていないこと).
    #[serde(default)]
    pub once_only: bool,
    /// Schemes whose recipients may not apply (東京都の創業助成事業を受けた者は対象外), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_for_recipients_of: Vec<String>,
    /// Conditions on the owner (age, gender, management experience).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRule>,
    /// Annual sales at least / below these amounts (売上高10億円以上100億円未満).
    #[serde(default)]
    pub min_sales_yen: Option<u64>,
    #[serde(default)]
    pub max_sales_yen: Option<u64>,
    /// Whom the scheme is made for beyond the questionnaire's facts (a social business, a
    /// business hit by a disaster …): any one qualifies. See [`Situation`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<Situation>,
    /// What the scheme presupposes the business already holds (an approved 経営革新計画, a
    /// certified 事業継続力強化計画, the disability-employment rate met …): any one qualifies.
    /// See [`Prerequisite`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Prerequisite>,
    /// Facts about the applicant in plain words that no field holds (taxes paid, not a
    /// virtual office …). `shien corpus check --strict` rejects numbers and rule words here.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// What the project, the workforce or the application must meet (a plan, a wage rise,
    /// prior support, dates): not facts about the business a profile could hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
}

/// 中小企業基本法's 小規模事業者: at most this many regular employees in manufacturing and
/// most other industries, in commerce and services, and in lodging and entertainment.
pub const SMALL_BY_LAW: SmallCaps = SmallCaps {
    others: 20,
    commerce: 5,
    lodging: 20,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmallCaps {
    pub others: u32,
    pub commerce: u32,
    pub lodging: u32,
}

impl EligibilityRules {
    /// For small businesses (小規模事業者) with no caps of the entry's own, or only the law's
    /// widest one restated (従業員20人以下): the law's caps (中小企業基本法) are the ones that
    /// apply, 5 people in commerce and services included.
    pub fn small_by_law(&self) -> bool {
        self.size == SizeRule::Small
            && self.size_caps.is_empty()
            && self.max_employees.is_none_or(|n| n == SMALL_BY_LAW.others)
    }

    /// Rules that admit anyone in `location` (imports start from these).
    pub fn open(location: Area) -> EligibilityRules {
        EligibilityRules {
            location,
            office: OfficeRule::AnyOffice,
            size: SizeRule::Any,
            max_employees: None,
            min_employees: None,
            max_capital_yen: None,
            size_caps: Vec::new(),
            min_years: None,
            min_years_area: Area::Anywhere,
            max_years: None,
            pre_founding: PreFounding::Allowed,
            legal_form: LegalForm::Any,
            shotenkai_member: false,
            excluded_industries: Vec::new(),
            partly_excluded_industries: Vec::new(),
            once_only: false,
            not_for_recipients_of: Vec::new(),
            person: None,
            min_sales_yen: None,
            max_sales_yen: None,
            situations: Vec::new(),
            requires: Vec::new(),
            conditions: Vec::new(),
            requirements: Vec::new(),
        }
    }
}
