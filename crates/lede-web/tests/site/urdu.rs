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
    the_urdu_edition_lists_only_urdu_articles_in_urdu_words,
    a_language_the_site_does_not_publish_in_is_refused_by_name,
    an_urdu_article_page_speaks_urdu_around_the_article,
    a_name_in_a_byline_is_escaped,
    an_urdu_article_is_dated_in_urdu_and_read_at_urdu_speed,
    publish_at_is_read_and_shown_in_the_site_time_zone,
    archive_days_and_search_dates_follow_the_site_time_zone,
    a_translated_pair_links_both_ways,
    a_person_who_picks_urdu_gets_an_urdu_newsroom,
    a_refused_comment_on_an_urdu_article_is_refused_in_urdu,
    the_urdu_edition_says_its_errors_and_archive_headings_in_urdu,
    more_from_author_keeps_to_the_article_language,
);

/// Urdu's `validation-required`, which the domain's "This field is required." becomes.
const URDU_REQUIRED: &str = "یہ خانہ پُر کرنا ضروری ہے۔";

async fn a_person_who_picks_urdu_gets_an_urdu_newsroom(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Editor).await;
    let profile = get_as(&site, "/admin/profile", &cookie).await;
    assert_eq!(profile.attr("html", "lang"), "en", "the site's default language at first");
    assert_eq!(profile.attrs("select#language option", "value"), ["en", "ur"]);
    assert_eq!(profile.texts("select#language option"), ["English", "اردو"], "each in itself");
    assert_eq!(profile.attr("select#language option[selected]", "value"), "en");

    let form = |language| {
        vec![
            ("csrf", csrf.as_str()),
            ("name", "Ayesha Siddiqui"),
            ("bio", ""),
            ("website", ""),
            ("language", language),
        ]
    };
    let refused = post_as(&site, "/admin/profile", &cookie, &form("fr")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "a language Lede does not ship");
    let saved = post_as(&site, "/admin/profile", &cookie, &form("ur")).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    let profile = get_as(&site, "/admin/profile", &cookie).await;
    assert_eq!(
        (profile.attr("html", "lang"), profile.attr("html", "dir")),
        ("ur".into(), "rtl".into())
    );
    assert_eq!(profile.text("h1"), "آپ کا پروفائل");
    assert!(profile.texts(".sections-nav a").contains(&"خبریں".to_owned()), "the menu too");
    assert_eq!(profile.attr("select#language option[selected]", "value"), "ur");

    // A form error the domain writes, in Urdu: an article without a headline.
    let mut fields = editor_fields(&csrf, "save", "", "Words.");
    fields.retain(|(name, _)| *name != "slug");
    fields.push(("slug", "a-draft"));
    let blank = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank.attr("html", "dir"), "rtl");
    assert!(blank.text(".form-errors").contains(URDU_REQUIRED), "{}", blank.text(".form-errors"));

    // A role refusal (an error page the middleware renders), with the role's Urdu name.
    let people = get_as(&site, "/admin/people", &cookie).await;
    assert_eq!(people.status, StatusCode::FORBIDDEN);
    assert_eq!(people.attr("html", "lang"), "ur");
    assert!(people.body.contains("آپ کا کردار (ایڈیٹر)"), "{}", people.body);

    // Others keep the site's default; signed out, the sign-in page speaks it too.
    let (other, _) = signed_in_as(&site, "Jonas Berg", Role::Author).await;
    assert_eq!(get_as(&site, "/admin/profile", &other).await.attr("html", "lang"), "en");
    let sign_in = site
        .post_form("/admin/sign-in", &[("email", "x@example.com"), ("password", "wrong")])
        .await;
    assert_eq!(
        (sign_in.status, sign_in.attr("html", "lang")),
        (StatusCode::UNAUTHORIZED, "en".into())
    );
}

async fn a_refused_comment_on_an_urdu_article_is_refused_in_urdu(db: &TestDb) {
    let site = site(db).await;
    publish_urdu_article(&site).await;
    let path = format!("/articles/{}", Slug::from_title(HEADLINE).expect("slug").url_encoded());
    let token = site.get(&path).await.attr("form.comment-form input[name=token]", "value");
    db.clock.advance(time::Duration::seconds(30));
    let fields = [
        ("token", token.as_str()),
        ("name", "عائشہ"),
        ("email", "not-an-email"),
        ("website", ""),
        ("text", "  "),
        ("homepage", ""),
    ];
    let refused = site.post_form(&format!("{path}/comments"), &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.attr("html", "lang"), "ur");
    assert_eq!(refused.text("#comment-text-error"), URDU_REQUIRED);
    assert!(refused.text("#comment-email-error").contains("درست ای میل ایڈریس لکھیں"));
}

async fn the_urdu_edition_says_its_errors_and_archive_headings_in_urdu(db: &TestDb) {
    let site = site(db).await;
    publish_urdu_article(&site).await;
    let bad = site.get("/ur/search?q=x&from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!((bad.attr("html", "lang"), bad.attr("html", "dir")), ("ur".into(), "rtl".into()));
    assert!(bad.body.contains("yesterday") && bad.body.contains("تاریخ"), "{}", bad.body);
    let english = site.get("/search?q=x&from=yesterday").await;
    assert_eq!(english.attr("html", "lang"), "en");

    let month = site.get("/ur/archive/2026/11").await;
    assert_eq!(month.status, StatusCode::OK);
    assert!(month.text("h1").contains("نومبر"), "{}", month.text("h1"));
    assert_eq!(site.get("/archive/2026/11").await.text("h1"), "November 2026");
}

const HEADLINE: &str = "ساحلی پٹی پر ۱۲ نئے اسکول";

const BODY: &str = "بلدیہ نے 12 نئے اسکولوں کی منظوری دے دی۔ پاکستانی کمیونٹی نے خیر مقدم کیا۔";

async fn publish_urdu_article(site: &crate::support::Site) {
    publish_urdu_article_with(site, BODY).await;
}

async fn publish_urdu_article_with(site: &crate::support::Site, body: &str) {
    let (cookie, csrf) = signed_in_as(site, "Ayesha Siddiqui", Role::Author).await;
    publish_urdu_as(site, &cookie, &csrf, body).await;
}

async fn publish_urdu_as(site: &crate::support::Site, cookie: &str, csrf: &str, body: &str) {
    let mut fields = editor_fields(csrf, "publish", HEADLINE, body);
    fields.retain(|(name, _)| !matches!(*name, "tags" | "language"));
    fields.push(("tags", "تعلیم"));
    fields.push(("language", "ur"));
    let published = post_as(site, "/admin/articles/new", cookie, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
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
    assert!(tag_page.body.contains(HEADLINE), "the Urdu edition's tag page lists the article");
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
    assert_eq!((moved.status, moved.location()), (StatusCode::PERMANENT_REDIRECT, "/ur/"));

    let home = site.get("/ur/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.attr("html", "lang"), "ur");
    assert_eq!(home.attr("html", "dir"), "rtl");
    let articles: Vec<String> = home.attrs("a[href^='/articles/']", "href").into_iter().collect();
    assert!(!articles.is_empty(), "the edition lists its articles");
    let urdu = format!("/articles/{}", Slug::from_title(HEADLINE).expect("slug").url_encoded());
    assert!(articles.iter().all(|href| *href == urdu), "only Urdu articles: {articles:?}");
    assert!(
        home.attrs(".sections-nav a", "href").iter().skip(1).all(|h| h.starts_with("/ur/section/")),
        "the section menu stays in the edition"
    );
    let onward = home.attrs("main a[href^='/'][rel=author], main .kicker a", "href");
    assert!(!onward.is_empty(), "cards lead on to sections and authors");
    assert!(onward.iter().all(|h| h.starts_with("/ur/")), "and stay in the edition: {onward:?}");
    let story = site.get(&urdu).await;
    for link in ["a.p-category", "a[rel=author]", ".author-name a"] {
        let hrefs = story.attrs(link, "href");
        assert!(
            !hrefs.is_empty() && hrefs.iter().all(|h| h.starts_with("/ur/")),
            "{link}: {hrefs:?}"
        );
    }
    let english_story = site.get("/articles/river-clean-up").await;
    assert!(english_story.attrs("a.p-category", "href").iter().all(|h| !h.starts_with("/ur/")));

    let english = site.get("/").await;
    assert!(!english.body.contains(HEADLINE), "the English front page keeps to English");
    assert!(english.attrs("a", "href").contains(&"/ur/".to_owned()), "English offers Urdu");

    let feed = site.get("/ur/rss.xml").await;
    assert_eq!(feed.status, StatusCode::OK);
    let channel = feed_rs::parser::parse(feed.body.as_bytes()).expect("a valid RSS feed");
    assert_eq!(channel.language.as_deref(), Some("ur"));
    assert_eq!(channel.entries.len(), 1, "only the Urdu article");

    let search = site.get(&format!("/ur/search?q={}", encode("اسکول"))).await;
    assert!(search.body.contains(HEADLINE));
    let english_only = site.get(&format!("/search?q={}&language=en", encode("اسکول"))).await;
    assert!(!english_only.body.contains(HEADLINE), "the language filter keeps to English");
}

async fn a_language_the_site_does_not_publish_in_is_refused_by_name(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Author).await;
    let editor = get_as(&site, "/admin/articles/new", &cookie).await;
    assert_eq!(
        editor.attrs("select#language option", "value"),
        ["en", "ur"],
        "the editor offers the site's languages, the default first"
    );
    let mut fields = editor_fields(&csrf, "publish", "Typed by hand", "Words.");
    fields.retain(|(name, _)| *name != "language");
    fields.push(("language", "Urdu"));
    let refused = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("not a language tag"), "{}", refused.body);
    let search = site.get("/search?q=x&language=fr").await;
    assert_eq!(search.status, StatusCode::BAD_REQUEST);
}

/// The page's own words around an Urdu article are Urdu: every text node and every
/// aria-label, placeholder and alt outside the article's content, headline, standfirst and the
/// site's name. The English page keeps its English words.
async fn an_urdu_article_page_speaks_urdu_around_the_article(db: &TestDb) {
    let site = site(db).await;
    publish_urdu_article(&site).await;
    let slug = Slug::from_title(HEADLINE).expect("a slug");
    let page = site.get(&format!("/articles/{}", slug.url_encoded())).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.attr("html", "lang"), "ur");
    assert_eq!(page.attr("html", "dir"), "rtl");

    let html = page.html();
    let content = ["e-content", "headline", "standfirst", "site-name"];
    let mut words = Vec::new();
    for node in html.root_element().descendants() {
        let inside_content = node.ancestors().chain(std::iter::once(node)).any(|n| {
            n.value().as_element().is_some_and(|e| {
                matches!(e.name(), "script" | "style" | "head")
                    || e.classes().any(|c| content.contains(&c))
            })
        });
        if inside_content {
            continue;
        }
        match node.value() {
            scraper::Node::Text(text) => words.push(text.to_string()),
            scraper::Node::Element(element) => {
                for name in ["aria-label", "placeholder", "alt", "title"] {
                    if let Some(value) = element.attr(name) {
                        words.push(value.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    let words = words.join(" ");
    for english in [
        "min read",
        "Add yours",
        "You May Also Like",
        "More From Author",
        "There are no comments",
        "Comments",
        "Search",
    ] {
        assert!(!words.contains(english), "{english:?} on the Urdu page, in: {words}");
    }
    assert!(words.contains("تبصرے"), "the comments heading is Urdu");

    let english = site.get("/articles/river-floods-saltmarsh").await;
    assert_eq!(english.attr("html", "lang"), "en");
    assert_eq!(english.attr("html", "dir"), "ltr");
    assert!(english.text(".reading-time").ends_with("min read"));
    assert_eq!(english.text("#comments-title"), "Comments");
}

/// Names reach bylines as text: the Fluent message that wraps the authors' links never
/// lets a name's markup through, in either language.
/// "More From Author" keeps to the article's language: an Urdu reader is not sent to the
/// author's English pieces, nor an English reader to the Urdu ones.
async fn more_from_author_keeps_to_the_article_language(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Author).await;
    publish_urdu_as(&site, &cookie, &csrf, BODY).await;
    for headline in ["Harbour schools open", "Harbour schools fill up"] {
        let fields = editor_fields(&csrf, "publish", headline, "English words about schools.");
        let published = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
    }
    let slug = Slug::from_title(HEADLINE).expect("a slug");
    let urdu = site.get(&format!("/articles/{}", slug.url_encoded())).await;
    let offered = urdu.attrs(".more-from-author .card-title a", "href");
    assert!(offered.is_empty(), "English pieces offered to Urdu readers: {offered:?}");
    // The English piece offers its sibling (as related or as more from the author), never the
    // Urdu one.
    let english = site.get("/articles/harbour-schools-open").await;
    let offered = english.attrs(".related .card-title a, .more-from-author .card-title a", "href");
    assert!(offered.contains(&"/articles/harbour-schools-fill-up".to_owned()), "{offered:?}");
    let urdu_path = format!("/articles/{}", slug.url_encoded());
    assert!(!offered.contains(&urdu_path), "{offered:?}");
}

async fn a_name_in_a_byline_is_escaped(db: &TestDb) {
    const NAME: &str = "Eve <script>alert(1)</script>";
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, NAME, Role::Author).await;
    for (language, headline) in [("en", "Harbour opens"), ("ur", "بندرگاہ کھل گئی")] {
        let mut fields = editor_fields(&csrf, "publish", headline, "Text.");
        fields.retain(|(name, _)| *name != "language");
        fields.push(("language", language));
        let published = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
        let slug = Slug::from_title(headline).expect("a slug");
        let page = site.get(&format!("/articles/{}", slug.url_encoded())).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains("<script>alert(1)"),
            "{language}: the name's markup is escaped"
        );
        assert!(
            page.body.contains("<bdi>Eve &lt;script&gt;alert(1)&lt;/script&gt;</bdi>"),
            "{language}: the byline shows the name as text"
        );
        assert_eq!(page.text(".byline .by a[rel=author]"), NAME, "{language}");
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
    let karachi =
        SiteSettings { time_zone: SiteZone::named("Asia/Karachi").expect("a zone"), ..settings() };
    let site = site_with(db, newsroom, karachi).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Editor).await;
    let form = get_as(&site, "/admin/articles/new", &cookie).await;
    assert!(
        form.texts("form.editor label").iter().any(|l| l == "Publish at (Asia/Karachi)"),
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

/// A day is the site's day: an article published at 12:00 UTC on 27 November is on the 28th in
/// Kiritimati (UTC+14), in its day archive and for a search "from" the 28th.
async fn archive_days_and_search_dates_follow_the_site_time_zone(db: &TestDb) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let utc_site = site_with(db, newsroom.clone(), settings()).await;
    let river = "Volunteers clean up the river banks";
    let titles = |page: &crate::support::Page| page.texts(".card-title");
    assert!(titles(&utc_site.get("/archive/2026/11/27").await).iter().any(|t| t == river));
    assert!(!titles(&utc_site.get("/archive/2026/11/28").await).iter().any(|t| t == river));

    let kiritimati = SiteSettings {
        time_zone: SiteZone::named("Pacific/Kiritimati").expect("a zone"),
        ..settings()
    };
    let site = site_with(db, newsroom, kiritimati).await;
    assert!(titles(&site.get("/archive/2026/11/28").await).iter().any(|t| t == river));
    assert!(!titles(&site.get("/archive/2026/11/27").await).iter().any(|t| t == river));
    let found = site.get("/search?q=river&from=2026-11-28&to=2026-11-28").await;
    assert_eq!(found.texts(".search-result .card-title"), [river]);
}

/// A translated pair links both ways: `hreflang` alternates (and `x-default`), a visible link
/// in the other language's own words, OpenGraph locales and JSON-LD translation links.
async fn a_translated_pair_links_both_ways(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Ayesha Siddiqui", Role::Author).await;
    // The original is read (and its page kept) before it has a translation.
    let before = site.get("/articles/river-clean-up").await;
    assert_eq!(before.count(".translations a"), 0);
    let mut fields = editor_fields(&csrf, "publish", HEADLINE, "دریا کے کنارے صفائی۔");
    fields.retain(|(name, _)| !matches!(*name, "tags" | "language"));
    fields.push(("language", "ur"));
    fields.push(("translation_of", "river-clean-up"));
    let published = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);

    let english_url = "http://127.0.0.1:8080/articles/river-clean-up";
    let urdu_path = article_path();
    let urdu = site.get(&urdu_path).await;
    let english = site.get("/articles/river-clean-up").await;
    for (page, other, own) in [(&urdu, "en", "ur"), (&english, "ur", "en")] {
        let hreflangs = page.attrs("link[rel=alternate][hreflang]", "hreflang");
        assert_eq!(
            hreflangs,
            [own, other, "x-default"],
            "{own}: this page, the other, the default"
        );
        assert_eq!(page.attr("meta[property='og:locale']", "content"), own);
        assert_eq!(page.attr("meta[property='og:locale:alternate']", "content"), other);
    }
    assert_eq!(
        urdu.attr("link[hreflang=x-default]", "href"),
        english_url,
        "English is the default"
    );
    // The header belongs to the story's edition, and its language switch leads to the
    // story's other version rather than the other front page.
    assert_eq!(urdu.attr("a.site-name", "href"), "/ur/");
    assert_eq!(urdu.attr("nav.editions a[hreflang=en]", "href"), "/articles/river-clean-up");
    assert_eq!(english.attr("a.site-name", "href"), "/");
    assert_eq!(english.attr("nav.editions a[hreflang=ur]", "href"), urdu_path);
    assert_eq!(urdu.attr(".translations a", "hreflang"), "en");
    assert_eq!(urdu.text(".translations a"), "Read this in English");
    assert_eq!(english.text(".translations a"), "یہ خبر اردو میں پڑھیں");
    assert!(urdu.body.contains("\"translationOfWork\""), "the Urdu article names its original");
    assert!(english.body.contains("\"workTranslation\""), "the original names its translation");

    // The articles sitemap lists both versions under each, itself included.
    let sitemap = site.get("/sitemaps/articles-1.xml").await.body;
    let urdu_url = format!("http://127.0.0.1:8080{urdu_path}");
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let xhtml = "http://www.w3.org/1999/xhtml";
    for loc in [english_url, urdu_url.as_str()] {
        let url = doc
            .descendants()
            .find(|n| {
                n.has_tag_name("url")
                    && n.children().any(|c| c.has_tag_name("loc") && c.text() == Some(loc))
            })
            .expect("the article is in the sitemap");
        let alternates: Vec<(&str, &str)> = url
            .children()
            .filter(|c| c.has_tag_name((xhtml, "link")))
            .map(|c| (c.attribute("hreflang").unwrap_or(""), c.attribute("href").unwrap_or("")))
            .collect();
        assert_eq!(alternates, [("en", english_url), ("ur", urdu_url.as_str())], "{loc}");
    }

    // A translation is in another language, of an article that exists.
    for (original, problem) in
        [("budget-vote-passes", "same language"), ("no-such-story", "no article")]
    {
        let mut fields = editor_fields(&csrf, "save", "Another story", "Words.");
        fields.push(("translation_of", original));
        let refused = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{original}");
        assert!(refused.body.contains(problem), "{original}: {}", refused.body);
    }
}
