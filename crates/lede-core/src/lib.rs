//! Lede's domain: the content model, its rules, and the pure logic every other crate shares
//! (slugs, reading time, Markdown, related-article scoring, comment checks, API keys). No IO
//! lives here, so all of it is unit-tested without a database or a server.

pub mod account;
pub mod alt_text;
pub mod api_key;
pub mod clock;
pub mod comment;
pub mod content;
pub mod error;
pub mod language;
pub mod markdown;
pub mod media;
pub mod menu;
pub mod message;
pub mod names;
pub mod newsletter;
pub mod presentation;
pub mod reading_time;
pub mod related;
pub mod script;
pub mod site_copy;
pub mod slug;
pub mod transfer;
pub mod uri;
pub mod urls;
pub mod webhook;
pub mod workflow;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{Invalid, Result};
pub use message::Message;
pub use slug::Slug;
