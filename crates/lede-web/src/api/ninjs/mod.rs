//! IPTC ninjs 3.0 ("News in JSON"), the format agencies and partner outlets ingest:
//! `/api/ninjs/articles/{slug}` is one published article as a ninjs news item, and
//! `/api/ninjs/articles` the latest articles as one ninjs package (a `composite` item whose
//! associations are the articles, in full), so the feed itself is valid ninjs too.
//!
//! An item's `uri` is a tag URI (RFC 4151) built from the site's host, the article's creation
//! date and its id: it never changes when a headline's slug is edited, so partners do not see
//! a renamed story as a new one.

mod item;

use super::access::Access;
use super::articles::readable_article;
use super::params::{self, rfc3339};
use super::views::Links;
use crate::error::AppResult;
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use item::{Association, NinjsItem, article_item};
use lede_store::ArticleFilter;
use serde::Deserialize;

/// The most articles one feed carries: each is a full item, body included.
const MAX_FEED_ITEMS: u32 = 50;

pub async fn show_article(
    State(state): State<AppState>,
    access: Access,
    Path(slug): Path<String>,
) -> AppResult<Json<NinjsItem>> {
    let article = readable_article(&state, access, &slug).await?;
    Ok(Json(article_item(&state, &article)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    limit: Option<String>,
}

pub async fn latest_articles(
    State(state): State<AppState>,
    access: Access,
    query: Result<Query<FeedQuery>, QueryRejection>,
) -> AppResult<Json<NinjsItem>> {
    let Query(query) = query?;
    let limit = params::limit(query.limit.as_deref(), MAX_FEED_ITEMS)?;
    let store = state.newsroom.store();
    let filter = ArticleFilter { audience: access.audience, ..ArticleFilter::default() };
    let latest = store.list_articles_after(&filter, None, limit).await?;
    let mut associations = Vec::with_capacity(latest.items.len());
    for summary in &latest.items {
        // Unpublished between the two reads: leave it out rather than fail the feed.
        let Some(article) =
            store.published_article_for(summary.slug.as_str(), access.audience).await?
        else {
            continue;
        };
        associations
            .push(Association::article(summary.slug.to_string(), article_item(&state, &article)));
    }
    let newest_change = latest.items.iter().map(|a| a.updated_at).max();
    let links = Links(&state.settings);
    Ok(Json(NinjsItem::package(
        links.page("/api/ninjs/articles"),
        &format!("{}: latest articles", state.identity().name),
        state.identity().name,
        newest_change.map(rfc3339),
        associations,
    )))
}
