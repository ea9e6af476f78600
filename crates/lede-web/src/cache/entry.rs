//! One cached page: its bytes in every encoding a browser may ask for, made once when the page
//! is rendered, its ETag, and what it depends on. Serving it is choosing bytes and headers.

use super::shown::Dep;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::time::Instant;

/// Browsers revalidate every time (a 304 costs nothing); a CDN may keep a page for a minute.
/// Stale-while-revalidate is said to CDNs only (RFC 9213), so that a reader's browser never
/// shows a page older than the last publish.
const CACHE_CONTROL: &str = "public, max-age=0, s-maxage=60";
const CDN_CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=300";

/// A middle brotli quality: pages are compressed on the request path when first rendered, and
/// the slowest levels (10, 11) cost far more time than the bytes they save there. Theme
/// assets, compressed once at start, use 11.
const BROTLI_QUALITY: u32 = 5;

#[derive(Debug)]
pub struct Entry {
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
    etag: HeaderValue,
    /// The handler's own headers (content type, links), without length or encoding.
    headers: HeaderMap,
    pub deps: Vec<Dep>,
    pub born: Instant,
    /// The pattern of the route that rendered it, which the metrics count its hits under.
    pub route: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Entry {
    /// Compresses and fingerprints a rendered page.
    pub fn new(body: Bytes, mut headers: HeaderMap, deps: Vec<Dep>, route: String) -> Self {
        for name in [header::CONTENT_LENGTH, header::CONTENT_ENCODING, header::TRANSFER_ENCODING] {
            headers.remove(name);
        }
        let digest = Sha256::digest(&body);
        let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        let etag = HeaderValue::from_str(&format!("W/\"{hex}\"")).expect("hex is a valid header");
        headers.insert(header::ETAG, etag.clone());
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
        headers.insert(
            header::HeaderName::from_static("cdn-cache-control"),
            HeaderValue::from_static(CDN_CACHE_CONTROL),
        );
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        Self {
            gzip: gzip(&body),
            brotli: brotli(&body, BROTLI_QUALITY),
            identity: body,
            etag,
            headers,
            deps,
            born: Instant::now(),
            route,
        }
    }

    /// What the entry costs in memory.
    pub fn size(&self) -> usize {
        self.identity.len() + self.gzip.len() + self.brotli.len() + 64 * self.deps.len() + 512
    }

    /// The page for a request with these headers: 304 when the browser holds it already, the
    /// best encoding it accepts otherwise, headers only for HEAD.
    pub fn respond(&self, request: &HeaderMap, head: bool) -> Response {
        let mut response = Response::new(Body::empty());
        *response.headers_mut() = self.headers.clone();
        if request.get(header::IF_NONE_MATCH).is_some_and(|tags| matches_etag(tags, &self.etag)) {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            response.headers_mut().remove(header::CONTENT_TYPE);
            return response;
        }
        let (bytes, coding) = match preferred(request.get(header::ACCEPT_ENCODING)) {
            Encoding::Brotli => (&self.brotli, Some("br")),
            Encoding::Gzip => (&self.gzip, Some("gzip")),
            Encoding::Identity => (&self.identity, None),
        };
        let headers = response.headers_mut();
        if let Some(coding) = coding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        if !head {
            *response.body_mut() = Body::from(bytes.clone());
        }
        response
    }
}

pub fn gzip(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3),
        flate2::Compression::default(),
    );
    encoder.write_all(body).expect("writing to memory");
    encoder.finish().expect("writing to memory").into()
}

/// Brotli at `quality` (0–11).
pub fn brotli(body: &[u8], quality: u32) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        writer.write_all(body).expect("writing to memory");
    }
    out.into()
}

/// Weak comparison (RFC 9110 §13.1.2): `W/"x"` and `"x"` match; `*` matches anything.
fn matches_etag(header: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(tags) = header.to_str() else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default().trim_start_matches("W/");
    tags.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == ours)
}

/// The best encoding `Accept-Encoding` allows: brotli, then gzip, then none. A coding with
/// `q=0` is refused; `*` stands for any coding not named.
pub fn preferred(accept: Option<&HeaderValue>) -> Encoding {
    let Some(accept) = accept.and_then(|v| v.to_str().ok()) else {
        return Encoding::Identity;
    };
    let (mut brotli, mut gzip, mut any) = (None, None, None);
    for item in accept.split(',') {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default().to_ascii_lowercase();
        let accepted = parts
            .find_map(|p| p.strip_prefix("q="))
            .is_none_or(|q| q.parse::<f32>().is_ok_and(|q| q > 0.0));
        match coding.as_str() {
            "br" => brotli = Some(accepted),
            "gzip" | "x-gzip" => gzip = Some(accepted),
            "*" => any = Some(accepted),
            _ => {}
        }
    }
    if brotli.or(any) == Some(true) {
        Encoding::Brotli
    } else if gzip.or(any) == Some(true) {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(accept: &str) -> Encoding {
        preferred(Some(&HeaderValue::from_str(accept).expect("header")))
    }

    #[test]
    fn the_best_accepted_encoding_wins() {
        assert_eq!(preferred(None), Encoding::Identity);
        assert_eq!(pick("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(pick("gzip"), Encoding::Gzip);
        assert_eq!(pick("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(pick("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(pick("*"), Encoding::Brotli);
        assert_eq!(pick("*;q=0"), Encoding::Identity);
        assert_eq!(pick("identity"), Encoding::Identity);
        assert_eq!(pick("GZIP"), Encoding::Gzip);
    }

    #[test]
    fn etags_compare_weakly() {
        let ours = HeaderValue::from_static("W/\"abc\"");
        let check = |h: &'static str| matches_etag(&HeaderValue::from_static(h), &ours);
        assert!(check("W/\"abc\""));
        assert!(check("\"abc\""));
        assert!(check("\"x\", W/\"abc\""));
        assert!(check("*"));
        assert!(!check("\"abd\""));
    }
}
