//! `/api/authors`: the people who write for the site, in the order they joined, paged by
//! cursor; and one author by slug.

use super::access::Access;
use super::cursor::{self, Kind};
use super::params::{self, MAX_LIMIT, PageQuery};
use super::views::{AuthorView, Links, ListView};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use lede_core::content::AuthorId;

pub async fn list_authors(
    State(state): State<AppState>,
    _access: Access,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> AppResult<Json<ListView<AuthorView>>> {
    let Query(query) = query?;
    let limit = params::limit(query.limit.as_deref(), MAX_LIMIT)?;
    let after = params::cursor(query.cursor.as_deref())?
        .map(|c| cursor::decode_id(Kind::Authors, c).map(AuthorId))
        .transpose()?;
    let page = state.newsroom.store().list_authors_after(after, limit).await?;
    let links = Links(&state.settings);
    let next_cursor = page.next.map(|id| cursor::encode_id(Kind::Authors, id.0));
    Ok(Json(ListView {
        items: page.items.iter().map(|a| AuthorView::new(links, a)).collect(),
        next: next_cursor
            .as_ref()
            .map(|c| links.page(&format!("/api/authors?limit={limit}&cursor={c}"))),
        next_cursor,
    }))
}

pub async fn show_author(
    State(state): State<AppState>,
    _access: Access,
    Path(slug): Path<String>,
) -> AppResult<Json<AuthorView>> {
    let author = state.newsroom.store().author_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(AuthorView::new(Links(&state.settings), &author)))
}
