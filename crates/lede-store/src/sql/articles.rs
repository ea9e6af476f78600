//! Articles: the reader's lists and pages, saving, publishing and related lists.

use super::rows::{self, AUTHOR_COLUMNS, SUMMARY_COLUMNS, from_unix, to_unix};
use super::{SqlStore, placeholders};
use crate::SaveContext;
use crate::{
    ArticleFilter, ArticleStore, Audience, Error, FeedEntry, PageRequest, Paged, Placement, Result,
    SitemapArticle,
};
use async_trait::async_trait;
use lede_core::content::*;
use lede_core::related::{self, Candidate, MAX_RELATED};
use lede_core::{Invalid, Slug};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Any, Row, Transaction, query::Query};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Articles' public address; redirects for changed slugs are recorded under it.
pub fn article_path(slug: &Slug) -> String {
    format!("/articles/{slug}")
}

/// The condition that keeps partner-only articles from an audience that may not read them.
fn audience_clause(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => " AND a.partner_only = 0",
        Audience::Partner => "",
    }
}

/// The `WHERE` clause for a filter, and the values it binds (all of them ids or times).
pub(super) fn filter_clause(filter: &ArticleFilter) -> (String, Vec<i64>) {
    filter_clause_from(filter, 1)
}

/// [`filter_clause`] with its placeholders numbered from `first` (when other values come
/// before it in the query).
pub(super) fn filter_clause_from(filter: &ArticleFilter, first: usize) -> (String, Vec<i64>) {
    clause(filter, first, false)
}

/// [`filter_clause_from`] for a query that reads the newest few articles of a section: the
/// section test is written `+a.section_id` so that SQLite walks the articles by date and
/// checks each one's section, stopping after a dozen, instead of taking the section's index
/// and sorting the whole section (40 ms a section at 100,000 articles). PostgreSQL reads a
/// unary plus as the same value.
pub(super) fn newest_first_clause_from(filter: &ArticleFilter, first: usize) -> (String, Vec<i64>) {
    clause(filter, first, true)
}

fn clause(filter: &ArticleFilter, first: usize, by_date: bool) -> (String, Vec<i64>) {
    let mut sql = String::from("a.status = 'published'");
    sql.push_str(audience_clause(filter.audience));
    let mut binds = Vec::new();
    let mut push = |condition: &str, value: i64| {
        binds.push(value);
        sql.push_str(" AND ");
        sql.push_str(&condition.replace("$?", &format!("${}", first + binds.len() - 1)));
    };
    if let Some(section) = filter.section {
        let column = if by_date {
            "+a.section_id"
        } else {
            "a.section_id"
        };
        push(
            &format!(
                "{column} IN (WITH RECURSIVE tree(id) AS (SELECT CAST($? AS BIGINT) \
                 UNION SELECT s2.id FROM sections s2 JOIN tree ON s2.parent_id = tree.id) \
                 SELECT id FROM tree)"
            ),
            section.0,
        );
    }
    if let Some(tag) = filter.tag {
        push(
            "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_id = $?)",
            tag.0,
        );
    }
    if let Some(author) = filter.author {
        push(
            "EXISTS (SELECT 1 FROM article_authors x WHERE x.article_id = a.id AND x.author_id = $?)",
            author.0,
        );
    }
    if let Some(from) = filter.from {
        push("a.published_at >= $?", to_unix(from));
    }
    if let Some(until) = filter.until {
        push("a.published_at < $?", to_unix(until));
    }
    if let Some(exclude) = filter.exclude {
        push("a.id <> $?", exclude.0);
    }
    (sql, binds)
}

pub(super) fn bind_all<'q>(
    mut query: Query<'q, Any, AnyArguments<'q>>,
    values: &[i64],
) -> Query<'q, Any, AnyArguments<'q>> {
    for value in values {
        query = query.bind(*value);
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
        let rows = bind_all(sqlx::query(&sql), &ids)
            .fetch_all(&self.read)
            .await?;
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

/// Looks up the ids of slugs in a table, refusing any that does not exist.
async fn ids_for_slugs(
    tx: &mut Transaction<'_, Any>,
    table: &'static str,
    field: &'static str,
    slugs: &[Slug],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(slugs.len());
    for slug in slugs {
        let id: Option<i64> =
            sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE slug = $1"))
                .bind(slug.as_str())
                .fetch_optional(&mut **tx)
                .await?;
        let id = id.ok_or_else(|| Invalid::new(field, format!("There is no {field} {slug:?}.")))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

#[async_trait]
impl ArticleStore for SqlStore {
    async fn count_articles(&self) -> Result<u64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles")
            .fetch_one(&self.read)
            .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn list_articles(
        &self,
        filter: &ArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<ArticleSummary>> {
        let (clause, binds) = filter_clause(filter);
        let count_sql = format!("SELECT COUNT(*) FROM articles a WHERE {clause}");
        let total: i64 = bind_all(sqlx::query(&count_sql), &binds)
            .fetch_one(&self.read)
            .await?
            .try_get(0)?;
        let n = binds.len();
        let (clause, _) = newest_first_clause_from(filter, 1);
        let list_sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
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

    async fn latest_articles(
        &self,
        filter: &ArticleFilter,
        limit: u32,
    ) -> Result<Vec<ArticleSummary>> {
        let (clause, binds) = newest_first_clause_from(filter, 1);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${}",
            binds.len() + 1
        );
        let rows = bind_all(sqlx::query(&sql), &binds)
            .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        self.summaries(&rows).await
    }

    async fn latest_in_sections(
        &self,
        sections: &[SectionId],
        limit: u32,
    ) -> Result<Vec<(SectionId, Vec<ArticleSummary>)>> {
        if sections.is_empty() {
            return Ok(Vec::new());
        }
        // One limited, index-ordered SELECT per section, glued with UNION ALL: a window
        // function over every article would sort the whole archive for a dozen rows.
        let mut parts = Vec::with_capacity(sections.len());
        let mut binds = Vec::with_capacity(sections.len() * 2);
        for section in sections {
            let filter = ArticleFilter {
                section: Some(*section),
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
            binds.push(section.0);
        }
        let sql = parts.join(" UNION ALL ");
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

    async fn published_article_for(
        &self,
        slug: &str,
        audience: Audience,
    ) -> Result<Option<Article>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, a.status, a.body_html, a.word_count, a.created_at \
             FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE a.slug = $1 AND a.status = 'published'{}",
            audience_clause(audience)
        );
        let Some(row) = sqlx::query(&sql)
            .bind(slug)
            .fetch_optional(&self.read)
            .await?
        else {
            return Ok(None);
        };
        let mut summary = rows::summary(&row)?;
        let author_rows = sqlx::query(&format!(
            "SELECT {AUTHOR_COLUMNS} FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
             WHERE aa.article_id = $1 ORDER BY aa.position"
        ))
        .bind(summary.id.0)
        .fetch_all(&self.read)
        .await?;
        let authors = author_rows
            .iter()
            .map(rows::author)
            .collect::<Result<Vec<_>>>()?;
        summary.authors = authors
            .iter()
            .map(|a| NamedRef {
                slug: a.slug.clone(),
                name: a.name.clone(),
            })
            .collect();
        let tag_rows = sqlx::query(
            "SELECT t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id \
             WHERE at.article_id = $1 ORDER BY t.name",
        )
        .bind(summary.id.0)
        .fetch_all(&self.read)
        .await?;
        let tags = tag_rows
            .iter()
            .map(|r| rows::named(r, "slug", "name"))
            .collect::<Result<_>>()?;
        Ok(Some(Article {
            status: ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
            body_html: row.try_get("body_html")?,
            word_count: u32::try_from(row.try_get::<i64, _>("word_count")?).unwrap_or(0),
            created_at: from_unix(row.try_get("created_at")?),
            summary,
            tags,
            authors,
        }))
    }

    async fn sitemap_articles(
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

    async fn count_published(&self) -> Result<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM articles WHERE status = 'published' AND partner_only = 0",
        )
        .fetch_one(&self.read)
        .await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn feed_entries(&self, filter: &ArticleFilter, limit: u32) -> Result<Vec<FeedEntry>> {
        let (clause, binds) = filter_clause(filter);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, a.body_html FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT ${}",
            binds.len() + 1
        );
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
            for row in bind_all(sqlx::query(&tag_sql), &ids)
                .fetch_all(&self.read)
                .await?
            {
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

    async fn related_articles(&self, id: ArticleId) -> Result<Vec<ArticleSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM related_articles r \
             JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id \
             WHERE r.article_id = $1 AND a.status = 'published' AND a.partner_only = 0 \
             ORDER BY r.score DESC, a.id DESC LIMIT $2"
        );
        let rows = sqlx::query(&sql)
            .bind(id.0)
            .bind(MAX_RELATED as i64)
            .fetch_all(&self.read)
            .await?;
        self.summaries(&rows).await
    }

    async fn article_lists(
        &self,
        id: ArticleId,
        filter: &ArticleFilter,
        limit: u32,
    ) -> Result<(Vec<ArticleSummary>, Vec<ArticleSummary>)> {
        let (clause, binds) = newest_first_clause_from(filter, 4);
        let sql = format!(
            "SELECT * FROM (SELECT 1 AS list, {SUMMARY_COLUMNS} FROM related_articles r \
               JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id \
               WHERE r.article_id = $1 AND a.status = 'published' AND a.partner_only = 0 \
               ORDER BY r.score DESC, a.id DESC LIMIT $2) AS related \
             UNION ALL \
             SELECT * FROM (SELECT 2 AS list, {SUMMARY_COLUMNS} FROM articles a \
               JOIN sections s ON s.id = a.section_id WHERE {clause} \
               ORDER BY a.published_at DESC, a.id DESC LIMIT $3) AS more"
        );
        let query = sqlx::query(&sql)
            .bind(id.0)
            .bind(MAX_RELATED as i64)
            .bind(i64::from(limit));
        let rows = bind_all(query, &binds).fetch_all(&self.read).await?;
        let summaries = self.summaries(&rows).await?;
        let (mut related, mut more) = (Vec::new(), Vec::new());
        for (row, summary) in rows.iter().zip(summaries) {
            if row.try_get::<i64, _>("list")? == 1 {
                related.push(summary);
            } else {
                more.push(summary);
            }
        }
        Ok((related, more))
    }

    async fn article_state(&self, slug: &str) -> Result<Option<(ArticleId, ArticleStatus)>> {
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

    async fn save_article(
        &self,
        id: Option<ArticleId>,
        article: &CheckedArticle,
        signature: &str,
        now: OffsetDateTime,
        context: SaveContext,
    ) -> Result<ArticleId> {
        let input = &article.input;
        let image = input.featured_image.clone().unwrap_or_default();
        let mut tx = self.write.begin().await?;
        let section = ids_for_slugs(
            &mut tx,
            "sections",
            "section",
            std::slice::from_ref(&input.section),
        )
        .await?[0];
        let authors = ids_for_slugs(&mut tx, "authors", "author", &input.authors).await?;
        let tags = ids_for_slugs(&mut tx, "tags", "tag", &input.tags).await?;
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM articles WHERE slug = $1 AND id <> $2")
                .bind(input.slug.as_str())
                .bind(id.map_or(-1, |i| i.0))
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            return Err(Invalid::new(
                "slug",
                format!(
                    "Another article already uses the slug “{}”; choose another.",
                    input.slug
                ),
            )
            .into());
        }
        let (sql, existing) = match id {
            None => (
                "INSERT INTO articles (slug, headline, standfirst, body_markdown, body_html, \
                 word_count, language, section_id, image_src, image_alt, image_caption, \
                 image_credit, signature, created_at, updated_at, status, body_text, partner_only) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, 'draft', $15, $16) \
                 RETURNING id",
                None,
            ),
            Some(id) => {
                let old: Option<(String, String)> =
                    sqlx::query_as("SELECT slug, status FROM articles WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *tx)
                        .await?;
                let (old_slug, status) = old.ok_or(Error::NotFound("article"))?;
                if old_slug != input.slug.as_str() && status == "published" {
                    let from = article_path(&Slug::parse(&old_slug)?);
                    record_redirect(&mut tx, &from, &article_path(&input.slug)).await?;
                }
                (
                    "UPDATE articles SET slug = $1, headline = $2, standfirst = $3, \
                     body_markdown = $4, body_html = $5, word_count = $6, language = $7, \
                     section_id = $8, image_src = $9, image_alt = $10, image_caption = $11, \
                     image_credit = $12, signature = $13, updated_at = $14, body_text = $15, \
                     partner_only = $16, version = version + 1 \
                     WHERE id = $17 AND ($18 < 0 OR version = $18) RETURNING id",
                    Some(id.0),
                )
            }
        };
        let image_src = input.featured_image.as_ref().map(|i| i.src.as_str());
        let mut query = sqlx::query_scalar::<_, i64>(sql)
            .bind(input.slug.as_str())
            .bind(input.headline.as_str())
            .bind(input.standfirst.as_str())
            .bind(input.body_markdown.as_str())
            .bind(article.body_html.as_str())
            .bind(i64::from(article.word_count))
            .bind(input.language.as_str())
            .bind(section)
            .bind(image_src)
            .bind(image.alt.as_str())
            .bind(image.caption.as_str())
            .bind(image.credit.as_str())
            .bind(signature)
            .bind(to_unix(now))
            .bind(article.body_text.as_str())
            .bind(i64::from(input.partner_only));
        if let Some(existing) = existing {
            query = query
                .bind(existing)
                .bind(context.expected_version.unwrap_or(-1));
        }
        let id = query.fetch_optional(&mut *tx).await?.ok_or_else(|| {
            Error::Conflict(
                "Someone else saved this article after you opened it. Your text is kept below: \
                 compare it with the latest version before saving again."
                    .to_owned(),
            )
        })?;
        sqlx::query(
            "INSERT INTO revisions (article_id, version, saved_at, saved_by, headline, standfirst, body_markdown) \
             SELECT id, version, $2, $3, headline, standfirst, body_markdown FROM articles WHERE id = $1",
        )
        .bind(id)
        .bind(to_unix(now))
        .bind(context.saved_by.map(|u| u.0))
        .execute(&mut *tx)
        .await?;
        if input.partner_only {
            // Reader pages list related articles; a partner-only one must leave those lists.
            sqlx::query("DELETE FROM related_articles WHERE related_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM article_authors WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for (position, author) in authors.iter().enumerate() {
            sqlx::query(
                "INSERT INTO article_authors (article_id, author_id, position) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(*author)
            .bind(position as i64)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for tag in &tags {
            sqlx::query("INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*tag)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(ArticleId(id))
    }

    async fn set_article_status(
        &self,
        id: ArticleId,
        status: ArticleStatus,
        published_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE articles SET status = $1, published_at = COALESCE($2, published_at), \
             updated_at = $3 WHERE id = $4",
        )
        .bind(status.as_str())
        .bind(published_at.map(to_unix))
        .bind(to_unix(now))
        .bind(id.0)
        .execute(&self.write)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("article"));
        }
        if status != ArticleStatus::Published {
            sqlx::query("DELETE FROM related_articles WHERE related_id = $1")
                .bind(id.0)
                .execute(&self.write)
                .await?;
        }
        Ok(())
    }

    async fn related_candidates(&self) -> Result<Vec<Candidate>> {
        let rows = sqlx::query(
            "SELECT id, section_id, published_at, signature FROM articles \
             WHERE status = 'published' AND partner_only = 0 ORDER BY id",
        )
        .fetch_all(&self.read)
        .await?;
        let tag_rows = sqlx::query(
            "SELECT at.article_id, at.tag_id FROM article_tags at \
             JOIN articles a ON a.id = at.article_id \
             WHERE a.status = 'published' AND a.partner_only = 0",
        )
        .fetch_all(&self.read)
        .await?;
        let mut tags: HashMap<i64, Vec<TagId>> = HashMap::new();
        for row in &tag_rows {
            tags.entry(row.try_get("article_id")?)
                .or_default()
                .push(TagId(row.try_get("tag_id")?));
        }
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(Candidate {
                    id: ArticleId(id),
                    section: SectionId(row.try_get("section_id")?),
                    tags: tags.remove(&id).unwrap_or_default(),
                    published_at: from_unix(
                        row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                    ),
                    signature: related::decode(&row.try_get::<String, _>("signature")?),
                })
            })
            .collect()
    }

    async fn placement(&self, id: ArticleId) -> Result<Option<Placement>> {
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
        Ok(published_at.map(|published_at| Placement {
            published_at,
            sections,
            tags,
            authors,
        }))
    }

    async fn listed_as_related(&self, id: ArticleId) -> Result<Vec<ArticleId>> {
        let rows = sqlx::query("SELECT article_id FROM related_articles WHERE related_id = $1")
            .bind(id.0)
            .fetch_all(&self.write)
            .await?;
        rows.iter()
            .map(|row| Ok(ArticleId(row.try_get("article_id")?)))
            .collect()
    }

    async fn store_related(
        &self,
        id: ArticleId,
        list: &[(ArticleId, f64)],
        offers: &[(ArticleId, f64)],
    ) -> Result<()> {
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM related_articles WHERE article_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        let upsert = "INSERT INTO related_articles (article_id, related_id, score) VALUES ($1, $2, $3) \
                      ON CONFLICT (article_id, related_id) DO UPDATE SET score = excluded.score";
        for (related, score) in list {
            sqlx::query(upsert)
                .bind(id.0)
                .bind(related.0)
                .bind(*score)
                .execute(&mut *tx)
                .await?;
        }
        for (other, score) in offers {
            sqlx::query(upsert)
                .bind(other.0)
                .bind(id.0)
                .bind(*score)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM related_articles WHERE article_id = $1 AND related_id NOT IN \
                 (SELECT related_id FROM related_articles WHERE article_id = $1 \
                  ORDER BY score DESC, related_id DESC LIMIT $2)",
            )
            .bind(other.0)
            .bind(MAX_RELATED as i64)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Points `from` at `to`, and re-points older redirects that led to `from`, so chains of
/// renames answer in one hop. A redirect away from `to` itself is dropped (the slug is back).
pub async fn record_redirect(tx: &mut Transaction<'_, Any>, from: &str, to: &str) -> Result<()> {
    sqlx::query("DELETE FROM redirects WHERE from_path = $1")
        .bind(to)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE redirects SET to_path = $1 WHERE to_path = $2")
        .bind(to)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO redirects (from_path, to_path) VALUES ($1, $2) \
         ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path",
    )
    .bind(from)
    .bind(to)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
