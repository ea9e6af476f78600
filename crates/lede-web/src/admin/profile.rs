//! Each person's own byline: the name, bio and website that the author box and author page
//! show. Anyone signed in may edit their own, and only their own.

use super::session::AdminForm;
use super::session::MaybeViewer;
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::State;
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
    error: Option<String>,
    field: Option<&'static str>,
}

fn signed_in(viewer: Option<Viewer>) -> AppResult<Viewer> {
    viewer.ok_or_else(|| AppError::Forbidden("Sign in at /admin first.".into()))
}

pub async fn edit(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
) -> AppResult<Response> {
    let viewer = signed_in(viewer)?;
    let author = state
        .accounts
        .profile(&viewer.user)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = ProfileView {
        author_url: format!("/author/{}", author.slug),
        values: ProfileForm {
            csrf: String::new(),
            name: author.name,
            bio: author.bio,
            website: author.website.unwrap_or_default(),
        },
        error: None,
        field: None,
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/profile.html",
        "Your profile",
        view,
    )
    .await?
    .into_response())
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
            let author = state
                .accounts
                .profile(&viewer.user)
                .await?
                .ok_or(AppError::NotFound)?;
            let view = ProfileView {
                author_url: format!("/author/{}", author.slug),
                values: form,
                error: Some(invalid.message),
                field: Some(invalid.field),
            };
            let page = render(
                &state,
                Some(&viewer),
                "admin/profile.html",
                "Your profile",
                view,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
