//! IPTC ninjs 3.0: every article, and the feed of the latest, valid against IPTC's schema,
//! saying what the article says.

use crate::schemas::{errors, ninjs_schema, ninjs_validator, openapi_validator};
use crate::support::{BASE, api};
use axum::http::StatusCode;
use lede_core::content::{ArticleInput, FeaturedImage};
use lede_store::test_support::{TestDb, article};
use serde_json::Value;

lede_store::on_both_databases!(
    every_article_and_the_feed_are_valid_ninjs_3,
    an_item_says_what_the_article_says,
    the_uri_survives_a_change_of_slug,
);

/// An article with everything ninjs can carry from Lede: a picture, several tags, two
/// authors, a right-to-left language.
fn illustrated() -> ArticleInput {
    let mut input = article(
        "saltmarsh-barrier-opens",
        "سالٹ مارش کا سیلابی بند کھل گیا",
        "politics",
        &["maya-chen", "jonas-berg"],
        &["river", "budget"],
        "دریا کے کنارے نیا **بند** کھل گیا۔",
    );
    input.language = "ur".into();
    input.featured_image = Some(FeaturedImage {
        src: "/media/demo/barrier.svg".into(),
        alt: "The new barrier at dusk".into(),
        caption: "The barrier on its first night.".into(),
        credit: "Northbridge Courier".into(),
        decorative: false,
    });
    input
}

async fn every_article_and_the_feed_are_valid_ninjs_3(db: &TestDb) {
    let api = api(db).await;
    let id = api.newsroom.save_article(None, illustrated()).await.expect("save");
    api.newsroom.publish_article(id, None).await.expect("publish");
    let validator = ninjs_validator();
    let feed = api.get("/api/ninjs/articles?limit=50").await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.body);
    let feed = feed.json();
    assert_eq!(errors(&validator, &feed), "", "the feed is a valid ninjs package");
    // And valid against the copy the OpenAPI document bundles, with nothing fetched.
    let document = api.get("/api/openapi.json").await.json();
    let bundled = openapi_validator(&document, "/components/schemas/Ninjs");
    assert_eq!(errors(&bundled, &feed), "", "the feed against the document's Ninjs");
    assert_eq!(feed["type"], "composite");
    let items = feed["associations"].as_array().expect("associations");
    let names: Vec<_> = items.iter().map(|a| a["name"].as_str().expect("name")).collect();
    assert_eq!(names.len(), 7, "every published article: {names:?}");
    assert_eq!(names[0], "saltmarsh-barrier-opens", "newest first");
    for name in names {
        let item = api.get(&format!("/api/ninjs/articles/{name}")).await;
        assert_eq!(item.status, StatusCode::OK, "{name}");
        let item = item.json();
        assert_eq!(errors(&validator, &item), "", "{name}");
        assert_eq!(item["representationType"], "full");
        let (first, version) = (&item["firstCreated"], &item["versionCreated"]);
        assert!(
            first.as_str() <= version.as_str(),
            "{name}: first created {first} after this version {version}"
        );
    }
    // The validator is not a formality: it refuses an item without its one required field,
    // and one with a field ninjs does not define.
    let mut broken: Value = api.get("/api/ninjs/articles/flood-barrier-plan").await.json();
    broken.as_object_mut().expect("object").remove("uri");
    assert!(!errors(&validator, &broken).is_empty());
    let mut extra: Value = api.get("/api/ninjs/articles/flood-barrier-plan").await.json();
    extra["headline"] = Value::from("not a ninjs field");
    assert!(!errors(&validator, &extra).is_empty());
    let limited = api.get("/api/ninjs/articles?limit=2").await.json();
    assert_eq!(limited["associations"].as_array().map(Vec::len), Some(2));
    api.get("/api/ninjs/articles?limit=51").await.problem(StatusCode::BAD_REQUEST);
}

async fn an_item_says_what_the_article_says(db: &TestDb) {
    let api = api(db).await;
    let id = api.newsroom.save_article(None, illustrated()).await.expect("save");
    api.newsroom.publish_article(id, None).await.expect("publish");
    let item = api.get("/api/ninjs/articles/saltmarsh-barrier-opens").await.json();
    assert!(
        item["uri"].as_str().is_some_and(|u| u.starts_with("tag:news.example,2026-11-28:article:")),
        "{}",
        item["uri"]
    );
    assert_eq!(item["type"], "text");
    assert_eq!(item["profile"], "text-photo");
    assert_eq!(item["pubStatus"], "usable");
    assert_eq!(item["language"], "ur");
    assert_eq!(item["versionCreated"], "2026-11-28T12:00:00Z");
    assert_eq!(item["copyrightHolder"], "Northbridge Test");
    assert_eq!(item["headlines"][0]["value"], "سالٹ مارش کا سیلابی بند کھل گیا");
    assert_eq!(item["descriptions"][0]["value"], "Standfirst of سالٹ مارش کا سیلابی بند کھل گیا.");
    assert_eq!(item["bodies"][0]["contentType"], "text/html");
    assert!(
        item["bodies"][0]["value"].as_str().is_some_and(|b| b.contains("<strong>بند</strong>")),
        "{}",
        item["bodies"][0]
    );
    assert_eq!(item["by"], "Maya Chen and Jonas Berg");
    assert_eq!(item["people"][1]["uri"], format!("{BASE}/author/jonas-berg"));
    let subjects: Vec<_> = item["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .map(|s| (s["rel"].as_str().expect("rel"), s["literal"].as_str().expect("literal")))
        .collect();
    assert_eq!(subjects, [("section", "politics"), ("tag", "budget"), ("tag", "river")]);
    assert_eq!(item["renditions"][0]["href"], format!("{BASE}/articles/saltmarsh-barrier-opens"));
    let picture = &item["associations"][0];
    assert_eq!(picture["name"], "featuremedia");
    assert_eq!(picture["type"], "picture");
    assert_eq!(picture["uri"], format!("{BASE}/media/demo/barrier.svg"));
    assert_eq!(picture["by"], "Northbridge Courier");
    assert_eq!(picture["renditions"][0]["contentType"], "image/svg+xml");
    assert_eq!(picture["descriptions"][1]["value"], "The new barrier at dusk");
    let plain = api.get("/api/ninjs/articles/flood-barrier-plan").await.json();
    assert_eq!(plain["profile"], "text-only");
    assert_eq!(plain["bodies"][0]["wordCount"], 260);
    assert!(plain.get("associations").is_none(), "no picture, no association");
}

async fn the_uri_survives_a_change_of_slug(db: &TestDb) {
    let api = api(db).await;
    let before = api.get("/api/ninjs/articles/festival-returns").await.json();
    let (id, _) = api
        .newsroom
        .store()
        .article_state("festival-returns")
        .await
        .expect("query")
        .expect("article");
    let renamed = article(
        "festival-is-back",
        "Music festival is back at Old Quay",
        "culture",
        &["jonas-berg"],
        &["music"],
        "Bands.",
    );
    api.newsroom.save_article(Some(id), renamed).await.expect("rename");
    let after = api.get("/api/ninjs/articles/festival-is-back").await.json();
    assert_eq!(after["uri"], before["uri"], "partners see the same story");
    assert_ne!(after["version"], before["version"], "in a new version");
    assert_eq!(after["headlines"][0]["value"], "Music festival is back at Old Quay");
    api.get("/api/ninjs/articles/festival-returns").await.problem(StatusCode::NOT_FOUND);
}

/// The OpenAPI document bundles IPTC's ninjs schema from a copy in the repository: it is
/// IPTC's published schema, unchanged.
#[test]
fn the_bundled_ninjs_schema_is_iptcs_unchanged() {
    let copy = include_str!("../../src/api/ninjs/ninjs-schema_3.0.json");
    let copy: Value = serde_json::from_str(copy).expect("the copy is JSON");
    assert_eq!(copy, ninjs_schema(), "src/api/ninjs/ninjs-schema_3.0.json differs from IPTC's");
}
