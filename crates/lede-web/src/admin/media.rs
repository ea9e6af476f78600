//! The media library: upload images (the file picker, without JavaScript), list and search
//! them, describe them (alt text, caption, credit: offered to the articles that show them),
//! and delete those no article shows. Uploads are checked by content and re-encoded.
//! Every role writes, so anyone signed in may use the library; an image's description and
//! its deletion are its uploader's and the editors'.

use super::forms::{AdminQuery, CsrfForm, CsrfUpload, Upload};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account;
use lede_core::alt_text::Description;
use lede_store::MediaLibrary;
use serde::{Deserialize, Serialize};

/// An upload's body: the largest image accepted plus room for the form's other fields.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(lede_core::media::MAX_UPLOAD_BYTES + 64 * 1024)
}

pub(super) fn library(state: &AppState) -> AppResult<MediaLibrary> {
    let files = state
        .settings
        .media
        .clone()
        .ok_or_else(|| AppError::BadRequest("admin-media-error-no-dir".into()))?;
    Ok(MediaLibrary::new(state.newsroom.store().clone(), files, state.image_decoding.clone()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LibraryQuery {
    q: String,
    /// The image whose description was just saved, to say so.
    described: Option<i64>,
    /// The image just uploaded, to say so and ask for its description.
    uploaded: Option<i64>,
}

#[derive(Debug, Serialize)]
struct MediaLine {
    id: i64,
    path: String,
    thumbnail: String,
    name: String,
    size: String,
    uploaded: String,
    alt: String,
    caption: String,
    credit: String,
    /// Whether the viewer may change the description (`account::may_describe_media`).
    may_describe: bool,
    /// The field a refused description names, on the image it was for.
    field: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct LibraryView {
    q: String,
    items: Vec<MediaLine>,
    error: Option<String>,
    /// What was just done, said once.
    notice: Option<String>,
}

/// A description someone sent that was refused: shown again as typed, on its image.
struct Refused {
    id: i64,
    description: Description,
    field: &'static str,
}

async fn library_page(
    state: &AppState,
    viewer: &Viewer,
    q: String,
    error: Option<String>,
    notice: Option<String>,
    refused: Option<Refused>,
    status: StatusCode,
) -> AppResult<Response> {
    let items = state.newsroom.store().media(&q, 200).await?;
    let view = LibraryView {
        items: items
            .into_iter()
            .map(|m| {
                let own = m.uploaded_by == Some(viewer.user.id);
                let (description, field) = match &refused {
                    Some(r) if r.id == m.id => (r.description.clone(), Some(r.field)),
                    _ => (m.description.clone(), None),
                };
                MediaLine {
                    thumbnail: m.widths.first().map_or(m.path.clone(), |w| m.variant(*w, "webp")),
                    size: format!("{}×{}", m.width, m.height),
                    uploaded: m.created_at.date().to_string(),
                    id: m.id,
                    path: m.path,
                    name: m.original_name,
                    alt: description.alt,
                    caption: description.caption,
                    credit: description.credit,
                    may_describe: account::may_describe_media(viewer.user.role, own),
                    field,
                }
            })
            .collect(),
        q,
        error,
        notice,
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
    let (id, message) = match (query.described, query.uploaded) {
        (Some(id), _) => (Some(id), "admin-media-described"),
        (None, Some(id)) => (Some(id), "admin-media-uploaded"),
        (None, None) => (None, ""),
    };
    let notice = match id {
        Some(id) => state.newsroom.store().media_by_id(id).await?.map(|item| {
            crate::admin::say(
                &state,
                Some(&viewer),
                message,
                &[("name", item.original_name.as_str())],
            )
        }),
        None => None,
    };
    library_page(&state, &viewer, query.q, None, notice, None, StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DescriptionForm {
    alt: String,
    caption: String,
    credit: String,
}

/// Keeps an image's alt text, caption and credit. Reader pages do not change (each article
/// keeps its own copy), so there is nothing for the page cache to purge.
pub async fn describe(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<DescriptionForm>,
) -> AppResult<Response> {
    let description = Description { alt: form.alt, caption: form.caption, credit: form.credit };
    match library(&state)?.describe(&viewer.user, id, description.clone()).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/media?described={id}#media-{id}")).into_response())
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            let message = crate::admin::tell(&state, Some(&viewer), &invalid.message);
            let refused = Refused { id, description, field: invalid.field };
            library_page(
                &state,
                &viewer,
                String::new(),
                Some(message),
                None,
                Some(refused),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
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
        Ok(item) => {
            Ok(Redirect::to(&format!("/admin/media?uploaded={0}#media-{0}", item.id))
                .into_response())
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            library_page(
                &state,
                &viewer,
                String::new(),
                Some(crate::admin::tell(&state, Some(&viewer), &invalid.message)),
                None,
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
            let conflict = StatusCode::CONFLICT;
            library_page(&state, &viewer, String::new(), Some(message), None, None, conflict).await
        }
        Err(other) => Err(other.into()),
    }
}
