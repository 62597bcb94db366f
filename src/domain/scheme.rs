//! The corpus model: what a support scheme is, in the ward's terms.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which government runs the scheme.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ward,
    Tokyo,
    National,
    /// Another prefecture's scheme (imported open data only): shown as a distractor.
    Prefecture,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Ward, Level::Tokyo, Level::National];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ward => "ward",
            Level::Tokyo => "tokyo",
            Level::National => "national",
            Level::Prefecture => "prefecture",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Level::Ward => "港区",
            Level::Tokyo => "東京都",
            Level::National => "国",
            Level::Prefecture => "他道府県",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "ward" | "minato" | "区" | "港区" => Some(Level::Ward),
            "tokyo" | "都" | "東京都" => Some(Level::Tokyo),
            "national" | "国" => Some(Level::National),
            "prefecture" => Some(Level::Prefecture),
            _ => None,
        }
    }
}

/// What the scheme gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Subsidy,
    Grant,
    LoanMediation,
    Loan,
    InterestSubsidy,
    Consultation,
    ExpertDispatch,
    Certification,
    Seminar,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Subsidy => "subsidy",
            Kind::Grant => "grant",
            Kind::LoanMediation => "loan_mediation",
            Kind::Loan => "loan",
            Kind::InterestSubsidy => "interest_subsidy",
            Kind::Consultation => "consultation",
            Kind::ExpertDispatch => "expert_dispatch",
            Kind::Certification => "certification",
            Kind::Seminar => "seminar",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Kind::Subsidy => "補助金",
            Kind::Grant => "助成金",
            Kind::LoanMediation => "融資あっせん・制度融資",
            Kind::Loan => "融資",
            Kind::InterestSubsidy => "利子補給・保証料補助",
            Kind::Consultation => "相談窓口",
            Kind::ExpertDispatch => "専門家派遣",
            Kind::Certification => "認定・税制",
            Kind::Seminar => "セミナー・講座",
        }
    }

    /// Schemes that pay money towards expenses; used to flag pairs that cannot be combined.
    pub fn is_funding(self) -> bool {
        matches!(
            self,
            Kind::Subsidy | Kind::Grant | Kind::LoanMediation | Kind::Loan | Kind::InterestSubsidy
        )
    }
}

/// The purposes a business can pick in the questionnaire and the operator filters.
pub const PURPOSES: [&str; 15] = [
    "創業",
    "設備投資",
    "IT導入",
    "販路拡大",
    "海外展開",
    "人材確保",
    "人材育成",
    "働き方・福利厚生",
    "事業承継",
    "資金繰り",
    "知的財産",
    "研究開発",
    "BCP・防災",
    "省エネ・環境",
    "商店街",
];

/// jGrants' `use_purpose` strings, and the purpose keys each one maps to.
pub const JGRANTS_PURPOSES: [(&str, &[&str]); 15] = [
    ("新たな事業を行いたい", &["創業", "研究開発"]),
    ("販路拡大・海外展開をしたい", &["販路拡大", "海外展開"]),
    ("イベント・事業運営支援がほしい", &["商店街", "販路拡大"]),
    ("事業を引き継ぎたい", &["事業承継"]),
    ("研究開発・実証事業を行いたい", &["研究開発"]),
    ("人材育成を行いたい", &["人材育成"]),
    ("資金繰りを改善したい", &["資金繰り"]),
    ("設備整備・IT導入をしたい", &["設備投資", "IT導入"]),
    (
        "雇用・職場環境を改善したい",
        &["人材確保", "働き方・福利厚生"],
    ),
    ("エコ・SDGs活動支援がほしい", &["省エネ・環境"]),
    (
        "災害（自然災害、感染症等）支援がほしい",
        &["BCP・防災", "資金繰り"],
    ),
    ("教育・子育て・少子化支援がほしい", &["働き方・福利厚生"]),
    ("スポーツ・文化支援がほしい", &["販路拡大"]),
    ("安全・防災対策支援がほしい", &["BCP・防災"]),
    ("まちづくり・地域振興支援がほしい", &["商店街"]),
];

/// jGrants' 20 industry strings (日本標準産業分類の大分類), exactly as jGrants writes them.
pub const INDUSTRIES: [&str; 20] = [
    "農業、林業",
    "漁業",
    "鉱業、採石業、砂利採取業",
    "建設業",
    "製造業",
    "電気・ガス・熱供給・水道業",
    "情報通信業",
    "運輸業、郵便業",
    "卸売業、小売業",
    "金融業、保険業",
    "不動産業、物品賃貸業",
    "学術研究、専門・技術サービス業",
    "宿泊業、飲食サービス業",
    "生活関連サービス業、娯楽業",
    "教育、学習支援業",
    "医療、福祉",
    "複合サービス事業",
    "サービス業（他に分類されないもの）",
    "公務（他に分類されるものを除く）",
    "分類不能の産業",
];

pub const ALL_INDUSTRIES: &str = "all";

pub fn is_purpose(key: &str) -> bool {
    PURPOSES.contains(&key)
}

pub fn is_industry(name: &str) -> bool {
    INDUSTRIES.contains(&name)
}

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

/// Structured eligibility, evaluated by [`crate::domain::eligibility`]. Every rule a profile
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
    /// Conditions on the owner (age, gender, management experience).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRule>,
    /// Annual sales at least / below these amounts (売上高10億円以上100億円未満).
    #[serde(default)]
    pub min_sales_yen: Option<u64>,
    #[serde(default)]
    pub max_sales_yen: Option<u64>,
    /// Facts about the applicant in plain words that no field holds (taxes paid, not a
    /// virtual office …). `shien corpus check --strict` rejects numbers and rule words here.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// What the project, the workforce or the application must meet (a plan, a wage rise,
    /// prior support, dates): not facts about the business a profile could hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
}

impl EligibilityRules {
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
            person: None,
            min_sales_yen: None,
            max_sales_yen: None,
            conditions: Vec::new(),
            requirements: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    #[serde(default)]
    pub max_yen: Option<u64>,
    #[serde(default)]
    pub min_yen: Option<u64>,
    #[serde(default)]
    pub rate: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WindowKind {
    Always,
    Rounds,
    Annual,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub label: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub opens: NaiveDate,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub closes: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub kind: WindowKind,
    #[serde(default)]
    pub rounds: Vec<Round>,
}

/// Where a scheme's application window stands on a given day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    /// A round is accepting applications today.
    Open,
    /// Accepted all year round.
    Always,
    /// A dated round starts later.
    Upcoming,
    /// Runs every year, but this year's dates are not announced yet.
    Unannounced,
    /// Every known round has closed.
    Closed,
}

impl WindowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowStatus::Open => "open",
            WindowStatus::Always => "always",
            WindowStatus::Upcoming => "upcoming",
            WindowStatus::Unannounced => "unannounced",
            WindowStatus::Closed => "closed",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            WindowStatus::Open => "受付中",
            WindowStatus::Always => "通年受付",
            WindowStatus::Upcoming => "受付予定",
            WindowStatus::Unannounced => "例年募集（時期未発表）",
            WindowStatus::Closed => "受付終了",
        }
    }
}

impl Window {
    pub fn status_on(&self, today: NaiveDate) -> WindowStatus {
        match self.kind {
            WindowKind::Always => WindowStatus::Always,
            WindowKind::Annual => WindowStatus::Unannounced,
            WindowKind::Rounds => {
                if self
                    .rounds
                    .iter()
                    .any(|r| r.opens <= today && today <= r.closes)
                {
                    WindowStatus::Open
                } else if self.rounds.iter().any(|r| r.opens > today) {
                    WindowStatus::Upcoming
                } else {
                    WindowStatus::Closed
                }
            }
        }
    }

    /// The closing date of the round open today, or else of the next round.
    pub fn deadline_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        let mut rounds: Vec<&Round> = self.rounds.iter().filter(|r| r.closes >= today).collect();
        rounds.sort_by_key(|r| r.closes);
        rounds.first().map(|r| r.closes)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub level: Level,
    pub provider: String,
    pub kind: Kind,
    pub summary: String,
    pub details: String,
    pub purposes: Vec<String>,
    pub industries: Vec<String>,
    pub how_to_apply: String,
    pub contact: String,
    pub source_url: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub as_of: NaiveDate,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub not_combinable_with: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub eligibility: EligibilityRules,
    #[serde(default)]
    pub amount: Option<Amount>,
    pub window: Window,
}

impl Scheme {
    pub fn serves_industry(&self, industry: &str) -> bool {
        self.industries
            .iter()
            .any(|i| i == ALL_INDUSTRIES || i == industry)
    }

    pub fn amount_text(&self) -> Option<String> {
        let a = self.amount.as_ref()?;
        if let Some(t) = &a.text {
            return Some(t.clone());
        }
        match (a.max_yen, &a.rate) {
            (Some(m), Some(r)) => Some(format!("上限{}、{}", yen_ja(m), r)),
            (Some(m), None) => Some(format!("上限{}", yen_ja(m))),
            (None, Some(r)) => Some(r.clone()),
            (None, None) => None,
        }
    }
}

/// 1500000 -> "150万円", 100000000 -> "1億円".
pub fn yen_ja(yen: u64) -> String {
    if yen >= 100_000_000 && yen.is_multiple_of(10_000_000) {
        let oku = yen / 100_000_000;
        let man = (yen % 100_000_000) / 10_000;
        if man == 0 {
            format!("{oku}億円")
        } else {
            format!("{oku}億{man}万円")
        }
    } else if yen >= 10_000 && yen.is_multiple_of(10_000) {
        format!("{}万円", yen / 10_000)
    } else {
        format!("{yen}円")
    }
}

/// 1500000 -> "¥1,500,000": yen for English pages.
pub fn yen_en(yen: u64) -> String {
    let digits = yen.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push('¥');
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub id: String,
    pub question: String,
    pub answer: String,
    pub scheme_ids: Vec<String>,
    pub source_url: String,
    #[serde(deserialize_with = "crate::domain::date::de")]
    pub as_of: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rounds() -> Window {
        Window {
            kind: WindowKind::Rounds,
            rounds: vec![
                Round {
                    label: "1".into(),
                    opens: d("2026-04-01"),
                    closes: d("2026-05-31"),
                },
                Round {
                    label: "2".into(),
                    opens: d("2026-09-01"),
                    closes: d("2026-10-31"),
                },
            ],
        }
    }

    #[test]
    fn window_is_open_on_its_first_and_last_day() {
        assert_eq!(rounds().status_on(d("2026-04-01")), WindowStatus::Open);
        assert_eq!(rounds().status_on(d("2026-05-31")), WindowStatus::Open);
    }

    #[test]
    fn window_between_rounds_is_upcoming_with_next_deadline() {
        assert_eq!(rounds().status_on(d("2026-06-01")), WindowStatus::Upcoming);
        assert_eq!(rounds().deadline_on(d("2026-06-01")), Some(d("2026-10-31")));
    }

    #[test]
    fn window_after_last_round_is_closed() {
        assert_eq!(rounds().status_on(d("2026-11-01")), WindowStatus::Closed);
        assert_eq!(rounds().deadline_on(d("2026-11-01")), None);
    }

    #[test]
    fn yen_is_written_in_man_and_oku() {
        assert_eq!(yen_ja(1_500_000), "150万円");
        assert_eq!(yen_ja(100_000_000), "1億円");
        assert_eq!(yen_ja(150_000_000), "1億5000万円");
        assert_eq!(yen_ja(1_234), "1234円");
    }

    #[test]
    fn yen_in_english_has_thousands_separators() {
        assert_eq!(yen_en(1_000_000), "¥1,000,000");
        assert_eq!(yen_en(500), "¥500");
        assert_eq!(yen_en(100_000), "¥100,000");
        assert_eq!(yen_en(0), "¥0");
    }
}
