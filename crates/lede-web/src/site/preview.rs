//! Previews: an article as readers will see it before it is live, in the real article
//! template. The newsroom opens them from the editor; people without accounts open them
//! through a shared link (`/preview/{token}`), unguessable, expiring and revocable. Either
//! way the page is `noindex`, `no-store` (the page cache never keeps `/preview`) and sends no
//! `Referer`, so the link's secret does not leak to the sites the article links to.

use super::article::render_preview;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use lede_core::Slug;
use lede_core::content::{
    Article, ArticleId, ArticleInput, ArticleNote, CheckedArticle, UpdateNotes,
};

/// `input` as its article's page would show it (`id`: the stored article around it, `None` for
/// one not saved yet), with the notes an update would add dated now: what the editor's
/// "Preview" shows of the text in the form.
pub(crate) async fn preview_of(
    state: &AppState,
    id: Option<ArticleId>,
    input: ArticleInput,
    tag_names: &[(Slug, String)],
    notes: &UpdateNotes,
) -> AppResult<Article> {
    preview_text(state, id, input.render_unchecked(), tag_names, notes).await
}

async fn preview_text(
    state: &AppState,
    id: Option<ArticleId>,
    text: CheckedArticle,
    tag_names: &[(Slug, String)],
    notes: &UpdateNotes,
) -> AppResult<Article> {
    let now = state.newsroom.now();
    let mut article = state.newsroom.store().preview_article(id, &text, tag_names, now).await?;
    for (kind, text) in notes.added() {
        article.notes.push(ArticleNote { kind, text: text.trim().to_owned(), at: now });
    }
    if notes.show_updated {
        article.shown_updated_at = Some(now);
    }
    Ok(article)
}

/// A stored article as a preview shows it now: its pending version when changes wait beside
/// it (what "Update" would put live), else the article as last saved.
pub(crate) async fn stored_preview(state: &AppState, id: ArticleId) -> AppResult<Article> {
    let store = state.newsroom.store();
    if let Some(pending) = store.pending_version(id).await? {
        return preview_of(state, Some(id), pending.input, &pending.tag_names, &pending.notes)
            .await;
    }
    let stored = store.editable_article(id).await?.ok_or(AppError::NotFound)?;
    // The body as saved (an imported article's HTML has no Markdown to render again).
    let (body_html, word_count) = store.stored_body(id).await?.ok_or(AppError::NotFound)?;
    let text =
        CheckedArticle { input: stored.input, body_html, body_text: String::new(), word_count };
    preview_text(state, Some(id), text, &[], &UpdateNotes::default()).await
}

/// `/preview/{token}`: the draft a shared link shows, while the link is live; a 404 for any
/// other token, expired or revoked ones included, so a stale link says nothing more.
pub async fn shared_preview(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    // Tokens are 64 hex digits; anything else is not one and is not looked up.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let id = state.newsroom.previewed_by(&token).await?.ok_or(AppError::NotFound)?;
    render_preview(&state, stored_preview(&state, id).await?).await
}
