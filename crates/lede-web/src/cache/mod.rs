//! The rendered-page cache: every public page and feed is rendered once, kept in memory with
//! its compressed encodings and ETag, and filed under what it shows ([`shown`]). Each change
//! the newsroom announces purges exactly the pages filed under what it changed ([`purge`]),
//! before the write returns. Memory is bounded by a budget, least recently used out first.
//!
//! A page rendered while a purge ran may hold what the purge removed; such a page is not kept
//! (the purge epoch tells). Changes made by a `lede` command reach the server through a mark
//! it polls (`serve.rs`), which clears everything. Entries also expire after [`MAX_AGE`],
//! which bounds how stale a page can be when a second server on the same PostgreSQL changed
//! content this one did not hear of, and keeps the comment form's signed token well inside
//! its validity.

mod entry;
mod flight;
mod layer;
pub mod purge;
pub mod shown;

pub use entry::{Encoding, brotli, gzip, preferred};
pub(crate) use layer::cache_key;
pub use layer::serve_cached;

use entry::Entry;
use hashlink::LruCache;
use prometheus_client::metrics::counter::Counter;
use shown::Dep;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How long a cached page is served before it is rendered again, whatever happens.
pub const MAX_AGE: Duration = Duration::from_secs(10 * 60);

#[derive(Debug)]
pub struct PageCache {
    budget: usize,
    inner: Mutex<Inner>,
    /// Bumped by every purge; a render that saw another value when it began is not kept.
    epoch: AtomicU64,
    /// Renders under way, so that a page is rendered once however many ask for it at once.
    pub(crate) flights: flight::Flights,
    /// Requests answered from the cache, requests that rendered, and pages purged (the
    /// operator's metrics read them).
    pub(crate) hits: Counter,
    pub(crate) misses: Counter,
    pub(crate) purged: Counter,
}

#[derive(Debug)]
struct Inner {
    pages: LruCache<String, Arc<Entry>>,
    by_dep: HashMap<Dep, HashSet<String>>,
    bytes: usize,
}

impl PageCache {
    /// A cache that keeps at most `budget` bytes of pages (all encodings counted).
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            inner: Mutex::new(Inner {
                pages: LruCache::new_unbounded(),
                by_dep: HashMap::new(),
                bytes: 0,
            }),
            epoch: AtomicU64::new(0),
            flights: flight::Flights::default(),
            hits: Counter::default(),
            misses: Counter::default(),
            purged: Counter::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    pub(crate) fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let mut inner = self.lock();
        let entry = inner.pages.get(key)?.clone();
        if entry.born.elapsed() > MAX_AGE {
            inner.remove(key);
            return None;
        }
        Some(entry)
    }

    /// Keeps a page rendered since `epoch`, unless a purge ran meanwhile.
    fn insert(&self, key: String, entry: Entry, epoch: u64) -> Arc<Entry> {
        let entry = Arc::new(entry);
        let size = entry.size();
        if size > self.budget {
            return entry;
        }
        let mut inner = self.lock();
        if self.epoch() != epoch {
            return entry;
        }
        inner.remove(&key);
        for dep in &entry.deps {
            inner.by_dep.entry(*dep).or_default().insert(key.clone());
        }
        inner.bytes += size;
        inner.pages.insert(key, entry.clone());
        while inner.bytes > self.budget {
            let Some((oldest, _)) = inner.pages.iter().next().map(|(k, v)| (k.clone(), v.clone()))
            else {
                break;
            };
            inner.remove(&oldest);
        }
        entry
    }

    /// Drops every page filed under any of `deps`; returns how many.
    pub fn purge(&self, deps: &[Dep]) -> usize {
        let mut inner = self.lock();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        let keys: HashSet<String> =
            deps.iter().filter_map(|dep| inner.by_dep.get(dep)).flatten().cloned().collect();
        for key in &keys {
            inner.remove(key);
        }
        self.purged.inc_by(keys.len() as u64);
        keys.len()
    }

    /// Drops the archive pages (lists by date) whose span holds `at` (Unix seconds).
    pub fn purge_dates(&self, at: i64) -> usize {
        let deps: Vec<Dep> = self
            .lock()
            .by_dep
            .keys()
            .filter(|dep| {
                matches!(dep, Dep::List(shown::ListKey::Dates { from, until })
                    if *from <= at && at < *until)
            })
            .copied()
            .collect();
        self.purge(&deps)
    }

    /// Drops everything.
    pub fn clear(&self) {
        let mut inner = self.lock();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        self.purged.inc_by(inner.pages.len() as u64);
        inner.pages.clear();
        inner.by_dep.clear();
        inner.bytes = 0;
    }

    /// The paths of the pages held now (for tests and diagnostics).
    pub fn keys(&self) -> Vec<String> {
        self.lock().pages.iter().map(|(k, _)| k.clone()).collect()
    }

    /// The bytes held now.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

impl Inner {
    fn remove(&mut self, key: &str) {
        let Some(entry) = self.pages.remove(key) else {
            return;
        };
        self.bytes -= entry.size();
        for dep in &entry.deps {
            if let Some(keys) = self.by_dep.get_mut(dep) {
                keys.remove(key);
                if keys.is_empty() {
                    self.by_dep.remove(dep);
                }
            }
        }
    }
}
