//! Opening a database: the backend is chosen by the URL scheme, migrations run at start.

use super::SqlStore;
use crate::{Error, Result};
use sqlx::any::AnyPoolOptions;
use sqlx::{Executor, migrate::Migrator};
use std::time::Duration;

pub(super) static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
pub(super) static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Reader connections on SQLite; WAL lets them all read while the one writer writes.
const SQLITE_READERS: u32 = 8;
/// Connections per server on PostgreSQL unless the operator says (`database_pool_size`): six
/// servers at 16 fill PostgreSQL's default of 100, so larger clusters set fewer.
const POSTGRES_CONNECTIONS: u32 = 16;
/// How long a request waits for a PostgreSQL connection before the page fails with 503: a
/// database that is down must not hold readers for long.
const POSTGRES_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Picks the backend from a database URL's scheme; anything else is an error, never a
    /// silent fallback.
    pub fn from_url(url: &str) -> Result<Self> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            _ => Err(Error::Config(format!(
                "unsupported database URL {scheme:?}: use sqlite:… or postgres://…"
            ))),
        }
    }
}

impl SqlStore {
    /// Connects, applies pending migrations, and returns a store ready to serve.
    pub async fn open(url: &str) -> Result<Self> {
        Self::open_with_pool(url, None).await
    }

    /// [`Self::open`] with `connections` to the database (PostgreSQL's pool, or SQLite's
    /// readers beside its one writer) instead of the default.
    pub async fn open_with_pool(url: &str, connections: Option<u32>) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let store = match backend {
            Backend::Sqlite => {
                let write = sqlite_pool(url, 1, false).await?;
                SQLITE_MIGRATIONS.run(&write).await?;
                let readers = connections.unwrap_or(SQLITE_READERS).max(1);
                let read = sqlite_pool(url, readers, true).await?;
                Self { read, write, backend, transactions: Default::default(), listen_url: None }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(connections.unwrap_or(POSTGRES_CONNECTIONS).max(2))
                    .acquire_timeout(POSTGRES_ACQUIRE_TIMEOUT)
                    .connect(url)
                    .await?;
                POSTGRES_MIGRATIONS.run(&pool).await?;
                Self {
                    read: pool.clone(),
                    write: pool,
                    backend,
                    transactions: Default::default(),
                    listen_url: Some(super::servers::ListenUrl::new(url)),
                }
            }
        };
        Ok(store)
    }
}

/// A SQLite pool with Lede's pragmas: WAL so readers never block on the writer, full sync so
/// an acknowledged write (a reader's comment) survives a crash, foreign keys enforced, and a
/// busy timeout instead of immediate "database is locked" errors.
async fn sqlite_pool(url: &str, connections: u32, read_only: bool) -> Result<sqlx::AnyPool> {
    let pool = AnyPoolOptions::new()
        .max_connections(connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        // A file on this machine does not drop connections; pinging it before every query
        // cost a round trip to the connection's thread, a quarter of a page's database time.
        .test_before_acquire(false)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                for pragma in [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = FULL",
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA busy_timeout = 5000",
                ] {
                    conn.execute(pragma).await?;
                }
                if read_only {
                    conn.execute("PRAGMA query_only = ON").await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    Ok(pool)
}
