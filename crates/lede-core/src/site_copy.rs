//! A whole site as plain records: what `lede export --format json` writes and `lede import
//! lede` restores into an empty site. These records are the body of the `lede-export` JSON
//! file (serialised as they stand, times in RFC 3339), so a field added here is a field of the
//! file: bump [`VERSION`] when one is renamed or removed, or when an old reader would restore
//! a new file wrongly.
//!
//! Ids are kept: a restored site answers `?p=ID` links, API cursors and bookmarks of the
//! newsroom as the old one did, and records refer to each other by them where there is no
//! slug (an account's revisions, a comment's reply, the uploader of an image). Sections, tags
//! and authors are referred to by slug, as everywhere else in Lede.
//!
//! What is never carried: plain passwords and API keys (only their hashes are ever stored),
//! sessions and preview links (everyone signs in again; links are shared again), autosaves,
//! rate limits and failed sign-ins, the site's secret (it keys readers' email hashes, which are
//! left out with it), and what is derived and rebuilt on restore: search entries, related
//! lists, word counts and signatures.

use crate::Slug;
use crate::account::Role;
use crate::comment::CommentStatus;
use crate::content::{ArticleStatus, FeaturedImage, NoteKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// The file's `format` field.
pub const FORMAT: &str = "lede-export";
/// The file's `version` field: 1 carried content only; 2 is a whole site.
pub const VERSION: u32 = 2;

/// The settings a site's operator chose, by key, that a copy carries; the others are the
/// site's own (its secret, its setup code) or the running servers' (marks, index versions).
pub const CARRIED_SETTINGS: &[&str] = &[
    "site_name",
    "site_tagline",
    "site_languages",
    "remote_images",
    "site_logo",
    "site_share_image",
    "related_count",
];

/// Whether a setting travels with a copy of the site: [`CARRIED_SETTINGS`] and the taglines
/// of the site's other languages (`site_tagline:ur`).
pub fn carried_setting(key: &str) -> bool {
    CARRIED_SETTINGS.contains(&key) || key.starts_with("site_tagline:")
}

/// Everything but the articles, which are read (and written) a page at a time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteCatalogCopy {
    pub settings: BTreeMap<String, String>,
    pub accounts: Vec<AccountRecord>,
    pub api_keys: Vec<ApiKeyRecord>,
    pub authors: Vec<AuthorRecord>,
    /// Parents before their children.
    pub sections: Vec<SectionRecord>,
    pub tags: Vec<TagRecord>,
    pub media: Vec<MediaRecord>,
    pub pages: Vec<PageCopy>,
    pub menus: Vec<MenuRecord>,
    pub redirects: Vec<RedirectRecord>,
    pub breaking_news: Vec<BannerRecord>,
    /// Where imported content came from, so importing the same WordPress file again after a
    /// restore still changes nothing.
    pub import_refs: Vec<ImportRefRecord>,
}

/// A whole site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteCopy {
    pub catalog: SiteCatalogCopy,
    /// Originals before their translations (ascending ids give that: a translation is
    /// always written after its original).
    pub articles: Vec<ArticleCopy>,
}

/// A newsroom account with its Argon2id password hash (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    /// The author profile the account writes as.
    pub author: Option<Slug>,
    pub interface_language: Option<String>,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A partner's API key: its SHA-256 and the hint shown to operators, never the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRecord {
    pub id: i64,
    /// The partner's name, which names the key.
    pub partner: String,
    pub key_hash: String,
    pub hint: String,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    /// Set once the key was revoked (keys have no scopes: a live key reads partner-only
    /// articles, a revoked one nothing).
    #[serde(with = "rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

/// A name (and its longer text) in one of the site's other languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LocalText {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// A section's description or an author's bio; tags have none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorRecord {
    pub id: i64,
    pub slug: Slug,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    pub avatar: Option<String>,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    /// By language.
    #[serde(default)]
    pub names: BTreeMap<String, LocalText>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRecord {
    pub id: i64,
    pub slug: Slug,
    pub name: String,
    pub description: String,
    pub parent: Option<Slug>,
    pub position: i64,
    #[serde(default)]
    pub names: BTreeMap<String, LocalText>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRecord {
    pub id: i64,
    pub slug: Slug,
    pub name: String,
    #[serde(default)]
    pub names: BTreeMap<String, LocalText>,
}

/// An image of the media library: its record only. The files (the image and its variants
/// under `DATA/media`) are copied by `lede backup` or the media store, not by the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRecord {
    pub id: i64,
    /// The full-size file's public path (`/media/uploads/…`).
    pub path: String,
    pub original_name: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    /// The variants' widths, as stored (`"320,640"`).
    pub widths: String,
    pub bytes: i64,
    /// The account that uploaded it.
    pub uploaded_by: Option<i64>,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// A static page with every saved version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageCopy {
    pub id: i64,
    pub slug: Slug,
    pub title: String,
    /// Empty for pages whose body came in as HTML.
    pub body_markdown: String,
    pub body_html: String,
    /// `draft` or `published`.
    pub status: String,
    /// `None`: the site's default language.
    pub language: Option<String>,
    #[serde(with = "rfc3339")]
    pub updated_at: OffsetDateTime,
    pub revisions: Vec<PageRevisionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRevisionRecord {
    pub version: i64,
    #[serde(with = "rfc3339")]
    pub saved_at: OffsetDateTime,
    /// The account that saved it (none when it was deleted, or for imports).
    pub saved_by: Option<i64>,
    pub slug: Slug,
    pub title: String,
    pub body_markdown: String,
}

/// A saved header or footer menu of one language, its links in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuRecord {
    /// `header` or `footer`.
    pub name: String,
    pub language: String,
    #[serde(with = "rfc3339")]
    pub saved_at: OffsetDateTime,
    pub items: Vec<MenuItemRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuItemRecord {
    /// `section`, `page` or `link`.
    pub kind: String,
    /// A section's or page's slug, or a link's address.
    pub target: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectRecord {
    pub from: String,
    pub to: String,
}

/// A breaking-news banner (kept until it expires).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannerRecord {
    pub language: String,
    pub text: String,
    pub link: Option<String>,
    #[serde(with = "rfc3339")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "rfc3339")]
    pub set_at: OffsetDateTime,
    pub set_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRefRecord {
    pub source: String,
    pub kind: String,
    pub foreign_id: String,
    pub local_id: i64,
    #[serde(with = "rfc3339")]
    pub imported_at: OffsetDateTime,
}

/// An article in any status, trashed or not, with all it keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCopy {
    pub id: i64,
    pub slug: Slug,
    pub headline: String,
    pub standfirst: String,
    /// Empty for articles whose body came in as HTML.
    pub body_markdown: String,
    pub body_html: String,
    pub language: String,
    /// The slug of the article this one translates.
    pub translation_of: Option<Slug>,
    pub status: ArticleStatus,
    pub section: Slug,
    /// In byline order.
    pub authors: Vec<Slug>,
    pub tags: Vec<Slug>,
    pub featured_image: Option<FeaturedImage>,
    pub partner_only: bool,
    /// The editor's version counter (the number the next save must name).
    pub version: i64,
    #[serde(with = "rfc3339::option")]
    pub published_at: Option<OffsetDateTime>,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The time the byline shows as "Updated", if an editor asked for it.
    #[serde(with = "rfc3339::option")]
    pub shown_updated_at: Option<OffsetDateTime>,
    /// When it went to the trash, and the status it had then.
    #[serde(with = "rfc3339::option")]
    pub trashed_at: Option<OffsetDateTime>,
    pub trashed_from: Option<ArticleStatus>,
    pub presentation: PresentationRecord,
    /// Corrections and update notes, oldest first.
    pub notes: Vec<NoteRecord>,
    /// Every saved version, oldest first.
    pub revisions: Vec<RevisionRecord>,
    /// Changes saved for later beside the published text, waiting for "Update".
    pub pending: Option<PendingRecord>,
    /// Oldest first, so a reply always follows what it answers.
    pub comments: Vec<CommentRecord>,
}

/// How the front page and search engines present an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentationRecord {
    pub top_story: bool,
    pub featured: bool,
    pub seo_title: String,
    pub meta_description: String,
    pub social_image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRecord {
    pub kind: NoteKind,
    pub body: String,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
    pub created_by: Option<i64>,
    /// The article's version that added it.
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRecord {
    pub version: i64,
    #[serde(with = "rfc3339")]
    pub saved_at: OffsetDateTime,
    pub saved_by: Option<i64>,
    pub headline: String,
    pub standfirst: String,
    pub body_markdown: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRecord {
    pub base_version: i64,
    /// The editor's fields as stored (JSON of the article input).
    pub content: String,
    #[serde(with = "rfc3339")]
    pub saved_at: OffsetDateTime,
    pub saved_by: Option<i64>,
}

/// A reader's comment. The keyed hash of its email address stays behind: it is keyed with
/// the old site's secret, which is not carried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentRecord {
    pub id: i64,
    pub parent: Option<i64>,
    pub name: String,
    pub website: Option<String>,
    pub text: String,
    pub status: CommentStatus,
    #[serde(with = "rfc3339")]
    pub created_at: OffsetDateTime,
}

/// RFC 3339 times in the file (`2026-11-28T12:00:00Z`).
pub mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(time: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&time.format(&Rfc3339).map_err(serde::ser::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(d)?;
        OffsetDateTime::parse(&text, &Rfc3339)
            .map_err(|e| D::Error::custom(format!("{text:?} is not an RFC 3339 time: {e}")))
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            time: &Option<OffsetDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match time {
                Some(time) => super::serialize(time, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<OffsetDateTime>, D::Error> {
            match Option::<String>::deserialize(d)? {
                None => Ok(None),
                Some(text) => OffsetDateTime::parse(&text, &Rfc3339).map(Some).map_err(|e| {
                    D::Error::custom(format!("{text:?} is not an RFC 3339 time: {e}"))
                }),
            }
        }
    }
}
