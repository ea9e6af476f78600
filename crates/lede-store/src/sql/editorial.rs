//! What the newsroom reads: articles in every status, their revisions, and what is due to go
//! live.

use super::articles::bind_all;
use super::rows::{self, from_unix, to_unix};
use super::{SqlStore, placeholders};
use crate::{DeskFilter, DeskRow, DeskSort, EditableArticle, PageRequest, Paged, Result, Revision};
use lede_core::content::*;
use lede_core::presentation::Curation;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Row};
use std::collections::HashMap;
use time::OffsetDateTime;

/// Binds the desk filter's text values, then its ids, in the order its clause numbers them.
fn bind_desk<'q>(sql: &'q str, texts: &[String], ints: &[i64]) -> Query<'q, Any, AnyArguments<'q>> {
    let mut query = sqlx::query(sql);
    for text in texts {
        query = query.bind(text.clone());
    }
    bind_all(query, ints)
}

impl SqlStore {
    pub async fn editable_article(&self, id: ArticleId) -> Result<Option<EditableArticle>> {
        let row = sqlx::query(
            "SELECT a.slug, a.headline, a.standfirst, a.body_markdown, a.language, a.status, a.version, \
             a.published_at, a.updated_at, a.image_src, a.image_alt, a.image_caption, a.image_credit, \
             a.image_decorative, a.partner_only, a.trashed_at, \
             a.top_story, a.featured, a.seo_title, a.meta_description, a.social_image, \
             s.slug AS section_slug, o.slug AS original_slug FROM articles a \
             JOIN sections s ON s.id = a.section_id LEFT JOIN articles o ON o.id = a.translation_of \
             WHERE a.id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.write)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let authors = sqlx::query(
            "SELECT au.id, au.slug FROM article_authors x JOIN authors au ON au.id = x.author_id \
             WHERE x.article_id = $1 ORDER BY x.position",
        )
        .bind(id.0)
        .fetch_all(&self.write)
        .await?;
        let tags = sqlx::query(
            "SELECT t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = $1 ORDER BY t.slug",
        )
        .bind(id.0)
        .fetch_all(&self.write)
        .await?;
        let featured_image = rows::featured_image(&row)?;
        Ok(Some(EditableArticle {
            id,
            input: ArticleInput {
                slug: rows::slug(&row, "slug")?,
                headline: row.try_get("headline")?,
                standfirst: row.try_get("standfirst")?,
                body_markdown: row.try_get("body_markdown")?,
                language: row.try_get("language")?,
                section: rows::slug(&row, "section_slug")?,
                tags: tags.iter().map(|t| rows::slug(t, "slug")).collect::<Result<_>>()?,
                authors: authors.iter().map(|a| rows::slug(a, "slug")).collect::<Result<_>>()?,
                featured_image,
                partner_only: row.try_get::<i64, _>("partner_only")? != 0,
                translation_of: row
                    .try_get::<Option<String>, _>("original_slug")?
                    .map(|s| lede_core::Slug::parse(&s))
                    .transpose()?,
            },
            status: ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
            version: row.try_get("version")?,
            published_at: row.try_get::<Option<i64>, _>("published_at")?.map(from_unix),
            updated_at: from_unix(row.try_get("updated_at")?),
            author_ids: authors
                .iter()
                .map(|a| Ok(AuthorId(a.try_get("id")?)))
                .collect::<Result<_>>()?,
            notes: self.article_notes(id).await?,
            curation: Curation {
                top_story: row.try_get::<i64, _>("top_story")? != 0,
                featured: row.try_get::<i64, _>("featured")? != 0,
            },
            search_and_social: rows::search_and_social(&row)?,
            trashed_at: row.try_get::<Option<i64>, _>("trashed_at")?.map(from_unix),
        }))
    }

    pub async fn desk(&self, filter: &DeskFilter, page: PageRequest) -> Result<Paged<DeskRow>> {
        let mut conditions = vec![if filter.trash {
            "a.trashed_at IS NOT NULL".to_owned()
        } else {
            "a.trashed_at IS NULL".to_owned()
        }];
        let mut ints: Vec<i64> = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        // Text values come first ($1, $2), then the ids.
        if let Some(status) = filter.status {
            texts.push(status.as_str().to_owned());
            conditions.push(format!("a.status = ${}", texts.len()));
        }
        if let Some(words) = filter.headline.as_ref().filter(|w| !w.trim().is_empty()) {
            texts.push(format!("%{}%", words.trim().to_lowercase().replace(['%', '_'], "")));
            conditions.push(format!("LOWER(a.headline) LIKE ${}", texts.len()));
        }
        let mut next = texts.len();
        if let Some(section) = filter.section {
            ints.push(section.0);
            next += 1;
            conditions.push(format!("a.section_id = ${next}"));
        }
        if let Some(author) = filter.author {
            ints.push(author.0);
            next += 1;
            conditions.push(format!(
                "EXISTS (SELECT 1 FROM article_authors x WHERE x.article_id = a.id AND x.author_id = ${next})"
            ));
        }
        let clause = conditions.join(" AND ");
        let count_sql = format!("SELECT COUNT(*) FROM articles a WHERE {clause}");
        let total: i64 =
            bind_desk(&count_sql, &texts, &ints).fetch_one(&self.read).await?.try_get(0)?;
        let direction = if filter.ascending { "ASC" } else { "DESC" };
        let order = match filter.sort {
            DeskSort::Date if filter.trash => format!("a.trashed_at {direction}, a.id {direction}"),
            DeskSort::Date => format!("a.updated_at {direction}, a.id {direction}"),
            DeskSort::Headline => {
                format!("LOWER(a.headline) {direction}, a.updated_at DESC, a.id DESC")
            }
            DeskSort::Status => format!(
                "CASE a.status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 1 WHEN 'scheduled' THEN 2 \
                 WHEN 'published' THEN 3 ELSE 4 END {direction}, a.updated_at DESC, a.id DESC"
            ),
        };
        // One statement for the page's lines, their comment counts and their text (its words
        // are counted here); the authors' names come in one more.
        let list_sql = format!(
            "SELECT a.id, a.slug, a.headline, a.status, a.updated_at, a.published_at, a.language, \
             a.body_text, a.trashed_at, a.trashed_from, s.name AS section_name, \
             CAST(CASE WHEN EXISTS (SELECT 1 FROM pending_versions p WHERE p.article_id = a.id) \
             THEN 1 ELSE 0 END AS BIGINT) AS pending, \
             (SELECT COUNT(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved') \
             AS comments \
             FROM articles a JOIN sections s ON s.id = a.section_id WHERE {clause} \
             ORDER BY {order} LIMIT ${} OFFSET ${}",
            next + 1,
            next + 2
        );
        let rows = bind_desk(&list_sql, &texts, &ints)
            .bind(i64::from(page.size))
            .bind(page.offset())
            .fetch_all(&self.read)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
        let mut names: HashMap<i64, Vec<String>> = HashMap::new();
        if !ids.is_empty() {
            let sql = format!(
                "SELECT x.article_id, au.name FROM article_authors x JOIN authors au ON au.id = x.author_id \
                 WHERE x.article_id IN ({}) ORDER BY x.article_id, x.position",
                placeholders(1, ids.len())
            );
            for row in bind_all(sqlx::query(&sql), &ids).fetch_all(&self.read).await? {
                names.entry(row.try_get("article_id")?).or_default().push(row.try_get("name")?);
            }
        }
        let items = rows
            .iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(DeskRow {
                    id: ArticleId(id),
                    slug: rows::slug(row, "slug")?,
                    headline: row.try_get("headline")?,
                    status: ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
                    section: row.try_get("section_name")?,
                    authors: names.remove(&id).unwrap_or_default(),
                    updated_at: from_unix(row.try_get("updated_at")?),
                    published_at: row.try_get::<Option<i64>, _>("published_at")?.map(from_unix),
                    pending: row.try_get::<i64, _>("pending")? != 0,
                    language: row.try_get("language")?,
                    words: lede_core::reading_time::word_count(
                        &row.try_get::<String, _>("body_text")?,
                    ),
                    comments: u64::try_from(row.try_get::<i64, _>("comments")?).unwrap_or(0),
                    trashed: match (
                        row.try_get::<Option<i64>, _>("trashed_at")?,
                        row.try_get::<Option<String>, _>("trashed_from")?,
                    ) {
                        (Some(at), from) => Some((
                            from_unix(at),
                            from.map_or(Ok(ArticleStatus::Draft), |f| ArticleStatus::parse(&f))?,
                        )),
                        (None, _) => None,
                    },
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Paged { items, page, total: u64::try_from(total).unwrap_or(0) })
    }

    pub async fn desk_counts(&self) -> Result<Vec<(ArticleStatus, u64)>> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM articles WHERE trashed_at IS NULL \
             GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let status = ArticleStatus::parse(&r.try_get::<String, _>("status")?)?;
                Ok((status, u64::try_from(r.try_get::<i64, _>("n")?).unwrap_or(0)))
            })
            .collect()
    }

    /// How many articles are in the trash.
    pub async fn trashed_count(&self) -> Result<u64> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE trashed_at IS NOT NULL")
                .fetch_one(&self.read)
                .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Every trashed article's id, oldest trashed first.
    pub async fn trashed_ids(&self) -> Result<Vec<ArticleId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE trashed_at IS NOT NULL ORDER BY trashed_at, id",
        )
        .fetch_all(&self.write)
        .await?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }

    /// Whether the article at `slug` is in the trash (its address answers 410 Gone).
    pub async fn is_trashed(&self, slug: &str) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE slug = $1 AND trashed_at IS NOT NULL",
        )
        .bind(slug)
        .fetch_optional(&self.read)
        .await?;
        Ok(found.is_some())
    }

    /// The language of the trashed article at `slug`, if one is there: its 410 page speaks
    /// it, as its page did, whatever the address implies.
    pub async fn trashed_language(&self, slug: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT language FROM articles WHERE slug = $1 AND trashed_at IS NOT NULL",
        )
        .bind(slug)
        .fetch_optional(&self.read)
        .await?)
    }

    pub async fn revisions(&self, id: ArticleId) -> Result<Vec<Revision>> {
        let rows = sqlx::query(
            "SELECT r.version, r.saved_at, u.name AS saved_by, r.headline, r.standfirst, r.body_markdown \
             FROM revisions r LEFT JOIN users u ON u.id = r.saved_by \
             WHERE r.article_id = $1 ORDER BY r.version DESC, r.id DESC",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Revision {
                    version: r.try_get("version")?,
                    saved_at: from_unix(r.try_get("saved_at")?),
                    saved_by: r.try_get("saved_by")?,
                    headline: r.try_get("headline")?,
                    standfirst: r.try_get("standfirst")?,
                    body_markdown: r.try_get("body_markdown")?,
                })
            })
            .collect()
    }

    pub async fn due_scheduled(&self, now: OffsetDateTime) -> Result<Vec<ArticleId>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= $1 ORDER BY published_at, id",
        )
        .bind(to_unix(now))
        .fetch_all(&self.write)
        .await?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }
}
