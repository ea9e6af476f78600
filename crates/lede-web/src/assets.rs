//! Static assets of the theme, embedded in the binary and served under content-hashed names,
//! so browsers and CDNs may keep them forever: a new version gets a new name.

use axum::extract::Path;
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

/// Media files from the data directory. `ServeDir` refuses paths that climb out of it.
pub fn media(dir: &std::path::Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(dir),
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    )
}

pub async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let asset = ASSETS
        .iter()
        .find(|a| a.hashed == file)
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, asset.content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes,
    )
        .into_response())
}
