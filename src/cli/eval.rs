//! `shien eval`: prints what `app::evaluation` measured, and the masker's figures (`--pii`).

use super::*;

pub(super) struct EvalOptions {
    pub(super) mode: EvalMode,
    pub(super) recommend: bool,
    pub(super) profiles: Vec<PathBuf>,
    pub(super) routing: bool,
    pub(super) routing_files: Vec<PathBuf>,
    pub(super) search_files: Vec<PathBuf>,
    pub(super) answers: bool,
    pub(super) answers_files: Vec<PathBuf>,
    pub(super) extra: Vec<PathBuf>,
    pub(super) json: bool,
    pub(super) today: Option<chrono::NaiveDate>,
    pub(super) no_save: bool,
    pub(super) tuning_only: bool,
    pub(super) compare_embedder: Option<String>,
    pub(super) sweep_fusion: bool,
    pub(super) rankings: Option<PathBuf>,
    pub(super) routing_dump: Option<PathBuf>,
}

pub(super) fn eval(settings: Settings, options: EvalOptions) -> ExitCode {
    use crate::app::evaluation::{self, AnswerReport, EvaluationError};
    use crate::config::{EmbedderKind, RankingMode};
    let today = options.today.unwrap_or_else(tokyo_today);
    let startup_failure = |e: EvaluationError| match e {
        EvaluationError::Engine(crate::app::EngineError::Corpus(
            e @ CorpusError::Invalid { .. },
        )) => fail(1, &e.to_string()),
        other => fail(2, &other.to_string()),
    };
    if options.sweep_fusion {
        let (grid, chosen) = match evaluation::sweep_fusion(settings, today) {
            Ok(r) => r,
            Err(e) => return startup_failure(e),
        };
        let styles: Vec<String> = grid
            .first()
            .map(|p| p.by_style.keys().cloned().collect())
            .unwrap_or_default();
        println!(
            "lexical  floor  views               english  strong  easy  reading  kana   nDCG@10  Recall@5{}  (eval/search.jsonl only)",
            styles
                .iter()
                .map(|s| format!("  {s:>8}"))
                .collect::<String>()
        );
        for p in grid {
            let w = p.weights;
            println!(
                "{:>7.2} {:>6.2}  {:<18} {:>8.2} {:>7.1} {:>5.2} {:>8.2} {:>5.2} {:>9.4} {:>9.4}{}",
                w.lexical,
                w.vector_floor,
                format!("{:?}", w.views),
                w.english_lexical,
                w.strong_lexical,
                w.easy_lexical,
                w.reading_lexical,
                w.kana_lexical,
                p.ndcg_at_10,
                p.recall_at_5,
                styles
                    .iter()
                    .map(|s| format!("  {:>8.4}", p.by_style.get(s).map_or(0.0, |t| t.ndcg_at_10)))
                    .collect::<String>()
            );
        }
        println!("configured: {chosen:?}");
        return ExitCode::SUCCESS;
    }
    let modes = match options.mode {
        EvalMode::Bm25 => vec![RankingMode::Bm25],
        EvalMode::Dense => vec![RankingMode::Dense],
        EvalMode::Hybrid => vec![RankingMode::Hybrid],
        EvalMode::All => vec![RankingMode::Bm25, RankingMode::Dense, RankingMode::Hybrid],
    };
    let run = match evaluation::run(
        settings,
        evaluation::EvalOptions {
            modes,
            recommend: options.recommend,
            profile_files: options.profiles,
            routing: options.routing,
            routing_files: options.routing_files,
            search_files: options.search_files,
            answers: options.answers,
            answers_files: options.answers_files,
            extra: options.extra,
            today,
            compare_embedder: options.compare_embedder,
            held_out: !options.tuning_only,
        },
    ) {
        Ok(r) => r,
        Err(e) => return startup_failure(e),
    };
    for m in &run.skipped {
        eprintln!("skipping {m:?}: no embedder loaded");
    }
    if let Some(file) = &options.rankings
        && let Err(e) = write_rankings(&run, file)
    {
        return fail(2, &format!("{}: {e}", file.display()));
    }
    if let Some(file) = &options.routing_dump
        && let Err(e) = write_routing_dump(&run, file)
    {
        return fail(2, &format!("{}: {e}", file.display()));
    }
    if !options.no_save
        && let Err(e) = run.save(std::path::Path::new("eval/results"))
    {
        eprintln!("warning: could not save eval results: {e}");
    }
    if options.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&run.full()).expect("serialisable")
        );
        return ExitCode::SUCCESS;
    }
    println!(
        "{:<9} {:<8} {:<8} {:>7} {:>9} {:>9} {:>8}",
        "set", "embedder", "mode", "queries", "nDCG@10", "Recall@5", "MRR@10"
    );
    let name = |k: EmbedderKind| {
        serde_json::to_value(k)
            .expect("serialisable")
            .as_str()
            .unwrap_or("?")
            .to_string()
    };
    let rows = run
        .tuning
        .iter()
        .map(|r| ("tuning", run.embedder, r))
        .chain(run.held_out.iter().map(|r| ("held-out", run.embedder, r)))
        .chain(run.compared.iter().map(|(set, kind, r)| (*set, *kind, r)));
    for (set, kind, r) in rows {
        println!(
            "{:<9} {:<8} {:<8} {:>7} {:>9.4} {:>9.4} {:>8.4}",
            set,
            name(kind),
            format!("{:?}", r.mode).to_lowercase(),
            r.queries,
            r.ndcg_at_10,
            r.recall_at_5,
            r.mrr_at_10
        );
    }
    // Tuning figures by query language (the `style` of the queries written in English,
    // やさしい日本語 or kana only).
    for r in &run.tuning {
        if r.by_style.is_empty() {
            continue;
        }
        println!("\ntuning by style ({:?}):", r.mode);
        for (style, score) in &r.by_style {
            println!(
                "  {:<8} {:>3} queries  nDCG@10 {:.4}  Recall@5 {:.4}  MRR@10 {:.4}  answer in top 5 {:.4}",
                style,
                score.queries,
                score.ndcg_at_10,
                score.recall_at_5,
                score.mrr_at_10,
                score.answer_at_5
            );
        }
    }
    // Held-out figures by query style; its failures are deliberately not listed (nobody tunes on it).
    let held_out_rows = run
        .held_out
        .iter()
        .filter(|r| r.mode == RankingMode::Hybrid)
        .map(|r| (run.embedder, r))
        .chain(
            run.compared
                .iter()
                .filter(|(set, _, _)| *set == "held-out")
                .map(|(_, k, r)| (*k, r)),
        );
    for (kind, r) in held_out_rows {
        println!(
            "\nheld-out Recall@5 by style ({}, {:?}):",
            name(kind),
            r.mode
        );
        for (tag, score) in &r.by_tag {
            println!(
                "  {:<10} {:>3} queries  Recall@5 {:.4}  nDCG@10 {:.4}",
                tag, score.queries, score.recall_at_5, score.ndcg_at_10
            );
        }
    }
    // Other sets (--search-file FILE): figures by mode and style, no failures (one may be held out).
    for (file, reports) in &run.other_search {
        println!("\nsearch ({}):", file.display());
        for r in reports {
            println!(
                "  {:<8} {:>4} queries  nDCG@10 {:.4}  Recall@5 {:.4}  MRR@10 {:.4}",
                format!("{:?}", r.mode).to_lowercase(),
                r.queries,
                r.ndcg_at_10,
                r.recall_at_5,
                r.mrr_at_10
            );
            for (style, score) in &r.by_style {
                println!(
                    "    {:<10} {:>3} queries  nDCG@10 {:.4}  Recall@5 {:.4}",
                    style, score.queries, score.ndcg_at_10, score.recall_at_5
                );
            }
        }
    }
    if let Some(best) = run
        .tuning
        .iter()
        .max_by(|a, b| a.ndcg_at_10.total_cmp(&b.ndcg_at_10))
    {
        println!(
            "\nfailures of {:?} (answer not in top 5): {}",
            best.mode,
            best.failures.len()
        );
        for f in best.failures.iter().take(15) {
            println!(
                "  {} {} -> expected {:?}, got {:?}",
                f.id,
                f.query,
                f.expected,
                f.got.iter().take(3).collect::<Vec<_>>()
            );
        }
    }
    for (name, report) in [
        ("routing", &run.routing),
        (
            "routing, tuning by cross-validation (other folds in the example store)",
            &run.routing_folds,
        ),
        (
            "routing, tuning by writer (each writer routed by what the others wrote)",
            &run.routing_writers,
        ),
        ("routing, held out", &run.routing_held_out),
    ] {
        let Some(r) = report else { continue };
        print_routing(name, r);
        // Mistakes are listed for the tuning set only: nobody tunes on the held-out set.
        if name == "routing" {
            for m in r.mistakes.iter().take(60) {
                println!("  expected {} got {}: {}", m.expected, m.got, m.message);
            }
        }
    }
    // Other sets (--routing-file FILE) report figures only: one may be held out.
    for (file, r) in &run.other_routing {
        print_routing(&format!("routing ({})", file.display()), r);
    }
    // A named file is a tuning set when its name says so (answers-tuning-2.jsonl); any other
    // may be held out.
    let other_answers: Vec<(String, Option<&AnswerReport>, bool)> = run
        .other_answers
        .iter()
        .map(|(file, r)| {
            let tuning = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("answers-tuning"));
            (format!("answers ({})", file.display()), Some(r), tuning)
        })
        .collect();
    let answer_sets = [
        ("answers".to_string(), run.answers.as_ref(), true),
        (
            "answers, held out".to_string(),
            run.answers_held_out.as_ref(),
            false,
        ),
    ]
    .into_iter()
    .chain(other_answers);
    for (name, report, tuning) in answer_sets {
        let Some(r) = report else { continue };
        // Facts per language beside the total: ja, easy and en questions are asked from the
        // interface of their language.
        let facts_by_lang = r
            .by_lang
            .iter()
            .map(|(lang, s)| format!("{lang} {:.4}", s.facts_present))
            .collect::<Vec<_>>()
            .join(", ");
        println!(
            "\n{name}: {} questions: right scheme cited {:.4}, required facts present {:.4} ({facts_by_lang}), answers stating a wrong number {}",
            r.questions, r.right_scheme, r.facts_present, r.wrong_number_answers
        );
        let by =
            |m: &std::collections::BTreeMap<String, crate::app::evaluation::answers::AskScore>| {
                m.iter()
                    .map(|(k, s)| format!("{k} {:.2} ({})", s.facts_present, s.questions))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
        println!("  facts by ask: {}", by(&r.by_ask));
        println!("  facts by language: {}", by(&r.by_lang));
        // Failures are listed for the tuning sets only: nobody tunes on a held-out set.
        if tuning {
            for f in r.failures.iter().take(60) {
                println!(
                    "  {} {} -> read as {:?} expected {} cited {:?} missing {:?} wrong numbers {:?}\n    {}",
                    f.id,
                    f.question,
                    f.read_as,
                    f.expected_scheme,
                    f.cited,
                    f.missing,
                    f.wrong_numbers,
                    f.reply.replace('\n', " / ")
                );
            }
        }
    }
    if let Some(p) = &run.profiles {
        println!(
            "\nrecommender: {} profiles, must_include recall@15 {:.4}, must_exclude violations {}",
            p.profiles, p.must_include_recall_at_15, p.must_exclude_violations
        );
        for m in p.misses.iter().take(15) {
            println!(
                "  {} missing {:?} wrongly recommended {:?}",
                m.id, m.missing, m.wrongly_recommended
            );
        }
    }
    // Other sets (--profiles FILE) report figures only: a held-out set's misses are not listed.
    for (file, p) in &run.other_profiles {
        println!(
            "\nrecommender ({}): {} profiles, must_include recall@15 {:.4}, must_exclude violations {}",
            file.display(),
            p.profiles,
            p.must_include_recall_at_15,
            p.must_exclude_violations
        );
    }
    ExitCode::SUCCESS
}

pub(super) const PII_HOLDOUT: &str = "eval/pii-holdout.jsonl";

pub(super) fn eval_pii(
    settings: &Settings,
    file: &std::path::Path,
    dump: Option<&std::path::Path>,
    json: bool,
) -> ExitCode {
    use crate::app::evaluation::pii;
    if dump.is_some() && !pii::may_dump(file) {
        return fail(
            2,
            &format!(
                "{}: a held-out set is not dumped (its texts are not for the masker's author)",
                file.display()
            ),
        );
    }
    let analyzer = match maintenance::mask_lexicon(settings) {
        Ok(a) => a,
        Err(e) => return fail(2, &e.to_string()),
    };
    let cases: Vec<crate::app::evaluation::pii::PiiCase> =
        match crate::app::evaluation::read_jsonl(file) {
            Ok(c) => c,
            Err(e) => return fail(2, &e.to_string()),
        };
    let (r, rows) = pii::eval_pii_with_misses(&cases, &analyzer);
    if let Some(path) = dump {
        let mut body = String::new();
        for row in rows {
            body.push_str(&serde_json::to_string(&row).expect("serialisable"));
            body.push('\n');
        }
        if let Err(e) = std::fs::write(path, body) {
            return fail(2, &format!("{}: {e}", path.display()));
        }
    }
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).expect("serialisable")
        );
        return ExitCode::SUCCESS;
    }
    println!("{} ({} messages)", file.display(), r.messages);
    println!(
        "{:<10} {:>6} {:>7} {:>8}",
        "kind", "items", "caught", "recall"
    );
    for (kind, k) in &r.by_kind {
        println!(
            "{kind:<10} {:>6} {:>7} {:>8.4}",
            k.items, k.caught, k.recall
        );
    }
    println!(
        "{:<10} {:>6} {:>7} {:>8.4}",
        "all",
        r.by_kind.values().map(|k| k.items).sum::<usize>(),
        r.by_kind.values().map(|k| k.caught).sum::<usize>(),
        r.recall
    );
    println!(
        "clean messages {}: false positives {} (rate {:.4})",
        r.clean_messages, r.false_positives, r.false_positive_rate
    );
    ExitCode::SUCCESS
}

/// `shien eval --judgments`: every approved judgment's query, searched as the server searches
/// today (approved aliases and synonyms included, nothing logged); exit 1 when an answer is
/// no longer in the top 5.
pub(super) fn eval_judgments(settings: Settings) -> ExitCode {
    let report = with_app(settings, async |app| {
        app.judgment_regressions()
            .await
            .map_err(|e| fail(2, &e.to_string()))
    });
    let report = match report {
        Ok(r) => r,
        Err(code) => return code,
    };
    for case in &report.cases {
        let j = &case.judgment;
        let verdict = match (case.checked, case.rank) {
            (false, _) => "not searched".to_string(),
            (true, Some(rank)) => format!("ok (rank {rank})"),
            (true, None) => "BROKEN (not in the top 5)".to_string(),
        };
        println!(
            "{verdict:<26} {} {}  <- {}  [{}]",
            j.answer.kind(),
            j.answer.id().unwrap_or("-"),
            j.query,
            j.id
        );
    }
    let broken = report.broken().len();
    println!(
        "{} approved judgments: {} searched, {} not searchable (desks, no such scheme); {broken} of {} broken",
        report.cases.len(),
        report.checked(),
        report.cases.len() - report.checked(),
        report.checked()
    );
    if broken > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One JSON line per set, mode and query: what `--rankings FILE` asks for.
fn write_rankings(
    run: &crate::app::evaluation::EvalRun,
    file: &std::path::Path,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    let reports = run
        .tuning
        .iter()
        .map(|r| ("tuning", r))
        .chain(run.held_out.iter().map(|r| ("held-out", r)));
    for (set, report) in reports {
        for ranking in &report.rankings {
            let line = serde_json::json!({"set": set, "mode": report.mode, "query": ranking});
            writeln!(out, "{line}")?;
        }
    }
    out.flush()
}

/// One JSON line per tuning message and way of routing it: what `--routing-dump FILE` asks
/// for. Only the tuning set: nobody reads the held-out set message by message.
fn write_routing_dump(
    run: &crate::app::evaluation::EvalRun,
    file: &std::path::Path,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    let reports = [
        ("rules", &run.routing),
        ("cross-validation", &run.routing_folds),
        ("by-writer", &run.routing_writers),
    ];
    for (way, report) in reports {
        let Some(report) = report else { continue };
        for decision in &report.decisions {
            let line = serde_json::json!({"set": crate::app::evaluation::ROUTING_TUNING, "way": way, "decision": decision});
            writeln!(out, "{line}")?;
        }
    }
    out.flush()
}

/// One routing set's figures on one line.
fn print_routing(name: &str, r: &crate::app::evaluation::RoutingReport) {
    println!(
        "\n{name}: {} messages, threshold {:.2}: hand-off accuracy {:.4}, precision {:.4}, recall {:.4}, category accuracy {:.4} (hand-offs) / {:.4} (all)",
        r.messages,
        r.threshold,
        r.handoff_accuracy,
        r.handoff_precision,
        r.handoff_recall,
        r.handoff_category_accuracy,
        r.category_accuracy
    );
}
