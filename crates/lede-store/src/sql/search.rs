//! Full-text search, in each database's own engine: SQLite FTS5 (Porter stemming over Unicode
//! word boundaries, ranked by BM25) and PostgreSQL text search (weighted tsvectors, English
//! stemming for English articles, ranked by cover density). Both live inside the database, so
//! every server sharing it finds an article the moment it is published. The index is kept by
//! [`crate::Newsroom`] on every save and status change; `lede reindex` rebuilds it.

use super::articles::{bind_all, filter_clause_from};
use super::rows::SUMMARY_COLUMNS;
use super::{Backend, SqlStore, Tx};
use crate::{PageRequest, Paged, Result, SearchHit, SearchQuery, SearchResults};
use lede_core::content::ArticleId;
use lede_core::script::fold;
use sqlx::Row;
use sqlx::any::AnyRow;
use unicode_segmentation::UnicodeSegmentation;

/// Snippet markers: private-use characters no article contains, turned into `<mark>` only
/// after the snippet has been HTML-escaped.
pub const MARK_START: &str = "\u{E000}";
pub const MARK_END: &str = "\u{E001}";

/// How many matches a search ranks: the newest this many that the filter keeps. Ranking costs
/// time in the number of articles ranked (BM25 and cover density have no top-k shortcut), so
/// a word in most articles of a large archive would rank all of them for one page of ten
/// (742 ms at 100,000 articles); news readers want the best of the recent stories, and a
/// filter by section, author or date reaches further back. A thousand is fifty pages of
/// results; 2,000 took 53 ms at 100,000 articles on an idle machine, over the 50 ms target.
pub const SEARCH_RANKED: u32 = 1_000;

/// The SQLite index as its migration (`0002_search.sql`) creates it, for a rebuild to make it
/// anew (a test keeps the two the same).
const SQLITE_INDEX: &str = "CREATE VIRTUAL TABLE article_search USING fts5(
    headline, standfirst, body, tags, authors,
    tokenize = 'porter unicode61 remove_diacritics 2'
)";

/// How many articles a rebuild of the index reads with one statement.
const REINDEX_BATCH: i64 = 1_000;

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
    let row = sqlx::query(&indexed_text(backend, "a.id = $1"))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        Some(row) => insert(tx, backend, &row).await,
        None => Ok(()),
    }
}

/// What the index holds of the published public articles `condition` picks: their language,
/// texts, tags' and authors' names, with their id.
fn indexed_text(backend: Backend, condition: &str) -> String {
    let concat = match backend {
        Backend::Sqlite => "GROUP_CONCAT",
        Backend::Postgres => "string_agg",
    };
    format!(
        "SELECT a.id, a.language, a.headline, a.standfirst, a.body_text, \
           COALESCE((SELECT {concat}(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), '') AS tags, \
           COALESCE((SELECT {concat}(au.name, ' ') FROM article_authors x JOIN authors au ON au.id = x.author_id WHERE x.article_id = a.id), '') AS authors \
         FROM articles a WHERE {condition} AND a.status = 'published' AND a.partner_only = 0"
    )
}

/// Adds one article's entry, read by [`indexed_text`], to an index that lacks it.
async fn insert(tx: &mut Tx, backend: Backend, row: &AnyRow) -> Result<()> {
    let id: i64 = row.try_get("id")?;
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
            .bind(id)
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
            .bind(id)
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

/// Sets FTS5 options of the SQLite index (kept in the index itself).
async fn fts5_settings(tx: &mut Tx, settings: &[(&str, i64)]) -> Result<()> {
    for (name, value) in settings {
        sqlx::query("INSERT INTO article_search (article_search, rank) VALUES ($1, $2)")
            .bind(*name)
            .bind(*value)
            .execute(&mut **tx)
            .await?;
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
    /// The articles are read a thousand at a time, in the order of their ids, and only the
    /// published public ones: one statement reads a thousand, where reading each article
    /// and clearing its (already cleared) entry took three statements an article.
    pub(crate) async fn reindex_all(&self) -> Result<u64> {
        let mut tx = self.begin().await?;
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM articles").fetch_one(&mut *tx).await?;
        match self.backend {
            // A full-text table deletes each row's words one by one (18 s for 100,000
            // articles); made anew, it starts empty at once.
            Backend::Sqlite => {
                // The index's pages and the articles' stay in memory while it is filled,
                // rather than read again from the file (SQLite's default is 2 MB).
                sqlx::query("PRAGMA cache_size = -131072").execute(&mut *tx).await?;
                sqlx::query("DROP TABLE article_search").execute(&mut *tx).await?;
                sqlx::query(SQLITE_INDEX).execute(&mut *tx).await?;
                // Filled at once, the index is merged once at the end rather than as it
                // grows (a quarter less work), and left as one segment, the fastest to search.
                fts5_settings(&mut tx, &[("automerge", 0), ("crisismerge", 2_000)]).await?;
            }
            Backend::Postgres => {
                sqlx::query("DELETE FROM article_search").execute(&mut *tx).await?;
            }
        }
        let batch = indexed_text(self.backend, "a.id > $1") + " ORDER BY a.id LIMIT $2";
        let mut after = 0_i64;
        loop {
            let rows =
                sqlx::query(&batch).bind(after).bind(REINDEX_BATCH).fetch_all(&mut *tx).await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get("id")?;
            for row in &rows {
                insert(&mut tx, self.backend, row).await?;
            }
        }
        if self.backend == Backend::Sqlite {
            sqlx::query("INSERT INTO article_search (article_search) VALUES ('optimize')")
                .execute(&mut *tx)
                .await?;
            // FTS5's defaults again, for the articles saved one at a time from now on.
            fts5_settings(&mut tx, &[("automerge", 4), ("crisismerge", 16)]).await?;
        }
        tx.commit().await?;
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA cache_size = -2000").execute(&self.write).await?;
        }
        Ok(u64::try_from(count).unwrap_or(0))
    }

    /// A page of the best matches for `query` among the newest [`SEARCH_RANKED`] the filter
    /// keeps, best first.
    pub async fn search(&self, query: &SearchQuery, page: PageRequest) -> Result<SearchResults> {
        self.search_ranking(query, page, SEARCH_RANKED).await
    }

    /// [`Self::search`] ranking the newest `ranked` matches (tests make it small).
    pub(crate) async fn search_ranking(
        &self,
        query: &SearchQuery,
        page: PageRequest,
        ranked: u32,
    ) -> Result<SearchResults> {
        let empty =
            SearchResults { hits: Paged { items: Vec::new(), page, total: 0 }, more: false };
        // Values: finding the newest, $1 the query, then the filter's; ranking them, $1 the
        // query, $2 and $3 the snippet markers, then the ids.
        let first_filter_bind = 4;
        let (text, matching, from, key, matches, snippet, rank) = match self.backend {
            Backend::Sqlite => {
                let Some(text) = fts5_query(&fold(&query.text)) else {
                    return Ok(empty);
                };
                (
                    text,
                    // Matching first and reading the articles it found: with the join SQLite
                    // reads every article and runs the match for each.
                    "articles a WHERE a.id IN \
                     (SELECT rowid FROM article_search WHERE article_search MATCH $1)"
                        .to_owned(),
                    "article_search JOIN articles a ON a.id = article_search.rowid".to_owned(),
                    "article_search.rowid",
                    "article_search MATCH $1".to_owned(),
                    "snippet(article_search, -1, $2, $3, '…', 24)".to_owned(),
                    "bm25(article_search, 10.0, 5.0, 1.0, 4.0, 4.0)".to_owned(),
                )
            }
            Backend::Postgres => {
                if query.text.trim().is_empty() {
                    return Ok(empty);
                }
                let q =
                    "(websearch_to_tsquery('english', $1) || websearch_to_tsquery('simple', $1))";
                let from =
                    "article_search JOIN articles a ON a.id = article_search.article_id".to_owned();
                (
                    fold(&query.text).into_owned(),
                    format!("{from} WHERE article_search.document @@ {q}"),
                    from,
                    "article_search.article_id",
                    format!("article_search.document @@ {q}"),
                    format!(
                        "ts_headline({PG_CONFIG}, a.body_text, {q}, \
                         'StartSel=' || $2 || ', StopSel=' || $3 || ', MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"')"
                    ),
                    format!("ts_rank_cd(article_search.document, {q}) DESC"),
                )
            }
        };
        // The newest matches the filter keeps, one past the ranked: that many ids count the
        // matches as far as any page goes (counting every match of a common word read every
        // one's article, 0.3 s at 100,000), and the ranked among them are all that is ranked.
        let (clause, binds) = filter_clause_from(&query.filter, 2);
        let newest_sql = format!(
            "SELECT a.id FROM {matching} AND {clause} \
             ORDER BY a.published_at DESC, a.id DESC LIMIT {}",
            u64::from(ranked) + 1
        );
        let mut newest: Vec<i64> = bind_all(sqlx::query(&newest_sql).bind(text.as_str()), &binds)
            .fetch_all(&self.read)
            .await?
            .iter()
            .map(|row| row.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
        let more = newest.len() > ranked as usize;
        newest.truncate(ranked as usize);
        let total = newest.len() as u64;
        if newest.is_empty() {
            return Ok(empty);
        }
        // Ranked among themselves: neither BM25 nor cover density has a top-k shortcut, so
        // ranking costs time in the number ranked. The ids are a list of values; on SQLite
        // `+` keeps the full-text table from looking each one up, which reads the word's
        // whole list of matches again for every id (4 ms each), rather than once.
        let ids = (0..newest.len())
            .map(|i| format!("${}", first_filter_bind + i))
            .collect::<Vec<_>>()
            .join(", ");
        let n = first_filter_bind + newest.len();
        let list_sql = format!(
            "SELECT {SUMMARY_COLUMNS}, {snippet} AS snippet FROM {from} JOIN sections s ON s.id = a.section_id \
             WHERE {matches} AND +{key} IN ({ids}) \
             ORDER BY {rank}, a.published_at DESC, a.id DESC LIMIT ${n} OFFSET ${}",
            n + 1
        );
        let rows = bind_all(
            sqlx::query(&list_sql).bind(text.as_str()).bind(MARK_START).bind(MARK_END),
            &newest,
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
        Ok(SearchResults { hits: Paged { items, page, total }, more })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{TestDb, load_fixture};

    /// Three fixture articles mention floods; the oldest ranks first by its headline, yet with
    /// two ranked only the newest two are, the newest of all among them, and the count says
    /// that older ones match too.
    async fn only_the_newest_matches_are_ranked(db: &TestDb) {
        load_fixture(&db.newsroom().await).await;
        let query = SearchQuery { text: "flooding".into(), ..Default::default() };
        let slugs = |results: &SearchResults| {
            let mut slugs: Vec<String> =
                results.hits.items.iter().map(|h| h.summary.slug.to_string()).collect();
            slugs.sort_unstable();
            slugs
        };
        let all = db.store.search_ranking(&query, PageRequest::first(10), 3).await.expect("all");
        assert_eq!((all.hits.total, all.more), (3, false));
        assert_eq!(slugs(&all), ["flood-barrier-plan", "river-clean-up", "river-floods-saltmarsh"]);
        let newest =
            db.store.search_ranking(&query, PageRequest::first(10), 2).await.expect("newest");
        assert_eq!((newest.hits.total, newest.more), (2, true));
        assert_eq!(slugs(&newest), ["flood-barrier-plan", "river-clean-up"]);
        let second = db.store.search_ranking(&query, PageRequest::new(2, 1), 2).await.expect("p2");
        assert_eq!(second.hits.items.len(), 1, "the second of two ranked, on page 2");
    }

    crate::on_both_databases!(only_the_newest_matches_are_ranked);

    #[test]
    fn a_rebuild_makes_the_index_its_migration_made() {
        let migration = include_str!("../../migrations/sqlite/0002_search.sql");
        assert!(migration.contains(&format!("{SQLITE_INDEX};")), "{migration}");
    }

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
