//! The published corpus lives in the database, and every replica serves it: seeded from the
//! TOML tree at first start, replaced whole when an editor publishes, watched by every
//! server so that a publish shows everywhere within [`CORPUS_POLL`] and the rebuild.
//!
//! What happens when the checkout's TOML tree (`corpus_dir`) differs from what was seeded:
//! - an empty database is seeded from the tree (corpus version 1);
//! - when the tree changed since it was seeded (or last imported) and nobody has published
//!   from the console since, the tree is seeded again as a new corpus version, so a deploy
//!   with corpus changes needs no extra step;
//! - when editors have published since, the database wins: the server serves the database's
//!   corpus and logs a warning naming `shien corpus export` (to bring the edits into the
//!   checkout) and `shien corpus import` (to replace them by the checkout's tree).
//!
//! A server whose engine was built from a tree other than the database's rebuilds it from the
//! database at start-up, and again whenever the corpus version moves. A rebuilt engine shares
//! the dictionary, takes every unchanged entry's analysis from the engine it replaces (only
//! changed texts are analysed again), takes passage vectors from the on-disk cache keyed by
//! text checksum (only changed texts are encoded) and sends Qdrant only the changed points;
//! what was learned from judgments is taught to it before it is swapped in. Requests in flight
//! keep the engine they started with.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use tracing::{info, warn};

use super::judgments::learn_from;
use super::{App, AppError, Engine, Result};
use crate::domain::corpus::CorpusTree;
use crate::store::Store;

/// How often a server checks whether a new corpus was published.
pub const CORPUS_POLL: Duration = Duration::from_secs(1);

/// Who the seed and the re-seed are recorded as in the entries' history.
pub const SEED_AUTHOR: &str = "（TOMLの初期データ）";

/// Which published corpus this server's engine was built from.
pub(super) struct LiveCorpus {
    /// False when the engine was not built from a corpus folder: nothing is seeded or watched.
    on: bool,
    version: AtomicI64,
    /// The checksum of the tree the engine was built from.
    checksum: std::sync::Mutex<String>,
    /// One rebuild at a time.
    reloading: tokio::sync::Mutex<()>,
}

impl LiveCorpus {
    fn new(on: bool, version: i64, checksum: String) -> LiveCorpus {
        LiveCorpus {
            on,
            version: AtomicI64::new(version),
            checksum: std::sync::Mutex::new(checksum),
            reloading: tokio::sync::Mutex::new(()),
        }
    }

    pub(super) fn on(&self) -> bool {
        self.on
    }

    fn checksum(&self) -> String {
        self.checksum
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn set_checksum(&self, checksum: String) {
        *self
            .checksum
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = checksum;
    }
}

/// Seeds (or re-seeds) the database's corpus as the module doc says, and returns the engine
/// for the database's published corpus: `engine` itself when it was built from that tree.
pub(super) async fn start(store: &Store, engine: Engine) -> Result<(Engine, LiveCorpus)> {
    let dir = engine.settings.corpus_dir.clone();
    let tree = match CorpusTree::read(&dir) {
        Ok(tree) if !tree.is_empty() => tree,
        _ => {
            info!(dir = %dir.display(), "no corpus folder: console editing is off");
            return Ok((engine, LiveCorpus::new(false, 0, String::new())));
        }
    };
    let checksum = tree.checksum();
    let state = match store.corpus_state().await? {
        None => {
            if store.seed_corpus(&tree, SEED_AUTHOR).await? {
                info!(
                    files = tree.len(),
                    "corpus seeded into the database from the TOML tree"
                );
            }
            store.corpus_state().await?
        }
        Some(s) if s.seeded_checksum != checksum && !s.edited => {
            let version = store
                .replace_corpus(&tree, SEED_AUTHOR, "取り込み（TOMLの変更を反映）")
                .await?;
            info!(
                version,
                "the TOML tree changed since it was seeded: seeded again"
            );
            store.corpus_state().await?
        }
        Some(s) => {
            if s.seeded_checksum != checksum {
                warn!(
                    dir = %dir.display(),
                    "the corpus folder changed since it was seeded, but editors have published in \
                     the console since: serving the database's corpus. Run `shien corpus export DIR` \
                     to bring the edits into the checkout, or `shien corpus import {}` to replace \
                     them with the folder",
                    dir.display()
                );
            }
            Some(s)
        }
    };
    let version = state.map_or(0, |s| s.version);
    let published = store.published_tree().await?;
    let published_checksum = published.checksum();
    let engine = if published_checksum == checksum {
        engine
    } else {
        info!("the database's corpus differs from the folder: building the engine from it");
        tokio::task::spawn_blocking(move || engine.rebuilt(&published))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))??
    };
    Ok((engine, LiveCorpus::new(true, version, published_checksum)))
}

impl App {
    /// The corpus version this server serves (0 when editing is off).
    pub fn corpus_version(&self) -> i64 {
        self.live.version.load(Ordering::Acquire)
    }

    /// Swaps in an engine for the database's published corpus when its version moved since
    /// the last look (another replica published, or this one). True when the engine changed.
    pub async fn refresh_corpus(&self) -> Result<bool> {
        if !self.live.on {
            return Ok(false);
        }
        let Some(state) = self.store.corpus_state().await? else {
            return Ok(false);
        };
        if state.version == self.corpus_version() {
            return Ok(false);
        }
        let _one = self.live.reloading.lock().await;
        if state.version == self.corpus_version() {
            return Ok(false);
        }
        let tree = self.store.published_tree().await?;
        let checksum = tree.checksum();
        if checksum == self.live.checksum() {
            self.live.version.store(state.version, Ordering::Release);
            return Ok(false);
        }
        let started = Instant::now();
        let old = self.engine();
        // The masker's view too, before the swap: no caller waits for it.
        let built = tokio::task::spawn_blocking(move || {
            old.rebuilt(&tree).inspect(|engine| {
                engine.mask_lexicon();
            })
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
        // A corpus that cannot be built is not retried every second: the next publish is.
        self.live.version.store(state.version, Ordering::Release);
        let engine = built?;
        let judgments = self.store.judgments_version().await?;
        learn_from(&self.store, &engine, judgments).await?;
        let stats = engine.vector_cache_stats();
        let report = engine.build_report().clone();
        let entries = report.entries();
        *self
            .engine
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(engine);
        self.live.set_checksum(checksum);
        info!(
            corpus_version = state.version,
            rebuild_ms = started.elapsed().as_millis() as u64,
            entries_reanalysed = entries.analysed,
            entries_reused = entries.reused,
            schemes_reanalysed = report.schemes.analysed,
            faqs_reanalysed = report.faqs.analysed,
            views_reanalysed = report.english.analysed + report.easy.analysed,
            vectors_reused = stats.map(|s| s.cached),
            vectors_encoded = stats.map(|s| s.computed),
            qdrant_upserted = report.qdrant.map(|q| q.upserted),
            qdrant_deleted = report.qdrant.map(|q| q.deleted),
            "published corpus swapped in"
        );
        Ok(true)
    }
}

/// Keeps a server's engine in step with the corpus published on any replica: checks the
/// database every [`CORPUS_POLL`] while the app lives.
pub fn watch_corpus(app: std::sync::Weak<App>) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        let mut tick = tokio::time::interval(CORPUS_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Some(app) = app.upgrade() else { return };
            if !app.live.on() {
                return;
            }
            if let Err(e) = app.refresh_corpus().await {
                warn!(error = %e, "could not swap in the published corpus");
            }
        }
    });
}
