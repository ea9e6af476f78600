//! `/api/authors`, `/api/sections`, `/api/tags`: the catalog around the articles.

use crate::support::{BASE, api};
use axum::http::StatusCode;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    authors_page_by_cursor_and_show_one,
    sections_name_their_parents,
    tags_page_by_cursor_and_link_to_their_articles,
);

async fn authors_page_by_cursor_and_show_one(db: &TestDb) {
    let api = api(db).await;
    let first = api.get("/api/authors?limit=1").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.slugs(), ["maya-chen"]);
    let next = first.json()["next"].as_str().expect("next").to_owned();
    let second = api.get(next.strip_prefix(BASE).expect("absolute")).await;
    assert_eq!(second.slugs(), ["jonas-berg"]);
    assert_eq!(second.json()["next"], serde_json::Value::Null);
    assert_eq!(api.get("/api/authors").await.slugs(), ["maya-chen", "jonas-berg"]);
    let maya = api.get("/api/authors/maya-chen").await.json();
    assert_eq!(maya["name"], "Maya Chen");
    assert_eq!(maya["bio"], "Maya Chen writes about the city.");
    assert_eq!(maya["website"], "https://maya.example.com");
    assert_eq!(maya["avatar"], serde_json::Value::Null);
    assert_eq!(maya["url"], format!("{BASE}/author/maya-chen"));
    let articles = maya["articles_url"].as_str().expect("articles_url");
    let by_maya = api.get(articles.strip_prefix(BASE).expect("absolute")).await;
    assert_eq!(by_maya.slugs().len(), 4);
    api.get("/api/authors?cursor=nope").await.problem(StatusCode::BAD_REQUEST);
}

async fn sections_name_their_parents(db: &TestDb) {
    let api = api(db).await;
    let list = api.get("/api/sections").await;
    assert_eq!(list.slugs(), ["news", "politics", "culture"], "menu order");
    let sections = list.json();
    let parents: Vec<_> =
        sections["items"].as_array().expect("items").iter().map(|s| s["parent"].as_str()).collect();
    assert_eq!(parents, [None, Some("news"), None]);
    let politics = api.get("/api/sections/politics").await.json();
    assert_eq!(politics["name"], "Politics");
    assert_eq!(politics["description"], "Politics from Northbridge.");
    assert_eq!(politics["parent"], "news");
    assert_eq!(politics["articles_url"], format!("{BASE}/api/articles?section=politics"));
    api.get("/api/sections?limit=1").await.problem(StatusCode::BAD_REQUEST);
}

async fn tags_page_by_cursor_and_link_to_their_articles(db: &TestDb) {
    let api = api(db).await;
    let first = api.get("/api/tags?limit=2").await;
    assert_eq!(first.slugs(), ["river", "budget"]);
    let cursor = first.json()["next_cursor"].as_str().expect("cursor").to_owned();
    let rest = api.get(&format!("/api/tags?limit=2&cursor={cursor}")).await;
    assert_eq!(rest.slugs(), ["music"]);
    assert_eq!(rest.json()["next_cursor"], serde_json::Value::Null);
    let music = api.get("/api/tags/music").await.json();
    assert_eq!(music["name"], "Music");
    assert_eq!(music["url"], format!("{BASE}/tag/music"));
    let articles = music["articles_url"].as_str().expect("articles_url");
    let tagged = api.get(articles.strip_prefix(BASE).expect("absolute")).await;
    assert_eq!(tagged.slugs(), ["festival-returns"]);
}
