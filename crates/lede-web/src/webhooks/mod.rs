//! Webhook deliveries: the worker's turn (`deliver_due`, which `lede serve` runs next to the
//! scheduler) and the payload, which names the event and carries the article as the content
//! API shows it. The queue lives in the database (`lede_store::sql::webhooks`); sending, with
//! its checks of where a delivery may go, is `send.rs`; the admin pages are
//! `admin/webhooks.rs`.

mod send;

use crate::api::articles::ArticleView;
use crate::api::params::rfc3339;
use crate::api::views::Links;
use crate::state::AppState;
use lede_store::{AfterAttempt, AttemptOutcome, ClaimedDelivery};
pub use send::Sender;
use serde::Serialize;

/// Deliveries one worker claims at a time, sent side by side.
const BATCH: u32 = 16;

/// A payload as the Standard Webhooks specification suggests: the event's `type`, a
/// `timestamp`, and its `data`.
#[derive(Debug, Serialize)]
struct Payload<'a> {
    r#type: &'a str,
    timestamp: String,
    data: Data,
}

#[derive(Debug, Serialize)]
struct Data {
    /// The article as `/api/articles/{slug}` shows it (null once deleted for good).
    article: Option<ArticleView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<CommentView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    newsletter: Option<NewsletterView>,
}

/// A newsletter issue that finished sending, with where its messages ended.
#[derive(Debug, Serialize)]
struct NewsletterView {
    id: i64,
    /// The list's key (`breaking:en`, `daily:ur`, `section:12:en`).
    list: String,
    kind: &'static str,
    created_at: String,
    delivered: i64,
    failed: i64,
    unsubscribed: i64,
}

/// An approved comment, as its article's page shows it.
#[derive(Debug, Serialize)]
struct CommentView {
    author: String,
    website: Option<String>,
    text: String,
    created_at: String,
}

/// The body of a delivery's first attempt, read from the article (and comment, or newsletter
/// issue) as they are.
async fn payload(state: &AppState, delivery: &ClaimedDelivery) -> lede_store::Result<String> {
    let store = state.newsroom.store();
    let article = match delivery.article {
        Some(id) => store.article_by_id(id).await?,
        None => None,
    };
    let comment = match delivery.comment {
        Some(id) => store.comment(id).await?,
        None => None,
    };
    let newsletter = match delivery.issue {
        Some(id) => store.newsletter_issue_report(id).await?,
        None => None,
    };
    let payload = Payload {
        r#type: &delivery.event,
        timestamp: rfc3339(state.newsroom.now()),
        data: Data {
            article: article.map(|a| ArticleView::new(Links(&state.settings), &a)),
            comment: comment.map(|c| CommentView {
                author: c.name,
                website: c.website,
                text: c.text,
                created_at: rfc3339(c.created_at),
            }),
            newsletter: newsletter.map(|r| NewsletterView {
                id: r.issue.id,
                kind: r.issue.kind.as_str(),
                created_at: rfc3339(r.issue.created_at),
                list: r.issue.list,
                delivered: r.delivered,
                failed: r.failed,
                unsubscribed: r.unsubscribed,
            }),
        },
    };
    Ok(serde_json::to_string(&payload).unwrap_or_default())
}

/// Claims the deliveries due now and makes one attempt at each; returns how many were tried.
/// Several servers may run it at once: each due attempt is claimed by one of them.
pub async fn deliver_due(state: &AppState, sender: &Sender) -> lede_store::Result<usize> {
    let claimed = state.newsroom.claim_webhook_deliveries(BATCH).await?;
    let count = claimed.len();
    let mut attempts = tokio::task::JoinSet::new();
    for delivery in claimed {
        let (state, sender) = (state.clone(), sender.clone());
        attempts.spawn(async move { attempt(&state, &sender, &delivery).await });
    }
    while let Some(done) = attempts.join_next().await {
        match done {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::warn!(%error, "recording a webhook attempt failed"),
            Err(error) => tracing::error!(%error, "a webhook attempt stopped"),
        }
    }
    Ok(count)
}

/// One attempt at one delivery, recorded in its log.
async fn attempt(
    state: &AppState,
    sender: &Sender,
    delivery: &ClaimedDelivery,
) -> lede_store::Result<AfterAttempt> {
    let body = match &delivery.body {
        Some(body) => body.clone(),
        None => {
            let fresh = payload(state, delivery).await?;
            state.newsroom.keep_webhook_body(delivery.id, &fresh).await?
        }
    };
    let outcome = match lede_core::webhook::Secret::parse(&delivery.secret) {
        Some(secret) => {
            let timestamp = state.newsroom.now().unix_timestamp();
            let signature = secret.sign(&delivery.message_id, timestamp, body.as_bytes());
            sender.send(&delivery.url, &delivery.message_id, timestamp, &signature, body).await
        }
        None => AttemptOutcome { response_status: None, error: Some("secret".into()) },
    };
    let after = state.newsroom.record_webhook_attempt(delivery, &outcome).await?;
    if after == AfterAttempt::GaveUp {
        tracing::warn!(url = %delivery.url, event = %delivery.event, "gave up a webhook delivery after a day");
    }
    Ok(after)
}
