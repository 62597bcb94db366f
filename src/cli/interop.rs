//! `shien export mirasapo|jgrants` and `shien import jgrants`: thin glue; the formats live in
//! `crate::interop`.

use std::path::Path;

use super::*;
use crate::domain::Level;
use crate::interop::{jgrants, mirasapo, selected};

pub(super) fn export(settings: &Settings, format: ExportFormat) -> ExitCode {
    let (level, out, today, write): (_, _, _, fn(&[&crate::domain::Scheme], _, &Path) -> _) =
        match format {
            ExportFormat::Mirasapo { level, out, today } => (level, out, today, mirasapo::export),
            ExportFormat::Jgrants { level, out, today } => (level, out, today, jgrants::export),
        };
    let level = match level.as_deref().map(|l| (l, Level::parse(l))) {
        None => None,
        Some((_, Some(l))) => Some(l),
        Some((l, None)) => {
            return fail(
                2,
                &format!("--level: unknown level {l:?} (ward, tokyo, national)"),
            );
        }
    };
    let corpus = match Corpus::load(&settings.corpus_dir, &[]) {
        Ok(c) => c,
        Err(e) => return fail(1, &e.to_string()),
    };
    let schemes = selected(&corpus.schemes, level);
    match write(&schemes, today.unwrap_or_else(tokyo_today), &out) {
        Ok(()) => {
            if out.as_os_str() != "-" {
                eprintln!("wrote {}", out.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

pub(super) fn import_jgrants(file: &Path, out: &Path) -> ExitCode {
    let (schemes, report) = match jgrants::import_file(file, tokyo_today()) {
        Ok(r) => r,
        Err(e) => return fail(1, &e.to_string()),
    };
    println!(
        "{}: {} records read, {} mapped, {} skipped",
        file.display(),
        report.records,
        report.mapped,
        report.skipped.len()
    );
    for (record, reason) in &report.skipped {
        println!("  skipped {record}: {reason}");
    }
    if let Err(e) =
        crate::import::write_bundle_from(schemes, out, "shien import jgrants", jgrants::ATTRIBUTION)
    {
        return fail(2, &e.to_string());
    }
    println!("wrote {}", out.display());
    println!("{}", jgrants::ATTRIBUTION);
    ExitCode::SUCCESS
}
