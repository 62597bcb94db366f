//! A bounded map of recent results, shared by threads, for work worth not doing twice (query
//! vectors, masked texts): hits and misses counted, and when full the least recently used half
//! is dropped at once, so that most inserts cost no eviction.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

#[derive(Debug)]
pub struct RecentMap<K, V> {
    capacity: usize,
    inner: Mutex<Entries<K, V>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Debug)]
struct Entries<K, V> {
    tick: u64,
    map: HashMap<K, (u64, V)>,
}

impl<K: Hash + Eq, V: Clone> RecentMap<K, V> {
    pub fn new(capacity: usize) -> RecentMap<K, V> {
        RecentMap {
            capacity: capacity.max(2),
            inner: Mutex::new(Entries {
                tick: 0,
                map: HashMap::new(),
            }),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The value kept for `key`, or `make`'s, kept for next time (made outside the lock, so a
    /// slow `make` holds no other caller up; an error is passed on and nothing kept).
    pub fn get_or_try_insert<Q, E>(
        &self,
        key: &Q,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        {
            let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            inner.tick += 1;
            let tick = inner.tick;
            if let Some(entry) = inner.map.get_mut(key) {
                entry.0 = tick;
                self.hits.fetch_add(1, Relaxed);
                return Ok(entry.1.clone());
            }
        }
        self.misses.fetch_add(1, Relaxed);
        let value = make()?;
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.map.len() >= self.capacity {
            let mut ticks: Vec<u64> = inner.map.values().map(|(t, _)| *t).collect();
            let (_, median, _) = ticks.select_nth_unstable(self.capacity / 2);
            let cut = *median;
            inner.map.retain(|_, (t, _)| *t > cut);
        }
        inner.tick += 1;
        let tick = inner.tick;
        inner.map.insert(key.to_owned(), (tick, value.clone()));
        Ok(value)
    }

    /// [`get_or_try_insert`](Self::get_or_try_insert) for a `make` that cannot fail.
    pub fn get_or_insert<Q>(&self, key: &Q, make: impl FnOnce() -> V) -> V
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        match self.get_or_try_insert(key, || Ok::<V, std::convert::Infallible>(make())) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// (hits, misses) since it was made.
    pub fn counters(&self) -> (u64, u64) {
        (self.hits.load(Relaxed), self.misses.load(Relaxed))
    }

    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .map
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_hit_the_cache_stays_bounded_and_errors_are_not_kept() {
        let cache: RecentMap<String, usize> = RecentMap::new(4);
        fn make(t: &str) -> impl FnOnce() -> Result<usize, ()> + '_ {
            move || Ok(t.len())
        }
        for q in ["a", "b", "a", "a"] {
            cache.get_or_try_insert(q, make(q)).unwrap();
        }
        assert_eq!(cache.counters(), (2, 2));
        for q in ["c", "d", "e", "f", "g", "h"] {
            cache.get_or_try_insert(q, make(q)).unwrap();
        }
        assert!(cache.len() <= 4);
        // The most recent entry survives eviction.
        cache.get_or_try_insert("h", make("h")).unwrap();
        assert_eq!(cache.counters().0, 3);
        assert_eq!(
            cache.get_or_try_insert("zz", || Err("failed")),
            Err("failed")
        );
        assert_eq!(cache.get_or_try_insert("zz", || Ok::<_, ()>(7)), Ok(7));
    }
}
