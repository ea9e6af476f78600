//! Who is asking: the public, or a syndication partner presenting an API key as
//! `Authorization: Bearer KEY`. No header means the public; a header that does not hold a
//! working key is refused (401) rather than quietly treated as public, so a partner whose key
//! was revoked learns it at once. Every API route but the OpenAPI document takes [`Access`],
//! so a bad key is refused everywhere, even where partners see nothing more.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use lede_core::api_key::{hash_key, looks_like_key};
use lede_store::Audience;

/// The audience a request reads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub audience: Audience,
}

impl FromRequestParts<AppState> for Access {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Self { audience: Audience::Public });
        };
        let presented = value
            .to_str()
            .ok()
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, key)| key.trim())
            .ok_or_else(|| {
                AppError::Unauthorized("Send an API key as “Authorization: Bearer KEY”.".into())
            })?;
        let unknown = || AppError::Unauthorized("This API key is not known.".into());
        if !looks_like_key(presented) {
            return Err(unknown());
        }
        let key = state
            .newsroom
            .store()
            .api_key_by_hash(&hash_key(presented))
            .await?
            .ok_or_else(unknown)?;
        if key.is_revoked() {
            return Err(AppError::Unauthorized(
                "This API key was revoked. Ask the newsroom for a new one.".into(),
            ));
        }
        Ok(Self { audience: Audience::Partner })
    }
}
