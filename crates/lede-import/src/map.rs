//! WordPress's content in Lede's terms: posts become articles, categories sections (nested as
//! they were), pages static pages, and so on. Everything WordPress has that Lede does not
//! (menus, revisions, pingbacks, comments on pages) is counted as skipped, with the reason, so
//! the report can say what did not come across and why.

use crate::html::{self, shorten, to_line, to_text};
use crate::media::{Media, decode_percent};
use crate::report::Skipped;
use crate::wxr::{self, Export, Item};
use lede_core::Slug;
use lede_core::comment::{CommentStatus, Email, MAX_NAME_CHARS};
use lede_core::content::*;
use lede_core::transfer::*;
use std::collections::{HashMap, HashSet};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// Slug and name of the section for posts without a category, as WordPress calls it.
const UNCATEGORIZED: (&str, &str) = ("uncategorized", "Uncategorized");

/// The batch to import and what the mapping left out.
#[derive(Debug)]
pub struct Plan {
    pub batch: ImportBatch,
    pub skipped: Skipped,
    pub media: Media,
    /// Articles imported as drafts so they stay private: their labels.
    pub private_drafts: Vec<String>,
    /// Page slugs changed because the site keeps them for itself.
    pub reserved_renames: Vec<Renamed>,
    /// Featured images whose file was not in the local copy of the uploads.
    pub missing_images: Vec<String>,
    /// Items by WordPress post type, as read.
    pub read: Vec<(String, usize)>,
    /// Posts filed under several categories: the most specific became the section, the others
    /// tags.
    pub multi_category_posts: usize,
    /// Items whose text held control characters, removed on the way in: their labels.
    pub controls_removed: Vec<String>,
    /// What the import brings in without alt text, for the report.
    pub alt_text: AltTextReport,
}

/// Images a reader who cannot see them would miss: imported as they are (an import is never
/// refused for them), and asked for in the editor at the article's next publish or update
/// (`lede_core::alt_text`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AltTextReport {
    /// Published and scheduled articles showing an image without alt text, each with what
    /// lacks it (`post 12 (line 40): the featured image, 2 body images`).
    pub undescribed: Vec<String>,
    /// Body images with `alt=""`, which HTML (and so Lede) reads as decorative. WordPress
    /// writes it when nobody gave alt text, so some deserve a description.
    pub empty_alt: usize,
}

impl AltTextReport {
    fn of(batch: &ImportBatch) -> Self {
        let mut report = Self::default();
        for a in &batch.articles {
            if !matches!(a.status, ArticleStatus::Published | ArticleStatus::Scheduled) {
                continue;
            }
            let images = lede_core::markdown::image::images_in(&a.body_html);
            report.empty_alt += images.iter().filter(|i| i.alt.as_deref() == Some("")).count();
            let missing =
                lede_core::alt_text::undescribed(a.article.featured_image.as_ref(), &a.body_html);
            let mut what = Vec::new();
            if missing.featured {
                what.push("the featured image".to_owned());
            }
            match missing.inline.len() {
                0 => {}
                1 => what.push("1 body image".to_owned()),
                n => what.push(format!("{n} body images")),
            }
            if !what.is_empty() {
                report.undescribed.push(format!("{}: {}", a.label, what.join(", ")));
            }
        }
        report
    }
}

/// Maps a parsed export. `media_source` is the local copy of `wp-content/uploads`, if any;
/// `now` dates what the export leaves undated.
pub fn plan(
    export: &Export,
    media_source: Option<std::path::PathBuf>,
    now: OffsetDateTime,
) -> Plan {
    let attachments: HashMap<i64, &Item> =
        export.items.iter().filter(|i| i.post_type == "attachment").map(|i| (i.id, i)).collect();
    let media = Media::new(attachments.values().map(|a| a.attachment_url.as_str()), media_source);
    let mut mapper = Mapper {
        export,
        now,
        language: language(&export.language),
        media,
        attachments,
        batch: ImportBatch { source: source_name(export), ..ImportBatch::default() },
        skipped: Skipped::default(),
        private_drafts: Vec::new(),
        reserved_renames: Vec::new(),
        missing_images: Vec::new(),
        author_slugs: HashMap::new(),
        section_slugs: HashMap::new(),
        section_depth: HashMap::new(),
        tag_slugs: HashMap::new(),
        article_slugs: HashSet::new(),
        page_slugs: HashSet::new(),
        multi_category_posts: 0,
    };
    mapper.authors();
    mapper.sections();
    mapper.tags();
    let mut read: HashMap<&str, usize> = HashMap::new();
    for item in &export.items {
        *read.entry(item.post_type.as_str()).or_default() += 1;
        mapper.item(item);
    }
    mapper.copy_unused_attachments();
    let controls_removed = strip_controls(&mut mapper.batch);
    let alt_text = AltTextReport::of(&mapper.batch);
    let mut read: Vec<(String, usize)> = read.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    read.sort();
    Plan {
        batch: mapper.batch,
        skipped: mapper.skipped,
        media: mapper.media,
        private_drafts: mapper.private_drafts,
        reserved_renames: mapper.reserved_renames,
        missing_images: mapper.missing_images,
        read,
        multi_category_posts: mapper.multi_category_posts,
        controls_removed,
        alt_text,
    }
}

/// Removes control characters from every text of the batch (the domain refuses them: they
/// are invisible, and most would make feeds and sitemaps invalid XML), keeping tabs and line
/// breaks in texts of several lines. Returns the labels of the items that had any.
fn strip_controls(batch: &mut ImportBatch) -> Vec<String> {
    use lede_core::content::Lines::{Many, One};
    let strip = lede_core::content::strip_controls;
    let mut labels = Vec::new();
    let mut note = |changed: bool, label: &dyn Fn() -> String| {
        if changed {
            labels.push(label());
        }
    };
    for a in &mut batch.authors {
        let changed = strip(&mut a.author.name, One) | strip(&mut a.author.bio, Many);
        note(changed, &|| format!("author {}", a.foreign_id));
    }
    for s in &mut batch.sections {
        let changed = strip(&mut s.section.name, One) | strip(&mut s.section.description, Many);
        note(changed, &|| format!("category {}", s.foreign_id));
    }
    for t in &mut batch.tags {
        note(strip(&mut t.name, One), &|| format!("tag {}", t.foreign_id));
    }
    for a in &mut batch.articles {
        let input = &mut a.article;
        let mut changed = strip(&mut input.headline, One)
            | strip(&mut input.standfirst, Many)
            | strip(&mut a.body_html, Many);
        if let Some(image) = &mut input.featured_image {
            changed |= strip(&mut image.src, One)
                | strip(&mut image.alt, One)
                | strip(&mut image.caption, Many)
                | strip(&mut image.credit, One);
        }
        note(changed, &|| a.label.clone());
    }
    for p in &mut batch.pages {
        let changed = strip(&mut p.page.title, One) | strip(&mut p.body_html, Many);
        note(changed, &|| p.label.clone());
    }
    for c in &mut batch.comments {
        let changed = strip(&mut c.name, One) | strip(&mut c.text, Many);
        note(changed, &|| format!("comment {}", c.foreign_id));
    }
    labels
}

/// Whether a text shows anything once its control characters are gone (they are removed
/// before the batch is checked): a name or title that does not is no name, and its fallback
/// is used, rather than the rules refusing the whole import for it.
fn shows(text: &str) -> bool {
    text.chars().any(|c| !c.is_control() && !c.is_whitespace())
}

/// Names the export's site, so a second import of it is recognised: one line of at most 300
/// characters, as the newsroom keeps it, whatever the export's header holds.
fn source_name(export: &Export) -> String {
    let one_line = |text: &str| {
        let mut text = text.to_owned();
        lede_core::content::strip_controls(&mut text, Lines::One);
        text.trim().to_owned()
    };
    let site = [&export.base_blog_url, &export.link, &export.base_site_url, &export.title]
        .into_iter()
        .map(|s| one_line(s))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "unnamed site".to_owned());
    shorten(&format!("wordpress {}", site.trim_end_matches('/')), 300)
}

/// The post meta in which Lede's WXR export keeps an article's language.
pub const LANGUAGE_META: &str = "_lede_language";

/// The post meta in which Lede's WXR export names the post an article translates.
pub const TRANSLATION_OF_META: &str = "_lede_translation_of";

/// A post's own language: Lede's export writes it as post meta; Polylang files it as a term
/// of its `language` taxonomy; otherwise it is the site's.
fn post_language(item: &Item, site: &str) -> String {
    let polylang =
        || item.terms.iter().find(|(domain, _, _)| domain == "language").map(|(_, slug, _)| slug);
    match item.meta(LANGUAGE_META).or_else(|| polylang().map(String::as_str)) {
        Some(tag) if !tag.trim().is_empty() => language(tag),
        _ => site.to_owned(),
    }
}

fn language(tag: &str) -> String {
    let tag = tag.trim();
    let ok = (2..=12).contains(&tag.len())
        && tag.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ok { tag.to_owned() } else { "en".to_owned() }
}

/// A slug from what WordPress stored (often percent-encoded, in any script: WordPress keeps
/// `επίπεδο-2` or an Urdu slug as it is, and so does Lede), else from a title, else the
/// fallback. A slug made from text must keep a letter: one of only digits (`3`) says
/// nothing, so the next source is used instead.
fn slug_for(stored: &str, title: &str, fallback: &str) -> Slug {
    let decoded = decode_percent(stored.trim());
    let worded = |slug: Option<Slug>| slug.filter(|s| s.as_str().chars().any(char::is_alphabetic));
    Slug::parse(&decoded)
        .ok()
        .or_else(|| worded(Slug::from_title(&decoded)))
        .or_else(|| worded(Slug::from_title(title)))
        .unwrap_or_else(|| Slug::from_title_or(fallback, "imported"))
}

/// `slug`, or `slug-2`, `slug-3`… when `taken` has it; the result is then taken.
fn unique(slug: Slug, taken: &mut HashSet<Slug>) -> Slug {
    let mut candidate = slug.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = slug.numbered(n);
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A WordPress date (`2013-01-10 20:15:40`), read as UTC; WordPress writes `0000-00-00 …` for
/// "not set".
fn wp_date(text: &str) -> Option<OffsetDateTime> {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    PrimitiveDateTime::parse(text.trim(), format).ok().map(PrimitiveDateTime::assume_utc)
}

fn rss_date(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc2822).ok()
}

/// Whether a path is one of WordPress's links by id (`/?p=568`, `/?page_id=2`).
fn is_id_link(path: &str) -> bool {
    let Some(query) = path.strip_prefix("/?").or_else(|| path.split_once('?').map(|(_, q)| q))
    else {
        return false;
    };
    query.split('&').any(|pair| {
        matches!(pair.split_once('='), Some(("p" | "page_id", id)) if id.parse::<i64>().is_ok())
    })
}

/// The path (and query) of a URL, for redirects: `https://old.example/2010/05/x/` → `/2010/05/x/`.
fn url_path(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let at = rest.find('/')?;
    let path = rest[at..].split('#').next().unwrap_or("");
    (!path.is_empty()).then(|| path.to_owned())
}

struct Mapper<'a> {
    export: &'a Export,
    now: OffsetDateTime,
    language: String,
    media: Media,
    attachments: HashMap<i64, &'a Item>,
    batch: ImportBatch,
    skipped: Skipped,
    private_drafts: Vec<String>,
    reserved_renames: Vec<Renamed>,
    missing_images: Vec<String>,
    /// Login (and the slug of every login) → author slug.
    author_slugs: HashMap<String, Slug>,
    /// Nicename → section slug.
    section_slugs: HashMap<String, Slug>,
    section_depth: HashMap<String, usize>,
    /// Nicename → tag slug.
    tag_slugs: HashMap<String, Slug>,
    article_slugs: HashSet<Slug>,
    page_slugs: HashSet<Slug>,
    multi_category_posts: usize,
}

impl Mapper<'_> {
    fn authors(&mut self) {
        let mut taken = HashSet::new();
        for (n, a) in self.export.authors.iter().enumerate() {
            if a.login.is_empty() || self.author_slugs.contains_key(&a.login) {
                continue;
            }
            let full_name = format!("{} {}", a.first_name, a.last_name);
            let name = [a.display_name.as_str(), full_name.trim(), a.login.as_str()]
                .into_iter()
                .map(to_line)
                .find(|n| shows(n))
                .unwrap_or_else(|| "Unknown author".to_owned());
            let slug = unique(slug_for(&a.login, &name, &format!("author-{}", n + 1)), &mut taken);
            self.add_author(&a.login, slug, name);
        }
    }

    fn add_author(&mut self, login: &str, slug: Slug, name: String) {
        self.author_slugs.insert(login.to_owned(), slug.clone());
        self.author_slugs.entry(slug.to_string()).or_insert_with(|| slug.clone());
        self.batch.authors.push(ImportAuthor {
            foreign_id: login.to_owned(),
            author: AuthorInput {
                slug,
                name: shorten(&name, 120),
                // WXR carries no biography; the newsroom can add one.
                bio: String::new(),
                website: None,
                avatar: None,
            },
        });
    }

    /// The author of a post: its creator's login, or the same login written loosely
    /// (`>themereviewteam` is in WordPress's own test data), or a new author of that name.
    fn author_for(&mut self, creator: &str) -> Slug {
        if let Some(slug) = self.author_slugs.get(creator) {
            return slug.clone();
        }
        let name = to_line(creator);
        let name = if shows(&name) { name } else { "Unknown author".to_owned() };
        let slug = slug_for(creator, &name, "unknown-author");
        if let Some(known) = self.author_slugs.get(slug.as_str()) {
            let known = known.clone();
            self.author_slugs.insert(creator.to_owned(), known.clone());
            return known;
        }
        let mut taken: HashSet<Slug> =
            self.batch.authors.iter().map(|a| a.author.slug.clone()).collect();
        let slug = unique(slug, &mut taken);
        self.add_author(creator, slug.clone(), name);
        slug
    }

    /// Categories as sections, parents first; a parent missing from the export makes its child
    /// a top-level section.
    fn sections(&mut self) {
        let mut categories: Vec<wxr::Category> = self.export.categories.clone();
        // Categories only items mention (WXR 1.0 may not list them all).
        for item in &self.export.items {
            for (domain, nicename, name) in &item.terms {
                if domain == "category" && !categories.iter().any(|c| &c.nicename == nicename) {
                    categories.push(wxr::Category {
                        nicename: nicename.clone(),
                        name: name.clone(),
                        ..wxr::Category::default()
                    });
                }
            }
        }
        let known: HashSet<String> = categories.iter().map(|c| c.nicename.clone()).collect();
        let mut taken = HashSet::new();
        let mut placed: HashSet<String> = HashSet::new();
        while !categories.is_empty() {
            let before = categories.len();
            let mut waiting = Vec::new();
            for c in categories {
                let parent =
                    (!c.parent.is_empty() && known.contains(&c.parent)).then_some(&c.parent);
                if parent.is_some_and(|p| !placed.contains(p)) {
                    waiting.push(c);
                    continue;
                }
                self.add_section(&c, parent.cloned(), &mut taken);
                placed.insert(c.nicename.clone());
            }
            if waiting.len() == before {
                // A cycle of parents: break it by placing the rest at the top.
                for mut c in waiting {
                    c.parent.clear();
                    self.add_section(&c, None, &mut taken);
                }
                break;
            }
            categories = waiting;
        }
    }

    fn add_section(
        &mut self,
        c: &wxr::Category,
        parent: Option<String>,
        taken: &mut HashSet<Slug>,
    ) {
        if c.nicename.is_empty() || self.section_slugs.contains_key(&c.nicename) {
            return;
        }
        let name = [&c.name, &c.nicename]
            .map(|n| to_line(n))
            .into_iter()
            .find(|n| shows(n))
            .map_or_else(|| "Category".to_owned(), |n| shorten(&n, 100));
        let slug = unique(slug_for(&c.nicename, &name, "category"), taken);
        let depth = parent.as_ref().and_then(|p| self.section_depth.get(p)).map_or(0, |d| d + 1);
        self.section_depth.insert(c.nicename.clone(), depth);
        self.section_slugs.insert(c.nicename.clone(), slug.clone());
        self.batch.sections.push(ImportSection {
            foreign_id: c.nicename.clone(),
            section: SectionInput {
                slug,
                name,
                description: shorten(&to_text(&c.description), 600),
                parent: parent.and_then(|p| self.section_slugs.get(&p).cloned()),
            },
        });
    }

    fn tags(&mut self) {
        let mut tags: Vec<(String, String)> =
            self.export.tags.iter().map(|t| (t.slug.clone(), t.name.clone())).collect();
        for item in &self.export.items {
            for (domain, nicename, name) in &item.terms {
                if domain == "post_tag" {
                    tags.push((nicename.clone(), name.clone()));
                }
            }
        }
        for (nicename, name) in tags {
            self.tag(&nicename, &name);
        }
    }

    /// The slug of the tag with this nicename, adding it to the batch the first time.
    fn tag(&mut self, nicename: &str, name: &str) -> Option<Slug> {
        if let Some(slug) = self.tag_slugs.get(nicename) {
            return Some(slug.clone());
        }
        let name = [name, nicename].map(to_line).into_iter().find(|n| shows(n))?;
        let name = shorten(&name, 100);
        let mut taken: HashSet<Slug> = self.tag_slugs.values().cloned().collect();
        let slug = unique(slug_for(nicename, &name, "tag"), &mut taken);
        self.tag_slugs.insert(nicename.to_owned(), slug.clone());
        self.batch.tags.push(ImportTag {
            foreign_id: nicename.to_owned(),
            slug: slug.clone(),
            name,
        });
        Some(slug)
    }

    fn item(&mut self, item: &Item) {
        match item.post_type.as_str() {
            "post" => self.post(item),
            "page" => self.page(item),
            "attachment" => self.skipped.add("attachment (kept as media, not as content)", item),
            "nav_menu_item" => {
                self.skipped.add("navigation menu item (Lede's menu is its sections)", item);
            }
            "revision" => self.skipped.add("revision (only the current version is imported)", item),
            other => {
                self.skipped.add(&format!("post type {other:?} (Lede has nothing like it)"), item)
            }
        }
    }

    fn label(item: &Item) -> String {
        format!("{} {} (line {})", item.post_type, item.id, item.line)
    }

    /// When an item was published: `post_date_gmt`, else its local date, else its RSS date.
    fn published_at(item: &Item) -> Option<OffsetDateTime> {
        wp_date(&item.date_gmt).or_else(|| wp_date(&item.date)).or_else(|| rss_date(&item.pub_date))
    }

    /// The addresses an item had: its permalink and guid, and its own `?p=ID` links. A
    /// `?p=`/`?page_id=` link in the permalink or guid is left out: it names a WordPress id,
    /// and only the item's own `wp:post_id` says which (a duplicated post keeps the guid of
    /// its original, which must go on answering for the original).
    fn old_paths(item: &Item, query_keys: &[&str]) -> Vec<String> {
        let mut paths: Vec<String> = [&item.link, &item.guid]
            .into_iter()
            .filter_map(|url| url_path(url))
            .filter(|path| !is_id_link(path))
            .collect();
        for key in query_keys {
            paths.push(format!("/?{key}={}", item.id));
        }
        paths.sort();
        paths.dedup();
        paths
    }

    fn post(&mut self, item: &Item) {
        let label = Self::label(item);
        let private = item.status == "private" || !item.password.is_empty();
        let status = match item.status.as_str() {
            _ if private => ArticleStatus::Draft,
            "publish" => ArticleStatus::Published,
            "future" => ArticleStatus::Scheduled,
            "draft" | "pending" => ArticleStatus::Draft,
            "trash" | "auto-draft" => {
                self.skipped.add(&format!("post in status {:?}", item.status), item);
                return;
            }
            other => {
                self.skipped.add(&format!("post in unknown status {other:?}"), item);
                return;
            }
        };
        if private {
            let why = if item.status == "private" { "private" } else { "password-protected" };
            self.private_drafts.push(format!("{label}: {why}"));
        }
        let body = self.media.rewrite_html(&html::post_html(&item.content));
        let headline = headline(item, &body);
        let slug = unique(
            slug_for(&item.name, &headline, &format!("post-{}", item.id)),
            &mut self.article_slugs,
        );
        let author = self.author_for(&item.creator);
        let (section, tags) = self.section_and_tags(item);
        let published_at = Self::published_at(item)
            .or_else(|| (status != ArticleStatus::Draft).then_some(self.now));
        let updated_at = wp_date(&item.modified_gmt).or(published_at).unwrap_or(self.now);
        let featured_image = self.featured_image(item, &label);
        self.batch.articles.push(ImportArticle {
            foreign_id: item.id.to_string(),
            label,
            article: ArticleInput {
                slug,
                headline,
                standfirst: shorten(&to_line(&item.excerpt), MAX_STANDFIRST_CHARS),
                body_markdown: String::new(),
                language: post_language(item, &self.language),
                section,
                tags,
                authors: vec![author],
                featured_image,
                partner_only: false,
                translation_of: None,
            },
            body_html: body,
            status,
            published_at,
            updated_at,
            old_paths: Self::old_paths(item, &["p"]),
            translation_of: item
                .meta(TRANSLATION_OF_META)
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned),
        });
        self.comments(item);
    }

    /// The most specific of a post's categories becomes its section (the deepest; the first
    /// listed among equals); its other categories become tags, so it can still be found under
    /// them. Tags stay tags.
    fn section_and_tags(&mut self, item: &Item) -> (Slug, Vec<Slug>) {
        let categories: Vec<&(String, String, String)> =
            item.terms.iter().filter(|(d, _, _)| d == "category").collect();
        let chosen = categories
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, nicename, _))| {
                (self.section_depth.get(nicename).copied().unwrap_or(0), std::cmp::Reverse(*i))
            })
            .map(|(_, (_, nicename, _))| nicename.clone());
        if categories.len() > 1 {
            self.multi_category_posts += 1;
        }
        let section = match chosen.as_ref().and_then(|n| self.section_slugs.get(n)) {
            Some(slug) => slug.clone(),
            None => self.uncategorized(),
        };
        let mut tags = Vec::new();
        for (domain, nicename, name) in &item.terms {
            let is_extra_category = domain == "category" && Some(nicename) != chosen.as_ref();
            if (domain == "post_tag" || is_extra_category)
                && let Some(slug) = self.tag(nicename, name)
                && !tags.contains(&slug)
            {
                tags.push(slug);
            }
        }
        (section, tags)
    }

    fn uncategorized(&mut self) -> Slug {
        let (nicename, name) = UNCATEGORIZED;
        if !self.section_slugs.contains_key(nicename) {
            let mut taken: HashSet<Slug> = self.section_slugs.values().cloned().collect();
            let category = wxr::Category {
                nicename: nicename.to_owned(),
                name: name.to_owned(),
                ..wxr::Category::default()
            };
            self.add_section(&category, None, &mut taken);
        }
        self.section_slugs
            .get(nicename)
            .cloned()
            .unwrap_or_else(|| Slug::from_title_or(nicename, nicename))
    }

    /// The post's featured image (`_thumbnail_id` → attachment → file in the local copy).
    fn featured_image(&mut self, item: &Item, label: &str) -> Option<FeaturedImage> {
        let id: i64 = item.meta("_thumbnail_id")?.trim().parse().ok()?;
        let Some(attachment) = self.attachments.get(&id).copied() else {
            self.missing_images.push(format!("{label}: attachment {id} is not in the export"));
            return None;
        };
        let Some(src) = self.media.local(&attachment.attachment_url) else {
            // A file left behind for its kind is reported with the refused media.
            if !self.media.is_refused(&attachment.attachment_url) {
                self.missing_images.push(format!("{label}: {}", attachment.attachment_url));
            }
            return None;
        };
        Some(FeaturedImage {
            src,
            alt: shorten(&to_line(attachment.meta("_wp_attachment_image_alt").unwrap_or("")), 300),
            caption: shorten(&to_line(&attachment.excerpt), 300),
            credit: String::new(),
            decorative: false,
        })
    }

    fn page(&mut self, item: &Item) {
        if item.status != "publish" || !item.password.is_empty() {
            let why = if item.password.is_empty() {
                format!("page in status {:?} (Lede's pages are always public)", item.status)
            } else {
                "password-protected page (Lede's pages are always public)".to_owned()
            };
            self.skipped.add(&why, item);
            return;
        }
        let label = Self::label(item);
        let title = shorten(&to_line(&item.title), 200);
        let title = if shows(&title) { title } else { format!("Page {}", item.id) };
        let wanted = slug_for(&item.name, &title, &format!("page-{}", item.id));
        let free = if RESERVED_PAGE_SLUGS.contains(&wanted.as_str()) {
            let renamed =
                Slug::parse(&format!("{wanted}-page")).unwrap_or_else(|_| wanted.numbered(2));
            self.reserved_renames.push(Renamed {
                kind: "page",
                label: label.clone(),
                from: wanted.clone(),
                to: renamed.clone(),
            });
            renamed
        } else {
            wanted
        };
        let slug = unique(free, &mut self.page_slugs);
        let body = self.media.rewrite_html(&html::post_html(&item.content));
        for _ in &item.comments {
            self.skipped.add("comment on a page (Lede's pages have no comments)", item);
        }
        self.batch.pages.push(ImportPage {
            foreign_id: item.id.to_string(),
            label,
            page: PageInput { slug, title, body_markdown: String::new() },
            body_html: body,
            updated_at: wp_date(&item.modified_gmt)
                .or_else(|| Self::published_at(item))
                .unwrap_or(self.now),
            old_paths: Self::old_paths(item, &["page_id", "p"]),
        });
    }

    /// A post's comments, parents before replies; pingbacks and trackbacks are not comments.
    fn comments(&mut self, item: &Item) {
        let mut pending: Vec<&wxr::Comment> = Vec::new();
        for c in &item.comments {
            if c.kind == "pingback" || c.kind == "trackback" {
                self.skipped.add("pingback or trackback (not a reader's comment)", item);
                continue;
            }
            if !shows(&to_text(&c.content)) {
                self.skipped.add("empty comment", item);
                continue;
            }
            pending.push(c);
        }
        let ids: HashSet<i64> = pending.iter().map(|c| c.id).collect();
        let mut placed: HashSet<i64> = HashSet::new();
        while !pending.is_empty() {
            let before = pending.len();
            let mut waiting = Vec::new();
            for c in pending {
                let parent = (c.parent != 0 && ids.contains(&c.parent)).then_some(c.parent);
                if parent.is_some_and(|p| !placed.contains(&p)) {
                    waiting.push(c);
                    continue;
                }
                self.comment(item, c, parent);
                placed.insert(c.id);
            }
            if waiting.len() == before {
                for c in waiting {
                    self.comment(item, c, None);
                }
                break;
            }
            pending = waiting;
        }
    }

    fn comment(&mut self, item: &Item, c: &wxr::Comment, parent: Option<i64>) {
        let status = match c.approved.as_str() {
            "1" | "approve" | "approved" => CommentStatus::Approved,
            "spam" => CommentStatus::Spam,
            "trash" | "post-trashed" => CommentStatus::Trash,
            _ => CommentStatus::Pending,
        };
        let name = shorten(&to_line(&c.author), MAX_NAME_CHARS);
        let name = if shows(&name) { name } else { "Anonymous".to_owned() };
        let website =
            (!c.url.trim().is_empty()).then(|| web_address("website", c.url.trim()).ok()).flatten();
        self.batch.comments.push(ImportComment {
            foreign_id: c.id.to_string(),
            article: item.id.to_string(),
            parent: parent.map(|p| p.to_string()),
            name,
            email: Email::parse(&c.email).ok(),
            website,
            text: shorten(&to_text(&c.content), MAX_IMPORTED_COMMENT_CHARS),
            status,
            created_at: wp_date(&c.date_gmt)
                .or_else(|| wp_date(&c.date))
                .or_else(|| Self::published_at(item))
                .unwrap_or(self.now),
        });
    }

    /// Attachments found in the local copy are copied even when no post shows them, so the
    /// site keeps its whole media library.
    fn copy_unused_attachments(&mut self) {
        let urls: Vec<String> =
            self.attachments.values().map(|a| a.attachment_url.clone()).collect();
        for url in urls {
            let _ = self.media.local(&url);
        }
    }
}

/// A post's title as plain text, or, for a post without one, the start of its text.
fn headline(item: &Item, body: &str) -> String {
    let title = to_line(&item.title);
    if shows(&title) {
        return shorten(&title, MAX_HEADLINE_CHARS);
    }
    let text = to_line(body);
    let all = || text.split_whitespace().filter(|w| shows(w));
    let words: Vec<&str> = all().take(10).collect();
    if words.is_empty() {
        return format!("Untitled post {}", item.id);
    }
    let mut start = words.join(" ");
    if all().count() > words.len() {
        start.push('…');
    }
    shorten(&start, MAX_HEADLINE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_what_wordpress_stored_then_titles_then_ids() {
        let cases = [
            ("hello-world", "Anything", "post-1", "hello-world"),
            ("2023", "Anything", "post-1", "2023"),
            ("Caf%C3%A9-Cr%C3%A8me", "x", "post-1", "cafe-creme"),
            (
                "%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2",
                "Επίπεδο 2 -Second Greek level",
                "page-1",
                "επίπεδο-2",
            ),
            ("%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-3", "Επίπεδο 3", "page-1813", "επίπεδο-3"),
            ("", "", "post-9", "post-9"),
            ("", "سیلاب کی وارننگ", "post-9", "سیلاب-کی-وارننگ"),
            ("", "٣", "page-7", "page-7"),
        ];
        for (stored, title, fallback, slug) in cases {
            assert_eq!(slug_for(stored, title, fallback).as_str(), slug, "{stored:?} {title:?}");
        }
    }

    #[test]
    fn a_post_language_comes_from_lede_meta_then_polylang_then_the_site() {
        let mut item = Item::default();
        assert_eq!(post_language(&item, "en-US"), "en-US");
        item.terms.push(("language".into(), "ur".into(), "اردو".into()));
        assert_eq!(post_language(&item, "en-US"), "ur");
        item.meta.push((LANGUAGE_META.into(), "fr".into()));
        assert_eq!(post_language(&item, "en-US"), "fr", "Lede's own meta wins");
    }

    #[test]
    fn old_addresses_are_paths_with_their_queries() {
        assert_eq!(url_path("https://old.example/2010/05/x/").as_deref(), Some("/2010/05/x/"));
        assert_eq!(url_path("https://old.example/?p=12").as_deref(), Some("/?p=12"));
        assert_eq!(url_path("https://old.example").as_deref(), None);
    }

    /// Found by the WXR fuzz target: an export that reads must map to a batch the rules
    /// accept. A control character or 300 characters in the site's title made the import's
    /// source unacceptable; names and titles of nothing but control characters, markup or
    /// non-breaking spaces became empty once cleaned, and the rules refused the whole import
    /// for one of them.
    #[test]
    fn odd_texts_map_to_a_batch_the_rules_accept() {
        let post = |id: i64, title: &str, content: &str| Item {
            id,
            title: title.into(),
            content: content.into(),
            status: "publish".into(),
            post_type: "post".into(),
            creator: "<b></b>".into(),
            terms: vec![
                ("category".into(), "\u{1}".into(), "\u{1}".into()),
                ("post_tag".into(), "\u{7}".into(), "&nbsp;".into()),
            ],
            comments: vec![
                wxr::Comment {
                    id: id * 10,
                    author: "\u{1b}".into(),
                    content: "Hi".into(),
                    ..Default::default()
                },
                wxr::Comment {
                    id: id * 10 + 1,
                    author: "Ann".into(),
                    content: "\u{8}".into(),
                    ..Default::default()
                },
            ],
            ..Item::default()
        };
        let exports = [
            Export { title: "Old\u{0} times".into(), ..Export::default() },
            Export {
                link: format!("https://old.example/{}", "a".repeat(400)),
                ..Export::default()
            },
            Export {
                authors: vec![wxr::Author { login: "<i></i>".into(), ..Default::default() }],
                categories: vec![wxr::Category {
                    nicename: "\u{2}".into(),
                    name: "\u{a0}".into(),
                    ..Default::default()
                }],
                items: vec![
                    post(1, "\u{7}", "\u{1}"),
                    post(2, "\u{a0}", "<p>\u{7}</p>"),
                    Item { post_type: "page".into(), ..post(3, "\u{1}", "") },
                ],
                ..Export::default()
            },
        ];
        for export in exports {
            let plan = plan(&export, None, time::macros::datetime!(2026-12-01 12:00 UTC));
            let checked = plan.batch.check(b"secret").expect("the rules accept the batch");
            for article in &checked.articles {
                assert!(article.article.input.headline.starts_with("Untitled post"));
            }
        }
    }

    #[test]
    fn dates_are_read_as_utc_and_zero_dates_are_none() {
        assert_eq!(
            wp_date("2012-01-03 17:11:37"),
            Some(time::macros::datetime!(2012-01-03 17:11:37 UTC))
        );
        assert_eq!(wp_date("0000-00-00 00:00:00"), None);
        assert!(rss_date("Tue, 27 Jan 2015 14:56:57 +0000").is_some());
    }
}
