//! The store's contract: every behaviour, run against SQLite and PostgreSQL alike.

use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::*;
use lede_store::test_support::{NOW, TestDb, article, load_fixture, slug};
use lede_store::{ArticleFilter, Change, Edit, Error, PageRequest};
use sqlx::Row;

lede_store::on_both_databases!(
    lists_only_published_articles_newest_first,
    filters_by_section_including_nested_ones,
    filters_by_tag_author_date_and_exclusion,
    paginates,
    reads_a_published_article_with_authors_and_tags,
    never_reads_a_draft,
    related_articles_are_similar_and_never_self,
    changing_a_slug_keeps_the_old_url_as_a_redirect,
    duplicate_slugs_are_refused_by_name,
    unknown_references_are_invalid,
    comments_are_held_until_approved,
    comments_keep_only_a_hash_of_the_address,
    replies_must_answer_an_approved_comment_of_the_same_article,
    upserts_are_idempotent,
    changes_are_announced,
    search_finds_stemmed_words_ranks_headlines_first_and_highlights,
    search_filters_by_section_author_and_date,
    search_never_finds_drafts_and_forgets_unpublished_articles,
    search_handles_other_scripts_and_hostile_input,
    another_server_on_the_same_database_finds_a_new_article_at_once,
    accounts_sign_in_and_out_with_sessions_that_end,
    each_account_keeps_its_interface_language,
    repeated_failures_lock_an_account_for_a_while,
    the_workflow_follows_roles_and_statuses,
    a_stale_save_is_refused_and_every_save_keeps_a_revision,
    scheduled_articles_go_live_when_due,
    partner_only_articles_stay_out_of_sitemaps_and_search,
    sessions_are_listed_and_ended_one_by_one_or_all_but_one,
    only_empty_sections_are_deleted_and_only_by_admins,
    a_refused_save_writes_nothing_and_announces_nothing,
    a_save_with_its_status_change_is_one_transaction,
    search_finds_every_spelling_of_arabic_script_words,
);

async fn fixture(db: &TestDb) -> lede_store::Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

fn slugs(items: &[ArticleSummary]) -> Vec<&str> {
    items.iter().map(|a| a.slug.as_str()).collect()
}

async fn list(db: &TestDb, filter: ArticleFilter) -> Vec<ArticleSummary> {
    db.store().list_articles(&filter, PageRequest::first(50)).await.expect("list").items
}

async fn lists_only_published_articles_newest_first(db: &TestDb) {
    fixture(db).await;
    let all = list(db, ArticleFilter::default()).await;
    assert_eq!(
        slugs(&all),
        [
            "river-clean-up",
            "budget-row-deepens",
            "festival-returns",
            "flood-barrier-plan",
            "budget-vote-passes",
            "river-floods-saltmarsh"
        ]
    );
    let barrier = &all[3];
    assert_eq!(barrier.section.name, "News");
    let names: Vec<_> = barrier.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Maya Chen", "Jonas Berg"], "authors in byline order");
    assert_eq!(barrier.published_at, NOW - time::Duration::days(4));
}

async fn filters_by_section_including_nested_ones(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let news = store.section_by_slug("news").await.expect("query").expect("news");
    let politics = store.section_by_slug("politics").await.expect("query").expect("politics");
    assert_eq!(politics.parent, Some(news.id));
    let in_news = list(db, ArticleFilter { section: Some(news.id), ..Default::default() }).await;
    assert_eq!(in_news.len(), 5, "news includes politics: {:?}", slugs(&in_news));
    let in_politics =
        list(db, ArticleFilter { section: Some(politics.id), ..Default::default() }).await;
    assert_eq!(slugs(&in_politics), ["budget-row-deepens", "budget-vote-passes"]);
}

async fn filters_by_tag_author_date_and_exclusion(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let river = store.tag_by_slug("river").await.expect("query").expect("tag");
    let tagged = list(db, ArticleFilter { tag: Some(river.id), ..Default::default() }).await;
    assert_eq!(slugs(&tagged), ["river-clean-up", "flood-barrier-plan", "river-floods-saltmarsh"]);
    let jonas = store.author_by_slug("jonas-berg").await.expect("query").expect("author");
    let by_jonas = list(
        db,
        ArticleFilter { author: Some(jonas.id), exclude: Some(tagged[0].id), ..Default::default() },
    )
    .await;
    assert_eq!(slugs(&by_jonas), ["festival-returns", "flood-barrier-plan"]);
    let window = ArticleFilter {
        from: Some(NOW - time::Duration::days(4)),
        until: Some(NOW - time::Duration::days(2)),
        ..Default::default()
    };
    assert_eq!(slugs(&list(db, window).await), ["festival-returns", "flood-barrier-plan"]);
}

async fn paginates(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let first = store
        .list_articles(&ArticleFilter::default(), PageRequest::new(1, 4))
        .await
        .expect("page 1");
    let second = store
        .list_articles(&ArticleFilter::default(), PageRequest::new(2, 4))
        .await
        .expect("page 2");
    assert_eq!((first.items.len(), second.items.len(), first.total), (4, 2, 6));
    assert_eq!((first.page_count(), first.has_next(), second.has_next()), (2, true, false));
    assert_eq!(second.items[0].slug.as_str(), "budget-vote-passes");
}

async fn reads_a_published_article_with_authors_and_tags(db: &TestDb) {
    fixture(db).await;
    let article =
        db.store().published_article("flood-barrier-plan").await.expect("query").expect("article");
    assert_eq!(article.summary.headline, "Flood barrier plan for Saltmarsh");
    assert_eq!(article.status, ArticleStatus::Published);
    assert!(article.body_html.starts_with("<p>The river rose"), "{}", article.body_html);
    assert_eq!(article.word_count, 20 * 13);
    assert_eq!(article.reading_minutes(), 2);
    let authors: Vec<_> =
        article.authors.iter().map(|a| (a.name.as_str(), a.website.as_deref())).collect();
    assert_eq!(authors, [("Maya Chen", Some("https://maya.example.com")), ("Jonas Berg", None)]);
    assert_eq!(article.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), ["river"]);
}

async fn never_reads_a_draft(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    assert!(store.published_article("secret-draft").await.expect("query").is_none());
    let (_, status) = store.article_state("secret-draft").await.expect("query").expect("exists");
    assert_eq!(status, ArticleStatus::Draft);
}

async fn related_articles_are_similar_and_never_self(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let flood =
        store.published_article("river-floods-saltmarsh").await.expect("query").expect("article");
    let related = store.related_articles(flood.summary.id).await.expect("related");
    let found = slugs(&related);
    assert_eq!(
        found[..2],
        ["flood-barrier-plan", "river-clean-up"],
        "the flood stories first: {found:?}"
    );
    assert!(!found.contains(&"river-floods-saltmarsh") && !found.contains(&"secret-draft"));
    // The oldest article was published first; later flood stories were offered to its list.
    let festival =
        store.published_article("festival-returns").await.expect("query").expect("article");
    let festival_related = store.related_articles(festival.summary.id).await.expect("related");
    assert!(!slugs(&festival_related).contains(&"festival-returns"));
}

async fn changing_a_slug_keeps_the_old_url_as_a_redirect(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let (id, _) = store.article_state("festival-returns").await.expect("query").expect("article");
    let mut input = article(
        "festival-is-back",
        "Music festival returns to Old Quay",
        "culture",
        &["jonas-berg"],
        &["music"],
        "Bands.",
    );
    newsroom.save_article(Some(id), input.clone()).await.expect("rename");
    assert_eq!(
        store.redirect_for("/articles/festival-returns").await.expect("query").as_deref(),
        Some("/articles/festival-is-back")
    );
    input.slug = slug("festival-2026");
    newsroom.save_article(Some(id), input.clone()).await.expect("rename again");
    for old in ["/articles/festival-returns", "/articles/festival-is-back"] {
        assert_eq!(
            store.redirect_for(old).await.expect("query").as_deref(),
            Some("/articles/festival-2026"),
            "{old}"
        );
    }
    assert!(store.published_article("festival-2026").await.expect("query").is_some());
    input.slug = slug("festival-returns");
    newsroom.save_article(Some(id), input).await.expect("back to the first slug");
    assert_eq!(
        store.redirect_for("/articles/festival-returns").await.expect("query"),
        None,
        "no loop"
    );
}

async fn duplicate_slugs_are_refused_by_name(db: &TestDb) {
    let newsroom = fixture(db).await;
    let copy = article("festival-returns", "Another", "culture", &["jonas-berg"], &[], "Text.");
    let error = newsroom.save_article(None, copy).await.expect_err("duplicate");
    match error {
        Error::Invalid(invalid) => assert_eq!(invalid.field, "slug", "{invalid:?}"),
        other => panic!("a taken slug is a clear error on the slug field, not {other:?}"),
    }
}

async fn unknown_references_are_invalid(db: &TestDb) {
    let newsroom = fixture(db).await;
    for (section, author, tag, field) in [
        ("nowhere", "maya-chen", "river", "section"),
        ("news", "nobody", "river", "author"),
        ("news", "maya-chen", "nothing", "tag"),
    ] {
        let input = article("new-one", "New", section, &[author], &[tag], "Text.");
        match newsroom.save_article(None, input).await {
            Err(Error::Invalid(invalid)) => assert_eq!(invalid.field, field),
            other => panic!("expected an invalid {field}, got {other:?}"),
        }
    }
    assert!(
        db.store().article_state("new-one").await.expect("query").is_none(),
        "nothing half-saved"
    );
}

fn comment(name: &str, text: &str) -> lede_core::comment::CheckedComment {
    CommentInput {
        name: name.into(),
        email: "Reader@Example.com".into(),
        website: String::new(),
        text: text.into(),
        parent: None,
    }
    .check()
    .expect("valid comment")
}

async fn comments_are_held_until_approved(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let (article_id, _) =
        store.article_state("river-clean-up").await.expect("query").expect("article");
    let first = newsroom
        .submit_comment(article_id, &comment("Ann", "First!"), CommentStatus::Pending)
        .await
        .expect("comment");
    db.clock.advance(time::Duration::minutes(5));
    let second = newsroom
        .submit_comment(article_id, &comment("Bob", "Second"), CommentStatus::Pending)
        .await
        .expect("comment");
    assert!(store.approved_comments(article_id).await.expect("query").is_empty());
    let queue = store.list_comments(CommentStatus::Pending, 10).await.expect("queue");
    assert_eq!(queue.iter().map(|c| c.id).collect::<Vec<_>>(), [first, second]);
    newsroom.moderate_comment(second, CommentStatus::Approved).await.expect("approve");
    newsroom.moderate_comment(first, CommentStatus::Approved).await.expect("approve");
    let shown = store.approved_comments(article_id).await.expect("query");
    assert_eq!(
        shown.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Ann", "Bob"],
        "oldest first"
    );
    newsroom.moderate_comment(first, CommentStatus::Spam).await.expect("spam");
    assert_eq!(store.approved_comments(article_id).await.expect("query").len(), 1);
    let missing = newsroom.moderate_comment(CommentId(999_999), CommentStatus::Approved).await;
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
}

async fn comments_keep_only_a_hash_of_the_address(db: &TestDb) {
    let newsroom = fixture(db).await;
    let (article_id, _) =
        db.store().article_state("river-clean-up").await.expect("query").expect("article");
    newsroom
        .submit_comment(article_id, &comment("Ann", "Hello"), CommentStatus::Pending)
        .await
        .expect("comment");
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let row = sqlx::query("SELECT * FROM comments").fetch_one(&pool).await.expect("row");
    let hash: String = row.try_get("email_hash").expect("hash");
    assert_eq!(hash.len(), 64);
    for column in ["name", "email_hash", "body", "status"] {
        let value: String = row.try_get(column).expect(column);
        assert!(!value.to_lowercase().contains("reader@example.com"), "{column} holds the address");
    }
    pool.close().await;
}

async fn replies_must_answer_an_approved_comment_of_the_same_article(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let (on_this, _) =
        store.article_state("river-clean-up").await.expect("query").expect("article");
    let (on_other, _) =
        store.article_state("festival-returns").await.expect("query").expect("article");
    let parent = newsroom
        .submit_comment(on_this, &comment("Ann", "Question?"), CommentStatus::Pending)
        .await
        .expect("comment");
    let mut reply = comment("Bob", "Answer.");
    reply.parent = Some(parent);
    let pending_parent = newsroom.submit_comment(on_this, &reply, CommentStatus::Pending).await;
    assert!(matches!(pending_parent, Err(Error::Invalid(_))), "{pending_parent:?}");
    newsroom.moderate_comment(parent, CommentStatus::Approved).await.expect("approve");
    let wrong_article = newsroom.submit_comment(on_other, &reply, CommentStatus::Pending).await;
    assert!(matches!(wrong_article, Err(Error::Invalid(_))), "{wrong_article:?}");
    newsroom.submit_comment(on_this, &reply, CommentStatus::Pending).await.expect("a proper reply");
}

async fn upserts_are_idempotent(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let input = AuthorInput {
        slug: slug("ann"),
        name: "Ann".into(),
        bio: String::new(),
        website: None,
        avatar: None,
    };
    let first = newsroom.save_author(input.clone()).await.expect("author");
    let second = newsroom
        .save_author(AuthorInput { bio: "Now with a bio.".into(), ..input })
        .await
        .expect("author");
    assert_eq!(first, second);
    let ann = db.store().author_by_slug("ann").await.expect("query").expect("ann");
    assert_eq!(ann.bio, "Now with a bio.");
    let tag = newsroom.save_tag(&slug("river"), "River").await.expect("tag");
    assert_eq!(newsroom.save_tag(&slug("river"), "The river").await.expect("tag"), tag);
}

async fn changes_are_announced(db: &TestDb) {
    use tokio::sync::broadcast::error::TryRecvError;
    let newsroom = fixture(db).await;
    let mut changes = newsroom.subscribe();
    let store = db.store();
    let (id, _) = store.article_state("festival-returns").await.expect("query").expect("article");
    let listed = store.placement(id).await.expect("query").expect("public");
    let next = |changes: &mut tokio::sync::broadcast::Receiver<Change>| match changes.try_recv() {
        Ok(Change::Article(change)) => Some(change),
        Ok(other) => panic!("expected an article change, got {other:?}"),
        Err(TryRecvError::Empty) => None,
        Err(e) => panic!("{e}"),
    };
    // New words only: the pages showing it change, no list does.
    let mut input = article(
        "festival-returns",
        "Festival returns, bigger",
        "culture",
        &["jonas-berg"],
        &["music"],
        "Bands.",
    );
    newsroom.save_article(Some(id), input.clone()).await.expect("save");
    let change = next(&mut changes).expect("a change");
    assert_eq!((change.id, change.moved.clone()), (id, Vec::new()));
    assert!(!change.related_to.contains(&id));
    // Retagged: it leaves the music list and enters the river list.
    input.tags = vec![slug("river")];
    newsroom.save_article(Some(id), input).await.expect("save");
    let change = next(&mut changes).expect("a change");
    let now_listed = store.placement(id).await.expect("query").expect("public");
    assert_ne!(listed.tags, now_listed.tags);
    assert_eq!(change.moved, vec![listed, now_listed]);
    // A new draft and its saves are nobody's business but the newsroom's.
    let draft = article("quiet-draft", "Quiet", "news", &["maya-chen"], &[], "Wait.");
    let draft_id = newsroom.save_article(None, draft.clone()).await.expect("draft");
    newsroom.save_article(Some(draft_id), draft).await.expect("draft");
    assert_eq!(next(&mut changes), None);
    // Published, it enters its lists (from nowhere) and is offered to similar articles.
    newsroom.publish_article(draft_id, None).await.expect("publish");
    let change = next(&mut changes).expect("a change");
    let placed = store.placement(draft_id).await.expect("query");
    assert_eq!(change.moved, placed.into_iter().collect::<Vec<_>>());
    assert_eq!(change.related_to, store.listed_as_related(draft_id).await.expect("query"));
    // A comment held for moderation shows nowhere; approving it changes the article's page.
    let comment_id = newsroom
        .submit_comment(id, &comment("Ann", "Nice"), CommentStatus::Pending)
        .await
        .expect("comment");
    assert_eq!(changes.try_recv(), Err(TryRecvError::Empty));
    newsroom.moderate_comment(comment_id, CommentStatus::Approved).await.expect("approve");
    assert_eq!(changes.try_recv(), Ok(Change::Comments(id)));
}

/// The two migration trees must describe the same tables and columns. The search index is
/// the one deliberate difference (FTS5 on SQLite, a tsvector table on PostgreSQL).
#[tokio::test]
async fn both_migration_trees_make_the_same_schema() {
    let sqlite = TestDb::sqlite().await;
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    sqlx::any::install_default_drivers();
    let sqlite_pool = sqlx::AnyPool::connect(&sqlite.url).await.expect("sqlite");
    let postgres_pool = sqlx::AnyPool::connect(&postgres.url).await.expect("postgres");
    let sqlite_columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite%' \
         AND m.name NOT LIKE 'article\\_search%' ESCAPE '\\' ORDER BY 1, 2",
    )
    .fetch_all(&sqlite_pool)
    .await
    .expect("sqlite columns");
    let postgres_columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%' \
         AND table_name NOT LIKE 'article\\_search%' ORDER BY 1, 2",
    )
    .fetch_all(&postgres_pool)
    .await
    .expect("postgres columns");
    assert!(sqlite_columns.len() > 40, "{sqlite_columns:?}");
    assert_eq!(sqlite_columns, postgres_columns);
    sqlite_pool.close().await;
    postgres_pool.close().await;
}

async fn search(db: &TestDb, text: &str, filter: ArticleFilter) -> Vec<lede_store::SearchHit> {
    let query = lede_store::SearchQuery { text: text.into(), filter };
    db.store().search(&query, PageRequest::first(20)).await.expect("search").hits.items
}

fn hit_slugs(hits: &[lede_store::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.summary.slug.as_str()).collect()
}

async fn search_finds_stemmed_words_ranks_headlines_first_and_highlights(db: &TestDb) {
    fixture(db).await;
    let hits = search(db, "flooding", ArticleFilter::default()).await;
    let found = hit_slugs(&hits);
    assert_eq!(found.len(), 3, "every article about floods, by stem: {found:?}");
    assert_eq!(
        found[2], "river-clean-up",
        "the one without flood in its headline comes last: {found:?}"
    );
    assert!(hits[0].snippet.contains(lede_store::sql::MARK_START), "{:?}", hits[0].snippet);
    assert_eq!(hits[0].summary.authors.len(), if found[0] == "flood-barrier-plan" { 2 } else { 1 });
    let by_author = search(db, "Jonas", ArticleFilter::default()).await;
    assert_eq!(by_author.len(), 3, "author names are searchable: {:?}", hit_slugs(&by_author));
    let by_tag = search(db, "music", ArticleFilter::default()).await;
    assert_eq!(hit_slugs(&by_tag), ["festival-returns"]);
}

async fn search_filters_by_section_author_and_date(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let politics = store.section_by_slug("politics").await.expect("query").expect("section");
    let news = store.section_by_slug("news").await.expect("query").expect("section");
    let jonas = store.author_by_slug("jonas-berg").await.expect("query").expect("author");
    let in_politics =
        search(db, "council", ArticleFilter { section: Some(politics.id), ..Default::default() })
            .await;
    assert_eq!(in_politics.len(), 2);
    let in_news =
        search(db, "council", ArticleFilter { section: Some(news.id), ..Default::default() }).await;
    assert_eq!(in_news.len(), 2, "news includes its politics subsection");
    let by_jonas =
        search(db, "river", ArticleFilter { author: Some(jonas.id), ..Default::default() }).await;
    let mut found = hit_slugs(&by_jonas);
    found.sort_unstable();
    assert_eq!(found, ["flood-barrier-plan", "river-clean-up"]);
    let recent = ArticleFilter { from: Some(NOW - time::Duration::days(2)), ..Default::default() };
    assert_eq!(hit_slugs(&search(db, "river", recent).await), ["river-clean-up"]);
    let paged = db
        .store()
        .search(
            &lede_store::SearchQuery {
                text: "standfirst".into(),
                filter: ArticleFilter::default(),
            },
            PageRequest::new(2, 2),
        )
        .await
        .expect("search")
        .hits;
    assert_eq!((paged.items.len(), paged.total), (2, 6), "every standfirst says it is one");
}

async fn search_never_finds_drafts_and_forgets_unpublished_articles(db: &TestDb) {
    let newsroom = fixture(db).await;
    assert!(
        search(db, "draft nobody", ArticleFilter::default()).await.is_empty(),
        "drafts are never found"
    );
    let store = db.store();
    let (id, _) = store.article_state("festival-returns").await.expect("query").expect("article");
    assert_eq!(search(db, "festival", ArticleFilter::default()).await.len(), 1);
    newsroom.unpublish_article(id).await.expect("unpublish");
    assert!(
        search(db, "festival", ArticleFilter::default()).await.is_empty(),
        "unpublished articles leave the index"
    );
    newsroom.reindex().await.expect("reindex");
    assert!(search(db, "festival", ArticleFilter::default()).await.is_empty());
    assert_eq!(
        search(db, "flooding", ArticleFilter::default()).await.len(),
        3,
        "a rebuild keeps the rest"
    );
}

async fn search_handles_other_scripts_and_hostile_input(db: &TestDb) {
    let newsroom = fixture(db).await;
    let mut input = article(
        "urdu-flood",
        "شہر میں سیلاب",
        "news",
        &["maya-chen"],
        &[],
        "دریا کا پانی شہر میں داخل ہو گیا اور رضاکاروں نے مدد کی۔",
    );
    input.language = "ur".into();
    let id = newsroom.save_article(None, input).await.expect("save");
    newsroom.publish_article(id, None).await.expect("publish");
    assert_eq!(hit_slugs(&search(db, "سیلاب", ArticleFilter::default()).await), ["urdu-flood"]);
    assert_eq!(
        hit_slugs(&search(db, "رضاکاروں", ArticleFilter::default()).await),
        ["urdu-flood"],
        "a word from the body, kept whole"
    );
    for hostile in ["NEAR(flood", "\"unbalanced", "flood:*", "'; DROP TABLE articles; --", "()", ""]
    {
        let hits = search(db, hostile, ArticleFilter::default()).await;
        assert!(hits.len() <= 3, "{hostile:?} is just text");
    }
    assert_eq!(db.store().count_articles().await.expect("count"), 8, "nothing was dropped");
}

/// Several `lede serve` nodes share one database: what one publishes, the others find in
/// their very next search, because the index lives in the database itself.
async fn another_server_on_the_same_database_finds_a_new_article_at_once(db: &TestDb) {
    let newsroom = fixture(db).await;
    let other_node = lede_store::sql::SqlStore::open(&db.url).await.expect("a second node");
    let query =
        lede_store::SearchQuery { text: "lighthouse".into(), filter: ArticleFilter::default() };
    let before = other_node.search(&query, PageRequest::first(5)).await.expect("search").hits;
    assert_eq!(before.total, 0);
    let id = newsroom
        .save_article(
            None,
            article(
                "lighthouse-reopens",
                "Lighthouse reopens",
                "news",
                &["maya-chen"],
                &[],
                "The lighthouse is open.",
            ),
        )
        .await
        .expect("save");
    newsroom.publish_article(id, None).await.expect("publish");
    let after = other_node.search(&query, PageRequest::first(5)).await.expect("search").hits;
    assert_eq!(hit_slugs(&after.items), ["lighthouse-reopens"]);
    other_node.close().await;
}

async fn accounts_sign_in_and_out_with_sessions_that_end(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let accounts = lede_store::Accounts::new(&newsroom);
    assert!(accounts.needs_setup().await.expect("count"));
    let password = "a long enough password";
    accounts
        .create_user("Editor@Example.com", "Ed Itor", Role::Editor, password)
        .await
        .expect("create");
    assert!(!accounts.needs_setup().await.expect("count"));
    let duplicate =
        accounts.create_user("editor@example.com", "Again", Role::Author, password).await;
    assert!(matches!(duplicate, Err(Error::Conflict(_))), "{duplicate:?}");
    assert!(matches!(
        accounts.create_user("x@example.com", "X", Role::Author, "short").await,
        Err(Error::Invalid(_))
    ));
    let signed_in = accounts
        .sign_in("EDITOR@example.com ", password)
        .await
        .expect("sign in, whatever the case");
    assert_eq!(signed_in.user.role, Role::Editor);
    let (user, csrf) =
        accounts.session(&signed_in.token).await.expect("query").expect("a live session");
    assert_eq!((user.name.as_str(), csrf.as_str()), ("Ed Itor", signed_in.csrf.as_str()));
    assert!(accounts.session("not-a-token").await.expect("query").is_none());
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM sessions").fetch_all(&pool).await.expect("rows");
    assert!(!stored.contains(&signed_in.token), "only a hash of the token is stored");
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT password_hash FROM users").fetch_all(&pool).await.expect("rows");
    assert!(hashes[0].starts_with("$argon2id$"));
    pool.close().await;
    accounts.sign_out(&signed_in.token).await.expect("sign out");
    assert!(accounts.session(&signed_in.token).await.expect("query").is_none(), "signed out");
    let again = accounts.sign_in("editor@example.com", password).await.expect("sign in");
    db.clock.advance(time::Duration::days(15));
    assert!(accounts.session(&again.token).await.expect("query").is_none(), "sessions expire");
    let third = accounts.sign_in("editor@example.com", password).await.expect("sign in");
    accounts.change_password("editor@example.com", "another long password").await.expect("change");
    assert!(
        accounts.session(&third.token).await.expect("query").is_none(),
        "a new password ends sessions"
    );
    assert!(matches!(
        accounts.sign_in("editor@example.com", password).await,
        Err(lede_store::SignInError::Wrong)
    ));
    accounts
        .sign_in("editor@example.com", "another long password")
        .await
        .expect("the new password works");
}

async fn each_account_keeps_its_interface_language(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let accounts = lede_store::Accounts::new(&newsroom);
    let password = "a long enough password";
    accounts.create_user("ayesha@example.com", "Ayesha", Role::Editor, password).await.expect("a");
    accounts.create_user("ben@example.com", "Ben", Role::Author, password).await.expect("b");
    let signed_in = accounts.sign_in("ayesha@example.com", password).await.expect("sign in");
    assert_eq!(signed_in.user.interface_language, None, "a new account follows the site");
    accounts.set_interface_language(&signed_in.user, Some(" ur ")).await.expect("choose Urdu");
    let (user, _) = accounts.session(&signed_in.token).await.expect("query").expect("live");
    assert_eq!(user.interface_language.as_deref(), Some("ur"), "stored in canonical form");
    let users = newsroom.store().users().await.expect("users");
    let ben = users.iter().find(|u| u.name == "Ben").expect("Ben");
    assert_eq!(ben.interface_language, None, "only the chooser's account changed");
    let refused = accounts.set_interface_language(&user, Some("Urdu")).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    accounts.set_interface_language(&user, None).await.expect("back to the site's default");
    let (user, _) = accounts.session(&signed_in.token).await.expect("query").expect("live");
    assert_eq!(user.interface_language, None);
}

async fn repeated_failures_lock_an_account_for_a_while(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let accounts = lede_store::Accounts::new(&newsroom);
    let password = "a long enough password";
    accounts
        .create_user("author@example.com", "Au Thor", Role::Author, password)
        .await
        .expect("create");
    for attempt in 1..=4 {
        let result = accounts.sign_in("author@example.com", "wrong password!!").await;
        assert!(
            matches!(result, Err(lede_store::SignInError::Wrong)),
            "attempt {attempt}: {result:?}"
        );
    }
    let fifth = accounts.sign_in("author@example.com", "wrong password!!").await;
    assert!(matches!(fifth, Err(lede_store::SignInError::Locked { .. })), "{fifth:?}");
    let right = accounts.sign_in("author@example.com", password).await;
    assert!(
        matches!(right, Err(lede_store::SignInError::Locked { .. })),
        "locked even with the right password: {right:?}"
    );
    db.clock.advance(time::Duration::minutes(16));
    accounts.sign_in("author@example.com", password).await.expect("unlocked after a while");
    let unknown = accounts.sign_in("nobody@example.com", password).await;
    assert!(
        matches!(unknown, Err(lede_store::SignInError::Wrong)),
        "an unknown email looks like a wrong password"
    );
}

/// Accounts for each role; the contributor and the author write under Jonas Berg's and Maya
/// Chen's bylines.
async fn newsroom_people(
    db: &TestDb,
    newsroom: &lede_store::Newsroom,
) -> [lede_core::account::User; 3] {
    let accounts = lede_store::Accounts::new(newsroom);
    let password = "a long enough password";
    accounts
        .create_user("jonas@example.com", "Jonas Berg", Role::Contributor, password)
        .await
        .expect("contributor");
    accounts
        .create_user("maya@example.com", "Maya Chen", Role::Author, password)
        .await
        .expect("author");
    accounts
        .create_user("ed@example.com", "Ed Itor", Role::Editor, password)
        .await
        .expect("editor");
    let store = db.store();
    let mut people = Vec::new();
    for email in ["jonas@example.com", "maya@example.com", "ed@example.com"] {
        people.push(store.user_by_email(email).await.expect("query").expect("user"));
    }
    people.try_into().expect("three")
}

async fn the_workflow_follows_roles_and_statuses(db: &TestDb) {
    use lede_core::workflow::Step;
    let newsroom = fixture(db).await;
    let [contributor, author, editor] = newsroom_people(db, &newsroom).await;
    let store = db.store();
    let mut draft =
        article("new-bridge", "A new bridge for Eastgate", "news", &[], &["river"], "Plans.");
    let id = newsroom
        .edit_article(
            &contributor,
            Edit {
                id: None,
                input: draft.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::SaveDraft,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await
        .expect("a contributor writes a draft");
    let editable = store.editable_article(id).await.expect("query").expect("article");
    assert_eq!(
        editable.input.authors,
        [slug("jonas-berg")],
        "written under the contributor's byline"
    );
    assert_eq!(editable.status, ArticleStatus::Draft);
    draft.authors = editable.input.authors.clone();
    let refused = newsroom
        .edit_article(
            &contributor,
            Edit {
                id: Some(id),
                input: draft.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::Publish,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    newsroom
        .edit_article(
            &contributor,
            Edit {
                id: Some(id),
                input: draft.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::SubmitForReview,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await
        .expect("submit");
    assert_eq!(
        store.editable_article(id).await.expect("query").expect("article").status,
        ArticleStatus::InReview
    );
    let not_hers = newsroom
        .edit_article(
            &author,
            Edit {
                id: Some(id),
                input: draft.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::Publish,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await;
    assert!(
        matches!(not_hers, Err(Error::Forbidden(_))),
        "an author publishes only her own: {not_hers:?}"
    );
    assert!(store.published_article("new-bridge").await.expect("query").is_none());
    newsroom
        .edit_article(
            &editor,
            Edit {
                id: Some(id),
                input: draft.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::Publish,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await
        .expect("an editor publishes");
    assert!(store.published_article("new-bridge").await.expect("query").is_some());
    let search = lede_store::SearchQuery {
        text: "Eastgate bridge".into(),
        filter: ArticleFilter::default(),
    };
    assert_eq!(store.search(&search, PageRequest::first(5)).await.expect("search").hits.total, 1);
    newsroom
        .edit_article(
            &editor,
            Edit {
                id: Some(id),
                input: draft.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::Unpublish,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await
        .expect("unpublish");
    assert!(
        store.published_article("new-bridge").await.expect("query").is_none(),
        "unpublished articles vanish"
    );
    assert_eq!(store.search(&search, PageRequest::first(5)).await.expect("search").hits.total, 0);
    assert_eq!(
        store.editable_article(id).await.expect("query").expect("article").status,
        ArticleStatus::Unpublished
    );
    let (own, _) =
        store.article_state("budget-vote-passes").await.expect("query").expect("article");
    let mut hers = store.editable_article(own).await.expect("query").expect("article").input;
    hers.headline = "Council budget vote passes narrowly".into();
    newsroom
        .edit_article(
            &author,
            Edit {
                id: Some(own),
                input: hers,
                tag_names: vec![],
                expected_version: None,
                step: Step::Publish,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await
        .expect("an author edits her own published article");
    assert_eq!(
        store
            .published_article("budget-vote-passes")
            .await
            .expect("query")
            .expect("article")
            .summary
            .headline,
        "Council budget vote passes narrowly"
    );
    let counts = store.desk_counts().await.expect("counts");
    assert!(
        counts.contains(&(ArticleStatus::Unpublished, 1))
            && counts.contains(&(ArticleStatus::Draft, 1)),
        "{counts:?}"
    );
}

async fn a_stale_save_is_refused_and_every_save_keeps_a_revision(db: &TestDb) {
    use lede_core::workflow::Step;
    let newsroom = fixture(db).await;
    let [_, _, editor] = newsroom_people(db, &newsroom).await;
    let store = db.store();
    let (id, _) = store.article_state("festival-returns").await.expect("query").expect("article");
    let opened = store.editable_article(id).await.expect("query").expect("article");
    let mut first = opened.input.clone();
    first.body_markdown = "First editor's text.".into();
    newsroom
        .edit_article(
            &editor,
            Edit {
                id: Some(id),
                input: first,
                tag_names: vec![],
                expected_version: Some(opened.version),
                step: Step::Update,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await
        .expect("first save");
    let mut second = opened.input.clone();
    second.body_markdown = "Second editor's text.".into();
    let stale = newsroom
        .edit_article(
            &editor,
            Edit {
                id: Some(id),
                input: second,
                tag_names: vec![],
                expected_version: Some(opened.version),
                step: Step::Update,
                schedule_at: None,
                notes: Default::default(),
            },
        )
        .await;
    assert!(matches!(stale, Err(Error::Conflict(_))), "{stale:?}");
    let now = store.editable_article(id).await.expect("query").expect("article");
    assert_eq!(now.input.body_markdown, "First editor's text.", "never silently overwritten");
    assert_eq!(now.version, opened.version + 1);
    let revisions = store.revisions(id).await.expect("revisions");
    assert_eq!(revisions[0].body_markdown, "First editor's text.");
    assert_eq!(revisions[0].saved_by.as_deref(), Some("Ed Itor"));
    assert!(revisions.len() >= 2, "the fixture's own save is there too: {}", revisions.len());
}

async fn scheduled_articles_go_live_when_due(db: &TestDb) {
    use lede_core::workflow::Step;
    let newsroom = fixture(db).await;
    let [_, author, _] = newsroom_people(db, &newsroom).await;
    let store = db.store();
    let input = article(
        "embargoed-report",
        "Embargoed flood report",
        "news",
        &["maya-chen"],
        &["river"],
        "The report.",
    );
    let at = NOW + time::Duration::hours(2);
    let past = newsroom
        .edit_article(
            &author,
            Edit {
                id: None,
                input: input.clone(),
                tag_names: vec![],
                expected_version: None,
                step: Step::Schedule,
                schedule_at: Some(NOW - time::Duration::hours(1)),
                notes: Default::default(),
            },
        )
        .await;
    assert!(matches!(past, Err(Error::Invalid(_))), "scheduling needs a future time: {past:?}");
    let id = newsroom
        .edit_article(
            &author,
            Edit {
                id: None,
                input,
                tag_names: vec![],
                expected_version: None,
                step: Step::Schedule,
                schedule_at: Some(at),
                notes: Default::default(),
            },
        )
        .await
        .expect("schedule");
    assert_eq!(
        store.editable_article(id).await.expect("query").expect("article").status,
        ArticleStatus::Scheduled
    );
    assert!(
        store.published_article("embargoed-report").await.expect("query").is_none(),
        "not before its time"
    );
    assert_eq!(newsroom.publish_due().await.expect("due"), 0);
    db.clock.advance(time::Duration::hours(3));
    assert_eq!(
        newsroom.publish_due().await.expect("due"),
        1,
        "also when the time passed while nobody looked"
    );
    let live =
        store.published_article("embargoed-report").await.expect("query").expect("published");
    assert_eq!(live.summary.published_at, at, "dated at its scheduled time");
    assert_eq!(newsroom.publish_due().await.expect("due"), 0);
}

async fn partner_only_articles_stay_out_of_sitemaps_and_search(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let mut input = article(
        "agency-exclusive",
        "Agency exclusive on the lighthouse",
        "news",
        &["maya-chen"],
        &[],
        "Lighthouse details.",
    );
    input.partner_only = true;
    let id = newsroom.save_article(None, input).await.expect("save");
    newsroom.publish_article(id, None).await.expect("publish");
    assert_eq!(store.count_published().await.expect("count"), 6, "sitemaps do not count it");
    let listed = store.sitemap_articles(None, 0, 100).await.expect("sitemap");
    assert!(!listed.iter().any(|a| a.slug.as_str() == "agency-exclusive"));
    let query =
        lede_store::SearchQuery { text: "lighthouse".into(), filter: ArticleFilter::default() };
    assert_eq!(store.search(&query, PageRequest::first(5)).await.expect("search").hits.total, 0);
}

async fn sessions_are_listed_and_ended_one_by_one_or_all_but_one(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let accounts = lede_store::Accounts::new(&newsroom);
    let password = "a long enough password";
    for email in ["ann@example.com", "bob@example.com"] {
        accounts.create_user(email, "Someone", Role::Author, password).await.expect("account");
    }
    let laptop = accounts
        .sign_in_from("ann@example.com", password, "Firefox\u{7}/128")
        .await
        .expect("signed in");
    db.clock.advance(time::Duration::minutes(1));
    let phone =
        accounts.sign_in_from("ann@example.com", password, "Phone").await.expect("signed in");
    let bob = accounts.sign_in("bob@example.com", password).await.expect("signed in");
    db.clock.advance(time::Duration::minutes(1));
    accounts.session(&laptop.token).await.expect("query");
    let listed = accounts.sessions(&laptop.user, &laptop.token).await.expect("query");
    let shown: Vec<_> = listed
        .iter()
        .map(|s| (s.user_agent.as_str(), s.current, s.last_used_at.is_some()))
        .collect();
    assert_eq!(
        shown,
        [("Firefox/128", true, true), ("Phone", false, false)],
        "most recently used first, control characters dropped"
    );
    // Reading again soon after does not write again.
    db.clock.advance(time::Duration::minutes(1));
    accounts.session(&laptop.token).await.expect("query");
    let again = accounts.sessions(&laptop.user, &laptop.token).await.expect("query");
    assert_eq!(again[0].last_used_at, listed[0].last_used_at);
    let bobs = accounts.sessions(&bob.user, &bob.token).await.expect("query").remove(0);
    assert!(
        matches!(accounts.end_session(&laptop.user, &bobs.id).await, Err(Error::NotFound(_))),
        "nobody ends another's session this way"
    );
    assert!(accounts.session(&bob.token).await.expect("query").is_some());
    accounts.end_session(&laptop.user, &listed[1].id).await.expect("ended");
    assert!(accounts.session(&phone.token).await.expect("query").is_none());
    let tablet = accounts.sign_in("ann@example.com", password).await.expect("signed in");
    assert_eq!(accounts.end_other_sessions(&laptop.user, &laptop.token).await.expect("ended"), 1);
    assert!(accounts.session(&tablet.token).await.expect("query").is_none());
    assert!(accounts.session(&laptop.token).await.expect("query").is_some());
    assert!(matches!(
        accounts.end_all_sessions(&bob.user, laptop.user.id).await,
        Err(Error::Forbidden(_))
    ));
}

async fn only_empty_sections_are_deleted_and_only_by_admins(db: &TestDb) {
    let newsroom = fixture(db).await;
    let accounts = lede_store::Accounts::new(&newsroom);
    let password = "a long enough password";
    let user = |email: &'static str, role| {
        let accounts = accounts.clone();
        async move {
            accounts.create_user(email, email, role, password).await.expect("account");
            accounts.sign_in(email, password).await.expect("in").user
        }
    };
    let admin = user("admin@example.com", Role::Admin).await;
    let editor = user("editor@example.com", Role::Editor).await;
    let store = db.store();
    let sections = store.sections().await.expect("query");
    let id = |slug: &str| sections.iter().find(|s| s.slug.as_str() == slug).expect("section").id;
    let counts = store.section_article_counts().await.expect("query");
    assert!(counts.contains(&(id("news"), 4)), "{counts:?}");
    let mut changes = newsroom.subscribe();
    let empty = newsroom
        .create_section(
            &admin,
            SectionInput {
                slug: slug("weather"),
                name: "Weather".into(),
                description: String::new(),
                parent: Some(slug("news")),
            },
            5,
        )
        .await
        .expect("created");
    assert!(matches!(newsroom.delete_section(&editor, empty).await, Err(Error::Forbidden(_))));
    assert!(matches!(
        newsroom.delete_section(&admin, id("politics")).await,
        Err(Error::Conflict(m)) if m.to_string().contains("holds 2 articles")
    ));
    assert!(matches!(newsroom.delete_section(&admin, id("news")).await, Err(Error::Conflict(_))));
    while changes.try_recv().is_ok() {}
    newsroom.delete_section(&admin, empty).await.expect("deleted");
    assert_eq!(changes.try_recv().ok(), Some(Change::Catalog));
    assert!(store.section_by_slug("weather").await.expect("query").is_none());
    assert!(matches!(newsroom.delete_section(&admin, empty).await, Err(Error::NotFound(_))));
}

/// A step the workflow refuses leaves no trace: not the tags the save named, not a change for
/// the page cache to purge.
async fn a_refused_save_writes_nothing_and_announces_nothing(db: &TestDb) {
    use lede_core::workflow::Step;
    let newsroom = fixture(db).await;
    let [contributor, _, _] = newsroom_people(db, &newsroom).await;
    let mut changes = newsroom.subscribe();
    let store = db.store();
    let articles = store.count_articles().await.expect("count");
    let input = article("choir-wins", "Choir wins", "news", &[], &["river", "choir"], "Song.");
    let edit = Edit {
        id: None,
        input,
        tag_names: vec![(slug("choir"), "Choir".to_owned())],
        expected_version: None,
        step: Step::Publish,
        schedule_at: None,
        notes: Default::default(),
    };
    let refused = newsroom.edit_article(&contributor, edit.clone()).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    assert_eq!(store.tag_by_slug("choir").await.expect("query"), None);
    assert_eq!(store.count_articles().await.expect("count"), articles);
    assert!(changes.try_recv().is_err(), "a refused save announced a change");

    let saved = newsroom
        .edit_article(&contributor, Edit { step: Step::SaveDraft, ..edit })
        .await
        .expect("a draft is allowed");
    let choir = store.tag_by_slug("choir").await.expect("query").expect("created with the save");
    assert_eq!(choir.name, "Choir");
    let draft = store.editable_article(saved).await.expect("query").expect("draft");
    let mut tags = draft.input.tags;
    tags.sort();
    assert_eq!(tags, [slug("choir"), slug("river")]);
}

/// The editor's Publish (and every other step) commits the content, the status, the
/// revision, new tags, related lists and the search entry together: one transaction, so a
/// crash cannot leave a half-done publish.
async fn a_save_with_its_status_change_is_one_transaction(db: &TestDb) {
    use lede_core::workflow::Step;
    let newsroom = fixture(db).await;
    let [_, author, editor] = newsroom_people(db, &newsroom).await;
    let store = db.store();
    let input =
        article("tide-tables", "New tide tables", "news", &[], &["river"], "The river rises.");
    let edit = Edit {
        id: None,
        input: input.clone(),
        tag_names: vec![],
        expected_version: None,
        step: Step::Publish,
        schedule_at: None,
        notes: Default::default(),
    };
    let before = store.transactions_begun();
    let id = newsroom.edit_article(&author, edit.clone()).await.expect("publish");
    assert_eq!(store.transactions_begun() - before, 1, "a publish is one transaction");
    let published = store.published_article("tide-tables").await.expect("q").expect("live");
    assert_eq!(published.summary.id, id);
    assert_eq!(store.revisions(id).await.expect("revisions").len(), 1);
    let query = lede_store::SearchQuery { text: "tide".to_owned(), ..Default::default() };
    let found = store.search(&query, PageRequest::first(10)).await.expect("search").hits;
    assert_eq!(found.total, 1, "searchable once committed");
    assert!(!store.related_articles(id).await.expect("related").is_empty());

    let opened = store.editable_article(id).await.expect("q").expect("article");
    let unpublish = Edit {
        id: Some(id),
        input: opened.input,
        expected_version: Some(opened.version),
        step: Step::Unpublish,
        ..edit
    };
    let before = store.transactions_begun();
    newsroom.edit_article(&editor, unpublish).await.expect("unpublish");
    assert_eq!(store.transactions_begun() - before, 1, "an unpublish is one transaction");
    let found = store.search(&query, PageRequest::first(10)).await.expect("search").hits;
    assert_eq!(found.total, 0, "gone from search with the same commit");

    let before = store.transactions_begun();
    newsroom.publish_article(id, None).await.expect("publish again");
    assert_eq!(store.transactions_begun() - before, 1, "so is a publish by the newsroom");
}

/// Readers type Urdu with Arabic keyboards, digits in three scripts, vowel marks or none:
/// every spelling finds the same article, on both databases.
async fn search_finds_every_spelling_of_arabic_script_words(db: &TestDb) {
    let newsroom = fixture(db).await;
    let mut input = article(
        "budget-urdu",
        "بلدیہ کا بجٹ منظور",
        "news",
        &["maya-chen"],
        &[],
        "کونسل نے 12 دسمبر کو پاکستانی کمیونٹی سینٹر کے لیے رقم کی منظوری دی۔",
    );
    input.language = "ur".into();
    let id = newsroom.save_article(None, input).await.expect("save");
    newsroom.publish_article(id, None).await.expect("publish");
    for query in [
        "۱۲", // Extended Arabic-Indic digits for 12
        "١٢", // Arabic-Indic digits
        "12",
        "پاكستاني", // Arabic kaf and yeh for Urdu ک and ی
        "پاکستانی",
        "بلديه",  // Arabic yeh and heh
        "منظُور",  // with a vowel mark
        "کـونسل", // with tatweel
    ] {
        let hits = search(db, query, ArticleFilter::default()).await;
        assert_eq!(hit_slugs(&hits), ["budget-urdu"], "searching {query:?}");
    }
}

/// Names per language: sections, tags and authors named in the site's other languages, read
/// back with the catalog, each field falling back to the default language's.
mod local_names {
    use super::*;
    use lede_core::names::{LocalName, Named};

    lede_store::on_both_databases!(
        names_per_language_are_set_read_back_and_fall_back,
        names_go_with_what_they_name_and_only_an_admin_names_a_section,
    );

    async fn names_per_language_are_set_read_back_and_fall_back(db: &TestDb) {
        let newsroom = fixture(db).await;
        let mut changes = newsroom.subscribe();
        let urdu = |name: &str, text: &str| vec![LocalName::new("ur", name, text)];
        newsroom
            .save_local_names(Named::Section, &slug("politics"), urdu("سیاست", "شہر کی سیاست"))
            .await
            .expect("section names");
        assert_eq!(changes.try_recv().ok(), Some(Change::Catalog), "announced like the catalog");
        newsroom.save_local_names(Named::Tag, &slug("river"), urdu("دریا", "")).await.expect("tag");
        newsroom
            .save_local_names(Named::Author, &slug("maya-chen"), urdu("مایا چن", ""))
            .await
            .expect("author");

        let names = db.store().local_names().await.expect("read back");
        let ur = names.language("ur");
        let en = names.language("en");
        let mut politics = db.store().section_by_slug("politics").await.expect("q").expect("s");
        en.section(&mut politics);
        assert_eq!(politics.name, "Politics", "the default language keeps its own");
        ur.section(&mut politics);
        assert_eq!(
            (politics.name.as_str(), politics.description.as_str()),
            ("سیاست", "شہر کی سیاست")
        );
        assert_eq!(ur.name(Named::Tag, &slug("river"), "River"), "دریا");
        assert_eq!(ur.name(Named::Tag, &slug("music"), "Music"), "Music", "no name: fallback");
        let mut maya = db.store().author_by_slug("maya-chen").await.expect("q").expect("author");
        ur.author(&mut maya);
        assert_eq!(maya.name, "مایا چن");
        assert_eq!(maya.bio, "Maya Chen writes about the city.", "no Urdu bio: the English one");

        // An article read for a page takes the names with it: section, tags and authors.
        let mut article =
            db.store().published_article("budget-vote-passes").await.expect("q").expect("article");
        ur.article(&mut article);
        assert_eq!(article.summary.section.name, "سیاست");
        assert_eq!(article.summary.authors[0].name, "مایا چن");

        // Saving again replaces that language's names; an empty one removes them.
        newsroom
            .save_local_names(Named::Section, &slug("politics"), urdu("سیاسی امور", ""))
            .await
            .expect("renamed");
        let names = db.store().local_names().await.expect("read back");
        let stored = names.of(Named::Section, &slug("politics"));
        assert_eq!(stored, [&LocalName::new("ur", "سیاسی امور", "")]);
        newsroom.save_local_names(Named::Tag, &slug("river"), urdu("", "")).await.expect("removed");
        let names = db.store().local_names().await.expect("read back");
        assert!(names.of(Named::Tag, &slug("river")).is_empty());
        assert_eq!(names.of(Named::Author, &slug("maya-chen")).len(), 1, "others stay");
    }

    async fn names_go_with_what_they_name_and_only_an_admin_names_a_section(db: &TestDb) {
        let newsroom = fixture(db).await;
        let accounts = lede_store::Accounts::new(&newsroom);
        let password = "a long enough password";
        accounts.create_user("a@example.com", "Admin", Role::Admin, password).await.expect("a");
        accounts.create_user("e@example.com", "Editor", Role::Editor, password).await.expect("e");
        let admin = accounts.sign_in("a@example.com", password).await.expect("in").user;
        let editor = accounts.sign_in("e@example.com", password).await.expect("in").user;
        let weather = SectionInput {
            slug: slug("weather"),
            name: "Weather".into(),
            description: String::new(),
            parent: None,
        };
        let id = newsroom.create_section(&admin, weather.clone(), 9).await.expect("created");
        let names = vec![LocalName::new("ur", "موسم", "")];
        let refused =
            newsroom.update_section_in_languages(&editor, weather.clone(), 9, names.clone()).await;
        assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
        let default = vec![LocalName::new("en", "Weather", "")];
        let refused =
            newsroom.update_section_in_languages(&admin, weather.clone(), 9, default).await;
        assert!(matches!(&refused, Err(Error::Invalid(i)) if i.field == "language"), "{refused:?}");
        newsroom.update_section_in_languages(&admin, weather, 9, names).await.expect("named");
        let nothing = slug("nothing");
        let unknown =
            newsroom.save_local_names(Named::Tag, &nothing, vec![LocalName::new("ur", "x", "")]);
        assert!(matches!(unknown.await, Err(Error::NotFound(_))));
        // The names go with their section: deleting it is not held up by them.
        newsroom.delete_section(&admin, id).await.expect("deleted with its names");
        let names = db.store().local_names().await.expect("read back");
        assert!(names.of(Named::Section, &slug("weather")).is_empty());
    }
}

/// Images: the library's alt text, caption and credit, and the rule that what goes live
/// describes every image it shows.
mod images {
    use super::*;
    use lede_core::alt_text::Description;
    use lede_core::workflow::Step;
    use lede_store::MediaLibrary;

    lede_store::on_both_databases!(
        library_images_keep_a_description_their_uploader_or_an_editor_changes,
        going_live_needs_every_image_described_or_marked_decorative,
    );

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([20, 120, 200]));
        let mut out = std::io::Cursor::new(Vec::new());
        image.write_to(&mut out, image::ImageFormat::Png).expect("encode");
        out.into_inner()
    }

    async fn library_images_keep_a_description_their_uploader_or_an_editor_changes(db: &TestDb) {
        let newsroom = fixture(db).await;
        let [contributor, author, editor] = newsroom_people(db, &newsroom).await;
        let store = db.store();
        let dir = std::env::temp_dir().join(format!("lede-describe-{}", rand_suffix()));
        let files = lede_store::MediaStore::local(dir.clone()).expect("a media folder");
        let library = MediaLibrary::new(store.clone(), files, Default::default());
        let item =
            library.upload(&png(64, 32), "harbour.png", Some(author.id), NOW).await.expect("up");
        assert_eq!(item.description, Description::default(), "undescribed at first");
        let described = Description {
            alt: "  Fishing boats moored in the harbour ".into(),
            caption: "The fleet stayed in port.\nA second line.".into(),
            credit: " Photo: Ali Khan ".into(),
        };
        let kept = library.describe(&author, item.id, described).await.expect("the uploader");
        assert_eq!(kept.description.alt, "Fishing boats moored in the harbour");
        let read = store.media_by_id(item.id).await.expect("query").expect("item");
        assert_eq!(read.description, kept.description, "read back as kept");
        assert_eq!(read.description.caption, "The fleet stayed in port.\nA second line.");
        assert_eq!(read.description.credit, "Photo: Ali Khan");
        for words in ["fishing boats", "FLEET", "ali khan", "harbour.png"] {
            let found = store.media(words, 10).await.expect("search");
            assert_eq!(found.iter().map(|m| m.id).collect::<Vec<_>>(), [item.id], "{words}");
        }
        let refused = library
            .describe(
                &contributor,
                item.id,
                Description { alt: "Mine now".into(), ..read.description.clone() },
            )
            .await;
        assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
        let two_lines = Description { credit: "A\nB".into(), ..Default::default() };
        let invalid = library.describe(&editor, item.id, two_lines).await;
        assert!(matches!(&invalid, Err(Error::Invalid(i)) if i.field == "credit"), "{invalid:?}");
        assert_eq!(
            store.media_by_id(item.id).await.expect("query").expect("item").description,
            read.description,
            "refusals change nothing"
        );
        let edited = Description { alt: "Boats in the harbour".into(), ..Default::default() };
        library.describe(&editor, item.id, edited).await.expect("an editor describes any");
        assert!(matches!(
            library.describe(&editor, item.id + 100, Description::default()).await,
            Err(Error::NotFound(_))
        ));
        let other = library.upload(&png(20, 20), "other.png", None, NOW).await.expect("up");
        let mut found = store
            .media_by_paths(&[&item.path, &other.path, "/media/uploads/none.png"])
            .await
            .expect("query");
        found.sort_by_key(|m| m.id);
        assert_eq!(found.iter().map(|m| m.id).collect::<Vec<_>>(), [item.id, other.id]);
        assert!(store.media_by_paths(&[]).await.expect("nothing to ask").is_empty());
        let _ = std::fs::remove_dir_all(dir);
    }

    fn rand_suffix() -> String {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        format!("{}-{nanos}", std::process::id())
    }

    async fn going_live_needs_every_image_described_or_marked_decorative(db: &TestDb) {
        let newsroom = fixture(db).await;
        let [_, author, editor] = newsroom_people(db, &newsroom).await;
        let store = db.store();
        let mut input = article("harbour-reopens", "Harbour reopens", "news", &[], &[], "Words.");
        input.featured_image = Some(FeaturedImage {
            src: "/media/uploads/2026/11/harbour.jpg".into(),
            caption: "The harbour at dawn.".into(),
            ..Default::default()
        });
        let edit = Edit {
            id: None,
            input,
            tag_names: vec![],
            expected_version: None,
            step: Step::Publish,
            schedule_at: None,
            notes: Default::default(),
        };
        let articles = store.count_articles().await.expect("count");
        let mut changes = newsroom.subscribe();
        for step in [Step::Publish, Step::Schedule] {
            let schedule_at = Some(NOW + time::Duration::days(1));
            let refused =
                newsroom.edit_article(&author, Edit { step, schedule_at, ..edit.clone() }).await;
            assert!(
                matches!(&refused, Err(Error::Invalid(i)) if i.field == "image_alt"),
                "{step:?}: {refused:?}"
            );
        }
        assert_eq!(store.count_articles().await.expect("count"), articles, "nothing written");
        assert!(changes.try_recv().is_err(), "nothing announced");
        // A draft may wait for its alt text.
        let id = newsroom
            .edit_article(&author, Edit { step: Step::SaveDraft, ..edit.clone() })
            .await
            .expect("a draft");
        // Marked decorative, it goes live without, and is read back so.
        let mut opened = store.editable_article(id).await.expect("query").expect("draft");
        if let Some(image) = opened.input.featured_image.as_mut() {
            image.decorative = true;
        }
        let publish = Edit {
            id: Some(id),
            input: opened.input.clone(),
            expected_version: Some(opened.version),
            ..edit.clone()
        };
        newsroom.edit_article(&author, publish).await.expect("decorative");
        let live = store.published_article("harbour-reopens").await.expect("query").expect("live");
        let image = live.summary.featured_image.expect("image");
        assert!(image.decorative && image.alt.is_empty(), "{image:?}");
        // Updating the live article with an undescribed body image is refused; the page stays.
        let opened = store.editable_article(id).await.expect("query").expect("live");
        let mut changed = opened.input.clone();
        changed.body_markdown =
            "Words.\n\n![](/media/uploads/2026/11/crane.jpg \"A crane\")".into();
        let save = Edit {
            id: Some(id),
            input: changed.clone(),
            expected_version: Some(opened.version),
            step: Step::Update,
            ..edit.clone()
        };
        let refused = newsroom.edit_article(&editor, save.clone()).await;
        let Err(Error::Invalid(invalid)) = refused else { panic!("{refused:?}") };
        assert_eq!(invalid.field, "body");
        assert!(invalid.message.to_string().contains("/media/uploads/2026/11/crane.jpg"));
        let still = store.published_article("harbour-reopens").await.expect("query").expect("live");
        assert!(!still.body_html.contains("crane"), "the live page is as it was");
        // The marker says the body's image is decorative on purpose; alt text describes it.
        for body in [
            "![\"\"](/media/uploads/2026/11/crane.jpg)",
            "![A crane](/media/uploads/2026/11/crane.jpg)",
        ] {
            let opened = store.editable_article(id).await.expect("query").expect("live");
            let mut input = opened.input.clone();
            input.body_markdown = format!("Words.\n\n{body}");
            let save = Edit { input, expected_version: Some(opened.version), ..save.clone() };
            newsroom.edit_article(&editor, save).await.expect(body);
        }
        // Unpublishing never asks for alt text.
        let opened = store.editable_article(id).await.expect("query").expect("live");
        let mut input = opened.input.clone();
        input.body_markdown = "![](/media/uploads/2026/11/crane.jpg)".into();
        let unpublish =
            Edit { input, expected_version: Some(opened.version), step: Step::Unpublish, ..save };
        newsroom.edit_article(&editor, unpublish).await.expect("unpublish");
    }
}
