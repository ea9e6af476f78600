//! Every page a reader sees, parsed and checked element by element.

use crate::support::{Page, Site, site};
use axum::http::{StatusCode, header};
use lede_core::content::*;
use lede_store::test_support::{TestDb, article, slug};

lede_store::on_both_databases!(
    article_page_has_every_element_in_order,
    article_page_is_an_h_entry_with_an_author_h_card,
    home_page_has_lead_latest_and_sections,
    section_tag_author_and_archive_pages_list_the_right_articles,
    lists_paginate_and_refuse_bad_page_numbers,
    unknown_pages_get_a_proper_404,
    a_changed_slug_answers_301_to_the_new_address,
    drafts_are_never_shown,
    markup_in_content_is_escaped,
    static_pages_are_linked_from_the_footer,
    right_to_left_articles_are_marked,
    urdu_fonts_are_preloaded_only_where_urdu_shows,
    responses_carry_security_headers,
    assets_have_hashed_names_and_long_caching,
    a_featured_image_shows_with_caption_credit_and_alt_text,
);

/// The position of `needle` in the page, failing with the missing piece's name.
fn position(body: &str, needle: &str) -> usize {
    body.find(needle).unwrap_or_else(|| panic!("{needle:?} is not on the page"))
}

async fn article_page_has_every_element_in_order(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/articles/flood-barrier-plan").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("h1"), "Flood barrier plan for Saltmarsh");
    assert_eq!(page.text(".standfirst"), "Standfirst of Flood barrier plan for Saltmarsh.");
    assert_eq!(page.attr(".article-header .kicker a", "href"), "/section/news");
    let authors = page.attrs(".byline a[rel=author]", "href");
    assert_eq!(authors, ["/author/maya-chen", "/author/jonas-berg"]);
    assert_eq!(page.text(".byline .by"), "By Maya Chen and Jonas Berg");
    assert_eq!(page.attr(".byline time.dt-published", "datetime"), "2026-11-24T12:00:00Z");
    assert_eq!(page.text(".byline time.dt-published"), "24 November 2026");
    assert_eq!(page.text(".reading-time"), "2 min read", "260 words at 230 a minute");
    assert!(page.text(".e-content").starts_with("The river rose over the flood barrier"));
    assert_eq!(page.texts(".tags a[rel=tag]"), ["River"]);
    assert_eq!(page.texts(".author-box .author-name"), ["Maya Chen", "Jonas Berg"]);
    assert_eq!(page.texts(".author-box .p-note")[0], "Maya Chen writes about the city.");
    assert_eq!(
        page.attrs(".author-box .author-website a", "href"),
        ["https://maya.example.com"],
        "only Maya has a website"
    );
    assert_eq!(page.texts(".author-box .avatar"), ["MC", "JB"], "initials drawn locally");
    let related = page.attrs(".related .h-entry a.u-url", "href");
    assert_eq!(related.len(), 3, "three related articles, as the seed page shows: {related:?}");
    assert!(!related.contains(&"/articles/flood-barrier-plan".to_owned()), "never itself");
    assert_eq!(
        related[..2],
        ["/articles/river-floods-saltmarsh", "/articles/river-clean-up"],
        "the other river stories lead"
    );
    // Maya's others, newest first, but none the related list already shows: of her three,
    // two are among the related.
    let more = page.attrs(".more-from-author .h-entry a.u-url", "href");
    assert_eq!(related[2], "/articles/budget-row-deepens");
    assert_eq!(more, ["/articles/budget-vote-passes"], "Maya's other, not shown above");
    assert_eq!(page.text(".no-comments"), "There are no comments");
    assert_eq!(page.text(".comment-form h3"), "Add yours");
    for (field, label) in [
        ("name", "Name"),
        ("email", "Email"),
        ("website", "Website (optional)"),
        ("text", "Comment"),
    ] {
        assert_eq!(page.text(&format!("label[for=comment-{field}]")), label);
        assert_eq!(page.count(&format!("#comment-{field}[name={field}]")), 1, "{field} field");
    }
    let body = &page.body;
    let order = [
        "class=\"p-name headline\"",
        "class=\"p-summary standfirst\"",
        "class=\"byline\"",
        "class=\"e-content",
        "class=\"tags\"",
        "class=\"author-box",
        "You May Also Like",
        "More From Author",
        "There are no comments",
        "Add yours",
    ];
    let positions: Vec<usize> = order.iter().map(|n| position(body, n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "elements out of order: {order:?} at {positions:?}"
    );
}

async fn article_page_is_an_h_entry_with_an_author_h_card(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/articles/flood-barrier-plan").await;
    assert_eq!(page.count("main > article.h-entry"), 1);
    for property in [
        ".p-name",
        ".p-summary",
        ".dt-published",
        ".dt-updated",
        ".u-url",
        ".e-content",
        ".p-category",
    ] {
        assert!(
            page.count(&format!("main > article.h-entry {property}")) >= 1,
            "h-entry lacks {property}"
        );
    }
    assert_eq!(page.texts("main > article.h-entry .p-category"), ["News", "River"]);
    assert_eq!(page.count("main > article.h-entry .p-author.h-card"), 2, "one h-card per author");
    for property in [".p-name", ".u-url", ".p-note"] {
        assert!(
            page.count(&format!(".p-author.h-card {property}")) >= 2,
            "author h-card lacks {property}"
        );
    }
    assert_eq!(
        page.attr("article.h-entry > header .u-url", "href"),
        "/articles/flood-barrier-plan"
    );
    for feed in [".related.h-feed", ".more-from-author.h-feed"] {
        let entries = page.count(&format!("{feed} .h-entry"));
        assert!(
            entries > 0 && entries == page.count(&format!("{feed} .h-entry .u-url")),
            "{feed} entries need a u-url"
        );
    }
}

async fn home_page_has_lead_latest_and_sections(db: &TestDb) {
    let site = site(db).await;
    let page = site.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text(".lead .card-title"),
        "Volunteers clean up the river banks",
        "the newest article leads"
    );
    let latest = page.texts(".home-latest .h-entry .card-title");
    assert_eq!(latest.len(), 5, "the other five: {latest:?}");
    let sections = page.texts(".section-block .feed-title");
    assert_eq!(sections, ["News", "Culture"], "sections with articles, in menu order");
    assert_eq!(
        page.texts(".sections-nav a"),
        ["Home", "News", "Culture"],
        "top-level sections in the menu"
    );
    assert!(page.count(".section-block .h-entry") >= 2);
    assert!(
        page.attrs(".h-feed .h-entry .u-url", "href").iter().all(|u| u.starts_with("/articles/"))
    );
}

async fn section_tag_author_and_archive_pages_list_the_right_articles(db: &TestDb) {
    let site = site(db).await;
    let cases = [
        (
            "/section/politics",
            "Politics",
            vec!["Budget row deepens over libraries", "Council budget vote passes"],
        ),
        ("/tag/music", "Music", vec!["Music festival returns to Old Quay"]),
        ("/archive/2026/11/24", "24 November 2026", vec!["Flood barrier plan for Saltmarsh"]),
        (
            "/archive/2026/11",
            "November 2026",
            vec![
                "Volunteers clean up the river banks",
                "Budget row deepens over libraries",
                "Music festival returns to Old Quay",
                "Flood barrier plan for Saltmarsh",
                "Council budget vote passes",
                "River floods Saltmarsh homes",
            ],
        ),
        ("/archive/2025", "2025", vec![]),
    ];
    for (path, heading, expected) in cases {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.text("h1"), heading, "{path}");
        assert_eq!(page.texts(".h-feed .h-entry .card-title"), expected, "{path}");
    }
    assert_eq!(site.get("/section/news").await.count(".h-entry"), 5, "news includes politics");
    let author = site.get("/author/jonas-berg").await;
    assert_eq!(author.text(".h-card .p-name"), "Jonas Berg");
    assert_eq!(author.text(".h-card .p-note"), "Jonas Berg writes about the city.");
    assert_eq!(author.texts(".h-feed .h-entry .card-title").len(), 3);
    for missing in [
        "/section/nope",
        "/tag/nope",
        "/author/nope",
        "/archive/2026/13",
        "/archive/2026/02/30",
        "/archive/year",
    ] {
        assert_eq!(site.get(missing).await.status, StatusCode::NOT_FOUND, "{missing}");
    }
}

async fn lists_paginate_and_refuse_bad_page_numbers(db: &TestDb) {
    let site = site(db).await;
    for n in 0..10 {
        let id = site
            .newsroom
            .save_article(
                None,
                article(
                    &format!("extra-{n}"),
                    &format!("Extra story {n}"),
                    "culture",
                    &["jonas-berg"],
                    &[],
                    "Words.",
                ),
            )
            .await
            .expect("save");
        site.newsroom
            .publish_article(id, Some(lede_store::test_support::NOW - time::Duration::days(30 + n)))
            .await
            .expect("publish");
    }
    let first = site.get("/articles").await;
    assert_eq!(first.count(".h-entry"), 12);
    assert_eq!(first.attr(".pagination a[rel=next]", "href"), "/articles?page=2");
    let second = site.get("/articles?page=2").await;
    assert_eq!(second.count(".h-entry"), 4);
    assert_eq!(second.attr(".pagination a[rel=prev]", "href"), "/articles");
    assert_eq!(second.text(".pagination span"), "Page 2 of 2");
    assert_eq!(site.get("/").await.attr(".more a", "href"), "/articles?page=2");
    assert_eq!(site.get("/articles?page=3").await.status, StatusCode::NOT_FOUND);
    let bad = site.get("/articles?page=abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text("main").contains("is not a page number"), "{}", bad.text("main"));
    assert_eq!(site.get("/articles?page=0").await.status, StatusCode::BAD_REQUEST);
    let author = site.get("/author/jonas-berg?page=1").await;
    assert_eq!(
        author.attr(".pagination a[rel=next]", "href"),
        "/author/jonas-berg?page=2",
        "13 articles by Jonas"
    );
}

async fn unknown_pages_get_a_proper_404(db: &TestDb) {
    let site = site(db).await;
    for path in ["/articles/no-such-story", "/no-such-page", "/deeply/nested/nothing"] {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.text("h1"), "Page not found", "{path}");
        assert_eq!(page.text(".site-name"), "Northbridge Test", "404 in the site's layout");
        assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap_or("").starts_with("text/html"));
    }
}

async fn a_changed_slug_answers_301_to_the_new_address(db: &TestDb) {
    let site = site(db).await;
    let (id, _) = site
        .newsroom
        .store()
        .article_state("festival-returns")
        .await
        .expect("query")
        .expect("article");
    let renamed = article(
        "festival-is-back",
        "Music festival returns to Old Quay",
        "culture",
        &["jonas-berg"],
        &["music"],
        "Bands.",
    );
    site.newsroom.save_article(Some(id), renamed).await.expect("rename");
    let old = site.get("/articles/festival-returns").await;
    assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(old.location(), "/articles/festival-is-back");
    assert_eq!(site.get("/articles/festival-is-back").await.status, StatusCode::OK);
}

async fn drafts_are_never_shown(db: &TestDb) {
    let site = site(db).await;
    assert_eq!(site.get("/articles/secret-draft").await.status, StatusCode::NOT_FOUND);
    for path in
        ["/", "/articles", "/section/news", "/tag/river", "/author/maya-chen", "/archive/2026"]
    {
        assert!(
            !site.get(path).await.body.contains("A draft nobody may see"),
            "{path} shows a draft"
        );
    }
}

async fn markup_in_content_is_escaped(db: &TestDb) {
    let site = site(db).await;
    let evil = "<script>alert(1)</script>";
    let author = AuthorInput {
        slug: slug("evil"),
        name: format!("Eve {evil}"),
        bio: format!("Bio {evil}"),
        website: None,
        avatar: None,
    };
    site.newsroom.save_author(author).await.expect("author");
    let mut input = article(
        "evil-story",
        &format!("Headline {evil}"),
        "news",
        &["evil"],
        &[],
        &format!("Body {evil} and <img src=x onerror=alert(2)>"),
    );
    input.standfirst = format!("Standfirst {evil}");
    let id = site.newsroom.save_article(None, input).await.expect("save");
    site.newsroom.publish_article(id, None).await.expect("publish");
    let comment = lede_core::comment::CommentInput {
        name: format!("Commenter {evil}"),
        email: "a@example.com".into(),
        website: String::new(),
        text: format!("Text {evil}"),
        parent: None,
    }
    .check()
    .expect("valid");
    let comment_id = site
        .newsroom
        .submit_comment(id, &comment, lede_core::comment::CommentStatus::Pending)
        .await
        .expect("comment");
    site.newsroom
        .moderate_comment(comment_id, lede_core::comment::CommentStatus::Approved)
        .await
        .expect("approve");
    for path in ["/articles/evil-story", "/author/evil", "/"] {
        let page = site.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script>"), "{path} carries a raw script tag");
        assert!(!page.body.contains("onerror"), "{path} carries an event handler");
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;")
                || page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path} shows the text escaped"
        );
    }
    let page = site.get("/articles/evil-story").await;
    assert_eq!(page.text("h1"), format!("Headline {evil}"), "readers see the text as written");
    assert_eq!(page.text(".comment-author"), format!("Commenter {evil}"));
}

async fn static_pages_are_linked_from_the_footer(db: &TestDb) {
    let site = site(db).await;
    for (s, title) in [("about", "About us"), ("privacy", "Privacy")] {
        let input = PageInput {
            slug: slug(s),
            title: title.into(),
            body_markdown: format!("# Hello\n\nThis is {title}."),
        };
        site.newsroom.save_page(input).await.expect("page");
    }
    let home = site.get("/").await;
    assert_eq!(home.attrs(".site-footer a", "href")[..2], ["/about", "/privacy"]);
    let about = site.get("/about").await;
    assert_eq!(about.status, StatusCode::OK);
    assert_eq!(about.text(".static-page h1"), "About us");
    assert!(about.text(".prose").contains("This is About us."));
    let reserved =
        PageInput { slug: slug("articles"), title: "Clash".into(), body_markdown: String::new() };
    assert!(site.newsroom.save_page(reserved).await.is_err(), "a page cannot take a route's path");
}

async fn right_to_left_articles_are_marked(db: &TestDb) {
    let site = site(db).await;
    let mut input = article(
        "urdu-story",
        "شہر میں سیلاب",
        "news",
        &["maya-chen"],
        &[],
        &"دریا کا پانی شہر میں داخل ہو گیا۔ ".repeat(60),
    );
    input.language = "ur".into();
    let id = site.newsroom.save_article(None, input).await.expect("save");
    site.newsroom.publish_article(id, None).await.expect("publish");
    let page = site.get("/articles/urdu-story").await;
    for content in [".headline", ".standfirst", ".e-content"] {
        assert_eq!(page.attr(content, "lang"), "ur", "{content}");
        assert_eq!(page.attr(content, "dir"), "rtl", "{content}");
    }
    assert_eq!(page.count(".byline[dir=rtl]"), 0, "the site's own words stay left to right");
    // The reading time speaks the article's language (ur/main.ftl's article-min-read).
    assert_eq!(page.text(".reading-time"), "3 منٹ کا مطالعہ", "8 Urdu words × 60 = 480 words");
}

/// Pages showing Urdu (the article, a list with its card) preload the Nastaliq faces the
/// stylesheet names; pages in English only preload nothing.
async fn urdu_fonts_are_preloaded_only_where_urdu_shows(db: &TestDb) {
    let site = site(db).await;
    let preloads = |page: &Page| {
        page.attrs("link[rel=preload][as=font][type='font/woff2'][crossorigin]", "href")
    };
    for path in ["/", "/articles", "/articles/river-floods-saltmarsh"] {
        assert_eq!(preloads(&site.get(path).await), Vec::<String>::new(), "{path}");
    }
    let mut input = article(
        "urdu-story",
        "شہر میں سیلاب",
        "news",
        &["maya-chen"],
        &[],
        "دریا کا پانی شہر میں داخل ہو گیا۔",
    );
    input.language = "ur".into();
    let id = site.newsroom.save_article(None, input).await.expect("save");
    site.newsroom.publish_article(id, None).await.expect("publish");
    let css_url = site.get("/").await.attr("link[rel=stylesheet]", "href");
    let css = site.get(&css_url).await.body;
    // Lists show Urdu cards in the Urdu edition (the English one keeps to English).
    for path in ["/articles/urdu-story", "/ur/articles", "/ur/section/news"] {
        let fonts = preloads(&site.get(path).await);
        assert_eq!(fonts.len(), 2, "{path}: Nastaliq 400 and 700");
        for font in fonts {
            assert!(font.starts_with("/static/fonts/noto-nastaliq-urdu-"), "{path}: {font}");
            let named = font.trim_start_matches("/static/");
            assert!(
                css.contains(&format!("url({named})")),
                "{path}: the stylesheet asks for {named}"
            );
        }
    }
    assert_eq!(
        preloads(&site.get("/articles/river-floods-saltmarsh").await),
        Vec::<String>::new(),
        "an English article preloads nothing, whatever its related cards"
    );
}

async fn responses_carry_security_headers(db: &TestDb) {
    let site = site(db).await;
    for path in ["/", "/articles/flood-barrier-plan", "/nothing-here"] {
        let page = site.get(path).await;
        let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert!(page.headers.contains_key(header::REFERRER_POLICY), "{path}");
    }
    assert_eq!(site.get("/healthz").await.status, StatusCode::OK);
}

async fn assets_have_hashed_names_and_long_caching(db: &TestDb) {
    let site: Site = site(db).await;
    let home = site.get("/").await;
    let css = home.attr("link[rel=stylesheet]", "href");
    assert!(
        css.starts_with("/static/style.")
            && css.ends_with(".css")
            && css.len() > "/static/style..css".len() + 8,
        "{css}"
    );
    let asset = site.get(&css).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert!(asset.headers[header::CACHE_CONTROL].to_str().unwrap_or("").contains("immutable"));
    assert!(asset.body.contains(".h-entry") || asset.body.contains("--ink"));
    assert_eq!(
        site.get("/static/style.css").await.status,
        StatusCode::NOT_FOUND,
        "only hashed names are served"
    );
}

async fn a_featured_image_shows_with_caption_credit_and_alt_text(db: &TestDb) {
    let site = site(db).await;
    let (id, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    let mut input = article(
        "river-clean-up",
        "Volunteers clean up the river banks",
        "news",
        &["jonas-berg"],
        &["river"],
        "Bags of litter.",
    );
    input.featured_image = Some(FeaturedImage {
        src: "/media/demo/river.svg".into(),
        alt: "Volunteers in waders pulling a trolley from the river".into(),
        caption: "Forty volunteers worked along the Aln on Saturday.".into(),
        credit: "Photo: Jonas Berg".into(),
        decorative: false,
    });
    site.newsroom.save_article(Some(id), input).await.expect("save");
    let page = site.get("/articles/river-clean-up").await;
    assert_eq!(page.attr(".featured-image img", "src"), "/media/demo/river.svg");
    assert_eq!(
        page.attr(".featured-image img", "alt"),
        "Volunteers in waders pulling a trolley from the river"
    );
    assert_eq!(
        page.text(".featured-image figcaption"),
        "Forty volunteers worked along the Aln on Saturday. Photo: Jonas Berg"
    );
    let order = [
        position(&page.body, "class=\"byline\""),
        position(&page.body, "featured-image"),
        position(&page.body, "e-content"),
    ];
    assert!(order[0] < order[1] && order[1] < order[2], "the image sits between byline and body");
    let home = site.get("/").await;
    assert_eq!(
        home.attr(".lead img", "alt"),
        "Volunteers in waders pulling a trolley from the river",
        "the lead story shows its image"
    );
    assert_eq!(
        site.get("/articles/budget-vote-passes").await.count("figure"),
        0,
        "no empty figure without an image"
    );
}
