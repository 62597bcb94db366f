//! `shien bench`: tokenizer throughput, query embedding time, search latency (p50/p99) for
//! lexical, vector and hybrid ranking on the real corpus and on a synthetic scale corpus,
//! index build time and peak memory. Speed goals live here, never in unit tests.

use std::time::Instant;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::config::{RankingMode, Settings};
use crate::domain::Corpus;
use crate::domain::scheme::Scheme;
use crate::domain::search::{SearchFilters, SearchQuery};
use crate::service::App;
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
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub tokenizer_chars_per_s: f64,
    pub query_embedding_ms: f64,
    pub real: CorpusBench,
    pub scale: Option<CorpusBench>,
    pub peak_rss_mib: f64,
    pub cores: usize,
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
    app: &App,
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
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    Latency {
        mode,
        queries: times.len(),
        p50_ms: round3(percentile(&times, 0.5)),
        p99_ms: round3(percentile(&times, 0.99)),
        mean_ms: round3(mean),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
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

pub fn run(
    settings: Settings,
    queries: &[String],
    scale_seed: Option<Vec<Scheme>>,
    scale_docs: usize,
    quiet: bool,
    today: NaiveDate,
) -> crate::service::Result<BenchReport> {
    let started = Instant::now();
    let app = App::build(settings.clone())?;
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
    let modes: Vec<RankingMode> = if app.has_vectors() {
        vec![RankingMode::Bm25, RankingMode::Dense, RankingMode::Hybrid]
    } else {
        vec![RankingMode::Bm25]
    };
    let real = CorpusBench {
        documents: app.corpus.schemes.len(),
        build_s: round3(real_build),
        search: modes
            .iter()
            .map(|m| latencies(&app, queries, *m, today, quiet))
            .collect(),
    };
    let scale = match scale_seed {
        Some(seed) if scale_docs > 0 => {
            let schemes = scale_corpus(&seed, scale_docs);
            let documents = schemes.len();
            if !quiet {
                eprintln!("building the scale index over {documents} documents …");
            }
            let t = Instant::now();
            let corpus = Corpus::new(
                schemes,
                vec![],
                vec![],
                app.corpus.synonyms.clone(),
                Default::default(),
            );
            let analyzer = Analyzer::load(&settings.dictionary_dir())?;
            let big = App::from_parts(settings, corpus, analyzer)?;
            let build_s = round3(t.elapsed().as_secs_f64());
            Some(CorpusBench {
                documents,
                build_s,
                search: modes
                    .iter()
                    .map(|m| latencies(&big, queries, *m, today, quiet))
                    .collect(),
            })
        }
        _ => None,
    };
    Ok(BenchReport {
        tokenizer_chars_per_s: tokenizer_chars_per_s.round(),
        query_embedding_ms: round3(query_embedding_ms),
        real,
        scale,
        peak_rss_mib: peak_rss_mib(),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}
