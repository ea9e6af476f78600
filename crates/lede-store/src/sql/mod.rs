//! The SQL store: one implementation of [`Store`](crate::Store) for SQLite and PostgreSQL.
//!
//! Both databases run the same SQL through sqlx's `Any` driver: `$n` placeholders, `RETURNING`,
//! `ON CONFLICT`, recursive CTEs and BIGINT Unix times are common to both. What differs lives
//! in [`connect`] (pool shape, SQLite pragmas) and in the two migration trees, which a test
//! keeps in step. One implementation means one behaviour, which the contract tests prove.

mod accounts;
mod api;
mod articles;
mod catalog;
mod comments;
mod connect;
mod editorial;
mod media;
mod rows;
mod search;

pub use search::{MARK_END, MARK_START};
mod transfer;

pub use connect::Backend;

use sqlx::AnyPool;

/// Lede's store over a SQL database.
///
/// On SQLite, writes go through a pool of exactly one connection (SQLite has one writer; queuing
/// in the pool beats lock retries) and reads through a separate pool, so readers never wait on a
/// writer in WAL mode. On PostgreSQL both are the same pool.
#[derive(Debug, Clone)]
pub struct SqlStore {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
}

impl SqlStore {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection (at shutdown, and in tests before dropping a database).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// `$start, $start+1, …` for `count` values, for `IN (…)` lists.
fn placeholders(start: usize, count: usize) -> String {
    (start..start + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
