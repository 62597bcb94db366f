//! `shien eval`: measures retrieval (eval/search.jsonl), the recommender (eval/profiles.jsonl)
//! and chat routing (eval/routing.jsonl) so every ranking change is judged by numbers; `pii`
//! measures the masker on eval/pii-holdout.jsonl.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::app::Engine;
use crate::config::RankingMode;
use crate::domain::handoff::HandoffCategory;
use crate::domain::profile::{Answers, Facts};
use crate::domain::recommend::RecommendOutcome;
use crate::domain::search::{SearchFilters, SearchQuery};

use super::metrics::{mrr_at, ndcg_at, recall_at};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{file}:{line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Io { file: String, message: String },
    #[error("evaluation failed: {0}")]
    Run(String),
}

pub type Result<T> = std::result::Result<T, EvalError>;

/// Reads a JSONL file; each bad line is an error naming file and line.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(file: &Path) -> Result<Vec<T>> {
    let text = std::fs::read_to_string(file).map_err(|e| EvalError::Io {
        file: file.display().to_string(),
        message: e.to_string(),
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| EvalError::Data {
                file: file.display().to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

#[derive(Debug, Clone, Deserialize)]
pub struct SearchCase {
    pub id: String,
    pub query: String,
    pub relevant: HashMap<String, u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The language the query is written in, where it is not administrative Japanese
    /// (`english`, `easy` for やさしい日本語, `kana` for kana only); reported on its own.
    #[serde(default)]
    pub style: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub id: String,
    pub query: String,
    pub expected: Vec<String>,
    pub got: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchReport {
    pub mode: RankingMode,
    pub queries: usize,
    pub ndcg_at_10: f64,
    pub recall_at_5: f64,
    pub mrr_at_10: f64,
    /// Scores per query style (colloquial, typo, english …).
    pub by_tag: std::collections::BTreeMap<String, TagScore>,
    /// Scores per query language (`style`: english, easy, kana).
    pub by_style: std::collections::BTreeMap<String, TagScore>,
    /// Queries whose grade-3 answer is not in the top 5.
    pub failures: Vec<Failure>,
    /// What each query returned, for `shien eval --rankings` (not part of the saved results).
    #[serde(skip)]
    pub rankings: Vec<Ranking>,
}

/// One query's results as returned: ids with their scores and score breakdowns, so two builds
/// can be compared result by result.
#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub id: String,
    pub results: Vec<RankedScheme>,
    pub faqs: Vec<(String, f32)>,
    pub expanded_with: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RankedScheme {
    pub id: String,
    pub score: f32,
    pub explanation: crate::app::engine::Explanation,
    pub snippet: String,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct TagScore {
    pub queries: usize,
    pub ndcg_at_10: f64,
    pub recall_at_5: f64,
    pub mrr_at_10: f64,
    /// Share of queries with a grade-3 answer in the top 5.
    pub answer_at_5: f64,
}

pub fn eval_search(
    app: &Engine,
    cases: &[SearchCase],
    mode: RankingMode,
    today: NaiveDate,
) -> Result<SearchReport> {
    let (mut ndcg, mut recall, mut mrr) = (0.0, 0.0, 0.0);
    let mut failures = Vec::new();
    let mut tag_sums: std::collections::BTreeMap<String, TagScore> = Default::default();
    let mut style_sums: std::collections::BTreeMap<String, TagScore> = Default::default();
    let mut rankings = Vec::with_capacity(cases.len());
    for case in cases {
        let query = SearchQuery::parse(&case.query)
            .map_err(|e| EvalError::Run(format!("{}: {e}", case.id)))?;
        let outcome = app
            .search_with(&query, &SearchFilters::default(), 10, today, mode)
            .map_err(|e| EvalError::Run(e.to_string()))?;
        rankings.push(Ranking {
            id: case.id.clone(),
            results: outcome
                .results
                .iter()
                .map(|h| RankedScheme {
                    id: h.id.clone(),
                    score: h.score,
                    explanation: h.explanation,
                    snippet: h.snippet.clone(),
                })
                .collect(),
            faqs: outcome
                .faqs
                .iter()
                .map(|f| (f.id.clone(), f.score))
                .collect(),
            expanded_with: outcome.expanded_with.clone(),
        });
        let ranked: Vec<String> = outcome.results.into_iter().map(|h| h.id).collect();
        let n = ndcg_at(10, &ranked, &case.relevant);
        let r = recall_at(5, &ranked, &case.relevant);
        let m = mrr_at(10, &ranked, &case.relevant);
        ndcg += n;
        recall += r;
        mrr += m;
        let answers: Vec<String> = case
            .relevant
            .iter()
            .filter(|(_, g)| **g >= 3)
            .map(|(id, _)| id.clone())
            .collect();
        let answered = answers
            .iter()
            .any(|a| ranked.iter().take(5).any(|r| r == a));
        let add = |e: &mut TagScore| {
            e.ndcg_at_10 += n;
            e.recall_at_5 += r;
            e.mrr_at_10 += m;
            e.answer_at_5 += if answered { 1.0 } else { 0.0 };
            e.queries += 1;
        };
        for tag in &case.tags {
            add(tag_sums.entry(tag.clone()).or_default());
        }
        // Queries with no style (administrative Japanese, and the first English ones) are
        // reported together, to see that a change for one language costs the others nothing.
        let style = case.style.as_deref().unwrap_or("unmarked");
        add(style_sums.entry(style.to_string()).or_default());
        if !answered {
            failures.push(Failure {
                id: case.id.clone(),
                query: case.query.clone(),
                expected: answers,
                got: ranked.into_iter().take(5).collect(),
            });
        }
    }
    let q = cases.len().max(1) as f64;
    Ok(SearchReport {
        mode,
        queries: cases.len(),
        ndcg_at_10: round4(ndcg / q),
        recall_at_5: round4(recall / q),
        mrr_at_10: round4(mrr / q),
        by_tag: averages(tag_sums),
        by_style: averages(style_sums),
        failures,
        rankings,
    })
}

/// Per-group sums to per-query averages.
fn averages(
    sums: std::collections::BTreeMap<String, TagScore>,
) -> std::collections::BTreeMap<String, TagScore> {
    sums.into_iter()
        .map(|(t, s)| {
            let n = s.queries as f64;
            let score = TagScore {
                queries: s.queries,
                ndcg_at_10: round4(s.ndcg_at_10 / n),
                recall_at_5: round4(s.recall_at_5 / n),
                mrr_at_10: round4(s.mrr_at_10 / n),
                answer_at_5: round4(s.answer_at_5 / n),
            };
            (t, score)
        })
        .collect()
}

/// Reads a profile's `facts`: the keys `Facts` knows, plus the spellings an independent author
/// used for the same facts (`age_of_owner`, `gender_of_owner`: "female"/"male"). Facts no rule
/// reads (the business type, a planned location …) are left out rather than refused.
fn profile_facts<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Facts>, D::Error> {
    let Some(map) = Option::<serde_json::Map<String, serde_json::Value>>::deserialize(d)? else {
        return Ok(None);
    };
    let mut known = serde_json::Map::new();
    for (key, value) in map {
        let (key, value) = match key.as_str() {
            "age_of_owner" => ("owner_age".to_string(), value),
            "gender_of_owner" => (
                "owner_female".to_string(),
                serde_json::Value::Bool(value.as_str() == Some("female")),
            ),
            "years_in_minato"
            | "years_in_tokyo"
            | "owner_age"
            | "owner_female"
            | "owner_management_years"
            | "annual_sales_yen"
            | "received"
            | "situations"
            | "prerequisites"
            | "head_office_in_tokyo"
            | "trade" => (key, value),
            _ => continue,
        };
        known.insert(key, value);
    }
    serde_json::from_value(serde_json::Value::Object(known))
        .map(Some)
        .map_err(serde::de::Error::custom)
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProfileCase {
    pub id: String,
    pub answers: Answers,
    /// Facts beyond the questionnaire (years in the ward or in Tokyo, the owner's age …),
    /// read into the profile so that the rules needing them can be decided. Sets written
    /// independently name facts in their own words; see [`profile_facts`].
    #[serde(default, deserialize_with = "profile_facts")]
    pub facts: Option<Facts>,
    #[serde(default)]
    pub today: Option<NaiveDate>,
    pub must_include: Vec<String>,
    pub must_exclude: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileReport {
    pub profiles: usize,
    /// Share of must_include ids found in the top 15.
    pub must_include_recall_at_15: f64,
    /// must_exclude ids that were recommended anywhere.
    pub must_exclude_violations: usize,
    pub misses: Vec<ProfileMiss>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileMiss {
    pub id: String,
    pub missing: Vec<String>,
    pub wrongly_recommended: Vec<String>,
}

pub fn eval_profiles(
    app: &Engine,
    cases: &[ProfileCase],
    default_today: NaiveDate,
) -> Result<ProfileReport> {
    score_profiles(cases, default_today, |answers, today| {
        app.recommend(answers, today)
            .map(|(_, outcome)| outcome)
            .map_err(|e| e.to_string())
    })
}

/// Reads a profile set and scores it (`shien eval --profiles FILE`).
pub fn eval_profiles_file(
    app: &Engine,
    file: &Path,
    default_today: NaiveDate,
) -> Result<ProfileReport> {
    let cases: Vec<ProfileCase> = read_jsonl(file)?;
    eval_profiles(app, &cases, default_today)
}

/// Scores profile cases against any recommender (the app's, or the domain's over a corpus in
/// tests): must_include recall in the top 15 and must_exclude ids recommended anywhere.
pub fn score_profiles(
    cases: &[ProfileCase],
    default_today: NaiveDate,
    recommend: impl Fn(Answers, NaiveDate) -> std::result::Result<RecommendOutcome, String>,
) -> Result<ProfileReport> {
    let (mut wanted, mut found, mut violations) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for case in cases {
        let mut answers = case.answers.clone();
        if let Some(facts) = &case.facts {
            answers.facts = Some(facts.clone());
        }
        let outcome = recommend(answers, case.today.unwrap_or(default_today))
            .map_err(|e| EvalError::Run(format!("{}: {e}", case.id)))?;
        let top: HashSet<&str> = outcome
            .recommendations
            .iter()
            .take(15)
            .map(|r| r.id.as_str())
            .collect();
        let all: HashSet<&str> = outcome
            .recommendations
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        let missing: Vec<String> = case
            .must_include
            .iter()
            .filter(|id| !top.contains(id.as_str()))
            .cloned()
            .collect();
        let wrong: Vec<String> = case
            .must_exclude
            .iter()
            .filter(|id| all.contains(id.as_str()))
            .cloned()
            .collect();
        wanted += case.must_include.len();
        found += case.must_include.len() - missing.len();
        violations += wrong.len();
        if !missing.is_empty() || !wrong.is_empty() {
            misses.push(ProfileMiss {
                id: case.id.clone(),
                missing,
                wrongly_recommended: wrong,
            });
        }
    }
    Ok(ProfileReport {
        profiles: cases.len(),
        must_include_recall_at_15: round4(if wanted == 0 {
            1.0
        } else {
            found as f64 / wanted as f64
        }),
        must_exclude_violations: violations,
        misses,
    })
}

pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[derive(Debug, Clone, Deserialize)]
pub struct RoutingCase {
    pub message: String,
    pub label: String,
    #[serde(default)]
    pub category: Option<String>,
    /// Who wrote it (the sets name their writers), for cross-validation by writer.
    #[serde(default)]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoutingReport {
    pub messages: usize,
    pub threshold: f32,
    /// Right hand-off decisions, either way: (tp + tn) / n.
    pub handoff_accuracy: f64,
    pub handoff_precision: f64,
    pub handoff_recall: f64,
    /// Category accuracy over the messages that should be handed off.
    pub handoff_category_accuracy: f64,
    /// Category accuracy over every labelled message.
    pub category_accuracy: f64,
    pub mistakes: Vec<RoutingMistake>,
    /// Every message's decision, right or wrong, in the set's order: what `--routing-dump`
    /// writes for the tuning set, to compare two builds message by message.
    #[serde(skip)]
    pub decisions: Vec<RoutingDecision>,
}

/// How one labelled message was routed.
#[derive(Debug, Clone, Serialize)]
pub struct RoutingDecision {
    pub message: String,
    pub expected: String,
    pub expected_category: Option<String>,
    /// "handoff" or "answer".
    pub got: &'static str,
    pub reason: Option<&'static str>,
    pub category: &'static str,
    pub matched: Vec<String>,
    pub handoff_right: bool,
    /// None when the message has no category label.
    pub category_right: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoutingMistake {
    pub message: String,
    pub expected: String,
    pub got: String,
}

/// A routing set's category: a consultant's field by its label, or 苦情 for a complaint
/// about the service (a staff ticket of its own kind).
pub fn expected_category(label: &str) -> Option<HandoffCategory> {
    crate::domain::routing::examples::parse_category(label)
}

pub fn eval_routing(app: &Engine, cases: &[RoutingCase], threshold: f32) -> Result<RoutingReport> {
    let mut routes = Vec::with_capacity(cases.len());
    for case in cases {
        let (query, normalized) = routing_query(app, &case.message)?;
        let (_, _, route) = crate::app::chat::decide(app, &query, &normalized, threshold)
            .map_err(|e| EvalError::Run(e.to_string()))?;
        routes.push(route);
    }
    Ok(score_routing(cases, &routes, threshold))
}

/// How a labelled set is cut into folds for cross-validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folds {
    /// k folds that interleave: message i is in fold i mod k.
    Interleaved(usize),
    /// One fold per writer (`by`; the messages without one are a writer of their own): each
    /// writer's messages are routed by what the others wrote, as a new writer's would be.
    Writers,
}

impl Folds {
    fn assign(self, cases: &[RoutingCase]) -> Vec<usize> {
        match self {
            Folds::Interleaved(k) => (0..cases.len()).map(|i| i % k.max(2)).collect(),
            Folds::Writers => {
                let mut writers: Vec<Option<&str>> = Vec::new();
                cases
                    .iter()
                    .map(|c| {
                        let by = c.by.as_deref();
                        writers.iter().position(|w| *w == by).unwrap_or_else(|| {
                            writers.push(by);
                            writers.len() - 1
                        })
                    })
                    .collect()
            }
        }
    }
}

/// What a labelled routing message teaches: its label as an example's.
pub fn case_label(case: &RoutingCase) -> Option<crate::domain::routing::examples::ExampleLabel> {
    use crate::domain::handoff::HandoffReason;
    let category = case
        .category
        .as_deref()
        .and_then(crate::domain::routing::examples::parse_category)?;
    let handoff = case.label == "handoff";
    let reason = (handoff && category == HandoffCategory::ServiceComplaint)
        .then_some(HandoffReason::Complaint);
    Some(crate::domain::routing::examples::ExampleLabel {
        handoff,
        reason,
        category: Some(category),
    })
}

/// Cross-validation of the learned signals on a labelled set: each fold is routed with an
/// example store, and a routing model trained on, the shipped examples plus the set's
/// messages outside the fold, never the fold itself. `answered` (factual questions the bot
/// answers, as `shien routing train` reads them) joins every fold's model training.
pub fn eval_routing_folds(
    app: &Engine,
    cases: &[RoutingCase],
    answered: &[String],
    threshold: f32,
    folds: Folds,
) -> Result<RoutingReport> {
    use crate::domain::routing::examples::VoteSettings;
    use crate::domain::routing::model::{RoutingModel, TrainOptions};
    use crate::domain::routing::{Blend, route_with};
    let run = |e: crate::app::EngineError| EvalError::Run(e.to_string());
    let fold_of = folds.assign(cases);
    let count = fold_of.iter().max().map_or(0, |m| m + 1);
    let mut vectors = Vec::with_capacity(cases.len());
    for case in cases {
        vectors.push(app.message_vector(&case.message).map_err(run)?);
    }
    let labels: Vec<_> = cases.iter().map(case_label).collect();
    let mut questions = Vec::with_capacity(answered.len());
    let mut asked = Vec::with_capacity(answered.len());
    for q in answered {
        if let Some(v) = app.message_vector(q).map_err(run)? {
            asked.push(q.as_str());
            questions.push(v);
        }
    }
    let encoder = app
        .embedder()
        .and_then(crate::app::engine::encoder_name)
        .unwrap_or_default();
    let mut stores = Vec::with_capacity(count);
    let mut models = Vec::with_capacity(count);
    for fold in 0..count {
        let mut store = app.written_routing_examples();
        for (i, case) in cases.iter().enumerate() {
            if let (Some(v), Some(label), false) = (&vectors[i], &labels[i], fold_of[i] == fold) {
                store.push(&case.message, v, label.clone());
            }
        }
        // Only where the shipped model would run: the same encoder.
        models.push(app.routing_model().and_then(|_| {
            RoutingModel::train_on(&encoder, &store, &questions, TrainOptions::default())
        }));
        // The answered questions vote as the shipped store's do (after training: the model
        // learns them as answered already).
        for (q, v) in asked.iter().zip(&questions) {
            store.push(
                q,
                v,
                crate::domain::routing::examples::ExampleLabel::answered(),
            );
        }
        stores.push(store);
    }
    let mut routes = Vec::with_capacity(cases.len());
    for (i, case) in cases.iter().enumerate() {
        let (query, normalized) = routing_query(app, &case.message)?;
        let (_, confidence, _) = crate::app::chat::decide(app, &query, &normalized, threshold)
            .map_err(|e| EvalError::Run(e.to_string()))?;
        let fold = fold_of[i];
        let votes = vectors[i]
            .as_ref()
            .and_then(|v| stores[fold].votes(v, VoteSettings::default()));
        let model = vectors[i]
            .as_ref()
            .and_then(|v| models[fold].as_ref().and_then(|m| m.vote(v)));
        routes.push(route_with(
            &app.spelled_for_routing(&normalized),
            confidence,
            threshold,
            votes.as_ref(),
            model.as_ref(),
            Blend::default(),
        ));
    }
    Ok(score_routing(cases, &routes, threshold))
}

fn routing_query(app: &Engine, message: &str) -> Result<(SearchQuery, String)> {
    let query = SearchQuery::parse(message).map_err(|e| EvalError::Run(e.to_string()))?;
    let terms = app
        .analyze_query(message)
        .map_err(|e| EvalError::Run(e.to_string()))?;
    Ok((query, terms.normalized))
}

fn score_routing(
    cases: &[RoutingCase],
    routes: &[crate::domain::routing::Route],
    threshold: f32,
) -> RoutingReport {
    let (mut tp, mut tn, mut fp, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    let (mut cat_ok, mut cat_n, mut hcat_ok, mut hcat_n) = (0usize, 0usize, 0usize, 0usize);
    let mut mistakes = Vec::new();
    let mut decisions = Vec::with_capacity(cases.len());
    for (case, route) in cases.iter().zip(routes) {
        let want = case.label == "handoff";
        let got = route.handoff.is_some();
        match (want, got) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            (false, false) => tn += 1,
        }
        let category_right = case
            .category
            .as_deref()
            .map(|c| expected_category(c) == Some(route.category));
        if let Some(ok) = category_right {
            cat_n += 1;
            cat_ok += ok as usize;
            if want {
                hcat_n += 1;
                hcat_ok += ok as usize;
            }
        }
        if want != got || (want && category_right == Some(false)) {
            mistakes.push(RoutingMistake {
                message: case.message.clone(),
                expected: format!(
                    "{} {}",
                    case.label,
                    case.category.clone().unwrap_or_default()
                ),
                got: format!(
                    "{} {} {:?} {}",
                    if got { "handoff" } else { "answer" },
                    route.category.label_ja(),
                    route.handoff,
                    route.matched.join(" / ")
                ),
            });
        }
        decisions.push(RoutingDecision {
            message: case.message.clone(),
            expected: case.label.clone(),
            expected_category: case.category.clone(),
            got: if got { "handoff" } else { "answer" },
            reason: route.handoff.map(|r| r.label_ja()),
            category: route.category.label_ja(),
            matched: route.matched.clone(),
            handoff_right: want == got,
            category_right,
        });
    }
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            round4(a as f64 / b as f64)
        }
    };
    RoutingReport {
        messages: cases.len(),
        threshold,
        handoff_accuracy: ratio(tp + tn, cases.len()),
        handoff_precision: ratio(tp, tp + fp),
        handoff_recall: ratio(tp, tp + fn_),
        handoff_category_accuracy: ratio(hcat_ok, hcat_n),
        category_accuracy: ratio(cat_ok, cat_n),
        mistakes,
        decisions,
    }
}
