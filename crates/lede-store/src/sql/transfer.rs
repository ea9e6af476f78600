//! Whole-site transfers: an import written in one transaction, and the site read back out for
//! an export. Imports remember each item's foreign id in `import_refs`, so the same export
//! imported twice finds everything already there and writes nothing.

use super::article_writer::{self, NewRow};
use super::articles::{article_path, stored_path};
use super::comments::comment;
use super::rows::{self, AUTHOR_COLUMNS, from_unix, to_unix};
use super::{SqlStore, Tx, placeholders};
use crate::{Error, Result, SaveContext};
use lede_core::content::*;
use lede_core::transfer::*;
use lede_core::{Invalid, Message, Slug};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// The rows an import already made, by kind and foreign id.
#[derive(Debug, Default)]
struct Refs(HashMap<(String, String), i64>);

impl Refs {
    async fn load(tx: &mut Tx, source: &str) -> Result<Self> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT kind, foreign_id, local_id FROM import_refs WHERE source = $1")
                .bind(source)
                .fetch_all(&mut **tx)
                .await?;
        Ok(Self(rows.into_iter().map(|(kind, foreign, local)| ((kind, foreign), local)).collect()))
    }

    fn get(&self, kind: &str, foreign_id: &str) -> Option<i64> {
        self.0.get(&(kind.to_owned(), foreign_id.to_owned())).copied()
    }

    async fn add(
        &mut self,
        tx: &mut Tx,
        source: &str,
        kind: &str,
        foreign_id: &str,
        local_id: i64,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO import_refs (source, kind, foreign_id, local_id, imported_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(source)
        .bind(kind)
        .bind(foreign_id)
        .bind(local_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        self.0.insert((kind.to_owned(), foreign_id.to_owned()), local_id);
        Ok(())
    }
}

/// Every slug of a table with its id (`table` is one of ours, never input).
async fn slug_ids(tx: &mut Tx, table: &'static str) -> Result<HashMap<String, i64>> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as(&format!("SELECT slug, id FROM {table}")).fetch_all(&mut **tx).await?;
    Ok(rows.into_iter().collect())
}

/// The id a slug names, or an error naming what is missing.
fn resolve(
    ids: &HashMap<String, i64>,
    slug: &Slug,
    field: &'static str,
    label: &str,
) -> Result<i64> {
    ids.get(slug.as_str()).copied().ok_or_else(|| {
        Invalid::new(
            field,
            lede_core::Message::new("import-no-such")
                .text("label", label)
                .text("field", field)
                .text("slug", slug),
        )
        .into()
    })
}

/// `slug`, or the first of `slug-2`, `slug-3`… that `taken` does not hold.
fn free_slug(slug: &Slug, taken: &HashMap<String, i64>) -> Slug {
    let mut candidate = slug.clone();
    let mut n = 2;
    while taken.contains_key(candidate.as_str()) {
        candidate = slug.numbered(n);
        n += 1;
    }
    candidate
}

/// Redirects an imported item's old address to its new one, through the same writer as a
/// renamed article's; `false` when the old address is no path of its own (the site's root).
async fn add_redirect(tx: &mut Tx, old: &str, new: &str) -> Result<bool> {
    let Some(from) = redirect_from(old, new) else {
        return Ok(false);
    };
    article_writer::record_redirect(tx, &from, new).await?;
    Ok(true)
}

/// One import in progress: the transaction, what it found and what it did so far.
struct Import<'a> {
    tx: Tx,
    source: &'a str,
    now: i64,
    refs: Refs,
    out: ImportOutcome,
}

impl Import<'_> {
    async fn authors(&mut self, authors: &[ImportAuthor]) -> Result<HashMap<String, i64>> {
        let mut ids = slug_ids(&mut self.tx, "authors").await?;
        for a in authors {
            let slug = a.author.slug.as_str();
            let id = if let Some(id) = self.refs.get("author", &a.foreign_id) {
                self.out.already_imported.authors += 1;
                id
            } else {
                let id = match ids.get(slug) {
                    Some(id) => {
                        self.out.matched.authors += 1;
                        *id
                    }
                    None => {
                        self.out.created.authors += 1;
                        sqlx::query_scalar(
                            "INSERT INTO authors (slug, name, bio, website, created_at) \
                             VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        )
                        .bind(slug)
                        .bind(a.author.name.as_str())
                        .bind(a.author.bio.as_str())
                        .bind(a.author.website.as_deref())
                        .bind(self.now)
                        .fetch_one(&mut *self.tx)
                        .await?
                    }
                };
                self.refs
                    .add(&mut self.tx, self.source, "author", &a.foreign_id, id, self.now)
                    .await?;
                id
            };
            ids.insert(slug.to_owned(), id);
        }
        Ok(ids)
    }

    async fn sections(&mut self, sections: &[ImportSection]) -> Result<HashMap<String, i64>> {
        let mut ids = slug_ids(&mut self.tx, "sections").await?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(position) FROM sections")
            .fetch_one(&mut *self.tx)
            .await?;
        let mut position = last.map_or(0, |p| p + 1);
        for s in sections {
            let slug = s.section.slug.as_str();
            let id = if let Some(id) = self.refs.get("section", &s.foreign_id) {
                self.out.already_imported.sections += 1;
                id
            } else {
                let id = match ids.get(slug) {
                    Some(id) => {
                        self.out.matched.sections += 1;
                        *id
                    }
                    None => {
                        let label = format!("category {}", s.foreign_id);
                        let parent = s
                            .section
                            .parent
                            .as_ref()
                            .map(|p| resolve(&ids, p, "section", &label))
                            .transpose()?;
                        self.out.created.sections += 1;
                        position += 1;
                        sqlx::query_scalar(
                            "INSERT INTO sections (slug, name, description, parent_id, position) \
                             VALUES ($1, $2, $3, $4, $5) RETURNING id",
                        )
                        .bind(slug)
                        .bind(s.section.name.as_str())
                        .bind(s.section.description.as_str())
                        .bind(parent)
                        .bind(position - 1)
                        .fetch_one(&mut *self.tx)
                        .await?
                    }
                };
                self.refs
                    .add(&mut self.tx, self.source, "section", &s.foreign_id, id, self.now)
                    .await?;
                id
            };
            ids.insert(slug.to_owned(), id);
        }
        Ok(ids)
    }

    async fn tags(&mut self, tags: &[ImportTag]) -> Result<HashMap<String, i64>> {
        let mut ids = slug_ids(&mut self.tx, "tags").await?;
        for t in tags {
            let slug = t.slug.as_str();
            let id = if let Some(id) = self.refs.get("tag", &t.foreign_id) {
                self.out.already_imported.tags += 1;
                id
            } else {
                let id = match ids.get(slug) {
                    Some(id) => {
                        self.out.matched.tags += 1;
                        *id
                    }
                    None => {
                        self.out.created.tags += 1;
                        sqlx::query_scalar(
                            "INSERT INTO tags (slug, name) VALUES ($1, $2) RETURNING id",
                        )
                        .bind(slug)
                        .bind(t.name.as_str())
                        .fetch_one(&mut *self.tx)
                        .await?
                    }
                };
                self.refs
                    .add(&mut self.tx, self.source, "tag", &t.foreign_id, id, self.now)
                    .await?;
                id
            };
            ids.insert(slug.to_owned(), id);
        }
        Ok(ids)
    }

    async fn articles(
        &mut self,
        articles: &[CheckedImportArticle],
        authors: &HashMap<String, i64>,
        sections: &HashMap<String, i64>,
        tags: &HashMap<String, i64>,
    ) -> Result<()> {
        let mut slugs = slug_ids(&mut self.tx, "articles").await?;
        let mut translations = Vec::new();
        for a in articles {
            if self.refs.get("article", &a.foreign_id).is_some() {
                self.out.already_imported.articles += 1;
                continue;
            }
            let input = &a.article.input;
            let slug = free_slug(&input.slug, &slugs);
            if slug != input.slug {
                self.out.renamed.push(Renamed {
                    kind: "article",
                    label: a.label.clone(),
                    from: input.slug.clone(),
                    to: slug.clone(),
                });
            }
            let section = resolve(sections, &input.section, "section", &a.label)?;
            let mut author_ids = Vec::new();
            for author in &input.authors {
                let id = resolve(authors, author, "author", &a.label)?;
                if !author_ids.contains(&id) {
                    author_ids.push(id);
                }
            }
            let mut tag_ids = Vec::new();
            for tag in &input.tags {
                let id = resolve(tags, tag, "tag", &a.label)?;
                if !tag_ids.contains(&id) {
                    tag_ids.push(id);
                }
            }
            let created_at = a.published_at.unwrap_or(a.updated_at).min(a.updated_at);
            let row = NewRow {
                slug: &slug,
                article: &a.article,
                section,
                signature: &a.signature,
                status: a.status,
                published_at: a.published_at,
                created_at,
                updated_at: a.updated_at,
            };
            let id = article_writer::insert_row(&mut self.tx, &row).await?;
            article_writer::write_links(&mut self.tx, id, &author_ids, &tag_ids).await?;
            // The imported text is the first revision, so its history can be restored.
            let first = SaveContext::default();
            article_writer::write_revision(&mut self.tx, id, a.updated_at, first).await?;
            let id = id.0;
            self.refs
                .add(&mut self.tx, self.source, "article", &a.foreign_id, id, self.now)
                .await?;
            slugs.insert(slug.to_string(), id);
            if let Some(original) = &a.translation_of {
                translations.push((ArticleId(id), original, &a.label));
            }
            self.out.created.articles += 1;
            self.out.new_articles.push(ArticleId(id));
            if a.status == ArticleStatus::Published {
                self.out.new_published.push(ArticleId(id));
                let to = article_path(&slug);
                for old in &a.old_paths {
                    self.out.redirects += u64::from(add_redirect(&mut self.tx, old, &to).await?);
                }
            }
        }
        // Links last: a translation may come before its original in the file.
        for (id, original, label) in translations {
            let original = self.refs.get("article", original).ok_or_else(|| {
                labelled(
                    label,
                    Invalid::new(
                        "translation_of",
                        Message::new("import-translation-missing").text("original", original),
                    ),
                )
            })?;
            article_writer::link_translation(&mut self.tx, id, original).await.map_err(
                |e| match e {
                    Error::Invalid(invalid) => labelled(label, invalid).into(),
                    other => other,
                },
            )?;
        }
        Ok(())
    }

    async fn pages(&mut self, pages: &[CheckedImportPage]) -> Result<()> {
        let mut slugs = slug_ids(&mut self.tx, "pages").await?;
        for p in pages {
            if self.refs.get("page", &p.foreign_id).is_some() {
                self.out.already_imported.pages += 1;
                continue;
            }
            let slug = free_slug(&p.page.slug, &slugs);
            if slug != p.page.slug {
                self.out.renamed.push(Renamed {
                    kind: "page",
                    label: p.label.clone(),
                    from: p.page.slug.clone(),
                    to: slug.clone(),
                });
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO pages (slug, title, body_markdown, body_html, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(slug.as_str())
            .bind(p.page.title.as_str())
            .bind(p.page.body_markdown.as_str())
            .bind(p.body_html.as_str())
            .bind(to_unix(p.updated_at))
            .fetch_one(&mut *self.tx)
            .await?;
            self.refs.add(&mut self.tx, self.source, "page", &p.foreign_id, id, self.now).await?;
            slugs.insert(slug.to_string(), id);
            self.out.created.pages += 1;
            let to = stored_path(&lede_core::urls::page(&slug));
            for old in &p.old_paths {
                self.out.redirects += u64::from(add_redirect(&mut self.tx, old, &to).await?);
            }
        }
        Ok(())
    }

    async fn comments(&mut self, comments: &[CheckedImportComment]) -> Result<()> {
        for c in comments {
            if self.refs.get("comment", &c.foreign_id).is_some() {
                self.out.already_imported.comments += 1;
                continue;
            }
            let Some(article) = self.refs.get("article", &c.article) else {
                self.out.orphan_comments += 1;
                continue;
            };
            let parent = c.parent.as_deref().and_then(|p| self.refs.get("comment", p));
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO comments (article_id, parent_id, name, email_hash, website, body, \
                 status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(article)
            .bind(parent)
            .bind(c.name.as_str())
            .bind(c.email_hash.as_str())
            .bind(c.website.as_deref())
            .bind(c.text.as_str())
            .bind(c.status.as_str())
            .bind(to_unix(c.created_at))
            .fetch_one(&mut *self.tx)
            .await?;
            self.refs
                .add(&mut self.tx, self.source, "comment", &c.foreign_id, id, self.now)
                .await?;
            self.out.created.comments += 1;
        }
        Ok(())
    }
}

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
    pub(crate) async fn write_import(
        &self,
        import: &CheckedImport,
        now: OffsetDateTime,
    ) -> Result<ImportOutcome> {
        let mut tx = self.begin().await?;
        let refs = Refs::load(&mut tx, &import.source).await?;
        let mut run = Import {
            tx,
            source: &import.source,
            now: to_unix(now),
            refs,
            out: ImportOutcome::default(),
        };
        let authors = run.authors(&import.authors).await?;
        let sections = run.sections(&import.sections).await?;
        let tags = run.tags(&import.tags).await?;
        run.articles(&import.articles, &authors, &sections, &tags).await?;
        run.pages(&import.pages).await?;
        run.comments(&import.comments).await?;
        // Related lists and search entries in the same transaction: an import is searchable
        // the moment it is visible, and a crash leaves neither half done.
        article_writer::settle(&mut run.tx, self.backend, &run.out.new_articles, now).await?;
        run.tx.commit().await?;
        Ok(run.out)
    }

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
