//! Static assets of the theme, embedded in the binary and served under content-hashed names,
//! so browsers and CDNs may keep them forever: a new version gets a new name. Text assets are
//! compressed once, at first use, in every encoding browsers ask for.

use crate::cache::Encoding;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::HeaderMap;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

use crate::error::AppError;

struct Asset {
    /// The name templates ask for (`style.css`).
    name: &'static str,
    /// The name it is served under (`style.3f9a…c1.css`).
    hashed: String,
    content_type: &'static str,
    bytes: &'static [u8],
    gzip: Bytes,
    brotli: Bytes,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    [
        (
            "style.css",
            "text/css; charset=utf-8",
            include_bytes!("../../../themes/default/static/style.css").as_slice(),
        ),
        (
            "favicon.svg",
            "image/svg+xml",
            include_bytes!("../../../themes/default/static/favicon.svg").as_slice(),
        ),
        (
            "editor.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../../themes/default/static/editor.js").as_slice(),
        ),
    ]
    .into_iter()
    .map(|(name, content_type, bytes)| {
        let digest = Sha256::digest(bytes);
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        Asset {
            name,
            hashed: format!("{stem}.{hash}.{extension}"),
            content_type,
            bytes,
            gzip: crate::cache::gzip(bytes),
            brotli: crate::cache::brotli(bytes, 11),
        }
    })
    .collect()
});

/// The public URL of every asset by its plain name, for templates.
pub fn urls() -> std::collections::BTreeMap<&'static str, String> {
    ASSETS
        .iter()
        .map(|a| (a.name, format!("/static/{}", a.hashed)))
        .collect()
}

/// Media from the data directory: uploads are named by a hash of their content, so they are
/// kept forever like the theme's assets; imported files keep their names and may change.
pub fn media_routes<S: Clone + Send + Sync + 'static>(dir: &std::path::Path) -> axum::Router<S> {
    let kept = |dir: std::path::PathBuf, policy: &'static str| {
        SetResponseHeader::overriding(
            ServeDir::new(dir),
            header::CACHE_CONTROL,
            HeaderValue::from_static(policy),
        )
    };
    axum::Router::new()
        .nest_service(
            "/media/uploads",
            kept(dir.join("uploads"), "public, max-age=31536000, immutable"),
        )
        .nest_service("/media", kept(dir.to_owned(), "public, max-age=86400"))
}

pub async fn serve(Path(file): Path<String>, request: HeaderMap) -> Result<Response, AppError> {
    let asset = ASSETS
        .iter()
        .find(|a| a.hashed == file)
        .ok_or(AppError::NotFound)?;
    let (body, coding) = match crate::cache::preferred(request.get(header::ACCEPT_ENCODING)) {
        Encoding::Brotli => (asset.brotli.clone(), Some("br")),
        Encoding::Gzip => (asset.gzip.clone(), Some("gzip")),
        Encoding::Identity => (Bytes::from_static(asset.bytes), None),
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            (header::VARY, "accept-encoding"),
        ],
        body,
    )
        .into_response();
    if let Some(coding) = coding {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    Ok(response)
}
