//! Static pages and menus, on SQLite and PostgreSQL: drafts and publishing, a revision per
//! save and restoring one, a new address taking the menus' links along (and leaving a
//! redirect), deleting, who may do what, menus saved whole and in order, and every change
//! that readers can see announced as a catalog change.

use lede_core::account::{Role, User};
use lede_core::content::*;
use lede_core::menu::{Menu, MenuItem, MenuName, MenuTarget};
use lede_store::test_support::{TestDb, load_fixture, slug};
use lede_store::{Change, Error, Newsroom};

lede_store::on_both_databases!(
    a_page_is_a_draft_until_published_and_keeps_every_version,
    a_new_address_takes_menu_links_along_and_redirects,
    a_deleted_page_leaves_the_menus,
    editors_write_pages_and_only_admins_change_menus,
    menus_are_saved_whole_in_order_per_language,
    page_and_menu_changes_are_announced,
    page_addresses_are_checked,
);

async fn fixture(db: &TestDb) -> Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

async fn person(newsroom: &Newsroom, email: &str, role: Role) -> User {
    let accounts = lede_store::Accounts::new(newsroom);
    accounts
        .create_user(email, "Pat Person", role, "a long enough password")
        .await
        .expect("account");
    newsroom.store().user_by_email(email).await.expect("query").expect("user")
}

fn edit(slug_text: &str, title: &str, body: &str, status: PageStatus) -> PageEdit {
    PageEdit {
        page: PageInput { slug: slug(slug_text), title: title.into(), body_markdown: body.into() },
        language: None,
        status,
    }
}

fn item(target: MenuTarget, label: &str) -> MenuItem {
    MenuItem { target, label: label.into() }
}

async fn a_page_is_a_draft_until_published_and_keeps_every_version(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let editor = person(&newsroom, "ed@example.com", Role::Editor).await;
    let id = newsroom
        .create_page(&editor, edit("about", "About", "We **report**.", PageStatus::Draft))
        .await
        .expect("created");
    assert!(store.page_by_slug("about").await.expect("query").is_none(), "a draft is not public");
    assert!(store.pages().await.expect("query").is_empty(), "nor in the footer");
    let before = newsroom
        .update_page(&editor, id, edit("about", "About us", "We report.", PageStatus::Published))
        .await
        .expect("published");
    assert_eq!(before, PageStatus::Draft);
    let page = store.page_by_slug("about").await.expect("query").expect("published page");
    assert_eq!(page.title, "About us");
    assert_eq!(page.body_html.trim(), "<p>We report.</p>");
    assert_eq!(page.language, None, "the site's default language");
    // Every save is a revision; restoring one saves it again as the newest.
    let revisions = store.page_revisions(id).await.expect("query");
    let versions: Vec<i64> = revisions.iter().map(|r| r.version).collect();
    assert_eq!(versions, [2, 1], "newest first");
    assert_eq!(revisions[1].title, "About");
    assert_eq!(revisions[0].saved_by.as_deref(), Some("Pat Person"));
    newsroom.restore_page_revision(&editor, id, 1).await.expect("restored");
    let page = store.page_by_slug("about").await.expect("query").expect("still published");
    assert_eq!(page.title, "About", "the old title is live again");
    assert!(page.body_html.contains("<strong>report</strong>"), "{}", page.body_html);
    let editable = store.editable_page(id).await.expect("query").expect("page");
    assert_eq!(editable.version, 3);
    assert!(matches!(
        newsroom.restore_page_revision(&editor, id, 9).await,
        Err(Error::NotFound(_))
    ));
    // Unpublished, it is gone from readers again; the markup is sanitised like an article's.
    assert!(newsroom.set_page_status(&editor, id, PageStatus::Draft).await.expect("unpublished"));
    assert!(!newsroom.set_page_status(&editor, id, PageStatus::Draft).await.expect("no change"));
    assert!(store.page_by_slug("about").await.expect("query").is_none());
    let risky =
        "<script>alert(1)</script>\n\n[x](javascript:alert(2)) <img src=x onerror=alert(3)>";
    newsroom
        .update_page(&editor, id, edit("about", "About", risky, PageStatus::Published))
        .await
        .expect("saved");
    let page = store.page_by_slug("about").await.expect("query").expect("page");
    for unsafe_markup in ["<script", "href=\"javascript", "onerror"] {
        assert!(!page.body_html.contains(unsafe_markup), "{}", page.body_html);
    }
}

async fn a_new_address_takes_menu_links_along_and_redirects(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let admin = person(&newsroom, "admin@example.com", Role::Admin).await;
    let id = newsroom
        .create_page(&admin, edit("team", "Team", "Us.", PageStatus::Published))
        .await
        .expect("created");
    let menu = Menu {
        name: MenuName::Footer,
        language: "en".into(),
        items: vec![item(MenuTarget::Page(slug("team")), "")],
    };
    newsroom.save_menu(&admin, menu).await.expect("menu");
    newsroom
        .update_page(&admin, id, edit("our-team", "Team", "Us.", PageStatus::Published))
        .await
        .expect("moved");
    let menus = store.menus().await.expect("query");
    assert_eq!(menus[0].items, [item(MenuTarget::Page(slug("our-team")), "")]);
    assert_eq!(store.redirect_for("/team").await.expect("query").as_deref(), Some("/our-team"));
    assert!(store.page_by_slug("our-team").await.expect("query").is_some());
}

async fn a_deleted_page_leaves_the_menus(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let admin = person(&newsroom, "admin@example.com", Role::Admin).await;
    let id = newsroom
        .create_page(&admin, edit("privacy", "Privacy", "Little.", PageStatus::Published))
        .await
        .expect("created");
    let menu = Menu {
        name: MenuName::Footer,
        language: "en".into(),
        items: vec![
            item(MenuTarget::Page(slug("privacy")), ""),
            item(MenuTarget::Link("https://example.org/".into()), "Elsewhere"),
        ],
    };
    newsroom.save_menu(&admin, menu).await.expect("menu");
    newsroom.delete_page(&admin, id).await.expect("deleted");
    assert!(store.editable_page(id).await.expect("query").is_none());
    assert!(store.page_revisions(id).await.expect("query").is_empty());
    let menus = store.menus().await.expect("query");
    assert_eq!(
        menus[0].items,
        [item(MenuTarget::Link("https://example.org/".into()), "Elsewhere")]
    );
    assert!(matches!(newsroom.delete_page(&admin, id).await, Err(Error::NotFound(_))));
}

async fn editors_write_pages_and_only_admins_change_menus(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let author = person(&newsroom, "author@example.com", Role::Author).await;
    let editor = person(&newsroom, "editor@example.com", Role::Editor).await;
    let refused = newsroom.create_page(&author, edit("x", "X", "", PageStatus::Draft)).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let id = newsroom
        .create_page(&editor, edit("x", "X", "", PageStatus::Draft))
        .await
        .expect("an editor writes pages");
    for refused in [
        newsroom.set_page_status(&author, id, PageStatus::Published).await.map(drop),
        newsroom.delete_page(&author, id).await,
        newsroom.restore_page_revision(&author, id, 1).await,
    ] {
        assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    }
    let menu = Menu { name: MenuName::Header, language: "en".into(), items: vec![] };
    let refused = newsroom.save_menu(&editor, menu).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let refused = newsroom.reset_menu(&editor, MenuName::Header, "en").await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    assert!(store.menus().await.expect("query").is_empty(), "nothing was saved");
}

async fn menus_are_saved_whole_in_order_per_language(db: &TestDb) {
    let newsroom = fixture(db).await;
    let store = db.store();
    let admin = person(&newsroom, "admin@example.com", Role::Admin).await;
    let english = Menu {
        name: MenuName::Header,
        language: "en".into(),
        items: vec![
            item(MenuTarget::Section(slug("culture")), ""),
            item(MenuTarget::Link("https://shop.example.com/".into()), "Shop"),
            item(MenuTarget::Section(slug("news")), "Latest"),
        ],
    };
    newsroom.save_menu(&admin, english.clone()).await.expect("saved");
    let urdu = Menu {
        name: MenuName::Header,
        language: "ur".into(),
        items: vec![item(MenuTarget::Link("https://shop.example.com/".into()), "دکان")],
    };
    newsroom.save_menu(&admin, urdu.clone()).await.expect("saved");
    assert_eq!(store.menus().await.expect("query"), [english.clone(), urdu.clone()]);
    // Saved again in another order, the whole list is replaced.
    let reordered = Menu { items: english.items.iter().rev().cloned().collect(), ..english };
    newsroom.save_menu(&admin, reordered.clone()).await.expect("saved");
    assert_eq!(store.menus().await.expect("query"), [reordered, urdu.clone()]);
    // What cannot be shown is refused, and nothing changes.
    for bad in [
        item(MenuTarget::Section(slug("nowhere")), ""),
        item(MenuTarget::Page(slug("no-such-page")), ""),
        item(MenuTarget::Link("https://shop.example.com/".into()), " "),
    ] {
        let menu = Menu { name: MenuName::Footer, language: "en".into(), items: vec![bad] };
        let refused = newsroom.save_menu(&admin, menu).await;
        assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    }
    let unknown = Menu { name: MenuName::Footer, language: "fr".into(), items: vec![] };
    assert!(matches!(newsroom.save_menu(&admin, unknown).await, Err(Error::Invalid(_))));
    assert_eq!(store.menus().await.expect("query").len(), 2);
    newsroom.reset_menu(&admin, MenuName::Header, "en").await.expect("reset");
    assert_eq!(store.menus().await.expect("query"), [urdu]);
}

async fn page_and_menu_changes_are_announced(db: &TestDb) {
    let newsroom = fixture(db).await;
    let admin = person(&newsroom, "admin@example.com", Role::Admin).await;
    let mut changes = newsroom.subscribe();
    let mut heard = move || {
        let mut all = Vec::new();
        while let Ok(change) = changes.try_recv() {
            all.push(change);
        }
        all
    };
    let id = newsroom
        .create_page(&admin, edit("draft", "Draft", "", PageStatus::Draft))
        .await
        .expect("created");
    assert_eq!(heard(), [], "a draft shows nowhere");
    newsroom
        .update_page(&admin, id, edit("draft", "Draft", "x", PageStatus::Draft))
        .await
        .expect("saved");
    assert_eq!(heard(), [], "nor does its next save");
    newsroom.set_page_status(&admin, id, PageStatus::Published).await.expect("published");
    assert_eq!(heard(), [Change::Catalog]);
    newsroom
        .update_page(&admin, id, edit("draft", "Live", "x", PageStatus::Published))
        .await
        .expect("updated");
    assert_eq!(heard(), [Change::Catalog]);
    let menu = Menu { name: MenuName::Footer, language: "en".into(), items: vec![] };
    newsroom.save_menu(&admin, menu).await.expect("menu");
    assert_eq!(heard(), [Change::Catalog]);
    newsroom.reset_menu(&admin, MenuName::Footer, "en").await.expect("reset");
    assert_eq!(heard(), [Change::Catalog]);
    newsroom.delete_page(&admin, id).await.expect("deleted");
    assert_eq!(heard(), [Change::Catalog]);
}

async fn page_addresses_are_checked(db: &TestDb) {
    let newsroom = fixture(db).await;
    let editor = person(&newsroom, "ed@example.com", Role::Editor).await;
    newsroom
        .create_page(&editor, edit("about", "About", "", PageStatus::Draft))
        .await
        .expect("created");
    for (address, why) in
        [("about", "another page's"), ("admin", "a route's"), ("ur", "an edition's")]
    {
        let refused =
            newsroom.create_page(&editor, edit(address, "Clash", "", PageStatus::Draft)).await;
        assert!(
            matches!(refused, Err(Error::Invalid(ref i)) if i.field == "slug"),
            "{why}: {refused:?}"
        );
    }
    let mut urdu = edit("hamare-bare-mein", "ہمارے بارے میں", "", PageStatus::Published);
    urdu.language = Some("ur".into());
    let id = newsroom.create_page(&editor, urdu.clone()).await.expect("an Urdu page");
    let page = db.store().editable_page(id).await.expect("query").expect("page");
    assert_eq!(page.language.as_deref(), Some("ur"));
    urdu.language = Some("fr".into());
    let refused = newsroom.update_page(&editor, id, urdu).await;
    assert!(matches!(refused, Err(Error::Invalid(ref i)) if i.field == "language"), "{refused:?}");
}
