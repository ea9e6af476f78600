//! Comments: durable storage of what readers send, and the moderation states.

use super::SqlStore;
use super::rows::{from_unix, to_unix};
use crate::{Error, QueuedComment, Result};
use lede_core::Invalid;
use lede_core::comment::{CheckedComment, Comment, CommentStatus};
use lede_core::content::{ArticleId, CommentId};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

const COMMENT_COLUMNS: &str = "id, article_id, parent_id, name, website, body, status, created_at";
const COMMENT_COLUMNS_C: &str =
    "c.id, c.article_id, c.parent_id, c.name, c.website, c.body, c.status, c.created_at";

pub(super) fn comment(row: &AnyRow) -> Result<Comment> {
    Ok(Comment {
        id: CommentId(row.try_get("id")?),
        article: ArticleId(row.try_get("article_id")?),
        parent: row.try_get::<Option<i64>, _>("parent_id")?.map(CommentId),
        name: row.try_get("name")?,
        website: row.try_get("website")?,
        text: row.try_get("body")?,
        status: CommentStatus::parse(&row.try_get::<String, _>("status")?)?,
        created_at: from_unix(row.try_get("created_at")?),
    })
}

impl SqlStore {
    pub(crate) async fn add_comment(
        &self,
        article: ArticleId,
        input: &CheckedComment,
        email_hash: &str,
        status: CommentStatus,
        now: OffsetDateTime,
    ) -> Result<CommentId> {
        let mut tx = self.begin().await?;
        if let Some(parent) = input.parent {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM comments WHERE id = $1 AND article_id = $2 AND status = 'approved'",
            )
            .bind(parent.0)
            .bind(article.0)
            .fetch_optional(&mut *tx)
            .await?;
            if found.is_none() {
                return Err(Invalid::new("parent", "store-reply-other-article").into());
            }
        }
        let id = sqlx::query_scalar(
            "INSERT INTO comments (article_id, parent_id, name, email_hash, website, body, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(article.0)
        .bind(input.parent.map(|p| p.0))
        .bind(input.name.as_str())
        .bind(email_hash)
        .bind(input.website.as_deref())
        .bind(input.text.as_str())
        .bind(status.as_str())
        .bind(to_unix(now))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(CommentId(id))
    }

    pub async fn approved_comments(&self, article: ArticleId) -> Result<Vec<Comment>> {
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM comments WHERE article_id = $1 AND status = 'approved' \
             ORDER BY created_at, id"
        );
        let rows = sqlx::query(&sql).bind(article.0).fetch_all(&self.read).await?;
        rows.iter().map(comment).collect()
    }

    pub async fn list_comments(&self, status: CommentStatus, limit: u32) -> Result<Vec<Comment>> {
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM comments WHERE status = $1 ORDER BY created_at, id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(status.as_str())
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(comment).collect()
    }

    pub async fn moderation_queue(
        &self,
        status: CommentStatus,
        limit: u32,
    ) -> Result<Vec<QueuedComment>> {
        let sql = format!(
            "SELECT {COMMENT_COLUMNS_C}, a.slug AS article_slug, a.headline AS article_headline \
             FROM comments c JOIN articles a ON a.id = c.article_id \
             WHERE c.status = $1 ORDER BY c.created_at, c.id LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(status.as_str())
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(QueuedComment {
                    comment: comment(row)?,
                    article: super::rows::named(row, "article_slug", "article_headline")?,
                })
            })
            .collect()
    }

    /// One comment by id, whatever its status.
    pub async fn comment(&self, id: CommentId) -> Result<Option<Comment>> {
        let sql = format!("SELECT {COMMENT_COLUMNS} FROM comments WHERE id = $1");
        let row = sqlx::query(&sql).bind(id.0).fetch_optional(&self.read).await?;
        row.as_ref().map(comment).transpose()
    }

    pub async fn count_comments(&self, status: CommentStatus) -> Result<u64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE status = $1")
            .bind(status.as_str())
            .fetch_one(&self.read)
            .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// Sets a comment's status; approving one queues `comment.approved` for the webhooks in
    /// the same transaction.
    pub(crate) async fn set_comment_status(
        &self,
        id: CommentId,
        status: CommentStatus,
        now: OffsetDateTime,
    ) -> Result<Comment> {
        let mut tx = self.begin().await?;
        let before: Option<String> =
            sqlx::query_scalar("SELECT status FROM comments WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let before = before.ok_or(Error::NotFound("comment"))?;
        let sql =
            format!("UPDATE comments SET status = $1 WHERE id = $2 RETURNING {COMMENT_COLUMNS}");
        let row = sqlx::query(&sql)
            .bind(status.as_str())
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(Error::NotFound("comment"))?;
        let comment = comment(&row)?;
        if status == CommentStatus::Approved && before != CommentStatus::Approved.as_str() {
            let event = lede_core::webhook::Event::CommentApproved;
            super::webhooks::enqueue(&mut tx, event, Some(comment.article), Some(id), now).await?;
        }
        tx.commit().await?;
        Ok(comment)
    }
}
