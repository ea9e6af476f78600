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
    let tag_page = site.get(&format!("/tag/{}", tag.url_encoded())).await;
    assert_eq!(tag_page.status, StatusCode::OK);
    assert!(
        tag_page.body.contains(HEADLINE),
        "the tag page lists the article"
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
