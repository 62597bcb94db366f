//! What the index builders share: a document's text by field, and analysis on all cores with
//! the results taken in document order.

use crate::text::{Analyzer, Result};

use super::bm25::FIELDS;

/// Documents analysed per task while building.
pub(crate) const BUILD_CHUNK: usize = 64;

/// The searchable text of one document, by field: title (and aliases), summary, body.
pub type DocText = [String; FIELDS];

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

/// Content lemmas of each text, analysed on all cores.
pub fn analyse_lemmas_parallel(analyzer: &Analyzer, texts: &[String]) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::with_capacity(texts.len());
    in_order_parallel(
        texts.len(),
        BUILD_CHUNK,
        |i| analyzer.lemmas(&texts[i]),
        |l| out.push(l),
    )?;
    Ok(out)
}

/// [`analyse_lemmas_parallel`], taking the lemmas of every text `previous` kept instead of
/// analysing it again; returns the lemmas, what this call keeps for the next, and the counts.
pub fn analyse_lemmas_reusing(
    analyzer: &Analyzer,
    texts: &[String],
    previous: Option<&super::reuse::Analyses>,
) -> Result<(
    Vec<Vec<String>>,
    super::reuse::Analyses,
    super::reuse::Reuse,
)> {
    use super::reuse::{Lists, analyse_reusing, text_key};
    let mut out = Vec::with_capacity(texts.len());
    let (kept, reuse) = analyse_reusing(
        texts.len(),
        LEMMAS_SHAPE,
        1,
        previous,
        |i| (!texts[i].is_empty()).then(|| text_key([texts[i].as_str()])),
        |i| {
            let mut lists = Lists::default();
            analyzer
                .lemmas(&texts[i])?
                .iter()
                .for_each(|l| lists.push(l));
            lists.end_list();
            Ok(lists)
        },
        |doc| out.push(doc.strings(0)),
    )?;
    Ok((out, kept, reuse))
}

/// The shape of kept lemma lists (one list per text).
const LEMMAS_SHAPE: u32 = 0x200;
