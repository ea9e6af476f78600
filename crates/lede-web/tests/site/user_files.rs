//! Files people put on the site, served through the real router on both databases: uploads,
//! authors' pictures and imported media come as images, audio, video or a download, never as
//! a page, a drawing that runs script, or a script, whatever their name or content says.

use crate::support::*;
use axum::http::{StatusCode, header};
use lede_core::account::Role;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(user_files_cannot_act_as_pages_or_scripts);

const HOSTILE_HTML: &[u8] = b"<!doctype html><script src=\"/media/imported/evil.js\"></script>";
const HOSTILE_SVG: &[u8] =
    b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";

/// The headers a user's file must carry, and its type; panics naming the path otherwise.
fn assert_sandboxed(page: &Page, path: &str) -> String {
    assert_eq!(page.status, StatusCode::OK, "{path}");
    let value =
        |name| page.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(value(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{path}");
    assert_eq!(value(header::CONTENT_SECURITY_POLICY), "sandbox", "{path}");
    let content_type = value(header::CONTENT_TYPE);
    for forbidden in ["html", "svg", "javascript", "ecmascript", "xml", "css"] {
        assert!(!content_type.contains(forbidden), "{path} served as {content_type}");
    }
    content_type
}

async fn user_files_cannot_act_as_pages_or_scripts(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;

    // An upload through the library, and an author's picture.
    let uploaded = upload_file(
        &site,
        "/admin/media",
        &cookie,
        &csrf,
        "photo.png",
        &png(40, 30),
        "application/json",
    )
    .await;
    let upload: serde_json::Value = serde_json::from_str(&uploaded.body).expect("JSON");
    let upload = upload["path"].as_str().expect("a path").to_owned();
    let avatar = upload_file(
        &site,
        "/admin/profile/avatar",
        &cookie,
        &csrf,
        "me.png",
        &png(50, 50),
        "text/html",
    )
    .await;
    assert_eq!(avatar.status, StatusCode::SEE_OTHER, "{}", avatar.body);
    let picture =
        get_as(&site, "/admin/profile", &cookie).await.attr(".profile-picture img", "src");
    for path in [&upload, &picture] {
        let page = site.get(path).await;
        assert_eq!(assert_sandboxed(&page, path), "image/png");
        assert!(page.headers.get(header::CONTENT_DISPOSITION).is_none(), "{path} shows inline");
    }

    // Imported media as an older import left them, hostile ones among them.
    let imported = media_dir.join("imported/2019/05");
    std::fs::create_dir_all(&imported).expect("dir");
    let files: [(&str, &[u8]); 6] = [
        ("evil.html", HOSTILE_HTML),
        ("evil.svg", HOSTILE_SVG),
        ("evil.js", b"fetch('/admin/people').then(r => r.text())"),
        ("looks-like.jpg", HOSTILE_HTML),
        ("report.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("interview.mp3", b"ID3\x04\0\0\0\0\0\0"),
    ];
    for (name, bytes) in files {
        std::fs::write(imported.join(name), bytes).expect("write");
    }
    for (name, expected, attachment) in [
        ("evil.html", "application/octet-stream", true),
        ("evil.svg", "application/octet-stream", true),
        ("evil.js", "application/octet-stream", true),
        ("looks-like.jpg", "image/jpeg", false),
        ("report.pdf", "application/pdf", true),
        ("interview.mp3", "audio/mpeg", false),
    ] {
        let path = format!("/media/imported/2019/05/{name}");
        let page = site.get(&path).await;
        assert_eq!(assert_sandboxed(&page, &path), expected, "{path}");
        let disposition = page.headers.get(header::CONTENT_DISPOSITION);
        assert_eq!(disposition.is_some_and(|v| v == "attachment"), attachment, "{path}");
    }
    std::fs::remove_dir_all(media_dir).ok();
}
