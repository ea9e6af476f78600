//! Static pages and the site's menus: reads for reader pages and the newsroom, and the writes
//! the newsroom makes, each one transaction (a page's row with its revision, the menu links
//! and redirect that follow a new address; a whole menu).

use super::rows::{self, from_unix, to_unix};
use super::{SqlStore, Tx};
use crate::{Error, Result};
use lede_core::account::UserId;
use lede_core::content::*;
use lede_core::menu::{Menu, MenuItem, MenuName, MenuTarget};
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

const PAGE_COLUMNS: &str = "id, slug, title, body_html, updated_at, language, status";

fn status(row: &AnyRow) -> Result<PageStatus> {
    Ok(PageStatus::parse(&row.try_get::<String, _>("status")?)?)
}

fn page(row: &AnyRow) -> Result<Page> {
    Ok(Page {
        id: PageId(row.try_get("id")?),
        slug: rows::slug(row, "slug")?,
        title: row.try_get("title")?,
        body_html: row.try_get("body_html")?,
        updated_at: from_unix(row.try_get("updated_at")?),
        language: row.try_get("language")?,
        status: status(row)?,
    })
}

/// What one save of a page writes: the checked input, its rendered body, and who saved it.
pub(crate) struct PageWrite<'a> {
    pub input: &'a PageInput,
    pub body_html: &'a str,
    pub language: Option<&'a str>,
    pub status: PageStatus,
    pub by: Option<UserId>,
    pub now: OffsetDateTime,
}

impl SqlStore {
    /// The published page at `slug`, as readers see it.
    pub async fn page_by_slug(&self, slug: &str) -> Result<Option<Page>> {
        let sql =
            format!("SELECT {PAGE_COLUMNS} FROM pages WHERE slug = $1 AND status = 'published'");
        let row = sqlx::query(&sql).bind(slug).fetch_optional(&self.read).await?;
        row.as_ref().map(page).transpose()
    }

    /// The published pages by title, for the footer and the sitemap.
    pub async fn pages(&self) -> Result<Vec<NamedRef>> {
        let rows = sqlx::query(
            "SELECT slug, title FROM pages WHERE status = 'published' ORDER BY title, slug",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(|r| rows::named(r, "slug", "title")).collect()
    }

    /// Every page in any status, by title, for the newsroom's list.
    pub async fn all_pages(&self) -> Result<Vec<Page>> {
        let sql = format!("SELECT {PAGE_COLUMNS} FROM pages ORDER BY title, slug");
        let rows = sqlx::query(&sql).fetch_all(&self.read).await?;
        rows.iter().map(page).collect()
    }

    /// A page in any status with its Markdown source, for the newsroom's form.
    pub async fn editable_page(&self, id: PageId) -> Result<Option<EditablePage>> {
        let row = sqlx::query(
            "SELECT p.id, p.slug, p.title, p.body_markdown, p.updated_at, p.language, p.status, \
             (SELECT MAX(r.version) FROM page_revisions r WHERE r.page_id = p.id) AS version \
             FROM pages p WHERE p.id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.read)
        .await?;
        row.map(|r| {
            Ok(EditablePage {
                id: PageId(r.try_get("id")?),
                input: PageInput {
                    slug: rows::slug(&r, "slug")?,
                    title: r.try_get("title")?,
                    body_markdown: r.try_get("body_markdown")?,
                },
                language: r.try_get("language")?,
                status: status(&r)?,
                updated_at: from_unix(r.try_get("updated_at")?),
                version: r.try_get::<Option<i64>, _>("version")?.unwrap_or(0),
            })
        })
        .transpose()
    }

    /// A page's saved versions, newest first.
    pub async fn page_revisions(&self, id: PageId) -> Result<Vec<PageRevision>> {
        let rows = sqlx::query(
            "SELECT r.version, r.saved_at, u.name AS saved_by, r.slug, r.title, r.body_markdown \
             FROM page_revisions r LEFT JOIN users u ON u.id = r.saved_by \
             WHERE r.page_id = $1 ORDER BY r.version DESC",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PageRevision {
                    version: r.try_get("version")?,
                    saved_at: from_unix(r.try_get("saved_at")?),
                    saved_by: r.try_get("saved_by")?,
                    slug: rows::slug(r, "slug")?,
                    title: r.try_get("title")?,
                    body_markdown: r.try_get("body_markdown")?,
                })
            })
            .collect()
    }

    /// The page holding `slug`, if any (in any status).
    pub async fn page_id_by_slug(&self, slug: &str) -> Result<Option<PageId>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM pages WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.read)
            .await?;
        Ok(id.map(PageId))
    }

    /// Adds a page with its first revision, in one transaction.
    pub(crate) async fn insert_page(&self, page: &PageWrite<'_>) -> Result<PageId> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO pages (slug, title, body_markdown, body_html, updated_at, language, status) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(page.input.slug.as_str())
        .bind(page.input.title.as_str())
        .bind(page.input.body_markdown.as_str())
        .bind(page.body_html)
        .bind(to_unix(page.now))
        .bind(page.language)
        .bind(page.status.as_str())
        .fetch_one(&mut *tx)
        .await?;
        add_revision(&mut tx, PageId(id), page).await?;
        tx.commit().await?;
        Ok(PageId(id))
    }

    /// Saves a page over its stored version, with a revision, in one transaction. A new slug
    /// takes the menus' links along and leaves a redirect from the old address. Returns the
    /// page as it was.
    pub(crate) async fn update_page(&self, id: PageId, page: &PageWrite<'_>) -> Result<Page> {
        let mut tx = self.begin().await?;
        let sql = format!("SELECT {PAGE_COLUMNS} FROM pages WHERE id = $1");
        let before = sqlx::query(&sql).bind(id.0).fetch_optional(&mut *tx).await?;
        let before = self::page(&before.ok_or(Error::NotFound("page"))?)?;
        sqlx::query(
            "UPDATE pages SET slug = $1, title = $2, body_markdown = $3, body_html = $4, \
             updated_at = $5, language = $6, status = $7 WHERE id = $8",
        )
        .bind(page.input.slug.as_str())
        .bind(page.input.title.as_str())
        .bind(page.input.body_markdown.as_str())
        .bind(page.body_html)
        .bind(to_unix(page.now))
        .bind(page.language)
        .bind(page.status.as_str())
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        if before.slug != page.input.slug {
            sqlx::query("UPDATE menu_items SET target = $1 WHERE kind = 'page' AND target = $2")
                .bind(page.input.slug.as_str())
                .bind(before.slug.as_str())
                .execute(&mut *tx)
                .await?;
            let from = lede_core::urls::page(&before.slug);
            let to = lede_core::urls::page(&page.input.slug);
            super::article_writer::record_redirect(&mut tx, &from, &to).await?;
        }
        add_revision(&mut tx, id, page).await?;
        tx.commit().await?;
        Ok(before)
    }

    /// Publishes or unpublishes a page; returns whether its status changed.
    pub(crate) async fn set_page_status(
        &self,
        id: PageId,
        status: PageStatus,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE pages SET status = $1, updated_at = $2 WHERE id = $3 AND status <> $1",
        )
        .bind(status.as_str())
        .bind(to_unix(now))
        .bind(id.0)
        .execute(&self.write)
        .await?;
        if done.rows_affected() == 1 {
            return Ok(true);
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM pages WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.write)
            .await?;
        exists.map(|_| false).ok_or(Error::NotFound("page"))
    }

    /// Deletes a page, its revisions and the menu links to it, in one transaction.
    pub(crate) async fn delete_page(&self, id: PageId) -> Result<Page> {
        let mut tx = self.begin().await?;
        let sql = format!("SELECT {PAGE_COLUMNS} FROM pages WHERE id = $1");
        let row = sqlx::query(&sql).bind(id.0).fetch_optional(&mut *tx).await?;
        let gone = self::page(&row.ok_or(Error::NotFound("page"))?)?;
        sqlx::query("DELETE FROM menu_items WHERE kind = 'page' AND target = $1")
            .bind(gone.slug.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM page_revisions WHERE page_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM pages WHERE id = $1").bind(id.0).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(gone)
    }

    /// Every saved menu, each in order.
    pub async fn menus(&self) -> Result<Vec<Menu>> {
        let saved = sqlx::query("SELECT name, language FROM menus ORDER BY name, language")
            .fetch_all(&self.read)
            .await?;
        let items = sqlx::query(
            "SELECT menu, language, kind, target, label FROM menu_items \
             ORDER BY menu, language, position",
        )
        .fetch_all(&self.read)
        .await?;
        let mut menus = saved
            .iter()
            .map(|r| {
                Ok(Menu {
                    name: MenuName::parse(&r.try_get::<String, _>("name")?)?,
                    language: r.try_get("language")?,
                    items: Vec::new(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        for row in &items {
            let name = MenuName::parse(&row.try_get::<String, _>("menu")?)?;
            let language: String = row.try_get("language")?;
            let kind: String = row.try_get("kind")?;
            let target: String = row.try_get("target")?;
            let item = MenuItem {
                target: MenuTarget::parse(&kind, &target)?,
                label: row.try_get("label")?,
            };
            if let Some(menu) = menus.iter_mut().find(|m| m.name == name && m.language == language)
            {
                menu.items.push(item);
            }
        }
        Ok(menus)
    }

    /// Replaces a menu's links with `menu`'s, in one transaction.
    pub(crate) async fn put_menu(&self, menu: &Menu, now: OffsetDateTime) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO menus (name, language, saved_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name, language) DO UPDATE SET saved_at = excluded.saved_at",
        )
        .bind(menu.name.as_str())
        .bind(menu.language.as_str())
        .bind(to_unix(now))
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM menu_items WHERE menu = $1 AND language = $2")
            .bind(menu.name.as_str())
            .bind(menu.language.as_str())
            .execute(&mut *tx)
            .await?;
        for (position, item) in menu.items.iter().enumerate() {
            sqlx::query(
                "INSERT INTO menu_items (menu, language, position, kind, target, label) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(menu.name.as_str())
            .bind(menu.language.as_str())
            .bind(position as i64)
            .bind(item.target.kind())
            .bind(item.target.target())
            .bind(item.label.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Forgets a saved menu, so the site shows its default again; returns whether one was
    /// saved.
    pub(crate) async fn delete_menu(&self, name: MenuName, language: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM menu_items WHERE menu = $1 AND language = $2")
            .bind(name.as_str())
            .bind(language)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM menus WHERE name = $1 AND language = $2")
            .bind(name.as_str())
            .bind(language)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Saves a page by slug for the operator's tools (the demo): added if new, else
    /// overwritten, published, with a revision.
    pub(crate) async fn upsert_page(&self, page: &PageWrite<'_>) -> Result<PageId> {
        match self.page_id_by_slug(page.input.slug.as_str()).await? {
            Some(id) => self.update_page(id, page).await.map(|_| id),
            None => self.insert_page(page).await,
        }
    }
}

/// Records the version `page` makes, numbered after the page's last.
async fn add_revision(tx: &mut Tx, id: PageId, page: &PageWrite<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO page_revisions (page_id, version, saved_at, saved_by, slug, title, body_markdown) \
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6 \
         FROM page_revisions WHERE page_id = $1",
    )
    .bind(id.0)
    .bind(to_unix(page.now))
    .bind(page.by.map(|u| u.0))
    .bind(page.input.slug.as_str())
    .bind(page.input.title.as_str())
    .bind(page.input.body_markdown.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
