//! Newsletters through the real router, with mail written by lettre into an outbox folder
//! (the transport a site without SMTP uses; `scripts/check-newsletters.sh` sends through a
//! real SMTP server): a reader subscribes, confirms from the email, receives the breaking
//! news an editor sends on publish (multipart, with RFC 8058 one-click unsubscribe headers)
//! and unsubscribes with one click, no cookie; the form turns bots away and answers every
//! address alike; the newsroom sees the counts, imports and removes subscribers.

use crate::support::{
    Page, Site, editor_fields, get_as, post_as, settings, signed_in, site_with, temp_dir,
};
use axum::http::StatusCode;
use lede_core::account::Role;
use lede_store::test_support::{TestDb, load_fixture};
use lede_web::newsletters::{MailSettings, MailTransport, Mailer, make_due_briefings, send_due};
use mail_parser::MessageParser;
use std::path::{Path, PathBuf};
use std::sync::Arc;

lede_store::on_both_databases!(
    a_reader_subscribes_confirms_gets_breaking_news_and_unsubscribes_in_one_click,
    the_form_turns_bots_away_and_answers_every_address_alike,
    the_newsroom_imports_exports_and_removes_subscribers,
    an_editor_previews_the_email_tests_it_and_partners_hear_it_was_sent,
);

/// The fixture site sending mail into a fresh outbox folder.
async fn mail_site(db: &TestDb) -> (Site, Arc<Mailer>, PathBuf) {
    mail_site_with(db, settings()).await
}

async fn mail_site_with(
    db: &TestDb,
    settings: lede_web::SiteSettings,
) -> (Site, Arc<Mailer>, PathBuf) {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let outbox = temp_dir("outbox");
    let mail = MailSettings {
        from: "Northbridge <news@northbridge.example>".into(),
        transport: MailTransport::Outbox(outbox.clone()),
        dkim: None,
        per_minute: 60_000,
    };
    let mut site = site_with(db, newsroom, settings).await;
    site.state = site.state.clone().with_mailer(Mailer::new(&mail).expect("mailer"));
    site.app = lede_web::site(site.state.clone());
    site.cache = site.state.page_cache.clone();
    let mailer = site.state.mailer.clone().expect("mailer");
    (site, mailer, outbox)
}

/// The `.eml` files in the outbox, oldest first, read whole.
fn mails(outbox: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(outbox)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.extension().is_some_and(|e| e == "eml"));
    files.sort();
    files.iter().map(|f| std::fs::read(f).expect("mail")).collect()
}

/// Waits for the outbox to hold `count` mails (a confirmation is sent in the background).
async fn wait_for_mails(outbox: &Path, count: usize) -> Vec<Vec<u8>> {
    for _ in 0..100 {
        let found = mails(outbox);
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{count} mails expected in {}, found {}", outbox.display(), mails(outbox).len());
}

/// The path and query of an absolute link on the site.
fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').map_or("/".to_owned(), |i| rest[i..].to_owned())
}

/// The first link in `text` that contains `needle`.
fn link_in(text: &str, needle: &str) -> String {
    text.split_whitespace()
        .find(|word| word.contains(needle))
        .unwrap_or_else(|| panic!("no link with {needle} in {text}"))
        .trim_end_matches(['.', ','])
        .to_owned()
}

/// Sends the subscribe form as a reader who took their time.
async fn subscribe(site: &Site, db: &TestDb, email: &str, lists: &[&str]) -> Page {
    let form = site.get("/subscribe").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let token = form.attr("input[name=token]", "value");
    db.clock.advance(time::Duration::seconds(30));
    let mut fields = vec![("email", email), ("token", token.as_str())];
    fields.extend(lists.iter().map(|l| ("lists", *l)));
    site.post_form("/subscribe", &fields).await
}

async fn a_reader_subscribes_confirms_gets_breaking_news_and_unsubscribes_in_one_click(
    db: &TestDb,
) {
    let (site, mailer, outbox) = mail_site(db).await;
    let form = site.get("/subscribe").await;
    assert_eq!(form.attrs("input[name=lists]", "value"), ["daily:en", "breaking:en"]);
    assert_eq!(form.count("input[name=lists][checked]"), 2, "both ticked");
    assert!(form.headers_has_no_store(), "never cached");

    let sent = subscribe(&site, db, "reader@example.org", &["daily:en", "breaking:en"]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.text("h1"), "Check your inbox");
    let mail = &wait_for_mails(&outbox, 1).await[0];
    let confirmation = MessageParser::default().parse(mail).expect("a message");
    assert_eq!(
        confirmation.to().and_then(|t| t.first()).and_then(|a| a.address()),
        Some("reader@example.org")
    );
    assert_eq!(confirmation.subject(), Some("Confirm your subscription to Northbridge Test"));
    let text = confirmation.body_text(0).expect("a text part").to_string();
    assert!(confirmation.body_html(0).is_some(), "and an HTML part");
    let confirm = path_of(&link_in(&text, "/subscribe/confirm"));
    // Nothing but the confirmation goes out before it is followed.
    let editor = signed_in(&site, Role::Editor).await;
    let mut fields = editor_fields(&editor.1, "publish", "Bridge closes at dawn", "Traffic stops.");
    fields.push(("email_breaking", "on"));
    let published = post_as(&site, "/admin/articles/new", &editor.0, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 0, "unconfirmed");
    assert_eq!(mails(&outbox).len(), 1);

    let confirmed = site.get(&confirm).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(confirmed.text("h1"), "You are subscribed");
    let tampered = site.get(&confirm.replace("sig=", "sig=0")).await;
    assert_eq!(tampered.status, StatusCode::BAD_REQUEST);

    let mut fields =
        editor_fields(&editor.1, "publish", "Harbour reopens to ferries", "Ferries run.");
    fields.push(("email_breaking", "on"));
    let published = post_as(&site, "/admin/articles/new", &editor.0, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 1);
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 0, "sent once");
    let all = mails(&outbox);
    assert_eq!(all.len(), 2);
    let issue = MessageParser::default().parse(&all[1]).expect("a message");
    assert_eq!(issue.subject(), Some("Breaking: Harbour reopens to ferries"));
    let header = |name: &str| {
        issue.header_raw(name).map(|v| v.trim().to_owned()).unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
    assert_eq!(header("Content-Language"), "en");
    let unsubscribe = header("List-Unsubscribe");
    let unsubscribe = unsubscribe.trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(unsubscribe.starts_with("http"), "absolute: {unsubscribe}");
    let html = issue.body_html(0).expect("an HTML part").to_string();
    let text = issue.body_text(0).expect("a text part").to_string();
    assert!(html.contains("lang=\"en\"") && html.contains("dir=\"ltr\""), "{html}");
    assert!(html.contains("<p>Ferries run.</p>"), "the first paragraphs: {html}");
    assert!(text.contains("Ferries run.") && text.contains("/articles/harbour-reopens-to-ferries"));
    assert!(!text.contains('<'), "plain text: {text}");

    // A mail client's one-click unsubscribe: a POST with no cookie and no token.
    let done =
        site.post_raw(&path_of(&unsubscribe), "List-Unsubscribe=One-Click".into(), &[]).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.text("h1"), "Unsubscribe");
    let store = site.newsroom.store();
    let reader = store.subscriber_by_email("reader@example.org").await.expect("q").expect("still");
    assert_eq!(reader.confirmed_lists(), ["daily:en"], "off breaking news only");
    // The newsroom sees the issue's counts.
    let admin_page = get_as(&site, "/admin/newsletters", &editor.0).await;
    assert_eq!(admin_page.status, StatusCode::OK, "{}", admin_page.body);
    assert_eq!(admin_page.texts(".issue-breaking .count-delivered"), ["1", "0"]);
    assert_eq!(admin_page.texts(".issue-breaking .count-unsubscribed"), ["1", "0"]);
    assert!(admin_page.text(".notice").contains(&outbox.display().to_string()), "outbox named");

    // The daily briefing comes at the time the newsroom sets, with the day's articles.
    let fields = [("csrf", editor.1.as_str()), ("daily_time", "23:59")];
    post_as(&site, "/admin/newsletters/settings", &editor.0, &fields).await;
    assert_eq!(make_due_briefings(&site.state).await.expect("briefings"), 0, "not time yet");
    let fields = [("csrf", editor.1.as_str()), ("daily_time", "00:00")];
    post_as(&site, "/admin/newsletters/settings", &editor.0, &fields).await;
    assert_eq!(make_due_briefings(&site.state).await.expect("briefings"), 1, "English only");
    assert_eq!(make_due_briefings(&site.state).await.expect("briefings"), 0, "once");
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 1);
    let all = mails(&outbox);
    let briefing = MessageParser::default().parse(&all[2]).expect("a message");
    assert!(briefing.subject().is_some_and(|s| s.starts_with("Northbridge Test: daily briefing")));
    let html = briefing.body_html(0).expect("html").to_string();
    assert!(html.contains("Harbour reopens to ferries") && html.contains("Bridge closes at dawn"));
    let _ = std::fs::remove_dir_all(&outbox);
}

trait NoStore {
    fn headers_has_no_store(&self) -> bool;
}

impl NoStore for Page {
    fn headers_has_no_store(&self) -> bool {
        self.headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("no-store"))
    }
}

async fn the_form_turns_bots_away_and_answers_every_address_alike(db: &TestDb) {
    let (site, _mailer, outbox) = mail_site(db).await;
    let store = site.newsroom.store();
    // A bot fills in the honeypot: it is told what a reader is told, and nothing is kept.
    let form = site.get("/subscribe").await;
    let token = form.attr("input[name=token]", "value");
    db.clock.advance(time::Duration::seconds(30));
    let bot = site
        .post_form(
            "/subscribe",
            &[
                ("email", "bot@example.org"),
                ("lists", "daily:en"),
                ("token", &token),
                ("homepage", "x"),
            ],
        )
        .await;
    assert_eq!(bot.status, StatusCode::OK);
    assert_eq!(bot.text("h1"), "Check your inbox");
    assert!(store.subscriber_by_email("bot@example.org").await.expect("q").is_none());
    // A form sent at once, or without its token, is refused.
    let form = site.get("/subscribe").await;
    let token = form.attr("input[name=token]", "value");
    let hasty = site
        .post_form(
            "/subscribe",
            &[("email", "a@example.org"), ("lists", "daily:en"), ("token", &token)],
        )
        .await;
    assert_eq!(hasty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let forged =
        site.post_form("/subscribe", &[("email", "a@example.org"), ("lists", "daily:en")]).await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(store.subscriber_by_email("a@example.org").await.expect("q").is_none());
    // A bad address and no list are said on the form.
    let bad = subscribe(&site, db, "not an address", &["daily:en"]).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!bad.text(".form-errors").is_empty());
    let none = subscribe(&site, db, "b@example.org", &[]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A new address and one already confirmed get the same page.
    let first = subscribe(&site, db, "c@example.org", &["daily:en"]).await;
    wait_for_mails(&outbox, 1).await;
    let id = store.subscriber_by_email("c@example.org").await.expect("q").expect("kept").id;
    let confirm = MessageParser::default()
        .parse(&mails(&outbox)[0])
        .expect("mail")
        .body_text(0)
        .expect("text")
        .to_string();
    site.get(&path_of(&link_in(&confirm, "/subscribe/confirm"))).await;
    let again = subscribe(&site, db, "c@example.org", &["daily:en"]).await;
    assert_eq!((first.status, first.text("main")), (again.status, again.text("main")));
    assert_eq!(store.subscriber(id).await.expect("q").expect("s").confirmed_lists(), ["daily:en"]);
    // The Urdu edition's form speaks Urdu, right to left, and offers the Urdu lists.
    let urdu = site.get("/ur/subscribe").await;
    assert_eq!(urdu.status, StatusCode::OK);
    assert_eq!(urdu.attr("html", "dir"), "rtl");
    assert_eq!(urdu.attrs("input[name=lists]", "value"), ["daily:ur", "breaking:ur"]);
    assert_eq!(urdu.attr("form.subscribe-form", "action"), "/ur/subscribe");
    // An article offers the short form, with its language's lists.
    let article = site.get("/articles/river-floods-saltmarsh").await;
    assert_eq!(article.attr(".subscribe-box form", "action"), "/subscribe");
    assert_eq!(
        article.attrs(".subscribe-box input[name=lists]", "value"),
        ["daily:en", "breaking:en"]
    );
    let _ = std::fs::remove_dir_all(&outbox);
}

async fn the_newsroom_imports_exports_and_removes_subscribers(db: &TestDb) {
    let (site, mailer, outbox) = mail_site(db).await;
    let editor = signed_in(&site, Role::Editor).await;
    let author = signed_in(&site, Role::Author).await;
    assert_eq!(get_as(&site, "/admin/newsletters", &author.0).await.status, StatusCode::FORBIDDEN);
    let csv = "email,language,lists,consent\n\
        one@example.org,en,daily:en breaking:en,yes\n\
        two@example.org,ur,daily:ur,no\n";
    let imported = crate::support::upload_file(
        &site,
        "/admin/newsletters/import",
        &editor.0,
        &editor.1,
        "subscribers.csv",
        csv.as_bytes(),
        "text/html",
    )
    .await;
    assert_eq!(imported.status, StatusCode::SEE_OTHER, "{}", imported.body);
    let page = get_as(&site, "/admin/newsletters", &editor.0).await;
    assert_eq!(page.text("#subscribers-heading"), "2 subscribers");
    assert_eq!(page.count(".subscribers .status-confirmed"), 1);
    assert_eq!(page.count(".subscribers .status-pending"), 1);
    // The unconfirmed row got the confirmation, in Urdu.
    let confirmation = &wait_for_mails(&outbox, 1).await[0];
    let parsed = MessageParser::default().parse(confirmation).expect("mail");
    let html = parsed.body_html(0).expect("html").to_string();
    assert!(html.contains("dir=\"rtl\""));
    // Mail clients that load web fonts get the site's Nastaliq, from the site itself.
    assert!(html.contains("@font-face{font-family:'Noto Nastaliq Urdu'"), "{html}");
    assert!(html.contains("src:url(http"), "an absolute font address: {html}");
    let export = get_as(&site, "/admin/newsletters/subscribers.csv", &editor.0).await;
    assert_eq!(export.status, StatusCode::OK);
    assert!(export.body.starts_with("email,language,lists,consent"));
    assert!(export.body.contains("one@example.org,en,breaking:en daily:en,yes,confirmed"));
    // Settings: the daily briefing's time, a section's list.
    let saved = post_as(
        &site,
        "/admin/newsletters/settings",
        &editor.0,
        &[("csrf", &editor.1), ("daily_time", "06:45"), ("sections", "1")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let page = get_as(&site, "/admin/newsletters", &editor.0).await;
    assert_eq!(page.attr("#daily-time", "value"), "06:45");
    // An editor who works in Urdu reads the sections by their Urdu names.
    let names = vec![lede_core::names::LocalName::new("ur", "خبریں", "")];
    let news = lede_store::test_support::slug("news");
    site.newsroom
        .save_local_names(lede_core::names::Named::Section, &news, names)
        .await
        .expect("names");
    let accounts = lede_store::Accounts::new(&site.newsroom);
    let token = editor.0.split_once('=').map(|(_, token)| token).expect("a session");
    let (user, _) = accounts.session(token).await.expect("query").expect("signed in");
    accounts.set_interface_language(&user, Some("ur")).await.expect("Urdu");
    let urdu = get_as(&site, "/admin/newsletters", &editor.0).await;
    assert!(urdu.texts("fieldset label").iter().any(|l| l.trim() == "خبریں"), "{}", urdu.body);
    accounts.set_interface_language(&user, None).await.expect("back to English");
    // Removing: the address goes, a hash stays, and a second import leaves it out.
    let remove = page.attrs(".subscribers form", "action");
    let removed = post_as(&site, &remove[0], &editor.0, &[("csrf", &editor.1)]).await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let page = get_as(&site, "/admin/newsletters", &editor.0).await;
    assert_eq!(page.text("#subscribers-heading"), "1 subscriber");
    let _ = (mailer, std::fs::remove_dir_all(&outbox));
}

/// A reader confirmed on `lists`, through the form and the emailed link.
async fn confirmed_reader(site: &Site, db: &TestDb, outbox: &Path, email: &str, lists: &[&str]) {
    let before = mails(outbox).len();
    let sent = subscribe(site, db, email, lists).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let mail = wait_for_mails(outbox, before + 1).await.remove(before);
    let text = MessageParser::default()
        .parse(&mail)
        .expect("mail")
        .body_text(0)
        .expect("text")
        .to_string();
    let confirmed = site.get(&path_of(&link_in(&text, "/subscribe/confirm"))).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
}

async fn an_editor_previews_the_email_tests_it_and_partners_hear_it_was_sent(db: &TestDb) {
    let settings = lede_web::SiteSettings { webhooks_allow_private: true, ..settings() };
    let (site, mailer, outbox) = mail_site_with(db, settings).await;
    confirmed_reader(&site, db, &outbox, "reader@example.org", &["breaking:en"]).await;
    let (url, received) = crate::webhooks::receiver(&[200]).await;
    let admin = signed_in(&site, Role::Admin).await;
    let made = crate::webhooks::add_endpoint(&site, &admin, &url, &["newsletter.sent"]).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);

    // A draft: its email can be looked at before anything is sent.
    let editor = signed_in(&site, Role::Editor).await;
    let fields = editor_fields(&editor.1, "save", "Bridge closes at dawn", "Traffic stops.");
    let saved = post_as(&site, "/admin/articles/new", &editor.0, &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.headers["location"].to_str().expect("a location");
    let edit = location.split('?').next().expect("a path").to_owned();
    let page = get_as(&site, &edit, &editor.0).await;
    let email = page.attr(".email-preview-link a", "href");
    assert_eq!(email, format!("{edit}/email"));
    let preview = get_as(&site, &email, &editor.0).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!(preview.text("h1"), "Email preview");
    assert_eq!(preview.attrs("select[name=list] option", "value"), ["daily:en", "breaking:en"]);
    assert_eq!(preview.attr("select[name=list] option[selected]", "value"), "breaking:en");
    assert!(preview.text(".email-subject").ends_with("Breaking: Bridge closes at dawn"));
    // Headline and subject are marked in the article's language, so they take its type.
    assert_eq!(preview.attr(".email-headline", "lang"), "en");
    assert_eq!(preview.attr(".email-subject-text", "lang"), "en");
    assert!(preview.text(".notice").contains("not published yet"), "{}", preview.body);
    assert!(preview.text(".email-text pre").contains("Traffic stops."));
    // The email itself, in a frame of its own: no scripts, shown only inside the newsroom.
    let body = get_as(&site, &preview.attr(".email-frame", "src"), &editor.0).await;
    assert_eq!(body.status, StatusCode::OK);
    assert!(body.body.contains("<p>Traffic stops.</p>") && body.body.contains("dir=\"ltr\""));
    assert!(!body.body.contains("@font-face"), "no web font for English");
    let policy = body.headers["content-security-policy"].to_str().expect("text").to_owned();
    assert!(policy.contains("sandbox") && policy.contains("frame-ancestors 'self'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
    // The daily list's email is the article alone, under its headline.
    let daily = get_as(&site, &format!("{email}?list=daily:en"), &editor.0).await;
    assert!(daily.text(".email-subject").ends_with("Subject: Bridge closes at dawn"));
    // Authors do not send email.
    let writer = signed_in(&site, Role::Author).await;
    assert_eq!(get_as(&site, &email, &writer.0).await.status, StatusCode::FORBIDDEN);

    // "Send me a test": to the editor alone, now, outside the queue.
    let test = preview.attr("form[action$='/email/test']", "action");
    let fields = [("csrf", editor.1.as_str()), ("list", "breaking:en")];
    let sent = post_as(&site, &test, &editor.0, &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let all = mails(&outbox);
    let mail = MessageParser::default().parse(all.last().expect("a mail")).expect("a message");
    assert_eq!(mail.subject(), Some("[Test] Breaking: Bridge closes at dawn"));
    assert_eq!(
        mail.to().and_then(|t| t.first()).and_then(|a| a.address()),
        Some("editor@example.com")
    );
    assert!(mail.body_html(0).is_some_and(|h| h.contains("<p>Traffic stops.</p>")));
    let without = post_as(&site, &test, &editor.0, &[("list", "breaking:en")]).await;
    assert_eq!(without.status, StatusCode::FORBIDDEN, "no CSRF token, no mail");
    assert_eq!(mails(&outbox).len(), all.len());
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 0, "nothing queued");

    // Published as breaking news: the reader gets it, the counts show on the email page,
    // and the partner hears that the issue was sent.
    let version = get_as(&site, &edit, &editor.0).await.attr("input[name=version]", "value");
    let mut fields = editor_fields(&editor.1, "publish", "Bridge closes at dawn", "Traffic stops.");
    fields.extend([("email_breaking", "on"), ("version", &version), ("authors", "jonas-berg")]);
    let published = post_as(&site, &edit, &editor.0, &fields).await;
    assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.body);
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 1);
    assert_eq!(send_due(&site.state, &mailer).await.expect("worker"), 0);
    let counts = get_as(&site, &email, &editor.0).await;
    assert_eq!(counts.texts(".issue-breaking .count-delivered"), ["1"]);
    assert!(!counts.body.contains("not published yet"), "published now");
    let sender = lede_web::webhooks::Sender::new(true).expect("client");
    assert_eq!(lede_web::webhooks::deliver_due(&site.state, &sender).await.expect("hooks"), 1);
    let requests = received.lock().expect("log").clone();
    assert_eq!(requests.len(), 1);
    let payload: serde_json::Value = serde_json::from_str(&requests[0].1).expect("JSON");
    assert_eq!(payload["type"], "newsletter.sent");
    assert_eq!(payload["data"]["newsletter"]["list"], "breaking:en");
    assert_eq!(payload["data"]["newsletter"]["kind"], "breaking");
    assert_eq!(payload["data"]["newsletter"]["delivered"], 1);
    assert_eq!(payload["data"]["newsletter"]["failed"], 0);
    assert_eq!(payload["data"]["article"]["headline"], "Bridge closes at dawn");
    let _ = std::fs::remove_dir_all(&outbox);
}
