//! The desk's article list through the real router, on both databases: bulk actions with
//! the message that counts them and names what was refused, "Move to section" changing only
//! the section (a draft or an unpublished article stays as it was), the trash (a trashed article's
//! address answers 410 Gone, "Restore" brings it back as a draft, "Empty trash" asks first,
//! then deletes for good), sorting by column headers, and the language, word and comment
//! columns.

use crate::support::*;
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::{ArticleId, ArticleStatus};
use lede_core::workflow::Step;
use lede_store::test_support::{NOW, TestDb, article};

lede_store::on_both_databases!(
    bulk_trash_takes_articles_off_the_site_and_restore_brings_them_back,
    empty_trash_asks_first_then_deletes_for_good,
    bulk_actions_refuse_what_the_role_does_not_allow_and_say_why,
    the_desk_sorts_by_its_column_headers_and_keeps_the_filters,
    the_desk_shows_language_words_and_comments,
    bulk_move_keeps_every_status_and_records_a_revision,
);

/// Posts the desk's bulk form with `action` for the articles `ids`.
async fn bulk(
    site: &Site,
    cookie: &str,
    csrf: &str,
    action: &str,
    ids: &[i64],
    extra: &[(&str, &str)],
) -> Page {
    let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    let mut fields = vec![("csrf", csrf), ("action", action)];
    fields.extend(ids.iter().map(|id| ("ids", id.as_str())));
    fields.extend_from_slice(extra);
    post_as(site, "/admin/articles/bulk", cookie, &fields).await
}

async fn bulk_trash_takes_articles_off_the_site_and_restore_brings_them_back(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let desk = get_as(&site, "/admin/articles", &cookie).await;
    // The bulk form: a checkbox per line, the actions, and the trash's count.
    assert_eq!(desk.count("form#bulk input[type=checkbox][name=ids]"), 7);
    assert_eq!(
        desk.texts("#bulk-action option"),
        ["Publish", "Unpublish", "Move to section", "Trash"]
    );
    assert_eq!(desk.attr("form#bulk input[name=csrf]", "value"), csrf);
    assert!(desk.texts(".status-tabs a").contains(&"Trash (0)".to_owned()));
    let live = "/articles/river-floods-saltmarsh";
    assert_eq!(site.get(live).await.status, StatusCode::OK);
    assert_eq!(site.get("/").await.status, StatusCode::OK);
    let cache = site.cache.as_ref().expect("cache");
    assert!(cache.keys().contains(&live.to_owned()));
    let flood = id_of(&site, "river-floods-saltmarsh").await;
    let festival = id_of(&site, "festival-returns").await;

    let done = bulk(&site, &cookie, &csrf, "trash", &[flood, festival], &[]).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "2 articles moved to the trash.");
    // Off the site: the page is purged and its address is gone on purpose.
    assert!(!cache.keys().contains(&live.to_owned()), "purged");
    let gone = site.get(live).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(gone.text("h1").contains("removed"), "{}", gone.text("h1"));
    assert!(!site.get("/").await.body.contains("River floods Saltmarsh homes"));
    assert!(!site.get("/rss.xml").await.body.contains("river-floods-saltmarsh"));
    assert_eq!(
        site.get("/api/articles/river-floods-saltmarsh").await.status,
        StatusCode::NOT_FOUND
    );
    // On the desk only in the trash, which says what they were.
    assert!(!after.body.contains("River floods Saltmarsh homes"));
    assert!(after.texts(".status-tabs a").contains(&"Trash (2)".to_owned()));
    let trash = get_as(&site, "/admin/articles?view=trash", &cookie).await;
    assert_eq!(trash.text("h1"), "Trash");
    assert_eq!(trash.count(".desk tbody tr"), 2);
    assert!(trash.text(".desk tbody").contains("was published"));
    assert_eq!(trash.texts("#bulk-action option"), ["Restore", "Delete permanently"]);
    assert_eq!(trash.attr("form#bulk input[name=back]", "value"), "/admin/articles?view=trash");

    // The editor shows a trashed article with "Restore", and refuses to publish it.
    let editor = get_as(&site, &format!("/admin/articles/{flood}"), &cookie).await;
    assert!(editor.text(".trashed-notice").contains("in the trash"));
    assert_eq!(editor.count("form.trash-one"), 0);

    let done =
        bulk(&site, &cookie, &csrf, "restore", &[flood], &[("back", "/admin/articles?view=trash")])
            .await;
    assert_eq!(done.location(), "/admin/articles?view=trash");
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "One article restored from the trash, as a draft.");
    assert_eq!(after.count(".desk tbody tr"), 1);
    // Back as a draft: still not public until it is published again.
    assert_eq!(site.get(live).await.status, StatusCode::NOT_FOUND);
    let desk = get_as(&site, "/admin/articles?status=draft", &cookie).await;
    assert!(desk.text(".desk tbody").contains("River floods Saltmarsh homes"));
    let done = bulk(&site, &cookie, &csrf, "publish", &[flood], &[]).await;
    assert_eq!(follow(&site, &done, &cookie).await.text(".flash p"), "One article published.");
    assert_eq!(site.get(live).await.status, StatusCode::OK);

    // The editor's own "Move to trash".
    let editor = get_as(&site, &format!("/admin/articles/{flood}"), &cookie).await;
    assert_eq!(editor.attr("form.trash-one", "action"), format!("/admin/articles/{flood}/trash"));
    let done =
        post_as(&site, &format!("/admin/articles/{flood}/trash"), &cookie, &[("csrf", &csrf)])
            .await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "One article moved to the trash.");
    assert_eq!(site.get(live).await.status, StatusCode::GONE);
}

async fn empty_trash_asks_first_then_deletes_for_good(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let flood = id_of(&site, "river-floods-saltmarsh").await;
    let festival = id_of(&site, "festival-returns").await;
    let budget = id_of(&site, "budget-vote-passes").await;
    bulk(&site, &cookie, &csrf, "trash", &[flood, festival, budget], &[]).await;
    // "Delete permanently" asks first, and the answer's form carries the selection.
    let asked = bulk(&site, &cookie, &csrf, "delete", &[budget], &[]).await;
    assert_eq!(asked.status, StatusCode::OK);
    assert_eq!(asked.texts(".confirm-list li"), ["Council budget vote passes"]);
    assert_eq!(asked.attr("form.confirm input[name=confirm]", "value"), "yes");
    assert!(site.newsroom.store().is_trashed("budget-vote-passes").await.expect("query"));
    let done = bulk(&site, &cookie, &csrf, "delete", &[budget], &[("confirm", "yes")]).await;
    assert_eq!(
        follow(&site, &done, &cookie).await.text(".flash p"),
        "One article deleted for good."
    );
    assert_eq!(site.get("/articles/budget-vote-passes").await.status, StatusCode::NOT_FOUND);

    let trash = get_as(&site, "/admin/articles?view=trash", &cookie).await;
    assert_eq!(
        trash.attr("a[href='/admin/articles/trash/empty']", "href"),
        "/admin/articles/trash/empty"
    );
    let confirm = get_as(&site, "/admin/articles/trash/empty", &cookie).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(confirm.count(".confirm-list li"), 2);
    assert!(confirm.text("main").contains("cannot be undone"));
    let done = post_as(
        &site,
        "/admin/articles/trash/empty",
        &cookie,
        &[("csrf", &csrf), ("confirm", "yes")],
    )
    .await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "2 articles deleted for good.");
    assert_eq!(after.count(".desk tbody tr"), 0);
    assert_eq!(after.text("main p.empty"), "The trash is empty.");
    assert_eq!(after.count("form.bulk-form"), 0, "no bulk actions on nothing");
    assert!(after.texts(".status-tabs a").contains(&"Trash (0)".to_owned()));
    let nothing = get_as(&site, "/admin/articles/trash/empty", &cookie).await;
    assert_eq!(nothing.text("main .empty"), "The trash is empty: there is nothing to delete.");
    assert_eq!(nothing.count("form.confirm"), 0);
    let store = site.newsroom.store();
    assert!(store.article_state("river-floods-saltmarsh").await.expect("query").is_none());
    assert_eq!(site.get("/articles/festival-returns").await.status, StatusCode::NOT_FOUND);
}

async fn bulk_actions_refuse_what_the_role_does_not_allow_and_say_why(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in_as(&site, "Maya Chen", Role::Contributor).await;
    let draft = id_of(&site, "secret-draft").await;
    let live = id_of(&site, "budget-vote-passes").await;
    let done = bulk(&site, &cookie, &csrf, "trash", &[draft, live], &[]).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "One article moved to the trash.");
    assert_eq!(
        after.texts(".flash-details li"),
        [
            "Not done for “Council budget vote passes”: This article is scheduled or published; ask an editor to change it."
        ]
    );
    assert_eq!(site.get("/articles/budget-vote-passes").await.status, StatusCode::OK);
    // Contributors neither publish nor delete for good; the trash offers them only "Restore".
    let done = bulk(&site, &cookie, &csrf, "publish", &[draft], &[]).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "0 articles published.");
    assert_eq!(after.count(".flash-details li"), 1);
    let trash = get_as(&site, "/admin/articles?view=trash", &cookie).await;
    assert_eq!(trash.texts("#bulk-action option"), ["Restore"]);
    assert_eq!(trash.count("a[href='/admin/articles/trash/empty']"), 0);
    let refused = bulk(&site, &cookie, &csrf, "delete", &[draft], &[("confirm", "yes")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get_as(&site, "/admin/articles/trash/empty", &cookie).await.status,
        StatusCode::FORBIDDEN
    );
    // Nothing selected, or no section to move to: said, nothing done.
    assert_eq!(
        bulk(&site, &cookie, &csrf, "trash", &[], &[]).await.status,
        StatusCode::BAD_REQUEST
    );
    let no_section = bulk(&site, &cookie, &csrf, "move", &[draft], &[("section", "")]).await;
    assert_eq!(no_section.status, StatusCode::BAD_REQUEST);
    // Without the token, nothing at all.
    let forged =
        post_as(&site, "/admin/articles/bulk", &cookie, &[("action", "trash"), ("ids", "1")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // An editor's bulk publish refuses an article whose image is not described.
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let done = bulk(&site, &cookie, &csrf, "restore", &[draft], &[]).await;
    follow(&site, &done, &cookie).await;
    let store = site.newsroom.store();
    let id = lede_core::content::ArticleId(draft);
    let mut input = store.editable_article(id).await.expect("q").expect("a").input;
    input.body_markdown.push_str("\n\n![](/media/uploads/2026/11/quay.jpg)");
    site.newsroom.save_article(Some(id), input).await.expect("save");
    let festival = id_of(&site, "festival-returns").await;
    bulk(&site, &cookie, &csrf, "unpublish", &[festival], &[]).await;
    let done = bulk(&site, &cookie, &csrf, "publish", &[draft, festival], &[]).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "One article published.");
    let refusals = after.texts(".flash-details li");
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(refusals[0].starts_with("Not done for “A draft nobody may see”"), "{refusals:?}");
    assert_eq!(site.get("/articles/secret-draft").await.status, StatusCode::NOT_FOUND);
    // Moving to a section: live articles move with "Update".
    let done = bulk(&site, &cookie, &csrf, "move", &[festival], &[("section", "news")]).await;
    assert_eq!(follow(&site, &done, &cookie).await.text(".flash p"), "One article moved to News.");
    assert!(site.get("/section/news").await.body.contains("Music festival returns to Old Quay"));
}

async fn the_desk_sorts_by_its_column_headers_and_keeps_the_filters(db: &TestDb) {
    let site = site(db).await;
    let (cookie, _) = signed_in(&site, Role::Editor).await;
    let desk = get_as(&site, "/admin/articles?section=news", &cookie).await;
    let newest: Vec<String> = desk.texts(".desk tbody td.desk-headline a:first-child");
    // Newest first by default, and the date column says so.
    assert_eq!(desk.attr(".desk th[aria-sort]", "aria-sort"), "descending");
    let by_headline = desk.attr(".desk thead th:nth-child(2) a", "href");
    assert!(by_headline.contains("section=news"), "{by_headline}");
    assert!(by_headline.contains("sort=headline") && by_headline.contains("order=asc"));
    let sorted = get_as(&site, &by_headline, &cookie).await;
    let headlines = sorted.texts(".desk tbody td.desk-headline a:first-child");
    let mut expected = newest.clone();
    expected.sort_by_key(|h| h.to_lowercase());
    assert_eq!(headlines, expected);
    assert_eq!(sorted.attr(".desk thead th:nth-child(2)", "aria-sort"), "ascending");
    // The header link now turns it around; the filter form keeps the order.
    let reversed = sorted.attr(".desk thead th:nth-child(2) a", "href");
    assert!(reversed.contains("order=desc"));
    let z_to_a = get_as(&site, &reversed, &cookie).await;
    expected.reverse();
    assert_eq!(z_to_a.texts(".desk tbody td.desk-headline a:first-child"), expected);
    assert_eq!(sorted.attr(".search-filters input[name=sort]", "value"), "headline");
    // By status: drafts first.
    let by_status = get_as(&site, "/admin/articles?sort=status&order=asc", &cookie).await;
    assert_eq!(
        by_status.text(".desk tbody tr:first-child td.desk-headline a"),
        "A draft nobody may see"
    );
    // "Select all" ticks every line, without JavaScript.
    let select_all = sorted.attr("a[href*='select=all']", "href");
    let all = get_as(&site, select_all.split('#').next().unwrap_or_default(), &cookie).await;
    assert_eq!(all.count(".desk input[name=ids][checked]"), headlines.len());
    assert!(all.attr("form#bulk input[name=back]", "value").contains("sort=headline"));
    // A sort the desk does not know is refused.
    let wrong = get_as(&site, "/admin/articles?sort=size", &cookie).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
}

async fn the_desk_shows_language_words_and_comments(db: &TestDb) {
    let site = site(db).await;
    let (cookie, _) = signed_in(&site, Role::Editor).await;
    let (id, _) = site
        .newsroom
        .store()
        .article_state("river-clean-up")
        .await
        .expect("query")
        .expect("article");
    for name in ["Ann", "Bob", "Cat"] {
        let comment = CommentInput {
            name: name.into(),
            email: "r@example.com".into(),
            website: String::new(),
            text: format!("Words from {name}"),
            parent: None,
        }
        .check()
        .expect("valid");
        site.newsroom.submit_comment(id, &comment, CommentStatus::Approved).await.expect("c");
    }
    let desk = get_as(&site, "/admin/articles?q=clean", &cookie).await;
    let header = desk.texts(".desk thead th");
    for column in ["Language", "Words", "Comments"] {
        assert!(header.contains(&column.to_owned()), "{header:?}");
    }
    assert_eq!(desk.text(".desk tbody td.language"), "en");
    assert_eq!(desk.text(".desk tbody td.words"), "130");
    assert_eq!(desk.text(".desk tbody td.comments"), "3");
}

/// Issue 10: "Move to section" on an unpublished article made it a draft (the move was saved
/// as the editor's "save"). A move changes the section and nothing else, whatever the status,
/// and is recorded as every change is: a revision by the person who moved it. What the editor
/// keeps beside a live article (its pending version) stays too.
async fn bulk_move_keeps_every_status_and_records_a_revision(db: &TestDb) {
    let site = site(db).await;
    let (cookie, csrf) = signed_in(&site, Role::Editor).await;
    let newsroom = &site.newsroom;
    let store = newsroom.store();
    let editor = store.user_by_email("editor@example.com").await.expect("q").expect("editor");
    let draft = id_of(&site, "secret-draft").await;
    let unpublished = id_of(&site, "budget-row-deepens").await;
    let done = bulk(&site, &cookie, &csrf, "unpublish", &[unpublished], &[]).await;
    assert_eq!(follow(&site, &done, &cookie).await.text(".flash p"), "One article unpublished.");
    let live = id_of(&site, "river-clean-up").await;
    let new = |slug_text: &str, step: Step, schedule_at| lede_store::Edit {
        id: None,
        input: article(slug_text, "Harbour works", "news", &["maya-chen"], &[], "Cranes."),
        tag_names: Vec::new(),
        expected_version: None,
        step,
        schedule_at,
        notes: Default::default(),
    };
    let in_review =
        newsroom.edit_article(&editor, new("in-review", Step::SubmitForReview, None)).await;
    let at = NOW + time::Duration::days(2);
    let scheduled =
        newsroom.edit_article(&editor, new("scheduled", Step::Schedule, Some(at))).await;
    let (in_review, scheduled) = (in_review.expect("submit").0, scheduled.expect("schedule").0);
    let opened = store.editable_article(ArticleId(live)).await.expect("q").expect("live");
    let mut later = opened.input.clone();
    later.standfirst = "Volunteers will be back in spring.".to_owned();
    let keep = lede_store::Edit {
        id: Some(ArticleId(live)),
        input: later,
        tag_names: Vec::new(),
        expected_version: Some(opened.version),
        step: Step::SaveForLater,
        schedule_at: None,
        notes: Default::default(),
    };
    newsroom.edit_article(&editor, keep).await.expect("saved for later");

    let ids = [draft, unpublished, in_review, scheduled, live];
    let mut before = Vec::new();
    for id in ids {
        let a = store.editable_article(ArticleId(id)).await.expect("q").expect("article");
        let revisions = store.revisions(ArticleId(id)).await.expect("revisions").len();
        before.push((a.status, a.published_at, a.version, revisions));
    }
    assert_eq!(
        before.iter().map(|b| b.0).collect::<Vec<_>>(),
        [
            ArticleStatus::Draft,
            ArticleStatus::Unpublished,
            ArticleStatus::InReview,
            ArticleStatus::Scheduled,
            ArticleStatus::Published
        ]
    );
    let done = bulk(&site, &cookie, &csrf, "move", &ids, &[("section", "culture")]).await;
    let after = follow(&site, &done, &cookie).await;
    assert_eq!(after.text(".flash p"), "5 articles moved to Culture.");
    assert_eq!(after.count(".flash-details li"), 0, "none refused");
    for (id, (status, published_at, version, revisions)) in ids.into_iter().zip(before) {
        let a = store.editable_article(ArticleId(id)).await.expect("q").expect("article");
        assert_eq!(a.input.section.as_str(), "culture", "article {id} moved");
        assert_eq!((a.status, a.published_at), (status, published_at), "article {id}: as it was");
        assert_eq!(a.version, version + 1, "article {id}: one change");
        let history = store.revisions(ArticleId(id)).await.expect("revisions");
        assert_eq!(history.len(), revisions + 1, "article {id}: a revision of the move");
        assert_eq!(history[0].version, a.version);
        assert_eq!(history[0].saved_by.as_deref(), Some("The editor"), "article {id}");
    }
    // The desk lists each under its old status still.
    let desk = get_as(&site, "/admin/articles?status=unpublished", &cookie).await;
    assert!(desk.text(".desk tbody").contains("Budget row deepens"), "{}", desk.text(".desk"));
    let pending = store.pending_version(ArticleId(live)).await.expect("q").expect("kept");
    assert_eq!(pending.input.standfirst, "Volunteers will be back in spring.", "it stays");
    assert_eq!(site.get("/articles/river-clean-up").await.status, StatusCode::OK, "still live");
}
