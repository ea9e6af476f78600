//! The front page as editors shape it, through the real router on both databases: a top
//! story that keeps the lead, featured articles, a lead without a picture, thumbnails on
//! every card that has one, the breaking-news banner (and its expiry on cached pages), and
//! the article page's two lists: as many "You May Also Like" cards as the site says, none of
//! them again under "More From Author".

use crate::support::*;
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_core::content::FeaturedImage;
use lede_store::test_support::TestDb;
use std::collections::BTreeSet;

lede_store::on_both_databases!(
    a_top_story_stays_first_after_a_newer_article_is_published,
    only_editors_and_admins_are_offered_and_allowed_the_front_page,
    featured_articles_show_under_the_lead,
    cards_show_thumbnails_and_a_lead_without_a_picture_takes_the_width,
    breaking_news_shows_on_every_page_of_its_edition_until_it_expires,
    article_pages_show_the_sites_number_of_related_cards_never_repeated,
);

/// The editor's fields for a stored article as it stands, for a save that changes only what
/// the test adds.
async fn fields_of(site: &Site, slug: &str) -> (i64, Vec<(String, String)>) {
    let store = site.newsroom.store();
    let (id, _) = store.article_state(slug).await.expect("query").expect("article");
    let input = store.editable_article(id).await.expect("query").expect("article").input;
    let mut fields: Vec<(String, String)> = [
        ("headline", input.headline),
        ("standfirst", input.standfirst),
        ("body", input.body_markdown),
        ("slug", input.slug.to_string()),
        ("section", input.section.to_string()),
        ("tags", input.tags.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        ("language", input.language),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    fields.extend(input.authors.iter().map(|a| ("authors".to_owned(), a.to_string())));
    (id.0, fields)
}

/// Saves `slug` from the editor as it stands, with `extra` fields (a checkbox ticked).
async fn save_with(
    site: &Site,
    cookie: &str,
    csrf: &str,
    slug: &str,
    extra: &[(&str, &str)],
) -> Page {
    let (id, fields) = fields_of(site, slug).await;
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    all.extend([("csrf", csrf), ("action", "update")]);
    all.extend(extra);
    post_as(site, &format!("/admin/articles/{id}"), cookie, &all).await
}

/// The articles a page lists, in order, as their addresses.
fn articles_on(page: &Page) -> Vec<String> {
    page.attrs("main article.h-entry .card-title a", "href")
}

async fn a_top_story_stays_first_after_a_newer_article_is_published(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    assert_eq!(site.get("/").await.attr(".lead .card-title a", "href"), "/articles/river-clean-up");
    // The editor pins the oldest story; the front page, kept in the cache, changes at once.
    let saved =
        save_with(&site, &cookie, &csrf, "river-floods-saltmarsh", &[("top_story", "on")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let home = site.get("/").await;
    assert_eq!(articles_on(&home)[0], "/articles/river-floods-saltmarsh", "the top story leads");
    assert_eq!(home.attr(".lead .card-title a", "href"), "/articles/river-floods-saltmarsh");
    // A newer article is published: it tops the latest, not the page.
    let brief = editor_fields(&csrf, "publish", "Harbour ferry timetable changes", "New times.");
    assert_eq!(
        post_as(&site, "/admin/articles/new", &cookie, &brief).await.status,
        StatusCode::SEE_OTHER
    );
    let home = site.get("/").await;
    let listed = articles_on(&home);
    assert_eq!(listed[0], "/articles/river-floods-saltmarsh", "still first: {listed:?}");
    assert_eq!(
        home.attrs(".home-latest .card-title a", "href")[0],
        "/articles/harbour-ferry-timetable-changes"
    );
    let latest = home.attrs(".home-latest .card-title a", "href");
    assert!(!latest.contains(&listed[0]), "not again among the latest: {latest:?}");
    // The editor opens it with the box ticked; pinning another story replaces it.
    let (id, _) = fields_of(&site, "river-floods-saltmarsh").await;
    let editor = get_as(&site, &format!("/admin/articles/{id}"), &cookie).await;
    assert_eq!(editor.attrs("input[name=top_story][checked]", "value"), ["on"]);
    save_with(&site, &cookie, &csrf, "festival-returns", &[("top_story", "on")]).await;
    assert_eq!(
        site.get("/").await.attr(".lead .card-title a", "href"),
        "/articles/festival-returns"
    );
    let editor = get_as(&site, &format!("/admin/articles/{id}"), &cookie).await;
    assert_eq!(editor.count("input[name=top_story][checked]"), 0, "one top story at a time");
    // Unticked, the newest leads again.
    save_with(&site, &cookie, &csrf, "festival-returns", &[]).await;
    let home = site.get("/").await;
    assert_eq!(
        home.attr(".lead .card-title a", "href"),
        "/articles/harbour-ferry-timetable-changes"
    );
}

async fn only_editors_and_admins_are_offered_and_allowed_the_front_page(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let (id, _) = fields_of(&site, "budget-vote-passes").await;
    let editor = get_as(&site, &format!("/admin/articles/{id}"), &cookie).await;
    assert_eq!(editor.status, StatusCode::OK);
    assert_eq!(editor.count("input[name=top_story], input[name=featured]"), 0, "not offered");
    assert_eq!(editor.count("input[name=seo_title]"), 1, "search and social fields are");
    // A box the form never offered is not read: the save goes through, nothing is pinned.
    let saved =
        save_with(&site, &cookie, &csrf, "budget-vote-passes", &[("top_story", "on")]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(site.get("/").await.attr(".lead .card-title a", "href"), "/articles/river-clean-up");
    let (editor_cookie, editor_csrf) = signed_in(&site, Role::Editor).await;
    let editor = get_as(&site, &format!("/admin/articles/{id}"), &editor_cookie).await;
    assert_eq!(editor.count("input[name=top_story]"), 1);
    assert_eq!(editor.count("input[name=featured]"), 1);
    save_with(&site, &editor_cookie, &editor_csrf, "budget-vote-passes", &[("top_story", "on")])
        .await;
    assert_eq!(
        site.get("/").await.attr(".lead .card-title a", "href"),
        "/articles/budget-vote-passes"
    );
    // The author's next save, which offers no choice, keeps the pin.
    let saved = save_with(&site, &cookie, &csrf, "budget-vote-passes", &[]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        site.get("/").await.attr(".lead .card-title a", "href"),
        "/articles/budget-vote-passes"
    );
}

async fn featured_articles_show_under_the_lead(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let home = site.get("/").await;
    assert_eq!(home.count(".featured-feed"), 0, "nothing featured, no row");
    for slug in ["budget-vote-passes", "flood-barrier-plan", "river-clean-up"] {
        save_with(&site, &cookie, &csrf, slug, &[("featured", "on")]).await;
    }
    let home = site.get("/").await;
    assert_eq!(home.text(".featured-feed .feed-title"), "Featured");
    assert_eq!(
        home.attrs(".featured-feed .card-title a", "href"),
        ["/articles/flood-barrier-plan", "/articles/budget-vote-passes"],
        "newest first, and not the lead again"
    );
    let urdu = site.get("/ur/").await;
    assert_eq!(urdu.count(".featured-feed"), 0, "English stories feature in English");
}

async fn cards_show_thumbnails_and_a_lead_without_a_picture_takes_the_width(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let home = site.get("/").await;
    assert_eq!(home.count(".lead.lead-text"), 1, "no picture: the text lead");
    assert_eq!(home.count("img.card-image"), 0);
    // A library photo on an older story: every card of it shows the 480-pixel variant.
    let uploaded = upload_file(
        &site,
        "/admin/media",
        &cookie,
        &csrf,
        "quay.png",
        &png(1200, 800),
        "application/json",
    )
    .await;
    let photo: serde_json::Value = serde_json::from_str(&uploaded.body).expect("JSON");
    let path = photo["path"].as_str().expect("a path").to_owned();
    let store = site.newsroom.store();
    let illustrate = |slug: &'static str, path: String| {
        let site = &site;
        async move {
            let (id, _) = store.article_state(slug).await.expect("query").expect("article");
            let mut input =
                store.editable_article(id).await.expect("query").expect("article").input;
            input.featured_image = Some(FeaturedImage {
                src: path,
                alt: "The quay at dusk".into(),
                ..Default::default()
            });
            site.newsroom.save_article(Some(id), input).await.expect("save");
        }
    };
    illustrate("festival-returns", path.clone()).await;
    let stem = path.trim_end_matches(".png");
    for page in ["/", "/section/culture", "/tag/music", "/author/jonas-berg", "/articles"] {
        let page = site.get(page).await;
        let card = "article.card.has-image img.card-image";
        let sources = page.attrs(card, "src");
        assert!(!sources.is_empty(), "{}", page.body);
        assert!(sources.iter().all(|src| *src == format!("{stem}-480.png")), "{sources:?}");
        assert_eq!(page.attr(card, "width"), "480");
        assert_eq!(page.attr(card, "height"), "320");
        assert_eq!(page.attr(card, "loading"), "lazy");
        assert_eq!(page.attr(card, "alt"), "The quay at dusk");
        assert_eq!(
            page.attr("article.card.has-image source", "srcset"),
            format!("{stem}-480.webp")
        );
    }
    let search = site.get("/search?q=festival").await;
    assert_eq!(search.attr(".search-result.has-image img", "src"), format!("{stem}-480.png"));
    let article = site.get("/articles/river-clean-up").await;
    let related = article.attrs(".related .has-image img.card-image", "src");
    assert!(related.iter().all(|src| src == &format!("{stem}-480.png")), "{related:?}");
    // The lead with a picture: every size, loaded first, beside the text.
    illustrate("river-clean-up", path.clone()).await;
    let home = site.get("/").await;
    assert_eq!(home.count(".lead.lead-text"), 0);
    let lead = ".lead img.card-image";
    assert_eq!(home.attr(lead, "src"), path);
    assert!(home.attr(lead, "srcset").contains(&format!("{stem}-960.png 960w")));
    assert_eq!(
        home.attrs(lead, "loading"),
        Vec::<String>::new(),
        "not lazy: it is the first thing seen"
    );
    assert_eq!(
        (home.attr(lead, "width").as_str(), home.attr(lead, "height").as_str()),
        ("1200", "800")
    );
    let _ = std::fs::remove_dir_all(media_dir);
}

async fn breaking_news_shows_on_every_page_of_its_edition_until_it_expires(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let pages = ["/", "/articles/river-clean-up", "/section/news", "/ur/"];
    for page in pages {
        site.get(page).await;
    }
    let banner = [
        ("csrf", csrf.as_str()),
        ("language", "en"),
        ("text", "Flood warning: the Aln is rising at Saltmarsh"),
        ("link", "/articles/river-floods-saltmarsh"),
        ("until", "2026-11-28T13:00"),
    ];
    // The fixture's clock reads 12:00 UTC: an end in the past is refused, the text kept.
    let mut past = banner;
    past[4] = ("until", "2026-11-28T11:00");
    let refused = post_as(&site, "/admin/breaking", &cookie, &past).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.attr("#text-en", "value"), "Flood warning: the Aln is rising at Saltmarsh");
    assert_eq!(site.get("/").await.count(".breaking"), 0);
    let set = post_as(&site, "/admin/breaking", &cookie, &banner).await;
    assert_eq!((set.status, set.location()), (StatusCode::SEE_OTHER, "/admin/breaking"));
    // Every English page shows it at once, cached before or not; the Urdu edition does not.
    for page in
        ["/", "/articles/river-clean-up", "/section/news", "/search?q=river", "/articles?page=2"]
    {
        let page = site.get(page).await;
        assert_eq!(
            page.text(".breaking a"),
            "Flood warning: the Aln is rising at Saltmarsh",
            "{}",
            page.body
        );
        assert_eq!(page.attr(".breaking a", "href"), "/articles/river-floods-saltmarsh");
    }
    assert_eq!(site.get("/ur/").await.count(".breaking"), 0);
    let admin = get_as(&site, "/admin/breaking", &cookie).await;
    assert_eq!(admin.count("form[action='/admin/breaking/clear'] input[value=en]"), 1);
    // Its time passes: pages rendered now leave it out, and the scheduler's look drops the
    // pages the cache kept with it.
    site.get("/").await;
    db.clock.advance(time::Duration::hours(2));
    assert_eq!(site.get("/").await.count(".breaking"), 1, "the cache kept the page");
    assert_eq!(site.get("/section/culture").await.count(".breaking"), 0, "a new render does not");
    site.state.expire_breaking_news().await;
    for page in ["/", "/articles/river-clean-up", "/section/news"] {
        assert_eq!(site.get(page).await.count(".breaking"), 0, "{page}");
    }
    assert!(site.newsroom.store().breaking_news().await.expect("query").is_empty(), "removed");
    // Put up again and taken down early.
    let mut again = banner;
    again[4] = ("until", "2026-11-28T18:00");
    post_as(&site, "/admin/breaking", &cookie, &again).await;
    assert_eq!(site.get("/").await.count(".breaking"), 1);
    let clear = [("csrf", csrf.as_str()), ("language", "en")];
    assert_eq!(
        post_as(&site, "/admin/breaking/clear", &cookie, &clear).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(site.get("/").await.count(".breaking"), 0);
}

async fn article_pages_show_the_sites_number_of_related_cards_never_repeated(db: &TestDb) {
    let site = site(db).await;
    for slug in ["flood-barrier-plan", "river-floods-saltmarsh", "budget-vote-passes"] {
        let page = site.get(&format!("/articles/{slug}")).await;
        let related: BTreeSet<String> =
            page.attrs(".related .card-title a", "href").into_iter().collect();
        let more: BTreeSet<String> =
            page.attrs(".more-from-author .card-title a", "href").into_iter().collect();
        assert_eq!(related.len(), 3, "{slug}: {related:?}");
        assert!(related.is_disjoint(&more), "{slug}: {related:?} and {more:?}");
    }
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    let settings = get_as(&site, "/admin/settings", &cookie).await;
    assert_eq!(settings.attr("#related_count", "value"), "3");
    let fields = |count: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("name", "Northbridge Test".into()),
            ("tagline", "Tests".into()),
            ("related_count", count.into()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let (site, cookie) = (&site, &cookie);
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post_as(site, "/admin/settings", cookie, &fields).await
        }
    };
    let refused = send(fields("9")).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").contains("from 1 to 6"),
        "{}",
        refused.text(".form-errors")
    );
    assert_eq!(send(fields("2")).await.status, StatusCode::SEE_OTHER);
    let page = site.get("/articles/flood-barrier-plan").await;
    assert_eq!(page.count(".related .card"), 2, "the cached page was dropped");
    assert_eq!(
        get_as(&site, "/admin/settings", &cookie).await.attr("#related_count", "value"),
        "2"
    );
}
