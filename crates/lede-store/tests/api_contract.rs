//! The store's contract for the content API, on SQLite and PostgreSQL alike: keyset pages,
//! partner-only articles, and partners' API keys.

use lede_core::content::*;
use lede_store::test_support::{NOW, TestDb, article, load_fixture};
use lede_store::{ArticleCursor, ArticleFilter, Audience, Error, Newsroom, PageRequest};
use sqlx::Row;
use time::Duration;

lede_store::on_both_databases!(
    keyset_pages_do_not_shift_when_articles_are_published_meanwhile,
    keyset_pages_split_ties_by_id_and_keep_filters,
    authors_and_tags_page_by_id,
    partner_only_articles_are_hidden_from_the_public,
    api_keys_are_kept_as_hashes_and_revoked,
);

async fn fixture(db: &TestDb) -> Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

fn slugs(items: &[ArticleSummary]) -> Vec<String> {
    items.iter().map(|a| a.slug.to_string()).collect()
}

/// Saves and publishes an article in `news` by Maya Chen, `age` before now.
async fn publish(newsroom: &Newsroom, slug: &str, age: Duration, partner_only: bool) -> ArticleId {
    let mut input = article(slug, slug, "news", &["maya-chen"], &["river"], "River text.");
    input.partner_only = partner_only;
    let id = newsroom.save_article(None, input).await.expect("save");
    newsroom.publish_article(id, Some(NOW - age)).await.expect("publish");
    id
}

/// Every page of a list, following the cursors, with something done between pages.
async fn all_pages(db: &TestDb, filter: &ArticleFilter, limit: u32) -> Vec<Vec<String>> {
    let store = db.store();
    let mut pages = Vec::new();
    let mut after = None;
    loop {
        let page = store.list_articles_after(filter, after, limit).await.expect("page");
        pages.push(slugs(&page.items));
        match page.next {
            Some(next) => after = Some(next),
            None => return pages,
        }
        assert!(pages.len() < 20, "the cursor never ends");
    }
}

async fn keyset_pages_do_not_shift_when_articles_are_published_meanwhile(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let filter = ArticleFilter::default();
    let first = store.list_articles_after(&filter, None, 4).await.expect("page 1");
    assert_eq!(
        slugs(&first.items),
        ["river-clean-up", "budget-row-deepens", "festival-returns", "flood-barrier-plan"]
    );
    let next = first.next.expect("a second page");
    assert_eq!(next, ArticleCursor::after(&first.items[3]));
    // Two newer articles arrive between the pages; offset paging would repeat two articles.
    publish(&newsroom, "breaking-one", Duration::hours(2), false).await;
    publish(&newsroom, "breaking-two", Duration::hours(1), false).await;
    let second = store.list_articles_after(&filter, Some(next), 4).await.expect("page 2");
    assert_eq!(slugs(&second.items), ["budget-vote-passes", "river-floods-saltmarsh"]);
    assert_eq!(second.next, None, "the last page says so");
    let offset_page =
        store.list_articles(&filter, PageRequest::new(2, 4)).await.expect("offset page 2");
    assert_eq!(slugs(&offset_page.items)[0], "festival-returns", "what keyset paging avoids");
}

async fn keyset_pages_split_ties_by_id_and_keep_filters(db: &TestDb) {
    let newsroom = fixture(db).await;
    // Three articles published in the same second: the id breaks the tie.
    let mut tied = Vec::new();
    for slug in ["tie-a", "tie-b", "tie-c"] {
        tied.push(publish(&newsroom, slug, Duration::minutes(5), false).await);
    }
    let river = db.store().tag_by_slug("river").await.expect("query").expect("tag");
    let filter = ArticleFilter { tag: Some(river.id), ..Default::default() };
    let pages = all_pages(db, &filter, 2).await;
    assert_eq!(
        pages,
        [
            vec!["tie-c", "tie-b"],
            vec!["tie-a", "river-clean-up"],
            vec!["flood-barrier-plan", "river-floods-saltmarsh"],
        ]
    );
    let window = ArticleFilter {
        from: Some(NOW - Duration::days(4)),
        until: Some(NOW - Duration::days(2)),
        ..Default::default()
    };
    assert_eq!(
        all_pages(db, &window, 1).await,
        [vec!["festival-returns"], vec!["flood-barrier-plan"]]
    );
    let empty = all_pages(db, &ArticleFilter { from: Some(NOW), ..Default::default() }, 5).await;
    assert_eq!(empty, [Vec::<String>::new()]);
}

async fn authors_and_tags_page_by_id(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let first = store.list_authors_after(None, 1).await.expect("authors");
    assert_eq!(first.items[0].slug.as_str(), "maya-chen");
    assert_eq!(first.items[0].website.as_deref(), Some("https://maya.example.com"));
    let second = store.list_authors_after(first.next, 1).await.expect("authors");
    assert_eq!(second.items[0].slug.as_str(), "jonas-berg");
    assert_eq!(second.next, None);
    let tags = store.list_tags_after(None, 2).await.expect("tags");
    let names: Vec<_> = tags.items.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(names, ["river", "budget"]);
    let rest = store.list_tags_after(tags.next, 2).await.expect("tags");
    assert_eq!(rest.items.len(), 1);
    assert_eq!((rest.items[0].slug.as_str(), rest.next), ("music", None));
}

async fn partner_only_articles_are_hidden_from_the_public(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let id = publish(&newsroom, "agency-exclusive", Duration::hours(1), true).await;
    let public =
        store.list_articles(&ArticleFilter::default(), PageRequest::first(50)).await.expect("list");
    assert!(!slugs(&public.items).contains(&"agency-exclusive".to_owned()));
    assert_eq!(public.total, 6, "counts leave it out too");
    assert!(store.published_article("agency-exclusive").await.expect("query").is_none());
    let partner = ArticleFilter { audience: Audience::Partner, ..Default::default() };
    let seen = store.list_articles_after(&partner, None, 1).await.expect("list");
    assert_eq!(slugs(&seen.items), ["agency-exclusive"]);
    assert!(seen.items[0].partner_only);
    let public_page =
        store.list_articles_after(&ArticleFilter::default(), None, 1).await.expect("list");
    assert_eq!(slugs(&public_page.items), ["river-clean-up"]);
    let full = store
        .published_article_for("agency-exclusive", Audience::Partner)
        .await
        .expect("query")
        .expect("partners read it");
    assert!(full.summary.partner_only && full.created_at <= NOW);
    // It shares the river stories' words, yet never shows among their related articles.
    for slug in ["river-clean-up", "flood-barrier-plan", "river-floods-saltmarsh"] {
        let other = store.published_article(slug).await.expect("query").expect("article");
        let related = store.related_articles(other.summary.id).await.expect("related");
        assert!(related.iter().all(|r| r.id != id), "{slug} lists the partner-only article");
    }
    // Made public through the same domain path, it appears at once.
    let mut input = article(
        "agency-exclusive",
        "agency-exclusive",
        "news",
        &["maya-chen"],
        &["river"],
        "River text.",
    );
    input.partner_only = false;
    newsroom.save_article(Some(id), input).await.expect("save");
    let now_public =
        store.published_article("agency-exclusive").await.expect("query").expect("public now");
    assert!(!now_public.summary.partner_only);
}

async fn api_keys_are_kept_as_hashes_and_revoked(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let store = db.store();
    let (made, key) = newsroom.create_api_key("  Coast Radio ").await.expect("key");
    assert_eq!(made.partner, "Coast Radio");
    assert!(key.reveal().starts_with("lede_") && !made.is_revoked());
    assert!(key.reveal().starts_with(&made.hint));
    let (_, other) = newsroom.create_api_key("Valley Times").await.expect("key");
    assert_ne!(key.reveal(), other.reveal(), "keys are random");
    let found = store.api_key_by_hash(&key.hash()).await.expect("query").expect("found by hash");
    assert_eq!(found, made);
    assert_eq!(
        store.api_key_by_hash(&lede_core::api_key::hash_key("lede_nope")).await.expect("query"),
        None
    );
    // Nothing stored works as the key.
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let rows = sqlx::query("SELECT partner, key_hash, hint FROM api_keys")
        .fetch_all(&pool)
        .await
        .expect("rows");
    for row in &rows {
        for column in ["partner", "key_hash", "hint"] {
            let value: String = row.try_get(column).expect(column);
            assert!(!value.contains(key.reveal()) && !value.contains(other.reveal()));
        }
    }
    pool.close().await;

    db.clock.advance(Duration::hours(1));
    let revoked = newsroom.revoke_api_key(made.id).await.expect("revoke");
    assert_eq!(revoked.revoked_at, Some(NOW + Duration::hours(1)));
    db.clock.advance(Duration::hours(1));
    let again = newsroom.revoke_api_key(made.id).await.expect("revoke again");
    assert_eq!(again.revoked_at, revoked.revoked_at, "the first revocation stands");
    let listed = store.api_keys().await.expect("list");
    let states: Vec<_> = listed.iter().map(|k| (k.partner.as_str(), k.is_revoked())).collect();
    assert_eq!(states, [("Coast Radio", true), ("Valley Times", false)]);
    let missing = newsroom.revoke_api_key(ApiKeyId(999_999)).await;
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
    let nameless = newsroom.create_api_key(" ").await;
    assert!(matches!(nameless, Err(Error::Invalid(_))), "{nameless:?}");
}
