//! The cache in the request path, behind the front door that answers what the cache held when
//! the request came: a public GET or HEAD takes its page's one seat, is answered from the
//! cache if a render finished meanwhile, and otherwise renders the page (recording what it
//! shows), keeps it if it may, and is answered from the new entry; others asking meanwhile
//! wait for it. Everything else passes straight through.

use super::entry::Entry;
use super::{PageCache, shown};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The largest page kept (a sitemap of 50,000 articles is about 8 MB); anything larger, or a
/// streamed body, is rendered for each request.
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Paths whose answers are personal, have their own caching, or change with every query;
/// `/preview` shows drafts through secret links, which no cache may keep.
const NEVER: [&str; 9] = [
    "/admin", "/api", "/static", "/media", "/healthz", "/readyz", "/metrics", "/search", "/preview",
];

pub async fn serve_cached(
    State(cache): State<Arc<PageCache>>,
    request: Request,
    next: Next,
) -> Response {
    let head = request.method() == Method::HEAD;
    // An edition's page is kept under the address asked for (`/ur/`), not the one routed.
    let asked = request.extensions().get::<crate::site::edition::Edition>();
    let uri = asked.and_then(|e| e.asked.as_ref()).unwrap_or(request.uri());
    let Some(key) = (head || request.method() == Method::GET).then(|| cache_key(uri)).flatten()
    else {
        return next.run(request).await;
    };
    // The front door (`front_door.rs`) has looked already; here a page is looked up once a
    // request holds the page's one seat, so who waited is answered with what it rendered.
    let key = key.to_owned();
    let _seat = cache.flights.board(&key).await;
    if let Some(entry) = cache.get(&key) {
        cache.hits.inc();
        return entry.respond(request.headers(), head);
    }
    cache.misses.inc();
    let epoch = cache.epoch();
    let (mut parts, body) = request.into_parts();
    let client = parts.headers.clone();
    let route = parts.extensions.get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str);
    let route = route.to_owned();
    // The page itself, whole and uncompressed: the entry makes the encodings and answers
    // conditional requests. HEAD is rendered as GET so that the entry has a body to keep.
    for name in
        [header::ACCEPT_ENCODING, header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE, header::RANGE]
    {
        parts.headers.remove(name);
    }
    parts.method = Method::GET;
    let (response, deps) = shown::recording(next.run(Request::from_parts(parts, body))).await;
    if !keepable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        // Rendered pages are whole in memory; a failing body is a bug, not a reader's fault.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    cache.insert(key, Entry::new(bytes, parts.headers, deps, route), epoch).respond(&client, head)
}

/// The key a request's page is kept under: its path, and its page number for lists (taken as
/// it stands in the request, so a hit allocates nothing). Other queries (a reader's own comment
/// notice, tracking parameters) are rendered every time.
pub(crate) fn cache_key(uri: &Uri) -> Option<&str> {
    let path = uri.path();
    if NEVER.iter().any(|prefix| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '.']))
    }) {
        return None;
    }
    let whole = uri.path_and_query().map_or(path, |pq| pq.as_str());
    match uri.query() {
        None => Some(whole),
        Some(query) => {
            let page = query.strip_prefix("page=")?;
            (!page.is_empty() && page.len() < 6 && page.bytes().all(|b| b.is_ascii_digit()))
                .then_some(whole)
        }
    }
}

/// Only whole public pages are kept: not errors or redirects, not responses that set a
/// cookie, and not responses whose handler chose their own caching (`no-store` pages).
fn keepable(response: &Response) -> bool {
    let headers = response.headers();
    let size = axum::body::HttpBody::size_hint(response.body()).exact();
    response.status() == StatusCode::OK
        && size.is_some_and(|bytes| bytes <= MAX_PAGE_BYTES as u64)
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CACHE_CONTROL)
        && headers.contains_key(header::CONTENT_TYPE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(uri: &'static str) -> Option<String> {
        cache_key(&Uri::from_static(uri)).map(str::to_owned)
    }

    #[test]
    fn only_public_pages_and_their_page_numbers_are_keys() {
        assert_eq!(key("/articles/a"), Some("/articles/a".into()));
        assert_eq!(key("/tag/x?page=2"), Some("/tag/x?page=2".into()));
        assert_eq!(key("/rss.xml"), Some("/rss.xml".into()));
        assert_eq!(key("/articles/a?comment=pending"), None);
        assert_eq!(key("/tag/x?page=2&utm=1"), None);
        assert_eq!(key("/tag/x?page="), None);
        for private in ["/admin", "/admin/articles", "/api/articles", "/search", "/static/s.css"] {
            assert_eq!(key(private), None, "{private}");
        }
        assert_eq!(key("/administrivia"), Some("/administrivia".into()));
        assert_eq!(key("/search.json"), None);
    }
}
