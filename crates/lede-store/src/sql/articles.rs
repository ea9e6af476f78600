//! Articles: the reader's lists and pages, saving, publishing and related lists.

use super::media::{MEDIA_VALUES, MediaJson};
use super::rows::{self, AUTHOR_COLUMNS, SUMMARY_COLUMNS, from_unix, to_unix};
use super::{Backend, RELATED_COUNT_KEY, SqlStore, json, placeholders};
use crate::{
    ArticleFilter, ArticleLists, ArticlePage, Audience, FeedEntry, MediaItem, PageRequest, Paged,
    Placement, Result, SitemapArticle,
};
use lede_core::Slug;
use lede_core::comment::{Comment, CommentStatus};
use lede_core::content::*;
use lede_core::related::MAX_RELATED;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, Row, query::Query};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Articles' public address as redirects store it: as text, since lookups decode the path
/// they are asked for (an Urdu slug is stored in Urdu letters, not percent-escapes).
pub fn article_path(slug: &Slug) -> String {
    stored_path(&lede_core::urls::article(slug))
}

/// A public address as redirects store it (decoded).
pub fn stored_path(url: &str) -> String {
    lede_core::uri::decode_path(url).into_owned()
}

/// The condition that keeps partner-only articles from an audience that may not read them.
fn audience_clause(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => " AND a.partner_only = 0",
        Audience::Partner => "",
    }
}

/// A value a filter binds: an id or a time, or a language tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Bind {
    Int(i64),
    Text(String),
}

impl From<i64> for Bind {
    fn from(value: i64) -> Self {
        Self::Int(value)
    }
}

/// The `WHERE` clause for a filter, and the values it binds.
pub(super) fn filter_clause(filter: &ArticleFilter) -> (String, Vec<Bind>) {
    filter_clause_from(filter, 1)
}

/// [`filter_clause`] with its placeholders numbered from `first` (when other values come
/// before it in the query).
pub(super) fn filter_clause_from(filter: &ArticleFilter, first: usize) -> (String, Vec<Bind>) {
    clause(filter, first, false)
}

/// [`filter_clause_from`] for a query that reads the newest few articles of a section: the
/// section test is written `+a.section_id` so that SQLite walks the articles by date and
/// checks each one's section, stopping after a dozen, instead of taking the section's index
/// and sorting the whole section (40 ms a section at 100,000 articles). PostgreSQL reads a
/// unary plus as the same value.
pub(super) fn newest_first_clause_from(
    filter: &ArticleFilter,
    first: usize,
) -> (String, Vec<Bind>) {
    clause(filter, first, true)
}

fn clause(filter: &ArticleFilter, first: usize, by_date: bool) -> (String, Vec<Bind>) {
    let mut sql = String::from("a.status = 'published'");
    sql.push_str(audience_clause(filter.audience));
    let mut binds = Vec::new();
    let mut push = |condition: &str, value: Bind| {
        binds.push(value);
        sql.push_str(" AND ");
        sql.push_str(&condition.replace("$?", &format!("${}", first + binds.len() - 1)));
    };
    if let Some(section) = filter.section {
        let column = if by_date { "+a.section_id" } else { "a.section_id" };
        push(
            &format!(
                "{column} IN (WITH RECURSIVE tree(id) AS (SELECT CAST($? AS BIGINT) \
                 UNION SELECT s2.id FROM sections s2 JOIN tree ON s2.parent_id = tree.id) \
                 SELECT id FROM tree)"
            ),
            section.0.into(),
        );
    }
    if let Some(tag) = filter.tag {
        push(
            "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = $?)",
            tag.0.into(),
        );
    }
    if let Some(author) = filter.author {
        push(
            "EXISTS (SELECT 1 FROM article_authors x WHERE x.article_id = a.id AND x.author_id = $?)",
            author.0.into(),
        );
    }
    if let Some(from) = filter.from {
        push("a.published_at >= $?", to_unix(from).into());
    }
    if let Some(until) = filter.until {
        push("a.published_at < $?", to_unix(until).into());
    }
    if let Some(exclude) = filter.exclude {
        push("a.id <> $?", exclude.0.into());
    }
    if let Some(language) = &filter.language {
        push("a.language = $?", Bind::Text(language.clone()));
    }
    (sql, binds)
}

/// [`SqlStore::list_articles`]'s statements: the count of the list `filter` selects and one
/// page of it (its size and offset bound after the filter's values), and the filter's values.
fn list_statements(filter: &ArticleFilter) -> (String, String, Vec<Bind>) {
    let (clause, binds) = filter_clause(filter);
    let count = format!("SELECT COUNT(*) FROM articles a WHERE {clause}");
    let n = binds.len();
    let (clause, _) = newest_first_clause_from(filter, 1);
    let page = format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id \
         WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    (count, page, binds)
}

/// [`SqlStore::latest_articles`]'s statement (its limit bound after the filter's values).
fn latest_statement(filter: &ArticleFilter) -> (String, Vec<Bind>) {
    let (clause, binds) = newest_first_clause_from(filter, 1);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id \
         WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${}",
        binds.len() + 1
    );
    (sql, binds)
}

/// [`SqlStore::latest_in_sections`]'s statement (its limit is `$1`, bound first).
fn sections_statement(sections: &[SectionId], language: Option<String>) -> (String, Vec<Bind>) {
    // One limited, index-ordered SELECT per section, glued with UNION ALL: a window
    // function over every article would sort the whole archive for a dozen rows.
    let mut parts = Vec::with_capacity(sections.len());
    let mut binds = Vec::with_capacity(sections.len() * 2);
    for section in sections {
        let filter = ArticleFilter {
            section: Some(*section),
            language: language.clone(),
            ..Default::default()
        };
        let (clause, values) = newest_first_clause_from(&filter, binds.len() + 2);
        parts.push(format!(
            "SELECT * FROM (SELECT CAST(${} AS BIGINT) AS block, {SUMMARY_COLUMNS} \
             FROM articles a JOIN sections s ON s.id = a.section_id WHERE {clause} \
             ORDER BY a.published_at DESC, a.id DESC LIMIT $1) AS part{}",
            binds.len() + 2 + values.len(),
            parts.len()
        ));
        binds.extend(values);
        binds.push(section.0.into());
    }
    (parts.join(" UNION ALL "), binds)
}

/// [`SqlStore::feed_entries`]'s statement (its limit bound after the filter's values).
fn feed_statement(filter: &ArticleFilter) -> (String, Vec<Bind>) {
    let (clause, binds) = filter_clause(filter);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, a.body_html FROM articles a JOIN sections s ON s.id = a.section_id \
         WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${}",
        binds.len() + 1
    );
    (sql, binds)
}

/// What an article's row holds besides [`SUMMARY_COLUMNS`]: its own columns and its short
/// lists (authors in byline order, tags by name, notes oldest first) as JSON, so that reading
/// an article is one statement; [`full_article`] reads them.
fn article_columns(backend: Backend) -> String {
    let authors = json::rows(
        backend,
        AUTHOR_COLUMNS,
        "FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
         WHERE aa.article_id = a.id",
        "aa.position",
    );
    let tags = json::rows(
        backend,
        "t.slug, t.name",
        "FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id",
        "t.name",
    );
    let notes = json::rows(
        backend,
        "n.kind, n.body, n.created_at",
        "FROM article_notes n WHERE n.article_id = a.id",
        "n.created_at, n.id",
    );
    format!(
        "{SUMMARY_COLUMNS}, a.status, a.body_html, a.word_count, a.created_at, \
         a.shown_updated_at, a.seo_title, a.meta_description, a.social_image, \
         {authors} AS authors, {tags} AS tags, {notes} AS notes"
    )
}

/// [`SqlStore::article_page`]'s statement: the article by slug (`$1`) with its approved
/// comments and its translations as JSON lists.
fn article_page_statement(backend: Backend) -> String {
    let comments = json::rows(
        backend,
        "c.id, c.parent_id, c.name, c.website, c.body, c.created_at",
        "FROM comments c WHERE c.article_id = a.id AND c.status = 'approved'",
        "c.created_at, c.id",
    );
    let translations = translations_list(backend);
    format!(
        "SELECT {}, {comments} AS comments, {translations} AS translations \
         FROM articles a JOIN sections s ON s.id = a.section_id \
         WHERE a.slug = $1 AND a.status = 'published' AND a.partner_only = 0",
        article_columns(backend),
    )
}

/// The published public versions of the article `a` in other languages, as a JSON list
/// ([`translations_from`] reads it): the group is its root (the original) and the root's
/// translations, each found by an index, the root by its id and the others by
/// `translation_of`. (Written with OR, SQLite walked every published article by the status
/// index, on every article page and for every article an import announced.)
fn translations_list(backend: Backend) -> String {
    let version = "SELECT id, language, slug, headline, translation_of, status, partner_only \
                   FROM articles WHERE";
    json::rows(
        backend,
        "t.id, t.language, t.slug, t.headline, t.translation_of",
        &format!(
            "FROM ({version} id = COALESCE(a.translation_of, a.id) UNION ALL \
             {version} translation_of = COALESCE(a.translation_of, a.id)) t \
             WHERE t.id <> a.id AND t.status = 'published' AND t.partner_only = 0"
        ),
        "t.language",
    )
}

/// The translations a row's `translations` column lists ([`translations_list`]).
fn translations_from(row: &AnyRow) -> Result<Vec<crate::Translation>> {
    json::list::<(i64, String, String, String, Option<i64>)>(row, "translations")?
        .into_iter()
        .map(|(id, language, slug, headline, translation_of)| {
            Ok(crate::Translation {
                id: ArticleId(id),
                language,
                slug: Slug::parse(&slug)?,
                headline,
                original: translation_of.is_none(),
            })
        })
        .collect()
}

/// An author as [`article_columns`] lists them: [`AUTHOR_COLUMNS`]' values.
#[derive(serde::Deserialize)]
struct AuthorJson(i64, String, String, String, Option<String>, Option<String>);

/// An approved comment as [`SqlStore::article_page`] lists them.
#[derive(serde::Deserialize)]
struct CommentJson(i64, Option<i64>, String, Option<String>, String, i64);

/// An article from a row of [`article_columns`].
fn full_article(row: &AnyRow) -> Result<Article> {
    let mut summary = rows::summary(row)?;
    let authors = json::list::<AuthorJson>(row, "authors")?
        .into_iter()
        .map(|AuthorJson(id, slug, name, bio, website, avatar)| {
            Ok(Author { id: AuthorId(id), slug: Slug::parse(&slug)?, name, bio, website, avatar })
        })
        .collect::<Result<Vec<_>>>()?;
    summary.authors =
        authors.iter().map(|a| NamedRef { slug: a.slug.clone(), name: a.name.clone() }).collect();
    let tags = json::list::<(String, String)>(row, "tags")?
        .into_iter()
        .map(|(slug, name)| Ok(NamedRef { slug: Slug::parse(&slug)?, name }))
        .collect::<Result<_>>()?;
    let notes = json::list::<(String, String, i64)>(row, "notes")?
        .into_iter()
        .map(|(kind, text, at)| {
            Ok(ArticleNote { kind: NoteKind::parse(&kind)?, text, at: from_unix(at) })
        })
        .collect::<Result<_>>()?;
    Ok(Article {
        status: ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
        body_html: row.try_get("body_html")?,
        word_count: u32::try_from(row.try_get::<i64, _>("word_count")?).unwrap_or(0),
        created_at: from_unix(row.try_get("created_at")?),
        shown_updated_at: row.try_get::<Option<i64>, _>("shown_updated_at")?.map(from_unix),
        search_and_social: rows::search_and_social(row)?,
        summary,
        tags,
        authors,
        notes,
    })
}

/// [`SqlStore::article_lists`]'s two lists, each in its order (`list_score`, then `list_at`,
/// then the id, all descending): the article's id, the two limits, then the filter's values.
fn article_lists_statement(filter: &ArticleFilter) -> (String, Vec<Bind>) {
    let (clause, binds) = newest_first_clause_from(filter, 4);
    let sql = format!(
        "SELECT * FROM (SELECT 1 AS list, r.score AS list_score, 0 AS list_at, {SUMMARY_COLUMNS} \
           FROM related_articles r \
           JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id \
           WHERE r.article_id = $1 AND a.status = 'published' AND a.partner_only = 0 \
           ORDER BY r.score DESC, a.id DESC LIMIT $2) AS related \
         UNION ALL \
         SELECT * FROM (SELECT 2 AS list, 0 AS list_score, a.published_at AS list_at, \
           {SUMMARY_COLUMNS} FROM articles a \
           JOIN sections s ON s.id = a.section_id WHERE {clause} \
           ORDER BY a.published_at DESC, a.id DESC LIMIT $3) AS more"
    );
    (sql, binds)
}

/// [`SqlStore::article_lists`]'s statement: [`article_lists_statement`]'s rows, each with its
/// byline and its image's library record, after a first column holding the library records
/// of the page's `images` paths (bound after the filter's values); when both lists are
/// empty, one row holds it alone.
fn article_page_lists_statement(
    backend: Backend,
    filter: &ArticleFilter,
    images: usize,
) -> (String, Vec<Bind>) {
    let (lists, binds) = article_lists_statement(filter);
    let images_sql = if images == 0 {
        "'[]'".to_owned()
    } else {
        let paths = placeholders(4 + binds.len(), images);
        json::rows(
            backend,
            MEDIA_VALUES,
            &format!("FROM media m WHERE m.path IN ({paths})"),
            "m.id",
        )
    };
    let authors = json::rows(
        backend,
        "au.slug, au.name",
        "FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
         WHERE aa.article_id = x.id",
        "aa.position",
    );
    let card_image =
        json::rows(backend, MEDIA_VALUES, "FROM media m WHERE m.path = x.image_src", "m.id");
    let sql = format!(
        "SELECT page.images, x.*, {authors} AS authors, {card_image} AS card_image \
         FROM (SELECT {images_sql} AS images) page LEFT JOIN ({lists}) x ON 1 = 1 \
         ORDER BY x.list, x.list_score DESC, x.list_at DESC, x.id DESC"
    );
    (sql, binds)
}

pub(super) type AnyQuery<'q> = Query<'q, Any, AnyArguments<'q>>;

/// A value `bind_all` can bind: an id, or a filter's [`Bind`].
pub(super) trait Bindable {
    fn bind_to<'q>(&self, query: AnyQuery<'q>) -> AnyQuery<'q>;
}

impl Bindable for i64 {
    fn bind_to<'q>(&self, query: AnyQuery<'q>) -> AnyQuery<'q> {
        query.bind(*self)
    }
}

impl Bindable for Bind {
    fn bind_to<'q>(&self, query: AnyQuery<'q>) -> AnyQuery<'q> {
        match self {
            Bind::Int(n) => query.bind(*n),
            Bind::Text(text) => query.bind(text.clone()),
        }
    }
}

pub(super) fn bind_all<'q, B: Bindable>(mut query: AnyQuery<'q>, values: &[B]) -> AnyQuery<'q> {
    for value in values {
        query = value.bind_to(query);
    }
    query
}

impl SqlStore {
    /// Fills in the authors of a list of summaries with one query, whatever the list's length.
    async fn with_authors(
        &self,
        mut summaries: Vec<ArticleSummary>,
    ) -> Result<Vec<ArticleSummary>> {
        if summaries.is_empty() {
            return Ok(summaries);
        }
        let ids: Vec<i64> = summaries.iter().map(|s| s.id.0).collect();
        let sql = format!(
            "SELECT aa.article_id, au.slug, au.name FROM article_authors aa \
             JOIN authors au ON au.id = aa.author_id \
             WHERE aa.article_id IN ({}) ORDER BY aa.article_id, aa.position",
            placeholders(1, ids.len())
        );
        let rows = bind_all(sqlx::query(&sql), &ids).fetch_all(&self.read).await?;
        let mut by_article: HashMap<i64, Vec<NamedRef>> = HashMap::new();
        for row in &rows {
            by_article
                .entry(row.try_get("article_id")?)
                .or_default()
                .push(rows::named(row, "slug", "name")?);
        }
        for summary in &mut summaries {
            summary.authors = by_article.remove(&summary.id.0).unwrap_or_default();
        }
        Ok(summaries)
    }

    pub(super) async fn summaries(&self, rows: &[AnyRow]) -> Result<Vec<ArticleSummary>> {
        let summaries = rows.iter().map(rows::summary).collect::<Result<Vec<_>>>()?;
        self.with_authors(summaries).await
    }
}

impl SqlStore {
    pub async fn count_articles(&self) -> Result<u64> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM articles").fetch_one(&self.read).await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    pub async fn list_articles(
        &self,
        filter: &ArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<ArticleSummary>> {
        let (count_sql, list_sql, binds) = list_statements(filter);
        let total: i64 =
            bind_all(sqlx::query(&count_sql), &binds).fetch_one(&self.read).await?.try_get(0)?;
        let rows = bind_all(sqlx::query(&list_sql), &binds)
            .bind(i64::from(page.size))
            .bind(page.offset())
            .fetch_all(&self.read)
            .await?;
        Ok(Paged {
            items: self.summaries(&rows).await?,
            page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    pub async fn latest_articles(
        &self,
        filter: &ArticleFilter,
        limit: u32,
    ) -> Result<Vec<ArticleSummary>> {
        let (sql, binds) = latest_statement(filter);
        let rows = bind_all(sqlx::query(&sql), &binds)
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        self.summaries(&rows).await
    }

    /// The newest `limit` published articles of each of `sections` (each with the sections
    /// under it), in `language` only when given, in one round trip: the home page's blocks.
    pub async fn latest_in_sections(
        &self,
        sections: &[SectionId],
        language: Option<String>,
        limit: u32,
    ) -> Result<Vec<(SectionId, Vec<ArticleSummary>)>> {
        if sections.is_empty() {
            return Ok(Vec::new());
        }
        let (sql, binds) = sections_statement(sections, language);
        let rows = bind_all(sqlx::query(&sql).bind(i64::from(limit)), &binds)
            .fetch_all(&self.read)
            .await?;
        let summaries = self.summaries(&rows).await?;
        let mut blocks: Vec<(SectionId, Vec<ArticleSummary>)> =
            sections.iter().map(|s| (*s, Vec::new())).collect();
        for (row, summary) in rows.iter().zip(summaries) {
            let block = SectionId(row.try_get("block")?);
            if let Some((_, list)) = blocks.iter_mut().find(|(s, _)| *s == block) {
                list.push(summary);
            }
        }
        Ok(blocks)
    }

    /// A published article as the public sees it (never a partner-only one).
    pub async fn published_article(&self, slug: &str) -> Result<Option<Article>> {
        self.published_article_for(slug, Audience::Public).await
    }

    /// A published article, if `audience` may read it: one statement.
    pub async fn published_article_for(
        &self,
        slug: &str,
        audience: Audience,
    ) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {} FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE a.slug = $1 AND a.status = 'published'{}",
            article_columns(self.backend),
            audience_clause(audience)
        );
        let row = sqlx::query(&sql).bind(slug).fetch_optional(&self.read).await?;
        row.as_ref().map(full_article).transpose()
    }

    /// A published public article with what its page shows below it (its approved comments,
    /// oldest first, and its versions in other languages), in one statement.
    pub async fn article_page(&self, slug: &str) -> Result<Option<ArticlePage>> {
        let sql = article_page_statement(self.backend);
        let Some(row) = sqlx::query(&sql).bind(slug).fetch_optional(&self.read).await? else {
            return Ok(None);
        };
        let article = full_article(&row)?;
        let id = article.summary.id;
        let comments = json::list::<CommentJson>(&row, "comments")?
            .into_iter()
            .map(|c| Comment {
                id: CommentId(c.0),
                article: id,
                parent: c.1.map(CommentId),
                name: c.2,
                website: c.3,
                text: c.4,
                status: CommentStatus::Approved,
                created_at: from_unix(c.5),
            })
            .collect();
        let translations = translations_from(&row)?;
        Ok(Some(ArticlePage { article, comments, translations }))
    }

    /// An article by id whatever its status, as the API would show it were it published: what
    /// a webhook's payload carries (an unpublished article's too).
    pub async fn article_by_id(&self, id: ArticleId) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {} FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = $1",
            article_columns(self.backend)
        );
        let row = sqlx::query(&sql).bind(id.0).fetch_optional(&self.read).await?;
        row.as_ref().map(full_article).transpose()
    }

    /// An article as its page would show it with `text` (rendered, not yet saved) as its
    /// text, for previews of drafts and pending versions: its section, authors and tags are
    /// looked up by slug (tags that do not exist yet are named by `tag_names`; an unknown
    /// section or author shows no name), its dates, status and notes are the stored
    /// article's (`id`), or `now` for one not saved yet.
    pub async fn preview_article(
        &self,
        id: Option<ArticleId>,
        text: &CheckedArticle,
        tag_names: &[(Slug, String)],
        now: OffsetDateTime,
    ) -> Result<Article> {
        let input = &text.input;
        let stored = match id {
            Some(id) => {
                sqlx::query(
                    "SELECT status, published_at, created_at, updated_at, shown_updated_at \
                     FROM articles WHERE id = $1",
                )
                .bind(id.0)
                .fetch_optional(&self.read)
                .await?
            }
            None => None,
        };
        let at = |column: &str| -> Result<Option<OffsetDateTime>> {
            let value = match &stored {
                Some(row) => row.try_get::<Option<i64>, _>(column)?,
                None => None,
            };
            Ok(value.map(from_unix))
        };
        let status = match &stored {
            Some(row) => ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
            None => ArticleStatus::Draft,
        };
        let section_name: Option<String> =
            sqlx::query_scalar("SELECT name FROM sections WHERE slug = $1")
                .bind(input.section.as_str())
                .fetch_optional(&self.read)
                .await?;
        let mut authors = Vec::new();
        if !input.authors.is_empty() {
            let slugs: Vec<String> = input.authors.iter().map(ToString::to_string).collect();
            let rows = bind_all(
                sqlx::query(&format!(
                    "SELECT {AUTHOR_COLUMNS} FROM authors au WHERE au.slug IN ({})",
                    placeholders(1, slugs.len())
                )),
                &slugs.into_iter().map(Bind::Text).collect::<Vec<_>>(),
            )
            .fetch_all(&self.read)
            .await?;
            let found = rows.iter().map(rows::author).collect::<Result<Vec<_>>>()?;
            // In the byline's order.
            authors = input
                .authors
                .iter()
                .filter_map(|slug| found.iter().find(|a| &a.slug == slug).cloned())
                .collect();
        }
        let known = self.tags().await?;
        let tags = input
            .tags
            .iter()
            .map(|slug| NamedRef {
                slug: slug.clone(),
                name: known
                    .iter()
                    .find(|t| &t.slug == slug)
                    .map(|t| t.name.clone())
                    .or_else(|| tag_names.iter().find(|(s, _)| s == slug).map(|(_, n)| n.clone()))
                    .unwrap_or_else(|| slug.to_string()),
            })
            .collect();
        let updated_at = at("updated_at")?.unwrap_or(now);
        let summary = ArticleSummary {
            id: id.unwrap_or(ArticleId(0)),
            slug: input.slug.clone(),
            headline: input.headline.clone(),
            standfirst: input.standfirst.clone(),
            language: input.language.clone(),
            published_at: at("published_at")?.unwrap_or(now),
            updated_at,
            section: NamedRef {
                slug: input.section.clone(),
                name: section_name.unwrap_or_default(),
            },
            authors: authors
                .iter()
                .map(|a| NamedRef { slug: a.slug.clone(), name: a.name.clone() })
                .collect(),
            featured_image: input.featured_image.clone(),
            partner_only: input.partner_only,
        };
        Ok(Article {
            status,
            body_html: text.body_html.clone(),
            word_count: text.word_count,
            created_at: at("created_at")?.unwrap_or(now),
            shown_updated_at: at("shown_updated_at")?,
            search_and_social: Default::default(),
            notes: match id {
                Some(id) => self.article_notes(id).await?,
                None => Vec::new(),
            },
            summary,
            tags,
            authors,
        })
    }

    pub async fn sitemap_articles(
        &self,
        since: Option<OffsetDateTime>,
        offset: u64,
        limit: u32,
    ) -> Result<Vec<SitemapArticle>> {
        let rows = sqlx::query(
            "SELECT id, slug, headline, language, published_at, updated_at FROM articles \
             WHERE status = 'published' AND partner_only = 0 AND published_at >= $1 \
             ORDER BY published_at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(since.map_or(i64::MIN, to_unix))
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(SitemapArticle {
                    id: ArticleId(row.try_get("id")?),
                    slug: rows::slug(row, "slug")?,
                    headline: row.try_get("headline")?,
                    language: row.try_get("language")?,
                    published_at: from_unix(row.try_get("published_at")?),
                    updated_at: from_unix(row.try_get("updated_at")?),
                })
            })
            .collect()
    }

    /// Every published, public article that belongs to a translated story, with the id of
    /// the story's original (its group): what sitemaps need for their `hreflang` alternates.
    pub async fn translation_groups(&self) -> Result<Vec<(ArticleId, String, Slug)>> {
        let rows = sqlx::query(
            "SELECT a.language, a.slug, COALESCE(a.translation_of, a.id) AS root FROM articles a \
             WHERE a.status = 'published' AND a.partner_only = 0 \
             AND (a.translation_of IS NOT NULL OR EXISTS (SELECT 1 FROM articles t \
                  WHERE t.translation_of = a.id AND t.status = 'published' AND t.partner_only = 0)) \
             ORDER BY root, a.language",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    ArticleId(row.try_get("root")?),
                    row.try_get("language")?,
                    rows::slug(row, "slug")?,
                ))
            })
            .collect()
    }

    pub async fn count_published(&self) -> Result<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM articles WHERE status = 'published' AND partner_only = 0",
        )
        .fetch_one(&self.read)
        .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    pub async fn feed_entries(&self, filter: &ArticleFilter, limit: u32) -> Result<Vec<FeedEntry>> {
        let (sql, binds) = feed_statement(filter);
        let rows = bind_all(sqlx::query(&sql), &binds)
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        let summaries = self.summaries(&rows).await?;
        let ids: Vec<i64> = summaries.iter().map(|s| s.id.0).collect();
        let mut tags: HashMap<i64, Vec<NamedRef>> = HashMap::new();
        if !ids.is_empty() {
            let tag_sql = format!(
                "SELECT at.article_id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id \
                 WHERE at.article_id IN ({}) ORDER BY t.name",
                placeholders(1, ids.len())
            );
            for row in bind_all(sqlx::query(&tag_sql), &ids).fetch_all(&self.read).await? {
                tags.entry(row.try_get("article_id")?)
                    .or_default()
                    .push(rows::named(&row, "slug", "name")?);
            }
        }
        summaries
            .into_iter()
            .zip(&rows)
            .map(|(summary, row)| {
                Ok(FeedEntry {
                    tags: tags.remove(&summary.id.0).unwrap_or_default(),
                    body_html: row.try_get("body_html")?,
                    summary,
                })
            })
            .collect()
    }

    pub async fn related_articles(&self, id: ArticleId) -> Result<Vec<ArticleSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM related_articles r \
             JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id \
             WHERE r.article_id = $1 AND a.status = 'published' AND a.partner_only = 0 \
             ORDER BY r.score DESC, a.id DESC LIMIT $2"
        );
        let rows =
            sqlx::query(&sql).bind(id.0).bind(MAX_RELATED as i64).fetch_all(&self.read).await?;
        self.summaries(&rows).await
    }

    /// The two lists under an article, in one round trip: its `related` best related
    /// articles ("You May Also Like"), and the `limit` newest of the list `filter` selects
    /// ("More From Author"), leaving out any the first list shows, so no article appears in
    /// both: the second list reads that many more to fill up to `limit` without them.
    /// An article page's lists and images, in one statement: "You May Also Like" (`related`
    /// cards, best first) and "More From Author" (the filter's newest `limit`, those already
    /// related left out), each card with its byline, and the media library's records of the
    /// cards' images and of `images` (the article's own).
    pub async fn article_lists(
        &self,
        id: ArticleId,
        filter: &ArticleFilter,
        related: u32,
        limit: u32,
        images: &[&str],
    ) -> Result<ArticleLists> {
        let related = related.min(MAX_RELATED as u32);
        let (sql, binds) = article_page_lists_statement(self.backend, filter, images.len());
        let more_limit = if limit == 0 { 0 } else { limit + related };
        let query =
            sqlx::query(&sql).bind(id.0).bind(i64::from(related)).bind(i64::from(more_limit));
        let mut query = bind_all(query, &binds);
        for path in images {
            query = query.bind(*path);
        }
        let rows = query.fetch_all(&self.read).await?;
        let mut found = ArticleLists::default();
        let mut media: Vec<MediaJson> = match rows.first() {
            Some(row) => json::list(row, "images")?,
            None => Vec::new(),
        };
        for row in &rows {
            let Some(list) = row.try_get::<Option<i64>, _>("list")? else { continue };
            let mut summary = rows::summary(row)?;
            summary.authors = json::list::<(String, String)>(row, "authors")?
                .into_iter()
                .map(|(slug, name)| Ok(NamedRef { slug: Slug::parse(&slug)?, name }))
                .collect::<Result<_>>()?;
            media.extend(json::list::<MediaJson>(row, "card_image")?);
            if list == 1 {
                found.related.push(summary);
            } else {
                found.more.push(summary);
            }
        }
        found.more.retain(|m| found.related.iter().all(|r| r.id != m.id));
        found.more.truncate(limit as usize);
        found.media = media.into_iter().map(MediaItem::from).collect();
        found.media.sort_by(|a, b| a.path.cmp(&b.path));
        found.media.dedup_by(|a, b| a.path == b.path);
        Ok(found)
    }

    pub async fn article_state(&self, slug: &str) -> Result<Option<(ArticleId, ArticleStatus)>> {
        let row = sqlx::query("SELECT id, status FROM articles WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.write)
            .await?;
        row.map(|r| {
            let status = ArticleStatus::parse(&r.try_get::<String, _>("status")?)?;
            Ok((ArticleId(r.try_get("id")?), status))
        })
        .transpose()
    }

    pub async fn placement(&self, id: ArticleId) -> Result<Option<Placement>> {
        // One round trip: the article's own row (only when public), the sections it is listed
        // in (its own and those above it), its tags and its authors.
        let rows = sqlx::query(
            "WITH RECURSIVE up(id) AS ( \
                 SELECT section_id FROM articles \
                 WHERE id = $1 AND status = 'published' AND partner_only = 0 \
                 UNION SELECT s.parent_id FROM sections s JOIN up ON s.id = up.id \
                 WHERE s.parent_id IS NOT NULL) \
             SELECT 'article' AS kind, CAST(0 AS BIGINT) AS ref, published_at AS at \
             FROM articles WHERE id = $1 AND status = 'published' AND partner_only = 0 \
             UNION ALL SELECT 'section', id, 0 FROM up \
             UNION ALL SELECT 'tag', tag_id, 0 FROM article_tags WHERE article_id = $1 \
             UNION ALL SELECT 'author', author_id, 0 FROM article_authors WHERE article_id = $1",
        )
        .bind(id.0)
        .fetch_all(&self.write)
        .await?;
        let mut published_at = None;
        let (mut sections, mut tags, mut authors) = (Vec::new(), Vec::new(), Vec::new());
        for row in &rows {
            let reference: i64 = row.try_get("ref")?;
            match row.try_get::<String, _>("kind")?.as_str() {
                "article" => published_at = Some(from_unix(row.try_get("at")?)),
                "section" => sections.push(SectionId(reference)),
                "tag" => tags.push(TagId(reference)),
                _ => authors.push(AuthorId(reference)),
            }
        }
        sections.sort_unstable();
        tags.sort_unstable();
        authors.sort_unstable();
        Ok(published_at.map(|published_at| Placement { published_at, sections, tags, authors }))
    }

    /// The published, public versions of an article in other languages: its original and
    /// the original's other translations, or, for an original, its translations.
    pub async fn translations(&self, id: ArticleId) -> Result<Vec<crate::Translation>> {
        let sql = format!(
            "SELECT {} AS translations FROM articles a WHERE a.id = $1",
            translations_list(self.backend)
        );
        match sqlx::query(&sql).bind(id.0).fetch_optional(&self.read).await? {
            Some(row) => translations_from(&row),
            None => Ok(Vec::new()),
        }
    }

    /// The articles whose pages show `id` among their "You May Also Like" cards: those whose
    /// related list ranks it within the number of cards the site shows (the list keeps more).
    pub async fn listed_as_related(&self, id: ArticleId) -> Result<Vec<ArticleId>> {
        // An entry's rank is the number of entries of its list that come before it in the
        // order article pages read them (score, then the newer id).
        let rows = sqlx::query(&format!(
            "SELECT r.article_id FROM related_articles r WHERE r.related_id = $1 \
             AND (SELECT COUNT(*) FROM related_articles b WHERE b.article_id = r.article_id \
                  AND (b.score > r.score OR (b.score = r.score AND b.related_id > r.related_id))) \
             < COALESCE((SELECT CAST(value AS BIGINT) FROM settings WHERE key = '{RELATED_COUNT_KEY}'), $2)"
        ))
        .bind(id.0)
        .bind(i64::from(lede_core::presentation::DEFAULT_RELATED_COUNT))
        .fetch_all(&self.write)
        .await?;
        rows.iter().map(|row| Ok(ArticleId(row.try_get("article_id")?))).collect()
    }
}

#[cfg(feature = "test-support")]
impl SqlStore {
    /// The database's plans for the statements that read the list `filter` selects, by name,
    /// one line per step as [`SqlStore::front_page_plan`] gives them: `count` and `page`
    /// ([`SqlStore::list_articles`]), `latest`, `feed`, `more` (the second list of
    /// [`SqlStore::article_lists`]) and `sections` (the home page's blocks of `sections`, in
    /// the filter's language). Tests read them to prove that no list walks the archive.
    pub async fn list_plans(
        &self,
        filter: &ArticleFilter,
        sections: &[SectionId],
    ) -> Result<Vec<(&'static str, Vec<String>)>> {
        let (count, page, binds) = list_statements(filter);
        let (latest, _) = latest_statement(filter);
        let (feed, _) = feed_statement(filter);
        let (more, _) = article_page_lists_statement(self.backend, filter, 0);
        let (blocks, block_binds) = sections_statement(sections, filter.language.clone());
        Ok(vec![
            ("count", self.plan(&count, &[], &binds, &[]).await?),
            ("page", self.plan(&page, &[], &binds, &[20, 0]).await?),
            ("latest", self.plan(&latest, &[], &binds, &[12]).await?),
            ("feed", self.plan(&feed, &[], &binds, &[20]).await?),
            ("more", self.plan(&more, &[0, 4, 8], &binds, &[]).await?),
            ("sections", self.plan(&blocks, &[4], &block_binds, &[]).await?),
        ])
    }

    /// The database's plan for [`SqlStore::article_page`]'s statement, as
    /// [`SqlStore::list_plans`] gives them.
    pub async fn article_page_plan(&self, slug: &str) -> Result<Vec<String>> {
        let sql = article_page_statement(self.backend);
        self.plan(&sql, &[], &[Bind::Text(slug.to_owned())], &[]).await
    }

    /// The plan of `sql` with `before`, `binds` and `after` bound in that order.
    async fn plan(
        &self,
        sql: &str,
        before: &[i64],
        binds: &[Bind],
        after: &[i64],
    ) -> Result<Vec<String>> {
        let (explain, column) = match self.backend {
            super::Backend::Sqlite => ("EXPLAIN QUERY PLAN ", "detail"),
            super::Backend::Postgres => ("EXPLAIN ", "QUERY PLAN"),
        };
        let sql = format!("{explain}{sql}");
        let query = bind_all(bind_all(sqlx::query(&sql), before), binds);
        let rows = bind_all(query, after).fetch_all(&self.read).await?;
        rows.iter().map(|row| Ok(row.try_get::<String, _>(column)?)).collect()
    }
}
