//! What `lede backup` and `lede restore` need from the database without opening a store:
//! opening a [`SqlStore`](super::SqlStore) runs migrations, and a backup must never change the
//! database it copies, nor a restore check migrate the site it is about to replace.

use super::connect::{Backend, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::{Error, Result};
use sqlx::{AnyConnection, Connection, Executor, Row};
use std::path::Path;

/// The newest migration this binary knows for `backend`: a backup's schema must not be newer.
pub fn latest_migration(backend: Backend) -> i64 {
    let migrator = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

async fn connect(url: &str) -> Result<(AnyConnection, Backend)> {
    sqlx::any::install_default_drivers();
    let backend = Backend::from_url(url)?;
    let mut conn = AnyConnection::connect(url).await?;
    if backend == Backend::Sqlite {
        // A running server may hold the write lock for a moment: wait rather than fail.
        conn.execute("PRAGMA busy_timeout = 10000").await?;
    }
    Ok((conn, backend))
}

async fn applied_on(conn: &mut AnyConnection, backend: Backend) -> Result<Option<i64>> {
    let exists = match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    };
    let count: i64 = sqlx::query(exists).fetch_one(&mut *conn).await?.try_get(0)?;
    if count == 0 {
        return Ok(None);
    }
    let row = sqlx::query("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get::<Option<i64>, _>(0)?)
}

/// The newest migration applied to the database at `url`; `None` before Lede's first start.
pub async fn applied_migration(url: &str) -> Result<Option<i64>> {
    let (mut conn, backend) = connect(url).await?;
    let applied = applied_on(&mut conn, backend).await;
    conn.close().await.ok();
    applied
}

/// Whether the database at `url` holds a site worth keeping: any article, page, account or
/// upload. A database Lede only migrated (a command run once against it) is empty.
pub async fn has_content(url: &str) -> Result<bool> {
    let (mut conn, backend) = connect(url).await?;
    if applied_on(&mut conn, backend).await?.is_none() {
        conn.close().await.ok();
        return Ok(false);
    }
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM pages) \
         + (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM media)",
    )
    .fetch_one(&mut conn)
    .await?;
    let rows: i64 = row.try_get(0)?;
    conn.close().await.ok();
    Ok(rows > 0)
}

/// Copies the SQLite database at `url` into a new file at `dest` with `VACUUM INTO`: one read
/// transaction, so the copy is the database as of one instant even while a server writes
/// (WAL lets it go on writing meanwhile), and a compact file with no WAL beside it.
/// Returns the migration version the copy carries.
pub async fn sqlite_snapshot(url: &str, dest: &Path) -> Result<i64> {
    let (mut conn, backend) = connect(url).await?;
    if backend != Backend::Sqlite {
        return Err(Error::Config("a SQLite snapshot needs a sqlite: database URL".into()));
    }
    let Some(version) = applied_on(&mut conn, backend).await? else {
        return Err(Error::Config("the database holds no Lede site (never started)".into()));
    };
    let dest = dest
        .to_str()
        .ok_or_else(|| Error::Config(format!("{} is not a UTF-8 path", dest.display())))?;
    sqlx::query("VACUUM INTO $1").bind(dest).execute(&mut conn).await?;
    conn.close().await.ok();
    Ok(version)
}
