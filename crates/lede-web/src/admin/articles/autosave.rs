//! Autosave: `editor.js` sends the editor's fields a few seconds after each change, as a form
//! or as JSON, with the session's CSRF token; they are kept in the person's own slot for the
//! article (or for their new, unsaved one) — not a revision, never live — and offered back
//! when the editor opens again. A save from the editor empties the slot.

use super::form::EditorForm;
use crate::admin::forms::CsrfFormOrJson;
use crate::error::AppResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::{DefaultBodyLimit, Path, State};
use lede_core::content::ArticleId;
use serde::Serialize;

/// The editor's own body limit: the longest article body (500 kB of Markdown), percent-encoded
/// by a form, with its other fields.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(2 * 1024 * 1024)
}

/// What the editor's script shows after an autosave.
#[derive(Debug, Serialize)]
pub struct Autosaved {
    /// When, in RFC 3339.
    saved_at: String,
    /// "Saved automatically at 14:05", in the person's language.
    message: String,
}

async fn keep(
    state: &AppState,
    id: Option<ArticleId>,
    CsrfFormOrJson { viewer, form }: CsrfFormOrJson<EditorForm>,
) -> AppResult<Json<Autosaved>> {
    let content = serde_json::to_string(&form)
        .map_err(|e| lede_store::Error::Config(format!("an autosave did not serialise: {e}")))?;
    let at = state.newsroom.autosave(&viewer.user, id, &content).await?;
    let time = state.settings.time_zone.civil(at).strftime("%H:%M").to_string();
    Ok(Json(Autosaved {
        saved_at: at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
        message: crate::admin::say(
            state,
            Some(&viewer),
            "admin-editor-autosaved",
            &[("time", &time)],
        ),
    }))
}

/// `/admin/articles/new/autosave`: the person's new, unsaved article.
pub async fn autosave_new(
    State(state): State<AppState>,
    form: CsrfFormOrJson<EditorForm>,
) -> AppResult<Json<Autosaved>> {
    keep(&state, None, form).await
}

/// `/admin/articles/{id}/autosave`.
pub async fn autosave(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfFormOrJson<EditorForm>,
) -> AppResult<Json<Autosaved>> {
    keep(&state, Some(ArticleId(id)), form).await
}
