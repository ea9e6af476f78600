//! Partner-only articles and API keys: the public never sees them (reader pages and the API
//! alike), a partner's key does, and a revoked key stops working at once.

use crate::support::{Api, api};
use axum::http::{StatusCode, header};
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    partner_only_articles_are_never_public,
    a_partners_key_shows_partner_only_articles,
    bad_and_revoked_keys_are_refused_everywhere,
);

const EXCLUSIVE: &str = "agency-exclusive";

async fn with_exclusive(db: &TestDb) -> Api {
    let api = api(db).await;
    api.publish(EXCLUSIVE, 60, true).await;
    api
}

async fn partner_only_articles_are_never_public(db: &TestDb) {
    let api = with_exclusive(db).await;
    for path in [
        "/api/articles",
        "/api/articles?section=news",
        "/api/articles?tag=river&limit=100",
        "/api/articles?author=maya-chen",
        "/api/ninjs/articles",
        "/",
        "/articles",
        "/section/news",
        "/tag/river",
        "/author/maya-chen",
        "/archive/2026/11/28",
        "/articles/river-clean-up",
    ] {
        let reply = api.get(path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(!reply.body.contains(EXCLUSIVE), "{path} shows the partner-only article");
    }
    for path in ["/api/articles/agency-exclusive", "/api/ninjs/articles/agency-exclusive"] {
        api.get(path).await.problem(StatusCode::NOT_FOUND);
    }
    let page = api.get("/articles/agency-exclusive").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.header(header::CONTENT_TYPE).starts_with("text/html"));
}

async fn a_partners_key_shows_partner_only_articles(db: &TestDb) {
    let api = with_exclusive(db).await;
    let (_, key) = api.newsroom.create_api_key("Coast Radio").await.expect("key");
    let key = key.reveal();
    let list = api.get_as(key, "/api/articles?limit=2").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.slugs(), [EXCLUSIVE, "river-clean-up"]);
    let items = list.json();
    assert_eq!(items["items"][0]["partner_only"], true);
    assert_eq!(items["items"][1]["partner_only"], false);
    assert_eq!(
        list.header(header::CACHE_CONTROL),
        "private, no-cache",
        "shared caches must not keep a partner's answer"
    );
    assert!(
        list.headers
            .get_all(header::VARY)
            .iter()
            .any(|v| v.to_str().is_ok_and(|v| v.contains("Authorization"))),
        "{:?}",
        list.headers
    );
    // The cursor of a partner's page continues the partner's list.
    let next = items["next_cursor"].as_str().expect("cursor").to_owned();
    let rest = api.get_as(key, &format!("/api/articles?limit=2&cursor={next}")).await;
    assert_eq!(rest.slugs(), ["budget-row-deepens", "festival-returns"]);
    let one = api.get_as(key, "/api/articles/agency-exclusive").await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(one.json()["partner_only"], true);
    let ninjs = api.get_as(key, "/api/ninjs/articles/agency-exclusive").await;
    assert_eq!(ninjs.status, StatusCode::OK);
    assert!(
        ninjs.json()["usageTerms"].as_str().is_some_and(|t| t.starts_with("Partner-only")),
        "{}",
        ninjs.body
    );
    let feed = api.get_as(key, "/api/ninjs/articles?limit=1").await.json();
    assert_eq!(feed["associations"][0]["name"], EXCLUSIVE);
    // The scheme's name is case-insensitive (RFC 9110).
    let lower = api
        .get_with("/api/articles/agency-exclusive", &[("authorization", &format!("bearer {key}"))])
        .await;
    assert_eq!(lower.status, StatusCode::OK);
}

async fn bad_and_revoked_keys_are_refused_everywhere(db: &TestDb) {
    let api = with_exclusive(db).await;
    let (made, key) = api.newsroom.create_api_key("Valley Times").await.expect("key");
    let (_, other) = api.newsroom.create_api_key("Coast Radio").await.expect("key");
    let unknown = format!("lede_{}", "0".repeat(64));
    for (header_value, says) in [
        (format!("Bearer {unknown}"), "not known"),
        ("Bearer lede_short".to_owned(), "not known"),
        (format!("Basic {}", key.reveal()), "Bearer"),
        ("Bearer".to_owned(), "Bearer"),
    ] {
        let reply = api.get_with("/api/articles", &[("authorization", &header_value)]).await;
        let problem = reply.problem(StatusCode::UNAUTHORIZED);
        assert!(
            problem["detail"].as_str().is_some_and(|d| d.contains(says)),
            "{header_value}: {}",
            reply.body
        );
        assert!(reply.header(header::WWW_AUTHENTICATE).starts_with("Bearer"), "{header_value}");
    }
    assert_eq!(
        api.get_as(key.reveal(), "/api/articles/agency-exclusive").await.status,
        StatusCode::OK
    );
    api.newsroom.revoke_api_key(made.id).await.expect("revoke");
    for path in [
        "/api/articles",
        "/api/articles/agency-exclusive",
        "/api/articles/river-clean-up",
        "/api/authors",
        "/api/authors/maya-chen",
        "/api/sections",
        "/api/sections/news",
        "/api/tags",
        "/api/tags/river",
        "/api/ninjs/articles",
        "/api/ninjs/articles/river-clean-up",
    ] {
        let reply = api.get_as(key.reveal(), path).await;
        let problem = reply.problem(StatusCode::UNAUTHORIZED);
        assert!(
            problem["detail"].as_str().is_some_and(|d| d.contains("revoked")),
            "{path}: {}",
            reply.body
        );
    }
    assert_eq!(
        api.get_as(other.reveal(), "/api/articles/agency-exclusive").await.status,
        StatusCode::OK,
        "other partners' keys still work"
    );
    assert_eq!(api.get("/api/articles").await.status, StatusCode::OK, "the public needs no key");
}
