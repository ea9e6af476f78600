//! The Urdu side of the site through the real router, on both databases: Urdu addresses
//! and tags made from Urdu headlines, search that knows Arabic-script spellings, dates in Urdu
//! and in the site's time zone, and reading time at Urdu's reading speed.

use crate::support::{editor_fields, get_as, post_as, settings, signed_in_as, site_with};
use crate::support::{encode, site};
use axum::http::StatusCode;
use lede_core::Slug;
use lede_core::account::Role;
use lede_core::content::ArticleId;
use lede_store::test_support::{NOW, TestDb, load_fixture};
use lede_web::SiteSettings;
use lede_web::dates::SiteZone;

lede_store::on_both_databases!(
    an_urdu_headline_and_tag_make_urdu_addresses,
    search_finds_urdu_in_any_spelling,
    an_urdu_article_is_dated_in_urdu_and_read_at_urdu_speed,
    publish_at_is_read_and_shown_in_the_site_time_zone,
);

const HEADLINE: &str = "ساحلی پٹی پر ۱۲ نئے اسکول";

const BODY: &str = "بلدیہ نے 12 نئے اسکولوں کی منظوری دے دی۔ پاکستانی کمیونٹی نے خیر مقدم کیا۔";

async fn publish_urdu_article(site: &crate::support::Site) {
    publish_urdu_article_with(site, BODY).await;
}

async fn publish_urdu_article_with(site: &crate::support::Site, body: &str) {
    let (cookie, csrf) = signed_in_as(site, "Ayesha Siddiqui", Role::Author).await;
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

fn article_path() -> String {
    let slug = Slug::from_title(HEADLINE).expect("a slug from Urdu letters");
    format!("/articles/{}", slug.url_encoded())
}

async fn an_urdu_article_is_dated_in_urdu_and_read_at_urdu_speed(db: &TestDb) {
    let site = site(db).await;
    // 460 words: two minutes at English's 230 a minute, three at Urdu's 200.
    let body = "خبر ".repeat(460);
    publish_urdu_article_with(&site, &body).await;
    let page = site.get(&article_path()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(NOW.month(), time::Month::November, "the test clock's month");
    let date = page.text("time.dt-published");
    assert!(
        date.contains("نومبر") && date.contains("28") && date.contains("2026"),
        "CLDR's Urdu month name, in Urdu's default (Latin) digits: {date}"
    );
    assert!(!date.contains("November"), "{date}");
    assert_eq!(
        page.attr("time.dt-published", "datetime"),
        "2026-11-28T12:00:00Z",
        "the machine-readable instant stays UTC"
    );
    let reading = page.text(".reading-time");
    assert!(reading.starts_with("3 "), "{reading}");
}

async fn publish_at_is_read_and_shown_in_the_site_time_zone(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let karachi = SiteSettings {
        time_zone: SiteZone::named("Asia/Karachi").expect("a zone"),
        ..settings()
    };
    let site = site_with(db, newsroom, karachi).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Editor).await;
    let form = get_as(&site, "/admin/articles/new", &cookie).await;
    assert!(
        form.texts("form.editor label")
            .iter()
            .any(|l| l == "Publish at (Asia/Karachi)"),
        "the label names the zone"
    );
    let mut fields = editor_fields(&csrf, "schedule", "Harbour works begin", "Cranes arrive.");
    fields.retain(|(name, _)| *name != "publish_at");
    fields.push(("publish_at", "2026-12-01T09:30"));
    let saved = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let id: i64 = saved
        .location()
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .and_then(|id| id.parse().ok())
        .expect("the article's id in the redirect");
    let stored = site
        .newsroom
        .store()
        .editable_article(ArticleId(id))
        .await
        .expect("read")
        .expect("the article");
    assert_eq!(
        stored.published_at,
        Some(time::macros::datetime!(2026-12-01 04:30 UTC)),
        "09:30 in Karachi (UTC+5) is 04:30 UTC"
    );
    let editor = get_as(&site, &format!("/admin/articles/{id}"), &cookie).await;
    assert_eq!(
        editor.attr("#publish_at", "value"),
        "2026-12-01T09:30",
        "shown again on the site's clock"
    );
}
