//! `shien corpus export DIR` and `shien corpus import DIR`: the database's published corpus to
//! and from the TOML tree, through the application layer (the import is validated first, and
//! an invalid tree changes nothing).

use std::path::Path;

use super::*;
use crate::app::AppError;
use crate::app::corpus_editing::{export_corpus, import_corpus};
use crate::domain::staff::Actor;
use crate::store::Store;

/// Runs `act` on the database the settings name: the corpus moves between the store and the
/// tree without building the search engine.
fn with_store(settings: &Settings, act: impl AsyncFnOnce(&Store) -> ExitCode) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    rt.block_on(async {
        match Store::connect(settings.database_url.expose()).await {
            Ok(store) => act(&store).await,
            Err(e) => fail(2, &format!("database: {e}")),
        }
    })
}

pub(super) fn corpus_export(settings: &Settings, dir: &Path) -> ExitCode {
    with_store(settings, async |store| {
        match export_corpus(store, dir, Actor::CommandLine).await {
            Ok(files) => {
                println!(
                    "wrote {files} files of the published corpus to {}",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => refused(e),
        }
    })
}

pub(super) fn corpus_import(settings: &Settings, dir: &Path) -> ExitCode {
    with_store(settings, async |store| {
        match import_corpus(store, settings, dir, Actor::CommandLine).await {
            Ok(outcome) => {
                println!(
                    "imported {} files from {}: corpus version {} (running servers follow within a few seconds)",
                    outcome.files,
                    dir.display(),
                    outcome.corpus_version
                );
                ExitCode::SUCCESS
            }
            Err(e) => refused(e),
        }
    })
}

/// Invalid data exits 1 (each problem on its own line: file, line, entry, field); anything
/// else 2.
fn refused(e: AppError) -> ExitCode {
    match e {
        AppError::CorpusInvalid { problems } => {
            eprintln!("error: {} problem(s); nothing was stored:", problems.len());
            for p in problems {
                eprintln!("{p}");
            }
            ExitCode::from(1)
        }
        e @ AppError::Invalid { .. } => fail(1, &e.to_string()),
        other => fail(2, &other.to_string()),
    }
}
