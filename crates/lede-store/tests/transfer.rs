//! The store's contract for whole-site transfers, on SQLite and PostgreSQL alike: an import is
//! checked whole before anything is written, then written in batches that are each complete
//! (an interrupted import is finished by running it again), lets other writers in between
//! its batches, remembers where each item came from, keeps slugs unique, and an export reads
//! back every article with its comments.

use lede_core::Slug;
use lede_core::comment::{CommentStatus, Email};
use lede_core::content::*;
use lede_core::transfer::*;
use lede_store::test_support::{NOW, TestDb, load_fixture, slug};
use lede_store::{Change, Error, ImportPace, Newsroom, SqlStore};
use sqlx::Row;
use std::time::Duration;

lede_store::on_both_databases!(
    an_import_writes_content_comments_and_redirects,
    a_failing_import_writes_nothing,
    a_second_import_changes_nothing_and_slugs_stay_unique,
    an_export_reads_every_article_with_its_comments,
    an_imported_article_starts_its_history_and_is_searchable_with_its_batch,
    an_imported_translation_finds_its_original_wherever_it_comes,
    an_interrupted_import_is_finished_by_running_it_again,
    readers_and_editors_write_while_an_import_runs,
    a_batch_lets_the_writer_go_once_it_held_it_long_enough,
);

fn article(id: &str, slug_text: &str, status: ArticleStatus, tags: &[&str]) -> ImportArticle {
    ImportArticle {
        foreign_id: id.to_owned(),
        label: format!("post {id}"),
        article: ArticleInput {
            slug: slug(slug_text),
            headline: format!("Imported {slug_text}"),
            standfirst: "From the old site.".to_owned(),
            body_markdown: String::new(),
            language: "en".to_owned(),
            section: slug("city"),
            tags: tags.iter().map(|t| slug(t)).collect(),
            authors: vec![slug("maya-chen")],
            featured_image: None,
            partner_only: false,
            translation_of: None,
        },
        body_html: "<p>The river rose over the <em>old quay</em> again.</p><script>x()</script>"
            .to_owned(),
        status,
        published_at: (status != ArticleStatus::Draft).then(|| NOW - time::Duration::days(400)),
        updated_at: NOW - time::Duration::days(399),
        old_paths: vec![format!("/2025/10/24/{slug_text}/"), format!("/?p={id}")],
        translation_of: None,
    }
}

fn comment(id: &str, on: &str, parent: Option<&str>, status: CommentStatus) -> ImportComment {
    ImportComment {
        foreign_id: id.to_owned(),
        article: on.to_owned(),
        parent: parent.map(str::to_owned),
        name: format!("Reader {id}"),
        email: Email::parse("reader@example.com").ok(),
        website: None,
        text: format!("Comment {id}"),
        status,
        created_at: NOW - time::Duration::days(390),
    }
}

fn batch() -> ImportBatch {
    ImportBatch {
        source: "wordpress https://old.example".to_owned(),
        authors: vec![ImportAuthor {
            foreign_id: "maya".to_owned(),
            author: AuthorInput {
                slug: slug("maya-chen"),
                name: "Maya Chen".to_owned(),
                bio: String::new(),
                website: None,
                avatar: None,
            },
        }],
        sections: vec![
            ImportSection {
                foreign_id: "local".to_owned(),
                section: SectionInput {
                    slug: slug("local"),
                    name: "Local".to_owned(),
                    description: String::new(),
                    parent: None,
                },
            },
            ImportSection {
                foreign_id: "city".to_owned(),
                section: SectionInput {
                    slug: slug("city"),
                    name: "City".to_owned(),
                    description: String::new(),
                    parent: Some(slug("local")),
                },
            },
        ],
        tags: vec![ImportTag {
            foreign_id: "river".to_owned(),
            slug: slug("river"),
            name: "River".to_owned(),
        }],
        articles: vec![
            article("10", "quay-floods", ArticleStatus::Published, &["river"]),
            article("11", "secret-plans", ArticleStatus::Draft, &[]),
        ],
        pages: vec![ImportPage {
            foreign_id: "2".to_owned(),
            label: "page 2".to_owned(),
            page: PageInput {
                slug: slug("about"),
                title: "About us".to_owned(),
                body_markdown: String::new(),
            },
            body_html: "<p>Who we are.</p>".to_owned(),
            updated_at: NOW - time::Duration::days(500),
            old_paths: vec!["/about/".to_owned(), "/?page_id=2".to_owned()],
        }],
        comments: vec![
            comment("100", "10", None, CommentStatus::Approved),
            comment("101", "10", Some("100"), CommentStatus::Approved),
            comment("102", "10", None, CommentStatus::Spam),
            comment("103", "999", None, CommentStatus::Approved),
        ],
    }
}

async fn count(db: &TestDb, table: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let n = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&pool)
        .await
        .expect("count")
        .try_get::<i64, _>(0)
        .expect("a number");
    pool.close().await;
    n
}

async fn an_import_writes_content_comments_and_redirects(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let mut changes = newsroom.subscribe();
    let outcome = newsroom.import(batch()).await.expect("import");
    assert_eq!(
        outcome.created,
        ImportCounts { authors: 1, sections: 2, tags: 1, articles: 2, pages: 1, comments: 3 }
    );
    assert_eq!(outcome.orphan_comments, 1, "comment 103's article is not there");
    assert_eq!(outcome.new_published.len(), 1);
    assert_eq!(changes.recv().await.expect("a change"), Change::Catalog);

    let store = newsroom.store();
    let article = store.published_article("quay-floods").await.expect("query").expect("published");
    assert_eq!(article.summary.published_at, NOW - time::Duration::days(400));
    assert_eq!(article.summary.section.name, "City");
    assert_eq!(article.tags[0].name, "River");
    assert_eq!(article.word_count, 8);
    assert!(!article.body_html.contains("script"), "{}", article.body_html);
    let city = store.section_by_slug("city").await.expect("q").expect("city");
    let local = store.section_by_slug("local").await.expect("q").expect("local");
    assert_eq!(city.parent, Some(local.id));
    assert!(store.published_article("secret-plans").await.expect("q").is_none());

    let comments = store.approved_comments(article.summary.id).await.expect("comments");
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[1].parent, Some(comments[0].id));
    assert_eq!(store.list_comments(CommentStatus::Spam, 10).await.expect("spam").len(), 1);

    for (old, new) in [
        ("/2025/10/24/quay-floods", Some("/articles/quay-floods")),
        ("/?p=10", Some("/articles/quay-floods")),
        ("/about/", Some("/about")),
        ("/?page_id=2", Some("/about")),
        ("/?p=11", None),
        ("/2025/10/24/secret-plans", None),
    ] {
        assert_eq!(store.redirect_for(old).await.expect("q").as_deref(), new, "{old}");
    }
    assert_eq!(outcome.redirects, 4);
    assert_eq!(
        store.page_by_slug("about").await.expect("q").expect("page").body_html,
        "<p>Who we are.</p>"
    );
}

async fn a_failing_import_writes_nothing(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let mut broken = batch();
    // Passes the domain's checks, and fails in the store after authors, sections, tags and
    // the first article were written: the transaction must take all of them back.
    broken.articles.push(article("12", "unknown-tag", ArticleStatus::Published, &["no-such-tag"]));
    let error = newsroom.import(broken).await.expect_err("an unknown tag");
    assert!(matches!(error, Error::Invalid(_)), "{error:?}");
    assert!(error.to_string().contains("post 12"), "{error}");
    for table in
        ["authors", "sections", "tags", "articles", "pages", "comments", "redirects", "import_refs"]
    {
        assert_eq!(count(db, table).await, 0, "{table}");
    }
}

async fn a_second_import_changes_nothing_and_slugs_stay_unique(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let mut clash = batch();
    clash.articles[0].article.slug = slug("river-floods-saltmarsh");
    let first = newsroom.import(clash.clone()).await.expect("import");
    assert_eq!(first.matched.authors, 1, "maya-chen exists: she is used as she is");
    assert_eq!(first.created.authors, 0);
    assert_eq!(first.renamed.len(), 1);
    assert_eq!(first.renamed[0].to.as_str(), "river-floods-saltmarsh-2");
    let maya = newsroom.store().author_by_slug("maya-chen").await.expect("q").expect("maya");
    assert_eq!(maya.website.as_deref(), Some("https://maya.example.com"), "not overwritten");

    // The imported article has its related list, and the river story it resembles was
    // offered it for its own.
    let store = newsroom.store();
    let imported =
        store.published_article("river-floods-saltmarsh-2").await.expect("q").expect("imported");
    let related = store.related_articles(imported.summary.id).await.expect("related");
    assert!(related.iter().any(|a| a.slug.as_str() == "river-floods-saltmarsh"), "{related:?}");
    let original =
        store.published_article("river-floods-saltmarsh").await.expect("q").expect("fixture");
    let theirs = store.related_articles(original.summary.id).await.expect("related");
    assert!(theirs.iter().any(|a| a.id == imported.summary.id), "{theirs:?}");

    let tables = [
        "authors",
        "sections",
        "tags",
        "articles",
        "pages",
        "comments",
        "redirects",
        "import_refs",
        "related_articles",
    ];
    let mut before = Vec::new();
    for table in tables {
        before.push(count(db, table).await);
    }
    let second = newsroom.import(clash).await.expect("again");
    let mut after = Vec::new();
    for table in tables {
        after.push(count(db, table).await);
    }
    assert_eq!(before, after);
    assert_eq!(second.created, ImportCounts::default());
    assert_eq!(second.already_imported.articles, 2);
    assert_eq!(second.already_imported.comments, 3);
    assert!(second.renamed.is_empty() && second.new_articles.is_empty());
}

async fn an_export_reads_every_article_with_its_comments(db: &TestDb) {
    let newsroom: Newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom.import(batch()).await.expect("import");
    let store = newsroom.store();
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let page = store.copy_articles(after, 4).await.expect("a page");
        let Some(last) = page.last() else { break };
        assert!(page.len() <= 4);
        after = last.id;
        all.extend(page);
    }
    assert_eq!(all.len(), 9, "six published, a draft and two imported");
    let ids: Vec<_> = all.iter().map(|a| a.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let draft = all.iter().find(|a| a.slug.as_str() == "secret-draft").expect("draft");
    assert_eq!((draft.status, draft.published_at), (ArticleStatus::Draft, None));
    assert_eq!(draft.body_markdown, "Not yet.");
    let barrier = all.iter().find(|a| a.slug.as_str() == "flood-barrier-plan").expect("a");
    assert_eq!(
        barrier.authors.iter().map(Slug::as_str).collect::<Vec<_>>(),
        ["maya-chen", "jonas-berg"]
    );
    assert_eq!(barrier.section.as_str(), "news");
    let imported = all.iter().find(|a| a.slug.as_str() == "quay-floods").expect("a");
    assert_eq!(imported.comments.len(), 3, "comments in every status");
    assert_eq!(imported.body_markdown, "", "an HTML body has no Markdown source");

    let catalog = store.copy_catalog().await.expect("catalog");
    assert_eq!(catalog.authors.len(), 2);
    assert_eq!(catalog.tags.len(), 3);
    assert_eq!(catalog.pages.len(), 1);
    let position =
        |s: &str| catalog.sections.iter().position(|x| x.slug.as_str() == s).expect("section");
    assert!(position("news") < position("politics"));
    assert!(position("local") < position("city"));
}

/// A pace that closes batches by their size only, so that tests know where they end.
fn items(items: usize) -> ImportPace {
    ImportPace { items, hold: Duration::from_secs(3600), ..ImportPace::default() }
}

/// Runs an import to its end at `pace`.
async fn import_at(newsroom: &Newsroom, batch: ImportBatch, pace: ImportPace) -> ImportOutcome {
    let mut import = newsroom.start_import(batch, pace).await.expect("checked");
    while !import.is_done() {
        import = import.write_batch().await.expect("a batch");
    }
    import.finish()
}

async fn an_imported_article_starts_its_history_and_is_searchable_with_its_batch(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let store = newsroom.store();
    let before = store.transactions_begun();
    import_at(&newsroom, batch(), items(10)).await;
    assert_eq!(
        store.transactions_begun() - before,
        2,
        "what the articles need (authors, sections, tags), then one batch with everything else"
    );
    for slug in ["quay-floods", "secret-plans"] {
        let (id, _) = store.article_state(slug).await.expect("q").expect("imported");
        let revisions = store.revisions(id).await.expect("revisions");
        assert_eq!(revisions.len(), 1, "{slug} has its imported text as a revision");
        assert_eq!(revisions[0].headline, format!("Imported {slug}"));
        assert_eq!(revisions[0].saved_at, NOW - time::Duration::days(399));
    }
    let query = lede_store::SearchQuery { text: "quay".to_owned(), ..Default::default() };
    let found =
        store.search(&query, lede_store::PageRequest::first(10)).await.expect("search").hits;
    assert_eq!(found.total, 1, "the published import is searchable at once, the draft never");
}

/// A translation names its original by foreign id, and may come before it in the file; the
/// link survives the way out (the export names the original) and a missing original is
/// refused by the item's label, writing nothing.
async fn an_imported_translation_finds_its_original_wherever_it_comes(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let languages = lede_core::language::SiteLanguages::new(&["en", "ur"], "en");
    newsroom.set_languages(languages.expect("valid tags")).await.expect("languages");
    let mut urdu = article("20", "quay-floods-ur", ArticleStatus::Published, &[]);
    urdu.article.language = "ur".to_owned();
    urdu.translation_of = Some("10".to_owned());

    let mut missing = batch();
    let mut orphan = urdu.clone();
    orphan.translation_of = Some("999".to_owned());
    missing.articles.insert(0, orphan);
    let error = newsroom.import(missing).await.expect_err("no post 999");
    assert!(error.to_string().contains("post 20"), "{error}");
    assert_eq!(count(db, "articles").await, 0);

    let mut with_translation = batch();
    with_translation.articles.insert(0, urdu);
    newsroom.import(with_translation).await.expect("import");
    let store = newsroom.store();
    let english = store.published_article("quay-floods").await.expect("q").expect("published");
    let versions = store.translations(english.summary.id).await.expect("translations");
    assert_eq!(
        versions.iter().map(|t| (t.language.as_str(), t.slug.as_str())).collect::<Vec<_>>(),
        [("ur", "quay-floods-ur")]
    );
    let exported = store.copy_articles(0, 10).await.expect("export");
    let record = exported.iter().find(|a| a.slug.as_str() == "quay-floods-ur").expect("the ur one");
    assert_eq!(record.language, "ur");
    let original = record.translation_of.as_ref().expect("names its original");
    assert_eq!(original.as_str(), "quay-floods");
    let english_copy = exported.iter().find(|a| a.slug == *original).expect("the original");
    assert_eq!(english_copy.id, english.summary.id.0);
}

/// A story of one of three subjects, so that related lists form, dated `n` days back.
fn story(n: usize) -> ImportArticle {
    let subjects = [
        "river flood barrier saltmarsh water homes",
        "council budget vote library hours tax",
        "music festival bands crowds quay",
    ];
    let subject = subjects[n % 3];
    let mut a =
        article(&format!("{}", 100 + n), &format!("story-{n}"), ArticleStatus::Published, &[]);
    a.article.headline = format!("Story {n}: {subject}");
    a.body_html = format!("<p>{} unique{n}word.</p>", subject.repeat(3));
    a.published_at = Some(NOW - time::Duration::days(n as i64 + 1));
    if n.is_multiple_of(3) {
        a.article.tags = vec![slug("river")];
    }
    a
}

/// Twelve stories (two of them translated, one translation coming before its original), a
/// draft, a page, and comments with replies on early and late stories.
fn archive() -> ImportBatch {
    let mut b = batch();
    b.articles = (0..12).map(story).collect();
    let mut urdu = story(0);
    urdu.foreign_id = "200".to_owned();
    urdu.article.slug = slug("story-0-ur");
    urdu.article.language = "ur".to_owned();
    urdu.translation_of = Some("100".to_owned());
    urdu.old_paths = vec!["/2025/10/24/story-0-ur/".to_owned(), "/?p=200".to_owned()];
    b.articles.insert(0, urdu);
    let mut late = story(9);
    late.foreign_id = "201".to_owned();
    late.article.slug = slug("story-9-ur");
    late.article.language = "ur".to_owned();
    late.translation_of = Some("109".to_owned());
    late.old_paths = vec!["/2025/10/24/story-9-ur/".to_owned(), "/?p=201".to_owned()];
    b.articles.push(late);
    b.articles.push(article("300", "a-draft", ArticleStatus::Draft, &[]));
    b.comments = vec![
        comment("1", "100", None, CommentStatus::Approved),
        comment("2", "100", Some("1"), CommentStatus::Approved),
        comment("3", "111", None, CommentStatus::Approved),
        comment("4", "111", Some("3"), CommentStatus::Pending),
    ];
    b
}

/// Everything an import leaves that readers and editors rely on, by slug, so that two sites
/// can be compared.
async fn imported_state(db: &TestDb) -> Vec<Vec<String>> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let queries = [
        "SELECT a.slug || ' ' || a.status || ' ' || COALESCE(o.slug, '-') FROM articles a \
         LEFT JOIN articles o ON o.id = a.translation_of ORDER BY 1",
        "SELECT a.slug || ' > ' || b.slug FROM related_articles r \
         JOIN articles a ON a.id = r.article_id JOIN articles b ON b.id = r.related_id ORDER BY 1",
        "SELECT a.slug || ' ' || CAST(COUNT(*) AS TEXT) FROM revisions r \
         JOIN articles a ON a.id = r.article_id GROUP BY a.slug ORDER BY 1",
        "SELECT from_path || ' ' || to_path FROM redirects ORDER BY 1",
        "SELECT kind || ' ' || foreign_id FROM import_refs ORDER BY 1",
        "SELECT a.slug || ' ' || c.name || ' ' || COALESCE(p.name, '-') FROM comments c \
         JOIN articles a ON a.id = c.article_id LEFT JOIN comments p ON p.id = c.parent_id ORDER BY 1",
        "SELECT a.slug || ' ' || t.slug FROM article_tags x JOIN articles a ON a.id = x.article_id \
         JOIN tags t ON t.id = x.tag_id ORDER BY 1",
        "SELECT CAST(COUNT(*) AS TEXT) FROM article_search",
    ];
    let mut state = Vec::new();
    for sql in queries {
        let rows = sqlx::query(sql).fetch_all(&pool).await.expect(sql);
        state.push(rows.iter().map(|r| r.try_get::<String, _>(0).expect("text")).collect());
    }
    pool.close().await;
    state
}

/// Every published article is found by its own word, drafts never.
async fn assert_searchable(newsroom: &Newsroom, slugs: &[String]) {
    let store = newsroom.store();
    for slug in slugs {
        let (id, status) = store.article_state(slug).await.expect("q").expect("imported");
        let word = match slug.strip_prefix("story-") {
            Some(rest) => format!("unique{}word", rest.trim_end_matches("-ur")),
            None => continue,
        };
        let query = lede_store::SearchQuery { text: word, ..Default::default() };
        let found =
            store.search(&query, lede_store::PageRequest::first(10)).await.expect("search").hits;
        let hit = found.items.iter().any(|h| h.summary.id == id);
        assert_eq!(hit, status == ArticleStatus::Published, "{slug} in the search index");
    }
}

/// The import is stopped after two batches of three articles, as a kill between two
/// transactions would stop it: what was committed is complete (rows, first revisions,
/// redirects, search entries, translation links, related lists among what is there), the
/// rest is absent. Run again, the import writes the rest, says what it found, and leaves the
/// site exactly as an import that was never interrupted does, related lists included.
async fn an_interrupted_import_is_finished_by_running_it_again(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let mut import = newsroom.start_import(archive(), items(3)).await.expect("checked");
    assert_eq!(import.articles(), 15);
    for _ in 0..2 {
        import = import.write_batch().await.expect("a batch");
    }
    assert_eq!(import.articles_done(), 6);
    drop(import);

    let store = newsroom.store();
    let written: Vec<String> =
        ["story-0", "story-0-ur", "story-1", "story-2", "story-3", "story-4"]
            .map(str::to_owned)
            .to_vec();
    for slug in &written {
        let (id, _) = store.article_state(slug).await.expect("q").expect("committed");
        assert_eq!(store.revisions(id).await.expect("revisions").len(), 1, "{slug}");
        let old = format!("/2025/10/24/{slug}");
        assert!(store.redirect_for(&old).await.expect("q").is_some(), "{old}");
    }
    assert_searchable(&newsroom, &written).await;
    assert!(store.article_state("story-5").await.expect("q").is_none(), "not yet written");
    assert_eq!(count(db, "comments").await, 0, "comments come after every article");
    let english = store.published_article("story-0").await.expect("q").expect("published");
    let versions = store.translations(english.summary.id).await.expect("translations");
    assert_eq!(versions.len(), 1, "the translation came with its original: {versions:?}");
    let related = store.related_articles(english.summary.id).await.expect("related");
    assert!(related.iter().any(|a| a.slug.as_str() == "story-3"), "{related:?}");

    let again = newsroom.import(archive()).await.expect("the rest");
    assert_eq!(again.already_imported.articles, 6);
    assert_eq!(again.created.articles, 9);
    assert_eq!(again.created.comments, 4);
    assert_eq!(again.created.pages, 1);
    assert_eq!((again.already_imported.authors, again.matched.authors), (1, 0));
    assert_eq!(again.already_imported.sections + again.already_imported.tags, 3);
    let all: Vec<String> = (0..12).map(|n| format!("story-{n}")).collect();
    assert_searchable(&newsroom, &all).await;
    let related = store.related_articles(english.summary.id).await.expect("related");
    assert!(
        related.iter().any(|a| a.slug.as_str() == "story-6"),
        "an earlier article's list takes the later ones in: {related:?}"
    );

    let whole = match store.backend() {
        lede_store::sql::Backend::Sqlite => TestDb::sqlite().await,
        lede_store::sql::Backend::Postgres => TestDb::postgres().await.expect("PostgreSQL"),
    };
    let uninterrupted = whole.newsroom().await;
    load_fixture(&uninterrupted).await;
    uninterrupted.import(archive()).await.expect("in one go");
    assert_eq!(imported_state(db).await, imported_state(&whole).await);
}

/// The live site's writers get in between an import's batches: a reader's comment sent while
/// a batch is being written, and an editor's saves between batches, all succeed, through a
/// store of their own as a running server has (on SQLite, another write connection, which
/// waits for the lock at most as long as one batch holds it).
async fn readers_and_editors_write_while_an_import_runs(db: &TestDb) {
    let importer = db.newsroom().await;
    load_fixture(&importer).await;
    let site = Newsroom::new(SqlStore::open(&db.url).await.expect("open"), db.clock.clone())
        .await
        .expect("the site's newsroom");
    let (id, _) = site.store().article_state("river-clean-up").await.expect("q").expect("a");
    let reader = lede_core::comment::CommentInput {
        name: "Reader".into(),
        email: "reader@example.com".into(),
        website: String::new(),
        text: "Sent while the import runs".into(),
        parent: None,
    }
    .check()
    .expect("a valid comment");
    let mut import = importer.start_import(archive(), items(2)).await.expect("checked");
    let mut saves = 0;
    while !import.is_done() {
        let (next, comment) = tokio::join!(
            import.write_batch(),
            site.submit_comment(id, &reader, CommentStatus::Pending)
        );
        import = next.expect("the batch");
        comment.expect("the reader's comment is taken during the batch");
        let editable = site.store().editable_article(id).await.expect("q").expect("editable");
        let mut input = editable.input;
        saves += 1;
        input.standfirst = format!("Saved {saves} times during the import");
        site.save_article(Some(id), input).await.expect("the editor's save between batches");
    }
    let outcome = import.finish();
    assert_eq!(outcome.created.articles, 15);
    assert!(saves > 5, "the import took several batches: {saves}");
    let comments = site.store().list_comments(CommentStatus::Pending, 100).await.expect("q");
    assert_eq!(comments.iter().filter(|c| c.article == id).count(), saves);
    let editable = site.store().editable_article(id).await.expect("q").expect("editable");
    assert_eq!(editable.input.standfirst, format!("Saved {saves} times during the import"));
    site.store().close().await;
}

/// However many items a batch may hold, it commits once it has kept the writer for its time
/// (`hold`), after the item it is writing: here none, so every batch is one article. On
/// SQLite the import then leaves the writer to others for `rest` before the next batch;
/// PostgreSQL queues writers, so it goes on at once.
async fn a_batch_lets_the_writer_go_once_it_held_it_long_enough(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let rest = Duration::from_millis(300);
    let pace = ImportPace { items: 1000, hold: Duration::ZERO, rest };
    let mut import = newsroom.start_import(archive(), pace).await.expect("checked");
    let mut done = Vec::new();
    let mut waits = Vec::new();
    while !import.is_done() {
        let started = std::time::Instant::now();
        import = import.write_batch().await.expect("a batch");
        waits.push(started.elapsed());
        done.push(import.articles_done());
    }
    assert_eq!(done[..15], (1..=15).collect::<Vec<u64>>(), "one article a batch: {done:?}");
    assert_eq!(import.finish().created.articles, 15);
    let rested = waits[1..].iter().all(|w| *w >= rest);
    match newsroom.store().backend() {
        lede_store::sql::Backend::Sqlite => assert!(rested, "{waits:?}"),
        lede_store::sql::Backend::Postgres => {
            let quick = waits.iter().filter(|w| **w < rest).count();
            assert!(quick > waits.len() / 2, "no rest on PostgreSQL: {waits:?}");
        }
    }
}
