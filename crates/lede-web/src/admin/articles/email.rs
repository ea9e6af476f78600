//! The email an article makes, for editors and admins: a preview for each list in the
//! article's language, as subscribers will read it (the HTML in a sandboxed frame, the plain
//! text below), "Send me a test" to the editor's own address, and the counts of the emails
//! already sent. It shows the article as it will be published (changes saved for later
//! included), so an editor can look before ticking "Email to subscribers".

use super::editor::open_article;
use crate::admin::flash::{self, Flash};
use crate::admin::forms::{AdminQuery, CsrfForm};
use crate::admin::newsletters::{IssueLine, issue_lines};
use crate::admin::{Viewer, render, say};
use crate::error::{AppError, AppResult};
use crate::newsletters::compose::{self, IssueContent};
use crate::site::preview::stored_preview;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use lede_core::account::Action;
use lede_core::content::{ArticleId, ArticleStatus};
use lede_core::newsletter::List;
use lede_store::{EditableArticle, SendOutcome};
use serde::{Deserialize, Serialize};

/// The email's own frame: its inline styles, images from anywhere it links, the site's fonts,
/// no scripts, no forms, and shown only inside the newsroom's preview page.
const EMAIL_POLICY: &str = "default-src 'none'; img-src 'self' data: https:; \
    style-src 'unsafe-inline'; font-src 'self'; frame-ancestors 'self'; sandbox allow-popups";

/// `?list=KEY`: the list whose email to show; the article's breaking-news list by default.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailQuery {
    list: String,
}

#[derive(Debug, Serialize)]
struct EmailPreviewView {
    id: i64,
    headline: String,
    /// The article's language: its headline and the subject are set in its type (Nastaliq
    /// for Urdu), as in the email.
    lang: String,
    published: bool,
    /// The lists in the article's language (key, name), and the one shown.
    lists: Vec<(String, String)>,
    list: String,
    subject: String,
    body_url: String,
    text: String,
    /// Where "Send me a test" goes; `None` when mail goes nowhere.
    test_to: Option<String>,
    issues: Vec<IssueLine>,
}

/// The article, its lists (key, name) and its email to the one `key` names (else the
/// breaking-news list).
async fn email_of(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    key: &str,
) -> AppResult<(EditableArticle, Vec<(String, String)>, IssueContent)> {
    viewer.require(Action::EditOthers)?;
    let (stored, _) = open_article(state, viewer, id).await?;
    let article = stored_preview(state, stored.id).await?;
    let language = article.summary.language.clone();
    let lists: Vec<List> = state
        .newsroom
        .newsletter_lists()
        .await?
        .into_iter()
        .filter(|l| l.language == language)
        .collect();
    let mut names = Vec::with_capacity(lists.len());
    for list in &lists {
        names.push((list.key(), compose::list_name(state, list, &viewer.language).await));
    }
    let chosen = lists
        .iter()
        .find(|l| l.key() == key)
        .or_else(|| lists.iter().find(|l| l.kind == lede_core::newsletter::ListKind::Breaking))
        .or(lists.first())
        .cloned()
        .ok_or(AppError::NotFound)?;
    let list_name = compose::list_name(state, &chosen, &language).await;
    Ok((stored, names, compose::article_content(state, &article, chosen, list_name)))
}

/// `/admin/articles/{id}/email{rest}?list=KEY`.
fn email_url(id: i64, rest: &str, key: &str) -> String {
    let query = serde_urlencoded::to_string([("list", key)]).unwrap_or_default();
    format!("/admin/articles/{id}/email{rest}?{query}")
}

/// `/admin/articles/{id}/email`: the preview page.
pub async fn preview(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    AdminQuery(query): AdminQuery<EmailQuery>,
) -> AppResult<Response> {
    let (stored, lists, content) = email_of(&state, &viewer, id, &query.list).await?;
    let text = compose::preview(&state, &content, "txt")?;
    let key = content.list_key();
    let reports = state.newsroom.article_newsletter_reports(&viewer.user, ArticleId(id)).await?;
    let view = EmailPreviewView {
        id,
        headline: stored.input.headline.clone(),
        lang: stored.input.language.clone(),
        published: stored.status == ArticleStatus::Published,
        lists,
        body_url: email_url(id, "/body", &key),
        list: key,
        subject: content.subject().to_owned(),
        text,
        test_to: state.mailer.is_some().then(|| viewer.user.email.clone()),
        issues: issue_lines(&state, &viewer, reports).await?,
    };
    let title = say(&state, Some(&viewer), "admin-email-heading", &[]);
    Ok(render(&state, Some(&viewer), "admin/email_preview.html", &title, view)
        .await?
        .into_response())
}

/// `/admin/articles/{id}/email/body`: the email's HTML alone, for the preview's frame.
pub async fn body(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    AdminQuery(query): AdminQuery<EmailQuery>,
) -> AppResult<Response> {
    let (_, _, content) = email_of(&state, &viewer, id, &query.list).await?;
    let html = compose::preview(&state, &content, "html")?;
    let mut response = axum::response::Html(html).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(EMAIL_POLICY));
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TestForm {
    list: String,
}

/// "Send me a test": the email to the editor's own address, now, outside the queue.
pub async fn send_test(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, form }: CsrfForm<TestForm>,
) -> AppResult<Response> {
    let (_, _, content) = email_of(&state, &viewer, id, &form.list).await?;
    let back = email_url(id, "", &content.list_key());
    let to = viewer.user.email.clone();
    let said = match &state.mailer {
        None => say(&state, Some(&viewer), "admin-email-no-mail", &[]),
        Some(mailer) => {
            let outcome = match compose::test_message(&state, mailer.from(), &content, &to) {
                Ok(message) => mailer.send(message).await,
                Err(error) => SendOutcome::Permanent(error),
            };
            match outcome {
                SendOutcome::Sent => {
                    say(&state, Some(&viewer), "admin-email-test-sent", &[("to", &to)])
                }
                SendOutcome::Temporary(error) | SendOutcome::Permanent(error) => {
                    tracing::warn!(%error, "a test email was not sent");
                    say(&state, Some(&viewer), "admin-email-test-failed", &[("error", &error)])
                }
            }
        }
    };
    Ok(flash::redirect(&state, &back, &Flash::Lines(vec![said])))
}
