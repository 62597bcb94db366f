//! Which government runs a scheme, what kind of help it is, and the purpose and industry
//! vocabularies (the questionnaire's and jGrants').

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
    /// 認定・認証・計画認定 (and 共済): a status or plan the business obtains, which opens other
    /// help.
    Certification,
    /// 税制: a tax relief, deduction or deferral, claimed in a tax return or from the tax office.
    Tax,
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
            Kind::Tax => "tax",
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
            Kind::Certification => "認定・認証",
            Kind::Tax => "税制",
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
