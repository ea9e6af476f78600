//! The images of an article's body as its page shows them. Those of the media library get
//! what the featured image gets: their resized variants as `srcset` (WebP in a `<picture>`),
//! `sizes`, and `width` and `height`, so the browser picks the smallest file that fills the
//! column and keeps the room before the image arrives. Every image but one at the very top
//! of an article without a featured image loads only when the reader nears it.
//!
//! The body was sanitised once, when it was saved; this adds only those attributes, made
//! from the library's own records, to the stored HTML.

use crate::views::srcsets;
use lede_store::MediaItem;
use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::cell::Cell;

/// The width an article's images take: the text column's on wide screens, the screen's on
/// phones (as the featured image's `sizes` in `article.html`).
const SIZES: &str = "(min-width: 44rem) 42rem, 100vw";

/// Elements that take a line of the page: an image after the second of them is below the
/// first screen on a phone.
const BLOCKS: &str = "p, figure, ul, ol, blockquote, h2, h3, h4, h5, h6, table, pre, hr";

/// `body_html` with its library images' variants and sizes, and lazy loading; `library`
/// holds the records of (at least) the body's library images. `has_featured` says whether a
/// featured image comes first, so even the body's first image is below it.
pub fn with_variants(body_html: &str, library: &[MediaItem], has_featured: bool) -> String {
    if !body_html.contains("<img") {
        return body_html.to_owned();
    }
    let blocks = Cell::new(0usize);
    let images = Cell::new(0usize);
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!(BLOCKS, |_| {
            blocks.set(blocks.get() + 1);
            Ok(())
        }))
        .append_element_content_handler(element!("img", |el| {
            let src = el.get_attribute("src").unwrap_or_default();
            if let Some(item) = library.iter().find(|item| item.path == src) {
                let (srcset, webp) = srcsets(item);
                if !el.has_attribute("width") && !el.has_attribute("height") {
                    el.set_attribute("width", &item.width.to_string())?;
                    el.set_attribute("height", &item.height.to_string())?;
                }
                if !srcset.is_empty() {
                    el.set_attribute("srcset", &srcset)?;
                    el.set_attribute("sizes", SIZES)?;
                }
                if !webp.is_empty() {
                    let source = format!(
                        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">",
                        attribute(&webp)
                    );
                    el.before(&source, ContentType::Html);
                    el.after("</picture>", ContentType::Html);
                }
            }
            let first_on_screen = images.get() == 0 && !has_featured && blocks.get() <= 2;
            images.set(images.get() + 1);
            if !first_on_screen {
                el.set_attribute("loading", "lazy")?;
            }
            el.set_attribute("decoding", "async")?;
            Ok(())
        }));
    // The stored body is well-formed HTML the sanitiser wrote; were it unreadable, the page
    // still shows it as stored.
    rewrite_str(body_html, settings).unwrap_or_else(|_| body_html.to_owned())
}

/// Text made safe inside a double-quoted attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::markdown::render;

    fn item(path: &str, widths: &[u32]) -> MediaItem {
        MediaItem {
            id: 1,
            path: path.to_owned(),
            original_name: "harbour.jpg".to_owned(),
            mime: "image/jpeg".to_owned(),
            width: 2000,
            height: 1000,
            widths: widths.to_vec(),
            bytes: 1,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            uploaded_by: None,
            description: Default::default(),
        }
    }

    #[test]
    fn library_images_get_their_variants_and_others_only_lazy_loading() {
        let body = render(
            "Words.\n\n![Boats](/media/uploads/2026/11/ab.jpg \"Dawn | AP\")\n\n![Elsewhere](https://example.com/x.jpg)",
        );
        let library = [item("/media/uploads/2026/11/ab.jpg", &[480, 960])];
        let html = with_variants(&body, &library, true);
        assert!(
            html.contains(
                "<figure><picture><source type=\"image/webp\" srcset=\"/media/uploads/2026/11/ab-480.webp 480w, /media/uploads/2026/11/ab-960.webp 960w\" sizes=\"(min-width: 44rem) 42rem, 100vw\"><img src=\"/media/uploads/2026/11/ab.jpg\" alt=\"Boats\""
            ),
            "{html}"
        );
        assert!(
            html.contains("srcset=\"/media/uploads/2026/11/ab-480.jpg 480w, /media/uploads/2026/11/ab-960.jpg 960w, /media/uploads/2026/11/ab.jpg 2000w\""),
            "{html}"
        );
        assert!(html.contains("width=\"2000\" height=\"1000\""), "{html}");
        assert!(html.contains("</picture><figcaption>Dawn"), "{html}");
        assert!(
            html.contains("<img src=\"https://example.com/x.jpg\" alt=\"Elsewhere\" loading=\"lazy\" decoding=\"async\">"),
            "{html}"
        );
        assert_eq!(html.matches("loading=\"lazy\"").count(), 2, "below a featured image");
    }

    #[test]
    fn only_a_first_image_at_the_top_of_an_article_without_a_featured_image_loads_at_once() {
        let body = render(
            "![Top](/media/uploads/a.png)\n\nOne.\n\nTwo.\n\n![Lower](/media/uploads/b.png)",
        );
        let html = with_variants(&body, &[], false);
        assert_eq!(html.matches("loading=\"lazy\"").count(), 1, "{html}");
        assert!(html.contains("alt=\"Top\" decoding=\"async\""), "{html}");
        let late = render("One.\n\nTwo.\n\nThree.\n\n![Late](/media/uploads/a.png)");
        assert!(with_variants(&late, &[], false).contains("loading=\"lazy\""));
        let text = "<p>No images here.</p>";
        assert_eq!(with_variants(text, &[], false), text);
    }

    #[test]
    fn a_webp_keeps_one_srcset_and_a_size_given_by_hand_stays() {
        let body = render("Text.\n\n<img src=\"/media/uploads/c.webp\" alt=\"C\" width=\"300\">");
        let html = with_variants(&body, &[item("/media/uploads/c.webp", &[480])], true);
        assert!(!html.contains("<picture>"), "{html}");
        assert!(
            html.contains("srcset=\"/media/uploads/c-480.webp 480w, /media/uploads/c.webp 2000w\"")
        );
        assert!(html.contains("width=\"300\"") && !html.contains("height="), "{html}");
    }
}
