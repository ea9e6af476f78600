//! Lists of articles: everything, a section, a tag, an author, a year, month or day.

use super::{Layout, PageQuery, feed_links, render};
use crate::cache::shown;
use crate::error::{AppError, AppResult};
use crate::seo;
use crate::state::AppState;
use crate::views::{ArticleCard, AuthorView, Pagination, cards};
use axum::extract::{Path, Query, State};
use axum::response::Html;
use lede_core::urls;
use lede_store::{ArticleFilter, PageRequest};
use serde::Serialize;
use time::{Date, Month, OffsetDateTime, Time};

const PAGE_SIZE: u32 = 12;

#[derive(Debug, Serialize)]
struct ListView {
    heading: String,
    /// What kind of list this is ("Section", "Tag", "Archive"), shown above the heading.
    kind: &'static str,
    description: String,
    articles: Vec<ArticleCard>,
    pagination: Pagination,
}

/// Loads one page of a filtered list and renders it; a page past the end is a 404.
async fn list_page(
    state: &AppState,
    filter: ArticleFilter,
    query: &PageQuery,
    base: &str,
    kind: &'static str,
    heading: String,
    description: String,
) -> AppResult<Html<String>> {
    let (articles, pagination) = one_page(state, &filter, query, base).await?;
    let number = pagination.page;
    let title = if number > 1 {
        format!("{heading} – page {number}")
    } else {
        heading.clone()
    };
    let canonical = if number > 1 {
        format!("{base}?page={number}")
    } else {
        base.to_owned()
    };
    let mut layout = Layout::load(state, title, &description)
        .await?
        .at(state, &canonical)
        .showing(articles.iter().map(|card| card.lang.as_str()));
    if matches!(kind, "Section" | "Tag") {
        layout.feeds.extend(feed_links(base, &heading));
    }
    let view = ListView {
        heading,
        kind,
        description,
        articles,
        pagination,
    };
    render(state, "list.html", &layout, view)
}

/// One page of a filtered list as cards, with its links; a page past the end is a 404.
async fn one_page(
    state: &AppState,
    filter: &ArticleFilter,
    query: &PageQuery,
    base: &str,
) -> AppResult<(Vec<ArticleCard>, Pagination)> {
    let number = query.number()?;
    shown::list(filter);
    let list = state
        .newsroom
        .store()
        .list_articles(filter, PageRequest::new(number, PAGE_SIZE))
        .await?;
    if number > list.page_count() {
        return Err(AppError::NotFound);
    }
    Ok((
        cards(&list.items, &state.settings.time_zone),
        Pagination::new(&list, base),
    ))
}

pub async fn all_articles(
    State(state): State<AppState>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    list_page(
        &state,
        ArticleFilter::default(),
        &query,
        urls::ARTICLES,
        "All articles",
        "Latest news".into(),
        String::new(),
    )
    .await
}

pub async fn section_articles(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let section = state
        .newsroom
        .store()
        .section_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ArticleFilter {
        section: Some(section.id),
        ..Default::default()
    };
    let base = urls::section(&section.slug);
    list_page(
        &state,
        filter,
        &query,
        &base,
        "Section",
        section.name,
        section.description,
    )
    .await
}

pub async fn tag_articles(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let tag = state
        .newsroom
        .store()
        .tag_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ArticleFilter {
        tag: Some(tag.id),
        ..Default::default()
    };
    let base = urls::tag(&tag.slug);
    let description = format!("Articles tagged {}", tag.name);
    list_page(&state, filter, &query, &base, "Tag", tag.name, description).await
}

#[derive(Debug, Serialize)]
struct AuthorPageView {
    author: AuthorView,
    articles: Vec<ArticleCard>,
    pagination: Pagination,
}

pub async fn author_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let store = state.newsroom.store();
    let author = store
        .author_by_slug(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let filter = ArticleFilter {
        author: Some(author.id),
        ..Default::default()
    };
    let base = urls::author(&author.slug);
    let (articles, pagination) = one_page(&state, &filter, &query, &base).await?;
    let mut layout = Layout::load(&state, &author.name, &author.bio)
        .await?
        .at(&state, &base)
        .showing(articles.iter().map(|card| card.lang.as_str()));
    layout.feeds.extend(feed_links(&base, &author.name));
    layout.social = Some(seo::profile_social(&state.settings, &author));
    layout.json_ld = seo::author_json_ld(&state.settings, &author);
    let view = AuthorPageView {
        author: AuthorView::from(&author),
        articles,
        pagination,
    };
    render(&state, "author.html", &layout, view)
}

/// Parses the parts of an archive address, refusing impossible dates with a clear message.
fn archive_date(year: &str, month: Option<&str>, day: Option<&str>) -> AppResult<Date> {
    let bad = || AppError::NotFound;
    let year: i32 = year
        .parse()
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .ok_or_else(bad)?;
    let month = match month {
        None => Month::January,
        Some(m) => m
            .parse::<u8>()
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(bad)?,
    };
    let day = match day {
        None => 1,
        Some(d) => d.parse::<u8>().map_err(|_| bad())?,
    };
    Date::from_calendar_date(year, month, day).map_err(|_| bad())
}

async fn archive(
    state: AppState,
    query: PageQuery,
    year: String,
    month: Option<String>,
    day: Option<String>,
) -> AppResult<Html<String>> {
    let start = archive_date(&year, month.as_deref(), day.as_deref())?;
    let (end, heading, base) = match (&month, &day) {
        (None, _) => (
            Date::from_calendar_date(start.year() + 1, Month::January, 1)
                .map_err(|_| AppError::NotFound)?,
            start.year().to_string(),
            urls::archive_year(start.year()),
        ),
        (Some(_), None) => {
            let next = start.month().next();
            let year = if next == Month::January {
                start.year() + 1
            } else {
                start.year()
            };
            (
                Date::from_calendar_date(year, next, 1).map_err(|_| AppError::NotFound)?,
                format!("{} {}", start.month(), start.year()),
                urls::archive_month(start.year(), u8::from(start.month())),
            )
        }
        (Some(_), Some(_)) => (
            start.next_day().ok_or(AppError::NotFound)?,
            format!("{} {} {}", start.day(), start.month(), start.year()),
            format!(
                "/archive/{}/{:02}/{:02}",
                start.year(),
                u8::from(start.month()),
                start.day()
            ),
        ),
    };
    let midnight = |d: Date| OffsetDateTime::new_utc(d, Time::MIDNIGHT);
    let filter = ArticleFilter {
        from: Some(midnight(start)),
        until: Some(midnight(end)),
        ..Default::default()
    };
    let description = format!("Articles published in {heading}");
    list_page(
        &state,
        filter,
        &query,
        &base,
        "Archive",
        heading,
        description,
    )
    .await
}

pub async fn year_archive(
    State(state): State<AppState>,
    Path(year): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    archive(state, query, year, None, None).await
}

pub async fn month_archive(
    State(state): State<AppState>,
    Path((year, month)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    archive(state, query, year, Some(month), None).await
}

pub async fn day_archive(
    State(state): State<AppState>,
    Path((year, month, day)): Path<(String, String, String)>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    archive(state, query, year, Some(month), Some(day)).await
}
