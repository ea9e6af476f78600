//! The server's front door: an accept loop of our own (in place of `axum::serve`) so that slow
//! or greedy clients cannot take the site down. An audit held 1,100 half-sent requests open
//! from one address: the process ran out of its 1,024 files, accepted nobody else for a
//! minute, and took 57 s to stop. Here:
//!
//! - a request's headers must arrive within `header_timeout` (this also closes kept-alive
//!   connections left idle that long), and its body may pause at most `body_timeout`;
//! - one client (an IPv4 address, an IPv6 /64) holds at most `per_client` connections; more
//!   are closed as they arrive. A proxy in `trusted_proxies` is many readers, not one: it has
//!   no cap (nginx opens a connection per request in flight beyond its kept-alive ones);
//! - the whole server holds at most three quarters of its open-file limit in connections,
//!   raised at start from the soft to the hard limit: the rest stays for the database and
//!   the media files being sent. At the cap, new connections wait in the kernel's queue;
//! - on shutdown, requests in flight get `shutdown_grace` to finish, then every connection
//!   still open is closed.
//!
//! Only HTTP/1.1 is spoken: Lede serves plain HTTP, where browsers never use HTTP/2, and
//! HTTP/2 without TLS would need timeouts of its own. A proxy in front may speak HTTP/2 to
//! readers.

use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use lede_web::proxy::TrustedProxies;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// What one client and the whole server may hold, and how long they may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time to send a request's headers, counted from the first byte awaited.
    pub header_timeout: Duration,
    /// The longest pause while a request's body arrives.
    pub body_timeout: Duration,
    /// Connections one client may hold at once; 0 for no limit. Trusted proxies have none.
    pub per_client: usize,
    /// How long requests in flight may go on after a shutdown signal.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            per_client: 64,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// Raises this process's open-file limit from its soft value to its hard one, where the
/// system allows, and returns the limit in force.
pub fn raise_open_file_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(error) => {
            tracing::warn!(%error, "could not raise the open-file limit");
            current_open_file_limit()
        }
    }
}

#[cfg(unix)]
fn current_open_file_limit() -> u64 {
    rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
}

#[cfg(not(unix))]
fn current_open_file_limit() -> u64 {
    u64::MAX
}

/// Connections the server holds at most with this open-file limit: three quarters of it,
/// leaving the rest to the database, media files being sent and logs.
pub fn max_connections(open_files: u64) -> usize {
    let connections = open_files.saturating_mul(3) / 4;
    usize::try_from(connections).unwrap_or(usize::MAX).clamp(16, Semaphore::MAX_PERMITS)
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves, then lets requests
/// in flight finish for `limits.shutdown_grace` at most.
pub async fn serve(
    listener: TcpListener,
    app: lede_web::Site,
    limits: Limits,
    proxies: TrustedProxies,
    max_connections: usize,
    shutdown: impl Future<Output = ()>,
) {
    let clients = Clients::default();
    let slots = Arc::new(Semaphore::new(max_connections));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let next = async {
            // The semaphore is never closed; a slot is taken before accepting, so at the cap
            // newcomers wait in the kernel's queue rather than fail for want of a file.
            let slot = slots.clone().acquire_owned().await.ok();
            (slot, listener.accept().await)
        };
        let (slot, accepted) = tokio::select! {
            () = &mut shutdown => break,
            Some(ended) = connections.join_next(), if !connections.is_empty() => {
                if let Err(error) = ended && error.is_panic() {
                    tracing::error!(%error, "a connection's task panicked");
                }
                continue;
            }
            next = next => next,
        };
        let (stream, remote) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Per-connection failures (reset before accept) are routine; anything else
                // (out of files after all) gets a pause rather than a busy loop.
                if !is_connection_error(&error) {
                    tracing::error!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                continue;
            }
        };
        let cap = if proxies.trusts(remote.ip()) { 0 } else { limits.per_client };
        let Some(client) = clients.admit(remote.ip(), cap) else {
            drop(stream);
            continue;
        };
        let app = app.clone();
        let stopping = stopping.clone();
        connections.spawn(async move {
            serve_connection(stream, remote, app, limits, stopping).await;
            drop((client, slot));
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let open = connections.len();
    if open > 0 {
        tracing::info!(open, "waiting for requests in flight");
    }
    let drained = tokio::time::timeout(limits.shutdown_grace, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            open = connections.len(),
            grace = ?limits.shutdown_grace,
            "closing the connections still open after the grace period"
        );
        connections.shutdown().await;
    }
}

/// One connection, HTTP/1.1 with keep-alive, until the client goes, a timeout closes it, or
/// the server stops (then the request in flight finishes and the connection closes).
async fn serve_connection(
    stream: tokio::net::TcpStream,
    remote: SocketAddr,
    app: lede_web::Site,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request =
            request.map(|body| Body::new(TimeoutBody::new(limits.body_timeout, body)));
        // What `into_make_service_with_connect_info` gave handlers: the client's address.
        request.extensions_mut().insert(ConnectInfo(remote));
        app.clone().oneshot(request)
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    let mut connection = std::pin::pin!(connection);
    // The guard `wait_for` returns must not live on while the connection finishes.
    let stop = async move {
        let _ = stopping.wait_for(|stop| *stop).await;
    };
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(%error, %remote, "connection ended");
            }
        }
        () = stop => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// Errors of one connection that leave the listener healthy.
fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}

/// Connections open by client, for the per-client cap.
#[derive(Debug, Clone, Default)]
struct Clients {
    open: Arc<Mutex<HashMap<IpAddr, Open>>>,
}

#[derive(Debug, Default)]
struct Open {
    count: usize,
    /// Whether the operator was told this client reached the cap since it was last under.
    told: bool,
}

impl Clients {
    /// A place for one more connection of the client at `ip`, or `None` when it already
    /// holds `cap` (0: no cap). The place is given back when dropped.
    fn admit(&self, ip: IpAddr, cap: usize) -> Option<ClientSlot> {
        let key = client_key(ip);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = open.entry(key).or_default();
        if cap > 0 && entry.count >= cap {
            if !entry.told {
                entry.told = true;
                tracing::warn!(client = %key, cap, "a client holds its most connections; \
                    more from it are closed until some end");
            }
            return None;
        }
        entry.count += 1;
        Some(ClientSlot { clients: self.clone(), key })
    }

    #[cfg(test)]
    fn count(&self, ip: IpAddr) -> usize {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.get(&client_key(ip)).map_or(0, |entry| entry.count)
    }
}

/// One connection's place in its client's count.
#[derive(Debug)]
struct ClientSlot {
    clients: Clients,
    key: IpAddr,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut open = self.clients.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = open.get_mut(&self.key) {
            entry.count = entry.count.saturating_sub(1);
            if entry.count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// Whom a connection counts against: an IPv4 address, or an IPv6 /64 (one subscriber's
/// network: a single machine may pick any address in it).
fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(network))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_at_most_its_cap_and_gets_places_back() {
        let clients = Clients::default();
        let greedy: IpAddr = "203.0.113.7".parse().expect("ip");
        let other: IpAddr = "203.0.113.8".parse().expect("ip");
        let held: Vec<_> = (0..3).map(|_| clients.admit(greedy, 3).expect("room")).collect();
        assert!(clients.admit(greedy, 3).is_none(), "the fourth is refused");
        assert!(clients.admit(other, 3).is_some(), "others are not affected");
        drop(held);
        assert_eq!(clients.count(greedy), 0, "every place is given back");
        assert!(clients.admit(greedy, 3).is_some());
        let unlimited: Vec<_> = (0..100).filter_map(|_| clients.admit(other, 0)).collect();
        assert_eq!(unlimited.len(), 100, "0 means no cap");
    }

    #[test]
    fn ipv6_clients_count_by_their_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(client_key(a), client_key(b), "one /64");
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().expect("ip");
        assert_eq!(client_key(mapped), "192.0.2.1".parse::<IpAddr>().expect("ip"));
    }

    #[test]
    fn connections_leave_room_for_files() {
        assert_eq!(max_connections(1024), 768);
        assert_eq!(max_connections(8), 16, "never fewer than a handful");
        assert!(max_connections(u64::MAX) <= Semaphore::MAX_PERMITS);
    }
}
