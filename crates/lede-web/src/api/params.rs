//! Query parameters shared by the API's lists, parsed into domain values (parse, don't
//! validate): page sizes, slugs, and moments. Each failure names its parameter, so the problem
//! details say exactly which one to fix.

use crate::error::{AppError, AppResult};
use lede_core::Slug;
use time::format_description::well_known::Rfc3339;
use time::macros::{datetime, format_description};
use time::{Date, OffsetDateTime, Time, UtcOffset};

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

/// A parameter given empty (`tag=`) is refused rather than read as absent: an empty filter
/// is a mistake in the client (a blank form field, a variable that was never set), and
/// answering the unfiltered list would hide it. The OpenAPI document says the same
/// (`minLength`, patterns and formats no empty text matches).
fn given<'a>(name: &'static str, text: Option<&'a str>) -> AppResult<Option<&'a str>> {
    match text {
        Some("") => Err(AppError::BadParameter {
            name,
            message: format!("`{name}` is empty: give it a value, or leave it out."),
        }),
        other => Ok(other),
    }
}

/// `limit`: a whole number from 1 to `max` in decimal digits, `DEFAULT_LIMIT` (or `max` if
/// lower) when absent.
pub fn limit(text: Option<&str>, max: u32) -> AppResult<u32> {
    match given("limit", text)? {
        None => Ok(DEFAULT_LIMIT.min(max)),
        Some(text) => text
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| AppError::BadParameter {
                name: "limit",
                message: format!(
                    "“{text}” is not a page size: use a whole number from 1 to {max}."
                ),
            }),
    }
}

/// A cursor parameter's text, when given (what it means is [`super::cursor`]'s business).
pub fn cursor(text: Option<&str>) -> AppResult<Option<&str>> {
    given("cursor", text)
}

/// A parameter naming a section, tag or author by slug, when given. Text that is not a slug
/// names nothing, like a slug that nothing has: both are a 404 (see [`AppError::NamesNothing`]),
/// saying why. So the OpenAPI document can describe these parameters as any text but the
/// empty one, which every client and tool reads alike; the slug rule (letters of any script)
/// is one that regular-expression engines and request generators read differently.
pub fn slug(name: &'static str, text: Option<&str>) -> AppResult<Option<Slug>> {
    match given(name, text)? {
        None => Ok(None),
        Some(text) => Slug::parse(text).map(Some).map_err(|invalid| AppError::NamesNothing {
            name,
            message: format!("There is no {name} “{text}”: it is not a slug. {}", invalid.message),
        }),
    }
}

/// A moment: exactly what JSON Schema's `format: date-time` (an RFC 3339 date-time:
/// `2026-11-24T12:00:00Z`, `2026-11-24t17:00:00.5+05:00`, a leap second `23:59:60` in UTC) or
/// `format: date` (`2026-11-24`, meaning its midnight UTC) accepts, as the OpenAPI document
/// says; anything else is refused, so the document and the server agree on every string.
/// Returned in UTC, clamped to the years this server counts in.
pub fn moment(name: &'static str, text: Option<&str>) -> AppResult<Option<OffsetDateTime>> {
    let Some(text) = given(name, text)? else {
        return Ok(None);
    };
    let parsed = if text.len() == FULL_DATE_LEN {
        full_date(text).map(|day| OffsetDateTime::new_utc(day, Time::MIDNIGHT))
    } else {
        date_time(text)
    };
    parsed.map(|at| Some(in_utc(at))).ok_or_else(|| AppError::BadParameter {
        name,
        message: format!(
            "“{text}” is not a date: use 2026-11-24 or 2026-11-24T12:00:00Z (RFC 3339)."
        ),
    })
}

/// `YYYY-MM-DD`.
const FULL_DATE_LEN: usize = 10;

/// An RFC 3339 full-date: four-digit year, no sign, a day that exists.
fn full_date(text: &str) -> Option<Date> {
    let shape = text.len() == FULL_DATE_LEN
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    shape.then(|| Date::parse(text, format_description!("[year]-[month]-[day]")).ok()).flatten()
}

/// An RFC 3339 date-time. `time` reads the grammar but is more lenient in one place (a space
/// for the `T`) and stricter in another (it takes a leap second only at a month's end), so
/// both are put right here.
fn date_time(text: &str) -> Option<OffsetDateTime> {
    full_date(text.get(..FULL_DATE_LEN)?)?;
    if !matches!(text.as_bytes().get(FULL_DATE_LEN), Some(b'T' | b't')) {
        return None;
    }
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    // A leap second: `…:60` is valid where the UTC time is 23:59:60; it is read as the last
    // instant before midnight, as `time` itself does at a month's end.
    let seconds = FULL_DATE_LEN + "Thh:mm:".len();
    if text.get(seconds..seconds + 2) != Some("60") {
        return None;
    }
    let mut minute_earlier = text.to_owned();
    minute_earlier.replace_range(seconds..seconds + 2, "59");
    let at = OffsetDateTime::parse(&minute_earlier, &Rfc3339).ok()?;
    let utc = at.checked_to_offset(UtcOffset::UTC)?;
    (utc.hour() == 23 && utc.minute() == 59)
        .then(|| at.replace_nanosecond(999_999_999).ok())
        .flatten()
}

/// `at` in UTC, within the years RFC 3339 writes (0000 to 9999): an offset can push
/// 9999-12-31 into the year 10000 or 0000-01-01 into the year -1, and the edge filters the
/// same as any moment beyond it.
fn in_utc(at: OffsetDateTime) -> OffsetDateTime {
    let first = datetime!(0000-01-01 00:00 UTC);
    let last = datetime!(9999-12-31 23:59:59.999_999_999 UTC);
    at.checked_to_offset(UtcOffset::UTC).unwrap_or(last).clamp(first, last)
}

/// A moment as the API writes it: RFC 3339 in UTC.
pub fn rfc3339(at: OffsetDateTime) -> String {
    in_utc(at).format(&Rfc3339).unwrap_or_default()
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
        let midnight = datetime!(2026-11-24 00:00 UTC);
        assert_eq!(moment("x", Some("2026-11-24")).expect("date"), Some(midnight));
        assert_eq!(
            moment("x", Some("2026-11-24T02:00:00+02:00")).expect("date-time"),
            Some(midnight)
        );
        assert_eq!(rfc3339(midnight), "2026-11-24T00:00:00Z");
        for bad in ["2026-13-01", "yesterday", "2026-11-24 12:00"] {
            assert_eq!(field(moment("published_since", Some(bad))), "published_since");
        }
        match slug("section", Some("Not A Slug")) {
            Err(AppError::NamesNothing { name, .. }) => assert_eq!(name, "section"),
            other => panic!("expected a name of nothing, got {other:?}"),
        }
    }

    /// What JSON Schema's `date-time` and `date` formats accept, and nothing else.
    #[test]
    fn moments_are_exactly_rfc_3339() {
        let at = |text| moment("x", Some(text)).expect(text).expect("given");
        assert_eq!(at("2026-11-24t12:00:00z"), datetime!(2026-11-24 12:00 UTC));
        assert_eq!(
            at("2026-11-24T12:00:00.123456789123+05:30"),
            datetime!(2026-11-24 06:30:00.123_456_789 UTC)
        );
        // Leap seconds where UTC reads 23:59:60, on any day.
        assert_eq!(at("2026-11-24T23:59:60Z"), datetime!(2026-11-24 23:59:59.999_999_999 UTC));
        assert_eq!(at("2026-11-25T00:59:60+01:00"), datetime!(2026-11-24 23:59:59.999_999_999 UTC));
        // Beyond the years RFC 3339 writes in UTC: the edge.
        assert_eq!(rfc3339(at("9999-12-31T23:59:59-23:59")), "9999-12-31T23:59:59.999999999Z");
        assert_eq!(rfc3339(at("0000-01-01T00:00:00+23:59")), "0000-01-01T00:00:00Z");
        for bad in [
            "2026-11-24 12:00:00Z",
            "2026-11-24T12:59:60Z",
            "2026-11-24T23:59:60+01:00",
            "+2026-11-24",
            "-2026-11-24",
            "2026-1-24",
            "2026-02-29",
            "2026-11-24T12:00Z",
            "2026-11-24T12:00:00+0530",
            "2026-11-24T24:00:00Z",
            "2026-11-24T",
            "٢٠٢٦-11-24",
        ] {
            assert_eq!(field(moment("published_since", Some(bad))), "published_since", "{bad}");
        }
    }

    #[test]
    fn empty_parameters_are_refused_by_name() {
        assert_eq!(field(limit(Some(""), MAX_LIMIT)), "limit");
        assert_eq!(field(limit(Some("+5"), MAX_LIMIT)), "limit");
        assert_eq!(field(cursor(Some(""))), "cursor");
        assert_eq!(field(slug("tag", Some(""))), "tag");
        assert_eq!(field(moment("published_before", Some(""))), "published_before");
        assert_eq!(cursor(None).expect("absent"), None);
    }
}
