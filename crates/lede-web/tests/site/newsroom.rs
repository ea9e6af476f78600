//! The newsroom's own settings through the real router, on both databases: authors' pictures,
//! sections, the site's name and tagline, remote images, and sessions each person can see and
//! end.

use crate::support::*;
use axum::http::{StatusCode, header};
use lede_core::account::Role;
use lede_store::test_support::TestDb;
use lede_store::{Accounts, Change, REMOTE_IMAGES_KEY};
use tokio::sync::broadcast::Receiver;

lede_store::on_both_databases!(
    authors_upload_and_remove_their_picture,
    admins_add_edit_order_and_delete_sections,
    admins_rename_the_site_and_every_page_shows_it_at_once,
    admins_allow_remote_images_and_every_response_says_so_at_once,
    people_see_their_sessions_and_sign_out_any_of_them,
);

/// Sends one file to `path` as the profile's picture form does.
pub(crate) async fn upload_to(
    site: &Site,
    path: &str,
    cookie: &str,
    csrf: &str,
    bytes: &[u8],
) -> Page {
    upload_file(site, path, cookie, csrf, "me.png", bytes, "text/html").await
}

/// Whether the newsroom announced a catalog change since the last look.
fn announced_catalog(changes: &mut Receiver<Change>) -> bool {
    let mut seen = false;
    while let Ok(change) = changes.try_recv() {
        seen |= change == Change::Catalog;
    }
    seen
}

async fn authors_upload_and_remove_their_picture(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let mut changes = site.newsroom.subscribe();
    let profile = get_as(&site, "/admin/profile", &cookie).await;
    assert_eq!(
        profile.attr("form[action='/admin/profile/avatar']", "enctype"),
        "multipart/form-data"
    );
    assert_eq!(profile.text("label[for=avatar]"), "Choose a picture");
    assert_eq!(
        upload_to(&site, "/admin/profile/avatar", &cookie, "", &png(50, 50)).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let refused =
        upload_to(&site, "/admin/profile/avatar", &cookie, &csrf, b"<?php system($_GET['x']); ?>")
            .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").contains("not a JPEG, PNG, WebP or GIF"),
        "{}",
        refused.text(".form-errors")
    );
    assert_eq!(refused.attr("#name", "value"), "Maya Chen", "the profile is still there");
    assert_eq!(
        site.get("/author/maya-chen").await.text(".author-header .avatar"),
        "MC",
        "still the initials"
    );
    let ok = upload_to(&site, "/admin/profile/avatar", &cookie, &csrf, &png(400, 300)).await;
    assert_eq!(
        (ok.status, ok.location()),
        (StatusCode::SEE_OTHER, "/admin/profile"),
        "{}",
        ok.body
    );
    assert!(announced_catalog(&mut changes), "through the newsroom's save path");
    let profile = get_as(&site, "/admin/profile", &cookie).await;
    let path = profile.attr(".profile-picture img", "src");
    assert!(path.starts_with("/media/avatars/") && path.ends_with(".png"), "{path}");
    let on_disk = |p: &str| media_dir.join(p.trim_start_matches("/media/"));
    let stored = image::open(on_disk(&path)).expect("a readable image");
    assert_eq!((stored.width(), stored.height()), (192, 192), "a small square");
    let author = site.get("/author/maya-chen").await;
    assert_eq!(author.attr(".author-header img.avatar", "src"), path);
    assert_eq!(author.attr(".author-header img.avatar", "alt"), "Maya Chen");
    assert_eq!(author.attr(".author-header img.avatar", "width"), "96");
    assert_eq!(author.attr(".author-header img.avatar", "height"), "96");
    let article = site.get("/articles/budget-vote-passes").await;
    assert_eq!(article.attr(".author-box img.avatar", "alt"), "Maya Chen");
    assert_eq!(article.attr(".author-box img.avatar", "width"), "64");
    assert_eq!(article.count(".author-box span.avatar"), 0, "no initials");
    // Saving the rest of the profile keeps the picture.
    let saved = post_as(
        &site,
        "/admin/profile",
        &cookie,
        &[("csrf", &csrf), ("name", "Maya Chen"), ("bio", "Writes."), ("website", "")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(site.get("/author/maya-chen").await.attr(".author-header img.avatar", "src"), path);
    // A new picture replaces the old one, whose file goes.
    let again = upload_to(&site, "/admin/profile/avatar", &cookie, &csrf, &png(30, 60)).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let newer = get_as(&site, "/admin/profile", &cookie).await.attr(".profile-picture img", "src");
    assert_ne!(newer, path);
    assert!(!on_disk(&path).exists(), "the old file is deleted");
    assert_eq!(
        post_as(&site, "/admin/profile/avatar/remove", &cookie, &[]).await.status,
        StatusCode::FORBIDDEN,
        "removing needs the CSRF token too"
    );
    let removed = post_as(&site, "/admin/profile/avatar/remove", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(announced_catalog(&mut changes));
    assert!(!on_disk(&newer).exists());
    let author = site.get("/author/maya-chen").await;
    assert_eq!(author.count(".author-header img.avatar"), 0);
    assert_eq!(author.text(".author-header .avatar"), "MC");
    let _ = std::fs::remove_dir_all(media_dir);
}

/// The names in the reader site's menu, in order.
async fn menu(site: &Site) -> Vec<String> {
    let mut names = site.get("/").await.texts(".sections-nav a");
    names.retain(|n| n != "Home");
    names
}

async fn admins_add_edit_order_and_delete_sections(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    let mut changes = site.newsroom.subscribe();
    let list = get_as(&site, "/admin/sections", &cookie).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(
        list.texts(".sections-list .section-name"),
        ["News", "— Politics", "Culture"],
        "nested under their parents"
    );
    assert_eq!(
        list.texts(".sections-list .article-count"),
        ["4", "2", "1"],
        "articles in any status"
    );
    assert_eq!(
        post_as(&site, "/admin/sections", &cookie, &[("name", "Climate")]).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let added = post_as(
        &site,
        "/admin/sections",
        &cookie,
        &[("csrf", &csrf), ("name", "Climate Desk"), ("slug", "")],
    )
    .await;
    assert_eq!((added.status, added.location()), (StatusCode::SEE_OTHER, "/admin/sections"));
    assert!(announced_catalog(&mut changes));
    assert_eq!(menu(&site).await, ["News", "Culture", "Climate Desk"], "at the end, at once");
    assert_eq!(
        site.get("/section/climate-desk").await.status,
        StatusCode::OK,
        "the address made from the name"
    );
    let taken = post_as(
        &site,
        "/admin/sections",
        &cookie,
        &[("csrf", &csrf), ("name", "Climate desk"), ("slug", "")],
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken.text(".form-errors").contains("already uses the address /section/climate-desk"),
        "{}",
        taken.text(".form-errors")
    );
    assert_eq!(taken.attr("#name", "value"), "Climate desk", "input kept");
    let bad_position = post_as(
        &site,
        "/admin/sections",
        &cookie,
        &[("csrf", &csrf), ("name", "Oceans"), ("position", "ten")],
    )
    .await;
    assert_eq!(bad_position.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_position.text(".form-errors").contains("whole number"));
    let nested = post_as(
        &site,
        "/admin/sections",
        &cookie,
        &[("csrf", &csrf), ("name", "Oceans"), ("slug", "oceans"), ("parent", "climate-desk")],
    )
    .await;
    assert_eq!(nested.status, StatusCode::SEE_OTHER);
    let list = get_as(&site, "/admin/sections", &cookie).await;
    assert_eq!(
        list.texts(".sections-list .section-name"),
        ["News", "— Politics", "Culture", "Climate Desk", "— Oceans"]
    );
    let id_of = |page: &Page, name: &str| {
        let names = page.texts(".sections-list .section-name");
        let at = names.iter().position(|n| n.trim_start_matches("— ") == name).expect("listed");
        page.attrs(".sections-list tbody tr", "id")[at].trim_start_matches("section-").to_owned()
    };
    let climate = id_of(&list, "Climate Desk");
    let oceans = id_of(&list, "Oceans");
    let culture = id_of(&list, "Culture");
    // Renamed: the address stays.
    let edit = get_as(&site, &format!("/admin/sections/{climate}"), &cookie).await;
    assert_eq!(edit.attr("#slug", "value"), "/section/climate-desk");
    let renamed = post_as(
        &site,
        &format!("/admin/sections/{climate}"),
        &cookie,
        &[
            ("csrf", &csrf),
            ("name", "Climate"),
            ("parent", ""),
            ("position", &edit.attr("#position", "value")),
            ("description", "The warming world."),
        ],
    )
    .await;
    assert_eq!(renamed.status, StatusCode::SEE_OTHER);
    assert_eq!(menu(&site).await, ["News", "Culture", "Climate"]);
    assert_eq!(site.get("/section/climate-desk").await.status, StatusCode::OK);
    let looped = post_as(
        &site,
        &format!("/admin/sections/{climate}"),
        &cookie,
        &[("csrf", &csrf), ("name", "Climate"), ("parent", "oceans"), ("position", "10")],
    )
    .await;
    assert_eq!(looped.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(looped.text(".form-errors").contains("cannot sit inside itself"));
    // Reordered with the buttons.
    let up = post_as(
        &site,
        &format!("/admin/sections/{climate}/move"),
        &cookie,
        &[("csrf", &csrf), ("direction", "up")],
    )
    .await;
    assert_eq!(up.status, StatusCode::SEE_OTHER);
    assert_eq!(menu(&site).await, ["News", "Climate", "Culture"]);
    post_as(
        &site,
        &format!("/admin/sections/{culture}/move"),
        &cookie,
        &[("csrf", &csrf), ("direction", "up")],
    )
    .await;
    post_as(
        &site,
        &format!("/admin/sections/{culture}/move"),
        &cookie,
        &[("csrf", &csrf), ("direction", "up")],
    )
    .await;
    assert_eq!(menu(&site).await, ["Culture", "News", "Climate"]);
    // Deleting: refused while a section holds articles or subsections.
    let news = id_of(&list, "News");
    let politics = id_of(&list, "Politics");
    let refused =
        post_as(&site, &format!("/admin/sections/{politics}/delete"), &cookie, &[("csrf", &csrf)])
            .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(
        refused.text(".form-errors"),
        "“Politics” holds 2 articles, so it cannot be deleted. Move them to another section first."
    );
    assert_eq!(site.get("/articles/budget-vote-passes").await.status, StatusCode::OK);
    let parent =
        post_as(&site, &format!("/admin/sections/{climate}/delete"), &cookie, &[("csrf", &csrf)])
            .await;
    assert_eq!(parent.status, StatusCode::CONFLICT);
    assert!(parent.text(".form-errors").contains("has subsections"));
    announced_catalog(&mut changes);
    for id in [&oceans, &climate] {
        let gone =
            post_as(&site, &format!("/admin/sections/{id}/delete"), &cookie, &[("csrf", &csrf)])
                .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER);
    }
    assert!(announced_catalog(&mut changes));
    assert_eq!(menu(&site).await, ["Culture", "News"]);
    assert_eq!(site.get("/section/climate-desk").await.status, StatusCode::NOT_FOUND);
    assert!(!news.is_empty());
}

async fn admins_rename_the_site_and_every_page_shows_it_at_once(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    let mut changes = site.newsroom.subscribe();
    let form = get_as(&site, "/admin/settings", &cookie).await;
    assert_eq!(form.attr("#site-name", "value"), "Northbridge Test");
    assert_eq!(form.attr("#tagline", "value"), "Tests");
    assert_eq!(form.text("label[for=site-name]"), "Site name");
    let blank = post_as(
        &site,
        "/admin/settings",
        &cookie,
        &[("csrf", &csrf), ("name", "  "), ("tagline", "Kept")],
    )
    .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.text(".form-errors").contains("required"));
    assert_eq!(blank.attr("#tagline", "value"), "Kept", "input kept");
    assert_eq!(
        post_as(&site, "/admin/settings", &cookie, &[("name", "Forged"), ("tagline", "")])
            .await
            .status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let saved = post_as(
        &site,
        "/admin/settings",
        &cookie,
        &[("csrf", &csrf), ("name", " The Harbour <Herald> "), ("tagline", "News from the coast")],
    )
    .await;
    assert_eq!((saved.status, saved.location()), (StatusCode::SEE_OTHER, "/admin/settings"));
    assert!(announced_catalog(&mut changes));
    let home = site.get("/").await;
    assert_eq!(home.text(".site-name"), "The Harbour <Herald>", "at once, escaped");
    assert_eq!(home.text(".tagline"), "News from the coast");
    assert!(home.body.contains("The Harbour &lt;Herald&gt;"));
    let article = site.get("/articles/budget-vote-passes").await;
    assert!(article.text("title").ends_with("| The Harbour <Herald>"));
    let rss = site.get("/rss.xml").await;
    assert!(rss.body.contains("<title>The Harbour &lt;Herald&gt;</title>"), "feeds too");
    assert_eq!(
        get_as(&site, "/admin", &cookie).await.text(".admin-header .site-name"),
        "The Harbour <Herald> Newsroom"
    );
    let store = site.newsroom.store();
    assert_eq!(
        store.setting("site_name").await.expect("query").as_deref(),
        Some("The Harbour <Herald>"),
        "stored trimmed, where `lede serve` reads it at start"
    );
    assert_eq!(
        store.setting("site_tagline").await.expect("query").as_deref(),
        Some("News from the coast")
    );
}

/// The `img-src` directive of a response's `Content-Security-Policy`.
fn img_src(page: &Page) -> String {
    let policy = page.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii");
    let directive = policy.split(';').map(str::trim).find(|d| d.starts_with("img-src "));
    directive.unwrap_or_else(|| panic!("no img-src: {policy}")).to_owned()
}

/// Images from other sites are off until an admin ticks the box; then every response's
/// policy allows `https:` images at once (no restart), cached pages included, and the choice
/// is stored where `lede serve` reads it at start.
async fn admins_allow_remote_images_and_every_response_says_so_at_once(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    let reader_pages = ["/", "/articles/flood-barrier-plan", "/api/articles", "/nothing-here"];
    for path in reader_pages {
        assert_eq!(img_src(&site.get(path).await), "img-src 'self' data:", "{path}: off at first");
    }
    let form = get_as(&site, "/admin/settings", &cookie).await;
    assert_eq!(form.count("#remote-images[checked]"), 0, "unticked at first");
    assert_eq!(form.text("label[for=remote-images]"), "Allow images from other sites");
    let fields = [("csrf", csrf.as_str()), ("name", "Northbridge Test"), ("tagline", "Tests")];
    let ticked = [fields.as_slice(), &[("remote_images", "on")]].concat();
    let saved = post_as(&site, "/admin/settings", &cookie, &ticked).await;
    assert_eq!((saved.status, saved.location()), (StatusCode::SEE_OTHER, "/admin/settings"));
    for path in reader_pages {
        assert_eq!(img_src(&site.get(path).await), "img-src 'self' data: https:", "{path}");
    }
    let form = get_as(&site, "/admin/settings", &cookie).await;
    assert_eq!(form.count("#remote-images[checked]"), 1, "ticked, as stored");
    assert_eq!(img_src(&form), "img-src 'self' data: https:", "the newsroom too");
    let store = site.newsroom.store();
    assert_eq!(store.setting(REMOTE_IMAGES_KEY).await.expect("query").as_deref(), Some("on"));
    // A page the cache holds leaves with the policy of the moment, not the one it was kept with.
    let cache = site.cache.as_deref().expect("the test site caches pages");
    site.get("/").await;
    assert!(cache.keys().iter().any(|k| k == "/"), "{:?}", cache.keys());
    let held = cache.keys();
    site.newsroom.set_remote_images(false).await.expect("turn off");
    let home = site.get("/").await;
    assert_eq!(cache.keys(), held, "served from the cache, which nothing purged");
    assert_eq!(img_src(&home), "img-src 'self' data:");
    // Unticking (a form without the box) turns them off again; files under /media keep theirs.
    site.newsroom.set_remote_images(true).await.expect("turn on");
    let unticked = post_as(&site, "/admin/settings", &cookie, &fields).await;
    assert_eq!(unticked.status, StatusCode::SEE_OTHER);
    assert_eq!(img_src(&site.get("/").await), "img-src 'self' data:");
    // Only admins decide, in the newsroom's rules as on the page.
    Accounts::new(&site.newsroom)
        .create_user("ed@example.com", "Ed Editor", Role::Editor, "correct horse battery")
        .await
        .expect("editor");
    let editor = store.user_by_email("ed@example.com").await.expect("query").expect("editor");
    let refused = site.newsroom.save_remote_images(&editor, true).await;
    assert!(matches!(refused, Err(lede_store::Error::Forbidden(_))), "{refused:?}");
    assert!(!site.newsroom.remote_images());
}

/// Signs in with a browser's User-Agent; returns the session cookie.
async fn sign_in_with(site: &Site, email: &str, user_agent: &str) -> String {
    let page = site
        .post_raw(
            "/admin/sign-in",
            form_body(&[("email", email), ("password", PASSWORD)]),
            &[("user-agent", user_agent)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    session_cookie(&page)
}

/// Whether a cookie still signs in.
async fn live(site: &Site, cookie: &str) -> bool {
    get_as(site, "/admin", cookie).await.count("form[action='/admin/sign-in']") == 0
}

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

async fn people_see_their_sessions_and_sign_out_any_of_them(db: &TestDb) {
    let site = site(db).await;
    Accounts::new(&site.newsroom)
        .create_user("maya@example.com", "Maya Chen", Role::Author, PASSWORD)
        .await
        .expect("account");
    let laptop = sign_in_with(&site, "maya@example.com", FIREFOX).await;
    db.clock.advance(time::Duration::minutes(30));
    let phone = sign_in_with(&site, "maya@example.com", PHONE).await;
    db.clock.advance(time::Duration::minutes(10));
    let profile = get_as(&site, "/admin/profile", &laptop).await;
    let csrf = profile.attr(".sign-out input[name=csrf]", "value");
    assert_eq!(profile.count(".sessions tbody tr"), 2);
    assert_eq!(
        profile.text(".sessions tr.current td"),
        "Firefox on Linux (this session)",
        "this session first, marked"
    );
    assert_eq!(profile.texts(".sessions tr.session:not(.current) td")[0], "Chrome on Android");
    assert_eq!(
        profile.texts(".sessions tr.current td")[1],
        "2026-11-28 12:00 UTC",
        "when it began"
    );
    assert_eq!(
        profile.texts(".sessions tr.current td")[2],
        "2026-11-28 12:40 UTC",
        "and when it was last used"
    );
    let phone_form = profile.attr(".sessions tr.session:not(.current) form", "action");
    assert!(phone_form.starts_with("/admin/profile/sessions/"));
    assert_eq!(
        post_as(&site, &phone_form, &laptop, &[]).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    assert!(live(&site, &phone).await);
    let ended = post_as(&site, &phone_form, &laptop, &[("csrf", &csrf)]).await;
    assert_eq!(
        (ended.status, ended.location()),
        (StatusCode::SEE_OTHER, "/admin/profile#sessions")
    );
    assert!(!live(&site, &phone).await, "the phone is signed out");
    assert!(live(&site, &laptop).await, "the laptop is not");
    assert_eq!(
        post_as(&site, &phone_form, &laptop, &[("csrf", &csrf)]).await.status,
        StatusCode::NOT_FOUND,
        "an ended session cannot be ended again"
    );
    // Someone else's session is not found either.
    let (other, other_csrf) = signed_in_as(&site, "Jonas Berg", Role::Editor).await;
    let other_form =
        get_as(&site, "/admin/profile", &other).await.attr(".sessions tr.current form", "action");
    assert_eq!(
        post_as(&site, &other_form, &laptop, &[("csrf", &csrf)]).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(live(&site, &other).await);
    // All others at once.
    let tablet = sign_in_with(&site, "maya@example.com", "").await;
    let phone = sign_in_with(&site, "maya@example.com", PHONE).await;
    let all_others =
        post_as(&site, "/admin/profile/sessions/sign-out-others", &laptop, &[("csrf", &csrf)])
            .await;
    assert_eq!(all_others.status, StatusCode::SEE_OTHER);
    assert!(!live(&site, &tablet).await && !live(&site, &phone).await);
    assert!(live(&site, &laptop).await);
    let profile = get_as(&site, "/admin/profile", &laptop).await;
    assert_eq!(profile.count(".sessions tbody tr"), 1);
    assert_eq!(
        profile.count("form[action='/admin/profile/sessions/sign-out-others']"),
        0,
        "nothing else to sign out"
    );
    // Signing out this session from the list is signing out.
    let mine = profile.attr(".sessions tr.current form", "action");
    let out = post_as(&site, &mine, &laptop, &[("csrf", &csrf)]).await;
    assert_eq!((out.status, out.location()), (StatusCode::SEE_OTHER, "/admin"));
    assert!(!live(&site, &laptop).await);
    // An admin signs out every session of someone else from the people page.
    let laptop = sign_in_with(&site, "maya@example.com", FIREFOX).await;
    let maya = site
        .newsroom
        .store()
        .user_by_email("maya@example.com")
        .await
        .expect("query")
        .expect("user");
    let url = format!("/admin/people/{}/sign-out", maya.id.0);
    assert_eq!(
        post_as(&site, &url, &other, &[("csrf", &other_csrf)]).await.status,
        StatusCode::FORBIDDEN,
        "an editor cannot"
    );
    let (admin, admin_csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    let people = get_as(&site, "/admin/people", &admin).await;
    assert_eq!(
        people.count("form[action^='/admin/people/'][action$='/sign-out']"),
        2,
        "a button for each other person"
    );
    assert_eq!(
        post_as(&site, &url, &admin, &[]).await.status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    let done = post_as(&site, &url, &admin, &[("csrf", &admin_csrf)]).await;
    assert_eq!((done.status, done.location()), (StatusCode::SEE_OTHER, "/admin/people"));
    assert!(!live(&site, &laptop).await, "Maya is signed out everywhere");
    assert!(live(&site, &admin).await && live(&site, &other).await);
}
