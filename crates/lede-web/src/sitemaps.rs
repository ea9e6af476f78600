//! `/robots.txt`, and sitemaps for search engines: `/sitemap.xml` is an index over paginated
//! sitemaps of articles (at most 50,000 URLs each, well under 50 MB at about 150 bytes an
//! entry), of sections, tags and authors, of static pages, and a Google News sitemap of the
//! articles published in the last 48 hours (at most 1,000).

use crate::cache::shown::{self, Dep};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lede_core::content::ArticleId;
use lede_core::{Slug, urls};
use lede_store::ListKind;
use serde::Serialize;
use std::collections::HashMap;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// URLs in one article sitemap: the sitemaps.org limit.
pub const URLS_PER_SITEMAP: u32 = 50_000;
/// Google News sitemaps list at most 1,000 articles of the last two days.
const NEWS_LIMIT: u32 = 1_000;
const NEWS_WINDOW: Duration = Duration::hours(48);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(index))
        .route("/sitemaps/{file}", get(sitemap))
}

#[derive(Debug, Serialize)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
    /// The same story in other languages, this entry's own included (`xhtml:link`).
    alternates: Vec<Alternate>,
}

#[derive(Debug, Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

impl Entry {
    fn new(loc: String, lastmod: Option<String>) -> Self {
        Self { loc, lastmod, alternates: Vec::new() }
    }
}

#[derive(Debug, Serialize)]
struct NewsEntry {
    loc: String,
    language: String,
    published: String,
    title: String,
}

fn w3c(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], body).into_response()
}

/// How many article sitemaps `count` published articles need (at least one, so the index
/// always names a valid, perhaps empty, sitemap).
pub fn article_sitemap_count(count: u64) -> u64 {
    count.div_ceil(u64::from(URLS_PER_SITEMAP)).max(1)
}

async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /admin\n\nSitemap: {}\n",
        state.settings.absolute(urls::SITEMAP_INDEX)
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

async fn index(State(state): State<AppState>) -> AppResult<Response> {
    // The index gives how many article sitemaps there are and the newest article's date.
    shown::list(&lede_store::ArticleFilter::default());
    let store = state.newsroom.store();
    let newest = store.sitemap_articles(None, 0, 1).await?;
    if let Some(article) = newest.first() {
        shown::record(Dep::Article(article.id));
    }
    let newest = newest.first().map(|a| w3c(a.updated_at));
    let pages = article_sitemap_count(store.count_published().await?);
    let mut sitemaps: Vec<Entry> = (1..=pages)
        .map(|n| Entry {
            alternates: Vec::new(),
            loc: state.settings.absolute(&urls::sitemap(&format!("articles-{n}"))),
            lastmod: newest.clone(),
        })
        .collect();
    for name in ["news", "sections", "tags", "authors", "pages"] {
        let lastmod = if name == "pages" { None } else { newest.clone() };
        sitemaps.push(Entry::new(state.settings.absolute(&urls::sitemap(name)), lastmod));
    }
    Ok(xml(state.templates.render("sitemaps/index.xml", minijinja::context! { sitemaps })?.0))
}

async fn sitemap(State(state): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let name = file.strip_suffix(".xml").ok_or(AppError::NotFound)?;
    // Every sitemap gives dates of articles (the lists' by their newest).
    shown::record(Dep::EveryArticle);
    let settings = &state.settings;
    let store = state.newsroom.store();
    if name == "news" {
        let since = state.newsroom.now() - NEWS_WINDOW;
        let articles: Vec<NewsEntry> = store
            .sitemap_articles(Some(since), 0, NEWS_LIMIT)
            .await?
            .into_iter()
            .map(|a| NewsEntry {
                loc: settings.absolute(&urls::article(&a.slug)),
                language: a.language.split('-').next().unwrap_or("en").to_owned(),
                published: w3c(a.published_at),
                title: a.headline,
            })
            .collect();
        let body = state.templates.render(
            "sitemaps/news.xml",
            minijinja::context! { articles, publication => state.identity().name },
        )?;
        return Ok(xml(body.0));
    }
    let urls: Vec<Entry> = if let Some(n) = name.strip_prefix("articles-") {
        let n: u64 = n.parse().ok().filter(|n| *n >= 1).ok_or(AppError::NotFound)?;
        if n > article_sitemap_count(store.count_published().await?) {
            return Err(AppError::NotFound);
        }
        let offset = (n - 1) * u64::from(URLS_PER_SITEMAP);
        // Translated stories: every version lists them all, itself included (Google's rule).
        let mut groups: HashMap<ArticleId, Vec<Alternate>> = HashMap::new();
        let mut group_of: HashMap<Slug, ArticleId> = HashMap::new();
        for (root, language, slug) in store.translation_groups().await? {
            let href = settings.absolute(&urls::article(&slug));
            groups.entry(root).or_default().push(Alternate { hreflang: language, href });
            group_of.insert(slug, root);
        }
        store
            .sitemap_articles(None, offset, URLS_PER_SITEMAP)
            .await?
            .into_iter()
            .map(|a| {
                let mut entry =
                    Entry::new(settings.absolute(&urls::article(&a.slug)), Some(w3c(a.updated_at)));
                if let Some(group) = group_of.get(&a.slug).and_then(|root| groups.get(root))
                    && group.len() > 1
                {
                    entry.alternates = group
                        .iter()
                        .map(|g| Alternate { hreflang: g.hreflang.clone(), href: g.href.clone() })
                        .collect();
                }
                entry
            })
            .collect()
    } else if name == "pages" {
        let mut urls = vec![Entry::new(settings.absolute(urls::HOME), None)];
        let catalog = state.catalog.get(&state.newsroom).await?;
        urls.extend(
            catalog.pages.iter().map(|p| Entry::new(settings.absolute(&urls::page(&p.slug)), None)),
        );
        urls
    } else {
        let (kind, url): (_, fn(&Slug) -> String) = match name {
            "sections" => (ListKind::Section, urls::section),
            "tags" => (ListKind::Tag, urls::tag),
            "authors" => (ListKind::Author, urls::author),
            _ => return Err(AppError::NotFound),
        };
        store
            .list_pages()
            .await?
            .into_iter()
            .filter(|p| p.kind == kind)
            .map(|p| Entry::new(settings.absolute(&url(&p.slug)), p.lastmod.map(w3c)))
            .collect()
    };
    Ok(xml(state.templates.render("sitemaps/urlset.xml", minijinja::context! { urls })?.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_sitemaps_hold_at_most_50000_urls() {
        let cases = [(0, 1), (1, 1), (50_000, 1), (50_001, 2), (100_000, 2), (1_000_001, 21)];
        for (articles, sitemaps) in cases {
            assert_eq!(article_sitemap_count(articles), sitemaps, "{articles} articles");
        }
    }
}
