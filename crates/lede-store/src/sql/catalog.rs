//! The catalog around articles: authors, sections, tags, static pages, settings and redirects.

use super::SqlStore;
use super::rows::{self, AUTHOR_COLUMNS, from_unix, to_unix};
use crate::{Error, ListKind, ListPage, Result};
use lede_core::Invalid;
use lede_core::Slug;
use lede_core::content::*;
use lede_core::names::{LocalName, LocalNames, Named};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

fn section(row: &AnyRow) -> Result<Section> {
    Ok(Section {
        id: SectionId(row.try_get("id")?),
        slug: rows::slug(row, "slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        parent: row.try_get::<Option<i64>, _>("parent_id")?.map(SectionId),
        position: row.try_get("position")?,
    })
}

const SECTION_COLUMNS: &str = "id, slug, name, description, parent_id, position";

impl SqlStore {
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.read)
            .await?)
    }

    pub(crate) async fn delete_setting(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(&self.write).await?;
        Ok(())
    }

    /// Stores `value` under `key` unless a value is there already, and returns the stored
    /// one: of several servers starting at once, the first to write wins and every one of
    /// them goes on with the winner's value (the site's secret, the setup code).
    pub(crate) async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .execute(&self.write)
        .await?;
        // Read on the writer: on SQLite the readers are another pool.
        Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(key)
            .fetch_one(&self.write)
            .await?)
    }

    pub(crate) async fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Every language some article (in any status) is written in.
    pub async fn article_languages(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT DISTINCT language FROM articles ORDER BY language")
            .fetch_all(&self.read)
            .await?)
    }

    pub async fn sections(&self) -> Result<Vec<Section>> {
        let sql = format!("SELECT {SECTION_COLUMNS} FROM sections ORDER BY position, name");
        let rows = sqlx::query(&sql).fetch_all(&self.read).await?;
        rows.iter().map(section).collect()
    }

    pub async fn section_by_slug(&self, slug: &str) -> Result<Option<Section>> {
        let sql = format!("SELECT {SECTION_COLUMNS} FROM sections WHERE slug = $1");
        let row = sqlx::query(&sql).bind(slug).fetch_optional(&self.read).await?;
        row.as_ref().map(section).transpose()
    }

    pub async fn tag_by_slug(&self, slug: &str) -> Result<Option<Tag>> {
        let row = sqlx::query("SELECT id, slug, name FROM tags WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.read)
            .await?;
        row.map(|r| {
            Ok(Tag {
                id: TagId(r.try_get("id")?),
                slug: rows::slug(&r, "slug")?,
                name: r.try_get("name")?,
            })
        })
        .transpose()
    }

    pub async fn author_by_slug(&self, slug: &str) -> Result<Option<Author>> {
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors au WHERE au.slug = $1");
        let row = sqlx::query(&sql).bind(slug).fetch_optional(&self.read).await?;
        row.as_ref().map(rows::author).transpose()
    }

    pub async fn tags(&self) -> Result<Vec<Tag>> {
        let rows = sqlx::query("SELECT id, slug, name FROM tags ORDER BY name")
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Tag {
                    id: TagId(r.try_get("id")?),
                    slug: rows::slug(r, "slug")?,
                    name: r.try_get("name")?,
                })
            })
            .collect()
    }

    pub async fn authors(&self) -> Result<Vec<Author>> {
        let sql = format!("SELECT {AUTHOR_COLUMNS} FROM authors au ORDER BY au.name");
        let rows = sqlx::query(&sql).fetch_all(&self.read).await?;
        rows.iter().map(rows::author).collect()
    }

    pub async fn list_pages(&self) -> Result<Vec<ListPage>> {
        let rows = sqlx::query(
            "SELECT CAST('section' AS TEXT) AS kind, s.slug, MAX(a.updated_at) AS lastmod \
             FROM sections s LEFT JOIN articles a ON a.section_id = s.id AND a.status = 'published' AND a.partner_only = 0 \
             GROUP BY s.slug \
             UNION ALL \
             SELECT CAST('tag' AS TEXT), t.slug, MAX(a.updated_at) FROM tags t \
             LEFT JOIN article_tags x ON x.tag_id = t.id \
             LEFT JOIN articles a ON a.id = x.article_id AND a.status = 'published' AND a.partner_only = 0 GROUP BY t.slug \
             UNION ALL \
             SELECT CAST('author' AS TEXT), au.slug, MAX(a.updated_at) FROM authors au \
             LEFT JOIN article_authors x ON x.author_id = au.id \
             LEFT JOIN articles a ON a.id = x.article_id AND a.status = 'published' AND a.partner_only = 0 GROUP BY au.slug \
             ORDER BY 1, 2",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|row| {
                let kind = match row.try_get::<String, _>("kind")?.as_str() {
                    "section" => ListKind::Section,
                    "tag" => ListKind::Tag,
                    _ => ListKind::Author,
                };
                Ok(ListPage {
                    kind,
                    slug: rows::slug(row, "slug")?,
                    lastmod: row.try_get::<Option<i64>, _>("lastmod")?.map(from_unix),
                })
            })
            .collect()
    }

    pub async fn redirect_for(&self, path: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT to_path FROM redirects WHERE from_path = $1")
            .bind(path)
            .fetch_optional(&self.read)
            .await?)
    }

    pub async fn section_article_counts(&self) -> Result<Vec<(SectionId, u64)>> {
        let rows = sqlx::query(
            "SELECT section_id, COUNT(*) AS articles FROM articles GROUP BY section_id",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let count: i64 = r.try_get("articles")?;
                Ok((SectionId(r.try_get("section_id")?), u64::try_from(count).unwrap_or(0)))
            })
            .collect()
    }

    pub(crate) async fn delete_section(&self, id: SectionId) -> Result<()> {
        // One statement, so an article filed between a check and the delete cannot be orphaned.
        let done = sqlx::query(
            "DELETE FROM sections WHERE id = $1 \
             AND NOT EXISTS (SELECT 1 FROM articles WHERE section_id = $1) \
             AND NOT EXISTS (SELECT 1 FROM sections c WHERE c.parent_id = $1)",
        )
        .bind(id.0)
        .execute(&self.write)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM sections WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.write)
            .await?;
        match exists {
            None => Err(Error::NotFound("section")),
            Some(_) => Err(Error::Conflict("store-section-not-empty".into())),
        }
    }

    pub(crate) async fn upsert_author(
        &self,
        author: &AuthorInput,
        now: OffsetDateTime,
    ) -> Result<AuthorId> {
        let id = sqlx::query_scalar(
            "INSERT INTO authors (slug, name, bio, website, avatar, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, bio = excluded.bio, \
             website = excluded.website, avatar = excluded.avatar RETURNING id",
        )
        .bind(author.slug.as_str())
        .bind(author.name.as_str())
        .bind(author.bio.as_str())
        .bind(author.website.as_deref())
        .bind(author.avatar.as_deref())
        .bind(to_unix(now))
        .fetch_one(&self.write)
        .await?;
        Ok(AuthorId(id))
    }

    pub(crate) async fn upsert_section(
        &self,
        input: &SectionInput,
        position: i64,
    ) -> Result<SectionId> {
        let parent = match &input.parent {
            None => None,
            Some(slug) => Some(
                self.section_by_slug(slug.as_str())
                    .await?
                    .ok_or_else(|| {
                        Invalid::new(
                            "parent",
                            lede_core::Message::new("store-no-section").text("slug", slug),
                        )
                    })?
                    .id
                    .0,
            ),
        };
        let id = sqlx::query_scalar(
            "INSERT INTO sections (slug, name, description, parent_id, position) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO UPDATE SET name = excluded.name, \
             description = excluded.description, parent_id = excluded.parent_id, \
             position = excluded.position RETURNING id",
        )
        .bind(input.slug.as_str())
        .bind(input.name.as_str())
        .bind(input.description.as_str())
        .bind(parent)
        .bind(position)
        .fetch_one(&self.write)
        .await?;
        Ok(SectionId(id))
    }

    pub(crate) async fn upsert_tag(&self, slug: &Slug, name: &str) -> Result<TagId> {
        let id = sqlx::query_scalar(
            "INSERT INTO tags (slug, name) VALUES ($1, $2) \
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id",
        )
        .bind(slug.as_str())
        .bind(name)
        .fetch_one(&self.write)
        .await?;
        Ok(TagId(id))
    }

    /// Every name the catalog has in a language other than the default, in one query: the
    /// sections', tags' and authors' (what the in-memory catalog keeps for pages to pick from).
    pub async fn local_names(&self) -> Result<LocalNames> {
        let rows = sqlx::query(
            "SELECT CAST('section' AS TEXT) AS kind, s.slug, n.language, n.name, n.description AS text \
             FROM section_names n JOIN sections s ON s.id = n.section_id \
             UNION ALL SELECT CAST('tag' AS TEXT), t.slug, n.language, n.name, CAST('' AS TEXT) \
             FROM tag_names n JOIN tags t ON t.id = n.tag_id \
             UNION ALL SELECT CAST('author' AS TEXT), au.slug, n.language, n.name, n.bio \
             FROM author_profiles n JOIN authors au ON au.id = n.author_id",
        )
        .fetch_all(&self.read)
        .await?;
        let mut names = LocalNames::default();
        for row in &rows {
            let kind = match row.try_get::<String, _>("kind")?.as_str() {
                "section" => Named::Section,
                "tag" => Named::Tag,
                _ => Named::Author,
            };
            let name = LocalName {
                language: row.try_get("language")?,
                name: row.try_get("name")?,
                text: row.try_get("text")?,
            };
            names.insert(kind, rows::slug(row, "slug")?, name);
        }
        Ok(names)
    }

    /// Sets the names of the section, tag or author `id` in each language `names` gives, in
    /// one transaction; a language given nothing loses its names, and languages not given
    /// keep theirs.
    pub(crate) async fn put_local_names(
        &self,
        kind: Named,
        id: i64,
        names: &[LocalName],
    ) -> Result<()> {
        let (table, key, text) = match kind {
            Named::Section => ("section_names", "section_id", Some("description")),
            Named::Tag => ("tag_names", "tag_id", None),
            Named::Author => ("author_profiles", "author_id", Some("bio")),
        };
        let mut tx = self.begin().await?;
        for name in names {
            if name.is_empty() {
                sqlx::query(&format!("DELETE FROM {table} WHERE {key} = $1 AND language = $2"))
                    .bind(id)
                    .bind(name.language.as_str())
                    .execute(&mut *tx)
                    .await?;
                continue;
            }
            let sql = match text {
                Some(text) => format!(
                    "INSERT INTO {table} ({key}, language, name, {text}) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT ({key}, language) DO UPDATE SET name = excluded.name, \
                     {text} = excluded.{text}"
                ),
                None => format!(
                    "INSERT INTO {table} ({key}, language, name) VALUES ($1, $2, $3) \
                     ON CONFLICT ({key}, language) DO UPDATE SET name = excluded.name"
                ),
            };
            let mut query =
                sqlx::query(&sql).bind(id).bind(name.language.as_str()).bind(name.name.as_str());
            if text.is_some() {
                query = query.bind(name.text.as_str());
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Error;
    use crate::test_support::{TestDb, load_fixture};

    /// The newsroom checks first and says why; the store's single statement is what keeps
    /// an article filed meanwhile from being orphaned.
    async fn a_section_with_articles_is_kept_by_the_store_itself(db: &TestDb) {
        load_fixture(&db.newsroom().await).await;
        let news = db.store.section_by_slug("news").await.expect("query").expect("section");
        let refused = db.store.delete_section(news.id).await;
        assert!(matches!(refused, Err(Error::Conflict(_))), "{refused:?}");
    }

    crate::on_both_databases!(a_section_with_articles_is_kept_by_the_store_itself);
}
