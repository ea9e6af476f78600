//! Dates as readers see them: an instant shown on the calendar of the site's time zone
//! (`time_zone` in `lede.toml`, an IANA name resolved by `jiff`), in the words and digits of
//! the page's language as CLDR gives them (through ICU4X). The numbering system is CLDR's
//! default for the locale (Latin digits for `ur`, Eastern Arabic for `ar-EG`…); nothing here
//! chooses digits. Machine formats (`<time datetime>`, feeds, sitemaps) never go through here.

use icu_datetime::fieldsets::{YM, YMD, YMDT};
use icu_datetime::input::Date;
use icu_datetime::options::TimePrecision;
use icu_datetime::preferences::{CalendarAlgorithm, HourCycle};
use icu_datetime::{DateTimeFormatter, DateTimeFormatterPreferences};
use icu_locale::Locale;
use jiff::tz::TimeZone;
use std::cell::RefCell;
use std::collections::HashMap;
use time::OffsetDateTime;

type DayFormatter = DateTimeFormatter<YMD>;
type MonthFormatter = DateTimeFormatter<YM>;
type MinuteFormatter = DateTimeFormatter<YMDT>;

/// A time zone named in the configuration that the time zone database does not know.
#[derive(Debug, thiserror::Error)]
#[error("time_zone {name:?} is not an IANA time zone name (such as \"Asia/Karachi\" or \"UTC\")")]
pub struct UnknownZone {
    pub name: String,
}

/// The site's time zone: its IANA name (shown next to the editor's "Publish at") and rules.
#[derive(Debug, Clone)]
pub struct SiteZone {
    name: String,
    zone: TimeZone,
}

impl Default for SiteZone {
    fn default() -> Self {
        Self { name: "UTC".to_owned(), zone: TimeZone::UTC }
    }
}

impl SiteZone {
    /// The zone with IANA name `name` (`Asia/Karachi`, `UTC`), refusing names the database
    /// lacks.
    pub fn named(name: &str) -> Result<Self, UnknownZone> {
        let zone = TimeZone::get(name).map_err(|_| UnknownZone { name: name.to_owned() })?;
        Ok(Self { name: name.to_owned(), zone })
    }

    /// The IANA name, as configured.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `at` on the wall clock of the zone.
    pub fn civil(&self, at: OffsetDateTime) -> jiff::civil::DateTime {
        self.zoned(at).datetime()
    }

    fn zoned(&self, at: OffsetDateTime) -> jiff::Zoned {
        let nanos = i32::try_from(at.nanosecond()).unwrap_or(0);
        jiff::Timestamp::new(at.unix_timestamp(), nanos)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(self.zone.clone())
    }

    /// The instant a wall-clock time in the zone names. A time skipped by a change to summer
    /// time is taken as the instant after the gap, a repeated one as its first occurrence.
    pub fn instant(&self, civil: jiff::civil::DateTime) -> Option<OffsetDateTime> {
        let zoned = civil.to_zoned(self.zone.clone()).ok()?;
        let at = zoned.timestamp();
        OffsetDateTime::from_unix_timestamp_nanos(at.as_nanosecond()).ok()
    }

    /// The first instant of `day` on the zone's calendar: where a day's archive or a search's
    /// "from" begins for readers of this site (midnight in Karachi is 19:00 UTC the day before).
    pub fn start_of_day(&self, day: time::Date) -> Option<OffsetDateTime> {
        let civil = jiff::civil::date(
            i16::try_from(day.year()).ok()?,
            i8::try_from(u8::from(day.month())).ok()?,
            i8::try_from(day.day()).ok()?,
        );
        let zoned = civil.to_zoned(self.zone.clone()).ok()?.start_of_day().ok()?;
        OffsetDateTime::from_unix_timestamp_nanos(zoned.timestamp().as_nanosecond()).ok()
    }

    /// `at` as day, long month name and year in `language` (`22 November 2026`,
    /// `22 نومبر، 2026`), on the calendar of the zone.
    pub fn long_date(&self, at: OffsetDateTime, language: &str) -> String {
        let day = self.civil(at).date();
        let Ok(date) = Date::try_new_iso(
            i32::from(day.year()),
            day.month().unsigned_abs(),
            day.day().unsigned_abs(),
        ) else {
            return String::new();
        };
        with_formatter(language, |formatter| formatter.format(&date).to_string())
    }

    /// `at` as day, long month name, year and time to the minute in `language` (`22 November
    /// 2026 at 14:05`), on the wall clock of the zone: when a correction or an update was made.
    pub fn long_date_time(&self, at: OffsetDateTime, language: &str) -> String {
        let civil = self.civil(at);
        let (Ok(date), Ok(time)) = (
            Date::try_new_iso(
                i32::from(civil.year()),
                civil.month().unsigned_abs(),
                civil.day().unsigned_abs(),
            ),
            icu_datetime::input::Time::try_new(
                civil.hour().unsigned_abs(),
                civil.minute().unsigned_abs(),
                0,
                0,
            ),
        ) else {
            return String::new();
        };
        let moment = icu_datetime::input::DateTime { date, time };
        MINUTE_FORMATTERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let formatter = cache.entry(language.to_owned()).or_insert_with(|| {
                let fields = YMDT::long().with_time_precision(TimePrecision::Minute);
                DateTimeFormatter::try_new(preferences(language), fields)
                    .or_else(|_| DateTimeFormatter::try_new(preferences("en"), fields))
                    .ok()
            });
            formatter.as_ref().map(|f| f.format(&moment).to_string()).unwrap_or_default()
        })
    }
}

/// A calendar day (a day archive's) as day, long month name and year in `language`, like
/// [`SiteZone::long_date`].
pub fn long_day(day: time::Date, language: &str) -> String {
    let Ok(date) = Date::try_new_iso(day.year(), u8::from(day.month()), day.day()) else {
        return String::new();
    };
    with_formatter(language, |formatter| formatter.format(&date).to_string())
}

/// A month (a month archive's) as long month name and year in `language` (`November 2026`,
/// `نومبر 2026`).
pub fn month_year(year: i32, month: time::Month, language: &str) -> String {
    let Ok(date) = Date::try_new_iso(year, u8::from(month), 1) else {
        return String::new();
    };
    MONTH_FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let formatter = cache.entry(language.to_owned()).or_insert_with(|| {
            DateTimeFormatter::try_new(preferences(language), YM::long())
                .or_else(|_| DateTimeFormatter::try_new(preferences("en"), YM::long()))
                .ok()
        });
        formatter.as_ref().map(|f| f.format(&date).to_string()).unwrap_or_default()
    })
}

/// The CLDR locale whose date patterns a page in `language` uses. English keeps the
/// day-month-year order Lede has always shown ("5 November 2026", CLDR's `en-GB`), not the
/// US month-first order of plain `en`; other languages are their own tag.
fn date_locale(language: &str) -> Locale {
    let tag = match language {
        "en" | "" => "en-GB",
        other => other,
    };
    Locale::try_from_str(tag).unwrap_or(icu_locale::locale!("en-GB"))
}

/// The locale's preferences on the Gregorian calendar and the 24-hour clock: news is dated by
/// them in every language Lede ships, whatever a locale would otherwise default to (Urdu's
/// 12-hour clock put a Latin "PM" in the middle of Urdu text).
fn preferences(language: &str) -> DateTimeFormatterPreferences {
    let mut preferences = DateTimeFormatterPreferences::from(date_locale(language));
    preferences.calendar_algorithm = Some(CalendarAlgorithm::Gregory);
    preferences.hour_cycle = Some(HourCycle::H23);
    preferences
}

thread_local! {
    /// Formatters by language, made once per thread: loading the patterns for each date on a
    /// page would be wasted work.
    static FORMATTERS: RefCell<HashMap<String, Option<DayFormatter>>> = RefCell::new(HashMap::new());
    static MONTH_FORMATTERS: RefCell<HashMap<String, Option<MonthFormatter>>> =
        RefCell::new(HashMap::new());
    static MINUTE_FORMATTERS: RefCell<HashMap<String, Option<MinuteFormatter>>> =
        RefCell::new(HashMap::new());
}

fn with_formatter(language: &str, format: impl FnOnce(&DayFormatter) -> String) -> String {
    FORMATTERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let formatter = cache.entry(language.to_owned()).or_insert_with(|| {
            DateTimeFormatter::try_new(preferences(language), YMD::long())
                .or_else(|_| DateTimeFormatter::try_new(preferences("en"), YMD::long()))
                .ok()
        });
        formatter.as_ref().map(format).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn long_dates_in_english_and_urdu() {
        let utc = SiteZone::default();
        let at = datetime!(2026-11-22 14:05 UTC);
        assert_eq!(utc.long_date(at, "en"), "22 November 2026");
        let urdu = utc.long_date(at, "ur");
        assert!(urdu.contains("نومبر"), "{urdu}");
        // CLDR's default numbering system for Urdu is Latin digits.
        assert!(urdu.contains("22") && urdu.contains("2026"), "{urdu}");
        assert_eq!(
            utc.long_date(datetime!(2026-03-05 00:00 UTC), "ur"),
            utc.long_date(datetime!(2026-03-05 00:00 UTC), "ur-PK")
        );
        assert!(utc.long_date(at, "ur").contains("نومبر"));
    }

    #[test]
    fn dates_with_times_in_english_and_urdu_on_the_site_clock() {
        let karachi = SiteZone::named("Asia/Karachi").expect("zone");
        let at = datetime!(2026-11-22 14:05 UTC);
        assert_eq!(SiteZone::default().long_date_time(at, "en"), "22 November 2026 at 14:05");
        assert_eq!(karachi.long_date_time(at, "en"), "22 November 2026 at 19:05");
        let urdu = karachi.long_date_time(at, "ur");
        assert!(urdu.contains("نومبر") && urdu.contains("19:05"), "{urdu}");
        assert!(!urdu.contains("PM") && !urdu.contains("AM"), "no Latin day period: {urdu}");
    }

    #[test]
    fn archive_months_and_days_in_english_and_urdu() {
        use time::Month;
        assert_eq!(month_year(2026, Month::November, "en"), "November 2026");
        let urdu = month_year(2026, Month::November, "ur");
        assert!(urdu.contains("نومبر") && urdu.contains("2026"), "{urdu}");
        let day = time::Date::from_calendar_date(2026, Month::March, 5).expect("a day");
        assert_eq!(long_day(day, "en"), "5 March 2026");
        assert!(long_day(day, "ur").contains("مارچ"), "{}", long_day(day, "ur"));
    }

    #[test]
    fn digits_follow_the_locale_default_numbering_system() {
        // Arabic as written in Egypt defaults to Arabic-Indic digits in CLDR.
        let text = SiteZone::default().long_date(datetime!(2026-11-22 0:00 UTC), "ar-EG");
        assert!(text.contains('٢'), "{text}");
    }

    #[test]
    fn the_day_is_the_site_zone_day() {
        let karachi = SiteZone::named("Asia/Karachi").expect("zone");
        let at = datetime!(2026-11-30 20:00 UTC);
        assert_eq!(karachi.long_date(at, "en"), "1 December 2026");
        assert_eq!(SiteZone::default().long_date(at, "en"), "30 November 2026");
        assert!(karachi.long_date(at, "ur").contains("دسمبر"));
    }

    #[test]
    fn wall_clock_times_round_trip_through_the_zone() {
        let karachi = SiteZone::named("Asia/Karachi").expect("zone");
        let civil = jiff::civil::date(2026, 12, 1).at(9, 30, 0, 0);
        let at = karachi.instant(civil).expect("instant");
        assert_eq!(at, datetime!(2026-12-01 04:30 UTC));
        assert_eq!(karachi.civil(at), civil);
    }

    #[test]
    fn unknown_zones_are_refused() {
        let error = SiteZone::named("Asia/Lahore").expect_err("not a zone");
        assert!(error.to_string().contains("Asia/Lahore"));
        assert_eq!(SiteZone::named("UTC").expect("utc").name(), "UTC");
    }
}
