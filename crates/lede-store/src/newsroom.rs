//! The newsroom: the one path every content change takes, whoever asks for it (the web site,
//! the CLI, the demo loader, the importer, later the admin). It applies the domain rules,
//! writes through the store, keeps derived data (related lists) current, and announces each
//! change so caches and indexes can drop what it made stale. Partners' API keys are made and
//! revoked here too.

use crate::{Error, Placement, Result, SaveContext, Store};
use lede_core::Clock;
use lede_core::Slug;
use lede_core::account::User;
use lede_core::api_key::{self, ApiKey, NewKey};
use lede_core::comment::{CheckedComment, Comment, CommentStatus};
use lede_core::content::*;
use lede_core::related::{self, Candidate, MAX_RELATED, Scorer};
use lede_core::transfer::{ImportBatch, ImportOutcome};
use lede_core::workflow::{self, Refusal, Step};
use std::sync::{Arc, RwLock};
use time::OffsetDateTime;
use tokio::sync::broadcast;

mod site;
pub use site::{Direction, SITE_NAME_KEY, SITE_TAGLINE_KEY};

/// How many of the most similar articles are offered a newly published one for their own
/// lists. Bounded so publishing costs the same on a large archive; an article outside a new
/// one's closest hundred would not rank it among its own best six anyway.
const RELATED_OFFERS: usize = 100;

/// What a write changed in what readers see, for whatever keeps derived copies (the page
/// cache). Changes readers cannot see (a draft saved, a comment held for moderation) are not
/// announced at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A public article changed, appeared or disappeared.
    Article(ArticleChange),
    /// The approved comments shown on an article changed.
    Comments(ArticleId),
    /// Authors, sections, tags, pages or the site's identity changed: names that appear on
    /// nearly every page.
    Catalog,
}

/// A change to a public article, with what a cache needs to purge exactly the pages it made
/// stale: the pages that show the article, the lists it entered or left, and the articles
/// that now offer it as related.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleChange {
    pub id: ArticleId,
    /// Where the article was listed before the write and where it is listed after, when these
    /// differ (it was published, unpublished, re-dated, moved or retagged). Empty when only its
    /// content changed, which changes only the pages that show it.
    pub moved: Vec<Placement>,
    /// Articles whose "You May Also Like" list now holds it.
    pub related_to: Vec<ArticleId>,
}

#[derive(Clone)]
pub struct Newsroom {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    secret: Arc<[u8]>,
    changes: broadcast::Sender<Change>,
    listeners: Arc<RwLock<Vec<Listener>>>,
}

/// Called with each change before the write that made it returns, so that when an editor
/// sees "Published" no cached page is stale any more.
type Listener = Arc<dyn Fn(&Change) + Send + Sync>;

impl std::fmt::Debug for Newsroom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Newsroom").finish_non_exhaustive()
    }
}

impl Newsroom {
    /// Wraps a store, creating the site's secret (keyed hashes, signed form tokens) on first use.
    pub async fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Result<Self> {
        let secret = match store.setting("site_secret").await? {
            Some(secret) => secret,
            None => {
                let fresh: String = (0..32)
                    .map(|_| format!("{:02x}", rand::random::<u8>()))
                    .collect();
                store.put_setting("site_secret", &fresh).await?;
                fresh
            }
        };
        let (changes, _) = broadcast::channel(256);
        Ok(Self {
            store,
            clock,
            secret: secret.into_bytes().into(),
            changes,
            listeners: Arc::default(),
        })
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// The site's secret key, for keyed hashes and signatures.
    pub fn secret(&self) -> &[u8] {
        &self.secret
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Calls `listener` with every change, in the writer's task, before the write returns
    /// (unlike [`Self::subscribe`], whose receivers hear of it later).
    pub fn on_change(&self, listener: impl Fn(&Change) + Send + Sync + 'static) {
        self.listeners
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(Arc::new(listener));
    }

    fn announce(&self, change: Change) {
        let listeners = self
            .listeners
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        for listener in listeners {
            listener(&change);
        }
        // Nobody subscribed is fine: nothing holds a copy to purge.
        let _ = self.changes.send(change);
    }

    pub async fn save_author(&self, input: AuthorInput) -> Result<AuthorId> {
        let id = self.store.upsert_author(&input.check()?).await?;
        self.announce(Change::Catalog);
        Ok(id)
    }

    pub async fn save_section(&self, input: SectionInput, position: i64) -> Result<SectionId> {
        let mut input = input;
        input.name = required("name", &input.name, 100)?;
        let sections = self.store.sections().await?;
        site::check_parent(&sections, &input.slug, input.parent.as_ref())?;
        let id = self.store.upsert_section(&input, position).await?;
        self.announce(Change::Catalog);
        Ok(id)
    }

    pub async fn save_tag(&self, slug: &Slug, name: &str) -> Result<TagId> {
        let id = self
            .store
            .upsert_tag(slug, &required("name", name, 100)?)
            .await?;
        self.announce(Change::Catalog);
        Ok(id)
    }

    pub async fn save_page(&self, input: PageInput) -> Result<PageId> {
        let input = input.check()?;
        let html = lede_core::markdown::render(&input.body_markdown);
        let id = self.store.upsert_page(&input, &html, self.now()).await?;
        self.announce(Change::Catalog);
        Ok(id)
    }

    /// Saves an article (new ones start as drafts). A published article's lists and related
    /// articles are brought up to date at once.
    pub async fn save_article(
        &self,
        id: Option<ArticleId>,
        input: ArticleInput,
    ) -> Result<ArticleId> {
        let before = self.placement(id).await?;
        let id = self
            .save_article_with(id, input, SaveContext::default())
            .await?;
        self.announce_article(id, before).await?;
        Ok(id)
    }

    async fn placement(&self, id: Option<ArticleId>) -> Result<Option<Placement>> {
        match id {
            Some(id) => self.store.placement(id).await,
            None => Ok(None),
        }
    }

    /// Announces a write to article `id`, which was listed at `before`, if readers can see
    /// any of it: an article that was not public and still is not changes no public page.
    async fn announce_article(&self, id: ArticleId, before: Option<Placement>) -> Result<()> {
        let after = self.store.placement(id).await?;
        if before.is_none() && after.is_none() {
            return Ok(());
        }
        let related_to = if after.is_some() {
            self.store.listed_as_related(id).await?
        } else {
            Vec::new()
        };
        let moved = if before == after {
            Vec::new()
        } else {
            before.into_iter().chain(after).collect()
        };
        self.announce(Change::Article(ArticleChange {
            id,
            moved,
            related_to,
        }));
        Ok(())
    }

    /// [`Self::save_article`] with who saves it and the version they edited (a conflict if
    /// someone saved since).
    async fn save_article_with(
        &self,
        id: Option<ArticleId>,
        input: ArticleInput,
        context: SaveContext,
    ) -> Result<ArticleId> {
        let checked = input.check()?;
        let signature = related::signature(
            &checked.input.headline,
            &checked.input.standfirst,
            &checked.body_text,
        );
        let id = self
            .store
            .save_article(
                id,
                &checked,
                &related::encode(&signature),
                self.now(),
                context,
            )
            .await?;
        self.store.index_article(id).await?;
        if let Some((_, ArticleStatus::Published)) = self
            .store
            .article_state(checked.input.slug.as_str())
            .await?
        {
            self.refresh_related(id).await?;
        }
        Ok(id)
    }

    /// Publishes an article, dated `at` (now when `None`; an earlier time for back-dated
    /// content such as imports), and computes its related articles.
    pub async fn publish_article(&self, id: ArticleId, at: Option<OffsetDateTime>) -> Result<()> {
        let before = self.store.placement(id).await?;
        self.go_live(id, at).await?;
        self.announce_article(id, before).await
    }

    /// [`Self::publish_article`] without the announcement, for callers that announce the
    /// whole of their change once.
    async fn go_live(&self, id: ArticleId, at: Option<OffsetDateTime>) -> Result<()> {
        let now = self.now();
        let at = at.unwrap_or(now);
        if at > now {
            return Err(Error::Invalid(lede_core::Invalid::new(
                "published_at",
                "Publishing in the future is scheduling, which needs the newsroom admin.",
            )));
        }
        // A back-dated article (demo, import) was last updated when it was published.
        self.store
            .set_article_status(id, ArticleStatus::Published, Some(at), at)
            .await?;
        self.refresh_related(id).await?;
        self.store.index_article(id).await?;
        Ok(())
    }

    /// Saves an article from the editor on behalf of `user` and takes the workflow `step`
    /// (save, submit for review, publish, schedule at `schedule_at`, unpublish), if the
    /// user's role and the article's state allow it.
    pub async fn edit_article(
        &self,
        user: &User,
        id: Option<ArticleId>,
        mut input: ArticleInput,
        expected_version: Option<i64>,
        step: Step,
        schedule_at: Option<OffsetDateTime>,
    ) -> Result<ArticleId> {
        let (from, own) = match id {
            Some(id) => {
                let current = self
                    .store
                    .editable_article(id)
                    .await?
                    .ok_or(Error::NotFound("article"))?;
                let own = user.author.is_some_and(|a| current.author_ids.contains(&a));
                (current.status, own)
            }
            None => (ArticleStatus::Draft, true),
        };
        if id.is_none()
            && input.authors.is_empty()
            && let Some(byline) = self.byline_slug(user).await?
        {
            input.authors.push(byline);
        }
        let to =
            workflow::next_status(user.role, own, from, step).map_err(|refusal| match refusal {
                Refusal::Forbidden(message) => Error::Forbidden(message),
                Refusal::Invalid(invalid) => Error::Invalid(invalid),
            })?;
        let now = self.now();
        if step == Step::Schedule && schedule_at.is_none_or(|at| at <= now) {
            return Err(Error::Invalid(lede_core::Invalid::new(
                "publish_at",
                "Give a date and time in the future to schedule for.",
            )));
        }
        let context = SaveContext {
            expected_version,
            saved_by: Some(user.id),
        };
        let before = self.placement(id).await?;
        let id = self.save_article_with(id, input, context).await?;
        match to {
            // Saving keeps the status; rescheduling sets a new time.
            same if same == from && step != Step::Schedule => {}
            ArticleStatus::Published => self.go_live(id, None).await?,
            ArticleStatus::Scheduled => {
                self.store
                    .set_article_status(id, to, schedule_at, now)
                    .await?;
                self.store.index_article(id).await?;
            }
            other => {
                self.store.set_article_status(id, other, None, now).await?;
                self.store.index_article(id).await?;
            }
        }
        self.announce_article(id, before).await?;
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
    /// while the server was down). Returns how many went live.
    pub async fn publish_due(&self) -> Result<usize> {
        let now = self.now();
        let due = self.store.due_scheduled(now).await?;
        for id in &due {
            self.store
                .set_article_status(*id, ArticleStatus::Published, None, now)
                .await?;
            self.refresh_related(*id).await?;
            self.store.index_article(*id).await?;
            self.announce_article(*id, None).await?;
        }
        Ok(due.len())
    }

    /// Recomputes `id`'s "You May Also Like" list and offers `id` to its closest articles.
    async fn refresh_related(&self, id: ArticleId) -> Result<()> {
        self.refresh_related_all(&[id]).await
    }

    /// Recomputes the related lists of several articles against one read of the archive, so a
    /// large import costs one scoring pass rather than one per article. Each of them gets its
    /// whole list; only the articles outside the set are offered them, since the lists of
    /// those inside are computed in full anyway.
    async fn refresh_related_all(&self, ids: &[ArticleId]) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let candidates = self.store.related_candidates().await?;
        let scorer = Scorer::new(&candidates, self.now());
        let fresh: std::collections::HashSet<ArticleId> = ids.iter().copied().collect();
        for id in ids {
            let Some(target) = candidates.iter().find(|c| c.id == *id) else {
                continue;
            };
            let (list, mut offers) = related_lists(&scorer, &candidates, target);
            offers.retain(|(other, _)| !fresh.contains(other));
            self.store.store_related(*id, &list, &offers).await?;
        }
        Ok(())
    }

    /// Imports a whole batch from another system (a WordPress export): every item passes the
    /// domain rules before anything is written, the store writes it in one transaction, and
    /// only then are related lists computed and the changes announced. Items imported before
    /// from the same source are left as they are, so running the same import again changes
    /// nothing.
    pub async fn import(&self, batch: ImportBatch) -> Result<ImportOutcome> {
        let checked = batch.check(&self.secret)?;
        let outcome = self.store.write_import(&checked, self.now()).await?;
        self.refresh_related_all(&outcome.new_published).await?;
        if outcome.created != Default::default() {
            self.announce(Change::Catalog);
        }
        for id in &outcome.new_articles {
            self.store.index_article(*id).await?;
            self.announce_article(*id, None).await?;
        }
        Ok(outcome)
    }

    /// Makes an API key for a syndication partner. The key is returned once, to hand to the
    /// partner; only its hash is stored, so a lost key is revoked and replaced, never recovered.
    pub async fn create_api_key(&self, partner: &str) -> Result<(ApiKey, NewKey)> {
        let partner = api_key::partner_name(partner)?;
        let key = NewKey::from_random(rand::random());
        let stored = self
            .store
            .add_api_key(&partner, &key.hash(), &key.hint(), self.now())
            .await?;
        Ok((stored, key))
    }

    /// Revokes a key at once: the next request that presents it is refused.
    pub async fn revoke_api_key(&self, id: ApiKeyId) -> Result<ApiKey> {
        self.store.revoke_api_key(id, self.now()).await
    }

    /// Stores a reader's comment, held for moderation (or as spam when the web layer's traps
    /// caught it). It is committed before this returns, so an acknowledged comment is kept.
    pub async fn submit_comment(
        &self,
        article: ArticleId,
        comment: &CheckedComment,
        status: CommentStatus,
    ) -> Result<CommentId> {
        self.submit_comment_at(article, comment, status, self.now())
            .await
    }

    /// Stores a comment sent at an earlier time (imported or demo comments).
    pub async fn submit_comment_at(
        &self,
        article: ArticleId,
        comment: &CheckedComment,
        status: CommentStatus,
        at: OffsetDateTime,
    ) -> Result<CommentId> {
        let hash = comment.email.keyed_hash(&self.secret);
        let id = self
            .store
            .add_comment(article, comment, &hash, status, at)
            .await?;
        if status == CommentStatus::Approved {
            self.announce(Change::Comments(article));
        }
        Ok(id)
    }

    /// Approves, rejects as spam or trashes a comment.
    pub async fn moderate_comment(&self, id: CommentId, status: CommentStatus) -> Result<Comment> {
        let comment = self.store.set_comment_status(id, status).await?;
        self.announce(Change::Comments(comment.article));
        Ok(comment)
    }
}

/// An article and how well it suits another.
type Scored = (ArticleId, f64);

/// `target`'s best related articles, and the scores it is offered to its closest articles with.
fn related_lists(
    scorer: &Scorer<'_>,
    candidates: &[Candidate],
    target: &Candidate,
) -> (Vec<Scored>, Vec<Scored>) {
    let list = scorer.rank(target);
    let mut offers: Vec<_> = candidates
        .iter()
        .filter(|c| c.id != target.id)
        .map(|c| (c.id, scorer.score(c, target)))
        .filter(|(_, score)| *score > 0.0)
        .collect();
    offers.sort_by(|a, b| b.1.total_cmp(&a.1));
    offers.truncate(RELATED_OFFERS.max(MAX_RELATED));
    (list, offers)
}
