//! The site's sections, static pages and saved menus, which every page's layout names (header
//! and footer),
//! the breaking-news banners, logo and share image every page may show, and the names of
//! sections, tags and authors in the site's other languages, held in memory and read again
//! from the store only after the newsroom announces a catalog change. This takes several
//! queries off every page render, and lets a page name things in its language without one
//! more.

use crate::error::AppResult;
use lede_core::content::{NamedRef, Section};
use lede_core::menu::{Menu, MenuName};
use lede_core::names::{LocalNames, Names};
use lede_core::presentation::BreakingNews;
use lede_store::{Change, Newsroom, PageSettings};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use time::OffsetDateTime;

#[derive(Debug)]
pub struct Catalog {
    pub sections: Vec<Section>,
    /// The published static pages.
    pub pages: Vec<NamedRef>,
    /// The header and footer menus admins saved, per language (none: the default menus).
    pub menus: Vec<Menu>,
    /// Sections', tags' and authors' names in languages other than the default.
    pub names: LocalNames,
    /// The site's tagline in languages other than the default, where it has one.
    pub taglines: Vec<(String, String)>,
    /// The breaking-news banners that were live when the catalog was read, by language.
    pub breaking: Vec<BreakingNews>,
    /// The site's logo, default share image and number of "You May Also Like" cards.
    pub page: PageSettings,
}

impl Catalog {
    /// The names a page in `language` gives sections, tags and authors (the default
    /// language's own where that language has none).
    pub fn names(&self, language: &str) -> Names<'_> {
        self.names.language(language)
    }

    /// The menu saved as `name` for pages in `language`, if an admin saved one.
    pub fn menu(&self, name: MenuName, language: &str) -> Option<&Menu> {
        self.menus.iter().find(|m| m.name == name && m.language == language)
    }

    /// The tagline for pages in `language`, if that language has its own.
    pub fn tagline(&self, language: &str) -> Option<&str> {
        self.taglines.iter().find(|(l, _)| l == language).map(|(_, t)| t.as_str())
    }

    /// The banner over pages in `language` at `now`, while it is live.
    pub fn breaking(&self, language: &str, now: OffsetDateTime) -> Option<&BreakingNews> {
        self.breaking.iter().find(|b| b.language == language && b.is_live(now))
    }

    /// Whether a banner this catalog holds has expired by `now`: pages rendered with it must
    /// go.
    pub fn breaking_expired(&self, now: OffsetDateTime) -> bool {
        self.breaking.iter().any(|b| !b.is_live(now))
    }
}

#[derive(Debug, Default)]
pub struct CatalogCache {
    current: RwLock<Option<Arc<Catalog>>>,
    /// Bumped by every catalog change; a load that saw another value when it began is not
    /// kept, so a change during a load cannot leave the old catalog in place.
    version: AtomicU64,
}

impl CatalogCache {
    /// A cache that forgets the catalog whenever `newsroom` announces a catalog change.
    pub fn watching(newsroom: &Newsroom) -> Arc<Self> {
        let cache = Arc::new(Self::default());
        let weak = Arc::downgrade(&cache);
        newsroom.on_change(move |change| {
            if *change == Change::Catalog
                && let Some(cache) = weak.upgrade()
            {
                cache.forget();
            }
        });
        cache
    }

    /// The catalog held now, if one is (without reading it).
    pub fn held(&self) -> Option<Arc<Catalog>> {
        self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Reads the catalog from the store again on next use.
    pub fn forget(&self) {
        self.version.fetch_add(1, Ordering::AcqRel);
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    pub async fn get(&self, newsroom: &Newsroom) -> AppResult<Arc<Catalog>> {
        if let Some(catalog) =
            self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref()
        {
            return Ok(catalog.clone());
        }
        let version = self.version.load(Ordering::Acquire);
        let store = newsroom.store();
        let catalog = Arc::new(Catalog {
            sections: store.sections().await?,
            pages: store.pages().await?,
            menus: store.menus().await?,
            names: store.local_names().await?,
            taglines: newsroom.site_taglines().await?,
            breaking: {
                let now = newsroom.now();
                let mut banners = store.breaking_news().await?;
                banners.retain(|b| b.is_live(now));
                banners
            },
            page: newsroom.page_settings().await?,
        });
        let mut current = self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.version.load(Ordering::Acquire) == version {
            *current = Some(catalog.clone());
        }
        Ok(catalog)
    }
}
