//! Same-origin checks for forms: a browser's cross-site POST carries an `Origin` of another
//! site. Used where there is no session to carry a CSRF token (comments, sign-in, setup).

use crate::error::{AppError, AppResult};
use axum::http::{HeaderMap, header};

/// Refuses a POST whose `Origin` names another host.
pub fn check_origin(headers: &HeaderMap) -> AppResult<()> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    if origin_host.eq_ignore_ascii_case(host) {
        Ok(())
    } else {
        Err(AppError::Forbidden("error-foreign-form".into()))
    }
}
