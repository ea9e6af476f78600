//! Static pages (About, Contact, Privacy), old addresses that moved, the 404 and other error
//! pages, and the health check.

use super::{Layout, render};
use crate::error::{AppError, AppResult, ErrorPage};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use lede_core::urls;
use serde::Serialize;

#[derive(Debug, Serialize)]
struct PageView {
    title: String,
    body_html: String,
}

pub async fn static_page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    // Drafts answer 404 like any address with nothing published there.
    let page = state.newsroom.store().page_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let language = page
        .language
        .clone()
        .unwrap_or_else(|| state.newsroom.languages().default_language().to_owned());
    let layout = Layout::load(&state, &page.title, "")
        .await?
        .in_edition(&state, &super::Edition::of_language(&state, &language))
        .showing([language.as_str()])
        .at(&state, &urls::page(&page.slug));
    let view = PageView { title: page.title, body_html: page.body_html };
    Ok(render(&state, "page.html", &layout, view)?.into_response())
}

/// Any path no route claims.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// A permanent redirect if `path` moved: the path as asked for, then without its trailing
/// slashes (an imported `/about/` may lead to `/about`, while `/2010/05/story/` is stored as
/// `/2010/05/story`). 301 rather than 308: the status search engines and old clients know for
/// moved pages. Stored paths are text (Urdu slugs in Urdu letters), so the path asked for is
/// decoded first and the answer's `Location` encoded.
pub async fn redirect_for(state: &AppState, path: &str) -> Option<Response> {
    let path = &*lede_core::uri::decode_path(path);
    let trimmed = path.trim_end_matches('/');
    let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
    let mut lookups = vec![path];
    if trimmed != path {
        lookups.push(trimmed);
    }
    for lookup in lookups {
        match state.newsroom.store().redirect_for(lookup).await {
            Ok(Some(to)) => {
                let to = lede_core::uri::encode_path(&to).into_owned();
                return Some(
                    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response(),
                );
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, "redirect lookup failed");
                return None;
            }
        }
    }
    None
}

#[derive(Debug, Serialize)]
struct ErrorView {
    status: u16,
    heading: String,
    message: String,
}

/// An error in the site's layout, in `language`. If even the layout cannot be loaded (the
/// database is down), a bare page still tells the reader what happened.
pub async fn error_page(state: &AppState, page: &ErrorPage, language: &str) -> Response {
    let heading_id = match page.status {
        StatusCode::NOT_FOUND => "error-not-found-title",
        StatusCode::GONE => "error-gone-title",
        StatusCode::UNPROCESSABLE_ENTITY => "error-unprocessable-title",
        StatusCode::PAYLOAD_TOO_LARGE => "error-too-large-title",
        StatusCode::TOO_MANY_REQUESTS => "error-too-many-title",
        StatusCode::FORBIDDEN => "error-forbidden-title",
        StatusCode::BAD_REQUEST => "error-bad-request-title",
        _ => "error-generic-title",
    };
    let heading = state.translations.message(language, heading_id, None);
    let message = page.message.in_language(&state.translations, language);
    let view = ErrorView { status: page.status.as_u16(), heading: heading.clone(), message };
    let rendered = match Layout::load(state, heading, "").await {
        Ok(layout) => {
            let layout = layout.in_language(language).showing([language]);
            render(state, "error.html", &layout, view).map_err(|e| e.to_string())
        }
        Err(error) => Err(error.to_string()),
    };
    match rendered {
        Ok(html) => (page.status, html).into_response(),
        Err(cause) => {
            tracing::error!(%cause, "could not render an error page");
            (page.status, page.message.in_language(&state.translations, language)).into_response()
        }
    }
}

/// Liveness: 200 at once while the process serves requests, whatever the database does
/// (a load balancer or supervisor that restarted a server for a database outage would only
/// add restarts to the outage). The README's checks use it.
pub async fn health() -> Response {
    (StatusCode::OK, "ok\n").into_response()
}

/// How long readiness waits for the database.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(2);

/// Readiness: 200 once the database answers, 503 within 2 s when it does not, so a load
/// balancer sends readers to servers that can render pages.
pub async fn ready(State(state): State<AppState>) -> Response {
    match tokio::time::timeout(READY_WITHIN, state.newsroom.store().ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready\n").into_response(),
        Ok(Err(error)) => {
            tracing::warn!(%error, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
        Err(_) => {
            tracing::warn!("readiness check: the database did not answer within 2 s");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}
