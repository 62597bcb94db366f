use super::stage::checks as stage_checks;
use super::*;
use crate::domain::profile::{Answers, Location, Profile, ProfileFacts, Stage};
use crate::domain::scheme::{
    Area, EligibilityRules, PersonRule, PreFounding, Prerequisite, Sector, Situation, SizeCap,
    SizeRule, Trade,
};

fn profile(industry: &str, employees: i64, capital: Option<i64>) -> Profile {
    Profile::try_from(Answers {
        location: Some("minato".into()),
        head_office: Some(true),
        industry: Some(industry.into()),
        employees: Some(employees),
        capital_yen: capital,
        years_in_business: Some(3),
        corporate: Some(true),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn manufacturing_sme_boundary_is_300_people_or_300m_yen() {
    assert_eq!(
        sme_status(&profile("製造業", 300, Some(1_000_000_000))),
        Eligibility::Met
    );
    assert_eq!(
        sme_status(&profile("製造業", 301, Some(300_000_000))),
        Eligibility::Met
    );
    assert_eq!(
        sme_status(&profile("製造業", 301, Some(300_000_001))),
        Eligibility::Unmet
    );
    assert_eq!(
        sme_status(&profile("製造業", 301, None)),
        Eligibility::Unknown
    );
}

#[test]
fn service_sme_boundary_is_100_people_or_50m_yen() {
    assert_eq!(
        sme_status(&profile(
            "学術研究、専門・技術サービス業",
            100,
            Some(100_000_000)
        )),
        Eligibility::Met
    );
    assert_eq!(
        sme_status(&profile(
            "学術研究、専門・技術サービス業",
            101,
            Some(50_000_000)
        )),
        Eligibility::Met
    );
    assert_eq!(
        sme_status(&profile(
            "学術研究、専門・技術サービス業",
            101,
            Some(50_000_001)
        )),
        Eligibility::Unmet
    );
}

#[test]
fn wholesale_or_retail_is_unknown_between_the_two_readings() {
    // Retail: 50 people / 50M; wholesale: 100 people / 100M.
    assert_eq!(
        sme_status(&profile("卸売業、小売業", 50, Some(200_000_000))),
        Eligibility::Met
    );
    assert_eq!(
        sme_status(&profile("卸売業、小売業", 80, Some(80_000_000))),
        Eligibility::Unknown
    );
    assert_eq!(
        sme_status(&profile("卸売業、小売業", 101, Some(100_000_001))),
        Eligibility::Unmet
    );
    assert_eq!(
        sme_status(&profile("卸売業、小売業", 60, Some(50_000_000))),
        Eligibility::Met
    );
}

#[test]
fn restaurants_and_hotels_differ_between_50_and_100_people() {
    // 飲食店 count as retail (50 people), 宿泊業 as a service (100 people).
    assert_eq!(
        sme_status(&profile("宿泊業、飲食サービス業", 50, Some(90_000_000))),
        Eligibility::Met
    );
    assert_eq!(
        sme_status(&profile("宿泊業、飲食サービス業", 51, Some(60_000_000))),
        Eligibility::Unknown
    );
    assert_eq!(
        sme_status(&profile("宿泊業、飲食サービス業", 101, Some(60_000_000))),
        Eligibility::Unmet
    );
    assert_eq!(
        sme_status(&profile("宿泊業、飲食サービス業", 101, Some(50_000_000))),
        Eligibility::Met
    );
}

#[test]
fn small_business_caps_are_5_for_commerce_and_20_for_manufacturing() {
    assert_eq!(small_status(&profile("製造業", 20, None)), Eligibility::Met);
    assert_eq!(
        small_status(&profile("製造業", 21, None)),
        Eligibility::Unmet
    );
    assert_eq!(
        small_status(&profile("卸売業、小売業", 5, None)),
        Eligibility::Met
    );
    assert_eq!(
        small_status(&profile("卸売業、小売業", 6, None)),
        Eligibility::Unmet
    );
    // 宿泊業 allows 20, 飲食店 5: in between the answer depends on which.
    assert_eq!(
        small_status(&profile("宿泊業、飲食サービス業", 10, None)),
        Eligibility::Unknown
    );
}

#[test]
fn sole_proprietors_are_judged_by_employees_alone() {
    let mut p = profile("卸売業、小売業", 40, None);
    p.corporate = false;
    assert_eq!(sme_status(&p), Eligibility::Met);
    p.employees = 120;
    assert_eq!(sme_status(&p), Eligibility::Unmet);
}

fn rules(pre: PreFounding, min: Option<u32>, max: Option<u32>) -> EligibilityRules {
    EligibilityRules {
        pre_founding: pre,
        min_years: min,
        max_years: max,
        ..EligibilityRules::open(Area::Anywhere)
    }
}

fn staged(stage: Stage) -> Profile {
    let mut p = profile("製造業", 3, Some(10_000_000));
    p.stage = stage;
    p
}

fn stages(pre: PreFounding, min: Option<u32>, max: Option<u32>, stage: Stage) -> Vec<Check> {
    stage_checks(&rules(pre, min, max), &staged(stage))
}

#[test]
fn founded_within_five_years_boundary() {
    let checks = |years| stages(PreFounding::Allowed, None, Some(5), Stage::Founded(years));
    assert_eq!(checks(4)[0].eligibility, Eligibility::Met);
    assert_eq!(checks(5)[0].eligibility, Eligibility::Unmet);
    assert_eq!(
        stages(PreFounding::Allowed, None, Some(5), Stage::NotFounded)[0].eligibility,
        Eligibility::Met
    );
}

#[test]
fn minimum_years_and_pre_founding_rules() {
    assert_eq!(
        stages(PreFounding::No, Some(1), None, Stage::Founded(0))[0].eligibility,
        Eligibility::Unmet
    );
    assert_eq!(
        stages(PreFounding::No, Some(1), None, Stage::Founded(1))[0].eligibility,
        Eligibility::Met
    );
    assert_eq!(
        stages(PreFounding::No, None, None, Stage::NotFounded)[0].eligibility,
        Eligibility::Unmet
    );
    assert_eq!(
        stages(PreFounding::Only, None, None, Stage::Founded(0))[0].eligibility,
        Eligibility::Unmet
    );
    let unknown = stages(PreFounding::No, Some(1), None, Stage::Unknown);
    assert_eq!(unknown[0].eligibility, Eligibility::Unknown);
    assert!(unknown[0].settle_by.as_deref().unwrap().contains("創業"));
    assert!(stages(PreFounding::Allowed, None, None, Stage::Unknown).is_empty());
}

fn ward_years(min: u32, area: Area, facts: ProfileFacts, years: u32) -> Check {
    let mut r = rules(PreFounding::No, Some(min), None);
    r.min_years_area = area;
    let mut p = staged(Stage::Founded(years));
    p.facts = facts;
    stage_checks(&r, &p).remove(0)
}

#[test]
fn years_in_the_ward_are_unknown_until_asked_and_then_decide() {
    let none = ward_years(1, Area::Minato, ProfileFacts::default(), 3);
    assert_eq!(none.eligibility, Eligibility::Unknown);
    assert_eq!(
        none.settle_by.as_deref(),
        Some("港区内で事業を営んで何年になりますか")
    );
    assert_eq!(none.fact.as_deref(), Some("years_in_minato"));
    let moved_in = ProfileFacts {
        years_in_minato: Some(0),
        years_in_tokyo: Some(3),
        ..Default::default()
    };
    assert_eq!(
        ward_years(1, Area::Minato, moved_in.clone(), 3).eligibility,
        Eligibility::Unmet
    );
    // Tokyo years count the ward's: three years in Tokyo meet 都内で2年以上.
    assert_eq!(
        ward_years(2, Area::Tokyo, moved_in, 3).eligibility,
        Eligibility::Met
    );
    let settled = ProfileFacts {
        years_in_minato: Some(2),
        ..Default::default()
    };
    assert_eq!(
        ward_years(2, Area::Minato, settled.clone(), 5).eligibility,
        Eligibility::Met
    );
    // Two years in the ward prove two in Tokyo, but not three.
    assert_eq!(
        ward_years(2, Area::Tokyo, settled.clone(), 5).eligibility,
        Eligibility::Met
    );
    assert_eq!(
        ward_years(3, Area::Tokyo, settled, 5).eligibility,
        Eligibility::Unknown
    );
    // Younger than the rule: unmet whatever the area.
    assert_eq!(
        ward_years(2, Area::Minato, ProfileFacts::default(), 1).eligibility,
        Eligibility::Unmet
    );
}

#[test]
fn a_business_outside_the_years_area_does_not_meet_it() {
    let mut r = rules(PreFounding::No, Some(1), None);
    r.min_years_area = Area::Minato;
    let mut p = staged(Stage::Founded(4));
    p.location = Location::Tokyo;
    assert_eq!(stage_checks(&r, &p)[0].eligibility, Eligibility::Unmet);
}

fn scheme_with(edit: impl FnOnce(&mut EligibilityRules)) -> Scheme {
    let text = r#"
        id = "minato-test"
        title = "テスト"
        level = "ward"
        provider = "港区"
        kind = "subsidy"
        summary = "テスト"
        details = "テスト"
        purposes = ["販路拡大"]
        industries = ["all"]
        how_to_apply = "窓口"
        contact = "港区"
        source_url = "https://www.city.minato.tokyo.jp/"
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
    let mut s: Scheme = toml::from_str(text).unwrap();
    edit(&mut s.eligibility);
    s
}

fn verdict(s: &Scheme, p: &Profile, condition: Condition) -> Eligibility {
    let checks = assess(s, p);
    let found: Vec<&Check> = checks.iter().filter(|c| c.condition == condition).collect();
    assert_eq!(found.len(), 1, "{checks:?}");
    found[0].eligibility
}

#[test]
fn loan_caps_by_sector_take_capital_or_employees() {
    // 資本金1,000万円以下または従業員100人（卸売・小売・サービス業は30人）以下.
    let s = scheme_with(|e| {
        e.size_caps = vec![
            SizeCap {
                sectors: vec![Sector::ManufacturingOther],
                max_employees: Some(100),
                max_capital_yen: Some(10_000_000),
            },
            SizeCap {
                sectors: vec![Sector::Wholesale, Sector::Retail, Sector::Services],
                max_employees: Some(30),
                max_capital_yen: Some(10_000_000),
            },
        ]
    });
    let v = |industry, employees, capital| {
        verdict(&s, &profile(industry, employees, capital), Condition::Size)
    };
    assert_eq!(v("製造業", 100, Some(50_000_000)), Eligibility::Met);
    assert_eq!(v("製造業", 101, Some(10_000_000)), Eligibility::Met);
    assert_eq!(v("製造業", 101, Some(10_000_001)), Eligibility::Unmet);
    assert_eq!(
        v("学術研究、専門・技術サービス業", 31, Some(20_000_000)),
        Eligibility::Unmet
    );
    assert_eq!(
        v("学術研究、専門・技術サービス業", 30, Some(20_000_000)),
        Eligibility::Met
    );
    // 情報通信業 reads as "other" (100) or services (30): in between it depends which.
    assert_eq!(v("情報通信業", 50, Some(20_000_000)), Eligibility::Unknown);
    assert_eq!(v("製造業", 101, None), Eligibility::Unknown);
    let mut sole = profile("製造業", 120, None);
    sole.corporate = false;
    assert_eq!(verdict(&s, &sole, Condition::Size), Eligibility::Unmet);
}

#[test]
fn minimum_employees_exclude_a_one_person_business() {
    let s = scheme_with(|e| e.min_employees = Some(2));
    assert_eq!(
        verdict(&s, &profile("製造業", 1, None), Condition::Employees),
        Eligibility::Unmet
    );
    assert_eq!(
        verdict(&s, &profile("製造業", 2, None), Condition::Employees),
        Eligibility::Met
    );
}

#[test]
fn excluded_industries_are_unmet_and_partly_excluded_ones_unknown() {
    let s = scheme_with(|e| {
        e.excluded_industries = vec!["農業、林業".into()];
        e.partly_excluded_industries = vec!["金融業、保険業".into()];
    });
    assert_eq!(
        verdict(&s, &profile("農業、林業", 1, None), Condition::Industry),
        Eligibility::Unmet
    );
    let partly = assess(&s, &profile("金融業、保険業", 1, None));
    let check = partly
        .iter()
        .find(|c| c.condition == Condition::Industry)
        .unwrap();
    assert_eq!(check.eligibility, Eligibility::Unknown);
    assert!(check.settle_by.is_some());
    assert!(
        assess(&s, &profile("製造業", 1, None))
            .iter()
            .all(|c| c.condition != Condition::Industry)
    );
}

#[test]
fn women_young_or_senior_owners_qualify_and_others_do_not() {
    // 女性、または35歳未満、または55歳以上.
    let s = scheme_with(|e| {
        e.person = Some(PersonRule {
            women: true,
            below_age: Some(35),
            from_age: Some(55),
            max_management_years: None,
        })
    });
    let v = |female, age| {
        let mut p = profile("製造業", 1, None);
        p.facts.owner_female = female;
        p.facts.owner_age = age;
        verdict(&s, &p, Condition::Person)
    };
    assert_eq!(v(Some(true), Some(45)), Eligibility::Met);
    assert_eq!(v(Some(false), Some(34)), Eligibility::Met);
    assert_eq!(v(Some(false), Some(35)), Eligibility::Unmet);
    assert_eq!(v(Some(false), Some(55)), Eligibility::Met);
    assert_eq!(v(None, Some(45)), Eligibility::Unknown);
    assert_eq!(v(None, Some(30)), Eligibility::Met);
    assert_eq!(v(None, None), Eligibility::Unknown);
}

#[test]
fn management_experience_and_sales_are_asked_when_unknown() {
    let s = scheme_with(|e| {
        e.person = Some(PersonRule {
            max_management_years: Some(5),
            ..Default::default()
        });
        e.min_sales_yen = Some(1_000_000_000);
        e.max_sales_yen = Some(10_000_000_000);
    });
    let mut p = profile("製造業", 1, None);
    let checks = assess(&s, &p);
    assert!(
        checks
            .iter()
            .filter(|c| matches!(c.condition, Condition::Person | Condition::Sales))
            .all(|c| c.eligibility == Eligibility::Unknown && c.settle_by.is_some())
    );
    assert_eq!(fit(&checks), Fit::Likely);
    p.facts.owner_management_years = Some(5);
    p.facts.annual_sales_yen = Some(300_000_000);
    assert_eq!(verdict(&s, &p, Condition::Person), Eligibility::Unmet);
    assert_eq!(verdict(&s, &p, Condition::Sales), Eligibility::Unmet);
    p.facts.owner_management_years = Some(4);
    p.facts.annual_sales_yen = Some(1_000_000_000);
    assert_eq!(verdict(&s, &p, Condition::Person), Eligibility::Met);
    assert_eq!(verdict(&s, &p, Condition::Sales), Eligibility::Met);
}

#[test]
fn a_once_only_scheme_already_received_is_unmet() {
    let s = scheme_with(|e| e.once_only = true);
    let mut p = profile("製造業", 1, None);
    let checks = assess(&s, &p);
    assert_eq!(verdict(&s, &p, Condition::OnceOnly), Eligibility::Unknown);
    // Unasked, the scheme is likely, with the fact that would settle it.
    assert_eq!(fit(&checks), Fit::Likely);
    let once = checks
        .iter()
        .find(|c| c.condition == Condition::OnceOnly)
        .unwrap();
    assert_eq!(once.fact.as_deref(), Some("received"));
    p.facts.received = Some(vec!["minato-test".into()]);
    assert_eq!(verdict(&s, &p, Condition::OnceOnly), Eligibility::Unmet);
    p.facts.received = Some(vec![]);
    assert_eq!(verdict(&s, &p, Condition::OnceOnly), Eligibility::Met);
}

#[test]
fn small_businesses_with_the_laws_widest_cap_restated_are_small_by_law() {
    let restated = scheme_with(|e| {
        e.size = SizeRule::Small;
        e.max_employees = Some(20);
    });
    assert!(restated.eligibility.small_by_law());
    let own_cap = scheme_with(|e| {
        e.size = SizeRule::Small;
        e.max_employees = Some(10);
    });
    assert!(!own_cap.eligibility.small_by_law());
}

#[test]
fn the_trade_settles_the_small_business_cap_of_a_mixed_industry() {
    let s = scheme_with(|e| e.size = SizeRule::Small);
    let mut p = profile("宿泊業、飲食サービス業", 9, Some(5_000_000));
    // 飲食店 (5 people) or 宿泊業 (20): unknown, and the check names the fact that settles it.
    assert_eq!(verdict(&s, &p, Condition::Size), Eligibility::Unknown);
    let size = assess(&s, &p)
        .into_iter()
        .find(|c| c.condition == Condition::Size)
        .unwrap();
    assert_eq!(size.fact.as_deref(), Some("trade"));
    p.facts.trade = Some(Trade::Restaurant);
    assert_eq!(verdict(&s, &p, Condition::Size), Eligibility::Unmet);
    p.facts.trade = Some(Trade::Lodging);
    assert_eq!(verdict(&s, &p, Condition::Size), Eligibility::Met);
    // A trade outside the industry's readings leaves the industry's own.
    p.facts.trade = Some(Trade::Software);
    assert_eq!(verdict(&s, &p, Condition::Size), Eligibility::Unknown);
    // A corporation that has not given its capital: the small-business cap counts employees
    // only, so the trade still settles it.
    let q = profile("宿泊業、飲食サービス業", 9, None);
    let size = assess(&s, &q)
        .into_iter()
        .find(|c| c.condition == Condition::Size)
        .unwrap();
    assert_eq!(size.fact.as_deref(), Some("trade"));
}

#[test]
fn recipients_of_a_named_scheme_are_excluded() {
    let s = scheme_with(|e| e.not_for_recipients_of = vec!["tokyo-other".into()]);
    let mut p = profile("製造業", 1, None);
    assert_eq!(
        verdict(&s, &p, Condition::RecipientsOf),
        Eligibility::Unknown
    );
    let asked = assess(&s, &p)
        .into_iter()
        .find(|c| c.condition == Condition::RecipientsOf)
        .unwrap();
    assert_eq!(asked.fact.as_deref(), Some("received"));
    p.facts.received = Some(vec!["tokyo-other".into()]);
    assert_eq!(verdict(&s, &p, Condition::RecipientsOf), Eligibility::Unmet);
    p.facts.received = Some(vec!["minato-unrelated".into()]);
    assert_eq!(verdict(&s, &p, Condition::RecipientsOf), Eligibility::Met);
}

fn situation_odds(s: &Scheme, p: &Profile) -> Odds {
    assess(s, p)
        .into_iter()
        .find(|c| c.condition == Condition::Situation)
        .map(|c| c.odds)
        .unwrap()
}

#[test]
fn a_situation_is_asked_until_the_business_says_which_apply() {
    // ソーシャルビジネス支援資金: NPO法人、保育・介護サービス、社会的課題の解決.
    let s = scheme_with(|e| e.situations = vec![Situation::SocialBusiness]);
    let mut it = profile("情報通信業", 5, Some(10_000_000));
    let checks = assess(&s, &it);
    let asked = checks
        .iter()
        .find(|c| c.condition == Condition::Situation)
        .unwrap();
    assert_eq!(asked.eligibility, Eligibility::Unknown);
    assert_eq!(asked.fact.as_deref(), Some("situations"));
    assert!(asked.settle_by.as_deref().unwrap().contains("保育・介護"));
    assert_eq!(fit(&checks), Fit::Likely);
    assert_eq!(asked.odds, Odds::Unusual);
    // A care business is what the scheme describes: presumed, still asked.
    let care = profile("医療、福祉", 5, Some(10_000_000));
    assert_eq!(situation_odds(&s, &care), Odds::Usual);
    assert_eq!(
        verdict(&s, &care, Condition::Situation),
        Eligibility::Unknown
    );
    it.facts.situations = Some(vec![Situation::SocialBusiness]);
    assert_eq!(verdict(&s, &it, Condition::Situation), Eligibility::Met);
    it.facts.situations = Some(vec![Situation::Downturn]);
    assert_eq!(verdict(&s, &it, Condition::Situation), Eligibility::Unmet);
    it.facts.situations = Some(vec![]);
    assert_eq!(verdict(&s, &it, Condition::Situation), Eligibility::Unmet);
}

#[test]
fn a_purpose_the_business_chose_presumes_the_situation_it_names() {
    // 海外展開・事業再編資金: for businesses expanding abroad.
    let s = scheme_with(|e| e.situations = vec![Situation::OverseasExpansion]);
    let mut p = profile("製造業", 5, Some(10_000_000));
    p.purposes = vec!["設備投資".into()];
    assert_eq!(situation_odds(&s, &p), Odds::Unusual);
    p.purposes.push("海外展開".into());
    assert_eq!(situation_odds(&s, &p), Odds::Usual);
    let checks = assess(&s, &p);
    let asked = checks
        .iter()
        .find(|c| c.condition == Condition::Situation)
        .unwrap();
    assert_eq!(asked.eligibility, Eligibility::Unknown);
    assert!(asked.reason.contains("海外展開"));
}

#[test]
fn any_one_of_a_schemes_situations_is_enough() {
    let s = scheme_with(|e| {
        e.situations = vec![Situation::PartnerBankruptcy, Situation::DisasterDamage]
    });
    let mut p = profile("製造業", 5, Some(10_000_000));
    p.facts.situations = Some(vec![Situation::DisasterDamage]);
    assert_eq!(verdict(&s, &p, Condition::Situation), Eligibility::Met);
    assert!(
        assess(&scheme_with(|_| {}), &p)
            .iter()
            .all(|c| c.condition != Condition::Situation)
    );
}

#[test]
fn fit_ignores_free_text_unknowns_but_not_structured_ones() {
    let other = check(Condition::Other, Eligibility::Unknown, "税金を完納", None);
    let office = check(Condition::Office, Eligibility::Unknown, "本店", None);
    let met = check(Condition::Location, Eligibility::Met, "区内", None);
    assert_eq!(fit(&[met.clone(), other.clone()]), Fit::Eligible);
    assert_eq!(fit(&[met.clone(), office]), Fit::Likely);
    assert_eq!(
        fit(&[
            met,
            other,
            check(Condition::Size, Eligibility::Unmet, "大企業", None)
        ]),
        Fit::Ineligible
    );
}

#[test]
fn a_branch_in_tokyo_leaves_a_tokyo_head_office_rule_to_the_head_office_fact() {
    let mut rules = EligibilityRules::open(Area::Tokyo);
    rules.office = crate::domain::scheme::OfficeRule::HeadOffice;
    let branch = |head_office_in_tokyo: Option<bool>| {
        let mut p = profile("情報通信業", 10, Some(10_000_000));
        p.head_office = Some(false);
        p.facts.head_office_in_tokyo = head_office_in_tokyo;
        super::place::checks(&rules, &p)
            .into_iter()
            .find(|c| c.condition == Condition::Office)
            .expect("a head-office rule is checked")
    };
    let unknown = branch(None);
    assert_eq!(unknown.eligibility, Eligibility::Unknown);
    assert_eq!(unknown.fact.as_deref(), Some("head_office_in_tokyo"));
    assert_eq!(branch(Some(true)).eligibility, Eligibility::Met);
    assert_eq!(branch(Some(false)).eligibility, Eligibility::Unmet);
}

fn prerequisite(s: &Scheme, p: &Profile) -> Check {
    assess(s, p)
        .into_iter()
        .find(|c| c.condition == Condition::Prerequisite)
        .unwrap()
}

#[test]
fn an_untold_prerequisite_makes_the_result_unknown_with_the_question_that_settles_it() {
    // 新事業活動促進資金: needs an approved 経営革新計画 or a certified 経営力向上計画.
    let s = scheme_with(|e| {
        e.requires = vec![
            Prerequisite::KeieiKakushinKeikaku,
            Prerequisite::KeieiryokuKojoKeikaku,
        ]
    });
    let p = profile("製造業", 5, Some(10_000_000));
    let asked = prerequisite(&s, &p);
    assert_eq!(asked.eligibility, Eligibility::Unknown);
    assert_eq!(asked.fact.as_deref(), Some("prerequisites"));
    assert_eq!(asked.odds, Odds::Unusual);
    let question = asked.settle_by.as_deref().unwrap();
    assert!(
        question.contains("経営革新計画の承認を受けていますか"),
        "{question}"
    );
    assert!(
        question.contains("経営力向上計画の認定を受けていますか"),
        "{question}"
    );
    assert!(asked.reason.contains("が前提です"), "{}", asked.reason);
    assert_eq!(fit(&assess(&s, &p)), Fit::Unknown);
}

#[test]
fn a_prerequisite_the_business_holds_is_met_and_one_it_lacks_is_unmet() {
    let s = scheme_with(|e| {
        e.requires = vec![Prerequisite::JigyoKeizokuryokuKeikaku, Prerequisite::Bcp]
    });
    let mut p = profile("製造業", 5, Some(10_000_000));
    // Any one of the scheme's prerequisites is enough.
    p.facts.prerequisites = Some(vec![Prerequisite::Bcp]);
    assert_eq!(prerequisite(&s, &p).eligibility, Eligibility::Met);
    assert_eq!(fit(&assess(&s, &p)), Fit::Eligible);
    // Holding another one does not help.
    p.facts.prerequisites = Some(vec![Prerequisite::KeieiKakushinKeikaku]);
    assert_eq!(prerequisite(&s, &p).eligibility, Eligibility::Unmet);
    assert_eq!(fit(&assess(&s, &p)), Fit::Ineligible);
    // An empty list says the business holds none.
    p.facts.prerequisites = Some(vec![]);
    assert_eq!(prerequisite(&s, &p).eligibility, Eligibility::Unmet);
}

#[test]
fn a_scheme_without_prerequisites_asks_for_none() {
    let p = profile("製造業", 5, Some(10_000_000));
    assert!(
        assess(&scheme_with(|_| {}), &p)
            .iter()
            .all(|c| c.condition != Condition::Prerequisite)
    );
}

#[test]
fn an_unknown_prerequisite_outweighs_other_unknowns_in_the_fit() {
    let s = scheme_with(|e| {
        e.requires = vec![Prerequisite::DisabilityEmploymentRate];
        e.situations = vec![Situation::Downturn];
    });
    let p = profile("製造業", 5, Some(10_000_000));
    assert_eq!(fit(&assess(&s, &p)), Fit::Unknown);
    let mut told = p.clone();
    told.facts.prerequisites = Some(vec![Prerequisite::DisabilityEmploymentRate]);
    assert_eq!(fit(&assess(&s, &told)), Fit::Likely);
}

#[test]
fn a_requirement_spelling_out_the_prerequisite_is_listed_once_as_the_prerequisite() {
    // 社会環境対応施設整備資金 (BCP): the requirement line says which plans count.
    let spelled = "事業継続力強化計画の認定を受けているか、中小企業ＢＣＰ策定運用指針に沿ったＢＣＰを自社で作っていること";
    let s = scheme_with(|e| {
        e.requires = vec![Prerequisite::JigyoKeizokuryokuKeikaku, Prerequisite::Bcp];
        e.requirements = vec![
            spelled.into(),
            "その計画に基づく防災のための施設・設備の整備であること".into(),
        ];
    });
    let mut p = profile("製造業", 5, Some(10_000_000));
    let checks = assess(&s, &p);
    let naming: Vec<&Check> = checks.iter().filter(|c| c.reason == spelled).collect();
    assert_eq!(naming.len(), 1, "{checks:#?}");
    assert_eq!(naming[0].condition, Condition::Prerequisite);
    // The other requirement is still listed for the application.
    assert!(
        checks
            .iter()
            .any(|c| c.condition == Condition::Other && c.reason.starts_with("その計画"))
    );
    // Once the business says it holds one, the line is settled, not listed again.
    p.facts.prerequisites = Some(vec![Prerequisite::Bcp]);
    assert!(assess(&s, &p).iter().all(|c| c.reason != spelled));
}
