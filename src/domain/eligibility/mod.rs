//! Evaluates a scheme's structured eligibility against a [`Profile`], condition by condition,
//! into met / unmet / unknown, with a Japanese reason and, for unknowns, what would settle it.

use serde::Serialize;

use super::profile::Profile;
use super::scheme::Scheme;

mod business;
mod person;
mod place;
mod prerequisite;
mod rules;
mod situation;
mod size;
mod stage;
#[cfg(test)]
mod tests;

pub use rules::rules_ja;
pub use size::{caps_ja, caps_status, small_status, sme_caps, sme_readings, sme_status};

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
    /// Not for businesses that received certain other schemes.
    RecipientsOf,
    /// Whom the scheme is made for beyond the questionnaire (a social business, a disaster …).
    Situation,
    /// A plan, certification or fact the scheme presupposes (an approved 経営革新計画 …).
    Prerequisite,
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
    /// For unknowns: what the ranking may presume until the business answers.
    #[serde(skip)]
    pub odds: Odds,
}

/// What the ranking may presume of an unknown condition before the business settles it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Odds {
    /// Nothing: the business could have told (a blank questionnaire answer), or the case is
    /// not usual enough to presume (where a branch's head office is).
    #[default]
    Open,
    /// The usual case holds for most businesses (years in the ward, first use, the owner's
    /// age), so the condition is presumed met.
    Usual,
    /// Most businesses are not in it (a situation the business has not told and its industry
    /// or purposes do not suggest, a certification it has not said it holds).
    Unusual,
}

impl Check {
    /// Marks an unknown as settled by the fact `key` (not a questionnaire answer), the usual
    /// case presumed until it is given.
    pub(super) fn by_fact(mut self, key: &str) -> Check {
        if self.eligibility == Eligibility::Unknown {
            self.fact = Some(key.to_string());
            self.odds = Odds::Usual;
        }
        self
    }

    /// Says how far the ranking may presume this unknown (see [`Odds`]).
    pub(super) fn odds(mut self, odds: Odds) -> Check {
        if self.eligibility == Eligibility::Unknown {
            self.odds = odds;
        }
        self
    }
}

pub(super) fn combine(verdicts: &[Eligibility]) -> Eligibility {
    if verdicts.iter().all(|v| *v == Eligibility::Met) {
        Eligibility::Met
    } else if verdicts.iter().all(|v| *v == Eligibility::Unmet) {
        Eligibility::Unmet
    } else {
        Eligibility::Unknown
    }
}

pub(super) fn check(
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
        odds: Odds::Open,
    }
}

/// Every structured condition of `scheme`, evaluated against `p`, in the order a reader
/// expects them: place, industry, whom it is made for, size, years, legal form and
/// membership, the owner, sales, earlier use, then the free-text conditions.
pub fn assess(scheme: &Scheme, p: &Profile) -> Vec<Check> {
    let e = &scheme.eligibility;
    let mut out = place::checks(e, p);
    out.extend(business::industry_check(scheme, p));
    out.extend(situation::situation_check(e, p));
    out.extend(prerequisite::prerequisite_check(e, p));
    out.extend(size::checks(e, p));
    out.extend(stage::checks(e, p));
    out.extend(business::form_checks(e, p));
    if let Some(person) = &e.person {
        out.extend(person::checks(person, p));
    }
    if e.min_sales_yen.is_some() || e.max_sales_yen.is_some() {
        out.push(person::sales_check(e.min_sales_yen, e.max_sales_yen, p));
    }
    out.extend(business::once_only_check(scheme, p));
    out.extend(business::recipients_check(scheme, p));
    // Nearly every scheme has free-text conditions; they never lower the ranking. A line
    // spelling out a prerequisite is the prerequisite check's own text.
    for c in e
        .conditions
        .iter()
        .chain(&e.requirements)
        .filter(|l| !prerequisite::spells_out_prerequisite(e, l))
    {
        out.push(
            check(
                Condition::Other,
                Eligibility::Unknown,
                c.clone(),
                Some("募集要項・申請書類で確認"),
            )
            .odds(Odds::Usual),
        );
    }
    out
}

/// Overall fit: unmet if any structured condition is unmet; otherwise eligible when every
/// structured condition is met, unknown when a prerequisite the scheme presupposes (an approved
/// plan, a certification) is not known to be held, likely when other conditions are unknown
/// (also when only a fact the questionnaire does not ask would settle it). Free-text
/// conditions are listed as unknowns but do not lower the fit: nearly every scheme has some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    Eligible,
    Likely,
    /// Fits only if the business holds what the scheme presupposes, which nobody has said.
    Unknown,
    Ineligible,
}

pub fn fit(checks: &[Check]) -> Fit {
    if checks.iter().any(|c| c.eligibility == Eligibility::Unmet) {
        Fit::Ineligible
    } else if checks
        .iter()
        .any(|c| c.eligibility == Eligibility::Unknown && c.condition == Condition::Prerequisite)
    {
        Fit::Unknown
    } else if checks
        .iter()
        .any(|c| c.eligibility == Eligibility::Unknown && c.condition != Condition::Other)
    {
        Fit::Likely
    } else {
        Fit::Eligible
    }
}
