//! Article changes: saves, the editor's workflow steps, publishing (now, back-dated, or when a
//! schedule comes due). Each applies the rules first, then is one call to the store's article
//! writer, one transaction, and finally announces what readers can see change. (Imports,
//! written in batches, are in `import.rs`.)

use super::{ArticleChange, Change, Newsroom};
use crate::sql::{ArticleWrite, Written};
use crate::{Error, Placement, Result, SaveContext};
use lede_core::Slug;
use lede_core::account::{Action, User};
use lede_core::content::*;
use lede_core::presentation::{Curation, Presentation, SearchAndSocial};
use lede_core::related;
use lede_core::workflow::{self, Refusal, Step};
use time::OffsetDateTime;

/// The setting that says which way the search index was built, and the current way: `2`
/// folds Arabic-script spellings ([`lede_core::script::fold`]).
const SEARCH_INDEX_KEY: &str = "search_index_version";
const SEARCH_INDEX_VERSION: &str = "2";

/// A save from the newsroom's editor: what was written, the step its author takes with it
/// (save, submit for review, publish, schedule, unpublish; on a published article update,
/// save for later or discard the changes saved for later) and the version they opened.
#[derive(Debug, Clone)]
pub struct Edit {
    /// The article; `None` for a new one.
    pub id: Option<ArticleId>,
    pub input: ArticleInput,
    /// Display names of the input's tags, by slug: those that do not exist yet are created
    /// with the save, once the rules have let it through.
    pub tag_names: Vec<(Slug, String)>,
    /// The version the editor opened; a save over a newer one is refused as a conflict.
    pub expected_version: Option<i64>,
    pub step: Step,
    /// When to publish, for [`Step::Schedule`].
    pub schedule_at: Option<OffsetDateTime>,
    /// A correction, an update note and "Show as updated": only for a published article.
    pub notes: UpdateNotes,
}

/// How a write to an article came about, beyond its content and status.
#[derive(Debug, Clone, Default)]
pub(super) struct Origin<'a> {
    pub context: SaveContext,
    pub notes: Option<&'a UpdateNotes>,
    /// The person whose editor sent it (see [`ArticleWrite::from_editor`]).
    pub from_editor: Option<lede_core::account::UserId>,
    /// Content that is or will be live must also describe every image it shows
    /// (`lede_core::alt_text`).
    pub going_live: bool,
    /// The front-page flags and search and social fields the editor sends; `None` in either
    /// keeps what the article has.
    pub presentation: Presentation,
    /// The list the article is emailed to once this write leaves it live, and who sent it.
    pub newsletter: Option<(lede_core::newsletter::List, i64)>,
}

/// An edit kept for later ("Save for later"): all it carries besides the article's id.
struct Later {
    input: ArticleInput,
    tag_names: Vec<(Slug, String)>,
    notes: UpdateNotes,
    presentation: Presentation,
}

impl Newsroom {
    /// Saves an article's content (new ones start as drafts), keeping its status. A published
    /// article's lists, related articles and search entry are brought up to date with it.
    pub async fn save_article(
        &self,
        id: Option<ArticleId>,
        input: ArticleInput,
    ) -> Result<ArticleId> {
        self.write_content(id, input, Vec::new(), None, Origin::default()).await
    }

    /// Checks and writes an article's content with its status change (if any), creating the
    /// named tags it lacks, in one transaction, and announces what readers see change.
    pub(super) async fn write_content(
        &self,
        id: Option<ArticleId>,
        mut input: ArticleInput,
        tag_names: Vec<(Slug, String)>,
        status: Option<(ArticleStatus, Option<OffsetDateTime>)>,
        mut origin: Origin<'_>,
    ) -> Result<ArticleId> {
        input.language = self.languages().check(&input.language)?;
        let checked = input.check()?;
        if origin.going_live {
            lede_core::alt_text::check(&checked)?;
        }
        origin.presentation.search_and_social =
            origin.presentation.search_and_social.map(SearchAndSocial::check).transpose()?;
        let signature = signature_of(&checked);
        let new_tags: Vec<_> =
            tag_names.into_iter().filter(|(slug, _)| checked.input.tags.contains(slug)).collect();
        for (_, name) in &new_tags {
            lede_core::content::required("tags", name, 100)?;
        }
        let now = self.now();
        let before = self.placement(id).await?;
        let no_notes = UpdateNotes::default();
        let written = self
            .store
            .write_article(ArticleWrite {
                id,
                content: Some((&checked, &signature)),
                new_tags: &new_tags,
                status,
                context: origin.context,
                presentation: &origin.presentation,
                stamp: now,
                now,
                notes: origin.notes.unwrap_or(&no_notes),
                from_editor: origin.from_editor,
                newsletter: origin.newsletter.as_ref().map(|(list, by)| (list, *by)),
            })
            .await?;
        self.announce_article(written, before).await?;
        Ok(written.id)
    }

    /// Publishes an article, dated `at` (now when `None`; an earlier time for back-dated
    /// content such as the demo's), and computes its related articles.
    pub async fn publish_article(&self, id: ArticleId, at: Option<OffsetDateTime>) -> Result<()> {
        let now = self.now();
        let at = at.unwrap_or(now);
        if at > now {
            return Err(Error::Invalid(lede_core::Invalid::new(
                "published_at",
                "store-future-publish",
            )));
        }
        // A back-dated article was last updated when it was published.
        self.change_status(id, (ArticleStatus::Published, Some(at)), at).await
    }

    /// Moves an article to `status` (with its publication time, if given), stamped as
    /// changed at `stamp`, in one transaction, and announces what readers see change.
    async fn change_status(
        &self,
        id: ArticleId,
        status: (ArticleStatus, Option<OffsetDateTime>),
        stamp: OffsetDateTime,
    ) -> Result<()> {
        let before = self.placement(Some(id)).await?;
        let written = self
            .store
            .write_article(ArticleWrite {
                id: Some(id),
                content: None,
                new_tags: &[],
                status: Some(status),
                context: SaveContext::default(),
                presentation: &Presentation::default(),
                stamp,
                now: self.now(),
                notes: &UpdateNotes::default(),
                from_editor: None,
                newsletter: None,
            })
            .await?;
        self.announce_article(written, before).await
    }

    /// Pins, unpins or features an article, for the operator's tools (the demo loader); the
    /// newsroom's editors choose through [`Self::edit_article_presented`]. Pinning one article
    /// unpins the top story of its language.
    pub async fn curate_article(&self, id: ArticleId, curation: Curation) -> Result<()> {
        if self.store.editable_article(id).await?.is_none() {
            return Err(Error::NotFound("article"));
        }
        let before = self.placement(Some(id)).await?;
        let presentation = Presentation { curation: Some(curation), search_and_social: None };
        let now = self.now();
        let written = self
            .store
            .write_article(ArticleWrite {
                id: Some(id),
                content: None,
                new_tags: &[],
                status: None,
                context: SaveContext::default(),
                presentation: &presentation,
                stamp: now,
                now,
                notes: &UpdateNotes::default(),
                from_editor: None,
                newsletter: None,
            })
            .await?;
        self.announce_article(written, before).await
    }

    /// Takes an article off the site (back to draft), for the operator's tools; the editor
    /// goes through [`Self::edit_article`] with [`Step::Unpublish`].
    pub async fn unpublish_article(&self, id: ArticleId) -> Result<()> {
        self.change_status(id, (ArticleStatus::Draft, None), self.now()).await
    }

    /// Rebuilds the whole search index (`lede reindex`); returns how many articles it read.
    pub async fn reindex(&self) -> Result<u64> {
        let count = self.store.reindex_all().await?;
        self.store.put_setting(SEARCH_INDEX_KEY, SEARCH_INDEX_VERSION).await?;
        Ok(count)
    }

    /// Rebuilds the search index if it was built by an older Lede (before Arabic-script
    /// folding), so an upgraded site finds every spelling without anyone running a command.
    /// Returns whether it did.
    pub async fn upgrade_search_index(&self) -> Result<bool> {
        let built = self.store.setting(SEARCH_INDEX_KEY).await?;
        if built.as_deref() == Some(SEARCH_INDEX_VERSION) {
            return Ok(false);
        }
        self.reindex().await?;
        Ok(true)
    }

    /// Saves an article from the editor on behalf of `user` and takes the edit's workflow
    /// step, if the user's role and the article's state allow it. The content, the new
    /// status, the revision, new tags, a redirect, related lists, the search entry and an
    /// update's notes are written in one transaction, which also drops what the save
    /// supersedes (the pending version, the person's autosave); a refused step writes nothing
    /// at all. "Save for later" keeps the edit as the article's pending version instead, and
    /// "discard" drops that: neither touches what readers see. What the article's
    /// presentation was (its front-page flags, search and social fields) stays as it is.
    pub async fn edit_article(&self, user: &User, edit: Edit) -> Result<ArticleId> {
        self.edit_article_presented(user, edit, Presentation::default()).await
    }

    /// [`Self::edit_article`] with the presentation the editor's form sends, written in the
    /// same transaction. Only editors and admins change the front page's flags
    /// (`Action::CurateFrontPage`); anyone else's edit that would is refused whole.
    pub async fn edit_article_presented(
        &self,
        user: &User,
        edit: Edit,
        presentation: Presentation,
    ) -> Result<ArticleId> {
        self.edit_article_emailed(user, edit, presentation, None).await
    }

    /// [`Self::edit_article_presented`], also emailing the article to the subscribers of
    /// `email` (a list key) when the step publishes it ("Email to subscribers", "Email as
    /// breaking news"): the issue is queued in the publish's transaction, so a published
    /// article is never left unsent, and an article goes to a list once however often it is
    /// published. Editors and admins only.
    pub async fn edit_article_emailed(
        &self,
        user: &User,
        edit: Edit,
        presentation: Presentation,
        email: Option<&str>,
    ) -> Result<ArticleId> {
        let Edit { id, mut input, tag_names, expected_version, step, schedule_at, notes } = edit;
        let (from, own, credited, curation) = match id {
            Some(id) => {
                let current =
                    self.store.editable_article(id).await?.ok_or(Error::NotFound("article"))?;
                if current.trashed_at.is_some() {
                    return Err(lede_core::Invalid::new("status", "store-article-trashed").into());
                }
                let own = user.author.is_some_and(|a| current.author_ids.contains(&a));
                (current.status, own, current.input.authors, current.curation)
            }
            None => (ArticleStatus::Draft, true, Vec::new(), Curation::default()),
        };
        if presentation.curation.is_some_and(|wanted| wanted != curation)
            && !user.role.may(Action::CurateFrontPage)
        {
            return Err(Error::Forbidden("store-curation-editors-only".into()));
        }
        let byline = self.byline_slug(user).await?;
        if id.is_none()
            && input.authors.is_empty()
            && let Some(byline) = &byline
        {
            input.authors.push(byline.clone());
        }
        let refused = |refusal| match refusal {
            Refusal::Forbidden(message) => Error::Forbidden(message),
            Refusal::Invalid(invalid) => Error::Invalid(invalid),
        };
        let to = workflow::next_status(user.role, own, from, step).map_err(refused)?;
        if step == Step::DiscardPending {
            // Only the article's id matters: whatever the form held is dropped with it.
            let id = id.ok_or(Error::NotFound("article"))?;
            self.store.drop_pending(id).await?;
            return Ok(id);
        }
        workflow::check_byline(user.role, byline.as_ref(), &credited, &input.authors)
            .map_err(refused)?;
        let notes = notes.check()?;
        let live = from == ArticleStatus::Published && to == ArticleStatus::Published;
        if !live && !notes.is_empty() {
            let field = if notes.correction.is_empty() { "update_note" } else { "correction" };
            return Err(lede_core::Invalid::new(field, "workflow-notes-live-only").into());
        }
        if step == Step::SaveForLater {
            let id = id.ok_or(Error::NotFound("article"))?;
            let later = Later { input, tag_names, notes, presentation };
            return self.keep_for_later(user, id, later, expected_version).await;
        }
        let now = self.now();
        if step == Step::Schedule && schedule_at.is_none_or(|at| at <= now) {
            return Err(Error::Invalid(lede_core::Invalid::new(
                "publish_at",
                "store-schedule-future",
            )));
        }
        let status = match to {
            // Saving keeps the status; rescheduling sets a new time.
            same if same == from && step != Step::Schedule => None,
            ArticleStatus::Published => Some((to, Some(now))),
            ArticleStatus::Scheduled => Some((to, schedule_at)),
            other => Some((other, None)),
        };
        let newsletter = match email {
            Some(key) => {
                Some((self.newsletter_for(user, key, &input.language, to).await?, user.id.0))
            }
            None => None,
        };
        let origin = Origin {
            newsletter,
            context: SaveContext { expected_version, saved_by: Some(user.id) },
            notes: Some(&notes),
            from_editor: Some(user.id),
            // What is or will be live describes its images: a publish, a schedule, and a save
            // of an article that stays published or scheduled.
            going_live: matches!(to, ArticleStatus::Published | ArticleStatus::Scheduled),
            presentation,
        };
        self.write_content(id, input, tag_names, status, origin).await
    }

    /// Keeps an edit of a published article as its pending version, once it passes the same
    /// rules a save does (so "Update" later cannot fail on what was accepted now), unless the
    /// article changed since the editor opened it (a conflict). Readers see nothing of it.
    async fn keep_for_later(
        &self,
        user: &User,
        id: ArticleId,
        later: Later,
        expected_version: Option<i64>,
    ) -> Result<ArticleId> {
        let Later { mut input, tag_names, notes, mut presentation } = later;
        input.language = self.languages().check(&input.language)?;
        let checked = input.check()?;
        presentation.search_and_social =
            presentation.search_and_social.map(SearchAndSocial::check).transpose()?;
        for (_, name) in &tag_names {
            lede_core::content::required("tags", name, 100)?;
        }
        let tag_names: Vec<_> =
            tag_names.into_iter().filter(|(slug, _)| checked.input.tags.contains(slug)).collect();
        let content =
            crate::sql::pending_content(&checked.input, &tag_names, &notes, &presentation)?;
        self.store.keep_pending(id, expected_version, &content, self.now(), Some(user.id)).await?;
        Ok(id)
    }

    async fn byline_slug(&self, user: &User) -> Result<Option<Slug>> {
        let Some(author) = user.author else {
            return Ok(None);
        };
        let authors = self.store.authors().await?;
        Ok(authors.into_iter().find(|a| a.id == author).map(|a| a.slug))
    }

    /// Publishes every scheduled article whose time has come (also those whose time passed
    /// while the server was down), each in its own transaction. Returns how many went live.
    pub async fn publish_due(&self) -> Result<usize> {
        let now = self.now();
        let due = self.store.due_scheduled(now).await?;
        let mut published = 0;
        for id in due {
            // Another server may have taken it since the list was read, or hold it now.
            let before = self.placement(Some(id)).await?;
            if let Some(written) = self.store.publish_scheduled(id, now).await? {
                self.announce_article(written, before).await?;
                published += 1;
            }
        }
        Ok(published)
    }

    pub(super) async fn placement(&self, id: Option<ArticleId>) -> Result<Option<Placement>> {
        match id {
            Some(id) => self.store.placement(id).await,
            None => Ok(None),
        }
    }

    /// Announces a write to an article that was listed at `before`, if readers can see any
    /// of it: an article that was not public and still is not changes no public page (but
    /// tags it created are new in the catalog either way).
    pub(super) async fn announce_article(
        &self,
        written: Written,
        before: Option<Placement>,
    ) -> Result<()> {
        if written.created_tags {
            self.announce(Change::Catalog);
        }
        let id = written.id;
        let after = self.store.placement(id).await?;
        // A draft pinned as top story unpinned the public one: the front page changed.
        if before.is_none() && after.is_none() && !written.front_page {
            return Ok(());
        }
        let related_to =
            if after.is_some() { self.store.listed_as_related(id).await? } else { Vec::new() };
        let translations = self.store.translations(id).await?.into_iter().map(|t| t.id).collect();
        let moved =
            if before == after { Vec::new() } else { before.into_iter().chain(after).collect() };
        // The corrections page lists corrected articles where readers can see them.
        let corrections =
            written.corrected || !moved.is_empty() && self.store.has_corrections(id).await?;
        self.announce(Change::Article(ArticleChange {
            id,
            moved,
            related_to,
            translations,
            corrections,
            front_page: written.front_page,
        }));
        Ok(())
    }
}

/// The related-articles signature of an article's text, encoded for storage.
fn signature_of(checked: &CheckedArticle) -> String {
    let signature =
        related::signature(&checked.input.headline, &checked.input.standfirst, &checked.body_text);
    related::encode(&signature)
}
