//! Restoring a whole site from a copy (`lede import lede`): into an empty site only, in one
//! transaction, so a refused or broken copy leaves the site as empty as it was.

use super::{Change, Newsroom};
use crate::Result;
use crate::sql::RestoreCounts;
use lede_core::site_copy::SiteCopy;

impl Newsroom {
    /// Writes `copy` into this site, which must have no content yet; ids, slugs, dates,
    /// statuses, accounts with their password hashes and API keys with theirs are kept, and
    /// the search index and related lists are built from the restored articles. The site's
    /// settings then apply at once (languages, remote images), and every cached page goes.
    pub async fn restore(&self, copy: &SiteCopy) -> Result<RestoreCounts> {
        let counts = self.store.restore_site(copy, self.now()).await?;
        self.reload_site_settings().await?;
        self.announce(Change::Catalog);
        Ok(counts)
    }
}
