//! Requests that come through a reverse proxy (nginx, a load balancer). From the peers the
//! operator trusts (`trusted_proxies`), the client's address is the one the proxy reports
//! (`Forwarded: for=`, else `X-Forwarded-For`) and the public host is `X-Forwarded-Host`;
//! from anyone else those headers are ignored, so a client cannot choose its own address to
//! escape a rate limit. Absolute links never come from a header: they use the configured
//! `base_url`, so no request can make a cached page point elsewhere.

use crate::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The networks whose connections are proxies speaking for their clients.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads CIDRs (`10.0.0.0/8`) or single addresses (`127.0.0.1`).
    pub fn parse<S: AsRef<str>>(list: &[S]) -> Result<Self, String> {
        list.iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("{entry:?} is not an address or a CIDR such as 10.0.0.0/8")
                    })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client behind `peer`. The proxies' reports are read from the nearest hop back; the
    /// first address that is not a trusted proxy is the client (what lies further left was
    /// written by the client itself and proves nothing). A peer that is not trusted is the
    /// client, whatever it says; so is a trusted one that reports nothing readable.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let mut hops = forwarded_for(headers);
        if hops.is_empty() {
            hops = x_forwarded_for(headers);
        }
        let mut client = peer;
        for hop in hops.into_iter().rev() {
            let Some(address) = hop else { break };
            client = address;
            if !self.trusts(address) {
                break;
            }
        }
        client
    }
}

/// The `for=` addresses of every `Forwarded` header (RFC 7239), in order; `None` for one that
/// does not read as an address (`unknown`, an obfuscated name), which ends the walk.
fn forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all(header::FORWARDED)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim().eq_ignore_ascii_case("for").then(|| node_address(value))
            })
        })
        .collect()
}

/// The addresses of every `X-Forwarded-For` header, in order.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(node_address)
        .collect()
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`,
/// `2001:db8::1`.
fn node_address(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(address) = text.parse::<IpAddr>() {
        return Some(address);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    text.parse::<SocketAddr>().ok().map(|socket| socket.ip())
}

/// Makes a request from a trusted proxy look as it did to the proxy: its client's address
/// (for the rate limits and the connection's logs) and the host the reader asked for (for
/// the same-origin check on forms).
pub async fn see_through_proxies(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let trusted = &state.settings.trusted_proxies;
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0);
    if let Some(peer) = peer.filter(|p| !trusted.is_empty() && trusted.trusts(p.ip())) {
        let client = trusted.client(peer.ip(), request.headers());
        request.extensions_mut().insert(ConnectInfo(SocketAddr::new(client, peer.port())));
        let host = request.headers().get("x-forwarded-host").and_then(|v| v.to_str().ok());
        // The first host, if a chain of proxies appended theirs.
        if let Some(host) = host.and_then(|h| h.split(',').next()).map(str::trim)
            && let Ok(host) = HeaderValue::from_str(host)
        {
            request.headers_mut().insert(header::HOST, host);
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("value"));
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("address")
    }

    #[test]
    fn only_trusted_peers_speak_for_their_clients() {
        let trusted = TrustedProxies::parse(&["127.0.0.1/32", "10.0.0.0/8"]).expect("valid");
        let said = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(trusted.client(ip("127.0.0.1"), &said), ip("203.0.113.9"));
        assert_eq!(trusted.client(ip("198.51.100.7"), &said), ip("198.51.100.7"), "untrusted");
        assert_eq!(TrustedProxies::default().client(ip("127.0.0.1"), &said), ip("127.0.0.1"));
        assert_eq!(trusted.client(ip("127.0.0.1"), &HeaderMap::new()), ip("127.0.0.1"));
    }

    #[test]
    fn the_client_is_the_nearest_address_no_trusted_proxy_wrote() {
        let trusted = TrustedProxies::parse(&["127.0.0.1", "10.0.0.0/8"]).expect("valid");
        // The client claims 1.1.1.1; the load balancer (10.0.0.2) saw 203.0.113.9.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.2")]);
        assert_eq!(trusted.client(ip("127.0.0.1"), &chain), ip("203.0.113.9"));
        let split =
            headers(&[("x-forwarded-for", "1.1.1.1"), ("x-forwarded-for", "203.0.113.9:5123")]);
        assert_eq!(trusted.client(ip("10.1.2.3"), &split), ip("203.0.113.9"));
        // Garbage ends the walk at the last address that read.
        let garbage = headers(&[("x-forwarded-for", "203.0.113.9, not-an-address")]);
        assert_eq!(trusted.client(ip("127.0.0.1"), &garbage), ip("127.0.0.1"));
    }

    #[test]
    fn forwarded_comes_before_x_forwarded_for() {
        let trusted = TrustedProxies::parse(&["::1", "127.0.0.1"]).expect("valid");
        let both = headers(&[
            ("forwarded", r#"for=192.0.2.60;proto=https, For="[2001:db8:cafe::17]:4711""#),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        assert_eq!(trusted.client(ip("::1"), &both), ip("2001:db8:cafe::17"));
        let mapped = headers(&[("forwarded", "for=192.0.2.60")]);
        assert_eq!(trusted.client(ip("::ffff:127.0.0.1"), &mapped), ip("192.0.2.60"));
    }

    #[test]
    fn bad_entries_are_named() {
        let error = TrustedProxies::parse(&["10.0.0.0/8", "nginx"]).expect_err("refused");
        assert!(error.contains("\"nginx\""), "{error}");
    }
}
