//! `/media/…` read from the site's media store, through the real router on both databases:
//! an upload to a real S3 server (Garage on loopback) is served from it byte for byte, with
//! the headers of a user's file, ranges and revalidation; deleting it deletes it from the
//! bucket; and a missing file, in a bucket or the data directory, answers 404 with no promise
//! to keep it.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use lede_core::account::Role;
use lede_store::MediaStore;
use lede_store::test_support::{TestDb, load_fixture, s3_media_store};
use tower::ServiceExt;

lede_store::on_both_databases!(
    uploads_are_served_from_the_bucket_and_deleted_from_it,
    a_missing_file_is_a_404_nobody_keeps
);

/// A response's status, headers and raw bytes.
async fn fetch(site: &Site, path: &str, headers: &[(header::HeaderName, &str)]) -> Fetched {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = site
        .app
        .clone()
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes().to_vec();
    Fetched { status, headers, bytes }
}

struct Fetched {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    bytes: Vec<u8>,
}

impl Fetched {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

async fn site_on(db: &TestDb, media: MediaStore) -> Site {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    site_with(db, newsroom, lede_web::SiteSettings { media: Some(media), ..settings() }).await
}

async fn uploads_are_served_from_the_bucket_and_deleted_from_it(db: &TestDb) {
    let Some(bucket) = s3_media_store("web") else { return };
    let site = site_on(db, bucket.clone()).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Editor).await;
    let uploaded = upload_file(
        &site,
        "/admin/media",
        &cookie,
        &csrf,
        "harbour.png",
        &png(900, 600),
        "application/json",
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&uploaded.body).expect("JSON");
    let path = json["path"].as_str().expect("a path").to_owned();
    let key = MediaStore::key_of(&path).expect("a key");
    let stored = bucket.read(key).await.expect("get").expect("the upload is in the bucket");

    let served = fetch(&site, &path, &[]).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.bytes, stored.to_vec(), "the bucket's bytes");
    assert_eq!(served.header(header::CONTENT_TYPE), "image/png");
    assert_eq!(served.header(header::CACHE_CONTROL), "public, max-age=31536000, immutable");
    assert_eq!(served.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(served.header(header::CONTENT_SECURITY_POLICY), "sandbox");
    assert_eq!(served.header(header::CONTENT_LENGTH), stored.len().to_string());

    let part = fetch(&site, &path, &[(header::RANGE, "bytes=0-7")]).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes, b"\x89PNG\r\n\x1a\n", "the first bytes");
    assert_eq!(part.header(header::CONTENT_RANGE), format!("bytes 0-7/{}", stored.len()));
    let etag = served.header(header::ETAG).to_owned();
    assert!(!etag.is_empty(), "an ETag to revalidate with");
    let again = fetch(&site, &path, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty());

    let listed = site.newsroom.store().media("harbour.png", 10).await.expect("the library");
    let id = listed.iter().find(|m| m.path == path).expect("in the library").id;
    let deleted =
        post_as(&site, &format!("/admin/media/{id}/delete"), &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
    assert_eq!(bucket.size(key).await.expect("head"), None, "gone from the bucket");
    let gone = fetch(&site, &path, &[]).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert!(!gone.header(header::CACHE_CONTROL).contains("immutable"));
}

/// The missing file may yet arrive (another server's upload, a migration), so no cache may
/// keep its 404 for a year; nor is the error page made to look like an image.
async fn a_missing_file_is_a_404_nobody_keeps(db: &TestDb) {
    let dir = temp_dir("missing-media");
    let mut stores = vec![("the data directory", MediaStore::local(&dir).expect("a folder"))];
    stores.extend(s3_media_store("missing").map(|bucket| ("a bucket", bucket)));
    // One site's content; a server over it for each store.
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    for (kind, media) in stores {
        let settings = lede_web::SiteSettings { media: Some(media), ..settings() };
        let site = site_with(db, newsroom.clone(), settings).await;
        for path in [
            "/media/uploads/2026/11/0123456789abcdef.png",
            "/media/uploads/2026/11/0123456789abcdef-480.webp",
            "/media/avatars/3-0123.png",
            "/media/imported/2019/05/gone.pdf",
            "/media/uploads/../lede.db",
        ] {
            let missing = fetch(&site, path, &[]).await;
            assert_eq!(missing.status, StatusCode::NOT_FOUND, "{kind}: {path}");
            let kept = missing.header(header::CACHE_CONTROL);
            assert!(
                !kept.contains("immutable") && !kept.contains("max-age"),
                "{kind}: {path}: {kept}"
            );
            assert!(
                missing.header(header::CONTENT_TYPE).starts_with("text/html"),
                "{kind}: {path}"
            );
            assert_eq!(missing.header(header::CONTENT_DISPOSITION), "", "{kind}: {path}");
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}
