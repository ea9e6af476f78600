//! Webhook endpoints (admins only; the operator's `lede webhook` too) and the delivery
//! queue's steps for the worker that sends them. The events themselves are queued by the
//! writes that cause them, inside their transactions (`sql/webhooks.rs`).

use super::Newsroom;
use crate::sql::{AfterAttempt, AttemptOutcome, ClaimedDelivery, WebhookEndpoint};
use crate::{Error, Result};
use lede_core::account::{Action, User};
use lede_core::webhook::{self, Secret};
use time::Duration;

/// How long a worker holds a claimed delivery: longer than an attempt can take (its
/// timeouts), so a live worker never loses one, and short enough that a dead worker's is
/// tried again soon.
pub const WEBHOOK_LEASE: Duration = Duration::minutes(2);

fn may_manage_webhooks(by: &User) -> Result<()> {
    if by.role.may(Action::ManageSite) {
        Ok(())
    } else {
        Err(Error::Forbidden(webhook::admins_only()))
    }
}

impl Newsroom {
    /// Adds an endpoint for the operator's tools; the admin pages use
    /// [`Self::create_webhook`]. Returns it with its secret, which is shown this once.
    /// `allow_private` lets it name an address on a private network (tests, an intranet).
    pub async fn add_webhook(
        &self,
        url: &str,
        events: &[String],
        allow_private: bool,
    ) -> Result<(WebhookEndpoint, Secret)> {
        let url = webhook::check_url(url, allow_private)?;
        let events = webhook::check_events(events)?;
        let secret = Secret::from_random(rand::random());
        let endpoint =
            self.store.add_webhook_endpoint(&url, &secret.expose(), &events, self.now()).await?;
        Ok((endpoint, secret))
    }

    /// Adds an endpoint for an admin.
    pub async fn create_webhook(
        &self,
        by: &User,
        url: &str,
        events: &[String],
        allow_private: bool,
    ) -> Result<(WebhookEndpoint, Secret)> {
        may_manage_webhooks(by)?;
        self.add_webhook(url, events, allow_private).await
    }

    pub async fn delete_webhook(&self, by: &User, id: i64) -> Result<()> {
        may_manage_webhooks(by)?;
        self.store.delete_webhook_endpoint(id).await
    }

    /// Enables an endpoint that a day of failures disabled.
    pub async fn enable_webhook(&self, by: &User, id: i64) -> Result<()> {
        may_manage_webhooks(by)?;
        self.store.enable_webhook_endpoint(id, self.now()).await
    }

    /// "Send again": the delivery is due now, with a new day of retries.
    pub async fn resend_webhook(&self, by: &User, endpoint: i64, delivery: i64) -> Result<()> {
        may_manage_webhooks(by)?;
        self.store.resend_webhook_delivery(endpoint, delivery, self.now()).await
    }

    /// Claims up to `limit` due deliveries for this server's worker (see
    /// `SqlStore::claim_webhook_deliveries`).
    pub async fn claim_webhook_deliveries(&self, limit: u32) -> Result<Vec<ClaimedDelivery>> {
        self.store.claim_webhook_deliveries(self.now(), WEBHOOK_LEASE, limit).await
    }

    /// Keeps the body of a delivery's first attempt; returns the body every attempt sends.
    pub async fn keep_webhook_body(&self, delivery: i64, body: &str) -> Result<String> {
        self.store.keep_webhook_body(delivery, body).await
    }

    /// Records what came of an attempt: delivered, tried again later, or given up.
    pub async fn record_webhook_attempt(
        &self,
        delivery: &ClaimedDelivery,
        outcome: &AttemptOutcome,
    ) -> Result<AfterAttempt> {
        self.store.record_webhook_attempt(delivery, outcome, self.now()).await
    }
}
