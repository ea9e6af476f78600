//! Errors become responses here, and only here: each kind gets its status code and a message
//! for a person; internal errors are logged once, with their cause, and shown without it.
//! The response carries an [`ErrorPage`] marker that [`crate::middleware`] renders in the
//! site's layout, so handlers never build error pages themselves.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// A request refused before its content was read (a body over the limit, a wrong type).
    #[error("{message}")]
    Rejected { status: StatusCode, message: String },
    #[error(transparent)]
    Store(#[from] lede_store::Error),
    #[error("template error: {0:#}")]
    Template(#[from] minijinja::Error),
}

/// The status and message of an error, waiting to be rendered as a page.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message: String,
}

impl AppError {
    fn page(&self) -> ErrorPage {
        use lede_store::Error as Store;
        let (status, message) = match self {
            Self::NotFound | Self::Store(Store::NotFound(_)) => (
                StatusCode::NOT_FOUND,
                "We could not find that page. It may have moved, or the address may be mistyped."
                    .to_owned(),
            ),
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Self::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            Self::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, m.clone()),
            Self::Rejected { status, message } => (*status, message.clone()),
            Self::Store(Store::Invalid(invalid)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, invalid.message.clone())
            }
            Self::Store(Store::Conflict(m)) => (StatusCode::CONFLICT, m.clone()),
            Self::Store(Store::Forbidden(m)) => (StatusCode::FORBIDDEN, m.clone()),
            Self::Store(_) | Self::Template(_) => {
                tracing::error!(error = %self, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side. Please try again shortly.".to_owned(),
                )
            }
        };
        ErrorPage { status, message }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let page = self.page();
        let mut response = (page.status, page.message.clone()).into_response();
        response.extensions_mut().insert(page);
        response
    }
}

/// Turns axum's form rejections (too large, wrong content type, unparsable) into our errors.
impl From<axum::extract::rejection::FormRejection> for AppError {
    fn from(rejection: axum::extract::rejection::FormRejection) -> Self {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "That was more text than we accept in one go. Please shorten it and send it again."
                .to_owned()
        } else {
            format!("We could not read that form: {}", rejection.body_text())
        };
        Self::Rejected { status, message }
    }
}

pub type AppResult<T> = Result<T, AppError>;
