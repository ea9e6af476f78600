//! Every public address of a Lede site, built in one place, so that a page, a feed, a sitemap,
//! the API and an export never disagree about where something lives (and a change of scheme
//! is one edit). These are paths on the site; callers make them absolute with the site's base
//! URL where a reader outside the site needs one. Slugs in other scripts (Urdu) are
//! percent-encoded here, as feeds, sitemaps and `Location` headers require; browsers show
//! them decoded.

use crate::Slug;

/// The front page.
pub const HOME: &str = "/";
/// Every published article, newest first.
pub const ARTICLES: &str = "/articles";
/// The search page.
pub const SEARCH: &str = "/search";
/// Recent corrections to published articles, newest first.
pub const CORRECTIONS: &str = "/corrections";
/// The sitemap index that search engines start from.
pub const SITEMAP_INDEX: &str = "/sitemap.xml";

/// An article's page.
pub fn article(slug: &Slug) -> String {
    format!("/articles/{slug}", slug = slug.url_encoded())
}

/// A draft shown to someone without an account, through a link the newsroom shared: `token`
/// is the secret itself (only its hash is stored).
pub fn shared_preview(token: &str) -> String {
    format!("/preview/{token}")
}

/// Where an article's comment form posts.
pub fn article_comments(slug: &Slug) -> String {
    format!("/articles/{slug}/comments", slug = slug.url_encoded())
}

/// A section's list of articles.
pub fn section(slug: &Slug) -> String {
    format!("/section/{slug}", slug = slug.url_encoded())
}

/// A tag's list of articles.
pub fn tag(slug: &Slug) -> String {
    format!("/tag/{slug}", slug = slug.url_encoded())
}

/// An author's page: the byline's bio and articles.
pub fn author(slug: &Slug) -> String {
    format!("/author/{slug}", slug = slug.url_encoded())
}

/// A standalone page (About, Contact…), at the top of the site.
pub fn page(slug: &Slug) -> String {
    format!("/{}", slug.url_encoded())
}

/// A feed file (`rss.xml`, `atom.xml`, `feed.json`) of a list: the whole site when `list` is
/// the front page, else the section, tag or author at that path.
pub fn feed(list: &str, file: &str) -> String {
    format!("{}/{file}", list.trim_end_matches('/'))
}

/// One of the sitemaps the index names (`news`, `sections`, `articles-2`…).
pub fn sitemap(name: &str) -> String {
    format!("/sitemaps/{name}.xml")
}

/// The articles published in a year.
pub fn archive_year(year: i32) -> String {
    format!("/archive/{year}")
}

/// The articles published in a month (1 to 12).
pub fn archive_month(year: i32, month: u8) -> String {
    format!("/archive/{year}/{month:02}")
}

/// A media file, from its path inside the media directory (`uploads/2026/11/a.webp`).
pub fn media(path: &str) -> String {
    format!("/media/{}", crate::uri::encode_path(path.trim_start_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses() {
        let slug = Slug::parse("river-clean-up").expect("slug");
        let table = [
            (article(&slug), "/articles/river-clean-up"),
            (article_comments(&slug), "/articles/river-clean-up/comments"),
            (section(&slug), "/section/river-clean-up"),
            (tag(&slug), "/tag/river-clean-up"),
            (author(&slug), "/author/river-clean-up"),
            (page(&slug), "/river-clean-up"),
            (feed(HOME, "rss.xml"), "/rss.xml"),
            (feed(&section(&slug), "feed.json"), "/section/river-clean-up/feed.json"),
            (sitemap("articles-2"), "/sitemaps/articles-2.xml"),
            (archive_year(2026), "/archive/2026"),
            (archive_month(2026, 3), "/archive/2026/03"),
            (media("uploads/a.webp"), "/media/uploads/a.webp"),
        ];
        for (built, expected) in table {
            assert_eq!(built, expected);
        }
    }
}
