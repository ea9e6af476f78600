//! No page costs a number of queries that grows with its content: each reader page is a fixed,
//! small number of SQL statements, counted from sqlx's own statement log (every statement sqlx
//! runs is reported under the `sqlx::query` target) on both databases, with the page cache off
//! so every request renders. A test binary of its own, because the counter is process-wide.
//! A pool opening a connection meanwhile runs its `PRAGMA`s: those are the pool's upkeep, not
//! the page's cost, and are not counted.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::SectionInput;
use lede_store::test_support::{TestDb, article, load_fixture, slug};
use std::sync::Mutex;
use tower::ServiceExt;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// Every statement run so far, as sqlx summarizes it.
static STATEMENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

struct CountStatements;

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut summary = Summary(String::new());
            event.record(&mut summary);
            statements().push(summary.0);
        }
    }
}

/// The `summary` field of sqlx's statement event (its statement's first words).
struct Summary(String);

impl tracing::field::Visit for Summary {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}");
        }
    }

    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            value.clone_into(&mut self.0);
        }
    }
}

fn statements() -> std::sync::MutexGuard<'static, Vec<String>> {
    STATEMENTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The statements one request for `path` runs: the fewest of three requests, since a pool's
/// own upkeep (connecting, setting up a new connection) may run statements meanwhile.
async fn statements_for(app: &axum::Router, path: &str) -> usize {
    statements_as(app, path, None).await
}

/// The same for a signed-in person (`cookie` carries their session).
async fn statements_as(app: &axum::Router, path: &str, cookie: Option<&str>) -> usize {
    let mut fewest = usize::MAX;
    for _ in 0..3 {
        let before = statements().len();
        let mut request = Request::get(path);
        if let Some(cookie) = cookie {
            request = request.header(axum::http::header::COOKIE, cookie);
        }
        let response = app
            .clone()
            .oneshot(request.body(Body::empty()).expect("request"))
            .await
            .expect("answer");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let ran: Vec<String> = statements()[before..]
            .iter()
            .filter(|s| !s.to_ascii_uppercase().starts_with("PRAGMA"))
            .cloned()
            .collect();
        if ran.len() < fewest {
            eprintln!("{path}: {ran:#?}");
        }
        fewest = fewest.min(ran.len());
    }
    fewest
}

#[tokio::test]
async fn every_page_is_a_fixed_small_number_of_queries() {
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(CountStatements))
        .expect("the only subscriber");
    let databases = [Some(TestDb::sqlite().await), TestDb::postgres().await];
    for db in databases.iter().flatten() {
        pages_cost_the_same_whatever_they_show(db).await;
    }
}

async fn pages_cost_the_same_whatever_they_show(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let settings =
        lede_web::SiteSettings { page_cache_bytes: 0, ..lede_web::SiteSettings::default() };
    let state = lede_web::AppState::new(newsroom.clone(), settings).expect("templates");
    let app = lede_web::router(state);
    // The article shows a library image at the top and one in its body; later it shows more,
    // and its page still costs the same (one query for all its library images). Its card
    // shows the image on each list from the start (one query for all the cards' images).
    let river = |images: &[&str]| {
        let mut input = article(
            "river-clean-up",
            "Volunteers clean up the river banks",
            "news",
            &["jonas-berg", "maya-chen"],
            &["river"],
            "The river banks were cleaned.",
        );
        input.featured_image = Some(lede_core::content::FeaturedImage {
            src: "/media/uploads/2026/11/top.jpg".into(),
            alt: "Volunteers on the bank".into(),
            ..Default::default()
        });
        for image in images {
            input.body_markdown.push_str(&format!("\n\n![A bag of litter]({image})"));
        }
        input
    };
    let id =
        newsroom.store().article_state("river-clean-up").await.expect("query").expect("article").0;
    newsroom.save_article(Some(id), river(&["/media/uploads/2026/11/a.jpg"])).await.expect("save");
    // What each page costs on the small fixture site (the first request also loads the
    // layout's sections and pages, which later requests find in memory).
    statements_for(&app, "/").await;
    let paths = [
        "/",
        "/articles/river-clean-up",
        "/section/news",
        "/tag/river",
        "/author/maya-chen",
        "/rss.xml",
        "/sitemaps/articles-1.xml",
    ];
    let mut small = Vec::new();
    for path in paths {
        small.push(statements_for(&app, path).await);
    }
    // The newsroom's article list, with its word and comment counts, costs the same too.
    let accounts = lede_store::Accounts::new(&newsroom);
    let password = "a long enough password";
    accounts
        .create_user("ed@example.com", "Ed Itor", lede_core::account::Role::Editor, password)
        .await
        .expect("account");
    let session = accounts.sign_in("ed@example.com", password).await.expect("signed in");
    let cookie = format!("lede_session={}", session.token);
    let desk = "/admin/articles?sort=headline&order=asc";
    let desk_small = statements_as(&app, desk, Some(&cookie)).await;
    // Then the site grows: four more sections with articles, an article with many tags,
    // authors and comments, replies included.
    for n in 0..4 {
        let section = format!("extra-{n}");
        newsroom
            .save_section(
                SectionInput {
                    slug: slug(&section),
                    name: format!("Extra {n}"),
                    description: String::new(),
                    parent: None,
                },
                10 + n,
            )
            .await
            .expect("section");
        let id = newsroom
            .save_article(
                None,
                article(
                    &format!("extra-story-{n}"),
                    "Extra",
                    &section,
                    &["maya-chen"],
                    &[],
                    "Text.",
                ),
            )
            .await
            .expect("save");
        // A publish is one write transaction, whatever the site holds: the status, related
        // lists and search entry commit together.
        let before = newsroom.store().transactions_begun();
        newsroom.publish_article(id, None).await.expect("publish");
        assert_eq!(newsroom.store().transactions_begun() - before, 1, "one publish, one commit");
    }
    let mut input = river(&[
        "/media/uploads/2026/11/a.jpg",
        "/media/uploads/2026/11/b.jpg",
        "/media/uploads/2026/11/c.jpg",
        "https://example.com/elsewhere.jpg",
    ]);
    input.authors = vec![slug("jonas-berg"), slug("maya-chen")];
    input.tags = vec![slug("river"), slug("budget"), slug("music")];
    input.standfirst = "Many hands.".into();
    newsroom.save_article(Some(id), input).await.expect("save");
    for n in 0..6 {
        let comment = CommentInput {
            name: format!("Reader {n}"),
            email: format!("r{n}@example.com"),
            website: String::new(),
            text: format!("Comment {n}"),
            parent: None,
        }
        .check()
        .expect("valid");
        let comment =
            newsroom.submit_comment(id, &comment, CommentStatus::Pending).await.expect("comment");
        newsroom.moderate_comment(comment, CommentStatus::Approved).await.expect("approve");
    }
    statements_for(&app, "/").await;
    for (path, before) in paths.iter().zip(small) {
        let after = statements_for(&app, path).await;
        println!("{path}: {before} statements, {after} with more content");
        assert_eq!(before, after, "{path} costs more with more content");
        assert!(after <= 8, "{path} costs {after} statements");
    }
    // Issue 15: an article page is two round trips to the database, whatever it shows: the
    // article with its comments and translations, then its lists with all the page's images.
    let article = statements_for(&app, "/articles/river-clean-up").await;
    assert_eq!(article, 2, "an article page's statements");
    let desk_after = statements_as(&app, desk, Some(&cookie)).await;
    println!("{desk}: {desk_small} statements, {desk_after} with more content");
    assert_eq!(desk_small, desk_after, "the desk costs more with more content");
}
