//! View structs: exactly what templates show, made from domain values. Templates never see
//! database rows or domain types, so either can change without breaking a theme.

use crate::cache::shown::{self, Dep};
use crate::dates::SiteZone;
use lede_core::comment::Comment;
use lede_core::content::*;
use lede_core::urls;
use lede_store::Paged;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

#[derive(Debug, Serialize)]
pub struct Link {
    pub url: String,
    pub name: String,
}

impl Link {
    pub fn section(r: &NamedRef) -> Self {
        Self { url: urls::section(&r.slug), name: r.name.clone() }
    }
    pub fn tag(r: &NamedRef) -> Self {
        Self { url: urls::tag(&r.slug), name: r.name.clone() }
    }
    pub fn author(r: &NamedRef) -> Self {
        Self { url: urls::author(&r.slug), name: r.name.clone() }
    }
    pub fn page(r: &NamedRef) -> Self {
        Self { url: urls::page(&r.slug), name: r.name.clone() }
    }
}

/// A moment, machine-readable for `<time datetime>` and readable for people.
#[derive(Debug, Serialize)]
pub struct DateView {
    /// The instant in UTC (`2026-11-05T08:30:00Z`): unambiguous whatever the site's zone.
    pub iso: String,
    /// The day in the site's time zone, in the words of `language` (`5 November 2026`).
    pub display: String,
}

impl DateView {
    pub fn new(at: OffsetDateTime, language: &str, zone: &SiteZone) -> Self {
        Self {
            iso: at.to_offset(UtcOffset::UTC).format(&Rfc3339).unwrap_or_default(),
            display: zone.long_date(at, language),
        }
    }

    /// The same with the time to the minute (`22 November 2026 at 14:05`), for what changes
    /// within a day: corrections, updates.
    pub fn with_time(at: OffsetDateTime, language: &str, zone: &SiteZone) -> Self {
        Self { display: zone.long_date_time(at, language), ..Self::new(at, language, zone) }
    }
}

#[derive(Debug, Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// Known for library images, so the browser reserves the space before it loads.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `srcset` lists of the resized variants (empty for images outside the library).
    pub srcset: String,
    pub srcset_webp: String,
    /// The small version cards show: the 480-pixel variant (the image itself when it is
    /// narrower), sized. Known for library images only.
    pub thumbnail: Option<Thumbnail>,
}

/// A card's image: one small file, in WebP too where the library made one.
#[derive(Debug, Serialize)]
pub struct Thumbnail {
    pub src: String,
    pub webp: Option<String>,
    pub width: u32,
    pub height: u32,
}

/// The width of the variant cards show.
const THUMBNAIL_WIDTH: u32 = 480;

impl ImageView {
    /// Adds what the media library knows: size, resized variants and the thumbnail.
    pub fn add_library(&mut self, item: &lede_store::MediaItem) {
        let extension = item.path.rsplit('.').next().unwrap_or("jpg");
        self.width = Some(item.width);
        self.height = Some(item.height);
        self.thumbnail = Some(if item.widths.contains(&THUMBNAIL_WIDTH) {
            let height =
                u64::from(item.height) * u64::from(THUMBNAIL_WIDTH) / u64::from(item.width.max(1));
            Thumbnail {
                src: item.variant(THUMBNAIL_WIDTH, extension),
                webp: (extension != "webp").then(|| item.variant(THUMBNAIL_WIDTH, "webp")),
                width: THUMBNAIL_WIDTH,
                height: u32::try_from(height).unwrap_or(u32::MAX).max(1),
            }
        } else {
            Thumbnail { src: item.path.clone(), webp: None, width: item.width, height: item.height }
        });
        (self.srcset, self.srcset_webp) = srcsets(item);
    }
}

/// The `srcset` lists of a library image: its variants (and the full size) in its own
/// format, and, unless it is WebP already, its WebP variants (empty when it has none).
pub fn srcsets(item: &lede_store::MediaItem) -> (String, String) {
    let extension = item.path.rsplit('.').next().unwrap_or("jpg");
    let list = |ext: &str| -> String {
        let mut entries: Vec<String> =
            item.widths.iter().map(|w| format!("{} {w}w", item.variant(*w, ext))).collect();
        if ext == extension {
            entries.push(format!("{} {}w", item.path, item.width));
        }
        entries.join(", ")
    };
    let webp =
        if extension != "webp" && !item.widths.is_empty() { list("webp") } else { String::new() };
    (list(extension), webp)
}

impl From<&FeaturedImage> for ImageView {
    fn from(image: &FeaturedImage) -> Self {
        Self {
            src: image.src.clone(),
            // A decorative image is skipped by screen readers: empty alt text says so.
            alt: image.shown_alt().to_owned(),
            caption: image.caption.clone(),
            credit: image.credit.clone(),
            width: None,
            height: None,
            srcset: String::new(),
            srcset_webp: String::new(),
            thumbnail: None,
        }
    }
}

/// An article in a list.
#[derive(Debug, Serialize)]
pub struct ArticleCard {
    pub url: String,
    pub headline: String,
    pub standfirst: String,
    pub lang: String,
    pub dir: &'static str,
    pub published: DateView,
    pub section: Link,
    pub authors: Vec<Link>,
    pub image: Option<ImageView>,
}

fn direction(language: &str) -> &'static str {
    if is_right_to_left(language) { "rtl" } else { "ltr" }
}

impl ArticleCard {
    /// The card of `a`, its date in its own language on the calendar of `zone`.
    pub fn new(a: &ArticleSummary, zone: &SiteZone) -> Self {
        shown::record(Dep::Article(a.id));
        Self {
            url: urls::article(&a.slug),
            headline: a.headline.clone(),
            standfirst: a.standfirst.clone(),
            lang: a.language.clone(),
            dir: direction(&a.language),
            published: DateView::new(a.published_at, &a.language, zone),
            section: Link::section(&a.section),
            authors: a.authors.iter().map(Link::author).collect(),
            image: a.featured_image.as_ref().map(ImageView::from),
        }
    }
}

/// The cards of `items`; each card's section and authors lead to the edition of its
/// language (`prefix_of("ur")` is `/ur`), where a reader of that language belongs.
pub fn cards(
    items: &[ArticleSummary],
    zone: &SiteZone,
    prefix_of: impl Fn(&str) -> String,
) -> Vec<ArticleCard> {
    items
        .iter()
        .map(|a| {
            let mut card = ArticleCard::new(a, zone);
            let prefix = prefix_of(&a.language);
            for link in std::iter::once(&mut card.section).chain(&mut card.authors) {
                link.url.insert_str(0, &prefix);
            }
            card
        })
        .collect()
}

/// An author as the author box and author page show them.
#[derive(Debug, Serialize)]
pub struct AuthorView {
    pub url: String,
    pub name: String,
    pub bio: String,
    pub website: Option<String>,
    pub avatar: Option<String>,
    /// Initials for the generated avatar, drawn locally: no third-party image service.
    pub initials: String,
    /// One of the theme's avatar colours, stable for an author.
    pub tone: u32,
}

impl From<&Author> for AuthorView {
    fn from(a: &Author) -> Self {
        let initials: String = a
            .name
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .filter(|c| c.is_alphabetic())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect();
        let tone = a
            .slug
            .as_str()
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
            % 6;
        Self {
            url: urls::author(&a.slug),
            name: a.name.clone(),
            bio: a.bio.clone(),
            website: a.website.clone(),
            avatar: a.avatar.clone(),
            initials,
            tone,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CommentView {
    pub id: i64,
    pub name: String,
    pub website: Option<String>,
    pub text: String,
    pub posted: DateView,
    pub replies: Vec<CommentView>,
}

impl CommentView {
    /// The comment, dated in `language` (the article's) on the calendar of `zone`.
    pub fn new(c: &Comment, language: &str, zone: &SiteZone) -> Self {
        Self {
            id: c.id.0,
            name: c.name.clone(),
            website: c.website.clone(),
            text: c.text.clone(),
            posted: DateView::new(c.created_at, language, zone),
            replies: Vec::new(),
        }
    }
}

/// Approved comments as a thread one level deep, oldest first: a reply to a reply is shown
/// under the comment that started the thread. Dates are in `language`, the article's.
pub fn comment_thread(comments: &[Comment], language: &str, zone: &SiteZone) -> Vec<CommentView> {
    let root_of = |mut id: CommentId| {
        while let Some(parent) = comments.iter().find(|c| c.id == id).and_then(|c| c.parent) {
            id = parent;
        }
        id
    };
    let mut roots: Vec<CommentView> = Vec::new();
    let mut root_ids: Vec<CommentId> = Vec::new();
    for comment in comments {
        match comment.parent.map(root_of) {
            Some(root) if root_ids.contains(&root) => {
                let index = root_ids.iter().position(|r| *r == root).unwrap_or(0);
                roots[index].replies.push(CommentView::new(comment, language, zone));
            }
            _ => {
                roots.push(CommentView::new(comment, language, zone));
                root_ids.push(comment.id);
            }
        }
    }
    roots
}

/// Links to the neighbouring pages of a list.
#[derive(Debug, Serialize)]
pub struct Pagination {
    pub page: u32,
    pub pages: u32,
    pub newer: Option<String>,
    pub older: Option<String>,
}

impl Pagination {
    pub fn new<T>(list: &Paged<T>, base: &str) -> Self {
        let page = list.page.number;
        // A base that already has a query (a search) takes the page as one more parameter.
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = |n: u32| {
            if n == 1 { base.to_owned() } else { format!("{base}{separator}page={n}") }
        };
        Self {
            page,
            pages: list.page_count(),
            newer: (page > 1).then(|| url(page - 1)),
            older: list.has_next().then(|| url(page + 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::comment::CommentStatus;

    fn comment(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id: CommentId(id),
            article: ArticleId(1),
            parent: parent.map(CommentId),
            name: format!("c{id}"),
            website: None,
            text: String::new(),
            status: CommentStatus::Approved,
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn threads_are_one_level_deep() {
        let thread = comment_thread(
            &[comment(1, None), comment(2, Some(1)), comment(3, None), comment(4, Some(2))],
            "en",
            &SiteZone::default(),
        );
        let shape: Vec<(i64, Vec<i64>)> =
            thread.iter().map(|c| (c.id, c.replies.iter().map(|r| r.id).collect())).collect();
        assert_eq!(shape, [(1, vec![2, 4]), (3, vec![])]);
    }

    #[test]
    fn initials_and_dates() {
        let author = Author {
            id: AuthorId(1),
            slug: lede_core::Slug::parse("sofia-alvarez").expect("slug"),
            name: "Sofía  Álvarez".into(),
            bio: String::new(),
            website: None,
            avatar: None,
        };
        assert_eq!(AuthorView::from(&author).initials, "SÁ");
        let at = time::macros::datetime!(2026-11-05 08:30 UTC);
        let date = DateView::new(at, "en", &SiteZone::default());
        assert_eq!(
            (date.iso.as_str(), date.display.as_str()),
            ("2026-11-05T08:30:00Z", "5 November 2026")
        );
        // In another zone the day is that zone's, and the machine-readable instant stays UTC.
        let karachi = SiteZone::named("Asia/Karachi").expect("zone");
        let late = time::macros::datetime!(2026-11-30 20:00 +01:00);
        let date = DateView::new(late, "en", &karachi);
        assert_eq!(
            (date.iso.as_str(), date.display.as_str()),
            ("2026-11-30T19:00:00Z", "1 December 2026")
        );
    }
}
