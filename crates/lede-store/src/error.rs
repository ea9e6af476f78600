//! Storage errors, sorted into the kinds callers act on: not found, invalid, conflict, and
//! everything else (the database failed, which is the operator's problem, not the user's).

use lede_core::{Invalid, Message};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The rules of the workflow or of a role refuse it.
    #[error("{0}")]
    Forbidden(Message),
    #[error("conflict: {0}")]
    Conflict(Message),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Config(String),
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => Error::NotFound("row"),
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                Error::Conflict(Message::new("store-duplicate").text("detail", db.message()))
            }
            _ => Error::Database(error),
        }
    }
}

impl Error {
    /// Whether the database could not be reached or gave no connection in time (as opposed
    /// to refusing a statement): the request may well succeed a few seconds later.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Self::Database(
                sqlx::Error::PoolTimedOut
                    | sqlx::Error::PoolClosed
                    | sqlx::Error::Io(_)
                    | sqlx::Error::Tls(_)
                    | sqlx::Error::WorkerCrashed
            )
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
