//! The site read back out for an export: the catalog, then articles page by page with
//! their authors, tags and comments. (Imports are written by [`super::import`].)

use super::comments::comment;
use super::rows::{self, AUTHOR_COLUMNS, from_unix};
use super::{SqlStore, placeholders};
use crate::Result;
use lede_core::content::*;
use lede_core::transfer::*;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{HashMap, HashSet};

/// Runs `sql` with `ids` bound to its `$1…$n` placeholders.
async fn fetch_for(pool: &sqlx::AnyPool, sql: &str, ids: &[i64]) -> Result<Vec<AnyRow>> {
    let mut query = sqlx::query(sql);
    for id in ids {
        query = query.bind(*id);
    }
    Ok(query.fetch_all(pool).await?)
}

fn article_record(row: &AnyRow) -> Result<ArticleRecord> {
    let featured_image = rows::featured_image(row)?;
    Ok(ArticleRecord {
        id: ArticleId(row.try_get("id")?),
        slug: rows::slug(row, "slug")?,
        headline: row.try_get("headline")?,
        standfirst: row.try_get("standfirst")?,
        body_markdown: row.try_get("body_markdown")?,
        body_html: row.try_get("body_html")?,
        language: row.try_get("language")?,
        status: ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
        section: rows::slug(row, "section_slug")?,
        authors: Vec::new(),
        tags: Vec::new(),
        featured_image,
        published_at: row.try_get::<Option<i64>, _>("published_at")?.map(from_unix),
        created_at: from_unix(row.try_get("created_at")?),
        updated_at: from_unix(row.try_get("updated_at")?),
        translation_of: match row.try_get::<Option<i64>, _>("original_id")? {
            Some(id) => {
                Some(Original { id: ArticleId(id), slug: rows::slug(row, "original_slug")? })
            }
            None => None,
        },
        comments: Vec::new(),
    })
}

/// Sections with every parent before its children (a parent's id may be higher than its
/// child's when sections were rearranged).
fn parents_first(mut sections: Vec<Section>) -> Vec<Section> {
    let mut ordered: Vec<Section> = Vec::with_capacity(sections.len());
    let mut placed: HashSet<SectionId> = HashSet::new();
    while !sections.is_empty() {
        let before = sections.len();
        sections.retain(|s| {
            let ready = s.parent.is_none_or(|p| placed.contains(&p));
            if ready {
                placed.insert(s.id);
                ordered.push(s.clone());
            }
            !ready
        });
        if sections.len() == before {
            // A cycle cannot be made through the store; should one exist, keep the rest as is.
            ordered.append(&mut sections);
        }
    }
    ordered
}

impl SqlStore {
    pub async fn export_catalog(&self) -> Result<SiteCatalog> {
        let author_rows =
            sqlx::query(&format!("SELECT {AUTHOR_COLUMNS} FROM authors au ORDER BY au.id"))
                .fetch_all(&self.read)
                .await?;
        let section_rows = sqlx::query(
            "SELECT id, slug, name, description, parent_id, position FROM sections ORDER BY id",
        )
        .fetch_all(&self.read)
        .await?;
        let tag_rows = sqlx::query("SELECT id, slug, name FROM tags ORDER BY id")
            .fetch_all(&self.read)
            .await?;
        let page_rows = sqlx::query(
            "SELECT id, slug, title, body_markdown, body_html, updated_at, language, status \
             FROM pages ORDER BY id",
        )
        .fetch_all(&self.read)
        .await?;
        let sections = section_rows
            .iter()
            .map(|r| {
                Ok(Section {
                    id: SectionId(r.try_get("id")?),
                    slug: rows::slug(r, "slug")?,
                    name: r.try_get("name")?,
                    description: r.try_get("description")?,
                    parent: r.try_get::<Option<i64>, _>("parent_id")?.map(SectionId),
                    position: r.try_get("position")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SiteCatalog {
            authors: author_rows.iter().map(rows::author).collect::<Result<_>>()?,
            sections: parents_first(sections),
            tags: tag_rows
                .iter()
                .map(|r| {
                    Ok(Tag {
                        id: TagId(r.try_get("id")?),
                        slug: rows::slug(r, "slug")?,
                        name: r.try_get("name")?,
                    })
                })
                .collect::<Result<_>>()?,
            pages: page_rows
                .iter()
                .map(|r| {
                    Ok(PageRecord {
                        page: Page {
                            id: PageId(r.try_get("id")?),
                            slug: rows::slug(r, "slug")?,
                            title: r.try_get("title")?,
                            body_html: r.try_get("body_html")?,
                            updated_at: from_unix(r.try_get("updated_at")?),
                            language: r.try_get("language")?,
                            status: PageStatus::parse(&r.try_get::<String, _>("status")?)?,
                        },
                        body_markdown: r.try_get("body_markdown")?,
                    })
                })
                .collect::<Result<_>>()?,
            names: self.local_names().await?,
        })
    }

    pub async fn export_articles(
        &self,
        after: Option<ArticleId>,
        limit: u32,
    ) -> Result<Vec<ArticleRecord>> {
        let rows = sqlx::query(
            "SELECT a.id, a.slug, a.headline, a.standfirst, a.body_markdown, a.body_html, \
             a.language, a.status, a.image_src, a.image_alt, a.image_caption, a.image_credit, \
             a.image_decorative, a.published_at, a.created_at, a.updated_at, s.slug AS section_slug, \
             o.id AS original_id, o.slug AS original_slug \
             FROM articles a JOIN sections s ON s.id = a.section_id \
             LEFT JOIN articles o ON o.id = a.translation_of \
             WHERE a.id > $1 ORDER BY a.id LIMIT $2",
        )
        .bind(after.map_or(0, |a| a.0))
        .bind(i64::from(limit.clamp(1, 1000)))
        .fetch_all(&self.read)
        .await?;
        let mut records = rows.iter().map(article_record).collect::<Result<Vec<_>>>()?;
        if records.is_empty() {
            return Ok(records);
        }
        let ids: Vec<i64> = records.iter().map(|r| r.id.0).collect();
        let list = placeholders(1, ids.len());
        let index: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let authors_sql = format!(
            "SELECT aa.article_id, au.slug FROM article_authors aa \
             JOIN authors au ON au.id = aa.author_id \
             WHERE aa.article_id IN ({list}) ORDER BY aa.article_id, aa.position"
        );
        for row in &fetch_for(&self.read, &authors_sql, &ids).await? {
            if let Some(&at) = index.get(&row.try_get::<i64, _>("article_id")?) {
                records[at].authors.push(rows::slug(row, "slug")?);
            }
        }
        let tags_sql = format!(
            "SELECT at.article_id, t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id \
             WHERE at.article_id IN ({list}) ORDER BY at.article_id, t.slug"
        );
        for row in &fetch_for(&self.read, &tags_sql, &ids).await? {
            if let Some(&at) = index.get(&row.try_get::<i64, _>("article_id")?) {
                records[at].tags.push(rows::slug(row, "slug")?);
            }
        }
        let comments_sql = format!(
            "SELECT id, article_id, parent_id, name, website, body, status, created_at \
             FROM comments WHERE article_id IN ({list}) ORDER BY created_at, id"
        );
        for row in &fetch_for(&self.read, &comments_sql, &ids).await? {
            let c = comment(row)?;
            if let Some(&at) = index.get(&c.article.0) {
                records[at].comments.push(c);
            }
        }
        Ok(records)
    }
}
