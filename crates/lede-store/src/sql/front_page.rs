//! The front page's reads (its top story, featured and latest articles in one round trip),
//! the breaking-news banners, and the settings several pages read at once.

use super::articles::{AnyQuery, Bind, bind_all, filter_clause};
use super::rows::{SUMMARY_COLUMNS, from_unix, to_unix};
use super::{SqlStore, placeholders};
use crate::{ArticleFilter, Result};
use lede_core::account::UserId;
use lede_core::content::ArticleSummary;
use lede_core::presentation::BreakingNews;
use sqlx::Row;
use time::OffsetDateTime;

/// The settings keys of the site's logo, its default share image and the number of "You May
/// Also Like" cards.
pub(crate) const SITE_LOGO_KEY: &str = "site_logo";
pub(crate) const SHARE_IMAGE_KEY: &str = "site_share_image";
pub(crate) const RELATED_COUNT_KEY: &str = "related_count";

/// An edition's front page as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontPage {
    /// The article an editor pinned as the lead, if any (the newest, should there be two).
    pub top_story: Option<ArticleSummary>,
    /// Featured articles, newest first.
    pub featured: Vec<ArticleSummary>,
    /// The newest articles, the top story and featured ones included where they are new.
    pub latest: Vec<ArticleSummary>,
}

impl SqlStore {
    /// The top story, the `featured` newest featured articles and the `latest` newest of the
    /// list `filter` selects (an edition's), in one statement: each part is a short read by
    /// its own index (the top story and featured ones by partial indexes holding only them, so
    /// a site with none reads none, however large its archive).
    pub async fn front_page(
        &self,
        filter: &ArticleFilter,
        featured: u32,
        latest: u32,
    ) -> Result<FrontPage> {
        let statement = FrontPageStatement::new(filter, "");
        let rows = statement.query(featured, latest).fetch_all(&self.read).await?;
        let summaries = self.summaries(&rows).await?;
        let mut page = FrontPage { top_story: None, featured: Vec::new(), latest: Vec::new() };
        for (row, summary) in rows.iter().zip(summaries) {
            match row.try_get::<i64, _>("list")? {
                1 => page.top_story = Some(summary),
                2 => page.featured.push(summary),
                _ => page.latest.push(summary),
            }
        }
        Ok(page)
    }

    /// The database's plan for [`SqlStore::front_page`]'s statement, one line per step
    /// (SQLite's `EXPLAIN QUERY PLAN` details, PostgreSQL's `EXPLAIN` lines): tests read it to
    /// prove that no part of the front page walks the archive.
    #[cfg(feature = "test-support")]
    pub async fn front_page_plan(
        &self,
        filter: &ArticleFilter,
        featured: u32,
        latest: u32,
    ) -> Result<Vec<String>> {
        let (explain, column) = match self.backend {
            super::Backend::Sqlite => ("EXPLAIN QUERY PLAN ", "detail"),
            super::Backend::Postgres => ("EXPLAIN ", "QUERY PLAN"),
        };
        let statement = FrontPageStatement::new(filter, explain);
        let rows = statement.query(featured, latest).fetch_all(&self.read).await?;
        rows.iter().map(|row| Ok(row.try_get::<String, _>(column)?)).collect()
    }

    /// Every breaking-news banner stored, expired or not, by language.
    pub async fn breaking_news(&self) -> Result<Vec<BreakingNews>> {
        let rows = sqlx::query(
            "SELECT language, text, link, expires_at FROM breaking_news ORDER BY language",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BreakingNews {
                    language: row.try_get("language")?,
                    text: row.try_get("text")?,
                    link: row.try_get("link")?,
                    expires_at: from_unix(row.try_get("expires_at")?),
                })
            })
            .collect()
    }

    /// Sets the banner of `banner.language`'s edition, replacing the one it had.
    pub(crate) async fn put_breaking_news(
        &self,
        banner: &BreakingNews,
        by: Option<UserId>,
        now: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO breaking_news (language, text, link, expires_at, set_at, set_by) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (language) DO UPDATE SET \
             text = excluded.text, link = excluded.link, expires_at = excluded.expires_at, \
             set_at = excluded.set_at, set_by = excluded.set_by",
        )
        .bind(banner.language.as_str())
        .bind(banner.text.as_str())
        .bind(banner.link.as_deref())
        .bind(to_unix(banner.expires_at))
        .bind(to_unix(now))
        .bind(by.map(|u| u.0))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Takes down `language`'s banner; returns whether it had one.
    pub(crate) async fn delete_breaking_news(&self, language: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM breaking_news WHERE language = $1")
            .bind(language)
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Removes the banners expired by `now`; returns how many.
    pub(crate) async fn delete_expired_breaking_news(&self, now: OffsetDateTime) -> Result<u64> {
        let done = sqlx::query("DELETE FROM breaking_news WHERE expires_at <= $1")
            .bind(to_unix(now))
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected())
    }

    /// Whether `path` is the site's logo or default share image, which the media library
    /// keeps while it is.
    pub async fn is_site_image(&self, path: &str) -> Result<bool> {
        let images = self.settings(&[SITE_LOGO_KEY, SHARE_IMAGE_KEY]).await?;
        Ok(images.iter().any(|(_, value)| value == path))
    }

    /// The values of the settings `keys` that are set, in one query.
    pub async fn settings(&self, keys: &[&str]) -> Result<Vec<(String, String)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT key, value FROM settings WHERE key IN ({}) ORDER BY key",
            placeholders(1, keys.len())
        );
        let mut query = sqlx::query(&sql);
        for key in keys {
            query = query.bind(*key);
        }
        let rows = query.fetch_all(&self.read).await?;
        rows.iter().map(|row| Ok((row.try_get("key")?, row.try_get("value")?))).collect()
    }
}

/// The front page's statement, after `prefix` (empty, or an `EXPLAIN`), and its filter's values.
struct FrontPageStatement {
    sql: String,
    binds: Vec<Bind>,
}

impl FrontPageStatement {
    fn new(filter: &ArticleFilter, prefix: &str) -> Self {
        let (clause, binds) = filter_clause(filter);
        let n = binds.len();
        let part = |list: u32, only: &str, limit: String| {
            format!(
                "SELECT * FROM (SELECT CAST({list} AS BIGINT) AS list, {SUMMARY_COLUMNS} \
                 FROM articles a JOIN sections s ON s.id = a.section_id \
                 WHERE {clause}{only} ORDER BY a.published_at DESC, a.id DESC LIMIT {limit}) \
                 AS part{list}"
            )
        };
        let parts = [
            part(1, " AND a.top_story = 1", "1".to_owned()),
            part(2, " AND a.featured = 1", format!("${}", n + 1)),
            part(3, "", format!("${}", n + 2)),
        ];
        Self { sql: format!("{prefix}{}", parts.join(" UNION ALL ")), binds }
    }

    fn query(&self, featured: u32, latest: u32) -> AnyQuery<'_> {
        bind_all(sqlx::query(&self.sql), &self.binds)
            .bind(i64::from(featured))
            .bind(i64::from(latest))
    }
}
