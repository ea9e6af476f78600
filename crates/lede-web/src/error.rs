//! Errors become responses here, and only here: each kind gets its status code and a message
//! for a person; internal errors are logged once, with their cause, and shown without it.
//! The response carries an [`ErrorPage`] marker that [`crate::middleware`] renders, in the
//! form [`ErrorFormat::for_path`] decides: a page in the site's layout for readers, problem
//! details (RFC 9457, `application/problem+json`) for the content API. Handlers never build
//! error responses themselves. What an error says is a [`Message`], put into words only when
//! the page is rendered, in the language of whoever reads it (see the middleware).

use crate::i18n::Translations;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use lede_core::Message;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    BadRequest(Message),
    /// A query parameter that cannot be used as given (the API's filters, limits, cursors).
    #[error("{name}: {message}")]
    BadParameter { name: &'static str, message: String },
    /// A well-formed query parameter that names nothing (the API's section, tag or author
    /// filter): the list it asks for does not exist, like `/api/sections/nowhere`.
    #[error("{name}: {message}")]
    NamesNothing { name: &'static str, message: String },
    /// No credentials that work: an API key that is unknown, malformed or revoked.
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(Message),
    /// A newsroom page asked for without a session: answered with a redirect to the sign-in
    /// form rather than an error page, since signing in is all it takes.
    #[error("sign in first")]
    SignInFirst,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("{0}")]
    TooManyRequests(Message),
    /// A request refused before its content was read (a body over the limit, a wrong type).
    #[error("{message}")]
    Rejected { status: StatusCode, message: Message },
    /// Input that breaks a domain rule (`lede_core`), caught before it reached the newsroom.
    #[error("{}: {}", .0.field, .0.message)]
    Invalid(#[from] lede_core::Invalid),
    /// Several broken rules of one input (a comment's name, address and text), said at once;
    /// the first names the field.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join(" "))]
    Problems(Vec<lede_core::Invalid>),
    /// An error on a page whose language the handler knows (an article's, where a reader
    /// commented), said in that language rather than the one the address implies.
    #[error("{error}")]
    InLanguage { language: String, error: Box<AppError> },
    #[error(transparent)]
    Store(#[from] lede_store::Error),
    #[error("template error: {0:#}")]
    Template(#[from] minijinja::Error),
}

/// What an error says: messages to put in the reader's language, or the content API's own
/// English text.
#[derive(Debug, Clone)]
pub enum ErrorText {
    /// One or more messages, said one after another.
    Said(Vec<Message>),
    /// Text as it is: the API's details, which are English (its clients are programs).
    Plain(String),
}

impl ErrorText {
    fn said(message: impl Into<Message>) -> Self {
        Self::Said(vec![message.into()])
    }

    /// The words in `language`.
    pub fn in_language(&self, translations: &Translations, language: &str) -> String {
        match self {
            Self::Said(messages) => {
                messages.iter().map(|m| translations.say(language, m)).collect::<Vec<_>>().join(" ")
            }
            Self::Plain(text) => text.clone(),
        }
    }

    /// The words in English, where no language is known or none is wanted.
    pub fn english(&self) -> String {
        match Translations::shipped() {
            Ok(translations) => self.in_language(&translations, crate::i18n::FALLBACK),
            Err(_) => match self {
                Self::Said(messages) => {
                    messages.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
                }
                Self::Plain(text) => text.clone(),
            },
        }
    }
}

/// The status and message of an error, waiting to be rendered as a page or problem details.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub message: ErrorText,
    /// The input the error is about (a form field, a query parameter), when there is one.
    pub field: Option<&'static str>,
    /// The language to say it in, when the handler knew it; otherwise the middleware takes
    /// the person's (newsroom) or the edition's (reader pages).
    pub language: Option<String>,
}

impl AppError {
    /// Says this error in `language` (an article's), whatever the address.
    pub fn in_language(self, language: &str) -> Self {
        match self {
            Self::SignInFirst => self,
            error => Self::InLanguage { language: language.to_owned(), error: Box::new(error) },
        }
    }

    fn page(&self) -> ErrorPage {
        use lede_store::Error as Store;
        if let Self::InLanguage { language, error } = self {
            return ErrorPage { language: Some(language.clone()), ..error.page() };
        }
        let field = match self {
            Self::BadParameter { name, .. } | Self::NamesNothing { name, .. } => Some(*name),
            Self::Invalid(invalid) | Self::Store(Store::Invalid(invalid)) => Some(invalid.field),
            Self::Problems(problems) => problems.first().map(|p| p.field),
            _ => None,
        };
        let (status, message) = match self {
            Self::NotFound | Self::Store(Store::NotFound(_)) => {
                (StatusCode::NOT_FOUND, ErrorText::said("error-not-found"))
            }
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, ErrorText::said(m.clone())),
            Self::BadParameter { message, .. } => {
                (StatusCode::BAD_REQUEST, ErrorText::Plain(message.clone()))
            }
            Self::NamesNothing { message, .. } => {
                (StatusCode::NOT_FOUND, ErrorText::Plain(message.clone()))
            }
            Self::Unauthorized(m) => (StatusCode::UNAUTHORIZED, ErrorText::Plain(m.clone())),
            Self::Forbidden(m) | Self::Store(Store::Forbidden(m)) => {
                (StatusCode::FORBIDDEN, ErrorText::said(m.clone()))
            }
            Self::SignInFirst => (StatusCode::UNAUTHORIZED, ErrorText::said("error-sign-in-first")),
            Self::MethodNotAllowed => {
                (StatusCode::METHOD_NOT_ALLOWED, ErrorText::said("error-method-not-allowed"))
            }
            Self::TooManyRequests(m) => (StatusCode::TOO_MANY_REQUESTS, ErrorText::said(m.clone())),
            Self::Rejected { status, message } => (*status, ErrorText::said(message.clone())),
            Self::Invalid(invalid) | Self::Store(Store::Invalid(invalid)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, ErrorText::said(invalid.message.clone()))
            }
            Self::Problems(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorText::Said(problems.iter().map(|p| p.message.clone()).collect()),
            ),
            Self::Store(Store::Conflict(m)) => (StatusCode::CONFLICT, ErrorText::said(m.clone())),
            Self::Store(error) if error.is_unavailable() => {
                tracing::warn!(%error, "the database is unavailable");
                (StatusCode::SERVICE_UNAVAILABLE, ErrorText::said("error-unavailable"))
            }
            Self::Store(_) | Self::Template(_) | Self::InLanguage { .. } => {
                tracing::error!(error = %self, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, ErrorText::said("error-internal"))
            }
        };
        ErrorPage { status, message, field, language: None }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::SignInFirst = self {
            return axum::response::Redirect::to("/admin").into_response();
        }
        let page = self.page();
        // A plain body until the middleware renders the page in its layout and language.
        let mut response = (page.status, page.message.english()).into_response();
        if page.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
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

/// An error as `application/problem+json`, about the request for `instance` (its path), in
/// English: the API's clients are programs, and their developers read its documentation in
/// English.
pub fn problem_response(page: &ErrorPage, instance: &str) -> Response {
    let detail =
        if page.status == StatusCode::NOT_FOUND && !matches!(page.message, ErrorText::Plain(_)) {
            // The readers' wording speaks of pages; an API client is told where the map is. The
            // API's own words (a filter naming nothing) stay.
            ErrorText::said("error-api-not-found").english()
        } else {
            page.message.english()
        };
    let problem = ProblemView {
        kind: "about:blank",
        title: page.status.canonical_reason().unwrap_or("Error"),
        status: page.status.as_u16(),
        detail: &detail,
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
        Self::Problems(problems)
    }
}

/// Turns axum's query-string rejections (unknown or unparsable parameters) into our errors.
impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        Self::BadRequest(Message::new("error-bad-query").text("detail", rejection.body_text()))
    }
}

/// Turns axum's form rejections (too large, wrong content type, unparsable) into our errors.
impl From<axum::extract::rejection::FormRejection> for AppError {
    fn from(rejection: axum::extract::rejection::FormRejection) -> Self {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            Message::new("error-form-too-large")
        } else {
            Message::new("error-bad-form").text("detail", rejection.body_text())
        };
        Self::Rejected { status, message }
    }
}

pub type AppResult<T> = Result<T, AppError>;
