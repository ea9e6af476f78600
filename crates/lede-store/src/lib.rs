//! Lede's storage. [`SqlStore`] is the one door to the database: coarse, use-case methods,
//! one implementation for both SQLite and PostgreSQL through sqlx's `Any` driver, with a
//! migration tree per database. Its reads are public, for pages, the API and exports; its
//! writes are `pub(crate)`, so content changes only through [`Newsroom`] (and accounts through
//! [`Accounts`], media records through [`MediaLibrary`]): the compiler keeps the one write path.
//!
//! Outside this crate a read compiles…
//!
//! ```
//! # use lede_core::comment::CommentStatus;
//! async fn queue(store: &lede_store::SqlStore) -> lede_store::Result<u64> {
//!     store.count_comments(CommentStatus::Pending).await
//! }
//! ```
//!
//! …and a write does not (`set_comment_status` is private to this crate): it goes through
//! [`Newsroom::moderate_comment`], which announces the change to the page cache.
//!
//! ```compile_fail,E0624
//! # use lede_core::comment::CommentStatus;
//! # use lede_core::content::CommentId;
//! async fn sneak(store: &lede_store::SqlStore, id: CommentId) -> lede_store::Result<()> {
//!     let now = time::OffsetDateTime::UNIX_EPOCH;
//!     store.set_comment_status(id, CommentStatus::Approved, now).await.map(drop)
//! }
//! ```

mod accounts;
mod error;
mod media;
mod media_store;
pub mod model;
mod newsroom;
pub mod sql;
#[cfg(feature = "test-support")]
pub mod test_support;

pub use accounts::{Accounts, ActiveSession, SetupError, SignInError, SignedIn};
pub use error::{Error, Result};
pub use media::{ExistingImage, ImageDecoding, MediaLibrary};
pub use media_store::{ByteRange, CopyCounts, Fetched, MediaFile, MediaStore, S3Settings};
pub use model::*;
pub use newsroom::{
    ArticleChange, CHANNEL, Change, DAILY_TIME_KEY, DEFAULT_DAILY_TIME, Direction, Edit, Heard,
    Import, ImportedSubscribers, NewsletterSettings, Newsroom, OUTSIDE_CHANGE_KEY,
    PREVIEW_LINK_LIFETIME, PageSettings, REMOTE_IMAGES_KEY, SEND_LEASE, SITE_NAME_KEY,
    SITE_TAGLINE_KEY, WEBHOOK_LEASE, parse_daily_time,
};
pub use sql::{
    AfterAttempt, Allowance, AttemptOutcome, ClaimedDelivery, ClaimedSend, DeliveryStatus,
    FrontPage, ImportPace, Issue, IssueKind, IssueReport, PoolUse, QueueDepths, RestoreCounts,
    SendOutcome, SqlStore, StartLock, Subscriber, SubscriberStatus, WebhookAttempt,
    WebhookDelivery, WebhookEndpoint,
};
