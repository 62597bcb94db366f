//! Size: 中小企業基本法's SME and 小規模事業者 definitions read by sector, and a scheme's own
//! caps on employees and capital.

use super::{Check, Condition, Eligibility, check, combine};
use crate::domain::profile::Profile;
use crate::domain::scheme::{EligibilityRules, Sector, SizeCap, SizeRule, Trade, yen_ja};

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
/// cap that goes with each. Some jGrants industries mix two trades the law reads apart
/// (卸売業、小売業), so the answer is a list; a profile is then met only if every reading agrees.
pub fn sme_readings(industry: &str) -> Vec<(Sector, u32)> {
    match trades_of(industry) {
        [] => match industry {
            "学術研究、専門・技術サービス業"
            | "教育、学習支援業"
            | "医療、福祉"
            | "複合サービス事業"
            | "サービス業（他に分類されないもの）" => vec![(Sector::Services, 5)],
            _ => vec![(Sector::ManufacturingOther, 20)],
        },
        trades => trades.iter().map(|t| t.reading()).collect(),
    }
}

/// The trades of a jGrants industry that the law reads apart; empty for an industry it reads
/// as one.
fn trades_of(industry: &str) -> &'static [Trade] {
    use Trade::*;
    match industry {
        "卸売業、小売業" => &[Wholesale, Retail],
        "宿泊業、飲食サービス業" => &[Restaurant, Lodging],
        "生活関連サービス業、娯楽業" => &[PersonalServices, Entertainment],
        "不動産業、物品賃貸業" => &[RealEstate, Rental],
        "情報通信業" => &[Software, Media],
        _ => &[],
    }
}

/// The readings of the law that apply to this business: those of its industry, or the one its
/// trade names when `facts.trade` picks one of them.
fn readings(p: &Profile) -> Vec<(Sector, u32)> {
    let all = sme_readings(p.industry);
    match p.facts.trade.map(Trade::reading) {
        Some(r) if all.contains(&r) => vec![r],
        _ => all,
    }
}

/// Whether the industry answer mixes trades `facts.trade` would settle.
fn trade_would_settle(p: &Profile) -> bool {
    p.facts.trade.is_none() && !trades_of(p.industry).is_empty()
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
    let verdicts: Vec<Eligibility> = readings(p)
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
    let verdicts: Vec<Eligibility> = readings(p)
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
    let verdicts: Vec<Eligibility> = readings(p)
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

pub(super) fn checks(e: &EligibilityRules, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let mut out = Vec::new();
    match e.size {
        SizeRule::Any => {}
        SizeRule::Sme => out.push(match sme_status(p) {
            Met => check(Condition::Size, Met, "中小企業基本法の中小企業者に当たるため対象です", None),
            Unmet => check(Condition::Size, Unmet, "中小企業（中小企業基本法の定義）が対象で、資本金・従業員数とも基準を超えています", None),
            // Without the capital, the capital settles it first.
            Unknown if capital_unknown(p) => check(Condition::Size, Unknown, "中小企業に当たるかは業種区分と資本金によります", Some(settle_sme(p))),
            Unknown => asking_trade(check(Condition::Size, Unknown, "中小企業に当たるかは業種区分と資本金によります", Some(settle_sme(p))), p),
        }),
        SizeRule::Small => out.push(match small_status(p) {
            Met => check(Condition::Size, Met, format!("従業員{}人で小規模事業者に当たるため対象です", p.employees), None),
            Unmet => check(Condition::Size, Unmet, format!("小規模事業者（商業・サービス業5人以下、製造業その他20人以下）が対象で、従業員{}人は基準を超えています", p.employees), None),
            Unknown => asking_trade(check(Condition::Size, Unknown, "小規模事業者に当たるかは業種区分によります", Some("主な業種（卸・小売・宿泊・娯楽など）の区分")), p),
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
    out
}

/// An unknown size check the trade would settle names `facts.trade` as its fact; its odds stay
/// as they are (nothing presumes which trade a business has).
fn asking_trade(mut c: Check, p: &Profile) -> Check {
    if trade_would_settle(p) {
        c.fact = Some("trade".to_string());
    }
    c
}

/// A corporation that has not given its capital.
fn capital_unknown(p: &Profile) -> bool {
    p.corporate && p.capital_yen.is_none()
}

pub(super) fn settle_sme(p: &Profile) -> &'static str {
    if capital_unknown(p) {
        "資本金の額"
    } else {
        "主な業種（卸売・小売・サービスなど）の区分"
    }
}
