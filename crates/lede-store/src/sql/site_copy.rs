//! The whole site read out as plain records for `lede export --format json`, and written back
//! into an empty site by `lede import lede`: every row with its id, in one transaction, then
//! the search index and related lists rebuilt from what was written.

use super::article_writer::settle;
use super::rows::{flag, maybe_slug, maybe_time, slug, time, to_unix};
use super::{Backend, SqlStore, Tx, placeholders};
use crate::{Error, Result};
use lede_core::comment::CommentStatus;
use lede_core::content::{ArticleId, ArticleStatus, NoteKind};
use lede_core::site_copy::*;
use lede_core::{Invalid, Message, Slug, markdown, related};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{BTreeMap, HashMap};
use time::OffsetDateTime;

/// What a restore wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreCounts {
    pub accounts: usize,
    pub api_keys: usize,
    pub articles: usize,
    pub revisions: usize,
    pub pages: usize,
    pub comments: usize,
    pub media: usize,
}

/// The tables a site's content lives in: a restore goes only into a site where all are empty.
const CONTENT_TABLES: &[&str] =
    &["articles", "pages", "users", "media", "authors", "sections", "tags", "api_keys"];

/// The tables whose ids a restore sets itself; PostgreSQL's identity sequences must then be
/// moved past them, or the next row written would take a restored id.
const ID_TABLES: &[&str] = &[
    "authors",
    "sections",
    "tags",
    "articles",
    "comments",
    "pages",
    "api_keys",
    "users",
    "revisions",
    "media",
    "article_notes",
    "page_revisions",
];

impl SqlStore {
    /// Every record of the site but its articles (see [`Self::copy_articles`]).
    pub async fn copy_catalog(&self) -> Result<SiteCatalogCopy> {
        let pool = &self.read;
        let mut copy = SiteCatalogCopy::default();
        for row in
            sqlx::query("SELECT key, value FROM settings ORDER BY key").fetch_all(pool).await?
        {
            let key: String = row.try_get("key")?;
            if carried_setting(&key) {
                copy.settings.insert(key, row.try_get("value")?);
            }
        }
        let names = |sql: &'static str| async move {
            let mut by_id: HashMap<i64, BTreeMap<String, LocalText>> = HashMap::new();
            for row in sqlx::query(sql).fetch_all(pool).await? {
                by_id.entry(row.try_get("id")?).or_default().insert(
                    row.try_get("language")?,
                    LocalText { name: row.try_get("name")?, text: row.try_get("text")? },
                );
            }
            Ok::<_, Error>(by_id)
        };
        let mut author_names =
            names("SELECT author_id AS id, language, name, bio AS text FROM author_profiles")
                .await?;
        let mut section_names = names(
            "SELECT section_id AS id, language, name, description AS text FROM section_names",
        )
        .await?;
        let mut tag_names =
            names("SELECT tag_id AS id, language, name, '' AS text FROM tag_names").await?;
        for row in sqlx::query(
            "SELECT id, slug, name, bio, website, avatar, created_at FROM authors ORDER BY id",
        )
        .fetch_all(pool)
        .await?
        {
            let id = row.try_get("id")?;
            copy.authors.push(AuthorRecord {
                id,
                slug: slug(&row, "slug")?,
                name: row.try_get("name")?,
                bio: row.try_get("bio")?,
                website: row.try_get("website")?,
                avatar: row.try_get("avatar")?,
                created_at: time(&row, "created_at")?,
                names: author_names.remove(&id).unwrap_or_default(),
            });
        }
        let section_rows = sqlx::query(
            "SELECT s.id, s.slug, s.name, s.description, p.slug AS parent, s.position \
             FROM sections s LEFT JOIN sections p ON p.id = s.parent_id ORDER BY s.id",
        )
        .fetch_all(pool)
        .await?;
        let mut sections = Vec::with_capacity(section_rows.len());
        for row in section_rows {
            let id = row.try_get("id")?;
            sections.push(SectionRecord {
                id,
                slug: slug(&row, "slug")?,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
                parent: maybe_slug(&row, "parent")?,
                position: row.try_get("position")?,
                names: section_names.remove(&id).unwrap_or_default(),
            });
        }
        copy.sections = parents_first(sections);
        for row in
            sqlx::query("SELECT id, slug, name FROM tags ORDER BY id").fetch_all(pool).await?
        {
            let id = row.try_get("id")?;
            copy.tags.push(TagRecord {
                id,
                slug: slug(&row, "slug")?,
                name: row.try_get("name")?,
                names: tag_names.remove(&id).unwrap_or_default(),
            });
        }
        for row in sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, u.password_hash, au.slug AS author, \
             u.interface_language, u.created_at FROM users u \
             LEFT JOIN authors au ON au.id = u.author_id ORDER BY u.id",
        )
        .fetch_all(pool)
        .await?
        {
            copy.accounts.push(AccountRecord {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                name: row.try_get("name")?,
                role: lede_core::account::Role::parse(&row.try_get::<String, _>("role")?)?,
                password_hash: row.try_get("password_hash")?,
                author: maybe_slug(&row, "author")?,
                interface_language: row.try_get("interface_language")?,
                created_at: time(&row, "created_at")?,
            });
        }
        for row in sqlx::query(
            "SELECT id, partner, key_hash, hint, created_at, revoked_at FROM api_keys ORDER BY id",
        )
        .fetch_all(pool)
        .await?
        {
            copy.api_keys.push(ApiKeyRecord {
                id: row.try_get("id")?,
                partner: row.try_get("partner")?,
                key_hash: row.try_get("key_hash")?,
                hint: row.try_get("hint")?,
                created_at: time(&row, "created_at")?,
                revoked_at: maybe_time(&row, "revoked_at")?,
            });
        }
        for row in sqlx::query(
            "SELECT id, path, original_name, mime, width, height, widths, bytes, uploaded_by, \
             created_at, alt, caption, credit FROM media ORDER BY id",
        )
        .fetch_all(pool)
        .await?
        {
            copy.media.push(MediaRecord {
                id: row.try_get("id")?,
                path: row.try_get("path")?,
                original_name: row.try_get("original_name")?,
                mime: row.try_get("mime")?,
                width: row.try_get("width")?,
                height: row.try_get("height")?,
                widths: row.try_get("widths")?,
                bytes: row.try_get("bytes")?,
                uploaded_by: row.try_get("uploaded_by")?,
                created_at: time(&row, "created_at")?,
                alt: row.try_get("alt")?,
                caption: row.try_get("caption")?,
                credit: row.try_get("credit")?,
            });
        }
        let mut page_revisions: HashMap<i64, Vec<PageRevisionRecord>> = HashMap::new();
        for row in sqlx::query(
            "SELECT page_id, version, saved_at, saved_by, slug, title, body_markdown \
             FROM page_revisions ORDER BY page_id, version",
        )
        .fetch_all(pool)
        .await?
        {
            page_revisions.entry(row.try_get("page_id")?).or_default().push(PageRevisionRecord {
                version: row.try_get("version")?,
                saved_at: time(&row, "saved_at")?,
                saved_by: row.try_get("saved_by")?,
                slug: slug(&row, "slug")?,
                title: row.try_get("title")?,
                body_markdown: row.try_get("body_markdown")?,
            });
        }
        for row in sqlx::query(
            "SELECT id, slug, title, body_markdown, body_html, status, language, updated_at \
             FROM pages ORDER BY id",
        )
        .fetch_all(pool)
        .await?
        {
            let id = row.try_get("id")?;
            copy.pages.push(PageCopy {
                id,
                slug: slug(&row, "slug")?,
                title: row.try_get("title")?,
                body_markdown: row.try_get("body_markdown")?,
                body_html: row.try_get("body_html")?,
                status: row.try_get("status")?,
                language: row.try_get("language")?,
                updated_at: time(&row, "updated_at")?,
                revisions: page_revisions.remove(&id).unwrap_or_default(),
            });
        }
        let mut items: HashMap<(String, String), Vec<MenuItemRecord>> = HashMap::new();
        for row in sqlx::query(
            "SELECT menu, language, kind, target, label FROM menu_items \
             ORDER BY menu, language, position",
        )
        .fetch_all(pool)
        .await?
        {
            items.entry((row.try_get("menu")?, row.try_get("language")?)).or_default().push(
                MenuItemRecord {
                    kind: row.try_get("kind")?,
                    target: row.try_get("target")?,
                    label: row.try_get("label")?,
                },
            );
        }
        for row in sqlx::query("SELECT name, language, saved_at FROM menus ORDER BY name, language")
            .fetch_all(pool)
            .await?
        {
            let key: (String, String) = (row.try_get("name")?, row.try_get("language")?);
            copy.menus.push(MenuRecord {
                items: items.remove(&key).unwrap_or_default(),
                name: key.0,
                language: key.1,
                saved_at: time(&row, "saved_at")?,
            });
        }
        for row in sqlx::query("SELECT from_path, to_path FROM redirects ORDER BY from_path")
            .fetch_all(pool)
            .await?
        {
            copy.redirects.push(RedirectRecord {
                from: row.try_get("from_path")?,
                to: row.try_get("to_path")?,
            });
        }
        for row in sqlx::query(
            "SELECT language, text, link, expires_at, set_at, set_by FROM breaking_news \
             ORDER BY language",
        )
        .fetch_all(pool)
        .await?
        {
            copy.breaking_news.push(BannerRecord {
                language: row.try_get("language")?,
                text: row.try_get("text")?,
                link: row.try_get("link")?,
                expires_at: time(&row, "expires_at")?,
                set_at: time(&row, "set_at")?,
                set_by: row.try_get("set_by")?,
            });
        }
        for row in sqlx::query(
            "SELECT source, kind, foreign_id, local_id, imported_at FROM import_refs \
             ORDER BY source, kind, foreign_id",
        )
        .fetch_all(pool)
        .await?
        {
            copy.import_refs.push(ImportRefRecord {
                source: row.try_get("source")?,
                kind: row.try_get("kind")?,
                foreign_id: row.try_get("foreign_id")?,
                local_id: row.try_get("local_id")?,
                imported_at: time(&row, "imported_at")?,
            });
        }
        Ok(copy)
    }

    /// Up to `limit` articles after id `after`, in id order, each with everything it keeps:
    /// a fixed number of statements per page, whatever the page holds.
    pub async fn copy_articles(&self, after: i64, limit: u32) -> Result<Vec<ArticleCopy>> {
        let pool = &self.read;
        let rows = sqlx::query(
            "SELECT a.*, s.slug AS section_slug, o.slug AS original_slug \
             FROM articles a JOIN sections s ON s.id = a.section_id \
             LEFT JOIN articles o ON o.id = a.translation_of \
             WHERE a.id > $1 ORDER BY a.id LIMIT $2",
        )
        .bind(after)
        .bind(i64::from(limit.clamp(1, 1000)))
        .fetch_all(pool)
        .await?;
        let mut articles = rows.iter().map(article_copy).collect::<Result<Vec<_>>>()?;
        if articles.is_empty() {
            return Ok(articles);
        }
        let ids: Vec<i64> = articles.iter().map(|a| a.id).collect();
        let index: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let list = placeholders(1, ids.len());
        let attach = |articles: &mut [ArticleCopy],
                      rows: Vec<AnyRow>,
                      put: fn(&mut ArticleCopy, &AnyRow) -> Result<()>|
         -> Result<()> {
            for row in &rows {
                if let Some(&at) = index.get(&row.try_get::<i64, _>("article_id")?) {
                    put(&mut articles[at], row)?;
                }
            }
            Ok(())
        };
        let sql = format!(
            "SELECT aa.article_id, au.slug FROM article_authors aa \
             JOIN authors au ON au.id = aa.author_id \
             WHERE aa.article_id IN ({list}) ORDER BY aa.article_id, aa.position"
        );
        attach(&mut articles, super::rows_for(pool, &sql, &ids).await?, |a, row| {
            a.authors.push(slug(row, "slug")?);
            Ok(())
        })?;
        let sql = format!(
            "SELECT x.article_id, t.slug FROM article_tags x JOIN tags t ON t.id = x.tag_id \
             WHERE x.article_id IN ({list}) ORDER BY x.article_id, t.slug"
        );
        attach(&mut articles, super::rows_for(pool, &sql, &ids).await?, |a, row| {
            a.tags.push(slug(row, "slug")?);
            Ok(())
        })?;
        let sql = format!(
            "SELECT article_id, kind, body, created_at, created_by, version FROM article_notes \
             WHERE article_id IN ({list}) ORDER BY article_id, created_at, id"
        );
        attach(&mut articles, super::rows_for(pool, &sql, &ids).await?, |a, row| {
            a.notes.push(NoteRecord {
                kind: NoteKind::parse(&row.try_get::<String, _>("kind")?)?,
                body: row.try_get("body")?,
                created_at: time(row, "created_at")?,
                created_by: row.try_get("created_by")?,
                version: row.try_get("version")?,
            });
            Ok(())
        })?;
        let sql = format!(
            "SELECT article_id, version, saved_at, saved_by, headline, standfirst, \
             body_markdown FROM revisions \
             WHERE article_id IN ({list}) ORDER BY article_id, version, id"
        );
        attach(&mut articles, super::rows_for(pool, &sql, &ids).await?, |a, row| {
            a.revisions.push(RevisionRecord {
                version: row.try_get("version")?,
                saved_at: time(row, "saved_at")?,
                saved_by: row.try_get("saved_by")?,
                headline: row.try_get("headline")?,
                standfirst: row.try_get("standfirst")?,
                body_markdown: row.try_get("body_markdown")?,
            });
            Ok(())
        })?;
        let sql = format!(
            "SELECT article_id, base_version, content, saved_at, saved_by \
             FROM pending_versions WHERE article_id IN ({list})"
        );
        attach(&mut articles, super::rows_for(pool, &sql, &ids).await?, |a, row| {
            a.pending = Some(PendingRecord {
                base_version: row.try_get("base_version")?,
                content: row.try_get("content")?,
                saved_at: time(row, "saved_at")?,
                saved_by: row.try_get("saved_by")?,
            });
            Ok(())
        })?;
        let sql = format!(
            "SELECT id, article_id, parent_id, name, website, body, status, created_at \
             FROM comments WHERE article_id IN ({list}) ORDER BY created_at, id"
        );
        attach(&mut articles, super::rows_for(pool, &sql, &ids).await?, |a, row| {
            a.comments.push(CommentRecord {
                id: row.try_get("id")?,
                parent: row.try_get("parent_id")?,
                name: row.try_get("name")?,
                website: row.try_get("website")?,
                text: row.try_get("body")?,
                status: CommentStatus::parse(&row.try_get::<String, _>("status")?)?,
                created_at: time(row, "created_at")?,
            });
            Ok(())
        })?;
        Ok(articles)
    }

    /// Writes a whole site into this one, which must be empty (no article, page, account,
    /// image, author, section, tag or API key), in one transaction: a refused or broken copy
    /// writes nothing. Ids are kept; the search index and related lists are rebuilt.
    pub(crate) async fn restore_site(
        &self,
        copy: &SiteCopy,
        now: OffsetDateTime,
    ) -> Result<RestoreCounts> {
        let mut tx = self.begin().await?;
        for table in CONTENT_TABLES {
            let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&mut *tx)
                .await?;
            if rows > 0 {
                return Err(Error::Conflict(
                    Message::new("store-restore-not-empty").text("table", *table),
                ));
            }
        }
        let catalog = &copy.catalog;
        let authors = write_catalog(&mut tx, catalog).await?;
        let mut counts = RestoreCounts {
            accounts: catalog.accounts.len(),
            api_keys: catalog.api_keys.len(),
            pages: catalog.pages.len(),
            media: catalog.media.len(),
            ..RestoreCounts::default()
        };
        let sections: HashMap<&Slug, i64> =
            catalog.sections.iter().map(|s| (&s.slug, s.id)).collect();
        let tags: HashMap<&Slug, i64> = catalog.tags.iter().map(|t| (&t.slug, t.id)).collect();
        let articles: HashMap<&Slug, i64> = copy.articles.iter().map(|a| (&a.slug, a.id)).collect();
        let find = |map: &HashMap<&Slug, i64>, what: &'static str, article: &Slug, slug: &Slug| {
            map.get(slug).copied().ok_or_else(|| {
                Error::Invalid(Invalid::new(
                    what,
                    Message::new("store-restore-unknown")
                        .text("article", article)
                        .text("field", what)
                        .text("slug", slug),
                ))
            })
        };
        let mut ids = Vec::with_capacity(copy.articles.len());
        for a in &copy.articles {
            let section = find(&sections, "section", &a.slug, &a.section)?;
            write_article(&mut tx, a, section).await?;
            for (position, author) in a.authors.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO article_authors (article_id, author_id, position) \
                     VALUES ($1, $2, $3)",
                )
                .bind(a.id)
                .bind(find(&authors, "authors", &a.slug, author)?)
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
            }
            for tag in &a.tags {
                sqlx::query("INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)")
                    .bind(a.id)
                    .bind(find(&tags, "tags", &a.slug, tag)?)
                    .execute(&mut *tx)
                    .await?;
            }
            write_article_history(&mut tx, a).await?;
            counts.articles += 1;
            counts.revisions += a.revisions.len();
            counts.comments += a.comments.len();
            ids.push(ArticleId(a.id));
        }
        // Linked once every article is there: an article may name a later one as its original.
        for a in &copy.articles {
            if let Some(original) = &a.translation_of {
                sqlx::query("UPDATE articles SET translation_of = $1 WHERE id = $2")
                    .bind(find(&articles, "translation_of", &a.slug, original)?)
                    .bind(a.id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        if self.backend == Backend::Postgres {
            for table in ID_TABLES {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
        if !catalog.accounts.is_empty() {
            // The setup page offers to make the first administrator only to a site without one.
            sqlx::query(
                "INSERT INTO site_setup (id, done_at) VALUES (1, $1) ON CONFLICT DO NOTHING",
            )
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        }
        settle(&mut tx, self.backend, &ids, now).await?;
        tx.commit().await?;
        Ok(counts)
    }
}

/// Sections with every parent before its children.
fn parents_first(mut sections: Vec<SectionRecord>) -> Vec<SectionRecord> {
    let mut ordered: Vec<SectionRecord> = Vec::with_capacity(sections.len());
    while !sections.is_empty() {
        let before = sections.len();
        let mut i = 0;
        while i < sections.len() {
            let ready =
                sections[i].parent.as_ref().is_none_or(|p| ordered.iter().any(|s| &s.slug == p));
            if ready {
                ordered.push(sections.remove(i));
            } else {
                i += 1;
            }
        }
        if sections.len() == before {
            ordered.append(&mut sections);
        }
    }
    ordered
}

fn article_copy(row: &AnyRow) -> Result<ArticleCopy> {
    let featured_image = super::rows::featured_image(row)?;
    Ok(ArticleCopy {
        id: row.try_get("id")?,
        slug: slug(row, "slug")?,
        headline: row.try_get("headline")?,
        standfirst: row.try_get("standfirst")?,
        body_markdown: row.try_get("body_markdown")?,
        body_html: row.try_get("body_html")?,
        language: row.try_get("language")?,
        translation_of: maybe_slug(row, "original_slug")?,
        status: ArticleStatus::parse(&row.try_get::<String, _>("status")?)?,
        section: slug(row, "section_slug")?,
        authors: Vec::new(),
        tags: Vec::new(),
        featured_image,
        partner_only: flag(row, "partner_only")?,
        version: row.try_get("version")?,
        published_at: maybe_time(row, "published_at")?,
        created_at: time(row, "created_at")?,
        updated_at: time(row, "updated_at")?,
        shown_updated_at: maybe_time(row, "shown_updated_at")?,
        trashed_at: maybe_time(row, "trashed_at")?,
        trashed_from: row
            .try_get::<Option<String>, _>("trashed_from")?
            .map(|s| ArticleStatus::parse(&s))
            .transpose()?,
        presentation: PresentationRecord {
            top_story: flag(row, "top_story")?,
            featured: flag(row, "featured")?,
            seo_title: row.try_get("seo_title")?,
            meta_description: row.try_get("meta_description")?,
            social_image: row.try_get("social_image")?,
        },
        notes: Vec::new(),
        revisions: Vec::new(),
        pending: None,
        comments: Vec::new(),
    })
}

/// Writes everything but the articles; returns the authors' ids by slug.
async fn write_catalog<'c>(
    tx: &mut Tx,
    catalog: &'c SiteCatalogCopy,
) -> Result<HashMap<&'c Slug, i64>> {
    for (key, value) in &catalog.settings {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut **tx)
        .await?;
    }
    let mut authors = HashMap::new();
    for a in &catalog.authors {
        sqlx::query(
            "INSERT INTO authors (id, slug, name, bio, website, avatar, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a.id)
        .bind(a.slug.as_str())
        .bind(&a.name)
        .bind(&a.bio)
        .bind(a.website.as_deref())
        .bind(a.avatar.as_deref())
        .bind(to_unix(a.created_at))
        .execute(&mut **tx)
        .await?;
        for (language, local) in &a.names {
            sqlx::query(
                "INSERT INTO author_profiles (author_id, language, name, bio) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(a.id)
            .bind(language)
            .bind(&local.name)
            .bind(&local.text)
            .execute(&mut **tx)
            .await?;
        }
        authors.insert(&a.slug, a.id);
    }
    let mut sections: HashMap<&Slug, i64> = HashMap::new();
    for s in &catalog.sections {
        let parent = match &s.parent {
            Some(parent) => Some(*sections.get(parent).ok_or_else(|| {
                Invalid::new("parent", Message::new("import-parent-later").text("parent", parent))
            })?),
            None => None,
        };
        sqlx::query(
            "INSERT INTO sections (id, slug, name, description, parent_id, position) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(s.id)
        .bind(s.slug.as_str())
        .bind(&s.name)
        .bind(&s.description)
        .bind(parent)
        .bind(s.position)
        .execute(&mut **tx)
        .await?;
        for (language, local) in &s.names {
            sqlx::query(
                "INSERT INTO section_names (section_id, language, name, description) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(s.id)
            .bind(language)
            .bind(&local.name)
            .bind(&local.text)
            .execute(&mut **tx)
            .await?;
        }
        sections.insert(&s.slug, s.id);
    }
    for t in &catalog.tags {
        sqlx::query("INSERT INTO tags (id, slug, name) VALUES ($1, $2, $3)")
            .bind(t.id)
            .bind(t.slug.as_str())
            .bind(&t.name)
            .execute(&mut **tx)
            .await?;
        for (language, local) in &t.names {
            sqlx::query("INSERT INTO tag_names (tag_id, language, name) VALUES ($1, $2, $3)")
                .bind(t.id)
                .bind(language)
                .bind(&local.name)
                .execute(&mut **tx)
                .await?;
        }
    }
    for u in &catalog.accounts {
        let author = match &u.author {
            Some(slug) => Some(*authors.get(slug).ok_or_else(|| {
                Invalid::new(
                    "author",
                    Message::new("store-no-such").text("field", "author").text("slug", slug),
                )
            })?),
            None => None,
        };
        sqlx::query(
            "INSERT INTO users (id, email, name, role, password_hash, author_id, \
             interface_language, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(u.id)
        .bind(&u.email)
        .bind(&u.name)
        .bind(u.role.as_str())
        .bind(&u.password_hash)
        .bind(author)
        .bind(u.interface_language.as_deref())
        .bind(to_unix(u.created_at))
        .execute(&mut **tx)
        .await?;
    }
    for k in &catalog.api_keys {
        sqlx::query(
            "INSERT INTO api_keys (id, partner, key_hash, hint, created_at, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(k.id)
        .bind(&k.partner)
        .bind(&k.key_hash)
        .bind(&k.hint)
        .bind(to_unix(k.created_at))
        .bind(k.revoked_at.map(to_unix))
        .execute(&mut **tx)
        .await?;
    }
    for m in &catalog.media {
        sqlx::query(
            "INSERT INTO media (id, path, original_name, mime, width, height, widths, bytes, \
             uploaded_by, created_at, alt, caption, credit) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(m.id)
        .bind(&m.path)
        .bind(&m.original_name)
        .bind(&m.mime)
        .bind(m.width)
        .bind(m.height)
        .bind(&m.widths)
        .bind(m.bytes)
        .bind(m.uploaded_by)
        .bind(to_unix(m.created_at))
        .bind(&m.alt)
        .bind(&m.caption)
        .bind(&m.credit)
        .execute(&mut **tx)
        .await?;
    }
    for p in &catalog.pages {
        sqlx::query(
            "INSERT INTO pages (id, slug, title, body_markdown, body_html, status, language, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(p.id)
        .bind(p.slug.as_str())
        .bind(&p.title)
        .bind(&p.body_markdown)
        .bind(markdown::sanitize(&p.body_html))
        .bind(&p.status)
        .bind(p.language.as_deref())
        .bind(to_unix(p.updated_at))
        .execute(&mut **tx)
        .await?;
        for r in &p.revisions {
            sqlx::query(
                "INSERT INTO page_revisions (page_id, version, saved_at, saved_by, slug, title, \
                 body_markdown) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(p.id)
            .bind(r.version)
            .bind(to_unix(r.saved_at))
            .bind(r.saved_by)
            .bind(r.slug.as_str())
            .bind(&r.title)
            .bind(&r.body_markdown)
            .execute(&mut **tx)
            .await?;
        }
    }
    for m in &catalog.menus {
        sqlx::query("INSERT INTO menus (name, language, saved_at) VALUES ($1, $2, $3)")
            .bind(&m.name)
            .bind(&m.language)
            .bind(to_unix(m.saved_at))
            .execute(&mut **tx)
            .await?;
        for (position, item) in m.items.iter().enumerate() {
            sqlx::query(
                "INSERT INTO menu_items (menu, language, position, kind, target, label) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&m.name)
            .bind(&m.language)
            .bind(position as i64)
            .bind(&item.kind)
            .bind(&item.target)
            .bind(&item.label)
            .execute(&mut **tx)
            .await?;
        }
    }
    for r in &catalog.redirects {
        sqlx::query("INSERT INTO redirects (from_path, to_path) VALUES ($1, $2)")
            .bind(&r.from)
            .bind(&r.to)
            .execute(&mut **tx)
            .await?;
    }
    for b in &catalog.breaking_news {
        sqlx::query(
            "INSERT INTO breaking_news (language, text, link, expires_at, set_at, set_by) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&b.language)
        .bind(&b.text)
        .bind(b.link.as_deref())
        .bind(to_unix(b.expires_at))
        .bind(to_unix(b.set_at))
        .bind(b.set_by)
        .execute(&mut **tx)
        .await?;
    }
    for r in &catalog.import_refs {
        sqlx::query(
            "INSERT INTO import_refs (source, kind, foreign_id, local_id, imported_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&r.source)
        .bind(&r.kind)
        .bind(&r.foreign_id)
        .bind(r.local_id)
        .bind(to_unix(r.imported_at))
        .execute(&mut **tx)
        .await?;
    }
    Ok(authors)
}

/// An article's row, with what is derived from its text computed as a save computes it: the
/// words search indexes and counts, and the related-articles signature.
async fn write_article(tx: &mut Tx, a: &ArticleCopy, section: i64) -> Result<()> {
    let body_html = markdown::sanitize(&a.body_html);
    let body_text = if a.body_markdown.is_empty() {
        markdown::html_text(&body_html)
    } else {
        markdown::plain_text(&a.body_markdown)
    };
    let word_count = lede_core::reading_time::word_count(&body_text);
    let signature = related::encode(&related::signature(&a.headline, &a.standfirst, &body_text));
    let image = a.featured_image.clone().unwrap_or_default();
    let p = &a.presentation;
    sqlx::query(
        "INSERT INTO articles (id, slug, headline, standfirst, body_markdown, body_html, \
         word_count, language, status, section_id, image_src, image_alt, image_caption, \
         image_credit, image_decorative, signature, published_at, created_at, updated_at, \
         body_text, partner_only, version, shown_updated_at, top_story, featured, seo_title, \
         meta_description, social_image, trashed_at, trashed_from) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)",
    )
    .bind(a.id)
    .bind(a.slug.as_str())
    .bind(&a.headline)
    .bind(&a.standfirst)
    .bind(&a.body_markdown)
    .bind(&body_html)
    .bind(word_count as i64)
    .bind(&a.language)
    .bind(a.status.as_str())
    .bind(section)
    .bind(a.featured_image.as_ref().map(|i| i.src.as_str()))
    .bind(&image.alt)
    .bind(&image.caption)
    .bind(&image.credit)
    .bind(i64::from(image.decorative))
    .bind(signature)
    .bind(a.published_at.map(to_unix))
    .bind(to_unix(a.created_at))
    .bind(to_unix(a.updated_at))
    .bind(&body_text)
    .bind(i64::from(a.partner_only))
    .bind(a.version)
    .bind(a.shown_updated_at.map(to_unix))
    .bind(i64::from(p.top_story))
    .bind(i64::from(p.featured))
    .bind(&p.seo_title)
    .bind(&p.meta_description)
    .bind(p.social_image.as_deref())
    .bind(a.trashed_at.map(to_unix))
    .bind(a.trashed_from.map(ArticleStatus::as_str))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An article's revisions, notes, pending version and comments.
async fn write_article_history(tx: &mut Tx, a: &ArticleCopy) -> Result<()> {
    for r in &a.revisions {
        sqlx::query(
            "INSERT INTO revisions (article_id, version, saved_at, saved_by, headline, \
             standfirst, body_markdown) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a.id)
        .bind(r.version)
        .bind(to_unix(r.saved_at))
        .bind(r.saved_by)
        .bind(&r.headline)
        .bind(&r.standfirst)
        .bind(&r.body_markdown)
        .execute(&mut **tx)
        .await?;
    }
    for n in &a.notes {
        sqlx::query(
            "INSERT INTO article_notes (article_id, kind, body, created_at, created_by, version) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(a.id)
        .bind(n.kind.as_str())
        .bind(&n.body)
        .bind(to_unix(n.created_at))
        .bind(n.created_by)
        .bind(n.version)
        .execute(&mut **tx)
        .await?;
    }
    if let Some(p) = &a.pending {
        sqlx::query(
            "INSERT INTO pending_versions (article_id, base_version, content, saved_at, saved_by) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(a.id)
        .bind(p.base_version)
        .bind(&p.content)
        .bind(to_unix(p.saved_at))
        .bind(p.saved_by)
        .execute(&mut **tx)
        .await?;
    }
    for c in &a.comments {
        sqlx::query(
            "INSERT INTO comments (id, article_id, parent_id, name, email_hash, website, body, \
             status, created_at) VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8)",
        )
        .bind(c.id)
        .bind(a.id)
        .bind(c.parent)
        .bind(&c.name)
        .bind(c.website.as_deref())
        .bind(&c.text)
        .bind(c.status.as_str())
        .bind(to_unix(c.created_at))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
