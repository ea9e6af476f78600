//! The desk: every article in any status, filtered by status, section and author, searched
//! by headline, sorted by date, headline or status, with counts per status, the trash's count
//! and links to the editor and the published page. Its lines carry checkboxes for the bulk
//! actions (see [`super::bulk`]); "Select all" is a link, so it works without JavaScript.

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
use lede_store::{DeskFilter, DeskSort, PageRequest};
use serde::{Deserialize, Serialize};

const PAGE_SIZE: u32 = 25;

/// Which way a sorted column runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
}

/// Which of the desk's lists: the articles, or the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeskView {
    Trash,
}

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct DeskParams {
    #[serde(deserialize_with = "blank_as_none", skip_serializing_if = "Option::is_none")]
    view: Option<DeskView>,
    #[serde(deserialize_with = "blank_as_none")]
    status: Option<ArticleStatus>,
    section: String,
    author: String,
    q: String,
    #[serde(deserialize_with = "blank_as_none", skip_serializing_if = "Option::is_none")]
    sort: Option<DeskSort>,
    #[serde(deserialize_with = "blank_as_none", skip_serializing_if = "Option::is_none")]
    order: Option<Order>,
    page: Option<String>,
    /// `all` ticks every line's checkbox.
    #[serde(skip_serializing_if = "String::is_empty")]
    select: String,
}

impl DeskParams {
    fn sort(&self) -> DeskSort {
        self.sort.unwrap_or_default()
    }

    /// The column's direction: newest first for dates, A to Z and the workflow's order else.
    fn ascending(&self) -> bool {
        match self.order {
            Some(order) => order == Order::Asc,
            None => self.sort() != DeskSort::Date,
        }
    }

    /// This list's address with `change` made to its parameters (the page dropped).
    fn address(&self, change: impl FnOnce(&mut Self)) -> String {
        let mut params = self.clone();
        params.page = None;
        change(&mut params);
        // Empty filters say nothing: the address keeps only what was chosen.
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(&serde_urlencoded::to_string(&params).unwrap_or_default())
                .unwrap_or_default();
        let chosen: Vec<_> = pairs.into_iter().filter(|(_, value)| !value.is_empty()).collect();
        let query = serde_urlencoded::to_string(chosen).unwrap_or_default();
        format!("/admin/articles?{query}")
    }
}

#[derive(Debug, Serialize)]
struct DeskLine {
    id: i64,
    edit_url: String,
    public_url: Option<String>,
    headline: String,
    status: &'static str,
    section: String,
    authors: String,
    /// When it last changed, or in the trash when it was trashed.
    date: String,
    language: String,
    words: usize,
    comments: u64,
    /// In the trash: the status it had.
    trashed_from: Option<&'static str>,
    /// Changes saved for later wait beside the live article.
    pending: bool,
}

/// A sortable column's header link.
#[derive(Debug, Serialize)]
struct SortLink {
    href: String,
    /// `ascending` or `descending` on the column the list is sorted by (for `aria-sort`).
    current: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct DeskPage {
    params: DeskParams,
    trash: bool,
    counts: Vec<(&'static str, u64)>,
    trashed: u64,
    total: u64,
    lines: Vec<DeskLine>,
    pagination: Pagination,
    sections: Vec<(String, String)>,
    authors: Vec<(String, String)>,
    sort_date: SortLink,
    sort_headline: SortLink,
    sort_status: SortLink,
    /// "Select all" (or "Select none" when all are ticked) keeps the rest of the address.
    select_all: String,
    select_none: String,
    all_selected: bool,
    /// This very list, for the bulk form to come back to.
    back: String,
    sort_value: &'static str,
    order_value: &'static str,
    /// Whether "Delete permanently" and "Empty trash" are offered: editors and admins.
    may_empty: bool,
}

fn sort_link(params: &DeskParams, column: DeskSort) -> SortLink {
    let sorted = params.sort() == column;
    let ascending = params.ascending();
    let next = if sorted {
        if ascending { Order::Desc } else { Order::Asc }
    } else if column == DeskSort::Date {
        Order::Desc
    } else {
        Order::Asc
    };
    SortLink {
        href: params.address(|p| {
            p.sort = Some(column);
            p.order = Some(next);
            p.select.clear();
        }),
        current: sorted.then_some(if ascending { "ascending" } else { "descending" }),
    }
}

pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    AdminQuery(params): AdminQuery<DeskParams>,
) -> AppResult<Response> {
    let store = state.newsroom.store();
    let trash = params.view == Some(DeskView::Trash);
    let mut filter = DeskFilter {
        headline: Some(params.q.clone()),
        status: params.status,
        trash,
        sort: params.sort(),
        ascending: params.ascending(),
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
    let base = params.address(|p| p.select.clear());
    let here = match &params.page {
        Some(page) => format!("{base}&page={page}"),
        None => base.clone(),
    };
    let (sections, authors) = choices(&state).await?;
    let zone = &state.settings.time_zone;
    let view = DeskPage {
        trash,
        counts: store.desk_counts().await?.into_iter().map(|(s, n)| (s.as_str(), n)).collect(),
        trashed: store.trashed_count().await?,
        total: desk.total,
        pagination: Pagination::new(&desk, &base),
        lines: desk
            .items
            .iter()
            .map(|row| DeskLine {
                id: row.id.0,
                edit_url: format!("/admin/articles/{}", row.id.0),
                public_url: (row.status == ArticleStatus::Published)
                    .then(|| urls::article(&row.slug)),
                headline: row.headline.clone(),
                status: row.status.as_str(),
                section: row.section.clone(),
                authors: row.authors.join(", "),
                date: minutes(zone, row.trashed.map_or(row.updated_at, |(at, _)| at)),
                language: row.language.clone(),
                words: row.words,
                comments: row.comments,
                trashed_from: row.trashed.map(|(_, from)| from.as_str()),
                pending: row.pending,
            })
            .collect(),
        sections,
        authors,
        sort_date: sort_link(&params, DeskSort::Date),
        sort_headline: sort_link(&params, DeskSort::Headline),
        sort_status: sort_link(&params, DeskSort::Status),
        select_all: format!(
            "{}#bulk",
            params.address(|p| {
                p.page.clone_from(&params.page);
                p.select = "all".into();
            })
        ),
        select_none: format!("{here}#bulk"),
        all_selected: params.select == "all",
        back: here,
        sort_value: match params.sort() {
            DeskSort::Date => "date",
            DeskSort::Headline => "headline",
            DeskSort::Status => "status",
        },
        order_value: if params.ascending() { "asc" } else { "desc" },
        may_empty: workflow::may_empty_trash(viewer.user.role),
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
