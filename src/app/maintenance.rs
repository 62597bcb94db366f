//! Looking after the inquiry log: retention, re-masking with a better masker, and SQLite
//! backups. These need the log database (and for re-masking the dictionary), not the search
//! engine, so they open only what they use.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::engine::MaskLexicon;
use crate::config::Settings;
use crate::domain::{Corpus, CorpusError};
use crate::store::{RemaskReport, Store, StoreError, backup};
use crate::text::{Analyzer, TextError};

#[derive(Debug, thiserror::Error)]
pub enum MaintenanceError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(transparent)]
    Embed(#[from] crate::embed::EmbedError),
    #[error("--older-than: give a number of days (0 or more)")]
    NegativeDays,
    #[error("{0}")]
    NotSqlite(&'static str),
}

type Result<T> = std::result::Result<T, MaintenanceError>;

/// The masker as the service runs it (dictionary and published office addresses), without
/// building the search indexes.
pub fn mask_lexicon(settings: &Settings) -> Result<MaskLexicon> {
    let analyzer = Analyzer::load(&settings.dictionary_dir())?;
    let corpus = Corpus::load(&settings.corpus_dir, &settings.extra_corpus_dirs)?;
    let encoder: Option<Arc<dyn crate::embed::Embedder>> =
        if settings.embedder == crate::config::EmbedderKind::E5 {
            Some(Arc::new(crate::embed::E5Embedder::load(
                &settings.e5_model_file(),
                settings.e5_weights,
            )?))
        } else {
            None
        };
    Ok(MaskLexicon::new(Arc::new(analyzer), &corpus)
        .with_name_tagger(settings.name_tagger)
        .with_encoder(encoder))
}

/// The FAQ questions and answers the ward publishes: text the masker must leave whole (the
/// name tagger learns from them as clean messages).
pub fn published_faq_texts(settings: &Settings) -> Result<Vec<String>> {
    let corpus = Corpus::load(&settings.corpus_dir, &settings.extra_corpus_dirs)?;
    Ok(corpus
        .faqs
        .iter()
        .flat_map(|f| [f.question.clone(), f.answer.clone()])
        .collect())
}

async fn store(settings: &Settings) -> Result<Store> {
    Ok(Store::connect(settings.database_url.expose()).await?)
}

/// Deletes inquiries older than `days` (with their feedback and closed tickets) and expired
/// chat sessions. Returns (inquiries, sessions) removed.
pub async fn purge(settings: &Settings, days: i64) -> Result<(u64, u64)> {
    if days < 0 {
        return Err(MaintenanceError::NegativeDays);
    }
    let store = store(settings).await?;
    let inquiries = store.purge_older_than(days).await?;
    let sessions = store.purge_chat_sessions(chrono::Utc::now()).await?;
    Ok((inquiries, sessions))
}

/// Runs today's masker again over every stored text (`dry_run`: count only).
pub async fn remask(settings: &Settings, dry_run: bool) -> Result<RemaskReport> {
    let lexicon = mask_lexicon(settings)?;
    let store = store(settings).await?;
    let remask = |text: &str| crate::domain::masking::remask(text, &lexicon);
    Ok(store.remask(&remask, dry_run).await?)
}

/// Copies the SQLite log to `dest` and checks the copy; returns the inquiries it holds.
pub async fn backup_log(settings: &Settings, dest: &Path) -> Result<i64> {
    let url = settings.database_url.expose();
    if backup::sqlite_file(url).is_none() {
        return Err(MaintenanceError::NotSqlite(
            "logs backup copies a SQLite log; for PostgreSQL use pg_dump (see README, Backups)",
        ));
    }
    let store = store(settings).await?;
    store.backup_to(dest).await?;
    Ok(backup::verify_backup(dest).await?)
}

/// Replaces the SQLite log with a checked backup. Returns the log file and where the replaced
/// one is kept (if there was one).
pub async fn restore_log(settings: &Settings, src: &Path) -> Result<(PathBuf, Option<PathBuf>)> {
    let Some(db) = backup::sqlite_file(settings.database_url.expose()) else {
        return Err(MaintenanceError::NotSqlite(
            "logs restore replaces a SQLite log; for PostgreSQL use pg_restore or psql (see README, Backups)",
        ));
    };
    let kept = backup::restore_from(src, &db).await?;
    Ok((db, kept))
}
