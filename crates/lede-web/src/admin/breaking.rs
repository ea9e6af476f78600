//! The breaking-news banner, for editors and admins: one per edition, with its text, an
//! optional link and the time it comes down, set, replaced or taken down early here. The
//! newsroom announces each change, so every page of the site shows it (or stops) at once; an
//! expired banner leaves the pages by itself (`AppState::expire_breaking_news`).

use super::forms::CsrfForm;
use super::{Viewer, render};
use crate::dates::SiteZone;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::Invalid;
use lede_core::account::Action;
use lede_core::presentation::BreakingNews;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// How long a new banner stays up unless the editor says otherwise.
const DEFAULT_DURATION: Duration = Duration::hours(3);

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct BreakingForm {
    /// The edition's language tag.
    language: String,
    text: String,
    link: String,
    /// `YYYY-MM-DDTHH:MM` on the site's clock.
    until: String,
}

#[derive(Debug, Serialize)]
struct EditionBanner {
    language: String,
    /// The language's name for itself (`English`, `اردو`).
    autonym: String,
    dir: &'static str,
    /// The banner up now.
    current: Option<BannerNow>,
    /// The form, as sent (after a refusal) or ready for a new banner.
    form: BreakingForm,
    error: Option<String>,
    field: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct BannerNow {
    text: String,
    link: Option<String>,
    /// When it comes down, to the minute on the site's clock.
    until: String,
}

#[derive(Debug, Serialize)]
struct BreakingView {
    editions: Vec<EditionBanner>,
    /// The IANA name of the site's time zone, which "Until" is read in.
    time_zone: String,
}

/// `at` as a `datetime-local` field shows it, on the site's clock.
fn field_time(zone: &SiteZone, at: OffsetDateTime) -> String {
    zone.civil(at).strftime("%Y-%m-%dT%H:%M").to_string()
}

/// The instant a `datetime-local` field names on the site's clock.
fn read_time(zone: &SiteZone, text: &str) -> Result<OffsetDateTime, Invalid> {
    jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M", text.trim())
        .ok()
        .and_then(|civil| zone.instant(civil))
        .ok_or_else(|| Invalid::new("until", "admin-editor-error-date"))
}

async fn breaking_page(
    state: &AppState,
    viewer: &Viewer,
    refused: Option<(BreakingForm, Invalid)>,
) -> AppResult<Response> {
    let zone = &state.settings.time_zone;
    let now = state.newsroom.now();
    let stored = state.newsroom.store().breaking_news().await?;
    let fresh =
        BreakingForm { until: field_time(zone, now + DEFAULT_DURATION), ..BreakingForm::default() };
    let editions = state
        .newsroom
        .languages()
        .all()
        .iter()
        .map(|language| {
            let current = stored.iter().find(|b| &b.language == language && b.is_live(now));
            let mine = refused.as_ref().filter(|(form, _)| &form.language == language);
            EditionBanner {
                autonym: state.translations.message(language, "language-autonym", None),
                dir: if lede_core::content::is_right_to_left(language) { "rtl" } else { "ltr" },
                current: current.map(|b| BannerNow {
                    text: b.text.clone(),
                    link: b.link.clone(),
                    until: zone.civil(b.expires_at).strftime("%Y-%m-%d %H:%M").to_string(),
                }),
                // The form holds what was sent (refused), else the banner up now, to change.
                form: match (mine, current) {
                    (Some((form, _)), _) => form.clone(),
                    (None, Some(b)) => BreakingForm {
                        language: language.clone(),
                        text: b.text.clone(),
                        link: b.link.clone().unwrap_or_default(),
                        until: field_time(zone, b.expires_at),
                    },
                    (None, None) => BreakingForm { language: language.clone(), ..fresh.clone() },
                },
                error: mine
                    .map(|(_, invalid)| crate::admin::tell(state, Some(viewer), &invalid.message)),
                field: mine.map(|(_, invalid)| invalid.field),
                language: language.clone(),
            }
        })
        .collect();
    let view = BreakingView { editions, time_zone: zone.name().to_owned() };
    let status = if refused.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let title = crate::admin::say(state, Some(viewer), "admin-breaking-heading", &[]);
    Ok((status, render(state, Some(viewer), "admin/breaking.html", &title, view).await?)
        .into_response())
}

pub async fn edit(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::CurateFrontPage)?;
    breaking_page(&state, &viewer, None).await
}

/// Puts up, or replaces, an edition's banner.
pub async fn set(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<BreakingForm>,
) -> AppResult<Response> {
    viewer.require(Action::CurateFrontPage)?;
    let attempt = async {
        let banner = BreakingNews {
            language: form.language.clone(),
            text: form.text.clone(),
            link: Some(form.link.clone()),
            expires_at: read_time(&state.settings.time_zone, &form.until)?,
        };
        state.newsroom.set_breaking_news(&viewer.user, banner).await
    };
    match attempt.await {
        Ok(()) => Ok(Redirect::to("/admin/breaking").into_response()),
        Err(lede_store::Error::Invalid(invalid)) => {
            breaking_page(&state, &viewer, Some((form, invalid))).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct ClearForm {
    language: String,
}

/// Takes an edition's banner down before its time.
pub async fn clear(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<ClearForm>,
) -> AppResult<Response> {
    viewer.require(Action::CurateFrontPage)?;
    state.newsroom.clear_breaking_news(&viewer.user, &form.language).await?;
    Ok(Redirect::to("/admin/breaking").into_response())
}
