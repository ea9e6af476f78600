//! The browsers signed in as someone. Each person sees their own on their profile and signs
//! out any one of them, or all but the one they are using; an admin signs out every session
//! of someone else from the people page (a lost phone, a person who left).

use super::Viewer;
use super::forms::CsrfForm;
use super::session::session_cookie;
use crate::dates::SiteZone;
use crate::error::AppResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use lede_core::Message;
use lede_core::account::{Action, UserId};
use serde::Serialize;
use time::OffsetDateTime;

/// A session as the profile lists it.
#[derive(Debug, Serialize)]
pub(super) struct SessionLine {
    id: String,
    browser: String,
    started: String,
    last_used: Option<String>,
    current: bool,
}

/// `at` on the site's wall clock, with the zone's name (`2026-11-22 14:05 Asia/Karachi`).
fn when(zone: &SiteZone, at: OffsetDateTime) -> String {
    format!("{} {}", zone.civil(at).strftime("%Y-%m-%d %H:%M"), zone.name())
}

/// The viewer's live sessions, the one in use first.
pub(super) async fn session_lines(
    state: &AppState,
    viewer: &Viewer,
) -> AppResult<Vec<SessionLine>> {
    let mut sessions = state.accounts.sessions(&viewer.user, &viewer.token).await?;
    sessions.sort_by_key(|s| !s.current);
    Ok(sessions
        .into_iter()
        .map(|s| SessionLine {
            browser: describe_browser(&s.user_agent, |m| {
                crate::admin::tell(state, Some(viewer), &m)
            }),
            started: when(&state.settings.time_zone, s.created_at),
            last_used: s.last_used_at.map(|at| when(&state.settings.time_zone, at)),
            current: s.current,
            id: s.id,
        })
        .collect())
}

/// Signs out one of the viewer's own sessions. Signing out the one in use is signing out.
pub async fn sign_out_one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    jar: CookieJar,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    let current = state
        .accounts
        .sessions(&viewer.user, &viewer.token)
        .await?
        .into_iter()
        .any(|s| s.current && s.id == id);
    state.accounts.end_session(&viewer.user, &id).await?;
    if current {
        let expired = session_cookie(&state, String::new(), time::Duration::ZERO);
        return Ok((jar.add(expired), Redirect::to("/admin")).into_response());
    }
    Ok(Redirect::to("/admin/profile#sessions").into_response())
}

/// Signs out every session of the viewer but the one in use.
pub async fn sign_out_others(
    State(state): State<AppState>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    state.accounts.end_other_sessions(&viewer.user, &viewer.token).await?;
    Ok(Redirect::to("/admin/profile#sessions").into_response())
}

/// An admin signs out every session of an account.
pub async fn sign_out_person(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm { viewer, .. }: CsrfForm,
) -> AppResult<Response> {
    viewer.require(Action::ManageAccounts)?;
    state.accounts.end_all_sessions(&viewer.user, UserId(id)).await?;
    Ok(Redirect::to("/admin/people").into_response())
}

/// A User-Agent header shortened to what a person recognises: "Firefox on Linux", in the
/// words `say` gives (the browser's and the system's names stay as they are).
pub fn describe_browser(user_agent: &str, say: impl Fn(Message) -> String) -> String {
    let has = |needle: &str| user_agent.contains(needle);
    // Order matters: Edge and Opera also claim Chrome, Chrome also claims Safari.
    let browser = if has("Edg/") {
        Some("Edge")
    } else if has("OPR/") || has("Opera") {
        Some("Opera")
    } else if has("Firefox/") || has("FxiOS/") {
        Some("Firefox")
    } else if has("Chromium/") {
        Some("Chromium")
    } else if has("Chrome/") || has("CriOS/") {
        Some("Chrome")
    } else if has("Safari/") {
        Some("Safari")
    } else {
        None
    };
    // iPhones and iPads say "like Mac OS X", Android says "Linux": test those first.
    let system = if has("iPhone") || has("iPad") {
        Some("iOS")
    } else if has("Android") {
        Some("Android")
    } else if has("CrOS") {
        Some("ChromeOS")
    } else if has("Windows") {
        Some("Windows")
    } else if has("Mac OS X") || has("Macintosh") {
        Some("macOS")
    } else if has("Linux") {
        Some("Linux")
    } else {
        None
    };
    match (browser, system) {
        (Some(b), Some(s)) => {
            say(Message::new("admin-browser-on").text("browser", b).text("system", s))
        }
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => say(Message::new("admin-browser-on-unknown").text("system", s)),
        (None, None) if user_agent.trim().is_empty() => say(Message::new("admin-browser-unknown")),
        (None, None) => user_agent.chars().take(40).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe_browser;

    #[test]
    fn user_agents_are_shortened_to_browser_and_system() {
        let table = [
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Firefox on Linux",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari on iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
                "Chrome on Android",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                "Safari on macOS",
            ),
            ("curl/8.8.0", "curl/8.8.0"),
            ("", "Unknown browser"),
        ];
        let translations = crate::i18n::Translations::shipped().expect("parse");
        for (agent, expected) in table {
            let english = describe_browser(agent, |m| translations.say("en", &m));
            assert_eq!(english, expected, "{agent}");
        }
        let urdu = describe_browser(table[0].0, |m| translations.say("ur", &m));
        assert_eq!(urdu, "Linux پر Firefox");
    }
}
