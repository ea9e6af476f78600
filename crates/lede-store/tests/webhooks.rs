//! The webhooks' queue on SQLite and PostgreSQL alike: the writes that cause an event queue
//! its deliveries in their own transaction, for the endpoints that asked for it; workers
//! claim each due delivery once; failures back off, are given up after a day, and a day of
//! them disables the endpoint; "Send again" queues one anew; only admins manage endpoints.

use lede_core::Clock;
use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::*;
use lede_store::test_support::{TestDb, article, fixture_newsroom, person};
use lede_store::{
    AfterAttempt, AttemptOutcome, DeliveryStatus, Error, Newsroom, WEBHOOK_LEASE, WebhookEndpoint,
};
use time::Duration;

lede_store::on_both_databases!(
    changes_queue_their_events_in_their_own_transaction,
    each_due_delivery_is_claimed_once_and_a_dead_workers_again,
    failures_back_off_give_up_after_a_day_and_disable_the_endpoint,
    send_again_and_enable_again,
    only_admins_manage_endpoints_and_addresses_are_checked,
    an_endpoint_that_sometimes_answers_is_not_disabled,
    a_scheduled_article_is_announced_when_it_goes_live,
);

const ARTICLE_EVENTS: [&str; 3] = ["article.published", "article.updated", "article.unpublished"];

async fn endpoint(newsroom: &Newsroom, events: &[&str]) -> WebhookEndpoint {
    let events: Vec<String> = events.iter().map(|e| (*e).to_owned()).collect();
    let (endpoint, secret) = newsroom
        .add_webhook("https://hooks.example.com/lede", &events, false)
        .await
        .expect("endpoint");
    assert!(secret.expose().starts_with("whsec_"));
    endpoint
}

/// The events queued for `endpoint`, oldest first.
async fn events(db: &TestDb, endpoint: &WebhookEndpoint) -> Vec<String> {
    let mut log = db.store().webhook_deliveries(endpoint.id, 100).await.expect("log");
    log.reverse();
    log.into_iter().map(|d| d.event).collect()
}

fn failed(status: u16) -> AttemptOutcome {
    AttemptOutcome { response_status: Some(status), error: None }
}

async fn changes_queue_their_events_in_their_own_transaction(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let store = db.store();
    let everything =
        endpoint(&newsroom, &[&ARTICLE_EVENTS[..], &["comment.approved"]].concat()).await;
    let published_only = endpoint(&newsroom, &["article.published"]).await;

    let input = article("harbour-opens", "Harbour opens", "news", &["maya-chen"], &[], "Boats.");
    let id = newsroom.save_article(None, input.clone()).await.expect("draft");
    assert_eq!(events(db, &everything).await, Vec::<String>::new(), "a draft is no event");

    let begun = store.transactions_begun();
    newsroom.publish_article(id, None).await.expect("publish");
    assert_eq!(store.transactions_begun() - begun, 1, "the publish and its event: one transaction");
    let changed = ArticleInput { headline: "Harbour opens at last".into(), ..input };
    newsroom.save_article(Some(id), changed).await.expect("update");
    newsroom.unpublish_article(id).await.expect("unpublish");
    newsroom.publish_article(id, None).await.expect("publish again");
    let editor = person(db, &newsroom, "ed@example.com", Role::Editor).await;
    newsroom.trash_article(&editor, id).await.expect("trash");

    let comment = CommentInput {
        name: "Rita".into(),
        email: "rita@example.com".into(),
        website: String::new(),
        text: "Good news.".into(),
        parent: None,
    }
    .check()
    .expect("valid");
    let live = store.article_state("budget-vote-passes").await.expect("query").expect("article").0;
    let held = newsroom.submit_comment(live, &comment, CommentStatus::Pending).await.expect("sent");
    newsroom.moderate_comment(held, CommentStatus::Approved).await.expect("approve");
    // Approving it again is no new event.
    newsroom.moderate_comment(held, CommentStatus::Approved).await.expect("approve again");

    assert_eq!(
        events(db, &everything).await,
        [
            "article.published",
            "article.updated",
            "article.unpublished",
            "article.published",
            "article.unpublished",
            "comment.approved",
        ]
    );
    assert_eq!(events(db, &published_only).await, ["article.published", "article.published"]);
    let log = store.webhook_deliveries(everything.id, 100).await.expect("log");
    assert!(log.iter().all(|d| d.status == DeliveryStatus::Pending && d.attempts.is_empty()));

    // The article's deliveries to both endpoints carry one message id per event.
    let claimed = newsroom.claim_webhook_deliveries(100).await.expect("claim");
    assert_eq!(claimed.len(), 8);
    let first_publish: Vec<_> = claimed.iter().filter(|d| d.event == "article.published").collect();
    assert_eq!(first_publish[0].message_id, first_publish[1].message_id);
    assert_ne!(first_publish[0].message_id, first_publish[2].message_id);
    let approved = claimed.iter().find(|d| d.event == "comment.approved").expect("comment");
    assert_eq!((approved.article, approved.comment), (Some(live), Some(held)));
    assert!(claimed.iter().all(|d| d.secret.starts_with("whsec_") && d.attempts == 0));
}

async fn each_due_delivery_is_claimed_once_and_a_dead_workers_again(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let _endpoint = endpoint(&newsroom, &["article.unpublished"]).await;
    for slug in ["river-floods-saltmarsh", "budget-vote-passes", "festival-returns"] {
        let id = db.store().article_state(slug).await.expect("query").expect("article").0;
        newsroom.unpublish_article(id).await.expect("unpublish");
    }
    // Two workers (two servers on PostgreSQL) claim at once: each delivery goes to one.
    let other = db.newsroom().await;
    let (a, b) =
        tokio::join!(newsroom.claim_webhook_deliveries(2), other.claim_webhook_deliveries(2));
    let mut ids: Vec<i64> =
        a.expect("claim").iter().chain(&b.expect("claim")).map(|d| d.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 3, "three deliveries, each claimed once");
    assert!(newsroom.claim_webhook_deliveries(10).await.expect("claim").is_empty(), "leased");

    // A worker that died leaves its claims: they are due again once the lease ends.
    db.clock.advance(WEBHOOK_LEASE + Duration::seconds(1));
    let again = newsroom.claim_webhook_deliveries(10).await.expect("claim");
    assert_eq!(again.len(), 3);
    assert!(again.iter().all(|d| d.attempts == 1), "the lost attempt counts");
}

async fn failures_back_off_give_up_after_a_day_and_disable_the_endpoint(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let store = db.store();
    let endpoint = endpoint(&newsroom, &["article.unpublished"]).await;
    let id = store.article_state("festival-returns").await.expect("query").expect("article").0;
    newsroom.unpublish_article(id).await.expect("unpublish");

    let delivery = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
    let body = newsroom.keep_webhook_body(delivery.id, "{\"first\":1}").await.expect("body");
    assert_eq!(body, "{\"first\":1}");
    let after = newsroom.record_webhook_attempt(&delivery, &failed(500)).await.expect("record");
    assert_eq!(after, AfterAttempt::Retry(db.clock.now() + Duration::seconds(30)));
    assert!(newsroom.claim_webhook_deliveries(1).await.expect("claim").is_empty(), "not yet due");

    // Tried again with growing waits; the body kept at the first attempt is sent again.
    let mut waits = Vec::new();
    let mut last = after;
    while let AfterAttempt::Retry(at) = last {
        waits.push(at - db.clock.now());
        db.clock.advance(at - db.clock.now());
        let again = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
        assert_eq!(again.body.as_deref(), Some("{\"first\":1}"));
        assert_eq!(
            newsroom.keep_webhook_body(again.id, "{\"later\":2}").await.expect("body"),
            "{\"first\":1}"
        );
        let outcome = AttemptOutcome { response_status: None, error: Some("refused".into()) };
        last = newsroom.record_webhook_attempt(&again, &outcome).await.expect("record");
    }
    assert_eq!(last, AfterAttempt::GaveUp);
    assert!(waits.windows(2).all(|w| w[1] >= w[0]), "waits grow: {waits:?}");
    assert!(waits.len() >= 8, "tried through the day: {waits:?}");

    let log = store.webhook_deliveries(endpoint.id, 10).await.expect("log");
    assert_eq!(log[0].status, DeliveryStatus::Failed);
    assert_eq!(log[0].attempts.len(), waits.len() + 1);
    assert_eq!(log[0].attempts[0].response_status, Some(500));
    assert_eq!(log[0].attempts[1].error.as_deref(), Some("refused"));
    let disabled = store.disabled_webhook_endpoints().await.expect("query");
    assert_eq!(disabled.iter().map(|e| e.id).collect::<Vec<_>>(), [endpoint.id]);
    assert!(disabled[0].disabled_at.is_some());

    // A disabled endpoint is sent nothing new.
    let other = store.article_state("budget-vote-passes").await.expect("query").expect("article");
    newsroom.unpublish_article(other.0).await.expect("unpublish");
    assert_eq!(store.webhook_deliveries(endpoint.id, 10).await.expect("log").len(), 1);
}

async fn send_again_and_enable_again(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let store = db.store();
    let admin = person(db, &newsroom, "admin@example.com", Role::Admin).await;
    let endpoint = endpoint(&newsroom, &["article.unpublished"]).await;
    let id = store.article_state("festival-returns").await.expect("query").expect("article").0;
    newsroom.unpublish_article(id).await.expect("unpublish");
    let delivery = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
    let ok = AttemptOutcome { response_status: Some(204), error: None };
    assert_eq!(
        newsroom.record_webhook_attempt(&delivery, &ok).await.expect("record"),
        AfterAttempt::Delivered
    );
    assert!(newsroom.claim_webhook_deliveries(1).await.expect("claim").is_empty());

    newsroom.resend_webhook(&admin, endpoint.id, delivery.id).await.expect("send again");
    let log = store.webhook_deliveries(endpoint.id, 10).await.expect("log");
    assert_eq!(log[0].status, DeliveryStatus::Pending);
    assert_eq!(log[0].next_attempt_at, Some(db.clock.now()));
    let again = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
    assert_eq!(again.message_id, delivery.message_id, "the same message");
    assert!(matches!(
        newsroom.resend_webhook(&admin, endpoint.id + 1, delivery.id).await,
        Err(Error::NotFound(_))
    ));

    // A failing endpoint disabled after a day comes back with a clean record.
    newsroom.record_webhook_attempt(&again, &failed(503)).await.expect("record");
    db.clock.advance(Duration::days(1));
    let late = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
    newsroom.record_webhook_attempt(&late, &failed(503)).await.expect("record");
    assert!(!store.webhook_endpoint(endpoint.id).await.expect("query").expect("there").enabled);
    // Sent again while disabled, it waits for the endpoint to be enabled.
    newsroom.resend_webhook(&admin, endpoint.id, delivery.id).await.expect("send again");
    assert!(newsroom.claim_webhook_deliveries(1).await.expect("claim").is_empty(), "disabled");
    db.clock.advance(Duration::days(2));
    newsroom.enable_webhook(&admin, endpoint.id).await.expect("enable");
    let back = store.webhook_endpoint(endpoint.id).await.expect("query").expect("there");
    assert!(back.enabled && back.failing_since.is_none() && back.disabled_at.is_none());
    // What waited is due now, with a day of retries of its own: one failure is no new day.
    let waited = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
    let after = newsroom.record_webhook_attempt(&waited, &failed(503)).await.expect("record");
    assert!(matches!(after, AfterAttempt::Retry(_)), "{after:?}");
    assert!(store.webhook_endpoint(endpoint.id).await.expect("query").expect("there").enabled);

    newsroom.delete_webhook(&admin, endpoint.id).await.expect("delete");
    assert!(store.webhook_endpoints().await.expect("query").is_empty());
}

async fn only_admins_manage_endpoints_and_addresses_are_checked(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let editor = person(db, &newsroom, "ed@example.com", Role::Editor).await;
    let admin = person(db, &newsroom, "admin@example.com", Role::Admin).await;
    let events = vec!["article.published".to_owned()];
    let url = "https://hooks.example.com/";
    assert!(matches!(
        newsroom.create_webhook(&editor, url, &events, false).await,
        Err(Error::Forbidden(_))
    ));
    let refused = |result: lede_store::Result<_>| match result {
        Err(Error::Invalid(invalid)) => invalid.message.id(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        refused(newsroom.create_webhook(&admin, "http://127.0.0.1:9/", &events, false).await),
        "validation-webhook-private"
    );
    assert_eq!(
        refused(newsroom.create_webhook(&admin, "file:///etc/passwd", &events, false).await),
        "validation-webhook-url"
    );
    assert_eq!(
        refused(newsroom.create_webhook(&admin, url, &["article.eaten".into()], false).await),
        "validation-webhook-events"
    );
    let (made, _) = newsroom
        .create_webhook(&admin, "http://127.0.0.1:9/", &events, true)
        .await
        .expect("allowed");
    assert_eq!(made.url, "http://127.0.0.1:9/");
    assert!(db.store().webhook_endpoints().await.expect("query").len() == 1);
}

async fn an_endpoint_that_sometimes_answers_is_not_disabled(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let store = db.store();
    let endpoint = endpoint(&newsroom, &["article.unpublished"]).await;
    let unpublish = |slug: &'static str| {
        let (newsroom, store) = (newsroom.clone(), store.clone());
        async move {
            let id = store.article_state(slug).await.expect("query").expect("article").0;
            newsroom.unpublish_article(id).await.expect("unpublish");
        }
    };
    unpublish("festival-returns").await;
    let doomed = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
    let mut last = newsroom.record_webhook_attempt(&doomed, &failed(500)).await.expect("record");
    let mut others_sent = false;
    while let AfterAttempt::Retry(at) = last {
        db.clock.advance(at - db.clock.now());
        if !others_sent {
            // Meanwhile another delivery gets through.
            unpublish("budget-vote-passes").await;
            for claimed in newsroom.claim_webhook_deliveries(10).await.expect("claim") {
                if claimed.id != doomed.id {
                    let ok = AttemptOutcome { response_status: Some(200), error: None };
                    newsroom.record_webhook_attempt(&claimed, &ok).await.expect("record");
                    others_sent = true;
                } else {
                    last = newsroom
                        .record_webhook_attempt(&claimed, &failed(500))
                        .await
                        .expect("record");
                }
            }
            continue;
        }
        let again = newsroom.claim_webhook_deliveries(1).await.expect("claim").remove(0);
        last = newsroom.record_webhook_attempt(&again, &failed(500)).await.expect("record");
    }
    assert!(others_sent);
    assert_eq!(last, AfterAttempt::GaveUp);
    let now = store.webhook_endpoint(endpoint.id).await.expect("query").expect("there");
    assert!(now.enabled, "a success within the day keeps it enabled");
}

async fn a_scheduled_article_is_announced_when_it_goes_live(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let endpoint = endpoint(&newsroom, &["article.published"]).await;
    let author = person(db, &newsroom, "au@example.com", Role::Editor).await;
    let input = article("embargoed", "Embargoed report", "news", &["maya-chen"], &[], "Words.");
    let edit = lede_store::Edit {
        id: None,
        input,
        tag_names: vec![],
        expected_version: None,
        step: lede_core::workflow::Step::Schedule,
        schedule_at: Some(db.clock.now() + Duration::hours(2)),
        notes: Default::default(),
    };
    newsroom.edit_article(&author, edit).await.expect("schedule");
    assert!(events(db, &endpoint).await.is_empty(), "scheduled is not live yet");
    db.clock.advance(Duration::hours(3));
    assert_eq!(newsroom.publish_due().await.expect("due"), 1);
    assert_eq!(events(db, &endpoint).await, ["article.published"]);
}
