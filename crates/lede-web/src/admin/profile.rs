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
    /// The newsroom's language for this person (a tag the theme ships); empty keeps it.
    language: String,
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
    /// The languages the newsroom speaks, each named in itself, and the one chosen.
    interface_languages: Vec<(String, String)>,
    language: String,
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
    let values = values.unwrap_or(ProfileForm {
        name: author.name,
        bio: author.bio,
        website: author.website.unwrap_or_default(),
        local: BTreeMap::new(),
        language: String::new(),
    });
    let language = match values.language.trim() {
        "" => viewer.language.clone(),
        sent => sent.to_owned(),
    };
    let view = ProfileView {
        author_url: urls::author(&author.slug),
        avatar: author.avatar,
        languages,
        values,
        error,
        field,
        interface_languages: crate::admin::interface_languages(state),
        language,
        sessions: session_lines(state, viewer).await?,
        max_upload_mb: lede_core::media::MAX_UPLOAD_BYTES / 1024 / 1024,
    };
    let page = render(
        state,
        Some(viewer),
        "admin/profile.html",
        &crate::admin::say(state, Some(viewer), "admin-profile-heading", &[]),
        view,
    )
    .await?;
    Ok((status, page).into_response())
}

pub async fn edit(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    profile_page(&state, &viewer, None, None, StatusCode::OK).await
}

/// Saves the byline and the newsroom's language. Only a language the theme ships is taken; the
/// byline is checked first, so a refused byline changes nothing.
pub async fn save(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<ProfileForm>,
) -> AppResult<Response> {
    let language = match form.language.trim() {
        "" => None,
        chosen if state.translations.languages().any(|l| l == chosen) => Some(chosen.to_owned()),
        _ => {
            let message = crate::admin::say(&state, Some(&viewer), "validation-language", &[]);
            let error = Some((message, "language"));
            return profile_page(
                &state,
                &viewer,
                Some(form),
                error,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let saved = async {
        let names = local_names::sent(&state, "bio", &form.local);
        state
            .accounts
            .update_profile(&viewer.user, &form.name, &form.bio, &form.website, names)
            .await?;
        if let Some(language) = &language {
            state.accounts.set_interface_language(&viewer.user, Some(language)).await?;
        }
        Ok::<_, lede_store::Error>(())
    };
    match saved.await {
        Ok(()) => Ok(Redirect::to("/admin/profile").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let error =
                Some((crate::admin::tell(&state, Some(&viewer), &invalid.message), invalid.field));
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
        let error =
            Some(refuse(crate::admin::say(&state, Some(&viewer), "admin-media-error-choose", &[])));
        return profile_page(&state, &viewer, None, error, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    match state.accounts.set_avatar(&viewer.user, &library(&state)?, &file).await {
        Ok(()) => Ok(Redirect::to("/admin/profile").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            let error = Some(refuse(crate::admin::tell(&state, Some(&viewer), &invalid.message)));
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
