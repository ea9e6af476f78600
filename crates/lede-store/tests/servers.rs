//! Several servers on one database, as the store sees them: each server is a `Newsroom` over
//! a pool of its own. On PostgreSQL a change made through one is heard by the others (and
//! not by itself), also after a lost connection; on both databases, schedulers running at
//! once publish each due article exactly once.

use lede_core::account::Role;
use lede_core::content::{ArticleStatus, SectionInput};
use lede_core::language::SiteLanguages;
use lede_core::workflow::Step;
use lede_store::sql::Backend;
use lede_store::test_support::{NOW, TestDb, article, load_fixture, slug};
use lede_store::{
    Accounts, ArticleFilter, Change, Edit, Heard, Newsroom, PageRequest, SearchQuery, SqlStore,
};
use std::time::Duration;
use tokio::sync::mpsc::Receiver;

lede_store::on_both_databases!(
    three_schedulers_publish_ten_due_articles_each_once,
    only_postgres_has_other_servers_to_hear,
);

const PASSWORD: &str = "a long enough password";

/// Another server on the test's database: on PostgreSQL a pool of its own, as another
/// machine would have. SQLite has one server (one writer), whose store every newsroom shares.
async fn another_server(db: &TestDb) -> Newsroom {
    let store = match db.store().backend() {
        Backend::Sqlite => db.store(),
        Backend::Postgres => SqlStore::open(&db.url).await.expect("open the database again"),
    };
    Newsroom::new(store, db.clock.clone()).await.expect("newsroom")
}

/// The next message, failing the test rather than waiting forever when none comes.
async fn next(heard: &mut Receiver<Heard>) -> Heard {
    tokio::time::timeout(Duration::from_secs(20), heard.recv())
        .await
        .expect("a message within 20 s")
        .expect("the channel stays open")
}

async fn three_schedulers_publish_ten_due_articles_each_once(db: &TestDb) {
    let first = db.newsroom().await;
    load_fixture(&first).await;
    Accounts::new(&first)
        .create_user("ed@example.com", "Ed", Role::Editor, PASSWORD)
        .await
        .expect("account");
    let editor = db.store().user_by_email("ed@example.com").await.expect("query").expect("user");
    let at = NOW + time::Duration::minutes(30);
    let mut scheduled = Vec::new();
    for n in 0..10 {
        let input = article(
            &format!("embargo-{n}"),
            &format!("Embargoed report number {n}"),
            ["news", "politics", "culture"][n % 3],
            &["maya-chen"],
            &["river", "budget"][..1 + n % 2],
            &"The river flood barrier council budget vote. ".repeat(20),
        );
        let edit = Edit {
            id: None,
            input,
            tag_names: vec![],
            expected_version: None,
            step: Step::Schedule,
            schedule_at: Some(at),
            notes: Default::default(),
        };
        scheduled.push(first.edit_article(&editor, edit).await.expect("scheduled"));
    }
    let servers = [first, another_server(db).await, another_server(db).await];
    let mut announced = Vec::new();
    for server in &servers {
        let mut changes = server.subscribe();
        announced.push(tokio::spawn(async move {
            let mut ids = Vec::new();
            while let Ok(change) = changes.recv().await {
                if let Change::Article(article) = change {
                    ids.push(article.id);
                }
            }
            ids
        }));
    }
    db.clock.advance(time::Duration::hours(1));
    let runs: Vec<_> = servers
        .iter()
        .map(|server| {
            let server = server.clone();
            tokio::spawn(async move { server.publish_due().await })
        })
        .collect();
    let mut published = 0;
    for run in runs {
        published += run.await.expect("the task ends").expect("publish_due fails nowhere");
    }
    assert_eq!(published, 10, "each due article published once, by one of the servers");
    // Every clone gone, the subscribers' channels close and they hand over what they heard.
    drop(servers);
    let mut announcements = Vec::new();
    for ids in announced {
        let ids = tokio::time::timeout(Duration::from_secs(20), ids).await;
        announcements.extend(ids.expect("the channels close").expect("the task ends"));
    }
    announcements.sort();
    assert_eq!(announcements, scheduled, "each announced once, by the server that published it");
    let store = db.store();
    for id in &scheduled {
        let article = store.editable_article(*id).await.expect("query").expect("article");
        assert_eq!(article.status, ArticleStatus::Published);
    }
    let query = SearchQuery { text: "embargoed".to_owned(), filter: ArticleFilter::default() };
    let found = store.search(&query, PageRequest::first(20)).await.expect("search").hits;
    assert_eq!(found.total, 10, "each of them in the search index once");
}

async fn only_postgres_has_other_servers_to_hear(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let joined = newsroom.join_servers().await.expect("join");
    match db.store().backend() {
        Backend::Sqlite => assert!(joined.is_none(), "one server on SQLite"),
        Backend::Postgres => assert!(joined.is_some()),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_made_through_one_server_reaches_the_other_and_not_itself() {
    let Some(db) = TestDb::postgres().await else { return };
    let (a, b) = (db.newsroom().await, another_server(&db).await);
    let mut heard_by_a = a.join_servers().await.expect("join").expect("PostgreSQL");
    let mut heard_by_b = b.join_servers().await.expect("join").expect("PostgreSQL");
    let mut purged_on_b = b.subscribe();

    // The languages and a section (the catalog) change on A: B reads its languages again.
    let languages = SiteLanguages::new(&["en", "ur"], "en").expect("valid tags");
    a.set_languages(languages).await.expect("languages");
    assert_eq!(next(&mut heard_by_b).await, Heard::Change(Change::Catalog));
    b.apply_heard(&Change::Catalog).await.expect("apply");
    assert!(b.has_edition("ur"), "B reads the languages A set");
    assert_eq!(purged_on_b.recv().await.expect("B's listeners hear it"), Change::Catalog);

    load_fixture(&a).await;
    let section = SectionInput {
        slug: slug("sport"),
        name: "Sport".to_owned(),
        description: String::new(),
        parent: None,
    };
    a.save_section(section, 9).await.expect("section");
    // A publish through A: B hears the very change A's own listeners heard.
    let mut on_a = a.subscribe();
    let id = a
        .save_article(
            None,
            article("harbour-opens", "Harbour opens", "news", &["maya-chen"], &["river"], "Text."),
        )
        .await
        .expect("draft");
    a.publish_article(id, None).await.expect("publish");
    let change = on_a.recv().await.expect("A announces it");
    let Change::Article(ref published) = change else { panic!("an article change: {change:?}") };
    assert_eq!(published.id, id);
    assert!(!published.moved.is_empty(), "it entered lists");
    // B hears the fixture's changes first, in the order A made them.
    loop {
        match next(&mut heard_by_b).await {
            Heard::Change(Change::Article(heard)) if heard.id == id => {
                assert_eq!(Change::Article(heard), change, "the change arrives whole");
                break;
            }
            Heard::Change(_) => {}
            Heard::Missed => panic!("B missed changes before the publish"),
        }
    }

    // B changes something: A hears that first, having ignored every change of its own.
    b.unpublish_article(id).await.expect("unpublish");
    match next(&mut heard_by_a).await {
        Heard::Change(Change::Article(heard)) => assert_eq!(heard.id, id),
        other => panic!("A heard {other:?}, not B's unpublish"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_lost_its_connection_drops_everything_and_hears_again() {
    let Some(db) = TestDb::postgres().await else { return };
    let (a, b) = (db.newsroom().await, another_server(&db).await);
    load_fixture(&a).await;
    let _heard_by_a = a.join_servers().await.expect("join").expect("PostgreSQL");
    let mut heard_by_b = b.join_servers().await.expect("join").expect("PostgreSQL");
    db.execute_raw(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
        &[],
    )
    .await;
    assert_eq!(next(&mut heard_by_b).await, Heard::Missed, "told when the connection is lost");
    assert_eq!(next(&mut heard_by_b).await, Heard::Missed, "and again once it listens again");
    a.save_tag(&slug("harbour"), "Harbour").await.expect("tag");
    assert_eq!(next(&mut heard_by_b).await, Heard::Change(Change::Catalog), "hears again");
}
