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

/// How many entries one statement adds to the table of folded entries a SQLite rebuild
/// copies from (six values each, far below SQLite's 32,766).
const INSERT_ROWS: usize = if cfg!(test) { 2 } else { 100 };

/// The characters [`lede_core::script::fold`] may change, as a GLOB: a text without them is
/// indexed as it is stored (a test checks the two agree).
const FOLDED_GLOB: &str = "*[\u{0600}-\u{06FF}\u{200C}\u{200D}]*";

/// How much of the index FTS5 builds in memory during a rebuild before it writes a segment
/// (its default is 1 MB, and the many segments then had to be merged at the end, 1.3 to 1.6 s
/// at 100,000 articles in the `sqlite3` shell). The bench's 100,000 articles fit (the whole
/// rebuild then peaks at about 330 MB): the index is written once, as one segment, and
/// nothing is merged; a larger archive writes a few and merges them at the end.
const REINDEX_HASH_BYTES: i64 = 256 * 1024 * 1024;

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
        Some(row) => insert(tx, backend, "article_search", &[Entry::from_row(&row)?]).await,
        None => Ok(()),
    }
}

/// What the index holds of the published public articles `condition` picks: their language,
/// texts, tags' and authors' names, with their id. On SQLite the articles are read by id
/// alone (`NOT INDEXED` still looks ids up): given the status index, SQLite read every
/// published article after `a.id > $1` and sorted them for each thousand a rebuild reads, a
/// rebuild's time growing with the square of the archive (55 % of its CPU at 100,000).
fn indexed_text(backend: Backend, condition: &str) -> String {
    let (concat, by_id) = match backend {
        Backend::Sqlite => ("GROUP_CONCAT", " NOT INDEXED"),
        Backend::Postgres => ("string_agg", ""),
    };
    format!(
        "SELECT a.id, a.language, a.headline, a.standfirst, a.body_text, \
           COALESCE((SELECT {concat}(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), '') AS tags, \
           COALESCE((SELECT {concat}(au.name, ' ') FROM article_authors x JOIN authors au ON au.id = x.author_id WHERE x.article_id = a.id), '') AS authors \
         FROM articles a{by_id} WHERE {condition} AND a.status = 'published' AND a.partner_only = 0"
    )
}

/// One article's entry in the index: its texts folded, as [`indexed_text`] read them.
#[derive(Debug)]
struct Entry {
    id: i64,
    language: String,
    headline: String,
    standfirst: String,
    body: String,
    tags: String,
    authors: String,
}

impl Entry {
    fn from_row(row: &AnyRow) -> Result<Self> {
        // Most text needs no folding: the string read is kept as it is, not copied.
        let text = |column: &str| -> Result<String> {
            let read: String = row.try_get(column)?;
            Ok(match fold(&read) {
                std::borrow::Cow::Borrowed(_) => read,
                std::borrow::Cow::Owned(folded) => folded,
            })
        };
        Ok(Self {
            id: row.try_get("id")?,
            language: row.try_get("language")?,
            headline: text("headline")?,
            standfirst: text("standfirst")?,
            body: text("body_text")?,
            tags: text("tags")?,
            authors: text("authors")?,
        })
    }
}

/// The entries of the published public articles after the id `after`, at most `limit` of
/// them in the order of their ids, read through `executor`.
async fn entries_after<'e, E>(
    executor: E,
    backend: Backend,
    after: i64,
    limit: i64,
) -> Result<Vec<Entry>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let sql = indexed_text(backend, "a.id > $1") + " ORDER BY a.id LIMIT $2";
    let rows = sqlx::query(&sql).bind(after).bind(limit).fetch_all(executor).await?;
    rows.iter().map(Entry::from_row).collect()
}

/// Adds entries to `table`, on SQLite the index or a table of its columns, on PostgreSQL
/// the index. On SQLite up to [`INSERT_ROWS`] go in one statement, each statement being a
/// round trip to the connection's thread; the index takes one at a time, though: FTS5 writes
/// what it holds in memory before every statement that adds several rows.
async fn insert(tx: &mut Tx, backend: Backend, table: &str, entries: &[Entry]) -> Result<()> {
    match backend {
        Backend::Sqlite => {
            let rows = if table == "article_search" { 1 } else { INSERT_ROWS };
            for chunk in entries.chunks(rows) {
                let values = (0..chunk.len())
                    .map(|i| format!("({})", super::placeholders(i * 6 + 1, 6)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let sql = format!(
                    "INSERT INTO {table} (rowid, headline, standfirst, body, tags, authors) \
                     VALUES {values}"
                );
                let mut query = sqlx::query(&sql);
                for e in chunk {
                    query = query
                        .bind(e.id)
                        .bind(e.headline.as_str())
                        .bind(e.standfirst.as_str())
                        .bind(e.body.as_str())
                        .bind(e.tags.as_str())
                        .bind(e.authors.as_str());
                }
                query.execute(&mut **tx).await?;
            }
        }
        Backend::Postgres => {
            for e in entries {
                let config = pg_config(&e.language);
                sqlx::query(&format!(
                    "INSERT INTO article_search (article_id, document) VALUES ($1, \
                       setweight(to_tsvector('{config}', $2), 'A') || \
                       setweight(to_tsvector('{config}', $3), 'B') || \
                       setweight(to_tsvector('simple', $4 || ' ' || $5), 'B') || \
                       setweight(to_tsvector('{config}', $6), 'C')) \
                     ON CONFLICT (article_id) DO UPDATE SET document = excluded.document"
                ))
                .bind(e.id)
                .bind(e.headline.as_str())
                .bind(e.standfirst.as_str())
                .bind(e.tags.as_str())
                .bind(e.authors.as_str())
                .bind(e.body.as_str())
                .execute(&mut **tx)
                .await?;
            }
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
    /// Only the published public articles are read, in the order of their ids: on SQLite the
    /// index is filled by one statement (see below), on PostgreSQL a thousand are read a
    /// statement, where reading each article and clearing its (already cleared) entry took
    /// three statements an article.
    pub(crate) async fn reindex_all(&self) -> Result<u64> {
        self.reindex_in_batches(REINDEX_BATCH).await
    }

    /// [`Self::reindex_all`] reading `batch` articles a statement (on SQLite, the articles
    /// to fold; tests make it small).
    pub(crate) async fn reindex_in_batches(&self, batch: i64) -> Result<u64> {
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
                // Filled at once, the index is built in memory and merged once at the end
                // rather than as it grows, and left as one segment, the fastest to search.
                fts5_settings(
                    &mut tx,
                    &[("automerge", 0), ("crisismerge", 2_000), ("hashsize", REINDEX_HASH_BYTES)],
                )
                .await?;
                // The articles whose text folding may change (Arabic script) are read and
                // folded here, into a table of their entries; then one statement fills the
                // index, every other article's text copied as it is stored. One statement,
                // because FTS5 writes what it holds in memory before every statement that
                // adds several rows (a hundred rows a statement made a thousand segments to
                // merge), and a statement an article is a round trip to the connection's
                // thread each.
                sqlx::query(
                    "CREATE TEMP TABLE folded_search \
                     (id INTEGER PRIMARY KEY, headline, standfirst, body, tags, authors)",
                )
                .execute(&mut *tx)
                .await?;
                // GLOB tries the class at every character (3.4 s for the bench's 350 MB of
                // text), so it reads only text with a character beyond ASCII.
                let folds = ["headline", "standfirst", "body_text", "tags", "authors"]
                    .map(|c| {
                        format!("(length(t.{c}) <> length(CAST(t.{c} AS BLOB)) AND t.{c} GLOB $3)")
                    })
                    .join(" OR ");
                let folding = format!(
                    "SELECT * FROM ({}) t WHERE {folds} ORDER BY t.id LIMIT $2",
                    indexed_text(self.backend, "a.id > $1")
                );
                let mut after = 0_i64;
                loop {
                    let rows = sqlx::query(&folding)
                        .bind(after)
                        .bind(batch)
                        .bind(FOLDED_GLOB)
                        .fetch_all(&mut *tx)
                        .await?;
                    let entries = rows.iter().map(Entry::from_row).collect::<Result<Vec<_>>>()?;
                    let Some(last) = entries.last() else { break };
                    after = last.id;
                    insert(&mut tx, self.backend, "temp.folded_search", &entries).await?;
                }
                sqlx::query(&format!(
                    "INSERT INTO article_search (rowid, headline, standfirst, body, tags, authors) \
                     SELECT t.id, COALESCE(f.headline, t.headline), \
                       COALESCE(f.standfirst, t.standfirst), COALESCE(f.body, t.body_text), \
                       COALESCE(f.tags, t.tags), COALESCE(f.authors, t.authors) \
                     FROM ({}) t LEFT JOIN temp.folded_search f ON f.id = t.id ORDER BY t.id",
                    indexed_text(self.backend, "1 = 1")
                ))
                .execute(&mut *tx)
                .await?;
                sqlx::query("DROP TABLE temp.folded_search").execute(&mut *tx).await?;
                sqlx::query("INSERT INTO article_search (article_search) VALUES ('optimize')")
                    .execute(&mut *tx)
                    .await?;
                // FTS5's defaults again, for the articles saved one at a time from now on.
                fts5_settings(
                    &mut tx,
                    &[("automerge", 4), ("crisismerge", 16), ("hashsize", 1024 * 1024)],
                )
                .await?;
            }
            // Other writers may commit meanwhile: the articles are read in the transaction.
            Backend::Postgres => {
                sqlx::query("DELETE FROM article_search").execute(&mut *tx).await?;
                let mut after = 0_i64;
                loop {
                    let entries = entries_after(&mut *tx, self.backend, after, batch).await?;
                    let Some(last) = entries.last() else { break };
                    after = last.id;
                    insert(&mut tx, self.backend, "article_search", &entries).await?;
                }
            }
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

    /// What every search of `queries` finds, in its order, with its snippets.
    async fn findings(db: &TestDb, queries: &[&str]) -> Vec<Vec<(String, String)>> {
        let mut all = Vec::new();
        for text in queries {
            let query = SearchQuery { text: (*text).into(), ..Default::default() };
            let results = db.store.search(&query, PageRequest::first(20)).await.expect("search");
            all.push(
                results
                    .hits
                    .items
                    .iter()
                    .map(|h| (h.summary.slug.to_string(), h.snippet.clone()))
                    .collect(),
            );
        }
        all
    }

    /// A rebuild (its folded entries read in batches of three and written two a statement,
    /// as tests build it) finds, ranks and quotes what the articles saved one at a time did,
    /// Arabic-script spellings folded included.
    async fn a_rebuild_makes_the_index_saving_made(db: &TestDb) {
        let newsroom = db.newsroom().await;
        load_fixture(&newsroom).await;
        for n in 1..=4 {
            let mut urdu = crate::test_support::article(
                &format!("urdu-flood-{n}"),
                &format!("شہر میں سیلاب {n}"),
                "news",
                &["maya-chen"],
                &["river"],
                // Arabic kaf and yeh typed for Urdu's, and a vowel mark.
                &"دريا كا پانی شہر میں داخل ہو گیا اور رضاکاروں نے مدد کی۔ سَیلاب ".repeat(n),
            );
            urdu.language = "ur".into();
            let id = newsroom.save_article(None, urdu).await.expect("save");
            newsroom.publish_article(id, None).await.expect("publish");
        }
        let queries = [
            "flooding",
            "river",
            "council budget",
            "standfirst",
            "maya",
            "دریا کا",
            "سیلاب",
            "music",
        ];
        let saved = findings(db, &queries).await;
        assert_eq!(saved[5].len(), 4, "the folded spelling is found: {saved:?}");
        let looked_at = db.store.reindex_in_batches(3).await.expect("reindex");
        assert_eq!(looked_at, 11, "every article, the draft too");
        assert_eq!(findings(db, &queries).await, saved);
        if db.store.backend() == Backend::Sqlite {
            db.execute_raw(
                "INSERT INTO article_search (article_search) VALUES ('integrity-check')",
                &[],
            )
            .await;
        }
    }

    crate::on_both_databases!(
        only_the_newest_matches_are_ranked,
        a_rebuild_makes_the_index_saving_made
    );

    /// Every character folding changes is one the rebuild's GLOB sends through the folding.
    #[tokio::test]
    async fn the_folded_glob_picks_every_character_folding_changes() {
        let db = TestDb::sqlite().await;
        let changed: Vec<char> = (0..=0x10_FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| matches!(fold(&c.to_string()), std::borrow::Cow::Owned(_)))
            .collect();
        assert!(changed.len() > 200, "{}", changed.len());
        for c in changed {
            let picked: i64 = sqlx::query_scalar("SELECT $1 GLOB $2")
                .bind(format!("a{c}b"))
                .bind(FOLDED_GLOB)
                .fetch_one(&db.store.read)
                .await
                .expect("glob");
            assert_eq!(picked, 1, "U+{:04X}", u32::from(c));
        }
        let plain: i64 = sqlx::query_scalar("SELECT $1 GLOB $2")
            .bind("Flood barrier, 2026 — Crème brûlée")
            .bind(FOLDED_GLOB)
            .fetch_one(&db.store.read)
            .await
            .expect("glob");
        assert_eq!(plain, 0);
    }

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
