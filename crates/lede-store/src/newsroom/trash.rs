//! The trash and the desk's bulk actions. Trashing takes an article off the site but keeps it
//! whole; restoring brings it back as a draft (as WordPress does: nothing goes live again by
//! surprise); only editors and admins delete trashed articles for good. A bulk action is each
//! article's own change, through the same rules and the same one-transaction writes as the
//! editor's, so one refused article leaves the others done and itself untouched.

use super::Newsroom;
use super::articles::Origin;
use crate::{Error, Result, SaveContext};
use lede_core::Slug;
use lede_core::account::User;
use lede_core::content::*;
use lede_core::workflow::{self, Refusal, Step};

fn refused(refusal: Refusal) -> Error {
    match refusal {
        Refusal::Forbidden(message) => Error::Forbidden(message),
        Refusal::Invalid(invalid) => Error::Invalid(invalid),
    }
}

impl Newsroom {
    /// Whether `user` may trash or restore the article (`workflow::may_trash`).
    async fn check_trash(&self, user: &User, id: ArticleId) -> Result<()> {
        let current = self.store.editable_article(id).await?.ok_or(Error::NotFound("article"))?;
        let own = user.author.is_some_and(|a| current.author_ids.contains(&a));
        let status = match current.trashed_at {
            // In the trash it is a draft; what it was decides who may bring it back.
            Some(_) => ArticleStatus::Draft,
            None => current.status,
        };
        workflow::may_trash(user.role, own, status).map_err(refused)
    }

    /// Moves an article to the trash on behalf of `user`: it leaves the site (its lists,
    /// feeds, sitemaps, search, the API) at once, and the pages that showed it are purged.
    pub async fn trash_article(&self, user: &User, id: ArticleId) -> Result<()> {
        self.check_trash(user, id).await?;
        let before = self.placement(Some(id)).await?;
        let written = self.store.trash_article(id, self.now()).await?;
        self.announce_article(written, before).await
    }

    /// Takes an article out of the trash as a draft, on behalf of `user`.
    pub async fn restore_article(&self, user: &User, id: ArticleId) -> Result<()> {
        self.check_trash(user, id).await?;
        self.store.restore_article(id, self.now()).await?;
        Ok(())
    }

    /// Deletes a trashed article for good: editors and admins only.
    pub async fn delete_trashed(&self, user: &User, id: ArticleId) -> Result<()> {
        if !workflow::may_empty_trash(user.role) {
            return Err(Error::Forbidden("workflow-empty-trash-editors".into()));
        }
        self.store.delete_trashed(id).await
    }

    /// Deletes every trashed article for good, each in its own transaction; returns how many.
    pub async fn empty_trash(&self, user: &User) -> Result<usize> {
        if !workflow::may_empty_trash(user.role) {
            return Err(Error::Forbidden("workflow-empty-trash-editors".into()));
        }
        let ids = self.store.trashed_ids().await?;
        for id in &ids {
            self.store.delete_trashed(*id).await?;
        }
        Ok(ids.len())
    }

    /// Takes a workflow step with an article as it is stored (the desk's bulk Publish and
    /// Unpublish), through the editor's rules: roles, images' descriptions for what goes live.
    /// Publishing an article that is already live is refused rather than re-dated.
    pub async fn take_step(&self, user: &User, id: ArticleId, step: Step) -> Result<()> {
        let current = self.store.editable_article(id).await?.ok_or(Error::NotFound("article"))?;
        if step == Step::Publish && current.status == ArticleStatus::Published {
            return Err(lede_core::Invalid::new("status", "workflow-already-published").into());
        }
        let edit = super::Edit {
            id: Some(id),
            input: current.input,
            tag_names: Vec::new(),
            expected_version: Some(current.version),
            step,
            schedule_at: None,
            notes: UpdateNotes::default(),
        };
        self.edit_article(user, edit).await.map(|_| ())
    }

    /// Moves an article to another section (the desk's bulk "Move to section") on behalf of
    /// `user`, who must be allowed to change it as it stands (as to save a draft, or to update
    /// what is live or scheduled). Only the section changes: never the status (a move is not
    /// a workflow step: an unpublished article saved as the editor's "save" would have become
    /// a draft), and not what the editor keeps beside the article (its pending version, the
    /// person's autosave), which a move does not supersede: someone's unsaved work is not lost
    /// to a desk action, and the pending version, now older than the article, cannot go live
    /// without its editor seeing the conflict (it would move the article back). Written as
    /// every change is, with a revision, in one transaction.
    pub async fn move_to_section(&self, user: &User, id: ArticleId, section: &Slug) -> Result<()> {
        let current = self.store.editable_article(id).await?.ok_or(Error::NotFound("article"))?;
        if current.trashed_at.is_some() {
            return Err(lede_core::Invalid::new("status", "store-article-trashed").into());
        }
        if &current.input.section == section {
            return Ok(());
        }
        let own = user.author.is_some_and(|a| current.author_ids.contains(&a));
        let live = matches!(current.status, ArticleStatus::Published | ArticleStatus::Scheduled);
        let step =
            if current.status == ArticleStatus::Published { Step::Update } else { Step::SaveDraft };
        workflow::next_status(user.role, own, current.status, step).map_err(refused)?;
        let mut input = current.input;
        input.section = section.clone();
        let origin = Origin {
            context: SaveContext {
                expected_version: Some(current.version),
                saved_by: Some(user.id),
            },
            going_live: live,
            ..Origin::default()
        };
        self.write_content(Some(id), input, Vec::new(), None, origin).await.map(|_| ())
    }
}
