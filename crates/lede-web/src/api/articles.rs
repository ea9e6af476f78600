//! `/api/articles`: published articles newest first, narrowed by section (with the sections
//! nested under it), tag, author and publication time, paged by cursor; and one article, in
//! full, by slug.

use super::access::Access;
use super::cursor;
use super::params::{self, MAX_LIMIT};
use super::views::{ArticleSummaryView, AuthorView, ImageView, Links, ListView, RefView};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use lede_core::content::Article;
use lede_core::{Slug, urls};
use lede_store::ArticleFilter;
use serde::{Deserialize, Serialize};

/// The list's parameters; any other is refused, so a misspelt filter is an error rather than
/// silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleQuery {
    section: Option<String>,
    tag: Option<String>,
    author: Option<String>,
    /// At or after this moment.
    published_since: Option<String>,
    /// Strictly before this moment.
    published_before: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_articles(
    State(state): State<AppState>,
    access: Access,
    query: Result<Query<ArticleQuery>, QueryRejection>,
) -> AppResult<Json<ListView<ArticleSummaryView>>> {
    let Query(query) = query?;
    let store = state.newsroom.store();
    let limit = params::limit(query.limit.as_deref(), MAX_LIMIT)?;
    let after = params::cursor(query.cursor.as_deref())?.map(cursor::decode_article).transpose()?;
    let since = params::moment("published_since", query.published_since.as_deref())?;
    let before = params::moment("published_before", query.published_before.as_deref())?;
    let section = params::slug("section", query.section.as_deref())?;
    let tag = params::slug("tag", query.tag.as_deref())?;
    let author = params::slug("author", query.author.as_deref())?;
    // A filter naming nothing is a 404, as that section's own address would be: the list it
    // asks for does not exist.
    let missing = |name: &'static str, slug: &Slug| AppError::NamesNothing {
        name,
        message: format!("There is no {name} “{slug}”."),
    };
    let mut filter = ArticleFilter {
        from: since,
        until: before,
        audience: access.audience,
        ..ArticleFilter::default()
    };
    if let Some(slug) = &section {
        let found = store.section_by_slug(slug.as_str()).await?;
        filter.section = Some(found.ok_or_else(|| missing("section", slug))?.id);
    }
    if let Some(slug) = &tag {
        let found = store.tag_by_slug(slug.as_str()).await?;
        filter.tag = Some(found.ok_or_else(|| missing("tag", slug))?.id);
    }
    if let Some(slug) = &author {
        let found = store.author_by_slug(slug.as_str()).await?;
        filter.author = Some(found.ok_or_else(|| missing("author", slug))?.id);
    }
    let page = store.list_articles_after(&filter, after, limit).await?;
    let links = Links(&state.settings);
    let next_cursor = page.next.map(cursor::encode_article);
    let next = next_cursor.as_ref().map(|c| {
        let mut query = format!("limit={limit}&cursor={c}");
        let slugs = [("section", &section), ("tag", &tag), ("author", &author)];
        for (name, value) in slugs {
            if let Some(slug) = value {
                query.push_str(&format!("&{name}={}", slug.url_encoded()));
            }
        }
        for (name, value) in [("published_since", since), ("published_before", before)] {
            if let Some(at) = value {
                query.push_str(&format!("&{name}={}", params::rfc3339(at)));
            }
        }
        links.page(&format!("/api/articles?{query}"))
    });
    Ok(Json(ListView {
        items: page.items.iter().map(|a| ArticleSummaryView::new(links, a)).collect(),
        next_cursor,
        next,
    }))
}

/// An article in full.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    slug: String,
    url: String,
    api_url: String,
    ninjs_url: String,
    headline: String,
    standfirst: String,
    language: String,
    direction: &'static str,
    published_at: String,
    updated_at: String,
    section: RefView,
    authors: Vec<AuthorView>,
    tags: Vec<RefView>,
    image: Option<ImageView>,
    /// Sanitised HTML, as the article page shows it.
    body_html: String,
    word_count: u32,
    reading_minutes: u32,
    partner_only: bool,
}

impl ArticleView {
    pub(crate) fn new(links: Links<'_>, article: &Article) -> Self {
        let summary = ArticleSummaryView::new(links, &article.summary);
        Self {
            ninjs_url: links.api("ninjs/articles", &article.summary.slug),
            slug: summary.slug,
            url: summary.url,
            api_url: summary.api_url,
            headline: summary.headline,
            standfirst: summary.standfirst,
            language: summary.language,
            direction: summary.direction,
            published_at: summary.published_at,
            updated_at: summary.updated_at,
            section: summary.section,
            authors: article.authors.iter().map(|a| AuthorView::new(links, a)).collect(),
            tags: article.tags.iter().map(|t| RefView::new(links, urls::tag, "tags", t)).collect(),
            image: summary.image,
            body_html: article.body_html.clone(),
            word_count: article.word_count,
            reading_minutes: article.reading_minutes_at(&links.0.reading_speeds),
            partner_only: summary.partner_only,
        }
    }
}

pub async fn show_article(
    State(state): State<AppState>,
    access: Access,
    Path(slug): Path<String>,
) -> AppResult<Json<ArticleView>> {
    let article = readable_article(&state, access, &slug).await?;
    Ok(Json(ArticleView::new(Links(&state.settings), &article)))
}

/// A published article that this request may read, or a 404 (a partner-only article does not
/// exist for the public, rather than being forbidden: its slug stays private too).
pub async fn readable_article(state: &AppState, access: Access, slug: &str) -> AppResult<Article> {
    state
        .newsroom
        .store()
        .published_article_for(slug, access.audience)
        .await?
        .ok_or(AppError::NotFound)
}
