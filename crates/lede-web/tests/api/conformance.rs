//! The document and the server agree on every input, as a property-based tester
//! (schemathesis, `scripts/check-api.sh`) checks from outside: what the document allows is
//! answered, what it forbids is a 400 naming the parameter. Each case here is one that tester
//! found the two disagreeing on.

use crate::schemas::{errors, openapi_validator};
use crate::support::{Api, BASE, api};
use axum::http::StatusCode;
use lede_store::test_support::{NOW, TestDb, article};
use serde_json::Value;

lede_store::on_both_databases!(
    empty_parameters_are_problems_naming_them,
    cursors_of_the_documented_shape_are_positions,
    moments_the_document_allows_are_answered_and_no_others,
    urdu_slugs_match_the_document_and_links_are_uris,
    a_filter_naming_nothing_is_not_found,
);

async fn document(api: &Api) -> Value {
    api.get("/api/openapi.json").await.json()
}

/// `text` as it may stand in a query string (`+` and spaces escaped).
fn query(text: &str) -> String {
    text.replace('+', "%2B").replace(' ', "%20").replace('Ƈ', "%C6%87")
}

/// Whether `value` is valid against the document's schema at `pointer`.
fn documented(document: &Value, pointer: &str, value: &str) -> bool {
    errors(&openapi_validator(document, pointer), &Value::from(value)).is_empty()
}

/// An empty filter is a client's mistake: the document's schemas allow no empty value, and
/// the server used to answer `tag=` with the unfiltered list.
async fn empty_parameters_are_problems_naming_them(db: &TestDb) {
    let api = api(db).await;
    let document = document(&api).await;
    for (path, name, parameter) in [
        ("/api/articles", "tag", "Tag"),
        ("/api/articles", "section", "Section"),
        ("/api/articles", "author", "Author"),
        ("/api/articles", "published_since", "PublishedSince"),
        ("/api/articles", "published_before", "PublishedBefore"),
        ("/api/articles", "limit", "Limit"),
        ("/api/articles", "cursor", "ArticleCursor"),
        ("/api/authors", "limit", "Limit"),
        ("/api/authors", "cursor", "AuthorCursor"),
        ("/api/tags", "cursor", "TagCursor"),
        ("/api/ninjs/articles", "limit", "FeedLimit"),
    ] {
        let pointer = format!("/components/parameters/{parameter}/schema");
        assert!(!documented(&document, &pointer, ""), "{parameter} allows an empty value");
        let request = format!("{path}?{name}=");
        let reply = api.get(&request).await;
        let problem = reply.problem(StatusCode::BAD_REQUEST);
        assert_eq!(problem["field"], name, "{request}: {}", reply.body);
    }
}

/// A cursor is opaque but has a documented shape, and every string of that shape is a
/// position the list continues after; the server used to refuse most of them.
async fn cursors_of_the_documented_shape_are_positions(db: &TestDb) {
    let api = api(db).await;
    let document = document(&api).await;
    for (path, parameter, list) in [
        ("/api/articles", "ArticleCursor", "ArticleList"),
        ("/api/authors", "AuthorCursor", "AuthorList"),
        ("/api/tags", "TagCursor", "TagList"),
    ] {
        let pointer = format!("/components/parameters/{parameter}/schema");
        let given = api.get(&format!("{path}?limit=1")).await.json()["next_cursor"]
            .as_str()
            .expect("a cursor")
            .to_owned();
        assert!(documented(&document, &pointer, &given), "{path} gave {given} off its pattern");
        let list_schema = openapi_validator(&document, &format!("/components/schemas/{list}"));
        // Keep the leading characters (the kind); vary the rest over the whole alphabet.
        let kept = if parameter == "ArticleCursor" { 3 } else { 2 };
        let rest = given.len() - kept;
        for filler in ["A", "_", "-", "z", "9", "Zy_8-"] {
            let cursor = format!("{}{}", &given[..kept], &filler.repeat(rest)[..rest]);
            assert!(documented(&document, &pointer, &cursor), "{cursor} should be documented");
            let reply = api.get(&format!("{path}?cursor={cursor}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{path}?cursor={cursor}: {}", reply.body);
            assert_eq!(errors(&list_schema, &reply.json()), "", "{path}?cursor={cursor}");
        }
        // Off the pattern (another list's, too short, a character base64url lacks): refused.
        let foreign = if path == "/api/tags" { "dQAAAAAAAAAB" } else { "dAAAAAAAAAAB" };
        for cursor in [foreign, &given[..given.len() - 1], &format!("{}+", &given[1..])] {
            assert!(!documented(&document, &pointer, cursor), "{cursor} should not be documented");
            let request = format!("{path}?cursor={}", query(cursor));
            let reply = api.get(&request).await;
            assert_eq!(reply.problem(StatusCode::BAD_REQUEST)["field"], "cursor", "{request}");
        }
    }
}

/// `published_since` and `published_before` are what JSON Schema's `date-time` and `date`
/// formats accept; the document used to say only "a string", and the server refused
/// RFC 3339 forms such as a lowercase `t`, a leap second or a far offset.
async fn moments_the_document_allows_are_answered_and_no_others(db: &TestDb) {
    let api = api(db).await;
    let document = document(&api).await;
    let pointer = "/components/parameters/PublishedSince/schema";
    let list = openapi_validator(&document, "/components/schemas/ArticleList");
    for moment in [
        "2026-11-24",
        "2026-11-24T12:00:00Z",
        "2026-11-24t12:00:00z",
        "2026-11-24T12:00:00.123456789123+05:30",
        "2026-11-24T23:59:60Z",
        "2026-11-25T00:59:60+01:00",
        "9999-12-31T23:59:59-23:59",
        "0000-01-01T00:00:00+23:59",
    ] {
        assert!(documented(&document, pointer, moment), "{moment} should be documented");
        for name in ["published_since", "published_before"] {
            let request = format!("/api/articles?{name}={}", query(moment));
            let reply = api.get(&request).await;
            assert_eq!(reply.status, StatusCode::OK, "{request}: {}", reply.body);
            assert_eq!(errors(&list, &reply.json()), "", "{request}");
        }
    }
    for moment in [
        "2026-11-24 12:00:00Z",
        "2026-11-24T12:59:60Z",
        "+2026-11-24",
        "2026-02-29",
        "2026-11-24T12:00Z",
        "yesterday",
    ] {
        assert!(!documented(&document, pointer, moment), "{moment} should not be documented");
        let request = format!("/api/articles?published_since={}", query(moment));
        let reply = api.get(&request).await;
        assert_eq!(reply.problem(StatusCode::BAD_REQUEST)["field"], "published_since");
    }
}

/// Slugs take letters of any script; the document used to allow only ASCII, and the API's
/// own links to an Urdu article were not URIs (the slug was not percent-encoded).
async fn urdu_slugs_match_the_document_and_links_are_uris(db: &TestDb) {
    let api = api(db).await;
    let budget = lede_core::Slug::parse("بجٹ").expect("a slug");
    api.newsroom.save_tag(&budget, "بجٹ").await.expect("tag");
    let mut input = article("شہر-کا-بجٹ", "شہر کا بجٹ", "news", &["maya-chen"], &["بجٹ"], "بجٹ۔");
    input.language = "ur".into();
    let id = api.newsroom.save_article(None, input).await.expect("save");
    api.newsroom.publish_article(id, Some(NOW)).await.expect("publish");
    let document = document(&api).await;
    assert!(documented(&document, "/components/schemas/Slug", "شہر-کا-بجٹ"));
    for not_a_slug in ["Shehr", "شہر--بجٹ", "-شہر", "a_b", "a b", &"a".repeat(121)] {
        assert!(!documented(&document, "/components/schemas/Slug", not_a_slug), "{not_a_slug}");
    }
    // The pattern is Lede's rule exactly: every character of Unicode, tried inside a slug.
    let slug = openapi_validator(&document, "/components/schemas/Slug");
    let disagreements: Vec<String> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .filter(|c| {
            let text = format!("a{c}1");
            slug.is_valid(&Value::from(text.as_str())) != lede_core::Slug::parse(&text).is_ok()
        })
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(disagreements.is_empty(), "Slug and Slug::parse disagree: {disagreements:?}");
    let encoded = "%D8%B4%DB%81%D8%B1-%DA%A9%D8%A7-%D8%A8%D8%AC%D9%B9";
    let tag = "%D8%A8%D8%AC%D9%B9";
    for (request, schema) in [
        ("/api/articles?limit=1".to_owned(), "ArticleList"),
        (format!("/api/articles?tag={tag}&limit=1"), "ArticleList"),
        (format!("/api/articles/{encoded}"), "Article"),
        (format!("/api/tags/{tag}"), "Tag"),
    ] {
        let reply = api.get(&request).await;
        assert_eq!(reply.status, StatusCode::OK, "{request}: {}", reply.body);
        let validator = openapi_validator(&document, &format!("/components/schemas/{schema}"));
        assert_eq!(errors(&validator, &reply.json()), "", "{request}");
    }
    let one = api.get(&format!("/api/articles/{encoded}")).await.json();
    assert_eq!(one["api_url"], format!("{BASE}/api/articles/{encoded}"));
    assert_eq!(one["tags"][0]["api_url"], format!("{BASE}/api/tags/{tag}"));
    let tag = api.get(&format!("/api/tags/{tag}")).await.json();
    assert_eq!(tag["articles_url"], format!("{BASE}/api/articles?tag={}", "%D8%A8%D8%AC%D9%B9"));
}

/// `section=zero` is a well-formed slug, so the document allows it; the server used to call
/// it a bad request (400). The list it asks for does not exist, as `/api/sections/zero` does
/// not: 404, naming the filter. Text that is not a slug (`Ƈ`, which a request generator took
/// for a lowercase letter) names nothing either, and says so the same way.
async fn a_filter_naming_nothing_is_not_found(db: &TestDb) {
    let api = api(db).await;
    let document = document(&api).await;
    let documented_404 = &document["paths"]["/api/articles"]["get"]["responses"]["404"];
    assert!(documented_404.is_object(), "the list documents its 404");
    for (name, parameter) in [("section", "Section"), ("tag", "Tag"), ("author", "Author")] {
        let pointer = format!("/components/parameters/{parameter}/schema");
        for value in ["zero", "Ƈ", "Not A Slug", &"a".repeat(121)] {
            assert!(documented(&document, &pointer, value), "{parameter}: {value}");
            let reply = api.get(&format!("/api/articles?{name}={}", query(value))).await;
            let problem = reply.problem(StatusCode::NOT_FOUND);
            assert_eq!(problem["field"], name, "{}", reply.body);
            let detail = problem["detail"].as_str().unwrap_or_default();
            assert!(detail.contains(&format!("There is no {name} “{value}”")), "{detail}");
        }
    }
}
