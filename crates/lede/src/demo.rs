//! Demo content: the Northbridge Courier, a fictional newsroom with seven authors, six
//! sections, twenty tags, sixty articles and a few comments, all written for Lede. Articles are
//! dated back from the moment of loading, so every list and "latest" page has content.
//! It goes through the newsroom like any other content, so it exercises the real path.

use anyhow::{Context, Result};
use lede_core::Slug;
use lede_core::alt_text::Description;
use lede_core::comment::{CommentInput, CommentStatus};
use lede_core::content::*;
use lede_core::language::SiteLanguages;
use lede_core::names::{LocalName, Named};
use lede_core::presentation::{Curation, SiteImage};
use lede_store::{ExistingImage, MediaLibrary, MediaStore, Newsroom};
use serde::Deserialize;
use std::collections::BTreeMap;
use time::{Duration, Time};

const SITE: &str = include_str!("../demo/site.toml");
const ARTICLES: [&str; 5] = [
    include_str!("../demo/articles-1.toml"),
    include_str!("../demo/articles-2.toml"),
    include_str!("../demo/articles-3.toml"),
    include_str!("../demo/articles-4.toml"),
    include_str!("../demo/articles-ur.toml"),
];
/// The Urdu edition's own writers, tags and readers' comments.
const SITE_UR: &str = include_str!("../demo/site-ur.toml");

const IMAGE_LIST: &str = include_str!("../demo/images.toml");
/// The illustrations, written to `DATA/media/demo/` when the demo loads.
const IMAGE_FILES: [(&str, &[u8]); 8] = [
    (
        "council-passes-budget-after-library-concession.svg",
        include_bytes!("../demo/images/council-passes-budget-after-library-concession.svg"),
    ),
    (
        "river-aln-bursts-banks-old-quay-saltmarsh.svg",
        include_bytes!("../demo/images/river-aln-bursts-banks-old-quay-saltmarsh.svg"),
    ),
    (
        "northbridge-records-hottest-day-heatwave.svg",
        include_bytes!("../demo/images/northbridge-records-hottest-day-heatwave.svg"),
    ),
    (
        "council-approves-saltmarsh-tram-line.svg",
        include_bytes!("../demo/images/council-approves-saltmarsh-tram-line.svg"),
    ),
    (
        "athletic-top-after-derby-win-over-kelsall.svg",
        include_bytes!("../demo/images/athletic-top-after-derby-win-over-kelsall.svg"),
    ),
    (
        "millbank-playhouse-reopens-after-restoration.svg",
        include_bytes!("../demo/images/millbank-playhouse-reopens-after-restoration.svg"),
    ),
    (
        "chandlery-hub-opens-first-start-ups.svg",
        include_bytes!("../demo/images/chandlery-hub-opens-first-start-ups.svg"),
    ),
    (
        "solar-cooperative-launches-community-share-offer.svg",
        include_bytes!("../demo/images/solar-cooperative-launches-community-share-offer.svg"),
    ),
];

/// The Courier's logo and the picture its articles are shared with when they have none of
/// their own (made for the demo; uploaded through the media library like anyone's).
const LOGO: &[u8] = include_bytes!("../demo/images/northbridge-courier-logo.png");
const SHARE_IMAGE: &[u8] = include_bytes!("../demo/images/northbridge-courier-share.png");

/// The stories the front pages feature: illustrated English ones, and two of the Urdu edition.
const FEATURED: [&str; 6] = [
    "council-approves-saltmarsh-tram-line",
    "millbank-playhouse-reopens-after-restoration",
    "chandlery-hub-opens-first-start-ups",
    "solar-cooperative-launches-community-share-offer",
    "سیلاب-کی-وارننگ-اب-اردو-سمیت-آٹھ-زبانوں-میں",
    "سینٹرل-لائبریری-میں-مشاعرہ-دریا-اور-سیلاب-پر-اشعار",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Images {
    image: Vec<DemoImage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoImage {
    article: String,
    file: String,
    /// Width and height in pixels.
    size: [u32; 2],
    alt: String,
    caption: String,
    credit: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Site {
    name: String,
    tagline: String,
    author: Vec<DemoAuthor>,
    section: Vec<DemoSection>,
    tags: BTreeMap<String, String>,
    page: Vec<DemoPage>,
    comment: Vec<DemoComment>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAuthor {
    slug: Slug,
    name: String,
    bio: String,
    website: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSection {
    slug: Slug,
    name: String,
    description: String,
    parent: Option<Slug>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPage {
    slug: Slug,
    title: String,
    body: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoComment {
    article: String,
    name: String,
    #[serde(default)]
    website: String,
    text: String,
    hours_after: i64,
    /// 1-based index, in this file, of the comment this one answers.
    reply_to: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Articles {
    article: Vec<DemoArticle>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoArticle {
    slug: Slug,
    headline: String,
    standfirst: String,
    section: Slug,
    tags: Vec<Slug>,
    authors: Vec<Slug>,
    language: String,
    days_ago: i64,
    hour: u8,
    body: String,
    /// The English demo article this one translates (published earlier in the demo).
    translation_of: Option<Slug>,
}

/// site-ur.toml: what the Urdu edition adds to site.toml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UrduSite {
    /// The tagline under the site's name on Urdu pages.
    tagline: String,
    author: Vec<DemoAuthor>,
    /// The tags Urdu articles bring: each one's English name (the site's default language)
    /// and its Urdu name.
    tags: BTreeMap<String, DemoUrduTag>,
    comment: Vec<DemoComment>,
    /// Urdu names and bios for site.toml's authors, sections and tags.
    author_bio: Vec<DemoAuthorBio>,
    section_name: Vec<DemoSectionName>,
    tag_names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoUrduTag {
    name: String,
    ur: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoAuthorBio {
    author: Slug,
    /// The author's name in Urdu letters, when they write it so.
    #[serde(default)]
    name: String,
    bio: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSectionName {
    section: Slug,
    name: String,
    description: String,
}

/// Gives site.toml's catalog (and the Urdu edition's new tags) its Urdu names.
async fn name_in_urdu(newsroom: &Newsroom, urdu: &UrduSite) -> Result<()> {
    newsroom.set_site_tagline("ur", &urdu.tagline).await?;
    let ur = |name: &str, text: &str| vec![LocalName::new("ur", name, text)];
    for a in &urdu.author_bio {
        newsroom.save_local_names(Named::Author, &a.author, ur(&a.name, &a.bio)).await?;
    }
    for s in &urdu.section_name {
        newsroom.save_local_names(Named::Section, &s.section, ur(&s.name, &s.description)).await?;
    }
    let new_tags = urdu.tags.iter().map(|(slug, tag)| (slug, &tag.ur));
    for (slug, name) in urdu.tag_names.iter().chain(new_tags) {
        newsroom.save_local_names(Named::Tag, &Slug::parse(slug)?, ur(name, "")).await?;
    }
    Ok(())
}

/// Writes the demo's illustrations to the media store under `demo/`, keeps them in the media library with
/// their alt text, caption and credit, and says which article shows which (each article with
/// its own copy of the description, as the editor gives it).
async fn install_images(
    newsroom: &Newsroom,
    media: &MediaStore,
) -> Result<BTreeMap<String, FeaturedImage>> {
    for (name, bytes) in IMAGE_FILES {
        media.put(&format!("demo/{name}"), bytes).await?;
    }
    let images: Images = toml::from_str(IMAGE_LIST).context("demo/images.toml")?;
    let library = MediaLibrary::new(newsroom.store().clone(), media.clone(), Default::default());
    let mut featured = BTreeMap::new();
    for i in images.image {
        let description = Description { alt: i.alt, caption: i.caption, credit: i.credit };
        let src = format!("/media/demo/{}", i.file);
        let existing = ExistingImage {
            path: src.clone(),
            mime: "image/svg+xml".to_owned(),
            width: i.size[0],
            height: i.size[1],
            description: description.clone(),
        };
        library
            .record_existing(existing, newsroom.now())
            .await
            .with_context(|| format!("demo image {}", i.file))?;
        let image = FeaturedImage {
            src,
            alt: description.alt,
            caption: description.caption,
            credit: description.credit,
            decorative: false,
        };
        featured.insert(i.article, image);
    }
    Ok(featured)
}

/// The footer's links to About, Contact and Privacy, saved as each edition's footer menu
/// (the Urdu one names them in Urdu), as an admin would on /admin/menus.
async fn footer_menus(newsroom: &Newsroom) -> Result<()> {
    use lede_core::menu::{Menu, MenuItem, MenuName, MenuTarget};
    let pages = ["about", "contact", "privacy"];
    let editions = [("en", ["", "", ""]), ("ur", ["ہمارے بارے میں", "رابطہ", "رازداری"])];
    for (language, labels) in editions {
        if !newsroom.languages().all().iter().any(|l| l == language) {
            continue;
        }
        let items = pages
            .iter()
            .zip(labels)
            .map(|(slug, label)| {
                Ok(MenuItem { target: MenuTarget::Page(Slug::parse(slug)?), label: label.into() })
            })
            .collect::<Result<Vec<_>>>()?;
        let menu = Menu { name: MenuName::Footer, language: language.to_owned(), items };
        newsroom.set_menu(menu).await?;
    }
    Ok(())
}

/// Loads the demo site, its images into `media`; returns how many articles were published.
pub async fn load(newsroom: &Newsroom, media: &MediaStore) -> Result<usize> {
    let mut images = install_images(newsroom, media).await?;
    let site: Site = toml::from_str(SITE).context("demo/site.toml")?;
    newsroom.set_site_identity(&site.name, &site.tagline).await?;
    // The Courier publishes in Urdu too, whatever else the site's settings name.
    let current = newsroom.languages();
    let mut languages = current.all().to_vec();
    languages.push("ur".to_owned());
    let languages = SiteLanguages::new(&languages, current.default_language())?;
    newsroom.set_languages(languages).await?;
    for (position, s) in site.section.into_iter().enumerate() {
        let input = SectionInput {
            slug: s.slug,
            name: s.name,
            description: s.description,
            parent: s.parent,
        };
        newsroom.save_section(input, position as i64).await?;
    }
    let mut urdu: UrduSite = toml::from_str(SITE_UR).context("demo/site-ur.toml")?;
    for a in site.author.into_iter().chain(std::mem::take(&mut urdu.author)) {
        let input = AuthorInput {
            slug: a.slug,
            name: a.name,
            bio: a.bio,
            website: Some(a.website),
            avatar: None,
        };
        newsroom.save_author(input).await?;
    }
    let new_tags = urdu.tags.iter().map(|(slug, tag)| (slug, &tag.name));
    for (slug, name) in site.tags.iter().chain(new_tags) {
        newsroom.save_tag(&Slug::parse(slug)?, name).await?;
    }
    name_in_urdu(newsroom, &urdu).await?;
    for p in site.page {
        newsroom
            .save_page(PageInput { slug: p.slug, title: p.title, body_markdown: p.body })
            .await?;
    }
    footer_menus(newsroom).await?;

    let now = newsroom.now();
    let mut articles: Vec<DemoArticle> = Vec::new();
    for (i, source) in ARTICLES.iter().enumerate() {
        let batch: Articles =
            toml::from_str(source).with_context(|| format!("demo/articles-{}.toml", i + 1))?;
        articles.extend(batch.article);
    }
    for a in &articles {
        if let Some(original) = &a.translation_of
            && !articles.iter().any(|b| &b.slug == original)
        {
            anyhow::bail!("demo article {} translates {original}, which is not there", a.slug);
        }
    }
    // Oldest first, so each publish sees the archive as it was at the time.
    articles.sort_by_key(|a| std::cmp::Reverse((a.days_ago, 24 - i64::from(a.hour))));
    let mut published_at = BTreeMap::new();
    for a in &articles {
        let day = (now - Duration::days(a.days_ago)).date();
        let at = day
            .with_time(Time::from_hms(a.hour.min(23), 0, 0)?)
            .assume_utc()
            .min(now - Duration::minutes(30));
        let input = ArticleInput {
            slug: a.slug.clone(),
            headline: a.headline.clone(),
            standfirst: a.standfirst.clone(),
            body_markdown: a.body.clone(),
            language: a.language.clone(),
            section: a.section.clone(),
            tags: a.tags.clone(),
            authors: a.authors.clone(),
            featured_image: images.remove(a.slug.as_str()),
            partner_only: false,
            translation_of: a.translation_of.clone(),
        };
        let id = newsroom
            .save_article(None, input)
            .await
            .with_context(|| format!("demo article {}", a.slug))?;
        newsroom.publish_article(id, Some(at)).await?;
        published_at.insert(a.slug.to_string(), (id, at));
    }

    for comments in [site.comment, urdu.comment] {
        add_comments(newsroom, comments, &published_at).await?;
    }
    for slug in FEATURED {
        let &(id, _) = published_at
            .get(slug)
            .with_context(|| format!("the demo features {slug}, which is not there"))?;
        newsroom.curate_article(id, Curation { top_story: false, featured: true }).await?;
    }
    set_site_images(newsroom, media).await?;
    if let Some(unused) = images.keys().next() {
        anyhow::bail!("demo/images.toml names an article that does not exist: {unused}");
    }
    Ok(articles.len())
}

/// Uploads the Courier's logo and default share image to the media library (which checks
/// and re-encodes them like any upload) and makes them the site's.
async fn set_site_images(newsroom: &Newsroom, media: &MediaStore) -> Result<()> {
    let library = MediaLibrary::new(
        newsroom.store().clone(),
        media.clone(),
        lede_store::ImageDecoding::default(),
    );
    let now = newsroom.now();
    for (image, bytes, name) in [
        (SiteImage::Logo, LOGO, "northbridge-courier-logo.png"),
        (SiteImage::ShareImage, SHARE_IMAGE, "northbridge-courier-share.png"),
    ] {
        let item = library.upload(bytes, name, None, now).await.with_context(|| name.to_owned())?;
        newsroom.set_site_image(image, Some(&item.path)).await?;
    }
    Ok(())
}

/// Adds one file's comments, approved; `reply_to` counts within the file.
async fn add_comments(
    newsroom: &Newsroom,
    comments: Vec<DemoComment>,
    published_at: &BTreeMap<String, (ArticleId, time::OffsetDateTime)>,
) -> Result<()> {
    let now = newsroom.now();
    let mut comment_ids = Vec::new();
    for c in comments {
        let &(article, at) = published_at
            .get(&c.article)
            .with_context(|| format!("demo comment on unknown article {}", c.article))?;
        let input = CommentInput {
            name: c.name,
            email: "reader@example.com".to_owned(),
            website: c.website,
            text: c.text,
            parent: c.reply_to.and_then(|n| comment_ids.get(n - 1).copied()),
        };
        let checked =
            input.check().map_err(|problems| anyhow::anyhow!("demo comment: {problems:?}"))?;
        let sent_at = (at + Duration::hours(c.hours_after)).min(now);
        let id =
            newsroom.submit_comment_at(article, &checked, CommentStatus::Pending, sent_at).await?;
        newsroom.moderate_comment(id, CommentStatus::Approved).await?;
        comment_ids.push(id);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_store::test_support::TestDb;
    use lede_store::{ArticleFilter, PageRequest};

    /// The demo shows what the newsroom asks of journalists: every image it publishes is
    /// described, and its illustrations are in the media library with their descriptions.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_demo_image_is_described_and_in_the_library() {
        let db = TestDb::sqlite().await;
        let newsroom = db.newsroom().await;
        let media_dir = std::env::temp_dir().join(format!("lede-demo-test-{}", std::process::id()));
        let media = MediaStore::local(&media_dir).expect("a media folder");
        load(&newsroom, &media).await.expect("the demo loads");
        let store = newsroom.store();
        let listed = store
            .list_articles(&ArticleFilter::default(), PageRequest::first(100))
            .await
            .expect("list");
        let mut body_images = 0;
        for summary in &listed.items {
            let article =
                store.published_article(summary.slug.as_str()).await.expect("query").expect("live");
            let images = lede_core::markdown::image::images_in(&article.body_html);
            body_images += images.len();
            let missing = lede_core::alt_text::undescribed(
                article.summary.featured_image.as_ref(),
                &article.body_html,
            );
            assert!(missing.is_empty(), "{}: {missing:?}", summary.slug);
        }
        assert!(body_images >= 2, "the demo shows images in bodies too");
        // The articles' images, and the site's logo and share image (which need no alt text:
        // the site's name goes with the logo, and a share image is a social network's).
        let library = store.media("", 100).await.expect("library");
        assert_eq!(library.len(), IMAGE_FILES.len() + 2);
        let site_images = ["northbridge-courier-logo.png", "northbridge-courier-share.png"];
        for item in library.iter().filter(|i| !site_images.contains(&i.original_name.as_str())) {
            let d = &item.description;
            assert!(!d.alt.is_empty() && !d.caption.is_empty() && !d.credit.is_empty(), "{item:?}");
            assert_eq!((item.width, item.height), (1600, 900), "{}", item.path);
        }
        let _ = std::fs::remove_dir_all(media_dir);
    }
}
