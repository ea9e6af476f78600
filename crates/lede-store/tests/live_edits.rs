//! Editing live articles, on SQLite and PostgreSQL alike: "Update" and "Save for later",
//! corrections and update notes, autosaves, preview links.

use lede_core::account::{Role, User};
use lede_core::content::*;
use lede_core::workflow::Step;
use lede_store::test_support::{NOW, TestDb, article, load_fixture};
use lede_store::{Change, Edit, Error, Newsroom, PREVIEW_LINK_LIFETIME, PageRequest};
use tokio::sync::broadcast::Receiver;

lede_store::on_both_databases!(
    update_goes_live_and_save_for_later_waits_beside_the_live_article,
    contributors_propose_changes_to_their_live_articles_for_editors,
    corrections_and_update_notes_are_dated_listed_and_kept,
    autosaves_are_per_person_and_article_and_a_save_clears_them,
    preview_links_keep_only_a_hash_expire_and_can_be_revoked,
    a_preview_shows_unsaved_text_with_the_stored_article_around_it,
);

const PASSWORD: &str = "a long enough password";

async fn fixture(db: &TestDb) -> Newsroom {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    newsroom
}

/// An account with `role` whose name matches a fixture byline (or none).
async fn person(db: &TestDb, newsroom: &Newsroom, email: &str, name: &str, role: Role) -> User {
    lede_store::Accounts::new(newsroom)
        .create_user(email, name, role, PASSWORD)
        .await
        .expect("account");
    db.store().user_by_email(email).await.expect("query").expect("user")
}

/// The editor's form of a stored article, with `change` applied, for `step`.
async fn edit_of(
    db: &TestDb,
    slug: &str,
    step: Step,
    change: impl FnOnce(&mut ArticleInput),
) -> Edit {
    let store = db.store();
    let (id, _) = store.article_state(slug).await.expect("query").expect("article");
    let opened = store.editable_article(id).await.expect("query").expect("article");
    let mut input = opened.input;
    change(&mut input);
    Edit {
        id: Some(id),
        input,
        tag_names: vec![],
        expected_version: Some(opened.version),
        step,
        schedule_at: None,
        notes: UpdateNotes::default(),
    }
}

fn drain(changes: &mut Receiver<Change>) -> Vec<Change> {
    let mut seen = Vec::new();
    while let Ok(change) = changes.try_recv() {
        seen.push(change);
    }
    seen
}

async fn headline(db: &TestDb, slug: &str) -> String {
    db.store().published_article(slug).await.expect("query").expect("live").summary.headline
}

async fn update_goes_live_and_save_for_later_waits_beside_the_live_article(db: &TestDb) {
    let newsroom = fixture(db).await;
    let maya = person(db, &newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let store = db.store();
    let mut changes = newsroom.subscribe();
    let slug = "budget-vote-passes";

    let save = edit_of(db, slug, Step::SaveDraft, |a| a.headline = "Silently changed".into()).await;
    let refused = newsroom.edit_article(&maya, save).await;
    assert!(
        matches!(&refused, Err(Error::Invalid(i)) if i.message.id() == "workflow-live-save"),
        "no plain save on a live article: {refused:?}"
    );
    assert_eq!(headline(db, slug).await, "Council budget vote passes");

    let later = edit_of(db, slug, Step::SaveForLater, |a| {
        a.headline = "Council budget vote passes narrowly".into();
        a.tags.push(lede_store::test_support::slug("libraries"));
    })
    .await;
    let id = later.id.expect("stored");
    let revisions = store.revisions(id).await.expect("revisions").len();
    let before = store.transactions_begun();
    let tag_names = vec![(lede_store::test_support::slug("libraries"), "Libraries".to_owned())];
    newsroom
        .edit_article(&maya, Edit { tag_names, ..later.clone() })
        .await
        .expect("saved for later");
    assert_eq!(store.transactions_begun() - before, 1, "one transaction");
    assert_eq!(headline(db, slug).await, "Council budget vote passes", "the live page stays");
    assert!(drain(&mut changes).is_empty(), "readers see nothing change");
    assert_eq!(store.revisions(id).await.expect("revisions").len(), revisions, "no revision");
    assert_eq!(store.tag_by_slug("libraries").await.expect("query"), None, "no tag yet");
    let pending = store.pending_version(id).await.expect("query").expect("pending");
    assert_eq!(pending.input.headline, "Council budget vote passes narrowly");
    assert_eq!(
        pending.tag_names,
        [(lede_store::test_support::slug("libraries"), "Libraries".into())]
    );
    assert_eq!((pending.saved_at, pending.saved_by.as_deref()), (NOW, Some("Maya Chen")));
    let desk =
        store.desk(&lede_store::DeskFilter::default(), PageRequest::first(50)).await.expect("desk");
    let pending_rows: Vec<_> =
        desk.items.iter().filter(|r| r.pending).map(|r| r.slug.as_str()).collect();
    assert_eq!(pending_rows, [slug], "the desk marks it");

    // "Update" from the pending version puts it live at once, with a revision, and drops it.
    let update = Edit {
        input: pending.input.clone(),
        tag_names: pending.tag_names.clone(),
        expected_version: Some(pending.base_version),
        step: Step::Update,
        ..later.clone()
    };
    let before = store.transactions_begun();
    newsroom.edit_article(&maya, update).await.expect("updated");
    assert_eq!(store.transactions_begun() - before, 1, "an update is one transaction");
    assert_eq!(headline(db, slug).await, "Council budget vote passes narrowly");
    assert_eq!(store.revisions(id).await.expect("revisions").len(), revisions + 1);
    assert!(store.pending_version(id).await.expect("query").is_none(), "superseded");
    assert_eq!(
        store.tag_by_slug("libraries").await.expect("query").expect("tag").name,
        "Libraries"
    );
    let announced = drain(&mut changes);
    assert!(
        announced.iter().any(|c| matches!(c, Change::Article(a) if a.id == id)),
        "{announced:?}"
    );

    // A pending version made from an older version cannot be saved or put live over a newer one.
    let stale = newsroom.edit_article(&maya, later.clone()).await;
    assert!(matches!(stale, Err(Error::Conflict(_))), "{stale:?}");
    assert!(store.pending_version(id).await.expect("query").is_none());

    // Kept, then discarded: the live page never changed.
    let again =
        edit_of(db, slug, Step::SaveForLater, |a| a.standfirst = "Kept aside.".into()).await;
    newsroom.edit_article(&maya, again.clone()).await.expect("saved for later");
    assert!(store.pending_version(id).await.expect("query").is_some());
    newsroom
        .edit_article(&maya, Edit { step: Step::DiscardPending, ..again })
        .await
        .expect("discarded");
    assert!(store.pending_version(id).await.expect("query").is_none());
    let live = store.published_article(slug).await.expect("query").expect("live");
    assert_ne!(live.summary.standfirst, "Kept aside.");
    assert!(drain(&mut changes).is_empty());

    // Neither is for a draft.
    let draft = edit_of(db, "secret-draft", Step::SaveForLater, |_| {}).await;
    let refused = newsroom.edit_article(&maya, draft.clone()).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    let refused = newsroom.edit_article(&maya, Edit { step: Step::Update, ..draft }).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
}

async fn contributors_propose_changes_to_their_live_articles_for_editors(db: &TestDb) {
    let newsroom = fixture(db).await;
    let jonas = person(db, &newsroom, "jonas@example.com", "Jonas Berg", Role::Contributor).await;
    let editor = person(db, &newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let store = db.store();
    let slug = "festival-returns";
    let update = edit_of(db, slug, Step::Update, |a| a.headline = "Festival is back".into()).await;
    let refused = newsroom.edit_article(&jonas, update.clone()).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let later = Edit { step: Step::SaveForLater, ..update.clone() };
    newsroom.edit_article(&jonas, later).await.expect("a contributor proposes a change");
    assert_eq!(headline(db, slug).await, "Music festival returns to Old Quay");
    let id = update.id.expect("id");
    let pending = store.pending_version(id).await.expect("query").expect("pending");
    assert_eq!(pending.saved_by.as_deref(), Some("Jonas Berg"));
    // Someone else's live article: nothing at all.
    let others = edit_of(db, "budget-vote-passes", Step::SaveForLater, |_| {}).await;
    let refused = newsroom.edit_article(&jonas, others).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    // The editor puts it live.
    let live =
        Edit { input: pending.input, expected_version: Some(pending.base_version), ..update };
    newsroom.edit_article(&editor, live).await.expect("the editor updates");
    assert_eq!(headline(db, slug).await, "Festival is back");
}

async fn corrections_and_update_notes_are_dated_listed_and_kept(db: &TestDb) {
    let newsroom = fixture(db).await;
    let editor = person(db, &newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let store = db.store();
    let mut changes = newsroom.subscribe();
    let slug = "river-clean-up";
    let first = store.published_article(slug).await.expect("q").expect("live");
    assert!(first.notes.is_empty() && first.shown_updated_at.is_none());

    db.clock.advance(time::Duration::minutes(90));
    let corrected = NOW + time::Duration::minutes(90);
    let mut update = edit_of(db, slug, Step::Update, |a| a.body_markdown += "\n\nFixed.").await;
    update.notes = UpdateNotes {
        correction: "  An earlier version named the wrong river.  ".into(),
        update: "Volunteers return next week.".into(),
        show_updated: true,
    };
    newsroom.edit_article(&editor, update).await.expect("updated");
    let live = store.published_article(slug).await.expect("q").expect("live");
    assert_eq!(
        live.notes,
        [
            ArticleNote {
                kind: NoteKind::Correction,
                text: "An earlier version named the wrong river.".into(),
                at: corrected,
            },
            ArticleNote {
                kind: NoteKind::Update,
                text: "Volunteers return next week.".into(),
                at: corrected,
            },
        ]
    );
    assert_eq!(live.shown_updated_at, Some(corrected));
    assert_eq!(live.summary.updated_at, corrected, "dateModified follows");
    let announced = drain(&mut changes);
    assert!(
        announced.iter().any(|c| matches!(c, Change::Article(a) if a.corrections)),
        "the corrections page is purged: {announced:?}"
    );

    // Kept through every later update, and through a restored older revision.
    db.clock.advance(time::Duration::hours(1));
    let plain =
        edit_of(db, slug, Step::Update, |a| a.headline = "Volunteers clean up".into()).await;
    newsroom.edit_article(&editor, plain).await.expect("updated again");
    let id = first.summary.id;
    let oldest = store.revisions(id).await.expect("revisions").pop().expect("first revision");
    let restore = edit_of(db, slug, Step::Update, |a| {
        a.headline = oldest.headline.clone();
        a.body_markdown = oldest.body_markdown.clone();
    })
    .await;
    newsroom.edit_article(&editor, restore).await.expect("restored");
    let live = store.published_article(slug).await.expect("q").expect("live");
    assert_eq!(live.notes.len(), 2, "the notes stay");
    assert_eq!(live.shown_updated_at, Some(corrected), "the last update shown to readers");
    assert_eq!(live.summary.updated_at, NOW + time::Duration::minutes(150));
    assert!(
        drain(&mut changes).iter().all(|c| !matches!(c, Change::Article(a) if a.corrections)),
        "no new correction, nothing moved"
    );

    // Listed on the corrections page, in its language's edition only.
    let listed = store.recent_corrections(None, PageRequest::first(10)).await.expect("list");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].summary.slug.as_str(), slug);
    assert_eq!(listed.items[0].text, "An earlier version named the wrong river.");
    assert_eq!(listed.items[0].at, corrected);
    assert_eq!(listed.items[0].summary.authors[0].name, "Jonas Berg");
    assert_eq!(
        store.recent_corrections(Some("en"), PageRequest::first(10)).await.expect("l").total,
        1
    );
    assert_eq!(
        store.recent_corrections(Some("ur"), PageRequest::first(10)).await.expect("l").total,
        0
    );
    // A second correction elsewhere comes first; pages are counted.
    let mut second = edit_of(db, "festival-returns", Step::Update, |_| {}).await;
    second.notes.correction = "The festival lasts three days, not two.".into();
    db.clock.advance(time::Duration::minutes(5));
    newsroom.edit_article(&editor, second).await.expect("corrected");
    let page = store.recent_corrections(None, PageRequest::new(1, 1)).await.expect("list");
    assert_eq!((page.total, page.page_count()), (2, 2));
    assert_eq!(page.items[0].summary.slug.as_str(), "festival-returns");

    // Unpublished, it leaves the list (and the page is purged).
    drain(&mut changes);
    let unpublish = edit_of(db, slug, Step::Unpublish, |_| {}).await;
    newsroom.edit_article(&editor, unpublish).await.expect("unpublished");
    assert!(
        drain(&mut changes).iter().any(|c| matches!(c, Change::Article(a) if a.corrections)),
        "a corrected article leaving the site changes the corrections page"
    );
    assert_eq!(store.recent_corrections(None, PageRequest::first(10)).await.expect("l").total, 1);

    // Notes are for live articles, and no longer than a few sentences.
    let mut draft = edit_of(db, "secret-draft", Step::SaveDraft, |_| {}).await;
    draft.notes.correction = "Nothing to correct yet.".into();
    let refused = newsroom.edit_article(&editor, draft).await;
    assert!(matches!(&refused, Err(Error::Invalid(i)) if i.field == "correction"), "{refused:?}");
    let mut long = edit_of(db, "festival-returns", Step::Update, |_| {}).await;
    long.notes.update = "x".repeat(MAX_NOTE_CHARS + 1);
    let refused = newsroom.edit_article(&editor, long).await;
    assert!(matches!(&refused, Err(Error::Invalid(i)) if i.field == "update_note"), "{refused:?}");
}

async fn autosaves_are_per_person_and_article_and_a_save_clears_them(db: &TestDb) {
    let newsroom = fixture(db).await;
    let maya = person(db, &newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let editor = person(db, &newsroom, "ed@example.com", "Ed Itor", Role::Editor).await;
    let jonas = person(db, &newsroom, "jonas@example.com", "Jonas Berg", Role::Contributor).await;
    let store = db.store();
    let mut changes = newsroom.subscribe();
    let before = store.transactions_begun();
    let at =
        newsroom.autosave(&maya, None, "{\"headline\":\"Half a thought\"}").await.expect("kept");
    assert_eq!(at, NOW);
    newsroom.autosave(&editor, None, "{\"headline\":\"The editor's\"}").await.expect("kept");
    db.clock.advance(time::Duration::seconds(5));
    newsroom.autosave(&maya, None, "{\"headline\":\"A whole thought\"}").await.expect("again");
    let kept = store.autosave(maya.id, None).await.expect("q").expect("slot");
    assert_eq!(kept.content, "{\"headline\":\"A whole thought\"}", "one slot, replaced");
    assert_eq!(kept.saved_at, NOW + time::Duration::seconds(5));
    assert!(drain(&mut changes).is_empty(), "never live");
    assert_eq!(store.count_articles().await.expect("count"), 7, "never an article");
    assert_eq!(store.transactions_begun(), before, "a single statement each");

    let (budget, _) = store.article_state("budget-vote-passes").await.expect("q").expect("a");
    newsroom.autosave(&maya, Some(budget), "budget").await.expect("her own article");
    let refused = newsroom.autosave(&jonas, Some(budget), "not his").await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    assert!(store.autosave(jonas.id, Some(budget)).await.expect("q").is_none());

    // Saving a new article from Maya's editor empties her new-article slot, not the editor's.
    let new = Edit {
        id: None,
        input: article("tide-turns", "The tide turns", "news", &[], &[], "Words."),
        tag_names: vec![],
        expected_version: None,
        step: Step::SaveDraft,
        schedule_at: None,
        notes: UpdateNotes::default(),
    };
    newsroom.edit_article(&maya, new).await.expect("saved");
    assert!(store.autosave(maya.id, None).await.expect("q").is_none());
    assert!(store.autosave(editor.id, None).await.expect("q").is_some());
    assert!(store.autosave(maya.id, Some(budget)).await.expect("q").is_some());
    let update = edit_of(db, "budget-vote-passes", Step::Update, |_| {}).await;
    newsroom.edit_article(&maya, update).await.expect("updated");
    assert!(store.autosave(maya.id, Some(budget)).await.expect("q").is_none());
    // Saving for later supersedes it too.
    newsroom.autosave(&maya, Some(budget), "budget again").await.expect("kept");
    let later = edit_of(db, "budget-vote-passes", Step::SaveForLater, |_| {}).await;
    newsroom.edit_article(&maya, later).await.expect("saved for later");
    assert!(store.autosave(maya.id, Some(budget)).await.expect("q").is_none());
}

async fn preview_links_keep_only_a_hash_expire_and_can_be_revoked(db: &TestDb) {
    let newsroom = fixture(db).await;
    let maya = person(db, &newsroom, "maya@example.com", "Maya Chen", Role::Author).await;
    let jonas = person(db, &newsroom, "jonas@example.com", "Jonas Berg", Role::Contributor).await;
    let store = db.store();
    let (draft, _) = store.article_state("secret-draft").await.expect("q").expect("draft");
    let token = newsroom.share_preview(&maya, draft).await.expect("shared");
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    let other = newsroom.share_preview(&maya, draft).await.expect("shared");
    assert_ne!(token, other, "random");
    assert_eq!(newsroom.previewed_by(&token).await.expect("q"), Some(draft));
    assert_eq!(newsroom.previewed_by("0".repeat(64).as_str()).await.expect("q"), None);
    let links = newsroom.live_preview_links(draft).await.expect("links");
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].expires_at, NOW + time::Duration::days(7));
    assert_eq!(links[0].created_by.as_deref(), Some("Maya Chen"));
    // Only a hash is kept: the token is nowhere in the table.
    let stored = store.preview_link_by_hash(&token).await.expect("q");
    assert!(stored.is_none(), "the token itself is not a key");

    let refused = newsroom.share_preview(&jonas, draft).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let refused = newsroom.revoke_preview(&jonas, draft, links[1].id).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");

    newsroom.revoke_preview(&maya, draft, links[1].id).await.expect("revoked");
    assert_eq!(newsroom.previewed_by(&token).await.expect("q"), None, "at once");
    assert_eq!(newsroom.previewed_by(&other).await.expect("q"), Some(draft), "the other works");
    let again = newsroom.revoke_preview(&maya, draft, links[1].id).await;
    assert!(matches!(again, Err(Error::NotFound(_))), "{again:?}");
    db.clock.advance(PREVIEW_LINK_LIFETIME - time::Duration::seconds(1));
    assert_eq!(newsroom.previewed_by(&other).await.expect("q"), Some(draft));
    db.clock.advance(time::Duration::seconds(1));
    assert_eq!(newsroom.previewed_by(&other).await.expect("q"), None, "expired after 7 days");
    assert!(newsroom.live_preview_links(draft).await.expect("links").is_empty());
}

async fn a_preview_shows_unsaved_text_with_the_stored_article_around_it(db: &TestDb) {
    fixture(db).await;
    let store = db.store();
    let (id, _) = store.article_state("flood-barrier-plan").await.expect("q").expect("a");
    let mut input = store.editable_article(id).await.expect("q").expect("a").input;
    input.headline = "Flood barrier plan approved".into();
    input.body_markdown = "The plan **passed**.".into();
    input.tags.push(lede_store::test_support::slug("sea-walls"));
    let names = [(lede_store::test_support::slug("sea-walls"), "Sea walls".to_owned())];
    let text = input.clone().render_unchecked();
    let later = NOW + time::Duration::days(3);
    let preview = store.preview_article(Some(id), &text, &names, later).await.expect("preview");
    let live = store.published_article("flood-barrier-plan").await.expect("q").expect("live");
    assert_eq!(preview.summary.headline, "Flood barrier plan approved");
    assert!(preview.body_html.contains("<strong>passed</strong>"));
    assert_eq!(preview.summary.published_at, live.summary.published_at, "the stored dates");
    assert_eq!(preview.status, ArticleStatus::Published);
    assert_eq!(preview.summary.section.name, "News");
    let authors: Vec<_> = preview.authors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(authors, ["Maya Chen", "Jonas Berg"], "in the byline's order");
    let tags: Vec<_> = preview.tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(tags, ["River", "Sea walls"], "a new tag by the name it will get");
    // A new article, not saved, with no section chosen yet.
    let mut blank = input;
    blank.section = lede_store::test_support::slug("no-such-section");
    blank.authors.clear();
    let preview =
        store.preview_article(None, &blank.render_unchecked(), &[], later).await.expect("preview");
    assert_eq!((preview.summary.published_at, preview.status), (later, ArticleStatus::Draft));
    assert_eq!(preview.summary.section.name, "");
    assert!(preview.authors.is_empty() && preview.notes.is_empty());
}
