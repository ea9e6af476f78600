//! Each person's own byline: the name, bio, website and picture that the author box and author
//! page show, and (through [`super::sessions`]) the browsers signed in as them. Anyone signed
//! in may edit their own, and only their own.

use super::forms::{CsrfForm, CsrfUpload, Upload};
use super::local_names::{self, LanguageFields};
use super::media::library;
use super::sessions::{SessionLine, session_lines};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::names::Named;
use lede_core::urls;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
    bio: String,
    website: String,
    /// The name and bio in the site's other languages (`name-ur`, `bio-ur`), among the
    /// form's other fields.
    #[serde(flatten, skip_serializing)]
    local: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
struct ProfileView {
    values: ProfileForm,
    author_url: String,
    /// The picture readers see, if one was uploaded.
    avatar: Option<String>,
    /// "Name in اردو", "Bio in اردو": one pair for each of the site's other languages.
    languages: Vec<LanguageFields>,
    error: Option<String>,
    field: Option<&'static str>,
    sessions: Vec<SessionLine>,
    max_upload_mb: usize,
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
    let author = state.accounts.profile(&viewer.user).await?.ok_or(AppError::NotFound)?;
    let (error, field) = error.map_or((None, None), |(m, f)| (Some(m), Some(f)));
    let catalog = state.catalog.get(&state.newsroom).await?;
    let stored = catalog.names.of(Named::Author, &author.slug);
    let languages = local_names::fields(state, "bio", &stored, values.as_ref().map(|v| &v.local));
    let view = ProfileView {
        author_url: urls::author(&author.slug),
        avatar: author.avatar,
        languages,
        values: values.unwrap_or(ProfileForm {
            name: author.name,
            bio: author.bio,
            website: author.website.unwrap_or_default(),
            local: BTreeMap::new(),
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
        &crate::admin::say(state, "admin-profile-heading", &[]),
        view,
    )
    .await?;
    Ok((status, page).into_response())
}

pub async fn edit(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    profile_page(&state, &viewer, None, None, StatusCode::OK).await
}

pub async fn save(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let names = local_names::sent(&state, "bio", &form.local);
    let saved =
        state.accounts.update_profile(&viewer.user, &form.name, &form.bio, &form.website, names);
    match saved.await {
        Ok(()) => Ok(Redirect::to("/admin/profile").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let error = Some((invalid.message, invalid.field));
            profile_page(&state, &viewer, Some(form), error, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}

/// A new picture from the file picker. A file that is not a usable image is refused on the
/// profile page (422), and the picture shown before stays.
pub async fn upload_avatar(
    State(state): State<AppState>,
    CsrfUpload { viewer, upload }: CsrfUpload,
) -> AppResult<Response> {
    let Upload { file, .. } = upload;
    let refuse = |message: String| (message, "avatar");
    if file.is_empty() {
        let error = Some(refuse(crate::admin::say(&state, "admin-media-error-choose", &[])));
        return profile_page(&state, &viewer, None, error, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match state.accounts.set_avatar(&viewer.user, &library(&state)?, &file).await {
        Ok(()) => Ok(Redirect::to("/admin/profile").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let error = Some(refuse(invalid.message));
            profile_page(&state, &viewer, None, error, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Takes the picture away; pages draw the initials again.
pub async fn remove_avatar(
    State(state): State<AppState>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    state.accounts.remove_avatar(&viewer.user, &library(&state)?).await?;
    Ok(Redirect::to("/admin/profile").into_response())
}
