//! Evaluates a scheme's structured eligibility against a [`Profile`], condition by condition,
//! into met / unmet / unknown, with a Japanese reason and, for unknowns, what would settle it.

use serde::Serialize;

use super::profile::{Location, Profile, Stage};
use super::scheme::{
    Area, EligibilityRules, LegalForm, OfficeRule, PersonRule, PreFounding, Scheme, Sector,
    SizeCap, SizeRule, yen_ja,
};

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
    /// The owner's age, gender or management experience.
    Person,
    /// Annual sales.
    Sales,
    /// Given once per business.
    OnceOnly,
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
    /// For unknowns the questionnaire does not ask about: the key of
    /// [`crate::domain::profile::Facts`] whose answer would settle it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
}

impl Check {
    /// Marks an unknown as settled by the fact `key` (not a questionnaire answer).
    fn by_fact(mut self, key: &str) -> Check {
        if self.eligibility == Eligibility::Unknown {
            self.fact = Some(key.to_string());
        }
        self
    }
}

/// 中小企業基本法's caps for a sector: capital (yen) and employees.
pub fn sme_caps(sector: Sector) -> (u64, u32) {
    match sector {
        Sector::ManufacturingOther => (300_000_000, 300),
        Sector::Wholesale => (100_000_000, 100),
        Sector::Services => (50_000_000, 100),
        Sector::Retail => (50_000_000, 50),
    }
}

/// The 中小企業基本法 sectors a jGrants industry may fall into, and the 小規模事業者 employee
/// cap that goes with each. Some jGrants industries mix two sectors (卸売業、小売業), so the
/// answer is a list; a profile is then met only if every reading agrees.
pub fn sme_readings(industry: &str) -> Vec<(Sector, u32)> {
    use Sector::*;
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
        "不動産業、物品賃貸業" => vec![(ManufacturingOther, 5), (Services, 5)],
        // ソフトウェア・情報処理 are "other"; 映像・放送の一部 are services.
        "情報通信業" => vec![(ManufacturingOther, 20), (Services, 5)],
        _ => vec![(ManufacturingOther, 20)],
    }
}

/// Whether the business is within a cap read as 中小企業基本法 reads its own: employees OR
/// capital within. A sole proprietor has no capital, so only the employee cap can hold; a cap
/// on capital alone does not concern them.
fn within_cap(cap_yen: Option<u64>, cap_people: Option<u32>, p: &Profile) -> Eligibility {
    if cap_people.is_some_and(|c| p.employees <= c) || (cap_people.is_none() && cap_yen.is_none()) {
        return Eligibility::Met;
    }
    match (cap_yen, p.corporate, p.capital_yen) {
        (Some(y), true, Some(c)) if c <= y => Eligibility::Met,
        (Some(_), true, Some(_)) => Eligibility::Unmet,
        (Some(_), true, None) => Eligibility::Unknown,
        (Some(_), false, _) if cap_people.is_none() => Eligibility::Met,
        _ => Eligibility::Unmet,
    }
}

/// Whether the profile is an SME under 中小企業基本法 (capital OR employees within the cap).
pub fn sme_status(p: &Profile) -> Eligibility {
    let verdicts: Vec<Eligibility> = sme_readings(p.industry)
        .iter()
        .map(|(sector, _)| {
            let (cap_yen, cap_people) = sme_caps(*sector);
            within_cap(Some(cap_yen), Some(cap_people), p)
        })
        .collect();
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

/// Whether the profile is within a scheme's caps by sector (see [`SizeCap`]); a sector no cap
/// covers is not capped.
pub fn caps_status(caps: &[SizeCap], p: &Profile) -> Eligibility {
    let verdicts: Vec<Eligibility> = sme_readings(p.industry)
        .iter()
        .map(
            |(sector, _)| match caps.iter().find(|c| c.covers(*sector)) {
                Some(cap) => within_cap(cap.max_capital_yen, cap.max_employees, p),
                None => Eligibility::Met,
            },
        )
        .collect();
    combine(&verdicts)
}

/// The caps in words: "資本金1,000万円以下または従業員100人以下（卸売業・小売業・サービス業は30人以下）".
pub fn caps_ja(caps: &[SizeCap]) -> String {
    let one = |c: &SizeCap| match (c.max_capital_yen, c.max_employees) {
        (Some(y), Some(n)) => format!("資本金{}以下または従業員{n}人以下", yen_ja(y)),
        (Some(y), None) => format!("資本金{}以下", yen_ja(y)),
        (None, Some(n)) => format!("従業員{n}人以下"),
        (None, None) => "上限なし".to_string(),
    };
    caps.iter()
        .map(|c| {
            if c.sectors.is_empty() {
                one(c)
            } else {
                let sectors: Vec<&str> = c.sectors.iter().map(|s| s.label_ja()).collect();
                format!("{}は{}", sectors.join("・"), one(c))
            }
        })
        .collect::<Vec<_>>()
        .join("、")
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
        fact: None,
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
    if !scheme.serves_industry(p.industry) || e.excluded_industries.iter().any(|i| i == p.industry)
    {
        out.push(check(
            Condition::Industry,
            Unmet,
            format!("対象業種に「{}」は含まれていません", p.industry),
            None,
        ));
    } else if e.partly_excluded_industries.iter().any(|i| i == p.industry) {
        out.push(check(
            Condition::Industry,
            Unknown,
            format!("「{}」のうち一部の事業は対象外です", p.industry),
            Some("事業の内容（対象業種に当たるか）"),
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
    if let Some(min) = e.min_employees {
        out.push(if p.employees >= min {
            check(
                Condition::Employees,
                Met,
                format!("従業員{min}人以上の条件を満たします"),
                None,
            )
        } else {
            check(
                Condition::Employees,
                Unmet,
                format!("従業員{min}人以上が条件です（{}人）", p.employees),
                None,
            )
        });
    }
    if !e.size_caps.is_empty() {
        let rule = caps_ja(&e.size_caps);
        out.push(match caps_status(&e.size_caps, p) {
            Met => check(
                Condition::Size,
                Met,
                format!("規模の条件（{rule}）を満たします"),
                None,
            ),
            Unmet => check(
                Condition::Size,
                Unmet,
                format!("{rule}が条件で、基準を超えています"),
                None,
            ),
            Unknown => check(
                Condition::Size,
                Unknown,
                format!("{rule}が条件です"),
                Some(settle_sme(p)),
            ),
        });
    }
    out.extend(stage_checks(e, p));
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
    if let Some(person) = &e.person {
        out.extend(person_checks(person, p));
    }
    if e.min_sales_yen.is_some() || e.max_sales_yen.is_some() {
        out.push(sales_check(e.min_sales_yen, e.max_sales_yen, p));
    }
    if e.once_only {
        out.push(match &p.facts.received {
            Some(ids) if ids.contains(&scheme.id) => check(
                Condition::OnceOnly,
                Unmet,
                "1事業者1回限りの制度で、すでに利用しています",
                None,
            ),
            Some(_) => check(
                Condition::OnceOnly,
                Met,
                "1事業者1回限りの制度で、はじめての利用のため対象です",
                None,
            ),
            None => check(
                Condition::OnceOnly,
                Unknown,
                "1事業者1回限りの制度です",
                Some("この制度を以前に利用したことがありますか"),
            )
            .by_fact("received"),
        });
    }
    for c in e.conditions.iter().chain(&e.requirements) {
        out.push(check(
            Condition::Other,
            Unknown,
            c.clone(),
            Some("募集要項・申請書類で確認"),
        ));
    }
    out
}

/// The scheme's rules in plain words, one line each, structured ones first, then its
/// `conditions` (for the exports to the national formats, whose eligibility is text).
pub fn rules_ja(scheme: &Scheme) -> Vec<String> {
    let e = &scheme.eligibility;
    let mut out = Vec::new();
    let area = match e.location {
        Area::Minato => Some("港区内"),
        Area::Tokyo => Some("東京都内"),
        Area::Anywhere | Area::OtherPrefecture => None,
    };
    if let Some(area) = area {
        out.push(match e.office {
            OfficeRule::HeadOffice => format!("{area}に本店（主たる事業所）があること"),
            OfficeRule::AnyOffice => format!("{area}に事業所があること"),
        });
    }
    match e.size {
        SizeRule::Sme => out.push("中小企業者（中小企業基本法の定義）であること".into()),
        SizeRule::Small => out.push(
            "小規模事業者（常時使用する従業員が製造業その他20人以下、商業・サービス業5人以下、宿泊業・娯楽業20人以下）であること"
                .into(),
        ),
        SizeRule::Any => {}
    }
    match (e.min_employees, e.max_employees) {
        (Some(a), Some(b)) => out.push(format!("常時使用する従業員が{a}人以上{b}人以下であること")),
        (Some(a), None) => out.push(format!("常時使用する従業員が{a}人以上であること")),
        (None, Some(b)) => out.push(format!("常時使用する従業員が{b}人以下であること")),
        (None, None) => {}
    }
    if let Some(cap) = e.max_capital_yen {
        out.push(format!("法人は資本金{}以下であること", yen_ja(cap)));
    }
    if !e.size_caps.is_empty() {
        out.push(format!("{}であること", caps_ja(&e.size_caps)));
    }
    if let Some(min) = e.min_years {
        out.push(format!(
            "{}引き続き{min}年以上事業を営んでいること",
            years_area_ja(e.min_years_area)
        ));
    }
    if let Some(max) = e.max_years {
        out.push(format!("創業{max}年未満であること"));
    }
    match e.pre_founding {
        PreFounding::Allowed => out.push("創業予定の方も対象".into()),
        PreFounding::Only => out.push("創業予定の方のみ対象".into()),
        _ => {}
    }
    match e.legal_form {
        LegalForm::Corporate => out.push("法人のみ対象".into()),
        LegalForm::SoleProprietor => out.push("個人（個人事業主・創業予定の個人）のみ対象".into()),
        LegalForm::Any => {}
    }
    if e.shotenkai_member {
        out.push("商店会に加盟していること".into());
    }
    if !scheme
        .industries
        .iter()
        .any(|i| i == super::scheme::ALL_INDUSTRIES)
    {
        out.push(format!("対象業種：{}", scheme.industries.join("、")));
    }
    if !e.excluded_industries.is_empty() {
        out.push(format!(
            "対象外の業種：{}",
            e.excluded_industries.join("、")
        ));
    }
    if !e.partly_excluded_industries.is_empty() {
        out.push(format!(
            "一部の事業が対象外の業種：{}",
            e.partly_excluded_industries.join("、")
        ));
    }
    if let Some(person) = &e.person {
        let mut branches = Vec::new();
        if person.women {
            branches.push("女性".to_string());
        }
        if let Some(b) = person.below_age {
            branches.push(format!("{b}歳未満"));
        }
        if let Some(f) = person.from_age {
            branches.push(format!("{f}歳以上"));
        }
        if !branches.is_empty() {
            out.push(format!("代表者が{}であること", branches.join("、または")));
        }
        if let Some(m) = person.max_management_years {
            out.push(format!("代表者の経営経験が通算{m}年未満であること"));
        }
    }
    match (e.min_sales_yen, e.max_sales_yen) {
        (Some(a), Some(b)) => out.push(format!(
            "年間売上高が{}以上{}未満であること",
            yen_ja(a),
            yen_ja(b)
        )),
        (Some(a), None) => out.push(format!("年間売上高が{}以上であること", yen_ja(a))),
        (None, Some(b)) => out.push(format!("年間売上高が{}未満であること", yen_ja(b))),
        (None, None) => {}
    }
    if e.once_only {
        out.push("1事業者1回限り".into());
    }
    out.extend(e.conditions.iter().cloned());
    out
}

fn person_checks(rule: &PersonRule, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let mut out = Vec::new();
    if rule.has_age_rule() {
        let f = &p.facts;
        let mut branches: Vec<(String, Option<bool>)> = Vec::new();
        if rule.women {
            branches.push(("女性".into(), f.owner_female));
        }
        if let Some(b) = rule.below_age {
            branches.push((format!("{b}歳未満"), f.owner_age.map(|a| a < b)));
        }
        if let Some(from) = rule.from_age {
            branches.push((format!("{from}歳以上"), f.owner_age.map(|a| a >= from)));
        }
        let rule_ja = branches
            .iter()
            .map(|(label, _)| label.as_str())
            .collect::<Vec<_>>()
            .join("、または");
        let verdicts: Vec<Option<bool>> = branches.iter().map(|(_, v)| *v).collect();
        out.push(if verdicts.contains(&Some(true)) {
            check(
                Condition::Person,
                Met,
                format!("代表者が{rule_ja}の方が対象で、条件を満たします"),
                None,
            )
        } else if verdicts.iter().all(|v| *v == Some(false)) {
            check(
                Condition::Person,
                Unmet,
                format!("代表者が{rule_ja}の方が対象です"),
                None,
            )
        } else {
            let settle = match (rule.women, rule.below_age.or(rule.from_age).is_some()) {
                (true, true) => "代表者（創業者）の年齢と性別",
                (true, false) => "代表者（創業者）の性別",
                _ => "代表者（創業者）の年齢",
            };
            let key = if verdicts.len() == 1 && rule.women {
                "owner_female"
            } else {
                "owner_age"
            };
            check(
                Condition::Person,
                Unknown,
                format!("代表者が{rule_ja}の方が対象です"),
                Some(settle),
            )
            .by_fact(key)
        });
    }
    if let Some(max) = rule.max_management_years {
        out.push(match p.facts.owner_management_years {
            Some(y) if y < max => check(
                Condition::Person,
                Met,
                format!("経営経験が通算{max}年未満の条件を満たします"),
                None,
            ),
            Some(y) => check(
                Condition::Person,
                Unmet,
                format!("経営経験が通算{max}年未満の方が対象です（{y}年）"),
                None,
            ),
            None => check(
                Condition::Person,
                Unknown,
                format!("経営経験（個人事業主・法人代表者として）が通算{max}年未満の方が対象です"),
                Some("これまでの経営経験の年数"),
            )
            .by_fact("owner_management_years"),
        });
    }
    out
}

fn sales_check(min: Option<u64>, max: Option<u64>, p: &Profile) -> Check {
    use Eligibility::*;
    let rule = match (min, max) {
        (Some(a), Some(b)) => format!("年間売上高{}以上{}未満", yen_ja(a), yen_ja(b)),
        (Some(a), None) => format!("年間売上高{}以上", yen_ja(a)),
        (None, Some(b)) => format!("年間売上高{}未満", yen_ja(b)),
        (None, None) => String::new(),
    };
    match p.facts.annual_sales_yen {
        Some(s) if min.is_none_or(|m| s >= m) && max.is_none_or(|m| s < m) => check(
            Condition::Sales,
            Met,
            format!("{rule}の条件を満たします"),
            None,
        ),
        Some(_) => check(Condition::Sales, Unmet, format!("{rule}が条件です"), None),
        None => check(
            Condition::Sales,
            Unknown,
            format!("{rule}が条件です"),
            Some("直近の年間売上高"),
        )
        .by_fact("annual_sales_yen"),
    }
}

fn settle_sme(p: &Profile) -> &'static str {
    if p.corporate && p.capital_yen.is_none() {
        "資本金の額"
    } else {
        "主な業種（卸売・小売・サービスなど）の区分"
    }
}

/// Where `min_years` must have been spent, in words.
fn years_area_ja(area: Area) -> &'static str {
    match area {
        Area::Minato => "区内で",
        Area::Tokyo => "都内で",
        Area::Anywhere | Area::OtherPrefecture => "",
    }
}

fn stage_checks(e: &EligibilityRules, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let (pre, min_years, max_years) = (e.pre_founding, e.min_years, e.max_years);
    let area = years_area_ja(e.min_years_area);
    let mut out = Vec::new();
    match p.stage {
        Stage::Unknown => {
            if pre != PreFounding::Allowed || min_years.is_some() || max_years.is_some() {
                out.push(check(
                    Condition::Years,
                    Unknown,
                    years_rule(pre, min_years, e.min_years_area, max_years),
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
                out.push(if years < min {
                    check(
                        Condition::Years,
                        Unmet,
                        format!("{area}事業歴{min}年以上が条件です（創業から{years}年）"),
                        None,
                    )
                } else {
                    area_years_check(e.min_years_area, min, years, p)
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

/// `min` years in business counted in `area`, for a business `years` old.
fn area_years_check(area: Area, min: u32, years: u32, p: &Profile) -> Check {
    use Eligibility::*;
    let f = &p.facts;
    let (in_area, known, exact, name, question, key) = match area {
        Area::Anywhere | Area::OtherPrefecture => {
            return check(
                Condition::Years,
                Met,
                format!("事業歴{min}年以上の条件を満たします"),
                None,
            );
        }
        Area::Minato => (
            p.location == Location::Minato,
            f.years_in_minato,
            true,
            "港区内",
            "港区内で事業を営んで何年になりますか",
            "years_in_minato",
        ),
        Area::Tokyo => (
            p.location != Location::Other,
            f.years_in_tokyo_at_least(),
            f.years_in_tokyo.is_some(),
            "東京都内",
            "東京都内で事業を営んで何年になりますか",
            "years_in_tokyo",
        ),
    };
    if !in_area {
        return check(
            Condition::Years,
            Unmet,
            format!("{name}で引き続き{min}年以上事業を営んでいることが条件です"),
            None,
        );
    }
    match known {
        Some(y) if y >= min => check(
            Condition::Years,
            Met,
            format!("{name}で{min}年以上事業を営んでいる条件を満たします"),
            None,
        ),
        Some(y) if exact => check(
            Condition::Years,
            Unmet,
            format!("{name}で引き続き{min}年以上事業を営んでいることが条件です（{name}で{y}年）"),
            None,
        ),
        _ => check(
            Condition::Years,
            Unknown,
            format!(
                "{name}で引き続き{min}年以上事業を営んでいることが条件です（創業から{years}年）"
            ),
            Some(question),
        )
        .by_fact(key),
    }
}

fn years_rule(
    pre: PreFounding,
    min_years: Option<u32>,
    min_years_area: Area,
    max_years: Option<u32>,
) -> String {
    let mut parts = Vec::new();
    match pre {
        PreFounding::Only => parts.push("創業前の方が対象".to_string()),
        PreFounding::No => parts.push("創業済みの事業者が対象".to_string()),
        PreFounding::Allowed => {}
    }
    if let Some(min) = min_years {
        parts.push(format!(
            "{}事業歴{min}年以上",
            years_area_ja(min_years_area)
        ));
    }
    if let Some(max) = max_years {
        parts.push(format!("創業{max}年未満"));
    }
    format!("{}です", parts.join("、"))
}

/// Overall fit: unmet if any structured condition is unmet; otherwise eligible when every
/// structured condition is met, likely when some are unknown (also when only a fact the
/// questionnaire does not ask would settle it). Free-text conditions are listed as unknowns
/// but do not lower the fit: nearly every scheme has some.
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
    use crate::domain::profile::{Answers, Profile, ProfileFacts};

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

    fn rules(pre: PreFounding, min: Option<u32>, max: Option<u32>) -> EligibilityRules {
        EligibilityRules {
            pre_founding: pre,
            min_years: min,
            max_years: max,
            ..EligibilityRules::open(Area::Anywhere)
        }
    }

    fn staged(stage: Stage) -> Profile {
        let mut p = profile("製造業", 3, Some(10_000_000));
        p.stage = stage;
        p
    }

    fn stages(pre: PreFounding, min: Option<u32>, max: Option<u32>, stage: Stage) -> Vec<Check> {
        stage_checks(&rules(pre, min, max), &staged(stage))
    }

    #[test]
    fn founded_within_five_years_boundary() {
        let checks = |years| stages(PreFounding::Allowed, None, Some(5), Stage::Founded(years));
        assert_eq!(checks(4)[0].eligibility, Eligibility::Met);
        assert_eq!(checks(5)[0].eligibility, Eligibility::Unmet);
        assert_eq!(
            stages(PreFounding::Allowed, None, Some(5), Stage::NotFounded)[0].eligibility,
            Eligibility::Met
        );
    }

    #[test]
    fn minimum_years_and_pre_founding_rules() {
        assert_eq!(
            stages(PreFounding::No, Some(1), None, Stage::Founded(0))[0].eligibility,
            Eligibility::Unmet
        );
        assert_eq!(
            stages(PreFounding::No, Some(1), None, Stage::Founded(1))[0].eligibility,
            Eligibility::Met
        );
        assert_eq!(
            stages(PreFounding::No, None, None, Stage::NotFounded)[0].eligibility,
            Eligibility::Unmet
        );
        assert_eq!(
            stages(PreFounding::Only, None, None, Stage::Founded(0))[0].eligibility,
            Eligibility::Unmet
        );
        let unknown = stages(PreFounding::No, Some(1), None, Stage::Unknown);
        assert_eq!(unknown[0].eligibility, Eligibility::Unknown);
        assert!(unknown[0].settle_by.as_deref().unwrap().contains("創業"));
        assert!(stages(PreFounding::Allowed, None, None, Stage::Unknown).is_empty());
    }

    fn ward_years(min: u32, area: Area, facts: ProfileFacts, years: u32) -> Check {
        let mut r = rules(PreFounding::No, Some(min), None);
        r.min_years_area = area;
        let mut p = staged(Stage::Founded(years));
        p.facts = facts;
        stage_checks(&r, &p).remove(0)
    }

    #[test]
    fn years_in_the_ward_are_unknown_until_asked_and_then_decide() {
        let none = ward_years(1, Area::Minato, ProfileFacts::default(), 3);
        assert_eq!(none.eligibility, Eligibility::Unknown);
        assert_eq!(
            none.settle_by.as_deref(),
            Some("港区内で事業を営んで何年になりますか")
        );
        assert_eq!(none.fact.as_deref(), Some("years_in_minato"));
        let moved_in = ProfileFacts {
            years_in_minato: Some(0),
            years_in_tokyo: Some(3),
            ..Default::default()
        };
        assert_eq!(
            ward_years(1, Area::Minato, moved_in.clone(), 3).eligibility,
            Eligibility::Unmet
        );
        // Tokyo years count the ward's: three years in Tokyo meet 都内で2年以上.
        assert_eq!(
            ward_years(2, Area::Tokyo, moved_in, 3).eligibility,
            Eligibility::Met
        );
        let settled = ProfileFacts {
            years_in_minato: Some(2),
            ..Default::default()
        };
        assert_eq!(
            ward_years(2, Area::Minato, settled.clone(), 5).eligibility,
            Eligibility::Met
        );
        // Two years in the ward prove two in Tokyo, but not three.
        assert_eq!(
            ward_years(2, Area::Tokyo, settled.clone(), 5).eligibility,
            Eligibility::Met
        );
        assert_eq!(
            ward_years(3, Area::Tokyo, settled, 5).eligibility,
            Eligibility::Unknown
        );
        // Younger than the rule: unmet whatever the area.
        assert_eq!(
            ward_years(2, Area::Minato, ProfileFacts::default(), 1).eligibility,
            Eligibility::Unmet
        );
    }

    #[test]
    fn a_business_outside_the_years_area_does_not_meet_it() {
        let mut r = rules(PreFounding::No, Some(1), None);
        r.min_years_area = Area::Minato;
        let mut p = staged(Stage::Founded(4));
        p.location = Location::Tokyo;
        assert_eq!(stage_checks(&r, &p)[0].eligibility, Eligibility::Unmet);
    }

    fn scheme_with(edit: impl FnOnce(&mut EligibilityRules)) -> Scheme {
        let text = r#"
            id = "minato-test"
            title = "テスト"
            level = "ward"
            provider = "港区"
            kind = "subsidy"
            summary = "テスト"
            details = "テスト"
            purposes = ["販路拡大"]
            industries = ["all"]
            how_to_apply = "窓口"
            contact = "港区"
            source_url = "https://www.city.minato.tokyo.jp/"
            as_of = 2026-11-20
            [eligibility]
            location = "anywhere"
            office = "any_office"
            size = "any"
            pre_founding = "allowed"
            legal_form = "any"
            [window]
            kind = "always"
        "#;
        let mut s: Scheme = toml::from_str(text).unwrap();
        edit(&mut s.eligibility);
        s
    }

    fn verdict(s: &Scheme, p: &Profile, condition: Condition) -> Eligibility {
        let checks = assess(s, p);
        let found: Vec<&Check> = checks.iter().filter(|c| c.condition == condition).collect();
        assert_eq!(found.len(), 1, "{checks:?}");
        found[0].eligibility
    }

    #[test]
    fn loan_caps_by_sector_take_capital_or_employees() {
        // 資本金1,000万円以下または従業員100人（卸売・小売・サービス業は30人）以下.
        let s = scheme_with(|e| {
            e.size_caps = vec![
                SizeCap {
                    sectors: vec![Sector::ManufacturingOther],
                    max_employees: Some(100),
                    max_capital_yen: Some(10_000_000),
                },
                SizeCap {
                    sectors: vec![Sector::Wholesale, Sector::Retail, Sector::Services],
                    max_employees: Some(30),
                    max_capital_yen: Some(10_000_000),
                },
            ]
        });
        let v = |industry, employees, capital| {
            verdict(&s, &profile(industry, employees, capital), Condition::Size)
        };
        assert_eq!(v("製造業", 100, Some(50_000_000)), Eligibility::Met);
        assert_eq!(v("製造業", 101, Some(10_000_000)), Eligibility::Met);
        assert_eq!(v("製造業", 101, Some(10_000_001)), Eligibility::Unmet);
        assert_eq!(
            v("学術研究、専門・技術サービス業", 31, Some(20_000_000)),
            Eligibility::Unmet
        );
        assert_eq!(
            v("学術研究、専門・技術サービス業", 30, Some(20_000_000)),
            Eligibility::Met
        );
        // 情報通信業 reads as "other" (100) or services (30): in between it depends which.
        assert_eq!(v("情報通信業", 50, Some(20_000_000)), Eligibility::Unknown);
        assert_eq!(v("製造業", 101, None), Eligibility::Unknown);
        let mut sole = profile("製造業", 120, None);
        sole.corporate = false;
        assert_eq!(verdict(&s, &sole, Condition::Size), Eligibility::Unmet);
    }

    #[test]
    fn minimum_employees_exclude_a_one_person_business() {
        let s = scheme_with(|e| e.min_employees = Some(2));
        assert_eq!(
            verdict(&s, &profile("製造業", 1, None), Condition::Employees),
            Eligibility::Unmet
        );
        assert_eq!(
            verdict(&s, &profile("製造業", 2, None), Condition::Employees),
            Eligibility::Met
        );
    }

    #[test]
    fn excluded_industries_are_unmet_and_partly_excluded_ones_unknown() {
        let s = scheme_with(|e| {
            e.excluded_industries = vec!["農業、林業".into()];
            e.partly_excluded_industries = vec!["金融業、保険業".into()];
        });
        assert_eq!(
            verdict(&s, &profile("農業、林業", 1, None), Condition::Industry),
            Eligibility::Unmet
        );
        let partly = assess(&s, &profile("金融業、保険業", 1, None));
        let check = partly
            .iter()
            .find(|c| c.condition == Condition::Industry)
            .unwrap();
        assert_eq!(check.eligibility, Eligibility::Unknown);
        assert!(check.settle_by.is_some());
        assert!(
            assess(&s, &profile("製造業", 1, None))
                .iter()
                .all(|c| c.condition != Condition::Industry)
        );
    }

    #[test]
    fn women_young_or_senior_owners_qualify_and_others_do_not() {
        // 女性、または35歳未満、または55歳以上.
        let s = scheme_with(|e| {
            e.person = Some(PersonRule {
                women: true,
                below_age: Some(35),
                from_age: Some(55),
                max_management_years: None,
            })
        });
        let v = |female, age| {
            let mut p = profile("製造業", 1, None);
            p.facts.owner_female = female;
            p.facts.owner_age = age;
            verdict(&s, &p, Condition::Person)
        };
        assert_eq!(v(Some(true), Some(45)), Eligibility::Met);
        assert_eq!(v(Some(false), Some(34)), Eligibility::Met);
        assert_eq!(v(Some(false), Some(35)), Eligibility::Unmet);
        assert_eq!(v(Some(false), Some(55)), Eligibility::Met);
        assert_eq!(v(None, Some(45)), Eligibility::Unknown);
        assert_eq!(v(None, Some(30)), Eligibility::Met);
        assert_eq!(v(None, None), Eligibility::Unknown);
    }

    #[test]
    fn management_experience_and_sales_are_asked_when_unknown() {
        let s = scheme_with(|e| {
            e.person = Some(PersonRule {
                max_management_years: Some(5),
                ..Default::default()
            });
            e.min_sales_yen = Some(1_000_000_000);
            e.max_sales_yen = Some(10_000_000_000);
        });
        let mut p = profile("製造業", 1, None);
        let checks = assess(&s, &p);
        assert!(
            checks
                .iter()
                .filter(|c| matches!(c.condition, Condition::Person | Condition::Sales))
                .all(|c| c.eligibility == Eligibility::Unknown && c.settle_by.is_some())
        );
        assert_eq!(fit(&checks), Fit::Likely);
        p.facts.owner_management_years = Some(5);
        p.facts.annual_sales_yen = Some(300_000_000);
        assert_eq!(verdict(&s, &p, Condition::Person), Eligibility::Unmet);
        assert_eq!(verdict(&s, &p, Condition::Sales), Eligibility::Unmet);
        p.facts.owner_management_years = Some(4);
        p.facts.annual_sales_yen = Some(1_000_000_000);
        assert_eq!(verdict(&s, &p, Condition::Person), Eligibility::Met);
        assert_eq!(verdict(&s, &p, Condition::Sales), Eligibility::Met);
    }

    #[test]
    fn a_once_only_scheme_already_received_is_unmet() {
        let s = scheme_with(|e| e.once_only = true);
        let mut p = profile("製造業", 1, None);
        let checks = assess(&s, &p);
        assert_eq!(verdict(&s, &p, Condition::OnceOnly), Eligibility::Unknown);
        // Unasked, the scheme is likely, with the fact that would settle it.
        assert_eq!(fit(&checks), Fit::Likely);
        let once = checks
            .iter()
            .find(|c| c.condition == Condition::OnceOnly)
            .unwrap();
        assert_eq!(once.fact.as_deref(), Some("received"));
        p.facts.received = Some(vec!["minato-test".into()]);
        assert_eq!(verdict(&s, &p, Condition::OnceOnly), Eligibility::Unmet);
        p.facts.received = Some(vec![]);
        assert_eq!(verdict(&s, &p, Condition::OnceOnly), Eligibility::Met);
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
