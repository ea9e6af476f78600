//! Who may do what in the newsroom: every route of `admin::routes()`, for each role and for a
//! visitor who is not signed in, checked against one table written out below so that a reader
//! can hold it against the rules (`lede_core::account::Role`):
//!
//! - a contributor writes drafts and submits them for review;
//! - an author also publishes their own;
//! - an editor edits, schedules and publishes anyone's, moderates comments, sets the
//!   breaking-news banner, and writes, publishes and deletes static pages;
//! - an admin also manages accounts, sections, menus, webhooks and site settings (its logo
//!   and share image too);
//! - nobody changes their own role.
//!
//! Every signed-in request is sent twice: first without the CSRF token (always a 403 page,
//! and nothing changes), then with it (the outcome in the table). The sign-in and setup
//! forms have no session and so no token; they refuse a foreign `Origin` instead.

use crate::newsroom::upload_to;
use crate::support::{
    PASSWORD, Page, Site, editor_fields, form_body, get_as, media_site, pending_comment, png,
    post_as,
};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use lede_core::account::Role;
use lede_core::comment::CommentStatus;
use lede_core::content::SectionInput;
use lede_store::test_support::TestDb;
use lede_store::{Accounts, MediaLibrary};
use std::collections::HashMap;

lede_store::on_both_databases!(every_admin_route_answers_each_role_as_the_rules_say);

/// What a request must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// 200: the page, or the preview.
    Ok,
    /// 303: done, and sent on.
    Done,
    /// A 403 page that says why.
    No,
    /// 404: the setup page once the site has an account.
    Gone,
    /// 401: a wrong password on the sign-in form.
    Wrong,
    /// Not signed in: a 303 to the sign-in form at `/admin`.
    SignIn,
    /// Not signed in, at `/admin` itself: the sign-in form.
    Form,
}
use Expect::*;

/// How a request is protected against cross-site forgery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    /// A GET: nothing to forge.
    Read,
    /// The session's CSRF token in the form.
    Token,
    /// The same, in a multipart upload.
    Upload,
    /// No session yet: a foreign `Origin` is refused.
    Origin,
}
use Guard::*;

/// One row: method and path (placeholders in braces), the form, and what each of
/// contributor, author, editor and admin gets, then a signed-out visitor.
struct Row {
    get: bool,
    path: &'static str,
    guard: Guard,
    fields: &'static [(&'static str, &'static str)],
    roles: [Expect; 4],
    signed_out: Expect,
}

const fn get(path: &'static str, roles: [Expect; 4], signed_out: Expect) -> Row {
    Row { get: true, path, guard: Read, fields: &[], roles, signed_out }
}

const fn post(
    path: &'static str,
    guard: Guard,
    fields: &'static [(&'static str, &'static str)],
    roles: [Expect; 4],
    signed_out: Expect,
) -> Row {
    Row { get: false, path, guard, fields, roles, signed_out }
}

const ALL: [Expect; 4] = [Ok, Ok, Ok, Ok];
const ALL_DO: [Expect; 4] = [Done, Done, Done, Done];
const EDITORS: [Expect; 4] = [No, No, Ok, Ok];
const EDITORS_DO: [Expect; 4] = [No, No, Done, Done];
const ADMIN: [Expect; 4] = [No, No, No, Ok];
const ADMIN_DO: [Expect; 4] = [No, No, No, Done];

/// Placeholders: `{article}` someone else's published article, `{draft}` someone else's
/// draft, `{link}` a live preview link of that draft, `{comment}` a pending comment, `{media}` an unused library image someone else
/// uploaded, `{mine}` one the account uploaded itself, `{section}` a
/// section, `{empty}` an empty section, `{other}` another account, `{me}` the account itself,
/// `{session}` another session of the same account, `{page}` a static page, `{menu}` the
/// header menu, `{webhook}` a webhook endpoint with `{delivery}` queued for it, `{doomed}`
/// another endpoint. `{role}` keeps names unique. Rows run in
/// this order; those that end sessions come last.
const TABLE: &[Row] = &[
    // Everyone signed in: the dashboard, their articles, media and profile.
    get("/admin", ALL, Form),
    get("/admin/articles", ALL, SignIn),
    get("/admin/articles/new", ALL, SignIn),
    // Someone else's article opens in the editor, with its history, only for editors.
    get("/admin/articles/{article}", EDITORS, SignIn),
    get("/admin/articles/{article}/revisions", EDITORS, SignIn),
    get("/admin/articles/{article}/restore?version=1", EDITORS, SignIn),
    get("/admin/articles/{draft}", EDITORS, SignIn),
    get("/admin/articles/{draft}/preview", EDITORS, SignIn),
    // The email an article makes: editors and admins, who send it.
    get("/admin/articles/{article}/email", EDITORS, SignIn),
    get("/admin/articles/{article}/email/body", EDITORS, SignIn),
    get("/admin/media", ALL, SignIn),
    get("/admin/profile", ALL, SignIn),
    // Editors moderate comments and set the breaking-news banner.
    get("/admin/comments", EDITORS, SignIn),
    get("/admin/breaking", EDITORS, SignIn),
    // Admins manage accounts, sections and settings.
    get("/admin/people", ADMIN, SignIn),
    get("/admin/sections", ADMIN, SignIn),
    get("/admin/sections/{section}", ADMIN, SignIn),
    get("/admin/settings", ADMIN, SignIn),
    // Static pages: editors and admins.
    get("/admin/pages", EDITORS, SignIn),
    get("/admin/pages/new", EDITORS, SignIn),
    get("/admin/pages/{page}", EDITORS, SignIn),
    get("/admin/pages/{page}/revisions", EDITORS, SignIn),
    get("/admin/pages/{page}/delete", EDITORS, SignIn),
    // Newsletters: editors and admins.
    get("/admin/newsletters", EDITORS, SignIn),
    get("/admin/newsletters/subscribers.csv", EDITORS, SignIn),
    // Menus and webhooks: admins.
    get("/admin/menus", ADMIN, SignIn),
    get("/admin/webhooks", ADMIN, SignIn),
    get("/admin/webhooks/{webhook}", ADMIN, SignIn),
    // Setup is gone once the site has an account.
    get("/admin/setup", [Gone; 4], Gone),
    post(
        "/admin/setup",
        Origin,
        &[("name", "Eve"), ("email", "eve@example.com"), ("password", PASSWORD)],
        [Gone; 4],
        Gone,
    ),
    post(
        "/admin/sign-in",
        Origin,
        // One address per role: five failures with one address lock it, account or not.
        &[("email", "nobody-{role}@example.com"), ("password", "not the password")],
        [Wrong; 4],
        Wrong,
    ),
    // Writing: everyone drafts and submits; publishing their own takes an author.
    post("/admin/preview", Token, &[("body", "**Bold**")], ALL, SignIn),
    // Everyone's own autosave slot; another person's article only for editors.
    post("/admin/articles/new/autosave", Token, &[("headline", "Half a thought")], ALL, SignIn),
    post(
        "/admin/articles/{draft}/autosave",
        Token,
        &[("headline", "Half a thought")],
        EDITORS,
        SignIn,
    ),
    post(
        "/admin/articles/new",
        Token,
        &[("action", "save"), ("headline", "Draft by {role}")],
        ALL_DO,
        SignIn,
    ),
    post(
        "/admin/articles/new",
        Token,
        &[("action", "submit"), ("headline", "Review for {role}")],
        ALL_DO,
        SignIn,
    ),
    post(
        "/admin/articles/new",
        Token,
        &[("action", "publish"), ("headline", "Published by {role}")],
        [No, Done, Done, Done],
        SignIn,
    ),
    // Someone else's articles: editors edit, schedule and publish them.
    post(
        "/admin/articles/{article}",
        Token,
        &[
            ("action", "update"),
            ("headline", "Council budget vote passes"),
            ("authors", "maya-chen"),
        ],
        EDITORS_DO,
        SignIn,
    ),
    post(
        "/admin/articles/{article}",
        Token,
        &[
            ("action", "later"),
            ("headline", "Council budget vote passes"),
            ("authors", "maya-chen"),
        ],
        EDITORS_DO,
        SignIn,
    ),
    post("/admin/articles/{article}", Token, &[("action", "discard")], EDITORS_DO, SignIn),
    // Preview links of someone else's draft: editors make and revoke them.
    post("/admin/articles/{draft}/preview-links", Token, &[], EDITORS_DO, SignIn),
    post("/admin/articles/{draft}/preview-links/{link}/revoke", Token, &[], EDITORS_DO, SignIn),
    post(
        "/admin/articles/{draft}",
        Token,
        &[
            ("action", "schedule"),
            ("headline", "Draft for the {role}"),
            ("authors", "maya-chen"),
            ("publish_at", "2026-12-01T09:30"),
        ],
        EDITORS_DO,
        SignIn,
    ),
    post(
        "/admin/articles/{draft}",
        Token,
        &[("action", "publish"), ("headline", "Draft for the {role}"), ("authors", "maya-chen")],
        EDITORS_DO,
        SignIn,
    ),
    // The desk's bulk actions: anyone sends them, each article is refused or done under the
    // workflow's rules (a 303 with the message either way); deleting for good asks editors
    // first and refuses the others. Editors trash someone else's draft, and restore it.
    post(
        "/admin/articles/bulk",
        Token,
        &[("action", "delete"), ("ids", "{draft}")],
        [No, No, Ok, Ok],
        SignIn,
    ),
    post("/admin/articles/{draft}/trash", Token, &[], EDITORS_DO, SignIn),
    post(
        "/admin/articles/bulk",
        Token,
        &[("action", "restore"), ("ids", "{draft}")],
        ALL_DO,
        SignIn,
    ),
    get("/admin/articles/trash/empty", EDITORS, SignIn),
    post("/admin/articles/trash/empty", Token, &[("confirm", "yes")], EDITORS_DO, SignIn),
    // Media: everyone who writes uploads, and deletes their own; editors delete any.
    post("/admin/media", Upload, &[], ALL_DO, SignIn),
    post("/admin/media/{mine}", Token, &[("alt", "A harbour at dawn")], ALL_DO, SignIn),
    post("/admin/media/{media}", Token, &[("alt", "Boats in port")], EDITORS_DO, SignIn),
    post("/admin/media/{mine}/delete", Token, &[], ALL_DO, SignIn),
    post("/admin/media/{media}/delete", Token, &[], EDITORS_DO, SignIn),
    // Each person's own byline and picture.
    post(
        "/admin/profile",
        Token,
        &[("name", "The {role}"), ("bio", "Reports."), ("website", "")],
        ALL_DO,
        SignIn,
    ),
    post("/admin/profile/avatar", Upload, &[], ALL_DO, SignIn),
    post("/admin/profile/avatar/remove", Token, &[], ALL_DO, SignIn),
    // Comments: editors.
    post(
        "/admin/comments",
        Token,
        &[("action", "approve"), ("ids", "{comment}")],
        EDITORS_DO,
        SignIn,
    ),
    post("/admin/comments/{comment}/reply", Token, &[("text", "Thank you.")], EDITORS_DO, SignIn),
    post(
        "/admin/breaking",
        Token,
        &[("language", "en"), ("text", "Roads shut by the {role}"), ("until", "2026-11-28T18:00")],
        EDITORS_DO,
        SignIn,
    ),
    post("/admin/breaking/clear", Token, &[("language", "en")], EDITORS_DO, SignIn),
    // Accounts: admins, and nobody changes their own role.
    post(
        "/admin/people",
        Token,
        &[
            ("name", "New {role}"),
            ("email", "new-{role}@example.com"),
            ("role", "contributor"),
            ("password", PASSWORD),
        ],
        ADMIN_DO,
        SignIn,
    ),
    post("/admin/people/{other}/role", Token, &[("role", "author")], ADMIN_DO, SignIn),
    post("/admin/people/{me}/role", Token, &[("role", "admin")], [No; 4], SignIn),
    post("/admin/people/{other}/sign-out", Token, &[], ADMIN_DO, SignIn),
    // Sections and settings: admins.
    post("/admin/sections", Token, &[("name", "Desk of the {role}")], ADMIN_DO, SignIn),
    post(
        "/admin/sections/{section}",
        Token,
        &[("name", "Culture"), ("position", "2")],
        ADMIN_DO,
        SignIn,
    ),
    post("/admin/sections/{section}/move", Token, &[("direction", "up")], ADMIN_DO, SignIn),
    post("/admin/sections/{empty}/delete", Token, &[], ADMIN_DO, SignIn),
    post(
        "/admin/settings",
        Token,
        &[("name", "Northbridge Test"), ("tagline", "Tests")],
        ADMIN_DO,
        SignIn,
    ),
    // The site's logo and default share image: admins, through the media library.
    post("/admin/settings/logo", Upload, &[], ADMIN_DO, SignIn),
    post("/admin/settings/share-image", Upload, &[], ADMIN_DO, SignIn),
    post("/admin/settings/image/remove", Token, &[("image", "logo")], ADMIN_DO, SignIn),
    // Static pages: editors and admins write, publish, restore and delete them.
    post(
        "/admin/pages/new",
        Token,
        &[("title", "Page by {role}"), ("body", "Words."), ("status", "draft")],
        EDITORS_DO,
        SignIn,
    ),
    post(
        "/admin/pages/{page}",
        Token,
        &[("title", "Team"), ("slug", "team-{role}"), ("body", "Us."), ("status", "published")],
        EDITORS_DO,
        SignIn,
    ),
    post("/admin/pages/{page}/status", Token, &[("status", "draft")], EDITORS_DO, SignIn),
    post("/admin/pages/{page}/restore", Token, &[("version", "1")], EDITORS_DO, SignIn),
    post("/admin/pages/{page}/delete", Token, &[], EDITORS_DO, SignIn),
    // Menus: admins.
    post(
        "/admin/menus/{menu}/add",
        Token,
        &[("kind", "link"), ("label", "Shop of the {role}"), ("url", "https://shop.example.com/")],
        ADMIN_DO,
        SignIn,
    ),
    post(
        "/admin/menus/{menu}/move",
        Token,
        &[("index", "1"), ("direction", "up")],
        ADMIN_DO,
        SignIn,
    ),
    post("/admin/menus/{menu}/remove", Token, &[("index", "0")], ADMIN_DO, SignIn),
    post("/admin/menus/{menu}/reset", Token, &[], ADMIN_DO, SignIn),
    // Newsletters: editors and admins set the lists, import and remove subscribers.
    post("/admin/newsletters/settings", Token, &[("daily_time", "07:00")], EDITORS_DO, SignIn),
    post("/admin/newsletters/import", Upload, &[], EDITORS_DO, SignIn),
    post("/admin/newsletters/subscribers/{subscriber}/remove", Token, &[], EDITORS_DO, SignIn),
    post(
        "/admin/articles/{article}/email/test",
        Token,
        &[("list", "breaking:en")],
        EDITORS_DO,
        SignIn,
    ),
    // Webhooks: admins add endpoints (the answer shows the secret, no redirect), send a
    // delivery again, enable and delete endpoints.
    post(
        "/admin/webhooks",
        Token,
        &[("url", "https://hooks.example.com/{role}"), ("events", "article.published")],
        ADMIN,
        SignIn,
    ),
    post("/admin/webhooks/{webhook}/deliveries/{delivery}/resend", Token, &[], ADMIN_DO, SignIn),
    post("/admin/webhooks/{webhook}/enable", Token, &[], ADMIN_DO, SignIn),
    post("/admin/webhooks/{doomed}/delete", Token, &[], ADMIN_DO, SignIn),
    // Everyone's own sessions, then signing out.
    post("/admin/profile/sessions/{session}/sign-out", Token, &[], ALL_DO, SignIn),
    post("/admin/profile/sessions/sign-out-others", Token, &[], ALL_DO, SignIn),
    post("/admin/sign-out", Token, &[], ALL_DO, SignIn),
];

/// Every route `admin::routes()` declares, as "METHOD path": the table must cover each.
const ROUTES: &[&str] = &[
    "GET /admin",
    "POST /admin/sign-in",
    "POST /admin/sign-out",
    "GET /admin/setup",
    "POST /admin/setup",
    "GET /admin/comments",
    "POST /admin/comments",
    "GET /admin/profile",
    "POST /admin/profile",
    "POST /admin/profile/avatar",
    "POST /admin/profile/avatar/remove",
    "POST /admin/profile/sessions/{id}/sign-out",
    "POST /admin/profile/sessions/sign-out-others",
    "GET /admin/sections",
    "POST /admin/sections",
    "GET /admin/sections/{id}",
    "POST /admin/sections/{id}",
    "POST /admin/sections/{id}/move",
    "POST /admin/sections/{id}/delete",
    "GET /admin/settings",
    "POST /admin/settings",
    "POST /admin/settings/logo",
    "POST /admin/settings/share-image",
    "POST /admin/settings/image/remove",
    "GET /admin/breaking",
    "POST /admin/breaking",
    "POST /admin/breaking/clear",
    "GET /admin/media",
    "POST /admin/media",
    "POST /admin/media/{id}",
    "POST /admin/media/{id}/delete",
    "POST /admin/comments/{id}/reply",
    "GET /admin/people",
    "POST /admin/people",
    "POST /admin/preview",
    "POST /admin/people/{id}/role",
    "POST /admin/people/{id}/sign-out",
    "GET /admin/articles",
    "GET /admin/articles/new",
    "POST /admin/articles/new",
    "GET /admin/articles/{id}",
    "POST /admin/articles/{id}",
    "GET /admin/articles/{id}/revisions",
    "GET /admin/articles/{id}/restore",
    "GET /admin/articles/{id}/preview",
    "GET /admin/articles/{id}/email",
    "GET /admin/articles/{id}/email/body",
    "POST /admin/articles/{id}/email/test",
    "POST /admin/articles/new/autosave",
    "POST /admin/articles/{id}/autosave",
    "POST /admin/articles/{id}/preview-links",
    "POST /admin/articles/{id}/preview-links/{id}/revoke",
    "POST /admin/articles/bulk",
    "POST /admin/articles/{id}/trash",
    "GET /admin/articles/trash/empty",
    "POST /admin/articles/trash/empty",
    "GET /admin/pages",
    "GET /admin/pages/new",
    "POST /admin/pages/new",
    "GET /admin/pages/{id}",
    "POST /admin/pages/{id}",
    "POST /admin/pages/{id}/status",
    "GET /admin/pages/{id}/revisions",
    "POST /admin/pages/{id}/restore",
    "GET /admin/pages/{id}/delete",
    "POST /admin/pages/{id}/delete",
    "GET /admin/menus",
    "POST /admin/menus/{id}/add",
    "POST /admin/menus/{id}/move",
    "POST /admin/menus/{id}/remove",
    "POST /admin/menus/{id}/reset",
    "GET /admin/newsletters",
    "POST /admin/newsletters/settings",
    "POST /admin/newsletters/import",
    "GET /admin/newsletters/subscribers.csv",
    "POST /admin/newsletters/subscribers/{id}/remove",
    "GET /admin/webhooks",
    "POST /admin/webhooks",
    "GET /admin/webhooks/{id}",
    "POST /admin/webhooks/{id}/enable",
    "POST /admin/webhooks/{id}/delete",
    "POST /admin/webhooks/{id}/deliveries/{id}/resend",
];

/// A route's shape: placeholders made `{id}`, the query dropped.
fn shape(row: &Row) -> String {
    let path = row.path.split('?').next().unwrap_or(row.path);
    let path: Vec<String> = path
        .split('/')
        .map(|part| if part.starts_with('{') { "{id}".to_owned() } else { part.to_owned() })
        .collect();
    format!("{} {}", if row.get { "GET" } else { "POST" }, path.join("/"))
}

fn fill(text: &str, values: &HashMap<&'static str, String>) -> String {
    values
        .iter()
        .fold(text.to_owned(), |text, (key, value)| text.replace(&format!("{{{key}}}"), value))
}

/// What a response was, in the table's terms, for the failure message.
fn outcome(page: &Page) -> Option<Expect> {
    match page.status {
        StatusCode::OK if page.count("form[action='/admin/sign-in']") == 1 => Some(Form),
        StatusCode::OK => Some(Ok),
        StatusCode::SEE_OTHER if page.location() == "/admin" => Some(SignIn),
        StatusCode::SEE_OTHER => Some(Done),
        StatusCode::FORBIDDEN if page.count("main") == 1 => Some(No),
        StatusCode::NOT_FOUND => Some(Gone),
        StatusCode::UNAUTHORIZED => Some(Wrong),
        _ => None,
    }
}

/// Whether a page is what was expected. A signed-in person sent to `/admin` (signing out
/// does that) has been answered, so `Done` accepts it.
fn matches(page: &Page, expected: Expect) -> bool {
    let got = outcome(page);
    got == Some(expected) || expected == Done && got == Some(SignIn)
}

async fn send(
    site: &Site,
    row: &Row,
    path: &str,
    cookie: &str,
    fields: &[(String, String)],
    csrf: Option<&str>,
) -> Page {
    match row.guard {
        Read => get_as(site, path, cookie).await,
        Upload => upload_to(site, path, cookie, csrf.unwrap_or(""), &png(64, 48)).await,
        Token => {
            let mut all: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            if let Some(csrf) = csrf {
                all.push(("csrf", csrf));
            }
            post_as(site, path, cookie, &all).await
        }
        Origin => {
            let body = form_body(
                &fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(),
            );
            let mut request = Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie);
            if csrf.is_none() {
                request = request.header(header::ORIGIN, "https://evil.example");
            }
            site.send(request.body(Body::from(body)).expect("request")).await
        }
    }
}

/// The fields a row sends: editor rows get the editor's other fields.
fn form(row: &Row, values: &HashMap<&'static str, String>) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let is_editor = row.path.starts_with("/admin/articles/");
    if is_editor {
        for (key, value) in editor_fields("", "", "", "Words of the story.") {
            if key != "csrf" && !row.fields.iter().any(|(k, _)| *k == key) {
                fields.push((key.to_owned(), value.to_owned()));
            }
        }
    }
    for (key, value) in row.fields {
        fields.push(((*key).to_owned(), fill(value, values)));
    }
    fields
}

async fn every_admin_route_answers_each_role_as_the_rules_say(db: &TestDb) {
    let mut covered: Vec<String> = TABLE.iter().map(shape).collect();
    covered.sort();
    covered.dedup();
    let mut declared: Vec<String> = ROUTES.iter().map(|r| (*r).to_owned()).collect();
    declared.sort();
    assert_eq!(covered, declared, "the table covers every admin route, and only those");

    let (site, media_dir) = media_site(db).await;
    let accounts = Accounts::new(&site.newsroom);
    let store = site.newsroom.store().clone();
    let files = lede_store::MediaStore::local(media_dir.clone()).expect("a media folder");
    let library = MediaLibrary::new(store.clone(), files, Default::default());
    let other = accounts
        .create_user("target@example.com", "Tess Target", Role::Contributor, PASSWORD)
        .await
        .expect("account");
    accounts
        .create_user("links@example.com", "Lin Maker", Role::Editor, PASSWORD)
        .await
        .expect("account");
    let link_maker =
        store.user_by_email("links@example.com").await.expect("query").expect("the link maker");
    let id_of = |slug: &'static str| {
        let store = store.clone();
        async move { store.article_state(slug).await.expect("query").expect("article").0.0.to_string() }
    };
    let mut values: HashMap<&'static str, String> = HashMap::new();
    values.insert("article", id_of("budget-vote-passes").await);
    let secret = id_of("secret-draft").await;
    values.insert("other", other.0.to_string());
    let culture = store.section_by_slug("culture").await.expect("query").expect("section");
    values.insert("section", culture.id.0.to_string());

    let mut failures = Vec::new();
    let roles = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];
    for (column, role) in roles.into_iter().enumerate() {
        let name = role.as_str();
        let email = format!("{name}@example.com");
        let user = accounts
            .create_user(&email, &format!("The {name}"), role, PASSWORD)
            .await
            .expect("account");
        // Two sessions: one to act with, one for the session rows to end.
        let acting = accounts.sign_in(&email, PASSWORD).await.expect("signed in");
        accounts.sign_in(&email, PASSWORD).await.expect("signed in again");
        let cookie = format!("lede_session={}", acting.token);
        let session = get_as(&site, "/admin/profile", &cookie)
            .await
            .attr(".sessions tr.session:not(.current) form", "action");
        let session =
            session.trim_start_matches("/admin/profile/sessions/").trim_end_matches("/sign-out");
        let media = library
            .upload(&png(20 + column as u32, 20), "spare.png", None, site.newsroom.now())
            .await
            .expect("uploaded");
        let mine = library
            .upload(&png(60 + column as u32, 20), "mine.png", Some(user), site.newsroom.now())
            .await
            .expect("uploaded");
        let empty = site
            .newsroom
            .save_section(
                SectionInput {
                    slug: lede_core::Slug::parse(&format!("empty-{name}")).expect("slug"),
                    name: format!("Empty {name}"),
                    description: String::new(),
                    parent: None,
                },
                50,
            )
            .await
            .expect("section");
        let mut draft = store
            .editable_article(lede_core::content::ArticleId(secret.parse().expect("id")))
            .await
            .expect("query")
            .expect("article")
            .input;
        draft.slug = lede_core::Slug::parse(&format!("draft-for-the-{name}")).expect("slug");
        draft.headline = format!("Draft for the {name}");
        let draft = site.newsroom.save_article(None, draft).await.expect("draft");
        values.insert("draft", draft.0.to_string());
        site.newsroom.share_preview(&link_maker, draft).await.expect("a preview link");
        let links = site.newsroom.live_preview_links(draft).await.expect("links");
        values.insert("link", links[0].id.to_string());
        values.insert("role", name.to_owned());
        values.insert("me", user.0.to_string());
        values.insert("session", session.to_owned());
        values.insert("comment", pending_comment(&site, name).await.0.to_string());
        values.insert("media", media.id.to_string());
        values.insert("mine", mine.id.to_string());
        values.insert("empty", empty.0.to_string());
        // Two webhook endpoints (one to delete), with a delivery queued by an approval.
        let events = ["comment.approved".to_owned()];
        let url = "https://hooks.example.com/lede";
        let (hook, _) = site.newsroom.add_webhook(url, &events, false).await.expect("endpoint");
        let (doomed, _) = site.newsroom.add_webhook(url, &events, false).await.expect("endpoint");
        let approved = pending_comment(&site, &format!("Hook {name}")).await;
        site.newsroom.moderate_comment(approved, CommentStatus::Approved).await.expect("approve");
        let log = store.webhook_deliveries(hook.id, 1).await.expect("log");
        values.insert("webhook", hook.id.to_string());
        values.insert("doomed", doomed.id.to_string());
        values.insert("delivery", log[0].id.to_string());
        let page = site
            .newsroom
            .save_page(lede_core::content::PageInput {
                slug: lede_core::Slug::parse(&format!("page-{name}")).expect("slug"),
                title: format!("Page of the {name}"),
                body_markdown: "Words.".into(),
            })
            .await
            .expect("page");
        values.insert("page", page.0.to_string());
        values.insert("menu", "header".to_owned());
        // A subscriber for each role to remove.
        let rows = lede_core::newsletter::read_csv(
            format!("email,consent\nreader-{name}@example.org,yes\n").as_bytes(),
        )
        .expect("csv");
        site.newsroom.import_subscribers_unchecked(&rows).await.expect("import");
        let subscriber = store
            .subscriber_by_email(&format!("reader-{name}@example.org"))
            .await
            .expect("query")
            .expect("subscriber");
        values.insert("subscriber", subscriber.id.to_string());
        for row in TABLE {
            let path = fill(row.path, &values);
            let fields = form(row, &values);
            let expected = row.roles[column];
            if row.guard != Read {
                let forged = send(&site, row, &path, &cookie, &fields, None).await;
                if forged.status != StatusCode::FORBIDDEN {
                    failures
                        .push(format!("{name}: {path} without protection got {}", forged.status));
                }
            }
            let page = send(&site, row, &path, &cookie, &fields, Some(&acting.csrf)).await;
            if !matches(&page, expected) {
                failures.push(format!(
                    "{name}: {} {path} expected {expected:?}, got {} {:?} {}",
                    if row.get { "GET" } else { "POST" },
                    page.status,
                    outcome(&page),
                    page.location()
                ));
            }
        }
    }
    // Signed out: every route sends the visitor to sign in (the setup and sign-in forms
    // answer for themselves).
    for row in TABLE {
        let path = fill(row.path, &values);
        let fields = form(row, &values);
        let page = send(&site, row, &path, "", &fields, Some("")).await;
        if !matches(&page, row.signed_out)
            || row.signed_out == SignIn && outcome(&page) != Some(SignIn)
        {
            failures.push(format!(
                "signed out: {path} expected {:?}, got {} {:?} {}",
                row.signed_out,
                page.status,
                outcome(&page),
                page.location()
            ));
        }
    }
    // What was refused left nothing behind.
    for name in ["contributor", "author", "editor"] {
        let section = format!("desk-of-the-{name}");
        assert!(store.section_by_slug(&section).await.expect("query").is_none(), "{section}");
        let email = format!("new-{name}@example.com");
        assert!(store.user_by_email(&email).await.expect("query").is_none(), "{email}");
    }
    assert!(store.section_by_slug("desk-of-the-admin").await.expect("query").is_some());
    for (name, made) in [("contributor", false), ("author", false), ("editor", true)] {
        let page = store.page_id_by_slug(&format!("page-by-{name}")).await.expect("query");
        assert_eq!(page.is_some(), made, "{name}'s page");
        let kept = store.page_id_by_slug(&format!("page-{name}")).await.expect("query");
        assert_eq!(kept.is_some(), !made, "{name} deletes a page only as an editor");
    }
    assert!(
        store.article_state("published-by-contributor").await.expect("query").is_none(),
        "a contributor cannot publish"
    );
    let _ = std::fs::remove_dir_all(media_dir);
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
