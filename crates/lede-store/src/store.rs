//! The store's interface, split by resource: articles, the catalog around them (authors,
//! sections, tags, pages, settings, redirects), comments, search, accounts, the newsroom's
//! editorial reads, what the content API adds (keyset pages, partners' API keys) and
//! whole-site transfers (imports and exports). [`Store`] is all of them, used as
//! `Arc<dyn Store>`. Reader-facing methods return only published content, and only what the
//! public may see unless a caller asks for a partner's [`Audience`].

use crate::{
    ArticleCursor, ArticleFilter, Audience, FeedEntry, KeysetPage, ListPage, PageRequest, Paged,
    QueuedComment, Result, SearchHit, SearchQuery, SitemapArticle,
};
use crate::{
    DeskFilter, DeskRow, EditableArticle, MediaItem, Placement, Revision, SaveContext,
    SessionRecord,
};
use async_trait::async_trait;
use lede_core::Slug;
use lede_core::account::{NewUser, User, UserId};
use lede_core::api_key::ApiKey;
use lede_core::comment::{CheckedComment, Comment, CommentStatus};
use lede_core::content::*;
use lede_core::related::Candidate;
use lede_core::transfer::{ArticleRecord, CheckedImport, ImportOutcome, SiteCatalog};
use time::OffsetDateTime;

/// Everything Lede reads and writes, as use cases rather than tables.
pub trait Store:
    ArticleStore
    + CatalogStore
    + CommentStore
    + SearchStore
    + AccountStore
    + EditorialStore
    + ApiStore
    + TransferStore
    + MediaStore
    + std::fmt::Debug
{
}

impl<T> Store for T where
    T: ArticleStore
        + CatalogStore
        + CommentStore
        + SearchStore
        + AccountStore
        + EditorialStore
        + ApiStore
        + TransferStore
        + MediaStore
        + std::fmt::Debug
{
}

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
    /// The newest `limit` published articles matching `filter`, without counting the rest (a
    /// count reads every matching row; a short list needs none).
    async fn latest_articles(
        &self,
        filter: &ArticleFilter,
        limit: u32,
    ) -> Result<Vec<ArticleSummary>>;
    /// The newest `limit` published articles of each of `sections` (each with the sections
    /// under it), in one round trip: the home page's section blocks.
    async fn latest_in_sections(
        &self,
        sections: &[SectionId],
        limit: u32,
    ) -> Result<Vec<(SectionId, Vec<ArticleSummary>)>>;
    /// A published article as the public sees it (never a partner-only one).
    async fn published_article(&self, slug: &str) -> Result<Option<Article>> {
        self.published_article_for(slug, Audience::Public).await
    }
    /// A published article, if `audience` may read it.
    async fn published_article_for(
        &self,
        slug: &str,
        audience: Audience,
    ) -> Result<Option<Article>>;
    /// The newest published articles matching `filter`, with bodies and tags, for feeds.
    async fn feed_entries(&self, filter: &ArticleFilter, limit: u32) -> Result<Vec<FeedEntry>>;
    /// Published articles for sitemaps, newest first: those published at or after `since`
    /// (news sitemaps), or all of them a slice at a time.
    async fn sitemap_articles(
        &self,
        since: Option<OffsetDateTime>,
        offset: u64,
        limit: u32,
    ) -> Result<Vec<SitemapArticle>>;
    async fn count_published(&self) -> Result<u64>;
    /// The stored "You May Also Like" list, best first, published public articles only.
    async fn related_articles(&self, id: ArticleId) -> Result<Vec<ArticleSummary>>;
    /// The two lists under an article, in one round trip: its related articles, and the newest
    /// `limit` others `filter` selects (the first author's, for "More From Author").
    async fn article_lists(
        &self,
        id: ArticleId,
        filter: &ArticleFilter,
        limit: u32,
    ) -> Result<(Vec<ArticleSummary>, Vec<ArticleSummary>)>;

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
        context: SaveContext,
    ) -> Result<ArticleId>;
    async fn set_article_status(
        &self,
        id: ArticleId,
        status: ArticleStatus,
        published_at: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<()>;
    /// Where a published, public article is listed; `None` for any other article. Comparing
    /// it before and after a write tells which lists the write changed.
    async fn placement(&self, id: ArticleId) -> Result<Option<Placement>>;
    /// The articles whose "You May Also Like" list holds `id`.
    async fn listed_as_related(&self, id: ArticleId) -> Result<Vec<ArticleId>>;
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
    /// Every tag, by name.
    async fn tags(&self) -> Result<Vec<Tag>>;
    async fn author_by_slug(&self, slug: &str) -> Result<Option<Author>>;
    /// Every author, by name.
    async fn authors(&self) -> Result<Vec<Author>>;
    async fn page_by_slug(&self, slug: &str) -> Result<Option<Page>>;
    /// Static pages for the footer, by title.
    async fn pages(&self) -> Result<Vec<NamedRef>>;
    /// Every section, tag and author page, with the time its newest article last changed.
    async fn list_pages(&self) -> Result<Vec<ListPage>>;
    /// Where an old path now lives (a changed slug), if anywhere.
    async fn redirect_for(&self, path: &str) -> Result<Option<String>>;

    /// How many articles, in any status, each section holds; sections without any are left
    /// out.
    async fn section_article_counts(&self) -> Result<Vec<(SectionId, u64)>>;
    /// Deletes a section that holds no article and no subsection (a conflict otherwise, so
    /// nothing is left pointing at a section that is gone).
    async fn delete_section(&self, id: SectionId) -> Result<()>;

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
    /// Comments in a status with their article's slug and headline, oldest first.
    async fn moderation_queue(
        &self,
        status: CommentStatus,
        limit: u32,
    ) -> Result<Vec<QueuedComment>>;
    async fn count_comments(&self, status: CommentStatus) -> Result<u64>;
}

#[async_trait]
pub trait SearchStore: Send + Sync {
    /// Brings one article's entry in the search index up to date: indexed while published,
    /// absent otherwise.
    async fn index_article(&self, id: ArticleId) -> Result<()>;
    /// Rebuilds the whole index; returns how many articles were looked at.
    async fn reindex_all(&self) -> Result<u64>;
    /// Published articles matching the query, best first, newest first among equals.
    async fn search(&self, query: &SearchQuery, page: PageRequest) -> Result<Paged<SearchHit>>;
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    async fn count_users(&self) -> Result<u64>;
    /// Creates an account; an email already in use is a conflict.
    async fn create_user(&self, user: &NewUser, now: OffsetDateTime) -> Result<UserId>;
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    async fn users(&self) -> Result<Vec<User>>;
    async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()>;
    async fn set_role(&self, id: UserId, role: lede_core::account::Role) -> Result<()>;
    /// Sets the byline an account writes under.
    async fn link_author(&self, id: UserId, author: AuthorId) -> Result<()>;
    /// Counts a failed sign-in; at `lock_after` failures in a row the account locks until
    /// `lock_until`. Returns the failures so far.
    async fn record_sign_in_failure(
        &self,
        id: UserId,
        lock_after: u32,
        lock_until: OffsetDateTime,
    ) -> Result<u32>;
    async fn clear_sign_in_failures(&self, id: UserId) -> Result<()>;
    /// Records a new session, with the User-Agent of the browser that opened it.
    async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        user_agent: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()>;
    /// The account, CSRF token and record of a live session (not revoked, not expired).
    async fn session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(User, String, SessionRecord)>>;
    /// Notes that a session was used at `now`.
    async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<()>;
    /// An account's live sessions, most recently used first.
    async fn user_sessions(&self, id: UserId, now: OffsetDateTime) -> Result<Vec<SessionRecord>>;
    async fn revoke_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<()>;
    /// Ends one live session of an account; `false` when the account has no such live session.
    async fn revoke_user_session(
        &self,
        id: UserId,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<bool>;
    /// Ends every session of an account (a password change, a stolen laptop), but the one
    /// whose hash is `keep`, if given. Returns how many ended.
    async fn revoke_user_sessions_except(
        &self,
        id: UserId,
        keep: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<u64>;
    /// Ends every session of an account (a password change, a stolen laptop).
    async fn revoke_user_sessions(&self, id: UserId, now: OffsetDateTime) -> Result<u64> {
        self.revoke_user_sessions_except(id, None, now).await
    }
}

/// What the newsroom's own pages read: articles in every status.
#[async_trait]
pub trait EditorialStore: Send + Sync {
    async fn editable_article(&self, id: ArticleId) -> Result<Option<EditableArticle>>;
    /// Articles in any status, most recently changed first.
    async fn desk(&self, filter: &DeskFilter, page: PageRequest) -> Result<Paged<DeskRow>>;
    /// How many articles are in each status.
    async fn desk_counts(&self) -> Result<Vec<(ArticleStatus, u64)>>;
    /// Every saved version of an article, newest first.
    async fn revisions(&self, id: ArticleId) -> Result<Vec<Revision>>;
    /// Scheduled articles whose publication time is at or before `now`.
    async fn due_scheduled(&self, now: OffsetDateTime) -> Result<Vec<ArticleId>>;
}

/// What the content API adds: lists read by keyset (stable under concurrent publishing, and as
/// fast on the last page as on the first) and partners' API keys.
#[async_trait]
pub trait ApiStore: Send + Sync {
    /// Published articles matching `filter`, newest first (ties by id, highest first), strictly
    /// after `after`; at most `limit` (1 to 100) of them.
    async fn list_articles_after(
        &self,
        filter: &ArticleFilter,
        after: Option<ArticleCursor>,
        limit: u32,
    ) -> Result<KeysetPage<ArticleSummary, ArticleCursor>>;
    /// Authors in the order they were added, strictly after the author `after`.
    async fn list_authors_after(
        &self,
        after: Option<AuthorId>,
        limit: u32,
    ) -> Result<KeysetPage<Author, AuthorId>>;
    /// Tags in the order they were added, strictly after the tag `after`.
    async fn list_tags_after(
        &self,
        after: Option<TagId>,
        limit: u32,
    ) -> Result<KeysetPage<Tag, TagId>>;

    /// Records a partner's key by its hash (the key itself is never stored).
    async fn add_api_key(
        &self,
        partner: &str,
        key_hash: &str,
        hint: &str,
        now: OffsetDateTime,
    ) -> Result<ApiKey>;
    /// Every key, revoked ones too, oldest first.
    async fn api_keys(&self) -> Result<Vec<ApiKey>>;
    /// The key with this hash, revoked or not.
    async fn api_key_by_hash(&self, key_hash: &str) -> Result<Option<ApiKey>>;
    /// Revokes a key (from `now`; a key already revoked keeps its first revocation time).
    async fn revoke_api_key(&self, id: ApiKeyId, now: OffsetDateTime) -> Result<ApiKey>;
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

/// The media library's records (the files themselves live in the data directory).
#[async_trait]
pub trait MediaStore: Send + Sync {
    async fn add_media(&self, item: &MediaItem, uploaded_by: Option<UserId>) -> Result<i64>;
    /// The library, newest first, optionally only names containing `search`.
    async fn media(&self, search: &str, limit: u32) -> Result<Vec<MediaItem>>;
    async fn media_by_id(&self, id: i64) -> Result<Option<MediaItem>>;
    async fn media_by_path(&self, path: &str) -> Result<Option<MediaItem>>;
    /// The headline of an article that shows the image (featured or in its body), if any.
    async fn media_used_by(&self, path: &str) -> Result<Option<String>>;
    async fn delete_media(&self, id: i64) -> Result<()>;
}
