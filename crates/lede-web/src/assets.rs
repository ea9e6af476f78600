//! Static assets of the theme, embedded in the binary and served under content-hashed names,
//! so browsers and CDNs may keep them forever: a new version gets a new name. Text assets are
//! compressed once, at first use, in every encoding browsers ask for; fonts (WOFF2 is
//! compressed inside) are served as they are. The fonts' licence keeps its plain name, so
//! there is one stable address to point people to.

use crate::cache::Encoding;
use axum::body::Bytes;
use axum::extract::Path;
use axum::http::HeaderMap;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

use crate::error::AppError;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A file of the theme's `static` folder.
struct Source {
    /// The name templates ask for (`style.css`), its path under `static/`.
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    /// Served under a content-hashed name and kept forever; otherwise under its own name,
    /// kept for a day.
    hashed: bool,
}

macro_rules! theme_file {
    ($name:literal, $content_type:literal) => {
        theme_file!($name, $content_type, true)
    };
    ($name:literal, $content_type:literal, $hashed:literal) => {
        Source {
            name: $name,
            content_type: $content_type,
            bytes: include_bytes!(concat!("../../../themes/default/static/", $name)).as_slice(),
            hashed: $hashed,
        }
    };
}

/// Every asset, each after the files it names: the stylesheet's `url(…)`s are rewritten to
/// the hashed names of the fonts listed before it.
const SOURCES: &[Source] = &[
    theme_file!("fonts/noto-nastaliq-urdu-arabic-400-normal.woff2", "font/woff2"),
    theme_file!("fonts/noto-nastaliq-urdu-arabic-700-normal.woff2", "font/woff2"),
    theme_file!("fonts/noto-naskh-arabic-arabic-400-normal.woff2", "font/woff2"),
    theme_file!("fonts/OFL.txt", "text/plain; charset=utf-8", false),
    theme_file!("style.css", "text/css; charset=utf-8"),
    theme_file!("favicon.svg", "image/svg+xml"),
    theme_file!("editor.js", "text/javascript; charset=utf-8"),
    theme_file!("media-picker.js", "text/javascript; charset=utf-8"),
    theme_file!("share-preview.js", "text/javascript; charset=utf-8"),
];

/// The faces Urdu text is set in (Nastaliq: body and headlines), worth preloading on a page
/// that shows Urdu so they arrive with the page, not after the stylesheet asks for them.
const URDU_FONTS: [&str; 2] = [
    "fonts/noto-nastaliq-urdu-arabic-400-normal.woff2",
    "fonts/noto-nastaliq-urdu-arabic-700-normal.woff2",
];

struct Asset {
    name: &'static str,
    /// The name it is served under (`style.3f9a…c1.css`).
    served: String,
    content_type: &'static str,
    cache_control: &'static str,
    bytes: Bytes,
    /// Gzip and Brotli forms, for text.
    compressed: Option<(Bytes, Bytes)>,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    let mut assets: Vec<Asset> = Vec::with_capacity(SOURCES.len());
    for source in SOURCES {
        let bytes = if source.content_type.starts_with("text/css") {
            link_urls(source.bytes, &assets)
        } else {
            Bytes::from_static(source.bytes)
        };
        let served = if source.hashed {
            let digest = Sha256::digest(&bytes);
            let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
            let (stem, extension) = source.name.rsplit_once('.').unwrap_or((source.name, ""));
            format!("{stem}.{hash}.{extension}")
        } else {
            source.name.to_owned()
        };
        let compressed = (!source.content_type.starts_with("font/"))
            .then(|| (crate::cache::gzip(&bytes), crate::cache::brotli(&bytes, 11)));
        assets.push(Asset {
            name: source.name,
            served,
            content_type: source.content_type,
            cache_control: if source.hashed { IMMUTABLE } else { "public, max-age=86400" },
            bytes,
            compressed,
        });
    }
    assets
});

/// Points a stylesheet's `url(name)`s (unquoted, relative to `/static/`) at the hashed names
/// of the assets they name, so a new font also gives the stylesheet a new name.
fn link_urls(css: &'static [u8], assets: &[Asset]) -> Bytes {
    let mut text = String::from_utf8_lossy(css).into_owned();
    for asset in assets {
        text = text.replace(&format!("url({})", asset.name), &format!("url({})", asset.served));
    }
    Bytes::from(text)
}

/// The public URL of every asset by its plain name, for templates.
pub fn urls() -> std::collections::BTreeMap<&'static str, String> {
    ASSETS.iter().map(|a| (a.name, format!("/static/{}", a.served))).collect()
}

/// The URLs of the fonts to preload on a page showing text in these languages (BCP 47
/// tags); none for a page in English only.
pub fn fonts_for<'a>(languages: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let urdu = languages.into_iter().any(|l| l.split('-').next() == Some("ur"));
    if !urdu {
        return Vec::new();
    }
    let urls = urls();
    URDU_FONTS.iter().filter_map(|name| urls.get(name).cloned()).collect()
}

pub async fn serve(Path(file): Path<String>, request: HeaderMap) -> Result<Response, AppError> {
    let asset = ASSETS.iter().find(|a| a.served == file).ok_or(AppError::NotFound)?;
    let headers =
        [(header::CONTENT_TYPE, asset.content_type), (header::CACHE_CONTROL, asset.cache_control)];
    let Some((gzip, brotli)) = &asset.compressed else {
        let mut response = (headers, asset.bytes.clone()).into_response();
        // Browsers fetch fonts in CORS mode: an email's frame (sandboxed, so of no origin)
        // and webmail on another site need this to use the site's Urdu fonts, which are
        // public anyway.
        if asset.content_type.starts_with("font/") {
            response
                .headers_mut()
                .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        }
        return Ok(response);
    };
    let (body, coding) = match crate::cache::preferred(request.get(header::ACCEPT_ENCODING)) {
        Encoding::Brotli => (brotli.clone(), Some("br")),
        Encoding::Gzip => (gzip.clone(), Some("gzip")),
        Encoding::Identity => (asset.bytes.clone(), None),
    };
    let mut response = (headers, [(header::VARY, "accept-encoding")], body).into_response();
    if let Some(coding) = coding {
        response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    Ok(response)
}
