//! Drives the real router in-process and reads its JSON answers.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use lede_store::Newsroom;
use lede_store::test_support::{NOW, TestDb, article, load_fixture};
use lede_web::{AppState, SiteSettings};
use serde_json::Value;
use tower::ServiceExt;

/// The public address the tests' site believes it has; absolute links start with it.
pub const BASE: &str = "https://news.example";

pub struct Api {
    pub app: Router,
    pub newsroom: Newsroom,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The `slug` of each item of a list.
    pub fn slugs(&self) -> Vec<String> {
        self.json()["items"]
            .as_array()
            .unwrap_or_else(|| panic!("no items: {}", self.body))
            .iter()
            .map(|item| item["slug"].as_str().expect("a slug").to_owned())
            .collect()
    }

    /// Asserts a problem-details answer with this status, and returns its JSON.
    pub fn problem(&self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header(header::CONTENT_TYPE), "application/problem+json", "{}", self.body);
        let problem = self.json();
        assert_eq!(problem["status"], status.as_u16(), "{}", self.body);
        assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()), "{}", self.body);
        problem
    }
}

/// The fixture site behind the real router.
pub async fn api(db: &TestDb) -> Api {
    let newsroom = db.newsroom().await;
    load_fixture(&newsroom).await;
    let settings = SiteSettings {
        name: "Northbridge Test".into(),
        base_url: BASE.into(),
        ..SiteSettings::default()
    };
    let state = AppState::new(newsroom.clone(), settings).expect("templates compile");
    Api { app: lede_web::router(state), newsroom }
}

impl Api {
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).expect("request")).await
    }

    /// A GET with `Authorization: Bearer key`.
    pub async fn get_as(&self, key: &str, path: &str) -> Reply {
        self.get_with(path, &[("authorization", &format!("Bearer {key}"))]).await
    }

    /// Publishes a new article in `news`, `minutes` before the fixture's now.
    pub async fn publish(&self, slug: &str, minutes: i64, partner_only: bool) {
        let mut input = article(
            slug,
            &format!("Headline of {slug}"),
            "news",
            &["maya-chen"],
            &["river"],
            "The river rose again at the quay.",
        );
        input.partner_only = partner_only;
        let id = self.newsroom.save_article(None, input).await.expect("save");
        self.newsroom
            .publish_article(id, Some(NOW - time::Duration::minutes(minutes)))
            .await
            .expect("publish");
    }
}
