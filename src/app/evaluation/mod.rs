//! The quality evaluation as one action: search on the tuning and held-out sets (and with a
//! second embedder for comparison), the recommender's profiles, and routing. The CLI prints
//! what this returns; the metrics themselves live in `measures` and `metrics`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub mod answers;
pub mod measures;
pub mod metrics;
pub mod name_tagger;
pub mod pii;

pub use answers::{AnswerCase, AnswerFailure, AnswerReport, eval_answers};
pub use measures::{
    EvalError, Failure, Folds, ProfileCase, ProfileMiss, ProfileReport, RoutingCase,
    RoutingDecision, RoutingMistake, RoutingReport, SearchCase, SearchReport, TagScore, case_label,
    eval_profiles, eval_profiles_file, eval_routing, eval_routing_folds, eval_search, read_jsonl,
    round4, score_profiles,
};

use super::engine::{Engine, EngineError, FusionWeights};
use crate::config::{EmbedderKind, RankingMode, Settings};

/// The search set rules, synonyms and weights are tuned on, and the one written without seeing
/// the code or the other sets (reported, never tuned on).
pub const SEARCH_TUNING: &str = "eval/search.jsonl";
pub const SEARCH_HOLDOUT: &str = "eval/search-holdout.jsonl";
pub const PROFILES: &str = "eval/profiles.jsonl";
/// The routing rules were tuned on routing.jsonl; the held-out set was written without them.
pub const ROUTING_TUNING: &str = "eval/routing.jsonl";
pub const ROUTING_HOLDOUT: &str = "eval/routing-holdout.jsonl";
/// Folds of the cross-validation that estimates the learned routing signal on the tuning set.
pub const ROUTING_FOLDS: usize = 5;
/// Factual questions: the tuning set (failures listed) and one written by a helper who saw
/// neither the chatbot nor the tuning set (figures only).
pub const ANSWERS_TUNING: &str = "eval/answers.jsonl";
pub const ANSWERS_HOLDOUT: &str = "eval/answers-holdout.jsonl";

#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Eval(#[from] EvalError),
    #[error("--compare-embedder: unknown embedder {0:?} (e5, static, none)")]
    UnknownEmbedder(String),
}

pub struct EvalOptions {
    pub modes: Vec<RankingMode>,
    pub recommend: bool,
    /// Further profile sets (`--profiles FILE`), each reported on its own.
    pub profile_files: Vec<PathBuf>,
    pub routing: bool,
    /// Further routing sets (`--routing-file FILE`), each reported on its own.
    pub routing_files: Vec<PathBuf>,
    /// Further search sets (`--search-file FILE`), each reported on its own.
    pub search_files: Vec<PathBuf>,
    /// Measure the chatbot's factual answers (eval/answers*.jsonl).
    pub answers: bool,
    /// Further answers sets (`--answers-file FILE`), each reported on its own.
    pub answers_files: Vec<PathBuf>,
    pub extra: Vec<PathBuf>,
    pub today: NaiveDate,
    pub compare_embedder: Option<String>,
    /// Read the held-out sets too (false while iterating on rules, so nobody sees them early).
    pub held_out: bool,
}

/// Everything one evaluation run measured.
pub struct EvalRun {
    pub today: NaiveDate,
    pub embedder: EmbedderKind,
    pub schemes: usize,
    pub extra: Vec<PathBuf>,
    /// Skipped modes (no embedder loaded).
    pub skipped: Vec<RankingMode>,
    pub tuning: Vec<SearchReport>,
    pub held_out: Vec<SearchReport>,
    /// (file, a report per mode) for each `--search-file FILE`.
    pub other_search: Vec<(PathBuf, Vec<SearchReport>)>,
    /// (set, embedder, hybrid report) for the comparison embedder on the same sets.
    pub compared: Vec<(&'static str, EmbedderKind, SearchReport)>,
    pub profiles: Option<ProfileReport>,
    /// (file, report) for each `--profiles FILE`.
    pub other_profiles: Vec<(PathBuf, ProfileReport)>,
    pub routing: Option<RoutingReport>,
    /// The tuning set by k-fold cross-validation, its other folds added to the example store.
    pub routing_folds: Option<RoutingReport>,
    /// The tuning set by writer: each writer's messages routed by what the others wrote.
    pub routing_writers: Option<RoutingReport>,
    pub routing_held_out: Option<RoutingReport>,
    /// (file, report) for each `--routing-file FILE`.
    pub other_routing: Vec<(PathBuf, RoutingReport)>,
    pub answers: Option<AnswerReport>,
    pub answers_held_out: Option<AnswerReport>,
    /// (file, report) for each `--answers-file FILE`.
    pub other_answers: Vec<(PathBuf, AnswerReport)>,
}

fn read_optional<T: serde::de::DeserializeOwned>(path: &str) -> Result<Vec<T>, EvalError> {
    if Path::new(path).exists() {
        read_jsonl(Path::new(path))
    } else {
        Ok(Vec::new())
    }
}

fn embedder_kind(name: &str) -> Result<EmbedderKind, EvaluationError> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| EvaluationError::UnknownEmbedder(name.to_string()))
}

/// Runs every requested measurement against the engine built from `settings`.
pub fn run(mut settings: Settings, options: EvalOptions) -> Result<EvalRun, EvaluationError> {
    settings
        .extra_corpus_dirs
        .extend(options.extra.iter().cloned());
    let compare_settings = match &options.compare_embedder {
        None => None,
        Some(name) => {
            let mut s = settings.clone();
            s.embedder = embedder_kind(name)?;
            Some(s)
        }
    };
    let engine = Engine::build(settings)?;
    let today = options.today;
    let cases: Vec<SearchCase> = read_jsonl(Path::new(SEARCH_TUNING))?;
    let holdout_cases: Vec<SearchCase> = if options.held_out {
        read_optional(SEARCH_HOLDOUT)?
    } else {
        Vec::new()
    };
    let mut run = EvalRun {
        today,
        embedder: engine.settings.embedder,
        schemes: engine.corpus.schemes.len(),
        extra: options.extra.clone(),
        skipped: Vec::new(),
        tuning: Vec::new(),
        held_out: Vec::new(),
        other_search: Vec::new(),
        compared: Vec::new(),
        profiles: None,
        other_profiles: Vec::new(),
        routing: None,
        routing_folds: None,
        routing_writers: None,
        routing_held_out: None,
        other_routing: Vec::new(),
        answers: None,
        answers_held_out: None,
        other_answers: Vec::new(),
    };
    let other_cases = options
        .search_files
        .iter()
        .map(|file| Ok((file.clone(), read_jsonl::<SearchCase>(file)?)))
        .collect::<Result<Vec<_>, EvalError>>()?;
    run.other_search = other_cases
        .iter()
        .map(|(file, _)| (file.clone(), Vec::new()))
        .collect();
    for &m in &options.modes {
        if m != RankingMode::Bm25 && !engine.has_vectors() {
            run.skipped.push(m);
            continue;
        }
        run.tuning.push(eval_search(&engine, &cases, m, today)?);
        if !holdout_cases.is_empty() {
            run.held_out
                .push(eval_search(&engine, &holdout_cases, m, today)?);
        }
        for ((_, file_cases), (_, reports)) in other_cases.iter().zip(&mut run.other_search) {
            reports.push(eval_search(&engine, file_cases, m, today)?);
        }
    }
    if let Some(s) = compare_settings {
        let kind = s.embedder;
        let other = Engine::build(s)?;
        let mode = if other.has_vectors() {
            RankingMode::Hybrid
        } else {
            RankingMode::Bm25
        };
        for (set, set_cases) in [("tuning", &cases), ("held-out", &holdout_cases)] {
            if !set_cases.is_empty() {
                run.compared
                    .push((set, kind, eval_search(&other, set_cases, mode, today)?));
            }
        }
    }
    if options.recommend {
        let cases: Vec<ProfileCase> = read_jsonl(Path::new(PROFILES))?;
        run.profiles = Some(eval_profiles(&engine, &cases, today)?);
    }
    for file in &options.profile_files {
        let report = eval_profiles_file(&engine, file, today)?;
        run.other_profiles.push((file.clone(), report));
    }
    if options.routing {
        let threshold = engine.settings.handoff_confidence;
        let tuned: Vec<RoutingCase> = read_jsonl(Path::new(ROUTING_TUNING))?;
        run.routing = Some(eval_routing(&engine, &tuned, threshold)?);
        if engine.embedder().is_some() {
            let answered: Vec<String> = read_jsonl::<AnswerCase>(Path::new(ANSWERS_TUNING))?
                .into_iter()
                .map(|c| c.question)
                .collect();
            run.routing_folds = Some(eval_routing_folds(
                &engine,
                &tuned,
                &answered,
                threshold,
                Folds::Interleaved(ROUTING_FOLDS),
            )?);
            run.routing_writers = Some(eval_routing_folds(
                &engine,
                &tuned,
                &answered,
                threshold,
                Folds::Writers,
            )?);
        }
        let held_out: Vec<RoutingCase> = if options.held_out {
            read_optional(ROUTING_HOLDOUT)?
        } else {
            Vec::new()
        };
        if !held_out.is_empty() {
            run.routing_held_out = Some(eval_routing(&engine, &held_out, threshold)?);
        }
    }
    for file in &options.routing_files {
        let cases: Vec<RoutingCase> = read_jsonl(file)?;
        let threshold = engine.settings.handoff_confidence;
        run.other_routing
            .push((file.clone(), eval_routing(&engine, &cases, threshold)?));
    }
    if options.answers {
        let tuned: Vec<AnswerCase> = read_jsonl(Path::new(ANSWERS_TUNING))?;
        run.answers = Some(eval_answers(&engine, &tuned, today)?);
        let held_out: Vec<AnswerCase> = if options.held_out {
            read_optional(ANSWERS_HOLDOUT)?
        } else {
            Vec::new()
        };
        if !held_out.is_empty() {
            run.answers_held_out = Some(eval_answers(&engine, &held_out, today)?);
        }
    }
    // Named files are run whatever `held_out` says: the caller chose to read them.
    for file in &options.answers_files {
        let cases: Vec<AnswerCase> = read_jsonl(file)?;
        run.other_answers
            .push((file.clone(), eval_answers(&engine, &cases, today)?));
    }
    Ok(run)
}

impl EvalRun {
    /// The one-line record kept in `eval/results/history.jsonl`.
    pub fn summary(&self) -> serde_json::Value {
        let routing_json = |r: &RoutingReport| serde_json::json!({"messages": r.messages, "threshold": r.threshold, "handoff_accuracy": r.handoff_accuracy, "handoff_precision": r.handoff_precision, "handoff_recall": r.handoff_recall, "handoff_category_accuracy": r.handoff_category_accuracy, "category_accuracy": r.category_accuracy});
        let answers_json = |r: &AnswerReport| serde_json::json!({"questions": r.questions, "right_scheme": r.right_scheme, "facts_present": r.facts_present, "wrong_number_answers": r.wrong_number_answers, "facts_present_by_lang": r.by_lang.iter().map(|(lang, s)| (lang.clone(), s.facts_present)).collect::<std::collections::BTreeMap<_, _>>()});
        let search_json = |r: &SearchReport| serde_json::json!({"mode": r.mode, "queries": r.queries, "ndcg@10": r.ndcg_at_10, "recall@5": r.recall_at_5, "mrr@10": r.mrr_at_10, "by_tag": r.by_tag, "by_style": r.by_style});
        serde_json::json!({
            "date": self.today,
            "routing": self.routing.as_ref().map(routing_json),
            "routing_folds": self.routing_folds.as_ref().map(routing_json),
            "routing_writers": self.routing_writers.as_ref().map(routing_json),
            "routing_holdout": self.routing_held_out.as_ref().map(routing_json),
            "routing_other": self.other_routing.iter().map(|(file, r)| serde_json::json!({"file": file, "report": routing_json(r)})).collect::<Vec<_>>(),
            "answers": self.answers.as_ref().map(answers_json),
            "answers_holdout": self.answers_held_out.as_ref().map(answers_json),
            "answers_other": self.other_answers.iter().map(|(file, r)| serde_json::json!({"file": file, "report": answers_json(r)})).collect::<Vec<_>>(),
            "corpus": {"schemes": self.schemes, "extra": self.extra},
            "embedder": self.embedder,
            "search": self.tuning.iter().map(search_json).collect::<Vec<_>>(),
            "search_holdout": self.held_out.iter().map(search_json).collect::<Vec<_>>(),
            "search_other": self.other_search.iter().map(|(file, reports)| serde_json::json!({"file": file, "reports": reports.iter().map(search_json).collect::<Vec<_>>()})).collect::<Vec<_>>(),
            "search_compared": self.compared.iter().map(|(set, kind, r)| serde_json::json!({"set": set, "embedder": kind, "report": search_json(r)})).collect::<Vec<_>>(),
            "recommend": self.profiles.as_ref().map(|p| serde_json::json!({"profiles": p.profiles, "must_include_recall@15": p.must_include_recall_at_15, "must_exclude_violations": p.must_exclude_violations})),
            "recommend_other": self.other_profiles.iter().map(|(file, p)| serde_json::json!({"file": file, "profiles": p.profiles, "must_include_recall@15": p.must_include_recall_at_15, "must_exclude_violations": p.must_exclude_violations})).collect::<Vec<_>>(),
        })
    }

    /// Everything, for `--json`; the held-out sets as figures only (nobody tunes on them).
    pub fn full(&self) -> serde_json::Value {
        let routing_json = |r: &RoutingReport| serde_json::json!({"messages": r.messages, "threshold": r.threshold, "handoff_accuracy": r.handoff_accuracy, "handoff_precision": r.handoff_precision, "handoff_recall": r.handoff_recall, "handoff_category_accuracy": r.handoff_category_accuracy, "category_accuracy": r.category_accuracy});
        // Sets nobody tunes on (held out, or named by --answers-file) without their failures.
        let answers_figures = |r: &AnswerReport| serde_json::json!({"questions": r.questions, "right_scheme": r.right_scheme, "facts_present": r.facts_present, "wrong_number_answers": r.wrong_number_answers, "by_ask": r.by_ask, "by_lang": r.by_lang});
        serde_json::json!({"summary": self.summary(), "search": self.tuning, "search_holdout": self.held_out, "recommend": self.profiles, "recommend_other": self.other_profiles.iter().map(|(file, p)| serde_json::json!({"file": file, "report": p})).collect::<Vec<_>>(), "routing": self.routing, "routing_holdout": self.routing_held_out.as_ref().map(routing_json), "answers": self.answers, "answers_holdout": self.answers_held_out.as_ref().map(answers_figures), "answers_other": self.other_answers.iter().map(|(file, r)| serde_json::json!({"file": file, "report": answers_figures(r)})).collect::<Vec<_>>()})
    }

    /// Writes `latest.json`, appends the summary to `history.jsonl` and redraws `history.svg`.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        use std::io::Write;
        std::fs::create_dir_all(dir)?;
        let summary = self.summary();
        let full = serde_json::json!({"summary": summary, "search": self.tuning, "recommend": self.profiles});
        std::fs::write(
            dir.join("latest.json"),
            serde_json::to_string_pretty(&full).expect("serialisable"),
        )?;
        let mut history = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("history.jsonl"))?;
        writeln!(history, "{summary}")?;
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(dir.join("history.jsonl"))?
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        let labels: Vec<String> = (1..=lines.len()).map(|i| format!("#{i}")).collect();
        let series_for = |mode: &str| -> Vec<f64> {
            lines
                .iter()
                .map(|l| {
                    l["search"]
                        .as_array()
                        .and_then(|a| a.iter().find(|r| r["mode"] == mode))
                        .and_then(|r| r["ndcg@10"].as_f64())
                        .unwrap_or(0.0)
                })
                .collect()
        };
        let series = ["bm25", "dense", "hybrid"].map(|m| crate::chart::Series {
            name: m,
            points: series_for(m),
        });
        let svg =
            crate::chart::line_chart("nDCG@10 の推移（eval/search.jsonl）", &labels, &series, 1.0);
        std::fs::write(dir.join("history.svg"), svg)
    }
}

/// One point of the fusion grid.
pub struct SweepPoint {
    pub weights: FusionWeights,
    pub ndcg_at_10: f64,
    pub recall_at_5: f64,
    /// nDCG@10 per query language (`style`), for the language parameters.
    pub by_style: std::collections::BTreeMap<String, TagScore>,
}

/// The fusion grid on the tuning set only; query vectors are cached after the first pass.
/// Three grids, each with the other settings as configured: the Japanese weights (lexical
/// weight × vector floor); the English ones (view pooling × English lexical weight × weak-match
/// threshold); やさしい日本語 (its lexical weight); kana only (reading-word weight × lexical
/// weight). Returns the grids and the configured weights.
pub fn sweep_fusion(
    settings: Settings,
    today: NaiveDate,
) -> Result<(Vec<SweepPoint>, FusionWeights), EvaluationError> {
    use super::engine::ViewPooling;
    let mut engine = Engine::build(settings)?;
    let cases: Vec<SearchCase> = read_jsonl(Path::new(SEARCH_TUNING))?;
    let chosen = engine.fusion_weights();
    let mut candidates = Vec::new();
    for vector_floor in [0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85] {
        for lexical in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
            candidates.push(FusionWeights {
                lexical,
                vector_floor,
                ..chosen
            });
        }
    }
    for views in [
        ViewPooling::JapaneseOnly,
        ViewPooling::Best,
        ViewPooling::MeanWithJapanese,
    ] {
        for english_lexical in [0.2, 0.4, 0.6, 0.8, 0.9] {
            for strong_lexical in [0.0, 2.0, 5.0, 10.0, 20.0] {
                candidates.push(FusionWeights {
                    views,
                    english_lexical,
                    strong_lexical,
                    ..chosen
                });
            }
        }
    }
    for easy_lexical in [0.0, 0.5, 1.0, 1.5, 2.0] {
        candidates.push(FusionWeights {
            easy_lexical,
            ..chosen
        });
    }
    for reading_lexical in [0.0, 0.5, 1.0, 2.0, 3.0] {
        for kana_lexical in [0.6, 0.8, 0.9, 1.0] {
            candidates.push(FusionWeights {
                reading_lexical,
                kana_lexical,
                ..chosen
            });
        }
    }
    let mut grid = Vec::new();
    for weights in candidates {
        engine.set_fusion_weights(weights);
        let r = eval_search(&engine, &cases, RankingMode::Hybrid, today)?;
        grid.push(SweepPoint {
            weights,
            ndcg_at_10: r.ndcg_at_10,
            recall_at_5: r.recall_at_5,
            by_style: r.by_style,
        });
    }
    engine.set_fusion_weights(chosen);
    Ok((grid, chosen))
}
