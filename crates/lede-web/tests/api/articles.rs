//! `/api/articles`: lists, filters, cursor pages, one article, ETags and problem details.

use crate::support::{BASE, api};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    lists_published_articles_newest_first_with_absolute_links,
    filters_narrow_the_list,
    cursor_pages_stay_stable_while_articles_are_published,
    bad_parameters_are_problems_naming_the_parameter,
    one_article_in_full,
    every_answer_has_an_etag_and_if_none_match_gets_304,
    errors_are_problem_details_under_api_and_pages_elsewhere,
);

const ALL: [&str; 6] = [
    "river-clean-up",
    "budget-row-deepens",
    "festival-returns",
    "flood-barrier-plan",
    "budget-vote-passes",
    "river-floods-saltmarsh",
];

async fn lists_published_articles_newest_first_with_absolute_links(db: &TestDb) {
    let api = api(db).await;
    let reply = api.get("/api/articles").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json");
    assert_eq!(reply.slugs(), ALL, "no draft, newest first");
    let list = reply.json();
    assert_eq!(list["next_cursor"], serde_json::Value::Null);
    assert_eq!(list["next"], serde_json::Value::Null);
    let barrier = &list["items"][3];
    assert_eq!(barrier["url"], format!("{BASE}/articles/flood-barrier-plan"));
    assert_eq!(barrier["api_url"], format!("{BASE}/api/articles/flood-barrier-plan"));
    assert_eq!(barrier["headline"], "Flood barrier plan for Saltmarsh");
    assert_eq!(barrier["published_at"], "2026-11-24T12:00:00Z");
    assert_eq!(barrier["language"], "en");
    assert_eq!(barrier["direction"], "ltr");
    assert_eq!(barrier["partner_only"], false);
    assert_eq!(barrier["section"]["slug"], "news");
    assert_eq!(barrier["section"]["url"], format!("{BASE}/section/news"));
    assert_eq!(barrier["section"]["api_url"], format!("{BASE}/api/sections/news"));
    let authors: Vec<_> = barrier["authors"]
        .as_array()
        .expect("authors")
        .iter()
        .map(|a| a["name"].as_str().expect("name"))
        .collect();
    assert_eq!(authors, ["Maya Chen", "Jonas Berg"], "byline order");
    assert!(barrier.get("body_html").is_none(), "lists carry no bodies");
}

async fn filters_narrow_the_list(db: &TestDb) {
    let api = api(db).await;
    for (query, expected) in [
        (
            "section=news",
            vec![
                "river-clean-up",
                "budget-row-deepens",
                "flood-barrier-plan",
                "budget-vote-passes",
                "river-floods-saltmarsh",
            ],
        ),
        ("section=politics", vec!["budget-row-deepens", "budget-vote-passes"]),
        ("tag=river", vec!["river-clean-up", "flood-barrier-plan", "river-floods-saltmarsh"]),
        ("author=jonas-berg", vec!["river-clean-up", "festival-returns", "flood-barrier-plan"]),
        ("section=news&author=jonas-berg", vec!["river-clean-up", "flood-barrier-plan"]),
        (
            "published_since=2026-11-25&published_before=2026-11-27",
            vec!["budget-row-deepens", "festival-returns"],
        ),
        ("published_since=2026-11-26T12:00:00Z", vec!["river-clean-up", "budget-row-deepens"]),
        (
            "published_before=2026-11-24T14:00:00%2B02:00",
            vec!["budget-vote-passes", "river-floods-saltmarsh"],
        ),
        ("tag=music&author=maya-chen", vec![]),
    ] {
        let reply = api.get(&format!("/api/articles?{query}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}: {}", reply.body);
        assert_eq!(reply.slugs(), expected, "{query}");
    }
}

/// Follows `next` (an absolute URL) as a client would.
fn path_of(next: &serde_json::Value) -> String {
    next.as_str()
        .expect("a next link")
        .strip_prefix(BASE)
        .expect("absolute, on this site")
        .to_owned()
}

async fn cursor_pages_stay_stable_while_articles_are_published(db: &TestDb) {
    let api = api(db).await;
    let first = api.get("/api/articles?limit=2").await;
    assert_eq!(first.slugs(), ALL[..2]);
    let first = first.json();
    let cursor = first["next_cursor"].as_str().expect("a cursor").to_owned();
    assert_eq!(first["next"], format!("{BASE}/api/articles?limit=2&cursor={cursor}"));
    // Newer articles arrive while the client reads; its pages neither repeat nor skip.
    api.publish("breaking-news", 30, false).await;
    api.publish("more-breaking-news", 10, false).await;
    let mut seen = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["slug"].as_str().expect("slug").to_owned())
        .collect::<Vec<_>>();
    let mut next = first["next"].clone();
    while !next.is_null() {
        let page = api.get(&path_of(&next)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        seen.extend(page.slugs());
        next = page.json()["next"].clone();
        assert!(seen.len() <= ALL.len(), "pages repeat: {seen:?}");
    }
    assert_eq!(seen, ALL);
    // The same cursor given again answers the same page: cursors are positions, not sessions.
    let again = api.get(&format!("/api/articles?limit=2&cursor={cursor}")).await;
    assert_eq!(again.slugs(), ALL[2..4]);
    // Filters travel in `next`.
    let tagged = api.get("/api/articles?tag=river&limit=1").await;
    assert_eq!(tagged.slugs(), ["more-breaking-news"]);
    let next = path_of(&tagged.json()["next"]);
    assert!(next.contains("tag=river"), "{next}");
    let rest = api.get(&next).await;
    assert_eq!(rest.slugs(), ["breaking-news"]);
    let rest = api.get(&path_of(&rest.json()["next"])).await;
    assert_eq!(rest.slugs(), ["river-clean-up"], "festival-returns has no river tag");
    let fresh = api.get("/api/articles?limit=2").await;
    assert_eq!(fresh.slugs(), ["more-breaking-news", "breaking-news"]);
}

async fn bad_parameters_are_problems_naming_the_parameter(db: &TestDb) {
    let api = api(db).await;
    let tag_cursor = api.get("/api/tags?limit=1").await.json()["next_cursor"]
        .as_str()
        .expect("a tag cursor")
        .to_owned();
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("cursor=not-a-cursor", "cursor"),
        (&format!("cursor={tag_cursor}"), "cursor"),
        ("published_since=yesterday", "published_since"),
        ("published_before=2026-02-30", "published_before"),
    ] {
        let reply = api.get(&format!("/api/articles?{query}")).await;
        let problem = reply.problem(StatusCode::BAD_REQUEST);
        assert_eq!(problem["field"], field, "{query}: {}", reply.body);
        assert_eq!(problem["instance"], "/api/articles");
    }
    // Names of nothing (a slug nothing has, or text that is no slug): that list does not
    // exist (404), naming the filter.
    for (query, field) in
        [("section=nowhere", "section"), ("author=nobody", "author"), ("tag=Not%20A%20Slug", "tag")]
    {
        let reply = api.get(&format!("/api/articles?{query}")).await;
        assert_eq!(reply.problem(StatusCode::NOT_FOUND)["field"], field, "{query}");
    }
    let typo = api.get("/api/articles?sectoin=news").await;
    let problem = typo.problem(StatusCode::BAD_REQUEST);
    assert!(problem["detail"].as_str().is_some_and(|d| d.contains("sectoin")), "{}", typo.body);
}

async fn one_article_in_full(db: &TestDb) {
    let api = api(db).await;
    let reply = api.get("/api/articles/flood-barrier-plan").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let article = reply.json();
    assert_eq!(article["headline"], "Flood barrier plan for Saltmarsh");
    assert_eq!(article["standfirst"], "Standfirst of Flood barrier plan for Saltmarsh.");
    assert!(
        article["body_html"].as_str().is_some_and(|b| b.starts_with("<p>The river rose")),
        "{}",
        article["body_html"]
    );
    assert_eq!(article["word_count"], 260);
    assert_eq!(article["reading_minutes"], 2);
    assert_eq!(article["ninjs_url"], format!("{BASE}/api/ninjs/articles/flood-barrier-plan"));
    assert_eq!(article["tags"][0]["slug"], "river");
    assert_eq!(article["authors"][0]["website"], "https://maya.example.com");
    assert_eq!(article["authors"][0]["bio"], "Maya Chen writes about the city.");
    assert_eq!(article["authors"][1]["website"], serde_json::Value::Null);
    assert_eq!(
        article["authors"][1]["articles_url"],
        format!("{BASE}/api/articles?author=jonas-berg")
    );
}

async fn every_answer_has_an_etag_and_if_none_match_gets_304(db: &TestDb) {
    let api = api(db).await;
    for path in [
        "/api/articles",
        "/api/articles/flood-barrier-plan",
        "/api/authors",
        "/api/sections/news",
        "/api/tags",
        "/api/ninjs/articles",
        "/api/openapi.json",
    ] {
        let first = api.get(path).await;
        let etag = first.header(header::ETAG).to_owned();
        assert!(etag.starts_with("W/\""), "{path}: {etag:?}");
        assert_eq!(first.header(header::CACHE_CONTROL), "public, max-age=60");
        assert_eq!(
            api.get(path).await.header(header::ETAG),
            etag,
            "{path}: the same content has the same tag"
        );
        let cached = api.get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(cached.body, "", "{path}: a 304 has no body");
        assert_eq!(cached.header(header::ETAG), etag);
        let listed = format!("W/\"0000\", {}", etag.trim_start_matches("W/"));
        let cached = api.get_with(path, &[("if-none-match", &listed)]).await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED, "{path}: {listed}");
        let stale = api.get_with(path, &[("if-none-match", "W/\"0000\"")]).await;
        assert_eq!(stale.status, StatusCode::OK, "{path}");
        let head = api.send(Request::head(path).body(Body::empty()).expect("request")).await;
        assert_eq!(
            (head.status, head.header(header::ETAG), head.body.as_str()),
            (StatusCode::OK, etag.as_str(), ""),
            "{path}: HEAD"
        );
    }
    // A change makes the old tag stale.
    let before = api.get("/api/articles").await.header(header::ETAG).to_owned();
    api.publish("fresh-story", 5, false).await;
    let after = api.get_with("/api/articles", &[("if-none-match", &before)]).await;
    assert_eq!(after.status, StatusCode::OK);
    assert_ne!(after.header(header::ETAG), before);
    assert_eq!(after.slugs()[0], "fresh-story");
}

async fn errors_are_problem_details_under_api_and_pages_elsewhere(db: &TestDb) {
    let api = api(db).await;
    for path in [
        "/api/articles/secret-draft",
        "/api/articles/no-such-story",
        "/api/authors/nobody",
        "/api/sections/nowhere",
        "/api/tags/nothing",
        "/api/ninjs/articles/secret-draft",
        "/api/nothing-here",
        "/api",
    ] {
        let reply = api.get(path).await;
        let problem = reply.problem(StatusCode::NOT_FOUND);
        assert_eq!(problem["title"], "Not Found", "{path}");
        assert_eq!(problem["type"], "about:blank");
        assert_eq!(problem["instance"], path);
        assert!(reply.header(header::ETAG).is_empty(), "{path}: errors carry no ETag");
    }
    let post =
        api.send(Request::post("/api/articles").body(Body::from("{}")).expect("request")).await;
    post.problem(StatusCode::METHOD_NOT_ALLOWED);
    assert!(post.header(header::ALLOW).contains("GET"), "{:?}", post.headers);
    for path in ["/articles/no-such-story", "/no-such-page"] {
        let page = api.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            page.header(header::CONTENT_TYPE).starts_with("text/html"),
            "{path}: readers still get pages"
        );
        assert!(page.body.contains("Page not found"), "{path}");
    }
}
