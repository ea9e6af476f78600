//! Throwaway databases for tests, on both backends, and a small fixture site.
//!
//! PostgreSQL tests create their own database on the server at `LEDE_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`) and drop it afterwards, so runs never
//! collide. When the server is unreachable they fail, saying so, unless `LEDE_TEST_SKIP_POSTGRES=1`
//! is set (a developer's explicit opt-out; CI never sets it).

use crate::Newsroom;
use crate::sql::SqlStore;
use lede_core::content::*;
use lede_core::{ManualClock, Slug};
use sqlx::{Connection, Executor};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use time::OffsetDateTime;
use time::macros::datetime;

/// The fixed "now" of test clocks.
pub const NOW: OffsetDateTime = datetime!(2026-11-28 12:00 UTC);

/// Runs each listed async test function (taking a [`TestDb`]) on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let db = $crate::test_support::TestDb::sqlite().await;
                super::$name(&db).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(db) = $crate::test_support::TestDb::postgres().await else { return };
                super::$name(&db).await;
            })*
        }
    };
}

/// A fresh database with migrations applied, removed when dropped.
#[derive(Debug)]
pub struct TestDb {
    pub store: SqlStore,
    pub clock: Arc<ManualClock>,
    pub url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Directory(PathBuf),
    Database { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "lede_test_{}_{}_{:08x}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        rand::random::<u32>()
    )
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = std::env::temp_dir().join(unique_name());
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        let url = format!("sqlite://{}/lede.db?mode=rwc", dir.display());
        let store = SqlStore::open(&url).await.expect("open a SQLite test database");
        Self::new(store, url, Cleanup::Directory(dir))
    }

    /// A fresh PostgreSQL database, or `None` when the developer opted out.
    pub async fn postgres() -> Option<Self> {
        if std::env::var("LEDE_TEST_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
            eprintln!("LEDE_TEST_SKIP_POSTGRES=1: skipping a PostgreSQL test");
            return None;
        }
        let admin_url = std::env::var("LEDE_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        let name = unique_name();
        let mut admin = sqlx::PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is not reachable at {admin_url} ({e}). Start it, point \
                 LEDE_TEST_POSTGRES_URL at one, or set LEDE_TEST_SKIP_POSTGRES=1 to skip these tests."
            )
        });
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create a PostgreSQL test database");
        let (base, _) = admin_url.rsplit_once('/').expect("a database URL has a path");
        let url = format!("{base}/{name}");
        let store = SqlStore::open(&url).await.expect("open the PostgreSQL test database");
        Some(Self::new(store, url, Cleanup::Database { admin_url, name }))
    }

    fn new(store: SqlStore, url: String, cleanup: Cleanup) -> Self {
        Self { store, clock: Arc::new(ManualClock::new(NOW)), url, cleanup }
    }

    pub fn store(&self) -> SqlStore {
        self.store.clone()
    }

    pub async fn newsroom(&self) -> Newsroom {
        Newsroom::new(self.store(), self.clock.clone()).await.expect("newsroom")
    }

    /// Runs one SQL statement with text parameters, past every rule of the domain: what an
    /// older version of Lede or a database tool may have left behind, for tests of the
    /// defences that stand behind those rules.
    pub async fn execute_raw(&self, sql: &str, values: &[&str]) {
        self.store.execute_raw(sql, values).await.expect("a raw statement");
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Directory(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs outside async; a short-lived runtime on its own thread does the SQL.
                let _ = std::thread::spawn(move || {
                    let runtime =
                        tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                    runtime.block_on(async {
                        let mut admin = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                        admin
                            .execute(
                                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                            )
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
    }
}

pub fn slug(text: &str) -> Slug {
    Slug::parse(text).expect("a valid slug")
}

/// An article input with sensible defaults, for tests to adjust.
pub fn article(
    slug_text: &str,
    headline: &str,
    section: &str,
    authors: &[&str],
    tags: &[&str],
    body: &str,
) -> ArticleInput {
    ArticleInput {
        slug: slug(slug_text),
        headline: headline.to_owned(),
        standfirst: format!("Standfirst of {headline}."),
        body_markdown: body.to_owned(),
        language: "en".to_owned(),
        section: slug(section),
        tags: tags.iter().map(|t| slug(t)).collect(),
        authors: authors.iter().map(|a| slug(a)).collect(),
        featured_image: None,
        partner_only: false,
        translation_of: None,
    }
}

/// A newsroom over `db` holding [`load_fixture`]'s site.
pub async fn fixture_newsroom(db: &TestDb) -> Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

/// A newsroom account with `role`, named "Some One", as the store reads it back.
pub async fn person(
    db: &TestDb,
    newsroom: &Newsroom,
    email: &str,
    role: lede_core::account::Role,
) -> lede_core::account::User {
    crate::Accounts::new(newsroom)
        .create_user(email, "Some One", role, "a long enough password")
        .await
        .expect("account");
    db.store().user_by_email(email).await.expect("query").expect("user")
}

/// A small site: two authors, three sections (politics nested under news), three tags, six
/// published articles a day apart (the newest first in lists) and one draft; its languages
/// are English (the default) and Urdu.
pub async fn load_fixture(newsroom: &Newsroom) {
    let languages = lede_core::language::SiteLanguages::new(&["en", "ur"], "en");
    newsroom.set_languages(languages.expect("valid tags")).await.expect("languages");
    let author = |slug_text: &str, name: &str, website: Option<&str>| AuthorInput {
        slug: slug(slug_text),
        name: name.to_owned(),
        bio: format!("{name} writes about the city."),
        website: website.map(str::to_owned),
        avatar: None,
    };
    newsroom
        .save_author(author("maya-chen", "Maya Chen", Some("https://maya.example.com")))
        .await
        .expect("author");
    newsroom.save_author(author("jonas-berg", "Jonas Berg", None)).await.expect("author");
    let section = |slug_text: &str, name: &str, parent: Option<&str>| SectionInput {
        slug: slug(slug_text),
        name: name.to_owned(),
        description: format!("{name} from Northbridge."),
        parent: parent.map(slug),
    };
    newsroom.save_section(section("news", "News", None), 0).await.expect("section");
    newsroom.save_section(section("politics", "Politics", Some("news")), 1).await.expect("section");
    newsroom.save_section(section("culture", "Culture", None), 2).await.expect("section");
    for (t, name) in [("river", "River"), ("budget", "Budget"), ("music", "Music")] {
        newsroom.save_tag(&slug(t), name).await.expect("tag");
    }
    let flood = "The river rose over the flood barrier at Saltmarsh and water reached homes. ";
    let budget = "The council budget vote cut library hours and raised council tax. ";
    let music = "The music festival brought bands and crowds to the old quay. ";
    let articles = [
        article(
            "river-floods-saltmarsh",
            "River floods Saltmarsh homes",
            "news",
            &["maya-chen"],
            &["river"],
            &flood.repeat(40),
        ),
        article(
            "budget-vote-passes",
            "Council budget vote passes",
            "politics",
            &["maya-chen"],
            &["budget"],
            &budget.repeat(60),
        ),
        article(
            "flood-barrier-plan",
            "Flood barrier plan for Saltmarsh",
            "news",
            &["maya-chen", "jonas-berg"],
            &["river"],
            &flood.repeat(20),
        ),
        article(
            "festival-returns",
            "Music festival returns to Old Quay",
            "culture",
            &["jonas-berg"],
            &["music"],
            &music.repeat(30),
        ),
        article(
            "budget-row-deepens",
            "Budget row deepens over libraries",
            "politics",
            &["maya-chen"],
            &["budget"],
            &budget.repeat(25),
        ),
        article(
            "river-clean-up",
            "Volunteers clean up the river banks",
            "news",
            &["jonas-berg"],
            &["river"],
            &flood.repeat(10),
        ),
    ];
    let count = articles.len() as i64;
    for (age, input) in articles.into_iter().enumerate() {
        let id = newsroom.save_article(None, input).await.expect("save article");
        let at = NOW - time::Duration::days(count - age as i64);
        newsroom.publish_article(id, Some(at)).await.expect("publish article");
    }
    let draft = article(
        "secret-draft",
        "A draft nobody may see",
        "news",
        &["maya-chen"],
        &["river"],
        "Not yet.",
    );
    newsroom.save_article(None, draft).await.expect("save draft");
}

/// A media store in a folder (key prefix) of its own in the real S3 server the tests share,
/// so tests never see each other's files. The files stay: the bucket lives in a cache folder
/// (`scripts/s3-server.sh stop` and removing it clears them).
///
/// The server is named by `LEDE_TEST_S3_ENDPOINT`, `LEDE_TEST_S3_BUCKET`, `LEDE_TEST_S3_REGION`,
/// `LEDE_TEST_S3_ACCESS_KEY_ID` and `LEDE_TEST_S3_SECRET_ACCESS_KEY`; without them, the
/// repository's `scripts/s3-server.sh start` starts Garage on loopback (building it once) and
/// its env file names it, so `cargo test --workspace` stays one command. When it cannot be had
/// the test fails, saying so, unless `LEDE_TEST_SKIP_S3=1` (a developer's explicit opt-out;
/// CI never sets it), when this gives `None`.
pub fn s3_media_store(label: &str) -> Option<crate::MediaStore> {
    if std::env::var("LEDE_TEST_SKIP_S3").is_ok_and(|v| v == "1") {
        eprintln!("LEDE_TEST_SKIP_S3=1: skipping an S3 media store test");
        return None;
    }
    let mut settings = match test_s3_server() {
        Ok(settings) => settings.clone(),
        Err(problem) => panic!(
            "no S3 server for the media store tests: {problem}. Run scripts/s3-server.sh start, \
             set LEDE_TEST_S3_*, or set LEDE_TEST_SKIP_S3=1 to skip these tests."
        ),
    };
    settings.prefix = format!("{label}-{}", unique_name());
    Some(crate::MediaStore::s3(&settings).expect("an S3 media store"))
}

/// The S3 server of this test run, found or started once per test process.
fn test_s3_server() -> &'static std::result::Result<crate::S3Settings, String> {
    static SERVER: std::sync::OnceLock<std::result::Result<crate::S3Settings, String>> =
        std::sync::OnceLock::new();
    SERVER.get_or_init(|| {
        let from_env = |name: &str| std::env::var(format!("LEDE_TEST_S3_{name}")).ok();
        let values: std::collections::HashMap<String, String> = if from_env("ENDPOINT").is_some() {
            ["ENDPOINT", "BUCKET", "REGION", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY"]
                .iter()
                .filter_map(|name| Some((name.to_string(), from_env(name)?)))
                .collect()
        } else {
            start_s3_server()?
        };
        let value =
            |name: &str| values.get(name).cloned().ok_or_else(|| format!("{name} is not given"));
        Ok(crate::S3Settings {
            endpoint: Some(value("ENDPOINT")?),
            bucket: value("BUCKET")?,
            region: value("REGION").unwrap_or_else(|_| "garage".into()),
            access_key_id: value("ACCESS_KEY_ID")?,
            secret_access_key: value("SECRET_ACCESS_KEY")?,
            prefix: String::new(),
        })
    })
}

/// Runs `scripts/s3-server.sh start` (a no-op when the server is up) and reads the env file
/// whose path it prints: `LEDE_S3_NAME=value` lines, given back by `NAME`.
fn start_s3_server() -> std::result::Result<std::collections::HashMap<String, String>, String> {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/s3-server.sh");
    let output = std::process::Command::new("bash")
        .arg(&script)
        .arg("start")
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    if !output.status.success() {
        return Err(format!("{} start failed ({})", script.display(), output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let env_file = stdout.lines().last().unwrap_or_default().trim();
    let text = std::fs::read_to_string(env_file)
        .map_err(|e| format!("cannot read the env file {env_file:?}: {e}"))?;
    Ok(text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("LEDE_S3_")?.split_once('='))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect())
}
