//! `/metrics`, in Prometheus' text format: requests by route and status, their latency, the
//! page cache's hits, misses and purges, the database connections in use, the scheduler's
//! runs, and the depth of the background queues (read from the database at each scrape). Answered to loopback clients (a Prometheus or agent on the machine) and
//! to others only with `Authorization: Bearer` and the configured `metrics_token`: what a
//! site serves and how fast is the operator's business.

use crate::cache::PageCache;
use crate::state::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::net::SocketAddr;
use std::time::Instant;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    /// The route's pattern (`/articles/{slug}`), never the path itself: one series per route,
    /// however many articles.
    route: String,
    method: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QueueLabels {
    queue: &'static str,
}

/// From half a millisecond to about 8 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 15))
}

/// The site's metrics, shared by every request.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    connections_open: Gauge,
    connections_idle: Gauge,
    connections_max: Gauge,
    /// Work waiting, by queue (`lede_queue_depth{queue="comments_pending"}`).
    queues: Family<QueueLabels, Gauge>,
    /// The scheduler's runs and the articles it published (`lede serve` counts them).
    pub scheduler_runs: Counter,
    pub scheduled_published: Counter,
}

impl Metrics {
    /// Registers everything, the page cache's own counters included when there is a cache.
    pub fn new(cache: Option<&PageCache>) -> Self {
        let mut registry = Registry::with_prefix("lede");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route and status",
            requests.clone(),
        );
        let latency = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by route",
            latency.clone(),
        );
        if let Some(cache) = cache {
            registry.register(
                "page_cache_hits",
                "Requests answered from the page cache",
                cache.hits.clone(),
            );
            registry.register(
                "page_cache_misses",
                "Requests that rendered their page",
                cache.misses.clone(),
            );
            registry.register(
                "page_cache_purged_pages",
                "Pages dropped by changes",
                cache.purged.clone(),
            );
        }
        let (connections_open, connections_idle, connections_max) =
            (Gauge::default(), Gauge::default(), Gauge::default());
        registry.register(
            "db_connections_open",
            "Database connections open",
            connections_open.clone(),
        );
        registry.register(
            "db_connections_idle",
            "Database connections idle",
            connections_idle.clone(),
        );
        registry.register(
            "db_connections_max",
            "Database connections allowed",
            connections_max.clone(),
        );
        let queues = Family::<QueueLabels, Gauge>::default();
        registry.register(
            "queue_depth",
            "Work waiting, by queue: scheduled articles (all, and overdue), articles in review, \
             changes saved for later, comments awaiting moderation",
            queues.clone(),
        );
        let (scheduler_runs, scheduled_published) = (Counter::default(), Counter::default());
        registry.register(
            "scheduler_runs",
            "Runs of the scheduled-publishing check",
            scheduler_runs.clone(),
        );
        registry.register(
            "scheduler_published_articles",
            "Scheduled articles this server published",
            scheduled_published.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            connections_open,
            connections_idle,
            connections_max,
            queues,
            scheduler_runs,
            scheduled_published,
        }
    }
}

/// Counts and times every request, under its route's pattern.
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let method = request.method().clone();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.observe(route, &method, response.status(), started);
    response
}

impl Metrics {
    /// Everything registered, in Prometheus' text format.
    pub fn text(&self) -> String {
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry);
        text
    }

    /// Counts one answered request and its time since `started`, under its route's pattern.
    pub(crate) fn observe(
        &self,
        route: String,
        method: &Method,
        status: StatusCode,
        started: Instant,
    ) {
        let method = method.as_str().to_owned();
        let status = status.as_u16();
        self.requests.get_or_create(&RequestLabels { route: route.clone(), method, status }).inc();
        self.latency.get_or_create(&RouteLabels { route }).observe(started.elapsed().as_secs_f64());
    }
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>, request: Request) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let loopback = peer.is_some_and(|ip| ip.to_canonical().is_loopback());
    if !loopback && !has_token(request.headers(), state.settings.metrics_token.as_deref()) {
        let refused = "/metrics answers loopback clients, and others with the metrics token\n";
        return (StatusCode::FORBIDDEN, refused).into_response();
    }
    let metrics = &state.metrics;
    let pool = state.newsroom.store().pool_use();
    metrics.connections_open.set(i64::from(pool.open));
    metrics.connections_idle.set(i64::from(pool.idle));
    metrics.connections_max.set(i64::from(pool.max));
    read_queues(&state).await;
    let text = metrics.text();
    let content_type = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-store")], text)
        .into_response()
}

/// Sets the queue gauges from one read of the database. When the read fails the gauges are
/// left out of the answer rather than showing old depths as current.
async fn read_queues(state: &AppState) {
    let queues = &state.metrics.queues;
    match state.newsroom.store().queue_depths(state.newsroom.now()).await {
        Ok(depths) => {
            for (queue, depth) in [
                ("scheduled_articles", depths.scheduled),
                ("scheduled_overdue_articles", depths.scheduled_overdue),
                ("articles_in_review", depths.in_review),
                ("changes_saved_for_later", depths.pending_versions),
                ("comments_pending", depths.comments_pending),
                ("webhook_deliveries", depths.webhooks_pending),
                ("newsletter_messages", depths.newsletter_messages),
            ] {
                queues.get_or_create(&QueueLabels { queue }).set(depth);
            }
        }
        Err(error) => {
            tracing::warn!(%error, "cannot read the queues' depths for /metrics");
            queues.clear();
        }
    }
}

/// Whether the request carries `Authorization: Bearer <token>` with the configured token
/// (compared in constant time; no token configured, no way in).
fn has_token(headers: &HeaderMap, token: Option<&str>) -> bool {
    let Some(token) = token.filter(|t| !t.is_empty()) else { return false };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    given.len() == token.len()
        && given.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}
