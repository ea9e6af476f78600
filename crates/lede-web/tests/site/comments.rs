//! The "Add yours" flow: accepted, held, approved, and every way it refuses bad input.

use crate::support::{Page, Site, encode, settings, site, site_with, temp_dir};
use axum::http::StatusCode;
use lede_core::comment::CommentStatus;
use lede_store::test_support::{TestDb, load_fixture};

lede_store::on_both_databases!(
    a_comment_is_held_then_shown_once_approved,
    invalid_comments_get_422_with_the_input_kept_and_escaped,
    comments_sent_too_fast_or_with_a_forged_form_are_refused,
    the_honeypot_keeps_bots_out_quietly,
    oversized_bodies_get_413,
    each_client_is_rate_limited,
    cross_site_posts_are_forbidden,
    behind_a_trusted_proxy_each_reader_has_their_own_allowance,
    replies_are_shown_under_their_comment,
    a_theme_s_own_article_page_takes_comments_through_the_include,
    urdu_comments_read_right_to_left_with_the_name_isolated,
);

const ARTICLE: &str = "/articles/river-clean-up";
const ACTION: &str = "/articles/river-clean-up/comments";

/// Loads the article's form, lets the reader take their time, and returns the form's token.
async fn open_form(site: &Site, db: &TestDb) -> String {
    let page = site.get(ARTICLE).await;
    let token = page.attr("form.comment-form input[name=token]", "value");
    db.clock.advance(time::Duration::seconds(30));
    token
}

fn fields<'a>(
    token: &'a str,
    name: &'a str,
    email: &'a str,
    text: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("token", token),
        ("name", name),
        ("email", email),
        ("website", ""),
        ("text", text),
        ("homepage", ""),
    ]
}

async fn a_comment_is_held_then_shown_once_approved(db: &TestDb) {
    let site = site(db).await;
    let token = open_form(&site, db).await;
    let sent = site
        .post_form(
            ACTION,
            &fields(&token, "Ann Reader", "ann@example.com", "Thank you\nfor this report."),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), "/articles/river-clean-up?comment=pending#comments");
    let after = site.get(sent.location().split('#').next().unwrap_or_default()).await;
    assert!(after.text(".notice").contains("awaiting moderation"));
    assert_eq!(
        after.text(".no-comments"),
        "There are no comments",
        "pending comments are not shown"
    );
    let pending =
        site.newsroom.store().list_comments(CommentStatus::Pending, 10).await.expect("queue");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].text, "Thank you\nfor this report.");
    site.newsroom.moderate_comment(pending[0].id, CommentStatus::Approved).await.expect("approve");
    let shown = site.get(ARTICLE).await;
    assert_eq!(shown.count(".no-comments"), 0);
    assert_eq!(shown.text(".comment .comment-author"), "Ann Reader");
    assert_eq!(shown.text(".comment .comment-text"), "Thank you for this report.");
    assert_eq!(shown.text(".comment time"), "28 November 2026");
    assert_eq!(shown.text("#comments-title"), "Comments (1)");
}

/// An Urdu comment takes the direction of its text, and its writer's name is isolated, so the
/// "name · date" line keeps its order ("5 · عائشہ خان December 2026" before); the form's
/// fields follow what is typed in them.
async fn urdu_comments_read_right_to_left_with_the_name_isolated(db: &TestDb) {
    let site = site(db).await;
    let form = site.get(ARTICLE).await;
    for field in ["#comment-name", "#comment-text"] {
        assert_eq!(form.attr(field, "dir"), "auto", "{field}");
    }
    let token = open_form(&site, db).await;
    let name = "عائشہ خان";
    let sent = site
        .post_form(ACTION, &fields(&token, name, "ayesha@example.com", "بہت اچھی خبر ہے۔"))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let pending =
        site.newsroom.store().list_comments(CommentStatus::Pending, 10).await.expect("queue");
    site.newsroom.moderate_comment(pending[0].id, CommentStatus::Approved).await.expect("approve");
    let shown = site.get(ARTICLE).await;
    assert_eq!(shown.attr(".comment .comment-text", "dir"), "auto");
    assert_eq!(shown.text(".comment .comment-author bdi"), name);
    assert_eq!(
        shown.text("#comment-parent option:nth-child(2)"),
        format!("\u{2068}{name}\u{2069}, 28 November 2026"),
        "the name is isolated where no element can be"
    );
}

async fn invalid_comments_get_422_with_the_input_kept_and_escaped(db: &TestDb) {
    let site = site(db).await;
    let long = "x".repeat(5001);
    let links = "see http://a.example http://b.example http://c.example";
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        ("Ann", "ann@example.com", "   ", "text", "This field is required."),
        ("Ann", "not-an-email", "Hello", "email", "Give a valid email address"),
        ("", "ann@example.com", "Hello", "name", "This field is required."),
        ("Ann", "ann@example.com", &long, "text", "At most 5000 characters"),
        ("Ann", "ann@example.com", links, "text", "at most 2 links"),
    ];
    for (name, email, text, field, message) in cases {
        let token = open_form(&site, db).await;
        let page = site.post_form(ACTION, &fields(&token, name, email, text)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {message}");
        assert!(
            page.text(&format!("#comment-{field}-error")).contains(message),
            "{field}: {}",
            page.text(&format!("#comment-{field}-error"))
        );
        assert_eq!(page.attr(&format!("#comment-{field}"), "aria-invalid"), "true");
        assert!(page.text(".form-errors").contains("not sent yet"));
    }
    let evil_name = "<script>alert(1)</script>\"><b>";
    let token = open_form(&site, db).await;
    let page =
        site.post_form(ACTION, &fields(&token, evil_name, "bad", "My <em>text</em> stays")).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.attr("#comment-name", "value"), evil_name, "the reader's input is kept");
    assert_eq!(page.text("#comment-text"), "My <em>text</em> stays");
    assert!(
        !page.body.contains("<script>alert(1)") && !page.body.contains("<em>text"),
        "and escaped"
    );
    assert_ne!(
        page.attr("form.comment-form input[name=token]", "value"),
        "",
        "a fresh token to send again"
    );
    assert!(
        site.newsroom
            .store()
            .list_comments(CommentStatus::Pending, 10)
            .await
            .expect("queue")
            .is_empty(),
        "nothing stored"
    );
}

async fn comments_sent_too_fast_or_with_a_forged_form_are_refused(db: &TestDb) {
    let site = site(db).await;
    let fresh = site.get(ARTICLE).await.attr("form.comment-form input[name=token]", "value");
    let fast = site.post_form(ACTION, &fields(&fresh, "Bot", "bot@example.com", "Buy now")).await;
    assert_eq!(fast.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fast.text(".form-errors").contains("quicker than we expect"));
    assert_eq!(fast.attr("#comment-name", "value"), "Bot");
    for forged in ["", "123.abc", "999999999.00112233445566778899aabbccddeeff"] {
        db.clock.advance(time::Duration::seconds(30));
        let page = site.post_form(ACTION, &fields(forged, "Ann", "ann@example.com", "Hello")).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{forged:?}");
        assert!(page.text(".form-errors").contains("could not verify"), "{forged:?}");
    }
    db.clock.advance(time::Duration::days(2));
    let stale = site.post_form(ACTION, &fields(&fresh, "Ann", "ann@example.com", "Hello")).await;
    assert!(stale.text(".form-errors").contains("more than a day"));
    assert!(
        site.newsroom
            .store()
            .list_comments(CommentStatus::Pending, 10)
            .await
            .expect("queue")
            .is_empty()
    );
}

async fn the_honeypot_keeps_bots_out_quietly(db: &TestDb) {
    let site = site(db).await;
    let token = open_form(&site, db).await;
    let mut form = fields(&token, "Bot", "bot@example.com", "Cheap pills");
    form.retain(|(k, _)| *k != "homepage");
    form.push(("homepage", "http://spam.example"));
    let page = site.post_form(ACTION, &form).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "the bot is told nothing");
    let store = site.newsroom.store();
    assert!(store.list_comments(CommentStatus::Pending, 10).await.expect("queue").is_empty());
    assert_eq!(
        store.list_comments(CommentStatus::Spam, 10).await.expect("spam").len(),
        1,
        "kept as spam, never shown"
    );
    assert_eq!(site.get(ARTICLE).await.text(".no-comments"), "There are no comments");
}

async fn oversized_bodies_get_413(db: &TestDb) {
    let site = site(db).await;
    let token = open_form(&site, db).await;
    let body =
        format!("token={token}&name=Ann&email=ann%40example.com&text={}", "x".repeat(40 * 1024));
    let page = site.post_raw(ACTION, body, &[]).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(page.text("h1"), "That was too long");
}

async fn each_client_is_rate_limited(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let limited = lede_web::SiteSettings { comment_burst: 2, ..settings() };
    let site = site_with(db, newsroom, limited).await;
    let mut statuses = Vec::new();
    for n in 0..3 {
        let token = open_form(&site, db).await;
        let text = format!("Comment number {n}");
        statuses.push(
            site.post_form(ACTION, &fields(&token, "Ann", "ann@example.com", &text)).await.status,
        );
    }
    assert_eq!(
        statuses,
        [StatusCode::SEE_OTHER, StatusCode::SEE_OTHER, StatusCode::TOO_MANY_REQUESTS]
    );
    assert_eq!(
        site.newsroom.store().list_comments(CommentStatus::Pending, 10).await.expect("queue").len(),
        2
    );
}

async fn cross_site_posts_are_forbidden(db: &TestDb) {
    let site = site(db).await;
    let token = open_form(&site, db).await;
    let body: String = fields(&token, "Ann", "ann@example.com", "Hi")
        .iter()
        .map(|(k, v)| format!("{k}={}&", encode(v)))
        .collect();
    let foreign = site
        .post_raw(
            ACTION,
            body.clone(),
            &[("host", "news.example"), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let own: Page = site
        .post_raw(ACTION, body, &[("host", "news.example"), ("origin", "https://news.example")])
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
}

/// A comment POST as nginx's plain `proxy_pass` hands it on: from the proxy's own address,
/// with `Host` rewritten to the upstream's name and the reader's headers kept.
async fn through_proxy(site: &Site, peer: &str, forwarded_for: &str, token: &str) -> StatusCode {
    // Each comment says something new (the same words twice are refused as a repeat).
    let text = format!("From behind a proxy, as {forwarded_for} ({})", &token[token.len() - 8..]);
    let body: String = fields(token, "Ann", "ann@example.com", &text)
        .iter()
        .map(|(k, v)| format!("{k}={}&", encode(v)))
        .collect();
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().expect("address");
    let request = axum::http::Request::post(ACTION)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "lede_backend")
        .header("origin", "https://news.example")
        .header("x-forwarded-for", forwarded_for)
        .extension(axum::extract::ConnectInfo(peer))
        .body(axum::body::Body::from(body))
        .expect("request");
    site.send(request).await.status
}

/// Tokens for `count` comments sent at once, after the reader's minimum delay (each form
/// loaded a second apart, so each has a token of its own).
async fn tokens(site: &Site, db: &TestDb, count: usize) -> Vec<String> {
    let mut tokens = Vec::new();
    for _ in 0..count {
        tokens.push(site.get(ARTICLE).await.attr("form.comment-form input[name=token]", "value"));
        db.clock.advance(time::Duration::seconds(1));
    }
    db.clock.advance(time::Duration::seconds(30));
    tokens
}

async fn behind_a_trusted_proxy_each_reader_has_their_own_allowance(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let proxied = lede_web::SiteSettings {
        base_url: "https://news.example".into(),
        trusted_proxies: lede_web::proxy::TrustedProxies::parse(&["127.0.0.1/32"]).expect("ok"),
        // Every form its own token (a cached page would hand one token to every reader).
        page_cache_bytes: 0,
        ..settings()
    };
    let site = site_with(db, newsroom, proxied).await;
    // Twenty readers behind the proxy, at once: each has a whole allowance.
    let mut statuses = Vec::new();
    for (n, token) in tokens(&site, db, 20).await.iter().enumerate() {
        statuses.push(through_proxy(&site, "127.0.0.1", &format!("203.0.113.{n}"), token).await);
    }
    assert_eq!(statuses, [StatusCode::SEE_OTHER; 20]);
    // One reader's burst: five, then 429, whatever address they claim further left.
    let mut statuses = Vec::new();
    for token in tokens(&site, db, 6).await {
        statuses.push(through_proxy(&site, "127.0.0.1", "1.2.3.4, 198.51.100.7", &token).await);
    }
    assert_eq!(statuses[..5], [StatusCode::SEE_OTHER; 5]);
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS);
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    let mut statuses = Vec::new();
    for (n, token) in tokens(&site, db, 6).await.iter().enumerate() {
        statuses.push(through_proxy(&site, "192.0.2.44", &format!("203.0.113.{n}"), token).await);
    }
    assert_eq!(statuses[5], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    let pending = site.newsroom.store().list_comments(CommentStatus::Pending, 100).await;
    assert_eq!(pending.expect("queue").len(), 20 + 5 + 5);
}

async fn replies_are_shown_under_their_comment(db: &TestDb) {
    let site = site(db).await;
    let token = open_form(&site, db).await;
    site.post_form(ACTION, &fields(&token, "Ann", "ann@example.com", "A question?")).await;
    let store = site.newsroom.store();
    let first = store.list_comments(CommentStatus::Pending, 10).await.expect("queue")[0].id;
    site.newsroom.moderate_comment(first, CommentStatus::Approved).await.expect("approve");
    let token = open_form(&site, db).await;
    let parent = first.0.to_string();
    let mut reply = fields(&token, "Bob", "bob@example.com", "An answer.");
    reply.push(("parent", &parent));
    assert_eq!(site.post_form(ACTION, &reply).await.status, StatusCode::SEE_OTHER);
    let second = store.list_comments(CommentStatus::Pending, 10).await.expect("queue")[0].id;
    site.newsroom.moderate_comment(second, CommentStatus::Approved).await.expect("approve");
    let page = site.get(ARTICLE).await;
    assert_eq!(page.texts(".comment-list > .comment > .comment-meta .comment-author"), ["Ann"]);
    assert_eq!(page.texts(".replies .comment-author"), ["Bob"]);
}

/// A theme that overrides article.html includes comment_form.html and has, without copying
/// them, the token and the honeypot that keep spam out.
async fn a_theme_s_own_article_page_takes_comments_through_the_include(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let theme = temp_dir("theme");
    std::fs::create_dir_all(&theme).expect("theme folder");
    std::fs::write(
        theme.join("article.html"),
        "<main><h1 class=\"own\">{{ page.headline }}</h1>{% include \"comment_form.html\" %}</main>",
    )
    .expect("template");
    let site = site_with(
        db,
        newsroom,
        lede_web::SiteSettings { template_dir: Some(theme.clone()), ..settings() },
    )
    .await;
    let page = site.get(ARTICLE).await;
    assert_eq!(page.count("h1.own"), 1, "the theme's own page");
    assert_eq!(page.count("form.comment-form input[name=homepage]"), 1);
    let token = open_form(&site, db).await;
    let sent = site
        .post_form(ACTION, &fields(&token, "Ann Reader", "ann@example.com", "Well reported."))
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let _ = std::fs::remove_dir_all(theme);
}
