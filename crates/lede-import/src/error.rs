//! What can stop an import or an export, each kind keeping its cause.

use std::path::PathBuf;

/// A problem in the export file itself, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file and the problem in one message. The problem is not also given as the
    /// error's source: printing the chain of causes (`lede: {error:#}`) would say it twice.
    #[error("{}: {problem}", path.display())]
    Parse { path: PathBuf, problem: ParseError },
    /// Reading the local copy or writing the site's media store failed.
    #[error("cannot copy the media file {} to the media store as {to}", from.display())]
    Media {
        from: PathBuf,
        to: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("the import was refused, nothing was written")]
    Store(#[from] lede_store::Error),
    #[error("cannot write the export")]
    Write(#[from] std::io::Error),
    #[error("cannot write the export as JSON")]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
