//! Search: a results page (the form in every page's header leads here, and works without
//! JavaScript) and the same results as JSON at `/search.json`. Filters by section, author and
//! date range; relevance first, recency among equals; highlighted snippets.

use super::{Edition, Layout, PageQuery, render};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{ArticleCard, Link, Pagination, cards};
use axum::Json;
use axum::extract::{Query, State};
use axum::response::Html;
use lede_core::Message;
use lede_core::names::Named;
use lede_store::sql::{MARK_END, MARK_START};
use lede_store::{ArticleFilter, PageRequest, SearchQuery, SearchResults};
use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

const PAGE_SIZE: u32 = 10;
/// Longest query accepted: a sentence, not a document.
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Default, Deserialize, Serialize, Clone)]
#[serde(default)]
pub struct SearchParams {
    q: String,
    section: String,
    author: String,
    from: String,
    to: String,
    /// Only articles in this language (a site language tag); an edition's search keeps to
    /// its own language whatever this says.
    language: String,
    page: Option<String>,
}

/// The snippet as HTML: everything escaped, then the match markers turned into `<mark>`.
pub fn highlight(snippet: &str) -> String {
    let mut html = String::with_capacity(snippet.len() + 32);
    for c in snippet.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            c => html.push(c),
        }
    }
    html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
}

fn parse_day(field: &str, text: &str) -> AppResult<Option<Date>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| {
        AppError::BadRequest(
            Message::new("search-error-bad-date").text("field", field).text("text", text),
        )
    })
}

/// Turns the request into a store query, refusing what cannot be understood.
async fn to_query(
    state: &AppState,
    edition: &Edition,
    params: &SearchParams,
) -> AppResult<SearchQuery> {
    if params.q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::BadRequest(
            Message::new("search-error-too-long").text("max", MAX_QUERY_CHARS),
        ));
    }
    let store = state.newsroom.store();
    let mut filter = ArticleFilter::default();
    if !params.section.is_empty() {
        let section = store.section_by_slug(&params.section).await?;
        filter.section = Some(
            section
                .ok_or_else(|| {
                    AppError::BadRequest(
                        Message::new("search-error-no-section").text("section", &params.section),
                    )
                })?
                .id,
        );
    }
    if !params.author.is_empty() {
        let author = store.author_by_slug(&params.author).await?;
        filter.author = Some(
            author
                .ok_or_else(|| {
                    AppError::BadRequest(
                        Message::new("search-error-no-author").text("author", &params.author),
                    )
                })?
                .id,
        );
    }
    filter.language = if !edition.prefix.is_empty() {
        Some(edition.language.clone())
    } else if params.language.trim().is_empty() {
        None
    } else {
        let languages = state.newsroom.languages();
        Some(languages.check(&params.language).map_err(|e| AppError::BadRequest(e.message))?)
    };
    let midnight = |d: Date| state.settings.time_zone.start_of_day(d);
    filter.from = parse_day("from", &params.from)?.and_then(midnight);
    filter.until = parse_day("to", &params.to)?.and_then(|d| d.next_day()).and_then(midnight);
    Ok(SearchQuery { text: params.q.trim().to_owned(), filter })
}

async fn run(
    state: &AppState,
    edition: &Edition,
    params: &SearchParams,
) -> AppResult<(SearchResults, u32)> {
    let query = to_query(state, edition, params).await?;
    let number = PageQuery::new(params.page.clone()).number()?;
    let results =
        state.newsroom.store().search(&query, PageRequest::new(number, PAGE_SIZE)).await?;
    if number > results.hits.page_count() {
        return Err(AppError::NotFound);
    }
    Ok((results, number))
}

#[derive(Debug, Serialize)]
struct ResultView {
    card: ArticleCard,
    snippet_html: String,
}

#[derive(Debug, Serialize)]
struct SearchView {
    params: SearchParams,
    searched: bool,
    total: u64,
    /// More articles match than the newest ones ranked: "more than {total}".
    more: bool,
    results: Vec<ResultView>,
    pagination: Pagination,
    sections: Vec<Link>,
    authors: Vec<Link>,
}

pub async fn search_page(
    State(state): State<AppState>,
    edition: Edition,
    Query(params): Query<SearchParams>,
) -> AppResult<Html<String>> {
    let (results, _) = run(&state, &edition, &params).await?;
    let store = state.newsroom.store();
    let mut base_params = params.clone();
    base_params.page = None;
    let base = edition.path(&format!(
        "/search?{}",
        serde_urlencoded::to_string(&base_params).unwrap_or_default()
    ));
    let pagination = Pagination::new(&results.hits, &base);
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(&edition.language);
    let mut summaries: Vec<_> = results.hits.items.iter().map(|h| h.summary.clone()).collect();
    names.summaries(&mut summaries);
    let mut view = SearchView {
        searched: !params.q.trim().is_empty(),
        total: results.hits.total,
        more: results.more,
        results: cards(&summaries, &state.settings.time_zone, super::edition_prefix(&state))
            .into_iter()
            .zip(&results.hits.items)
            .map(|(card, hit)| ResultView { card, snippet_html: highlight(&hit.snippet) })
            .collect(),
        pagination,
        sections: catalog
            .sections
            .iter()
            .map(|s| Link {
                url: s.slug.to_string(),
                name: names.name(Named::Section, &s.slug, &s.name).to_owned(),
            })
            .collect(),
        authors: store
            .authors()
            .await?
            .iter()
            .map(|a| Link {
                url: a.slug.to_string(),
                name: names.name(Named::Author, &a.slug, &a.name).to_owned(),
            })
            .collect(),
        params,
    };
    super::illustrate(&state, super::card_images(view.results.iter_mut().map(|r| &mut r.card)))
        .await?;
    let title = if view.searched {
        state.say_in(&edition.language, "search-page-title", &[("query", view.params.q.trim())])
    } else {
        state.say_in(&edition.language, "search-title", &[])
    };
    let layout = Layout::load(&state, title, "")
        .await?
        .showing(view.results.iter().map(|result| result.card.lang.as_str()))
        .in_edition(&state, &edition);
    render(&state, "search.html", &layout, view)
}

#[derive(Debug, Serialize)]
pub struct JsonResults {
    query: String,
    total: u64,
    /// Other, older articles match too: only the newest `total` are ranked.
    more: bool,
    page: u32,
    pages: u32,
    results: Vec<JsonResult>,
}

#[derive(Debug, Serialize)]
struct JsonResult {
    url: String,
    headline: String,
    standfirst: String,
    section: String,
    authors: Vec<String>,
    published: String,
    snippet_html: String,
}

pub async fn search_json(
    State(state): State<AppState>,
    edition: Edition,
    Query(params): Query<SearchParams>,
) -> AppResult<Json<JsonResults>> {
    let (mut results, page) = run(&state, &edition, &params).await?;
    let settings = &state.settings;
    let catalog = state.catalog.get(&state.newsroom).await?;
    let names = catalog.names(&edition.language);
    for hit in &mut results.hits.items {
        names.summary(&mut hit.summary);
    }
    Ok(Json(JsonResults {
        query: params.q.trim().to_owned(),
        total: results.hits.total,
        more: results.more,
        page,
        pages: results.hits.page_count(),
        results: results
            .hits
            .items
            .iter()
            .map(|hit| {
                let card = ArticleCard::new(&hit.summary, &settings.time_zone);
                JsonResult {
                    url: settings.absolute(&card.url),
                    headline: card.headline,
                    standfirst: card.standfirst,
                    section: card.section.name,
                    authors: card.authors.into_iter().map(|a| a.name).collect(),
                    published: card.published.iso,
                    snippet_html: highlight(&hit.snippet),
                }
            })
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_escaped_before_marks_are_added() {
        let snippet = format!("a <script>x</script> {MARK_START}flood{MARK_END} & more");
        assert_eq!(
            highlight(&snippet),
            "a &lt;script&gt;x&lt;/script&gt; <mark>flood</mark> &amp; more"
        );
    }
}
