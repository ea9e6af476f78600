//! The read-only content API under `/api/`: articles, authors, sections and tags as JSON,
//! articles as IPTC ninjs 3.0 for syndication, and the OpenAPI document that describes it all.
//!
//! Every response carries an ETag (and answers `If-None-Match` with 304); errors are problem
//! details (see [`crate::error`]). Lists page by opaque keyset cursors. Without a key the API
//! shows what readers see; a partner's key (`Authorization: Bearer KEY`) adds partner-only
//! articles.

mod access;
pub(crate) mod articles;
mod authors;
mod cursor;
mod etag;
mod ninjs;
mod openapi;
pub(crate) mod params;
mod sections;
mod tags;
pub(crate) mod views;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::middleware::from_fn;
use axum::routing::{MethodRouter, get};

/// Every route of the API. The router is built from this table alone, and the OpenAPI drift
/// test reads it through [`paths`], so no route can exist without being documented.
fn table() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/openapi.json", get(openapi::document)),
        ("/api/articles", get(articles::list_articles)),
        ("/api/articles/{slug}", get(articles::show_article)),
        ("/api/authors", get(authors::list_authors)),
        ("/api/authors/{slug}", get(authors::show_author)),
        ("/api/sections", get(sections::list_sections)),
        ("/api/sections/{slug}", get(sections::show_section)),
        ("/api/tags", get(tags::list_tags)),
        ("/api/tags/{slug}", get(tags::show_tag)),
        ("/api/ninjs/articles", get(ninjs::latest_articles)),
        ("/api/ninjs/articles/{slug}", get(ninjs::show_article)),
    ]
}

/// The paths of every API route, in axum's syntax (`/api/articles/{slug}`), as OpenAPI
/// writes them too.
pub fn paths() -> Vec<&'static str> {
    table().into_iter().map(|(path, _)| path).collect()
}

pub fn routes() -> Router<AppState> {
    let router = table()
        .into_iter()
        .fold(Router::new(), |router, (path, method_router)| router.route(path, method_router));
    router.method_not_allowed_fallback(method_not_allowed).layer(from_fn(etag::conditional_get))
}

/// The API only reads: anything but GET and HEAD is refused, as problem details.
async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
