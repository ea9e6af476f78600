//! What search engines and social networks read, as the newsroom shapes it, through the real
//! router on both databases: an article's own SEO title, meta description and social image
//! (with the editor's preview of them), and the site's logo and default share image, which
//! give every article an image in OpenGraph and JSON-LD.

use crate::support::*;
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    an_articles_own_search_and_social_fields_reach_its_page,
    the_editor_previews_the_search_result_and_the_share_card,
    the_sites_logo_and_share_image_give_every_article_an_image,
);

/// The JSON-LD documents of a page, parsed.
fn json_ld(page: &Page) -> Vec<serde_json::Value> {
    let html = page.html();
    let selector =
        scraper::Selector::parse("script[type='application/ld+json']").expect("selector");
    html.select(&selector)
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD is JSON"))
        .collect()
}

fn news_article(page: &Page) -> serde_json::Value {
    json_ld(page).into_iter().find(|d| d["@type"] == "NewsArticle").expect("a NewsArticle")
}

fn meta(page: &Page, key: &str) -> Vec<String> {
    let mut values = page.attrs(&format!("meta[property='{key}']"), "content");
    values.extend(page.attrs(&format!("meta[name='{key}']"), "content"));
    values
}

/// The editor's fields of the fixture's `budget-vote-passes`, sent with `extra` for `action`.
async fn send_budget_story(
    site: &Site,
    cookie: &str,
    csrf: &str,
    action: &str,
    extra: &[(&str, &str)],
) -> Page {
    let (id, _) = site
        .newsroom
        .store()
        .article_state("budget-vote-passes")
        .await
        .expect("query")
        .expect("article");
    let mut fields = vec![
        ("csrf", csrf),
        ("action", action),
        ("headline", "Council budget vote passes"),
        ("standfirst", "Standfirst of Council budget vote passes."),
        ("body", "The council budget vote cut library hours."),
        ("slug", "budget-vote-passes"),
        ("section", "politics"),
        ("tags", "Budget"),
        ("language", "en"),
        ("authors", "maya-chen"),
    ];
    fields.extend(extra);
    post_as(site, &format!("/admin/articles/{}", id.0), cookie, &fields).await
}

/// [`send_budget_story`] with the button that saves.
async fn save_budget_story(site: &Site, cookie: &str, csrf: &str, extra: &[(&str, &str)]) -> Page {
    send_budget_story(site, cookie, csrf, "update", extra).await
}

async fn an_articles_own_search_and_social_fields_reach_its_page(db: &TestDb) {
    let site = site(db).await;
    let before = site.get("/articles/budget-vote-passes").await;
    assert_eq!(before.text("title"), "Council budget vote passes | Northbridge Test");
    assert_eq!(meta(&before, "og:image"), Vec::<String>::new(), "no image of any kind yet");
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let saved = save_budget_story(
        &site,
        &cookie,
        &csrf,
        &[
            ("seo_title", "Budget 2027: what the council's vote means for you"),
            ("meta_description", "Library hours, council tax and bins:\nthe budget explained."),
            ("social_image", "https://images.example.com/budget-card.jpg"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // The page was cached before; the save purged it.
    let page = site.get("/articles/budget-vote-passes").await;
    let title = "Budget 2027: what the council's vote means for you";
    let description = "Library hours, council tax and bins: the budget explained.";
    assert_eq!(page.text("title"), format!("{title} | Northbridge Test"));
    assert_eq!(page.text("h1"), "Council budget vote passes", "the page keeps its headline");
    assert_eq!(meta(&page, "description"), [description]);
    assert_eq!(meta(&page, "og:title"), [title]);
    assert_eq!(meta(&page, "og:description"), [description]);
    assert_eq!(meta(&page, "twitter:title"), [title]);
    assert_eq!(meta(&page, "og:image"), ["https://images.example.com/budget-card.jpg"]);
    assert_eq!(meta(&page, "twitter:image"), ["https://images.example.com/budget-card.jpg"]);
    assert_eq!(meta(&page, "twitter:card"), ["summary_large_image"]);
    let news = news_article(&page);
    assert_eq!(news["headline"], "Council budget vote passes", "Google wants the headline");
    assert_eq!(news["description"], description);
    assert_eq!(news["image"], serde_json::json!(["https://images.example.com/budget-card.jpg"]));
    // A wrong address is refused with the writer's text kept; nothing changed.
    let refused = save_budget_story(
        &site,
        &cookie,
        &csrf,
        &[("seo_title", "Kept"), ("social_image", "ftp://x.example.com/a.png")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.attr("#seo_title", "value"), "Kept");
    assert_eq!(refused.attr(".field.has-error input", "name"), "social_image");
    assert_eq!(
        site.get("/articles/budget-vote-passes").await.text("title"),
        format!("{title} | Northbridge Test")
    );
    // Emptied, the headline and standfirst speak again.
    save_budget_story(&site, &cookie, &csrf, &[]).await;
    let page = site.get("/articles/budget-vote-passes").await;
    assert_eq!(page.text("title"), "Council budget vote passes | Northbridge Test");
    assert_eq!(meta(&page, "og:description"), ["Standfirst of Council budget vote passes."]);
}

async fn the_editor_previews_the_search_result_and_the_share_card(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let (id, _) = site
        .newsroom
        .store()
        .article_state("budget-vote-passes")
        .await
        .expect("query")
        .expect("article");
    let editor = get_as(&site, &format!("/admin/articles/{}", id.0), &cookie).await;
    assert_eq!(
        editor.text(".search-preview-title"),
        "Council budget vote passes | Northbridge Test"
    );
    assert_eq!(
        editor.text(".search-preview-description"),
        "Standfirst of Council budget vote passes."
    );
    assert_eq!(
        editor.text(".search-preview-url"),
        "127.0.0.1:8080 › articles › budget-vote-passes"
    );
    assert_eq!(editor.text(".share-card-host"), "127.0.0.1:8080");
    assert_eq!(editor.text(".share-card-title"), "Council budget vote passes", "no site name");
    assert_eq!(editor.count(".share-card img"), 0, "no picture to share yet");
    // The preview button shows the form's own values, cut where search results cut them.
    let long = "A title far longer than any search result shows in full, which the preview cuts";
    let extra = [("seo_title", long), ("image_src", "/media/demo/quay.svg")];
    let preview = send_budget_story(&site, &cookie, &csrf, "preview", &extra).await;
    assert_eq!(preview.status, StatusCode::OK);
    let shown = preview.text(".search-preview-title");
    assert!(shown.starts_with("A title far longer") && shown.ends_with('…'), "{shown}");
    assert_eq!(shown.chars().count(), 60);
    assert_eq!(
        preview.attr(".share-card img", "src"),
        "/media/demo/quay.svg",
        "the featured image"
    );
    assert!(preview.attr(".share-previews", "data-base-url").starts_with("http://"));
    assert!(preview.body.contains("share-preview."), "the script that keeps it current");
}

async fn the_sites_logo_and_share_image_give_every_article_an_image(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Admin).await;
    for page in ["/", "/articles/river-clean-up", "/section/news"] {
        site.get(page).await;
    }
    let page = site.get("/articles/river-clean-up").await;
    assert_eq!(meta(&page, "og:image"), Vec::<String>::new());
    assert!(
        news_article(&page)["publisher"]["logo"]["url"]
            .as_str()
            .unwrap_or("")
            .contains("/static/favicon")
    );
    // Not an image: refused, and nothing set.
    let refused = upload_file(
        &site,
        "/admin/settings/logo",
        &cookie,
        &csrf,
        "logo.png",
        b"GIF89a?",
        "text/html",
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.count(".form-errors"), 1);
    let logo = upload_file(
        &site,
        "/admin/settings/logo",
        &cookie,
        &csrf,
        "logo.png",
        &png(400, 400),
        "text/html",
    )
    .await;
    assert_eq!((logo.status, logo.location()), (StatusCode::SEE_OTHER, "/admin/settings"));
    let share = upload_file(
        &site,
        "/admin/settings/share-image",
        &cookie,
        &csrf,
        "card.png",
        &png(1200, 630),
        "text/html",
    )
    .await;
    assert_eq!(share.status, StatusCode::SEE_OTHER);
    let settings = get_as(&site, "/admin/settings", &cookie).await;
    let paths = settings.attrs(".site-image .media-path", "value");
    assert_eq!(paths.len(), 2, "{}", settings.body);
    let (logo_path, share_path) = (paths[0].clone(), paths[1].clone());
    assert!(logo_path.starts_with("/media/uploads/") && share_path.starts_with("/media/uploads/"));
    // Every page shows the logo at once (the cached ones were dropped); an article without a
    // picture is shared with the site's image, and published under its logo.
    for path in ["/", "/articles/river-clean-up", "/section/news"] {
        let page = site.get(path).await;
        assert_eq!(page.attr(".site-name img.site-logo", "src"), logo_path, "{path}");
    }
    let page = site.get("/articles/river-clean-up").await;
    let share_url = format!("http://127.0.0.1:8080{share_path}");
    assert_eq!(meta(&page, "og:image"), std::slice::from_ref(&share_url));
    assert_eq!(meta(&page, "twitter:image"), std::slice::from_ref(&share_url));
    let news = news_article(&page);
    assert_eq!(news["image"], serde_json::json!([share_url]));
    assert_eq!(news["publisher"]["logo"]["url"], format!("http://127.0.0.1:8080{logo_path}"));
    // The library keeps them while the site uses them.
    let library = site.newsroom.store().media("", 10).await.expect("media");
    let logo_item = library.iter().find(|m| m.path == logo_path).expect("in the library");
    let delete = [("csrf", csrf.as_str())];
    let kept =
        post_as(&site, &format!("/admin/media/{}/delete", logo_item.id), &cookie, &delete).await;
    assert_eq!(kept.status, StatusCode::CONFLICT);
    assert!(kept.text(".form-errors").contains("logo"), "{}", kept.text(".form-errors"));
    // Removed, the logo leaves the pages (and may then be deleted).
    let remove = [("csrf", csrf.as_str()), ("image", "logo")];
    assert_eq!(
        post_as(&site, "/admin/settings/image/remove", &cookie, &remove).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(site.get("/").await.count("img.site-logo"), 0);
    let deleted =
        post_as(&site, &format!("/admin/media/{}/delete", logo_item.id), &cookie, &delete).await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    let unknown = [("csrf", csrf.as_str()), ("image", "favicon")];
    assert_eq!(
        post_as(&site, "/admin/settings/image/remove", &cookie, &unknown).await.status,
        StatusCode::BAD_REQUEST
    );
    let _ = std::fs::remove_dir_all(media_dir);
}
