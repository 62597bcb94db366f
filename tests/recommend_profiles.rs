//! The recommender on the tuning profiles (eval/profiles.jsonl), through the domain alone (no
//! index or embedder): its figures must not fall. Issue 15 recorded must_include recall@15
//! 0.9180 and no must_exclude violation on the 127-scheme corpus; structured eligibility took
//! that corpus to 0.9303. The 13 schemes added for coverage compete for the same top 15 in
//! profiles written before them (0.8934 with their rules in text); with every rule structured
//! the figure is 0.9098, the floor kept here.

mod common;

use shien_navi::app::evaluation::{ProfileCase, ProfileReport, read_jsonl, score_profiles};
use shien_navi::domain::Corpus;
use shien_navi::domain::profile::Profile;
use shien_navi::domain::recommend::recommend;

#[test]
fn tuning_profiles_keep_their_recall_and_exclude_nothing_they_should_not() {
    let report = score("eval/profiles.jsonl", (2026, 11, 21));
    assert_eq!(report.must_exclude_violations, 0);
    // A floor at today's figure (163 schemes). It was 0.9098 at 140 schemes, 0.8484 at 151 and
    // 0.832 at 163: each batch of added schemes pushed some must_include schemes out of the top
    // 15. Schemes made for a situation the profile does not state (a social business, a
    // disaster, a downturn, expanding abroad, a succession) and tax measures as a kind of their
    // own, weighted below what a business must apply for, gave 0.8893. Mixing the list by
    // family (borrowing, money given, advice) and weighting desks 0.8 gave 0.9180. Desks made
    // only for what the business asked about at 0.95 and tax measures at 0.5 gave 0.9221; tax
    // measures made only for what the business asked about at 0.6 gave 0.9303.
    assert!(report.must_include_recall_at_15 >= 0.930);
}

/// The second tuning set (70 profiles written from the schemes' published rules, each with
/// near-miss exclusions). Four exclusions rest on what no answer can hold: a chain's "retail
/// or wholesale" industry answer (capital 80M yen, 80 people: an SME as a wholesaler, not as a
/// retailer) leaves the 中小企業 caps undecided for three of them, and one grant is for people
/// who have no shop yet. The third SME-only scheme of that profile, ものづくり補助金, was
/// listed last as closed until its window became yearly (its next round unannounced, as its
/// notes say), and so was not listed at all among the thirty.
#[test]
fn second_tuning_profiles_keep_their_recall_and_their_few_undecidable_exclusions() {
    let report = score("eval/profiles-tuning-2.jsonl", (2026, 12, 3));
    assert!(report.must_exclude_violations <= 4);
    // 0.7473 before this set's fixes (a profile not yet founded read as unknown, head offices
    // outside Tokyo undecidable, desks below the fifteenth place); 0.8441 after. Desks made only
    // for what the business asked about weighed as money (0.95) and tax measures at 0.5: 0.8656;
    // seven more national schemes in the corpus (coverage, session 15) crowd some out: 0.8548;
    // tax measures made only for what the business asked about at 0.6: 0.8656.
    assert!(report.must_include_recall_at_15 >= 0.865);
}

/// The recommender's figures on a profile file, each miss printed for the reader of a failure.
fn score(file: &str, (y, m, d): (i32, u32, u32)) -> ProfileReport {
    let root = common::repo();
    let corpus = Corpus::load(&root.join("corpus"), &[]).unwrap_or_else(|e| panic!("{e}"));
    let cases: Vec<ProfileCase> = read_jsonl(&root.join(file)).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let report = score_profiles(&cases, today, |answers, today| {
        let profile = Profile::try_from(answers).map_err(|e| e.to_string())?;
        Ok(recommend(&corpus, &profile, today))
    })
    .unwrap();
    for m in &report.misses {
        eprintln!(
            "{} missing {:?} wrongly recommended {:?}",
            m.id, m.missing, m.wrongly_recommended
        );
    }
    eprintln!(
        "{file}: recall@15 {} violations {}",
        report.must_include_recall_at_15, report.must_exclude_violations
    );
    report
}

fn minato_shop(facts: Option<shien_navi::domain::profile::Facts>) -> Profile {
    use shien_navi::domain::profile::Answers;
    Profile::try_from(Answers {
        location: Some("minato".into()),
        head_office: Some(true),
        industry: Some("学術研究、専門・技術サービス業".into()),
        employees: Some(3),
        capital_yen: Some(3_000_000),
        years_in_business: Some(3),
        corporate: Some(true),
        purposes: vec!["販路拡大".into()],
        facts,
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn a_business_new_to_the_ward_is_not_offered_the_wards_one_year_schemes_once_it_says_so() {
    use shien_navi::domain::eligibility::Fit;
    use shien_navi::domain::profile::Facts;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    // 広告宣伝費の補助 needs two years in the ward; three years in business do not prove it.
    let unknown = recommend(&corpus, &minato_shop(None), today);
    let koukoku = unknown
        .recommendations
        .iter()
        .find(|r| r.id == "minato-koukoku-hojo")
        .expect("offered while the years in the ward are unknown");
    assert_eq!(koukoku.fit, Fit::Likely);
    let question = koukoku
        .unknown
        .iter()
        .find(|u| u.fact.as_deref() == Some("years_in_minato"))
        .expect("the explanation names the question that settles it");
    assert!(question.settle_by.contains("港区内"));

    let moved_in = recommend(
        &corpus,
        &minato_shop(Some(Facts {
            years_in_minato: Some(1),
            years_in_tokyo: Some(3),
            ..Default::default()
        })),
        today,
    );
    assert!(
        moved_in
            .recommendations
            .iter()
            .all(|r| r.id != "minato-koukoku-hojo")
    );
    let excluded = moved_in
        .excluded
        .iter()
        .find(|x| x.id == "minato-koukoku-hojo")
        .unwrap();
    assert!(
        excluded.unmet.iter().any(|u| u.contains("港区内")),
        "{excluded:?}"
    );

    let settled = recommend(
        &corpus,
        &minato_shop(Some(Facts {
            years_in_minato: Some(3),
            ..Default::default()
        })),
        today,
    );
    let koukoku = settled
        .recommendations
        .iter()
        .find(|r| r.id == "minato-koukoku-hojo")
        .unwrap();
    assert!(
        koukoku
            .unknown
            .iter()
            .all(|u| u.fact.as_deref() != Some("years_in_minato"))
    );
}

fn business(
    industry: &str,
    purposes: &[&str],
    facts: Option<shien_navi::domain::profile::Facts>,
) -> Profile {
    use shien_navi::domain::profile::Answers;
    Profile::try_from(Answers {
        location: Some("minato".into()),
        head_office: Some(true),
        industry: Some(industry.into()),
        employees: Some(8),
        capital_yen: Some(10_000_000),
        years_in_business: Some(6),
        corporate: Some(true),
        purposes: purposes.iter().map(|p| p.to_string()).collect(),
        facts,
        ..Default::default()
    })
    .unwrap()
}

fn rank(outcome: &shien_navi::domain::recommend::RecommendOutcome, id: &str) -> Option<usize> {
    outcome.recommendations.iter().position(|r| r.id == id)
}

#[test]
fn a_loan_for_social_businesses_waits_until_the_business_says_it_is_one() {
    use shien_navi::domain::eligibility::Fit;
    use shien_navi::domain::profile::Facts;
    use shien_navi::domain::scheme::Situation;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let id = "national-jfc-social-business";
    let purposes = ["資金繰り", "設備投資"];
    // An IT firm has not said it is a social business: not among the first fifteen, and where
    // listed, "likely" with the question that settles it.
    let it = recommend(&corpus, &business("情報通信業", &purposes, None), today);
    assert!(rank(&it, id).is_none_or(|r| r >= 15), "{:?}", rank(&it, id));
    if let Some(r) = it.recommendations.iter().find(|r| r.id == id) {
        assert_eq!(r.fit, Fit::Likely);
        let asked = r
            .unknown
            .iter()
            .find(|u| u.fact.as_deref() == Some("situations"));
        assert!(
            asked.is_some_and(|u| u.settle_by.contains("保育・介護")),
            "{r:?}"
        );
    }
    // A care business is what it is for; so is an IT firm that says it is a social business.
    let care = recommend(&corpus, &business("医療、福祉", &purposes, None), today);
    assert!(
        rank(&care, id).is_some_and(|r| r < 15),
        "{:?}",
        rank(&care, id)
    );
    let told = Facts {
        situations: Some(vec![Situation::SocialBusiness]),
        ..Default::default()
    };
    let social = recommend(
        &corpus,
        &business("情報通信業", &purposes, Some(told)),
        today,
    );
    let r = social.recommendations.iter().find(|r| r.id == id).unwrap();
    assert_eq!(r.fit, Fit::Eligible);
    assert!(rank(&social, id).is_some_and(|r| r < 15));
    // One that says none applies is told why the loan is not for it.
    let none = Facts {
        situations: Some(vec![]),
        ..Default::default()
    };
    let plain = recommend(
        &corpus,
        &business("情報通信業", &purposes, Some(none)),
        today,
    );
    assert!(plain.excluded.iter().any(|x| x.id == id));
}

#[test]
fn an_overseas_loan_ranks_for_a_business_that_asks_about_expanding_abroad() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let id = "national-jfc-kaigai";
    let home = recommend(&corpus, &business("製造業", &["設備投資"], None), today);
    let abroad = recommend(
        &corpus,
        &business("製造業", &["設備投資", "海外展開"], None),
        today,
    );
    assert!(
        rank(&home, id).is_none_or(|r| r >= 15),
        "{:?}",
        rank(&home, id)
    );
    assert!(
        rank(&abroad, id).is_some_and(|r| r < 15),
        "{:?}",
        rank(&abroad, id)
    );
}

#[test]
fn tax_measures_are_a_kind_of_their_own() {
    use shien_navi::domain::scheme::Kind;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let kind = |id: &str| corpus.scheme(id).unwrap().kind;
    assert_eq!(kind("national-chinage-zeisei"), Kind::Tax);
    assert_eq!(kind("national-nozei-yuyo"), Kind::Tax);
    assert_eq!(kind("national-keieiryoku-kojo"), Kind::Certification);
    assert!(
        corpus
            .schemes
            .iter()
            .filter(|s| s.title.contains("税制"))
            .all(|s| s.kind == Kind::Tax),
        "every 税制 is a tax measure"
    );
}

fn score_of(outcome: &shien_navi::domain::recommend::RecommendOutcome, id: &str) -> f32 {
    outcome
        .recommendations
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{id} is listed"))
        .score
}

#[test]
fn a_desk_made_only_for_what_the_business_asked_about_weighs_nearly_as_much_as_money() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let restaurant = |purposes: &[&str]| {
        recommend(
            &corpus,
            &business("宿泊業、飲食サービス業", purposes, None),
            today,
        )
    };
    // 働き方改革推進支援センター advises on hiring and on working conditions, nothing else.
    let centre = "national-hatarakikata-center";
    let both = restaurant(&["人材確保", "働き方・福利厚生"]);
    let hiring_only = restaurant(&["人材確保"]);
    assert!(
        score_of(&both, centre) > score_of(&hiring_only, centre),
        "{} vs {}",
        score_of(&both, centre),
        score_of(&hiring_only, centre)
    );
    assert!(
        rank(&both, centre).is_some_and(|r| r < 15),
        "{:?}",
        rank(&both, centre)
    );

    // The ward's 商工相談 also advises on founding and sales: asking about two of its four
    // purposes does not make it the desk the business came for.
    let general = "minato-shoko-sodan";
    let cash_and_succession = restaurant(&["資金繰り", "事業承継"]);
    let cash_only = restaurant(&["資金繰り"]);
    assert_eq!(
        score_of(&cash_and_succession, general),
        score_of(&cash_only, general)
    );
}

#[test]
fn a_tax_measure_gives_way_to_a_desk_for_the_same_need_but_money_does_not() {
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let outcome = recommend(
        &corpus,
        &business("サービス業（他に分類されないもの）", &["資金繰り"], None),
        today,
    );
    // The reduced corporate tax rate is claimed in the return; the ward's desk is where a
    // business asking about cash flow gets help now.
    let tax = score_of(&outcome, "national-hojinzei-keigen");
    let desk = score_of(&outcome, "minato-shoko-sodan");
    let loan = score_of(&outcome, "national-karikae-hosho");
    assert!(desk > tax, "desk {desk} tax {tax}");
    assert!(loan > desk, "loan {loan} desk {desk}");
}

#[test]
fn a_loan_that_presupposes_an_approved_plan_ranks_below_plain_fits_until_the_plan_is_told() {
    use shien_navi::domain::eligibility::{Fit, assess, fit};
    use shien_navi::domain::profile::Facts;
    use shien_navi::domain::scheme::Prerequisite;
    let corpus = Corpus::load(&common::repo().join("corpus"), &[]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let id = "national-jfc-shinjigyo-katsudo";
    let plain = "national-jfc-ippan";
    let purposes = ["設備投資", "資金繰り"];
    // Nothing said about a 経営革新計画: "unknown", with the question that settles it, and
    // not among the first fifteen, where the general loan it plainly fits is.
    let untold_profile = business("製造業", &purposes, None);
    let checks = assess(corpus.scheme(id).unwrap(), &untold_profile);
    assert_eq!(fit(&checks), Fit::Unknown);
    assert!(
        checks
            .iter()
            .any(|c| c.fact.as_deref() == Some("prerequisites")
                && c.settle_by
                    .as_deref()
                    .is_some_and(|q| q.contains("経営革新計画の承認を受けていますか"))),
        "{checks:?}"
    );
    let untold = recommend(&corpus, &untold_profile, today);
    assert!(rank(&untold, plain).is_some_and(|r| r < 15));
    assert!(
        rank(&untold, id).is_none_or(|r| r >= 15),
        "{:?}",
        rank(&untold, id)
    );
    if let Some(r) = untold.recommendations.iter().find(|r| r.id == id) {
        assert_eq!(r.fit, Fit::Unknown);
        assert!(rank(&untold, id) > rank(&untold, plain));
    }
    // A business that says it holds an approved plan is offered the loan among the first.
    let told = Facts {
        prerequisites: Some(vec![Prerequisite::KeieiKakushinKeikaku]),
        ..Default::default()
    };
    let holder = recommend(&corpus, &business("製造業", &purposes, Some(told)), today);
    let r = holder.recommendations.iter().find(|r| r.id == id).unwrap();
    assert_eq!(r.fit, Fit::Eligible);
    assert!(
        rank(&holder, id).is_some_and(|r| r < 15),
        "{:?}",
        rank(&holder, id)
    );
    // One that holds none is told why the loan is not for it.
    let none = Facts {
        prerequisites: Some(vec![]),
        ..Default::default()
    };
    let neither = recommend(&corpus, &business("製造業", &purposes, Some(none)), today);
    assert!(neither.excluded.iter().any(|x| x.id == id));
}
