//! The site as one service: pages the cache holds are answered at the front door, before
//! routing; everything else goes through the router and its middleware.
//!
//! A cache hit is most of what a news site serves during a spike, and through the router it
//! paid for work that only a render needs: routing, a task-local trace span, the edition
//! rewrite, the proxy and body-limit layers, a boxed future per middleware. Here a hit is a
//! lookup, a header block copied from the entry, and the same site headers and metrics the
//! middleware would add ([`crate::middleware::add_site_headers`], `Metrics::observe`), so
//! a reader cannot tell which path answered. Misses and everything that is not a cacheable
//! GET or HEAD go on to the router unchanged, where the cache layer renders and keeps them.

use crate::cache::{PageCache, cache_key};
use crate::state::AppState;
use axum::Router;
use axum::body::{Body, HttpBody};
use axum::http::{Method, Request};
use axum::response::Response;
use lede_store::Newsroom;
use std::convert::Infallible;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;
use tower::Service;

/// The router with the page cache in front of it.
#[derive(Clone)]
pub struct Site {
    /// Shared, not cloned per request: a connection clones the site for every request.
    front: Option<Arc<FrontDoor>>,
    router: Router,
}

struct FrontDoor {
    cache: Arc<PageCache>,
    newsroom: Newsroom,
    metrics: Arc<crate::metrics::Metrics>,
}

impl Site {
    pub(crate) fn new(state: &AppState, router: Router) -> Self {
        let front = state.page_cache.clone().map(|cache| {
            Arc::new(FrontDoor {
                cache,
                newsroom: state.newsroom.clone(),
                metrics: state.metrics.clone(),
            })
        });
        Self { front, router }
    }
}

impl FrontDoor {
    /// The cached page for `request`, if it asks for one the cache holds.
    fn answer<B>(&self, request: &Request<B>) -> Option<Response> {
        let started = Instant::now();
        let method = request.method();
        let head = method == Method::HEAD;
        if !head && method != Method::GET {
            return None;
        }
        let entry = self.cache.get(cache_key(request.uri())?)?;
        self.cache.hits.inc();
        let mut response = entry.respond(request.headers(), head);
        crate::middleware::add_site_headers(response.headers_mut(), self.newsroom.remote_images());
        self.metrics.observe(entry.route.clone(), method, response.status(), started);
        Some(response)
    }
}

impl<B> Service<Request<B>> for Site
where
    B: HttpBody<Data = axum::body::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Answer {
        if let Some(response) = self.front.as_ref().and_then(|front| front.answer(&request)) {
            return Answer::Hit(Some(response));
        }
        Answer::Routed(self.router.call(request.map(Body::new)))
    }
}

/// A hit, ready at once, or the router's answer.
pub enum Answer {
    Hit(Option<Response>),
    Routed(axum::routing::future::RouteFuture<Infallible>),
}

impl std::future::Future for Answer {
    type Output = Result<Response, Infallible>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Self::Hit(response) => Poll::Ready(Ok(response.take().expect("polled after ready"))),
            Self::Routed(routed) => std::pin::Pin::new(routed).poll(cx),
        }
    }
}
