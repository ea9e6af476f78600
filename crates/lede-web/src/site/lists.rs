//! Lists of articles: everything, a section, a tag, an author, a year, month or day.

use super::{Edition, Layout, PageQuery, feed_links, render};
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
use time::{Date, Month};

const PAGE_SIZE: u32 = 12;

#[derive(Debug, Serialize)]
struct ListView {
    heading: String,
    /// What kind of list this is ("Section", "Tag", "Archive"), shown above the heading.
    kind: String,
    description: String,
    articles: Vec<ArticleCard>,
    pagination: Pagination,
}

/// What a list says about itself: its kind ("Section", "Tag", "Archive"), heading and
/// description.
struct Heading {
    kind: &'static str,
    heading: String,
    description: String,
}

/// Loads one page of a filtered list and renders it; a page past the end is a 404.
async fn list_page(
    state: &AppState,
    edition: &Edition,
    filter: ArticleFilter,
    query: &PageQuery,
    base: &str,
    Heading { kind, heading, description }: Heading,
) -> AppResult<Html<String>> {
    let (articles, pagination) = one_page(state, edition, filter, query, base).await?;
    let plain = base;
    let base = &edition.path(base);
    let number = pagination.page;
    let title = if number > 1 {
        state.say_in(
            &edition.language,
            "list-title-page",
            &[("heading", &heading), ("page", &number.to_string())],
        )
    } else {
        heading.clone()
    };
    let canonical = if number > 1 { format!("{base}?page={number}") } else { base.to_owned() };
    let mut layout = Layout::load(state, title, &description)
        .await?
        .at(state, &canonical)
        .showing(articles.iter().map(|card| card.lang.as_str()));
    if matches!(kind, "list-kind-section" | "list-kind-tag") {
        // The edition's prefix goes on with the layout's own feeds, below.
        layout.feeds.extend(feed_links(state, plain, &heading));
    }
    let layout = layout.in_edition(state, edition);
    let view = ListView {
        heading,
        kind: state.say_in(&edition.language, kind, &[]),
        description,
        articles,
        pagination,
    };
    render(state, "list.html", &layout, view)
}

/// One page of a filtered list as cards, in the edition's language, with its links; a page
/// past the end is a 404.
async fn one_page(
    state: &AppState,
    edition: &Edition,
    mut filter: ArticleFilter,
    query: &PageQuery,
    base: &str,
) -> AppResult<(Vec<ArticleCard>, Pagination)> {
    let number = query.number()?;
    filter.language = edition.filter_language();
    shown::list(&filter);
    let mut list =
        state.newsroom.store().list_articles(&filter, PageRequest::new(number, PAGE_SIZE)).await?;
    if number > list.page_count() {
        return Err(AppError::NotFound);
    }
    state.catalog.get(&state.newsroom).await?.names(&edition.language).summaries(&mut list.items);
    let mut cards = cards(&list.items, &state.settings.time_zone, super::edition_prefix(state));
    super::illustrate(state, super::card_images(&mut cards)).await?;
    Ok((cards, Pagination::new(&list, &edition.path(base))))
}

pub async fn all_articles(
    State(state): State<AppState>,
    edition: Edition,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    list_page(
        &state,
        &edition,
        ArticleFilter::default(),
        &query,
        urls::ARTICLES,
        Heading {
            kind: "list-kind-all",
            heading: state.say_in(&edition.language, "list-all-heading", &[]),
            description: String::new(),
        },
    )
    .await
}

pub async fn section_articles(
    State(state): State<AppState>,
    edition: Edition,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let mut section =
        state.newsroom.store().section_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    state.catalog.get(&state.newsroom).await?.names(&edition.language).section(&mut section);
    let filter = ArticleFilter { section: Some(section.id), ..Default::default() };
    let base = urls::section(&section.slug);
    list_page(
        &state,
        &edition,
        filter,
        &query,
        &base,
        Heading {
            kind: "list-kind-section",
            heading: section.name,
            description: section.description,
        },
    )
    .await
}

pub async fn tag_articles(
    State(state): State<AppState>,
    edition: Edition,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let mut tag = state.newsroom.store().tag_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    state.catalog.get(&state.newsroom).await?.names(&edition.language).tag(&mut tag);
    let filter = ArticleFilter { tag: Some(tag.id), ..Default::default() };
    let base = urls::tag(&tag.slug);
    let description =
        state.say_in(&edition.language, "list-tag-description", &[("tag", &tag.name)]);
    list_page(
        &state,
        &edition,
        filter,
        &query,
        &base,
        Heading { kind: "list-kind-tag", heading: tag.name, description },
    )
    .await
}

#[derive(Debug, Serialize)]
struct AuthorPageView {
    author: AuthorView,
    articles: Vec<ArticleCard>,
    pagination: Pagination,
}

pub async fn author_page(
    State(state): State<AppState>,
    edition: Edition,
    Path(slug): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    let store = state.newsroom.store();
    let mut author = store.author_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    state.catalog.get(&state.newsroom).await?.names(&edition.language).author(&mut author);
    let filter = ArticleFilter { author: Some(author.id), ..Default::default() };
    let base = urls::author(&author.slug);
    let (articles, pagination) = one_page(&state, &edition, filter, &query, &base).await?;
    let mut layout = Layout::load(&state, &author.name, &author.bio)
        .await?
        .at(&state, &edition.path(&base))
        .showing(articles.iter().map(|card| card.lang.as_str()));
    layout.feeds.extend(feed_links(&state, &base, &author.name));
    let mut layout = layout.in_edition(&state, &edition);
    layout.social = Some(seo::profile_social(&state.settings, &author));
    layout.json_ld = seo::author_json_ld(&state.settings, &author);
    let view = AuthorPageView { author: AuthorView::from(&author), articles, pagination };
    render(&state, "author.html", &layout, view)
}

/// Parses the parts of an archive address, refusing impossible dates with a clear message.
fn archive_date(year: &str, month: Option<&str>, day: Option<&str>) -> AppResult<Date> {
    let bad = || AppError::NotFound;
    let year: i32 = year.parse().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(bad)?;
    let month = match month {
        None => Month::January,
        Some(m) => m.parse::<u8>().ok().and_then(|m| Month::try_from(m).ok()).ok_or_else(bad)?,
    };
    let day = match day {
        None => 1,
        Some(d) => d.parse::<u8>().map_err(|_| bad())?,
    };
    Date::from_calendar_date(year, month, day).map_err(|_| bad())
}

async fn archive(
    state: AppState,
    edition: Edition,
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
            let year = if next == Month::January { start.year() + 1 } else { start.year() };
            (
                Date::from_calendar_date(year, next, 1).map_err(|_| AppError::NotFound)?,
                crate::dates::month_year(start.year(), start.month(), &edition.language),
                urls::archive_month(start.year(), u8::from(start.month())),
            )
        }
        (Some(_), Some(_)) => (
            start.next_day().ok_or(AppError::NotFound)?,
            crate::dates::long_day(start, &edition.language),
            format!("/archive/{}/{:02}/{:02}", start.year(), u8::from(start.month()), start.day()),
        ),
    };
    let midnight = |d: Date| state.settings.time_zone.start_of_day(d);
    let filter = ArticleFilter {
        from: Some(midnight(start).ok_or(AppError::NotFound)?),
        until: Some(midnight(end).ok_or(AppError::NotFound)?),
        ..Default::default()
    };
    let description =
        state.say_in(&edition.language, "list-archive-description", &[("period", &heading)]);
    list_page(
        &state,
        &edition,
        filter,
        &query,
        &base,
        Heading { kind: "list-kind-archive", heading, description },
    )
    .await
}

pub async fn year_archive(
    State(state): State<AppState>,
    edition: Edition,
    Path(year): Path<String>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    archive(state, edition, query, year, None, None).await
}

pub async fn month_archive(
    State(state): State<AppState>,
    edition: Edition,
    Path((year, month)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    archive(state, edition, query, year, Some(month), None).await
}

pub async fn day_archive(
    State(state): State<AppState>,
    edition: Edition,
    Path((year, month, day)): Path<(String, String, String)>,
    Query(query): Query<PageQuery>,
) -> AppResult<Html<String>> {
    archive(state, edition, query, year, Some(month), Some(day)).await
}
