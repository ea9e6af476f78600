//! The newsroom admin as a test drives it: accounts signed in with each role, forms posted
//! with their session, uploads, and a site with a media folder of its own.

use super::{Page, Site, encode, settings, site_with};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_store::Accounts;
use lede_store::test_support::{TestDb, load_fixture};
use std::path::PathBuf;

pub const PASSWORD: &str = "a long enough password";

pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The `name=value` of the cookie `name` a response sets, empty when it sets none.
pub fn cookie_set(page: &Page, name: &str) -> String {
    page.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.strip_prefix(name).is_some_and(|rest| rest.starts_with('=')))
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_owned()
}

/// The `name=value` of the session cookie a response sets.
pub fn session_cookie(page: &Page) -> String {
    cookie_set(page, "lede_session")
}

/// The id of the article at `slug`.
pub async fn id_of(site: &Site, slug: &str) -> i64 {
    site.newsroom.store().article_state(slug).await.expect("query").expect("article").0.0
}

/// Follows an action's 303 as a browser does: with the session and the message cookie the
/// action set.
pub async fn follow(site: &Site, page: &Page, cookie: &str) -> Page {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let flash = cookie_set(page, "lede_flash");
    assert!(!flash.is_empty(), "the action leaves a message");
    get_as(site, page.location(), &format!("{cookie}; {flash}")).await
}

pub async fn get_as(site: &Site, path: &str, cookie: &str) -> Page {
    site.send(
        Request::get(path).header(header::COOKIE, cookie).body(Body::empty()).expect("request"),
    )
    .await
}

pub async fn post_as(site: &Site, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
    let request = Request::post(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form_body(fields)))
        .expect("request");
    site.send(request).await
}

/// Creates an account with `role` and signs it in; returns its cookie and CSRF token.
pub async fn signed_in(site: &Site, role: Role) -> (String, String) {
    let email = format!("{}@example.com", role.as_str());
    sign_in_new(site, &email, &format!("The {}", role.as_str()), role).await
}

/// Creates an account and signs it in through the form; returns its cookie and CSRF token.
async fn sign_in_new(site: &Site, email: &str, name: &str, role: Role) -> (String, String) {
    Accounts::new(&site.newsroom).create_user(email, name, role, PASSWORD).await.expect("account");
    let page = site.post_form("/admin/sign-in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "signed in as {role:?}");
    let cookie = session_cookie(&page);
    let dashboard = get_as(site, "/admin", &cookie).await;
    let csrf = dashboard.attr(".sign-out input[name=csrf]", "value");
    (cookie, csrf)
}

pub async fn pending_comment(site: &Site, name: &str) -> lede_core::content::CommentId {
    let (article, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    let comment = CommentInput {
        name: name.into(),
        email: "r@example.com".into(),
        website: String::new(),
        text: format!("Words from {name}"),
        parent: None,
    }
    .check()
    .expect("valid");
    site.newsroom.submit_comment(article, &comment, CommentStatus::Pending).await.expect("comment")
}

/// Signs in an account named like a fixture byline.
pub async fn signed_in_as(site: &Site, name: &str, role: Role) -> (String, String) {
    let email = format!("{}@example.com", name.split(' ').next().unwrap_or("x").to_lowercase());
    sign_in_new(site, &email, name, role).await
}

pub fn editor_fields<'a>(
    csrf: &'a str,
    action: &'a str,
    headline: &'a str,
    body: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("action", action),
        ("headline", headline),
        ("standfirst", "A short summary."),
        ("body", body),
        ("slug", ""),
        ("section", "news"),
        ("tags", "River, Harbour works"),
        ("language", "en"),
        ("publish_at", ""),
    ]
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        width,
        height,
        image::Rgb([20, 120, 200]),
    ));
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).expect("encode");
    out.into_inner()
}

/// Sends one file as an upload form to `path` (the media library, the profile's picture), the
/// CSRF token first as our forms send it; `accept` asks for a page or, as the editor's drag and
/// drop does, JSON.
pub async fn upload_file(
    site: &Site,
    path: &str,
    cookie: &str,
    csrf: &str,
    name: &str,
    bytes: &[u8],
    accept: &str,
) -> Page {
    let boundary = "lede-test-boundary";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .into_bytes();
    body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: image/png\r\n\r\n").into_bytes());
    body.extend(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").into_bytes());
    let request = Request::post(path)
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT, accept)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .expect("request");
    site.send(request).await
}

/// A folder of its own under the system's temporary one, for a test's media or theme.
pub fn temp_dir(label: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("lede-{label}-test-{}-{nanos}", std::process::id()))
}

/// The fixture site with a media folder (uploads, pictures), and that folder, for the test to
/// look into and remove.
pub async fn media_site(db: &TestDb) -> (Site, PathBuf) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let media_dir = temp_dir("media");
    let media = lede_store::MediaStore::local(media_dir.clone()).expect("a media folder");
    let settings = lede_web::SiteSettings { media: Some(media), ..settings() };
    (site_with(db, newsroom, settings).await, media_dir)
}
