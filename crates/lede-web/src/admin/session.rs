//! Who is signed in: the session cookie, read into a [`Viewer`] (a handler that takes one is
//! only reached signed in) or a [`MaybeViewer`] (for the pages that serve both), and the CSRF
//! check that [`super::forms`] applies to every state-changing admin form.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use lede_core::account::{Action, User};

pub const SESSION_COOKIE: &str = "lede_session";

/// The signed-in account behind a request, and its session's CSRF token.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    pub csrf: String,
    pub token: String,
    /// The language the newsroom speaks to them: their choice if the theme ships it, else
    /// the site's default.
    pub language: String,
    /// The message an action left for the page after its redirect ("Published").
    pub flash: Option<super::flash::Flash>,
}

impl Viewer {
    /// Refuses, with a 403 page, what the viewer's role does not allow.
    pub fn require(&self, action: Action) -> AppResult<()> {
        if self.user.role.may(action) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                lede_core::Message::new("admin-error-role").message("role", self.user.role.name()),
            ))
        }
    }

    /// Refuses (403) a form whose CSRF token is not this session's. Only the form extractors
    /// call it, before any handler runs.
    pub(super) fn check_csrf(&self, sent: &str) -> AppResult<()> {
        let same = sent.len() == self.csrf.len()
            && sent.bytes().zip(self.csrf.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same { Ok(()) } else { Err(forged()) }
    }
}

/// The refusal of a form that did not carry the session's token.
pub(super) fn forged() -> AppError {
    AppError::Forbidden("admin-error-csrf".into())
}

/// A signed-in person; signed out, the request is answered with a 303 to the sign-in form
/// and the handler never runs.
impl<S> FromRequestParts<S> for Viewer
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let MaybeViewer(viewer) = MaybeViewer::from_request_parts(parts, state).await?;
        viewer.ok_or(AppError::SignInFirst)
    }
}

/// The viewer, if a live session cookie came with the request.
#[derive(Debug)]
pub struct MaybeViewer(pub Option<Viewer>);

impl<S> FromRequestParts<S> for MaybeViewer
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let Some(token) = session_token(&parts.headers) else {
            return Ok(Self(None));
        };
        let session = state.accounts.session(&token).await?;
        let flash = super::flash::read(&state, &parts.headers);
        Ok(Self(session.map(|(user, csrf)| {
            let language = newsroom_language(&state, &user);
            Viewer { user, csrf, token, language, flash }
        })))
    }
}

/// The session cookie's token, if the request carries one.
pub(crate) fn session_token(headers: &axum::http::HeaderMap) -> Option<String> {
    CookieJar::from_headers(headers).get(SESSION_COOKIE).map(|c| c.value().to_owned())
}

/// The language the newsroom speaks to `user`: their choice, if the theme ships translations
/// for it, else the site's default language.
pub(crate) fn newsroom_language(state: &AppState, user: &User) -> String {
    match user.interface_language.as_deref() {
        Some(chosen) if state.translations.languages().any(|l| l == chosen) => chosen.to_owned(),
        _ => state.newsroom.languages().default_language().to_owned(),
    }
}

/// The session cookie: HttpOnly (no script reads it), SameSite=Lax (no cross-site POST sends
/// it), Secure when the site is served over HTTPS.
pub fn session_cookie(state: &AppState, token: String, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.base_url.starts_with("https://"))
        .path("/")
        .max_age(max_age)
        .build()
}
