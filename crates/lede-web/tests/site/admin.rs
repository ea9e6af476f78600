//! The newsroom admin: setup, sign-in and out, roles, CSRF, lockout, comment moderation.

use crate::support::*;
use axum::http::{StatusCode, header};
use lede_core::account::Role;
use lede_core::comment::CommentStatus;
use lede_store::Accounts;
use lede_store::test_support::{TestDb, load_fixture};

lede_store::on_both_databases!(
    a_fresh_site_sets_up_its_first_admin_once,
    people_sign_in_and_out,
    only_editors_and_admins_moderate,
    moderation_forms_need_the_csrf_token,
    bulk_actions_approve_and_reject_many,
    repeated_failures_lock_the_account,
    admin_pages_are_never_cached_and_cookies_are_secure_over_https,
    each_person_edits_their_own_byline,
    an_author_writes_previews_and_publishes_from_the_editor,
    contributors_submit_for_review_and_editors_publish,
    two_people_saving_the_same_article_do_not_overwrite_each_other,
    revisions_are_listed_compared_and_restored,
    the_article_list_filters_and_counts,
    images_are_uploaded_resized_served_with_srcset_and_kept_while_used,
    editors_reply_as_the_newsroom,
    only_admins_manage_accounts_and_nobody_changes_their_own_role,
);

async fn a_fresh_site_sets_up_its_first_admin_once(db: &TestDb) {
    let site = site(db).await;
    let home = site.get("/admin").await;
    assert_eq!((home.status, home.location()), (StatusCode::SEE_OTHER, "/admin/setup"));
    let form = site.get("/admin/setup").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.count("form input[name=password]"), 1);
    assert_eq!(form.text("label[for=setup_code]"), "Setup code");
    // The code `lede serve` prints to its log: whoever reaches the site first lacks it.
    let code = Accounts::new(&site.newsroom).setup_code().await.expect("query").expect("a code");
    let stranger = site
        .post_form(
            "/admin/setup",
            &[
                ("setup_code", "AAAAA-AAAAA-AAAAA-AAAAA"),
                ("name", "Eve"),
                ("email", "eve@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(stranger.status, StatusCode::FORBIDDEN);
    assert!(stranger.text(".form-errors").contains("setup code is wrong"));
    assert_eq!(site.newsroom.store().count_users().await.expect("count"), 0);
    let weak = site
        .post_form(
            "/admin/setup",
            &[
                ("setup_code", &code),
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.text(".form-errors").contains("at least 12 characters"));
    assert_eq!(weak.attr("#email", "value"), "ada@example.com", "input kept");
    // Typed in lower case and without its dashes, it still counts.
    let typed = code.replace('-', "").to_lowercase();
    let done = site
        .post_form(
            "/admin/setup",
            &[
                ("setup_code", &typed),
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!((done.status, done.location()), (StatusCode::SEE_OTHER, "/admin"));
    let cookie = session_cookie(&done);
    assert!(!cookie.is_empty(), "signed in straight away");
    let dashboard = get_as(&site, "/admin", &cookie).await;
    assert!(dashboard.text(".sign-out span").contains("Ada (admin)"));
    assert_eq!(
        site.get("/admin/setup").await.status,
        StatusCode::NOT_FOUND,
        "setup is gone once done"
    );
    let again = site
        .post_form(
            "/admin/setup",
            &[
                ("setup_code", &code),
                ("name", "Eve"),
                ("email", "eve@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "and cannot be replayed");
    let accounts = Accounts::new(&site.newsroom);
    assert_eq!(accounts.setup_code().await.expect("query"), None, "the code is gone");
}

async fn people_sign_in_and_out(db: &TestDb) {
    let site = site(db).await;
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya", Role::Author, PASSWORD)
        .await
        .expect("account");
    let form = site.get("/admin").await;
    assert_eq!(form.text("label[for=email]"), "Email");
    assert_eq!(form.text("label[for=password]"), "Password");
    assert_eq!(form.text("form[action='/admin/sign-in'] button"), "Sign in");
    let wrong = site
        .post_form(
            "/admin/sign-in",
            &[("email", "maya@example.com"), ("password", "not the password")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text(".form-errors").contains("wrong"));
    assert!(session_cookie(&wrong).is_empty());
    let ok = site
        .post_form("/admin/sign-in", &[("email", "Maya@Example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let set_cookie = ok.headers[header::SET_COOKIE].to_str().expect("ascii");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "plain HTTP site: {set_cookie}");
    let cookie = session_cookie(&ok);
    let dashboard = get_as(&site, "/admin", &cookie).await;
    let csrf = dashboard.attr(".sign-out input[name=csrf]", "value");
    assert_eq!(
        post_as(&site, "/admin/sign-out", &cookie, &[("csrf", "forged")]).await.status,
        StatusCode::FORBIDDEN
    );
    let out = post_as(&site, "/admin/sign-out", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = get_as(&site, "/admin", &cookie).await;
    assert_eq!(
        after.count("form[action='/admin/sign-in']"),
        1,
        "the old cookie no longer signs in"
    );
}

async fn only_editors_and_admins_moderate(db: &TestDb) {
    let site = site(db).await;
    pending_comment(&site, "Ann").await;
    let signed_out = site.get("/admin/comments").await;
    assert_eq!(
        (signed_out.status, signed_out.location()),
        (StatusCode::SEE_OTHER, "/admin"),
        "signed out: sent to the sign-in form"
    );
    for (role, allowed) in [
        (Role::Contributor, false),
        (Role::Author, false),
        (Role::Editor, true),
        (Role::Admin, true),
    ] {
        let (cookie, csrf) = signed_in(&site, role).await;
        let page = get_as(&site, "/admin/comments", &cookie).await;
        if allowed {
            assert_eq!(page.status, StatusCode::OK, "{role:?}");
            // Ann, and one Bob for each role refused before.
            assert_eq!(page.texts(".queue tbody tr td strong"), ["Ann", "Bob", "Bob"], "{role:?}");
            assert_eq!(page.text(".queue tbody tr td a"), "Volunteers clean up the river banks");
            assert!(page.text(".spam-score").parse::<u8>().is_ok());
            assert_eq!(
                get_as(&site, "/admin", &cookie).await.text(".big-number"),
                "3",
                "pending count on the admin home"
            );
        } else {
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{role:?}");
            assert!(page.text("main").contains("does not allow"), "a 403 page that says why");
            let ids = pending_comment(&site, "Bob").await.0.to_string();
            let post = post_as(
                &site,
                "/admin/comments",
                &cookie,
                &[("csrf", &csrf), ("action", "approve"), ("ids", &ids)],
            )
            .await;
            assert_eq!(post.status, StatusCode::FORBIDDEN, "{role:?} cannot approve either");
        }
    }
    let approved =
        site.newsroom.store().list_comments(CommentStatus::Approved, 10).await.expect("query");
    assert!(approved.is_empty(), "nobody without the right approved anything");
}

async fn moderation_forms_need_the_csrf_token(db: &TestDb) {
    let site = site(db).await;
    let id = pending_comment(&site, "Ann").await.0.to_string();
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    for forged in ["", "0000", &csrf[1..]] {
        let page = post_as(
            &site,
            "/admin/comments",
            &cookie,
            &[("csrf", forged), ("action", "approve"), ("ids", &id)],
        )
        .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{forged:?}");
    }
    assert_eq!(
        site.get("/articles/river-clean-up").await.text(".no-comments"),
        "There are no comments"
    );
    let page = post_as(
        &site,
        "/admin/comments",
        &cookie,
        &[("csrf", &csrf), ("action", "approve"), ("ids", &id), ("from", "pending")],
    )
    .await;
    assert_eq!(
        (page.status, page.location()),
        (StatusCode::SEE_OTHER, "/admin/comments?status=pending")
    );
    assert_eq!(
        site.get("/articles/river-clean-up").await.text(".comment-author"),
        "Ann",
        "approved comments appear at once"
    );
}

async fn bulk_actions_approve_and_reject_many(db: &TestDb) {
    let site = site(db).await;
    let a = pending_comment(&site, "Ann").await.0.to_string();
    let b = pending_comment(&site, "Bob").await.0.to_string();
    let c = pending_comment(&site, "Spammer").await.0.to_string();
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let queue = get_as(&site, "/admin/comments", &cookie).await;
    assert_eq!(queue.count(".queue input[name=ids]"), 3);
    post_as(
        &site,
        "/admin/comments",
        &cookie,
        &[("csrf", &csrf), ("action", "approve"), ("ids", &a), ("ids", &b)],
    )
    .await;
    post_as(&site, "/admin/comments", &cookie, &[("csrf", &csrf), ("action", "spam"), ("ids", &c)])
        .await;
    let article = site.get("/articles/river-clean-up").await;
    assert_eq!(article.texts(".comment-author"), ["Ann", "Bob"]);
    assert!(!article.body.contains("Spammer"), "spam never shows");
    let spam = get_as(&site, "/admin/comments?status=spam", &cookie).await;
    assert_eq!(spam.texts(".queue tbody tr td strong"), ["Spammer"]);
    let bad = post_as(
        &site,
        "/admin/comments",
        &cookie,
        &[("csrf", &csrf), ("action", "publish"), ("ids", &a)],
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let none =
        post_as(&site, "/admin/comments", &cookie, &[("csrf", &csrf), ("action", "approve")]).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
}

async fn repeated_failures_lock_the_account(db: &TestDb) {
    let site = site(db).await;
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya", Role::Author, PASSWORD)
        .await
        .expect("account");
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(
            site.post_form(
                "/admin/sign-in",
                &[("email", "maya@example.com"), ("password", "guess guess guess")],
            )
            .await
            .status,
        );
    }
    assert_eq!(statuses[..4], [StatusCode::UNAUTHORIZED; 4]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
    let right = site
        .post_form("/admin/sign-in", &[("email", "maya@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(right.text(".form-errors").contains("locked"));
    db.clock.advance(time::Duration::minutes(16));
    let later = site
        .post_form("/admin/sign-in", &[("email", "maya@example.com"), ("password", PASSWORD)])
        .await;
    assert_eq!(later.status, StatusCode::SEE_OTHER, "unlocked after a while");
    // The client is limited too: ten attempts at once (the sign-in above was one), then it
    // must wait.
    let mut client = Vec::new();
    for n in 0..10 {
        let email = format!("nobody{n}@example.com");
        client.push(
            site.post_form(
                "/admin/sign-in",
                &[("email", &email), ("password", "guess guess guess")],
            )
            .await
            .status,
        );
    }
    assert_eq!(client[..9], [StatusCode::UNAUTHORIZED; 9], "{client:?}");
    assert_eq!(client[9], StatusCode::TOO_MANY_REQUESTS, "{client:?}");
}

async fn admin_pages_are_never_cached_and_cookies_are_secure_over_https(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let https = lede_web::SiteSettings { base_url: "https://news.example".into(), ..settings() };
    let site = site_with(db, newsroom, https).await;
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya", Role::Editor, PASSWORD)
        .await
        .expect("account");
    let form = site.get("/admin").await;
    assert_eq!(form.headers[header::CACHE_CONTROL], "no-store");
    let ok = site
        .post_form("/admin/sign-in", &[("email", "maya@example.com"), ("password", PASSWORD)])
        .await;
    assert!(ok.headers[header::SET_COOKIE].to_str().expect("ascii").contains("Secure"));
    assert_eq!(
        get_as(&site, "/admin/comments", &session_cookie(&ok)).await.headers[header::CACHE_CONTROL],
        "no-store"
    );
}

async fn each_person_edits_their_own_byline(db: &TestDb) {
    let site = site(db).await;
    // An account named like an existing byline writes under it.
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya Chen", Role::Contributor, PASSWORD)
        .await
        .expect("account");
    let ok = site
        .post_form("/admin/sign-in", &[("email", "maya@example.com"), ("password", PASSWORD)])
        .await;
    let cookie = session_cookie(&ok);
    let form = get_as(&site, "/admin/profile", &cookie).await;
    assert_eq!(form.attr("#name", "value"), "Maya Chen");
    assert_eq!(form.text("#bio"), "Maya Chen writes about the city.");
    let csrf = form.attr("input[name=csrf]", "value");
    let bio = "Political editor. <b>Bold</b> claims checked.";
    let fields = [
        ("csrf", csrf.as_str()),
        ("name", "Maya Chen"),
        ("bio", bio),
        ("website", "https://maya.example.org"),
    ];
    assert_eq!(
        post_as(&site, "/admin/profile", &cookie, &fields[1..]).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let saved = post_as(&site, "/admin/profile", &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let author = site.get("/author/maya-chen").await;
    assert_eq!(author.text(".h-card .p-note"), bio, "the reader pages show it at once, escaped");
    assert_eq!(author.attr(".h-card a.website", "href"), "https://maya.example.org");
    assert_eq!(site.get("/articles/budget-vote-passes").await.text(".author-box .p-note"), bio);
    let bad = post_as(
        &site,
        "/admin/profile",
        &cookie,
        &[("csrf", &csrf), ("name", "Maya Chen"), ("bio", "x"), ("website", "javascript:alert(1)")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text(".form-errors").contains("web address"));
    assert_eq!(bad.attr("#website", "value"), "javascript:alert(1)", "input kept for correcting");
    // A new person gets a byline of their own.
    Accounts::new(&site.newsroom)
        .create_user("new@example.com", "Noor Haddad", Role::Author, PASSWORD)
        .await
        .expect("account");
    assert_eq!(site.get("/author/noor-haddad").await.status, StatusCode::OK);
}

async fn an_author_writes_previews_and_publishes_from_the_editor(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let form = get_as(&site, "/admin/articles/new", &cookie).await;
    for label in [
        "Headline",
        "Standfirst",
        "Body",
        "Slug",
        "Section",
        "Tags",
        "Authors",
        "Language",
        "Publish at (UTC)",
    ] {
        assert!(form.texts("form.editor label").iter().any(|l| l == label), "label {label}");
    }
    let buttons = form.texts("form.editor button");
    for button in ["Preview", "Save draft", "Submit for review", "Publish", "Schedule"] {
        assert!(buttons.iter().any(|b| b == button), "button {button}: {buttons:?}");
    }
    let preview = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &editor_fields(&csrf, "preview", "Harbour works begin", "Cranes **arrive** today."),
    )
    .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.text(".preview strong"), "arrive", "a preview without JavaScript");
    assert_eq!(preview.text("#body"), "Cranes **arrive** today.", "the text stays in the form");
    assert!(
        site.newsroom.store().article_state("harbour-works-begin").await.expect("query").is_none(),
        "a preview saves nothing"
    );
    let published = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &editor_fields(&csrf, "publish", "Harbour works begin", "Cranes **arrive** today."),
    )
    .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    assert!(
        published.location().starts_with("/admin/articles/")
            && published.location().ends_with("?saved=publish"),
        "{}",
        published.location()
    );
    let reader = site.get("/articles/harbour-works-begin").await;
    assert_eq!(reader.status, StatusCode::OK, "the slug comes from the headline");
    assert_eq!(reader.text(".byline .by"), "By Maya Chen", "written under her byline");
    assert_eq!(reader.texts(".tags a"), ["Harbour works", "River"], "a new tag was created");
    assert_eq!(
        site.get("/").await.text(".lead .card-title"),
        "Harbour works begin",
        "on the home page at once"
    );
    let no_token =
        post_as(&site, "/admin/articles/new", &cookie, &editor_fields("", "save", "X", "Y")).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let missing =
        post_as(&site, "/admin/articles/new", &cookie, &editor_fields(&csrf, "save", "", "Body"))
            .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.text(".form-errors").contains("slug")
            || missing.text(".form-errors").contains("required")
    );
}

async fn contributors_submit_for_review_and_editors_publish(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Jonas Berg", Role::Contributor).await;
    let form = get_as(&site, "/admin/articles/new", &cookie).await;
    assert!(
        !form.texts("form.editor button").contains(&"Publish".to_owned()),
        "no Publish button for a contributor"
    );
    let forbidden = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &editor_fields(&csrf, "publish", "Choir wins prize", "Singing."),
    )
    .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let submitted = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &editor_fields(&csrf, "submit", "Choir wins prize", "Singing."),
    )
    .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    let edit_url = submitted.location().split('?').next().unwrap_or_default().to_owned();
    assert_eq!(get_as(&site, &edit_url, &cookie).await.text("h1 .status"), "in review");
    assert_eq!(
        site.get("/articles/choir-wins-prize").await.status,
        StatusCode::NOT_FOUND,
        "not public yet"
    );
    let (editor, editor_csrf) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let opened = get_as(&site, &edit_url, &editor).await;
    let version = opened.attr("input[name=version]", "value");
    let mut fields = editor_fields(&editor_csrf, "publish", "Choir wins prize", "Singing.");
    fields.push(("version", &version));
    fields.push(("authors", "jonas-berg"));
    assert_eq!(post_as(&site, &edit_url, &editor, &fields).await.status, StatusCode::SEE_OTHER);
    assert_eq!(site.get("/articles/choir-wins-prize").await.text(".byline .by"), "By Jonas Berg");
}

async fn two_people_saving_the_same_article_do_not_overwrite_each_other(db: &TestDb) {
    let site = site(db).await;
    let (id, _) = site
        .newsroom
        .store()
        .article_state("festival-returns")
        .await
        .expect("query")
        .expect("article");
    let url = format!("/admin/articles/{}", id.0);
    let (first, first_csrf) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let (second, second_csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    let version = get_as(&site, &url, &first).await.attr("input[name=version]", "value");
    assert_eq!(get_as(&site, &url, &second).await.attr("input[name=version]", "value"), version);
    let mut mine =
        editor_fields(&first_csrf, "update", "Music festival returns to Old Quay", "First text.");
    mine.retain(|(k, _)| !matches!(*k, "slug" | "section"));
    mine.extend([
        ("version", version.as_str()),
        ("slug", "festival-returns"),
        ("section", "culture"),
        ("authors", "jonas-berg"),
    ]);
    assert_eq!(post_as(&site, &url, &first, &mine).await.status, StatusCode::SEE_OTHER);
    let mut theirs = editor_fields(
        &second_csrf,
        "update",
        "Music festival returns to Old Quay",
        "Second text, typed at length.",
    );
    theirs.retain(|(k, _)| !matches!(*k, "slug" | "section"));
    theirs.extend([
        ("version", version.as_str()),
        ("slug", "festival-returns"),
        ("section", "culture"),
        ("authors", "jonas-berg"),
    ]);
    let conflict = post_as(&site, &url, &second, &theirs).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert!(conflict.text(".form-errors").contains("Someone else saved"));
    assert_eq!(
        conflict.text("#body"),
        "Second text, typed at length.",
        "the later writer's text is kept"
    );
    let stored = site.newsroom.store().editable_article(id).await.expect("query").expect("article");
    assert_eq!(stored.input.body_markdown, "First text.");
}

async fn revisions_are_listed_compared_and_restored(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let (id, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    let url = format!("/admin/articles/{}", id.0);
    let version = get_as(&site, &url, &cookie).await.attr("input[name=version]", "value");
    let mut fields = editor_fields(
        &csrf,
        "update",
        "Volunteers clean up the river banks",
        "A new first line.\nBags of litter.",
    );
    fields.retain(|(k, _)| *k != "slug");
    fields.extend([
        ("version", version.as_str()),
        ("slug", "river-clean-up"),
        ("authors", "jonas-berg"),
    ]);
    assert_eq!(post_as(&site, &url, &cookie, &fields).await.status, StatusCode::SEE_OTHER);
    let revisions = get_as(&site, &format!("{url}/revisions"), &cookie).await;
    let headings = revisions.texts(".revision h2");
    assert_eq!(headings.len(), 2, "{headings:?}");
    assert!(headings[0].contains("Ed Itor"));
    assert!(
        revisions.count(".revision .diff .removed") >= 1,
        "the older text differs from the current"
    );
    let restore_link = revisions
        .attrs(".revision a", "href")
        .into_iter()
        .find(|h| h.contains("version=1"))
        .expect("a restore link");
    let restored = get_as(&site, &restore_link, &cookie).await;
    assert!(
        restored.text("#body").starts_with("The river rose"),
        "the old text is back in the editor"
    );
    assert!(restored.text(".notice").contains("it becomes the current text once you save it"));
}

async fn the_article_list_filters_and_counts(db: &TestDb) {
    let site = site(db).await;
    let (cookie, _) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let all = get_as(&site, "/admin/articles", &cookie).await;
    assert_eq!(all.count(".desk tbody tr"), 7, "drafts too");
    assert_eq!(all.text(".result-count"), "7 articles");
    let tabs = all.texts(".status-tabs a");
    assert!(
        tabs.iter().any(|t| t == "Draft 1") && tabs.iter().any(|t| t == "Published 6"),
        "{tabs:?}"
    );
    assert_eq!(
        get_as(&site, "/admin/articles?status=draft", &cookie).await.texts(".desk tbody td a"),
        ["A draft nobody may see"]
    );
    assert_eq!(
        get_as(&site, "/admin/articles?q=BUDGET", &cookie).await.count(".desk tbody tr"),
        2,
        "headline search ignores case"
    );
    assert_eq!(
        get_as(&site, "/admin/articles?section=culture", &cookie).await.count(".desk tbody tr"),
        1
    );
    assert_eq!(
        get_as(&site, "/admin/articles?author=jonas-berg", &cookie).await.count(".desk tbody tr"),
        3
    );
    let none = get_as(&site, "/admin/articles?q=zebra", &cookie).await;
    assert_eq!(
        (none.text(".result-count"), none.text("main p.empty")),
        ("0 articles".to_owned(), "No articles match.".to_owned())
    );
    assert_eq!(none.count("form.bulk-form"), 0, "no bulk actions on nothing");
    let signed_out = site.get("/admin/articles").await;
    assert_eq!(
        (signed_out.status, signed_out.location()),
        (StatusCode::SEE_OTHER, "/admin"),
        "signed out: sent to the sign-in form"
    );
}

async fn upload(site: &Site, cookie: &str, csrf: &str, name: &str, bytes: &[u8]) -> Page {
    upload_file(site, "/admin/media", cookie, csrf, name, bytes, "text/html").await
}

async fn images_are_uploaded_resized_served_with_srcset_and_kept_while_used(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    assert_eq!(
        upload(&site, &cookie, "", "a.png", &png(10, 10)).await.status,
        StatusCode::FORBIDDEN,
        "CSRF"
    );
    let refused = upload(&site, &cookie, &csrf, "evil.png", b"<?php system($_GET['x']); ?>").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").contains("not a JPEG, PNG, WebP or GIF"),
        "the content decides, not the name"
    );
    let big = upload(
        &site,
        &cookie,
        &csrf,
        "big.png",
        &vec![0u8; lede_core::media::MAX_UPLOAD_BYTES + 100_000],
    )
    .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    let ok = upload(&site, &cookie, &csrf, "harbour.png", &png(2000, 1000)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    // Back in the library, at the new image, which asks for its description.
    let (address, anchor) = ok.location().split_once('#').expect("an anchor");
    let library = get_as(&site, address, &cookie).await;
    assert_eq!(
        library.text(".notice"),
        "Uploaded “harbour.png”. Describe it below: its alt text is offered to each article that \
         uses it."
    );
    assert_eq!(library.count(&format!(".media-item#{anchor}")), 1);
    assert!(library.text(".media-name").starts_with("harbour.png · 2000×1000"));
    let path = library.attr(".media-path", "value");
    assert!(path.starts_with("/media/uploads/") && path.ends_with(".png"), "{path}");
    let on_disk = |p: &str| media_dir.join(p.trim_start_matches("/media/"));
    // Named by their content, uploads are served to be kept forever.
    let served = site.get(&path).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(
        served.headers[axum::http::header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let stem = path.trim_end_matches(".png").to_owned();
    for variant in ["", "-480", "-960", "-1600"] {
        assert!(on_disk(&format!("{stem}{variant}.png")).is_file(), "{variant} png");
    }
    for variant in ["-480", "-960", "-1600"] {
        assert!(on_disk(&format!("{stem}{variant}.webp")).is_file(), "{variant} webp");
    }
    // Used as a featured image, the reader page offers the variants.
    let (id, _) = site
        .newsroom
        .store()
        .article_state("budget-vote-passes")
        .await
        .expect("query")
        .expect("article");
    let mut input =
        site.newsroom.store().editable_article(id).await.expect("query").expect("article").input;
    input.featured_image = Some(lede_core::content::FeaturedImage {
        src: path.clone(),
        alt: "The harbour".into(),
        caption: String::new(),
        credit: String::new(),
        decorative: false,
    });
    site.newsroom.save_article(Some(id), input).await.expect("save");
    let article = site.get("/articles/budget-vote-passes").await;
    assert_eq!(article.attr(".featured-image img", "width"), "2000");
    assert_eq!(article.attr(".featured-image img", "height"), "1000");
    assert!(
        article.attr(".featured-image source", "srcset").contains(&format!("{stem}-960.webp 960w"))
    );
    assert!(article.attr(".featured-image img", "srcset").contains(&format!("{path} 2000w")));
    let media_id = library.attrs(".media-item", "id")[0].trim_start_matches("media-").to_owned();
    let delete =
        post_as(&site, &format!("/admin/media/{media_id}/delete"), &cookie, &[("csrf", &csrf)])
            .await;
    assert_eq!(delete.status, StatusCode::CONFLICT, "an image in use is kept");
    assert!(delete.text(".form-errors").contains("Council budget vote passes"));
    let unused = upload(&site, &cookie, &csrf, "spare.png", &png(300, 300)).await;
    assert_eq!(unused.status, StatusCode::SEE_OTHER);
    let spare = get_as(&site, "/admin/media?q=spare", &cookie).await;
    let spare_id = spare.attrs(".media-item", "id")[0].trim_start_matches("media-").to_owned();
    let spare_path = spare.attr(".media-path", "value");
    assert_eq!(
        post_as(&site, &format!("/admin/media/{spare_id}/delete"), &cookie, &[("csrf", &csrf)])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(!on_disk(&spare_path).exists(), "deleted from disk too");
    assert_eq!(get_as(&site, "/admin/media?q=spare", &cookie).await.count(".media-item"), 0);
    // The editor's drag and drop uploads with fetch and gets the address back as JSON.
    let dropped = upload_file(
        &site,
        "/admin/media",
        &cookie,
        &csrf,
        "drop.png",
        &png(40, 40),
        "application/json",
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&dropped.body).expect("JSON");
    assert!(json["path"].as_str().unwrap_or("").starts_with("/media/uploads/"), "{json}");
    let _ = std::fs::remove_dir_all(media_dir);
}

async fn editors_reply_as_the_newsroom(db: &TestDb) {
    let site = site(db).await;
    let id = pending_comment(&site, "Ann").await.0.to_string();
    let (cookie, csrf) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let queue = get_as(&site, "/admin/comments", &cookie).await;
    assert_eq!(
        queue.attr(&format!("form#reply-{id}"), "action"),
        format!("/admin/comments/{id}/reply")
    );
    let url = format!("/admin/comments/{id}/reply");
    assert_eq!(
        post_as(&site, &url, &cookie, &[("text", "Thanks")]).await.status,
        StatusCode::FORBIDDEN,
        "CSRF"
    );
    let done = post_as(
        &site,
        &url,
        &cookie,
        &[("csrf", &csrf), ("text", "Thank you, Ann: we have corrected the date.")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let article = site.get("/articles/river-clean-up").await;
    assert_eq!(
        article.texts(".comment-list > .comment > .comment-meta .comment-author"),
        ["Ann"],
        "the comment answered is approved too"
    );
    assert_eq!(article.texts(".replies .comment-author"), ["Ed Itor"]);
    assert_eq!(
        article.text(".replies .comment-text"),
        "Thank you, Ann: we have corrected the date."
    );
}

async fn only_admins_manage_accounts_and_nobody_changes_their_own_role(db: &TestDb) {
    let site = site(db).await;
    let (editor, editor_csrf) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    assert_eq!(get_as(&site, "/admin/people", &editor).await.status, StatusCode::FORBIDDEN);
    let editor_user =
        site.newsroom.store().user_by_email("ed@example.com").await.expect("query").expect("user");
    let raise = post_as(
        &site,
        &format!("/admin/people/{}/role", editor_user.id.0),
        &editor,
        &[("csrf", &editor_csrf), ("role", "admin")],
    )
    .await;
    assert_eq!(raise.status, StatusCode::FORBIDDEN, "an editor cannot make herself admin");
    let (admin, csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    let page = get_as(&site, "/admin/people", &admin).await;
    assert_eq!(page.count("table.people tbody tr"), 2);
    let me =
        site.newsroom.store().user_by_email("ada@example.com").await.expect("query").expect("user");
    let own = post_as(
        &site,
        &format!("/admin/people/{}/role", me.id.0),
        &admin,
        &[("csrf", &csrf), ("role", "contributor")],
    )
    .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "nobody changes their own role");
    let added = post_as(
        &site,
        "/admin/people",
        &admin,
        &[
            ("csrf", &csrf),
            ("name", "Noor Haddad"),
            ("email", "noor@example.com"),
            ("role", "contributor"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let weak = post_as(
        &site,
        "/admin/people",
        &admin,
        &[
            ("csrf", &csrf),
            ("name", "X"),
            ("email", "x@example.com"),
            ("role", "author"),
            ("password", "short"),
        ],
    )
    .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let promoted = post_as(
        &site,
        &format!("/admin/people/{}/role", editor_user.id.0),
        &admin,
        &[("csrf", &csrf), ("role", "contributor")],
    )
    .await;
    assert_eq!(promoted.status, StatusCode::SEE_OTHER);
    let after =
        site.newsroom.store().user_by_email("ed@example.com").await.expect("query").expect("user");
    assert_eq!(after.role, Role::Contributor);
    let again = get_as(&site, "/admin", &editor).await;
    assert_eq!(
        again.count("form[action='/admin/sign-in']"),
        1,
        "a changed role ends the account's sessions"
    );
}
