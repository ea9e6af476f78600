//! The emails themselves: multipart HTML and plain text from the theme's `email/` templates,
//! in the subscriber's language and direction, with absolute links and images, and the
//! headers that let a mail client offer a one-click unsubscribe (RFC 2369 `List-Unsubscribe`,
//! RFC 8058 `List-Unsubscribe-Post`).

use crate::state::AppState;
use lede_core::content::{Article, is_right_to_left};
use lede_core::newsletter::{self, CONFIRM_LIFETIME, List, ListKind};
use lede_core::urls;
use lede_store::{ClaimedSend, Issue, IssueKind, Subscriber};
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use serde::Serialize;

/// Paragraphs of an article's body an email carries before "Read the whole article".
const PARAGRAPHS: usize = 3;
/// Articles a daily briefing lists at most.
pub(crate) const BRIEFING_ARTICLES: u32 = 30;

/// An article as an email shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EmailArticle {
    headline: String,
    standfirst: String,
    url: String,
    image: Option<String>,
    image_alt: String,
    /// The first paragraphs, as the site's sanitised HTML (a single article's email only).
    paragraphs_html: Vec<String>,
    paragraphs_text: Vec<String>,
}

/// What every message of one issue shares: read once per issue, not per subscriber. The
/// editor's preview and test have no issue yet (`issue_id` is `None`).
#[derive(Debug, Clone)]
pub(crate) struct IssueContent {
    issue_id: Option<i64>,
    kind: IssueKind,
    list: List,
    list_name: String,
    subject: String,
    articles: Vec<EmailArticle>,
    /// The list language's web fonts, found once per issue rather than once per message.
    fonts: Vec<String>,
}

/// The view an email template gets.
#[derive(Debug, Serialize)]
struct EmailView<'a> {
    lang: &'a str,
    dir: &'static str,
    site_name: String,
    site_url: String,
    subject: &'a str,
    list_name: &'a str,
    kind: &'a str,
    articles: &'a [EmailArticle],
    confirm_url: Option<String>,
    manage_url: Option<String>,
    unsubscribe_url: Option<String>,
    /// The site's Nastaliq fonts (absolute), for the mail clients that load web fonts; the
    /// others fall back to the reader's own Urdu font.
    fonts: &'a [String],
}

/// The web fonts an email in `language` asks for.
fn fonts(state: &AppState, language: &str) -> Vec<String> {
    crate::assets::fonts_for([language]).iter().map(|url| state.settings.absolute(url)).collect()
}

/// An address on this site in `language`'s edition (`/ur/newsletters/…`), absolute.
fn site_url(state: &AppState, language: &str, path: &str) -> String {
    state.settings.absolute(&format!("{}{path}", crate::site::edition::prefix(state, language)))
}

/// The query string of a subscriber's signed link.
fn signed(state: &AppState, subscriber: i64) -> String {
    let sig = newsletter::subscriber_signature(state.newsroom.secret(), subscriber);
    format!("s={subscriber}&sig={sig}")
}

pub(crate) fn manage_url(state: &AppState, language: &str, subscriber: i64) -> String {
    site_url(state, language, &format!("/newsletters/manage?{}", signed(state, subscriber)))
}

pub(crate) fn unsubscribe_url(
    state: &AppState,
    language: &str,
    subscriber: i64,
    list: &str,
    issue: Option<i64>,
) -> String {
    let mut query = vec![("list", list.to_owned())];
    if let Some(issue) = issue {
        query.push(("issue", issue.to_string()));
    }
    let query = serde_urlencoded::to_string(query).unwrap_or_default();
    site_url(
        state,
        language,
        &format!("/newsletters/unsubscribe?{}&{query}", signed(state, subscriber)),
    )
}

/// A list's name in `language`: "Daily briefing", "Breaking news", or its section's name.
pub(crate) async fn list_name(state: &AppState, list: &List, language: &str) -> String {
    match list.kind {
        ListKind::Daily => state.say_in(language, "newsletter-list-daily", &[]),
        ListKind::Breaking => state.say_in(language, "newsletter-list-breaking", &[]),
        ListKind::Section(id) => {
            let Ok(catalog) = state.catalog.get(&state.newsroom).await else {
                return id.0.to_string();
            };
            match catalog.sections.iter().find(|s| s.id == id) {
                Some(section) => {
                    let mut section = section.clone();
                    catalog.names(&list.language).section(&mut section);
                    section.name
                }
                None => id.0.to_string(),
            }
        }
    }
}

/// The text of an HTML fragment: tags dropped, the entities the sanitiser writes decoded.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The first `count` paragraphs of a body (the sanitiser writes plain `<p>` elements).
fn first_paragraphs(body_html: &str, count: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut rest = body_html;
    while paragraphs.len() < count {
        let Some(start) = rest.find("<p>").or_else(|| rest.find("<p ")) else { break };
        let Some(end) = rest[start..].find("</p>") else { break };
        paragraphs.push(rest[start..start + end + 4].to_owned());
        rest = &rest[start + end + 4..];
    }
    paragraphs
}

fn email_article(state: &AppState, article: &Article, with_body: bool) -> EmailArticle {
    let summary = &article.summary;
    let paragraphs_html =
        if with_body { first_paragraphs(&article.body_html, PARAGRAPHS) } else { Vec::new() };
    EmailArticle {
        headline: summary.headline.clone(),
        standfirst: summary.standfirst.clone(),
        url: state.settings.absolute(&urls::article(&summary.slug)),
        image: summary.featured_image.as_ref().map(|i| {
            if i.src.starts_with("http") { i.src.clone() } else { state.settings.absolute(&i.src) }
        }),
        image_alt: summary.featured_image.as_ref().map(|i| i.alt.clone()).unwrap_or_default(),
        paragraphs_text: paragraphs_html.iter().map(|p| text_of(p)).collect(),
        paragraphs_html,
    }
}

/// Reads what an issue sends; `None` when there is nothing (its article deleted for good or
/// no longer published).
pub(crate) async fn issue_content(
    state: &AppState,
    issue: Issue,
) -> lede_store::Result<Option<IssueContent>> {
    let Some(list) = List::parse(&issue.list) else {
        return Ok(None);
    };
    let store = state.newsroom.store();
    let language = list.language.clone();
    let list_name = list_name(state, &list, &language).await;
    let site = state.identity().name;
    let (subject, articles) = match (issue.kind, issue.article, issue.period) {
        (IssueKind::Daily, _, Some((start, end))) => {
            let ids = store.published_between(&language, start, end, BRIEFING_ARTICLES).await?;
            let mut articles = Vec::with_capacity(ids.len());
            for id in ids {
                if let Some(article) = store.article_by_id(id).await? {
                    articles.push(email_article(state, &article, false));
                }
            }
            let date = state.settings.time_zone.long_date(end, &language);
            let subject = state.say_in(
                &language,
                "newsletter-subject-daily",
                &[("site", &site), ("date", &date)],
            );
            (subject, articles)
        }
        (_, Some(id), _) => {
            let Some(article) = store.article_by_id(id).await? else {
                return Ok(None);
            };
            if article.status != lede_core::content::ArticleStatus::Published {
                return Ok(None);
            }
            let content = article_content(state, &article, list, list_name);
            return Ok(Some(IssueContent { issue_id: Some(issue.id), ..content }));
        }
        _ => return Ok(None),
    };
    if articles.is_empty() {
        return Ok(None);
    }
    let (kind, fonts) = (issue.kind, fonts(state, &list.language));
    let issue_id = Some(issue.id);
    Ok(Some(IssueContent { issue_id, kind, list, list_name, subject, articles, fonts }))
}

/// An article's email to `list` (named `list_name`), as it is sent once published; for the
/// editor's preview and test before it is, too.
pub(crate) fn article_content(
    state: &AppState,
    article: &Article,
    list: List,
    list_name: String,
) -> IssueContent {
    let kind = IssueKind::for_article_list(&list);
    let headline = &article.summary.headline;
    let subject = if kind == IssueKind::Breaking {
        state.say_in(&list.language, "newsletter-subject-breaking", &[("headline", headline)])
    } else {
        headline.clone()
    };
    let articles = vec![email_article(state, article, true)];
    let fonts = fonts(state, &list.language);
    IssueContent { issue_id: None, kind, list, list_name, subject, articles, fonts }
}

fn header(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

fn mailbox(address: &str) -> Result<Mailbox, String> {
    address.parse().map_err(|e| format!("{address}: {e}"))
}

/// One part of a message: `email/{name}.{part}`, `part` being `html` or `txt`.
fn render_part(
    state: &AppState,
    name: &str,
    part: &str,
    view: &EmailView<'_>,
) -> Result<String, minijinja::Error> {
    let context = minijinja::context! { page => view, lang => view.lang };
    state.templates.render(&format!("email/{name}.{part}"), context).map(|html| html.0)
}

fn render_parts(state: &AppState, name: &str, view: &EmailView<'_>) -> Result<MultiPart, String> {
    let render = |part| render_part(state, name, part, view).map_err(|e| format!("{e:#}"));
    let (html, text) = (render("html")?, render("txt")?);
    Ok(MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(text))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html)))
}

/// An issue's view with these links to the subscriber's lists and unsubscribe pages.
fn issue_view<'a>(
    state: &AppState,
    content: &'a IssueContent,
    manage: String,
    unsubscribe: String,
) -> EmailView<'a> {
    let language = &content.list.language;
    EmailView {
        lang: language,
        dir: if is_right_to_left(language) { "rtl" } else { "ltr" },
        site_name: state.identity().name,
        site_url: site_url(state, language, "/"),
        subject: &content.subject,
        list_name: &content.list_name,
        kind: content.kind.as_str(),
        articles: &content.articles,
        confirm_url: None,
        manage_url: Some(manage),
        unsubscribe_url: Some(unsubscribe),
        fonts: &content.fonts,
    }
}

/// The message as `to` gets it: `subject`, the parts, and the list's headers.
fn list_message(
    state: &AppState,
    from: &Mailbox,
    to: &str,
    subject: &str,
    content: &IssueContent,
    view: &EmailView<'_>,
) -> Result<Message, String> {
    let parts = render_parts(state, "issue", view)?;
    let key = content.list.key();
    let unsubscribe = view.unsubscribe_url.clone().unwrap_or_default();
    Message::builder()
        .from(from.clone())
        .to(mailbox(to)?)
        .subject(subject)
        .raw_header(header("Content-Language", content.list.language.clone()))
        .raw_header(header("List-Unsubscribe", format!("<{unsubscribe}>")))
        .raw_header(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()))
        .raw_header(header(
            "List-Id",
            format!("<{}.{}>", key.replace(':', "."), list_id_domain(state)),
        ))
        .multipart(parts)
        .map_err(|e| e.to_string())
}

/// One issue's message to one subscriber, with their own unsubscribe and lists links.
pub(crate) fn issue_message(
    state: &AppState,
    from: &Mailbox,
    content: &IssueContent,
    send: &ClaimedSend,
) -> Result<Message, String> {
    let language = &content.list.language;
    let key = content.list.key();
    let view = issue_view(
        state,
        content,
        manage_url(state, language, send.subscriber_id),
        unsubscribe_url(state, language, send.subscriber_id, &key, content.issue_id),
    );
    list_message(state, from, &send.email, &content.subject, content, &view)
}

/// The view of a preview or test: nobody's own links, so its lists and unsubscribe links
/// lead to the subscribe page, which changes nothing by itself.
fn sample_view<'a>(state: &AppState, content: &'a IssueContent) -> EmailView<'a> {
    let subscribe = site_url(state, &content.list.language, "/subscribe");
    issue_view(state, content, subscribe.clone(), subscribe)
}

/// One part of the email (`html` or `txt`) as a subscriber will read it, for the editor's
/// preview.
pub(crate) fn preview(
    state: &AppState,
    content: &IssueContent,
    part: &str,
) -> Result<String, minijinja::Error> {
    render_part(state, "issue", part, &sample_view(state, content))
}

/// The editor's "Send me a test": the email to `to` alone, its subject marked as a test.
pub(crate) fn test_message(
    state: &AppState,
    from: &Mailbox,
    content: &IssueContent,
    to: &str,
) -> Result<Message, String> {
    let view = sample_view(state, content);
    let subject = state.say_in(
        &content.list.language,
        "newsletter-test-subject",
        &[("subject", &content.subject)],
    );
    list_message(state, from, to, &subject, content, &view)
}

impl IssueContent {
    pub(crate) fn subject(&self) -> &str {
        &self.subject
    }

    pub(crate) fn list_key(&self) -> String {
        self.list.key()
    }
}

/// The domain part of `List-Id`: the site's host name.
fn list_id_domain(state: &AppState) -> String {
    let base = &state.settings.base_url;
    let host = base.split_once("://").map_or(base.as_str(), |(_, rest)| rest);
    host.split(['/', ':']).next().unwrap_or("localhost").to_owned()
}

/// The confirmation email: a signed link that works for [`CONFIRM_LIFETIME`], and nothing
/// else (no unsubscribe: nothing will come unless the link is followed).
pub(crate) async fn confirmation_message(
    state: &AppState,
    from: &Mailbox,
    subscriber: &Subscriber,
) -> Result<Message, String> {
    let language = &subscriber.language;
    let expires = (state.newsroom.now() + CONFIRM_LIFETIME).unix_timestamp();
    let sig = newsletter::confirm_signature(state.newsroom.secret(), subscriber.id, expires);
    let confirm_url = site_url(
        state,
        language,
        &format!("/subscribe/confirm?s={}&x={expires}&sig={sig}", subscriber.id),
    );
    let mut names = Vec::new();
    for (key, confirmed) in &subscriber.lists {
        if let (Some(list), false) = (List::parse(key), confirmed) {
            names.push(list_name(state, &list, language).await);
        }
    }
    let site_name = state.identity().name;
    let subject = state.say_in(language, "newsletter-confirm-subject", &[("site", &site_name)]);
    let list_names = names.join(", ");
    let fonts = fonts(state, language);
    let view = EmailView {
        lang: language,
        dir: if is_right_to_left(language) { "rtl" } else { "ltr" },
        site_name,
        site_url: site_url(state, language, "/"),
        subject: &subject,
        list_name: &list_names,
        kind: "confirm",
        articles: &[],
        confirm_url: Some(confirm_url),
        manage_url: None,
        unsubscribe_url: None,
        fonts: &fonts,
    };
    let parts = render_parts(state, "confirm", &view)?;
    Message::builder()
        .from(from.clone())
        .to(mailbox(&subscriber.email)?)
        .subject(&subject)
        .raw_header(header("Content-Language", language.clone()))
        .multipart(parts)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_takes_the_first_paragraphs_and_their_text() {
        let body = "<p>One &amp; <em>two</em>.</p>\n<figure><img src=\"/x\"></figure><p>Three</p><p>Four</p><p>Five</p>";
        let paragraphs = first_paragraphs(body, 3);
        assert_eq!(paragraphs, ["<p>One &amp; <em>two</em>.</p>", "<p>Three</p>", "<p>Four</p>"]);
        assert_eq!(text_of(&paragraphs[0]), "One & two.");
    }
}
