//! What the content API reads and keeps: lists by keyset (newest-first articles after a
//! `(published_at, id)` position; authors and tags after an id) and partners' API keys.
//!
//! Keyset rather than `OFFSET`: a page continues strictly after the last row the client saw,
//! so articles published meanwhile neither repeat nor push others off a page, and the last
//! page costs what the first does.

use super::SqlStore;
use super::articles::{bind_all, filter_clause};
use super::rows::{self, AUTHOR_COLUMNS, SUMMARY_COLUMNS, from_unix, to_unix};
use crate::{ArticleCursor, ArticleFilter, Error, KeysetPage, Result};
use lede_core::api_key::ApiKey;
use lede_core::content::*;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// The most rows one page may hold, whatever a caller asks.
const MAX_LIMIT: u32 = 100;

const API_KEY_COLUMNS: &str = "id, partner, hint, created_at, revoked_at";

fn api_key(row: &AnyRow) -> Result<ApiKey> {
    Ok(ApiKey {
        id: ApiKeyId(row.try_get("id")?),
        partner: row.try_get("partner")?,
        hint: row.try_get("hint")?,
        created_at: from_unix(row.try_get("created_at")?),
        revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(from_unix),
    })
}

/// One more row than the page holds is fetched, to know whether another page follows.
fn overfetch(limit: u32) -> (u32, i64) {
    let limit = limit.clamp(1, MAX_LIMIT);
    (limit, i64::from(limit) + 1)
}

impl SqlStore {
    pub async fn list_articles_after(
        &self,
        filter: &ArticleFilter,
        after: Option<ArticleCursor>,
        limit: u32,
    ) -> Result<KeysetPage<ArticleSummary, ArticleCursor>> {
        let (limit, fetch) = overfetch(limit);
        let (mut clause, mut binds) = filter_clause(filter);
        if let Some(after) = after {
            binds.push(to_unix(after.published_at).into());
            binds.push(after.id.0.into());
            let (at, id) = (binds.len() - 1, binds.len());
            clause.push_str(&format!(
                " AND (a.published_at < ${at} OR (a.published_at = ${at} AND a.id < ${id}))"
            ));
        }
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${}",
            binds.len() + 1
        );
        let rows = bind_all(sqlx::query(&sql), &binds).bind(fetch).fetch_all(&self.read).await?;
        let items = self.summaries(&rows).await?;
        Ok(KeysetPage::from_overfetch(items, limit, ArticleCursor::after))
    }

    pub async fn list_authors_after(
        &self,
        after: Option<AuthorId>,
        limit: u32,
    ) -> Result<KeysetPage<Author, AuthorId>> {
        let (limit, fetch) = overfetch(limit);
        let sql = format!(
            "SELECT {AUTHOR_COLUMNS} FROM authors au WHERE au.id > $1 ORDER BY au.id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(after.map_or(0, |id| id.0))
            .bind(fetch)
            .fetch_all(&self.read)
            .await?;
        let items = rows.iter().map(rows::author).collect::<Result<Vec<_>>>()?;
        Ok(KeysetPage::from_overfetch(items, limit, |a| a.id))
    }

    pub async fn list_tags_after(
        &self,
        after: Option<TagId>,
        limit: u32,
    ) -> Result<KeysetPage<Tag, TagId>> {
        let (limit, fetch) = overfetch(limit);
        let rows =
            sqlx::query("SELECT id, slug, name FROM tags WHERE id > $1 ORDER BY id LIMIT $2")
                .bind(after.map_or(0, |id| id.0))
                .bind(fetch)
                .fetch_all(&self.read)
                .await?;
        let items = rows
            .iter()
            .map(|r| {
                Ok(Tag {
                    id: TagId(r.try_get("id")?),
                    slug: rows::slug(r, "slug")?,
                    name: r.try_get("name")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(KeysetPage::from_overfetch(items, limit, |t| t.id))
    }

    pub(crate) async fn add_api_key(
        &self,
        partner: &str,
        key_hash: &str,
        hint: &str,
        now: OffsetDateTime,
    ) -> Result<ApiKey> {
        let sql = format!(
            "INSERT INTO api_keys (partner, key_hash, hint, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING {API_KEY_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(partner)
            .bind(key_hash)
            .bind(hint)
            .bind(to_unix(now))
            .fetch_one(&self.write)
            .await?;
        api_key(&row)
    }

    pub async fn api_keys(&self) -> Result<Vec<ApiKey>> {
        let sql = format!("SELECT {API_KEY_COLUMNS} FROM api_keys ORDER BY id");
        let rows = sqlx::query(&sql).fetch_all(&self.read).await?;
        rows.iter().map(api_key).collect()
    }

    pub async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKey>> {
        let sql = format!("SELECT {API_KEY_COLUMNS} FROM api_keys WHERE key_hash = $1");
        let row = sqlx::query(&sql).bind(key_hash).fetch_optional(&self.read).await?;
        row.as_ref().map(api_key).transpose()
    }

    pub(crate) async fn revoke_api_key(&self, id: ApiKeyId, now: OffsetDateTime) -> Result<ApiKey> {
        let sql = format!(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 \
             RETURNING {API_KEY_COLUMNS}"
        );
        let row = sqlx::query(&sql)
            .bind(to_unix(now))
            .bind(id.0)
            .fetch_optional(&self.write)
            .await?
            .ok_or(Error::NotFound("API key"))?;
        api_key(&row)
    }
}
