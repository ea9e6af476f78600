//! Several servers on one PostgreSQL database. Every change a server's newsroom announces is
//! also sent to the others through the database (`NOTIFY` on [`CHANNEL`]), and each server
//! listens on a connection of its own and applies what the others announce as if it were its
//! own: the page cache purges exactly the pages the change made stale, the catalog and the
//! site's identity are read again when they changed. A server knows its own notifications by
//! the random id every newsroom draws, and ignores them.
//!
//! A notification sent while a server's listening connection was down is lost to it, so after
//! a lost connection the server is told it [`Heard::Missed`] something: it drops every copy
//! it keeps, and again once it listens again. SQLite has one server, and nothing to send.

use super::{ArticleChange, Change, Newsroom};
use crate::{Placement, Result, SqlStore};
use lede_core::content::{ArticleId, AuthorId, SectionId, TagId};
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// The `NOTIFY` channel changes travel on.
pub const CHANNEL: &str = "lede_changes";

/// PostgreSQL refuses payloads of 8000 bytes or more; a change that does not fit (an article
/// in hundreds of lists) is sent as "everything changed", which purges more but never less.
const MAX_PAYLOAD: usize = 7900;

/// How long a server waits before listening again after losing the connection.
const RECONNECT_PAUSE: Duration = Duration::from_secs(1);

/// What a server hears from the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Heard {
    /// Another server announced this change.
    Change(Change),
    /// Changes may have been missed (the listening connection was lost, or a change was too
    /// big to send): every derived copy must go.
    Missed,
}

/// A notification as it travels: who sent it and what changed (`None`: everything).
#[derive(Serialize, Deserialize)]
struct Wire {
    from: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    change: Option<WireChange>,
}

/// [`Change`] in a compact form with short names (payloads are bounded).
#[derive(Serialize, Deserialize)]
#[serde(tag = "k")]
enum WireChange {
    #[serde(rename = "a")]
    Article {
        id: ArticleId,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        moved: Vec<WirePlacement>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        related_to: Vec<ArticleId>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        translations: Vec<ArticleId>,
        /// Whether the corrections page changed.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        corrections: bool,
        /// Whether the front page's top story or featured articles changed.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        front_page: bool,
    },
    #[serde(rename = "c")]
    Comments { id: ArticleId },
    #[serde(rename = "n")]
    Catalog,
}

#[derive(Serialize, Deserialize)]
struct WirePlacement {
    /// Unix seconds: what the store keeps.
    at: i64,
    s: Vec<SectionId>,
    t: Vec<TagId>,
    a: Vec<AuthorId>,
}

impl From<&Change> for WireChange {
    fn from(change: &Change) -> Self {
        match change {
            Change::Article(a) => Self::Article {
                id: a.id,
                moved: a
                    .moved
                    .iter()
                    .map(|p| WirePlacement {
                        at: p.published_at.unix_timestamp(),
                        s: p.sections.clone(),
                        t: p.tags.clone(),
                        a: p.authors.clone(),
                    })
                    .collect(),
                related_to: a.related_to.clone(),
                translations: a.translations.clone(),
                corrections: a.corrections,
                front_page: a.front_page,
            },
            Change::Comments(id) => Self::Comments { id: *id },
            Change::Catalog => Self::Catalog,
        }
    }
}

impl WireChange {
    fn into_change(self) -> Option<Change> {
        Some(match self {
            Self::Article { id, moved, related_to, translations, corrections, front_page } => {
                let moved = moved
                    .into_iter()
                    .map(|p| {
                        Some(Placement {
                            published_at: OffsetDateTime::from_unix_timestamp(p.at).ok()?,
                            sections: p.s,
                            tags: p.t,
                            authors: p.a,
                        })
                    })
                    .collect::<Option<_>>()?;
                Change::Article(ArticleChange {
                    id,
                    moved,
                    related_to,
                    translations,
                    corrections,
                    front_page,
                })
            }
            Self::Comments { id } => Change::Comments(id),
            Self::Catalog => Change::Catalog,
        })
    }
}

/// The payload that tells the others about `change`.
fn encode(from: u64, change: &Change) -> String {
    let wire = Wire { from, change: Some(change.into()) };
    let payload = serde_json::to_string(&wire).unwrap_or_default();
    if payload.is_empty() || payload.len() > MAX_PAYLOAD {
        return serde_json::to_string(&Wire { from, change: None }).unwrap_or_default();
    }
    payload
}

/// Who sent a payload and what it means; `None` for one this version cannot read (a newer
/// server's), which is treated as "everything changed".
fn decode(payload: &str) -> Option<(u64, Heard)> {
    let wire: Wire = serde_json::from_str(payload).ok()?;
    let heard = match wire.change {
        Some(change) => change.into_change().map_or(Heard::Missed, Heard::Change),
        None => Heard::Missed,
    };
    Some((wire.from, heard))
}

impl Newsroom {
    /// Joins the other servers sharing this PostgreSQL database: from now on every change
    /// this newsroom (and its clones) announces is sent to them, and the returned receiver
    /// yields what they announce. `None` on SQLite, which has one server. Fails when the
    /// first listening connection cannot be made; later losses are healed (see the module).
    pub async fn join_servers(&self) -> Result<Option<mpsc::Receiver<Heard>>> {
        let Some(listener) = self.store.listen(CHANNEL).await? else {
            return Ok(None);
        };
        let (outbox, unsent) = mpsc::unbounded_channel();
        if self.outbox.set(outbox).is_err() {
            return Err(crate::Error::Config("this newsroom already joined the servers".into()));
        }
        // The tasks hold the store, not the newsroom: once every clone of the newsroom is
        // gone, its outbox closes and the sender ends.
        tokio::spawn(send_changes(self.store.clone(), self.server, unsent));
        let (heard, receiver) = mpsc::channel(256);
        tokio::spawn(hear_changes(self.store.clone(), self.server, listener, heard));
        Ok(Some(receiver))
    }

    /// Applies a change another server announced: the languages are read again when the
    /// catalog changed, then every listener hears of it as of a local change (it is not sent
    /// on again).
    pub async fn apply_heard(&self, change: &Change) -> Result<()> {
        if *change == Change::Catalog {
            self.reload_site_settings().await?;
        }
        self.tell_listeners(change);
        Ok(())
    }

    /// Reads the site's languages and the remote-images choice again (another server may
    /// have changed them).
    pub async fn reload_site_settings(&self) -> Result<()> {
        let languages = super::stored_languages(&self.store).await?;
        *self.languages.write().unwrap_or_else(std::sync::PoisonError::into_inner) = languages;
        let remote = self.store.setting(super::site::REMOTE_IMAGES_KEY).await?;
        self.remote_images
            .store(remote.as_deref() == Some("on"), std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }
}

/// Sends each change `server` announced, in order, to the other servers.
async fn send_changes(store: SqlStore, server: u64, mut unsent: mpsc::UnboundedReceiver<Change>) {
    while let Some(change) = unsent.recv().await {
        let payload = encode(server, &change);
        if let Err(error) = store.notify(CHANNEL, &payload).await {
            tracing::warn!(%error, "could not tell the other servers of a change");
        }
    }
}

/// Passes on what the servers other than `server` announce, listening again after a lost
/// connection; ends when nobody receives any more.
async fn hear_changes(
    store: SqlStore,
    server: u64,
    listener: PgListener,
    heard: mpsc::Sender<Heard>,
) {
    let mut current = Some(listener);
    loop {
        let Some(listener) = current.as_mut() else {
            match store.listen(CHANNEL).await {
                Ok(again) => {
                    tracing::info!("listening to the other servers again");
                    current = again;
                    // What was sent while nobody listened is lost: drop everything again.
                    if heard.send(Heard::Missed).await.is_err() {
                        return;
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot listen to the other servers yet");
                    tokio::time::sleep(RECONNECT_PAUSE).await;
                }
            }
            continue;
        };
        let message = match listener.try_recv().await {
            Ok(Some(notification)) => match decode(notification.payload()) {
                Some((from, _)) if from == server => continue,
                Some((_, message)) => message,
                None => Heard::Missed,
            },
            Ok(None) | Err(_) => {
                tracing::warn!("lost the connection to the other servers: pages will render anew");
                current = None;
                Heard::Missed
            }
        };
        if heard.send(message).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::content::ArticleId;

    #[test]
    fn changes_travel_whole_and_oversized_ones_mean_everything() {
        let article = Change::Article(ArticleChange {
            id: ArticleId(7),
            moved: vec![Placement {
                published_at: OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("time"),
                sections: vec![SectionId(1), SectionId(2)],
                tags: vec![TagId(3)],
                authors: vec![AuthorId(4)],
            }],
            related_to: vec![ArticleId(8)],
            translations: vec![ArticleId(9)],
            corrections: true,
            front_page: true,
        });
        for change in [article, Change::Comments(ArticleId(5)), Change::Catalog] {
            let payload = encode(42, &change);
            assert_eq!(decode(&payload), Some((42, Heard::Change(change))), "{payload}");
        }
        let huge = Change::Article(ArticleChange {
            id: ArticleId(1),
            moved: Vec::new(),
            related_to: (0..5000).map(ArticleId).collect(),
            translations: Vec::new(),
            corrections: false,
            front_page: false,
        });
        let payload = encode(42, &huge);
        assert!(payload.len() < MAX_PAYLOAD, "{} bytes", payload.len());
        assert_eq!(decode(&payload), Some((42, Heard::Missed)));
        assert_eq!(decode("not json"), None);
    }
}
