//! `/api/sections`: the site's sections in menu order, each naming its parent (sections nest);
//! and one section by slug. Sections are few, so the list is never paged.

use super::access::Access;
use super::views::{Links, ListView};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use lede_core::content::Section;
use lede_core::urls;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub struct SectionView {
    slug: String,
    name: String,
    description: String,
    /// The slug of the section this one nests under, if any.
    parent: Option<String>,
    url: String,
    api_url: String,
    /// Articles of this section and of every section nested under it.
    articles_url: String,
}

impl SectionView {
    fn new(links: Links<'_>, section: &Section, all: &[Section]) -> Self {
        Self {
            slug: section.slug.to_string(),
            name: section.name.clone(),
            description: section.description.clone(),
            parent: section
                .parent
                .and_then(|id| all.iter().find(|s| s.id == id))
                .map(|p| p.slug.to_string()),
            url: links.page(&urls::section(&section.slug)),
            api_url: links.api("sections", &section.slug),
            articles_url: links.articles_by("section", &section.slug),
        }
    }
}

/// The list takes no parameters; any is refused rather than ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

pub async fn list_sections(
    State(state): State<AppState>,
    _access: Access,
    query: Result<Query<NoQuery>, QueryRejection>,
) -> AppResult<Json<ListView<SectionView>>> {
    query?;
    let sections = state.newsroom.store().sections().await?;
    let links = Links(&state.settings);
    Ok(Json(ListView {
        items: sections.iter().map(|s| SectionView::new(links, s, &sections)).collect(),
        next_cursor: None,
        next: None,
    }))
}

pub async fn show_section(
    State(state): State<AppState>,
    _access: Access,
    Path(slug): Path<String>,
) -> AppResult<Json<SectionView>> {
    let store = state.newsroom.store();
    let section = store.section_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let sections = store.sections().await?;
    Ok(Json(SectionView::new(Links(&state.settings), &section, &sections)))
}
