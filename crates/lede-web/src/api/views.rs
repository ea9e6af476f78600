//! The API's JSON shapes, made for it from domain values (never the domain types themselves,
//! so either can change without breaking a client). `/api/openapi.json` describes each one,
//! and tests check real responses against those descriptions.
//!
//! Every resource carries `url` (its reader page) and `api_url` (itself here), both absolute.

use super::params::rfc3339;
use crate::state::SiteSettings;
use lede_core::Slug;
use lede_core::content::*;
use lede_core::urls;
use serde::Serialize;

/// Absolute addresses on this site, for pages, API resources and media.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a>(pub &'a SiteSettings);

impl Links<'_> {
    pub fn page(&self, path: &str) -> String {
        self.0.absolute(path)
    }

    /// A media address as stored (`/media/…` or already absolute) made absolute.
    pub fn media(&self, src: &str) -> String {
        if src.starts_with('/') { self.0.absolute(src) } else { src.to_owned() }
    }

    /// A resource of the API by slug; an Urdu slug is percent-encoded, so the link is a URI
    /// (as the document's `format: uri` says), like the reader pages' links.
    pub fn api(&self, collection: &str, slug: &Slug) -> String {
        self.0.absolute(&format!("/api/{collection}/{}", slug.url_encoded()))
    }

    /// The API's article list narrowed to one author, section or tag.
    pub fn articles_by(&self, parameter: &str, slug: &Slug) -> String {
        self.0.absolute(&format!("/api/articles?{parameter}={}", slug.url_encoded()))
    }
}

/// A link-sized reference to an author, section or tag.
#[derive(Debug, Serialize)]
pub struct RefView {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub api_url: String,
}

impl RefView {
    /// `page` builds the reader's address (`urls::section`), `collection` names the API's
    /// (`sections`).
    pub fn new(
        links: Links<'_>,
        page: fn(&Slug) -> String,
        collection: &str,
        named: &NamedRef,
    ) -> Self {
        Self {
            slug: named.slug.to_string(),
            name: named.name.clone(),
            url: links.page(&page(&named.slug)),
            api_url: links.api(collection, &named.slug),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

impl ImageView {
    pub fn new(links: Links<'_>, image: &FeaturedImage) -> Self {
        Self {
            src: links.media(&image.src),
            alt: image.shown_alt().to_owned(),
            caption: image.caption.clone(),
            credit: image.credit.clone(),
        }
    }
}

/// One page of a list: its items, and how to ask for the next (both `null` on the last).
#[derive(Debug, Serialize)]
pub struct ListView<T> {
    pub items: Vec<T>,
    /// Pass back as `cursor` for the next page.
    pub next_cursor: Option<String>,
    /// The absolute address of the next page, with the same filters.
    pub next: Option<String>,
}

/// An article in a list.
#[derive(Debug, Serialize)]
pub struct ArticleSummaryView {
    pub slug: String,
    pub url: String,
    pub api_url: String,
    pub headline: String,
    pub standfirst: String,
    pub language: String,
    /// `rtl` for right-to-left scripts (Urdu, Arabic…), else `ltr`.
    pub direction: &'static str,
    pub published_at: String,
    pub updated_at: String,
    pub section: RefView,
    pub authors: Vec<RefView>,
    pub image: Option<ImageView>,
    pub partner_only: bool,
}

pub fn direction(language: &str) -> &'static str {
    if is_right_to_left(language) { "rtl" } else { "ltr" }
}

impl ArticleSummaryView {
    pub fn new(links: Links<'_>, a: &ArticleSummary) -> Self {
        Self {
            slug: a.slug.to_string(),
            url: links.page(&urls::article(&a.slug)),
            api_url: links.api("articles", &a.slug),
            headline: a.headline.clone(),
            standfirst: a.standfirst.clone(),
            language: a.language.clone(),
            direction: direction(&a.language),
            published_at: rfc3339(a.published_at),
            updated_at: rfc3339(a.updated_at),
            section: RefView::new(links, urls::section, "sections", &a.section),
            authors: a
                .authors
                .iter()
                .map(|r| RefView::new(links, urls::author, "authors", r))
                .collect(),
            image: a.featured_image.as_ref().map(|i| ImageView::new(links, i)),
            partner_only: a.partner_only,
        }
    }
}

/// An author, in full.
#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    pub avatar: Option<String>,
    pub url: String,
    pub api_url: String,
    pub articles_url: String,
}

impl AuthorView {
    pub fn new(links: Links<'_>, a: &Author) -> Self {
        Self {
            slug: a.slug.to_string(),
            name: a.name.clone(),
            bio: a.bio.clone(),
            website: a.website.clone(),
            avatar: a.avatar.as_deref().map(|src| links.media(src)),
            url: links.page(&urls::author(&a.slug)),
            api_url: links.api("authors", &a.slug),
            articles_url: links.articles_by("author", &a.slug),
        }
    }
}
