//! What the newsroom sets around the articles: the breaking-news banner of each edition
//! (editors and admins), and the site's logo, default share image and number of "You May
//! Also Like" cards (admins). Every change is announced as [`Change::Catalog`]: these show on
//! every page, so every rendered page is dropped.

use super::site::may_manage_site;
use super::{Change, Newsroom};
use crate::{Error, Result};
use lede_core::Invalid;
use lede_core::account::{Action, User};
use lede_core::presentation::{self, BreakingNews, DEFAULT_RELATED_COUNT, SiteImage, SiteImages};

use crate::sql::{RELATED_COUNT_KEY, SHARE_IMAGE_KEY, SITE_LOGO_KEY};

fn key_of(image: SiteImage) -> &'static str {
    match image {
        SiteImage::Logo => SITE_LOGO_KEY,
        SiteImage::ShareImage => SHARE_IMAGE_KEY,
    }
}

/// What reader pages read of the site's settings besides its name and languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSettings {
    pub images: SiteImages,
    /// How many "You May Also Like" cards an article page shows.
    pub related_count: u32,
}

/// Refuses anyone but an editor or an admin.
fn may_curate(by: &User) -> Result<()> {
    if by.role.may(Action::CurateFrontPage) {
        Ok(())
    } else {
        Err(Error::Forbidden("store-breaking-editors-only".into()))
    }
}

impl Newsroom {
    /// The site's images and related list's length, in one query.
    pub async fn page_settings(&self) -> Result<PageSettings> {
        let stored =
            self.store.settings(&[SITE_LOGO_KEY, SHARE_IMAGE_KEY, RELATED_COUNT_KEY]).await?;
        let value = |key: &str| stored.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        Ok(PageSettings {
            images: SiteImages { logo: value(SITE_LOGO_KEY), share_image: value(SHARE_IMAGE_KEY) },
            related_count: value(RELATED_COUNT_KEY)
                .and_then(|v| presentation::related_count(&v).ok())
                .unwrap_or(DEFAULT_RELATED_COUNT),
        })
    }

    /// Sets or removes (`None`) the site's logo or default share image (admins only). The
    /// image must be one of the media library's, which checked and re-encoded it on upload.
    pub async fn save_site_image(
        &self,
        by: &User,
        image: SiteImage,
        path: Option<&str>,
    ) -> Result<()> {
        may_manage_site(by)?;
        self.set_site_image(image, path).await
    }

    /// [`Self::save_site_image`] for the operator's own tools (the demo loader).
    pub async fn set_site_image(&self, image: SiteImage, path: Option<&str>) -> Result<()> {
        match path {
            Some(path) => {
                if self.store.media_by_path(path).await?.is_none() {
                    return Err(Invalid::new("image", "store-not-in-library").into());
                }
                self.store.put_setting(key_of(image), path).await?;
            }
            None => self.store.delete_setting(key_of(image)).await?,
        }
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Sets how many "You May Also Like" cards article pages show (admins only), from the
    /// number as typed.
    pub async fn save_related_count(&self, by: &User, count: &str) -> Result<u32> {
        may_manage_site(by)?;
        let count = presentation::related_count(count)?;
        if self.page_settings().await?.related_count != count {
            self.store.put_setting(RELATED_COUNT_KEY, &count.to_string()).await?;
            self.announce(Change::Catalog);
        }
        Ok(count)
    }

    /// Puts up (or replaces) the breaking-news banner of `banner.language`'s edition, shown on
    /// its every page until it expires (editors and admins).
    pub async fn set_breaking_news(&self, by: &User, banner: BreakingNews) -> Result<()> {
        may_curate(by)?;
        let now = self.now();
        let language = self.languages().check(&banner.language)?;
        let banner = BreakingNews { language, ..banner }.check(now)?;
        self.store.put_breaking_news(&banner, Some(by.id), now).await?;
        self.announce(Change::Catalog);
        Ok(())
    }

    /// Takes down an edition's banner before it expires (editors and admins).
    pub async fn clear_breaking_news(&self, by: &User, language: &str) -> Result<()> {
        may_curate(by)?;
        if self.store.delete_breaking_news(language).await? {
            self.announce(Change::Catalog);
        }
        Ok(())
    }

    /// Removes the banners whose time is up, so pages rendered with them are dropped: the
    /// scheduler calls this every few seconds. Returns how many expired.
    pub async fn expire_breaking_news(&self) -> Result<u64> {
        let expired = self.store.delete_expired_breaking_news(self.now()).await?;
        if expired > 0 {
            self.announce(Change::Catalog);
        }
        Ok(expired)
    }
}
