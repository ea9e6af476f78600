//! How much work waits in the site's background queues, for `/metrics`: read at scrape time in
//! one statement, by the indexes the queues are served by, so a scrape costs the same however
//! large the archive grows.

use super::SqlStore;
use super::rows::to_unix;
use crate::Result;
use sqlx::Row;
use time::OffsetDateTime;

/// The depth of each queue at one instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueDepths {
    /// Scheduled articles waiting for their time (the scheduler publishes them).
    pub scheduled: i64,
    /// Scheduled articles whose time has passed and that are still not live: above zero for
    /// longer than a scheduler run, the scheduler is stuck or not running.
    pub scheduled_overdue: i64,
    /// Articles submitted for review, waiting for an editor.
    pub in_review: i64,
    /// Published articles with changes saved for later, waiting for "Update".
    pub pending_versions: i64,
    /// Readers' comments awaiting moderation.
    pub comments_pending: i64,
    /// Webhook deliveries waiting for their (next) attempt.
    pub webhooks_pending: i64,
    /// Newsletter messages waiting to be sent or being sent.
    pub newsletter_messages: i64,
}

impl SqlStore {
    /// The queues' depths as of `now`.
    pub async fn queue_depths(&self, now: OffsetDateTime) -> Result<QueueDepths> {
        let row = sqlx::query(
            "SELECT \
               (SELECT COUNT(*) FROM articles WHERE status = 'scheduled') AS scheduled, \
               (SELECT COUNT(*) FROM articles WHERE status = 'scheduled' AND published_at <= $1) \
                 AS overdue, \
               (SELECT COUNT(*) FROM articles WHERE status = 'in_review') AS in_review, \
               (SELECT COUNT(*) FROM pending_versions) AS pending_versions, \
               (SELECT COUNT(*) FROM comments WHERE status = 'pending') AS comments_pending, \
               (SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending') \
                 AS webhooks_pending, \
               (SELECT COUNT(*) FROM newsletter_sends WHERE status IN ('pending', 'sending')) \
                 AS newsletter_messages",
        )
        .bind(to_unix(now))
        .fetch_one(&self.read)
        .await?;
        Ok(QueueDepths {
            scheduled: row.try_get("scheduled")?,
            scheduled_overdue: row.try_get("overdue")?,
            in_review: row.try_get("in_review")?,
            pending_versions: row.try_get("pending_versions")?,
            comments_pending: row.try_get("comments_pending")?,
            webhooks_pending: row.try_get("webhooks_pending")?,
            newsletter_messages: row.try_get("newsletter_messages")?,
        })
    }
}
