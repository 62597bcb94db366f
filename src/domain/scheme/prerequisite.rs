//! What a scheme presupposes the business already holds: an approved plan or certification
//! gained elsewhere (an approved 経営革新計画, a certified 事業継続力強化計画) or a standing fact
//! about it (the disability-employment rate met). No questionnaire answer says whether a
//! business holds one, and most businesses hold none, so such a scheme is not presumed to fit:
//! until the business says, the result is "unknown" with the question that settles it, ranked
//! below the schemes it plainly fits. A business may say which it holds in
//! `facts.prerequisites`.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// One entry of the closed list of prerequisites. A scheme lists the ones it accepts (any one
/// is enough: 経営革新計画の承認 or 経営力向上計画の認定).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Prerequisite {
    /// 経営革新計画の承認 (中小企業等経営強化法; in Tokyo approved by the governor).
    KeieiKakushinKeikaku,
    /// 経営力向上計画の認定 (中小企業等経営強化法; by the minister for the business's field).
    KeieiryokuKojoKeikaku,
    /// 事業継続力強化計画（ジギョケイ）の認定, the joint plan (連携) included.
    JigyoKeizokuryokuKeikaku,
    /// A business-continuity plan (BCP) already made, to the SME Agency's guideline or with a
    /// public body's support; which kinds count stays in the scheme's `requirements`.
    Bcp,
    /// The statutory disability-employment rate met (法定雇用率), or for a business too small
    /// to be bound by it, at least one disabled employee.
    DisabilityEmploymentRate,
    /// A new business activity the loan programmes name besides the approved plans: a business
    /// with new technology or know-how, a 第二創業 (turning to or adding a new line), a
    /// certified 農商工等連携 or regional-resources plan.
    NewBusinessActivity,
}

impl Prerequisite {
    pub const ALL: [Prerequisite; 6] = [
        Prerequisite::KeieiKakushinKeikaku,
        Prerequisite::KeieiryokuKojoKeikaku,
        Prerequisite::JigyoKeizokuryokuKeikaku,
        Prerequisite::Bcp,
        Prerequisite::DisabilityEmploymentRate,
        Prerequisite::NewBusinessActivity,
    ];

    /// The stable code (as written in the corpus and in `facts.prerequisites`).
    pub fn code(self) -> &'static str {
        match self {
            Prerequisite::KeieiKakushinKeikaku => "keiei_kakushin_keikaku",
            Prerequisite::KeieiryokuKojoKeikaku => "keieiryoku_kojo_keikaku",
            Prerequisite::JigyoKeizokuryokuKeikaku => "jigyo_keizokuryoku_keikaku",
            Prerequisite::Bcp => "bcp",
            Prerequisite::DisabilityEmploymentRate => "disability_employment_rate",
            Prerequisite::NewBusinessActivity => "new_business_activity",
        }
    }

    /// What the business must hold, in plain Japanese ("…が前提です" follows).
    pub fn label_ja(self) -> &'static str {
        match self {
            Prerequisite::KeieiKakushinKeikaku => "経営革新計画の承認",
            Prerequisite::KeieiryokuKojoKeikaku => "経営力向上計画の認定",
            Prerequisite::JigyoKeizokuryokuKeikaku => "事業継続力強化計画（ジギョケイ）の認定",
            Prerequisite::Bcp => "策定済みの事業継続計画（BCP）",
            Prerequisite::DisabilityEmploymentRate => {
                "障害者の法定雇用率の達成（雇用義務のない規模なら障害者を1人以上雇用）"
            }
            Prerequisite::NewBusinessActivity => {
                "新しい事業活動（新しい技術・ノウハウによる事業、第二創業、農商工等連携など）"
            }
        }
    }

    /// The question that settles it.
    pub fn question_ja(self) -> &'static str {
        match self {
            Prerequisite::KeieiKakushinKeikaku => "経営革新計画の承認を受けていますか",
            Prerequisite::KeieiryokuKojoKeikaku => "経営力向上計画の認定を受けていますか",
            Prerequisite::JigyoKeizokuryokuKeikaku => {
                "事業継続力強化計画（ジギョケイ）の認定を受けていますか"
            }
            Prerequisite::Bcp => "事業継続計画（BCP）をすでに作っていますか",
            Prerequisite::DisabilityEmploymentRate => {
                "障害者の法定雇用率を達成していますか（雇用義務のない規模なら、障害者を1人以上雇用していますか）"
            }
            Prerequisite::NewBusinessActivity => {
                "新しい技術・ノウハウによる事業、事業の転換・多角化（第二創業）、農商工等連携など、新しい事業活動に取り組んでいますか"
            }
        }
    }

    /// Words a `conditions` or `requirements` line uses for this prerequisite, for the strict
    /// audit: a line naming one as something the business already holds needs the code.
    pub fn markers(self) -> &'static [&'static str] {
        match self {
            Prerequisite::KeieiKakushinKeikaku => &["経営革新計画"],
            Prerequisite::KeieiryokuKojoKeikaku => &["経営力向上計画"],
            Prerequisite::JigyoKeizokuryokuKeikaku => &["事業継続力強化計画", "ジギョケイ"],
            Prerequisite::Bcp => &["BCP", "事業継続計画"],
            Prerequisite::DisabilityEmploymentRate => &["法定雇用率"],
            Prerequisite::NewBusinessActivity => &["第二創業"],
        }
    }

    /// Whether `line` names this prerequisite (by one of its [`markers`](Self::markers),
    /// full-width letters read as half-width).
    pub fn named_in(self, line: &str) -> bool {
        let text: String = line.nfkc().collect();
        self.markers()
            .iter()
            .any(|m| text.contains(&m.nfkc().collect::<String>()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_through_serde() {
        for p in Prerequisite::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.code()));
            assert_eq!(serde_json::from_str::<Prerequisite>(&json).unwrap(), p);
        }
    }

    #[test]
    fn every_prerequisite_has_a_question_and_a_marker() {
        for p in Prerequisite::ALL {
            assert!(p.question_ja().contains("ますか"), "{}", p.code());
            assert!(!p.markers().is_empty(), "{}", p.code());
        }
    }
}
