//! The store's interface, split by resource: articles, the catalog around them (authors,
//! sections, tags, pages, settings, redirects), comments, and whole-site transfers (imports
//! and exports). [`Store`] is all four, used as `Arc<dyn Store>`. Reader-facing methods
//! return only published content.

use crate::{ArticleFilter, PageRequest, Paged, Result};
use async_trait::async_trait;
use lede_core::Slug;
use lede_core::comment::{CheckedComment, Comment, CommentStatus};
use lede_core::content::*;
use lede_core::related::Candidate;
use lede_core::transfer::{ArticleRecord, CheckedImport, ImportOutcome, SiteCatalog};
use time::OffsetDateTime;

/// Everything Lede reads and writes, as use cases rather than tables.
pub trait Store:
    ArticleStore + CatalogStore + CommentStore + TransferStore + std::fmt::Debug
{
}

impl<T: ArticleStore + CatalogStore + CommentStore + TransferStore + std::fmt::Debug> Store for T {}

#[async_trait]
pub trait ArticleStore: Send + Sync {
    /// How many articles exist in any status (an empty site may get demo content).
    async fn count_articles(&self) -> Result<u64>;
    /// Published articles matching `filter`, newest first, one page of them.
    async fn list_articles(
        &self,
        filter: &ArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<ArticleSummary>>;
    async fn published_article(&self, slug: &str) -> Result<Option<Article>>;
    /// The stored "You May Also Like" list, best first, published articles only.
    async fn related_articles(&self, id: ArticleId) -> Result<Vec<ArticleSummary>>;

    /// The id and status of an article in any status.
    async fn article_state(&self, slug: &str) -> Result<Option<(ArticleId, ArticleStatus)>>;
    /// Saves an article's content (a new draft when `id` is `None`). Changing the slug of a
    /// published article records a redirect from its old URL.
    async fn save_article(
        &self,
        id: Option<ArticleId>,
        article: &CheckedArticle,
        signature: &str,
        now: OffsetDateTime,
    ) -> Result<ArticleId>;
    async fn set_article_status(
        &self,
        id: ArticleId,
        status: ArticleStatus,
        published_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Every published article as the related-article scorer needs it.
    async fn related_candidates(&self) -> Result<Vec<Candidate>>;
    /// Replaces `id`'s related list, and offers `id` to other articles' lists with the given
    /// scores (each list keeps only its best entries).
    async fn store_related(
        &self,
        id: ArticleId,
        list: &[(ArticleId, f64)],
        offers: &[(ArticleId, f64)],
    ) -> Result<()>;
}

#[async_trait]
pub trait CatalogStore: Send + Sync {
    /// Answers once the database can serve queries.
    async fn ping(&self) -> Result<()>;
    async fn setting(&self, key: &str) -> Result<Option<String>>;
    async fn put_setting(&self, key: &str, value: &str) -> Result<()>;

    async fn sections(&self) -> Result<Vec<Section>>;
    async fn section_by_slug(&self, slug: &str) -> Result<Option<Section>>;
    async fn tag_by_slug(&self, slug: &str) -> Result<Option<Tag>>;
    async fn author_by_slug(&self, slug: &str) -> Result<Option<Author>>;
    async fn page_by_slug(&self, slug: &str) -> Result<Option<Page>>;
    /// Static pages for the footer, by title.
    async fn pages(&self) -> Result<Vec<NamedRef>>;
    /// Where an old path now lives (a changed slug), if anywhere.
    async fn redirect_for(&self, path: &str) -> Result<Option<String>>;

    /// Creates or updates (by slug) an author, section, tag or page.
    async fn upsert_author(&self, author: &AuthorInput) -> Result<AuthorId>;
    async fn upsert_section(&self, section: &SectionInput, position: i64) -> Result<SectionId>;
    async fn upsert_tag(&self, slug: &Slug, name: &str) -> Result<TagId>;
    async fn upsert_page(
        &self,
        page: &PageInput,
        body_html: &str,
        now: OffsetDateTime,
    ) -> Result<PageId>;
}

#[async_trait]
pub trait CommentStore: Send + Sync {
    /// Stores a comment durably (committed before this returns) with the given status. A reply
    /// must answer an approved comment on the same article.
    async fn add_comment(
        &self,
        article: ArticleId,
        comment: &CheckedComment,
        email_hash: &str,
        status: CommentStatus,
        now: OffsetDateTime,
    ) -> Result<CommentId>;
    /// Approved comments of an article, oldest first.
    async fn approved_comments(&self, article: ArticleId) -> Result<Vec<Comment>>;
    /// Comments in a status, oldest first (the moderation queue).
    async fn list_comments(&self, status: CommentStatus, limit: u32) -> Result<Vec<Comment>>;
    async fn set_comment_status(&self, id: CommentId, status: CommentStatus) -> Result<Comment>;
}

/// Whole-site moves: an import written in one transaction, and everything read back out for an
/// export.
#[async_trait]
pub trait TransferStore: Send + Sync {
    /// Writes a checked import in one database transaction: all of it or, on any error, none.
    /// Items the same source brought before are left exactly as they are; authors, sections
    /// and tags whose slug exists are used as they are; article and page slugs that are taken
    /// get a number. Published articles and pages get redirects from their old paths.
    async fn write_import(
        &self,
        import: &CheckedImport,
        now: OffsetDateTime,
    ) -> Result<ImportOutcome>;
    /// Authors, sections (parents first), tags and pages.
    async fn export_catalog(&self) -> Result<SiteCatalog>;
    /// Articles in any status with their comments, by id, the first `limit` after `after`.
    async fn export_articles(
        &self,
        after: Option<ArticleId>,
        limit: u32,
    ) -> Result<Vec<ArticleRecord>>;
}
