//! What kind of business: its industry, legal form, 商店会 membership, and whether it has
//! already used a once-only scheme.

use super::{Check, Condition, Eligibility, check};
use crate::domain::profile::Profile;
use crate::domain::scheme::{EligibilityRules, LegalForm, Scheme};

pub(super) fn industry_check(scheme: &Scheme, p: &Profile) -> Option<Check> {
    use Eligibility::*;
    let e = &scheme.eligibility;
    let mut out = None;
    if !scheme.serves_industry(p.industry) || e.excluded_industries.iter().any(|i| i == p.industry)
    {
        out = Some(check(
            Condition::Industry,
            Unmet,
            format!("対象業種に「{}」は含まれていません", p.industry),
            None,
        ));
    } else if e.partly_excluded_industries.iter().any(|i| i == p.industry) {
        out = Some(check(
            Condition::Industry,
            Unknown,
            format!("「{}」のうち一部の事業は対象外です", p.industry),
            Some("事業の内容（対象業種に当たるか）"),
        ));
    }
    out
}

pub(super) fn form_checks(e: &EligibilityRules, p: &Profile) -> Vec<Check> {
    use Eligibility::*;
    let mut out = Vec::new();
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
    out
}

pub(super) fn once_only_check(scheme: &Scheme, p: &Profile) -> Option<Check> {
    use Eligibility::*;
    let e = &scheme.eligibility;
    let mut out = None;
    if e.once_only {
        out = Some(match &p.facts.received {
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
    out
}

/// Schemes whose recipients may not apply: unmet when the business has received one of them,
/// met when it has received none (an empty `received`), unknown when it has not said.
pub(super) fn recipients_check(scheme: &Scheme, p: &Profile) -> Option<Check> {
    use Eligibility::*;
    let others = &scheme.eligibility.not_for_recipients_of;
    if others.is_empty() {
        return None;
    }
    Some(match &p.facts.received {
        Some(ids) if ids.iter().any(|id| others.contains(id)) => check(
            Condition::RecipientsOf,
            Unmet,
            "この制度の対象外となる他の制度（条件の欄を参照）をすでに受けています",
            None,
        ),
        Some(_) => check(
            Condition::RecipientsOf,
            Met,
            "対象外となる他の制度を受けていないため対象です",
            None,
        ),
        None => check(
            Condition::RecipientsOf,
            Unknown,
            "特定の他の制度を受けた事業者は対象外です",
            Some("条件の欄に挙げた制度を受けたことがありますか"),
        )
        .by_fact("received"),
    })
}
