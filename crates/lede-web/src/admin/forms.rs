//! What the admin's input arrives as: [`AdminForm`] for the forms without a session (sign-in,
//! setup), [`CsrfForm`] for every state-changing form of a signed-in person, [`CsrfUpload`]
//! for the file pickers, [`AdminQuery`] for query strings. The CSRF token is checked here,
//! before any handler runs, so a handler cannot forget it and a forged post never reaches one.
//! Fields that are a fixed set of choices are read straight into their domain types; a value
//! the form never offers is a 400 here, not a check in the handler.

use super::session::{Viewer, forged};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::multipart::MultipartError;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Multipart, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use lede_core::Message;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::{Deserialize, Deserializer};

/// A form body (repeated keys become lists), whose rejections become our own error pages.
#[derive(Debug)]
pub struct AdminForm<T>(pub T);

impl<S, T> FromRequest<S> for AdminForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum_extra::extract::Form::<T>::from_request(request, state).await {
            Ok(form) => Ok(Self(form.0)),
            // A field that does not read as its type (an action or a role the form never
            // offers) is a request we cannot understand: 400, as for a query string.
            Err(rejection) => {
                let status = match rejection.status() {
                    StatusCode::UNPROCESSABLE_ENTITY => StatusCode::BAD_REQUEST,
                    other => other,
                };
                Err(unreadable(status, &rejection.body_text()))
            }
        }
    }
}

/// A query string read into `T`, whose rejections become our own error pages (400).
#[derive(Debug)]
pub struct AdminQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for AdminQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(query) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(Self(query))
    }
}

/// Reads an empty field as no choice (a filter's "all", a select's blank option) and any
/// other value as `T`, for `#[serde(default, deserialize_with = "blank_as_none")]`.
pub fn blank_as_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Option::<String>::deserialize(deserializer)?.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => {
            T::deserialize(IntoDeserializer::<D::Error>::into_deserializer(text)).map(Some)
        }
    }
}

/// The body of a form that sends nothing but its CSRF token (sign out, delete, remove).
#[derive(Debug, Default, Deserialize)]
pub struct NoFields {}

/// The one field every signed-in form carries besides its own.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Token {
    csrf: String,
}

/// A state-changing form of a signed-in person, whose `csrf` field was this session's token.
/// Refusals come in the order the access table expects: signed out, a 303 to the sign-in
/// form; a missing or wrong token, a 403; an unreadable form, its own 4xx. The role is the
/// handler's to check, with [`Viewer::require`].
#[derive(Debug)]
pub struct CsrfForm<T = NoFields> {
    pub viewer: Viewer,
    pub form: T,
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    AppState: FromRef<S>,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|rejection| unreadable(rejection.status(), &rejection.body_text()))?;
        // The token is read on its own first, so a forged form is refused before its other
        // fields are even looked at.
        let again = |bytes: Bytes| Request::from_parts(parts.clone(), Body::from(bytes));
        let AdminForm(token) =
            AdminForm::<Token>::from_request(again(bytes.clone()), state).await?;
        viewer.check_csrf(&token.csrf)?;
        let AdminForm(form) = AdminForm::<T>::from_request(again(bytes), state).await?;
        Ok(Self { viewer, form })
    }
}

/// The same as [`CsrfForm`], whose body may also be a JSON object with the same fields (the
/// editor's scripts send either): `Content-Type: application/json` reads it as JSON, anything
/// else as a form. The token is checked before the other fields are read, either way.
#[derive(Debug)]
pub struct CsrfFormOrJson<T> {
    pub viewer: Viewer,
    pub form: T,
}

impl<S, T> FromRequest<S> for CsrfFormOrJson<T>
where
    S: Send + Sync,
    AppState: FromRef<S>,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("application/json"));
        if !json {
            let CsrfForm { viewer, form } = CsrfForm::from_request(request, state).await?;
            return Ok(Self { viewer, form });
        }
        let (mut parts, body) = request.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|rejection| unreadable(rejection.status(), &rejection.body_text()))?;
        let bad = |e: serde_json::Error| unreadable(StatusCode::BAD_REQUEST, &e.to_string());
        let token: Token = serde_json::from_slice(&bytes).map_err(bad)?;
        viewer.check_csrf(&token.csrf)?;
        let form = serde_json::from_slice(&bytes).map_err(bad)?;
        Ok(Self { viewer, form })
    }
}

/// A file sent from the admin's file pickers (the media library, the profile's picture).
#[derive(Debug)]
pub struct Upload {
    pub file: Vec<u8>,
    pub name: String,
}

/// A multipart upload of a signed-in person. Its `csrf` field must come before the file (the
/// forms and the editor's drag and drop send it first): no byte of the file is read before
/// the token passed.
#[derive(Debug)]
pub struct CsrfUpload {
    pub viewer: Viewer,
    pub upload: Upload,
}

impl<S> FromRequest<S> for CsrfUpload
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        let mut multipart = Multipart::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|rejection| unreadable(rejection.status(), &rejection.body_text()))?;
        let mut checked = false;
        let mut upload = Upload { file: Vec::new(), name: String::new() };
        while let Some(field) = multipart.next_field().await.map_err(upload_error)? {
            match field.name() {
                Some("csrf") => {
                    viewer.check_csrf(&field.text().await.map_err(upload_error)?)?;
                    checked = true;
                }
                Some("file") if checked => {
                    upload.name = field.file_name().unwrap_or("image").to_owned();
                    upload.file = field.bytes().await.map_err(upload_error)?.to_vec();
                }
                Some("file") => break,
                _ => {}
            }
        }
        if !checked {
            // No token, or a file sent before it: refused as any form without its token.
            return Err(forged());
        }
        Ok(Self { viewer, upload })
    }
}

/// A body that could not be read as a form.
fn unreadable(status: StatusCode, detail: &str) -> AppError {
    AppError::Rejected { status, message: Message::new("error-bad-form").text("detail", detail) }
}

/// An upload that could not be read, saying the limit when it was too large.
fn upload_error(error: MultipartError) -> AppError {
    let status = error.status();
    AppError::Rejected {
        status,
        message: if status == StatusCode::PAYLOAD_TOO_LARGE {
            Message::new("media-error-too-large")
                .text("mb", lede_core::media::MAX_UPLOAD_BYTES / 1024 / 1024)
        } else {
            Message::new("admin-media-error-read").text("detail", error.body_text())
        },
    }
}
