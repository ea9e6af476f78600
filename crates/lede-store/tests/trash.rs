//! The trash and the desk's bulk actions, on SQLite and PostgreSQL alike: trashing takes an
//! article off the site but keeps it whole, restoring brings it back as a draft, deleting
//! for good is for editors and only from the trash; the desk sorts and counts.

use lede_core::account::{Role, User};
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::*;
use lede_core::workflow::Step;
use lede_store::test_support::{TestDb, load_fixture, slug};
use lede_store::{
    ArticleFilter, Change, DeskFilter, DeskSort, Error, Newsroom, PageRequest, SearchQuery,
};

lede_store::on_both_databases!(
    a_trashed_article_leaves_the_site_whole_and_comes_back_as_a_draft,
    only_trashed_articles_are_deleted_and_only_by_editors,
    trash_follows_the_workflows_roles,
    bulk_steps_follow_the_editors_rules,
    the_desk_sorts_counts_and_shows_words_and_comments,
);

const PASSWORD: &str = "a long enough password";

async fn fixture(db: &TestDb) -> Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

async fn person(db: &TestDb, newsroom: &Newsroom, email: &str, name: &str, role: Role) -> User {
    lede_store::Accounts::new(newsroom)
        .create_user(email, name, role, PASSWORD)
        .await
        .expect("account");
    db.store().user_by_email(email).await.expect("query").expect("user")
}

async fn id_of(db: &TestDb, slug: &str) -> ArticleId {
    db.store().article_state(slug).await.expect("query").expect("article").0
}

async fn approve_comment(newsroom: &Newsroom, article: ArticleId, name: &str) {
    let comment = CommentInput {
        name: name.into(),
        email: "r@example.com".into(),
        website: String::new(),
        text: format!("Words from {name}"),
        parent: None,
    }
    .check()
    .expect("valid");
    newsroom.submit_comment(article, &comment, CommentStatus::Approved).await.expect("comment");
}

async fn search_slugs(db: &TestDb, text: &str) -> Vec<String> {
    let query = SearchQuery { text: text.into(), filter: ArticleFilter::default() };
    let hits = db.store().search(&query, PageRequest::first(20)).await.expect("search").hits.items;
    hits.into_iter().map(|h| h.summary.slug.to_string()).collect()
}

async fn desk(db: &TestDb, filter: DeskFilter) -> Vec<lede_store::DeskRow> {
    db.store().desk(&filter, PageRequest::first(50)).await.expect("desk").items
}

async fn a_trashed_article_leaves_the_site_whole_and_comes_back_as_a_draft(db: &TestDb) {
    let newsroom = fixture(db).await;
    let editor = person(db, &newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let store = db.store();
    let id = id_of(db, "river-floods-saltmarsh").await;
    approve_comment(&newsroom, id, "Rita").await;
    let revisions = store.revisions(id).await.expect("revisions").len();
    assert!(search_slugs(db, "saltmarsh").await.contains(&"river-floods-saltmarsh".to_owned()));
    let mut changes = newsroom.subscribe();

    let begun = store.transactions_begun();
    newsroom.trash_article(&editor, id).await.expect("trash");
    assert_eq!(store.transactions_begun() - begun, 1, "one transaction");
    assert!(store.published_article("river-floods-saltmarsh").await.expect("query").is_none());
    assert!(store.is_trashed("river-floods-saltmarsh").await.expect("query"));
    assert_eq!(
        store.trashed_language("river-floods-saltmarsh").await.expect("query").as_deref(),
        Some("en")
    );
    assert!(!search_slugs(db, "saltmarsh").await.contains(&"river-floods-saltmarsh".to_owned()));
    let listed = store.list_articles(&ArticleFilter::default(), PageRequest::first(50)).await;
    assert!(listed.expect("list").items.iter().all(|a| a.id != id), "gone from the lists");
    // What readers saw changed is announced, so the cache purges it.
    let change = changes.try_recv().expect("announced");
    assert!(
        matches!(&change, Change::Article(c) if c.id == id && !c.moved.is_empty()),
        "{change:?}"
    );
    // In the trash, not on the desk.
    assert!(desk(db, DeskFilter::default()).await.iter().all(|r| r.id != id));
    let trash = desk(db, DeskFilter { trash: true, ..Default::default() }).await;
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].trashed.map(|(_, from)| from), Some(ArticleStatus::Published));
    assert_eq!(store.trashed_count().await.expect("count"), 1);
    let counts = store.desk_counts().await.expect("counts");
    assert!(counts.contains(&(ArticleStatus::Published, 5)), "{counts:?}");
    // The editor refuses to change it until it is restored.
    let stored = store.editable_article(id).await.expect("query").expect("kept");
    let edit = lede_store::Edit {
        id: Some(id),
        input: stored.input.clone(),
        tag_names: vec![],
        expected_version: Some(stored.version),
        step: Step::Publish,
        schedule_at: None,
        notes: UpdateNotes::default(),
    };
    assert!(matches!(newsroom.edit_article(&editor, edit).await, Err(Error::Invalid(_))));
    assert!(
        matches!(newsroom.trash_article(&editor, id).await, Err(Error::Invalid(_))),
        "trashed once"
    );

    newsroom.restore_article(&editor, id).await.expect("restore");
    let restored = store.editable_article(id).await.expect("query").expect("kept");
    assert_eq!(restored.status, ArticleStatus::Draft, "back as a draft");
    assert!(restored.trashed_at.is_none());
    assert_eq!(restored.input.tags, stored.input.tags, "its tags kept");
    assert_eq!(store.revisions(id).await.expect("revisions").len(), revisions, "and revisions");
    assert_eq!(store.approved_comments(id).await.expect("comments").len(), 1, "and comments");
    assert!(store.published_article("river-floods-saltmarsh").await.expect("query").is_none());
    newsroom.publish_article(id, None).await.expect("publish again");
    assert!(search_slugs(db, "saltmarsh").await.contains(&"river-floods-saltmarsh".to_owned()));
}

async fn only_trashed_articles_are_deleted_and_only_by_editors(db: &TestDb) {
    let newsroom = fixture(db).await;
    let editor = person(db, &newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let maya = person(db, &newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let store = db.store();
    let id = id_of(db, "budget-vote-passes").await;
    approve_comment(&newsroom, id, "Rita").await;
    assert!(matches!(newsroom.delete_trashed(&editor, id).await, Err(Error::Invalid(_))));
    newsroom.trash_article(&maya, id).await.expect("her own");
    assert!(matches!(newsroom.delete_trashed(&maya, id).await, Err(Error::Forbidden(_))));
    assert!(matches!(newsroom.empty_trash(&maya).await, Err(Error::Forbidden(_))));
    let other = id_of(db, "festival-returns").await;
    newsroom.trash_article(&editor, other).await.expect("trash");
    newsroom.delete_trashed(&editor, id).await.expect("delete");
    assert!(store.editable_article(id).await.expect("query").is_none(), "gone for good");
    assert!(!store.is_trashed("budget-vote-passes").await.expect("query"));
    assert_eq!(store.trashed_language("budget-vote-passes").await.expect("query"), None);
    assert_eq!(newsroom.empty_trash(&editor).await.expect("empty"), 1);
    assert!(store.editable_article(other).await.expect("query").is_none());
    assert_eq!(store.trashed_count().await.expect("count"), 0);
    // The rest of the site is as it was.
    assert!(store.published_article("budget-row-deepens").await.expect("query").is_some());
}

async fn trash_follows_the_workflows_roles(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let contributor =
        person(db, &newsroom, "maya@example.com", "Maya Chen", Role::Contributor).await;
    let jonas = person(db, &newsroom, "jonas@example.com", "Jonas Berg", Role::Author).await;
    let draft = id_of(db, "secret-draft").await;
    let live = id_of(db, "budget-vote-passes").await;
    let others = id_of(db, "river-floods-saltmarsh").await;
    // A contributor trashes her own draft, not her live article; an author not another's.
    assert!(matches!(newsroom.trash_article(&contributor, live).await, Err(Error::Forbidden(_))));
    assert!(matches!(newsroom.trash_article(&jonas, others).await, Err(Error::Forbidden(_))));
    newsroom.trash_article(&contributor, draft).await.expect("her own draft");
    assert!(matches!(newsroom.restore_article(&jonas, draft).await, Err(Error::Forbidden(_))));
    newsroom.restore_article(&contributor, draft).await.expect("hers to restore");
    assert!(store.editable_article(draft).await.expect("q").expect("a").trashed_at.is_none());
    let festival = id_of(db, "festival-returns").await;
    newsroom.trash_article(&jonas, festival).await.expect("an author's own live article");
}

async fn bulk_steps_follow_the_editors_rules(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let editor = person(db, &newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let contributor =
        person(db, &newsroom, "maya@example.com", "Maya Chen", Role::Contributor).await;
    let live = id_of(db, "budget-vote-passes").await;
    let draft = id_of(db, "secret-draft").await;
    // Publishing what is live is refused, not re-dated.
    let before = store.editable_article(live).await.expect("q").expect("a").published_at;
    assert!(matches!(
        newsroom.take_step(&editor, live, Step::Publish).await,
        Err(Error::Invalid(_))
    ));
    assert_eq!(store.editable_article(live).await.expect("q").expect("a").published_at, before);
    assert!(matches!(
        newsroom.take_step(&contributor, draft, Step::Publish).await,
        Err(Error::Forbidden(_))
    ));
    newsroom.take_step(&editor, draft, Step::Publish).await.expect("publish");
    assert!(store.published_article("secret-draft").await.expect("query").is_some());
    newsroom.take_step(&editor, live, Step::Unpublish).await.expect("unpublish");
    assert!(store.published_article("budget-vote-passes").await.expect("query").is_none());
    // Moving a live article is an update: its section page changes.
    let culture = slug("culture");
    let moved = id_of(db, "river-clean-up").await;
    assert!(matches!(
        newsroom.move_to_section(&contributor, moved, &culture).await,
        Err(Error::Forbidden(_))
    ));
    newsroom.move_to_section(&editor, moved, &culture).await.expect("move");
    let article = store.published_article("river-clean-up").await.expect("q").expect("live");
    assert_eq!(article.summary.section.slug, culture);
    // A live article whose body image lacks alt text is not published in bulk.
    let described = id_of(db, "festival-returns").await;
    newsroom.take_step(&editor, described, Step::Unpublish).await.expect("unpublish");
    let mut input = store.editable_article(described).await.expect("q").expect("a").input;
    input.body_markdown.push_str("\n\n![](/media/uploads/2026/11/quay.jpg)");
    newsroom.save_article(Some(described), input).await.expect("save");
    let refused = newsroom.take_step(&editor, described, Step::Publish).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    assert!(store.published_article("festival-returns").await.expect("query").is_none());
}

async fn the_desk_sorts_counts_and_shows_words_and_comments(db: &TestDb) {
    let newsroom = fixture(db).await;
    let river = id_of(db, "river-clean-up").await;
    approve_comment(&newsroom, river, "Ann").await;
    approve_comment(&newsroom, river, "Bob").await;
    let by = |sort, ascending| DeskFilter { sort, ascending, ..Default::default() };
    let headlines = |rows: Vec<lede_store::DeskRow>| -> Vec<String> {
        rows.into_iter().map(|r| r.headline).collect()
    };
    let a_to_z = headlines(desk(db, by(DeskSort::Headline, true)).await);
    let mut sorted = a_to_z.clone();
    sorted.sort_by_key(|h| h.to_lowercase());
    assert_eq!(a_to_z, sorted);
    let z_to_a = headlines(desk(db, by(DeskSort::Headline, false)).await);
    assert_eq!(z_to_a.first(), a_to_z.last());
    let statuses: Vec<ArticleStatus> =
        desk(db, by(DeskSort::Status, true)).await.into_iter().map(|r| r.status).collect();
    assert_eq!(statuses.first(), Some(&ArticleStatus::Draft), "drafts first");
    let newest = desk(db, DeskFilter::default()).await;
    let dates: Vec<_> = newest.iter().map(|r| r.updated_at).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first by default");
    let oldest = desk(db, by(DeskSort::Date, true)).await;
    assert_eq!(oldest.first().map(|r| r.id), newest.last().map(|r| r.id));
    let line = newest.iter().find(|r| r.id == river).expect("listed");
    assert_eq!(line.comments, 2);
    assert_eq!(line.language, "en");
    // The fixture's sentence of 13 words, ten times over.
    assert_eq!(line.words, 130, "{line:?}");
}
