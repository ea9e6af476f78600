//! Query shapes the store takes and gives: filters, pages of results, and keyset positions.

use lede_core::content::{ArticleId, AuthorId, SectionId, TagId};
use time::OffsetDateTime;

/// Who reads: the public (reader pages, feeds, the public API) or a syndication partner with a
/// valid API key, who also sees partner-only articles. The default is the public, so a query
/// that does not say otherwise can never leak partner-only content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Audience {
    #[default]
    Public,
    Partner,
}

/// Which published articles a list shows. Every field narrows the list; all `None` is the
/// whole site (as the public sees it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFilter {
    /// The section and every section nested under it.
    pub section: Option<SectionId>,
    pub tag: Option<TagId>,
    pub author: Option<AuthorId>,
    /// Published at or after this time.
    pub from: Option<OffsetDateTime>,
    /// Published before this time.
    pub until: Option<OffsetDateTime>,
    pub exclude: Option<ArticleId>,
    pub audience: Audience,
}

/// A page of a list: 1-based page number and its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub number: u32,
    pub size: u32,
}

impl PageRequest {
    pub fn new(number: u32, size: u32) -> Self {
        Self {
            number: number.max(1),
            size: size.clamp(1, 100),
        }
    }

    pub fn first(size: u32) -> Self {
        Self::new(1, size)
    }

    pub(crate) fn offset(self) -> i64 {
        i64::from(self.number - 1) * i64::from(self.size)
    }
}

/// One page of results and enough to link to the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub page: PageRequest,
    pub total: u64,
}

impl<T> Paged<T> {
    pub fn page_count(&self) -> u32 {
        let pages = self.total.div_ceil(u64::from(self.page.size)).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }

    pub fn has_next(&self) -> bool {
        self.page.number < self.page_count()
    }
}

/// A position in the newest-first list of articles: lists continue strictly after it, so a
/// page never repeats or skips an article when newer ones are published meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleCursor {
    pub published_at: OffsetDateTime,
    pub id: ArticleId,
}

impl ArticleCursor {
    pub fn after(summary: &lede_core::content::ArticleSummary) -> Self {
        Self {
            published_at: summary.published_at,
            id: summary.id,
        }
    }
}

/// A page of a list read by keyset: its items and, when more follow, the key after which the
/// next page starts (`K` is an [`ArticleCursor`] or, for lists by slug, the last slug).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeysetPage<T, K> {
    pub items: Vec<T>,
    pub next: Option<K>,
}

impl<T, K> KeysetPage<T, K> {
    /// Cuts a list fetched with one extra row down to `limit`, keeping the last key if more
    /// followed.
    pub(crate) fn from_overfetch(mut items: Vec<T>, limit: u32, key: impl Fn(&T) -> K) -> Self {
        let limit = limit as usize;
        let more = items.len() > limit;
        items.truncate(limit);
        let next = if more { items.last().map(key) } else { None };
        Self { items, next }
    }
}
