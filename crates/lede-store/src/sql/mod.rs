//! The SQL store: one concrete type for SQLite and PostgreSQL.
//!
//! Both databases run the same SQL through sqlx's `Any` driver: `$n` placeholders, `RETURNING`,
//! `ON CONFLICT`, recursive CTEs and BIGINT Unix times are common to both. What differs lives
//! in [`connect`] (pool shape, SQLite pragmas) and in the two migration trees, which a test
//! keeps in step. One implementation means one behaviour, which the contract tests prove.

mod accounts;
mod api;
mod article_writer;
mod articles;
pub mod backup;
mod catalog;
mod comments;
mod connect;
mod editorial;
mod front_page;
mod import;
mod json;
mod live_edits;
mod media;
mod newsletters;
mod pages;
mod queues;
mod rate_limits;
mod related;
mod rows;
mod search;
mod servers;
mod site_copy;
mod webhooks;

pub use search::{MARK_END, MARK_START, SEARCH_RANKED};

pub use connect::Backend;
pub use front_page::FrontPage;
pub(crate) use front_page::{RELATED_COUNT_KEY, SHARE_IMAGE_KEY, SITE_LOGO_KEY};
pub use import::ImportPace;
pub(crate) use import::ImportRun;
pub use newsletters::{
    ClaimedSend, Issue, IssueKind, IssueReport, NewIssue, NewSubscriber, SendOutcome, Subscribed,
    Subscriber, SubscriberStatus,
};
pub use queues::QueueDepths;
pub use rate_limits::Allowance;
pub use servers::StartLock;
pub use site_copy::RestoreCounts;
pub use webhooks::{
    AfterAttempt, AttemptOutcome, ClaimedDelivery, DeliveryStatus, WebhookAttempt, WebhookDelivery,
    WebhookEndpoint,
};

use crate::Result;

use sqlx::{Any, AnyPool, Transaction};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub(crate) use article_writer::{ArticleWrite, Written};
pub(crate) use live_edits::pending_content;
pub(crate) use pages::PageWrite;

/// A write transaction on either database.
pub(crate) type Tx = Transaction<'static, Any>;

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
    /// Write transactions begun, shared by clones: tests read it to prove that a publish is
    /// one transaction, all or nothing.
    transactions: Arc<AtomicU64>,
    /// Where a listener for other servers' changes connects (PostgreSQL only).
    listen_url: Option<servers::ListenUrl>,
}

/// The connections a store holds to its database, for the operator's metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

impl SqlStore {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Connections open, idle and allowed (SQLite's writer and readers together; PostgreSQL's
    /// one pool).
    pub fn pool_use(&self) -> PoolUse {
        let pools: &[&AnyPool] = match self.backend {
            Backend::Sqlite => &[&self.read, &self.write],
            Backend::Postgres => &[&self.write],
        };
        let idle = |pool: &AnyPool| u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
        PoolUse {
            open: pools.iter().map(|p| p.size()).sum(),
            idle: pools.iter().map(|p| idle(p)).sum(),
            max: pools.iter().map(|p| p.options().get_max_connections()).sum(),
        }
    }

    /// How many write transactions this store (and its clones) has begun.
    pub fn transactions_begun(&self) -> u64 {
        self.transactions.load(Ordering::Relaxed)
    }

    /// Begins a write transaction, counted: a use case that writes more than one statement
    /// (an article save, a batch of an import, a comment with its checks) writes them all in one, so it
    /// commits together or not at all.
    /// One statement with text parameters, for `test_support` only: writes past the rules.
    #[cfg(any(test, feature = "test-support"))]
    pub(crate) async fn execute_raw(&self, sql: &str, values: &[&str]) -> Result<()> {
        let mut query = sqlx::query(sql);
        for value in values {
            query = query.bind(*value);
        }
        query.execute(&self.write).await?;
        Ok(())
    }

    pub(crate) async fn begin(&self) -> Result<Tx> {
        self.transactions.fetch_add(1, Ordering::Relaxed);
        Ok(self.write.begin().await?)
    }

    /// Closes every connection (at shutdown, and in tests before dropping a database).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// `$start, $start+1, …` for `count` values, for `IN (…)` lists.
fn placeholders(start: usize, count: usize) -> String {
    (start..start + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// Runs `sql` with `ids` bound to its `$1…$n` placeholders.
async fn rows_for(pool: &sqlx::AnyPool, sql: &str, ids: &[i64]) -> Result<Vec<sqlx::any::AnyRow>> {
    let mut query = sqlx::query(sql);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(pool).await?)
}
