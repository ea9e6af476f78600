//! Drives the real router in-process and parses what it answers; [`admin`] signs in and
//! posts the newsroom's forms. Every test of the site binary takes its helpers from here.

mod admin;

pub use admin::*;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use lede_store::test_support::{TestDb, load_fixture};
use lede_web::{AppState, SiteSettings};
use scraper::{Html, Selector};
use tower::ServiceExt;

pub struct Site {
    /// The whole site, front door included, as `lede serve` runs it.
    pub app: lede_web::Site,
    pub newsroom: lede_store::Newsroom,
    /// The router's page cache (every test site has one unless its settings turn it off).
    pub cache: Option<std::sync::Arc<lede_web::cache::PageCache>>,
    /// The router's state, for what `lede serve` does beside answering requests.
    pub state: AppState,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html()
            .select(&selector)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.texts(selector)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let selector = Selector::parse(selector).expect("a valid selector");
        self.html()
            .select(&selector)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    pub fn attr(&self, selector: &str, attr: &str) -> String {
        self.attrs(selector, attr)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {attr} on {selector}"))
    }

    pub fn count(&self, selector: &str) -> usize {
        self.html().select(&Selector::parse(selector).expect("a valid selector")).count()
    }
}

pub fn settings() -> SiteSettings {
    SiteSettings {
        name: "Northbridge Test".into(),
        tagline: "Tests".into(),
        ..SiteSettings::default()
    }
}

/// The fixture site behind the real router.
pub async fn site(db: &TestDb) -> Site {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    site_with(db, newsroom, settings()).await
}

pub async fn site_with(
    _db: &TestDb,
    newsroom: lede_store::Newsroom,
    settings: SiteSettings,
) -> Site {
    let state = AppState::new(newsroom.clone(), settings).expect("templates compile");
    Site { cache: state.page_cache.clone(), app: lede_web::site(state.clone()), newsroom, state }
}

impl Site {
    pub async fn send(&self, request: Request<Body>) -> Page {
        let response = self.app.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str) -> Page {
        self.send(Request::get(path).body(Body::empty()).expect("request")).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body: String = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.post_raw(path, body, &[]).await
    }

    pub async fn post_raw(&self, path: &str, body: String, headers: &[(&str, &str)]) -> Page {
        let mut request =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::from(body)).expect("request")).await
    }
}

/// Percent-encodes a form value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
