//! The reader's side of newsletters, without an account: the subscribe form (`/subscribe`,
//! and a short one on every article), the confirmation link, the page to change one's
//! lists, and the one-click unsubscribe (RFC 8058: a mail client's `POST` with
//! `List-Unsubscribe=One-Click`, or the button on the page the link opens).
//!
//! The form has the comment form's defences (a signed token that dates it, a minimum delay,
//! a honeypot, a per-client rate limit shared by every server) and answers every accepted
//! address alike, so nobody learns from it who is subscribed. The links carry signatures
//! made with the site's secret; their pages are never cached.

use super::comments::ClientAddr;
use super::{Edition, Layout, render};
use crate::error::{AppError, AppResult};
use crate::form_token::{self, TokenProblem};
use crate::newsletters::compose;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use lede_core::content::ArticleId;
use lede_core::newsletter::{List, ListKind};
use serde::{Deserialize, Serialize};

/// The token of a subscribe form not on an article page (no article has id 0). On an
/// article page the form carries the article's own comment-form token.
const SUBSCRIBE_FORM: ArticleId = ArticleId(0);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SubscribeFields {
    email: String,
    lists: Vec<String>,
    token: String,
    /// The article page the form was on (its token is that article's).
    article: Option<i64>,
    /// The honeypot: hidden from people, filled in by bots.
    homepage: String,
}

/// Reads an empty or missing number as none.
fn empty_as_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    Ok(text.and_then(|t| t.parse().ok()))
}

/// A list to tick.
#[derive(Debug, Serialize)]
struct ListChoice {
    key: String,
    name: String,
    checked: bool,
}

#[derive(Debug, Default, Serialize)]
struct NewsletterPage {
    /// Which page: `form`, `sent`, `confirmed`, `manage`, `saved`, `unsubscribe`,
    /// `unsubscribed`, `problem`.
    mode: &'static str,
    heading: String,
    message: String,
    lists: Vec<ListChoice>,
    email: String,
    token: String,
    error: Option<String>,
    /// Where the page's form posts.
    action: String,
    /// The signed link to change one's lists, where it still works.
    manage_url: Option<String>,
    subscribe_url: String,
}

/// The lists offered in `language`, ticked as `checked` says.
async fn choices(
    state: &AppState,
    language: &str,
    checked: impl Fn(&str) -> bool,
) -> AppResult<Vec<ListChoice>> {
    let mut choices = Vec::new();
    for list in state.newsroom.newsletter_lists().await? {
        if list.language == language {
            let key = list.key();
            choices.push(ListChoice {
                name: compose::list_name(state, &list, language).await,
                checked: checked(&key),
                key,
            });
        }
    }
    Ok(choices)
}

/// Renders a newsletter page, never cached (its links and answers are one reader's).
async fn page(
    state: &AppState,
    edition: &Edition,
    status: StatusCode,
    mut view: NewsletterPage,
) -> AppResult<Response> {
    view.subscribe_url = edition.path("/subscribe");
    let layout =
        Layout::load(state, view.heading.clone(), String::new()).await?.in_edition(state, edition);
    let mut response = (status, render(state, "newsletters.html", &layout, view)?).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// The subscribe form, ready to fill in: the daily briefing and breaking news ticked.
async fn form(
    state: &AppState,
    edition: &Edition,
    error: Option<String>,
) -> AppResult<NewsletterPage> {
    let language = &edition.language;
    let ticked =
        [List::new(ListKind::Daily, language).key(), List::new(ListKind::Breaking, language).key()];
    Ok(NewsletterPage {
        mode: "form",
        heading: state.say_in(language, "subscribe-heading", &[]),
        message: state.say_in(language, "subscribe-intro", &[]),
        lists: choices(state, language, |key| ticked.iter().any(|t| t == key)).await?,
        token: form_token::issue(state.newsroom.secret(), SUBSCRIBE_FORM, state.newsroom.now()),
        action: edition.path("/subscribe"),
        error,
        ..NewsletterPage::default()
    })
}

pub async fn subscribe_page(
    State(state): State<AppState>,
    edition: Edition,
) -> AppResult<Response> {
    let view = form(&state, &edition, None).await?;
    page(&state, &edition, StatusCode::OK, view).await
}

pub async fn subscribe(
    State(state): State<AppState>,
    edition: Edition,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    Form(fields): Form<SubscribeFields>,
) -> AppResult<Response> {
    crate::origin::check_origin(&headers, &state.settings.base_url)?;
    let language = edition.language.clone();
    let newsroom = &state.newsroom;
    let form_of = fields.article.map_or(SUBSCRIBE_FORM, ArticleId);
    let problem = match form_token::verify(
        newsroom.secret(),
        form_of,
        &fields.token,
        newsroom.now(),
        state.settings.comment_min_seconds,
    ) {
        Ok(_) => None,
        Err(TokenProblem::TooFast) => Some("subscribe-error-too-fast"),
        Err(TokenProblem::Expired) => Some("subscribe-error-expired"),
        Err(TokenProblem::Invalid) => Some("subscribe-error-invalid-token"),
    };
    let sent = |state: &AppState| NewsletterPage {
        mode: "sent",
        heading: state.say_in(&language, "subscribe-sent-heading", &[]),
        message: state.say_in(&language, "subscribe-sent", &[("email", fields.email.trim())]),
        ..NewsletterPage::default()
    };
    if let Some(problem) = problem {
        let error = state.say_in(&language, problem, &[]);
        let mut view = form(&state, &edition, Some(error)).await?;
        view.email = fields.email.clone();
        return page(&state, &edition, StatusCode::UNPROCESSABLE_ENTITY, view).await;
    }
    if !fields.homepage.is_empty() {
        // A bot: answered as if all went well; nothing is stored or sent.
        return page(&state, &edition, StatusCode::OK, sent(&state)).await;
    }
    let allowance = state.settings.comment_allowance();
    if !newsroom.take_allowance("subscribe", client, allowance).await? {
        return Err(
            AppError::TooManyRequests("subscribe-rate-limited".into()).in_language(&language)
        );
    }
    match newsroom.subscribe_reader(&fields.email, &language, &fields.lists).await {
        Ok(to_confirm) => {
            if let Some(id) = to_confirm {
                crate::newsletters::send_confirmation(&state, id);
            }
            page(&state, &edition, StatusCode::OK, sent(&state)).await
        }
        Err(lede_store::Error::Invalid(invalid)) => {
            let error = state.translations.say(&language, &invalid.message);
            let mut view = form(&state, &edition, Some(error)).await?;
            view.email = fields.email.clone();
            for choice in &mut view.lists {
                choice.checked = fields.lists.contains(&choice.key);
            }
            page(&state, &edition, StatusCode::UNPROCESSABLE_ENTITY, view).await
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct ConfirmQuery {
    s: i64,
    x: i64,
    sig: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    edition: Edition,
    Query(query): Query<ConfirmQuery>,
) -> AppResult<Response> {
    let language = edition.language.clone();
    match state.newsroom.confirm_subscriber(query.s, query.x, &query.sig).await {
        Ok(true) => {
            let view = NewsletterPage {
                mode: "confirmed",
                heading: state.say_in(&language, "subscribe-confirmed-heading", &[]),
                message: state.say_in(&language, "subscribe-confirmed", &[]),
                manage_url: Some(compose::manage_url(&state, &language, query.s)),
                ..NewsletterPage::default()
            };
            page(&state, &edition, StatusCode::OK, view).await
        }
        Ok(false) => invalid_link(&state, &edition).await,
        Err(lede_store::Error::Invalid(invalid)) => {
            let view = NewsletterPage {
                mode: "problem",
                heading: state.say_in(&language, "subscribe-problem-heading", &[]),
                message: state.translations.say(&language, &invalid.message),
                ..NewsletterPage::default()
            };
            page(&state, &edition, StatusCode::BAD_REQUEST, view).await
        }
        Err(error) => Err(error.into()),
    }
}

/// The page for a link that is not one we signed, or whose subscriber is gone.
async fn invalid_link(state: &AppState, edition: &Edition) -> AppResult<Response> {
    problem(state, edition, "newsletter-link-invalid").await
}

async fn problem(state: &AppState, edition: &Edition, id: &str) -> AppResult<Response> {
    let view = NewsletterPage {
        mode: "problem",
        heading: state.say_in(&edition.language, "subscribe-problem-heading", &[]),
        message: state.say_in(&edition.language, id, &[]),
        ..NewsletterPage::default()
    };
    page(state, edition, StatusCode::NOT_FOUND, view).await
}

#[derive(Debug, Deserialize)]
pub struct LinkQuery {
    s: i64,
    sig: String,
    #[serde(default)]
    list: String,
    #[serde(default, deserialize_with = "empty_as_none")]
    issue: Option<i64>,
}

pub async fn manage_page(
    State(state): State<AppState>,
    edition: Edition,
    Query(query): Query<LinkQuery>,
) -> AppResult<Response> {
    let Ok(subscriber) = state.newsroom.subscriber_by_link(query.s, &query.sig).await else {
        return invalid_link(&state, &edition).await;
    };
    let on = subscriber.lists.clone();
    let view = NewsletterPage {
        mode: "manage",
        heading: state.say_in(&edition.language, "newsletters-manage-heading", &[]),
        message: state.say_in(&edition.language, "newsletters-manage-intro", &[]),
        lists: choices(&state, &edition.language, |key| on.iter().any(|(l, _)| l == key)).await?,
        email: subscriber.email,
        action: edition.path(&format!("/newsletters/manage?s={}&sig={}", query.s, query.sig)),
        ..NewsletterPage::default()
    };
    page(&state, &edition, StatusCode::OK, view).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListsFields {
    lists: Vec<String>,
}

pub async fn save_lists(
    State(state): State<AppState>,
    edition: Edition,
    headers: HeaderMap,
    Query(query): Query<LinkQuery>,
    Form(fields): Form<ListsFields>,
) -> AppResult<Response> {
    crate::origin::check_origin(&headers, &state.settings.base_url)?;
    let language = edition.language.clone();
    match state.newsroom.set_subscriber_lists(query.s, &query.sig, &fields.lists).await {
        Ok(()) => {
            let none_left = fields.lists.is_empty();
            let view = NewsletterPage {
                mode: "saved",
                heading: state.say_in(&language, "newsletters-manage-heading", &[]),
                message: state.say_in(
                    &language,
                    if none_left { "newsletters-removed" } else { "newsletters-saved" },
                    &[],
                ),
                manage_url: (!none_left).then(|| compose::manage_url(&state, &language, query.s)),
                ..NewsletterPage::default()
            };
            page(&state, &edition, StatusCode::OK, view).await
        }
        Err(lede_store::Error::NotFound(_)) => invalid_link(&state, &edition).await,
        Err(error) => Err(AppError::from(error).in_language(&language)),
    }
}

pub async fn unsubscribe_page(
    State(state): State<AppState>,
    edition: Edition,
    Query(query): Query<LinkQuery>,
) -> AppResult<Response> {
    let Ok(subscriber) = state.newsroom.subscriber_by_link(query.s, &query.sig).await else {
        return invalid_link(&state, &edition).await;
    };
    let Some(list) = List::parse(&query.list) else {
        return invalid_link(&state, &edition).await;
    };
    let name = compose::list_name(&state, &list, &edition.language).await;
    let view = NewsletterPage {
        mode: "unsubscribe",
        heading: state.say_in(&edition.language, "newsletters-unsubscribe-heading", &[]),
        message: state.say_in(
            &edition.language,
            "newsletters-unsubscribe-question",
            &[("list", &name), ("email", &subscriber.email)],
        ),
        action: edition.path(&format!(
            "/newsletters/unsubscribe?{}",
            serde_urlencoded::to_string([
                ("s", query.s.to_string()),
                ("sig", query.sig.clone()),
                ("list", query.list.clone()),
                ("issue", query.issue.map(|i| i.to_string()).unwrap_or_default()),
            ])
            .map(|q| q.trim_end_matches("&issue=").to_owned())
            .unwrap_or_default()
        )),
        manage_url: Some(compose::manage_url(&state, &edition.language, query.s)),
        ..NewsletterPage::default()
    };
    page(&state, &edition, StatusCode::OK, view).await
}

/// The unsubscribe itself: the page's button, or a mail client's one-click `POST` (RFC 8058),
/// which carries no cookie and no token: the link's signature is the authority.
pub async fn unsubscribe(
    State(state): State<AppState>,
    edition: Edition,
    headers: HeaderMap,
    Query(query): Query<LinkQuery>,
) -> AppResult<Response> {
    crate::origin::check_origin(&headers, &state.settings.base_url)?;
    let language = edition.language.clone();
    match state.newsroom.unsubscribe(query.s, &query.sig, &query.list, query.issue).await {
        Ok(_) => {
            let name = match List::parse(&query.list) {
                Some(list) => compose::list_name(&state, &list, &language).await,
                None => query.list.clone(),
            };
            let still = state.newsroom.store().subscriber(query.s).await?.is_some();
            let view = NewsletterPage {
                mode: "unsubscribed",
                heading: state.say_in(&language, "newsletters-unsubscribe-heading", &[]),
                message: state.say_in(&language, "newsletters-unsubscribed", &[("list", &name)]),
                manage_url: still.then(|| compose::manage_url(&state, &language, query.s)),
                ..NewsletterPage::default()
            };
            page(&state, &edition, StatusCode::OK, view).await
        }
        Err(lede_store::Error::NotFound(_)) => invalid_link(&state, &edition).await,
        Err(error) => Err(error.into()),
    }
}
