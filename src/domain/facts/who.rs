//! Who may apply: the structured rules, years in business and conditions on the owner.

use super::sentence::{Owner, Place, Rule, Sentence, SizeTerm};
use super::{FactContext, closest, named_area, nearest, sentences};
use crate::domain::asked::asks_whether_covered;
use crate::domain::scheme::{Area, EligibilityRules, OfficeRule, PersonRule, Scheme, SizeRule};

pub(super) fn eligibility(scheme: &Scheme, ctx: &FactContext) -> Vec<Sentence> {
    let e = &scheme.eligibility;
    let mut who: Vec<Sentence> = covered_rule(scheme, ctx.question)
        .map(|condition| Sentence::CoveredRule { condition })
        .into_iter()
        .collect();
    who.push(mainly_for(e));
    let rules = structured_rules(scheme);
    if !rules.is_empty() {
        who.push(Sentence::Rules(rules));
    }
    let picked = nearest(
        e.conditions.iter().chain(e.requirements.iter()),
        ctx.question,
        4,
    );
    if !picked.is_empty() {
        who.push(Sentence::Conditions(picked));
    }
    who
}

/// Whom a scheme is mainly for: its size of business, where the office must be, and the
/// legal form.
pub(super) fn mainly_for(e: &EligibilityRules) -> Sentence {
    let size = match e.size {
        SizeRule::Sme => SizeTerm::Sme,
        SizeRule::Small if e.small_by_law() => SizeTerm::SmallByLaw,
        SizeRule::Small => SizeTerm::Small,
        SizeRule::Any => SizeTerm::Any,
    };
    let place = match (e.location, e.office) {
        (Area::Anywhere | Area::OtherPrefecture, _) => None,
        (area, OfficeRule::HeadOffice) => Some(Place::HeadOffice(area)),
        (area, OfficeRule::AnyOffice) => Some(Place::AnyOffice(area)),
    };
    Sentence::MainlyFor {
        size,
        place,
        legal: e.legal_form,
    }
}

/// For a question whether a particular case is covered ("同じ研究テーマでも申請できる？"), the
/// condition of the entry that decides it: the one sharing the most with the question, when
/// it is a limit (…ないこと, 対象外, …に限る) and clearly on the question's subject.
pub(super) fn covered_rule(scheme: &Scheme, question: &str) -> Option<String> {
    const LIMIT: &[&str] = &[
        "ないこと",
        "ない者",
        "ない方",
        "対象外",
        "除く",
        "除き",
        "不可",
        "できない",
        "に限る",
        "に限り",
        "のみ",
        "重複",
    ];
    if !asks_whether_covered(question) {
        return None;
    }
    let e = &scheme.eligibility;
    let limit = |(n, rule): (usize, &String)| {
        (n >= 3 && LIMIT.iter().any(|w| rule.contains(w)))
            .then(|| rule.trim_end_matches('。').to_string())
    };
    if let Some(rule) =
        closest(e.conditions.iter().chain(e.requirements.iter()), question).and_then(limit)
    {
        return Some(rule);
    }
    // A limit the fields leave to the details ("申請する年度より前に払った経費は対象外です"):
    // the sentence on the question's subject, with more of its words than a field's rule
    // needs, since a details sentence is longer.
    let details = sentences(&scheme.details);
    closest(details.iter(), question)
        .filter(|(n, _)| *n >= 5)
        .and_then(limit)
}

/// The rules the structured eligibility holds beyond place, size and legal form, each with
/// the numbers of its fields.
pub(super) fn structured_rules(scheme: &Scheme) -> Vec<Rule> {
    let e = &scheme.eligibility;
    let mut rules = Vec::new();
    if let Some(n) = e.max_employees {
        rules.push(Rule::EmployeesAtMost(n));
    }
    if let Some(n) = e.min_employees {
        rules.push(Rule::EmployeesAtLeast(n));
    }
    if let Some(y) = e.max_capital_yen {
        rules.push(Rule::CapitalAtMost(y));
    }
    for cap in &e.size_caps {
        if cap.max_capital_yen.is_some() || cap.max_employees.is_some() {
            rules.push(Rule::SizeCap {
                sectors: cap.sectors.iter().map(|s| s.label_ja()).collect(),
                capital: cap.max_capital_yen,
                employees: cap.max_employees,
            });
        }
    }
    if let Some(n) = e.min_years {
        rules.push(Rule::InBusiness {
            area: named_area(e.min_years_area),
            years: n,
        });
    }
    if let Some(n) = e.max_years {
        rules.push(Rule::FoundedWithin(n));
    }
    if let Some(p) = &e.person {
        rules.extend(person_rule(p));
    }
    if let Some(y) = e.min_sales_yen {
        rules.push(Rule::SalesAtLeast(y));
    }
    if let Some(y) = e.max_sales_yen {
        rules.push(Rule::SalesBelow(y));
    }
    if !e.excluded_industries.is_empty() {
        rules.push(Rule::ExcludedIndustries(e.excluded_industries.clone()));
    }
    if e.shotenkai_member {
        rules.push(Rule::ShotenkaiMember);
    }
    if e.once_only {
        rules.push(Rule::OnceOnly);
    }
    rules
}

/// The owner's age, gender or experience, as the rules of one person.
pub(super) fn person_rule(p: &PersonRule) -> Vec<Rule> {
    let mut rules = Vec::new();
    if p.women || p.below_age.is_some() || p.from_age.is_some() {
        rules.push(Rule::Owner(Owner {
            women: p.women,
            below_age: p.below_age,
            from_age: p.from_age,
        }));
    }
    if let Some(n) = p.max_management_years {
        rules.push(Rule::ManagementYearsBelow(n));
    }
    rules
}

pub(super) fn years(scheme: &Scheme, ctx: &FactContext) -> (Vec<Sentence>, bool) {
    let e = &scheme.eligibility;
    let mut parts: Vec<Sentence> = Vec::new();
    if let Some(n) = e.max_years {
        parts.push(Sentence::Required(Rule::FoundedWithin(n)));
    }
    if let Some(n) = e.min_years {
        parts.push(Sentence::Required(Rule::InBusiness {
            area: named_area(e.min_years_area),
            years: n,
        }));
    }
    let person = e.person.as_ref().map(person_rule).unwrap_or_default();
    parts.extend(person.into_iter().map(Sentence::Required));
    parts.push(Sentence::PreFounding(e.pre_founding));
    // Conditions on years, months or age, in the entry's own words.
    let timed: Vec<&String> = e
        .conditions
        .iter()
        .chain(e.requirements.iter())
        .filter(|c| {
            ["年以上", "年未満", "年以内", "か月", "歳", "期以上", "決算"]
                .iter()
                .any(|w| c.contains(w))
        })
        .take(2)
        .collect();
    for c in timed {
        parts.push(Sentence::Condition {
            text: c.trim_end_matches('。').to_string(),
        });
    }
    if parts.len() == 1 && asks_age(ctx.question) {
        return (parts, false);
    }
    (parts, true)
}

pub(super) fn asks_age(q: &str) -> bool {
    q.contains('歳') || q.contains("年齢") || q.contains("how old") || q.contains("age ")
}
