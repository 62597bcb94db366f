//! What a scheme presupposes the business already holds (an approved plan, a certification, the
//! disability-employment rate met): met or unmet once the business says which it holds,
//! otherwise unknown — never presumed, since most businesses hold none — with the question that
//! settles it.

use super::{Check, Condition, Eligibility, Odds, check};
use crate::domain::profile::Profile;
use crate::domain::scheme::EligibilityRules;

pub(super) fn prerequisite_check(e: &EligibilityRules, p: &Profile) -> Option<Check> {
    use Eligibility::*;
    if e.requires.is_empty() {
        return None;
    }
    let what = e
        .requires
        .iter()
        .map(|r| r.label_ja())
        .collect::<Vec<_>>()
        .join("、または");
    Some(match &p.facts.prerequisites {
        Some(held) => match e.requires.iter().find(|r| held.contains(r)) {
            Some(r) => check(
                Condition::Prerequisite,
                Met,
                format!("前提となる{}に当てはまります", r.label_ja()),
                None,
            ),
            None => check(
                Condition::Prerequisite,
                Unmet,
                format!("{what}が前提です"),
                None,
            ),
        },
        None => {
            let question = e
                .requires
                .iter()
                .map(|r| r.question_ja())
                .collect::<Vec<_>>()
                .join("／");
            check(
                Condition::Prerequisite,
                Unknown,
                format!("{what}が前提です"),
                Some(&question),
            )
            .by_fact("prerequisites")
            .odds(Odds::Unusual)
        }
    })
}
