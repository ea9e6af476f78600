//! How files people put on the site (uploads, imported media, authors' pictures, all under
//! `/media/`) are served. They come from the site's own origin, where the pages' policy lets
//! scripts of that origin run, so a file must never be able to act as a page or a script:
//! its type comes from a short list of images, audio, video and PDF (anything else is a
//! download of bytes), the browser may not guess another (`nosniff`), and the file is a
//! sandbox of its own even when opened directly (`Content-Security-Policy: sandbox`). Only
//! Lede's own demo pictures (`/media/demo/`, written from the binary) keep SVG.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Types a file of the site may be served as, by the name's extension: the kinds the
/// importer lets in, each as browsers show it. HTML, SVG, XML, JavaScript and CSS are absent
/// on purpose.
const SERVED_AS: &[(&str, &str)] = &[
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("gif", "image/gif"),
    ("webp", "image/webp"),
    ("avif", "image/avif"),
    ("bmp", "image/bmp"),
    ("ico", "image/x-icon"),
    ("tif", "image/tiff"),
    ("tiff", "image/tiff"),
    ("heic", "image/heic"),
    ("heif", "image/heif"),
    ("jxl", "image/jxl"),
    ("mp3", "audio/mpeg"),
    ("m4a", "audio/mp4"),
    ("aac", "audio/aac"),
    ("oga", "audio/ogg"),
    ("ogg", "audio/ogg"),
    ("opus", "audio/ogg"),
    ("wav", "audio/wav"),
    ("flac", "audio/flac"),
    ("mp4", "video/mp4"),
    ("m4v", "video/mp4"),
    ("webm", "video/webm"),
    ("ogv", "video/ogg"),
    ("mov", "video/quicktime"),
    ("pdf", "application/pdf"),
];

/// What any other file is served as: bytes to save, never to show.
const DOWNLOAD: &str = "application/octet-stream";

/// Where Lede's demo writes its own illustrations, which are SVG drawings.
const DEMO_PREFIX: &str = "/media/demo/";

/// The content type a file at this public path is served as.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((_, extension)) = name.rsplit_once('.') else {
        return DOWNLOAD;
    };
    let extension = extension.to_ascii_lowercase();
    if extension == "svg" && path.starts_with(DEMO_PREFIX) && !path.contains("..") {
        return "image/svg+xml";
    }
    SERVED_AS.iter().find(|(known, _)| *known == extension).map_or(DOWNLOAD, |(_, mime)| mime)
}

/// Whether a browser may show a file of this type in a page (otherwise it is downloaded).
fn shown_inline(content_type: &str) -> bool {
    ["image/", "audio/", "video/"].iter().any(|kind| content_type.starts_with(kind))
}

/// Middleware around the `/media` routes: sets the type from [`content_type`] whatever the
/// file server guessed, and the headers that keep a file from acting as a page.
pub async fn safe_headers(request: Request, next: Next) -> Response {
    let served_as = content_type(request.uri().path());
    let mut response = next.run(request).await;
    // An error (a missing file) keeps its own type: it is the site's error page.
    let file = response.status().is_success();
    let headers = response.headers_mut();
    if file && headers.contains_key(header::CONTENT_TYPE) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(served_as));
    }
    if file && !shown_inline(served_as) {
        headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_harmless_types_are_served_and_the_rest_downloads() {
        for (path, expected) in [
            ("/media/uploads/2026/01/ab12.jpg", "image/jpeg"),
            ("/media/imported/2019/05/Photo.JPEG", "image/jpeg"),
            ("/media/avatars/3-ab12.png", "image/png"),
            ("/media/imported/talk.mp3", "audio/mpeg"),
            ("/media/imported/clip.webm", "video/webm"),
            ("/media/imported/annual-report.pdf", "application/pdf"),
            ("/media/demo/council.svg", "image/svg+xml"),
            ("/media/imported/evil.svg", DOWNLOAD),
            ("/media/imported/evil.html", DOWNLOAD),
            ("/media/imported/evil.htm", DOWNLOAD),
            ("/media/imported/evil.xhtml", DOWNLOAD),
            ("/media/imported/evil.js", DOWNLOAD),
            ("/media/imported/evil.mjs", DOWNLOAD),
            ("/media/imported/evil.css", DOWNLOAD),
            ("/media/imported/evil.xml", DOWNLOAD),
            ("/media/imported/README", DOWNLOAD),
            ("/media/imported/demo/evil.svg", DOWNLOAD),
            ("/media/demo/../imported/evil.svg", DOWNLOAD),
        ] {
            assert_eq!(content_type(path), expected, "{path}");
        }
        assert!(shown_inline("image/png") && shown_inline("video/mp4"));
        assert!(!shown_inline("application/pdf") && !shown_inline(DOWNLOAD));
    }
}
