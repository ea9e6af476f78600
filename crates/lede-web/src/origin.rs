//! Same-origin checks for forms: a browser's cross-site POST carries an `Origin` of another
//! site. Used where there is no session to carry a CSRF token (comments, sign-in, setup).

use crate::error::{AppError, AppResult};
use axum::http::{HeaderMap, header};

/// Refuses a POST whose `Origin` names another site than the one asked for (`Host`, which a
/// trusted proxy's `X-Forwarded-Host` sets) or the site's public address, `base_url` (behind
/// a proxy that rewrites `Host` and says nothing, as nginx's plain `proxy_pass` does).
pub fn check_origin(headers: &HeaderMap, base_url: &str) -> AppResult<()> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    if origin_host.eq_ignore_ascii_case(host) || origin.eq_ignore_ascii_case(base_url) {
        Ok(())
    } else {
        Err(AppError::Forbidden("error-foreign-form".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn post(origin: &str, host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ORIGIN, HeaderValue::from_str(origin).expect("origin"));
        headers.insert(header::HOST, HeaderValue::from_str(host).expect("host"));
        headers
    }

    #[test]
    fn a_form_comes_from_the_host_asked_or_the_sites_public_address() {
        let site = "https://news.example";
        assert!(check_origin(&post("https://news.example", "news.example"), site).is_ok());
        assert!(check_origin(&post("http://127.0.0.1:8080", "127.0.0.1:8080"), site).is_ok());
        // nginx's plain proxy_pass: Host is the upstream's name.
        assert!(check_origin(&post("https://news.example", "lede_backend"), site).is_ok());
        assert!(check_origin(&post("https://evil.example", "lede_backend"), site).is_err());
        assert!(check_origin(&post("https://news.example.evil", "news.example"), site).is_err());
        assert!(check_origin(&HeaderMap::new(), site).is_ok(), "no Origin: not a browser's");
    }
}
