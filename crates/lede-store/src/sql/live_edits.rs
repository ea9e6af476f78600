//! What the newsroom keeps around an article's text: its corrections and update notes (and
//! the site's list of recent corrections), the pending version of a published article, each
//! person's autosaved editor, and preview links for people without accounts. Writes that
//! change an article (notes, pending versions) live in the article writer; the autosave slots
//! and preview links, which readers never see, are written here.

use super::SqlStore;
use super::article_writer::NEW_ARTICLE_SLOT;
use super::rows::{SUMMARY_COLUMNS, from_unix, to_unix};
use crate::{
    Autosave, CorrectionEntry, Error, PageRequest, Paged, PendingVersion, PreviewLink, Result,
};
use lede_core::Slug;
use lede_core::account::UserId;
use lede_core::content::*;
use lede_core::presentation::Presentation;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// A pending version as it is stored: everything but its bookkeeping, as one JSON text.
#[derive(serde::Serialize, serde::Deserialize)]
struct PendingContent {
    input: ArticleInput,
    tag_names: Vec<(Slug, String)>,
    notes: UpdateNotes,
    /// Absent from versions kept before presentations were (they keep what the article has).
    #[serde(default)]
    presentation: Presentation,
}

/// Serialises a pending version's content for [`SqlStore::keep_pending`].
pub(crate) fn pending_content(
    input: &ArticleInput,
    tag_names: &[(Slug, String)],
    notes: &UpdateNotes,
    presentation: &Presentation,
) -> Result<String> {
    let content = PendingContent {
        input: input.clone(),
        tag_names: tag_names.to_vec(),
        notes: notes.clone(),
        presentation: presentation.clone(),
    };
    serde_json::to_string(&content).map_err(|e| Error::Config(e.to_string()))
}

fn note(row: &AnyRow) -> Result<ArticleNote> {
    Ok(ArticleNote {
        kind: NoteKind::parse(&row.try_get::<String, _>("kind")?)?,
        text: row.try_get("body")?,
        at: from_unix(row.try_get("created_at")?),
    })
}

fn preview_link(row: &AnyRow) -> Result<PreviewLink> {
    Ok(PreviewLink {
        id: row.try_get("id")?,
        article: ArticleId(row.try_get("article_id")?),
        created_at: from_unix(row.try_get("created_at")?),
        expires_at: from_unix(row.try_get("expires_at")?),
        created_by: row.try_get("created_by_name")?,
        revoked_at: row.try_get::<Option<i64>, _>("revoked_at")?.map(from_unix),
    })
}

/// The columns [`preview_link`] reads, over `preview_links l LEFT JOIN users u`.
const LINK_COLUMNS: &str = "l.id, l.article_id, l.created_at, l.expires_at, l.revoked_at, \
    u.name AS created_by_name";

impl SqlStore {
    /// An article's corrections and update notes, oldest first.
    pub async fn article_notes(&self, id: ArticleId) -> Result<Vec<ArticleNote>> {
        let rows = sqlx::query(
            "SELECT kind, body, created_at FROM article_notes WHERE article_id = $1 \
             ORDER BY created_at, id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(note).collect()
    }

    /// Whether an article has a correction (so a change to where it is listed changes the
    /// corrections page).
    pub async fn has_corrections(&self, id: ArticleId) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM article_notes WHERE article_id = $1 AND kind = 'correction' LIMIT 1",
        )
        .bind(id.0)
        .fetch_optional(&self.write)
        .await?;
        Ok(found.is_some())
    }

    /// The corrections to published, public articles, newest first, in `language` only when
    /// given: the corrections page.
    pub async fn recent_corrections(
        &self,
        language: Option<&str>,
        page: PageRequest,
    ) -> Result<Paged<CorrectionEntry>> {
        let clause = "n.kind = 'correction' AND a.status = 'published' AND a.partner_only = 0 \
                      AND ($1 = '' OR a.language = $1)";
        let language = language.unwrap_or_default();
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM article_notes n JOIN articles a ON a.id = n.article_id \
             WHERE {clause}"
        ))
        .bind(language)
        .fetch_one(&self.read)
        .await?;
        let rows = sqlx::query(&format!(
            "SELECT n.body AS note_body, n.created_at AS noted_at, {SUMMARY_COLUMNS} \
             FROM article_notes n JOIN articles a ON a.id = n.article_id \
             JOIN sections s ON s.id = a.section_id WHERE {clause} \
             ORDER BY n.created_at DESC, n.id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(language)
        .bind(i64::from(page.size))
        .bind(page.offset())
        .fetch_all(&self.read)
        .await?;
        let summaries = self.summaries(&rows).await?;
        let items = rows
            .iter()
            .zip(summaries)
            .map(|(row, summary)| {
                Ok(CorrectionEntry {
                    summary,
                    text: row.try_get("note_body")?,
                    at: from_unix(row.try_get("noted_at")?),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Paged { items, page, total: u64::try_from(total).unwrap_or(0) })
    }

    /// An article's body as saved (sanitised HTML) and its word count, in any status.
    pub async fn stored_body(&self, id: ArticleId) -> Result<Option<(String, u32)>> {
        let row = sqlx::query("SELECT body_html, word_count FROM articles WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?;
        row.map(|row| {
            let words = u32::try_from(row.try_get::<i64, _>("word_count")?).unwrap_or(0);
            Ok((row.try_get("body_html")?, words))
        })
        .transpose()
    }

    /// A published article's pending version, if changes to it were saved for later.
    pub async fn pending_version(&self, id: ArticleId) -> Result<Option<PendingVersion>> {
        let row = sqlx::query(
            "SELECT p.base_version, p.content, p.saved_at, u.name AS saved_by_name \
             FROM pending_versions p LEFT JOIN users u ON u.id = p.saved_by \
             WHERE p.article_id = $1",
        )
        .bind(id.0)
        .fetch_optional(&self.write)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let content: PendingContent =
            serde_json::from_str(&row.try_get::<String, _>("content")?)
                .map_err(|e| Error::Config(format!("a pending version does not read: {e}")))?;
        Ok(Some(PendingVersion {
            input: content.input,
            tag_names: content.tag_names,
            notes: content.notes,
            presentation: content.presentation,
            base_version: row.try_get("base_version")?,
            saved_at: from_unix(row.try_get("saved_at")?),
            saved_by: row.try_get("saved_by_name")?,
        }))
    }

    /// `user`'s autosaved editor for `article` (`None`: their new, unsaved article).
    pub async fn autosave(
        &self,
        user: UserId,
        article: Option<ArticleId>,
    ) -> Result<Option<Autosave>> {
        let row = sqlx::query(
            "SELECT content, saved_at FROM autosaves WHERE user_id = $1 AND article_key = $2",
        )
        .bind(user.0)
        .bind(article.map_or(NEW_ARTICLE_SLOT, |a| a.0))
        .fetch_optional(&self.write)
        .await?;
        row.map(|row| {
            Ok(Autosave {
                content: row.try_get("content")?,
                saved_at: from_unix(row.try_get("saved_at")?),
            })
        })
        .transpose()
    }

    /// Fills `user`'s autosave slot for `article`, replacing what it held.
    pub(crate) async fn put_autosave(
        &self,
        user: UserId,
        article: Option<ArticleId>,
        content: &str,
        at: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO autosaves (user_id, article_key, content, saved_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, article_key) DO UPDATE SET \
             content = excluded.content, saved_at = excluded.saved_at",
        )
        .bind(user.0)
        .bind(article.map_or(NEW_ARTICLE_SLOT, |a| a.0))
        .bind(content)
        .bind(to_unix(at))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Stores a preview link by its token's hash; returns the link.
    pub(crate) async fn add_preview_link(
        &self,
        article: ArticleId,
        token_hash: &str,
        created_at: OffsetDateTime,
        expires_at: OffsetDateTime,
        created_by: Option<UserId>,
    ) -> Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO preview_links (article_id, token_hash, created_at, expires_at, created_by) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(article.0)
        .bind(token_hash)
        .bind(to_unix(created_at))
        .bind(to_unix(expires_at))
        .bind(created_by.map(|u| u.0))
        .fetch_one(&self.write)
        .await?;
        Ok(id)
    }

    /// Revokes one of `article`'s preview links at `at`; returns whether it was live.
    pub(crate) async fn revoke_preview_link(
        &self,
        article: ArticleId,
        link: i64,
        at: OffsetDateTime,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE preview_links SET revoked_at = $1 \
             WHERE id = $2 AND article_id = $3 AND revoked_at IS NULL",
        )
        .bind(to_unix(at))
        .bind(link)
        .bind(article.0)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The preview link whose token hashes to `token_hash`, live or not.
    pub async fn preview_link_by_hash(&self, token_hash: &str) -> Result<Option<PreviewLink>> {
        let row = sqlx::query(&format!(
            "SELECT {LINK_COLUMNS} FROM preview_links l LEFT JOIN users u ON u.id = l.created_by \
             WHERE l.token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(preview_link).transpose()
    }

    /// An article's preview links that still work at `now`, newest first.
    pub async fn live_preview_links(
        &self,
        article: ArticleId,
        now: OffsetDateTime,
    ) -> Result<Vec<PreviewLink>> {
        let rows = sqlx::query(&format!(
            "SELECT {LINK_COLUMNS} FROM preview_links l LEFT JOIN users u ON u.id = l.created_by \
             WHERE l.article_id = $1 AND l.revoked_at IS NULL AND l.expires_at > $2 \
             ORDER BY l.created_at DESC, l.id DESC"
        ))
        .bind(article.0)
        .bind(to_unix(now))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(preview_link).collect()
    }
}
