//! The Urdu side of the site through the real router, on both databases: Urdu addresses
//! and tags made from Urdu headlines, and search that knows Arabic-script spellings.

use crate::support::{editor_fields, post_as, signed_in_as};
use crate::support::{encode, site};
use axum::http::StatusCode;
use lede_core::Slug;
use lede_core::account::Role;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    an_urdu_headline_and_tag_make_urdu_addresses,
    search_finds_urdu_in_any_spelling,
    the_urdu_edition_lists_only_urdu_articles_in_urdu_words,
    a_language_the_site_does_not_publish_in_is_refused_by_name,
);

const HEADLINE: &str = "ساحلی پٹی پر ۱۲ نئے اسکول";

async fn publish_urdu_article(site: &crate::support::Site) {
    let (cookie, csrf) = signed_in_as(site, "Ayesha Siddiqui", Role::Author).await;
    let body = "بلدیہ نے 12 نئے اسکولوں کی منظوری دے دی۔ پاکستانی کمیونٹی نے خیر مقدم کیا۔";
    let mut fields = editor_fields(&csrf, "publish", HEADLINE, body);
    fields.retain(|(name, _)| !matches!(*name, "tags" | "language"));
    fields.push(("tags", "تعلیم"));
    fields.push(("language", "ur"));
    let published = post_as(site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
}

async fn an_urdu_headline_and_tag_make_urdu_addresses(db: &TestDb) {
    let site = site(db).await;
    publish_urdu_article(&site).await;
    let slug = Slug::from_title(HEADLINE).expect("a slug from Urdu letters");
    assert_eq!(slug.as_str(), "ساحلی-پٹی-پر-12-نئے-اسکول");
    let path = format!("/articles/{}", slug.url_encoded());
    let page = site.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    assert_eq!(page.text("h1.headline"), HEADLINE);
    assert_eq!(page.attr("h1.headline", "dir"), "rtl");

    let tag = Slug::from_title("تعلیم").expect("an Urdu tag");
    let tag_page = site.get(&format!("/ur/tag/{}", tag.url_encoded())).await;
    assert_eq!(tag_page.status, StatusCode::OK);
    assert!(
        tag_page.body.contains(HEADLINE),
        "the Urdu edition's tag page lists the article"
    );
}

async fn search_finds_urdu_in_any_spelling(db: &TestDb) {
    let site = site(db).await;
    publish_urdu_article(&site).await;
    // ۱۲ finds 12; Arabic ي and ك find Urdu ی and ک.
    for query in ["۱۲", "پاكستاني", "اسکول"] {
        let page = site.get(&format!("/search?q={}", encode(query))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(HEADLINE), "searching {query}");
    }
}

async fn the_urdu_edition_lists_only_urdu_articles_in_urdu_words(db: &TestDb) {
    let site = site(db).await;
    publish_urdu_article(&site).await;
    let moved = site.get("/ur").await;
    assert_eq!(
        (moved.status, moved.location()),
        (StatusCode::PERMANENT_REDIRECT, "/ur/")
    );

    let home = site.get("/ur/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.attr("html", "lang"), "ur");
    assert_eq!(home.attr("html", "dir"), "rtl");
    let articles: Vec<String> = home
        .attrs("a[href^='/articles/']", "href")
        .into_iter()
        .collect();
    assert!(!articles.is_empty(), "the edition lists its articles");
    let urdu = format!(
        "/articles/{}",
        Slug::from_title(HEADLINE).expect("slug").url_encoded()
    );
    assert!(
        articles.iter().all(|href| *href == urdu),
        "only Urdu articles: {articles:?}"
    );
    assert!(
        home.attrs(".sections-nav a", "href")
            .iter()
            .skip(1)
            .all(|h| h.starts_with("/ur/section/")),
        "the section menu stays in the edition"
    );

    let english = site.get("/").await;
    assert!(
        !english.body.contains(HEADLINE),
        "the English front page keeps to English"
    );
    assert!(
        english.attrs("a", "href").contains(&"/ur/".to_owned()),
        "English offers Urdu"
    );

    let feed = site.get("/ur/rss.xml").await;
    assert_eq!(feed.status, StatusCode::OK);
    let channel = feed_rs::parser::parse(feed.body.as_bytes()).expect("a valid RSS feed");
    assert_eq!(channel.language.as_deref(), Some("ur"));
    assert_eq!(channel.entries.len(), 1, "only the Urdu article");

    let search = site.get(&format!("/ur/search?q={}", encode("اسکول"))).await;
    assert!(search.body.contains(HEADLINE));
    let english_only = site
        .get(&format!("/search?q={}&language=en", encode("اسکول")))
        .await;
    assert!(
        !english_only.body.contains(HEADLINE),
        "the language filter keeps to English"
    );
}

async fn a_language_the_site_does_not_publish_in_is_refused_by_name(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Author).await;
    let mut fields = editor_fields(&csrf, "publish", "Typed by hand", "Words.");
    fields.retain(|(name, _)| *name != "language");
    fields.push(("language", "Urdu"));
    let refused = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("not a language tag"),
        "{}",
        refused.body
    );
    let search = site.get("/search?q=x&language=fr").await;
    assert_eq!(search.status, StatusCode::BAD_REQUEST);
}
