//! How the site presents its articles beyond their text: which story leads an edition's front
//! page and which are featured (editors choose), what search engines and social networks are
//! told about an article, the breaking-news banner, and the site's logo, default share image
//! and number of "You May Also Like" cards. Pure rules: the store keeps these, the web layer
//! shows them.

use crate::content::{is_media_path, optional, required, web_address};
use crate::related::MAX_RELATED;
use crate::{Invalid, Message, Result};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// An editor's choices for the front page, stored on the article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Curation {
    /// The lead of its edition's front page, whatever is published after it, until an editor
    /// unpins it or pins another story of the same language: one per language.
    pub top_story: bool,
    /// Shown in the front page's "Featured" row.
    pub featured: bool,
}

/// What search results and share cards show of an article in place of its headline,
/// standfirst and featured image. Each empty field falls back to those.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAndSocial {
    /// The page's `<title>` and the share card's title.
    pub title: String,
    /// The `<meta name="description">` and the share card's text.
    pub description: String,
    /// The share card's image: a file under the site's `/media/` or an http(s) address.
    pub image: Option<String>,
}

/// Longest SEO title, in characters; search engines show about 60, so the editor says so.
pub const MAX_SEO_TITLE_CHARS: usize = 120;
/// Longest meta description, in characters; search engines show about 160.
pub const MAX_META_DESCRIPTION_CHARS: usize = 320;

impl SearchAndSocial {
    /// Trims the fields and checks their lengths; the description is one line (line breaks
    /// typed into its box become spaces), and the image must be an image address.
    pub fn check(self) -> Result<Self> {
        let description = self.description.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Self {
            title: optional("seo_title", &self.title, MAX_SEO_TITLE_CHARS)?,
            description: optional("meta_description", &description, MAX_META_DESCRIPTION_CHARS)?,
            image: image_address("social_image", self.image.as_deref().unwrap_or(""))?,
        })
    }
}

/// What an edit from the newsroom says about an article's presentation; `None` leaves what is
/// stored as it is (a save by someone who was not offered the choice).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Presentation {
    pub curation: Option<Curation>,
    pub search_and_social: Option<SearchAndSocial>,
}

/// An image's address as pages may show it: a file under the site's `/media/`, or an http(s)
/// address; empty is none.
pub fn image_address(field: &'static str, value: &str) -> Result<Option<String>> {
    match value.trim() {
        "" => Ok(None),
        path if is_media_path(path) => Ok(Some(path.to_owned())),
        url => web_address(field, url).map(Some),
    }
}

/// How many "You May Also Like" cards an article page shows unless the site says otherwise.
pub const DEFAULT_RELATED_COUNT: u32 = 3;

/// Checks the number of "You May Also Like" cards an admin asks for: at least one, at most
/// as many as the related lists keep.
pub fn related_count(value: &str) -> Result<u32> {
    let max = MAX_RELATED as u32;
    value.trim().parse::<u32>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| {
        Invalid::new("related_count", Message::new("validation-related-count").text("max", max))
    })
}

/// The site's own images: its logo (the publisher's logo search engines show, and the
/// masthead's) and the share image of articles that have none of their own. Each is a path
/// of the media library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteImages {
    pub logo: Option<String>,
    pub share_image: Option<String>,
}

/// Which of the site's images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteImage {
    Logo,
    ShareImage,
}

impl SiteImage {
    /// The name forms and addresses use (`logo`, `share-image`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Logo => "logo",
            Self::ShareImage => "share-image",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Logo, Self::ShareImage].into_iter().find(|i| i.as_str() == text)
    }
}

/// A banner over every page of one edition, until it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakingNews {
    /// The edition it is shown in (a site language tag).
    pub language: String,
    pub text: String,
    /// Where it leads: a path on the site or an http(s) address.
    pub link: Option<String>,
    pub expires_at: OffsetDateTime,
}

/// Longest banner text, in characters: one line on a desktop, two or three on a phone.
pub const MAX_BREAKING_CHARS: usize = 160;
/// The longest a banner may stay up: breaking news that runs for weeks is not breaking.
pub const MAX_BREAKING_DURATION: Duration = Duration::days(7);

impl BreakingNews {
    /// Trims and checks a banner set at `now`: some text on one line, a link that is a path
    /// on the site or a web address, and an expiry after now and within a week.
    pub fn check(self, now: OffsetDateTime) -> Result<Self> {
        let text = required("text", &self.text, MAX_BREAKING_CHARS)?;
        let link = match self.link.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(path) if is_site_path(path) => Some(path.to_owned()),
            Some(url) => Some(web_address("link", url)?),
        };
        if self.expires_at <= now {
            return Err(Invalid::new("expires_at", "validation-breaking-expired"));
        }
        if self.expires_at > now + MAX_BREAKING_DURATION {
            return Err(Invalid::new("expires_at", "validation-breaking-too-long"));
        }
        Ok(Self { text, link, ..self })
    }

    /// Whether readers still see it at `now`.
    pub fn is_live(&self, now: OffsetDateTime) -> bool {
        now < self.expires_at
    }
}

/// A path on this site (`/articles/…`), not one that another host would read (`//evil`).
fn is_site_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 300
        && !path
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-05 08:00 UTC);

    fn banner(text: &str, link: Option<&str>, hours: i64) -> BreakingNews {
        BreakingNews {
            language: "en".into(),
            text: text.into(),
            link: link.map(str::to_owned),
            expires_at: NOW + Duration::hours(hours),
        }
    }

    #[test]
    fn banners_need_text_a_safe_link_and_an_expiry_within_a_week() {
        let good = banner("  Polls close at 10pm  ", Some("/articles/polls"), 3).check(NOW);
        assert_eq!(good.as_ref().map(|b| b.text.as_str()), Ok("Polls close at 10pm"));
        assert!(banner("Live", Some("https://live.example.com/x"), 1).check(NOW).is_ok());
        assert_eq!(banner("Live", Some(""), 1).check(NOW).map(|b| b.link), Ok(None));
        let table = [
            (banner(" ", None, 1), "text"),
            (banner("Two\nlines", None, 1), "text"),
            (banner(&"x".repeat(161), None, 1), "text"),
            (banner("Live", Some("//evil.example/x"), 1), "link"),
            (banner("Live", Some("javascript:alert(1)"), 1), "link"),
            (banner("Live", None, 0), "expires_at"),
            (banner("Live", None, -2), "expires_at"),
            (banner("Live", None, 24 * 7 + 1), "expires_at"),
        ];
        for (input, field) in table {
            let text = input.text.clone();
            assert_eq!(input.check(NOW).map_err(|e| e.field), Err(field), "{text:?}");
        }
        let live = banner("Live", None, 1);
        assert!(live.is_live(NOW) && !live.is_live(NOW + Duration::hours(1)));
    }

    #[test]
    fn search_and_social_fields_are_trimmed_one_line_and_bounded() {
        let checked = SearchAndSocial {
            title: "  Budget passes  ".into(),
            description: "Two\nlines  of\ttext".into(),
            image: Some(" /media/uploads/2026/11/ab.png ".into()),
        }
        .check()
        .expect("valid");
        assert_eq!(checked.title, "Budget passes");
        assert_eq!(checked.description, "Two lines of text");
        assert_eq!(checked.image.as_deref(), Some("/media/uploads/2026/11/ab.png"));
        let empty = SearchAndSocial { image: Some(String::new()), ..Default::default() };
        assert_eq!(empty.check().expect("valid").image, None);
        let long = SearchAndSocial { title: "x".repeat(121), ..Default::default() };
        assert_eq!(long.check().map_err(|e| e.field), Err("seo_title"));
        let bad = SearchAndSocial { image: Some("/etc/passwd".into()), ..Default::default() };
        assert_eq!(bad.check().map_err(|e| e.field), Err("social_image"));
    }

    #[test]
    fn the_related_count_is_between_one_and_the_lists_length() {
        assert_eq!(related_count(" 3 "), Ok(3));
        assert_eq!(related_count("6"), Ok(6));
        for bad in ["0", "7", "", "three", "-1"] {
            assert!(related_count(bad).is_err(), "{bad}");
        }
        assert_eq!(SiteImage::parse("share-image"), Some(SiteImage::ShareImage));
        assert_eq!(SiteImage::parse("favicon"), None);
    }
}
