//! The media library: upload images (the file picker, without JavaScript), list and search
//! them, and delete those no article shows. Uploads are checked by content and re-encoded.

use super::session::{AdminForm, CsrfOnly, MaybeViewer};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_store::MediaLibrary;
use serde::{Deserialize, Serialize};

/// An upload's body: the largest image accepted plus room for the form's other fields.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(lede_core::media::MAX_UPLOAD_BYTES + 64 * 1024)
}

fn uploader(viewer: Option<Viewer>) -> AppResult<Viewer> {
    let viewer = viewer.ok_or(AppError::SignInFirst)?;
    viewer.require(Action::WriteDrafts)?;
    Ok(viewer)
}

/// What an upload form sends: its CSRF token and one file.
pub(super) struct Upload {
    pub csrf: String,
    pub file: Vec<u8>,
    pub name: String,
}

/// Reads an upload form (fields `csrf` and `file`), refusing a body over the limit with a
/// message that gives the limit.
pub(super) async fn read_upload(multipart: &mut Multipart) -> AppResult<Upload> {
    let too_large = |e: axum::extract::multipart::MultipartError| AppError::Rejected {
        status: e.status(),
        message: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "Images may be at most {} MB.",
                lede_core::media::MAX_UPLOAD_BYTES / 1024 / 1024
            )
        } else {
            format!("We could not read that upload: {}", e.body_text())
        },
    };
    let (mut csrf, mut file, mut name) = (String::new(), Vec::new(), String::new());
    while let Some(field) = multipart.next_field().await.map_err(too_large)? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(too_large)?,
            Some("file") => {
                name = field.file_name().unwrap_or("image").to_owned();
                file = field.bytes().await.map_err(too_large)?.to_vec();
            }
            _ => {}
        }
    }
    Ok(Upload { csrf, file, name })
}

pub(super) fn library(state: &AppState) -> AppResult<MediaLibrary> {
    let dir = state
        .settings
        .media_dir
        .clone()
        .ok_or_else(|| AppError::BadRequest("This site has no media directory.".into()))?;
    Ok(MediaLibrary::new(state.newsroom.store().clone(), dir))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LibraryQuery {
    q: String,
}

#[derive(Debug, Serialize)]
struct MediaLine {
    id: i64,
    path: String,
    thumbnail: String,
    name: String,
    size: String,
    uploaded: String,
}

#[derive(Debug, Serialize)]
struct LibraryView {
    q: String,
    items: Vec<MediaLine>,
    error: Option<String>,
    uploaded: Option<String>,
}

async fn library_page(
    state: &AppState,
    viewer: &Viewer,
    q: String,
    error: Option<String>,
    uploaded: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let items = state.newsroom.store().media(&q, 200).await?;
    let view = LibraryView {
        items: items
            .into_iter()
            .map(|m| MediaLine {
                thumbnail: m
                    .widths
                    .first()
                    .map_or(m.path.clone(), |w| m.variant(*w, "webp")),
                size: format!("{}×{}", m.width, m.height),
                uploaded: m.created_at.date().to_string(),
                id: m.id,
                path: m.path,
                name: m.original_name,
            })
            .collect(),
        q,
        error,
        uploaded,
    };
    Ok((
        status,
        render(state, Some(viewer), "admin/media.html", "Media", view).await?,
    )
        .into_response())
}

pub async fn list(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Query(query): Query<LibraryQuery>,
) -> AppResult<Response> {
    let viewer = uploader(viewer)?;
    library_page(&state, &viewer, query.q, None, None, StatusCode::OK).await
}

pub async fn upload(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    headers: axum::http::HeaderMap,
    mut multipart: Multipart,
) -> AppResult<Response> {
    // The editor's drag and drop asks for JSON; the library's form for a page.
    let wants_json = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    let viewer = uploader(viewer)?;
    let Upload { csrf, file, name } = read_upload(&mut multipart).await?;
    viewer.check_csrf(&csrf)?;
    if file.is_empty() {
        return library_page(
            &state,
            &viewer,
            String::new(),
            Some("Choose an image to upload.".into()),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let uploaded = library(&state)?
        .upload(&file, &name, Some(viewer.user.id), state.newsroom.now())
        .await;
    if wants_json {
        return Ok(match uploaded {
            Ok(item) => axum::Json(serde_json::json!({ "path": item.path, "width": item.width, "height": item.height })).into_response(),
            Err(lede_store::Error::Invalid(invalid)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(serde_json::json!({ "error": invalid.message }))).into_response()
            }
            Err(other) => return Err(other.into()),
        });
    }
    match uploaded {
        Ok(item) => Ok(Redirect::to(&format!("/admin/media?uploaded={}", item.id)).into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            library_page(
                &state,
                &viewer,
                String::new(),
                Some(invalid.message),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    Path(id): Path<i64>,
    AdminForm(form): AdminForm<CsrfOnly>,
) -> AppResult<Response> {
    let viewer = uploader(viewer)?;
    viewer.check_csrf(&form.csrf)?;
    match library(&state)?.delete(id).await {
        Ok(()) => Ok(Redirect::to("/admin/media").into_response()),
        Err(lede_store::Error::Conflict(message)) => {
            library_page(
                &state,
                &viewer,
                String::new(),
                Some(message),
                None,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
