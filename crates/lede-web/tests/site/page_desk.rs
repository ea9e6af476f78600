//! Static pages and menus through the newsroom's forms: a page made at /admin/pages answers
//! at its address once published (404 as a draft), its edits show at once (the page cache is
//! purged), a revision is restored, it is deleted after "Delete this page?"; /admin/menus
//! reorders the header, which every page then shows, per language; who may do which.

use crate::support::{Site, follow, get_as, post_as, signed_in, site};
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    an_editor_writes_publishes_restores_and_deletes_a_page,
    a_refused_page_form_keeps_the_text_and_says_why,
    an_admin_orders_the_menus_and_every_page_follows,
    each_edition_has_its_own_menus,
    only_admins_change_menus_and_only_editors_write_pages,
);

fn page_fields<'a>(
    csrf: &'a str,
    title: &'a str,
    body: &'a str,
    status: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("title", title),
        ("slug", ""),
        ("body", body),
        ("language", "en"),
        ("status", status),
    ]
}

async fn an_editor_writes_publishes_restores_and_deletes_a_page(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let list = get_as(&site, "/admin/pages", &cookie).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.attr("a.button-link", "href"), "/admin/pages/new");
    assert_eq!(get_as(&site, "/admin/pages/new", &cookie).await.status, StatusCode::OK);

    // Made as a draft, the page is not public yet.
    let fields = page_fields(&csrf, "Contact us", "Write to **us**.", "draft");
    let made = post_as(&site, "/admin/pages/new", &cookie, &fields).await;
    let editor = follow(&site, &made, &cookie).await;
    assert_eq!(editor.text(".flash p"), "Page saved as a draft: readers do not see it.");
    let path = made.location().to_owned();
    assert!(path.starts_with("/admin/pages/"), "{path}");
    assert_eq!(editor.attr("#slug", "value"), "contact-us", "the address comes from the title");
    assert_eq!(site.get("/contact-us").await.status, StatusCode::NOT_FOUND);

    // Published from its form, it answers at its address and joins the footer.
    // The form sends the address it shows.
    let mut fields = page_fields(&csrf, "Contact us", "Write to **us**.", "published");
    fields[2] = ("slug", "contact-us");
    let saved = post_as(&site, &path, &cookie, &fields).await;
    let editor = follow(&site, &saved, &cookie).await;
    assert_eq!(editor.text(".flash p"), "Page published: readers see it at its address.");
    let live = site.get("/contact-us").await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.text(".static-page h1"), "Contact us");
    assert_eq!(live.text(".prose strong"), "us");
    assert!(
        site.get("/").await.attrs(".site-footer a", "href").contains(&"/contact-us".to_owned())
    );

    // Kept by the page cache, then edited: the change shows at once.
    site.get("/contact-us").await;
    let mut fields = page_fields(&csrf, "Contact", "Call us on Monday.", "published");
    fields[2] = ("slug", "contact-us");
    let saved = post_as(&site, &path, &cookie, &fields).await;
    assert_eq!(
        follow(&site, &saved, &cookie).await.text(".flash p"),
        "Page updated: readers see your changes."
    );
    let live = site.get("/contact-us").await;
    assert_eq!(live.text(".static-page h1"), "Contact");
    assert_eq!(live.text(".prose"), "Call us on Monday.");

    // Three saves, three revisions; restoring the first brings its words back, live.
    let revisions = get_as(&site, &format!("{path}/revisions"), &cookie).await;
    assert_eq!(revisions.status, StatusCode::OK);
    assert_eq!(revisions.count("li.revision"), 3);
    assert_eq!(revisions.count("li.revision form"), 2, "the current version needs no restore");
    let restore = format!("{path}/restore");
    let restored = post_as(&site, &restore, &cookie, &[("csrf", &csrf), ("version", "1")]).await;
    assert_eq!(
        follow(&site, &restored, &cookie).await.text(".flash p"),
        "Earlier version restored."
    );
    let live = site.get("/contact-us").await;
    assert_eq!(live.text(".static-page h1"), "Contact us");
    assert_eq!(live.text(".prose strong"), "us");

    // Unpublished from the list: 404 again.
    let status = format!("{path}/status");
    let done = post_as(&site, &status, &cookie, &[("csrf", &csrf), ("status", "draft")]).await;
    let list = follow(&site, &done, &cookie).await;
    assert_eq!(list.text(".flash p"), "Page unpublished: its address no longer answers.");
    assert_eq!(list.text(".pages-list .status"), "Draft");
    assert_eq!(site.get("/contact-us").await.status, StatusCode::NOT_FOUND);

    // Deleted after the question.
    let delete = format!("{path}/delete");
    let question = get_as(&site, &delete, &cookie).await;
    assert_eq!(question.text("main h1"), "Delete this page?");
    assert_eq!(question.attr("main form", "action"), delete);
    let done = post_as(&site, &delete, &cookie, &[("csrf", &csrf)]).await;
    let list = follow(&site, &done, &cookie).await;
    assert_eq!(list.text(".flash p"), "Page deleted.");
    assert_eq!(list.count(".pages-list tbody tr"), 0);
    assert_eq!(get_as(&site, &path, &cookie).await.status, StatusCode::NOT_FOUND);
}

async fn a_refused_page_form_keeps_the_text_and_says_why(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let fields = page_fields(&csrf, "", "Words worth keeping.", "published");
    let refused = post_as(&site, "/admin/pages/new", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.text("#body"), "Words worth keeping.");
    assert!(!refused.text(".form-errors").is_empty());
    let mut fields = page_fields(&csrf, "Search", "x", "published");
    fields[2] = ("slug", "search");
    let refused = post_as(&site, "/admin/pages/new", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "a route's address");
    assert_eq!(refused.text(".form-errors"), "/search is reserved by the site");
    let status = page_fields(&csrf, "Odd", "x", "archived");
    let refused = post_as(&site, "/admin/pages/new", &cookie, &status).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(site.newsroom.store().all_pages().await.expect("query").is_empty());
}

/// The header's section links, after "Home".
async fn header(site: &Site, path: &str) -> Vec<String> {
    let page = site.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    page.texts(".sections-nav a").into_iter().skip(1).collect()
}

async fn an_admin_orders_the_menus_and_every_page_follows(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    assert_eq!(header(&site, "/").await, ["News", "Culture"], "the sections, by default");
    let menus = get_as(&site, "/admin/menus", &cookie).await;
    assert_eq!(menus.status, StatusCode::OK);
    assert_eq!(menus.texts("#menu-header .menu-label"), ["News", "Culture"]);

    // Culture moves up: the cached front page and every other page show the new order.
    let moved = post_as(
        &site,
        "/admin/menus/header/move",
        &cookie,
        &[("csrf", &csrf), ("language", "en"), ("index", "1"), ("direction", "up")],
    )
    .await;
    let menus = follow(&site, &moved, &cookie).await;
    assert_eq!(menus.text(".flash p"), "Menu saved.");
    assert_eq!(menus.texts("#menu-header .menu-label"), ["Culture", "News"]);
    assert_eq!(header(&site, "/").await, ["Culture", "News"]);
    assert_eq!(header(&site, "/articles/river-clean-up").await, ["Culture", "News"]);

    // An external link, then a refused one.
    let link = [
        ("csrf", csrf.as_str()),
        ("language", "en"),
        ("kind", "link"),
        ("label", "Shop"),
        ("url", "https://shop.example.com/"),
    ];
    let added = post_as(&site, "/admin/menus/header/add", &cookie, &link).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let home = site.get("/").await;
    assert_eq!(home.texts(".sections-nav a")[1..], ["Culture", "News", "Shop"]);
    assert_eq!(home.attrs(".sections-nav a", "href")[3], "https://shop.example.com/");
    let mut bad = link;
    bad[4] = ("url", "javascript:alert(1)");
    let refused = post_as(&site, "/admin/menus/header/add", &cookie, &bad).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text(".form-errors").starts_with("Give an address that starts with https://"));

    // News leaves the menu; a page joins the footer with a label of its own.
    let removed = post_as(
        &site,
        "/admin/menus/header/remove",
        &cookie,
        &[("csrf", &csrf), ("language", "en"), ("index", "1")],
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert_eq!(header(&site, "/").await, ["Culture", "Shop"]);
    let input = lede_core::content::PageInput {
        slug: lede_store::test_support::slug("about"),
        title: "About us".into(),
        body_markdown: "Us.".into(),
    };
    site.newsroom.save_page(input).await.expect("page");
    let added = post_as(
        &site,
        "/admin/menus/footer/add",
        &cookie,
        &[("csrf", &csrf), ("kind", "page"), ("page", "about"), ("label", "Who we are")],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    // The default footer (the pages) was the menu's start.
    let footer = site.get("/").await;
    assert_eq!(footer.attrs(".site-footer a", "href")[..2], ["/about", "/about"]);
    assert_eq!(footer.texts(".site-footer a")[..2], ["About us", "Who we are"]);

    // Back to the default.
    let reset = post_as(
        &site,
        "/admin/menus/header/reset",
        &cookie,
        &[("csrf", &csrf), ("language", "en")],
    )
    .await;
    assert_eq!(
        follow(&site, &reset, &cookie).await.text(".flash p"),
        "Menu reset: the site shows its default links."
    );
    assert_eq!(header(&site, "/").await, ["News", "Culture"]);
}

async fn each_edition_has_its_own_menus(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let urdu = get_as(&site, "/admin/menus?language=ur", &cookie).await;
    assert_eq!(urdu.status, StatusCode::OK);
    assert_eq!(urdu.attr(".status-tabs a[aria-current]", "lang"), "ur");
    let added = post_as(
        &site,
        "/admin/menus/header/add",
        &cookie,
        &[
            ("csrf", &csrf),
            ("language", "ur"),
            ("kind", "link"),
            ("label", "دکان"),
            ("url", "https://shop.example.com/ur"),
        ],
    )
    .await;
    assert_eq!(added.location(), "/admin/menus?language=ur");
    let home = site.get("/ur/").await;
    let links = home.attrs(".sections-nav a", "href");
    assert_eq!(links.last().map(String::as_str), Some("https://shop.example.com/ur"));
    assert_eq!(home.texts(".sections-nav a").last().map(String::as_str), Some("دکان"));
    assert!(
        links[1..links.len() - 1].iter().all(|h| h.starts_with("/ur/section/")),
        "the sections lead into the edition: {links:?}"
    );
    assert_eq!(header(&site, "/").await, ["News", "Culture"], "English keeps its default");
}

async fn only_admins_change_menus_and_only_editors_write_pages(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let dashboard = get_as(&site, "/admin", &cookie).await;
    let nav = dashboard.attrs(".admin-header .sections-nav a", "href");
    assert!(nav.contains(&"/admin/pages".to_owned()) && !nav.contains(&"/admin/menus".to_owned()));
    assert_eq!(get_as(&site, "/admin/menus", &cookie).await.status, StatusCode::FORBIDDEN);
    let refused = post_as(
        &site,
        "/admin/menus/header/move",
        &cookie,
        &[("csrf", &csrf), ("index", "1"), ("direction", "up")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(site.newsroom.store().menus().await.expect("query").is_empty());
    let (cookie, _) = signed_in(&site, Role::Author).await;
    assert_eq!(get_as(&site, "/admin/pages", &cookie).await.status, StatusCode::FORBIDDEN);
    let nav = get_as(&site, "/admin", &cookie).await.attrs(".admin-header .sections-nav a", "href");
    assert!(!nav.contains(&"/admin/pages".to_owned()));
}
