//! What wraps every response: security headers, the page cache, compression, a body limit,
//! errors rendered as pages in the site's layout or as problem details for the API, redirects
//! for old `?p=ID` links, and request tracing.

use crate::error::{ErrorFormat, ErrorPage, problem_response};
use crate::state::AppState;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::trace::TraceLayer;

/// No inline scripts or styles, nothing from other origins: reader pages make no third-party
/// requests, and injected markup cannot run. `$images` is where images may come from.
macro_rules! content_security_policy {
    ($images:literal) => {
        concat!(
            "default-src 'self'; img-src ",
            $images,
            "; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; ",
            "form-action 'self'; frame-ancestors 'none'"
        )
    };
}

/// Images from this site only (the default): a page makes no request to another site, so
/// none learns who reads it. An imported article's images left on the old site stay blank.
const OWN_IMAGES_ONLY: &str = content_security_policy!("'self' data:");
/// Images from any https address too, when an admin allows them (/admin/settings): for
/// imported articles whose images stayed on the old site or a photo agency's.
const REMOTE_IMAGES_TOO: &str = content_security_policy!("'self' data: https:");

/// The largest request body any route accepts; routes with forms set tighter limits.
const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn wrap(router: Router<()>, state: AppState) -> Router<()> {
    let cache = state.page_cache.clone();
    let newsroom = state.newsroom.clone();
    let metrics = state.clone();
    let rendered = router
        .layer(from_fn_with_state(state.clone(), render_error_pages))
        .layer(from_fn_with_state(state, redirect_old_query_links))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new().compress_when(not_fonts()));
    // Outside compression and error pages: a cached page is answered before either runs.
    let served = match cache {
        Some(cache) => rendered.layer(from_fn_with_state(cache, crate::cache::serve_cached)),
        None => rendered,
    };
    // Outside the page cache, so a cached page leaves with the policy of the moment. Pages
    // the cache holds are mostly answered before routing (`front_door`), with these same
    // headers and metrics; this path serves the rest.
    served
        // Outside the cache, so that hits are counted and timed too.
        .layer(from_fn_with_state(metrics, crate::metrics::record))
        .layer(from_fn_with_state(newsroom, site_headers))
        .layer(TraceLayer::new_for_http())
}

/// Adds the site's own headers to a response that lacks them: the `Content-Security-Policy`
/// the site's settings call for now (an admin may allow remote images while the site runs;
/// `/media/` files carry their own `sandbox`), `nosniff` and the referrer policy.
async fn site_headers(
    State(newsroom): State<lede_store::Newsroom>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    add_site_headers(response.headers_mut(), newsroom.remote_images());
    response
}

/// What [`site_headers`] adds, for the front door's answers too.
pub(crate) fn add_site_headers(headers: &mut HeaderMap, remote_images: bool) {
    let policy = if remote_images { REMOTE_IMAGES_TOO } else { OWN_IMAGES_ONLY };
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    ] {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
}

/// What the compression layer compresses: the default (text, not images), and not fonts,
/// since WOFF2 is Brotli inside and compressing it again costs time for nothing.
fn not_fonts() -> impl Predicate {
    DefaultPredicate::new().and(NotForContentType::const_new("font/"))
}

/// Renders responses marked with an [`ErrorPage`] as a page in the site's layout, or as
/// problem details under `/api` ([`ErrorFormat::for_path`] decides).
///
/// A 404 for a GET of a reader page first looks for a redirect from that path: an article
/// whose slug changed, later an imported permalink. Doing it here covers every route at once.
async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path().to_owned();
    // What decides an error page's language, taken before the request is handed on: the
    // edition's, and in the newsroom the session's (whose person chose a language).
    let edition = request.extensions().get::<crate::site::Edition>().map(|e| e.language.clone());
    let session = crate::admin::is_newsroom(&path)
        .then(|| crate::admin::session_token(request.headers()))
        .flatten();
    let response = next.run(request).await;
    let Some(page) = response.extensions().get::<ErrorPage>().cloned() else {
        return response;
    };
    let format = ErrorFormat::for_path(&path);
    if format == ErrorFormat::Page
        && page.status == StatusCode::NOT_FOUND
        && readable
        && let Some(moved) = crate::site::redirect_for(&state, &path).await
    {
        return moved;
    }
    let headers = response.headers().clone();
    let mut rendered = match format {
        ErrorFormat::Page => {
            let language = match (page.language.clone(), session, edition) {
                (Some(language), _, _) => language,
                (None, Some(token), _) => crate::admin::language_of_session(&state, &token).await,
                (None, None, Some(edition)) => edition,
                (None, None, None) => state.newsroom.languages().default_language().to_owned(),
            };
            crate::site::error_page(&state, &page, &language).await.into_response()
        }
        ErrorFormat::Problem => problem_response(&page, &path),
    };
    for (name, value) in &headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rendered
}

/// Answers a 301 for an old WordPress link by id (`/?p=123`, `/?page_id=7`) that an import
/// recorded. Such links hit the home page, which never 404s, so the 404 path cannot catch
/// them. Requests without `p=` or `page_id=` in their query pass straight through, untouched.
async fn redirect_old_query_links(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    let old_link = request
        .uri()
        .query()
        .filter(|q| readable && (q.contains("p=") || q.contains("page_id=")))
        .map(|query| format!("{}?{query}", request.uri().path()));
    if let Some(old_link) = old_link
        && let Some(moved) = crate::site::redirect_for(&state, &old_link).await
    {
        return moved;
    }
    next.run(request).await
}
