//! Lede's storage. The [`Store`] trait is the one door to the database: coarse, use-case
//! methods that the web layer, the CLI and the importer call. [`sql::SqlStore`]
//! implements it once for both SQLite and PostgreSQL through sqlx's `Any` driver, with a
//! migration tree per database. [`Newsroom`] is the domain path for every content change.

mod accounts;
mod error;
mod media;
pub mod model;
mod newsroom;
pub mod sql;
mod store;
#[cfg(feature = "test-support")]
pub mod test_support;

pub use accounts::{Accounts, ActiveSession, SignInError, SignedIn};
pub use error::{Error, Result};
pub use media::MediaLibrary;
pub use model::*;
pub use newsroom::{ArticleChange, Change, Direction, Newsroom, SITE_NAME_KEY, SITE_TAGLINE_KEY};
pub use store::{
    AccountStore, ApiStore, ArticleStore, CatalogStore, CommentStore, EditorialStore, MediaStore,
    SearchStore, Store, TransferStore,
};
