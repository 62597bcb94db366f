//! Whom a scheme is made for beyond the questionnaire (a social business, a business hit by a
//! disaster …): met or unmet once the business says which situations apply, otherwise unknown,
//! presumed only for the industries or the chosen purposes the situation describes.

use super::{Check, Condition, Eligibility, Odds, check};
use crate::domain::profile::Profile;
use crate::domain::scheme::{EligibilityRules, Situation};

pub(super) fn situation_check(e: &EligibilityRules, p: &Profile) -> Option<Check> {
    use Eligibility::*;
    if e.situations.is_empty() {
        return None;
    }
    let who = e
        .situations
        .iter()
        .map(|s| s.label_ja())
        .collect::<Vec<_>>()
        .join("、または");
    Some(match &p.facts.situations {
        Some(told) if e.situations.iter().any(|s| told.contains(s)) => check(
            Condition::Situation,
            Met,
            format!("{who}が対象で、当てはまります"),
            None,
        ),
        Some(_) => check(
            Condition::Situation,
            Unmet,
            format!("{who}が対象です"),
            None,
        ),
        None => {
            // Most businesses are in none of the situations, unless their industry or a
            // purpose they chose is one the situation describes.
            let presumed = presumed_by(e, p);
            let odds = if presumed.is_some() {
                Odds::Usual
            } else {
                Odds::Unusual
            };
            let reason = match presumed {
                Some(why) => format!("{who}が対象です（{why}のため当てはまる見込みです）"),
                None => format!("{who}が対象です"),
            };
            let question = e
                .situations
                .iter()
                .map(|s| s.question_ja())
                .collect::<Vec<_>>()
                .join("／");
            check(Condition::Situation, Unknown, reason, Some(&question))
                .by_fact("situations")
                .odds(odds)
        }
    })
}

/// Why the scheme may be presumed to fit until the business says otherwise, in words
/// ("業種が「医療、福祉」"): its industry is one the scheme's situations describe (保育・介護 for
/// a 医療、福祉 business) or it chose a purpose that says it is in one (海外展開).
fn presumed_by(e: &EligibilityRules, p: &Profile) -> Option<String> {
    e.situations.iter().find_map(|s: &Situation| {
        if s.typical_industries().contains(&p.industry) {
            return Some(format!("業種が「{}」", p.industry));
        }
        s.typical_purposes()
            .iter()
            .find(|t| p.purposes.iter().any(|x| x.as_str() == **t))
            .map(|t| format!("目的に「{t}」を選んだ"))
    })
}
