//! One-shot messages after an action ("Published", "Updated", "Scheduled for …"): the form's
//! handler answers with a 303 and a short-lived cookie naming what happened, signed with the
//! site's secret; the page it leads to shows the message (in the person's language, rendered
//! then) and a layer around the newsroom spends the cookie with that page, so a reload does
//! not say it again. Nothing is stored on the server, and admin pages are `no-store`, so no
//! cache keeps the message either.

use crate::state::AppState;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::OffsetDateTime;

pub const FLASH_COOKIE: &str = "lede_flash";

/// How long a message waits for the page that shows it: the redirect is followed at once.
const MAX_AGE_SECONDS: i64 = 120;

/// What happened, as the message after the redirect says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    Saved,
    Submitted,
    Published,
    Updated,
    Scheduled(OffsetDateTime),
    Unpublished,
    SavedForLater,
    Discarded,
    /// A preview link was made: the token, shown this once (only its hash is stored).
    PreviewLink(String),
    LinkRevoked,
    /// Lines said in the person's language when the action was done (a bulk action's count,
    /// then what it refused and why): the first is the message, the others its details.
    Lines(Vec<String>),
    /// A static page saved as a draft, published, updated while live, unpublished, restored
    /// to an earlier version, deleted.
    PageSaved,
    PagePublished,
    PageUpdated,
    PageUnpublished,
    PageRestored,
    PageDeleted,
    /// A menu saved, or given back to the default.
    MenuSaved,
    MenuReset,
}

impl Flash {
    /// The message after a workflow step.
    pub fn after(step: lede_core::workflow::Step, scheduled: Option<OffsetDateTime>) -> Self {
        use lede_core::workflow::Step;
        match step {
            Step::SaveDraft => Self::Saved,
            Step::SubmitForReview => Self::Submitted,
            Step::Publish => Self::Published,
            Step::Update => Self::Updated,
            Step::Schedule => scheduled.map_or(Self::Saved, Self::Scheduled),
            Step::Unpublish => Self::Unpublished,
            Step::SaveForLater => Self::SavedForLater,
            Step::DiscardPending => Self::Discarded,
        }
    }

    /// The cookie's payload: a word, and after a colon its one argument.
    fn encode(&self) -> String {
        match self {
            Self::Saved => "saved".into(),
            Self::Submitted => "submitted".into(),
            Self::Published => "published".into(),
            Self::Updated => "updated".into(),
            Self::Scheduled(at) => format!("scheduled:{}", at.unix_timestamp()),
            Self::Unpublished => "unpublished".into(),
            Self::SavedForLater => "later".into(),
            Self::Discarded => "discarded".into(),
            Self::PreviewLink(token) => format!("link:{token}"),
            Self::LinkRevoked => "revoked".into(),
            Self::Lines(lines) => {
                use base64::Engine;
                let json = serde_json::to_string(lines).unwrap_or_default();
                format!("lines:{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json))
            }
            Self::PageSaved => "page-saved".into(),
            Self::PagePublished => "page-published".into(),
            Self::PageUpdated => "page-updated".into(),
            Self::PageUnpublished => "page-unpublished".into(),
            Self::PageRestored => "page-restored".into(),
            Self::PageDeleted => "page-deleted".into(),
            Self::MenuSaved => "menu-saved".into(),
            Self::MenuReset => "menu-reset".into(),
        }
    }

    fn decode(text: &str) -> Option<Self> {
        let (word, argument) = text.split_once(':').unwrap_or((text, ""));
        Some(match word {
            "saved" => Self::Saved,
            "submitted" => Self::Submitted,
            "published" => Self::Published,
            "updated" => Self::Updated,
            "scheduled" => {
                Self::Scheduled(OffsetDateTime::from_unix_timestamp(argument.parse().ok()?).ok()?)
            }
            "unpublished" => Self::Unpublished,
            "later" => Self::SavedForLater,
            "discarded" => Self::Discarded,
            "link" if argument.bytes().all(|b| b.is_ascii_hexdigit()) && !argument.is_empty() => {
                Self::PreviewLink(argument.to_owned())
            }
            "revoked" => Self::LinkRevoked,
            "lines" => {
                use base64::Engine;
                let json =
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(argument).ok()?;
                let lines: Vec<String> = serde_json::from_slice(&json).ok()?;
                if lines.is_empty() {
                    return None;
                }
                Self::Lines(lines)
            }
            "page-saved" => Self::PageSaved,
            "page-published" => Self::PagePublished,
            "page-updated" => Self::PageUpdated,
            "page-unpublished" => Self::PageUnpublished,
            "page-restored" => Self::PageRestored,
            "page-deleted" => Self::PageDeleted,
            "menu-saved" => Self::MenuSaved,
            "menu-reset" => Self::MenuReset,
            _ => return None,
        })
    }

    /// The message in `language`, with what it needs to show: the scheduled time on the
    /// site's clock, the preview link's address.
    pub fn view(&self, state: &AppState, language: &str) -> FlashView {
        let say = |id: &str, args: &[(&str, &str)]| state.say_in(language, id, args);
        let zone = &state.settings.time_zone;
        if let Self::Lines(lines) = self {
            let (first, rest) = lines.split_first().map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
            return FlashView { text: first.to_owned(), link: None, details: rest.to_vec() };
        }
        let (text, link) = match self {
            Self::Saved => (say("admin-flash-saved", &[]), None),
            Self::Submitted => (say("admin-flash-submitted", &[]), None),
            Self::Published => (say("admin-flash-published", &[]), None),
            Self::Updated => (say("admin-flash-updated", &[]), None),
            Self::Scheduled(at) => {
                let when = zone.long_date_time(*at, language);
                (say("admin-flash-scheduled", &[("when", &when), ("zone", zone.name())]), None)
            }
            Self::Unpublished => (say("admin-flash-unpublished", &[]), None),
            Self::SavedForLater => (say("admin-flash-later", &[]), None),
            Self::Discarded => (say("admin-flash-discarded", &[]), None),
            Self::PreviewLink(token) => (
                say("admin-flash-preview-link", &[]),
                Some(state.settings.absolute(&lede_core::urls::shared_preview(token))),
            ),
            Self::LinkRevoked => (say("admin-flash-link-revoked", &[]), None),
            Self::Lines(_) => (String::new(), None),
            Self::PageSaved => (say("admin-flash-page-saved", &[]), None),
            Self::PagePublished => (say("admin-flash-page-published", &[]), None),
            Self::PageUpdated => (say("admin-flash-page-updated", &[]), None),
            Self::PageUnpublished => (say("admin-flash-page-unpublished", &[]), None),
            Self::PageRestored => (say("admin-flash-page-restored", &[]), None),
            Self::PageDeleted => (say("admin-flash-page-deleted", &[]), None),
            Self::MenuSaved => (say("admin-flash-menu-saved", &[]), None),
            Self::MenuReset => (say("admin-flash-menu-reset", &[]), None),
        };
        FlashView { text, link, details: Vec::new() }
    }
}

/// A message as the layout shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FlashView {
    pub text: String,
    /// An address to copy (a new preview link).
    pub link: Option<String>,
    /// Lines under the message (what a bulk action refused, and why).
    pub details: Vec<String>,
}

fn signature(secret: &[u8], payload: &str, expires: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(format!("flash|{payload}|{expires}").as_bytes());
    mac.finalize().into_bytes().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The cookie that carries `flash` to the next page.
pub fn cookie(state: &AppState, flash: &Flash) -> Cookie<'static> {
    let payload = flash.encode();
    let expires = state.newsroom.now().unix_timestamp() + MAX_AGE_SECONDS;
    let value =
        format!("{payload}.{expires}.{}", signature(state.newsroom.secret(), &payload, expires));
    Cookie::build((FLASH_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.base_url.starts_with("https://"))
        .path("/admin")
        .max_age(time::Duration::seconds(MAX_AGE_SECONDS))
        .build()
}

/// A 303 to `to` that carries `flash` to the page there.
pub fn redirect(state: &AppState, to: &str, flash: &Flash) -> Response {
    use axum::response::IntoResponse;
    let mut response = axum::response::Redirect::to(to).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie(state, flash).to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The message a request carries, if its cookie is signed by this site and not stale.
pub fn read(state: &AppState, headers: &HeaderMap) -> Option<Flash> {
    let jar = CookieJar::from_headers(headers);
    let value = jar.get(FLASH_COOKIE)?.value().to_owned();
    let mut parts = value.rsplitn(3, '.');
    let (sig, expires, payload) = (parts.next()?, parts.next()?, parts.next()?);
    let expires: i64 = expires.parse().ok()?;
    let expected = signature(state.newsroom.secret(), payload, expires);
    let same = expected.len() == sig.len()
        && expected.bytes().zip(sig.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if !same || state.newsroom.now().unix_timestamp() > expires {
        return None;
    }
    Flash::decode(payload)
}

/// Spends the message with the page that shows it: a successful HTML answer to a request that
/// carried one removes the cookie, unless the answer sets a new one.
pub async fn spend(request: Request, next: Next) -> Response {
    let carried = CookieJar::from_headers(request.headers()).get(FLASH_COOKIE).is_some();
    let mut response = next.run(request).await;
    if !carried || !response.status().is_success() {
        return response;
    }
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let sets_new = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(FLASH_COOKIE)));
    if html && !sets_new {
        let gone = Cookie::build((FLASH_COOKIE, "")).path("/admin").max_age(time::Duration::ZERO);
        if let Ok(value) = HeaderValue::from_str(&gone.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_survives_the_cookie() {
        let at = time::macros::datetime!(2026-12-01 09:30 UTC);
        for flash in [
            Flash::Saved,
            Flash::Submitted,
            Flash::Published,
            Flash::Updated,
            Flash::Scheduled(at),
            Flash::Unpublished,
            Flash::SavedForLater,
            Flash::Discarded,
            Flash::PreviewLink("0a1b2c".into()),
            Flash::LinkRevoked,
            Flash::Lines(vec!["3 articles moved to the trash".into(), "«Budget» — نہیں".into()]),
            Flash::PageSaved,
            Flash::PagePublished,
            Flash::PageUpdated,
            Flash::PageUnpublished,
            Flash::PageRestored,
            Flash::PageDeleted,
            Flash::MenuSaved,
            Flash::MenuReset,
        ] {
            assert_eq!(Flash::decode(&flash.encode()), Some(flash));
        }
        assert_eq!(Flash::decode("link:<script>"), None, "a link token is hex");
        assert_eq!(Flash::decode("deleted"), None);
    }
}
