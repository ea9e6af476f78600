//! Alt text: an article that goes live describes every image it shows, for the readers who
//! hear the page rather than see it. The featured image has its own alt text or is marked
//! decorative; an image in the body has alt text or the decorative marker (`![""](…)`, which
//! renders `alt=""`; see [`crate::markdown::image`]).
//!
//! Only the editor's steps that put content live (publish, schedule, and saving an article
//! that is live or scheduled) refuse an undescribed image; drafts may lack alt text while
//! they are written. An import is not refused: what it brings in undescribed is counted in
//! its report, and refused at the first such step in the editor.

use crate::content::{CheckedArticle, FeaturedImage};
use crate::markdown::image::images_in;
use crate::{Invalid, Message, Result};

/// What an article shows without a description.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Undescribed {
    /// The featured image has no alt text and is not marked decorative.
    pub featured: bool,
    /// The addresses of the body's images that have no alt text, in order.
    pub inline: Vec<String>,
}

impl Undescribed {
    pub fn is_empty(&self) -> bool {
        !self.featured && self.inline.is_empty()
    }
}

/// The images of `featured` and of a stored (sanitised) body that nobody described: an
/// `<img>` without an `alt` attribute, or with one of only spaces. `alt=""` is HTML's word
/// for decorative and passes.
pub fn undescribed(featured: Option<&FeaturedImage>, body_html: &str) -> Undescribed {
    Undescribed {
        featured: featured.is_some_and(|image| !image.decorative && image.alt.trim().is_empty()),
        inline: images_in(body_html)
            .into_iter()
            .filter(|image| match &image.alt {
                None => true,
                Some(alt) => !alt.is_empty() && alt.trim().is_empty(),
            })
            .map(|image| image.src)
            .collect(),
    }
}

/// Refuses an article that shows an undescribed image, naming the field to fix: the featured
/// image's alt text first, then the body (with how many images lack it and the first one's
/// address).
pub fn check(article: &CheckedArticle) -> Result<()> {
    let missing = undescribed(article.input.featured_image.as_ref(), &article.body_html);
    if missing.featured {
        return Err(Invalid::new("image_alt", "validation-image-alt-featured"));
    }
    if let Some(first) = missing.inline.first() {
        let count = i64::try_from(missing.inline.len()).unwrap_or(i64::MAX);
        return Err(Invalid::new(
            "body",
            Message::new("validation-image-alt-inline").number("count", count).text("src", first),
        ));
    }
    Ok(())
}

/// What the media library says of an image, offered to every article that shows it (each
/// article keeps its own copy, so a later change here leaves published pages as they are).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Description {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// Longest alt text, caption and credit, in characters.
pub const MAX_ALT_CHARS: usize = 1000;
pub const MAX_CAPTION_CHARS: usize = 1000;
pub const MAX_CREDIT_CHARS: usize = 200;

impl Description {
    /// Trims each field and checks its length; alt text and credit are one line each.
    pub fn check(self) -> Result<Self> {
        Ok(Self {
            alt: crate::content::optional("alt", &self.alt, MAX_ALT_CHARS)?,
            caption: crate::content::optional_text("caption", &self.caption, MAX_CAPTION_CHARS)?,
            credit: crate::content::optional("credit", &self.credit, MAX_CREDIT_CHARS)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Slug;
    use crate::content::ArticleInput;

    fn article(image: Option<FeaturedImage>, body: &str) -> CheckedArticle {
        let slug = |s: &str| Slug::parse(s).expect("slug");
        ArticleInput {
            slug: slug("story"),
            headline: "A story".into(),
            standfirst: String::new(),
            body_markdown: body.into(),
            language: "en".into(),
            section: slug("news"),
            tags: Vec::new(),
            authors: vec![slug("maya")],
            featured_image: image,
            partner_only: false,
            translation_of: None,
        }
        .check()
        .expect("valid")
    }

    fn image(alt: &str, decorative: bool) -> Option<FeaturedImage> {
        Some(FeaturedImage {
            src: "/media/a.jpg".into(),
            alt: alt.into(),
            decorative,
            ..Default::default()
        })
    }

    fn field(result: Result<()>) -> Option<&'static str> {
        result.err().map(|e| e.field)
    }

    #[test]
    fn every_image_is_described_or_marked_decorative() {
        // (featured image, body) → the field refused, if any
        let table: [(Option<FeaturedImage>, &str, Option<&str>); 10] = [
            (None, "Just words.", None),
            (image("A harbour at dawn", false), "Words.", None),
            (image("", false), "Words.", Some("image_alt")),
            (image("   ", false), "Words.", Some("image_alt")),
            (image("", true), "Words.", None),
            (None, "![A boat](/media/b.jpg)", None),
            (None, "![](/media/b.jpg)", Some("body")),
            (None, "![\"\"](/media/b.jpg \"A caption\")", None),
            (None, "<img src=\"/media/c.jpg\" alt=\" \">", Some("body")),
            (image("", false), "![](/media/b.jpg)", Some("image_alt")),
        ];
        for (featured, body, refused) in table {
            let checked = article(featured.clone(), body);
            assert_eq!(field(check(&checked)), refused, "{featured:?} {body:?}");
        }
    }

    #[test]
    fn the_refusal_counts_the_body_images_and_names_the_first() {
        let checked =
            article(None, "![](/media/one.jpg)\n\n![ok](/media/two.jpg)\n\n![](/media/three.jpg)");
        let refused = check(&checked).expect_err("two undescribed");
        let english = refused.message.to_string();
        assert!(english.contains("2 images") && english.contains("/media/one.jpg"), "{english}");
        assert_eq!(
            undescribed(None, &checked.body_html).inline,
            ["/media/one.jpg", "/media/three.jpg"]
        );
    }

    #[test]
    fn descriptions_are_trimmed_and_bounded() {
        let described = Description {
            alt: "  A boat  ".into(),
            caption: "Two\nlines".into(),
            credit: " AP ".into(),
        }
        .check()
        .expect("valid");
        assert_eq!((described.alt.as_str(), described.credit.as_str()), ("A boat", "AP"));
        let long = Description { alt: "x".repeat(MAX_ALT_CHARS + 1), ..Default::default() };
        assert_eq!(long.check().expect_err("too long").field, "alt");
        let two_lines = Description { credit: "A\nB".into(), ..Default::default() };
        assert_eq!(two_lines.check().expect_err("one line").field, "credit");
    }
}
