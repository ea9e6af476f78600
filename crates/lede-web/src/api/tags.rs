//! `/api/tags`: the site's tags, in the order they were made, paged by cursor (an imported
//! site may have thousands); and one tag by slug.

use super::access::Access;
use super::cursor::{self, Kind};
use super::params::{self, MAX_LIMIT, PageQuery};
use super::views::{Links, ListView};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use lede_core::content::{Tag, TagId};
use lede_core::urls;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TagView {
    slug: String,
    name: String,
    url: String,
    api_url: String,
    articles_url: String,
}

impl TagView {
    fn new(links: Links<'_>, tag: &Tag) -> Self {
        Self {
            slug: tag.slug.to_string(),
            name: tag.name.clone(),
            url: links.page(&urls::tag(&tag.slug)),
            api_url: links.api("tags", &tag.slug),
            articles_url: links.articles_by("tag", &tag.slug),
        }
    }
}

pub async fn list_tags(
    State(state): State<AppState>,
    _access: Access,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> AppResult<Json<ListView<TagView>>> {
    let Query(query) = query?;
    let limit = params::limit(query.limit.as_deref(), MAX_LIMIT)?;
    let after = params::cursor(query.cursor.as_deref())?
        .map(|c| cursor::decode_id(Kind::Tags, c).map(TagId))
        .transpose()?;
    let page = state.newsroom.store().list_tags_after(after, limit).await?;
    let links = Links(&state.settings);
    let next_cursor = page.next.map(|id| cursor::encode_id(Kind::Tags, id.0));
    Ok(Json(ListView {
        items: page.items.iter().map(|t| TagView::new(links, t)).collect(),
        next: next_cursor
            .as_ref()
            .map(|c| links.page(&format!("/api/tags?limit={limit}&cursor={c}"))),
        next_cursor,
    }))
}

pub async fn show_tag(
    State(state): State<AppState>,
    _access: Access,
    Path(slug): Path<String>,
) -> AppResult<Json<TagView>> {
    let tag = state.newsroom.store().tag_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(TagView::new(Links(&state.settings), &tag)))
}
