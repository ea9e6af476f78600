//! Names per language through the real router, on both databases: the Urdu edition names
//! sections, tags and authors in Urdu wherever they appear (menu, lists, cards, article pages,
//! feeds, JSON-LD, OpenGraph), the English edition keeps English, and admins and authors set
//! the Urdu names through their forms, which purge the rendered pages.

use crate::support::{Site, get_as, post_as, signed_in, signed_in_as, site};
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_core::content::SectionInput;
use lede_core::names::{LocalName, Named};
use lede_store::test_support::{TestDb, article, slug};

lede_store::on_both_databases!(
    the_urdu_edition_names_the_catalog_in_urdu_and_english_keeps_english,
    an_urdu_author_page_shows_the_urdu_name_and_bio,
    an_admin_names_a_section_in_urdu_through_the_form,
    a_person_gives_their_byline_in_urdu_on_their_profile,
    an_admin_gives_the_urdu_edition_its_own_tagline,
);

/// Politics on the menu's top level, named in Urdu, with an Urdu article in it by Maya Chen
/// (named in Urdu too), tagged river (named in Urdu).
async fn urdu_names(site: &Site) {
    let newsroom = &site.newsroom;
    let politics = SectionInput {
        slug: slug("politics"),
        name: "Politics".into(),
        description: "Politics from Northbridge.".into(),
        parent: None,
    };
    newsroom.save_section(politics, 1).await.expect("politics at the top");
    let urdu = |name: &str, text: &str| vec![LocalName::new("ur", name, text)];
    newsroom
        .save_local_names(Named::Section, &slug("politics"), urdu("سیاست", "شہر کی سیاست"))
        .await
        .expect("section");
    newsroom.save_local_names(Named::Tag, &slug("river"), urdu("دریا", "")).await.expect("tag");
    newsroom
        .save_local_names(
            Named::Author,
            &slug("maya-chen"),
            urdu("مایا چن", "مایا شہر پر لکھتی ہیں۔"),
        )
        .await
        .expect("author");
    let mut input = article(
        "budget-in-urdu",
        "بجٹ منظور ہو گیا",
        "politics",
        &["maya-chen"],
        &["river"],
        "کونسل نے بجٹ منظور کر لیا۔",
    );
    input.language = "ur".into();
    let id = newsroom.save_article(None, input).await.expect("save");
    newsroom.publish_article(id, None).await.expect("publish");
}

fn menu(page: &crate::support::Page) -> Vec<String> {
    page.texts(".sections-nav a")
}

async fn the_urdu_edition_names_the_catalog_in_urdu_and_english_keeps_english(db: &TestDb) {
    let site = site(db).await;
    urdu_names(&site).await;

    let home = site.get("/ur/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(menu(&home).contains(&"سیاست".to_owned()), "{:?}", menu(&home));
    assert!(!menu(&home).contains(&"Politics".to_owned()), "{:?}", menu(&home));
    assert!(home.texts(".section-block .feed-title").contains(&"سیاست".to_owned()));
    assert!(home.texts(".kicker a").contains(&"سیاست".to_owned()), "the card's section");
    assert!(home.body.contains("مایا چن"), "the card's byline");
    let english = site.get("/").await;
    assert!(menu(&english).contains(&"Politics".to_owned()), "{:?}", menu(&english));
    assert!(!english.body.contains("سیاست"), "the English edition keeps English");

    let section = site.get("/ur/section/politics").await;
    assert_eq!(section.text("h1"), "سیاست");
    assert!(section.body.contains("شہر کی سیاست"), "the description");
    let section = site.get("/section/politics").await;
    assert_eq!(section.text("h1"), "Politics");
    let tag = site.get("/ur/tag/river").await;
    assert_eq!(tag.text("h1"), "دریا");

    let page = site.get("/articles/budget-in-urdu").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(menu(&page).contains(&"سیاست".to_owned()), "an Urdu article's menu");
    assert_eq!(page.attr("meta[property='article:section']", "content"), "سیاست");
    let json_ld = page.texts("script[type='application/ld+json']").join(" ");
    assert!(json_ld.contains(r#""articleSection":"سیاست""#), "{json_ld}");
    assert!(json_ld.contains(r#""name":"مایا چن""#), "the author: {json_ld}");
    assert!(page.body.contains("دریا"), "the tag");
    assert!(!page.body.contains("Maya Chen writes"), "the author box's bio is the Urdu one");
    let english_article = site.get("/articles/budget-vote-passes").await;
    assert_eq!(english_article.attr("meta[property='article:section']", "content"), "Politics");
    assert!(english_article.body.contains("Maya Chen"));

    let feed = site.get("/ur/rss.xml").await;
    let channel = feed_rs::parser::parse(feed.body.as_bytes()).expect("a valid RSS feed");
    let categories: Vec<&str> =
        channel.entries[0].categories.iter().map(|c| c.term.as_str()).collect();
    assert!(categories.contains(&"سیاست") && categories.contains(&"دریا"), "{categories:?}");
    let feed = site.get("/ur/section/politics/atom.xml").await;
    let channel = feed_rs::parser::parse(feed.body.as_bytes()).expect("a valid Atom feed");
    assert!(channel.title.expect("a title").content.contains("سیاست"));
}

async fn an_urdu_author_page_shows_the_urdu_name_and_bio(db: &TestDb) {
    let site = site(db).await;
    urdu_names(&site).await;
    let page = site.get("/ur/author/maya-chen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("h1"), "مایا چن");
    assert_eq!(page.text(".author-header .p-note"), "مایا شہر پر لکھتی ہیں۔");
    assert_eq!(page.attr("meta[property='og:description']", "content"), "مایا شہر پر لکھتی ہیں۔");
    let english = site.get("/author/maya-chen").await;
    assert_eq!(english.text("h1"), "Maya Chen");
    assert_eq!(english.text(".author-header .p-note"), "Maya Chen writes about the city.");
    // Without an Urdu bio, the Urdu page falls back to the English one.
    let jonas = site.get("/ur/author/jonas-berg").await;
    assert_eq!(jonas.text(".author-header .p-note"), "Jonas Berg writes about the city.");
}

async fn an_admin_names_a_section_in_urdu_through_the_form(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let news = site.newsroom.store().section_by_slug("news").await.expect("q").expect("news");
    let path = format!("/admin/sections/{}", news.id.0);
    let form = get_as(&site, &path, &cookie).await;
    assert_eq!(form.text("label[for='name-ur']"), "Name in اردو");
    assert_eq!(form.text("label[for='description-ur']"), "Description in اردو");
    assert_eq!(form.attr("input#name-ur", "dir"), "rtl");
    // The edition's front page is rendered and kept before the change.
    assert!(menu(&site.get("/ur/").await).contains(&"News".to_owned()));
    assert!(menu(&site.get("/ur/").await).contains(&"News".to_owned()));

    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("name", "News"),
        ("parent", ""),
        ("position", "0"),
        ("description", "News from Northbridge."),
        ("name-ur", "خبریں"),
        ("description-ur", "تازہ ترین خبریں"),
    ];
    let saved = post_as(&site, &path, &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let home = site.get("/ur/").await;
    assert!(menu(&home).contains(&"خبریں".to_owned()), "purged: {:?}", menu(&home));
    assert!(menu(&site.get("/").await).contains(&"News".to_owned()), "English keeps English");
    let form = get_as(&site, &path, &cookie).await;
    assert_eq!(form.attr("input#name-ur", "value"), "خبریں");
    assert_eq!(form.text("textarea#description-ur"), "تازہ ترین خبریں");

    // A name too long comes back with the form, as typed; nothing is saved.
    let long = "خ".repeat(101);
    fields[5] = ("name-ur", long.as_str());
    let refused = post_as(&site, &path, &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.attr("input#name-ur", "value"), long);
    assert!(menu(&site.get("/ur/").await).contains(&"خبریں".to_owned()));

    // Emptied, the Urdu name goes and the edition falls back to English.
    fields[5] = ("name-ur", "");
    fields[6] = ("description-ur", "");
    let saved = post_as(&site, &path, &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert!(menu(&site.get("/ur/").await).contains(&"News".to_owned()));
}

async fn a_person_gives_their_byline_in_urdu_on_their_profile(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let profile = get_as(&site, "/admin/profile", &cookie).await;
    assert_eq!(profile.text("label[for='name-ur']"), "Name in اردو");
    assert_eq!(profile.text("label[for='bio-ur']"), "Bio in اردو");
    let fields = [
        ("csrf", csrf.as_str()),
        ("name", "Maya Chen"),
        ("bio", "Maya Chen writes about the city."),
        ("website", ""),
        ("name-ur", "مایا چن"),
        ("bio-ur", "مایا شہر کے بارے میں لکھتی ہیں۔"),
    ];
    let saved = post_as(&site, "/admin/profile", &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = site.get("/ur/author/maya-chen").await;
    assert_eq!(page.text("h1"), "مایا چن");
    assert_eq!(page.text(".author-header .p-note"), "مایا شہر کے بارے میں لکھتی ہیں۔");
    assert_eq!(site.get("/author/maya-chen").await.text("h1"), "Maya Chen");
    let profile = get_as(&site, "/admin/profile", &cookie).await;
    assert_eq!(profile.attr("input#name-ur", "value"), "مایا چن");
}

/// The tagline under the site's name follows the edition: an admin writes the Urdu one on the
/// settings page, /ur/ shows it at once (and describes itself by it), / keeps the English.
async fn an_admin_gives_the_urdu_edition_its_own_tagline(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ada Admin", Role::Admin).await;
    assert_eq!(site.get("/ur/").await.text(".tagline"), "Tests", "the default's, to begin with");
    let form = get_as(&site, "/admin/settings", &cookie).await;
    assert_eq!(form.attr("#tagline-ur", "dir"), "rtl");
    let tagline = "شہر کی خبریں";
    let fields = [("csrf", csrf.as_str()), ("name", "Northbridge Test"), ("tagline", "Tests")];
    let mut with_urdu = fields.to_vec();
    with_urdu.push(("tagline-ur", tagline));
    let saved = post_as(&site, "/admin/settings", &cookie, &with_urdu).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let urdu = site.get("/ur/").await;
    assert_eq!(urdu.text(".tagline"), tagline);
    assert_eq!(urdu.attr("meta[name=description]", "content"), tagline);
    assert_eq!(site.get("/").await.text(".tagline"), "Tests");
    let again = get_as(&site, "/admin/settings", &cookie).await;
    assert_eq!(again.attr("#tagline-ur", "value"), tagline, "shown to edit");
    let mut too_long = fields.to_vec();
    let long = "خ".repeat(201);
    too_long.push(("tagline-ur", &long));
    let refused = post_as(&site, "/admin/settings", &cookie, &too_long).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.attr("#tagline-ur", "value"), long, "input kept");
}
