//! `lede export --format json` and `lede import lede`, on SQLite and PostgreSQL: a site with
//! every kind of record exported, restored into a fresh site and exported again is the same
//! file; its people sign in with their old passwords, its partners' keys still work, its
//! search and related lists are rebuilt; broken, newer and misplaced files write nothing.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::{PageEdit, PageInput, PageStatus, UpdateNotes};
use lede_core::menu::{Menu, MenuItem, MenuName, MenuTarget};
use lede_core::presentation::Curation;
use lede_core::workflow::Step;
use lede_import::export::{self, SiteInfo};
use lede_import::{Error, Format};
use lede_store::test_support::{TestDb, article, load_fixture, slug};
use lede_store::{Accounts, Edit, Newsroom};
use lede_web::{AppState, SiteSettings};
use std::path::PathBuf;
use tower::ServiceExt;

lede_store::on_both_databases!(
    a_site_survives_export_and_restore,
    broken_newer_and_misplaced_files_write_nothing,
    an_imported_wordpress_site_survives_export_and_restore,
);

const PASSWORD: &str = "correct horse battery staple";

fn site_info(newsroom: &Newsroom) -> SiteInfo {
    SiteInfo {
        name: "Northbridge".into(),
        tagline: "News".into(),
        base_url: "https://lede.example".into(),
        language: "en".into(),
        exported_at: newsroom.now(),
    }
}

async fn export_json(newsroom: &Newsroom) -> serde_json::Value {
    let mut out = Vec::new();
    export::export(newsroom.store(), &site_info(newsroom), Format::Json, &mut out)
        .await
        .expect("export");
    serde_json::from_slice(&out).expect("the export is JSON")
}

/// A file in the system's temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &[u8]) -> Self {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("lede-restore-{}-{n}-{name}", std::process::id()));
        std::fs::write(&path, content).expect("written");
        Self(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The fixture and one of every other kind of record: accounts, a live and a revoked API
/// key, a partner-only article, revisions, a correction, a top story with search and social
/// fields, a pending version, comments in every state with a reply, a draft page in Urdu with
/// two revisions, a saved menu, a renamed article's redirect, local names and settings.
async fn rich_site(newsroom: &Newsroom) -> String {
    load_fixture(newsroom).await;
    let accounts = Accounts::new(newsroom);
    accounts.create_user("ed@example.com", "Ed", Role::Editor, PASSWORD).await.expect("editor");
    accounts.create_user("ada@example.com", "Ada", Role::Admin, PASSWORD).await.expect("admin");
    let store = newsroom.store();
    let editor = store.user_by_email("ed@example.com").await.expect("query").expect("editor");
    let admin = store.user_by_email("ada@example.com").await.expect("query").expect("admin");
    let (_, key) = newsroom.create_api_key("Coast Radio").await.expect("key");
    let (revoked, _) = newsroom.create_api_key("Old Partner").await.expect("key");
    newsroom.revoke_api_key(revoked.id).await.expect("revoked");
    newsroom.set_site_identity("Northbridge Gazette", "All the river's news").await.expect("id");
    newsroom.set_site_tagline("ur", "دریا کی سب خبریں").await.expect("tagline");
    newsroom.set_remote_images(true).await.expect("remote images");

    // An article saved twice, published, then corrected and renamed.
    let mut input = article(
        "quay-works",
        "Works begin at the quay",
        "news",
        &["maya-chen"],
        &["river"],
        "First draft.",
    );
    let edit = |id, input, step, notes| Edit {
        id,
        input,
        tag_names: vec![(slug("harbour"), "Harbour".to_owned())],
        expected_version: None,
        step,
        schedule_at: None,
        notes,
    };
    let id = newsroom
        .edit_article(&editor, edit(None, input.clone(), Step::SaveDraft, UpdateNotes::default()))
        .await
        .expect("saved");
    input.body_markdown = "Second draft, with **more**.".into();
    input.tags.push(slug("harbour"));
    newsroom
        .edit_article(&editor, edit(Some(id), input.clone(), Step::Publish, UpdateNotes::default()))
        .await
        .expect("published");
    input.slug = slug("quay-works-begin");
    let correction = UpdateNotes {
        correction: "The works begin in May, not June.".into(),
        ..UpdateNotes::default()
    };
    newsroom
        .edit_article(&editor, edit(Some(id), input.clone(), Step::Update, correction))
        .await
        .expect("corrected");
    newsroom
        .curate_article(id, Curation { top_story: true, featured: true })
        .await
        .expect("curated");
    input.headline = "Works begin at the quay in May".into();
    newsroom
        .edit_article(&editor, edit(Some(id), input, Step::SaveForLater, UpdateNotes::default()))
        .await
        .expect("kept for later");

    let mut exclusive = article(
        "agency-exclusive",
        "Exclusive to partners",
        "culture",
        &["jonas-berg"],
        &["music"],
        "For partners.",
    );
    exclusive.partner_only = true;
    let exclusive = newsroom.save_article(None, exclusive).await.expect("saved");
    newsroom.publish_article(exclusive, Some(newsroom.now())).await.expect("published");
    let mut urdu = article(
        "quay-works-ur",
        "گھاٹ پر کام شروع",
        "news",
        &["maya-chen"],
        &["river"],
        "کام مئی میں شروع ہوگا۔",
    );
    urdu.language = "ur".into();
    urdu.translation_of = Some(slug("quay-works-begin"));
    newsroom.save_article(None, urdu).await.expect("translation");

    let (on, _) =
        store.article_state("river-floods-saltmarsh").await.expect("query").expect("article");
    let comment = |text: &str, parent| {
        CommentInput {
            name: "Reader".into(),
            email: "reader@example.com".into(),
            website: "https://reader.example".into(),
            text: text.into(),
            parent,
        }
        .check()
        .expect("a comment")
    };
    let first = newsroom
        .submit_comment(on, &comment("Terrible flood.", None), CommentStatus::Approved)
        .await
        .expect("comment");
    newsroom
        .submit_comment(on, &comment("Agreed.", Some(first)), CommentStatus::Approved)
        .await
        .expect("reply");
    newsroom
        .submit_comment(on, &comment("Held back.", None), CommentStatus::Pending)
        .await
        .expect("pending");
    newsroom
        .submit_comment(on, &comment("Buy pills.", None), CommentStatus::Spam)
        .await
        .expect("spam");

    let page = PageEdit {
        page: PageInput {
            slug: slug("darbare"),
            title: "ہمارے بارے میں".into(),
            body_markdown: "پہلا مسودہ".into(),
        },
        language: Some("ur".into()),
        status: PageStatus::Draft,
    };
    let page_id = newsroom.create_page(&editor, page.clone()).await.expect("page");
    let mut second = page;
    second.page.body_markdown = "دوسرا مسودہ".into();
    newsroom.update_page(&editor, page_id, second).await.expect("page saved again");
    let menu = Menu {
        name: MenuName::Footer,
        language: "en".into(),
        items: vec![
            MenuItem { target: MenuTarget::Section(slug("news")), label: String::new() },
            MenuItem {
                target: MenuTarget::Link("https://radio.example".into()),
                label: "Radio".into(),
            },
        ],
    };
    newsroom.save_menu(&admin, menu).await.expect("menu");
    newsroom
        .save_local_names(
            lede_core::names::Named::Tag,
            &slug("river"),
            vec![lede_core::names::LocalName::new("ur", "دریا", "")],
        )
        .await
        .expect("names");
    key.reveal().to_owned()
}

/// The router of a site, asked for `path` with `key`, if any.
async fn get(newsroom: &Newsroom, path: &str, key: Option<&str>) -> (StatusCode, String) {
    let state = AppState::new(newsroom.clone(), SiteSettings::default()).expect("templates");
    let mut request = Request::get(path);
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let response = lede_web::router(state)
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("answered");
    let status = response.status();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn related_rows(db: &TestDb) -> Vec<(i64, i64)> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&db.url).await.expect("connect");
    let rows: Vec<(i64, i64)> =
        sqlx::query_as("SELECT article_id, related_id FROM related_articles ORDER BY 1, 2")
            .fetch_all(&pool)
            .await
            .expect("related lists");
    pool.close().await;
    rows
}

/// A second database of the same kind as `db`.
async fn another(db: &TestDb) -> TestDb {
    if db.url.starts_with("sqlite") {
        TestDb::sqlite().await
    } else {
        TestDb::postgres().await.expect("PostgreSQL, as the first")
    }
}

async fn a_site_survives_export_and_restore(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let key = rich_site(&newsroom).await;
    let exported = export_json(&newsroom).await;
    assert_eq!(exported["format"], "lede-export");
    assert_eq!(exported["version"], 2);
    let text = serde_json::to_vec_pretty(&exported).expect("JSON");
    assert!(!String::from_utf8_lossy(&text).contains(PASSWORD), "never a password");
    assert!(!String::from_utf8_lossy(&text).contains(&key), "never a key");

    let fresh_db = another(db).await;
    let fresh = fresh_db.newsroom().await;
    let file = TempFile::new("site.json", &text);
    let report = lede_import::import_lede(&fresh, &file.0).await.expect("restored");
    assert_eq!(report.counts.accounts, 2);
    assert_eq!(report.counts.api_keys, 2);
    assert_eq!(report.counts.articles, 10);
    assert_eq!(report.counts.comments, 4);

    // Exported again, the restored site is the same file.
    let again = export_json(&fresh).await;
    for list in [
        "settings",
        "accounts",
        "api_keys",
        "authors",
        "sections",
        "tags",
        "media",
        "pages",
        "menus",
        "redirects",
        "breaking_news",
        "import_refs",
        "articles",
    ] {
        assert_eq!(again[list], exported[list], "{list} differ after the round trip");
    }
    assert_eq!(again, exported);

    // What the checks above compare holds what it should.
    let article = |slug: &str| {
        exported["articles"]
            .as_array()
            .and_then(|all| all.iter().find(|a| a["slug"] == slug))
            .cloned()
            .expect(slug)
    };
    let quay = article("quay-works-begin");
    assert_eq!(quay["revisions"].as_array().map(Vec::len), Some(3), "{quay}");
    assert_eq!(quay["notes"][0]["kind"], "correction");
    assert_eq!(quay["presentation"]["top_story"], true);
    assert!(quay["pending"]["content"].as_str().is_some_and(|c| c.contains("in May")), "{quay}");
    assert_eq!(article("quay-works-ur")["translation_of"], "quay-works-begin");
    let page = &exported["pages"][0];
    assert_eq!((&page["status"], &page["language"]), (&"draft".into(), &"ur".into()));
    assert_eq!(page["revisions"].as_array().map(Vec::len), Some(2));
    assert!(
        exported["redirects"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["from"] == "/articles/quay-works"))
    );
    assert_eq!(exported["settings"]["site_name"], "Northbridge Gazette");
    assert_eq!(exported["settings"]["site_tagline:ur"], "دریا کی سب خبریں");

    // People sign in with their old passwords; keys keep their partners' access.
    let signed_in =
        Accounts::new(&fresh).sign_in("ed@example.com", PASSWORD).await.expect("signed in");
    assert_eq!(signed_in.user.role, Role::Editor);
    assert!(Accounts::new(&fresh).sign_in("ed@example.com", "wrong password").await.is_err());
    assert!(!Accounts::new(&fresh).needs_setup().await.expect("query"), "no setup page");
    let (status, body) = get(&fresh, "/api/articles/agency-exclusive", Some(&key)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = get(&fresh, "/api/articles/agency-exclusive", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Search, related lists, redirects and new rows work as before.
    let (status, body) = get(&fresh, "/search?q=saltmarsh", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("/articles/river-floods-saltmarsh"), "found by search: {body}");
    assert_eq!(related_rows(&fresh_db).await, related_rows(db).await);
    let (status, _) = get(&fresh, "/articles/quay-works", None).await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    let new = fresh
        .save_article(
            None,
            lede_store::test_support::article(
                "after",
                "After the restore",
                "news",
                &["maya-chen"],
                &[],
                "New.",
            ),
        )
        .await
        .expect("a new article");
    let highest = exported["articles"]
        .as_array()
        .and_then(|a| a.iter().filter_map(|a| a["id"].as_i64()).max());
    assert!(Some(new.0) > highest, "new ids follow the restored ones");
}

async fn broken_newer_and_misplaced_files_write_nothing(db: &TestDb) {
    let source = db.newsroom().await;
    rich_site(&source).await;
    let exported = export_json(&source).await;

    let empty_db = another(db).await;
    let empty = empty_db.newsroom().await;
    let is_empty = || async {
        let store = empty.store();
        assert_eq!(store.count_articles().await.expect("count"), 0);
        assert!(store.users().await.expect("users").is_empty());
        assert!(store.authors().await.expect("authors").is_empty());
        assert!(store.sections().await.expect("sections").is_empty());
        assert!(store.api_keys().await.expect("keys").is_empty());
    };
    let restore = |value: &serde_json::Value| {
        let bytes = serde_json::to_vec(value).expect("JSON");
        let empty = empty.clone();
        async move {
            let file = TempFile::new("broken.json", &bytes);
            lede_import::import_lede(&empty, &file.0).await
        }
    };

    // Cut short: not JSON, and the line is named.
    let text = serde_json::to_string_pretty(&exported).expect("JSON");
    let file = TempFile::new("cut.json", &text.as_bytes()[..text.len() / 2]);
    let error = lede_import::import_lede(&empty, &file.0).await.expect_err("refused");
    assert!(matches!(error, Error::Parse { .. }), "{error}");
    assert!(error.to_string().contains("line "), "{error}");
    is_empty().await;

    let mut newer = exported.clone();
    newer["version"] = 3.into();
    let error = restore(&newer).await.expect_err("refused");
    assert!(error.to_string().contains("newer Lede"), "{error}");

    let mut old = exported.clone();
    old["version"] = 1.into();
    assert!(restore(&old).await.expect_err("refused").to_string().contains("version 1"));

    let mut other = exported.clone();
    other["format"] = "wordpress".into();
    assert!(restore(&other).await.expect_err("refused").to_string().contains("not a Lede export"));

    let mut wrong_type = exported.clone();
    wrong_type["articles"][0]["status"] = "live".into();
    assert!(matches!(restore(&wrong_type).await, Err(Error::Parse { .. })));

    let mut dangling = exported.clone();
    dangling["articles"][0]["tags"] = serde_json::json!(["no-such-tag"]);
    let error = restore(&dangling).await.expect_err("refused");
    assert!(error.to_string().contains("no-such-tag"), "{error}");
    is_empty().await;

    // Refused by the database half-way through (two keys with one hash, written after the
    // authors, sections and accounts): the transaction leaves nothing behind.
    let mut clash = exported.clone();
    let first_hash = clash["api_keys"][0]["key_hash"].clone();
    clash["api_keys"][1]["key_hash"] = first_hash;
    assert!(matches!(restore(&clash).await, Err(Error::Store(_))));
    is_empty().await;

    // A site with content is never overwritten.
    let error = lede_import::import_lede(
        &source,
        &TempFile::new("again.json", &serde_json::to_vec(&exported).expect("JSON")).0,
    )
    .await
    .expect_err("refused");
    let Error::Store(lede_store::Error::Conflict(message)) = &error else { panic!("{error}") };
    assert!(message.to_string().contains("empty site"), "{message}");
    assert_eq!(export_json(&source).await, exported, "unchanged");

    // And the file itself restores.
    restore(&exported).await.expect("restored");
    assert_eq!(export_json(&empty).await, exported);
}

/// WordPress's theme unit test data (HTML bodies, threaded comments, nested pages, old
/// permalinks) imported, exported, restored and exported again: the same file.
async fn an_imported_wordpress_site_survives_export_and_restore(db: &TestDb) {
    let newsroom = db.newsroom().await;
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/wordpress/themeunittestdata.wordpress.xml");
    let media = std::env::temp_dir().join(format!("lede-restore-media-{}", std::process::id()));
    let options = lede_import::ImportOptions {
        media_source: None,
        media: lede_store::MediaStore::local(&media).expect("a media folder"),
        pace: lede_store::ImportPace::default(),
    };
    lede_import::import_wordpress(&newsroom, &data, &options, &mut lede_import::Quiet)
        .await
        .expect("imported");
    let exported = export_json(&newsroom).await;
    assert!(exported["redirects"].as_array().is_some_and(|r| r.len() > 50), "old permalinks");
    assert!(exported["import_refs"].as_array().is_some_and(|r| !r.is_empty()));
    let fresh_db = another(db).await;
    let fresh = fresh_db.newsroom().await;
    let file = TempFile::new("wordpress.json", &serde_json::to_vec(&exported).expect("JSON"));
    let report = lede_import::import_lede(&fresh, &file.0).await.expect("restored");
    assert_eq!(report.counts.articles, exported["articles"].as_array().map_or(0, Vec::len));
    assert_eq!(export_json(&fresh).await, exported);
    assert_eq!(related_rows(&fresh_db).await, related_rows(db).await);
    // Importing the same WordPress file into the restored site changes nothing.
    let outcome = lede_import::import_wordpress(&fresh, &data, &options, &mut lede_import::Quiet)
        .await
        .expect("imported again");
    assert_eq!(outcome.outcome.created.articles, 0, "{outcome}");
    assert_eq!(export_json(&fresh).await, exported);
    std::fs::remove_dir_all(media).ok();
}
