//! Newsletters in the database: subscribers and their lists, the addresses removed for good
//! (a keyed hash each), the issues sent and the queue of messages, one row per issue and
//! subscriber.
//!
//! The queue's promise is "at most once, never twice": the pair (issue, subscriber) is
//! unique, a worker claims a message by marking it `sending` in a committed statement before
//! it talks to the mail server (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the one writer on
//! SQLite, so two servers never claim one row), and a message still `sending` when its lease
//! ends is `interrupted`, never sent again: its worker died, perhaps after the mail server
//! took it. A refusal the server calls temporary is tried again; that is safe, since the
//! server said it did not take the message.

use super::rows::{from_unix, to_unix};
use super::{Backend, SqlStore, Tx, placeholders, rows_for};
use crate::{Error, Result};
use lede_core::content::ArticleId;
use lede_core::newsletter::{List, ListKind, MAX_ATTEMPTS, retry_delay};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::{Duration, OffsetDateTime};

/// Where a subscriber stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriberStatus {
    /// Has not followed the confirmation link: receives nothing else.
    Pending,
    Confirmed,
    /// A mail server refused the address for good.
    Undeliverable,
}

impl SubscriberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriberStatus::Pending => "pending",
            SubscriberStatus::Confirmed => "confirmed",
            SubscriberStatus::Undeliverable => "undeliverable",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        match text {
            "pending" => Ok(SubscriberStatus::Pending),
            "confirmed" => Ok(SubscriberStatus::Confirmed),
            "undeliverable" => Ok(SubscriberStatus::Undeliverable),
            other => Err(Error::Config(format!("unknown subscriber status {other}"))),
        }
    }
}

/// A subscriber with their lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub language: String,
    pub status: SubscriberStatus,
    /// `form` or `import`.
    pub source: String,
    pub created_at: OffsetDateTime,
    pub confirmed_at: Option<OffsetDateTime>,
    /// Each list with whether the subscriber confirmed it.
    pub lists: Vec<(String, bool)>,
}

impl Subscriber {
    /// The lists that receive issues: confirmed ones of a confirmed subscriber.
    pub fn confirmed_lists(&self) -> Vec<String> {
        self.lists.iter().filter(|(_, confirmed)| *confirmed).map(|(l, _)| l.clone()).collect()
    }
}

/// A subscriber to add: from the form (unconfirmed) or an import.
#[derive(Debug, Clone)]
pub struct NewSubscriber<'a> {
    pub email: &'a str,
    pub email_key: &'a str,
    pub removed_hash: &'a str,
    pub language: &'a str,
    pub lists: &'a [List],
    /// Subscribed as confirmed (an import with consent); otherwise the lists wait for the
    /// confirmation link.
    pub confirmed: bool,
    pub source: &'static str,
}

/// What a subscription did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// Some lists wait for the confirmation link: send it to this subscriber.
    NeedsConfirmation(i64),
    /// Every list was confirmed already (nothing to send).
    Already(i64),
    /// The address was removed for good and an import may not bring it back.
    Removed,
}

/// What an issue sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub id: i64,
    pub list: String,
    pub kind: IssueKind,
    pub article: Option<ArticleId>,
    /// The period a daily briefing covers.
    pub period: Option<(OffsetDateTime, OffsetDateTime)>,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    Breaking,
    Daily,
    /// An article sent to a section's list.
    Article,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::Breaking => "breaking",
            IssueKind::Daily => "daily",
            IssueKind::Article => "article",
        }
    }

    fn parse(text: &str) -> Result<Self> {
        match text {
            "breaking" => Ok(IssueKind::Breaking),
            "daily" => Ok(IssueKind::Daily),
            "article" => Ok(IssueKind::Article),
            other => Err(Error::Config(format!("unknown issue kind {other}"))),
        }
    }

    /// What a list sends when an article goes to it.
    pub fn for_article_list(list: &List) -> Self {
        match list.kind {
            ListKind::Breaking => IssueKind::Breaking,
            _ => IssueKind::Article,
        }
    }
}

/// An issue with where its messages stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueReport {
    pub issue: Issue,
    /// Waiting or being sent.
    pub queued: i64,
    pub delivered: i64,
    /// Refused, given up, or cut off by a crash.
    pub failed: i64,
    /// Readers who unsubscribed through this issue's link.
    pub unsubscribed: i64,
    /// Its article's headline, for an article's issue whose article still exists.
    pub headline: Option<String>,
}

/// A message a worker claimed: the issue, and the subscriber's address.
#[derive(Debug, Clone)]
pub struct ClaimedSend {
    pub id: i64,
    pub issue_id: i64,
    pub subscriber_id: i64,
    pub email: String,
    pub language: String,
    /// Attempts before this one.
    pub attempts: u32,
}

/// What came of an attempt at one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    Sent,
    /// The server refused for now (4xx, a timeout, no connection): try again later.
    Temporary(String),
    /// The server refused the address for good (5xx): the subscriber is undeliverable.
    Permanent(String),
}

const SUBSCRIBER_COLUMNS: &str = "id, email, language, status, source, created_at, confirmed_at";

fn subscriber(row: &AnyRow) -> Result<Subscriber> {
    Ok(Subscriber {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        language: row.try_get("language")?,
        status: SubscriberStatus::parse(&row.try_get::<String, _>("status")?)?,
        source: row.try_get("source")?,
        created_at: from_unix(row.try_get("created_at")?),
        confirmed_at: row.try_get::<Option<i64>, _>("confirmed_at")?.map(from_unix),
        lists: Vec::new(),
    })
}

const ISSUE_COLUMNS: &str = "id, list, kind, article_id, period_start, period_end, created_at";
/// What a report reads besides [`ISSUE_COLUMNS`]: the unsubscribes it caused and its
/// article's headline, in the same statement.
const REPORT_COLUMNS: &str = "unsubscribed, \
    (SELECT a.headline FROM articles a WHERE a.id = newsletter_issues.article_id) AS headline";

fn issue(row: &AnyRow) -> Result<Issue> {
    let start: Option<i64> = row.try_get("period_start")?;
    let end: Option<i64> = row.try_get("period_end")?;
    Ok(Issue {
        id: row.try_get("id")?,
        list: row.try_get("list")?,
        kind: IssueKind::parse(&row.try_get::<String, _>("kind")?)?,
        article: row.try_get::<Option<i64>, _>("article_id")?.map(ArticleId),
        period: start.zip(end).map(|(s, e)| (from_unix(s), from_unix(e))),
        created_at: from_unix(row.try_get("created_at")?),
    })
}

/// Creates an issue unless one with its `dedupe_key` exists; returns its id if created.
pub(super) async fn create_issue(
    tx: &mut Tx,
    new: &NewIssue<'_>,
    now: OffsetDateTime,
) -> Result<Option<i64>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO newsletter_issues \
         (list, kind, article_id, period_start, period_end, dedupe_key, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
    )
    .bind(new.list.key())
    .bind(new.kind.as_str())
    .bind(new.article.map(|a| a.0))
    .bind(new.period.map(|(s, _)| to_unix(s)))
    .bind(new.period.map(|(_, e)| to_unix(e)))
    .bind(&new.dedupe_key)
    .bind(new.created_by)
    .bind(to_unix(now))
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id)
}

/// An issue to create.
#[derive(Debug, Clone)]
pub struct NewIssue<'a> {
    pub list: &'a List,
    pub kind: IssueKind,
    pub article: Option<ArticleId>,
    pub period: Option<(OffsetDateTime, OffsetDateTime)>,
    /// One issue per key: `article:{id}:{list}` sends an article to a list once, however
    /// often it is published; `daily:{list}:{date}` one briefing a day.
    pub dedupe_key: String,
    pub created_by: Option<i64>,
}

impl NewIssue<'_> {
    /// An article sent to a list by the editor who publishes it.
    pub fn article(list: &List, article: ArticleId, by: Option<i64>) -> NewIssue<'_> {
        NewIssue {
            list,
            kind: IssueKind::for_article_list(list),
            article: Some(article),
            period: None,
            dedupe_key: format!("article:{}:{}", article.0, list.key()),
            created_by: by,
        }
    }
}

impl SqlStore {
    /// Adds a subscriber, or lists to one (matched by `email_key`), in one transaction.
    pub(crate) async fn add_subscriber(
        &self,
        new: &NewSubscriber<'_>,
        now: OffsetDateTime,
    ) -> Result<Subscribed> {
        // An import never brings back a removed address; the form may, through the
        // confirmation link (the reader asks again). Read before the transaction, whose first
        // statement must be its write: on SQLite a transaction that reads first cannot take
        // the write lock while another process (a running server) holds it.
        if new.source == "import" && self.address_removed(new.removed_hash).await? {
            return Ok(Subscribed::Removed);
        }
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO subscribers (email, email_key, language, source, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email_key) DO NOTHING",
        )
        .bind(new.email)
        .bind(new.email_key)
        .bind(new.language)
        .bind(new.source)
        .bind(to_unix(now))
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM subscribers WHERE email_key = $1")
            .bind(new.email_key)
            .fetch_one(&mut *tx)
            .await?;
        let confirmed_at = new.confirmed.then(|| to_unix(now));
        for list in new.lists {
            sqlx::query(
                "INSERT INTO subscriptions (subscriber_id, list, confirmed_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (subscriber_id, list) DO UPDATE SET \
                 confirmed_at = COALESCE(subscriptions.confirmed_at, excluded.confirmed_at)",
            )
            .bind(id)
            .bind(list.key())
            .bind(confirmed_at)
            .execute(&mut *tx)
            .await?;
        }
        if new.confirmed {
            sqlx::query(
                "UPDATE subscribers SET status = 'confirmed', \
                 confirmed_at = COALESCE(confirmed_at, $1) WHERE id = $2",
            )
            .bind(to_unix(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM subscriptions WHERE subscriber_id = $1 AND confirmed_at IS NULL",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(if waiting > 0 { Subscribed::NeedsConfirmation(id) } else { Subscribed::Already(id) })
    }

    /// Confirms a subscriber and every list they asked for; the address is no longer a
    /// removed one. `false` when there is no such subscriber (removed meanwhile).
    pub(crate) async fn confirm_subscriber(
        &self,
        id: i64,
        removed_hash: impl Fn(&str) -> String,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let email: Option<String> = sqlx::query_scalar(
            "UPDATE subscribers SET status = 'confirmed', confirmed_at = COALESCE(confirmed_at, $1) \
             WHERE id = $2 RETURNING email",
        )
        .bind(to_unix(now))
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(email) = email else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE subscriptions SET confirmed_at = $1 \
             WHERE subscriber_id = $2 AND confirmed_at IS NULL",
        )
        .bind(to_unix(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM removed_addresses WHERE email_hash = $1")
            .bind(removed_hash(&email))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn subscriber(&self, id: i64) -> Result<Option<Subscriber>> {
        let row =
            sqlx::query(&format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.read)
                .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut found = vec![subscriber(&row)?];
        self.with_lists(&mut found).await?;
        Ok(found.pop())
    }

    pub async fn subscriber_by_email(&self, email_key: &str) -> Result<Option<Subscriber>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM subscribers WHERE email_key = $1")
            .bind(email_key)
            .fetch_optional(&self.read)
            .await?;
        match id {
            Some(id) => self.subscriber(id).await,
            None => Ok(None),
        }
    }

    /// Fills in subscribers' lists with one statement.
    async fn with_lists(&self, subscribers: &mut [Subscriber]) -> Result<()> {
        if subscribers.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = subscribers.iter().map(|s| s.id).collect();
        let rows = rows_for(
            &self.read,
            &format!(
                "SELECT subscriber_id, list, confirmed_at FROM subscriptions \
                 WHERE subscriber_id IN ({}) ORDER BY list",
                placeholders(1, ids.len())
            ),
            &ids,
        )
        .await?;
        for row in &rows {
            let id: i64 = row.try_get("subscriber_id")?;
            if let Some(s) = subscribers.iter_mut().find(|s| s.id == id) {
                let confirmed = row.try_get::<Option<i64>, _>("confirmed_at")?.is_some();
                s.lists.push((row.try_get("list")?, confirmed));
            }
        }
        Ok(())
    }

    /// Subscribers newest first, `limit` from `offset`, whose address contains `search`;
    /// with the number that match.
    pub async fn subscribers(
        &self,
        search: &str,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<Subscriber>, i64)> {
        let pattern = format!("%{}%", search.trim().to_lowercase().replace(['%', '_'], ""));
        let total: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM subscribers WHERE email_key LIKE $1")
                .bind(&pattern)
                .fetch_one(&self.read)
                .await?;
        let rows = sqlx::query(&format!(
            "SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE email_key LIKE $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(&pattern)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.read)
        .await?;
        let mut found = rows.iter().map(subscriber).collect::<Result<Vec<_>>>()?;
        self.with_lists(&mut found).await?;
        Ok((found, total))
    }

    /// Every subscriber, oldest first, for the CSV export.
    pub async fn all_subscribers(&self) -> Result<Vec<Subscriber>> {
        let rows =
            sqlx::query(&format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers ORDER BY id"))
                .fetch_all(&self.read)
                .await?;
        let mut all = rows.iter().map(subscriber).collect::<Result<Vec<_>>>()?;
        for chunk in all.chunks_mut(500) {
            self.with_lists(chunk).await?;
        }
        Ok(all)
    }

    /// Sets a confirmed subscriber's lists (the page a subscriber's link opens). No list left
    /// removes the subscriber, keeping only the address's hash.
    pub(crate) async fn set_subscriber_lists(
        &self,
        id: i64,
        lists: &[List],
        removed_hash: impl Fn(&str) -> String,
        now: OffsetDateTime,
    ) -> Result<()> {
        if lists.is_empty() {
            return self.remove_subscriber(id, removed_hash, now).await;
        }
        let mut tx = self.begin().await?;
        let keys: Vec<String> = lists.iter().map(List::key).collect();
        let sql = format!(
            "DELETE FROM subscriptions WHERE subscriber_id = $1 AND list NOT IN ({})",
            placeholders(2, keys.len())
        );
        let mut delete = sqlx::query(&sql).bind(id);
        for key in &keys {
            delete = delete.bind(key);
        }
        delete.execute(&mut *tx).await?;
        for key in &keys {
            sqlx::query(
                "INSERT INTO subscriptions (subscriber_id, list, confirmed_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (subscriber_id, list) DO UPDATE SET confirmed_at = \
                 COALESCE(subscriptions.confirmed_at, excluded.confirmed_at)",
            )
            .bind(id)
            .bind(key)
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes a subscriber off one list (a one-click unsubscribe), counting it for the issue
    /// whose link was used. Off their last list, the subscriber is removed. `false` when they
    /// were not on it (an unsubscribe link used twice).
    pub(crate) async fn unsubscribe(
        &self,
        id: i64,
        list: &str,
        issue: Option<i64>,
        removed_hash: impl Fn(&str) -> String,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1 AND list = $2")
            .bind(id)
            .bind(list)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        if let Some(issue) = issue {
            sqlx::query(
                "UPDATE newsletter_issues SET unsubscribed = unsubscribed + 1 WHERE id = $1",
            )
            .bind(issue)
            .execute(&mut *tx)
            .await?;
        }
        let left: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM subscriptions WHERE subscriber_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        if left == 0 {
            remove(&mut tx, id, removed_hash, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes a subscriber's address and lists, keeping only the address's keyed hash.
    pub(crate) async fn remove_subscriber(
        &self,
        id: i64,
        removed_hash: impl Fn(&str) -> String,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        if !remove(&mut tx, id, removed_hash, now).await? {
            return Err(Error::NotFound("subscriber"));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether an address (by its keyed hash) was removed for good.
    pub async fn address_removed(&self, hash: &str) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT removed_at FROM removed_addresses WHERE email_hash = $1")
                .bind(hash)
                .fetch_optional(&self.read)
                .await?;
        Ok(found.is_some())
    }

    /// Creates an issue on its own (a daily briefing); `None` when its key exists.
    pub(crate) async fn add_issue(
        &self,
        new: &NewIssue<'_>,
        now: OffsetDateTime,
    ) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let id = create_issue(&mut tx, new, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn newsletter_issue(&self, id: i64) -> Result<Option<Issue>> {
        let row =
            sqlx::query(&format!("SELECT {ISSUE_COLUMNS} FROM newsletter_issues WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.read)
                .await?;
        row.as_ref().map(issue).transpose()
    }

    /// Whether an issue with this key exists (a day's briefing already made).
    pub async fn issue_exists(&self, dedupe_key: &str) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM newsletter_issues WHERE dedupe_key = $1")
                .bind(dedupe_key)
                .fetch_optional(&self.read)
                .await?;
        Ok(found.is_some())
    }

    /// The latest issues with their counts, newest first (two statements).
    pub async fn newsletter_reports(&self, limit: u32) -> Result<Vec<IssueReport>> {
        let rows = sqlx::query(&format!(
            "SELECT {ISSUE_COLUMNS}, {REPORT_COLUMNS} FROM newsletter_issues ORDER BY id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        self.with_counts(&rows).await
    }

    /// The issues that emailed an article, newest first, with their counts.
    pub async fn article_newsletter_reports(&self, article: ArticleId) -> Result<Vec<IssueReport>> {
        let rows = sqlx::query(&format!(
            "SELECT {ISSUE_COLUMNS}, {REPORT_COLUMNS} FROM newsletter_issues WHERE article_id = $1 \
             ORDER BY id DESC"
        ))
        .bind(article.0)
        .fetch_all(&self.read)
        .await?;
        self.with_counts(&rows).await
    }

    /// One issue with its counts.
    pub async fn newsletter_issue_report(&self, id: i64) -> Result<Option<IssueReport>> {
        let rows = sqlx::query(&format!(
            "SELECT {ISSUE_COLUMNS}, {REPORT_COLUMNS} FROM newsletter_issues WHERE id = $1"
        ))
        .bind(id)
        .fetch_all(&self.read)
        .await?;
        Ok(self.with_counts(&rows).await?.pop())
    }

    /// Issues' rows (newest first) with where their messages stand, counted in one statement.
    async fn with_counts(&self, rows: &[AnyRow]) -> Result<Vec<IssueReport>> {
        let mut reports = Vec::with_capacity(rows.len());
        for row in rows {
            reports.push(IssueReport {
                issue: issue(row)?,
                queued: 0,
                delivered: 0,
                failed: 0,
                unsubscribed: row.try_get("unsubscribed")?,
                headline: row.try_get("headline")?,
            });
        }
        if reports.is_empty() {
            return Ok(reports);
        }
        let ids: Vec<i64> = reports.iter().map(|r| r.issue.id).collect();
        let counts = rows_for(
            &self.read,
            &format!(
                "SELECT issue_id, status, COUNT(*) AS n FROM newsletter_sends \
                 WHERE issue_id IN ({}) GROUP BY issue_id, status",
                placeholders(1, ids.len())
            ),
            &ids,
        )
        .await?;
        for row in &counts {
            let id: i64 = row.try_get("issue_id")?;
            let n: i64 = row.try_get("n")?;
            if let Some(r) = reports.iter_mut().find(|r| r.issue.id == id) {
                match row.try_get::<String, _>("status")?.as_str() {
                    "pending" | "sending" => r.queued += n,
                    "sent" => r.delivered += n,
                    _ => r.failed += n,
                }
            }
        }
        Ok(reports)
    }

    /// Queues the messages of new issues, one issue per transaction: a message for each
    /// subscriber confirmed on its list at that moment. Returns how many issues it queued.
    /// Several servers may run it at once: an issue is claimed by one of them.
    pub(crate) async fn queue_new_issues(&self, now: OffsetDateTime) -> Result<usize> {
        let skip_locked = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        // Looked for first without writing, so an idle worker takes no write lock.
        let new: Option<i64> =
            sqlx::query_scalar("SELECT id FROM newsletter_issues WHERE status = 'new' LIMIT 1")
                .fetch_optional(&self.read)
                .await?;
        if new.is_none() {
            return Ok(0);
        }
        let mut queued = 0;
        loop {
            let mut tx = self.begin().await?;
            let claimed = sqlx::query(&format!(
                "UPDATE newsletter_issues SET status = 'sending' WHERE id = \
                 (SELECT id FROM newsletter_issues WHERE status = 'new' ORDER BY id LIMIT 1\
                 {skip_locked}) RETURNING id, list"
            ))
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = claimed else {
                tx.rollback().await?;
                return Ok(queued);
            };
            let id: i64 = row.try_get("id")?;
            let list: String = row.try_get("list")?;
            sqlx::query(
                "INSERT INTO newsletter_sends (issue_id, subscriber_id, next_attempt_at) \
                 SELECT $1, s.id, $2 FROM subscribers s \
                 JOIN subscriptions l ON l.subscriber_id = s.id \
                 WHERE l.list = $3 AND l.confirmed_at IS NOT NULL AND s.status = 'confirmed' \
                 ORDER BY s.id \
                 ON CONFLICT (issue_id, subscriber_id) DO NOTHING",
            )
            .bind(id)
            .bind(to_unix(now))
            .bind(&list)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            queued += 1;
        }
    }

    /// Claims up to `limit` due messages for `lease`; first, messages whose worker died
    /// mid-send become `interrupted` (see the module's documentation).
    pub(crate) async fn claim_sends(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u32,
    ) -> Result<Vec<ClaimedSend>> {
        // Looked for first without writing, so an idle worker takes no write lock.
        let due: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM newsletter_sends WHERE (status = 'pending' AND next_attempt_at <= $1) \
             OR (status = 'sending' AND lease_until <= $1) LIMIT 1",
        )
        .bind(to_unix(now))
        .fetch_optional(&self.read)
        .await?;
        if due.is_none() {
            return Ok(Vec::new());
        }
        sqlx::query(
            "UPDATE newsletter_sends SET status = 'interrupted', lease_until = NULL, \
             error = 'the sending server stopped during the attempt' \
             WHERE status = 'sending' AND lease_until <= $1",
        )
        .bind(to_unix(now))
        .execute(&self.write)
        .await?;
        let skip_locked = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let claimed = sqlx::query(&format!(
            "UPDATE newsletter_sends SET status = 'sending', lease_until = $1, \
             attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM newsletter_sends \
               WHERE status = 'pending' AND next_attempt_at <= $2 \
               ORDER BY next_attempt_at, id LIMIT $3{skip_locked}) \
             RETURNING id, issue_id, subscriber_id, attempts"
        ))
        .bind(to_unix(now + lease))
        .bind(to_unix(now))
        .bind(i64::from(limit))
        .fetch_all(&self.write)
        .await?;
        let mut sends = Vec::with_capacity(claimed.len());
        for row in &claimed {
            sends.push(ClaimedSend {
                id: row.try_get("id")?,
                issue_id: row.try_get("issue_id")?,
                subscriber_id: row.try_get::<Option<i64>, _>("subscriber_id")?.unwrap_or(0),
                email: String::new(),
                language: String::new(),
                attempts: u32::try_from(row.try_get::<i64, _>("attempts")? - 1).unwrap_or(0),
            });
        }
        sends.sort_by_key(|s| s.id);
        // Their addresses in one statement; a subscriber removed meanwhile gets nothing.
        let ids: Vec<i64> = sends.iter().map(|s| s.subscriber_id).collect();
        if !ids.is_empty() {
            let rows = rows_for(
                &self.write,
                &format!(
                    "SELECT id, email, language FROM subscribers \
                     WHERE status = 'confirmed' AND id IN ({})",
                    placeholders(1, ids.len())
                ),
                &ids,
            )
            .await?;
            for row in &rows {
                let id: i64 = row.try_get("id")?;
                for send in sends.iter_mut().filter(|s| s.subscriber_id == id) {
                    send.email = row.try_get("email")?;
                    send.language = row.try_get("language")?;
                }
            }
        }
        let (ready, gone): (Vec<_>, Vec<_>) = sends.into_iter().partition(|s| !s.email.is_empty());
        for send in gone {
            sqlx::query(
                "UPDATE newsletter_sends SET status = 'failed', lease_until = NULL, \
                 error = 'unsubscribed before it was sent' WHERE id = $1",
            )
            .bind(send.id)
            .execute(&self.write)
            .await?;
        }
        Ok(ready)
    }

    /// Records a batch's attempts in one transaction (one commit for the batch, not one per
    /// message: the queue's writes stay out of readers' way). Each is sent; pending again
    /// after the backoff (a temporary refusal, up to [`MAX_ATTEMPTS`], then failed); or
    /// undeliverable, with the subscriber. A crash before the commit leaves the batch
    /// `sending`, so it becomes `interrupted` when its lease ends, and is never sent twice.
    pub(crate) async fn record_sends(
        &self,
        outcomes: &[(ClaimedSend, SendOutcome)],
        now: OffsetDateTime,
    ) -> Result<()> {
        if outcomes.is_empty() {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        // Every message sent in one statement; the rest (rare) one by one.
        let sent: Vec<i64> = outcomes
            .iter()
            .filter(|(_, outcome)| *outcome == SendOutcome::Sent)
            .map(|(send, _)| send.id)
            .collect();
        if !sent.is_empty() {
            let sql = format!(
                "UPDATE newsletter_sends SET status = 'sent', next_attempt_at = $1, \
                 lease_until = NULL, sent_at = $1, error = NULL \
                 WHERE status = 'sending' AND id IN ({})",
                placeholders(2, sent.len())
            );
            let mut query = sqlx::query(&sql).bind(to_unix(now));
            for id in &sent {
                query = query.bind(*id);
            }
            query.execute(&mut *tx).await?;
        }
        for (send, outcome) in outcomes {
            let (status, due, error) = match outcome {
                SendOutcome::Sent => continue,
                SendOutcome::Temporary(error) if send.attempts + 1 < MAX_ATTEMPTS => {
                    ("pending", now + retry_delay(send.attempts + 1), error)
                }
                SendOutcome::Temporary(error) => ("failed", now, error),
                SendOutcome::Permanent(error) => ("undeliverable", now, error),
            };
            sqlx::query(
                "UPDATE newsletter_sends SET status = $1, next_attempt_at = $2, \
                 lease_until = NULL, error = $3 WHERE id = $4 AND status = 'sending'",
            )
            .bind(status)
            .bind(to_unix(due))
            .bind(error.chars().take(500).collect::<String>())
            .bind(send.id)
            .execute(&mut *tx)
            .await?;
            if matches!(outcome, SendOutcome::Permanent(_)) {
                sqlx::query("UPDATE subscribers SET status = 'undeliverable' WHERE id = $1")
                    .bind(send.subscriber_id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Marks done the issues with nothing left to send, and queues their `newsletter.sent`
    /// webhooks in the same transaction. Looks first without writing, so an idle worker
    /// takes no write lock.
    pub(crate) async fn finish_issues(&self, now: OffsetDateTime) -> Result<usize> {
        const DONE: &str = "status = 'sending' AND NOT EXISTS (SELECT 1 FROM newsletter_sends s \
             WHERE s.issue_id = newsletter_issues.id AND s.status IN ('pending', 'sending'))";
        let any: Option<i64> =
            sqlx::query_scalar(&format!("SELECT id FROM newsletter_issues WHERE {DONE} LIMIT 1"))
                .fetch_optional(&self.read)
                .await?;
        if any.is_none() {
            return Ok(0);
        }
        let mut tx = self.begin().await?;
        let done = sqlx::query(&format!(
            "UPDATE newsletter_issues SET status = 'done' WHERE {DONE} RETURNING id, article_id"
        ))
        .fetch_all(&mut *tx)
        .await?;
        for row in &done {
            let article = row.try_get::<Option<i64>, _>("article_id")?.map(ArticleId);
            super::webhooks::enqueue_newsletter_sent(&mut tx, row.try_get("id")?, article, now)
                .await?;
        }
        tx.commit().await?;
        Ok(done.len())
    }

    /// The published articles of `language` in a period, newest first (a daily briefing's).
    pub async fn published_between(
        &self,
        language: &str,
        start: OffsetDateTime,
        end: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<ArticleId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE status = 'published' AND language = $1 \
             AND published_at >= $2 AND published_at <= $3 ORDER BY published_at DESC, id DESC \
             LIMIT $4",
        )
        .bind(language)
        .bind(to_unix(start))
        .bind(to_unix(end))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }
}

/// Deletes a subscriber and keeps the hash of their address; `false` if there was none.
async fn remove(
    tx: &mut Tx,
    id: i64,
    removed_hash: impl Fn(&str) -> String,
    now: OffsetDateTime,
) -> Result<bool> {
    let email: Option<String> =
        sqlx::query_scalar("DELETE FROM subscribers WHERE id = $1 RETURNING email")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(email) = email else {
        return Ok(false);
    };
    sqlx::query(
        "INSERT INTO removed_addresses (email_hash, removed_at) VALUES ($1, $2) \
         ON CONFLICT (email_hash) DO NOTHING",
    )
    .bind(removed_hash(&email))
    .bind(to_unix(now))
    .execute(&mut **tx)
    .await?;
    Ok(true)
}
