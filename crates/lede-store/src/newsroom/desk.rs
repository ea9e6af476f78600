//! The editor's conveniences that readers never see: each person's autosaved editor (a slot
//! per person and article, never a revision, never live) and preview links that show a draft
//! to someone without an account. Both are for whoever may open the article in the newsroom
//! (`workflow::may_open`).

use super::Newsroom;
use crate::{Error, PreviewLink, Result};
use lede_core::account::User;
use lede_core::content::ArticleId;
use lede_core::workflow;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// How long a preview link works: a week is enough for a source or a lawyer to read a draft,
/// and short enough that a forwarded link does not show it for ever.
pub const PREVIEW_LINK_LIFETIME: Duration = Duration::days(7);

/// The most an autosave keeps: the longest article body and its fields, with room to spare.
const MAX_AUTOSAVE_BYTES: usize = 1024 * 1024;

/// The SHA-256 of a preview token, as it is stored and looked up.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Newsroom {
    /// Refuses (403) someone who may not open `article` in the newsroom; a 404 when there is
    /// no such article.
    async fn check_may_open(&self, user: &User, article: ArticleId) -> Result<()> {
        let current =
            self.store.editable_article(article).await?.ok_or(Error::NotFound("article"))?;
        let own = user.author.is_some_and(|a| current.author_ids.contains(&a));
        if workflow::may_open(user.role, own) {
            Ok(())
        } else {
            Err(Error::Forbidden("workflow-not-author".into()))
        }
    }

    /// Keeps `content` (the editor's fields, in whatever shape the editor sends them) in
    /// `user`'s autosave slot for `article` (`None`: their new, unsaved article), replacing
    /// what it held; returns when. A save from their editor empties the slot.
    pub async fn autosave(
        &self,
        user: &User,
        article: Option<ArticleId>,
        content: &str,
    ) -> Result<OffsetDateTime> {
        if let Some(article) = article {
            self.check_may_open(user, article).await?;
        }
        if content.len() > MAX_AUTOSAVE_BYTES {
            return Err(lede_core::Invalid::new("body", "validation-body-too-long").into());
        }
        let now = self.now();
        self.store.put_autosave(user.id, article, content, now).await?;
        Ok(now)
    }

    /// Makes a link that shows `article` (as it stands whenever the link is opened) to
    /// anyone who has it, for [`PREVIEW_LINK_LIFETIME`]. Returns the secret token, to be
    /// shown once: only its hash is kept, so a lost link is revoked and made anew.
    pub async fn share_preview(&self, user: &User, article: ArticleId) -> Result<String> {
        self.check_may_open(user, article).await?;
        let token: String = (0..32).map(|_| format!("{:02x}", rand::random::<u8>())).collect();
        let now = self.now();
        self.store
            .add_preview_link(
                article,
                &token_hash(&token),
                now,
                now + PREVIEW_LINK_LIFETIME,
                Some(user.id),
            )
            .await?;
        Ok(token)
    }

    /// Revokes one of `article`'s preview links at once; a 404 for a link it does not have
    /// (or one already revoked).
    pub async fn revoke_preview(&self, user: &User, article: ArticleId, link: i64) -> Result<()> {
        self.check_may_open(user, article).await?;
        if self.store.revoke_preview_link(article, link, self.now()).await? {
            Ok(())
        } else {
            Err(Error::NotFound("preview link"))
        }
    }

    /// The article a preview token shows, while its link is live.
    pub async fn previewed_by(&self, token: &str) -> Result<Option<ArticleId>> {
        let link = self.store.preview_link_by_hash(&token_hash(token)).await?;
        Ok(link.filter(|l| l.is_live(self.now())).map(|l| l.article))
    }

    /// `article`'s preview links that still work.
    pub async fn live_preview_links(&self, article: ArticleId) -> Result<Vec<PreviewLink>> {
        self.store.live_preview_links(article, self.now()).await
    }
}
