//! The news desk's editing of live articles through the real router, on both databases:
//! "Update" and "Save for later", the message after each action, corrections and update
//! notes on the article, in its JSON-LD and on the corrections page, previews (in the editor,
//! as a page, through a shared link) and autosave.

use crate::support::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lede_core::account::Role;
use lede_store::test_support::TestDb;
use scraper::Selector;

lede_store::on_both_databases!(
    a_live_article_is_updated_at_once_and_the_editor_says_so,
    changes_saved_for_later_wait_beside_the_live_article,
    contributors_save_changes_for_later_and_an_editor_puts_them_live,
    corrections_are_dated_on_the_article_in_json_ld_and_on_the_corrections_page,
    the_editors_preview_shows_the_whole_article_once,
    a_draft_previews_as_a_page_for_the_newsroom_and_through_shared_links,
    autosave_keeps_each_persons_editor_and_offers_it_back,
);

/// The fields the editor's form would send as a browser fills them in: every input,
/// textarea and selected option of `form.editor` (checkboxes only when checked).
fn editor_form(page: &Page) -> Vec<(String, String)> {
    let html = page.html();
    let mut fields = Vec::new();
    let inputs =
        Selector::parse("form.editor input[name], form.editor textarea[name]").expect("css");
    for element in html.select(&inputs) {
        let value = element.value();
        let name = value.attr("name").unwrap_or_default().to_owned();
        if value.name() == "textarea" {
            fields.push((name, element.text().collect()));
        } else if value.attr("type") != Some("checkbox") || value.attr("checked").is_some() {
            fields.push((name, value.attr("value").unwrap_or_default().to_owned()));
        }
    }
    let selects = Selector::parse("form.editor select[name]").expect("css");
    let selected = Selector::parse("option[selected]").expect("css");
    for select in html.select(&selects) {
        let name = select.value().attr("name").unwrap_or_default();
        for option in select.select(&selected) {
            fields.push((name.to_owned(), option.value().attr("value").unwrap_or_default().into()));
        }
    }
    fields
}

/// `fields` with `changes` applied (replacing a field, or adding it).
fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        fields.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).cloned().collect();
    out.extend(changes.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    out
}

async fn post_fields(site: &Site, path: &str, cookie: &str, fields: &[(String, String)]) -> Page {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post_as(site, path, cookie, &pairs).await
}

fn buttons(page: &Page) -> Vec<String> {
    page.texts("form.editor .editor-actions button")
}

async fn a_live_article_is_updated_at_once_and_the_editor_says_so(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let id = id_of(&site, "budget-vote-passes").await;
    let url = format!("/admin/articles/{id}");
    let editor = get_as(&site, &url, &cookie).await;
    assert_eq!(buttons(&editor), ["Preview", "Update", "Save for later", "Unpublish"]);
    assert!(!buttons(&editor).contains(&"Save draft".to_owned()));
    // Readers' copy is cached before the update.
    let live = "/articles/budget-vote-passes";
    assert_eq!(site.get(live).await.text("h1"), "Council budget vote passes");
    assert!(site.cache.as_ref().expect("cache").keys().contains(&live.to_owned()));
    let revisions = site.newsroom.store().revisions(lede_core::content::ArticleId(id)).await;
    let revisions = revisions.expect("revisions").len();

    let fields = with(
        &editor_form(&editor),
        &[("action", "update"), ("headline", "Budget passes by one vote")],
    );
    assert!(fields.iter().any(|(k, v)| k == "csrf" && *v == csrf));
    let updated = post_fields(&site, &url, &cookie, &fields).await;
    assert_eq!(updated.location(), format!("{url}?saved=update"));
    let after = follow(&site, &updated, &cookie).await;
    assert_eq!(after.text(".flash"), "Updated: the live article shows your changes.");
    assert!(
        cookie_set(&after, "lede_flash") == "lede_flash=",
        "the page that shows the message spends it"
    );
    assert_eq!(get_as(&site, &url, &cookie).await.count(".flash"), 0, "said once");
    assert_eq!(site.get(live).await.text("h1"), "Budget passes by one vote", "live at once");
    let now = site.newsroom.store().revisions(lede_core::content::ArticleId(id)).await;
    assert_eq!(now.expect("revisions").len(), revisions + 1, "with a revision");
    // A message cookie not signed by the site says nothing.
    let forged = get_as(&site, &url, &format!("{cookie}; lede_flash=updated.9999999999.00")).await;
    assert_eq!(forged.count(".flash"), 0);

    // A plain save of a live article is refused, the text kept.
    let editor = get_as(&site, &url, &cookie).await;
    let save = with(&editor_form(&editor), &[("action", "save"), ("headline", "Sneaky")]);
    let refused = post_fields(&site, &url, &cookie, &save).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text(".form-errors").contains("“Update” puts your changes"),
        "{}",
        refused.text(".form-errors")
    );
    assert_eq!(refused.attr("#headline", "value"), "Sneaky");
    assert_eq!(site.get(live).await.text("h1"), "Budget passes by one vote");

    // Unpublished: gone from the site, and the editor says so.
    let unpublish = with(&editor_form(&editor), &[("action", "unpublish")]);
    let done = post_fields(&site, &url, &cookie, &unpublish).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash"), "Unpublished: readers no longer see the article.");
    assert_eq!(site.get(live).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        buttons(&after),
        ["Preview", "Save draft", "Submit for review", "Publish", "Schedule"]
    );
    // Published again: the message says so.
    let publish = with(&editor_form(&after), &[("action", "publish")]);
    let done = post_fields(&site, &url, &cookie, &publish).await;
    assert_eq!(follow(&site, &done, &cookie).await.text(".flash"), "Published");
}

async fn changes_saved_for_later_wait_beside_the_live_article(db: &TestDb) {
    let site = site(db).await;
    let (cookie, _) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let id = id_of(&site, "budget-row-deepens").await;
    let url = format!("/admin/articles/{id}");
    let live = "/articles/budget-row-deepens";
    let standfirst = site.get(live).await.text(".standfirst");
    let title = site.get(live).await.text("title");
    let editor = get_as(&site, &url, &cookie).await;
    let later = with(
        &editor_form(&editor),
        &[
            ("action", "later"),
            ("standfirst", "Libraries will close on Sundays."),
            ("seo_title", "Sunday library closures"),
        ],
    );
    let kept = post_fields(&site, &url, &cookie, &later).await;
    let after = follow(&site, &kept, &cookie).await;
    assert_eq!(after.text(".flash"), "Saved for later: the live article is unchanged.");
    assert_eq!(site.get(live).await.text(".standfirst"), standfirst, "the live page is unchanged");
    assert_eq!(site.get(live).await.text("title"), title, "its title too");
    // Shown as pending to editors: on the desk and in the editor, which works on them.
    let desk = get_as(&site, "/admin/articles", &cookie).await;
    let row = desk
        .texts(".desk tbody tr")
        .into_iter()
        .find(|r| r.contains("Budget row deepens"))
        .expect("listed");
    assert!(row.contains("changes pending"), "{row}");
    assert!(
        after
            .text(".pending-notice")
            .contains("saved for later on 28 November 2026 at 12:00 by Maya Chen"),
        "{}",
        after.text(".pending-notice")
    );
    assert_eq!(after.text("#standfirst"), "Libraries will close on Sundays.");
    assert_eq!(after.attr("#seo_title", "value"), "Sunday library closures", "kept with them");
    assert_eq!(
        buttons(&after),
        ["Preview", "Update", "Save for later", "Discard changes", "Unpublish"]
    );
    // The preview page shows them; readers do not.
    let preview = get_as(&site, &format!("{url}/preview"), &cookie).await;
    assert_eq!(preview.text(".standfirst"), "Libraries will close on Sundays.");
    // "Update" puts them live.
    let update = with(&editor_form(&after), &[("action", "update")]);
    let done = post_fields(&site, &url, &cookie, &update).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash"), "Updated: the live article shows your changes.");
    assert_eq!(site.get(live).await.text(".standfirst"), "Libraries will close on Sundays.");
    assert!(site.get(live).await.text("title").starts_with("Sunday library closures"));
    assert_eq!(after.count(".pending-notice"), 0);
    // Kept again, then discarded: the editor is back on the live text.
    let later = with(&editor_form(&after), &[("action", "later"), ("standfirst", "Not this.")]);
    post_fields(&site, &url, &cookie, &later).await;
    let editor = get_as(&site, &url, &cookie).await;
    let discard = with(&editor_form(&editor), &[("action", "discard")]);
    let done = post_fields(&site, &url, &cookie, &discard).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash"), "Changes discarded.");
    assert_eq!(after.text("#standfirst"), "Libraries will close on Sundays.");
    assert_eq!(site.get(live).await.text(".standfirst"), "Libraries will close on Sundays.");
}

async fn contributors_save_changes_for_later_and_an_editor_puts_them_live(db: &TestDb) {
    let site = site(db).await;
    let (jonas, _) = signed_in_as(&site, "Jonas Berg", Role::Contributor).await;
    let id = id_of(&site, "festival-returns").await;
    let url = format!("/admin/articles/{id}");
    let editor = get_as(&site, &url, &jonas).await;
    assert_eq!(
        buttons(&editor),
        ["Preview", "Save for later"],
        "nothing that touches the live page"
    );
    let update =
        with(&editor_form(&editor), &[("action", "update"), ("headline", "Festival back")]);
    assert_eq!(post_fields(&site, &url, &jonas, &update).await.status, StatusCode::FORBIDDEN);
    let later = with(&update, &[("action", "later")]);
    let kept = post_fields(&site, &url, &jonas, &later).await;
    assert_eq!(kept.status, StatusCode::SEE_OTHER);
    let (editor_cookie, _) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let editor = get_as(&site, &url, &editor_cookie).await;
    assert!(editor.text(".pending-notice").contains("by Jonas Berg"));
    let update = with(&editor_form(&editor), &[("action", "update")]);
    let done = post_fields(&site, &url, &editor_cookie, &update).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(site.get("/articles/festival-returns").await.text("h1"), "Festival back");
}

/// The article's NewsArticle JSON-LD.
fn news_article(page: &Page) -> serde_json::Value {
    page.texts("script[type='application/ld+json']")
        .iter()
        .map(|text| serde_json::from_str::<serde_json::Value>(text).expect("JSON"))
        .find(|doc| doc["@type"] == "NewsArticle")
        .expect("a NewsArticle")
}

async fn corrections_are_dated_on_the_article_in_json_ld_and_on_the_corrections_page(db: &TestDb) {
    let site = site(db).await;
    let (cookie, _) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    let live = "/articles/river-clean-up";
    let before = site.get(live).await;
    assert_eq!(before.count(".article-notes"), 0);
    assert_eq!(before.count(".byline .updated"), 0, "nothing says updated yet");
    assert_eq!(news_article(&before).get("correction"), None);
    // The corrections pages are cached while empty.
    assert_eq!(site.get("/corrections").await.text(".empty"), "No corrections yet.");
    assert_eq!(site.get("/ur/corrections").await.status, StatusCode::OK);
    let held = site.cache.as_ref().expect("cache").keys();
    assert!(held.contains(&"/corrections".to_owned()), "{held:?}");

    db.clock.advance(time::Duration::minutes(75));
    let id = id_of(&site, "river-clean-up").await;
    let url = format!("/admin/articles/{id}");
    let editor = get_as(&site, &url, &cookie).await;
    for label in ["Correction", "Update note"] {
        assert!(editor.texts("form.editor label").iter().any(|l| l == label), "label {label}");
    }
    let text = "An earlier version said the clean-up was on Sunday; it was on Saturday.";
    let update = with(
        &editor_form(&editor),
        &[
            ("action", "update"),
            ("correction", text),
            ("update_note", "The council will fund skips next year."),
            ("show_updated", "on"),
        ],
    );
    let done = post_fields(&site, &url, &cookie, &update).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = site.get(live).await;
    assert_eq!(page.text(".note-correction .note-text"), text, "on the live article at once");
    assert_eq!(page.text(".note-correction .note-kind"), "Correction");
    assert_eq!(page.text(".note-correction time"), "28 November 2026 at 13:15");
    assert_eq!(page.attr(".note-correction time", "datetime"), "2026-11-28T13:15:00Z");
    assert_eq!(page.text(".note-update .note-text"), "The council will fund skips next year.");
    assert_eq!(page.text(".byline .updated"), "Updated 28 November 2026 at 13:15", "the same day");
    let json = news_article(&page);
    assert_eq!(json["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(json["correction"][0]["text"], text);
    assert_eq!(json["correction"][0]["datePublished"], "2026-11-28T13:15:00Z");
    assert_eq!(
        json["correction"].as_array().map(Vec::len),
        Some(1),
        "update notes are not corrections"
    );
    assert_eq!(json["dateModified"], "2026-11-28T13:15:00Z");
    // The corrections page lists it (its cached copy was purged), linking to the article.
    let list = site.get("/corrections").await;
    assert_eq!(list.texts(".correction-text"), [text]);
    assert_eq!(list.attr(".correction-headline a", "href"), live);
    assert_eq!(list.text(".correction-meta time"), "28 November 2026 at 13:15");
    assert_eq!(list.count(".site-footer a[href='/corrections']"), 1, "linked from every page");
    let urdu = site.get("/ur/corrections").await;
    assert_eq!(urdu.count(".correction"), 0, "an English article's correction");
    assert_eq!(urdu.text("h1"), "تصحیحات");
    // A later update keeps the notes; dateModified follows the last change.
    db.clock.advance(time::Duration::hours(2));
    let editor = get_as(&site, &url, &cookie).await;
    assert!(editor.text(".notes-so-far").contains(text), "the editor lists them");
    assert_eq!(editor.text("#correction"), "", "a new correction starts empty");
    let update = with(
        &editor_form(&editor),
        &[("action", "update"), ("headline", "Volunteers clean the banks")],
    );
    post_fields(&site, &url, &cookie, &update).await;
    let page = site.get(live).await;
    assert_eq!(page.text(".note-correction .note-text"), text);
    assert_eq!(news_article(&page)["dateModified"], "2026-11-28T15:15:00Z");
    assert_eq!(page.text(".byline .updated"), "Updated 28 November 2026 at 13:15");
    // Unpublished, it leaves the corrections page.
    let unpublish =
        with(&editor_form(&get_as(&site, &url, &cookie).await), &[("action", "unpublish")]);
    post_fields(&site, &url, &cookie, &unpublish).await;
    assert_eq!(site.get("/corrections").await.count(".correction"), 0);
    // Corrections are for live articles.
    let draft = id_of(&site, "secret-draft").await;
    let editor = get_as(&site, &format!("/admin/articles/{draft}"), &cookie).await;
    assert_eq!(editor.count("#correction"), 0, "no correction field on a draft");
}

async fn the_editors_preview_shows_the_whole_article_once(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let fields = editor_fields(&csrf, "preview", "Harbour works begin", "Cranes **arrive** today.");
    let preview = post_as(&site, "/admin/articles/new", &cookie, &fields).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert_eq!(preview.count("section.preview"), 1, "one preview");
    assert_eq!(preview.text(".preview .headline"), "Harbour works begin");
    assert_eq!(preview.text(".preview .standfirst"), "A short summary.");
    assert_eq!(preview.texts(".preview .e-content strong"), ["arrive"], "the body, once");
    assert_eq!(preview.count(".preview .e-content"), 1);
    assert_eq!(preview.text(".preview .byline .by"), "By Maya Chen");
    assert_eq!(preview.text(".preview .kicker"), "News");
    assert_eq!(preview.text(".word-count"), "3 words · 1 min read");
    assert_eq!(preview.text("#body"), "Cranes **arrive** today.", "the text stays in the form");
    assert!(site.newsroom.store().article_state("harbour-works-begin").await.expect("q").is_none());
    // The live preview (editor.js) gets the same, for the whole form.
    let live = post_as(&site, "/admin/preview", &cookie, &fields).await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.text(".preview-article .headline"), "Harbour works begin");
    assert_eq!(live.text(".preview-article .standfirst"), "A short summary.");
    assert_eq!(live.attr(".preview-article", "data-word-count"), "3 words · 1 min read");
    assert_eq!(live.headers[header::CACHE_CONTROL], "no-store");
    // Unfinished (no section, no headline yet) still previews.
    let bare =
        post_as(&site, "/admin/preview", &cookie, &[("csrf", &csrf), ("body", "Just words")]).await;
    assert_eq!(bare.status, StatusCode::OK);
    assert_eq!(bare.text(".preview-article .e-content"), "Just words");
    // Scheduling says when, on the site's clock.
    let scheduled = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &with_publish_at(
            editor_fields(&csrf, "schedule", "Harbour works begin", "Cranes."),
            "2026-12-01T09:30",
        ),
    )
    .await;
    let after = follow(&site, &scheduled, &cookie).await;
    assert_eq!(after.text(".flash"), "Scheduled for 1 December 2026 at 09:30 (UTC)");
    assert_eq!(buttons(&after), ["Preview", "Save", "Publish", "Schedule", "Unpublish"]);
    // The article's page in another person's editor is not theirs to preview.
    let id = after.attr("form.editor", "action").trim_start_matches("/admin/articles/").to_owned();
    let (jonas, _) = signed_in_as(&site, "Jonas Berg", Role::Contributor).await;
    let refused =
        post_as(&site, &format!("/admin/preview?article={id}"), &jonas, &[("csrf", "x")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

fn with_publish_at<'a>(
    mut fields: Vec<(&'a str, &'a str)>,
    at: &'a str,
) -> Vec<(&'a str, &'a str)> {
    fields.retain(|(k, _)| *k != "publish_at");
    fields.push(("publish_at", at));
    fields
}

async fn a_draft_previews_as_a_page_for_the_newsroom_and_through_shared_links(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let id = id_of(&site, "secret-draft").await;
    assert_eq!(site.get("/articles/secret-draft").await.status, StatusCode::NOT_FOUND);
    let page = get_as(&site, &format!("/admin/articles/{id}/preview"), &cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("main > article h1.headline"), "A draft nobody may see");
    assert_eq!(page.count("main > article .e-content"), 1);
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex, nofollow");
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(page.count("#comments"), 0, "a preview has no comments");
    assert!(page.text(".preview-banner").starts_with("Preview"));
    assert_eq!(page.count(".site-footer"), 1, "in the site's layout");
    let (jonas, _) = signed_in_as(&site, "Jonas Berg", Role::Contributor).await;
    let refused = get_as(&site, &format!("/admin/articles/{id}/preview"), &jonas).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // A shared link: made from the editor, shown once, working without an account.
    let url = format!("/admin/articles/{id}");
    let made = post_as(&site, &format!("{url}/preview-links"), &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(made.location(), url);
    let editor = follow(&site, &made, &cookie).await;
    let link = editor.attr("#flash-link", "value");
    let prefix = "http://127.0.0.1:8080/preview/";
    assert!(link.starts_with(prefix) && link.len() == prefix.len() + 64, "{link}");
    assert_eq!(editor.count(".preview-links li"), 1);
    assert!(editor.text(".preview-links li").contains("works until 5 December 2026 at 12:00"));
    let path = link.trim_start_matches("http://127.0.0.1:8080");
    let shared = site.get(path).await;
    assert_eq!(shared.status, StatusCode::OK);
    assert_eq!(shared.text("h1.headline"), "A draft nobody may see");
    assert_eq!(shared.attr("meta[name=robots]", "content"), "noindex, nofollow");
    assert_eq!(shared.headers["x-robots-tag"], "noindex, nofollow");
    assert_eq!(shared.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(shared.headers[header::REFERRER_POLICY], "no-referrer");
    assert!(!site.cache.as_ref().expect("cache").keys().iter().any(|k| k.starts_with("/preview")));
    // It shows the draft as it stands (a draft's save announces nothing: no cache could know).
    let editor = get_as(&site, &url, &cookie).await;
    let save =
        with(&editor_form(&editor), &[("action", "save"), ("headline", "A draft for the lawyer")]);
    post_fields(&site, &url, &cookie, &save).await;
    assert_eq!(site.get(path).await.text("h1.headline"), "A draft for the lawyer");
    // Revoked from the editor: gone at once.
    let revoke = get_as(&site, &url, &cookie).await.attr(".preview-links li form", "action");
    let done = post_as(&site, &revoke, &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(
        follow(&site, &done, &cookie).await.text(".flash"),
        "Preview link revoked: it no longer works."
    );
    assert_eq!(site.get(path).await.status, StatusCode::NOT_FOUND);
    // Another expires after 7 days.
    let made = post_as(&site, &format!("{url}/preview-links"), &cookie, &[("csrf", &csrf)]).await;
    let link = follow(&site, &made, &cookie).await.attr("#flash-link", "value");
    let path = link.trim_start_matches("http://127.0.0.1:8080").to_owned();
    db.clock.advance(time::Duration::days(7) - time::Duration::seconds(1));
    assert_eq!(site.get(&path).await.status, StatusCode::OK);
    db.clock.advance(time::Duration::seconds(1));
    assert_eq!(site.get(&path).await.status, StatusCode::NOT_FOUND, "expired");
    assert_eq!(site.get("/preview/not-a-token").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get_as(&site, &url, &cookie).await.count(".preview-links li"), 0);
}

async fn autosave_keeps_each_persons_editor_and_offers_it_back(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Author).await;
    let fields = editor_fields(&csrf, "", "Half a thought", "Some words.");
    let forged = post_as(&site, "/admin/articles/new/autosave", &cookie, &fields[1..]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "the CSRF token is checked");
    let kept = post_as(&site, "/admin/articles/new/autosave", &cookie, &fields).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let answer: serde_json::Value = serde_json::from_str(&kept.body).expect("JSON");
    assert_eq!(answer["message"], "Saved automatically at 12:00");
    assert_eq!(answer["saved_at"], "2026-11-28T12:00:00Z");
    assert_eq!(site.newsroom.store().count_articles().await.expect("count"), 7, "not an article");
    // JSON works as well as a form.
    db.clock.advance(time::Duration::minutes(3));
    let json = serde_json::json!({ "csrf": csrf, "headline": "A whole thought", "body": "More words.", "authors": [] });
    let request = Request::post("/admin/articles/new/autosave")
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json.to_string()))
        .expect("request");
    let kept = site.send(request).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    // Offered back when the editor opens again.
    let editor = get_as(&site, "/admin/articles/new", &cookie).await;
    assert_eq!(
        editor.text(".autosave-offer a"),
        "Restore autosaved version from 28 November 2026 at 12:03"
    );
    let restore = editor.attr(".autosave-offer a", "href");
    let restored = get_as(&site, &restore, &cookie).await;
    assert_eq!(restored.attr("#headline", "value"), "A whole thought");
    assert_eq!(restored.text("#body"), "More words.");
    assert!(restored.text(".notice").contains("autosaved version from 28 November 2026 at 12:03"));
    // Nobody else sees it.
    let (editor_cookie, _) = signed_in_as(&site, "Ed Itor", Role::Editor).await;
    assert_eq!(
        get_as(&site, "/admin/articles/new", &editor_cookie).await.count(".autosave-offer"),
        0
    );
    // Saving the article empties the slot.
    let saved = post_as(
        &site,
        "/admin/articles/new",
        &cookie,
        &editor_fields(&csrf, "save", "A whole thought", "More words."),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(get_as(&site, "/admin/articles/new", &cookie).await.count(".autosave-offer"), 0);
    // An existing article's slot: offered while newer than the article, gone after "Update".
    let id = id_of(&site, "budget-vote-passes").await;
    let url = format!("/admin/articles/{id}");
    let editor = get_as(&site, &url, &cookie).await;
    db.clock.advance(time::Duration::minutes(1));
    let mut changed = with(&editor_form(&editor), &[("headline", "Budget vote: the details")]);
    changed.retain(|(k, _)| k != "action");
    let kept = post_fields(&site, &format!("{url}/autosave"), &cookie, &changed).await;
    assert_eq!(kept.status, StatusCode::OK);
    let editor = get_as(&site, &url, &cookie).await;
    assert_eq!(editor.count(".autosave-offer"), 1);
    assert_eq!(
        editor.attr("#headline", "value"),
        "Council budget vote passes",
        "the saved text until restored"
    );
    let update = with(&editor_form(&editor), &[("action", "update")]);
    post_fields(&site, &url, &cookie, &update).await;
    assert_eq!(get_as(&site, &url, &cookie).await.count(".autosave-offer"), 0);
    // Someone else's article is not theirs to autosave; a body over the limit is refused.
    let other = id_of(&site, "festival-returns").await;
    let refused =
        post_fields(&site, &format!("/admin/articles/{other}/autosave"), &cookie, &changed).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let huge = "x".repeat(3 * 1024 * 1024);
    let too_big = post_as(
        &site,
        "/admin/articles/new/autosave",
        &cookie,
        &[("csrf", &csrf), ("body", &huge)],
    )
    .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
}
