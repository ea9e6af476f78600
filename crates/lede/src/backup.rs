//! `lede backup` and `lede restore`: the whole site, database and media, in one tar file.
//!
//! The file holds, in this order:
//! - `manifest.json`: Lede's version, the backend, the schema (newest migration applied), when,
//!   and what follows, so `lede restore` can refuse a backup it cannot restore before touching
//!   anything;
//! - `lede.db` (SQLite, made with `VACUUM INTO`) or `lede.pgdump` (PostgreSQL, `pg_dump
//!   --format=custom`);
//! - `media/…`: uploads, their variants, demo images, author pictures.
//!
//! The database is copied first and the media after: uploads write their files before their
//! row, so every file the copied database names is on disk by the time media is read. A file
//! written later is carried along unused; nothing the database refers to is missing.

use crate::config::Config;
use anyhow::{Context, Result, bail, ensure};
use lede_store::sql::Backend;
use lede_store::sql::backup as db;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The layout of the file; a later Lede that changes it bumps this.
const FORMAT: u32 = 1;
const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "lede.db";
const POSTGRES_FILE: &str = "lede.pgdump";

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub lede_version: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// The newest database migration applied when the backup was made.
    pub schema_version: i64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub database_file: String,
    pub database_bytes: u64,
    pub media_files: u64,
    pub media_bytes: u64,
}

fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// A directory removed when dropped: the half-made backup or restore after a failure.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The database file a `sqlite:` URL names (`sqlite://data/lede.db?mode=rwc` → `data/lede.db`).
fn sqlite_path(url: &str) -> Result<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    let path = rest.split('?').next().unwrap_or_default();
    ensure!(!path.is_empty() && !path.starts_with(":memory:"), "{url} is not a database file");
    Ok(PathBuf::from(path))
}

/// Every regular file under `dir`, as paths relative to it, sorted; none when it is missing.
fn files_under(dir: &Path) -> Result<Vec<(PathBuf, u64)>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = match std::fs::read_dir(dir.join(&relative)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        for entry in entries {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            // Follows links: a media folder linked from elsewhere is still the site's media.
            let Ok(meta) = std::fs::metadata(entry.path()) else { continue };
            if meta.is_dir() {
                pending.push(path);
            } else if meta.is_file() {
                found.push((path, meta.len()));
            }
        }
    }
    found.sort();
    Ok(found)
}

pub async fn backup(config: &Config, output: &Path, force: bool) -> Result<()> {
    let started = Instant::now();
    if output.exists() && !force {
        bail!(
            "{} already exists: choose another name, or add --force to replace it",
            output.display()
        );
    }
    let backend = Backend::from_url(&config.database_url)?;
    let url = &config.database_url;
    let parent = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    ensure!(parent.is_dir(), "the folder {} does not exist", parent.display());
    let name = output.file_name().context("--output must name a file")?.to_string_lossy();
    // Everything is made beside the output and renamed at the end: a failed or interrupted
    // backup never leaves a file that looks complete.
    let scratch = Scratch(parent.join(format!(".{name}.{}.partial", std::process::id())));
    std::fs::create_dir_all(&scratch.0)
        .with_context(|| format!("cannot write in {}", parent.display()))?;

    let (database, database_file, schema_version) = match backend {
        Backend::Sqlite => {
            let path = sqlite_path(url)?;
            ensure!(
                path.is_file(),
                "there is no database at {}: is --data (or --database-url) right?",
                path.display()
            );
            let copy = scratch.0.join(SQLITE_FILE);
            let version = db::sqlite_snapshot(url, &copy)
                .await
                .with_context(|| format!("copying the database {}", path.display()))?;
            (copy, SQLITE_FILE, version)
        }
        Backend::Postgres => {
            let version = db::applied_migration(url)
                .await
                .with_context(|| format!("reading {}", crate::config::redact(url)))?
                .context("the database holds no Lede site (Lede never started on it)")?;
            let dump = scratch.0.join(POSTGRES_FILE);
            pg_dump(url, &dump)?;
            (dump, POSTGRES_FILE, version)
        }
    };
    let database_bytes = std::fs::metadata(&database)?.len();
    let media_dir = config.data_dir.join("media");
    let media = files_under(&media_dir)?;
    let manifest = Manifest {
        format: FORMAT,
        lede_version: env!("CARGO_PKG_VERSION").to_owned(),
        backend: backend_name(backend).to_owned(),
        schema_version,
        created_at: now_rfc3339(),
        database_file: database_file.to_owned(),
        database_bytes,
        media_files: media.len() as u64,
        media_bytes: media.iter().map(|(_, bytes)| bytes).sum(),
    };

    let partial = scratch.0.join("backup.tar");
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut tar = tar::Builder::new(BufWriter::new(file));
    tar.follow_symlinks(true);
    let json = serde_json::to_vec_pretty(&manifest)?;
    let mut header = tar::Header::new_gnu();
    header.set_size(json.len() as u64);
    header.set_mode(0o644);
    header.set_mtime(time::OffsetDateTime::now_utc().unix_timestamp().max(0) as u64);
    header.set_cksum();
    tar.append_data(&mut header, MANIFEST, json.as_slice())?;
    tar.append_path_with_name(&database, database_file)?;
    let mut skipped = 0;
    for (relative, _) in &media {
        match tar.append_path_with_name(media_dir.join(relative), Path::new("media").join(relative))
        {
            Ok(()) => {}
            // Deleted from the library since the listing: the copied database may name it
            // only if it was deleted after the copy, and then the site deleted it anyway.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => skipped += 1,
            Err(e) => {
                return Err(e).with_context(|| format!("adding media/{}", relative.display()));
            }
        }
    }
    let mut out = tar.into_inner()?;
    out.flush()?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, output)
        .with_context(|| format!("cannot write {}", output.display()))?;
    let size = std::fs::metadata(output)?.len();
    println!(
        "Backed up the {} database (schema {}) and {} media files to {} ({}) in {:.2} s.",
        manifest.backend,
        schema_version,
        manifest.media_files - skipped,
        output.display(),
        megabytes(size),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub async fn restore(config: &Config, file: &Path, force: bool) -> Result<()> {
    let started = Instant::now();
    let manifest = read_manifest(file)?;
    let target = Backend::from_url(&config.database_url)?;
    let url = &config.database_url;
    ensure!(
        manifest.format <= FORMAT,
        "{} was written by a newer Lede ({}, backup format {}): restore it with that version",
        file.display(),
        manifest.lede_version,
        manifest.format
    );
    if manifest.backend != backend_name(target) {
        bail!(
            "{} is a backup of a {} site and the target is {}: a backup restores only into the \
             same kind of database (SQLite with --data, PostgreSQL with --database-url \
             postgres://…); moving between them is not supported",
            file.display(),
            manifest.backend,
            backend_name(target)
        );
    }
    let ours = db::latest_migration(target);
    if manifest.schema_version > ours {
        bail!(
            "{} was made by Lede {} with database schema {}, newer than this Lede {} knows (up \
             to {}): restore it with Lede {} or newer",
            file.display(),
            manifest.lede_version,
            manifest.schema_version,
            env!("CARGO_PKG_VERSION"),
            ours,
            manifest.lede_version
        );
    }

    // Nothing is replaced by accident: a site with content needs --force.
    let media_dir = config.data_dir.join("media");
    let existing_media = files_under(&media_dir)?.len();
    let existing_database = match target {
        Backend::Sqlite => {
            let path = sqlite_path(url)?;
            path.is_file() && db::has_content(url).await.unwrap_or(true)
        }
        Backend::Postgres => db::has_content(url)
            .await
            .with_context(|| format!("cannot reach {}", crate::config::redact(url)))?,
    };
    if (existing_database || existing_media > 0) && !force {
        bail!(
            "the site in {} already holds {}: restore would replace it. Restore into a new \
             --data directory (or an empty database), or add --force to replace it",
            match target {
                Backend::Sqlite => config.data_dir.display().to_string(),
                Backend::Postgres => crate::config::redact(url),
            },
            match (existing_database, existing_media) {
                (true, 0) => "content".to_owned(),
                (false, n) => format!("{n} media files"),
                (true, n) => format!("content and {n} media files"),
            }
        );
    }

    let scratch = Scratch(config.data_dir.join(format!(".restore-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&scratch.0);
    std::fs::create_dir_all(&scratch.0)?;
    let mut archive = tar::Archive::new(BufReader::new(File::open(file)?));
    let mut media_files = 0u64;
    for entry in archive.entries().with_context(|| format!("reading {}", file.display()))? {
        let mut entry = entry.with_context(|| format!("reading {}", file.display()))?;
        let path = entry.path()?.into_owned();
        let name = path.to_string_lossy();
        if name == manifest.database_file {
            entry.unpack(scratch.0.join(&manifest.database_file))?;
        } else if path.starts_with("media") {
            // `unpack_in` refuses paths that would leave the folder (`..`, absolute).
            if entry.unpack_in(&scratch.0)? && entry.header().entry_type().is_file() {
                media_files += 1;
            }
        } else if name != MANIFEST {
            tracing::warn!("{name} in the backup is not Lede's; left out");
        }
    }
    let database = scratch.0.join(&manifest.database_file);
    ensure!(
        database.is_file(),
        "{} holds no {}: not a whole backup",
        file.display(),
        manifest.database_file
    );
    if media_files != manifest.media_files {
        // Files deleted from the library while the backup was made are listed but not held.
        tracing::warn!(
            "{} holds {media_files} media files, its manifest lists {}",
            file.display(),
            manifest.media_files
        );
    }

    match target {
        Backend::Sqlite => {
            let path = sqlite_path(url)?;
            // The old database's write-ahead log must not be replayed onto the new file.
            for suffix in ["-wal", "-shm", "-journal"] {
                let mut side = path.clone().into_os_string();
                side.push(suffix);
                match std::fs::remove_file(&side) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(e).context("removing the old database's log");
                    }
                    _ => {}
                }
            }
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder)?;
            }
            if std::fs::rename(&database, &path).is_err() {
                // Another file system: copy instead.
                std::fs::copy(&database, &path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        Backend::Postgres => pg_restore(url, &database)?,
    }
    match std::fs::remove_dir_all(&media_dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("cannot replace {}", media_dir.display()));
        }
        _ => {}
    }
    let restored_media = scratch.0.join("media");
    if restored_media.is_dir() {
        std::fs::rename(&restored_media, &media_dir)
            .with_context(|| format!("cannot write {}", media_dir.display()))?;
    } else {
        std::fs::create_dir_all(&media_dir)?;
    }
    println!(
        "Restored the {} site backed up at {} by Lede {} (schema {}) and {} media files into \
         {} in {:.2} s.",
        manifest.backend,
        manifest.created_at,
        manifest.lede_version,
        manifest.schema_version,
        media_files,
        match target {
            Backend::Sqlite => config.data_dir.display().to_string(),
            Backend::Postgres => crate::config::redact(url),
        },
        started.elapsed().as_secs_f64()
    );
    if manifest.schema_version < ours {
        println!(
            "The next `lede serve` brings its schema from {} to {ours}.",
            manifest.schema_version
        );
    }
    Ok(())
}

/// The manifest: the archive's first entry in every backup Lede writes.
pub fn read_manifest(file: &Path) -> Result<Manifest> {
    let opened = File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let mut archive = tar::Archive::new(BufReader::new(opened));
    let not_a_backup =
        || format!("{} is not a Lede backup (made by `lede backup`)", file.display());
    let mut entries = archive.entries().with_context(not_a_backup)?;
    let entry = entries.next().with_context(not_a_backup)?.with_context(not_a_backup)?;
    ensure!(entry.path().ok().is_some_and(|p| p == Path::new(MANIFEST)), not_a_backup());
    serde_json::from_reader(entry).with_context(not_a_backup)
}

fn pg_dump(url: &str, dump: &Path) -> Result<()> {
    let output = Command::new("pg_dump")
        .arg("--format=custom")
        .arg("--file")
        .arg(dump)
        .arg("--dbname")
        .arg(url)
        .output();
    run_tool("pg_dump", output)
}

fn pg_restore(url: &str, dump: &Path) -> Result<()> {
    // --clean --if-exists: the same command restores into an empty database or over a site
    // (with --force); --single-transaction: all of it or, on an error, none of it.
    let output = Command::new("pg_restore")
        .args(["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"])
        .arg("--dbname")
        .arg(url)
        .arg(dump)
        .output();
    run_tool("pg_restore", output)
}

fn run_tool(tool: &str, output: std::io::Result<std::process::Output>) -> Result<()> {
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{tool} was not found: install PostgreSQL's client tools (`apt-get install \
             postgresql-client`, the server's major version or newer) and put them on PATH"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot run {tool}")),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let message =
            stderr.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("; ");
        bail!("{tool} failed ({}): {}", output.status, crate::config::redact(&message));
    }
    Ok(())
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite://data/lede.db?mode=rwc").ok(), Some("data/lede.db".into()));
        assert_eq!(sqlite_path("sqlite:///srv/lede.db").ok(), Some("/srv/lede.db".into()));
        assert_eq!(sqlite_path("sqlite:site.db").ok(), Some("site.db".into()));
        assert!(sqlite_path("sqlite::memory:").is_err());
    }
}
