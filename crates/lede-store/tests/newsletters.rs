//! Newsletters on SQLite and PostgreSQL alike: nothing goes to an address before it is
//! confirmed; an article emailed on publish is queued in the publish's transaction, once per
//! list however often it is published; each message is claimed by one worker and never sent
//! twice, even when a worker dies mid-send; refusals are retried or mark the address
//! undeliverable; unsubscribing and removal keep only a hash that no import gets past.

use lede_core::account::Role;
use lede_core::content::*;
use lede_core::newsletter::{self, CONFIRM_LIFETIME, List, ListKind};
use lede_core::workflow::Step;
use lede_store::test_support::{TestDb, fixture_newsroom, person};
use lede_store::{Edit, Error, Newsroom, SEND_LEASE, SendOutcome, SubscriberStatus};
use time::Duration;

lede_store::on_both_databases!(
    nothing_is_sent_before_the_reader_confirms,
    an_article_emailed_on_publish_is_queued_with_it_once,
    each_message_is_claimed_once_and_never_sent_twice,
    refusals_are_retried_or_mark_the_address_undeliverable,
    unsubscribing_and_removal_keep_only_a_hash,
    only_editors_manage_newsletters,
);

fn breaking() -> List {
    List::new(ListKind::Breaking, "en")
}

/// Confirmed subscribers to the English lists, through an import that states consent.
async fn confirmed_readers(newsroom: &Newsroom, count: usize) {
    let csv: String = std::iter::once("email,consent\n".to_owned())
        .chain((0..count).map(|i| format!("reader{i}@example.org,yes\n")))
        .collect();
    let rows = newsletter::read_csv(csv.as_bytes()).expect("csv");
    let (report, to_confirm) = newsroom.import_subscribers_unchecked(&rows).await.expect("import");
    assert_eq!((report.confirmed, to_confirm.len()), (count, 0));
}

async fn confirm(newsroom: &Newsroom, id: i64) {
    let expires = (newsroom.now() + CONFIRM_LIFETIME).unix_timestamp();
    let sig = newsletter::confirm_signature(newsroom.secret(), id, expires);
    assert!(newsroom.confirm_subscriber(id, expires, &sig).await.expect("confirm"));
}

async fn nothing_is_sent_before_the_reader_confirms(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    let lists = vec!["daily:en".to_owned(), "breaking:en".to_owned()];
    let id = newsroom
        .subscribe_reader("Reader@Example.org", "en", &lists)
        .await
        .expect("subscribe")
        .expect("a confirmation to send");
    let daily = List::new(ListKind::Daily, "en");
    let end = newsroom.now();
    newsroom.make_daily_briefing(&daily, "2026-01-01", end).await.expect("issue");
    assert_eq!(newsroom.queue_newsletter_issues().await.expect("queue"), 1);
    assert!(newsroom.claim_newsletter_sends(10).await.expect("claim").is_empty(), "unconfirmed");

    // A link altered or expired confirms nothing.
    let expires = (newsroom.now() + CONFIRM_LIFETIME).unix_timestamp();
    let sig = newsletter::confirm_signature(newsroom.secret(), id, expires);
    assert!(matches!(
        newsroom.confirm_subscriber(id, expires + 1, &sig).await,
        Err(Error::Invalid(_))
    ));
    db.clock.advance(CONFIRM_LIFETIME + Duration::seconds(1));
    assert!(matches!(newsroom.confirm_subscriber(id, expires, &sig).await, Err(Error::Invalid(_))));
    confirm(&newsroom, id).await;
    let subscriber = db.store().subscriber(id).await.expect("query").expect("kept");
    assert_eq!(subscriber.status, SubscriberStatus::Confirmed);
    assert_eq!(subscriber.confirmed_lists(), ["breaking:en", "daily:en"]);

    // The same address again, with the same lists: nothing to confirm, and no second row.
    let again = newsroom.subscribe_reader("reader@example.org", "en", &lists).await.expect("again");
    assert_eq!(again, None);
    // A new list waits for its own confirmation; the others keep coming meanwhile.
    newsroom.make_daily_briefing(&daily, "2026-01-02", newsroom.now()).await.expect("issue");
    let more = newsroom.subscribe_reader("reader@example.org", "en", &["daily:ur".into()]).await;
    assert_eq!(more.expect("more"), Some(id));
    newsroom.queue_newsletter_issues().await.expect("queue");
    let claimed = newsroom.claim_newsletter_sends(10).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].email, "Reader@Example.org");
    let (all, total) = db.store().subscribers("", 10, 0).await.expect("list");
    assert_eq!((all.len(), total), (1, 1));
    assert!(all[0].lists.contains(&("daily:ur".to_owned(), false)));

    // Lists the site does not offer are refused, as is a bad address.
    let refused = newsroom.subscribe_reader("x@example.org", "en", &["weekly:en".into()]).await;
    assert!(matches!(refused, Err(Error::Invalid(_))));
    let refused = newsroom.subscribe_reader("not an address", "en", &lists).await;
    assert!(matches!(refused, Err(Error::Invalid(_))));
}

async fn an_article_emailed_on_publish_is_queued_with_it_once(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    confirmed_readers(&newsroom, 3).await;
    let editor = person(db, &newsroom, "ed@example.com", Role::Editor).await;
    let input = lede_store::test_support::article(
        "harbour-opens",
        "Harbour opens",
        "news",
        &["maya-chen"],
        &[],
        "Boats.",
    );
    let id = newsroom.save_article(None, input.clone()).await.expect("draft");
    let edit = |step| Edit {
        id: Some(id),
        input: input.clone(),
        tag_names: vec![],
        expected_version: None,
        step,
        schedule_at: None,
        notes: UpdateNotes::default(),
    };
    // Saving a draft with the box ticked is refused whole: only a publish emails.
    let refused = newsroom
        .edit_article_emailed(
            &editor,
            edit(Step::SaveDraft),
            Default::default(),
            Some("breaking:en"),
        )
        .await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    // A list in another language than the article's is refused too.
    let refused = newsroom
        .edit_article_emailed(&editor, edit(Step::Publish), Default::default(), Some("daily:ur"))
        .await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    assert!(db.store().newsletter_reports(10).await.expect("reports").is_empty());

    let begun = db.store().transactions_begun();
    newsroom
        .edit_article_emailed(&editor, edit(Step::Publish), Default::default(), Some("breaking:en"))
        .await
        .expect("publish and email");
    assert_eq!(db.store().transactions_begun() - begun, 1, "the publish and its issue: one");
    // Unpublished and published again, emailed again: the list has had it.
    newsroom.unpublish_article(id).await.expect("unpublish");
    newsroom
        .edit_article_emailed(&editor, edit(Step::Publish), Default::default(), Some("breaking:en"))
        .await
        .expect("publish again");
    let reports = db.store().newsletter_reports(10).await.expect("reports");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].issue.article, Some(id));
    assert_eq!(reports[0].issue.list, breaking().key());
    newsroom.queue_newsletter_issues().await.expect("queue");
    let reports = db.store().newsletter_reports(10).await.expect("reports");
    assert_eq!(reports[0].queued, 3, "one message per confirmed subscriber");
}

async fn each_message_is_claimed_once_and_never_sent_twice(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    confirmed_readers(&newsroom, 5).await;
    let events = vec!["newsletter.sent".to_owned()];
    newsroom.add_webhook("http://127.0.0.1:9/hook", &events, true).await.expect("endpoint");
    let issue = newsroom
        .make_daily_briefing(&breaking(), "2026-01-01", newsroom.now())
        .await
        .expect("issue")
        .expect("new");
    // Two servers queue the issue at once: its messages exist once.
    let other = db.newsroom().await;
    let (a, b) = tokio::join!(newsroom.queue_newsletter_issues(), other.queue_newsletter_issues());
    assert_eq!(a.expect("queue") + b.expect("queue"), 1);
    // ... and claim at once: each message goes to one of them.
    let (a, b) = tokio::join!(newsroom.claim_newsletter_sends(3), other.claim_newsletter_sends(3));
    let (a, b) = (a.expect("claim"), b.expect("claim"));
    let mut ids: Vec<i64> = a.iter().chain(&b).map(|s| s.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 5, "five messages, each claimed once");
    let claimed: Vec<_> = a.into_iter().chain(b).collect();
    // Four are sent and recorded as one batch.
    let sent: Vec<_> = claimed[..4].iter().map(|s| (s.clone(), SendOutcome::Sent)).collect();
    newsroom.record_newsletter_sends(&sent).await.expect("record");
    // The fifth's worker dies mid-send: it is never claimed again, even once its lease ends.
    db.clock.advance(SEND_LEASE + Duration::seconds(1));
    assert!(newsroom.claim_newsletter_sends(10).await.expect("claim").is_empty());
    // Finished, the issue is done and partners are told, in one transaction, once.
    assert_eq!(newsroom.finish_newsletter_issues().await.expect("finish"), 1);
    assert_eq!(newsroom.finish_newsletter_issues().await.expect("finish"), 0);
    let report = &db.store().newsletter_reports(10).await.expect("reports")[0];
    assert_eq!((report.queued, report.delivered, report.failed), (0, 4, 1));
    let told = newsroom.claim_webhook_deliveries(10).await.expect("deliveries");
    assert_eq!(told.len(), 1);
    assert_eq!((told[0].event.as_str(), told[0].issue), ("newsletter.sent", Some(issue)));
    // An idle worker's turn writes nothing: it looks first.
    let before = db.store().transactions_begun();
    assert_eq!(newsroom.queue_newsletter_issues().await.expect("queue"), 0);
    assert!(newsroom.claim_newsletter_sends(10).await.expect("claim").is_empty());
    assert_eq!(newsroom.finish_newsletter_issues().await.expect("finish"), 0);
    assert_eq!(db.store().transactions_begun(), before, "no write transaction when idle");
}

async fn refusals_are_retried_or_mark_the_address_undeliverable(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    confirmed_readers(&newsroom, 2).await;
    newsroom.make_daily_briefing(&breaking(), "2026-01-01", newsroom.now()).await.expect("issue");
    newsroom.queue_newsletter_issues().await.expect("queue");
    let claimed = newsroom.claim_newsletter_sends(10).await.expect("claim");
    let (busy, gone) = (&claimed[0], &claimed[1]);
    newsroom
        .record_newsletter_sends(&[
            (busy.clone(), SendOutcome::Temporary("451 try later".into())),
            (gone.clone(), SendOutcome::Permanent("550 no such user".into())),
        ])
        .await
        .expect("record");
    let undeliverable = db.store().subscriber(gone.subscriber_id).await.expect("q").expect("s");
    assert_eq!(undeliverable.status, SubscriberStatus::Undeliverable);
    assert!(newsroom.claim_newsletter_sends(10).await.expect("claim").is_empty(), "not yet due");
    // Retried after the backoff, up to the last attempt, then failed.
    for attempt in 1..newsletter::MAX_ATTEMPTS {
        db.clock.advance(newsletter::retry_delay(attempt));
        let again = newsroom.claim_newsletter_sends(10).await.expect("claim");
        assert_eq!(again.len(), 1, "attempt {}", attempt + 1);
        assert_eq!(again[0].attempts, attempt);
        newsroom
            .record_newsletter_sends(&[(again[0].clone(), SendOutcome::Temporary("451".into()))])
            .await
            .expect("record");
    }
    db.clock.advance(Duration::days(1));
    assert!(newsroom.claim_newsletter_sends(10).await.expect("claim").is_empty());
    let report = &db.store().newsletter_reports(10).await.expect("reports")[0];
    assert_eq!((report.queued, report.delivered, report.failed), (0, 0, 2));
    // An undeliverable address receives no later issue.
    newsroom.make_daily_briefing(&breaking(), "2026-01-02", newsroom.now()).await.expect("issue");
    newsroom.queue_newsletter_issues().await.expect("queue");
    let next = newsroom.claim_newsletter_sends(10).await.expect("claim");
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].subscriber_id, busy.subscriber_id);
}

async fn unsubscribing_and_removal_keep_only_a_hash(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    confirmed_readers(&newsroom, 1).await;
    let store = db.store();
    let reader = store.subscriber_by_email("reader0@example.org").await.expect("q").expect("s");
    let sig = newsletter::subscriber_signature(newsroom.secret(), reader.id);
    newsroom.make_daily_briefing(&breaking(), "2026-01-01", newsroom.now()).await.expect("issue");
    let issue = store.newsletter_reports(1).await.expect("reports")[0].issue.id;

    assert!(matches!(
        newsroom.unsubscribe(reader.id, "not-the-signature", "breaking:en", None).await,
        Err(Error::NotFound(_))
    ));
    assert!(newsroom.unsubscribe(reader.id, &sig, "breaking:en", Some(issue)).await.expect("off"));
    assert!(!newsroom.unsubscribe(reader.id, &sig, "breaking:en", None).await.expect("twice"));
    assert_eq!(store.newsletter_reports(1).await.expect("reports")[0].unsubscribed, 1);
    let kept = store.subscriber(reader.id).await.expect("q").expect("still on a list");
    assert_eq!(kept.confirmed_lists(), ["daily:en"]);
    // Off the last list: the address is gone, only its keyed hash is kept.
    assert!(newsroom.unsubscribe(reader.id, &sig, "daily:en", None).await.expect("off"));
    assert!(store.subscriber(reader.id).await.expect("q").is_none());
    let hash = newsletter::removed_hash(newsroom.secret(), "READER0@example.org");
    assert!(store.address_removed(&hash).await.expect("q"));

    // No import brings it back...
    let rows = newsletter::read_csv(b"email,consent\nreader0@example.org,yes\n").expect("csv");
    let (report, _) = newsroom.import_subscribers_unchecked(&rows).await.expect("import");
    assert_eq!((report.confirmed, report.removed), (0, 1));
    assert!(store.subscriber_by_email("reader0@example.org").await.expect("q").is_none());
    // ... but the reader may, by confirming anew.
    let id = newsroom
        .subscribe_reader("reader0@example.org", "en", &["daily:en".into()])
        .await
        .expect("subscribe")
        .expect("to confirm");
    confirm(&newsroom, id).await;
    assert!(!store.address_removed(&hash).await.expect("q"));

    // The lists page: none left removes the subscriber too.
    let sig = newsletter::subscriber_signature(newsroom.secret(), id);
    newsroom.set_subscriber_lists(id, &sig, &["breaking:en".into()]).await.expect("lists");
    let kept = store.subscriber(id).await.expect("q").expect("s");
    assert_eq!(kept.confirmed_lists(), ["breaking:en"]);
    newsroom.set_subscriber_lists(id, &sig, &[]).await.expect("none");
    assert!(store.subscriber(id).await.expect("q").is_none());
    assert!(store.address_removed(&hash).await.expect("q"));
}

async fn only_editors_manage_newsletters(db: &TestDb) {
    let newsroom = fixture_newsroom(db).await;
    confirmed_readers(&newsroom, 1).await;
    let author = person(db, &newsroom, "au@example.com", Role::Author).await;
    let editor = person(db, &newsroom, "ed@example.com", Role::Editor).await;
    assert!(matches!(
        newsroom.list_subscribers(&author, "", 10, 0).await,
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        newsroom.set_newsletter_settings(&author, "06:30", &[]).await,
        Err(Error::Forbidden(_))
    ));
    let reader =
        db.store().subscriber_by_email("reader0@example.org").await.expect("q").expect("s");
    assert!(matches!(
        newsroom.remove_subscriber(&author, reader.id).await,
        Err(Error::Forbidden(_))
    ));
    assert!(matches!(
        newsroom.set_newsletter_settings(&editor, "25:00", &[]).await,
        Err(Error::Invalid(_))
    ));
    let news = db.store().sections().await.expect("sections")[0].id;
    newsroom.set_newsletter_settings(&editor, "6:30", &[news, SectionId(9999)]).await.expect("set");
    let settings = newsroom.newsletter_settings().await.expect("settings");
    assert_eq!(settings.daily_time, (6, 30));
    assert_eq!(settings.sections, [news], "unknown sections are left out");
    let lists = newsroom.newsletter_lists().await.expect("lists");
    assert!(lists.contains(&List::new(ListKind::Section(news), "en")));
    newsroom.remove_subscriber(&editor, reader.id).await.expect("remove");
    assert!(db.store().subscriber(reader.id).await.expect("q").is_none());
}
