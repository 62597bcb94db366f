//! The recommender on the tuning profiles (eval/profiles.jsonl), through the domain alone (no
//! index or embedder): its figures must not fall below those recorded before structured
//! eligibility (issue 15: must_include recall@15 0.9180, no must_exclude violation).

mod common;

use shien_navi::domain::Corpus;
use shien_navi::domain::profile::Profile;
use shien_navi::domain::recommend::recommend;
use shien_navi::eval::{ProfileCase, read_jsonl, score_profiles};

#[test]
fn tuning_profiles_keep_their_recall_and_exclude_nothing_they_should_not() {
    let root = common::repo();
    let corpus = Corpus::load(&root.join("corpus"), &[]).unwrap_or_else(|e| panic!("{e}"));
    let cases: Vec<ProfileCase> = read_jsonl(&root.join("eval/profiles.jsonl")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
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
        "recall@15 {} violations {}",
        report.must_include_recall_at_15, report.must_exclude_violations
    );
    assert_eq!(report.must_exclude_violations, 0);
    assert!(report.must_include_recall_at_15 >= 0.9180);
}
