//! Signing in and out, and the one-time setup page that creates the first admin.

use super::forms::{AdminForm, CsrfForm};
use super::session::{MaybeViewer, session_cookie};
use super::{Viewer, render};
use crate::error::{AppError, AppResult};
use crate::origin::check_origin;
use crate::site::comments::ClientAddr;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use lede_core::Message;
use lede_store::{SetupError, SignInError};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SignInForm {
    email: String,
    password: String,
}

#[derive(Debug, Serialize)]
struct SignInView {
    email: String,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct DashboardView {
    pending_comments: u64,
    /// Webhook endpoints a day of failures disabled (admins only).
    disabled_webhooks: Vec<super::webhooks::DisabledEndpoint>,
}

/// `/admin`: the dashboard when signed in, the sign-in form otherwise, the setup page on a
/// site with no accounts yet.
pub async fn admin_home(
    State(state): State<AppState>,
    MaybeViewer(viewer): MaybeViewer,
) -> AppResult<Response> {
    if state.accounts.needs_setup().await? {
        return Ok(Redirect::to("/admin/setup").into_response());
    }
    match viewer {
        Some(viewer) => dashboard(&state, &viewer).await,
        None => sign_in_page(&state, String::new(), None, StatusCode::OK).await,
    }
}

async fn dashboard(state: &AppState, viewer: &Viewer) -> AppResult<Response> {
    let pending_comments =
        state.newsroom.store().count_comments(lede_core::comment::CommentStatus::Pending).await?;
    let disabled_webhooks = super::webhooks::disabled(state, viewer).await?;
    let view = DashboardView { pending_comments, disabled_webhooks };
    Ok(render(
        state,
        Some(viewer),
        "admin/dashboard.html",
        &crate::admin::say(state, Some(viewer), "admin-dashboard-heading", &[]),
        view,
    )
    .await?
    .into_response())
}

async fn sign_in_page(
    state: &AppState,
    email: String,
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let view = SignInView { email, error };
    Ok((
        status,
        render(
            state,
            None,
            "admin/sign_in.html",
            &crate::admin::say(state, None, "admin-sign-in-heading", &[]),
            view,
        )
        .await?,
    )
        .into_response())
}

pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    jar: CookieJar,
    AdminForm(form): AdminForm<SignInForm>,
) -> AppResult<Response> {
    check_origin(&headers, &state.settings.base_url)?;
    sign_in_allowance(&state, client).await?;
    match state.accounts.sign_in_from(&form.email, &form.password, user_agent(&headers)).await {
        Ok(signed_in) => {
            let cookie = session_cookie(&state, signed_in.token, time::Duration::days(14));
            Ok((jar.add(cookie), Redirect::to("/admin")).into_response())
        }
        Err(SignInError::Wrong) => {
            // A pause after a failure slows guessing without bothering people who mistype.
            tokio::time::sleep(FAILURE_PAUSE).await;
            let message = crate::admin::say(&state, None, "admin-sign-in-wrong", &[]);
            sign_in_page(&state, form.email, Some(message), StatusCode::UNAUTHORIZED).await
        }
        Err(SignInError::Locked { until }) => {
            // The same pause: a locked address must not answer faster than a wrong password.
            tokio::time::sleep(FAILURE_PAUSE).await;
            let minutes = (until - state.newsroom.now()).whole_minutes().max(1);
            let message = crate::admin::say(
                &state,
                None,
                "admin-sign-in-locked",
                &[("minutes", &minutes.to_string())],
            );
            sign_in_page(&state, form.email, Some(message), StatusCode::TOO_MANY_REQUESTS).await
        }
        Err(SignInError::Store(error)) => Err(error.into()),
    }
}

/// How long a refused sign-in waits before it answers, whatever the reason.
const FAILURE_PAUSE: Duration = Duration::from_millis(300);

/// The browser's User-Agent, kept with the session so its owner can recognise it later.
fn user_agent(headers: &HeaderMap) -> &str {
    headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("")
}

pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    state.accounts.sign_out(&viewer.token).await?;
    let expired = session_cookie(&state, String::new(), time::Duration::ZERO);
    Ok((jar.add(expired), Redirect::to("/admin")).into_response())
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SetupForm {
    /// The one-time code `lede serve` prints to its log while the site has no account.
    setup_code: String,
    name: String,
    email: String,
    password: String,
}

#[derive(Debug, Serialize)]
struct SetupView {
    setup_code: String,
    name: String,
    email: String,
    error: Option<String>,
}

async fn setup_page(
    state: &AppState,
    form: &SetupForm,
    error: Option<String>,
    status: StatusCode,
) -> AppResult<Response> {
    let view = SetupView {
        setup_code: form.setup_code.clone(),
        name: form.name.clone(),
        email: form.email.clone(),
        error,
    };
    Ok((
        status,
        render(
            state,
            None,
            "admin/setup.html",
            &crate::admin::say(state, None, "admin-setup-heading", &[]),
            view,
        )
        .await?,
    )
        .into_response())
}

/// Shown only while the site has no account at all; afterwards it is gone for good.
pub async fn setup_form(State(state): State<AppState>) -> AppResult<Response> {
    if !state.accounts.needs_setup().await? {
        return Err(AppError::NotFound);
    }
    setup_page(&state, &SetupForm::default(), None, StatusCode::OK).await
}

/// Creates the first admin for whoever gives the setup code (`Accounts::set_up`: exactly one
/// of several setups sent at once succeeds). Guessing the code counts against the client's
/// sign-in allowance.
pub async fn setup(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    jar: CookieJar,
    AdminForm(form): AdminForm<SetupForm>,
) -> AppResult<Response> {
    check_origin(&headers, &state.settings.base_url)?;
    if !state.accounts.needs_setup().await? {
        return Err(AppError::NotFound);
    }
    sign_in_allowance(&state, client).await?;
    let code = form.setup_code.trim();
    match state.accounts.set_up(code, &form.email, &form.name, &form.password).await {
        Ok(_) => {}
        Err(SetupError::WrongCode) => {
            let message = crate::admin::say(&state, None, "admin-setup-wrong-code", &[]);
            return setup_page(&state, &form, Some(message), StatusCode::FORBIDDEN).await;
        }
        Err(SetupError::Done) => return Err(AppError::NotFound),
        Err(SetupError::Store(lede_store::Error::Invalid(invalid))) => {
            return setup_page(
                &state,
                &form,
                Some(crate::admin::tell(&state, None, &invalid.message)),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(SetupError::Store(other)) => return Err(other.into()),
    }
    let signed_in = state
        .accounts
        .sign_in_from(&form.email, &form.password, user_agent(&headers))
        .await
        .map_err(|e| match e {
            SignInError::Store(error) => AppError::Store(error),
            refused => AppError::BadRequest(
                refused.message().unwrap_or_else(|| Message::new("store-sign-in-wrong")),
            ),
        })?;
    let cookie = session_cookie(&state, signed_in.token, time::Duration::days(14));
    Ok((jar.add(cookie), Redirect::to("/admin")).into_response())
}

/// Counts a sign-in or setup attempt against its client's allowance, on every server together.
async fn sign_in_allowance(state: &AppState, client: std::net::IpAddr) -> AppResult<()> {
    let allowance = state.settings.sign_in_allowance();
    if state.newsroom.take_allowance("sign-in", client, allowance).await? {
        Ok(())
    } else {
        Err(AppError::TooManyRequests(Message::new("admin-sign-in-rate-limited")))
    }
}
