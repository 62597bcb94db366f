//! Analysis on all cores with the results taken in document order, shared by the index
//! builders and the reuse of earlier analyses.

use crate::text::Result;

/// Documents analysed per task while building.
pub(crate) const BUILD_CHUNK: usize = 64;

/// Applies `analyse` to the items 0..count on worker threads, a chunk at a time, and hands the
/// results to `take` on this thread in item order, while the workers go on; the first error
/// stops both.
pub(crate) fn in_order_parallel<U: Send>(
    count: usize,
    chunk: usize,
    analyse: impl Fn(usize) -> Result<U> + Sync,
    mut take: impl FnMut(U),
) -> Result<()> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = chunk.max(1);
    let chunks = count.div_ceil(chunk);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Result<Vec<U>>)>(threads * 2);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(chunks) {
            let send = send.clone();
            let (next, failed, analyse) = (&next, &failed, &analyse);
            scope.spawn(move || {
                use std::sync::atomic::Ordering::Relaxed;
                loop {
                    let i = next.fetch_add(1, Relaxed);
                    if i >= chunks || failed.load(Relaxed) {
                        break;
                    }
                    let items = i * chunk..((i + 1) * chunk).min(count);
                    let done: Result<Vec<U>> = items.map(analyse).collect();
                    if send.send((i, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Owned here, so that leaving early drops it and a worker blocked on sending stops.
        let receive = receive;
        // Chunks finish out of order; hold the early ones until their turn.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        for (i, done) in receive.iter() {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&turn) {
                match done {
                    Ok(results) => results.into_iter().for_each(&mut take),
                    Err(e) => {
                        failed.store(true, std::sync::atomic::Ordering::Relaxed);
                        return Err(e);
                    }
                }
                turn += 1;
            }
        }
        Ok(())
    })
}
