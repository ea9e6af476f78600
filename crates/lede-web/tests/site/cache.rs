//! The page cache through the real router: what it serves (encodings, ETags, HEAD), what it
//! never keeps (anything personal), and that every kind of change purges exactly the pages
//! that show what changed. The oracle for "exactly" is a second router on the same database
//! with no cache: after a change, every page still held must be the same as a fresh render
//! (nothing stale), and every purged page must differ from what it was (nothing purged for
//! nothing).

use crate::support::{Site, settings, site, site_with};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_store::test_support::{TestDb, article, load_fixture, slug};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use tower::ServiceExt;

lede_store::on_both_databases!(
    cached_pages_come_in_every_encoding_with_an_etag,
    a_hit_answers_exactly_as_the_render_did,
    personal_pages_are_never_kept,
    a_content_edit_purges_the_pages_showing_the_article_and_nothing_else,
    a_correction_purges_its_article_and_the_corrections_page,
    a_publish_purges_the_lists_it_enters_and_not_the_others,
    comments_purge_only_their_article_once_approved,
    drafts_purge_nothing_and_catalog_changes_purge_everything,
    the_cache_keeps_to_its_memory_budget,
    theme_assets_are_immutable_and_precompressed,
    fonts_are_immutable_and_served_as_they_are,
    describing_a_library_image_changes_no_page_and_purges_none,
    without_its_database_the_site_serves_what_it_holds_and_says_503,
);

/// Public pages of the fixture site, one of each kind.
const PAGES: [&str; 25] = [
    "/",
    "/articles",
    "/section/news",
    "/section/politics",
    "/section/culture",
    "/tag/river",
    "/tag/budget",
    "/tag/music",
    "/author/maya-chen",
    "/author/jonas-berg",
    "/articles/river-floods-saltmarsh",
    "/articles/budget-vote-passes",
    "/articles/flood-barrier-plan",
    "/articles/festival-returns",
    "/articles/budget-row-deepens",
    "/articles/river-clean-up",
    "/rss.xml",
    "/feed.json",
    "/tag/music/atom.xml",
    "/section/politics/rss.xml",
    "/author/jonas-berg/feed.json",
    "/sitemap.xml",
    "/sitemaps/articles-1.xml",
    "/corrections",
    "/archive/2026",
];

fn cache(site: &Site) -> &lede_web::cache::PageCache {
    site.cache.as_deref().expect("the test site caches pages")
}

fn held(site: &Site) -> BTreeSet<String> {
    cache(site).keys().into_iter().collect()
}

/// Loads every page of [`PAGES`] so that the cache holds them all; returns what they said.
async fn warm(site: &Site) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    for path in PAGES {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        pages.insert(path.to_owned(), page.body);
    }
    let held = held(site);
    assert_eq!(held.len(), PAGES.len(), "every page is kept: {held:?}");
    pages
}

/// The pages that were held before and are not any more.
fn purged(before: &BTreeMap<String, String>, site: &Site) -> BTreeSet<String> {
    let held = held(site);
    before.keys().filter(|path| !held.contains(*path)).cloned().collect()
}

/// The same site without a cache: what every page says now.
async fn uncached(db: &TestDb, site: &Site) -> Site {
    let settings = lede_web::SiteSettings { page_cache_bytes: 0, ..settings() };
    site_with(db, site.newsroom.clone(), settings).await
}

/// After a change: every page still held is what a fresh render says, and every page purged
/// says something else than before. Returns the purged pages.
async fn purged_exactly(
    db: &TestDb,
    site: &Site,
    before: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let purged = purged(before, site);
    let fresh = uncached(db, site).await;
    for (path, old) in before {
        let now = fresh.get(path).await.body;
        if purged.contains(path) {
            assert_ne!(&now, old, "{path} was purged but did not change");
        } else {
            assert_eq!(site.get(path).await.body, now, "{path} is stale");
        }
    }
    purged
}

fn showing(pages: &BTreeMap<String, String>, slug: &str) -> BTreeSet<String> {
    let link = format!("/articles/{slug}");
    pages.iter().filter(|(_, body)| body.contains(&link)).map(|(path, _)| path.clone()).collect()
}

async fn send(site: &Site, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = site.app.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, headers, body.to_vec())
}

/// Hits are answered at the front door, before routing and its middleware (issue 15): what
/// a reader gets must not tell which path answered. Each page's first answer is rendered
/// through the router; its second comes from the cache, and the two are the same, headers
/// and all, and the hit is counted under the route that rendered the page.
async fn a_hit_answers_exactly_as_the_render_did(db: &TestDb) {
    let site = site(db).await;
    let cache = site.cache.clone().expect("the fixture site caches");
    for path in PAGES {
        let rendered = site.get(path).await;
        assert_eq!(rendered.status, StatusCode::OK, "{path}");
        assert!(cache.keys().iter().any(|key| key == path), "{path} is kept");
        let hit = site.get(path).await;
        assert_eq!(hit.status, rendered.status, "{path}");
        assert_eq!(hit.body, rendered.body, "{path}");
        let names = |page: &crate::support::Page| {
            page.headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.as_bytes().to_vec()))
                .collect::<BTreeMap<_, _>>()
        };
        assert_eq!(names(&hit), names(&rendered), "{path}: the hit's headers");
        for name in [
            header::CONTENT_SECURITY_POLICY,
            header::X_CONTENT_TYPE_OPTIONS,
            header::REFERRER_POLICY,
        ] {
            assert!(hit.headers.contains_key(&name), "{path}: {name}");
        }
    }
    let metrics = site.state.metrics.text();
    let article_hits = metrics
        .lines()
        .find(|line| {
            line.starts_with("lede_http_requests_total{")
                && line.contains(r#"route="/articles/{slug}""#)
                && line.contains(r#"method="GET""#)
                && line.contains(r#"status="200""#)
        })
        .unwrap_or_else(|| panic!("no article requests counted:\n{metrics}"));
    let counted: u64 = article_hits.rsplit(' ').next().and_then(|n| n.parse().ok()).expect("count");
    let articles = PAGES.iter().filter(|p| p.starts_with("/articles/")).count() as u64;
    assert_eq!(counted, 2 * articles, "renders and hits both counted under the route");
}

async fn cached_pages_come_in_every_encoding_with_an_etag(db: &TestDb) {
    let site = site(db).await;
    let path = "/articles/festival-returns";
    let plain = site.get(path).await;
    let etag = plain.headers[header::ETAG].to_str().expect("etag").to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(plain.headers[header::VARY], "accept-encoding");
    let policy = plain.headers[header::CACHE_CONTROL].to_str().expect("ascii");
    assert!(policy.contains("public") && policy.contains("s-maxage"), "{policy}");
    assert!(plain.headers.contains_key(header::CONTENT_SECURITY_POLICY));
    assert_eq!(plain.headers[header::CONTENT_LENGTH], plain.body.len().to_string());
    for (coding, decode) in [("br", decode_brotli as fn(&[u8]) -> String), ("gzip", decode_gzip)] {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, coding)
            .body(Body::empty())
            .expect("request");
        let (status, headers, body) = send(&site, request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_ENCODING], coding);
        assert_eq!(headers[header::ETAG].to_str().expect("etag"), etag);
        assert_eq!(decode(&body), plain.body, "{coding} decodes to the page");
    }
    let revalidate = Request::get(path)
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("request");
    let (status, headers, body) = send(&site, revalidate).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert_eq!(headers[header::ETAG].to_str().expect("etag"), etag);
    assert!(body.is_empty());
    let head = Request::head(path).body(Body::empty()).expect("request");
    let (status, headers, body) = send(&site, head).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_LENGTH], plain.body.len().to_string());
    assert!(body.is_empty(), "HEAD has no body");
    // A HEAD first (nothing cached yet) still keeps the whole page for the next GET.
    let other = "/articles/river-clean-up";
    let head = Request::head(other).body(Body::empty()).expect("request");
    assert_eq!(send(&site, head).await.0, StatusCode::OK);
    assert!(site.get(other).await.body.contains("<h1"));
    // After a change the ETag changes, so browsers holding the old page get the new one.
    let id = article_id(&site, "festival-returns").await;
    edit_body(&site, id, "A new ending.").await;
    let revalidate = Request::get(path)
        .header(header::IF_NONE_MATCH, &etag)
        .body(Body::empty())
        .expect("request");
    let (status, _, body) = send(&site, revalidate).await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&body).contains("A new ending."));
}

/// The stylesheet names the fonts by their hashed addresses; each is served as `font/woff2`,
/// kept forever, never compressed again (WOFF2 is compressed inside), to pages of any origin
/// (browsers fetch fonts in CORS mode); their licence is
/// served beside them under a name that does not change.
async fn fonts_are_immutable_and_served_as_they_are(db: &TestDb) {
    let site = site(db).await;
    let css_url = site.get("/").await.attr("link[rel=stylesheet]", "href");
    let css = site.get(&css_url).await.body;
    let fonts: Vec<&str> = css
        .split("url(")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(url, _)| url))
        .filter(|url| url.ends_with(".woff2"))
        .collect();
    assert_eq!(fonts.len(), 3, "Nastaliq 400 and 700, Naskh 400: {fonts:?}");
    for font in fonts {
        let path = format!("/static/{font}");
        let request = Request::get(&path)
            .header(header::ACCEPT_ENCODING, "br, gzip")
            .body(Body::empty())
            .expect("request");
        let (status, headers, body) = send(&site, request).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], "font/woff2", "{path}");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable", "{path}");
        assert!(!headers.contains_key(header::CONTENT_ENCODING), "{path} is sent as it is");
        // Any page may use them: an email's sandboxed frame, webmail on another site.
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*", "{path}");
        assert!(body.starts_with(b"wOF2"), "{path} is a WOFF2 file");
    }
    let licence = site.get("/static/fonts/OFL.txt").await;
    assert_eq!(licence.status, StatusCode::OK);
    assert_eq!(licence.headers[header::CONTENT_TYPE], "text/plain; charset=utf-8");
    assert!(licence.body.contains("SIL Open Font License, Version 1.1"));
    assert!(licence.body.contains("@fontsource/noto-nastaliq-urdu@"));
}

fn decode_brotli(bytes: &[u8]) -> String {
    let mut out = String::new();
    brotli::Decompressor::new(bytes, 4096).read_to_string(&mut out).expect("brotli");
    out
}

fn decode_gzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut out).expect("gzip");
    out
}

async fn personal_pages_are_never_kept(db: &TestDb) {
    let site = site(db).await;
    let notice = site.get("/articles/festival-returns?comment=pending").await;
    assert_eq!(notice.status, StatusCode::OK);
    assert_eq!(notice.headers[header::CACHE_CONTROL], "private, no-store");
    assert!(held(&site).is_empty(), "{:?}", held(&site));
    // The next reader does not get the first one's notice.
    let page = site.get("/articles/festival-returns").await;
    let notice_text = notice.text(".comments .notice");
    assert!(!page.body.contains(&notice_text), "{notice_text}");
    // The admin, searches and the API are never kept either.
    for path in ["/admin", "/search?q=river", "/api/articles", "/healthz"] {
        site.get(path).await;
    }
    assert_eq!(held(&site), BTreeSet::from(["/articles/festival-returns".to_owned()]));
    // Nor a page past the end, nor an unknown one.
    site.get("/articles?page=99").await;
    site.get("/articles/nothing-here").await;
    assert_eq!(held(&site).len(), 1);
}

async fn article_id(site: &Site, slug: &str) -> lede_core::content::ArticleId {
    site.newsroom.store().article_state(slug).await.expect("query").expect("article").0
}

async fn edit_body(site: &Site, id: lede_core::content::ArticleId, body: &str) {
    let mut input =
        site.newsroom.store().editable_article(id).await.expect("query").expect("article").input;
    input.body_markdown = body.to_owned();
    site.newsroom.save_article(Some(id), input).await.expect("save");
}

async fn a_content_edit_purges_the_pages_showing_the_article_and_nothing_else(db: &TestDb) {
    let site = site(db).await;
    let before = warm(&site).await;
    let showing = showing(&before, "festival-returns");
    assert!(showing.len() > 5, "{showing:?}");
    // A correction: a new headline and text.
    let id = article_id(&site, "festival-returns").await;
    let mut input =
        site.newsroom.store().editable_article(id).await.expect("query").expect("article").input;
    input.headline = "Music festival cancelled at Old Quay".into();
    input.body_markdown = "The festival was cancelled after all.".into();
    site.newsroom.save_article(Some(id), input).await.expect("save");
    let purged = purged_exactly(db, &site, &before).await;
    // The article sitemap gives every article's date of change (the index only the newest's).
    let mut expected = showing;
    expected.insert("/sitemaps/articles-1.xml".to_owned());
    // Article pages show their three best related articles of the few more their lists keep:
    // those whose cards show it now (its new words rank it higher there) changed as well.
    let fresh = uncached(db, &site).await;
    let mut now = BTreeMap::new();
    for path in before.keys() {
        now.insert(path.clone(), fresh.get(path).await.body);
    }
    expected.extend(self::showing(&now, "festival-returns"));
    assert_eq!(purged, expected);
    assert!(
        site.get("/articles/festival-returns").await.body.contains("cancelled after all"),
        "the next request sees the edit"
    );
}

/// An update with a correction changes the article's page, everything that shows it, and the
/// corrections page, which lists it now.
async fn a_correction_purges_its_article_and_the_corrections_page(db: &TestDb) {
    use lede_core::content::UpdateNotes;
    use lede_core::workflow::Step;
    let site = site(db).await;
    let store = site.newsroom.store();
    // The account first: its byline is new in the catalog, which purges every page.
    lede_store::Accounts::new(&site.newsroom)
        .create_user(
            "ed@example.com",
            "Ed Itor",
            lede_core::account::Role::Editor,
            "a long enough password",
        )
        .await
        .expect("account");
    let editor = store.user_by_email("ed@example.com").await.expect("query").expect("user");
    let before = warm(&site).await;
    let id = article_id(&site, "festival-returns").await;
    let opened = store.editable_article(id).await.expect("query").expect("article");
    let mut input = opened.input;
    input.headline = "Music festival returns to Old Quay for three days".into();
    let edit = lede_store::Edit {
        id: Some(id),
        input,
        tag_names: Vec::new(),
        expected_version: Some(opened.version),
        step: Step::Update,
        schedule_at: None,
        notes: UpdateNotes {
            correction: "The festival lasts three days, not two.".into(),
            ..Default::default()
        },
    };
    site.newsroom.edit_article(&editor, edit).await.expect("updated");
    let purged = purged_exactly(db, &site, &before).await;
    let mut expected = showing(&before, "festival-returns");
    expected.insert("/sitemaps/articles-1.xml".to_owned());
    expected.insert("/corrections".to_owned());
    assert_eq!(purged, expected);
    assert!(site.get("/corrections").await.body.contains("three days, not two"));
}

async fn a_publish_purges_the_lists_it_enters_and_not_the_others(db: &TestDb) {
    let site = site(db).await;
    let before = warm(&site).await;
    // Politics is nested under news: the story enters both sections' lists.
    let input = article(
        "budget-deal-struck",
        "Budget deal struck at midnight",
        "politics",
        &["maya-chen"],
        &["budget"],
        "The council budget deal keeps the libraries open.",
    );
    let id = site.newsroom.save_article(None, input).await.expect("save");
    assert!(purged(&before, &site).is_empty(), "a draft purges nothing");
    site.newsroom.publish_article(id, None).await.expect("publish");
    let purged = purged_exactly(db, &site, &before).await;
    for path in [
        "/",
        "/articles",
        "/section/politics",
        "/section/news",
        "/tag/budget",
        "/author/maya-chen",
        "/rss.xml",
        "/feed.json",
        "/section/politics/rss.xml",
        "/sitemap.xml",
        "/sitemaps/articles-1.xml",
        "/archive/2026",
        // "More From Author" on Maya Chen's articles.
        "/articles/river-floods-saltmarsh",
        "/articles/budget-vote-passes",
    ] {
        assert!(purged.contains(path), "{path} was not purged: {purged:?}");
    }
    for path in [
        "/section/culture",
        "/tag/music",
        "/tag/river",
        "/author/jonas-berg",
        "/tag/music/atom.xml",
        "/author/jonas-berg/feed.json",
    ] {
        assert!(!purged.contains(path), "{path} was purged for nothing");
    }
}

async fn comments_purge_only_their_article_once_approved(db: &TestDb) {
    let site = site(db).await;
    let before = warm(&site).await;
    let id = article_id(&site, "festival-returns").await;
    let comment = CommentInput {
        name: "Ann Reader".into(),
        email: "ann@example.com".into(),
        website: String::new(),
        text: "Will there be a second stage?".into(),
        parent: None,
    }
    .check()
    .expect("valid");
    let comment_id =
        site.newsroom.submit_comment(id, &comment, CommentStatus::Pending).await.expect("comment");
    assert!(purged(&before, &site).is_empty(), "a held comment shows nowhere");
    site.newsroom.moderate_comment(comment_id, CommentStatus::Approved).await.expect("approve");
    assert_eq!(
        purged_exactly(db, &site, &before).await,
        BTreeSet::from(["/articles/festival-returns".to_owned()])
    );
    let page = site.get("/articles/festival-returns").await;
    assert!(page.body.contains("Will there be a second stage?"));
}

async fn drafts_purge_nothing_and_catalog_changes_purge_everything(db: &TestDb) {
    let site = site(db).await;
    let before = warm(&site).await;
    let id = article_id(&site, "secret-draft").await;
    edit_body(&site, id, "Still secret.").await;
    assert!(purged_exactly(db, &site, &before).await.is_empty());
    site.newsroom.save_tag(&slug("music"), "Live music").await.expect("rename");
    assert!(held(&site).is_empty());
    assert!(site.get("/tag/music").await.body.contains("Live music"));
}

async fn the_cache_keeps_to_its_memory_budget(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let budget = 120 * 1024;
    let site =
        site_with(db, newsroom, lede_web::SiteSettings { page_cache_bytes: budget, ..settings() })
            .await;
    for path in PAGES {
        site.get(path).await;
    }
    let held = held(&site);
    assert!(cache(&site).bytes() <= budget);
    assert!(held.len() < PAGES.len(), "{held:?}");
    assert!(held.contains(PAGES[PAGES.len() - 1]), "the latest is kept");
    assert!(!held.contains(PAGES[0]), "the least recently used went first");
    // Turned off, nothing is kept and every request renders.
    let newsroom = db.newsroom().await;
    let off =
        site_with(db, newsroom, lede_web::SiteSettings { page_cache_bytes: 0, ..settings() }).await;
    assert!(off.cache.is_none());
    assert_eq!(off.get("/").await.status, StatusCode::OK);
}

async fn theme_assets_are_immutable_and_precompressed(db: &TestDb) {
    let site = site(db).await;
    let home = site.get("/").await;
    let css = home.attr("link[rel=stylesheet]", "href");
    let plain = site.get(&css).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    for (coding, decode) in [("br", decode_brotli as fn(&[u8]) -> String), ("gzip", decode_gzip)] {
        let request = Request::get(&css)
            .header(header::ACCEPT_ENCODING, coding)
            .body(Body::empty())
            .expect("request");
        let (status, headers, body) = send(&site, request).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_ENCODING], coding);
        assert!(body.len() < plain.body.len() / 2, "{coding} compresses");
        assert_eq!(decode(&body), plain.body);
    }
}

/// An image's description belongs to the library; each article keeps its own copy (featured
/// alt text, caption and credit; a body image's Markdown), so describing the image anew
/// changes no reader page, and none is purged.
async fn describing_a_library_image_changes_no_page_and_purges_none(db: &TestDb) {
    let site = site(db).await;
    let dir = crate::support::temp_dir("describe");
    let library = lede_store::MediaLibrary::new(
        site.newsroom.store().clone(),
        lede_store::MediaStore::local(dir.clone()).expect("a media folder"),
        Default::default(),
    );
    let item = library
        .upload(&crate::support::png(1200, 800), "stage.png", None, site.newsroom.now())
        .await
        .expect("uploaded");
    let id = article_id(&site, "festival-returns").await;
    let mut input =
        site.newsroom.store().editable_article(id).await.expect("query").expect("article").input;
    input.featured_image = Some(lede_core::content::FeaturedImage {
        src: item.path.clone(),
        alt: "The festival stage at night".into(),
        ..Default::default()
    });
    input.body_markdown =
        format!("Music.\n\n![The crowd]({} \"Thousands came | Photo: AP\")", item.path);
    site.newsroom.save_article(Some(id), input).await.expect("save");
    let role = lede_core::account::Role::Editor;
    lede_store::Accounts::new(&site.newsroom)
        .create_user("ed@example.com", "Ed Itor", role, crate::support::PASSWORD)
        .await
        .expect("account");
    let store = site.newsroom.store();
    let editor = store.user_by_email("ed@example.com").await.expect("query").expect("user");
    // An account is a new byline in the catalog: made before the pages are kept.
    let before = warm(&site).await;
    let description = lede_core::alt_text::Description {
        alt: "An empty stage".into(),
        caption: "Another caption".into(),
        credit: "Someone else".into(),
    };
    library.describe(&editor, item.id, description).await.expect("described");
    assert_eq!(purged_exactly(db, &site, &before).await, BTreeSet::new());
    let page = site.get("/articles/festival-returns").await;
    assert_eq!(page.attr(".featured-image img", "alt"), "The festival stage at night");
    assert_eq!(page.attr(".prose figure img", "alt"), "The crowd");
    assert_eq!(page.text(".prose figcaption"), "Thousands came Photo: AP");
    let _ = std::fs::remove_dir_all(dir);
}

/// The database gone (its connections closed, as when it is unreachable): pages the cache
/// holds are still served, any other page is a 503 saying to try again shortly, liveness
/// answers and readiness does not.
async fn without_its_database_the_site_serves_what_it_holds_and_says_503(db: &TestDb) {
    let site = site(db).await;
    assert_eq!(site.get("/").await.status, StatusCode::OK);
    assert_eq!(site.get("/readyz").await.status, StatusCode::OK);
    site.newsroom.store().close().await;
    let home = site.get("/").await;
    assert_eq!(home.status, StatusCode::OK, "served from the cache");
    let uncached = site.get("/articles/flood-barrier-plan").await;
    assert_eq!(uncached.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(uncached.headers[header::RETRY_AFTER], "5");
    assert!(
        uncached.body.contains("cannot reach its database just now"),
        "said so: {}",
        uncached.body
    );
    let api = site.get("/api/articles").await;
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE, "the API too");
    assert_eq!(site.get("/healthz").await.status, StatusCode::OK, "alive");
    assert_eq!(site.get("/readyz").await.status, StatusCode::SERVICE_UNAVAILABLE, "not ready");
}
