//! Newsletters' rules: which lists there are, the signed links a subscriber gets by email
//! (confirm, change lists, unsubscribe), the keyed hash that keeps a removed address from
//! ever being mailed again, when a refused message is tried again, and the subscribers' CSV.
//!
//! Links are signed with the site's secret rather than stored: a confirmation link carries
//! its expiry, and a subscriber's own link never expires (an unsubscribe link in a year-old
//! email must still work), so nothing but the subscriber row has to be kept.

use crate::content::SectionId;
use crate::{Invalid, Result};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::{Duration, OffsetDateTime};

/// How long a confirmation link works.
pub const CONFIRM_LIFETIME: Duration = Duration::days(7);

/// Attempts at one message before it counts as failed: a temporary refusal (4xx, a timeout)
/// is tried again after [`retry_delay`].
pub const MAX_ATTEMPTS: u32 = 5;

/// The wait after the `attempt`th failed attempt: 1, 2, 4, 8 minutes.
pub fn retry_delay(attempt: u32) -> Duration {
    Duration::minutes(1 << attempt.saturating_sub(1).min(10))
}

/// What a list sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKind {
    /// A digest of the day's articles, at the time the newsroom sets.
    Daily,
    /// An article an editor sends as breaking news when publishing it.
    Breaking,
    /// Articles of one section, sent by an editor, once the newsroom turned the list on.
    Section(SectionId),
}

/// A list in one language: every site language has its own daily briefing and breaking
/// news, and each section the newsroom turned on has one list per language.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct List {
    pub kind: ListKind,
    pub language: String,
}

impl List {
    pub fn new(kind: ListKind, language: &str) -> Self {
        Self { kind, language: language.to_owned() }
    }

    /// How it is stored and sent in forms: `daily:en`, `breaking:ur`, `section:12:en`.
    pub fn key(&self) -> String {
        match self.kind {
            ListKind::Daily => format!("daily:{}", self.language),
            ListKind::Breaking => format!("breaking:{}", self.language),
            ListKind::Section(id) => format!("section:{}:{}", id.0, self.language),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        let mut parts = key.split(':');
        let kind = match parts.next()? {
            "daily" => ListKind::Daily,
            "breaking" => ListKind::Breaking,
            "section" => ListKind::Section(SectionId(parts.next()?.parse().ok()?)),
            _ => return None,
        };
        let language = parts.next()?;
        let plausible = !language.is_empty()
            && language.len() <= 35
            && language.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        (plausible && parts.next().is_none()).then(|| Self::new(kind, language))
    }
}

/// The lists the site offers: for each language, the daily briefing, breaking news, and the
/// lists of the sections turned on.
pub fn offered_lists(languages: &[String], sections: &[SectionId]) -> Vec<List> {
    let mut lists = Vec::new();
    for language in languages {
        lists.push(List::new(ListKind::Daily, language));
        lists.push(List::new(ListKind::Breaking, language));
        lists.extend(sections.iter().map(|&s| List::new(ListKind::Section(s), language)));
    }
    lists
}

/// Reads list keys a form or a file sent, keeping those the site offers: at least one.
pub fn check_lists<S: AsRef<str>>(keys: &[S], offered: &[List]) -> Result<Vec<List>> {
    let mut lists: Vec<List> = keys
        .iter()
        .filter_map(|k| List::parse(k.as_ref().trim()))
        .filter(|l| offered.contains(l))
        .collect();
    lists.sort();
    lists.dedup();
    if lists.is_empty() {
        return Err(Invalid::new("lists", "newsletter-no-list"));
    }
    Ok(lists)
}

/// The form of an address that decides whether two are the same subscriber: trimmed and
/// lowercased (mail providers treat the local part without case).
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

fn mac(secret: &[u8], text: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(text.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The keyed hash kept of a removed address (HMAC-SHA256 with the site's secret): enough to
/// recognise the address again, nothing to read it back from.
pub fn removed_hash(secret: &[u8], email: &str) -> String {
    hex(&mac(secret, &format!("newsletter-removed|{}", email_key(email))))
}

fn signature(secret: &[u8], text: &str) -> String {
    hex(&mac(secret, text)[..16])
}

/// Compares two signatures without an early exit.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A confirmation link's signature over the subscriber and the link's expiry (Unix seconds).
pub fn confirm_signature(secret: &[u8], subscriber: i64, expires: i64) -> String {
    signature(secret, &format!("newsletter-confirm|{subscriber}|{expires}"))
}

/// Why a signed link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    /// Altered, or never issued.
    Invalid,
    Expired,
}

pub fn check_confirm(
    secret: &[u8],
    subscriber: i64,
    expires: i64,
    sig: &str,
    now: OffsetDateTime,
) -> std::result::Result<(), LinkProblem> {
    if !same(&confirm_signature(secret, subscriber, expires), sig) {
        return Err(LinkProblem::Invalid);
    }
    if now.unix_timestamp() > expires {
        return Err(LinkProblem::Expired);
    }
    Ok(())
}

/// A subscriber's own signature, for the links to change their lists and to unsubscribe.
pub fn subscriber_signature(secret: &[u8], subscriber: i64) -> String {
    signature(secret, &format!("newsletter-subscriber|{subscriber}"))
}

pub fn check_subscriber(secret: &[u8], subscriber: i64, sig: &str) -> bool {
    same(&subscriber_signature(secret, subscriber), sig)
}

/// Whether the reader agreed to receive the lists, as an imported row states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Confirmed elsewhere (an earlier double opt-in): subscribed as confirmed.
    Confirmed,
    /// Not stated or not confirmed: the confirmation email is sent, nothing else until then.
    Unconfirmed,
}

/// One subscriber of an imported CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvSubscriber {
    pub email: crate::comment::Email,
    pub language: Option<String>,
    pub lists: Vec<String>,
    pub consent: Consent,
}

/// The most rows one CSV import takes.
pub const MAX_CSV_ROWS: usize = 100_000;

/// Reads a subscribers' CSV: a header row naming `email` (required), and any of `language`,
/// `lists` (keys separated by spaces or `;`) and `consent` (`yes`, `true`, `1`, `confirmed`
/// mean confirmed). A bad row refuses the whole file, naming its line, so nothing is half
/// imported.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<CsvSubscriber>> {
    let bad = |line: u64| {
        Invalid::new(
            "file",
            crate::Message::new("newsletter-csv-row").text("line", line.to_string()),
        )
    };
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let headers = reader.headers().map_err(|_| Invalid::new("file", "newsletter-csv-header"))?;
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let email = column("email").ok_or_else(|| Invalid::new("file", "newsletter-csv-header"))?;
    let (language, lists, consent) = (column("language"), column("lists"), column("consent"));
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let record = record.map_err(|_| bad(line))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() == MAX_CSV_ROWS {
            return Err(Invalid::new(
                "file",
                crate::Message::new("newsletter-csv-too-long").text("max", MAX_CSV_ROWS),
            ));
        }
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        let address = crate::comment::Email::parse(field(Some(email))).map_err(|_| bad(line))?;
        let consent = match field(consent).to_ascii_lowercase().as_str() {
            "yes" | "true" | "1" | "confirmed" => Consent::Confirmed,
            _ => Consent::Unconfirmed,
        };
        rows.push(CsvSubscriber {
            email: address,
            language: Some(field(language)).filter(|l| !l.is_empty()).map(str::to_owned),
            lists: field(lists)
                .split([' ', ';'])
                .filter(|k| !k.is_empty())
                .map(str::to_owned)
                .collect(),
            consent,
        });
    }
    Ok(rows)
}

/// Writes one CSV row's field, quoted when it must be, and with a leading `'` where a
/// spreadsheet would read it as a formula.
pub fn csv_field(text: &str) -> String {
    let text =
        if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.into() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_keys_round_trip_and_refuse_nonsense() {
        for list in offered_lists(&["en".into(), "ur".into()], &[SectionId(12)]) {
            assert_eq!(List::parse(&list.key()), Some(list));
        }
        for bad in ["", "daily", "weekly:en", "section:x:en", "daily:en:extra", "daily:e n"] {
            assert_eq!(List::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_offered_lists_are_taken() {
        let offered = offered_lists(&["en".into()], &[]);
        let lists =
            check_lists(&["breaking:en", "section:4:en", "daily:ur"], &offered).expect("lists");
        assert_eq!(lists, vec![List::new(ListKind::Breaking, "en")]);
        assert!(check_lists(&["daily:ur"], &offered).is_err());
    }

    #[test]
    fn confirmation_links_are_signed_and_expire() {
        let secret = b"secret";
        let now = OffsetDateTime::from_unix_timestamp(1_000_000).expect("a time");
        let expires = (now + CONFIRM_LIFETIME).unix_timestamp();
        let sig = confirm_signature(secret, 7, expires);
        assert_eq!(check_confirm(secret, 7, expires, &sig, now), Ok(()));
        assert_eq!(check_confirm(secret, 8, expires, &sig, now), Err(LinkProblem::Invalid));
        assert_eq!(check_confirm(secret, 7, expires + 1, &sig, now), Err(LinkProblem::Invalid));
        assert_eq!(check_confirm(b"other", 7, expires, &sig, now), Err(LinkProblem::Invalid));
        let later = now + CONFIRM_LIFETIME + Duration::seconds(1);
        assert_eq!(check_confirm(secret, 7, expires, &sig, later), Err(LinkProblem::Expired));
        assert!(check_subscriber(secret, 7, &subscriber_signature(secret, 7)));
        assert!(!check_subscriber(secret, 7, &subscriber_signature(secret, 8)));
    }

    #[test]
    fn removed_addresses_hash_alike_whatever_their_case() {
        assert_eq!(
            removed_hash(b"k", " Reader@Example.org"),
            removed_hash(b"k", "reader@example.org")
        );
        assert_ne!(removed_hash(b"k", "a@example.org"), removed_hash(b"j", "a@example.org"));
    }

    #[test]
    fn retries_wait_longer_each_time() {
        assert_eq!(retry_delay(1), Duration::minutes(1));
        assert_eq!(retry_delay(4), Duration::minutes(8));
    }

    #[test]
    fn a_csv_is_read_whole_or_refused_with_its_line() {
        let file = b"Email,Language,Lists,Consent\n\
            a@example.org,ur,daily:ur;breaking:ur,yes\n\
            \n\
            b@example.org,,,\n";
        let rows = read_csv(file).expect("a valid file");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].language.as_deref(), Some("ur"));
        assert_eq!(rows[0].lists, vec!["daily:ur", "breaking:ur"]);
        assert_eq!(rows[0].consent, Consent::Confirmed);
        assert_eq!(rows[1].consent, Consent::Unconfirmed);
        let err = read_csv(b"email\na@example.org\nnot an address\n").expect_err("refused");
        assert!(format!("{err:?}").contains('3'), "{err:?}");
        assert!(read_csv(b"name\nx\n").is_err());
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
