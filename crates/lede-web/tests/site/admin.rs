//! The newsroom admin: setup, sign-in and out, roles, CSRF, lockout, comment moderation.

use crate::support::{Page, Site, encode, settings, site, site_with};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
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
);

const PASSWORD: &str = "a long enough password";

fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The `name=value` of the session cookie a response sets.
fn session_cookie(page: &Page) -> String {
    page.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lede_session="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_owned()
}

async fn get_as(site: &Site, path: &str, cookie: &str) -> Page {
    site.send(
        Request::get(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

async fn post_as(site: &Site, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Page {
    let request = Request::post(path)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form_body(fields)))
        .expect("request");
    site.send(request).await
}

/// Creates an account with `role` and signs it in; returns its cookie and CSRF token.
async fn signed_in(site: &Site, role: Role) -> (String, String) {
    let email = format!("{}@example.com", role.as_str());
    Accounts::new(&site.newsroom)
        .create_user(&email, &format!("The {}", role.as_str()), role, PASSWORD)
        .await
        .expect("account");
    let page = site
        .post_form(
            "/admin/sign-in",
            &[("email", &email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "signed in as {role:?}");
    let cookie = session_cookie(&page);
    let dashboard = get_as(site, "/admin", &cookie).await;
    let csrf = dashboard.attr(".sign-out input[name=csrf]", "value");
    (cookie, csrf)
}

async fn pending_comment(site: &Site, name: &str) -> lede_core::content::CommentId {
    let (article, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    let comment = CommentInput {
        name: name.into(),
        email: "r@example.com".into(),
        website: String::new(),
        text: format!("Words from {name}"),
        parent: None,
    }
    .check()
    .expect("valid");
    site.newsroom
        .submit_comment(article, &comment, CommentStatus::Pending)
        .await
        .expect("comment")
}

async fn a_fresh_site_sets_up_its_first_admin_once(db: &TestDb) {
    let site = site(db).await;
    let home = site.get("/admin").await;
    assert_eq!(
        (home.status, home.location()),
        (StatusCode::SEE_OTHER, "/admin/setup")
    );
    let form = site.get("/admin/setup").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.count("form input[name=password]"), 1);
    let weak = site
        .post_form(
            "/admin/setup",
            &[
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.text(".form-errors").contains("at least 12 characters"));
    assert_eq!(
        weak.attr("#email", "value"),
        "ada@example.com",
        "input kept"
    );
    let done = site
        .post_form(
            "/admin/setup",
            &[
                ("name", "Ada"),
                ("email", "ada@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        (done.status, done.location()),
        (StatusCode::SEE_OTHER, "/admin")
    );
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
                ("name", "Eve"),
                ("email", "eve@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::NOT_FOUND,
        "and cannot be replayed"
    );
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
            &[
                ("email", "maya@example.com"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text(".form-errors").contains("wrong"));
    assert!(session_cookie(&wrong).is_empty());
    let ok = site
        .post_form(
            "/admin/sign-in",
            &[("email", "Maya@Example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let set_cookie = ok.headers[header::SET_COOKIE].to_str().expect("ascii");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.contains("Secure"),
        "plain HTTP site: {set_cookie}"
    );
    let cookie = session_cookie(&ok);
    let dashboard = get_as(&site, "/admin", &cookie).await;
    let csrf = dashboard.attr(".sign-out input[name=csrf]", "value");
    assert_eq!(
        post_as(&site, "/admin/sign-out", &cookie, &[("csrf", "forged")])
            .await
            .status,
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
    assert_eq!(
        site.get("/admin/comments").await.status,
        StatusCode::FORBIDDEN,
        "signed out"
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
            assert_eq!(
                page.texts(".queue tbody tr td strong"),
                ["Ann", "Bob", "Bob"],
                "{role:?}"
            );
            assert_eq!(
                page.text(".queue tbody tr td a"),
                "Volunteers clean up the river banks"
            );
            assert!(page.text(".spam-score").parse::<u8>().is_ok());
            assert_eq!(
                get_as(&site, "/admin", &cookie).await.text(".big-number"),
                "3",
                "pending count on the admin home"
            );
        } else {
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{role:?}");
            assert!(
                page.text("main").contains("does not allow"),
                "a 403 page that says why"
            );
            let ids = pending_comment(&site, "Bob").await.0.to_string();
            let post = post_as(
                &site,
                "/admin/comments",
                &cookie,
                &[("csrf", &csrf), ("action", "approve"), ("ids", &ids)],
            )
            .await;
            assert_eq!(
                post.status,
                StatusCode::FORBIDDEN,
                "{role:?} cannot approve either"
            );
        }
    }
    let approved = site
        .newsroom
        .store()
        .list_comments(CommentStatus::Approved, 10)
        .await
        .expect("query");
    assert!(
        approved.is_empty(),
        "nobody without the right approved anything"
    );
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
        site.get("/articles/river-clean-up")
            .await
            .text(".no-comments"),
        "There are no comments"
    );
    let page = post_as(
        &site,
        "/admin/comments",
        &cookie,
        &[
            ("csrf", &csrf),
            ("action", "approve"),
            ("ids", &id),
            ("from", "pending"),
        ],
    )
    .await;
    assert_eq!(
        (page.status, page.location()),
        (StatusCode::SEE_OTHER, "/admin/comments?status=pending")
    );
    assert_eq!(
        site.get("/articles/river-clean-up")
            .await
            .text(".comment-author"),
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
        &[
            ("csrf", &csrf),
            ("action", "approve"),
            ("ids", &a),
            ("ids", &b),
        ],
    )
    .await;
    post_as(
        &site,
        "/admin/comments",
        &cookie,
        &[("csrf", &csrf), ("action", "spam"), ("ids", &c)],
    )
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
    let none = post_as(
        &site,
        "/admin/comments",
        &cookie,
        &[("csrf", &csrf), ("action", "approve")],
    )
    .await;
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
                &[
                    ("email", "maya@example.com"),
                    ("password", "guess guess guess"),
                ],
            )
            .await
            .status,
        );
    }
    assert_eq!(statuses[..4], [StatusCode::UNAUTHORIZED; 4]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
    let right = site
        .post_form(
            "/admin/sign-in",
            &[("email", "maya@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(right.text(".form-errors").contains("locked"));
    db.clock.advance(time::Duration::minutes(16));
    let later = site
        .post_form(
            "/admin/sign-in",
            &[("email", "maya@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        later.status,
        StatusCode::SEE_OTHER,
        "unlocked after a while"
    );
    // The client is limited too: ten attempts at once, then it must wait.
    let mut client = Vec::new();
    for n in 0..6 {
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
    assert_eq!(
        client.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{client:?}"
    );
}

async fn admin_pages_are_never_cached_and_cookies_are_secure_over_https(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let https = lede_web::SiteSettings {
        base_url: "https://news.example".into(),
        ..settings()
    };
    let site = site_with(db, newsroom, https).await;
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya", Role::Editor, PASSWORD)
        .await
        .expect("account");
    let form = site.get("/admin").await;
    assert_eq!(form.headers[header::CACHE_CONTROL], "no-store");
    let ok = site
        .post_form(
            "/admin/sign-in",
            &[("email", "maya@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert!(
        ok.headers[header::SET_COOKIE]
            .to_str()
            .expect("ascii")
            .contains("Secure")
    );
    assert_eq!(
        get_as(&site, "/admin/comments", &session_cookie(&ok))
            .await
            .headers[header::CACHE_CONTROL],
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
        .post_form(
            "/admin/sign-in",
            &[("email", "maya@example.com"), ("password", PASSWORD)],
        )
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
        post_as(&site, "/admin/profile", &cookie, &fields[1..])
            .await
            .status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let saved = post_as(&site, "/admin/profile", &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let author = site.get("/author/maya-chen").await;
    assert_eq!(
        author.text(".h-card .p-note"),
        bio,
        "the reader pages show it at once, escaped"
    );
    assert_eq!(
        author.attr(".h-card a.website", "href"),
        "https://maya.example.org"
    );
    assert_eq!(
        site.get("/articles/budget-vote-passes")
            .await
            .text(".author-box .p-note"),
        bio
    );
    let bad = post_as(
        &site,
        "/admin/profile",
        &cookie,
        &[
            ("csrf", &csrf),
            ("name", "Maya Chen"),
            ("bio", "x"),
            ("website", "javascript:alert(1)"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text(".form-errors").contains("web address"));
    assert_eq!(
        bad.attr("#website", "value"),
        "javascript:alert(1)",
        "input kept for correcting"
    );
    // A new person gets a byline of their own.
    Accounts::new(&site.newsroom)
        .create_user("new@example.com", "Noor Haddad", Role::Author, PASSWORD)
        .await
        .expect("account");
    assert_eq!(site.get("/author/noor-haddad").await.status, StatusCode::OK);
}
