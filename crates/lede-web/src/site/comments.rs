//! The "Add yours" form: works without JavaScript (POST, then 303 back to the article), holds
//! every comment for moderation, and keeps spam out with a honeypot, a minimum time between
//! showing the form and sending it, a limit on links, a rate limit per client and a body limit.

use super::article::{published_article, render_article};
use crate::error::{AppError, AppResult};
use crate::form_token::{self, TokenProblem};
use crate::state::AppState;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::{Article, CommentId};
use lede_core::{Slug, urls};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// A comment form's body: 5,000 characters of text (up to 4 bytes each, and URL-encoded) fit
/// comfortably; anything larger is refused with 413 before it is read.
const MAX_COMMENT_BODY: usize = 32 * 1024;

pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_COMMENT_BODY)
}

/// What the form sends. Every field defaults to empty so a missing one gets a clear message
/// rather than a parse error.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CommentFields {
    pub name: String,
    pub email: String,
    pub website: String,
    pub text: String,
    pub parent: String,
    pub token: String,
    /// The honeypot: hidden from people, filled in by bots.
    pub homepage: String,
}

impl CommentFields {
    /// What the reader sent, for the comment rules; a `parent` that is not a comment id is a
    /// form the page never showed (400).
    pub fn input(&self) -> AppResult<CommentInput> {
        let parent = match self.parent.trim() {
            "" => None,
            id => Some(CommentId(
                id.parse().map_err(|_| AppError::BadRequest("comments-error-bad-parent".into()))?,
            )),
        };
        Ok(CommentInput {
            name: self.name.clone(),
            email: self.email.clone(),
            website: self.website.clone(),
            text: self.text.clone(),
            parent,
        })
    }
}

/// The fields a reader fills in, which may each carry an error message.
const FIELDS: [&str; 5] = ["name", "email", "website", "text", "parent"];

/// The form as the article page shows it: a fresh token, what the reader typed, what to fix.
#[derive(Debug, Serialize)]
pub struct CommentFormView {
    pub action: String,
    pub token: String,
    pub values: CommentFields,
    /// A message for each field, empty where the field is fine (every field has an entry, so
    /// templates can look any of them up).
    pub errors: BTreeMap<&'static str, String>,
    pub has_errors: bool,
    /// A problem with the form as a whole (sent too fast, expired), not with one field.
    pub problem: Option<String>,
    pub held_for_moderation: bool,
}

impl CommentFormView {
    pub fn fresh(state: &AppState, article: &Article) -> Self {
        Self {
            action: urls::article_comments(&article.summary.slug),
            token: form_token::issue(
                state.newsroom.secret(),
                article.summary.id,
                state.newsroom.now(),
            ),
            values: CommentFields::default(),
            errors: FIELDS.iter().map(|f| (*f, String::new())).collect(),
            has_errors: false,
            problem: None,
            held_for_moderation: false,
        }
    }
}

/// The client's address, from the connection (tests without one count as one client).
#[derive(Debug)]
pub struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let addr =
            parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(Self(addr.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))))
    }
}

pub async fn post_comment(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    form: Result<Form<CommentFields>, FormRejection>,
) -> AppResult<Response> {
    crate::origin::check_origin(&headers, &state.settings.base_url)?;
    let Form(fields) = form?;
    let page = published_article(&state, &slug).await?;
    let article = &page.article;
    let newsroom = &state.newsroom;
    let token = form_token::verify(
        newsroom.secret(),
        article.summary.id,
        &fields.token,
        newsroom.now(),
        state.settings.comment_min_seconds,
    );
    let mut problem = match token {
        Ok(_) => None,
        Err(TokenProblem::TooFast) => Some("comments-error-too-fast"),
        Err(TokenProblem::Expired) => Some("comments-error-expired"),
        Err(TokenProblem::Invalid) => Some("comments-error-invalid-token"),
    };
    // Refusals from here on are said in the article's language, like its page.
    let language = article.summary.language.clone();
    let speak = |error: AppError| error.in_language(&language);
    let checked = fields.input().map_err(speak)?.check();
    // A form sends one comment: its token is spent once the comment is about to be stored,
    // and the article's cached page goes, so the next reader gets a token of their own.
    // (Two readers who opened the same cached page share its token: the second is asked to
    // send again, with a fresh form and their text kept.)
    if let (Ok(expires_at), Ok(_), None) = (&token, &checked, problem)
        && !newsroom.spend_form_token(article.summary.id, &fields.token, *expires_at).await?
    {
        problem = Some("comments-error-used-token");
    }
    // Said on the article's page, so in the article's language.
    let problem = problem.map(|id| state.translations.message(&article.summary.language, id, None));
    if !fields.homepage.is_empty() {
        // A bot: answer as if all went well, and keep what it sent as spam for the record.
        if let (Ok(comment), None) = (&checked, &problem) {
            rate_limit(&state, client).await.map_err(speak)?;
            newsroom
                .submit_comment(article.summary.id, comment, CommentStatus::Spam)
                .await
                .map_err(|e| speak(e.into()))?;
        }
        return Ok(held_redirect(&article.summary.slug));
    }
    match (checked, problem) {
        (Ok(comment), None) => {
            rate_limit(&state, client).await.map_err(speak)?;
            newsroom
                .submit_comment(article.summary.id, &comment, CommentStatus::Pending)
                .await
                .map_err(|e| speak(e.into()))?;
            Ok(held_redirect(&article.summary.slug))
        }
        (checked, problem) => {
            let mut form = CommentFormView::fresh(&state, article);
            for invalid in checked.err().unwrap_or_default() {
                let said = state.translations.say(&article.summary.language, &invalid.message);
                form.errors.insert(invalid.field, said);
                form.has_errors = true;
            }
            form.problem = problem;
            form.values = CommentFields { token: String::new(), homepage: String::new(), ..fields };
            render_article(&state, page, form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// Counts a comment against its client's allowance (shared by every server on the database).
/// Only comments about to be stored count, so a reader correcting a mistake in the form is
/// never locked out.
async fn rate_limit(state: &AppState, client: IpAddr) -> AppResult<()> {
    let allowance = state.settings.comment_allowance();
    if state.newsroom.take_allowance("comments", client, allowance).await? {
        Ok(())
    } else {
        Err(AppError::TooManyRequests("comments-error-rate-limited".into()))
    }
}

/// Back to the article, which thanks the reader and says the comment awaits moderation.
fn held_redirect(slug: &Slug) -> Response {
    let article = urls::article(slug);
    Redirect::to(&format!("{article}?comment=pending#comments")).into_response()
}
