//! The media library's records.

use super::SqlStore;
use super::rows::{from_unix, to_unix};
use crate::{Error, MediaItem, Result};
use lede_core::account::UserId;
use lede_core::alt_text::Description;
use sqlx::Row;
use sqlx::any::AnyRow;

const MEDIA_COLUMNS: &str = "id, path, original_name, mime, width, height, widths, bytes, \
    created_at, uploaded_by, alt, caption, credit";

fn item(row: &AnyRow) -> Result<MediaItem> {
    let number = |column: &str| -> Result<i64> { Ok(row.try_get::<i64, _>(column)?) };
    Ok(MediaJson(
        number("id")?,
        row.try_get("path")?,
        row.try_get("original_name")?,
        row.try_get("mime")?,
        number("width")?,
        number("height")?,
        row.try_get("widths")?,
        number("bytes")?,
        number("created_at")?,
        row.try_get("uploaded_by")?,
        row.try_get("alt")?,
        row.try_get("caption")?,
        row.try_get("credit")?,
    )
    .into())
}

/// [`MEDIA_COLUMNS`] of the table aliased `m`, for a [`super::json::rows`] list of images.
pub(super) const MEDIA_VALUES: &str = "m.id, m.path, m.original_name, m.mime, m.width, \
    m.height, m.widths, m.bytes, m.created_at, m.uploaded_by, m.alt, m.caption, m.credit";

/// A media library record as a row or a JSON list holds it: [`MEDIA_COLUMNS`]' values.
#[derive(serde::Deserialize)]
pub(super) struct MediaJson(
    i64,
    String,
    String,
    String,
    i64,
    i64,
    String,
    i64,
    i64,
    Option<i64>,
    String,
    String,
    String,
);

impl From<MediaJson> for MediaItem {
    fn from(m: MediaJson) -> Self {
        let number = |n: i64| u32::try_from(n).unwrap_or(0);
        MediaItem {
            id: m.0,
            path: m.1,
            original_name: m.2,
            mime: m.3,
            width: number(m.4),
            height: number(m.5),
            widths: m.6.split_whitespace().filter_map(|w| w.parse().ok()).collect(),
            bytes: u64::try_from(m.7).unwrap_or(0),
            created_at: from_unix(m.8),
            uploaded_by: m.9.map(UserId),
            description: Description { alt: m.10, caption: m.11, credit: m.12 },
        }
    }
}

impl SqlStore {
    pub(crate) async fn add_media(
        &self,
        media: &MediaItem,
        uploaded_by: Option<UserId>,
    ) -> Result<i64> {
        let widths: Vec<String> = media.widths.iter().map(u32::to_string).collect();
        let id = sqlx::query_scalar(
            "INSERT INTO media (path, original_name, mime, width, height, widths, bytes, uploaded_by, created_at, \
             alt, caption, credit) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(media.path.as_str())
        .bind(media.original_name.as_str())
        .bind(media.mime.as_str())
        .bind(i64::from(media.width))
        .bind(i64::from(media.height))
        .bind(widths.join(" "))
        .bind(i64::try_from(media.bytes).unwrap_or(i64::MAX))
        .bind(uploaded_by.map(|u| u.0))
        .bind(to_unix(media.created_at))
        .bind(media.description.alt.as_str())
        .bind(media.description.caption.as_str())
        .bind(media.description.credit.as_str())
        .fetch_one(&self.write)
        .await?;
        Ok(id)
    }

    /// The newest images whose file name, alt text, caption or credit holds `search`.
    pub async fn media(&self, search: &str, limit: u32) -> Result<Vec<MediaItem>> {
        let pattern = format!("%{}%", search.trim().to_lowercase().replace(['%', '_'], ""));
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media \
             WHERE LOWER(original_name || ' ' || alt || ' ' || caption || ' ' || credit) LIKE $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2"
        );
        let rows =
            sqlx::query(&sql).bind(pattern).bind(i64::from(limit)).fetch_all(&self.read).await?;
        rows.iter().map(item).collect()
    }

    pub async fn media_by_id(&self, id: i64) -> Result<Option<MediaItem>> {
        let sql = format!("SELECT {MEDIA_COLUMNS} FROM media WHERE id = $1");
        let row = sqlx::query(&sql).bind(id).fetch_optional(&self.read).await?;
        row.as_ref().map(item).transpose()
    }

    pub async fn media_by_path(&self, path: &str) -> Result<Option<MediaItem>> {
        let sql = format!("SELECT {MEDIA_COLUMNS} FROM media WHERE path = $1");
        let row = sqlx::query(&sql).bind(path).fetch_optional(&self.read).await?;
        row.as_ref().map(item).transpose()
    }

    /// The library's records of the images at `paths` (those it holds), in one query
    /// whatever their number, so a page with many images costs what a page with one does.
    pub async fn media_by_paths(&self, paths: &[&str]) -> Result<Vec<MediaItem>> {
        if paths.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {MEDIA_COLUMNS} FROM media WHERE path IN ({})",
            super::placeholders(1, paths.len())
        );
        let mut query = sqlx::query(&sql);
        for path in paths {
            query = query.bind(*path);
        }
        query.fetch_all(&self.read).await?.iter().map(item).collect()
    }

    /// Keeps `description` as the image's alt text, caption and credit.
    pub(crate) async fn describe_media(&self, id: i64, description: &Description) -> Result<()> {
        let done =
            sqlx::query("UPDATE media SET alt = $1, caption = $2, credit = $3 WHERE id = $4")
                .bind(description.alt.as_str())
                .bind(description.caption.as_str())
                .bind(description.credit.as_str())
                .bind(id)
                .execute(&self.write)
                .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("image"));
        }
        Ok(())
    }

    pub async fn media_used_by(&self, path: &str) -> Result<Option<String>> {
        let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
        let headline: Option<String> = sqlx::query_scalar(
            "SELECT headline FROM articles WHERE image_src = $1 OR social_image = $1 \
             OR body_markdown LIKE $2 ORDER BY id LIMIT 1",
        )
        .bind(path)
        .bind(format!("%{}%", stem.replace(['%', '_'], "")))
        .fetch_optional(&self.read)
        .await?;
        Ok(headline)
    }

    pub(crate) async fn delete_media(&self, id: i64) -> Result<()> {
        let done =
            sqlx::query("DELETE FROM media WHERE id = $1").bind(id).execute(&self.write).await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("image"));
        }
        Ok(())
    }
}
