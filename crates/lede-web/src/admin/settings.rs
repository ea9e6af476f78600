//! The site's settings, for admins: its name and tagline, the languages it publishes in,
//! whether pages may show images from other sites, how many "You May Also Like" cards article
//! pages show, and its logo and default share image (uploaded through the media library, which
//! checks and re-encodes them). Saved through the newsroom (which stores them where `lede
//! serve` reads them at start) and in force on every page at once.

use super::forms::{CsrfForm, CsrfUpload};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, SiteIdentity};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::account::Action;
use lede_core::language::SiteLanguages;
use lede_core::presentation::SiteImage;
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
    /// How many "You May Also Like" cards article pages show; empty keeps the number.
    related_count: String,
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
    /// The site's logo and default share image, each with its forms.
    images: Vec<SiteImageView>,
    /// The most "You May Also Like" cards an article page may show.
    related_max: usize,
}

#[derive(Debug, Serialize)]
struct SiteImageView {
    /// `logo` or `share-image`: the end of its forms' addresses.
    name: &'static str,
    path: Option<String>,
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

/// The settings page filled from `values`, saying what went wrong if anything did.
async fn settings_view(
    state: &AppState,
    values: SettingsForm,
    error: Option<String>,
    field: Option<&'static str>,
) -> AppResult<SettingsView> {
    let catalog = state.catalog.get(&state.newsroom).await?;
    let images = &catalog.page.images;
    Ok(SettingsView {
        taglines: tagline_fields(state, &values),
        values,
        error,
        field,
        images: vec![
            SiteImageView { name: SiteImage::Logo.as_str(), path: images.logo.clone() },
            SiteImageView {
                name: SiteImage::ShareImage.as_str(),
                path: images.share_image.clone(),
            },
        ],
        related_max: lede_core::related::MAX_RELATED,
    })
}

/// The form as the settings stand.
async fn current_values(state: &AppState) -> AppResult<SettingsForm> {
    let identity = state.identity();
    let catalog = state.catalog.get(&state.newsroom).await?;
    Ok(SettingsForm {
        name: identity.name,
        tagline: identity.tagline,
        languages: state.newsroom.languages().all().join(", "),
        remote_images: if state.newsroom.remote_images() { "on" } else { "" }.to_owned(),
        related_count: catalog.page.related_count.to_string(),
        local: catalog.taglines.iter().map(|(l, t)| (format!("tagline-{l}"), t.clone())).collect(),
    })
}

pub async fn edit(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let view = settings_view(&state, current_values(&state).await?, None, None).await?;
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
        if !form.related_count.trim().is_empty() {
            state.newsroom.save_related_count(&viewer.user, &form.related_count).await?;
        }
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
            let error = Some(crate::admin::tell(&state, Some(&viewer), &invalid.message));
            let view = settings_view(&state, form, error, Some(invalid.field)).await?;
            settings_page(&state, &viewer, view, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn upload_logo(state: State<AppState>, upload: CsrfUpload) -> AppResult<Response> {
    upload_site_image(state, upload, SiteImage::Logo).await
}

pub async fn upload_share_image(state: State<AppState>, upload: CsrfUpload) -> AppResult<Response> {
    upload_site_image(state, upload, SiteImage::ShareImage).await
}

/// Puts an uploaded image in the media library, which checks and re-encodes it like any
/// other, and makes it the site's logo or default share image.
async fn upload_site_image(
    State(state): State<AppState>,
    CsrfUpload { viewer, upload }: CsrfUpload,
    image: SiteImage,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let refused = |message: String| async {
        let view =
            settings_view(&state, current_values(&state).await?, Some(message), None).await?;
        settings_page(&state, &viewer, view, StatusCode::UNPROCESSABLE_ENTITY).await
    };
    if upload.file.is_empty() {
        return refused(crate::admin::say(&state, Some(&viewer), "admin-media-error-choose", &[]))
            .await;
    }
    let library = super::media::library(&state)?;
    let uploaded =
        library.upload(&upload.file, &upload.name, Some(viewer.user.id), state.newsroom.now());
    match uploaded.await {
        Ok(item) => {
            state.newsroom.save_site_image(&viewer.user, image, Some(&item.path)).await?;
            Ok(Redirect::to("/admin/settings").into_response())
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            refused(crate::admin::tell(&state, Some(&viewer), &invalid.message)).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct RemoveImageForm {
    /// `logo` or `share-image`.
    image: String,
}

/// Takes the logo or the default share image off the site (the image stays in the library).
pub async fn remove_image(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<RemoveImageForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let image = SiteImage::parse(&form.image)
        .ok_or_else(|| AppError::BadRequest("admin-settings-error-image".into()))?;
    state.newsroom.save_site_image(&viewer.user, image, None).await?;
    Ok(Redirect::to("/admin/settings").into_response())
}
