//! Errors become responses here, and only here: each kind gets its status code and a message
//! for a person; internal errors are logged once, with their cause, and shown without it.
//! The response carries an [`ErrorPage`] marker that [`crate::middleware`] renders, in the
//! form [`ErrorFormat::for_path`] decides: a page in the site's layout for readers, problem
//! details (RFC 9457, `application/problem+json`) for the content API. Handlers never build
//! error responses themselves.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(String),
    /// A query parameter that cannot be used as given (the API's filters, limits, cursors).
    #[error("{name}: {message}")]
    BadParameter { name: &'static str, message: String },
    /// No credentials that work: an API key that is unknown, malformed or revoked.
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    /// A newsroom page asked for without a session: answered with a redirect to the sign-in
    /// form rather than an error page, since signing in is all it takes.
    #[error("sign in first")]
    SignInFirst,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("{0}")]
    TooManyRequests(String),
    /// A request refused before its content was read (a body over the limit, a wrong type).
    #[error("{message}")]
    Rejected { status: StatusCode, message: String },
    /// Input that breaks a domain rule (`lede_core`), caught before it reached the newsroom.
    #[error("{}: {}", .0.field, .0.message)]
    Invalid(#[from] lede_core::Invalid),
    #[error(transparent)]
    Store(#[from] lede_store::Error),
    #[error("template error: {0:#}")]
    Template(#[from] minijinja::Error),
}

/// The status and message of an error, waiting to be rendered as a page or problem details.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message: String,
    /// The input the error is about (a form field, a query parameter), when there is one.
    pub field: Option<&'static str>,
}

impl AppError {
    fn page(&self) -> ErrorPage {
        use lede_store::Error as Store;
        let field = match self {
            Self::BadParameter { name, .. } => Some(*name),
            Self::Invalid(invalid) | Self::Store(Store::Invalid(invalid)) => Some(invalid.field),
            _ => None,
        };
        let (status, message) = match self {
            Self::NotFound | Self::Store(Store::NotFound(_)) => (
                StatusCode::NOT_FOUND,
                "We could not find that page. It may have moved, or the address may be mistyped."
                    .to_owned(),
            ),
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Self::BadParameter { message, .. } => (StatusCode::BAD_REQUEST, message.clone()),
            Self::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m.clone()),
            Self::Forbidden(m) => (StatusCode::FORBIDDEN, m.clone()),
            Self::SignInFirst => (StatusCode::UNAUTHORIZED, "Sign in at /admin first.".to_owned()),
            Self::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "This address does not accept that method.".to_owned(),
            ),
            Self::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, m.clone()),
            Self::Rejected { status, message } => (*status, message.clone()),
            Self::Invalid(invalid) | Self::Store(Store::Invalid(invalid)) => {
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
        ErrorPage { status, message, field }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::SignInFirst = self {
            return axum::response::Redirect::to("/admin").into_response();
        }
        let page = self.page();
        let mut response = (page.status, page.message.clone()).into_response();
        if let Self::Unauthorized(_) = self {
            // RFC 6750: say which scheme would work.
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(r#"Bearer realm="lede", error="invalid_token""#),
            );
        }
        response.extensions_mut().insert(page);
        response
    }
}

/// How an error is shown to whoever asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFormat {
    /// A page in the site's layout, for readers.
    Page,
    /// Problem details as JSON, for the content API's clients.
    Problem,
}

impl ErrorFormat {
    /// The one decision: everything under `/api` answers errors as problem details.
    pub fn for_path(path: &str) -> Self {
        if path == "/api" || path.starts_with("/api/") { Self::Problem } else { Self::Page }
    }
}

/// Problem details (RFC 9457). `type` stays `about:blank`: the status and its title say what
/// kind of problem it is, `detail` says what to do, `field` names the parameter at fault.
#[derive(Debug, Serialize)]
struct ProblemView<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'static str,
    status: u16,
    detail: &'a str,
    instance: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
}

/// An error as `application/problem+json`, about the request for `instance` (its path).
pub fn problem_response(page: &ErrorPage, instance: &str) -> Response {
    let detail = if page.status == StatusCode::NOT_FOUND {
        // The readers' wording speaks of pages; an API client is told where the map is.
        "Nothing is at this address: the resource does not exist or is not public. \
         See /api/openapi.json for the API's routes."
    } else {
        page.message.as_str()
    };
    let problem = ProblemView {
        kind: "about:blank",
        title: page.status.canonical_reason().unwrap_or("Error"),
        status: page.status.as_u16(),
        detail,
        instance,
        field: page.field,
    };
    let body = serde_json::to_string(&problem).unwrap_or_else(|_| "{}".to_owned());
    (
        page.status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"))],
        body,
    )
        .into_response()
}

/// Several problems with one input (a comment's name, address and text): all are said at
/// once, and the first names the field.
impl From<Vec<lede_core::Invalid>> for AppError {
    fn from(problems: Vec<lede_core::Invalid>) -> Self {
        let field = problems.first().map_or("", |p| p.field);
        let message = problems.into_iter().map(|p| p.message).collect::<Vec<_>>().join(" ");
        Self::Invalid(lede_core::Invalid::new(field, message))
    }
}

/// Turns axum's query-string rejections (unknown or unparsable parameters) into our errors.
impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        Self::BadRequest(format!("We could not read the query string: {}", rejection.body_text()))
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
