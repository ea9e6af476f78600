//! The one article writer. Every way an article changes (a save from the editor, a status
//! change, a scheduled publish, an import) writes through these functions inside one
//! transaction: the row and its status, its authors and tags, a revision, the redirect from a
//! changed address, the related lists and the search index commit together or not at all, so
//! a crash never leaves a half-done publish, and the search index is written once. A save
//! from the editor also adds its corrections and update notes and drops what it supersedes
//! (the article's pending version, the person's autosaved editor) in the same transaction;
//! "Save for later" keeps a pending version the same way.

use super::articles::article_path;
use super::rows::to_unix;
use super::{Backend, SqlStore, Tx, newsletters, webhooks};
use super::{related as related_candidates, search};
use crate::{Error, Result, SaveContext};
use lede_core::account::UserId;
use lede_core::content::*;
use lede_core::presentation::Presentation;
use lede_core::related::{Candidate, MAX_RELATED, Scorer};
use lede_core::{Invalid, Message, Slug};
use sqlx::Row;
use std::collections::{HashMap, HashSet};
use time::OffsetDateTime;

/// One write to one article.
#[derive(Debug)]
pub(crate) struct ArticleWrite<'a> {
    /// The article to change; `None` creates one, as a draft unless `status` says otherwise.
    pub id: Option<ArticleId>,
    /// New content and its encoded related-articles signature; `None` changes only the status.
    pub content: Option<(&'a CheckedArticle, &'a str)>,
    /// Tags the content names that may not exist yet (slug and display name): created here,
    /// after the newsroom's rules have passed, so a refused save creates nothing.
    pub new_tags: &'a [(Slug, String)],
    /// The status to leave the article in, with its publication time (`None` keeps the stored
    /// one); `None` keeps the status as it is.
    pub status: Option<(ArticleStatus, Option<OffsetDateTime>)>,
    pub context: SaveContext,
    /// The front page's choices and what search and social networks are told, checked;
    /// `None` fields keep what is stored.
    pub presentation: &'a Presentation,
    /// The time recorded as the article's last change (earlier for back-dated content).
    pub stamp: OffsetDateTime,
    /// The present, for scoring related articles by recency.
    pub now: OffsetDateTime,
    /// Corrections and update notes it adds (dated `stamp`), and whether the byline is to say
    /// "Updated" from `stamp` on.
    pub notes: &'a UpdateNotes,
    /// The person whose editor sent it: their autosaved editor for the article (and for a new
    /// article, their new-article slot) and the article's pending version, which the editor
    /// showed them, are superseded and dropped.
    pub from_editor: Option<UserId>,
    /// The list to email the article to if this write leaves it live, and who sent it.
    pub newsletter: Option<(&'a lede_core::newsletter::List, i64)>,
}

/// What a write did.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Written {
    pub id: ArticleId,
    /// Whether it created tags (a catalog change: tag pages and lists appear).
    pub created_tags: bool,
    /// Whether it added a correction (the corrections page changes).
    pub corrected: bool,
    /// Whether it changed which article is a top story or featured (this one's flags, or
    /// another one's that this one's pin replaced): the front page changes.
    pub front_page: bool,
}

impl SqlStore {
    /// Writes one article in one transaction (see the module's documentation).
    pub(crate) async fn write_article(&self, write: ArticleWrite<'_>) -> Result<Written> {
        let mut tx = self.begin().await?;
        let was_live = webhooks::is_live(&mut tx, write.id).await?;
        let created_tags = create_tags(&mut tx, write.new_tags).await?;
        let id = match (write.content, write.id) {
            (Some((article, signature)), id) => {
                save_content(&mut tx, id, article, signature, write.stamp, write.context).await?
            }
            (None, Some(id)) => id,
            (None, None) => return Err(Error::NotFound("article")),
        };
        if let Some((status, published_at)) = write.status {
            set_status(&mut tx, id, status, published_at, write.stamp).await?;
        }
        let corrected = add_notes(&mut tx, id, write.notes, write.stamp, write.context).await?;
        if let Some(user) = write.from_editor {
            supersede(&mut tx, id, user, write.id.is_none()).await?;
        }
        let front_page = write_presentation(&mut tx, id, write.presentation).await?;
        settle(&mut tx, self.backend, &[id], write.now).await?;
        webhooks::enqueue_article(&mut tx, id, was_live, write.now).await?;
        if let Some((list, by)) = write.newsletter
            && webhooks::is_live(&mut tx, Some(id)).await?
        {
            let issue = newsletters::NewIssue::article(list, id, Some(by));
            newsletters::create_issue(&mut tx, &issue, write.now).await?;
        }
        tx.commit().await?;
        Ok(Written { id, created_tags, corrected, front_page })
    }

    /// Publishes a scheduled article if it is still scheduled and no other transaction holds
    /// it: the claim that lets several servers run the scheduler and publish each article
    /// once. On PostgreSQL the row is taken with `FOR UPDATE SKIP LOCKED`, so a server finding
    /// it claimed moves on at once instead of waiting; on SQLite the one writer serialises the
    /// claims. Returns `None`, having written nothing, when the article was not ours to take.
    pub(crate) async fn publish_scheduled(
        &self,
        id: ArticleId,
        now: OffsetDateTime,
    ) -> Result<Option<Written>> {
        let skip_locked = match self.backend {
            Backend::Sqlite => "",
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        };
        let mut tx = self.begin().await?;
        let claimed: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM articles WHERE id = $1 AND status = 'scheduled'{skip_locked}"
        ))
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        if claimed.is_none() {
            tx.rollback().await?;
            return Ok(None);
        }
        // The scheduled time stays the publication time.
        set_status(&mut tx, id, ArticleStatus::Published, None, now).await?;
        settle(&mut tx, self.backend, &[id], now).await?;
        webhooks::enqueue_article(&mut tx, id, false, now).await?;
        tx.commit().await?;
        Ok(Some(Written { id, created_tags: false, corrected: false, front_page: false }))
    }
    /// Moves an article to the trash in one transaction: it becomes a draft that remembers
    /// when it was trashed and the status it had, leaves every list, related list and the
    /// search index, and its preview links stop working (they would show it). Everything else
    /// it has (revisions, comments, tags, notes) stays for a restore.
    pub(crate) async fn trash_article(
        &self,
        id: ArticleId,
        now: OffsetDateTime,
    ) -> Result<Written> {
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "SELECT status, trashed_at, top_story, featured FROM articles WHERE id = $1",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound("article"))?;
        if row.try_get::<Option<i64>, _>("trashed_at")?.is_some() {
            return Err(Invalid::new("status", "store-article-trashed").into());
        }
        let status: String = row.try_get("status")?;
        let curated =
            row.try_get::<i64, _>("top_story")? != 0 || row.try_get::<i64, _>("featured")? != 0;
        sqlx::query(
            "UPDATE articles SET status = 'draft', trashed_at = $1, trashed_from = $2, \
             updated_at = $1 WHERE id = $3",
        )
        .bind(to_unix(now))
        .bind(&status)
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM preview_links WHERE article_id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        settle(&mut tx, self.backend, &[id], now).await?;
        let was_live = status == ArticleStatus::Published.as_str();
        webhooks::enqueue_article(&mut tx, id, was_live, now).await?;
        tx.commit().await?;
        // A live top story or featured article leaves the front page's choices.
        let front_page = curated && status == ArticleStatus::Published.as_str();
        Ok(Written { id, created_tags: false, corrected: false, front_page })
    }

    /// Takes an article out of the trash, as a draft, in one transaction.
    pub(crate) async fn restore_article(
        &self,
        id: ArticleId,
        now: OffsetDateTime,
    ) -> Result<Written> {
        let mut tx = self.begin().await?;
        let done = sqlx::query(
            "UPDATE articles SET trashed_at = NULL, trashed_from = NULL, status = 'draft', \
             updated_at = $1 WHERE id = $2 AND trashed_at IS NOT NULL",
        )
        .bind(to_unix(now))
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Invalid::new("status", "store-article-not-trashed").into());
        }
        tx.commit().await?;
        Ok(Written { id, created_tags: false, corrected: false, front_page: false })
    }

    /// Deletes a trashed article for good, in one transaction: its row and all that hangs on
    /// it (revisions, comments, tags, notes, related lists), the redirects to its address and
    /// the autosaved editors of it. Its translations stay one group around the oldest of them.
    /// Refused for an article outside the trash.
    pub(crate) async fn delete_trashed(&self, id: ArticleId) -> Result<()> {
        let mut tx = self.begin().await?;
        let slug: Option<String> = sqlx::query_scalar(
            "SELECT slug FROM articles WHERE id = $1 AND trashed_at IS NOT NULL",
        )
        .bind(id.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(slug) = slug else {
            return Err(Invalid::new("status", "store-article-not-trashed").into());
        };
        let translations: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM articles WHERE translation_of = $1 ORDER BY id")
                .bind(id.0)
                .fetch_all(&mut *tx)
                .await?;
        if let Some((root, others)) = translations.split_first() {
            sqlx::query("UPDATE articles SET translation_of = NULL WHERE id = $1")
                .bind(root)
                .execute(&mut *tx)
                .await?;
            for other in others {
                sqlx::query("UPDATE articles SET translation_of = $1 WHERE id = $2")
                    .bind(root)
                    .bind(other)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("DELETE FROM redirects WHERE to_path = $1")
            .bind(article_path(&Slug::parse(&slug)?))
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM autosaves WHERE article_key = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM articles WHERE id = $1").bind(id.0).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps `content` (a pending version, serialised) beside a published article, replacing
    /// the one it had, unless the article changed after the version the editor opened
    /// (`expected_version`): then nothing is written and the save is refused as a conflict.
    /// The person's autosaved editor for it is superseded, in the same transaction.
    pub(crate) async fn keep_pending(
        &self,
        id: ArticleId,
        expected_version: Option<i64>,
        content: &str,
        saved_at: OffsetDateTime,
        saved_by: Option<UserId>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let version: Option<i64> = sqlx::query_scalar("SELECT version FROM articles WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
        let version = version.ok_or(Error::NotFound("article"))?;
        if expected_version.is_some_and(|expected| expected != version) {
            return Err(Error::Conflict("store-edit-conflict".into()));
        }
        sqlx::query(
            "INSERT INTO pending_versions (article_id, base_version, content, saved_at, saved_by) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id) DO UPDATE SET \
             base_version = excluded.base_version, content = excluded.content, \
             saved_at = excluded.saved_at, saved_by = excluded.saved_by",
        )
        .bind(id.0)
        .bind(version)
        .bind(content)
        .bind(to_unix(saved_at))
        .bind(saved_by.map(|u| u.0))
        .execute(&mut *tx)
        .await?;
        if let Some(user) = saved_by {
            drop_autosave(&mut tx, user, id.0).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Drops an article's pending version; returns whether it had one.
    pub(crate) async fn drop_pending(&self, id: ArticleId) -> Result<bool> {
        let done = sqlx::query("DELETE FROM pending_versions WHERE article_id = $1")
            .bind(id.0)
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// Adds the corrections and update notes of a save, numbered with the article's version as
/// the save left it, and marks the article updated for readers if asked; returns whether a
/// correction was added. Notes live in their own rows, so no later save or restored revision
/// can drop them.
async fn add_notes(
    tx: &mut Tx,
    id: ArticleId,
    notes: &UpdateNotes,
    stamp: OffsetDateTime,
    context: SaveContext,
) -> Result<bool> {
    for (kind, text) in notes.added() {
        sqlx::query(
            "INSERT INTO article_notes (article_id, kind, body, created_at, created_by, version) \
             SELECT id, $2, $3, $4, $5, version FROM articles WHERE id = $1",
        )
        .bind(id.0)
        .bind(kind.as_str())
        .bind(text)
        .bind(to_unix(stamp))
        .bind(context.saved_by.map(|u| u.0))
        .execute(&mut **tx)
        .await?;
    }
    if notes.show_updated {
        sqlx::query("UPDATE articles SET shown_updated_at = $1 WHERE id = $2")
            .bind(to_unix(stamp))
            .bind(id.0)
            .execute(&mut **tx)
            .await?;
    }
    Ok(!notes.correction.is_empty())
}

/// Drops what a save from `user`'s editor supersedes: the article's pending version (the
/// editor showed it, so the save carries it) and their autosaved editor for the article, or
/// for a `new` one their new-article slot.
async fn supersede(tx: &mut Tx, id: ArticleId, user: UserId, new: bool) -> Result<()> {
    sqlx::query("DELETE FROM pending_versions WHERE article_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    drop_autosave(tx, user, if new { NEW_ARTICLE_SLOT } else { id.0 }).await
}

/// The autosave slot of an article not saved yet.
pub(crate) const NEW_ARTICLE_SLOT: i64 = 0;

async fn drop_autosave(tx: &mut Tx, user: UserId, key: i64) -> Result<()> {
    sqlx::query("DELETE FROM autosaves WHERE user_id = $1 AND article_key = $2")
        .bind(user.0)
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Creates the tags that do not exist yet; returns whether any was. They are inserted in the
/// order of their slugs: a tag being created is locked until its transaction ends, so two
/// editors naming the same new tags in different orders would otherwise deadlock.
async fn create_tags(tx: &mut Tx, tags: &[(Slug, String)]) -> Result<bool> {
    let mut tags: Vec<_> = tags.iter().collect();
    tags.sort_unstable_by(|(a, _), (b, _)| a.as_str().cmp(b.as_str()));
    let mut created = false;
    for (slug, name) in tags {
        let done = sqlx::query(
            "INSERT INTO tags (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(slug.as_str())
        .bind(name.as_str())
        .execute(&mut **tx)
        .await?;
        created |= done.rows_affected() > 0;
    }
    Ok(created)
}

/// Writes an article's content: its row (new, or updated if nobody saved since the version
/// the editor opened), its authors and tags, a revision, and a redirect from its old address
/// when a published article's slug changed.
async fn save_content(
    tx: &mut Tx,
    id: Option<ArticleId>,
    article: &CheckedArticle,
    signature: &str,
    stamp: OffsetDateTime,
    context: SaveContext,
) -> Result<ArticleId> {
    let input = &article.input;
    let section =
        ids_for_slugs(tx, "sections", "section", std::slice::from_ref(&input.section)).await?[0];
    let authors = ids_for_slugs(tx, "authors", "author", &input.authors).await?;
    let tags = ids_for_slugs(tx, "tags", "tag", &input.tags).await?;
    let original = original_of(tx, id, input).await?;
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM articles WHERE slug = $1 AND id <> $2")
            .bind(input.slug.as_str())
            .bind(id.map_or(-1, |i| i.0))
            .fetch_optional(&mut **tx)
            .await?;
    if taken.is_some() {
        return Err(slug_taken(&input.slug));
    }
    let id = match id {
        None => {
            let row = NewRow {
                slug: &input.slug,
                article,
                section,
                signature,
                status: ArticleStatus::Draft,
                published_at: None,
                created_at: stamp,
                updated_at: stamp,
            };
            insert_row(tx, &row).await?.ok_or_else(|| slug_taken(&input.slug))?
        }
        Some(id) => {
            update_row(tx, id, article, section, signature, stamp, context.expected_version).await?
        }
    };
    sqlx::query("UPDATE articles SET translation_of = $1 WHERE id = $2")
        .bind(original)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    write_links(tx, id, &authors, &tags).await?;
    write_revision(tx, id, stamp, context).await?;
    Ok(id)
}

fn slug_taken(slug: &Slug) -> Error {
    Invalid::new("slug", Message::new("store-slug-taken").text("slug", slug)).into()
}

/// The id of the original an article translates, if it names one: the original of a
/// translation is that translation's own original, so a story's versions form one group
/// around it. Refused when it is missing, is the article itself, or is in the same language.
async fn original_of(
    tx: &mut Tx,
    id: Option<ArticleId>,
    input: &ArticleInput,
) -> Result<Option<i64>> {
    let Some(slug) = &input.translation_of else {
        return Ok(None);
    };
    let found: Option<(i64, Option<i64>, String)> =
        sqlx::query_as("SELECT id, translation_of, language FROM articles WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(&mut **tx)
            .await?;
    let found = found.ok_or_else(|| {
        Invalid::new("translation_of", Message::new("store-no-original").text("slug", slug))
    })?;
    Ok(Some(group_root(found, id, &input.language, slug.as_str())?))
}

/// Links an imported article to the original it translates (by id, as the import resolved
/// it), under the same rules as the editor's "Translation of".
pub(super) async fn link_translation(tx: &mut Tx, id: ArticleId, original: i64) -> Result<()> {
    let (original, its_original, its_language, slug, language): (
        i64,
        Option<i64>,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT o.id, o.translation_of, o.language, o.slug, a.language FROM articles o \
             JOIN articles a ON a.id = $2 WHERE o.id = $1",
    )
    .bind(original)
    .bind(id.0)
    .fetch_one(&mut **tx)
    .await?;
    let root = group_root((original, its_original, its_language), Some(id), &language, &slug)?;
    sqlx::query("UPDATE articles SET translation_of = $1 WHERE id = $2")
        .bind(root)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The group a translation joins, given its original `(id, translation_of, language)`.
fn group_root(
    (original, its_original, its_language): (i64, Option<i64>, String),
    id: Option<ArticleId>,
    language: &str,
    slug: &str,
) -> Result<i64> {
    let invalid = |message: Message| Invalid::new("translation_of", message);
    let root = its_original.unwrap_or(original);
    if id.is_some_and(|id| id.0 == root || id.0 == original) {
        return Err(invalid(Message::new("validation-translation-self")).into());
    }
    if its_language == language {
        return Err(invalid(
            Message::new("store-translation-same-language")
                .text("slug", slug)
                .text("language", its_language),
        )
        .into());
    }
    Ok(root)
}

/// A new article's row.
pub(super) struct NewRow<'a> {
    pub slug: &'a Slug,
    pub article: &'a CheckedArticle,
    pub section: i64,
    pub signature: &'a str,
    pub status: ArticleStatus,
    pub published_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// Inserts a new article's row; returns its id, or `None` when its slug is taken (by an
/// article written since the caller looked).
pub(super) async fn insert_row(tx: &mut Tx, row: &NewRow<'_>) -> Result<Option<ArticleId>> {
    let input = &row.article.input;
    let image = input.featured_image.clone().unwrap_or_default();
    let id = sqlx::query_scalar(
        "INSERT INTO articles (slug, headline, standfirst, body_markdown, body_html, \
         word_count, language, section_id, image_src, image_alt, image_caption, \
         image_credit, signature, status, published_at, created_at, updated_at, body_text, \
         partner_only, image_decorative) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(row.slug.as_str())
    .bind(input.headline.as_str())
    .bind(input.standfirst.as_str())
    .bind(input.body_markdown.as_str())
    .bind(row.article.body_html.as_str())
    .bind(i64::from(row.article.word_count))
    .bind(input.language.as_str())
    .bind(row.section)
    .bind(input.featured_image.as_ref().map(|i| i.src.as_str()))
    .bind(image.alt.as_str())
    .bind(image.caption.as_str())
    .bind(image.credit.as_str())
    .bind(row.signature)
    .bind(row.status.as_str())
    .bind(row.published_at.map(to_unix))
    .bind(to_unix(row.created_at))
    .bind(to_unix(row.updated_at))
    .bind(row.article.body_text.as_str())
    .bind(i64::from(input.partner_only))
    .bind(i64::from(image.decorative))
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id.map(ArticleId))
}

/// Updates an article's content, refusing the save (a conflict) when someone saved it after
/// the version `expected_version` the editor opened.
async fn update_row(
    tx: &mut Tx,
    id: ArticleId,
    article: &CheckedArticle,
    section: i64,
    signature: &str,
    stamp: OffsetDateTime,
    expected_version: Option<i64>,
) -> Result<ArticleId> {
    let input = &article.input;
    let old: Option<(String, String)> =
        sqlx::query_as("SELECT slug, status FROM articles WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut **tx)
            .await?;
    let (old_slug, status) = old.ok_or(Error::NotFound("article"))?;
    if old_slug != input.slug.as_str() && status == ArticleStatus::Published.as_str() {
        let from = article_path(&Slug::parse(&old_slug)?);
        record_redirect(tx, &from, &article_path(&input.slug)).await?;
    }
    let image = input.featured_image.clone().unwrap_or_default();
    let updated: Option<i64> = sqlx::query_scalar(
        "UPDATE articles SET slug = $1, headline = $2, standfirst = $3, \
         body_markdown = $4, body_html = $5, word_count = $6, language = $7, \
         section_id = $8, image_src = $9, image_alt = $10, image_caption = $11, \
         image_credit = $12, signature = $13, updated_at = $14, body_text = $15, \
         partner_only = $16, image_decorative = $19, version = version + 1 \
         WHERE id = $17 AND ($18 < 0 OR version = $18) RETURNING id",
    )
    .bind(input.slug.as_str())
    .bind(input.headline.as_str())
    .bind(input.standfirst.as_str())
    .bind(input.body_markdown.as_str())
    .bind(article.body_html.as_str())
    .bind(i64::from(article.word_count))
    .bind(input.language.as_str())
    .bind(section)
    .bind(input.featured_image.as_ref().map(|i| i.src.as_str()))
    .bind(image.alt.as_str())
    .bind(image.caption.as_str())
    .bind(image.credit.as_str())
    .bind(signature)
    .bind(to_unix(stamp))
    .bind(article.body_text.as_str())
    .bind(i64::from(input.partner_only))
    .bind(id.0)
    .bind(expected_version.unwrap_or(-1))
    .bind(i64::from(image.decorative))
    .fetch_optional(&mut **tx)
    .await?;
    updated.map(ArticleId).ok_or_else(|| Error::Conflict("store-edit-conflict".into()))
}

/// Sets an article's status; `published_at` replaces the stored publication time if given.
async fn set_status(
    tx: &mut Tx,
    id: ArticleId,
    status: ArticleStatus,
    published_at: Option<OffsetDateTime>,
    stamp: OffsetDateTime,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE articles SET status = $1, published_at = COALESCE($2, published_at), \
         updated_at = $3 WHERE id = $4",
    )
    .bind(status.as_str())
    .bind(published_at.map(to_unix))
    .bind(to_unix(stamp))
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound("article"));
    }
    Ok(())
}

/// Writes what an edit says of an article's presentation, and keeps one top story per
/// language: an article pinned now (or a pinned one whose language changed) unpins the other.
/// Returns whether a top story or featured flag changed, this article's or another's.
async fn write_presentation(
    tx: &mut Tx,
    id: ArticleId,
    presentation: &Presentation,
) -> Result<bool> {
    let mut changed = false;
    if let Some(curation) = presentation.curation {
        let done = sqlx::query(
            "UPDATE articles SET top_story = $1, featured = $2 \
             WHERE id = $3 AND (top_story <> $1 OR featured <> $2)",
        )
        .bind(i64::from(curation.top_story))
        .bind(i64::from(curation.featured))
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
        changed = done.rows_affected() > 0;
    }
    if let Some(shown) = &presentation.search_and_social {
        sqlx::query(
            "UPDATE articles SET seo_title = $1, meta_description = $2, social_image = $3 \
             WHERE id = $4",
        )
        .bind(shown.title.as_str())
        .bind(shown.description.as_str())
        .bind(shown.image.as_deref())
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    }
    let unpinned = sqlx::query(
        "UPDATE articles SET top_story = 0 WHERE top_story = 1 AND id <> $1 \
         AND language = (SELECT language FROM articles WHERE id = $1 AND top_story = 1)",
    )
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    Ok(changed || unpinned.rows_affected() > 0)
}

/// Replaces an article's byline (in order) and tags.
pub(super) async fn write_links(
    tx: &mut Tx,
    id: ArticleId,
    authors: &[i64],
    tags: &[i64],
) -> Result<()> {
    sqlx::query("DELETE FROM article_authors WHERE article_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    for (position, author) in authors.iter().enumerate() {
        sqlx::query(
            "INSERT INTO article_authors (article_id, author_id, position) VALUES ($1, $2, $3)",
        )
        .bind(id.0)
        .bind(*author)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    for tag in tags {
        sqlx::query("INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)")
            .bind(id.0)
            .bind(*tag)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Keeps the article's text as it now stands as a revision, so its history is complete from
/// the first version (imports included) and every version can be restored.
pub(super) async fn write_revision(
    tx: &mut Tx,
    id: ArticleId,
    stamp: OffsetDateTime,
    context: SaveContext,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO revisions (article_id, version, saved_at, saved_by, headline, standfirst, body_markdown) \
         SELECT id, version, $2, $3, headline, standfirst, body_markdown FROM articles WHERE id = $1",
    )
    .bind(id.0)
    .bind(to_unix(stamp))
    .bind(context.saved_by.map(|u| u.0))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Brings what is derived from articles up to date after they were written: the related
/// lists of the public ones (scored against one read of the articles near them in time or
/// sharing a tag, however many there are, not the whole archive), no related list offering
/// the others, and every one's search entry.
pub(super) async fn settle(
    tx: &mut Tx,
    backend: Backend,
    ids: &[ArticleId],
    now: OffsetDateTime,
) -> Result<()> {
    let mut public = Vec::new();
    for id in ids {
        let row = sqlx::query("SELECT status, partner_only FROM articles WHERE id = $1")
            .bind(id.0)
            .fetch_one(&mut **tx)
            .await?;
        let published = row.try_get::<String, _>("status")? == ArticleStatus::Published.as_str();
        if published && row.try_get::<i64, _>("partner_only")? == 0 {
            public.push(*id);
        } else {
            // Reader pages list related articles; an article they may not show leaves them.
            sqlx::query("DELETE FROM related_articles WHERE related_id = $1")
                .bind(id.0)
                .execute(&mut **tx)
                .await?;
        }
    }
    if !public.is_empty() {
        let candidates = related_candidates::candidates_near(tx, &public).await?;
        let scorer = Scorer::new(&candidates, now);
        let fresh: HashSet<ArticleId> = public.iter().copied().collect();
        let by_id: HashMap<ArticleId, &Candidate> = candidates.iter().map(|c| (c.id, c)).collect();
        for id in &public {
            let Some(target) = by_id.get(id) else {
                continue;
            };
            let (list, mut offers) = scorer.lists(target);
            // The lists of the others written here are computed in full anyway.
            offers.retain(|(other, _)| !fresh.contains(other));
            store_related(tx, *id, &list, &mut offers).await?;
        }
    }
    for id in ids {
        search::index(tx, backend, *id).await?;
    }
    Ok(())
}

/// Replaces `id`'s related list and offers `id` to other articles' lists with the given scores
/// (each list keeps only its best entries). Offers are written in the order of the articles'
/// ids, so concurrent publishes lock rows in one order and cannot deadlock each other.
async fn store_related(
    tx: &mut Tx,
    id: ArticleId,
    list: &[(ArticleId, f64)],
    offers: &mut [(ArticleId, f64)],
) -> Result<()> {
    sqlx::query("DELETE FROM related_articles WHERE article_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    for (related, score) in list {
        sqlx::query(UPSERT_RELATED)
            .bind(id.0)
            .bind(related.0)
            .bind(*score)
            .execute(&mut **tx)
            .await?;
    }
    offers.sort_unstable_by_key(|(other, _)| *other);
    for (other, score) in offers.iter() {
        sqlx::query(UPSERT_RELATED)
            .bind(other.0)
            .bind(id.0)
            .bind(*score)
            .execute(&mut **tx)
            .await?;
        trim_related(tx, other.0).await?;
    }
    Ok(())
}

const UPSERT_RELATED: &str = "INSERT INTO related_articles (article_id, related_id, score) \
    VALUES ($1, $2, $3) \
    ON CONFLICT (article_id, related_id) DO UPDATE SET score = excluded.score";

/// Keeps only the best entries of `article`'s related list.
async fn trim_related(tx: &mut Tx, article: i64) -> Result<()> {
    sqlx::query(
        "DELETE FROM related_articles WHERE article_id = $1 AND related_id NOT IN \
         (SELECT related_id FROM related_articles WHERE article_id = $1 \
          ORDER BY score DESC, related_id DESC LIMIT $2)",
    )
    .bind(article)
    .bind(MAX_RELATED as i64)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes related-list rows `(article, related, score)` computed elsewhere (an import's
/// plan), then trims the lists of the `trimmed` articles to their best entries. Rows are
/// written in the order of their articles' ids, as [`store_related`] writes offers, so an
/// import and concurrent publishes lock rows in one order.
pub(super) async fn store_related_rows(
    tx: &mut Tx,
    rows: &mut [(i64, i64, f64)],
    trimmed: &mut Vec<i64>,
) -> Result<()> {
    rows.sort_unstable_by_key(|(article, related, _)| (*article, *related));
    for (article, related, score) in rows.iter() {
        sqlx::query(UPSERT_RELATED)
            .bind(article)
            .bind(related)
            .bind(score)
            .execute(&mut **tx)
            .await?;
    }
    trimmed.sort_unstable();
    trimmed.dedup();
    for article in trimmed.iter() {
        trim_related(tx, *article).await?;
    }
    Ok(())
}

/// Looks up the ids of slugs in a table, refusing any that does not exist.
async fn ids_for_slugs(
    tx: &mut Tx,
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
        let id = id.ok_or_else(|| {
            Invalid::new(
                field,
                Message::new("store-no-such").text("field", field).text("slug", slug),
            )
        })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Points `from` at `to`, and re-points older redirects that led to `from`, so chains of
/// renames answer in one hop. A redirect away from `to` itself is dropped (the slug is back).
pub(super) async fn record_redirect(tx: &mut Tx, from: &str, to: &str) -> Result<()> {
    sqlx::query("DELETE FROM redirects WHERE from_path = $1").bind(to).execute(&mut **tx).await?;
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
