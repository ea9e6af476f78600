//! The admin's form extractors: a form without the session's token never reaches its handler
//! (so it changes nothing, whatever else it says), and a choice that a form never offers (an
//! editor action, a role, a direction, a status) is refused before any handler runs.

use crate::support::{
    PASSWORD, Site, editor_fields, get_as, media_site, png, post_as, signed_in, site,
};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lede_core::account::Role;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    forged_forms_never_reach_their_handlers,
    unknown_choices_are_refused_before_the_handler,
);

/// An upload whose file comes before its token, as no form of ours sends it.
async fn upload_file_first(site: &Site, cookie: &str, csrf: &str) -> StatusCode {
    let boundary = "lede-test-boundary";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes();
    body.extend(png(12, 12));
    body.extend(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}--\r\n")
            .into_bytes(),
    );
    let request = Request::post("/admin/media")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .expect("request");
    site.send(request).await.status
}

async fn forged_forms_never_reach_their_handlers(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let store = site.newsroom.store().clone();
    // The token is read before anything else: a forged form with an action the editor never
    // offers is refused as forged, not as unreadable.
    let odd = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &editor_fields("forged", "delete-everything", "Odd", "Body"),
    )
    .await;
    assert_eq!(odd.status, StatusCode::FORBIDDEN, "forged before unreadable");
    let forged: [(&str, Vec<(&str, &str)>); 4] = [
        ("/admin/articles/new", editor_fields("0000", "publish", "Forged headline", "Body")),
        (
            "/admin/people",
            vec![
                ("name", "Mallory"),
                ("email", "mallory@example.com"),
                ("role", "admin"),
                ("password", PASSWORD),
            ],
        ),
        ("/admin/settings", vec![("csrf", &csrf[1..]), ("name", "Forged"), ("tagline", "")]),
        ("/admin/sections", vec![("csrf", ""), ("name", "Forged desk")]),
    ];
    for (path, fields) in &forged {
        let page = post_as(&site, path, &cookie, fields).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        upload_file_first(&site, &cookie, &csrf).await,
        StatusCode::FORBIDDEN,
        "a file sent before its token"
    );
    // Nothing was written.
    let article = store.article_state("forged-headline").await.expect("query");
    assert!(article.is_none(), "no article");
    let mallory = store.user_by_email("mallory@example.com").await;
    assert!(mallory.expect("query").is_none(), "no account");
    let desk = store.section_by_slug("forged-desk").await.expect("query");
    assert!(desk.is_none(), "no section");
    let settings = get_as(&site, "/admin/settings", &cookie).await;
    assert_ne!(settings.attr("input[name=name]", "value"), "Forged");
    assert!(store.media("", 10).await.expect("query").is_empty(), "no file");
    let _ = std::fs::remove_dir_all(media_dir);
}

async fn unknown_choices_are_refused_before_the_handler(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let store = site.newsroom.store().clone();
    let culture = store.section_by_slug("culture").await.expect("query").expect("section");
    let move_culture = format!("/admin/sections/{}/move", culture.id.0);
    let refused: [(&str, Vec<(&str, &str)>); 5] = [
        ("/admin/articles/new", editor_fields(&csrf, "delete", "Never saved", "Body")),
        (
            "/admin/articles/new",
            editor_fields(&csrf, "", "Never saved", "Body")
                .into_iter()
                .filter(|(k, _)| *k != "action")
                .collect(),
        ),
        (
            "/admin/people",
            vec![
                ("csrf", &csrf),
                ("name", "Olga"),
                ("email", "olga@example.com"),
                ("role", "overlord"),
                ("password", PASSWORD),
            ],
        ),
        (&move_culture, vec![("csrf", &csrf), ("direction", "sideways")]),
        ("/admin/comments", vec![("csrf", &csrf), ("action", "publish"), ("ids", "1")]),
    ];
    for (path, fields) in &refused {
        let page = post_as(&site, path, &cookie, fields).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path} {fields:?}");
        assert_eq!(page.count("main"), 1, "{path}: an error page of the site");
    }
    let never = store.article_state("never-saved").await.expect("query");
    assert!(never.is_none(), "no article");
    let olga = store.user_by_email("olga@example.com").await;
    assert!(olga.expect("query").is_none(), "no account");
    for (path, status) in [
        ("/admin/articles?status=lost", StatusCode::BAD_REQUEST),
        ("/admin/articles?status=", StatusCode::OK),
        ("/admin/articles?status=in_review", StatusCode::OK),
        ("/admin/comments?status=lost", StatusCode::BAD_REQUEST),
        ("/admin/comments?status=spam", StatusCode::OK),
    ] {
        assert_eq!(get_as(&site, path, &cookie).await.status, status, "{path}");
    }
}
