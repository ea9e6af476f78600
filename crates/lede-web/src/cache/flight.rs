//! One render per page at a time. When a popular page leaves the cache (purged by an edit, or
//! expired) under load, the first request renders it and the others wait for that render and
//! are answered from the cache, instead of every request rendering the same page at once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::{Mutex as Turn, OwnedMutexGuard};

/// The renders under way, by page key.
#[derive(Debug, Default)]
pub struct Flights(Mutex<HashMap<String, Arc<Turn<()>>>>);

/// The right to render one page; the next request for it waits until this is dropped.
#[derive(Debug)]
pub struct Seat<'a> {
    flights: &'a Flights,
    key: String,
    turn: Arc<Turn<()>>,
    _held: OwnedMutexGuard<()>,
}

impl Flights {
    /// Waits until no other request is rendering `key`, then holds the turn.
    pub async fn board(&self, key: &str) -> Seat<'_> {
        let turn = {
            let mut flights = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            flights.entry(key.to_owned()).or_default().clone()
        };
        let held = turn.clone().lock_owned().await;
        Seat { flights: self, key: key.to_owned(), turn, _held: held }
    }

    /// Whether no render is under way or waiting.
    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).is_empty()
    }
}

impl Drop for Seat<'_> {
    fn drop(&mut self) {
        let mut flights = self.flights.0.lock().unwrap_or_else(PoisonError::into_inner);
        // The map's copy and this one: nobody waits, so the key goes (waiters hold a copy,
        // taken under this same lock, and find the turn free once this seat is gone).
        if Arc::strong_count(&self.turn) <= 2 {
            flights.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn one_render_per_key_at_a_time_and_nothing_left_behind() {
        let flights = Arc::new(Flights::default());
        let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let mut tasks = Vec::new();
        for n in 0..40 {
            let (flights, now, most) = (flights.clone(), now.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                let key = if n % 2 == 0 { "/a" } else { "/b" };
                let _seat = flights.board(key).await;
                if key == "/a" {
                    let inside = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(inside, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(2)).await;
                    now.fetch_sub(1, Ordering::SeqCst);
                }
            }));
        }
        for task in tasks {
            task.await.expect("task");
        }
        assert_eq!(most.load(Ordering::SeqCst), 1, "never two renders of /a at once");
        assert!(flights.is_empty(), "every key is gone once its renders are done");
    }
}
