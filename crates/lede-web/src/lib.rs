//! Lede's web layer: the one route table, thin handlers by area (the reader site, the content
//! API), the templates and JSON shapes they fill with view structs, and the middleware around
//! them. Only this crate knows HTTP, HTML and JSON shapes.

mod admin;
mod api;
mod assets;
pub mod cache;
mod catalog;
pub mod dates;
mod error;
mod feeds;
mod form_token;
mod front_door;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
mod media_files;
pub mod metrics;
mod middleware;
pub mod newsletters;
mod origin;
pub mod proxy;
mod seo;
mod site;
mod sitemaps;
mod state;
mod templates;
mod user_files;
mod views;
pub mod webhooks;

pub use api::paths as api_paths;
pub use error::AppError;
pub use front_door::{Answer, Site};
pub use state::{AppState, SiteIdentity, SiteSettings};

use axum::Router;
use axum::routing::get;

/// The whole site: cached pages answered at the front door, the rest routed.
pub fn site(state: AppState) -> Site {
    Site::new(&state, router(state.clone()))
}

/// Every route of the site, wrapped in the middleware every response needs.
pub fn router(state: AppState) -> Router {
    let mut routes = Router::new()
        .route("/healthz", get(site::health))
        .route("/readyz", get(site::ready))
        .route("/metrics", get(metrics::metrics))
        .route("/static/{*file}", get(assets::serve))
        .merge(feeds::routes())
        .merge(sitemaps::routes())
        .merge(admin::routes())
        .merge(api::routes())
        .merge(site::routes());
    if let Some(media) = &state.settings.media {
        routes = routes.merge(media_files::routes(media.clone()));
    }
    let app = middleware::wrap(routes.with_state(state.clone()), state.clone());
    // Editions are routed as their plain addresses: the rewrite must come before routing.
    let editions =
        axum::middleware::from_fn_with_state(state.clone(), site::edition::route_edition);
    // Outermost: everything after sees the client and host a trusted proxy reported.
    let proxies = axum::middleware::from_fn_with_state(state, proxy::see_through_proxies);
    Router::new().fallback_service(tower::Layer::layer(&editions, app)).layer(proxies)
}
