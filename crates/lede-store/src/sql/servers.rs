//! What several servers sharing one PostgreSQL database need from it: a channel to tell each
//! other what changed (`NOTIFY` and `LISTEN`), and a lock that lets one of them at a time run
//! the start-up work (the demo load, the search index upgrade). On SQLite (one server) there is
//! nobody to tell, and the lock is the file's own single writer.

use super::{Backend, SqlStore};
use crate::Result;
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgListener;
use sqlx::{Any, Executor};

/// The advisory-lock key servers take while they run the start-up work: any fixed number,
/// unlikely to collide with another application's on the same database (`lede` in ASCII).
const START_LOCK_KEY: i64 = 0x6c65_6465;

/// Held by the one server running the start-up work; the others wait in
/// [`SqlStore::start_lock`]. Dropped without [`Self::release`] (an error on the way), it closes
/// its connection, which releases the lock on the server's side.
#[must_use = "the lock is held until released"]
pub struct StartLock {
    connection: Option<PoolConnection<Any>>,
}

impl std::fmt::Debug for StartLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StartLock").field("held", &self.connection.is_some()).finish()
    }
}

impl StartLock {
    /// Lets the next server in.
    pub async fn release(mut self) -> Result<()> {
        if let Some(mut connection) = self.connection.take() {
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(START_LOCK_KEY)
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }
}

impl Drop for StartLock {
    fn drop(&mut self) {
        // A connection back in the pool would keep the session, and with it the lock.
        if let Some(connection) = self.connection.take() {
            drop(connection.detach());
        }
    }
}

impl SqlStore {
    /// Waits until no other server runs its start-up work, then holds the lock until the
    /// returned guard is released. A session-level advisory lock on PostgreSQL (released too
    /// when the holder's connection ends, so a crashed server cannot keep the others out);
    /// nothing on SQLite.
    pub async fn start_lock(&self) -> Result<StartLock> {
        let connection = match self.backend {
            Backend::Sqlite => None,
            Backend::Postgres => {
                let mut connection = self.write.acquire().await?;
                connection
                    .execute(sqlx::query("SELECT pg_advisory_lock($1)").bind(START_LOCK_KEY))
                    .await?;
                Some(connection)
            }
        };
        Ok(StartLock { connection })
    }

    /// Sends `payload` to every session listening on `channel` (PostgreSQL only; the caller
    /// checks the backend). Delivered once the statement commits, in the order sent.
    pub(crate) async fn notify(&self, channel: &str, payload: &str) -> Result<()> {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(channel)
            .bind(payload)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// A connection of its own (not the pool's) listening on `channel`, or `None` on SQLite.
    pub(crate) async fn listen(&self, channel: &str) -> Result<Option<PgListener>> {
        let Some(url) = &self.listen_url else {
            return Ok(None);
        };
        let mut listener = PgListener::connect(url.as_str()).await?;
        listener.listen(channel).await?;
        Ok(Some(listener))
    }
}

/// The database URL a listener connects with, kept out of `Debug` (it may hold a password).
#[derive(Clone)]
pub(crate) struct ListenUrl(std::sync::Arc<str>);

impl ListenUrl {
    pub(crate) fn new(url: &str) -> Self {
        Self(url.into())
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ListenUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ListenUrl(…)")
    }
}
