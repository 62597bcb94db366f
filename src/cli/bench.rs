//! `shien bench`: speed, and the side-by-side run against the Python peer.

use super::*;

pub(super) fn bench(
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
    let seed = match scale_seed(&settings, seed_csv) {
        Ok(seed) => seed,
        Err(code) => return code,
    };
    let scale_peer = peer.as_deref().map(|python| crate::bench::ScalePeer {
        python,
        cases: &cases,
    });
    match crate::bench::run(
        settings,
        &queries,
        seed,
        scale,
        json,
        tokyo_today(),
        scale_peer,
    ) {
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
                    let memory = c
                        .peak_rss_mib
                        .map(|m| format!(", peak RSS {m:.1} MiB from the build on"))
                        .unwrap_or_default();
                    println!(
                        "{name}: {} documents, index build {:.2} s{memory}",
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
                if let Some(s) = &report.scale_lexical {
                    print_scale_comparison(s);
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

/// The schemes the scale corpus is made from: the open-data CSV, else the real corpus.
fn scale_seed(
    settings: &Settings,
    seed_csv: Option<PathBuf>,
) -> Result<Option<Vec<crate::domain::Scheme>>, ExitCode> {
    let csv = seed_csv.or_else(|| {
        Some(PathBuf::from("../shared/data/mirasapo/supports.csv")).filter(|p| p.exists())
    });
    match &csv {
        Some(path) => match crate::import::map_csv(path) {
            Ok((schemes, _)) => Ok(Some(schemes)),
            Err(e) => Err(fail(2, &e.to_string())),
        },
        None => Ok(Corpus::load(&settings.corpus_dir, &[])
            .ok()
            .map(|c| c.schemes)),
    }
}

/// `shien bench --lexical-only`: lexical search alone, on the scale or the real corpus.
pub(super) fn bench_lexical(
    settings: Settings,
    json: bool,
    scale: usize,
    seed_csv: Option<PathBuf>,
    rounds: usize,
) -> ExitCode {
    let cases = match crate::app::evaluation::read_jsonl::<crate::app::evaluation::SearchCase>(
        std::path::Path::new(crate::app::evaluation::SEARCH_TUNING),
    ) {
        Ok(cases) => cases,
        Err(e) => return fail(2, &e.to_string()),
    };
    let queries: Vec<String> = cases.into_iter().map(|c| c.query).collect();
    let seed = if scale > 0 {
        match scale_seed(&settings, seed_csv) {
            Ok(seed) => seed,
            Err(code) => return code,
        }
    } else {
        None
    };
    match crate::bench::lexical_only(settings, &queries, seed, scale, rounds, tokyo_today()) {
        Ok(r) if json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&r).expect("serialisable")
            );
            ExitCode::SUCCESS
        }
        Ok(r) => {
            println!(
                "lexical: {} documents, index build {:.2} s (processor {:.2} s), peak RSS {:.1} MiB; the masker's view (first logged search) {:.2} s",
                r.documents, r.build_s, r.build_cpu_s, r.peak_rss_mib, r.mask_lexicon_s
            );
            println!(
                "{} queries × {} rounds: p50 {:.3} ms  p99 {:.3} ms  {:.0} QPS  (processor {:.3} ms per query)",
                r.queries, r.rounds, r.search.p50_ms, r.search.p99_ms, r.qps, r.cpu_ms_per_query
            );
            println!(
                "one scheme edited: built from scratch {:.2} s, rebuilt {:.2} s ({} entries re-analysed, {} reused; analyses kept {:.1} MiB)",
                r.rebuild_from_scratch_s,
                r.rebuild_one_edit_s,
                r.rebuild_entries.analysed,
                r.rebuild_entries.reused,
                r.kept_analyses_mib
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

/// `shien bench --e5-only`: the encoder alone, on the search queries.
pub(super) fn bench_e5(settings: &Settings, json: bool, rounds: usize) -> ExitCode {
    let cases = match crate::app::evaluation::read_jsonl::<crate::app::evaluation::SearchCase>(
        std::path::Path::new(crate::app::evaluation::SEARCH_TUNING),
    ) {
        Ok(cases) => cases,
        Err(e) => return fail(2, &e.to_string()),
    };
    let queries: Vec<String> = cases.into_iter().map(|c| c.query).collect();
    match crate::bench::e5_queries(settings, &queries, rounds) {
        Ok(r) if json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&r).expect("serialisable")
            );
            ExitCode::SUCCESS
        }
        Ok(r) => {
            println!(
                "e5 ({:?}): loaded in {:.0} ms; {} queries × {} rounds, {}–{} tokens (median {})",
                r.weights, r.load_ms, r.queries, r.rounds, r.tokens_min, r.tokens_max, r.tokens_p50
            );
            println!(
                "query encoding: p50 {:.3} ms  p99 {:.3} ms  mean {:.3} ms  (processor {:.3} ms per query)",
                r.encoding.p50_ms, r.encoding.p99_ms, r.mean_ms, r.cpu_ms_per_query
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

pub(super) fn print_peer_comparison(c: &crate::bench::PeerComparison) {
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

pub(super) fn print_scale_comparison(s: &crate::bench::ScaleSideBySide) {
    let ratio = if s.peer.qps > 0.0 {
        s.ours.qps / s.peer.qps
    } else {
        0.0
    };
    println!(
        "\nlexical search on the {}-document scale corpus, one thread (ours / peer):",
        s.documents
    );
    println!(
        "  QPS                    {:>12.0} {:>12.0}  ×{:.2}",
        s.ours.qps, s.peer.qps, ratio
    );
    println!(
        "  p50/p99 ms             {:>5.3}/{:<6.3} {:>5.3}/{:<6.3}",
        s.ours.p50_ms, s.ours.p99_ms, s.peer.p50_ms, s.peer.p99_ms
    );
    println!(
        "  our index: {} postings, {:.1} MiB; the peer's build {:.1} s",
        s.postings, s.index_mib, s.peer_build_s
    );
}

/// Appends one line per side-by-side run to eval/results/bench-history.jsonl.
pub(super) fn append_bench_history(
    report: &crate::bench::BenchReport,
    c: &crate::bench::PeerComparison,
) {
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
