//! `/media/…`: the site's media files, read from its [`MediaStore`] (the data directory or a
//! bucket every server shares). Uploads are named by a hash of their content, so they are
//! kept forever like the theme's assets; imported files, authors' pictures and the demo's
//! drawings keep their names and may change, so they are kept a day. Only a file that is
//! there is cacheable: a missing one answers the site's 404 with no caching promise, since
//! it may yet arrive (another server's upload, `lede media migrate`). Every file is served
//! as [`crate::user_files`] says, never as a page or a script.

use crate::error::AppError;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lede_store::{ByteRange, Fetched, MediaStore};

const FOREVER: &str = "public, max-age=31536000, immutable";
const A_DAY: &str = "public, max-age=86400";

/// The routes that serve `media`'s files under `/media/`.
pub fn routes<S: Clone + Send + Sync + 'static>(media: MediaStore) -> Router<S> {
    Router::new()
        .route("/media/{*key}", get(serve))
        .with_state(media)
        .layer(axum::middleware::from_fn(crate::user_files::safe_headers))
}

/// How long a file that is there may be kept.
fn cache_control(key: &str) -> &'static str {
    if key.starts_with("uploads/") { FOREVER } else { A_DAY }
}

async fn serve(
    State(media): State<MediaStore>,
    Path(key): Path<String>,
    request: HeaderMap,
) -> Result<Response, AppError> {
    let range = request.get(header::RANGE).and_then(|v| v.to_str().ok()).and_then(byte_range);
    let if_none_match = request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok());
    let kept = cache_control(&key);
    let file = match media.fetch(&key, range, if_none_match).await? {
        Fetched::Missing => return Err(AppError::NotFound),
        Fetched::NotModified { etag } => {
            let mut response =
                (StatusCode::NOT_MODIFIED, [(header::CACHE_CONTROL, kept)]).into_response();
            if let Some(etag) = etag.and_then(|e| HeaderValue::from_str(&e).ok()) {
                response.headers_mut().insert(header::ETAG, etag);
            }
            return Ok(response);
        }
        Fetched::Unsatisfiable { size } => {
            let range = format!("bytes */{size}");
            return Ok((StatusCode::RANGE_NOT_SATISFIABLE, [(header::CONTENT_RANGE, range)])
                .into_response());
        }
        Fetched::Found(file) => file,
    };
    let whole = file.range.start == 0 && file.range.end == file.size;
    let status = if whole { StatusCode::OK } else { StatusCode::PARTIAL_CONTENT };
    let content_type = crate::user_files::content_type(&format!("/media/{key}"));
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, kept),
            (header::ACCEPT_RANGES, "bytes"),
        ],
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(file.range.end - file.range.start));
    if !whole {
        let range = format!("bytes {}-{}/{}", file.range.start, file.range.end - 1, file.size);
        if let Ok(range) = HeaderValue::from_str(&range) {
            headers.insert(header::CONTENT_RANGE, range);
        }
    }
    if let Some(etag) = file.etag.and_then(|e| HeaderValue::from_str(&e).ok()) {
        headers.insert(header::ETAG, etag);
    }
    *response.body_mut() = Body::from_stream(file.body);
    Ok(response)
}

/// A `Range` header of one range (`bytes=0-99`, `bytes=100-`, `bytes=-100`); anything else
/// (several ranges, other units) is ignored and the whole file served, as RFC 9110 allows.
fn byte_range(value: &str) -> Option<ByteRange> {
    let spec = value.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |text: &str| text.trim().parse::<u64>().ok();
    match (first.trim().is_empty(), last.trim().is_empty()) {
        (true, false) => number(last).map(ByteRange::Last),
        (false, true) => number(first).map(ByteRange::From),
        (false, false) => Some(ByteRange::Between(number(first)?, number(last)?)),
        (true, true) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_headers_of_one_range_are_read() {
        assert_eq!(byte_range("bytes=0-99"), Some(ByteRange::Between(0, 99)));
        assert_eq!(byte_range("bytes=100-"), Some(ByteRange::From(100)));
        assert_eq!(byte_range("bytes=-100"), Some(ByteRange::Last(100)));
        for ignored in ["bytes=0-1,5-9", "items=0-1", "bytes=-", "bytes=a-b", "0-99"] {
            assert_eq!(byte_range(ignored), None, "{ignored}");
        }
    }

    #[test]
    fn only_uploads_are_kept_forever() {
        assert_eq!(cache_control("uploads/2026/11/ab12.jpg"), FOREVER);
        for other in ["avatars/3-ab12.png", "imported/2019/05/cat.jpg", "demo/council.svg"] {
            assert_eq!(cache_control(other), A_DAY, "{other}");
        }
    }
}
