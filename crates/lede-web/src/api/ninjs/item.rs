//! The ninjs 3.0 shapes Lede writes, and an article mapped onto them: headline, standfirst
//! and HTML body; authors as people; the section and tags as subjects; the featured picture
//! as an associated `picture` item; the reader's page as the HTML rendition.

use crate::api::params::rfc3339;
use crate::api::views::Links;
use crate::state::AppState;
use lede_core::content::{Article, NamedRef};
use lede_core::{Slug, urls};
use serde::Serialize;

#[derive(Debug, Serialize)]
struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(rename = "contentType", skip_serializing_if = "Option::is_none")]
    content_type: Option<&'static str>,
    value: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct BodyView {
    role: &'static str,
    content_type: &'static str,
    word_count: u32,
    value: String,
}

/// A person or subject the item names: an author, the section, a tag.
#[derive(Debug, Serialize)]
struct Entity {
    name: String,
    rel: &'static str,
    uri: String,
    literal: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rendition {
    name: &'static str,
    href: String,
    content_type: &'static str,
}

#[derive(Debug, Serialize)]
struct AltId {
    role: &'static str,
    value: String,
}

/// A ninjs news item: an article, or the feed's package of articles.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NinjsItem {
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    representation_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_created: Option<String>,
    pub_status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    copyright_holder: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    usage_terms: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slugline: Option<String>,
    headlines: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bodies: Vec<BodyView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    people: Vec<Entity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subjects: Vec<Entity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    renditions: Vec<Rendition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    associations: Vec<Association>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    alt_ids: Vec<AltId>,
}

/// An item inside another: a featured picture, or an article in the feed's package.
#[derive(Debug, Serialize)]
pub struct Association {
    name: String,
    rel: &'static str,
    #[serde(flatten)]
    item: Associated,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Associated {
    Article(Box<NinjsItem>),
    Picture(PictureItem),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PictureItem {
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    renditions: Vec<Rendition>,
}

/// The site's host, as the authority of tag URIs: letters, digits, dots and hyphens only
/// (a port or an IPv6 literal has no place there).
fn tag_authority(base_url: &str) -> String {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    let clean: String =
        host.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
    if clean.is_empty() { "localhost".to_owned() } else { clean.to_ascii_lowercase() }
}

/// "Maya Chen", "Maya Chen and Jonas Berg", "A, B and C".
fn byline(names: &[&str]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some((*one).to_owned()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

fn entity(
    links: Links<'_>,
    page: fn(&Slug) -> String,
    rel: &'static str,
    named: &NamedRef,
) -> Entity {
    Entity {
        name: named.name.clone(),
        rel,
        uri: links.page(&page(&named.slug)),
        literal: named.slug.to_string(),
    }
}

fn text(role: &'static str, value: &str) -> Text {
    Text { role: Some(role), content_type: Some("text/plain"), value: value.to_owned() }
}

/// An article as a full ninjs text item.
pub fn article_item(state: &AppState, article: &Article) -> NinjsItem {
    let links = Links(&state.settings);
    let summary = &article.summary;
    let created = article.created_at.date();
    let uri = format!(
        "tag:{},{}:article:{}",
        tag_authority(&state.settings.base_url),
        created,
        summary.id.0
    );
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    let mut subjects = vec![entity(links, urls::section, "section", &summary.section)];
    subjects.extend(article.tags.iter().map(|t| entity(links, urls::tag, "tag", t)));
    let associations = summary
        .featured_image
        .iter()
        .map(|image| Association {
            name: "featuremedia".to_owned(),
            rel: "featuremedia",
            item: Associated::Picture(PictureItem {
                uri: links.media(&image.src),
                kind: "picture",
                descriptions: [("caption", image.caption.as_str()), ("alt", image.shown_alt())]
                    .into_iter()
                    .filter(|(_, value)| !value.is_empty())
                    .map(|(role, value)| text(role, value))
                    .collect(),
                by: Some(image.credit.clone()).filter(|c| !c.is_empty()),
                renditions: vec![Rendition {
                    name: "original",
                    href: links.media(&image.src),
                    content_type: media_type(&image.src),
                }],
            }),
        })
        .collect();
    NinjsItem {
        uri,
        kind: "text",
        representation_type: "full",
        profile: Some(if summary.featured_image.is_some() { "text-photo" } else { "text-only" }),
        version: Some(summary.updated_at.unix_timestamp().to_string()),
        // Imported and demo articles are saved after the date they were first published.
        first_created: Some(rfc3339(article.created_at.min(summary.published_at))),
        version_created: Some(rfc3339(summary.updated_at)),
        pub_status: "usable",
        language: Some(summary.language.clone()),
        copyright_holder: state.identity().name,
        usage_terms: summary.partner_only.then_some(
            "Partner-only: for syndication partners under agreement, not for the public.",
        ),
        slugline: Some(summary.slug.to_string()),
        headlines: vec![text("main", &summary.headline)],
        descriptions: Some(&summary.standfirst)
            .filter(|s| !s.is_empty())
            .map(|s| text("summary", s))
            .into_iter()
            .collect(),
        bodies: vec![BodyView {
            role: "main",
            content_type: "text/html",
            word_count: article.word_count,
            value: article.body_html.clone(),
        }],
        by: byline(&names),
        people: article
            .authors
            .iter()
            .map(|a| {
                let named = NamedRef { slug: a.slug.clone(), name: a.name.clone() };
                entity(links, urls::author, "author", &named)
            })
            .collect(),
        subjects,
        renditions: vec![Rendition {
            name: "html",
            href: links.page(&urls::article(&summary.slug)),
            content_type: "text/html",
        }],
        associations,
        alt_ids: vec![AltId { role: "lede-id", value: summary.id.0.to_string() }],
    }
}

/// The media type of an image by its file name, as renditions state it.
fn media_type(src: &str) -> &'static str {
    let extension = src.rsplit('.').next().unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        _ => "image/jpeg",
    }
}

impl Association {
    /// An article inside the feed's package, named by its slug.
    pub fn article(name: String, item: NinjsItem) -> Self {
        Self { name, rel: "item", item: Associated::Article(Box::new(item)) }
    }
}

impl NinjsItem {
    /// A package (`composite`) of items, as the feed is.
    pub fn package(
        uri: String,
        headline: &str,
        copyright_holder: String,
        version_created: Option<String>,
        associations: Vec<Association>,
    ) -> Self {
        Self {
            uri,
            kind: "composite",
            representation_type: "full",
            profile: None,
            version: None,
            first_created: None,
            version_created,
            pub_status: "usable",
            language: None,
            copyright_holder,
            usage_terms: None,
            slugline: None,
            headlines: vec![text("main", headline)],
            descriptions: Vec::new(),
            bodies: Vec::new(),
            by: None,
            people: Vec::new(),
            subjects: Vec::new(),
            renditions: Vec::new(),
            associations,
            alt_ids: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_uri_authorities_are_bare_host_names() {
        assert_eq!(tag_authority("https://News.Example/"), "news.example");
        assert_eq!(tag_authority("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(tag_authority("http://[::1]:8080"), "localhost");
    }

    #[test]
    fn bylines() {
        assert_eq!(byline(&[]), None);
        assert_eq!(byline(&["A"]).as_deref(), Some("A"));
        assert_eq!(byline(&["A", "B", "C"]).as_deref(), Some("A, B and C"));
    }
}
