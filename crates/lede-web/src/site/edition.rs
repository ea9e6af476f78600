//! Editions: each of the site's languages but the default has its own front page, lists,
//! search and feeds under `/{tag}/` (`/ur/`, `/ur/section/news`, `/ur/rss.xml`), listing only
//! that language's articles, in that language's words. The default language keeps the plain
//! addresses. An edition's request is routed as its plain address, carrying an [`Edition`],
//! so every list handler serves every edition; the page cache keys it by the address asked for.

use crate::state::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::Uri;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::convert::Infallible;

/// The edition a reader page belongs to: its language, and the prefix of its addresses
/// (empty for the default language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub language: String,
    pub prefix: String,
    /// The address as the reader asked for it (`/ur/section/news`), before routing.
    pub asked: Option<Uri>,
    /// Whether the site has more than one language: only then do lists keep to one.
    pub several: bool,
}

impl Edition {
    /// An address of this edition: `/section/news` → `/ur/section/news`; `/` → `/ur/`.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// The edition a page in `language` belongs to (an Urdu article's header leads to `/ur/`);
    /// a language the site no longer publishes in keeps the default edition's addresses.
    pub fn of_language(state: &AppState, language: &str) -> Self {
        let several = state.newsroom.languages().all().len() > 1;
        Self {
            language: language.to_owned(),
            prefix: prefix(state, language),
            asked: None,
            several,
        }
    }

    /// The language lists keep to: the edition's, when the site has several.
    pub fn filter_language(&self) -> Option<String> {
        self.several.then(|| self.language.clone())
    }
}

/// The address prefix of `language`'s edition (`/ur`; empty for the default language or one
/// the site no longer publishes in). Read for every card of a list, so it copies nothing.
pub fn prefix(state: &AppState, language: &str) -> String {
    if state.newsroom.has_edition(language) { format!("/{language}") } else { String::new() }
}

/// The addresses an edition has: lists, search and feeds (articles and pages have one
/// address whatever their language).
fn editioned(rest: &str) -> bool {
    let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
    matches!(
        first,
        "" | "articles"
            | "section"
            | "tag"
            | "author"
            | "archive"
            | "search"
            | "search.json"
            | "corrections"
            | "subscribe"
            | "newsletters"
    ) && !(first == "articles" && rest.trim_start_matches('/').contains('/'))
        || matches!(first, "rss.xml" | "atom.xml" | "feed.json")
}

/// Before routing: `/ur/…` becomes `/…` with the Urdu [`Edition`] attached, when `ur` is one
/// of the site's other languages and the rest is an address editions have.
pub async fn route_edition(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // Every request passes here, cached pages included: look at the first segment without
    // copying anything, and only an edition's request pays for the rewrite.
    let path = request.uri().path().trim_start_matches('/');
    let first = path.split('/').next().unwrap_or_default();
    if !state.newsroom.has_edition(first) {
        return next.run(request).await;
    }
    let language = first.to_owned();
    let rest = path.strip_prefix(first).unwrap_or_default().to_owned();
    if rest.is_empty() {
        // `/ur` is the edition's front page, `/ur/`.
        return Redirect::permanent(&format!("/{language}/")).into_response();
    }
    if editioned(&rest) {
        let asked = request.uri().clone();
        let rewritten = match asked.query() {
            Some(query) => format!("{rest}?{query}"),
            None => rest,
        };
        if let Ok(uri) = rewritten.parse::<Uri>() {
            *request.uri_mut() = uri;
            request.extensions_mut().insert(Edition {
                prefix: format!("/{language}"),
                language,
                asked: Some(asked),
                several: true,
            });
        }
    }
    next.run(request).await
}

impl FromRequestParts<AppState> for Edition {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        if let Some(edition) = parts.extensions.get::<Edition>() {
            return Ok(edition.clone());
        }
        let languages = state.newsroom.languages();
        Ok(Edition {
            language: languages.default_language().to_owned(),
            prefix: String::new(),
            asked: None,
            several: languages.all().len() > 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::editioned;

    #[test]
    fn lists_search_and_feeds_have_editions_articles_and_admin_do_not() {
        for yes in ["/", "/articles", "/section/news", "/tag/x/rss.xml", "/rss.xml", "/search"] {
            assert!(editioned(yes), "{yes}");
        }
        for no in ["/articles/some-story", "/admin", "/api/articles", "/static/s.css", "/about"] {
            assert!(!editioned(no), "{no}");
        }
    }
}
