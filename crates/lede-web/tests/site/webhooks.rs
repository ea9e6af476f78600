//! Webhooks through the real router and a real receiver: an HTTP listener on loopback inside
//! the test (no mock) that answers as each test says. An admin adds an endpoint (its secret
//! shown once), an editor publishes, the worker's turn (`deliver_due`) sends the signed
//! event; a 500 is tried again after the backoff and the log shows both attempts; "Send
//! again" sends it once more; a day of failures disables the endpoint with a notice on the
//! newsroom's home; private addresses are refused, by their text and where a name resolves.

use crate::support::{Page, Site, editor_fields, get_as, post_as, settings, signed_in, site_with};
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use hmac::{Hmac, Mac};
use lede_core::account::Role;
use lede_store::test_support::{TestDb, load_fixture};
use lede_web::webhooks::{Sender, deliver_due};
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

lede_store::on_both_databases!(
    a_published_article_reaches_the_receiver_signed_and_a_failure_is_retried,
    a_day_of_failures_disables_the_endpoint_with_a_notice,
    private_addresses_are_refused_when_added_and_when_resolved,
);

/// What the receiver was sent: each request's headers and body.
pub(crate) type Received = Arc<Mutex<Vec<(HeaderMap, String)>>>;

/// A receiving endpoint on loopback: it answers with `answers` in turn, then with the last.
pub(crate) async fn receiver(answers: &[u16]) -> (String, Received) {
    let received: Received = Arc::default();
    let queue = Arc::new(Mutex::new(answers.iter().copied().collect::<VecDeque<u16>>()));
    let (log, turns) = (received.clone(), queue.clone());
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let (log, turns) = (log.clone(), turns.clone());
            async move {
                log.lock().expect("log").push((headers, body));
                let mut turns = turns.lock().expect("answers");
                let status =
                    if turns.len() > 1 { turns.pop_front() } else { turns.front().copied() };
                StatusCode::from_u16(status.unwrap_or(200)).expect("a status")
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("listen");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://127.0.0.1:{port}/hook"), received)
}

async fn webhook_site(db: &TestDb, allow_private: bool) -> Site {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let settings = lede_web::SiteSettings { webhooks_allow_private: allow_private, ..settings() };
    site_with(db, newsroom, settings).await
}

/// Adds an endpoint through the form; returns the page that answered.
pub(crate) async fn add_endpoint(
    site: &Site,
    admin: &(String, String),
    url: &str,
    events: &[&str],
) -> Page {
    let mut fields = vec![("csrf", admin.1.as_str()), ("url", url)];
    fields.extend(events.iter().map(|e| ("events", *e)));
    post_as(site, "/admin/webhooks", &admin.0, &fields).await
}

/// The signature the Standard Webhooks specification asks for, computed here from its
/// definition (the worker signs with `lede_core::webhook`).
fn expected_signature(secret: &str, headers: &HeaderMap, body: &str) -> String {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .expect("base64 secret");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("key");
    let header = |name: &str| headers[name].to_str().expect("text").to_owned();
    mac.update(
        format!("{}.{}.{body}", header("webhook-id"), header("webhook-timestamp")).as_bytes(),
    );
    format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

async fn a_published_article_reaches_the_receiver_signed_and_a_failure_is_retried(db: &TestDb) {
    let site = webhook_site(db, true).await;
    let (url, received) = receiver(&[500, 200]).await;
    let admin = signed_in(&site, Role::Admin).await;
    let sender = Sender::new(true).expect("client");

    let page = get_as(&site, "/admin/webhooks", &admin.0).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.count("input[name=events]"), 5, "every event is offered");
    let made = add_endpoint(&site, &admin, &url, &["article.published", "comment.approved"]).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let secret = made.text(".webhook-secret");
    assert!(secret.starts_with("whsec_"), "the secret is shown: {secret}");
    let log_path = made.attr(".webhook-created a", "href");
    let again = get_as(&site, "/admin/webhooks", &admin.0).await;
    assert!(!again.body.contains(&secret), "the secret is shown once");
    assert_eq!(again.texts(".webhooks tbody td a"), std::slice::from_ref(&url));

    let editor = signed_in(&site, Role::Editor).await;
    let fields = editor_fields(&editor.1, "publish", "Harbour reopens to ferries", "Ferries run.");
    let published = post_as(&site, "/admin/articles/new", &editor.0, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "published");

    // The first attempt is answered 500: it waits for the backoff.
    assert_eq!(deliver_due(&site.state, &sender).await.expect("worker"), 1);
    let log = get_as(&site, &log_path, &admin.0).await;
    assert_eq!(log.texts(".delivery-status"), ["Waiting"]);
    assert_eq!(log.texts(".response-status"), ["500"]);
    assert!(!log.text(".next-attempt").is_empty(), "the next try is shown");
    assert_eq!(deliver_due(&site.state, &sender).await.expect("worker"), 0, "not due yet");

    db.clock.advance(time::Duration::seconds(30));
    assert_eq!(deliver_due(&site.state, &sender).await.expect("worker"), 1);
    let log = get_as(&site, &log_path, &admin.0).await;
    assert_eq!(log.texts(".delivery-status"), ["Delivered"]);
    assert_eq!(log.texts(".response-status"), ["500", "200"]);
    assert_eq!(log.count(".attempt"), 2);

    let requests = received.lock().expect("log").clone();
    assert_eq!(requests.len(), 2);
    for (headers, body) in &requests {
        assert_eq!(
            headers["webhook-signature"].to_str().expect("text"),
            expected_signature(&secret, headers, body)
        );
        assert_eq!(headers["content-type"], "application/json");
    }
    let (first, second) = (&requests[0], &requests[1]);
    assert_eq!(first.0["webhook-id"], second.0["webhook-id"], "one message, tried twice");
    assert_eq!(first.1, second.1, "the same body each time");
    let payload: serde_json::Value = serde_json::from_str(&first.1).expect("JSON");
    assert_eq!(payload["type"], "article.published");
    let article = &payload["data"]["article"];
    assert_eq!(article["headline"], "Harbour reopens to ferries");
    // The article as the content API shows it.
    let slug = article["slug"].as_str().expect("a slug");
    let api = site.get(&format!("/api/articles/{slug}")).await;
    let shown: serde_json::Value = serde_json::from_str(&api.body).expect("JSON");
    assert_eq!(article, &shown);

    // "Send again" sends the same message once more.
    let resend = log.attr(".delivery form", "action");
    let sent = post_as(&site, &resend, &admin.0, &[("csrf", &admin.1)]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(deliver_due(&site.state, &sender).await.expect("worker"), 1);
    let requests = received.lock().expect("log").clone();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[2].0["webhook-id"], requests[0].0["webhook-id"]);
    let log = get_as(&site, &log_path, &admin.0).await;
    assert_eq!(log.texts(".response-status"), ["500", "200", "200"]);
}

async fn a_day_of_failures_disables_the_endpoint_with_a_notice(db: &TestDb) {
    let site = webhook_site(db, true).await;
    let (url, received) = receiver(&[503]).await;
    let admin = signed_in(&site, Role::Admin).await;
    let sender = Sender::new(true).expect("client");
    let made = add_endpoint(&site, &admin, &url, &["article.unpublished"]).await;
    let log_path = made.attr(".webhook-created a", "href");
    let (id, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    site.newsroom.unpublish_article(id).await.expect("unpublish");

    let home = get_as(&site, "/admin", &admin.0).await;
    assert_eq!(home.count(".webhook-disabled"), 0);
    // Every attempt fails; the worker tries through the day, then gives up.
    let mut attempts = 0;
    for _ in 0..40 {
        attempts += deliver_due(&site.state, &sender).await.expect("worker");
        db.clock.advance(time::Duration::hours(1));
    }
    assert_eq!(received.lock().expect("log").len(), attempts);
    assert!(attempts >= 8, "tried again and again: {attempts}");
    let log = get_as(&site, &log_path, &admin.0).await;
    assert_eq!(log.texts(".delivery-status"), ["Failed"]);
    assert_eq!(log.count(".attempt"), attempts);
    assert_eq!(log.count("form[action$='/enable']"), 1, "it can be enabled again");

    let home = get_as(&site, "/admin", &admin.0).await;
    assert!(home.text(".webhook-disabled").contains(&url), "{}", home.text(".webhook-disabled"));
    let editor = signed_in(&site, Role::Editor).await;
    let theirs = get_as(&site, "/admin", &editor.0).await;
    assert_eq!(theirs.count(".webhook-disabled"), 0, "the notice is for admins");

    let enable = log.attr("form[action$='/enable']", "action");
    let enabled = post_as(&site, &enable, &admin.0, &[("csrf", &admin.1)]).await;
    assert_eq!(enabled.status, StatusCode::SEE_OTHER);
    let home = get_as(&site, "/admin", &admin.0).await;
    assert_eq!(home.count(".webhook-disabled"), 0);
}

async fn private_addresses_are_refused_when_added_and_when_resolved(db: &TestDb) {
    let site = webhook_site(db, false).await;
    let (url, received) = receiver(&[200]).await;
    let admin = signed_in(&site, Role::Admin).await;
    let refused = add_endpoint(&site, &admin, &url, &["article.unpublished"]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").contains("private network"),
        "{}",
        refused.text(".form-errors")
    );
    let unchosen = add_endpoint(&site, &admin, "https://hooks.example.com/", &[]).await;
    assert_eq!(unchosen.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A name is checked where it resolves, at each delivery: `localhost` is loopback.
    let by_name = url.replace("127.0.0.1", "localhost");
    let made = add_endpoint(&site, &admin, &by_name, &["article.unpublished"]).await;
    assert_eq!(made.status, StatusCode::OK, "a name passes the address's text");
    let log_path = made.attr(".webhook-created a", "href");
    let (id, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    site.newsroom.unpublish_article(id).await.expect("unpublish");
    let sender = Sender::new(false).expect("client");
    assert_eq!(deliver_due(&site.state, &sender).await.expect("worker"), 1);
    assert!(received.lock().expect("log").is_empty(), "nothing reached the loopback receiver");
    let log = get_as(&site, &log_path, &admin.0).await;
    let attempt = log.text(".attempt");
    assert!(attempt.ends_with(": refused: the address is on a private network"), "{attempt}");

    // Only admins see the page.
    let editor = signed_in(&site, Role::Editor).await;
    assert_eq!(get_as(&site, "/admin/webhooks", &editor.0).await.status, StatusCode::FORBIDDEN);
}
