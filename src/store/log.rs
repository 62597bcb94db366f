//! Writes the inquiry log so that a request is acknowledged only once its entry is durable:
//! inserted into the database, or appended (fsynced) to a local JSONL spool that is retried
//! until it lands. A failed database never fails the request and delays it at most briefly;
//! nothing is silently dropped, and every outcome is counted.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::{mpsc, oneshot};

use super::Store;
use crate::domain::inquiry::LogEntry;

#[derive(Debug, Default)]
pub struct LogStats {
    pub accepted: AtomicU64,
    pub written: AtomicU64,
    pub failed_writes: AtomicU64,
    pub spooled: AtomicU64,
    pub flushed_from_spool: AtomicU64,
    pub rejected: AtomicU64,
    /// Rejected entries by the database's error code.
    pub rejected_codes: Mutex<BTreeMap<String, u64>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct LogCounts {
    pub accepted: u64,
    /// Rows newly inserted: an entry that lands twice (from the queue and from the spool after
    /// a slow acknowledgement) counts once, so after a clean run `written == accepted`.
    pub written: u64,
    pub failed_writes: u64,
    pub spooled: u64,
    pub flushed_from_spool: u64,
    /// Entries the database refused while it was otherwise working (kept in `*.rejected.jsonl`).
    pub rejected: u64,
    /// How many were rejected with each database error code (SQLSTATE for PostgreSQL, the
    /// result code for SQLite), e.g. `{"22021": 6}`.
    pub rejected_codes: BTreeMap<String, u64>,
    /// Entries waiting in the spool file right now.
    pub pending_in_spool: u64,
}

enum Command {
    /// An entry and the request waiting to hear it is durable.
    Entry(Box<LogEntry>, oneshot::Sender<()>),
    Flush(oneshot::Sender<()>),
}

/// How long a request waits for its entry to reach the database before spooling it itself.
const ACK_WAIT: Duration = Duration::from_millis(1500);
/// While the database is failing, entries go straight to the spool and it is retried this often.
const RETRY_EVERY: Duration = Duration::from_secs(2);
/// Entries waiting together are written in one transaction, up to this many.
const BATCH: usize = 256;

#[derive(Clone)]
pub struct InquiryLog {
    tx: mpsc::Sender<Command>,
    stats: Arc<LogStats>,
    spool: Arc<Spool>,
}

impl std::fmt::Debug for InquiryLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InquiryLog({})", self.spool.path.display())
    }
}

/// A JSONL file of entries the database has not taken yet. A retry first renames it to a
/// batch file, so entries are only deleted after they were inserted, even if the process is
/// killed half-way (inserts are idempotent, so a repeated batch does no harm).
struct Spool {
    path: PathBuf,
    lock: Mutex<()>,
}

impl Spool {
    fn batch_path(&self) -> PathBuf {
        self.path.with_extension("retrying.jsonl")
    }

    fn rejected_path(&self) -> PathBuf {
        self.path.with_extension("rejected.jsonl")
    }

    /// Keeps an entry the database refuses (while accepting others) out of the retry loop.
    fn reject(&self, entry: &LogEntry) -> std::io::Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        append_to(&self.rejected_path(), std::slice::from_ref(entry))
    }

    fn append(&self, entries: &[LogEntry]) -> std::io::Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        append_to(&self.path, entries)
    }

    /// The entries to retry: a batch left by an earlier attempt, or else the spool itself.
    fn take_batch(&self) -> std::io::Result<Vec<LogEntry>> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let batch = self.batch_path();
        if !batch.exists() {
            if !self.path.exists() {
                return Ok(Vec::new());
            }
            std::fs::rename(&self.path, &batch)?;
        }
        Ok(read_entries(&batch))
    }

    /// Called after a batch was handled: what did not land goes back to the spool.
    fn finish_batch(&self, not_written: &[LogEntry]) -> std::io::Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        if !not_written.is_empty() {
            append_to(&self.path, not_written)?;
        }
        std::fs::remove_file(self.batch_path())
    }

    fn pending(&self) -> u64 {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        [self.path.clone(), self.batch_path()]
            .iter()
            .map(|p| {
                std::fs::File::open(p)
                    .map(|f| std::io::BufReader::new(f).lines().count() as u64)
                    .unwrap_or(0)
            })
            .sum()
    }
}

/// Appends entries as JSON lines and fsyncs, creating the file (and its folder) when needed.
fn append_to(path: &Path, entries: &[LogEntry]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut lines = String::new();
    for entry in entries {
        lines.push_str(&serde_json::to_string(entry).map_err(std::io::Error::other)?);
        lines.push('\n');
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(lines.as_bytes())?;
    f.sync_data()
}

/// Appends entries to the spool and counts them; a failure is logged, as there is no
/// further place to put them.
fn spool_counted(spool: &Spool, stats: &LogStats, entries: &[LogEntry]) {
    if entries.is_empty() {
        return;
    }
    match spool.append(entries) {
        Ok(()) => {
            stats
                .spooled
                .fetch_add(entries.len() as u64, Ordering::Relaxed);
        }
        Err(err) => {
            tracing::error!(error = %err, count = entries.len(), "inquiry log entries could not be written or spooled")
        }
    }
}

/// Reads a spool file; a torn last line (the process died mid-write) is skipped.
fn read_entries(path: &Path) -> Vec<LogEntry> {
    let Ok(f) = std::fs::File::open(path) else {
        return Vec::new();
    };
    std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}

impl InquiryLog {
    /// Starts the background writer. Entries spooled by an earlier run are retried at once.
    pub fn start(store: Store, spool_path: &Path) -> InquiryLog {
        let (tx, mut rx) = mpsc::channel::<Command>(10_000);
        let stats = Arc::new(LogStats::default());
        let spool = Arc::new(Spool {
            path: spool_path.to_path_buf(),
            lock: Mutex::new(()),
        });
        let log = InquiryLog {
            tx,
            stats: stats.clone(),
            spool: spool.clone(),
        };
        tokio::spawn(async move {
            let mut writer = Writer {
                store,
                stats,
                spool,
                database_down: false,
            };
            let mut retry = tokio::time::interval(RETRY_EVERY);
            loop {
                tokio::select! {
                    command = rx.recv() => match command {
                        Some(Command::Entry(entry, ack)) => {
                            // Whatever else is already waiting joins this write.
                            let (mut entries, mut acks, mut flush) = (vec![*entry], vec![ack], None);
                            while entries.len() < BATCH && flush.is_none() {
                                match rx.try_recv() {
                                    Ok(Command::Entry(e, a)) => {
                                        entries.push(*e);
                                        acks.push(a);
                                    }
                                    Ok(Command::Flush(done)) => flush = Some(done),
                                    Err(_) => break,
                                }
                            }
                            writer.write_or_spool(entries).await;
                            for ack in acks {
                                let _ = ack.send(());
                            }
                            if let Some(done) = flush {
                                writer.retry_spool().await;
                                let _ = done.send(());
                            }
                        }
                        Some(Command::Flush(done)) => {
                            writer.retry_spool().await;
                            let _ = done.send(());
                        }
                        None => break,
                    },
                    _ = retry.tick() => writer.retry_spool().await,
                }
            }
        });
        log
    }

    /// Returns once the entry is durable: inserted, or appended to the spool file. A slow
    /// database delays the caller by at most [`ACK_WAIT`]; after that the entry is spooled
    /// here (and may also land later from the queue, which the idempotent insert absorbs).
    pub async fn record(&self, entry: LogEntry) {
        self.stats.accepted.fetch_add(1, Ordering::Relaxed);
        let (ack, acked) = oneshot::channel();
        if self
            .tx
            .try_send(Command::Entry(Box::new(entry.clone()), ack))
            .is_ok()
            && let Ok(Ok(())) = tokio::time::timeout(ACK_WAIT, acked).await
        {
            return;
        }
        spool_counted(&self.spool, &self.stats, std::slice::from_ref(&entry));
    }

    /// Waits until everything queued so far has been written or spooled, and retries the spool.
    pub async fn flush(&self) {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Command::Flush(done)).await.is_ok() {
            let _ = wait.await;
        }
    }

    pub fn counts(&self) -> LogCounts {
        let s = &self.stats;
        LogCounts {
            accepted: s.accepted.load(Ordering::Relaxed),
            written: s.written.load(Ordering::Relaxed),
            failed_writes: s.failed_writes.load(Ordering::Relaxed),
            spooled: s.spooled.load(Ordering::Relaxed),
            flushed_from_spool: s.flushed_from_spool.load(Ordering::Relaxed),
            rejected: s.rejected.load(Ordering::Relaxed),
            rejected_codes: s
                .rejected_codes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            pending_in_spool: self.spool.pending(),
        }
    }
}

struct Writer {
    store: Store,
    stats: Arc<LogStats>,
    spool: Arc<Spool>,
    /// Set by a failed write; cleared when a spool retry succeeds. While set, new entries are
    /// spooled at once instead of each waiting for the database to fail again.
    database_down: bool,
}

impl Writer {
    async fn write_or_spool(&mut self, entries: Vec<LogEntry>) {
        if !self.database_down {
            match self.store.insert_entries(&entries).await {
                Ok(new) => {
                    self.stats.written.fetch_add(new, Ordering::Relaxed);
                    return;
                }
                Err(e) => {
                    self.stats.failed_writes.fetch_add(1, Ordering::Relaxed);
                    if e.is_refusal() {
                        // The database refused a row of this batch: write one by one so a
                        // single bad entry cannot hold back the others.
                        tracing::warn!(error = %e, "inquiry log batch refused; writing entries one by one");
                        let rest = self.write_each(&entries).await;
                        spool_counted(&self.spool, &self.stats, rest);
                        return;
                    }
                    self.database_down = true;
                    tracing::warn!(error = %e, "inquiry log write failed; spooling until the database is back");
                }
            }
        }
        spool_counted(&self.spool, &self.stats, &entries);
    }

    /// Inserts entries one at a time. An entry the database refuses (a constraint, a bad value)
    /// is set aside as rejected; at the first sign the database is unavailable or read-only,
    /// the rest is returned for the spool.
    async fn write_each<'a>(&mut self, entries: &'a [LogEntry]) -> &'a [LogEntry] {
        for (k, entry) in entries.iter().enumerate() {
            match self.store.insert_entry(entry).await {
                Ok(new) => {
                    self.stats.written.fetch_add(new, Ordering::Relaxed);
                }
                Err(e) if e.is_refusal() => {
                    self.stats.rejected.fetch_add(1, Ordering::Relaxed);
                    *self
                        .stats
                        .rejected_codes
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .entry(e.code())
                        .or_default() += 1;
                    tracing::error!(error = %e, "the database refused an inquiry log entry; kept in the rejected file");
                    if let Err(err) = self.spool.reject(entry) {
                        tracing::error!(error = %err, "could not keep a rejected inquiry log entry");
                    }
                }
                Err(_) => {
                    self.stats.failed_writes.fetch_add(1, Ordering::Relaxed);
                    self.database_down = true;
                    return &entries[k..];
                }
            }
        }
        &[]
    }

    async fn retry_spool(&mut self) {
        let entries = match self.spool.take_batch() {
            Ok(e) => e,
            Err(err) => {
                tracing::error!(error = %err, "could not read the inquiry log spool");
                return;
            }
        };
        if entries.is_empty() && !self.spool.batch_path().exists() {
            self.database_down = false;
            return;
        }
        let before = self.stats.written.load(Ordering::Relaxed);
        let rest: Vec<LogEntry> = match self.store.insert_entries(&entries).await {
            Ok(new) => {
                self.stats.written.fetch_add(new, Ordering::Relaxed);
                Vec::new()
            }
            Err(e) if e.is_refusal() => {
                self.database_down = false;
                self.write_each(&entries).await.to_vec()
            }
            Err(e) => {
                self.stats.failed_writes.fetch_add(1, Ordering::Relaxed);
                tracing::debug!(error = %e, "database still unavailable for the inquiry log");
                entries
            }
        };
        let written = self.stats.written.load(Ordering::Relaxed) - before;
        self.stats
            .flushed_from_spool
            .fetch_add(written, Ordering::Relaxed);
        if let Err(err) = self.spool.finish_batch(&rest) {
            tracing::error!(error = %err, "could not return unwritten entries to the spool");
        }
        self.database_down = !rest.is_empty();
        if written > 0 {
            tracing::info!(written, "inquiry log spool flushed to the database");
        }
    }
}
