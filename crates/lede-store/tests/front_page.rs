//! The front page and sharing, on SQLite and PostgreSQL: top stories (one per language, kept
//! by the article writer), featured articles, who may choose them, search and social fields
//! saved with the article, breaking-news banners, the site's settings for article pages, and
//! article pages' two lists never sharing an article.

use lede_core::account::{Role, User};
use lede_core::content::*;
use lede_core::presentation::{BreakingNews, Curation, Presentation, SearchAndSocial, SiteImage};
use lede_core::workflow::Step;
use lede_store::sql::Backend;
use lede_store::test_support::{NOW, TestDb, article, load_fixture, slug};
use lede_store::{ArticleFilter, Change, Edit, Error, Newsroom};
use time::Duration;

lede_store::on_both_databases!(
    a_top_story_leads_until_unpinned_or_replaced_one_per_language,
    only_editors_and_admins_choose_the_front_page,
    front_page_changes_are_announced,
    search_and_social_fields_are_saved_with_the_article,
    breaking_news_is_set_replaced_taken_down_and_expires,
    page_settings_are_checked_and_admins_only,
    more_from_author_never_repeats_you_may_also_like,
    the_front_page_finds_no_top_story_without_walking_the_archive,
    the_urdu_edition_does_not_walk_the_english_archive,
);

async fn fixture(db: &TestDb) -> Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

async fn id_of(db: &TestDb, slug_text: &str) -> ArticleId {
    db.store().article_state(slug_text).await.expect("query").expect("article").0
}

fn english() -> ArticleFilter {
    ArticleFilter { language: Some("en".into()), ..Default::default() }
}

fn slugs(items: &[ArticleSummary]) -> Vec<&str> {
    items.iter().map(|a| a.slug.as_str()).collect()
}

const TOP: Curation = Curation { top_story: true, featured: false };

async fn person(newsroom: &Newsroom, email: &str, name: &str, role: Role) -> User {
    let accounts = lede_store::Accounts::new(newsroom);
    accounts.create_user(email, name, role, "a long enough password").await.expect("account");
    newsroom.store().user_by_email(email).await.expect("query").expect("user")
}

/// An edit that saves an article as it is stored, taking `step`.
async fn edit_of(db: &TestDb, id: ArticleId, step: Step) -> Edit {
    let stored = db.store().editable_article(id).await.expect("query").expect("article");
    Edit {
        id: Some(id),
        input: stored.input,
        tag_names: vec![],
        expected_version: None,
        step,
        schedule_at: None,
        notes: Default::default(),
    }
}

async fn a_top_story_leads_until_unpinned_or_replaced_one_per_language(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let front = store.front_page(&english(), 4, 3).await.expect("front page");
    assert_eq!(front.top_story, None, "nothing is pinned at first");
    assert_eq!(slugs(&front.latest), ["river-clean-up", "budget-row-deepens", "festival-returns"]);
    // The oldest story is pinned; a story published after it does not take the lead.
    let oldest = id_of(db, "river-floods-saltmarsh").await;
    newsroom.curate_article(oldest, TOP).await.expect("pin");
    let brief = newsroom
        .save_article(None, article("brief", "A brief", "news", &["maya-chen"], &[], "Short."))
        .await
        .expect("save");
    newsroom.publish_article(brief, None).await.expect("publish");
    let front = store.front_page(&english(), 4, 3).await.expect("front page");
    assert_eq!(
        front.top_story.map(|s| s.slug.to_string()).as_deref(),
        Some("river-floods-saltmarsh")
    );
    assert_eq!(front.latest[0].slug.as_str(), "brief", "the newest still leads the latest");
    // Pinning another English story replaces it; an Urdu one leads only the Urdu edition.
    let budget = id_of(db, "budget-vote-passes").await;
    newsroom.curate_article(budget, TOP).await.expect("pin another");
    let unpinned = store.editable_article(oldest).await.expect("query").expect("article");
    assert_eq!(unpinned.curation, Curation::default(), "one top story per language");
    let mut urdu = article("urdu-story", "دریا کا پانی", "news", &["maya-chen"], &[], "خبر۔");
    urdu.language = "ur".into();
    let urdu = newsroom.save_article(None, urdu).await.expect("save");
    newsroom.publish_article(urdu, None).await.expect("publish");
    newsroom.curate_article(urdu, TOP).await.expect("pin in Urdu");
    let front = store.front_page(&english(), 4, 3).await.expect("front page");
    assert_eq!(front.top_story.map(|s| s.id), Some(budget), "each language has its own");
    let urdu_filter = ArticleFilter { language: Some("ur".into()), ..Default::default() };
    let front = store.front_page(&urdu_filter, 4, 3).await.expect("front page");
    assert_eq!(front.top_story.map(|s| s.id), Some(urdu));
    // Unpinned, the newest leads again; a pinned story taken down leads nothing.
    newsroom.curate_article(budget, Curation::default()).await.expect("unpin");
    let missing = newsroom.curate_article(ArticleId(9999), TOP).await;
    assert!(matches!(missing, Err(Error::NotFound(_))), "{missing:?}");
    assert_eq!(store.front_page(&english(), 4, 3).await.expect("front").top_story, None);
    newsroom.curate_article(oldest, TOP).await.expect("pin again");
    newsroom.unpublish_article(oldest).await.expect("unpublish");
    assert_eq!(store.front_page(&english(), 4, 3).await.expect("front").top_story, None);
    // Featured articles, newest first, a published one only.
    let featured = Curation { top_story: false, featured: true };
    for name in ["festival-returns", "budget-row-deepens", "river-floods-saltmarsh"] {
        newsroom.curate_article(id_of(db, name).await, featured).await.expect("feature");
    }
    let front = store.front_page(&english(), 4, 3).await.expect("front page");
    assert_eq!(slugs(&front.featured), ["budget-row-deepens", "festival-returns"]);
    let front = store.front_page(&english(), 1, 3).await.expect("front page");
    assert_eq!(slugs(&front.featured), ["budget-row-deepens"], "as many as asked");
}

async fn only_editors_and_admins_choose_the_front_page(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let author = person(&newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let editor = person(&newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let own = id_of(db, "budget-vote-passes").await;
    let version = store.editable_article(own).await.expect("query").expect("article").version;
    // An author may not pin their own story: refused whole, nothing written.
    let mut edit = edit_of(db, own, Step::Update).await;
    edit.input.headline = "Pinned by its author".into();
    let pin = Presentation { curation: Some(TOP), search_and_social: None };
    let refused = newsroom.edit_article_presented(&author, edit.clone(), pin.clone()).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let after = store.editable_article(own).await.expect("query").expect("article");
    assert_eq!((after.version, after.curation), (version, Curation::default()));
    assert_ne!(after.input.headline, "Pinned by its author");
    // An editor may; the author's later save (which offers no choice) keeps the pin, and so
    // does one that sends the flags as they stand.
    newsroom.edit_article_presented(&editor, edit.clone(), pin).await.expect("an editor pins");
    newsroom.edit_article(&author, edit_of(db, own, Step::Update).await).await.expect("save");
    let unchanged = Presentation { curation: Some(TOP), search_and_social: None };
    let edit = edit_of(db, own, Step::Update).await;
    newsroom.edit_article_presented(&author, edit, unchanged).await.expect("same flags");
    let after = store.editable_article(own).await.expect("query").expect("article");
    assert_eq!(after.curation, TOP);
    // Unpinning is a choice too.
    let unpin = Presentation { curation: Some(Curation::default()), search_and_social: None };
    let edit = edit_of(db, own, Step::Update).await;
    let refused = newsroom.edit_article_presented(&author, edit, unpin).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
}

async fn front_page_changes_are_announced(db: &TestDb) {
    let newsroom = fixture(db).await;
    let mut changes = newsroom.subscribe();
    let mut next = move || match changes.try_recv() {
        Ok(Change::Article(change)) => Some(change),
        Ok(other) => panic!("expected an article change, got {other:?}"),
        Err(_) => None,
    };
    let festival = id_of(db, "festival-returns").await;
    newsroom.curate_article(festival, TOP).await.expect("pin");
    let change = next().expect("announced");
    assert!(change.front_page && change.id == festival && change.moved.is_empty(), "{change:?}");
    newsroom.curate_article(festival, TOP).await.expect("pin again");
    assert!(!next().expect("announced").front_page, "nothing changed on the front page");
    // A draft pinned unpins the published top story: the front page changes all the same.
    let draft = id_of(db, "secret-draft").await;
    newsroom.curate_article(draft, TOP).await.expect("pin a draft");
    let change = next().expect("announced although the draft is not public");
    assert!(change.front_page && change.id == draft, "{change:?}");
    // Pinned, a draft's later saves are its own business again.
    let stored = db.store().editable_article(draft).await.expect("query").expect("article");
    newsroom.save_article(Some(draft), stored.input).await.expect("save");
    assert_eq!(next(), None);
}

async fn search_and_social_fields_are_saved_with_the_article(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let author = person(&newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let own = id_of(db, "budget-vote-passes").await;
    let shown = SearchAndSocial {
        title: " Budget: what the vote means ".into(),
        description: "The council's budget,\nexplained.".into(),
        image: Some("https://images.example.com/budget.jpg".into()),
    };
    let presentation = Presentation { curation: None, search_and_social: Some(shown) };
    let edit = edit_of(db, own, Step::Update).await;
    newsroom.edit_article_presented(&author, edit, presentation).await.expect("an author may");
    let page = store.published_article("budget-vote-passes").await.expect("query").expect("public");
    let expected = SearchAndSocial {
        title: "Budget: what the vote means".into(),
        description: "The council's budget, explained.".into(),
        image: Some("https://images.example.com/budget.jpg".into()),
    };
    assert_eq!(page.search_and_social, expected);
    let editable = store.editable_article(own).await.expect("query").expect("article");
    assert_eq!(editable.search_and_social, expected);
    // Saved without them (the operator's tools), they stay; a bad one is refused whole.
    newsroom.save_article(Some(own), editable.input.clone()).await.expect("save");
    let page = store.published_article("budget-vote-passes").await.expect("query").expect("public");
    assert_eq!(page.search_and_social, expected);
    let bad = SearchAndSocial { image: Some("ftp://x.example.com/a.png".into()), ..expected };
    let mut edit = edit_of(db, own, Step::Update).await;
    edit.input.headline = "Never saved".into();
    let presentation = Presentation { curation: None, search_and_social: Some(bad) };
    let refused = newsroom.edit_article_presented(&author, edit, presentation).await;
    assert!(matches!(&refused, Err(Error::Invalid(i)) if i.field == "social_image"), "{refused:?}");
    let editable = store.editable_article(own).await.expect("query").expect("article");
    assert_ne!(editable.input.headline, "Never saved");
}

async fn breaking_news_is_set_replaced_taken_down_and_expires(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let author = person(&newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let editor = person(&newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let banner = |language: &str, text: &str, hours: i64| BreakingNews {
        language: language.into(),
        text: text.into(),
        link: Some("/articles/river-floods-saltmarsh".into()),
        expires_at: NOW + Duration::hours(hours),
    };
    let refused = newsroom.set_breaking_news(&author, banner("en", "Floods", 2)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let foreign = newsroom.set_breaking_news(&editor, banner("fr", "Crues", 2)).await;
    assert!(matches!(&foreign, Err(Error::Invalid(i)) if i.field == "language"), "{foreign:?}");
    assert!(store.breaking_news().await.expect("query").is_empty(), "nothing was set");
    let mut changes = newsroom.subscribe();
    newsroom.set_breaking_news(&editor, banner("en", "Floods", 2)).await.expect("set");
    assert_eq!(changes.try_recv().ok(), Some(Change::Catalog), "every page shows it");
    newsroom
        .set_breaking_news(&editor, banner("en", "Floods: roads shut", 1))
        .await
        .expect("replace");
    newsroom.set_breaking_news(&editor, banner("ur", "سیلاب", 3)).await.expect("set in Urdu");
    let stored = store.breaking_news().await.expect("query");
    let texts: Vec<_> = stored.iter().map(|b| (b.language.as_str(), b.text.as_str())).collect();
    assert_eq!(texts, [("en", "Floods: roads shut"), ("ur", "سیلاب")], "one per edition");
    // Nothing has expired yet; after an hour and a half the English one has.
    while changes.try_recv().is_ok() {}
    assert_eq!(newsroom.expire_breaking_news().await.expect("expire"), 0);
    assert!(changes.try_recv().is_err(), "nothing to purge");
    db.clock.advance(Duration::minutes(90));
    assert_eq!(newsroom.expire_breaking_news().await.expect("expire"), 1);
    assert_eq!(changes.try_recv().ok(), Some(Change::Catalog), "pages showing it are dropped");
    let stored = store.breaking_news().await.expect("query");
    assert_eq!(stored.iter().map(|b| b.language.as_str()).collect::<Vec<_>>(), ["ur"]);
    // Taken down early, by an editor only.
    let refused = newsroom.clear_breaking_news(&author, "ur").await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    newsroom.clear_breaking_news(&editor, "ur").await.expect("clear");
    assert!(store.breaking_news().await.expect("query").is_empty());
}

async fn page_settings_are_checked_and_admins_only(db: &TestDb) {
    let newsroom = fixture(db).await;
    let editor = person(&newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let admin = person(&newsroom, "ada@example.com", "Ada Admin", Role::Admin).await;
    let settings = newsroom.page_settings().await.expect("settings");
    assert_eq!(settings.related_count, 3, "three cards by default");
    assert_eq!((settings.images.logo, settings.images.share_image), (None, None));
    let refused = newsroom.save_related_count(&editor, "4").await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let invalid = newsroom.save_related_count(&admin, "9").await;
    assert!(matches!(&invalid, Err(Error::Invalid(i)) if i.field == "related_count"));
    assert_eq!(newsroom.save_related_count(&admin, " 4 ").await.expect("saved"), 4);
    assert_eq!(newsroom.page_settings().await.expect("settings").related_count, 4);
    // The site's images come from the media library (which checked them on upload).
    let path = "/media/uploads/2026/11/0123456789abcdef.png";
    let refused = newsroom.save_site_image(&editor, SiteImage::Logo, Some(path)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let outside = newsroom.save_site_image(&admin, SiteImage::Logo, Some(path)).await;
    assert!(matches!(&outside, Err(Error::Invalid(i)) if i.field == "image"), "{outside:?}");
    assert_eq!(newsroom.page_settings().await.expect("settings").images.logo, None);
    assert!(!db.store().is_site_image(path).await.expect("query"));
}

async fn more_from_author_never_repeats_you_may_also_like(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    // Maya Chen writes five more stories on other subjects, so her list can fill up.
    for n in 0..5 {
        let body = format!("Story {n} about the harbour's ferries, timetables and piers. ");
        let input = article(
            &format!("harbour-{n}"),
            &format!("Harbour story {n}"),
            "culture",
            &["maya-chen"],
            &[],
            &body.repeat(10),
        );
        let id = newsroom.save_article(None, input).await.expect("save");
        newsroom.publish_article(id, Some(NOW - Duration::days(20 + n))).await.expect("publish");
    }
    let id = id_of(db, "river-floods-saltmarsh").await;
    let maya = store.author_by_slug("maya-chen").await.expect("query").expect("author");
    let filter = ArticleFilter { author: Some(maya.id), exclude: Some(id), ..Default::default() };
    let lists = store.article_lists(id, &filter, 3, 3, &[]).await.expect("lists");
    let (related, more) = (lists.related, lists.more);
    assert_eq!(related.len(), 3, "{:?}", slugs(&related));
    assert!(
        related.iter().any(|r| r.authors.iter().any(|a| a.slug == slug("maya-chen"))),
        "her related stories are the case this guards against: {:?}",
        slugs(&related)
    );
    assert_eq!(more.len(), 3, "filled up from her other stories");
    for story in &more {
        assert!(related.iter().all(|r| r.id != story.id), "{} is in both lists", story.slug);
        assert!(story.authors.iter().any(|a| a.slug == slug("maya-chen")));
    }
    let all = store.article_lists(id, &filter, 6, 0, &[]).await.expect("lists").related;
    assert!(all.len() > 3 && all[..3] == related[..], "the best three of the list");
}

/// Issue 15: with nothing pinned or featured, SQLite walked every published article by date to
/// find no top story (539 ms at 100,000). The top story and featured parts must read their own
/// partial indexes; only the latest part walks the date index, and stops after a page.
async fn the_front_page_finds_no_top_story_without_walking_the_archive(db: &TestDb) {
    let _newsroom = fixture(db).await;
    // An archive of 3,000 more published articles, none pinned or featured.
    db.execute_raw(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) \
         INSERT INTO articles (slug, headline, body_markdown, body_html, word_count, language, \
         status, section_id, published_at, created_at, updated_at) \
         SELECT 'archive-' || i, 'Archive', 'Text.', '<p>Text.</p>', 1, 'en', 'published', \
         (SELECT MIN(id) FROM sections), CAST(1700000000 - i * 3600 AS BIGINT), \
         CAST(1700000000 AS BIGINT), CAST(1700000000 AS BIGINT) FROM n",
        &[],
    )
    .await;
    if db.store().backend() == Backend::Postgres {
        // PostgreSQL plans by statistics (autovacuum keeps them); SQLite, never analysed by
        // Lede, plans without.
        db.execute_raw("ANALYZE articles", &[]).await;
    }
    let store = db.store();
    // A site of one language reads 0024's indexes; an edition (a language given) 0026's.
    let by_date = ["articles_by_status_date", "articles_by_language_date"];
    let one_language = ["articles_top_story_by_date", "articles_featured_by_date"];
    let edition = ["articles_top_story_by_language_date", "articles_featured_by_language_date"];
    for (filter, partial) in [(ArticleFilter::default(), one_language), (english(), edition)] {
        let plan = store.front_page_plan(&filter, 5, 12).await.expect("plan");
        let text = plan.join("\n");
        let walks = plan.iter().filter(|line| by_date.iter().any(|i| line.contains(i))).count();
        assert_eq!(walks, 1, "only the latest walk a date index:\n{text}");
        assert!(
            !plan
                .iter()
                .any(|line| line.starts_with("SCAN a") || line.contains("Seq Scan on articles")),
            "no part reads every article:\n{text}"
        );
        if db.store().backend() == Backend::Sqlite {
            for index in partial {
                assert!(
                    plan.iter()
                        .any(|line| line.starts_with(&format!("SEARCH a USING INDEX {index} "))),
                    "{index} is read:\n{text}"
                );
            }
        }
        // And the page is still right: no top story, no featured, the newest first.
        let front = store.front_page(&filter, 5, 12).await.expect("front page");
        assert_eq!(front.top_story, None);
        assert!(front.featured.is_empty());
        assert_eq!(front.latest.len(), 12);
    }
}

/// Issue 15: on a site of many English articles and a few older Urdu ones, every list of the
/// Urdu edition walked the date index through the English archive, newest first, until it had
/// found its page (some 90,000 rows at 100,000 articles). Each statement an Urdu reader page
/// asks (home page, its section blocks, lists with their counts, feeds, "More From Author")
/// must read an index that leads with the language, never the archive's date or section index.
async fn the_urdu_edition_does_not_walk_the_english_archive(db: &TestDb) {
    let _newsroom = fixture(db).await;
    // 3,000 English articles, all in one section, and 20 Urdu ones older than all of them.
    db.execute_raw(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3020) \
         INSERT INTO articles (slug, headline, body_markdown, body_html, word_count, language, \
         status, section_id, published_at, created_at, updated_at) \
         SELECT 'archive-' || i, 'Archive', 'Text.', '<p>Text.</p>', 1, \
         CASE WHEN i > 3000 THEN 'ur' ELSE 'en' END, 'published', \
         (SELECT MIN(id) FROM sections), CAST(1700000000 - i * 3600 AS BIGINT), \
         CAST(1700000000 AS BIGINT), CAST(1700000000 AS BIGINT) FROM n",
        &[],
    )
    .await;
    db.execute_raw(
        "INSERT INTO article_authors (article_id, author_id, position) \
         SELECT id, (SELECT MIN(id) FROM authors), 0 FROM articles WHERE language = 'ur'",
        &[],
    )
    .await;
    if db.store().backend() == Backend::Postgres {
        db.execute_raw("ANALYZE articles", &[]).await;
        db.execute_raw("ANALYZE article_authors", &[]).await;
    }
    let store = db.store();
    let sections: Vec<SectionId> = store
        .sections()
        .await
        .expect("sections")
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| s.id)
        .collect();
    let urdu = ArticleFilter { language: Some("ur".into()), ..Default::default() };
    let author = store.published_article("archive-3001").await.expect("query").expect("article");
    let filters = [
        urdu.clone(),
        ArticleFilter { section: Some(sections[0]), ..urdu.clone() },
        ArticleFilter {
            author: author.authors.first().map(|a| a.id),
            exclude: Some(author.summary.id),
            ..urdu.clone()
        },
    ];
    let mut plans = vec![("front page", store.front_page_plan(&urdu, 5, 14).await.expect("plan"))];
    for filter in &filters {
        plans.extend(store.list_plans(filter, &sections).await.expect("plans"));
    }
    for (name, plan) in plans {
        let text = plan.join("\n");
        assert!(
            !plan.iter().any(|line| {
                line.contains("articles_by_status_date")
                    || line.contains("articles_by_section")
                    || line.starts_with("SCAN a")
                    || line.contains("Seq Scan on articles")
            }),
            "{name}: the Urdu list walks no archive:\n{text}"
        );
        if db.store().backend() == Backend::Sqlite {
            assert!(
                plan.iter().any(|line| line.starts_with("SEARCH a USING INDEX articles_")
                    && line.contains("_by_language_date (language=? AND status=?)")),
                "{name}: the Urdu list reads its language's index:\n{text}"
            );
        }
    }
    // An article page's own statement (the article, its comments and its translations)
    // reads its rows by index, whatever the archive's size.
    let plan = store.article_page_plan("archive-3001").await.expect("plan");
    let text = plan.join("\n");
    assert!(
        !plan.iter().any(|line| {
            line.contains("articles_by_")
                || line.starts_with("SCAN a")
                || line.starts_with("SCAN articles")
                || line.contains("Seq Scan on articles")
        }),
        "the article page walks no archive:\n{text}"
    );
    // And the lists are the Urdu ones, newest first.
    let front = store.front_page(&urdu, 5, 14).await.expect("front page");
    assert_eq!(front.latest.len(), 14);
    assert!(front.latest.iter().all(|a| a.language == "ur"));
    assert_eq!(front.latest[0].slug.as_str(), "archive-3001");
}
