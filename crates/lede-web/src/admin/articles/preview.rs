//! Previews from the newsroom: the editor's live preview (the form's text as readers will see
//! it, rendered by the article page's own template), a stored article's full preview page,
//! and the links that show a draft to people without accounts (made and revoked here).

use super::editor::open_article;
use super::editor_page::{preview_of_form, word_count};
use super::form::EditorForm;
use crate::admin::Viewer;
use crate::admin::flash::{self, Flash};
use crate::admin::forms::{AdminQuery, CsrfForm};
use crate::error::AppResult;
use crate::site::article::render_preview;
use crate::site::preview::stored_preview;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{Html, Response};
use lede_core::content::ArticleId;
use serde::Deserialize;

/// `?article=ID`: the stored article the live preview's text belongs to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PreviewQuery {
    article: Option<i64>,
}

/// The live preview: the editor's fields (as the form sends them) as the article's page will
/// show them, and the body's word count and reading time, for `editor.js`.
pub async fn live_preview(
    State(state): State<AppState>,
    AdminQuery(query): AdminQuery<PreviewQuery>,
    CsrfForm { viewer, form }: CsrfForm<EditorForm>,
) -> AppResult<Html<String>> {
    let id = match query.article {
        // The stored article's dates and notes go round the text: only for those who may open it.
        Some(id) => Some(open_article(&state, &viewer, id).await?.0.id),
        None => None,
    };
    let view = preview_of_form(&state, &viewer, id, &form).await?;
    let count = word_count(&state, &form.language, &form.body, &viewer.language);
    let lang = view.lang.clone();
    Ok(state.templates.render(
        "admin/preview.html",
        minijinja::context! { page => view, lang => lang, count => count },
    )?)
}

/// `/admin/articles/{id}/preview`: the article as readers will see it (its changes saved for
/// later, if any), in the site's own page.
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (article, _) = open_article(&state, &viewer, id).await?;
    render_preview(&state, stored_preview(&state, article.id).await?).await
}

/// Makes a preview link for the article; the next page shows it once.
pub async fn share(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    let token = state.newsroom.share_preview(&viewer.user, ArticleId(id)).await?;
    // The message at the top of the editor carries the link.
    let to = format!("/admin/articles/{id}");
    Ok(flash::redirect(&state, &to, &Flash::PreviewLink(token)))
}

/// Revokes one of the article's preview links at once.
pub async fn revoke(
    State(state): State<AppState>,
    Path((id, link)): Path<(i64, i64)>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    state.newsroom.revoke_preview(&viewer.user, ArticleId(id), link).await?;
    let to = format!("/admin/articles/{id}#preview-links");
    Ok(flash::redirect(&state, &to, &Flash::LinkRevoked))
}
