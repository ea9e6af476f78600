//! JSON Schema validation of what the API answers: against IPTC's published ninjs 3.0 schema
//! (from `../shared/schemas`, beside the repository) and against the schemas of Lede's own
//! OpenAPI document.

use jsonschema::{Registry, RegistryBuilder, Validator};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Where IPTC's ninjs 3.0 schema lives, and the URI it is known by (its `$id`).
pub const NINJS_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json";
/// The URI the OpenAPI document is registered under, so `#/components/…` pointers resolve.
const OPENAPI_URI: &str = "https://lede.invalid/api/openapi.json";
/// ninjs refers to GeoJSON for places; Lede writes no places, and nothing is fetched from the
/// network in tests, so an empty schema stands in for it.
const GEOJSON_URI: &str = "https://geojson.org/schema/GeoJSON.json";

pub fn ninjs_schema() -> Value {
    let path = std::env::var_os("LEDE_NINJS_SCHEMA").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/schemas/ninjs-schema_3.0.json")
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read IPTC's ninjs 3.0 schema at {} ({e}); it ships in shared/schemas \
             beside the repository (or set LEDE_NINJS_SCHEMA)",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("the ninjs schema is JSON")
}

/// A validator for `schema` (usually a `$ref`) with `registry`'s schemas available to its
/// references. Formats (`uri`, `date-time`) are checked.
fn validator(schema: &Value, registry: RegistryBuilder) -> Validator {
    let registry = registry.prepare().expect("a consistent registry");
    jsonschema::options()
        .with_registry(&registry)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("cannot compile {schema}: {e}"))
}

/// IPTC's published schema, read from `../shared/schemas`, not Lede's bundled copy.
pub fn ninjs_validator() -> Validator {
    let registry = Registry::new()
        .add(NINJS_URI, ninjs_schema())
        .expect("register ninjs")
        .add(GEOJSON_URI, json!({"$schema": "https://json-schema.org/draft/2020-12/schema"}))
        .expect("register GeoJSON");
    validator(&json!({"$ref": NINJS_URI}), registry)
}

/// A validator for a schema inside the OpenAPI document, given as a JSON pointer
/// (`/components/schemas/Article`). Nothing but the document is registered: it must be
/// self-contained, as offline validators and API testers need it.
pub fn openapi_validator(document: &Value, pointer: &str) -> Validator {
    // In a URI fragment, a pointer's braces (path templates) must be percent-encoded.
    let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
    let registry =
        Registry::new().add(OPENAPI_URI, document.clone()).expect("register the OpenAPI document");
    validator(&json!({"$ref": format!("{OPENAPI_URI}#{fragment}")}), registry)
}

/// Every error of `instance` against `validator`, one per line; empty when valid.
pub fn errors(validator: &Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}
