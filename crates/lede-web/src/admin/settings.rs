//! The site's settings, for admins: its name and tagline. Saved through the newsroom (which
//! stores them where `lede serve` reads them at start) and shown on every page at once.

use super::session::{AdminForm, MaybeViewer};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, SiteIdentity};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use serde::{Deserialize, Serialize};

fn admin(viewer: Option<Viewer>) -> AppResult<Viewer> {
    let viewer = viewer.ok_or(AppError::SignInFirst)?;
    viewer.require(Action::ManageSite)?;
    Ok(viewer)
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SettingsForm {
    #[serde(skip_serializing)]
    csrf: String,
    name: String,
    tagline: String,
}

#[derive(Debug, Serialize)]
struct SettingsView {
    values: SettingsForm,
    error: Option<String>,
    field: Option<&'static str>,
}

async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    view: SettingsView,
    status: StatusCode,
) -> AppResult<Response> {
    let page = render(
        state,
        Some(viewer),
        "admin/settings.html",
        "Site settings",
        view,
    )
    .await?;
    Ok((status, page).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
) -> AppResult<Response> {
    let viewer = admin(viewer)?;
    let identity = state.identity();
    let view = SettingsView {
        values: SettingsForm {
            csrf: String::new(),
            name: identity.name,
            tagline: identity.tagline,
        },
        error: None,
        field: None,
    };
    settings_page(&state, &viewer, view, StatusCode::OK).await
}

pub async fn save(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
    AdminForm(form): AdminForm<SettingsForm>,
) -> AppResult<Response> {
    let viewer = admin(viewer)?;
    viewer.check_csrf(&form.csrf)?;
    match state
        .newsroom
        .save_site_identity(&viewer.user, &form.name, &form.tagline)
        .await
    {
        Ok((name, tagline)) => {
            state.set_identity(SiteIdentity { name, tagline });
            Ok(Redirect::to("/admin/settings").into_response())
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            let view = SettingsView {
                values: form,
                error: Some(invalid.message),
                field: Some(invalid.field),
            };
            settings_page(&state, &viewer, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}
