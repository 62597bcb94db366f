//! Evaluates a scheme's structured eligibility against a [`Profile`], condition by condition,
//! into met / unmet / unknown, with a Japanese reason and, for unknowns, what would settle it.

use serde::Serialize;

use super::profile::{Location, Profile, Stage};
use super::scheme::{Area, LegalForm, OfficeRule, PreFounding, Scheme, SizeRule, yen_ja};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    Met,
    Unmet,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Location,
    Office,
    Industry,
    Size,
    Employees,
    Capital,
    Years,
    Founding,
    LegalForm,
    Shotenkai,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Check {
    pub condition: Condition,
    pub eligibility: Eligibility,
    /// A short sentence a business owner understands.
    pub reason: String,
    /// For unknowns: the question or document that would settle it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settle_by: Option<String>,
}

/// 中小企業基本法の業種区分.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmeCategory {
    /// 製造業・建設業・運輸業・その他: 資本金3億円以下 or 従業員300人以下; 小規模 20人以下.
    ManufacturingAndOther,
    /// 卸売業: 1億円 / 100人; 小規模 5人.
    Wholesale,
    /// サービス業: 5,000万円 / 100人; 小規模 5人 (宿泊業・娯楽業は20人).
    Services,
    /// 小売業（飲食店を含む）: 5,000万円 / 50人; 小規模 5人.
    Retail,
}

impl SmeCategory {
    pub fn caps(self) -> (u64, u32) {
        match self {
            SmeCategory::ManufacturingAndOther => (300_000_000, 300),
            SmeCategory::Wholesale => (100_000_000, 100),
            SmeCategory::Services => (50_000_000, 100),
            SmeCategory::Retail => (50_000_000, 50),
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            SmeCategory::ManufacturingAndOther => "製造業・その他",
            SmeCategory::Wholesale => "卸売業",
            SmeCategory::Services => "サービス業",
            SmeCategory::Retail => "小売業",
        }
    }
}

/// The SME categories a jGrants industry may fall into, and the 小規模事業者 employee caps
/// that go with each. Some jGrants industries mix two categories (卸売業、小売業), so the
/// answer is a list; a profile is then met only if every reading agrees.
pub fn sme_readings(industry: &str) -> Vec<(SmeCategory, u32)> {
    use SmeCategory::*;
    match industry {
        "卸売業、小売業" => vec![(Wholesale, 5), (Retail, 5)],
        // 飲食店 count as retail; 宿泊業 is a service with the 20-person small-business cap.
        "宿泊業、飲食サービス業" => vec![(Retail, 5), (Services, 20)],
        "生活関連サービス業、娯楽業" => vec![(Services, 5), (Services, 20)],
        "学術研究、専門・技術サービス業"
        | "教育、学習支援業"
        | "医療、福祉"
        | "複合サービス事業"
        | "サービス業（他に分類されないもの）" => vec![(Services, 5)],
        // 不動産業 is "other"; 物品賃貸業 is a service.
        "不動産業、物品賃貸業" => vec![(ManufacturingAndOther, 5), (Services, 5)],
        // ソフトウェア・情報処理 are "other"; 映像・放送の一部 are services.
        "情報通信業" => vec![(ManufacturingAndOther, 20), (Services, 5)],
        _ => vec![(ManufacturingAndOther, 20)],
    }
}

/// Whether the profile is an SME under 中小企業基本法 (capital OR employees within the cap).
pub fn sme_status(p: &Profile) -> Eligibility {
    let readings = sme_readings(p.industry);
    let is_sme = |cat: SmeCategory| -> Eligibility {
        let (cap_yen, cap_people) = cat.caps();
        if p.employees <= cap_people {
            return Eligibility::Met;
        }
        match (p.corporate, p.capital_yen) {
            (true, Some(c)) if c <= cap_yen => Eligibility::Met,
            (true, Some(_)) | (false, _) => Eligibility::Unmet,
            (true, None) => Eligibility::Unknown,
        }
    };
    let verdicts: Vec<Eligibility> = readings.iter().map(|(c, _)| is_sme(*c)).collect();
    combine(&verdicts)
}

/// Whether the profile is a 小規模事業者 (employees only).
pub fn small_status(p: &Profile) -> Eligibility {
    let verdicts: Vec<Eligibility> = sme_readings(p.industry)
        .iter()
        .map(|(_, cap)| {
            if p.employees <= *cap {
                Eligibility::Met
            } else {
                Eligibility::Unmet
            }
        })
        .collect();
    combine(&verdicts)
}

fn combine(verdicts: &[Eligibility]) -> Eligibility {
    if verdicts.iter().all(|v| *v == Eligibility::Met) {
        Eligibility::Met
    } else if verdicts.iter().all(|v| *v == Eligibility::Unmet) {
        Eligibility::Unmet
    } else {
        Eligibility::Unknown
    }
}

fn check(
    condition: Condition,
    eligibility: Eligibility,
    reason: impl Into<String>,
    settle_by: Option<&str>,
) -> Check {
    Check {
        condition,
        eligibility,
        reason: reason.into(),
        settle_by: settle_by.map(str::to_string),
    }
}

/// Every structured condition of `scheme`, evaluated against `p`.
pub fn assess(scheme: &Scheme, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let e = &scheme.eligibility;
    let mut out = Vec::new();
    let area_name = match e.location {
        Area::Minato => "港区内",
        Area::Tokyo => "東京都内",
        Area::Anywhere => "",
        Area::OtherPrefecture => "対象の道府県内",
    };
    match e.location {
        Area::Anywhere => {}
        Area::OtherPrefecture => out.push(match p.location {
            Location::Minato | Location::Tokyo => check(
                Condition::Location,
                Unmet,
                "東京都以外の道府県の事業者向けの制度です",
                None,
            ),
            Location::Other => check(
                Condition::Location,
                Unknown,
                "特定の道府県の事業者向けの制度です",
                Some("事業所のある都道府県"),
            ),
        }),
        Area::Minato => out.push(match p.location {
            Location::Minato => check(
                Condition::Location,
                Met,
                "港区内の事業者が対象で、区内で事業をしているため対象です",
                None,
            ),
            _ => check(
                Condition::Location,
                Unmet,
                "港区内で事業を営む方が対象です",
                None,
            ),
        }),
        Area::Tokyo => out.push(match p.location {
            Location::Minato | Location::Tokyo => check(
                Condition::Location,
                Met,
                "東京都内の事業者が対象で、都内で事業をしているため対象です",
                None,
            ),
            Location::Other => check(
                Condition::Location,
                Unmet,
                "東京都内で事業を営む方が対象です",
                None,
            ),
        }),
    }
    if matches!(e.location, Area::Minato | Area::Tokyo) && e.office == OfficeRule::HeadOffice {
        let in_area = match e.location {
            Area::Minato => p.location == Location::Minato,
            _ => p.location != Location::Other,
        };
        if in_area {
            out.push(match (p.head_office, e.location) {
                (Some(true), _) => check(
                    Condition::Office,
                    Met,
                    format!("{area_name}に本店（主たる事業所）があるため対象です"),
                    None,
                ),
                (Some(false), Area::Minato) => check(
                    Condition::Office,
                    Unmet,
                    "港区内に本店（主たる事業所）があることが条件で、区内は支店のため対象外です",
                    None,
                ),
                (Some(false), _) => check(
                    Condition::Office,
                    Unknown,
                    "都内に本店があることが条件です",
                    Some("本店（主たる事業所）の所在地"),
                ),
                (None, _) => check(
                    Condition::Office,
                    Unknown,
                    format!("{area_name}に本店（主たる事業所）があることが条件です"),
                    Some("区内の事業所は本店ですか、支店ですか"),
                ),
            });
        }
    }
    if !scheme.serves_industry(p.industry) {
        out.push(check(
            Condition::Industry,
            Unmet,
            format!("対象業種に「{}」は含まれていません", p.industry),
            None,
        ));
    }
    match e.size {
        SizeRule::Any => {}
        SizeRule::Sme => out.push(match sme_status(p) {
            Met => check(Condition::Size, Met, "中小企業基本法の中小企業者に当たるため対象です", None),
            Unmet => check(Condition::Size, Unmet, "中小企業（中小企業基本法の定義）が対象で、資本金・従業員数とも基準を超えています", None),
            Unknown => check(Condition::Size, Unknown, "中小企業に当たるかは業種区分と資本金によります", Some(settle_sme(p))),
        }),
        SizeRule::Small => out.push(match small_status(p) {
            Met => check(Condition::Size, Met, format!("従業員{}人で小規模事業者に当たるため対象です", p.employees), None),
            Unmet => check(Condition::Size, Unmet, format!("小規模事業者（商業・サービス業5人以下、製造業その他20人以下）が対象で、従業員{}人は基準を超えています", p.employees), None),
            Unknown => check(Condition::Size, Unknown, "小規模事業者に当たるかは業種区分によります", Some("主な業種（卸・小売・宿泊・娯楽など）の区分")),
        }),
    }
    if let Some(cap) = e.max_employees {
        out.push(if p.employees <= cap {
            check(
                Condition::Employees,
                Met,
                format!("従業員{cap}人以下の条件を満たします"),
                None,
            )
        } else {
            check(
                Condition::Employees,
                Unmet,
                format!("従業員{cap}人以下が条件です（{}人）", p.employees),
                None,
            )
        });
    }
    if let Some(cap) = e.max_capital_yen {
        out.push(match (p.corporate, p.capital_yen) {
            (false, _) => check(
                Condition::Capital,
                Met,
                "個人事業主のため資本金の上限は問題になりません",
                None,
            ),
            (true, Some(c)) if c <= cap => check(
                Condition::Capital,
                Met,
                format!("資本金{}以下の条件を満たします", yen_ja(cap)),
                None,
            ),
            (true, Some(_)) => check(
                Condition::Capital,
                Unmet,
                format!("資本金{}以下が条件です", yen_ja(cap)),
                None,
            ),
            (true, None) => check(
                Condition::Capital,
                Unknown,
                format!("資本金{}以下が条件です", yen_ja(cap)),
                Some("資本金の額"),
            ),
        });
    }
    out.extend(stage_checks(
        e.pre_founding,
        e.min_years,
        e.max_years,
        p.stage,
    ));
    match e.legal_form {
        LegalForm::Any => {}
        LegalForm::Corporate => out.push(if p.corporate {
            check(
                Condition::LegalForm,
                Met,
                "法人が対象で、法人のため対象です",
                None,
            )
        } else {
            check(
                Condition::LegalForm,
                Unmet,
                "法人が対象で、個人事業主は対象外です",
                None,
            )
        }),
        LegalForm::SoleProprietor => out.push(if p.corporate {
            check(
                Condition::LegalForm,
                Unmet,
                "個人（個人事業主・創業予定の個人）が対象で、法人は対象外です",
                None,
            )
        } else {
            check(
                Condition::LegalForm,
                Met,
                "個人事業主が対象で、個人事業主のため対象です",
                None,
            )
        }),
    }
    if e.shotenkai_member {
        out.push(match p.shotenkai_member {
            Some(true) => check(
                Condition::Shotenkai,
                Met,
                "商店会に加盟しているため対象です",
                None,
            ),
            Some(false) => check(
                Condition::Shotenkai,
                Unmet,
                "商店会（商店街振興組合など）への加盟が条件です",
                None,
            ),
            None => check(
                Condition::Shotenkai,
                Unknown,
                "商店会への加盟が条件です",
                Some("商店会に加盟していますか"),
            ),
        });
    }
    for c in &e.conditions {
        out.push(check(
            Condition::Other,
            Unknown,
            c.clone(),
            Some("募集要項・申請書類で確認"),
        ));
    }
    out
}

fn settle_sme(p: &Profile) -> &'static str {
    if p.corporate && p.capital_yen.is_none() {
        "資本金の額"
    } else {
        "主な業種（卸売・小売・サービスなど）の区分"
    }
}

fn stage_checks(
    pre: PreFounding,
    min_years: Option<u32>,
    max_years: Option<u32>,
    stage: Stage,
) -> Vec<Check> {
    use Eligibility::*;
    let mut out = Vec::new();
    match stage {
        Stage::Unknown => {
            if pre != PreFounding::Allowed || min_years.is_some() || max_years.is_some() {
                out.push(check(
                    Condition::Years,
                    Unknown,
                    years_rule(pre, min_years, max_years),
                    Some("創業からの年数（または創業前か）"),
                ));
            }
        }
        Stage::NotFounded => out.push(match pre {
            PreFounding::Allowed | PreFounding::Only => {
                check(Condition::Founding, Met, "創業前の方も利用できます", None)
            }
            PreFounding::No => check(
                Condition::Founding,
                Unmet,
                "すでに事業を営んでいる方が対象で、創業前は利用できません",
                None,
            ),
        }),
        Stage::Founded(years) => {
            if pre == PreFounding::Only {
                out.push(check(
                    Condition::Founding,
                    Unmet,
                    "創業前の方だけが対象です",
                    None,
                ));
            }
            if let Some(min) = min_years {
                out.push(if years >= min {
                    check(
                        Condition::Years,
                        Met,
                        format!("事業歴{min}年以上の条件を満たします"),
                        None,
                    )
                } else {
                    check(
                        Condition::Years,
                        Unmet,
                        format!("事業歴{min}年以上が条件です（現在{years}年）"),
                        None,
                    )
                });
            }
            if let Some(max) = max_years {
                out.push(if years < max {
                    check(
                        Condition::Years,
                        Met,
                        format!("創業{}年目（創業{max}年未満）のため対象です", years + 1),
                        None,
                    )
                } else {
                    check(
                        Condition::Years,
                        Unmet,
                        format!("創業{max}年未満が対象で、創業から{years}年以上たっています"),
                        None,
                    )
                });
            }
        }
    }
    out
}

fn years_rule(pre: PreFounding, min_years: Option<u32>, max_years: Option<u32>) -> String {
    let mut parts = Vec::new();
    match pre {
        PreFounding::Only => parts.push("創業前の方が対象".to_string()),
        PreFounding::No => parts.push("創業済みの事業者が対象".to_string()),
        PreFounding::Allowed => {}
    }
    if let Some(min) = min_years {
        parts.push(format!("事業歴{min}年以上"));
    }
    if let Some(max) = max_years {
        parts.push(format!("創業{max}年未満"));
    }
    format!("{}です", parts.join("、"))
}

/// Overall fit: unmet if any structured condition is unmet; otherwise eligible when every
/// structured condition is met, likely when some are unknown. Free-text conditions are listed
/// as unknowns but do not lower the fit: nearly every scheme has some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    Eligible,
    Likely,
    Ineligible,
}

pub fn fit(checks: &[Check]) -> Fit {
    if checks.iter().any(|c| c.eligibility == Eligibility::Unmet) {
        Fit::Ineligible
    } else if checks
        .iter()
        .any(|c| c.eligibility == Eligibility::Unknown && c.condition != Condition::Other)
    {
        Fit::Likely
    } else {
        Fit::Eligible
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::profile::{Answers, Profile};

    fn profile(industry: &str, employees: i64, capital: Option<i64>) -> Profile {
        Profile::try_from(Answers {
            location: Some("minato".into()),
            head_office: Some(true),
            industry: Some(industry.into()),
            employees: Some(employees),
            capital_yen: capital,
            years_in_business: Some(3),
            corporate: Some(true),
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn manufacturing_sme_boundary_is_300_people_or_300m_yen() {
        assert_eq!(
            sme_status(&profile("製造業", 300, Some(1_000_000_000))),
            Eligibility::Met
        );
        assert_eq!(
            sme_status(&profile("製造業", 301, Some(300_000_000))),
            Eligibility::Met
        );
        assert_eq!(
            sme_status(&profile("製造業", 301, Some(300_000_001))),
            Eligibility::Unmet
        );
        assert_eq!(
            sme_status(&profile("製造業", 301, None)),
            Eligibility::Unknown
        );
    }

    #[test]
    fn service_sme_boundary_is_100_people_or_50m_yen() {
        assert_eq!(
            sme_status(&profile(
                "学術研究、専門・技術サービス業",
                100,
                Some(100_000_000)
            )),
            Eligibility::Met
        );
        assert_eq!(
            sme_status(&profile(
                "学術研究、専門・技術サービス業",
                101,
                Some(50_000_000)
            )),
            Eligibility::Met
        );
        assert_eq!(
            sme_status(&profile(
                "学術研究、専門・技術サービス業",
                101,
                Some(50_000_001)
            )),
            Eligibility::Unmet
        );
    }

    #[test]
    fn wholesale_or_retail_is_unknown_between_the_two_readings() {
        // Retail: 50 people / 50M; wholesale: 100 people / 100M.
        assert_eq!(
            sme_status(&profile("卸売業、小売業", 50, Some(200_000_000))),
            Eligibility::Met
        );
        assert_eq!(
            sme_status(&profile("卸売業、小売業", 80, Some(80_000_000))),
            Eligibility::Unknown
        );
        assert_eq!(
            sme_status(&profile("卸売業、小売業", 101, Some(100_000_001))),
            Eligibility::Unmet
        );
        assert_eq!(
            sme_status(&profile("卸売業、小売業", 60, Some(50_000_000))),
            Eligibility::Met
        );
    }

    #[test]
    fn restaurants_and_hotels_differ_between_50_and_100_people() {
        // 飲食店 count as retail (50 people), 宿泊業 as a service (100 people).
        assert_eq!(
            sme_status(&profile("宿泊業、飲食サービス業", 50, Some(90_000_000))),
            Eligibility::Met
        );
        assert_eq!(
            sme_status(&profile("宿泊業、飲食サービス業", 51, Some(60_000_000))),
            Eligibility::Unknown
        );
        assert_eq!(
            sme_status(&profile("宿泊業、飲食サービス業", 101, Some(60_000_000))),
            Eligibility::Unmet
        );
        assert_eq!(
            sme_status(&profile("宿泊業、飲食サービス業", 101, Some(50_000_000))),
            Eligibility::Met
        );
    }

    #[test]
    fn small_business_caps_are_5_for_commerce_and_20_for_manufacturing() {
        assert_eq!(small_status(&profile("製造業", 20, None)), Eligibility::Met);
        assert_eq!(
            small_status(&profile("製造業", 21, None)),
            Eligibility::Unmet
        );
        assert_eq!(
            small_status(&profile("卸売業、小売業", 5, None)),
            Eligibility::Met
        );
        assert_eq!(
            small_status(&profile("卸売業、小売業", 6, None)),
            Eligibility::Unmet
        );
        // 宿泊業 allows 20, 飲食店 5: in between the answer depends on which.
        assert_eq!(
            small_status(&profile("宿泊業、飲食サービス業", 10, None)),
            Eligibility::Unknown
        );
    }

    #[test]
    fn sole_proprietors_are_judged_by_employees_alone() {
        let mut p = profile("卸売業、小売業", 40, None);
        p.corporate = false;
        assert_eq!(sme_status(&p), Eligibility::Met);
        p.employees = 120;
        assert_eq!(sme_status(&p), Eligibility::Unmet);
    }

    #[test]
    fn founded_within_five_years_boundary() {
        let checks =
            |years| stage_checks(PreFounding::Allowed, None, Some(5), Stage::Founded(years));
        assert_eq!(checks(4)[0].eligibility, Eligibility::Met);
        assert_eq!(checks(5)[0].eligibility, Eligibility::Unmet);
        assert_eq!(
            stage_checks(PreFounding::Allowed, None, Some(5), Stage::NotFounded)[0].eligibility,
            Eligibility::Met
        );
    }

    #[test]
    fn minimum_years_and_pre_founding_rules() {
        assert_eq!(
            stage_checks(PreFounding::No, Some(1), None, Stage::Founded(0))[0].eligibility,
            Eligibility::Unmet
        );
        assert_eq!(
            stage_checks(PreFounding::No, Some(1), None, Stage::Founded(1))[0].eligibility,
            Eligibility::Met
        );
        assert_eq!(
            stage_checks(PreFounding::No, None, None, Stage::NotFounded)[0].eligibility,
            Eligibility::Unmet
        );
        assert_eq!(
            stage_checks(PreFounding::Only, None, None, Stage::Founded(0))[0].eligibility,
            Eligibility::Unmet
        );
        let unknown = stage_checks(PreFounding::No, Some(1), None, Stage::Unknown);
        assert_eq!(unknown[0].eligibility, Eligibility::Unknown);
        assert!(unknown[0].settle_by.as_deref().unwrap().contains("創業"));
        assert!(stage_checks(PreFounding::Allowed, None, None, Stage::Unknown).is_empty());
    }

    #[test]
    fn fit_ignores_free_text_unknowns_but_not_structured_ones() {
        let other = check(Condition::Other, Eligibility::Unknown, "税金を完納", None);
        let office = check(Condition::Office, Eligibility::Unknown, "本店", None);
        let met = check(Condition::Location, Eligibility::Met, "区内", None);
        assert_eq!(fit(&[met.clone(), other.clone()]), Fit::Eligible);
        assert_eq!(fit(&[met.clone(), office]), Fit::Likely);
        assert_eq!(
            fit(&[
                met,
                other,
                check(Condition::Size, Eligibility::Unmet, "大企業", None)
            ]),
            Fit::Ineligible
        );
    }
}
