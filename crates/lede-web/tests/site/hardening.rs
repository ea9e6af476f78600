//! The "Hardening" findings, each as the attack or accident that found it: control characters
//! in feeds, live HTML in feed descriptions, forged bylines, a lockout that told which
//! addresses have accounts, other people's drafts and images, comment forms sent twice.

use crate::support::*;
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_core::comment::CommentStatus;
use lede_store::Accounts;
use lede_store::test_support::{TestDb, article};

lede_store::on_both_databases!(
    control_characters_never_reach_the_xml_and_forms_refuse_them,
    feed_summaries_carry_text_never_live_html,
    only_editors_credit_others_on_an_article,
    a_lockout_looks_the_same_with_or_without_an_account,
    only_authors_and_editors_open_an_article_in_the_newsroom,
    only_the_uploader_or_an_editor_deletes_an_image,
    a_comment_form_sends_one_comment,
);

async fn control_characters_never_reach_the_xml_and_forms_refuse_them(db: &TestDb) {
    let newsroom = db.newsroom().await;
    lede_store::test_support::load_fixture(&newsroom).await;
    db.execute_raw(
        "UPDATE articles SET headline = $1 || headline, standfirst = $2 WHERE status = 'published'",
        &["Bell\u{7}\u{1} ", "Tab\tand\u{1b}[31m escape"],
    )
    .await;
    let site = site_with(db, newsroom, settings()).await;
    for path in ["/rss.xml", "/atom.xml", "/sitemaps/news.xml", "/section/news/rss.xml"] {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let document = roxmltree::Document::parse(&page.body)
            .unwrap_or_else(|e| panic!("{path} is not XML: {e}"));
        let text: String = document.descendants().filter_map(|n| n.text()).collect();
        assert!(text.contains("Bell "), "{path}: the headline is still there");
        assert!(!page.body.contains(['\u{1}', '\u{7}', '\u{1b}']), "{path}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&site.get("/feed.json").await.body).expect("JSON Feed");
    assert!(json["items"][0]["title"].as_str().unwrap_or("").starts_with("Bell"));

    // Every way in refuses them: the domain, and the editor's form with a clear message.
    let mut input = article("bell", "Bell\u{7} rings", "news", &["maya-chen"], &[], "Body.");
    let refused = site.newsroom.save_article(None, input.clone()).await.expect_err("refused");
    assert!(refused.to_string().contains("U+0007"), "{refused}");
    input.headline = "Bell rings".into();
    input.standfirst = "A bell\nover two lines.".into();
    input.body_markdown = "Line one\n\n\tLine two\r\n".into();
    site.newsroom.save_article(None, input).await.expect("tabs and line breaks fit a body");
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let mut fields = editor_fields(&csrf, "save", "Council\u{1} votes", "Words.");
    fields.push(("authors", "maya-chen"));
    let page = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text(".form-errors").contains("control character U+0001"), "{}", page.body);
    assert_eq!(page.attr("#headline", "value"), "Council\u{1} votes", "the text is kept");
    let pending = site.newsroom.store().list_comments(CommentStatus::Pending, 10).await;
    assert!(pending.expect("queue").is_empty());
    let comment = lede_core::comment::CommentInput {
        name: "Ann\u{0}".into(),
        email: "ann@example.com".into(),
        website: String::new(),
        text: "Fine\nover two lines".into(),
        parent: None,
    };
    let problems = comment.check().expect_err("a control character in a name");
    assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), ["name"]);
}

async fn feed_summaries_carry_text_never_live_html(db: &TestDb) {
    let newsroom = db.newsroom().await;
    lede_store::test_support::load_fixture(&newsroom).await;
    let evil = "<img src=x onerror=alert(1)> & more";
    let mut input = article("evil", "Evil standfirst", "news", &["maya-chen"], &[], "Body.");
    input.standfirst = evil.into();
    let id = newsroom.save_article(None, input).await.expect("saved");
    newsroom.publish_article(id, None).await.expect("published");
    let site = site_with(db, newsroom, settings()).await;

    let rss = site.get("/rss.xml").await.body;
    let document = roxmltree::Document::parse(&rss).expect("RSS");
    let item = document
        .descendants()
        .find(|n| {
            n.has_tag_name("item")
                && n.children()
                    .any(|c| c.has_tag_name("title") && c.text() == Some("Evil standfirst"))
        })
        .expect("the item");
    let description = item
        .children()
        .find(|c| c.has_tag_name("description"))
        .and_then(|c| c.text())
        .expect("a description");
    // Feed readers take RSS descriptions as HTML: the text must arrive escaped for HTML.
    assert_eq!(description, "&lt;img src=x onerror=alert(1)&gt; &amp; more");
    let parsed = feed_rs::parser::parse(rss.as_bytes()).expect("feed-rs reads it");
    let entry = parsed
        .entries
        .iter()
        .find(|e| e.title.as_ref().is_some_and(|t| t.content == "Evil standfirst"));
    let summary = entry.and_then(|e| e.summary.as_ref()).expect("summary");
    assert!(!summary.content.contains("<img"), "{}", summary.content);

    // Atom says its summary is text, and JSON Feed's summary is plain text by definition.
    let atom = site.get("/atom.xml").await.body;
    let document = roxmltree::Document::parse(&atom).expect("Atom");
    let summary = document
        .descendants()
        .find(|n| n.has_tag_name("summary") && n.text() == Some(evil))
        .expect("the summary, as text");
    assert_eq!(summary.attribute("type"), Some("text"));
    let json: serde_json::Value =
        serde_json::from_str(&site.get("/feed.json").await.body).expect("JSON Feed");
    let items = json["items"].as_array().expect("items");
    let item = items.iter().find(|i| i["title"] == "Evil standfirst").expect("the item");
    assert_eq!(item["summary"], evil);
    assert!(
        item.get("content_html").is_none_or(|html| !html.as_str().unwrap_or("").contains("<img"))
    );
}

async fn only_editors_credit_others_on_an_article(db: &TestDb) {
    let site = site(db).await;
    let store = site.newsroom.store().clone();
    let credited = |slug: &'static str| {
        let store = store.clone();
        async move {
            let (id, _) = store.article_state(slug).await.expect("query")?;
            let article = store.editable_article(id).await.expect("query")?;
            Some(article.input.authors.iter().map(ToString::to_string).collect::<Vec<_>>())
        }
    };
    let (maya, maya_csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let (contributor, contributor_csrf) = signed_in(&site, Role::Contributor).await;
    let (editor, editor_csrf) = signed_in(&site, Role::Editor).await;
    let cases: [(&str, &str, &str, &[&str], StatusCode); 6] = [
        // Published under someone else's name only: the forgery of the finding.
        (&maya, &maya_csrf, "forged-by-maya", &["jonas-berg"], StatusCode::FORBIDDEN),
        (&maya, &maya_csrf, "shared-by-maya", &["maya-chen", "jonas-berg"], StatusCode::FORBIDDEN),
        (
            &contributor,
            &contributor_csrf,
            "forged-by-contributor",
            &["maya-chen"],
            StatusCode::FORBIDDEN,
        ),
        (&maya, &maya_csrf, "own-by-maya", &["maya-chen"], StatusCode::SEE_OTHER),
        (&contributor, &contributor_csrf, "own-by-contributor", &[], StatusCode::SEE_OTHER),
        (&editor, &editor_csrf, "credited-by-editor", &["jonas-berg"], StatusCode::SEE_OTHER),
    ];
    for (cookie, csrf, slug, authors, status) in cases {
        let fields = crediting(csrf, slug, "A story", authors);
        let page = post_as(&site, "/admin/articles/new", cookie, &fields).await;
        assert_eq!(page.status, status, "{slug}: {}", page.body);
        if status == StatusCode::FORBIDDEN {
            assert!(page.text("main").contains("credit"), "{slug}: says why");
            assert_eq!(credited(slug).await, None, "{slug}: nothing written");
        }
    }
    assert_eq!(credited("own-by-contributor").await, Some(vec!["the-contributor".to_owned()]));
    assert_eq!(credited("credited-by-editor").await, Some(vec!["jonas-berg".to_owned()]));

    // On an existing article an author keeps their byline and leaves the others' alone.
    let flood = store.article_state("flood-barrier-plan").await.expect("q").expect("a").0;
    let path = format!("/admin/articles/{}", flood.0);
    for (authors, status) in [
        (&["jonas-berg"][..], StatusCode::FORBIDDEN),
        (&["maya-chen"][..], StatusCode::FORBIDDEN),
        (&["jonas-berg", "maya-chen"][..], StatusCode::SEE_OTHER),
    ] {
        let mut fields = crediting(
            &maya_csrf,
            "flood-barrier-plan",
            "Flood barrier plan for Saltmarsh",
            authors,
        );
        // A live article's changes go live with "Update".
        fields.retain(|(k, _)| *k != "action");
        fields.push(("action", "update"));
        let page = post_as(&site, &path, &maya, &fields).await;
        assert_eq!(page.status, status, "{authors:?}");
    }
    // The editor offers an author only the credits they may give.
    let form = get_as(&site, "/admin/articles/new", &maya).await;
    assert_eq!(form.attrs("#authors option", "value"), ["maya-chen"]);
    let form = get_as(&site, "/admin/articles/new", &editor).await;
    assert!(form.attrs("#authors option", "value").len() >= 3);
}

/// The editor's fields for saving a draft at `slug` that credits `authors`.
fn crediting<'a>(
    csrf: &'a str,
    slug: &'a str,
    headline: &'a str,
    authors: &[&'a str],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = editor_fields(csrf, "save", headline, "Words of the story.");
    fields.retain(|(k, _)| *k != "slug");
    fields.push(("slug", slug));
    fields.extend(authors.iter().map(|a| ("authors", *a)));
    fields
}

async fn a_lockout_looks_the_same_with_or_without_an_account(db: &TestDb) {
    let site = site(db).await;
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya", Role::Author, PASSWORD)
        .await
        .expect("account");
    let mut answers = Vec::new();
    for email in ["maya@example.com", "nobody@example.com"] {
        // The client's own allowance (ten attempts, shared by every server) is not tested
        // here: it is whole again for each address.
        db.clock.advance(time::Duration::minutes(15));
        let mut statuses = Vec::new();
        let mut last = None;
        for _ in 0..6 {
            let page = site
                .post_form("/admin/sign-in", &[("email", email), ("password", "guess guess")])
                .await;
            statuses.push(page.status);
            last = Some(page.text(".form-errors"));
        }
        answers.push((statuses, last));
    }
    assert_eq!(answers[0], answers[1], "an address without an account locks just the same");
    let (statuses, message) = &answers[1];
    assert_eq!(statuses[..4], [StatusCode::UNAUTHORIZED; 4]);
    assert_eq!(statuses[4..], [StatusCode::TOO_MANY_REQUESTS; 2]);
    assert!(message.as_deref().unwrap_or("").contains("locked"), "{message:?}");
    assert!(!message.as_deref().unwrap_or("").contains("account"), "{message:?}");
    // Once the lock is over, the right password works again.
    db.clock.advance(time::Duration::minutes(16));
    let right = site
        .post_form("/admin/sign-in", &[("email", "MAYA@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
}

async fn only_authors_and_editors_open_an_article_in_the_newsroom(db: &TestDb) {
    let site = site(db).await;
    let store = site.newsroom.store();
    let draft = store.article_state("secret-draft").await.expect("q").expect("draft").0;
    let paths = [
        format!("/admin/articles/{}", draft.0),
        format!("/admin/articles/{}/revisions", draft.0),
        format!("/admin/articles/{}/restore?version=1", draft.0),
    ];
    let (maya, _) = signed_in_as(&site, "Maya Chen", Role::Contributor).await;
    let (jonas, _) = signed_in_as(&site, "Jonas Berg", Role::Author).await;
    let (editor, _) = signed_in(&site, Role::Editor).await;
    for path in &paths {
        assert_eq!(get_as(&site, path, &maya).await.status, StatusCode::OK, "her own: {path}");
        let refused = get_as(&site, path, &jonas).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "another's draft: {path}");
        assert!(!refused.body.contains("Not yet."), "{path}");
        assert_eq!(get_as(&site, path, &editor).await.status, StatusCode::OK, "{path}");
    }
    let desk = get_as(&site, "/admin/articles", &jonas).await;
    let headlines = desk.body;
    assert!(!headlines.contains("A draft nobody may see"), "the desk lists only his own");
    assert!(headlines.contains("Music festival returns to Old Quay"));
}

async fn only_the_uploader_or_an_editor_deletes_an_image(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (author, author_csrf) = signed_in(&site, Role::Author).await;
    let (contributor, contributor_csrf) = signed_in(&site, Role::Contributor).await;
    let (editor, editor_csrf) = signed_in(&site, Role::Editor).await;
    let upload = |cookie: String, csrf: String, width: u32| {
        let site = &site;
        async move {
            let page = upload_file(
                site,
                "/admin/media",
                &cookie,
                &csrf,
                "a.png",
                &png(width, 30),
                "application/json",
            )
            .await;
            let json: serde_json::Value = serde_json::from_str(&page.body).expect("JSON");
            let path = json["path"].as_str().expect("path").to_owned();
            site.newsroom.store().media_by_path(&path).await.expect("q").expect("item").id
        }
    };
    let authors = upload(author.clone(), author_csrf.clone(), 40).await;
    let contributors = upload(contributor.clone(), contributor_csrf.clone(), 41).await;
    let delete = |id: i64| format!("/admin/media/{id}/delete");
    let refused =
        post_as(&site, &delete(authors), &contributor, &[("csrf", &contributor_csrf)]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.text("main").contains("uploaded"));
    let store = site.newsroom.store();
    assert!(store.media_by_id(authors).await.expect("q").is_some(), "still there");
    let own =
        post_as(&site, &delete(contributors), &contributor, &[("csrf", &contributor_csrf)]).await;
    assert_eq!(own.status, StatusCode::SEE_OTHER, "her own");
    let by_editor = post_as(&site, &delete(authors), &editor, &[("csrf", &editor_csrf)]).await;
    assert_eq!(by_editor.status, StatusCode::SEE_OTHER, "an editor's call");
    assert!(store.media_by_id(authors).await.expect("q").is_none());
    let _ = std::fs::remove_dir_all(media_dir);
}

async fn a_comment_form_sends_one_comment(db: &TestDb) {
    let site = site(db).await;
    let article = "/articles/river-clean-up";
    let token = site.get(article).await.attr("form.comment-form input[name=token]", "value");
    db.clock.advance(time::Duration::seconds(30));
    let send = |text: &'static str| {
        let fields = [
            ("token", token.as_str()),
            ("name", "Ann"),
            ("email", "ann@example.com"),
            ("website", ""),
            ("text", text),
            ("homepage", ""),
        ];
        let site = &site;
        async move { site.post_form(&format!("{article}/comments"), &fields).await }
    };
    assert_eq!(send("First, and welcome.").await.status, StatusCode::SEE_OTHER);
    let again = send("Again with the same form.").await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text(".comment-form").contains("already been used"), "{}", again.body);
    assert_ne!(again.attr("form.comment-form input[name=token]", "value"), token, "a fresh form");
    let queue = site.newsroom.store().list_comments(CommentStatus::Pending, 10).await.expect("q");
    assert_eq!(queue.len(), 1, "one comment per form");
    // The page that carried the spent token is rendered anew for the next reader.
    let next = site.get(article).await.attr("form.comment-form input[name=token]", "value");
    assert_ne!(next, token);
    // And a server sharing the database knows it was spent too.
    let other = site_with(db, site.newsroom.clone(), settings()).await;
    let fields = [
        ("token", token.as_str()),
        ("name", "Bot"),
        ("email", "bot@example.com"),
        ("website", ""),
        ("text", "Replayed elsewhere."),
        ("homepage", ""),
    ];
    let replayed = other.post_form(&format!("{article}/comments"), &fields).await;
    assert_eq!(replayed.status, StatusCode::UNPROCESSABLE_ENTITY);
}
