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
    /// Only articles in this language (a site language tag, as stored): an edition's lists.
    pub language: Option<String>,
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
        Self { number: number.max(1), size: size.clamp(1, 100) }
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

/// An article as a feed carries it: the summary, the body and the tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub summary: lede_core::content::ArticleSummary,
    pub body_html: String,
    pub tags: Vec<lede_core::content::NamedRef>,
}

/// A published article as sitemaps list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapArticle {
    pub id: ArticleId,
    pub slug: lede_core::Slug,
    pub headline: String,
    pub language: String,
    pub published_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// What kind of list page a sitemap entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Section,
    Tag,
    Author,
}

/// A section, tag or author page, last modified when its newest article was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    pub kind: ListKind,
    pub slug: lede_core::Slug,
    pub lastmod: Option<OffsetDateTime>,
}

/// A reader's search: words, and the same filters lists take.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub filter: ArticleFilter,
}

/// One result: the article and a snippet of its text with the matches between
/// [`crate::sql::MARK_START`] and [`crate::sql::MARK_END`] (plain text, not HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub summary: lede_core::content::ArticleSummary,
    pub snippet: String,
}

/// A page of search results. Only the newest [`crate::sql::SEARCH_RANKED`] matches are
/// ranked, so `hits.total` counts at most that many and `more` says whether other, older
/// articles match too (the page then says "more than" its total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    pub hits: Paged<SearchHit>,
    pub more: bool,
}

/// A comment in the moderation queue, with the article it was left on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedComment {
    pub comment: lede_core::comment::Comment,
    pub article: lede_core::content::NamedRef,
}

/// Who saves an article, and the version they started from: a save against an older version
/// than the stored one is refused as a conflict, never silently applied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveContext {
    pub expected_version: Option<i64>,
    pub saved_by: Option<lede_core::account::UserId>,
}

/// An article as the editor opens it: the Markdown and every field, its status and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditableArticle {
    pub id: lede_core::content::ArticleId,
    pub input: lede_core::content::ArticleInput,
    pub status: lede_core::content::ArticleStatus,
    pub version: i64,
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    pub author_ids: Vec<lede_core::content::AuthorId>,
    /// Whether it is its edition's top story, and featured.
    pub curation: lede_core::presentation::Curation,
    pub search_and_social: lede_core::presentation::SearchAndSocial,
    /// Its corrections and update notes so far, oldest first.
    pub notes: Vec<lede_core::content::ArticleNote>,
    /// When it was moved to the trash, if it is there (a trashed article is a draft).
    pub trashed_at: Option<OffsetDateTime>,
}

/// Changes to a published article kept beside it ("Save for later"): the live page stays as
/// it was until "Update" puts them live (or someone discards them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingVersion {
    pub input: lede_core::content::ArticleInput,
    /// Display names of tags it names, by slug, for those that do not exist yet.
    pub tag_names: Vec<(lede_core::Slug, String)>,
    pub notes: lede_core::content::UpdateNotes,
    /// Front-page flags and search and social fields sent with it; `None` in either keeps
    /// what the article has.
    pub presentation: lede_core::presentation::Presentation,
    /// The article's version it was made from: an "Update" from it after the live article
    /// changed again is refused as a conflict, like any save against an older version.
    pub base_version: i64,
    pub saved_at: OffsetDateTime,
    /// The name of the person who saved it, if their account still exists.
    pub saved_by: Option<String>,
}

/// A person's autosaved editor: the fields as the editor sent them (the web layer's shape;
/// the store keeps the text as it is), and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autosave {
    pub content: String,
    pub saved_at: OffsetDateTime,
}

/// A link that shows a draft to someone without an account. The token itself is never
/// stored, only its hash; the link stops working when it expires or is revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewLink {
    pub id: i64,
    pub article: lede_core::content::ArticleId,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub created_by: Option<String>,
    pub revoked_at: Option<OffsetDateTime>,
}

impl PreviewLink {
    /// Whether it still shows its article at `now`.
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// A correction as the corrections page lists it: the corrected article and the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionEntry {
    pub summary: lede_core::content::ArticleSummary,
    pub text: String,
    pub at: OffsetDateTime,
}

/// Which articles the newsroom's list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskFilter {
    pub status: Option<lede_core::content::ArticleStatus>,
    pub section: Option<lede_core::content::SectionId>,
    pub author: Option<lede_core::content::AuthorId>,
    /// Words the headline contains.
    pub headline: Option<String>,
    /// The trash instead of the articles outside it.
    pub trash: bool,
    pub sort: DeskSort,
    /// Oldest, or A to Z, first.
    pub ascending: bool,
}

/// What the newsroom's article list is sorted by; ties go newest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeskSort {
    /// When it last changed (in the trash: when it was trashed).
    #[default]
    Date,
    Headline,
    /// In the workflow's order: draft, in review, scheduled, published, unpublished.
    Status,
}

/// One line of the newsroom's article list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRow {
    pub id: lede_core::content::ArticleId,
    pub slug: lede_core::Slug,
    pub headline: String,
    pub status: lede_core::content::ArticleStatus,
    pub section: String,
    pub authors: Vec<String>,
    pub updated_at: OffsetDateTime,
    pub published_at: Option<OffsetDateTime>,
    /// Whether changes to it wait beside it, saved for later.
    pub pending: bool,
    pub language: String,
    /// Words in its body.
    pub words: usize,
    /// Comments readers see under it (approved).
    pub comments: u64,
    /// When it went to the trash, and the status it had then.
    pub trashed: Option<(OffsetDateTime, lede_core::content::ArticleStatus)>,
}

/// A saved state of an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub version: i64,
    pub saved_at: OffsetDateTime,
    pub saved_by: Option<String>,
    pub headline: String,
    pub standfirst: String,
    pub body_markdown: String,
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
        Self { published_at: summary.published_at, id: summary.id }
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

/// An image in the media library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    pub id: i64,
    /// The full-size file's public path (`/media/uploads/2026/11/3f9a….jpg`).
    pub path: String,
    pub original_name: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    /// Widths of the resized variants, smallest first.
    pub widths: Vec<u32>,
    pub bytes: u64,
    pub created_at: OffsetDateTime,
    /// The account that uploaded it (`None` for images from before accounts, or whose
    /// uploader's account is gone).
    pub uploaded_by: Option<lede_core::account::UserId>,
    /// Alt text, caption and credit, offered to each article that shows the image.
    pub description: lede_core::alt_text::Description,
}

impl MediaItem {
    /// The public path of a variant: the full-size path with `-WIDTH` before the extension,
    /// in the given extension.
    pub fn variant(&self, width: u32, extension: &str) -> String {
        let stem = self.path.rsplit_once('.').map_or(self.path.as_str(), |(stem, _)| stem);
        format!("{stem}-{width}.{extension}")
    }
}

/// Where a published article appears in the public lists: by date, in its section and the
/// sections above it, under its tags and on its authors' pages. The ids are sorted, so two
/// placements compare equal exactly when the article sits in the same lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub published_at: OffsetDateTime,
    pub sections: Vec<SectionId>,
    pub tags: Vec<TagId>,
    pub authors: Vec<AuthorId>,
}

/// A live session as the store keeps it: the token's hash (the token itself is never stored),
/// when it began, when it was last used and the browser that opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub token_hash: String,
    pub created_at: OffsetDateTime,
    /// `None` until first used after signing in (and on sessions older than this column).
    pub last_used_at: Option<OffsetDateTime>,
    pub user_agent: String,
}

/// A published article with what its page shows below it, read together.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    pub article: lede_core::content::Article,
    /// Approved comments, oldest first.
    pub comments: Vec<lede_core::comment::Comment>,
    /// Its published public versions in other languages, by language.
    pub translations: Vec<Translation>,
}

/// An article page's lists, and the media library's records of the images it shows.
#[derive(Debug, Clone, Default)]
pub struct ArticleLists {
    /// "You May Also Like", best first.
    pub related: Vec<lede_core::content::ArticleSummary>,
    /// "More From Author", newest first.
    pub more: Vec<lede_core::content::ArticleSummary>,
    /// The library's records of the article's images and of its cards', by path.
    pub media: Vec<MediaItem>,
}

/// Another language's version of an article: the original it translates, or another
/// translation of the same original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub id: lede_core::content::ArticleId,
    pub language: String,
    pub slug: lede_core::Slug,
    pub headline: String,
    /// Whether this is the original the others translate.
    pub original: bool,
}
