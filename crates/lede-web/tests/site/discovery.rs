//! How the site is found: search, feeds, sitemaps, robots.txt, structured data and social
//! cards, each parsed the way its consumers parse it.

use crate::support::{settings, site, site_with};
use axum::http::{StatusCode, header};
use lede_store::test_support::{NOW, TestDb, article, load_fixture};

lede_store::on_both_databases!(
    every_page_has_a_search_form_that_leads_to_results,
    search_results_highlight_and_filter,
    search_json_answers_the_same,
    feeds_parse_in_every_format_for_every_scope,
    feeds_can_carry_summaries_only,
    pages_announce_their_feeds,
    sitemaps_list_every_public_page,
    news_sitemap_holds_the_last_two_days,
    robots_txt_names_the_sitemap,
    article_pages_carry_news_article_json_ld_and_social_cards,
    json_ld_cannot_be_broken_out_of,
    author_pages_carry_a_profile_page,
);

async fn every_page_has_a_search_form_that_leads_to_results(db: &TestDb) {
    let site = site(db).await;
    for path in ["/", "/articles/flood-barrier-plan", "/section/news", "/author/maya-chen", "/nope"]
    {
        let page = site.get(path).await;
        assert_eq!(page.attr("form[role=search]", "action"), "/search", "{path}");
        assert_eq!(page.count("form[role=search] input[name=q]"), 1, "{path}");
    }
}

async fn search_results_highlight_and_filter(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/search?q=flooding").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text(".result-count"), "3 articles found");
    assert_eq!(page.count(".search-result"), 3);
    assert!(page.count(".search-result .snippet mark") >= 3, "matches are highlighted");
    let politics = site.get("/search?q=council&section=politics").await;
    assert_eq!(politics.texts(".search-result .card-title").len(), 2);
    assert_eq!(
        politics.attr("#search-section option[selected]", "value"),
        "politics",
        "the filter is kept"
    );
    let dated = site.get("/search?q=river&from=2026-11-27&to=2026-11-28").await;
    assert_eq!(dated.texts(".search-result .card-title"), ["Volunteers clean up the river banks"]);
    let none = site.get("/search?q=zebra").await;
    assert_eq!(none.text(".result-count"), "0 articles found");
    assert!(none.text(".empty").contains("Nothing matched"));
    let bad = site.get("/search?q=river&from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text("main").contains("is not a date"));
    assert_eq!(site.get("/search?q=river&section=nowhere").await.status, StatusCode::BAD_REQUEST);
    let empty = site.get("/search").await;
    assert_eq!((empty.status, empty.count(".result-count")), (StatusCode::OK, 0), "the bare form");
    let evil = site.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(!evil.body.contains("<script>alert"), "the query is escaped");
}

async fn search_json_answers_the_same(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/search.json?q=flooding").await;
    assert!(
        page.headers[header::CONTENT_TYPE].to_str().unwrap_or("").starts_with("application/json")
    );
    let json: serde_json::Value = serde_json::from_str(&page.body).expect("JSON");
    assert_eq!(json["total"], 3);
    assert_eq!(json["results"].as_array().map(Vec::len), Some(3));
    let first = &json["results"][0];
    assert!(first["url"].as_str().unwrap_or("").starts_with("http://127.0.0.1:8080/articles/"));
    assert!(first["snippet_html"].as_str().unwrap_or("").contains("<mark>"));
    assert_eq!(site.get("/search.json?q=x&page=9").await.status, StatusCode::NOT_FOUND);
}

async fn feeds_parse_in_every_format_for_every_scope(db: &TestDb) {
    let site = site(db).await;
    let scopes = [("", 6), ("/section/news", 5), ("/tag/river", 3), ("/author/jonas-berg", 3)];
    for (scope, count) in scopes {
        for (file, mime) in [
            ("rss.xml", "application/rss+xml"),
            ("atom.xml", "application/atom+xml"),
            ("feed.json", "application/feed+json"),
        ] {
            let path = format!("{scope}/{file}");
            let page = site.get(&path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(
                page.headers[header::CONTENT_TYPE].to_str().unwrap_or("").starts_with(mime),
                "{path}"
            );
            let feed = feed_rs::parser::parse(page.body.as_bytes())
                .unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
            assert_eq!(feed.entries.len(), count, "{path}");
            let first = &feed.entries[0];
            let title = first.title.as_ref().map(|t| t.content.clone()).unwrap_or_default();
            let url = first.links.first().map(|l| l.href.clone()).unwrap_or_default();
            assert!(
                url.starts_with("http://127.0.0.1:8080/articles/"),
                "{path}: absolute links, got {url}"
            );
            assert!(first.published.is_some(), "{path}: dates");
            assert!(!first.authors.is_empty() || file == "rss.xml", "{path}: authors");
            if scope.is_empty() {
                assert_eq!(title, "Volunteers clean up the river banks", "{path}: newest first");
                assert_eq!(
                    first.published.map(|d| d.timestamp()),
                    Some((NOW - time::Duration::days(1)).unix_timestamp()),
                    "{path}"
                );
            }
            if file != "feed.json" {
                let categories: Vec<_> = first
                    .categories
                    .iter()
                    .map(|c| c.label.clone().unwrap_or(c.term.clone()))
                    .collect();
                assert!(!categories.is_empty(), "{path}: categories");
            }
            let content = first.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
            assert!(content.contains("<p>"), "{path}: full text by default");
        }
    }
    let rss = site.get("/rss.xml").await.body;
    assert!(
        rss.contains("<dc:creator>Jonas Berg</dc:creator>"),
        "RSS names authors with dc:creator"
    );
    assert_eq!(site.get("/section/nowhere/rss.xml").await.status, StatusCode::NOT_FOUND);
    assert_eq!(site.get("/section/news/feed.xml").await.status, StatusCode::NOT_FOUND);
}

async fn feeds_can_carry_summaries_only(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let site =
        site_with(db, newsroom, lede_web::SiteSettings { feed_full_content: false, ..settings() })
            .await;
    for file in ["/rss.xml", "/atom.xml", "/feed.json"] {
        let feed = feed_rs::parser::parse(site.get(file).await.body.as_bytes()).expect("parses");
        let first = &feed.entries[0];
        assert!(
            first.content.as_ref().and_then(|c| c.body.as_ref()).is_none_or(|b| !b.contains("<p>")),
            "{file} carries no body"
        );
        let summary = first.summary.as_ref().map(|s| s.content.clone()).unwrap_or_default();
        assert_eq!(summary, "Standfirst of Volunteers clean up the river banks.", "{file}");
    }
}

async fn pages_announce_their_feeds(db: &TestDb) {
    let site = site(db).await;
    let cases = [
        ("/", vec!["/rss.xml", "/atom.xml", "/feed.json"]),
        (
            "/section/news",
            vec![
                "/rss.xml",
                "/atom.xml",
                "/feed.json",
                "/section/news/rss.xml",
                "/section/news/atom.xml",
                "/section/news/feed.json",
            ],
        ),
        (
            "/tag/river",
            vec![
                "/rss.xml",
                "/atom.xml",
                "/feed.json",
                "/tag/river/rss.xml",
                "/tag/river/atom.xml",
                "/tag/river/feed.json",
            ],
        ),
        (
            "/author/maya-chen",
            vec![
                "/rss.xml",
                "/atom.xml",
                "/feed.json",
                "/author/maya-chen/rss.xml",
                "/author/maya-chen/atom.xml",
                "/author/maya-chen/feed.json",
            ],
        ),
    ];
    for (path, feeds) in cases {
        let page = site.get(path).await;
        assert_eq!(page.attrs("link[rel=alternate]", "href"), feeds, "{path}");
        for feed in feeds {
            assert_eq!(site.get(feed).await.status, StatusCode::OK, "{feed} announced on {path}");
        }
    }
}

fn xml_locs(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("url") || n.has_tag_name("sitemap"))
        .map(|n| {
            let child = |name: &str| {
                n.children()
                    .find(|c| c.tag_name().name() == name)
                    .and_then(|c| c.text())
                    .map(str::to_owned)
            };
            (child("loc").unwrap_or_default(), child("lastmod"))
        })
        .collect()
}

async fn sitemaps_list_every_public_page(db: &TestDb) {
    let site = site(db).await;
    let index = site.get("/sitemap.xml").await;
    assert!(
        index.headers[header::CONTENT_TYPE].to_str().unwrap_or("").starts_with("application/xml")
    );
    let doc = roxmltree::Document::parse(&index.body).expect("XML");
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let sitemaps: Vec<String> = xml_locs(&index.body).into_iter().map(|(loc, _)| loc).collect();
    let base = "http://127.0.0.1:8080/sitemaps/";
    assert_eq!(
        sitemaps,
        ["articles-1", "news", "sections", "tags", "authors", "pages"]
            .map(|n| format!("{base}{n}.xml"))
    );
    let articles = xml_locs(&site.get("/sitemaps/articles-1.xml").await.body);
    assert_eq!(articles.len(), 6, "every published article, no draft");
    assert!(
        articles.iter().all(|(loc, lastmod)| loc.starts_with("http://127.0.0.1:8080/articles/")
            && lastmod.is_some())
    );
    assert!(!articles.iter().any(|(loc, _)| loc.contains("secret-draft")));
    let sections = xml_locs(&site.get("/sitemaps/sections.xml").await.body);
    let section_locs: Vec<_> = sections.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        section_locs,
        [
            "http://127.0.0.1:8080/section/culture",
            "http://127.0.0.1:8080/section/news",
            "http://127.0.0.1:8080/section/politics"
        ]
    );
    assert_eq!(
        sections[1].1.as_deref(),
        Some("2026-11-27T12:00:00Z"),
        "lastmod is the newest article's"
    );
    assert_eq!(xml_locs(&site.get("/sitemaps/tags.xml").await.body).len(), 3);
    assert_eq!(xml_locs(&site.get("/sitemaps/authors.xml").await.body).len(), 2);
    assert_eq!(
        xml_locs(&site.get("/sitemaps/pages.xml").await.body)[0].0,
        "http://127.0.0.1:8080/"
    );
    for missing in [
        "/sitemaps/articles-2.xml",
        "/sitemaps/articles-0.xml",
        "/sitemaps/other.xml",
        "/sitemaps/tags",
    ] {
        assert_eq!(site.get(missing).await.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

async fn news_sitemap_holds_the_last_two_days(db: &TestDb) {
    let site = site(db).await;
    let body = site.get("/sitemaps/news.xml").await.body;
    let doc = roxmltree::Document::parse(&body).expect("XML");
    let news_ns = "http://www.google.com/schemas/sitemap-news/0.9";
    let titles: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "title" && n.tag_name().namespace() == Some(news_ns))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        titles,
        ["Volunteers clean up the river banks", "Budget row deepens over libraries"],
        "published in the last 48 hours"
    );
    let names: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "name")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(names, ["Northbridge Test", "Northbridge Test"]);
    assert!(body.contains("<news:publication_date>2026-11-27T12:00:00Z</news:publication_date>"));
    assert!(body.contains("<news:language>en</news:language>"));
}

async fn robots_txt_names_the_sitemap(db: &TestDb) {
    let site = site(db).await;
    let robots = site.get("/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(
        robots.body.lines().any(|l| l == "Sitemap: http://127.0.0.1:8080/sitemap.xml"),
        "{}",
        robots.body
    );
    assert!(robots.body.contains("User-agent: *"));
}

/// The JSON-LD documents of a page, parsed.
fn json_ld(page: &crate::support::Page) -> Vec<serde_json::Value> {
    let html = page.html();
    let selector =
        scraper::Selector::parse("script[type='application/ld+json']").expect("selector");
    html.select(&selector)
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD is JSON"))
        .collect()
}

fn meta(page: &crate::support::Page, key: &str) -> Vec<String> {
    let mut values = page.attrs(&format!("meta[property='{key}']"), "content");
    values.extend(page.attrs(&format!("meta[name='{key}']"), "content"));
    values
}

async fn article_pages_carry_news_article_json_ld_and_social_cards(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/articles/flood-barrier-plan").await;
    let url = "http://127.0.0.1:8080/articles/flood-barrier-plan";
    assert_eq!(page.attr("link[rel=canonical]", "href"), url);
    let docs = json_ld(&page);
    let news = docs.iter().find(|d| d["@type"] == "NewsArticle").expect("a NewsArticle");
    assert_eq!(news["@context"], "https://schema.org");
    assert_eq!(news["headline"], "Flood barrier plan for Saltmarsh");
    assert_eq!(news["description"], "Standfirst of Flood barrier plan for Saltmarsh.");
    assert_eq!(news["datePublished"], "2026-11-24T12:00:00Z");
    assert!(news["dateModified"].is_string());
    assert_eq!(news["author"][0]["@type"], "Person");
    assert_eq!(news["author"][0]["name"], "Maya Chen");
    assert_eq!(news["author"][0]["url"], "http://127.0.0.1:8080/author/maya-chen");
    assert_eq!(news["author"][1]["name"], "Jonas Berg");
    assert_eq!(news["publisher"]["@type"], "NewsMediaOrganization");
    assert_eq!(news["publisher"]["name"], "Northbridge Test");
    assert!(
        news["publisher"]["logo"]["url"]
            .as_str()
            .unwrap_or("")
            .starts_with("http://127.0.0.1:8080/static/")
    );
    assert_eq!(news["mainEntityOfPage"]["@id"], url);
    assert_eq!(news["articleSection"], "News");
    assert_eq!(news["keywords"], serde_json::json!(["River"]));
    assert_eq!(news["inLanguage"], "en");
    let crumbs = docs.iter().find(|d| d["@type"] == "BreadcrumbList").expect("breadcrumbs");
    let names: Vec<_> = crumbs["itemListElement"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["name"].clone())
        .collect();
    assert_eq!(names, ["Northbridge Test", "News", "Flood barrier plan for Saltmarsh"]);
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:title"), ["Flood barrier plan for Saltmarsh"]);
    assert_eq!(meta(&page, "og:url"), [url]);
    assert_eq!(meta(&page, "og:site_name"), ["Northbridge Test"]);
    assert_eq!(meta(&page, "og:description"), ["Standfirst of Flood barrier plan for Saltmarsh."]);
    assert_eq!(meta(&page, "article:published_time"), ["2026-11-24T12:00:00Z"]);
    assert_eq!(
        meta(&page, "article:author"),
        ["http://127.0.0.1:8080/author/maya-chen", "http://127.0.0.1:8080/author/jonas-berg"]
    );
    assert_eq!(meta(&page, "twitter:card"), ["summary"]);
    assert_eq!(meta(&page, "twitter:title"), ["Flood barrier plan for Saltmarsh"]);
}

async fn json_ld_cannot_be_broken_out_of(db: &TestDb) {
    let site = site(db).await;
    let headline = "Escape </script><script>alert(1)</script> attempt";
    let mut input = article("escape-attempt", headline, "news", &["maya-chen"], &[], "Body.");
    input.featured_image = Some(lede_core::content::FeaturedImage {
        src: "/media/x.jpg".into(),
        alt: "x".into(),
        caption: String::new(),
        credit: String::new(),
        decorative: false,
    });
    let id = site.newsroom.save_article(None, input).await.expect("save");
    site.newsroom.publish_article(id, None).await.expect("publish");
    let page = site.get("/articles/escape-attempt").await;
    assert!(!page.body.contains("</script><script>alert(1)"), "no raw breakout");
    let docs = json_ld(&page);
    assert_eq!(docs.len(), 2, "both documents still parse whole");
    assert_eq!(docs[0]["headline"], headline, "and say exactly what the headline says");
    assert_eq!(docs[0]["image"][0], "http://127.0.0.1:8080/media/x.jpg");
    assert_eq!(meta(&page, "og:image"), ["http://127.0.0.1:8080/media/x.jpg"]);
    assert_eq!(meta(&page, "twitter:card"), ["summary_large_image"]);
}

async fn author_pages_carry_a_profile_page(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/author/maya-chen").await;
    let docs = json_ld(&page);
    assert_eq!(docs[0]["@type"], "ProfilePage");
    assert_eq!(docs[0]["mainEntity"]["@type"], "Person");
    assert_eq!(docs[0]["mainEntity"]["name"], "Maya Chen");
    assert_eq!(docs[0]["mainEntity"]["sameAs"], serde_json::json!(["https://maya.example.com"]));
    assert_eq!(meta(&page, "og:type"), ["profile"]);
    assert_eq!(page.attr("link[rel=canonical]", "href"), "http://127.0.0.1:8080/author/maya-chen");
}
