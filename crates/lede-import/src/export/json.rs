//! The site as one JSON document (`"format": "lede-export"`): every field Lede keeps, times
//! in RFC 3339, references by slug, so another Lede (or any program) can read it back.

use super::{SiteInfo, Writer, absolute};
use crate::error::Result;
use lede_core::Slug;
use lede_core::content::FeaturedImage;
use lede_core::names::Named;
use lede_core::transfer::{ArticleRecord, SiteCatalog};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub struct JsonWriter {
    site: SiteInfo,
    first: bool,
    media: Vec<MediaJson>,
}

impl JsonWriter {
    pub fn new(site: &SiteInfo) -> Self {
        Self { site: site.clone(), first: true, media: Vec::new() }
    }
}

fn rfc3339(time: OffsetDateTime) -> String {
    time.format(&Rfc3339).unwrap_or_default()
}

#[derive(Serialize)]
struct SiteJson<'a> {
    name: &'a str,
    tagline: &'a str,
    base_url: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct AuthorJson<'a> {
    slug: &'a str,
    name: &'a str,
    bio: &'a str,
    website: Option<&'a str>,
    avatar: Option<&'a str>,
    /// The name and bio in the site's other languages, by language (`"ur": {…}`).
    names: BTreeMap<&'a str, LocalJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    slug: &'a str,
    name: &'a str,
    description: &'a str,
    parent: Option<&'a str>,
    position: i64,
    /// The name and description in the site's other languages, by language.
    names: BTreeMap<&'a str, LocalJson<'a>>,
}

#[derive(Serialize)]
struct TagJson<'a> {
    slug: &'a str,
    name: &'a str,
    /// The name in the site's other languages, by language.
    names: BTreeMap<&'a str, LocalJson<'a>>,
}

/// A name in another language, and its longer text under the field it goes with
/// (`description` for sections, `bio` for authors; tags have none). Empty fields are left
/// out: pages show the default language's.
#[derive(Serialize)]
struct LocalJson<'a> {
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    bio: &'a str,
}

/// The names of one author, section or tag in the site's other languages.
fn local_names<'a>(
    catalog: &'a SiteCatalog,
    kind: Named,
    slug: &Slug,
) -> BTreeMap<&'a str, LocalJson<'a>> {
    catalog
        .names
        .of(kind, slug)
        .into_iter()
        .map(|n| {
            let text = n.text.as_str();
            let (description, bio) = match kind {
                Named::Section => (text, ""),
                Named::Author => ("", text),
                Named::Tag => ("", ""),
            };
            (n.language.as_str(), LocalJson { name: &n.name, description, bio })
        })
        .collect()
}

#[derive(Serialize)]
struct PageJson<'a> {
    slug: &'a str,
    title: &'a str,
    body_markdown: &'a str,
    body_html: &'a str,
    updated_at: String,
}

#[derive(Serialize)]
struct CommentJson<'a> {
    id: i64,
    parent: Option<i64>,
    name: &'a str,
    website: Option<&'a str>,
    text: &'a str,
    status: &'a str,
    created_at: String,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    slug: &'a str,
    headline: &'a str,
    standfirst: &'a str,
    body_markdown: &'a str,
    body_html: &'a str,
    language: &'a str,
    /// The slug of the article this one translates.
    translation_of: Option<&'a str>,
    status: &'a str,
    section: &'a str,
    authors: Vec<&'a str>,
    tags: Vec<&'a str>,
    featured_image: Option<&'a FeaturedImage>,
    published_at: Option<String>,
    created_at: String,
    updated_at: String,
    comments: Vec<CommentJson<'a>>,
}

#[derive(Serialize)]
struct MediaJson {
    url: String,
    path: String,
    alt: String,
    caption: String,
    credit: String,
    /// Shown with empty alt text on purpose (`alt` may still hold a description).
    decorative: bool,
    article: String,
}

impl Writer for JsonWriter {
    fn start(&mut self, out: &mut dyn Write, catalog: &SiteCatalog) -> Result<()> {
        let site = SiteJson {
            name: &self.site.name,
            tagline: &self.site.tagline,
            base_url: &self.site.base_url,
            language: &self.site.language,
        };
        let section_slug =
            |id| catalog.sections.iter().find(|s| s.id == id).map(|s| s.slug.as_str());
        let authors: Vec<_> = catalog
            .authors
            .iter()
            .map(|a| AuthorJson {
                slug: a.slug.as_str(),
                name: &a.name,
                bio: &a.bio,
                website: a.website.as_deref(),
                avatar: a.avatar.as_deref(),
                names: local_names(catalog, Named::Author, &a.slug),
            })
            .collect();
        let sections: Vec<_> = catalog
            .sections
            .iter()
            .map(|s| SectionJson {
                slug: s.slug.as_str(),
                name: &s.name,
                description: &s.description,
                parent: s.parent.and_then(section_slug),
                position: s.position,
                names: local_names(catalog, Named::Section, &s.slug),
            })
            .collect();
        let tags: Vec<_> = catalog
            .tags
            .iter()
            .map(|t| TagJson {
                slug: t.slug.as_str(),
                name: &t.name,
                names: local_names(catalog, Named::Tag, &t.slug),
            })
            .collect();
        let pages: Vec<_> = catalog
            .pages
            .iter()
            .map(|p| PageJson {
                slug: p.page.slug.as_str(),
                title: &p.page.title,
                body_markdown: &p.body_markdown,
                body_html: &p.page.body_html,
                updated_at: rfc3339(p.page.updated_at),
            })
            .collect();
        write!(out, "{{\"format\":\"lede-export\",\"version\":1,\"site\":")?;
        serde_json::to_writer(&mut *out, &site)?;
        write!(out, ",\n\"authors\":")?;
        serde_json::to_writer(&mut *out, &authors)?;
        write!(out, ",\n\"sections\":")?;
        serde_json::to_writer(&mut *out, &sections)?;
        write!(out, ",\n\"tags\":")?;
        serde_json::to_writer(&mut *out, &tags)?;
        write!(out, ",\n\"pages\":")?;
        serde_json::to_writer(&mut *out, &pages)?;
        write!(out, ",\n\"articles\":[")?;
        Ok(())
    }

    fn article(&mut self, out: &mut dyn Write, a: &ArticleRecord) -> Result<()> {
        let json = ArticleJson {
            slug: a.slug.as_str(),
            headline: &a.headline,
            standfirst: &a.standfirst,
            body_markdown: &a.body_markdown,
            body_html: &a.body_html,
            language: &a.language,
            translation_of: a.translation_of.as_ref().map(|o| o.slug.as_str()),
            status: a.status.as_str(),
            section: a.section.as_str(),
            authors: a.authors.iter().map(|s| s.as_str()).collect(),
            tags: a.tags.iter().map(|s| s.as_str()).collect(),
            featured_image: a.featured_image.as_ref(),
            published_at: a.published_at.map(rfc3339),
            created_at: rfc3339(a.created_at),
            updated_at: rfc3339(a.updated_at),
            comments: a
                .comments
                .iter()
                .map(|c| CommentJson {
                    id: c.id.0,
                    parent: c.parent.map(|p| p.0),
                    name: &c.name,
                    website: c.website.as_deref(),
                    text: &c.text,
                    status: c.status.as_str(),
                    created_at: rfc3339(c.created_at),
                })
                .collect(),
        };
        if !self.first {
            write!(out, ",")?;
        }
        self.first = false;
        writeln!(out)?;
        serde_json::to_writer(&mut *out, &json)?;
        if let Some(image) = &a.featured_image {
            self.media.push(MediaJson {
                url: absolute(&self.site.base_url, &image.src),
                path: image.src.clone(),
                alt: image.alt.clone(),
                caption: image.caption.clone(),
                credit: image.credit.clone(),
                decorative: image.decorative,
                article: a.slug.to_string(),
            });
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &SiteCatalog) -> Result<()> {
        write!(out, "],\n\"media\":")?;
        serde_json::to_writer(&mut *out, &self.media)?;
        writeln!(out, "}}")?;
        Ok(())
    }
}
