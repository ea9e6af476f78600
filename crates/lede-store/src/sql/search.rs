//! Full-text search, in each database's own engine: SQLite FTS5 (Porter stemming over Unicode
//! word boundaries, ranked by BM25) and PostgreSQL text search (weighted tsvectors, English
//! stemming for English articles, ranked by cover density). Both live inside the database, so
//! every server sharing it finds an article the moment it is published. The index is kept by
//! [`crate::Newsroom`] on every save and status change; `lede reindex` rebuilds it.

use super::articles::{bind_all, filter_clause_from};
use super::rows::SUMMARY_COLUMNS;
use super::{Backend, SqlStore, Tx};
use crate::{PageRequest, Paged, Result, SearchHit, SearchQuery};
use lede_core::content::ArticleId;
use lede_core::script::fold;
use sqlx::Row;
use unicode_segmentation::UnicodeSegmentation;

/// Snippet markers: private-use characters no article contains, turned into `<mark>` only
/// after the snippet has been HTML-escaped.
pub const MARK_START: &str = "\u{E000}";
pub const MARK_END: &str = "\u{E001}";

/// The text-search configuration for an article's language.
const PG_CONFIG: &str =
    "CAST(CASE WHEN a.language LIKE 'en%' THEN 'english' ELSE 'simple' END AS regconfig)";

/// A reader's words as an FTS5 query: every word quoted (so punctuation and FTS5 operators in
/// the input are just text), all of them required.
fn fts5_query(text: &str) -> Option<String> {
    let words: Vec<String> =
        text.unicode_words().map(|w| format!("\"{}\"", w.replace('"', ""))).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Brings one article's entry in the search index up to date inside the writer's
/// transaction: indexed while published and public, absent otherwise. The text is folded
/// ([`lede_core::script::fold`]) as queries are, so every spelling of a word finds it.
pub(super) async fn index(tx: &mut Tx, backend: Backend, id: ArticleId) -> Result<()> {
    let key = match backend {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "article_id",
    };
    sqlx::query(&format!("DELETE FROM article_search WHERE {key} = $1"))
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    let concat = match backend {
        Backend::Sqlite => "GROUP_CONCAT",
        Backend::Postgres => "string_agg",
    };
    let row = sqlx::query(&format!(
        "SELECT a.language, a.headline, a.standfirst, a.body_text, \
           COALESCE((SELECT {concat}(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), '') AS tags, \
           COALESCE((SELECT {concat}(au.name, ' ') FROM article_authors x JOIN authors au ON au.id = x.author_id WHERE x.article_id = a.id), '') AS authors \
         FROM articles a WHERE a.id = $1 AND a.status = 'published' AND a.partner_only = 0"
    ))
    .bind(id.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let text = |column: &str| -> Result<String> {
        Ok(fold(&row.try_get::<String, _>(column)?).into_owned())
    };
    let (headline, standfirst, body) = (text("headline")?, text("standfirst")?, text("body_text")?);
    let (tags, authors) = (text("tags")?, text("authors")?);
    match backend {
        Backend::Sqlite => {
            sqlx::query(
                "INSERT INTO article_search (rowid, headline, standfirst, body, tags, authors) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id.0)
            .bind(headline)
            .bind(standfirst)
            .bind(body)
            .bind(tags)
            .bind(authors)
            .execute(&mut **tx)
            .await?;
        }
        Backend::Postgres => {
            let config = pg_config(&row.try_get::<String, _>("language")?);
            sqlx::query(&format!(
                "INSERT INTO article_search (article_id, document) VALUES ($1, \
                   setweight(to_tsvector('{config}', $2), 'A') || \
                   setweight(to_tsvector('{config}', $3), 'B') || \
                   setweight(to_tsvector('simple', $4 || ' ' || $5), 'B') || \
                   setweight(to_tsvector('{config}', $6), 'C')) \
                 ON CONFLICT (article_id) DO UPDATE SET document = excluded.document"
            ))
            .bind(id.0)
            .bind(headline)
            .bind(standfirst)
            .bind(tags)
            .bind(authors)
            .bind(body)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The PostgreSQL text-search configuration for an article's language: English stemming for
/// English, the language-neutral `simple` for every other (PostgreSQL has no Urdu stemmer).
fn pg_config(language: &str) -> &'static str {
    if language.starts_with("en") { "english" } else { "simple" }
}

impl SqlStore {
    /// Rebuilds the whole index in one transaction; returns how many articles were looked at.
    pub(crate) async fn reindex_all(&self) -> Result<u64> {
        let mut tx = self.begin().await?;
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM articles ORDER BY id").fetch_all(&mut *tx).await?;
        sqlx::query("DELETE FROM article_search").execute(&mut *tx).await?;
        for id in &ids {
            index(&mut tx, self.backend, ArticleId(*id)).await?;
        }
        tx.commit().await?;
        Ok(ids.len() as u64)
    }

    pub async fn search(&self, query: &SearchQuery, page: PageRequest) -> Result<Paged<SearchHit>> {
        let empty = Paged { items: Vec::new(), page, total: 0 };
        // Values: $1 the query, $2 and $3 the snippet markers, then the filter's.
        let first_filter_bind = 4;
        let (text, matches, from, snippet, order) = match self.backend {
            Backend::Sqlite => {
                let Some(text) = fts5_query(&fold(&query.text)) else {
                    return Ok(empty);
                };
                (
                    text,
                    "article_search MATCH $1".to_owned(),
                    "article_search JOIN articles a ON a.id = article_search.rowid".to_owned(),
                    "snippet(article_search, -1, $2, $3, '…', 24)".to_owned(),
                    "bm25(article_search, 10.0, 5.0, 1.0, 4.0, 4.0), a.published_at DESC, a.id DESC".to_owned(),
                )
            }
            Backend::Postgres => {
                if query.text.trim().is_empty() {
                    return Ok(empty);
                }
                let q =
                    "(websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1))";
                (
                    fold(&query.text).into_owned(),
                    format!("article_search.document @@ {q}"),
                    "article_search JOIN articles a ON a.id = article_search.article_id".to_owned(),
                    format!(
                        "ts_headline({PG_CONFIG}, a.body_text, {q}, \
                         'StartSel=' || $2 || ', StopSel=' || $3 || ', MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"')"
                    ),
                    format!(
                        "ts_rank_cd(article_search.document, {q}) DESC, a.published_at DESC, a.id DESC"
                    ),
                )
            }
        };
        // The count has no snippet, so its filter values follow the query text directly.
        let (count_clause, count_binds) = filter_clause_from(&query.filter, 2);
        let count_sql = match self.backend {
            // Matching first and counting the articles it found: with the join SQLite reads
            // every article and runs the match for each (4 s at 100,000 articles, not 0.3 s).
            Backend::Sqlite => format!(
                "SELECT COUNT(*) FROM articles a WHERE a.id IN \
                 (SELECT rowid FROM article_search WHERE article_search MATCH $1) AND {count_clause}"
            ),
            Backend::Postgres => {
                format!("SELECT COUNT(*) FROM {from} WHERE {matches} AND {count_clause}")
            }
        };
        let total: i64 = bind_all(sqlx::query(&count_sql).bind(text.as_str()), &count_binds)
            .fetch_one(&self.read)
            .await?
            .try_get(0)?;
        let (clause, binds) = filter_clause_from(&query.filter, first_filter_bind);
        let n = first_filter_bind + binds.len();
        let list_sql = format!(
            "SELECT {SUMMARY_COLUMNS}, {snippet} AS snippet FROM {from} JOIN sections s ON s.id = a.section_id \
             WHERE {matches} AND {clause} ORDER BY {order} LIMIT ${n} OFFSET ${}",
            n + 1
        );
        let rows = bind_all(
            sqlx::query(&list_sql).bind(text.as_str()).bind(MARK_START).bind(MARK_END),
            &binds,
        )
        .bind(i64::from(page.size))
        .bind(page.offset())
        .fetch_all(&self.read)
        .await?;
        let summaries = self.summaries(&rows).await?;
        let items = summaries
            .into_iter()
            .zip(&rows)
            .map(|(summary, row)| Ok(SearchHit { snippet: row.try_get("snippet")?, summary }))
            .collect::<Result<Vec<_>>>()?;
        Ok(Paged { items, page, total: u64::try_from(total).unwrap_or(0) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_input_cannot_inject_fts5_syntax() {
        let cases = [
            ("flood barrier", Some("\"flood\" \"barrier\"")),
            ("NEAR(a b) OR \"x", Some("\"NEAR\" \"a\" \"b\" \"OR\" \"x\"")),
            ("column:value*", Some("\"column:value\"")),
            ("سیلاب کی وارننگ", Some("\"سیلاب\" \"کی\" \"وارننگ\"")),
            ("  ?! ", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fts5_query(input).as_deref(), expected, "{input:?}");
        }
    }
}
