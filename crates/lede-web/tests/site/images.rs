//! Images done right, through the real router on both databases: the library's alt text,
//! caption and credit (kept by its uploader or an editor, offered by the editor's picker),
//! the refusal to publish what is not described, and body images shown as the featured image
//! is, with their variants, sizes, caption and credit.

use crate::support::*;
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_store::test_support::TestDb;

lede_store::on_both_databases!(
    the_uploader_or_an_editor_describes_an_image_and_the_editor_offers_it,
    publishing_an_image_without_alt_text_is_refused_with_the_text_kept,
    body_images_from_the_library_show_their_variants_caption_and_credit,
);

/// Uploads a PNG through the library's form; returns its id and address.
async fn upload(site: &Site, cookie: &str, csrf: &str, name: &str) -> (String, String) {
    let page =
        upload_file(site, "/admin/media", cookie, csrf, name, &png(2000, 1000), "text/html").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    // "/admin/media?uploaded=ID#media-ID": back in the library, at the new image.
    let id = page.location().rsplit('-').next().unwrap_or_default().to_owned();
    let library = get_as(site, &format!("/admin/media?q={name}"), cookie).await;
    (id, library.attr(".media-path", "value"))
}

async fn the_uploader_or_an_editor_describes_an_image_and_the_editor_offers_it(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let (id, path) = upload(&site, &cookie, &csrf, "harbour.png").await;
    let library = get_as(&site, "/admin/media", &cookie).await;
    let item = format!("#media-{id}");
    assert_eq!(library.text(&format!("{item} .no-alt")), "No alt text yet");
    assert_eq!(
        library.attr(&format!("{item} form.media-description"), "action"),
        format!("/admin/media/{id}")
    );
    let action = format!("/admin/media/{id}");
    let fields = [
        ("alt", "Fishing boats moored in the harbour at dawn"),
        ("caption", "The fleet stayed in port for a third day."),
        ("credit", "Photo: Ali Khan"),
    ];
    let forged = post_as(&site, &action, &cookie, &fields).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no CSRF token");
    let mut with_token = fields.to_vec();
    with_token.push(("csrf", &csrf));
    let saved = post_as(&site, &action, &cookie, &with_token).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let library = get_as(&site, saved.location(), &cookie).await;
    assert_eq!(
        library.text(".notice"),
        "Saved the description of “harbour.png”. Articles that already show it keep their own."
    );
    assert_eq!(library.attr(&format!("#alt-{id}"), "value"), fields[0].1);
    assert_eq!(library.text(&format!("#caption-{id}")), fields[1].1);
    assert_eq!(library.attr(&format!("#credit-{id}"), "value"), fields[2].1);
    assert_eq!(library.count(&format!("{item} .no-alt")), 0);
    let found = get_as(&site, "/admin/media?q=fishing+boats", &cookie).await;
    assert_eq!(found.count(".media-item"), 1, "found by its alt text");

    // A credit is one line: refused with what was typed kept, on its image.
    let two_lines = [("alt", "Boats"), ("caption", ""), ("credit", "Photo:\nAli"), ("csrf", &csrf)];
    let refused = post_as(&site, &action, &cookie, &two_lines).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").contains("single line"),
        "{}",
        refused.text(".form-errors")
    );
    assert_eq!(refused.attr(&format!("#alt-{id}"), "value"), "Boats", "the text is kept");
    assert_eq!(refused.count(&format!("{item} .has-error #credit-{id}")), 1);

    // Someone else's image: a contributor reads its description, an editor changes it.
    let (other, other_csrf) = signed_in_as(&site, "Jonas Berg", Role::Contributor).await;
    let seen = get_as(&site, "/admin/media", &other).await;
    assert_eq!(seen.count(&format!("{item} form.media-description")), 0);
    assert_eq!(seen.text(&format!("{item} dl.media-description dd")), fields[0].1);
    let mut theirs = fields.to_vec();
    theirs[0].1 = "Not mine to change";
    theirs.push(("csrf", &other_csrf));
    let forbidden = post_as(&site, &action, &other, &theirs).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    assert!(
        forbidden.text("main").contains("may change its description"),
        "{}",
        forbidden.text("main")
    );
    let (editor, editor_csrf) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let mut edited = fields.to_vec();
    edited[0].1 = "Fishing boats moored in Northbridge harbour at dawn";
    edited.push(("csrf", &editor_csrf));
    assert_eq!(post_as(&site, &action, &editor, &edited).await.status, StatusCode::SEE_OTHER);

    // The editor's picker offers it with its description and its Markdown.
    let editor_page = get_as(&site, "/admin/articles/new", &cookie).await;
    let picked = format!(".media-picker .picker-item[data-path='{path}']");
    assert_eq!(editor_page.attr(&picked, "data-alt"), edited[0].1);
    assert_eq!(editor_page.attr(&picked, "data-caption"), fields[1].1);
    assert_eq!(editor_page.attr(&picked, "data-credit"), fields[2].1);
    assert_eq!(
        editor_page.attr(&format!("{picked} .picker-markdown input"), "value"),
        format!(
            "![Fishing boats moored in Northbridge harbour at dawn]({path} \"The fleet stayed in port for a third day. | Photo: Ali Khan\")"
        )
    );
    let buttons = editor_page.texts(&format!("{picked} button"));
    assert_eq!(buttons, ["Insert", "Use as featured image"]);
    let _ = std::fs::remove_dir_all(media_dir);
}

/// The editor's fields with a featured image and `extra` fields.
fn with_image<'a>(
    csrf: &'a str,
    action: &'a str,
    body: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = editor_fields(csrf, action, "Harbour reopens after the storm", body);
    fields.push(("image_src", "/media/uploads/2026/11/harbour.jpg"));
    fields.push(("image_caption", "The harbour at dawn."));
    fields.push(("authors", "maya-chen"));
    for (key, value) in extra {
        fields.retain(|(k, _)| k != key);
        fields.push((key, value));
    }
    fields
}

async fn publishing_an_image_without_alt_text_is_refused_with_the_text_kept(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let body = "The harbour reopened on **Tuesday**.";
    let mut changes = site.newsroom.subscribe();
    for action in ["publish", "schedule"] {
        let fields = with_image(
            &csrf,
            action,
            body,
            &[("image_alt", "  "), ("publish_at", "2026-12-01T09:30")],
        );
        let refused = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{action}");
        assert!(
            refused.text(".form-errors").starts_with("Describe the featured image in its alt text"),
            "{}",
            refused.text(".form-errors")
        );
        assert_eq!(refused.count(".has-error #image_alt"), 1, "the field to fix is marked");
        assert_eq!(refused.attr("#headline", "value"), "Harbour reopens after the storm");
        assert_eq!(refused.text("#body"), body, "the editor's text is kept");
        assert_eq!(refused.attr("#image_caption", "value"), "The harbour at dawn.");
    }
    assert!(changes.try_recv().is_err(), "nothing announced");
    assert_eq!(
        site.get("/articles/harbour-reopens-after-the-storm").await.status,
        StatusCode::NOT_FOUND
    );
    // A draft waits for its alt text; a decorative image needs none.
    let draft =
        post_as(&site, "/admin/articles/new", &cookie, &with_image(&csrf, "save", body, &[])).await;
    assert_eq!(draft.status, StatusCode::SEE_OTHER, "a draft may lack it");
    let editor = draft.location().split('?').next().unwrap_or_default().to_owned();
    let opened = get_as(&site, &editor, &cookie).await;
    let version = opened.attr("input[name=version]", "value");
    let mut decorative = with_image(&csrf, "publish", body, &[("image_decorative", "on")]);
    decorative.push(("version", &version));
    let published = post_as(&site, &editor, &cookie, &decorative).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text("body"));
    let page = site.get("/articles/harbour-reopens-after-the-storm").await;
    assert_eq!(page.attr(".featured-image img", "alt"), "", "decorative: empty alt");
    assert_eq!(page.text(".featured-image figcaption"), "The harbour at dawn.");
    let api = site.get("/api/articles/harbour-reopens-after-the-storm").await;
    let json: serde_json::Value = serde_json::from_str(&api.body).expect("JSON");
    assert_eq!(json["image"]["alt"], "", "the API says so too: {json}");
    let reopened = get_as(&site, &editor, &cookie).await;
    assert_eq!(reopened.count("#image_decorative[checked]"), 1);

    // Saving the live article with an undescribed image in its body is refused too, and the
    // live page stays as it was.
    let version = reopened.attr("input[name=version]", "value");
    let undescribed = format!("{body}\n\n![](/media/uploads/2026/11/crane.jpg \"A crane\")");
    let mut fields = with_image(&csrf, "update", &undescribed, &[("image_decorative", "on")]);
    fields.push(("version", &version));
    let refused = post_as(&site, &editor, &cookie, &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.text(".form-errors p"),
        "An image in the body has no alt text: /media/uploads/2026/11/crane.jpg. Describe it \
         between its brackets, ![what it shows](…), or write ![\"\"](…) if it is decorative."
    );
    assert_eq!(refused.count(".has-error #body"), 1);
    // The message links to the field, which on a phone is screens away.
    assert_eq!(refused.attr(".form-errors a", "href"), "#body");
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(refused.text("#body"), words(&undescribed), "the editor's text is kept");
    assert!(!site.get("/articles/harbour-reopens-after-the-storm").await.body.contains("crane"));
    // Described, or marked decorative on purpose, it is saved and shown at once.
    let described = format!(
        "{body}\n\n![A crane lifts a pontoon](/media/uploads/2026/11/crane.jpg \"A crane\")"
    );
    let mut fields = with_image(&csrf, "update", &described, &[("image_decorative", "on")]);
    fields.push(("version", &version));
    assert_eq!(post_as(&site, &editor, &cookie, &fields).await.status, StatusCode::SEE_OTHER);
    let page = site.get("/articles/harbour-reopens-after-the-storm").await;
    assert_eq!(page.attr(".prose figure img", "alt"), "A crane lifts a pontoon");
    // In Urdu, the same refusal in the newsroom's language.
    let (ur_cookie, ur_csrf) = signed_in_as(&site, "Hina Qureshi", Role::Editor).await;
    let profile = [
        ("name", "Hina Qureshi"),
        ("bio", ""),
        ("website", ""),
        ("language", "ur"),
        ("csrf", ur_csrf.as_str()),
    ];
    assert_eq!(
        post_as(&site, "/admin/profile", &ur_cookie, &profile).await.status,
        StatusCode::SEE_OTHER
    );
    let refused = post_as(
        &site,
        "/admin/articles/new",
        &ur_cookie,
        &with_image(&ur_csrf, "publish", body, &[]),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").starts_with("نمایاں تصویر کا متبادل متن لکھیں"),
        "{}",
        refused.text(".form-errors")
    );
}

async fn body_images_from_the_library_show_their_variants_caption_and_credit(db: &TestDb) {
    let (site, media_dir) = media_site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let (id, path) = upload(&site, &cookie, &csrf, "quay.png").await;
    let description = [
        ("alt", "Cranes lift a pontoon onto the old quay"),
        ("caption", "Work on the quay began in May."),
        ("credit", "Photo: Sara Ahmed"),
        ("csrf", &csrf),
    ];
    post_as(&site, &format!("/admin/media/{id}"), &cookie, &description).await;
    // What the picker's "Insert" puts in the body, as the editor page offers it.
    let editor = get_as(&site, "/admin/articles/new", &cookie).await;
    let markdown =
        editor.attr(&format!(".picker-item[data-path='{path}'] .picker-markdown input"), "value");
    let body = format!(
        "The quay reopens.\n\nMore words.\n\nAnd more.\n\n{markdown}\n\n![A map of the quay](https://maps.example.com/quay.png)"
    );
    let mut fields = editor_fields(&csrf, "publish", "Quay works begin", &body);
    fields.extend([
        ("image_src", path.as_str()),
        ("image_alt", "The old quay from the river"),
        ("image_caption", "The quay before the works."),
        ("image_credit", "Photo: Ali Khan"),
    ]);
    let published = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text(".form-errors"));
    let page = site.get("/articles/quay-works-begin").await;
    let stem = path.trim_end_matches(".png");
    // The featured image, with its own caption and credit.
    assert_eq!(
        page.text(".featured-image figcaption"),
        "The quay before the works. Photo: Ali Khan"
    );
    assert_eq!(page.text(".featured-image figcaption .credit"), "Photo: Ali Khan");
    // The body's library image gets what the featured image gets.
    let figure = ".prose figure";
    assert_eq!(page.attr(&format!("{figure} img"), "alt"), description[0].1);
    assert_eq!(page.attr(&format!("{figure} img"), "width"), "2000");
    assert_eq!(page.attr(&format!("{figure} img"), "height"), "1000");
    assert_eq!(page.attr(&format!("{figure} img"), "loading"), "lazy", "below the first screen");
    assert_eq!(
        page.attr(&format!("{figure} img"), "sizes"),
        page.attr(".featured-image img", "sizes")
    );
    assert_eq!(
        page.attr(&format!("{figure} img"), "srcset"),
        page.attr(".featured-image img", "srcset")
    );
    let webp = page.attr(&format!("{figure} picture source[type='image/webp']"), "srcset");
    assert!(webp.contains(&format!("{stem}-960.webp 960w")), "{webp}");
    assert_eq!(
        page.text(&format!("{figure} figcaption")),
        "Work on the quay began in May. Photo: Sara Ahmed"
    );
    assert_eq!(page.text(&format!("{figure} figcaption .credit")), "Photo: Sara Ahmed");
    // An image from elsewhere only waits to load.
    let other = ".prose img[src='https://maps.example.com/quay.png']";
    assert_eq!(page.attr(other, "loading"), "lazy");
    assert!(page.attrs(other, "srcset").is_empty());
    // Still in use, the image cannot be deleted.
    let delete =
        post_as(&site, &format!("/admin/media/{id}/delete"), &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(delete.status, StatusCode::CONFLICT);
    let _ = std::fs::remove_dir_all(media_dir);
}
