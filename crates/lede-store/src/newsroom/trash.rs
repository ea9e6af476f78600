//! The trash and the desk's bulk actions. Trashing takes an article off the site but keeps it
//! whole; restoring brings it back as a draft (as WordPress does: nothing goes live again by
//! surprise); only editors and admins delete trashed articles for good. A bulk action is each
//! article's own change, through the same rules and the same one-transaction writes as the
//! editor's, so one refused article leaves the others done and itself untouched.

use super::Newsroom;
use crate::{Error, Result};
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

    /// Moves an article to another section (the desk's bulk "Move to section"): saved as the
    /// editor would save it, a live article with "Update", so the same rules apply.
    pub async fn move_to_section(&self, user: &User, id: ArticleId, section: &Slug) -> Result<()> {
        let current = self.store.editable_article(id).await?.ok_or(Error::NotFound("article"))?;
        if &current.input.section == section {
            return Ok(());
        }
        let step = match current.status {
            ArticleStatus::Published => Step::Update,
            _ => Step::SaveDraft,
        };
        let mut input = current.input;
        input.section = section.clone();
        let edit = super::Edit {
            id: Some(id),
            input,
            tag_names: Vec::new(),
            expected_version: Some(current.version),
            step,
            schedule_at: None,
            notes: UpdateNotes::default(),
        };
        self.edit_article(user, edit).await.map(|_| ())
    }
}
