//! Webhooks in the database: the endpoints, and the queue of deliveries to them. A change
//! that causes an event writes its deliveries in its own transaction ([`enqueue`]: a
//! transactional outbox), so the event is kept exactly when the change is. Workers on any
//! number of servers claim due deliveries with a lease ([`SqlStore::claim_webhook_deliveries`]:
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, the one writer on SQLite), so each attempt is made
//! by one of them, and a delivery whose worker died is claimed again once its lease ends.

use super::rows::{from_unix, to_unix};
use super::{Backend, SqlStore, Tx};
use crate::{Error, Result};
use lede_core::content::{ArticleId, ArticleStatus, CommentId};
use lede_core::webhook::{Event, RETRY_WINDOW, retry_delay};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Duration, OffsetDateTime};

/// An endpoint, as the admin pages list it (never its secret, which was shown once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEndpoint {
    pub id: i64,
    pub url: String,
    pub events: Vec<Event>,
    pub enabled: bool,
    /// The first failed attempt since the last success, if it is failing.
    pub failing_since: Option<OffsetDateTime>,
    /// When a day of failures disabled it.
    pub disabled_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Delivered,
    /// Given up after a day of failed attempts (until "Send again").
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        match text {
            "pending" => Ok(DeliveryStatus::Pending),
            "delivered" => Ok(DeliveryStatus::Delivered),
            "failed" => Ok(DeliveryStatus::Failed),
            other => Err(Error::Config(format!("unknown delivery status {other}"))),
        }
    }
}

/// One line of an endpoint's delivery log, with its attempts (oldest first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    pub id: i64,
    pub message_id: String,
    pub event: String,
    pub status: DeliveryStatus,
    pub queued_at: OffsetDateTime,
    /// When it is tried next, while pending.
    pub next_attempt_at: Option<OffsetDateTime>,
    pub attempts: Vec<WebhookAttempt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookAttempt {
    pub at: OffsetDateTime,
    /// The response's status code; none when no answer came.
    pub response_status: Option<u16>,
    pub error: Option<String>,
}

/// A delivery a worker claimed, with what it takes to send it.
#[derive(Debug, Clone)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub endpoint_id: i64,
    pub url: String,
    /// `whsec_…`.
    pub secret: String,
    pub message_id: String,
    pub event: String,
    pub article: Option<ArticleId>,
    pub comment: Option<CommentId>,
    /// The newsletter issue a `newsletter.sent` delivery tells of.
    pub issue: Option<i64>,
    /// The body of an earlier attempt: sent again unchanged.
    pub body: Option<String>,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// What came of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptOutcome {
    pub response_status: Option<u16>,
    pub error: Option<String>,
}

impl AttemptOutcome {
    /// Any 2xx answer is a delivery.
    pub fn delivered(&self) -> bool {
        self.response_status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// What the queue did after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterAttempt {
    Delivered,
    /// Tried again at this time.
    Retry(OffsetDateTime),
    /// Given up: it failed for a day.
    GaveUp,
}

const ENDPOINT_COLUMNS: &str = "id, url, events, enabled, failing_since, disabled_at, created_at";

fn endpoint(row: &AnyRow) -> Result<WebhookEndpoint> {
    let events: String = row.try_get("events")?;
    Ok(WebhookEndpoint {
        id: row.try_get("id")?,
        url: row.try_get("url")?,
        events: events.split(' ').filter_map(Event::parse).collect(),
        enabled: row.try_get::<i64, _>("enabled")? != 0,
        failing_since: row.try_get::<Option<i64>, _>("failing_since")?.map(from_unix),
        disabled_at: row.try_get::<Option<i64>, _>("disabled_at")?.map(from_unix),
        created_at: from_unix(row.try_get("created_at")?),
    })
}

/// Queues `event` for every enabled endpoint that asked for it, in the transaction of the
/// change that caused it. All its deliveries share one message id (`webhook-id`).
pub(super) async fn enqueue(
    tx: &mut Tx,
    event: Event,
    article: Option<ArticleId>,
    comment: Option<CommentId>,
    now: OffsetDateTime,
) -> Result<()> {
    insert(tx, event, article, comment, None, now).await
}

/// Queues `newsletter.sent` for a newsletter issue that finished sending (and its article).
pub(super) async fn enqueue_newsletter_sent(
    tx: &mut Tx,
    issue: i64,
    article: Option<ArticleId>,
    now: OffsetDateTime,
) -> Result<()> {
    insert(tx, Event::NewsletterSent, article, None, Some(issue), now).await
}

async fn insert(
    tx: &mut Tx,
    event: Event,
    article: Option<ArticleId>,
    comment: Option<CommentId>,
    issue: Option<i64>,
    now: OffsetDateTime,
) -> Result<()> {
    let message_id: String =
        (0..16).fold(String::from("msg_"), |id, _| id + &format!("{:02x}", rand::random::<u8>()));
    sqlx::query(
        "INSERT INTO webhook_deliveries (endpoint_id, message_id, event, article_id, comment_id, \
         issue_id, next_attempt_at, queued_at) \
         SELECT id, $1, $2, $3, $4, $5, $6, $6 FROM webhook_endpoints \
         WHERE enabled = 1 AND (' ' || events || ' ') LIKE $7",
    )
    .bind(&message_id)
    .bind(event.as_str())
    .bind(article.map(|a| a.0))
    .bind(comment.map(|c| c.0))
    .bind(issue)
    .bind(to_unix(now))
    .bind(format!("% {} %", event.as_str()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether an article is live (published) as the transaction sees it; `None` (a new
/// article) is not.
pub(super) async fn is_live(tx: &mut Tx, id: Option<ArticleId>) -> Result<bool> {
    let Some(id) = id else {
        return Ok(false);
    };
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM articles WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(status.as_deref() == Some(ArticleStatus::Published.as_str()))
}

/// Queues what an article's write means to receivers, from whether it was live before it:
/// published, updated or unpublished (nothing for a draft that stays one).
pub(super) async fn enqueue_article(
    tx: &mut Tx,
    id: ArticleId,
    was_live: bool,
    now: OffsetDateTime,
) -> Result<()> {
    let live = is_live(tx, Some(id)).await?;
    match Event::of_article(was_live, live) {
        Some(event) => enqueue(tx, event, Some(id), None, now).await,
        None => Ok(()),
    }
}

impl SqlStore {
    pub(crate) async fn add_webhook_endpoint(
        &self,
        url: &str,
        secret: &str,
        events: &[Event],
        now: OffsetDateTime,
    ) -> Result<WebhookEndpoint> {
        let names: Vec<&str> = events.iter().map(|e| e.as_str()).collect();
        let row = sqlx::query(&format!(
            "INSERT INTO webhook_endpoints (url, secret, events, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING {ENDPOINT_COLUMNS}"
        ))
        .bind(url)
        .bind(secret)
        .bind(names.join(" "))
        .bind(to_unix(now))
        .fetch_one(&self.write)
        .await?;
        endpoint(&row)
    }

    /// Every endpoint, oldest first.
    pub async fn webhook_endpoints(&self) -> Result<Vec<WebhookEndpoint>> {
        let rows =
            sqlx::query(&format!("SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY id"))
                .fetch_all(&self.read)
                .await?;
        rows.iter().map(endpoint).collect()
    }

    pub async fn webhook_endpoint(&self, id: i64) -> Result<Option<WebhookEndpoint>> {
        let row =
            sqlx::query(&format!("SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.read)
                .await?;
        row.as_ref().map(endpoint).transpose()
    }

    /// The endpoints a day of failures disabled, for the notice on the newsroom's home.
    pub async fn disabled_webhook_endpoints(&self) -> Result<Vec<WebhookEndpoint>> {
        let rows = sqlx::query(&format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE enabled = 0 ORDER BY id"
        ))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(endpoint).collect()
    }

    /// An endpoint's latest `limit` deliveries, newest first, each with its attempts.
    pub async fn webhook_deliveries(
        &self,
        endpoint_id: i64,
        limit: u32,
    ) -> Result<Vec<WebhookDelivery>> {
        let rows = sqlx::query(
            "SELECT id, message_id, event, status, queued_at, next_attempt_at \
             FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(endpoint_id)
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        let mut deliveries = Vec::with_capacity(rows.len());
        for row in &rows {
            let status = DeliveryStatus::parse(&row.try_get::<String, _>("status")?)?;
            deliveries.push(WebhookDelivery {
                id: row.try_get("id")?,
                message_id: row.try_get("message_id")?,
                event: row.try_get("event")?,
                status,
                queued_at: from_unix(row.try_get("queued_at")?),
                next_attempt_at: (status == DeliveryStatus::Pending)
                    .then(|| row.try_get("next_attempt_at").map(from_unix))
                    .transpose()?,
                attempts: Vec::new(),
            });
        }
        // Their attempts in one statement, whatever the number of deliveries.
        let attempts = sqlx::query(
            "SELECT t.delivery_id, t.attempted_at, t.response_status, t.error \
             FROM webhook_attempts t JOIN webhook_deliveries d ON d.id = t.delivery_id \
             WHERE d.endpoint_id = $1 AND d.id >= $2 ORDER BY t.id",
        )
        .bind(endpoint_id)
        .bind(deliveries.last().map_or(0, |d| d.id))
        .fetch_all(&self.read)
        .await?;
        for row in &attempts {
            let delivery: i64 = row.try_get("delivery_id")?;
            if let Some(d) = deliveries.iter_mut().find(|d| d.id == delivery) {
                d.attempts.push(WebhookAttempt {
                    at: from_unix(row.try_get("attempted_at")?),
                    response_status: row
                        .try_get::<Option<i64>, _>("response_status")?
                        .and_then(|s| u16::try_from(s).ok()),
                    error: row.try_get("error")?,
                });
            }
        }
        Ok(deliveries)
    }

    pub(crate) async fn delete_webhook_endpoint(&self, id: i64) -> Result<()> {
        let done = sqlx::query("DELETE FROM webhook_endpoints WHERE id = $1")
            .bind(id)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("webhook"));
        }
        Ok(())
    }

    /// Enables an endpoint again, with a clean record: its next failure starts a new day, and
    /// the deliveries that waited while it was disabled are due now, with a day of their own.
    pub(crate) async fn enable_webhook_endpoint(&self, id: i64, now: OffsetDateTime) -> Result<()> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_endpoints SET enabled = 1, failing_since = NULL, disabled_at = NULL \
             WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("webhook"));
        }
        sqlx::query(
            "UPDATE webhook_deliveries SET queued_at = $1, next_attempt_at = $1, \
             lease_until = NULL WHERE endpoint_id = $2 AND status = 'pending'",
        )
        .bind(to_unix(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Queues a delivery again, due now, with a new day of retries ("Send again"). The same
    /// message id and body: a receiver that had it knows it again.
    pub(crate) async fn resend_webhook_delivery(
        &self,
        endpoint_id: i64,
        delivery: i64,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, \
             queued_at = $1, lease_until = NULL WHERE id = $2 AND endpoint_id = $3",
        )
        .bind(to_unix(now))
        .bind(delivery)
        .bind(endpoint_id)
        .execute(&self.write)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("delivery"));
        }
        Ok(())
    }

    /// Claims up to `limit` due deliveries of enabled endpoints for `lease`, counting the
    /// attempt: one statement, so on PostgreSQL rows another server is claiming are skipped
    /// (`FOR UPDATE SKIP LOCKED`) and on SQLite the one writer serialises the claims. Each
    /// due attempt goes to exactly one worker.
    pub(crate) async fn claim_webhook_deliveries(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u32,
    ) -> Result<Vec<ClaimedDelivery>> {
        let skip_locked = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let claimed = sqlx::query(&format!(
            "UPDATE webhook_deliveries SET lease_until = $1, attempts = attempts + 1 \
             WHERE id IN (SELECT d.id FROM webhook_deliveries d \
               WHERE d.status = 'pending' AND d.next_attempt_at <= $2 \
               AND (d.lease_until IS NULL OR d.lease_until <= $2) \
               AND d.endpoint_id IN (SELECT e.id FROM webhook_endpoints e WHERE e.enabled = 1) \
               ORDER BY d.next_attempt_at, d.id LIMIT $3{skip_locked}) \
             RETURNING id, endpoint_id, message_id, event, article_id, comment_id, issue_id, body, \
             attempts"
        ))
        .bind(to_unix(now + lease))
        .bind(to_unix(now))
        .bind(i64::from(limit))
        .fetch_all(&self.write)
        .await?;
        let mut deliveries = Vec::with_capacity(claimed.len());
        for row in &claimed {
            let endpoint_id: i64 = row.try_get("endpoint_id")?;
            let (url, secret): (String, String) =
                sqlx::query_as("SELECT url, secret FROM webhook_endpoints WHERE id = $1")
                    .bind(endpoint_id)
                    .fetch_one(&self.read)
                    .await?;
            deliveries.push(ClaimedDelivery {
                id: row.try_get("id")?,
                endpoint_id,
                url,
                secret,
                message_id: row.try_get("message_id")?,
                event: row.try_get("event")?,
                article: row.try_get::<Option<i64>, _>("article_id")?.map(ArticleId),
                comment: row.try_get::<Option<i64>, _>("comment_id")?.map(CommentId),
                issue: row.try_get("issue_id")?,
                body: row.try_get("body")?,
                attempts: u32::try_from(row.try_get::<i64, _>("attempts")? - 1).unwrap_or(0),
            });
        }
        deliveries.sort_by_key(|d| d.id);
        Ok(deliveries)
    }

    /// Keeps the body of a delivery's first attempt, and returns the body kept (an earlier
    /// attempt's, if one was kept meanwhile), so that every attempt sends the same bytes.
    pub(crate) async fn keep_webhook_body(&self, delivery: i64, body: &str) -> Result<String> {
        let kept: Option<String> = sqlx::query_scalar(
            "UPDATE webhook_deliveries SET body = COALESCE(body, $1) WHERE id = $2 RETURNING body",
        )
        .bind(body)
        .bind(delivery)
        .fetch_optional(&self.write)
        .await?
        .flatten();
        kept.ok_or(Error::NotFound("delivery"))
    }

    /// Records an attempt, in one transaction: its line in the log; the delivery delivered,
    /// due again after the backoff, or given up once it has been tried for a day; the
    /// endpoint's record, which a success clears and a day of failures disables.
    pub(crate) async fn record_webhook_attempt(
        &self,
        delivery: &ClaimedDelivery,
        outcome: &AttemptOutcome,
        now: OffsetDateTime,
    ) -> Result<AfterAttempt> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO webhook_attempts (delivery_id, attempted_at, response_status, error) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(delivery.id)
        .bind(to_unix(now))
        .bind(outcome.response_status.map(i64::from))
        .bind(outcome.error.as_deref())
        .execute(&mut *tx)
        .await?;
        let after = if outcome.delivered() {
            sqlx::query(
                "UPDATE webhook_deliveries SET status = 'delivered', lease_until = NULL \
                 WHERE id = $1",
            )
            .bind(delivery.id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1")
                .bind(delivery.endpoint_id)
                .execute(&mut *tx)
                .await?;
            AfterAttempt::Delivered
        } else {
            let queued_at: i64 =
                sqlx::query_scalar("SELECT queued_at FROM webhook_deliveries WHERE id = $1")
                    .bind(delivery.id)
                    .fetch_one(&mut *tx)
                    .await?;
            let next = now + retry_delay(delivery.attempts + 1);
            let after = if next - from_unix(queued_at) > RETRY_WINDOW {
                AfterAttempt::GaveUp
            } else {
                AfterAttempt::Retry(next)
            };
            let (status, due) = match after {
                AfterAttempt::Retry(at) => ("pending", at),
                _ => ("failed", now),
            };
            sqlx::query(
                "UPDATE webhook_deliveries SET status = $1, next_attempt_at = $2, \
                 lease_until = NULL WHERE id = $3",
            )
            .bind(status)
            .bind(to_unix(due))
            .bind(delivery.id)
            .execute(&mut *tx)
            .await?;
            // Failing since its first failure after a success; disabled after a day of them:
            // failing for a day, or a delivery given up after a day in which every attempt
            // failed and nothing else got through either.
            let failing_since: i64 = sqlx::query_scalar(
                "UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $1) \
                 WHERE id = $2 RETURNING failing_since",
            )
            .bind(to_unix(now))
            .bind(delivery.endpoint_id)
            .fetch_one(&mut *tx)
            .await?;
            let first_attempt: Option<i64> = sqlx::query_scalar(
                "SELECT MIN(attempted_at) FROM webhook_attempts \
                 WHERE delivery_id = $1 AND attempted_at >= $2",
            )
            .bind(delivery.id)
            .bind(queued_at)
            .fetch_one(&mut *tx)
            .await?;
            let failing_all_along = first_attempt.is_some_and(|first| failing_since <= first);
            if from_unix(failing_since) <= now - RETRY_WINDOW
                || (after == AfterAttempt::GaveUp && failing_all_along)
            {
                sqlx::query(
                    "UPDATE webhook_endpoints SET enabled = 0, disabled_at = $1 \
                     WHERE id = $2 AND enabled = 1",
                )
                .bind(to_unix(now))
                .bind(delivery.endpoint_id)
                .execute(&mut *tx)
                .await?;
            }
            after
        };
        tx.commit().await?;
        Ok(after)
    }
}
