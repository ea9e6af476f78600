//! Webhooks, as the Standard Webhooks specification has them: the events an endpoint may ask
//! for, its secret (`whsec_` and base64), the signature of one attempt (`v1,` and base64
//! HMAC-SHA256 over `id.timestamp.body`), the addresses a delivery may go to, and when a
//! failed delivery is tried again. Pure: the store keeps the queue, the web layer sends.

use crate::{Invalid, Message};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use time::Duration;

/// What happened, as a receiver subscribes to it and reads it in `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    ArticlePublished,
    ArticleUpdated,
    ArticleUnpublished,
    CommentApproved,
    /// A newsletter issue finished sending (every message delivered, failed or cut off).
    NewsletterSent,
}

impl Event {
    pub const ALL: [Event; 5] = [
        Event::ArticlePublished,
        Event::ArticleUpdated,
        Event::ArticleUnpublished,
        Event::CommentApproved,
        Event::NewsletterSent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::ArticlePublished => "article.published",
            Event::ArticleUpdated => "article.updated",
            Event::ArticleUnpublished => "article.unpublished",
            Event::CommentApproved => "comment.approved",
            Event::NewsletterSent => "newsletter.sent",
        }
    }

    pub fn parse(text: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == text)
    }

    /// What an article's write sends, from whether it was live before and is live after.
    pub fn of_article(was_live: bool, is_live: bool) -> Option<Event> {
        match (was_live, is_live) {
            (false, true) => Some(Event::ArticlePublished),
            (true, true) => Some(Event::ArticleUpdated),
            (true, false) => Some(Event::ArticleUnpublished),
            (false, false) => None,
        }
    }
}

/// The events an endpoint asked for: at least one, each named once, in [`Event::ALL`]'s order.
pub fn check_events(names: &[String]) -> Result<Vec<Event>, Invalid> {
    let mut chosen = Vec::new();
    for name in names {
        let event = Event::parse(name.trim())
            .ok_or_else(|| Invalid::new("events", "validation-webhook-events"))?;
        chosen.push(event);
    }
    let events: Vec<Event> = Event::ALL.into_iter().filter(|e| chosen.contains(e)).collect();
    if events.is_empty() {
        return Err(Invalid::new("events", "validation-webhook-events"));
    }
    Ok(events)
}

/// An endpoint's signing secret: random bytes, shown to people as `whsec_` and base64.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

impl Secret {
    /// A secret from 32 random bytes (the caller draws them: this module does no IO).
    pub fn from_random(bytes: [u8; 32]) -> Self {
        Self(bytes.to_vec())
    }

    /// Reads `whsec_…` (or the bare base64, as the specification's libraries accept).
    pub fn parse(text: &str) -> Option<Self> {
        let encoded = text.strip_prefix("whsec_").unwrap_or(text);
        let bytes = STANDARD.decode(encoded).ok()?;
        (!bytes.is_empty()).then_some(Self(bytes))
    }

    /// `whsec_` and base64, how it is stored and shown once.
    pub fn expose(&self) -> String {
        format!("whsec_{}", STANDARD.encode(&self.0))
    }

    /// The `webhook-signature` header of one attempt: `v1,` and base64 HMAC-SHA256 over
    /// `id.timestamp.body`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        // HMAC takes a key of any length: this never fails.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// Checks an endpoint's address as written: `http://` or `https://`, a host, no spaces, no
/// user name or password, at most 2,000 characters; an address of the host as digits must be
/// public unless `allow_private`. (A name is checked again where it resolves, at each
/// delivery: what it points at may change.)
pub fn check_url(text: &str, allow_private: bool) -> Result<String, Invalid> {
    let url = text.trim();
    let bad = || Invalid::new("url", "validation-webhook-url");
    if url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let lower = url.to_ascii_lowercase();
    let rest =
        lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or_else(bad)?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return Err(bad());
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
    };
    if host.is_empty() {
        return Err(bad());
    }
    if !allow_private
        && let Ok(ip) = host.parse::<IpAddr>()
        && is_private(ip)
    {
        return Err(Invalid::new("url", "validation-webhook-private"));
    }
    Ok(url.to_owned())
}

/// Whether a delivery must not go to `ip`: loopback, private, link-local, unspecified,
/// shared (carrier-grade NAT), multicast or broadcast, also as an IPv4-mapped IPv6 address.
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => private_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => private_v4(v4),
            None => private_v6(v6),
        },
    }
}

fn private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || a >= 240
}

fn private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local (fc00::/7) and link-local (fe80::/10).
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
}

/// How long deliveries are tried: a delivery first attempted longer ago is given up, and an
/// endpoint that has failed for this long is disabled.
pub const RETRY_WINDOW: Duration = Duration::days(1);

/// The wait after the `attempts`th failed attempt: 30 seconds, doubled each time, at most
/// four hours (about a dozen attempts in a day).
pub fn retry_delay(attempts: u32) -> Duration {
    let doubled = 30i64.saturating_mul(1i64 << attempts.saturating_sub(1).min(20));
    Duration::seconds(doubled.min(4 * 60 * 60))
}

/// What the newsroom says when an endpoint is refused for who asks.
pub fn admins_only() -> Message {
    Message::new("store-webhooks-admins-only")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_the_specifications_published_test_vector() {
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").expect("a secret");
        assert_eq!(
            secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, br#"{"test": 2432232314}"#),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn a_secret_reads_back_what_it_shows() {
        let secret = Secret::from_random([7; 32]);
        assert!(secret.expose().starts_with("whsec_"));
        assert_eq!(Secret::parse(&secret.expose()), Some(secret));
        assert_eq!(Secret::parse("whsec_not base64!"), None);
    }

    #[test]
    fn addresses_table() {
        let table = [
            ("https://hooks.example.com/lede", Ok(())),
            ("http://hooks.example.com:8080/x?y=1", Ok(())),
            ("HTTPS://Example.COM", Ok(())),
            ("https://203.0.113.9/hook", Ok(())),
            ("ftp://example.com/", Err("validation-webhook-url")),
            ("example.com/hook", Err("validation-webhook-url")),
            ("https://", Err("validation-webhook-url")),
            ("https://user:pw@example.com/", Err("validation-webhook-url")),
            ("https://exa mple.com/", Err("validation-webhook-url")),
            ("http://127.0.0.1:9000/", Err("validation-webhook-private")),
            ("http://10.1.2.3/", Err("validation-webhook-private")),
            ("http://192.168.0.4/", Err("validation-webhook-private")),
            ("http://169.254.169.254/latest/meta-data", Err("validation-webhook-private")),
            ("http://[::1]:80/", Err("validation-webhook-private")),
            ("http://[fe80::1]/", Err("validation-webhook-private")),
            ("http://[fd00::5]/", Err("validation-webhook-private")),
            ("http://[::ffff:127.0.0.1]/", Err("validation-webhook-private")),
            ("http://0.0.0.0/", Err("validation-webhook-private")),
            ("http://100.64.0.1/", Err("validation-webhook-private")),
        ];
        for (url, expected) in table {
            let got = check_url(url, false).map(|_| ()).map_err(|e| e.message.id());
            assert_eq!(got, expected, "{url}");
        }
        assert!(check_url("http://127.0.0.1:9000/", true).is_ok(), "allowed when configured");
    }

    #[test]
    fn events_follow_what_readers_could_see() {
        assert_eq!(Event::of_article(false, true), Some(Event::ArticlePublished));
        assert_eq!(Event::of_article(true, true), Some(Event::ArticleUpdated));
        assert_eq!(Event::of_article(true, false), Some(Event::ArticleUnpublished));
        assert_eq!(Event::of_article(false, false), None);
        for event in Event::ALL {
            assert_eq!(Event::parse(event.as_str()), Some(event));
        }
        assert!(check_events(&[]).is_err());
        assert!(check_events(&["article.deleted".into()]).is_err());
        assert_eq!(
            check_events(&["comment.approved".into(), "article.published".into()])
                .expect("known events"),
            [Event::ArticlePublished, Event::CommentApproved]
        );
    }

    #[test]
    fn retries_back_off_to_four_hours() {
        assert_eq!(retry_delay(1), Duration::seconds(30));
        assert_eq!(retry_delay(2), Duration::seconds(60));
        assert_eq!(retry_delay(5), Duration::seconds(480));
        assert_eq!(retry_delay(40), Duration::hours(4));
    }
}
