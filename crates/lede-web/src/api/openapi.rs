//! `/api/openapi.json`: the OpenAPI 3.1 document describing every API route, its parameters
//! and its responses.
//!
//! The document is a checked-in JSON file rather than generated from annotations: it is the
//! contract partners read, reviewed as one file, with no proc-macro dependency; tests keep it
//! true (every route in [`super::table`] is documented, every documented path answers with
//! its documented parameters, and real responses validate against its schemas).
//!
//! It is served self-contained: IPTC's ninjs 3.0 schema, which the ninjs answers follow, is
//! bundled into `components/schemas` (as `Ninjs`, its definitions as `Ninjs.<name>`) from the
//! unchanged copy beside this file (`ninjs/ninjs-schema_3.0.json`, MIT, see
//! `ninjs/ninjs-LICENSE`), so validators and API testers that cannot reach iptc.org still
//! resolve every `$ref`. Its one remote reference, GeoJSON for places (which Lede never
//! writes), points at the `GeoJSON` stand-in the document describes.
//!
//! The `Slug` schema's `pattern` is filled in here too, from [`Slug::pattern`]: it lists the
//! characters Lede's rule allows (letters and digits of any script), derived from the rule
//! itself, so the document and the server cannot disagree on a slug, in any regular
//! expression engine. Parameters that name things by slug take any text (`Name`), answering
//! 404 for text that names nothing: a list of some 1,200 ranges is more than request
//! generators (schemathesis) can draw from in time, and their approximations of `\p{…}`
//! misjudge letters beyond Latin.

use axum::http::header;
use axum::response::IntoResponse;
use lede_core::Slug;
use serde_json::{Map, Value};
use std::sync::LazyLock;

const DOCUMENT: &str = include_str!("openapi.json");
/// IPTC's ninjs 3.0 schema, as IPTC publishes it.
const NINJS: &str = include_str!("ninjs/ninjs-schema_3.0.json");
/// How ninjs refers to GeoJSON, and where the document keeps the stand-in.
const GEOJSON_REMOTE: &str = "https://geojson.org/schema/GeoJSON.json#";
const GEOJSON_LOCAL: &str = "#/components/schemas/GeoJSON";
/// Where ninjs keeps its definitions, and where the bundle puts them.
const NINJS_DEFS: &str = "#/$defs/";
const NINJS_PREFIX: &str = "Ninjs.";

/// The document as served: built once, on first use.
static BUNDLED: LazyLock<String> = LazyLock::new(|| {
    let document: Value = serde_json::from_str(DOCUMENT).expect("openapi.json is JSON");
    let ninjs: Value = serde_json::from_str(NINJS).expect("the ninjs schema is JSON");
    let mut document = bundle(document, ninjs);
    let schemas = &mut document["components"]["schemas"];
    schemas["Slug"]["pattern"] = Value::from(Slug::pattern());
    schemas["Slug"]["maxLength"] = Value::from(Slug::MAX_LEN);
    serde_json::to_string_pretty(&document).expect("JSON writes")
});

pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], BUNDLED.as_str())
}

/// `document` with `ninjs` in its `components/schemas`: the root as `Ninjs`, every definition
/// it refers to as `Ninjs.<name>`, references rewritten to point there. Definitions nothing
/// refers to stay out (ninjs 3.0.1 has a stray `false` one named `unevaluatedProperties`).
fn bundle(mut document: Value, ninjs: Value) -> Value {
    let Value::Object(mut root) = ninjs else {
        panic!("the ninjs schema is an object");
    };
    // Its own identity and dialect: inside the document, OpenAPI 3.1's (JSON Schema 2020-12).
    root.remove("$id");
    root.remove("$schema");
    let definitions = match root.remove("$defs") {
        Some(Value::Object(definitions)) => definitions,
        _ => Map::new(),
    };
    let mut root = Value::Object(root);
    let mut used = Vec::new();
    relocate(&mut root, &mut used);
    let mut schemas = vec![("Ninjs".to_owned(), root)];
    let mut done = 0;
    // Definitions refer to each other: follow what is used until nothing new turns up.
    while done < used.len() {
        let name = used[done].clone();
        done += 1;
        let mut schema = definitions.get(&name).cloned().unwrap_or_else(|| {
            panic!("the ninjs schema refers to {NINJS_DEFS}{name}, which it does not define")
        });
        relocate(&mut schema, &mut used);
        schemas.push((format!("{NINJS_PREFIX}{name}"), schema));
    }
    let components = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .expect("openapi.json has components/schemas");
    for (name, schema) in schemas {
        components.insert(name, schema);
    }
    document
}

/// Rewrites every `$ref` under `schema` to its place in the document, noting the ninjs
/// definitions it names (once each, in the order met).
fn relocate(schema: &mut Value, used: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some(name) = reference.strip_prefix(NINJS_DEFS) {
                    if !used.iter().any(|u| u == name) {
                        used.push(name.to_owned());
                    }
                    *reference = format!("#/components/schemas/{NINJS_PREFIX}{name}");
                } else if reference == GEOJSON_REMOTE {
                    *reference = GEOJSON_LOCAL.to_owned();
                } else {
                    panic!("the ninjs schema refers to {reference}, which is not bundled");
                }
            }
            map.values_mut().for_each(|value| relocate(value, used));
        }
        Value::Array(items) => items.iter_mut().for_each(|value| relocate(value, used)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reference of the served document stays inside it, and leads somewhere.
    #[test]
    fn the_served_document_refers_only_to_itself() {
        let document: Value = serde_json::from_str(&BUNDLED).expect("JSON");
        let mut references = Vec::new();
        collect_references(&document, &mut references);
        assert!(references.len() > 50, "{references:?}");
        for reference in references {
            let pointer = reference
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{reference} leaves the document"));
            assert!(document.pointer(pointer).is_some(), "{reference} leads nowhere");
        }
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["Ninjs"]["$ref"], "#/components/schemas/Ninjs.ninjsType");
        assert!(schemas["Ninjs"]["description"].as_str().is_some_and(|d| d.contains("IPTC")));
        assert!(schemas.get("Ninjs.unevaluatedProperties").is_none(), "unused definitions");
        assert_eq!(schemas["Slug"]["pattern"], Slug::pattern());
    }

    /// The cursors' patterns, written out in openapi.json, are the ones `cursor.rs` encodes.
    #[test]
    fn cursor_patterns_are_the_encodings() {
        use crate::api::cursor::Kind;
        let document: Value = serde_json::from_str(&BUNDLED).expect("JSON");
        for (parameter, list, kind) in [
            ("ArticleCursor", "ArticleList", Kind::Articles),
            ("AuthorCursor", "AuthorList", Kind::Authors),
            ("TagCursor", "TagList", Kind::Tags),
        ] {
            let given = &document["components"]["parameters"][parameter]["schema"]["pattern"];
            assert_eq!(given, kind.pattern(), "{parameter}");
            let next = &document["components"]["schemas"][list]["properties"]["next_cursor"];
            assert_eq!(next["oneOf"][0]["pattern"], kind.pattern(), "{list}");
        }
    }

    fn collect_references(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    out.push(reference.clone());
                }
                map.values().for_each(|v| collect_references(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| collect_references(v, out)),
            _ => {}
        }
    }
}
