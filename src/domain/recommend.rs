//! The questionnaire recommender: which schemes fit a profile, why, what is still uncertain,
//! ranked with a mix of levels and kinds, and which free desk to book next.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::consultants::{ConsultCategory, Desk};
use super::corpus::Corpus;
use super::eligibility::{Check, Condition, Eligibility, Fit, Odds, assess, fit};
use super::profile::{Profile, Stage};
use super::scheme::{Kind, Level, Scheme, WindowStatus};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Unknown {
    pub condition: String,
    /// What the condition is about, so pages can name it in their own language.
    #[serde(skip)]
    pub about: Condition,
    /// The question or document that would settle it.
    pub settle_by: String,
    /// When the questionnaire does not ask it: the `facts` key to send with the answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Recommendation {
    pub id: String,
    pub title: String,
    pub level: Level,
    pub kind: Kind,
    pub fit: Fit,
    pub score: f32,
    pub reasons: Vec<String>,
    /// What each line of `reasons` is about, in the same order; empty when the only reason
    /// is that the scheme has no limits on location, size or years.
    #[serde(skip)]
    pub met: Vec<Condition>,
    pub unknown: Vec<Unknown>,
    pub amount: Option<String>,
    pub status: WindowStatus,
    pub deadline: Option<NaiveDate>,
    pub url: String,
    /// False when `url` is not the provider's own page (see `corpus/sources.toml`).
    pub official_source: bool,
    pub not_combinable_with: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Excluded {
    pub id: String,
    pub title: String,
    pub unmet: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NextStep {
    pub desk_id: String,
    pub desk: String,
    pub category: ConsultCategory,
    pub schedule: String,
    pub how_to_book: String,
    pub phone: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RecommendOutcome {
    pub recommendations: Vec<Recommendation>,
    pub excluded: Vec<Excluded>,
    pub next_steps: Vec<NextStep>,
}

/// The reason given when a scheme has no limits the questionnaire could check.
pub const NO_LIMITS_JA: &str = "所在地・規模・業歴による制限はありません";

/// How many results a recommendation list holds.
pub const MAX_RECOMMENDATIONS: usize = 30;

struct Candidate<'a> {
    scheme: &'a Scheme,
    checks: Vec<Check>,
    fit: Fit,
    status: WindowStatus,
    base: f32,
}

pub fn recommend(corpus: &Corpus, profile: &Profile, today: NaiveDate) -> RecommendOutcome {
    let mut candidates = Vec::new();
    let mut excluded = Vec::new();
    for scheme in corpus
        .schemes
        .iter()
        .filter(|s| !corpus.imported.contains(&s.id))
    {
        let purpose_hits = profile
            .purposes
            .iter()
            .filter(|p| scheme.purposes.contains(p))
            .count();
        if !profile.purposes.is_empty() && purpose_hits == 0 {
            continue;
        }
        let checks = assess(scheme, profile);
        let fit = fit(&checks);
        if fit == Fit::Ineligible {
            excluded.push(Excluded {
                id: scheme.id.clone(),
                title: scheme.title.clone(),
                unmet: checks
                    .iter()
                    .filter(|c| c.eligibility == Eligibility::Unmet)
                    .map(|c| c.reason.clone())
                    .collect(),
            });
            continue;
        }
        let status = scheme.window.status_on(today);
        let certainty = certainty(&checks);
        let base = base_score(scheme, profile, purpose_hits, certainty, status, today)
            + targeting_bonus(scheme, &checks) * certainty;
        candidates.push(Candidate {
            scheme,
            checks,
            fit,
            status,
            base,
        });
    }
    let ordered = diversify(candidates);
    let recommendations: Vec<Recommendation> = ordered
        .into_iter()
        .take(MAX_RECOMMENDATIONS)
        .map(|(c, score)| to_recommendation(corpus, c, score, today))
        .collect();
    let next_steps = next_steps(corpus, profile, &recommendations);
    RecommendOutcome {
        recommendations,
        excluded,
        next_steps,
    }
}

fn base_score(
    s: &Scheme,
    p: &Profile,
    purpose_hits: usize,
    fit_score: f32,
    status: WindowStatus,
    today: NaiveDate,
) -> f32 {
    let purpose = if p.purposes.is_empty() {
        0.5
    } else {
        purpose_hits as f32 / p.purposes.len() as f32
    };
    // Schemes for exactly this purpose beat broad ones that list many purposes.
    let focus = 1.0 / (s.purposes.len() as f32).sqrt();
    let window = match status {
        WindowStatus::Open => {
            let days_left = s
                .window
                .deadline_on(today)
                .map_or(90, |d| (d - today).num_days());
            if days_left <= 30 { 1.1 } else { 1.0 }
        }
        WindowStatus::Always => 0.95,
        WindowStatus::Upcoming => 0.85,
        WindowStatus::Unannounced => 0.9,
        WindowStatus::Closed => 0.3,
    };
    let money = s
        .amount
        .as_ref()
        .and_then(|a| a.max_yen)
        .map_or(0.0, |y| ((y as f32).log10() - 5.0).clamp(0.0, 3.0) / 30.0);
    let local = match s.level {
        Level::Ward => 0.1,
        Level::Tokyo => 0.05,
        Level::National | Level::Prefecture => 0.0,
    };
    (kind_weight(s, p) * (0.6 * purpose + 0.4 * focus) + local + money) * fit_score * window
}

/// How much the ranking trusts the fit, from what each unknown's [`Odds`] allow. An unknown
/// left open (a blank questionnaire answer, a branch's head office) costs a quarter. One only
/// a further fact would settle, where the usual case holds (years in the ward, first use, the
/// owner's age), is presumed met: the questionnaire stops at eight questions. The result still
/// reads "likely" and names the question; once the fact is given, the rule decides.
///
/// A scheme made for a situation the business has not told and its industry does not suggest
/// (a social business, a disaster, a downturn) is the opposite case: most businesses are in
/// none of them, so it ranks well below the schemes the business plainly fits, still listed
/// with the question that would settle it. A scheme that presupposes a plan or certification
/// the business has not said it holds (an approved 経営革新計画) reads "unknown" and ranks lower
/// still for the same reason.
fn certainty(checks: &[Check]) -> f32 {
    let verdict = fit(checks);
    let mut factor = match verdict {
        Fit::Ineligible => return 0.0,
        Fit::Eligible => return 1.0,
        Fit::Likely | Fit::Unknown if unknown_odds(checks).all(|o| o != Odds::Open) => {
            FACT_UNKNOWN_FACTOR
        }
        Fit::Likely | Fit::Unknown => 0.75,
    };
    let unusual_situation = checks.iter().any(|c| {
        c.eligibility == Eligibility::Unknown
            && c.odds == Odds::Unusual
            && c.condition != Condition::Prerequisite
    });
    if unusual_situation {
        factor *= SITUATION_UNKNOWN_FACTOR;
    }
    if verdict == Fit::Unknown {
        factor *= PREREQUISITE_UNKNOWN_FACTOR;
    }
    factor
}

fn unknown_odds(checks: &[Check]) -> impl Iterator<Item = Odds> + '_ {
    checks
        .iter()
        .filter(|c| c.eligibility == Eligibility::Unknown)
        .map(|c| c.odds)
}

/// The ranking factor of a scheme made for a situation the business has not told and its
/// industry does not suggest (see [`certainty`]).
pub const SITUATION_UNKNOWN_FACTOR: f32 = 0.5;

/// The ranking factor of a scheme whose prerequisite (an approved plan, a certification, the
/// disability-employment rate) the business has not said it holds (see [`certainty`]). Read as
/// fitting (no factor), the three schemes restored with this rule took eval/profiles.jsonl from
/// 0.9221 to 0.9139 and profiles-tuning-2 from 0.8548 to 0.8441; at 0.5, as for situations,
/// both keep their figures.
pub const PREREQUISITE_UNKNOWN_FACTOR: f32 = 0.5;

/// The ranking factor of a scheme whose only unknowns need facts the questionnaire leaves out
/// (chosen on eval/profiles.jsonl: 0.95 and 0.98 pushed ward schemes out of the top 15).
pub const FACT_UNKNOWN_FACTOR: f32 = 1.0;

/// Schemes made for businesses like this one (small businesses, founders within N years,
/// shopping-street members, a legal form, the owner's age or gender) beat generic ones the
/// business merely qualifies for.
fn targeting_bonus(s: &Scheme, checks: &[Check]) -> f32 {
    let e = &s.eligibility;
    let mut employees_counted = false;
    let mut targeted = 0;
    for c in checks.iter().filter(|c| c.eligibility == Eligibility::Met) {
        let counts = match c.condition {
            // A cap narrower than the SME definition: 小規模 or the scheme's own caps.
            Condition::Size => e.size == super::scheme::SizeRule::Small || !e.size_caps.is_empty(),
            Condition::Years => e.max_years.is_some(),
            // An employee cap targets small firms; a minimum (at least one employee) does not.
            Condition::Employees
                if e.max_employees.is_some_and(|n| n <= 300) && !employees_counted =>
            {
                employees_counted = true;
                true
            }
            Condition::Founding
            | Condition::Shotenkai
            | Condition::LegalForm
            | Condition::Person
            | Condition::Situation
            | Condition::Prerequisite => true,
            _ => false,
        };
        targeted += usize::from(counts);
    }
    0.12 * targeted.min(3) as f32
}

/// Money first: desks and seminars are offered as next steps, so in the list they give way to
/// the subsidies, grants and loans a business came for, unless the desk is made for nothing but
/// what the business asked about (see [`DEDICATED_DESK_WEIGHT`]).
fn kind_weight(s: &Scheme, p: &Profile) -> f32 {
    match s.kind {
        Kind::Consultation | Kind::Seminar if dedicated_to(s, p) => DEDICATED_DESK_WEIGHT,
        Kind::Subsidy | Kind::Grant | Kind::LoanMediation | Kind::Loan | Kind::InterestSubsidy => {
            1.0
        }
        Kind::Certification => 0.75,
        Kind::Tax if dedicated_to(s, p) => DEDICATED_TAX_WEIGHT,
        Kind::Tax => TAX_WEIGHT,
        Kind::ExpertDispatch => 0.7,
        Kind::Consultation | Kind::Seminar => DESK_WEIGHT,
    }
}

/// Whether every purpose `s` serves is one the business asked about: the succession centre
/// for a business asking about 事業承継 (and cash flow), not the general desk that also
/// advises on founding and sales.
fn dedicated_to(s: &Scheme, p: &Profile) -> bool {
    !s.purposes.is_empty() && s.purposes.iter().all(|x| p.purposes.contains(x))
}

/// Tax measures are money too, but nobody applies for them: they are claimed in the tax return
/// (or asked of the tax office), usually with a tax accountant, whatever the list says. They
/// come after the subsidies and loans a business has to apply for in time, and after the desks
/// that would help with the same need: at 0.7 a tax measure sat in nearly every top 15 of both
/// tuning sets (152 places in 147 profiles) while their writers expected one in 6 of 417
/// schemes; 0.45 to 0.55 give the same figures on both sets.
pub const TAX_WEIGHT: f32 = 0.5;

/// A tax measure made for nothing but what the business asked about (the 経営強化税制 for 設備投資,
/// the 法人税の軽減税率 for 資金繰り) is an answer to its question, not a side note: at
/// [`TAX_WEIGHT`] it fell below the fifteenth place behind subsidies for other purposes
/// (eval/profiles.jsonl p011, p047; profiles-tuning-2 t2-010, t2-038). Still below the money a
/// business has to apply for in time. 0.6 to 0.7 give the same figures on both tuning sets
/// (0.55 and 0.85 lose on profiles-tuning-2, 0.85 with one more violation); the lowest keeps
/// the fewest tax measures in the lists (95 places in the 147 top 15s, 113 at 0.65, 129 at 0.7,
/// 67 with every tax measure at [`TAX_WEIGHT`]).
pub const DEDICATED_TAX_WEIGHT: f32 = 0.6;

/// Desks and seminars: free and open to nearly everyone, so after the money a business applies
/// for, but still in the list (chosen on eval/profiles.jsonl and profiles-tuning-2.jsonl: 0.6
/// left the desks that fit a profile's purpose below the fifteenth place).
pub const DESK_WEIGHT: f32 = 0.8;

/// A desk or seminar made for nothing but what the business asked about (the succession centre
/// for 事業承継, the labour desks for hiring and working conditions, the ward's job fair for
/// hiring) is the help it came for, not a next step, and weighs nearly as much as the money: at
/// [`DESK_WEIGHT`] such desks fell below the fifteenth place behind general desks and loans that
/// only partly fit (eval/profiles-tuning-2.jsonl: t2-003, t2-046, t2-054).
pub const DEDICATED_DESK_WEIGHT: f32 = 0.95;

/// Greedy re-ranking that keeps the list mixed: each further scheme of an already shown level
/// or kind costs a little, so the ward's own schemes, Tokyo's and the nation's alternate
/// instead of twenty loans in a row. Closed rounds always come after the rest.
fn diversify(mut pool: Vec<Candidate<'_>>) -> Vec<(Candidate<'_>, f32)> {
    let mut out: Vec<(Candidate<'_>, f32)> = Vec::with_capacity(pool.len());
    let mut per_level: HashMap<Level, u32> = HashMap::new();
    let mut per_kind: HashMap<Kind, u32> = HashMap::new();
    while !pool.is_empty() {
        let adjusted = |c: &Candidate<'_>| {
            let penalty = 0.03 * *per_level.get(&c.scheme.level).unwrap_or(&0) as f32
                + 0.08 * *per_kind.get(&family(c.scheme.kind)).unwrap_or(&0) as f32;
            let closed = if c.status == WindowStatus::Closed {
                -10.0
            } else {
                0.0
            };
            c.base * (1.0 - penalty.min(0.45)) + closed
        };
        let (best, _) = pool
            .iter()
            .enumerate()
            .map(|(i, c)| (i, adjusted(c)))
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then_with(|| pool[b.0].scheme.id.cmp(&pool[a.0].scheme.id))
            })
            .expect("pool not empty");
        let c = pool.swap_remove(best);
        let score = (c.base * 1000.0).round() / 1000.0;
        *per_level.entry(c.scheme.level).or_default() += 1;
        *per_kind.entry(family(c.scheme.kind)).or_default() += 1;
        out.push((c, score));
    }
    out
}

/// The kinds a business weighs against each other as one: borrowing (a loan, a mediated loan,
/// an interest subsidy), money given (a subsidy, a grant), advice (a desk, a seminar). The list
/// mixes families, so that five ways to borrow do not push out the one desk that fits.
fn family(kind: Kind) -> Kind {
    match kind {
        Kind::LoanMediation | Kind::InterestSubsidy => Kind::Loan,
        Kind::Grant => Kind::Subsidy,
        Kind::Seminar => Kind::Consultation,
        k => k,
    }
}

fn to_recommendation(
    corpus: &Corpus,
    c: Candidate<'_>,
    score: f32,
    today: NaiveDate,
) -> Recommendation {
    let s = c.scheme;
    let (met, reasons): (Vec<Condition>, Vec<String>) = c
        .checks
        .iter()
        .filter(|k| k.eligibility == Eligibility::Met)
        .map(|k| (k.condition, k.reason.clone()))
        .unzip();
    let unknown = c
        .checks
        .iter()
        .filter(|k| k.eligibility == Eligibility::Unknown)
        .map(|k| Unknown {
            condition: k.reason.clone(),
            about: k.condition,
            settle_by: k.settle_by.clone().unwrap_or_default(),
            fact: k.fact.clone(),
        })
        .collect();
    Recommendation {
        id: s.id.clone(),
        title: s.title.clone(),
        level: s.level,
        kind: s.kind,
        fit: c.fit,
        score,
        reasons: if reasons.is_empty() {
            vec![NO_LIMITS_JA.into()]
        } else {
            reasons
        },
        met,
        unknown,
        amount: s.amount_text(),
        status: c.status,
        deadline: s.window.deadline_on(today),
        url: s.source_url.clone(),
        official_source: corpus.is_official_source(&s.source_url),
        not_combinable_with: s.not_combinable_with.clone(),
    }
}

fn category_for_purpose(purpose: &str) -> ConsultCategory {
    match purpose {
        "創業" => ConsultCategory::Founding,
        "資金繰り" => ConsultCategory::Financing,
        "人材確保" | "人材育成" | "働き方・福利厚生" => ConsultCategory::Labour,
        "知的財産" => ConsultCategory::IntellectualProperty,
        _ => ConsultCategory::Management,
    }
}

/// The desk to book for a category: the ward's own desks first, then the others.
pub fn desk_for(corpus: &Corpus, category: ConsultCategory) -> Option<&Desk> {
    desk_for_purposes(corpus, category, &[])
}

/// Like [`desk_for`], preferring a desk whose scheme serves one of `purposes`: first one made
/// for nothing but what the business asked about (the succession advisers for 事業承継), then
/// general desks over specialised ones.
pub fn desk_for_purposes<'a>(
    corpus: &'a Corpus,
    category: ConsultCategory,
    purposes: &[String],
) -> Option<&'a Desk> {
    let serves = |d: &Desk| {
        corpus
            .desk_scheme(d)
            .is_some_and(|s| purposes.iter().any(|p| s.purposes.contains(p)))
    };
    let dedicated = |d: &Desk| {
        serves(d)
            && corpus
                .desk_scheme(d)
                .is_some_and(|s| s.purposes.iter().all(|p| purposes.contains(p)))
    };
    let specialised = |d: &Desk| corpus.desk_scheme(d).is_some_and(|s| s.purposes.len() <= 2);
    let mut desks: Vec<&Desk> = corpus
        .desks
        .iter()
        .filter(|d| d.categories.contains(&category))
        .collect();
    desks.sort_by_key(|d| {
        (
            !d.id.starts_with("minato-"),
            !serves(d),
            !dedicated(d),
            specialised(d),
            d.categories.len(),
            d.id.clone(),
        )
    });
    desks.into_iter().next()
}

/// The one purpose a desk's scheme is for, when the business asked about it.
fn single_purpose_among<'a>(s: &'a Scheme, purposes: &[String]) -> Option<&'a str> {
    match s.purposes.as_slice() {
        [only] if purposes.contains(only) => Some(only),
        _ => None,
    }
}

fn next_steps(corpus: &Corpus, p: &Profile, recs: &[Recommendation]) -> Vec<NextStep> {
    let mut categories: Vec<ConsultCategory> = Vec::new();
    if p.stage == Stage::NotFounded || p.purposes.iter().any(|x| x == "創業") {
        categories.push(ConsultCategory::Founding);
    }
    if recs.iter().take(15).any(|r| {
        matches!(
            r.kind,
            Kind::LoanMediation | Kind::Loan | Kind::InterestSubsidy
        )
    }) {
        categories.push(ConsultCategory::Financing);
    }
    for purpose in &p.purposes {
        categories.push(category_for_purpose(purpose));
    }
    if categories.is_empty() {
        categories.push(ConsultCategory::Management);
    }
    let mut steps: Vec<NextStep> = Vec::new();
    for category in categories {
        let Some(desk) = desk_for_purposes(corpus, category, &p.purposes) else {
            continue;
        };
        if steps.iter().any(|s| s.desk_id == desk.id) {
            continue;
        }
        let message = match category {
            ConsultCategory::Founding => format!(
                "創業前後の資金計画・事業計画は、まず「{}」で無料で相談できます。融資や補助金の申請前に計画を見てもらうと準備がスムーズです。",
                desk.name
            ),
            ConsultCategory::Financing => format!(
                "融資・保証料補助を検討する場合は「{}」で、借入の条件や必要書類を確認しましょう。",
                desk.name
            ),
            ConsultCategory::Labour => format!(
                "雇用や働き方の助成金・制度は「{}」（{}）に相談できます。",
                desk.name, desk.staff
            ),
            ConsultCategory::IntellectualProperty => format!(
                "特許・商標などは「{}」（{}）に相談できます。",
                desk.name, desk.staff
            ),
            _ => match corpus
                .desk_scheme(desk)
                .and_then(|s| single_purpose_among(s, &p.purposes))
            {
                Some(purpose) => format!(
                    "{purpose}については「{}」（{}）に相談できます。",
                    desk.name, desk.staff
                ),
                None => format!(
                    "どの制度が最適か迷ったら「{}」で、事業の状況に合わせて相談できます。",
                    desk.name
                ),
            },
        };
        steps.push(NextStep {
            desk_id: desk.id.clone(),
            desk: desk.name.clone(),
            category,
            schedule: desk.schedule_ja(),
            how_to_book: desk.how_to_book.clone(),
            phone: desk.phone.clone(),
            message,
        });
        if steps.len() == 3 {
            break;
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::eligibility::check;

    fn met(condition: Condition) -> Check {
        check(condition, Eligibility::Met, "満たしています", None)
    }

    fn prerequisite_untold() -> Check {
        let mut c = check(
            Condition::Prerequisite,
            Eligibility::Unknown,
            "経営革新計画の承認が前提です",
            Some("経営革新計画の承認を受けていますか"),
        );
        c.fact = Some("prerequisites".into());
        c.odds = Odds::Unusual;
        c
    }

    fn tax_measure(purposes: &[&str]) -> Scheme {
        let text = r#"
            id = "national-test-zeisei"
            title = "テスト税制"
            level = "national"
            provider = "国税庁"
            kind = "tax"
            summary = ""
            details = ""
            purposes = []
            industries = ["all"]
            how_to_apply = "確定申告"
            contact = "税務署"
            source_url = "https://www.nta.go.jp/"
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
        let mut s: Scheme = toml::from_str(text).expect("test scheme");
        s.purposes = purposes.iter().map(|p| p.to_string()).collect();
        s
    }

    fn asking_about(purposes: &[&str]) -> Profile {
        Profile::try_from(crate::domain::profile::Answers {
            location: Some("minato".into()),
            industry: Some("製造業".into()),
            employees: Some(5),
            corporate: Some(true),
            purposes: purposes.iter().map(|p| p.to_string()).collect(),
            ..Default::default()
        })
        .expect("valid answers")
    }

    #[test]
    fn a_tax_measure_made_for_what_the_business_asked_weighs_more_than_one_that_also_serves_others()
    {
        let profile = asking_about(&["設備投資"]);
        let dedicated = tax_measure(&["設備投資"]);
        let broader = tax_measure(&["設備投資", "IT導入"]);
        assert_eq!(kind_weight(&dedicated, &profile), DEDICATED_TAX_WEIGHT);
        assert_eq!(kind_weight(&broader, &profile), TAX_WEIGHT);
        // Asked about both, the broader measure is made for the question too.
        let both = asking_about(&["設備投資", "IT導入"]);
        assert_eq!(kind_weight(&broader, &both), DEDICATED_TAX_WEIGHT);
    }

    #[test]
    fn an_untold_prerequisite_trusts_the_fit_less_than_a_plain_fit() {
        let plain = [met(Condition::Location), met(Condition::Size)];
        let presupposing = [
            met(Condition::Location),
            met(Condition::Size),
            prerequisite_untold(),
        ];
        assert_eq!(certainty(&plain), 1.0);
        assert_eq!(certainty(&presupposing), PREREQUISITE_UNKNOWN_FACTOR);
        assert!(certainty(&presupposing) < certainty(&plain));
    }

    #[test]
    fn an_untold_prerequisite_is_not_also_counted_as_an_untold_situation() {
        // Only the prerequisite factor applies: the situation factor is for situations.
        let presupposing = [met(Condition::Location), prerequisite_untold()];
        assert_eq!(
            certainty(&presupposing),
            FACT_UNKNOWN_FACTOR * PREREQUISITE_UNKNOWN_FACTOR
        );
    }
}
