//! The media library: upload images (the file picker, without JavaScript), list and search
//! them, and delete those no article shows. Uploads are checked by content and re-encoded.
//! Every role writes, so anyone signed in may use the library.

use super::forms::{AdminQuery, CsrfForm, CsrfUpload, Upload};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_store::MediaLibrary;
use serde::{Deserialize, Serialize};

/// An upload's body: the largest image accepted plus room for the form's other fields.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(lede_core::media::MAX_UPLOAD_BYTES + 64 * 1024)
}

pub(super) fn library(state: &AppState) -> AppResult<MediaLibrary> {
    let dir = state
        .settings
        .media_dir
        .clone()
        .ok_or_else(|| AppError::BadRequest("admin-media-error-no-dir".into()))?;
    Ok(MediaLibrary::new(state.newsroom.store().clone(), dir, state.image_decoding.clone()))
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
                thumbnail: m.widths.first().map_or(m.path.clone(), |w| m.variant(*w, "webp")),
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
        render(
            state,
            Some(viewer),
            "admin/media.html",
            &crate::admin::say(state, Some(viewer), "admin-media-heading", &[]),
            view,
        )
        .await?,
    )
        .into_response())
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(query): AdminQuery<LibraryQuery>,
) -> AppResult<Response> {
    library_page(&state, &viewer, query.q, None, None, StatusCode::OK).await
}

pub async fn upload(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    CsrfUpload { viewer, upload }: CsrfUpload,
) -> AppResult<Response> {
    // The editor's drag and drop asks for JSON; the library's form for a page.
    let wants_json = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    let Upload { file, name } = upload;
    if file.is_empty() {
        return library_page(
            &state,
            &viewer,
            String::new(),
            Some(crate::admin::say(&state, Some(&viewer), "admin-media-error-choose", &[])),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let uploaded =
        library(&state)?.upload(&file, &name, Some(viewer.user.id), state.newsroom.now()).await;
    if wants_json {
        return Ok(match uploaded {
            Ok(item) => axum::Json(serde_json::json!({ "path": item.path, "width": item.width, "height": item.height })).into_response(),
            Err(lede_store::Error::Invalid(invalid)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(serde_json::json!({ "error": crate::admin::tell(&state, Some(&viewer), &invalid.message) }))).into_response()
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
                Some(crate::admin::tell(&state, Some(&viewer), &invalid.message)),
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
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    match library(&state)?.delete(&viewer.user, id).await {
        Ok(()) => Ok(Redirect::to("/admin/media").into_response()),
        Err(lede_store::Error::Conflict(message)) => {
            let message = crate::admin::tell(&state, Some(&viewer), &message);
            library_page(&state, &viewer, String::new(), Some(message), None, StatusCode::CONFLICT)
                .await
        }
        Err(other) => Err(other.into()),
    }
}
