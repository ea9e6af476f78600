//! The desk: every article in any status, filtered by status, section and author, searched
//! by headline, with counts per status and links to the editor and the published page.

use super::{choices, minutes};
use crate::admin::forms::{AdminQuery, blank_as_none};
use crate::admin::{Viewer, render};
use crate::error::AppResult;
use crate::site::PageQuery;
use crate::state::AppState;
use crate::views::Pagination;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use lede_core::content::{ArticleStatus, AuthorId};
use lede_core::{urls, workflow};
use lede_store::{DeskFilter, PageRequest};
use serde::{Deserialize, Serialize};

const PAGE_SIZE: u32 = 25;

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct DeskParams {
    #[serde(deserialize_with = "blank_as_none")]
    status: Option<ArticleStatus>,
    section: String,
    author: String,
    q: String,
    page: Option<String>,
}

#[derive(Debug, Serialize)]
struct DeskLine {
    edit_url: String,
    public_url: Option<String>,
    headline: String,
    status: &'static str,
    section: String,
    authors: String,
    updated: String,
    /// Changes saved for later wait beside the live article.
    pending: bool,
}

#[derive(Debug, Serialize)]
struct DeskView {
    params: DeskParams,
    counts: Vec<(&'static str, u64)>,
    total: u64,
    lines: Vec<DeskLine>,
    pagination: Pagination,
    sections: Vec<(String, String)>,
    authors: Vec<(String, String)>,
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(params): AdminQuery<DeskParams>,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let mut filter = DeskFilter {
        headline: Some(params.q.clone()),
        status: params.status,
        ..Default::default()
    };
    if !params.section.is_empty() {
        filter.section = store.section_by_slug(&params.section).await?.map(|s| s.id);
    }
    if !params.author.is_empty() {
        filter.author = store.author_by_slug(&params.author).await?.map(|a| a.id);
    }
    if !workflow::may_open(viewer.user.role, false) {
        // Those who may open only their own articles see only theirs (none without a byline).
        filter.author = Some(viewer.user.author.unwrap_or(AuthorId(0)));
    }
    let number = PageQuery::new(params.page.clone()).number()?;
    let desk = store.desk(&filter, PageRequest::new(number, PAGE_SIZE)).await?;
    let mut base_params = params.clone();
    base_params.page = None;
    let base = format!(
        "/admin/articles?{}",
        serde_urlencoded::to_string(&base_params).unwrap_or_default()
    );
    let (sections, authors) = choices(&state).await?;
    let view = DeskView {
        counts: store.desk_counts().await?.into_iter().map(|(s, n)| (s.as_str(), n)).collect(),
        total: desk.total,
        pagination: Pagination::new(&desk, &base),
        lines: desk
            .items
            .iter()
            .map(|row| DeskLine {
                edit_url: format!("/admin/articles/{}", row.id.0),
                public_url: (row.status == ArticleStatus::Published)
                    .then(|| urls::article(&row.slug)),
                headline: row.headline.clone(),
                status: row.status.as_str(),
                section: row.section.clone(),
                authors: row.authors.join(", "),
                updated: minutes(&state.settings.time_zone, row.updated_at),
                pending: row.pending,
            })
            .collect(),
        sections,
        authors,
        params,
    };
    Ok(render(
        &state,
        Some(&viewer),
        "admin/articles.html",
        &crate::admin::say(&state, Some(&viewer), "admin-articles-heading", &[]),
        view,
    )
    .await?
    .into_response())
}
