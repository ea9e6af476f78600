//! What every handler can reach: the newsroom (and through it the store), the compiled
//! templates, the site's settings, the page cache and the catalog. Passed as axum `State`;
//! no globals.

use crate::cache::PageCache;
use crate::catalog::CatalogCache;
use crate::dates::SiteZone;
use crate::i18n::Translations;
use crate::templates::Templates;
use lede_core::media::MemoryBudget;
use lede_core::reading_time::ReadingSpeeds;
use lede_store::{Accounts, Allowance, Change, Heard, ImageDecoding, MediaStore, Newsroom};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Site-wide settings the pages need, from the operator's configuration.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// The site's name and tagline at start. An admin may change them while the site runs,
    /// so pages read the live ones through [`AppState::identity`], never these.
    pub name: String,
    pub tagline: String,
    /// The site's public address without a trailing slash (`https://news.example`), for the
    /// absolute URLs that feeds, sitemaps, canonical links and structured data need.
    pub base_url: String,
    /// Where the site's own templates override the theme's (`DATA/templates`), if anywhere.
    pub template_dir: Option<PathBuf>,
    /// Where uploaded and imported media live (`DATA/media` or a bucket), served under
    /// `/media/`; none: no media (the upload form says so).
    pub media: Option<MediaStore>,
    /// Whether feeds carry the full text of articles (or only the standfirst).
    pub feed_full_content: bool,
    /// Seconds a reader must spend between loading the comment form and sending it; bots
    /// post at once.
    pub comment_min_seconds: i64,
    /// Comments one client may send in a burst, and then one per `comment_refill`.
    pub comment_burst: u32,
    pub comment_refill: Duration,
    /// Memory for rendered pages, in bytes; 0 renders every request (for measuring the
    /// render path).
    pub page_cache_bytes: usize,
    /// The time zone every date is shown in and the editor's "Publish at" is read in.
    pub time_zone: SiteZone,
    /// Words a minute by language, for "N min read".
    pub reading_speeds: ReadingSpeeds,
    /// Images decoded at once (uploads, authors' pictures); the others wait their turn.
    pub image_decodes_at_once: usize,
    /// The most memory one image may take once decoded; larger ones are refused unread.
    pub image_memory: MemoryBudget,
    /// Reverse proxies whose reports of the client's address and host are believed.
    pub trusted_proxies: crate::proxy::TrustedProxies,
    /// What a client that is not on this machine gives to read `/metrics`; none: nobody.
    pub metrics_token: Option<String>,
    /// Whether webhook endpoints may be on private, loopback and link-local addresses (tests,
    /// an intranet); off, such addresses are refused when added and when a name resolves to
    /// them at delivery.
    pub webhooks_allow_private: bool,
}

/// Sign-in attempts per client, on every server together: ten at once, then one every
/// ninety seconds.
const SIGN_IN_ALLOWANCE: Allowance = Allowance { burst: 10, period: Duration::from_secs(90) };

impl SiteSettings {
    /// Comments one client may send, on every server together.
    pub fn comment_allowance(&self) -> Allowance {
        Allowance { burst: self.comment_burst, period: self.comment_refill }
    }

    /// Sign-in and setup attempts one client may make, on every server together.
    pub fn sign_in_allowance(&self) -> Allowance {
        SIGN_IN_ALLOWANCE
    }

    /// The absolute URL of a path on this site.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            name: "Lede".to_owned(),
            tagline: crate::i18n::Translations::english("site-default-tagline"),
            base_url: "http://127.0.0.1:8080".to_owned(),
            template_dir: None,
            media: None,
            feed_full_content: true,
            comment_min_seconds: 3,
            comment_burst: 5,
            comment_refill: Duration::from_secs(120),
            page_cache_bytes: 64 * 1024 * 1024,
            time_zone: SiteZone::default(),
            reading_speeds: ReadingSpeeds::default(),
            image_decodes_at_once: ImageDecoding::default_at_once(),
            image_memory: MemoryBudget::DEFAULT,
            trusted_proxies: Default::default(),
            metrics_token: None,
            webhooks_allow_private: false,
        }
    }
}

/// What the site calls itself on every page: its name and tagline. Admins change them on the
/// settings page, so they live apart from the operator's fixed [`SiteSettings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteIdentity {
    pub name: String,
    pub tagline: String,
}

/// Everything a request handler reaches, shared: cloning it (every extractor and middleware
/// layer does, per request) is one reference count, not one per field (a render cloned and
/// dropped some twenty `Arc`s several times, 2.5 % of its CPU).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] shares.
#[derive(Clone)]
pub struct Shared {
    pub newsroom: Newsroom,
    pub accounts: Accounts,
    pub settings: Arc<SiteSettings>,
    pub(crate) templates: Arc<Templates>,
    /// Interface strings in every shipped language, for what Rust writes (error pages).
    pub(crate) translations: Arc<Translations>,
    /// Rendered public pages; `None` when the operator turned the cache off.
    pub page_cache: Option<Arc<PageCache>>,
    /// What `/metrics` reports.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Sections and pages, which every layout names.
    pub(crate) catalog: Arc<CatalogCache>,
    /// The one set of image-decoding slots every upload of this server shares.
    pub(crate) image_decoding: ImageDecoding,
    /// The live name and tagline: read on every page (a short read lock, then a clone),
    /// written only when an admin saves the settings page.
    identity: Arc<RwLock<SiteIdentity>>,
    /// Where newsletters and confirmation emails go; none: the site sends no email (the
    /// subscribe form is still there, and subscriptions wait for it).
    pub mailer: Option<Arc<crate::newsletters::Mailer>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl AppState {
    /// A message in the edition's language, with text arguments: the words Rust writes on
    /// lists, search and error pages (an article page's own words follow the article).
    pub(crate) fn say(&self, id: &str, args: &[(&str, &str)]) -> String {
        self.say_in(crate::i18n::FALLBACK, id, args)
    }

    /// [`Self::say`] in `language` (an edition's, an article's).
    pub(crate) fn say_in(&self, language: &str, id: &str, args: &[(&str, &str)]) -> String {
        let args = crate::i18n::text_args(args);
        self.translations.message(language, id, args.as_ref())
    }

    /// Compiles the templates once; fails on a broken site template.
    pub fn new(newsroom: Newsroom, settings: SiteSettings) -> Result<Self, minijinja::Error> {
        let translations = Translations::shipped().map_err(|e| {
            minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.to_string())
        })?;
        let templates = Templates::new(settings.template_dir.clone(), translations.clone())?;
        let identity =
            SiteIdentity { name: settings.name.clone(), tagline: settings.tagline.clone() };
        let page_cache = (settings.page_cache_bytes > 0).then(|| {
            let cache = Arc::new(PageCache::new(settings.page_cache_bytes));
            let purged = Arc::downgrade(&cache);
            newsroom.on_change(move |change| {
                if let Some(cache) = purged.upgrade() {
                    crate::cache::purge::apply(&cache, change);
                }
            });
            cache
        });
        let image_decoding =
            ImageDecoding::new(settings.image_decodes_at_once, settings.image_memory);
        Ok(Self(Arc::new(Shared {
            identity: Arc::new(RwLock::new(identity)),
            image_decoding,
            catalog: CatalogCache::watching(&newsroom),
            metrics: Arc::new(crate::metrics::Metrics::new(page_cache.as_deref())),
            page_cache,
            accounts: Accounts::new(&newsroom),
            newsroom,
            settings: Arc::new(settings),
            templates: Arc::new(templates),
            translations,
            mailer: None,
        })))
    }

    /// Sends email through `mailer` (`lede serve` builds it from the configuration).
    pub fn with_mailer(mut self, mailer: crate::newsletters::Mailer) -> Self {
        Arc::make_mut(&mut self.0).mailer = Some(Arc::new(mailer));
        self
    }

    /// Forgets every rendered page and the catalog, for when another process changed the
    /// content (the `lede` command line, a second server): this one heard no announcement.
    pub fn forget_rendered(&self) {
        self.catalog.forget();
        if let Some(cache) = &self.page_cache {
            cache.clear();
        }
    }

    /// Applies what another server sharing the database announced (see
    /// `Newsroom::join_servers`), as if it had happened here: the pages it made stale go,
    /// and when the catalog changed the site's name and tagline are read again first, so no
    /// page renders the old ones after the purge. Having missed something, everything goes.
    pub async fn hear(&self, heard: Heard) -> Result<(), lede_store::Error> {
        match heard {
            Heard::Change(change) => {
                if change == Change::Catalog {
                    self.reload_identity().await?;
                }
                self.newsroom.apply_heard(&change).await
            }
            Heard::Missed => {
                self.reload_identity().await?;
                self.newsroom.reload_site_settings().await?;
                self.forget_rendered();
                Ok(())
            }
        }
    }

    /// Reads the name and tagline from the store (another process may have changed them).
    async fn reload_identity(&self) -> Result<(), lede_store::Error> {
        let store = self.newsroom.store();
        let defaults = SiteSettings::default();
        let identity = SiteIdentity {
            name: store.setting(lede_store::SITE_NAME_KEY).await?.unwrap_or(defaults.name),
            tagline: store.setting(lede_store::SITE_TAGLINE_KEY).await?.unwrap_or(defaults.tagline),
        };
        *self.identity.write().unwrap_or_else(std::sync::PoisonError::into_inner) = identity;
        Ok(())
    }

    /// Drops every rendered page once a breaking-news banner they may show has expired, and
    /// removes it from the store. Cheap when none has (nothing but a look at the catalog in
    /// memory), so `lede serve` calls it every few seconds. The pages are dropped here even
    /// when another server removed the banner first and this one heard nothing of it.
    pub async fn expire_breaking_news(&self) {
        let now = self.newsroom.now();
        if !self.catalog.held().is_some_and(|catalog| catalog.breaking_expired(now)) {
            return;
        }
        if let Err(error) = self.newsroom.expire_breaking_news().await {
            tracing::warn!(%error, "removing an expired breaking-news banner failed");
        }
        self.forget_rendered();
    }

    /// The site's name and tagline as they are now.
    pub fn identity(&self) -> SiteIdentity {
        // A writer that panicked left a whole value behind (it only assigns), so use it.
        self.identity.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Shows a new name and tagline on every page from the next request on. Only the settings
    /// page calls this, after the newsroom stored them.
    pub(crate) fn set_identity(&self, identity: SiteIdentity) {
        *self.identity.write().unwrap_or_else(std::sync::PoisonError::into_inner) = identity;
        // The newsroom's announcement purged the cache before the new name was set here; a
        // page rendered in between still shows the old one, so purge again.
        if let Some(cache) = &self.page_cache {
            cache.clear();
        }
    }
}
