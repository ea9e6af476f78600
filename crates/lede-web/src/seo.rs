//! What search engines and social networks read: schema.org JSON-LD (NewsArticle with its
//! corrections, BreadcrumbList, ProfilePage), OpenGraph and Twitter card tags. Built from
//! domain values with absolute URLs, and embedded so that no text can break out of its
//! `<script>` element.

use crate::state::SiteSettings;
use lede_core::content::{Article, Author, NoteKind};
use lede_core::presentation::SiteImages;
use lede_core::urls;
use lede_store::Translation;
use serde::Serialize;
use serde_json::{Value, json};
use time::format_description::well_known::Rfc3339;

/// Serialises JSON-LD for a `<script type="application/ld+json">` element. `<`, `>` and `&`
/// become `\u003c`, `\u003e`, `\u0026` (still the same JSON), so `</script>` or `<!--` in a
/// headline cannot end the element early.
pub fn script_safe(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// OpenGraph and Twitter card values for a page's `<head>`.
#[derive(Debug, Serialize)]
pub struct SocialMeta {
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub image: Option<String>,
    pub published_time: Option<String>,
    pub modified_time: Option<String>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// OpenGraph locales (`en`, `ur`): the page's, and its translations'.
    pub locale: Option<String>,
    pub locale_alternates: Vec<String>,
}

/// A BCP 47 tag as OpenGraph writes locales (`pt-BR` → `pt_BR`).
fn og_locale(language: &str) -> String {
    language.replace('-', "_")
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// An image URL made absolute (site paths get the base URL; absolute URLs stay).
fn absolute_media(settings: &SiteSettings, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_owned()
    } else {
        settings.absolute(src)
    }
}

/// The image an article is shared with: its own share image, else its featured image, else
/// the site's default share image (so every article has one).
fn share_image(article: &Article, images: &SiteImages) -> Option<String> {
    let shown = &article.search_and_social;
    shown
        .image
        .clone()
        .or_else(|| article.summary.featured_image.as_ref().map(|i| i.src.clone()))
        .or_else(|| images.share_image.clone())
}

/// The text an article is shared with: the newsroom's own for search and social, else the
/// headline and standfirst.
fn shared_text(article: &Article) -> (&str, &str) {
    let (s, shown) = (&article.summary, &article.search_and_social);
    let title = if shown.title.is_empty() { &s.headline } else { &shown.title };
    let description = if shown.description.is_empty() { &s.standfirst } else { &shown.description };
    (title, description)
}

pub fn article_social(
    settings: &SiteSettings,
    article: &Article,
    translations: &[Translation],
    images: &SiteImages,
) -> SocialMeta {
    let s = &article.summary;
    let (title, description) = shared_text(article);
    SocialMeta {
        kind: "article",
        title: title.to_owned(),
        description: description.to_owned(),
        url: settings.absolute(&urls::article(&s.slug)),
        image: share_image(article, images).map(|src| absolute_media(settings, &src)),
        published_time: Some(rfc3339(s.published_at)),
        modified_time: Some(rfc3339(s.updated_at)),
        authors: s.authors.iter().map(|a| settings.absolute(&urls::author(&a.slug))).collect(),
        section: Some(s.section.name.clone()),
        tags: article.tags.iter().map(|t| t.name.clone()).collect(),
        locale: Some(og_locale(&s.language)),
        locale_alternates: translations.iter().map(|t| og_locale(&t.language)).collect(),
    }
}

pub fn profile_social(settings: &SiteSettings, author: &Author) -> SocialMeta {
    SocialMeta {
        kind: "profile",
        title: author.name.clone(),
        description: author.bio.clone(),
        url: settings.absolute(&urls::author(&author.slug)),
        image: author.avatar.as_ref().map(|a| absolute_media(settings, a)),
        published_time: None,
        modified_time: None,
        authors: Vec::new(),
        section: None,
        tags: Vec::new(),
        locale: None,
        locale_alternates: Vec::new(),
    }
}

/// The site as the publisher of its articles, with its logo (the theme's icon until an admin
/// gives the site one).
fn publisher(settings: &SiteSettings, site_name: &str, images: &SiteImages) -> Value {
    let logo = match &images.logo {
        Some(logo) => absolute_media(settings, logo),
        None => settings.absolute(&crate::assets::urls()["favicon.svg"]),
    };
    json!({
        "@type": "NewsMediaOrganization",
        "name": site_name,
        "url": settings.absolute(urls::HOME),
        "logo": { "@type": "ImageObject", "url": logo },
    })
}

fn person(settings: &SiteSettings, author: &Author) -> Value {
    let mut person = json!({
        "@type": "Person",
        "name": author.name,
        "url": settings.absolute(&urls::author(&author.slug)),
    });
    if let Some(website) = &author.website {
        person["sameAs"] = json!([website]);
    }
    if !author.bio.is_empty() {
        person["description"] = json!(author.bio);
    }
    person
}

/// NewsArticle and BreadcrumbList for an article page, published by the site called
/// `site_name` (its live name: admins may rename the site while it runs).
pub fn article_json_ld(
    settings: &SiteSettings,
    site_name: &str,
    article: &Article,
    translations: &[Translation],
    images: &SiteImages,
) -> Vec<String> {
    let s = &article.summary;
    let url = settings.absolute(&urls::article(&s.slug));
    let (_, description) = shared_text(article);
    let mut news = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.headline,
        "description": description,
        "datePublished": rfc3339(s.published_at),
        "dateModified": rfc3339(s.updated_at),
        "author": article.authors.iter().map(|a| person(settings, a)).collect::<Vec<_>>(),
        "publisher": publisher(settings, site_name, images),
        "mainEntityOfPage": { "@type": "WebPage", "@id": url },
        "url": url,
        "articleSection": s.section.name,
        "keywords": article.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "inLanguage": s.language,
        "wordCount": article.word_count,
    });
    // Its featured image first (what the page shows), then its share image where that is
    // another; the site's default share image when it has neither.
    let mut pictures: Vec<String> = s.featured_image.iter().map(|i| i.src.clone()).collect();
    if let Some(shared) = share_image(article, images).filter(|src| !pictures.contains(src)) {
        pictures.push(shared);
    }
    if !pictures.is_empty() {
        let pictures: Vec<String> = pictures.iter().map(|p| absolute_media(settings, p)).collect();
        news["image"] = json!(pictures);
    }
    // Corrections, as schema.org asks news publishers to mark them; `dateModified` (the last
    // published change) is never older than the newest of them, which was made with it.
    let corrections: Vec<Value> = article
        .notes
        .iter()
        .filter(|note| note.kind == NoteKind::Correction)
        .map(|note| {
            json!({ "@type": "CorrectionComment", "text": note.text, "datePublished": rfc3339(note.at) })
        })
        .collect();
    if !corrections.is_empty() {
        news["correction"] = json!(corrections);
    }
    // A translation names its original; an original names its translations.
    let work = |t: &Translation| json!({ "@type": "NewsArticle", "@id": settings.absolute(&urls::article(&t.slug)), "inLanguage": t.language });
    if let Some(original) = translations.iter().find(|t| t.original) {
        news["translationOfWork"] = work(original);
    } else if !translations.is_empty() {
        news["workTranslation"] = json!(translations.iter().map(work).collect::<Vec<_>>());
    }
    let breadcrumbs = json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": site_name, "item": settings.absolute(urls::HOME) },
            { "@type": "ListItem", "position": 2, "name": s.section.name, "item": settings.absolute(&urls::section(&s.section.slug)) },
            { "@type": "ListItem", "position": 3, "name": s.headline, "item": url },
        ],
    });
    vec![script_safe(&news), script_safe(&breadcrumbs)]
}

/// ProfilePage about a Person, for an author page.
pub fn author_json_ld(settings: &SiteSettings, author: &Author) -> Vec<String> {
    let profile = json!({
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": settings.absolute(&urls::author(&author.slug)),
        "mainEntity": person(settings, author),
    });
    vec![script_safe(&profile)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_element() {
        let value = json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let safe = script_safe(&value);
        assert!(!safe.contains('<') && !safe.contains('>'), "{safe}");
        let back: Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value, "and the same JSON");
    }
}
