//! The newsroom: the one path every content change takes, whoever asks for it (the web site,
//! the CLI, the demo loader, the importer, later the admin). It applies the domain rules,
//! writes through the store, keeps derived data (related lists) current, and announces each
//! change so caches and indexes can drop what it made stale. Partners' API keys are made and
//! revoked here too.

use crate::{Placement, Result, SqlStore};
use lede_core::Clock;
use lede_core::Slug;
use lede_core::api_key::{self, ApiKey, NewKey};
use lede_core::comment::{CheckedComment, Comment, CommentStatus};
use lede_core::content::*;
use lede_core::language::SiteLanguages;
use lede_core::names::{LocalName, Named};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock, RwLock};
use time::OffsetDateTime;
use tokio::sync::{broadcast, mpsc};

mod allowances;
mod articles;
mod desk;
mod front;
mod import;
mod newsletters;
mod pages;
mod restore;
mod servers;
mod site;
mod trash;
mod webhooks;
pub use articles::Edit;
pub use desk::PREVIEW_LINK_LIFETIME;
pub use front::PageSettings;
pub use import::Import;
pub use newsletters::{
    DAILY_TIME_KEY, DEFAULT_DAILY_TIME, ImportedSubscribers, NewsletterSettings, SEND_LEASE,
    parse_daily_time,
};
pub use servers::{CHANNEL, Heard};
pub use site::{Direction, OUTSIDE_CHANGE_KEY, REMOTE_IMAGES_KEY, SITE_NAME_KEY, SITE_TAGLINE_KEY};
pub use webhooks::WEBHOOK_LEASE;

/// What a write changed in what readers see, for whatever keeps derived copies (the page
/// cache). Changes readers cannot see (a draft saved, a comment held for moderation) are not
/// announced at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A public article changed, appeared or disappeared.
    Article(ArticleChange),
    /// The approved comments shown on an article changed, or the token of the comment form
    /// its page carries was spent (the page is rendered anew, with a fresh one).
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
    /// Articles whose "You May Also Like" cards now show it.
    pub related_to: Vec<ArticleId>,
    /// Its versions in other languages, whose pages link to it (or now must, or must not).
    pub translations: Vec<ArticleId>,
    /// Whether the corrections page changed: a correction was added, or a corrected article
    /// appeared or disappeared.
    pub corrections: bool,
    /// Whether the write changed the front page's top story or featured articles.
    pub front_page: bool,
}

#[derive(Clone)]
pub struct Newsroom {
    store: SqlStore,
    clock: Arc<dyn Clock>,
    secret: Arc<[u8]>,
    changes: broadcast::Sender<Change>,
    listeners: Arc<RwLock<Vec<Listener>>>,
    /// The languages articles may be in, read at start and kept current by
    /// [`Self::set_languages`].
    languages: Arc<RwLock<SiteLanguages>>,
    /// Drawn at random when the newsroom is made: the other servers' notifications carry
    /// theirs, so a server knows its own and ignores them.
    server: u64,
    /// Where announced changes go to be sent to the other servers, once
    /// [`Self::join_servers`] was called (PostgreSQL only).
    outbox: Arc<OnceLock<mpsc::UnboundedSender<Change>>>,
    /// Whether pages may show images from other sites, read at start and kept current by
    /// [`Self::set_remote_images`]; the security headers read it on every response.
    remote_images: Arc<AtomicBool>,
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
    pub async fn new(store: SqlStore, clock: Arc<dyn Clock>) -> Result<Self> {
        let secret = match store.setting("site_secret").await? {
            Some(secret) => secret,
            None => {
                let fresh: String =
                    (0..32).map(|_| format!("{:02x}", rand::random::<u8>())).collect();
                // Servers starting at once on a new database all take the first one stored,
                // or their signed forms would be refused by each other.
                store.setting_or_insert("site_secret", &fresh).await?
            }
        };
        let (changes, _) = broadcast::channel(256);
        let languages = stored_languages(&store).await?;
        let remote_images = store.setting(site::REMOTE_IMAGES_KEY).await?.as_deref() == Some("on");
        Ok(Self {
            store,
            clock,
            secret: secret.into_bytes().into(),
            changes,
            listeners: Arc::default(),
            languages: Arc::new(RwLock::new(languages)),
            server: rand::random(),
            outbox: Arc::default(),
            remote_images: Arc::new(AtomicBool::new(remote_images)),
        })
    }

    /// Whether `tag` is one of the site's languages with an edition of its own (not the
    /// default), checked without copying the list: every request asks.
    pub fn has_edition(&self, tag: &str) -> bool {
        let languages = self.languages.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        languages.editions().any(|l| l == tag)
    }

    /// The languages the site publishes in.
    pub fn languages(&self) -> SiteLanguages {
        self.languages.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn store(&self) -> &SqlStore {
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

    /// Tells this server's listeners and subscribers of `change`, and the other servers when
    /// this one [joined them](Self::join_servers).
    fn announce(&self, change: Change) {
        self.tell_listeners(&change);
        if let Some(outbox) = self.outbox.get() {
            // The sender lives as long as the runtime: a send fails only at shutdown.
            let _ = outbox.send(change);
        }
    }

    /// Runs the listeners and tells the subscribers, for a change made here or heard of.
    fn tell_listeners(&self, change: &Change) {
        let listeners =
            self.listeners.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        for listener in listeners {
            listener(change);
        }
        // Nobody subscribed is fine: nothing holds a copy to purge.
        let _ = self.changes.send(change.clone());
    }

    pub async fn save_author(&self, input: AuthorInput) -> Result<AuthorId> {
        let id = self.store.upsert_author(&input.check()?, self.now()).await?;
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
        let id = self.store.upsert_tag(slug, &required("name", name, 100)?).await?;
        self.announce(Change::Catalog);
        Ok(id)
    }

    /// Saves a published page in the site's default language by its slug, added or
    /// overwritten, for the operator's tools (the demo); the newsroom's forms use
    /// [`Self::create_page`] and [`Self::update_page`], which check who asks.
    pub async fn save_page(&self, input: PageInput) -> Result<PageId> {
        let input = input.check()?;
        let html = lede_core::markdown::render(&input.body_markdown);
        let id = self
            .store
            .upsert_page(&crate::sql::PageWrite {
                input: &input,
                body_html: &html,
                language: None,
                status: PageStatus::Published,
                by: None,
                now: self.now(),
            })
            .await?;
        self.announce(Change::Catalog);
        Ok(id)
    }

    /// Sets what the section, tag or author at `slug` is called in the site's other
    /// languages (the names each language gives; one given nothing loses its own, and pages
    /// in it fall back to the default language's). For the operator's tools (the demo, an
    /// import) and the checked paths below: admins' section form, a person's own profile.
    pub async fn save_local_names(
        &self,
        kind: Named,
        slug: &Slug,
        names: Vec<LocalName>,
    ) -> Result<()> {
        let names = lede_core::names::check(kind, names, &self.languages())?;
        if names.is_empty() {
            return Ok(());
        }
        let id = match kind {
            Named::Section => self.store.section_by_slug(slug.as_str()).await?.map(|s| s.id.0),
            Named::Tag => self.store.tag_by_slug(slug.as_str()).await?.map(|t| t.id.0),
            Named::Author => self.store.author_by_slug(slug.as_str()).await?.map(|a| a.id.0),
        };
        let id = id.ok_or(crate::Error::NotFound(match kind {
            Named::Section => "section",
            Named::Tag => "tag",
            Named::Author => "author",
        }))?;
        self.store.put_local_names(kind, id, &names).await?;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Makes an API key for a syndication partner. The key is returned once, to hand to the
    /// partner; only its hash is stored, so a lost key is revoked and replaced, never recovered.
    pub async fn create_api_key(&self, partner: &str) -> Result<(ApiKey, NewKey)> {
        let partner = api_key::partner_name(partner)?;
        let key = NewKey::from_random(rand::random());
        let stored = self.store.add_api_key(&partner, &key.hash(), &key.hint(), self.now()).await?;
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
        self.submit_comment_at(article, comment, status, self.now()).await
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
        let id = self.store.add_comment(article, comment, &hash, status, at).await?;
        if status == CommentStatus::Approved {
            self.announce(Change::Comments(article));
        }
        Ok(id)
    }

    /// Spends the token of a comment form shown on `article`'s page: returns `true` the first
    /// time, `false` when a comment was already sent with it. The token is remembered (as a
    /// hash) in the database until `expires_at`, so every server sharing it refuses a second
    /// use; the page that carried it is announced as changed, so that readers who open it
    /// next get a form of their own rather than the spent token of a cached page.
    pub async fn spend_form_token(
        &self,
        article: ArticleId,
        token: &str,
        expires_at: OffsetDateTime,
    ) -> Result<bool> {
        use sha2::{Digest, Sha256};
        let hash: String =
            Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        let first = self.store.spend_form_token(&hash, expires_at, self.now()).await?;
        if first {
            self.announce(Change::Comments(article));
        }
        Ok(first)
    }

    /// Approves, rejects as spam or trashes a comment.
    pub async fn moderate_comment(&self, id: CommentId, status: CommentStatus) -> Result<Comment> {
        let comment = self.store.set_comment_status(id, status, self.now()).await?;
        self.announce(Change::Comments(comment.article));
        Ok(comment)
    }
}

/// The site's languages as stored (the default set when none were chosen).
async fn stored_languages(store: &SqlStore) -> Result<SiteLanguages> {
    Ok(match store.setting(site::LANGUAGES_KEY).await? {
        Some(stored) => SiteLanguages::parse(&stored)?,
        None => SiteLanguages::default(),
    })
}
