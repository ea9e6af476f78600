//! What one client may do in a while (comments, sign-in attempts), counted across every
//! server on the database, so that N servers behind a load balancer do not give N times the
//! allowance.

use super::Newsroom;
use crate::Result;
use crate::sql::Allowance;
use std::net::IpAddr;

impl Newsroom {
    /// Spends one of `client`'s allowance of `kind` (`comments`, `sign-in`): false when it
    /// is spent. A client is an IPv4 address or an IPv6 /64, which one household or phone
    /// usually holds whole.
    pub async fn take_allowance(
        &self,
        kind: &str,
        client: IpAddr,
        allowance: Allowance,
    ) -> Result<bool> {
        self.store.take_allowance(kind, &client_key(client), allowance, self.now_ms()).await
    }

    /// Drops the rows of clients whose allowances are whole again; `lede serve` calls it now
    /// and then.
    pub async fn forget_whole_allowances(&self) -> Result<u64> {
        self.store.forget_whole_allowances(self.now_ms()).await
    }

    fn now_ms(&self) -> i64 {
        i64::try_from(self.now().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
    }
}

/// The key a client's allowance is kept under.
fn client_key(client: IpAddr) -> String {
    match client.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            format!("{}/64", std::net::Ipv6Addr::from(segments))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_is_an_ipv4_address_or_an_ipv6_64() {
        let key = |text: &str| client_key(text.parse().expect("address"));
        assert_eq!(key("203.0.113.9"), "203.0.113.9");
        assert_eq!(key("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff::1"), key("2001:db8:1:2::9"));
    }
}
