//! The facts of a reply in words: each [`Sentence`] the domain chose, worded by the message
//! catalog of the reply's language (`fact-*` keys), its amounts, dates, rates and hours
//! formatted from the fields as that language writes them (万円 or "2.5 million yen (¥…)",
//! 2026年5月29日 or "29 May 2026"), never written into a catalog.

use crate::app::messages::{Arg, Messages};
use crate::domain::asked::Asked;
use crate::domain::consultants::Desk;
use crate::domain::corpus::translation::Lang;
use crate::domain::facts::date_ja;
use crate::domain::facts::english::{date_en, rate_words, round_name, schedule_en, yen_words};
use crate::domain::facts::sentence::{
    AmountOf, Owner, Place, RateOf, RoundState, Rule, SMALL_BY_LAW, Sentence, SizeTerm,
};
use crate::domain::scheme::{Area, LegalForm, PreFounding, yen_ja};

/// The sentences in `m`'s language, as one text.
pub fn render(m: Messages, sentences: &[Sentence]) -> String {
    sentences
        .iter()
        .map(|s| sentence(m, s))
        .collect::<Vec<_>>()
        .join(&m.t("chat-fact-sentence-separator"))
}

/// What an asked attribute is called in a reply.
pub fn label(m: Messages, asked: Asked) -> String {
    m.t(label_key(asked))
}

pub fn label_key(asked: Asked) -> &'static str {
    match asked {
        Asked::Amount => "chat-fact-label-amount",
        Asked::Rate => "chat-fact-label-rate",
        Asked::Eligibility => "chat-fact-label-eligibility",
        Asked::Years => "chat-fact-label-years",
        Asked::Deadline => "chat-fact-label-deadline",
        Asked::HowToApply => "chat-fact-label-how-to-apply",
        Asked::Documents => "chat-fact-label-documents",
        Asked::Contact => "chat-fact-label-contact",
        Asked::Combination => "chat-fact-label-combination",
        Asked::Fee => "chat-fact-label-fee",
        Asked::Count => "chat-fact-label-count",
        Asked::Term => "chat-fact-label-term",
    }
}

fn yen(m: Messages, yen: u64) -> String {
    match m.lang() {
        Lang::En => yen_words(yen),
        Lang::Ja | Lang::Easy => yen_ja(yen),
    }
}

fn date(m: Messages, d: chrono::NaiveDate) -> String {
    match m.lang() {
        Lang::En => date_en(d),
        Lang::Ja | Lang::Easy => date_ja(d),
    }
}

/// A desk's days and hours: the Japanese as the desk page writes them, English with the
/// names of the days, やさしい日本語 from its catalog.
fn hours(m: Messages, desk: &Desk) -> String {
    match m.lang() {
        Lang::Ja => desk.schedule_ja(),
        Lang::En => schedule_en(desk),
        Lang::Easy => m.desk_hours(desk),
    }
}

/// A published rate as the language can write it ("2/3以内" → "up to 2/3"); `None` when
/// English cannot, and the Japanese is quoted.
fn rate(m: Messages, rate: &str) -> Option<String> {
    match m.lang() {
        Lang::En => rate_words(rate),
        Lang::Ja | Lang::Easy => Some(rate.to_string()),
    }
}

fn area(m: Messages, area: Area) -> String {
    match area {
        Area::Minato => m.t("chat-fact-area-minato"),
        Area::Tokyo => m.t("chat-fact-area-tokyo"),
        Area::Anywhere | Area::OtherPrefecture => String::new(),
    }
}

fn amount_of(m: Messages, of: AmountOf) -> String {
    m.t(match of {
        AmountOf::Loan => "chat-fact-amount-of-loan",
        AmountOf::Grant => "chat-fact-amount-of-grant",
        AmountOf::Other => "chat-fact-amount-of-other",
    })
}

fn rate_of(m: Messages, of: RateOf) -> String {
    m.t(match of {
        RateOf::Loan => "chat-fact-rate-of-loan",
        RateOf::InterestSubsidy => "chat-fact-rate-of-interest-subsidy",
        RateOf::Tax => "chat-fact-rate-of-tax",
        RateOf::Subsidy => "chat-fact-rate-of-subsidy",
    })
}

fn size(m: Messages, size: SizeTerm) -> String {
    match size {
        SizeTerm::Sme => m.t("chat-fact-size-sme"),
        SizeTerm::SmallByLaw => m.tv(
            "chat-fact-size-small-by-law",
            &[
                ("others", Arg::Number(SMALL_BY_LAW.others.into())),
                ("commerce", Arg::Number(SMALL_BY_LAW.commerce.into())),
                ("lodging", Arg::Number(SMALL_BY_LAW.lodging.into())),
            ],
        ),
        SizeTerm::Small => m.t("chat-fact-size-small"),
        SizeTerm::Any => m.t("chat-fact-size-any"),
    }
}

fn place(m: Messages, place: Option<Place>) -> String {
    match place {
        None => String::new(),
        Some(Place::HeadOffice(a)) => m.ta("chat-fact-place-head-office", "area", &area(m, a)),
        Some(Place::AnyOffice(a)) => m.ta("chat-fact-place-any-office", "area", &area(m, a)),
    }
}

fn legal(m: Messages, legal: LegalForm) -> String {
    m.t(match legal {
        LegalForm::Any => "chat-fact-legal-any",
        LegalForm::Corporate => "chat-fact-legal-corporate",
        LegalForm::SoleProprietor => "chat-fact-legal-sole",
    })
}

/// Titles of schemes as a list: 「A」・「B」, or "A, B".
fn titles(m: Messages, titles: &[String]) -> String {
    titles
        .iter()
        .map(|t| m.ta("chat-fact-title", "title", t))
        .collect::<Vec<_>>()
        .join(&m.t("chat-fact-title-separator"))
}

fn sentence(m: Messages, s: &Sentence) -> String {
    use Arg::Text;
    match s {
        // The amount has a sentence of its own: "the amount is not known" reads plainer
        // than the attribute's label in やさしい日本語.
        Sentence::NotInSources {
            asked: Asked::Amount,
            contact,
        } => m.ta("chat-fact-not-in-sources-amount", "contact", contact),
        // So is a combination: no rule in our sources is not "yes, you can".
        Sentence::NotInSources {
            asked: Asked::Combination,
            contact,
        } => m.ta("chat-fact-not-in-sources-combination", "contact", contact),
        Sentence::NotInSources { asked, contact } => m.targs(
            "chat-fact-not-in-sources",
            &[("label", &label(m, *asked)), ("contact", contact)],
        ),
        Sentence::AmountPublished { of, text } => m.targs(
            "chat-fact-amount-published",
            &[("what", &amount_of(m, *of)), ("text", text)],
        ),
        Sentence::AmountCeiling { of, yen: y } => m.targs(
            "chat-fact-amount-ceiling",
            &[("what", &amount_of(m, *of)), ("amount", &yen(m, *y))],
        ),
        Sentence::ShareOfCosts { share, ceiling } => {
            let up_to = if share.up_to { "yes" } else { "no" };
            let num = share.num.to_string();
            let den = share.den.to_string();
            let mut args = vec![
                ("num", num.as_str()),
                ("den", den.as_str()),
                ("up_to", up_to),
            ];
            match ceiling {
                Some(y) => {
                    let amount = yen(m, *y);
                    args.push(("amount", &amount));
                    m.targs("chat-fact-share-ceiling", &args)
                }
                None => m.targs("chat-fact-share", &args),
            }
        }
        Sentence::PerPersonCeiling { of, yen: y } => m.targs(
            "chat-fact-per-person-ceiling",
            &[("what", &amount_of(m, *of)), ("amount", &yen(m, *y))],
        ),
        Sentence::Ceiling { yen: y } => m.ta("chat-fact-ceiling", "amount", &yen(m, *y)),
        Sentence::Floor { yen: y } => m.ta("chat-fact-floor", "amount", &yen(m, *y)),
        Sentence::AlsoRate { rate: r } => m.ta(
            "chat-fact-also-rate",
            "rate",
            &rate(m, r).unwrap_or(r.clone()),
        ),
        Sentence::Rate { of, rate: r } => match rate(m, r) {
            Some(words) => m.targs(
                "chat-fact-rate",
                &[("what", &rate_of(m, *of)), ("rate", &words)],
            ),
            None => m.targs(
                "chat-fact-rate-published",
                &[("what", &rate_of(m, *of)), ("rate", r)],
            ),
        },
        Sentence::RateWithText { of, rate: r, text } => m.targs(
            "chat-fact-rate-with-text",
            &[
                ("what", &rate_of(m, *of)),
                ("rate", &rate(m, r).unwrap_or(r.clone())),
                ("text", text),
            ],
        ),
        Sentence::RateInText { of, text } => m.targs(
            "chat-fact-rate-in-text",
            &[("what", &rate_of(m, *of)), ("text", text)],
        ),
        Sentence::CoveredRule { condition } => {
            m.ta("chat-fact-covered-rule", "condition", condition)
        }
        Sentence::MainlyFor {
            size: s,
            place: p,
            legal: l,
        } => m.targs(
            "chat-fact-mainly-for",
            &[
                ("size", &size(m, *s)),
                ("place", &place(m, *p)),
                ("legal", &legal(m, *l)),
            ],
        ),
        Sentence::Rules(rules) => {
            let clauses: Vec<String> = rules.iter().map(|r| rule(m, r)).collect();
            m.ta(
                "chat-fact-rules",
                "rules",
                &clauses.join(&m.t("chat-fact-rule-separator")),
            )
        }
        Sentence::Required(r) => {
            let (_, key, mut args) = rule_parts(m, r);
            let clause = rule(m, r);
            args.push(("rule", Value::Text(clause)));
            with_values(m, key, &args)
        }
        Sentence::Conditions(texts) => m.ta(
            "chat-fact-conditions",
            "conditions",
            &texts.join(&m.t("chat-fact-rule-separator")),
        ),
        Sentence::Condition { text } => m.ta("chat-fact-condition", "text", text),
        Sentence::InShort { text } => m.ta("chat-fact-in-short", "text", text),
        Sentence::PreFounding(p) => m.t(match p {
            PreFounding::Allowed => "chat-fact-pre-founding-allowed",
            PreFounding::Only => "chat-fact-pre-founding-only",
            PreFounding::No => "chat-fact-pre-founding-no",
        }),
        Sentence::AlwaysOpen => m.t("chat-fact-always-open"),
        Sentence::ConsultDays { text } => m.ta("chat-fact-consult-days", "text", text),
        Sentence::NextRoundUnannounced { as_of } => {
            m.ta("chat-fact-next-round-unannounced", "date", &date(m, *as_of))
        }
        Sentence::PastRounds { texts } => m.ta("chat-fact-past-rounds", "texts", &texts.concat()),
        Sentence::Round {
            label: l,
            opens,
            closes,
            state,
        } => {
            let state = state.map_or(String::new(), |s| {
                m.t(match s {
                    RoundState::Open => "chat-fact-round-open",
                    RoundState::Upcoming => "chat-fact-round-upcoming",
                    RoundState::Closed => "chat-fact-round-closed",
                })
            });
            m.tv(
                "chat-fact-round",
                &[
                    ("round", Text(&round_name(l))),
                    ("label", Text(l)),
                    ("opens", Text(&date(m, *opens))),
                    ("closes", Text(&date(m, *closes))),
                    ("state", Text(&state)),
                ],
            )
        }
        Sentence::NextRoundUnknown { contact } => {
            m.ta("chat-fact-next-round-unknown", "contact", contact)
        }
        Sentence::WhenToApply { text } => m.ta("chat-fact-when-to-apply", "text", text),
        Sentence::Words { text } => text.clone(),
        Sentence::HowToApply { text } => m.ta("chat-fact-how-to-apply", "text", text),
        Sentence::FeeQuoted { text } => m.ta("chat-fact-fee", "text", text),
        Sentence::CountQuoted { text } => m.ta("chat-fact-count", "text", text),
        Sentence::TermQuoted { text } => m.ta("chat-fact-term", "text", text),
        Sentence::ApplyTo { contact } => m.ta("chat-fact-apply-to", "contact", contact),
        Sentence::Documents { texts } => m.ta("chat-fact-documents", "texts", &texts.concat()),
        Sentence::ContactIs { contact } => m.ta("chat-fact-contact", "contact", contact),
        Sentence::DeskOpen { name, desk, book } => m.targs(
            "chat-fact-desk-open",
            &[("desk", name), ("hours", &hours(m, desk)), ("book", book)],
        ),
        Sentence::Phone { phone } => m.ta("chat-fact-phone", "phone", phone),
        Sentence::PhoneUnknown => m.t("chat-fact-phone-unknown"),
        Sentence::HoursUnknown => m.t("chat-fact-hours-unknown"),
        Sentence::NotCombinable { scheme, other } => m.targs(
            "chat-fact-not-combinable",
            &[("scheme", scheme), ("other", other)],
        ),
        Sentence::NotCombinableWithAny { scheme, others } => m.targs(
            "chat-fact-not-combinable-with",
            &[("scheme", scheme), ("others", &titles(m, others))],
        ),
        Sentence::CombinationConditions { texts } => m.ta(
            "chat-fact-combination-conditions",
            "conditions",
            &texts.join(&m.t("chat-fact-rule-separator")),
        ),
    }
}

/// An argument worked out for a rule.
enum Value {
    Text(String),
    Number(u64),
}

fn with_values(m: Messages, key: &str, values: &[(&'static str, Value)]) -> String {
    let args: Vec<(&str, Arg)> = values
        .iter()
        .map(|(name, v)| {
            (
                *name,
                match v {
                    Value::Text(t) => Arg::Text(t),
                    Value::Number(n) => Arg::Number(*n),
                },
            )
        })
        .collect();
    m.tv(key, &args)
}

/// A rule as a clause of a list ("常時使用する従業員20人以下").
fn rule(m: Messages, r: &Rule) -> String {
    let (key, _, args) = rule_parts(m, r);
    with_values(m, key, &args)
}

/// A rule's catalog keys (as a clause, and as a sentence of its own) and its values.
fn rule_parts(m: Messages, r: &Rule) -> (&'static str, &'static str, Vec<(&'static str, Value)>) {
    use Value::{Number, Text};
    match r {
        Rule::EmployeesAtMost(n) => (
            "chat-fact-rule-employees-at-most",
            "chat-fact-required-employees-at-most",
            vec![("count", Number((*n).into()))],
        ),
        Rule::EmployeesAtLeast(n) => (
            "chat-fact-rule-employees-at-least",
            "chat-fact-required-employees-at-least",
            vec![("count", Number((*n).into()))],
        ),
        Rule::CapitalAtMost(y) => (
            "chat-fact-rule-capital-at-most",
            "chat-fact-required-capital-at-most",
            vec![("amount", Text(yen(m, *y)))],
        ),
        Rule::SizeCap {
            sectors,
            capital,
            employees,
        } => {
            let limits: Vec<String> = capital
                .map(|y| m.ta("chat-fact-rule-capital-at-most", "amount", &yen(m, y)))
                .into_iter()
                .chain(employees.map(|n| {
                    m.tv(
                        "chat-fact-rule-cap-employees",
                        &[("count", Arg::Number(n.into()))],
                    )
                }))
                .collect();
            let limits = Text(limits.join(&m.t("chat-fact-rule-or")));
            if sectors.is_empty() {
                (
                    "chat-fact-rule-size-cap-all",
                    "chat-fact-required",
                    vec![("limits", limits)],
                )
            } else {
                let sectors = Text(sectors.join(&m.t("chat-fact-list-separator")));
                (
                    "chat-fact-rule-size-cap",
                    "chat-fact-required",
                    vec![("sectors", sectors), ("limits", limits)],
                )
            }
        }
        Rule::InBusiness { area: None, years } => (
            "chat-fact-rule-in-business",
            "chat-fact-required-in-business",
            vec![("years", Number((*years).into()))],
        ),
        Rule::InBusiness {
            area: Some(a),
            years,
        } => (
            "chat-fact-rule-in-business-in",
            "chat-fact-required-in-business-in",
            vec![
                ("area", Text(area(m, *a))),
                ("years", Number((*years).into())),
            ],
        ),
        Rule::FoundedWithin(n) => (
            "chat-fact-rule-founded-within",
            "chat-fact-required-founded-within",
            vec![("years", Number((*n).into()))],
        ),
        Rule::Owner(o) => (
            "chat-fact-rule-owner",
            "chat-fact-required-owner",
            vec![("who", Text(owner(m, o)))],
        ),
        Rule::ManagementYearsBelow(n) => (
            "chat-fact-rule-management-years",
            "chat-fact-required-management-years",
            vec![("years", Number((*n).into()))],
        ),
        Rule::SalesAtLeast(y) => (
            "chat-fact-rule-sales-at-least",
            "chat-fact-required",
            vec![("amount", Text(yen(m, *y)))],
        ),
        Rule::SalesBelow(y) => (
            "chat-fact-rule-sales-below",
            "chat-fact-required",
            vec![("amount", Text(yen(m, *y)))],
        ),
        Rule::ExcludedIndustries(list) => (
            "chat-fact-rule-excluded-industries",
            "chat-fact-required",
            vec![(
                "industries",
                Text(list.join(&m.t("chat-fact-list-separator"))),
            )],
        ),
        Rule::ShotenkaiMember => (
            "chat-fact-rule-shotenkai-member",
            "chat-fact-required",
            vec![],
        ),
        Rule::OnceOnly => ("chat-fact-rule-once-only", "chat-fact-required", vec![]),
    }
}

/// Who the owner must be: "女性、または35歳未満（34歳以下）", "a woman, or under 35".
fn owner(m: Messages, o: &Owner) -> String {
    let mut who: Vec<String> = Vec::new();
    if o.women {
        who.push(m.t("chat-fact-owner-woman"));
    }
    // "35歳未満" is also "34歳以下": both, since sources write either.
    if let Some(n) = o.below_age {
        who.push(match n.checked_sub(1) {
            Some(max) if max > 0 => m.tv(
                "chat-fact-owner-under-or-at-most",
                &[
                    ("age", Arg::Number(n.into())),
                    ("max", Arg::Number(max.into())),
                ],
            ),
            _ => m.tv("chat-fact-owner-under", &[("age", Arg::Number(n.into()))]),
        });
    }
    if let Some(n) = o.from_age {
        who.push(m.tv(
            "chat-fact-owner-from-age",
            &[("age", Arg::Number(n.into()))],
        ));
    }
    who.join(&m.t("chat-fact-owner-or"))
}

#[cfg(test)]
mod tests;
