//! What the operator watches: `/metrics` in Prometheus' text format, for loopback clients
//! and, elsewhere, only with the metrics token.

use crate::support::{Site, settings, site_with};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use lede_store::test_support::{TestDb, load_fixture};
use std::net::SocketAddr;

lede_store::on_both_databases!(metrics_count_requests_cache_hits_and_connections_for_the_operator,);

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
