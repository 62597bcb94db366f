//! `shien setup`, `shien corpus check [--strict]`, `shien index build`, `shien import mirasapo`.

use std::collections::HashSet;

use super::*;
use crate::domain::Lang;
use crate::domain::corpus::translation::{self, TranslationReport};

pub(super) fn index_build(settings: Settings) -> ExitCode {
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

pub(super) fn corpus_check(settings: &Settings, strict: bool) -> ExitCode {
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
            if strict {
                let unstructured = corpus.strict_problems();
                if !unstructured.is_empty() {
                    println!(
                        "strict: {} conditions or requirements line(s) hold a rule no field holds:",
                        unstructured.len()
                    );
                    for p in &unstructured {
                        println!("  {p}");
                    }
                    return ExitCode::from(1);
                }
                println!(
                    "strict: every rule in conditions, and every prerequisite, has a structured field"
                );
            }
            println!(
                "furigana overrides: {} words (i18n/readings.toml)",
                corpus.translations.readings.words().len()
            );
            let report = corpus.translation_report();
            print_translation_report(&report);
            if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => fail(1, &e.to_string()),
    }
}

fn print_translation_report(report: &TranslationReport) {
    use crate::domain::corpus::translation::EntryKind;
    for l in &report.langs {
        let (schemes, all_schemes) = l.count(EntryKind::Scheme);
        let (faqs, all_faqs) = l.count(EntryKind::Faq);
        let (desks, all_desks) = l.count(EntryKind::Desk);
        println!(
            "translations {:<4} current: schemes {schemes}/{all_schemes}, FAQs {faqs}/{all_faqs}, desks {desks}/{all_desks}; missing {}, stale {}, unstamped {}",
            l.lang.code(),
            l.missing.len(),
            l.stale.len(),
            l.unstamped.len()
        );
        for (kind, id) in &l.missing {
            println!("  {} missing: {} {id}", l.lang, kind.as_str());
        }
        for o in &l.stale {
            println!(
                "  {} stale (the Japanese changed; update the translation, then `shien corpus i18n stamp --id {}`): {o}",
                l.lang, o.id
            );
        }
        for o in &l.unstamped {
            println!(
                "  {} unstamped (review it, then `shien corpus i18n stamp`): {o}",
                l.lang
            );
        }
    }
}

pub(super) fn i18n_stamp(settings: &Settings, lang: Option<&str>, ids: Vec<String>) -> ExitCode {
    let corpus = match Corpus::load(&settings.corpus_dir, &settings.extra_corpus_dirs) {
        Ok(c) => c,
        Err(e) => return fail(1, &e.to_string()),
    };
    let lang = lang.and_then(Lang::parse);
    let restamp: HashSet<String> = ids.into_iter().collect();
    for id in &restamp {
        if corpus.scheme(id).is_none() && corpus.faq(id).is_none() && corpus.desk(id).is_none() {
            return fail(2, &format!("--id {id}: no scheme, FAQ or desk has this id"));
        }
    }
    let dir = settings.corpus_dir.join("i18n");
    match translation::stamp(&dir, &corpus, lang, &restamp) {
        Ok(report) => {
            for (file, n) in &report.files {
                println!("{}: {n} stamped", file.display());
            }
            println!("{} translation(s) stamped", report.entries());
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, &e.to_string()),
    }
}

pub(super) fn setup(settings: &Settings, source: &std::path::Path, force: bool) -> ExitCode {
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

pub(super) fn import_mirasapo(csv: &std::path::Path, out: &std::path::Path) -> ExitCode {
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
