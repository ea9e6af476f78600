//! Webhooks, for admins: the endpoints with the events each asked for, a new endpoint (its
//! secret shown once, in the answer to the form that made it), and each endpoint's delivery
//! log with "Send again"; an endpoint a day of failures disabled is enabled again here.

use super::flash::{self, Flash};
use super::forms::CsrfForm;
use super::{Viewer, render, say};
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lede_core::account::Action;
use lede_core::webhook::Event;
use lede_store::{DeliveryStatus, WebhookDelivery, WebhookEndpoint};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Deliveries an endpoint's log shows, newest first.
const LOG_LENGTH: u32 = 50;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndpointForm {
    url: String,
    events: Vec<String>,
}

#[derive(Debug, Serialize)]
struct EventChoice {
    name: &'static str,
    /// What it means, in the newsroom's language.
    label: String,
    checked: bool,
}

#[derive(Debug, Serialize)]
struct EndpointLine {
    id: i64,
    url: String,
    events: Vec<&'static str>,
    enabled: bool,
    /// When a day of failures disabled it.
    disabled_at: Option<String>,
    failing_since: Option<String>,
}

/// A new endpoint, with its secret, shown this once.
#[derive(Debug, Serialize)]
struct Created {
    id: i64,
    url: String,
    secret: String,
}

#[derive(Debug, Serialize)]
struct WebhooksView {
    endpoints: Vec<EndpointLine>,
    events: Vec<EventChoice>,
    url: String,
    error: Option<String>,
    created: Option<Created>,
}

#[derive(Debug, Serialize)]
struct AttemptLine {
    at: String,
    response_status: Option<u16>,
    /// What kept an answer from coming, in words.
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct DeliveryLine {
    id: i64,
    event: String,
    message_id: String,
    status: &'static str,
    status_text: String,
    queued_at: String,
    next_attempt_at: Option<String>,
    attempts: Vec<AttemptLine>,
}

#[derive(Debug, Serialize)]
struct EndpointView {
    endpoint: EndpointLine,
    deliveries: Vec<DeliveryLine>,
}

fn time_text(state: &AppState, at: OffsetDateTime) -> String {
    state.settings.time_zone.civil(at).strftime("%Y-%m-%d %H:%M:%S").to_string()
}

fn line(state: &AppState, endpoint: &WebhookEndpoint) -> EndpointLine {
    EndpointLine {
        id: endpoint.id,
        url: endpoint.url.clone(),
        events: endpoint.events.iter().map(|e| e.as_str()).collect(),
        enabled: endpoint.enabled,
        disabled_at: endpoint.disabled_at.map(|at| time_text(state, at)),
        failing_since: endpoint.failing_since.map(|at| time_text(state, at)),
    }
}

/// The message id that describes an event (`article.published` → `admin-webhooks-event-article-published`).
fn event_label(state: &AppState, viewer: &Viewer, event: Event) -> String {
    let id = match event {
        Event::ArticlePublished => "admin-webhooks-event-article-published",
        Event::ArticleUpdated => "admin-webhooks-event-article-updated",
        Event::ArticleUnpublished => "admin-webhooks-event-article-unpublished",
        Event::CommentApproved => "admin-webhooks-event-comment-approved",
        Event::NewsletterSent => "admin-webhooks-event-newsletter-sent",
    };
    say(state, Some(viewer), id, &[])
}

async fn webhooks_page(
    state: &AppState,
    viewer: &Viewer,
    form: EndpointForm,
    error: Option<String>,
    created: Option<Created>,
) -> AppResult<Response> {
    let endpoints = state.newsroom.store().webhook_endpoints().await?;
    let events = Event::ALL
        .into_iter()
        .map(|event| EventChoice {
            name: event.as_str(),
            label: event_label(state, viewer, event),
            checked: form.events.iter().any(|e| e == event.as_str()),
        })
        .collect();
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let view = WebhooksView {
        endpoints: endpoints.iter().map(|e| line(state, e)).collect(),
        events,
        url: form.url,
        error,
        created,
    };
    let title = say(state, Some(viewer), "admin-webhooks-heading", &[]);
    Ok((status, render(state, Some(viewer), "admin/webhooks.html", &title, view).await?)
        .into_response())
}

pub async fn list(State(state): State<AppState>, viewer: Viewer) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    webhooks_page(&state, &viewer, EndpointForm::default(), None, None).await
}

/// Adds an endpoint and shows its secret, once: the answer is this page, never a redirect
/// (a secret in a cookie or an address would outlive the page).
pub async fn create(
    State(state): State<AppState>,
    CsrfForm { viewer, form }: CsrfForm<EndpointForm>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let allow_private = state.settings.webhooks_allow_private;
    match state.newsroom.create_webhook(&viewer.user, &form.url, &form.events, allow_private).await
    {
        Ok((endpoint, secret)) => {
            let created =
                Created { id: endpoint.id, url: endpoint.url.clone(), secret: secret.expose() };
            webhooks_page(&state, &viewer, EndpointForm::default(), None, Some(created)).await
        }
        Err(error) => {
            let (error, _, _) = super::refusal(&state, &viewer, error)?;
            webhooks_page(&state, &viewer, form, Some(error), None).await
        }
    }
}

fn delivery_line(state: &AppState, viewer: &Viewer, delivery: &WebhookDelivery) -> DeliveryLine {
    let status_id = match delivery.status {
        DeliveryStatus::Pending => "admin-webhooks-status-pending",
        DeliveryStatus::Delivered => "admin-webhooks-status-delivered",
        DeliveryStatus::Failed => "admin-webhooks-status-failed",
    };
    DeliveryLine {
        id: delivery.id,
        event: delivery.event.clone(),
        message_id: delivery.message_id.clone(),
        status: delivery.status.as_str(),
        status_text: say(state, Some(viewer), status_id, &[]),
        queued_at: time_text(state, delivery.queued_at),
        next_attempt_at: delivery.next_attempt_at.map(|at| time_text(state, at)),
        attempts: delivery
            .attempts
            .iter()
            .map(|attempt| AttemptLine {
                at: time_text(state, attempt.at),
                response_status: attempt.response_status,
                error: attempt.error.as_deref().map(|code| error_text(state, viewer, code)),
            })
            .collect(),
    }
}

/// What kept an answer from coming, from the worker's code for it.
fn error_text(state: &AppState, viewer: &Viewer, code: &str) -> String {
    let id = match code {
        "timeout" => "admin-webhooks-error-timeout",
        "connect" => "admin-webhooks-error-connect",
        "private-address" => "admin-webhooks-error-private-address",
        "address" => "admin-webhooks-error-address",
        _ => "admin-webhooks-error-other",
    };
    say(state, Some(viewer), id, &[])
}

async fn endpoint_of(state: &AppState, id: i64) -> AppResult<WebhookEndpoint> {
    state.newsroom.store().webhook_endpoint(id).await?.ok_or(crate::error::AppError::NotFound)
}

/// An endpoint and its delivery log.
pub async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    let endpoint = endpoint_of(&state, id).await?;
    let deliveries = state.newsroom.store().webhook_deliveries(id, LOG_LENGTH).await?;
    let view = EndpointView {
        endpoint: line(&state, &endpoint),
        deliveries: deliveries.iter().map(|d| delivery_line(&state, &viewer, d)).collect(),
    };
    let title = say(&state, Some(&viewer), "admin-webhooks-log-heading", &[("url", &endpoint.url)]);
    Ok(render(&state, Some(&viewer), "admin/webhook.html", &title, view).await?.into_response())
}

fn said(state: &AppState, viewer: &Viewer, id: &str) -> Flash {
    Flash::Lines(vec![say(state, Some(viewer), id, &[])])
}

/// "Send again": the delivery is due at once, with a new day of retries.
pub async fn resend(
    State(state): State<AppState>,
    Path((id, delivery)): Path<(i64, i64)>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    state.newsroom.resend_webhook(&viewer.user, id, delivery).await?;
    let flash = said(&state, &viewer, "admin-webhooks-flash-queued");
    Ok(flash::redirect(&state, &format!("/admin/webhooks/{id}"), &flash))
}

/// Enables an endpoint a day of failures disabled.
pub async fn enable(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    state.newsroom.enable_webhook(&viewer.user, id).await?;
    let flash = said(&state, &viewer, "admin-webhooks-flash-enabled");
    Ok(flash::redirect(&state, &format!("/admin/webhooks/{id}"), &flash))
}

/// Removes an endpoint with its log.
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    viewer.require(Action::ManageSite)?;
    state.newsroom.delete_webhook(&viewer.user, id).await?;
    let flash = said(&state, &viewer, "admin-webhooks-flash-deleted");
    Ok(flash::redirect(&state, "/admin/webhooks", &flash))
}

/// The endpoints a day of failures disabled, for the notice on the newsroom's home (admins).
#[derive(Debug, Serialize)]
pub(super) struct DisabledEndpoint {
    id: i64,
    url: String,
}

pub(super) async fn disabled(
    state: &AppState,
    viewer: &Viewer,
) -> AppResult<Vec<DisabledEndpoint>> {
    if !viewer.user.role.may(Action::ManageSite) {
        return Ok(Vec::new());
    }
    let endpoints = state.newsroom.store().disabled_webhook_endpoints().await?;
    Ok(endpoints.into_iter().map(|e| DisabledEndpoint { id: e.id, url: e.url }).collect())
}
