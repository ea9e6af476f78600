//! `/api/openapi.json`: the OpenAPI 3.1 document describing every API route, its parameters
//! and its responses.
//!
//! The document is a checked-in JSON file rather than generated from annotations: it is the
//! contract partners read, reviewed as one file, with no proc-macro dependency; tests keep it
//! true (every route in [`super::table`] is documented, every documented path answers with
//! its documented parameters, and real responses validate against its schemas).

use axum::http::header;
use axum::response::IntoResponse;

const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], DOCUMENT)
}
