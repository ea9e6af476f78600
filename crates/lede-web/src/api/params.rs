//! Query parameters shared by the API's lists, parsed into domain values (parse, don't
//! validate): page sizes, slugs, and moments. Each failure names its parameter, so the problem
//! details say exactly which one to fix.

use crate::error::{AppError, AppResult};
use lede_core::Slug;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, Time};

/// Items a page holds when the client does not say.
pub const DEFAULT_LIMIT: u32 = 20;
/// The most a client may ask for in one page.
pub const MAX_LIMIT: u32 = 100;

/// The parameters of a list that has no filters (authors, tags).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

/// `limit`: a whole number from 1 to `max`, `DEFAULT_LIMIT` (or `max` if lower) when absent.
pub fn limit(text: Option<&str>, max: u32) -> AppResult<u32> {
    match text {
        None | Some("") => Ok(DEFAULT_LIMIT.min(max)),
        Some(text) => text.parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
            AppError::BadParameter {
                name: "limit",
                message: format!(
                    "“{text}” is not a page size: use a whole number from 1 to {max}."
                ),
            }
        }),
    }
}

/// A slug parameter (`section`, `tag`, `author`), when given.
pub fn slug(name: &'static str, text: Option<&str>) -> AppResult<Option<Slug>> {
    match text {
        None | Some("") => Ok(None),
        Some(text) => Slug::parse(text).map(Some).map_err(|invalid| AppError::BadParameter {
            name,
            message: format!("“{text}” is not a slug: {}", invalid.message),
        }),
    }
}

/// A moment: an RFC 3339 date-time (`2026-11-24T12:00:00Z`) or a date (`2026-11-24`, meaning
/// its midnight UTC).
pub fn moment(name: &'static str, text: Option<&str>) -> AppResult<Option<OffsetDateTime>> {
    let Some(text) = text.filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(Some(at));
    }
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map(|day| Some(OffsetDateTime::new_utc(day, Time::MIDNIGHT)))
        .map_err(|_| AppError::BadParameter {
            name,
            message: format!(
                "“{text}” is not a date: use 2026-11-24 or 2026-11-24T12:00:00Z (RFC 3339)."
            ),
        })
}

/// A moment as the API writes it: RFC 3339 in UTC.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: AppResult<impl std::fmt::Debug>) -> &'static str {
        match result {
            Err(AppError::BadParameter { name, .. }) => name,
            other => panic!("expected a bad parameter, got {other:?}"),
        }
    }

    #[test]
    fn limits() {
        assert_eq!(limit(None, MAX_LIMIT).expect("default"), DEFAULT_LIMIT);
        assert_eq!(limit(Some("100"), MAX_LIMIT).expect("max"), 100);
        for bad in ["0", "101", "-1", "ten", "1.5"] {
            assert_eq!(field(limit(Some(bad), MAX_LIMIT)), "limit", "{bad}");
        }
    }

    #[test]
    fn moments() {
        let midnight = time::macros::datetime!(2026-11-24 00:00 UTC);
        assert_eq!(moment("x", Some("2026-11-24")).expect("date"), Some(midnight));
        assert_eq!(
            moment("x", Some("2026-11-24T02:00:00+02:00")).expect("date-time"),
            Some(midnight)
        );
        assert_eq!(rfc3339(midnight), "2026-11-24T00:00:00Z");
        for bad in ["2026-13-01", "yesterday", "2026-11-24 12:00"] {
            assert_eq!(field(moment("published_since", Some(bad))), "published_since");
        }
        assert_eq!(field(slug("section", Some("Not A Slug"))), "section");
    }
}
