//! What the operator watches: `/metrics` in Prometheus' text format, for loopback clients
//! and, elsewhere, only with the metrics token.

use crate::support::{Site, settings, site_with};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::workflow::Step;
use lede_store::test_support::{NOW, TestDb, article, load_fixture};
use lede_store::{Accounts, Edit};
use std::net::SocketAddr;

lede_store::on_both_databases!(
    metrics_count_requests_cache_hits_and_connections_for_the_operator,
    metrics_show_how_much_work_waits_in_each_queue,
);

async fn metrics_from(site: &Site, peer: &str, token: Option<&str>) -> crate::support::Page {
    let peer: SocketAddr = peer.parse().expect("address");
    let mut request = Request::get("/metrics").extension(ConnectInfo(peer));
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    site.send(request.body(Body::empty()).expect("request")).await
}

/// The value of the sample `name` (with its labels as written), if the text has it.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|value| value.trim().parse().ok())
}

async fn metrics_count_requests_cache_hits_and_connections_for_the_operator(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let watched =
        lede_web::SiteSettings { metrics_token: Some("s3cret-token".into()), ..settings() };
    let site = site_with(db, newsroom, watched).await;
    for _ in 0..3 {
        assert_eq!(site.get("/articles/flood-barrier-plan").await.status, StatusCode::OK);
    }
    let page = metrics_from(&site, "127.0.0.1:5000", None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.headers[header::CONTENT_TYPE].to_str().expect("ascii").starts_with("text/plain"));
    let text = &page.body;
    assert_eq!(sample(text, "lede_page_cache_misses_total"), Some(1.0), "{text}");
    assert_eq!(sample(text, "lede_page_cache_hits_total"), Some(2.0), "{text}");
    let route = r#"lede_http_requests_total{route="/articles/{slug}",method="GET",status="200"}"#;
    assert_eq!(sample(text, route), Some(3.0), "by route pattern, not by path: {text}");
    assert!(text.contains("lede_http_request_duration_seconds_bucket{"), "{text}");
    assert!(sample(text, "lede_db_connections_max").is_some_and(|max| max >= 2.0), "{text}");
    assert!(text.contains("# TYPE lede_scheduler_runs_total counter"), "{text}");
    // Not on this machine: the token, or nothing.
    let outside = metrics_from(&site, "203.0.113.9:5000", None).await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert!(!outside.body.contains("lede_"), "nothing leaks");
    let wrong = metrics_from(&site, "203.0.113.9:5000", Some("s3cret-tokem")).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let with_token = metrics_from(&site, "203.0.113.9:5000", Some("s3cret-token")).await;
    assert_eq!(with_token.status, StatusCode::OK);
    // And never from the page cache.
    let again = metrics_from(&site, "127.0.0.1:5000", None).await;
    assert!(sample(&again.body, route).is_some_and(|n| n >= 3.0));
    assert!(!site.cache.as_deref().expect("cache").keys().iter().any(|k| k == "/metrics"));
}

/// The Prometheus text parsed: each sample line's name with its labels, and its value. Every
/// line that is not a comment must be a sample, or the text is broken.
fn parse_samples(text: &str) -> std::collections::HashMap<String, f64> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (name, value) = line.rsplit_once(' ').expect("a sample: name and value");
            (name.to_owned(), value.parse().unwrap_or_else(|_| panic!("a number: {line}")))
        })
        .collect()
}

async fn metrics_show_how_much_work_waits_in_each_queue(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let accounts = Accounts::new(&newsroom);
    accounts
        .create_user("ed@example.com", "Ed", Role::Editor, "a long passphrase")
        .await
        .expect("account");
    let editor =
        db.store().user_by_email("ed@example.com").await.expect("query").expect("the editor");
    let step = |slug: &str, step: Step, at: Option<time::OffsetDateTime>| Edit {
        id: None,
        input: article(slug, "A story on the river", "news", &["maya-chen"], &[], "Words."),
        tag_names: vec![],
        expected_version: None,
        step,
        schedule_at: at,
        notes: Default::default(),
    };
    let soon = NOW + time::Duration::minutes(10);
    let later = NOW + time::Duration::hours(5);
    newsroom
        .edit_article(&editor, step("due-soon", Step::Schedule, Some(soon)))
        .await
        .expect("written");
    newsroom
        .edit_article(&editor, step("due-later", Step::Schedule, Some(later)))
        .await
        .expect("written");
    newsroom
        .edit_article(&editor, step("for-review", Step::SubmitForReview, None))
        .await
        .expect("written");
    let (on, _) =
        db.store().article_state("river-floods-saltmarsh").await.expect("query").expect("id");
    for text in ["First!", "Second."] {
        let comment = CommentInput {
            name: "Reader".into(),
            email: "reader@example.com".into(),
            website: String::new(),
            text: text.into(),
            parent: None,
        };
        let comment = comment.check().expect("a valid comment");
        newsroom.submit_comment(on, &comment, CommentStatus::Pending).await.expect("written");
    }
    // A webhook endpoint hears of the approval below; three readers wait for breaking news.
    let events = ["comment.approved".to_owned()];
    newsroom.add_webhook("https://hooks.example.com/x", &events, false).await.expect("endpoint");
    let csv = "email,consent\na@example.org,yes\nb@example.org,yes\nc@example.org,yes\n";
    let rows = lede_core::newsletter::read_csv(csv.as_bytes()).expect("csv");
    newsroom.import_subscribers_unchecked(&rows).await.expect("import");
    newsroom.email_article(on, "breaking:en").await.expect("queued");
    newsroom.queue_newsletter_issues().await.expect("queued");
    // The first schedule's time passes with no scheduler running: it is overdue.
    db.clock.advance(time::Duration::minutes(30));
    let site = site_with(db, newsroom.clone(), settings()).await;
    let page = metrics_from(&site, "127.0.0.1:5000", None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("# TYPE lede_queue_depth gauge"), "{}", page.body);
    let samples = parse_samples(&page.body);
    let depth =
        |queue: &str| samples.get(&format!("lede_queue_depth{{queue=\"{queue}\"}}")).copied();
    assert_eq!(depth("scheduled_articles"), Some(2.0), "{}", page.body);
    assert_eq!(depth("scheduled_overdue_articles"), Some(1.0), "{}", page.body);
    assert_eq!(depth("articles_in_review"), Some(1.0), "{}", page.body);
    assert_eq!(depth("changes_saved_for_later"), Some(0.0), "{}", page.body);
    assert_eq!(depth("comments_pending"), Some(2.0), "{}", page.body);
    assert_eq!(depth("webhook_deliveries"), Some(0.0), "{}", page.body);
    assert_eq!(depth("newsletter_messages"), Some(3.0), "{}", page.body);
    // Read at each scrape: once the scheduler ran and a comment was approved, they are less.
    assert_eq!(newsroom.publish_due().await.expect("published"), 1);
    let pending = db.store().list_comments(CommentStatus::Pending, 10).await.expect("query");
    newsroom.moderate_comment(pending[0].id, CommentStatus::Approved).await.expect("written");
    let page = metrics_from(&site, "127.0.0.1:5000", None).await;
    let samples = parse_samples(&page.body);
    let depth =
        |queue: &str| samples.get(&format!("lede_queue_depth{{queue=\"{queue}\"}}")).copied();
    assert_eq!(depth("scheduled_articles"), Some(1.0), "{}", page.body);
    assert_eq!(depth("scheduled_overdue_articles"), Some(0.0), "{}", page.body);
    assert_eq!(depth("comments_pending"), Some(1.0), "{}", page.body);
    assert_eq!(depth("webhook_deliveries"), Some(1.0), "{}", page.body);
}
