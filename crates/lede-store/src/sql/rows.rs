//! Turning rows into domain values, shared by every query module.

use crate::Result;
use lede_core::Slug;
use lede_core::content::*;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

/// Unix seconds, as every time is stored.
pub fn to_unix(time: OffsetDateTime) -> i64 {
    time.unix_timestamp()
}

pub fn from_unix(seconds: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub fn slug(row: &AnyRow, column: &str) -> Result<Slug> {
    Ok(Slug::parse(&row.try_get::<String, _>(column)?)?)
}

pub fn maybe_slug(row: &AnyRow, column: &str) -> Result<Option<Slug>> {
    Ok(row.try_get::<Option<String>, _>(column)?.map(|s| Slug::parse(&s)).transpose()?)
}

/// A stored time (Unix seconds).
pub fn time(row: &AnyRow, column: &str) -> Result<OffsetDateTime> {
    Ok(from_unix(row.try_get(column)?))
}

pub fn maybe_time(row: &AnyRow, column: &str) -> Result<Option<OffsetDateTime>> {
    Ok(row.try_get::<Option<i64>, _>(column)?.map(from_unix))
}

/// A stored flag (0 or 1, as both databases keep booleans here).
pub fn flag(row: &AnyRow, column: &str) -> Result<bool> {
    Ok(row.try_get::<i64, _>(column)? != 0)
}

pub fn named(row: &AnyRow, slug_column: &str, name_column: &str) -> Result<NamedRef> {
    Ok(NamedRef { slug: slug(row, slug_column)?, name: row.try_get(name_column)? })
}

/// The columns [`summary`] reads, for `SELECT` lists over `articles a JOIN sections s`.
pub const SUMMARY_COLUMNS: &str = "a.id, a.slug, a.headline, a.standfirst, a.language, \
    a.published_at, a.updated_at, a.image_src, a.image_alt, a.image_caption, a.image_credit, \
    a.image_decorative, a.partner_only, s.slug AS section_slug, s.name AS section_name";

/// An article's featured image, from its row's `image_*` columns.
pub fn featured_image(row: &AnyRow) -> Result<Option<FeaturedImage>> {
    let image_src: Option<String> = row.try_get("image_src")?;
    Ok(match image_src {
        Some(src) if !src.is_empty() => Some(FeaturedImage {
            src,
            alt: row.try_get("image_alt")?,
            caption: row.try_get("image_caption")?,
            credit: row.try_get("image_credit")?,
            decorative: row.try_get::<i64, _>("image_decorative")? != 0,
        }),
        _ => None,
    })
}

/// An article summary without its authors (a second query fills them in for a whole list).
pub fn summary(row: &AnyRow) -> Result<ArticleSummary> {
    let featured_image = featured_image(row)?;
    let updated_at = from_unix(row.try_get("updated_at")?);
    Ok(ArticleSummary {
        id: ArticleId(row.try_get("id")?),
        slug: slug(row, "slug")?,
        headline: row.try_get("headline")?,
        standfirst: row.try_get("standfirst")?,
        language: row.try_get("language")?,
        published_at: row.try_get::<Option<i64>, _>("published_at")?.map_or(updated_at, from_unix),
        updated_at,
        section: named(row, "section_slug", "section_name")?,
        authors: Vec::new(),
        featured_image,
        partner_only: row.try_get::<i64, _>("partner_only")? != 0,
    })
}

pub fn author(row: &AnyRow) -> Result<Author> {
    Ok(Author {
        id: AuthorId(row.try_get("id")?),
        slug: slug(row, "slug")?,
        name: row.try_get("name")?,
        bio: row.try_get("bio")?,
        website: row.try_get("website")?,
        avatar: row.try_get("avatar")?,
    })
}

pub const AUTHOR_COLUMNS: &str = "au.id, au.slug, au.name, au.bio, au.website, au.avatar";

/// The search and social columns of an article row (`seo_title`, `meta_description`,
/// `social_image`).
pub fn search_and_social(row: &AnyRow) -> Result<lede_core::presentation::SearchAndSocial> {
    Ok(lede_core::presentation::SearchAndSocial {
        title: row.try_get("seo_title")?,
        description: row.try_get("meta_description")?,
        image: row.try_get("social_image")?,
    })
}
