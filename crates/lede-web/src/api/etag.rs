//! Conditional GETs for the API: every successful response gets an ETag (a hash of its body)
//! and caching headers, and a request whose `If-None-Match` names the current ETag gets an
//! empty 304 instead of the body again.
//!
//! The ETag is weak (`W/"…"`) because the compression layer outside may re-encode the body:
//! the content is the same, the bytes on the wire are not.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

/// A public answer may be cached briefly by anyone; a partner's only by the partner, and
/// revalidated each time (cheap, with the ETag).
const PUBLIC_CACHE: &str = "public, max-age=60";
const PARTNER_CACHE: &str = "private, no-cache";

/// The largest body hashed; API responses are far smaller (lists hold at most 100 items).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

pub async fn conditional_get(request: Request, next: Next) -> Response {
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let private = request.headers().contains_key(header::AUTHORIZATION);
    let response = next.run(request).await;
    if !readable || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "could not read an API response to tag it");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let etag = etag_of(&bytes);
    let headers = &mut parts.headers;
    headers.insert(header::ETAG, etag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if private { PARTNER_CACHE } else { PUBLIC_CACHE }),
    );
    headers.append(header::VARY, HeaderValue::from_static("Authorization"));
    if if_none_match.is_some_and(|wanted| matches(&wanted, &etag)) {
        let mut not_modified = Response::new(Body::empty());
        *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
        copy(headers, not_modified.headers_mut());
        return not_modified;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `W/"<first 128 bits of the body's SHA-256, in hex>"`.
fn etag_of(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("W/\"{hex}\"")).unwrap_or(HeaderValue::from_static("W/\"\""))
}

/// `If-None-Match` by weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag whose opaque
/// part equals ours, weak or not.
fn matches(if_none_match: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(wanted) = if_none_match.to_str() else {
        return false;
    };
    let ours = opaque(etag.to_str().unwrap_or_default());
    wanted.split(',').map(str::trim).any(|tag| tag == "*" || opaque(tag) == ours)
}

fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

/// The headers a 304 repeats from the 200 it stands for (RFC 9110 §15.4.5).
fn copy(from: &HeaderMap, to: &mut HeaderMap) {
    for name in [header::ETAG, header::CACHE_CONTROL, header::VARY] {
        for value in from.get_all(&name) {
            to.append(name.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_comparison_of_tag_lists() {
        let ours = etag_of(b"{}");
        let text = ours.to_str().expect("ascii").to_owned();
        let strong = text.trim_start_matches("W/").to_owned();
        for (header, expected) in [
            (text.clone(), true),
            (strong, true),
            (format!("W/\"other\", {text}"), true),
            ("*".to_owned(), true),
            ("W/\"other\"".to_owned(), false),
            (String::new(), false),
        ] {
            let value = HeaderValue::from_str(&header).expect("header");
            assert_eq!(matches(&value, &ours), expected, "{header}");
        }
        assert_ne!(etag_of(b"{}"), etag_of(b"[]"));
    }
}
