//! The site's settings, for admins: its name and tagline, the languages it publishes in, and
//! whether pages may show images from other sites. Saved through the newsroom (which stores
//! them where `lede serve` reads them at start) and in force on every page at once.

use super::forms::CsrfForm;
use super::{Viewer, render};
use crate::error::AppResult;
use crate::state::{AppState, SiteIdentity};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::language::SiteLanguages;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SettingsForm {
    name: String,
    tagline: String,
    /// Language tags, comma-separated, the default first (`en, ur`); empty keeps them.
    languages: String,
    /// "Allow images from other sites": `on` when ticked, absent (empty) when not, as
    /// browsers send checkboxes.
    remote_images: String,
    /// The tagline in the site's other languages (`tagline-ur`), among the other fields.
    #[serde(flatten)]
    local: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
struct SettingsView {
    values: SettingsForm,
    /// One "Tagline in اردو" field for each of the site's other languages.
    taglines: Vec<TaglineField>,
    error: Option<String>,
    field: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct TaglineField {
    language: String,
    autonym: String,
    dir: &'static str,
    /// The input's name (`tagline-ur`).
    field: String,
    value: String,
}

/// The tagline fields of the site's other languages, filled from `values`.
fn tagline_fields(state: &AppState, values: &SettingsForm) -> Vec<TaglineField> {
    let languages = state.newsroom.languages();
    languages
        .editions()
        .map(|language| {
            let field = format!("tagline-{language}");
            TaglineField {
                autonym: state.translations.message(language, "language-autonym", None),
                dir: if lede_core::content::is_right_to_left(language) { "rtl" } else { "ltr" },
                value: values.local.get(&field).cloned().unwrap_or_default(),
                language: language.to_owned(),
                field,
            }
        })
        .collect()
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
        &crate::admin::say(state, Some(viewer), "admin-settings-heading", &[]),
        view,
    )
    .await?;
    Ok((status, page).into_response())
}

pub async fn edit(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let identity = state.identity();
    let catalog = state.catalog.get(&state.newsroom).await?;
    let values = SettingsForm {
        name: identity.name,
        tagline: identity.tagline,
        languages: state.newsroom.languages().all().join(", "),
        remote_images: if state.newsroom.remote_images() { "on" } else { "" }.to_owned(),
        local: catalog.taglines.iter().map(|(l, t)| (format!("tagline-{l}"), t.clone())).collect(),
    };
    let view = SettingsView {
        taglines: tagline_fields(&state, &values),
        values,
        error: None,
        field: None,
    };
    settings_page(&state, &viewer, view, StatusCode::OK).await
}

pub async fn save(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<SettingsForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let saved = async {
        let identity =
            state.newsroom.save_site_identity(&viewer.user, &form.name, &form.tagline).await?;
        if !form.languages.trim().is_empty() {
            let languages = SiteLanguages::parse(&form.languages).map_err(|mut invalid| {
                invalid.field = "languages";
                invalid
            })?;
            state.newsroom.save_languages(&viewer.user, languages).await?;
        }
        let remote_images = !form.remote_images.is_empty();
        state.newsroom.save_remote_images(&viewer.user, remote_images).await?;
        for field in tagline_fields(&state, &form) {
            if let Some(tagline) = form.local.get(&field.field) {
                let saved =
                    state.newsroom.save_site_tagline(&viewer.user, &field.language, tagline);
                saved.await.map_err(|error| match error {
                    lede_store::Error::Invalid(mut invalid) => {
                        invalid.field = "tagline-local";
                        lede_store::Error::Invalid(invalid)
                    }
                    other => other,
                })?;
            }
        }
        Ok::<_, lede_store::Error>(identity)
    };
    match saved.await {
        Ok((name, tagline)) => {
            state.set_identity(SiteIdentity { name, tagline });
            Ok(Redirect::to("/admin/settings").into_response())
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            let view = SettingsView {
                taglines: tagline_fields(&state, &form),
                values: form,
                error: Some(crate::admin::tell(&state, Some(&viewer), &invalid.message)),
                field: Some(invalid.field),
            };
            settings_page(&state, &viewer, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}
