//! The owner (age, gender, management experience) and the business's annual sales: facts the
//! questionnaire does not ask, so an unknown names the fact that would settle it.

use super::{Check, Condition, Eligibility, check};
use crate::domain::profile::Profile;
use crate::domain::scheme::{PersonRule, yen_ja};

pub(super) fn checks(rule: &PersonRule, p: &Profile) -> Vec<Check> {
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

pub(super) fn sales_check(min: Option<u64>, max: Option<u64>, p: &Profile) -> Check {
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
