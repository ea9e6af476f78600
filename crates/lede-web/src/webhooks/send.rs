//! Sending one attempt over HTTP(S): signed headers, timeouts, no redirects, a cap on the
//! answer read, and the address rules checked where the connection is made. A name is
//! resolved by [`PublicOnly`], which drops private, loopback and link-local addresses (what
//! a name points at can change after it was added: DNS rebinding), and an address written as
//! digits is checked before sending, unless the site allows private addresses.

use lede_core::webhook::is_private;
use lede_store::AttemptOutcome;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// Longest wait for a connection, and for a whole attempt.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);
/// Most of an answer read: receivers are asked only for a status code.
const ANSWER_CAP: usize = 64 * 1024;

/// The HTTP client of the webhook worker (cheap to clone).
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    allow_private: bool,
}

/// Refused: the name resolves only to addresses a delivery may not go to.
#[derive(Debug)]
struct PrivateAddress;

impl std::fmt::Display for PrivateAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the name resolves only to private addresses")
    }
}

impl std::error::Error for PrivateAddress {}

/// Resolves names with the system's resolver and keeps only public addresses.
#[derive(Debug)]
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let public: Vec<SocketAddr> = found.filter(|a| !is_private(a.ip())).collect();
            if public.is_empty() {
                return Err(Box::new(PrivateAddress) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

impl Sender {
    /// A sender; `allow_private` (config `webhooks_allow_private`) lets deliveries reach
    /// private, loopback and link-local addresses.
    pub fn new(allow_private: bool) -> Result<Self, reqwest::Error> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(ATTEMPT_TIMEOUT)
            .user_agent(concat!("Lede-Webhooks/", env!("CARGO_PKG_VERSION")))
            // A proxy from the environment would resolve names where the checks cannot see.
            .no_proxy();
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(PublicOnly));
        }
        Ok(Self { client: builder.build()?, allow_private })
    }

    /// Posts `body` to `url` with the Standard Webhooks headers; the answer's status code,
    /// or what kept one from coming.
    pub async fn send(
        &self,
        url: &str,
        id: &str,
        timestamp: i64,
        signature: &str,
        body: String,
    ) -> AttemptOutcome {
        let refused =
            |code: &str| AttemptOutcome { response_status: None, error: Some(code.into()) };
        let Ok(parsed) = reqwest::Url::parse(url) else {
            return refused("address");
        };
        if !matches!(parsed.scheme(), "http" | "https") {
            return refused("address");
        }
        let host = parsed.host_str().unwrap_or_default();
        let literal = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>();
        if !self.allow_private && literal.is_ok_and(is_private) {
            return refused("private-address");
        }
        let sent = self
            .client
            .post(parsed)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(mut response) => {
                let status = response.status().as_u16();
                // Read a little of the answer, so the connection closes cleanly, and no more.
                let mut read = 0;
                while read < ANSWER_CAP {
                    match response.chunk().await {
                        Ok(Some(chunk)) => read += chunk.len(),
                        _ => break,
                    }
                }
                AttemptOutcome { response_status: Some(status), error: None }
            }
            Err(error) => refused(classify(&error)),
        }
    }
}

/// What the log says went wrong when no status code came back (`admin/webhooks.rs` puts it
/// into words in the newsroom's language): `timeout`, `connect`, `private-address`, `other`.
fn classify(error: &reqwest::Error) -> &'static str {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if cause.is::<PrivateAddress>() {
            return "private-address";
        }
        source = cause.source();
    }
    if error.is_timeout() {
        "timeout"
    } else if error.is_connect() {
        "connect"
    } else {
        "other"
    }
}
