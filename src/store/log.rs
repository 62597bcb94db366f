//! Writes the inquiry log in the background so a slow or failed database never fails or slows
//! the user's request. A failed write is spooled to a local JSONL file (fsynced) and retried
//! until it lands; nothing is silently dropped, and every outcome is counted.

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
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct LogCounts {
    pub accepted: u64,
    pub written: u64,
    pub failed_writes: u64,
    pub spooled: u64,
    pub flushed_from_spool: u64,
    /// Entries waiting in the spool file right now.
    pub pending_in_spool: u64,
}

enum Command {
    Entry(Box<LogEntry>),
    Flush(oneshot::Sender<()>),
}

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

struct Spool {
    path: PathBuf,
    lock: Mutex<()>,
}

impl Spool {
    fn append(&self, entry: &LogEntry) -> std::io::Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&self.path)?;
        let line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        writeln!(f, "{line}")?;
        f.sync_data()
    }

    fn take(&self) -> std::io::Result<Vec<LogEntry>> {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(f) = std::fs::File::open(&self.path) else { return Ok(Vec::new()) };
        let entries = std::io::BufReader::new(f).lines().map_while(Result::ok).filter_map(|l| serde_json::from_str(&l).ok()).collect();
        std::fs::remove_file(&self.path)?;
        Ok(entries)
    }

    fn pending(&self) -> u64 {
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        std::fs::File::open(&self.path).map(|f| std::io::BufReader::new(f).lines().count() as u64).unwrap_or(0)
    }
}

impl InquiryLog {
    /// Starts the background writer. Entries spooled by an earlier run are retried at once.
    pub fn start(store: Store, spool_path: &Path) -> InquiryLog {
        let (tx, mut rx) = mpsc::channel::<Command>(10_000);
        let stats = Arc::new(LogStats::default());
        let spool = Arc::new(Spool { path: spool_path.to_path_buf(), lock: Mutex::new(()) });
        let log = InquiryLog { tx, stats: stats.clone(), spool: spool.clone() };
        tokio::spawn(async move {
            let mut retry = tokio::time::interval(Duration::from_secs(5));
            loop {
                tokio::select! {
                    command = rx.recv() => match command {
                        Some(Command::Entry(entry)) => write_or_spool(&store, &stats, &spool, *entry).await,
                        Some(Command::Flush(done)) => {
                            retry_spool(&store, &stats, &spool).await;
                            let _ = done.send(());
                        }
                        None => break,
                    },
                    _ = retry.tick() => retry_spool(&store, &stats, &spool).await,
                }
            }
        });
        log
    }

    /// Queues an entry; never blocks the request and never loses it (a full queue spools).
    pub fn record(&self, entry: LogEntry) {
        self.stats.accepted.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = self.tx.try_send(Command::Entry(Box::new(entry))) {
            let entry = match e {
                mpsc::error::TrySendError::Full(Command::Entry(e)) | mpsc::error::TrySendError::Closed(Command::Entry(e)) => *e,
                _ => return,
            };
            match self.spool.append(&entry) {
                Ok(()) => {
                    self.stats.spooled.fetch_add(1, Ordering::Relaxed);
                }
                Err(err) => tracing::error!(error = %err, "inquiry log entry could not be queued or spooled"),
            }
        }
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
            pending_in_spool: self.spool.pending(),
        }
    }
}

async fn insert(store: &Store, entry: &LogEntry) -> super::Result<()> {
    match entry {
        LogEntry::Inquiry(i) => store.insert_inquiry(i).await,
        LogEntry::Ticket(t) => store.insert_ticket(t).await,
        LogEntry::Feedback(f) => store.insert_feedback(f).await,
    }
}

async fn write_or_spool(store: &Store, stats: &LogStats, spool: &Spool, entry: LogEntry) {
    match insert(store, &entry).await {
        Ok(()) => {
            stats.written.fetch_add(1, Ordering::Relaxed);
        }
        Err(e) => {
            stats.failed_writes.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(error = %e, "inquiry log write failed; spooling for retry");
            match spool.append(&entry) {
                Ok(()) => {
                    stats.spooled.fetch_add(1, Ordering::Relaxed);
                }
                Err(err) => tracing::error!(error = %err, "could not spool an inquiry log entry"),
            }
        }
    }
}

async fn retry_spool(store: &Store, stats: &LogStats, spool: &Spool) {
    let entries = match spool.take() {
        Ok(e) if !e.is_empty() => e,
        _ => return,
    };
    for entry in entries {
        match insert(store, &entry).await {
            Ok(()) => {
                stats.written.fetch_add(1, Ordering::Relaxed);
                stats.flushed_from_spool.fetch_add(1, Ordering::Relaxed);
            }
            Err(_) => {
                stats.failed_writes.fetch_add(1, Ordering::Relaxed);
                if let Err(err) = spool.append(&entry) {
                    tracing::error!(error = %err, "could not re-spool an inquiry log entry");
                }
            }
        }
    }
}
