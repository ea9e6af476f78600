//! Short lists carried inside one row as JSON, so that a page is one round trip to the
//! database rather than one per list: an article with its authors, tags, notes, comments and
//! translations; its cards with their bylines and images.
//!
//! Each list is a scalar subquery yielding text: a JSON array holding one array of values per
//! row, in a stated order (`[]` when there is none). Both databases build it in SQL (SQLite's
//! `json_group_array`, PostgreSQL's `json_agg`, each with its aggregate `ORDER BY`), and
//! [`list`] reads it back into tuple structs, whose fields follow the values' order.

use super::Backend;
use crate::Result;
use serde::de::DeserializeOwned;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A text-valued subquery: a JSON array of `[values…]`, one per row of `from` (`FROM …
/// WHERE …`, which may refer to the outer statement's tables), in `order`.
pub(super) fn rows(backend: Backend, values: &str, from: &str, order: &str) -> String {
    match backend {
        // An aggregate over no rows gives `[]` here, and NULL on PostgreSQL.
        Backend::Sqlite => {
            format!("(SELECT json_group_array(json_array({values}) ORDER BY {order}) {from})")
        }
        Backend::Postgres => format!(
            "(SELECT COALESCE(CAST(json_agg(json_build_array({values}) ORDER BY {order}) AS TEXT), \
             '[]') {from})"
        ),
    }
}

/// The list held by `row`'s text `column`, as [`rows`] built it.
pub(super) fn list<T: DeserializeOwned>(row: &AnyRow, column: &str) -> Result<Vec<T>> {
    match row.try_get::<Option<String>, _>(column)? {
        Some(text) => parse(&text),
        None => Ok(Vec::new()),
    }
}

/// A list [`rows`] built, nested as text inside another (SQLite hands a subquery's JSON on as
/// text, so PostgreSQL is made to do the same).
pub(super) fn parse<T: DeserializeOwned>(text: &str) -> Result<Vec<T>> {
    serde_json::from_str(text).map_err(|error| sqlx::Error::Decode(Box::new(error)).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_reads_back_into_tuples_in_order() {
        let read: Vec<(i64, String, Option<String>)> =
            parse(r#"[[1,"a",null],[2,"b \"quoted\"","x"]]"#).expect("valid");
        assert_eq!(read, vec![(1, "a".into(), None), (2, "b \"quoted\"".into(), Some("x".into()))]);
        assert!(parse::<(i64,)>("[]").expect("empty").is_empty());
        assert!(parse::<(i64,)>("not json").is_err());
    }
}
