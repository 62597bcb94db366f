//! `shien pii train`: cross-validates the name tagger over the PII tuning sets, trains it on
//! all of them with the thresholds CV chose, and writes the weights file.

use super::*;
use crate::app::evaluation::name_tagger::{
    Counts, CvRow, Setup, TUNING_FILES, analyse_cases, cross_validate, in_sample, tagger_for,
};
use crate::app::evaluation::pii::PiiCase;
use crate::domain::masking::tagger::{RulesOnly, WithTagger};
use indicatif::{ProgressBar, ProgressStyle};

fn bar(len: usize, label: &str) -> ProgressBar {
    let b = ProgressBar::new(len as u64);
    b.set_style(
        ProgressStyle::with_template("{msg:24} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    b.set_message(label.to_string());
    b
}

fn figures(c: &Counts) -> String {
    format!(
        "{:.4} ({:>4}/{:<4}) fp {:.4} ({:>2}/{:<4}, names {:>2})",
        c.recall(),
        c.caught,
        c.names,
        c.fp_rate(),
        c.false_positives,
        c.clean,
        c.name_false_positives
    )
}

fn print_row(row: &CvRow) {
    println!("{}", row.setup.label());
    for (file, fold) in TUNING_FILES.iter().zip(&row.folds) {
        println!("    {file:<26} {}", figures(fold));
    }
    println!("    {:<26} {}", "pooled", figures(&row.pooled));
}

pub(super) fn train(settings: &Settings, out: &std::path::Path, options: TrainOptions) -> ExitCode {
    let lexicon = match maintenance::mask_lexicon(settings) {
        Ok(l) => l,
        Err(e) => return fail(2, &e.to_string()),
    };
    let mut files: Vec<Vec<PiiCase>> = Vec::new();
    for file in TUNING_FILES {
        match crate::app::evaluation::read_jsonl(std::path::Path::new(file)) {
            Ok(c) => files.push(c),
            Err(e) => return fail(2, &e.to_string()),
        }
    }
    // The published FAQs join every fold's training as clean messages (never a fold of their
    // own): the tagger must not mask the ward's own words.
    let published: Vec<PiiCase> = match maintenance::published_faq_texts(settings) {
        Ok(texts) => texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| PiiCase {
                id: format!("published-{i}"),
                text,
                items: Vec::new(),
            })
            .collect(),
        Err(e) => return fail(2, &e.to_string()),
    };
    let with_published: Vec<Vec<PiiCase>> = files
        .iter()
        .cloned()
        .chain(std::iter::once(published))
        .collect();
    let messages: usize = with_published.iter().map(Vec::len).sum();
    let b = bar(messages, "analysing messages");
    let cases = analyse_cases(&with_published, &lexicon, &mut || b.inc(1));
    b.finish();
    let b = bar(files.len(), "cross-validating");
    let cv = cross_validate(&cases, files.len(), &lexicon, &options, &mut |_| b.inc(1));
    b.finish();

    println!(
        "\nleave-one-file-out CV: name recall (caught/names), false positives on clean messages \
         (any kind; of them, a name masked)"
    );
    let row = |setup: Setup| cv.rows.iter().find(|r| r.setup == setup).expect("tried");
    let rules = row(Setup::Rules);
    print_row(rules);
    print_row(row(cv.best_alone));
    print_row(row(cv.best_union_no_drop));
    if cv.best_union != cv.best_union_no_drop {
        print_row(row(cv.best_union));
    }
    println!("\nthreshold sweep (pooled):");
    for r in &cv.rows {
        if r.setup != Setup::Rules {
            println!("  {:<58} {}", r.setup.label(), figures(&r.pooled));
        }
    }

    println!("\nthe chosen setup through the whole masker (every pass), per held-out file:");
    for (file, (r, t)) in TUNING_FILES.iter().zip(&cv.whole_masker) {
        println!("  rules         {file:<26} {}", figures(r));
        println!("  rules+tagger  {file:<26} {}", figures(t));
    }
    let (mut r, mut t) = (Counts::default(), Counts::default());
    for (a, b) in &cv.whole_masker {
        r.names += a.names;
        r.caught += a.caught;
        r.clean += a.clean;
        r.false_positives += a.false_positives;
        t.names += b.names;
        t.caught += b.caught;
        t.clean += b.clean;
        t.false_positives += b.false_positives;
    }
    println!("  rules         {:<26} {}", "pooled", figures(&r));
    println!("  rules+tagger  {:<26} {}", "pooled", figures(&t));

    let better = t.recall() > r.recall() && t.fp_rate() < r.fp_rate();
    println!(
        "\nchosen: {} — better than the rules on both recall and false positives in CV \
         (whole masker): {}",
        cv.best_union.label(),
        if better { "yes" } else { "no" }
    );

    let all: Vec<_> = cases.iter().collect();
    let b = bar(options.epochs, "training on all of them");
    let Some(mut trained) = tagger_for(cv.best_union, &all, &options, &mut |_| b.inc(1)) else {
        return fail(1, "no union setup was chosen");
    };
    if let Some(key) = lexicon.encoder_key() {
        trained = trained.for_encoder(&key);
    }
    b.finish();
    let file = trained.to_file();
    // What ships is what the file says (pruned, in thousandths): measure that.
    let tagger = match crate::domain::masking::NameTagger::parse(&file) {
        Ok(t) => t,
        Err(e) => return fail(1, &e.to_string()),
    };
    if let Err(e) = std::fs::write(out, &file) {
        return fail(2, &format!("{}: {e}", out.display()));
    }
    println!(
        "wrote {} ({} bytes, {} weights)",
        out.display(),
        file.len(),
        tagger.nonzero()
    );

    println!("\nin sample (the tagger was trained on these files), whole masker:");
    println!(
        "{:<26} {:>28} {:>28}",
        "file", "rules: name recall / fp", "rules+tagger: recall / fp"
    );
    for (file, (r, t)) in TUNING_FILES
        .iter()
        .zip(in_sample(&files, &lexicon, &tagger))
    {
        let name = |p: &crate::app::evaluation::pii::PiiReport| {
            p.by_kind.get("name").map_or(0.0, |k| k.recall)
        };
        println!(
            "{file:<26} {:>18.4} / {:.4} {:>18.4} / {:.4}",
            name(&r),
            r.false_positive_rate,
            name(&t),
            t.false_positive_rate
        );
    }

    let texts: Vec<&str> = files.iter().flatten().map(|c| c.text.as_str()).collect();
    let time = |lexicon: &dyn crate::domain::masking::Lexicon| {
        let started = std::time::Instant::now();
        for t in &texts {
            std::hint::black_box(crate::domain::masking::mask(t, lexicon));
        }
        started.elapsed()
    };
    let rules_time = time(&RulesOnly(&lexicon));
    let tagger_time = time(&WithTagger {
        lexicon: &lexicon,
        tagger: &tagger,
    });
    println!(
        "\nmasking the {} messages: rules {:.0} ms, rules+tagger {:.0} ms",
        texts.len(),
        rules_time.as_secs_f64() * 1000.0,
        tagger_time.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}
