//! A small time-limited cache for answers that are costly on a large catalog and may be a
//! minute stale without harm: result counts and filter facets. It lives in the `Db` handle, so
//! each database has its own, and writers that change the catalog call `clear`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a cached answer is served.
pub const TIME_TO_LIVE: Duration = Duration::from_secs(60);
/// Past this many keys the cache starts afresh, which bounds its memory.
const MAX_ENTRIES: usize = 10_000;

#[derive(Default, Debug)]
pub struct TtlCache<V> {
    entries: Mutex<HashMap<String, (Instant, V)>>,
}

impl<V: Clone> TtlCache<V> {
    pub fn get(&self, key: &str) -> Option<V> {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < TIME_TO_LIVE)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: String, value: V) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), value));
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_clears_and_bounds() {
        let cache = TtlCache::<i64>::default();
        assert_eq!(cache.get("a"), None);
        cache.put("a".into(), 1);
        assert_eq!(cache.get("a"), Some(1));
        cache.clear();
        assert_eq!(cache.get("a"), None);
        for i in 0..MAX_ENTRIES + 1 {
            cache.put(i.to_string(), i as i64);
        }
        assert!(cache.entries.lock().unwrap().len() <= MAX_ENTRIES);
    }
}
