//! The OpenAPI document and the router cannot drift apart: every API route is documented,
//! every documented operation answers with its documented parameters, and what it answers
//! (successes and problems) validates against the documented schemas.

use crate::schemas::{errors, openapi_validator};
use crate::support::{Api, api};
use axum::http::StatusCode;
use lede_store::test_support::TestDb;
use serde_json::Value;
use std::collections::BTreeSet;

lede_store::on_both_databases!(
    every_route_is_documented_and_every_documented_operation_answers,
    problems_match_the_documented_schemas,
);

async fn document(api: &Api) -> Value {
    let reply = api.get("/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let document = reply.json();
    assert_eq!(document["openapi"], "3.1.0");
    document
}

/// Follows a local `$ref` (`#/components/…`) to what it names.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("only local references here: {reference}"));
            document.pointer(pointer).unwrap_or_else(|| panic!("{reference} leads nowhere"))
        }
        None => value,
    }
}

/// The JSON pointer of an operation's response schema, for the validator.
fn schema_pointer(path: &str, status: &str, media_type: &str) -> String {
    let escape = |s: &str| s.replace('~', "~0").replace('/', "~1");
    format!("/paths/{}/get/responses/{status}/content/{}/schema", escape(path), escape(media_type))
}

async fn every_route_is_documented_and_every_documented_operation_answers(db: &TestDb) {
    let api = api(db).await;
    let document = document(&api).await;
    let paths = document["paths"].as_object().expect("paths");
    let documented: BTreeSet<&str> = paths.keys().map(String::as_str).collect();
    let routed: BTreeSet<&str> = lede_web::api_paths().into_iter().collect();
    assert_eq!(
        routed.difference(&documented).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "routes missing from the OpenAPI document"
    );
    assert_eq!(
        documented.difference(&routed).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "documented paths no route serves"
    );
    for (path, item) in paths {
        let methods: Vec<&String> = item.as_object().expect("a path item").keys().collect();
        assert_eq!(methods, ["get"], "{path}: the API only reads");
        let operation = &item["get"];
        let mut url = path.clone();
        let mut query = Vec::new();
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            let parameter = resolve(&document, parameter);
            let name = parameter["name"].as_str().expect("a name");
            let example = match &parameter["example"] {
                Value::String(text) => text.clone(),
                Value::Null => panic!("{path}: parameter {name} needs an example"),
                other => other.to_string(),
            };
            match parameter["in"].as_str() {
                Some("path") => url = url.replace(&format!("{{{name}}}"), &example),
                Some("query") => query.push(format!("{name}={example}")),
                other => panic!("{path}: {name} is in {other:?}"),
            }
        }
        assert!(!url.contains('{'), "{path}: a path parameter is undocumented");
        // With every documented parameter at once, and with none.
        let full =
            if query.is_empty() { url.clone() } else { format!("{url}?{}", query.join("&")) };
        for request in [full.as_str(), url.as_str()] {
            let reply = api.get(request).await;
            assert_eq!(reply.status, StatusCode::OK, "{request}: {}", reply.body);
            let media_type = reply.header(axum::http::header::CONTENT_TYPE).to_owned();
            let validator = openapi_validator(&document, &schema_pointer(path, "200", &media_type));
            assert_eq!(
                errors(&validator, &reply.json()),
                "",
                "{request} does not match its documented schema"
            );
        }
        // A parameter the document does not list is refused, so the list is complete.
        if !query.is_empty() {
            let reply = api.get(&format!("{url}?undocumented=1")).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{url}: {}", reply.body);
        }
    }
}

async fn problems_match_the_documented_schemas(db: &TestDb) {
    let api = api(db).await;
    let document = document(&api).await;
    let (_, key) = api.newsroom.create_api_key("Coast Radio").await.expect("key");
    let revoked = api.newsroom.create_api_key("Old Partner").await.expect("key");
    api.newsroom.revoke_api_key(revoked.0.id).await.expect("revoke");
    let cases = [
        ("/api/articles", "/api/articles?limit=0", None, "400"),
        ("/api/tags", "/api/tags?cursor=x", None, "400"),
        ("/api/ninjs/articles", "/api/ninjs/articles?limit=x", None, "400"),
        ("/api/sections", "/api/sections?x=1", None, "400"),
        ("/api/articles/{slug}", "/api/articles/no-such-story", None, "404"),
        ("/api/authors/{slug}", "/api/authors/nobody", None, "404"),
        ("/api/sections/{slug}", "/api/sections/nowhere", None, "404"),
        ("/api/tags/{slug}", "/api/tags/nothing", None, "404"),
        ("/api/ninjs/articles/{slug}", "/api/ninjs/articles/no-such-story", None, "404"),
        ("/api/articles", "/api/articles", Some(revoked.1.reveal()), "401"),
        ("/api/authors", "/api/authors", Some(revoked.1.reveal()), "401"),
        (
            "/api/articles/{slug}",
            "/api/articles/flood-barrier-plan",
            Some(revoked.1.reveal()),
            "401",
        ),
    ];
    for (path, request, with_key, status) in cases {
        let reply = match with_key {
            Some(key) => api.get_as(key, request).await,
            None => api.get(request).await,
        };
        assert_eq!(reply.status.as_str(), status, "{request}: {}", reply.body);
        let operation = &document["paths"][path]["get"];
        let response = resolve(&document, &operation["responses"][status]);
        assert!(response.is_object(), "{path} does not document its {status} answer");
        let schema = &response["content"]["application/problem+json"]["schema"];
        let pointer =
            schema["$ref"].as_str().and_then(|r| r.strip_prefix('#')).expect("a problem schema");
        let validator = openapi_validator(&document, pointer);
        assert_eq!(errors(&validator, &reply.json()), "", "{request}");
    }
    // A partner's list, partner-only flags included, matches the schema too.
    let list = api.get_as(key.reveal(), "/api/articles").await;
    let validator =
        openapi_validator(&document, &schema_pointer("/api/articles", "200", "application/json"));
    let mut list = list.json();
    assert_eq!(errors(&validator, &list), "");
    // And the schemas are strict: a field the document does not describe is an error.
    list["items"][0]["surprise"] = Value::from(true);
    assert!(!errors(&validator, &list).is_empty(), "undocumented fields slip through");
}
