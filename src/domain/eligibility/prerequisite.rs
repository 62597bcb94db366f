//! What a scheme presupposes the business already holds (an approved plan, a certification, the
//! disability-employment rate met): met or unmet once the business says which it holds,
//! otherwise unknown — never presumed, since most businesses hold none — with the question that
//! settles it.

use super::{Check, Condition, Eligibility, Odds, check};
use crate::domain::profile::Profile;
use crate::domain::scheme::EligibilityRules;

/// The lines of `conditions` and `requirements` that spell out a prerequisite the scheme
/// lists in `requires` (which kinds of BCP count, the routes a loan names): the prerequisite
/// check carries them, so a result does not list the same rule twice.
pub(super) fn spells_out_prerequisite(e: &EligibilityRules, line: &str) -> bool {
    e.requires.iter().any(|r| r.named_in(line))
}

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
            // The scheme's own words say which kinds count; the label is the fallback.
            let spelled: Vec<&str> = e
                .conditions
                .iter()
                .chain(&e.requirements)
                .map(String::as_str)
                .filter(|l| spells_out_prerequisite(e, l))
                .collect();
            let reason = if spelled.is_empty() {
                format!("{what}が前提です")
            } else {
                spelled.join("／")
            };
            let question = e
                .requires
                .iter()
                .map(|r| r.question_ja())
                .collect::<Vec<_>>()
                .join("／");
            check(Condition::Prerequisite, Unknown, reason, Some(&question))
                .by_fact("prerequisites")
                .odds(Odds::Unusual)
        }
    })
}
