//! Newsletters' sending: the worker's turn (`send_due`, which `lede serve` runs next to the
//! scheduler), the daily briefings made at the newsroom's local time (`make_due_briefings`),
//! and the confirmation email a subscription asks for. The queue lives in the database
//! (`lede_store::sql::newsletters`), the emails are `compose.rs`, the transports `mail.rs`;
//! the reader's pages are `site/newsletters.rs`, the newsroom's `admin/newsletters.rs`.

pub(crate) mod compose;
pub mod mail;

use crate::state::AppState;
use lede_core::newsletter::{List, ListKind};
use lede_store::{ClaimedSend, SendOutcome};
pub use mail::{DkimSettings, MailSettings, MailTransport, Mailer, SmtpSecurity, SmtpSettings};
use std::collections::HashMap;
use std::sync::Arc;

/// Messages sent side by side.
const AT_ONCE: usize = 8;
/// Messages claimed at once.
pub const MAX_BATCH: u32 = 64;

/// Claims a batch of due messages (first queuing the messages of new issues) and sends
/// them, at most `mailer.per_minute` a minute; returns how many it tried. Several servers
/// may run it at once: each message is claimed by one of them, and never sent twice.
pub async fn send_due(state: &AppState, mailer: &Arc<Mailer>) -> lede_store::Result<usize> {
    let newsroom = &state.newsroom;
    newsroom.queue_newsletter_issues().await?;
    // A batch is two seconds' worth at the configured rate, and at most `MAX_BATCH`: a crash
    // cuts off what is claimed (never sent again), so few.
    let batch = (mailer.per_minute / 30).clamp(1, MAX_BATCH);
    let claimed = newsroom.claim_newsletter_sends(batch).await?;
    if claimed.is_empty() {
        newsroom.finish_newsletter_issues().await?;
        return Ok(0);
    }
    let started = std::time::Instant::now();
    let count = claimed.len();
    let mut contents: HashMap<i64, Option<Arc<compose::IssueContent>>> = HashMap::new();
    for send in &claimed {
        if let std::collections::hash_map::Entry::Vacant(slot) = contents.entry(send.issue_id) {
            let content = match newsroom.store().newsletter_issue(send.issue_id).await? {
                Some(issue) => compose::issue_content(state, issue).await?.map(Arc::new),
                None => None,
            };
            slot.insert(content);
        }
    }
    let mut sending = tokio::task::JoinSet::new();
    let mut outcomes = Vec::with_capacity(count);
    for send in claimed {
        if sending.len() >= AT_ONCE
            && let Some(done) = sending.join_next().await
        {
            outcomes.extend(finished(done));
        }
        let content = contents.get(&send.issue_id).cloned().flatten();
        let mailer = mailer.clone();
        let state = state.clone();
        sending.spawn(async move {
            let outcome = send_one(&state, &mailer, content.as_deref(), &send).await;
            (send, outcome)
        });
    }
    while let Some(done) = sending.join_next().await {
        outcomes.extend(finished(done));
    }
    // One commit for the batch. What a stopped task sent stays `sending` and so is never
    // sent again.
    newsroom.record_newsletter_sends(&outcomes).await?;
    newsroom.finish_newsletter_issues().await?;
    // Keep to the rate: this batch's share of a minute.
    let share =
        std::time::Duration::from_secs_f64(count as f64 * 60.0 / f64::from(mailer.per_minute));
    if let Some(rest) = share.checked_sub(started.elapsed()) {
        tokio::time::sleep(rest).await;
    }
    Ok(count)
}

/// A finished task's message and outcome; a task that panicked is logged, and its message
/// left `sending` (it becomes `interrupted`).
fn finished<T>(done: Result<T, tokio::task::JoinError>) -> Option<T> {
    done.inspect_err(|error| tracing::error!(%error, "sending a newsletter message stopped")).ok()
}

async fn send_one(
    state: &AppState,
    mailer: &Mailer,
    content: Option<&compose::IssueContent>,
    send: &ClaimedSend,
) -> SendOutcome {
    let outcome = match content {
        Some(content) => match compose::issue_message(state, mailer.from(), content, send) {
            Ok(message) => mailer.send(message).await,
            Err(error) => SendOutcome::Permanent(error),
        },
        // Its article went away before it was sent: nothing to send, nobody's fault.
        None => {
            SendOutcome::Temporary("nothing to send: the article is no longer published".into())
        }
    };
    if let SendOutcome::Permanent(error) | SendOutcome::Temporary(error) = &outcome {
        tracing::info!(%error, send = send.id, "a newsletter message was not sent");
    }
    outcome
}

/// Makes the daily briefing of every language once the newsroom's local time for it has come
/// (any server may: each is made once). It lists the articles of the 24 hours before it is
/// made; a day without any gets none. The briefing of a day is keyed by its date and time, so
/// a time moved later in the day makes one more. Returns how many it made.
pub async fn make_due_briefings(state: &AppState) -> lede_store::Result<usize> {
    let newsroom = &state.newsroom;
    let (hour, minute) = newsroom.newsletter_settings().await?.daily_time;
    let zone = &state.settings.time_zone;
    let now = newsroom.now();
    let local = zone.civil(now);
    let due = jiff::civil::DateTime::new(
        local.year(),
        local.month(),
        local.day(),
        hour as i8,
        minute as i8,
        0,
        0,
    )
    .ok()
    .and_then(|at| zone.instant(at));
    if due.is_none_or(|due| due > now) {
        return Ok(0);
    }
    let when = format!("{}T{hour:02}:{minute:02}", local.date());
    let mut made = 0;
    for language in newsroom.languages().all() {
        let list = List::new(ListKind::Daily, language);
        if newsroom.store().issue_exists(&format!("daily:{}:{when}", list.key())).await? {
            continue;
        }
        let start = now - time::Duration::days(1);
        if newsroom.store().published_between(language, start, now, 1).await?.is_empty() {
            continue;
        }
        if newsroom.make_daily_briefing(&list, &when, now).await?.is_some() {
            made += 1;
        }
    }
    Ok(made)
}

/// Sends the confirmation email of a subscription (in the background: the reader's page
/// does not wait for the mail server, and says the same whatever happens).
pub(crate) fn send_confirmation(state: &AppState, subscriber: i64) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let state = state.clone();
    tokio::spawn(async move {
        let subscriber = match state.newsroom.store().subscriber(subscriber).await {
            Ok(Some(subscriber)) => subscriber,
            Ok(None) => return,
            Err(error) => {
                tracing::warn!(%error, "reading a subscriber for the confirmation failed");
                return;
            }
        };
        let outcome = match compose::confirmation_message(&state, mailer.from(), &subscriber).await
        {
            Ok(message) => mailer.send(message).await,
            Err(error) => SendOutcome::Permanent(error),
        };
        if outcome != SendOutcome::Sent {
            tracing::warn!(?outcome, "the confirmation email was not sent");
        }
    });
}
