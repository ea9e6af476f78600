//! Each person's own byline: the name, bio, website and picture that the author box and author
//! page show, and (through [`super::sessions`]) the browsers signed in as them. Anyone signed
//! in may edit their own, and only their own.

use super::media::{Upload, library, read_upload};
use super::session::{AdminForm, CsrfOnly, MaybeViewer};
use super::sessions::{SessionLine, session_lines};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileForm {
    #[serde(skip_serializing)]
    csrf: String,
    name: String,
    bio: String,
    website: String,
}

#[derive(Debug, Serialize)]
struct ProfileView {
    values: ProfileForm,
    author_url: String,
    /// The picture readers see, if one was uploaded.
    avatar: Option<String>,
    error: Option<String>,
    field: Option<&'static str>,
    sessions: Vec<SessionLine>,
    max_upload_mb: usize,
}

fn signed_in(viewer: Option<Viewer>) -> AppResult<Viewer> {
    viewer.ok_or(AppError::SignInFirst)
}

/// The profile page, filled from the stored byline unless `values` (a form sent back with a
/// mistake) are given, with `error` saying what to correct and which field.
async fn profile_page(
    state: &AppState,
    viewer: &Viewer,
    values: Option<ProfileForm>,
    error: Option<(String, &'static str)>,
    status: StatusCode,
) -> AppResult<Response> {
    let author = state
        .accounts
        .profile(&viewer.user)
        .await?
        .ok_or(AppError::NotFound)?;
    let (error, field) = error.map_or((None, None), |(m, f)| (Some(m), Some(f)));
    let view = ProfileView {
        author_url: format!("/author/{}", author.slug),
        avatar: author.avatar,
        values: values.unwrap_or(ProfileForm {
            csrf: String::new(),
            name: author.name,
            bio: author.bio,
            website: author.website.unwrap_or_default(),
        }),
        error,
        field,
        sessions: session_lines(state, viewer).await?,
        max_upload_mb: lede_core::media::MAX_UPLOAD_BYTES / 1024 / 1024,
    };
    let page = render(
        state,
        Some(viewer),
        "admin/profile.html",
        "Your profile",
        view,
    )
    .await?;
    Ok((status, page).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
) -> AppResult<Response> {
    let viewer = signed_in(viewer)?;
    profile_page(&state, &viewer, None, None, StatusCode::OK).await
}

pub async fn save(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    AdminForm(form): AdminForm<ProfileForm>,
) -> AppResult<Response> {
    let viewer = signed_in(viewer)?;
    viewer.check_csrf(&form.csrf)?;
    match state
        .accounts
        .update_profile(&viewer.user, &form.name, &form.bio, &form.website)
        .await
    {
        Ok(()) => Ok(Redirect::to("/admin/profile").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let error = Some((invalid.message, invalid.field));
            profile_page(
                &state,
                &viewer,
                Some(form),
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// A new picture from the file picker. A file that is not a usable image is refused on the
/// profile page (422), and the picture shown before stays.
pub async fn upload_avatar(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let viewer = signed_in(viewer)?;
    let Upload { csrf, file, .. } = read_upload(&mut multipart).await?;
    viewer.check_csrf(&csrf)?;
    let refuse = |message: String| (message, "avatar");
    if file.is_empty() {
        let error = Some(refuse("Choose an image to upload.".into()));
        return profile_page(
            &state,
            &viewer,
            None,
            error,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match state
        .accounts
        .set_avatar(&viewer.user, &library(&state)?, &file)
        .await
    {
        Ok(()) => Ok(Redirect::to("/admin/profile").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let error = Some(refuse(invalid.message));
            profile_page(
                &state,
                &viewer,
                None,
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// Takes the picture away; pages draw the initials again.
pub async fn remove_avatar(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    AdminForm(form): AdminForm<CsrfOnly>,
) -> AppResult<Response> {
    let viewer = signed_in(viewer)?;
    viewer.check_csrf(&form.csrf)?;
    state
        .accounts
        .remove_avatar(&viewer.user, &library(&state)?)
        .await?;
    Ok(Redirect::to("/admin/profile").into_response())
}
